//! `sftp://user@host[:port]/path`: SSH file transfer, with the `ssh2`
//! crate (libssh2). Logs in with a key file (`--identity`), the password
//! (`CAMNANG_DEPLOY_PASSWORD` or a prompt) or the SSH agent, and only to a
//! host whose key is in `known_hosts` (`CAMNANG_KNOWN_HOSTS` or
//! `~/.ssh/known_hosts`).

use std::collections::HashSet;
use std::io::{Read as _, Write as _};
use std::net::{TcpStream, ToSocketAddrs as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use ssh2::{
    CheckResult, FileStat, HashType, KnownHostFileKind, OpenFlags, OpenType, RenameFlags, Session,
    Sftp,
};

use super::Auth;
use super::store::{Meta, Store, StoreError, base_missing, join, parents, temp_name};

pub(crate) struct SftpStore {
    // the session must outlive its SFTP channel
    sftp: Sftp,
    _session: Session,
    base: String,
    made: HashSet<String>,
}

/// `known_hosts` to check host keys against.
fn known_hosts_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CAMNANG_KNOWN_HOSTS") {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("HOME").map(|h| Path::new(&h).join(".ssh/known_hosts"))
}

/// The kinds of host key asked for one at a time when the key a host
/// offers first is not the one known.
const HOST_KEY_KINDS: &[&str] = &[
    "ssh-ed25519",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "rsa-sha2-512,rsa-sha2-256,ssh-rsa",
];

fn fingerprint(session: &Session) -> String {
    use base64::Engine as _;
    let hash = session.host_key_hash(HashType::Sha256).unwrap_or_default();
    let b64 = base64::engine::general_purpose::STANDARD_NO_PAD.encode(hash);
    format!("SHA256:{b64}")
}

impl SftpStore {
    pub(crate) fn open(
        host: &str,
        port: u16,
        path: &str,
        auth: &Auth,
    ) -> Result<SftpStore, StoreError> {
        let addr = (host, port)
            .to_socket_addrs()
            .map_err(|e| StoreError::Connect(e.to_string()))?
            .next()
            .ok_or_else(|| StoreError::Connect(host.to_string()))?;
        // the host must be the one known: nothing is sent to another
        let shown = if port == 22 {
            host.to_string()
        } else {
            format!("[{host}]:{port}")
        };
        let scan = match port {
            22 => format!("ssh-keyscan {host}"),
            _ => format!("ssh-keyscan -p {port} {host}"),
        };
        let connect = |algorithm: Option<&str>| -> Result<Session, StoreError> {
            let tcp = TcpStream::connect_timeout(&addr, Duration::from_secs(20))
                .map_err(|e| StoreError::Connect(e.to_string()))?;
            let mut session = Session::new().map_err(|e| StoreError::Connect(e.to_string()))?;
            session.set_tcp_stream(tcp);
            session.set_timeout(120_000);
            if let Some(a) = algorithm {
                session
                    .method_pref(ssh2::MethodType::HostKey, a)
                    .map_err(StoreError::other)?;
            }
            session
                .handshake()
                .map_err(|e| StoreError::Connect(e.to_string()))?;
            Ok(session)
        };
        let check = |session: &Session| -> Result<CheckResult, StoreError> {
            let (key, _) = session
                .host_key()
                .ok_or_else(|| StoreError::Connect("no host key".into()))?;
            let mut known = session.known_hosts().map_err(StoreError::other)?;
            if let Some(file) = known_hosts_file() {
                // a missing file is a host not known yet
                let _ = known.read_file(&file, KnownHostFileKind::OpenSSH);
            }
            Ok(known.check_port(host, port, key))
        };
        let mut session = connect(None)?;
        match check(&session)? {
            CheckResult::Match => {}
            CheckResult::Mismatch => {
                // the key known may be of another kind than the one the
                // host offered first (only its RSA key in known_hosts, as
                // OpenSSH would accept): each other kind is asked for;
                // none known is a changed key
                let first = session.host_key().map(|(k, _)| k.to_vec());
                let mut matched = None;
                for kind in HOST_KEY_KINDS {
                    let Ok(other) = connect(Some(kind)) else {
                        continue;
                    };
                    if other.host_key().map(|(k, _)| k.to_vec()) == first {
                        continue;
                    }
                    if matches!(check(&other), Ok(CheckResult::Match)) {
                        matched = Some(other);
                        break;
                    }
                }
                match matched {
                    Some(other) => session = other,
                    None => return Err(StoreError::HostChanged { host: shown }),
                }
            }
            CheckResult::NotFound | CheckResult::Failure => {
                return Err(StoreError::HostUnknown {
                    host: shown,
                    fingerprint: fingerprint(&session),
                    scan,
                });
            }
        }

        let user = auth.user_or_login();
        if let Some(identity) = &auth.identity {
            let key_file = |detail: String| StoreError::KeyFile {
                path: identity.display().to_string(),
                detail,
            };
            // a key that cannot be read, or one with a passphrase, is the
            // key's matter (it was "the host refused the login")
            let key = std::fs::read(identity).map_err(|e| key_file(e.to_string()))?;
            let locked = key_locked(&key);
            let passphrase = match locked {
                true => Some(auth.password().map_err(|_| {
                    key_file("the key has a passphrase: give it in CAMNANG_DEPLOY_PASSWORD".into())
                })?),
                false => None,
            };
            let public = PathBuf::from(format!("{}.pub", identity.display()));
            let public = public.is_file().then_some(public);
            session
                .userauth_pubkey_file(&user, public.as_deref(), identity, passphrase.as_deref())
                .map_err(|e| match (e.code(), locked) {
                    // LIBSSH2_ERROR_FILE: the key file could not be read
                    // or unlocked; a locked key refused is its passphrase
                    // ("Callback returned error", not the host's doing)
                    (ssh2::ErrorCode::Session(-16), false) => key_file(e.message().to_string()),
                    // (LIBSSH2_ERROR_AUTHENTICATION_FAILED: the host
                    // refused the key itself)
                    (ssh2::ErrorCode::Session(-18), _) => {
                        StoreError::Login(e.message().to_string())
                    }
                    // (a locked key not unlocked: libssh2 says "Callback
                    // returned error" or names the passphrase)
                    (code, true)
                        if code == ssh2::ErrorCode::Session(-16)
                            || e.message().contains("allback")
                            || e.message().contains("assphrase") =>
                    {
                        key_file(format!("wrong passphrase? ({})", e.message()))
                    }
                    _ => StoreError::Login(e.message().to_string()),
                })?;
        } else if auth.password_given() || std::env::var_os("SSH_AUTH_SOCK").is_none() {
            let password = auth.password()?;
            session
                .userauth_password(&user, &password)
                .map_err(|e| StoreError::Login(e.message().to_string()))?;
        } else if session.userauth_agent(&user).is_err() {
            let password = auth.password()?;
            session
                .userauth_password(&user, &password)
                .map_err(|e| StoreError::Login(e.message().to_string()))?;
        }
        if !session.authenticated() {
            return Err(StoreError::Login(user));
        }
        let sftp = session
            .sftp()
            .map_err(|e| StoreError::Connect(e.to_string()))?;
        // `/~/x` is `x` in the login's home folder
        let base = match path.strip_prefix("/~") {
            Some(rest) => rest.trim_start_matches('/').to_string(),
            None => path.to_string(),
        };
        Ok(SftpStore {
            sftp,
            _session: session,
            base,
            made: HashSet::new(),
        })
    }

    /// Writes `bytes` into the file at `path` (made or emptied first).
    fn write_file(&self, path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
        let mut f = self
            .sftp
            .open_mode(
                path,
                OpenFlags::WRITE | OpenFlags::CREATE | OpenFlags::TRUNCATE,
                0o644,
                OpenType::File,
            )
            .map_err(StoreError::other)?;
        f.write_all(bytes).map_err(StoreError::other)
    }

    fn full(&self, rel: &str) -> PathBuf {
        PathBuf::from(join(&self.base, rel))
    }

    /// Makes the folder `path` (an existing one is left as it is) and,
    /// made here, opens it to the web server: a server that forces a umask
    /// (`internal-sftp -u 077`) made it `drwx------`, and every page in it
    /// was refused to residents.
    fn make_folder(&mut self, path: &Path) {
        if self.sftp.mkdir(path, 0o755).is_ok() {
            let _ = self.sftp.setstat(path, permissions(0o755));
        }
    }

    /// Makes the target folder if it is not there; the folder holding it
    /// must be (see [`base_missing`]).
    fn make_base(&mut self) -> Result<(), StoreError> {
        let base = self.base.trim_end_matches('/').to_string();
        if base.is_empty() {
            return Ok(());
        }
        let path = Path::new(&base);
        let made = match self.sftp.mkdir(path, 0o755) {
            Ok(()) => {
                let _ = self.sftp.setstat(path, permissions(0o755));
                return Ok(());
            }
            Err(e) => e,
        };
        match self.sftp.stat(path) {
            Ok(st) if st.is_dir() => Ok(()),
            _ => Err(base_missing(&base, &made.to_string())),
        }
    }
}

/// A change of permissions alone.
fn permissions(perm: u32) -> FileStat {
    FileStat {
        size: None,
        uid: None,
        gid: None,
        perm: Some(perm),
        atime: None,
        mtime: None,
    }
}

/// Whether the private key `key` (a key file's bytes) is locked with a
/// passphrase: OpenSSH's own format names its cipher (`none` when it is
/// not), PEM keys say `ENCRYPTED`.
fn key_locked(key: &[u8]) -> bool {
    use base64::Engine as _;
    let text = String::from_utf8_lossy(key);
    if text.contains("ENCRYPTED") {
        return true;
    }
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .concat();
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(body.trim()) else {
        return false;
    };
    // "openssh-key-v1\0", then the cipher's name with its length
    let Some(rest) = bytes.strip_prefix(b"openssh-key-v1\0") else {
        return false;
    };
    let len = rest
        .get(..4)
        .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize);
    rest.get(4..4 + len).is_some_and(|cipher| cipher != b"none")
}

/// SSH_FX_NO_SUCH_FILE.
fn missing(e: &ssh2::Error) -> bool {
    matches!(e.code(), ssh2::ErrorCode::SFTP(2))
}

impl Store for SftpStore {
    fn exists(&mut self, path: &str) -> Result<bool, StoreError> {
        match self.sftp.lstat(&self.full(path)) {
            Ok(_) => Ok(true),
            Err(e) if missing(&e) => Ok(false),
            Err(e) => Err(StoreError::other(e)),
        }
    }

    fn is_file(&mut self, path: &str) -> Result<bool, StoreError> {
        Ok(self
            .sftp
            .lstat(&self.full(path))
            .is_ok_and(|st| st.file_type().is_file()))
    }

    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let mut f = match self.sftp.open(self.full(path)) {
            Ok(f) => f,
            Err(e) if missing(&e) => return Ok(None),
            Err(e) => return Err(StoreError::other(e)),
        };
        let mut out = Vec::new();
        f.read_to_end(&mut out).map_err(StoreError::other)?;
        Ok(Some(out))
    }

    fn put(&mut self, path: &str, bytes: &[u8], _: &Meta) -> Result<(), StoreError> {
        if self.made.insert(String::new()) {
            self.make_base()?;
        }
        for dir in parents(path) {
            if self.made.insert(dir.to_string()) {
                // an existing folder answers with an error: that is fine
                self.make_folder(&self.full(dir));
            }
        }
        let dst = self.full(path);
        let tmp = self.full(&temp_name(path));
        if let Err(e) = self.write_file(&tmp, bytes) {
            // a temporary file a stopped deploy left, on a server that
            // will not write over a file (ProFTPD's `AllowOverwrite off`):
            // removed, and written again
            if self.sftp.unlink(&tmp).is_err() {
                return Err(e);
            }
            self.write_file(&tmp, bytes)?;
        }
        let flags = RenameFlags::OVERWRITE | RenameFlags::ATOMIC | RenameFlags::NATIVE;
        if self.sftp.rename(&tmp, &dst, Some(flags)).is_err() {
            // SFTP version 3 servers (OpenSSH) refuse to rename onto a file
            let _ = self.sftp.unlink(&dst);
            if self.sftp.rename(&tmp, &dst, None).is_err() {
                // some servers cannot rename at all (rclone's, when
                // several connections write into one folder): the file
                // is written in place, the temporary one removed
                self.write_file(&dst, bytes)?;
                let _ = self.sftp.unlink(&tmp);
            }
        }
        // readable by the web server whatever the server's umask
        let _ = self.sftp.setstat(&dst, permissions(0o644));
        Ok(())
    }

    fn delete(&mut self, path: &str) -> Result<(), StoreError> {
        match self.sftp.unlink(&self.full(path)) {
            Ok(()) => {}
            Err(e) if missing(&e) => {}
            Err(e) => return Err(StoreError::other(e)),
        }
        let mut dirs = parents(path);
        dirs.reverse();
        for d in dirs {
            // only empty folders can go
            if self.sftp.rmdir(&self.full(d)).is_err() {
                break;
            }
            self.made.remove(d);
        }
        Ok(())
    }
}
