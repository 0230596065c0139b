//! The `catalogue!` macro: turns the list of entries in `catalogue.rs`
//! into the [`Msg`](super::Msg) enum and its methods. Nothing to change
//! here to add a message; see the module documentation of `messages`.
//!
//! From one entry
//!
//! ```text
//! Name { field: Type, … } = "E000" {
//!     sample { field: value, … }      // none for a variant without fields
//!     vi: <expression>,
//!     en: <expression>,
//!     hint_vi: <expression>,          // the two hint lines are optional
//!     hint_en: <expression>,
//! }
//! ```
//!
//! it makes the variant `Msg::Name`, one arm of [`Msg::code`](super::Msg::code),
//! of [`Msg::text`](super::Msg::text) and of [`Msg::hint`](super::Msg::hint),
//! and the samples' place in [`Msg::samples`](super::Msg::samples). In the
//! expressions the fields are bound by name (as references), and each
//! expression may give a `&str` or a `String`.

/// Turns `&'static str` or `String` into `String`, so that an entry can
/// write a plain literal or a `format!`.
pub(super) fn owned(s: impl Into<String>) -> String {
    s.into()
}

macro_rules! catalogue {
    // The hint of an entry without hint lines.
    (@hint $lang:ident) => {
        None
    };
    // The hint of an entry with hint lines.
    (@hint $lang:ident, $vi:expr, $en:expr) => {
        Some(match $lang {
            $crate::messages::Lang::Vi => $crate::messages::macros::owned($vi),
            $crate::messages::Lang::En => $crate::messages::macros::owned($en),
        })
    };
    // The samples of an entry, from its field names (in brackets) and its
    // `sample` lines. A variant without fields and without a `sample` line
    // is its own sample; a variant with fields must have a `sample` line.
    (@samples $name:ident []) => {
        [Msg::$name]
    };
    (@samples $name:ident [$($field:ident)+]) => {
        compile_error!(concat!(
            "the message ",
            stringify!($name),
            " has fields: give it a line `sample { field: value, … }`"
        ))
    };
    (@samples $name:ident [$($field:ident)*] $($sample:tt)+) => {
        [$(Msg::$name $sample),+]
    };
    (
        $(#[$enum_meta:meta])*
        pub enum Msg {
            $(
                $(#[$meta:meta])*
                $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? = $code:literal {
                    $(sample $sample:tt)*
                    vi: $vi:expr,
                    en: $en:expr,
                    $(hint_vi: $hint_vi:expr, hint_en: $hint_en:expr,)?
                }
            )*
        }
    ) => {
        $(#[$enum_meta])*
        pub enum Msg {
            $(
                $(#[$meta])*
                $name $({ $($field: $ty),* })?,
            )*
        }

        impl Msg {
            /// A stable code users and tools can search for.
            pub fn code(&self) -> &'static str {
                match self {
                    $(Msg::$name { .. } => $code,)*
                }
            }

            /// The message itself, one sentence in the user's language.
            pub fn text(&self, lang: $crate::messages::Lang) -> String {
                match self {
                    $(
                        #[allow(unused_variables)]
                        Msg::$name $({ $($field),* })? => match lang {
                            $crate::messages::Lang::Vi => $crate::messages::macros::owned($vi),
                            $crate::messages::Lang::En => $crate::messages::macros::owned($en),
                        },
                    )*
                }
            }

            /// What the user can do about it, when there is something to do.
            pub fn hint(&self, lang: $crate::messages::Lang) -> Option<String> {
                match self {
                    $(
                        #[allow(unused_variables)]
                        Msg::$name $({ $($field),* })? => {
                            catalogue!(@hint lang $(, $hint_vi, $hint_en)?)
                        }
                    )*
                }
            }

            /// Every sample of the catalogue, in its order: each variant at
            /// least once. The catalogue tests walk this list to prove each
            /// message exists in both languages.
            ///
            /// Every variant is here by construction: this list and the enum
            /// are made from the same entries, and an entry with fields but
            /// no `sample` line does not compile.
            pub fn samples() -> Vec<Msg> {
                let mut all = Vec::new();
                $(all.extend(catalogue!(@samples $name [$($($field)*)?] $($sample)*));)*
                all
            }

            /// How many variants `Msg` has, for the test that
            /// [`Msg::samples`] covers them all.
            #[cfg(test)]
            pub(super) const VARIANTS: usize = [$(stringify!($name)),*].len();
        }
    };
}
