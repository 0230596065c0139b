//! Any text as a Markdown body: the renderer must never panic, never let
//! raw HTML or a script link through, and give valid UTF-8.
#![no_main]

use camnang::markdown::{RenderOptions, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(md) = std::str::from_utf8(data) else {
        return;
    };
    let out = render(
        md,
        RenderOptions {
            allow_html: false,
            base_path: "/xa/",
            text: true,
        },
    );
    let html = out.html.to_ascii_lowercase();
    // no element from the input: every "<" in the output starts a tag
    // the renderer itself writes
    for tag in ["<script", "<iframe", "<img onerror", "<svg", "<object", "<embed", "<style"] {
        assert!(!html.contains(tag), "{tag} in {}", out.html);
    }
    // inside the tags (text may say anything: its < > & are escaped, and
    // a quote in text is harmless)
    for tag in html.split('<').skip(1).filter_map(|t| t.split_once('>').map(|(t, _)| t)) {
        for (name, value) in attributes(tag) {
            assert!(!name.starts_with("on"), "{name}= in <{tag}> of {}", out.html);
            if name == "href" || name == "src" {
                for scheme in ["javascript:", "data:", "vbscript:"] {
                    assert!(!value.starts_with(scheme), "{scheme} in <{tag}> of {}", out.html);
                }
            }
        }
    }
    let _ = camnang::text::slugify(md);
    let _ = camnang::search_words(md);
});

/// The `name="value"` attributes of a tag's inside (`a href="x" title="y"`).
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = tag.split_once(' ').map_or("", |(_, r)| r);
    while let Some((name, after)) = rest.split_once("=\"") {
        let Some((value, next)) = after.split_once('"') else {
            break;
        };
        out.push((name.trim(), value));
        rest = next;
    }
    out
}
