//! The languages of a site, as every output needs them: a code, the
//! folder its pages live in, and the theme's interface strings in it.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::{Site, routes};
use crate::theme::Theme;

/// One language of the site.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Language {
    /// `vi`, `en`, …
    pub code: String,
    /// Where its pages live in the site: `""` for the site's own
    /// language, `"en/"` for the others (see [`routes::lang_prefix`]).
    pub prefix: String,
    /// Interface strings in this language (see [`ui_strings`]).
    pub t: BTreeMap<String, String>,
}

impl Language {
    /// Every language of the site, its own first.
    pub fn all(site: &Site, theme: &Theme) -> Vec<Language> {
        site.languages
            .par_iter()
            .enumerate()
            .map(|(i, code)| Language {
                code: code.clone(),
                prefix: routes::lang_prefix(i, code),
                t: ui_strings(theme, code),
            })
            .collect()
    }

    /// The interface string `key`, or the key itself if the theme has no
    /// such line.
    pub fn label(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// Whether this is the site's own language (its pages at the root).
    pub fn is_site_language(&self) -> bool {
        self.prefix.is_empty()
    }
}

/// The theme's interface strings for `language`, line by line: the
/// built-in Vietnamese file, the built-in file of the language, then the
/// same two files of the site's theme. A theme may change one line and keep
/// the rest, a site may add a language of its own (`i18n/xx.yaml` in its
/// theme folder), and a line missing in a language falls back to
/// Vietnamese.
pub fn ui_strings(theme: &Theme, language: &str) -> BTreeMap<String, String> {
    let mut t: BTreeMap<String, String> = BTreeMap::new();
    for source in [&Theme::builtin(), theme] {
        for code in ["vi", language] {
            if let Some(bytes) = source.get(&format!("i18n/{code}.yaml"))
                && let Ok(map) = serde_norway::from_slice::<BTreeMap<String, String>>(bytes)
            {
                t.extend(map.into_iter().map(|(k, v)| (k, crate::text::nfc(&v))));
            }
        }
    }
    t
}
