//! Diagnostics: a [`Msg`] with the place it is about (file, line, column,
//! field), printed in the style of rustc so a clerk sees the very line to fix.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::messages::{Label, Lang, Msg, label};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One thing to tell the user, with where it is. Boxed, so results that
/// carry one stay small; its fields are reached through `Deref`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic(Box<DiagnosticData>);

/// The fields of a [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosticData {
    pub severity: Severity,
    pub msg: Msg,
    /// The file, relative to the site folder where possible.
    pub file: Option<PathBuf>,
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters) in that line.
    pub column: Option<usize>,
    /// The front-matter field, as a path like `channels[1].fee`.
    pub field: Option<String>,
    /// The text of that line, to print under the message.
    pub source_line: Option<String>,
}

impl std::ops::Deref for Diagnostic {
    type Target = DiagnosticData;
    fn deref(&self) -> &DiagnosticData {
        &self.0
    }
}

impl std::ops::DerefMut for Diagnostic {
    fn deref_mut(&mut self) -> &mut DiagnosticData {
        &mut self.0
    }
}

impl Diagnostic {
    /// An error with no place yet.
    pub fn error(msg: Msg) -> Diagnostic {
        Diagnostic(Box::new(DiagnosticData {
            severity: Severity::Error,
            msg,
            file: None,
            line: None,
            column: None,
            field: None,
            source_line: None,
        }))
    }

    /// A warning with no place yet.
    pub fn warning(msg: Msg) -> Diagnostic {
        let mut d = Diagnostic::error(msg);
        d.severity = Severity::Warning;
        d
    }

    /// Sets the file.
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Diagnostic {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// Sets the line and column, and keeps the source line to show.
    pub fn at(mut self, line: usize, column: usize, source: &str) -> Diagnostic {
        self.line = Some(line);
        self.column = Some(column.max(1));
        self.source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.to_string());
        self
    }

    /// Names the field.
    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = Some(field.into());
        self
    }

    /// `file:line:column`, or as much of it as is known.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        let mut s = file.display().to_string();
        if let Some(line) = self.line {
            let _ = write!(s, ":{line}");
            if let Some(col) = self.column {
                let _ = write!(s, ":{col}");
            }
        }
        Some(s)
    }

    /// The whole diagnostic as the terminal shows it:
    ///
    /// ```text
    /// lỗi[E010]: thiếu trường bắt buộc «summary»
    ///   --> content/cu-tru/dang-ky-tam-tru.md:2:1
    ///    |
    ///  2 | title: Đăng ký tạm trú
    ///    | ^
    ///    = cách sửa: thêm một dòng «summary: …» vào phần thông tin
    /// ```
    pub fn render(&self, lang: Lang) -> String {
        let head = match self.severity {
            Severity::Error => label(lang, Label::Error),
            Severity::Warning => label(lang, Label::Warning),
        };
        let mut s = format!("{head}[{}]: {}", self.msg.code(), self.msg.text(lang));
        let width = self.line.map(|l| l.to_string().len()).unwrap_or(1);
        let pad = " ".repeat(width);
        if let Some(loc) = self.location() {
            let _ = write!(s, "\n{pad}--> {loc}");
        }
        if let Some(field) = &self.field {
            let _ = write!(s, " ({} {field})", label(lang, Label::Field));
        }
        if let (Some(line), Some(src)) = (self.line, &self.source_line) {
            let col = self.column.unwrap_or(1);
            let underline = underline_len(src, col);
            let _ = write!(
                s,
                "\n{pad} |\n{line} | {src}\n{pad} | {}{}",
                " ".repeat(col - 1),
                "^".repeat(underline)
            );
        }
        if let Some(h) = self.msg.hint(lang) {
            let _ = write!(s, "\n{pad} = {}: {h}", label(lang, Label::Hint));
        }
        s
    }
}

/// How many carets to draw: the word (field name or value) at the column.
fn underline_len(src: &str, col: usize) -> usize {
    let rest: String = src.chars().skip(col - 1).collect();
    // a field named in words (`tóm tắt: …`): the whole name
    if let Some((name, _)) = rest.split_once(": ")
        && name.contains(' ')
        && name.split(' ').count() <= 4
        && name.chars().all(|c| c.is_alphanumeric() || c == ' ')
    {
        return name.chars().count();
    }
    let word = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ':')
        .count();
    word.max(1)
}

/// All diagnostics of one run, errors and warnings, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        let mut ds = Diagnostics::default();
        ds.push(d);
        ds
    }
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Sorts by file, then line, so output reads top to bottom.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.msg.code()).cmp(&(
                &b.file,
                b.line,
                b.column,
                b.msg.code(),
            ))
        });
    }

    /// Every diagnostic as the terminal shows it. The same message told
    /// more than three times in one file (a list whose every item has the
    /// same mistake) is shown three times, and the rest
    /// in one line naming their lines: a clerk reads the first, fixes them
    /// all, and is not buried under fifty copies. (`--format json` lists
    /// every one.)
    pub fn render(&self, lang: Lang) -> String {
        type Alike<'d> = (Option<&'d Path>, &'static str, String);
        let mut seen: BTreeMap<Alike<'_>, Vec<Option<usize>>> = BTreeMap::new();
        let mut shown = Vec::new();
        for d in &self.items {
            // one mistake down a list: the same code on the same field,
            // whichever item (`documents[3]` is `documents[]`)
            let field = d.field.as_deref().map_or_else(String::new, unindexed);
            let lines = seen
                .entry((d.file.as_deref(), d.msg.code(), field))
                .or_default();
            lines.push(d.line);
            if lines.len() <= SHOWN_ALIKE || d.file.is_none() {
                shown.push(d.render(lang));
            }
        }
        for ((file, code, _), lines) in seen {
            let (Some(file), Some(rest)) = (file, lines.get(SHOWN_ALIKE..)) else {
                continue;
            };
            if rest.is_empty() {
                continue;
            }
            let msg = Msg::MoreLikeThis {
                code,
                file: file.display().to_string(),
                count: rest.len(),
                lines: rest
                    .iter()
                    .map(|l| l.map_or_else(|| "?".to_string(), |l| l.to_string()))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            shown.push(msg.text(lang));
        }
        shown.join("\n\n")
    }
}

/// A field's path without its list positions: `channels[1].way` is
/// `channels[].way`.
fn unindexed(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut inside = false;
    for c in field.chars() {
        match c {
            '[' => {
                inside = true;
                out.push('[');
            }
            ']' => {
                inside = false;
                out.push(']');
            }
            _ if inside => {}
            _ => out.push(c),
        }
    }
    out
}

/// How many diagnostics with one code in one file are shown in full.
const SHOWN_ALIKE: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc_with_caret_under_the_field() {
        let src = "title: A\nsumary: B\n";
        let d = Diagnostic::error(Msg::UnknownField {
            field: "sumary".into(),
            suggestion: Some("summary".into()),
        })
        .in_file("content/a/b.md")
        .at(2, 1, src)
        .field("sumary");
        let out = d.render(Lang::En);
        assert_eq!(
            out,
            "error[E011]: there is no field called `sumary`\n --> content/a/b.md:2:1 (field sumary)\n  |\n2 | sumary: B\n  | ^^^^^^\n  = hint: did you mean `summary`?"
        );
    }

    #[test]
    fn one_mistake_told_again_and_again_in_a_file_is_shown_three_times_then_summed_up() {
        let src: String = (1..=60).map(|i| format!("  - Giấy tờ {i}: x\n")).collect();
        let colon = |file: &str, line: usize| {
            Diagnostic::error(Msg::UnknownField {
                field: format!("f{line}"),
                suggestion: None,
            })
            .in_file(file)
            .at(line, 5, &src)
        };
        let mut ds = Diagnostics::default();
        for line in 3..=9 {
            ds.push(colon("content/a.md", line));
        }
        // another file, another code, and a message with no file: whole
        ds.push(colon("content/b.md", 4));
        ds.push(Diagnostic::error(Msg::DuplicateTitle {
            title: "t".into(),
            other: "u".into(),
        }));
        for _ in 0..5 {
            ds.push(Diagnostic::error(Msg::ContentMissing));
        }
        let out = ds.render(Lang::En);
        let told = |line: usize, file: &str| out.contains(&format!("{file}:{line}:5"));
        assert!((3..=5).all(|l| told(l, "content/a.md")), "{out}");
        assert!(!(6..=9).any(|l| told(l, "content/a.md")), "{out}");
        assert!(told(4, "content/b.md"), "{out}");
        assert!(out.ends_with("… and 4 more places with E011 in content/a.md: lines 6, 7, 8, 9"));
        assert_eq!(
            out.matches(Msg::ContentMissing.text(Lang::En).as_str())
                .count(),
            5
        );
        assert_eq!(out.matches("error[").count(), 3 + 1 + 1 + 5, "{out}");
        // the same code on other fields is another mistake, shown whole;
        // one field down a list is one mistake
        let mut fields = Diagnostics::default();
        for (line, field) in (3..=9).zip([
            "documents[0]",
            "documents[1]",
            "documents[2]",
            "documents[3]",
            "documents[4]",
            "channels[0].way",
            "online.level",
        ]) {
            fields.push(colon("content/a.md", line).field(field));
        }
        let out = fields.render(Lang::En);
        let told = |line: usize, file: &str| out.contains(&format!("{file}:{line}:5"));
        assert!(
            [3, 4, 5, 8, 9].iter().all(|&l| told(l, "content/a.md")),
            "{out}"
        );
        assert!(
            !told(6, "content/a.md") && !told(7, "content/a.md"),
            "{out}"
        );
        assert!(
            out.ends_with("… and 2 more places with E011 in content/a.md: lines 6, 7"),
            "{out}"
        );
        // three or fewer: nothing summed up
        let mut few = Diagnostics::default();
        for line in 3..=5 {
            few.push(colon("content/a.md", line));
        }
        assert!(!few.render(Lang::Vi).contains("…"));
    }
}
