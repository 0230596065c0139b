//! Stamps: what each folder and file of a site looked like (inode,
//! change time, and a file's length) when camnang finished writing it,
//! kept beside the output (`.public.camnang-stamps`) with the key of
//! every page and QR code, so that the next build
//!
//! - need not read every folder of the published site and of the spare to
//!   make sure they hold nothing camnang did not write, and
//! - need not make again a page or QR code whose key did not change: it is
//!   linked from the published site (see `crate::output::Prior`).
//!
//! Adding, removing or renaming an entry of a folder moves the folder's
//! change time, and writing into a file moves the file's; nothing but the
//! system clock can set a change time. So a folder whose inode and change
//! time are those stamped holds exactly the entries it held when it was
//! stamped (the ones its site's manifest lists), and a file whose inode,
//! change time and length are those stamped holds the bytes camnang
//! wrote. Anything whose change time is not before that of the manifest,
//! written just before the stamps are taken, is not stamped (a change
//! within the same tick of the file system's clock would not move its
//! change time: as git does with its index); the folder stamps of a
//! site are used only with the manifest they were taken with; anything
//! whose stamp does not match is read, or made, as before. Stamps are
//! camnang's own bookkeeping: deleting the file only makes the next build
//! read every folder and make every file. Unix only, and not on FAT or
//! exFAT, whose change time is the modification time anyone can set back
//! (there nothing is stamped).

use std::fs;
use std::hash::{DefaultHasher, Hasher as _};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// The first line of a stamps file.
const HEADER: &str = "camnang-stamps 1";

/// (inode, change time: seconds, nanoseconds, length) of a folder or file
/// (the length of a folder is 0).
pub(super) type Stamp = (u64, i64, i64, u64);

/// A file's path in its site folder, its stamp and its key.
pub(super) type Stamped = (String, (Stamp, u64));

/// The stamps kept beside the output folder `name` in `parent`.
pub(super) fn file(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.camnang-stamps"))
}

/// The stamps of one site folder.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Site {
    /// The site folder's device and inode (kept when it is renamed).
    root: (u64, u64),
    /// A digest of the manifest the folders were stamped with.
    manifest: u64,
    /// Every stamped folder, relative to the site folder, sorted.
    folders: Vec<(String, Stamp)>,
    /// Every stamped file with a key, relative to the site folder, sorted.
    files: Vec<Stamped>,
}

/// The value of `key` in the list `sorted` (sorted by key).
fn find<'a, T>(sorted: &'a [(String, T)], key: &str) -> Option<&'a T> {
    let at = sorted.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok()?;
    sorted.get(at).map(|(_, v)| v)
}

impl Site {
    /// Whether the folder `rel` of the site folder `dir` holds exactly
    /// the entries it held when it was stamped.
    pub(super) fn unchanged(&self, dir: &Path, rel: &str) -> bool {
        find(&self.folders, rel).is_some_and(|s| stamp(&dir.join(rel), true) == Some(*s))
    }

    /// The file `rel` of the site folder `dir`, if it was made from inputs
    /// with `key` and is still as camnang wrote it.
    pub(super) fn file(&self, dir: &Path, rel: &str, key: u64) -> Option<PathBuf> {
        let (s, k) = find(&self.files, rel)?;
        let path = dir.join(rel);
        (*k == key && stamp(&path, false) == Some(*s)).then_some(path)
    }

    /// Stamps the site folder open in `at`, whose manifest reads `manifest`: its
    /// `folders` (relative) and the `files` stamped as they were written,
    /// each changed last before `now`, the metadata of a file written just
    /// before (its change time is the file system's clock then).
    pub(super) fn take(
        at: &super::Within,
        manifest: &str,
        now: &fs::Metadata,
        folders: &[&str],
        mut files: Vec<Stamped>,
    ) -> Option<Site> {
        let dir = at.dir.as_path();
        if !trusted(dir) {
            return None;
        }
        let root = identity(dir)?;
        let limit = changed(now)?;
        let settled = |s: &Stamp| (s.1, s.2) < limit;
        let listed = |p: &str| !p.is_empty() && !p.contains(['\n', '\r']);
        // the folders looked at while the files' stamps are sorted
        let (folders, files) = rayon::join(
            // (sorted as `folders` is, for lookups by binary search)
            || -> Vec<(String, Stamp)> {
                folders
                    .par_iter()
                    .with_min_len(64)
                    .filter(|f| listed(f))
                    .filter_map(|f| {
                        let s = at.stamp(f)?;
                        settled(&s).then(|| (f.to_string(), s))
                    })
                    .collect()
            },
            || {
                files.retain(|(p, (s, _))| listed(p) && settled(s));
                // (a path is put once a build: no two entries share one)
                files.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
                files
            },
        );
        Some(Site {
            root,
            manifest: digest(manifest),
            folders,
            files,
        })
    }
}

/// Whether the file system holding `dir` keeps a change time that only
/// the system clock sets. FAT and exFAT (USB sticks, memory cards) have
/// none: Linux shows the modification time, which anyone can set back. On
/// those nothing is stamped, so nothing is kept and every folder is read.
/// (FUSE file systems pass on what is below them: sshfs the server's,
/// ntfs-3g NTFS's own change time; the old exfat-fuse is not told apart.)
#[cfg(target_os = "linux")]
fn trusted(dir: &Path) -> bool {
    rustix::fs::statfs(dir).is_ok_and(|s| trusted_kind(s.f_type as u64))
}

#[cfg(not(target_os = "linux"))]
fn trusted(_: &Path) -> bool {
    true
}

/// [`trusted`] for the file system kind `f_type` of `statfs(2)`.
#[cfg(any(target_os = "linux", test))]
fn trusted_kind(f_type: u64) -> bool {
    const MSDOS: u64 = 0x4d44; // FAT12/16/32, vfat
    const EXFAT: u64 = 0x2011_bab0;
    ![MSDOS, EXFAT].contains(&f_type)
}

/// Keeps the last of the entries of sorted `list` that share a path.
fn dedup_last<T>(list: &mut Vec<(String, T)>) {
    let mut out: Vec<(String, T)> = Vec::with_capacity(list.len());
    for e in list.drain(..) {
        match out.last_mut() {
            Some(last) if last.0 == e.0 => *last = e,
            _ => out.push(e),
        }
    }
    *list = out;
}

/// The change time of `m` (seconds, nanoseconds).
#[cfg(unix)]
fn changed(m: &fs::Metadata) -> Option<(i64, i64)> {
    use std::os::unix::fs::MetadataExt as _;
    Some((m.ctime(), m.ctime_nsec()))
}

#[cfg(not(unix))]
fn changed(_: &fs::Metadata) -> Option<(i64, i64)> {
    None
}

/// The stamp of the file `path` just put (not following a link).
pub(super) fn of_file(path: &Path) -> Option<Stamp> {
    stamp(path, false)
}

/// The stamp of a file just written, from its open handle's metadata.
#[cfg(unix)]
pub(super) fn of_metadata(m: &fs::Metadata) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt as _;
    m.is_file()
        .then(|| (m.ino(), m.ctime(), m.ctime_nsec(), m.len()))
}

#[cfg(not(unix))]
pub(super) fn of_metadata(_: &fs::Metadata) -> Option<Stamp> {
    None
}

/// Every folder the files `paths` (relative) need, below the site folder.
pub(super) fn folders_of(paths: &[String]) -> Vec<&str> {
    // neighbours mostly share their folders: each path adds the folders
    // the one before did not have, and the list is tidied at the end
    let mut out: Vec<&str> = Vec::new();
    let mut last = "";
    for p in paths {
        let Some((folder, _)) = p.rsplit_once('/') else {
            continue;
        };
        if folder == last {
            continue;
        }
        let mut at = folder;
        loop {
            let above_last = last.len() >= at.len()
                && last.starts_with(at)
                && (last.len() == at.len() || last.as_bytes()[at.len()] == b'/');
            if above_last {
                break; // a folder of the one before, and those above it too
            }
            out.push(at);
            match at.rsplit_once('/') {
                Some((up, _)) => at = up,
                None => break,
            }
        }
        last = folder;
    }
    out.par_sort_unstable();
    out.dedup();
    out
}

/// The stamps of the sites beside one output folder.
#[derive(Debug, Default)]
pub(super) struct Stamps(Vec<Site>);

impl Stamps {
    /// Reads the stamps file at `path`; a missing or damaged file gives
    /// no stamps.
    pub(super) fn read(path: &Path) -> Stamps {
        fs::read_to_string(path)
            .ok()
            .and_then(|t| parse(&t))
            .unwrap_or_default()
    }

    /// The folder stamps of the site folder `dir` whose manifest reads
    /// `manifest`, if there are any.
    pub(super) fn of(&self, dir: &Path, manifest: &str) -> Option<&Site> {
        let root = identity(dir)?;
        let manifest = digest(manifest);
        self.0
            .iter()
            .find(|f| f.root == root && f.manifest == manifest)
    }

    /// The stamps of the site folder `dir` whatever its manifest (its
    /// files' stamps stand on their own).
    pub(super) fn take_of(&mut self, dir: &Path) -> Option<Site> {
        let root = identity(dir)?;
        let at = self.0.iter().position(|f| f.root == root)?;
        Some(self.0.swap_remove(at))
    }

    /// The text of a stamps file holding the stamps of the new site and the
    /// folder stamps of the spare (its files are never linked from), in
    /// pieces made in parallel and written one after the other (joined,
    /// the 4 MB of a 10,000-procedure site were copied twice more by the
    /// one thread left at the end of a build).
    pub(super) fn text(new: &Site, spare: Option<&Site>) -> Vec<String> {
        use std::fmt::Write as _;
        let head = |site: &Site| {
            let (dev, ino) = site.root;
            format!("site {dev} {ino} {:016x}\n", site.manifest)
        };
        let folders = |site: &Site| -> Vec<String> {
            site.folders
                .par_iter()
                .fold(String::new, |mut t, (rel, (ino, s, ns, _))| {
                    let _ = writeln!(t, "d {ino} {s} {ns} {rel}");
                    t
                })
                .collect()
        };
        let files: Vec<String> = new
            .files
            .par_iter()
            .fold(String::new, |mut t, (rel, ((ino, s, ns, len), key))| {
                let _ = writeln!(t, "f {ino} {s} {ns} {len} {key:016x} {rel}");
                t
            })
            .collect();
        let mut text = vec![format!("{HEADER}\n{}", head(new))];
        text.extend(folders(new));
        text.extend(files);
        if let Some(spare) = spare {
            text.push(head(spare));
            text.extend(folders(spare));
        }
        text
    }
}

/// The stamps in `text`, or `None` if any line is not as written.
fn parse(text: &str) -> Option<Stamps> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    let mut sites: Vec<Site> = Vec::new();
    for line in lines {
        let (tag, rest) = line.split_once(' ')?;
        match tag {
            "site" => {
                let mut p = rest.split(' ');
                let (dev, ino, digest) = (p.next()?, p.next()?, p.next()?);
                if p.next().is_some() {
                    return None;
                }
                sites.push(Site {
                    root: (dev.parse().ok()?, ino.parse().ok()?),
                    manifest: u64::from_str_radix(digest, 16).ok()?,
                    ..Site::default()
                });
            }
            "d" => {
                let mut p = rest.splitn(4, ' ');
                let (ino, s, ns) = (p.next()?, p.next()?, p.next()?);
                let stamp = (ino.parse().ok()?, s.parse().ok()?, ns.parse().ok()?, 0);
                sites
                    .last_mut()?
                    .folders
                    .push((p.next()?.to_string(), stamp));
            }
            "f" => {
                let mut p = rest.splitn(6, ' ');
                let (ino, s, ns, len, key) =
                    (p.next()?, p.next()?, p.next()?, p.next()?, p.next()?);
                let stamp = (
                    ino.parse().ok()?,
                    s.parse().ok()?,
                    ns.parse().ok()?,
                    len.parse().ok()?,
                );
                let key = u64::from_str_radix(key, 16).ok()?;
                sites
                    .last_mut()?
                    .files
                    .push((p.next()?.to_string(), (stamp, key)));
            }
            _ => return None,
        }
    }
    for site in &mut sites {
        site.folders.par_sort_by(|a, b| a.0.cmp(&b.0));
        dedup_last(&mut site.folders);
        site.files.par_sort_by(|a, b| a.0.cmp(&b.0));
        dedup_last(&mut site.files);
    }
    Some(Stamps(sites))
}

/// A digest of a manifest's text (SipHash with fixed keys).
fn digest(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(text.as_bytes());
    h.finish()
}

/// The device and inode of the folder `dir` (not following a link).
#[cfg(unix)]
fn identity(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    let m = fs::symlink_metadata(dir)
        .ok()
        .filter(fs::Metadata::is_dir)?;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Path) -> Option<(u64, u64)> {
    None
}

/// The stamp of the folder (`folder`) or plain file at `path`, not
/// following a link.
#[cfg(unix)]
pub(super) fn stamp(path: &Path, folder: bool) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt as _;
    let m = fs::symlink_metadata(path).ok()?;
    let right = match folder {
        true => m.is_dir(),
        false => m.is_file(),
    };
    let len = if folder { 0 } else { m.len() };
    right.then(|| (m.ino(), m.ctime(), m.ctime_nsec(), len))
}

#[cfg(not(unix))]
pub(super) fn stamp(_: &Path, _: bool) -> Option<Stamp> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// Lets the file system's clock tick on (its change times are coarse).
    fn tick() {
        std::thread::sleep(std::time::Duration::from_millis(30));
    }

    /// The metadata of a file written now: the clock of the stamps.
    fn now(dir: &Path) -> fs::Metadata {
        let path = dir.join("clock");
        fs::write(&path, "").unwrap();
        fs::metadata(path).unwrap()
    }

    #[test]
    fn a_folder_whose_entries_change_is_no_longer_unchanged() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        for f in ["a", "a/b", "c"] {
            fs::create_dir_all(site.join(f)).unwrap();
        }
        fs::write(site.join("a/b/index.html"), "x").unwrap();
        fs::write(site.join("c/index.html"), "x").unwrap();
        tick();
        let manifest = "a/b/index.html\nc/index.html\n";
        let paths = vec!["a/b/index.html".to_string(), "c/index.html".to_string()];
        assert_eq!(folders_of(&paths), ["a", "a/b", "c"]);
        let clock = now(tmp.path());
        let taken = Site::take(
            &super::super::Within::open(&site),
            manifest,
            &clock,
            &folders_of(&paths),
            Vec::new(),
        )
        .unwrap();
        assert_eq!(taken.folders.len(), 3);
        for f in ["a", "a/b", "c"] {
            assert!(taken.unchanged(&site, f), "{f}");
        }
        // written and read back, renamed with its site folder: the same
        let path = file(tmp.path(), "site");
        fs::write(&path, Stamps::text(&taken, None).concat()).unwrap();
        fs::rename(&site, tmp.path().join("moved")).unwrap();
        let moved = tmp.path().join("moved");
        let read = Stamps::read(&path);
        let again = read.of(&moved, manifest).expect("the moved site's stamps");
        assert_eq!(again, &taken);
        // another manifest, or another folder: not these stamps
        assert!(read.of(&moved, "c/index.html\n").is_none());
        assert!(read.of(tmp.path(), manifest).is_none());
        // a file added, a file removed, a folder made again: each changes
        // its folder's stamp
        fs::write(moved.join("a/b/notes.txt"), "mine").unwrap();
        assert!(!again.unchanged(&moved, "a/b"));
        assert!(
            again.unchanged(&moved, "a"),
            "a subfolder's files are not its own"
        );
        fs::remove_file(moved.join("c/index.html")).unwrap();
        assert!(!again.unchanged(&moved, "c"));
        fs::remove_dir_all(moved.join("a")).unwrap();
        fs::create_dir_all(moved.join("a/b")).unwrap();
        assert!(!again.unchanged(&moved, "a"));
        // a damaged file gives no stamps
        for bad in [
            "site 1 2 zz\n",
            "d 1 2 3 a\n",
            "x 1\n",
            "site 1 2 00\nf 1 2 3 4 a\n",
        ] {
            fs::write(&path, format!("{HEADER}\n{bad}")).unwrap();
            assert!(Stamps::read(&path).0.is_empty(), "{bad}");
        }
    }

    #[test]
    fn nothing_is_stamped_where_a_change_time_can_be_set_back() {
        assert!(!trusted_kind(0x4d44));
        assert!(!trusted_kind(0x2011_bab0));
        // ext2/3/4, tmpfs, XFS, Btrfs
        for kind in [0xef53, 0x0102_1994, 0x5846_5342, 0x9123_683e] {
            assert!(trusted_kind(kind), "{kind:x}");
        }
        // the folders of the tests are on one of those
        let tmp = tempfile::tempdir().unwrap();
        assert!(trusted(tmp.path()));
    }

    #[test]
    fn the_folders_of_sorted_paths_are_each_named_once() {
        let mut paths: Vec<String> = [
            "404.html",
            "a/b/x.html",
            "a/b-c/y.html",
            "a/b/z.html",
            "a/bc/d/e.html",
            "a/index.html",
            "q/1/index.html",
            "q/1/qr.svg",
            "q/10/index.html",
            "q/2/index.html",
            "z/y/x/w.html",
        ]
        .map(String::from)
        .to_vec();
        paths.sort();
        let mut naive: Vec<&str> = paths
            .iter()
            .flat_map(|p| {
                let mut up = Vec::new();
                let mut at = p.as_str();
                while let Some((folder, _)) = at.rsplit_once('/') {
                    up.push(folder);
                    at = folder;
                }
                up
            })
            .collect();
        naive.sort_unstable();
        naive.dedup();
        assert_eq!(folders_of(&paths), naive);
        assert_eq!(
            naive,
            [
                "a", "a/b", "a/b-c", "a/bc", "a/bc/d", "q", "q/1", "q/10", "q/2", "z", "z/y",
                "z/y/x"
            ]
        );
    }

    #[test]
    fn a_file_is_found_by_its_key_only_while_it_is_as_written() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir_all(site.join("a")).unwrap();
        let mut files = Vec::new();
        for (name, key) in [("a/one.html", 1u64), ("a/two.html", 2), ("a/three.html", 3)] {
            let path = site.join(name);
            fs::write(&path, "same length").unwrap();
            files.push((name.to_string(), (of_file(&path).unwrap(), key)));
        }
        tick();
        let clock = now(tmp.path());
        let taken = Site::take(
            &super::super::Within::open(&site),
            "",
            &clock,
            &["a"],
            files,
        )
        .unwrap();
        let path = file(tmp.path(), "site");
        fs::write(&path, Stamps::text(&taken, None).concat()).unwrap();
        let mut read = Stamps::read(&path);
        let site_stamps = read.take_of(&site).expect("stamps of the site");
        assert_eq!(site_stamps, taken);
        assert_eq!(
            site_stamps.file(&site, "a/one.html", 1),
            Some(site.join("a/one.html"))
        );
        // another key, another path: not found
        assert_eq!(site_stamps.file(&site, "a/one.html", 2), None);
        assert_eq!(site_stamps.file(&site, "a/four.html", 1), None);
        // written into (the same length), replaced by a rename: not found
        fs::write(site.join("a/two.html"), "SAME LENGTH").unwrap();
        assert_eq!(site_stamps.file(&site, "a/two.html", 2), None);
        fs::write(tmp.path().join("new"), "same length").unwrap();
        fs::rename(tmp.path().join("new"), site.join("a/three.html")).unwrap();
        assert_eq!(site_stamps.file(&site, "a/three.html", 3), None);
        assert_eq!(
            site_stamps.file(&site, "a/one.html", 1),
            Some(site.join("a/one.html"))
        );
    }

    #[test]
    fn what_changed_as_the_stamps_were_taken_is_not_stamped() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir_all(site.join("old")).unwrap();
        fs::write(site.join("old/early.html"), "x").unwrap();
        let early = of_file(&site.join("old/early.html")).unwrap();
        tick();
        fs::create_dir_all(site.join("new")).unwrap();
        fs::write(site.join("new/late.html"), "x").unwrap();
        let late = of_file(&site.join("new/late.html")).unwrap();
        let clock = fs::metadata(site.join("new/late.html")).unwrap();
        let files = vec![
            ("old/early.html".to_string(), (early, 1)),
            ("new/late.html".to_string(), (late, 2)),
        ];
        let taken = Site::take(
            &super::super::Within::open(&site),
            "",
            &clock,
            &["new", "old"],
            files,
        )
        .unwrap();
        assert!(taken.unchanged(&site, "old"));
        assert!(!taken.unchanged(&site, "new"));
        assert!(taken.file(&site, "old/early.html", 1).is_some());
        assert!(taken.file(&site, "new/late.html", 2).is_none());
    }
}
