//! Properties that must hold for any input, checked on thousands of
//! generated ones (proptest): the front-matter loader, the Markdown
//! renderer, slugs and search folding never panic, and what comes out is
//! valid UTF-8, NFC and escaped. `fuzz/` runs the loader and renderer much
//! longer with libFuzzer (see the README).

use std::path::Path;

use camnang::load::{procedure, source};
use camnang::markdown::{RenderOptions, render};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use crate::util;

const OPTS: RenderOptions<'static> = RenderOptions {
    allow_html: false,
    base_path: "/xa/",
    text: true,
};

/// Text a clerk could paste, and worse: Vietnamese in both Unicode forms,
/// HTML, YAML punctuation, control characters, any Unicode.
fn messy() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[\\PC]{0,40}",
        2 => "[a-zđăâêôơưáàảãạ \\-:#\\[\\]{}\"'<>&*!|>%@`]{0,40}",
        1 => Just("Đa\u{306}ng ky\u{301} ta\u{323}m tru\u{301}".to_string()),
        1 => Just("<script>alert(1)</script>".to_string()),
        1 => Just("\" onmouseover=\"alert(1)".to_string()),
        1 => Just("javascript:alert(1)".to_string()),
        1 => "[\\x00-\\x1f\\x7f]{0,5}",
    ]
}

/// `cases` cases a test, with the failures proptest found kept beside
/// this file in `properties.proptest-regressions` and tried first (by
/// default proptest would look in `tests/proptest-regressions/`, as this
/// folder has a `main.rs`).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::with_cases(cases)
    }
}

fn is_nfc(s: &str) -> bool {
    unicode_normalization::is_nfc(s)
}

/// The tags of an HTML fragment: every `<…>` outside comments.
fn tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').unwrap_or(after.len());
        out.push(after[..end].to_ascii_lowercase());
        rest = &after[end.min(after.len())..];
    }
    out
}

/// Elements the renderer writes itself.
const OWN_TAGS: &[&str] = &[
    "p",
    "a",
    "ol",
    "ul",
    "li",
    "strong",
    "em",
    "code",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "div",
    "br",
    "hr",
    "blockquote",
    "del",
];

/// No element from the input, and no event handler or script link in any
/// tag the renderer wrote.
fn markup_is_own(html: &str) -> Result<(), String> {
    for tag in tags(html) {
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !OWN_TAGS.contains(&name.as_str()) {
            return Err(format!("<{tag}> in {html}"));
        }
        let words: Vec<&str> = tag.split(|c: char| c.is_whitespace()).collect();
        if words
            .iter()
            .skip(1)
            .any(|w| w.starts_with("on") && w.contains('='))
        {
            return Err(format!("handler in <{tag}>"));
        }
        for scheme in ["javascript:", "vbscript:", "data:"] {
            if tag.contains(&format!("=\"{scheme}")) {
                return Err(format!("{scheme} in <{tag}>"));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn slugs_are_plain_ascii_words_joined_by_dashes(s in "\\PC{0,60}") {
        let slug = camnang::text::slugify(&s);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{slug}");
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug}");
        // decomposed and composed text give the same slug
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(s.as_str()).collect();
        prop_assert_eq!(camnang::text::slugify(&nfd), slug);
    }

    #[test]
    fn search_words_are_folded_ascii_or_words_of_other_scripts(s in "\\PC{0,80}") {
        // folded Latin words (ASCII letters and digits), or words of a
        // script the search box cannot fold (Khmer, Chinese), with a letter
        // of that script and no space or punctuation
        for w in camnang::search_words(&s) {
            let folded = w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
            let other = w.chars().any(|c| c as u32 > 0x24F && !(0x1E00..=0x1EFF).contains(&(c as u32)) && c.is_alphabetic())
                && !w.chars().any(|c| c.is_whitespace() || c.is_ascii_punctuation());
            prop_assert!(!w.is_empty() && (folded || other), "{w}");
        }
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(s.as_str()).collect();
        prop_assert_eq!(camnang::search_words(&nfd), camnang::search_words(&s));
    }

    #[test]
    fn markdown_never_lets_html_or_script_links_through(parts in prop::collection::vec(messy(), 0..8)) {
        let md = parts.join("\n");
        let out = render(&md, OPTS);
        prop_assert!(markup_is_own(&out.html).is_ok(), "{:?}", markup_is_own(&out.html));
        for s in &out.steps {
            prop_assert!(!s.contains('\n'));
        }
    }

    #[test]
    fn any_bytes_decode_to_nfc_text_or_a_message(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(text) = source::decode(&bytes) {
            prop_assert!(is_nfc(&text));
            prop_assert!(!text.contains('\r'));
        }
    }

    #[test]
    fn the_loader_never_panics_and_keeps_nfc_text(
        title in messy(), summary in messy(), fee in messy(), doc in messy(), body in messy(), junk in messy()
    ) {
        let text = format!(
            "---\ntitle: {title}\nid: a1\nsummary: {summary}\nagency: x\nchannels:\n  - way: truc-tiep\n    fee: {fee}\ndocuments: [{doc}]\n{junk}\nupdated: 2026-01-01\n---\n\n## A\n\n1. {body}\n"
        );
        let text = source::decode(text.as_bytes()).unwrap_or_default();
        let (parsed, diags) = procedure::parse_procedure(Path::new("a.md"), &text, "a", "c", OPTS);
        if let Some((p, _)) = parsed {
            for s in [&p.title, &p.summary, &p.agency, &p.body_text] {
                prop_assert!(is_nfc(s), "{s:?}");
            }
            for s in p.documents.iter().chain(p.channels.iter().filter_map(|c| c.fee.as_ref())) {
                prop_assert!(is_nfc(s), "{s:?}");
            }
        }
        for d in &diags.items {
            let shown = d.render(camnang::messages::Lang::Vi);
            prop_assert!(shown.contains(d.msg.code()));
        }
    }
}

proptest! {
    // each case builds a whole site: fewer of them
    #![proptest_config(config(48))]

    #[test]
    fn hostile_field_values_never_make_markup(title in messy(), summary in messy(), fee in messy(), doc in messy()) {
        let evil = "<x-evil a=\"1\">&amp;'";
        let q = |s: &str| format!("\"{}\"", format!("{s}{evil}").replace('\\', "\\\\").replace('"', "\\\""));
        let site = util::TestSite::new();
        site.write(
            "content/cu-tru/a.md",
            &format!(
                "---\ntitle: {}\nid: a1\nsummary: {}\nagency: {}\nchannels:\n  - way: truc-tiep\n    fee: {}\ndocuments: [{}]\nkeywords: [{}]\nupdated: 2026-01-01\n---\n\n## Các bước\n\n1. {}\n",
                q(&title), q(&summary), q("Công an"), q(&fee), q(&doc), q(&doc), evil
            ),
        );
        let run = site.build(&["--no-print"]);
        if run.code == 0 {
            for f in util::files_below(&site.path("public")) {
                let bytes = std::fs::read(site.path("public").join(&f)).unwrap();
                let text = String::from_utf8(bytes);
                prop_assert!(text.is_ok(), "{} is not UTF-8", f.display());
                let text = text.unwrap_or_default();
                prop_assert!(is_nfc(&text), "{} is not NFC", f.display());
                match f.extension().and_then(|e| e.to_str()) {
                    // markup languages: the text must be escaped
                    Some("html" | "xml" | "svg") => {
                        prop_assert!(!text.contains("<x-evil"), "{}: markup from content", f.display());
                    }
                    // data read by the search script with textContent
                    Some("json") => {
                        prop_assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "{}", f.display());
                    }
                    _ => {}
                }
            }
        } else {
            prop_assert_eq!(run.code, 1, "{}", run.stderr);
            prop_assert!(run.stderr.contains("content/cu-tru/a.md"), "{}", run.stderr);
        }
    }
}
