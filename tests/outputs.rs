//! Outputs behind one interface: the JSON export, and what happens when
//! two things would be written to one place.

mod common;

use common::{SITE_YAML, TestSite};

#[allow(dead_code)]
const EN: &str = "---\ntitle: Registering temporary residence\nsummary: Register where you live now.\nagency: Commune police\nchannels:\n  - way: truc-tuyen\n    time: 3 working days\n    fee: 7,000 VND\ndocuments:\n  - Form CT01\nupdated: 2026-10-05\n---\n\n## Steps\n\n1. Open VNeID.\n2. Send the form.\n";

#[allow(dead_code)]
fn json(s: &TestSite, rel: &str) -> serde_json::Value {
    serde_json::from_str(&s.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Builds `s`, expecting a refusal naming `code` and `place`, with
/// nothing written.
fn refused(s: &TestSite, code: &str, place: &str) {
    let run = s.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(code), "{code} in {}", run.stderr);
    assert!(run.stderr.contains(place), "{place} in {}", run.stderr);
    assert!(!s.path("public").exists(), "nothing is written");
    let en = s.build(&["--lang", "en"]);
    assert!(en.stderr.contains("camnang keeps it for"), "{}", en.stderr);
}

#[test]
fn a_category_named_like_camnangs_own_folders_stops_the_build() {
    for name in ["q", "in-an", "kiosk", "api", "assets"] {
        let s = TestSite::standard();
        s.write(
            &format!("content/{name}/_index.md"),
            "---\ntitle: Quy định\n---\n",
        );
        s.write(
            &format!("content/{name}/tt01.md"),
            &common::procedure("Một thủ tục", "zz01"),
        );
        refused(&s, "E047", &format!("content/{name}/"));
    }
}

#[test]
fn a_category_named_like_a_language_of_the_site_stops_the_build() {
    let s = TestSite::standard();
    s.write("content/cu-tru/dang-ky-tam-tru.en.md", EN);
    s.write("content/en/_index.md", "---\ntitle: Tiếng Anh\n---\n");
    refused(&s, "E047", "content/en/");
}

#[test]
fn settings_full_of_braces_and_template_syntax_are_shown_as_text() {
    let s = TestSite::standard();
    let odd = "Xã {{ site.title }} {% if x %} {# y #} {";
    s.write(
        "site.yaml",
        &SITE_YAML.replace("commune: Xã Thử Nghiệm", &format!("commune: \"{odd}\"")),
    );
    let run = s.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = s.read("public/index.html");
    assert!(
        home.contains("Xã {{ site.title }} {% if x %} {# y #} {"),
        "the setting as text in\n{home}"
    );
}

#[test]
fn numbers_out_of_range_in_site_yaml_are_refused_at_their_line() {
    let s = TestSite::standard();
    s.write(
        "site.yaml",
        &format!("{SITE_YAML}print:\n  bleed_mm: 50\nkiosk:\n  seconds: 0\n"),
    );
    let run = s.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines = SITE_YAML.lines().count();
    for line in [lines + 2, lines + 4] {
        assert!(
            run.stderr.contains(&format!("site.yaml:{line}:")),
            "line {line} in {}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("E016"), "{}", run.stderr);
}
