//! The sample site checked by real programs, as real-clients.md says:
//! the Nu HTML Checker on every page, axe-core in Chromium on every kind of
//! page at a 360×640 phone viewport, and Chromium printing on A4.
//!
//! These need Java, Chromium and the npm packages of `tests/clients`
//! (`.ci/run` installs them). Under `CI=true` a missing tool fails the test.

mod common;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use common::{files_below, require};

fn clients() -> PathBuf {
    common::repo().join("tests/clients")
}

fn sample_public() -> PathBuf {
    common::sample_site().join("public")
}

/// Serves the built sample on a free loopback port for the life of the test
/// binary; returns its base address.
fn served() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let dir = sample_public();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr");
        listener.set_nonblocking(true).expect("nonblocking");
        std::thread::spawn(move || {
            let rt = tokio::runtime::Runtime::new().expect("runtime");
            rt.block_on(async move {
                let l = tokio::net::TcpListener::from_std(listener).expect("listener");
                axum::serve(l, common::static_router(dir))
                    .await
                    .expect("serve");
            });
        });
        format!("http://{addr}")
    })
}

fn node_ready() -> bool {
    let have_node = require("node", &["--version"]);
    let modules = clients().join("node_modules/playwright-core").is_dir()
        && clients().join("node_modules/axe-core").is_dir();
    if !modules {
        assert!(
            !common::in_ci(),
            "tests/clients/node_modules is missing under CI=true: run npm ci in tests/clients"
        );
        eprintln!("SKIPPED: run `npm ci` in tests/clients to run the Chromium tests");
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    have_node && modules && require(&chromium, &["--version"])
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
    let base = served();
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
fn every_page_of_the_sample_is_valid_html() {
    if !require("java", &["-version"]) {
        return;
    }
    let jar = clients().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !jar.is_file() {
        assert!(
            !common::in_ci(),
            "vnu.jar missing under CI=true: run npm ci in tests/clients"
        );
        eprintln!("SKIPPED: run `npm ci` in tests/clients for the Nu HTML Checker");
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
fn axe_finds_nothing_on_any_kind_of_page_on_a_phone() {
    if !node_ready() {
        return;
    }
    let urls = page_kinds();
    let out = Command::new("node")
        .arg(clients().join("chromium.mjs"))
        .arg("axe")
        .args(&urls)
        .output()
        .expect("run node");
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
fn every_procedure_page_prints_on_one_or_two_a4_pages() {
    if !node_ready() || !require("pdfinfo", &["-v"]) {
        return;
    }
    let public = sample_public();
    let base = served();
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
    let out = Command::new("node")
        .arg(clients().join("chromium.mjs"))
        .arg("print")
        .arg(pdfs.path())
        .args(&urls)
        .output()
        .expect("run node");
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
