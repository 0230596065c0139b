//! `camnang serve`: the clerk's preview. The site is built in memory and
//! served on 127.0.0.1 (or, with `--lan`, on the local network for a
//! phone); `content/`, `site.yaml`, `qr-lock.yaml` and `themes/` are
//! watched, and every change rebuilds what it touched and reloads the open
//! pages. Broken content shows its mistakes in the browser instead of the
//! page, and the page comes back by itself once the file is fixed.
//!
//! Nothing is written to disk: `public/` is `camnang build`'s. Posters,
//! board sheets and flyers are drawn when the print page asks for them.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, RwLock, mpsc};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, Response, StatusCode, header};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use tower_livereload::{LiveReloadLayer, Reloader};

use crate::commands::print_report;
use crate::diag::Diagnostic;
use crate::messages::{Label, Lang, Msg, label, plain};
use crate::model::Site;
use crate::output::{Content, PrintMode};
use crate::text::escape_html;
use crate::theme::Theme;
use crate::{BuildOptions, BuildReport, Cache, Failure, LockMode, prepare};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    /// Port to listen on; 0 lets the system choose one.
    pub port: u16,
    /// Listen on the local network too, not only on this computer.
    pub lan: bool,
}

/// Forgets what the parse cache holds for `path`.
fn state_forget(cache: &mut Cache, path: &Path) {
    cache.parse.forget(path);
}

/// An output file as the server keeps it.
fn served(f: crate::output::OutFile) -> (String, Served) {
    let s = match f.content {
        Content::Bytes(b) => Served::Bytes(b),
        Content::Copy(p) => Served::File(p),
        // the server keeps every file (render::Keep): nothing is written
        Content::Written => Served::Bytes(Arc::new(Vec::new())),
    };
    (f.path, s)
}

/// A file the server can answer with.
#[derive(Debug, Clone)]
enum Served {
    Bytes(Arc<Vec<u8>>),
    /// A file of `content/files/` or `content/static/`, read when asked for.
    File(PathBuf),
}

/// The site as the server sees it after one build: what it answers with.
pub struct Snapshot {
    /// The files of the last full build.
    files: Arc<HashMap<String, Served>>,
    /// Files redrawn since, which take the place of those of `files`: an
    /// edit copies only this small map, not the whole site's.
    changed: Arc<HashMap<String, Served>>,
    /// The error page, when the last build failed.
    error: Option<Arc<Vec<u8>>>,
}

impl Snapshot {
    fn empty() -> Snapshot {
        Snapshot {
            files: Arc::new(HashMap::new()),
            changed: Arc::new(HashMap::new()),
            error: None,
        }
    }

    fn get(&self, path: &str) -> Option<&Served> {
        self.changed.get(path).or_else(|| self.files.get(path))
    }

    fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }
}

/// The last good build, kept to update in place after an edit and to draw
/// print files from.
struct Live {
    site: Site,
    theme: Theme,
    langs: Vec<crate::model::Language>,
    /// The outputs of the last full build, kept to update in place.
    outputs: crate::render::Outputs,
    /// The files of the last full build, and those redrawn since.
    files: Arc<HashMap<String, Served>>,
    changed: HashMap<String, Served>,
}

/// What the server keeps between builds.
#[derive(Default)]
struct State {
    cache: Cache,
    live: Option<Live>,
    /// Print files drawn since the last build.
    pdfs: HashMap<String, Arc<Vec<u8>>>,
}

/// The preview server's state: what to build, what earlier builds left,
/// and the current snapshot.
pub struct Server {
    opts: BuildOptions,
    state: Mutex<State>,
    current: RwLock<Arc<Snapshot>>,
    reloader: Reloader,
}

/// What one rebuild did, for the terminal.
pub struct Outcome {
    pub report: BuildReport,
    /// Pages rendered, and pages kept from the last build.
    pub rendered: usize,
    pub reused: usize,
}

impl Server {
    /// A server for `opts` (whose `base_url` should be the address it is
    /// served at). Nothing is built yet.
    pub fn new(opts: BuildOptions, reloader: Reloader) -> Server {
        Server {
            opts,
            state: Mutex::new(State::default()),
            current: RwLock::new(Arc::new(Snapshot::empty())),
            reloader,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn publish(&self, snapshot: Snapshot) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
        self.reloader.reload();
    }

    fn outcome(
        &self,
        lang: Lang,
        diags: crate::diag::Diagnostics,
        failure: Option<Failure>,
    ) -> Outcome {
        Outcome {
            report: BuildReport {
                lang,
                diags,
                pages: 0,
                millis: 0,
                output: PathBuf::new(),
                failure,
                cuts: Vec::new(),
                timings: crate::Timings::default(),
            },
            rendered: 0,
            reused: 0,
        }
    }

    /// Builds the site again, reusing what did not change, makes it the
    /// one served, and tells open pages to reload.
    pub fn rebuild(&self) -> Outcome {
        let start = Instant::now();
        let mut state = self.lock();
        let prepared = prepare(
            &self.opts,
            PrintMode::Listing,
            Some(&mut state.cache),
            &crate::Silent,
        );
        let mut outcome = self.outcome(prepared.lang, prepared.diags, prepared.failure);
        outcome.report.timings = prepared.timings;
        state.pdfs.clear();
        let snapshot = match (prepared.site, prepared.theme, prepared.rendered) {
            (Some(site), Some(theme), Some(rendered)) if outcome.report.failure.is_none() => {
                outcome.rendered = rendered.rendered;
                outcome.reused = rendered.reused;
                outcome.report.pages = rendered
                    .files
                    .iter()
                    .filter(|f| f.path.ends_with(".html"))
                    .count();
                let outputs = rendered.outputs;
                let files: Arc<HashMap<String, Served>> =
                    Arc::new(rendered.files.into_iter().map(served).collect());
                let langs = crate::model::Language::all(&site, &theme);
                let snapshot = Snapshot {
                    files: files.clone(),
                    changed: Arc::new(HashMap::new()),
                    error: None,
                };
                state.live = Some(Live {
                    site,
                    theme,
                    langs,
                    files,
                    changed: HashMap::new(),
                    outputs,
                });
                snapshot
            }
            _ => {
                if outcome.report.failure.is_none() {
                    outcome.report.failure = Some(Failure::Content);
                }
                state.live = None;
                Snapshot {
                    error: Some(error_page(&outcome.report).into_bytes().into()),
                    ..Snapshot::empty()
                }
            }
        };
        drop(state);
        outcome.report.millis = start.elapsed().as_millis();
        self.publish(snapshot);
        outcome
    }

    /// Brings the site up to date after `changed` files (absolute, or
    /// relative to the site folder) changed. An edit to the text of
    /// procedures that keeps their title and id redraws only the pages
    /// that show them ([`crate::output::Output::touched`]); anything else
    /// rebuilds the site, reusing what did not change.
    pub fn update(&self, changed: &[PathBuf]) -> Outcome {
        match self.update_in_place(changed) {
            Some(o) => o,
            None => self.rebuild(),
        }
    }

    fn update_in_place(&self, changed: &[PathBuf]) -> Option<Outcome> {
        let start = Instant::now();
        let root = std::path::absolute(&self.opts.root).ok()?;
        let mut guard = self.lock();
        let state = &mut *guard;
        let live = state.live.as_mut()?;
        // every changed file must be the original of a known procedure;
        // a file that came and went (an editor's or sed's temporary file
        // renamed over the original) does not count
        let mut edits = Vec::new();
        for path in changed {
            let abs = if path.is_absolute() {
                path.clone()
            } else {
                root.join(path)
            };
            let shown = abs.strip_prefix(&root).ok()?.to_path_buf();
            let known = live.site.categories.iter().enumerate().find_map(|(ci, c)| {
                c.procedures
                    .iter()
                    .position(|p| p.source == shown)
                    .map(|pi| (ci, pi))
            });
            let (ci, pi) = match (known, abs.exists()) {
                (Some(k), true) => k,
                (None, false) => continue,
                _ => return None,
            };
            if edits.iter().any(|(c, p, _, _, _)| (*c, *p) == (ci, pi)) {
                continue;
            }
            let old = &live.site.categories[ci].procedures[pi];
            let new = crate::load::reload_procedure(&live.site, &abs, &shown, old)?;
            if new.title != old.title || new.id != old.id {
                return None;
            }
            edits.push((ci, pi, new, abs, old.clone()));
        }
        if edits.is_empty() {
            return None;
        }
        for (ci, pi, new, abs, _) in &edits {
            live.site.categories[*ci].procedures[*pi] = new.clone();
            // the next full build parses and renders these again
            state_forget(&mut state.cache, abs);
        }
        // the outputs say which of their files show what changed
        let templates = crate::output::templates::Templates::new(
            &live.site,
            &live.theme,
            &live.langs,
            true,
            None,
        )
        .ok()?;
        let cx = crate::output::Context {
            site: &live.site,
            theme: &live.theme,
            templates: &templates,
            print: PrintMode::Listing,
            progress: &crate::Silent,
        };
        let mut redrawn = Vec::new();
        for (ci, pi, _, _, before) in &edits {
            let category = &live.site.categories[*ci];
            let procedure = &category.procedures[*pi];
            let position = live
                .site
                .procedures()
                .position(|(_, q)| q.id == procedure.id)?;
            let edit = crate::output::Edit {
                category,
                procedure,
                before,
                position,
            };
            for o in live.outputs.all() {
                redrawn.extend(o.touched(&cx, &edit).ok()?);
            }
        }
        let (_, rendered) = templates.counts();
        drop(templates);
        for f in redrawn {
            state.cache.memo.forget(&f.path);
            let (path, s) = served(f);
            live.changed.insert(path, s);
        }
        let snapshot = Snapshot {
            files: live.files.clone(),
            changed: Arc::new(live.changed.clone()),
            error: None,
        };
        let total = live.files.keys().filter(|k| k.ends_with(".html")).count();
        state.pdfs.clear();
        drop(guard);
        let mut outcome = self.outcome(
            self.opts.lang.unwrap_or(self.lang_of_site()),
            Default::default(),
            None,
        );
        outcome.rendered = rendered;
        outcome.reused = total.saturating_sub(rendered);
        outcome.report.millis = start.elapsed().as_millis();
        self.publish(snapshot);
        Some(outcome)
    }

    fn lang_of_site(&self) -> Lang {
        crate::load::site_lang(&self.opts.root)
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Answers one request from the current snapshot.
    pub fn respond(&self, method: &Method, raw_path: &str) -> Response<Body> {
        if method != Method::GET && method != Method::HEAD {
            return plain_response(StatusCode::METHOD_NOT_ALLOWED, "405");
        }
        let Some(path) = clean_path(raw_path) else {
            return plain_response(StatusCode::BAD_REQUEST, "400");
        };
        if path == "sw.js" {
            // no offline cache while previewing: every reload must show the
            // latest build (and a worker left from an earlier visit goes)
            return Response::builder()
                .header(header::CONTENT_TYPE, "text/javascript")
                .header(header::CACHE_CONTROL, "no-store")
                .body(Body::from(PREVIEW_SW))
                .unwrap_or_default();
        }
        let snap = self.snapshot();
        if let Some(page) = &snap.error
            && (path.is_empty() || path.ends_with('/') || path.ends_with(".html"))
        {
            return bytes_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                "index.html",
                page.clone(),
            );
        }
        let file = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.clone()
        };
        if let Some(served) = snap.get(&file) {
            return match served {
                Served::Bytes(b) => bytes_response(StatusCode::OK, &file, b.clone()),
                Served::File(p) => match std::fs::read(p) {
                    Ok(b) => bytes_response(StatusCode::OK, &file, b.into()),
                    Err(_) => not_found(&snap),
                },
            };
        }
        match self.draw_print_file(&file) {
            Some(Ok(pdf)) => return bytes_response(StatusCode::OK, &file, pdf),
            Some(Err(d)) => {
                // the clerk sees why the poster could not be made
                let mut report = self.outcome(self.lang_of_site(), d.into(), None).report;
                report.failure = Some(Failure::Content);
                let page = error_page(&report).into_bytes();
                return bytes_response(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "error.html",
                    Arc::new(page),
                );
            }
            None => {}
        }
        if snap.contains(&format!("{file}/index.html")) {
            return Response::builder()
                .status(StatusCode::PERMANENT_REDIRECT)
                .header(header::LOCATION, format!("/{file}/"))
                .body(Body::empty())
                .unwrap_or_default();
        }
        not_found(&snap)
    }

    /// Draws a poster, board sheet or flyer the first time it is asked
    /// for: `None` if `path` is no print file of the site, the reason if
    /// it could not be made.
    fn draw_print_file(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, Diagnostic>> {
        if !path.starts_with(crate::model::routes::PRINT_DIR) || !path.ends_with(".pdf") {
            return None;
        }
        let mut state = self.lock();
        if let Some(b) = state.pdfs.get(path) {
            return Some(Ok(b.clone()));
        }
        let live = state.live.as_ref()?;
        let printer =
            match crate::output::print::Printer::new(&live.site, &live.theme, live.langs.clone()) {
                Ok(p) => p,
                Err(d) => return Some(Err(d)),
            };
        let job = printer.jobs().into_iter().find(|j| j.path() == path)?;
        let bytes = match printer.draw(&job) {
            Ok((bytes, _)) => Arc::new(bytes),
            Err(d) => return Some(Err(d)),
        };
        drop(printer);
        state.pdfs.insert(path.to_string(), bytes.clone());
        Some(Ok(bytes))
    }
}

/// The service worker of the preview: it removes itself.
const PREVIEW_SW: &str = "self.addEventListener('install',()=>self.skipWaiting());self.addEventListener('activate',()=>self.registration.unregister());\n";

/// The request path without its leading `/`, percent-decoded; `None` for
/// paths that try to leave the site (`..`) or are not text.
fn clean_path(raw: &str) -> Option<String> {
    let raw = raw.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?
        .into_owned();
    let path = decoded.trim_start_matches('/');
    let bad = path.contains(['\\', '\0']) || path.split('/').any(|seg| seg == ".." || seg == ".");
    (!bad).then(|| path.to_string())
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()) {
        Some(e) => match e.as_str() {
            "html" => "text/html; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "js" | "mjs" => "text/javascript; charset=utf-8",
            "json" => "application/json",
            "webmanifest" => "application/manifest+json",
            "svg" => "image/svg+xml",
            "pdf" => "application/pdf",
            "xml" => "application/xml",
            "txt" => "text/plain; charset=utf-8",
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "webp" => "image/webp",
            "ico" => "image/x-icon",
            _ => "application/octet-stream",
        },
        None => "application/octet-stream",
    }
}

fn bytes_response(status: StatusCode, path: &str, bytes: Arc<Vec<u8>>) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type(path))
        .header(header::CONTENT_LENGTH, bytes.len())
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(bytes.to_vec()))
        .unwrap_or_default()
}

fn plain_response(status: StatusCode, text: &'static str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(text))
        .unwrap_or_default()
}

fn not_found(snap: &Snapshot) -> Response<Body> {
    match snap.get("404.html") {
        Some(Served::Bytes(b)) => bytes_response(StatusCode::NOT_FOUND, "404.html", b.clone()),
        _ => plain_response(StatusCode::NOT_FOUND, "404"),
    }
}

/// The page shown in place of every page while the content is broken.
fn error_page(report: &BuildReport) -> String {
    let lang = report.lang;
    let code = match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>body{{font-family:system-ui,sans-serif;font-size:1.125rem;line-height:1.5;margin:0 auto;max-width:48rem;padding:1rem;color:#0b0c0c}}h1{{color:#a00}}pre{{white-space:pre-wrap;overflow-wrap:anywhere;background:#f3f2f1;border-left:6px solid #a00;padding:1rem;font-size:1rem}}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p>{lead}</p>\n<pre>{diags}</pre>\n</main>\n</body>\n</html>\n",
        title = label(lang, Label::PreviewTitle),
        lead = label(lang, Label::PreviewLead),
        diags = escape_html(&report.diags.render(lang)),
    )
}

/// The router: every path answered from the current snapshot, with the
/// live-reload script injected into HTML pages.
pub fn router(server: Arc<Server>, layer: LiveReloadLayer) -> Router {
    Router::new()
        .fallback(move |req: Request<Body>| {
            let server = server.clone();
            async move {
                let (method, path) = (req.method().clone(), req.uri().path().to_string());
                let pdf = path.ends_with(".pdf");
                if pdf {
                    // drawing a poster takes a moment: keep it off the
                    // threads that answer other requests
                    tokio::task::spawn_blocking(move || server.respond(&method, &path))
                        .await
                        .unwrap_or_else(|_| {
                            plain_response(StatusCode::INTERNAL_SERVER_ERROR, "500")
                        })
                } else {
                    server.respond(&method, &path)
                }
            }
        })
        .layer(layer)
}

/// The address of this computer on the local network: the one the system
/// would send from to reach a private address (no packet is sent).
fn lan_address() -> Option<IpAddr> {
    for probe in ["192.168.1.1:9", "10.0.0.1:9", "172.16.0.1:9"] {
        let Ok(sock) = UdpSocket::bind("0.0.0.0:0") else {
            continue;
        };
        if sock.connect(probe).is_ok()
            && let Ok(addr) = sock.local_addr()
            && !addr.ip().is_loopback()
            && !addr.ip().is_unspecified()
        {
            return Some(addr.ip());
        }
    }
    None
}

/// A QR code of `url` drawn with block characters, for a phone to scan
/// from the terminal.
pub fn terminal_qr(url: &str) -> Option<String> {
    use qrcode::render::unicode::Dense1x2;
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::L).ok()?;
    Some(
        code.render::<Dense1x2>()
            .dark_color(Dense1x2::Light)
            .light_color(Dense1x2::Dark)
            .quiet_zone(true)
            .build(),
    )
}

/// Watches the site's sources and sends a message on every change.
fn watch(
    root: &Path,
    tx: mpsc::Sender<Vec<PathBuf>>,
) -> notify_debouncer_full::notify::Result<impl Drop> {
    let base = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut debouncer = new_debouncer(
        Duration::from_millis(15),
        None,
        move |res: DebounceEventResult| {
            if let Ok(events) = res {
                // reading a file is an event too: only changes count, and
                // not those of hidden files (editor swap files, .git)
                let mut paths: Vec<PathBuf> = Vec::new();
                for e in events
                    .iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                {
                    for p in &e.paths {
                        let inside = p.strip_prefix(&base).unwrap_or(p);
                        let hidden = inside
                            .components()
                            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
                        if !hidden && !paths.contains(p) {
                            paths.push(p.clone());
                        }
                    }
                }
                if !paths.is_empty() {
                    let _ = tx.send(paths);
                }
            }
        },
    )?;
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for dir in ["content", "themes"] {
        let d = root.join(dir);
        if d.is_dir() {
            debouncer.watch(&d, RecursiveMode::Recursive)?;
        }
    }
    Ok(debouncer)
}

/// Prints what a rebuild did.
fn print_outcome(o: &Outcome) {
    let lang = o.report.lang;
    match o.report.failure {
        None => println!(
            "{}",
            Msg::Rebuilt {
                rendered: o.rendered,
                reused: o.reused,
                millis: o.report.millis,
            }
            .text(lang)
        ),
        Some(_) => {
            eprintln!("{}\n", o.report.diags.render(lang));
            eprintln!(
                "{}",
                Msg::RebuildFailed {
                    errors: o.report.diags.error_count().max(1)
                }
                .text(lang)
            );
        }
    }
}

/// `camnang serve`: builds, serves and rebuilds on change until Ctrl+C.
pub fn run_serve(opts: &ServeOptions) -> ExitCode {
    let lang0 = opts.build.lang.unwrap_or_default();
    let fail = |detail: String, lang: Lang| {
        eprintln!("{}", plain(&Msg::ServeFailed { detail }, lang));
        ExitCode::from(1)
    };
    let bind_ip = if opts.lan {
        IpAddr::V4(Ipv4Addr::UNSPECIFIED)
    } else {
        IpAddr::V4(Ipv4Addr::LOCALHOST)
    };
    let listener = match TcpListener::bind(SocketAddr::new(bind_ip, opts.port)) {
        Ok(l) => l,
        Err(e) => return fail(e.to_string(), lang0),
    };
    let port = match listener.local_addr() {
        Ok(a) => a.port(),
        Err(e) => return fail(e.to_string(), lang0),
    };
    let lan_ip = if opts.lan { lan_address() } else { None };
    let shown_ip = lan_ip.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let url = format!("http://{shown_ip}:{port}/");

    let mut build = opts.build.clone();
    build.base_url = Some(url.clone());
    // a preview is not a publication: it must not lock new ids
    build.lock = LockMode::ReadOnly;
    let layer = LiveReloadLayer::new();
    let server = Arc::new(Server::new(build, layer.reloader()));
    let first = server.rebuild();
    let lang = first.report.lang;
    if first
        .report
        .diags
        .items
        .iter()
        .any(|d| matches!(d.msg, Msg::SiteYamlMissing))
    {
        print_report(&first.report);
        return ExitCode::from(1);
    }
    print_outcome(&first);

    let (tx, rx) = mpsc::channel();
    let _watcher = match watch(&opts.build.root, tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!(
                "{}",
                plain(
                    &Msg::WatchFailed {
                        detail: e.to_string()
                    },
                    lang
                )
            );
            return ExitCode::from(1);
        }
    };
    let rebuilder = server.clone();
    std::thread::spawn(move || {
        while let Ok(mut paths) = rx.recv() {
            // everything that changed meanwhile goes into one update
            while let Ok(more) = rx.try_recv() {
                paths.extend(more);
            }
            print_outcome(&rebuilder.update(&paths));
        }
    });

    println!(
        "{}",
        Msg::Serving {
            url: format!("http://127.0.0.1:{port}/")
        }
        .text(lang)
    );
    if opts.lan {
        match lan_ip {
            Some(_) => {
                println!("{}", Msg::ServingLan { url: url.clone() }.text(lang));
                if let Some(qr) = terminal_qr(&url) {
                    println!("{qr}");
                }
            }
            None => println!("{}", Msg::NoLanAddress.text(lang)),
        }
    }

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => return fail(e.to_string(), lang),
    };
    let result = runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, router(server, layer))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e.to_string(), lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        assert_eq!(clean_path("/cu-tru/"), Some("cu-tru/".into()));
        assert_eq!(
            clean_path("/files/T%E1%BB%9D%20khai.pdf"),
            Some("files/Tờ khai.pdf".into())
        );
        assert_eq!(clean_path("/a/?x=1"), Some("a/".into()));
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/x",
            "/a\\b",
            "/%00",
            "/%ff",
        ] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
    }

    const SITE: &str = "title: T\ncommune: Xã Thử\nbase_url: http://127.0.0.1:1/\ncontact:\n  phone: \"0235 3000 000\"\n";
    const CAT: &str = "---\ntitle: Cư trú\n---\n";
    fn proc_file(title: &str, id: &str, step: &str) -> String {
        format!(
            "---\ntitle: {title}\nid: {id}\nsummary: Tóm tắt.\nagency: Công an xã\nupdated: 2026-10-01\n---\n\n## Các bước\n\n1. {step}\n2. Gửi.\n"
        )
    }

    fn files_of(server: &Server) -> Vec<(String, Vec<u8>)> {
        let snap = server.snapshot();
        let mut v: Vec<(String, Vec<u8>)> = snap
            .files
            .keys()
            .chain(snap.changed.keys().filter(|k| !snap.files.contains_key(*k)))
            .filter_map(|k| snap.get(k).map(|s| (k, s)))
            .map(|(k, s)| {
                let b = match s {
                    Served::Bytes(b) => b.to_vec(),
                    Served::File(p) => std::fs::read(p).unwrap_or_default(),
                };
                (k.clone(), b)
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn an_edit_updated_in_place_gives_exactly_what_a_full_build_gives() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/cu-tru")).unwrap();
        std::fs::write(root.join("site.yaml"), SITE).unwrap();
        std::fs::write(root.join("content/cu-tru/_index.md"), CAT).unwrap();
        std::fs::write(
            root.join("content/cu-tru/a.md"),
            proc_file("Đăng ký tạm trú", "a1", "Mở VNeID."),
        )
        .unwrap();
        std::fs::write(
            root.join("content/cu-tru/b.md"),
            proc_file("Khai báo tạm vắng", "a2", "Mở VNeID."),
        )
        .unwrap();
        std::fs::write(root.join("content/cu-tru/b.en.md"), "---\ntitle: Absence\nsummary: S.\nagency: Police\nupdated: 2026-10-01\n---\n\n## Steps\n\n1. Open.\n").unwrap();
        let opts = BuildOptions {
            root: root.to_path_buf(),
            lock: LockMode::ReadOnly,
            print: true,
            ..BuildOptions::default()
        };
        let server = Server::new(opts.clone(), Reloader::new());
        assert!(server.rebuild().report.failure.is_none());
        // edits that keep title and id: only their pages are redrawn, and
        // the result is what a full build gives
        let a = root.join("content/cu-tru/a.md");
        let edits = [
            proc_file(
                "Đăng ký tạm trú",
                "a1",
                "Mở ứng dụng VNeID trên điện thoại.",
            ),
            proc_file("Đăng ký tạm trú", "a1", "Mở.").replace("Tóm tắt.", "Tóm tắt mới."),
            proc_file("Đăng ký tạm trú", "a1", "Mở.").replace("2026-10-01", "2026-11-02"),
            proc_file("Đăng ký tạm trú", "a1", "Mở.")
                .replace("2. Gửi.\n", "2. Gửi.\n\n## Lưu ý\n\n- Mới.\n"),
        ];
        for text in edits {
            std::fs::write(&a, &text).unwrap();
            let o = server.update(std::slice::from_ref(&a));
            assert!(o.report.failure.is_none());
            assert!(
                o.rendered > 0 && o.rendered < 8,
                "redrew {} pages",
                o.rendered
            );
            let fresh = Server::new(opts.clone(), Reloader::new());
            assert!(fresh.rebuild().report.failure.is_none());
            let (got, want) = (files_of(&server), files_of(&fresh));
            assert_eq!(got.len(), want.len());
            for ((gp, gb), (wp, wb)) in got.iter().zip(&want) {
                assert_eq!(gp, wp);
                assert!(gb == wb, "{gp} differs from a full build after\n{text}");
            }
        }
        // a new title changes lists everywhere: a full rebuild
        std::fs::write(&a, proc_file("Đăng ký tạm trú mới", "a1", "Mở.")).unwrap();
        let o = server.update(&[a]);
        assert!(o.report.failure.is_none());
        assert!(o.reused + o.rendered > 0);
        let fresh = Server::new(opts, Reloader::new());
        fresh.rebuild();
        assert!(files_of(&server) == files_of(&fresh));
    }

    #[test]
    fn a_phone_can_read_the_terminal_code() {
        let qr = terminal_qr("http://192.168.1.20:1111/").unwrap();
        assert!(qr.lines().count() > 10 && qr.contains('█'));
    }
}
