//! Chromium, driven through the node scripts of `tests/clients/`
//! (`chromium.mjs` and Lighthouse): the one place the tests start a
//! browser. One browser runs at a time in the whole test run: Chromium
//! instances fighting over two cores make timings (Lighthouse's above all)
//! say more about the machine than about the pages.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::util::{Needs, repo, runs};

/// `tests/clients/`, with its `package.json`.
pub fn clients() -> PathBuf {
    repo().join("tests/clients")
}

/// The Chromium program: `$CHROMIUM`, or `/usr/bin/chromium`.
pub fn program() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

/// Adds what a Chromium test needs to `base`: node, Chromium, and the
/// npm packages of `tests/clients` (`playwright-core` and the files
/// `more`, relative to `node_modules/`).
pub fn needs(base: Needs, more: &[&str]) -> Needs {
    let modules = clients().join("node_modules");
    let chromium = program();
    let mut needs = base.tool("node", &["--version"]).that(
        runs(&chromium, &["--version"]),
        &format!("Chromium, {chromium} (see .ci/run; $CHROMIUM names another)"),
    );
    for m in std::iter::once(&"playwright-core").chain(more) {
        needs = needs.file(&modules.join(m), "run `npm ci` in tests/clients");
    }
    needs
}

/// Whether the running test can use Chromium with the npm packages
/// `more`; when not, the test is skipped (counted and shown) or, under
/// `CI=true`, fails.
pub fn ready(more: &[&str]) -> bool {
    needs(Needs::default(), more).met()
}

static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// Waits until no other browser runs; holds the others off while the
/// guard lives.
pub fn one_at_a_time() -> MutexGuard<'static, ()> {
    ONE_BROWSER.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `chromium.mjs MODE ARGS…` (one browser at a time) and returns
/// what it did; the caller judges its exit status and output.
pub fn run<S: AsRef<OsStr>>(mode: &str, args: &[S]) -> Output {
    let _working = crate::util::working();
    let _one = one_at_a_time();
    Command::new("node")
        .arg(clients().join("chromium.mjs"))
        .arg(mode)
        .args(args)
        .output()
        .expect("run node tests/clients/chromium.mjs")
}

/// Runs `chromium.mjs MODE ARGS…`, which must succeed; returns its JSON
/// lines.
pub fn lines(mode: &str, args: &[&str]) -> Vec<serde_json::Value> {
    let out = run(mode, args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "chromium.mjs {mode} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// Lighthouse's command line in `tests/clients`.
pub fn lighthouse_cli() -> PathBuf {
    clients().join("node_modules/lighthouse/cli/index.js")
}

/// Runs Lighthouse (mobile, its default throttling) on `url` in headless
/// Chromium, one browser at a time, writing its JSON report to `report`.
pub fn lighthouse(url: &str, report: &Path) -> Output {
    let _one = one_at_a_time();
    Command::new("node")
        .arg(lighthouse_cli())
        .arg(url)
        .args(["--quiet", "--output=json"])
        .arg(format!("--output-path={}", report.display()))
        .arg("--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --disable-quic")
        .env("CHROME_PATH", program())
        .output()
        .expect("run lighthouse")
}
