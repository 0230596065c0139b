//! Any bytes as a procedure file, a category file and site.yaml: the
//! loader must never panic, and what it keeps is NFC text.
#![no_main]

use std::path::Path;

use camnang::load::{config, procedure, source};
use camnang::markdown::RenderOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = source::decode(data) else {
        return;
    };
    assert!(unicode_normalization::is_nfc(&text));
    let opts = RenderOptions {
        allow_html: false,
        base_path: "/",
        text: true,
    };
    let (parsed, diags) =
        procedure::parse_procedure(Path::new("a.md"), &text, "a", "cu-tru", opts);
    if let Some((p, _)) = parsed {
        for s in [&p.title, &p.summary, &p.agency, &p.body_text] {
            assert!(unicode_normalization::is_nfc(s), "{s:?}");
        }
        assert!(procedure::valid_id(&p.id));
    }
    for d in &diags.items {
        // every message has a place in the file, inside it
        if let Some(line) = d.line {
            assert!(line >= 1 && line <= text.lines().count().max(1) + 1, "{d:?}");
        }
        let _ = d.render(camnang::messages::Lang::Vi);
    }
    let _ = procedure::parse_category_index(Path::new("_index.md"), &text, opts);
    let _ = config::parse_site_yaml(Path::new("site.yaml"), &text);
});
