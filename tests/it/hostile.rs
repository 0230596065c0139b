//! Hostile and broken input (`tests/hostile/`, see its README): every case
//! gets exactly its expected messages or its safe output, never a panic;
//! nothing from content runs script in Chromium; the published site
//! survives a build killed at any moment, two builds at once, a read-only
//! folder and a full disk; builds are the same byte for byte whatever the
//! order files were made in and the locale; the preview server answers
//! with the site only.

use std::collections::BTreeSet;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::case::{self, Case};
use crate::chromium;
use crate::util::{
    self, Needs, Run, TODAY, TestSite, camnang, files_below, good_site, procedure, reported,
};

/// Runs one case; returns what went wrong, and the built site for the
/// Chromium test.
fn run_case(case: &Case) -> (Vec<String>, Option<TestSite>) {
    let mut bad = Vec::new();
    let site = case.site();
    let root = site.root().to_string_lossy().into_owned();
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());

    let mut c = camnang();
    c.args(["check", "--today", TODAY, "--format", "json", "--root"])
        .arg(site.root());
    let check = Run::of(c);
    match reported(&check) {
        Ok(mut got) => {
            let mut want = case.expect.clone();
            got.sort();
            want.sort();
            if got != want {
                bad.push(format!("check reported {got:?}, expected {want:?}"));
            }
        }
        Err(e) => bad.push(e),
    }
    let any_error = case.expect.iter().any(|e| e.starts_with('E'));
    let want_exit = case.exit.unwrap_or(i32::from(any_error));
    if check.code != want_exit {
        bad.push(format!("check exited {} (want {want_exit})", check.code));
    }
    if check.stderr.contains("panicked") {
        bad.push(format!("check panicked: {}", check.stderr));
    }

    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("{root}", &root).replace("{home}", &home))
        .collect();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let build = site.build(&refs);
    let want_build = case.build.unwrap_or(i32::from(any_error));
    if build.code != want_build {
        bad.push(format!(
            "build exited {} (want {want_build}):\n{}",
            build.code, build.stderr
        ));
    }
    if build.stderr.contains("panicked") {
        bad.push(format!("build panicked: {}", build.stderr));
    }
    let public = site.path("public");
    if build.code != 0 {
        // nothing half-written, nobody's file touched
        if public.exists() && !case.args.iter().any(|a| a == "--output") {
            bad.push("a failed build left public/".into());
        }
        for (name, bytes) in case.written() {
            if site.path(name).is_file()
                && std::fs::read(site.path(name)).ok().as_deref() != Some(bytes)
            {
                bad.push(format!("{name} was changed"));
            }
        }
        return (bad, None);
    }
    let read =
        |p: &str| std::fs::read(public.join(p)).map(|b| String::from_utf8_lossy(&b).into_owned());
    for (p, t) in &case.present {
        match read(p) {
            Ok(s) if s.contains(t.as_str()) => {}
            Ok(_) => bad.push(format!("{p} lacks {t:?}")),
            Err(e) => bad.push(format!("{p}: {e}")),
        }
    }
    for (p, t) in &case.absent {
        if read(p).is_ok_and(|s| s.contains(t.as_str())) {
            bad.push(format!("{p} holds {t:?}"));
        }
    }
    for p in &case.missing {
        if public.join(p).exists() {
            bad.push(format!("{p} was made"));
        }
    }
    for (p, words) in &case.order {
        let s = read(p).unwrap_or_default();
        let at: Vec<Option<usize>> = words.iter().map(|w| s.find(w.as_str())).collect();
        if at.iter().any(Option::is_none) || at.windows(2).any(|w| w[0] > w[1]) {
            bad.push(format!("{p}: not in the order {words:?} ({at:?})"));
        }
    }
    for (p, n) in &case.size_at_least {
        let len = std::fs::metadata(public.join(p))
            .map(|m| m.len())
            .unwrap_or(0);
        if len < *n {
            bad.push(format!("{p} is {len} bytes, under {n}"));
        }
    }
    // every page is UTF-8 and NFC
    for f in files_below(&public) {
        if f.extension().is_some_and(|e| e == "html")
            && let Ok(bytes) = std::fs::read(public.join(&f))
        {
            match String::from_utf8(bytes) {
                Ok(s) if unicode_normalization::is_nfc(&s) => {}
                _ => bad.push(format!("{} is not NFC UTF-8", f.display())),
            }
        }
    }
    (bad, Some(site))
}

#[test]
fn every_hostile_case_gets_its_expected_outcome_needs_chromium() {
    let all = case::all("hostile");
    assert!(all.len() >= 40, "{} cases", all.len());
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let mut failures = Vec::new();
    let mut injection_sites = Vec::new();
    for case in &all {
        *counts.entry(case.class.clone()).or_default() += 1;
        let (bad, site) = run_case(case);
        if !bad.is_empty() {
            failures.push(format!("{}:\n  {}", case.name, bad.join("\n  ")));
        }
        if case.class == "injection"
            && let Some(site) = site
        {
            injection_sites.push(site);
        }
    }
    println!("hostile cases by class: {counts:?}");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    for class in ["encoding", "yaml", "injection", "filesystem", "size"] {
        assert!(
            counts.get(class).copied().unwrap_or(0) >= 4,
            "{class}: {counts:?}"
        );
    }
    no_script_runs_in_chromium(&injection_sites);
}

/// Opens every page built from the injection cases in Chromium and
/// listens for dialogs.
fn no_script_runs_in_chromium(sites: &[TestSite]) {
    assert!(!sites.is_empty());
    if !chromium::needs(Needs::default(), &[]).met_for("opening the injection cases in Chromium") {
        return;
    }
    let mut args = Vec::new();
    let mut pages = 0;
    for s in sites {
        let public = s.path("public");
        pages += files_below(&public)
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "html"))
            .count();
        args.push(public.to_string_lossy().into_owned());
    }
    let out = chromium::run("dialogs", &args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "a script ran:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(pages > 0);
    assert!(stdout.contains(&format!("\"pages\":{pages},")), "{stdout}");
}

// --- publishing under stress -------------------------------------------------

/// Every file of a folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_below(dir)
        .into_iter()
        .map(|f| {
            let b = std::fs::read(dir.join(&f)).unwrap_or_default();
            (f, b)
        })
        .collect()
}

/// A site big enough that a build takes a while: posters for 40 procedures.
fn busy_site() -> TestSite {
    let site = good_site();
    for i in 0..40 {
        site.write(
            &format!("content/cu-tru/p{i}.md"),
            &procedure(&format!("Thủ tục số {i}"), &format!("p{i}")),
        );
    }
    site
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let _working = crate::util::working();
    let site = busy_site();
    let refs = site.path("refs");
    // two versions of the site, built once each for reference
    let build_to = |out: &Path| {
        let r = site.build(&["--output", out.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    };
    build_to(&refs.join("v1"));
    let v1 = snapshot(&refs.join("v1"));
    let text = site
        .read("content/cu-tru/p7.md")
        .replace("Mở ứng dụng VNeID.", "Mở ứng dụng VNeID trên điện thoại.");
    site.write("content/cu-tru/p7.md", &text);
    build_to(&refs.join("v2"));
    let v2 = snapshot(&refs.join("v2"));
    assert_ne!(v1, v2);
    let versions = [(v1.clone(), "p7.md v1"), (v2.clone(), "p7.md v2")];

    // how long a whole build takes, to spread the kills over it
    let public = site.path("public");
    let t = Instant::now();
    build_to(&public);
    let whole = t.elapsed();
    let mut current = 1; // public now holds v2
    let mut seen_old = 0;
    let mut seen_new = 0;
    let kills = 24;
    for k in 0..kills {
        // build the other version, and kill it part of the way
        let target = 1 - current;
        let content = if target == 0 {
            text.replace("Mở ứng dụng VNeID trên điện thoại.", "Mở ứng dụng VNeID.")
        } else {
            text.clone()
        };
        site.write("content/cu-tru/p7.md", &content);
        let delay = whole.mul_f64(f64::from(k) / f64::from(kills) * 1.2);
        let mut child = camnang()
            .args(["build", "--root"])
            .arg(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = snapshot(&public);
        if now == versions[current].0 {
            seen_old += 1;
        } else if now == versions[target].0 {
            seen_new += 1;
            current = target;
        } else {
            panic!(
                "after a kill at {delay:?} public/ is neither version: {} files",
                now.len()
            );
        }
    }
    println!("{kills} kills: old site kept {seen_old} times, new site whole {seen_new} times");
    assert!(seen_old > 0, "no kill landed before the swap");
    // the next build cleans what the killed ones left beside public/
    build_to(&public);
    // (the build cache, the spare site the next build updates and the
    // stamps of both stay)
    let left = util::left_beside_output(site.root());
    assert!(left.is_empty(), "left behind: {left:?}");
    // the spare site it keeps is whole: every file in it is in its manifest
    let spare = site.path(".public.camnang-spare");
    if spare.exists() {
        let listed = site.read(".public.camnang-spare/.camnang-manifest");
        for f in files_below(&spare) {
            let name = f.to_string_lossy().replace('\\', "/");
            assert!(
                name == ".camnang-manifest" || listed.lines().any(|l| l == name),
                "{name} in the spare"
            );
        }
    }
    // and its build cache holds only files it lists (no half-written one)
    let cache = site.path(".camnang-cache/files");
    let index = site.read(".camnang-cache/index");
    for f in files_below(&cache) {
        let name = f.to_string_lossy().into_owned();
        assert!(index.contains(&name), "{name} left in the cache");
    }
}

#[test]
fn two_builds_at_once_leave_one_whole_site() {
    let _working = crate::util::working();
    let site = busy_site();
    let r = site.build(&[]);
    assert_eq!(r.code, 0);
    let spawn = || {
        camnang()
            .args(["build", "--root"])
            .arg(site.root())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    // the second waits for the first; both publish; never a panic
    for o in [&a, &b] {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert!(o.status.success(), "{err}");
    }
    let again = site.path("again");
    assert_eq!(site.build(&["--output", again.to_str().unwrap()]).code, 0);
    let (public, again) = (snapshot(&site.path("public")), snapshot(&again));
    let differ: Vec<_> = public
        .iter()
        .filter(|f| !again.contains(f))
        .chain(again.iter().filter(|f| !public.contains(f)))
        .map(|(p, _)| p)
        .collect();
    assert!(
        differ.is_empty(),
        "public/ is not one whole site: {differ:?}\n{}\n{}",
        String::from_utf8_lossy(&a.stderr),
        String::from_utf8_lossy(&b.stderr)
    );
}

#[test]
fn a_read_only_place_gives_a_clear_message_and_no_damage() {
    let site = good_site();
    // /proc refuses new folders even to root
    let run = site.build(&["--output", "/proc/camnang-test/public"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("E045") && run.stderr.contains("không ghi được"),
        "{}",
        run.stderr
    );
    // the folder it could not write in is named
    assert!(
        run.stderr.contains("(/proc/camnang-test: "),
        "{}",
        run.stderr
    );
}

#[test]
fn a_full_disk_fails_the_build_and_keeps_the_published_site() {
    let _working = crate::util::working();
    let site = busy_site();
    let mount = site.path("small");
    std::fs::create_dir_all(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=600k", "tmpfs"])
        .arg(&mount)
        .status()
        .is_ok_and(|s| s.success());
    struct Unmount(PathBuf, bool);
    impl Drop for Unmount {
        fn drop(&mut self) {
            if self.1 {
                let _ = Command::new("umount").arg(&self.0).status();
            }
        }
    }
    let _guard = Unmount(mount.clone(), mounted);
    let out = mount.join("public");
    let before;
    if mounted {
        // a small site first, that fits
        let small = good_site();
        let r = small.build(&["--no-print", "--output", out.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        before = snapshot(&out);
        let run = site.build(&["--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 1, "a full disk must fail: {}", run.stderr);
        assert!(run.stderr.contains("E045"), "{}", run.stderr);
        assert!(run.stderr.contains("ổ đĩa đã đầy"), "{}", run.stderr);
    } else {
        // no right to mount: the same failure from a file-size limit
        eprintln!("note: cannot mount a small tmpfs here; simulating a full disk with ulimit -f");
        let r = site.build(&["--no-print"]);
        assert_eq!(r.code, 0);
        before = snapshot(&site.path("public"));
        let bin = assert_cmd::cargo::cargo_bin("camnang");
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "trap '' XFSZ; ulimit -f 8; exec '{}' build --root '{}'",
                bin.display(),
                site.root().display()
            ))
            .output()
            .expect("sh");
        assert_eq!(
            status.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
    let after = if mounted {
        snapshot(&out)
    } else {
        snapshot(&site.path("public"))
    };
    assert_eq!(before, after, "the published site is untouched");
    // and no half-written folder is left to fill the disk
    if mounted {
        let left: Vec<_> = std::fs::read_dir(&mount)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| n != ".public.camnang-stamps")
            .collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }
}

// --- determinism ---------------------------------------------------------------

#[test]
fn builds_are_identical_whatever_the_file_order_and_locale() {
    // the sample, copied twice: files made in opposite orders
    let mut files: Vec<PathBuf> = files_below(&util::repo().join("content"));
    files.push("site.yaml".into());
    let make_copy = |order: &[PathBuf]| {
        let dir = tempfile::tempdir().unwrap();
        for f in order {
            let from = if f.as_os_str() == "site.yaml" {
                util::repo().join("site.yaml")
            } else {
                util::repo().join("content").join(f)
            };
            let to = if f.as_os_str() == "site.yaml" {
                dir.path().join("site.yaml")
            } else {
                dir.path().join("content").join(f)
            };
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&from, &to).unwrap();
        }
        std::fs::copy(
            util::repo().join("qr-lock.yaml"),
            dir.path().join("qr-lock.yaml"),
        )
        .unwrap();
        dir
    };
    let a = make_copy(&files);
    files.reverse();
    let b = make_copy(&files);
    let build = |dir: &Path, env: &[(&str, &str)]| {
        let mut c = camnang();
        c.args(["build", "--quiet", "--root"]).arg(dir);
        for (k, v) in env {
            c.env(k, v);
        }
        let r = Run::of(c);
        assert_eq!(r.code, 0, "{}", r.stderr);
    };
    build(a.path(), &[("LC_ALL", "C"), ("TZ", "UTC")]);
    build(
        b.path(),
        &[
            ("LC_ALL", "vi_VN.UTF-8"),
            ("LANG", "tr_TR.UTF-8"),
            ("TZ", "Asia/Ho_Chi_Minh"),
        ],
    );
    let (sa, sb) = (
        snapshot(&a.path().join("public")),
        snapshot(&b.path().join("public")),
    );
    assert!(sa.len() > 100, "{}", sa.len());
    let names =
        |s: &[(PathBuf, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<BTreeSet<_>>();
    assert_eq!(names(&sa), names(&sb));
    for ((pa, ba), (_, bb)) in sa.iter().zip(&sb) {
        assert!(ba == bb, "{} differs", pa.display());
    }
}

// --- the preview server ---------------------------------------------------------

#[test]
fn the_preview_server_is_not_a_door() {
    let site = good_site();
    let mut served = util::Served::start(&site, &[]);
    let port = served.port;
    // only on this computer
    let lan: Vec<std::net::IpAddr> = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.168.1.1:9").map(|_| s))
        .and_then(|s| s.local_addr())
        .map(|a| vec![a.ip()])
        .unwrap_or_default();
    for ip in lan.into_iter().filter(|ip| !ip.is_loopback()) {
        assert!(
            std::net::TcpStream::connect_timeout(&(ip, port).into(), Duration::from_secs(2))
                .is_err(),
            "reachable on {ip} without --lan"
        );
    }
    // no folder listings, no sources, no way out
    for path in [
        "/q/",
        "/content/",
        "/site.yaml",
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/cu-tru/../../site.yaml",
    ] {
        let r = util::http_get(port, path);
        assert!(r.status == 404 || r.status == 400, "{path}: {}", r.status);
        assert!(!r.text().contains("base_url"), "{path} showed site.yaml");
    }
    // malformed requests are refused and the server goes on
    for junk in [
        &b"\x00\x01\x02 garbage\r\n\r\n"[..],
        b"GET /\r\n\r\n",
        b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
        b"GET /cu-tru/ HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
    ] {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let _ = s.write_all(junk);
            let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
            let mut sink = Vec::new();
            let _ = s.read_to_end(&mut sink);
        }
    }
    // slow clients that never finish their request do not block anyone
    let idle: Vec<std::net::TcpStream> = (0..64)
        .filter_map(|_| {
            let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").ok()?;
            Some(s)
        })
        .collect();
    let t = Instant::now();
    let ok = util::http_get(port, "/cu-tru/tam-tru/");
    assert_eq!(ok.status, 200);
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    drop(idle);
    assert!(
        served.child.try_wait().unwrap().is_none(),
        "the server is still running"
    );
}
