//! The build cache: files made by earlier builds (print files above all),
//! kept in `.camnang-cache/` beside `site.yaml` and reused when everything
//! they are made from is the same (their [`Key`]).
//!
//! - **Safe to delete.** The folder holds nothing else; without it the
//!   next build makes every file again.
//! - **Never published.** It sits beside the site, not in the output
//!   folder; the output gets a link to (or a copy of) a kept file.
//! - **Never trusted blindly.** The index records each kept file's size
//!   and CRC-32; a file that is missing, shorter, longer or changed (or
//!   an index line that does not parse, or names another path) is made
//!   again and kept anew.
//! - **Only camnang's files.** Cleaning up after a build removes only
//!   files named like the cache's own (a key in hexadecimal, or such a
//!   name with a temporary ending) inside its `files/` folder.
//! - **One build at a time.** A build holds a lock on the cache while it
//!   runs; a second build started meanwhile goes without the cache.
//!
//! Kept files are shared with the published site by hard links: a rebuild
//! puts a new file in the cache under a new name, never writing into one
//! that is already there.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diag::Diagnostic;
use crate::files::Existing;
use crate::messages::Msg;
use crate::output::{Content, Key, Reuse};

use crate::load::CACHE_DIR as FOLDER;
/// The first line of the index: the format it is written in.
const INDEX_HEADER: &str = "camnang build cache 1";

/// What the index records of one kept file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Entry {
    key: String,
    path: String,
    size: u64,
    crc32: u32,
    note: String,
}

/// The build cache of one site, open for one build.
pub(crate) struct BuildCache {
    dir: PathBuf,
    files: PathBuf,
    /// What the last build kept, by key.
    before: HashMap<String, Entry>,
    /// What this build used or kept.
    now: Mutex<Vec<Entry>>,
    /// Set when a file could not be written: the build goes on without
    /// keeping more (and says so once).
    broken: Mutex<Option<String>>,
    /// Files reused, and files kept.
    reused: AtomicUsize,
    kept: AtomicUsize,
    /// A number for temporary names.
    serial: AtomicUsize,
    /// Held while the build runs.
    _lock: fs::File,
}

/// Whether `name` is one the cache gives its files: a key (64 hex digits
/// in small letters), alone or with [`write_new`]'s temporary ending.
fn ours(name: &str) -> bool {
    let key = |k: &str| k.len() == 64 && k.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    key(name) || temp_of(name).is_some_and(key)
}

/// The name a temporary name of [`write_new`] (`NAME.tmp-PID-N`) stands
/// for.
fn temp_of(name: &str) -> Option<&str> {
    let (base, rest) = name.split_once(".tmp-")?;
    let (pid, n) = rest.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(pid) && digits(n)).then_some(base)
}

/// Whether the folder `dir`, with no tag of camnang's, holds nothing but
/// what a cache that was being made when its build stopped may hold: an
/// empty `files/`, a `lock`, a tag cut short or its temporary copy. A
/// missing folder (or not a folder: the error comes when it is made) too.
fn unmarked_but_empty(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return true;
    };
    entries.flatten().all(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        match name.as_str() {
            "files" => fs::read_dir(e.path()).is_ok_and(|mut f| f.next().is_none()),
            "lock" | "CACHEDIR.TAG" => e.file_type().is_ok_and(|t| t.is_file()),
            _ => temp_of(&name) == Some("CACHEDIR.TAG"),
        }
    })
}

/// The first line of the cache's `CACHEDIR.TAG`, the common mark that
/// tells backup tools to skip a folder.
const TAG_SIGNATURE: &str = "Signature: 8a477f597d28d172789f06886806bc55";
/// The line of `CACHEDIR.TAG` that says the folder is camnang's.
const TAG_OURS: &str = "# camnang's build cache: safe to delete, never published.";

/// Writes `path` through a temporary name (numbered `n`) and a rename, so
/// that no reader, and no file sharing the old one's data, sees it half
/// written.
fn write_new(path: &Path, bytes: &[u8], n: usize) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!("{name}.tmp-{}-{n}", std::process::id()));
    crate::files::write_via(path, &tmp, &[bytes], Existing::Replace, false)
}

impl BuildCache {
    /// Opens the cache of the site at `root`, making its folder if needed.
    /// `Ok(None)` when another build holds it; an error (to show as a
    /// warning) when it cannot be made or read: the build then goes on
    /// without it.
    pub(crate) fn open(root: &Path) -> Result<Option<BuildCache>, Diagnostic> {
        let dir = root.join(FOLDER);
        let files = dir.join("files");
        let failed = |e: std::io::Error| {
            Diagnostic::warning(Msg::CacheUnusable {
                detail: e.to_string(),
            })
            .in_file(format!("{FOLDER}/"))
        };
        let tag = dir.join("CACHEDIR.TAG");
        // a folder of that name holding what camnang did not make (its tag
        // missing or another's): its `index` and `lock` were written over
        // and files named like keys removed
        let ours = fs::read_to_string(&tag).is_ok_and(|t| t.lines().any(|l| l == TAG_OURS));
        if !ours && !unmarked_but_empty(&dir) {
            return Err(Diagnostic::warning(Msg::CacheNotOurs).in_file(format!("{FOLDER}/")));
        }
        // (the tag first, whole: a folder holding files and no tag is
        // another's)
        if !ours {
            fs::create_dir_all(&dir).map_err(failed)?;
            write_new(&tag, format!("{TAG_SIGNATURE}\n{TAG_OURS}\n").as_bytes(), 0)
                .map_err(failed)?;
        }
        fs::create_dir_all(&files).map_err(failed)?;
        let lock = fs::File::create(dir.join("lock")).map_err(failed)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Ok(None),
            Err(fs::TryLockError::Error(e)) => return Err(failed(e)),
        }
        // (held by this build: a temporary index there is a killed
        // build's, which the next ones would keep for ever)
        if let Ok(entries) = fs::read_dir(&dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if temp_of(&name) == Some("index") && e.file_type().is_ok_and(|t| t.is_file()) {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
        let before = fs::read_to_string(dir.join("index"))
            .ok()
            .filter(|t| t.lines().next() == Some(INDEX_HEADER))
            .map(|t| {
                t.lines()
                    .skip(1)
                    .filter_map(|l| serde_json::from_str::<Entry>(l).ok())
                    .map(|e| (e.key.clone(), e))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Some(BuildCache {
            dir,
            files,
            before,
            now: Mutex::new(Vec::new()),
            broken: Mutex::new(None),
            reused: AtomicUsize::new(0),
            kept: AtomicUsize::new(0),
            serial: AtomicUsize::new(0),
            _lock: lock,
        }))
    }

    /// Files reused from the cache, and files made and kept in it.
    pub(crate) fn counts(&self) -> (usize, usize) {
        (
            self.reused.load(Ordering::Relaxed),
            self.kept.load(Ordering::Relaxed),
        )
    }

    /// Why the cache stopped keeping files, if it did.
    pub(crate) fn trouble(&self) -> Option<Diagnostic> {
        let broken = self.broken.lock().ok()?.clone()?;
        Some(
            Diagnostic::warning(Msg::CacheUnusable { detail: broken })
                .in_file(format!("{FOLDER}/")),
        )
    }

    fn record(&self, e: Entry) {
        if let Ok(mut now) = self.now.lock() {
            now.push(e);
        }
    }

    fn is_broken(&self) -> bool {
        self.broken.lock().map_or(true, |b| b.is_some())
    }

    fn writes(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        write_new(path, bytes, self.serial.fetch_add(1, Ordering::Relaxed))
    }

    /// Writes the index of the files this build used or kept, and, after a
    /// build that published, removes the cache's files it did not use.
    /// Nothing else in the folder is touched.
    pub(crate) fn finish(self, published: bool) {
        let Ok(mut now) = self.now.into_inner() else {
            return;
        };
        let used: HashSet<String> = now.iter().map(|e| e.key.clone()).collect();
        if !published {
            // a failed build keeps what the last one kept, and adds its own
            now.extend(self.before.into_values().filter(|e| !used.contains(&e.key)));
        }
        now.sort_by(|a, b| a.path.cmp(&b.path).then(a.key.cmp(&b.key)));
        now.dedup_by(|a, b| a.key == b.key);
        let mut text = String::with_capacity(now.len() * 200 + 32);
        text.push_str(INDEX_HEADER);
        text.push('\n');
        for e in &now {
            if let Ok(line) = serde_json::to_string(e) {
                text.push_str(&line);
                text.push('\n');
            }
        }
        let serial = self.serial.load(Ordering::Relaxed);
        if write_new(&self.dir.join("index"), text.as_bytes(), serial).is_err() {
            return;
        }
        if !published {
            return;
        }
        let listed: HashSet<&str> = now.iter().map(|e| e.key.as_str()).collect();
        let Ok(entries) = fs::read_dir(&self.files) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_file = e.file_type().is_ok_and(|t| t.is_file());
            if is_file && ours(&name) && !listed.contains(name.as_str()) {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

impl Reuse for BuildCache {
    fn get(&self, path: &str, key: &Key) -> Option<(Content, String)> {
        let hex_key = key.hex();
        let entry = self.before.get(&hex_key).filter(|e| e.path == path)?;
        let file = self.files.join(&hex_key);
        // only a plain file: a link put there would be published as one
        if !fs::symlink_metadata(&file).is_ok_and(|m| m.is_file()) {
            return None;
        }
        let bytes = fs::read(&file).ok()?;
        if bytes.len() as u64 != entry.size || crc32fast::hash(&bytes) != entry.crc32 {
            return None;
        }
        self.reused.fetch_add(1, Ordering::Relaxed);
        self.record(entry.clone());
        Some((Content::Cached(file), entry.note.clone()))
    }

    fn keep(&self, path: &str, key: &Key, bytes: Vec<u8>, note: String) -> Content {
        if self.is_broken() {
            return Content::Bytes(bytes.into());
        }
        let hex_key = key.hex();
        let file = self.files.join(&hex_key);
        if let Err(e) = self.writes(&file, &bytes) {
            if let Ok(mut b) = self.broken.lock() {
                b.get_or_insert_with(|| format!("{}: {e}", file.display()));
            }
            return Content::Bytes(bytes.into());
        }
        self.kept.fetch_add(1, Ordering::Relaxed);
        self.record(Entry {
            key: hex_key,
            path: path.to_string(),
            size: bytes.len() as u64,
            crc32: crc32fast::hash(&bytes),
            note,
        });
        Content::Cached(file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::KeyMaker;

    fn key(s: &str) -> Key {
        KeyMaker::default().bytes(s.as_bytes()).key()
    }

    fn bytes_of(c: &Content) -> Vec<u8> {
        match c {
            Content::Cached(p) => fs::read(p).unwrap(),
            Content::Bytes(b) => b.to_vec(),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_kept_file_is_reused_by_the_next_build_with_its_note() {
        let dir = tempfile::tempdir().unwrap();
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        assert!(c.get("a.pdf", &key("a")).is_none());
        let kept = c.keep("a.pdf", &key("a"), b"PDF one".to_vec(), "cut".into());
        assert_eq!(bytes_of(&kept), b"PDF one");
        c.finish(true);
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        let (content, note) = c.get("a.pdf", &key("a")).unwrap();
        assert_eq!(
            (bytes_of(&content), note.as_str()),
            (b"PDF one".to_vec(), "cut")
        );
        // another key, or the same key for another path: not reused
        assert!(c.get("a.pdf", &key("b")).is_none());
        assert!(c.get("b.pdf", &key("a")).is_none());
        assert_eq!(c.counts(), (1, 0));
    }

    #[test]
    fn changed_or_missing_files_are_not_reused() {
        let dir = tempfile::tempdir().unwrap();
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        for name in ["a", "b", "c"] {
            c.keep(name, &key(name), b"%PDF-1.7 body".to_vec(), String::new());
        }
        c.finish(true);
        let files = dir.path().join(FOLDER).join("files");
        // same size, one byte changed; shorter; gone
        fs::write(files.join(key("a").hex()), b"%PDF-1.7 bodX").unwrap();
        fs::write(files.join(key("b").hex()), b"%PDF").unwrap();
        fs::remove_file(files.join(key("c").hex())).unwrap();
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        for name in ["a", "b", "c"] {
            assert!(c.get(name, &key(name)).is_none(), "{name}");
        }
    }

    #[test]
    fn a_broken_index_is_a_cold_cache() {
        let dir = tempfile::tempdir().unwrap();
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        c.keep("a", &key("a"), b"x".to_vec(), String::new());
        c.finish(true);
        let index = dir.path().join(FOLDER).join("index");
        let text = fs::read_to_string(&index).unwrap();
        fs::write(&index, text.replace("\"size\":1", "\"size\":")).unwrap();
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        assert!(c.get("a", &key("a")).is_none());
        drop(c);
        fs::write(&index, "something else\n").unwrap();
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        assert!(c.get("a", &key("a")).is_none());
    }

    #[test]
    fn cleaning_up_removes_only_unused_files_of_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        c.keep("a", &key("a"), b"a".to_vec(), String::new());
        c.keep("b", &key("b"), b"b".to_vec(), String::new());
        c.finish(true);
        let files = dir.path().join(FOLDER).join("files");
        let leftover = format!("{}.tmp-1-1", key("z").hex());
        fs::write(files.join(&leftover), b"half").unwrap();
        fs::write(files.join("notes.txt"), b"mine").unwrap();
        // the next build uses only `a`
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        assert!(c.get("a", &key("a")).is_some());
        c.finish(true);
        let mut left: Vec<String> = fs::read_dir(&files)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut want = vec![key("a").hex(), "notes.txt".to_string()];
        want.sort();
        assert_eq!(left, want);
        // names camnang never gives are never removed: a key in capitals,
        // a key with another ending
        let upper = key("y").hex().to_uppercase();
        let other = format!("{}.tmp-mine", key("x").hex());
        fs::write(files.join(&upper), b"mine").unwrap();
        fs::write(files.join(&other), b"mine").unwrap();
        // and a temporary index a killed build left goes
        let index_left = dir.path().join(FOLDER).join("index.tmp-99999999-3");
        fs::write(&index_left, b"half").unwrap();
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        c.finish(true);
        assert!(files.join(&upper).exists() && files.join(&other).exists());
        assert!(!index_left.exists());
    }

    #[test]
    fn a_folder_of_that_name_holding_others_files_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join(FOLDER);
        fs::create_dir_all(mine.join("files")).unwrap();
        let k = key("a").hex();
        for (name, text) in [("index", "my notes"), ("lock", "my lock")] {
            fs::write(mine.join(name), text).unwrap();
        }
        fs::write(mine.join("files").join(&k), b"mine").unwrap();
        let told = BuildCache::open(dir.path()).err().expect("not ours");
        assert!(matches!(told.msg, Msg::CacheNotOurs), "{told:?}");
        assert_eq!(fs::read_to_string(mine.join("index")).unwrap(), "my notes");
        assert_eq!(fs::read_to_string(mine.join("lock")).unwrap(), "my lock");
        assert!(mine.join("files").join(&k).exists());
        assert!(!mine.join("CACHEDIR.TAG").exists());
        // an empty folder of that name (made beforehand, or a link to an
        // empty folder) is taken, and so is one a build stopped while
        // making it left (an empty `files/`, a lock, no tag)
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(FOLDER)).unwrap();
        assert!(BuildCache::open(dir.path()).unwrap().is_some());
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(FOLDER).join("files")).unwrap();
        fs::write(dir.path().join(FOLDER).join("lock"), b"").unwrap();
        assert!(BuildCache::open(dir.path()).unwrap().is_some());
        assert!(dir.path().join(FOLDER).join("CACHEDIR.TAG").exists());
    }

    #[test]
    fn a_failed_build_keeps_what_the_last_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        c.keep("a", &key("a"), b"a".to_vec(), String::new());
        c.finish(true);
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        c.keep("b", &key("b"), b"b".to_vec(), String::new());
        c.finish(false);
        let c = BuildCache::open(dir.path()).unwrap().unwrap();
        assert!(c.get("a", &key("a")).is_some());
        assert!(c.get("b", &key("b")).is_some());
    }

    #[test]
    fn a_second_build_goes_without_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let first = BuildCache::open(dir.path()).unwrap().unwrap();
        assert!(BuildCache::open(dir.path()).unwrap().is_none());
        drop(first);
        assert!(BuildCache::open(dir.path()).unwrap().is_some());
    }
}
