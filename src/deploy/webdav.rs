//! `webdav://user@host[:port]/path` (HTTP) and `webdavs://…` (HTTPS): PUT
//! to a temporary name, MOVE over the file, DELETE, MKCOL, with the
//! `ureq` HTTP client camnang already uses for the portal. Content-Type
//! and Cache-Control go with each PUT, for servers that keep them.

use std::collections::HashSet;
use std::time::Duration;

use ureq::http::{Method, Request};

use super::Auth;
use super::store::{Meta, Store, StoreError, parents, temp_name};

pub(crate) struct WebDavStore {
    agent: ureq::Agent,
    /// `http://host:port/path/`, ending in `/`.
    base: String,
    authorization: Option<String>,
    made: HashSet<String>,
}

/// A path with each segment percent-encoded.
fn encode(path: &str) -> String {
    path.split('/')
        .map(|s| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        })
        .collect::<Vec<_>>()
        .join("/")
        .replace("%2D", "-")
        .replace("%2E", ".")
        .replace("%5F", "_")
}

impl WebDavStore {
    pub(crate) fn open(
        tls: bool,
        host: &str,
        port: Option<u16>,
        path: &str,
        auth: &Auth,
    ) -> Result<WebDavStore, StoreError> {
        use base64::Engine as _;
        let base = base_url(tls, host, port, path);
        let authorization = match &auth.user {
            Some(user) => {
                let pair = format!("{user}:{}", auth.password()?);
                Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                ))
            }
            None => None,
        };
        let local = ["127.0.0.1", "localhost", "::1"].contains(&host);
        let mut config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(120)))
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .user_agent(format!("camnang/{}", env!("CARGO_PKG_VERSION")));
        if local {
            config = config.proxy(None);
        }
        let agent = match tls {
            // TLS as FTPS has it: `CAMNANG_CA_FILE` too (see `super::tls`)
            true => {
                use ureq::unversioned::transport::{
                    ConnectProxyConnector, Connector as _, TcpConnector,
                };
                let settings = super::tls::client_config(super::tls::Tls::Any)?;
                let connector = ()
                    .chain(ConnectProxyConnector::default())
                    .chain(TcpConnector::default())
                    .chain(super::tls::PinnedTls(std::sync::Arc::new(settings)));
                ureq::Agent::with_parts(
                    config.build(),
                    connector,
                    ureq::unversioned::resolver::DefaultResolver::default(),
                )
            }
            false => config.build().into(),
        };
        let store = WebDavStore {
            agent,
            base,
            authorization,
            made: HashSet::new(),
        };
        // one request now, so that a wrong address or password shows at once
        let status = store
            .send(
                Method::from_bytes(b"PROPFIND").map_err(StoreError::other)?,
                "",
                &[("Depth", "0")],
                None,
            )
            .map_err(|e| match tls {
                true => super::tls::connect_error(e.to_string()),
                false => StoreError::Connect(e.to_string()),
            })?
            .0;
        match status {
            401 | 403 => Err(StoreError::Login(format!("HTTP {status}"))),
            _ => Ok(store),
        }
    }

    fn url(&self, rel: &str) -> String {
        format!("{}{}", self.base, encode(rel))
    }

    fn send(
        &self,
        method: Method,
        rel: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Result<(u16, Vec<u8>), StoreError> {
        self.send_to(method, &self.url(rel), headers, body)
    }

    /// [`WebDavStore::send`] to a full address (a folder above the target,
    /// a folder's address with its slash).
    fn send_to(
        &self,
        method: Method,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Result<(u16, Vec<u8>), StoreError> {
        let mut req = Request::builder().method(method).uri(url);
        if let Some(a) = &self.authorization {
            req = req.header("Authorization", a.as_str());
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req
            .body(body.map(<[u8]>::to_vec).unwrap_or_default())
            .map_err(StoreError::other)?;
        // ureq's errors name the address, never the Authorization header
        let mut res = self.agent.run(req).map_err(StoreError::other)?;
        let status = res.status().as_u16();
        let body = res
            .body_mut()
            .with_config()
            .limit(512 * 1024 * 1024)
            .read_to_vec()
            .map_err(StoreError::other)?;
        Ok((status, body))
    }

    fn expect(&self, what: &str, status: u16, ok: &[u16]) -> Result<(), StoreError> {
        if ok.contains(&status) || (200..300).contains(&status) {
            Ok(())
        } else {
            Err(StoreError::Other(format!("{what}: HTTP {status}")))
        }
    }
}

/// `http://host:port/path/` of a target, ending in `/`.
fn base_url(tls: bool, host: &str, port: Option<u16>, path: &str) -> String {
    let scheme = if tls { "https" } else { "http" };
    // (an IPv6 address goes back into its brackets: `http://::1:8080/`
    // was "invalid authority")
    let named = match host.contains(':') {
        true => format!("[{host}]"),
        false => host.to_string(),
    };
    let host_port = match port {
        Some(p) => format!("{named}:{p}"),
        None => named,
    };
    let prefix = encode(path.trim_matches('/'));
    if prefix.is_empty() {
        format!("{scheme}://{host_port}/")
    } else {
        format!("{scheme}://{host_port}/{prefix}/")
    }
}

impl Store for WebDavStore {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let (status, body) = self.send(Method::GET, path, &[], None)?;
        match status {
            404 => Ok(None),
            s => self.expect("GET", s, &[]).map(|_| Some(body)),
        }
    }

    fn exists(&mut self, path: &str) -> Result<bool, StoreError> {
        // a folder asked for without its slash answers with a redirect;
        // anything but "not found" may be something: said to be there
        let (status, _) = self.send(Method::HEAD, path, &[], None)?;
        Ok(!matches!(status, 404 | 410))
    }

    fn put(&mut self, path: &str, bytes: &[u8], meta: &Meta) -> Result<(), StoreError> {
        let mkcol = Method::from_bytes(b"MKCOL").map_err(StoreError::other)?;
        let mut folders: Vec<String> = Vec::new();
        if self.made.insert(String::new()) {
            // the target folder itself, not those above it (a path typed
            // wrong was made folder by folder where no web server serves
            // it: the folder holding the target must be there, E139)
            let url_path = self.base.splitn(4, '/').nth(3).unwrap_or("").to_string();
            let path = url_path.trim_matches('/');
            if !path.is_empty() {
                folders.push(format!("/{path}/"));
            }
        }
        for dir in parents(path) {
            if self.made.insert(dir.to_string()) {
                folders.push(format!("{}/", self.url(dir)));
            }
        }
        for f in folders {
            // MKCOL wants the trailing slash (nginx answers 409 without);
            // 405 is a folder that is already there
            let url = if f.starts_with('/') {
                let root = self
                    .base
                    .splitn(4, '/')
                    .take(3)
                    .collect::<Vec<_>>()
                    .join("/");
                format!("{root}{f}")
            } else {
                f
            };
            // another connection of this deploy may be making the same
            // folder: the server answers 423 (locked) until it is done
            let mut status = 0;
            for _ in 0..20 {
                status = self.send_to(mkcol.clone(), &url, &[], None)?.0;
                if status != 423 {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            // another connection of this deploy made it meanwhile (Apache
            // answers 403, WsgiDAV 500: "File exists"): a folder that is
            // there now is what was wanted
            let fine = (200..300).contains(&status) || status == 405;
            if !fine && !self.is_folder(&url)? {
                self.expect("MKCOL", status, &[405])?;
            }
        }
        let tmp = temp_name(path);
        let headers = [
            ("Content-Type", meta.content_type),
            ("Cache-Control", meta.cache_control),
        ];
        let (status, _) = self.send(Method::PUT, &tmp, &headers, Some(bytes))?;
        self.expect("PUT", status, &[])?;
        let dest = self.url(path);
        let mv = Method::from_bytes(b"MOVE").map_err(StoreError::other)?;
        let (status, _) = self.send(
            mv.clone(),
            &tmp,
            &[("Destination", dest.as_str()), ("Overwrite", "T")],
            None,
        )?;
        if !(200..300).contains(&status) {
            // a server that refuses to move onto a file: delete it first
            let _ = self.send(Method::DELETE, path, &[], None);
            let (status, _) = self.send(mv, &tmp, &[("Destination", dest.as_str())], None)?;
            self.expect("MOVE", status, &[])?;
        }
        Ok(())
    }

    fn delete(&mut self, path: &str) -> Result<(), StoreError> {
        let (status, _) = self.send(Method::DELETE, path, &[], None)?;
        self.expect("DELETE", status, &[404])?;
        // the folders this leaves empty go too (a web server would list an
        // empty folder instead of answering "not found"); DELETE of a
        // folder removes what is in it, so only one that PROPFIND shows
        // holding nothing at all is deleted
        let mut dirs = parents(path);
        dirs.reverse();
        for d in dirs {
            let url = format!("{}/", self.url(d));
            if self.entries(&url)? != Some(0) {
                break;
            }
            let (status, _) = self.send(Method::DELETE, &format!("{d}/"), &[], None)?;
            if !(200..300).contains(&status) {
                break;
            }
            self.made.remove(d);
        }
        Ok(())
    }
}

impl WebDavStore {
    /// `PROPFIND` of the full address `url` with `depth`: the status, and
    /// the answer's text.
    fn propfind(&mut self, url: &str, depth: &str) -> Result<(u16, String), StoreError> {
        let propfind = Method::from_bytes(b"PROPFIND").map_err(StoreError::other)?;
        let (status, body) = self.send_to(propfind, url, &[("Depth", depth)], None)?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }

    /// How many things the folder at the full address `url` holds (one
    /// `response` for the folder and one for each thing in it); `None` if
    /// the answer is not a multi-status.
    fn entries(&mut self, url: &str) -> Result<Option<usize>, StoreError> {
        let (status, body) = self.propfind(url, "1")?;
        Ok((status == 207)
            .then(|| responses(&body).checked_sub(1))
            .flatten())
    }

    /// Whether the folder at the full address `url` is there.
    fn is_folder(&mut self, url: &str) -> Result<bool, StoreError> {
        Ok(self.propfind(url, "0")?.0 == 207)
    }
}

/// The number of `<response>` elements (with any namespace prefix) of a
/// WebDAV multi-status answer.
fn responses(xml: &str) -> usize {
    xml.match_indices('<')
        .filter(|(i, _)| {
            let tag = &xml[i + 1..];
            let name = tag
                .split([' ', '>', '\t', '\r', '\n', '/'])
                .next()
                .unwrap_or("");
            let local = name.rsplit(':').next().unwrap_or("");
            local.eq_ignore_ascii_case("response") && !tag.starts_with('/')
        })
        .count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses_of_targets_are_urls() {
        use super::base_url;
        assert_eq!(
            base_url(false, "::1", Some(8080), "/xa6"),
            "http://[::1]:8080/xa6/"
        );
        assert_eq!(
            base_url(true, "dav.example.vn", None, "/"),
            "https://dav.example.vn/"
        );
        assert_eq!(
            base_url(false, "127.0.0.1", Some(80), "/trang xã"),
            "http://127.0.0.1:80/trang%20x%C3%A3/"
        );
    }

    #[test]
    fn responses_are_counted_whatever_their_prefix() {
        let empty = r#"<?xml version="1.0"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/a/</D:href><D:propstat><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"#;
        assert_eq!(super::responses(empty), 1);
        let two = "<d:multistatus xmlns:d=\"DAV:\"><d:response>\n<d:href>/a/</d:href></d:response><d:response><d:href>/a/b.html</d:href><d:responsedescription>x</d:responsedescription></d:response></d:multistatus>";
        assert_eq!(super::responses(two), 2);
        let plain =
            "<multistatus xmlns=\"DAV:\"><response><href>/a/</href></response></multistatus>";
        assert_eq!(super::responses(plain), 1);
    }
}
