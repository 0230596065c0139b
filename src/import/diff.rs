//! `camnang import --diff` and `--update`: each imported procedure (a file
//! with `source:`) compared with its record on the portal now, field by
//! field. The record as imported is kept in `.camnang/portal/`, so an
//! update knows which fields a clerk changed: a field the portal changed
//! and the clerk did not takes the portal's text; one both changed keeps
//! the clerk's, with a warning. The summary, keywords, the body (steps as
//! rewritten, notes) and `updated:` are always the clerk's.

use crate::model::Choice;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::import::fetch::Portal;
use crate::import::guide::{Guide, GuideChannel, guide};
use crate::import::{ImportOptions, error_line, record, saved_records, warning_line, write};
use crate::load::source::{decode, split_front_matter};
use crate::markdown::RenderOptions;
use crate::messages::{Gap, Lang, Msg};
use crate::model::Procedure;
use crate::text::Date;

/// The fields that come from the portal, as comparable text.
pub(crate) fn view(g: &Guide) -> BTreeMap<&'static str, String> {
    let mut m = BTreeMap::new();
    m.insert("title", g.title.clone());
    m.insert("code", g.code.clone());
    m.insert("agency", g.agency.clone());
    m.insert("audience", g.audience.clone());
    m.insert(
        "channels",
        g.channels
            .iter()
            .map(|c| {
                format!(
                    "{}: {} | {}",
                    c.way,
                    c.time.as_deref().unwrap_or("-"),
                    c.fee.as_deref().unwrap_or("-")
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    );
    m.insert(
        "documents",
        g.documents
            .iter()
            .map(|(t, items)| match t {
                Some(t) => format!("{t}\n  {}", items.join("\n  ")),
                None => items.join("\n"),
            })
            .collect::<Vec<_>>()
            .join("\n"),
    );
    m.insert("result", g.result.clone());
    m.insert("legal", g.legal.join("\n"));
    m.insert(
        "online.level",
        g.online.as_ref().map(|o| o.1.clone()).unwrap_or_default(),
    );
    m
}

/// What only the portal side has: steps and state, for `--diff`.
fn portal_only(g: &Guide) -> BTreeMap<&'static str, String> {
    let mut m = BTreeMap::new();
    m.insert("steps", g.steps.join("\n"));
    // the rest of what the record writes into the body: the ways'
    // instructions (where to submit), the conditions, notes (a change
    // there was "nothing changed on the portal")
    m.insert("body", without_steps(&g.body));
    m.insert("state", g.state.clone());
    m
}

/// An imported body without its first section, the steps (compared on
/// their own), up to the next heading.
fn without_steps(body: &str) -> String {
    match body
        .strip_prefix(super::guide::STEPS_HEADING)
        .and_then(|r| r.strip_prefix('\n'))
    {
        Some(rest) => match rest.find("\n## ") {
            Some(at) => rest[at + 1..].to_string(),
            None => String::new(),
        },
        None => body.to_string(),
    }
}

/// A procedure file's portal fields in the guide's shape.
fn from_procedure(p: &Procedure) -> Guide {
    Guide {
        title: p.title.clone(),
        code: p.code.clone().unwrap_or_default(),
        summary: p.summary.clone(),
        agency: p.agency.clone(),
        audience: p.audience.clone().unwrap_or_default(),
        online: p.online.as_ref().map(|o| {
            (
                o.url.clone(),
                o.level
                    .map(|l| l.key().to_string())
                    .unwrap_or_else(|| "mot-phan".into()),
            )
        }),
        channels: p
            .channels
            .iter()
            .map(|c| GuideChannel {
                way: c.way.key().to_string(),
                time: c.time.clone(),
                fee: c.fee.clone(),
            })
            .collect(),
        documents: p
            .document_groups
            .iter()
            .map(|g| (g.title.clone(), g.items.clone()))
            .collect(),
        result: p.result.clone().unwrap_or_default(),
        legal: p.legal.clone(),
        ..Guide::default()
    }
}

/// Copies field `key` of `from` into `to`.
fn take(to: &mut Guide, from: &Guide, key: &str) {
    match key {
        "title" => to.title = from.title.clone(),
        "code" => to.code = from.code.clone(),
        "agency" => to.agency = from.agency.clone(),
        "audience" => to.audience = from.audience.clone(),
        "channels" => to.channels = from.channels.clone(),
        "documents" => to.documents = from.documents.clone(),
        "result" => to.result = from.result.clone(),
        "legal" => to.legal = from.legal.clone(),
        "online.level" => to.online = from.online.clone(),
        _ => {}
    }
}

/// The lines of `old` and `new` that differ, each side made one line
/// with [`short`]: lines both share at the start and at the end are left
/// out as `…`, so a change deep in a long list is not hidden behind the
/// same first 300 characters on both sides.
fn differing(old: &str, new: &str) -> (String, String) {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let (head, tail) = shared_ends(&a, &b);
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    // lines that changed one for one: each shown from where it differs
    // from the other (a change in the third fee of a long line was behind
    // the same first 300 characters on both sides)
    let (ma, mb): (Vec<String>, Vec<String>) = match ma.len() == mb.len() {
        true => ma.iter().zip(mb).map(|(x, y)| changed_part(x, y)).unzip(),
        false => (
            ma.iter().map(|s| s.to_string()).collect(),
            mb.iter().map(|s| s.to_string()).collect(),
        ),
    };
    let part = |middle: &[String]| -> String {
        let mut parts: Vec<&str> = Vec::new();
        if head > 0 {
            parts.push("…");
        }
        parts.extend(middle.iter().map(String::as_str));
        if tail > 0 {
            parts.push("…");
        }
        short(&parts.join("\n"))
    };
    (part(&ma), part(&mb))
}

/// How many items `a` and `b` share at their start, and then at their end.
fn shared_ends<T: PartialEq>(a: &[T], b: &[T]) -> (usize, usize) {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (head, tail)
}

/// Two versions of a line, each cut to where they differ (with a few
/// words before it), when they share a long start or end.
fn changed_part(x: &str, y: &str) -> (String, String) {
    const CONTEXT: usize = 24;
    let (xc, yc): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    let (same_start, same_end) = shared_ends(&xc, &yc);
    let cut = |c: &[char]| -> String {
        let from = same_start.saturating_sub(CONTEXT);
        let to = (c.len() - same_end + CONTEXT).min(c.len());
        let mut s = String::new();
        if from > 0 {
            s.push('…');
        }
        s.extend(&c[from..to]);
        if to < c.len() {
            s.push('…');
        }
        s
    };
    match same_start > CONTEXT || same_end > CONTEXT {
        true => (cut(&xc), cut(&yc)),
        false => (x.to_string(), y.to_string()),
    }
}

fn short(s: &str) -> String {
    let one = s.replace('\n', " ¶ ");
    if one.chars().count() > 300 {
        format!("{}…", one.chars().take(300).collect::<String>())
    } else if one.is_empty() {
        "—".into()
    } else {
        one
    }
}

/// A file as it is now: the procedure and its body text.
fn read_file(file: &Path, shown: &Path) -> Result<(Procedure, String), Diagnostic> {
    let bytes = std::fs::read(file).map_err(|e| {
        Diagnostic::error(Msg::ImportReadFailed {
            path: shown.to_path_buf(),
            detail: e.to_string(),
        })
    })?;
    let text = decode(&bytes).map_err(|m| Diagnostic::error(m).in_file(shown))?;
    let render = RenderOptions {
        allow_html: false,
        base_path: "/",
        text: false,
    };
    let (p, diags) = crate::load::procedure::parse_procedure(shown, &text, "x", "x", render);
    let Some((p, _)) = p else {
        // the guide's own mistake, at its file and line, as check tells it
        let first = diags
            .items
            .into_iter()
            .find(|d| d.severity == crate::diag::Severity::Error);
        return Err(first.unwrap_or_else(|| Diagnostic::error(Msg::EmptyFile).in_file(shown)));
    };
    let body = split_front_matter(&text)
        .map(|s| s.body.trim_start_matches('\n').to_string())
        .unwrap_or_default();
    Ok((p, body))
}

/// `--diff` / `--update` over every imported file of the site.
pub(crate) fn run(opts: &ImportOptions, portal: &Portal, lang: Lang, today: Date) -> ExitCode {
    let root = &opts.root;
    let files = write::imported_files(root);
    // records given as files stand for the portal now (offline comparison)
    let mut saved: BTreeMap<String, (PathBuf, String, Value)> = BTreeMap::new();
    let mut failed = 0;
    for (from, v) in saved_records(&opts.paths) {
        match v.and_then(|v| {
            record::from_value(&v)
                .map(|r| (r.id.trim().to_ascii_lowercase(), r.name.clone(), v))
                .map_err(|detail| Msg::ImportNotRecord {
                    path: from.clone(),
                    detail,
                })
        }) {
            Ok((id, name, v)) => {
                saved.insert(id, (from, name, v));
            }
            Err(m) => {
                eprintln!("{}", error_line(&m, lang));
                failed += 1;
            }
        }
    }
    let given = saved.len();
    for (portal_id, file) in &files {
        let shown = crate::load::rel(root, file);
        let now = match saved.remove(portal_id) {
            Some((_, _, v)) => Ok(v),
            None if !opts.paths.is_empty() => continue,
            None => portal.detail(portal_id),
        };
        // (a record the portal no longer has names the guide it is for)
        let r = now
            .map_err(|m| Diagnostic::error(m).in_file(&shown))
            .and_then(|v| one(opts, portal_id, file, &shown, &v, lang, today));
        if let Err(d) = r {
            eprintln!("{}", d.render(lang));
            failed += 1;
        }
    }
    // a record given that no guide came from: nothing was compared. One
    // asked for is a mistake; of a crawl of many, the rest are not the
    // site's (said once)
    let left: Vec<(PathBuf, String, Value)> = saved.into_values().collect();
    if left.len() == 1 || left.len() == given {
        // (a guide written by hand for the record's procedure: `camnang
        // import PATH`, the hint for a record of no guide, would refuse it)
        let by_hand = write::coded_files(root, &files);
        for (path, name, v) in left {
            let name = crate::import::clean::line(&name);
            let code = record::from_value(&v)
                .map(|r| r.code.trim().to_string())
                .unwrap_or_default();
            let msg = match write::guide_with_code(&by_hand, &code) {
                Some(file) => Msg::RecordByHand {
                    path,
                    name,
                    file: crate::load::rel(root, file),
                    code,
                },
                None => Msg::RecordInNoGuide { path, name },
            };
            eprintln!("{}", Diagnostic::error(msg).render(lang));
            failed += 1;
        }
    } else if !left.is_empty() {
        let m = Msg::RecordsInNoGuide { count: left.len() };
        eprintln!("{}", warning_line(&m, lang));
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether the `draft:` entry `entry` names `field` or a part of it.
fn of_field(entry: &str, field: &str) -> bool {
    entry
        .strip_prefix(field)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['[', '.']))
}

/// The portal's text of a field as a `draft:` note shows it: one line, at
/// most 120 characters.
fn shortened(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(120) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}

/// The notes written after the entries of a file's `draft:` list
/// (`- "channels[0].fee"   # có mức phí…`), by entry.
fn draft_notes(text: &str) -> BTreeMap<String, String> {
    let mut notes = BTreeMap::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("draft:") {
            inside = true;
            continue;
        }
        if !inside {
            continue;
        }
        let Some(item) = line
            .trim_start()
            .strip_prefix("- ")
            .filter(|_| line.starts_with(' '))
        else {
            break;
        };
        if let Some((entry, note)) = item.split_once(" #") {
            let entry = entry.trim().trim_matches(['"', '\'']);
            notes.insert(entry.to_string(), note.trim().to_string());
        }
    }
    notes
}

/// Compares (and with `--update`, updates) one file.
fn one(
    opts: &ImportOptions,
    portal_id: &str,
    file: &Path,
    shown: &Path,
    now: &Value,
    lang: Lang,
    today: Date,
) -> Result<(), Diagnostic> {
    let rec = record::from_value(now).map_err(|detail| {
        Diagnostic::error(Msg::ImportNotRecord {
            path: shown.to_path_buf(),
            detail,
        })
    })?;
    let new = guide(&rec, today);
    let (cur, body) = read_file(file, shown)?;
    let cur_g = from_procedure(&cur);
    let snapshot: PathBuf = opts
        .root
        .join(write::RECORDS_DIR)
        .join(format!("{portal_id}.json"));
    let old = std::fs::read(&snapshot)
        .ok()
        .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        .and_then(|v| record::from_value(&v).ok())
        .map(|r| guide(&r, today));
    // what changed on the portal since the import (or, without the
    // record as imported, how the file differs from the portal now)
    let base = old.as_ref().unwrap_or(&cur_g);
    let (base_v, new_v, cur_v) = (view(base), view(&new), view(&cur_g));
    // one changed field, as the clerk reads it
    let show = |field: &str, old: &str, new: &str| {
        let (old, new) = differing(old, new);
        println!(
            "{}",
            Msg::DiffField {
                file: shown.to_path_buf(),
                field: field.to_string(),
                old,
                new,
            }
            .text(lang)
        );
    };
    let mut changed: Vec<&str> = Vec::new();
    for (k, n) in &new_v {
        let b = base_v.get(k).cloned().unwrap_or_default();
        if &b != n {
            changed.push(k);
            if !opts.update {
                show(k, &b, n);
            }
        }
    }
    // the body is the clerk's: a change the portal made to what it was
    // written from stays in sight in `draft:`, with what changed
    let mut body_changes: Vec<(&str, String)> = Vec::new();
    if let Some(old) = &old {
        for (k, n) in portal_only(&new) {
            let b = portal_only(old).get(k).cloned().unwrap_or_default();
            if b != n {
                changed.push(k);
                show(k, &b, &n);
                if k != "state" {
                    body_changes.push((k, differing(&b, &n).1));
                }
            }
        }
    }
    if changed.is_empty() {
        println!(
            "{}",
            Msg::DiffSame {
                file: shown.to_path_buf()
            }
            .text(lang)
        );
        return Ok(());
    }
    if !opts.update {
        return Ok(());
    }
    // the update: the clerk's fields stay, the portal's take its changes
    let mut merged = new.clone();
    let mut applied: Vec<String> = Vec::new();
    let mut draft = cur.draft.clone();
    // parts the portal now writes in a shape camnang cannot read: the
    // file's text stays (taken, the part would be emptied), and is told
    let unread: Vec<(&String, &Gap)> = new
        .gaps
        .iter()
        .filter(|(_, g)| matches!(g, Gap::Unread { .. }))
        .map(|(f, g)| (f, g))
        .collect();
    for k in new_v.keys() {
        let old_k = base_v.get(k);
        let cur_k = cur_v.get(k);
        let new_k = new_v.get(k);
        let unreadable: Vec<&Gap> = unread
            .iter()
            .filter(|(f, _)| f.as_str() == *k)
            .map(|(_, g)| *g)
            .collect();
        if old_k == new_k {
            take(&mut merged, &cur_g, k);
        } else if !unreadable.is_empty() {
            take(&mut merged, &cur_g, k);
            for gap in unreadable {
                let m = Msg::ImportGap {
                    file: shown.to_path_buf(),
                    field: k.to_string(),
                    gap: gap.clone(),
                };
                println!("{}", warning_line(&m, lang));
            }
        } else if old.is_some() && cur_k == old_k {
            applied.push(k.to_string());
            // what the file's draft said of the field before is the old
            // text's (`channels[2].fee` of a way the portal dropped)
            draft.retain(|d| !of_field(d, k));
            draft.push(k.to_string());
            merged.gaps.push((k.to_string(), Gap::ChangedOnPortal));
            for (f, _) in &new.gaps {
                if f.starts_with(k) {
                    draft.push(f.clone());
                }
            }
        } else if cur_k == new_k {
            // the clerk wrote what the portal now says: nothing to tell
            take(&mut merged, &cur_g, k);
        } else {
            take(&mut merged, &cur_g, k);
            // the portal's change stays in sight in the file until the
            // clerk has looked at it (the record saved below is the new
            // one: `--diff` no longer shows it)
            if let Some(now) = new_k {
                draft.push(k.to_string());
                // what changed, not the shared start of a long field (a
                // new fee of the second way was behind the first way's
                // 120 characters, and read as no change)
                let now = match old_k {
                    Some(before) => differing(before, now).1,
                    None => now.clone(),
                };
                merged.gaps.push((
                    k.to_string(),
                    Gap::KeptAgainstPortal {
                        now: shortened(&now),
                    },
                ));
            }
            println!(
                "{}",
                warning_line(
                    &Msg::UpdateKeptClerk {
                        file: shown.to_path_buf(),
                        field: k.to_string(),
                    },
                    lang
                )
            );
        }
    }
    for (k, now) in body_changes {
        if !draft.iter().any(|d| d == k) {
            draft.push(k.to_string());
        }
        merged.gaps.push((
            k.to_string(),
            Gap::KeptAgainstPortal {
                now: shortened(&now),
            },
        ));
    }
    // only entries the file written has a place for (E017 otherwise)
    let groups = merged.documents.len();
    draft.retain(|d| crate::load::procedure::draft_target_ok(d, merged.channels.len(), groups));
    let kept = write::Kept {
        notes: draft_notes(&std::fs::read_to_string(file).unwrap_or_default()),
        id: cur.id.clone(),
        summary: Some(cur.summary.clone()),
        keywords: cur.keywords.clone(),
        body: Some(body),
        updated: Some(cur.updated),
        draft: Some(draft),
    };
    let text = write::procedure_file(&merged, &kept, today);
    crate::files::write_text_file(file, text.as_bytes(), crate::files::Existing::Replace)
        .map_err(Diagnostic::error)?;
    let data = record::unwrap_envelope(now)
        .map(|(d, _)| d.clone())
        .unwrap_or(Value::Null);
    crate::files::write_text_file(
        &snapshot,
        &serde_json::to_vec_pretty(&data).unwrap_or_default(),
        crate::files::Existing::Replace,
    )
    .map_err(Diagnostic::error)?;
    // (nothing taken: the clerk's fields were kept, each told above)
    if applied.is_empty() {
        return Ok(());
    }
    println!(
        "{}",
        Msg::Updated {
            file: shown.to_path_buf(),
            fields: applied,
        }
        .text(lang)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_compared_without_its_steps() {
        let body = "## Các bước\n\n1. Một.\n2. Hai.\n\n## Cách nộp hồ sơ\n\nTại xã.\n";
        assert_eq!(without_steps(body), "## Cách nộp hồ sơ\n\nTại xã.\n");
        assert_eq!(without_steps("## Các bước\n\n1. Một.\n"), "");
    }

    #[test]
    fn a_change_deep_in_a_long_list_is_shown_not_its_shared_start() {
        let docs: Vec<String> = (1..=40)
            .map(|i| format!("Giấy tờ số {i} cần nộp"))
            .collect();
        let old = docs.join("\n");
        let mut changed = docs.clone();
        changed[30] = "Giấy tờ số 31 (bản sao có chứng thực)".into();
        let (was, now) = differing(&old, &changed.join("\n"));
        assert_eq!(was, "… ¶ Giấy tờ số 31 cần nộp ¶ …");
        assert_eq!(now, "… ¶ Giấy tờ số 31 (bản sao có chứng thực) ¶ …");
        // an item added at the end, and a one-line value
        let (was, now) = differing("A\nB", "A\nB\nC");
        assert_eq!((was.as_str(), now.as_str()), ("…", "… ¶ C"));
        let (was, now) = differing("03 ngày", "05 ngày");
        assert_eq!((was.as_str(), now.as_str()), ("03 ngày", "05 ngày"));
        assert_eq!(differing("", "Mới").0, "—");
        // the third fee of a channel's long line: shown where it changed
        let fees = |third: &str| {
            format!(
                "truc-tiep: 03 ngày làm việc | Lệ phí 15.000 đồng (cá nhân đăng ký lần đầu tại cơ quan); Lệ phí 10.000 đồng (đăng ký theo danh sách từ hai người trở lên, mỗi người); Lệ phí {third} đồng (trẻ em dưới 6 tuổi)"
            )
        };
        let (was, now) = differing(&fees("0"), &fees("5.000"));
        assert!(
            was.contains("Lệ phí 0 đồng") && was.starts_with('…'),
            "{was}"
        );
        assert!(now.contains("Lệ phí 5.000 đồng"), "{now}");
    }
}
