//! `ftp://user@host[:port]/path` and `ftps://…` (explicit TLS 1.2): with
//! the `suppaftp` crate, passive mode, binary transfers. FTPS trusts the
//! usual web roots, plus the certificates in `CAMNANG_CA_FILE` (PEM), as
//! authorities and as the host's own certificate (see [`super::tls`]).

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use suppaftp::types::FileType;
use suppaftp::{FtpError, ImplFtpStream, RustlsConnector, RustlsFtpStream, TlsStream};

use super::Auth;
use super::store::{Meta, Store, StoreError, base_missing, join, parents, temp_name};
use super::tls::Tls;

pub(crate) struct FtpStore<T: TlsStream + Send> {
    ftp: ImplFtpStream<T>,
    base: String,
    made: HashSet<String>,
    /// Names in the folders listed so far (`None`: no such folder).
    listed: std::collections::HashMap<String, Option<HashSet<String>>>,
    /// The server renames nothing: files are written in their places.
    no_rename: bool,
}

/// Opens plain FTP or FTPS.
pub(crate) struct AnyFtp;

fn login<T: TlsStream + Send>(
    mut ftp: ImplFtpStream<T>,
    path: &str,
    auth: &Auth,
) -> Result<FtpStore<T>, StoreError> {
    let user = auth.user.clone().unwrap_or_else(|| "anonymous".into());
    let password = match auth.user {
        Some(_) => auth.password()?.to_string(),
        None => "camnang@".to_string(),
    };
    ftp.login(user.as_str(), password.as_str())
        .map_err(|e| StoreError::Login(said(&e)))?;
    ftp.transfer_type(FileType::Binary).map_err(|e| other(&e))?;
    // a server behind NAT may answer PASV with its private address: the
    // data connection then goes to the address of the control connection
    // (as FileZilla and lftp do)
    ftp.set_passive_nat_workaround(true);
    // `/~/x` is `x` below the login's folder; other paths are the server's
    let base = match path.strip_prefix("/~") {
        Some(rest) => rest.trim_start_matches('/').to_string(),
        None => path.to_string(),
    };
    Ok(FtpStore {
        listed: Default::default(),
        ftp,
        base,
        made: HashSet::new(),
        no_rename: false,
    })
}

impl AnyFtp {
    pub(crate) fn open(
        tls: bool,
        host: &str,
        port: u16,
        path: &str,
        auth: &Auth,
    ) -> Result<Box<dyn Store>, StoreError> {
        use std::net::ToSocketAddrs as _;
        let addr = (host, port)
            .to_socket_addrs()
            .map_err(|e| StoreError::Connect(e.to_string()))?
            .next()
            .ok_or_else(|| StoreError::Connect(host.to_string()))?;
        let timeout = Duration::from_secs(20);
        if tls {
            let ftp = RustlsFtpStream::connect_timeout(addr, timeout)
                .map_err(|e| StoreError::Connect(e.to_string()))?;
            let connector =
                RustlsConnector::from(Arc::new(super::tls::client_config(Tls::Only12)?));
            let ftp = ftp
                .into_secure(connector, host)
                .map_err(|e| super::tls::connect_error(e.to_string()))?;
            Ok(Box::new(login(ftp, path, auth)?))
        } else {
            let ftp = suppaftp::FtpStream::connect_timeout(addr, timeout)
                .map_err(|e| StoreError::Connect(e.to_string()))?;
            Ok(Box::new(login(ftp, path, auth)?))
        }
    }
}

/// What the server said: its answer as it wrote it (`530 Login
/// incorrect.`), for an answer; suppaftp's words for other failures (its
/// text of an answer repeated the code: `Invalid response: [530] 530 …`).
fn said(e: &FtpError) -> String {
    match e {
        FtpError::UnexpectedResponse(r) => String::from_utf8_lossy(&r.body).trim().to_string(),
        other => other.to_string(),
    }
}

/// [`StoreError::Other`] with [`said`].
fn other(e: &FtpError) -> StoreError {
    StoreError::Other(said(e))
}

/// A 550 answer: no such file, or one the server will not let us have
/// (see [`FtpStore::gone`]).
fn missing(e: &FtpError) -> bool {
    matches!(e, FtpError::UnexpectedResponse(r) if r.status.code() == 550)
}

impl<T: TlsStream + Send> FtpStore<T> {
    fn full(&self, rel: &str) -> String {
        join(&self.base, rel)
    }

    /// Writes `bytes` as the file `full` itself, on a server that renames
    /// nothing: over the old file, or where the server will not write over
    /// files either (ProFTPD's `AllowOverwrite off`), after deleting it.
    fn put_in_place(&mut self, full: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let mut reader = bytes;
        if self.ftp.put_file(full, &mut reader).is_ok() {
            return Ok(());
        }
        let _ = self.ftp.rm(full);
        let mut reader = bytes;
        self.ftp
            .put_file(full, &mut reader)
            .map(|_| ())
            .map_err(|e| other(&e))
    }

    /// Whether the file `full`, whose reading or deleting answered 550, is
    /// really not there. Servers answer 550 for "permission denied" too
    /// (ProFTPD, Pure-FTPd): a file still there was refused, and its
    /// deletion was told as done and then forgotten.
    fn gone(&mut self, full: &str) -> bool {
        let sized = self.ftp.size(full);
        if sized.is_ok() {
            return false;
        }
        // SIZE refused too (ProFTPD's `<Limit READ>`) or not known (500,
        // 502): the folder above is listed and the name looked for; where
        // it cannot be listed either, a 550 is taken at its word and any
        // other answer is not (the delete is told and tried again)
        let (dir, name) = full.rsplit_once('/').unwrap_or(("", full));
        match self.names_in(dir) {
            Ok(names) => !names.contains(name),
            Err(_) => sized.as_ref().is_err_and(missing),
        }
    }

    /// The names in the folder `full` (the server's whole folder path; ""
    /// for the login's folder), as NLST gives them, without their folder.
    fn names_in(&mut self, full: &str) -> Result<HashSet<String>, FtpError> {
        let list = self.ftp.nlst(Some(full).filter(|f| !f.is_empty()))?;
        Ok(list
            .iter()
            .map(|n| {
                n.trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or(n)
                    .to_string()
            })
            .collect())
    }

    /// Makes the folder `path` (an existing one answers 550: left as it
    /// is) and, made here, opens it to the web server: vsftpd's umask 077
    /// made every folder `drwx------`, and every page in them was refused
    /// to residents. Servers without SITE CHMOD keep their own setting.
    fn make_folder(&mut self, path: &str) {
        if self.ftp.mkdir(path).is_ok() {
            let _ = self.ftp.site(format!("CHMOD 755 {path}"));
        }
    }

    /// Makes the target folder if it is not there; the folder holding it
    /// must be (see [`base_missing`]).
    fn make_base(&mut self) -> Result<(), StoreError> {
        let base = self.base.trim_end_matches('/').to_string();
        if base.is_empty() {
            return Ok(());
        }
        let made = match self.ftp.mkdir(&base) {
            Ok(()) => {
                let _ = self.ftp.site(format!("CHMOD 755 {base}"));
                return Ok(());
            }
            Err(e) => e,
        };
        // there already (CWD into it, then back to the login's folder,
        // which relative paths start from; a server that cannot say where
        // that is is not moved, and the uploads tell)
        let Ok(home) = self.ftp.pwd() else {
            return Ok(());
        };
        let there = self.ftp.cwd(&base).is_ok();
        let _ = self.ftp.cwd(home);
        match there {
            true => Ok(()),
            false => Err(base_missing(&base, &said(&made))),
        }
    }
}

impl<T: TlsStream + Send> Store for FtpStore<T> {
    fn is_file(&mut self, path: &str) -> Result<bool, StoreError> {
        // (SIZE answers for files only; a folder is 550)
        Ok(self.ftp.size(self.full(path)).is_ok())
    }

    fn exists(&mut self, path: &str) -> Result<bool, StoreError> {
        // FTP has no one command for "is there a file or a folder": the
        // folder above is listed (once) and the name looked for
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        if !self.listed.contains_key(dir) {
            let full = self.full(dir);
            let names = match self.names_in(&full) {
                Ok(names) => Some(names),
                Err(e) if missing(&e) => None,
                // 450: ProFTPD's "no such folder"; any other 450 is a
                // folder the server will not list: it may hold anything
                Err(FtpError::UnexpectedResponse(r)) if r.status.code() == 450 => {
                    let said = String::from_utf8_lossy(&r.body).to_lowercase();
                    if !said.contains("no such file") {
                        return Ok(true);
                    }
                    None
                }
                Err(e) => return Err(other(&e)),
            };
            self.listed.insert(dir.to_string(), names);
        }
        Ok(self
            .listed
            .get(dir)
            .and_then(Option::as_ref)
            .is_some_and(|names| names.contains(name)))
    }

    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let full = self.full(path);
        match self.ftp.retr_as_buffer(&full) {
            Ok(c) => Ok(Some(c.into_inner())),
            Err(e) if missing(&e) && self.gone(&full) => Ok(None),
            Err(e) => Err(other(&e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8], _: &Meta) -> Result<(), StoreError> {
        if self.made.insert(String::new()) {
            self.make_base()?;
        }
        for dir in parents(path) {
            if self.made.insert(dir.to_string()) {
                // an existing folder answers 550: that is fine
                self.make_folder(&self.full(dir));
            }
        }
        let dst = self.full(path);
        if self.no_rename {
            self.put_in_place(&dst, bytes)?;
            let _ = self.ftp.site(format!("CHMOD 644 {dst}"));
            return Ok(());
        }
        let tmp = self.full(&temp_name(path));
        let mut reader = bytes;
        if self.ftp.put_file(&tmp, &mut reader).is_err() {
            // a temporary file a stopped deploy left, on a server that will
            // not write over files (ProFTPD's AllowOverwrite off): removed;
            // or a folder another connection was still making: made again;
            // then once more
            let _ = self.ftp.rm(&tmp);
            let mut p = String::new();
            for part in self
                .full(path)
                .split('/')
                .collect::<Vec<_>>()
                .split_last()
                .map_or(&[][..], |(_, d)| d)
            {
                p.push_str(part);
                if !p.is_empty() {
                    self.make_folder(&p);
                }
                p.push('/');
            }
            let mut reader = bytes;
            self.ftp
                .put_file(&tmp, &mut reader)
                .map_err(|e| other(&e))?;
        }
        if self.ftp.rename(&tmp, &dst).is_err() {
            // some servers refuse to rename onto an existing file
            let _ = self.ftp.rm(&dst);
            if self.ftp.rename(&tmp, &dst).is_err() {
                // and some rename nothing at all (ProFTPD's `<Limit RNFR
                // RNTO> DenyAll`): the file is written in its place (the
                // host's list of files was removed and then not put back)
                // (and so every file after it: one upload each, no
                // temporary file left where deletes are refused too)
                self.no_rename = true;
                self.put_in_place(&dst, bytes)?;
                let _ = self.ftp.rm(&tmp);
            }
        }
        // readable by the web server whatever the server's umask (vsftpd's
        // is 077); servers without SITE CHMOD keep their own setting
        let _ = self.ftp.site(format!("CHMOD 644 {dst}"));
        Ok(())
    }

    fn put_again(&mut self, path: &str, bytes: &[u8], meta: &Meta) -> Result<(), StoreError> {
        // (a 550 when there is none is fine)
        let _ = self.ftp.rm(self.full(&temp_name(path)));
        self.put(path, bytes, meta)
    }

    fn delete(&mut self, path: &str) -> Result<(), StoreError> {
        let full = self.full(path);
        match self.ftp.rm(&full) {
            Ok(()) => {}
            Err(e) if missing(&e) && self.gone(&full) => {}
            Err(e) => return Err(other(&e)),
        }
        let mut dirs = parents(path);
        dirs.reverse();
        for d in dirs {
            if self.ftp.rmdir(self.full(d)).is_err() {
                break;
            }
            self.made.remove(d);
        }
        Ok(())
    }
}
