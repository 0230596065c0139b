//! Print-ready PDF primitives on krilla: paper sizes, bleed and trim boxes,
//! crop marks, text in 100 % K measured and wrapped with the theme's font,
//! and QR codes drawn as vector paths.
//!
//! Coordinates are millimetres from the top-left corner of the trimmed
//! paper; the bleed lies outside it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use krilla::color::cmyk;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size as FontSize};
use skrifa::raw::TableProvider;

use crate::qr::{QUIET_ZONE, Qr};

/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;

/// A paper size in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Paper {
    pub name: &'static str,
    pub w: f32,
    pub h: f32,
}

pub(crate) const A3: Paper = Paper {
    name: "A3",
    w: 297.0,
    h: 420.0,
};
pub(crate) const A4: Paper = Paper {
    name: "A4",
    w: 210.0,
    h: 297.0,
};
pub(crate) const A5: Paper = Paper {
    name: "A5",
    w: 148.0,
    h: 210.0,
};
pub(crate) const A6: Paper = Paper {
    name: "A6",
    w: 105.0,
    h: 148.0,
};

impl Paper {
    /// `A3`, `A4`, `A5` or `A6`; anything else is A4.
    pub(crate) fn by_name(name: &str) -> Paper {
        match name {
            "A3" => A3,
            "A5" => A5,
            "A6" => A6,
            _ => A4,
        }
    }

    /// The same paper turned sideways.
    pub(crate) fn landscape(self) -> Paper {
        Paper {
            name: self.name,
            w: self.h,
            h: self.w,
        }
    }
}

/// Code points measured through a table rather than a map: Latin,
/// Vietnamese, combining marks and general punctuation (`–`, `…`).
const DIRECT: u32 = 0x2100;

/// A font with the advance width of every character it covers, for
/// measuring text before it is drawn.
pub(crate) struct Face {
    pub font: Font,
    /// The font file, for shaping (see [`Shaping`]).
    bytes: Arc<Vec<u8>>,
    /// The SHA-256 of the font file (for the build cache's keys).
    pub digest: [u8; 32],
    /// Advances of the characters below [`DIRECT`], by code point (a
    /// negative value: the font lacks it); the rest in `advances`.
    direct: Vec<f32>,
    advances: HashMap<char, f32>,
    /// Width used for a character the font lacks (one em).
    fallback: f32,
    /// The font's file name in the theme's `fonts/` folder (empty for a
    /// face not loaded from a theme).
    pub name: String,
    /// The theme's other fonts, in name order: a character this one lacks
    /// is drawn with the first of them that has it (Khmer letters for a
    /// Khmer translation, say). The faces listed here have none of their
    /// own.
    pub more: Vec<Arc<Face>>,
}

impl Face {
    /// Loads a TrueType/OpenType font.
    pub(crate) fn load(bytes: Vec<u8>) -> Option<Face> {
        let mut advances = HashMap::new();
        {
            let font_ref = skrifa::FontRef::new(&bytes).ok()?;
            let upem = f32::from(font_ref.head().ok()?.units_per_em());
            let metrics = font_ref.glyph_metrics(FontSize::unscaled(), LocationRef::default());
            for (cp, gid) in font_ref.charmap().mappings() {
                if let (Some(c), Some(adv)) = (char::from_u32(cp), metrics.advance_width(gid)) {
                    advances.insert(c, adv / upem);
                }
            }
        }
        let digest = {
            use sha2::Digest as _;
            sha2::Sha256::digest(&bytes).into()
        };
        // (a font the shaper cannot read is refused here, where a theme's
        // font is checked, rather than giving pages without text)
        rustybuzz::Face::from_slice(&bytes, 0)?;
        let bytes = Arc::new(bytes);
        let font = Font::new(bytes.clone().into(), 0)?;
        let mut direct = vec![-1.0; DIRECT as usize];
        advances.retain(|c, adv| match direct.get_mut(*c as usize) {
            Some(slot) => {
                *slot = *adv;
                false
            }
            None => true,
        });
        Some(Face {
            font,
            bytes,
            digest,
            direct,
            advances,
            fallback: 1.0,
            name: String::new(),
            more: Vec::new(),
        })
    }

    /// The advance of `c` in ems, if the font has it.
    fn advance(&self, c: char) -> Option<f32> {
        match self.direct.get(c as usize) {
            Some(adv) if *adv >= 0.0 => Some(*adv),
            Some(_) => None,
            None => self.advances.get(&c).copied(),
        }
    }

    /// Which face draws `c` (this one first, then [`Face::more`] in
    /// order), with its advance in ems.
    fn reach(&self, c: char) -> Option<(&Face, f32)> {
        match self.advance(c) {
            Some(adv) => Some((self, adv)),
            None => self
                .more
                .iter()
                .find_map(|f| f.advance(c).map(|adv| (&**f, adv))),
        }
    }

    /// `em` plus the advances of the characters of `text`, added one by one
    /// from the left (so that measuring a line word by word gives the very
    /// same sum as measuring it whole).
    fn ems(&self, em: f32, text: &str) -> f32 {
        text.chars().fold(em, |a, c| {
            a + self.reach(c).map_or(self.fallback, |(_, adv)| adv)
        })
    }

    /// Width of `text` at `size` points, in millimetres, as [`Canvas::text`]
    /// draws it (without the characters the font lacks).
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        // (one pass, as `ems`, while every character is drawn)
        let mut em = 0.0;
        for c in text.chars() {
            em += match self.reach(c) {
                Some((_, adv)) => adv,
                None if c.is_whitespace() => self.fallback,
                None => return self.ems(0.0, &self.printable(text)) * size / MM,
            };
        }
        em * size / MM
    }

    /// Whether the font, or one of [`Face::more`], draws `c` (spaces
    /// always count as drawn).
    fn has(&self, c: char) -> bool {
        c.is_whitespace() || self.reach(c).is_some()
    }

    /// `text` in runs of one face each: a space goes with the run it is
    /// in, every other character with the face that draws it. Text the
    /// face covers alone is one run.
    fn runs<'t>(&self, text: &'t str) -> Vec<(&Face, &'t str)> {
        if self.more.is_empty() {
            return vec![(self, text)];
        }
        let mut runs: Vec<(&Face, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current: &Face = self;
        for (at, c) in text.char_indices() {
            // (a space in a font that has none is drawn with this face)
            let face = match c.is_whitespace() {
                true if current.advance(c).is_some() => continue,
                true => self,
                false => self.reach(c).map_or(self, |(f, _)| f),
            };
            if !std::ptr::eq(face, current) {
                if at > start {
                    runs.push((current, &text[start..at]));
                }
                (start, current) = (at, face);
            }
        }
        if start < text.len() || runs.is_empty() {
            runs.push((current, &text[start..]));
        }
        runs
    }

    /// Whether the font has a glyph for every character of `text`.
    pub(crate) fn covers(&self, text: &str) -> bool {
        text.chars().all(|c| self.has(c))
    }

    /// `text` without the characters the font has no glyph for (emoji,
    /// Chinese characters, a stray control character): drawn, each would
    /// print as an empty box. Spaces a removal leaves doubled or at an end
    /// go too. Text the font covers is returned as it is, so taking the
    /// printable part of a printable text changes nothing.
    pub(crate) fn printable<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.covers(text) {
            return Cow::Borrowed(text);
        }
        let kept: String = text.chars().filter(|c| self.has(*c)).collect();
        Cow::Owned(kept.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// The characters of `text` the font has no glyph for, each once, in
    /// the order they come.
    pub(crate) fn lacks(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars().filter(|c| !self.has(*c)) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
}

/// Shapes lines of text as krilla's `draw_text` does (rustybuzz, no
/// features, script and direction guessed from the text, glyphs in ems),
/// giving the very same glyphs, but reads each font's tables once for a
/// canvas instead of once for every line, makes each shaping plan once
/// (reading the tables and planning took more time than shaping itself),
/// and shapes a line it has shaped before only once (four flyers on a
/// sheet, the headings of every flyer of a volume). A document's pages
/// may share one (see `flyers`).
#[derive(Default)]
pub(crate) struct Shaping<'f> {
    /// Each face used so far.
    faces: Vec<Shaper<'f>>,
}

/// One face as [`Shaping`] keeps it: its font read for shaping, its plans
/// by direction, script and language, and the glyphs of every line shaped.
struct Shaper<'f> {
    face: &'f Face,
    rb: rustybuzz::Face<'f>,
    plans: Vec<Plan>,
    lines: HashMap<String, Vec<KrillaGlyph>>,
}

/// A shaping plan and the properties of the text it was made for.
type Plan = (
    (
        rustybuzz::Direction,
        Option<rustybuzz::Script>,
        Option<rustybuzz::Language>,
    ),
    rustybuzz::ShapePlan,
);

impl<'f> Shaping<'f> {
    /// The glyphs of one line of `text` in `face`.
    fn shape(&mut self, face: &'f Face, text: &str) -> &[KrillaGlyph] {
        let at = match self.faces.iter().position(|s| std::ptr::eq(s.face, face)) {
            Some(at) => at,
            None => match rustybuzz::Face::from_slice(face.bytes.as_slice(), 0) {
                Some(rb) => {
                    self.faces.push(Shaper {
                        face,
                        rb,
                        plans: Vec::new(),
                        lines: HashMap::new(),
                    });
                    self.faces.len() - 1
                }
                // (`Face::load` read it with rustybuzz already)
                None => return &[],
            },
        };
        let shaper = &mut self.faces[at];
        if !shaper.lines.contains_key(text) {
            let glyphs = shaper.shape(text);
            shaper.lines.insert(text.to_string(), glyphs);
        }
        shaper.lines.get(text).map_or(&[], Vec::as_slice)
    }
}

impl Shaper<'_> {
    /// Shapes `text` as krilla's `naive_shape` does.
    fn shape(&mut self, text: &str) -> Vec<KrillaGlyph> {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        // (a guessed script is never "unknown": that stands for none)
        let script = Some(buffer.script()).filter(|s| *s != rustybuzz::script::UNKNOWN);
        let props = (buffer.direction(), script, buffer.language());
        let plan = match self.plans.iter().position(|(p, _)| *p == props) {
            Some(i) => &self.plans[i].1,
            None => {
                let plan =
                    rustybuzz::ShapePlan::new(&self.rb, props.0, props.1, props.2.as_ref(), &[]);
                self.plans.push((props.clone(), plan));
                &self.plans[self.plans.len() - 1].1
            }
        };
        let output = rustybuzz::shape_with_plan(&self.rb, plan, buffer);
        let upem = self.face.font.units_per_em();
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        let forward = matches!(
            props.0,
            rustybuzz::Direction::LeftToRight | rustybuzz::Direction::TopToBottom
        );
        infos
            .iter()
            .zip(positions)
            .enumerate()
            .map(|(i, (info, pos))| {
                let start = info.cluster as usize;
                // a glyph stands for the text up to the cluster of the next
                // glyph of another cluster, in reading order
                let other = match forward {
                    true => (i + 1..infos.len()).find(|&j| infos[j].cluster != info.cluster),
                    false => (0..i).rev().find(|&j| infos[j].cluster != info.cluster),
                };
                let end = other.map_or(text.len(), |j| infos[j].cluster as usize);
                KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / upem,
                    pos.x_offset as f32 / upem,
                    pos.y_offset as f32 / upem,
                    pos.y_advance as f32 / upem,
                    start..end,
                    None,
                )
            })
            .collect()
    }
}

/// The regular and bold faces of the theme's print font.
pub(crate) struct Fonts {
    pub regular: Face,
    pub bold: Face,
    /// The font files added to the theme that could not be read (left
    /// out of [`Face::more`]).
    pub unread: Vec<String>,
}

impl Fonts {
    /// The file name of the face whose font is `font` (krilla tells fonts
    /// apart by their names, metrics and checksum: an added font first).
    pub(crate) fn name_of(&self, font: &Font) -> Option<String> {
        let mut faces = (self.regular.more.iter().chain(&self.bold.more))
            .map(|f| &**f)
            .chain([&self.regular, &self.bold]);
        faces.find(|f| f.font == *font).map(|f| f.name.clone())
    }

    /// The characters of `text` that one of the faces lacks (see
    /// [`Face::lacks`]).
    pub(crate) fn lacks(&self, text: &str) -> Vec<char> {
        let mut out = self.regular.lacks(text);
        for c in self.bold.lacks(text) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
}

/// Breaks `text` into lines no wider than `max_w` mm at `size` pt.
/// Words longer than a line are broken between characters; characters
/// the font lacks are left out ([`Face::printable`]).
pub(crate) fn wrap(face: &Face, text: &str, size: f32, max_w: f32) -> Vec<String> {
    let text = face.printable(text);
    let mut lines = Vec::new();
    let mut line = String::new();
    // the line's width in ems, kept as it grows
    let mut em = 0.0;
    for word in text.split_whitespace() {
        let candidate = match line.is_empty() {
            true => face.ems(0.0, word),
            false => face.ems(face.ems(em, " "), word),
        };
        if candidate * size / MM <= max_w {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            em = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        em = face.ems(0.0, word);
        if em * size / MM <= max_w {
            line = word.to_string();
        } else {
            for cluster in clusters(word) {
                let mut next = line.clone();
                next.push_str(cluster);
                if face.width(&next, size) > max_w && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line.push_str(cluster);
                } else {
                    line = next;
                }
            }
            em = face.ems(0.0, &line);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `word` cut where a line may break inside a word: never before a
/// combining mark (a tone mark written apart, a Khmer or Thai vowel sign)
/// nor after a sign that joins the next letter to this one (the Khmer
/// coeng, the Myanmar virama), so that no letter is drawn without its
/// marks. Scripts written without spaces (Khmer, Thai, Lao) have only
/// such breaks inside their long words.
fn clusters(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut joins = false;
    for (at, c) in word.char_indices() {
        let attached = unicode_normalization::char::is_combining_mark(c) || joins;
        if at > start && !attached {
            out.push(&word[start..at]);
            start = at;
        }
        joins = matches!(c, '\u{17D2}' | '\u{1039}' | '\u{1A60}');
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

/// Wraps `text` into at most `max_lines`; if it does not fit, the last
/// line ends with "…". Returns the lines and whether anything was cut.
pub(crate) fn fit(
    face: &Face,
    text: &str,
    size: f32,
    max_w: f32,
    max_lines: usize,
) -> (Vec<String>, bool) {
    let mut lines = wrap(face, text, size, max_w);
    if lines.len() <= max_lines {
        return (lines, false);
    }
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        // whole words are taken off the end until "…" fits: a number or a
        // syllable cut short reads as another ("trên 30 ngày" printed as
        // "trên 3…", more than three days)
        let mut words: Vec<&str> = last.split(' ').filter(|w| !w.is_empty()).collect();
        while words.len() > 1 && face.width(&format!("{}…", words.join(" ")), size) > max_w {
            words.pop();
        }
        let mut kept = words.join(" ");
        // one word too long for the line (a word broken between
        // characters, a script written without spaces): cut inside it
        loop {
            let candidate = format!("{}…", kept.trim_end());
            if face.width(&candidate, size) <= max_w || kept.is_empty() {
                *last = candidate;
                break;
            }
            // (a letter goes with its marks)
            let cut = clusters(&kept).last().map_or(0, |c| c.len());
            kept.truncate(kept.len() - cut);
        }
    }
    (lines, true)
}

/// One line of `text` at `size` pt, made smaller (down to `min` pt, in
/// steps of a quarter point) until it fits `max_w` mm; at `min` still too
/// wide, it is cut with "…". Returns the size, the line, and whether it
/// was cut. For lines that must be read whole, such as a short link.
pub(crate) fn fit_shrinking(
    face: &Face,
    text: &str,
    size: f32,
    min: f32,
    max_w: f32,
) -> (f32, String, bool) {
    let mut at = size;
    while at > min && face.width(text, at) > max_w {
        at = (at - 0.25).max(min);
    }
    let (lines, cut) = fit(face, text, at, max_w, 1);
    (at, lines.concat(), cut)
}

/// [`fit`] for a short centred line such as "Quét mã để xem hướng dẫn…":
/// when it takes more than one line, the lines are made as even as its
/// words allow (never one word left alone below the others), by narrowing
/// the measure as long as the number of lines stays the same.
pub(crate) fn fit_balanced(
    face: &Face,
    text: &str,
    size: f32,
    max_w: f32,
    max_lines: usize,
) -> (Vec<String>, bool) {
    let (lines, cut) = fit(face, text, size, max_w, max_lines);
    if cut || lines.len() < 2 {
        return (lines, cut);
    }
    // never narrower than the widest word: no word is split to balance
    let widest = text
        .split_whitespace()
        .map(|w| face.width(w, size))
        .fold(0.0_f32, f32::max);
    if widest > max_w {
        return (lines, cut);
    }
    let (mut narrow, mut wide) = (widest, max_w);
    for _ in 0..20 {
        let mid = (narrow + wide) / 2.0;
        match wrap(face, text, size, mid).len() <= lines.len() {
            true => wide = mid,
            false => narrow = mid,
        }
    }
    (wrap(face, text, size, wide), false)
}

/// Page settings for `paper` with `bleed` mm around it: the MediaBox and
/// BleedBox take the bleed, the TrimBox is the paper.
pub(crate) fn page_settings(paper: Paper, bleed: f32) -> Option<PageSettings> {
    let (w, h) = ((paper.w + 2.0 * bleed) * MM, (paper.h + 2.0 * bleed) * MM);
    let full = Rect::from_xywh(0.0, 0.0, w, h)?;
    let trim = Rect::from_xywh(bleed * MM, bleed * MM, paper.w * MM, paper.h * MM)?;
    Some(
        PageSettings::new(Size::from_wh(w, h)?)
            .with_media_box(Some(full))
            .with_bleed_box(Some(full))
            .with_trim_box(Some(trim)),
    )
}

/// Whether a bleed of `bleed` mm has room for crop marks (a thinner one
/// has none drawn, and the order sheet does not send the print shop to
/// them).
pub(crate) fn crop_marks_fit(bleed: f32) -> bool {
    bleed > 0.5
}

/// Pure black for print: DeviceCMYK 0 0 0 1.
pub(crate) fn black() -> Fill {
    Fill {
        paint: cmyk::Color::new(0, 0, 0, 255).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

/// A drawing surface in millimetres from the top-left of an area of the
/// page (the trimmed paper, or one flyer on an imposed sheet).
pub(crate) struct Canvas<'s, 'p, 'f> {
    pub surface: &'s mut Surface<'p>,
    /// Where the area starts on the page, in mm (the bleed included).
    pub ox: f32,
    pub oy: f32,
    pub shaping: Shaping<'f>,
}

impl<'s, 'p, 'f> Canvas<'s, 'p, 'f> {
    /// A canvas on `surface` whose area starts at (`ox`, `oy`) mm, with
    /// no line shaped yet.
    pub(crate) fn at(surface: &'s mut Surface<'p>, ox: f32, oy: f32) -> Self {
        Canvas {
            surface,
            ox,
            oy,
            shaping: Shaping::default(),
        }
    }

    fn pt(&self, x: f32, y: f32) -> (f32, f32) {
        ((x + self.ox) * MM, (y + self.oy) * MM)
    }

    /// Draws one line of text with its baseline at `y`, in black, leaving
    /// out the characters the font lacks ([`Face::printable`]).
    /// Characters the face lacks and one of its [`Face::more`] has are
    /// drawn with that one, run by run.
    pub(crate) fn text(&mut self, face: &'f Face, size: f32, x: f32, y: f32, text: &str) {
        let text = &*face.printable(text);
        let (mut px, py) = self.pt(x, y);
        self.surface.set_fill(Some(black()));
        self.surface.set_stroke(None);
        for (face, run) in face.runs(text) {
            let glyphs = self.shaping.shape(face, run);
            let advance: f32 = glyphs.iter().map(|g| g.x_advance).sum::<f32>() * size;
            self.surface.draw_glyphs(
                Point::from_xy(px, py),
                glyphs,
                face.font.clone(),
                run,
                size,
                false,
            );
            px += advance;
        }
    }

    /// Draws text centred on `cx`.
    pub(crate) fn text_centred(&mut self, face: &'f Face, size: f32, cx: f32, y: f32, text: &str) {
        let w = face.width(text, size);
        self.text(face, size, cx - w / 2.0, y, text);
    }

    /// A filled black rectangle.
    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let (px, py) = self.pt(x, y);
        let mut pb = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(px, py, w * MM, h * MM) {
            pb.push_rect(r);
        }
        if let Some(path) = pb.finish() {
            self.surface.set_fill(Some(black()));
            self.surface.set_stroke(None);
            self.surface.draw_path(&path);
        }
    }

    /// A thin black line (for crop and cut marks).
    pub(crate) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32) {
        let (a, b) = self.pt(x1, y1);
        let (c, d) = self.pt(x2, y2);
        let mut pb = PathBuilder::new();
        pb.move_to(a, b);
        pb.line_to(c, d);
        if let Some(path) = pb.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: cmyk::Color::new(0, 0, 0, 255).into(),
                width: width_pt,
                ..Stroke::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
        }
    }

    /// Draws a QR code `size` mm wide (quiet zone included) at (x, y), as
    /// vector paths: one rectangle per horizontal run of dark modules.
    pub(crate) fn qr(&mut self, qr: &Qr, x: f32, y: f32, size: f32) {
        let modules = (qr.size + 2 * QUIET_ZONE) as f32;
        let m = size / modules;
        // drawn in modules, scaled once: each run is then a rectangle of
        // small whole numbers (a third of the bytes of one in points, and
        // the QR code was most of a poster's page description)
        let mut pb = PathBuilder::new();
        for (mx, my, len) in qr.runs() {
            let at = ((mx + QUIET_ZONE) as f32, (my + QUIET_ZONE) as f32);
            if let Some(r) = Rect::from_xywh(at.0, at.1, len as f32, 1.0) {
                pb.push_rect(r);
            }
        }
        if let Some(path) = pb.finish() {
            let (px, py) = self.pt(x, y);
            let scale = m * MM;
            self.surface
                .push_transform(&Transform::from_row(scale, 0.0, 0.0, scale, px, py));
            self.surface.set_fill(Some(black()));
            self.surface.set_stroke(None);
            self.surface.draw_path(&path);
            self.surface.pop();
        }
    }

    /// Crop marks at the four corners of a `w` × `h` mm trimmed area,
    /// drawn in the bleed so they never touch the print.
    pub(crate) fn crop_marks(&mut self, w: f32, h: f32, bleed: f32) {
        if !crop_marks_fit(bleed) {
            return;
        }
        let gap = 0.5_f32.min(bleed / 4.0);
        let len = bleed - gap;
        for (x, y) in [(0.0, 0.0), (w, 0.0), (0.0, h), (w, h)] {
            let sx = if x == 0.0 { -1.0 } else { 1.0 };
            let sy = if y == 0.0 { -1.0 } else { 1.0 };
            self.line(x + sx * gap, y, x + sx * (gap + len), y, 0.25);
            self.line(x, y + sy * gap, x, y + sy * (gap + len), 0.25);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face() -> Face {
        let t = crate::theme::Theme::builtin();
        Face::load(t.get("fonts/DejaVuSans.ttf").unwrap().to_vec()).unwrap()
    }

    /// A one-page PDF of `lines`, drawn by `draw`.
    fn page_of(draw: impl FnOnce(&mut Surface<'_>)) -> Vec<u8> {
        let mut doc = krilla::Document::new();
        let settings = page_settings(A6, 0.0).unwrap();
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        draw(&mut surface);
        surface.finish();
        page.finish();
        doc.finish().unwrap()
    }

    #[test]
    fn lines_shaped_here_give_the_pdf_krillas_own_shaping_gives() {
        let (regular, bold) = {
            let t = crate::theme::Theme::builtin();
            let load = |n: &str| Face::load(t.get(n).unwrap().to_vec()).unwrap();
            (
                load("fonts/DejaVuSans.ttf"),
                load("fonts/DejaVuSans-Bold.ttf"),
            )
        };
        // tones stacked on vowels, digits and punctuation only (no script),
        // English, right-to-left scripts, a mix, and a line repeated (its
        // plan and font reused)
        let lines = [
            ("Đăng ký thường trú: Ủy ban nhân dân xã", &regular),
            ("0235 3000 000 · 7:30–11:30 …", &bold),
            ("Registering temporary residence", &regular),
            ("مرحبا بكم", &regular),
            ("שלום עולם", &bold),
            ("Hồ sơ (mẫu CT01) – שלום – ẞ ﬁ ǅ", &regular),
            ("Đăng ký thường trú: Ủy ban nhân dân xã", &regular),
        ];
        // where each line goes, in mm, and in points as the canvas has it
        let at = |i: usize| (10.0, 8.0 + 7.0 * i as f32);
        let krilla_own = page_of(|surface| {
            for (i, (text, face)) in lines.iter().enumerate() {
                let (x, y) = at(i);
                surface.set_fill(Some(black()));
                surface.set_stroke(None);
                surface.draw_text(
                    Point::from_xy(x * MM, y * MM),
                    face.font.clone(),
                    11.0,
                    text,
                    false,
                    krilla::text::TextDirection::Auto,
                );
            }
        });
        let here = page_of(|surface| {
            let mut c = Canvas::at(surface, 0.0, 0.0);
            for (i, (text, face)) in lines.iter().enumerate() {
                let (x, y) = at(i);
                c.text(face, 11.0, x, y, text);
            }
        });
        assert!(krilla_own == here, "the two PDFs differ");
    }

    #[test]
    fn characters_the_font_lacks_are_left_out_and_measured_as_left_out() {
        let f = face();
        // text the font covers is the very same text (same bytes drawn)
        let plain = "Đăng ký tạm trú: 0235 3000 000 – “mẫu CT01”";
        assert!(matches!(f.printable(plain), Cow::Borrowed(t) if t == plain));
        // an emoji, Chinese characters, a flag, a control character: gone,
        // with the spaces they leave
        let mixed = "📌 Đăng ký 漢字 tạm trú 🇻🇳\u{7}";
        assert_eq!(f.lacks(mixed), vec!['📌', '漢', '字', '🇻', '🇳', '\u{7}']);
        let kept = f.printable(mixed);
        assert_eq!(kept, "Đăng ký tạm trú");
        // taking the printable part again changes nothing
        assert!(matches!(f.printable(&kept), Cow::Borrowed(_)));
        // measured and wrapped as it is drawn
        assert_eq!(f.width(mixed, 12.0), f.width("Đăng ký tạm trú", 12.0));
        assert_eq!(
            wrap(&f, mixed, 12.0, 30.0),
            wrap(&f, "Đăng ký tạm trú", 12.0, 30.0)
        );
        assert!(wrap(&f, "📌 漢字", 12.0, 30.0).is_empty());
    }

    #[test]
    fn a_character_the_face_lacks_is_drawn_with_the_first_other_font_that_has_it() {
        let t = crate::theme::Theme::builtin();
        let load = |n: &str| Face::load(t.get(n).unwrap().to_vec()).unwrap();
        // DejaVu Sans Bold has no mathematical sans-serif letters (𝖠 𝖡);
        // the regular face has them
        let mut bold = load("fonts/DejaVuSans-Bold.ttf");
        let text = "Đăng 𝖠𝖡 ký";
        assert_eq!(bold.lacks(text), vec!['𝖠', '𝖡']);
        let runs: Vec<&str> = bold.runs(text).iter().map(|(_, r)| *r).collect();
        assert_eq!(runs, vec![text], "one face: one run");
        bold.more = vec![Arc::new(load("fonts/DejaVuSans.ttf"))];
        assert!(bold.lacks(text).is_empty());
        assert!(matches!(bold.printable(text), Cow::Borrowed(_)));
        let runs = bold.runs(text);
        let shown: Vec<(bool, &str)> = runs
            .iter()
            .map(|(f, r)| (std::ptr::eq(*f, &bold), *r))
            .collect();
        assert_eq!(
            shown,
            vec![(true, "Đăng "), (false, "𝖠𝖡 "), (true, "ký")],
            "a space stays in the run it is in"
        );
        // measured with the face that draws each character
        let regular = load("fonts/DejaVuSans.ttf");
        let want = bold.width("Đăng  ký", 10.0) + regular.width("𝖠𝖡", 10.0);
        assert!((bold.width(text, 10.0) - want).abs() < 1e-4);
        // a line of them is drawn run by run, each in its own font
        let pdf = page_of(|surface| {
            let mut c = Canvas::at(surface, 0.0, 0.0);
            c.text(&bold, 11.0, 10.0, 10.0, text);
        });
        let fonts = String::from_utf8_lossy(&pdf).matches("/FontFile2").count();
        assert_eq!(fonts, 2, "both fonts embedded");
    }

    #[test]
    fn a_long_word_breaks_between_letters_never_inside_one() {
        // Vietnamese written with tone marks apart (not NFC), Khmer with a
        // coeng (្) joining two consonants and vowel signs
        assert_eq!(clusters("hoa\u{300}"), vec!["h", "o", "a\u{300}"]);
        assert_eq!(
            clusters("ស្នាក់"),
            vec!["ស\u{17D2}\u{1793}\u{17B6}", "\u{1780}\u{17CB}"]
        );
        assert_eq!(clusters("ab"), vec!["a", "b"]);
        assert!(clusters("").is_empty());
    }

    /// DejaVu Sans Bold with the regular face as an added font (it has
    /// letters the bold face lacks), read once.
    fn bold_with_more() -> &'static Face {
        static FACE: std::sync::OnceLock<Face> = std::sync::OnceLock::new();
        FACE.get_or_init(|| {
            let t = crate::theme::Theme::builtin();
            let load = |n: &str| Face::load(t.get(n).unwrap().to_vec()).unwrap();
            let mut bold = load("fonts/DejaVuSans-Bold.ttf");
            bold.more = vec![Arc::new(load("fonts/DejaVuSans.ttf"))];
            bold
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            failure_persistence: None,
            ..proptest::test_runner::Config::with_cases(300)
        })]

        #[test]
        fn any_text_wraps_and_fits_keeping_every_character_it_can_print(
            text in "\\PC{0,80}",
            width in 3.0f32..60.0,
        ) {
            let f = bold_with_more();
            let bare = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let lines = wrap(f, &text, 10.0, width);
            proptest::prop_assert_eq!(bare(&lines.concat()), bare(&f.printable(&text)));
            for (face, run) in f.runs(&f.printable(&text)) {
                proptest::prop_assert!(run.chars().all(|c| c.is_whitespace() || face.advance(c).is_some()));
            }
            let (fitted, _) = fit(f, &text, 10.0, width, 2);
            proptest::prop_assert!(fitted.len() <= 2);
        }
    }

    #[test]
    fn the_theme_font_covers_every_vietnamese_letter() {
        let f = face();
        let letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        assert!(f.covers(letters));
        assert!(f.covers(&letters.to_uppercase()));
    }

    #[test]
    fn a_short_line_on_two_lines_leaves_no_word_alone() {
        let f = face();
        let text = "Quét mã để xem hướng dẫn và làm trực tuyến";
        let full = f.width(text, 10.0);
        // a measure where plain wrapping leaves the last word alone
        let w = (1..=20)
            .map(|i| full - i as f32 * 0.1)
            .find(|w| {
                wrap(&f, text, 10.0, *w)
                    .last()
                    .is_some_and(|l| !l.contains(' '))
            })
            .expect("a width that strands one word");
        let (lines, cut) = fit_balanced(&f, text, 10.0, w, 2);
        assert!(!cut);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| l.contains(' ')), "{lines:?}");
        assert!(lines.iter().all(|l| f.width(l, 10.0) <= w + 0.01));
        assert_eq!(lines.join(" "), text);
        // the halves differ by less than the longest word
        let (a, b) = (f.width(&lines[0], 10.0), f.width(&lines[1], 10.0));
        assert!((a - b).abs() < f.width("tuyến", 10.0) * 2.0, "{a} {b}");
    }

    #[test]
    fn wrapping_keeps_every_line_inside_the_width() {
        let f = face();
        let text = "Mở ứng dụng VNeID, chọn Thủ tục hành chính rồi chọn Thông báo lưu trú và điền đủ thông tin Đượcgiảiquyếtngaytrongngàylàmviệcnàymàkhôngcầnđếnxã";
        for w in [30.0, 60.0, 120.0] {
            let lines = wrap(&f, text, 12.0, w);
            assert!(
                lines.iter().all(|l| f.width(l, 12.0) <= w + 0.01),
                "{w}: {lines:?}"
            );
            assert_eq!(lines.join(" ").replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn fitting_cuts_with_an_ellipsis() {
        let f = face();
        let (lines, cut) = fit(&f, &"Đăng ký tạm trú ".repeat(20), 12.0, 50.0, 2);
        assert!(cut);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(f.width(&lines[1], 12.0) <= 50.0);
        let (lines, cut) = fit(&f, "Ngắn", 12.0, 50.0, 2);
        assert_eq!((lines, cut), (vec!["Ngắn".to_string()], false));
        // cut between words, never inside one: "trên 30 ngày" printed as
        // "trên 3…" read as three days
        let title =
            "Đăng ký tạm trú cho người ở nhờ tại các thôn của xã Hòa Bình trên 30 ngày liên tục";
        for w in (30..90).step_by(3) {
            let (lines, cut) = fit(&f, title, 12.0, w as f32, 2);
            if !cut {
                continue;
            }
            let last = lines.last().expect("a line");
            assert!(f.width(last, 12.0) <= w as f32, "{last}");
            let kept = last.trim_end_matches('…');
            // every word kept is a word of the title, whole
            for word in kept.split_whitespace() {
                assert!(
                    title.split(' ').any(|t| t == word),
                    "{w}: {word} in {lines:?}"
                );
            }
        }
        // one word longer than the line is still cut inside it
        let (lines, cut) = fit(&f, &"x".repeat(80), 12.0, 20.0, 1);
        assert!(
            cut && lines[0].ends_with('…') && lines[0].len() > 3,
            "{lines:?}"
        );
    }
}
