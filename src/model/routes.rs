//! Every address of the built site, in one place: page paths, language
//! prefixes, short links, QR files, the kiosk, print files, search files,
//! the JSON export and the site-wide files. Paths are relative to the
//! output folder, with `/` separators; a path ending in `/` is a page
//! (its file is `index.html` inside it).
//!
//! Nothing else in camnang writes an output path by hand: outputs ask
//! here, so a page, the link to it, the sitemap entry and `camnang check`
//! always agree.

use super::{Category, Procedure};

/// Folder of the short links a QR code opens (`q/<id>/`).
pub const SHORT_DIR: &str = "q";
/// Folder of the print files (posters, board sheets, flyers).
pub const PRINT_DIR: &str = "in-an";
/// Folder of the kiosk screens.
pub const KIOSK_DIR: &str = "kiosk";
/// Folder of the theme's scripts.
pub const ASSETS_DIR: &str = "assets";
/// Folder of the JSON export.
pub const API_DIR: &str = "api";
/// The search index of a language, under its prefix.
pub const SEARCH_INDEX: &str = "search-index.json";
/// The search script, from the theme's `static/search.js`.
pub const SEARCH_SCRIPT: &str = "assets/search.js";
/// The page for addresses that lead nowhere.
pub const NOT_FOUND: &str = "404.html";
/// The sitemap.
pub const SITEMAP: &str = "sitemap.xml";
/// Rules for search engines.
pub const ROBOTS: &str = "robots.txt";
/// The service worker.
pub const SERVICE_WORKER: &str = "sw.js";

/// Top-level names camnang writes itself, with the address it uses them
/// for: a category folder (or a language code) may not take one of them.
/// `static` and `files` are `content/`'s own folders for copied files.
pub const RESERVED: &[(&str, &str)] = &[
    (SHORT_DIR, "/q/<id>/"),
    (PRINT_DIR, "/in-an/"),
    (KIOSK_DIR, "/kiosk/"),
    (ASSETS_DIR, "/assets/"),
    (API_DIR, "/api/"),
    ("files", "/files/"),
    ("static", "/static/"),
    (NOT_FOUND, "/404.html"),
    (SITEMAP, "/sitemap.xml"),
    (ROBOTS, "/robots.txt"),
    (SERVICE_WORKER, "/sw.js"),
    (SEARCH_INDEX, "/search-index.json"),
    ("index.html", "/"),
];

/// Where a language's pages live: `""` for the site's own language (the
/// first), `"en/"` for the others.
pub fn lang_prefix(index: usize, code: &str) -> String {
    if index == 0 {
        String::new()
    } else {
        format!("{code}/")
    }
}

/// The file of a page: `cu-tru/` → `cu-tru/index.html`, `""` → `index.html`.
pub fn page_file(page: &str) -> String {
    format!("{page}index.html")
}

/// A category page (`cu-tru/`).
pub fn category(c: &Category) -> String {
    format!("{}/", c.slug)
}

/// A procedure page (`cu-tru/dang-ky-tam-tru/`).
pub fn procedure(p: &Procedure) -> String {
    format!("{}/{}/", p.category, p.slug)
}

/// A short link page in a language (`q/tt01/`, `en/q/tt01/`).
pub fn short(prefix: &str, id: &str) -> String {
    format!("{prefix}{SHORT_DIR}/{id}/")
}

/// The SVG of a procedure's QR code in a language (`q/tt01/qr.svg`).
pub fn qr_svg(prefix: &str, id: &str) -> String {
    format!("{prefix}{SHORT_DIR}/{id}/qr.svg")
}

/// A kiosk screen: the whole site (`None`) or one category.
pub fn kiosk(only: Option<&Category>) -> String {
    match only {
        Some(c) => format!("{KIOSK_DIR}/{}/", c.slug),
        None => format!("{KIOSK_DIR}/"),
    }
}

/// The print page (`in-an/`).
pub fn print_page() -> String {
    format!("{PRINT_DIR}/")
}

/// A procedure's poster on `paper` (`A4`) in a language.
pub fn poster(prefix: &str, paper: &str, id: &str) -> String {
    format!(
        "{PRINT_DIR}/{prefix}ap-phich-{}/{id}.pdf",
        paper.to_lowercase()
    )
}

/// The board sheet on `paper`.
pub fn board(paper: &str, volume: &str) -> String {
    format!(
        "{PRINT_DIR}/bang-niem-yet-{}{volume}.pdf",
        paper.to_lowercase()
    )
}

/// The file-name ending of volume `n` (from 1) of `of`: none for a sheet
/// in one volume, `-tap-2` for the second of several (`tập`: volume).
pub fn volume(n: usize, of: usize) -> String {
    match of {
        0 | 1 => String::new(),
        _ => format!("-tap-{n}"),
    }
}

/// The order sheet for the print shop.
pub fn order_sheet() -> String {
    format!("{PRINT_DIR}/don-dat-in.pdf")
}

/// Every file of a folder of print files, as an order sheet names them
/// (`in-an/ap-phich-a4/*.pdf`).
pub fn print_folder_files(file: &str) -> String {
    match file.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/*.pdf"),
        None => file.to_string(),
    }
}

/// A sheet of flyers, `name` without `.pdf`.
pub fn flyers(name: &str) -> String {
    format!("{PRINT_DIR}/{name}.pdf")
}

/// The JSON export of every procedure in a language.
pub fn api_all(prefix: &str) -> String {
    format!("{prefix}{API_DIR}/procedures.json")
}

/// The JSON export of one procedure in a language.
pub fn api_one(prefix: &str, id: &str) -> String {
    format!("{prefix}{API_DIR}/{id}.json")
}

/// The full address of a site-relative path: `base_url` + `rel`.
pub fn absolute(base_url: &str, rel: &str) -> String {
    format!("{base_url}{rel}")
}

/// The link to a site-relative path from the site's base path.
pub fn link(base_path: &str, rel: &str) -> String {
    format!("{base_path}{rel}")
}

/// The address a procedure's QR code points at: `<base>q/<id>/`, where
/// `base` is the site's `base_url` with the language prefix.
pub fn short_link(base: &str, id: &str) -> String {
    format!("{base}{SHORT_DIR}/{id}/")
}

/// A link as a resident would type it: without `https://` and the
/// trailing `/`.
pub fn typed_link(link: &str) -> String {
    let s = link.split_once("://").map(|(_, r)| r).unwrap_or(link);
    s.trim_end_matches('/').to_string()
}

/// The address every genuine code of the site opens, as a resident reads
/// it: `base_url` without `https://` and the trailing `/`
/// (`hoabinh.example.vn`, `tinh.example.vn/hoabinh`).
pub fn code_site(base_url: &str) -> String {
    typed_link(base_url)
}

/// The domain a link leads to (`https://dichvucong.gov.vn/p/…` →
/// `dichvucong.gov.vn`), without `www.`, a port or a user; `None` for a
/// link without a host.
pub fn domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    };
    let host = host.strip_prefix("www.").unwrap_or(host).to_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_typed_without_scheme_and_trailing_slash() {
        assert_eq!(
            typed_link("https://hoabinh.gov.vn/q/tt01/"),
            "hoabinh.gov.vn/q/tt01"
        );
        assert_eq!(
            short_link("https://x.vn/en/", "a1"),
            "https://x.vn/en/q/a1/"
        );
        assert_eq!(poster("en/", "A4", "a1"), "in-an/en/ap-phich-a4/a1.pdf");
        assert_eq!(lang_prefix(0, "vi"), "");
        assert_eq!(lang_prefix(1, "en"), "en/");
    }

    #[test]
    fn genuine_codes_name_the_site_and_buttons_their_domain() {
        assert_eq!(code_site("https://hoabinh.gov.vn/"), "hoabinh.gov.vn");
        assert_eq!(
            code_site("https://tinh.gov.vn/hoabinh/"),
            "tinh.gov.vn/hoabinh"
        );
        assert_eq!(
            domain("https://www.DichVuCong.gov.vn:443/p/home?x=1").as_deref(),
            Some("dichvucong.gov.vn")
        );
        assert_eq!(
            domain("https://user@vneid.gov.vn#top").as_deref(),
            Some("vneid.gov.vn")
        );
        assert_eq!(domain("dichvucong.gov.vn"), None);
        assert_eq!(domain("https:///x"), None);
    }
}
