//! Reading `qr-lock.yaml` and checking the site against it: a short link
//! that may be printed on a poster must never disappear.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::source::decode_owned;
use crate::load::yaml::{Doc, FieldPath};
use crate::messages::Msg;
use crate::model::{LockEntry, Procedure, QrLock, Retired};

/// The lock file's name, in the site folder.
pub(crate) const LOCK_FILE: &str = "qr-lock.yaml";
const ENTRY_KEYS: &[&str] = &["target", "title", "replaced_by", "retired", "languages"];

/// Where in `content/` (itself or a category folder) a `qr-lock.yaml` was
/// dragged, as the site names it (`content/qr-lock.yaml`).
fn moved_into_content(root: &Path) -> Option<String> {
    walkdir::WalkDir::new(root.join("content"))
        .min_depth(1)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .eq_ignore_ascii_case(LOCK_FILE)
        })
        // (as the site names it, from its folder)
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap_or(e.path());
            rel.to_string_lossy().replace('\\', "/")
        })
        .min()
}

/// Reads `qr-lock.yaml`; a missing file is an empty lock. Also returns the
/// file's text, to point at its lines.
pub(crate) fn read_lock(root: &Path) -> (QrLock, Diagnostics, String) {
    let shown = Path::new(LOCK_FILE);
    let mut diags = Diagnostics::default();
    let bytes = match std::fs::read(root.join(LOCK_FILE)) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(near) = crate::load::source::saved_as(root, LOCK_FILE) {
                diags.push(Diagnostic::error(Msg::LockMisnamed { near }).in_file(shown));
            } else if let Some(at) = moved_into_content(root) {
                // (a fresh lock would be written beside `site.yaml`, and the
                // codes of retired guides lost)
                diags.push(Diagnostic::error(Msg::LockMoved { at }).in_file(shown));
            }
            return (QrLock::default(), diags, String::new());
        }
        Err(e) => {
            diags.push(
                Diagnostic::error(Msg::ReadFailed {
                    detail: e.to_string(),
                })
                .in_file(shown),
            );
            return (QrLock::default(), diags, String::new());
        }
    };
    let text = match decode_owned(bytes) {
        Ok(t) => t,
        Err(m) => {
            diags.push(Diagnostic::error(m).in_file(shown));
            return (QrLock::default(), diags, String::new());
        }
    };
    // (titles as camnang wrote them: one in curly quotes is compared with
    // its page's title, and written again without them)
    let mut doc = Doc::new(shown, &text, &text, 0);
    doc.as_is = true;
    let mut lock = QrLock::default();
    if let Some(mut map) = doc.parse() {
        let root = FieldPath::default();
        // ids as written, in order: an id YAML reads as a number or a
        // word such as `true` (`1004194:` in a lock written before ids
        // were quoted) is still that id
        let written = || -> Vec<&str> {
            text.lines()
                .filter(|l| !l.starts_with([' ', '\t', '#', '-']) && !l.trim().is_empty())
                .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim()))
                .map(|k| k.trim_matches(['"', '\'']))
                .collect()
        };
        let written = match map.keys().any(|k| !k.is_string()) {
            true => written(),
            false => Vec::new(),
        };
        if written.len() == map.len() && !written.is_empty() {
            map = map
                .into_iter()
                .zip(&written)
                .map(|((k, v), w)| match k.is_string() {
                    true => (k, v),
                    false => (serde_norway::Value::String(w.to_string()), v),
                })
                .collect();
        }
        // the id above each line at the margin, for a field of an entry
        // written there (`retired: true` added without its two spaces, as
        // the README asks a clerk to add it)
        let mut above: Option<&str> = None;
        for key in map.keys() {
            let Some(id) = key.as_str() else { continue };
            if let Some(group) = above.filter(|_| ENTRY_KEYS.contains(&id)) {
                doc.error_at(
                    &root.key(id),
                    Msg::FieldOutOfItsGroup {
                        field: id.to_string(),
                        group: group.to_string(),
                    },
                );
                continue;
            }
            above = Some(id);
            let Some(m) = doc.mapping(&map, &root, id) else {
                continue;
            };
            let p = root.key(id);
            doc.check_keys(m, &p, ENTRY_KEYS);
            let entry = LockEntry {
                target: doc.text(m, &p, "target", true).unwrap_or_default(),
                title: doc.text(m, &p, "title", false).unwrap_or_default(),
                replaced_by: doc.text(m, &p, "replaced_by", false),
                retired: match m.get("retired") {
                    Some(serde_norway::Value::Bool(false)) | None => None,
                    // `retired:` with nothing after it: told at its own line
                    // (it was "this code has no procedure: add retired:",
                    // at the code's line), and taken as meant
                    Some(serde_norway::Value::Null) => {
                        let at = p.key("retired");
                        doc.error_at(
                            &at,
                            Msg::EmptyValue {
                                field: at.to_string(),
                            },
                        );
                        Some(Retired::Plain)
                    }
                    Some(serde_norway::Value::Bool(true)) => Some(Retired::Plain),
                    // "retired: không" is a clerk saying no, "có" yes
                    Some(_) => doc.text(m, &p, "retired", false).and_then(|t| {
                        match t.to_lowercase().as_str() {
                            "no" | "không" | "false" | "0" | "off" => None,
                            "yes" | "có" | "true" | "1" | "on" => Some(Retired::Plain),
                            _ => Some(Retired::Message(t)),
                        }
                    }),
                },
                languages: doc.text_list(m, &p, "languages"),
            };
            lock.entries.insert(id.to_string(), entry);
        }
    }
    diags.extend(doc.into_diagnostics());
    (lock, diags, text)
}

/// Checks that every locked id still leads somewhere: to a procedure with
/// that id, to its `replaced_by` procedure, or to a `retired` page; and
/// warns when a locked id now belongs to another procedure (another title
/// at another address). `ids` holds each procedure by its id.
/// `renamed`: guides under a name camnang does not read (`….md.txt`), with
/// the page each would have, the file, and its name as a guide.
pub(crate) fn check_lock(
    lock: &QrLock,
    ids: &BTreeMap<String, &Procedure>,
    text: &str,
    renamed: &[(String, String, String)],
) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let shown = Path::new(LOCK_FILE);
    for (id, entry) in &lock.entries {
        // (placed only for what is told: a lock of 10,000 ids is read once)
        let line = || entry_line(text, id, None);
        // a field's line and the column its name starts at
        let field_at = |field: &str| {
            let l = entry_line(text, id, Some(field));
            let indent = text
                .lines()
                .nth(l - 1)
                .map_or(0, |s| s.len() - s.trim_start().len());
            (l, indent + 1)
        };
        if let Some(p) = ids.get(id) {
            let other = |a: &str, b: &str| !a.is_empty() && a.trim() != b.trim();
            // (the title first: the address is made only when it differs)
            if other(&entry.title, &p.title)
                && other(&entry.target, &crate::model::routes::procedure(p))
            {
                let d = Diagnostic::warning(Msg::LockedIdNowOther {
                    id: id.clone(),
                    was: entry.title.clone(),
                    now: p.title.clone(),
                })
                .in_file(shown)
                .at(line(), 1, text)
                .field(id.clone());
                diags.push(d);
            }
            // `retired:` or `replaced_by:` under an id a procedure still
            // has: the code opens that procedure, and the line is dropped
            // from the lock when it is written again
            let unused = match (&entry.replaced_by, &entry.retired) {
                (Some(_), _) => Some("replaced_by"),
                (None, Some(_)) => Some("retired"),
                (None, None) => None,
            };
            if let Some(field) = unused {
                let (l, c) = field_at(field);
                let d = Diagnostic::warning(Msg::LockLineUnused {
                    id: id.clone(),
                    field: field.into(),
                    title: p.title.clone(),
                })
                .in_file(shown)
                .at(l, c, text)
                .field(format!("{id}.{field}"));
                diags.push(d);
            }
            continue;
        }
        if let Some(target) = &entry.replaced_by {
            if entry.retired.is_some() {
                let (l, c) = field_at("retired");
                let d = Diagnostic::warning(Msg::LockRetiredAndReplaced { id: id.clone() })
                    .in_file(shown)
                    .at(l, c, text)
                    .field(format!("{id}.retired"));
                diags.push(d);
            }
            if resolve(lock, ids, target).is_none() {
                let (l, c) = field_at("replaced_by");
                let d = Diagnostic::error(Msg::ReplacedByUnknown {
                    id: id.clone(),
                    target: target.clone(),
                })
                .in_file(shown)
                .at(l, c, text)
                .field(format!("{id}.replaced_by"));
                diags.push(d);
            }
        } else if entry.retired.is_none() {
            let saved_as = renamed.iter().find(|(page, _, _)| *page == entry.target);
            let d = Diagnostic::error(Msg::LockedIdGone {
                id: id.clone(),
                title: entry.title.clone(),
                saved_as: saved_as.map(|(_, file, name)| (file.clone(), name.clone())),
            })
            .in_file(shown)
            .at(line(), 1, text)
            .field(id.clone());
            diags.push(d);
        }
    }
    diags
}

/// The line (from 1) of `id`'s entry in the lock's text, or of its
/// `field` line when there is one (else the entry's own line).
fn entry_line(text: &str, id: &str, field: Option<&str>) -> usize {
    let heads = [format!("{id}:"), format!("'{id}':"), format!("\"{id}\":")];
    let Some(at) = text
        .lines()
        .position(|l| heads.iter().any(|h| l.starts_with(h.as_str())))
    else {
        return 1;
    };
    let Some(field) = field else { return at + 1 };
    text.lines()
        .enumerate()
        .skip(at + 1)
        .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '\t', '#']))
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(field)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map_or(at + 1, |(i, _)| i + 1)
}

/// Follows `replaced_by` from `id` to a procedure id that exists.
pub(crate) fn resolve<'a, V>(
    lock: &'a QrLock,
    ids: &BTreeMap<String, V>,
    mut id: &'a str,
) -> Option<&'a str> {
    for _ in 0..16 {
        if ids.contains_key(id) {
            return Some(id);
        }
        id = lock.entries.get(id)?.replaced_by.as_deref()?;
    }
    None
}

/// Writes the lock as YAML, ids in order, with a header for clerks.
pub(crate) fn lock_to_yaml(lock: &QrLock) -> String {
    let scalar = |s: &str| {
        serde_norway::to_string(s)
            .map(|y| y.trim_end().to_string())
            .unwrap_or_else(|_| format!("{s:?}"))
    };
    let mut out = String::from(
        "# qr-lock.yaml: every short link /q/<id>/ this site has published. camnang\n\
         # keeps it up to date; commit it with the content. A code may be printed on\n\
         # posters, so an id listed here must keep working. If you remove a\n\
         # procedure, add under its id either `replaced_by: <new id>` or `retired: true`.\n\
         # (Mỗi mã ở đây có thể đã in lên áp phích. Khi xoá thủ tục, thêm dưới mã đó\n\
         # `replaced_by: <mã mới>` hoặc `retired: true`.)\n",
    );
    for (id, e) in &lock.entries {
        // (quoted when YAML would read it as something else: `'1004194':`)
        out.push_str(&format!(
            "{}:\n  target: {}\n",
            scalar(id),
            scalar(&e.target)
        ));
        if !e.title.is_empty() {
            out.push_str(&format!("  title: {}\n", scalar(&e.title)));
        }
        if let Some(r) = &e.replaced_by {
            out.push_str(&format!("  replaced_by: {}\n", scalar(r)));
        }
        match &e.retired {
            Some(Retired::Plain) => out.push_str("  retired: true\n"),
            Some(Retired::Message(m)) => out.push_str(&format!("  retired: {}\n", scalar(m))),
            None => {}
        }
        if !e.languages.is_empty() {
            out.push_str(&format!("  languages: [{}]\n", e.languages.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_yaml_reads_as_numbers_or_words_stay_ids() {
        let dir = tempfile::tempdir().unwrap();
        let mut lock = QrLock::default();
        for id in ["1004194", "1e3", "0x1f", "true", "null", "no", "tt01"] {
            lock.entries.insert(
                id.into(),
                LockEntry {
                    target: format!("cu-tru/{id}/"),
                    ..Default::default()
                },
            );
        }
        let text = lock_to_yaml(&lock);
        assert!(
            text.contains("'1004194':\n") && text.contains("\ntt01:\n"),
            "{text}"
        );
        std::fs::write(dir.path().join(LOCK_FILE), &text).unwrap();
        let (back, diags, _) = read_lock(dir.path());
        assert!(diags.items.is_empty(), "{diags:?}");
        assert_eq!(back, lock);
        // a lock written before ids were quoted
        std::fs::write(
            dir.path().join(LOCK_FILE),
            "# x\n1004194:\n  target: cu-tru/a/\ntrue:\n  target: cu-tru/b/\n",
        )
        .unwrap();
        let (old, _, text) = read_lock(dir.path());
        let ids: Vec<&str> = old.entries.keys().map(String::as_str).collect();
        assert_eq!(ids, ["1004194", "true"]);
        // and a removed one is found at its line
        let gone = check_lock(&old, &BTreeMap::new(), &text, &[]);
        assert_eq!(gone.items.len(), 2);
    }

    #[test]
    fn the_lock_reads_back_what_it_writes() {
        let dir = tempfile::tempdir().unwrap();
        let mut lock = QrLock::default();
        lock.entries.insert(
            "tt01".into(),
            LockEntry {
                target: "cu-tru/a/".into(),
                title: "Đăng ký: tạm trú".into(),
                ..Default::default()
            },
        );
        lock.entries.insert(
            "tt02".into(),
            LockEntry {
                target: "cu-tru/b/".into(),
                title: "B".into(),
                replaced_by: Some("tt01".into()),
                retired: None,
                languages: vec!["en".into()],
            },
        );
        lock.entries.insert(
            "tt03".into(),
            LockEntry {
                target: "cu-tru/c/".into(),
                title: "C".into(),
                replaced_by: None,
                retired: Some(Retired::Plain),
                languages: Vec::new(),
            },
        );
        std::fs::write(dir.path().join(LOCK_FILE), lock_to_yaml(&lock)).unwrap();
        let (back, diags, _) = read_lock(dir.path());
        assert!(diags.items.is_empty(), "{diags:?}");
        assert_eq!(back, lock);
    }
}
