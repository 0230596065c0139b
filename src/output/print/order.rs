//! The order sheet for the print shop (đơn đặt in): what to print (files,
//! paper, colour, pages, copies from `print.copies`), the finishing, and
//! the sheets to buy per paper size, as one A4 PDF and on the print page.

use crate::model::Choice;
use crate::model::{FLYERS_A5_PER_SHEET, FLYERS_A6_PER_SHEET};

use super::*;

/// One kind of print file in the order.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct OrderLine {
    /// What it is ("Áp phích A4, mỗi thủ tục một tờ").
    pub what: String,
    /// The file, or the files of a folder (`in-an/ap-phich-a4/*.pdf`).
    pub files: String,
    /// How many files `files` stands for.
    pub file_count: usize,
    /// The paper the shop prints on (a larger sheet for bleed).
    pub stock: String,
    pub colour: String,
    /// Pages of each file, as shown ("1"; "50 (tập cuối: 25)" for a sheet
    /// in volumes).
    pub pages: String,
    /// Copies of each file.
    pub copies: u32,
    /// Sheets of `stock` in all.
    pub sheets: usize,
    pub finishing: String,
    /// `copies` and `sheets` as the site's language writes numbers
    /// ("1.200" in Vietnamese, "1,200" in English).
    pub copies_shown: String,
    pub sheets_shown: String,
}

/// Sheets of one paper size for the whole order.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct OrderTotal {
    pub stock: String,
    pub sheets: usize,
    /// `sheets` as the site's language writes numbers.
    pub sheets_shown: String,
}

/// The whole order.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Order {
    pub lines: Vec<OrderLine>,
    pub totals: Vec<OrderTotal>,
}

/// The sheet a trimmed `paper` with `bleed` mm on each side is printed on:
/// the paper itself without bleed, else the smallest usual sheet that
/// holds it with room for the crop marks.
fn stock(paper: Paper, bleed: f32) -> String {
    if bleed <= 0.0 {
        return paper.name.to_string();
    }
    let (w, h) = (paper.w + 2.0 * bleed, paper.h + 2.0 * bleed);
    [
        ("A4", A4.w, A4.h),
        ("SRA4 (225 × 320 mm)", 225.0, 320.0),
        ("A3", A3.w, A3.h),
        ("SRA3 (320 × 450 mm)", 320.0, 450.0),
    ]
    .iter()
    .find(|(_, sw, sh)| w <= *sw && h <= *sh)
    .map_or_else(
        || format!("{:.0} × {:.0} mm", w.ceil(), h.ceil()),
        |(n, ..)| n.to_string(),
    )
}

impl Printer<'_> {
    /// The paper of the posters in the order (`print.paper`) and of the
    /// board sheet (A3 with A3 posters, else A4).
    fn order_papers(&self) -> (Paper, Paper) {
        let poster = Paper::by_name(self.site.config.print.paper.key());
        let board = if poster == A3 { A3 } else { A4 };
        (poster, board)
    }

    /// What the order sheet asks the print shop for (worked out once).
    pub(crate) fn order(&self) -> &Order {
        self.order.get_or_init(|| self.make_order())
    }

    fn make_order(&self) -> Order {
        let print = &self.site.config.print;
        let copies = print.copies;
        let n = self.procs.len();
        let (poster, board) = self.order_papers();
        let bleed = print.bleed_mm as f32;
        let colour = self.t("order_black");
        let files = |path: String, count: usize| match count {
            1 => path,
            _ => routes::print_folder_files(&path),
        };
        let fill = |key: &str, paper: &str, k: u32| {
            self.t(key)
                .replace("{paper}", paper)
                .replace("{n}", &k.to_string())
        };
        let mut lines = Vec::new();
        if copies.posters > 0 && n > 0 {
            let trim = if bleed > 0.0 {
                let key = match print.crop_marks && pdf::crop_marks_fit(bleed) {
                    true => "order_trim",
                    false => "order_trim_no_marks",
                };
                // (3,5 mm in Vietnamese: its decimal mark is a comma)
                let mm = match self.site.config.language.as_str() {
                    "vi" => print.bleed_mm.to_string().replace('.', ","),
                    _ => print.bleed_mm.to_string(),
                };
                self.t(key)
                    .replace("{paper}", poster.name)
                    .replace("{w}", &format!("{:.0}", poster.w))
                    .replace("{h}", &format!("{:.0}", poster.h))
                    .replace("{bleed}", &mm)
            } else {
                self.t("order_no_trim")
            };
            lines.push(OrderLine {
                what: fill("order_posters", poster.name, 0),
                files: files(routes::poster("", poster.name, &self.procs[0].id), n),
                file_count: n,
                stock: stock(poster, bleed),
                colour: colour.clone(),
                pages: "1".into(),
                copies: copies.posters,
                sheets: n * copies.posters as usize,
                finishing: trim,
                copies_shown: String::new(),
                sheets_shown: String::new(),
            });
        }
        if copies.board > 0 && n > 0 {
            let pages = self.board_page_count(board);
            let volumes = pages.div_ceil(VOLUME_PAGES).max(1);
            let each = match volumes {
                1 => pages.to_string(),
                _ => self
                    .t("order_pages_volumes")
                    .replace("{n}", &VOLUME_PAGES.to_string())
                    .replace(
                        "{last}",
                        &(pages - (volumes - 1) * VOLUME_PAGES).to_string(),
                    ),
            };
            lines.push(OrderLine {
                what: fill("order_board", board.name, 0),
                files: match volumes {
                    1 => routes::board(board.name, ""),
                    _ => routes::board(board.name, "-tap-*"),
                },
                file_count: volumes,
                stock: board.name.to_string(),
                colour: colour.clone(),
                pages: each,
                copies: copies.board,
                sheets: pages * copies.board as usize,
                finishing: self.t("order_no_trim"),
                copies_shown: String::new(),
                sheets_shown: String::new(),
            });
        }
        for (wanted, per_sheet, folder, key, cut) in [
            (
                copies.flyers_a5,
                FLYERS_A5_PER_SHEET,
                "to-roi-2a5",
                "order_flyers_a5",
                "order_cut_a5",
            ),
            (
                copies.flyers_a6,
                FLYERS_A6_PER_SHEET,
                "to-roi-4a6",
                "order_flyers_a6",
                "order_cut_a6",
            ),
        ] {
            if wanted == 0 || n == 0 {
                continue;
            }
            // each procedure's file is one sheet of `per_sheet` flyers
            let each = wanted.div_ceil(per_sheet);
            lines.push(OrderLine {
                what: fill(key, "", each * per_sheet),
                files: files(routes::flyers(&format!("{folder}/{}", self.procs[0].id)), n),
                file_count: n,
                stock: "A4".into(),
                colour: colour.clone(),
                pages: "1".into(),
                copies: each,
                sheets: n * each as usize,
                finishing: self.t(cut),
                copies_shown: String::new(),
                sheets_shown: String::new(),
            });
        }
        let mut totals: Vec<OrderTotal> = Vec::new();
        for l in &lines {
            match totals.iter_mut().find(|t| t.stock == l.stock) {
                Some(t) => t.sheets += l.sheets,
                None => totals.push(OrderTotal {
                    stock: l.stock.clone(),
                    sheets: l.sheets,
                    sheets_shown: String::new(),
                }),
            }
        }
        // (a print shop reads 1.200.000 sheets, not 1200000)
        let lang = self.site.config.language.as_str();
        for l in &mut lines {
            l.copies_shown = crate::text::grouped(l.copies as usize, lang);
            l.sheets_shown = crate::text::grouped(l.sheets, lang);
        }
        for t in &mut totals {
            t.sheets_shown = crate::text::grouped(t.sheets, lang);
        }
        Order { lines, totals }
    }

    /// The order sheet as one A4 page: a block for each kind of file, the
    /// totals, and a note on the other languages.
    pub(super) fn order_sheet<'f>(&'f self) -> Result<Drawn, DrawError> {
        let f = &self.fonts;
        let cfg = &self.site.config;
        let order = self.order();
        let paper = A4;
        let m = 15.0;
        let w = paper.w - 2.0 * m;
        let mut doc = self.new_document(&self.t("order_title"), 0);
        let settings = page_settings(paper, 0.0).ok_or("bad paper size")?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let mut c = Canvas::at(&mut surface, 0.0, 0.0);
        let mut y = m;
        let right = m + w;
        let para =
            |c: &mut Canvas<'_, '_, 'f>, y: &mut f32, bold: bool, size: f32, x: f32, text: &str| {
                let face = if bold { &f.bold } else { &f.regular };
                for l in fit(face, text, size, right - x, 3).0 {
                    *y += lh(size);
                    c.text(face, size, x, *y, &l);
                }
            };
        let head = match &cfg.province {
            Some(pr) => format!("{} – {} · {}", self.t("order_title"), cfg.commune, pr),
            None => format!("{} – {}", self.t("order_title"), cfg.commune),
        };
        para(&mut c, &mut y, true, 18.0, m, &head);
        let mut contact = vec![routes::code_site(&self.base_url)];
        contact.extend(cfg.contact.phone.iter().cloned());
        para(&mut c, &mut y, false, 11.0, m, &contact.join(" · "));
        y += 2.0;
        c.rect(m, y, w, 0.6);
        y += 3.0;
        para(&mut c, &mut y, false, 11.0, m, &self.t("order_lead"));
        y += 3.0;
        for (i, l) in order.lines.iter().enumerate() {
            y += 3.0;
            para(
                &mut c,
                &mut y,
                true,
                13.0,
                m,
                &format!("{}. {}", i + 1, l.what),
            );
            let x = m + 6.0;
            let files = match l.file_count {
                1 => l.files.clone(),
                k => format!(
                    "{} ({})",
                    l.files,
                    self.t("order_file_count").replace("{n}", &k.to_string())
                ),
            };
            for (key, value) in [
                ("order_files", files),
                ("order_stock", l.stock.clone()),
                ("order_colour", l.colour.clone()),
                ("order_pages", l.pages.clone()),
                ("order_copies", l.copies_shown.clone()),
                ("order_sheets", l.sheets_shown.clone()),
                ("order_finishing", l.finishing.clone()),
            ] {
                para(
                    &mut c,
                    &mut y,
                    false,
                    11.0,
                    x,
                    &format!("{}: {value}", self.t(key)),
                );
            }
        }
        y += 5.0;
        c.rect(m, y, w, 0.4);
        y += 2.0;
        para(&mut c, &mut y, true, 13.0, m, &self.t("order_total"));
        for t in &order.totals {
            para(
                &mut c,
                &mut y,
                false,
                12.0,
                m + 6.0,
                &format!("{}: {}", t.stock, t.sheets_shown),
            );
        }
        if self.langs.len() > 1 {
            y += 3.0;
            para(
                &mut c,
                &mut y,
                false,
                10.0,
                m,
                &self.t("order_other_languages"),
            );
        }
        if y > paper.h - m {
            return Err(DrawError::NoRoom { part: "order" });
        }
        surface.finish();
        page.finish();
        Ok((finish(doc, &self.fonts)?, Vec::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_sites;
    use super::*;
    use crate::theme::Theme;

    #[test]
    fn a_board_in_volumes_is_ordered_volume_by_volume() {
        // 1,000 codes at 16 an A4 page: 63 pages, in volumes of 50 and 13
        let site = test_sites::grown(1000);
        let theme = Theme::builtin();
        let langs = crate::model::Language::all(&site, &theme);
        let printer = Printer::new(&site, &theme, langs).expect("printer");
        let pages = printer.board_pages(A4).len();
        assert_eq!(pages, 63);
        assert_eq!(printer.board_page_count(A4), pages);
        let order = printer.order();
        let board = &order.lines[1];
        assert_eq!(board.files, "in-an/bang-niem-yet-a4-tap-*.pdf");
        assert_eq!(board.file_count, 2);
        assert_eq!(board.pages, "50 (tập cuối: 13)");
        assert_eq!(board.sheets, 63);
        // the jobs: two volumes of each board, pages 1–50 and 51–63
        let volumes: Vec<(String, usize)> = printer
            .jobs()
            .iter()
            .filter(|j| matches!(j, Job::Board { paper, .. } if paper.name == "A4"))
            .map(|j| (j.path(), printer.item(j).pages))
            .collect();
        assert_eq!(
            volumes,
            [
                ("in-an/bang-niem-yet-a4-tap-1.pdf".to_string(), 50),
                ("in-an/bang-niem-yet-a4-tap-2.pdf".to_string(), 13)
            ]
        );
        // a sheet of exactly 50 pages is one volume, named without -tap-
        assert_eq!(Volume::all(50).count(), 1);
        assert_eq!(Volume::all(0).count(), 1);
        let two: Vec<_> = Volume::all(51).map(|v| v.pages(51)).collect();
        assert_eq!(two, [0..50, 50..51]);
    }

    #[test]
    fn the_order_counts_sheets_from_the_copies_asked_for() {
        let mut site = test_sites::sample();
        site.config.print.copies = crate::model::Copies {
            posters: 3,
            board: 2,
            flyers_a5: 3,
            flyers_a6: 10,
        };
        let theme = Theme::builtin();
        let langs = crate::model::Language::all(&site, &theme);
        let printer = Printer::new(&site, &theme, langs).expect("printer");
        let order = printer.order();
        let got: Vec<(&str, usize, u32, usize)> = order
            .lines
            .iter()
            .map(|l| (l.stock.as_str(), l.file_count, l.copies, l.sheets))
            .collect();
        assert_eq!(
            got,
            [
                ("SRA4 (225 × 320 mm)", 12, 3, 36),
                ("A4", 1, 2, 2),
                ("A4", 12, 2, 24),
                ("A4", 12, 3, 36)
            ]
        );
        assert_eq!(order.lines[0].files, "in-an/ap-phich-a4/*.pdf");
        assert_eq!(order.lines[1].files, "in-an/bang-niem-yet-a4.pdf");
        let totals: Vec<(&str, usize)> = order
            .totals
            .iter()
            .map(|t| (t.stock.as_str(), t.sheets))
            .collect();
        assert_eq!(totals, [("SRA4 (225 × 320 mm)", 36), ("A4", 62)]);
        assert!(printer.order_sheet().is_ok());
        assert_eq!(stock(A5, 3.0), "A4");
        assert_eq!(stock(A3, 3.0), "SRA3 (320 × 450 mm)");
        assert_eq!(stock(A4, 0.0), "A4");
    }
}
