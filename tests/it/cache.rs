//! The build cache (`.camnang-cache/`): a rebuild reuses the print files
//! whose inputs did not change, and what it publishes is byte for byte
//! what a build without the cache makes; a damaged or foreign cache is
//! made again, never published; `--no-cache` makes everything.

use std::path::Path;

use crate::util::{self, TestSite, files_below, procedure};

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    files_below(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap_or_default();
            (f.to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

/// Builds into `out` (under the site folder) and gives the build cache's
/// report: `(reused, made)`.
fn build(site: &TestSite, out: &str, extra: &[&str]) -> Option<(usize, usize)> {
    let out = site.path(out);
    let mut args = vec!["--output", out.to_str().expect("path")];
    args.extend_from_slice(extra);
    counts(&site.build(&args), "bộ nhớ đệm: ")
}

/// The two numbers of the line starting with `prefix` that a successful
/// build printed: `(reused or kept, made)`.
fn counts(r: &util::Run, prefix: &str) -> Option<(usize, usize)> {
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let line = r.stdout.lines().find(|l| l.starts_with(prefix))?;
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    Some((numbers[0], numbers[1]))
}

/// The same files with the same bytes, naming the first that differs.
fn same(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) {
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(a), names(b));
    for ((name, x), (_, y)) in a.iter().zip(b) {
        assert!(x == y, "{name} differs");
    }
}

fn pdfs(s: &[(String, Vec<u8>)]) -> usize {
    s.iter().filter(|f| f.0.ends_with(".pdf")).count()
}

#[test]
fn a_rebuild_reuses_print_files_and_gives_the_same_bytes_as_no_cache() {
    let site = TestSite::standard();
    let (reused, made) = build(&site, "cold", &[]).expect("a cache report");
    assert_eq!(reused, 0);
    let cold = snapshot(&site.path("cold"));
    assert_eq!(made, pdfs(&cold), "every print file made and kept");
    // unchanged: every print file comes from the cache
    assert_eq!(build(&site, "warm", &[]), Some((made, 0)));
    let warm = snapshot(&site.path("warm"));
    assert_eq!(build(&site, "fresh", &["--no-cache"]), None);
    let fresh = snapshot(&site.path("fresh"));
    same(&cold, &fresh);
    same(&warm, &fresh);
    // one procedure edited: its own files are drawn again (posters A4 and
    // A5, two flyer sheets), and the sheets that show it (two board
    // sheets, two sheets of all flyers); the others come from the cache
    let text = site
        .read("content/cu-tru/khai-bao-tam-vang.md")
        .replace("3. Gửi hồ sơ.", "3. Gửi hồ sơ và chờ tin nhắn.");
    site.write("content/cu-tru/khai-bao-tam-vang.md", &text);
    let (reused, made_now) = build(&site, "edited", &[]).expect("a cache report");
    assert_eq!(made_now, 8, "reused {reused}");
    assert_eq!(reused + made_now, made);
    build(&site, "edited-fresh", &["--no-cache"]);
    same(
        &snapshot(&site.path("edited")),
        &snapshot(&site.path("edited-fresh")),
    );
    // never published
    for out in ["cold", "warm", "edited"] {
        assert!(
            snapshot(&site.path(out))
                .iter()
                .all(|f| !f.0.contains("camnang-cache")),
            "{out}"
        );
    }
}

#[test]
fn a_damaged_or_foreign_cache_is_made_again_not_published() {
    let site = TestSite::standard();
    let (_, made) = build(&site, "first", &[]).expect("a cache report");
    build(&site, "fresh", &["--no-cache"]);
    let fresh = snapshot(&site.path("fresh"));
    let files = site.path(".camnang-cache/files");
    let mut kept: Vec<_> = files_below(&files);
    kept.sort();
    assert_eq!(kept.len(), made);
    // one kept file changed in place (same size), one cut short, one gone,
    // one replaced by another's bytes
    let damage = |i: usize| files.join(&kept[i]);
    let mut bytes = std::fs::read(damage(0)).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x20;
    std::fs::write(damage(0), &bytes).unwrap();
    let short = std::fs::read(damage(1)).unwrap();
    std::fs::write(damage(1), &short[..short.len() - 10]).unwrap();
    std::fs::remove_file(damage(2)).unwrap();
    std::fs::copy(damage(4), damage(3)).unwrap();
    // the public site shares kept files: damaging them damaged it too, and
    // the next build publishes sound files again
    let (reused, made_now) = build(&site, "second", &[]).expect("a cache report");
    assert_eq!((reused, made_now), (made - 4, 4));
    same(&snapshot(&site.path("second")), &fresh);
    // an index from elsewhere (another site, another version): nothing
    // in it is trusted
    site.write(
        ".camnang-cache/index",
        "camnang build cache 1\n{\"key\":\"00\"}\nnot json\n",
    );
    let (reused, made_now) = build(&site, "third", &[]).expect("a cache report");
    assert_eq!((reused, made_now), (0, made));
    same(&snapshot(&site.path("third")), &fresh);
    // deleting the whole folder is safe
    std::fs::remove_dir_all(site.path(".camnang-cache")).unwrap();
    assert_eq!(build(&site, "fourth", &[]), Some((0, made)));
    same(&snapshot(&site.path("fourth")), &fresh);
}

#[test]
fn the_cache_keeps_only_what_the_last_build_used_and_never_others_files() {
    let site = TestSite::standard();
    build(&site, "public", &[]);
    site.write(".camnang-cache/files/notes.txt", "mine");
    site.write(".camnang-cache/mine/keep.txt", "mine too");
    // a procedure edited: the files drawn before the edit leave the cache
    let text = site
        .read("content/cu-tru/xac-nhan-cu-tru.md")
        .replace("Mang theo căn cước.", "Mang theo căn cước gắn chip.");
    site.write("content/cu-tru/xac-nhan-cu-tru.md", &text);
    let (reused, made) = build(&site, "public", &[]).expect("a cache report");
    assert_eq!(made, 8);
    let kept: Vec<String> = files_below(&site.path(".camnang-cache/files"))
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    assert_eq!(kept.len(), reused + made + 1, "{kept:?}");
    assert!(kept.contains(&"notes.txt".to_string()));
    assert_eq!(site.read(".camnang-cache/mine/keep.txt"), "mine too");
    // a site made alone with --no-print keeps no cache report
    site.write("content/cu-tru/moi.md", &procedure("Thủ tục mới", "tt09"));
    assert_eq!(build(&site, "public", &["--no-print"]), None);
}

// --- pages and QR codes kept from the site published before --------------

/// Builds the site alone into `public/` and gives the report of pages and
/// QR codes kept from the site published before: `(kept, made)`.
fn build_pages(site: &TestSite, extra: &[&str]) -> Option<(usize, usize)> {
    let mut args = vec!["--no-print"];
    args.extend_from_slice(extra);
    counts(&site.build(&args), "trang web và mã QR: ")
}

/// A build of the same site with nothing kept, into `fresh`.
fn fresh(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    let _ = std::fs::remove_dir_all(site.path("fresh"));
    let out = site.path("fresh");
    let r = site.build(&[
        "--no-print",
        "--no-cache",
        "--output",
        out.to_str().expect("path"),
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    snapshot(&out)
}

/// The site's own files: the published site without camnang's manifest.
fn published(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    snapshot(&site.path("public"))
}

/// A site whose build takes several ticks of the file system's clock
/// (files written in the tick of the build's end are not stamped).
fn bigger_site() -> TestSite {
    let site = TestSite::standard();
    for i in 0..60 {
        site.write(
            &format!("content/cu-tru/p{i}.md"),
            &procedure(&format!("Thủ tục số {i}"), &format!("p{i}")),
        );
    }
    site
}

#[test]
fn a_rebuild_keeps_unchanged_pages_and_never_a_changed_one() {
    let site = bigger_site();
    // the first build has nothing to keep
    assert_eq!(build_pages(&site, &[]), None);
    // pages and codes whose inputs did not change are kept (those written
    // in the last tick of the file system's clock are not stamped: they
    // are made again, found the same and told as kept too), and what is
    // published is what a build that keeps nothing makes; every page (the
    // service worker is made from a template too) and every QR code has a
    // key
    let keyed = || {
        published(&site)
            .iter()
            .filter(|f| f.0.ends_with(".html") || f.0.ends_with("qr.svg") || f.0 == "sw.js")
            .count()
    };
    for _ in 0..3 {
        assert_eq!(build_pages(&site, &[]), Some((keyed(), 0)));
    }
    same(&published(&site), &fresh(&site));
    // a stamps file beside the output, never in it
    assert!(site.path(".public.camnang-stamps").is_file());
    assert!(published(&site).iter().all(|f| !f.0.contains("stamps")));
    // a published page written into by hand (the same length) and one
    // replaced are made again, never kept
    let page = "cu-tru/dang-ky-tam-tru/index.html";
    let mut bytes = std::fs::read(site.path("public").join(page)).unwrap();
    let at = bytes.len() / 2;
    bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
    std::fs::write(site.path("public").join(page), &bytes).unwrap();
    let other = "cu-tru/index.html";
    let text = site.read(&format!("public/{other}"));
    std::fs::remove_file(site.path("public").join(other)).unwrap();
    site.write(
        &format!("public/{other}"),
        &text.replace("Cư trú", "Cư trụ"),
    );
    build_pages(&site, &[]);
    same(&published(&site), &fresh(&site));
    // an edited procedure, a changed setting, a theme's own template: the
    // pages that show them are made again
    let rebuilt_shows = |page: &str, text: &str| {
        build_pages(&site, &[]);
        assert!(
            site.read(&format!("public/{page}")).contains(text),
            "{text}"
        );
        same(&published(&site), &fresh(&site));
    };
    let text = site
        .read("content/cu-tru/khai-bao-tam-vang.md")
        .replace("Mang theo căn cước.", "Mang theo căn cước gắn chip.");
    site.write("content/cu-tru/khai-bao-tam-vang.md", &text);
    rebuilt_shows("cu-tru/khai-bao-tam-vang/index.html", "gắn chip");
    let settings = util::SITE_YAML.replace("Xã Thử Nghiệm", "Xã Thử Lại");
    site.write("site.yaml", &settings);
    rebuilt_shows("cu-tru/xac-nhan-cu-tru/index.html", "Xã Thử Lại");
    let theme = String::from_utf8_lossy(
        &std::fs::read(util::repo().join("themes/default/templates/procedure.html")).unwrap(),
    )
    .replace("{% block main %}", "{% block main %}<p>Trang của xã</p>");
    site.write("themes/default/templates/procedure.html", &theme);
    rebuilt_shows("cu-tru/xac-nhan-cu-tru/index.html", "Trang của xã");
    // --no-cache keeps nothing
    assert_eq!(build_pages(&site, &["--no-cache"]), None);
    same(&published(&site), &fresh(&site));
    // a damaged or deleted stamps file: nothing taken from the published
    // site, every page and code made again and found the same (told as
    // kept), nothing wrong
    build_pages(&site, &[]);
    site.write(".public.camnang-stamps", "camnang-stamps 1\nsite 1 2 zz\n");
    assert_eq!(build_pages(&site, &[]), Some((keyed(), 0)));
    same(&published(&site), &fresh(&site));
    std::fs::remove_file(site.path(".public.camnang-stamps")).unwrap();
    assert_eq!(build_pages(&site, &[]), Some((keyed(), 0)));
    same(&published(&site), &fresh(&site));
    // and one edited procedure: its pages are made anew, the rest kept
    let text = site
        .read("content/cu-tru/khai-bao-tam-vang.md")
        .replace("gắn chip", "gắn chip điện tử");
    site.write("content/cu-tru/khai-bao-tam-vang.md", &text);
    let (kept, made) = build_pages(&site, &[]).expect("pages kept");
    assert!((1..=3).contains(&made), "made {made}");
    assert_eq!(kept + made, keyed());
}

/// Folder stamps spare a rebuild reading every folder of the published
/// site and of the spare, but never hide a file camnang did not write.
#[test]
fn a_file_added_to_a_stamped_folder_is_still_found() {
    let site = bigger_site();
    build_pages(&site, &[]);
    build_pages(&site, &[]);
    // in the published site: the build refuses the output folder
    site.write("public/cu-tru/dang-ky-tam-tru/notes.txt", "mine");
    let r = site.build(&["--no-print"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("notes.txt"), "{}", r.stderr);
    std::fs::remove_file(site.path("public/cu-tru/dang-ky-tam-tru/notes.txt")).unwrap();
    // in the spare: the spare is left alone and named (W044)
    build_pages(&site, &[]);
    site.write(".public.camnang-spare/q/tt01/notes.txt", "mine");
    let r = site.build(&["--no-print"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("W044"), "{}", r.stderr);
    assert_eq!(site.read(".public.camnang-spare/q/tt01/notes.txt"), "mine");
    same(&published(&site), &fresh(&site));
}
