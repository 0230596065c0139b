//! The site model: what `load` produces and every output reads.
//! A [`Site`] holds its settings and its categories; a [`Category`] holds
//! its procedures, already in Vietnamese alphabetical order.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::messages::Lang;
use crate::text::Date;

pub mod choice;
pub mod language;
pub mod routes;

pub use choice::{App, Choice, EcLevel, Level, PaperSize, Way};
pub use language::Language;

/// Sites with more procedures than this leave the words of the bodies out
/// of the search index, so that it stays small enough for a phone on 3G
/// (about 30 bytes a procedure gzipped instead of about 300); `load` then
/// does not collect them.
pub const BODY_WORDS_UP_TO: usize = 500;

/// Settings from `site.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    /// Site title, e.g. "Cẩm nang thủ tục hành chính". Required.
    pub title: String,
    /// The commune, shown on every page and poster. Required.
    pub commune: String,
    /// The province. Optional.
    pub province: Option<String>,
    /// Where the site is published, always ending in `/`. Required.
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/hoabinh/`): links start with it.
    pub base_path: String,
    /// Language code of the content (`vi` by default).
    pub language: String,
    /// Language of messages and theme strings.
    #[serde(skip)]
    pub lang: Lang,
    pub contact: Contact,
    pub print: PrintConfig,
    /// A theme folder under `themes/` overriding the default theme file by
    /// file. Default: none (the built-in theme).
    pub theme: Option<String>,
    /// Let raw HTML in Markdown through. Default: false (it is shown as text).
    pub allow_html: bool,
    /// A line shown on every page, e.g. that a site is a sample.
    pub notice: Option<String>,
    /// Groups of words that mean the same to someone searching
    /// (`search.synonyms`, one line a group: `CCCD, căn cước`). Default: none.
    pub synonyms: Vec<Vec<String>>,
    /// Seconds each slide of `/kiosk/` stays (`kiosk.seconds`). Default 12.
    pub kiosk_seconds: u32,
    /// Where `camnang deploy` puts the site (`deploy.to`), a URL without
    /// a password. Default: none.
    #[serde(skip)]
    pub deploy_to: Option<String>,
    /// The site's own words in other languages, by language code, from
    /// `site.<code>.yaml` (see [`SiteTexts`]).
    #[serde(skip)]
    pub texts: BTreeMap<String, SiteTexts>,
}

/// The site's words in another language, from `site.<code>.yaml` beside
/// `site.yaml` (as `dang-ky.en.md` beside `dang-ky.md`): each one written
/// there replaces that of `site.yaml` on the pages and print files in that
/// language; the others stay as `site.yaml` writes them, marked as in the
/// site's language.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SiteTexts {
    pub title: Option<String>,
    pub commune: Option<String>,
    pub province: Option<String>,
    pub notice: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    pub team: Option<String>,
}

impl SiteConfig {
    /// The settings as the pages and print files in the language `code`
    /// show them: the words `site.<code>.yaml` translates replace those of
    /// `site.yaml`.
    pub fn in_lang(&self, code: &str) -> std::borrow::Cow<'_, SiteConfig> {
        let Some(t) = self.texts.get(code) else {
            return std::borrow::Cow::Borrowed(self);
        };
        let mut c = self.clone();
        let put = |to: &mut String, from: &Option<String>| {
            if let Some(v) = from {
                to.clone_from(v);
            }
        };
        put(&mut c.title, &t.title);
        put(&mut c.commune, &t.commune);
        let put_some = |to: &mut Option<String>, from: &Option<String>| {
            if from.is_some() {
                to.clone_from(from);
            }
        };
        put_some(&mut c.province, &t.province);
        put_some(&mut c.notice, &t.notice);
        put_some(&mut c.contact.address, &t.address);
        put_some(&mut c.contact.hours, &t.hours);
        put_some(&mut c.contact.team, &t.team);
        std::borrow::Cow::Owned(c)
    }

    /// For the pages in the language `code`: the `lang` mark of each of
    /// the site's words (`title`, `commune`, `province`, `notice`,
    /// `address`, `hours`, `team`): none for a word in that language (the
    /// site's own, or translated), ` lang="vi"` for one `site.yaml` gives
    /// in the site's language (also a word `site.<code>.yaml` copies
    /// unchanged). `province_in_place` and `address_in_place`: the marks of
    /// the province and the address where they follow the commune (the
    /// header, the footer): none when in the commune's language, else their
    /// own language, named.
    pub fn word_langs(&self, code: &str) -> BTreeMap<&'static str, String> {
        let own = code == self.language;
        let t = self.texts.get(code);
        // translated: given in `site.<code>.yaml`, and not as `site.yaml` has it
        let said = |f: fn(&SiteTexts) -> &Option<String>, original: Option<&String>| {
            own || t
                .and_then(|t| f(t).as_ref())
                .is_some_and(|v| Some(v) != original)
        };
        let c = &self.contact;
        let title = said(|t| &t.title, Some(&self.title));
        let commune = said(|t| &t.commune, Some(&self.commune));
        let province = said(|t| &t.province, self.province.as_ref());
        let address = said(|t| &t.address, c.address.as_ref());
        let mark = |translated: bool| match translated {
            true => String::new(),
            false => format!(" lang=\"{}\"", self.language),
        };
        // inside the commune's element: named when its language differs
        let in_place = |translated: bool| match (translated == commune, translated) {
            (true, _) => String::new(),
            (false, true) => format!(" lang=\"{code}\""),
            (false, false) => format!(" lang=\"{}\"", self.language),
        };
        BTreeMap::from([
            ("title", mark(title)),
            ("commune", mark(commune)),
            ("province", mark(province)),
            ("notice", mark(said(|t| &t.notice, self.notice.as_ref()))),
            ("address", mark(address)),
            ("hours", mark(said(|t| &t.hours, c.hours.as_ref()))),
            ("team", mark(said(|t| &t.team, c.team.as_ref()))),
            ("province_in_place", in_place(province)),
            ("address_in_place", in_place(address)),
        ])
    }
}

/// Who residents can ask. Every field is optional.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Contact {
    pub phone: Option<String>,
    /// The phone number written for a `tel:` link (digits and `+` only).
    pub phone_tel: Option<String>,
    pub zalo: Option<String>,
    /// What follows `https://zalo.me/` in its link: a phone number's
    /// digits, or the address written (`g/abcxyz`).
    pub zalo_link: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    pub team: Option<String>,
}

/// Print settings for posters and flyers.
#[derive(Debug, Clone, Serialize)]
pub struct PrintConfig {
    /// Poster paper: `A4` (default), `A5` or `A3`.
    pub paper: PaperSize,
    /// Bleed around posters in millimetres. Default 3.
    pub bleed_mm: f64,
    /// Draw crop marks. Default true.
    pub crop_marks: bool,
    /// QR error correction: `L`, `M`, `Q` (default) or `H`.
    pub qr_error_correction: EcLevel,
    /// How many to print, for the order sheet (`print.copies`).
    pub copies: Copies,
}

/// `print.copies`: how many of each print file the order sheet asks for.
/// `copies: 3` is short for three of every poster and of the board sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Copies {
    /// Copies of each procedure's poster. Default 2: the notice board and
    /// the one-stop counter.
    pub posters: u32,
    /// Copies of the board sheet. Default 1.
    pub board: u32,
    /// A5 flyers of each procedure (two on an A4 sheet). Default 0.
    pub flyers_a5: u32,
    /// A6 flyers of each procedure (four on an A4 sheet). Default 20.
    pub flyers_a6: u32,
}

/// A5 flyers on one A4 sheet.
pub const FLYERS_A5_PER_SHEET: u32 = 2;
/// A6 flyers on one A4 sheet.
pub const FLYERS_A6_PER_SHEET: u32 = 4;

impl Default for Copies {
    fn default() -> Self {
        Copies {
            posters: 2,
            board: 1,
            flyers_a5: 0,
            flyers_a6: 20,
        }
    }
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig {
            paper: PaperSize::A4,
            bleed_mm: 3.0,
            crop_marks: true,
            qr_error_correction: EcLevel::Q,
            copies: Copies::default(),
        }
    }
}

/// The whole site, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site folder (where `site.yaml` is).
    pub root: PathBuf,
    pub config: SiteConfig,
    /// Categories in display order (`order:` first, then Vietnamese order).
    pub categories: Vec<Category>,
    /// Files under `content/static/` and `content/files/`, copied as they are.
    pub static_files: Vec<StaticFile>,
    /// Short links already published (`qr-lock.yaml`), as read before the build.
    pub qr_lock: QrLock,
    /// The languages of the site: the site's own first, then every
    /// language a translation is in, in code order.
    pub languages: Vec<String>,
}

/// `qr-lock.yaml`: every short link `/q/<id>/` the build has published.
/// A printed code must keep working, so a locked id never disappears.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QrLock {
    pub entries: std::collections::BTreeMap<String, LockEntry>,
}

/// One locked short link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LockEntry {
    /// The page it led to when last built (`cu-tru/dang-ky-tam-tru/`).
    pub target: String,
    /// The procedure's title then.
    pub title: String,
    /// Written by a clerk when the procedure was removed: the id of the
    /// procedure that replaces it.
    pub replaced_by: Option<String>,
    /// Written by a clerk when the procedure was removed with no
    /// replacement: `true`, or a sentence to show residents.
    pub retired: Option<Retired>,
    /// Languages whose posters (and short link `/<code>/q/<id>/`) have been
    /// published: they keep working even if the translation goes.
    pub languages: Vec<String>,
}

/// What a clerk wrote under `retired:` for a procedure removed with no
/// replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Retired {
    /// `retired: true`: the page says the procedure is no longer done.
    Plain,
    /// `retired: "…"`: a sentence for residents, shown on the page.
    Message(String),
}

impl Retired {
    /// The sentence for residents (empty for [`Retired::Plain`]).
    pub fn message(&self) -> &str {
        match self {
            Retired::Plain => "",
            Retired::Message(m) => m,
        }
    }
}

/// Where a short link leads.
#[derive(Debug, Clone)]
pub enum ShortLink<'a> {
    /// To a procedure page.
    Procedure(&'a Category, &'a Procedure),
    /// To a page saying the procedure changed (the lock entry's id and entry).
    Retired(&'a str, &'a LockEntry),
}

impl Site {
    /// Every short link the site serves, by id: one per procedure, plus the
    /// locked ids whose procedure was replaced or retired.
    pub fn short_links(&self) -> Vec<(&str, ShortLink<'_>)> {
        let mut by_id: std::collections::BTreeMap<&str, ShortLink<'_>> = self
            .procedures()
            .map(|(c, p)| (p.id.as_str(), ShortLink::Procedure(c, p)))
            .collect();
        for (id, entry) in &self.qr_lock.entries {
            if by_id.contains_key(id.as_str()) {
                continue;
            }
            let mut target = entry.replaced_by.as_deref();
            let mut hops = 0;
            let link = loop {
                match target {
                    Some(t) if hops < 16 => {
                        if let Some((c, p)) = self.procedures().find(|(_, p)| p.id == t) {
                            break ShortLink::Procedure(c, p);
                        }
                        target = self
                            .qr_lock
                            .entries
                            .get(t)
                            .and_then(|e| e.replaced_by.as_deref());
                        hops += 1;
                    }
                    _ => break ShortLink::Retired(id, entry),
                }
            };
            by_id.insert(id, link);
        }
        by_id.into_iter().collect()
    }

    /// The lock after this build: every locked id kept, every procedure's
    /// id added or brought up to date (target page and title).
    pub fn updated_lock(&self) -> QrLock {
        let mut lock = self.qr_lock.clone();
        for (_, p) in self.procedures() {
            let e = lock.entries.entry(p.id.clone()).or_default();
            e.target = routes::procedure(p);
            e.title = p.title.clone();
            e.replaced_by = None;
            e.retired = None;
            for code in p.translations.keys() {
                if !e.languages.contains(code) {
                    e.languages.push(code.clone());
                }
            }
            e.languages.sort();
        }
        lock
    }

    /// Where the file `rel` of the theme is in the site folder, as a clerk
    /// finds it (`themes/default/i18n/vi.yaml`): the site's theme, else its
    /// `themes/default/`; the latter when neither has it (the built-in one).
    pub fn theme_file(&self, rel: &str) -> String {
        let folders = [self.config.theme.as_deref(), Some("default")];
        folders
            .into_iter()
            .flatten()
            .map(|t| format!("themes/{t}/{rel}"))
            .find(|f| self.root.join(f).is_file())
            .unwrap_or_else(|| format!("themes/default/{rel}"))
    }

    /// Every procedure, category by category.
    pub fn procedures(&self) -> impl Iterator<Item = (&Category, &Procedure)> {
        self.categories
            .iter()
            .flat_map(|c| c.procedures.iter().map(move |p| (c, p)))
    }
}

/// A file copied into the site unchanged.
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub source: PathBuf,
    /// Path inside the output, with `/` separators (e.g. `files/CT01.pdf`).
    pub target: String,
}

/// A folder of `content/`: a field of procedures (lĩnh vực).
#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub slug: String,
    pub title: String,
    /// Position on the home page; categories without one come after, in
    /// Vietnamese alphabetical order.
    pub order: Option<i64>,
    pub summary: Option<String>,
    /// HTML of the `_index.md` body.
    pub intro_html: String,
    /// Links and images of the `_index.md` body.
    #[serde(skip)]
    pub links: Vec<PlacedLink>,
    #[serde(skip)]
    pub source: PathBuf,
    pub procedures: Vec<Procedure>,
    /// `_index.xx.md`: the category's title and text in other languages.
    #[serde(skip)]
    pub translations: BTreeMap<String, CategoryText>,
}

/// A category's words in one language.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryText {
    pub title: String,
    pub summary: Option<String>,
    pub intro_html: String,
    /// Links and images of the `_index.xx.md` body.
    #[serde(skip)]
    pub links: Vec<PlacedLink>,
}

impl Category {
    /// The category's title in `lang` (its own where it has no translation).
    pub fn title_in(&self, lang: &str) -> &str {
        self.translations
            .get(lang)
            .map_or(self.title.as_str(), |t| t.title.as_str())
    }

    /// The category's words in `lang`, or in the site's language.
    pub fn text(&self, lang: &str) -> CategoryText {
        self.translations
            .get(lang)
            .cloned()
            .unwrap_or(CategoryText {
                title: self.title.clone(),
                summary: self.summary.clone(),
                intro_html: self.intro_html.clone(),
                links: self.links.clone(),
            })
    }
}

impl Procedure {
    /// The procedure in `lang`: its translation, or the original.
    pub fn in_lang(&self, lang: &str) -> &Procedure {
        self.translations.get(lang).unwrap_or(self)
    }
}

/// One administrative procedure, from one Markdown file.
#[derive(Debug, Clone, Serialize)]
pub struct Procedure {
    /// The language of a translation (`name.en.md`); `None` for the
    /// original, which is in the site's language.
    #[serde(skip)]
    pub lang: Option<String>,
    /// Translations of the original, by language code.
    #[serde(skip)]
    pub translations: BTreeMap<String, Procedure>,
    /// From the file name: `dang-ky-tam-tru`.
    pub slug: String,
    pub category: String,
    #[serde(skip)]
    pub source: PathBuf,
    pub title: String,
    /// Stable short id; the QR code points at `/q/<id>/`.
    pub id: String,
    /// Code on the national portal (mã thủ tục).
    pub code: Option<String>,
    pub summary: String,
    pub agency: String,
    pub audience: Option<String>,
    pub online: Option<Online>,
    pub channels: Vec<Channel>,
    /// Every document, in order (groups flattened).
    pub documents: Vec<String>,
    /// The documents as the file groups them (`- group: …` items with
    /// their own `items`); ungrouped documents form groups without a title.
    pub document_groups: Vec<DocumentGroup>,
    pub result: Option<String>,
    pub legal: Vec<String>,
    pub updated: Date,
    /// Extra words residents may search for (optional).
    pub keywords: Vec<String>,
    /// Fields still to be checked by a clerk (`draft:`), as field paths
    /// such as `agency` or `channels[0].fee`; written by `camnang import`.
    pub draft: Vec<String>,
    /// Where the facts came from (`source:`), for imported procedures.
    pub portal: Option<PortalSource>,
    /// The body rendered to HTML.
    pub body_html: String,
    /// The first ordered list under the first heading, as plain text.
    pub steps: Vec<String>,
    /// Plain text of the body, for search.
    #[serde(skip)]
    pub body_text: String,
    /// Links and images of the body, for `camnang check`.
    #[serde(skip)]
    pub links: Vec<PlacedLink>,
}

/// A link or image of a Markdown body, with its line and column in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedLink {
    pub line: usize,
    pub column: usize,
    pub link: crate::markdown::BodyLink,
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// Where and how to do a procedure online.
#[derive(Debug, Clone, Serialize)]
pub struct Online {
    pub url: String,
    pub level: Option<Level>,
    pub apps: Vec<App>,
}

/// A group of documents (one case of the procedure on the portal).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DocumentGroup {
    /// The group's heading; `None` for documents listed without one.
    pub title: Option<String>,
    pub items: Vec<String>,
}

/// The `source:` block: the national portal's record a file was imported from.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PortalSource {
    /// The record's id on the portal (a UUID).
    pub portal_id: String,
    /// The mã thủ tục when imported.
    pub code: Option<String>,
    /// The record's `updatedAt` on the portal when imported.
    pub portal_updated: Option<Date>,
    /// The day of the import.
    pub imported: Date,
}

/// The portal's page of a record, from its id.
pub fn portal_page(portal_id: &str) -> String {
    format!("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/{portal_id}")
}

/// Whether `id` looks like a portal record id: a UUID (hex digits and
/// dashes, 8-4-4-4-12).
pub fn valid_portal_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    parts.len() == 5
        && parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// One way of submitting, with its time and fee.
#[derive(Debug, Clone, Serialize)]
pub struct Channel {
    pub way: Way,
    pub time: Option<String>,
    pub fee: Option<String>,
}

/// A free short id for a procedure: the initials of its slug
/// (`dang-ky-tam-tru` → `dktt`), with a number added if that is taken.
pub fn free_id(slug: &str, used: &std::collections::BTreeSet<String>) -> String {
    let mut base: String = slug
        .split('-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_ascii_alphanumeric())
        .take(10)
        .collect();
    if base.is_empty() {
        base.push('t');
    }
    if !used.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|id| !used.contains(id))
        .unwrap_or(base)
}
