//! Helpers shared by the test modules: small sites in temporary folders,
//! the camnang command, the sample site built once, HTTP (a static server
//! for built sites, `camnang serve`, a small client), and what a test needs
//! from outside the crate, skipped visibly when it is missing.

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, MutexGuard, Once, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

pub const SITE_YAML: &str = "title: Cẩm nang thủ tục\ncommune: Xã Thử Nghiệm\nprovince: Thành phố Đà Nẵng\nbase_url: https://thu.example.vn\nlanguage: vi\ncontact:\n  phone: \"0235 3000 000\"\n  zalo: \"0905 000 000\"\n  address: \"Trụ sở UBND xã\"\n  hours: \"Thứ Hai – Thứ Sáu\"\n";

pub const CATEGORY: &str = "---\ntitle: Cư trú\norder: 1\n---\nThủ tục về nơi ở.\n";

/// A complete procedure file with every field.
pub fn procedure(title: &str, id: &str) -> String {
    format!(
        "---\ntitle: {title}\nid: {id}\ncode: \"1.004194\"\nsummary: Khai báo nơi ở mới khi bạn ở ngoài nơi thường trú từ 30 ngày trở lên.\nagency: Công an xã\naudience: Công dân Việt Nam\nonline:\n  url: https://dichvucong.gov.vn/\n  level: toan-trinh\n  apps: [vneid, dvc-quoc-gia]\nchannels:\n  - way: truc-tuyen\n    time: 03 ngày làm việc\n    fee: 7.000 đồng\n  - way: truc-tiep\n    time: 03 ngày làm việc\n    fee: 15.000 đồng\ndocuments:\n  - Tờ khai thay đổi thông tin cư trú (mẫu CT01)\n  - Giấy tờ chứng minh chỗ ở hợp pháp\nresult: Thông tin tạm trú được cập nhật\nlegal:\n  - Luật Cư trú số 68/2020/QH14\nupdated: 2026-10-01\n---\n\n## Các bước\n\n1. Mở ứng dụng VNeID.\n2. Chọn **Thủ tục hành chính**.\n3. Gửi hồ sơ.\n\n## Lưu ý\n\n- Mang theo căn cước.\n"
    )
}

/// A site folder with one category and the given procedure files.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    pub fn new() -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("site.yaml", SITE_YAML);
        site.write("content/cu-tru/_index.md", CATEGORY);
        site
    }

    /// The usual small site: three residence procedures.
    pub fn standard() -> TestSite {
        let s = TestSite::new();
        s.write(
            "content/cu-tru/dang-ky-tam-tru.md",
            &procedure("Đăng ký tạm trú", "tt01"),
        );
        s.write(
            "content/cu-tru/khai-bao-tam-vang.md",
            &procedure("Khai báo tạm vắng", "tt02"),
        );
        s.write(
            "content/cu-tru/xac-nhan-cu-tru.md",
            &procedure("Xác nhận thông tin về cư trú", "tt03"),
        );
        s
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// `camnang build --root <site>` plus extra arguments.
    pub fn build(&self, extra: &[&str]) -> Run {
        self.command("build", extra)
    }

    /// `camnang check --root <site>` plus extra arguments.
    pub fn check(&self, extra: &[&str]) -> Run {
        self.command("check", extra)
    }

    fn command(&self, name: &str, extra: &[&str]) -> Run {
        let mut cmd = camnang();
        cmd.arg(name).arg("--root").arg(self.root()).args(extra);
        Run::of(cmd)
    }
}

/// The camnang binary under test.
pub fn camnang() -> Command {
    Command::cargo_bin("camnang").expect("camnang binary")
}

/// A finished command: exit code and output.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(mut cmd: Command) -> Run {
        let out = {
            let _working = working();
            cmd.output().expect("run camnang")
        };
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Whether Lighthouse is timing pages, and how many camnang or browser
/// runs of other tests are going on.
struct Quiet {
    measuring: bool,
    working: usize,
}

static QUIET: Mutex<Quiet> = Mutex::new(Quiet {
    measuring: false,
    working: 0,
});
static QUIET_CHANGED: Condvar = Condvar::new();

fn quiet() -> MutexGuard<'static, Quiet> {
    QUIET.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Held while a test's camnang or browser runs (see [`measuring`]).
pub struct Working(());

impl Drop for Working {
    fn drop(&mut self) {
        quiet().working -= 1;
        QUIET_CHANGED.notify_all();
    }
}

/// Waits while Lighthouse measures, then counts a run of camnang or of a
/// browser until the guard is dropped. A test may hold several at once
/// (a `camnang serve` running, and a build beside it): Lighthouse starts
/// only when none is held, so none waits for it while holding one.
pub fn working() -> Working {
    let mut q = quiet();
    while q.measuring {
        q = QUIET_CHANGED
            .wait(q)
            .unwrap_or_else(PoisonError::into_inner);
    }
    q.working += 1;
    Working(())
}

/// Held while Lighthouse times pages on this machine (see [`measuring`]).
pub struct Measuring(());

impl Drop for Measuring {
    fn drop(&mut self) {
        quiet().measuring = false;
        QUIET_CHANGED.notify_all();
    }
}

/// Waits until no other test runs camnang or a browser and holds new runs
/// off, so that Lighthouse's timings are the page's, not a build's on the
/// other core (one took a median of 0.99 for 1.0 in CI). Not to be called
/// while holding a [`Working`].
pub fn measuring() -> Measuring {
    let mut q = quiet();
    while q.working > 0 || q.measuring {
        q = QUIET_CHANGED
            .wait(q)
            .unwrap_or_else(PoisonError::into_inner);
    }
    q.measuring = true;
    Measuring(())
}

/// Whether CI is running (tools missing there are failures, not skips).
fn in_ci() -> bool {
    std::env::var("CI")
        .map(|v| !v.is_empty() && v != "false" && v != "0")
        .unwrap_or(false)
}

/// What a test needs from outside the crate: programs, npm packages of
/// `tests/clients`, a network. [`Needs::met`] says whether all of it is
/// there. When something is missing, under `CI=true` the test fails;
/// elsewhere the check is skipped, and the skip is counted and shown: a
/// `SKIPPED (n so far)` line on the terminal as it happens (past the test
/// harness's output capture), a line in `target/tmp/skipped.txt`, and the
/// list of every skipped check when the test run ends.
#[derive(Default)]
#[must_use]
pub struct Needs {
    missing: Vec<String>,
}

impl Needs {
    /// A program that must run: `tool probe…` exits with 0.
    pub fn tool(self, tool: &str, probe: &[&str]) -> Needs {
        self.that(runs(tool, probe), &format!("{tool} (see .ci/run)"))
    }

    /// A file that must exist; `how` says how to get it.
    pub fn file(self, path: &Path, how: &str) -> Needs {
        let rel = path.strip_prefix(repo()).unwrap_or(path);
        self.that(path.exists(), &format!("{} ({how})", rel.display()))
    }

    /// Anything else: `what` is needed and `ok` says whether it is there.
    pub fn that(mut self, ok: bool, what: &str) -> Needs {
        if !ok {
            self.missing.push(what.to_string());
        }
        self
    }

    /// Whether everything is there for the running test; when not, the
    /// test is skipped (and must return at once) or, under `CI=true`,
    /// fails.
    pub fn met(self) -> bool {
        self.check(None)
    }

    /// The same for one part of the running test, named by `part`.
    pub fn met_for(self, part: &str) -> bool {
        self.check(Some(part))
    }

    fn check(self, part: Option<&str>) -> bool {
        skipped::watch();
        if self.missing.is_empty() {
            return true;
        }
        let test = std::thread::current()
            .name()
            .unwrap_or("a test")
            .to_string();
        let what = match part {
            Some(p) => format!("{test} ({p})"),
            None => test,
        };
        let missing = self.missing.join(", ");
        if in_ci() {
            panic!("under CI=true nothing is skipped, but {what} needs {missing}");
        }
        skipped::record(&format!("{what} needs {missing}"));
        false
    }
}

/// Whether `tool probe…` runs and exits with 0.
pub fn runs(tool: &str, probe: &[&str]) -> bool {
    Command::new(tool)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Shorthand for one program: `Needs::default().tool(tool, probe).met()`.
pub fn require(tool: &str, probe: &[&str]) -> bool {
    Needs::default().tool(tool, probe).met()
}

/// The skipped checks of this test run.
mod skipped {
    use super::*;

    static SKIPPED: Mutex<Vec<String>> = Mutex::new(Vec::new());

    /// `target/tmp/skipped.txt`: the checks the last run skipped.
    pub fn file() -> PathBuf {
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("skipped.txt")
    }

    unsafe extern "C" {
        /// The C library's: runs `callback` when the process exits, after
        /// the test harness has printed its summary.
        fn atexit(callback: extern "C" fn()) -> std::ffi::c_int;
    }

    /// Called by every check that may skip, before it does: the first
    /// clears the list of an earlier run and arranges for the tally to be
    /// printed at exit.
    pub fn watch() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            let _ = std::fs::remove_file(file());
            // SAFETY: `tally` is a plain function that neither unwinds nor
            // relies on anything torn down before the C library's exit
            // handlers run (it only locks a static and writes to stderr).
            let _ = unsafe { atexit(tally) };
        });
    }

    /// Counts a skipped check, writes it to `skipped.txt`, and shows it on
    /// the terminal at once (stderr itself, which the harness does not
    /// capture, unlike `eprintln!`).
    pub fn record(line: &str) {
        let mut all = SKIPPED.lock().unwrap_or_else(PoisonError::into_inner);
        all.push(line.to_string());
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(file())
        {
            let _ = writeln!(f, "{line}");
        }
        let _ = std::io::stderr()
            .write_all(format!("\nSKIPPED ({} so far): {line}\n", all.len()).as_bytes());
    }

    /// The list of every skipped check, after the harness's summary.
    extern "C" fn tally() {
        let Ok(all) = SKIPPED.try_lock() else {
            return;
        };
        if all.is_empty() {
            return;
        }
        let mut text = format!(
            "\nSKIPPED: {} check(s) did not run, so they did not pass (under CI=true they fail):\n",
            all.len()
        );
        for line in all.iter() {
            text.push_str(&format!("  {line}\n"));
        }
        text.push_str(&format!("(listed in {})\n", file().display()));
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}

/// Every file below `dir`, relative, sorted.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir(dir);
    v.sort();
    v
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).expect("prefix").to_path_buf());
            }
        }
    }
    out
}

/// What a build left beside an output folder in `dir` with camnang's
/// names, other than what it keeps there on purpose: the build cache,
/// the spare site the next build updates and the stamps of both
/// (`public/` being the output).
pub fn left_beside_output(dir: &Path) -> Vec<String> {
    const KEPT: [&str; 3] = [
        ".camnang-cache",
        ".public.camnang-spare",
        ".public.camnang-stamps",
    ];
    std::fs::read_dir(dir)
        .expect("read_dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("camnang-") && !KEPT.contains(&n.as_str()))
        .collect()
}

/// The repository, which is also the sample site.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sample site in `content/`, built once per test run into a
/// temporary folder (its `public/` inside).
pub fn sample_site() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().expect("temp dir");
        let mut c = camnang();
        c.arg("build")
            .arg("--root")
            .arg(repo())
            .arg("--output")
            .arg(out.path().join("public"))
            .arg("--locked");
        let run = Run::of(c);
        assert_eq!(run.code, 0, "the sample site must build:\n{}", run.stderr);
        out
    })
    .path()
}

/// A response read by [`http_get`].
pub struct HttpResponse {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A plain HTTP/1.1 GET of `path` on 127.0.0.1:`port`, for tests (the
/// server under test is axum's; this is only its client).
pub fn http_get(port: u16, path: &str) -> HttpResponse {
    use std::io::{Read as _, Write as _};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let headers = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = headers
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status");
    let mut body = raw[split + 4..].to_vec();
    if headers
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    HttpResponse {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 4 + size..];
    }
    out
}

/// Serves a built `public/` folder as a static host would (files as they
/// are, `index.html` for folders, the site's 404 page for the rest) on a
/// free loopback port, for the rest of the test run; returns its address,
/// `http://127.0.0.1:PORT`. The one static server of the tests.
pub fn serve_static(dir: PathBuf) -> String {
    use tower_http::services::{ServeDir, ServeFile};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let addr = listener.local_addr().expect("the bound address");
    listener
        .set_nonblocking(true)
        .expect("nonblocking listener");
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
        rt.block_on(async move {
            let l = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            let not_found = ServeFile::new(dir.join("404.html"));
            let router = axum::Router::new()
                .fallback_service(ServeDir::new(dir).not_found_service(not_found));
            axum::serve(l, router).await.expect("serve the built site");
        });
    });
    format!("http://{addr}")
}

/// The sample site ([`sample_site`]) served by [`serve_static`], once per
/// test run.
pub fn sample_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| serve_static(sample_site().join("public")))
}

/// A running `camnang serve`, stopped when dropped.
pub struct Served {
    pub child: Child,
    pub port: u16,
    lines: mpsc::Receiver<String>,
    /// (it builds, and builds again on every edit)
    _working: Working,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    pub fn start(site: &TestSite, extra: &[&str]) -> Served {
        let working = working();
        let mut child = camnang()
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start camnang serve");
        let (tx, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut served = Served {
            child,
            port: 0,
            lines,
            _working: working,
        };
        let line = served.wait_for_line(|l| l.contains("http://127.0.0.1:"));
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .expect("port in the serving line");
        served.port = port;
        served
    }

    /// Waits (at most 20 s) for a line of output that matches.
    pub fn wait_for_line(&mut self, want: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            match self.lines.recv_timeout(Duration::from_millis(200)) {
                Ok(l) if want(&l) => return l,
                Ok(l) => seen.push(l),
                Err(_) => {}
            }
        }
        panic!("no such line; got:\n{}", seen.join("\n"));
    }

    /// Every line of output up to and with the first that matches (at
    /// most 20 s).
    pub fn lines_until(&mut self, want: impl Fn(&str) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            if let Ok(l) = self.lines.recv_timeout(Duration::from_millis(200)) {
                let done = want(&l);
                seen.push(l);
                if done {
                    return seen;
                }
            }
        }
        panic!("no such line; got:\n{}", seen.join("\n"));
    }

    /// The next line of output, if one comes within a second.
    pub fn next_line(&mut self) -> Option<String> {
        self.lines.recv_timeout(Duration::from_secs(1)).ok()
    }
}

/// The date `camnang check` counts from in tests, so they do not age.
pub const TODAY: &str = "2026-11-23";

/// The good site every broken or hostile case starts from.
pub fn good_site() -> TestSite {
    let site = TestSite::new();
    site.write("site.yaml", SITE_YAML);
    site.write("content/cu-tru/_index.md", CATEGORY);
    site.write(
        "content/cu-tru/tam-tru.md",
        &procedure("Đăng ký tạm trú", "tt01"),
    );
    site
}

/// `CODE file:line:col field` for each diagnostic of `check --format json`.
pub fn reported(run: &Run) -> Result<Vec<String>, String> {
    let v: serde_json::Value = serde_json::from_str(&run.stdout)
        .map_err(|e| format!("not JSON ({e}): {}\n{}", run.stdout, run.stderr))?;
    Ok(v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    let mut s = format!(
                        "{} {}",
                        d["code"].as_str().unwrap_or(""),
                        d["file"].as_str().unwrap_or("")
                    );
                    if let Some(l) = d["line"].as_u64() {
                        s.push_str(&format!(":{l}"));
                        if let Some(c) = d["column"].as_u64() {
                            s.push_str(&format!(":{c}"));
                        }
                    }
                    if let Some(f) = d["field"].as_str() {
                        s.push(' ');
                        s.push_str(f);
                    }
                    s
                })
                .collect()
        })
        .unwrap_or_default())
}
