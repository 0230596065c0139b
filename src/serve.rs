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
use crate::html::escape_html;
use crate::messages::{Label, Lang, Msg, label, plain};
use crate::model::Site;
use crate::render::{Content, PrintMode};
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

/// A file the server can answer with.
#[derive(Debug, Clone)]
enum Served {
    Bytes(Arc<[u8]>),
    /// A file of `content/files/` or `content/static/`, read when asked for.
    File(PathBuf),
}

/// What print files are drawn from, when the print page asks for one.
struct PrintSource {
    site: Site,
    theme: Theme,
    langs: Vec<crate::poster::PrintLang>,
}

/// The site as the server sees it after one build.
pub struct Snapshot {
    files: HashMap<String, Served>,
    /// The error page, when the last build failed.
    error: Option<Arc<[u8]>>,
    print: Option<PrintSource>,
    /// Print files drawn so far for this build.
    pdfs: Mutex<HashMap<String, Arc<[u8]>>>,
}

impl Snapshot {
    fn empty() -> Snapshot {
        Snapshot {
            files: HashMap::new(),
            error: None,
            print: None,
            pdfs: Mutex::new(HashMap::new()),
        }
    }
}

/// The preview server's state: what to build, what earlier builds left,
/// and the current snapshot.
pub struct Server {
    opts: BuildOptions,
    cache: Mutex<Cache>,
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
            cache: Mutex::new(Cache::default()),
            current: RwLock::new(Arc::new(Snapshot::empty())),
            reloader,
        }
    }

    /// Builds the site again, reusing what did not change, makes it the
    /// one served, and tells open pages to reload.
    pub fn rebuild(&self) -> Outcome {
        let start = Instant::now();
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let prepared = prepare(
            &self.opts,
            PrintMode::Listing,
            Some(&mut cache),
            &crate::Silent,
        );
        drop(cache);
        let lang = prepared.lang;
        let mut outcome = Outcome {
            report: BuildReport {
                lang,
                diags: prepared.diags,
                pages: 0,
                millis: 0,
                output: PathBuf::new(),
                failure: prepared.failure,
                cuts: Vec::new(),
                timings: prepared.timings,
            },
            rendered: 0,
            reused: 0,
        };
        let snapshot = match (prepared.site, prepared.theme, prepared.rendered) {
            (Some(site), Some(theme), Some(rendered)) if outcome.report.failure.is_none() => {
                outcome.rendered = rendered.rendered;
                outcome.reused = rendered.reused;
                outcome.report.pages = rendered
                    .files
                    .iter()
                    .filter(|f| f.path.ends_with(".html"))
                    .count();
                let files = rendered
                    .files
                    .into_iter()
                    .map(|f| {
                        let served = match f.content {
                            Content::Bytes(b) => Served::Bytes(b),
                            Content::Copy(p) => Served::File(p),
                        };
                        (f.path, served)
                    })
                    .collect();
                let langs = crate::poster::PrintLang::for_site(&site, &theme);
                Snapshot {
                    files,
                    error: None,
                    print: Some(PrintSource { site, theme, langs }),
                    pdfs: Mutex::new(HashMap::new()),
                }
            }
            _ => {
                if outcome.report.failure.is_none() {
                    outcome.report.failure = Some(Failure::Content);
                }
                Snapshot {
                    error: Some(error_page(&outcome.report).into_bytes().into()),
                    ..Snapshot::empty()
                }
            }
        };
        outcome.report.millis = start.elapsed().as_millis();
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
        self.reloader.reload();
        outcome
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
        if let Some(served) = snap.files.get(&file) {
            return match served {
                Served::Bytes(b) => bytes_response(StatusCode::OK, &file, b.clone()),
                Served::File(p) => match std::fs::read(p) {
                    Ok(b) => bytes_response(StatusCode::OK, &file, b.into()),
                    Err(_) => not_found(&snap),
                },
            };
        }
        if let Some(pdf) = self.draw_print_file(&snap, &file) {
            return bytes_response(StatusCode::OK, &file, pdf);
        }
        if snap.files.contains_key(&format!("{file}/index.html")) {
            return Response::builder()
                .status(StatusCode::PERMANENT_REDIRECT)
                .header(header::LOCATION, format!("/{file}/"))
                .body(Body::empty())
                .unwrap_or_default();
        }
        not_found(&snap)
    }

    /// Draws a poster, board sheet or flyer the first time it is asked for.
    fn draw_print_file(&self, snap: &Snapshot, path: &str) -> Option<Arc<[u8]>> {
        if !path.starts_with(crate::poster::PRINT_DIR) || !path.ends_with(".pdf") {
            return None;
        }
        if let Some(b) = snap.pdfs.lock().ok()?.get(path) {
            return Some(b.clone());
        }
        let src = snap.print.as_ref()?;
        let printer = crate::poster::Printer::new(&src.site, &src.theme, src.langs.clone()).ok()?;
        let job = printer.jobs().into_iter().find(|j| j.path() == path)?;
        let (bytes, _) = printer.render(&job).ok()?;
        let bytes: Arc<[u8]> = bytes.into();
        snap.pdfs
            .lock()
            .ok()?
            .insert(path.to_string(), bytes.clone());
        Some(bytes)
    }
}

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

fn bytes_response(status: StatusCode, path: &str, bytes: Arc<[u8]>) -> Response<Body> {
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
    match snap.files.get("404.html") {
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
fn watch(root: &Path, tx: mpsc::Sender<()>) -> notify_debouncer_full::notify::Result<impl Drop> {
    let base = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut debouncer = new_debouncer(
        Duration::from_millis(30),
        None,
        move |res: DebounceEventResult| {
            if let Ok(events) = res {
                // reading a file is an event too: only changes count
                let relevant = events.iter().any(|e| {
                    !matches!(e.kind, EventKind::Access(_))
                        && e.paths.iter().any(|p| {
                            // hidden files (editor swap files, .git) do not count
                            let inside = p.strip_prefix(&base).unwrap_or(p);
                            !inside
                                .components()
                                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
                        })
                });
                if relevant {
                    let _ = tx.send(());
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
        while rx.recv().is_ok() {
            while rx.try_recv().is_ok() {}
            print_outcome(&rebuilder.rebuild());
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

    #[test]
    fn a_phone_can_read_the_terminal_code() {
        let qr = terminal_qr("http://192.168.1.20:1111/").unwrap();
        assert!(qr.lines().count() > 10 && qr.contains('█'));
    }
}
