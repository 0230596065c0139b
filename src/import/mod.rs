//! `camnang import`: national-portal records into procedure files.
//!
//! - `record` reads a record (with or without its envelope) leniently;
//! - `clean` cleans the portal's text and makes it safe Markdown;
//! - `guide` turns a record into a guide in camnang's format, with a
//!   gap for everything the record leaves unclear;
//! - `write` writes files atomically, never over an existing one;
//! - [`fetch`] asks the portal itself, politely;
//! - `diff` compares imported files with the portal now, and updates them.

pub(crate) mod clean;
pub(crate) mod diff;
pub mod fetch;
pub(crate) mod guide;
pub(crate) mod record;
pub(crate) mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead as _, IsTerminal as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

use crate::messages::{Gap, Lang, Msg, plain};
use crate::text::{Date, slugify};

/// The largest saved record read (a real one is under 100 KB).
pub const MAX_RECORD_MB: u64 = 32;

/// What `camnang import` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub root: PathBuf,
    /// The category folder for every record, instead of the portal's.
    pub category: Option<String>,
    /// Saved records: files, folders, JSON Lines.
    pub paths: Vec<PathBuf>,
    /// Fetch these codes (`1.004194`) from the portal.
    pub codes: Vec<String>,
    /// Fetch these record ids from the portal.
    pub portal_ids: Vec<String>,
    /// List the catalogue (with this query) instead of importing.
    pub list: bool,
    pub query: Option<String>,
    /// Import the whole catalogue (with `commune_level`, only those).
    pub all: bool,
    pub commune_level: bool,
    pub portal: fetch::PortalOptions,
    /// Compare imported files with the portal; with `update`, apply.
    pub diff: bool,
    pub update: bool,
    pub lang: Option<Lang>,
    pub today: Option<Date>,
}

/// How one record went.
#[derive(Debug, Clone)]
pub enum Outcome {
    Wrote {
        file: PathBuf,
        id: String,
        gaps: Vec<(String, Gap)>,
    },
    Exists {
        file: PathBuf,
        portal_id: String,
        /// Written by this run: the record was given twice.
        now: bool,
    },
    /// A guide of the site written by hand already has the record's
    /// procedure code.
    Covered { file: PathBuf, code: String },
}

/// What an import run keeps between records.
pub struct Session {
    pub root: PathBuf,
    pub category: Option<String>,
    pub today: Date,
    pub lang: Lang,
    used_ids: BTreeSet<String>,
    /// Short links of `qr-lock.yaml` no guide carries now: a guide made
    /// again for one takes its id back (its code may be on posters).
    orphans: Vec<(String, String, String)>,
    imported: BTreeMap<String, PathBuf>,
    /// The portal ids written by this run.
    written_now: BTreeSet<String>,
    /// Guides written by hand, by their procedure code (`1.004194`).
    coded: BTreeMap<String, PathBuf>,
}

impl Session {
    pub fn new(root: &Path, category: Option<String>, today: Date, lang: Lang) -> Session {
        let imported = write::imported_files(root);
        let taken = crate::new::taken_ids(root);
        Session {
            root: root.to_path_buf(),
            category,
            today,
            lang,
            used_ids: taken.used,
            orphans: taken.orphans,
            coded: write::coded_files(root, &imported),
            imported,
            written_now: BTreeSet::new(),
        }
    }

    /// Imports one record (a parsed JSON value, `from` naming where it
    /// came from for messages).
    pub fn import_value(&mut self, v: &Value, from: &Path) -> Result<Outcome, Msg> {
        let mut rec = record::from_value(v).map_err(|detail| Msg::ImportNotRecord {
            path: from.to_path_buf(),
            detail,
        })?;
        let portal_id = rec.id.trim().to_string();
        // an id pasted as the record's page on the portal
        // (`https://dichvucong.gov.vn/thu-tuc-hanh-chinh/<uuid>`)
        let portal_id = match portal_id.rsplit_once('/') {
            Some((_, tail)) if crate::model::valid_portal_id(tail) => tail.to_string(),
            _ => portal_id,
        };
        // (one record whatever the capitals of its id: hexadecimal, it
        // named two files on Linux and one on Windows)
        let portal_id = portal_id.to_ascii_lowercase();
        rec.id = portal_id.clone();
        if !crate::model::valid_portal_id(&portal_id) {
            return Err(Msg::ImportNotRecord {
                path: from.to_path_buf(),
                detail: format!(
                    "id «{}» is not a portal record id",
                    portal_id.chars().take(60).collect::<String>()
                ),
            });
        }
        if let Some(file) = self.imported.get(&portal_id) {
            return Ok(Outcome::Exists {
                file: crate::load::rel(&self.root, file),
                now: self.written_now.contains(&portal_id),
                portal_id,
            });
        }
        // a guide the site has for the same procedure (written by hand
        // before the import): a second copy in another category would
        // give residents two pages, two codes, and two versions to keep
        // (a province's record of a national procedure carries its code
        // with the place after it, "1.004194.000.00.00.H12": the same
        // procedure as a guide with "1.004194")
        let code = rec.code.trim();
        if let Some(file) = write::guide_with_code(&self.coded, code) {
            return Ok(Outcome::Covered {
                file: crate::load::rel(&self.root, file),
                code: code.to_string(),
            });
        }
        let g = guide::guide(&rec, self.today);
        let cat = self.category_dir(&g)?;
        let base = match slugify(&file_words(&g.title)) {
            s if s.is_empty() => "thu-tuc".to_string(),
            s => cut_at_word(&s, 80),
        };
        // a hand-written file may already use the name: add the code
        let mut slug = base.clone();
        let code_slug = slugify(&g.code);
        let mut n = 1;
        while cat.join(format!("{slug}.md")).exists() {
            n += 1;
            slug = match (n, code_slug.is_empty()) {
                (2, false) => format!("{base}-{code_slug}"),
                _ => format!("{base}-{n}"),
            };
        }
        let file = cat.join(format!("{slug}.md"));
        // a guide deleted or moved out and imported again keeps the code
        // printed for it (a new id left the old one pointing nowhere: E060
        // stopped every build)
        let target = format!(
            "{}/{slug}/",
            cat.file_name().unwrap_or_default().to_string_lossy()
        );
        let id = match crate::new::orphan_for(&self.orphans, &target, &g.title) {
            Some(i) => self.orphans.remove(i).0,
            None => crate::new::free_id(&slug, &self.used_ids),
        };
        let kept = write::Kept {
            id: id.clone(),
            ..write::Kept::default()
        };
        let text = write::procedure_file(&g, &kept, self.today);
        // the record as imported, to compare with the portal later
        let data = record::unwrap_envelope(v)
            .map(|(d, _)| d.clone())
            .unwrap_or(Value::Null);
        let snapshot = serde_json::to_vec_pretty(&data).unwrap_or_default();
        crate::files::write_text_file(
            &self
                .root
                .join(write::RECORDS_DIR)
                .join(format!("{portal_id}.json")),
            &snapshot,
            crate::files::Existing::Replace,
        )?;
        crate::files::write_text_file(&file, text.as_bytes(), crate::files::Existing::Keep)?;
        self.used_ids.insert(id.clone());
        self.written_now.insert(portal_id.clone());
        self.imported.insert(portal_id, file.clone());
        Ok(Outcome::Wrote {
            file: crate::load::rel(&self.root, &file),
            id,
            gaps: g.gaps,
        })
    }

    /// The category folder of `g`, made (with its `_index.md`) if missing.
    fn category_dir(&self, g: &guide::Guide) -> Result<PathBuf, Msg> {
        let from_portal = slugify(&g.category);
        let mut slug = match &self.category {
            Some(c) => slugify(c),
            None if from_portal.is_empty() => "khac".to_string(),
            None => from_portal
                .chars()
                .take(60)
                .collect::<String>()
                .trim_end_matches('-')
                .to_string(),
        };
        if slug.is_empty() {
            return Err(Msg::NewBadName {
                name: self.category.clone().unwrap_or_default(),
            });
        }
        // a folder named like one camnang writes itself (or like a
        // language) would be refused by the build (E047)
        if crate::model::routes::RESERVED
            .iter()
            .any(|(name, _)| *name == slug)
            || slug == "en"
        {
            slug = format!("linh-vuc-{slug}");
        }
        let dir = self.root.join("content").join(&slug);
        let index = dir.join("_index.md");
        if !index.exists() {
            let title = match &self.category {
                // `--category "Cư trú"`: the name given; `--category
                // cu-tru`: the portal's name when it names that folder
                // (`dang-ky-quan-ly-cu-tru` has every word of `cu-tru`),
                // else the folder's name in words (it was the first
                // record's portal category, whatever the folder)
                Some(given) if given.contains(char::is_whitespace) || !given.is_ascii() => {
                    given.trim().to_string()
                }
                Some(given)
                    if !slug
                        .split('-')
                        .all(|w| from_portal.split('-').any(|p| p == w)) =>
                {
                    let words = given.trim().replace(['-', '_'], " ");
                    let mut c = words.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
                _ if g.category.is_empty() => "Thủ tục khác".to_string(),
                _ => g.category.clone(),
            };
            crate::files::write_text_file(
                &index,
                write::category_index(&title).as_bytes(),
                crate::files::Existing::Keep,
            )?;
            println!(
                "{}",
                Msg::CategoryCreated {
                    dir: crate::load::rel(&self.root, &dir),
                    title,
                }
                .text(self.lang)
            );
        }
        Ok(dir)
    }
}

/// Every saved record under `paths`: (where, line for JSON Lines, the
/// JSON or why it could not be read).
pub fn saved_records(paths: &[PathBuf]) -> Vec<(PathBuf, Result<Value, Msg>)> {
    let mut files = Vec::new();
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let before = files.len();
            for e in walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            {
                let name = e.file_name().to_string_lossy().to_lowercase();
                if name.ends_with(".json") || name.ends_with(".jsonl") || name.ends_with(".ndjson")
                {
                    files.push(e.path().to_path_buf());
                }
            }
            if files.len() == before {
                out.push((p.clone(), Err(Msg::ImportNothingFound { path: p.clone() })));
            }
        } else {
            files.push(p.clone());
        }
    }
    for f in files {
        let lines = f.extension().is_some_and(|e| e == "jsonl" || e == "ndjson");
        let size = match std::fs::metadata(&f) {
            Ok(m) => m.len(),
            Err(e) => {
                let msg = Msg::ImportReadFailed {
                    path: f.clone(),
                    detail: e.to_string(),
                };
                out.push((f, Err(msg)));
                continue;
            }
        };
        if lines {
            read_lines(&f, &mut out);
            continue;
        }
        if size > MAX_RECORD_MB * 1024 * 1024 {
            let msg = Msg::ImportTooLarge {
                path: f.clone(),
                megabytes: size / (1024 * 1024),
                max: MAX_RECORD_MB,
            };
            out.push((f, Err(msg)));
            continue;
        }
        let parsed = std::fs::read(&f)
            .map_err(|e| Msg::ImportReadFailed {
                path: f.clone(),
                detail: e.to_string(),
            })
            .and_then(|b| parse_values(&b, &f));
        match parsed {
            // a file may hold one record, several one after the other, or
            // a list of them
            Ok(values) => {
                let records: Vec<Value> = values
                    .into_iter()
                    .flat_map(|v| match v {
                        Value::Array(items) => items,
                        v => vec![v],
                    })
                    .collect();
                // an empty list (`[]`, a search that found nothing, saved)
                // is told, not imported as nothing with exit 0
                if records.is_empty() {
                    out.push((f.clone(), Err(Msg::ImportEmptyList { path: f })));
                    continue;
                }
                // (one of several is named by its place, from 0, as in
                // the JSON paths of the other messages: `danh-sach.json[2]`)
                let several = records.len() > 1;
                for (i, r) in records.into_iter().enumerate() {
                    let from = match several {
                        true => PathBuf::from(format!("{}[{i}]", f.display())),
                        false => f.clone(),
                    };
                    out.push((from, Ok(r)));
                }
            }
            Err(m) => out.push((f, Err(m))),
        }
    }
    out
}

/// The text of a saved record: UTF-8 (with or without a byte order mark),
/// or UTF-16 with one (what Windows PowerShell's `>` writes).
fn json_text(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let utf16 = |be: bool, b: &[u8]| -> Vec<u8> {
        let units = b.chunks_exact(2).map(|c| match be {
            true => u16::from_be_bytes([c[0], c[1]]),
            false => u16::from_le_bytes([c[0], c[1]]),
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
            .into_bytes()
    };
    match bytes {
        [0xff, 0xfe, rest @ ..] => utf16(false, rest).into(),
        [0xfe, 0xff, rest @ ..] => utf16(true, rest).into(),
        _ => bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes).into(),
    }
}

/// Every JSON value of a saved file, one after the other; a mistake is
/// placed at its line and column.
fn parse_values(bytes: &[u8], f: &Path) -> Result<Vec<Value>, Msg> {
    let text = json_text(bytes);
    // a web page saved in place of the record (the portal's login or
    // firewall page): not a file cut short
    if text.trim_ascii_start().starts_with(b"<") {
        return Err(Msg::ImportWebPage {
            path: f.to_path_buf(),
        });
    }
    utf8(&text, f, 0)?;
    let mut values = Vec::new();
    for v in serde_json::Deserializer::from_slice(&text).into_iter::<Value>() {
        values.push(v.map_err(|e| bad_json(&e, f, 0))?);
    }
    if values.is_empty() {
        // nothing but spaces: an empty file (it was "the file ends part of
        // the way")
        if text.trim_ascii().is_empty() {
            return Err(Msg::ImportEmptyFile {
                path: f.to_path_buf(),
            });
        }
        return parse_json(&text, f, 0).map(|v| vec![v]);
    }
    Ok(values)
}

fn bad_json(e: &serde_json::Error, f: &Path, line_offset: usize) -> Msg {
    Msg::ImportBadJson {
        path: f.to_path_buf(),
        line: e.line() + line_offset,
        column: e.column(),
        detail: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

/// One record a line; each line's mistakes are its own.
fn read_lines(f: &Path, out: &mut Vec<(PathBuf, Result<Value, Msg>)>) {
    let file = match std::fs::File::open(f) {
        Ok(x) => x,
        Err(e) => {
            let msg = Msg::ImportReadFailed {
                path: f.to_path_buf(),
                detail: e.to_string(),
            };
            out.push((f.to_path_buf(), Err(msg)));
            return;
        }
    };
    let max = (MAX_RECORD_MB * 1024 * 1024) as usize;
    let mut reader = std::io::BufReader::new(file);
    // UTF-16 (PowerShell's `>`): its line ends are two bytes, so the file
    // is read whole, made UTF-8, and read line by line from there
    if reader
        .fill_buf()
        .is_ok_and(|b| b.starts_with(&[0xff, 0xfe]) || b.starts_with(&[0xfe, 0xff]))
    {
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            let msg = Msg::ImportReadFailed {
                path: f.to_path_buf(),
                detail: e.to_string(),
            };
            out.push((f.to_path_buf(), Err(msg)));
            return;
        }
        let text = json_text(&bytes);
        for (i, l) in text.split(|b| *b == b'\n').enumerate() {
            let l = l.strip_suffix(b"\r").unwrap_or(l);
            if !l.iter().all(u8::is_ascii_whitespace) {
                let from = PathBuf::from(format!("{}:{}", f.display(), i + 1));
                out.push((from, parse_json(l, f, i)));
            }
        }
        return;
    }
    let mut n = 0;
    loop {
        n += 1;
        let mut buf = Vec::new();
        let read = (&mut reader)
            .take(max as u64 + 1)
            .read_until(b'\n', &mut buf);
        match read {
            Ok(0) => break,
            Ok(_) if buf.len() > max => {
                let msg = Msg::ImportTooLarge {
                    path: f.to_path_buf(),
                    megabytes: (buf.len() / (1024 * 1024)) as u64,
                    max: MAX_RECORD_MB,
                };
                out.push((f.to_path_buf(), Err(msg)));
                break;
            }
            Ok(_) => {
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                // (a record is named by its line: `crawl.jsonl:3`)
                let from = PathBuf::from(format!("{}:{n}", f.display()));
                out.push((from, parse_json(&buf, f, n - 1)));
            }
            Err(e) => {
                let msg = Msg::ImportReadFailed {
                    path: f.to_path_buf(),
                    detail: e.to_string(),
                };
                out.push((f.to_path_buf(), Err(msg)));
                break;
            }
        }
    }
}

use std::io::Read as _;

/// Parses JSON; a mistake is placed at its line (plus `line_offset` for
/// JSON Lines) and column.
fn parse_json(bytes: &[u8], f: &Path, line_offset: usize) -> Result<Value, Msg> {
    let text = json_text(bytes);
    utf8(&text, f, line_offset)?;
    serde_json::from_slice(&text).map_err(|e| bad_json(&e, f, line_offset))
}

/// A file saved in another code page (Windows' "ANSI", Windows-1258) is
/// told as such: its letters cannot be read, whatever JSON says of them
/// (serde_json spoke of a `\u` written wrong, and of a file cut short).
fn utf8(text: &[u8], f: &Path, line_offset: usize) -> Result<(), Msg> {
    match simdutf8::compat::from_utf8(text) {
        Ok(_) => Ok(()),
        // a letter cut in two at the very end: a file cut short, as the
        // JSON's own message says
        Err(e) if e.error_len().is_none() => Ok(()),
        Err(e) => Err(Msg::ImportNotUtf8 {
            path: f.to_path_buf(),
            line: line_offset
                + 1
                + text[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count(),
        }),
    }
}

/// Totals of a run, and every gap to list at the end.
#[derive(Default)]
struct Tally {
    written: usize,
    existing: usize,
    failed: usize,
    gaps: Vec<Msg>,
    /// The files written, as shown (`content/…`).
    files: Vec<PathBuf>,
}

impl Tally {
    fn take(&mut self, r: Result<Outcome, Msg>, lang: Lang) {
        match r {
            Ok(Outcome::Wrote { file, id, gaps }) => {
                println!(
                    "{}",
                    Msg::ImportWrote {
                        file: file.clone(),
                        id,
                        gaps: gaps.len(),
                    }
                    .text(lang)
                );
                self.written += 1;
                self.files.push(file.clone());
                for (field, gap) in gaps {
                    self.gaps.push(Msg::ImportGap {
                        file: file.clone(),
                        field,
                        gap,
                    });
                }
            }
            // (a record given twice in one run, a crawl saved with
            // duplicates: it was "already imported: use --update")
            Ok(Outcome::Exists {
                file,
                portal_id,
                now: true,
            }) => {
                println!("{}", plain(&Msg::ImportTwice { file, portal_id }, lang));
            }
            Ok(Outcome::Exists {
                file, portal_id, ..
            }) => {
                println!("{}", plain(&Msg::ImportExists { file, portal_id }, lang));
                self.existing += 1;
            }
            Ok(Outcome::Covered { file, code }) => {
                println!("{}", plain(&Msg::ImportCovered { file, code }, lang));
                self.existing += 1;
            }
            Err(m) => {
                eprintln!("{}", error_line(&m, lang));
                self.failed += 1;
            }
        }
    }

    fn finish(self, lang: Lang) -> ExitCode {
        for g in &self.gaps {
            println!("{}", warning_line(g, lang));
        }
        println!(
            "{}",
            Msg::ImportDone {
                written: self.written,
                existing: self.existing,
                failed: self.failed,
                gaps: self.gaps.len(),
            }
            .text(lang)
        );
        if self.failed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// `lỗi[E101]: … (cách sửa: …)`.
pub fn error_line(m: &Msg, lang: Lang) -> String {
    let head = crate::messages::label(lang, crate::messages::Label::Error);
    format!("{head}[{}]: {}", m.code(), plain(m, lang))
}

/// `cảnh báo[W101]: …`.
pub fn warning_line(m: &Msg, lang: Lang) -> String {
    let head = crate::messages::label(lang, crate::messages::Label::Warning);
    format!("{head}[{}]: {}", m.code(), plain(m, lang))
}

/// `camnang import`.
pub fn run_import(opts: &ImportOptions) -> ExitCode {
    let lang = opts
        .lang
        .unwrap_or_else(|| crate::load::site_lang(&opts.root));
    let today = opts.today.unwrap_or_else(crate::check::today);
    let asked = !opts.paths.is_empty()
        || !opts.codes.is_empty()
        || !opts.portal_ids.is_empty()
        || opts.list
        || opts.all
        || opts.diff
        || opts.update;
    if !asked {
        eprintln!("{}", error_line(&Msg::ImportNothingAsked, lang));
        return ExitCode::from(2);
    }
    // a `--portal` that is no web address is said at once (it was retried
    // for 14 s as if the network were down)
    let base = opts.portal.base.trim();
    let web = ["http://", "https://"].iter().any(|s| {
        base.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    });
    if !web || base.contains(char::is_whitespace) {
        let m = Msg::ImportBadPortal {
            value: base.to_string(),
        };
        eprintln!("{}", error_line(&m, lang));
        return ExitCode::from(2);
    }
    let needs_site = !(opts.list && opts.paths.is_empty());
    if needs_site && !opts.root.join("site.yaml").is_file() {
        eprintln!("{}", error_line(&Msg::SiteYamlMissing { near: None }, lang));
        return ExitCode::from(1);
    }
    let mut portal = fetch::Portal::new(opts.portal.clone());
    portal.on_retry = Box::new(move |seconds, attempt| {
        eprintln!(
            "{}",
            warning_line(&Msg::RetryLater { seconds, attempt }, lang)
        );
    });
    if opts.diff || opts.update {
        return diff::run(opts, &portal, lang, today);
    }
    if opts.list {
        return list(opts, &portal, lang);
    }
    let mut session = Session::new(&opts.root, opts.category.clone(), today, lang);
    let mut tally = Tally::default();
    for (from, parsed) in saved_records(&opts.paths) {
        let r = parsed.and_then(|v| session.import_value(&v, &from));
        tally.take(r, lang);
    }
    // (an id as typed, pasted in capitals, or as the procedure's page on
    // the portal: the portal's are in small letters, and one already
    // imported is found by its small letters; anything else is told)
    let mut ids: Vec<String> = Vec::new();
    for typed in &opts.portal_ids {
        // (an address pasted from a chat keeps what follows `?` or `#`)
        let id = typed.trim();
        let id = id
            .split(['?', '#'])
            .next()
            .unwrap_or(id)
            .trim_end_matches('/');
        let id = id.rsplit_once('/').map_or(id, |(_, tail)| tail);
        match crate::model::valid_portal_id(id) {
            true => ids.push(id.to_ascii_lowercase()),
            false => tally.take(
                Err(Msg::ImportBadPortalId {
                    value: typed.clone(),
                }),
                lang,
            ),
        }
    }
    for code in &opts.codes {
        match portal.find_code(code) {
            Ok((id, told)) => {
                if let Some(m) = told {
                    eprintln!("{}", warning_line(&m, lang));
                }
                ids.push(id);
            }
            Err(m) => tally.take(Err(m), lang),
        }
    }
    if opts.all {
        match portal.list(None, &mut |_| {}) {
            Ok(items) => ids.extend(
                items
                    .into_iter()
                    .filter(|i| !opts.commune_level || i.commune_level != Some(false))
                    .map(|i| i.id),
            ),
            Err(m) => tally.take(Err(m), lang),
        }
    }
    let bar = progress(ids.len(), lang, opts.all);
    for id in ids {
        let from = PathBuf::from(portal.base()).join(&id);
        let r = portal.detail(&id).and_then(|v| {
            // with --commune-level, records not done at commune level are
            // left out (one that does not say is kept: the catalogue did
            // not say otherwise)
            if opts.commune_level
                && record::from_value(&v).is_ok_and(|r| r.commune_level == Some(false))
            {
                return Ok(None);
            }
            session.import_value(&v, &from).map(Some)
        });
        if let Some(b) = &bar {
            b.inc(1);
        }
        match r {
            Ok(None) => {}
            Ok(Some(o)) => tally.take(Ok(o), lang),
            Err(m) => tally.take(Err(m), lang),
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    told_by_check(opts, &tally.files, lang, today);
    tally.finish(lang)
}

/// What `camnang check` tells of the files just written, beyond the gaps
/// the import named (`draft:`, W080): a guide longer than a phone opens
/// (W089), a character print cannot draw (W082), a title another guide
/// has (W076), … — said now, not first by the next `check`.
fn told_by_check(opts: &ImportOptions, files: &[PathBuf], lang: Lang, today: Date) {
    if files.is_empty() {
        return;
    }
    let build = crate::BuildOptions {
        root: opts.root.clone(),
        output: None,
        base_url: None,
        lang: Some(lang),
        lock: crate::LockMode::Update,
        print: true,
        no_cache: false,
    };
    let (diags, _) = crate::check::check(&build, today);
    let files: std::collections::HashSet<&Path> = files.iter().map(PathBuf::as_path).collect();
    let mut told = crate::diag::Diagnostics::default();
    for d in diags.items {
        let ours = d.file.as_deref().is_some_and(|f| files.contains(f));
        if ours && d.msg.code() != "W080" {
            told.push(d);
        }
    }
    if !told.items.is_empty() {
        eprintln!("{}\n", told.render(lang));
    }
}

/// A progress bar on a terminal for a long fetch.
fn progress(total: usize, lang: Lang, all: bool) -> Option<indicatif::ProgressBar> {
    if total == 0 || !all && total < 5 {
        return None;
    }
    println!("{}", Msg::Fetching { total }.text(lang));
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("[{bar:30}] {pos}/{len} {eta}") {
        b.set_style(style.progress_chars("=> "));
    }
    Some(b)
}

/// `camnang import --list [--commune-level] [QUERY]`.
fn list(opts: &ImportOptions, portal: &fetch::Portal, lang: Lang) -> ExitCode {
    let mut total = 0;
    let items = match portal.list(opts.query.as_deref(), &mut |t| total = t) {
        Ok(i) => i,
        Err(m) => {
            eprintln!("{}", error_line(&m, lang));
            return ExitCode::from(1);
        }
    };
    let mut shown = 0;
    for i in &items {
        let level = match i.commune_level {
            Some(c) => c,
            // the catalogue does not say: ask for the record (one that
            // does not say either is listed, as the import takes it; one
            // that cannot be had is left out)
            None if opts.commune_level => portal
                .detail(&i.id)
                .ok()
                .and_then(|v| record::from_value(&v).ok())
                .is_some_and(|r| r.commune_level != Some(false)),
            None => false,
        };
        if opts.commune_level && !level {
            continue;
        }
        shown += 1;
        let level = match (
            i.commune_level.or(opts.commune_level.then_some(level)),
            lang,
        ) {
            (Some(true), Lang::Vi) => "cấp xã",
            (Some(true), Lang::En) => "commune",
            (Some(false), Lang::Vi) => "không phải cấp xã",
            (Some(false), Lang::En) => "not commune",
            (None, Lang::Vi) => "?",
            (None, Lang::En) => "?",
        };
        println!(
            "{}",
            Msg::ListItem {
                code: i.code.clone(),
                name: i.name.clone(),
                level: level.to_string(),
            }
            .text(lang)
        );
    }
    println!(
        "{}",
        Msg::ListDone {
            shown,
            total: total.max(items.len()),
        }
        .text(lang)
    );
    ExitCode::SUCCESS
}

/// The words of a title a file's name is made of: letters, digits and
/// punctuation, not emoji or other symbols (`Đăng ký khai tử 🕯️` gave
/// `dang-ky-khai-tu-candle.md`, the emoji's English name).
fn file_words(title: &str) -> String {
    title
        .chars()
        .map(
            |c| match c.is_alphanumeric() || c.is_whitespace() || c.is_ascii_punctuation() {
                true => c,
                false => ' ',
            },
        )
        .collect()
}

/// `slug` cut to at most `max` characters between two words (a long
/// title was cut inside a word: `…-cho-tre-duo` for "dưới").
fn cut_at_word(slug: &str, max: usize) -> String {
    if slug.chars().count() <= max {
        return slug.to_string();
    }
    let head: String = slug.chars().take(max + 1).collect();
    let cut = match head.rfind('-') {
        Some(at) if at > 0 => &head[..at],
        _ => &head[..head.len() - head.chars().last().map_or(0, char::len_utf8)],
    };
    cut.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_cut_between_words_and_keep_no_emoji() {
        let long = slugify(
            "Cấp giấy chứng nhận đăng ký kết hôn có yếu tố nước ngoài cho công dân Việt Nam cư trú ở trong nước với trẻ em dưới sáu tuổi",
        );
        let cut = cut_at_word(&long, 80);
        assert!(cut.chars().count() <= 80, "{cut}");
        assert!(long.starts_with(&format!("{cut}-")), "{cut}");
        assert_eq!(cut_at_word("dang-ky-tam-tru", 80), "dang-ky-tam-tru");
        assert_eq!(cut_at_word("abcdefghij", 5), "abcde");
        assert_eq!(
            slugify(&file_words("Đăng ký khai tử 🕯️")),
            "dang-ky-khai-tu"
        );
        assert_eq!(
            slugify(&file_words("Cấp bản sao: khai sinh (trích lục)")),
            slugify("Cấp bản sao: khai sinh (trích lục)")
        );
    }
}
