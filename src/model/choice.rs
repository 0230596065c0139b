//! Settings that are choices from a fixed list, as enums: each variant
//! has the word a clerk writes in a file ([`Choice::key`]), and the
//! interface strings label it (`way_truc-tuyen`, …; a test checks every
//! variant has a label in every built-in language).

/// A setting with a fixed list of values.
pub trait Choice: Sized + Copy + PartialEq + 'static {
    /// Every value, in the order they are listed to a clerk.
    const ALL: &'static [Self];
    /// The word written in a file (`truc-tuyen`).
    fn key(self) -> &'static str;
    /// The value a word names, if any.
    fn from_key(word: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.key() == word)
    }
    /// Every word, for "must be one of" messages.
    fn keys() -> Vec<&'static str> {
        Self::ALL.iter().map(|c| c.key()).collect()
    }
}

/// Declares a [`Choice`] enum, serialised as its word.
macro_rules! choice {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $k:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vm])* $v),+
        }

        impl Choice for $name {
            const ALL: &'static [Self] = &[$($name::$v),+];
            fn key(self) -> &'static str {
                match self {
                    $($name::$v => $k),+
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

choice! {
    /// A way of submitting (`channels[].way`); labelled `way_<key>`.
    Way {
        /// Online.
        Online = "truc-tuyen",
        /// At the one-stop counter.
        InPerson = "truc-tiep",
        /// By post.
        Post = "buu-chinh",
    }
}

choice! {
    /// How far a procedure can be done online (`online.level`); labelled
    /// `level_<key>`.
    Level {
        /// Fully online (toàn trình).
        Full = "toan-trinh",
        /// Partly online (một phần).
        Partial = "mot-phan",
    }
}

choice! {
    /// An app or portal where a procedure is done (`online.apps`);
    /// labelled `app_<key>`.
    App {
        /// VNeID.
        Vneid = "vneid",
        /// The national public service portal.
        DvcQuocGia = "dvc-quoc-gia",
        /// The Ministry of Public Security's portal.
        DvcBoCongAn = "dvc-bo-cong-an",
        /// The province's portal.
        DvcTinh = "dvc-tinh",
    }
}

choice! {
    /// Poster paper (`print.paper`).
    PaperSize {
        /// A4 (the default).
        A4 = "A4",
        /// A5.
        A5 = "A5",
        /// A3 (posters also in A3).
        A3 = "A3",
    }
}

choice! {
    /// QR error correction (`print.qr_error_correction`): higher survives
    /// more dirt and tears, and needs a bigger symbol.
    EcLevel {
        /// About 7 % can be lost.
        L = "L",
        /// About 15 %.
        M = "M",
        /// About 25 % (the default).
        Q = "Q",
        /// About 30 %.
        H = "H",
    }
}

impl EcLevel {
    /// The QR encoder's level.
    pub fn qr(self) -> qrcode::EcLevel {
        match self {
            EcLevel::L => qrcode::EcLevel::L,
            EcLevel::M => qrcode::EcLevel::M,
            EcLevel::Q => qrcode::EcLevel::Q,
            EcLevel::H => qrcode::EcLevel::H,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::Theme;

    fn labels<T: Choice>(prefix: &str, missing: &mut Vec<String>) {
        let theme = Theme::builtin();
        let mut langs: Vec<String> = theme
            .under("i18n/")
            .map(|(name, _)| name.trim_end_matches(".yaml").to_string())
            .collect();
        langs.sort();
        assert!(langs.len() >= 2, "vi and en at least: {langs:?}");
        for code in langs {
            let bytes = theme.get(&format!("i18n/{code}.yaml")).unwrap_or_default();
            let map: std::collections::BTreeMap<String, String> =
                serde_norway::from_slice(bytes).unwrap_or_default();
            for c in T::ALL {
                let key = format!("{prefix}{}", c.key());
                if map.get(&key).is_none_or(|v| v.trim().is_empty()) {
                    missing.push(format!("{code}: {key}"));
                }
            }
        }
    }

    #[test]
    fn every_choice_has_a_label_in_every_built_in_language() {
        let mut missing = Vec::new();
        labels::<Way>("way_", &mut missing);
        labels::<Level>("level_", &mut missing);
        labels::<App>("app_", &mut missing);
        assert!(missing.is_empty(), "labels missing: {missing:?}");
    }

    #[test]
    fn words_name_their_values_and_nothing_else() {
        for w in Way::ALL {
            assert_eq!(Way::from_key(w.key()), Some(*w));
        }
        assert_eq!(Level::from_key("muc-do-4"), None);
        assert_eq!(PaperSize::keys(), ["A4", "A5", "A3"]);
        assert_eq!(
            serde_json::to_string(&App::Vneid).ok().as_deref(),
            Some("\"vneid\"")
        );
    }
}
