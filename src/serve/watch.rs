//! Watching the site's sources for changes.

use super::*;

/// Watches the site's sources and sends a message on every change.
/// Gives the watcher, and the folders it watches with all they hold (as
/// [`watched_folders`] found them when the watching began: a folder made
/// later is not among them, however soon after).
pub(super) fn watch(
    root: &Path,
    tx: mpsc::Sender<Vec<PathBuf>>,
) -> notify_debouncer_full::notify::Result<(impl Drop + use<>, Vec<PathBuf>)> {
    let base = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut debouncer = new_debouncer(
        Duration::from_millis(15),
        None,
        move |res: DebounceEventResult| {
            if let Ok(events) = res {
                // reading a file is an event too: only changes count, and
                // not those of hidden files (editor swap files, .git)
                let mut paths: Vec<PathBuf> = Vec::new();
                for e in events
                    .iter()
                    .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                {
                    for p in &e.paths {
                        let inside = p.strip_prefix(&base).unwrap_or(p);
                        let hidden = inside
                            .components()
                            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
                        // nor files camnang never reads (Word's `~$` lock
                        // file, Thumbs.db): each reloaded the page for
                        // nothing
                        let system = p
                            .file_name()
                            .is_some_and(|n| crate::load::system_file(&n.to_string_lossy()));
                        if !hidden && !system && !paths.contains(p) {
                            paths.push(p.clone());
                        }
                    }
                }
                if !paths.is_empty() {
                    let _ = tx.send(paths);
                }
            }
        },
    )?;
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    let folders = watched_folders(root);
    for d in &folders {
        debouncer.watch(d, RecursiveMode::Recursive)?;
    }
    Ok((debouncer, folders))
}

/// The folders of the site watched with all they hold: those of
/// `content/` and `themes/` that are there.
pub(super) fn watched_folders(root: &Path) -> Vec<PathBuf> {
    ["content", "themes"]
        .iter()
        .map(|dir| root.join(dir))
        .filter(|d| d.is_dir())
        .collect()
}
