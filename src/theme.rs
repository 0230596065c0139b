//! Themes: the default theme is compiled into the binary (so camnang works
//! with no theme folder at all), and a site overrides it file by file, first
//! from its own `themes/default/`, then from `themes/<theme>/`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use crate::diag::Diagnostic;
use crate::messages::Msg;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../themes/default/", $path)) as &[u8])),*]
    };
}

/// Every file of the built-in default theme.
pub(crate) const DEFAULT_FILES: &[(&str, &[u8])] = embed![
    "templates/base.html",
    "templates/index.html",
    "templates/category.html",
    "templates/procedure.html",
    "templates/404.html",
    "templates/redirect.html",
    "templates/retired.html",
    "templates/print.html",
    "templates/kiosk.html",
    "templates/sw.js",
    "templates/partials/contact.html",
    "static/style.css",
    "static/search.js",
    "fonts/DejaVuSans.ttf",
    "fonts/DejaVuSans-Bold.ttf",
    "fonts/LICENSE-DejaVu.txt",
    "i18n/vi.yaml",
    "i18n/en.yaml",
];

/// A theme: file paths (with `/`) to their bytes.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    files: BTreeMap<String, Cow<'static, [u8]>>,
    /// Where each file the site's own theme folders gave is, from the
    /// site's folder (`themes/xa/templates/procedure.html`), by its path
    /// in the theme.
    sources: BTreeMap<String, String>,
}

/// A file of a site's theme folder that camnang does not read (see
/// [`Theme::unread`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unread {
    /// Its path from the site's folder.
    pub path: String,
    /// The path it would be read under, when one is close.
    pub rename: Option<String>,
    /// A file for the site itself (a picture, a document), which goes in
    /// the site's `static/` folder.
    pub for_the_site: bool,
}

impl Theme {
    /// The built-in default theme alone.
    pub fn builtin() -> Theme {
        let files = DEFAULT_FILES
            .iter()
            .map(|(p, b)| (p.to_string(), Cow::Borrowed(*b)))
            .collect();
        Theme {
            files,
            sources: BTreeMap::new(),
        }
    }

    /// The default theme with the site's overrides laid over it.
    pub fn load(site_root: &Path, name: Option<&str>) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::builtin();
        theme.overlay(&site_root.join("themes").join("default"), "themes/default");
        if let Some(name) = name.filter(|n| *n != "default") {
            let dir = site_root.join("themes").join(name);
            let safe = !name.is_empty() && !name.contains(['/', '\\']) && name != "..";
            if !safe || !dir.is_dir() {
                let mut have: Vec<String> = std::fs::read_dir(site_root.join("themes"))
                    .map(|d| {
                        d.filter_map(Result::ok)
                            .filter(|e| e.path().is_dir())
                            .filter_map(|e| e.file_name().to_str().map(str::to_string))
                            .filter(|n| !n.starts_with('.'))
                            .collect()
                    })
                    .unwrap_or_default();
                have.sort();
                return Err(Diagnostic::error(Msg::ThemeMissing {
                    name: name.to_string(),
                    have,
                })
                .in_file("site.yaml")
                .field("theme"));
            }
            theme.overlay(&dir, &format!("themes/{name}"));
        }
        Ok(theme)
    }

    fn overlay(&mut self, dir: &Path, shown: &str) {
        if !dir.is_dir() {
            return;
        }
        for entry in WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let key = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if key.split('/').any(|p| p.starts_with('.')) {
                continue;
            }
            if let Ok(bytes) = std::fs::read(entry.path()) {
                self.sources.insert(key.clone(), format!("{shown}/{key}"));
                self.files.insert(key, Cow::Owned(bytes));
            }
        }
    }

    /// A file's bytes.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| b.as_ref())
    }

    /// A file as text (lossy for broken UTF-8).
    pub fn text(&self, path: &str) -> String {
        self.get(path)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    }

    /// The files of the site's theme folders that camnang does not read,
    /// so that they change nothing (a template saved as `.htm`, a
    /// `template/` folder, `style.css` beside `static/`, a picture in
    /// `static/`): a clerk who put one there expects it to. Read are the
    /// built-in theme's names, a template another template names (a
    /// partial of the theme's own), fonts (`.ttf`, `.otf`, and text
    /// beside them, a licence) and words (`i18n/*.yaml`).
    pub(crate) fn unread(&self) -> Vec<Unread> {
        let named = |name: &str| {
            self.under("templates/").any(|(_, bytes)| {
                let text = String::from_utf8_lossy(bytes);
                text.contains(&format!("\"{name}\"")) || text.contains(&format!("'{name}'"))
            })
        };
        let builtin = |key: &str| DEFAULT_FILES.iter().any(|(p, _)| *p == key);
        let mut unread = Vec::new();
        for (key, shown) in &self.sources {
            let lower = key.to_lowercase();
            let read = builtin(key)
                || match key.split_once('/') {
                    // (Tera takes every file of templates/, `.htm` too)
                    Some(("templates", name)) => named(name),
                    Some(("fonts", name)) => {
                        !name.contains('/')
                            && [".ttf", ".otf", ".txt", ".md"]
                                .iter()
                                .any(|e| lower.ends_with(e))
                    }
                    Some(("i18n", name)) => !name.contains('/') && name.ends_with(".yaml"),
                    _ => false,
                };
            // a theme's own notes (README.md, LICENSE) are for people
            let notes = !key.contains('/')
                && (lower.ends_with(".md")
                    || lower.ends_with(".txt")
                    || ["readme", "license", "licence", "copying"]
                        .iter()
                        .any(|n| lower.starts_with(n)));
            if read || notes {
                continue;
            }
            let base = &shown[..shown.len() - key.len()];
            let near = nearest(key);
            unread.push(Unread {
                path: shown.clone(),
                for_the_site: key.starts_with("static/") && near.is_none(),
                rename: near.map(|k| format!("{base}{k}")),
            });
        }
        unread
    }

    /// Files under a folder, e.g. `templates/`, with their path inside it.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.files
            .iter()
            .filter_map(move |(k, v)| k.strip_prefix(prefix).map(|rest| (rest, v.as_ref())))
    }
}

/// The built-in theme's file that `key` was most likely meant to be: one
/// with the same name in another folder (`style.css`,
/// `template/procedure.html`), or a path a letter or two away
/// (`templates/procedure.htm`, `i18n/vi.yml`).
fn nearest(key: &str) -> Option<String> {
    let lower = key.to_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    // words of a language of the theme's own, saved with another ending
    if let Some(rest) = key.strip_prefix("i18n/")
        && let Some((stem, _)) = rest.rsplit_once('.')
        && !stem.contains('/')
        && [".yml", ".yaml", ".txt"].iter().any(|e| lower.ends_with(e))
    {
        return Some(format!("i18n/{}.yaml", stem.to_lowercase()));
    }
    let paths = || DEFAULT_FILES.iter().map(|(p, _)| *p);
    if let Some(p) = paths().find(|p| p.rsplit('/').next() == Some(name) && *p != key) {
        return Some(p.to_string());
    }
    paths()
        .map(|p| (strsim::normalized_levenshtein(&lower, p), p))
        .filter(|(score, p)| *score >= 0.85 && *p != key)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, p)| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_theme_has_every_page_template() {
        let t = Theme::builtin();
        for name in [
            "base.html",
            "index.html",
            "category.html",
            "procedure.html",
            "404.html",
        ] {
            assert!(t.get(&format!("templates/{name}")).is_some(), "{name}");
        }
    }

    #[test]
    fn a_site_theme_overrides_one_file_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("themes/mine/static");
        std::fs::create_dir_all(&own).unwrap();
        std::fs::write(own.join("style.css"), "body{color:red}").unwrap();
        let t = Theme::load(dir.path(), Some("mine")).unwrap();
        assert_eq!(t.text("static/style.css"), "body{color:red}");
        assert!(t.get("templates/base.html").is_some());
        assert!(Theme::load(dir.path(), Some("missing")).is_err());
        assert!(Theme::load(dir.path(), Some("../etc")).is_err());
    }

    #[test]
    fn files_of_a_site_theme_camnang_does_not_read_are_named_with_their_likely_name() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            // read: overrides, a partial another template names, fonts,
            // words, the theme's notes
            (
                "themes/default/templates/procedure.html",
                "{% include \"partials/mine.html\" %}",
            ),
            ("themes/xa/templates/partials/mine.html", "x"),
            ("themes/xa/static/style.css", "x"),
            ("themes/xa/fonts/NotoSans.ttf", "x"),
            ("themes/xa/fonts/OFL.txt", "x"),
            ("themes/xa/i18n/fr.yaml", "x"),
            ("themes/xa/README.md", "x"),
            // not read
            ("themes/xa/templates/category.htm", "x"),
            ("themes/xa/templates/partials/unused.html", "x"),
            ("themes/xa/template/index.html", "x"),
            ("themes/xa/style.css", "x"),
            ("themes/xa/static/logo.png", "x"),
            ("themes/xa/static/styles.css", "x"),
            ("themes/xa/i18n/vi.yml", "x"),
            ("themes/xa/fonts/fonts.zip", "x"),
        ];
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let t = Theme::load(dir.path(), Some("xa")).unwrap();
        let got: Vec<(String, Option<String>, bool)> = t
            .unread()
            .into_iter()
            .map(|u| (u.path, u.rename, u.for_the_site))
            .collect();
        let want = |p: &str, r: Option<&str>, s: bool| (p.to_string(), r.map(str::to_string), s);
        assert_eq!(
            got,
            [
                want("themes/xa/fonts/fonts.zip", None, false),
                want(
                    "themes/xa/i18n/vi.yml",
                    Some("themes/xa/i18n/vi.yaml"),
                    false
                ),
                want("themes/xa/static/logo.png", None, true),
                want(
                    "themes/xa/static/styles.css",
                    Some("themes/xa/static/style.css"),
                    false
                ),
                want(
                    "themes/xa/style.css",
                    Some("themes/xa/static/style.css"),
                    false
                ),
                want(
                    "themes/xa/template/index.html",
                    Some("themes/xa/templates/index.html"),
                    false
                ),
                want(
                    "themes/xa/templates/category.htm",
                    Some("themes/xa/templates/category.html"),
                    false
                ),
                want("themes/xa/templates/partials/unused.html", None, false),
            ]
        );
    }
}
