//! Outputs behind one interface: the JSON export, and what happens when
//! two things would be written to one place.

use crate::util::{SITE_YAML, TestSite, procedure};

const EN: &str = "---\ntitle: Registering temporary residence\nsummary: Register where you live now.\nagency: Commune police\nchannels:\n  - way: truc-tuyen\n    time: 3 working days\n    fee: 7,000 VND\ndocuments:\n  - Form CT01\nupdated: 2026-10-05\n---\n\n## Steps\n\n1. Open VNeID.\n2. Send the form.\n";

fn json(s: &TestSite, rel: &str) -> serde_json::Value {
    serde_json::from_str(&s.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_json_export_has_every_procedure_in_every_language() {
    let s = TestSite::standard();
    s.write("content/cu-tru/dang-ky-tam-tru.en.md", EN);
    let run = s.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all = json(&s, "public/api/procedures.json");
    assert_eq!(all["lang"], "vi");
    assert_eq!(all["site"]["commune"], "Xã Thử Nghiệm");
    let list = all["procedures"].as_array().expect("a list");
    assert_eq!(list.len(), 3);
    let p = list
        .iter()
        .find(|p| p["id"] == "tt01")
        .expect("tt01 in the list");
    assert_eq!(p["title"], "Đăng ký tạm trú");
    assert_eq!(p["code"], "1.004194");
    assert_eq!(p["category"]["slug"], "cu-tru");
    assert_eq!(p["agency"], "Công an xã");
    assert_eq!(p["channels"][0]["way"], "truc-tuyen");
    assert_eq!(p["channels"][0]["time"], "03 ngày làm việc");
    assert_eq!(p["channels"][0]["fee"], "7.000 đồng");
    assert_eq!(p["channels"][1]["fee"], "15.000 đồng");
    assert_eq!(
        p["documents"][0],
        "Tờ khai thay đổi thông tin cư trú (mẫu CT01)"
    );
    assert_eq!(p["legal"][0], "Luật Cư trú số 68/2020/QH14");
    assert_eq!(
        p["document_groups"][0]["items"][1],
        "Giấy tờ chứng minh chỗ ở hợp pháp"
    );
    assert_eq!(
        p["draft"].as_array().map(Vec::len),
        Some(0),
        "nothing to check"
    );
    assert_eq!(p["online"]["url"], "https://dichvucong.gov.vn/");
    assert_eq!(p["online"]["level"], "toan-trinh");
    assert_eq!(p["short_link"], "https://thu.example.vn/q/tt01/");
    assert_eq!(p["url"], "https://thu.example.vn/cu-tru/dang-ky-tam-tru/");
    assert_eq!(p["updated"], "2026-10-01");
    // one procedure's file is the same object
    assert_eq!(&json(&s, "public/api/tt01.json"), p);
    // English: the translation in English, the others in Vietnamese, marked
    let en = json(&s, "public/en/api/procedures.json");
    assert_eq!(en["lang"], "en");
    let list = en["procedures"].as_array().expect("a list");
    let t = list.iter().find(|p| p["id"] == "tt01").expect("tt01");
    assert_eq!(t["title"], "Registering temporary residence");
    assert_eq!(t["translated"], true);
    assert_eq!(t["lang"], "en");
    assert_eq!(t["channels"][0]["label"], "Online");
    assert_eq!(
        t["url"],
        "https://thu.example.vn/en/cu-tru/dang-ky-tam-tru/"
    );
    assert_eq!(t["short_link"], "https://thu.example.vn/en/q/tt01/");
    let u = list.iter().find(|p| p["id"] == "tt02").expect("tt02");
    assert_eq!(u["translated"], false);
    assert_eq!(u["lang"], "vi");
    assert_eq!(u["url"], "https://thu.example.vn/cu-tru/khai-bao-tam-vang/");
    // its page and its code are the site language's (the English short
    // link opened a fallback page, while `url` named the page itself)
    assert_eq!(u["short_link"], "https://thu.example.vn/q/tt02/");
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
            &procedure("Một thủ tục", "zz01"),
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
fn a_translation_in_a_language_named_like_camnangs_own_folder_stops_the_build() {
    // `.api.md` reads as a language code: its pages would fill /api/
    let s = TestSite::standard();
    s.write("content/cu-tru/dang-ky-tam-tru.api.md", EN);
    refused(&s, "E048", "content/cu-tru/dang-ky-tam-tru.api.md");
    // a category's title in that language alone is named the same way
    let s = TestSite::standard();
    s.write(
        "content/cu-tru/_index.api.md",
        "---\ntitle: Residence\n---\n",
    );
    refused(&s, "E048", "content/cu-tru/_index.api.md");
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
