//! `camnang new site` and `camnang new procedure` as a clerk starts with
//! them, and what `camnang build` prints while it works.

use crate::util::{Run, TestSite, camnang};

fn run(args: &[&str]) -> Run {
    let mut c = camnang();
    c.args(args);
    Run::of(c)
}

#[test]
fn a_new_site_builds_as_it_is_and_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("xa-moi");
    let s = site.to_str().unwrap();
    let r = run(&["new", "site", s]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("site.yaml"), "{}", r.stdout);
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    assert!(yaml.contains("commune: Xã Mới"), "{yaml}");
    assert!(site.join("content/cu-tru/dang-ky-tam-tru.md").is_file());
    assert!(
        !site.join("qr-lock.yaml").exists(),
        "a new site has printed nothing"
    );
    let b = run(&["build", "--root", s, "--no-print"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    // a second time: refused, nothing changed
    std::fs::write(site.join("site.yaml"), "mine").unwrap();
    let again = run(&["new", "site", s]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("không ghi đè"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(site.join("site.yaml")).unwrap(),
        "mine"
    );
    // a folder named with spaces: the next command is printed in quotes,
    // so that pasted as shown it runs (it was `--root Trang xã Hòa Bình`,
    // which the shell read as four words)
    let spaced = dir.path().join("Trang xã Hòa Bình");
    let r = run(&["new", "site", spaced.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains(&format!("camnang serve --root \"{}\"", spaced.display())),
        "{}",
        r.stdout
    );
}

#[test]
fn a_new_procedure_has_every_field_a_free_id_and_builds() {
    let site = TestSite::standard();
    let root = site.root().to_str().unwrap();
    let r = run(&[
        "new",
        "procedure",
        "Đăng ký tạm trú cho trẻ em",
        "--category",
        "cu-tru",
        "--root",
        root,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("content/cu-tru/dang-ky-tam-tru-cho-tre-em.md"),
        "{}",
        r.stdout
    );
    let text = site.read("content/cu-tru/dang-ky-tam-tru-cho-tre-em.md");
    for field in [
        "title:",
        "id:",
        "code:",
        "summary:",
        "agency:",
        "audience:",
        "online:",
        "url:",
        "level:",
        "apps:",
        "channels:",
        "way:",
        "time:",
        "fee:",
        "documents:",
        "result:",
        "legal:",
        "keywords:",
        "updated:",
        "## Các bước",
        "1. ",
    ] {
        assert!(text.contains(field), "{field} missing:\n{text}");
    }
    // every field line carries a Vietnamese note
    assert!(text.contains("# mã ngắn, in trong mã QR"), "{text}");
    assert!(text.contains("id: dkttcte "), "{text}");
    assert_eq!(run(&["build", "--root", root, "--no-print"]).code, 0);
    let page = site.read("public/cu-tru/dang-ky-tam-tru-cho-tre-em/index.html");
    assert!(page.contains("Đăng ký tạm trú cho trẻ em"));
    // the example text is no fact: every field of it is marked on the page
    // ("Miễn phí", "03 ngày làm việc" went out as the procedure's fee and
    // time, exit 0, no warning) and told by check until it is written
    assert!(
        page.contains("còn chỗ chưa được cán bộ xã kiểm tra"),
        "{page}"
    );
    assert!(!page.contains("chép từ Cổng"), "{page}");
    let marks = page.matches("cần kiểm tra</strong>").count();
    assert!(marks >= 6, "{marks} marks:\n{page}");
    let checked = run(&["check", "--root", root, "--format", "json", "--lang", "en"]);
    let warned = crate::util::reported(&checked).expect("JSON");
    let channels_line = text
        .lines()
        .position(|l| l.starts_with("channels:"))
        .map_or(0, |i| i + 1);
    // (the steps at their line in `draft:`; W129, not W080's "copied
    // from the portal": nothing was)
    assert_eq!(
        warned.iter().filter(|w| w.starts_with("W129")).count(),
        7,
        "{warned:?}"
    );
    for field in ["summary", "online.url", "channels", "legal"] {
        assert!(
            warned
                .iter()
                .any(|w| w.starts_with("W129") && w.ends_with(field)),
            "{field}: {warned:?}"
        );
    }
    assert!(
        warned
            .iter()
            .any(|w| w.starts_with("W129") && w.contains(&format!(":{channels_line}:"))),
        "the times and fees told at channels: {channels_line}: {warned:?}"
    );
    // a way deleted, as the template invites: still a site that builds
    let one_way = text.replace(
        "  - way: truc-tiep\n    time: 03 ngày làm việc\n    fee: Miễn phí\n",
        "",
    );
    assert_ne!(one_way, text);
    site.write("content/cu-tru/dang-ky-tam-tru-cho-tre-em.md", &one_way);
    assert_eq!(run(&["build", "--root", root, "--no-print"]).code, 0);
    site.write("content/cu-tru/dang-ky-tam-tru-cho-tre-em.md", &text);

    // the same title again: refused, the clerk's edits kept
    site.write(
        "content/cu-tru/dang-ky-tam-tru-cho-tre-em.md",
        &text.replace("Viết một câu", "Câu của tôi"),
    );
    let again = run(&[
        "new",
        "procedure",
        "Đăng ký tạm trú cho trẻ em",
        "--category",
        "cu-tru",
        "--root",
        root,
    ]);
    assert_eq!(again.code, 1);
    assert!(
        site.read("content/cu-tru/dang-ky-tam-tru-cho-tre-em.md")
            .contains("Câu của tôi")
    );

    // ids already used are skipped
    let other = run(&[
        "new",
        "procedure",
        "Đăng ký tạm trú cho trẻ em ở xa",
        "--category",
        "cu-tru",
        "--root",
        root,
    ]);
    assert_eq!(other.code, 0, "{}", other.stderr);
    assert!(
        site.read("content/cu-tru/dang-ky-tam-tru-cho-tre-em-o-xa.md")
            .contains("id: dkttcteox ")
    );

    // titles YAML would read otherwise are written in quotes, and the
    // files made are read back with the title as typed
    for (title, file) in [
        (
            "Cấp bản sao trích lục: khai sinh",
            "cap-ban-sao-trich-luc-khai-sinh",
        ),
        ("[Bắt buộc] Khai báo", "bat-buoc-khai-bao"),
        ("Thủ tục #3", "thu-tuc-3"),
        ("2026", "2026"),
    ] {
        let made = run(&[
            "new",
            "procedure",
            title,
            "--category",
            "cu-tru",
            "--root",
            root,
        ]);
        assert_eq!(made.code, 0, "{title}: {}", made.stderr);
        let text = site.read(&format!("content/cu-tru/{file}.md"));
        assert!(text.contains(&format!("title: \"{title}\" ")), "{text}");
    }
    let checked = run(&["check", "--root", root]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(!checked.stderr.contains("W086"), "{}", checked.stderr);
    assert_eq!(run(&["build", "--root", root, "--no-print"]).code, 0);
    let page = site.read("public/cu-tru/thu-tuc-3/index.html");
    assert!(page.contains("<h1>Thủ tục #3</h1>"), "{page}");
}

#[test]
fn an_unknown_category_lists_the_ones_there_are() {
    let site = TestSite::standard();
    let root = site.root().to_str().unwrap();
    let r = run(&[
        "new",
        "procedure",
        "Cấp sổ đỏ",
        "--category",
        "dat-dai",
        "--root",
        root,
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("chưa có lĩnh vực «dat-dai»") && r.stderr.contains("cu-tru"),
        "{}",
        r.stderr
    );
    // told with its code, as every mistake is (E152 was not findable by it)
    let reserved = run(&[
        "new",
        "procedure",
        "Thử",
        "--category",
        "files",
        "--root",
        root,
    ]);
    assert_eq!(reserved.code, 1);
    assert!(
        reserved.stderr.starts_with("lỗi[E152]: "),
        "{}",
        reserved.stderr
    );
    assert!(!site.path("content/dat-dai").exists());
    let made = run(&[
        "new",
        "procedure",
        "Cấp sổ đỏ",
        "--category",
        "dat-dai",
        "--category-title",
        "Đất đai",
        "--root",
        root,
    ]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(
        site.read("content/dat-dai/_index.md")
            .contains("title: Đất đai")
    );
    assert_eq!(run(&["build", "--root", root, "--no-print"]).code, 0);
}

#[test]
fn build_says_what_it_is_doing_unless_quiet() {
    let site = TestSite::standard();
    let r = site.build(&[]);
    assert_eq!(r.code, 0);
    // not a terminal: plain lines, one a stage (web files and print
    // files made alongside), one what the build cache gave
    let stage = r.stdout.lines().next().unwrap_or_default();
    assert!(
        stage.starts_with("đang tạo ") && stage.ends_with(" tệp in…"),
        "{}",
        r.stdout
    );
    assert!(stage.contains(" tệp của trang web và vẽ "), "{stage}");
    assert!(
        r.stdout.contains("bộ nhớ đệm: dùng lại 0 tệp, tạo mới "),
        "{}",
        r.stdout
    );
    let q = site.build(&["--quiet"]);
    assert_eq!(q.code, 0);
    assert_eq!(q.stdout, "", "quiet prints nothing when all is well");
    site.write("content/cu-tru/hong.md", "---\ntitle: [\n---\n");
    let bad = site.build(&["--quiet"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("content/cu-tru/hong.md:2"),
        "{}",
        bad.stderr
    );
}
