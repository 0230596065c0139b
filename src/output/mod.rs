//! The outputs: everything the build makes from the model. Each output
//! (HTML pages, site-wide files, search, QR codes, print, the JSON export)
//! is a module behind [`Output`]; `render` runs them all in parallel.
//!
//! This module holds what they share: the file they make ([`OutFile`]),
//! where it goes as soon as it is made ([`Sink`]), and the keys and memo
//! that let `camnang serve` skip files whose inputs did not change.

use std::collections::HashMap;
use std::hash::Hasher as _;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Category, Procedure, Site};
use crate::theme::Theme;

pub(crate) mod codes;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod print;
pub(crate) mod search;
pub(crate) mod site_files;
pub(crate) mod template_errors;
pub(crate) mod templates;

/// What camnang was built from (a hash of its sources, made by
/// `build.rs`): part of every key of a file kept from one build to the
/// next, so that another camnang never reuses this one's files.
pub(crate) const SOURCE_ID: &str = env!("CAMNANG_SOURCE_ID");

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutFile {
    /// Path inside the output folder, with `/` separators.
    pub path: String,
    pub content: Content,
    /// What the file was made from (see [`key`]); `None` for files that
    /// are cheaper to make again than to compare.
    pub key: Option<u64>,
}

/// What goes into an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Content {
    /// Bytes made by the build.
    Bytes(Arc<Vec<u8>>),
    /// A file copied as it is (forms, images).
    Copy(PathBuf),
    /// A file kept in the build cache: linked into the new site where the
    /// file system allows, copied otherwise.
    Cached(PathBuf),
    /// Already written to the output by a [`Sink`].
    Written,
}

/// Where made files go as soon as they are made: kept in memory
/// ([`Keep`], for `camnang serve` and `check`), or written straight into
/// the new site ([`crate::publish::Staging`], for `camnang build`), so a
/// big site never sits in memory whole.
pub(crate) trait Sink: Sync {
    /// Takes a file; gives back what the render keeps of it.
    fn take(&self, f: OutFile) -> Result<OutFile, Diagnostic>;
}

/// Keeps every file in memory.
pub(crate) struct Keep;

impl Sink for Keep {
    fn take(&self, f: OutFile) -> Result<OutFile, Diagnostic> {
        Ok(f)
    }
}

impl OutFile {
    pub(crate) fn bytes(path: String, bytes: Vec<u8>) -> OutFile {
        OutFile {
            path,
            content: Content::Bytes(Arc::new(bytes)),
            key: None,
        }
    }
}

/// Rendered files of an earlier build, by path, with their keys.
#[derive(Debug, Clone, Default)]
pub(crate) struct Memo {
    entries: HashMap<String, (u64, Arc<Vec<u8>>)>,
}

impl Memo {
    /// The memo of a render's files: every keyed file kept in memory.
    pub(crate) fn of(files: &[OutFile]) -> Memo {
        let entries = files
            .iter()
            .filter_map(|f| match (&f.content, f.key) {
                (Content::Bytes(b), Some(k)) => Some((f.path.clone(), (k, b.clone()))),
                _ => None,
            })
            .collect();
        Memo { entries }
    }

    /// Forgets a file, so the next build renders it again.
    pub(crate) fn forget(&mut self, path: &str) {
        self.entries.remove(path);
    }

    /// The bytes made before for `path`, if they were made from the same
    /// inputs.
    pub(crate) fn get(&self, path: &str, key: u64) -> Option<Arc<Vec<u8>>> {
        match self.entries.get(path) {
            Some((k, bytes)) if *k == key => Some(bytes.clone()),
            _ => None,
        }
    }
}

/// Hashes serialisable inputs into a page key. The hasher is SipHash with
/// fixed keys, so keys are the same in every run.
pub(crate) fn key(parts: &[&dyn erased::Part]) -> u64 {
    let mut w = erased::HashWriter(std::hash::DefaultHasher::new());
    for p in parts {
        p.feed(&mut w);
        w.0.write_u8(0xff);
    }
    w.0.finish()
}

/// The key of a page: the key of everything its language shares
/// (`global`), its language, template and address, and the values of its
/// own context, as they are (a length before every text, list and map, so
/// that two contexts never give the same bytes), gathered without writing
/// them out as JSON and hashed at once. The hash is XXH3 (64 bits), which reads
/// the pages' texts about ten times faster than SipHash: `camnang build`
/// keys every page, so that the next build can link those that did not
/// change from the published site.
pub(crate) fn page_key(
    global: u64,
    lang: &str,
    template: &str,
    canonical: Option<&str>,
    vars: &[(&str, serde_json::Value)],
) -> u64 {
    use serde_json::Value;
    // the bytes gathered first and hashed at once: XXH3 of their
    // concatenation is what feeding them one by one gives (the same keys),
    // without the hasher's work for each of a page's many short texts
    type Buf = Vec<u8>;
    fn len(h: &mut Buf, n: usize) {
        h.extend_from_slice(&(n as u64).to_le_bytes());
    }
    fn text(h: &mut Buf, s: &str) {
        len(h, s.len());
        h.extend_from_slice(s.as_bytes());
    }
    fn value(h: &mut Buf, v: &Value) {
        match v {
            Value::Null => h.extend_from_slice(&[0]),
            Value::Bool(b) => h.extend_from_slice(&[1 + u8::from(*b)]),
            Value::Number(n) => {
                h.extend_from_slice(&[3]);
                // a kind, then eight bytes
                let (kind, bits) = match (n.as_u64(), n.as_i64()) {
                    (Some(u), _) => (0u8, u.to_le_bytes()),
                    (None, Some(i)) => (1, i.to_le_bytes()),
                    (None, None) => (2, n.as_f64().unwrap_or(0.0).to_bits().to_le_bytes()),
                };
                h.extend_from_slice(&[kind]);
                h.extend_from_slice(&bits);
            }
            Value::String(s) => {
                h.extend_from_slice(&[4]);
                text(h, s);
            }
            Value::Array(a) => {
                h.extend_from_slice(&[5]);
                len(h, a.len());
                a.iter().for_each(|v| value(h, v));
            }
            Value::Object(m) => {
                h.extend_from_slice(&[6]);
                len(h, m.len());
                for (k, v) in m {
                    text(h, k);
                    value(h, v);
                }
            }
        }
    }
    thread_local! {
        static BUF: std::cell::RefCell<Buf> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUF.with_borrow_mut(|h| {
        h.clear();
        h.extend_from_slice(&global.to_le_bytes());
        text(h, lang);
        text(h, template);
        match canonical {
            Some(c) => {
                h.extend_from_slice(&[1]);
                text(h, c);
            }
            None => h.extend_from_slice(&[0]),
        }
        len(h, vars.len());
        for (name, v) in vars {
            text(h, name);
            value(h, v);
        }
        let key = xxhash_rust::xxh3::xxh3_64(h);
        // (a thread of `camnang serve` lives for hours: it does not keep
        // the room of an unusually big page)
        if h.capacity() > 1 << 20 {
            *h = Vec::new();
        }
        key
    })
}

/// Serialising into a hasher without building a string first.
pub(crate) mod erased {
    use std::hash::{DefaultHasher, Hasher as _};

    pub(crate) struct HashWriter(pub DefaultHasher);

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
    pub(crate) trait Part {
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

/// The key of a file in the build cache: a SHA-256 of everything the file
/// is made from (camnang's own sources, the theme files it uses, the
/// settings, the procedures it shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Key(pub [u8; 32]);

impl Key {
    /// The key as 64 lowercase hexadecimal digits.
    pub(crate) fn hex(&self) -> String {
        crate::text::hex(&self.0)
    }
}

/// Builds a [`Key`] from parts fed one after the other.
#[derive(Clone, Default)]
pub(crate) struct KeyMaker(sha2::Sha256);

impl KeyMaker {
    /// Feeds raw bytes, with their length first (so that two parts never
    /// run into each other).
    pub(crate) fn bytes(&mut self, b: &[u8]) -> &mut KeyMaker {
        use sha2::Digest as _;
        self.0.update((b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }

    /// Feeds a serialisable value, as JSON.
    pub(crate) fn value(&mut self, v: &impl serde::Serialize) -> &mut KeyMaker {
        // serialising plain data cannot fail; if it ever did, the key
        // would differ from every earlier one and the file be made again
        let json = serde_json::to_vec(v).unwrap_or_default();
        self.bytes(&json)
    }

    /// The key of everything fed so far.
    pub(crate) fn key(&self) -> Key {
        use sha2::Digest as _;
        Key(self.0.clone().finalize().into())
    }
}

/// Files made by earlier builds, reused when their [`Key`] is the same:
/// the build cache of `camnang build` (see `crate::cache`).
pub(crate) trait Reuse: Sync {
    /// The file made before for `path` from inputs with `key`, and the note
    /// kept with it, if the kept copy is still sound.
    fn get(&self, path: &str, key: &Key) -> Option<(Content, String)>;
    /// Keeps a file just made, with a note (what the output needs to know
    /// about it besides its bytes), and says how to hand it to the sink.
    fn keep(&self, path: &str, key: &Key, bytes: Vec<u8>, note: String) -> Content;
}

/// The site published before, for `camnang build`: a page or QR code
/// whose key did not change is linked from there instead of being made
/// and written again (see `crate::publish`).
pub(crate) trait Prior: Sync {
    /// The published file at `path`, if it was made from inputs with
    /// `key` and is still exactly as camnang wrote it.
    fn get(&self, path: &str, key: u64) -> Option<PathBuf>;
}

/// Which print files to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PrintMode {
    /// None (`--no-print`).
    None,
    /// Only the print page listing them; `camnang serve` draws each file
    /// when it is asked for.
    Listing,
    /// Every poster, board sheet and flyer (`camnang build`).
    All,
}

/// What every output is given: the model, the theme, the page templates
/// of every language, what to make, and the build cache. (Progress is
/// counted by `render` from the files handed to the sink.)
pub(crate) struct Context<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub templates: &'a templates::Templates<'a>,
    pub print: PrintMode,
    /// The build cache, if the build uses one.
    pub reuse: Option<&'a dyn Reuse>,
    /// The site published before, if the build may take files from it.
    pub prior: Option<&'a dyn Prior>,
    /// Whether the render is kept to be updated in place (`camnang
    /// serve`): an output may then keep what its [`Output::touched`]
    /// needs, instead of making every file again after an edit.
    pub incremental: bool,
}

/// An edit of one procedure that kept its title and id: what `camnang
/// serve` updates in place, asking each output which of its files show
/// what changed.
pub(crate) struct Edit<'a> {
    pub category: &'a Category,
    /// The procedure as it is now (already in the model).
    pub procedure: &'a Procedure,
    /// The procedure as it was.
    pub before: &'a Procedure,
    /// Its position among all procedures of the site, in site order.
    pub position: usize,
}

/// One output of the build. `render` runs every output in parallel over
/// the model; `camnang serve` asks each for the files an edit touches.
/// Adding an output is one module implementing this trait (and its
/// template, if it has one) and one line in `render::Outputs`.
pub(crate) trait Output: Sync {
    /// The paths this output will write, without making the files: the
    /// build checks that no two outputs claim the same path before
    /// anything is written.
    fn claims(&self, cx: &Context<'_>) -> Vec<Claim>;
    /// Makes every file, handing each to `sink` as soon as it is made.
    fn render(&self, cx: &Context<'_>, sink: &dyn Sink) -> Result<Vec<OutFile>, Diagnostics>;
    /// The files that change after `edit`, made again.
    fn touched(&self, cx: &Context<'_>, edit: &Edit<'_>) -> Result<Vec<OutFile>, Diagnostic>;
}

/// A path an output will write, and what it is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claim {
    pub path: String,
    pub owner: Owner,
}

/// What a file of the site is made from, to name both sides when two
/// claim one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Owner {
    /// A file of the site folder (a procedure, a category's `_index.md`,
    /// a file of `content/static/` or `content/files/`), relative to it.
    Source(PathBuf),
    /// Something camnang makes itself, named by its address pattern
    /// (`/q/<id>/`), so the message reads the same in every language.
    Camnang(&'static str),
}

impl Claim {
    /// A claim on `path` by `owner`.
    pub(crate) fn new(path: String, owner: Owner) -> Claim {
        Claim { path, owner }
    }
}

/// The files of `results`, or every mistake among them.
pub(crate) fn gather(
    results: impl IntoIterator<Item = Result<OutFile, Diagnostic>>,
) -> Result<Vec<OutFile>, Diagnostics> {
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    // one mistake in a template shared by every page (a partial, the base
    // layout) is told once, not once a page
    let mut told = std::collections::HashSet::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => {
                if told.insert(format!("{:?} {:?} {:?}", d.msg, d.file, d.line)) {
                    diags.push(d);
                }
            }
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files)
    }
}
