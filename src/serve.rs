//! `camnang serve`: build the site and serve it on 127.0.0.1 for preview.
//! Links are built on the local address, so every page works offline.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

use crate::commands::{exit_code, print_report};
use crate::messages::{Msg, plain};
use crate::{BuildOptions, build};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub port: u16,
}

/// Builds, then serves the output folder until Ctrl+C.
pub fn run_serve(opts: &ServeOptions) -> ExitCode {
    let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), opts.port);
    let mut build_opts = opts.build.clone();
    build_opts.base_url = Some(format!("http://{addr}/"));
    // a preview is not a publication: it must not lock new ids
    build_opts.lock = crate::LockMode::ReadOnly;
    let report = build(&build_opts);
    print_report(&report);
    if report.failure.is_some() {
        return exit_code(&report);
    }
    let lang = report.lang;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "{}",
                plain(
                    &Msg::ServeFailed {
                        detail: e.to_string()
                    },
                    lang
                )
            );
            return ExitCode::from(1);
        }
    };
    let dir = report.output.clone();
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        println!(
            "{}",
            Msg::Serving {
                url: format!("http://{addr}/")
            }
            .text(lang)
        );
        axum::serve(listener, router(dir))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "{}",
                plain(
                    &Msg::ServeFailed {
                        detail: e.to_string()
                    },
                    lang
                )
            );
            ExitCode::from(1)
        }
    }
}

/// Serves the built folder; unknown paths get the site's 404 page.
pub fn router(dir: PathBuf) -> Router {
    let not_found = ServeFile::new(dir.join("404.html"));
    Router::new().fallback_service(ServeDir::new(dir).not_found_service(not_found))
}
