//! `camnang deploy`: puts the built site on the commune's host, file by
//! file, incrementally and in an order that keeps every page working.
//!
//! - The host keeps a manifest, [`MANIFEST_ON_HOST`] (path, SHA-256,
//!   size of every file camnang uploaded): read first, written after the
//!   uploads. Only files whose hash changed go up. A host without one
//!   gets every file, and nothing on it is deleted.
//! - Files go up in [`phase`] order: what pages need (scripts, QR codes,
//!   PDFs, copied files), then procedure and category pages, then the home
//!   page, short links, sitemap, search index and service worker; then the
//!   manifest; deletes last. A deploy cut anywhere leaves pages that link
//!   only to files already there, and the next deploy finishes.
//! - Deletes are only of files the previous manifest lists and the new
//!   build lacks, never a short link of an id in `qr-lock.yaml`, and
//!   stop the deploy before anything happens when there are more than
//!   `--max-deletes` (unless `--yes`). Deletes not done yet are kept in
//!   the manifest (`pending_delete`) for the next deploy.
//! - One module per protocol behind one trait (`store::Store`): `file`,
//!   `sftp`, `ftp`, `webdav`, `s3`. Passwords come from
//!   `CAMNANG_DEPLOY_PASSWORD` or a prompt, and are taken out of every
//!   message before it is printed.

pub(crate) mod file;
pub(crate) mod ftp;
pub(crate) mod s3;
pub(crate) mod sftp;
pub(crate) mod store;
pub(crate) mod target;
mod tls;
pub(crate) mod webdav;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::diag::Diagnostic;
use crate::messages::{Lang, Msg};
use crate::model::routes;
use store::{Meta, Store, StoreError};
use target::{BadTarget, Scheme, Target};

/// The manifest camnang keeps on the host: every file it uploaded.
pub const MANIFEST_ON_HOST: &str = ".camnang-deploy.json";
/// The variable a password is read from.
pub const PASSWORD_VAR: &str = "CAMNANG_DEPLOY_PASSWORD";

/// What to deploy where, as the command line gives it.
#[derive(Debug, Clone, Default)]
pub struct DeployOptions {
    /// The site folder; the built site is `<root>/public`.
    pub root: PathBuf,
    /// The target; default: `deploy.to` in `site.yaml`.
    pub to: Option<String>,
    /// List what would happen, change nothing.
    pub dry_run: bool,
    /// Go ahead with more deletes than `max_deletes`.
    pub yes: bool,
    /// Write over files on the host camnang did not upload that have the
    /// names of the site's files.
    pub replace_existing: bool,
    /// Build first; deploy only a build without errors.
    pub build: bool,
    pub max_deletes: usize,
    /// An SSH private key file.
    pub identity: Option<PathBuf>,
    pub lang: Option<Lang>,
    /// A pause after each file (tests, to stop a deploy part of the way).
    pub pause: Duration,
    /// The least time between two lists, on the host, of the files
    /// uploaded so far (a stopped deploy is taken up from the last one);
    /// `Duration::ZERO`: a minute.
    pub checkpoint: Duration,
}

/// Who logs in, and how: shared by the connections of one deploy, so
/// that a password is asked once.
pub struct Auth {
    pub user: Option<String>,
    pub identity: Option<PathBuf>,
    password: Mutex<Option<String>>,
    prompt: String,
}

impl Auth {
    /// The user of the URL, else the local login name.
    pub fn user_or_login(&self) -> String {
        self.user
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_else(|| "root".into())
    }

    /// Whether a password is given in the environment.
    pub fn password_given(&self) -> bool {
        std::env::var_os(PASSWORD_VAR).is_some_and(|v| !v.is_empty())
    }

    /// The password: from [`PASSWORD_VAR`], else asked on the terminal
    /// (once per deploy).
    pub fn password(&self) -> Result<String, StoreError> {
        let mut kept = self.password.lock().map_err(|_| StoreError::NoPassword)?;
        if let Some(p) = kept.as_ref() {
            return Ok(p.clone());
        }
        let p = match std::env::var(PASSWORD_VAR) {
            Ok(p) if !p.is_empty() => p,
            _ if std::io::stdin().is_terminal() => {
                rpassword::prompt_password(&self.prompt).map_err(|_| StoreError::NoPassword)?
            }
            _ => return Err(StoreError::NoPassword),
        };
        *kept = Some(p.clone());
        Ok(p)
    }

    /// The secrets of this deploy, to take out of messages.
    fn secrets(&self) -> Vec<String> {
        let mut s: Vec<String> = self
            .password
            .lock()
            .ok()
            .and_then(|p| p.clone())
            .into_iter()
            .collect();
        if let Ok(p) = std::env::var(PASSWORD_VAR) {
            s.push(p);
        }
        if let Ok(k) = std::env::var("AWS_SECRET_ACCESS_KEY") {
            s.push(k);
        }
        s.retain(|x| x.len() >= 2);
        s
    }
}

/// One file of the host manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub sha256: String,
    pub size: u64,
}

/// `.camnang-deploy.json`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct HostManifest {
    /// The format's version.
    pub camnang: u32,
    pub files: BTreeMap<String, Entry>,
    /// Files to delete that a deploy has not deleted yet.
    #[serde(default)]
    pub pending_delete: Vec<String>,
    /// Files a deploy was uploading when this was written (written before
    /// the first new file goes up): camnang's own, even if that deploy was
    /// stopped before it could list them in `files`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uploading: Vec<String>,
    /// The `base_url` of the site deployed here: another site's deploy to
    /// the same folder is stopped before it deletes this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Every id whose short link was ever in the site's `qr-lock.yaml`
    /// when deployed here: its `q/<id>/` is never deleted, even by a copy
    /// of the site that has lost its lock file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locked: Vec<String>,
    /// Files of those short links the build no longer has, kept on the
    /// host (`W121`, told once): still camnang's, so a procedure brought
    /// back writes over them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<String>,
}

/// When a file goes up: 0 what pages need, 1 procedure pages then
/// category and other pages, 2 the pages and files that lead to the
/// others (home, short links, sitemap, search index, service worker).
/// `langs` are the folders of the other languages.
pub fn phase(path: &str, langs: &BTreeSet<String>) -> (u8, usize) {
    let rest = match path.split_once('/') {
        Some((first, rest)) if langs.contains(first) => rest,
        _ => path,
    };
    let segs: Vec<&str> = rest.split('/').collect();
    let short_page = segs.len() == 3 && segs[0] == routes::SHORT_DIR && segs[2] == "index.html";
    let late = short_page
        || matches!(
            rest,
            "index.html"
                | routes::SITEMAP
                | routes::ROBOTS
                | routes::SEARCH_INDEX
                | routes::SERVICE_WORKER
                | routes::NOT_FOUND
        );
    if late {
        (2, 0)
    } else if rest.ends_with(".html") {
        // deeper pages first: procedures before the categories listing them
        (1, usize::MAX - segs.len())
    } else {
        (0, 0)
    }
}

/// The id of a short link path (`q/<id>/…`, `en/q/<id>/…`).
pub fn short_id(path: &str) -> Option<&str> {
    let segs: Vec<&str> = path.split('/').collect();
    let i = segs
        .iter()
        .take(2)
        .position(|s| *s == crate::model::routes::SHORT_DIR)?;
    segs.get(i + 1).copied().filter(|_| segs.len() > i + 2)
}

/// One file to upload.
#[derive(Debug, Clone)]
pub struct Upload {
    pub path: String,
    pub entry: Entry,
    /// Not on the host yet.
    pub new: bool,
    /// Its place in the order ([`phase`]); files of one key go up
    /// together, and a key starts once the one before has ended.
    pub key: (u8, usize),
}

/// What a deploy will do.
#[derive(Debug, Default)]
pub struct Plan {
    /// In upload order.
    pub uploads: Vec<Upload>,
    pub unchanged: usize,
    pub deletes: Vec<String>,
    /// Paths that would be deleted but are short links of locked ids.
    pub kept: Vec<(String, String)>,
    pub bytes: u64,
}

/// Compares the build with the host's manifest.
pub fn plan(
    local: &BTreeMap<String, Entry>,
    host: &HostManifest,
    locked: &BTreeSet<String>,
) -> Plan {
    let langs: BTreeSet<String> = local
        .keys()
        .filter_map(|p| p.strip_suffix("/search-index.json"))
        .filter(|l| !l.contains('/'))
        .map(str::to_string)
        .collect();
    let mut p = Plan::default();
    for (path, e) in local {
        match host.files.get(path) {
            Some(old) if old == e => p.unchanged += 1,
            old => {
                p.bytes += e.size;
                let mut key = phase(path, &langs);
                // the short link of a new id is printed nowhere yet, and the
                // new procedure page links to it: it goes before the pages
                if old.is_none() && key.0 == 2 && short_id(path).is_some() {
                    key = (1, 0);
                }
                p.uploads.push(Upload {
                    path: path.clone(),
                    entry: e.clone(),
                    new: old.is_none(),
                    key,
                });
            }
        }
    }
    p.uploads
        .sort_by(|a, b| (a.key, &a.path).cmp(&(b.key, &b.path)));
    let before: BTreeSet<&String> = host
        .files
        .keys()
        .chain(host.pending_delete.iter())
        .chain(host.uploading.iter())
        .chain(host.kept.iter())
        .collect();
    for path in before {
        if local.contains_key(path) || path == MANIFEST_ON_HOST {
            continue;
        }
        match short_id(path).filter(|id| locked.contains(*id)) {
            Some(id) => p.kept.push((path.clone(), id.to_string())),
            None => p.deletes.push(path.clone()),
        }
    }
    p
}

/// Whether `path` stays inside the site's folder: relative, no `..`,
/// `.` or empty part, no backslash (a folder separator on Windows hosts),
/// no control character.
fn safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(['\\', '\0'])
        && !path.chars().any(char::is_control)
        && !path
            .split('/')
            .any(|s| s == ".." || s == "." || s.is_empty())
}

impl HostManifest {
    /// The first path of the manifest that would lead outside the site's
    /// folder on the host (a damaged or tampered manifest: `../x`, `/etc/x`).
    fn unsafe_path(&self) -> Option<&str> {
        self.files
            .keys()
            .chain(self.pending_delete.iter())
            .chain(self.uploading.iter())
            .chain(self.kept.iter())
            .map(String::as_str)
            .find(|p| !safe_path(p))
    }
}

/// What stands in the way of the new files of `plan` (camnang never
/// uploaded them) on the host.
#[derive(Debug, Default)]
struct Clashes {
    /// New files that would replace a file or folder already there.
    replaced: Vec<String>,
    /// Files (not folders) where the site needs a folder (`kiosk`, an old
    /// script, where the site has `kiosk/`): no upload below can succeed.
    in_the_way: Vec<String>,
}

/// The [`Clashes`] of `plan`, checked from the top, so that a folder not
/// on the host is one question for everything below it (a first deploy to
/// an empty folder asks about twenty).
fn clashes(store: &mut dyn Store, plan: &Plan, host: &HostManifest) -> Result<Clashes, StoreError> {
    let ours: BTreeSet<&str> = host
        .uploading
        .iter()
        .chain(host.pending_delete.iter())
        .chain(host.kept.iter())
        .map(String::as_str)
        .collect();
    let mut there: HashMap<String, bool> = HashMap::new();
    let mut out = Clashes::default();
    for u in plan
        .uploads
        .iter()
        .filter(|u| u.new && !ours.contains(u.path.as_str()))
    {
        let parts: Vec<&str> = u.path.split('/').collect();
        for n in 1..=parts.len() {
            let at = parts[..n].join("/");
            let found = match there.get(&at) {
                Some(f) => *f,
                None => {
                    let f = store.exists(&at)?;
                    // (a folder of the path that is a file: asked once)
                    if f && n < parts.len() && store.is_file(&at)? {
                        out.in_the_way.push(at.clone());
                    }
                    there.insert(at, f);
                    f
                }
            };
            if !found {
                break;
            }
            if n == parts.len() {
                out.replaced.push(u.path.clone());
            }
        }
    }
    Ok(out)
}

/// The built site: every file of `.camnang-manifest`, hashed.
fn read_build(dir: &Path) -> Result<BTreeMap<String, Entry>, Msg> {
    let list = std::fs::read_to_string(dir.join(crate::publish::MANIFEST)).map_err(|_| {
        Msg::DeployNoBuild {
            dir: dir.to_path_buf(),
        }
    })?;
    let paths: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| safe_path(l) && *l != MANIFEST_ON_HOST && *l != crate::publish::MANIFEST)
        .collect();
    paths
        .par_iter()
        .map(|p| {
            let bytes = std::fs::read(dir.join(p)).map_err(|e| Msg::DeployReadLocal {
                path: p.to_string(),
                detail: e.to_string(),
            })?;
            let sha256 = crate::text::hex(&Sha256::digest(&bytes));
            Ok((
                p.to_string(),
                Entry {
                    sha256,
                    size: bytes.len() as u64,
                },
            ))
        })
        .collect()
}

/// Opens one connection to the target.
fn open(t: &Target, auth: &Auth) -> Result<Box<dyn Store>, StoreError> {
    let port = |d: u16| t.port.unwrap_or(d);
    Ok(match t.scheme {
        Scheme::File => Box::new(file::FileStore::open(t.folder())?),
        Scheme::Sftp => Box::new(sftp::SftpStore::open(&t.host, port(22), &t.path, auth)?),
        Scheme::Ftp => ftp::AnyFtp::open(false, &t.host, port(21), &t.path, auth)?,
        Scheme::Ftps => ftp::AnyFtp::open(true, &t.host, port(21), &t.path, auth)?,
        Scheme::WebDav => Box::new(webdav::WebDavStore::open(
            false, &t.host, t.port, &t.path, auth,
        )?),
        Scheme::WebDavs => Box::new(webdav::WebDavStore::open(
            true, &t.host, t.port, &t.path, auth,
        )?),
        Scheme::S3 => Box::new(s3::S3Store::open(&t.host, &t.path, &t.params)?),
    })
}

/// Prints one diagnostic in the user's language, secrets taken out.
struct Say {
    lang: Lang,
    secrets: Vec<String>,
}

impl Say {
    fn clean(&self, s: String) -> String {
        self.secrets
            .iter()
            .fold(s, |s, secret| s.replace(secret.as_str(), "***"))
    }
    fn error(&self, msg: Msg) {
        eprintln!("{}", self.clean(Diagnostic::error(msg).render(self.lang)));
    }
    fn warning(&self, msg: Msg) {
        eprintln!("{}", self.clean(Diagnostic::warning(msg).render(self.lang)));
    }
    fn info(&self, msg: Msg) {
        println!("{}", self.clean(msg.text(self.lang)));
    }
}

/// What names one place on one host, however it was typed: the kind,
/// the host in small letters, the port, the folder without its last `/`
/// (`…/out` and `…/out/` took separate locks), the bucket's endpoint.
fn lock_key(target: &Target) -> String {
    format!(
        "{:?} {} {} {} {}",
        target.scheme,
        target.host.to_ascii_lowercase(),
        target.port.unwrap_or(0),
        target.path.trim_end_matches('/'),
        target.params.get("endpoint").map_or("", String::as_str)
    )
}

/// Holds the lock of deploys to `target` on this computer (a file in the
/// temporary folder, named after the target; the operating system drops
/// the lock when the deploy ends, even killed), waiting for another deploy
/// holding it to end first (`waiting` says so). Where no lock can be taken
/// the deploy goes on unlocked.
fn one_at_a_time(target: &str, waiting: impl Fn()) -> Option<std::fs::File> {
    let name = crate::text::hex(&Sha256::digest(target.as_bytes()));
    let path = std::env::temp_dir().join(format!("camnang-deploy-{}.lock", &name[..16]));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .ok()?;
    crate::files::hold_lock(file, waiting)
}

/// Whether a failed write says the folder is not there, or not one
/// files can be written into (FTP's 550 "No such file", SFTP's
/// "no such file", WebDAV's 404, 405 or 409).
fn no_folder(detail: &str) -> bool {
    let d = detail.to_ascii_lowercase();
    [
        "no such file",
        "no such folder",
        "sftp(2)",
        "http 404",
        "http 405",
        "http 409",
        "not found",
    ]
    .iter()
    .any(|w| d.contains(w))
}

/// The first name a certificate is for, when rustls refused it for
/// another name (`… certificate is only valid for DnsName("a.vn")` or
/// `… DnsName("*.host.vn") or DnsName("host.vn")`): a name that can be
/// written as the host's, so not a wildcard's (`*.host.vn`) when there is
/// another; a wildcard's alone is given as it is.
fn certificate_name(detail: &str) -> Option<String> {
    let (_, names) = detail.split_once("only valid for")?;
    let names: Vec<&str> = names
        .split("DnsName(\"")
        .skip(1)
        .filter_map(|r| r.split_once('"').map(|(n, _)| n))
        .filter(|n| !n.is_empty())
        .collect();
    let name = names
        .iter()
        .find(|n| !n.starts_with("*."))
        .or(names.first())?;
    Some(name.to_string())
}

/// Whether an FTP server's refusal says it takes only encrypted logins.
fn asks_for_tls(detail: &str) -> bool {
    let d = detail.to_ascii_lowercase();
    ["tls", "ssl", "encryption", "encrypted"]
        .iter()
        .any(|w| d.contains(w))
}

/// Writes the host's manifest `m`.
fn write_manifest(store: &mut Box<dyn Store>, m: &HostManifest) -> Result<(), StoreError> {
    let text = serde_json::to_vec_pretty(m).unwrap_or_default();
    store.put_again(MANIFEST_ON_HOST, &text, &Meta::of(MANIFEST_ON_HOST))
}

/// Lists on the host, now and then while files go up, those uploaded so
/// far: the manifest written before the uploads, with them vouched for.
/// A deploy stopped part of the way (a connection lost on a slow link)
/// is then taken up by the next one, which uploads again only what was
/// not listed (it uploaded again all this one was uploading). A list is
/// written at most once every `every` (a minute), and never sooner than
/// ten times as long as the last one took after it (the list of a
/// 10,000-procedure site is 5 MB): lists cost at most a tenth of the
/// time. One that cannot be written is left for the next (the manifest
/// before it still holds).
struct Checkpoints<'a> {
    during: &'a HostManifest,
    done: Mutex<Vec<(String, Entry)>>,
    /// When the next list may be written (held while one is written).
    next: Mutex<Instant>,
    every: Duration,
}

impl<'a> Checkpoints<'a> {
    fn new(during: &'a HostManifest, every: Duration) -> Checkpoints<'a> {
        let every = match every.is_zero() {
            true => Duration::from_secs(60),
            false => every,
        };
        Checkpoints {
            during,
            done: Mutex::new(Vec::new()),
            next: Mutex::new(Instant::now() + every),
            every,
        }
    }

    /// `path` is on the host, as `entry` says.
    fn done(&self, path: &str, entry: &Entry) {
        if let Ok(mut d) = self.done.lock() {
            d.push((path.to_string(), entry.clone()));
        }
    }

    /// Writes a list with `store` if one is due and no other connection
    /// is writing one.
    fn maybe(&self, store: &mut Box<dyn Store>) {
        let Ok(mut next) = self.next.try_lock() else {
            return;
        };
        if Instant::now() < *next {
            return;
        }
        let done = self.done.lock().map(|d| d.clone()).unwrap_or_default();
        let mut m = self.during.clone();
        let paths: std::collections::HashSet<&str> = done.iter().map(|(p, _)| p.as_str()).collect();
        m.uploading.retain(|p| !paths.contains(p.as_str()));
        m.files.extend(done.iter().cloned());
        let started = Instant::now();
        let _ = write_manifest(store, &m);
        *next = Instant::now() + self.every.max(started.elapsed() * 10);
    }
}

/// The message for a store that failed to open.
fn open_failed(e: StoreError, shown: &str) -> Msg {
    let target = shown.to_string();
    match e {
        StoreError::Connect(detail) | StoreError::Other(detail) => {
            Msg::DeployConnect { target, detail }
        }
        // (vsftpd: "530 Non-anonymous sessions must use encryption";
        // ProFTPD: "550 SSL/TLS required on the control channel")
        StoreError::Login(detail) if target.starts_with("ftp://") && asks_for_tls(&detail) => {
            Msg::DeployWantsTls { target, detail }
        }
        StoreError::Login(detail) => Msg::DeployLogin { target, detail },
        StoreError::KeyFile { path, detail } => Msg::DeployKeyFile { path, detail },
        StoreError::HostUnknown {
            host,
            fingerprint,
            scan,
        } => Msg::DeployHostUnknown {
            host,
            fingerprint,
            scan,
        },
        StoreError::HostChanged { host } => Msg::DeployHostChanged { host },
        StoreError::NoPassword => Msg::DeployNoPassword,
        StoreError::NoKeys => Msg::DeployNoKeys,
        StoreError::Certificate(detail) => Msg::DeployCertificate {
            target,
            name: certificate_name(&detail),
            detail,
        },
        StoreError::NoBucket(bucket) => Msg::DeployNoBucket { target, bucket },
        StoreError::Server(detail) => Msg::DeployServerError { target, detail },
    }
}

/// `camnang deploy`: 0 done, 1 something failed (the pages on the host
/// still work), 2 the command was used wrongly.
pub fn run_deploy(opts: &DeployOptions) -> ExitCode {
    let (config, diags) = crate::load::config::read_site_yaml(&opts.root);
    // (settings with mistakes are only stand-ins)
    let config = config.filter(|_| !diags.has_errors());
    let lang = opts
        .lang
        .or(config.as_ref().map(|c| c.lang))
        .unwrap_or_else(|| crate::load::site_lang(&opts.root));
    let mut say = Say {
        lang,
        secrets: Vec::new(),
    };
    // a mistake in `site.yaml` stops a deploy even with `--to`: its site
    // (`base_url`) is what guards the host against another commune's
    // site, and a manifest written without it lost that guard
    if config.is_none() && opts.root.join("site.yaml").is_file() {
        eprintln!("{}\n", diags.render(lang));
        return ExitCode::from(1);
    }
    let to = match (&opts.to, config.as_ref().and_then(|c| c.deploy_to.clone())) {
        (Some(t), _) => t.clone(),
        (None, Some(t)) => t,
        (None, None) => {
            if config.is_none() {
                eprintln!("{}\n", diags.render(lang));
                return ExitCode::from(1);
            }
            say.error(Msg::DeployNoTarget);
            return ExitCode::from(2);
        }
    };
    let target = match Target::parse(&to) {
        Ok(t) => t,
        Err(BadTarget::Password) => {
            say.error(Msg::DeployPasswordInUrl);
            return ExitCode::from(2);
        }
        Err(BadTarget::Why(why)) => {
            say.error(Msg::DeployBadUrl {
                url: crate::load::config::shown_address(&to),
                why,
            });
            return ExitCode::from(2);
        }
    };
    // one deploy at a time to one host from this computer: two at once
    // each wrote their own manifest and deleted by it, and left pages and
    // printed codes broken that later deploys took for up to date
    let _one = match opts.dry_run {
        true => None,
        false => one_at_a_time(&lock_key(&target), || {
            say.info(Msg::DeployWaiting {
                target: target.shown.clone(),
            });
        }),
    };
    if opts.build {
        let build = crate::BuildOptions {
            root: opts.root.clone(),
            lang: opts.lang,
            print: true,
            ..Default::default()
        };
        let report = crate::build(&build);
        crate::commands::print_report(&report);
        if report.failure.is_some() {
            say.error(Msg::DeployBuildFailed);
            return crate::commands::exit_code(&report);
        }
    }
    let local = match read_build(&opts.root.join("public")) {
        Ok(l) => l,
        Err(m) => {
            say.error(m);
            return ExitCode::from(1);
        }
    };
    let (lock, _, _) = crate::load::lock::read_lock(&opts.root);
    let mut locked: BTreeSet<String> = lock.entries.keys().cloned().collect();
    let site = config.as_ref().map(|c| c.base_url.clone());

    let auth = Auth {
        user: target.user.clone(),
        identity: opts.identity.clone(),
        password: Mutex::new(None),
        prompt: Msg::DeployPasswordPrompt {
            target: target.shown.clone(),
        }
        .text(lang),
    };
    let start = Instant::now();
    let first = open(&target, &auth);
    say.secrets = auth.secrets();
    let mut first = match first {
        Ok(s) => s,
        Err(e) => {
            say.error(open_failed(e, &target.shown));
            return ExitCode::from(1);
        }
    };
    // a host that will not rename onto a file (ProFTPD's AllowOverwrite
    // off, OpenSSH's SFTP) has the manifest deleted just before its new
    // copy, whole under its temporary name, takes its place: a deploy
    // stopped in between left that copy, which is read instead (read as
    // none, every file of the site was "not uploaded by camnang")
    // (so too a manifest cut short: a server that cannot rename at all,
    // rclone's SFTP with several connections, has it written over in
    // place, its whole new copy kept until that is done)
    // (each copy read is parsed once: the manifest of a 10,000-procedure
    // site is 5 MB)
    let parse = |b: Vec<u8>| serde_json::from_slice::<HostManifest>(&b);
    let read = match first.read(MANIFEST_ON_HOST).map(|m| m.map(parse)) {
        Ok(m) if !matches!(m, Some(Ok(_))) => {
            let copy = first
                .read(&store::temp_name(MANIFEST_ON_HOST))
                .ok()
                .flatten()
                .and_then(|b| parse(b).ok());
            if copy.is_some() {
                say.info(Msg::DeployManifestCopy {
                    target: target.shown.clone(),
                });
            }
            // (no whole copy: the manifest as it is, told below)
            Ok(copy.map(Ok).or(m))
        }
        other => other,
    };
    let host = match read {
        Ok(None) => {
            say.info(Msg::DeployFirst {
                target: target.shown.clone(),
                replacing: opts.replace_existing,
            });
            HostManifest::default()
        }
        // a path that leads outside the site's folder is never deleted or
        // written: the whole manifest is refused
        Ok(Some(Ok(m))) if m.unsafe_path().is_some() => {
            say.error(Msg::DeployBadManifest {
                detail: format!("unsafe path {:?}", m.unsafe_path().unwrap_or_default()),
            });
            return ExitCode::from(1);
        }
        Ok(Some(Ok(m))) => m,
        Ok(Some(Err(e))) => {
            say.error(Msg::DeployBadManifest {
                detail: e.to_string(),
            });
            return ExitCode::from(1);
        }
        // (connected, and the host's list of files could not be read: the
        // host's own error, not the network's, as "could not connect" said)
        Err(StoreError::Other(detail)) => {
            say.error(Msg::DeployServerError {
                target: target.shown.clone(),
                detail,
            });
            return ExitCode::from(1);
        }
        Err(e) => {
            say.error(open_failed(e, &target.shown));
            return ExitCode::from(1);
        }
    };
    // another site deployed here (a deploy.to copied from a neighbouring
    // commune, a stale copy of another site): stopped before it deletes
    if let (Some(theirs), Some(ours)) = (&host.site, &site)
        && theirs != ours
        && !opts.replace_existing
    {
        say.error(Msg::DeployOtherSite {
            theirs: theirs.clone(),
            ours: ours.clone(),
        });
        return ExitCode::from(1);
    }
    // a short link once printed stays, whatever this copy's lock says
    locked.extend(host.locked.iter().cloned());
    let plan = plan(&local, &host, &locked);
    // (told once: the deploy that first keeps the file)
    for (path, id) in plan.kept.iter().filter(|(p, _)| !host.kept.contains(p)) {
        say.warning(Msg::DeployKeptLocked {
            path: path.clone(),
            id: id.clone(),
        });
    }
    if opts.dry_run {
        say.info(Msg::DeployPlan {
            target: target.shown.clone(),
            upload: plan.uploads.len(),
            unchanged: plan.unchanged,
            delete: plan.deletes.len(),
            bytes: plan.bytes,
        });
        for u in &plan.uploads {
            say.info(Msg::DeployWouldUpload {
                path: u.path.clone(),
                new: u.new,
            });
        }
        for path in &plan.deletes {
            say.info(Msg::DeployWouldDelete { path: path.clone() });
        }
    }
    if plan.deletes.len() > opts.max_deletes && !opts.yes {
        say.error(Msg::DeployTooManyDeletes {
            count: plan.deletes.len(),
            max: opts.max_deletes,
        });
        return ExitCode::from(1);
    }
    // files on the host camnang did not upload are never written over
    // unless asked: the site's files with their names are listed
    // and a file where the site needs a folder stops the deploy before
    // anything goes up (every upload below it failed, each deploy again)
    if plan.uploads.iter().any(|u| u.new) {
        match clashes(first.as_mut(), &plan, &host) {
            Ok(found) if !found.in_the_way.is_empty() => {
                say.error(Msg::DeployFileInTheWay {
                    first: found.in_the_way.iter().take(10).cloned().collect(),
                });
                return ExitCode::from(1);
            }
            Ok(found) if !found.replaced.is_empty() && !opts.replace_existing => {
                say.error(Msg::DeployWouldReplace {
                    count: found.replaced.len(),
                    first: found.replaced.iter().take(10).cloned().collect(),
                });
                return ExitCode::from(1);
            }
            Ok(_) => {}
            // (asked to replace what is there, a host that cannot answer
            // the look-up is not held to it: as before E148)
            Err(_) if opts.replace_existing => {}
            Err(e) => {
                say.error(open_failed(e, &target.shown));
                return ExitCode::from(1);
            }
        }
    }
    if opts.dry_run {
        return ExitCode::SUCCESS;
    }
    if plan.uploads.is_empty() && plan.deletes.is_empty() {
        say.info(Msg::DeployNothing {
            target: target.shown.clone(),
            unchanged: plan.unchanged,
        });
        return ExitCode::SUCCESS;
    }

    // before the first file goes up, the host's manifest says which files
    // this deploy is uploading, and no longer vouches for the contents of
    // those it replaces: a deploy stopped part of the way leaves no file
    // the next one would take for someone else's, or forget, and no file
    // whose half-done change the next one would take for up to date (an
    // edit undone after a stopped deploy goes up again)
    // (the manifest's temporary file may be one a stopped deploy left)
    let write = write_manifest;
    // what a stopped deploy was uploading when it stopped
    let stopped: BTreeSet<&String> = host.uploading.iter().collect();
    let mut during = HostManifest::default();
    if !plan.uploads.is_empty() {
        let going: BTreeSet<&String> = plan.uploads.iter().map(|u| &u.path).collect();
        during = HostManifest {
            camnang: 1,
            files: host
                .files
                .iter()
                .filter(|(p, _)| !going.contains(p))
                .map(|(p, e)| (p.clone(), e.clone()))
                .collect(),
            pending_delete: host.pending_delete.clone(),
            uploading: host.uploading.clone(),
            site: host.site.clone(),
            locked: host.locked.clone(),
            kept: host
                .kept
                .iter()
                .filter(|p| !going.contains(p))
                .cloned()
                .collect(),
        };
        // (`going` is a set: a path is added once)
        during
            .uploading
            .extend(going.into_iter().filter(|p| !stopped.contains(p)).cloned());
        if let Err(e) = write(&mut first, &during) {
            let detail = e.to_string();
            say.error(Msg::DeployManifestFirst {
                no_folder: no_folder(&detail),
                ftp: matches!(target.scheme, target::Scheme::Ftp | target::Scheme::Ftps),
                detail,
            });
            return ExitCode::from(1);
        }
    }

    // uploads, phase by phase, several connections at a time
    let mut stores = vec![first];
    let wanted = target.workers().min(plan.uploads.len().div_ceil(8)).max(1);
    // (opened side by side: a host whose logins take two seconds each,
    // Pure-FTPd with its users in a PureDB, kept the first deploy waiting
    // for them one after another; one that fails is done without)
    let more: Vec<_> = std::thread::scope(|scope| {
        let opening: Vec<_> = (1..wanted)
            .map(|_| scope.spawn(|| open(&target, &auth)))
            .collect();
        opening
            .into_iter()
            .filter_map(|o| o.join().ok()?.ok())
            .collect()
    });
    stores.extend(more);
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(plan.bytes);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {bytes}/{total_bytes} {pos_files}",
        )
        .map(|s| s.progress_chars("=> "))
        {
            b.set_style(style);
        }
        b.set_message(
            Msg::DeployUploading {
                files: plan.uploads.len(),
            }
            .text(lang),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let dir = opts.root.join("public");
    let stopped = &stopped;
    let checkpoints = Checkpoints::new(&during, opts.checkpoint);
    let checkpoints = &checkpoints;
    let failed: Mutex<Option<Msg>> = Mutex::new(None);
    let stop = AtomicBool::new(false);
    let mut i = 0;
    while i < plan.uploads.len() && !stop.load(Ordering::SeqCst) {
        let key = plan.uploads[i].key;
        let end = plan.uploads[i..]
            .iter()
            .position(|u| u.key != key)
            .map_or(plan.uploads.len(), |n| i + n);
        let group = &plan.uploads[i..end];
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for store in stores.iter_mut() {
                let (next, stop, failed, bar, dir) = (&next, &stop, &failed, &bar, &dir);
                scope.spawn(move || {
                    while !stop.load(Ordering::SeqCst) {
                        let k = next.fetch_add(1, Ordering::SeqCst);
                        let Some(Upload { path, entry, .. }) = group.get(k) else {
                            break;
                        };
                        let result = std::fs::read(dir.join(path))
                            .map_err(|e| Msg::DeployReadLocal {
                                path: path.clone(),
                                detail: e.to_string(),
                            })
                            .and_then(|bytes| {
                                let meta = Meta::of(path);
                                // (a stopped deploy may have left its
                                // temporary file)
                                match stopped.contains(path) {
                                    true => store.put_again(path, &bytes, &meta),
                                    false => store.put(path, &bytes, &meta),
                                }
                                .map_err(|e| {
                                    Msg::DeployUploadFailed {
                                        path: path.clone(),
                                        detail: e.to_string(),
                                    }
                                })
                            });
                        match result {
                            Ok(()) => {
                                bar.inc(entry.size);
                                checkpoints.done(path, entry);
                                checkpoints.maybe(store);
                            }
                            Err(m) => {
                                stop.store(true, Ordering::SeqCst);
                                if let Ok(mut f) = failed.lock() {
                                    f.get_or_insert(m);
                                }
                            }
                        }
                        if !opts.pause.is_zero() {
                            std::thread::sleep(opts.pause);
                        }
                    }
                });
            }
        });
        i = end;
    }
    bar.finish_and_clear();
    if let Some(m) = failed.lock().ok().and_then(|mut f| f.take()) {
        say.error(m);
        return ExitCode::from(1);
    }

    // the manifest, with the deletes still to do; then the deletes
    let Some(store) = stores.first_mut() else {
        return ExitCode::from(1);
    };
    let mut manifest = HostManifest {
        camnang: 1,
        files: local,
        pending_delete: plan.deletes.clone(),
        uploading: Vec::new(),
        site: site.clone(),
        locked: locked.iter().cloned().collect(),
        // (still camnang's: a procedure brought back writes over them)
        kept: plan.kept.iter().map(|(path, _)| path.clone()).collect(),
    };
    if let Err(e) = write(store, &manifest) {
        say.error(Msg::DeployManifestFailed {
            detail: e.to_string(),
        });
        return ExitCode::from(1);
    }
    let mut deleted = 0;
    let mut left = Vec::new();
    for path in &plan.deletes {
        // a file a stopped deploy was uploading, built no more: its
        // temporary file goes too
        if stopped.contains(path) {
            let _ = store.delete(&store::temp_name(path));
        }
        match store.delete(path) {
            Ok(()) => deleted += 1,
            Err(e) => {
                say.warning(Msg::DeployDeleteFailed {
                    path: path.clone(),
                    detail: e.to_string(),
                });
                left.push(path.clone());
            }
        }
    }
    if !plan.deletes.is_empty() {
        manifest.pending_delete = left;
        if let Err(e) = write(store, &manifest) {
            say.error(Msg::DeployManifestFailed {
                detail: e.to_string(),
            });
            return ExitCode::from(1);
        }
    }
    say.info(Msg::DeployDone {
        target: target.shown.clone(),
        uploaded: plan.uploads.len(),
        unchanged: plan.unchanged,
        deleted,
        bytes: plan.bytes,
        millis: start.elapsed().as_millis(),
    });
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(h: &str) -> Entry {
        Entry {
            sha256: h.into(),
            size: 1,
        }
    }

    #[test]
    fn certificate_names_are_read_from_rustls_refusals() {
        let one = "invalid peer certificate: certificate not valid for name \"127.0.0.1\"; certificate is only valid for DnsName(\"server42.hosting.example.vn\")";
        assert_eq!(
            certificate_name(one).as_deref(),
            Some("server42.hosting.example.vn")
        );
        let two = "certificate not valid for name \"ftp.xa.vn\"; certificate is only valid for [DnsName(\"a.host.vn\"), DnsName(\"b.host.vn\")]";
        assert_eq!(certificate_name(two).as_deref(), Some("a.host.vn"));
        let wild = "certificate not valid for name \"ftp.xa.vn\"; certificate is only valid for DnsName(\"*.host.vn\") or DnsName(\"host.vn\")";
        assert_eq!(certificate_name(wild).as_deref(), Some("host.vn"));
        let only = "certificate not valid for name \"ftp.xa.vn\"; certificate is only valid for DnsName(\"*.host.vn\")";
        assert_eq!(certificate_name(only).as_deref(), Some("*.host.vn"));
        assert_eq!(
            certificate_name("invalid peer certificate: UnknownIssuer"),
            None
        );
    }

    #[test]
    fn pages_go_up_after_what_they_need_and_before_what_leads_to_them() {
        let langs: BTreeSet<String> = ["en".to_string()].into();
        let order = [
            "assets/search.js",
            "in-an/ap-phich-a4/tt01.pdf",
            "q/tt01/qr.svg",
            "cu-tru/dang-ky/index.html",
            "cu-tru/index.html",
            "index.html",
            "en/index.html",
            "q/tt01/index.html",
            "en/q/tt01/index.html",
            "sw.js",
            "sitemap.xml",
            "search-index.json",
        ];
        let phases: Vec<u8> = order.iter().map(|p| phase(p, &langs).0).collect();
        assert_eq!(phases, [0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
        assert!(phase("cu-tru/dang-ky/index.html", &langs) < phase("cu-tru/index.html", &langs));
    }

    #[test]
    fn only_changed_files_go_up_and_only_ours_are_deleted() {
        let local: BTreeMap<String, Entry> = [
            ("index.html".to_string(), e("b")),
            ("a/index.html".to_string(), e("a")),
            ("q/tt01/index.html".to_string(), e("q")),
        ]
        .into();
        let host = HostManifest {
            camnang: 1,
            files: [
                ("index.html".to_string(), e("old")),
                ("a/index.html".to_string(), e("a")),
                ("gone/index.html".to_string(), e("g")),
                ("q/tt09/index.html".to_string(), e("q")),
                ("q/tt08/index.html".to_string(), e("q")),
            ]
            .into(),
            pending_delete: vec!["older/index.html".into()],
            // a page a stopped deploy was uploading, built no more
            uploading: vec!["stopped/index.html".into()],
            ..HostManifest::default()
        };
        let locked: BTreeSet<String> = ["tt09".to_string()].into();
        let p = plan(&local, &host, &locked);
        let up: Vec<&str> = p.uploads.iter().map(|u| u.path.as_str()).collect();
        // the short link of a new id first: the new page links to it
        assert_eq!(up, ["q/tt01/index.html", "index.html"]);
        assert_eq!(p.unchanged, 1);
        assert_eq!(
            p.deletes,
            [
                "gone/index.html",
                "older/index.html",
                "q/tt08/index.html",
                "stopped/index.html"
            ]
        );
        assert_eq!(
            p.kept,
            [("q/tt09/index.html".to_string(), "tt09".to_string())]
        );
    }

    /// A host holding `there` (files and folders), counting questions.
    struct Fake {
        there: BTreeSet<&'static str>,
        asked: usize,
    }

    impl Store for Fake {
        fn read(&mut self, _: &str) -> Result<Option<Vec<u8>>, StoreError> {
            Ok(None)
        }
        fn put(&mut self, _: &str, _: &[u8], _: &Meta) -> Result<(), StoreError> {
            Ok(())
        }
        fn delete(&mut self, _: &str) -> Result<(), StoreError> {
            Ok(())
        }
        fn exists(&mut self, path: &str) -> Result<bool, StoreError> {
            self.asked += 1;
            Ok(self.there.contains(path))
        }
    }

    #[test]
    fn only_files_camnang_did_not_upload_clash_and_empty_folders_are_asked_once() {
        let local: BTreeMap<String, Entry> = [
            "index.html",
            "robots.txt",
            "cu-tru/index.html",
            "cu-tru/a/index.html",
            "cu-tru/b/index.html",
            "files/mau.pdf",
            "q/tt01/index.html",
            "q/tt02/index.html",
        ]
        .into_iter()
        .map(|p| (p.to_string(), e(p)))
        .collect();
        let mut host = HostManifest::default();
        let mut fake = Fake {
            // an old site: its robots.txt and files/mau.pdf, and a folder
            // cu-tru/ with other pages
            there: [
                "robots.txt",
                "cu-tru",
                "cu-tru/cu.html",
                "files",
                "files/mau.pdf",
            ]
            .into(),
            asked: 0,
        };
        let p = plan(&local, &host, &BTreeSet::new());
        let found = clashes(&mut fake, &p, &host).unwrap();
        assert_eq!(found.replaced, ["files/mau.pdf", "robots.txt"]);
        // index.html, robots.txt, cu-tru, its three pages' folders and
        // index, files, files/mau.pdf, q (once for both short links)
        assert_eq!(fake.asked, 9);
        // what a stopped deploy was uploading is camnang's
        host.uploading = vec!["files/mau.pdf".into(), "robots.txt".into()];
        let p = plan(&local, &host, &BTreeSet::new());
        assert!(clashes(&mut fake, &p, &host).unwrap().replaced.is_empty());
    }

    #[test]
    fn short_ids_are_found() {
        assert_eq!(short_id("q/tt01/index.html"), Some("tt01"));
        assert_eq!(short_id("en/q/tt01/qr.svg"), Some("tt01"));
        assert_eq!(short_id("q/index.html"), None);
        assert_eq!(short_id("cu-tru/q/index.html"), None);
    }
}
