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
}

impl Theme {
    /// The built-in default theme alone.
    pub fn builtin() -> Theme {
        let files = DEFAULT_FILES
            .iter()
            .map(|(p, b)| (p.to_string(), Cow::Borrowed(*b)))
            .collect();
        Theme { files }
    }

    /// The default theme with the site's overrides laid over it.
    pub fn load(site_root: &Path, name: Option<&str>) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::builtin();
        theme.overlay(&site_root.join("themes").join("default"));
        if let Some(name) = name.filter(|n| *n != "default") {
            let dir = site_root.join("themes").join(name);
            let safe = !name.is_empty() && !name.contains(['/', '\\']) && name != "..";
            if !safe || !dir.is_dir() {
                return Err(Diagnostic::error(Msg::ThemeMissing {
                    name: name.to_string(),
                })
                .in_file("site.yaml")
                .field("theme"));
            }
            theme.overlay(&dir);
        }
        Ok(theme)
    }

    fn overlay(&mut self, dir: &Path) {
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

    /// Files under a folder, e.g. `templates/`, with their path inside it.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        self.files
            .iter()
            .filter_map(move |(k, v)| k.strip_prefix(prefix).map(|rest| (rest, v.as_ref())))
    }
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
}
