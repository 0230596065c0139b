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

/// Everything a render made: the files, and what had to be shortened on
/// posters and flyers.
pub struct Rendered {
    pub files: Vec<OutFile>,
    pub cuts: Vec<crate::poster::Cut>,
}

/// Renders every output of the site, sorted by path. `print` adds the
/// posters, board sheets and flyers.
pub fn render(site: &Site, theme: &Theme, print: bool) -> Result<Rendered, Diagnostics> {
    let one = |d| {
        let mut ds = Diagnostics::default();
        ds.push(d);
        ds
    };
    let html = Html::new(site, theme, print).map_err(one)?;
    let mut files = html.render_all()?;
    files.extend(crate::qr::svg_files(site));
    let mut cuts = Vec::new();
    if print {
        let printer = crate::poster::Printer::new(site, theme, html.strings()).map_err(one)?;
        let out = printer.render_all().map_err(one)?;
        files.push(html.print_page(&out.items).map_err(one)?);
        files.extend(out.files);
        cuts = out.cuts;
    }
    files.extend(site.static_files.iter().map(|s| OutFile {
        path: s.target.clone(),
        content: Content::Copy(s.source.clone()),
    }));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Rendered { files, cuts })
}
