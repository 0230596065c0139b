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

mod http;
mod lan;
mod state;
mod watch;

pub use http::router;
use http::*;
pub use lan::terminal_qr;
use lan::*;
use state::*;
pub use state::{Outcome, Server, Snapshot};
use watch::*;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    /// Port to listen on; 0 lets the system choose one.
    pub port: u16,
    /// Listen on the local network too, not only on this computer.
    pub lan: bool,
}

/// Prints what a rebuild did: its warnings when they are not those
/// printed last (a guide saved where camnang reads nothing is told once,
/// not after every save), or its mistakes when it failed. `shown` holds
/// the warnings printed last.
fn print_outcome(o: &Outcome, shown: &mut String) {
    let lang = o.report.lang;
    match o.report.failure {
        None => {
            if !o.in_place {
                let warnings = o.report.diags.render(lang);
                if !warnings.is_empty() && warnings != *shown {
                    eprintln!("{warnings}\n");
                }
                *shown = warnings;
            }
            println!(
                "{}",
                Msg::Rebuilt {
                    rendered: o.rendered,
                    reused: o.reused,
                    millis: o.report.millis,
                }
                .text(lang)
            )
        }
        Some(_) => {
            // (once the mistake is fixed, the warnings are told again)
            shown.clear();
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
    let print_base_url = build.base_url.take();
    build.base_url = Some(url.clone());
    // a preview is not a publication: it must not lock new ids
    build.lock = LockMode::ReadOnly;
    let layer = LiveReloadLayer::new();
    let server = Arc::new(Server::new(build, layer.reloader()).printing_for(print_base_url));
    let first = server.rebuild();
    let lang = first.report.lang;
    if first
        .report
        .diags
        .items
        .iter()
        .any(|d| matches!(d.msg, Msg::SiteYamlMissing { .. }))
    {
        print_report(&first.report);
        return ExitCode::from(1);
    }
    let mut shown = String::new();
    print_outcome(&first, &mut shown);

    let (tx, rx) = mpsc::channel();
    let (watcher, watched) = match watch(&opts.build.root, tx.clone()) {
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
    let root = opts.build.root.clone();
    std::thread::spawn(move || {
        // what the watcher watches, not what is there when this thread
        // starts: `themes/` made in between would never be watched
        let (mut watcher, mut watched) = (watcher, watched);
        while let Ok(mut paths) = rx.recv() {
            // everything that changed meanwhile goes into one update
            while let Ok(more) = rx.try_recv() {
                paths.extend(more);
            }
            // a file emptied to be written again (an editor saving over a
            // network drive, in two steps): its text a moment later, not
            // "the file is empty" shown for as long
            let emptied = paths
                .iter()
                .any(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() == 0));
            if emptied {
                std::thread::sleep(Duration::from_millis(150));
                while let Ok(more) = rx.try_recv() {
                    paths.extend(more);
                }
            }
            // `themes/` (or `content/`) made since serve started, for a
            // first override: watched from now on; what is in it already
            // is read by the update (its folder is among the changes)
            if watched_folders(&root) != watched {
                match watch(&root, tx.clone()) {
                    Ok((w, now)) => (watcher, watched) = (w, now),
                    Err(e) => eprintln!(
                        "{}",
                        plain(
                            &Msg::WatchFailed {
                                detail: e.to_string()
                            },
                            lang
                        )
                    ),
                }
            }
            print_outcome(&rebuilder.update(&paths), &mut shown);
        }
        drop(watcher);
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
        let serving = axum::serve(listener, router(server, layer)).with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        });
        // Ctrl-C: answers under way get a moment to finish, not the
        // live-reload stream of each open tab, which never does (serve
        // waited for the browser to close, whatever the clerk pressed)
        tokio::select! {
            done = serving => done,
            () = async {
                let _ = tokio::signal::ctrl_c().await;
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            } => Ok(()),
        }
    });
    // (a poster still being drawn is not waited for)
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
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
