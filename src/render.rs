//! Render: turns a loaded [`Site`] into the list of files to publish.
//! Each output (HTML pages, QR codes, posters, search) is its own module;
//! this stage only asks each for its files.
//!
//! A [`Memo`] of an earlier render lets `camnang serve` skip every page
//! whose inputs did not change: each page carries a key, a hash of all it
//! is made from, and a page with the same key is taken from the memo.

use std::collections::HashMap;
use std::hash::Hasher as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::diag::{Diagnostic, Diagnostics};
use crate::html::Html;
use crate::model::Site;
use crate::theme::Theme;
use crate::{Progress, Timings};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// Path inside the output folder, with `/` separators.
    pub path: String,
    pub content: Content,
    /// What the file was made from (see [`key`]); `None` for files that
    /// are cheaper to make again than to compare.
    pub key: Option<u64>,
}

/// What goes into an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Bytes made by the build.
    Bytes(Arc<Vec<u8>>),
    /// A file copied as it is (forms, images).
    Copy(PathBuf),
    /// Already written to the output by a [`Sink`].
    Written,
}

/// Where made files go as soon as they are made: kept in memory
/// ([`Keep`], for `camnang serve` and `check`), or written straight into
/// the new site ([`crate::publish::Staging`], for `camnang build`), so a
/// big site never sits in memory whole.
pub trait Sink: Sync {
    /// Takes a file; gives back what the render keeps of it.
    fn take(&self, f: OutFile) -> Result<OutFile, Diagnostic>;
}

/// Keeps every file in memory.
pub struct Keep;

impl Sink for Keep {
    fn take(&self, f: OutFile) -> Result<OutFile, Diagnostic> {
        Ok(f)
    }
}

impl Sink for crate::publish::Staging {
    fn take(&self, f: OutFile) -> Result<OutFile, Diagnostic> {
        self.put(&f).map_err(|e| {
            Diagnostic::error(crate::messages::Msg::WriteFailed {
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

impl OutFile {
    pub fn bytes(path: String, bytes: Vec<u8>) -> OutFile {
        OutFile {
            path,
            content: Content::Bytes(Arc::new(bytes)),
            key: None,
        }
    }
}

/// Which print files to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintMode {
    /// None (`--no-print`).
    None,
    /// Only the print page listing them; `camnang serve` draws each file
    /// when it is asked for.
    Listing,
    /// Every poster, board sheet and flyer (`camnang build`).
    All,
}

/// Rendered files of an earlier build, by path, with their keys.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    entries: HashMap<String, (u64, Arc<Vec<u8>>)>,
}

impl Memo {
    /// The bytes made before for `path`, if they were made from the same
    /// inputs.
    /// Forgets a file, so the next build renders it again.
    pub fn forget(&mut self, path: &str) {
        self.entries.remove(path);
    }

    pub fn get(&self, path: &str, key: u64) -> Option<Arc<Vec<u8>>> {
        match self.entries.get(path) {
            Some((k, bytes)) if *k == key => Some(bytes.clone()),
            _ => None,
        }
    }
}

/// Hashes serialisable inputs into a page key. The hasher is SipHash with
/// fixed keys, so keys are the same in every run.
pub fn key(parts: &[&dyn erased::Part]) -> u64 {
    let mut w = erased::HashWriter(std::hash::DefaultHasher::new());
    for p in parts {
        p.feed(&mut w);
        w.0.write_u8(0xff);
    }
    w.0.finish()
}

/// Serialising into a hasher without building a string first.
pub mod erased {
    use std::hash::{DefaultHasher, Hasher as _};

    pub struct HashWriter(pub DefaultHasher);

    impl std::io::Write for HashWriter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Anything that can go into a key.
    pub trait Part {
        fn feed(&self, w: &mut HashWriter);
    }

    impl<T: serde::Serialize> Part for T {
        fn feed(&self, w: &mut HashWriter) {
            // serialising plain data into a hasher cannot fail; if it ever
            // did, the key would only be weaker, never wrong in output
            let _ = serde_json::to_writer(&mut *w, self);
        }
    }
}

/// Everything a render made.
pub struct Rendered {
    pub files: Vec<OutFile>,
    /// What had to be shortened on posters and flyers.
    pub cuts: Vec<crate::poster::Cut>,
    /// The print files, for the print page and `camnang serve`.
    pub print_items: Vec<crate::poster::PrintItem>,
    /// Pages rendered now, and pages taken from the memo.
    pub rendered: usize,
    pub reused: usize,
    /// The search index entries of each language, in site order.
    pub search_docs: Vec<Vec<String>>,
}

impl Rendered {
    /// The memo for the next build: every keyed file of this one.
    pub fn memo(&self) -> Memo {
        let entries = self
            .files
            .iter()
            .filter_map(|f| match (&f.content, f.key) {
                (Content::Bytes(b), Some(k)) => Some((f.path.clone(), (k, b.clone()))),
                _ => None,
            })
            .collect();
        Memo { entries }
    }
}

/// Renders every output of the site, sorted by path.
pub fn render(
    site: &Site,
    theme: &Theme,
    print: PrintMode,
    memo: Option<&Memo>,
    timings: &mut Timings,
    progress: &dyn Progress,
    sink: &dyn Sink,
) -> Result<Rendered, Diagnostics> {
    let one = |d| {
        let mut ds = Diagnostics::default();
        ds.push(d);
        ds
    };
    let mut clock = Instant::now();
    // pages, search entries, the other site-wide files and QR codes share
    // the threads: none waits for another to finish its last, slowest
    // piece; QR codes start while the templates are read
    let (made, codes) = rayon::join(
        || -> Result<_, Diagnostics> {
            let html = Html::new(site, theme, print != PrintMode::None, memo).map_err(one)?;
            let ((search, pages), rest) = rayon::join(
                || {
                    rayon::join(
                        || html.render_search(sink),
                        || html.render_pages(progress, sink),
                    )
                },
                || html.render_rest(sink),
            );
            Ok((html, search, pages, rest))
        },
        || crate::qr::svg_files(site, sink),
    );
    let (html, (search_docs, index_files), pages, rest) = made?;
    let mut files = pages?;
    files.extend(index_files?);
    files.extend(rest?);
    files.push(sink.take(crate::search::script_file(theme)).map_err(one)?);
    files.extend(codes.map_err(one)?);
    timings.mark("pages", &mut clock);
    let mut cuts = Vec::new();
    let mut print_items = Vec::new();
    if print != PrintMode::None {
        let printer =
            crate::poster::Printer::new(site, theme, crate::poster::PrintLang::all(&html))
                .map_err(one)?;
        if print == PrintMode::All {
            let out = printer.render_all(progress, sink).map_err(one)?;
            files.extend(out.files);
            cuts = out.cuts;
            print_items = out.items;
        } else {
            print_items = printer.jobs().iter().map(|j| printer.item(j)).collect();
        }
        files.push(
            html.print_page(&print_items)
                .and_then(|f| sink.take(f))
                .map_err(one)?,
        );
        timings.mark("print", &mut clock);
    }
    for s in &site.static_files {
        let f = OutFile {
            path: s.target.clone(),
            content: Content::Copy(s.source.clone()),
            key: None,
        };
        files.push(sink.take(f).map_err(one)?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let (reused, rendered) = html.counts();
    Ok(Rendered {
        files,
        cuts,
        print_items,
        rendered,
        reused,
        search_docs,
    })
}
