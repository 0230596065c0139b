//! Writing what an import makes: the procedure file in camnang's format,
//! a category's `_index.md`, the record kept for later comparison. Every
//! file is written whole (`crate::files::write_text_file`): a failure never
//! leaves half a file, and a new file never replaces one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::import::guide::Guide;
use crate::messages::Lang;
use crate::text::Date;

/// Where the records of imported procedures are kept, under the site
/// folder, one `<portal id>.json` each: `--diff` and `--update` compare
/// the portal now with what was imported.
pub(crate) const RECORDS_DIR: &str = ".camnang/portal";

/// A YAML double-quoted scalar (JSON string syntax, which YAML reads).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// What the clerk owns in a file: kept as they are by `--update`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Kept {
    pub id: String,
    pub summary: Option<String>,
    pub keywords: Vec<String>,
    /// The body as the clerk left it.
    pub body: Option<String>,
    /// `updated:` as the clerk set it.
    pub updated: Option<Date>,
    /// The `draft:` entries to write instead of the guide's gaps (an
    /// update keeps the clerk's list, plus what changed).
    pub draft: Option<Vec<String>>,
    /// Notes the file had after its `draft:` entries, by entry: kept for
    /// entries the record gives no reason for.
    pub notes: BTreeMap<String, String>,
}

/// The procedure file for `g`, with id `id`, imported on `today`.
pub(crate) fn procedure_file(g: &Guide, kept: &Kept, today: Date) -> String {
    let mut s = String::from("---\n");
    s.push_str(&format!("title: {}\n", q(&g.title)));
    s.push_str(&format!("id: {}\n", kept.id));
    if !g.code.is_empty() {
        s.push_str(&format!("code: {}\n", q(&g.code)));
    }
    s.push_str(&format!(
        "summary: {}\n",
        q(kept.summary.as_deref().unwrap_or(&g.summary))
    ));
    s.push_str(&format!("agency: {}\n", q(&g.agency)));
    if !g.audience.is_empty() {
        s.push_str(&format!("audience: {}\n", q(&g.audience)));
    }
    if let Some((url, level)) = &g.online {
        s.push_str(&format!("online:\n  url: {}\n  level: {level}\n", q(url)));
    }
    if !g.channels.is_empty() {
        s.push_str("channels:\n");
        for c in &g.channels {
            s.push_str(&format!("  - way: {}\n", c.way));
            if let Some(t) = &c.time {
                s.push_str(&format!("    time: {}\n", q(t)));
            }
            if let Some(f) = &c.fee {
                s.push_str(&format!("    fee: {}\n", q(f)));
            }
        }
    }
    if !g.documents.is_empty() {
        s.push_str("documents:\n");
        for (title, items) in &g.documents {
            match title {
                Some(t) => {
                    s.push_str(&format!("  - group: {}\n    items:\n", q(t)));
                    for i in items {
                        s.push_str(&format!("      - {}\n", q(i)));
                    }
                }
                None => {
                    for i in items {
                        s.push_str(&format!("  - {}\n", q(i)));
                    }
                }
            }
        }
    }
    if !g.result.is_empty() {
        s.push_str(&format!("result: {}\n", q(&g.result)));
    }
    if !g.legal.is_empty() {
        s.push_str("legal:\n");
        for l in &g.legal {
            s.push_str(&format!("  - {}\n", q(l)));
        }
    }
    if !kept.keywords.is_empty() {
        s.push_str("keywords:\n");
        for k in &kept.keywords {
            s.push_str(&format!("  - {}\n", q(k)));
        }
    }
    s.push_str(&format!(
        "updated: {}\n",
        kept.updated.unwrap_or(today).iso()
    ));
    let entries: Vec<String> = match &kept.draft {
        Some(d) => d.clone(),
        None => g.gaps.iter().map(|(f, _)| f.clone()).collect(),
    };
    if !entries.is_empty() {
        s.push_str(
            "draft:                # cần kiểm tra: đối chiếu từng mục rồi xoá dòng của nó\n",
        );
        let mut seen = BTreeSet::new();
        for field in entries {
            if !seen.insert(field.clone()) {
                continue;
            }
            let why: Vec<String> = g
                .gaps
                .iter()
                .filter(|(f, _)| *f == field)
                .map(|(_, gap)| gap.text(Lang::Vi))
                .collect();
            let why = match (why.is_empty(), kept.notes.get(&field)) {
                (true, Some(note)) => note.clone(),
                _ => why.join("; "),
            };
            match why.is_empty() {
                true => s.push_str(&format!("  - {}\n", q(&field))),
                false => s.push_str(&format!("  - {}   # {}\n", q(&field), why)),
            }
        }
    }
    s.push_str("source:\n");
    s.push_str(&format!("  portal_id: {}\n", g.portal_id));
    if !g.code.is_empty() {
        s.push_str(&format!("  code: {}\n", q(&g.code)));
    }
    if let Some(d) = g.portal_updated {
        s.push_str(&format!("  portal_updated: {}\n", d.iso()));
    }
    s.push_str(&format!("  imported: {}\n", today.iso()));
    s.push_str("---\n\n");
    s.push_str(kept.body.as_deref().unwrap_or(&g.body));
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// A category's `_index.md`.
pub(crate) fn category_index(title: &str) -> String {
    format!("---\ntitle: {}\n---\n", q(title))
}

/// The procedure files of a site already imported from the portal, by
/// portal id (read from their `portal_id:` lines).
pub(crate) fn imported_files(root: &Path) -> BTreeMap<String, PathBuf> {
    // (by the id in small letters: the portal's ids are hexadecimal, and a
    // record whose id came in capitals was imported twice)
    guides_by(root, "portal_id:", true)
        .into_iter()
        .map(|(id, f)| (id.to_ascii_lowercase(), f))
        .collect()
}

/// The guides of the site written by hand (no `portal_id`), by their
/// procedure `code:` (the portal's number, `1.004194`): the first file
/// with each code. (Records of one procedure imported from several portal
/// records, a province's and the standard one, stay separate guides.)
/// `imported` is [`imported_files`] of the site.
pub(crate) fn coded_files(
    root: &Path,
    imported: &BTreeMap<String, PathBuf>,
) -> BTreeMap<String, PathBuf> {
    let imported: std::collections::BTreeSet<&PathBuf> = imported.values().collect();
    let mut by_code = guides_by(root, "code:", false);
    by_code.retain(|_, f| !imported.contains(f));
    by_code
}

/// The guide of [`coded_files`] for the procedure `code` (none for no
/// code): the one with that code, else the one with its national part
/// (a province's record of a national procedure carries its code with
/// the place after it, "1.004194.000.00.00.H12": the same procedure as
/// a guide with "1.004194").
pub(crate) fn guide_with_code<'a>(
    coded: &'a BTreeMap<String, PathBuf>,
    code: &str,
) -> Option<&'a PathBuf> {
    if code.is_empty() {
        return None;
    }
    coded.get(code).or_else(|| {
        coded
            .iter()
            .find(|(k, _)| national_code(k) == national_code(code))
            .map(|(_, f)| f)
    })
}

/// The national part of a procedure code: "1.004194" of
/// "1.004194.000.00.00.H12" (digits, a dot, six digits); other codes as
/// they are.
fn national_code(code: &str) -> &str {
    let b = code.as_bytes();
    let dot = b.iter().position(|&c| c == b'.');
    match dot {
        Some(d)
            if d > 0
                && b[..d].iter().all(u8::is_ascii_digit)
                && b.len() >= d + 7
                && b[d + 1..d + 7].iter().all(u8::is_ascii_digit)
                && b.get(d + 7).is_none_or(|&c| c == b'.') =>
        {
            &code[..d + 7]
        }
        _ => code,
    }
}

/// Guide files by the value of a front-matter line starting with `key`
/// (`indented`: at any indentation, as `portal_id:` inside `source:`;
/// else at the start of the line). Translations (`x.en.md`) are left out.
fn guides_by(root: &Path, key: &str, indented: bool) -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| crate::load::original_of(e.path()).is_none())
    {
        let Some(text) = crate::load::source::read_text(entry.path()) else {
            continue;
        };
        // the front matter only: between the first two `---` lines
        for l in text.lines().skip(1).take_while(|l| l.trim_end() != "---") {
            let l = if indented { l.trim_start() } else { l };
            if let Some(v) = l.strip_prefix(key) {
                let v = v.trim().trim_matches(['"', '\'']).trim().to_string();
                if !v.is_empty() {
                    found.entry(v).or_insert_with(|| entry.path().to_path_buf());
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_provinces_code_has_the_national_code_in_it() {
        assert_eq!(national_code("1.004194.000.00.00.H12"), "1.004194");
        assert_eq!(national_code("1.004194"), "1.004194");
        assert_eq!(national_code("2.000986.H12"), "2.000986");
        // not a national code: as it is
        assert_eq!(national_code("1.0041"), "1.0041");
        assert_eq!(national_code("1.0041945"), "1.0041945");
        assert_eq!(national_code("QT-01"), "QT-01");
        assert_eq!(national_code(""), "");
    }
}
