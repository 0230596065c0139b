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
        },
    );
    let html = out.html.to_ascii_lowercase();
    // no element from the input: every "<" in the output starts a tag
    // the renderer itself writes
    for tag in ["<script", "<iframe", "<img onerror", "<svg", "<object", "<embed", "<style"] {
        assert!(!html.contains(tag), "{tag} in {}", out.html);
    }
    for scheme in ["href=\"javascript:", "src=\"javascript:", "href=\"data:", "href=\"vbscript:"] {
        assert!(!html.contains(scheme), "{scheme} in {}", out.html);
    }
    let _ = camnang::text::slugify(md);
    let _ = camnang::search::words(md);
});
