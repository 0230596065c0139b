//! The board sheet (bảng niêm yết): every procedure's code in a grid,
//! grouped by category.

use super::*;

impl<'a> Printer<'a> {
    /// The board sheet's layout on `paper`: pages of blocks.
    pub(super) fn board_pages(&self, paper: Paper) -> Vec<Vec<Block<'a>>> {
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
    pub(super) fn board(&self, paper: Paper) -> Result<Drawn, DrawError> {
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
            y += lh(11.0);
            c.text(
                &f.bold,
                11.0,
                g.m,
                y,
                &fit(&f.bold, &self.genuine(0), 11.0, full_w, 1).0.concat(),
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
            top: m + lh(16.0) + 2.0 * lh(11.0) + 5.0,
            bottom: paper.h - m,
        }
    }
}

/// A block of the board sheet: a category heading or a row of codes.
#[derive(Debug, Clone)]
pub(super) enum Block<'p> {
    Category(String),
    Row(Vec<&'p Procedure>),
}

#[cfg(test)]
mod tests {
    use super::super::test_sites;
    use super::*;
    use crate::theme::Theme;

    fn plan(site: &Site, paper: Paper) -> (Vec<Vec<Block<'_>>>, BoardGrid) {
        let theme = Theme::builtin();
        let langs = crate::model::Language::all(site, &theme);
        let printer = Printer::new(site, &theme, langs).expect("printer");
        let pages = printer.board_pages(paper);
        (pages, BoardGrid::new(paper, printer.widest_qr()))
    }

    #[test]
    fn the_board_holds_every_code_once_and_no_heading_ends_a_page() {
        for n in [12, 40, 200] {
            let site = match n {
                12 => test_sites::sample(),
                _ => test_sites::grown(n),
            };
            for paper in [A4.landscape(), A3.landscape(), A4, A3] {
                let (pages, g) = plan(&site, paper);
                let mut ids = Vec::new();
                for page in &pages {
                    assert!(!page.is_empty(), "an empty page");
                    assert!(
                        !matches!(page.last(), Some(Block::Category(_))),
                        "a heading alone at the bottom of a page ({n}, {})",
                        paper.name
                    );
                    let mut y = g.top;
                    for b in page {
                        match b {
                            Block::Category(_) => y += g.cat_h,
                            Block::Row(row) => {
                                assert!(!row.is_empty() && row.len() <= g.cols);
                                y += g.cell_h;
                                ids.extend(row.iter().map(|p| p.id.clone()));
                            }
                        }
                    }
                    assert!(y <= g.bottom + 0.01, "page overflows: {y} > {}", g.bottom);
                }
                let want: Vec<String> = site.procedures().map(|(_, p)| p.id.clone()).collect();
                assert_eq!(ids, want, "every code once, in site order");
            }
        }
    }
}
