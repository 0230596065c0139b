//! One procedure's poster, and the sheet layout posters and flyers share:
//! the header, the steps and checklist planned to fit, the QR block.

use super::*;

impl<'a> Printer<'a> {
    /// One poster: `paper` with bleed and, if asked, crop marks.
    pub(super) fn poster(
        &self,
        p: &Procedure,
        paper: Paper,
        lang: usize,
    ) -> Result<Drawn, DrawError> {
        let print = &self.site.config.print;
        let bleed = print.bleed_mm as f32;
        let mut doc = self.new_document(&p.in_lang(&self.langs[lang].code).title, lang);
        let settings = page_settings(paper, bleed).ok_or("bad paper size")?;
        let cuts;
        {
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            let mut c = Canvas::at(&mut surface, bleed, bleed);
            cuts = self.draw_sheet(&mut c, p, paper, false, lang)?;
            if print.crop_marks {
                c.crop_marks(paper.w, paper.h, bleed);
            }
            surface.finish();
            page.finish();
        }
        Ok((finish(doc, &self.fonts)?, cuts))
    }

    /// Draws a poster or a flyer in a `paper`-sized area of the canvas.
    /// `compact` is the A6 flyer: no summary, three steps, no checklist.
    /// Returns what had to be shortened.
    pub(super) fn draw_sheet<'f>(
        &'f self,
        c: &mut Canvas<'_, '_, 'f>,
        p: &Procedure,
        paper: Paper,
        compact: bool,
        lang: usize,
    ) -> Result<Vec<CutPart>, DrawError> {
        let p = p.in_lang(&self.langs[lang].code);
        let f = &self.fonts;
        // the site's words in the sheet's language (`site.en.yaml`)
        let cfg = self.site.config.in_lang(&self.langs[lang].code);
        let s = paper.w / A4.w; // scale against the A4 design
        let small = s.max(SHEET.small_floor);
        let m = SHEET.margin * s;
        let w = paper.w - 2.0 * m;
        let mut cuts = Vec::new();
        let mut y = m;

        // the commune, with a rule under it
        let head = match &cfg.province {
            Some(pr) => format!("{} · {}", cfg.commune, pr),
            None => cfg.commune.clone(),
        };
        let hs = SHEET.commune * small;
        let (head_line, head_cut) = fit(&f.bold, &head, hs, w, 1);
        if head_cut {
            cuts.push(CutPart::Commune);
        }
        y += lh(hs) * 0.8;
        c.text(&f.bold, hs, m, y, &head_line.concat());
        y += 2.5 * s;
        c.rect(m, y, w, SHEET.commune_rule * small);
        y += 4.0 * s;

        // the title: as large as fits in three lines, then four lines at
        // the smallest size, then shortened
        let (mut size, floor) = (SHEET.title * s, SHEET.title_floor * s);
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
        if compact {
            // the QR code's quiet zone comes next: clear of the descenders
            y += 0.3 * size / MM;
        } else {
            let ss = SHEET.summary * s;
            let (lines, cut) = fit(&f.regular, &p.summary, ss, w, SHEET.summary_lines);
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
        let fs = SHEET.footer * s.max(SHEET.footer_floor);
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
        // facts imported from the portal and not yet checked (`draft:`)
        // are never printed as if they were
        if !p.draft.is_empty() {
            let (lines, _) = fit(&f.bold, &self.tl(lang, "poster_draft"), fs, w, 2);
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
            (true, _) => SHEET.symbol_a6,
            (false, "A5") => SHEET.symbol_a5,
            (false, "A3") => SHEET.symbol_a3,
            (false, _) => SHEET.symbol_a4,
        };
        let (qr, link) = self.qr_for(p, lang)?;
        let qr_mm = total_width(&qr, symbol_mm).min(w);
        let cs = SHEET.scan * small;
        // a procedure that cannot be done online is not promised as one
        let scan = if p.online.is_some() {
            "poster_scan"
        } else {
            "poster_scan_guide"
        };
        let (scan_lines, _) = fit_balanced(&f.bold, &self.tl(lang, scan), cs, w, 2);
        let ls = SHEET.link * small;
        let link_lines = wrap(&f.regular, &routes::typed_link(&link), ls, w);
        // what a genuine code opens, against codes pasted over this one
        let gs = SHEET.genuine * small;
        let (genuine_lines, _) = fit_balanced(&f.bold, &self.genuine(lang), gs, w, 3);
        let block_h = qr_mm
            + scan_lines.len() as f32 * lh(cs)
            + link_lines.len() as f32 * lh(ls)
            + 1.0 * s
            + genuine_lines.len() as f32 * lh(gs)
            + 2.0 * s;
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
        y += 1.0 * s;
        for l in &genuine_lines {
            y += lh(gs);
            c.text_centred(&f.bold, gs, m + w / 2.0, y, l);
        }
        y += 4.0 * s;

        // the steps and the checklist, in the room left above the footer
        let limits = match compact {
            true => (SHEET.steps_a6, 0),
            false => (SHEET.steps, SHEET.documents),
        };
        let sizes: Vec<f32> = SHEET
            .lists
            .iter()
            .map(|z| z * s.max(SHEET.lists_floor))
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
        c.rect(m, fy, w, SHEET.footer_rule * small);
        for (bold, l) in &footer {
            fy += lh(fs);
            c.text(if *bold { &f.bold } else { &f.regular }, fs, m, fy, l);
        }
        Ok(cuts)
    }

    /// Lays out the steps (at most `limits.0`) and the checklist (at most
    /// `limits.1` documents) in `room` mm of height: the largest of `sizes`
    /// at which everything fits, or at the smallest size as much as fits.
    /// A step takes at most three lines; at the smallest size, a step cut
    /// short takes more where that leaves every step and document shown
    /// (an A6 flyer cut its first step's last words over blank space).
    fn plan_lists(
        &self,
        p: &Procedure,
        w: f32,
        room: f32,
        limits: (usize, usize),
        sizes: &[f32],
        s: f32,
    ) -> ListPlan {
        let smallest = sizes.last().copied().unwrap_or(10.0);
        for (k, &size) in sizes.iter().enumerate() {
            let last = k + 1 == sizes.len();
            let plan = self.plan_at(p, w, room, limits, size, s, 3);
            // a size is good when only the fixed limits cut anything
            let only_limits = plan.cuts.iter().all(|c| match c {
                CutPart::Steps { shown, .. } => *shown == limits.0,
                CutPart::Documents { shown, .. } => *shown == limits.1,
                _ => false,
            });
            if only_limits {
                return plan;
            }
            if last || size <= smallest {
                let step_cut = |q: &ListPlan| {
                    q.cuts
                        .iter()
                        .filter(|c| matches!(c, CutPart::Step(_)))
                        .count()
                };
                if step_cut(&plan) > 0 {
                    let more = self.plan_at(p, w, room, limits, size, s, 6);
                    if more.steps.len() == plan.steps.len()
                        && more.docs.len() == plan.docs.len()
                        && step_cut(&more) < step_cut(&plan)
                    {
                        return more;
                    }
                }
                return plan;
            }
        }
        ListPlan::default()
    }

    /// [`Self::plan_lists`] at one `size`, each step in at most
    /// `step_lines` lines.
    #[allow(clippy::too_many_arguments)]
    fn plan_at(
        &self,
        p: &Procedure,
        w: f32,
        room: f32,
        limits: (usize, usize),
        size: f32,
        s: f32,
        step_lines: usize,
    ) -> ListPlan {
        let f = &self.fonts;
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
        // room kept below the steps for the checklist's heading and its
        // first document (with the line "scan the code for all of
        // them" while more follow): what a resident must bring comes
        // before how the office goes on, which the code shows whole (an
        // English flyer printed six steps and no document). A first
        // document too long for the room keeps the heading and a line.
        let checklist = limits.1 > 0 && !p.documents.is_empty();
        let room_for_steps = match checklist {
            true => {
                let top = 2.0 * s + lh(head) + gap;
                let first = p.documents.first().map_or(0.0, |d| {
                    let (lines, _) = fit(&f.regular, d, size, w - indent, 2);
                    let more = match p.documents.len() > 1 {
                        true => lh(size),
                        false => 0.0,
                    };
                    lines.len() as f32 * lh(size) + 0.5 * gap + more
                });
                match top + first <= room {
                    true => room - (top + first),
                    false => room - (top + lh(size)),
                }
            }
            false => room,
        };
        // steps
        if !p.steps.is_empty() {
            let room = room_for_steps;
            let need = lh(head) + gap + lh(size);
            if used + need <= room {
                used += lh(head) + gap;
                plan.steps_heading = true;
                // (with room kept for "scan the code for all the steps"
                // while more are left: a flyer printed steps 1–3 of 6 with
                // no sign that more follow)
                let list = List {
                    size,
                    width: w - indent,
                    max_lines: step_lines,
                    after: gap,
                    room,
                };
                let (steps, cut) = self.fill(&p.steps, limits.0, &list, &mut used);
                plan.steps = steps;
                plan.cuts.extend(cut.into_iter().map(CutPart::Step));
            }
            if plan.steps.len() < p.steps.len() {
                plan.cuts.push(CutPart::Steps {
                    shown: plan.steps.len(),
                    total: p.steps.len(),
                });
                // (its line was kept free above; under a heading with no
                // step that fits, the line alone)
                if !plan.steps.is_empty() || plan.steps_heading {
                    used += lh(size);
                    plan.more_note = true;
                }
            }
        }
        // what to prepare
        if checklist {
            let top = 2.0 * s + lh(head) + gap;
            if used + top + lh(size) <= room {
                used += top;
                plan.docs_heading = true;
                // (with room kept for the note that more are needed,
                // while more are left)
                let list = List {
                    size,
                    width: w - indent,
                    max_lines: 2,
                    after: 0.5 * gap,
                    room,
                };
                let (docs, cut) = self.fill(&p.documents, limits.1, &list, &mut used);
                plan.docs = docs;
                plan.cuts.extend(cut.into_iter().map(CutPart::Document));
            }
            if plan.docs.len() < p.documents.len() {
                plan.cuts.push(CutPart::Documents {
                    shown: plan.docs.len(),
                    total: p.documents.len(),
                });
                // a resident must not take the list for the whole one
                // (its line was kept free above)
                plan.docs_more_note = plan.docs_heading;
            }
        }
        plan
    }

    /// The first of `items` (at most `limit`) that fit in `list.room`
    /// from `used` on, each wrapped in at most `list.max_lines` lines and
    /// followed by `list.after` mm, with a line kept free for the note
    /// that more follow while items are left: their lines, and the numbers
    /// (from 1) of those cut short. `used` grows by what they take.
    fn fill(
        &self,
        items: &[String],
        limit: usize,
        list: &List,
        used: &mut f32,
    ) -> (Vec<Vec<String>>, Vec<usize>) {
        let mut shown = Vec::new();
        let mut cut_short = Vec::new();
        for (i, item) in items.iter().take(limit).enumerate() {
            let (lines, cut) = fit(
                &self.fonts.regular,
                item,
                list.size,
                list.width,
                list.max_lines,
            );
            let h = lines.len() as f32 * lh(list.size) + list.after;
            let note = match i + 1 < items.len() {
                true => lh(list.size),
                false => 0.0,
            };
            if *used + h + note > list.room {
                break;
            }
            *used += h;
            if cut {
                cut_short.push(i + 1);
            }
            shown.push(lines);
        }
        (shown, cut_short)
    }

    #[allow(clippy::too_many_arguments)]
    fn draw_lists<'f>(
        &'f self,
        c: &mut Canvas<'_, '_, 'f>,
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
        // "scan the code for all of them", under a list cut short
        let note = |c: &mut Canvas<'_, '_, 'f>, y: f32, key: &str| {
            let (lines, _) = fit(&f.regular, &self.tl(lang, key), size, w - plan.indent, 1);
            c.text(&f.regular, size, m + plan.indent, y, &lines.concat());
        };
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
                note(c, y, "poster_more_steps");
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
            if plan.docs_more_note {
                y += lh(size);
                note(c, y, "poster_more_documents");
            }
        }
    }
}

/// How the items of one list are laid out (see [`Printer::fill`]): the
/// text's size, the width and lines an item may take, the space after
/// each, and the height the list may reach.
struct List {
    size: f32,
    width: f32,
    max_lines: usize,
    after: f32,
    room: f32,
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
    /// Whether "scan the code for all the documents" goes under them.
    docs_more_note: bool,
    cuts: Vec<CutPart>,
}

#[cfg(test)]
mod tests {
    use super::super::test_sites;
    use super::*;
    use crate::theme::Theme;

    #[test]
    fn lists_are_planned_to_fit_and_cuts_are_reported() {
        let mut site = test_sites::sample();
        let theme = Theme::builtin();
        let langs = crate::model::Language::all(&site, &theme);
        let sizes = [16.0, 14.0, 12.0, 11.0];
        let short = {
            let printer = Printer::new(&site, &theme, langs.clone()).expect("printer");
            let (_, p) = site.procedures().next().expect("a procedure");
            printer.plan_lists(p, 160.0, 150.0, (8, 8), &sizes, 1.0)
        };
        assert!(short.cuts.is_empty(), "{:?}", short.cuts);
        assert!(!short.docs_more_note && !short.more_note);
        assert!(short.steps_heading && !short.steps.is_empty());
        // a procedure far too long for the room
        let long = "Mang theo giấy tờ tùy thân và điền đầy đủ tờ khai theo mẫu. ".repeat(4);
        let p = &mut site.categories[0].procedures[0];
        p.steps = vec![long.clone(); 30];
        p.documents = vec![long; 30];
        let printer = Printer::new(&site, &theme, langs).expect("printer");
        let p = &site.categories[0].procedures[0];
        let plan = printer.plan_lists(p, 160.0, 120.0, (8, 8), &sizes, 1.0);
        assert_eq!(plan.size, 11.0, "the smallest size before cutting");
        assert!(plan.steps.len() <= 8 && plan.docs.len() <= 8);
        // the steps leave room for the checklist's heading and its note
        // (they took it all, and the poster had no "Cần chuẩn bị")
        assert!(plan.docs_heading && plan.docs_more_note, "{plan:?}");
        // and the steps cut short say so, in a room they fill
        assert!(plan.more_note, "{plan:?}");
        for room in [40.0, 55.0, 70.0, 90.0] {
            let plan = printer.plan_lists(p, 100.0, room, (3, 3), &sizes, 1.0);
            assert!(plan.steps.is_empty() || plan.more_note, "{room}: {plan:?}");
        }
        assert!(
            plan.cuts.contains(&CutPart::Steps {
                shown: plan.steps.len(),
                total: 30
            }),
            "{:?}",
            plan.cuts
        );
        for lines in plan.steps.iter().chain(&plan.docs) {
            assert!(lines.len() <= 3);
            for l in lines {
                let w = printer.fonts.regular.width(l, plan.size);
                assert!(w <= 160.0 - plan.indent + 0.01, "{l} is {w} mm wide");
            }
        }
    }
    #[test]
    fn documents_left_out_are_said_to_be() {
        // two short steps and more documents than the room holds: those
        // that fit, then the line that more are needed (a resident took
        // the list for the whole one)
        let mut site = test_sites::sample();
        let theme = Theme::builtin();
        {
            let p = &mut site.categories[0].procedures[0];
            p.steps = vec!["Nộp hồ sơ.".into(), "Nhận kết quả.".into()];
            p.documents = (1..=12)
                .map(|i| format!("Giấy tờ số {i} theo mẫu của cơ quan có thẩm quyền"))
                .collect();
        }
        let plan_of = |site: &Site| {
            let langs = crate::model::Language::all(site, &theme);
            let printer = Printer::new(site, &theme, langs).expect("printer");
            let p = &site.categories[0].procedures[0];
            printer.plan_lists(p, 160.0, 80.0, (8, 8), &[12.0, 11.0], 1.0)
        };
        let plan = plan_of(&site);
        assert!(plan.docs_heading, "{plan:?}");
        assert!(!plan.docs.is_empty() && plan.docs.len() < 12, "{plan:?}");
        assert!(plan.docs_more_note, "{plan:?}");
        // all of them fit: no such line
        site.categories[0].procedures[0].documents.truncate(2);
        let few = plan_of(&site);
        assert!(few.docs.len() == 2 && !few.docs_more_note, "{few:?}");
    }

    #[test]
    fn a_long_step_takes_a_fourth_line_where_the_room_is_there() {
        // one step of four lines at the smallest size, room for it: whole
        // (it was cut at three lines over blank space on an A6 flyer)
        let mut site = test_sites::sample();
        let theme = Theme::builtin();
        {
            let p = &mut site.categories[0].procedures[0];
            p.steps = vec![
                "Mở ứng dụng VNeID trên điện thoại, đăng nhập bằng số định danh cá nhân và mật khẩu của tài khoản định danh điện tử mức 2; nếu quên mật khẩu, chọn Quên mật khẩu và làm theo hướng dẫn gửi qua tin nhắn".into(),
            ];
            p.documents = Vec::new();
        }
        let langs = crate::model::Language::all(&site, &theme);
        let printer = Printer::new(&site, &theme, langs).expect("printer");
        let p = &site.categories[0].procedures[0];
        let plan = printer.plan_lists(p, 80.0, 60.0, (3, 0), &[12.0, 10.0], 1.0);
        assert_eq!(plan.steps.len(), 1, "{plan:?}");
        assert!(plan.steps[0].len() > 3, "{plan:?}");
        assert!(
            !plan.cuts.iter().any(|c| matches!(c, CutPart::Step(_))),
            "{plan:?}"
        );
        // with no room for more, three lines and the cut told, as before
        let tight = printer.plan_lists(p, 80.0, 22.0, (3, 0), &[12.0, 10.0], 1.0);
        assert!(tight.steps.iter().all(|l| l.len() <= 3), "{tight:?}");
    }

    #[test]
    fn the_first_document_comes_before_more_steps() {
        // six steps of two lines and two documents, the first of two lines,
        // in a room too small for all: the steps are cut, not the documents
        // (an English A5 flyer printed six steps and no document)
        let mut site = test_sites::sample();
        let theme = Theme::builtin();
        {
            let p = &mut site.categories[0].procedures[0];
            p.steps = vec![
                "Submit the declaration form and your identity card to the commune police office in person."
                    .into();
                6
            ];
            p.documents = vec![
                "The declaration of change in residence information (form CT01), filled in and signed."
                    .into(),
                "Papers proving lawful residence.".into(),
            ];
        }
        let langs = crate::model::Language::all(&site, &theme);
        let printer = Printer::new(&site, &theme, langs).expect("printer");
        let p = &site.categories[0].procedures[0];
        for room in [50.0, 60.0, 70.0, 80.0] {
            let plan = printer.plan_lists(p, 100.0, room, (6, 4), &[12.0, 10.0], 1.0);
            assert!(
                plan.docs_heading && !plan.docs.is_empty(),
                "{room}: {plan:?}"
            );
            // the second document, when left out, is said to be
            assert!(
                plan.docs.len() == 2 || plan.docs_more_note,
                "{room}: {plan:?}"
            );
            assert!(plan.steps.len() == 6 || plan.more_note, "{room}: {plan:?}");
        }
        // a first document longer than the whole room leaves the steps
        // their place (the heading and a line kept below them, as before)
        let plan = printer.plan_lists(p, 100.0, 12.0, (6, 4), &[12.0, 10.0], 1.0);
        assert!(plan.docs.is_empty(), "{plan:?}");
    }
}
