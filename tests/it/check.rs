//! `camnang check` against the broken sites of `tests/broken/` (one
//! mistake each, see its README), plus snapshots of how a few mistakes
//! read in the terminal.

use crate::case;
use crate::util::{self, Run, TODAY, TestSite, camnang, good_site, procedure, reported};

fn check(site: &TestSite, extra: &[&str]) -> Run {
    let mut c = camnang();
    c.args(["check", "--today", TODAY, "--root"])
        .arg(site.root())
        .args(extra);
    Run::of(c)
}

#[test]
fn every_broken_site_gets_exactly_its_messages_at_the_right_place() {
    let cases = case::all("broken");
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        assert!(
            case.is_check_only(),
            "{}: a case of tests/broken says only expect, exit and files (see its README)",
            case.name
        );
        let site = case.site();
        let run = check(&site, &["--format", "json"]);
        let mut got = reported(&run).unwrap_or_else(|e| panic!("{e}"));
        let mut want = case.expect.clone();
        got.sort();
        want.sort();
        let exit = case
            .exit
            .unwrap_or(i32::from(want.iter().any(|w| w.starts_with('E'))));
        if got != want || run.code != exit {
            failures.push(format!(
                "{}: exit {} (want {exit})\n  got:  {got:?}\n  want: {want:?}",
                case.name, run.code
            ));
        }
        // nothing is written by check
        if site.path("public").exists() {
            failures.push(format!("{}: check wrote public/", case.name));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_guide_saved_where_camnang_reads_nothing_is_told_by_the_build_too() {
    let site = case::named("broken", "files-in-the-wrong-place").site();
    let run = site.build(&["--no-print"]);
    assert_eq!(run.code, 0, "a warning: {}", run.stderr);
    for told in ["W035", "W036", "W037", "content/cu-tru/khai-bao.md.txt"] {
        assert!(run.stderr.contains(told), "{told} in {}", run.stderr);
    }
    // the name to give the file Notepad saved, in both languages
    assert!(run.stderr.contains("«khai-bao.md»"), "{}", run.stderr);
    let en = site.build(&["--no-print", "--lang", "en"]);
    assert!(
        en.stderr.contains("rename the file to `khai-bao.md`"),
        "{}",
        en.stderr
    );
    assert!(!run.stderr.contains("Thumbs.db"), "{}", run.stderr);
    // nothing of what was not read is on the site
    assert!(!site.path("public/cu-tru/khai-bao").exists());
    assert!(!site.path("public/thu-tuc-moi").exists());
    assert!(site.path("public/files/bieu-mau/mau-ct01.pdf").exists());
    // nor what Windows and Word leave in the folders of files (each was
    // published, and told by W119 as a resident's paper)
    for left in [
        "files/bieu-mau/Thumbs.db",
        "files/~$mau-ct01.docx",
        "static/desktop.ini",
    ] {
        assert!(!site.path("public").join(left).exists(), "{left}");
    }
}

/// A guide whose `id` line was deleted: E010's hint gives the id the
/// lock keeps for its page (the one printed on its posters), and a guide
/// never built gets a free one (it said "add a line `id: …`", and a
/// clerk who wrote a new id broke every printed code).
#[test]
fn a_missing_id_is_given_back_from_the_lock_or_made_free() {
    let site = good_site();
    let run = site.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = site.read("content/cu-tru/tam-tru.md");
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("id:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("content/cu-tru/tam-tru.md", &without);
    site.write(
        "content/cu-tru/tam-vang.md",
        &without.replace("Đăng ký tạm trú", "Khai báo tạm vắng"),
    );
    let run = check(&site, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("«id: tt01»") && run.stderr.contains("đã in trên áp phích"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("«id: tv»") && run.stderr.contains("chưa thủ tục nào dùng"),
        "{}",
        run.stderr
    );
}

/// Two guide files whose names print alike, one with its letters' marks
/// apart (NFD, as a Mac or a zip file leaves them): E022's hint says so
/// (it said to rename one of two names the clerk sees as the same).
#[test]
fn two_names_that_print_alike_are_told_as_such() {
    let site = good_site();
    let name = "Thủ tục mới";
    let nfd: String = name
        .chars()
        .flat_map(|c| match c {
            'ủ' => vec!['u', '\u{309}'],
            'ớ' => vec!['o', '\u{31B}', '\u{301}'],
            'ụ' => vec!['u', '\u{323}'],
            c => vec![c],
        })
        .collect();
    assert_ne!(name, nfd);
    site.write(
        &format!("content/cu-tru/{name}.md"),
        &procedure("Thủ tục mới", "tm01"),
    );
    site.write(
        &format!("content/cu-tru/{nfd}.md"),
        &procedure("Thủ tục mới", "tm02"),
    );
    let run = check(&site, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("E022") && run.stderr.contains("dấu tách khỏi chữ"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_fee_written_with_dots_reaches_every_output_as_written() {
    let site = case::named("broken", "fee-written-with-dots").site();
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/cu-tru/dang-ky/index.html");
    assert!(page.contains("<td>50.000</td>"), "{page}");
    assert!(page.contains("<li>1.10</li>"), "{page}");
    let json = site.read("public/api/dk01.json");
    assert!(json.contains("\"50.000\""), "{json}");
}

#[test]
fn a_name_without_an_address_is_told_and_never_replaces_a_page() {
    let site = case::named("broken", "names-without-an-address").site();
    // without the second folder, the site builds: the category's list
    // is still its own page, and the guides named "-" are not on it
    std::fs::remove_dir_all(site.path("content/Cư Trú")).unwrap();
    let run = site.build(&["--no-print"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.matches("W039").count(), 3, "{}", run.stderr);
    let list = site.read("public/cu-tru/index.html");
    assert!(list.contains("tam-tru/"), "{list}");
    assert!(!list.contains("gạch ngang"), "{list}");
    assert!(!site.read("qr-lock.yaml").contains("gach"));
}

#[test]
fn a_file_in_the_sites_own_language_points_at_the_file_the_page_comes_from() {
    let site = case::named("broken", "own-language-file").site();
    let run = check(&site, &[]);
    let hint = |file: &str| {
        let at = run.stderr.find(&format!("--> {file}\n")).expect(file);
        run.stderr[at..]
            .lines()
            .nth(1)
            .unwrap_or_default()
            .to_string()
    };
    // the original found by its slug, whatever its file is called
    for file in [
        "content/cu-tru/tam-tru.vi.md",
        "content/cu-tru/Tam_Tru.vi.md",
    ] {
        let h = hint(file);
        assert!(
            h.contains("sửa nội dung trong content/cu-tru/tam-tru.md"),
            "{file}: {h}"
        );
    }
    let h = hint("content/cu-tru/thu-tuc-moi.vi.md");
    assert!(
        h.contains("đổi tên tệp thành content/cu-tru/thu-tuc-moi.md"),
        "{h}"
    );
    // a site that does not load still tells it once, not also as W077
    site.write("content/cu-tru/hong.md", "no front matter\n");
    let run = check(&site, &["--format", "json"]);
    let got = reported(&run).unwrap_or_else(|e| panic!("{e}"));
    assert!(got.iter().any(|d| d.starts_with('E')), "{got:?}");
    let of_it: Vec<_> = got
        .iter()
        .filter(|d| d.contains("thu-tuc-moi.vi.md"))
        .collect();
    assert_eq!(of_it.len(), 1, "{got:?}");
    assert!(of_it[0].starts_with("W038"), "{got:?}");
}

#[test]
fn the_sample_site_has_no_mistakes() {
    let mut c = camnang();
    c.args(["check", "--today", TODAY, "--root"])
        .arg(util::repo())
        .arg("--deny-warnings");
    let run = Run::of(c);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("0 lỗi, 0 cảnh báo"), "{}", run.stdout);
}

#[test]
fn warnings_fail_only_when_denied() {
    let site = good_site();
    site.write(
        "content/cu-tru/tam-tru.md",
        &procedure("Đăng ký tạm trú", "tt01").replace("2026-10-01", "2024-01-15"),
    );
    assert_eq!(check(&site, &[]).code, 0);
    assert_eq!(check(&site, &["--deny-warnings"]).code, 1);
}

fn human(case: &str) -> String {
    let site = case::named("broken", case).site();
    let vi = check(&site, &[]);
    let en = check(&site, &["--lang", "en"]);
    format!(
        "{}{}\n---\n{}{}",
        vi.stderr, vi.stdout, en.stderr, en.stdout
    )
}

#[test]
fn a_misspelt_field_reads_well_in_both_languages() {
    insta::assert_snapshot!(human("unknown-field"));
}

#[test]
fn a_broken_link_reads_well_in_both_languages() {
    insta::assert_snapshot!(human("broken-link"));
}

#[test]
fn a_stale_guide_reads_well_in_both_languages() {
    insta::assert_snapshot!(human("stale"));
}

/// A category folder camnang may not read (its permissions) is told as
/// such, not as an empty folder to delete (W045 said "delete it if made
/// by mistake", and its guides' printed codes were told as gone). Run as
/// root, as CI runs, camnang is run as `nobody`, whom permissions stop.
#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_read_is_told_as_such_not_as_empty() {
    use std::os::unix::fs::PermissionsExt as _;
    let site = util::TestSite::standard();
    site.write("content/ho-tich/_index.md", "---\ntitle: Hộ tịch\n---\n");
    site.write(
        "content/ho-tich/khai-sinh.md",
        &procedure("Đăng ký khai sinh", "ht01"),
    );
    let mode = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod")
    };
    // (the site open to everyone but the folder)
    mode(site.root(), 0o755);
    mode(&site.path("content/ho-tich"), 0o000);
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut c = match root {
        true => {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
                .arg(assert_cmd::cargo::cargo_bin("camnang"));
            c
        }
        false => camnang(),
    };
    c.args(["check", "--today", TODAY, "--root"])
        .arg(site.root());
    let run = Run::of(c);
    mode(&site.path("content/ho-tich"), 0o755);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        all.contains("lỗi[E038]") && all.contains("content/ho-tich"),
        "{all}"
    );
    assert!(!all.contains("W045") && !all.contains("E060"), "{all}");
}

/// An id written wrong whose letters are those of an id the lock holds
/// is given that id to write, not a new one the printed code would not
/// open.
#[test]
fn an_id_written_wrong_is_given_the_one_the_lock_holds() {
    let site = case::named("broken", "id-written-unlike-the-lock").site();
    let run = check(&site, &[]);
    assert!(
        run.stderr.contains("cách sửa: viết «id: ct03»"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("ct-03"), "{}", run.stderr);
}

/// A link to a form under another capitals than the file's (Windows does
/// not tell them apart, the server does) is given the file's own name;
/// one to a form the site does not have says to copy it into
/// `content/files/`.
#[test]
fn a_broken_link_to_a_form_says_what_to_write_or_copy() {
    let site = util::TestSite::standard();
    site.write("content/files/mau-ct01.pdf", "%PDF-1.4\n");
    let guide = site.path("content/cu-tru/dang-ky-tam-tru.md");
    let text = std::fs::read_to_string(&guide).expect("a guide of the standard site");
    std::fs::write(
        &guide,
        format!("{text}\nTải [mẫu CT01](files/Mau-CT01.PDF) và [mẫu khác](files/mau-khac.docx).\n"),
    )
    .expect("write");
    let run = check(&site, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("có phải bạn muốn viết «files/mau-ct01.pdf»?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("chép tệp vào thư mục content/files/"),
        "{}",
        run.stderr
    );
}

/// What a clerk cannot see or would not think of is named: a link to a
/// guide's own `.md` file gets the guide's page; a field name or a
/// choice with a zero-width space or Word's non-breaking hyphen names
/// the character (they read "did you mean `agency`?" for `agency`).
#[test]
fn a_mistake_a_clerk_cannot_see_is_named() {
    let site = util::TestSite::standard();
    let guide = site.path("content/cu-tru/dang-ky-tam-tru.md");
    let text = std::fs::read_to_string(&guide).expect("a guide of the standard site");
    let hidden = text.replacen("agency:", "\u{200B}agency:", 1).replacen(
        "way: truc-tiep",
        "way: truc\u{2011}tiep",
        1,
    );
    std::fs::write(&guide, hidden).expect("write");
    let run = check(&site, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for want in [
        "tên trường có một ký tự không nhìn thấy hay trông như dấu gạch (U+200B)",
        "giá trị có một ký tự không nhìn thấy hay trông như dấu gạch (U+2011)",
    ] {
        assert!(run.stderr.contains(want), "{want}\n{}", run.stderr);
    }
    let links = "Xem [thường trú](dang-ky-thuong-tru.md) và [khác](../cu-tru/dang-ky-thuong-tru.md#cac-buoc).";
    std::fs::write(&guide, format!("{text}\n{links}\n")).expect("write");
    site.write(
        "content/cu-tru/dang-ky-thuong-tru.md",
        &procedure("Đăng ký thường trú", "tt09"),
    );
    let run = check(&site, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // (the section a link names is kept)
    for want in [
        "viết «/cu-tru/dang-ky-thuong-tru/»: liên kết tới một hướng dẫn ghi địa chỉ trang của nó",
        "viết «/cu-tru/dang-ky-thuong-tru/#cac-buoc»:",
    ] {
        assert_eq!(
            run.stderr.matches(want).count(),
            1,
            "{want}\n{}",
            run.stderr
        );
    }
}

/// Hints that would do harm are not given: a backup copy of a guide is
/// not sent to `content/files/` (whose files are published), and a phone
/// link with spaces is not told to "rename the file".
#[test]
fn a_backup_copy_and_a_phone_link_get_hints_of_their_own() {
    let site = util::TestSite::standard();
    let guide = site.path("content/cu-tru/dang-ky-tam-tru.md");
    let text = std::fs::read_to_string(&guide).expect("a guide of the standard site");
    site.write("content/cu-tru/dang-ky-tam-tru.md.bak", &text);
    std::fs::write(
        &guide,
        format!("{text}\nGọi [0235 3000 000](tel:0235 3000 000).\n"),
    )
    .expect("write");
    let run = check(&site, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for want in [
        "đây là một bản sao lưu: để nó ở ngoài thư mục content/",
        "viết số điện thoại liền nhau, không có dấu cách: (tel:02353000000)",
    ] {
        assert!(run.stderr.contains(want), "{want}\n{}", run.stderr);
    }
    assert!(
        !run.stderr
            .contains("mẫu tờ khai và ảnh để trong content/files/"),
        "{}",
        run.stderr
    );
}

/// A field written twice names both lines, in a group too (there the
/// message was serde's English, `online: duplicate entry with key "url"`).
#[test]
fn a_field_written_twice_names_both_lines() {
    let site = util::TestSite::standard();
    let guide = "content/cu-tru/dang-ky-tam-tru.md";
    let text = site.read(guide);
    let agency = text
        .lines()
        .position(|l| l.starts_with("agency:"))
        .expect("an agency line")
        + 1;
    site.write(
        guide,
        &text.replacen("agency:", "agency: Công an xã\nagency:", 1),
    );
    let run = check(&site, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let both = format!("trường «agency» được viết hai lần: ở dòng {agency} và ở dòng này");
    assert!(run.stderr.contains(&both), "{both}\n{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{guide}:{}:1", agency + 1)),
        "{}",
        run.stderr
    );
    let en = check(&site, &["--lang", "en"]);
    assert!(
        en.stderr.contains(&format!(
            "delete one of the two `agency:` lines (line {agency} or this one)"
        )),
        "{}",
        en.stderr
    );
    // in a group
    site.write(
        guide,
        &text.replacen("  url:", "  url: https://dichvucong.gov.vn/cu\n  url:", 1),
    );
    let run = check(&site, &[]);
    assert!(
        run.stderr.contains("trường «url» được viết hai lần"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("duplicate"), "{}", run.stderr);
}

/// A YAML mistake in `site.yaml` or `site.en.yaml` names the file (it said
/// "the front matter is not valid YAML", and they have none); in a guide
/// it is the front matter's, as before.
#[test]
fn a_yaml_mistake_in_site_yaml_names_the_file_not_a_front_matter() {
    let site = util::TestSite::standard();
    site.write(
        "site.yaml",
        &util::SITE_YAML.replace("  phone:", "\tphone:"),
    );
    let run = check(&site, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("lỗi[E006]: tệp site.yaml viết sai"),
        "{}",
        run.stderr
    );
    let en = check(&site, &["--lang", "en"]);
    assert!(
        en.stderr.contains("site.yaml is not valid YAML"),
        "{}",
        en.stderr
    );
    assert!(!en.stderr.contains("front matter"), "{}", en.stderr);
    site.write("site.yaml", util::SITE_YAML);
    let guide = "content/cu-tru/dang-ky-tam-tru.md";
    site.write(
        guide,
        &site.read(guide).replacen("summary: ", "summary: \"", 1),
    );
    let run = check(&site, &[]);
    assert!(
        run.stderr.contains("phần thông tin viết sai"),
        "{}",
        run.stderr
    );
}

/// A translation last checked before its original changed is told at its
/// `updated:` line (the English page kept the old fee without a word);
/// checked again the same day or later, nothing.
#[test]
fn a_translation_checked_before_its_original_changed_is_told() {
    let site = util::TestSite::standard();
    let original = site.read("content/cu-tru/dang-ky-tam-tru.md");
    let english = procedure("Registering temporary residence", "tt01")
        .replace("updated: 2026-10-01", "updated: 2026-09-15");
    site.write("content/cu-tru/dang-ky-tam-tru.en.md", &english);
    site.write(
        "content/cu-tru/dang-ky-tam-tru.md",
        &original.replace("updated: 2026-10-01", "updated: 2026-11-20"),
    );
    let run = check(&site, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("cảnh báo[W118]: bản dịch «en» kiểm tra lần cuối ngày 15/09/2026, trước khi bản gốc được sửa (ngày 20/11/2026)"),
        "{}",
        run.stderr
    );
    let line = english
        .lines()
        .position(|l| l.starts_with("updated:"))
        .map(|k| k + 1)
        .unwrap_or_default();
    assert!(
        run.stderr
            .contains(&format!("content/cu-tru/dang-ky-tam-tru.en.md:{line}:1")),
        "{}",
        run.stderr
    );
    site.write(
        "content/cu-tru/dang-ky-tam-tru.en.md",
        &english.replace("updated: 2026-09-15", "updated: 2026-11-20"),
    );
    let run = check(&site, &[]);
    assert!(!run.stderr.contains("W118"), "{}", run.stderr);
}
