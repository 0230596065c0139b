//! The sample site checked by real programs, as real-clients.md says:
//! the Nu HTML Checker on every page, axe-core in Chromium on every kind of
//! page at a 360×640 phone viewport, and Chromium printing on A4.
//!
//! These need Java, Chromium and the npm packages of `tests/clients`
//! (`.ci/run` installs them). Under `CI=true` a missing tool fails the test.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

use crate::chromium;
use crate::util::{self, Needs, files_below};

fn sample_public() -> PathBuf {
    util::sample_site().join("public")
}

/// One page of each kind: home, category, procedure, and a missing page (404).
fn page_kinds() -> Vec<String> {
    let public = sample_public();
    let files = files_below(&public);
    let pick = |depth: usize| -> String {
        let f = files
            .iter()
            .find(|f| f.ends_with("index.html") && f.components().count() == depth + 1)
            .unwrap_or_else(|| panic!("no page at depth {depth}"));
        f.parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default()
    };
    let base = util::sample_url();
    vec![
        format!("{base}/"),
        format!("{base}/{}/", pick(1)),
        format!("{base}/{}/", pick(2)),
        format!("{base}/khong-co-trang-nay/"),
        // a translated page, a page shown untranslated, the print page and
        // the kiosk screen
        format!("{base}/en/"),
        format!("{base}/en/cu-tru/dang-ky-tam-tru/"),
        format!("{base}/en/cu-tru/dang-ky-thuong-tru/"),
        format!("{base}/in-an/"),
        format!("{base}/kiosk/"),
    ]
}

#[test]
fn every_page_of_the_sample_is_valid_html_needs_java() {
    let jar = chromium::clients().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !Needs::default()
        .tool("java", &["-version"])
        .file(&jar, "run `npm ci` in tests/clients")
        .met()
    {
        return;
    }
    let public = sample_public();
    let pages = files_below(&public)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
        .count();
    assert!(
        pages >= 20,
        "the sample should have many pages, found {pages}"
    );
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html"])
        .arg(&public)
        .output()
        .expect("run vnu");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "vnu found errors in {pages} pages:\n{report}"
    );
}

#[test]
fn axe_finds_nothing_on_any_kind_of_page_on_a_phone_needs_chromium() {
    if !chromium::ready(&["axe-core"]) {
        return;
    }
    let urls = page_kinds();
    let out = chromium::run("axe", &urls);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "axe, foreign requests or sideways scrolling:\n{stdout}\n{stderr}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.contains("\"ok\":true")).count(),
        urls.len(),
        "{stdout}"
    );
    assert!(
        stdout.contains("\"status\":404"),
        "the missing page is served as 404: {stdout}"
    );
}

#[test]
fn every_procedure_page_prints_on_one_or_two_a4_pages_needs_chromium_poppler() {
    if !chromium::needs(Needs::default(), &["axe-core"])
        .tool("pdfinfo", &["-v"])
        .met()
    {
        return;
    }
    let public = sample_public();
    let base = util::sample_url();
    let urls: Vec<String> = files_below(&public)
        .into_iter()
        .filter(|f| {
            // procedure pages: <category>/<procedure>/index.html, in the
            // site's language (not short links, kiosk screens or /en/)
            f.ends_with("index.html")
                && f.components().count() == 3
                && !["q", "kiosk", "en"].iter().any(|d| f.starts_with(d))
        })
        .map(|f| {
            format!(
                "{base}/{}/",
                f.parent()
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default()
            )
        })
        .collect();
    assert!(urls.len() >= 12, "{urls:?}");
    let pdfs = tempfile::tempdir().expect("temp dir");
    let mut args: Vec<OsString> = vec![pdfs.path().into()];
    args.extend(urls.iter().map(OsString::from));
    let out = chromium::run("print", &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (i, url) in urls.iter().enumerate() {
        let info = Command::new("pdfinfo")
            .arg(pdfs.path().join(format!("{i}.pdf")))
            .output()
            .expect("pdfinfo");
        let info = String::from_utf8_lossy(&info.stdout);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        assert!((1..=2).contains(&pages), "{url} prints on {pages} pages");
        assert!(
            info.contains("595.") && info.contains("841.") || info.contains("(A4)"),
            "{url} is not A4:\n{info}"
        );
    }
}
