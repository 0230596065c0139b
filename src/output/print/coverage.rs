//! Characters the print font has no glyph for (an emoji copied from a
//! Zalo message, Chinese characters): print files leave them out rather
//! than print empty boxes ([`super::pdf::Face::printable`]), and `W082`
//! tells the clerk where each one is written, so that a poster never says
//! less than its page without a word. A font file added to the theme that
//! print cannot use is told too (`W084`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::fields::FieldFinder;
use crate::load::yaml::FieldPath;
use crate::messages::Msg;
use crate::model::{Procedure, Site};
use crate::theme::Theme;

use super::pdf::Fonts;

/// A `W082` for every field printed on a poster, flyer or board sheet
/// (and every interface string print uses that the site's theme writes)
/// that holds a character the theme's print font lacks, at the first such
/// character, and a `W084` for every font file added to the theme that
/// print cannot read. Nothing for a site with no procedure (it has no
/// print files) or a theme whose DejaVu Sans cannot be read (the print
/// output says so).
pub(crate) fn unprintable(site: &Site, theme: &Theme) -> Diagnostics {
    let mut teller = Teller {
        fonts: match super::fonts(theme) {
            Some(f) => f,
            None => return Diagnostics::default(),
        },
        fields: FieldFinder::new(&site.root),
        diags: Diagnostics::default(),
    };
    if site.procedures().next().is_none() {
        return teller.diags;
    }
    // a font file added to the theme that is not one print can use
    for name in &teller.fonts.unread {
        let d = Diagnostic::warning(Msg::FontUnreadable { name: name.clone() });
        let file = site.theme_file(&format!("fonts/{name}"));
        teller.diags.push(d.in_file(file));
    }
    let root = FieldPath(Vec::new());
    // the interface strings print uses, where the site's theme writes them
    for code in &site.languages {
        let rel = format!("i18n/{code}.yaml");
        let Some(bytes) = theme.get(&rel) else {
            continue;
        };
        if Theme::builtin().get(&rel) == Some(bytes) {
            continue;
        }
        let Ok(lines) = serde_norway::from_slice::<BTreeMap<String, String>>(bytes) else {
            continue;
        };
        let file = site.theme_file(&rel);
        for (key, text) in lines.iter().filter(|(k, _)| printed(k)) {
            teller.tell(Path::new(&file), root.key(key), text);
        }
    }
    let cfg = &site.config;
    let settings = Path::new("site.yaml");
    teller.tell(settings, root.key("commune"), &cfg.commune);
    let contact = root.key("contact");
    for (field, value) in [
        (root.key("province"), &cfg.province),
        (contact.key("phone"), &cfg.contact.phone),
        (contact.key("hours"), &cfg.contact.hours),
    ] {
        if let Some(v) = value {
            teller.tell(settings, field, v);
        }
    }
    // the same words in other languages (`site.en.yaml`), on those posters
    let texts = site.config.texts.iter();
    for (code, t) in texts.filter(|(c, _)| site.languages.contains(c)) {
        let file = PathBuf::from(format!("site.{code}.yaml"));
        for (field, value) in [
            (root.key("commune"), &t.commune),
            (root.key("province"), &t.province),
            (contact.key("hours"), &t.hours),
        ] {
            if let Some(v) = value {
                teller.tell(&file, field, v);
            }
        }
    }
    for c in &site.categories {
        if c.procedures.is_empty() {
            continue;
        }
        // (the board sheet heads each category's codes with its title)
        let index = crate::load::rel(&site.root, &c.source.join("_index.md"));
        teller.tell(&index, root.key("title"), &c.title);
        for p in &c.procedures {
            teller.procedure(p);
            for t in p.translations.values() {
                teller.procedure(t);
            }
        }
    }
    teller.diags
}

/// Whether print uses the interface string `key` (posters, flyers, the
/// board and order sheets; the print page's own strings count too).
fn printed(key: &str) -> bool {
    ["poster_", "order_", "board_", "print_"]
        .iter()
        .any(|p| key.starts_with(p))
        || ["genuine_code", "updated", "prepare", "lang_name"].contains(&key)
}

struct Teller {
    fonts: Fonts,
    fields: FieldFinder,
    diags: Diagnostics,
}

impl Teller {
    /// A `W082` at `field` of `file` if `text` holds a character a face
    /// of the print font lacks.
    fn tell(&mut self, file: &Path, field: FieldPath, text: &str) {
        let lacks = self.fonts.lacks(text);
        let Some(&first) = lacks.first() else {
            return;
        };
        let chars = lacks
            .iter()
            .map(|c| format!("«{c}» (U+{:04X})", u32::from(*c)))
            .collect::<Vec<_>>()
            .join(", ");
        let d = Diagnostic::warning(Msg::UnprintableCharacters { chars });
        let d = self.fields.place_char(d, file, &field, first);
        self.diags.push(d);
    }

    /// The texts of one procedure file its posters and flyers print.
    fn procedure(&mut self, p: &Procedure) {
        let root = FieldPath(Vec::new());
        self.tell(&p.source, root.key("title"), &p.title);
        self.tell(&p.source, root.key("summary"), &p.summary);
        self.tell(&p.source, root.key("documents"), &p.documents.join("\n"));
        // (the steps are the body's numbered list)
        self.tell(&p.source, root.key("steps"), &p.steps.join("\n"));
    }
}
