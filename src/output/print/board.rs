//! The board sheet (bảng niêm yết): every procedure's code in one grid,
//! in site order, with each category's name inside the flow: a heading
//! band above the row segment its codes take in each row. Codes fill
//! every cell, so the sheet needs no more pages than its grid requires,
//! and a heading always stands on the codes it names.

use super::*;

impl<'a> Printer<'a> {
    /// The board sheet's layout on `paper`: pages of rows of codes.
    pub(super) fn board_pages(&self, paper: Paper) -> Vec<Vec<Vec<&'a Procedure>>> {
        let g = BoardGrid::new(paper, self.widest_qr());
        let mut pages: Vec<Vec<Vec<&'a Procedure>>> = self
            .procs
            .chunks(g.per_page())
            .map(|page| page.chunks(g.cols).map(<[_]>::to_vec).collect())
            .collect();
        if pages.is_empty() {
            pages.push(Vec::new());
        }
        pages
    }

    /// How many pages the board sheet takes on `paper` (the length of
    /// [`Printer::board_pages`], without laying them out).
    pub(super) fn board_page_count(&self, paper: Paper) -> usize {
        let g = BoardGrid::new(paper, self.widest_qr());
        self.procs.len().div_ceil(g.per_page()).max(1)
    }

    /// The width, quiet zone included, of the widest board QR code.
    fn widest_qr(&self) -> f32 {
        *self.widest.get_or_init(|| {
            self.procs
                .iter()
                .filter_map(|p| self.qr_for(p, 0).ok())
                .map(|(qr, _)| total_width(&qr, BOARD.symbol))
                .fold(BOARD.symbol, f32::max)
        })
    }

    /// The title of a category by its slug.
    fn category_title<'s>(&'s self, slug: &'s str) -> &'s str {
        self.site
            .categories
            .iter()
            .find(|c| c.slug == slug)
            .map_or(slug, |c| c.title.as_str())
    }

    /// What the build-cache key of one volume of the board sheet is made
    /// from, besides the settings: the procedures on its pages, and the
    /// grid (the number of pages, the widest code, the categories' names).
    pub(super) fn board_key(&self, paper: Paper, volume: Volume) -> (Vec<&'a Procedure>, String) {
        let pages = self.board_pages(paper);
        let shown: Vec<&Procedure> = pages[volume.pages(pages.len())]
            .iter()
            .flatten()
            .flatten()
            .copied()
            .collect();
        let titles: Vec<&str> = shown
            .iter()
            .map(|p| self.category_title(&p.category))
            .collect();
        let grid = serde_json::json!([pages.len(), self.widest_qr().to_bits(), titles]);
        (shown, grid.to_string())
    }

    /// One volume of the board sheet: every procedure's QR code (symbol
    /// 28 mm), title and short link in one grid, each row's categories
    /// named in a band above their codes, as many pages as the grid needs.
    pub(super) fn board(&self, paper: Paper, volume: Volume) -> Result<Drawn, DrawError> {
        let f = &self.fonts;
        let cfg = &self.site.config;
        let g = BoardGrid::new(paper, self.widest_qr());
        let pages = self.board_pages(paper);
        let total = pages.len();
        let mut cuts = Vec::new();
        let mut doc = self.new_document(&self.t("board_title"), 0);
        let full_w = paper.w - 2.0 * g.m;
        let range = volume.pages(total);
        let first = range.start;
        // (one for the whole document: its pages share many lines)
        let mut shaping = Shaping::default();
        for (n, rows) in pages[range].iter().enumerate() {
            let n = first + n;
            let settings = page_settings(paper, 0.0).ok_or("bad paper size")?;
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            let mut c = Canvas {
                surface: &mut surface,
                ox: 0.0,
                oy: 0.0,
                shaping: std::mem::take(&mut shaping),
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
            // "and do it online" only where every code of the page can be
            let scan = if rows.iter().flatten().all(|p| p.online.is_some()) {
                "poster_scan"
            } else {
                "poster_scan_guide"
            };
            let sub = format!("{} · {}/{}", self.t(scan), n + 1, total);
            c.text(
                &f.regular,
                11.0,
                g.m,
                y,
                &fit(&f.regular, &sub, 11.0, full_w, 1).0.concat(),
            );
            y += lh(11.0);
            // the address a genuine code opens, whole however long the
            // site's domain (it was cut before the domain)
            let (size, line, _) =
                fit_shrinking(&f.bold, &self.genuine(0), 11.0, BOARD.line_min, full_w);
            c.text(&f.bold, size, g.m, y, &line);
            for (r, row) in rows.iter().enumerate() {
                let top = g.top + r as f32 * g.row_h();
                // the band: each category's name over the cells it takes
                for (start, len) in segments(row) {
                    let x = g.m + start as f32 * g.cell_w + 1.0;
                    let w = len as f32 * g.cell_w - 2.0;
                    let name = self.category_title(&row[start].category);
                    // smaller rather than cut ("Thành lập và hoạt…" over
                    // one code); cut only below 7 pt, and told
                    let (size, line, cut) =
                        fit_shrinking(&f.bold, name, BOARD.heading, BOARD.line_min, w);
                    if cut {
                        cuts.push(CutPart::BoardCategory {
                            name: name.to_string(),
                        });
                    }
                    c.text(&f.bold, size, x, top + lh(BOARD.heading), &line);
                    c.rect(x, top + g.band_h - 1.2, w, 0.5);
                }
                let y = top + g.band_h;
                for (i, p) in row.iter().enumerate() {
                    let x = g.m + i as f32 * g.cell_w;
                    let (qr, link) = self.qr_for(p, 0)?;
                    let qw = total_width(&qr, BOARD.symbol);
                    c.qr(&qr, x + (g.cell_w - qw) / 2.0, y, qw);
                    let mut ty = y + g.qr_mm;
                    let (lines, cut) = fit(&f.bold, &p.title, BOARD.title, g.cell_w - 4.0, 3);
                    if cut {
                        cuts.push(CutPart::BoardTitle { id: p.id.clone() });
                    }
                    for l in &lines {
                        ty += lh(BOARD.title);
                        c.text_centred(&f.bold, BOARD.title, x + g.cell_w / 2.0, ty, l);
                    }
                    // the link whole, to check a poster against: smaller
                    // if need be, else on two lines where the title left
                    // a line free (cut to "hoabinh.example.vn/q/…", every
                    // label of a long domain read the same)
                    let typed = routes::typed_link(&link);
                    let (size, link_lines, cut) =
                        board_link(&f.regular, &typed, g.cell_w - 2.0, lines.len());
                    if cut {
                        cuts.push(CutPart::BoardLink { id: p.id.clone() });
                    }
                    for l in &link_lines {
                        ty += lh(size);
                        c.text_centred(&f.regular, size, x + g.cell_w / 2.0, ty, l);
                    }
                }
            }
            shaping = std::mem::take(&mut c.shaping);
            surface.finish();
            page.finish();
        }
        Ok((finish(doc, &self.fonts)?, cuts))
    }
}

/// The lines of a cell's short link (`typed`) `w` mm wide under a title
/// of `title_lines` lines: one line at the board's size, else at a
/// smaller one (down to `BOARD.link_min`), else two lines broken after
/// `/q/` when the title left one of its three lines free, else one line
/// cut (and `true`).
fn board_link(face: &Face, typed: &str, w: f32, title_lines: usize) -> (f32, Vec<String>, bool) {
    let (size, line, cut) = fit_shrinking(face, typed, BOARD.link, BOARD.link_min, w);
    if !cut {
        return (size, vec![line], false);
    }
    if title_lines < 3 {
        let size = BOARD.link_min;
        // after the site's `…/q/` if both halves fit, else where the
        // line is full (no space is added: the link is read as printed)
        if let Some(at) = typed.rfind("/q/").map(|at| at + 3) {
            let (site, id) = typed.split_at(at);
            if face.width(site, size) <= w && face.width(id, size) <= w {
                return (size, vec![site.to_string(), id.to_string()], false);
            }
        }
        let (lines, cut) = fit(face, typed, size, w, 2);
        if !cut {
            return (size, lines, false);
        }
    }
    (size, vec![line], true)
}

/// The runs of one row that belong to one category: `(first cell, cells)`.
fn segments(row: &[&Procedure]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, p) in row.iter().enumerate() {
        match out.last_mut() {
            Some((start, len)) if row[*start].category == p.category => *len += 1,
            _ => out.push((i, 1)),
        }
    }
    out
}

/// The board sheet's grid on one paper size.
struct BoardGrid {
    m: f32,
    cols: usize,
    /// Rows of codes on a page.
    rows: usize,
    cell_w: f32,
    /// Height of the QR area of a cell (the widest code, quiet zone included).
    qr_mm: f32,
    /// Height of a cell under its band: code, three title lines, link.
    cell_h: f32,
    /// Height of the heading band over each row.
    band_h: f32,
    /// Where the grid starts under the page heading.
    top: f32,
}

impl BoardGrid {
    fn new(paper: Paper, qr_mm: f32) -> BoardGrid {
        let m = 12.0;
        let cols = ((paper.w - 2.0 * m) / BOARD.min_cell).floor().max(1.0) as usize;
        let top = m + lh(16.0) + 2.0 * lh(11.0) + 4.0;
        let bottom = paper.h - m;
        let cell_h = qr_mm + 3.0 * lh(BOARD.title) + lh(BOARD.link) + 2.5;
        let band_h = lh(BOARD.heading) + 2.0;
        let rows = ((bottom - top) / (band_h + cell_h)).floor().max(1.0) as usize;
        BoardGrid {
            m,
            cols,
            rows,
            cell_w: (paper.w - 2.0 * m) / cols as f32,
            qr_mm,
            cell_h,
            band_h,
            top,
        }
    }

    fn row_h(&self) -> f32 {
        self.band_h + self.cell_h
    }

    fn per_page(&self) -> usize {
        self.cols * self.rows
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_sites;
    use super::*;
    use crate::theme::Theme;

    type Pages<'s> = Vec<Vec<Vec<&'s Procedure>>>;

    fn plan(site: &Site, paper: Paper) -> (Pages<'_>, BoardGrid) {
        let theme = Theme::builtin();
        let langs = crate::model::Language::all(site, &theme);
        let printer = Printer::new(site, &theme, langs).expect("printer");
        let pages = printer.board_pages(paper);
        (pages, BoardGrid::new(paper, printer.widest_qr()))
    }

    #[test]
    fn the_board_holds_every_code_once_and_every_heading_stands_on_its_codes() {
        for n in [12, 40, 200] {
            let site = match n {
                12 => test_sites::sample(),
                _ => test_sites::grown(n),
            };
            for paper in [A4.landscape(), A3.landscape(), A4, A3] {
                let (pages, g) = plan(&site, paper);
                let mut ids = Vec::new();
                for (k, page) in pages.iter().enumerate() {
                    assert!(!page.is_empty(), "an empty page");
                    assert!(page.len() <= g.rows, "too many rows ({n}, {})", paper.name);
                    let bottom = g.top + page.len() as f32 * g.row_h();
                    assert!(bottom <= paper.h - g.m + 0.01, "page overflows: {bottom}");
                    for (r, row) in page.iter().enumerate() {
                        assert!(!row.is_empty() && row.len() <= g.cols);
                        // only the very last row may leave cells empty
                        let last = k + 1 == pages.len() && r + 1 == page.len();
                        assert!(last || row.len() == g.cols, "a gap in the grid");
                        // every heading names the codes under it, and no
                        // heading is without codes
                        let segs = segments(row);
                        assert_eq!(segs.iter().map(|s| s.1).sum::<usize>(), row.len());
                        for (start, len) in segs {
                            assert!(len >= 1);
                            let cat = &row[start].category;
                            assert!(row[start..start + len].iter().all(|p| &p.category == cat));
                        }
                        ids.extend(row.iter().map(|p| p.id.clone()));
                    }
                }
                let want: Vec<String> = site.procedures().map(|(_, p)| p.id.clone()).collect();
                assert_eq!(ids, want, "every code once, in site order");
            }
        }
    }

    #[test]
    fn the_board_takes_no_more_pages_than_its_grid_needs() {
        let sample = test_sites::sample();
        let (pages, g) = plan(&sample, A4);
        assert_eq!(pages.len(), 1, "the sample's board on one A4 page");
        assert!(g.per_page() >= 16, "{} codes on an A4 page", g.per_page());
        let grown = test_sites::grown(1000);
        for paper in [A4, A3, A4.landscape()] {
            let (pages, g) = plan(&grown, paper);
            assert_eq!(
                pages.len(),
                1000usize.div_ceil(g.per_page()),
                "{}: {} codes a page",
                paper.name,
                g.per_page()
            );
        }
    }
}
