//! What a resident meets after the scan, in real Chromium and Lighthouse:
//! search that ignores tones and capitals and knows synonyms, pages read
//! with JavaScript off and by keyboard, the kiosk screen, pages that open
//! again without signal, Lighthouse scores on a throttled phone, and the
//! weight of the search.
//!
//! Needs Chromium and the npm packages of `tests/clients` (`.ci/run`
//! installs them); under `CI=true` a missing one fails the test.

use std::io::Write as _;
use std::path::Path;

use crate::chromium;
use crate::util::{self, TestSite, files_below, procedure, sample_url, serve_static};

fn titles(line: &serde_json::Value) -> Vec<String> {
    line["results"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["title"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn search_finds_a_procedure_typed_without_tones_in_capitals_or_half_typed_needs_chromium() {
    if !chromium::ready(&[]) {
        return;
    }
    let home = format!("{}/", sample_url());
    let queries = [
        "tam tru",
        "TAM TRU",
        "đăng ký tạm trú",
        "Đăng Ký Tạm Trú",
        "tam tr",
        "dang ky tam",
    ];
    let lines = chromium::lines("search", &[&[home.as_str()][..], &queries[..]].concat());
    assert_eq!(lines.len(), queries.len(), "{lines:?}");
    for line in &lines {
        let t = titles(line);
        assert_eq!(
            t.first().map(String::as_str),
            Some("Đăng ký tạm trú"),
            "{}: {t:?}",
            line["query"]
        );
    }
    // nothing is found for nonsense, and the resident is told so
    let none = chromium::lines("search", &[&home, "xyzxyz"]);
    assert!(titles(&none[0]).is_empty());
    assert!(
        none[0]["status"]
            .as_str()
            .unwrap_or("")
            .contains("Không tìm thấy")
    );
}

#[test]
fn search_knows_the_sites_synonyms_needs_chromium() {
    if !chromium::ready(&[]) {
        return;
    }
    let site = TestSite::new();
    site.write(
        "site.yaml",
        &format!(
            "{}search:\n  synonyms:\n    - CCCD, căn cước, căn cước công dân\n    - KT3, tạm trú\n    - công chứng, chứng thực\n",
            util::SITE_YAML
        ),
    );
    // no keywords: only the synonyms can lead from one word to the other
    let plain = |title: &str, id: &str| {
        procedure(title, id)
            .replace(
                "Khai báo nơi ở mới khi bạn ở ngoài nơi thường trú từ 30 ngày trở lên.",
                "Một thủ tục.",
            )
            .replace("Tờ khai thay đổi thông tin cư trú (mẫu CT01)", "Tờ khai")
            .replace("Giấy tờ chứng minh chỗ ở hợp pháp", "Giấy tờ")
            .replace("Thông tin tạm trú được cập nhật", "Kết quả")
            .replace("Mang theo căn cước.", "Mang theo giấy tờ.")
    };
    site.write("content/cu-tru/a.md", &plain("Đăng ký tạm trú", "a1"));
    site.write("content/cu-tru/b.md", &plain("Cấp đổi thẻ căn cước", "a2"));
    site.write("content/cu-tru/c.md", &plain("Chứng thực bản sao", "a3"));
    assert_eq!(site.build(&["--no-print"]).code, 0);
    let url = serve_static(site.path("public"));
    let lines = chromium::lines(
        "search",
        &[
            &format!("{url}/"),
            "KT3",
            "cccd",
            "công chứng",
            "cong chung",
        ],
    );
    let first = |i: usize| titles(&lines[i]).first().cloned().unwrap_or_default();
    assert_eq!(first(0), "Đăng ký tạm trú", "{lines:?}");
    assert_eq!(first(1), "Cấp đổi thẻ căn cước", "{lines:?}");
    assert_eq!(first(2), "Chứng thực bản sao", "{lines:?}");
    assert_eq!(first(3), "Chứng thực bản sao", "{lines:?}");
}

#[test]
fn search_finds_words_of_scripts_written_without_spaces_needs_chromium() {
    if !chromium::ready(&[]) {
        return;
    }
    // a commune with Khmer and Hoa residents names its procedures in their
    // scripts too; a word typed in them found nothing (the box kept only
    // Latin letters, the index only their transliteration)
    let site = TestSite::new();
    site.write("site.yaml", util::SITE_YAML);
    site.write(
        "content/cu-tru/a.md",
        &procedure("Đăng ký tạm trú (ការចុះឈ្មោះស្នាក់នៅ)", "a1"),
    );
    site.write(
        "content/cu-tru/b.md",
        &procedure("Đăng ký khai sinh (出生登记)", "a2"),
    );
    assert_eq!(site.build(&["--no-print"]).code, 0);
    let url = serve_static(site.path("public"));
    let lines = chromium::lines(
        "search",
        &[&format!("{url}/"), "ស្នាក់នៅ", "出生", "khai sinh"],
    );
    let first = |i: usize| titles(&lines[i]).first().cloned().unwrap_or_default();
    assert_eq!(first(0), "Đăng ký tạm trú (ការចុះឈ្មោះស្នាក់នៅ)", "{lines:?}");
    assert_eq!(first(1), "Đăng ký khai sinh (出生登记)", "{lines:?}");
    assert_eq!(first(2), "Đăng ký khai sinh (出生登记)", "{lines:?}");
}

#[test]
fn search_ranks_title_over_keywords_over_body_needs_chromium() {
    if !chromium::ready(&[]) {
        return;
    }
    let site = TestSite::new();
    let p = |title: &str, id: &str, keywords: &str, extra: &str| {
        procedure(title, id)
            .replace(
                "updated: 2026-10-01",
                &format!("keywords: [{keywords}]\nupdated: 2026-10-01"),
            )
            .replace(
                "- Mang theo căn cước.",
                &format!("- Mang theo căn cước. {extra}"),
            )
    };
    site.write(
        "content/cu-tru/a.md",
        &p("Gia hạn giấy phép", "a1", "khác", "Nói về xe máy ở đây."),
    );
    site.write(
        "content/cu-tru/b.md",
        &p("Cấp đổi giấy tờ", "a2", "xe máy", "Không."),
    );
    site.write(
        "content/cu-tru/c.md",
        &p("Đăng ký xe máy", "a3", "khác", "Không."),
    );
    assert_eq!(site.build(&["--no-print"]).code, 0);
    let url = serve_static(site.path("public"));
    let lines = chromium::lines("search", &[&format!("{url}/"), "xe may"]);
    assert_eq!(
        titles(&lines[0]),
        vec!["Đăng ký xe máy", "Cấp đổi giấy tờ", "Gia hạn giấy phép"],
        "title, then keywords, then body"
    );
}

#[test]
fn the_search_script_and_index_fit_the_budget_for_50_procedures() {
    // fifty procedures of real text: the sample's, each four times over
    let site = TestSite::new();
    let mut n = 0;
    let content = util::repo().join("content");
    for entry in files_below(&content).into_iter().map(|f| content.join(f)) {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".md") || name.starts_with('_') || name.matches('.').count() > 1 {
            continue;
        }
        let text = std::fs::read_to_string(&entry).unwrap();
        for k in 0..5 {
            if n == 50 {
                break;
            }
            n += 1;
            let body = text
                .lines()
                .map(|l| match l.strip_prefix("id: ") {
                    Some(_) => format!("id: p{n}"),
                    None => match l.strip_prefix("title: ") {
                        Some(t) => format!("title: {t} {k}"),
                        None => l.to_string(),
                    },
                })
                .collect::<Vec<_>>()
                .join("\n");
            site.write(&format!("content/cu-tru/p{n}.md"), &body);
        }
    }
    assert_eq!(n, 50);
    let run = site.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gz = |p: &Path| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&std::fs::read(p).unwrap()).unwrap();
        e.finish().unwrap().len()
    };
    let total =
        gz(&site.path("public/search-index.json")) + gz(&site.path("public/assets/search.js"));
    println!("search script + index for 50 procedures: {total} bytes gzipped");
    assert!(total <= 25 * 1024, "{total} bytes gzipped");
}

#[test]
fn every_kind_of_page_reads_without_javascript_needs_chromium() {
    if !chromium::ready(&[]) {
        return;
    }
    let b = sample_url();
    let urls: Vec<String> = [
        "/",
        "/cu-tru/",
        "/cu-tru/dang-ky-tam-tru/",
        "/en/cu-tru/dang-ky-tam-tru/",
    ]
    .iter()
    .map(|p| format!("{b}{p}"))
    .collect();
    let refs: Vec<&str> = urls.iter().map(String::as_str).collect();
    let lines = chromium::lines("nojs", &refs);
    assert_eq!(lines.len(), urls.len());
    for l in &lines {
        assert!(l["links"].as_u64().unwrap_or(0) > 0, "{l}");
    }
}

#[test]
fn a_keyboard_reaches_the_content_first_needs_chromium() {
    if !chromium::ready(&[]) {
        return;
    }
    let lines = chromium::lines(
        "keyboard",
        &[&format!("{}/cu-tru/dang-ky-tam-tru/", sample_url())],
    );
    assert_eq!(lines[0]["ok"], true, "{lines:?}");
}

#[test]
fn the_kiosk_changes_slides_by_itself_and_keeps_to_a_category_needs_chromium() {
    if !chromium::ready(&[]) {
        return;
    }
    let lines = chromium::lines("kiosk", &[&format!("{}/kiosk/", sample_url())]);
    let l = &lines[0];
    assert_eq!(l["ok"], true, "{l}");
    assert!(
        l["qrs"].as_u64().unwrap_or(0) >= 12,
        "every slide has its code: {l}"
    );
    // readable from three metres on a 1080-line screen (`ok` also holds
    // a category in other capitals or mistyped, an upright screen, and
    // the slides without JavaScript: see tests/clients/chromium.mjs)
    assert!(l["fontPx"].as_f64().unwrap_or(0.0) >= 60.0, "{l}");
    assert!(l["portraitPx"].as_f64().unwrap_or(0.0) >= 48.0, "{l}");
}

#[test]
fn the_kiosk_reloaded_without_signal_shows_its_slides_and_codes_needs_chromium() {
    if !chromium::ready(&[]) {
        return;
    }
    // a TV that reloads after a power cut, the network down: it showed
    // the browser's offline page (the kiosk kept nothing)
    let public = util::sample_site().join("public");
    let lines = chromium::lines("kiosk-offline", &[public.to_str().unwrap(), "/kiosk/"]);
    let l = &lines[0];
    assert_eq!(l["ok"], true, "{l}");
    assert!(l["codes"].as_u64().unwrap_or(0) >= 12, "{l}");
}

#[test]
fn a_page_opened_once_opens_again_without_signal_needs_chromium() {
    if !chromium::ready(&[]) {
        return;
    }
    let public = util::sample_site().join("public");
    let lines = chromium::lines(
        "offline",
        &[
            public.to_str().unwrap(),
            "/cu-tru/dang-ky-tam-tru/",
            "/ho-tich/dang-ky-khai-tu/",
        ],
    );
    let l = &lines[0];
    assert_eq!(l["offline"], "Đăng ký tạm trú", "{l}");
    assert!(
        l["fallback"].as_u64().unwrap_or(0) > 0,
        "an unseen page falls back to the home page: {l}"
    );
}

#[test]
fn lighthouse_scores_on_a_throttled_phone_needs_chromium() {
    if !chromium::ready(&["lighthouse/cli/index.js"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let site = sample_url();
    // Lighthouse varies from run to run: the median of five, as its own
    // documentation advises, on a machine where no other test runs camnang
    // or a browser meanwhile
    let _quiet = crate::util::measuring();
    for page in ["/", "/cu-tru/", "/cu-tru/dang-ky-tam-tru/"] {
        let url = format!("{site}{page}");
        let runs: Vec<Lighthouse> = (0..5).map(|_| lighthouse_run(&dir, &url)).collect();
        for run in &runs {
            println!("lighthouse {page}: {run:?}");
            // what the page is made of does not depend on the machine's
            // speed: every run, exactly
            assert_eq!(run.layout_shift, 0.0, "{page}: {run:?}");
            assert_eq!(run.render_blocking, 0, "{page}: {run:?}");
            assert!(run.foreign.is_empty(), "{page}: {run:?}");
            assert!(run.requests <= 3, "{page}: {run:?}");
            assert!(run.bytes <= 40_000.0, "{page}: {run:?}");
            assert!(run.elements <= 400.0, "{page}: {run:?}");
        }
        let median = |f: fn(&Lighthouse) -> f64| {
            let mut v: Vec<f64> = runs.iter().map(f).collect();
            v.sort_by(|a, b| a.total_cmp(b));
            v[v.len() / 2]
        };
        assert_eq!(median(|r| r.accessibility), 1.0, "{page}");
        assert_eq!(median(|r| r.best_practices), 1.0, "{page}");
        assert!(median(|r| r.seo) >= 0.95, "{page}");
        // The paints, simulated by Lighthouse on a throttled phone from the
        // page's requests: "good" (0.9) ends at 1.8 s for the first paint,
        // and these pages paint in about 0.7 s here. The blocking time is
        // shown, not judged: it measures the browser's own start as much as
        // the page (a copy of the home page with no script at all blocked
        // 0–90 ms here and about 400 ms on a slower machine, where the
        // performance score fell to 0.90)
        for (name, score) in [
            ("first contentful paint", median(|r| r.first_paint)),
            ("largest contentful paint", median(|r| r.largest_paint)),
            ("speed index", median(|r| r.speed_index)),
        ] {
            assert!(score >= 0.9, "{page}: {name} scores {score}: {runs:?}");
        }
        println!(
            "lighthouse {page} (median of 5): performance {}, blocking {:.0} ms",
            median(|r| r.performance),
            median(|r| r.blocking_ms)
        );
    }
}

/// What one Lighthouse run said of a page.
#[derive(Debug)]
struct Lighthouse {
    performance: f64,
    accessibility: f64,
    best_practices: f64,
    seo: f64,
    first_paint: f64,
    largest_paint: f64,
    speed_index: f64,
    blocking_ms: f64,
    layout_shift: f64,
    render_blocking: usize,
    requests: usize,
    /// requests to any other address than the site's
    foreign: Vec<String>,
    bytes: f64,
    elements: f64,
}

/// One Lighthouse run (mobile, its default throttling) on `url`.
fn lighthouse_run(dir: &tempfile::TempDir, url: &str) -> Lighthouse {
    let report = dir.path().join("lh.json");
    let out = chromium::lighthouse(url, &report);
    assert!(
        out.status.success(),
        "lighthouse {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let score = |k: &str| json["categories"][k]["score"].as_f64().unwrap_or(0.0);
    let audit = &json["audits"];
    let audit_score = |k: &str| audit[k]["score"].as_f64().unwrap_or(0.0);
    let value = |k: &str| audit[k]["numericValue"].as_f64().unwrap_or(f64::MAX);
    let items = |k: &str| {
        audit[k]["details"]["items"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| panic!("lighthouse {url}: no audit {k} in its report"))
    };
    let origin: String = url.split('/').take(3).collect::<Vec<_>>().join("/");
    let requests = items("network-requests");
    Lighthouse {
        performance: score("performance"),
        accessibility: score("accessibility"),
        best_practices: score("best-practices"),
        seo: score("seo"),
        first_paint: audit_score("first-contentful-paint"),
        largest_paint: audit_score("largest-contentful-paint"),
        speed_index: audit_score("speed-index"),
        blocking_ms: value("total-blocking-time"),
        layout_shift: value("cumulative-layout-shift"),
        render_blocking: items("render-blocking-resources").len(),
        requests: requests.len(),
        foreign: requests
            .iter()
            .filter_map(|r| r["url"].as_str())
            .filter(|u| !u.starts_with(&format!("{origin}/")))
            .map(String::from)
            .collect(),
        bytes: value("total-byte-weight"),
        elements: value("dom-size"),
    }
}
