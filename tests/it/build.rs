//! `camnang build` as a clerk uses it: small sites in temporary folders,
//! checked by what a resident or clerk would see.

use std::io::Write as _;

use crate::util::{self, TestSite, files_below, procedure};

#[test]
fn builds_home_category_procedure_404_and_sitemap() {
    let site = TestSite::standard();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("đã tạo"), "{}", run.stdout);
    for page in [
        "public/index.html",
        "public/cu-tru/index.html",
        "public/cu-tru/dang-ky-tam-tru/index.html",
        "public/404.html",
        "public/sitemap.xml",
        "public/robots.txt",
    ] {
        assert!(site.path(page).is_file(), "{page} missing");
    }
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://thu.example.vn/cu-tru/dang-ky-tam-tru/</loc><lastmod>2026-10-01</lastmod>"
        ),
        "{sitemap}"
    );
}

#[test]
fn a_procedure_page_shows_what_a_resident_needs() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    let page = site.read("public/cu-tru/dang-ky-tam-tru/index.html");
    let expect = [
        "<h1>Đăng ký tạm trú</h1>",
        "Khai báo nơi ở mới khi bạn ở ngoài nơi thường trú",
        "<dd>Công an xã</dd>",
        "Toàn trình",
        "<a class=\"button\" href=\"https://dichvucong.gov.vn/\">Làm trực tuyến <span class=\"domain\">trên trang dichvucong.gov.vn</span></a>",
        "ứng dụng VNeID, Cổng Dịch vụ công quốc gia",
        "<th scope=\"row\">Trực tuyến</th><td>03 ngày làm việc</td><td>7.000 đồng</td>",
        "<h2 id=\"can-chuan-bi\">Cần chuẩn bị</h2>",
        "<li>Tờ khai thay đổi thông tin cư trú (mẫu CT01)</li>",
        "<ol>\n<li>Mở ứng dụng VNeID.</li>",
        "<h2 id=\"luu-y\">Lưu ý</h2>",
        "Thông tin tạm trú được cập nhật",
        "Luật Cư trú số 68/2020/QH14",
        "<time datetime=\"2026-10-01\">01/10/2026</time>",
        "href=\"tel:02353000000\"",
        "href=\"https://zalo.me/0905000000\"",
        "<html lang=\"vi\">",
        "<link rel=\"canonical\" href=\"https://thu.example.vn/cu-tru/dang-ky-tam-tru/\">",
    ];
    for e in expect {
        assert!(page.contains(e), "missing {e:?} in\n{page}");
    }
    // nothing is fetched from elsewhere and no script is needed
    // the only script registers the offline cache: reading needs none
    // (resident.rs reads the pages with JavaScript off)
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    assert!(page.contains("navigator.serviceWorker.register(\"/sw.js\""));
    assert!(!page.contains("<link rel=\"stylesheet\""), "CSS is inline");
    assert!(!page.contains("fonts.googleapis") && !page.contains("@font-face"));
}

#[test]
fn home_lists_procedures_in_vietnamese_order() {
    let site = TestSite::new();
    for (file, title, id) in [
        ("a.md", "Xác nhận cư trú", "a1"),
        ("b.md", "Đăng ký tạm trú", "a2"),
        ("c.md", "Cấp đổi căn cước", "a3"),
        ("d.md", "Dịch vụ lưu trú", "a4"),
        ("e.md", "Ăn ở tạm thời", "a5"),
    ] {
        site.write(&format!("content/cu-tru/{file}"), &procedure(title, id));
    }
    assert_eq!(site.build(&[]).code, 0);
    let home = site.read("public/index.html");
    let pos = |t: &str| {
        home.find(t)
            .unwrap_or_else(|| panic!("{t} not on home page"))
    };
    let order = [
        "Ăn ở tạm thời",
        "Cấp đổi căn cước",
        "Dịch vụ lưu trú",
        "Đăng ký tạm trú",
        "Xác nhận cư trú",
    ];
    for w in order.windows(2) {
        assert!(
            pos(w[0]) < pos(w[1]),
            "{} should come before {}",
            w[0],
            w[1]
        );
    }
}

#[test]
fn categories_follow_their_order_field() {
    let site = TestSite::standard();
    site.write(
        "content/ho-tich/_index.md",
        "---\ntitle: Hộ tịch\norder: 0\n---\n",
    );
    site.write(
        "content/ho-tich/khai-sinh.md",
        &procedure("Đăng ký khai sinh", "ht01"),
    );
    site.write(
        "content/an-sinh/_index.md",
        "---\ntitle: An sinh xã hội\n---\n",
    );
    assert_eq!(site.build(&[]).code, 0);
    let home = site.read("public/index.html");
    let a = home.find("Hộ tịch").unwrap();
    let b = home.find(">Cư trú<").unwrap();
    let c = home.find("An sinh xã hội").unwrap();
    assert!(a < b && b < c, "order 0, then 1, then unordered");
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TestSite::standard();
    site.write("content/files/CT01.txt", "mẫu CT01");
    let out1 = site.path("out1");
    let out2 = site.path("out2");
    assert_eq!(site.build(&["--output", out1.to_str().unwrap()]).code, 0);
    assert_eq!(site.build(&["--output", out2.to_str().unwrap()]).code, 0);
    let f1 = files_below(&out1);
    assert_eq!(f1, files_below(&out2));
    assert!(f1.len() >= 8, "{f1:?}");
    for f in f1 {
        assert_eq!(
            std::fs::read(out1.join(&f)).unwrap(),
            std::fs::read(out2.join(&f)).unwrap(),
            "{}",
            f.display()
        );
    }
}

#[test]
fn a_yaml_mistake_names_file_and_line_and_keeps_the_published_site() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    let before = site.read("public/cu-tru/dang-ky-tam-tru/index.html");
    let files_before = files_below(&site.path("public"));
    let broken =
        procedure("Đăng ký tạm trú", "tt01").replace("agency: Công an xã", "agency: \"Công an xã");
    site.write("content/cu-tru/dang-ky-tam-tru.md", &broken);
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("lỗi[E006]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/cu-tru/dang-ky-tam-tru.md:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("trang đã xuất bản trước đó vẫn giữ nguyên"),
        "{}",
        run.stderr
    );
    assert_eq!(
        site.read("public/cu-tru/dang-ky-tam-tru/index.html"),
        before
    );
    assert_eq!(files_below(&site.path("public")), files_before);
    // no staging folder is left beside it (the build cache, the spare and
    // the stamps stay)
    let names = util::left_beside_output(site.root());
    assert!(names.iter().all(|n| !n.contains("camnang-")), "{names:?}");
}

#[test]
fn all_mistakes_of_all_files_are_reported_at_once() {
    let site = TestSite::standard();
    site.write(
        "content/cu-tru/a.md",
        &procedure("A", "a1").replace("summary:", "sumary:"),
    );
    site.write(
        "content/cu-tru/b.md",
        &procedure("B", "b1").replace("updated: 2026-10-01", "updated: 2026-02-30"),
    );
    site.write("content/cu-tru/c.md", &procedure("C", "tt01"));
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    let e = &run.stderr;
    assert!(e.contains("content/cu-tru/a.md:5:1"), "{e}");
    assert!(e.contains("có phải bạn muốn viết «summary»?"), "{e}");
    assert!(
        e.contains("content/cu-tru/dang-ky-tam-tru.md:3:1")
            && e.contains("mã «tt01» đã được dùng trong tệp content/cu-tru/c.md"),
        "duplicate id: {e}"
    );
    // the typo's hint covers the missing field: one message, not two
    assert!(!e.contains("thiếu trường bắt buộc «summary»"), "{e}");
    assert!(
        e.contains("«2026-02-30» không phải một ngày có thật"),
        "{e}"
    );
    assert!(e.contains("content/cu-tru/b.md:25:1"), "{e}");
}

#[test]
fn messages_follow_the_site_language_or_the_lang_flag() {
    let site = TestSite::standard();
    site.write(
        "content/cu-tru/a.md",
        &procedure("A", "a1").replace("title: A\n", ""),
    );
    let vi = site.build(&[]);
    assert!(
        vi.stderr.contains("thiếu trường bắt buộc «title»"),
        "{}",
        vi.stderr
    );
    let en = site.build(&["--lang", "en"]);
    assert!(
        en.stderr
            .contains("error[E010]: the required field `title` is missing"),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains("hint: add a line `title: …`"),
        "{}",
        en.stderr
    );
    site.write(
        "site.yaml",
        &util::SITE_YAML.replace("language: vi", "language: en"),
    );
    let en2 = site.build(&[]);
    assert!(
        en2.stderr.contains("the required field `title` is missing"),
        "{}",
        en2.stderr
    );
}

#[test]
fn word_and_unikey_files_load_bom_crlf_and_decomposed_text() {
    let site = TestSite::standard();
    let text = procedure("Đăng ký thường trú", "tt09").replace('\n', "\r\n");
    // decomposed: "ư" + combining hook above etc. come from NFD of the title
    let nfd: String = unicode_normalization_nfd(&text);
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(nfd.as_bytes());
    site.write_bytes("content/cu-tru/dang-ky-thuong-tru.md", &bytes);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/cu-tru/dang-ky-thuong-tru/index.html");
    assert!(
        page.contains("<h1>Đăng ký thường trú</h1>"),
        "title must be NFC"
    );
    assert!(!page.contains('\r'));
}

fn unicode_normalization_nfd(s: &str) -> String {
    // Decompose the Vietnamese letters used in the test by hand, as Unikey's
    // "Unicode tổ hợp" would (base letter + combining marks).
    s.replace('ă', "a\u{306}")
        .replace('ư', "u\u{31b}")
        .replace('ờ', "o\u{31b}\u{300}")
        .replace('ú', "u\u{301}")
        .replace('ý', "y\u{301}")
        .replace('ạ', "a\u{323}")
}

#[test]
fn windows_1258_files_get_a_clear_message() {
    let site = TestSite::standard();
    site.write_bytes(
        "content/cu-tru/cu.md",
        b"---\ntitle: \xd0\xe3ng k\xfd\n---\n",
    );
    let run = site.build(&["--lang", "en"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/cu-tru/cu.md"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not saved as UTF-8"), "{}", run.stderr);
}

#[test]
fn raw_html_is_escaped_and_script_links_are_refused() {
    let site = TestSite::standard();
    let text = procedure("Thử", "x1").replace(
        "- Mang theo căn cước.",
        "- <script>alert(1)</script> <img src=x onerror=alert(1)>",
    );
    site.write("content/cu-tru/thu.md", &text);
    assert_eq!(site.build(&[]).code, 0);
    let page = site.read("public/cu-tru/thu/index.html");
    assert!(!page.contains("<script>alert"), "raw HTML must not pass");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    site.write(
        "content/cu-tru/thu.md",
        &text.replace("3. Gửi hồ sơ.", "3. [Gửi](javascript:alert(1))"),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("E024") && run.stderr.contains("content/cu-tru/thu.md:32:4"),
        "{}",
        run.stderr
    );
}

#[test]
fn raw_html_passes_when_the_site_allows_it() {
    let site = TestSite::standard();
    site.write(
        "site.yaml",
        &format!("{}allow_html: true\n", util::SITE_YAML),
    );
    site.write(
        "content/cu-tru/thu.md",
        &procedure("Thử", "x1").replace("- Mang theo căn cước.", "- <mark>Quan trọng</mark>"),
    );
    assert_eq!(site.build(&[]).code, 0);
    assert!(
        site.read("public/cu-tru/thu/index.html")
            .contains("<mark>Quan trọng</mark>")
    );
}

#[test]
fn refuses_an_output_folder_that_would_lose_files() {
    let site = TestSite::standard();
    for (out, code) in [
        (".", "E040"),
        ("content", "E040"),
        ("..", "E041"),
        ("content/x", "E042"),
    ] {
        let dir = site.path(out);
        let run = site.build(&["--output", dir.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{out}: {}", run.stderr);
        assert!(run.stderr.contains(code), "{out}: {}", run.stderr);
        // the folder refused is named as it was given
        let named = format!("--> {}/", dir.display());
        assert!(run.stderr.contains(&named), "{named}: {}", run.stderr);
    }
    site.write("mine/letter.docx", "x");
    let run = site.build(&[
        "--output",
        site.path("mine").to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("letter.docx") && run.stderr.contains("never deletes"),
        "{}",
        run.stderr
    );
    let named = format!("--> {}/", site.path("mine").display());
    assert!(run.stderr.contains(&named), "{named}: {}", run.stderr);
    assert!(site.path("mine/letter.docx").exists());
    assert!(site.path("content/cu-tru/dang-ky-tam-tru.md").exists());
    // the home folder, even an empty one (it was written into: the README
    // said it was refused)
    let home = tempfile::tempdir().expect("home");
    let mut c = util::camnang();
    c.env("HOME", home.path())
        .args(["build", "--no-print", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(home.path());
    let run = util::Run::of(c);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("E151"), "{}", run.stderr);
    assert!(!home.path().join("index.html").exists());
}

#[test]
fn a_site_theme_overrides_the_default_file_by_file() {
    let site = TestSite::standard();
    site.write("site.yaml", &format!("{}theme: xanh\n", util::SITE_YAML));
    site.write("themes/xanh/static/style.css", "body{background:#e8f4ff}");
    site.write("themes/xanh/i18n/vi.yaml", "do_online: Nộp hồ sơ ngay\n");
    assert_eq!(site.build(&[]).code, 0);
    let page = site.read("public/cu-tru/dang-ky-tam-tru/index.html");
    assert!(page.contains("body{background:#e8f4ff}"));
    assert!(page.contains(">Nộp hồ sơ ngay <span class=\"domain\">"));
    assert!(
        page.contains("Cần chuẩn bị"),
        "other strings still from the default theme"
    );
    site.write(
        "site.yaml",
        &format!("{}theme: khong-co\n", util::SITE_YAML),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("themes/khong-co/"), "{}", run.stderr);
}

#[test]
fn a_broken_template_is_told_with_the_mistakes_of_site_yaml_and_the_guides() {
    let site = TestSite::standard();
    site.write("site.yaml", &util::SITE_YAML.replace("title:", "titel:"));
    site.write(
        "content/cu-tru/dang-ky-tam-tru.md",
        &util::procedure("Đăng ký tạm trú", "tt01").replace("agency:", "agncy:"),
    );
    site.write(
        "themes/default/templates/partials/contact.html",
        "<p>{% if site.contact.phone %}{{ site.contact.phone }}</p>\n",
    );
    let run = site.build(&["--no-print"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // one run, all three (each used to wait for the one before to be fixed)
    for told in [
        "site.yaml",
        "dang-ky-tam-tru.md",
        "templates/partials/contact.html",
    ] {
        assert!(run.stderr.contains(told), "{told}: {}", run.stderr);
    }
    assert_eq!(run.stderr.matches("E057").count(), 1, "{}", run.stderr);
    assert!(!site.path("public").exists());
}

#[test]
fn a_mistake_in_a_partial_every_page_includes_is_told_once_at_the_partial() {
    let site = TestSite::standard();
    site.write(
        "themes/default/templates/partials/contact.html",
        "<p>{{ site.contact.phonee }}</p>\n",
    );
    let run = site.build(&["--no-print"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("E058").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("themes/default/templates/partials/contact.html:1:7")
            && run.stderr.contains("«site.contact.phone»?"),
        "{}",
        run.stderr
    );
    assert!(!site.path("public").exists());
    // a filter and an include a partial names: told once, at the partial
    // (they were told at each page's template, four times, in Tera's words)
    for (line, code, place, meant) in [
        (
            "<p>{{ site.commune | uper }}</p>",
            "E059",
            ":1:22",
            "«upper»",
        ),
        (
            "<p>{% include \"partials/nope.html\" %}</p>",
            "E068",
            ":1:15",
            "partials/nope.html",
        ),
        (
            "<p>\n{% if site.notice %}{{ site.notice }}</p>\n",
            "E057",
            ":3:1",
            "endif",
        ),
    ] {
        site.write("themes/default/templates/partials/contact.html", line);
        let run = site.build(&["--no-print"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(
            run.stderr.matches(code).count(),
            1,
            "{code}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains(&format!("partials/contact.html{place}"))
                && run.stderr.contains(meant),
            "{code}: {}",
            run.stderr
        );
    }
}

#[test]
fn base_url_with_a_path_prefixes_every_link() {
    let site = TestSite::standard();
    site.write(
        "content/cu-tru/_index.md",
        "---\ntitle: Cư trú\n---\nXem [mẫu](/files/CT01.txt).\n",
    );
    site.write("content/files/CT01.txt", "x");
    let run = site.build(&["--base-url", "https://tinh.example.vn/hoabinh"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = site.read("public/index.html");
    assert!(
        home.contains("href=\"/hoabinh/cu-tru/dang-ky-tam-tru/\""),
        "{home}"
    );
    assert!(
        site.read("public/cu-tru/index.html")
            .contains("href=\"/hoabinh/files/CT01.txt\"")
    );
    assert!(site.path("public/files/CT01.txt").is_file());
}

#[test]
fn a_base_url_given_on_the_command_line_is_checked_as_site_yaml_is() {
    // (an office machine's address or a Facebook page given with
    // --base-url went onto every code without a word)
    let site = TestSite::standard();
    let root = site.root().to_str().unwrap();
    for (url, code) in [
        ("https://192.168.1.5/", "W115"),
        ("https://www.facebook.com/xahoabinh", "W098"),
    ] {
        let mut c = util::camnang();
        c.args(["check", "--root", root, "--base-url", url]);
        let r = util::Run::of(c);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stderr.contains(&format!("[{code}]")),
            "{url}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_procedure_page_fits_the_weak_phone_budget() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    let page = std::fs::read(site.path("public/cu-tru/dang-ky-tam-tru/index.html")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&page).unwrap();
    let size = gz.finish().unwrap().len();
    // HTML with its inline CSS, gzipped, at most 14 KB (first round trip)
    assert!(size <= 14 * 1024, "{size} bytes gzipped");
}

#[test]
fn usage_mistakes_exit_with_2() {
    let run = util::Run::of({
        let mut c = util::camnang();
        c.args(["build", "--no-such-flag"]);
        c
    });
    assert_eq!(run.code, 2);
    let help = util::Run::of({
        let mut c = util::camnang();
        c.arg("--help");
        c
    });
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("build") && help.stdout.contains("serve"));
}

#[test]
fn a_missing_site_yaml_says_where_to_run() {
    let dir = tempfile::tempdir().unwrap();
    let run = util::Run::of({
        let mut c = util::camnang();
        c.arg("build").arg("--root").arg(dir.path());
        c
    });
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("site.yaml") && run.stderr.contains("--root"),
        "{}",
        run.stderr
    );
}

#[test]
fn procedure_page_snapshot() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    let page = site.read("public/cu-tru/dang-ky-tam-tru/index.html");
    // the CSS is the theme's file, checked elsewhere; snapshot the markup
    let start = page.find("<style>").unwrap();
    let end = page.find("</style>").unwrap();
    let markup = format!("{}<style>…</style>{}", &page[..start], &page[end + 8..]);
    insta::assert_snapshot!(markup);
}

#[test]
fn command_line_mistakes_are_told_in_the_sites_language_with_what_was_meant() {
    let site = TestSite::standard();
    let run_in = |args: &[&str]| {
        let mut cmd = util::camnang();
        cmd.current_dir(site.root()).args(args);
        util::Run::of(cmd)
    };
    // a command typed wrongly: exit 2, and every word of `said` told
    let wrong = |args: &[&str], said: &[&str]| {
        let run = run_in(args);
        assert_eq!(run.code, 2, "{}", run.stderr);
        for s in said {
            assert!(run.stderr.contains(s), "{s}: {}", run.stderr);
        }
    };
    // (clap's own words were English: "unrecognized subcommand 'buil'")
    wrong(&["buil"], &["lỗi[E053]", "«camnang build»"]);
    wrong(&["build", "--no-prin"], &["lỗi[E054]", "«--no-print»"]);
    wrong(&["check", "--lang", "vn"], &["lỗi[E055]", "vi, en"]);
    // something missing, in words, with the help of the command typed
    // (it was E056 with clap's English: "the following required
    // arguments were not provided")
    wrong(
        &["new", "procedure", "Đăng ký khai sinh"],
        &[
            "lỗi[E049]: lệnh còn thiếu: --category",
            "«camnang new procedure --help»",
        ],
    );
    // an option left without its value (it was "«» không dùng được")
    wrong(
        &["build", "--root"],
        &["sau --root cần viết một giá trị", "«camnang build --help»"],
    );
    // English when asked, or when the site is English
    let run = run_in(&["serve", "--port", "abc", "--lang", "en"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("error[E055]"), "{}", run.stderr);
    site.write(
        "site.yaml",
        &util::SITE_YAML.replace("language: vi", "language: en"),
    );
    let run = run_in(&["deploy", "--dry-runn"]);
    assert!(run.stderr.contains("error[E054]"), "{}", run.stderr);
    // help is still help, on standard output, exit 0
    let run = run_in(&["build", "--help"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("--no-print"), "{}", run.stdout);
    assert!(!site.path("public").exists());
}

#[test]
fn output_read_only_in_part_ends_quietly() {
    let _working = crate::util::working();
    // `camnang deploy --dry-run | head -1`: the pipe closes while camnang
    // still prints (a line a file); it panicked with a backtrace (exit
    // 101), where other tools end quietly on SIGPIPE (141 in the shell)
    let site = TestSite::standard();
    // (enough lines, well over a pipe's 64 KB, that camnang is still
    // printing when `head` has gone)
    for i in 0..800 {
        site.write(
            &format!("content/cu-tru/thu-tuc-{i}.md"),
            &procedure(&format!("Thủ tục số {i}"), &format!("p{i}")),
        );
    }
    assert_eq!(site.build(&["--no-print"]).code, 0);
    let bin = assert_cmd::cargo::cargo_bin("camnang");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "\"{bin}\" deploy --root \"{site}\" --to \"file://{site}/host\" --dry-run | head -n 1 > /dev/null; echo \"status=${{PIPESTATUS[0]}}\"",
            site = site.root().display(),
            bin = bin.display()
        ))
        .output()
        .expect("bash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stdout.trim(), "status=141", "{stderr}");
}

/// A link in a guide to a form or page the site does not have: the build
/// publishes the site (one broken link does not hold back a fee that
/// changed) and tells the link at its line, in the site's language
/// (W108; `check` tells it as E070). Links that lead somewhere are not
/// told; once the form is there, nothing is.
#[test]
fn a_link_that_leads_nowhere_is_told_and_the_site_published() {
    let site = TestSite::standard();
    let guide = site.path("content/cu-tru/dang-ky-tam-tru.md");
    let text = std::fs::read_to_string(&guide).expect("a guide of the standard site");
    let lines = text.lines().count();
    std::fs::write(
        &guide,
        format!("{text}\nTải [mẫu CT01](/files/mau-ct01.pdf), xem [cư trú](/cu-tru/).\n"),
    )
    .expect("write");
    let run = site.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("cảnh báo[W108]"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("người dân bấm vào sẽ gặp trang «không tìm thấy»"),
        "{}",
        run.stderr
    );
    let at = format!("content/cu-tru/dang-ky-tam-tru.md:{}:5", lines + 2);
    assert!(run.stderr.contains(&at), "{at}\n{}", run.stderr);
    assert!(
        run.stderr.contains("chép tệp vào thư mục content/files/"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("[W108]").count(), 1, "{}", run.stderr);
    assert!(
        site.read("public/cu-tru/dang-ky-tam-tru/index.html")
            .contains("/files/mau-ct01.pdf")
    );
    let en = site.build(&["--no-print", "--lang", "en"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    assert!(
        en.stderr
            .contains("residents who tap it get \"page not found\""),
        "{}",
        en.stderr
    );
    site.write("content/files/mau-ct01.pdf", "%PDF-1.4\n");
    let fixed = site.build(&["--no-print"]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert!(!fixed.stderr.contains("W108"), "{}", fixed.stderr);
    // in a translation, whose page lives under /en/ (never looked at)
    site.write(
        "content/cu-tru/dang-ky-tam-tru.en.md",
        "---\ntitle: Temporary residence\nsummary: Register.\nagency: Police\nupdated: 2026-10-01\n---\n\nGet [the form](/files/form-en.pdf) or see [residence](../).\n",
    );
    let run = site.build(&["--no-print"]);
    assert!(
        run.stderr.contains("«/files/form-en.pdf»")
            && run
                .stderr
                .contains("content/cu-tru/dang-ky-tam-tru.en.md:8:5"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("[W108]").count(), 1, "{}", run.stderr);
}

/// A link to the print page or a poster leads somewhere when print files
/// are made (check told it as E070, since it makes none); with --no-print
/// it leads nowhere, and the hint says where print files come from (not
/// "copy the file into content/in-an/").
#[test]
fn links_to_print_files_are_not_broken_links() {
    let site = TestSite::standard();
    let guide = site.path("content/cu-tru/dang-ky-tam-tru.md");
    let text = std::fs::read_to_string(&guide).expect("a guide of the standard site");
    std::fs::write(
        &guide,
        format!("{text}\nXem [bản in](/in-an/) và [áp phích](/in-an/ap-phich-a4/tt01.pdf), không phải [cái này](/in-an/ap-phich-a4/khong-co.pdf).\n"),
    )
    .expect("write");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.matches("[W108]").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("khong-co.pdf"), "{}", run.stderr);
    let check = site.check(&[]);
    assert_eq!(
        check.stderr.matches("[E070]").count(),
        1,
        "{}",
        check.stderr
    );
    assert!(check.stderr.contains("khong-co.pdf"), "{}", check.stderr);
    assert!(
        check.stderr.contains("trang in-an/ liệt kê chúng"),
        "{}",
        check.stderr
    );
    let bare = site.build(&["--no-print"]);
    assert_eq!(bare.code, 0, "{}", bare.stderr);
    assert_eq!(bare.stderr.matches("[W108]").count(), 3, "{}", bare.stderr);
    assert!(
        bare.stderr
            .contains("tệp in do lần tạo trang không có --no-print làm ra"),
        "{}",
        bare.stderr
    );
    assert!(!bare.stderr.contains("content/in-an/"), "{}", bare.stderr);
}

/// `build --no-print` over a site published with print files: the print
/// files leave the site, and that is told once, with their number (they
/// went silently, and with them the print page the print shop was sent).
#[test]
fn no_print_over_a_site_with_print_files_tells_they_leave() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    let printed = files_below(&site.path("public/in-an"))
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .count();
    assert!(printed > 3, "{printed}");
    let run = site.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("cảnh báo[W109]"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("có {printed} tệp in")),
        "{printed}\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("tạo lại không có --no-print"),
        "{}",
        run.stderr
    );
    assert!(!site.path("public/in-an").exists());
    let again = site.build(&["--no-print"]);
    assert!(!again.stderr.contains("W109"), "{}", again.stderr);
    let en = {
        assert_eq!(site.build(&[]).code, 0);
        site.build(&["--no-print", "--lang", "en"])
    };
    assert!(
        en.stderr.contains(&format!("had {printed} print files")),
        "{}",
        en.stderr
    );
}

/// A site folder typed wrong after `--root` is told as such (it was "no
/// site.yaml in the site folder"), and no folder is made at that path.
#[test]
fn a_site_folder_typed_wrong_is_told_and_nothing_is_made_there() {
    let parent = tempfile::tempdir().expect("tempdir");
    let typo = parent.path().join("cam-nagn");
    for command in ["build", "check"] {
        let mut c = util::camnang();
        c.arg(command).arg("--root").arg(&typo);
        let run = util::Run::of(c);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("lỗi[E146]: không có thư mục «"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("E030"), "{}", run.stderr);
        assert!(!typo.exists(), "{command} made {}", typo.display());
    }
}

#[test]
fn steps_and_lists_pasted_from_word_and_a_channel_on_one_line_reach_the_page() {
    // Word and Zalo paste a no-break space after "1." and "-": the six
    // steps were one paragraph (none on posters or in the JSON) and the
    // documents one item; a channel written on one line showed "7.0"
    let site = TestSite::new();
    let text = procedure("Đăng ký tạm trú", "tt09")
        .replace("1. Mở", "1.\u{a0}Mở")
        .replace("2. Chọn", "2.\u{a0}Chọn")
        .replace("3. Gửi", "3.\u{a0}Gửi")
        .replace("  - Tờ khai", "  -\u{a0}Tờ khai")
        .replace("  - Giấy tờ", "  -\u{a0}Giấy tờ")
        .replace(
            "  - way: truc-tuyen\n    time: 03 ngày làm việc\n    fee: 7.000 đồng\n",
            "  - {way: truc-tuyen, time: 03 ngày làm việc, fee: 7.000}\n",
        );
    site.write("content/cu-tru/dang-ky-tam-tru.md", &text);
    let run = site.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let p: serde_json::Value =
        serde_json::from_str(&site.read("public/api/tt09.json")).expect("JSON");
    assert_eq!(p["steps"].as_array().map(Vec::len), Some(3), "{p}");
    assert_eq!(
        p["documents"].to_string().matches("Tờ khai").count(),
        1,
        "{p}"
    );
    assert!(!p["documents"].to_string().contains("- Giấy tờ"), "{p}");
    assert_eq!(p["channels"][0]["fee"], "7.000", "{p}");
}
