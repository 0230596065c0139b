//! The target of a deploy, `scheme://[user@]host[:port]/path[?k=v&…]`,
//! read without its password (a password in it is refused).

use std::collections::BTreeMap;
use std::path::PathBuf;

use percent_encoding::percent_decode_str;

/// The kinds of host camnang deploys to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    File,
    Sftp,
    Ftp,
    Ftps,
    WebDav,
    WebDavs,
    S3,
}

/// A target address, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub scheme: Scheme,
    pub user: Option<String>,
    /// The host; the bucket for `s3://`; empty for `file://`.
    pub host: String,
    pub port: Option<u16>,
    /// The folder on the host (the prefix in the bucket), decoded.
    pub path: String,
    /// `?k=v` parameters (`endpoint`, `region`, `path_style` for S3).
    pub params: BTreeMap<String, String>,
    /// The address as shown to the user (it holds no secret).
    pub shown: String,
}

/// Why an address cannot be used, in English words kept short (shown
/// inside a catalogue message); `None` for a password in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BadTarget {
    Password,
    Why(String),
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

impl Target {
    pub(crate) fn parse(url: &str) -> Result<Target, BadTarget> {
        let url = url.trim();
        if crate::load::config::url_has_password(url) {
            return Err(BadTarget::Password);
        }
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| BadTarget::Why("no scheme (file://, sftp://, …)".into()))?;
        let scheme = match scheme.to_ascii_lowercase().as_str() {
            "file" => Scheme::File,
            "sftp" => Scheme::Sftp,
            "ftp" => Scheme::Ftp,
            "ftps" => Scheme::Ftps,
            "webdav" | "dav" => Scheme::WebDav,
            "webdavs" | "davs" => Scheme::WebDavs,
            "s3" => Scheme::S3,
            other => return Err(BadTarget::Why(format!("unknown scheme {other}://"))),
        };
        let (rest, query) = match rest.split_once('?') {
            Some((r, q)) => (r, Some(q)),
            None => (rest, None),
        };
        let mut params = BTreeMap::new();
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            params.insert(decode(k), decode(v));
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let (user, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(decode(u)).filter(|u| !u.is_empty()), h),
            None => (None, authority),
        };
        // an IPv6 address is in brackets (`[::1]`, `[::1]:2222`): its
        // colons are no port's
        let (host, port) = match hostport.strip_prefix('[') {
            Some(inside) => {
                let (h, after) = inside
                    .split_once(']')
                    .ok_or_else(|| BadTarget::Why("`[` without its `]`".into()))?;
                match after {
                    "" => (h, None),
                    _ => (h, Some(after.strip_prefix(':').unwrap_or(after))),
                }
            }
            None => match hostport.rsplit_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (hostport, None),
            },
        };
        let port = match port {
            Some(p) => Some(
                p.parse::<u16>()
                    .map_err(|_| BadTarget::Why(format!("the port `{p}` is not a number")))?,
            ),
            None => None,
        };
        let host = host.to_string();
        let path = decode(path);
        if scheme == Scheme::File {
            if path.is_empty() {
                return Err(BadTarget::Why("no folder after file://".into()));
            }
            local_folder(&host, &path, cfg!(windows)).map_err(BadTarget::Why)?;
        } else if host.is_empty() {
            return Err(BadTarget::Why("no host".into()));
        }
        if path.split('/').any(|s| s == "..") {
            return Err(BadTarget::Why("`..` in the path".into()));
        }
        Ok(Target {
            scheme,
            user,
            host,
            port,
            path,
            params,
            shown: crate::load::config::shown_address(url),
        })
    }

    /// The folder of a `file://` target.
    pub(crate) fn folder(&self) -> PathBuf {
        local_folder(&self.host, &self.path, cfg!(windows))
            .unwrap_or_else(|_| PathBuf::from(&self.path))
    }

    /// Whether a connection is cheap to open several times (network
    /// hosts upload several files at a time).
    pub(crate) fn workers(&self) -> usize {
        match self.scheme {
            Scheme::File => 1,
            _ => 4,
        }
    }
}

/// The folder a `file://` address names on this computer. On Windows a
/// drive (`file:///C:/inetpub/wwwroot`) and a network share
/// (`file://server/share/www`, a commune's file server) are folders too;
/// elsewhere the host must be empty or `localhost`.
pub(crate) fn local_folder(host: &str, path: &str, windows: bool) -> Result<PathBuf, String> {
    let local = host.is_empty() || host.eq_ignore_ascii_case("localhost");
    if !windows {
        return match local {
            true => Ok(PathBuf::from(path)),
            false => Err("file:// takes a folder on this computer: file:///folder".into()),
        };
    }
    let b = path.as_bytes();
    match local {
        // "/C:/inetpub" → "C:/inetpub"
        true if b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' => {
            Ok(PathBuf::from(&path[1..]))
        }
        true => Ok(PathBuf::from(path)),
        false => Ok(PathBuf::from(format!(
            "\\\\{host}{}",
            path.replace('/', "\\")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_drive_and_share_are_folders_there_only() {
        let win =
            |h: &str, p: &str| local_folder(h, p, true).map(|f| f.to_string_lossy().into_owned());
        assert_eq!(
            win("", "/C:/inetpub/wwwroot").as_deref(),
            Ok("C:/inetpub/wwwroot")
        );
        assert_eq!(win("localhost", "/d:/www").as_deref(), Ok("d:/www"));
        assert_eq!(
            win("maychu", "/chia-se/www").as_deref(),
            Ok("\\\\maychu\\chia-se\\www")
        );
        assert_eq!(
            local_folder("", "/srv/www", false),
            Ok(PathBuf::from("/srv/www"))
        );
        assert!(local_folder("maychu", "/chia-se/www", false).is_err());
    }

    #[test]
    fn targets_are_read() {
        let t = Target::parse("sftp://web@example.vn:2222/var/www/html").expect("sftp");
        assert_eq!(t.scheme, Scheme::Sftp);
        assert_eq!(t.user.as_deref(), Some("web"));
        assert_eq!((t.host.as_str(), t.port), ("example.vn", Some(2222)));
        assert_eq!(t.path, "/var/www/html");
        let t = Target::parse("s3://site/hoabinh?endpoint=https://hcm.vstorage.vn&region=HCM03")
            .expect("s3");
        assert_eq!((t.host.as_str(), t.path.as_str()), ("site", "/hoabinh"));
        assert_eq!(t.params["endpoint"], "https://hcm.vstorage.vn");
        assert_eq!(t.params["region"], "HCM03");
        let t = Target::parse("file:///srv/www").expect("file");
        assert_eq!(t.folder(), PathBuf::from("/srv/www"));
        let t = Target::parse("ftp://[::1]:21/x").expect("ipv6");
        assert_eq!((t.host.as_str(), t.port), ("::1", Some(21)));
        // without a port: the address's last colon is no port's (it was
        // "the port `1]` is not a number")
        let t = Target::parse("sftp://u@[::1]/x").expect("ipv6");
        assert_eq!((t.host.as_str(), t.port), ("::1", None));
        let t = Target::parse("webdav://xa@[fd00::1]:8080/dav").expect("ipv6");
        assert_eq!((t.host.as_str(), t.port), ("fd00::1", Some(8080)));
        assert!(Target::parse("sftp://u@[::1/x").is_err());
        assert!(Target::parse("sftp://u@[::1]x/x").is_err());
    }

    #[test]
    fn bad_targets_are_refused() {
        assert_eq!(
            Target::parse("sftp://web:secret@example.vn/"),
            Err(BadTarget::Password)
        );
        for bad in [
            "example.vn",
            "http://x/",
            "sftp:///x",
            "ftp://h:port/",
            "file://host/x",
            "sftp://h/../etc",
        ] {
            assert!(
                matches!(Target::parse(bad), Err(BadTarget::Why(_))),
                "{bad}"
            );
        }
    }
}
