//! Publish: write the built site without ever losing the previous one.
//!
//! Files are written into a staging folder next to the output, then swapped
//! in. A failed or interrupted build leaves the published site whole. The
//! output folder carries a manifest of every file camnang wrote; a folder
//! holding anything else is refused, so camnang never deletes a file it did
//! not create. Beside the output, [`stamps`] records what camnang wrote,
//! so that the next build keeps unchanged pages and QR codes (this module
//! is their `output::Prior`) and reads only the folders that changed.

mod stamps;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::files::Existing;
use crate::messages::Msg;
use crate::output::{Content, OutFile, Sink};

/// The list of files camnang wrote, kept in the output folder.
pub(crate) const MANIFEST: &str = ".camnang-manifest";
/// Marks a staging folder while it is being written.
const STAGING_MARK: &str = ".camnang-staging";

/// Resolves a path to an absolute one without requiring it to exist:
/// the existing part is canonicalised (symbolic links resolved), the rest
/// appended.
pub(crate) fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return normalise(&out);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return normalise(&abs),
        }
    }
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The stamps kept beside `output` (see [`stamps`]).
fn stamps_beside(output: &Path) -> stamps::Stamps {
    let out = resolve(output);
    match (out.parent(), out.file_name()) {
        (Some(parent), Some(name)) => {
            stamps::Stamps::read(&stamps::file(parent, &name.to_string_lossy()))
        }
        _ => stamps::Stamps::default(),
    }
}

/// Refuses output folders that would damage the site or other files (the
/// outer error), then starts writing a new site for `output` (the inner
/// one: a staging folder that could not be made), reading the stamps
/// beside the output once for both. If another build is writing beside
/// `output`, calls `waiting` and waits for it to end.
pub(crate) fn open(
    site_root: &Path,
    output: &Path,
    waiting: &dyn Fn(),
) -> Result<Result<Staging, Diagnostic>, Diagnostic> {
    let stamps = stamps_beside(output);
    check_with(site_root, output, &stamps)?;
    Ok(Staging::begin_with(output, stamps, waiting))
}

/// The first half of [`open`] (the tests' way to check a folder).
#[cfg(test)]
fn check_output(site_root: &Path, output: &Path) -> Result<(), Diagnostic> {
    check_with(site_root, output, &stamps_beside(output))
}

/// Refuses output folders that would damage the site or other files,
/// with the stamps beside the output already read.
fn check_with(site_root: &Path, output: &Path, stamps: &stamps::Stamps) -> Result<(), Diagnostic> {
    let root = resolve(site_root);
    let out = resolve(output);
    // (resolved as the output is: `content/` or `.camnang-cache/` may be a
    // link to a folder elsewhere, and the output that folder or one in it)
    let content = resolve(&root.join("content"));
    let themes = resolve(&root.join("themes"));
    let cache = resolve(&root.join(crate::load::CACHE_DIR));
    // each refusal names the output as it was given (a script's variable,
    // a folder typed wrong)
    let shown = output.display().to_string();
    let folder = match shown.ends_with('/') {
        true => shown.clone(),
        false => format!("{shown}/"),
    };
    let refused = |msg: Msg, at: &str| Err(Diagnostic::error(msg).in_file(at));
    if out == root || out == content || out == themes {
        return refused(Msg::OutputIsSource, &folder);
    }
    // the home folder itself (`--output ~`): the output is replaced whole
    // by the new site, and a home holds a person's own files
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .filter(|h| !h.is_empty())
        .map(|h| resolve(Path::new(&h)));
    if home.is_some_and(|h| out == h) {
        return refused(Msg::OutputIsHome, &folder);
    }
    if root.starts_with(&out) {
        return refused(Msg::OutputHoldsSource, &folder);
    }
    if out.starts_with(&content) || out.starts_with(&themes) || out.starts_with(&cache) {
        return refused(Msg::OutputInsideSource, &folder);
    }
    if mount_point(&out) {
        return refused(Msg::OutputIsMount, &folder);
    }
    match fs::symlink_metadata(&out) {
        Ok(m) if !m.is_dir() => refused(Msg::OutputNotFolder, &shown),
        Ok(_) => {
            let foreign = foreign_files(&out, stamps);
            if foreign.is_empty() {
                Ok(())
            } else {
                refused(Msg::OutputForeign { examples: foreign }, &folder)
            }
        }
        Err(_) => Ok(()),
    }
}

/// Whether `dir` is where a file system is mounted (a disk, a share, a
/// container's bind mount): it cannot be renamed or swapped. (Linux, from
/// 5.8; elsewhere, and on older kernels, no.)
#[cfg(target_os = "linux")]
fn mount_point(dir: &Path) -> bool {
    use rustix::fs::{AtFlags, CWD, StatxAttributes, StatxFlags, statx};
    statx(
        CWD,
        dir,
        AtFlags::NO_AUTOMOUNT | AtFlags::SYMLINK_NOFOLLOW,
        StatxFlags::empty(),
    )
    .is_ok_and(|r| {
        r.stx_attributes_mask.contains(StatxAttributes::MOUNT_ROOT)
            && r.stx_attributes.contains(StatxAttributes::MOUNT_ROOT)
    })
}

#[cfg(not(target_os = "linux"))]
fn mount_point(_: &Path) -> bool {
    false
}

/// Up to three entries of `dir` that camnang's manifest does not list.
fn foreign_files(dir: &Path, stamps: &stamps::Stamps) -> Vec<String> {
    let text = fs::read_to_string(dir.join(MANIFEST)).unwrap_or_default();
    foreign_in(dir, &text, stamps.of(dir, &text))
}

/// [`foreign_files`] of `dir` whose manifest reads `text`; folders whose
/// `stamps` show they did not change are not read.
fn foreign_in(dir: &Path, text: &str, stamps: Option<&stamps::Site>) -> Vec<String> {
    // what each folder of the manifest holds: its files and its folders
    let mut tree: HashMap<&str, Listed<'_>> = HashMap::new();
    tree.entry("").or_default().files.insert(MANIFEST);
    for f in text.lines().filter(|l| !l.is_empty()) {
        let (mut parent, name) = f.rsplit_once('/').unwrap_or(("", f));
        tree.entry(parent).or_default().files.insert(name);
        while !parent.is_empty() {
            let (up, folder) = parent.rsplit_once('/').unwrap_or(("", parent));
            if !tree.entry(up).or_default().folders.insert(folder) {
                break; // the folders above are in already
            }
            parent = up;
        }
    }
    let mut foreign = foreign_below(dir, "", &tree, stamps);
    foreign.sort();
    foreign.truncate(3);
    foreign
}

/// The files and folders one folder of a manifest holds.
#[derive(Default)]
struct Listed<'a> {
    files: HashSet<&'a str>,
    folders: HashSet<&'a str>,
}

/// The entries below `root/rel` that the manifest does not account for,
/// subfolders walked in parallel (a foreign folder is named, not entered).
/// Links are never followed: a link is an entry like a file. A folder
/// whose stamp shows it holds what it held when camnang wrote it (the
/// entries the manifest lists) is not read; its subfolders still are
/// looked at.
fn foreign_below(
    root: &Path,
    rel: &str,
    tree: &HashMap<&str, Listed<'_>>,
    stamps: Option<&stamps::Site>,
) -> Vec<String> {
    let empty = Listed::default();
    let here = tree.get(rel).unwrap_or(&empty);
    let key = |name: &str| match rel {
        "" => name.to_string(),
        _ => format!("{rel}/{name}"),
    };
    if !rel.is_empty() && stamps.is_some_and(|s| s.unchanged(root, rel)) {
        return here
            .folders
            .par_iter()
            .flat_map_iter(|f| foreign_below(root, &key(f), tree, stamps))
            .collect();
    }
    let Ok(entries) = fs::read_dir(root.join(rel)) else {
        return Vec::new();
    };
    let entries: Vec<fs::DirEntry> = entries.flatten().collect();
    entries
        .par_iter()
        .flat_map_iter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            match e.file_type().is_ok_and(|t| t.is_dir()) {
                true if here.folders.contains(name.as_ref()) => {
                    foreign_below(root, &key(&name), tree, stamps)
                }
                false if here.files.contains(name.as_ref()) => Vec::new(),
                _ => vec![key(&name)],
            }
        })
        .collect()
}

/// A site being written: a staging folder beside the output, marked as
/// camnang's while it is written, swapped in by [`Staging::commit`].
/// Dropped without a commit (a failed build), it is removed, and the site
/// published before stays as it was.
pub(crate) struct Staging {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    dir: PathBuf,
    committed: bool,
    /// Held until the build ends: see [`lock_beside`].
    _lock: Option<fs::File>,
    /// Folders made so far, so that each is made once, before its first
    /// file (as the files' paths write them: a text hashes faster than a
    /// path, which is read part by part).
    made: std::sync::Mutex<std::collections::HashSet<String>>,
    /// Whether a file could not be written (the disk, not the content).
    write_failed: std::sync::atomic::AtomicBool,
    /// Whether a site camnang wrote is published in the output folder.
    published: bool,
    /// What the build should be told about the spare site, if anything.
    note: Option<Diagnostic>,
    /// Whether a file was put (a recycled spare is then no longer whole).
    touched: std::sync::atomic::AtomicBool,
    /// The files of the spare site this build updates in place (see
    /// [`spare`]), when it found one.
    recycled: Option<BTreeSet<String>>,
    /// The stamps of the site published in the output folder (see
    /// [`stamps`]): which of its files may be linked into the new site.
    prior: Option<stamps::Site>,
    /// The stamp and key of every file with a key put so far, one list a
    /// thread (so that threads never wait for each other).
    stamped: Vec<std::sync::Mutex<Vec<stamps::Stamped>>>,
    /// Files with a key taken from the published site so far, or made
    /// again with the very bytes it (or the spare) holds.
    kept: std::sync::atomic::AtomicUsize,
    /// The staging folder, open: new files and folders are made relative
    /// to it (see [`Within`]).
    within: Within,
}

/// A site folder open for making files and folders in it, and stamping
/// them, by their relative paths (on Linux: the kernel then looks up only
/// the part below it, not the whole path again for each of 40,000 files).
/// Elsewhere, or when it could not be opened, the full paths are used.
struct Within {
    dir: PathBuf,
    #[cfg(target_os = "linux")]
    fd: Option<rustix::fd::OwnedFd>,
}

impl Within {
    fn open(dir: &Path) -> Within {
        Within {
            dir: dir.to_path_buf(),
            #[cfg(target_os = "linux")]
            fd: rustix::fs::open(
                dir,
                rustix::fs::OFlags::DIRECTORY
                    | rustix::fs::OFlags::CLOEXEC
                    | rustix::fs::OFlags::NOFOLLOW,
                rustix::fs::Mode::empty(),
            )
            .ok(),
        }
    }

    /// Makes the new file `rel` (`None`: make it by its full path).
    fn create(&self, rel: &str) -> Option<std::io::Result<fs::File>> {
        #[cfg(target_os = "linux")]
        if let Some(fd) = &self.fd {
            use rustix::fs::{Mode, OFlags};
            let made = rustix::fs::openat(
                fd,
                rel,
                OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o666),
            );
            return Some(made.map(fs::File::from).map_err(std::io::Error::from));
        }
        #[cfg(not(target_os = "linux"))]
        let _ = rel;
        None
    }

    /// Makes the folder `rel` whose parent is there; `false` when it
    /// could not (its parent missing, a file in its place: the full path
    /// is then taken).
    fn make_folder(&self, rel: &str) -> bool {
        #[cfg(target_os = "linux")]
        if let Some(fd) = &self.fd {
            return rustix::fs::mkdirat(fd, rel, rustix::fs::Mode::from_raw_mode(0o777)).is_ok();
        }
        #[cfg(not(target_os = "linux"))]
        let _ = rel;
        false
    }

    /// The stamp of the folder `rel` (see [`stamps`]), not following a
    /// link.
    fn stamp(&self, rel: &str) -> Option<stamps::Stamp> {
        #[cfg(target_os = "linux")]
        if let Some(fd) = &self.fd {
            let st = rustix::fs::statat(fd, rel, rustix::fs::AtFlags::SYMLINK_NOFOLLOW).ok()?;
            let is_dir =
                rustix::fs::FileType::from_raw_mode(st.st_mode) == rustix::fs::FileType::Directory;
            return is_dir.then_some((st.st_ino, st.st_ctime as i64, st.st_ctime_nsec as i64, 0));
        }
        stamps::stamp(&self.dir.join(rel), true)
    }
}

/// The site published before the current one, kept beside the output
/// (`.public.camnang-spare`) so that the next build updates it in place
/// (writing only what changed, removing only what is gone) and swaps it
/// in, instead of writing every file anew and removing a whole old site.
fn spare(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.camnang-spare"))
}

/// Takes the spare site as the new staging folder `dir`: only a folder
/// (not a link) holding camnang's manifest and nothing it does not list.
/// Gives the files it holds; a spare holding others' files is left alone
/// and named in `note`.
fn recycle(
    spare: &Path,
    dir: &Path,
    stamps: &stamps::Stamps,
    note: &mut Option<Diagnostic>,
) -> Option<BTreeSet<String>> {
    if !fs::symlink_metadata(spare).is_ok_and(|m| m.is_dir()) {
        return None;
    }
    let listed = fs::read_to_string(spare.join(MANIFEST)).ok()?;
    let foreign = foreign_in(spare, &listed, stamps.of(spare, &listed));
    if !foreign.is_empty() {
        *note = Some(Diagnostic::warning(Msg::SpareForeign {
            folder: spare.display().to_string(),
            examples: foreign,
        }));
        return None;
    }
    fs::rename(spare, dir).ok()?;
    Some(
        listed
            .lines()
            .filter(|l| !l.is_empty() && safe_relative(l))
            .map(str::to_string)
            .collect(),
    )
}

/// Whether `path` stays inside the folder it is relative to.
fn safe_relative(path: &str) -> bool {
    Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}

/// Makes `target` anew with `make`: whatever was there is removed first
/// (a file, or a folder of the recycled spare), so a file shared by a hard
/// link with the published site or the build cache is never written into.
fn replace(target: &Path, make: impl FnOnce(&Path) -> std::io::Result<()>) -> std::io::Result<()> {
    match fs::symlink_metadata(target) {
        Ok(m) if m.is_dir() => remove_tree(target)?,
        Ok(_) => fs::remove_file(target)?,
        Err(_) => {}
    }
    make(target)
}

/// Makes `folder` (relative) inside `root`; a file of the recycled spare
/// standing where a folder is now needed is removed first.
fn make_folder(root: &Path, folder: &Path) -> std::io::Result<()> {
    if fs::create_dir_all(root.join(folder)).is_ok() {
        return Ok(());
    }
    let mut at = root.to_path_buf();
    for part in folder.components() {
        at.push(part);
        if fs::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(&at)?;
        }
    }
    fs::create_dir_all(root.join(folder))
}

/// The metadata of `path` if it is a plain file holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> Option<fs::Metadata> {
    use std::io::Read as _;
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    let mut old = Vec::with_capacity(bytes.len());
    fs::File::open(path)
        .and_then(|f| f.take(bytes.len() as u64 + 1).read_to_end(&mut old))
        .is_ok_and(|_| old == bytes)
        .then_some(meta)
}

/// Writes `bytes` into a new file `path`, giving its metadata as written
/// in `written` when asked for one (`Some`: the file is stamped).
fn write_file(
    path: &Path,
    bytes: &[u8],
    written: Option<&mut Option<fs::Metadata>>,
) -> std::io::Result<()> {
    fill(fs::File::create(path)?, bytes, written)
}

/// Writes `bytes` into the new `file`, giving its metadata as written in
/// `written` when asked for one.
fn fill(
    mut file: fs::File,
    bytes: &[u8],
    written: Option<&mut Option<fs::Metadata>>,
) -> std::io::Result<()> {
    file.write_all(bytes)?;
    if let Some(w) = written {
        *w = file.metadata().ok();
    }
    Ok(())
}

/// [`write_failed`] naming the folder it happened in (the output's own,
/// where the new site is prepared: not the hidden staging folder).
fn write_failed_in(folder: &Path) -> impl Fn(std::io::Error) -> Diagnostic + '_ {
    move |e| {
        Diagnostic::error(Msg::WriteFailed {
            detail: format!("{}: {e}", folder.display()),
        })
    }
}

fn write_failed(e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Msg::WriteFailed {
        detail: e.to_string(),
    })
}

impl Staging {
    /// The second half of [`open`] (the tests' way to start a site).
    #[cfg(test)]
    fn begin(output: &Path, waiting: &dyn Fn()) -> Result<Staging, Diagnostic> {
        Staging::begin_with(output, stamps_beside(output), waiting)
    }

    /// Starts writing a new site for `output`, with the stamps beside it
    /// already read (read again if another build ran meanwhile). If another
    /// build is writing beside `output`, calls `waiting` and waits for it
    /// to end.
    fn begin_with(
        output: &Path,
        mut stamps: stamps::Stamps,
        waiting: &dyn Fn(),
    ) -> Result<Staging, Diagnostic> {
        let out = resolve(output);
        let parent = out
            .parent()
            .ok_or_else(|| write_failed(std::io::Error::other("no parent folder")))?
            .to_path_buf();
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        fs::create_dir_all(&parent).map_err(write_failed_in(&parent))?;
        let waited = std::cell::Cell::new(false);
        let lock = lock_beside(&parent, &|| {
            waited.set(true);
            waiting();
        });
        if waited.get() {
            stamps = stamps::Stamps::read(&stamps::file(&parent, &name));
        }
        remove_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.camnang-new-{}", std::process::id()));
        let mut note = None;
        let recycled = recycle(&spare(&parent, &name), &dir, &stamps, &mut note);
        if recycled.is_none() {
            fs::create_dir(&dir).map_err(write_failed_in(&parent))?;
        }
        let staging = Staging {
            note,
            recycled,
            prior: stamps.take_of(&out),
            // one list for each thread of the pool, and one for others
            stamped: (0..=rayon::current_num_threads())
                .map(|_| Default::default())
                .collect(),
            kept: Default::default(),
            published: out_is_ours(&out),
            out,
            parent,
            name,
            within: Within::open(&dir),
            dir,
            committed: false,
            _lock: lock,
            made: Default::default(),
            write_failed: Default::default(),
            touched: Default::default(),
        };
        fs::write(staging.dir.join(STAGING_MARK), b"").map_err(write_failed_in(&staging.parent))?;
        Ok(staging)
    }

    /// Writes one file into the new site. Safe to call from many threads.
    /// A file with a key is stamped (see [`stamps`]) once it is there.
    pub(crate) fn put(&self, f: &OutFile) -> std::io::Result<()> {
        let mut written = None;
        self.place(f, &mut written)?;
        if let Some(key) = f.key {
            // a file written now, or left as it was, comes with its metadata
            let stamp = match written {
                Some(m) => stamps::of_metadata(&m),
                None => stamps::of_file(&self.dir.join(&f.path)),
            };
            let shard = rayon::current_thread_index().map_or(0, |i| i + 1);
            if let (Some(s), Some(Ok(mut stamped))) =
                (stamp, self.stamped.get(shard).map(|m| m.lock()))
            {
                stamped.push((f.path.clone(), (s, key)));
            }
        }
        Ok(())
    }

    /// [`Staging::put`] without the stamp; a file with a key written anew,
    /// or a file left as it was, gives its metadata (in `written`).
    fn place(&self, f: &OutFile, written: &mut Option<fs::Metadata>) -> std::io::Result<()> {
        // (only a file with a key is stamped: others need no metadata)
        let keyed = f.key.is_some();
        self.touched
            .store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some((folder, _)) = f.path.rsplit_once('/')
            && !folder.is_empty()
            && !self.made.lock().is_ok_and(|m| m.contains(folder))
        {
            if self.recycled.is_some() || !self.within.make_folder(folder) {
                make_folder(&self.dir, Path::new(folder))?;
            }
            if let Ok(mut m) = self.made.lock() {
                m.insert(folder.to_string());
            }
        }
        let target = self.dir.join(&f.path);
        if self.recycled.is_some() {
            // the spare site: a file that is already right stays as it is
            let right = match &f.content {
                Content::Bytes(b) => same_bytes(&target, b),
                Content::Cached(src) => same_file(src, &target),
                Content::Copy(_) | Content::Written => None,
            };
            // made again (not taken from the published site), yet the
            // same as what that site holds
            if let (true, true, Content::Bytes(b)) = (keyed, self.published, &f.content)
                && same_bytes(&self.out.join(&f.path), b).is_some()
            {
                self.same_again();
            }
            if right.is_some() {
                *written = right;
                return Ok(());
            }
            let mut write = |t: &Path, b: &[u8]| write_file(t, b, keyed.then_some(&mut *written));
            return match &f.content {
                Content::Bytes(b) => replace(&target, |t| write(t, b.as_slice())),
                Content::Copy(src) => replace(&target, |t| fs::copy(src, t).map(|_| ())),
                Content::Cached(src) => replace(&target, |t| link_or_copy(src, t)),
                Content::Written => Ok(()),
            };
        }
        let mut write = |t: &Path, b: &[u8]| write_file(t, b, keyed.then_some(&mut *written));
        match &f.content {
            // a file the published site already holds byte for byte is
            // linked from it, not written again: a rebuild then writes only
            // what changed, and removing the old site frees only that
            Content::Bytes(b) => {
                let published = self.out.join(&f.path);
                if self.published
                    && same_bytes(&published, b).is_some()
                    && fs::hard_link(&published, &target).is_ok()
                {
                    if keyed {
                        self.same_again();
                    }
                    return Ok(());
                }
                match self.within.create(&f.path) {
                    Some(file) => fill(file?, b, keyed.then_some(written)),
                    None => write(&target, b.as_slice()),
                }
            }
            Content::Copy(src) => fs::copy(src, target).map(|_| ()),
            // the build cache is camnang's own: its files may be shared
            // with the site (a rebuild replaces them, never writes into
            // them); a cache on another file system is copied from
            Content::Cached(src) => link_or_copy(src, &target),
            Content::Written => Ok(()),
        }
    }

    /// Counts a file with a key made again with the bytes the site
    /// published before holds: kept, as far as anyone can tell (a page
    /// whose stamp was not taken, because the last build wrote it in the
    /// same tick of the file system's clock as its manifest, is made again
    /// and found the same).
    fn same_again(&self) {
        self.kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Writes the manifest of `paths` and swaps the new site in. Gives
    /// how many files with a key were taken unchanged from the site
    /// published before, and how many were made anew.
    /// The staging folder is kept (and with it the lock on the output's
    /// folder) until it is dropped: the build finishes its build cache and
    /// `qr-lock.yaml` before another build may start writing.
    pub(crate) fn commit(&mut self, paths: &[String]) -> Result<(usize, usize), Diagnostic> {
        // counted before the stamps are taken for the file beside the site
        let kept = self.kept();
        if let Some(before) = &self.recycled {
            // what the spare held and this site does not: removed, and the
            // folders that leaves empty
            let now: BTreeSet<&str> = paths.iter().map(String::as_str).collect();
            for gone in before.iter().filter(|p| !now.contains(p.as_str())) {
                let _ = fs::remove_file(self.dir.join(gone));
                let mut folder = Path::new(gone).parent();
                while let Some(f) = folder.filter(|f| !f.as_os_str().is_empty()) {
                    if fs::remove_dir(self.dir.join(f)).is_err() {
                        break;
                    }
                    folder = f.parent();
                }
            }
        }
        let mut listed = String::with_capacity(paths.iter().map(|p| p.len() + 1).sum());
        for p in paths {
            listed.push_str(p);
            listed.push('\n');
        }
        let mut manifest = fs::File::create(self.dir.join(MANIFEST)).map_err(write_failed)?;
        manifest
            .write_all(listed.as_bytes())
            .map_err(write_failed)?;
        manifest.sync_all().map_err(write_failed)?;
        fs::remove_file(self.dir.join(STAGING_MARK)).map_err(write_failed)?;
        // the manifest's change time is the file system's clock now
        if let Ok(now) = manifest.metadata() {
            self.stamp(&listed, paths, &now);
        }
        let pid = std::process::id();
        if let Err(e) = swap(&self.dir, &self.out, &self.parent, &self.name, pid) {
            // the published site stayed (a locked or read-only output
            // folder): the new one, no longer marked, is removed here
            if fs::symlink_metadata(&self.out).is_ok() {
                let _ = fs::remove_dir_all(&self.dir);
            }
            return Err(Diagnostic::error(Msg::WriteFailed {
                detail: format!("{}: {e}", self.out.display()),
            }));
        }
        self.committed = true;
        Ok(kept)
    }
}

impl Staging {
    /// Stamps the folders of the new site (see [`stamps`]) and keeps them
    /// beside the output with those of the site it replaces, which
    /// becomes the spare. Stamps that cannot be written are left out: the
    /// next build then reads every folder.
    fn stamp(&self, listed: &str, paths: &[String], now: &fs::Metadata) {
        let file = stamps::file(&self.parent, &self.name);
        let files: Vec<_> = self
            .stamped
            .iter()
            .filter_map(|m| m.lock().ok().map(|mut s| std::mem::take(&mut *s)))
            .flatten()
            .collect();
        let folders = stamps::folders_of(paths);
        let Some(new) = stamps::Site::take(&self.within, listed, now, &folders, files) else {
            let _ = fs::remove_file(&file);
            return;
        };
        let text = stamps::Stamps::text(&new, self.prior.as_ref());
        let parts: Vec<&[u8]> = text.iter().map(String::as_bytes).collect();
        if write_whole(&file, &parts).is_err() {
            let _ = fs::remove_file(&file);
        }
    }

    /// How many files with a key were taken unchanged from the site
    /// published before, and how many were made anew (before the stamps
    /// are taken by [`Staging::stamp`]).
    fn kept(&self) -> (usize, usize) {
        let kept = self.kept.load(std::sync::atomic::Ordering::Relaxed);
        let keyed: usize = self
            .stamped
            .iter()
            .map(|m| m.lock().map(|s| s.len()).unwrap_or(0))
            .sum();
        (kept, keyed.saturating_sub(kept))
    }

    /// A warning about the spare site beside the output (it holds files
    /// camnang did not write), to show with the build's report.
    pub(crate) fn take_note(&mut self) -> Option<Diagnostic> {
        self.note.take()
    }

    /// Whether a file could not be written: the build then failed for
    /// the output folder's sake, not the content's.
    pub(crate) fn write_failed(&self) -> bool {
        self.write_failed.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl crate::output::Prior for Staging {
    fn get(&self, path: &str, key: u64) -> Option<PathBuf> {
        let found = self.prior.as_ref()?.file(&self.out, path, key)?;
        self.kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(found)
    }
}

impl Sink for Staging {
    fn take(&self, f: OutFile) -> Result<OutFile, Diagnostic> {
        self.put(&f).map_err(|e| {
            self.write_failed
                .store(true, std::sync::atomic::Ordering::Relaxed);
            Diagnostic::error(Msg::WriteFailed {
                detail: format!("{}: {e}", f.path),
            })
        })?;
        Ok(OutFile {
            path: f.path,
            content: Content::Written,
            key: f.key,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed || !self.dir.join(STAGING_MARK).exists() {
            return;
        }
        // a spare taken but not yet written into goes back as it was (a
        // build that stopped at a content mistake keeps it for the next)
        let untouched = !self.touched.load(std::sync::atomic::Ordering::Relaxed);
        if self.recycled.is_some() && untouched {
            let back = fs::remove_file(self.dir.join(STAGING_MARK))
                .and_then(|()| fs::rename(&self.dir, spare(&self.parent, &self.name)));
            if back.is_ok() {
                return;
            }
        }
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The ids of the short links (`q/<id>/`, `<lang>/q/<id>/`) of the site
/// camnang published in `out` that `kept` does not keep, in order, read
/// from its manifest (none if it has none). Every build reads it: only
/// the ids not kept are made into texts.
pub(crate) fn short_links_dropped(out: &Path, kept: impl Fn(&str) -> bool) -> BTreeSet<String> {
    let listed = fs::read_to_string(out.join(MANIFEST)).unwrap_or_default();
    listed
        .lines()
        .filter_map(|l| {
            // `q/<id>/index.html`, or with a language's folder before it
            let (folder, id) = l.strip_suffix("/index.html")?.rsplit_once('/')?;
            let q = folder.rsplit_once('/').map_or(folder, |(lang, q)| {
                // (one folder before `q`, no more)
                if lang.contains('/') { "" } else { q }
            });
            (q == crate::model::routes::SHORT_DIR && !kept(id)).then(|| id.to_string())
        })
        .collect()
}

/// How many files of the site camnang published in `out` lie in the folder
/// `dir` (relative, no slash) with a name ending in `ext`, from its
/// manifest: none if it has none.
pub(crate) fn published_in(out: &Path, dir: &str, ext: &str) -> usize {
    let listed = fs::read_to_string(out.join(MANIFEST)).unwrap_or_default();
    listed
        .lines()
        .filter(|l| l.strip_prefix(dir).is_some_and(|r| r.starts_with('/')))
        .filter(|l| l.ends_with(ext))
        .count()
}

/// Whether `out` is a folder holding a site camnang published (its
/// manifest is there).
fn out_is_ours(out: &Path) -> bool {
    fs::symlink_metadata(out.join(MANIFEST)).is_ok_and(|m| m.is_file())
}

/// One build at a time writes beside an output folder: a second build
/// started meanwhile would take the first one's staging folder for a
/// leftover of a killed build and remove it. The lock is on the folder that
/// holds the output (the operating system drops it when the build ends,
/// even when killed), so nothing is left behind. Where folders cannot be
/// locked the build goes on unlocked.
fn lock_beside(parent: &Path, waiting: &dyn Fn()) -> Option<fs::File> {
    if !cfg!(unix) {
        return None;
    }
    crate::files::hold_lock(fs::File::open(parent).ok()?, waiting)
}

/// Writes `files` into `output`, replacing the site published there before.
/// (The tests' way to publish a site.)
#[cfg(test)]
pub fn publish(output: &Path, files: &[OutFile]) -> Result<(), Diagnostic> {
    let mut staging = Staging::begin(output, &|| {})?;
    files
        .par_iter()
        .try_for_each(|f| staging.put(f))
        .map_err(write_failed)?;
    let paths: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    staging.commit(&paths).map(|_| ())
}

/// Puts the staging folder in the output's place. On Linux the two are
/// exchanged in one atomic step, so a reader (or a build killed right
/// then) sees the old site or the new one, never no site; elsewhere, and
/// on file systems that cannot exchange, two renames follow each other.
fn swap(staging: &Path, out: &Path, parent: &Path, name: &str, pid: u32) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    if fs::symlink_metadata(out).is_ok() {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // the old site is now where the staging folder was; the new
            // one is published even if the old one cannot be kept aside
            // (a leftover the next build removes)
            let _ = keep_spare(staging, parent, name, pid);
            return Ok(());
        }
    }
    if fs::symlink_metadata(out).is_ok() {
        let old = parent.join(format!(".{name}.camnang-old-{pid}"));
        fs::rename(out, &old)?;
        if let Err(e) = fs::rename(staging, out) {
            let _ = fs::rename(&old, out);
            return Err(e);
        }
        let _ = keep_spare(&old, parent, name, pid);
        Ok(())
    } else {
        fs::rename(staging, out)
    }
}

/// Keeps the old site as the spare the next build updates (see [`spare`]),
/// or removes it if it cannot be kept.
fn keep_spare(old: &Path, parent: &Path, name: &str, pid: u32) -> std::io::Result<()> {
    match fs::rename(old, spare(parent, name)) {
        Ok(()) => Ok(()),
        Err(_) => remove_old(old, parent, name, pid),
    }
}

/// The metadata of `b` if `a` and `b` are one file (hard links to the
/// same data).
fn same_file(a: &Path, b: &Path) -> Option<fs::Metadata> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let (x, y) = (fs::symlink_metadata(a).ok()?, fs::symlink_metadata(b).ok()?);
        (x.is_file() && y.is_file() && x.dev() == y.dev() && x.ino() == y.ino()).then_some(y)
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        None
    }
}

/// Removes the old site: first renamed to a trash name, so that a build
/// killed while removing it (its manifest may already be gone) leaves a
/// folder every later build recognises by its name alone.
fn remove_old(old: &Path, parent: &Path, name: &str, pid: u32) -> std::io::Result<()> {
    trash(
        old,
        &parent.join(format!(".{name}.camnang-trash-{pid}-old")),
    )
}

/// Renames `dir` to the trash name `to`, then removes it (in place if it
/// cannot be renamed).
fn trash(dir: &Path, to: &Path) -> std::io::Result<()> {
    match fs::rename(dir, to) {
        Ok(()) => remove_tree(to),
        Err(_) => remove_tree(dir),
    }
}

/// Links `src` (a file of the build cache) to `target`, or copies it where
/// the two are on different file systems.
fn link_or_copy(src: &Path, target: &Path) -> std::io::Result<()> {
    fs::hard_link(src, target).or_else(|_| fs::copy(src, target).map(|_| ()))
}

/// Removes a folder of the old site and everything in it, its subfolders
/// in parallel (a site of 10,000 procedures has tens of thousands of files:
/// removing them one by one made a rebuild slower than a first build).
/// Symbolic links are removed, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            fs::remove_file(e.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Writes `text` to `path` through a temporary file and a rename, and only
/// if it changed. Returns whether it wrote.
pub(crate) fn write_if_changed(path: &Path, text: &str) -> std::io::Result<bool> {
    if fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(false);
    }
    write_whole(path, &[text.as_bytes()])?;
    Ok(true)
}

/// Writes `parts`, one after the other, to `path` through a temporary
/// file beside it ([`temporary`]) and a rename: a reader sees the old file
/// or the new one, never half of one.
fn write_whole(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    crate::files::write_via(path, &temporary(path), parts, Existing::Replace, false)
}

/// The temporary name [`write_whole`] writes `path` under.
fn temporary(path: &Path) -> PathBuf {
    path.with_extension("camnang-tmp")
}

/// Removes staging and old folders left by an interrupted build: only
/// folders with camnang's names that carry its staging mark or manifest.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let new_prefix = format!(".{name}.camnang-new-");
    let old_prefix = format!(".{name}.camnang-old-");
    // a leftover is first renamed to a trash name, then deleted: a build
    // killed while deleting leaves a folder every later build recognises
    // by its name alone (deleting may already have taken its marker)
    let trash_prefix = format!(".{name}.camnang-trash-");
    // stamps being written when a build was killed
    let stamps_tmp = temporary(&stamps::file(parent, name));
    for (i, e) in entries.flatten().enumerate() {
        let n = e.file_name().to_string_lossy().into_owned();
        let p = e.path();
        if p == stamps_tmp {
            let _ = fs::remove_file(&p);
            continue;
        }
        if n.starts_with(&trash_prefix) {
            let _ = fs::remove_dir_all(&p);
            continue;
        }
        if !(n.starts_with(&new_prefix) || n.starts_with(&old_prefix)) {
            continue;
        }
        // an empty one is a build killed between making it and marking it
        let empty = fs::read_dir(&p).is_ok_and(|mut d| d.next().is_none());
        if p.join(STAGING_MARK).exists() || p.join(MANIFEST).exists() || empty {
            let to = parent.join(format!("{trash_prefix}{}-{i}", std::process::id()));
            let _ = trash(&p, &to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(dir: &Path) -> PathBuf {
        let root = dir.join("site");
        fs::create_dir_all(root.join("content/cu-tru")).unwrap();
        fs::create_dir_all(root.join("themes/default")).unwrap();
        root
    }

    #[test]
    fn refuses_output_folders_that_hold_or_are_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let root = site(dir.path());
        let code = |out: PathBuf| check_output(&root, &out).err().map(|d| d.msg.code());
        assert_eq!(code(root.clone()), Some("E040"));
        assert_eq!(code(root.join("content")), Some("E040"));
        assert_eq!(code(root.join("content/../content")), Some("E040"));
        assert_eq!(code(dir.path().to_path_buf()), Some("E041"));
        assert_eq!(code(PathBuf::from("/")), Some("E041"));
        assert_eq!(code(root.join("content/cu-tru/out")), Some("E042"));
        assert_eq!(code(root.join(".camnang-cache")), Some("E042"));
        assert_eq!(code(root.join("public")), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn refuses_a_mount_point() {
        // (a container's bind mount given as the output: every build
        // failed with "Device or resource busy" and a hint on disk space)
        let dir = tempfile::tempdir().unwrap();
        let root = site(dir.path());
        assert!(mount_point(Path::new("/proc")));
        assert!(!mount_point(dir.path()));
        let told = check_output(&root, Path::new("/proc")).unwrap_err();
        assert_eq!(told.msg.code(), "E155");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_the_folders_the_sites_links_lead_to() {
        // `.camnang-cache` and `content` as links to folders elsewhere: an
        // output there, or in one, was taken, and the cache published
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("themes")).unwrap();
        let cache = dir.path().join("cache-elsewhere");
        let content = dir.path().join("content-elsewhere");
        fs::create_dir_all(content.join("cu-tru")).unwrap();
        fs::create_dir_all(&cache).unwrap();
        std::os::unix::fs::symlink(&cache, root.join(".camnang-cache")).unwrap();
        std::os::unix::fs::symlink(&content, root.join("content")).unwrap();
        let code = |out: PathBuf| check_output(&root, &out).err().map(|d| d.msg.code());
        assert_eq!(code(cache.clone()), Some("E042"));
        assert_eq!(code(root.join(".camnang-cache/out")), Some("E042"));
        assert_eq!(code(content.clone()), Some("E040"));
        assert_eq!(code(root.join("content/public")), Some("E042"));
        assert_eq!(code(content.join("public")), Some("E042"));
        assert_eq!(code(dir.path().join("public")), None);
    }

    #[test]
    fn refuses_folders_with_foreign_files_and_names_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = site(dir.path());
        let out = dir.path().join("photos");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("wedding.jpg"), b"x").unwrap();
        let err = check_output(&root, &out).unwrap_err();
        assert_eq!(
            err.msg,
            Msg::OutputForeign {
                examples: vec!["wedding.jpg".into()]
            }
        );
        assert!(out.join("wedding.jpg").exists());
    }

    #[test]
    fn publishing_replaces_only_our_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = site(dir.path());
        let out = root.join("public");
        let files = vec![OutFile::bytes("a/index.html".into(), b"one".to_vec())];
        check_output(&root, &out).unwrap();
        publish(&out, &files).unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");
        // a second build into the same folder is fine
        check_output(&root, &out).unwrap();
        publish(&out, &[OutFile::bytes("b.html".into(), b"two".to_vec())]).unwrap();
        assert!(!out.join("a").exists());
        // a file someone added makes the folder foreign
        fs::write(out.join("notes.txt"), b"mine").unwrap();
        assert!(check_output(&root, &out).is_err());
        // no staging folders left behind: the site, the spare the next
        // build updates and the stamps of both
        let mut left: Vec<_> = fs::read_dir(&root)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".public.camnang-spare",
                ".public.camnang-stamps",
                "content",
                "public",
                "themes"
            ],
            "{left:?}"
        );
    }

    #[test]
    fn the_spare_is_updated_in_place_and_only_with_our_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = site(dir.path());
        let out = root.join("public");
        let spare = root.join(".public.camnang-spare");
        let file = |p: &str, b: &str| OutFile::bytes(p.into(), b.as_bytes().to_vec());
        publish(&out, &[file("a/index.html", "1"), file("b.html", "1")]).unwrap();
        publish(&out, &[file("a/index.html", "2"), file("b.html", "1")]).unwrap();
        assert_eq!(fs::read(spare.join("a/index.html")).unwrap(), b"1");
        // the third build takes the spare: a folder gone, a file where a
        // folder was, a new folder; the result is exactly the new site
        publish(
            &out,
            &[file("a", "3"), file("c/d/e.html", "3"), file("b.html", "1")],
        )
        .unwrap();
        let mut now: Vec<String> = files_of(&out);
        now.sort();
        assert_eq!(now, [".camnang-manifest", "a", "b.html", "c/d/e.html"]);
        assert_eq!(fs::read(out.join("a")).unwrap(), b"3");
        // a content mistake (staging dropped untouched) keeps the spare
        drop(Staging::begin(&out, &|| {}).unwrap());
        assert!(spare.join(MANIFEST).exists());
        // a spare holding a file camnang did not write is not taken (and
        // not removed, and the build says so): the next site is written
        // anew beside it
        fs::write(spare.join("notes.txt"), "mine").unwrap();
        let mut s = Staging::begin(&out, &|| {}).unwrap();
        let note = s.take_note().expect("a warning about the spare");
        assert_eq!(note.msg.code(), "W044");
        assert!(
            note.msg
                .text(crate::messages::Lang::En)
                .contains("notes.txt")
        );
        drop(s);
        publish(&out, &[file("b.html", "4")]).unwrap();
        assert_eq!(fs::read(spare.join("notes.txt")).unwrap(), b"mine");
        let mut now: Vec<String> = files_of(&out);
        now.sort();
        assert_eq!(now, [".camnang-manifest", "b.html"]);
    }

    /// Every file below a folder, relative, with `/`.
    fn files_of(dir: &Path) -> Vec<String> {
        walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect()
    }

    #[test]
    #[cfg(unix)]
    fn a_rebuild_links_unchanged_files_from_the_published_site() {
        use std::os::unix::fs::MetadataExt as _;
        let dir = tempfile::tempdir().unwrap();
        let root = site(dir.path());
        let out = root.join("public");
        let file = |p: &str, b: &str| OutFile::bytes(p.into(), b.as_bytes().to_vec());
        publish(&out, &[file("a.html", "same"), file("b.html", "old")]).unwrap();
        let ino = |p: &str| fs::metadata(out.join(p)).unwrap().ino();
        let (a, b) = (ino("a.html"), ino("b.html"));
        // a failed build (dropped staging) leaves the published files whole
        let failed = Staging::begin(&out, &|| {}).unwrap();
        failed.put(&file("a.html", "same")).unwrap();
        failed.put(&file("b.html", "new")).unwrap();
        drop(failed);
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"same");
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"old");
        publish(&out, &[file("a.html", "same"), file("b.html", "new")]).unwrap();
        assert_eq!(ino("a.html"), a, "the unchanged file is linked");
        assert_ne!(ino("b.html"), b, "the changed file is written anew");
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"new");
        // a published file changed by hand is not trusted: written anew
        fs::write(out.join("a.html"), "edit").unwrap();
        publish(&out, &[file("a.html", "same")]).unwrap();
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"same");
    }

    #[test]
    fn a_second_build_waits_until_the_first_is_published() {
        let dir = tempfile::tempdir().unwrap();
        let root = site(dir.path());
        let out = root.join("public");
        let mut first = Staging::begin(&out, &|| panic!("nothing to wait for")).unwrap();
        first
            .put(&OutFile::bytes("a.html".into(), b"one".to_vec()))
            .unwrap();
        let waited = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (tx, started) = std::sync::mpsc::channel();
        let second = {
            let (out, waited) = (out.clone(), waited.clone());
            std::thread::spawn(move || {
                let mut s = Staging::begin(&out, &|| {
                    waited.store(true, std::sync::atomic::Ordering::SeqCst)
                })
                .unwrap();
                tx.send(()).unwrap();
                s.put(&OutFile::bytes("b.html".into(), b"two".to_vec()))
                    .unwrap();
                s.commit(&["b.html".into()]).unwrap();
            })
        };
        // the second build waits, and leaves the first one's files alone
        assert!(
            started
                .recv_timeout(std::time::Duration::from_millis(300))
                .is_err()
        );
        assert!(waited.load(std::sync::atomic::Ordering::SeqCst));
        first.commit(&["a.html".into()]).unwrap();
        // the second waits until the first build has ended, not only swapped
        drop(first);
        second.join().unwrap();
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"two");
        assert!(!out.join("a.html").exists());
    }
}
