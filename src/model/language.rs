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

/// A warning for each language of the site the theme has no interface
/// strings for (no `i18n/<code>.yaml`, built in or in the site's theme):
/// its pages would show the site language's buttons and headings under
/// another language's name. Most often a backup copy taken for a language
/// (`dang-ky.old.md`, `dang-ky.cu.md`). Said at the language's first file.
pub fn without_words(site: &Site, theme: &Theme) -> crate::diag::Diagnostics {
    let mut diags = crate::diag::Diagnostics::default();
    for code in site.languages.iter().skip(1) {
        let words = format!("i18n/{code}.yaml");
        if Theme::builtin().get(&words).is_some() || theme.get(&words).is_some() {
            continue;
        }
        let files: Vec<&std::path::Path> = site
            .procedures()
            .filter_map(|(_, p)| p.translations.get(code).map(|t| t.source.as_path()))
            .collect();
        let first = files.first().map(|f| f.to_path_buf()).or_else(|| {
            site.categories
                .iter()
                .find(|c| c.translations.contains_key(code))
                .map(|c| {
                    let f = c.source.join(format!("_index.{code}.md"));
                    f.strip_prefix(&site.root)
                        .map_or(f.clone(), |r| r.to_path_buf())
                })
        });
        let mut d = crate::diag::Diagnostic::warning(crate::messages::Msg::LanguageWithoutWords {
            code: code.clone(),
            files: files.len(),
        });
        if let Some(f) = first {
            d = d.in_file(f.to_string_lossy().replace('\\', "/"));
        }
        diags.push(d);
    }
    diags
}

/// The theme's interface strings for `language`, line by line: the
/// built-in Vietnamese file, the built-in file of the language, then the
/// same two files of the site's theme. A theme may change one line and keep
/// the rest, a site may add a language of its own (`i18n/xx.yaml` in its
/// theme folder), and a line missing in a language falls back to
/// Vietnamese.
pub fn ui_strings(theme: &Theme, language: &str) -> BTreeMap<String, String> {
    let mut t: BTreeMap<String, String> = BTreeMap::new();
    let mut named = language == "vi";
    for source in [&Theme::builtin(), theme] {
        for code in ["vi", language] {
            if let Some(bytes) = source.get(&format!("i18n/{code}.yaml"))
                && let Ok(map) = serde_norway::from_slice::<BTreeMap<String, String>>(bytes)
            {
                named |= code == language && map.contains_key("lang_name");
                t.extend(map.into_iter().map(|(k, v)| (k, crate::text::nfc(&v))));
            }
        }
    }
    // a language whose words file does not name it (or that has none) is
    // not called "Tiếng Việt" in the list of languages: a resident who
    // tapped it landed on another language
    if !named {
        t.insert("lang_name".into(), own_name(language));
    }
    t
}

/// What a language is called in itself, for the languages a commune's
/// site may well have; the code in capitals for others.
fn own_name(code: &str) -> String {
    match code {
        "en" => "English",
        "km" => "ភាសាខ្មែរ",
        "zh" => "中文",
        "fr" => "Français",
        "ko" => "한국어",
        "ja" => "日本語",
        "th" => "ภาษาไทย",
        "lo" => "ພາສາລາວ",
        "ru" => "Русский",
        "de" => "Deutsch",
        "es" => "Español",
        other => return other.to_uppercase(),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_named_in_itself_when_its_words_do_not_name_it() {
        let theme = Theme::builtin();
        assert_eq!(ui_strings(&theme, "vi")["lang_name"], "Tiếng Việt");
        assert_eq!(ui_strings(&theme, "en")["lang_name"], "English");
        // no words file: its own name, never the site's language's
        assert_eq!(ui_strings(&theme, "km")["lang_name"], "ភាសាខ្មែរ");
        assert_eq!(ui_strings(&theme, "zh")["lang_name"], "中文");
        assert_eq!(ui_strings(&theme, "ba")["lang_name"], "BA");
        // the other words still fall back to Vietnamese
        assert_eq!(
            ui_strings(&theme, "km")["home"],
            ui_strings(&theme, "vi")["home"]
        );
    }
}
