//! Writing a file whole: every file camnang writes outside a staged site
//! (`qr-lock.yaml`, the stamps beside the output, the build cache, the
//! files of `camnang new` and `camnang import`) goes to a temporary file
//! beside it first and is then moved into place, so that a reader, or a
//! build killed halfway, sees the old file or the new one, never half of
//! one; a temporary file a failure leaves is removed, and one a killed
//! `camnang new` or `camnang import` left is removed by the next write
//! into its folder once it is an hour old (on Linux, once it is two
//! minutes old when the run that wrote it is no longer running).

use std::fs;
use std::io::Write as _;
use std::path::Path;

use crate::messages::Msg;

/// What may happen to a file already at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Existing {
    /// It is replaced.
    Replace,
    /// It is kept, and the write fails (`AlreadyExists`), even if the file
    /// appears while this one is being written.
    Keep,
}

/// Writes `parts`, one after the other, to `path` through the temporary
/// file `tmp` (beside it, on the same file system), flushed to the disk
/// first when `sync`.
pub(crate) fn write_via(
    path: &Path,
    tmp: &Path,
    parts: &[&[u8]],
    existing: Existing,
    sync: bool,
) -> std::io::Result<()> {
    let result = (|| {
        let mut f = fs::File::create(tmp)?;
        for part in parts {
            f.write_all(part)?;
        }
        if sync {
            f.sync_all()?;
        }
        drop(f);
        match existing {
            Existing::Replace => fs::rename(tmp, path),
            // a hard link fails if `path` is there: nothing is overwritten
            Existing::Keep => match fs::hard_link(tmp, path) {
                Ok(()) => fs::remove_file(tmp),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
                // a file system without hard links
                Err(_) if !path.exists() => fs::rename(tmp, path),
                Err(e) => Err(e),
            },
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(tmp);
    }
    result
}

/// Writes a file a clerk will edit (a procedure, a category's
/// `_index.md`), making its folder if needed and flushing it to the disk.
/// The temporary file is a dot-file, which the loader skips if a crash
/// leaves it behind. A file already at `path` is replaced only with
/// [`Existing::Replace`]; otherwise the error is
/// [`Msg::NewTargetExists`].
pub(crate) fn write_text_file(path: &Path, text: &[u8], existing: Existing) -> Result<(), Msg> {
    let fail = |e: std::io::Error| Msg::WriteFailed {
        detail: format!("{}: {e}", path.display()),
    };
    let exists = || Msg::NewTargetExists {
        path: path.to_path_buf(),
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(fail)?;
    if existing == Existing::Keep && path.exists() {
        return Err(exists());
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    sweep(dir);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    write_via(path, &tmp, &[text], existing, true).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => exists(),
        _ => fail(e),
    })
}

/// How old a temporary file of [`write_text_file`] must be to be taken for
/// one a killed run left (a write takes a fraction of a second).
const LEFT_OVER_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the temporary files of [`write_text_file`] (`.<name>.<pid>.tmp`)
/// in `dir` older than [`LEFT_OVER_AFTER`], or left by a run no longer
/// running: what a killed run left. Each folder is looked at once a run.
fn sweep(dir: &Path) {
    static SWEPT: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());
    let Ok(mut swept) = SWEPT.lock() else {
        return;
    };
    if swept.iter().any(|d| d == dir) {
        return;
    }
    swept.push(dir.to_path_buf());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        // `.` + a name + `.` + digits + `.tmp`: the pattern of camnang's
        // own (another program's file of that shape, an hour old, would go
        // too; none is known to write one into a content folder)
        let pid = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.rsplit_once('.'))
            .filter(|(file, pid)| {
                !file.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
            })
            .map(|(_, pid)| pid.to_string());
        let Some(pid) = pid else { continue };
        let age = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok());
        // an hour old; or, on Linux, left by a run of camnang on this
        // computer that is no longer running (killed while it wrote), two
        // minutes old (a run on another computer sharing the folder, whose
        // clock may be a little off, writes its file in far less)
        let dead = cfg!(target_os = "linux")
            && pid != std::process::id().to_string()
            && !Path::new("/proc").join(&pid).exists();
        let old = age.is_some_and(|age| {
            age > LEFT_OVER_AFTER || (dead && age > std::time::Duration::from_secs(120))
        });
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Holds the lock of `file`, waiting for another process holding it to
/// let go first (`waiting` says so before the wait). The operating system
/// drops the lock when the process ends, even killed. `None` where the file
/// cannot be locked: the caller goes on unlocked.
pub(crate) fn hold_lock(file: std::fs::File, waiting: impl Fn()) -> Option<std::fs::File> {
    match file.try_lock() {
        Ok(()) => Some(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock().ok().map(|()| file)
        }
        Err(std::fs::TryLockError::Error(_)) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_file_a_killed_run_left_goes_once_it_is_an_hour_old() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let put = |name: &str, seconds: u64| {
            let f = fs::File::create(d.join(name)).unwrap();
            let when = std::time::SystemTime::now() - std::time::Duration::from_secs(seconds);
            f.set_modified(when).unwrap();
        };
        put(".dang-ky.md.4242.tmp", 7200); // left by a killed import
        put(".khai-sinh.md.77.tmp", 0); // another run writing now
        put(".notes.tmp", 7200); // not camnang's
        put("ghi-chu.md.1.tmp", 7200); // not a dot-file
        // minutes old, of a run not running (above Linux's highest pid),
        // and of one running (pid 1): the first goes on Linux
        put(".ho-tich.md.4194999.tmp", 180);
        put(".chung-thuc.md.1.tmp", 180);
        write_text_file(&d.join("moi.md"), b"x", Existing::Keep).unwrap();
        let mut names: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut want = vec![
            ".chung-thuc.md.1.tmp",
            ".khai-sinh.md.77.tmp",
            ".notes.tmp",
            "ghi-chu.md.1.tmp",
            "moi.md",
        ];
        if !cfg!(target_os = "linux") {
            want.insert(1, ".ho-tich.md.4194999.tmp");
        }
        assert_eq!(names, want);
    }

    #[test]
    fn a_new_file_never_replaces_one_and_a_failure_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.md");
        write_text_file(&path, b"one", Existing::Keep).unwrap();
        assert_eq!(
            write_text_file(&path, b"two", Existing::Keep),
            Err(Msg::NewTargetExists { path: path.clone() })
        );
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write_text_file(&path, b"three", Existing::Replace).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        // the file appears while the new one is written: kept, and the
        // temporary file is gone
        let tmp = dir.path().join("tmp");
        fs::write(dir.path().join("c"), "theirs").unwrap();
        let e = write_via(
            &dir.path().join("c"),
            &tmp,
            &[b"ours"],
            Existing::Keep,
            false,
        );
        assert_eq!(e.unwrap_err().kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(dir.path().join("c")).unwrap(), b"theirs");
        assert!(!tmp.exists());
        // a temporary file that cannot be made: nothing at the path
        let nowhere = dir.path().join("missing/tmp");
        assert!(
            write_via(
                &dir.path().join("d"),
                &nowhere,
                &[b"x"],
                Existing::Replace,
                false
            )
            .is_err()
        );
        assert!(!dir.path().join("d").exists());
        let names: Vec<_> = fs::read_dir(dir.path().join("a"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.md")]);
    }
}
