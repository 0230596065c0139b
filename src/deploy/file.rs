//! `file:///folder`: a folder on this computer (or a mounted share).

use std::fs;
use std::io::Write as _;
use std::path::PathBuf;

use super::store::{Meta, Store, StoreError, base_missing, temp_name};

pub(crate) struct FileStore {
    root: PathBuf,
    /// Whether the folder is there (made by the first file put).
    ready: bool,
}

impl FileStore {
    /// The folder is made by the first file put in it, not here: a
    /// `--dry-run` (or a deploy with nothing to do) makes nothing. A path
    /// that is a file, not a folder, is refused.
    pub(crate) fn open(root: PathBuf) -> Result<FileStore, StoreError> {
        if fs::metadata(&root).is_ok_and(|m| !m.is_dir()) {
            return Err(StoreError::Connect(format!(
                "{} is a file, not a folder",
                root.display()
            )));
        }
        Ok(FileStore { root, ready: false })
    }
}

impl Store for FileStore {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match fs::read(self.root.join(path)) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(StoreError::other(e)),
        }
    }

    fn put(&mut self, path: &str, bytes: &[u8], _: &Meta) -> Result<(), StoreError> {
        // only the folder itself is made, as on a host: a USB stick not
        // plugged in (`/media/usb/trang-xa`) made the path on this
        // computer's own disk
        if !self.ready {
            match fs::create_dir(&self.root) {
                Ok(()) => {}
                Err(_) if self.root.is_dir() => {}
                Err(e) => {
                    return Err(base_missing(
                        &self.root.display().to_string(),
                        &e.to_string(),
                    ));
                }
            }
            self.ready = true;
        }
        let dst = self.root.join(path);
        let tmp = self.root.join(temp_name(path));
        if let Some(dir) = dst.parent() {
            fs::create_dir_all(dir).map_err(StoreError::other)?;
        }
        let mut f = fs::File::create(&tmp).map_err(StoreError::other)?;
        f.write_all(bytes).map_err(StoreError::other)?;
        f.sync_all().map_err(StoreError::other)?;
        drop(f);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            fs::set_permissions(&tmp, fs::Permissions::from_mode(0o644))
                .map_err(StoreError::other)?;
        }
        fs::rename(&tmp, &dst).map_err(StoreError::other)
    }

    fn exists(&mut self, path: &str) -> Result<bool, StoreError> {
        match fs::symlink_metadata(self.root.join(path)) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            // a file where a folder of the path should be
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Ok(false),
            Err(e) => Err(StoreError::other(e)),
        }
    }

    fn is_file(&mut self, path: &str) -> Result<bool, StoreError> {
        Ok(fs::symlink_metadata(self.root.join(path)).is_ok_and(|m| m.is_file()))
    }

    fn delete(&mut self, path: &str) -> Result<(), StoreError> {
        match fs::remove_file(self.root.join(path)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::other(e)),
        }
        // folders left empty go too (a folder still holding anything stays)
        let mut dir = std::path::Path::new(path).parent();
        while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
            if fs::remove_dir(self.root.join(d)).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }
}
