//! `site.yaml`: the site's settings, checked field by field.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::load::source::decode;
use crate::load::yaml::{Doc, FieldPath};
use crate::messages::{Lang, Msg};
use crate::model::{
    Contact, Copies, FLYERS_A5_PER_SHEET, FLYERS_A6_PER_SHEET, PrintConfig, SiteConfig, SiteTexts,
};
use serde_norway::{Mapping, Value};

const SITE_KEYS: &[&str] = &[
    "title",
    "commune",
    "province",
    "base_url",
    "language",
    "contact",
    "print",
    "theme",
    "allow_html",
    "notice",
    "search",
    "kiosk",
    "deploy",
];
const DEPLOY_KEYS: &[&str] = &["to"];
pub(crate) const SEARCH_KEYS: &[&str] = &["synonyms"];
pub(crate) const KIOSK_KEYS: &[&str] = &["seconds"];
pub(crate) const CONTACT_KEYS: &[&str] = &["phone", "zalo", "address", "hours", "team"];
/// The widest bleed a print shop asks for, in millimetres (3 mm is usual;
/// more only wastes paper and pushes the marks off the sheet).
pub const BLEED_MAX_MM: f64 = 10.0;

pub(crate) const PRINT_KEYS: &[&str] = &[
    "paper",
    "bleed_mm",
    "crop_marks",
    "qr_error_correction",
    "copies",
];
const COPIES_KEYS: &[&str] = &["posters", "board", "flyers_a5", "flyers_a6"];

/// Every field name `site.yaml` has, at any level.
pub(crate) fn all_keys() -> impl Iterator<Item = &'static str> {
    [
        SITE_KEYS,
        DEPLOY_KEYS,
        SEARCH_KEYS,
        KIOSK_KEYS,
        CONTACT_KEYS,
        PRINT_KEYS,
        COPIES_KEYS,
    ]
    .into_iter()
    .flatten()
    .copied()
}
/// The most copies of one file an order sheet asks for.
pub const COPIES_MAX: f64 = 100_000.0;

/// Reads `site.yaml` text (already decoded) into settings.
/// `file` is the path shown in messages.
pub fn parse_site_yaml(file: &Path, text: &str) -> (Option<SiteConfig>, Diagnostics) {
    let (config, diags) = read_settings(file, text);
    match diags.has_errors() {
        true => (None, diags),
        false => (config, diags),
    }
}

/// [`parse_site_yaml`], but with mistakes the settings are still given
/// whenever the file is a mapping: each field with a mistake (or missing)
/// stands in with its default, so the content can be read and its
/// mistakes told in the same run. Never published: the mistakes stop the
/// build.
fn read_settings(file: &Path, text: &str) -> (Option<SiteConfig>, Diagnostics) {
    let doc = Doc::new(file, text, text, 0);
    let Some(map) = doc.parse() else {
        return (None, doc.into_diagnostics());
    };
    // nothing but spaces and comments (or `---`, `~`): told once below
    let empty = map.is_empty();
    let root = FieldPath::default();
    doc.check_keys(&map, &root, SITE_KEYS);

    let title = doc.text(&map, &root, "title", true);
    let commune = doc.text(&map, &root, "commune", true);
    let province = doc.text(&map, &root, "province", false);
    let base_url = doc
        .text(&map, &root, "base_url", true)
        .and_then(|u| match split_base_url(&u) {
            Some(parts) => {
                // a page of a social network or of the national portal:
                // printed codes would send residents there, and the site
                // cannot live there
                if let Some(host) = elsewhere(&parts.0) {
                    doc.warning_at(&root.key("base_url"), Msg::BaseUrlElsewhere { host });
                }
                // a machine of the office's network (the address `camnang
                // serve --lan` shows): printed codes would open nothing on
                // a resident's phone at home
                if let Some(host) = local_network(&parts.0) {
                    doc.warning_at(&root.key("base_url"), Msg::BaseUrlLocal { host });
                }
                Some(parts)
            }
            None => {
                doc.error_at(&root.key("base_url"), Msg::BadBaseUrl { value: u });
                None
            }
        });
    let mut language = doc
        .text(&map, &root, "language", false)
        .unwrap_or_else(|| "vi".into());
    let lang = match Lang::from_code(&language) {
        Some(l) => {
            // (`VI` is `vi`: pages and file names use the small letters)
            language = l.code().into();
            l
        }
        None => {
            doc.error_at(
                &root.key("language"),
                Msg::UnknownLanguage {
                    value: language.clone(),
                },
            );
            language = "vi".into();
            Lang::Vi
        }
    };

    let mut contact = Contact::default();
    if let Some(c) = doc.mapping(&map, &root, "contact") {
        let p = root.key("contact");
        doc.check_keys(c, &p, CONTACT_KEYS);
        // a link a resident taps must call or open one right place
        let two = |field: &str, first: &str| {
            doc.warning_at(
                &p.key(field),
                Msg::TwoNumbers {
                    field: field.into(),
                    first: first.into(),
                },
            );
        };
        contact.phone = doc.text(c, &p, "phone", false);
        contact.phone_tel = contact.phone.as_deref().and_then(|phone| {
            let (first, more) = first_number(phone);
            if more {
                two("phone", first);
            }
            Some(tel_digits(first)).filter(|t| !t.is_empty())
        });
        contact.zalo = doc.text(c, &p, "zalo", false);
        contact.zalo_link = contact.zalo.as_deref().and_then(|zalo| {
            let link = zalo_link(zalo);
            match &link {
                Some(ZaloLink::Number {
                    first, more: true, ..
                }) => two("zalo", first),
                Some(_) => {}
                None => doc.warning_at(
                    &p.key("zalo"),
                    Msg::ZaloNotALink {
                        value: zalo.to_string(),
                    },
                ),
            }
            link.map(ZaloLink::path)
        });
        contact.address = doc.text(c, &p, "address", false);
        contact.hours = doc.text(c, &p, "hours", false);
        contact.team = doc.text(c, &p, "team", false);
    }

    let mut print = PrintConfig::default();
    if let Some(m) = doc.mapping(&map, &root, "print") {
        let p = root.key("print");
        doc.check_keys(m, &p, PRINT_KEYS);
        if let Some(v) = doc.choice(m, &p, "paper") {
            print.paper = v;
        }
        if let Some(v) = doc.within(m, &p, "bleed_mm", (0.0, BLEED_MAX_MM), true) {
            print.bleed_mm = v;
        }
        if let Some(v) = doc.boolean(m, &p, "crop_marks") {
            print.crop_marks = v;
        }
        if let Some(v) = doc.choice(m, &p, "qr_error_correction") {
            print.qr_error_correction = v;
        }
        print.copies = copies(&doc, m, &p);
        let none = Copies {
            posters: 0,
            board: 0,
            flyers_a5: 0,
            flyers_a6: 0,
        };
        if print.copies == none {
            doc.warning_at(&p.key("copies"), Msg::NothingToOrder);
        }
    }

    let theme = doc.text(&map, &root, "theme", false);
    let allow_html = doc.boolean(&map, &root, "allow_html").unwrap_or(false);
    let notice = doc.text(&map, &root, "notice", false);

    // search.synonyms: one line a group of words that mean the same
    let mut synonyms = Vec::new();
    if let Some(m) = doc.mapping(&map, &root, "search") {
        let p = root.key("search");
        doc.check_keys(m, &p, SEARCH_KEYS);
        // (groups written on one line, `CCCD, căn cước; KT3, tạm trú`,
        // are split at their semicolons)
        let lines = doc.text_list(m, &p, "synonyms");
        for (i, l) in lines.iter().enumerate() {
            for line in l.split(';') {
                let group: Vec<String> = line
                    .split(',')
                    .map(|w| w.trim().to_string())
                    .filter(|w| !w.is_empty())
                    .collect();
                match group.len() {
                    0 => {}
                    // a word alone means nothing else: told, not dropped
                    // without a word (`KT3; tạm trú; thuê trọ` meant one
                    // group)
                    1 => doc.warning_at(
                        &p.key("synonyms").index(i),
                        Msg::SynonymAlone {
                            word: group[0].clone(),
                        },
                    ),
                    _ => synonyms.push(group),
                }
            }
        }
    }
    let mut kiosk_seconds = 12;
    if let Some(m) = doc.mapping(&map, &root, "kiosk") {
        let p = root.key("kiosk");
        doc.check_keys(m, &p, KIOSK_KEYS);
        if let Some(v) = doc.number_in(m, &p, "seconds", 3.0, 600.0) {
            kiosk_seconds = v.round() as u32;
        }
    }

    // deploy.to: where `camnang deploy` puts the site; never a password
    let mut deploy_to = None;
    if let Some(m) = doc.mapping(&map, &root, "deploy") {
        let p = root.key("deploy");
        doc.check_keys(m, &p, DEPLOY_KEYS);
        if let Some(to) = doc.text(m, &p, "to", false) {
            if url_has_password(&to) {
                doc.error_at(&p.key("to"), Msg::DeployPasswordInUrl);
            } else {
                deploy_to = Some(to);
            }
        }
    }

    let mut diags = doc.into_diagnostics();
    for d in diags.items.iter_mut() {
        // the line holds the password: point at it, never show it
        if d.msg == Msg::DeployPasswordInUrl {
            d.source_line = None;
        }
    }
    // (stand-ins for what is missing or wrong: the site is not built)
    let (base_url, base_path) = base_url.unwrap_or_else(|| ("/".into(), "/".into()));
    let config = SiteConfig {
        title: title.unwrap_or_default(),
        commune: commune.unwrap_or_default(),
        province,
        base_url,
        base_path,
        language,
        lang,
        contact,
        print,
        theme,
        allow_html,
        notice,
        synonyms,
        kiosk_seconds,
        deploy_to,
        texts: BTreeMap::new(),
    };
    // an empty file: one message with the lines to write (three "missing"
    // ones said "the front matter"); the stand-ins let the content be
    // checked in the same run
    if empty {
        diags
            .items
            .retain(|d| !matches!(d.msg, Msg::MissingField { .. }));
        diags.push(crate::diag::Diagnostic::error(Msg::SiteYamlEmpty).in_file(file));
    }
    (Some(config), diags)
}

/// The language of a file named like the site's words in a language:
/// `site.en.yaml` (`true`), or a name camnang does not read but a clerk
/// meant as that (`false`): other capitals, `.yml`, `-` or `_` for the
/// dot, a region (`site.en-US.yaml`), Notepad's hidden `.txt`.
fn texts_file(name: &str) -> Option<(String, bool)> {
    let lower = name.to_lowercase();
    let rest = lower.strip_prefix("site")?;
    let rest = rest.strip_prefix(['.', '-', '_'])?;
    let rest = rest.strip_suffix(".txt").unwrap_or(rest);
    let rest = rest
        .strip_suffix(".yaml")
        .or_else(|| rest.strip_suffix(".yml"))?;
    let code: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
    let region = &rest[code.len()..];
    let region_ok = region.is_empty()
        || region
            .strip_prefix(['-', '_'])
            .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric()));
    if !(2..=3).contains(&code.len()) || !region_ok {
        return None;
    }
    let exact = name == format!("site.{code}.yaml");
    // (a name off the mark is told only with a language's code: not
    // `site-old.yaml`, `site_cu.yaml`, a backup)
    let likely = crate::load::LIKELY_LANGUAGES.contains(&code.as_str());
    (exact || likely).then_some((code, exact))
}

/// The keys of `site.yaml` a `site.<code>.yaml` translates; `contact`
/// with [`CONTACT_TEXT_KEYS`].
const TEXT_KEYS: &[&str] = &["title", "commune", "province", "notice", "contact"];
const CONTACT_TEXT_KEYS: &[&str] = &["address", "hours", "team"];

/// Reads every `site.<code>.yaml` beside `site.yaml` (the site's words in
/// the language `code`, see [`crate::model::SiteTexts`]) into `config`. A
/// setting that is the same in every language (`base_url`, `print`, the
/// phone number) is told and left to `site.yaml`; one in the site's own
/// language is never read.
pub fn read_site_texts(root: &Path, config: &mut SiteConfig) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let Ok(entries) = std::fs::read_dir(root) else {
        return diags;
    };
    let names: Vec<String> = entries
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    let mut found: Vec<(String, String)> = Vec::new();
    for name in names {
        match texts_file(&name) {
            Some((code, true)) => found.push((code, name)),
            // `site.EN.yaml`, `site.en.yml`, `site-en.yaml`, `site.en.yaml.txt`
            Some((code, false)) => diags.push(
                crate::diag::Diagnostic::warning(Msg::SiteTextsMisnamed {
                    rename: format!("site.{code}.yaml"),
                })
                .in_file(&name),
            ),
            None => {}
        }
    }
    found.sort();
    for (code, name) in found {
        let shown = Path::new(&name);
        if code == config.language {
            diags.push(
                crate::diag::Diagnostic::warning(Msg::OwnLanguageFile {
                    code,
                    original: PathBuf::from("site.yaml"),
                    exists: true,
                })
                .in_file(shown),
            );
            continue;
        }
        let text = match std::fs::read(root.join(&name)).map_err(|e| Msg::ReadFailed {
            detail: e.to_string(),
        }) {
            Ok(bytes) => decode(&bytes),
            Err(m) => Err(m),
        };
        let text = match text {
            Ok(t) => t,
            Err(m) => {
                diags.push(crate::diag::Diagnostic::error(m).in_file(shown));
                continue;
            }
        };
        let doc = Doc::new(shown, &text, &text, 0);
        let Some(map) = doc.parse() else {
            diags.extend(doc.into_diagnostics());
            continue;
        };
        let root_path = FieldPath::default();
        doc.check_keys(&map, &root_path, SITE_KEYS);
        let same_everywhere = |map: &Mapping, path: &FieldPath, known: &[&str], texts: &[&str]| {
            for key in map.keys().filter_map(Value::as_str) {
                if known.contains(&key) && !texts.contains(&key) {
                    let at = path.key(key);
                    let msg = Msg::SettingNotPerLanguage {
                        field: at.to_string(),
                        code: code.clone(),
                    };
                    doc.warning_at(&at, msg);
                }
            }
        };
        same_everywhere(&map, &root_path, SITE_KEYS, TEXT_KEYS);
        let mut texts = SiteTexts {
            title: doc.text(&map, &root_path, "title", false),
            commune: doc.text(&map, &root_path, "commune", false),
            province: doc.text(&map, &root_path, "province", false),
            notice: doc.text(&map, &root_path, "notice", false),
            ..SiteTexts::default()
        };
        if let Some(c) = doc.mapping(&map, &root_path, "contact") {
            let p = root_path.key("contact");
            doc.check_keys(c, &p, CONTACT_KEYS);
            same_everywhere(c, &p, CONTACT_KEYS, CONTACT_TEXT_KEYS);
            texts.address = doc.text(c, &p, "address", false);
            texts.hours = doc.text(c, &p, "hours", false);
            texts.team = doc.text(c, &p, "team", false);
        }
        diags.extend(doc.into_diagnostics());
        config.texts.insert(code, texts);
    }
    diags
}

/// `print.copies`: a number (every poster and the board sheet) or a
/// group of `posters`, `board`, `flyers_a5` and `flyers_a6`, each a whole
/// number from 0 to [`COPIES_MAX`]; what is not given keeps its default.
fn copies(doc: &Doc<'_>, print: &Mapping, p: &FieldPath) -> Copies {
    let mut out = Copies::default();
    let whole = |map: &Mapping, path: &FieldPath, key: &str| -> Option<u32> {
        let v = doc.number_in(map, path, key, 0.0, COPIES_MAX)?;
        if v.fract() != 0.0 {
            let at = path.key(key);
            doc.error_at(
                &at,
                Msg::NotWholeNumber {
                    field: at.to_string(),
                    value: v.to_string(),
                },
            );
            return None;
        }
        Some(v as u32)
    };
    match print.get("copies") {
        Some(serde_norway::Value::Number(_)) => {
            if let Some(n) = whole(print, p, "copies") {
                out.posters = n;
                out.board = n;
            }
        }
        _ => {
            if let Some(m) = doc.mapping(print, p, "copies") {
                let cp = p.key("copies");
                doc.check_keys(m, &cp, COPIES_KEYS);
                for (key, slot, per_sheet) in [
                    ("posters", &mut out.posters, 1),
                    ("board", &mut out.board, 1),
                    ("flyers_a5", &mut out.flyers_a5, FLYERS_A5_PER_SHEET),
                    ("flyers_a6", &mut out.flyers_a6, FLYERS_A6_PER_SHEET),
                ] {
                    if let Some(n) = whole(m, &cp, key) {
                        *slot = n;
                        // flyers come by the whole A4 sheet
                        let made = n.div_ceil(per_sheet) * per_sheet;
                        if made != n {
                            doc.warning_at(
                                &cp.key(key),
                                Msg::FlyersRoundedUp {
                                    field: key.to_string(),
                                    asked: n,
                                    made,
                                    per_sheet,
                                },
                            );
                        }
                    }
                }
            }
        }
    }
    out
}

/// Reads `site.yaml` from the site folder. With mistakes (errors among
/// the diagnostics) the settings, when given, are stand-ins to read the
/// content with (see `read_settings`), never to publish.
pub fn read_site_yaml(root: &Path) -> (Option<SiteConfig>, Diagnostics) {
    let path = root.join("site.yaml");
    let shown = Path::new("site.yaml");
    let mut diags = Diagnostics::default();
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        // (a folder that is not there at all: the path after --root is
        // wrong, not the site)
        Err(_) if !root.is_dir() => {
            diags.push(crate::diag::Diagnostic::error(Msg::RootMissing {
                root: root.display().to_string(),
            }));
            return (None, diags);
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // saved under a name a clerk would not see is wrong
            let near = super::source::saved_as(root, "site.yaml");
            diags
                .push(crate::diag::Diagnostic::error(Msg::SiteYamlMissing { near }).in_file(shown));
            return (None, diags);
        }
        Err(e) => {
            diags.push(
                crate::diag::Diagnostic::error(Msg::ReadFailed {
                    detail: e.to_string(),
                })
                .in_file(shown),
            );
            return (None, diags);
        }
    };
    match decode(&bytes) {
        Ok(text) => read_settings(shown, &text),
        Err(msg) => {
            diags.push(crate::diag::Diagnostic::error(msg).in_file(shown));
            (None, diags)
        }
    }
}

/// Splits `https://host/path` into the URL with a trailing `/` and the path
/// (`/` or `/path/`). Only http and https with a host are accepted.
pub fn split_base_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    // a page's name at the end (`/index.html`, `/trang-chu.php`) is not
    // the site's folder: every address under it would be wrong
    let page = crate::text::ends_in_page(path);
    let path_ok = !page && !path.contains(['?', '#', '"', '<', '>', '\'', ' ', '\\']);
    if !host_ok || !path_ok {
        return None;
    }
    let path = if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    };
    let scheme_len = url.len() - rest.len();
    Some((format!("{}{}{}", &url[..scheme_len], host, path), path))
}

/// Whether a URL such as `sftp://user:secret@host/` carries a password
/// (a `:` in the part before the host's `@`).
///
/// A password may hold `/`, `?`, `#` or `@`, so the address is not cut at
/// those first: whatever comes before its first `@` is looked at. A `:`
/// there is a password unless what is before it holds a `/`, `?` or `#`
/// (a folder or a query: `file:///tmp/a:b@c`) or what follows it is a port
/// and a path (`sftp://host:2222/www/a@b`).
pub fn url_has_password(url: &str) -> bool {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    // the `@` that ends the login: the last one a host follows (a password
    // may hold `@`), else the first
    let ats: Vec<usize> = rest.match_indices('@').map(|(i, _)| i).collect();
    let Some(&first) = ats.first() else {
        return false;
    };
    let at = ats
        .iter()
        .rev()
        .find(|&&i| host_like(&rest[i + 1..]))
        .copied()
        .unwrap_or(first);
    let (userinfo, after) = (&rest[..at], &rest[at + 1..]);
    // (an IPv6 host in brackets, then its port and a path: no login)
    if userinfo.starts_with('[') {
        return false;
    }
    let Some((user, pass)) = userinfo.split_once(':') else {
        return false;
    };
    if user.contains(['/', '?', '#']) {
        return false;
    }
    let port = pass.split(['/', '?', '#']).next().unwrap_or("");
    let port_then_path =
        !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) && pass.len() > port.len();
    // a host and its port, then a path holding an `@`
    // (`cloud.xa.vn:8443/remote.php/dav/files/xa@gmail.com/`,
    // `xa@hoabinh.vn:2222/xa.hoabinh@gmail.com/`): no password
    let user_is_host = user.contains('@') || user.starts_with('[') || host_named(user);
    if port_then_path && user_is_host {
        return false;
    }
    // a password that starts with digits as a port would
    // (`web:2024/Hoabinh@host`, `web:02/09/1945@host`): a host follows its
    // `@`, where a path's `@` has a file name after it
    !port_then_path || host_like(after)
}

/// `url` as messages show it. Where the text before an `@` could be a
/// login and its password read otherwise (`sftp://web:2024/Hoabinh@maychu/`
/// is taken for the host `web`, the port 2024 and a path, but may be the
/// login `web` with the password `2024/Hoabinh`), that part is left out:
/// `sftp://web:…@maychu/`. A password is never printed, whichever way the
/// address was meant.
pub fn shown_address(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (&url[..s.len() + 3], r),
        None => ("", url),
    };
    let Some(at) = rest.rfind('@') else {
        return url.to_string();
    };
    let Some((user, _)) = rest[..at].split_once(':') else {
        return url.to_string();
    };
    // a folder or a query before the `:` (`file:///tmp/a:b@c`), or an
    // IPv6 host; a login with its own `@` or a host's name before the `:`
    // may still be followed by a password (`web@xa.gov.vn:2024/Hoabinh@…`,
    // a cPanel login): left out too, at the cost of a port and a folder
    let no_secret = user.contains(['/', '?', '#']) || user.starts_with('[');
    if no_secret {
        return url.to_string();
    }
    format!("{scheme}{user}:…{}", &rest[at..])
}

/// Whether `name` is a host's name by its look: `localhost`, an IPv4
/// address, or a name with a dot ending in a known domain (`xa.vn`,
/// `ftp.xa.gov.vn`), not a login (`web`, `xa.hoabinh`).
pub(crate) fn host_named(name: &str) -> bool {
    const DOMAINS: [&str; 12] = [
        "vn", "com", "net", "org", "gov", "edu", "info", "io", "me", "local", "lan", "cloud",
    ];
    let lower = name.to_ascii_lowercase();
    let ipv4 = lower.split('.').count() == 4
        && lower
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let domain = lower
        .rsplit_once('.')
        .is_some_and(|(_, tld)| DOMAINS.contains(&tld));
    lower == "localhost" || ipv4 || domain
}

/// Whether `text` begins with a host name or address (`host.vn`,
/// `127.0.0.1`, `localhost`, `[::1]`), up to its port or path.
fn host_like(text: &str) -> bool {
    if text.starts_with('[') {
        return text.contains(']');
    }
    let host = text.split(['/', '?', '#', ':']).next().unwrap_or("");
    let name = host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let rest = &text[host.len()..];
    let ends = rest.is_empty() || rest.starts_with(['/', ':']);
    name && ends
        && (host.eq_ignore_ascii_case("localhost")
            || host.contains('.') && !host.ends_with('.') && !looks_like_file(host))
}

/// A name ending like a file's (`anh.png`, `a.html`), not a host's.
fn looks_like_file(name: &str) -> bool {
    const FILES: [&str; 12] = [
        "html", "htm", "png", "jpg", "jpeg", "pdf", "svg", "txt", "json", "css", "js", "gif",
    ];
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| FILES.iter().any(|f| ext.eq_ignore_ascii_case(f)))
}

/// The host of `base_url` when it is a place the commune's site cannot be
/// published at (Facebook, Zalo, the national portal, video and link
/// services).
pub(crate) fn elsewhere(base_url: &str) -> Option<String> {
    const NOT_A_SITE: [&str; 10] = [
        "facebook.com",
        "fb.com",
        "zalo.me",
        "zalo.vn",
        "dichvucong.gov.vn",
        "youtube.com",
        "youtu.be",
        "tiktok.com",
        "bit.ly",
        "google.com",
    ];
    let host = host_of(base_url)?;
    NOT_A_SITE
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")))
        .then_some(host)
}

/// The host of `base_url`, in small letters, without port or brackets
/// (`https://[::1]:8080/x` → `::1`).
fn host_of(base_url: &str) -> Option<String> {
    let rest = base_url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // `[::1]:8080`, or `host:port`
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => authority.split(':').next()?,
    };
    Some(host.to_lowercase())
}

/// The host of `base_url` when it is only reached inside a local network:
/// this machine (`localhost`, `127.0.0.1`, `::1`), an address of a private
/// network (`192.168.…`, `10.…`, `172.16–31.…`, link-local, IPv6 unique
/// local) or a name of one (`.local`, `.lan`, `.internal`, `.home.arpa`).
pub(crate) fn local_network(base_url: &str) -> Option<String> {
    let host = host_of(base_url)?;
    let local = match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => {
            ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified()
        }
        Ok(std::net::IpAddr::V6(ip)) => {
            ip.is_loopback()
                || ip.is_unspecified()
                || ip.is_unique_local()
                || ip.is_unicast_link_local()
        }
        Err(_) => {
            let name = host.trim_end_matches('.');
            name == "localhost"
                || [".localhost", ".local", ".lan", ".internal", ".home.arpa"]
                    .iter()
                    .any(|end| name.ends_with(end))
        }
    };
    local.then_some(host)
}

/// The first of the numbers written in `text` ("0235 3000 000 - 0905 000
/// 000", "…; …", "… hoặc …"), and whether another follows.
fn first_number(text: &str) -> (&str, bool) {
    const APART: [&str; 9] = [" - ", " – ", " — ", ",", ";", "/", "|", " hoặc ", " or "];
    let mut parts = vec![text];
    for sep in APART {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    // a part of eight digits or more is a number; "0235 - 3822 123" is
    // one number written with a dash
    let numbers: Vec<&str> = parts
        .into_iter()
        .map(str::trim)
        .filter(|p| p.chars().filter(char::is_ascii_digit).count() >= 8)
        .collect();
    match numbers.as_slice() {
        [first, _, ..] => (first, true),
        [one] => (one, false),
        [] => (text, false),
    }
}

/// What `contact.zalo` leads to.
enum ZaloLink<'a> {
    /// An address on zalo.me, after `zalo.me/` (`g/abcxyz`, an official
    /// account's number).
    Page(&'a str),
    /// A phone number's digits; `first` is the number as written, `more`
    /// whether another was written after it.
    Number {
        digits: String,
        first: &'a str,
        more: bool,
    },
}

impl ZaloLink<'_> {
    /// What follows `https://zalo.me/` in the link.
    fn path(self) -> String {
        match self {
            ZaloLink::Page(p) => p.to_string(),
            ZaloLink::Number { digits, .. } => digits,
        }
    }
}

/// `contact.zalo` as a link: an address on zalo.me as it is, or a phone
/// number (nine digits or more); `None` for anything else (a name: there
/// is nothing to link to).
fn zalo_link(zalo: &str) -> Option<ZaloLink<'_>> {
    if let Some((_, rest)) = zalo.split_once("zalo.me/") {
        let rest = rest.trim().trim_end_matches('/');
        let plain = rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_-.".contains(&b));
        return (plain && !rest.is_empty()).then_some(ZaloLink::Page(rest));
    }
    let (first, more) = first_number(zalo);
    let digits: String = first.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 9).then_some(ZaloLink::Number {
        digits,
        first,
        more,
    })
}

/// A phone number as a `tel:` link wants it: `+` and digits.
pub fn tel_digits(phone: &str) -> String {
    phone
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_on_a_social_network_or_the_portal_is_found() {
        assert_eq!(
            elsewhere("https://www.facebook.com/").as_deref(),
            Some("www.facebook.com")
        );
        assert_eq!(
            elsewhere("https://dichvucong.gov.vn/").as_deref(),
            Some("dichvucong.gov.vn")
        );
        assert_eq!(elsewhere("https://zalo.me/").as_deref(), Some("zalo.me"));
        assert_eq!(elsewhere("https://hoabinh.thanhhoa.gov.vn/"), None);
        assert_eq!(elsewhere("https://notfacebook.com.vn/"), None);
    }

    #[test]
    fn contact_links_call_one_number_or_open_the_zalo_page_written() {
        assert_eq!(first_number("0235 3000 000"), ("0235 3000 000", false));
        assert_eq!(first_number("0235-3000-000"), ("0235-3000-000", false));
        assert_eq!(
            first_number("(0235) 3000 000 - 0905 000 000"),
            ("(0235) 3000 000", true)
        );
        assert_eq!(
            first_number("0905 000 000 hoặc 0912 111 111"),
            ("0905 000 000", true)
        );
        assert_eq!(
            first_number("0905.000.000; Tổ CNS"),
            ("0905.000.000", false)
        );
        // one number written with a spaced dash is one number
        assert_eq!(first_number("0235 - 3822 123"), ("0235 - 3822 123", false));
        assert_eq!(tel_digits(first_number("0235 - 3822 123").0), "02353822123");
        let path = |z: &str| zalo_link(z).map(ZaloLink::path);
        assert_eq!(path("0905 000 000").as_deref(), Some("0905000000"));
        assert_eq!(
            path("https://zalo.me/g/abcxyz123").as_deref(),
            Some("g/abcxyz123")
        );
        assert_eq!(
            path("zalo.me/2345678901234567890/").as_deref(),
            Some("2345678901234567890")
        );
        assert_eq!(
            path("https://zalo.me/0905000000").as_deref(),
            Some("0905000000")
        );
        // a name, a short number, an address with what a link cannot hold
        assert_eq!(path("Zalo OA UBND xã Hòa Bình"), None);
        assert_eq!(path("Zalo tổ 3"), None);
        assert_eq!(path("https://zalo.me/g/a b\"x"), None);
        assert!(matches!(
            zalo_link("0905 000 000 / 0912 111 111"),
            Some(ZaloLink::Number { more: true, .. })
        ));
    }

    #[test]
    fn a_base_url_only_an_office_network_reaches_is_found() {
        for (url, host) in [
            ("http://192.168.1.10:1111/", "192.168.1.10"),
            ("https://127.0.0.1:1111/", "127.0.0.1"),
            ("https://localhost/", "localhost"),
            ("http://10.0.0.5/hoabinh/", "10.0.0.5"),
            ("http://172.20.1.1/", "172.20.1.1"),
            ("http://[::1]:8080/", "::1"),
            ("http://[fd00::1]/", "fd00::1"),
            ("http://may-chu.local/", "may-chu.local"),
            ("http://CAMNANG.LAN/", "camnang.lan"),
        ] {
            assert_eq!(local_network(url).as_deref(), Some(host), "{url}");
        }
        for url in [
            "https://hoabinh.example.vn/",
            "https://172.32.0.1/",
            "https://8.8.8.8/",
            "https://localhost.vn/",
            "https://lan.gov.vn/",
        ] {
            assert_eq!(local_network(url), None, "{url}");
        }
    }

    #[test]
    fn base_urls_get_a_trailing_slash_and_a_path() {
        assert_eq!(
            split_base_url("https://hoabinh.example.vn"),
            Some(("https://hoabinh.example.vn/".into(), "/".into()))
        );
        assert_eq!(
            split_base_url("https://tinh.example.vn/hoabinh"),
            Some((
                "https://tinh.example.vn/hoabinh/".into(),
                "/hoabinh/".into()
            ))
        );
        assert_eq!(
            split_base_url("http://127.0.0.1:1111/"),
            Some(("http://127.0.0.1:1111/".into(), "/".into()))
        );
        for bad in [
            "hoabinh.vn",
            "ftp://x",
            "https://",
            "https://a b",
            "javascript:alert(1)",
            "https://hoabinh.example.vn/index.html",
            "https://tinh.example.vn/xa/Trang-Chu.PHP",
        ] {
            assert_eq!(split_base_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn synonym_groups_are_lines_or_parts_of_a_line_between_semicolons() {
        let head = "title: T\ncommune: X\nbase_url: https://x.gov.vn/\nsearch:\n  synonyms:";
        let groups = |body: &str| {
            let (cfg, diags) = parse_site_yaml(Path::new("site.yaml"), &format!("{head}{body}"));
            assert!(!diags.has_errors(), "{diags:?}");
            cfg.map(|c| c.synonyms).unwrap_or_default()
        };
        let want = vec![vec!["CCCD", "căn cước"], vec!["KT3", "tạm trú"]];
        assert_eq!(groups("\n    - CCCD, căn cước\n    - KT3, tạm trú\n"), want);
        assert_eq!(groups(" CCCD, căn cước; KT3, tạm trú\n"), want);
        // a word alone is told, at its line
        let text = format!("{head}\n    - KT3; tạm trú; thuê trọ\n    - hộ khẩu\n");
        let (_, diags) = parse_site_yaml(Path::new("site.yaml"), &text);
        let told: Vec<(&str, Option<usize>)> =
            diags.items.iter().map(|d| (d.msg.code(), d.line)).collect();
        assert_eq!(told.len(), 4, "{told:?}");
        assert!(told.iter().all(|(c, _)| *c == "W132"), "{told:?}");
        assert_eq!(told[3].1, Some(7), "{told:?}");
    }

    #[test]
    fn settings_with_mistakes_stand_in_for_reading_the_content_but_never_pass() {
        let text =
            "titel: T\ncommune: X\nbase_url: https:\\\\x.gov.vn\nlanguage: vn\nallow_html: có lẽ\n";
        let (cfg, diags) = parse_site_yaml(Path::new("site.yaml"), text);
        assert!(cfg.is_none());
        let codes: Vec<&str> = diags.items.iter().map(|d| d.msg.code()).collect();
        assert_eq!(codes.len(), 4, "{codes:?}");
        // what the load reads the content with: defaults where a setting
        // is missing or wrong
        let (cfg, again) = read_settings(Path::new("site.yaml"), text);
        assert_eq!(again.items, diags.items);
        let cfg = cfg.expect("stand-in settings");
        assert_eq!(
            (
                cfg.title.as_str(),
                cfg.commune.as_str(),
                cfg.base_path.as_str()
            ),
            ("", "X", "/")
        );
        assert_eq!((cfg.language.as_str(), cfg.lang), ("vi", Lang::Vi));
        assert!(!cfg.allow_html);
        // a language code in capitals is the code
        let (cfg, diags) = parse_site_yaml(
            Path::new("site.yaml"),
            "title: T\ncommune: X\nbase_url: https://x.gov.vn/\nlanguage: EN\n",
        );
        assert!(!diags.has_errors(), "{diags:?}");
        assert_eq!(
            cfg.map(|c| (c.language, c.lang)),
            Some(("en".into(), Lang::En))
        );
    }

    #[test]
    fn deploy_to_is_read_and_a_password_in_it_refused() {
        let ok = "title: T\ncommune: X\nbase_url: https://x.gov.vn/\ndeploy:\n  to: sftp://web@x.gov.vn/var/www\n";
        let (cfg, diags) = parse_site_yaml(Path::new("site.yaml"), ok);
        assert!(!diags.has_errors());
        assert_eq!(
            cfg.and_then(|c| c.deploy_to).as_deref(),
            Some("sftp://web@x.gov.vn/var/www")
        );
        let bad = "title: T\ncommune: X\nbase_url: https://x.gov.vn/\ndeploy:\n  to: sftp://web:hunter2@x.gov.vn/var/www\n";
        let (cfg, diags) = parse_site_yaml(Path::new("site.yaml"), bad);
        assert!(cfg.is_none());
        let got: Vec<(&str, Option<usize>)> =
            diags.items.iter().map(|d| (d.msg.code(), d.line)).collect();
        assert_eq!(got, [("E122", Some(5))]);
        let shown = diags.render(Lang::En);
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[test]
    fn passwords_in_urls_are_found() {
        assert!(url_has_password("ftp://a:b@h/"));
        assert!(url_has_password("sftp://a:b@h"));
        assert!(!url_has_password("sftp://a@h:22/x"));
        assert!(!url_has_password("s3://b/p?endpoint=https://e:9000"));
        assert!(!url_has_password("file:///tmp/a:b@c"));
        // passwords holding what ends an address part
        for url in [
            "sftp://web:Abc/123@host/var/www",
            "file://web:Pa#55@localhost/srv",
            "ftp://web:a?b@host/",
            "webdav://web:p@ss@host/",
            "sftp://web:1234@host/www",
        ] {
            assert!(url_has_password(url), "{url}");
        }
        assert!(!url_has_password("sftp://host:2222/www/a@b"));
        // read as a host, a port and a path, but shown without what may
        // be a password
        for (url, shown) in [
            (
                "sftp://web:2024/Hoabinh@maychu/var/www",
                "sftp://web:…@maychu/var/www",
            ),
            ("sftp://host:2222/www/a@b", "sftp://host:…@b"),
            (
                "webdavs://cloud.xa.vn:8443/remote.php/dav/files/xa@gmail.com/",
                "webdavs://cloud.xa.vn:…@gmail.com/",
            ),
            (
                "ftp://web@xahoabinh.gov.vn:2024/Hoabinh@ftp.xahoabinh.gov.vn/public_html",
                "ftp://web@xahoabinh.gov.vn:…@ftp.xahoabinh.gov.vn/public_html",
            ),
            (
                "sftp://xa@hoabinh.vn:2222/xa.hoabinh@gmail.com/",
                "sftp://xa@hoabinh.vn:…@gmail.com/",
            ),
            ("sftp://xa@web:22/var/www", "sftp://xa@web:22/var/www"),
            ("file:///tmp/a:b@c", "file:///tmp/a:b@c"),
            ("sftp://[::1]:2222/a@b", "sftp://[::1]:2222/a@b"),
        ] {
            assert_eq!(shown_address(url), shown, "{url}");
        }
        assert!(!url_has_password("sftp://host:2222/www/anh@2x.png"));
        // an address whose path holds an e-mail login (Nextcloud's)
        assert!(!url_has_password(
            "webdavs://cloud.xa.vn:8443/remote.php/dav/files/xa.hoabinh@gmail.com/site"
        ));
        assert!(!url_has_password("sftp://host.vn:2222/home/xa/www/a@b.vn"));
        assert!(url_has_password("sftp://web:2024/Hoa@binh@host.vn/www"));
        assert!(url_has_password("sftp://web:2024/05/xa@xa.example.vn/www"));
        assert!(url_has_password("sftp://web:02/09/1945@host.vn/www"));
        for url in [
            "sftp://xa@hoabinh.vn:2222/xa.hoabinh@gmail.com/",
            "ftp://ftp.xa.vn:21/xa@gmail.com/",
            "sftp://xa.vn:2222/backup@2024.vn/",
            "sftp://[::1]:2222/files/xa@gmail.com/",
            "sftp://127.0.0.1:2222/files/xa@gmail.com/",
        ] {
            assert!(!url_has_password(url), "{url}");
        }
        assert!(!url_has_password("sftp://web@host:2222/www"));
        // a password that starts with digits, as a port would
        for url in [
            "sftp://web:2024/Hoabinh@127.0.0.1:2222/var/www",
            "sftp://web:2024?x@host.vn/www",
            "ftp://camnangftp:1975#xa@127.0.0.1:2121/www",
            "webdav://xa:12/ab@localhost/dav",
            "sftp://web:12/ab@[::1]:22/www",
        ] {
            assert!(url_has_password(url), "{url}");
        }
    }

    #[test]
    fn phone_numbers_become_tel_links() {
        assert_eq!(tel_digits("0235 3000 000"), "02353000000");
        assert_eq!(tel_digits("+84 235.3000.000"), "+842353000000");
    }

    #[test]
    fn site_yaml_mistakes_are_all_reported_with_lines() {
        let text = "title: T\ncomune: X\nbase_url: hoabinh.vn\nprint:\n  paper: A6\n";
        let (cfg, diags) = parse_site_yaml(Path::new("site.yaml"), text);
        assert!(cfg.is_none());
        let got: Vec<(&str, Option<usize>)> =
            diags.items.iter().map(|d| (d.msg.code(), d.line)).collect();
        assert!(got.contains(&("E011", Some(2))), "{got:?}"); // comune: unknown, did you mean commune
        // commune is missing, but the typo's hint already says so: one message
        assert!(!got.iter().any(|(c, _)| *c == "E010"), "{got:?}");
        assert!(got.contains(&("E026", Some(3))), "{got:?}"); // base_url
        assert!(got.contains(&("E015", Some(5))), "{got:?}"); // paper A6
    }

    #[test]
    fn numbers_out_of_range_are_errors_at_their_line() {
        let text = "title: T\ncommune: X\nbase_url: https://x.gov.vn/\nprint:\n  bleed_mm: 40\nkiosk:\n  seconds: 1\n";
        let (cfg, diags) = parse_site_yaml(Path::new("site.yaml"), text);
        assert!(cfg.is_none());
        let got: Vec<(&str, Option<usize>)> =
            diags.items.iter().map(|d| (d.msg.code(), d.line)).collect();
        assert_eq!(got, [("E016", Some(5)), ("E016", Some(7))]);
        let ok = "title: T\ncommune: X\nbase_url: https://x.gov.vn/\nprint:\n  bleed_mm: 3\nkiosk:\n  seconds: 12\n";
        let (cfg, diags) = parse_site_yaml(Path::new("site.yaml"), ok);
        assert!(cfg.is_some() && !diags.has_errors());
    }

    #[test]
    fn copies_are_a_number_or_a_group_of_whole_numbers() {
        let head = "title: T\ncommune: X\nbase_url: https://x.gov.vn/\nprint:\n";
        let parse = |rest: &str| parse_site_yaml(Path::new("site.yaml"), &format!("{head}{rest}"));
        let (cfg, _) = parse("  paper: A4\n");
        assert_eq!(cfg.expect("defaults").print.copies, Copies::default());
        let (cfg, _) = parse("  copies: 3\n");
        let c = cfg.expect("a number").print.copies;
        assert_eq!((c.posters, c.board, c.flyers_a6), (3, 3, 20));
        let (cfg, _) = parse("  copies:\n    posters: 1\n    flyers_a5: 10\n");
        let c = cfg.expect("a group").print.copies;
        assert_eq!(
            (c.posters, c.board, c.flyers_a5, c.flyers_a6),
            (1, 1, 10, 20)
        );
        let (cfg, diags) = parse(
            "  copies:\n    posters: 2.5\n    board: -1\n    flyer_a6: 4\n    flyers_a5: nhiều\n",
        );
        assert!(cfg.is_none());
        let mut got: Vec<(&str, Option<usize>)> =
            diags.items.iter().map(|d| (d.msg.code(), d.line)).collect();
        got.sort_by_key(|g| g.1);
        assert_eq!(
            got,
            [
                ("E018", Some(6)),
                ("E016", Some(7)),
                ("E011", Some(8)),
                ("E012", Some(9))
            ],
            "{got:?}"
        );
        let (cfg, diags) = parse("  copies: [1, 2]\n");
        assert!(cfg.is_none());
        assert_eq!(diags.items[0].msg.code(), "E012");
        // a thousand written as Vietnamese writes it; a bleed in inches'
        // millimetres is no thousand
        let (_, diags) = parse("  copies:\n    posters: 2.500\n");
        assert_eq!(diags.items[0].msg.code(), "E036");
        let text = diags.items[0].msg.text(crate::messages::Lang::En);
        assert!(text.contains("so this is 2.5, not 2500"), "{text}");
        let (cfg, diags) = parse("  bleed_mm: 3.175\n");
        assert!(!diags.has_errors(), "{diags:?}");
        assert_eq!(cfg.map(|c| c.print.bleed_mm), Some(3.175));
        // flyers come by the A4 sheet: 7 A6 flyers are told as 8, at the line
        let (cfg, diags) = parse("  copies:\n    flyers_a6: 7\n    flyers_a5: 4\n");
        assert_eq!(cfg.expect("a warning only").print.copies.flyers_a6, 7);
        let got: Vec<(&str, Option<usize>)> =
            diags.items.iter().map(|d| (d.msg.code(), d.line)).collect();
        assert_eq!(got, [("W104", Some(6))]);
        let text = diags.items[0].msg.text(crate::messages::Lang::En);
        assert!(text.contains("asks for 8 flyers (2 A4 sheets)"), "{text}");
        let hint = diags.items[0].msg.hint(crate::messages::Lang::En);
        assert_eq!(
            hint.as_deref(),
            Some("write 8 (or 4) to match the A4 sheets printed")
        );
    }

    #[test]
    fn a_choice_written_in_other_capitals_is_that_choice() {
        let head = "title: T\ncommune: X\nbase_url: https://x.gov.vn/\nprint:\n";
        let (cfg, diags) = parse_site_yaml(Path::new("site.yaml"), &format!("{head}  paper: a3\n"));
        assert!(!diags.has_errors(), "{diags:?}");
        assert_eq!(
            cfg.map(|c| crate::model::choice::Choice::key(c.print.paper)),
            Some("A3")
        );
        let (cfg, diags) = parse_site_yaml(Path::new("site.yaml"), &format!("{head}  paper: A7\n"));
        assert!(cfg.is_none());
        assert_eq!(diags.items[0].msg.code(), "E015");
    }

    #[test]
    fn a_yes_or_no_is_true_false_or_said_in_words() {
        let head = "title: T\ncommune: X\nbase_url: https://x.gov.vn/\n";
        let parse = |rest: &str| parse_site_yaml(Path::new("site.yaml"), &format!("{head}{rest}"));
        for (said, meant) in [
            ("false", false),
            ("không", false),
            ("Không", false),
            ("khong", false),
            ("no", false),
            ("true", true),
            ("có", true),
            ("CÓ", true),
            ("yes", true),
        ] {
            let (cfg, diags) = parse(&format!(
                "allow_html: {said}\nprint:\n  crop_marks: {said}\n"
            ));
            let cfg = cfg.unwrap_or_else(|| panic!("{said}: {diags:?}"));
            assert_eq!(
                (cfg.allow_html, cfg.print.crop_marks),
                (meant, meant),
                "{said}"
            );
        }
        let (cfg, diags) = parse("print:\n  crop_marks: có lẽ\n");
        assert!(cfg.is_none());
        let got: Vec<(&str, Option<usize>)> =
            diags.items.iter().map(|d| (d.msg.code(), d.line)).collect();
        assert_eq!(got, [("E012", Some(5))]);
    }
}
