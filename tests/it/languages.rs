//! Other languages: `name.xx.md` beside `name.md`, as a foreigner or a
//! reader of a minority language meets the result.

use crate::util::{Needs, TestSite, procedure};

const EN: &str = "---\ntitle: Registering temporary residence\nsummary: Register where you live now.\nagency: Commune police\nchannels:\n  - way: truc-tuyen\n    time: 3 working days\n    fee: 7,000 VND\ndocuments:\n  - Form CT01\nupdated: 2026-10-05\n---\n\n## Steps\n\n1. Open VNeID.\n2. Send the form.\n";

fn site() -> TestSite {
    let s = TestSite::standard();
    s.write("content/cu-tru/dang-ky-tam-tru.en.md", EN);
    s.write(
        "content/cu-tru/_index.en.md",
        "---\ntitle: Residence\n---\nWhere you live.\n",
    );
    s
}

#[test]
fn a_translation_has_its_own_page_linked_both_ways() {
    let s = site();
    let run = s.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let en = s.read("public/en/cu-tru/dang-ky-tam-tru/index.html");
    for want in [
        "<html lang=\"en\">",
        "<h1>Registering temporary residence</h1>",
        "<th scope=\"row\">Online</th><td>3 working days</td><td>7,000 VND</td>",
        "<h2 id=\"can-chuan-bi\">What you need</h2>",
        "<link rel=\"alternate\" hreflang=\"vi\" href=\"https://thu.example.vn/cu-tru/dang-ky-tam-tru/\">",
        "<link rel=\"canonical\" href=\"https://thu.example.vn/en/cu-tru/dang-ky-tam-tru/\">",
        "hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a>",
        "https://thu.example.vn/en/q/tt01/",
    ] {
        assert!(en.contains(want), "missing {want:?} in\n{en}");
    }
    assert!(!en.contains("noindex"));
    let vi = s.read("public/cu-tru/dang-ky-tam-tru/index.html");
    assert!(vi.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://thu.example.vn/en/cu-tru/dang-ky-tam-tru/\">"));
    assert!(vi.contains("hreflang=\"en\" lang=\"en\">English</a>"));
    // the English short link leads to the English page
    let short = s.read("public/en/q/tt01/index.html");
    assert!(short.contains("url=/en/cu-tru/dang-ky-tam-tru/"), "{short}");
    // the English home and category pages are in English
    let home = s.read("public/en/index.html");
    assert!(
        home.contains("<html lang=\"en\">") && home.contains(">Residence</a>"),
        "{home}"
    );
    // the sitemap lists the translation
    assert!(
        s.read("public/sitemap.xml")
            .contains("<loc>https://thu.example.vn/en/cu-tru/dang-ky-tam-tru/</loc>")
    );
    // the lock remembers that English codes are published
    assert!(s.read("qr-lock.yaml").contains(
        "tt01:\n  target: cu-tru/dang-ky-tam-tru/\n  title: Đăng ký tạm trú\n  languages: [en]\n"
    ));
}

#[test]
fn a_page_without_translation_falls_back_with_a_notice() {
    let s = site();
    assert_eq!(s.build(&[]).code, 0);
    let page = s.read("public/en/cu-tru/khai-bao-tam-vang/index.html");
    for want in [
        "<html lang=\"en\">",
        "This guide is not yet available in English",
        "<h1 lang=\"vi\">Khai báo tạm vắng</h1>",
        "<meta name=\"robots\" content=\"noindex\">",
        "<link rel=\"canonical\" href=\"https://thu.example.vn/cu-tru/khai-bao-tam-vang/\">",
        // the interface around it is English
        ">What you need</h2>",
    ] {
        assert!(page.contains(want), "missing {want:?} in\n{page}");
    }
    assert!(
        !s.read("public/sitemap.xml")
            .contains("/en/cu-tru/khai-bao-tam-vang/")
    );
}

/// The text of the English A4 poster of `tt01`, words joined by one
/// space, read with pdftotext (`None` only outside CI without poppler).
fn english_poster(s: &TestSite) -> Option<String> {
    poster_text(&s.path("public/in-an/en/ap-phich-a4/tt01.pdf"))
}

/// The text of the print file `pdf`, words joined by one space, read with
/// pdftotext (`None` only outside CI without poppler).
fn poster_text(pdf: &std::path::Path) -> Option<String> {
    let met = Needs::default()
        .tool("pdftotext", &["-v"])
        .met_for("reading an English poster with pdftotext");
    met.then(|| {
        let out = std::process::Command::new("pdftotext")
            .arg(pdf)
            .arg("-")
            .output()
            .expect("pdftotext");
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    })
}

#[test]
fn posters_of_a_translation_are_in_its_language_needs_poppler() {
    let s = site();
    let run = s.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for f in [
        "public/in-an/en/ap-phich-a4/tt01.pdf",
        "public/in-an/en/ap-phich-a5/tt01.pdf",
        "public/in-an/en/to-roi-2a5/tt01.pdf",
        "public/in-an/en/to-roi-4a6/tt01.pdf",
    ] {
        assert!(s.path(f).is_file(), "{f}");
    }
    assert!(
        !s.path("public/in-an/en/ap-phich-a4/tt02.pdf").exists(),
        "no translation, no poster"
    );
    let listing = s.read("public/in-an/index.html");
    assert!(
        listing.contains(
            "/in-an/en/ap-phich-a4/tt01.pdf\" lang=\"en\">Registering temporary residence</a>"
        ),
        "{listing}"
    );
    if let Some(text) = english_poster(&s) {
        for want in [
            "Registering temporary residence",
            "Scan the code",
            "Steps",
            "Open VNeID.",
            "thu.example.vn/en/q/tt01",
        ] {
            assert!(text.contains(want), "{want:?} missing in {text}");
        }
    }
}

#[test]
fn a_translation_with_another_id_is_refused() {
    let s = site();
    s.write(
        "content/cu-tru/dang-ky-tam-tru.en.md",
        &EN.replace("title: Registering", "id: xx99\ntitle: Registering"),
    );
    let run = s.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("E027")
            && run
                .stderr
                .contains("content/cu-tru/dang-ky-tam-tru.en.md:2:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn printed_codes_of_a_language_keep_working_when_the_language_goes() {
    let s = site();
    assert_eq!(s.build(&[]).code, 0);
    std::fs::remove_file(s.path("content/cu-tru/dang-ky-tam-tru.en.md")).unwrap();
    std::fs::remove_file(s.path("content/cu-tru/_index.en.md")).unwrap();
    let run = s.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !s.path("public/en/index.html").exists(),
        "the language is gone"
    );
    let short = s.read("public/en/q/tt01/index.html");
    assert!(short.contains("url=/cu-tru/dang-ky-tam-tru/"), "{short}");
    assert!(
        s.read("qr-lock.yaml").contains("  languages: [en]\n"),
        "the lock still remembers"
    );
}

#[test]
fn printed_codes_of_a_language_keep_working_when_it_becomes_the_sites_own() {
    // `language: en` on a site whose English posters are on walls: the
    // English pages move to the root, and /en/q/<id>/ went with no word
    let s = site();
    assert_eq!(s.build(&[]).code, 0);
    s.write(
        "site.yaml",
        &crate::util::SITE_YAML.replace("language: vi", "language: en"),
    );
    let run = s.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let short = s.read("public/en/q/tt01/index.html");
    assert!(short.contains("url=/cu-tru/dang-ky-tam-tru/"), "{short}");
    assert!(s.read("qr-lock.yaml").contains("  languages: [en]\n"));
}

#[test]
fn a_site_can_add_a_language_of_its_own() {
    let s = TestSite::standard();
    // Bahnar (bdq): the site gives its own interface strings, some of them
    s.write(
        "themes/default/i18n/bdq.yaml",
        "lang_name: Bahnar\nhome: Hnam\nprepare: Tơdrong athei\n",
    );
    s.write(
        "content/cu-tru/dang-ky-tam-tru.bdq.md",
        &procedure("Chih tơm tơring", "tt01").replace("id: tt01\n", ""),
    );
    let run = s.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = s.read("public/bdq/cu-tru/dang-ky-tam-tru/index.html");
    assert!(page.contains("<html lang=\"bdq\">"), "{page}");
    assert!(page.contains("<h1>Chih tơm tơring</h1>"));
    assert!(page.contains(">Tơdrong athei</h2>"), "its own strings");
    assert!(
        page.contains(">Lệ phí</th>"),
        "missing lines fall back to Vietnamese"
    );
    assert!(
        s.read("public/cu-tru/dang-ky-tam-tru/index.html")
            .contains(">Bahnar</a>")
    );
}

/// The original renamed (`dang-ky-tam-tru.md` → `tam-tru.md`): its
/// translation leaves the site, and `build` says so, not only `check`.
/// A translation beside an original with a mistake is not told as having
/// no original.
#[test]
fn a_translation_whose_original_was_renamed_is_told_by_the_build() {
    let s = site();
    assert_eq!(s.build(&["--no-print"]).code, 0);
    std::fs::rename(
        s.path("content/cu-tru/dang-ky-tam-tru.md"),
        s.path("content/cu-tru/tam-tru.md"),
    )
    .expect("rename");
    let run = s.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("W077") && run.stderr.contains("content/cu-tru/dang-ky-tam-tru.en.md"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("W077").count(), 1, "{}", run.stderr);
    // the original back, with a mistake: that mistake, no W077
    let text = std::fs::read_to_string(s.path("content/cu-tru/tam-tru.md")).expect("read");
    s.write(
        "content/cu-tru/dang-ky-tam-tru.md",
        &text.replace("updated: 2026-10-01", "updated: 01/10/2026"),
    );
    std::fs::remove_file(s.path("content/cu-tru/tam-tru.md")).expect("rm");
    let run = s.build(&["--no-print"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("E023") && !run.stderr.contains("W077"),
        "{}",
        run.stderr
    );
    let check = crate::util::Run::of({
        let mut c = crate::util::camnang();
        c.args(["check", "--root"]).arg(s.root());
        c
    });
    assert_eq!(
        check.stderr.matches("W077").count() + check.stdout.matches("W077").count(),
        0,
        "{}",
        check.stderr
    );
}

/// The site's own words in English (`site.en.yaml`): the English pages,
/// the JSON export and the English posters show them; the Vietnamese ones
/// are unchanged; a word left untranslated keeps its mark of Vietnamese,
/// and a setting the same in every language is told and left to
/// `site.yaml` (the English posters printed the hours in Vietnamese).
#[test]
fn the_sites_words_in_english_come_from_site_en_yaml_needs_poppler() {
    let s = site();
    s.write(
        "site.en.yaml",
        "title: Guide to procedures\ncontact:\n  hours: \"Monday – Friday\"\n  address: \"Commune office\"\n  phone: \"0235 9999 999\"\n",
    );
    let run = s.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("cảnh báo[W110]"), "{}", run.stderr);
    assert!(run.stderr.contains("site.en.yaml:5:3"), "{}", run.stderr);
    let en = s.read("public/en/cu-tru/dang-ky-tam-tru/index.html");
    for want in [
        "<span class=\"commune\" lang=\"vi\">Xã Thử Nghiệm · Thành phố Đà Nẵng</span> <span class=\"site-title\">Guide to procedures</span>",
        "<span>Monday – Friday</span>",
        "<p lang=\"vi\">Xã Thử Nghiệm, Thành phố Đà Nẵng · <span lang=\"en\">Commune office</span></p>",
        "tel:02353000000",
    ] {
        assert!(en.contains(want), "{want}\n{en}");
    }
    assert!(!en.contains("Thứ Hai"), "{en}");
    let vi = s.read("public/cu-tru/dang-ky-tam-tru/index.html");
    assert!(vi.contains("<span>Thứ Hai – Thứ Sáu</span>"), "{vi}");
    assert!(!vi.contains("Guide to procedures"), "{vi}");
    let api = s.read("public/en/api/procedures.json");
    assert!(api.contains("\"title\":\"Guide to procedures\""), "{api}");
    if let Some(text) = english_poster(&s) {
        assert!(text.contains("Monday – Friday"), "{text}");
        assert!(!text.contains("Thứ Hai"), "{text}");
    }
    // edited: the English posters are made again, not taken from the
    // build cache with the old hours
    s.write(
        "site.en.yaml",
        "title: Guide to procedures\ncontact:\n  hours: \"Monday – Saturday\"\n  address: \"Commune office\"\n",
    );
    let run = s.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    if let Some(text) = english_poster(&s) {
        assert!(text.contains("Monday – Saturday"), "{text}");
    }
    // (the English print files only: the others are kept from the cache)
    let english = crate::util::files_below(&s.path("public/in-an/en")).len();
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(
        said.contains(&format!("tạo mới {english} tệp")),
        "{english}: {said}"
    );
    // a province translated alone, and a title copied unchanged: each word
    // carries its own language
    s.write(
        "site.en.yaml",
        "title: Cẩm nang thủ tục\nprovince: Da Nang City\n",
    );
    assert_eq!(s.build(&["--no-print"]).code, 0);
    let en = s.read("public/en/cu-tru/dang-ky-tam-tru/index.html");
    for want in [
        "<span class=\"commune\" lang=\"vi\">Xã Thử Nghiệm · <span lang=\"en\">Da Nang City</span></span> <span class=\"site-title\" lang=\"vi\">Cẩm nang thủ tục</span>",
        "<p lang=\"vi\">Xã Thử Nghiệm, <span lang=\"en\">Da Nang City</span> · Trụ sở UBND xã</p>",
    ] {
        assert!(en.contains(want), "{want}\n{en}");
    }
    // `language:` in it: the hint says the file's name gives the language
    s.write("site.en.yaml", "language: en\n");
    let run = s.build(&["--no-print"]);
    assert!(
        run.stderr.contains("tên tệp đã cho biết ngôn ngữ (en)"),
        "{}",
        run.stderr
    );
    // a name camnang does not read is told with the name to give it
    std::fs::remove_file(s.path("site.en.yaml")).expect("remove");
    for name in ["site.EN.yaml", "site.en.yml", "site.en.yaml.txt"] {
        s.write(name, "title: Guide\n");
        let run = s.build(&["--no-print"]);
        assert!(
            run.stderr.contains("cảnh báo[W113]"),
            "{name}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("«site.en.yaml»"),
            "{name}: {}",
            run.stderr
        );
        std::fs::remove_file(s.path(name)).expect("remove");
    }
    // a language no page is in, and the site's own
    s.write("site.fr.yaml", "title: Guide des démarches\n");
    s.write("site.vi.yaml", "title: Cẩm nang\n");
    let run = s.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("cảnh báo[W111]"), "{}", run.stderr);
    assert!(run.stderr.contains("--> site.fr.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("cảnh báo[W038]"), "{}", run.stderr);
    // a backup copy of site.yaml is one warning, not one for each of its
    // settings
    std::fs::copy(s.path("site.yaml"), s.path("site.old.yaml")).expect("copy");
    let run = s.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("--> site.old.yaml\n"), "{}", run.stderr);
    assert!(
        run.stderr.contains("bản sao lưu của site.yaml"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("site.old.yaml:"), "{}", run.stderr);
    std::fs::remove_file(s.path("site.old.yaml")).expect("remove");
    // a word misspelt is told as in site.yaml
    s.write("site.fr.yaml", "titel: Guide\n");
    let run = s.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("lỗi[E011]"), "{}", run.stderr);
    assert!(run.stderr.contains("site.fr.yaml:1:1"), "{}", run.stderr);
}

/// The sample site's `site.en.yaml`: its English pages and posters show
/// the site's words in English (and the real clients judge those pages).
#[test]
fn the_samples_english_pages_and_posters_have_the_sites_words_in_english_needs_poppler() {
    let public = crate::util::sample_site().join("public");
    let home = std::fs::read_to_string(public.join("en/index.html")).expect("the English home");
    assert!(
        home.contains("<h1>Guide to administrative procedures</h1>"),
        "{home}"
    );
    assert!(
        home.contains("<span class=\"commune\" lang=\"vi\">Xã Hòa Bình"),
        "{home}"
    );
    let vi = std::fs::read_to_string(public.join("index.html")).expect("the home");
    assert!(vi.contains("<h1>Cẩm nang thủ tục hành chính</h1>"), "{vi}");
    if let Some(text) = poster_text(&public.join("in-an/en/ap-phich-a4/ct02.pdf")) {
        assert!(text.contains("Monday – Friday"), "{text}");
        assert!(!text.contains("Thứ Hai"), "{text}");
    }
}
