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
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{BODY_WORDS_UP_TO, Category, Language, Procedure, Site, routes};
use crate::output::{Claim, Context, Edit, OutFile, Output, Owner, Sink, gather};
use crate::text::fold;

/// The search output: an index file per language and the script. It
/// keeps the entries of its last render, so that after an edit only the
/// edited procedure's entry is made again.
#[derive(Default)]
pub(crate) struct Search {
    /// The index entries of each language, in site order.
    docs: Mutex<Vec<Vec<String>>>,
}

impl Output for Search {
    fn claims(&self, cx: &Context<'_>) -> Vec<Claim> {
        let mut out: Vec<Claim> = cx
            .templates
            .languages()
            .iter()
            .map(|lv| Claim::new(index_path(lv), Owner::Camnang("/search-index.json")))
            .collect();
        out.push(Claim::new(
            routes::SEARCH_SCRIPT.into(),
            Owner::Camnang("/assets/search.js"),
        ));
        out
    }

    fn render(&self, cx: &Context<'_>, sink: &dyn Sink) -> Result<Vec<OutFile>, Diagnostics> {
        let (docs, files): (Vec<Vec<String>>, Vec<Result<OutFile, Diagnostic>>) = cx
            .templates
            .languages()
            .par_iter()
            .map(|lv| {
                let docs = docs(cx.site, lv);
                let file = sink.take(index_file(cx.site, lv, &docs));
                (docs, file)
            })
            .unzip();
        *self.docs.lock().unwrap_or_else(|e| e.into_inner()) = docs;
        let mut files = gather(files)?;
        files.push(
            sink.take(script_file(cx.theme))
                .map_err(Diagnostics::from)?,
        );
        Ok(files)
    }

    /// Every language's index, with the edited procedure's entry made again.
    fn touched(&self, cx: &Context<'_>, edit: &Edit<'_>) -> Result<Vec<OutFile>, Diagnostic> {
        let with_body = with_body(cx.site);
        let mut all = self.docs.lock().unwrap_or_else(|e| e.into_inner());
        let mut files = Vec::new();
        for (lv, docs) in cx.templates.languages().iter().zip(all.iter_mut()) {
            if let Some(d) = docs.get_mut(edit.position) {
                *d = doc(cx.site, lv, edit.category, edit.procedure, with_body);
            }
            files.push(index_file(cx.site, lv, docs));
        }
        Ok(files)
    }
}

/// Where a language's index goes (`search-index.json`, `en/search-index.json`).
fn index_path(lang: &Language) -> String {
    format!("{}{}", lang.prefix, routes::SEARCH_INDEX)
}

/// The folded words of `text`, each once, in order of first appearance.
pub fn words(text: &str) -> Vec<String> {
    words_line(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// [`words`] joined by spaces, as an index field holds them.
pub(crate) fn words_line(text: &str) -> String {
    let folded = fold(text);
    // (room at once for the words of a short field, whose syllables are
    // short; a long body, with words again and again, grows it)
    let mut seen = HashSet::with_capacity((folded.len() / 4 + 1).min(512));
    let mut line = String::with_capacity(folded.len());
    for w in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !w.is_empty() && seen.insert(w) {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(w);
        }
    }
    // words of a script that is not Latin (Khmer, Chinese) also as they
    // are written, lowered: a resident types them so, and the search box
    // cannot transliterate them as the build does
    // (one look at the characters first: Vietnamese text has none)
    if !text.is_ascii() && text.chars().any(not_latin) {
        let lower = crate::text::nfc(text).to_lowercase();
        let mut native = HashSet::new();
        for w in lower.split(separates) {
            if w.chars().any(not_latin) && native.insert(w) {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(w);
            }
        }
    }
    line
}

/// What parts words in any script, as the search box splits them: spaces,
/// ASCII punctuation, general punctuation (– … “ ”), CJK punctuation.
fn separates(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || ('\u{2000}'..='\u{206F}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || matches!(c, '\u{00A0}'..='\u{00BF}' | '\u{00D7}' | '\u{00F7}' | '\u{FF01}'..='\u{FF0F}')
}

/// A letter of a script folding does not keep: not ASCII, not the Latin
/// blocks Vietnamese is written in (a symbol, `€`, makes no word).
fn not_latin(c: char) -> bool {
    let u = c as u32;
    u > 0x24F && !(0x1E00..=0x1EFF).contains(&u) && c.is_alphabetic()
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

/// The index entries of one language, one JSON object a procedure in
/// site order; every procedure, translated or not (a resident may type
/// Vietnamese words on the English site).
fn docs(site: &Site, lv: &Language) -> Vec<String> {
    let with_body = with_body(site);
    let all: Vec<(&Category, &Procedure)> = site.procedures().collect();
    all.par_iter()
        .with_max_len(crate::alloc::PIECE)
        .map(|(c, p)| doc(site, lv, c, p, with_body))
        .collect()
}

/// The index entry of one procedure.
fn doc(site: &Site, lv: &Language, c: &Category, p: &Procedure, with_body: bool) -> String {
    let base = &site.config.base_path;
    let shown = p.in_lang(&lv.code);
    let cat = c.title_in(&lv.code);
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
        c: cat,
        f: [
            words_line(&shown.title),
            words_line(&keywords),
            words_line(&middle),
            words_line(&body),
        ],
        t: &shown.title,
        u: routes::link(base, &format!("{}{}", lv.prefix, routes::procedure(p))),
    };
    serde_json::to_string(&doc).unwrap_or_default()
}

/// Whether the index of `site` holds the words of the bodies.
pub(crate) fn with_body(site: &Site) -> bool {
    site.procedures().count() <= BODY_WORDS_UP_TO
}

/// The index file of a language from its entries.
fn index_file(site: &Site, lv: &Language, docs: &[String]) -> OutFile {
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
    OutFile::bytes(index_path(lv), out.into_bytes())
}

/// The search script, from the theme (so a theme can replace it).
fn script_file(theme: &crate::theme::Theme) -> OutFile {
    OutFile::bytes(
        routes::SEARCH_SCRIPT.to_string(),
        theme.get("static/search.js").unwrap_or_default().to_vec(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_other_scripts_are_also_kept_as_written() {
        // Khmer (no spaces between words) and Chinese: the transliteration
        // and the word as typed, lowered
        let line = words_line("Đăng ký ស្នាក់នៅ, 临时居住 – ĐĂNG KÝ € 2025");
        let words: Vec<&str> = line.split(' ').collect();
        assert!(words.contains(&"dang") && words.contains(&"ky"), "{line}");
        assert!(words.contains(&"ស្នាក់នៅ"), "{line}");
        assert!(words.contains(&"临时居住"), "{line}");
        assert!(!words.contains(&"€") && !words.contains(&"–"), "{line}");
        // Vietnamese and English as before: folded words only
        assert_eq!(
            words_line("Đăng ký tạm trú – “KT3” … 1.004194"),
            "dang ky tam tru kt3 1 004194"
        );
    }

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
