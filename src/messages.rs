//! The message catalogue: every sentence camnang says to a user, in
//! Vietnamese and English, side by side. Nothing else in the code writes
//! user-facing prose; it builds a [`Msg`] and lets this module word it.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

/// The language camnang speaks in: `vi` by default, `en` on request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
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

/// What is wrong in a piece of YAML, in words a clerk knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlProblem {
    UnclosedQuote,
    UnclosedBracket,
    Tab,
    DuplicateKey { key: String },
    Indentation,
    Other { detail: String },
}

impl YamlProblem {
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
            (YamlProblem::DuplicateKey { key }, Lang::Vi) => {
                format!("trường «{key}» được viết hai lần")
            }
            (YamlProblem::DuplicateKey { key }, Lang::En) => {
                format!("the field `{key}` is written twice")
            }
            (YamlProblem::Indentation, Lang::Vi) => {
                "thụt lề không đúng, hoặc thiếu dấu cách sau dấu hai chấm".into()
            }
            (YamlProblem::Indentation, Lang::En) => {
                "wrong indentation, or a missing space after a colon".into()
            }
            (YamlProblem::Other { detail }, Lang::Vi) => format!("YAML không hợp lệ ({detail})"),
            (YamlProblem::Other { detail }, Lang::En) => detail.clone(),
        }
    }
}

/// A part of a poster, board sheet or flyer that had to be shortened to
/// fit the paper.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        ]
    }
}

/// Everything camnang can tell a user. Each variant has a stable code
/// ([`Msg::code`]), a sentence in each language ([`Msg::text`]) and,
/// where there is something to do, a hint ([`Msg::hint`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    ReadFailed {
        detail: String,
    },
    NotUtf8 {
        byte_offset: usize,
    },
    EmptyFile,
    NoFrontMatter,
    UnclosedFrontMatter,
    YamlSyntax {
        problem: YamlProblem,
    },
    NotAMapping,
    CategoryIndexMissing,
    MissingField {
        field: String,
    },
    UnknownField {
        field: String,
        suggestion: Option<String>,
    },
    WrongType {
        field: String,
        expected: Kind,
    },
    CodeNotText {
        field: String,
    },
    EmptyValue {
        field: String,
    },
    BadChoice {
        field: String,
        value: String,
        allowed: Vec<String>,
    },
    BadId {
        value: String,
    },
    DuplicateId {
        id: String,
        other: PathBuf,
    },
    DuplicateSlug {
        slug: String,
        other: PathBuf,
    },
    BadDate {
        value: String,
    },
    BadLink {
        field: String,
        value: String,
    },
    NotHttps {
        field: String,
        value: String,
    },
    BadBaseUrl {
        value: String,
    },
    SiteYamlMissing,
    ContentMissing,
    UnknownLanguage {
        value: String,
    },
    ThemeMissing {
        name: String,
    },
    TemplateFailed {
        template: String,
        detail: String,
    },
    OutputIsSource,
    OutputHoldsSource,
    OutputInsideSource,
    OutputNotFolder,
    OutputForeign {
        examples: Vec<String>,
    },
    WriteFailed {
        detail: String,
    },
    ServeFailed {
        detail: String,
    },
    LockedIdGone {
        id: String,
        title: String,
    },
    ReplacedByUnknown {
        id: String,
        target: String,
    },
    PrintCut {
        file: String,
        parts: Vec<CutPart>,
    },
    LockOutdated {
        ids: Vec<String>,
    },
    BuildDone {
        pages: usize,
        millis: u128,
        output: String,
    },
    BuildFailed {
        errors: usize,
    },
    Serving {
        url: String,
    },
    ServingLan {
        url: String,
    },
    NoLanAddress,
    Rebuilt {
        rendered: usize,
        reused: usize,
        millis: u128,
    },
    RebuildFailed {
        errors: usize,
    },
    WatchFailed {
        detail: String,
    },
    Stage {
        stage: crate::Stage,
        total: usize,
    },
    BrokenLink {
        url: String,
    },
    BrokenAnchor {
        url: String,
        anchor: String,
    },
    ImageNoAlt {
        url: String,
    },
    NotGovHost {
        host: String,
    },
    Stale {
        date: String,
        months: i32,
    },
    QrTooDense {
        link: String,
        version: i16,
        modules: usize,
    },
    DuplicateTitle {
        title: String,
        other: PathBuf,
    },
    OrphanTranslation {
        code: String,
        original: PathBuf,
    },
    CheckDone {
        errors: usize,
        warnings: usize,
    },
    NewTargetExists {
        path: PathBuf,
    },
    NewSiteDone {
        dir: PathBuf,
    },
    NewProcedureDone {
        file: PathBuf,
        id: String,
    },
    NewCategoryMissing {
        category: String,
        existing: Vec<String>,
    },
    NewBadName {
        name: String,
    },
    TranslationIdDiffers {
        id: String,
        original: String,
    },
}

impl Msg {
    /// A stable code users and tools can search for.
    pub fn code(&self) -> &'static str {
        match self {
            Msg::ReadFailed { .. } => "E001",
            Msg::NotUtf8 { .. } => "E002",
            Msg::EmptyFile => "E003",
            Msg::NoFrontMatter => "E004",
            Msg::UnclosedFrontMatter => "E005",
            Msg::YamlSyntax { .. } => "E006",
            Msg::NotAMapping => "E007",
            Msg::CategoryIndexMissing => "E008",
            Msg::MissingField { .. } => "E010",
            Msg::UnknownField { .. } => "E011",
            Msg::WrongType { .. } => "E012",
            Msg::CodeNotText { .. } => "E013",
            Msg::EmptyValue { .. } => "E014",
            Msg::BadChoice { .. } => "E015",
            Msg::BadId { .. } => "E020",
            Msg::DuplicateId { .. } => "E021",
            Msg::DuplicateSlug { .. } => "E022",
            Msg::BadDate { .. } => "E023",
            Msg::BadLink { .. } => "E024",
            Msg::NotHttps { .. } => "E025",
            Msg::BadBaseUrl { .. } => "E026",
            Msg::SiteYamlMissing => "E030",
            Msg::ContentMissing => "E031",
            Msg::UnknownLanguage { .. } => "E032",
            Msg::ThemeMissing { .. } => "E033",
            Msg::TemplateFailed { .. } => "E034",
            Msg::OutputIsSource => "E040",
            Msg::OutputHoldsSource => "E041",
            Msg::OutputInsideSource => "E042",
            Msg::OutputNotFolder => "E043",
            Msg::OutputForeign { .. } => "E044",
            Msg::WriteFailed { .. } => "E045",
            Msg::ServeFailed { .. } => "E050",
            Msg::LockedIdGone { .. } => "E060",
            Msg::ReplacedByUnknown { .. } => "E061",
            Msg::LockOutdated { .. } => "E062",
            Msg::PrintCut { .. } => "I004",
            Msg::BuildDone { .. } => "I001",
            Msg::BuildFailed { .. } => "I002",
            Msg::Serving { .. } => "I003",
            Msg::ServingLan { .. } => "I005",
            Msg::NoLanAddress => "W050",
            Msg::Rebuilt { .. } => "I006",
            Msg::RebuildFailed { .. } => "I007",
            Msg::WatchFailed { .. } => "E051",
            Msg::Stage { .. } => "I008",
            Msg::BrokenLink { .. } => "E070",
            Msg::BrokenAnchor { .. } => "E071",
            Msg::ImageNoAlt { .. } => "W072",
            Msg::NotGovHost { .. } => "W073",
            Msg::Stale { .. } => "W074",
            Msg::QrTooDense { .. } => "W075",
            Msg::DuplicateTitle { .. } => "W076",
            Msg::OrphanTranslation { .. } => "W077",
            Msg::CheckDone { .. } => "I009",
            Msg::NewTargetExists { .. } => "E080",
            Msg::NewSiteDone { .. } => "I010",
            Msg::NewProcedureDone { .. } => "I011",
            Msg::NewCategoryMissing { .. } => "E081",
            Msg::NewBadName { .. } => "E082",
            Msg::TranslationIdDiffers { .. } => "E027",
        }
    }

    /// The message itself, one sentence in the user's language.
    pub fn text(&self, lang: Lang) -> String {
        use Lang::{En, Vi};
        match (self, lang) {
            (Msg::ReadFailed { detail }, Vi) => format!("không đọc được tệp ({detail})"),
            (Msg::ReadFailed { detail }, En) => format!("could not read the file ({detail})"),
            (Msg::NotUtf8 { byte_offset }, Vi) => {
                format!("tệp không lưu ở bảng mã UTF-8 (byte thứ {byte_offset} không đọc được)")
            }
            (Msg::NotUtf8 { byte_offset }, En) => {
                format!("the file is not saved as UTF-8 (byte {byte_offset} cannot be read)")
            }
            (Msg::EmptyFile, Vi) => "tệp trống".into(),
            (Msg::EmptyFile, En) => "the file is empty".into(),
            (Msg::NoFrontMatter, Vi) => {
                "tệp không bắt đầu bằng dòng «---» của phần thông tin".into()
            }
            (Msg::NoFrontMatter, En) => {
                "the file does not start with the \"---\" line of its front matter".into()
            }
            (Msg::UnclosedFrontMatter, Vi) => {
                "phần thông tin mở bằng «---» nhưng không có dòng «---» đóng lại".into()
            }
            (Msg::UnclosedFrontMatter, En) => {
                "the front matter opens with \"---\" but has no closing \"---\" line".into()
            }
            (Msg::YamlSyntax { problem }, Vi) => {
                format!("phần thông tin viết sai: {}", problem.text(Vi))
            }
            (Msg::YamlSyntax { problem }, En) => {
                format!("the front matter is not valid YAML: {}", problem.text(En))
            }
            (Msg::NotAMapping, Vi) => "phần thông tin phải là các dòng «tên: giá trị»".into(),
            (Msg::NotAMapping, En) => "the front matter must be lines of \"name: value\"".into(),
            (Msg::CategoryIndexMissing, Vi) => {
                "thư mục lĩnh vực chưa có tệp _index.md ghi tên lĩnh vực".into()
            }
            (Msg::CategoryIndexMissing, En) => {
                "the category folder has no _index.md giving its title".into()
            }
            (Msg::MissingField { field }, Vi) => format!("thiếu trường bắt buộc «{field}»"),
            (Msg::MissingField { field }, En) => format!("the required field `{field}` is missing"),
            (Msg::UnknownField { field, .. }, Vi) => format!("không có trường nào tên «{field}»"),
            (Msg::UnknownField { field, .. }, En) => format!("there is no field called `{field}`"),
            (Msg::WrongType { field, expected }, Vi) => {
                format!("trường «{field}» phải là {}", expected.word(Vi))
            }
            (Msg::WrongType { field, expected }, En) => {
                format!("the field `{field}` must be {}", expected.word(En))
            }
            (Msg::CodeNotText { field }, Vi) => {
                format!("trường «{field}» phải đặt trong ngoặc kép, nếu không số 0 ở cuối sẽ mất")
            }
            (Msg::CodeNotText { field }, En) => {
                format!("the field `{field}` must be in double quotes, or trailing zeros are lost")
            }
            (Msg::EmptyValue { field }, Vi) => format!("trường «{field}» đang để trống"),
            (Msg::EmptyValue { field }, En) => format!("the field `{field}` is empty"),
            (Msg::BadChoice { field, value, .. }, Vi) => {
                format!("trường «{field}» không nhận giá trị «{value}»")
            }
            (Msg::BadChoice { field, value, .. }, En) => {
                format!("the field `{field}` does not accept `{value}`")
            }
            (Msg::BadId { value }, Vi) => format!(
                "mã «{value}» không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang, tối đa 16 ký tự"
            ),
            (Msg::BadId { value }, En) => format!(
                "the id `{value}` is not valid: use only lower-case letters a-z, digits and '-', at most 16"
            ),
            (Msg::DuplicateId { id, other }, Vi) => {
                format!("mã «{id}» đã được dùng trong tệp {}", other.display())
            }
            (Msg::DuplicateId { id, other }, En) => {
                format!("the id `{id}` is already used by {}", other.display())
            }
            (Msg::DuplicateSlug { slug, other }, Vi) => format!(
                "hai tệp cho ra cùng một địa chỉ trang «{slug}» (tệp kia: {})",
                other.display()
            ),
            (Msg::DuplicateSlug { slug, other }, En) => format!(
                "two files give the same page address `{slug}` (the other: {})",
                other.display()
            ),
            (Msg::BadDate { value }, Vi) => format!("«{value}» không phải một ngày có thật"),
            (Msg::BadDate { value }, En) => format!("`{value}` is not a real date"),
            (Msg::BadLink { field, value }, Vi) => format!(
                "liên kết «{value}» trong «{field}» không được phép: chỉ dùng https:, http:, tel:, mailto: hoặc đường dẫn trong trang"
            ),
            (Msg::BadLink { field, value }, En) => format!(
                "the link `{value}` in `{field}` is not allowed: use https:, http:, tel:, mailto: or a path on this site"
            ),
            (Msg::NotHttps { field, value }, Vi) => {
                format!("«{field}» phải là địa chỉ bắt đầu bằng https:// (đang là «{value}»)")
            }
            (Msg::NotHttps { field, value }, En) => {
                format!("`{field}` must be an address starting with https:// (it is `{value}`)")
            }
            (Msg::BadBaseUrl { value }, Vi) => {
                format!(
                    "«base_url» phải là địa chỉ đầy đủ như https://xa.example.vn (đang là «{value}»)"
                )
            }
            (Msg::BadBaseUrl { value }, En) => {
                format!(
                    "`base_url` must be a full address such as https://commune.example.vn (it is `{value}`)"
                )
            }
            (Msg::SiteYamlMissing, Vi) => "không tìm thấy tệp site.yaml trong thư mục trang".into(),
            (Msg::SiteYamlMissing, En) => "there is no site.yaml in the site folder".into(),
            (Msg::ContentMissing, Vi) => {
                "không tìm thấy thư mục content/ bên cạnh site.yaml".into()
            }
            (Msg::ContentMissing, En) => "there is no content/ folder next to site.yaml".into(),
            (Msg::UnknownLanguage { value }, Vi) => format!("chưa hỗ trợ ngôn ngữ «{value}»"),
            (Msg::UnknownLanguage { value }, En) => {
                format!("the language `{value}` is not supported")
            }
            (Msg::ThemeMissing { name }, Vi) => format!("không tìm thấy giao diện themes/{name}/"),
            (Msg::ThemeMissing { name }, En) => {
                format!("the theme folder themes/{name}/ does not exist")
            }
            (Msg::TemplateFailed { template, detail }, Vi) => {
                format!("mẫu giao diện «{template}» bị lỗi: {detail}")
            }
            (Msg::TemplateFailed { template, detail }, En) => {
                format!("the theme template `{template}` failed: {detail}")
            }
            (Msg::OutputIsSource, Vi) => {
                "thư mục xuất không được là thư mục trang, content/ hay themes/".into()
            }
            (Msg::OutputIsSource, En) => {
                "the output folder must not be the site folder, content/ or themes/".into()
            }
            (Msg::OutputHoldsSource, Vi) => "thư mục xuất không được chứa thư mục trang".into(),
            (Msg::OutputHoldsSource, En) => {
                "the output folder must not contain the site folder".into()
            }
            (Msg::OutputInsideSource, Vi) => {
                "thư mục xuất không được nằm trong content/ hay themes/".into()
            }
            (Msg::OutputInsideSource, En) => {
                "the output folder must not be inside content/ or themes/".into()
            }
            (Msg::OutputNotFolder, Vi) => "đường dẫn xuất đã có và không phải là thư mục".into(),
            (Msg::OutputNotFolder, En) => "the output path exists and is not a folder".into(),
            (Msg::OutputForeign { examples }, Vi) => format!(
                "thư mục xuất có tệp không do camnang tạo ra ({}); camnang không xoá tệp của người khác",
                examples.join(", ")
            ),
            (Msg::OutputForeign { examples }, En) => format!(
                "the output folder holds files camnang did not make ({}); camnang never deletes other people's files",
                examples.join(", ")
            ),
            (Msg::WriteFailed { detail }, Vi) => format!("không ghi được trang web ({detail})"),
            (Msg::WriteFailed { detail }, En) => format!("could not write the site ({detail})"),
            (Msg::ServeFailed { detail }, Vi) => {
                format!("không mở được máy chủ xem thử ({detail})")
            }
            (Msg::ServeFailed { detail }, En) => {
                format!("could not start the preview server ({detail})")
            }
            (Msg::LockedIdGone { id, title }, Vi) => format!(
                "mã QR «{id}» ({title}) có thể đã in lên áp phích, nhưng không còn thủ tục nào mang mã này"
            ),
            (Msg::LockedIdGone { id, title }, En) => format!(
                "the QR code `{id}` ({title}) may be printed on posters, but no procedure has this id any more"
            ),
            (Msg::ReplacedByUnknown { id, target }, Vi) => {
                format!(
                    "mã «{id}» được thay bằng «{target}», nhưng không có thủ tục nào mang mã «{target}»"
                )
            }
            (Msg::ReplacedByUnknown { id, target }, En) => {
                format!("`{id}` is replaced by `{target}`, but no procedure has the id `{target}`")
            }
            (Msg::PrintCut { file, parts }, Vi) => format!(
                "{file}: đã rút gọn để vừa trang: {}",
                parts
                    .iter()
                    .map(|p| p.text(Vi))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            (Msg::PrintCut { file, parts }, En) => format!(
                "{file}: shortened to fit: {}",
                parts
                    .iter()
                    .map(|p| p.text(En))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            (Msg::LockOutdated { ids }, Vi) => {
                format!(
                    "qr-lock.yaml chưa ghi các mã mới: {} (đang chạy với --locked)",
                    ids.join(", ")
                )
            }
            (Msg::LockOutdated { ids }, En) => {
                format!(
                    "qr-lock.yaml does not list the new ids: {} (running with --locked)",
                    ids.join(", ")
                )
            }
            (
                Msg::BuildDone {
                    pages,
                    millis,
                    output,
                },
                Vi,
            ) => {
                format!("đã tạo {pages} trang vào {output} trong {millis} ms")
            }
            (
                Msg::BuildDone {
                    pages,
                    millis,
                    output,
                },
                En,
            ) => {
                format!("built {pages} pages into {output} in {millis} ms")
            }
            (Msg::BuildFailed { errors }, Vi) => format!(
                "không tạo trang vì có {errors} lỗi; trang đã xuất bản trước đó vẫn giữ nguyên"
            ),
            (Msg::BuildFailed { errors }, En) => format!(
                "nothing was built because of {errors} error(s); the site published before is unchanged"
            ),
            (Msg::Serving { url }, Vi) => format!("đang phục vụ trang tại {url} (Ctrl+C để dừng)"),
            (Msg::Serving { url }, En) => format!("serving the site at {url} (Ctrl+C to stop)"),
            (Msg::ServingLan { url }, Vi) => {
                format!("trên điện thoại cùng mạng Wi-Fi, mở {url} hoặc quét mã dưới đây")
            }
            (Msg::ServingLan { url }, En) => {
                format!("on a phone on the same Wi-Fi, open {url} or scan the code below")
            }
            (Msg::NoLanAddress, Vi) => "không tìm thấy địa chỉ mạng nội bộ của máy này".into(),
            (Msg::NoLanAddress, En) => {
                "this computer's local network address could not be found".into()
            }
            (
                Msg::Rebuilt {
                    rendered,
                    reused,
                    millis,
                },
                Vi,
            ) => format!(
                "đã cập nhật trong {millis} ms: vẽ lại {rendered} trang, giữ nguyên {reused} trang"
            ),
            (
                Msg::Rebuilt {
                    rendered,
                    reused,
                    millis,
                },
                En,
            ) => format!("updated in {millis} ms: {rendered} pages redrawn, {reused} kept"),
            (Msg::RebuildFailed { errors }, Vi) => {
                format!("nội dung có {errors} lỗi: trình duyệt đang hiện lỗi; sửa tệp rồi lưu lại")
            }
            (Msg::RebuildFailed { errors }, En) => format!(
                "the content has {errors} error(s), shown in the browser; fix the file and save it"
            ),
            (Msg::WatchFailed { detail }, Vi) => {
                format!("không theo dõi được thay đổi của tệp ({detail})")
            }
            (Msg::WatchFailed { detail }, En) => format!("could not watch the files ({detail})"),
            (Msg::Stage { stage, total }, Vi) => match stage {
                crate::Stage::Pages => format!("đang tạo {total} trang web…"),
                crate::Stage::PrintFiles => format!("đang vẽ {total} tệp in…"),
                crate::Stage::Waiting => {
                    "đang chờ một lần tạo trang khác ghi xong vào thư mục này…".into()
                }
            },
            (Msg::BrokenLink { url }, Vi) => {
                format!("liên kết «{url}» dẫn tới trang hoặc tệp không có trong trang web")
            }
            (Msg::BrokenLink { url }, En) => {
                format!("the link `{url}` leads to a page or file the site does not have")
            }
            (Msg::BrokenAnchor { url, anchor }, Vi) => {
                format!("liên kết «{url}» dẫn tới mục «#{anchor}» không có trên trang đó")
            }
            (Msg::BrokenAnchor { url, anchor }, En) => {
                format!("the link `{url}` leads to a section `#{anchor}` that page does not have")
            }
            (Msg::ImageNoAlt { url }, Vi) => {
                format!("hình «{url}» chưa có lời mô tả cho người không nhìn thấy")
            }
            (Msg::ImageNoAlt { url }, En) => {
                format!("the image `{url}` has no description for people who cannot see it")
            }
            (Msg::NotGovHost { host }, Vi) => {
                format!("«online.url» dẫn tới {host}, không phải cổng dịch vụ công của Nhà nước")
            }
            (Msg::NotGovHost { host }, En) => {
                format!("`online.url` leads to {host}, which is not a government portal")
            }
            (Msg::Stale { date, months }, Vi) => format!(
                "hướng dẫn được kiểm tra lần cuối ngày {date}, đã {months} tháng: hãy kiểm tra lại thủ tục này"
            ),
            (Msg::Stale { date, months }, En) => format!(
                "the guide was last checked on {date}, {months} months ago: check this procedure again"
            ),
            (
                Msg::QrTooDense {
                    link,
                    version,
                    modules,
                },
                Vi,
            ) => format!(
                "mã QR của {link} cần phiên bản {version} ({modules} × {modules} ô), khó quét từ xa trên áp phích"
            ),
            (
                Msg::QrTooDense {
                    link,
                    version,
                    modules,
                },
                En,
            ) => format!(
                "the QR code of {link} needs version {version} ({modules} × {modules} modules), hard to scan from a distance on a poster"
            ),
            (Msg::DuplicateTitle { title, other }, Vi) => {
                format!("tên «{title}» đã dùng cho thủ tục {}", other.display())
            }
            (Msg::DuplicateTitle { title, other }, En) => {
                format!("the title `{title}` is already used by {}", other.display())
            }
            (Msg::OrphanTranslation { code, original }, Vi) => format!(
                "bản dịch «{code}» này không có bản gốc {}",
                original.display()
            ),
            (Msg::OrphanTranslation { code, original }, En) => format!(
                "this `{code}` translation has no original {}",
                original.display()
            ),
            (Msg::CheckDone { errors, warnings }, Vi) => {
                format!("kiểm tra xong: {errors} lỗi, {warnings} cảnh báo")
            }
            (Msg::CheckDone { errors, warnings }, En) => {
                format!("check done: {errors} error(s), {warnings} warning(s)")
            }
            (Msg::NewTargetExists { path }, Vi) => {
                format!("{} đã có: camnang không ghi đè", path.display())
            }
            (Msg::NewTargetExists { path }, En) => {
                format!(
                    "{} already exists: camnang does not overwrite it",
                    path.display()
                )
            }
            (Msg::NewSiteDone { dir }, Vi) => format!(
                "đã tạo trang mới trong {d}: sửa {d}/site.yaml, rồi chạy camnang serve --root {d}",
                d = dir.display()
            ),
            (Msg::NewSiteDone { dir }, En) => format!(
                "made a new site in {d}: edit {d}/site.yaml, then run camnang serve --root {d}",
                d = dir.display()
            ),
            (Msg::NewProcedureDone { file, id }, Vi) => format!(
                "đã tạo {} (mã QR: {id}): điền các trường rồi xem thử bằng camnang serve",
                file.display()
            ),
            (Msg::NewProcedureDone { file, id }, En) => format!(
                "made {} (QR id: {id}): fill in the fields and preview with camnang serve",
                file.display()
            ),
            (Msg::NewCategoryMissing { category, existing }, Vi) => format!(
                "chưa có lĩnh vực «{category}»; các lĩnh vực đang có: {}",
                existing.join(", ")
            ),
            (Msg::NewCategoryMissing { category, existing }, En) => format!(
                "there is no category `{category}`; the categories are: {}",
                existing.join(", ")
            ),
            (Msg::NewBadName { name }, Vi) => {
                format!("«{name}» không cho ra được tên tệp: hãy viết bằng chữ")
            }
            (Msg::NewBadName { name }, En) => {
                format!("`{name}` gives no file name: write it in letters")
            }
            (Msg::TranslationIdDiffers { id, original }, Vi) => {
                format!("bản dịch mang mã «{id}», nhưng bản gốc mang mã «{original}»")
            }
            (Msg::TranslationIdDiffers { id, original }, En) => {
                format!("the translation has the id `{id}`, but its original has `{original}`")
            }
            (Msg::Stage { stage, total }, En) => match stage {
                crate::Stage::Pages => format!("making {total} web pages…"),
                crate::Stage::PrintFiles => format!("drawing {total} print files…"),
                crate::Stage::Waiting => {
                    "waiting for another build to finish writing into this folder…".into()
                }
            },
        }
    }

    /// What the user can do about it, when there is something to do.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        use Lang::{En, Vi};
        Some(match (self, lang) {
            (Msg::NotUtf8 { .. }, Vi) => {
                "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8".into()
            }
            (Msg::NotUtf8 { .. }, En) => "open the file in an editor and save it as UTF-8".into(),
            (Msg::NoFrontMatter | Msg::UnclosedFrontMatter, Vi) => {
                "tệp phải mở đầu bằng một dòng «---», các dòng «tên: giá trị», rồi một dòng «---»".into()
            }
            (Msg::NoFrontMatter | Msg::UnclosedFrontMatter, En) => {
                "start the file with a \"---\" line, then \"name: value\" lines, then a \"---\" line".into()
            }
            (Msg::YamlSyntax { .. }, Vi) => {
                "kiểm tra dấu hai chấm, ngoặc kép đóng mở đủ cặp và thụt lề bằng dấu cách (không dùng Tab)".into()
            }
            (Msg::YamlSyntax { .. }, En) => {
                "check the colons, that every quote and bracket is closed, and indent with spaces (not Tab)".into()
            }
            (Msg::CategoryIndexMissing, Vi) => {
                "tạo tệp _index.md trong thư mục với hai dòng «---», «title: Tên lĩnh vực», «---»".into()
            }
            (Msg::CategoryIndexMissing, En) => {
                "create _index.md in the folder with the lines \"---\", \"title: Category name\", \"---\"".into()
            }
            (Msg::MissingField { field }, Vi) => format!("thêm một dòng «{field}: …» vào phần thông tin"),
            (Msg::MissingField { field }, En) => format!("add a line `{field}: …` to the front matter"),
            (Msg::UnknownField { suggestion: Some(s), .. }, Vi) => format!("có phải bạn muốn viết «{s}»?"),
            (Msg::UnknownField { suggestion: Some(s), .. }, En) => format!("did you mean `{s}`?"),
            (Msg::UnknownField { suggestion: None, .. }, Vi) => {
                "xoá dòng này hoặc xem danh sách trường trong README".into()
            }
            (Msg::UnknownField { suggestion: None, .. }, En) => {
                "remove the line, or see the list of fields in the README".into()
            }
            (Msg::CodeNotText { field }, Vi) => format!("viết ví dụ: {field}: \"1.004194\""),
            (Msg::CodeNotText { field }, En) => format!("write for example: {field}: \"1.004194\""),
            (Msg::BadChoice { allowed, .. }, Vi) => format!("chọn một trong: {}", allowed.join(", ")),
            (Msg::BadChoice { allowed, .. }, En) => format!("choose one of: {}", allowed.join(", ")),
            (Msg::BadId { .. }, Vi) => "ví dụ: id: tt01".into(),
            (Msg::BadId { .. }, En) => "for example: id: tt01".into(),
            (Msg::DuplicateId { .. }, Vi) => {
                "mỗi thủ tục cần một mã riêng; mã đã in lên áp phích thì giữ nguyên, đổi mã của thủ tục mới".into()
            }
            (Msg::DuplicateId { .. }, En) => {
                "each procedure needs its own id; keep the one already printed and change the new one".into()
            }
            (Msg::DuplicateSlug { .. }, Vi) => "đổi tên một trong hai tệp".into(),
            (Msg::DuplicateSlug { .. }, En) => "rename one of the two files".into(),
            (Msg::BadDate { .. }, Vi) => "viết theo dạng năm-tháng-ngày, ví dụ: 2026-10-01".into(),
            (Msg::BadDate { .. }, En) => "write it as year-month-day, for example 2026-10-01".into(),
            (Msg::BadLink { .. } | Msg::NotHttps { .. }, Vi) => {
                "chép lại địa chỉ đầy đủ từ thanh địa chỉ của trình duyệt".into()
            }
            (Msg::BadLink { .. } | Msg::NotHttps { .. }, En) => {
                "copy the full address from the browser's address bar".into()
            }
            (Msg::SiteYamlMissing | Msg::ContentMissing, Vi) => {
                "chạy lệnh trong thư mục trang, hoặc chỉ đường bằng --root THƯ_MỤC".into()
            }
            (Msg::SiteYamlMissing | Msg::ContentMissing, En) => {
                "run the command in the site folder, or point to it with --root DIR".into()
            }
            (Msg::UnknownLanguage { .. }, Vi) => "dùng vi hoặc en".into(),
            (Msg::UnknownLanguage { .. }, En) => "use vi or en".into(),
            (
                Msg::OutputIsSource | Msg::OutputHoldsSource | Msg::OutputInsideSource | Msg::OutputNotFolder,
                Vi,
            ) => "chọn thư mục khác bằng --output, ví dụ --output public".into(),
            (
                Msg::OutputIsSource | Msg::OutputHoldsSource | Msg::OutputInsideSource | Msg::OutputNotFolder,
                En,
            ) => "choose another folder with --output, for example --output public".into(),
            (Msg::LockedIdGone { id, .. }, Vi) => format!(
                "giữ lại thủ tục mang id: {id}, hoặc trong qr-lock.yaml thêm dưới «{id}:» một dòng «  replaced_by: <mã thủ tục thay thế>» hay «  retired: true»"
            ),
            (Msg::LockedIdGone { id, .. }, En) => format!(
                "keep a procedure with id: {id}, or in qr-lock.yaml add under `{id}:` a line `  replaced_by: <new id>` or `  retired: true`"
            ),
            (Msg::ReplacedByUnknown { .. }, Vi) => "ghi mã (id) của một thủ tục đang có".into(),
            (Msg::ReplacedByUnknown { .. }, En) => "write the id of a procedure that exists".into(),
            (Msg::LockOutdated { .. }, Vi) => "chạy camnang build không có --locked rồi lưu qr-lock.yaml".into(),
            (Msg::LockOutdated { .. }, En) => "run camnang build without --locked and commit qr-lock.yaml".into(),
            (Msg::OutputForeign { .. }, Vi) => "chọn một thư mục trống hoặc chưa có bằng --output".into(),
            (Msg::OutputForeign { .. }, En) => "choose an empty or new folder with --output".into(),
            (Msg::BrokenLink { .. } | Msg::BrokenAnchor { .. }, Vi) => {
                "mở trang đích trong trình duyệt và chép lại địa chỉ của nó".into()
            }
            (Msg::BrokenLink { .. } | Msg::BrokenAnchor { .. }, En) => {
                "open the target page in the browser and copy its address".into()
            }
            (Msg::ImageNoAlt { .. }, Vi) => {
                "viết lời mô tả trong ngoặc vuông: ![Mẫu tờ khai CT01](...)".into()
            }
            (Msg::ImageNoAlt { .. }, En) => {
                "write a description in the brackets: ![Form CT01](...)".into()
            }
            (Msg::NotGovHost { .. }, Vi) => {
                "dùng địa chỉ trên dichvucong.gov.vn hoặc cổng dịch vụ công của tỉnh".into()
            }
            (Msg::NotGovHost { .. }, En) => {
                "use an address on dichvucong.gov.vn or the province's public-service portal".into()
            }
            (Msg::Stale { .. }, Vi) => {
                "đối chiếu với Cổng Dịch vụ công rồi sửa «updated:» thành ngày kiểm tra".into()
            }
            (Msg::Stale { .. }, En) => {
                "compare with the public-service portal, then set `updated:` to the day you checked".into()
            }
            (Msg::QrTooDense { .. }, Vi) => {
                "rút ngắn base_url trong site.yaml hoặc id của thủ tục, hoặc chọn qr_error_correction thấp hơn".into()
            }
            (Msg::QrTooDense { .. }, En) => {
                "shorten base_url in site.yaml or the procedure's id, or choose a lower qr_error_correction".into()
            }
            (Msg::DuplicateTitle { .. }, Vi) => {
                "đặt tên khác để người dân phân biệt được hai thủ tục".into()
            }
            (Msg::DuplicateTitle { .. }, En) => {
                "give one a different title so residents can tell them apart".into()
            }
            (Msg::OrphanTranslation { .. }, Vi) => {
                "đặt tên tệp trùng tên bản gốc, hoặc xoá bản dịch này".into()
            }
            (Msg::OrphanTranslation { .. }, En) => {
                "name the file after its original, or delete this translation".into()
            }
            (Msg::TranslationIdDiffers { original, .. }, Vi) => {
                format!("xoá dòng id của bản dịch, hoặc ghi id: {original}")
            }
            (Msg::TranslationIdDiffers { original, .. }, En) => {
                format!("remove the translation's id line, or write id: {original}")
            }
            (Msg::NewCategoryMissing { category, .. }, Vi) => format!(
                "chọn một lĩnh vực đang có, hoặc tạo mới bằng --category {category} --category-title \"Tên lĩnh vực\""
            ),
            (Msg::NewCategoryMissing { category, .. }, En) => format!(
                "pick one of them, or create it with --category {category} --category-title \"Category title\""
            ),
            _ => return None,
        })
    }

    /// Every variant once, with sample data: the catalogue test walks this
    /// list to prove each message exists in both languages.
    pub fn samples() -> Vec<Msg> {
        let s = || "x".to_string();
        vec![
            Msg::ReadFailed { detail: s() },
            Msg::NotUtf8 { byte_offset: 3 },
            Msg::EmptyFile,
            Msg::NoFrontMatter,
            Msg::UnclosedFrontMatter,
            Msg::YamlSyntax {
                problem: YamlProblem::UnclosedQuote,
            },
            Msg::YamlSyntax {
                problem: YamlProblem::UnclosedBracket,
            },
            Msg::YamlSyntax {
                problem: YamlProblem::Tab,
            },
            Msg::YamlSyntax {
                problem: YamlProblem::DuplicateKey { key: s() },
            },
            Msg::YamlSyntax {
                problem: YamlProblem::Indentation,
            },
            Msg::YamlSyntax {
                problem: YamlProblem::Other { detail: s() },
            },
            Msg::NotAMapping,
            Msg::CategoryIndexMissing,
            Msg::MissingField { field: s() },
            Msg::UnknownField {
                field: s(),
                suggestion: Some(s()),
            },
            Msg::UnknownField {
                field: s(),
                suggestion: None,
            },
            Msg::WrongType {
                field: s(),
                expected: Kind::Text,
            },
            Msg::WrongType {
                field: s(),
                expected: Kind::List,
            },
            Msg::WrongType {
                field: s(),
                expected: Kind::Map,
            },
            Msg::WrongType {
                field: s(),
                expected: Kind::Bool,
            },
            Msg::WrongType {
                field: s(),
                expected: Kind::Number,
            },
            Msg::CodeNotText { field: s() },
            Msg::EmptyValue { field: s() },
            Msg::BadChoice {
                field: s(),
                value: s(),
                allowed: vec![s()],
            },
            Msg::BadId { value: s() },
            Msg::DuplicateId {
                id: s(),
                other: PathBuf::from("a.md"),
            },
            Msg::DuplicateSlug {
                slug: s(),
                other: PathBuf::from("a.md"),
            },
            Msg::BadDate { value: s() },
            Msg::BadLink {
                field: s(),
                value: s(),
            },
            Msg::NotHttps {
                field: s(),
                value: s(),
            },
            Msg::BadBaseUrl { value: s() },
            Msg::SiteYamlMissing,
            Msg::ContentMissing,
            Msg::UnknownLanguage { value: s() },
            Msg::ThemeMissing { name: s() },
            Msg::TemplateFailed {
                template: s(),
                detail: s(),
            },
            Msg::OutputIsSource,
            Msg::OutputHoldsSource,
            Msg::OutputInsideSource,
            Msg::OutputNotFolder,
            Msg::OutputForeign {
                examples: vec![s()],
            },
            Msg::WriteFailed { detail: s() },
            Msg::ServeFailed { detail: s() },
            Msg::LockedIdGone {
                id: s(),
                title: s(),
            },
            Msg::ReplacedByUnknown {
                id: s(),
                target: s(),
            },
            Msg::LockOutdated { ids: vec![s()] },
            Msg::PrintCut {
                file: s(),
                parts: CutPart::samples(),
            },
            Msg::BuildDone {
                pages: 1,
                millis: 1,
                output: s(),
            },
            Msg::BuildFailed { errors: 1 },
            Msg::Serving { url: s() },
            Msg::ServingLan { url: s() },
            Msg::NoLanAddress,
            Msg::Rebuilt {
                rendered: 1,
                reused: 1,
                millis: 1,
            },
            Msg::RebuildFailed { errors: 1 },
            Msg::WatchFailed { detail: s() },
            Msg::Stage {
                stage: crate::Stage::Pages,
                total: 1,
            },
            Msg::Stage {
                stage: crate::Stage::PrintFiles,
                total: 1,
            },
            Msg::Stage {
                stage: crate::Stage::Waiting,
                total: 0,
            },
            Msg::BrokenLink { url: s() },
            Msg::BrokenAnchor {
                url: s(),
                anchor: s(),
            },
            Msg::ImageNoAlt { url: s() },
            Msg::NotGovHost { host: s() },
            Msg::Stale {
                date: s(),
                months: 13,
            },
            Msg::QrTooDense {
                link: s(),
                version: 5,
                modules: 37,
            },
            Msg::DuplicateTitle {
                title: s(),
                other: PathBuf::from("a.md"),
            },
            Msg::OrphanTranslation {
                code: s(),
                original: PathBuf::from("a.md"),
            },
            Msg::CheckDone {
                errors: 1,
                warnings: 1,
            },
            Msg::NewTargetExists {
                path: PathBuf::from("a"),
            },
            Msg::NewSiteDone {
                dir: PathBuf::from("a"),
            },
            Msg::NewProcedureDone {
                file: PathBuf::from("a.md"),
                id: s(),
            },
            Msg::NewCategoryMissing {
                category: s(),
                existing: vec![s()],
            },
            Msg::NewBadName { name: s() },
            Msg::TranslationIdDiffers {
                id: s(),
                original: s(),
            },
        ]
    }
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
                assert_ne!(a, b, "{m:?} hint is not translated");
            }
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
}
