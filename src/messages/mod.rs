//! The message catalogue: every sentence camnang says to a user, in
//! Vietnamese and English, side by side. Nothing else in the code writes
//! user-facing prose; it builds a [`Msg`] and lets this module word it.
//!
//! # Adding a message
//!
//! Every message is one entry in `src/messages/catalogue.rs`, and only
//! there: its variant of [`Msg`] with the fields, its code, one or more
//! sample values, the Vietnamese and the English sentence and, if there
//! is something the user can do, a hint in both languages. Add the entry
//! to the area it belongs to, for example:
//!
//! ```text
//! /// A date that is not a real day (a doc comment is optional).
//! BadDate { value: String } = "E023" {
//!     sample { value: "x".into() }
//!     vi: format!("«{value}» không phải một ngày có thật"),
//!     en: format!("`{value}` is not a real date"),
//!     hint_vi: "viết theo dạng năm-tháng-ngày, ví dụ: 2026-10-01",
//!     hint_en: "write it as year-month-day, for example 2026-10-01",
//! }
//! ```
//!
//! - The fields are named in the sentences as they are (`{value}` in a
//!   `format!`, `other.display()` for a path); a sentence without fields
//!   is a plain `"…"`. Vietnamese quotes a value with «», English with
//!   backticks.
//! - `sample` gives the fields a value for the tests; write one `sample`
//!   line per case worth checking (see `YamlSyntax`). A message without
//!   fields needs none; one with fields and no `sample` does not compile.
//!   [`Msg::samples`] is made from these lines.
//! - The two `hint_` lines go together (the catalogue does not compile
//!   with one alone), or are both left out.
//! - Pick an unused code in the area's range (the top of `catalogue.rs`
//!   lists them); the tests reject a code used twice.
//!
//! Then `cargo test --lib messages` checks that the new message has both
//! languages. The code that reports it builds `Msg::BadDate { … }` and
//! hands it to [`crate::diag`].

use std::fmt::Write as _;

use serde::Serialize;

#[macro_use]
mod macros;
mod catalogue;

pub use catalogue::Msg;

/// The language camnang speaks in: `vi` by default, `en` on request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The language's code (`vi`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Reads a language code (`vi`, `en`); other codes fall back to `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// What kind of value a field takes, for "wrong type" messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    List,
    Map,
    Bool,
    Number,
}

impl Kind {
    fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Text, Lang::Vi) => "một dòng chữ",
            (Kind::Text, Lang::En) => "a piece of text",
            (Kind::List, Lang::Vi) => "một danh sách (mỗi mục một dòng bắt đầu bằng «- »)",
            (Kind::List, Lang::En) => "a list (one item per line starting with \"- \")",
            (Kind::Map, Lang::Vi) => "một nhóm trường con (thụt lề bên dưới)",
            (Kind::Map, Lang::En) => "a group of indented sub-fields",
            (Kind::Bool, Lang::Vi) => "true hoặc false",
            (Kind::Bool, Lang::En) => "true or false",
            (Kind::Number, Lang::Vi) => "một số",
            (Kind::Number, Lang::En) => "a number",
        }
    }
}

/// What a file that is not text is, told from its first bytes: a Word
/// document or a scan renamed `.md` is a clerk's likely mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binary {
    /// `.docx`
    Word,
    /// `.xlsx`
    Excel,
    /// `.odt` and the other OpenDocument files
    OpenDocument,
    /// `.doc` and `.xls` (Office 97–2003)
    OldOffice,
    /// another `.zip`
    Zip,
    Pdf,
    Image,
    /// RTF, as TextEdit (macOS) and WordPad save by default
    Rtf,
    /// a web page (Word's "Save as Web Page")
    WebPage,
}

impl Binary {
    fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Binary::Word, Lang::Vi) => "một văn bản Word (.docx)",
            (Binary::Word, Lang::En) => "a Word document (.docx)",
            (Binary::Excel, Lang::Vi) => "một bảng tính Excel (.xlsx)",
            (Binary::Excel, Lang::En) => "an Excel workbook (.xlsx)",
            (Binary::OpenDocument, Lang::Vi) => "một văn bản LibreOffice (.odt)",
            (Binary::OpenDocument, Lang::En) => "a LibreOffice document (.odt)",
            (Binary::OldOffice, Lang::Vi) => "một tệp Word hoặc Excel cũ (.doc, .xls)",
            (Binary::OldOffice, Lang::En) => "an old Word or Excel file (.doc, .xls)",
            (Binary::Zip, Lang::Vi) => "một tệp nén (.zip)",
            (Binary::Zip, Lang::En) => "a compressed file (.zip)",
            (Binary::Pdf, Lang::Vi) => "một tệp PDF",
            (Binary::Pdf, Lang::En) => "a PDF file",
            (Binary::Image, Lang::Vi) => "một ảnh",
            (Binary::Image, Lang::En) => "a picture",
            (Binary::Rtf, Lang::Vi) => "một tệp RTF (TextEdit, WordPad)",
            (Binary::Rtf, Lang::En) => "an RTF file (TextEdit, WordPad)",
            (Binary::WebPage, Lang::Vi) => "một trang web (Word: «Lưu thành trang web»)",
            (Binary::WebPage, Lang::En) => "a web page (Word's \"Save as Web Page\")",
        }
    }

    /// Whether the file is one residents could download as it is (a form
    /// as PDF, a picture), rather than text to copy out.
    fn downloadable(self) -> bool {
        matches!(self, Binary::Pdf | Binary::Image)
    }
}

/// The date a clerk meant by `value`, written the way camnang reads it:
/// `29/11/2026`, `29-11-2026` and `29.11.2026` (day first, as Vietnam
/// writes dates), `2026-1-5` and `2026/01/05` give `2026-11-29` and
/// `2026-01-05`; in words, `ngày 1 tháng 10 năm 2026` gives `2026-10-01`;
/// a year of two digits (`1/10/26`) is this century's; `None` when no
/// real date is meant.
fn date_meant(value: &str) -> Option<String> {
    // "ngày 1 tháng 10 năm 2026", "1 tháng 10 năm 2026": day, month, year
    let folded = crate::text::fold(value);
    if folded.contains("thang") && folded.contains("nam") {
        let numbers: Vec<&str> = folded
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .collect();
        let [d, m, y] = numbers[..] else {
            return None;
        };
        let iso = format!("{y:0>4}-{m:0>2}-{d:0>2}");
        return (y.len() == 4)
            .then(|| crate::text::Date::parse(&iso).map(|date| date.iso()))
            .flatten();
    }
    // a date with its time (`2026-11-29 08:00`, `2026-11-29T08:00`): the
    // date alone
    let value = match value.trim().split_once([' ', 'T']) {
        Some((date, time)) if time.contains(':') => date,
        _ => value,
    };
    let parts: Vec<&str> = value.trim().split(['/', '-', '.']).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if !(digits(a) && digits(b) && digits(c)) {
        return None;
    }
    // (a year of two digits, day first: `1/10/26` is 2026's; but
    // `26-10-01`, two digits at both ends with dashes, may as well be the
    // year first, as ISO writes it: no date is guessed unless one end
    // cannot be a day)
    let century = format!("20{c}");
    let first_century = format!("20{a}");
    let over_31 = |p: &str| p.parse::<u32>().is_ok_and(|n| n > 31);
    let (y, m, d) = match (a.len(), c.len()) {
        (4, 1..=2) => (a, b, c),
        (1..=2, 4) => (c, b, a),
        (2, 2) if value.contains('-') => match (over_31(a), over_31(c)) {
            (true, false) => (first_century.as_str(), b, c),
            (false, true) => (century.as_str(), b, a),
            _ => return None,
        },
        (1..=2, 2) => (century.as_str(), b, a),
        _ => return None,
    };
    let iso = format!("{y}-{m:0>2}-{d:0>2}");
    crate::text::Date::parse(&iso).map(|date| date.iso())
}

/// The allowed value a clerk meant by `value`: the same in the letters of
/// an address (`toàn trình` is `toan-trinh`, `truc tiep` is `truc-tiep`),
/// or a typo away.
fn choice_meant(value: &str, allowed: &[String]) -> Option<String> {
    let slug = crate::text::slugify(value);
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(&slug, a), a))
        .filter(|(d, a)| *d <= 2.min(a.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a.clone())
}

/// The id a clerk meant by `value` (`CT02` is `ct02`, `tt 01` is `tt-01`),
/// if that one is valid.
fn id_meant(value: &str) -> Option<String> {
    let id = crate::text::slugify(value);
    (crate::text::valid_id(&id) && id != value).then_some(id)
}

/// What a field of a portal record should have held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    Text,
    List,
    Number,
    /// A number of copies, 0 to 1000.
    Copies,
    YesNo,
}

impl Want {
    /// Its words, as the end of "expected …" / "cần …".
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Want::Text, Lang::Vi) => "chữ",
            (Want::Text, Lang::En) => "text",
            (Want::List, Lang::Vi) => "một danh sách",
            (Want::List, Lang::En) => "a list",
            (Want::Number, Lang::Vi) => "một số",
            (Want::Number, Lang::En) => "a number",
            (Want::Copies, Lang::Vi) => "số bản từ 0 đến 1000",
            (Want::Copies, Lang::En) => "a number of copies from 0 to 1000",
            (Want::YesNo, Lang::Vi) => "true hoặc false",
            (Want::YesNo, Lang::En) => "true or false",
        }
    }
}

/// What is wrong in a piece of YAML, in words a clerk knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlProblem {
    UnclosedQuote,
    UnclosedBracket,
    Tab,
    /// `first`: the line of the field's first writing (0: not found).
    DuplicateKey {
        key: String,
        first: usize,
    },
    /// A value with ": " in it (`summary: Lưu ý: mang theo CCCD`).
    ColonInValue {
        key: String,
    },
    /// A value with ": " in it, put in Word's curly quotes (`summary:
    /// “Lưu ý: …”`), which YAML does not take for quotes.
    CurlyQuotes {
        key: String,
    },
    /// No space after a field's colon (`agency:Công an xã`, or a
    /// non-breaking space pasted from Word or Zalo).
    NoSpaceAfterColon {
        key: String,
    },
    /// A value starting with a character YAML keeps for itself (`*Lưu
    /// ý`, `@`, a backquote, `%`).
    SpecialStart {
        key: String,
        first: char,
    },
    Indentation,
    /// The line is indented with a space that is not a plain space
    /// (`code`, `U+00A0`: a no-break space pasted from Word or Zalo).
    OddSpace {
        code: String,
    },
    /// A field with a full-width colon `：` (a Chinese or Japanese keyboard
    /// layout), which YAML does not take for a colon.
    WideColon {
        key: String,
    },
    /// A value that starts with a quote or a bracket and goes on after
    /// the closing one (`summary: "Tạm trú" là …`, `summary: [Bắt buộc]
    /// …`): YAML reads the quoted part or a list, then stumbles.
    TextAfterQuote {
        key: String,
        first: char,
    },
    /// A line with no field at the left margin, just after the field
    /// `key`: its value broken onto a second line.
    BrokenLine {
        key: String,
    },
    /// A line that starts with a field's name but has no colon after it
    /// (`agency Công an xã`).
    MissingColon {
        key: String,
    },
    /// An item of the list `key` written without its `- ` (or with no
    /// space after the dash, `-Giấy tờ`), under items that have it.
    ListItemNoDash {
        key: String,
    },
    /// A number with twenty digits or more, bigger than any number YAML
    /// reads.
    NumberTooBig,
    Other {
        detail: String,
    },
}

impl YamlProblem {
    /// What to do, where the problem says more than the usual checks.
    fn hint(&self, lang: Lang) -> String {
        match (self, lang) {
            (YamlProblem::MissingColon { key }, Lang::Vi) => {
                format!("viết «{key}: …»: tên trường, dấu hai chấm, một dấu cách rồi đến giá trị")
            }
            (YamlProblem::MissingColon { key }, Lang::En) => {
                format!("write `{key}: …`: the field's name, a colon, a space, then the value")
            }
            (YamlProblem::DuplicateKey { key, first: 0 }, Lang::Vi) => {
                format!("xoá một trong hai dòng «{key}:», giữ lại dòng đúng")
            }
            (YamlProblem::DuplicateKey { key, first: 0 }, Lang::En) => {
                format!("delete one of the two `{key}:` lines, keeping the right one")
            }
            (YamlProblem::DuplicateKey { key, first }, Lang::Vi) => {
                format!("xoá một trong hai dòng «{key}:» (dòng {first} hoặc dòng này), giữ lại dòng đúng")
            }
            (YamlProblem::DuplicateKey { key, first }, Lang::En) => {
                format!("delete one of the two `{key}:` lines (line {first} or this one), keeping the right one")
            }
            (YamlProblem::ListItemNoDash { .. }, Lang::Vi) => {
                "bắt đầu dòng này như các mục ở trên: hai dấu cách, dấu gạch, một dấu cách, rồi đến chữ («  - Giấy tờ…»)".into()
            }
            (YamlProblem::ListItemNoDash { .. }, Lang::En) => {
                "start this line as the items above it: two spaces, a dash, a space, then the words (`  - Paper…`)".into()
            }
            (_, Lang::Vi) => "kiểm tra dấu hai chấm, ngoặc kép đóng mở đủ cặp và thụt lề bằng dấu cách (không dùng Tab)".into(),
            (_, Lang::En) => "check the colons, that every quote and bracket is closed, and indent with spaces (not Tab)".into(),
        }
    }

    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (YamlProblem::UnclosedQuote, Lang::Vi) => {
                "dấu ngoặc kép mở ở đây chưa được đóng".into()
            }
            (YamlProblem::UnclosedQuote, Lang::En) => {
                "the quote opened here is never closed".into()
            }
            (YamlProblem::UnclosedBracket, Lang::Vi) => {
                "dấu ngoặc [ hoặc { mở ở đây chưa được đóng".into()
            }
            (YamlProblem::UnclosedBracket, Lang::En) => {
                "the [ or { opened here is never closed".into()
            }
            (YamlProblem::Tab, Lang::Vi) => "dòng này thụt lề bằng phím Tab".into(),
            (YamlProblem::Tab, Lang::En) => "this line is indented with a Tab".into(),
            (YamlProblem::DuplicateKey { key, first: 0 }, Lang::Vi) => {
                format!("trường «{key}» được viết hai lần")
            }
            (YamlProblem::DuplicateKey { key, first: 0 }, Lang::En) => {
                format!("the field `{key}` is written twice")
            }
            (YamlProblem::DuplicateKey { key, first }, Lang::Vi) => {
                format!("trường «{key}» được viết hai lần: ở dòng {first} và ở dòng này")
            }
            (YamlProblem::DuplicateKey { key, first }, Lang::En) => {
                format!("the field `{key}` is written twice: on line {first} and on this one")
            }
            (YamlProblem::ColonInValue { key }, Lang::Vi) => format!(
                "giá trị của «{key}» có dấu hai chấm nên bị đọc nhầm thành một trường mới: đặt cả giá trị trong ngoặc kép, ví dụ {key}: \"Lưu ý: mang theo căn cước\""
            ),
            (YamlProblem::ColonInValue { key }, Lang::En) => format!(
                "the value of `{key}` has a colon in it, so it reads as a new field: put the whole value in double quotes, e.g. {key}: \"Note: bring your ID card\""
            ),
            (YamlProblem::CurlyQuotes { key }, Lang::Vi) => format!(
                "giá trị của «{key}» có dấu hai chấm và đặt trong ngoặc kép cong “ ” (của Word), mà ở đây chỉ ngoặc kép thẳng \" mới là dấu ngoặc, ví dụ {key}: \"Lưu ý: mang theo căn cước\""
            ),
            (YamlProblem::CurlyQuotes { key }, Lang::En) => format!(
                "the value of `{key}` has a colon in it and is in curly quotes “ ” (from Word): YAML takes only straight quotes \", e.g. {key}: \"Note: bring your ID card\""
            ),
            (YamlProblem::NoSpaceAfterColon { key }, Lang::Vi) => format!(
                "sau dấu hai chấm của «{key}» cần một dấu cách thường (có thể đang thiếu, hoặc là dấu cách đặc biệt dán từ Word hay Zalo): viết «{key}: …»"
            ),
            (YamlProblem::NoSpaceAfterColon { key }, Lang::En) => format!(
                "the colon of `{key}` needs a plain space after it (it may be missing, or be a special space pasted from Word or Zalo): write `{key}: …`"
            ),
            (YamlProblem::SpecialStart { key, first }, Lang::Vi) => format!(
                "giá trị của «{key}» bắt đầu bằng «{first}», một ký tự có nghĩa riêng ở phần thông tin: đặt cả giá trị trong ngoặc kép, ví dụ {key}: \"{first}…\""
            ),
            (YamlProblem::SpecialStart { key, first }, Lang::En) => format!(
                "the value of `{key}` starts with `{first}`, a character YAML keeps for itself: put the whole value in double quotes, e.g. {key}: \"{first}…\""
            ),
            (YamlProblem::Indentation, Lang::Vi) => {
                "thụt lề không đúng, hoặc thiếu dấu cách sau dấu hai chấm".into()
            }
            (YamlProblem::Indentation, Lang::En) => {
                "wrong indentation, or a missing space after a colon".into()
            }
            (YamlProblem::OddSpace { code }, Lang::Vi) => format!(
                "dòng này thụt lề bằng một dấu cách đặc biệt ({code}, thường dán từ Word hay Zalo), không được coi là dấu cách: xoá khoảng trắng đầu dòng rồi gõ lại bằng phím cách"
            ),
            (YamlProblem::OddSpace { code }, Lang::En) => format!(
                "this line is indented with a special space ({code}, often pasted from Word or Zalo), which YAML does not take for a space: delete the space at the start of the line and type it again with the space bar"
            ),
            (YamlProblem::WideColon { key }, Lang::Vi) => format!(
                "sau «{key}» là dấu hai chấm toàn độ rộng «：» (của bộ gõ tiếng Trung hay tiếng Nhật), không phải dấu «:»: xoá nó rồi gõ lại «{key}: …» bằng bàn phím thường"
            ),
            (YamlProblem::WideColon { key }, Lang::En) => format!(
                "`{key}` is followed by a full-width colon `：` (from a Chinese or Japanese keyboard layout), not `:`: delete it and type `{key}: …` again on a plain keyboard"
            ),
            (YamlProblem::TextAfterQuote { key, first: '[' }, Lang::Vi) => format!(
                "giá trị của «{key}» bắt đầu bằng «[» nên phần trong ngoặc bị đọc thành một danh sách, và chữ phía sau bị coi là viết sai: đặt cả giá trị trong ngoặc kép, ví dụ {key}: \"[Bắt buộc] Khai báo…\""
            ),
            (YamlProblem::TextAfterQuote { key, first: '[' }, Lang::En) => format!(
                "the value of `{key}` starts with `[`, so what is in the brackets is read as a list and the words after it are a mistake: put the whole value in double quotes, e.g. {key}: \"[Bắt buộc] Khai báo…\""
            ),
            (YamlProblem::TextAfterQuote { key, first }, Lang::Vi) => format!(
                "giá trị của «{key}» bắt đầu bằng «{first}» nên phần trong dấu đó bị đọc riêng, và chữ phía sau bị coi là viết sai: đặt cả giá trị trong ngoặc kép và đổi ngoặc kép bên trong thành ngoặc đơn, ví dụ {key}: \"'Tạm trú' là nơi…\""
            ),
            (YamlProblem::TextAfterQuote { key, first }, Lang::En) => format!(
                "the value of `{key}` starts with `{first}`, so what is inside is read on its own and the words after it are a mistake: put the whole value in double quotes, with single quotes inside, e.g. {key}: \"'Tạm trú' là nơi…\""
            ),
            (YamlProblem::ListItemNoDash { key }, Lang::Vi) => format!(
                "dòng này là một mục của «{key}» nhưng thiếu dấu «- » ở đầu (hoặc thiếu dấu cách sau dấu gạch)"
            ),
            (YamlProblem::ListItemNoDash { key }, Lang::En) => format!(
                "this line is an item of `{key}` but lacks the `- ` at its start (or the space after the dash)"
            ),
            (YamlProblem::BrokenLine { key }, Lang::Vi) => format!(
                "dòng này không có tên trường: nếu đây là phần tiếp theo của «{key}» ở dòng trên, nối nó vào dòng trên, hoặc thụt nó vào hai dấu cách"
            ),
            (YamlProblem::BrokenLine { key }, Lang::En) => format!(
                "this line has no field: if it goes on from `{key}` on the line above, join it to that line, or indent it by two spaces"
            ),
            (YamlProblem::MissingColon { key }, Lang::Vi) => {
                format!("thiếu dấu hai chấm sau tên trường «{key}»")
            }
            (YamlProblem::MissingColon { key }, Lang::En) => {
                format!("the field `{key}` has no colon after its name")
            }
            (YamlProblem::NumberTooBig, Lang::Vi) => {
                "số này dài quá (hai mươi chữ số trở lên): nếu đó là chữ cần giữ nguyên, đặt cả giá trị trong ngoặc kép, ví dụ \"100000000000000000000\"".into()
            }
            (YamlProblem::NumberTooBig, Lang::En) => {
                "this number is too long (twenty digits or more): if it is text to keep as written, put the whole value in double quotes, e.g. \"100000000000000000000\"".into()
            }
            (YamlProblem::Other { detail }, Lang::Vi) => {
                format!("cách viết không đọc được ({})", yaml_vi(detail))
            }
            (YamlProblem::Other { detail }, Lang::En) => detail.clone(),
        }
    }
}

/// A part of a poster, board sheet or flyer that had to be shortened to
/// fit the paper.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CutPart {
    /// The commune line at the top.
    Commune,
    /// The title (shortened with "…").
    Title,
    /// The one-line summary.
    Summary,
    /// Step `n` (1-based) was shortened.
    Step(usize),
    /// Only `shown` of `total` steps fit.
    Steps { shown: usize, total: usize },
    /// Document `n` of the checklist was shortened.
    Document(usize),
    /// Only `shown` of `total` documents fit.
    Documents { shown: usize, total: usize },
    /// The help line at the bottom.
    Footer,
    /// A title on the board sheet.
    BoardTitle { id: String },
    /// The short link under a code of the board sheet.
    BoardLink { id: String },
    /// A category's name in the band over its codes on the board sheet.
    BoardCategory { name: String },
}

impl CutPart {
    /// What was cut, in a few words.
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (CutPart::Commune, Lang::Vi) => "tên xã".into(),
            (CutPart::Commune, Lang::En) => "the commune line".into(),
            (CutPart::Title, Lang::Vi) => "tên thủ tục".into(),
            (CutPart::Title, Lang::En) => "the title".into(),
            (CutPart::Summary, Lang::Vi) => "phần tóm tắt".into(),
            (CutPart::Summary, Lang::En) => "the summary".into(),
            (CutPart::Step(n), Lang::Vi) => format!("bước {n}"),
            (CutPart::Step(n), Lang::En) => format!("step {n}"),
            (CutPart::Steps { shown, total }, Lang::Vi) => {
                format!("chỉ in {shown}/{total} bước")
            }
            (CutPart::Steps { shown, total }, Lang::En) => {
                format!("only {shown} of {total} steps printed")
            }
            (CutPart::Document(n), Lang::Vi) => format!("giấy tờ thứ {n}"),
            (CutPart::Document(n), Lang::En) => format!("document {n}"),
            (CutPart::Documents { shown, total }, Lang::Vi) => {
                format!("chỉ in {shown}/{total} giấy tờ")
            }
            (CutPart::Documents { shown, total }, Lang::En) => {
                format!("only {shown} of {total} documents printed")
            }
            (CutPart::Footer, Lang::Vi) => "dòng liên hệ".into(),
            (CutPart::Footer, Lang::En) => "the contact line".into(),
            (CutPart::BoardTitle { id }, Lang::Vi) => format!("tên thủ tục «{id}»"),
            (CutPart::BoardTitle { id }, Lang::En) => format!("the title of `{id}`"),
            (CutPart::BoardLink { id }, Lang::Vi) => format!("địa chỉ dưới mã «{id}»"),
            (CutPart::BoardLink { id }, Lang::En) => format!("the link under the code `{id}`"),
            (CutPart::BoardCategory { name }, Lang::Vi) => format!("tên lĩnh vực «{name}»"),
            (CutPart::BoardCategory { name }, Lang::En) => format!("the category name `{name}`"),
        }
    }

    /// One of each part, for the catalogue test.
    pub fn samples() -> Vec<CutPart> {
        vec![
            CutPart::Commune,
            CutPart::Title,
            CutPart::Summary,
            CutPart::Step(1),
            CutPart::Steps { shown: 1, total: 2 },
            CutPart::Document(1),
            CutPart::Documents { shown: 1, total: 2 },
            CutPart::Footer,
            CutPart::BoardTitle { id: "a".into() },
            CutPart::BoardLink { id: "a".into() },
            CutPart::BoardCategory { name: "a".into() },
        ]
    }
}

/// Why an imported field needs a clerk's check (a draft note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// The time is free text, not a number.
    TimeText { value: String },
    /// The time is a fraction (`0.5`).
    TimeFraction { value: String },
    /// The time's unit is `OTHER` (or unknown).
    TimeUnit { unit: String },
    /// No time on the way of submitting, nor on any case (or 0 days).
    NoTime,
    /// No time on the way of submitting: the times the portal gives for
    /// each case are written instead.
    TimeByCase,
    /// A fee row with no amount.
    FeeNoValue,
    /// No fee row at all for a way of submitting (the page said "Chưa
    /// rõ" with nothing for a clerk to check).
    NoFee,
    /// A fee row whose amount is words, not a number.
    FeeText { value: String },
    /// A way of submitting camnang does not know (`ONLINE_VNEID`).
    WayUnknown { method: String },
    /// A fee row of 0 đồng whose note names an amount (`note`).
    FreeButPriced { note: String },
    /// Every fee row of a way is 0 đồng (or says it is free) while the
    /// record's steps tell residents to pay (`said`, quoted).
    FreeButStepsPay { said: String },
    /// A fee row whose note names sums of money, none of them its amount
    /// (`read`): "5.000 đồng" beside "50.000 đồng/hồ sơ".
    FeeNoteDiffers { read: String, note: String },
    /// An amount no fee is, as read: `why` is `negative`, `fraction`
    /// (part of a đồng) or `small` (under 1.000 đồng: a record kept in
    /// thousands).
    OddAmount { read: String, why: &'static str },
    /// No executing agency in any of the portal's fields.
    NoAgency,
    /// The portal's agency is at the district level (`huyện`), abolished
    /// on 1 July 2025.
    DistrictAgency { level: &'static str },
    /// The steps (or the ways of submitting) still send residents to an
    /// office at the district level.
    DistrictInText { level: &'static str },
    /// The steps are not written as "Bước 1: … Bước 2: …".
    StepsNotSplit,
    /// The portal gives no steps at all.
    NoSteps,
    /// The portal numbers its steps wrong (a number twice, one skipped):
    /// numbered anew.
    StepsRenumbered,
    /// A note after the last step ("Lưu ý: …") was written under the
    /// steps instead of in the last one.
    NoteAfterSteps,
    /// The portal has no description.
    NoSummary,
    /// The record's `state` is not one of a procedure in force (`ACTIVE`,
    /// `UPDATED`): it may have been repealed.
    NotInForce { state: String },
    /// The portal lists no document to bring.
    NoDocuments,
    /// The portal lists no way of submitting (`executionMethods` empty);
    /// `times`: its figures per case, if any.
    NoWays { times: String },
    /// The portal's name is in capitals: written as a sentence, the
    /// capitals of names (UBND, CCCD) to put back.
    TitleInCapitals,
    /// `count` items listed as documents look like notes.
    NotesInDocuments { count: usize },
    /// The portal attaches forms to documents (their file names).
    FormsOnPortal { names: String },
    /// Whether the procedure is "toàn trình" online is not confirmed.
    OnlineLevel,
    /// `camnang import --update` took the portal's new text.
    ChangedOnPortal,
    /// A way of submitting the portal lists in several rows, with
    /// different times (each for a case of its own).
    TimesOfRows,
    /// `camnang import --update` kept the clerk's text of a field the
    /// portal changed: `now` is the portal's new text (shortened).
    KeptAgainstPortal { now: String },
    /// An amount the portal wrote so that it reads two ways (`7,000`):
    /// `read` is how camnang read it.
    AmountTwoWays { written: String, read: String },
    /// The portal's text held a table, written as lines with its cells
    /// apart with " | ".
    Table,
    /// The record's letters had been garbled (UTF-8 read as Windows-1252:
    /// "Thá»§ tá»¥c") and were put back.
    Garbled,
    /// The portal wrote the field `path` in a shape camnang cannot read
    /// (it should hold `want`): left empty.
    Unread { path: String, want: Want },
}

impl Gap {
    /// Why, in a few words.
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Gap::TimeText { value }, Lang::Vi) => {
                format!("thời hạn ghi bằng chữ («{value}»), không phải một con số")
            }
            (Gap::TimeText { value }, Lang::En) => {
                format!("the time is free text (`{value}`), not a number")
            }
            (Gap::TimeFraction { value }, Lang::Vi) => {
                format!("thời hạn là số lẻ ({value}): không rõ là nửa ngày hay giờ")
            }
            (Gap::TimeFraction { value }, Lang::En) => {
                format!("the time is a fraction ({value}): half a day, or hours?")
            }
            (Gap::TimeUnit { unit }, Lang::Vi) => {
                format!("Cổng không ghi đơn vị thời hạn (đơn vị «{unit}»)")
            }
            (Gap::TimeUnit { unit }, Lang::En) => {
                format!("the portal gives no unit for the time (unit `{unit}`)")
            }
            (Gap::NoFee, Lang::Vi) => {
                "Cổng không ghi lệ phí của cách nộp này: cần ghi số tiền, hoặc «Không mất phí» nếu không thu".into()
            }
            (Gap::NoFee, Lang::En) => {
                "the portal gives no fee for this way of submitting: write the amount, or «Không mất phí» if there is none".into()
            }
            (Gap::NoTime, Lang::Vi) => {
                "Cổng không ghi thời hạn giải quyết (hoặc ghi 0 ngày): cần ghi số ngày".into()
            }
            (Gap::NoTime, Lang::En) => {
                "the portal gives no time to process (or 0 days): write the number of days".into()
            }
            (Gap::TimeByCase, Lang::Vi) => {
                "Cổng chỉ ghi thời hạn theo từng trường hợp: đã chép cả, cần viết lại cho người dân dễ hiểu".into()
            }
            (Gap::TimeByCase, Lang::En) => {
                "the portal gives the time only case by case: all copied, to be written plainly for residents".into()
            }
            (Gap::FeeNoValue, Lang::Vi) => "có mức phí, lệ phí Cổng không ghi số tiền".into(),
            (Gap::FeeNoValue, Lang::En) => "a fee row has no amount on the portal".into(),
            (Gap::FeeText { value }, Lang::Vi) => {
                format!("Cổng ghi mức phí bằng chữ («{value}»), không phải một số tiền")
            }
            (Gap::FeeText { value }, Lang::En) => {
                format!("the portal gives a fee in words (`{value}`), not an amount")
            }
            (Gap::WayUnknown { method }, Lang::Vi) => format!(
                "Cổng ghi một cách nộp hồ sơ camnang chưa biết («{method}»): đã chép vào phần «Cách nộp hồ sơ», cần thêm vào «channels» nếu đúng"
            ),
            (Gap::WayUnknown { method }, Lang::En) => format!(
                "the portal gives a way of submitting camnang does not know (`{method}`): copied into the body's «Cách nộp hồ sơ»; add it to `channels` if right"
            ),
            (Gap::FeeNoteDiffers { read, note }, Lang::Vi) => format!(
                "Cổng ghi mức phí {read} nhưng phần ghi chú lại ghi số tiền khác («{note}»): xem lại mức phí đúng trên Cổng hoặc hỏi cơ quan giải quyết"
            ),
            (Gap::FeeNoteDiffers { read, note }, Lang::En) => format!(
                "the portal gives a fee of {read} but its note names another sum (`{note}`): check the right fee on the portal or with the agency"
            ),
            (Gap::FreeButPriced { note }, Lang::Vi) => format!(
                "Cổng ghi mức phí 0 đồng nhưng phần ghi chú lại có số tiền («{note}»): xem lại thủ tục có thu phí không"
            ),
            (Gap::FreeButPriced { note }, Lang::En) => format!(
                "the portal gives a fee of 0 đồng but its note names an amount (`{note}`): check whether the procedure is free"
            ),
            (Gap::FreeButStepsPay { said }, Lang::Vi) => format!(
                "Cổng ghi là miễn phí nhưng các bước lại nhắc nộp phí («{said}»): xem lại thủ tục có thu phí hoặc lệ phí không"
            ),
            (Gap::FreeButStepsPay { said }, Lang::En) => format!(
                "the portal says it is free but its steps tell residents to pay (`{said}`): check whether the procedure has a fee"
            ),
            (Gap::OddAmount { read, why }, Lang::Vi) => format!(
                "Cổng ghi số tiền «{read}» {}: xem lại mức phí trên Cổng",
                match *why {
                    "negative" => "nhỏ hơn 0",
                    "fraction" => "có phần lẻ của một đồng",
                    "large" => "từ 1 tỷ đồng trở lên",
                    _ => "dưới 1.000 đồng (có thể Cổng ghi theo nghìn đồng)",
                }
            ),
            (Gap::OddAmount { read, why }, Lang::En) => format!(
                "the portal gives an amount of «{read}» {}: check the fee on the portal",
                match *why {
                    "negative" => "below 0",
                    "fraction" => "with a part of a đồng",
                    "large" => "of a billion đồng or more",
                    _ => "under 1.000 đồng (the record may give thousands)",
                }
            ),
            (Gap::NoAgency, Lang::Vi) => "Cổng không ghi cơ quan thực hiện".into(),
            (Gap::NoAgency, Lang::En) => "the portal names no agency".into(),
            (Gap::DistrictAgency { level }, Lang::Vi) => {
                format!("Cổng ghi cơ quan cấp {level}, không còn từ ngày 1/7/2025: ghi cơ quan đang nhận hồ sơ")
            }
            (Gap::DistrictAgency { level }, Lang::En) => {
                format!("the portal names an agency at the {level} (district) level, gone since 1 July 2025: write the office that takes applications now")
            }
            (Gap::DistrictInText { level }, Lang::Vi) => {
                format!("Cổng còn ghi nơi nộp hoặc nhận ở cấp {level}, không còn từ ngày 1/7/2025: sửa thành nơi đang nhận hồ sơ")
            }
            (Gap::DistrictInText { level }, Lang::En) => {
                format!("the portal still sends residents to an office at the {level} (district) level, gone since 1 July 2025: write the office that takes applications now")
            }
            (Gap::NoWays { times }, Lang::Vi) => match times.is_empty() {
                true => "Cổng không ghi cách nộp hồ sơ (trực tiếp, trực tuyến, qua bưu chính) cùng thời gian và lệ phí: ghi chúng vào channels:".into(),
                false => format!("Cổng không ghi cách nộp hồ sơ (trực tiếp, trực tuyến, qua bưu chính) cùng thời gian và lệ phí, chỉ ghi thời gian «{times}»: ghi chúng vào channels:"),
            },
            (Gap::NoWays { times }, Lang::En) => match times.is_empty() {
                true => "the portal lists no way of submitting (in person, online, by post) with its time and fee: write them under channels:".into(),
                false => format!("the portal lists no way of submitting (in person, online, by post) with its time and fee, only the time `{times}`: write them under channels:"),
            },
            (Gap::NoDocuments, Lang::Vi) => {
                "Cổng không ghi thành phần hồ sơ: ghi những giấy tờ cần mang theo".into()
            }
            (Gap::NoDocuments, Lang::En) => {
                "the portal lists no documents: write the papers to bring".into()
            }
            (Gap::TitleInCapitals, Lang::Vi) => {
                "Cổng viết tên thủ tục bằng chữ in hoa: camnang viết lại thành chữ thường, cần viết hoa lại các tên riêng và chữ viết tắt (UBND, CCCD)".into()
            }
            (Gap::TitleInCapitals, Lang::En) => {
                "the portal writes the name in capitals: camnang wrote it as a sentence; put back the capitals of names and abbreviations (UBND, CCCD)".into()
            }
            (Gap::StepsRenumbered, Lang::Vi) => {
                "Cổng đánh số các bước không liền nhau (một số bị lặp hay bị bỏ qua): camnang đánh số lại, cần xem các bước có đủ và đúng thứ tự không".into()
            }
            (Gap::StepsRenumbered, Lang::En) => {
                "the portal numbers its steps out of order (a number twice or one skipped): camnang numbered them anew; check that every step is there, in order".into()
            }
            (Gap::NoSteps, Lang::Vi) => {
                "Cổng không ghi trình tự thực hiện: cần viết các bước cho người dân".into()
            }
            (Gap::NoSteps, Lang::En) => {
                "the portal gives no steps: write them for residents".into()
            }
            (Gap::StepsNotSplit, Lang::Vi) => {
                "trình tự thực hiện không chia theo «Bước 1: … Bước 2: …»: chép nguyên văn, cần viết lại thành các bước".into()
            }
            (Gap::StepsNotSplit, Lang::En) => {
                "the steps are not written as `Bước 1: … Bước 2: …`: copied as they are, to be rewritten as steps".into()
            }
            (Gap::NoteAfterSteps, Lang::Vi) => {
                "Cổng ghi một lời lưu ý sau bước cuối: camnang viết nó dưới các bước, cần xem nó thuộc bước cuối hay cả thủ tục".into()
            }
            (Gap::NoteAfterSteps, Lang::En) => {
                "the portal has a note after the last step: camnang wrote it under the steps; check whether it belongs to the last step or the whole procedure".into()
            }
            (Gap::NotInForce { state }, Lang::Vi) => format!(
                "Cổng ghi trạng thái «{state}», không phải thủ tục đang áp dụng: có thể đã bị bãi bỏ, cần hỏi lại trước khi đăng"
            ),
            (Gap::NotInForce { state }, Lang::En) => format!(
                "the portal gives the state `{state}`, not that of a procedure in force: it may have been repealed; ask before publishing it"
            ),
            (Gap::NoSummary, Lang::Vi) => {
                "Cổng không có phần mô tả: cần viết một câu tóm tắt".into()
            }
            (Gap::NoSummary, Lang::En) => {
                "the portal has no description: write a one-line summary".into()
            }
            (Gap::NotesInDocuments { count }, Lang::Vi) => format!(
                "{count} mục Cổng ghi là giấy tờ nhưng giống lời ghi chú: đã chuyển xuống phần «Ghi chú về hồ sơ»"
            ),
            (Gap::NotesInDocuments { count }, Lang::En) => format!(
                "{count} item(s) the portal lists as documents look like notes: moved to the body's notes on documents"
            ),
            (Gap::FormsOnPortal { names }, Lang::Vi) => format!(
                "Cổng đính kèm mẫu đơn ({names}): tải về từ trang thủ tục trên Cổng, đặt vào content/files/ và thêm liên kết tới mẫu vào giấy tờ cần điền"
            ),
            (Gap::FormsOnPortal { names }, Lang::En) => format!(
                "the portal attaches forms ({names}): download them from the procedure's page on the portal, put them in content/files/ and link the document to fill to its form"
            ),
            (Gap::OnlineLevel, Lang::Vi) => {
                "chưa chắc thủ tục làm trực tuyến toàn trình hay một phần".into()
            }
            (Gap::OnlineLevel, Lang::En) => {
                "not confirmed whether it can be done fully online".into()
            }
            (Gap::ChangedOnPortal, Lang::Vi) => "vừa được cập nhật theo Cổng".into(),
            (Gap::ChangedOnPortal, Lang::En) => "just updated from the portal".into(),
            (Gap::TimesOfRows, Lang::Vi) => "Cổng ghi cách nộp này nhiều lần với thời hạn khác nhau, mỗi lần cho một trường hợp: ghi rõ thời hạn nào cho trường hợp nào (xem phần «Cách nộp hồ sơ»)".into(),
            (Gap::TimesOfRows, Lang::En) => "the portal lists this way several times with different times, each for a case of its own: write which time is for which case (see \"Cách nộp hồ sơ\")".into(),
            (Gap::KeptAgainstPortal { now }, Lang::Vi) => format!(
                "Cổng đã đổi mục này thành «{now}»; bản của cán bộ được giữ: đối chiếu, sửa nếu cần rồi xoá dòng này"
            ),
            (Gap::KeptAgainstPortal { now }, Lang::En) => format!(
                "the portal changed this to \"{now}\"; the clerk's text was kept: compare, correct it if needed, then delete this line"
            ),
            (Gap::AmountTwoWays { written, read }, Lang::Vi) => format!(
                "Cổng ghi số tiền «{written}», camnang đọc là {read}; dấu phẩy cũng có thể là dấu thập phân: đối chiếu lại"
            ),
            (Gap::AmountTwoWays { written, read }, Lang::En) => format!(
                "the portal wrote the amount «{written}», read as {read}; the comma may also be a decimal comma: check it"
            ),
            (Gap::Garbled, Lang::Vi) => {
                "chữ của bản ghi đã bị hỏng mã («Thá»§ tá»¥c» thay cho «Thủ tục»: tệp đã qua một phần mềm đọc sai bảng mã) và camnang đã sửa lại: đọc lại cả hướng dẫn xem chữ có đúng không".into()
            }
            (Gap::Garbled, Lang::En) => {
                "the record's letters were garbled («Thá»§ tá»¥c» for «Thủ tục»: the file went through a program that read the wrong code page) and camnang put them back: read the whole guide again to check the spelling".into()
            }
            (Gap::Table, Lang::Vi) => {
                "Cổng ghi một bảng ở đây; camnang viết mỗi hàng một dòng, các ô cách nhau bằng «|»: đọc lại xem có rõ không".into()
            }
            (Gap::Table, Lang::En) => {
                "the portal has a table here; camnang wrote each row as a line, its cells apart with \"|\": read it again to see that it is clear".into()
            }
            (Gap::Unread { path, want }, Lang::Vi) => format!(
                "Cổng ghi «{path}» theo dạng camnang không đọc được (cần {}): chép tay từ trang thủ tục trên Cổng",
                want.word(Lang::Vi)
            ),
            (Gap::Unread { path, want }, Lang::En) => format!(
                "the portal wrote `{path}` in a shape camnang cannot read (expected {}): copy it by hand from the procedure's page on the portal",
                want.word(Lang::En)
            ),
        }
    }

    /// One of each, for the catalogue test.
    pub fn samples() -> Vec<Gap> {
        vec![
            Gap::TimeText { value: "x".into() },
            Gap::TimeFraction {
                value: "0.5".into(),
            },
            Gap::TimeUnit {
                unit: "OTHER".into(),
            },
            Gap::NoTime,
            Gap::TimeByCase,
            Gap::FeeNoValue,
            Gap::NoFee,
            Gap::FeeText {
                value: "5.000 - 10.000".into(),
            },
            Gap::WayUnknown {
                method: "ONLINE_VNEID".into(),
            },
            Gap::FreeButPriced {
                note: "Lệ phí: 50.000 đồng/hồ sơ".into(),
            },
            Gap::FreeButStepsPay {
                said: "…nộp lệ phí nếu thuộc trường hợp phải nộp…".into(),
            },
            Gap::FeeNoteDiffers {
                read: "5.000 đồng".into(),
                note: "50.000 đồng/hồ sơ".into(),
            },
            Gap::OddAmount {
                read: "7 đồng".into(),
                why: "small",
            },
            Gap::NoAgency,
            Gap::DistrictAgency { level: "huyện" },
            Gap::DistrictInText { level: "huyện" },
            Gap::StepsNotSplit,
            Gap::NoSteps,
            Gap::NoteAfterSteps,
            Gap::FormsOnPortal {
                names: "CT01.doc".into(),
            },
            Gap::StepsRenumbered,
            Gap::NoSummary,
            Gap::NotInForce {
                state: "ABOLISHED".into(),
            },
            Gap::NoDocuments,
            Gap::NoWays {
                times: String::new(),
            },
            Gap::TitleInCapitals,
            Gap::NotesInDocuments { count: 1 },
            Gap::OnlineLevel,
            Gap::ChangedOnPortal,
            Gap::TimesOfRows,
            Gap::KeptAgainstPortal {
                now: "10.000 đồng".into(),
            },
            Gap::Table,
            Gap::Garbled,
            Gap::AmountTwoWays {
                written: "7,000".into(),
                read: "7.000 đồng".into(),
            },
            Gap::Unread {
                path: "data.executionMethods[0].fees[0].value".into(),
                want: Want::Number,
            },
        ]
    }
}

/// The YAML parser's words for a mistake (always English), in Vietnamese
/// where camnang knows them; others are kept.
fn yaml_vi(detail: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        (
            "found character that cannot start any token",
            "có một ký tự không được đứng đầu giá trị: đặt giá trị trong ngoặc kép",
        ),
        (
            "block sequence entries are not allowed in this context",
            "danh sách «- …» phải bắt đầu ở dòng mới, dưới tên trường",
        ),
        ("recursion limit exceeded", "các mục lồng vào nhau quá sâu"),
        ("found undefined alias", "dùng một tên «*…» chưa được đặt"),
        ("unknown anchor", "dùng một tên «*…» chưa được đặt"),
        ("did not find expected node content", "thiếu giá trị"),
        (
            "could not find expected ':'",
            "thiếu dấu hai chấm sau tên trường",
        ),
        (
            "found unexpected end of stream",
            "phần thông tin kết thúc giữa chừng",
        ),
        (
            "did not find expected '-' indicator",
            "một dòng của danh sách không bắt đầu bằng «- » (thiếu dấu cách sau dấu gạch, hoặc thụt lề lệch với các dòng khác của danh sách)",
        ),
        (
            "did not find expected key",
            "một dòng thụt lề lệch với các trường cùng cấp (thừa hay thiếu dấu cách ở đầu dòng)",
        ),
        (
            "mapping values are not allowed in this context",
            "có dấu hai chấm ở chỗ không được: đặt giá trị có dấu hai chấm trong ngoặc kép",
        ),
        (
            "did not find expected ',' or ']'",
            "danh sách trong ngoặc vuông «[…]» thiếu dấu phẩy hay dấu đóng ngoặc",
        ),
        (
            "did not find expected ',' or '}'",
            "nhóm trong ngoặc nhọn «{…}» thiếu dấu phẩy hay dấu đóng ngoặc",
        ),
        (
            "found unexpected ':'",
            "có dấu hai chấm ở chỗ không được: đặt giá trị có dấu hai chấm trong ngoặc kép",
        ),
        (
            "found unknown escape character",
            "có dấu «\\» viết sai trong ngoặc kép: viết «\\\\», hoặc dùng ngoặc đơn",
        ),
        (
            "found an incorrect",
            "có chữ không đọc được (tệp không lưu ở bảng mã UTF-8)",
        ),
        (
            "found unexpected document indicator",
            "có một dòng «---» hay «...» ở giữa phần thông tin",
        ),
        ("found duplicate anchor", "một tên «&…» được đặt hai lần"),
        (
            "did not find expected comment or line break",
            "có chữ thừa sau giá trị trên cùng dòng",
        ),
    ];
    WORDS
        .iter()
        .find(|(en, _)| detail.contains(en))
        .map_or_else(|| detail.to_string(), |(_, vi)| vi.to_string())
}

/// `names`, each between `open` and `close`, joined by commas: «a», «b».
pub(crate) fn quoted(names: &[String], open: &str, close: &str) -> String {
    let each: Vec<String> = names.iter().map(|n| format!("{open}{n}{close}")).collect();
    each.join(", ")
}

/// The operating system's words for a file error (always English), in
/// Vietnamese: "Permission denied (os error 13)" → "không có quyền truy
/// cập". Words it does not know are kept.
pub(crate) fn os_vi(detail: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("Permission denied", "không có quyền truy cập"),
        ("No such file or directory", "không có tệp hay thư mục này"),
        ("No space left on device", "ổ đĩa đã đầy"),
        ("Read-only file system", "ổ đĩa chỉ cho đọc, không cho ghi"),
        (
            "Operation not permitted",
            "không được phép (tệp hay thư mục bị khoá)",
        ),
        ("Is a directory", "đây là một thư mục, không phải tệp"),
        (
            "Not a directory",
            "một phần của đường dẫn là tệp, không phải thư mục",
        ),
        ("File exists", "tệp đã có"),
        ("Directory not empty", "thư mục không trống"),
        ("Disk quota exceeded", "đã hết dung lượng được cấp"),
        ("Too many open files", "quá nhiều tệp đang mở"),
        ("Input/output error", "lỗi đọc ghi ổ đĩa"),
        ("File name too long", "tên tệp quá dài"),
        ("File too large", "tệp quá lớn so với giới hạn của máy"),
    ];
    let mut out = detail.to_string();
    for (en, vi) in WORDS {
        if out.contains(en) {
            out = out.replace(en, vi);
        }
    }
    // "(os error 13)" means nothing to a clerk
    match out.find(" (os error ") {
        Some(at) if out.ends_with(')') => out.truncate(at),
        _ => {}
    }
    out
}

/// Words around a diagnostic ("error", "hint"), in the user's language.
pub fn label(lang: Lang, key: Label) -> &'static str {
    match (key, lang) {
        (Label::Error, Lang::Vi) => "lỗi",
        (Label::Error, Lang::En) => "error",
        (Label::Warning, Lang::Vi) => "cảnh báo",
        (Label::Warning, Lang::En) => "warning",
        (Label::Hint, Lang::Vi) => "cách sửa",
        (Label::Hint, Lang::En) => "hint",
        (Label::Field, Lang::Vi) => "trường",
        (Label::Field, Lang::En) => "field",
        (Label::PreviewTitle, Lang::Vi) => "Nội dung đang có lỗi",
        (Label::PreviewTitle, Lang::En) => "The content has mistakes",
        (Label::PreviewLead, Lang::Vi) => {
            "Sửa tệp theo hướng dẫn dưới đây rồi lưu lại: trang sẽ tự hiện lại."
        }
        (Label::PreviewLead, Lang::En) => {
            "Fix the file as shown below and save it: the page comes back by itself."
        }
    }
}

/// The fixed words of [`label`].
#[derive(Debug, Clone, Copy)]
pub enum Label {
    Error,
    Warning,
    Hint,
    Field,
    /// Heading of the preview's error page.
    PreviewTitle,
    /// What to do, on the preview's error page.
    PreviewLead,
}

/// Joins the message and hint into the plain form used in logs and tests.
pub fn plain(msg: &Msg, lang: Lang) -> String {
    let mut s = msg.text(lang);
    if let Some(h) = msg.hint(lang) {
        let _ = write!(s, " ({}: {h})", label(lang, Label::Hint));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn why_a_file_is_not_a_record_is_told_in_vietnamese() {
        use super::{Lang, Msg};
        let vi = |detail: &str| {
            Msg::ImportNotRecord {
                path: "a.json".into(),
                detail: detail.into(),
            }
            .text(Lang::Vi)
        };
        for (detail, want) in [
            ("data.id is missing", "thiếu mã bản ghi «data.id»"),
            ("name is missing", "thiếu tên thủ tục «name»"),
            (
                "envelope without data (code OK, message OK)",
                "Cổng trả lời không kèm dữ liệu (mã OK, lời nhắn OK)",
            ),
            ("data.name: expected text", "«data.name» cần chữ"),
            (
                "id «abc» is not a portal record id",
                "«abc» không phải mã bản ghi của Cổng",
            ),
            ("the JSON is not an object", "tệp không chứa một bản ghi"),
        ] {
            let text = vi(detail);
            assert!(text.contains(want), "{text}");
        }
        let json = Msg::ImportBadJson {
            path: "a.json".into(),
            line: 3,
            column: 9,
            detail: "EOF while parsing a string".into(),
        }
        .text(Lang::Vi);
        assert!(json.contains("tệp kết thúc giữa chừng"), "{json}");
    }

    #[test]
    fn what_a_clerk_meant_is_found_for_dates_choices_and_ids() {
        use super::{choice_meant, date_meant, id_meant};
        for (typed, meant) in [
            ("29/11/2026", Some("2026-11-29")),
            ("5-1-2026", Some("2026-01-05")),
            ("29.11.2026", Some("2026-11-29")),
            ("2026-1-5", Some("2026-01-05")),
            ("2026/01/05", Some("2026-01-05")),
            ("30/02/2026", None),
            ("hôm qua", None),
            ("11/29/2026", None),
            ("1/10/26", Some("2026-10-01")),
            // two digits at both ends with dashes: day or year first?
            ("26-10-01", None),
            ("01-10-26", None),
            ("01-10-45", Some("2045-10-01")),
            ("45-10-01", Some("2045-10-01")),
            ("ngày 1 tháng 10 năm 2026", Some("2026-10-01")),
            ("Ngày 05 tháng 1 năm 2026", Some("2026-01-05")),
            ("1 tháng 10 năm 26", None),
            ("ngày 31 tháng 2 năm 2026", None),
            ("2026-11-29 08:00", Some("2026-11-29")),
            ("2026-11-29T08:00:00", Some("2026-11-29")),
            ("29/11/2026 8:30", Some("2026-11-29")),
        ] {
            assert_eq!(date_meant(typed).as_deref(), meant, "{typed}");
        }
        let ways: Vec<String> = ["truc-tuyen", "truc-tiep", "buu-chinh"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            choice_meant("truc tiep", &ways).as_deref(),
            Some("truc-tiep")
        );
        assert_eq!(
            choice_meant("Bưu chính", &ways).as_deref(),
            Some("buu-chinh")
        );
        assert_eq!(choice_meant("qua mạng", &ways), None);
        let levels: Vec<String> = ["toan-trinh", "mot-phan"].map(String::from).to_vec();
        assert_eq!(
            choice_meant("toàn trình", &levels).as_deref(),
            Some("toan-trinh")
        );
        assert_eq!(id_meant("CT02").as_deref(), Some("ct02"));
        assert_eq!(id_meant("tt 01").as_deref(), Some("tt-01"));
        assert_eq!(id_meant("mot-ma-rat-dai-qua-muoi-sau"), None);
    }

    #[test]
    fn yaml_words_read_in_vietnamese() {
        let vi = super::YamlProblem::Other {
            detail: "recursion limit exceeded".into(),
        }
        .text(super::Lang::Vi);
        assert_eq!(
            vi,
            "cách viết không đọc được (các mục lồng vào nhau quá sâu)"
        );
    }

    #[test]
    fn a_base_url_that_is_not_an_address_gets_the_fix_for_its_mistake() {
        use super::{Lang, Msg};
        let hint = |value: &str, lang| {
            Msg::BadBaseUrl {
                value: value.into(),
            }
            .hint(lang)
            .unwrap_or_default()
        };
        // typed with a Vietnamese keyboard on: "www" became "ưư"
        let vi = hint("https://ưư.hoabinh.gov.vn", Lang::Vi);
        assert!(vi.contains("«ư»") && vi.contains("Unikey"), "{vi}");
        assert!(hint("https://hòabình.vn", Lang::En).contains("xn--"));
        // no scheme: the address with one
        assert_eq!(
            hint("hoabinh.gov.vn", Lang::Vi),
            "viết thêm https:// ở đầu: https://hoabinh.gov.vn"
        );
        assert!(hint("https://hoabinh.gov.vn/?p=1", Lang::En).contains("everything from the ?"));
        // a page's name at the end, a Windows path's slashes
        assert_eq!(
            hint("https://hoabinh.example.vn/xa/index.html", Lang::Vi),
            "bỏ tên trang ở cuối, chỉ giữ địa chỉ thư mục của trang: https://hoabinh.example.vn/xa/"
        );
        assert_eq!(
            hint("https:\\\\hoabinh.example.vn", Lang::En),
            "write / instead of \\: https://hoabinh.example.vn"
        );
        // anything else: copy it from the browser
        assert_eq!(
            hint("hoabinh", Lang::En),
            "copy the full address from the browser's address bar"
        );
    }

    #[test]
    fn an_id_with_an_invisible_character_names_it() {
        use super::{Lang, Msg};
        let hint = |value: &str| {
            Msg::BadId {
                value: value.into(),
                meant: None,
            }
            .hint(Lang::Vi)
            .unwrap_or_default()
        };
        assert!(
            hint("ct02\u{200B}").contains("U+200B"),
            "{}",
            hint("ct02\u{200B}")
        );
        assert!(hint("ct\u{00A0}02").contains("U+00A0"));
        assert_eq!(hint("CT02"), "viết «id: ct02»");
        assert_eq!(hint("một-mã-rất-dài-quá-mười-sáu"), "ví dụ: id: tt01");
    }

    #[test]
    fn file_errors_read_in_vietnamese() {
        assert_eq!(
            super::os_vi("Permission denied (os error 13)"),
            "không có quyền truy cập"
        );
        assert_eq!(
            super::os_vi("content/a.md: No space left on device (os error 28)"),
            "content/a.md: ổ đĩa đã đầy"
        );
        assert_eq!(super::os_vi("something else"), "something else");
    }

    use super::*;

    #[test]
    fn every_message_exists_in_both_languages() {
        for m in Msg::samples() {
            let vi = m.text(Lang::Vi);
            let en = m.text(Lang::En);
            assert!(!vi.trim().is_empty() && !en.trim().is_empty(), "{m:?}");
            assert_ne!(vi, en, "{m:?} is not translated");
            assert_eq!(
                m.hint(Lang::Vi).is_some(),
                m.hint(Lang::En).is_some(),
                "{m:?} hint"
            );
            if let (Some(a), Some(b)) = (m.hint(Lang::Vi), m.hint(Lang::En)) {
                assert!(!a.trim().is_empty() && !b.trim().is_empty(), "{m:?} hint");
                assert_ne!(a, b, "{m:?} hint is not translated");
            }
        }
    }

    #[test]
    fn every_cut_part_exists_in_both_languages() {
        for p in CutPart::samples() {
            let vi = p.text(Lang::Vi);
            let en = p.text(Lang::En);
            assert!(!vi.trim().is_empty() && !en.trim().is_empty(), "{p:?}");
            assert_ne!(vi, en, "{p:?} is not translated");
        }
    }

    #[test]
    fn every_gap_exists_in_both_languages() {
        for g in Gap::samples() {
            let vi = g.text(Lang::Vi);
            let en = g.text(Lang::En);
            assert!(!vi.trim().is_empty() && !en.trim().is_empty(), "{g:?}");
            assert_ne!(vi, en, "{g:?} is not translated");
        }
    }

    #[test]
    fn codes_are_unique_per_variant() {
        let mut seen: Vec<(&str, std::mem::Discriminant<Msg>)> = Vec::new();
        for m in Msg::samples() {
            let d = std::mem::discriminant(&m);
            for (code, other) in &seen {
                if *code == m.code() {
                    assert_eq!(*other, d, "code {code} used by two variants");
                }
            }
            seen.push((m.code(), d));
        }
    }

    #[test]
    fn codes_are_a_letter_and_three_digits() {
        for m in Msg::samples() {
            let code = m.code();
            let (kind, number) = code.split_at(1);
            assert!(matches!(kind, "E" | "W" | "I"), "{code}");
            assert!(
                number.len() == 3 && number.bytes().all(|b| b.is_ascii_digit()),
                "{code}"
            );
        }
    }

    /// True by construction (the enum and the samples are made from the
    /// same catalogue entries, and an entry with fields but no `sample`
    /// does not compile); kept as a check on the macro itself.
    #[test]
    fn every_variant_has_a_sample() {
        let mut variants: Vec<std::mem::Discriminant<Msg>> = Vec::new();
        for m in Msg::samples() {
            let d = std::mem::discriminant(&m);
            if !variants.contains(&d) {
                variants.push(d);
            }
        }
        assert_eq!(variants.len(), Msg::VARIANTS);
    }
}
