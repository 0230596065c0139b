//! Procedure files and category `_index.md` files: front matter checked
//! against the content format, body rendered to HTML.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::source::split_front_matter;
use crate::load::yaml::{Doc, FieldPath};
use crate::markdown::{self, BodyLink, RenderOptions, link_allowed};
use crate::messages::Msg;
use crate::model::choice::{App, Choice, Way};
use crate::model::{Channel, DocumentGroup, Online, PlacedLink, PortalSource, Procedure};
use crate::text::Date;

/// Front-matter fields of a procedure (content-format.md).
pub const PROCEDURE_KEYS: &[&str] = &[
    "title",
    "id",
    "code",
    "summary",
    "agency",
    "audience",
    "online",
    "channels",
    "documents",
    "result",
    "legal",
    "updated",
    "keywords",
    "draft",
    "source",
];
pub(crate) const ONLINE_KEYS: &[&str] = &["url", "level", "apps"];
pub(crate) const CHANNEL_KEYS: &[&str] = &["way", "time", "fee"];
const GROUP_KEYS: &[&str] = &["group", "items"];
const SOURCE_KEYS: &[&str] = &["portal_id", "code", "portal_updated", "imported"];
/// A guide longer than this, in KB of its file, is told (`W089`): a
/// procedure's guide is a few KB; 300 KB is a minute or more on weak 3G.
pub const PAGE_TOO_LONG_KB: usize = 300;

/// What a `draft:` entry may name besides the front-matter fields: the
/// steps and notes of the body.
pub const DRAFT_BODY: &[&str] = &["steps", "body"];
/// Front-matter fields of a category's `_index.md`.
pub const CATEGORY_KEYS: &[&str] = &["title", "order", "summary"];

/// Where a procedure's `id` is written, for duplicate-id messages.
#[derive(Debug, Clone)]
pub struct IdSpot {
    pub line: usize,
    pub column: usize,
    /// The text of that line.
    pub text: String,
}

pub use crate::text::valid_id;

/// Parses a procedure file's decoded text.
pub fn parse_procedure(
    file: &Path,
    text: &str,
    slug: &str,
    category: &str,
    render: RenderOptions<'_>,
) -> (Option<(Procedure, IdSpot)>, Diagnostics) {
    parse_procedure_in(file, text, slug, category, render, None)
}

/// Parses a procedure file; `translation` is the language code of a
/// translation (`name.en.md`), whose `id` may be left out: it is the
/// original's.
pub fn parse_procedure_in(
    file: &Path,
    text: &str,
    slug: &str,
    category: &str,
    render: RenderOptions<'_>,
    translation: Option<&str>,
) -> (Option<(Procedure, IdSpot)>, Diagnostics) {
    let split = match split_front_matter(text) {
        Ok(s) => s,
        Err(msg) => return (None, one(file, msg, text)),
    };
    let doc = Doc::new(file, text, split.front, split.front_line_offset);
    let Some(map) = doc.parse() else {
        return (None, doc.into_diagnostics());
    };
    let root = FieldPath::default();
    doc.check_keys(&map, &root, PROCEDURE_KEYS);

    let title = doc.text(&map, &root, "title", true);
    let id = doc.text(&map, &root, "id", translation.is_none());
    // a translation without an id takes the original's when it is attached
    let id = if translation.is_some() && id.is_none() {
        Some(String::new())
    } else {
        id
    };
    let id = id.and_then(|id| {
        if id.is_empty() && translation.is_some() {
            return Some(id);
        }
        if valid_id(&id) {
            Some(id)
        } else {
            doc.error_at(
                &root.key("id"),
                Msg::BadId {
                    value: id,
                    meant: None,
                },
            );
            None
        }
    });
    let code = doc.quoted_text(&map, &root, "code");
    let summary = doc.text(&map, &root, "summary", true);
    let agency = doc.text(&map, &root, "agency", true);
    let audience = doc.text(&map, &root, "audience", false);

    let online = doc.mapping(&map, &root, "online").and_then(|m| {
        let p = root.key("online");
        doc.check_keys(m, &p, ONLINE_KEYS);
        let url = doc.text(m, &p, "url", true).and_then(|u| {
            if !u.starts_with("https://") || u.len() <= "https://".len() {
                let msg = if link_allowed(&u) {
                    Msg::NotHttps {
                        field: "online.url".into(),
                        value: u,
                    }
                } else {
                    Msg::BadLink {
                        field: "online.url".into(),
                        value: u,
                    }
                };
                doc.error_at(&p.key("url"), msg);
                None
            } else {
                Some(u)
            }
        });
        let level = doc.choice(m, &p, "level");
        // (`apps: vneid, dvc-quoc-gia` on one line: no app's name has a
        // comma, so the names are told apart)
        let apps: Vec<App> = doc
            .text_list(m, &p, "apps")
            .into_iter()
            .enumerate()
            .flat_map(|(i, a)| {
                let names: Vec<String> = a.split(',').map(|n| n.trim().to_string()).collect();
                names.into_iter().map(move |n| (i, n))
            })
            .filter(|(_, a)| !a.is_empty())
            .filter_map(|(i, a)| doc.check_choice(&p.key("apps").index(i), a))
            .collect();
        url.map(|url| Online { url, level, apps })
    });

    let mut ways_seen: Vec<(Way, usize)> = Vec::new();
    let channels: Vec<Channel> = doc
        .mapping_list(&map, &root, "channels")
        .into_iter()
        .filter_map(|(p, m)| {
            // (the entry's place in the list as written: entries that are
            // no group were left out of this one)
            let i = match p.0.last() {
                Some(crate::load::yaml::Seg::Index(i)) => *i,
                _ => 0,
            };
            doc.check_keys(m, &p, CHANNEL_KEYS);
            let way = doc
                .text(m, &p, "way", true)
                .and_then(|w| doc.check_choice(&p.key("way"), w));
            let time = doc.text(m, &p, "time", false);
            let fee = doc.text(m, &p, "fee", false);
            if let Some(way) = way {
                match ways_seen.iter().find(|(w, _)| *w == way) {
                    Some((_, first)) => doc.warning_at(
                        &p.key("way"),
                        Msg::WayTwice {
                            way: way.key().to_string(),
                            first: first + 1,
                        },
                    ),
                    None => ways_seen.push((way, i)),
                }
                if way == Way::Online && map.get("online").is_none() {
                    doc.warning_at(&p.key("way"), Msg::OnlineWayNoService);
                }
            }
            way.map(|way| Channel { way, time, fee })
        })
        .collect();

    let document_groups = documents(&doc, &map, &root);
    let documents: Vec<String> = document_groups
        .iter()
        .flat_map(|g| g.items.iter().cloned())
        .collect();
    let result = doc.text(&map, &root, "result", false);
    one_line_list(&doc, &map, &root, "legal");
    let legal = doc.text_list(&map, &root, "legal");
    let keywords = doc.text_list(&map, &root, "keywords");
    let draft = draft(&doc, &map, &root, channels.len(), document_groups.len());
    let portal = portal_source(&doc, &map, &root);
    let updated = doc
        .text(&map, &root, "updated", true)
        .and_then(|u| match Date::parse(&u) {
            Some(d) => Some(d),
            None => {
                doc.error_at(&root.key("updated"), Msg::BadDate { value: u });
                None
            }
        });
    let id_spot = crate::load::yaml::locate(split.front, &root.key("id").0)
        .map(|(l, c)| (l + 1 + split.front_line_offset, c + 1))
        .map(|(line, column)| IdSpot {
            line,
            column,
            text: text.lines().nth(line - 1).unwrap_or_default().to_string(),
        })
        .unwrap_or(IdSpot {
            line: 1,
            column: 1,
            text: String::new(),
        });

    let body = markdown::render(split.body, render);
    let mut diags = doc.into_diagnostics();
    closed_early(&mut diags, &split, file, text, PROCEDURE_KEYS);
    front_matter_again(&mut diags, &split, file, text);
    report_bad_links(
        &mut diags,
        file,
        text,
        split.body,
        split.body_first_line,
        &body,
    );
    // Markdown typed into a field (a form's link in a document, a word
    // made bold): fields are plain text, shown as typed
    let marks = split.front.contains("](") || split.front.contains("**");
    for (k, line) in split.front.lines().enumerate().filter(|_| marks) {
        if let Some(at) = markdown_in_field(line) {
            let column = line[..at].chars().count() + 1;
            diags.push(Diagnostic::warning(Msg::MarkdownInField).in_file(file).at(
                k + 1 + split.front_line_offset,
                column,
                text,
            ));
        }
    }
    // words typed with an old font (TCVN3, VNI Windows) and pasted: the
    // page and the posters would print "§¨ng ký t¹m tró", "Ñaêng kyù"
    let old = crate::text::tcvn3_word(text)
        .map(|w| (w, false))
        .or_else(|| crate::text::vni_word(text).map(|w| (w, true)));
    if let Some(((offset, word), vni)) = old {
        let (line, column) = place(text, 1, offset);
        diags.push(
            Diagnostic::warning(Msg::OldFontText {
                word: word.to_string(),
                vni,
            })
            .in_file(file)
            .at(line, column, text),
        );
    }
    // letters already lost before the file was saved (U+FFFD, "Khai b�o
    // t�m v�ng": text copied from a page or file read in the wrong code
    // page): printed so on the page and the posters
    if let Some(at) = text.find('\u{FFFD}') {
        let (line, column) = place(text, 1, at);
        diags.push(
            Diagnostic::warning(Msg::LostLetters)
                .in_file(file)
                .at(line, column, text),
        );
    }
    // a page a phone on a weak 3G line takes minutes to open (a whole law
    // pasted in, a picture pasted as text)
    if text.len() > PAGE_TOO_LONG_KB * 1024 {
        diags.push(
            Diagnostic::warning(Msg::PageTooLong {
                kb: text.len() / 1024,
                max: PAGE_TOO_LONG_KB,
            })
            .in_file(file),
        );
    }

    if diags.has_errors() {
        return (None, diags);
    }
    let (Some(title), Some(id), Some(summary), Some(agency), Some(updated)) =
        (title, id, summary, agency, updated)
    else {
        return (None, diags);
    };
    let p = Procedure {
        lang: translation.map(str::to_string),
        translations: BTreeMap::new(),
        slug: slug.to_string(),
        category: category.to_string(),
        source: file.to_path_buf(),
        title,
        id,
        code,
        summary,
        agency,
        audience,
        online,
        channels,
        documents,
        document_groups,
        result,
        legal,
        updated,
        keywords,
        draft,
        portal,
        links: placed_links(split.body, split.body_first_line, &body.links),
        body_html: body.html,
        steps: body.steps,
        body_text: body.text,
    };
    (Some((p, id_spot)), diags)
}

/// `documents:`: a list of documents, each a line of text or a group
/// (`- group: Heading` with its `items:`). Consecutive plain lines form
/// one group without a title.
/// Tells a list field written as one line of items with commas between
/// them (`documents: Tờ khai CT01, Giấy tờ…, CCCD`): read as one item.
/// Commas inside brackets (`(hợp đồng thuê, mượn)`) do not count.
fn one_line_list(doc: &Doc<'_>, map: &serde_norway::Mapping, root: &FieldPath, key: &str) {
    let Some(serde_norway::Value::String(text)) = map.get(key) else {
        return;
    };
    // a block of lines (`documents: |`, or `>`, which joins them with
    // spaces): each line meant as an item, all of them one
    let folded = || {
        let (line, col) = crate::load::yaml::locate(doc.yaml, &root.key(key).0)?;
        let lines: Vec<&str> = doc.yaml.lines().collect();
        let value = lines.get(line)?.get(col..)?.split_once(':')?.1.trim();
        let under = lines[line + 1..]
            .iter()
            .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > col)
            .filter(|l| !l.trim().is_empty())
            .count();
        Some(value.starts_with('>') && under >= 2)
    };
    if text.lines().filter(|l| !l.trim().is_empty()).count() >= 2 || folded() == Some(true) {
        doc.warning_at(&root.key(key), Msg::ListAsBlock { field: key.into() });
        return;
    }
    // items marked as Word and Zalo write them (`  -Tờ khai`, `  • Tờ
    // khai`, `  1. Tờ khai`): not YAML's list, so one line of all of them
    // ("-Tờ khai CT01 -Giấy tờ chứng minh" on the checklist)
    if let Some(mark) = item_mark(text) {
        doc.warning_at(
            &root.key(key),
            Msg::ListMarkNotYaml {
                field: key.into(),
                mark,
            },
        );
        return;
    }
    // the parts between commas and semicolons outside brackets
    let mut depth = 0i32;
    let mut parts: Vec<String> = vec![String::new()];
    let mut semicolon = false;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        if matches!(c, ',' | ';') && depth <= 0 {
            semicolon |= c == ';';
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push(c);
        }
    }
    // one item may have a comma ("Giấy tờ, tài liệu chứng minh…", "sửa
    // đổi, bổ sung"): several are told by a semicolon, by three parts or
    // more, or, for legal texts, by two parts with a document's number
    let numbered = parts
        .iter()
        .filter(|p| p.split('/').count() >= 3 && p.chars().any(|c| c.is_ascii_digit()))
        .count();
    if semicolon || parts.len() >= 3 || (key == "legal" && numbered >= 2) {
        doc.warning_at(&root.key(key), Msg::ListOnOneLine { field: key.into() });
    }
}

/// The mark a value starts with when it is a list written the way Word
/// and Zalo write one: a dash with no space after it (`-Tờ khai`), a
/// bullet or another dash (`•`, `–`, `·`), or a number (`1.`, `1)`).
fn item_mark(text: &str) -> Option<String> {
    let t = text.trim_start();
    let first = t.chars().next()?;
    let after = |n: usize| t[n..].chars().next();
    // (a second item marked the same way later in the line: one item with
    // a mark, `-5% phí`, `1) Luật Cư trú`, is no list)
    let again = |mark: &str| {
        t[mark.len()..]
            .match_indices(mark)
            .any(|(at, _)| t[..mark.len() + at].ends_with(' '))
    };
    match first {
        '-' | '+' | '*' if after(1).is_some_and(|c| c.is_alphanumeric()) => {
            let mark = first.to_string();
            again(&mark).then_some(mark)
        }
        '•' | '–' | '·' | '▪' | '\u{f0b7}' => {
            let mark = first.to_string();
            again(&mark).then_some(mark)
        }
        '0'..='9' => {
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            let sign = t[digits..].chars().next()?;
            let numbered =
                digits <= 2 && matches!(sign, '.' | ')') && after(digits + 1) == Some(' ');
            // the next number with the same sign after a space
            let next = t[..digits].parse::<u32>().ok()? + 1;
            let second = format!(" {next}{sign} ");
            (numbered && t.contains(&second)).then(|| t[..digits + 1].to_string())
        }
        _ => None,
    }
}

/// The line heading a list in a list of documents ("Một trong các giấy tờ
/// sau:" with its documents indented under it): a mapping of one key,
/// other than `group` and `items`, holding a list.
fn heading_of_list(m: &serde_norway::Mapping) -> Option<&str> {
    use serde_norway::Value;
    match m.iter().next() {
        Some((Value::String(key), Value::Sequence(_)))
            if m.len() == 1 && key != "group" && key != "items" =>
        {
            Some(key.as_str())
        }
        _ => None,
    }
}

fn documents(doc: &Doc<'_>, map: &serde_norway::Mapping, root: &FieldPath) -> Vec<DocumentGroup> {
    use serde_norway::Value;
    let p = root.key("documents");
    let Some(Value::Sequence(items)) = map.get("documents") else {
        one_line_list(doc, map, root, "documents");
        let items = doc.text_list(map, root, "documents");
        return match items.is_empty() {
            true => Vec::new(),
            false => vec![DocumentGroup { title: None, items }],
        };
    };
    let mut groups: Vec<DocumentGroup> = Vec::new();
    for (i, v) in items.iter().enumerate() {
        let ip = p.index(i);
        match v {
            // "- Một trong các giấy tờ sau:" with the documents under it,
            // as a clerk lists a choice: a group headed by that line (it
            // was "add a line documents[1].group", which is no YAML a
            // clerk can write, and "delete this line")
            Value::Mapping(m) if heading_of_list(m).is_some() => {
                let key = heading_of_list(m).unwrap_or_default();
                let items = doc.text_list(m, &ip, key);
                groups.push(DocumentGroup {
                    title: Some(format!("{}:", crate::text::nfc(key.trim()))),
                    items,
                });
            }
            // "- Giấy tờ chứng minh chỗ ở: hợp đồng thuê nhà"
            Value::Mapping(m)
                if !m.contains_key("group")
                    && !m.contains_key("items")
                    && doc.colon_in_item(v, &ip) => {}
            Value::Mapping(m) => {
                doc.check_keys(m, &ip, GROUP_KEYS);
                let title = doc.text(m, &ip, "group", true);
                let items = doc.text_list(m, &ip, "items");
                groups.push(DocumentGroup { title, items });
            }
            Value::Sequence(_) => doc.error_at(
                &ip,
                Msg::WrongType {
                    field: ip.to_string(),
                    expected: crate::messages::Kind::Text,
                },
            ),
            other => {
                let Some(text) = doc
                    .as_written(other, || ip.clone())
                    .map(|s| crate::text::nfc(s.trim()))
                    .filter(|s| !s.is_empty())
                else {
                    continue;
                };
                match groups.last_mut() {
                    Some(g) if g.title.is_none() => g.items.push(text),
                    _ => groups.push(DocumentGroup {
                        title: None,
                        items: vec![text],
                    }),
                }
            }
        }
    }
    groups
}

/// Whether a `draft:` entry names something the file has: a front-matter
/// field (`agency`), a channel's field (`channels[0].fee`), a document
/// group (`documents[1]`), or the body's `steps`.
pub fn draft_target_ok(entry: &str, channels: usize, groups: usize) -> bool {
    if PROCEDURE_KEYS.contains(&entry) && !["draft", "source", "id"].contains(&entry) {
        return true;
    }
    if DRAFT_BODY.contains(&entry) || entry == "online.level" || entry == "online.url" {
        return true;
    }
    let indexed = |prefix: &str, rest_ok: &dyn Fn(&str) -> bool, len: usize| {
        entry
            .strip_prefix(prefix)
            .and_then(|r| r.split_once(']'))
            .and_then(|(n, rest)| Some((n.parse::<usize>().ok()?, rest)))
            .is_some_and(|(n, rest)| n < len && rest_ok(rest))
    };
    indexed(
        "channels[",
        &|r| [".time", ".fee", ""].contains(&r),
        channels,
    ) || indexed("documents[", &|r| r.is_empty(), groups)
}

/// `draft:`: the fields an import left for a clerk to check.
fn draft(
    doc: &Doc<'_>,
    map: &serde_norway::Mapping,
    root: &FieldPath,
    channels: usize,
    groups: usize,
) -> Vec<String> {
    let list = doc.text_list(map, root, "draft");
    let mut out = Vec::new();
    for (i, entry) in list.into_iter().enumerate() {
        if draft_target_ok(&entry, channels, groups) {
            out.push(entry);
        } else {
            doc.error_at(
                &root.key("draft").index(i),
                Msg::DraftUnknownField { field: entry },
            );
        }
    }
    out
}

/// `source:`: the portal record a file was imported from.
fn portal_source(
    doc: &Doc<'_>,
    map: &serde_norway::Mapping,
    root: &FieldPath,
) -> Option<PortalSource> {
    let m = doc.mapping(map, root, "source")?;
    let p = root.key("source");
    doc.check_keys(m, &p, SOURCE_KEYS);
    let portal_id = doc.text(m, &p, "portal_id", true).and_then(|id| {
        if crate::model::valid_portal_id(&id) {
            Some(id)
        } else {
            doc.error_at(&p.key("portal_id"), Msg::BadPortalId { value: id });
            None
        }
    });
    let code = doc.quoted_text(m, &p, "code");
    let date = |key: &str, required: bool| {
        doc.text(m, &p, key, required)
            .and_then(|u| match Date::parse(&u) {
                Some(d) => Some(d),
                None => {
                    doc.error_at(&p.key(key), Msg::BadDate { value: u });
                    None
                }
            })
    };
    let portal_updated = date("portal_updated", false);
    let imported = date("imported", true);
    Some(PortalSource {
        portal_id: portal_id?,
        code,
        portal_updated,
        imported: imported?,
    })
}

/// What a category's `_index.md` holds.
#[derive(Debug, Clone)]
pub struct CategoryMeta {
    pub title: String,
    pub order: Option<i64>,
    pub summary: Option<String>,
    pub intro_html: String,
    pub links: Vec<PlacedLink>,
}

/// Parses a category's `_index.md`.
pub fn parse_category_index(
    file: &Path,
    text: &str,
    render: RenderOptions<'_>,
) -> (Option<CategoryMeta>, Diagnostics) {
    let split = match split_front_matter(text) {
        Ok(s) => s,
        // (an empty `_index.md` wants a title, not a guide)
        Err(Msg::EmptyFile) => return (None, one(file, Msg::EmptyCategoryIndex, text)),
        Err(msg) => return (None, one(file, msg, text)),
    };
    let doc = Doc::new(file, text, split.front, split.front_line_offset);
    let Some(map) = doc.parse() else {
        return (None, doc.into_diagnostics());
    };
    let root = FieldPath::default();
    // a guide saved as the category's `_index.md` (its fields are a
    // procedure's): one message, not one per field
    let guide_fields: Vec<&str> = map
        .keys()
        .filter_map(|k| k.as_str())
        .filter(|k| !CATEGORY_KEYS.contains(k) && PROCEDURE_KEYS.contains(k))
        .collect();
    if guide_fields.len() >= 2 {
        let at = root.key(guide_fields[0]);
        doc.error_at(
            &at,
            Msg::GuideAsCategoryIndex {
                fields: guide_fields.iter().map(|k| k.to_string()).collect(),
            },
        );
        let others: Vec<&str> = CATEGORY_KEYS
            .iter()
            .copied()
            .chain(guide_fields.iter().copied())
            .collect();
        doc.check_keys(&map, &root, &others);
    } else {
        doc.check_keys(&map, &root, CATEGORY_KEYS);
    }
    let title = doc.text(&map, &root, "title", true);
    let order = doc.number(&map, &root, "order").map(|n| n as i64);
    let summary = doc.text(&map, &root, "summary", false);
    let body = markdown::render(split.body, render);
    let mut diags = doc.into_diagnostics();
    closed_early(&mut diags, &split, file, text, CATEGORY_KEYS);
    report_bad_links(
        &mut diags,
        file,
        text,
        split.body,
        split.body_first_line,
        &body,
    );
    match title {
        Some(title) if !diags.has_errors() => (
            Some(CategoryMeta {
                title,
                order,
                summary,
                links: placed_links(split.body, split.body_first_line, &body.links),
                intro_html: body.html,
            }),
            diags,
        ),
        _ => (None, diags),
    }
}

/// A `---` typed inside the front matter ends it early, and the fields
/// after it would show on the page as text: said at the first of them
/// (one of `keys`), if the body starts with one. The fields are there,
/// below the stray `---`: the "field missing" mistakes go ("title is
/// missing", five times over for `---` typed twice, would have the clerk
/// type them again).
fn closed_early(
    diags: &mut Diagnostics,
    split: &crate::load::source::Split<'_>,
    file: &Path,
    text: &str,
    keys: &[&str],
) {
    let Some((k, key)) = split
        .body
        .lines()
        .enumerate()
        .find(|(_, l)| !l.trim().is_empty())
        .and_then(|(k, l)| {
            let (key, rest) = l.split_once(':')?;
            (keys.contains(&key) && (rest.is_empty() || rest.starts_with(' '))).then_some((k, key))
        })
    else {
        return;
    };
    diags
        .items
        .retain(|d| !matches!(d.msg, Msg::MissingField { .. }));
    diags.push(
        Diagnostic::error(Msg::FrontMatterClosedEarly {
            key: key.to_string(),
        })
        .in_file(file)
        .at(split.body_first_line + k, 1, text)
        .field(key),
    );
}

/// A second front matter in the body (the guide pasted twice into its
/// file, a template pasted under the text): a `---` line followed by
/// fields (`title:`, `id:`), which the page showed as text under the last
/// heading. Told once, at that `---`.
fn front_matter_again(
    diags: &mut Diagnostics,
    split: &crate::load::source::Split<'_>,
    file: &Path,
    text: &str,
) {
    let lines: Vec<&str> = split.body.lines().collect();
    let field = |l: &str| {
        l.split_once(':').is_some_and(|(key, rest)| {
            PROCEDURE_KEYS.contains(&key) && (rest.is_empty() || rest.starts_with(' '))
        })
    };
    let found = lines.iter().enumerate().find(|(k, l)| {
        l.trim_end() == "---"
            && lines[k + 1..]
                .iter()
                .find(|n| !n.trim().is_empty())
                .is_some_and(|n| field(n))
    });
    if let Some((k, _)) = found {
        diags.push(Diagnostic::warning(Msg::FrontMatterAgain).in_file(file).at(
            split.body_first_line + k,
            1,
            text,
        ));
    }
}

fn one(file: &Path, msg: Msg, text: &str) -> Diagnostics {
    let mut d = Diagnostics::default();
    // (at the line that looks like the closing `---`, when there is one)
    let line = match &msg {
        Msg::FenceLookalike { line, .. } => *line,
        _ => 1,
    };
    d.push(Diagnostic::error(msg).in_file(file).at(line, 1, text));
    d
}

/// Where a byte `offset` of the body is in the file: (line, column), both
/// 1-based.
fn place(body: &str, body_first_line: usize, offset: usize) -> (usize, usize) {
    let before = &body[..offset.min(body.len())];
    let line = body_first_line + before.matches('\n').count();
    let col = before
        .rsplit('\n')
        .next()
        .map(|s| s.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// The links and images of a body with where they are in the file.
fn placed_links(body: &str, body_first_line: usize, links: &[BodyLink]) -> Vec<PlacedLink> {
    links
        .iter()
        .map(|l| {
            let (line, column) = place(body, body_first_line, l.offset);
            PlacedLink {
                line,
                column,
                link: l.clone(),
            }
        })
        .collect()
}

/// Where a front-matter line has Markdown in its value (byte column): a
/// link `[…](…)` or a bold `**…**`, which fields show as typed.
fn markdown_in_field(line: &str) -> Option<usize> {
    let link = line
        .find("](")
        .filter(|&at| line[..at].contains('[') && line[at..].contains(')'));
    let link = link.and_then(|at| line[..at].rfind('['));
    let bold = line.find("**").filter(|&at| line[at + 2..].contains("**"));
    match (link, bold) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn report_bad_links(
    diags: &mut Diagnostics,
    file: &Path,
    text: &str,
    body: &str,
    body_first_line: usize,
    rendered: &markdown::Rendered,
) {
    let bad = &rendered.bad_links;
    let spaced = &rendered.spaced_links;
    if let Some((offset, tag)) = &rendered.shown_tag {
        let (line, col) = place(body, body_first_line, *offset);
        diags.push(
            Diagnostic::warning(Msg::HtmlTagShown { tag: tag.clone() })
                .in_file(file)
                .at(line, col, text),
        );
    }
    if let Some((offset, taken, steps)) = &rendered.steps_elsewhere {
        let (line, col) = place(body, body_first_line, *offset);
        diags.push(
            Diagnostic::warning(Msg::StepsElsewhere {
                taken: taken.clone(),
                steps: steps.clone(),
            })
            .in_file(file)
            .at(line, col, text),
        );
    }
    for offset in &rendered.indented_code {
        let (line, col) = place(body, body_first_line, *offset);
        diags.push(
            Diagnostic::warning(Msg::IndentedAsCode)
                .in_file(file)
                .at(line, col, text),
        );
    }
    for (offset, url) in spaced {
        let (line, col) = place(body, body_first_line, *offset);
        diags.push(
            Diagnostic::warning(Msg::LinkWithSpaces { value: url.clone() })
                .in_file(file)
                .at(line, col, text),
        );
    }
    for (offset, url) in &rendered.gap_links {
        let (line, col) = place(body, body_first_line, *offset);
        diags.push(
            Diagnostic::warning(Msg::LinkGap { value: url.clone() })
                .in_file(file)
                .at(line, col, text),
        );
    }
    for (offset, url) in bad {
        let (line, col) = place(body, body_first_line, *offset);
        diags.push(
            Diagnostic::error(Msg::BadLink {
                field: "body".into(),
                value: url.clone(),
            })
            .in_file(file)
            .at(line, col, text),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_typed_as_word_writes_it_is_told_and_one_item_is_not() {
        for list in [
            "-Tờ khai CT01 -Giấy tờ chứng minh",
            "• Tờ khai • Giấy tờ",
            "1. Luật Cư trú 2. Nghị định 62",
            "1) Luật 2) Nghị định",
        ] {
            assert!(item_mark(list).is_some(), "{list}");
        }
        for one in [
            "1) Luật Cư trú 2020",
            "2. Tờ khai",
            "-5% phí",
            "+84 235 3000 000",
            "1.000 đồng mỗi bản",
            "Luật Cư trú - sửa đổi",
            "- ",
        ] {
            assert_eq!(item_mark(one), None, "{one}");
        }
    }

    const OPTS: RenderOptions<'static> = RenderOptions {
        allow_html: false,
        base_path: "/",
        text: true,
    };

    fn codes_and_lines(text: &str) -> Vec<(&'static str, Option<usize>, Option<String>)> {
        let (_, d) = parse_procedure(Path::new("a.md"), text, "a", "c", OPTS);
        d.items
            .iter()
            .map(|d| (d.msg.code(), d.line, d.field.clone()))
            .collect()
    }

    const GOOD: &str = "---\ntitle: Đăng ký tạm trú\nid: tt01\ncode: \"1.004194\"\nsummary: S\nagency: Công an xã\nonline:\n  url: https://dichvucong.gov.vn/x\n  level: toan-trinh\n  apps: [vneid]\nchannels:\n  - way: truc-tuyen\n    time: 03 ngày làm việc\n    fee: 7.000 đồng\ndocuments:\n  - Tờ khai CT01\nupdated: 2026-10-01\n---\n\n## Các bước\n\n1. Mở VNeID.\n2. Gửi.\n";

    #[test]
    fn a_line_heading_documents_indented_under_it_is_a_group() {
        let text = GOOD.replace(
            "documents:\n  - Tờ khai CT01\n",
            "documents:\n  - Tờ khai CT01\n  - Một trong các giấy tờ sau:\n    - Hợp đồng thuê nhà\n    - Sổ đỏ\n",
        );
        let (p, d) = parse_procedure(Path::new("a.md"), &text, "a", "c", OPTS);
        assert!(d.items.is_empty(), "{d:?}");
        let (p, _) = p.unwrap();
        assert_eq!(
            p.document_groups,
            vec![
                DocumentGroup {
                    title: None,
                    items: vec!["Tờ khai CT01".into()]
                },
                DocumentGroup {
                    title: Some("Một trong các giấy tờ sau:".into()),
                    items: vec!["Hợp đồng thuê nhà".into(), "Sổ đỏ".into()]
                },
            ]
        );
    }

    #[test]
    fn a_good_procedure_loads_every_field() {
        let (p, d) = parse_procedure(Path::new("a.md"), GOOD, "dang-ky-tam-tru", "cu-tru", OPTS);
        assert!(!d.has_errors(), "{d:?}");
        let (p, spot) = p.unwrap();
        assert_eq!(p.id, "tt01");
        assert_eq!(p.code.as_deref(), Some("1.004194"));
        assert_eq!(p.online.as_ref().unwrap().apps, vec![App::Vneid]);
        assert_eq!(p.channels[0].fee.as_deref(), Some("7.000 đồng"));
        assert_eq!(p.steps, vec!["Mở VNeID.", "Gửi."]);
        assert_eq!(p.updated.dmy(), "01/10/2026");
        assert_eq!(spot.line, 3);
    }

    #[test]
    fn every_mistake_is_reported_at_its_line() {
        let bad = GOOD
            .replace("summary: S", "sumary: S")
            .replace("id: tt01", "id: TT 01")
            .replace("    fee: 7.000 đồng", "    fee: [1, 2]")
            .replace("level: toan-trinh", "level: muc-do-4")
            .replace("updated: 2026-10-01", "updated: 2026-02-30")
            .replace("2. Gửi.", "2. [Gửi](javascript:alert(1)).");
        let got = codes_and_lines(&bad);
        let want = [
            ("E011", Some(5), Some("sumary".to_string())),
            ("E020", Some(3), Some("id".to_string())),
            ("E012", Some(14), Some("channels[0].fee".to_string())),
            ("E015", Some(9), Some("online.level".to_string())),
            ("E023", Some(17), Some("updated".to_string())),
            ("E024", Some(23), None),
        ];
        for w in &want {
            assert!(got.contains(w), "missing {w:?} in {got:?}");
        }
        assert_eq!(got.len(), want.len(), "{got:?}");
    }

    #[test]
    fn yaml_syntax_errors_point_at_the_file_line() {
        let bad = GOOD.replace("summary: S", "summary: \"S");
        let got = codes_and_lines(&bad);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "E006");
        let line = got[0].1.unwrap();
        assert!((5..=8).contains(&line), "line {line}");
    }

    #[test]
    fn online_url_must_be_https() {
        let got = codes_and_lines(
            &GOOD.replace("https://dichvucong.gov.vn/x", "http://dichvucong.gov.vn/x"),
        );
        assert_eq!(got, vec![("E025", Some(8), Some("online.url".to_string()))]);
        let got =
            codes_and_lines(&GOOD.replace("https://dichvucong.gov.vn/x", "javascript:alert(1)"));
        assert_eq!(got, vec![("E024", Some(8), Some("online.url".to_string()))]);
    }

    #[test]
    fn ids_are_short_lowercase_ascii() {
        for ok in ["tt01", "a", "dang-ky-1234567"] {
            assert!(valid_id(ok), "{ok}");
        }
        for bad in ["", "TT01", "tạm", "a/b", "../x", "abcdefghijklmnopq"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }
}
