//! The print files and QR codes, checked by the real programs a print shop
//! and a phone would use (real-clients.md): every QR code decoded by
//! zbarimg (SVG rasterised by rsvg-convert, PDF pages by pdftoppm) and
//! followed through the built site; every PDF checked by qpdf, pdffonts,
//! pdfinfo and pdftotext; and a procedure with a huge title and twelve
//! long steps measured from the PDF's text positions and pixels.
//!
//! Under `CI=true` a missing tool fails the test (see `.ci/run`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{self, Needs, TestSite, files_below, sample_site};

const SAMPLE_BASE: &str = "https://hoabinh.example.vn/";

/// poppler-utils: pdfinfo, pdftoppm, pdftotext and pdffonts.
fn poppler(needs: Needs) -> Needs {
    needs
        .tool("pdfinfo", &["-v"])
        .tool("pdftoppm", &["-v"])
        .tool("pdftotext", &["-v"])
        .tool("pdffonts", &["-v"])
}

/// zbar-tools: zbarimg.
fn zbar_tool(needs: Needs) -> Needs {
    needs.tool("zbarimg", &["--version"])
}

fn run(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd.output().expect("run a tool");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every code zbarimg finds in the given images, one entry per symbol.
fn zbar(images: &[PathBuf]) -> Vec<String> {
    let (_, stdout, _) = run(Command::new("zbarimg")
        .args(["-q", "--raw", "-Sdisable", "-Sqrcode.enable"])
        .args(images));
    stdout.lines().map(str::to_string).collect()
}

/// Rasterises every page of `pdf` at 150 dpi into `dir` in overlapping
/// tiles, each at most half the page wide and 40 % high and every code
/// whole in at least one of them, and returns the set of codes decoded:
/// a phone frames one code of a sheet of many, and zbar, given a whole
/// A3 sheet of codes, now and then misses one it reads alone.
fn decode_pdf_tiles(pdf: &Path, dir: &Path) -> std::collections::BTreeSet<String> {
    let (ok, info, _) = run(Command::new("pdfinfo").arg(pdf));
    assert!(ok);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap();
    let size: Vec<f64> = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    let (w, h) = (
        (size[0] * 150.0 / 72.0) as usize,
        (size[1] * 150.0 / 72.0) as usize,
    );
    let (tw, th) = (w / 2, h * 2 / 5);
    let tag = pdf.to_string_lossy().replace(['/', '.'], "_");
    let mut images = Vec::new();
    for page in 1..=pages {
        for ty in 0..4 {
            for tx in 0..3 {
                let stem = dir.join(format!("tile{tag}-{page}-{tx}-{ty}"));
                let (ok, _, err) = run(Command::new("pdftoppm")
                    .args(["-r", "150", "-png", "-singlefile"])
                    .args(["-f", &page.to_string(), "-l", &page.to_string()])
                    .args([
                        "-x",
                        &(tx * w / 4).to_string(),
                        "-y",
                        &(ty * h / 5).to_string(),
                    ])
                    .args(["-W", &tw.to_string(), "-H", &th.to_string()])
                    .arg(pdf)
                    .arg(&stem));
                assert!(ok, "{err}");
                images.push(stem.with_extension("png"));
            }
        }
    }
    zbar(&images).into_iter().collect()
}

/// Rasterises every page of `pdf` at 150 dpi into `dir` and decodes them.
fn decode_pdf(pdf: &Path, dir: &Path) -> Vec<String> {
    let stem = dir.join(
        pdf.to_string_lossy()
            .replace(['/', '.'], "_")
            .trim_start_matches('_'),
    );
    let (ok, _, err) = run(Command::new("pdftoppm")
        .args(["-r", "150", "-png"])
        .arg(pdf)
        .arg(&stem));
    assert!(ok, "pdftoppm {}: {err}", pdf.display());
    let prefix = stem.file_name().unwrap().to_string_lossy().into_owned();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{prefix}-")))
        })
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "no pages rendered for {}", pdf.display());
    zbar(&pages)
}

/// `id` → (category/slug path of its page) for every procedure of the
/// sample, read from its lock file.
/// Ids of the sample procedures that have an English translation.
fn sample_translations() -> Vec<String> {
    let lock = std::fs::read_to_string(util::repo().join("qr-lock.yaml")).unwrap();
    let mut out = Vec::new();
    let mut current = String::new();
    for line in lock.lines() {
        if let Some(id) = line
            .strip_suffix(':')
            .filter(|l| !l.starts_with([' ', '#']))
        {
            current = id.to_string();
        } else if line.trim() == "languages: [en]" {
            out.push(current.clone());
        }
    }
    out
}

fn sample_ids() -> BTreeMap<String, String> {
    let lock = std::fs::read_to_string(util::repo().join("qr-lock.yaml")).unwrap();
    let mut ids = BTreeMap::new();
    let mut current = None;
    for line in lock.lines() {
        if let Some(id) = line
            .strip_suffix(':')
            .filter(|l| !l.starts_with([' ', '#']))
        {
            current = Some(id.to_string());
        } else if let (Some(id), Some(t)) = (&current, line.trim().strip_prefix("target: ")) {
            ids.insert(id.clone(), t.to_string());
        }
    }
    assert!(ids.len() >= 12, "{ids:?}");
    ids
}

/// The address a `/q/<id>/` page sends the reader to.
fn refresh_target(page: &str) -> String {
    let start = page.find("url=").expect("meta refresh") + 4;
    page[start..].split('"').next().unwrap().to_string()
}

#[test]
fn every_web_qr_code_decodes_to_its_short_link_which_leads_to_the_page_needs_rsvg_zbar() {
    if !zbar_tool(Needs::default())
        .tool("rsvg-convert", &["--version"])
        .met()
    {
        return;
    }
    let public = sample_site().join("public");
    let png_dir = tempfile::tempdir().unwrap();
    for (id, target) in sample_ids() {
        let svg = public.join(format!("q/{id}/qr.svg"));
        let png = png_dir.path().join(format!("{id}.png"));
        let (ok, _, err) = run(Command::new("rsvg-convert")
            .args(["-b", "white", "-w", "600"])
            .arg(&svg)
            .arg("-o")
            .arg(&png));
        assert!(ok, "rsvg-convert {id}: {err}");
        let link = format!("{SAMPLE_BASE}q/{id}/");
        assert_eq!(zbar(&[png]), vec![link.clone()], "web QR code of {id}");

        // the procedure page shows this very code
        let page = std::fs::read_to_string(public.join(&target).join("index.html")).unwrap();
        assert!(
            page.contains(&format!("src=\"/q/{id}/qr.svg\"")),
            "{target}"
        );
        assert!(page.contains(&format!("href=\"{link}\"")), "{target}");

        // the short link leads to the procedure page, without JavaScript
        let short = std::fs::read_to_string(public.join(format!("q/{id}/index.html"))).unwrap();
        assert_eq!(refresh_target(&short), format!("/{target}"), "{id}");
        assert!(
            short.contains(&format!("<a href=\"/{target}\">")),
            "{short}"
        );
        assert!(!short.contains("<script"), "{short}");
    }
}

#[test]
fn every_print_qr_code_decodes_to_the_right_short_links_needs_poppler_zbar() {
    if !zbar_tool(poppler(Needs::default())).met() {
        return;
    }
    let public = sample_site().join("public");
    let ids = sample_ids();
    let link = |id: &str| format!("{SAMPLE_BASE}q/{id}/");
    let all: Vec<String> = ids.keys().map(|id| link(id)).collect();
    let pdfs: Vec<PathBuf> = files_below(&public.join("in-an"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .collect();
    // posters A4 and A5, flyers 2 × A5 and 4 × A6 per procedure, two
    // mixed flyer sets, two board sheets, the order sheet; and the same
    // four files for each procedure translated into English
    let translated = sample_translations();
    assert!(translated.len() >= 4, "{translated:?}");
    assert_eq!(
        pdfs.len(),
        ids.len() * 4 + 5 + translated.len() * 4,
        "{pdfs:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let results: Vec<(PathBuf, Vec<String>)> = std::thread::scope(|s| {
        let halves: Vec<_> = pdfs
            .chunks(pdfs.len().div_ceil(2))
            .map(|chunk| {
                let (public, dir) = (&public, dir.path());
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|f| (f.clone(), decode_pdf(&public.join("in-an").join(f), dir)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        halves
            .into_iter()
            .flat_map(|h| h.join().expect("decoder thread"))
            .collect()
    });
    for (file, mut found) in results {
        found.sort();
        let full = file.to_string_lossy().replace('\\', "/");
        let id = file.file_stem().unwrap().to_string_lossy().into_owned();
        // English files carry English short links
        let (name, link) = match full.strip_prefix("en/") {
            Some(rest) => {
                assert!(translated.contains(&id), "{full}: {id} has no translation");
                let en = move |id: &str| format!("{SAMPLE_BASE}en/q/{id}/");
                (
                    rest.to_string(),
                    Box::new(en) as Box<dyn Fn(&str) -> String>,
                )
            }
            None => (full.clone(), Box::new(link) as Box<dyn Fn(&str) -> String>),
        };
        if name.starts_with("bang-niem-yet-") {
            let found = decode_pdf_tiles(&public.join("in-an").join(&file), dir.path());
            let all_set: std::collections::BTreeSet<String> = all.iter().cloned().collect();
            assert_eq!(found, all_set, "{name}");
            continue;
        }
        let expected: Vec<String> = if name == "don-dat-in.pdf" {
            Vec::new()
        } else if name.starts_with("ap-phich-") {
            vec![link(&id)]
        } else if name.starts_with("to-roi-2a5/") {
            vec![link(&id); 2]
        } else if name.starts_with("to-roi-4a6/") {
            vec![link(&id); 4]
        } else {
            // the board sheets and the mixed flyer sets: every code once
            all.clone()
        };
        assert_eq!(found, expected, "{name}");
    }
}

#[test]
fn print_files_are_sound_with_embedded_fonts_boxes_and_vietnamese_text_needs_poppler_qpdf() {
    if !poppler(Needs::default()).tool("qpdf", &["--version"]).met() {
        return;
    }
    let in_an = sample_site().join("public/in-an");
    let pt = |mm: f64| mm * 72.0 / 25.4;
    for f in files_below(&in_an) {
        let full = f.to_string_lossy().replace('\\', "/");
        if !full.ends_with(".pdf") {
            continue;
        }
        let name = full.strip_prefix("en/").unwrap_or(&full).to_string();
        let pdf = in_an.join(&f);
        let (ok, out, err) = run(Command::new("qpdf").arg("--check").arg(&pdf));
        assert!(
            ok && out.contains("No syntax or stream encoding errors"),
            "qpdf {name}: {out}{err}"
        );

        let (ok, fonts, _) = run(Command::new("pdffonts").arg(&pdf));
        assert!(ok, "pdffonts {name}");
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{name} has no fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(
                cols[cols.len() - 5],
                "yes",
                "{name}: font not embedded: {row}"
            );
        }

        let (ok, info, _) = run(Command::new("pdfinfo").arg("-box").arg(&pdf));
        assert!(ok, "pdfinfo {name}");
        let boxes = |key: &str| -> Vec<f64> {
            info.lines()
                .find_map(|l| l.strip_prefix(key))
                .unwrap_or_else(|| panic!("{name}: no {key}"))
                .split_whitespace()
                .map(|v| v.parse().unwrap())
                .collect()
        };
        let (trim, bleed, media) = (boxes("TrimBox:"), boxes("BleedBox:"), boxes("MediaBox:"));
        let size = |b: &[f64]| (b[2] - b[0], b[3] - b[1]);
        let close =
            |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() < 0.2 && (a.1 - b.1).abs() < 0.2;
        let (paper, bleed_mm) = if name.starts_with("ap-phich-a4/") {
            ((210.0, 297.0), 3.0)
        } else if name.starts_with("ap-phich-a5/") {
            ((148.0, 210.0), 3.0)
        } else if name.starts_with("to-roi-2a5") {
            ((297.0, 210.0), 0.0)
        } else if name.contains("a3") {
            ((297.0, 420.0), 0.0)
        } else {
            ((210.0, 297.0), 0.0)
        };
        let paper_pt = (pt(paper.0), pt(paper.1));
        assert!(close(size(&trim), paper_pt), "{name}: TrimBox {trim:?}");
        let with_bleed = (pt(paper.0 + 2.0 * bleed_mm), pt(paper.1 + 2.0 * bleed_mm));
        assert!(
            close(size(&bleed), with_bleed),
            "{name}: BleedBox {bleed:?}"
        );
        assert!(
            close(size(&media), with_bleed),
            "{name}: MediaBox {media:?}"
        );
        assert!(
            (trim[0] - bleed[0] - pt(bleed_mm)).abs() < 0.2,
            "{name}: trim not centred"
        );

        let (ok, text, _) = run(Command::new("pdftotext").arg(&pdf).arg("-"));
        assert!(ok, "pdftotext {name}");
        // lines wrap where the layout wraps them: compare words
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains("Xã Hòa Bình") || text.contains("Hòa Bình"),
            "{name}: {text}"
        );
        if full.starts_with("en/") && full.contains("/ct02") {
            assert!(
                text.contains("Registering temporary residence"),
                "{full}: {text}"
            );
            assert!(
                text.contains("hoabinh.example.vn/en/q/ct02"),
                "{full}: {text}"
            );
            assert!(text.contains("Scan the code"), "{full}: {text}");
        } else if name.contains("/ct02") {
            assert!(text.contains("Đăng ký tạm trú"), "{name}: {text}");
            assert!(text.contains("hoabinh.example.vn/q/ct02"), "{name}: {text}");
        }
        if full.starts_with("ap-phich-a4/ct02") {
            for words in [
                "Quét mã để xem hướng dẫn",
                "Các bước",
                "Cần chuẩn bị",
                "Mở ứng dụng VNeID",
                "Cập nhật: 29/11/2026",
            ] {
                assert!(text.contains(words), "{name}: {words:?} missing in {text}");
            }
        }
    }
}

#[test]
fn the_print_page_lists_every_print_file_with_its_paper() {
    let public = sample_site().join("public");
    let page = std::fs::read_to_string(public.join("in-an/index.html")).unwrap();
    let pdfs: Vec<String> = files_below(&public.join("in-an"))
        .into_iter()
        .map(|f| f.to_string_lossy().replace('\\', "/"))
        .filter(|f| f.ends_with(".pdf"))
        .collect();
    assert!(pdfs.len() > 40);
    for f in &pdfs {
        assert!(
            page.contains(&format!("href=\"/in-an/{f}\"")),
            "{f} not listed"
        );
    }
    for paper in [
        "<td>A4</td>",
        "<td>A5</td>",
        "<td>A3</td>",
        "A4 (2 × A5)",
        "A4 (4 × A6)",
    ] {
        assert!(page.contains(paper), "{paper} missing");
    }
    // the home page links to it
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(
        home.contains("href=\"/in-an/\""),
        "home does not link the print page"
    );
}

#[test]
fn a_site_with_no_procedure_yet_has_nothing_to_print_and_says_so() {
    // (a new commune's site: one category, no procedure in it yet)
    let site = TestSite::new();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // no empty board sheet, blank flyer sheet or order for nothing
    let files: Vec<PathBuf> = files_below(&site.path("public/in-an"));
    assert_eq!(files, vec![PathBuf::from("index.html")]);
    let page = site.read("public/in-an/index.html");
    assert!(page.contains("chưa có gì để in"), "{page}");
    assert!(!page.contains(".pdf"), "{page}");
    // the first procedure brings every print file and the order back
    site.write(
        "content/cu-tru/dang-ky-tam-tru.md",
        &util::procedure("Đăng ký tạm trú", "tt01"),
    );
    assert_eq!(site.build(&[]).code, 0);
    let page = site.read("public/in-an/index.html");
    assert!(!page.contains("chưa có gì để in"), "{page}");
    for f in [
        "bang-niem-yet-a4.pdf",
        "don-dat-in.pdf",
        "to-roi-4a6-tat-ca.pdf",
    ] {
        assert!(site.path("public/in-an").join(f).is_file(), "{f}");
        assert!(page.contains(&format!("/in-an/{f}")), "{f}");
    }
}

/// A word of `pdftotext -bbox` output, in points from the page's top left.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

fn words(pdf: &Path) -> Vec<Word> {
    let (ok, html, err) = run(Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-"));
    assert!(ok, "{err}");
    let attr = |tag: &str, name: &str| -> f64 {
        let k = format!("{name}=\"");
        let s = tag.find(&k).unwrap() + k.len();
        tag[s..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|rest| {
            let (tag, tail) = rest.split_once('>').unwrap();
            Word {
                text: tail.split("</word>").next().unwrap().to_string(),
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
            }
        })
        .collect()
}

/// The bounding box (x0, y0, x1, y1, in points) of the QR symbol on a page
/// rendered at 72 dpi: the dark pixels left once every word is painted
/// white, grown by 4 px so the modules join, and the squarest big blob kept.
fn qr_box(pdf: &Path, page_words: &[Word], dir: &Path) -> (f64, f64, f64, f64) {
    let stem = dir.join("page");
    let (ok, _, err) = run(Command::new("pdftoppm")
        .args(["-r", "72", "-gray", "-singlefile"])
        .arg(pdf)
        .arg(&stem));
    assert!(ok, "{err}");
    let bytes = std::fs::read(stem.with_extension("pgm")).unwrap();
    // P5 header: magic, width, height, max value, then one byte a pixel
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = &bytes[i + 1..];
    let mut dark: Vec<bool> = pixels.iter().take(w * h).map(|&p| p < 128).collect();
    for wd in page_words {
        for y in (wd.y0.floor() as usize).saturating_sub(1)..((wd.y1.ceil() as usize) + 1).min(h) {
            for x in
                (wd.x0.floor() as usize).saturating_sub(1)..((wd.x1.ceil() as usize) + 1).min(w)
            {
                dark[y * w + x] = false;
            }
        }
    }
    let r = 4i64;
    let mut grown = vec![false; w * h];
    for y in 0..h as i64 {
        for x in 0..w as i64 {
            if dark[(y as usize) * w + x as usize] {
                for yy in (y - r).max(0)..(y + r + 1).min(h as i64) {
                    for xx in (x - r).max(0)..(x + r + 1).min(w as i64) {
                        grown[(yy as usize) * w + xx as usize] = true;
                    }
                }
            }
        }
    }
    let mut seen = vec![false; w * h];
    let mut best: Option<(f64, (f64, f64, f64, f64))> = None;
    for start in 0..w * h {
        if !grown[start] || seen[start] {
            continue;
        }
        let mut stack = vec![start];
        seen[start] = true;
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        while let Some(p) = stack.pop() {
            let (x, y) = (p % w, p / w);
            if dark[p] {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x + 1);
                y1 = y1.max(y + 1);
            }
            let neighbours = [
                (x > 0).then(|| p - 1),
                (x + 1 < w).then(|| p + 1),
                (y > 0).then(|| p - w),
                (y + 1 < h).then(|| p + w),
            ];
            for q in neighbours.into_iter().flatten() {
                if grown[q] && !seen[q] {
                    seen[q] = true;
                    stack.push(q);
                }
            }
        }
        if x1 <= x0 || y1 <= y0 {
            continue;
        }
        let side = ((x1 - x0).min(y1 - y0)) as f64;
        if best.is_none_or(|(s, _)| side > s) {
            best = Some((side, (x0 as f64, y0 as f64, x1 as f64, y1 as f64)));
        }
    }
    best.expect("a QR code on the page").1
}

fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

#[test]
fn a_huge_title_and_twelve_long_steps_stay_on_the_paper_and_off_the_qr_code_needs_poppler_zbar() {
    if !zbar_tool(poppler(Needs::default())).met() {
        return;
    }
    let site = TestSite::new();
    let title = "Đăng ký thường trú cho người chưa thành niên, người được giám hộ, người cao tuổi sống cùng con cháu và người khuyết tật ở nhà người thân khi chủ hộ vắng mặt dài ngày ở nước ngoài có giấy ủy quyền";
    assert!(title.chars().count() >= 190, "{}", title.chars().count());
    let step = "Mở ứng dụng VNeID trên điện thoại thông minh, đăng nhập bằng tài khoản định danh điện tử mức hai, chọn mục Thủ tục hành chính, tìm đúng tên thủ tục, đọc kỹ hướng dẫn rồi điền đầy đủ mọi thông tin được hỏi trước khi bấm gửi";
    let mut body = String::from("## Các bước\n\n");
    for i in 1..=12 {
        body.push_str(&format!("{i}. Bước {i}: {step}.\n"));
    }
    let doc = "Giấy tờ chứng minh chỗ ở hợp pháp như hợp đồng thuê nhà có công chứng hoặc chứng thực, giấy xác nhận của chủ hộ và giấy ủy quyền";
    let text = format!(
        "---\ntitle: {title}\nid: dai01\nsummary: {step}. {step}.\nagency: Công an xã\ndocuments: [\"{doc}\", \"{doc}\", \"{doc}\", \"{doc}\", \"{doc}\", \"{doc}\"]\nupdated: 2026-10-01\n---\n\n{body}"
    );
    site.write("content/cu-tru/dai.md", &text);
    let run_ = site.build(&[]);
    assert_eq!(run_.code, 0, "{}", run_.stderr);
    assert!(
        run_.stdout
            .contains("ap-phich-a4/dai01.pdf: đã rút gọn để vừa trang"),
        "{}",
        run_.stdout
    );
    assert!(
        run_.stdout.contains("tên thủ tục"),
        "the title cut is reported: {}",
        run_.stdout
    );

    let dir = tempfile::tempdir().unwrap();
    let link = "https://thu.example.vn/q/dai01/";
    for (file, paper_mm, bleed_mm) in [
        ("ap-phich-a4/dai01.pdf", (210.0, 297.0), 3.0),
        ("ap-phich-a5/dai01.pdf", (148.0, 210.0), 3.0),
        ("to-roi-2a5/dai01.pdf", (297.0, 210.0), 0.0),
        ("to-roi-4a6/dai01.pdf", (210.0, 297.0), 0.0),
    ] {
        let pdf = site.path("public/in-an").join(file);
        let pt = |mm: f64| mm * 72.0 / 25.4;
        let ws = words(&pdf);
        assert!(ws.len() > 50, "{file}: {} words", ws.len());
        assert!(
            ws.iter().any(|w| w.text == "Đăng"),
            "{file}: the title is there"
        );
        // inside the paper, 3 mm clear of the trim on every side
        let (lo_x, lo_y) = (pt(bleed_mm + 3.0), pt(bleed_mm + 3.0));
        let (hi_x, hi_y) = (
            pt(bleed_mm + paper_mm.0 - 3.0),
            pt(bleed_mm + paper_mm.1 - 3.0),
        );
        for wd in &ws {
            assert!(
                wd.x0 >= lo_x && wd.y0 >= lo_y && wd.x1 <= hi_x && wd.y1 <= hi_y,
                "{file}: {wd:?} leaves the paper"
            );
        }
        // no two words on top of each other
        for (i, a) in ws.iter().enumerate() {
            for b in &ws[i + 1..] {
                let (ra, rb) = ((a.x0, a.y0, a.x1, a.y1), (b.x0, b.y0, b.x1, b.y1));
                let shrink = |r: (f64, f64, f64, f64)| (r.0 + 0.3, r.1 + 0.3, r.2 - 0.3, r.3 - 0.3);
                assert!(
                    !overlaps(shrink(ra), shrink(rb)),
                    "{file}: {a:?} overlaps {b:?}"
                );
            }
        }
        // nothing written on the QR code or its quiet zone
        let qr = qr_box(&pdf, &ws, dir.path());
        let margin = (qr.2 - qr.0) * 0.08;
        let zone = (qr.0 - margin, qr.1 - margin, qr.2 + margin, qr.3 + margin);
        assert!(qr.2 - qr.0 > pt(30.0), "{file}: QR code found is {qr:?}");
        for wd in &ws {
            assert!(
                !overlaps((wd.x0, wd.y0, wd.x1, wd.y1), zone),
                "{file}: {wd:?} on the QR code {qr:?}"
            );
        }
        // and the code still scans
        let found = decode_pdf(&pdf, dir.path());
        assert!(
            !found.is_empty() && found.iter().all(|l| l == link),
            "{file}: {found:?}"
        );
    }
}

#[test]
fn qr_codes_on_posters_are_big_enough_to_scan_from_a_metre_needs_poppler() {
    if !poppler(Needs::default()).met() {
        return;
    }
    let in_an = sample_site().join("public/in-an");
    let dir = tempfile::tempdir().unwrap();
    for (file, min_mm) in [
        ("ap-phich-a4/ct02.pdf", 60.0),
        ("ap-phich-a5/ct02.pdf", 45.0),
    ] {
        let pdf = in_an.join(file);
        let qr = qr_box(&pdf, &words(&pdf), dir.path());
        let mm = (qr.2 - qr.0) * 25.4 / 72.0;
        assert!(mm >= min_mm, "{file}: the QR symbol is {mm:.1} mm wide");
    }
}

/// Every text line `pdftotext` finds in `pdf`, words joined by one space.
fn pdf_text(pdf: &Path) -> String {
    let (ok, text, err) = run(Command::new("pdftotext").arg(pdf).arg("-"));
    assert!(ok, "pdftotext {}: {err}", pdf.display());
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn posters_flyers_the_board_and_pages_say_which_address_a_genuine_code_opens_needs_poppler() {
    if !poppler(Needs::default()).met() {
        return;
    }
    let public = sample_site().join("public");
    let vi = "Mã thật luôn mở trang hoabinh.example.vn";
    let en = "A genuine code always opens hoabinh.example.vn";
    for (file, line) in [
        ("ap-phich-a4/ct02.pdf", vi),
        ("ap-phich-a5/ct02.pdf", vi),
        ("to-roi-2a5/ct02.pdf", vi),
        ("to-roi-4a6/ct02.pdf", vi),
        ("to-roi-4a6-tat-ca.pdf", vi),
        ("bang-niem-yet-a4.pdf", vi),
        ("bang-niem-yet-a3.pdf", vi),
        ("en/ap-phich-a4/ct02.pdf", en),
        ("en/to-roi-4a6/ct02.pdf", en),
    ] {
        let text = pdf_text(&public.join("in-an").join(file));
        assert!(text.contains(line), "{file}: {line:?} missing in {text}");
    }
    // every sheet of the mixed flyers and every code on them
    let flyers = pdf_text(&public.join("in-an/to-roi-4a6-tat-ca.pdf"));
    assert_eq!(flyers.matches(vi).count(), sample_ids().len(), "{flyers}");

    // the short-link page and every procedure page show the same line
    for (id, target) in sample_ids() {
        let short = std::fs::read_to_string(public.join(format!("q/{id}/index.html"))).unwrap();
        assert!(short.contains(vi), "q/{id}/: {short}");
        let page = std::fs::read_to_string(public.join(&target).join("index.html")).unwrap();
        assert!(page.contains(vi), "{target}");
    }
    let en_page =
        std::fs::read_to_string(public.join("en/cu-tru/dang-ky-tam-tru/index.html")).unwrap();
    assert!(en_page.contains(en), "{en_page}");
    // the button says where it leads
    let page =
        std::fs::read_to_string(public.join("ho-tich/dang-ky-khai-sinh/index.html")).unwrap();
    assert!(
        page.contains(
            "<a class=\"button\" href=\"https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7\">Làm trực tuyến <span class=\"domain\">trên trang dichvucong.gov.vn</span></a>"
        ),
        "{page}"
    );
    // the print page says how to check a poster against the board sheet
    let print = std::fs::read_to_string(public.join("in-an/index.html")).unwrap();
    for words in [
        "Kiểm tra áp phích với bảng niêm yết",
        vi,
        "giống hệt, ví dụ hoabinh.example.vn/q/ct02",
    ] {
        assert!(print.contains(words), "{words:?} missing in the print page");
    }
}

#[test]
fn a_procedure_that_cannot_be_done_online_is_not_promised_as_one_on_paper_or_screen_needs_poppler()
{
    if !poppler(Needs::default()).met() {
        return;
    }
    let public = sample_site().join("public");
    let online = "Quét mã để xem hướng dẫn và làm trực tuyến";
    let guide = "Quét mã để xem hướng dẫn";
    // ct02 has an online service; dd02 (no `online:`) has not
    for (file, can) in [
        ("ap-phich-a4/ct02.pdf", true),
        ("to-roi-4a6/ct02.pdf", true),
        ("ap-phich-a4/dd02.pdf", false),
        ("ap-phich-a5/dd02.pdf", false),
        ("to-roi-2a5/dd02.pdf", false),
        ("to-roi-4a6/dd02.pdf", false),
    ] {
        let text = pdf_text(&public.join("in-an").join(file));
        assert!(text.contains(guide), "{file}: {text}");
        assert_eq!(text.contains(online), can, "{file}: {text}");
    }
    // the board sheet's page holds dd02: it promises no online service
    let board = pdf_text(&public.join("in-an/bang-niem-yet-a4.pdf"));
    assert!(board.contains(guide) && !board.contains(online), "{board}");
    // the kiosk's slide of dd02 says the same, ct02's the whole line
    let kiosk = std::fs::read_to_string(public.join("kiosk/index.html")).unwrap();
    let slide = |id: &str| {
        let at = kiosk.find(&format!("/q/{id}/qr.svg")).unwrap();
        let end = kiosk[at..].find("</figcaption>").unwrap();
        kiosk[at..at + end].to_string()
    };
    assert!(!slide("dd02").contains(online) && slide("dd02").contains(guide));
    assert!(slide("ct02").contains(online));
}

#[test]
fn the_order_sheet_says_what_to_print_how_many_and_how_to_finish_it_needs_poppler() {
    if !poppler(Needs::default()).met() {
        return;
    }
    let site = TestSite::standard();
    site.write(
        "site.yaml",
        &format!(
            "{}print:\n  copies:\n    posters: 3\n    flyers_a6: 10\n",
            util::SITE_YAML
        ),
    );
    let run_ = site.build(&[]);
    assert_eq!(run_.code, 0, "{}", run_.stderr);
    let pdf = site.path("public/in-an/don-dat-in.pdf");
    let (ok, info, _) = run(Command::new("pdfinfo").arg(&pdf));
    assert!(ok && info.contains("Pages:           1"), "{info}");
    let text = pdf_text(&pdf);
    for words in [
        "Đơn đặt in – Xã Thử Nghiệm",
        "1. Áp phích A4, mỗi thủ tục một tờ",
        "Tệp: in-an/ap-phich-a4/*.pdf (3 tệp)",
        "Khổ giấy in: SRA4 (225 × 320 mm)",
        "Màu: Chỉ mực đen (K 100 %), in một mặt",
        "Bản mỗi tệp: 3",
        "Số tờ: 9",
        "Xén theo dấu cắt ở bốn góc về đúng A4 (210 × 297 mm)",
        "2. Bảng niêm yết A4",
        "Tệp: in-an/bang-niem-yet-a4.pdf",
        // 10 A6 flyers a procedure: three sheets of four each
        "3. Tờ rơi A6, 12 tờ mỗi thủ tục",
        "Tệp: in-an/to-roi-4a6/*.pdf (3 tệp)",
        "Cắt hai đường theo dấu cắt",
        "Tổng số tờ theo khổ giấy SRA4 (225 × 320 mm): 9 A4: 10",
    ] {
        assert!(text.contains(words), "{words:?} missing in {text}");
    }
    assert!(
        !text.contains("Tờ rơi A5"),
        "no A5 flyers asked for: {text}"
    );
    // the print page shows the same order and links the PDF
    let page = site.read("public/in-an/index.html");
    for words in [
        "<h2 id=\"don-dat-in\">Đơn đặt in</h2>",
        "href=\"/in-an/don-dat-in.pdf\"",
        "<td>in-an/ap-phich-a4/*.pdf (3)</td><td>SRA4 (225 × 320 mm)</td>",
        "SRA4 (225 × 320 mm): 9 · A4: 10",
    ] {
        assert!(page.contains(words), "{words:?} missing in {page}");
    }
    // a bleed too thin for crop marks: none are drawn, and the order does
    // not send the print shop to them; its measure with a decimal comma
    site.write(
        "site.yaml",
        &format!(
            "{}print:\n  bleed_mm: 0.5\n  copies:\n    posters: 3\n",
            util::SITE_YAML
        ),
    );
    assert_eq!(site.build(&[]).code, 0);
    let page = site.read("public/in-an/index.html");
    assert!(page.contains("Xén 0,5 mm lề xén mỗi cạnh"), "{page}");
    assert!(!page.contains("dấu cắt ở bốn góc"), "{page}");
}

#[test]
fn characters_the_print_font_lacks_are_left_out_of_print_and_told_at_their_line_needs_poppler() {
    // an emoji copied from a Zalo message, Chinese characters, a flag
    let s = TestSite::new();
    let file = util::procedure("📌 Đăng ký tạm trú 漢字 🇻🇳", "tt01").replace(
        "2. Chọn **Thủ tục hành chính**.",
        "2. Chọn **Thủ tục hành chính** 👉 gửi.",
    );
    s.write("content/cu-tru/dang-ky-tam-tru.md", &file);
    let run = s.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // (where each is told: the broken case characters-print-lacks)
    for told in [
        "W082",
        "content/cu-tru/dang-ky-tam-tru.md:2:8",
        "«📌» (U+1F4CC), «漢» (U+6F22), «字» (U+5B57)",
        "«👉» (U+1F449)",
    ] {
        assert!(run.stderr.contains(told), "{told} not in {}", run.stderr);
    }
    // `--no-print` makes no print file: nothing to tell
    let run = s.build(&["--no-print"]);
    assert!(!run.stderr.contains("W082"), "{}", run.stderr);

    if !poppler(Needs::default()).met() {
        return;
    }
    let s2 = TestSite::new();
    s2.write("content/cu-tru/dang-ky-tam-tru.md", &file);
    assert_eq!(s2.build(&[]).code, 0);
    for pdf in [
        "ap-phich-a4/tt01.pdf",
        "to-roi-4a6/tt01.pdf",
        "bang-niem-yet-a4.pdf",
    ] {
        let text = pdf_text(&s2.path("public/in-an").join(pdf));
        assert!(text.contains("Đăng ký tạm trú"), "{pdf}: {text}");
        for c in ["📌", "漢", "🇻", "👉", "\u{fffd}"] {
            assert!(!text.contains(c), "{pdf}: {c} printed in {text}");
        }
    }
    let poster = pdf_text(&s2.path("public/in-an/ap-phich-a4/tt01.pdf"));
    assert!(poster.contains("Chọn Thủ tục hành chính gửi."), "{poster}");
}

/// A long domain and a long category name: the board sheet prints every
/// short link whole (it printed `xahoabinh.danang.gov.vn/q/…` under every
/// code, so no poster could be checked against it), the line on genuine
/// codes with its domain, and the category's whole name.
#[test]
fn the_board_prints_long_links_genuine_lines_and_category_names_whole_needs_poppler() {
    if !poppler(Needs::default()).met() {
        return;
    }
    let s = TestSite::new();
    let domain = "phuonghaichau-thanhpho.danang.gov.vn";
    s.write(
        "site.yaml",
        &util::SITE_YAML.replace("https://thu.example.vn", &format!("https://{domain}")),
    );
    let category = "Thành lập và hoạt động của hộ kinh doanh";
    s.write(
        "content/cu-tru/_index.md",
        &format!("---\ntitle: {category}\n---\n"),
    );
    let ids = ["dang-ky-tam-tru", "tt02", "xac-nhan-cu-tru1"];
    for (n, id) in ids.iter().enumerate() {
        s.write(
            &format!("content/cu-tru/p{n}.md"),
            &util::procedure(&format!("Thủ tục số {n}"), id),
        );
    }
    let run = s.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("bang-niem-yet"), "{}", run.stderr);
    for board in ["bang-niem-yet-a4.pdf", "bang-niem-yet-a3.pdf"] {
        let text = pdf_text(&s.path("public/in-an").join(board));
        // (a link on two lines is read with a space at the break)
        let joined = text.replace(' ', "");
        for id in ids {
            assert!(
                joined.contains(&format!("{domain}/q/{id}")),
                "{board}: {id} in {text}"
            );
        }
        assert!(!text.contains('…'), "{board}: {text}");
        assert!(
            text.contains(&format!(
                "Mã thật luôn mở trang {domain} – trang khác là mã giả."
            )),
            "{board}: {text}"
        );
        assert!(text.contains(category), "{board}: {text}");
    }
}

#[test]
fn a_font_the_site_adds_draws_the_letters_dejavu_lacks_needs_poppler() {
    // (DejaVu Sans Mono has APL symbols DejaVu Sans has not: they stand
    // for the letters of a language whose font a site adds, Khmer say)
    let mono = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf");
    let needs = poppler(Needs::default()).file(mono, "apt-get install fonts-dejavu-core");
    if !needs.met() {
        return;
    }
    let s = TestSite::new();
    s.write(
        "content/cu-tru/dang-ky-tam-tru.md",
        &util::procedure("Đăng ký tạm trú ⌒⍋", "tt01"),
    );
    let poster = s.path("public/in-an/ap-phich-a4/tt01.pdf");
    // without the font: told, and left out of the print
    let without = s.build(&[]);
    assert_eq!(without.code, 0, "{}", without.stderr);
    assert!(
        without.stderr.contains("«⌒» (U+2312), «⍋» (U+234B)"),
        "{}",
        without.stderr
    );
    assert!(!pdf_text(&poster).contains('⌒'));
    // the font put in the site's theme: the letters are drawn with it,
    // nothing is told, and the build cache does not hand back the poster
    // made without it
    s.write_bytes(
        "themes/default/fonts/DejaVuSansMono.ttf",
        &std::fs::read(mono).expect("the font"),
    );
    let with = s.build(&[]);
    assert_eq!(with.code, 0, "{}", with.stderr);
    assert!(!with.stderr.contains("W082"), "{}", with.stderr);
    let text = pdf_text(&poster);
    assert!(text.contains("Đăng ký tạm trú ⌒⍋"), "{text}");
    let (ok, fonts, err) = run(Command::new("pdffonts").arg(&poster));
    assert!(ok, "{err}");
    // name, type, encoding, then "emb sub uni": embedded as a subset
    let line = fonts
        .lines()
        .find(|l| l.contains("DejaVuSansMono"))
        .unwrap_or_else(|| panic!("DejaVu Sans Mono not in the poster:\n{fonts}"));
    assert!(line.contains("yes yes yes"), "{line}");
    // the site-language pages are untouched by the font
    let page = s.read("public/cu-tru/dang-ky-tam-tru/index.html");
    assert!(page.contains("Đăng ký tạm trú ⌒⍋"), "{page}");
}
