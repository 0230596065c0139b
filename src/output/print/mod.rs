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
use crate::output::{Claim, Context, Edit, OutFile, Output, Owner, PrintMode, Sink};
use crate::qr::{QUIET_ZONE, Qr};
use crate::theme::Theme;
use pdf::{A3, A4, A5, A6, Canvas, Face, Fonts, MM, Paper, fit, page_settings, wrap};

pub mod pdf;

/// The print output: every print file (with [`PrintMode::All`]) and the
/// print page listing them. It keeps what it had to shorten, for the
/// build's report.
#[derive(Default)]
pub struct Print {
    cuts: std::sync::Mutex<Vec<Cut>>,
}

impl Print {
    /// What the last render had to shorten on posters and flyers.
    pub fn take_cuts(&self) -> Vec<Cut> {
        std::mem::take(&mut *self.cuts.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Output for Print {
    fn name(&self) -> &'static str {
        "print"
    }

    fn claims(&self, cx: &Context<'_>) -> Vec<Claim> {
        if cx.print == PrintMode::None {
            return Vec::new();
        }
        let mut out = vec![Claim::new(
            routes::page_file(&routes::print_page()),
            Owner::Camnang("/in-an/"),
        )];
        if cx.print == PrintMode::All {
            let langs: Vec<Language> = cx
                .templates
                .languages()
                .iter()
                .map(|l| l.lang.clone())
                .collect();
            if let Ok(printer) = Printer::new(cx.site, cx.theme, langs) {
                out.extend(
                    printer
                        .jobs()
                        .iter()
                        .map(|j| Claim::new(j.path(), Owner::Camnang("/in-an/*.pdf"))),
                );
            }
        }
        out
    }

    fn render(&self, cx: &Context<'_>, sink: &dyn Sink) -> Result<Vec<OutFile>, Diagnostics> {
        if cx.print == PrintMode::None {
            return Ok(Vec::new());
        }
        let langs: Vec<Language> = cx
            .templates
            .languages()
            .iter()
            .map(|l| l.lang.clone())
            .collect();
        let printer = Printer::new(cx.site, cx.theme, langs)?;
        let mut files = Vec::new();
        let items = if cx.print == PrintMode::All {
            let out = printer.render_all(cx.progress, sink)?;
            files.extend(out.files);
            *self.cuts.lock().unwrap_or_else(|e| e.into_inner()) = out.cuts;
            out.items
        } else {
            printer.jobs().iter().map(|j| printer.item(j)).collect()
        };
        files.push(sink.take(print_page(cx.templates, &items)?)?);
        Ok(files)
    }

    /// Print files are drawn on request in `camnang serve`: nothing here.
    fn touched(&self, _: &Context<'_>, _: &Edit<'_>) -> Result<Vec<OutFile>, Diagnostic> {
        Ok(Vec::new())
    }
}

/// One print file, for the listing page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PrintItem {
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
fn print_page(tp: &Templates<'_>, items: &[PrintItem]) -> Result<OutFile, Diagnostic> {
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
    tp.page(
        lv,
        "print.html",
        routes::page_file(&rel),
        Some(tp.absolute(&rel)),
        vec![("groups", json!(groups))],
    )
}

/// What had to be shortened in one print file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub file: String,
    pub parts: Vec<CutPart>,
}

/// One print file to make.
#[derive(Debug, Clone)]
pub enum Job<'a> {
    /// One procedure's poster on `paper`, with bleed and crop marks, in
    /// language `lang` (an index into [`Printer`]'s languages).
    Poster {
        p: &'a Procedure,
        paper: Paper,
        lang: usize,
        /// The language's folder under `in-an/` (`""` or `"en/"`).
        prefix: String,
    },
    /// Every procedure's code in a grid, grouped by category.
    Board { paper: Paper },
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
    pub fn path(&self) -> String {
        match self {
            Job::Poster {
                p, paper, prefix, ..
            } => routes::poster(prefix, paper.name, &p.id),
            Job::Board { paper } => routes::board(paper.name),
            Job::Flyers { name, .. } => routes::flyers(name),
        }
    }
}

/// Why a print file could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrawError {
    /// A part (named language-neutrally, e.g. `QR`) found no room on the
    /// page even at the smallest text size.
    NoRoom { part: &'static str },
    /// The drawing or the PDF writer failed.
    Failed(String),
}

impl From<&str> for DrawError {
    fn from(detail: &str) -> DrawError {
        DrawError::Failed(detail.to_string())
    }
}

/// A drawn print file: its PDF bytes and what had to be shortened.
pub type Drawn = (Vec<u8>, Vec<CutPart>);

/// Everything the print stage made.
pub struct PrintOutput {
    pub files: Vec<OutFile>,
    pub items: Vec<PrintItem>,
    pub cuts: Vec<Cut>,
}

/// Loads the print font from the theme.
pub fn fonts(theme: &Theme) -> Option<Fonts> {
    let regular = Face::load(theme.get("fonts/DejaVuSans.ttf")?.to_vec())?;
    let bold = Face::load(theme.get("fonts/DejaVuSans-Bold.ttf")?.to_vec())?;
    Some(Fonts { regular, bold })
}

/// Draws the print files of one site, in every language.
pub struct Printer<'a> {
    site: &'a Site,
    fonts: Fonts,
    /// The site's languages, its own first.
    langs: Vec<Language>,
    /// The procedures, category by category.
    procs: Vec<&'a Procedure>,
}

impl<'a> Printer<'a> {
    /// Prepares the theme's font and strings for `site`.
    pub fn new(
        site: &'a Site,
        theme: &Theme,
        langs: Vec<Language>,
    ) -> Result<Printer<'a>, Diagnostic> {
        let fonts = fonts(theme).ok_or_else(|| {
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
        })
    }

    /// An interface string in language `lang`.
    fn tl(&self, lang: usize, key: &str) -> String {
        self.langs
            .get(lang)
            .and_then(|l| l.t.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// An interface string in the site's language.
    fn t(&self, key: &str) -> String {
        self.tl(0, key)
    }

    /// Every print file of the site, in a fixed order.
    pub fn jobs(&self) -> Vec<Job<'a>> {
        let mut jobs = Vec::new();
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
        jobs.push(Job::Board { paper: A4 });
        jobs.push(Job::Board { paper: A3 });
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
            jobs.push(Job::Flyers {
                list: self.procs.clone(),
                per_sheet,
                name: format!("{folder}-tat-ca"),
                label: self.t("print_all_flyers"),
                lang: 0,
            });
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
    pub fn item(&self, job: &Job<'_>) -> PrintItem {
        let path = job.path();
        match job {
            Job::Poster { p, paper, lang, .. } => PrintItem {
                path,
                label: p.in_lang(&self.langs[*lang].code).title.clone(),
                paper: paper.name.to_string(),
                pages: 1,
                group: self.group(*lang, "posters"),
            },
            Job::Board { paper } => PrintItem {
                path,
                label: self.t("board_title"),
                paper: paper.name.to_string(),
                pages: self.board_pages(*paper).len(),
                group: "board".into(),
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
    pub fn draw(&self, job: &Job<'_>) -> Result<Drawn, Diagnostic> {
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
            })
        })
    }

    /// Draws one print file: its PDF bytes and what had to be shortened.
    fn render(&self, job: &Job<'_>) -> Result<Drawn, DrawError> {
        match job {
            Job::Poster { p, paper, lang, .. } => self.poster(p, *paper, *lang),
            Job::Board { paper } => self.board(*paper),
            Job::Flyers {
                list,
                per_sheet,
                label,
                lang,
                ..
            } => self.flyers(list, *per_sheet, label, *lang),
        }
    }

    /// Draws every print file, in parallel, in the order of [`Printer::jobs`].
    pub fn render_all(
        &self,
        progress: &dyn crate::Progress,
        sink: &dyn Sink,
    ) -> Result<PrintOutput, Diagnostic> {
        let jobs = self.jobs();
        progress.stage(crate::Stage::PrintFiles, jobs.len());
        // each file goes to the sink as soon as it is drawn: PDFs are big
        let results: Vec<Result<(OutFile, Vec<CutPart>), Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let r = self.draw(job);
                progress.advance(1);
                let (bytes, parts) = r?;
                Ok((sink.take(OutFile::bytes(job.path(), bytes))?, parts))
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
        let base = routes::absolute(&cfg.base_url, &self.langs[lang].prefix);
        let link = routes::short_link(&base, &p.id);
        let qr = crate::qr::cached(&link, cfg.print.qr_error_correction.qr())
            .ok_or("the short link is too long for a QR code")?;
        Ok((qr, link))
    }

    /// One poster: `paper` with bleed and, if asked, crop marks.
    fn poster(&self, p: &Procedure, paper: Paper, lang: usize) -> Result<Drawn, DrawError> {
        let print = &self.site.config.print;
        let bleed = print.bleed_mm as f32;
        let mut doc = self.new_document(&p.in_lang(&self.langs[lang].code).title, lang);
        let settings = page_settings(paper, bleed).ok_or("bad paper size")?;
        let cuts;
        {
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            let mut c = Canvas {
                surface: &mut surface,
                ox: bleed,
                oy: bleed,
            };
            cuts = self.draw_sheet(&mut c, p, paper, false, lang)?;
            if print.crop_marks {
                c.crop_marks(paper.w, paper.h, bleed);
            }
            surface.finish();
            page.finish();
        }
        Ok((finish(doc)?, cuts))
    }

    /// Flyers imposed on A4: 2 × A5 on A4 landscape (one cut down the
    /// middle) or 4 × A6 on A4 portrait, each flyer with white margins so
    /// no bleed is needed, and cut marks at the sheet edges.
    fn flyers(
        &self,
        list: &[&Procedure],
        per_sheet: usize,
        label: &str,
        lang: usize,
    ) -> Result<Drawn, DrawError> {
        let (sheet, flyer, cols) = if per_sheet == 2 {
            (A4.landscape(), A5, 2)
        } else {
            (A4, A6, 2)
        };
        let rows = per_sheet / cols;
        let cell_w = sheet.w / cols as f32;
        let cell_h = sheet.h / rows as f32;
        let mut doc = self.new_document(label, lang);
        let mut cuts: Vec<CutPart> = Vec::new();
        for chunk in list.chunks(per_sheet) {
            let settings = page_settings(sheet, 0.0).ok_or("bad paper size")?;
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            for (i, p) in chunk.iter().enumerate() {
                let (col, row) = (i % cols, i / cols);
                let mut c = Canvas {
                    surface: &mut surface,
                    ox: col as f32 * cell_w + (cell_w - flyer.w) / 2.0,
                    oy: row as f32 * cell_h + (cell_h - flyer.h) / 2.0,
                };
                for part in self.draw_sheet(&mut c, p, flyer, per_sheet == 4, lang)? {
                    if !cuts.contains(&part) {
                        cuts.push(part);
                    }
                }
            }
            let mut c = Canvas {
                surface: &mut surface,
                ox: 0.0,
                oy: 0.0,
            };
            for k in 1..cols {
                let x = k as f32 * cell_w;
                c.line(x, 0.0, x, 5.0, 0.3);
                c.line(x, sheet.h - 5.0, x, sheet.h, 0.3);
            }
            for k in 1..rows {
                let y = k as f32 * cell_h;
                c.line(0.0, y, 5.0, y, 0.3);
                c.line(sheet.w - 5.0, y, sheet.w, y, 0.3);
            }
            surface.finish();
            page.finish();
        }
        Ok((finish(doc)?, cuts))
    }

    /// Draws a poster or a flyer in a `paper`-sized area of the canvas.
    /// `compact` is the A6 flyer: no summary, three steps, no checklist.
    /// Returns what had to be shortened.
    fn draw_sheet(
        &self,
        c: &mut Canvas<'_, '_>,
        p: &Procedure,
        paper: Paper,
        compact: bool,
        lang: usize,
    ) -> Result<Vec<CutPart>, DrawError> {
        let p = p.in_lang(&self.langs[lang].code);
        let f = &self.fonts;
        let cfg = &self.site.config;
        let s = paper.w / A4.w; // scale against the A4 design
        let small = s.max(0.75); // small print never below 75 % of A4's
        let m = 14.0 * s;
        let w = paper.w - 2.0 * m;
        let mut cuts = Vec::new();
        let mut y = m;

        // the commune, with a rule under it
        let head = match &cfg.province {
            Some(pr) => format!("{} · {}", cfg.commune, pr),
            None => cfg.commune.clone(),
        };
        let hs = 13.0 * small;
        let (head_line, head_cut) = fit(&f.bold, &head, hs, w, 1);
        if head_cut {
            cuts.push(CutPart::Commune);
        }
        y += lh(hs) * 0.8;
        c.text(&f.bold, hs, m, y, &head_line.concat());
        y += 2.5 * s;
        c.rect(m, y, w, 0.6 * small);
        y += 4.0 * s;

        // the title: as large as fits in three lines, then four lines at
        // the smallest size, then shortened
        let (mut size, floor) = (36.0 * s, 22.0 * s);
        let title_lines = loop {
            let lines = wrap(&f.bold, &p.title, size, w);
            if lines.len() <= 3 || size <= floor {
                break lines;
            }
            size -= 1.0;
        };
        let title_lines = if title_lines.len() > 4 {
            cuts.push(CutPart::Title);
            fit(&f.bold, &p.title, size, w, 4).0
        } else {
            title_lines
        };
        for l in &title_lines {
            y += lh(size);
            c.text(&f.bold, size, m, y, l);
        }
        y += 3.0 * s;

        if !compact {
            let ss = 15.0 * s;
            let (lines, cut) = fit(&f.regular, &p.summary, ss, w, 3);
            if cut {
                cuts.push(CutPart::Summary);
            }
            for l in &lines {
                y += lh(ss);
                c.text(&f.regular, ss, m, y, l);
            }
            y += 4.0 * s;
        }

        // the footer is anchored to the bottom, so the middle knows its room
        let fs = 11.0 * s.max(0.8);
        let mut footer: Vec<(bool, String)> = Vec::new();
        let mut help = Vec::new();
        if let Some(phone) = &cfg.contact.phone {
            help.push(phone.clone());
        }
        if let (Some(hours), false) = (&cfg.contact.hours, compact) {
            help.push(hours.clone());
        }
        if !help.is_empty() {
            let text = format!("{}: {}", self.tl(lang, "poster_help"), help.join(" · "));
            let (lines, cut) = fit(&f.bold, &text, fs, w, 2);
            if cut {
                cuts.push(CutPart::Footer);
            }
            footer.extend(lines.into_iter().map(|l| (true, l)));
        }
        footer.push((
            false,
            format!("{}: {}", self.tl(lang, "updated"), p.updated.dmy()),
        ));
        let footer_top = paper.h - m - footer.len() as f32 * lh(fs) - 3.0 * s;

        // the QR block: the symbol (quiet zone not counted) 66 mm wide on
        // A4, 47 mm on A5, 36 mm on A6; the scan line; the link written out
        let symbol_mm = match (compact, paper.name) {
            (true, _) => 36.0,
            (false, "A5") => 47.0,
            (false, "A3") => 90.0,
            (false, _) => 66.0,
        };
        let (qr, link) = self.qr_for(p, lang)?;
        let qr_mm = total_width(&qr, symbol_mm).min(w);
        let cs = 14.0 * small;
        let (scan_lines, _) = fit(&f.bold, &self.tl(lang, "poster_scan"), cs, w, 2);
        let ls = 13.0 * small;
        let link_lines = wrap(&f.regular, &routes::typed_link(&link), ls, w);
        let block_h =
            qr_mm + scan_lines.len() as f32 * lh(cs) + link_lines.len() as f32 * lh(ls) + 2.0 * s;
        if y + block_h > footer_top {
            return Err(DrawError::NoRoom { part: "QR" });
        }
        c.qr(&qr, m + (w - qr_mm) / 2.0, y, qr_mm);
        y += qr_mm;
        for l in &scan_lines {
            y += lh(cs);
            c.text_centred(&f.bold, cs, m + w / 2.0, y, l);
        }
        for l in &link_lines {
            y += lh(ls);
            c.text_centred(&f.regular, ls, m + w / 2.0, y, l);
        }
        y += 4.0 * s;

        // the steps and the checklist, in the room left above the footer
        let limits = if compact { (3, 0) } else { (6, 4) };
        let sizes: Vec<f32> = [16.0, 15.0, 14.0, 13.0, 12.0, 11.0]
            .iter()
            .map(|z| z * s.max(0.7))
            .collect();
        let plan = self.plan_lists(p, w, footer_top - 1.5 * s - y, limits, &sizes, s);
        // the A6 flyer shows three steps by design: that is not a cut
        cuts.extend(
            plan.cuts
                .iter()
                .filter(|c| {
                    !(compact && matches!(c, CutPart::Steps { shown, .. } if *shown == limits.0))
                })
                .cloned(),
        );
        self.draw_lists(c, &plan, m, y, w, s, lang);

        // the footer
        let mut fy = footer_top + 1.5 * s;
        c.rect(m, fy, w, 0.4 * small);
        for (bold, l) in &footer {
            fy += lh(fs);
            c.text(if *bold { &f.bold } else { &f.regular }, fs, m, fy, l);
        }
        Ok(cuts)
    }

    /// Lays out the steps (at most `limits.0`) and the checklist (at most
    /// `limits.1` documents) in `room` mm of height: the largest of `sizes`
    /// at which everything fits, or at the smallest size as much as fits.
    fn plan_lists(
        &self,
        p: &Procedure,
        w: f32,
        room: f32,
        limits: (usize, usize),
        sizes: &[f32],
        s: f32,
    ) -> ListPlan {
        let f = &self.fonts;
        let smallest = sizes.last().copied().unwrap_or(10.0);
        for (k, &size) in sizes.iter().enumerate() {
            let last = k + 1 == sizes.len();
            let head = size * 1.2;
            let indent = f.bold.width("6. ", size);
            let mut plan = ListPlan {
                size,
                head,
                indent,
                ..ListPlan::default()
            };
            let mut used = 0.0;
            let gap = 1.0 * s;
            // steps
            if !p.steps.is_empty() {
                let need = lh(head) + gap + lh(size);
                if used + need <= room {
                    used += lh(head) + gap;
                    plan.steps_heading = true;
                    for (i, step) in p.steps.iter().take(limits.0).enumerate() {
                        let (lines, cut) = fit(&f.regular, step, size, w - indent, 3);
                        let h = lines.len() as f32 * lh(size) + gap;
                        if used + h > room {
                            break;
                        }
                        used += h;
                        if cut {
                            plan.cuts.push(CutPart::Step(i + 1));
                        }
                        plan.steps.push(lines);
                    }
                }
                if plan.steps.len() < p.steps.len() {
                    plan.cuts.push(CutPart::Steps {
                        shown: plan.steps.len(),
                        total: p.steps.len(),
                    });
                    if !plan.steps.is_empty() && used + lh(size) <= room {
                        used += lh(size);
                        plan.more_note = true;
                    }
                }
            }
            // what to prepare
            if limits.1 > 0 && !p.documents.is_empty() {
                let top = 2.0 * s + lh(head) + gap;
                if used + top + lh(size) <= room {
                    used += top;
                    plan.docs_heading = true;
                    for (i, d) in p.documents.iter().take(limits.1).enumerate() {
                        let (lines, cut) = fit(&f.regular, d, size, w - indent, 2);
                        let h = lines.len() as f32 * lh(size) + 0.5 * gap;
                        if used + h > room {
                            break;
                        }
                        used += h;
                        if cut {
                            plan.cuts.push(CutPart::Document(i + 1));
                        }
                        plan.docs.push(lines);
                    }
                }
                if plan.docs.len() < p.documents.len() {
                    plan.cuts.push(CutPart::Documents {
                        shown: plan.docs.len(),
                        total: p.documents.len(),
                    });
                }
            }
            // a size is good when only the fixed limits cut anything
            let only_limits = plan.cuts.iter().all(|c| match c {
                CutPart::Steps { shown, .. } => *shown == limits.0,
                CutPart::Documents { shown, .. } => *shown == limits.1,
                _ => false,
            });
            if only_limits || last || size <= smallest {
                return plan;
            }
        }
        ListPlan::default()
    }

    #[allow(clippy::too_many_arguments)]
    fn draw_lists(
        &self,
        c: &mut Canvas<'_, '_>,
        plan: &ListPlan,
        m: f32,
        top: f32,
        w: f32,
        s: f32,
        lang: usize,
    ) {
        let f = &self.fonts;
        let size = plan.size;
        let gap = 1.0 * s;
        let mut y = top;
        if plan.steps_heading {
            y += lh(plan.head);
            c.text(&f.bold, plan.head, m, y, &self.tl(lang, "poster_steps"));
            y += gap;
            for (i, lines) in plan.steps.iter().enumerate() {
                for (j, l) in lines.iter().enumerate() {
                    y += lh(size);
                    if j == 0 {
                        c.text(&f.bold, size, m, y, &format!("{}.", i + 1));
                    }
                    c.text(&f.regular, size, m + plan.indent, y, l);
                }
                y += gap;
            }
            if plan.more_note {
                y += lh(size);
                let note = fit(
                    &f.regular,
                    &self.tl(lang, "poster_more_steps"),
                    size,
                    w - plan.indent,
                    1,
                );
                c.text(&f.regular, size, m + plan.indent, y, &note.0.concat());
            }
        }
        if plan.docs_heading {
            y += 2.0 * s + lh(plan.head);
            c.text(&f.bold, plan.head, m, y, &self.tl(lang, "prepare"));
            y += gap;
            for lines in &plan.docs {
                for (j, l) in lines.iter().enumerate() {
                    y += lh(size);
                    if j == 0 {
                        c.text(&f.regular, size, m, y, "□");
                    }
                    c.text(&f.regular, size, m + plan.indent, y, l);
                }
                y += 0.5 * gap;
            }
        }
        let _ = w;
    }

    /// The board sheet's layout on `paper`: pages of blocks.
    fn board_pages(&self, paper: Paper) -> Vec<Vec<Block<'a>>> {
        let g = BoardGrid::new(paper, self.widest_qr());
        let mut pages: Vec<Vec<Block<'a>>> = vec![Vec::new()];
        let mut y = g.top;
        for cat in &self.site.categories {
            let in_cat: Vec<&'a Procedure> = self
                .procs
                .iter()
                .copied()
                .filter(|p| p.category == cat.slug)
                .collect();
            if in_cat.is_empty() {
                continue;
            }
            if y + g.cat_h + g.cell_h > g.bottom && pages.last().is_some_and(|p| !p.is_empty()) {
                pages.push(Vec::new());
                y = g.top;
            }
            if let Some(page) = pages.last_mut() {
                page.push(Block::Category(cat.title.clone()));
            }
            y += g.cat_h;
            for row in in_cat.chunks(g.cols) {
                if y + g.cell_h > g.bottom {
                    pages.push(Vec::new());
                    y = g.top;
                }
                if let Some(page) = pages.last_mut() {
                    page.push(Block::Row(row.to_vec()));
                }
                y += g.cell_h;
            }
        }
        pages
    }

    /// The width, quiet zone included, of the widest board QR code.
    fn widest_qr(&self) -> f32 {
        self.procs
            .iter()
            .filter_map(|p| self.qr_for(p, 0).ok())
            .map(|(qr, _)| total_width(&qr, BOARD_SYMBOL_MM))
            .fold(BOARD_SYMBOL_MM, f32::max)
    }

    /// The board sheet: every procedure's QR code (symbol 32 mm), title and
    /// short link in a grid, grouped by category, as many pages as needed.
    fn board(&self, paper: Paper) -> Result<Drawn, DrawError> {
        let f = &self.fonts;
        let cfg = &self.site.config;
        let g = BoardGrid::new(paper, self.widest_qr());
        let pages = self.board_pages(paper);
        let total = pages.len();
        let mut cuts = Vec::new();
        let mut doc = self.new_document(&self.t("board_title"), 0);
        let full_w = paper.w - 2.0 * g.m;
        for (n, blocks) in pages.iter().enumerate() {
            let settings = page_settings(paper, 0.0).ok_or("bad paper size")?;
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            let mut c = Canvas {
                surface: &mut surface,
                ox: 0.0,
                oy: 0.0,
            };
            let mut y = g.m + lh(16.0);
            let title = format!("{} – {}", self.t("board_title"), cfg.commune);
            c.text(
                &f.bold,
                16.0,
                g.m,
                y,
                &fit(&f.bold, &title, 16.0, full_w, 1).0.concat(),
            );
            y += lh(11.0);
            let sub = format!("{} · {}/{}", self.t("poster_scan"), n + 1, total);
            c.text(
                &f.regular,
                11.0,
                g.m,
                y,
                &fit(&f.regular, &sub, 11.0, full_w, 1).0.concat(),
            );
            y = g.top;
            for b in blocks {
                match b {
                    Block::Category(t) => {
                        y += lh(13.0);
                        c.text(
                            &f.bold,
                            13.0,
                            g.m,
                            y,
                            &fit(&f.bold, t, 13.0, full_w, 1).0.concat(),
                        );
                        y += g.cat_h - lh(13.0);
                    }
                    Block::Row(row) => {
                        for (i, p) in row.iter().enumerate() {
                            let x = g.m + i as f32 * g.cell_w;
                            let (qr, link) = self.qr_for(p, 0)?;
                            let qw = total_width(&qr, BOARD_SYMBOL_MM);
                            c.qr(&qr, x + (g.cell_w - qw) / 2.0, y, qw);
                            let mut ty = y + g.qr_mm;
                            let (lines, cut) =
                                fit(&f.bold, &p.title, BOARD_TITLE, g.cell_w - 4.0, 3);
                            if cut {
                                cuts.push(CutPart::BoardTitle { id: p.id.clone() });
                            }
                            for l in &lines {
                                ty += lh(BOARD_TITLE);
                                c.text_centred(&f.bold, BOARD_TITLE, x + g.cell_w / 2.0, ty, l);
                            }
                            ty += lh(BOARD_LINK);
                            let (l, _) = fit(
                                &f.regular,
                                &routes::typed_link(&link),
                                BOARD_LINK,
                                g.cell_w - 2.0,
                                1,
                            );
                            c.text_centred(
                                &f.regular,
                                BOARD_LINK,
                                x + g.cell_w / 2.0,
                                ty,
                                &l.concat(),
                            );
                        }
                        y += g.cell_h;
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        Ok((finish(doc)?, cuts))
    }
}

/// The symbol width of a QR code on the board sheet, in mm.
const BOARD_SYMBOL_MM: f32 = 32.0;
/// Font sizes on the board sheet, in points.
const BOARD_TITLE: f32 = 9.5;
const BOARD_LINK: f32 = 8.0;

/// The board sheet's grid on one paper size.
struct BoardGrid {
    m: f32,
    cols: usize,
    cell_w: f32,
    /// Height of the QR area of a cell (the widest code, quiet zone included).
    qr_mm: f32,
    cell_h: f32,
    cat_h: f32,
    /// Where the grid starts under the page heading.
    top: f32,
    bottom: f32,
}

impl BoardGrid {
    fn new(paper: Paper, qr_mm: f32) -> BoardGrid {
        let m = 12.0;
        let cols = ((paper.w - 2.0 * m) / 58.0).floor().max(1.0) as usize;
        BoardGrid {
            m,
            cols,
            cell_w: (paper.w - 2.0 * m) / cols as f32,
            qr_mm,
            cell_h: qr_mm + 3.0 * lh(BOARD_TITLE) + lh(BOARD_LINK) + 4.0,
            cat_h: lh(13.0) + 2.0,
            top: m + lh(16.0) + lh(11.0) + 5.0,
            bottom: paper.h - m,
        }
    }
}

/// A block of the board sheet: a category heading or a row of codes.
#[derive(Debug, Clone)]
enum Block<'p> {
    Category(String),
    Row(Vec<&'p Procedure>),
}

/// The steps and checklist of a poster, wrapped and ready to draw.
#[derive(Debug, Default)]
struct ListPlan {
    size: f32,
    head: f32,
    indent: f32,
    steps_heading: bool,
    steps: Vec<Vec<String>>,
    more_note: bool,
    docs_heading: bool,
    docs: Vec<Vec<String>>,
    cuts: Vec<CutPart>,
}

fn finish(doc: Document) -> Result<Vec<u8>, DrawError> {
    doc.finish()
        .map_err(|e| DrawError::Failed(format!("{e:?}")))
}

/// Width with the quiet zone of a QR code whose symbol is `symbol_mm` wide.
fn total_width(qr: &Qr, symbol_mm: f32) -> f32 {
    symbol_mm * (qr.size + 2 * QUIET_ZONE) as f32 / qr.size as f32
}

/// Vertical space of a line of text at `size` points, in mm.
fn lh(size: f32) -> f32 {
    size * 1.25 / MM
}
