//! Front matter and `site.yaml` through serde_norway, read field by field so
//! every mistake is reported with its file, line and field, and all
//! mistakes of a file are reported at once.

use crate::model::choice::Choice;
use std::cell::RefCell;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_norway::{Mapping, Value};

use crate::diag::{Diagnostic, Diagnostics};
use crate::messages::{Kind, Msg, YamlProblem};
use crate::text::nfc;

/// One step of a field path: a key or a list position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// A path to a field, written `channels[1].fee`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    pub(crate) fn key(&self, k: &str) -> FieldPath {
        let mut v = self.0.clone();
        v.push(Seg::Key(k.to_string()));
        FieldPath(v)
    }
    pub(crate) fn index(&self, i: usize) -> FieldPath {
        let mut v = self.0.clone();
        v.push(Seg::Index(i));
        FieldPath(v)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A YAML document being read, with what is needed to point at its lines.
pub(crate) struct Doc<'a> {
    /// The file as shown to the user.
    pub file: PathBuf,
    /// The whole file's text (to quote source lines).
    pub file_text: &'a str,
    /// The YAML part.
    pub yaml: &'a str,
    /// File lines before the YAML's first line.
    pub line_offset: usize,
    pub diags: RefCell<Diagnostics>,
    /// Whether values are read as written, curly quotes round them kept
    /// (camnang's own files: `qr-lock.yaml` holds titles as they were).
    pub as_is: bool,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(
        file: &Path,
        file_text: &'a str,
        yaml: &'a str,
        line_offset: usize,
    ) -> Doc<'a> {
        Doc {
            file: file.to_path_buf(),
            file_text,
            yaml,
            line_offset,
            diags: RefCell::new(Diagnostics::default()),
            as_is: false,
        }
    }

    /// Parses the YAML into a mapping, or reports why it cannot.
    pub(crate) fn parse(&self) -> Option<Mapping> {
        if self.yaml.trim().is_empty() {
            return Some(Mapping::new());
        }
        match serde_norway::from_str::<Value>(self.yaml) {
            Ok(Value::Mapping(m)) => {
                self.tell_cut_comments();
                self.tell_joined_items();
                Some(m)
            }
            Ok(Value::Null) => Some(Mapping::new()),
            Ok(_) => {
                self.report(Diagnostic::error(Msg::NotAMapping), 1, 1);
                None
            }
            Err(e) => {
                let (mut problem, line, col) = yaml_problem(self.yaml, &e);
                // (a line the message names is the file's, as the place is)
                if let YamlProblem::DuplicateKey { first, .. } = &mut problem
                    && *first > 0
                {
                    *first += self.line_offset;
                }
                // (the list a line without its dash belongs to)
                let field = match &problem {
                    YamlProblem::ListItemNoDash { key } => Some(key.clone()),
                    _ => None,
                };
                let mut d = Diagnostic::error(Msg::YamlSyntax {
                    problem,
                    file: self.settings_file(),
                });
                if let Some(key) = field {
                    d = d.field(key);
                }
                self.report(d, line.max(1), col.max(1));
                None
            }
        }
    }

    /// Warns at each value that YAML cuts at ` #` (what follows is a
    /// comment to YAML, so `summary: tổ #3, thôn 1` keeps only `tổ`).
    fn tell_cut_comments(&self) {
        if !self.yaml.contains('#') {
            return;
        }
        for (i, line) in self.yaml.lines().enumerate() {
            if let Some((key, col, cut)) = cut_comment(line) {
                let mut d = Diagnostic::warning(Msg::CutAtHash { cut });
                if !key.is_empty() {
                    d = d.field(key);
                }
                self.report(d, i + 1, col);
            }
        }
    }

    /// Warns at each list item YAML joins to the one above because its
    /// dash is further in (`  - Tờ khai…` then `    - Văn bản…`): one item
    /// "Tờ khai… - Văn bản…" on the page, posters and flyers.
    fn tell_joined_items(&self) {
        // (a dash further in than another is three spaces in at least, or
        // under a list written at the margin or one space in: most front
        // matters have none of these)
        if !["   - ", "\n- ", "\n - "]
            .iter()
            .any(|p| self.yaml.contains(p))
        {
            return;
        }
        for (i, col, field) in joined_items(self.yaml) {
            let mut d = Diagnostic::warning(Msg::ItemJoined);
            if let Some(field) = field {
                d = d.field(field);
            }
            self.report(d, i + 1, col + 1);
        }
    }

    /// The file's name when it is all YAML (`site.yaml`, `site.en.yaml`),
    /// for messages that would otherwise speak of a front matter.
    fn settings_file(&self) -> Option<String> {
        (self.yaml == self.file_text).then(|| self.file.to_string_lossy().replace('\\', "/"))
    }

    fn report(&self, d: Diagnostic, yaml_line: usize, col: usize) {
        let line = yaml_line + self.line_offset;
        let d = d.in_file(&self.file).at(line, col, self.file_text);
        self.diags.borrow_mut().push(d);
    }

    /// Reports a message about a field, pointing at the field's line.
    pub(crate) fn error_at(&self, path: &FieldPath, msg: Msg) {
        self.report_at(path, Diagnostic::error(msg));
    }

    /// Warns about a field, pointing at the field's line.
    pub(crate) fn warning_at(&self, path: &FieldPath, msg: Msg) {
        self.report_at(path, Diagnostic::warning(msg));
    }

    fn report_at(&self, path: &FieldPath, d: Diagnostic) {
        // a place the file does not have (`apps[0]` of `apps: zalo`, one
        // item written as a value) is told at the nearest one it has
        let (line, col) = (0..=path.0.len())
            .rev()
            .find_map(|n| locate(self.yaml, &path.0[..n]).filter(|_| n > 0))
            .unwrap_or((0, 0));
        self.report(d.field(path.to_string()), line + 1, col + 1);
    }

    /// Reports unknown keys of `map`, with a "did you mean" from `allowed`.
    pub(crate) fn check_keys(&self, map: &Mapping, path: &FieldPath, allowed: &[&str]) {
        for key in map.keys() {
            if let Value::String(s) = key
                && allowed.contains(&s.as_str())
            {
                continue;
            }
            let name = match key {
                Value::String(s) => s.clone(),
                other => scalar_text(other).unwrap_or_else(|| "?".into()),
            };
            if !allowed.contains(&name.as_str()) {
                // a field of a group written at the margin (`url:` under
                // `online:` lost its two spaces): indent it, never delete it
                if path.0.is_empty()
                    && let Some((group, _)) = groups().into_iter().find(|(group, fields)| {
                        fields.contains(&name.as_str()) && allowed.contains(group)
                    })
                {
                    self.error_at(
                        &path.key(&name),
                        Msg::FieldOutOfItsGroup {
                            field: name.clone(),
                            group: group.to_string(),
                        },
                    );
                    continue;
                }
                let suggestion = did_you_mean(&name, allowed);
                self.error_at(
                    &path.key(&name),
                    Msg::UnknownField {
                        field: name.clone(),
                        suggestion,
                    },
                );
            }
        }
    }

    /// A text field. Numbers and booleans are taken as text; lists and maps
    /// are an error. Empty values count as absent.
    pub(crate) fn text(
        &self,
        map: &Mapping,
        path: &FieldPath,
        key: &str,
        required: bool,
    ) -> Option<String> {
        // (the field's path is made only where it is needed: to tell of a
        // mistake, or to read how a number was written)
        let p = || path.key(key);
        match map.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.missing(map, path, &p(), key);
                }
                None
            }
            Some(v) => match self.as_written(v, p) {
                Some(s) if s.trim().is_empty() => {
                    if required {
                        let p = p();
                        self.error_at(
                            &p,
                            Msg::EmptyValue {
                                field: p.to_string(),
                            },
                        );
                    }
                    None
                }
                Some(s) => Some(self.straight(&s, p)),
                None => {
                    let p = p();
                    self.error_at(
                        &p,
                        Msg::WrongType {
                            field: p.to_string(),
                            expected: Kind::Text,
                        },
                    );
                    None
                }
            },
        }
    }

    /// Like [`Doc::text`], but the value must be written as text (quoted if
    /// it looks like a number), for codes such as `1.004190`.
    pub(crate) fn quoted_text(&self, map: &Mapping, path: &FieldPath, key: &str) -> Option<String> {
        if let Some(Value::Number(_)) = map.get(key) {
            let p = path.key(key);
            self.error_at(
                &p,
                Msg::CodeNotText {
                    // (as the clerk wrote it: the hint's example was
                    // another procedure's code, copied as it stood)
                    written: self.written(&p),
                    field: p.to_string(),
                },
            );
            return None;
        }
        self.text(map, path, key, false)
    }

    /// A text value trimmed and in NFC, without the curly quotes Word put
    /// round the whole of it (`agency: “Công an xã”`: meant as YAML's
    /// quotes, which are straight, they reached the page), which are told.
    fn straight(&self, s: &str, p: impl FnOnce() -> FieldPath) -> String {
        let s = s.trim();
        if self.as_is {
            return nfc(s);
        }
        let inner = [('“', '”'), ('‘', '’'), ('„', '“')]
            .iter()
            .find_map(|&(open, close)| {
                let inner = s.strip_prefix(open)?.strip_suffix(close)?;
                // (‘Tạm trú’ và ‘tạm vắng’ is two quoted words, not one)
                (!inner.contains([open, close])).then_some(inner)
            })
            .filter(|inner| !inner.trim().is_empty() && !inner.contains(['“', '”']));
        match inner {
            Some(inner) => {
                let p = p();
                self.warning_at(
                    &p,
                    Msg::CurlyQuotedValue {
                        field: p.to_string(),
                    },
                );
                nfc(inner.trim())
            }
            None => nfc(s),
        }
    }

    /// A list of text items; a single text value is taken as a list of one.
    pub(crate) fn text_list(&self, map: &Mapping, path: &FieldPath, key: &str) -> Vec<String> {
        let p = path.key(key);
        match map.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Sequence(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| match self.as_written(v, || p.index(i)) {
                    Some(s) if s.trim().is_empty() => None,
                    Some(s) => Some(self.straight(&s, || p.index(i))),
                    None if self.colon_in_item(v, &p.index(i)) => None,
                    None => {
                        let ip = p.index(i);
                        self.error_at(
                            &ip,
                            Msg::WrongType {
                                field: ip.to_string(),
                                expected: Kind::Text,
                            },
                        );
                        None
                    }
                })
                .collect(),
            Some(v) => match self.as_written(v, || p.clone()) {
                Some(s) if s.trim().is_empty() => Vec::new(),
                Some(s) => vec![self.straight(&s, || p.clone())],
                None => {
                    self.error_at(
                        &p,
                        Msg::WrongType {
                            field: p.to_string(),
                            expected: Kind::List,
                        },
                    );
                    Vec::new()
                }
            },
        }
    }

    /// Whether `v`, an item of a list of texts, is a line with ": " in it
    /// that YAML read as a one-field mapping; if so, says so at `p`.
    pub(crate) fn colon_in_item(&self, v: &Value, p: &FieldPath) -> bool {
        let Value::Mapping(m) = v else {
            return false;
        };
        let Some((Some(key), value)) = m
            .iter()
            .next()
            .filter(|_| m.len() == 1)
            .map(|(k, v)| (scalar_text(k), v))
        else {
            return false;
        };
        let Some(value) = scalar_text(value) else {
            return false;
        };
        let text = format!("{key}: {value}").trim().to_string();
        self.error_at(p, Msg::ColonInItem { key, text });
        true
    }

    /// The text of a scalar as the clerk wrote it. YAML reads `50.000`
    /// as the number 50 and `1.10` as 1.1, but a clerk writing a fee means
    /// fifty thousand đồng: a number (or `yes`, `no`, read as true or
    /// false) in a text field keeps its writing, read from its line.
    /// The field's path is made (by `p`) only for a number or a boolean.
    pub(crate) fn as_written(&self, v: &Value, p: impl FnOnce() -> FieldPath) -> Option<String> {
        match v {
            Value::Number(_) | Value::Bool(_) => self.written(&p()).or_else(|| scalar_text(v)),
            _ => scalar_text(v),
        }
    }

    /// The plain scalar written for the field `p` on its own line
    /// (`fee: 50.000 # …`, `- 1.10`), if it is there.
    fn written(&self, p: &FieldPath) -> Option<String> {
        let Some((line, col)) = locate(self.yaml, &p.0) else {
            return self.written_in_braces(p);
        };
        let whole = self.yaml.lines().nth(line)?;
        let l = whole.get(col..)?;
        let value = match p.0.last()? {
            Seg::Key(k) => {
                let after = l.strip_prefix(k.as_str())?.trim_start_matches(' ');
                after.strip_prefix(':')?
            }
            // an item of a list written one per line
            Seg::Index(_) if whole.get(..col)?.trim_end().ends_with('-') => l,
            // an item of a list in brackets (`[1.10, a]`): up to its comma
            Seg::Index(_) if whole.get(..col)?.trim_end().ends_with(['[', ',']) => {
                l.split([',', ']']).next()?
            }
            Seg::Index(_) => return None,
        };
        // (a number or true/false ends at a comma or a closing brace too:
        // `{fee: 7.000, way: …}`)
        let value = value
            .split(" #")
            .next()?
            .split([',', '}', ']'])
            .next()?
            .trim();
        // one plain word, as a number or true/false is written
        let plain = !value.is_empty()
            && !value.contains([
                ' ', '\t', '[', ']', '{', '}', ',', '"', '\'', '&', '*', '!', '|', '>',
            ]);
        plain.then(|| value.to_string())
    }

    /// The plain scalar written for the field `p` of a group written in
    /// braces on its item's line (`- {way: truc-tuyen, fee: 7.000}`).
    fn written_in_braces(&self, p: &FieldPath) -> Option<String> {
        let (Seg::Key(k), parent) = p.0.split_last()? else {
            return None;
        };
        let (line, col) = locate(self.yaml, parent)?;
        // (from the group's line to the end: a group may go on over the
        // lines below, `- {way: buu-chinh, time: 03 ngày,⏎ fee: 20.000}`)
        let at: usize = self
            .yaml
            .split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum();
        let inner = self.yaml.get(at + col..)?.strip_prefix('{')?;
        // the fields of this group only: up to its closing brace, none
        // nested in it, nor in quotes (`time: "03 ngày, làm việc"`)
        let mut depth = 0usize;
        let mut start = 0;
        let mut quote: Option<char> = None;
        // (a quote opens only where a value or key starts: the `'` of
        // `the commune's office` is a letter)
        let mut last = '{';
        for (i, ch) in inner.char_indices() {
            let opens = matches!(last, '{' | ',' | ':' | '[');
            if !ch.is_whitespace() && quote.is_none() {
                last = ch;
            }
            match (quote, ch) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if opens => quote = Some(ch),
                (None, '{' | '[') => depth += 1,
                (None, '}' | ']') if depth == 0 => return field_in(&inner[start..i], k),
                (None, '}' | ']') => depth -= 1,
                (None, ',') if depth == 0 => {
                    if let Some(v) = field_in(&inner[start..i], k) {
                        return Some(v);
                    }
                    start = i + 1;
                }
                _ => {}
            }
        }
        None
    }

    /// A nested group of fields.
    pub(crate) fn mapping<'m>(
        &self,
        map: &'m Mapping,
        path: &FieldPath,
        key: &str,
    ) -> Option<&'m Mapping> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Mapping(m)) => Some(m),
            Some(_) => {
                let p = path.key(key);
                self.error_at(
                    &p,
                    Msg::WrongType {
                        field: p.to_string(),
                        expected: Kind::Map,
                    },
                );
                None
            }
        }
    }

    /// A list of nested groups (like `channels`).
    pub(crate) fn mapping_list<'m>(
        &self,
        map: &'m Mapping,
        path: &FieldPath,
        key: &str,
    ) -> Vec<(FieldPath, &'m Mapping)> {
        let p = path.key(key);
        match map.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Sequence(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| match v {
                    Value::Mapping(m) => Some((p.index(i), m)),
                    _ => {
                        let ip = p.index(i);
                        self.error_at(
                            &ip,
                            Msg::WrongType {
                                field: ip.to_string(),
                                expected: Kind::Map,
                            },
                        );
                        None
                    }
                })
                .collect(),
            Some(_) => {
                self.error_at(
                    &p,
                    Msg::WrongType {
                        field: p.to_string(),
                        expected: Kind::List,
                    },
                );
                Vec::new()
            }
        }
    }

    /// A true/false field: `true` or `false`, or as a clerk says it,
    /// `có` or `không` (with or without their marks), `yes` or `no`.
    pub(crate) fn boolean(&self, map: &Mapping, path: &FieldPath, key: &str) -> Option<bool> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(Value::String(s)) if let Some(b) = said_yes_or_no(s) => Some(b),
            Some(_) => {
                let p = path.key(key);
                self.error_at(
                    &p,
                    Msg::WrongType {
                        field: p.to_string(),
                        expected: Kind::Bool,
                    },
                );
                None
            }
        }
    }

    /// A number field.
    pub(crate) fn number(&self, map: &Mapping, path: &FieldPath, key: &str) -> Option<f64> {
        self.number_or_decimal(map, path, key, false)
    }

    /// [`Doc::number`]; with `comma`, a text with a decimal comma and one
    /// or two digits after it (`3,5`, how a Vietnamese writes three and a
    /// half) is that number too (three digits after a comma are thousands:
    /// `2,000` is not two).
    fn number_or_decimal(
        &self,
        map: &Mapping,
        path: &FieldPath,
        key: &str,
        comma: bool,
    ) -> Option<f64> {
        let decimal_comma = |s: &str| {
            let (whole, part) = s.trim().split_once(',')?;
            let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
            (comma && digits(whole) && digits(part) && part.len() <= 2)
                .then(|| format!("{whole}.{part}").parse::<f64>().ok())
                .flatten()
        };
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => {
                // `1.000` for a thousand, as Vietnamese writes it: YAML
                // reads 1 (a decimal point). Not in a measure with a
                // fraction (`bleed_mm: 3.175`, an eighth of an inch).
                let p = path.key(key);
                if !comma && let Some(written) = self.written(&p).filter(|w| thousands_dot(w)) {
                    self.thousands(&p, written, n.as_f64());
                    return None;
                }
                n.as_f64()
            }
            Some(Value::String(s)) if decimal_comma(s).is_some() => decimal_comma(s),
            // `12.500.000`, two dots: text to YAML
            Some(Value::String(s)) if !comma && thousands_dot(s.trim()) => {
                self.thousands(&path.key(key), s.trim().to_string(), None);
                None
            }
            Some(_) => {
                let p = path.key(key);
                self.error_at(
                    &p,
                    Msg::WrongType {
                        field: p.to_string(),
                        expected: Kind::Number,
                    },
                );
                None
            }
        }
    }

    /// `E036` at `p`: a number written with dots between thousands,
    /// which YAML read as `read` (or as text).
    fn thousands(&self, p: &FieldPath, written: String, read: Option<f64>) {
        let meant = written.replace('.', "");
        self.error_at(
            p,
            Msg::ThousandsDot {
                field: p.to_string(),
                written,
                meant,
                read: read.map(|r| r.to_string()),
            },
        );
    }

    /// A number field that must lie within `min..=max`; outside it, an
    /// error at the field's line (and `None`).
    pub(crate) fn number_in(
        &self,
        map: &Mapping,
        path: &FieldPath,
        key: &str,
        min: f64,
        max: f64,
    ) -> Option<f64> {
        self.within(map, path, key, (min, max), false)
    }

    /// [`Doc::number_in`]; with `comma`, for a measure with a fraction
    /// (millimetres), which may be written with a decimal comma (`3,5`).
    pub(crate) fn within(
        &self,
        map: &Mapping,
        path: &FieldPath,
        key: &str,
        (min, max): (f64, f64),
        comma: bool,
    ) -> Option<f64> {
        let v = self.number_or_decimal(map, path, key, comma)?;
        if v.is_finite() && (min..=max).contains(&v) {
            return Some(v);
        }
        let p = path.key(key);
        self.error_at(
            &p,
            Msg::OutOfRange {
                field: p.to_string(),
                value: v.to_string(),
                min: min.to_string(),
                max: max.to_string(),
            },
        );
        None
    }

    /// A text field that must be one of `allowed`.
    pub(crate) fn choice<T: Choice>(
        &self,
        map: &Mapping,
        path: &FieldPath,
        key: &str,
    ) -> Option<T> {
        let v = self.text(map, path, key, false)?;
        self.check_choice(&path.key(key), v)
    }

    /// Checks a value against a fixed list of choices.
    pub(crate) fn check_choice<T: Choice>(&self, p: &FieldPath, v: String) -> Option<T> {
        // (`a3` is A3: the words differ in no more than capitals)
        let loose = || {
            T::ALL
                .iter()
                .copied()
                .find(|c| c.key().eq_ignore_ascii_case(v.trim()))
        };
        match T::from_key(&v).or_else(loose) {
            Some(c) => Some(c),
            None => {
                self.error_at(
                    p,
                    Msg::BadChoice {
                        field: p.to_string(),
                        value: v,
                        allowed: T::keys().iter().map(|s| s.to_string()).collect(),
                    },
                );
                None
            }
        }
    }

    fn missing(&self, map: &Mapping, parent: &FieldPath, p: &FieldPath, key: &str) {
        // Point at the key if it is there (empty), else at the parent or
        // the first line of the front matter.
        let there = map.contains_key(key);
        let target = if there { p.clone() } else { parent.clone() };
        // (a line `title:` with nothing after it is there, and empty)
        // (`title: #1 Khai báo…`: to YAML a comment, and the field empty)
        let comment = there
            .then(|| locate(self.yaml, &p.0))
            .flatten()
            .and_then(|(line, _)| self.yaml.lines().nth(line))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim())
            .filter(|v| v.starts_with('#') && v.len() > 1);
        let msg = match (there, comment) {
            (true, Some(text)) => Msg::ValueIsComment {
                field: p.to_string(),
                text: text.to_string(),
            },
            (true, None) => Msg::EmptyValue {
                field: p.to_string(),
            },
            (false, _) => Msg::MissingField {
                field: p.to_string(),
                // (a settings file is all YAML: no front matter to name)
                file: self.settings_file(),
                // (filled in once the lock and every id are known)
                id: None,
            },
        };
        let d = Diagnostic::error(msg).field(p.to_string());
        if target.0.is_empty() {
            // a missing top-level field: point at the opening `---` line
            let line = self.line_offset.max(1);
            let d = d.in_file(&self.file).at(line, 1, self.file_text);
            self.diags.borrow_mut().push(d);
            return;
        }
        let (line, col) = locate(self.yaml, &target.0).unwrap_or((0, 0));
        self.report(d, line + 1, col + 1);
    }

    /// Every mistake found. A required field reported missing is left out
    /// when a misspelt field already suggests it: one message, one fix.
    pub(crate) fn into_diagnostics(self) -> Diagnostics {
        let mut all = self.diags.into_inner();
        let suggested: Vec<String> = all
            .items
            .iter()
            .filter_map(|d| match &d.msg {
                Msg::UnknownField {
                    suggestion: Some(s),
                    ..
                } => Some(s.clone()),
                _ => None,
            })
            .collect();
        all.items.retain(|d| match &d.msg {
            Msg::MissingField { field, .. } => !suggested.contains(field),
            _ => true,
        });
        all
    }
}

/// The list items of `yaml` that YAML reads as more words of the item
/// above: (line, column of the dash, the top-level field they are in). A
/// dash line under a dash line whose item is a plain text (no quotes, no
/// `key: value`, no `|`/`>` block), with its dash further in. Lines inside
/// a block (`|`, `>`) are text and are skipped.
fn joined_items(yaml: &str) -> Vec<(usize, usize, Option<String>)> {
    fn dash(l: &str) -> Option<(usize, &str)> {
        let t = l.trim_start_matches(' ');
        let rest = t.strip_prefix("- ")?;
        Some((l.len() - t.len(), rest.trim()))
    }
    // `|` or `>` (with its indicators) starting a block, comment after it
    let opens_block = |v: &str| {
        let v = v.split(" #").next().unwrap_or(v).trim_end();
        v.starts_with(['|', '>'])
            && v[1..]
                .chars()
                .all(|c| matches!(c, '+' | '-') || c.is_ascii_digit())
    };
    let mut out = Vec::new();
    let mut field: Option<String> = None;
    // the item above: its dash's column, and whether it is plain text
    let mut above: Option<(usize, bool)> = None;
    // inside a block (`key: |`): lines indented more than `block` are text
    let mut block: Option<usize> = None;
    for (i, line) in yaml.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.trim().is_empty() {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if let Some(b) = block {
            if indent > b {
                continue;
            }
            block = None;
        }
        // (a comment changes nothing)
        if trimmed.starts_with('#') {
            continue;
        }
        if let Some((col, item)) = dash(line) {
            if let Some((up, true)) = above
                && col > up
            {
                out.push((i, col, field.clone()));
                continue;
            }
            let plain = !item.is_empty()
                && !item.starts_with(['"', '\'', '[', '{', '&', '*', '!', '|', '>', '#'])
                && !item.contains(": ")
                && !item.ends_with(':');
            // (`- |`, or `- key: |` opening a block in an item)
            let value = item.split_once(": ").map_or(item, |(_, v)| v.trim());
            if opens_block(value) {
                block = Some(col);
            }
            above = Some((col, plain));
            continue;
        }
        // a field (`documents:`, `  hours: |`): a new list may follow
        if let Some((key, value)) = trimmed.split_once(':')
            && (indent == 0 || !key.contains(' '))
            && (value.is_empty() || value.starts_with(' '))
        {
            if indent == 0 {
                field = Some(key.to_string());
            }
            if opens_block(value.trim()) {
                block = Some(indent);
            }
            above = None;
            continue;
        }
        // a line of more words of the item above (a plain text may go on
        // over lines) keeps it; anything else ends it
        if !matches!(above, Some((up, true)) if indent > up) {
            above = None;
        }
    }
    out
}

/// `value` of `key: value`, one field of a group in braces, if it is
/// `key`'s and written as one plain word.
fn field_in(field: &str, key: &str) -> Option<String> {
    let (k, v) = field.split_once(':')?;
    // (a comment after the value, on a group over lines: `15.000 # …`)
    let v = v.split(" #").next().unwrap_or(v).trim();
    let plain = !v.is_empty() && !v.contains([' ', '\t', '{', '[', '&', '*', '!', '|', '>', '#']);
    (k.trim() == key && plain).then(|| v.to_string())
}

/// The text of a scalar value, or `None` for lists and maps.
pub(crate) fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some(String::new()),
        Value::Tagged(t) => scalar_text(&t.value),
        Value::Sequence(_) | Value::Mapping(_) => None,
    }
}

/// A front-matter line `key: value` (after its indentation and list
/// dash): the field's name, what follows its colon, and the column (from
/// 1) where the name starts; `None` unless the name is one word.
fn field_line(l: &str) -> Option<(&str, &str, usize)> {
    let t = l.trim_start_matches([' ', '-']);
    let (key, after) = t.split_once(':')?;
    let word = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    word.then_some((key, after, l.len() - t.len() + 1))
}

/// In a line `key: value #…` or `- item #…` whose plain (unquoted) value
/// YAML cuts at ` #`: the field's name (empty for a list item), the column
/// (from 1) of the `#` and the words cut off. Only a `#` glued to what
/// follows and one space after the words (`tổ #3`, `đồng #miễn phí`) is
/// taken for text: a comment written on purpose (`posters: 2   # of each`)
/// and a line that is only a comment, a quoted value or a block (`|`, `>`)
/// are left alone.
fn cut_comment(l: &str) -> Option<(String, usize, String)> {
    let hash = l.find(" #")? + 1;
    let glued = l[hash + 1..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace());
    let one_space = l[..hash - 1]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace());
    if !(glued && one_space) {
        return None;
    }
    let (key, value) = match field_line(l) {
        Some((key, after, _)) => (key, after),
        None => ("", l.trim_start().strip_prefix("- ")?),
    };
    let v = value.trim_start();
    let before = l[..hash].trim_end();
    let plain = !v.starts_with(['"', '\'', '|', '>', '#', '[', '{', '&', '!']);
    let said = before.len() > l.len() - v.len();
    let cut = l[hash + 1..].trim();
    let col = l[..hash].chars().count() + 1;
    (plain && said && !cut.is_empty()).then(|| (key.to_string(), col, cut.to_string()))
}

/// A field name and the column (from 1) where the field starts, in a
/// line such as `  agency:Công an xã` (no space, or a non-breaking one,
/// after the colon).
fn glued_key(l: &str) -> Option<(String, usize)> {
    let (key, after, col) = field_line(l)?;
    let next = after.chars().next()?;
    (!matches!(next, ' ' | '\t' | '/')).then(|| (key.to_string(), col))
}

/// The field, the first character and the column (from 1) of a value that
/// starts with a character YAML keeps for itself (`summary: *Lưu ý: …`).
fn special_start(l: &str) -> Option<(String, char, usize)> {
    let (key, after, _) = field_line(l)?;
    let v = after.strip_prefix(' ')?.trim_start();
    let first = v.chars().next()?;
    // an alias is one word after *: "*Lưu ý: …" is text ("&a [x, y]" and
    // "!tag x" are YAML's own anchors and tags, and left to the parser)
    let alias = v[first.len_utf8()..]
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
    // a block's `>` or `|` with text after it on its line ("> 14 tuổi")
    let block_with_text = matches!(first, '>' | '|') && {
        let rest =
            v[1..].trim_start_matches(|c: char| matches!(c, '+' | '-') || c.is_ascii_digit());
        let rest = rest.trim();
        !rest.is_empty() && !rest.starts_with('#')
    };
    let special = matches!(first, '@' | '`' | '%') || (first == '*' && !alias) || block_with_text;
    special.then(|| (key.to_string(), first, l.len() - v.len() + 1))
}

/// What is wrong with a line whose value starts with a quote or a bracket
/// YAML reads as its own, and the column (from 1) of that character: text
/// after the closing quote or bracket, or a quote not closed on the line.
fn quote_trouble(l: &str) -> Option<(YamlProblem, usize)> {
    let (key, after, _) = field_line(l)?;
    let v = after.strip_prefix(' ')?.trim_start();
    let col = l[..l.len() - v.len()].chars().count() + 1;
    let first = v.chars().next()?;
    let close = match first {
        '"' => {
            // the next quote not escaped with a backslash
            let mut escaped = false;
            v[1..].char_indices().find_map(|(i, c)| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end.then_some(i + 1)
            })
        }
        // ('' inside single quotes is one quote)
        '\'' => {
            let inner = &v.as_bytes()[1..];
            let mut i = 0;
            let mut end = None;
            while i < inner.len() {
                if inner[i] == b'\'' {
                    if inner.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    end = Some(i + 1);
                    break;
                }
                i += 1;
            }
            end
        }
        '[' => v.find(']'),
        _ => return None,
    };
    let key = key.to_string();
    let Some(close) = close else {
        // (an open bracket is told by the parser, at the bracket)
        return (first != '[').then_some((YamlProblem::UnclosedQuote, col));
    };
    let rest = v[close + 1..].trim_start();
    let more = !rest.is_empty() && !rest.starts_with('#');
    more.then_some((YamlProblem::TextAfterQuote { key, first }, col))
}

/// The field and the column (from 1) of its colon, in a line whose field
/// is followed by a full-width colon `：` (U+FF1A) instead of `:`.
fn wide_colon(l: &str) -> Option<(String, usize)> {
    // (a list item, `- CCCD：bản chính`, is text)
    if l.trim_start().starts_with('-') {
        return None;
    }
    let t = l.trim_start_matches(' ');
    let (key, _) = t.split_once('：')?;
    let key = key.trim_end();
    let word = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let before = l.len() - t.len() + key.len();
    word.then(|| (key.to_string(), l[..before].chars().count() + 1))
}

/// The field and the column (from 1) of its value, in a line whose value
/// has ": " in it (`summary: Lưu ý: mang theo CCCD`).
fn colon_in_value(l: &str) -> Option<(String, usize)> {
    let (key, after, _) = field_line(l)?;
    let value = after.strip_prefix(' ')?;
    let v = value.trim_end();
    ((v.contains(": ") || v.ends_with(':')) && !v.starts_with(['"', '\'']))
        .then(|| (key.to_string(), l.len() - value.len() + 1))
}

/// `có`/`không` (or `co`/`khong`, `yes`/`no`, in any case) as a yes or
/// no; anything else is not one.
fn said_yes_or_no(text: &str) -> Option<bool> {
    // (the words themselves: "cô", "cỏ" and "cố" are not "có")
    match crate::text::nfc(text.trim()).to_lowercase().as_str() {
        "có" | "co" | "yes" => Some(true),
        "không" | "khong" | "no" => Some(false),
        _ => None,
    }
}

/// Turns serde_norway's error into a problem a clerk understands, placed
/// where the fix goes: where an unclosed quote or bracket opened, or at the
/// second copy of a duplicated key.
/// Near line `line` (from 1) where the parser stopped: a line indented
/// as the items of a list above it (`  - Tờ khai`) but not one (`  Giấy
/// tờ…`, `  -Giấy tờ…`), with no field's colon. Its line (from 1), the
/// list's field and the column of its first letter.
fn item_without_dash(lines: &[&str], line: usize) -> Option<(usize, String, usize)> {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    (line.saturating_sub(3)..line.min(lines.len()))
        .rev()
        .find_map(|i| {
            let l = lines[i];
            let t = l.trim_start_matches(' ');
            let n = indent(l);
            let bare = n > 0 && !t.is_empty() && !t.starts_with("- ") && !t.starts_with('#');
            if !bare || field_line(l).is_some() || t.trim_end().ends_with(':') {
                return None;
            }
            // the nearest line above that is not blank: an item at the same
            // indentation, or a line of one (its text over several lines)
            let above = (0..i).rev().find(|&j| !lines[j].trim().is_empty())?;
            let item = (0..=above).rev().find(|&j| {
                let t = lines[j].trim_start_matches(' ');
                indent(lines[j]) == n && t.starts_with("- ")
            })?;
            // (no field in between: the same list)
            if (item..=above).any(|j| !lines[j].trim().is_empty() && indent(lines[j]) < n) {
                return None;
            }
            let key = (0..item)
                .rev()
                .find(|&j| indent(lines[j]) < n && field_line(lines[j]).is_some())
                .and_then(|j| field_line(lines[j]))
                .map(|(k, _, _)| k.to_string())?;
            // the first of the lines without their dash after the item
            let first = (item + 1..=i)
                .find(|&j| {
                    let t = lines[j].trim_start_matches(' ');
                    indent(lines[j]) == n && !t.is_empty() && !t.starts_with("- ")
                })
                .unwrap_or(i);
            Some((first + 1, key, n + 1))
        })
}

fn yaml_problem(yaml: &str, e: &serde_norway::Error) -> (YamlProblem, usize, usize) {
    let msg = e.to_string();
    let (line, col) = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or((1, 1));
    let context = msg.rsplit_once("while ").and_then(|(_, ctx)| line_col(ctx));
    if msg.contains("while scanning a quoted scalar") {
        let (l, c) = context.unwrap_or((line, col));
        return (YamlProblem::UnclosedQuote, l, c);
    }
    if msg.contains("flow sequence") || msg.contains("flow mapping") || msg.contains("flow node") {
        let (l, c) = context
            .or_else(|| unclosed_bracket(yaml))
            .unwrap_or((line, col));
        return (YamlProblem::UnclosedBracket, l, c);
    }
    if msg.contains("tab character") {
        return (YamlProblem::Tab, line, col);
    }
    let lines: Vec<&str> = yaml.lines().collect();
    // a Tab in the indentation of the line the parser stopped at: libyaml
    // says only that a character "cannot start any token" there
    if lines
        .get(line.wrapping_sub(1))
        .is_some_and(|l| l[..l.len() - l.trim_start().len()].contains('\t'))
    {
        return (YamlProblem::Tab, line, 1);
    }
    // a special space in the indentation (a no-break space from Word or
    // Zalo): not a space to YAML, which stumbles a line later
    let odd = near(&lines, line, 3, odd_indent);
    if let Some((l, c)) = odd {
        let code = format!("U+{:04X}", u32::from(c));
        return (YamlProblem::OddSpace { code }, l, 1);
    }
    // a value starting with a character YAML keeps for itself ("*Lưu ý",
    // "@xa"): on the line of the mistake or the one before
    let special = near(&lines, line, 2, special_start);
    if let Some((l, (key, first, c))) = special {
        return (YamlProblem::SpecialStart { key, first }, l, c);
    }
    // (inside a group, the message starts with the group's path: `online: …`)
    if let Some((_, rest)) = msg.split_once("duplicate entry with key ") {
        let key = rest
            .split(" at line")
            .next()
            .unwrap_or(rest)
            .trim_matches('"')
            .to_string();
        // the two lines: the first pair with the field's name at one column
        // in one mapping (the second no item of a list, no line between
        // them at a smaller indentation: a field above, or the next item)
        let all: Vec<&str> = yaml.lines().collect();
        let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
        let at = |l: &str| l.len() - l.trim_start_matches([' ', '-']).len() + 1;
        let named: Vec<usize> = (0..all.len())
            .filter(|&i| key_matches(all[i].trim_start_matches([' ', '-']), &key))
            .collect();
        let one_mapping = |i: usize, j: usize| {
            let c = at(all[j]);
            at(all[i]) == c
                && indent(all[j]) + 1 == c
                && all[i + 1..j].iter().all(|l| {
                    let t = l.trim_start();
                    t.is_empty() || t.starts_with('#') || indent(l) + 1 >= c
                })
        };
        let pair = named.iter().enumerate().find_map(|(n, &j)| {
            named[..n]
                .iter()
                .rev()
                .find(|&&i| one_mapping(i, j))
                .map(|&i| (i, j))
        });
        let (first, (l, c)) = match pair {
            Some((i, j)) => (i + 1, (j + 1, at(all[j]))),
            None => (0, (line, col)),
        };
        return (YamlProblem::DuplicateKey { key, first }, l, c);
    }
    // a field written with a full-width colon (`agency：…`, from a Chinese
    // or Japanese keyboard layout): YAML reads the line as text and
    // stumbles a line or more later, or at the end
    if let Some((l, (key, c))) = near(&lines, line, 3, wide_colon) {
        return (YamlProblem::WideColon { key }, l, c);
    }
    // a value that starts with a quote or a bracket and goes on after it
    // closes (`summary: "Tạm trú" là…`, `summary: [Bắt buộc] Khai báo…`),
    // or a quote never closed on its line (`id: "ct02`): YAML stumbles
    // later, and said "wrong indentation" there
    if let Some((l, (problem, c))) = near(&lines, line, 3, quote_trouble) {
        return (problem, l, c);
    }
    // a number too big for any number type (a fee of 21 digits): serde
    // names the Rust type it tried
    if msg.contains("as u128") || msg.contains("as i128") {
        // (the value itself a number: one in quotes is text, and fits)
        let big = lines.iter().enumerate().find_map(|(i, l)| {
            let value = match field_line(l) {
                Some((_, after, _)) => after.trim_start(),
                None => l.trim_start().strip_prefix('-')?.trim_start(),
            };
            let digits = value.bytes().take_while(u8::is_ascii_digit).count();
            (digits >= 20).then(|| (i + 1, l[..l.len() - value.len()].chars().count() + 1))
        });
        let (l, c) = big.unwrap_or((line, col));
        return (YamlProblem::NumberTooBig, l, c);
    }
    let confused = msg.contains("mapping values are not allowed")
        || msg.contains("did not find expected key")
        || msg.contains("could not find expected ':'");
    if confused {
        // a field with no plain space after its colon: the parser only
        // stumbles a line or two later
        if let Some((l, (key, c))) = near(&lines, line, 3, glued_key) {
            return (YamlProblem::NoSpaceAfterColon { key }, l, c);
        }
        // a value broken onto a second line at the margin (`summary: …`
        // then `khi bạn …`): that line has no field, and YAML stumbles
        // on the next
        let orphan = (line.saturating_sub(3)..line.min(lines.len()))
            .rev()
            .find(|&i| {
                let l = lines[i];
                !l.trim().is_empty()
                    && !l.starts_with([' ', '\t', '#', '-', '[', '{', '"', '\''])
                    && !l.contains(':')
                    && i > 0
                    && field_line(lines[i - 1]).is_some()
            });
        // `agency Công an xã`: a field's name with no colon after it (the
        // parser stumbles on it, or on the line after)
        if let Some((l, key)) = near(&lines, line, 3, |l| {
            let word = l.split([' ', '\t']).next().unwrap_or_default();
            let more = !l[word.len()..].trim().is_empty();
            (more && !l.contains(':') && known_field(word)).then(|| word.to_string())
        }) {
            let c = key.len() + 1;
            return (YamlProblem::MissingColon { key }, l, c);
        }
        // an item of a list written without its `- ` (or as `-Giấy tờ`)
        // under items that have it: the parser stumbles on the next field
        if let Some((l, key, c)) = item_without_dash(&lines, line) {
            return (YamlProblem::ListItemNoDash { key }, l, c);
        }
        if let Some(i) = orphan {
            let key = field_line(lines[i - 1])
                .map(|(k, _, _)| k.to_string())
                .unwrap_or_default();
            return (YamlProblem::BrokenLine { key }, i + 1, 1);
        }
        if msg.contains("mapping values are not allowed")
            && let Some((key, c)) = lines
                .get(line.wrapping_sub(1))
                .and_then(|l| colon_in_value(l))
        {
            let curly = lines
                .get(line.wrapping_sub(1))
                .and_then(|l| l.chars().nth(c - 1))
                .is_some_and(|q| matches!(q, '“' | '”' | '‘' | '’' | '„'));
            return match curly {
                true => (YamlProblem::CurlyQuotes { key }, line, c),
                false => (YamlProblem::ColonInValue { key }, line, c),
            };
        }
        return (YamlProblem::Indentation, line, col);
    }
    let detail = match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    (YamlProblem::Other { detail }, line, col)
}

/// The groups whose fields a clerk may write at the margin by mistake,
/// with the fields each holds: a guide's `online:` and `channels:`, the
/// groups of `site.yaml` (`deploy:`'s one field, `to`, is a word of a
/// sentence as often as a field).
fn groups() -> [(&'static str, &'static [&'static str]); 6] {
    use crate::load::{config, procedure};
    [
        ("online", procedure::ONLINE_KEYS),
        ("channels", procedure::CHANNEL_KEYS),
        ("contact", config::CONTACT_KEYS),
        ("print", config::PRINT_KEYS),
        ("search", config::SEARCH_KEYS),
        ("kiosk", config::KIOSK_KEYS),
    ]
}

/// Whether a number is written with dots between thousands, as
/// Vietnamese writes them (`1.000`, `12.500.000`): one to three digits,
/// then groups of a dot and three digits.
fn thousands_dot(written: &str) -> bool {
    let mut groups = written.split('.');
    let first = groups.next().unwrap_or_default();
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    (1..=3).contains(&first.len())
        && digits(first)
        && written.contains('.')
        && groups.all(|g| g.len() == 3 && digits(g))
}

/// Whether `word` is the name of a field of a guide or of `site.yaml`.
fn known_field(word: &str) -> bool {
    // (short words, `to`, are words of a sentence as often as fields)
    word.len() >= 3 && crate::load::procedure::PROCEDURE_KEYS.contains(&word)
        || word.len() >= 3 && crate::load::config::all_keys().any(|k| k == word)
}

/// What `f` finds on the line the parser stopped at (`line`, from 1) or
/// on the `back - 1` lines before it, nearest first, with its line (from
/// 1): where YAML stumbles is often a line or two after the mistake.
fn near<T>(
    lines: &[&str],
    line: usize,
    back: usize,
    f: impl Fn(&str) -> Option<T>,
) -> Option<(usize, T)> {
    (line.saturating_sub(back)..line.min(lines.len()))
        .rev()
        .find_map(|i| f(lines[i]).map(|t| (i + 1, t)))
}

/// The first space other than a plain space or a Tab in the indentation
/// of `line` (U+00A0 no-break space, U+3000, U+2000…U+200A…).
fn odd_indent(line: &str) -> Option<char> {
    line.chars()
        .take_while(|c| c.is_whitespace() || *c == '\u{feff}')
        .find(|c| !matches!(c, ' ' | '\t'))
}

/// Where the last `[` or `{` that is never closed was opened (1-based),
/// skipping quoted text and comments.
fn unclosed_bracket(yaml: &str) -> Option<(usize, usize)> {
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        let mut quote: Option<char> = None;
        for (j, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => open.push((i + 1, j + 1)),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    open.pop()
}

/// Reads "… at line N column M" at the end of a libyaml message.
fn line_col(s: &str) -> Option<(usize, usize)> {
    let (_, rest) = s.rsplit_once(" at line ")?;
    let (l, c) = rest.split_once(" column ")?;
    let c: String = c.chars().take_while(char::is_ascii_digit).collect();
    Some((l.trim().parse().ok()?, c.parse().ok()?))
}

/// The closest allowed name, if it is close enough to be a typo.
pub(crate) fn did_you_mean(name: &str, allowed: &[&str]) -> Option<String> {
    let folded = crate::text::fold(name);
    // a field named in Vietnamese, as a clerk says it (`tóm tắt:`)
    let words = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if let Some((_, key)) = VIETNAMESE_NAMES
        .iter()
        .find(|(vi, key)| *vi == words && allowed.contains(key))
    {
        return Some(key.to_string());
    }
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(&folded, a), *a))
        .filter(|(d, a)| *d <= 2.max(a.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a.to_string())
}

/// Fields as clerks name them in Vietnamese, or as Hugo does (folded,
/// words apart with one space), with the field meant: offered where that
/// field is allowed.
const VIETNAMESE_NAMES: &[(&str, &str)] = &[
    ("ten", "title"),
    ("ten thu tuc", "title"),
    ("tieu de", "title"),
    ("ma", "id"),
    ("ma qr", "id"),
    ("ma thu tuc", "code"),
    ("tom tat", "summary"),
    ("mo ta", "summary"),
    ("co quan", "agency"),
    ("co quan giai quyet", "agency"),
    ("co quan thuc hien", "agency"),
    ("noi nop", "agency"),
    ("doi tuong", "audience"),
    ("doi tuong thuc hien", "audience"),
    ("truc tuyen", "online"),
    ("dich vu cong", "online"),
    ("cach nop", "channels"),
    ("cach thuc thuc hien", "channels"),
    ("hinh thuc nop", "way"),
    ("cach", "way"),
    ("thoi han", "time"),
    ("thoi gian", "time"),
    ("thoi han giai quyet", "time"),
    ("le phi", "fee"),
    ("phi", "fee"),
    ("phi le phi", "fee"),
    ("giay to", "documents"),
    ("ho so", "documents"),
    ("thanh phan ho so", "documents"),
    ("ket qua", "result"),
    ("can cu", "legal"),
    ("can cu phap ly", "legal"),
    ("phap ly", "legal"),
    ("cap nhat", "updated"),
    ("ngay cap nhat", "updated"),
    ("tu khoa", "keywords"),
    ("duong dan", "url"),
    ("muc do", "level"),
    ("ung dung", "apps"),
    ("dien thoai", "phone"),
    ("so dien thoai", "phone"),
    ("dia chi", "address"),
    ("gio lam viec", "hours"),
    ("thoi gian lam viec", "hours"),
    ("xa", "commune"),
    ("ten xa", "commune"),
    ("tinh", "province"),
    ("ngon ngu", "language"),
    ("lien he", "contact"),
    ("thu tu", "order"),
    // as Hugo and Jekyll name them (a clerk who made sites with them)
    ("description", "summary"),
    ("date", "updated"),
    ("lastmod", "updated"),
    ("weight", "order"),
    ("tags", "keywords"),
];

/// Finds the line and column (0-based) where a field path is written in
/// block-style YAML. Flow style (`[a, b]`) and odd layouts fall back to the
/// nearest enclosing field that can be found.
pub(crate) fn locate(yaml: &str, path: &[Seg]) -> Option<(usize, usize)> {
    let lines: Vec<&str> = yaml.lines().collect();
    // (line index, column of the content after indentation and "- " marks)
    let key_col = |l: &str| -> (usize, usize) {
        let indent = l.len() - l.trim_start_matches(' ').len();
        let mut col = indent;
        let mut rest = &l[indent..];
        let mut dash_col = None;
        while let Some(r) = rest
            .strip_prefix("- ")
            .or_else(|| if rest == "-" { Some("") } else { None })
        {
            if dash_col.is_none() {
                dash_col = Some(col);
            }
            let r2 = r.trim_start_matches(' ');
            col += rest.len() - r2.len();
            rest = r2;
        }
        (dash_col.unwrap_or(col), col)
    };
    let meaningful = |l: &str| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    };
    let (mut start, mut end) = (0usize, lines.len());
    let mut found: Option<(usize, usize)> = None;
    // The column keys of the current block must be at (None = not known yet).
    let mut block_col: Option<usize> = None;
    for seg in path {
        match seg {
            Seg::Key(k) => {
                let col = match block_col {
                    Some(c) => c,
                    None => {
                        let first = (start..end).find(|&i| meaningful(lines[i]))?;
                        key_col(lines[first]).1
                    }
                };
                let i = (start..end).find(|&i| {
                    let l = lines[i];
                    meaningful(l) && key_col(l).1 == col && key_matches(&l[col..], k)
                })?;
                found = Some((i, col));
                // the block of this key: following lines indented deeper
                let mut j = i + 1;
                while j < end {
                    let l = lines[j];
                    if meaningful(l) {
                        let (dash, c) = key_col(l);
                        if dash.min(c) <= col {
                            break;
                        }
                    }
                    j += 1;
                }
                start = i + 1;
                end = j;
                block_col = None;
            }
            Seg::Index(n) => {
                // a list written in brackets on its key's line: `[a, b]`
                if let Some((kl, kc)) = found
                    && let Some(at) = flow_item(lines[kl], kc, *n)
                {
                    return Some((kl, at));
                }
                let first = (start..end).find(|&i| meaningful(lines[i]))?;
                let (dash, _) = key_col(lines[first]);
                let items: Vec<usize> = (start..end)
                    .filter(|&i| {
                        let l = lines[i];
                        meaningful(l) && key_col(l).0 == dash && l[dash..].starts_with('-')
                    })
                    .collect();
                let i = *items.get(*n)?;
                let item_end = items.get(n + 1).copied().unwrap_or(end);
                let (_, c) = key_col(lines[i]);
                found = Some((i, c));
                // keys of the item: the first one shares the dash line
                start = i;
                end = item_end;
                block_col = Some(c);
            }
        }
    }
    found.or(Some((0, 0)))
}

/// The column (from 0) of item `n` of a list written in brackets after the
/// key that starts at column `kc` of `line` (`apps: [vneid, VNeID]`).
fn flow_item(line: &str, kc: usize, n: usize) -> Option<usize> {
    let rest = line.get(kc..)?;
    let colon = rest.find(':')?;
    let after = &rest[colon + 1..];
    let open = kc + colon + 1 + after.find(|c: char| c != ' ')?;
    if !line[open..].starts_with('[') {
        return None;
    }
    // items start after the bracket and after each comma outside quotes
    // and inner brackets
    let mut starts = vec![open + 1];
    let (mut depth, mut quote) = (0usize, None);
    for (i, c) in line[open + 1..].char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            (_, Some(_)) => {}
            ('[' | '{', None) => depth += 1,
            (']' | '}', None) if depth == 0 => break,
            (']' | '}', None) => depth -= 1,
            (',', None) if depth == 0 => starts.push(open + 1 + i + 1),
            _ => {}
        }
    }
    let at = *starts.get(n)?;
    let item = &line[at..];
    Some(at + item.len() - item.trim_start().len())
}

fn key_matches(rest: &str, key: &str) -> bool {
    fn unquoted<'r>(r: &'r str, key: &str, q: char) -> Option<&'r str> {
        r.strip_prefix(q)?.strip_prefix(key)?.strip_prefix(q)
    }
    let after = rest
        .strip_prefix(key)
        .or_else(|| unquoted(rest, key, '"'))
        .or_else(|| unquoted(rest, key, '\''));
    match after {
        Some(a) => a.trim_start_matches(' ').starts_with(':'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Seg {
        Seg::Key(s.into())
    }

    const FM: &str = "title: A\nonline:\n  url: https://x\n  level: toan-trinh\nchannels:\n  - way: truc-tuyen\n    fee: 1\n  - way: truc-tiep\n    time: 3 ngày\n    fee: 2\ndocuments:\n  - a\n  - b\nupdated: 2026-01-01\n";

    #[test]
    fn locates_nested_fields_and_list_items() {
        let cases: Vec<(Vec<Seg>, (usize, usize))> = vec![
            (vec![k("title")], (0, 0)),
            (vec![k("online"), k("level")], (3, 2)),
            (vec![k("channels"), Seg::Index(1), k("fee")], (9, 4)),
            (vec![k("channels"), Seg::Index(0), k("way")], (5, 4)),
            (vec![k("channels"), Seg::Index(1)], (7, 4)),
            (vec![k("documents"), Seg::Index(1)], (12, 4)),
            (vec![k("updated")], (13, 0)),
        ];
        for (path, want) in cases {
            assert_eq!(locate(FM, &path), Some(want), "{path:?}");
        }
    }

    #[test]
    fn locates_items_of_lists_written_in_brackets() {
        let fm = "title: A\nonline:\n  apps: [vneid, VNeID, \"a, b\", [x, y], z]\nkeywords: [KT3, [a]]\n";
        let apps = |n| vec![k("online"), k("apps"), Seg::Index(n)];
        assert_eq!(locate(fm, &apps(0)), Some((2, 9)));
        assert_eq!(locate(fm, &apps(1)), Some((2, 16)));
        assert_eq!(locate(fm, &apps(3)), Some((2, 31)));
        assert_eq!(locate(fm, &apps(4)), Some((2, 39)));
        assert_eq!(locate(fm, &[k("keywords"), Seg::Index(1)]), Some((3, 16)));
    }

    #[test]
    fn missing_paths_give_none_and_keys_must_match_whole() {
        assert_eq!(locate(FM, &[k("nothing")]), None);
        assert_eq!(locate("titles: x\ntitle: y\n", &[k("title")]), Some((1, 0)));
    }

    fn problem(yaml: &str) -> (YamlProblem, usize, usize) {
        let e = serde_norway::from_str::<Value>(yaml).unwrap_err();
        yaml_problem(yaml, &e)
    }

    #[test]
    fn a_list_item_without_its_dash_is_told_at_the_first_such_line() {
        let yaml = "documents:\n  - Tờ khai\n  Giấy tờ A\n  Giấy tờ B\n  Giấy tờ C\nresult: x\n";
        let (p, line, col) = problem(yaml);
        assert_eq!(
            p,
            YamlProblem::ListItemNoDash {
                key: "documents".into()
            }
        );
        assert_eq!((line, col), (3, 3));
    }

    #[test]
    fn yaml_mistakes_are_named_where_the_fix_goes() {
        assert_eq!(
            problem("a: 1\nb: \"x\nc: 2\n"),
            (YamlProblem::UnclosedQuote, 2, 4)
        );
        assert_eq!(
            problem("a: [1, 2\nb: 3\n"),
            (YamlProblem::UnclosedBracket, 1, 4)
        );
        assert_eq!(problem("a: 1\n\tb: 2\n").0, YamlProblem::Tab);
        // inside a mapping, where the parser only says a character cannot
        // start a token
        assert_eq!(
            problem("contact:\n  phone: \"1\"\n\tzalo: \"2\"\n"),
            (YamlProblem::Tab, 3, 1)
        );
        assert_eq!(
            problem("a: 1\nb: 2\na: 3\n"),
            (
                YamlProblem::DuplicateKey {
                    key: "a".into(),
                    first: 1
                },
                3,
                1
            )
        );
        // the pair in one mapping, not the same name in another group or
        // another item of a list
        let twice = |key: &str, first, line, col| {
            (
                YamlProblem::DuplicateKey {
                    key: key.into(),
                    first,
                },
                line,
                col,
            )
        };
        assert_eq!(
            problem("online:\n  url: a\nb: 1\nc:\n  url: x\n  level: y\n  url: z\n"),
            twice("url", 5, 7, 3)
        );
        assert_eq!(
            problem("channels:\n- way: a\n  fee: 1\n- way: b\n  fee: 2\n  way: c\n"),
            twice("way", 4, 6, 3)
        );
        assert_eq!(
            problem("documents:\n- a\n- b\ntitle: x\ndocuments:\n- c\n"),
            twice("documents", 1, 5, 1)
        );
        assert_eq!(problem("a: 1\n  b: 2\n").0, YamlProblem::Indentation);
        // a field's name without its colon, after a field or a list
        for (yaml, line) in [
            (
                "title: A\nid: tt01\nagency Công an xã\nupdated: 2026-10-01\n",
                3,
            ),
            (
                "title: A\ndocuments:\n  - Tờ khai\nresult Giấy xác nhận\nlegal:\n  - Luật\n",
                4,
            ),
        ] {
            let (p, l, c) = problem(yaml);
            let key = yaml.lines().nth(line - 1).and_then(|l| l.split(' ').next());
            assert_eq!(
                (p, l),
                (
                    YamlProblem::MissingColon {
                        key: key.unwrap_or_default().into()
                    },
                    line
                ),
                "{yaml}"
            );
            assert_eq!(c, key.map_or(0, str::len) + 1);
        }
        // a colon in a value, at the value
        assert_eq!(
            problem("title: A\nsummary: Lưu ý: mang theo CCCD\n"),
            (
                YamlProblem::ColonInValue {
                    key: "summary".into()
                },
                2,
                10
            )
        );
        // in Word's curly quotes, which are not quotes to YAML
        assert_eq!(
            problem("title: A\nsummary: “Lưu ý: mang theo CCCD”\n"),
            (
                YamlProblem::CurlyQuotes {
                    key: "summary".into()
                },
                2,
                10
            )
        );
        for (yaml, first) in [
            ("a: 1\nsummary: *Lưu ý: mang căn cước\n", '*'),
            ("a: 1\nsummary: @xa Hòa Bình\n", '@'),
            ("a: 1\nsummary: `CT01` tờ khai\n", '`'),
            ("a: 1\nsummary: %10 lệ phí\n", '%'),
        ] {
            assert_eq!(
                problem(yaml),
                (
                    YamlProblem::SpecialStart {
                        key: "summary".into(),
                        first
                    },
                    2,
                    10
                ),
                "{yaml:?}"
            );
        }
        // no space after a colon, at the field (not the line after)
        for yaml in [
            "title: A\nagency:Công an xã\naudience: Công dân\n",
            "title: A\nagency:\u{a0}Công an xã\naudience: Công dân\n",
        ] {
            assert_eq!(
                problem(yaml),
                (
                    YamlProblem::NoSpaceAfterColon {
                        key: "agency".into()
                    },
                    2,
                    1
                ),
                "{yaml:?}"
            );
        }
    }

    #[test]
    fn suggests_close_field_names() {
        let allowed = ["title", "summary", "agency", "updated"];
        assert_eq!(did_you_mean("sumary", &allowed), Some("summary".into()));
        assert_eq!(did_you_mean("Title", &allowed), Some("title".into()));
        assert_eq!(did_you_mean("updatd", &allowed), Some("updated".into()));
        assert_eq!(did_you_mean("colour", &allowed), None);
    }

    #[test]
    fn numbers_in_text_fields_keep_their_writing() {
        let yaml = "fee: 50.000   # năm mươi nghìn\ntime: 1.5\ncode: 12\nok: yes\ndocuments:\n  - 1.10\n  - giấy tờ\n  - 0x1F\nflow: [1.10, a]\nchannels:\n  - way: truc-tiep\n    fee: 100.500\n";
        let doc = Doc::new(Path::new("a.md"), yaml, yaml, 0);
        let map = doc.parse().unwrap();
        let root = FieldPath::default();
        let text = |k: &str| doc.text(&map, &root, k, false);
        assert_eq!(text("fee").as_deref(), Some("50.000"));
        assert_eq!(text("time").as_deref(), Some("1.5"));
        assert_eq!(text("code").as_deref(), Some("12"));
        assert_eq!(text("ok").as_deref(), Some("yes"));
        assert_eq!(
            doc.text_list(&map, &root, "documents"),
            ["1.10", "giấy tờ", "0x1F"]
        );
        // a list written in brackets: each item as written too
        assert_eq!(doc.text_list(&map, &root, "flow"), ["1.10", "a"]);
        let ch = root.key("channels").index(0);
        let Some(Value::Sequence(items)) = map.get("channels") else {
            panic!("channels")
        };
        let Some(Value::Mapping(first)) = items.first() else {
            panic!("a channel")
        };
        assert_eq!(
            doc.text(first, &ch, "fee", false).as_deref(),
            Some("100.500")
        );
    }

    #[test]
    fn numbers_written_in_braces_or_brackets_keep_their_writing() {
        // a channel on one line: YAML reads 7.000 as the number 7.0, and
        // the page showed a fee of "7.0" (it is seven thousand đồng)
        let yaml = "channels:\n  - {way: truc-tuyen, time: \"03 ngày, làm việc\", fee: 7.000}\n  - {fee: 15.000 , way: truc-tiep}\n  - {way: buu-chinh, time: 03 ngày,\n     fee: 20.000}\n  - {way: truc-tuyen, time: 3 days at the commune's office, fee: 8.000}\n  - {way: truc-tiep, time: the post's 5 days,\n     fee: 25.000 # from 2025\n    }\nflow: [1.10, a, 2.50]\nnested: {a: {fee: 1.500}}\n";
        let doc = Doc::new(Path::new("a.md"), yaml, yaml, 0);
        let map = doc.parse().unwrap();
        let root = FieldPath::default();
        let Some(Value::Sequence(items)) = map.get("channels") else {
            panic!("channels")
        };
        for (i, want) in [
            (0, "7.000"),
            (1, "15.000"),
            (2, "20.000"),
            (3, "8.000"),
            (4, "25.000"),
        ] {
            let Some(Value::Mapping(m)) = items.get(i) else {
                panic!("a channel")
            };
            let ch = root.key("channels").index(i);
            assert_eq!(doc.text(m, &ch, "fee", false).as_deref(), Some(want));
        }
        assert_eq!(doc.text_list(&map, &root, "flow"), ["1.10", "a", "2.50"]);
    }

    #[test]
    fn field_paths_print_like_code() {
        let p = FieldPath::default().key("channels").index(1).key("fee");
        assert_eq!(p.to_string(), "channels[1].fee");
    }

    #[test]
    fn an_item_further_in_than_the_one_above_is_found() {
        let yaml = "title: A\ndocuments:\n  - Tờ khai CT01\n    - Văn bản đồng ý\n  - Căn cước\n\
                    legal:\n  - Luật Cư trú\n    năm 2020\n  - Nghị định 154\n";
        assert_eq!(joined_items(yaml), [(3, 4, Some("documents".into()))]);
        // what YAML reads so: the item above ends with the line's words
        let v: Value = serde_norway::from_str(yaml).expect("yaml");
        assert_eq!(
            v["documents"][0].as_str(),
            Some("Tờ khai CT01 - Văn bản đồng ý")
        );
        // lists that are nested on purpose, blocks and quoted items are not
        for fine in [
            "documents:\n  - group: Trường hợp 1\n    items:\n      - Tờ khai\n      - Ảnh\n",
            "body: |\n  - a\n    - b\n",
            "documents:\n  - |\n    a\n    - b\n",
            "documents:\n  - \"Tờ khai\n    - b\"\n",
            "documents:\n  -\n    - a\n",
            "documents:\n  - Tờ khai:\n    - a\n",
            "documents:\n  - a\n  - b\n",
            // a block under a field further in, comments
            "contact:\n  hours: |\n    - Thứ Hai – Thứ Sáu\n      - sáng 7:30–11:30\n",
            "# Giấy tờ: bản chính\ndocuments:\n  - a\n  # - b\n  - c\n",
            "documents:\n  - group: A\n    note: |\n      - x\n        - y\n",
        ] {
            assert!(joined_items(fine).is_empty(), "{fine}");
        }
        // a list at the margin under its field, and the field named
        // after a comment with a colon in it
        let margin = "# Giấy tờ: x\ndocuments:\n- Tờ khai\n  - Ảnh\n";
        assert_eq!(joined_items(margin), [(3, 2, Some("documents".into()))]);
    }
}
