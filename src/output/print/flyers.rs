//! Flyers imposed on A4: 2 × A5 or 4 × A6, with cut marks.

use super::*;

impl<'a> Printer<'a> {
    /// Flyers imposed on A4: 2 × A5 on A4 landscape (one cut down the
    /// middle) or 4 × A6 on A4 portrait, each flyer with white margins so
    /// no bleed is needed, and cut marks at the sheet edges.
    pub(super) fn flyers(
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
        // (one for the whole document: its flyers share many lines)
        let mut shaping = Shaping::default();
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
                    shaping: std::mem::take(&mut shaping),
                };
                let drawn = self.draw_sheet(&mut c, p, flyer, per_sheet == 4, lang);
                shaping = std::mem::take(&mut c.shaping);
                for part in drawn? {
                    if !cuts.contains(&part) {
                        cuts.push(part);
                    }
                }
            }
            let mut c = Canvas::at(&mut surface, 0.0, 0.0);
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
        Ok((finish(doc, &self.fonts)?, cuts))
    }
}
