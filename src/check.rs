//! `camnang check`: everything the build checks, without writing anything,
//! plus what only a careful reader would notice: links inside the site
//! that lead nowhere (pages, files, `#anchors`), online addresses outside
//! government portals, guides not checked for a year, QR codes too dense
//! to scan from a poster, images without a description, two procedures
//! with one title, and translations whose original is gone.
//!
//! Output is rustc-style (a code, the message, `--> file:line:column`,
//! the line with a caret, a hint) or JSON with `--format json`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load::fields::FieldFinder;
use crate::load::source::split_front_matter;
use crate::load::yaml::{FieldPath, locate};
use crate::messages::{Lang, Msg};
use crate::model::{PlacedLink, Site};
use crate::output::{Content, PrintMode};
use crate::text::Date;
use crate::{BuildOptions, Silent, prepare};

/// The largest QR version that scans reliably at poster size from a
/// metre: version 4 is 33 × 33 modules, 2 mm each on an A4 poster.
pub const MAX_QR_VERSION: i16 = 4;

/// How old `updated` may be before the guide should be checked again.
pub const STALE_MONTHS: i32 = 12;

/// Hosts residents are sent to without a warning: government portals.
fn is_gov_host(host: &str) -> bool {
    host == "gov.vn" || host.ends_with(".gov.vn")
}

/// Checks the site at `opts.root`. Returns every diagnostic, errors and
/// warnings, sorted, and the language to show them in.
pub fn check(opts: &BuildOptions, today: Date) -> (Diagnostics, Lang) {
    let prepared = prepare(opts, PrintMode::None, None, &Silent);
    let mut diags = prepared.diags;
    let lang = prepared.lang;
    // (a file in the site's own language is told by the load, W038; the
    // language from site.yaml's line when the site did not load)
    let own = match &prepared.site {
        Some(site) => site.config.language.as_str(),
        None => crate::load::site_lang(&opts.root).code(),
    };
    orphan_translations(&opts.root, own, &mut diags);
    // what build would refuse to publish over the site published before
    if let Some(site) = &prepared.site
        && let Some(d) = crate::dropped_codes(opts, site, &opts.output_dir())
    {
        diags.push(d);
    }
    if let (Some(site), Some(rendered)) = (&prepared.site, &prepared.rendered) {
        let pages: HashMap<&str, &[u8]> = rendered
            .files
            .iter()
            .map(|f| match &f.content {
                Content::Bytes(b) => (f.path.as_str(), &b[..]),
                Content::Copy(_) | Content::Cached(_) | Content::Written => {
                    (f.path.as_str(), &[][..])
                }
            })
            .collect();
        let mut fields = FieldFinder::new(&site.root);
        // (the print files `build` makes are listed, not drawn)
        let targets = WithPrint::new(&pages, site, prepared.theme.as_ref());
        links(site, &targets, true, &mut fields, &mut diags);
        procedures(site, today, &mut fields, &mut diags);
        // (what the posters and flyers `build` makes would leave out)
        if let Some(theme) = &prepared.theme {
            diags.extend(crate::output::print::unprintable(site, theme));
        }
    }
    diags.sort();
    (diags, lang)
}

/// The files a build makes, for the links that lead to them: every path,
/// and with `camnang check` each page's bytes (for its `#anchors`).
pub(crate) trait Targets {
    /// Whether the site has the file `path`.
    fn has(&self, path: &str) -> bool;
    /// Every path the site has.
    fn paths(&self) -> Vec<&str>;
    /// The bytes of the page `path`, when they are at hand.
    fn bytes(&self, path: &str) -> Option<&[u8]>;
}

impl Targets for HashMap<&str, &[u8]> {
    fn has(&self, path: &str) -> bool {
        self.contains_key(path)
    }
    fn paths(&self) -> Vec<&str> {
        self.keys().copied().collect()
    }
    fn bytes(&self, path: &str) -> Option<&[u8]> {
        self.get(path).copied()
    }
}

impl Targets for std::collections::HashSet<&str> {
    fn has(&self, path: &str) -> bool {
        self.contains(path)
    }
    fn paths(&self) -> Vec<&str> {
        self.iter().copied().collect()
    }
    fn bytes(&self, _: &str) -> Option<&[u8]> {
        None
    }
}

/// The files of a site, and its print files: listed by the outputs
/// (`build`), drawn on request (`serve`), or not made (`check`, `build
/// --no-print`).
struct WithPrint<'a> {
    made: &'a dyn Targets,
    site: &'a Site,
    /// The theme to list the print files with, when the site has them
    /// (none with `--no-print`: a link to one leads nowhere then).
    theme: Option<&'a crate::theme::Theme>,
    /// The print files, listed once (only for a link to one); `None` when
    /// they could not be listed (every link to one is taken as sound).
    listed: std::sync::OnceLock<Option<std::collections::HashSet<String>>>,
}

impl<'a> WithPrint<'a> {
    fn new(made: &'a dyn Targets, site: &'a Site, theme: Option<&'a crate::theme::Theme>) -> Self {
        WithPrint {
            made,
            site,
            theme,
            listed: std::sync::OnceLock::new(),
        }
    }

    /// Whether `path` is a print file the site has.
    fn printed(&self, theme: &crate::theme::Theme, path: &str) -> bool {
        let listed = self.listed.get_or_init(|| {
            let langs = crate::model::Language::all(self.site, theme);
            let printer = crate::output::print::Printer::new(self.site, theme, langs).ok()?;
            let mut all: std::collections::HashSet<String> =
                printer.jobs().iter().map(|j| j.path()).collect();
            all.insert(crate::model::routes::page_file(
                &crate::model::routes::print_page(),
            ));
            Some(all)
        });
        listed.as_ref().is_none_or(|all| all.contains(path))
    }
}

impl Targets for WithPrint<'_> {
    fn has(&self, path: &str) -> bool {
        let printed = path
            .strip_prefix(crate::model::routes::PRINT_DIR)
            .is_some_and(|r| r.starts_with('/'));
        self.made.has(path)
            || (printed && self.theme.is_some_and(|theme| self.printed(theme, path)))
    }
    fn paths(&self) -> Vec<&str> {
        self.made.paths()
    }
    fn bytes(&self, path: &str) -> Option<&[u8]> {
        self.made.bytes(path)
    }
}

/// What `build` and `serve` tell of the links in the guides: one that
/// leads to a page or file the site `made` does not have (`W108`: the site
/// is published, and a resident who taps it gets "page not found").
/// `print`: the theme, when the site has print files (links to them are
/// looked up in their list); none with `--no-print`, when a link to one
/// leads nowhere. `camnang check` tells more, as errors.
pub(crate) fn links_nowhere<'p>(
    site: &Site,
    made: impl Iterator<Item = &'p str>,
    print: Option<&crate::theme::Theme>,
) -> Diagnostics {
    let mut diags = Diagnostics::default();
    // (a site without a link in its guides, as most large ones: nothing
    // to look up, and no list of its files made)
    let linked = site.categories.iter().any(|c| {
        !c.links.is_empty()
            || c.translations.values().any(|t| !t.links.is_empty())
            || c.procedures.iter().any(|p| {
                !p.links.is_empty() || p.translations.values().any(|t| !t.links.is_empty())
            })
    });
    // (files of `content/files/` are looked at all the same: W119)
    if !linked && site.static_files.is_empty() {
        return diags;
    }
    let made: std::collections::HashSet<&str> = made.collect();
    let targets = WithPrint::new(&made, site, print);
    let mut fields = FieldFinder::new(&site.root);
    links(site, &targets, false, &mut fields, &mut diags);
    diags
}

/// The page of the guide whose file a link names (`dang-ky-thuong-tru.md`,
/// `../ho-tich/khai-sinh.md#phi`), as a clerk writes it: relative to the
/// folder of the file the link is in (`source`, under `content/`), or to
/// `content/` with a leading `/`.
fn guide_page(source: &Path, url: &str, pages: &dyn Targets) -> Option<String> {
    let (file, anchor) = match url.split_once('#') {
        Some((f, a)) => (f, format!("#{a}")),
        None => (url, String::new()),
    };
    let file = file.split('?').next()?.strip_suffix(".md")?;
    let mut at: Vec<String> = match file.starts_with('/') {
        true => Vec::new(),
        false => source
            .parent()?
            .strip_prefix("content")
            .ok()?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect(),
    };
    for part in file.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                at.pop()?;
            }
            p => at.push(p.to_string()),
        }
    }
    let stem = at.pop()?;
    // a translation's file (`dang-ky.en.md`): its page under `en/`
    let page = match crate::load::translation_of(&stem) {
        Some((base, code)) => format!("{code}/{}/{}/", at.join("/"), crate::text::slugify(base)),
        None => format!("{}/{}/", at.join("/"), crate::text::slugify(&stem)),
    };
    let page = page.trim_start_matches('/').replace("//", "/");
    pages
        .has(&format!("{page}index.html"))
        .then(|| format!("/{page}{anchor}"))
}

/// Links inside the site must lead to a page or file that the build
/// makes, and `#anchors` to an `id` on that page; images need a
/// description for people who cannot see them. Not `checking` (`build`),
/// only links that lead nowhere are told, as warnings.
fn links(
    site: &Site,
    pages: &dyn Targets,
    checking: bool,
    fields: &mut FieldFinder,
    diags: &mut Diagnostics,
) {
    let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
    // the site's files some page links to
    let mut linked: HashSet<String> = HashSet::new();
    let mut files_folded: Option<HashMap<String, &str>> = None;
    // every page's links: the originals' and the translations' (whose
    // pages live under `<code>/`)
    let mut bodies: Vec<(String, PathBuf, &[PlacedLink])> = Vec::new();
    for c in &site.categories {
        let index = |name: &str| crate::load::rel(&site.root, &c.source.join(name));
        bodies.push((format!("{}/", c.slug), index("_index.md"), &c.links));
        for (code, t) in &c.translations {
            let file = index(&format!("_index.{code}.md"));
            bodies.push((format!("{code}/{}/", c.slug), file, &t.links));
        }
        for p in &c.procedures {
            bodies.push((
                format!("{}/{}/", p.category, p.slug),
                p.source.clone(),
                &p.links,
            ));
            for (code, t) in &p.translations {
                let page = format!("{code}/{}/{}/", p.category, p.slug);
                bodies.push((page, t.source.clone(), &t.links));
            }
        }
    }
    for (from_dir, source, list) in bodies {
        for l in list {
            let url = l.link.url.trim();
            // (the file is read only for a link to tell of)
            let mut at = |d: Diagnostic| {
                let text = fields.text(&source);
                d.in_file(&source).at(l.line, l.column, &text)
            };
            if checking && l.link.image && l.link.alt.trim().is_empty() {
                diags.push(at(Diagnostic::warning(Msg::ImageNoAlt {
                    url: url.to_string(),
                })));
            }
            let Some((target, anchor)) = resolve(&from_dir, url, pages) else {
                continue; // outside the site (https:, tel:, mailto:)
            };
            if pages.has(&target) {
                // a picture no phone's browser shows (an iPhone's HEIC, a
                // scanner's TIFF): a broken image on the page
                let ext = target.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
                if l.link.image
                    && !linked.contains(&target)
                    && ext
                        .as_deref()
                        .is_some_and(|e| ["heic", "heif", "tif", "tiff", "bmp", "psd"].contains(&e))
                {
                    diags.push(at(Diagnostic::warning(Msg::ImageNotShown {
                        url: url.to_string(),
                    })));
                }
                // a picture heavy for a phone on weak 3G (a photo of a
                // form straight from the camera, 15 MB): told once
                if l.link.image
                    && !linked.contains(&target)
                    && let Some(kb) = site
                        .static_files
                        .iter()
                        .find(|f| f.target == target)
                        .and_then(|f| std::fs::metadata(&f.source).ok())
                        .map(|m| m.len() / 1024)
                        .filter(|&kb| kb > HEAVY_IMAGE_KB)
                {
                    diags.push(at(Diagnostic::warning(Msg::ImageHeavy {
                        url: url.to_string(),
                        kilobytes: kb,
                    })));
                }
                linked.insert(target.clone());
            } else {
                // the file under the same name in other capitals (Windows
                // does not tell them apart; the server does)
                // (a name the site does not have was looked for as a folder)
                let named = target.strip_suffix("/index.html").unwrap_or(&target);
                let folder = ["files", "static", crate::model::routes::PRINT_DIR]
                    .into_iter()
                    .find(|d| named.strip_prefix(d).is_some_and(|r| r.starts_with('/')));
                // the site's files by their name in small letters, made once
                let near = folder.and_then(|_| {
                    let files = files_folded.get_or_insert_with(|| {
                        pages
                            .paths()
                            .into_iter()
                            .filter(|p| p.starts_with("files/") || p.starts_with("static/"))
                            .map(|p| (p.to_lowercase(), p))
                            .collect()
                    });
                    files
                        .get(&named.to_lowercase())
                        .map(|p| match url.starts_with('/') {
                            true => format!("/{p}"),
                            false => p.to_string(),
                        })
                });
                // a link to a guide's own file (`dang-ky-thuong-tru.md`,
                // `../ho-tich/khai-sinh.md`): its page
                let near = near.or_else(|| guide_page(&source, url, pages));
                // a web address written without its `https://`
                // (`www.dichvucong.gov.vn`, `zalo.me/0905000000`)
                let near = near.or_else(|| web_address(url));
                let (url, folder) = (url.to_string(), folder.map(str::to_string));
                diags.push(at(match checking {
                    true => Diagnostic::error(Msg::BrokenLink { url, near, folder }),
                    false => Diagnostic::warning(Msg::LinkNowhere { url, near, folder }),
                }));
                continue;
            }
            if let (Some(anchor), Some(bytes)) = (anchor, pages.bytes(&target)) {
                let known = ids.entry(target).or_insert_with(|| html_ids(bytes));
                if !known.contains(&anchor) {
                    diags.push(at(Diagnostic::error(Msg::BrokenAnchor {
                        url: url.to_string(),
                        anchor,
                    })));
                }
            }
        }
    }
    // files of `content/files/` no page links to: published all the same
    // (a link written in HTML, `<img src="/files/…">`, or in the site's own
    // theme counts too: looked for only when some file has no other)
    let mut written: Option<String> = None;
    let mut elsewhere = |target: &str| {
        // (the text as written and with `%xx` read: `T%E1%BB%9D-khai.pdf`)
        let text = written.get_or_insert_with(|| {
            let t = html_and_theme_text(site);
            let decoded = percent_encoding::percent_decode_str(&t)
                .decode_utf8_lossy()
                .into_owned();
            format!("{t}\n{decoded}")
        });
        // (the whole name: `files/to-khai.doc` is not `files/to-khai.docx`)
        text.match_indices(target).any(|(at, _)| {
            !text[at + target.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
        })
    };
    for f in &site.static_files {
        if f.target.starts_with("files/") && !linked.contains(&f.target) && !elsewhere(&f.target) {
            let guide = f.target.to_lowercase().ends_with(".md");
            diags.push(
                Diagnostic::warning(Msg::FileNotLinked {
                    file: f.target.clone(),
                    guide,
                })
                .in_file(crate::load::rel(&site.root, &f.source)),
            );
        }
    }
}

/// The most a picture in a guide may weigh before it is told (`W126`):
/// a second of a resident's weak 3G, about.
const HEAVY_IMAGE_KB: u64 = 300;

/// Whether the site has interface words for the language `code` (the
/// built-in theme's, or an `i18n/<code>.yaml` of the site's own themes):
/// a language of its own, not a backup named like one (`.old.md`, W040).
fn has_words(site: &Site, code: &str) -> bool {
    crate::theme::Theme::builtin()
        .get(&format!("i18n/{code}.yaml"))
        .is_some()
        || std::fs::read_dir(site.root.join("themes"))
            .into_iter()
            .flatten()
            .flatten()
            .any(|t| t.path().join(format!("i18n/{code}.yaml")).is_file())
}

/// `https://` + `url` when `url` reads as a web address written without
/// it: a first part with a dot that names a host (`www.…`,
/// `….vn`, `….com`, `zalo.me`).
fn web_address(url: &str) -> Option<String> {
    let host = url.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let named = host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && (host.starts_with("www.") || crate::load::config::host_named(&host));
    named.then(|| format!("https://{url}"))
}

/// The HTML of every guide's and category's text, and the text of the
/// site's own theme files (`themes/`), in one string: where a file may be
/// named outside Markdown's links.
fn html_and_theme_text(site: &Site) -> String {
    let mut text = String::new();
    for c in &site.categories {
        text.push_str(&c.intro_html);
        for t in c.translations.values() {
            text.push_str(&t.intro_html);
        }
        for p in &c.procedures {
            text.push_str(&p.body_html);
            for t in p.translations.values() {
                text.push_str(&t.body_html);
            }
        }
    }
    let themes = site.root.join("themes");
    for entry in walkdir::WalkDir::new(&themes).into_iter().flatten() {
        let small = entry
            .metadata()
            .is_ok_and(|m| m.is_file() && m.len() < 1 << 20);
        if small && let Ok(t) = std::fs::read_to_string(entry.path()) {
            text.push_str(&t);
        }
    }
    text
}

/// The output file a link inside the site leads to, and its anchor;
/// `None` for links that leave the site.
fn resolve(from_dir: &str, url: &str, pages: &dyn Targets) -> Option<(String, Option<String>)> {
    if url.is_empty() || url.starts_with("//") || url.contains(':') {
        return None;
    }
    let (path_part, anchor) = match url.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string()).filter(|a| !a.is_empty())),
        None => (url, None),
    };
    let path_part = path_part.split('?').next().unwrap_or_default();
    if path_part.is_empty() {
        return Some((format!("{from_dir}index.html"), anchor));
    }
    let joined = match crate::markdown::site_rooted(path_part) {
        Some(abs) => abs.to_string(),
        None => format!("{from_dir}{path_part}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let path = percent_encoding::percent_decode_str(&parts.join("/"))
        .decode_utf8_lossy()
        .into_owned();
    let target = if path.is_empty() {
        "index.html".to_string()
    } else if joined.ends_with('/') || !pages.has(&path) {
        format!("{path}/index.html")
    } else {
        path
    };
    Some((target, anchor))
}

/// Every `id="…"` of an HTML page.
fn html_ids(bytes: &[u8]) -> BTreeSet<String> {
    let text = String::from_utf8_lossy(bytes);
    text.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The 29 provinces merged into others in 2025 (Resolution 202/2025/QH15:
/// 63 provinces and cities became 34), by the slug of their name, with
/// the province or city each is now part of.
const MERGED: &[(&str, &str)] = &[
    ("ha-giang", "Tỉnh Tuyên Quang"),
    ("yen-bai", "Tỉnh Lào Cai"),
    ("bac-kan", "Tỉnh Thái Nguyên"),
    ("vinh-phuc", "Tỉnh Phú Thọ"),
    ("hoa-binh", "Tỉnh Phú Thọ"),
    ("bac-giang", "Tỉnh Bắc Ninh"),
    ("thai-binh", "Tỉnh Hưng Yên"),
    ("hai-duong", "Thành phố Hải Phòng"),
    ("ha-nam", "Tỉnh Ninh Bình"),
    ("nam-dinh", "Tỉnh Ninh Bình"),
    ("quang-binh", "Tỉnh Quảng Trị"),
    ("quang-nam", "Thành phố Đà Nẵng"),
    ("kon-tum", "Tỉnh Quảng Ngãi"),
    ("binh-dinh", "Tỉnh Gia Lai"),
    ("ninh-thuan", "Tỉnh Khánh Hòa"),
    ("dak-nong", "Tỉnh Lâm Đồng"),
    ("binh-thuan", "Tỉnh Lâm Đồng"),
    ("phu-yen", "Tỉnh Đắk Lắk"),
    ("binh-duong", "Thành phố Hồ Chí Minh"),
    ("ba-ria-vung-tau", "Thành phố Hồ Chí Minh"),
    ("binh-phuoc", "Tỉnh Đồng Nai"),
    ("long-an", "Tỉnh Tây Ninh"),
    ("soc-trang", "Thành phố Cần Thơ"),
    ("hau-giang", "Thành phố Cần Thơ"),
    ("ben-tre", "Tỉnh Vĩnh Long"),
    ("tra-vinh", "Tỉnh Vĩnh Long"),
    ("tien-giang", "Tỉnh Đồng Tháp"),
    ("bac-lieu", "Tỉnh Cà Mau"),
    ("kien-giang", "Tỉnh An Giang"),
];

/// The province or city `province` (as `site.yaml` writes it: "Tỉnh
/// Quảng Nam", "quảng nam", "Quang Nam") has been part of since 2025, if
/// it is one of those merged.
fn merged_into(province: &str) -> Option<&'static str> {
    let slug = crate::text::slugify(province);
    let name = ["tinh-", "thanh-pho-", "tp-"]
        .iter()
        .find_map(|p| slug.strip_prefix(p))
        .unwrap_or(&slug);
    // (Bắc Kạn is also written Bắc Cạn, Đắk Nông Đăk Nông or Dak Nong)
    let name = match name {
        "bac-can" => "bac-kan",
        "daknong" => "dak-nong",
        other => other,
    };
    MERGED
        .iter()
        .find(|(old, _)| *old == name)
        .map(|(_, now)| *now)
}

/// The district-level unit an agency's name belongs to ("UBND huyện
/// Hòa Vang", "Công an quận", "Phòng Tư pháp thị xã"): districts, urban
/// districts and towns were abolished on 1 July 2025, when local
/// government went to two levels (province, commune). Only the words
/// with their tone marks count ("quản lý", "quân sự" are other words).
pub(crate) fn district_level(agency: &str) -> Option<&'static str> {
    let lower = agency.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().find_map(|(i, w)| match *w {
        "huyện" => Some("huyện"),
        "quận" => Some("quận"),
        "thị" if words.get(i + 1) == Some(&"xã") => Some("thị xã"),
        _ => None,
    })
}

/// Checks of each procedure's fields.
fn procedures(site: &Site, today: Date, fields: &mut FieldFinder, diags: &mut Diagnostics) {
    let root = FieldPath::default();
    // two categories of one title (an `_index.md` copied to a new folder
    // and not changed): the home page listed "Cư trú" twice
    let mut category_titles: BTreeMap<String, PathBuf> = BTreeMap::new();
    for c in &site.categories {
        let index = crate::load::rel(&site.root, &c.source.join("_index.md"));
        let folded = crate::text::fold(&c.title);
        match category_titles.get(&folded) {
            Some(other) => {
                let d = Diagnostic::warning(Msg::DuplicateCategoryTitle {
                    title: c.title.clone(),
                    other: other.clone(),
                });
                diags.push(fields.place(d, &index, &root.key("title")));
            }
            None => {
                category_titles.insert(folded, index);
            }
        }
    }
    let mut titles: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut codes: BTreeMap<&str, &PathBuf> = BTreeMap::new();
    let ec = &site.config.print.qr_error_correction;
    // codes printed with http:// open a page a phone marks as not secure,
    // and stay printed when the site moves to https
    if site.config.base_url.starts_with("http://") {
        let d = Diagnostic::warning(Msg::BaseUrlNotHttps {
            url: site.config.base_url.clone(),
        });
        diags.push(fields.place(d, Path::new("site.yaml"), &root.key("base_url")));
    }
    // a province merged into another in 2025: every page and poster
    // would print its old name
    if let Some(name) = &site.config.province
        && let Some(now) = merged_into(name)
    {
        let d = Diagnostic::warning(Msg::ProvinceMerged {
            name: name.clone(),
            now,
        });
        diags.push(fields.place(d, Path::new("site.yaml"), &root.key("province")));
    }
    // the address of each language's codes (`…/en/q/…` for a translation's
    // page): when even a one-letter id is too dense there, that address is
    // too long, told once at `base_url` instead of at every guide
    // (each language's address made once: `None` for the site's own)
    let mut bases: BTreeMap<Option<&str>, String> = BTreeMap::new();
    bases.insert(None, site.config.base_url.clone());
    for (_, p) in site.procedures() {
        for code in p.translations.keys() {
            bases.entry(Some(code.as_str())).or_insert_with(|| {
                crate::model::routes::absolute(
                    &site.config.base_url,
                    &crate::model::routes::lang_prefix(1, code),
                )
            });
        }
    }
    let mut dense_bases: Vec<&str> = Vec::new();
    for base in bases.values() {
        let shortest = crate::model::routes::short_link(base, "a");
        if let Some(qr) = crate::qr::cached(&shortest, ec.qr())
            && qr.version > MAX_QR_VERSION
        {
            // (once: a language's address that is too long because the
            // site's own is says nothing more)
            if dense_bases.is_empty() {
                let d = Diagnostic::warning(Msg::QrTooDense {
                    link: shortest,
                    version: qr.version,
                    modules: qr.size,
                });
                diags.push(fields.place(d, Path::new("site.yaml"), &root.key("base_url")));
            }
            dense_bases.push(base.as_str());
        }
    }
    for (_, p) in site.procedures() {
        if let Some(online) = &p.online
            && let Some(host) = host_of(&online.url)
            && !is_gov_host(&host)
        {
            let d = Diagnostic::warning(Msg::NotGovHost { host });
            diags.push(fields.place(d, &p.source, &root.key("online").key("url")));
        }
        // an address left as the example wrote it (`…/...`) or with a
        // space pasted into it: the button opens a page not found
        if let Some(online) = &p.online
            && (online.url.contains("..") || online.url.contains(['…', ' ', '\t']))
        {
            let d = Diagnostic::warning(Msg::OnlineUrlUnfinished {
                url: online.url.clone(),
            });
            diags.push(fields.place(d, &p.source, &root.key("online").key("url")));
        }
        // an agency at the district level, gone since 1 July 2025
        if let Some(level) = district_level(&p.agency) {
            let d = Diagnostic::warning(Msg::DistrictAgency {
                agency: p.agency.clone(),
                level,
            });
            diags.push(fields.place(d, &p.source, &root.key("agency")));
        }
        let months = today.months_since(p.updated);
        if p.updated.months_since(today) >= 1 {
            // a typo (2036 for 2026): the guide would never look stale (a
            // month's slack: a clock or a time zone a day off is no typo)
            let d = Diagnostic::warning(Msg::UpdatedInFuture {
                date: p.updated.dmy(),
            });
            diags.push(fields.place(d, &p.source, &root.key("updated")));
        }
        if p.steps.is_empty() && !p.draft.iter().any(|d| d == "steps") {
            // steps written as lines ("Bước 1: …") rather than a numbered
            // list: the page runs them together, posters print none
            let text = fields.text(&p.source);
            let first = |body: &str| {
                body.lines().position(step_line).or_else(|| {
                    // "1/ …", "1.Mở …", "a) …", "• …" lines, two or more: a list
                    // typed by hand in Word, which Markdown does not read
                    // (where the steps are: up to the second heading; a
                    // note below, "– Mang bản chính", is no step)
                    let mut headings = 0;
                    let mut hand = body
                        .lines()
                        .enumerate()
                        .take_while(|(_, l)| {
                            headings += usize::from(l.trim_start().starts_with('#'));
                            headings < 2
                        })
                        .filter(|(_, l)| hand_item(l));
                    let first = hand.next().map(|(k, _)| k);
                    hand.next().and(first)
                })
            };
            if let Ok(split) = split_front_matter(&text) {
                // bullets under a heading that names the steps ("Các
                // bước", "Trình tự thực hiện") are the steps; else a
                // numbered list before any heading is
                let body = split.body;
                let told = match (first(body), bullets(body), numbered_first(body)) {
                    (Some(k), _, _) => Some((k, Msg::StepsNotAList)),
                    (None, Some(k), _) if steps_heading(body) => Some((k, Msg::StepsAsBullets)),
                    (None, _, Some(k)) => Some((k, Msg::StepsWithoutHeading)),
                    (None, Some(k), None) => Some((k, Msg::StepsAsBullets)),
                    // no words below the front matter (deleted, never
                    // written, or only headings and comments left): told
                    // at the closing `---`
                    (None, None, None) if !body_has_words(body) => {
                        Some((usize::MAX, Msg::EmptyBody))
                    }
                    (None, None, None) => None,
                };
                if let Some((k, msg)) = told {
                    let line = match k {
                        usize::MAX => split.body_first_line.saturating_sub(1).max(1),
                        k => split.body_first_line + k,
                    };
                    let d = Diagnostic::warning(msg)
                        .in_file(&p.source)
                        .at(line, 1, &text);
                    diags.push(d);
                }
            }
        }
        if months >= STALE_MONTHS {
            let d = Diagnostic::warning(Msg::Stale {
                date: p.updated.dmy(),
                months,
            });
            diags.push(fields.place(d, &p.source, &root.key("updated")));
        }
        // a translation last checked before the original changed: its
        // fees and times may be the old ones (the English page kept
        // "7,000 VND" after the Vietnamese guide's fee went up)
        for (code, t) in &p.translations {
            // facts that do not depend on the language, missing from the
            // translation or other than the original's: the English page
            // had no table of times and fees, or the old online address
            let ways = |q: &crate::model::Procedure| {
                q.channels.iter().map(|c| c.way).collect::<BTreeSet<_>>()
            };
            let online = |q: &crate::model::Procedure| {
                q.online
                    .as_ref()
                    .map(|o| (o.url.trim().to_string(), o.level))
            };
            // (a language of its own only: `dang-ky.old.md`, a backup, is
            // told as such, W040)
            let differs: Vec<&str> = [
                ("channels", ways(p) != ways(t), !t.channels.is_empty()),
                ("online", online(p) != online(t), t.online.is_some()),
            ]
            .iter()
            .filter(|(_, d, _)| *d && has_words(site, code))
            .map(|(f, _, _)| *f)
            .collect();
            if let Some(first) = differs.first() {
                let d = Diagnostic::warning(Msg::TranslationDiffers {
                    code: code.clone(),
                    field: differs.join(", "),
                });
                // (at the field in the translation, or at its title when
                // it has none)
                let present = match *first {
                    "channels" => !t.channels.is_empty(),
                    _ => t.online.is_some(),
                };
                let key = if present { *first } else { "title" };
                diags.push(fields.place(d, &t.source, &root.key(key)));
            }
            if t.updated < p.updated {
                let d = Diagnostic::warning(Msg::TranslationBehind {
                    code: code.clone(),
                    date: t.updated.dmy(),
                    original: p.updated.dmy(),
                });
                diags.push(fields.place(d, &t.source, &root.key("updated")));
            }
        }
        // the code of the page and of each translation's page (`…/en/q/…`,
        // three letters longer: an English poster's code went a version
        // up unseen), each told once, at the id
        let own = std::iter::once(None).chain(p.translations.keys().map(|c| Some(c.as_str())));
        // (an address told as too long at `base_url` is not told again)
        let dense = own
            .filter_map(|code| bases.get(&code))
            .filter(|b| !dense_bases.contains(&b.as_str()))
            .find_map(|base| {
                let link = crate::model::routes::short_link(base, &p.id);
                crate::qr::cached(&link, ec.qr())
                    .filter(|qr| qr.version > MAX_QR_VERSION)
                    .map(|qr| (link, qr))
            });
        if let Some((link, qr)) = dense {
            let d = Diagnostic::warning(Msg::QrTooDense {
                link,
                version: qr.version,
                modules: qr.size,
            });
            diags.push(fields.place(d, &p.source, &root.key("id")));
        }
        for (i, entry) in p.draft.iter().enumerate() {
            // (a guide `camnang new` made holds example text, not words
            // from the portal: it was told as "copied from the portal")
            let d = Diagnostic::warning(match p.portal {
                Some(_) => Msg::DraftField {
                    field: entry.clone(),
                },
                None => Msg::DraftExample {
                    field: entry.clone(),
                },
            });
            // at the field itself when it is in the front matter, else
            // (the body's steps) at the draft line naming it
            let at = draft_path(entry)
                .filter(|path| {
                    let text = fields.text(&p.source);
                    split_front_matter(&text)
                        .ok()
                        .and_then(|s| locate(s.front, &path.0))
                        .is_some_and(|spot| spot != (0, 0) || path.0.len() == 1)
                })
                .unwrap_or_else(|| root.key("draft").index(i));
            diags.push(fields.place(d, &p.source, &at));
        }
        // a guide copied to make another, its portal code left as it was:
        // two procedures said to be one on the portal (and an import
        // would take the second for the first)
        if let Some(code) = &p.code {
            match codes.get(code.as_str()) {
                Some(other) => {
                    let d = Diagnostic::warning(Msg::DuplicateCode {
                        code: code.clone(),
                        other: (*other).clone(),
                    });
                    diags.push(fields.place(d, &p.source, &root.key("code")));
                }
                None => {
                    codes.insert(code.as_str(), &p.source);
                }
            }
        }
        let folded = crate::text::fold(&p.title);
        if let Some(other) = titles.get(&folded) {
            let d = Diagnostic::warning(Msg::DuplicateTitle {
                title: p.title.clone(),
                other: other.clone(),
            });
            diags.push(fields.place(d, &p.source, &root.key("title")));
        } else {
            titles.insert(folded, p.source.clone());
        }
    }
}

/// The front-matter path of a `draft:` entry (`channels[0].fee`); `None`
/// for what lives in the body (`steps`, `body`).
fn draft_path(entry: &str) -> Option<FieldPath> {
    if crate::load::procedure::DRAFT_BODY.contains(&entry) {
        return None;
    }
    let mut path = FieldPath::default();
    for part in entry.split('.') {
        match part.split_once('[') {
            Some((key, rest)) => {
                let n: usize = rest.trim_end_matches(']').parse().ok()?;
                path = path.key(key).index(n);
            }
            None => path = path.key(part),
        }
    }
    Some(path)
}

/// The host of an `https://host/…` address.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    Some(host.to_ascii_lowercase())
}

/// `name.xx.md` files with no `name.md` beside them (but those in the
/// site's own language `own`, which the load tells about, and those the
/// load told about already; a site that stopped loading early gets them
/// here).
fn orphan_translations(root: &Path, own: &str, diags: &mut Diagnostics) {
    let content = root.join("content");
    for entry in walkdir::WalkDir::new(&content)
        .min_depth(2)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        let Some((_, code)) = crate::load::translation_of(stem) else {
            continue;
        };
        if code == own {
            continue;
        }
        let Some(original) = crate::load::original_of(entry.path()) else {
            continue;
        };
        if original.exists() {
            continue;
        }
        let shown = crate::load::rel(root, entry.path());
        // (the load tells it when it got as far as the translations)
        let told = diags.items.iter().any(|d| {
            matches!(d.msg, Msg::OrphanTranslation { .. }) && d.file.as_deref() == Some(&*shown)
        });
        if !told {
            diags.push(
                Diagnostic::warning(Msg::OrphanTranslation {
                    code: code.to_string(),
                    original: crate::load::rel(root, &original),
                })
                .in_file(shown),
            );
        }
    }
}

/// A line that starts a step the way people write one by hand: "Bước 1:",
/// "**Bước 2.**", "- Bước 3 -".
fn step_line(l: &str) -> bool {
    let t = l.trim_start().trim_start_matches(['-', '*', '+', ' ', '#']);
    let Some(rest) = t.strip_prefix("Bước").or_else(|| t.strip_prefix("bước")) else {
        return false;
    };
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && rest[digits..]
            .trim_start()
            .starts_with([':', '.', ')', '-', '*'])
}

/// The line of the first of two or more bulleted items (`- …`, `* …`,
/// `+ …`) under the body's first heading, where the steps belong: a
/// list, but not the numbered one steps are read from.
fn bullets(body: &str) -> Option<usize> {
    let heading = |l: &str| l.trim_start().starts_with('#');
    let mut under_first = body
        .lines()
        .enumerate()
        .skip_while(|(_, l)| !heading(l))
        .skip(1)
        .take_while(|(_, l)| !heading(l))
        .filter(|(_, l)| {
            let t = l.trim_start();
            l.len() - t.len() < 4
                && ["- ", "* ", "+ "].iter().any(|b| t.starts_with(b))
                && !t[2..].trim().is_empty()
        });
    let first = under_first.next().map(|(k, _)| k);
    under_first.next().and(first)
}

/// Whether the body's first heading names the steps ("## Các bước",
/// "## Trình tự thực hiện").
fn steps_heading(body: &str) -> bool {
    body.lines()
        .find(|l| l.trim_start().starts_with('#'))
        .is_some_and(|h| crate::markdown::names_steps(h.trim_start_matches(['#', ' '])))
}

/// The line of the first item of a numbered list (`1. …`) that comes
/// before any heading of the body.
fn numbered_first(body: &str) -> Option<usize> {
    body.lines()
        .take_while(|l| !l.trim_start().starts_with('#'))
        .position(|l| {
            let t = l.trim_start();
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            digits > 0 && t[digits..].starts_with(['.', ')'])
        })
}

/// Whether a guide's body has words for residents: something besides
/// headings (`## Các bước` with nothing under it) and comments
/// (`<!-- viết sau -->`).
fn body_has_words(body: &str) -> bool {
    let mut rest = body;
    let mut text = String::new();
    // (a comment not closed is left as text: nothing is told on a guess)
    while let Some(at) = rest.find("<!--")
        && let Some(end) = rest[at..].find("-->")
    {
        text.push_str(&rest[..at]);
        rest = &rest[at + end + 3..];
    }
    text.push_str(rest);
    text.lines()
        .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// A line of a list typed by hand, which Markdown does not take for a
/// list: "1/ …", "1.Mở …" (no space after the dot), "1 - …", "a) …" (a
/// letter and a bracket), "• …".
fn hand_item(l: &str) -> bool {
    let t = l.trim_start();
    // full-width digits (`１.`, a Chinese or Japanese keyboard layout)
    let wide = t
        .chars()
        .take_while(|c| ('\u{FF10}'..='\u{FF19}').contains(c))
        .count();
    let rest = if let Some(r) = t.strip_prefix([
        '•', '\u{f0b7}', '▪', '·', '–', '—', '●', '○', '◦', '■', '➢', '►',
    ]) {
        // (Word's bullet pasted as text is U+F0B7 then a tab; a dash typed
        // on a phone is often the en dash)
        r
    } else if wide > 0 {
        let after = &t[wide * 3..];
        // (no space needed after a full-width mark)
        return after
            .strip_prefix(['.', '．', ')'])
            .is_some_and(|r| r.trim_start().starts_with(char::is_alphabetic));
    } else {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let after = &t[digits..];
        match (digits, after.chars().next()) {
            (1.., Some('/')) => &t[digits + 1..],
            // "1\. Mở ứng dụng": Google Docs' Markdown keeps a typed
            // number from being a list with a backslash
            (1..=2, Some('\\')) if after[1..].starts_with(['.', ')']) => &after[2..],
            // "1.Mở ứng dụng": Markdown's list needs a space after the dot
            // (a number such as "1.000 đồng" has a digit there)
            (1..=2, Some('.')) if after[1..].starts_with(char::is_alphabetic) => {
                return !after[1..].trim().is_empty();
            }
            // "1 - Mở ứng dụng", "2– Điền tờ khai" (not a time, "7 - 11 giờ")
            (1..=2, Some(_)) if after.trim_start().starts_with(['-', '–']) => {
                let mark = after.trim_start();
                let rest = &mark[mark.chars().next().map_or(0, char::len_utf8)..];
                if !rest.trim_start().starts_with(char::is_alphabetic) {
                    return false;
                }
                rest
            }
            (0, Some(c)) if c.is_alphabetic() && t[c.len_utf8()..].starts_with(')') => {
                &t[c.len_utf8() + 1..]
            }
            // "1 . Nộp tờ khai", "2 ) Nhận kết quả": a space before the mark
            (1..=2, Some(' ')) if after.trim_start().starts_with(['.', ')']) => {
                let rest = &after.trim_start()[1..];
                if !rest.trim_start().starts_with(char::is_alphabetic) {
                    return false;
                }
                rest
            }
            _ => return false,
        }
    };
    rest.starts_with([' ', '\t']) && !rest.trim().is_empty()
}

/// Today's date from the system clock (UTC).
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Date::from_days((secs / 86_400) as i64)
}

/// `camnang check`.
pub fn run_check(
    opts: &BuildOptions,
    json_out: bool,
    deny_warnings: bool,
    today: Date,
) -> ExitCode {
    let (diags, lang) = check(opts, today);
    let errors = diags.error_count();
    let warnings = diags.items.len() - errors;
    if json_out {
        let items: Vec<serde_json::Value> = diags
            .items
            .iter()
            .map(|d| {
                json!({
                    "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                    "code": d.msg.code(),
                    "message": d.msg.text(lang),
                    "hint": d.msg.hint(lang),
                    "file": d.file.as_ref().map(|f| f.to_string_lossy().replace('\\', "/")),
                    "line": d.line,
                    "column": d.column,
                    "field": d.field,
                })
            })
            .collect();
        let out = json!({ "errors": errors, "warnings": warnings, "diagnostics": items });
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        if !diags.items.is_empty() {
            eprintln!("{}\n", diags.render(lang));
        }
        println!("{}", Msg::CheckDone { errors, warnings }.text(lang));
    }
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::merged_into;

    #[test]
    fn web_addresses_written_without_https_are_known() {
        use super::web_address;
        assert_eq!(
            web_address("www.dichvucong.gov.vn").as_deref(),
            Some("https://www.dichvucong.gov.vn")
        );
        assert_eq!(
            web_address("zalo.me/0905000000").as_deref(),
            Some("https://zalo.me/0905000000")
        );
        for not in [
            "files/mau.pdf",
            "dang-ky.md",
            "../cu-tru/",
            "so-do.png",
            "a.b",
        ] {
            assert_eq!(web_address(not), None, "{not}");
        }
    }

    #[test]
    fn a_body_of_headings_and_comments_has_no_words() {
        for empty in [
            "",
            "\n\n",
            "## Các bước\n",
            "<!-- viết sau -->\n",
            "## A\n<!-- x\ny -->\n## B\n",
        ] {
            assert!(!super::body_has_words(empty), "{empty:?}");
        }
        for words in [
            "Mở VNeID.",
            "## A\n\n1. Nộp.\n",
            "<!-- x -->Nộp",
            "<!-- not closed",
        ] {
            assert!(super::body_has_words(words), "{words:?}");
        }
    }

    #[test]
    fn lists_typed_by_hand_are_told_and_times_are_not() {
        for line in [
            "1/ Nộp",
            "1.Mở ứng dụng",
            "2 - Điền tờ khai",
            "a) Nộp",
            "• Nộp",
            "\u{f0b7}\tNộp tờ khai.",
            "1 . Nộp tờ khai",
            "１. Nộp",
            "２．Nhận kết quả",
            "1\\. Mở ứng dụng",
            "2\\) Nộp",
            "– Mở ứng dụng",
            "— Nộp",
            "● Nộp",
        ] {
            assert!(super::hand_item(line), "{line}");
        }
        for line in [
            "7 - 11 giờ sáng",
            "1.000 đồng",
            "1. Mở",
            "Mở ứng dụng",
            "13 - 17h",
            "1 . 000",
            "１２３",
            "1\\.5",
            "–",
        ] {
            assert!(!super::hand_item(line), "{line}");
        }
    }

    #[test]
    fn an_agency_of_a_district_abolished_in_2025_is_known() {
        use super::district_level;
        assert_eq!(district_level("UBND huyện Hòa Vang"), Some("huyện"));
        assert_eq!(district_level("Phòng Tư pháp cấp huyện"), Some("huyện"));
        assert_eq!(district_level("Công an Quận 1"), Some("quận"));
        assert_eq!(district_level("UBND thị xã Điện Bàn"), Some("thị xã"));
        for today in [
            "Công an xã",
            "UBND xã Hòa Bình",
            "Ban quản lý dự án",
            "Bộ Chỉ huy quân sự tỉnh",
            "Trung tâm Phục vụ hành chính công tỉnh",
            "Xã Thị Xuân",
        ] {
            assert_eq!(district_level(today), None, "{today}");
        }
    }

    #[test]
    fn a_province_merged_in_2025_is_known_however_it_is_written() {
        for written in [
            "Tỉnh Quảng Nam",
            "quảng nam",
            "Quang Nam",
            "TP. Quảng Nam",
            "tỉnh  Quảng   Nam ",
        ] {
            assert_eq!(merged_into(written), Some("Thành phố Đà Nẵng"), "{written}");
        }
        assert_eq!(
            merged_into("Tỉnh Bà Rịa – Vũng Tàu"),
            Some("Thành phố Hồ Chí Minh")
        );
        assert_eq!(merged_into("Bắc Cạn"), Some("Tỉnh Thái Nguyên"));
        assert_eq!(merged_into("Tỉnh Đăk Nông"), Some("Tỉnh Lâm Đồng"));
        assert_eq!(merged_into("Hòa Bình"), Some("Tỉnh Phú Thọ"));
        // the 34 of today, and names that only contain an old one
        for today in [
            "Thành phố Đà Nẵng",
            "Tỉnh Quảng Ngãi",
            "Tỉnh Phú Thọ",
            "Hà Nội",
            "Thành phố Hồ Chí Minh",
            "Tỉnh Lâm Đồng",
            "Tỉnh Quảng Nam Mới",
        ] {
            assert_eq!(merged_into(today), None, "{today}");
        }
    }
}
