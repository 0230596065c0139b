//! What every kind of host offers `camnang deploy`: read a file, write one
//! whole, delete one. One module per protocol implements [`Store`].

use std::fmt;

/// Headers a file is served with, where the protocol carries them (S3,
/// WebDAV); other protocols leave them to the web server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Meta {
    pub content_type: &'static str,
    pub cache_control: &'static str,
}

/// Pages, the service worker and the indexes change with every edit: a
/// short cache, so residents see an edit within minutes.
const SHORT: &str = "public, max-age=300";
/// Scripts and copied files change rarely.
const MEDIUM: &str = "public, max-age=3600";
/// PDFs and QR codes change only when their procedure does.
const LONG: &str = "public, max-age=86400";

impl Meta {
    /// The headers of a site path, by its extension.
    pub(crate) fn of(path: &str) -> Meta {
        let ext = path
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let content_type = match ext.as_str() {
            "html" | "htm" => "text/html; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "js" | "mjs" => "text/javascript; charset=utf-8",
            "json" => "application/json",
            "xml" => "application/xml",
            "txt" => "text/plain; charset=utf-8",
            "svg" => "image/svg+xml",
            "pdf" => "application/pdf",
            "png" => "image/png",
            "jpg" | "jpeg" => "image/jpeg",
            "gif" => "image/gif",
            "webp" => "image/webp",
            "ico" => "image/x-icon",
            "woff2" => "font/woff2",
            "doc" => "application/msword",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xls" => "application/vnd.ms-excel",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "zip" => "application/zip",
            _ => "application/octet-stream",
        };
        let cache_control = match ext.as_str() {
            "html" | "htm" | "json" | "xml" | "txt" => SHORT,
            _ if path.ends_with("sw.js") => SHORT,
            "pdf" | "svg" => LONG,
            _ => MEDIUM,
        };
        Meta {
            content_type,
            cache_control,
        }
    }
}

/// Why a store failed.
#[derive(Debug)]
pub enum StoreError {
    /// The host could not be reached.
    Connect(String),
    /// The host refused the login.
    Login(String),
    /// The SSH key file (`--identity`) cannot be read or unlocked.
    KeyFile { path: String, detail: String },
    /// An SSH host whose key is in no `known_hosts` file.
    /// (`scan`: the `ssh-keyscan` command that shows its key)
    HostUnknown {
        host: String,
        fingerprint: String,
        scan: String,
    },
    /// An SSH host whose key differs from the one known.
    HostChanged { host: String },
    /// A password is needed and there is no way to get one.
    NoPassword,
    /// S3 without keys.
    NoKeys,
    /// A TLS host whose certificate is not trusted, or a
    /// `CAMNANG_CA_FILE` that cannot be read.
    Certificate(String),
    /// An S3 bucket the endpoint does not have.
    NoBucket(String),
    /// A host that answered with an error of its own (HTTP 5xx).
    Server(String),
    /// Anything else, in the protocol's words.
    Other(String),
}

impl StoreError {
    pub fn other(e: impl fmt::Display) -> StoreError {
        StoreError::Other(e.to_string())
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Connect(d)
            | StoreError::Login(d)
            | StoreError::Other(d)
            | StoreError::Server(d)
            | StoreError::Certificate(d) => f.write_str(d),
            StoreError::NoBucket(b) => write!(f, "NoSuchBucket: {b}"),
            StoreError::KeyFile { path, detail } => write!(f, "{path}: {detail}"),
            StoreError::HostUnknown { host, .. } | StoreError::HostChanged { host } => {
                f.write_str(host)
            }
            StoreError::NoPassword => f.write_str("no password"),
            StoreError::NoKeys => f.write_str("no keys"),
        }
    }
}

/// A host camnang deploys to. Paths are relative to the target's folder,
/// with `/` separators. One value is one connection; a deploy opens
/// several to upload several files at a time.
pub(crate) trait Store: Send {
    /// The file at `path`, or `None` when there is none.
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Writes `path` whole: its folders are made, the bytes go to a
    /// temporary name beside it, which is then renamed over the old file
    /// (deleted first where the server refuses to rename onto a file),
    /// readable by the web server. A reader never sees half a file.
    fn put(&mut self, path: &str, bytes: &[u8], meta: &Meta) -> Result<(), StoreError>;
    /// [`Store::put`] of a file a stopped deploy was uploading, whose
    /// temporary file may still be there: on a server that renames an
    /// upload instead of writing over a file (Pure-FTPd's `-r`), the new
    /// bytes would go to another name and the rename would publish the
    /// leftover, so that is removed first.
    fn put_again(&mut self, path: &str, bytes: &[u8], meta: &Meta) -> Result<(), StoreError> {
        self.put(path, bytes, meta)
    }
    /// Deletes `path`; a file already gone is not an error.
    fn delete(&mut self, path: &str) -> Result<(), StoreError>;
    /// Whether there is a file or a folder at `path` (below the target
    /// folder). When the host cannot tell, it says yes: a file is never
    /// written over on a guess.
    fn exists(&mut self, path: &str) -> Result<bool, StoreError>;
    /// Whether what is at `path` is a plain file (not a folder). Hosts
    /// that cannot tell say no.
    fn is_file(&mut self, _path: &str) -> Result<bool, StoreError> {
        Ok(false)
    }
}

/// The temporary name `put` writes to before the rename: a hidden file
/// beside the target, the same every time, so a deploy killed while
/// writing it leaves one leftover that the next deploy writes over.
pub(crate) fn temp_name(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/.{name}.camnang-tmp"),
        None => format!(".{path}.camnang-tmp"),
    }
}

/// The folders above `path`, outermost first: `a/b/c.html` → `a`, `a/b`.
pub(crate) fn parents(path: &str) -> Vec<&str> {
    path.match_indices('/').map(|(i, _)| &path[..i]).collect()
}

/// The target folder `base` is not on the host and could not be made
/// (`why`, the server's answer). Only the last folder of a target is
/// made: a hosting panel's path pasted for an FTP or SFTP login that sees
/// its own folder as `/` (`/home/xa/public_html` for what the login calls
/// `/public_html`) was made folder by folder below the login's own, and
/// the site went where no web server serves it, with success.
pub(crate) fn base_missing(base: &str, why: &str) -> StoreError {
    StoreError::Other(format!(
        "{base}: no such folder on the host, and it could not be made there ({why})"
    ))
}

/// `base` and `rel` joined with one `/`.
pub(crate) fn join(base: &str, rel: &str) -> String {
    // (`/` is the server's root, not the login's folder: an empty base)
    if base.is_empty() {
        rel.to_string()
    } else {
        format!("{}/{rel}", base.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_follow_the_extension() {
        assert_eq!(
            Meta::of("cu-tru/index.html").content_type,
            "text/html; charset=utf-8"
        );
        assert_eq!(Meta::of("cu-tru/index.html").cache_control, SHORT);
        assert_eq!(Meta::of("sw.js").cache_control, SHORT);
        assert_eq!(Meta::of("assets/search.js").cache_control, MEDIUM);
        assert_eq!(Meta::of("in-an/a.pdf").content_type, "application/pdf");
        assert_eq!(Meta::of("q/tt01/qr.svg").cache_control, LONG);
        assert_eq!(
            Meta::of("search-index.json").content_type,
            "application/json"
        );
    }

    #[test]
    fn temp_names_and_parents() {
        assert_eq!(temp_name("a/b/c.html"), "a/b/.c.html.camnang-tmp");
        assert_eq!(temp_name("c.html"), ".c.html.camnang-tmp");
        assert_eq!(parents("a/b/c.html"), ["a", "a/b"]);
        assert!(parents("c.html").is_empty());
        assert_eq!(join("/var/www/", "a"), "/var/www/a");
        assert_eq!(join("", "a"), "a");
        // the server's root, not the login's folder (`sftp://u@h/` went
        // to the login's home)
        assert_eq!(join("/", "a"), "/a");
    }
}
