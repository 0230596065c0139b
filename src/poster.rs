//! Print output: QR posters (A4, A5), the board sheet (bảng niêm yết, A4
//! and A3), flyers imposed on A4 (2 × A5, 4 × A6), and `in-an/index.html`
//! listing them. Text is measured and wrapped; what does not fit is cut
//! with "…" and reported, never drawn over something else.

use std::collections::BTreeMap;

use krilla::Document;
use krilla::metadata::Metadata;
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::messages::Msg;
use crate::model::{Procedure, Site};
use crate::pdf::{A3, A4, A5, A6, Canvas, Face, Fonts, MM, Paper, fit, page_settings, wrap};
use crate::qr::{Qr, short_link};
use crate::render::OutFile;
use crate::theme::Theme;

/// Folder of the print files in the output.
pub const PRINT_DIR: &str = "in-an";

/// One print file, for the listing page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PrintItem {
    /// Path inside the output.
    pub path: String,
    /// What it is ("Đăng ký tạm trú", "Tất cả thủ tục").
    pub label: String,
    /// Sheet size, e.g. "A4".
    pub paper: String,
    pub pages: usize,
    /// Which group of the listing: `posters`, `board`, `flyers`.
    pub group: String,
}

/// Something that had to be shortened to fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub file: String,
    pub what: String,
}

/// Everything the print stage made.
pub struct PrintOutput {
    pub files: Vec<OutFile>,
    pub items: Vec<PrintItem>,
    pub cuts: Vec<Cut>,
}

/// One print file made: the file, its listing entry, what was cut.
type Made = (OutFile, PrintItem, Vec<Cut>);

/// What a poster or flyer needs to know, ready to draw.
struct Sheet<'a> {
    site: &'a Site,
    fonts: &'a Fonts,
    t: &'a BTreeMap<String, String>,
}

impl Sheet<'_> {
    fn t(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }
}

/// Loads the print font from the theme.
pub fn fonts(theme: &Theme) -> Option<Fonts> {
    let regular = Face::load(theme.get("fonts/DejaVuSans.ttf")?.to_vec())?;
    let bold = Face::load(theme.get("fonts/DejaVuSans-Bold.ttf")?.to_vec())?;
    Some(Fonts { regular, bold })
}

/// Makes every print file of the site.
pub fn render(
    site: &Site,
    theme: &Theme,
    t: &BTreeMap<String, String>,
) -> Result<PrintOutput, Diagnostic> {
    let fonts = fonts(theme).ok_or_else(|| {
        Diagnostic::error(Msg::TemplateFailed {
            template: "fonts/DejaVuSans.ttf".into(),
            detail: "font missing or unreadable".into(),
        })
    })?;
    let sheet = Sheet {
        site,
        fonts: &fonts,
        t,
    };
    let procs: Vec<&Procedure> = site.procedures().map(|(_, p)| p).collect();
    let bleed = site.config.print.bleed_mm as f32;
    let marks = site.config.print.crop_marks;

    // one job per file, run in parallel, results in a fixed order
    enum Job<'p> {
        Poster(&'p Procedure, Paper),
        Flyer2(Vec<&'p Procedure>, String, String),
        Flyer4(Vec<&'p Procedure>, String, String),
        Board(Paper),
    }
    let mut jobs: Vec<Job<'_>> = Vec::new();
    let mut posters = vec![A4, A5];
    if site.config.print.paper == "A3" {
        posters.insert(0, A3);
    }
    for paper in &posters {
        jobs.extend(procs.iter().map(|p| Job::Poster(p, *paper)));
    }
    jobs.push(Job::Board(A4));
    jobs.push(Job::Board(A3));
    for p in &procs {
        jobs.push(Job::Flyer2(
            vec![p, p],
            format!("{PRINT_DIR}/to-roi-2a5/{}.pdf", p.id),
            p.title.clone(),
        ));
        jobs.push(Job::Flyer4(
            vec![p, p, p, p],
            format!("{PRINT_DIR}/to-roi-4a6/{}.pdf", p.id),
            p.title.clone(),
        ));
    }
    let all = sheet.t("print_all_flyers");
    jobs.push(Job::Flyer2(
        procs.clone(),
        format!("{PRINT_DIR}/to-roi-2a5-tat-ca.pdf"),
        all.clone(),
    ));
    jobs.push(Job::Flyer4(
        procs.clone(),
        format!("{PRINT_DIR}/to-roi-4a6-tat-ca.pdf"),
        all,
    ));

    let results: Vec<Result<Made, String>> = jobs
        .par_iter()
        .map(|job| match job {
            Job::Poster(p, paper) => sheet.poster(p, *paper, bleed, marks),
            Job::Board(paper) => sheet.board(&procs, *paper),
            Job::Flyer2(list, path, label) => sheet.flyers(list, 2, path, label),
            Job::Flyer4(list, path, label) => sheet.flyers(list, 4, path, label),
        })
        .collect();
    let mut out = PrintOutput {
        files: Vec::new(),
        items: Vec::new(),
        cuts: Vec::new(),
    };
    for r in results {
        let (file, item, cuts) = r.map_err(|detail| {
            Diagnostic::error(Msg::WriteFailed {
                detail: format!("PDF: {detail}"),
            })
        })?;
        out.files.push(file);
        out.items.push(item);
        out.cuts.extend(cuts);
    }
    Ok(out)
}

fn new_document(title: &str, lang: &str) -> Document {
    let mut doc = Document::new();
    // No dates: the same input gives byte-identical PDFs.
    doc.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language(lang.to_string())
            .creator("camnang".to_string()),
    );
    doc
}

fn finish(doc: Document) -> Result<Vec<u8>, String> {
    doc.finish().map_err(|e| format!("{e:?}"))
}

/// Where a short link is written for people who cannot scan: without the
/// scheme and the final slash (`hoabinh.example.vn/q/tt01`).
fn typed_link(link: &str) -> String {
    let s = link.split_once("://").map(|(_, r)| r).unwrap_or(link);
    s.trim_end_matches('/').to_string()
}

/// Width with the quiet zone of a QR code whose symbol is `symbol_mm` wide.
fn total_width(qr: &Qr, symbol_mm: f32) -> f32 {
    symbol_mm * (qr.size + 2 * crate::qr::QUIET_ZONE) as f32 / qr.size as f32
}

/// Vertical space of a line of text, in mm.
fn lh(size: f32) -> f32 {
    size * 1.25 / MM
}

impl Sheet<'_> {
    fn qr_for(&self, p: &Procedure) -> Result<(Qr, String), String> {
        let cfg = &self.site.config;
        let link = short_link(&cfg.base_url, &p.id);
        let qr = Qr::encode(&link, &cfg.print.qr_error_correction).ok_or("QR code does not fit")?;
        Ok((qr, link))
    }

    /// One poster: `paper` with bleed and crop marks.
    fn poster(
        &self,
        p: &Procedure,
        paper: Paper,
        bleed: f32,
        marks: bool,
    ) -> Result<Made, String> {
        let path = format!(
            "{PRINT_DIR}/ap-phich-{}/{}.pdf",
            paper.name.to_lowercase(),
            p.id
        );
        let mut doc = new_document(&p.title, &self.site.config.language);
        let settings = page_settings(paper, bleed).ok_or("bad paper size")?;
        let mut cuts = Vec::new();
        {
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            let mut c = Canvas {
                surface: &mut surface,
                ox: bleed,
                oy: bleed,
            };
            let what = self.draw_poster(&mut c, p, paper, false)?;
            cuts.extend(what.into_iter().map(|w| Cut {
                file: path.clone(),
                what: w,
            }));
            if marks {
                c.crop_marks(paper.w, paper.h, bleed);
            }
            surface.finish();
            page.finish();
        }
        let bytes = finish(doc)?;
        let item = PrintItem {
            path: path.clone(),
            label: p.title.clone(),
            paper: paper.name.to_string(),
            pages: 1,
            group: "posters".into(),
        };
        Ok((OutFile::bytes(path, bytes), item, cuts))
    }

    /// Draws a poster or flyer in a `paper`-sized area of the canvas.
    /// `compact` is the A6 flyer: title, QR, link and help only.
    /// Returns what had to be cut.
    fn draw_poster(
        &self,
        c: &mut Canvas<'_, '_>,
        p: &Procedure,
        paper: Paper,
        compact: bool,
    ) -> Result<Vec<String>, String> {
        let f = self.fonts;
        let cfg = &self.site.config;
        let s = paper.w / A4.w; // scale against the A4 design
        let m = 14.0 * s;
        let w = paper.w - 2.0 * m;
        let mut cuts = Vec::new();
        let mut y = m;

        // commune, with a rule under it
        let head = match &cfg.province {
            Some(pr) => format!("{} · {}", cfg.commune, pr),
            None => cfg.commune.clone(),
        };
        let hs = 13.0 * s.max(0.75);
        let (head_lines, head_cut) = fit(&f.bold, &head, hs, w, 1);
        y += lh(hs) * 0.8;
        c.text(&f.bold, hs, m, y, &head_lines.concat());
        if head_cut {
            cuts.push("commune".to_string());
        }
        y += 2.5 * s;
        c.rect(m, y, w, 0.6 * s.max(0.6));
        y += 4.0 * s;

        // title: as large as fits in three lines, down to a floor
        let (mut size, floor) = (34.0 * s, 20.0 * s);
        let max_title_lines = 3;
        let title_lines = loop {
            let lines = wrap(&f.bold, &p.title, size, w);
            if lines.len() <= max_title_lines || size <= floor {
                break lines;
            }
            size -= 1.0;
        };
        let title_lines = if title_lines.len() > max_title_lines {
            cuts.push(format!("title ({} lines)", title_lines.len()));
            fit(&f.bold, &p.title, size, w, max_title_lines).0
        } else {
            title_lines
        };
        for l in &title_lines {
            y += lh(size);
            c.text(&f.bold, size, m, y, l);
        }
        y += 3.0 * s;

        // summary
        if !compact {
            let ss = 14.0 * s;
            let (lines, cut) = fit(&f.regular, &p.summary, ss, w, 3);
            if cut {
                cuts.push("summary".into());
            }
            for l in &lines {
                y += lh(ss);
                c.text(&f.regular, ss, m, y, l);
            }
            y += 4.0 * s;
        }

        // footer first (anchored to the bottom), so the middle knows its room
        let fs = 11.0 * s.max(0.8);
        let mut footer: Vec<(bool, String)> = Vec::new();
        let mut help = Vec::new();
        if let Some(phone) = &cfg.contact.phone {
            help.push(phone.clone());
        }
        if let Some(hours) = &cfg.contact.hours
            && !compact
        {
            help.push(hours.clone());
        }
        if !help.is_empty() {
            footer.push((
                true,
                format!("{}: {}", self.t("poster_help"), help.join(" · ")),
            ));
        }
        footer.push((false, format!("{}: {}", self.t("updated"), p.updated.dmy())));
        let mut footer_lines: Vec<(bool, String)> = Vec::new();
        for (bold, text) in &footer {
            let face = if *bold { &f.bold } else { &f.regular };
            let (lines, cut) = fit(face, text, fs, w, 2);
            if cut {
                cuts.push("footer".into());
            }
            footer_lines.extend(lines.into_iter().map(|l| (*bold, l)));
        }
        let footer_h = footer_lines.len() as f32 * lh(fs) + 4.0 * s;
        let footer_top = paper.h - m - footer_h;

        // QR block: code, the scan line, the link written out
        // the symbol itself (quiet zone not counted) at least 60 mm on A4,
        // 45 mm on A5
        let symbol_mm = match (compact, paper.name) {
            (true, _) => 36.0,
            (false, "A5") => 46.0,
            (false, _) => 62.0 * s.max(1.0),
        };
        let (qr, link) = self.qr_for(p)?;
        let qr_mm = total_width(&qr, symbol_mm).min(w);
        let cs = 13.0 * s.max(0.75);
        let (scan_lines, _) = fit(&f.bold, &self.t("poster_scan"), cs, w, 2);
        let typed = typed_link(&link);
        let ls = 12.0 * s.max(0.75);
        let link_lines = wrap(&f.regular, &typed, ls, w);
        let block_h =
            qr_mm + (scan_lines.len() as f32) * lh(cs) + link_lines.len() as f32 * lh(ls) + 2.0 * s;
        if y + block_h > footer_top {
            return Err(format!("poster {}: no room for the QR code", p.id));
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
        y += 5.0 * s;

        // steps, then what to prepare, in the room left above the footer
        let room_end = footer_top - 2.0 * s;
        let max_steps = if compact { 3 } else { 6 };
        let step_size = 12.0 * s.max(0.7);
        let hsz = 15.0 * s.max(0.7);
        let indent = f.bold.width("6. ", step_size);
        let mut drawn = 0;
        if !p.steps.is_empty() && y + lh(hsz) + lh(step_size) <= room_end {
            y += lh(hsz);
            c.text(&f.bold, hsz, m, y, &self.t("poster_steps"));
            y += 1.0 * s;
            for (i, step) in p.steps.iter().take(max_steps).enumerate() {
                let (lines, cut) = fit(&f.regular, step, step_size, w - indent, 2);
                let need = lines.len() as f32 * lh(step_size) + 1.0 * s;
                if y + need > room_end {
                    break;
                }
                if cut {
                    cuts.push(format!("step {}", i + 1));
                }
                for (j, l) in lines.iter().enumerate() {
                    y += lh(step_size);
                    if j == 0 {
                        c.text(&f.bold, step_size, m, y, &format!("{}.", i + 1));
                    }
                    c.text(&f.regular, step_size, m + indent, y, l);
                }
                y += 1.0 * s;
                drawn += 1;
            }
        }
        if drawn < p.steps.len() {
            cuts.push(format!("steps {} of {} shown", drawn, p.steps.len()));
            let note = self.t("poster_more_steps");
            if y + lh(step_size) <= room_end && drawn > 0 {
                y += lh(step_size);
                c.text(
                    &f.regular,
                    step_size,
                    m + indent,
                    y,
                    &fit(&f.regular, &note, step_size, w - indent, 1).0.concat(),
                );
            }
        }
        if !compact && !p.documents.is_empty() && y + 2.0 * s + lh(hsz) + lh(step_size) <= room_end
        {
            y += 2.0 * s + lh(hsz);
            c.text(&f.bold, hsz, m, y, &self.t("prepare"));
            y += 1.0 * s;
            let mut shown = 0;
            for d in p.documents.iter().take(4) {
                if y + lh(step_size) > room_end {
                    break;
                }
                let (line, cut) = fit(&f.regular, d, step_size, w - indent, 1);
                if cut {
                    cuts.push(format!("document {}", shown + 1));
                }
                y += lh(step_size);
                c.text(&f.regular, step_size, m, y, "□");
                c.text(&f.regular, step_size, m + indent, y, &line.concat());
                shown += 1;
            }
            if shown < p.documents.len() {
                cuts.push(format!(
                    "documents {} of {} shown",
                    shown,
                    p.documents.len()
                ));
            }
        } else if !compact && !p.documents.is_empty() {
            cuts.push(format!("documents 0 of {} shown", p.documents.len()));
        }

        // footer
        let mut fy = footer_top + 2.0 * s;
        c.rect(m, fy, w, 0.4 * s.max(0.6));
        for (bold, l) in &footer_lines {
            fy += lh(fs);
            c.text(if *bold { &f.bold } else { &f.regular }, fs, m, fy, l);
        }
        Ok(cuts)
    }

    /// Flyers imposed on A4: `per_sheet` 2 (A5, A4 landscape, one cut) or 4
    /// (A6, A4 portrait), with cut marks outside the flyers' white margins.
    fn flyers(
        &self,
        list: &[&Procedure],
        per_sheet: usize,
        path: &str,
        label: &str,
    ) -> Result<Made, String> {
        let (sheet, flyer, cols) = if per_sheet == 2 {
            (A4.landscape(), A5, 2)
        } else {
            (A4, A6, 2)
        };
        let rows = per_sheet / cols;
        let cell_w = sheet.w / cols as f32;
        let cell_h = sheet.h / rows as f32;
        let mut doc = new_document(label, &self.site.config.language);
        let mut cuts = Vec::new();
        for chunk in list.chunks(per_sheet) {
            let settings = page_settings(sheet, 0.0).ok_or("bad paper size")?;
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            for (i, p) in chunk.iter().enumerate() {
                let (col, row) = (i % cols, i / cols);
                let ox = col as f32 * cell_w + (cell_w - flyer.w) / 2.0;
                let oy = row as f32 * cell_h + (cell_h - flyer.h) / 2.0;
                let mut c = Canvas {
                    surface: &mut surface,
                    ox,
                    oy,
                };
                let what = self.draw_poster(&mut c, p, flyer, per_sheet == 4)?;
                if i == 0 || !cuts.iter().any(|c: &Cut| c.file == path) {
                    cuts.extend(what.into_iter().map(|w| Cut {
                        file: path.to_string(),
                        what: w,
                    }));
                }
            }
            // cut marks: short lines at the sheet edges on every cut line
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
        let pages = list.len().div_ceil(per_sheet);
        let bytes = finish(doc)?;
        let item = PrintItem {
            path: path.to_string(),
            label: label.to_string(),
            paper: format!("A4 ({} × {})", per_sheet, flyer.name),
            pages,
            group: "flyers".into(),
        };
        Ok((OutFile::bytes(path.to_string(), bytes), item, cuts))
    }

    /// The board sheet: every procedure's QR code (≥ 30 mm), title and
    /// short link in a grid, grouped by category, as many pages as needed.
    fn board(
        &self,
        procs: &[&Procedure],
        paper: Paper,
    ) -> Result<Made, String> {
        let f = self.fonts;
        let cfg = &self.site.config;
        let path = format!(
            "{PRINT_DIR}/bang-niem-yet-{}.pdf",
            paper.name.to_lowercase()
        );
        let m = 12.0;
        let cols = ((paper.w - 2.0 * m) / 60.0).floor().max(1.0) as usize;
        let cell_w = (paper.w - 2.0 * m) / cols as f32;
        let qr_mm = 32.0 * 37.0 / 29.0; // a version-3 symbol of 32 mm with its quiet zone
        let ts = 9.5;
        let cell_h = qr_mm + 3.0 * lh(ts) + lh(7.5) + 5.0;
        let cat_h = lh(13.0) + 3.0;
        let head_h = lh(16.0) + lh(11.0) + 6.0;
        let mut cuts = Vec::new();

        // plan pages: (category title or None, procedures in the row)
        enum Block<'p> {
            Category(String),
            Row(Vec<&'p Procedure>),
        }
        let mut pages: Vec<Vec<Block<'_>>> = vec![Vec::new()];
        let mut y = m + head_h;
        let bottom = paper.h - m;
        for cat in &self.site.categories {
            let in_cat: Vec<&Procedure> = procs
                .iter()
                .copied()
                .filter(|p| p.category == cat.slug)
                .collect();
            if in_cat.is_empty() {
                continue;
            }
            if y + cat_h + cell_h > bottom {
                pages.push(Vec::new());
                y = m + head_h;
            }
            pages
                .last_mut()
                .ok_or("no page")?
                .push(Block::Category(cat.title.clone()));
            y += cat_h;
            for row in in_cat.chunks(cols) {
                if y + cell_h > bottom {
                    pages.push(Vec::new());
                    y = m + head_h;
                }
                pages
                    .last_mut()
                    .ok_or("no page")?
                    .push(Block::Row(row.to_vec()));
                y += cell_h;
            }
        }
        let total = pages.len();
        let mut doc = new_document(&self.t("board_title"), &cfg.language);
        for (n, blocks) in pages.iter().enumerate() {
            let settings = page_settings(paper, 0.0).ok_or("bad paper size")?;
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            let mut c = Canvas {
                surface: &mut surface,
                ox: 0.0,
                oy: 0.0,
            };
            let mut y = m + lh(16.0);
            let title = format!("{} – {}", self.t("board_title"), cfg.commune);
            c.text(
                &f.bold,
                16.0,
                m,
                y,
                &fit(&f.bold, &title, 16.0, paper.w - 2.0 * m, 1).0.concat(),
            );
            y += lh(11.0);
            let sub = format!("{} {}/{}", self.t("poster_scan"), n + 1, total);
            c.text(
                &f.regular,
                11.0,
                m,
                y,
                &fit(&f.regular, &sub, 11.0, paper.w - 2.0 * m, 1).0.concat(),
            );
            y += 6.0;
            for b in blocks {
                match b {
                    Block::Category(t) => {
                        y += lh(13.0);
                        c.text(
                            &f.bold,
                            13.0,
                            m,
                            y,
                            &fit(&f.bold, t, 13.0, paper.w - 2.0 * m, 1).0.concat(),
                        );
                        y += 3.0;
                    }
                    Block::Row(row) => {
                        for (i, p) in row.iter().enumerate() {
                            let x = m + i as f32 * cell_w;
                            let (qr, link) = self.qr_for(p)?;
                            let total = total_width(&qr, 32.0).min(qr_mm);
                            c.qr(&qr, x + (cell_w - total) / 2.0, y, total);
                            let mut ty = y + qr_mm;
                            let (lines, cut) = fit(&f.bold, &p.title, ts, cell_w - 4.0, 3);
                            if cut {
                                cuts.push(Cut {
                                    file: path.clone(),
                                    what: format!("title of {}", p.id),
                                });
                            }
                            for l in &lines {
                                ty += lh(ts);
                                c.text_centred(&f.bold, ts, x + cell_w / 2.0, ty, l);
                            }
                            let typed = typed_link(&link);
                            let (l, _) = fit(&f.regular, &typed, 7.5, cell_w - 2.0, 1);
                            c.text_centred(
                                &f.regular,
                                7.5,
                                x + cell_w / 2.0,
                                y + qr_mm + 3.0 * lh(ts) + lh(7.5),
                                &l.concat(),
                            );
                        }
                        y += cell_h;
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        let bytes = finish(doc)?;
        let item = PrintItem {
            path: path.clone(),
            label: self.t("board_title"),
            paper: paper.name.into(),
            pages: total,
            group: "board".into(),
        };
        Ok((OutFile::bytes(path, bytes), item, cuts))
    }
}
