//! Answering the browser: files from the current snapshot, the error
//! page, and the router with live reload.

use super::*;

impl Server {
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
        // a page whose guide was renamed or moved: its new address
        let page = file.strip_suffix("index.html").unwrap_or(&file);
        if let Some(now) = self.moved_page(page)
            && snap.contains(&format!("{now}index.html"))
        {
            return Response::builder()
                .status(StatusCode::TEMPORARY_REDIRECT)
                .header(header::LOCATION, format!("/{now}"))
                .body(Body::empty())
                .unwrap_or_default();
        }
        // while the content is broken, whatever is asked for (a poster
        // opened from the print page, a page's address without its `/`)
        // shows the mistake: it was a bare 404 with no reason
        if let Some(page) = &snap.error {
            return bytes_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                "index.html",
                page.clone(),
            );
        }
        not_found(&snap)
    }
}

/// The service worker of the preview: it removes itself.
pub(super) const PREVIEW_SW: &str = "self.addEventListener('install',()=>self.skipWaiting());self.addEventListener('activate',()=>self.registration.unregister());\n";

/// The request path without its leading `/`, percent-decoded; `None` for
/// paths that try to leave the site (`..`) or are not text.
pub(super) fn clean_path(raw: &str) -> Option<String> {
    let raw = raw.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?
        .into_owned();
    let path = decoded.trim_start_matches('/');
    let bad = path.contains(['\\', '\0']) || path.split('/').any(|seg| seg == ".." || seg == ".");
    (!bad).then(|| path.to_string())
}

pub(super) fn content_type(path: &str) -> &'static str {
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

pub(super) fn bytes_response(
    status: StatusCode,
    path: &str,
    bytes: Arc<Vec<u8>>,
) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type(path))
        .header(header::CONTENT_LENGTH, bytes.len())
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(bytes.to_vec()))
        .unwrap_or_default()
}

pub(super) fn plain_response(status: StatusCode, text: &'static str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(text))
        .unwrap_or_default()
}

pub(super) fn not_found(snap: &Snapshot) -> Response<Body> {
    match snap.get("404.html") {
        Some(Served::Bytes(b)) => bytes_response(StatusCode::NOT_FOUND, "404.html", b.clone()),
        _ => plain_response(StatusCode::NOT_FOUND, "404"),
    }
}

/// The page shown in place of every page while the content is broken.
pub(super) fn error_page(report: &BuildReport) -> String {
    let lang = report.lang;
    let code = lang.code();
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
