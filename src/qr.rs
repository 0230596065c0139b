//! QR codes: each procedure's short link encoded with the `qrcode` crate
//! (smallest version that fits, error correction from `site.yaml`), kept as
//! a module matrix that the web (SVG) and print (PDF paths) outputs draw.

use qrcode::{Color, EcLevel, QrCode};

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

/// The error-correction level written in `site.yaml` (`L`, `M`, `Q`, `H`);
/// anything else is `Q`.
pub fn ec_level(name: &str) -> EcLevel {
    match name {
        "L" => EcLevel::L,
        "M" => EcLevel::M,
        "H" => EcLevel::H,
        _ => EcLevel::Q,
    }
}

impl Qr {
    /// Encodes `text` in the smallest version that fits. Returns `None`
    /// only for text too long for any QR code (about 2 KB).
    pub fn encode(text: &str, ec: &str) -> Option<Qr> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), ec_level(ec)).ok()?;
        let version = match code.version() {
            qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
        };
        Some(Qr {
            size: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
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
        let mut out = Vec::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if self.is_dark(x, y) {
                    let start = x;
                    while x < self.size && self.is_dark(x, y) {
                        x += 1;
                    }
                    out.push((start, y, x - start));
                } else {
                    x += 1;
                }
            }
        }
        out
    }

    /// A standalone SVG: white background with the quiet zone, black
    /// modules as one path, sized in modules (scale it freely).
    pub fn svg(&self, label: &str) -> String {
        let w = self.size + 2 * QUIET_ZONE;
        let mut d = String::with_capacity(self.dark.len() * 3);
        for (x, y, len) in self.runs() {
            d.push_str(&format!(
                "M{} {}h{}v1h-{}z",
                x + QUIET_ZONE,
                y + QUIET_ZONE,
                len,
                len
            ));
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {w}\" width=\"{px}\" height=\"{px}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{label}\"><rect width=\"{w}\" height=\"{w}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>\n",
            px = w * 8,
            label = crate::html::escape_html(label),
        )
    }
}

/// `q/<id>/qr.svg` for every procedure, for the web pages.
pub fn svg_files(site: &crate::model::Site) -> Vec<crate::render::OutFile> {
    let cfg = &site.config;
    site.procedures()
        .filter_map(|(_, p)| {
            let link = short_link(&cfg.base_url, &p.id);
            let qr = Qr::encode(&link, &cfg.print.qr_error_correction)?;
            let svg = qr.svg(&link);
            Some(crate::render::OutFile::bytes(
                format!("q/{}/qr.svg", p.id),
                svg.into_bytes(),
            ))
        })
        .collect()
}

/// The address a procedure's QR code points at: `<base_url>q/<id>/`.
pub fn short_link(base_url: &str, id: &str) -> String {
    format!("{base_url}q/{id}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_links_are_short_and_fit_a_small_symbol() {
        let link = short_link("https://hoabinh.example.vn/", "tt01");
        assert_eq!(link, "https://hoabinh.example.vn/q/tt01/");
        let qr = Qr::encode(&link, "Q").unwrap();
        assert!(qr.version <= 4, "version {}", qr.version);
        assert_eq!(qr.size, 17 + 4 * qr.version as usize);
    }

    #[test]
    fn higher_error_correction_needs_a_bigger_symbol() {
        let link = "https://hoabinh.example.vn/q/tt01/";
        let l = Qr::encode(link, "L").unwrap();
        let h = Qr::encode(link, "H").unwrap();
        assert!(h.version > l.version);
    }

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let qr = Qr::encode("https://x.vn/q/a/", "Q").unwrap();
        let in_runs: usize = qr.runs().iter().map(|r| r.2).sum();
        assert_eq!(in_runs, qr.dark.iter().filter(|d| **d).count());
        // finder pattern: the top-left 7 modules of row 0 are dark
        assert_eq!(qr.runs()[0], (0, 0, 7));
    }

    #[test]
    fn svg_has_a_white_quiet_zone_and_escapes_its_label() {
        let qr = Qr::encode("https://x.vn/q/a/", "Q").unwrap();
        let svg = qr.svg("Mã QR \"a\" <b>");
        let w = qr.size + 8;
        assert!(svg.contains(&format!("viewBox=\"0 0 {w} {w}\"")));
        assert!(svg.contains("<rect width"));
        assert!(
            svg.contains("M4 4h7v1h-7z"),
            "first run starts after the quiet zone"
        );
        assert!(svg.contains("aria-label=\"Mã QR &quot;a&quot; &lt;b&gt;\""));
    }
}
