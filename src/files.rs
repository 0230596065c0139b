//! Writing a file whole: every file camnang writes outside a staged site
//! (`qr-lock.yaml`, the stamps beside the output, the build cache, the
//! files of `camnang new` and `camnang import`) goes to a temporary file
//! beside it first and is then moved into place, so that a reader, or a
//! build killed halfway, sees the old file or the new one, never half of
//! one; a temporary file a failure leaves is removed.

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

/// Writes `bytes` to `path` through the temporary file `tmp` (beside it,
/// on the same file system), flushed to the disk first when `sync`.
pub(crate) fn write_via(
    path: &Path,
    tmp: &Path,
    bytes: &[u8],
    existing: Existing,
    sync: bool,
) -> std::io::Result<()> {
    let result = (|| {
        let mut f = fs::File::create(tmp)?;
        f.write_all(bytes)?;
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
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    write_via(path, &tmp, text, existing, true).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => exists(),
        _ => fail(e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let e = write_via(&dir.path().join("c"), &tmp, b"ours", Existing::Keep, false);
        assert_eq!(e.unwrap_err().kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(dir.path().join("c")).unwrap(), b"theirs");
        assert!(!tmp.exists());
        // a temporary file that cannot be made: nothing at the path
        let nowhere = dir.path().join("missing/tmp");
        assert!(
            write_via(
                &dir.path().join("d"),
                &nowhere,
                b"x",
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
