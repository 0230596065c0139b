//! Render: turns a loaded [`Site`] into the list of files to publish.
//! Each output (HTML pages, later QR codes, posters, search) is its own
//! module; this stage only asks each for its files.

use std::path::PathBuf;

use crate::diag::Diagnostics;
use crate::html::Html;
use crate::model::Site;
use crate::theme::Theme;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// Path inside the output folder, with `/` separators.
    pub path: String,
    pub content: Content,
}

/// What goes into an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Bytes made by the build.
    Bytes(Vec<u8>),
    /// A file copied as it is (forms, images).
    Copy(PathBuf),
}

impl OutFile {
    pub fn bytes(path: String, bytes: Vec<u8>) -> OutFile {
        OutFile {
            path,
            content: Content::Bytes(bytes),
        }
    }
}

/// Renders every output of the site, sorted by path.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<OutFile>, Diagnostics> {
    let html = Html::new(site, theme).map_err(|d| {
        let mut ds = Diagnostics::default();
        ds.push(d);
        ds
    })?;
    let mut files = html.render_all()?;
    files.extend(site.static_files.iter().map(|s| OutFile {
        path: s.target.clone(),
        content: Content::Copy(s.source.clone()),
    }));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
