//! Points diagnostics found after loading (by `camnang check`, or by an
//! output) at the line of the field they are about, reading each file
//! again once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::load::source::{decode, split_front_matter};
use crate::load::yaml::{FieldPath, locate};

/// Reads front-matter lines of files to point warnings at fields.
pub(crate) struct FieldFinder {
    root: PathBuf,
    texts: HashMap<PathBuf, Option<String>>,
}

impl FieldFinder {
    /// A finder for the files of the site at `root`.
    pub(crate) fn new(root: &Path) -> FieldFinder {
        FieldFinder {
            root: root.to_path_buf(),
            texts: HashMap::new(),
        }
    }

    /// The decoded text of `file` (relative to the site), read once.
    pub(crate) fn text(&mut self, file: &Path) -> String {
        let abs = self.root.join(file);
        self.texts
            .entry(abs.clone())
            .or_insert_with(|| std::fs::read(&abs).ok().and_then(|b| decode(&b).ok()))
            .clone()
            .unwrap_or_default()
    }

    /// Puts `d` at `field` of `file` (shown relative to the site).
    pub(crate) fn place(&mut self, d: Diagnostic, file: &Path, field: &FieldPath) -> Diagnostic {
        let text = self.text(file);
        let d = d.in_file(file).field(field.to_string());
        match field_spot(file, &text, field) {
            Some((l, c)) => d.at(l + 1, c + 1, &text),
            None => d,
        }
    }

    /// Puts `d`, about the character `c` of `field` of `file`, where `c`
    /// is first written from the field's line on (or, for a field of the
    /// body such as the steps, from the body's first line on).
    pub(crate) fn place_char(
        &mut self,
        d: Diagnostic,
        file: &Path,
        field: &FieldPath,
        c: char,
    ) -> Diagnostic {
        let text = self.text(file);
        let spot = field_spot(file, &text, field);
        let from = match spot {
            Some((l, _)) => l,
            None => split_front_matter(&text).map_or(0, |s| s.body_first_line.saturating_sub(1)),
        };
        let found = text.lines().enumerate().skip(from).find_map(|(i, line)| {
            let at = line.find(c)?;
            Some((i, line[..at].chars().count()))
        });
        // (else at the field, as `place` puts it)
        let d = d.in_file(file).field(field.to_string());
        match found.or(spot) {
            Some((l, col)) => d.at(l + 1, col + 1, &text),
            None => d,
        }
    }
}

/// The line and column (0-based, in the whole file) where `field` is
/// written in `text`, the text of `file`: site.yaml is YAML throughout,
/// Markdown files have front matter.
fn field_spot(file: &Path, text: &str, field: &FieldPath) -> Option<(usize, usize)> {
    let (yaml, offset) = match split_front_matter(text) {
        Ok(split) => (split.front, split.front_line_offset),
        Err(_) if file.extension().is_some_and(|e| e == "yaml") => (text, 0),
        Err(_) => return None,
    };
    locate(yaml, &field.0).map(|(l, c)| (l + offset, c))
}
