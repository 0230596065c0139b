//! The theme's interface words (`i18n/<code>.yaml`) a site writes itself:
//! a mistake in one is told at its line, not passed over (the whole file
//! was left out, the built-in words shown, without a word).

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::yaml::{Doc, FieldPath, Seg, did_you_mean, locate};
use crate::messages::Msg;
use crate::model::Site;
use crate::theme::Theme;

/// Mistakes in the site's own `i18n/*.yaml` files: YAML that cannot be
/// read (an error: the words would silently be the built-in ones), a
/// value that is not text, and a line whose name is no interface word
/// (a warning, with the name meant).
pub(crate) fn theme_words(site: &Site, theme: &Theme) -> Diagnostics {
    let builtin = Theme::builtin();
    let known: Vec<String> = serde_norway::from_slice::<serde_norway::Mapping>(
        builtin.get("i18n/vi.yaml").unwrap_or_default(),
    )
    .map(|m| {
        m.keys()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect()
    })
    .unwrap_or_default();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut diags = Diagnostics::default();
    for (rel, bytes) in theme.under("i18n/") {
        let path = format!("i18n/{rel}");
        if !rel.ends_with(".yaml") || builtin.get(&path) == Some(bytes) {
            continue;
        }
        let shown = site.theme_file(&path);
        let text = match crate::load::source::decode(bytes) {
            Ok(t) => t,
            Err(m) => {
                diags.push(Diagnostic::error(m).in_file(&shown));
                continue;
            }
        };
        let doc = Doc::new(Path::new(&shown), &text, &text, 0);
        if let Some(map) = doc.parse() {
            let root = FieldPath::default();
            for key in map.keys() {
                let Some(k) = key.as_str() else { continue };
                // a value that is not text is told by reading it so
                let _ = doc.text(&map, &root, k, false);
                if !known.contains(&k) {
                    let (line, col) = locate(&text, &[Seg::Key(k.to_string())]).unwrap_or((0, 0));
                    let d = Diagnostic::warning(Msg::UnknownWord {
                        key: k.to_string(),
                        suggestion: did_you_mean(k, &known),
                    })
                    .in_file(&shown)
                    .at(line + 1, col + 1, &text);
                    diags.push(d);
                }
            }
        }
        diags.extend(doc.into_diagnostics());
    }
    diags
}
