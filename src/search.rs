//! Search: an index of every procedure, built at build time for each
//! language, and the script of the home page's search box.
//!
//! Words are folded the way the script folds what a resident types: lower
//! case, tones and other marks removed, `đ` → `d`; so `dang ky tam tru`,
//! `DANG KY TAM TRU` and `đăng ký tạm trú` find the same page, and every
//! word matches as a prefix (`tam tr`). Each procedure keeps four fields,
//! ranked in this order: title, keywords, summary and category, body.
//! Synonyms from `site.yaml` are applied by the script to the query.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::html::LangView;
use crate::model::{Category, Procedure, Site};
use crate::render::OutFile;
use crate::text::fold;

/// The index of a language, under its prefix (`search-index.json`,
/// `en/search-index.json`).
pub const INDEX_FILE: &str = "search-index.json";
/// The search script, from the theme's `static/search.js`.
pub const SCRIPT_FILE: &str = "assets/search.js";

/// The folded words of `text`, each once, in order of first appearance.
pub fn words(text: &str) -> Vec<String> {
    words_line(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// [`words`] joined by spaces, as an index field holds them.
pub fn words_line(text: &str) -> String {
    let folded = fold(text);
    let mut seen = HashSet::new();
    let mut line = String::with_capacity(folded.len());
    for w in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !w.is_empty() && seen.insert(w) {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
    }
    line
}

/// One procedure in the index; the names are short to keep it small.
#[derive(serde::Serialize)]
struct Doc<'a> {
    /// The category's title.
    c: &'a str,
    /// The words of the four fields, best first.
    f: [String; 4],
    /// The title.
    t: &'a str,
    /// The page's address.
    u: String,
}

/// Sites with more procedures than this leave the words of the bodies out
/// of the index, so that it stays small enough for a phone on 3G (about
/// 30 bytes a procedure gzipped instead of about 300).
pub const BODY_WORDS_UP_TO: usize = 500;

/// The index entries of one language, one JSON object a procedure in
/// site order; every procedure, translated or not (a resident may type
/// Vietnamese words on the English site).
pub fn docs(site: &Site, lv: &LangView) -> Vec<String> {
    let with_body = with_body(site);
    let all: Vec<(&Category, &Procedure)> = site.procedures().collect();
    all.par_iter()
        .map(|(c, p)| doc(site, lv, c, p, with_body))
        .collect()
}

/// The index entry of one procedure.
pub fn doc(site: &Site, lv: &LangView, c: &Category, p: &Procedure, with_body: bool) -> String {
    let base = &site.config.base_path;
    let shown = p.in_lang(&lv.code);
    let cat = c.text(&lv.code).title;
    let mut keywords = shown.keywords.join(" ");
    if let Some(code) = &p.code {
        keywords.push(' ');
        keywords.push_str(code);
    }
    let mut middle = format!("{} {}", shown.summary, cat);
    let mut body = String::new();
    if with_body {
        body.push_str(&shown.body_text);
    }
    // the original's words too, on a translation
    if shown.lang.is_some() {
        middle.push(' ');
        middle.push_str(&p.title);
        if with_body {
            body.push(' ');
            body.push_str(&p.body_text);
        }
    }
    let doc = Doc {
        c: &cat,
        f: [
            words_line(&shown.title),
            words_line(&keywords),
            words_line(&middle),
            words_line(&body),
        ],
        t: &shown.title,
        u: format!("{base}{}{}/{}/", lv.prefix, p.category, p.slug),
    };
    serde_json::to_string(&doc).unwrap_or_default()
}

/// Whether the index of `site` holds the words of the bodies.
pub fn with_body(site: &Site) -> bool {
    site.procedures().count() <= BODY_WORDS_UP_TO
}

/// The index file of a language from its entries.
pub fn index_file(site: &Site, lv: &LangView, docs: &[String]) -> OutFile {
    let syn: Vec<Vec<String>> = site
        .config
        .synonyms
        .iter()
        .map(|g| g.iter().map(|w| words_line(w)).collect())
        .collect();
    let mut out = String::with_capacity(docs.iter().map(|d| d.len() + 1).sum::<usize>() + 64);
    out.push_str("{\"docs\":[");
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(d);
    }
    out.push_str("],\"syn\":");
    out.push_str(&serde_json::to_string(&syn).unwrap_or_else(|_| "[]".into()));
    out.push('}');
    OutFile::bytes(format!("{}{INDEX_FILE}", lv.prefix), out.into_bytes())
}

/// The search script, from the theme (so a theme can replace it).
pub fn script_file(theme: &crate::theme::Theme) -> OutFile {
    OutFile::bytes(
        SCRIPT_FILE.to_string(),
        theme.get("static/search.js").unwrap_or_default().to_vec(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_once_each() {
        assert_eq!(
            words("Đăng ký TẠM TRÚ, đăng ký (KT3)"),
            vec!["dang", "ky", "tam", "tru", "kt3"]
        );
        // decomposed input folds the same
        assert_eq!(words("Đa\u{306}ng ky\u{301}"), vec!["dang", "ky"]);
        assert_eq!(words("hoà hòa"), vec!["hoa"]);
    }
}
