//! QR codes: each procedure's short link encoded with the `qrcode` crate
//! (smallest version that fits, error correction from `site.yaml`), kept as
//! a module matrix that the web (SVG) and print (PDF paths) outputs draw.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel};

/// The eight mask patterns, in the order the QR standard numbers them.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// [`penalty`] on rows and columns held as bit sets (bit `x` of a row is
/// module `x`), for symbols up to 64 modules wide (version 11, far more
/// than a short link needs): about a tenth of the time.
fn penalty_bits(rows: &[u64], cols: &[u64]) -> i64 {
    let w = rows.len();
    let full: u64 = if w == 64 { u64::MAX } else { (1u64 << w) - 1 };
    let mut score = 0i64;
    for lines in [rows, cols] {
        let mut found = 0i64;
        for &line in lines {
            // runs of one colour: a run of n >= 5 scores n - 2, which is
            // its number of windows of five equal modules, plus two
            let eq = !(line ^ (line >> 1)) & (full >> 1); // bit i: i == i + 1
            let five = eq & (eq >> 1) & (eq >> 2) & (eq >> 3);
            let starts = five & !(eq << 1);
            score += i64::from(five.count_ones() + 2 * starts.count_ones());
            // finder-like patterns 1:1:3:1:1 (dark, light, 3 dark, light, dark)
            let light = !line & full;
            let mut at = line
                & (light >> 1)
                & (line >> 2)
                & (line >> 3)
                & (line >> 4)
                & (light >> 5)
                & (line >> 6);
            while at != 0 {
                let j = at.trailing_zeros() as usize;
                at &= at - 1;
                let lo = j.saturating_sub(4);
                let before = (line >> lo) & ((1u64 << (j - lo)) - 1);
                let hi = (j + 11).min(w);
                let after = (line >> (j + 7)) & ((1u64 << (hi - j - 7)) - 1);
                if before == 0 || after == 0 {
                    found += 40;
                }
            }
        }
        score += found - 360;
    }
    // 2 × 2 blocks: equal to the right in both rows, and equal below
    let pairs = full >> 1;
    for y in 0..w - 1 {
        let (a, b) = (rows[y], rows[y + 1]);
        let same = !(a ^ (a >> 1)) & !(b ^ (b >> 1)) & !(a ^ b) & pairs;
        score += 3 * i64::from(same.count_ones());
    }
    let dark_count: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let ratio = i64::from(dark_count) * 200 / (w * w) as i64;
    score + (ratio - 100).abs()
}

/// Masks the symbol with each pattern, scores it, and keeps the best (the
/// first of equal scores, as the crate does), on rows of bits: each row is
/// masked with one XOR of a row of the pattern, made once per size.
/// The columns of a square of `rows.len()` bit rows, as bit rows.
fn transpose(rows: &[u64]) -> Vec<u64> {
    let mut cols = vec![0u64; rows.len()];
    for (y, row) in rows.iter().enumerate() {
        let mut r = *row;
        while r != 0 {
            let x = r.trailing_zeros() as usize;
            cols[x] |= 1 << y;
            r &= r - 1;
        }
    }
    cols
}

/// Masks the symbol with each pattern, scores it, and keeps the best (the
/// first of equal scores, as the crate does), on rows of bits: each row is
/// masked with one XOR of a row of the pattern, and each column the same
/// way from the columns of the symbol and of the pattern, made once.
fn best_mask_rows(modules: &[Module], w: usize, fixes: &[Vec<(usize, bool)>]) -> Vec<bool> {
    let mut base = vec![0u64; w];
    let mut data = vec![0u64; w];
    for (y, row) in modules.chunks(w).enumerate() {
        for (x, m) in row.iter().enumerate() {
            match m {
                Module::Empty => data[y] |= 1 << x,
                Module::Masked(c) => base[y] |= u64::from(*c == Color::Dark) << x,
                Module::Unmasked(c) => {
                    data[y] |= 1 << x;
                    base[y] |= u64::from(*c == Color::Dark) << x;
                }
            }
        }
    }
    let (base_cols, data_cols) = (transpose(&base), transpose(&data));
    let patterns = mask_rows(w);
    let mut best: Option<(i64, Vec<u64>)> = None;
    for (p, fix) in fixes.iter().enumerate() {
        let (pattern, pattern_cols) = &patterns[p];
        let mut rows: Vec<u64> = (0..w).map(|y| base[y] ^ (pattern[y] & data[y])).collect();
        let mut cols: Vec<u64> = (0..w)
            .map(|x| base_cols[x] ^ (pattern_cols[x] & data_cols[x]))
            .collect();
        for &(i, dark) in fix {
            let (y, x) = (i / w, i % w);
            rows[y] = (rows[y] & !(1 << x)) | (u64::from(dark) << x);
            cols[x] = (cols[x] & !(1 << y)) | (u64::from(dark) << y);
        }
        let score = penalty_bits(&rows, &cols);
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, rows));
        }
    }
    let rows = best.map(|(_, r)| r).unwrap_or_default();
    rows.iter()
        .flat_map(|row| (0..w).map(move |x| row >> x & 1 == 1))
        .collect()
}

/// [`best_mask_rows`] for symbols wider than 64 modules (version 12 and
/// up, far longer links than camnang makes), module by module.
fn best_mask_plain(modules: &[Module], w: usize, fixes: &[Vec<(usize, bool)>]) -> Vec<bool> {
    let mut best: Option<(i64, Vec<bool>)> = None;
    for (p, fix) in fixes.iter().enumerate() {
        let mut dark: Vec<bool> = modules
            .iter()
            .enumerate()
            .map(|(i, m)| masked(*m, mask_bit(p, i % w, i / w)))
            .collect();
        for (i, v) in fix {
            dark[*i] = *v;
        }
        let score = penalty(&dark, w);
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, dark));
        }
    }
    best.map(|(_, d)| d).unwrap_or_default()
}

/// The rows and the columns of the eight mask patterns for a symbol `w`
/// modules wide, made once per width.
#[allow(clippy::type_complexity)]
fn mask_rows(w: usize) -> Arc<Vec<(Vec<u64>, Vec<u64>)>> {
    static ROWS: Shared<usize, Vec<(Vec<u64>, Vec<u64>)>> = OnceLock::new();
    shared(&ROWS, w, || {
        Some(
            (0..8)
                .map(|p| {
                    let rows: Vec<u64> = (0..w)
                        .map(|y| {
                            (0..w).fold(0u64, |acc, x| acc | u64::from(mask_bit(p, x, y)) << x)
                        })
                        .collect();
                    let cols = transpose(&rows);
                    (rows, cols)
                })
                .collect(),
        )
    })
    .unwrap_or_default()
}

/// Whether mask pattern `p` (0–7, the standard's numbering) inverts the
/// module at column `x`, row `y`. Written as the standard writes them.
#[allow(clippy::manual_is_multiple_of)]
fn mask_bit(p: usize, x: usize, y: usize) -> bool {
    match p {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => ((y / 2) + (x / 3)) % 2 == 0,
        5 => (x * y) % 2 + (x * y) % 3 == 0,
        6 => ((x * y) % 2 + (x * y) % 3) % 2 == 0,
        _ => ((x + y) % 2 + (x * y) % 3) % 2 == 0,
    }
}

/// Whether a module is dark once masked: data modules are inverted where
/// the mask says so, pattern modules stay, empty ones take the mask.
fn masked(m: Module, bit: bool) -> bool {
    match m {
        Module::Empty => bit,
        Module::Masked(c) => c == Color::Dark,
        Module::Unmasked(c) => (c == Color::Dark) ^ bit,
    }
}

/// What every symbol of one version and error-correction level shares,
/// found once and kept: which modules are data (empty once the patterns
/// are drawn), and, for each mask pattern, the modules where the crate's
/// `apply_mask` gives another colour than [`masked`] (the format
/// information it draws). Masking with the crate eight times a code, and
/// reading its canvas module by module, were the slowest part of encoding.
struct Layout {
    /// The canvas with the function patterns only.
    template: Vec<Module>,
    fixes: Vec<Vec<(usize, bool)>>,
}

fn layout(version: qrcode::Version, ec: EcLevel) -> Arc<Layout> {
    static LAYOUTS: Shared<(i16, u8), Layout> = OnceLock::new();
    let number = match version {
        qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
    };
    shared(&LAYOUTS, (number, ec as u8), || {
        let mut template = Canvas::new(version, ec);
        template.draw_all_functional_patterns();
        let w = version.width().max(0) as usize;
        let modules: Vec<Module> = (0..w)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .map(|(x, y)| template.get(x as i16, y as i16))
            .collect();
        let fixes: Vec<Vec<(usize, bool)>> = MASKS
            .iter()
            .enumerate()
            .map(|(p, pattern)| {
                let mut c = template.clone();
                c.apply_mask(*pattern);
                c.into_colors()
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, color)| {
                        let dark = color == Color::Dark;
                        (dark != masked(modules[i], mask_bit(p, i % w, i / w))).then_some((i, dark))
                    })
                    .collect()
            })
            .collect();
        Some(Layout {
            template: modules,
            fixes,
        })
    })
    .unwrap_or_else(|| {
        Arc::new(Layout {
            template: Vec::new(),
            fixes: Vec::new(),
        })
    })
}

/// The QR standard's penalty score of a masked symbol (ISO/IEC 18004
/// 7.8.3, as the `qrcode` crate computes it): runs of five or more modules
/// of one colour, 2 × 2 blocks of one colour, finder-like patterns outside
/// the finders, and the dark/light balance. Lower is better.
fn penalty(dark: &[bool], w: usize) -> i64 {
    let at = |x: usize, y: usize| dark[y * w + x];
    let mut score = 0i64;
    // runs, along rows and along columns
    for horizontal in [true, false] {
        for i in 0..w {
            let mut run = 1i64;
            for j in 1..=w {
                let same = j < w && {
                    let (a, b) = if horizontal {
                        (at(j, i), at(j - 1, i))
                    } else {
                        (at(i, j), at(i, j - 1))
                    };
                    a == b
                };
                if same {
                    run += 1;
                } else {
                    if run >= 5 {
                        score += run - 2;
                    }
                    run = 1;
                }
            }
        }
    }
    // 2 × 2 blocks
    for y in 0..w - 1 {
        for x in 0..w - 1 {
            let c = at(x, y);
            if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c {
                score += 3;
            }
        }
    }
    // 1:1:3:1:1 finder-like patterns with four light modules on a side;
    // the three real finders always match nine times in each direction
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    for horizontal in [true, false] {
        let mut found = 0i64;
        for i in 0..w {
            let get = |k: usize| if horizontal { at(k, i) } else { at(i, k) };
            for j in 0..w.saturating_sub(6) {
                if (0..7).any(|k| get(j + k) != PATTERN[k]) {
                    continue;
                }
                let dark_before = (j.saturating_sub(4)..j).any(get);
                let dark_after = (j + 7..(j + 11).min(w)).any(get);
                if !dark_before || !dark_after {
                    found += 40;
                }
            }
        }
        score += found - 360;
    }
    // balance of dark and light
    let ratio = (dark.iter().filter(|d| **d).count() * 200 / dark.len()) as i64;
    score + (ratio - 100).abs()
}

/// Modules of white space around the symbol, as the QR standard asks.
pub const QUIET_ZONE: usize = 4;

/// A QR symbol as a square matrix of modules, quiet zone not included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    /// Modules per side, without the quiet zone.
    pub size: usize,
    /// Row by row, `true` for a dark module.
    pub dark: Vec<bool>,
    /// The symbol version (1–40).
    pub version: i16,
}

impl Qr {
    /// Encodes `text` in the smallest version that fits, with the mask the
    /// QR standard's penalty rules choose. Returns `None` only for text too
    /// long for any QR code (about 2 KB).
    ///
    /// This is what `QrCode::with_error_correction_level` does, module for
    /// module (a test compares them), but scores the eight masks on plain
    /// booleans: the crate's scoring took about 0.5 ms a code, the largest
    /// cost of building a 10,000-procedure site.
    pub fn encode(text: &str, ec: EcLevel) -> Option<Qr> {
        let bits = qrcode::bits::encode_auto(text.as_bytes(), ec).ok()?;
        let version = bits.version();
        let data = bits.into_bytes();
        let (codewords, ec_codewords) = qrcode::ec::construct_codewords(&data, version, ec).ok()?;
        let mut canvas = Canvas::new(version, ec);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&codewords, &ec_codewords);
        let size: usize = version.width().try_into().ok()?;
        let layout = layout(version, ec);
        // the drawn canvas, module by module: the patterns as the template
        // has them, the rest data (an undrawn remainder module is light,
        // which masks the same as empty)
        let modules: Vec<Module> = canvas
            .into_colors()
            .into_iter()
            .zip(&layout.template)
            .map(|(color, t)| match t {
                Module::Masked(_) => *t,
                _ => Module::Unmasked(color),
            })
            .collect();
        let dark = if size <= 64 {
            best_mask_rows(&modules, size, &layout.fixes)
        } else {
            best_mask_plain(&modules, size, &layout.fixes)
        };
        let version = match version {
            qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
        };
        Some(Qr {
            size,
            dark,
            version,
        })
    }

    /// Whether the module at column `x`, row `y` is dark.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark.get(y * self.size + x).copied().unwrap_or(false)
    }

    /// Horizontal runs of dark modules: (x, y, length), row by row. Drawing
    /// runs instead of single modules keeps SVG and PDF paths small.
    pub fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::with_capacity(self.dark.len() / 4);
        self.each_run(|x, y, len| out.push((x, y, len)));
        out
    }

    /// Calls `f` with each of [`Qr::runs`], as the rows are read.
    fn each_run(&self, mut f: impl FnMut(usize, usize, usize)) {
        for (y, row) in self.dark.chunks_exact(self.size.max(1)).enumerate() {
            let mut start = None;
            for (x, &dark) in row.iter().enumerate() {
                match (dark, start) {
                    (true, None) => start = Some(x),
                    (false, Some(s)) => {
                        f(s, y, x - s);
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                f(s, y, row.len() - s);
            }
        }
    }

    /// Writes the dark modules as SVG path data into `d`, quiet zone
    /// included in the coordinates: each row's runs of [`Qr::runs`] as
    /// lines one module thick through the middle of the row (`M x y.5hN`
    /// for its first run, `mG 0hN` for the next ones, `G` the light
    /// modules between), about half the bytes of a rectangle per run.
    fn path_data(&self, d: &mut Vec<u8>) {
        // digits written by hand, each run into a small buffer added at
        // once: the formatting machinery, then pushing byte by byte, took
        // most of the time of making 10,000 SVG files
        struct Run {
            b: [u8; 96],
            at: usize,
        }
        impl Run {
            fn put(&mut self, bytes: &[u8]) {
                self.b[self.at..self.at + bytes.len()].copy_from_slice(bytes);
                self.at += bytes.len();
            }
            // (a symbol is at most 177 modules and the quiet zone wide:
            // three digits; more are written all the same)
            fn num(&mut self, n: usize) {
                let mut digits = [0u8; 20];
                let mut i = digits.len();
                let mut n = n;
                loop {
                    i -= 1;
                    digits[i] = b'0' + (n % 10) as u8;
                    n /= 10;
                    if n == 0 {
                        break;
                    }
                }
                self.put(&digits[i..]);
            }
        }
        // the row of the run before, and the column its line ended at
        let mut last: Option<(usize, usize)> = None;
        self.each_run(|x, y, len| {
            let mut r = Run { b: [0; 96], at: 0 };
            match last {
                Some((row, end)) if row == y => {
                    r.put(b"m");
                    r.num(x - end);
                    r.put(b" 0h");
                }
                _ => {
                    r.put(b"M");
                    r.num(x + QUIET_ZONE);
                    r.put(b" ");
                    r.num(y + QUIET_ZONE);
                    r.put(b".5h");
                }
            }
            r.num(len);
            last = Some((y, x + len));
            d.extend_from_slice(&r.b[..r.at]);
        });
    }

    /// A standalone SVG: white background with the quiet zone, black
    /// modules as one path, sized in modules (scale it freely).
    pub fn svg(&self, label: &str) -> String {
        let w = self.size + 2 * QUIET_ZONE;
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {w}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{label}\"><rect width=\"{w}\" height=\"{w}\" fill=\"#fff\"/><path fill=\"none\" stroke=\"#000\" d=\"",
            px = w * 8,
            label = crate::text::escape_html(label),
        )
        .into_bytes();
        svg.reserve(self.dark.len() * 2 + 16);
        self.path_data(&mut svg);
        svg.extend_from_slice(b"\"/></svg>\n");
        // (ASCII digits and letters after the text of a String)
        String::from_utf8(svg).unwrap_or_default()
    }
}

/// Encodes `text` once per process: posters, flyers, board sheets and web
/// pages of a build (and every rebuild of `camnang serve`) share the symbol.
pub fn cached(text: &str, ec: EcLevel) -> Option<Arc<Qr>> {
    static SYMBOLS: Shared<(String, u8), Qr> = OnceLock::new();
    shared(&SYMBOLS, (text.to_string(), ec as u8), || {
        Qr::encode(text, ec)
    })
}

/// A value made once per process and key, shared by every thread.
type Shared<K, V> = OnceLock<Mutex<HashMap<K, Arc<V>>>>;

/// The value of `key` in `cell`, made by `make` the first time.
fn shared<K: std::hash::Hash + Eq, V>(
    cell: &'static Shared<K, V>,
    key: K,
    make: impl FnOnce() -> Option<V>,
) -> Option<Arc<V>> {
    let map = cell.get_or_init(Mutex::default);
    if let Some(v) = map.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Some(v);
    }
    let v = Arc::new(make()?);
    if let Ok(mut m) = map.lock() {
        m.insert(key, v.clone());
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_gives_exactly_the_qrcode_crates_symbol() {
        // links of many lengths (versions 1 to about 12) at every level
        let mut text = String::from("https://xa.example.vn/q/");
        for n in 0..120 {
            text.push(char::from(b'a' + (n * 7 % 26) as u8));
            if n % 9 == 0 {
                text.push_str("/0");
            }
            for ec in [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H] {
                let ours = Qr::encode(&text, ec).unwrap();
                let theirs = qrcode::QrCode::with_error_correction_level(&text, ec).unwrap();
                assert_eq!(ours.size, theirs.width(), "{text} {ec:?}");
                let dark: Vec<bool> = theirs
                    .to_colors()
                    .iter()
                    .map(|c| *c == Color::Dark)
                    .collect();
                assert!(ours.dark == dark, "{text} at {ec:?}: a different symbol");
            }
        }
    }

    #[test]
    fn bit_set_scoring_agrees_with_plain_scoring() {
        let mut text = String::from("https://xa.example.vn/");
        for n in 0..200 {
            text.push(char::from(b'0' + (n * 3 % 75) as u8));
            let qr = Qr::encode(
                &text,
                [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H][n % 4],
            )
            .unwrap();
            if qr.size <= 64 {
                let rows: Vec<u64> = qr
                    .dark
                    .chunks_exact(qr.size)
                    .map(|r| {
                        r.iter()
                            .enumerate()
                            .fold(0, |a, (x, d)| a | u64::from(*d) << x)
                    })
                    .collect();
                assert_eq!(
                    penalty_bits(&rows, &transpose(&rows)),
                    penalty(&qr.dark, qr.size),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn short_links_are_short_and_fit_a_small_symbol() {
        let link = crate::model::routes::short_link("https://hoabinh.example.vn/", "tt01");
        assert_eq!(link, "https://hoabinh.example.vn/q/tt01/");
        let qr = Qr::encode(&link, EcLevel::Q).unwrap();
        assert!(qr.version <= 4, "version {}", qr.version);
        assert_eq!(qr.size, 17 + 4 * qr.version as usize);
    }

    #[test]
    fn higher_error_correction_needs_a_bigger_symbol() {
        let link = "https://hoabinh.example.vn/q/tt01/";
        let l = Qr::encode(link, EcLevel::L).unwrap();
        let h = Qr::encode(link, EcLevel::H).unwrap();
        assert!(h.version > l.version);
    }

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let qr = Qr::encode("https://x.vn/q/a/", EcLevel::Q).unwrap();
        let in_runs: usize = qr.runs().iter().map(|r| r.2).sum();
        assert_eq!(in_runs, qr.dark.iter().filter(|d| **d).count());
        // finder pattern: the top-left 7 modules of row 0 are dark
        assert_eq!(qr.runs()[0], (0, 0, 7));
    }

    #[test]
    fn svg_has_a_white_quiet_zone_and_escapes_its_label() {
        let qr = Qr::encode("https://x.vn/q/a/", EcLevel::Q).unwrap();
        let svg = qr.svg("Mã QR \"a\" <b>");
        let w = qr.size + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {w} {w}\"")));
        assert!(svg.contains("<rect width"));
        assert!(
            svg.contains("d=\"M4 4.5h7m"),
            "first run starts after the quiet zone"
        );
        assert!(svg.contains("aria-label=\"Mã QR &quot;a&quot; &lt;b&gt;\""));
    }

    /// The modules an SVG path of [`Qr::svg`] draws, read back as a
    /// renderer would: each line one module thick, from its start to its
    /// end, in the row it runs through the middle of.
    fn drawn(path: &str, w: usize) -> Vec<bool> {
        let mut dark = vec![false; w * w];
        let (mut x, mut y) = (0.0f64, 0.0f64);
        let mut rest = path;
        while let Some(c) = rest.chars().next() {
            rest = &rest[1..];
            let end = rest
                .find(|c: char| c.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            let nums: Vec<f64> = rest[..end]
                .split(' ')
                .map(|n| n.parse().expect("a number"))
                .collect();
            rest = &rest[end..];
            match (c, nums.as_slice()) {
                ('M', [a, b]) => (x, y) = (*a, *b),
                ('m', [a, b]) => (x, y) = (x + a, y + b),
                ('h', [n]) => {
                    assert_eq!(y.fract(), 0.5, "a line through the middle of a row");
                    for col in x as usize..(x + n) as usize {
                        assert!(!dark[y as usize * w + col], "drawn twice");
                        dark[y as usize * w + col] = true;
                    }
                    x += n;
                }
                other => panic!("unexpected {other:?} in {path}"),
            }
        }
        dark
    }

    #[test]
    fn the_svg_path_draws_exactly_the_dark_modules() {
        for (text, ec) in [
            ("https://x.vn/q/a/", EcLevel::L),
            ("https://hoabinh.gov.vn/q/dang-ky-tam-tru/", EcLevel::Q),
            ("https://a.vn/q/".repeat(12).as_str(), EcLevel::H),
            ("https://a.vn/", EcLevel::M),
        ] {
            let qr = Qr::encode(text, ec).unwrap();
            let svg = qr.svg(text);
            assert!(svg.contains("<path fill=\"none\" stroke=\"#000\" d=\""));
            let path = svg
                .split(" d=\"")
                .nth(1)
                .and_then(|p| p.split('"').next())
                .unwrap();
            let w = qr.size + 2 * QUIET_ZONE;
            let drawn = drawn(path, w);
            for y in 0..w {
                for x in 0..w {
                    let want = (QUIET_ZONE..QUIET_ZONE + qr.size).contains(&x)
                        && (QUIET_ZONE..QUIET_ZONE + qr.size).contains(&y)
                        && qr.is_dark(x - QUIET_ZONE, y - QUIET_ZONE);
                    assert_eq!(drawn[y * w + x], want, "{text}: module {x},{y}");
                }
            }
        }
    }
}
