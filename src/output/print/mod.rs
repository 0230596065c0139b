//! Print output: QR posters (A4, A5, and A3 when `print.paper` asks for
//! it), the board sheet (bảng niêm yết, A4 and A3), flyers imposed on A4
//! (2 × A5 and 4 × A6) with cut marks, and the list of them for
//! `in-an/index.html`.
//!
//! Every print file is a [`Job`]: planning the jobs is cheap, so the
//! preview server can list them all and draw one only when it is asked
//! for. Text is measured with the theme's font and wrapped; what does not
//! fit is shortened with "…" and reported as a [`CutPart`], never drawn
//! over something else or off the paper.

use std::sync::Arc;

use krilla::Document;
use krilla::metadata::Metadata;
use rayon::prelude::*;

use serde_json::{Value, json};

use crate::diag::{Diagnostic, Diagnostics};
use crate::messages::{CutPart, Msg};
use crate::model::{Language, Procedure, Site, routes};
use crate::output::templates::Templates;
use crate::output::{
    Claim, Content, Context, Edit, Key, KeyMaker, OutFile, Output, Owner, PrintMode, Reuse, Sink,
};
use crate::qr::{QUIET_ZONE, Qr};
use crate::theme::Theme;
use pdf::{
    A3, A4, A5, A6, Canvas, Face, Fonts, MM, Paper, Shaping, fit, fit_balanced, fit_shrinking,
    page_settings, wrap,
};
use style::{BOARD, SHEET};

mod board;
mod coverage;
mod flyers;
mod order;
pub(crate) mod pdf;
mod poster;
mod style;

pub(crate) use coverage::unprintable;

/// The print output: every print file (with [`PrintMode::All`]) and the
/// print page listing them. It keeps what it had to shorten, for the
/// build's report.
#[derive(Default)]
pub(crate) struct Print {
    cuts: std::sync::Mutex<Vec<Cut>>,
    /// The theme's print fonts, loaded once for the claims and the files.
    fonts: std::sync::OnceLock<Option<Arc<Fonts>>>,
}

impl Print {
    /// The printer of this render, in every language of the site.
    fn printer<'a>(&self, cx: &Context<'a>) -> Result<Printer<'a>, Diagnostic> {
        let fonts = self
            .fonts
            .get_or_init(|| fonts(cx.theme).map(Arc::new))
            .clone();
        let langs = cx
            .templates
            .languages()
            .iter()
            .map(|l| l.lang.clone())
            .collect();
        Printer::with_fonts(cx.site, fonts, langs)
    }

    /// What the last render had to shorten on posters and flyers.
    pub(crate) fn take_cuts(&self) -> Vec<Cut> {
        std::mem::take(&mut *self.cuts.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Output for Print {
    fn claims(&self, cx: &Context<'_>) -> Vec<Claim> {
        if cx.print == PrintMode::None {
            return Vec::new();
        }
        let mut out = vec![Claim::new(
            routes::page_file(&routes::print_page()),
            Owner::Camnang("/in-an/"),
        )];
        if cx.print == PrintMode::All
            && let Ok(printer) = self.printer(cx)
        {
            out.extend(
                printer
                    .jobs()
                    .iter()
                    .map(|j| Claim::new(j.path(), Owner::Camnang("/in-an/*.pdf"))),
            );
        }
        out
    }

    fn render(&self, cx: &Context<'_>, sink: &dyn Sink) -> Result<Vec<OutFile>, Diagnostics> {
        if cx.print == PrintMode::None {
            return Ok(Vec::new());
        }
        let printer = self.printer(cx)?;
        let mut files = Vec::new();
        let items = if cx.print == PrintMode::All {
            let out = printer.render_all(cx.reuse, sink)?;
            files.extend(out.files);
            *self.cuts.lock().unwrap_or_else(|e| e.into_inner()) = out.cuts;
            out.items
        } else {
            printer.jobs().iter().map(|j| printer.item(j)).collect()
        };
        let order = printer.order();
        files.push(sink.take(print_page(cx.templates, &items, order)?)?);
        Ok(files)
    }

    /// Print files are drawn on request in `camnang serve`: nothing here.
    fn touched(&self, _: &Context<'_>, _: &Edit<'_>) -> Result<Vec<OutFile>, Diagnostic> {
        Ok(Vec::new())
    }
}

/// One print file, for the listing page.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct PrintItem {
    /// Path inside the output.
    pub path: String,
    /// What it is ("Đăng ký tạm trú", "Tất cả thủ tục").
    pub label: String,
    /// Sheet size, e.g. "A4" or "A4 (2 × A5)".
    pub paper: String,
    pub pages: usize,
    /// Which group of the listing: `posters`, `board`, `flyers`.
    pub group: String,
}

/// `in-an/index.html`: every print file with its paper size.
fn print_page(
    tp: &Templates<'_>,
    items: &[PrintItem],
    order: &order::Order,
) -> Result<OutFile, Diagnostic> {
    let lv = tp.default_lang();
    let rel = routes::print_page();
    let mut groups: Vec<Value> = [
        ("posters", "print_posters"),
        ("board", "print_board"),
        ("flyers", "print_flyers"),
    ]
    .iter()
    .map(|(g, key)| {
        json!({
            "title": lv.label(key),
            "items": items.iter().filter(|i| i.group == *g).collect::<Vec<_>>(),
        })
    })
    .collect();
    for other in &tp.languages()[1..] {
        let group = format!("lang-{}", other.code);
        let list: Vec<_> = items.iter().filter(|i| i.group == group).collect();
        if !list.is_empty() {
            groups.push(json!({
                "title": format!("{} – {}", lv.label("print_translations"), other.label("lang_name")),
                "lang": other.code,
                "items": list,
            }));
        }
    }
    let code_site = routes::code_site(&tp.absolute(""));
    let checks: Vec<String> = ["print_check_1", "print_check_2", "print_check_3"]
        .iter()
        .map(|k| lv.label(k).replace("{site}", &code_site))
        .collect();
    tp.page(
        lv,
        "print.html",
        routes::page_file(&rel),
        Some(tp.absolute(&rel)),
        vec![
            ("groups", json!(groups)),
            ("checks", json!(checks)),
            ("order", json!(order)),
            ("order_pdf", json!(routes::order_sheet())),
            ("nothing", json!(items.is_empty())),
        ],
    )
}

/// What had to be shortened in one print file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub file: String,
    pub parts: Vec<CutPart>,
}

/// Pages in one volume of the sheets of every procedure (board sheets,
/// all flyers): a big site's sheets come in volumes of this many pages,
/// drawn in parallel, and an edit draws again only the volume it is in.
pub(crate) const VOLUME_PAGES: usize = 50;

/// One volume of a sheet that comes in volumes: `index` (from 0) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Volume {
    pub index: usize,
    pub count: usize,
}

impl Volume {
    /// The volumes of a sheet of `pages` pages (one, for none).
    fn all(pages: usize) -> impl Iterator<Item = Volume> {
        let count = pages.div_ceil(VOLUME_PAGES).max(1);
        (0..count).map(move |index| Volume { index, count })
    }

    /// Its pages, of `total`.
    fn pages(&self, total: usize) -> std::ops::Range<usize> {
        let start = (self.index * VOLUME_PAGES).min(total);
        start..((self.index + 1) * VOLUME_PAGES).min(total)
    }

    /// Its file-name ending (see [`routes::volume`]).
    fn suffix(&self) -> String {
        routes::volume(self.index + 1, self.count)
    }
}

/// One print file to make.
#[derive(Debug, Clone)]
pub(crate) enum Job<'a> {
    /// One procedure's poster on `paper`, with bleed and crop marks, in
    /// language `lang` (an index into [`Printer`]'s languages).
    Poster {
        p: &'a Procedure,
        paper: Paper,
        lang: usize,
        /// The language's folder under `in-an/` (`""` or `"en/"`).
        prefix: String,
    },
    /// Every procedure's code in a grid, grouped by category: one volume.
    Board { paper: Paper, volume: Volume },
    /// The order sheet for the print shop.
    Order,
    /// Flyers imposed on A4: `per_sheet` is 2 (A5) or 4 (A6). `name` is
    /// the file name without `.pdf`.
    Flyers {
        list: Vec<&'a Procedure>,
        per_sheet: usize,
        name: String,
        label: String,
        lang: usize,
    },
}

impl Job<'_> {
    /// Where the file goes in the output.
    pub(crate) fn path(&self) -> String {
        match self {
            Job::Poster {
                p, paper, prefix, ..
            } => routes::poster(prefix, paper.name, &p.id),
            Job::Board { paper, volume } => routes::board(paper.name, &volume.suffix()),
            Job::Order => routes::order_sheet(),
            Job::Flyers { name, .. } => routes::flyers(name),
        }
    }
}

/// Why a print file could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DrawError {
    /// A part (named language-neutrally, e.g. `QR`) found no room on the
    /// page even at the smallest text size.
    NoRoom { part: &'static str },
    /// The drawing or the PDF writer failed.
    Failed(String),
    /// The font file `name` of the theme could not be embedded.
    Font { name: String },
}

impl From<&str> for DrawError {
    fn from(detail: &str) -> DrawError {
        DrawError::Failed(detail.to_string())
    }
}

/// A drawn print file: its PDF bytes and what had to be shortened.
pub(crate) type Drawn = (Vec<u8>, Vec<CutPart>);

/// Everything the print stage made.
pub(crate) struct PrintOutput {
    pub files: Vec<OutFile>,
    pub items: Vec<PrintItem>,
    pub cuts: Vec<Cut>,
}

/// The print font's two faces.
const REGULAR: &str = "DejaVuSans.ttf";
const BOLD: &str = "DejaVuSans-Bold.ttf";

/// Loads the print font from the theme: DejaVu Sans, regular and bold,
/// each with the theme's other fonts (`fonts/*.ttf`, `fonts/*.otf`, in
/// name order) for the characters DejaVu Sans lacks. A font file that
/// cannot be read is left out (what it would have drawn is told, W082).
pub(crate) fn fonts(theme: &Theme) -> Option<Fonts> {
    let (mut more, mut unread) = (Vec::new(), Vec::new());
    for (name, bytes) in added_fonts(theme) {
        match Face::load(bytes.to_vec()) {
            Some(mut f) => {
                f.name = name.to_string();
                more.push(Arc::new(f));
            }
            None => unread.push(name.to_string()),
        }
    }
    let load = |bytes: &[u8], name: &str| {
        let mut f = Face::load(bytes.to_vec())?;
        f.name = name.to_string();
        f.more = more.clone();
        Some(f)
    };
    // DejaVu Sans as the theme has it; a file saved over it that is not a
    // font (a web page in place of the download) is told, and the
    // built-in one used (print stopped with Tera's English)
    let builtin_theme = Theme::builtin();
    let mut face = |name: &str| {
        let file = format!("fonts/{name}");
        if let Some(f) = theme.get(&file).and_then(|b| load(b, name)) {
            return Some(f);
        }
        let builtin = builtin_theme.get(&file);
        if theme.get(&file) != builtin {
            unread.push(name.to_string());
        }
        load(builtin?, name)
    };
    let regular = face(REGULAR)?;
    let bold = face(BOLD)?;
    Some(Fonts {
        regular,
        bold,
        unread,
    })
}

/// The theme's font files beside DejaVu Sans (`fonts/*.ttf`,
/// `fonts/*.otf`), in name order, with their names.
fn added_fonts(theme: &Theme) -> impl Iterator<Item = (&str, &[u8])> {
    theme.under("fonts/").filter(|(name, _)| {
        let lower = name.to_ascii_lowercase();
        !name.contains('/')
            && *name != REGULAR
            && *name != BOLD
            && (lower.ends_with(".ttf") || lower.ends_with(".otf"))
    })
}

/// Draws the print files of one site, in every language.
pub(crate) struct Printer<'a> {
    site: &'a Site,
    fonts: Arc<Fonts>,
    /// The site's languages, its own first.
    langs: Vec<Language>,
    /// The procedures, category by category.
    procs: Vec<&'a Procedure>,
    /// The width of the widest board code, once measured.
    widest: std::sync::OnceLock<f32>,
    /// What the order sheet asks for, once worked out.
    order: std::sync::OnceLock<order::Order>,
    /// The address the codes open and the posters name: the site's
    /// `base_url`, also for a preview served on this computer.
    base_url: String,
}

impl<'a> Printer<'a> {
    /// Prepares the theme's font and strings for `site`.
    pub(crate) fn new(
        site: &'a Site,
        theme: &Theme,
        langs: Vec<Language>,
    ) -> Result<Printer<'a>, Diagnostic> {
        Printer::with_fonts(site, fonts(theme).map(Arc::new), langs)
    }

    /// [`Printer::new`] with fonts already loaded (`None`: they could not be).
    fn with_fonts(
        site: &'a Site,
        fonts: Option<Arc<Fonts>>,
        langs: Vec<Language>,
    ) -> Result<Printer<'a>, Diagnostic> {
        let fonts = fonts.ok_or_else(|| {
            Diagnostic::error(Msg::TemplateFailed {
                template: "fonts/DejaVuSans.ttf".into(),
                detail: "font missing or unreadable".into(),
            })
        })?;
        if langs.is_empty() {
            return Err(Diagnostic::error(Msg::TemplateFailed {
                template: "i18n".into(),
                detail: "no language".into(),
            }));
        }
        Ok(Printer {
            site,
            fonts,
            langs,
            procs: site.procedures().map(|(_, p)| p).collect(),
            widest: std::sync::OnceLock::new(),
            order: std::sync::OnceLock::new(),
            base_url: site.config.base_url.clone(),
        })
    }

    /// This printer with the codes opening pages of `base_url`: `serve`
    /// shows the site from this computer, and what it prints must be what
    /// `build` prints (a code opening 127.0.0.1 is of no use on a wall).
    pub(crate) fn printing_for(mut self, base_url: String) -> Printer<'a> {
        self.base_url = base_url;
        self
    }

    /// An interface string in language `lang`.
    fn tl(&self, lang: usize, key: &str) -> String {
        self.langs
            .get(lang)
            .and_then(|l| l.t.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// The line saying which address a genuine code opens, in language
    /// `lang`: "Mã thật luôn mở trang hoabinh.gov.vn – …".
    fn genuine(&self, lang: usize) -> String {
        self.tl(lang, "genuine_code")
            .replace("{site}", &routes::code_site(&self.base_url))
    }

    /// An interface string in the site's language.
    fn t(&self, key: &str) -> String {
        self.tl(0, key)
    }

    /// Every print file of the site, in a fixed order.
    pub(crate) fn jobs(&self) -> Vec<Job<'a>> {
        let mut jobs = Vec::new();
        // a site with no procedure yet has nothing to print: no empty board
        // sheet, blank flyer sheet or order for them (the print page says so)
        if self.procs.is_empty() {
            return jobs;
        }
        let mut posters = vec![A4, A5];
        if self.site.config.print.paper == crate::model::PaperSize::A3 {
            posters.insert(0, A3);
        }
        for paper in &posters {
            jobs.extend(self.procs.iter().map(|p| Job::Poster {
                p,
                paper: *paper,
                lang: 0,
                prefix: String::new(),
            }));
        }
        for paper in [A4, A3] {
            let pages = self.board_page_count(paper);
            jobs.extend(Volume::all(pages).map(|volume| Job::Board { paper, volume }));
        }
        jobs.push(Job::Order);
        for (per_sheet, folder) in [(2, "to-roi-2a5"), (4, "to-roi-4a6")] {
            for p in &self.procs {
                jobs.push(Job::Flyers {
                    list: vec![p; per_sheet],
                    per_sheet,
                    name: format!("{folder}/{}", p.id),
                    label: p.title.clone(),
                    lang: 0,
                });
            }
            // every procedure's flyers, in volumes
            let sheets = self.procs.len().div_ceil(per_sheet);
            for volume in Volume::all(sheets) {
                let range = volume.pages(sheets);
                let list = self.procs
                    [range.start * per_sheet..self.procs.len().min(range.end * per_sheet)]
                    .to_vec();
                jobs.push(Job::Flyers {
                    list,
                    per_sheet,
                    name: format!("{folder}-tat-ca{}", volume.suffix()),
                    label: self.volume_label(self.t("print_all_flyers"), volume),
                    lang: 0,
                });
            }
        }
        // translations: a poster and a flyer sheet of each, in its language
        for (lang, l) in self.langs.iter().enumerate().skip(1) {
            let translated: Vec<&'a Procedure> = self
                .procs
                .iter()
                .copied()
                .filter(|p| p.translations.contains_key(&l.code))
                .collect();
            for paper in &posters {
                jobs.extend(translated.iter().map(|p| Job::Poster {
                    p,
                    paper: *paper,
                    lang,
                    prefix: l.prefix.clone(),
                }));
            }
            for (per_sheet, folder) in [(2, "to-roi-2a5"), (4, "to-roi-4a6")] {
                for p in &translated {
                    jobs.push(Job::Flyers {
                        list: vec![p; per_sheet],
                        per_sheet,
                        name: format!("{}{folder}/{}", l.prefix, p.id),
                        label: p.in_lang(&l.code).title.clone(),
                        lang,
                    });
                }
            }
        }
        jobs
    }

    /// The listing entry of a job, without drawing it.
    pub(crate) fn item(&self, job: &Job<'_>) -> PrintItem {
        let path = job.path();
        match job {
            Job::Poster { p, paper, lang, .. } => PrintItem {
                path,
                label: p.in_lang(&self.langs[*lang].code).title.clone(),
                paper: paper.name.to_string(),
                pages: 1,
                group: self.group(*lang, "posters"),
            },
            Job::Board { paper, volume } => PrintItem {
                path,
                label: self.volume_label(self.t("board_title"), *volume),
                paper: paper.name.to_string(),
                pages: volume.pages(self.board_page_count(*paper)).len(),
                group: "board".into(),
            },
            Job::Order => PrintItem {
                path,
                label: self.t("order_title"),
                paper: A4.name.to_string(),
                pages: 1,
                group: "order".into(),
            },
            Job::Flyers {
                list,
                per_sheet,
                label,
                lang,
                ..
            } => PrintItem {
                path,
                label: label.clone(),
                paper: format!(
                    "A4 ({per_sheet} × {})",
                    if *per_sheet == 2 { "A5" } else { "A6" }
                ),
                pages: list.len().div_ceil(*per_sheet),
                group: self.group(*lang, "flyers"),
            },
        }
    }

    /// `label`, and which volume it is when there are several.
    fn volume_label(&self, label: String, volume: Volume) -> String {
        match volume.count {
            0 | 1 => label,
            _ => format!(
                "{label} ({})",
                self.t("print_volume")
                    .replace("{n}", &(volume.index + 1).to_string())
                    .replace("{of}", &volume.count.to_string())
            ),
        }
    }

    /// The print page's group of a file: by kind in the site's language,
    /// by language for translations.
    fn group(&self, lang: usize, kind: &str) -> String {
        match lang {
            0 => kind.to_string(),
            _ => format!("lang-{}", self.langs[lang].code),
        }
    }

    /// Draws one print file, or says which file could not be made and why
    /// (`E090`, or `E091` when a part did not fit), naming the procedure or
    /// sheet and the file.
    pub(crate) fn draw(&self, job: &Job<'_>) -> Result<Drawn, Diagnostic> {
        self.render(job).map_err(|e| {
            let procedure = self.item(job).label;
            let file = job.path();
            Diagnostic::error(match e {
                DrawError::NoRoom { part } => Msg::LayoutFailed {
                    procedure,
                    part: format!("{part} ({file})"),
                },
                DrawError::Failed(detail) => Msg::PrintFailed {
                    procedure,
                    part: file,
                    detail,
                },
                DrawError::Font { name } => Msg::PrintFontBroken {
                    procedure,
                    part: file,
                    font: name,
                },
            })
        })
    }

    /// Draws one print file: its PDF bytes and what had to be shortened.
    fn render(&self, job: &Job<'_>) -> Result<Drawn, DrawError> {
        match job {
            Job::Poster { p, paper, lang, .. } => self.poster(p, *paper, *lang),
            Job::Board { paper, volume } => self.board(*paper, *volume),
            Job::Order => self.order_sheet(),
            Job::Flyers {
                list,
                per_sheet,
                label,
                lang,
                ..
            } => self.flyers(list, *per_sheet, label, *lang),
        }
    }

    /// Draws every print file, in parallel, in the order of
    /// [`Printer::jobs`], taking from the build cache (`reuse`) each file
    /// whose inputs did not change, and keeping there each file drawn.
    pub(crate) fn render_all(
        &self,
        reuse: Option<&dyn Reuse>,
        sink: &dyn Sink,
    ) -> Result<PrintOutput, Diagnostic> {
        let jobs = self.jobs();
        let cache = reuse.map(|r| (r, Keys::new(self)));
        // each file goes to the sink as soon as it is drawn: PDFs are big
        let results: Vec<Result<(OutFile, Vec<CutPart>), Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let path = job.path();
                let cache = cache.as_ref().map(|(r, keys)| (*r, keys.of(self, job)));
                let kept = cache.and_then(|(r, key)| {
                    let (content, note) = r.get(&path, &key)?;
                    Some((content, serde_json::from_str::<Vec<CutPart>>(&note).ok()?))
                });
                let (content, parts) = match kept {
                    Some(k) => k,
                    None => {
                        let (bytes, parts) = self.draw(job)?;
                        let content = match cache {
                            Some((r, key)) => {
                                let note = serde_json::to_string(&parts).unwrap_or_default();
                                r.keep(&path, &key, bytes, note)
                            }
                            None => Content::Bytes(Arc::new(bytes)),
                        };
                        (content, parts)
                    }
                };
                let file = OutFile {
                    path,
                    content,
                    key: None,
                };
                Ok((sink.take(file)?, parts))
            })
            .collect();
        let mut out = PrintOutput {
            files: Vec::with_capacity(jobs.len()),
            items: Vec::with_capacity(jobs.len()),
            cuts: Vec::new(),
        };
        for (job, r) in jobs.iter().zip(results) {
            let (file, parts) = r?;
            if !parts.is_empty() {
                out.cuts.push(Cut {
                    file: file.path.clone(),
                    parts,
                });
            }
            out.items.push(self.item(job));
            out.files.push(file);
        }
        Ok(out)
    }

    fn new_document(&self, title: &str, lang: usize) -> Document {
        let mut doc = Document::new();
        // No dates: the same input gives byte-identical PDFs.
        doc.set_metadata(
            Metadata::new()
                .title(title.to_string())
                .language(self.langs[lang].code.clone())
                .creator("camnang".to_string()),
        );
        doc
    }

    fn qr_for(&self, p: &Procedure, lang: usize) -> Result<(Arc<Qr>, String), DrawError> {
        let cfg = &self.site.config;
        let base = routes::absolute(&self.base_url, &self.langs[lang].prefix);
        let link = routes::short_link(&base, &p.id);
        let qr = crate::qr::cached(&link, cfg.print.qr_error_correction.qr())
            .ok_or("the short link is too long for a QR code")?;
        Ok((qr, link))
    }
}

/// What the build-cache key of a print file is made from: camnang's own
/// sources, the print font, the settings, the languages' strings, and the
/// procedures the file shows (for the order sheet: what it orders).
struct Keys {
    base: KeyMaker,
    /// Each procedure with its translations, by address (each is fed to
    /// the keys of four files or more: hashed once).
    procs: std::collections::HashMap<usize, Key>,
}

impl Keys {
    fn new(printer: &Printer<'_>) -> Keys {
        let mut base = KeyMaker::default();
        base.bytes(env!("CARGO_PKG_VERSION").as_bytes())
            .bytes(crate::output::SOURCE_ID.as_bytes())
            .bytes(&printer.fonts.regular.digest)
            .bytes(&printer.fonts.bold.digest)
            .value(
                &printer
                    .fonts
                    .regular
                    .more
                    .iter()
                    .map(|f| f.digest)
                    .collect::<Vec<_>>(),
            )
            .value(&printer.site.config)
            .value(&printer.langs);
        let procs = printer
            .procs
            .par_iter()
            .map(|p| {
                let mut k = KeyMaker::default();
                k.value(p)
                    .value(&p.translations.values().collect::<Vec<_>>());
                (*p as *const Procedure as usize, k.key())
            })
            .collect();
        Keys { base, procs }
    }

    /// Feeds the procedures of `list`.
    fn feed(&self, k: &mut KeyMaker, list: &[&Procedure]) {
        for p in list {
            match self.procs.get(&(*p as *const Procedure as usize)) {
                Some(key) => k.bytes(&key.0),
                None => k.value(p),
            };
        }
    }

    /// The key of one print file.
    /// Feeds the site's words in the language `lang` (`site.en.yaml`,
    /// which the settings leave out): the posters and flyers of that
    /// language print them, and only those are made again when it changes.
    fn texts(&self, k: &mut KeyMaker, printer: &Printer<'_>, lang: usize) {
        let code = printer.langs.get(lang).map(|l| l.code.as_str());
        k.value(&code.and_then(|c| printer.site.config.texts.get(c)));
    }

    fn of(&self, printer: &Printer<'_>, job: &Job<'_>) -> Key {
        let mut k = self.base.clone();
        k.bytes(job.path().as_bytes());
        match job {
            Job::Poster { p, paper, lang, .. } => {
                k.bytes(b"poster").value(&(paper.name, lang));
                self.texts(&mut k, printer, *lang);
                self.feed(&mut k, &[p]);
            }
            Job::Board { paper, volume } => {
                let (shown, grid) = printer.board_key(*paper, *volume);
                k.bytes(b"board")
                    .bytes(paper.name.as_bytes())
                    .bytes(grid.as_bytes());
                self.feed(&mut k, &shown);
            }
            Job::Order => {
                k.bytes(b"order").value(&printer.order());
            }
            Job::Flyers {
                list,
                per_sheet,
                label,
                lang,
                ..
            } => {
                k.bytes(b"flyers").value(&(per_sheet, label, lang));
                self.texts(&mut k, printer, *lang);
                self.feed(&mut k, list);
            }
        }
        k.key()
    }
}

/// The PDF of `doc`; a font the PDF writer cannot embed (a damaged file
/// added to the theme) is named.
fn finish(doc: Document, fonts: &Fonts) -> Result<Vec<u8>, DrawError> {
    doc.finish().map_err(|e| match e {
        krilla::error::KrillaError::Font(font, _) => DrawError::Font {
            name: fonts.name_of(&font).unwrap_or_default(),
        },
        e => DrawError::Failed(format!("{e:?}")),
    })
}

/// Width with the quiet zone of a QR code whose symbol is `symbol_mm` wide.
fn total_width(qr: &Qr, symbol_mm: f32) -> f32 {
    symbol_mm * (qr.size + 2 * QUIET_ZONE) as f32 / qr.size as f32
}

/// Vertical space of a line of text at `size` points, in mm.
fn lh(size: f32) -> f32 {
    size * 1.25 / MM
}

/// Sites for the layout tests: the sample, and the sample grown to `n`
/// procedures (each category's procedures copied under new ids).
#[cfg(test)]
pub(crate) mod test_sites {
    use crate::model::Site;

    pub fn sample() -> Site {
        let opts = crate::load::LoadOptions {
            root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            base_url: None,
            lang: None,
        };
        crate::load::load(&opts, None)
            .site
            .expect("the sample site loads")
    }

    pub fn grown(n: usize) -> Site {
        let mut site = sample();
        let mut k = 0;
        while site.procedures().count() < n {
            let ci = k % site.categories.len();
            let c = &mut site.categories[ci];
            let mut p = c.procedures[k % c.procedures.len()].clone();
            p.id = format!("x{k:x}");
            p.slug = format!("{}-{k}", p.slug);
            p.title = format!("{} {k}", p.title);
            c.procedures.push(p);
            k += 1;
        }
        site
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skrifa::raw::types::Tag;

    /// `bytes` with every offset of its `loca` table out of range: the
    /// characters can be read, the glyphs cannot be embedded.
    fn glyphs_broken(bytes: &[u8]) -> Vec<u8> {
        let font = skrifa::FontRef::new(bytes).expect("a font");
        let loca = font
            .table_directory
            .table_records()
            .iter()
            .find(|r| r.tag() == Tag::new(b"loca"))
            .expect("a loca table");
        let (at, len) = (loca.offset() as usize, loca.length() as usize);
        let mut broken = bytes.to_vec();
        broken[at..at + len].fill(0xFF);
        broken
    }

    #[test]
    fn a_damaged_font_added_to_the_theme_is_named_when_it_cannot_be_embedded() {
        let t = Theme::builtin();
        let load = |n: &str| Face::load(t.get(n).expect("font").to_vec()).expect("face");
        let regular = load("fonts/DejaVuSans.ttf");
        let mut bold = load("fonts/DejaVuSans-Bold.ttf");
        // DejaVu Sans Bold has no 𝖠; the added font has it, damaged
        let mut added = Face::load(glyphs_broken(t.get("fonts/DejaVuSans.ttf").expect("font")))
            .expect("its characters can be read");
        added.name = "Them-Regular.ttf".into();
        bold.more = vec![Arc::new(added)];
        let fonts = Fonts {
            regular,
            bold,
            unread: Vec::new(),
        };
        let draw = |text: &str| {
            let mut doc = Document::new();
            let mut page = doc.start_page_with(page_settings(A6, 0.0).expect("A6"));
            let mut surface = page.surface();
            let mut c = Canvas::at(&mut surface, 0.0, 0.0);
            c.text(&fonts.bold, 11.0, 10.0, 10.0, text);
            surface.finish();
            page.finish();
            finish(doc, &fonts)
        };
        match draw("Đăng ký 𝖠") {
            Err(DrawError::Font { name }) => assert_eq!(name, "Them-Regular.ttf"),
            Err(DrawError::Failed(d)) => panic!("not named: {d}"),
            other => panic!("{:?}", other.map(|b| b.len()).map_err(|_| "?")),
        }
        // a line the damaged font has no part in is made
        assert!(draw("Đăng ký").is_ok());
    }
}
