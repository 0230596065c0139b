//! Printed codes never break: `/q/<id>/` short links and `qr-lock.yaml`,
//! as a clerk meets them when renaming, replacing or removing procedures.

use crate::util::{self, TestSite, procedure};

fn target_of(short_page: &str) -> &str {
    let start = short_page.find("url=").expect("meta refresh") + 4;
    short_page[start..].split('"').next().unwrap_or_default()
}

#[test]
fn every_procedure_gets_a_short_link_and_a_lock_entry() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    let short = site.read("public/q/tt01/index.html");
    assert_eq!(target_of(&short), "/cu-tru/dang-ky-tam-tru/");
    assert!(short.contains("<a href=\"/cu-tru/dang-ky-tam-tru/\">Đăng ký tạm trú</a>"));
    let lock = site.read("qr-lock.yaml");
    assert!(
        lock.contains("tt01:\n  target: cu-tru/dang-ky-tam-tru/\n  title: Đăng ký tạm trú\n"),
        "{lock}"
    );
    // building again changes nothing
    assert_eq!(site.build(&[]).code, 0);
    assert_eq!(site.read("qr-lock.yaml"), lock);
}

#[test]
fn renaming_a_page_keeps_its_printed_code_working() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    std::fs::rename(
        site.path("content/cu-tru/dang-ky-tam-tru.md"),
        site.path("content/cu-tru/tam-tru.md"),
    )
    .unwrap();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        target_of(&site.read("public/q/tt01/index.html")),
        "/cu-tru/tam-tru/"
    );
    assert!(
        site.read("qr-lock.yaml")
            .contains("tt01:\n  target: cu-tru/tam-tru/\n")
    );
}

#[test]
fn a_printed_code_renamed_in_the_lock_by_hand_stops_the_build() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    let before = site.read("public/q/tt02/index.html");
    // the id changed in the guide, and in the lock by hand to match
    let guide = "content/cu-tru/khai-bao-tam-vang.md";
    site.write(guide, &site.read(guide).replace("id: tt02", "id: tt09"));
    site.write(
        "qr-lock.yaml",
        &site.read("qr-lock.yaml").replace("tt02:", "tt09:"),
    );

    // check says what build would refuse
    let checked = site.check(&[]);
    assert_eq!(checked.code, 1, "{}", checked.stdout);
    assert!(checked.stderr.contains("E066"), "{}", checked.stderr);
    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("E066"), "{}", run.stderr);
    assert!(run.stderr.contains("tt02"), "{}", run.stderr);
    // nothing published was touched: posters of tt02 still open their page
    assert_eq!(site.read("public/q/tt02/index.html"), before);

    // the lock keeps the printed code, retired: the build goes on
    let lock = site.read("qr-lock.yaml");
    site.write(
        "qr-lock.yaml",
        &format!("{lock}tt02:\n  target: cu-tru/khai-bao-tam-vang/\n  title: Khai báo tạm vắng\n  replaced_by: tt09\n"),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        target_of(&site.read("public/q/tt02/index.html")),
        "/cu-tru/khai-bao-tam-vang/"
    );
}

#[test]
fn check_tells_a_lost_lock_file_as_build_refuses_it() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    std::fs::remove_file(site.path("qr-lock.yaml")).unwrap();
    let guide = "content/cu-tru/khai-bao-tam-vang.md";
    site.write(guide, &site.read(guide).replace("id: tt02", "id: tt09"));
    // (check said "0 errors", build then refused: E064)
    for run in [site.check(&[]), site.build(&[])] {
        assert_eq!(run.code, 1, "{}", run.stdout);
        assert!(
            run.stderr.contains("E064") && run.stderr.contains("tt02"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn removing_a_printed_procedure_fails_until_the_lock_says_where_it_went() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    let before = site.read("public/q/tt02/index.html");
    std::fs::remove_file(site.path("content/cu-tru/khai-bao-tam-vang.md")).unwrap();

    let run = site.build(&[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stderr.contains("E060"), "{}", run.stderr);
    assert!(run.stderr.contains("«tt02»"), "{}", run.stderr);
    let lock = site.read("qr-lock.yaml");
    let line = lock.lines().position(|l| l == "tt02:").unwrap() + 1;
    assert!(
        run.stderr.contains(&format!("--> qr-lock.yaml:{line}:1")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("replaced_by"),
        "the hint says what to write: {}",
        run.stderr
    );
    // nothing published was touched
    assert_eq!(site.read("public/q/tt02/index.html"), before);

    // the clerk says which procedure replaces it
    site.write(
        "qr-lock.yaml",
        &lock.replace(
            "tt02:\n  target: cu-tru/khai-bao-tam-vang/\n",
            "tt02:\n  target: cu-tru/khai-bao-tam-vang/\n  replaced_by: tt03\n",
        ),
    );
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        target_of(&site.read("public/q/tt02/index.html")),
        "/cu-tru/xac-nhan-cu-tru/"
    );
    // the entry is kept, with its replacement
    assert!(site.read("qr-lock.yaml").contains("  replaced_by: tt03\n"));
}

#[test]
fn a_retired_code_leads_to_a_page_that_says_where_to_ask() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    std::fs::remove_file(site.path("content/cu-tru/khai-bao-tam-vang.md")).unwrap();
    let lock = site.read("qr-lock.yaml").replace(
        "tt02:\n  target: cu-tru/khai-bao-tam-vang/\n",
        "tt02:\n  target: cu-tru/khai-bao-tam-vang/\n  retired: Thủ tục này nay làm cùng thủ tục đăng ký tạm trú.\n",
    );
    site.write("qr-lock.yaml", &lock);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/q/tt02/index.html");
    assert!(page.contains("Thủ tục này đã thay đổi"), "{page}");
    assert!(page.contains("Khai báo tạm vắng"), "{page}");
    assert!(
        page.contains("nay làm cùng thủ tục đăng ký tạm trú"),
        "{page}"
    );
    assert!(page.contains("href=\"tel:02353000000\""), "{page}");
    assert!(!page.contains("http-equiv=\"refresh\""), "{page}");
}

#[test]
fn a_replacement_that_does_not_exist_is_refused() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    std::fs::remove_file(site.path("content/cu-tru/khai-bao-tam-vang.md")).unwrap();
    let lock = site.read("qr-lock.yaml").replace(
        "tt02:\n  target: cu-tru/khai-bao-tam-vang/\n",
        "tt02:\n  target: cu-tru/khai-bao-tam-vang/\n  replaced_by: tt99\n",
    );
    site.write("qr-lock.yaml", &lock);
    let run = site.build(&[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("E061") && run.stderr.contains("tt99"),
        "{}",
        run.stderr
    );
}

#[test]
fn locked_builds_refuse_to_publish_codes_the_lock_does_not_know() {
    let site = TestSite::standard();
    assert_eq!(site.build(&[]).code, 0);
    let lock = site.read("qr-lock.yaml");
    site.write(
        "content/cu-tru/thong-bao-luu-tru.md",
        &procedure("Thông báo lưu trú", "tt04"),
    );
    let run = site.build(&["--locked"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("E062") && run.stderr.contains("tt04"),
        "{}",
        run.stderr
    );
    assert_eq!(
        site.read("qr-lock.yaml"),
        lock,
        "--locked never writes the lock"
    );
    assert!(!site.path("public/q/tt04").exists());
    // an ordinary build adds it
    assert_eq!(site.build(&[]).code, 0);
    assert!(site.read("qr-lock.yaml").contains("tt04:"));
}

#[test]
fn the_sample_lock_file_is_up_to_date() {
    // the sample is built with --locked: a procedure added to content/
    // without its lock entry fails here
    let public = util::sample_site().join("public");
    assert!(public.join("q/ct02/index.html").is_file());
}

/// `qr-lock.yaml` is written before the new site goes in: a lock that
/// cannot be written (here a folder stands where its temporary file
/// goes) stops the build with the published site as it was, and says so.
#[test]
fn a_site_is_never_published_with_a_code_its_lock_does_not_hold() {
    let site = TestSite::standard();
    assert_eq!(site.build(&["--no-print"]).code, 0);
    let lock = site.read("qr-lock.yaml");
    site.write("content/cu-tru/moi.md", &procedure("Thủ tục mới", "tt09"));
    std::fs::create_dir(site.path("qr-lock.camnang-tmp")).expect("mkdir");
    let run = site.build(&["--no-print"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("E063"), "{}", run.stderr);
    assert!(!site.path("public/q/tt09").exists());
    assert!(!site.path("public/cu-tru/moi").exists());
    assert_eq!(site.read("qr-lock.yaml"), lock);
    std::fs::remove_dir(site.path("qr-lock.camnang-tmp")).expect("rmdir");
    let run = site.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("public/q/tt09/index.html").exists());
    assert!(site.read("qr-lock.yaml").contains("tt09:"));
}
