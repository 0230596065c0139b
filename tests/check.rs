//! `camnang check` against the broken sites of `tests/broken/` (one
//! mistake each, see its README), plus snapshots of how a few mistakes
//! read in the terminal.

mod common;

use std::path::Path;

use common::{Run, TODAY, TestSite, camnang, good_site, procedure, reported, unescape};

/// One broken site: its files, what check must report, its exit code.
struct Case {
    name: String,
    expect: Vec<String>,
    exit: Option<i32>,
    files: Vec<(String, Option<Vec<u8>>)>,
}

fn parse_case(path: &Path) -> Case {
    let text = std::fs::read_to_string(path).expect("case file");
    let mut case = Case {
        name: path.file_stem().unwrap().to_string_lossy().into_owned(),
        expect: Vec::new(),
        exit: None,
        files: Vec::new(),
    };
    let mut current: Option<(String, bool, String)> = None;
    let flush = |cur: Option<(String, bool, String)>,
                 files: &mut Vec<(String, Option<Vec<u8>>)>| {
        if let Some((name, escaped, body)) = cur {
            let bytes = if escaped {
                unescape(&body)
            } else {
                body.into_bytes()
            };
            files.push((name, Some(bytes)));
        }
    };
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n');
        if let Some(spec) = bare.strip_prefix("=== ") {
            flush(current.take(), &mut case.files);
            if let Some(gone) = spec.strip_prefix('-') {
                case.files.push((gone.to_string(), None));
            } else if let Some(name) = spec.strip_suffix(" (escaped)") {
                current = Some((name.to_string(), true, String::new()));
            } else {
                current = Some((spec.to_string(), false, String::new()));
            }
        } else if let Some((_, _, body)) = current.as_mut() {
            body.push_str(line);
        } else if let Some(e) = bare.strip_prefix("expect ") {
            case.expect.push(e.trim().to_string());
        } else if let Some(e) = bare.strip_prefix("exit ") {
            case.exit = e.trim().parse().ok();
        }
    }
    flush(current.take(), &mut case.files);
    case
}

fn check(site: &TestSite, extra: &[&str]) -> Run {
    let mut c = camnang();
    c.args(["check", "--today", TODAY, "--root"])
        .arg(site.root())
        .args(extra);
    Run::of(c)
}

#[test]
fn every_broken_site_gets_exactly_its_messages_at_the_right_place() {
    let dir = common::repo().join("tests/broken");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/broken")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "site"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let mut failures = Vec::new();
    for path in cases {
        let case = parse_case(&path);
        let site = good_site();
        for (name, bytes) in &case.files {
            match bytes {
                Some(b) => site.write_bytes(name, b),
                None => std::fs::remove_file(site.path(name)).expect("remove"),
            }
        }
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
fn the_sample_site_has_no_mistakes() {
    let mut c = camnang();
    c.args(["check", "--today", TODAY, "--root"])
        .arg(common::repo())
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
    let case = parse_case(
        &common::repo()
            .join("tests/broken")
            .join(format!("{case}.site")),
    );
    let site = good_site();
    for (name, bytes) in &case.files {
        if let Some(b) = bytes {
            site.write_bytes(name, b);
        }
    }
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
