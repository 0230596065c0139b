//! Every message, one entry each: code, sample, Vietnamese and English
//! text, hint. To add one, copy an entry of the same area and change it
//! (the documentation of `messages` explains the lines of an entry).
//!
//! Codes: `E` an error, `W` a warning, `I` a report of what was done. The
//! number groups messages by area (E00x a file, E01x a field, E02x a
//! value, E03x the site folder, E04x the output folder, E05x the preview,
//! E06x `qr-lock.yaml`, E07x/W07x `camnang check`, E08x `camnang new`,
//! W08x draft fields left by an import, E09x print files, E10x/W10x/I10x
//! `camnang import` and the portal, E12x–E13x/W12x/I12x `camnang deploy`). A code never changes meaning: users search for it.

use std::path::PathBuf;

use super::{
    Binary, CutPart, Gap, Kind, Lang, YamlProblem, choice_meant, date_meant, id_meant, os_vi,
    quoted,
};

/// A hint shared by several messages, in both languages.
struct Words {
    vi: &'static str,
    en: &'static str,
}

const FRONT_MATTER_SHAPE: Words = Words {
    vi: "tệp phải mở đầu bằng một dòng «---», các dòng «tên: giá trị», rồi một dòng «---»",
    en: "start the file with a \"---\" line, then \"name: value\" lines, then a \"---\" line",
};

const COPY_ADDRESS: Words = Words {
    vi: "chép lại địa chỉ đầy đủ từ thanh địa chỉ của trình duyệt",
    en: "copy the full address from the browser's address bar",
};

/// A character that shows as nothing: zero-width and joining marks, the
/// byte order mark, soft hyphen, and spaces other than the plain one.
/// A folder as a shell reads it back whole: in double quotes when it has
/// a space or a character a shell takes for itself.
fn shell_word(dir: &std::path::Path) -> String {
    let d = dir.display().to_string();
    match d.contains([' ', '\'', '&', '(', ')', ';', '$']) {
        true => format!("\"{d}\""),
        false => d,
    }
}

fn unseen(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{2028}' | '\u{2029}')
        || (c.is_whitespace() && c != ' ')
}

/// Whether a field named `field` holds steps (`steps:`, `các bước:`),
/// which go in the text, not the front matter.
fn is_steps_field(field: &str) -> bool {
    let f = crate::text::fold(field);
    [
        "steps", "step", "buoc", "cac buoc", "cac-buoc", "cac_buoc", "trinh tu", "trinh-tu",
    ]
    .contains(&f.trim())
}

/// The first character of `typed` a clerk cannot tell from what they
/// meant: one not seen (a zero-width space from Word or Zalo) or a dash
/// that looks like `-` (Word's non-breaking hyphen U+2011, U+2010, the
/// minus sign U+2212), as `U+XXXX`.
fn unseen_in(typed: &str) -> Option<String> {
    typed
        .chars()
        .find(|&c| unseen(c) || matches!(c, '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}'))
        .map(|c| format!("U+{:04X}", c as u32))
}

/// `Tỉnh Lâm Đồng` → `tỉnh Lâm Đồng`, inside a sentence.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// What to do about a `base_url` that is not a full address, from what
/// is wrong with it: the most common first.
fn base_url_hint(value: &str, lang: Lang) -> String {
    let v = value.trim();
    let rest = v.split_once("://").map(|(_, r)| r);
    let host = rest.unwrap_or(v).split('/').next().unwrap_or_default();
    let vi = lang == Lang::Vi;
    // a letter with a tone mark: a Vietnamese keyboard (Unikey, EVKey)
    // left on while typing, which turns "w" into "ư" and "dd" into "đ"
    if let Some(letter) = host.chars().find(|c| !c.is_ascii()) {
        return match vi {
            true => format!(
                "tên miền có chữ «{letter}»: nếu do bộ gõ tiếng Việt (Unikey, EVKey) còn bật khi gõ, tắt bộ gõ rồi gõ lại; nếu tên miền thật sự có dấu, viết nó ở dạng xn--… mà nơi đăng ký tên miền cung cấp"
            ),
            false => format!(
                "the domain has the letter «{letter}»: if a Vietnamese keyboard (Unikey, EVKey) was on while typing, turn it off and type it again; if the domain really has accents, write its xn--… form, which the domain registrar gives"
            ),
        };
    }
    // `https:\\host` or `https:\host`: the slashes of a Windows path
    if v.contains('\\') {
        let fixed = v.replace('\\', "/");
        return match vi {
            true => format!("viết dấu / thay cho dấu \\: {fixed}"),
            false => format!("write / instead of \\: {fixed}"),
        };
    }
    match (rest, vi) {
        (None, true) if host.contains('.') => format!("viết thêm https:// ở đầu: https://{v}"),
        (None, false) if host.contains('.') => format!("add https:// in front: https://{v}"),
        (Some(r), _) if crate::text::ends_in_page(r) => {
            let folder = &v[..v.rfind('/').map_or(v.len(), |i| i + 1)];
            match vi {
                true => format!("bỏ tên trang ở cuối, chỉ giữ địa chỉ thư mục của trang: {folder}"),
                false => format!(
                    "leave out the page's name at the end, keep the site's folder: {folder}"
                ),
            }
        }
        (_, true) if v.contains(['?', '#']) => {
            "bỏ phần từ dấu ? hoặc # trở đi: base_url là địa chỉ trang chủ của trang".into()
        }
        (_, false) if v.contains(['?', '#']) => {
            "leave out everything from the ? or #: base_url is the address of the site's home page"
                .into()
        }
        (_, true) => COPY_ADDRESS.vi.into(),
        (_, false) => COPY_ADDRESS.en.into(),
    }
}

const RUN_IN_SITE: Words = Words {
    vi: "chạy lệnh trong thư mục trang, hoặc chỉ đường bằng --root THƯ_MỤC",
    en: "run the command in the site folder, or point to it with --root DIR",
};

const OTHER_OUTPUT: Words = Words {
    vi: "chọn thư mục khác bằng --output, ví dụ --output public",
    en: "choose another folder with --output, for example --output public",
};

/// Whether a link leads to a file on the clerk's own computer (`C:\\Users\\…`,
/// `\\\\server\\…`, `file:`), not to the site.
fn on_this_computer(link: &str) -> bool {
    let b = link.as_bytes();
    let drive =
        b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/');
    // (`\\server\…` reaches here with one backslash: Markdown takes one)
    drive || link.starts_with('\\') || link.to_ascii_lowercase().starts_with("file:")
}

/// serde_json's words for a mistake in JSON (always English), in
/// Vietnamese where camnang knows them; others are kept.
fn json_vi(detail: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("EOF while parsing", "tệp kết thúc giữa chừng"),
        ("trailing comma", "thừa một dấu phẩy trước dấu đóng ngoặc"),
        ("expected `,` or", "thiếu dấu phẩy hay dấu đóng ngoặc"),
        ("expected `:`", "thiếu dấu hai chấm sau tên trường"),
        (
            "control character",
            "có ký tự xuống dòng hay Tab nằm trong một chuỗi",
        ),
        ("invalid escape", "có dấu «\\» viết sai trong một chuỗi"),
        ("invalid unicode", "có dấu «\\u» viết sai trong một chuỗi"),
        (
            "lone leading surrogate",
            "có dấu «\\u» viết sai trong một chuỗi",
        ),
        (
            "key must be a string",
            "tên trường phải nằm trong ngoặc kép",
        ),
        (
            "expected value",
            "thiếu một giá trị, hoặc có chữ không phải JSON",
        ),
        ("trailing characters", "có chữ thừa sau bản ghi"),
    ];
    WORDS
        .iter()
        .find(|(en, _)| detail.contains(en))
        .map_or_else(|| detail.to_string(), |(_, vi)| vi.to_string())
}

/// Why a value is not a record (the import's words, in English), in
/// Vietnamese.
fn not_record_vi(detail: &str) -> String {
    let wants = [
        ("text", "chữ"),
        ("a list", "một danh sách"),
        ("a number", "một số"),
        ("true or false", "true hoặc false"),
    ];
    if let Some(rest) = detail.strip_prefix("envelope without data ") {
        let rest = rest
            .replace("(code ", "(mã ")
            .replace(", message ", ", lời nhắn ");
        return format!("Cổng trả lời không kèm dữ liệu {rest}");
    }
    if let Some(id) = detail
        .strip_prefix("id ")
        .and_then(|d| d.strip_suffix(" is not a portal record id"))
    {
        return format!("{id} không phải mã bản ghi của Cổng");
    }
    if let Some((path, want)) = detail.split_once(": expected ") {
        let want = wants
            .iter()
            .find(|(en, _)| *en == want)
            .map_or(want, |(_, vi)| vi);
        return format!("«{path}» cần {want}");
    }
    match detail {
        d if d.ends_with("id is missing") => {
            format!("thiếu mã bản ghi «{}»", d.trim_end_matches(" is missing"))
        }
        d if d.ends_with("name is missing") => {
            format!("thiếu tên thủ tục «{}»", d.trim_end_matches(" is missing"))
        }
        "the JSON is not an object" => "tệp không chứa một bản ghi (một đối tượng JSON)".into(),
        "a page of the catalogue, not a record" => {
            "tệp là một trang danh mục thủ tục của Cổng, không phải bản ghi của một thủ tục".into()
        }
        d => d.to_string(),
    }
}

/// Whether `value` is a yes or a no as YAML and Hugo write them (`true`,
/// `false`, `yes`, `no`).
fn yes_or_no(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off"
    )
}

/// The last field of a path as written on its line: `channels[0].way` →
/// `way`.
fn last_key(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

/// How steps are written (W079, W093).
const NUMBERED_STEPS: Words = Words {
    vi: "viết mỗi bước trên một dòng bắt đầu bằng số và dấu chấm: «1. Mở ứng dụng VNeID.», «2. …»",
    en: "write each step on a line starting with a number and a full stop: `1. Open VNeID.`, `2. …`",
};

const COPY_TARGET: Words = Words {
    vi: "mở trang đích trong trình duyệt và chép lại địa chỉ của nó",
    en: "open the target page in the browser and copy its address",
};

catalogue! {
    /// Everything camnang can tell a user. Each variant has a stable code
    /// ([`Msg::code`]), a sentence in each language ([`Msg::text`]) and,
    /// where there is something to do, a hint ([`Msg::hint`]).
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Msg {
        // ── A content file and its front matter ─────────────────────────

        ReadFailed { detail: String } = "E001" {
            sample { detail: "x".into() }
            vi: format!("không đọc được tệp ({})", os_vi(detail)),
            en: format!("could not read the file ({detail})"),
        }

        /// A category folder of `content/` that cannot be read (its
        /// permissions): its guides cannot be put on the site.
        FolderUnreadable { detail: String } = "E038" {
            sample { detail: "Permission denied (os error 13)".into() }
            vi: format!("không đọc được thư mục ({}): các hướng dẫn trong đó không lên trang được", os_vi(detail)),
            en: format!("could not read the folder ({detail}): the guides in it cannot be put on the site"),
            hint_vi: "cho tài khoản chạy camnang quyền đọc thư mục (chuột phải › Thuộc tính › Bảo mật trên Windows, chmod trên Linux); đừng xoá thư mục",
            hint_en: "give the account running camnang the right to read the folder (right-click › Properties › Security on Windows, chmod on Linux); do not delete it",
        }

        /// A category's `_index.md` holding a procedure's `fields` (a
        /// guide copied or saved under that name).
        GuideAsCategoryIndex { fields: Vec<String> } = "E039" {
            sample { fields: vec!["id".into(), "agency".into()] }
            vi: format!("tệp _index.md chỉ ghi tên lĩnh vực, nhưng tệp này có các trường của một hướng dẫn ({}): có lẽ một hướng dẫn đã được chép hay lưu nhầm tên", fields.join(", ")),
            en: format!("an _index.md only names the category, but this one has a guide's fields ({}): a guide was likely copied or saved under this name", fields.join(", ")),
            hint_vi: "đổi tên tệp này thành tên của hướng dẫn (ví dụ dang-ky-khai-sinh.md), rồi tạo lại _index.md với ba dòng «---», «title: Tên lĩnh vực», «---»",
            hint_en: "rename this file after the guide (e.g. dang-ky-khai-sinh.md), then make _index.md again with the three lines `---`, `title: Category name`, `---`",
        }

        NotUtf8 { line: usize } = "E002" {
            sample { line: 3 }
            vi: format!("tệp không lưu ở bảng mã UTF-8 (từ dòng {line} có chữ không đọc được)"),
            en: format!("the file is not saved as UTF-8 (from line {line} on, letters cannot be read)"),
            hint_vi: "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8",
            hint_en: "open the file in an editor and save it as UTF-8",
        }

        /// The file is not text at all: its first bytes are those of
        /// `what` (a Word document renamed `.md`, a scan).
        NotText { what: Binary } = "E052" {
            sample { what: Binary::Word }
            sample { what: Binary::Excel }
            sample { what: Binary::OpenDocument }
            sample { what: Binary::OldOffice }
            sample { what: Binary::Zip }
            sample { what: Binary::Pdf }
            sample { what: Binary::Image }
            sample { what: Binary::Rtf }
            sample { what: Binary::WebPage }
            vi: format!("tệp này không phải văn bản mà là {}, chỉ đổi tên", what.word(Lang::Vi)),
            en: format!("this file is not text but {}, only renamed", what.word(Lang::En)),
            hint_vi: match what.downloadable() {
                true => "tệp để người dân tải về (mẫu đơn PDF, ảnh) đặt trong thư mục content/files/ với đuôi thật của nó (.pdf, .jpg, .png) rồi dẫn liên kết tới; trang hướng dẫn là tệp .md gõ chữ",
                false => "mở tệp bằng chương trình đã tạo ra nó, chép chữ sang một tệp .md mới (tạo bằng «camnang new»), rồi xoá tệp này",
            },
            hint_en: match what.downloadable() {
                true => "a file for residents to download (a PDF form, a picture) goes in content/files/ with its real ending (.pdf, .jpg, .png), linked from a guide; a guide is a typed .md file",
                false => "open the file in the program that made it, copy the text into a new .md file (made with `camnang new`), then delete this one",
            },
        }

        /// A category's `_index.md` with nothing in it.
        EmptyCategoryIndex = "E067" {
            vi: "tệp _index.md trống: nó cần ghi tên của lĩnh vực",
            en: "the _index.md is empty: it must name the category",
            hint_vi: "viết vào tệp ba dòng «---», «title: Tên lĩnh vực», «---» (hướng dẫn thì lưu thành tệp riêng, ví dụ dang-ky-khai-sinh.md)",
            hint_en: "write the three lines `---`, `title: Category name`, `---` in it (a guide goes in a file of its own, e.g. dang-ky-khai-sinh.md)",
        }

        EmptyFile = "E003" {
            vi: "tệp trống",
            en: "the file is empty",
            hint_vi: "viết hướng dẫn vào tệp (mở một tệp thủ tục khác để xem mẫu), hoặc xoá tệp nếu đó là bản tạo nhầm",
            hint_en: "write the guide in the file (open another procedure's file to see how), or delete the file if it was made by mistake",
        }

        NoFrontMatter = "E004" {
            vi: "tệp không bắt đầu bằng dòng «---» của phần thông tin",
            en: "the file does not start with the \"---\" line of its front matter",
            hint_vi: FRONT_MATTER_SHAPE.vi,
            hint_en: FRONT_MATTER_SHAPE.en,
        }

        UnclosedFrontMatter = "E005" {
            vi: "phần thông tin mở bằng «---» nhưng không có dòng «---» đóng lại",
            en: "the front matter opens with \"---\" but has no closing \"---\" line",
            hint_vi: FRONT_MATTER_SHAPE.vi,
            hint_en: FRONT_MATTER_SHAPE.en,
        }

        /// No closing `---`, but a line that looks like one: dashes from
        /// Word (`‐‐‐`, `what` names one, `U+2010`) or more than three
        /// (`what` is `----`).
        FenceLookalike { line: usize, written: String, what: String } = "E035" {
            sample { line: 20, written: "‐‐‐".into(), what: "U+2010".into() }
            sample { line: 20, written: "----".into(), what: "----".into() }
            sample { line: 20, written: "---".into(), what: "space".into() }
            sample { line: 20, written: "---## Các bước".into(), what: "glued".into() }
            vi: match what.as_str() {
                "glued" => format!("dòng «{written}» bắt đầu bằng «---» đóng phần thông tin, nhưng có chữ liền theo trên cùng dòng, nên không được coi là dòng đóng"),
                "----" => format!("dòng «{written}» trông như dòng «---» đóng phần thông tin, nhưng có nhiều hơn ba dấu gạch"),
                "space" => "dòng «---» đóng phần thông tin có dấu cách ở đầu dòng, nên không được coi là dòng đóng".into(),
                _ => format!("dòng «{written}» trông như dòng «---» đóng phần thông tin, nhưng là dấu gạch khác ({what}, Word hay tự đổi), không phải dấu «-»"),
            },
            en: match what.as_str() {
                "glued" => format!("the line «{written}» starts with the \"---\" that closes the front matter, but has words after it on the same line, so it does not close it"),
                "----" => format!("the line «{written}» looks like the \"---\" that closes the front matter, but has more than three dashes"),
                "space" => "the \"---\" that closes the front matter has spaces before it, so it does not close it".into(),
                _ => format!("the line «{written}» looks like the \"---\" that closes the front matter, but is another dash ({what}, which Word puts in), not \"-\""),
            },
            hint_vi: match what.as_str() {
                "glued" => "xuống dòng ngay sau «---», để «---» đứng một mình trên dòng của nó",
                _ => "xoá dòng đó rồi gõ lại đúng ba dấu gạch ngang «---» bằng bàn phím",
            },
            hint_en: match what.as_str() {
                "glued" => "start a new line right after `---`, so that `---` stands alone on its line",
                _ => "delete that line and type exactly three hyphens `---` on the keyboard",
            },
        }

        YamlSyntax { problem: YamlProblem, file: Option<String> } = "E006" {
            sample { problem: YamlProblem::UnclosedQuote, file: None }
            sample { problem: YamlProblem::UnclosedBracket, file: None }
            sample { problem: YamlProblem::Tab, file: None }
            sample { problem: YamlProblem::Tab, file: Some("site.yaml".into()) }
            sample { problem: YamlProblem::DuplicateKey { key: "x".into(), first: 0 }, file: None }
            sample { problem: YamlProblem::DuplicateKey { key: "x".into(), first: 6 }, file: None }
            sample { problem: YamlProblem::ColonInValue { key: "x".into() }, file: None }
            sample { problem: YamlProblem::CurlyQuotes { key: "x".into() }, file: None }
            sample { problem: YamlProblem::NoSpaceAfterColon { key: "x".into() }, file: None }
            sample { problem: YamlProblem::SpecialStart { key: "x".into(), first: '*' }, file: None }
            sample { problem: YamlProblem::Indentation, file: None }
            sample { problem: YamlProblem::OddSpace { code: "U+00A0".into() }, file: None }
            sample { problem: YamlProblem::WideColon { key: "x".into() }, file: None }
            sample { problem: YamlProblem::NumberTooBig, file: None }
            sample { problem: YamlProblem::BrokenLine { key: "x".into() }, file: None }
            sample { problem: YamlProblem::MissingColon { key: "x".into() }, file: None }
            sample { problem: YamlProblem::TextAfterQuote { key: "x".into(), first: '"' }, file: None }
            sample { problem: YamlProblem::TextAfterQuote { key: "x".into(), first: '[' }, file: None }
            sample { problem: YamlProblem::Other { detail: "x".into() }, file: None }
            vi: match file {
                Some(f) => format!("tệp {f} viết sai: {}", problem.text(Lang::Vi)),
                None => format!("phần thông tin viết sai: {}", problem.text(Lang::Vi)),
            },
            en: match file {
                Some(f) => format!("{f} is not valid YAML: {}", problem.text(Lang::En)),
                None => format!("the front matter is not valid YAML: {}", problem.text(Lang::En)),
            },
            hint_vi: problem.hint(Lang::Vi),
            hint_en: problem.hint(Lang::En),
        }

        /// A field right after the `---` that closes the front matter:
        /// a stray `---` typed inside it.
        FrontMatterClosedEarly { key: String } = "E009" {
            sample { key: "legal".into() }
            vi: format!("dòng «{key}: …» nằm sau dấu «---» đóng phần thông tin, nên không được đọc như một trường mà sẽ hiện thành chữ trên trang"),
            en: format!("the line `{key}: …` comes after the `---` that closes the front matter, so it is not read as a field and would show on the page as text"),
            hint_vi: "xoá dòng «---» thừa ở phía trên: phần thông tin chỉ có một dòng «---» ở đầu và một ở cuối",
            hint_en: "delete the extra `---` line above it: the front matter has one `---` line at the start and one at the end",
        }

        NotAMapping = "E007" {
            vi: "phần thông tin phải là các dòng «tên: giá trị»",
            en: "the front matter must be lines of \"name: value\"",
        }

        /// A category folder with no guide and no `_index.md` in it (a
        /// folder just made): left off the site.
        CategoryEmpty = "W045" {
            vi: "thư mục lĩnh vực chưa có trang hướng dẫn (.md) nào nên chưa được đưa lên trang",
            en: "the category folder holds no guide (.md) yet, so it is left off the site",
            hint_vi: "đặt tên thư mục theo lĩnh vực, rồi thêm tệp _index.md ghi tên lĩnh vực và các trang hướng dẫn (camnang new); hoặc xoá thư mục nếu tạo nhầm",
            hint_en: "name the folder after the category, then add an _index.md giving its title and the guides (camnang new); or delete the folder if it was made by mistake",
        }

        CategoryIndexMissing = "E008" {
            vi: "thư mục lĩnh vực chưa có tệp _index.md ghi tên lĩnh vực",
            en: "the category folder has no _index.md giving its title",
            hint_vi: "tạo tệp _index.md trong thư mục với ba dòng «---», «title: Tên lĩnh vực», «---»",
            hint_en: "create _index.md in the folder with the lines \"---\", \"title: Category name\", \"---\"",
        }

        // ── A field of the front matter or of site.yaml ─────────────────

        /// `file`: the settings file the field is missing from (`site.yaml`),
        /// or none for a guide's front matter.
        /// (`id`: for a guide's missing `id`, the one to write and whether
        /// it is the code `qr-lock.yaml` keeps for the guide's page, the
        /// one printed on its posters; else a free one)
        MissingField { field: String, file: Option<String>, id: Option<(String, bool)> } = "E010" {
            sample { field: "x".into(), file: None, id: None }
            sample { field: "commune".into(), file: Some("site.yaml".into()), id: None }
            sample { field: "id".into(), file: None, id: Some(("ct02".into(), true)) }
            sample { field: "id".into(), file: None, id: Some(("dktt".into(), false)) }
            vi: format!("thiếu trường bắt buộc «{field}»"),
            en: format!("the required field `{field}` is missing"),
            hint_vi: match (file, id) {
                (_, Some((id, true))) => format!("thêm dòng «id: {id}» vào phần thông tin: đó là mã đã in trên áp phích của trang này (qr-lock.yaml giữ nó), mã khác sẽ làm mã đã in không mở được"),
                (_, Some((id, false))) => format!("thêm dòng «id: {id}» vào phần thông tin (một mã chưa thủ tục nào dùng)"),
                (Some(f), None) => format!("thêm một dòng «{field}: …» vào tệp {f}"),
                (None, None) => format!("thêm một dòng «{field}: …» vào phần thông tin"),
            },
            hint_en: match (file, id) {
                (_, Some((id, true))) => format!("add the line `id: {id}` to the front matter: it is the code printed on this page's posters (qr-lock.yaml keeps it); another would leave the printed codes opening nothing"),
                (_, Some((id, false))) => format!("add the line `id: {id}` to the front matter (an id no procedure uses)"),
                (Some(f), None) => format!("add a line `{field}: …` to {f}"),
                (None, None) => format!("add a line `{field}: …` to the front matter"),
            },
        }

        /// `site.yaml` with nothing in it but spaces and comments.
        SiteYamlEmpty = "E144" {
            vi: "tệp site.yaml trống: trang cần tên, tên xã và địa chỉ web",
            en: "site.yaml is empty: the site needs its title, the commune's name and its web address",
            hint_vi: "viết vào tệp ít nhất ba dòng «title: Cẩm nang thủ tục hành chính», «commune: Xã …», «base_url: https://…» («camnang new site THƯ_MỤC» tạo một trang mẫu có tệp site.yaml đầy đủ)",
            hint_en: "write at least the three lines `title: Administrative procedures`, `commune: …`, `base_url: https://…` in it (`camnang new site FOLDER` makes a sample site with a full site.yaml)",
        }

        UnknownField { field: String, suggestion: Option<String> } = "E011" {
            sample { field: "x".into(), suggestion: Some("x".into()) }
            sample { field: "steps".into(), suggestion: None }
            sample { field: "x".into(), suggestion: None }
            sample { field: "\u{200B}agency".into(), suggestion: Some("agency".into()) }
            vi: format!("không có trường nào tên «{field}»"),
            en: format!("there is no field called `{field}`"),
            hint_vi: match (unseen_in(field), suggestion) {
                (Some(c), Some(s)) => format!("tên trường có một ký tự không nhìn thấy hay trông như dấu gạch ({c}), thường do chép từ Word hay Zalo: xoá rồi gõ lại «{s}:»"),
                (_, Some(s)) => format!("có phải bạn muốn viết «{s}»?"),
                // (deleting the line lost the steps)
                (_, None) if is_steps_field(field) => "các bước không viết ở đầu tệp: chuyển chúng xuống phần chữ, dưới dòng «## Các bước», mỗi bước một dòng «1. …», «2. …»".into(),
                (_, None) => "xoá dòng này hoặc xem danh sách trường trong README".into(),
            },
            hint_en: match (unseen_in(field), suggestion) {
                (Some(c), Some(s)) => format!("the name holds a character not seen or that looks like a dash ({c}), usually copied from Word or Zalo: delete it and type `{s}:` again"),
                (_, Some(s)) => format!("did you mean `{s}`?"),
                (_, None) if is_steps_field(field) => "steps are not written in the front matter: move them into the text, under a line `## Các bước`, one line `1. …`, `2. …` each".into(),
                (_, None) => "remove the line, or see the list of fields in the README".into(),
            },
        }

        WrongType { field: String, expected: Kind } = "E012" {
            sample { field: "x".into(), expected: Kind::Text }
            sample { field: "online".into(), expected: Kind::Map }
            sample { field: "x".into(), expected: Kind::List }
            sample { field: "x".into(), expected: Kind::Map }
            sample { field: "x".into(), expected: Kind::Bool }
            sample { field: "x".into(), expected: Kind::Number }
            vi: format!("trường «{field}» phải là {}", expected.word(Lang::Vi)),
            en: format!("the field `{field}` must be {}", expected.word(Lang::En)),
            hint_vi: match expected {
                // (`online: không`: the procedure cannot be done online)
                Kind::Map if field == "online" => "nếu thủ tục chưa làm trực tuyến được, xoá cả khối online: (dòng này và các dòng thụt vào bên dưới); nếu được, viết url:, level: trên các dòng bên dưới, thụt vào hai dấu cách",
                Kind::Text => "viết giá trị ngay sau dấu hai chấm, trên cùng một dòng",
                Kind::List => "viết mỗi mục trên một dòng riêng bên dưới tên trường, thụt vào hai dấu cách và bắt đầu bằng «- »",
                Kind::Map => "viết các trường con trên các dòng bên dưới, mỗi dòng thụt vào hai dấu cách",
                Kind::Bool => "viết true (có) hoặc false (không), không dấu ngoặc kép",
                Kind::Number => "chỉ viết chữ số, ví dụ 12, không kèm chữ và không dấu ngoặc kép",
            },
            hint_en: match expected {
                Kind::Map if field == "online" => "if the procedure cannot be done online, delete the whole online: block (this line and the indented ones below); if it can, write url:, level: on the lines below, indented two spaces",
                Kind::Text => "write the value right after the colon, on the same line",
                Kind::List => "write each item on its own line below the field's name, indented two spaces and starting with \"- \"",
                Kind::Map => "write the sub-fields on the lines below, each indented two spaces",
                Kind::Bool => "write true (yes) or false (no), without quotes",
                Kind::Number => "write only digits, for example 12, with no words and no quotes",
            },
        }

        CodeNotText { field: String, written: Option<String> } = "E013" {
            sample { field: "x".into(), written: None }
            sample { field: "code".into(), written: Some("1.004190".into()) }
            vi: format!("trường «{field}» phải đặt trong ngoặc kép, nếu không số 0 ở cuối sẽ mất"),
            en: format!("the field `{field}` must be in double quotes, or trailing zeros are lost"),
            hint_vi: match written {
                Some(w) => format!("viết: {field}: \"{w}\""),
                None => format!("viết ví dụ: {field}: \"1.004194\""),
            },
            hint_en: match written {
                Some(w) => format!("write: {field}: \"{w}\""),
                None => format!("write for example: {field}: \"1.004194\""),
            },
        }

        EmptyValue { field: String } = "E014" {
            sample { field: "x".into() }
            vi: format!("trường «{field}» đang để trống"),
            en: format!("the field `{field}` is empty"),
            hint_vi: format!("viết nội dung ngay sau dấu hai chấm, trên cùng dòng: «{}: …»", last_key(field)),
            hint_en: format!("write its value right after the colon, on the same line: `{}: …`", last_key(field)),
        }

        /// A value starting with `#` (`title: #1 Khai báo`): to YAML a
        /// comment, so the field is empty.
        ValueIsComment { field: String, text: String } = "E154" {
            sample { field: "title".into(), text: "#1 Khai báo tạm vắng".into() }
            vi: format!("giá trị của trường «{field}» bắt đầu bằng dấu #, nên phần thông tin coi «{text}» là ghi chú và trường bị để trống"),
            en: format!("the value of `{field}` starts with #, so the front matter takes `{text}` for a comment and the field is empty"),
            hint_vi: format!("đặt cả giá trị trong ngoặc kép: {}: \"{}\"", last_key(field), text.replace('"', "'")),
            hint_en: format!("put the whole value in double quotes: {}: \"{}\"", last_key(field), text.replace('"', "'")),
        }

        BadChoice { field: String, value: String, allowed: Vec<String> } = "E015" {
            sample { field: "x".into(), value: "x".into(), allowed: vec!["x".into()] }
            sample { field: "way".into(), value: "truc\u{2011}tiep".into(), allowed: vec!["truc-tiep".into()] }
            vi: format!("trường «{field}» không nhận giá trị «{value}»"),
            en: format!("the field `{field}` does not accept `{value}`"),
            hint_vi: match (unseen_in(value), choice_meant(value, allowed)) {
                (Some(c), Some(m)) => format!("giá trị có một ký tự không nhìn thấy hay trông như dấu gạch ({c}), thường do chép từ Word hay Zalo: xoá rồi gõ lại «{m}»"),
                (Some(c), None) => format!("giá trị có một ký tự không nhìn thấy hay trông như dấu gạch ({c}), thường do chép từ Word hay Zalo: xoá rồi gõ lại một trong: {}", allowed.join(", ")),
                (_, Some(m)) => format!("viết «{m}» (chọn một trong: {})", allowed.join(", ")),
                (_, None) => format!("chọn một trong: {}", allowed.join(", ")),
            },
            hint_en: match (unseen_in(value), choice_meant(value, allowed)) {
                (Some(c), Some(m)) => format!("the value holds a character not seen or that looks like a dash ({c}), usually copied from Word or Zalo: delete it and type `{m}` again"),
                (Some(c), None) => format!("the value holds a character not seen or that looks like a dash ({c}), usually copied from Word or Zalo: delete it and type one of: {}", allowed.join(", ")),
                (_, Some(m)) => format!("write `{m}` (one of: {})", allowed.join(", ")),
                (_, None) => format!("choose one of: {}", allowed.join(", ")),
            },
        }

        /// A number in `site.yaml` outside what makes sense.
        OutOfRange { field: String, value: String, min: String, max: String } = "E016" {
            sample { field: "x".into(), value: "x".into(), min: "1".into(), max: "2".into() }
            vi: format!("trường «{field}» có số «{value}» nằm ngoài giới hạn cho phép"),
            en: format!("the field `{field}` is `{value}`, outside the allowed range"),
            hint_vi: format!("ghi một số từ {min} đến {max}"),
            hint_en: format!("write a number from {min} to {max}"),
        }

        /// A count in `site.yaml` that is not a whole number.
        /// A number written with a dot between thousands (`posters:
        /// 1.000`), which YAML reads as a decimal point (1).
        ThousandsDot { field: String, written: String, meant: String, read: Option<String> } = "E036" {
            sample { field: "print.copies.posters".into(), written: "1.000".into(), meant: "1000".into(), read: Some("1".into()) }
            sample { field: "print.copies.posters".into(), written: "12.500.000".into(), meant: "12500000".into(), read: None }
            vi: match read {
                Some(r) => format!("«{field}: {written}»: dấu chấm ở đây được đọc là dấu thập phân, nên số này là {r}, không phải {meant}"),
                None => format!("«{field}: {written}»: số viết có dấu chấm giữa các hàng nghìn không được đọc là một số"),
            },
            en: match read {
                Some(r) => format!("`{field}: {written}`: the dot is read as a decimal point, so this is {r}, not {meant}"),
                None => format!("`{field}: {written}`: a number written with dots between thousands is not read as a number"),
            },
            hint_vi: format!("viết số không có dấu chấm: {meant}"),
            hint_en: format!("write the number without dots: {meant}"),
        }

        NotWholeNumber { field: String, value: String } = "E018" {
            sample { field: "x".into(), value: "x".into() }
            vi: format!("trường «{field}» là số bản, phải là số nguyên, không phải «{value}»"),
            en: format!("the field `{field}` is a number of copies and must be a whole number, not `{value}`"),
            hint_vi: "ghi một số không có phần lẻ, ví dụ 2",
            hint_en: "write a number without a fraction, for example 2",
        }

        /// A field of a group (`online:`, `channels:`, `contact:`, …)
        /// written at the margin, out of its group.
        FieldOutOfItsGroup { field: String, group: String } = "E069" {
            sample { field: "url".into(), group: "online".into() }
            sample { field: "way".into(), group: "channels".into() }
            vi: format!("trường «{field}» thuộc nhóm «{group}:» nhưng được viết sát lề, ngoài nhóm"),
            en: format!("the field `{field}` belongs in the group `{group}:` but is written at the margin, outside it"),
            hint_vi: match group.as_str() {
                "channels" => format!("đặt nó trong một mục «- way: …» dưới dòng «channels:», thụt vào bốn dấu cách («    {field}: …»); đừng xoá dòng"),
                _ => format!("thụt dòng này vào hai dấu cách, ngay dưới dòng «{group}:» («  {field}: …»); đừng xoá dòng"),
            },
            hint_en: match group.as_str() {
                "channels" => format!("put it in an item `- way: …` under `channels:`, indented by four spaces (`    {field}: …`); do not delete the line"),
                _ => format!("indent this line by two spaces, right under `{group}:` (`  {field}: …`); do not delete the line"),
            },
        }

        DraftUnknownField { field: String } = "E017" {
            sample { field: "x".into() }
            sample { field: "true".into() }
            vi: match yes_or_no(field) {
                // `draft: true`, as Hugo marks a page not ready
                true => format!("«draft: {field}» không có nghĩa ở camnang: «draft:» liệt kê các trường người soạn còn phải kiểm tra (ở trang nhập từ Cổng), không đánh dấu trang chưa xong"),
                false => format!("«draft:» ghi «{field}», nhưng tệp không có trường này"),
            },
            en: match yes_or_no(field) {
                true => format!("`draft: {field}` means nothing to camnang: `draft:` lists the fields a clerk still has to check (in a guide imported from the portal), it does not mark a page as unfinished"),
                false => format!("`draft:` names `{field}`, which the file does not have"),
            },
            hint_vi: match yes_or_no(field) {
                true => "xoá dòng «draft:»; muốn trang chưa lên mạng thì chuyển tệp ra khỏi thư mục content/ cho đến khi xong",
                false => "ghi tên một trường của tệp (ví dụ agency, channels[0].fee, documents, steps), hoặc xoá dòng này",
            },
            hint_en: match yes_or_no(field) {
                true => "delete the `draft:` line; to keep the page off the site, move the file out of the content/ folder until it is ready",
                false => "name a field of the file (for example agency, channels[0].fee, documents, steps), or remove the line",
            },
        }

        // ── A value: id, date, link ─────────────────────────────────────

        /// `meant`: the id `qr-lock.yaml` holds that `value` was likely
        /// meant to be (`CT 03` for `ct03`), when it holds one.
        BadId { value: String, meant: Option<String> } = "E020" {
            sample { value: "x".into(), meant: None }
            sample { value: "CT 03".into(), meant: Some("ct03".into()) }
            vi: format!("mã «{value}» không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang, tối đa 16 ký tự"),
            en: format!("the id `{value}` is not valid: use only lower-case letters a-z, digits and '-', at most 16"),
            hint_vi: match value.chars().find(|c| unseen(*c)) {
                Some(c) => format!("mã có một ký tự không nhìn thấy (U+{:04X}), thường do chép từ Word hay Zalo: xoá rồi gõ lại cả dòng id", c as u32),
                None => match meant.clone().or_else(|| id_meant(value)) {
                    Some(m) => format!("viết «id: {m}»"),
                    None => "ví dụ: id: tt01".into(),
                },
            },
            hint_en: match value.chars().find(|c| unseen(*c)) {
                Some(c) => format!("the id holds an invisible character (U+{:04X}), usually copied from Word or Zalo: delete the id line and type it again", c as u32),
                None => match meant.clone().or_else(|| id_meant(value)) {
                    Some(m) => format!("write `id: {m}`"),
                    None => "for example: id: tt01".into(),
                },
            },
        }

        DuplicateId { id: String, other: PathBuf } = "E021" {
            sample { id: "x".into(), other: "a.md".into() }
            vi: format!("mã «{id}» đã được dùng trong tệp {}", other.display()),
            en: format!("the id `{id}` is already used by {}", other.display()),
            hint_vi: "mỗi thủ tục cần một mã riêng; mã đã in lên áp phích thì giữ nguyên, đổi mã của thủ tục mới",
            hint_en: "each procedure needs its own id; keep the one already printed and change the new one",
        }

        /// (`twin`: the two names print alike, one written with its
        /// letters' marks apart)
        DuplicateSlug { slug: String, other: PathBuf, twin: bool } = "E022" {
            sample { slug: "x".into(), other: "a.md".into(), twin: false }
            sample { slug: "thu-tuc-moi".into(), other: "content/cu-tru/Thủ tục mới.md".into(), twin: true }
            vi: format!("hai tệp cho ra cùng một địa chỉ trang «{slug}» (tệp kia: {})", other.display()),
            en: format!("two files give the same page address `{slug}` (the other: {})", other.display()),
            hint_vi: match twin {
                false => "đổi tên một trong hai tệp",
                true => "hai tên trông giống hệt nhau nhưng một tên viết dấu tách khỏi chữ (thường do chép từ máy Mac hay từ tệp nén): giữ tệp đúng, xoá tệp kia",
            },
            hint_en: match twin {
                false => "rename one of the two files",
                true => "the two names look the same, but one is written with its letters' marks apart (as a Mac or a zip file often leaves them): keep the right file and delete the other",
            },
        }

        /// A list item with ": " in it, which YAML reads as a field
        /// (`- Giấy tờ chứng minh chỗ ở: hợp đồng thuê nhà`).
        ColonInItem { key: String, text: String } = "E019" {
            sample { key: "a".into(), text: "a: b".into() }
            vi: format!("dòng này có dấu hai chấm nên bị đọc thành một trường «{key}», không phải một dòng chữ"),
            en: format!("this line has a colon in it, so it reads as a field `{key}`, not as a line of text"),
            hint_vi: format!("đặt cả dòng trong ngoặc kép: - \"{text}\""),
            hint_en: format!("put the whole line in double quotes: - \"{text}\""),
        }

        /// Two category folders slug to one address (`Cư Trú/` and `cu-tru/`).
        DuplicateCategory { slug: String, other: PathBuf } = "E029" {
            sample { slug: "x".into(), other: "content/x/".into() }
            vi: format!("hai thư mục lĩnh vực cho ra cùng một địa chỉ «/{slug}/» (thư mục kia: {})", other.display()),
            en: format!("two category folders give the same address `/{slug}/` (the other: {})", other.display()),
            hint_vi: "chuyển các thủ tục vào một thư mục rồi xoá thư mục kia, hoặc đổi tên một trong hai thư mục",
            hint_en: "move the procedures into one folder and delete the other, or rename one of the two",
        }

        BadDate { value: String } = "E023" {
            sample { value: "x".into() }
            vi: match date_meant(value) {
                // (a real date, written another way)
                Some(_) => format!("ngày «{value}» cần viết đúng dạng năm-tháng-ngày: bốn chữ số năm, hai chữ số tháng, hai chữ số ngày, ngăn bằng dấu «-»"),
                None => format!("«{value}» không phải một ngày có thật"),
            },
            en: match date_meant(value) {
                Some(_) => format!("the date `{value}` must be written exactly year-month-day: four digits, two, two, apart with `-`"),
                None => format!("`{value}` is not a real date"),
            },
            hint_vi: match date_meant(value) {
                Some(d) => format!("viết theo dạng năm-tháng-ngày: {d}"),
                None => "viết theo dạng năm-tháng-ngày, ví dụ: 2026-10-01".into(),
            },
            hint_en: match date_meant(value) {
                Some(d) => format!("write it as year-month-day: {d}"),
                None => "write it as year-month-day, for example 2026-10-01".into(),
            },
        }

        BadLink { field: String, value: String } = "E024" {
            sample { field: "x".into(), value: "x".into() }
            vi: match (field.as_str(), on_this_computer(value)) {
                ("body", true) => format!("liên kết «{value}» trong phần nội dung dẫn tới một tệp trên máy tính này: người dân không mở được"),
                ("body", false) => format!("liên kết «{value}» trong phần nội dung không được phép: chỉ dùng https:, http:, tel:, mailto: hoặc đường dẫn trong trang"),
                _ => format!("liên kết «{value}» trong «{field}» không được phép: chỉ dùng https:, http:, tel:, mailto: hoặc đường dẫn trong trang"),
            },
            en: match (field.as_str(), on_this_computer(value)) {
                ("body", true) => format!("the link `{value}` in the body leads to a file on this computer: residents cannot open it"),
                ("body", false) => format!("the link `{value}` in the body is not allowed: use https:, http:, tel:, mailto: or a path on this site"),
                _ => format!("the link `{value}` in `{field}` is not allowed: use https:, http:, tel:, mailto: or a path on this site"),
            },
            hint_vi: match on_this_computer(value) {
                true => "chép tệp (ảnh, mẫu đơn) vào thư mục content/files/ của trang, rồi viết liên kết tới nó: «(files/ten-tep.jpg)»".into(),
                false => COPY_ADDRESS.vi.to_string(),
            },
            hint_en: match on_this_computer(value) {
                true => "copy the file (a picture, a form) into the site's content/files/ folder, then link to it: `(files/file-name.jpg)`".into(),
                false => COPY_ADDRESS.en.to_string(),
            },
        }

        NotHttps { field: String, value: String } = "E025" {
            sample { field: "x".into(), value: "x".into() }
            vi: format!("«{field}» phải là địa chỉ bắt đầu bằng https:// (đang là «{value}»)"),
            en: format!("`{field}` must be an address starting with https:// (it is `{value}`)"),
            hint_vi: COPY_ADDRESS.vi,
            hint_en: COPY_ADDRESS.en,
        }

        BadBaseUrl { value: String } = "E026" {
            sample { value: "x".into() }
            vi: format!("«base_url» phải là địa chỉ đầy đủ như https://xa.example.vn (đang là «{value}»)"),
            en: format!("`base_url` must be a full address such as https://commune.example.vn (it is `{value}`)"),
            hint_vi: base_url_hint(value, Lang::Vi),
            hint_en: base_url_hint(value, Lang::En),
        }

        TranslationIdDiffers { id: String, original: String } = "E027" {
            sample { id: "x".into(), original: "x".into() }
            vi: format!("bản dịch mang mã «{id}», nhưng bản gốc mang mã «{original}»"),
            en: format!("the translation has the id `{id}`, but its original has `{original}`"),
            hint_vi: format!("xoá dòng id của bản dịch, hoặc ghi id: {original}"),
            hint_en: format!("remove the translation's id line, or write id: {original}"),
        }

        BadPortalId { value: String } = "E028" {
            sample { value: "x".into() }
            vi: format!("«{value}» không phải mã bản ghi trên Cổng Dịch vụ công (dạng 019d2bf7-770b-734d-b7fb-5e1995f194f4)"),
            en: format!("`{value}` is not a portal record id (like 019d2bf7-770b-734d-b7fb-5e1995f194f4)"),
            hint_vi: "chép phần cuối địa chỉ trang thủ tục trên dichvucong.gov.vn",
            hint_en: "copy the last part of the procedure's address on dichvucong.gov.vn",
        }

        /// A plain value with ` #` in it: YAML reads the rest as a comment
        /// and leaves `cut` out (`summary: tổ #3, thôn 1`).
        CutAtHash { cut: String } = "W086" {
            sample { cut: "3, thôn 1".into() }
            vi: format!("phần «#{cut}» bị bỏ đi: trong phần thông tin, dấu # sau một khoảng trắng bắt đầu một ghi chú"),
            en: format!("«#{cut}» is left out: in the front matter, a # after a space starts a comment"),
            hint_vi: "đặt cả giá trị trong ngoặc kép, ví dụ: summary: \"Tổ #3, thôn 1\", hoặc viết «số 3» thay cho «#3»",
            hint_en: "put the whole value in double quotes, for example: summary: \"Group #3, hamlet 1\", or write «no. 3» instead of «#3»",
        }

        /// A link in a body typed with a space between its text and its
        /// address (`[Cổng Dịch vụ công] (https://…)`): no link, the page
        /// shows the brackets as typed.
        LinkGap { value: String } = "W135" {
            sample { value: "https://dichvucong.gov.vn".into() }
            vi: format!("liên kết tới «{value}» không thành liên kết vì có dấu cách giữa «]» và «(»: trang hiện nguyên dấu ngoặc như đã gõ, người dân không bấm được"),
            en: format!("the link to `{value}` is not a link because there is a space between `]` and `(`: the page shows the brackets as typed, and residents cannot tap it"),
            hint_vi: format!("xoá dấu cách cho «]» và «(» liền nhau: [chữ]({value})"),
            hint_en: format!("remove the space so that `]` and `(` touch: [text]({value})"),
        }

        /// A link in a body whose address has a space (`[mẫu đơn](files/mau
        /// don.pdf)`): Markdown does not take it as a link, and the page
        /// shows the brackets as typed.
        LinkWithSpaces { value: String } = "W087" {
            sample { value: "files/mau don.pdf".into() }
            sample { value: "tel:0235 3000 000".into() }
            sample { value: "https://x.vn/mau don.pdf".into() }
            sample { value: "C:\\Users\\Admin\\Desktop\\mau CT01.docx".into() }
            vi: format!("liên kết tới «{value}» không thành liên kết vì địa chỉ có dấu cách: trang sẽ hiện nguyên dấu ngoặc như đã gõ"),
            en: format!("the link to `{value}` is not a link because its address has a space: the page shows the brackets as typed"),
            hint_vi: match value.split_once(':').map(|(s, _)| s.to_ascii_lowercase()).as_deref() {
                // a file on the clerk's computer (`C:\Users\…\mau CT01.docx`):
                // no renaming makes it reachable from a resident's phone
                _ if on_this_computer(value) => "tệp này nằm trên máy tính của bạn, người dân không mở được: chép nó vào thư mục content/files/ của trang (đặt tên không dấu cách, ví dụ mau-ct01.docx), rồi viết liên kết «(files/mau-ct01.docx)»".into(),
                Some("tel") => format!("viết số điện thoại liền nhau, không có dấu cách: ({})", value.split_whitespace().collect::<String>()),
                Some(s) if value.contains("://") || s == "mailto" => format!("thay mỗi dấu cách bằng %20: ({})", value.replace(' ', "%20")),
                _ => format!("đổi tên tệp cho không còn dấu cách (ví dụ «{}») và sửa liên kết theo, hoặc đặt địa chỉ trong ngoặc nhọn: (<{value}>)", value.split_whitespace().collect::<Vec<_>>().join("-")),
            },
            hint_en: match value.split_once(':').map(|(s, _)| s.to_ascii_lowercase()).as_deref() {
                _ if on_this_computer(value) => "this file is on your computer, which residents cannot reach: copy it into the site's content/files/ folder (named without spaces, e.g. mau-ct01.docx), then link to `(files/mau-ct01.docx)`".into(),
                Some("tel") => format!("write the phone number without spaces: ({})", value.split_whitespace().collect::<String>()),
                Some(s) if value.contains("://") || s == "mailto" => format!("write each space as %20: ({})", value.replace(' ', "%20")),
                _ => format!("rename the file so it has no space (for example `{}`) and change the link to match, or put the address in angle brackets: (<{value}>)", value.split_whitespace().collect::<Vec<_>>().join("-")),
            },
        }

        /// `print.copies` asks for no copy of anything: the order sheet
        /// would be an empty table.
        NothingToOrder = "W088" {
            vi: "print.copies đặt mọi số bản bằng 0: phiếu đặt in sẽ không có gì để in",
            en: "print.copies sets every number of copies to 0: the order sheet would ask for nothing",
            hint_vi: "ghi số bản cần in, ví dụ «copies: 2», hoặc xoá dòng copies để lấy số mặc định (2 áp phích mỗi thủ tục, 1 bảng mã, 20 tờ rơi A6)",
            hint_en: "write how many to print, e.g. `copies: 2`, or remove the copies line for the defaults (2 posters a procedure, 1 board sheet, 20 A6 flyers)",
        }

        /// `print.copies.<field>` asks for `asked` flyers, which is not a
        /// whole number of sheets of `per_sheet`: the order sheet asks for
        /// `made`.
        FlyersRoundedUp { field: String, asked: u32, made: u32, per_sheet: u32 } = "W104" {
            sample { field: "flyers_a6".into(), asked: 7, made: 8, per_sheet: 4 }
            vi: format!("«{field}: {asked}»: mỗi tờ A4 in ra {per_sheet} tờ rơi, nên phiếu đặt in sẽ ghi {made} tờ rơi ({} tờ A4) cho mỗi thủ tục", made / per_sheet),
            en: format!("`{field}: {asked}`: one A4 sheet makes {per_sheet} flyers, so the order sheet asks for {made} flyers ({} A4 sheets) a procedure", made / per_sheet),
            hint_vi: match made - per_sheet {
                0 => format!("ghi {made} cho khớp với số tờ A4 sẽ in"),
                fewer => format!("ghi {made} (hoặc {fewer}) cho khớp với số tờ A4 sẽ in"),
            },
            hint_en: match made - per_sheet {
                0 => format!("write {made} to match the A4 sheets printed"),
                fewer => format!("write {made} (or {fewer}) to match the A4 sheets printed"),
            },
        }

        /// A guide of `kb` KB, more than `max`: its page takes minutes to
        /// open on a phone over weak 3G.
        PageTooLong { kb: usize, max: usize } = "W089" {
            sample { kb: 900, max: 300 }
            vi: format!("tệp hướng dẫn dài {kb} KB (quá {max} KB): điện thoại dùng 3G yếu phải chờ nhiều phút mới mở được trang"),
            en: format!("the guide is {kb} KB long (more than {max} KB): a phone on weak 3G waits minutes to open its page"),
            hint_vi: "chỉ giữ những gì người dân cần để làm thủ tục; văn bản luật dài thì đặt tệp PDF trong content/files/ và dẫn liên kết tới",
            hint_en: "keep only what a resident needs to do the procedure; put a long legal text as a PDF in content/files/ and link to it",
        }

        /// `base_url` is a page of a social network, of the national portal
        /// or of a link service (`host`), where the site cannot be.
        BaseUrlElsewhere { host: String } = "W098" {
            sample { host: "www.facebook.com".into() }
            vi: format!("base_url là một trang trên {host}, không phải địa chỉ trang web của xã: mã QR in ra sẽ đưa người dân tới đó, và trang không đặt được ở đó"),
            en: format!("base_url is a page on {host}, not the address of the commune's site: printed QR codes would send residents there, and the site cannot be put there"),
            hint_vi: "ghi địa chỉ nơi trang được đặt (tên miền của xã hay của tỉnh, ví dụ https://hoabinh.thanhhoa.gov.vn); trang Zalo của xã thì ghi vào «contact: zalo:»",
            hint_en: "write the address the site is put at (the commune's or the province's domain, e.g. https://hoabinh.thanhhoa.gov.vn); put the commune's Zalo page in `contact: zalo:`",
        }

        /// `base_url` is a machine of a local network (`192.168.…`,
        /// `localhost`, `.local`): printed codes open nothing elsewhere.
        BaseUrlLocal { host: String } = "W115" {
            sample { host: "192.168.1.10".into() }
            vi: format!("base_url là một máy trong mạng nội bộ ({host}): mã QR in ra chỉ mở được trong mạng này, không mở được trên điện thoại người dân ở nhà"),
            en: format!("base_url is a machine of a local network ({host}): printed QR codes only open inside that network, not on residents' phones at home"),
            hint_vi: "ghi địa chỉ công khai nơi trang được đặt (ví dụ https://hoabinh.thanhhoa.gov.vn) trước khi in áp phích; để xem thử trên điện thoại trong văn phòng thì dùng «camnang serve --lan», không cần sửa base_url",
            hint_en: "write the public address the site is put at (e.g. https://hoabinh.thanhhoa.gov.vn) before printing posters; to try it on a phone in the office, use `camnang serve --lan`, which needs no change to base_url",
        }

        /// `contact.zalo` is neither a phone number nor an address on
        /// zalo.me: the pages cannot link it, and leave it out.
        ZaloNotALink { value: String } = "W090" {
            sample { value: "Zalo OA UBND xã".into() }
            vi: format!("«{value}» không phải số điện thoại Zalo hay địa chỉ zalo.me: người dân không bấm vào được, nên trang không ghi dòng Zalo"),
            en: format!("«{value}» is neither a Zalo phone number nor a zalo.me address: residents could not tap it, so the pages leave the Zalo line out"),
            hint_vi: "ghi số điện thoại dùng Zalo, ví dụ «zalo: \"0905 000 000\"», hoặc địa chỉ của trang Zalo, ví dụ «zalo: https://zalo.me/g/abcxyz»",
            hint_en: "write the phone number used on Zalo, e.g. `zalo: \"0905 000 000\"`, or the address of the Zalo page, e.g. `zalo: https://zalo.me/g/abcxyz`",
        }

        /// `contact.phone` or `contact.zalo` holds two numbers: a link can
        /// call only one (their digits run together made a wrong number).
        TwoNumbers { field: String, first: String } = "W091" {
            sample { field: "phone".into(), first: "0235 3000 000".into() }
            vi: format!("«{field}» ghi hơn một số: khi bấm vào, điện thoại chỉ gọi được số đầu «{first}»"),
            en: format!("`{field}` holds more than one number: a tap calls only the first, «{first}»"),
            hint_vi: "ghi một số ở đây; số khác thì ghi vào «hours» hay «team», ví dụ «team: Tổ công nghệ số, 0905 000 000»",
            hint_en: "write one number here; put another in `hours` or `team`, e.g. `team: Tổ công nghệ số, 0905 000 000`",
        }

        // ── The site folder: site.yaml, content/, theme ─────────────────

        /// The site folder given (`--root`) is not there at all.
        RootMissing { root: String } = "E146" {
            sample { root: "/home/xa/cam-nang".into() }
            vi: format!("không có thư mục «{root}»"),
            en: format!("there is no folder `{root}`"),
            hint_vi: "kiểm tra đường dẫn sau --root (chạy lệnh ngay trong thư mục trang thì không cần --root)",
            hint_en: "check the path after --root (run the command in the site folder itself and no --root is needed)",
        }

        /// No `site.yaml`; `near` is a file that looks like one saved
        /// under another name (`site.yml`, Notepad's `site.yaml.txt`).
        SiteYamlMissing { near: Option<String> } = "E030" {
            sample { near: None }
            sample { near: Some("site.yaml.txt".into()) }
            vi: "không tìm thấy tệp site.yaml trong thư mục trang",
            en: "there is no site.yaml in the site folder",
            hint_vi: match near {
                Some(n) => format!("có tệp «{n}»: đổi tên thành «site.yaml» (Windows có thể đang ẩn phần đuôi của tên tệp)"),
                None => RUN_IN_SITE.vi.to_string(),
            },
            hint_en: match near {
                Some(n) => format!("there is `{n}`: rename it to `site.yaml` (Windows may be hiding the end of file names)"),
                None => RUN_IN_SITE.en.to_string(),
            },
        }

        ContentMissing = "E031" {
            vi: "không tìm thấy thư mục content/ bên cạnh site.yaml",
            en: "there is no content/ folder next to site.yaml",
            hint_vi: RUN_IN_SITE.vi,
            hint_en: RUN_IN_SITE.en,
        }

        /// No `content/` beside `site.yaml`, and one folder there that
        /// holds guides under another name (renamed in a file manager).
        ContentRenamed { name: String } = "E156" {
            sample { name: "Nội dung".into() }
            vi: format!("không tìm thấy thư mục content/ bên cạnh site.yaml, mà có thư mục «{name}» chứa các trang hướng dẫn"),
            en: format!("there is no content/ folder next to site.yaml, but the folder `{name}` holds guides"),
            hint_vi: format!("đổi tên thư mục «{name}» thành «content» (đúng chữ thường, không dấu): camnang chỉ đọc thư mục tên như vậy"),
            hint_en: format!("rename the folder `{name}` to `content` (exactly so, in small letters): camnang reads only a folder of that name"),
        }

        UnknownLanguage { value: String } = "E032" {
            sample { value: "x".into() }
            vi: format!("chưa hỗ trợ ngôn ngữ «{value}»"),
            en: format!("the language `{value}` is not supported"),
            hint_vi: "dùng vi hoặc en",
            hint_en: "use vi or en",
        }

        /// `theme:` names a folder `themes/` does not have; `have` are the
        /// folders it has.
        ThemeMissing { name: String, have: Vec<String> } = "E033" {
            sample { name: "xa".into(), have: vec!["hoa-binh".into()] }
            sample { name: "xa".into(), have: Vec::new() }
            vi: format!("không tìm thấy giao diện themes/{name}/"),
            en: format!("the theme folder themes/{name}/ does not exist"),
            hint_vi: match have.is_empty() {
                false => format!("thư mục themes/ có: {}; sửa dòng theme: cho đúng tên thư mục", have.join(", ")),
                true => "tạo thư mục đó (chỉ cần các tệp muốn thay), hoặc xoá dòng theme: để dùng giao diện có sẵn".into(),
            },
            hint_en: match have.is_empty() {
                false => format!("themes/ has: {}; write the folder's name on the theme: line", have.join(", ")),
                true => "make that folder (with only the files to change), or remove the theme: line to use the built-in theme".into(),
            },
        }

        /// A file right in `content/`, outside every category folder.
        LooseFile = "W035" {
            vi: "tệp nằm ngay trong content/, không thuộc lĩnh vực nào, nên không được đọc và không lên trang",
            en: "the file is right in content/, in no category, so it is not read and is not on the site",
            hint_vi: "chuyển tệp thủ tục vào thư mục của một lĩnh vực, ví dụ content/cu-tru/; mẫu tờ khai và ảnh để trong content/files/",
            hint_en: "move a procedure file into a category folder such as content/cu-tru/; put forms and images in content/files/",
        }

        /// `qr-lock.yaml`, `site.yaml` or `site.en.yaml` in `content/`:
        /// read only in the site's folder.
        SiteFileMoved { name: String } = "W138" {
            sample { name: "site.yaml".into() }
            vi: format!("tệp «{name}» nằm trong content/ nên không được đọc: camnang chỉ đọc nó ở thư mục của trang, bên cạnh thư mục content/"),
            en: format!("`{name}` is inside content/, so it is not read: camnang reads it only in the site's folder, next to the content/ folder"),
            hint_vi: format!("nếu đây là bản cần dùng, chuyển «{name}» ra thư mục của trang, bên cạnh thư mục content/; nếu không, xoá bản này"),
            hint_en: format!("if this is the copy to use, move `{name}` to the site's folder, next to the content/ folder; if not, delete this copy"),
        }

        /// `content/_index.md`: the home page's text as Hugo sites write
        /// it; camnang's home takes its words from `site.yaml`.
        HomeIndexUnread = "W107" {
            vi: "trang chủ không lấy chữ từ content/_index.md: tệp này không được đọc và không lên trang",
            en: "the home page takes no text from content/_index.md: this file is not read and is not on the site",
            hint_vi: "tiêu đề và lời nhắn của trang chủ ghi trong site.yaml («title:», «notice:»); đừng chuyển tệp này vào thư mục lĩnh vực (nó sẽ thay tệp _index.md ghi tên lĩnh vực ở đó)",
            hint_en: "the home page's title and notice are written in site.yaml (`title:`, `notice:`); do not move this file into a category folder (it would replace the _index.md that names the category there)",
        }

        /// A file or folder whose name has no letter or digit (`-.md`,
        /// `….md`): no page address can be made from it.
        NameWithoutLetters = "W039" {
            vi: "tên này không có chữ cái hay chữ số nào để làm địa chỉ trang, nên camnang không đọc nó và nó không lên trang",
            en: "this name has no letter or digit to make a page address from, so camnang does not read it and it is not on the site",
            hint_vi: "đổi tên theo nội dung, ví dụ «dang-ky-tam-tru.md» (hoặc «cu-tru» cho một thư mục)",
            hint_en: "rename it after what it holds, for example `dang-ky-tam-tru.md` (or `cu-tru` for a folder)",
        }

        /// A language of the site whose interface strings the theme lacks
        /// (`dang-ky.old.md`, a backup copy, made the language `old`).
        LanguageWithoutWords { code: String, files: usize } = "W040" {
            sample { code: "old".into(), files: 1 }
            vi: format!("tên tệp này tạo ra ngôn ngữ «{code}» ({files} thủ tục ở /{code}/), nhưng camnang chưa có chữ giao diện cho ngôn ngữ này: các trang đó sẽ hiện nút và tiêu đề bằng tiếng Việt"),
            en: format!("this file name makes a language `{code}` ({files} procedure(s) under /{code}/), but camnang has no interface words for it: those pages show the buttons and headings in the site's language"),
            hint_vi: match code.as_str() {
                "vn" => "«vn» là mã của nước Việt Nam, không phải của tiếng Việt («vi»); bản tiếng Việt là tệp không có đuôi ngôn ngữ: gộp nội dung vào tệp «….md» rồi xoá tệp «….vn.md»".into(),
                _ => format!("nếu đây là bản sao lưu (ví dụ «….{code}.md»), chuyển tệp ra khỏi content/; nếu đúng là một ngôn ngữ, thêm tệp themes/default/i18n/{code}.yaml (dịch từ tệp vi.yaml)"),
            },
            hint_en: match code.as_str() {
                "vn" => "`vn` is the code of the country Viet Nam, not of Vietnamese (`vi`); the Vietnamese text is the file with no language ending: merge it into `….md` and delete `….vn.md`".into(),
                _ => format!("if it is a backup copy (such as `….{code}.md`), move it out of content/; if it is a language, add themes/default/i18n/{code}.yaml (translated from vi.yaml)"),
            },
        }

        /// A guide named like a translation in capitals or with a region
        /// (`dang-ky.EN.md`, `dang-ky.en-US.md`): not read; `rename` is the
        /// name camnang reads as a translation.
        OddLanguageName { rename: String } = "W041" {
            sample { rename: "dang-ky.en.md".into() }
            vi: "tên tệp giống một bản dịch nhưng mã ngôn ngữ viết hoa hay có thêm vùng, nên camnang không đọc tệp này",
            en: "the file name looks like a translation, but its language code is in capitals or has a region, so camnang does not read this file",
            hint_vi: format!("đổi tên tệp thành «{rename}» (mã ngôn ngữ chữ thường, hai hay ba chữ)"),
            hint_en: format!("rename the file to `{rename}` (a lower-case language code of two or three letters)"),
        }

        /// A translation saved under a name of its own beside its
        /// original (`dang-ky (English).md`): not read, with the name it
        /// should have.
        TranslationMisnamed { rename: String, taken: bool } = "W122" {
            sample { rename: "dang-ky.en.md".into(), taken: false }
            sample { rename: "dang-ky.en.md".into(), taken: true }
            vi: "tên tệp giống một bản dịch của thủ tục bên cạnh, nhưng camnang chỉ đọc bản dịch có tên «tên-gốc.mã-ngôn-ngữ.md», nên tệp này không lên trang",
            en: "the file name looks like a translation of the guide beside it, but camnang reads a translation only as `original-name.language-code.md`, so this file is not on the site",
            hint_vi: match taken {
                false => format!("đổi tên tệp thành «{rename}» (đừng thêm «id:»: tệp sẽ thành một thủ tục thứ hai bằng tiếng Việt)"),
                true => format!("đã có bản dịch «{rename}»: so hai tệp, giữ một, rồi chuyển tệp kia ra ngoài thư mục content/ (đổi tên sẽ ghi đè bản dịch đang có)"),
            },
            hint_en: match taken {
                false => format!("rename the file to `{rename}` (do not add an `id:`: the file would become a second procedure in Vietnamese)"),
                true => format!("a translation `{rename}` is there already: compare the two files, keep one, and move the other out of content/ (renaming would replace the one there)"),
            },
        }

        /// A category's title file named `index.md`, `Index.md` or
        /// `_INDEX.md`: not read; the name it must have.
        IndexMisnamed { rename: String } = "W116" {
            sample { rename: "_index.md".into() }
            vi: "camnang không đọc tệp này: tên và lời giới thiệu của lĩnh vực nằm trong tệp tên _index.md (có dấu gạch dưới ở đầu, chữ thường)",
            en: "camnang does not read this file: a category's title and introduction go in a file named _index.md (an underscore first, small letters)",
            hint_vi: format!("đổi tên tệp thành «{rename}»"),
            hint_en: format!("rename the file to `{rename}`"),
        }

        /// The folder of forms and images in other capitals
        /// (`content/Files/`): nothing in it is on the site.
        FilesFolderName { rename: String } = "W043" {
            sample { rename: "content/files/".into() }
            vi: format!("thư mục này giống thư mục mẫu tờ khai và ảnh {rename}, nhưng tên viết hoa khác nên camnang không đọc: các tệp trong đó không lên trang"),
            en: format!("this folder looks like the forms and images folder {rename}, but its name has other capitals, so camnang does not read it: nothing in it is on the site"),
            hint_vi: format!("đổi tên thư mục thành {rename} (chữ thường)"),
            hint_en: format!("rename the folder to {rename} (lower case)"),
        }

        /// A line of the theme's `i18n/<code>.yaml` whose name is no
        /// interface word: it changes nothing on the site.
        UnknownWord { key: String, suggestion: Option<String> } = "W042" {
            sample { key: "breadcrum".into(), suggestion: Some("breadcrumb".into()) }
            sample { key: "x".into(), suggestion: None }
            vi: format!("giao diện không có dòng chữ nào tên «{key}»: dòng này không đổi gì trên trang"),
            en: format!("the theme has no interface word called `{key}`: this line changes nothing on the site"),
            hint_vi: match suggestion {
                Some(s) => format!("có phải bạn muốn viết «{s}»?"),
                None => "xem các tên dòng trong tệp i18n/vi.yaml gốc (README, phần giao diện)".into(),
            },
            hint_en: match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "see the names of the lines in the built-in i18n/vi.yaml (README, themes)".into(),
            },
        }

        /// A folder inside a category folder: nothing in it is read.
        NestedFolder = "W036" {
            vi: "camnang không đọc thư mục nằm trong một lĩnh vực: các tệp trong thư mục này không lên trang",
            en: "camnang does not read folders inside a category: the files in this folder are not on the site",
            hint_vi: "chuyển các tệp thủ tục (.md) ra thẳng thư mục lĩnh vực; mẫu tờ khai và ảnh để trong content/files/",
            hint_en: "move the procedure files (.md) up into the category folder; put forms and images in content/files/",
        }

        /// A file of a category folder that is not a `.md` file; `rename`
        /// is the name it would have as a guide, if it looks like one.
        /// `backup`: a copy kept for safety (`dang-ky.md.bak`, `.old`).
        NotMarkdown { rename: Option<String>, backup: bool } = "W037" {
            sample { rename: Some("x.md".into()), backup: false }
            sample { rename: None, backup: false }
            sample { rename: None, backup: true }
            vi: "tên tệp không kết thúc bằng .md nên camnang không đọc tệp này và nó không lên trang",
            en: "the file name does not end in .md, so camnang does not read it and it is not on the site",
            hint_vi: match (rename, backup) {
                (_, true) => "đây là một bản sao lưu: để nó ở ngoài thư mục content/ (đừng chuyển vào content/files/: mọi tệp trong đó đều lên mạng)".into(),
                (Some(r), _) => format!("nếu đây là một thủ tục, đổi tên tệp thành «{r}» (Windows có thể đang ẩn phần đuôi của tên tệp)"),
                (None, _) => "mẫu tờ khai và ảnh để trong content/files/, rồi dẫn link tới /files/…".into(),
            },
            hint_en: match (rename, backup) {
                (_, true) => "this is a backup copy: keep it outside content/ (not in content/files/: every file there is published)".into(),
                (Some(r), _) => format!("if it is a procedure, rename the file to `{r}` (Windows may be hiding the end of file names)"),
                (None, _) => "put forms and images in content/files/ and link to /files/…".into(),
            },
        }

        /// A translation file into the site's own language (`dang-ky.vi.md`
        /// on a Vietnamese site), which is never read; `original` is the
        /// file the page comes from, and whether it `exists`.
        OwnLanguageFile { code: String, original: PathBuf, exists: bool } = "W038" {
            sample { code: "vi".into(), original: "a.md".into(), exists: true }
            sample { code: "vi".into(), original: "a.md".into(), exists: false }
            vi: match exists {
                true => format!("«{code}» là ngôn ngữ chính của trang nên camnang không đọc tệp này: trang lấy nội dung từ {}", original.display()),
                false => format!("«{code}» là ngôn ngữ chính của trang nên camnang không đọc tệp này, và chưa có {}: nội dung này không lên trang", original.display()),
            },
            en: match exists {
                true => format!("`{code}` is the site's own language, so camnang does not read this file: the page comes from {}", original.display()),
                false => format!("`{code}` is the site's own language, so camnang does not read this file, and there is no {}: this is not on the site", original.display()),
            },
            hint_vi: match exists {
                true => format!("sửa nội dung trong {} rồi xoá tệp này", original.display()),
                false => format!("đổi tên tệp thành {} (bỏ «.{code}»)", original.display()),
            },
            hint_en: match exists {
                true => format!("make your changes in {}, then delete this file", original.display()),
                false => format!("rename the file to {} (drop `.{code}`)", original.display()),
            },
        }

        TemplateFailed { template: String, detail: String } = "E034" {
            sample { template: "x".into(), detail: "x".into() }
            vi: format!("mẫu giao diện «{template}» bị lỗi: {detail}"),
            en: format!("the theme template `{template}` failed: {detail}"),
        }

        /// The theme's `template` makes empty pages: a template of the
        /// site's theme folder emptied by mistake (`base.html`: every page).
        EmptyPage { template: String } = "E037" {
            sample { template: "templates/base.html".into() }
            vi: format!("mẫu giao diện «{template}» làm ra trang trống trơn: người dân sẽ thấy trang trắng"),
            en: format!("the theme template `{template}` makes empty pages: residents would see blank pages"),
            hint_vi: "tệp này trong thư mục giao diện của trang có lẽ đã bị xoá hết nội dung: chép lại nội dung, hoặc xoá tệp để dùng mẫu có sẵn",
            hint_en: "this file of the site's theme folder was likely emptied by mistake: put its content back, or delete it to use the built-in one",
        }

        /// A block `template` fills that the template it extends (`parent`)
        /// has no place for: Tera leaves it out without a word (a
        /// `base.html` whose `{% block main %}` was deleted: every page
        /// showed the header and the footer, nothing of the guide).
        BlockWithoutPlace { block: String, templates: Vec<String>, parent: String } = "E143" {
            sample { block: "main".into(), templates: vec!["templates/category.html".into(), "templates/procedure.html".into()], parent: "templates/base.html".into() }
            vi: format!("mẫu giao diện «{parent}» không có chỗ cho khối «{block}» mà {} điền vào: phần đó của trang sẽ không hiện ra", quoted(templates, "«", "»")),
            en: format!("the theme template `{parent}` has no place for the block `{block}` that {} fill(s): that part of the pages would not show", quoted(templates, "`", "`")),
            hint_vi: format!("thêm lại {{% block {block} %}}{{% endblock {block} %}} vào «{parent}», ở chỗ phần đó hiện ra, hoặc xoá tệp để dùng mẫu có sẵn"),
            hint_en: format!("put {{% block {block} %}}{{% endblock {block} %}} back into `{parent}`, where that part shows, or delete the file to use the built-in one"),
        }

        /// [`Msg::BlockWithoutPlace`] for a block other than `main`: the
        /// pages are made without that part.
        BlockLeftOut { block: String, templates: Vec<String>, parent: String } = "W112" {
            sample { block: "sidebar".into(), templates: vec!["templates/procedure.html".into()], parent: "templates/base.html".into() }
            vi: format!("mẫu giao diện «{parent}» không có chỗ cho khối «{block}» mà {} điền vào: phần đó không hiện trên trang", quoted(templates, "«", "»")),
            en: format!("the theme template `{parent}` has no place for the block `{block}` that {} fill(s): that part does not show on the pages", quoted(templates, "`", "`")),
            hint_vi: format!("thêm {{% block {block} %}}{{% endblock {block} %}} vào «{parent}» ở chỗ phần đó hiện ra (mẫu có sẵn của camnang có các khối nó cần), hoặc bỏ khối này khỏi mẫu kia"),
            hint_en: format!("add {{% block {block} %}}{{% endblock {block} %}} to `{parent}` where that part shows (camnang's built-in template has the blocks it needs), or take the block out of the other template"),
        }

        /// The theme template `template` cannot be read by Tera at the
        /// place told; `expected` is Tera's own list of what may come
        /// there (English).
        TemplateSyntax { template: String, expected: String } = "E057" {
            sample { template: "templates/x.html".into(), expected: "expected tag or some content".into() }
            vi: format!("mẫu giao diện «{template}» viết sai ở đây (Tera: {expected})"),
            en: format!("the theme template `{template}` is not written right here (Tera: {expected})"),
            hint_vi: "thường do một thẻ {{ }} hay {% %} chưa đóng, hoặc một {% if %}, {% for %}, {% block %} ở phía trên thiếu thẻ kết thúc {% endif %}, {% endfor %}, {% endblock %}",
            hint_en: "most often a {{ }} or {% %} tag that is not closed, or an {% if %}, {% for %} or {% block %} above without its {% endif %}, {% endfor %} or {% endblock %}",
        }

        /// The template `template` looks up `name`, which pages do not
        /// have; `near` is the name meant, from the built-in templates.
        TemplateUnknownName { template: String, name: String, near: Option<String> } = "E058" {
            sample { template: "templates/x.html".into(), name: "site.contact.phonee".into(), near: Some("site.contact.phone".into()) }
            sample { template: "templates/x.html".into(), name: "x".into(), near: None }
            sample { template: "templates/x.html".into(), name: "p.title".into(), near: Some("p.title".into()) }
            vi: format!("mẫu giao diện «{template}» dùng «{name}», nhưng trang không có giá trị nào tên như vậy"),
            en: format!("the theme template `{template}` uses `{name}`, which no page has"),
            hint_vi: match near {
                // (a name some pages have, in a template every page uses)
                Some(n) if n == name => format!("«{name}» chỉ có ở một số trang (p.… chỉ ở trang thủ tục): đặt trong {{% if {name} %}} … {{% endif %}}"),
                Some(n) => format!("có phải bạn muốn viết «{n}»?"),
                None => "xem những tên các mẫu có sẵn của camnang dùng (themes/default/templates trong mã nguồn camnang)".into(),
            },
            hint_en: match near {
                Some(n) if n == name => format!("`{name}` is on some pages only (p.… on procedure pages): put it in {{% if {name} %}} … {{% endif %}}"),
                Some(n) => format!("did you mean `{n}`?"),
                None => "see the names camnang's own templates use (themes/default/templates in camnang's source)".into(),
            },
        }

        /// The template `template` uses a filter Tera does not have.
        TemplateUnknownFilter { template: String, filter: String, near: Option<String> } = "E059" {
            sample { template: "templates/x.html".into(), filter: "uper".into(), near: Some("upper".into()) }
            sample { template: "templates/x.html".into(), filter: "x".into(), near: None }
            vi: format!("mẫu giao diện «{template}» dùng bộ lọc «{filter}», Tera không có bộ lọc này"),
            en: format!("the theme template `{template}` uses the filter `{filter}`, which Tera does not have"),
            hint_vi: match near {
                Some(n) => format!("có phải bạn muốn viết «{n}»?"),
                None => "các bộ lọc hay dùng: upper, lower, safe, join, length, default, replace, trim, truncate".into(),
            },
            hint_en: match near {
                Some(n) => format!("did you mean `{n}`?"),
                None => "filters often used: upper, lower, safe, join, length, default, replace, trim, truncate".into(),
            },
        }

        /// The template `template` includes or extends `name`, which the
        /// theme does not have.
        TemplateMissing { template: String, name: String } = "E068" {
            sample { template: "templates/x.html".into(), name: "partials/y.html".into() }
            vi: format!("mẫu giao diện «{template}» gọi mẫu «{name}», nhưng không có tệp templates/{name}"),
            en: format!("the theme template `{template}` uses the template `{name}`, and there is no templates/{name}"),
            hint_vi: "kiểm tra tên tệp, hoặc tạo tệp đó trong thư mục templates của giao diện",
            hint_en: "check the file name, or make that file in the theme's templates folder",
        }

        // ── The output folder and writing the site ──────────────────────

        OutputIsSource = "E040" {
            vi: "thư mục xuất không được là thư mục trang, content/ hay themes/",
            en: "the output folder must not be the site folder, content/ or themes/",
            hint_vi: OTHER_OUTPUT.vi,
            hint_en: OTHER_OUTPUT.en,
        }

        OutputHoldsSource = "E041" {
            vi: "thư mục xuất không được chứa thư mục trang",
            en: "the output folder must not contain the site folder",
            hint_vi: OTHER_OUTPUT.vi,
            hint_en: OTHER_OUTPUT.en,
        }

        /// The output folder is where a disk, a share or a container's
        /// folder is mounted: a build puts a new folder in its place, which
        /// cannot be done there.
        OutputIsMount = "E155" {
            vi: "thư mục xuất là chỗ gắn một ổ đĩa, thư mục dùng chung hay thư mục của container (mount): camnang đăng trang bằng cách đặt một thư mục mới vào chỗ thư mục cũ, việc không làm được ở đó",
            en: "the output folder is where a disk, a share or a container's folder is mounted: camnang publishes by putting a new folder in the old one's place, which cannot be done there",
            hint_vi: "cho camnang một thư mục bên trong nó, ví dụ --output /out/site, và để máy chủ web phục vụ thư mục đó",
            hint_en: "give camnang a folder inside it, e.g. --output /out/site, and have the web server serve that folder",
        }

        OutputInsideSource = "E042" {
            vi: "thư mục xuất không được nằm trong content/, themes/ hay .camnang-cache/",
            en: "the output folder must not be inside content/, themes/ or .camnang-cache/",
            hint_vi: OTHER_OUTPUT.vi,
            hint_en: OTHER_OUTPUT.en,
        }

        /// `--output` naming the user's home folder.
        OutputIsHome = "E151" {
            vi: "thư mục xuất không được là thư mục nhà (home) của bạn: camnang thay cả thư mục xuất bằng trang mới",
            en: "the output folder must not be your home folder: camnang replaces the whole output folder with the new site",
            hint_vi: OTHER_OUTPUT.vi,
            hint_en: OTHER_OUTPUT.en,
        }

        OutputNotFolder = "E043" {
            vi: "đường dẫn xuất đã có và không phải là thư mục",
            en: "the output path exists and is not a folder",
            hint_vi: OTHER_OUTPUT.vi,
            hint_en: OTHER_OUTPUT.en,
        }

        OutputForeign { examples: Vec<String> } = "E044" {
            sample { examples: vec!["x".into()] }
            vi: format!("thư mục xuất có tệp không do camnang tạo ra ({}); camnang không xoá tệp của người khác", examples.join(", ")),
            en: format!("the output folder holds files camnang did not make ({}); camnang never deletes other people's files", examples.join(", ")),
            hint_vi: "chọn một thư mục trống hoặc chưa có bằng --output",
            hint_en: "choose an empty or new folder with --output",
        }

        WriteFailed { detail: String } = "E045" {
            sample { detail: "x".into() }
            vi: format!("không ghi được trang web ({})", os_vi(detail)),
            en: format!("could not write the site ({detail})"),
            hint_vi: "xem ổ đĩa còn chỗ trống và thư mục xuất không bị đặt «chỉ đọc» hay khoá, hoặc chọn thư mục khác bằng --output",
            hint_en: "check the disk has free space and the output folder is not read-only or locked, or choose another folder with --output",
        }

        /// Two sources would be written to the same output `path`; `first`
        /// and `second` say which, already worded (for example
        /// "content/q/_index.md (thư mục lĩnh vực)").
        PathClaimedTwice { path: String, first: String, second: String } = "E046" {
            sample { path: "x".into(), first: "a".into(), second: "b".into() }
            vi: format!("hai nội dung sẽ được ghi vào cùng một chỗ «{path}» trên trang web: {first} và {second}"),
            en: format!("two things would be written to the same place `{path}` on the site: {first} and {second}"),
            hint_vi: format!("đổi tên thư mục hoặc tệp của {second}, hoặc đổi mã (id) của nó"),
            hint_en: format!("rename the folder or file of {second}, or change its id"),
        }

        /// A category folder in `source` is named `name`, a name camnang
        /// keeps for its own pages; `owner` says which, worded to follow
        /// "for" (for example "short links /q/").
        ReservedName { name: String, source: String, owner: String } = "E047" {
            sample { name: "x".into(), source: "a".into(), owner: "b".into() }
            vi: format!("không dùng được tên «{name}» trong {source}: camnang đã dành tên này cho {owner}"),
            en: format!("the name `{name}` in {source} cannot be used: camnang keeps it for {owner}"),
            hint_vi: format!("đổi tên thư mục «{name}» thành một tên khác"),
            hint_en: format!("rename the folder `{name}` to something else"),
        }

        /// The translation `source` is in the language `code`, whose pages
        /// would go into a folder camnang keeps for `owner` (`name.api.md`
        /// would put a whole language into `/api/`).
        ReservedLanguage { code: String, source: String, owner: String } = "E048" {
            sample { code: "x".into(), source: "a".into(), owner: "b".into() }
            vi: format!("tệp dịch {source} mang mã ngôn ngữ «{code}»: các trang của ngôn ngữ này sẽ nằm trong thư mục «{code}», nhưng camnang đã dành tên này cho {owner}"),
            en: format!("the translation {source} has the language code `{code}`: its pages would go into the folder `{code}`, and camnang keeps it for {owner}"),
            hint_vi: format!("đặt tên tệp theo mã ngôn ngữ thật của bản dịch, ví dụ «….en.md» cho tiếng Anh, hoặc bỏ «.{code}» nếu đây không phải bản dịch"),
            hint_en: format!("name the file after the real language code of the translation, e.g. `….en.md` for English, or drop `.{code}` if it is not a translation"),
        }

        /// The build cache could not be opened or written (`detail`); the
        /// build goes on without it.
        CacheUnusable { detail: String } = "W048" {
            sample { detail: "x".into() }
            vi: format!("không dùng được bộ nhớ đệm .camnang-cache ({detail}); lần này các tệp được tạo lại từ đầu"),
            en: format!("could not use the build cache .camnang-cache ({detail}); this build makes every file anew"),
            hint_vi: "xoá thư mục .camnang-cache nếu lỗi này lặp lại: lần tạo sau sẽ làm lại nó",
            hint_en: "delete the .camnang-cache folder if this happens again: the next build makes it anew",
        }

        /// `.camnang-cache/` holds files camnang did not put there (no
        /// `CACHEDIR.TAG` of camnang's): the build goes without it, and
        /// touches nothing in it.
        CacheNotOurs = "W139" {
            vi: "thư mục .camnang-cache có tệp không phải do camnang tạo (không có tệp CACHEDIR.TAG của camnang): camnang không dùng nó làm bộ nhớ đệm và không đụng đến tệp nào trong đó; lần này các tệp in được tạo lại từ đầu",
            en: "the .camnang-cache folder holds files camnang did not make (no CACHEDIR.TAG of camnang's): camnang does not use it as its build cache and touches nothing in it; this build makes every print file anew",
            hint_vi: "camnang dùng tên .camnang-cache cho bộ nhớ đệm của mình: chuyển các tệp của bạn sang thư mục khác; nếu trong đó không có gì của bạn, xoá cả thư mục .camnang-cache",
            hint_en: "camnang keeps its build cache under the name .camnang-cache: move your files to another folder; if nothing in it is yours, delete the whole .camnang-cache folder",
        }

        // ── qr-lock.yaml ────────────────────────────────────────────────

        /// `saved_as`: the guide is there under a name camnang does not
        /// read (the file, and the name to give it back).
        LockedIdGone { id: String, title: String, saved_as: Option<(String, String)> } = "E060" {
            sample { id: "x".into(), title: "x".into(), saved_as: None }
            sample { id: "x".into(), title: "x".into(), saved_as: Some(("content/a/x.md.txt".into(), "x.md".into())) }
            vi: format!("mã QR «{id}» ({title}) có thể đã in lên áp phích, nhưng không còn thủ tục nào mang mã này"),
            en: format!("the QR code `{id}` ({title}) may be printed on posters, but no procedure has this id any more"),
            hint_vi: match saved_as {
                Some((file, name)) => format!("tệp của thủ tục bị đổi tên nên không được đọc: đổi tên {file} lại thành «{name}»"),
                None => format!("giữ lại thủ tục mang id: {id}, hoặc trong qr-lock.yaml thêm dưới «{id}:» một dòng «  replaced_by: <mã thủ tục thay thế>» hay «  retired: true»"),
            },
            hint_en: match saved_as {
                Some((file, name)) => format!("the procedure's file was renamed, so it is not read: rename {file} back to `{name}`"),
                None => format!("keep a procedure with id: {id}, or in qr-lock.yaml add under `{id}:` a line `  replaced_by: <new id>` or `  retired: true`"),
            },
        }

        ReplacedByUnknown { id: String, target: String } = "E061" {
            sample { id: "x".into(), target: "x".into() }
            vi: format!("mã «{id}» được thay bằng «{target}», nhưng không có thủ tục nào mang mã «{target}»"),
            en: format!("`{id}` is replaced by `{target}`, but no procedure has the id `{target}`"),
            hint_vi: "ghi mã (id) của một thủ tục đang có",
            hint_en: "write the id of a procedure that exists",
        }

        LockOutdated { ids: Vec<String> } = "E062" {
            sample { ids: vec!["x".into()] }
            vi: format!("qr-lock.yaml chưa ghi các mã mới: {} (đang chạy với --locked)", ids.join(", ")),
            en: format!("qr-lock.yaml does not list the new ids: {} (running with --locked)", ids.join(", ")),
            hint_vi: "chạy camnang build không có --locked rồi lưu qr-lock.yaml",
            hint_en: "run camnang build without --locked and commit qr-lock.yaml",
        }

        /// `qr-lock.yaml` could not be written: the site is not published,
        /// so no short link goes out that the lock does not hold.
        LockNotWritten { detail: String } = "E063" {
            sample { detail: "Permission denied (os error 13)".into() }
            vi: format!("không ghi được tệp qr-lock.yaml ({}), nên trang web mới chưa được xuất bản", os_vi(detail)),
            en: format!("could not write qr-lock.yaml ({detail}), so the new site was not published"),
            hint_vi: "đóng chương trình đang mở qr-lock.yaml, bỏ thuộc tính «chỉ đọc» của tệp (hoặc của thư mục trang) rồi chạy lại",
            hint_en: "close any program that has qr-lock.yaml open, make the file (or the site folder) writable, and run again",
        }

        /// There is no `qr-lock.yaml`, but the site published in `output`
        /// has short links (`ids`) that this build would drop.
        LockMissing { output: String, ids: Vec<String> } = "E064" {
            sample { output: "public".into(), ids: vec!["ct03".into()] }
            vi: format!("không có tệp qr-lock.yaml, mà trang đã xuất bản ở {output} có mã QR mà lần tạo này sẽ bỏ: {}; các mã này có thể đã in lên áp phích", ids.join(", ")),
            en: format!("there is no qr-lock.yaml, yet the site published in {output} has QR codes this build would drop: {}; they may be printed on posters", ids.join(", ")),
            hint_vi: format!("đặt lại tệp qr-lock.yaml vào thư mục trang (từ bản sao lưu hay từ máy đã tạo trang lần trước); nếu chắc chắn các mã này chưa in ở đâu, xoá thư mục {output} rồi chạy lại"),
            hint_en: format!("put qr-lock.yaml back in the site folder (from a backup or the computer that built the site last); if you are sure these codes are printed nowhere, delete the folder {output} and run again"),
        }

        /// The site published in `output` has short links (`ids`) that
        /// neither a procedure nor `qr-lock.yaml` keeps: an id renamed or
        /// an entry removed in the lock by hand.
        PrintedCodesDropped { output: String, ids: Vec<String> } = "E066" {
            sample { output: "public".into(), ids: vec!["ct02".into()] }
            vi: format!("trang đã xuất bản ở {output} có mã QR mà tệp qr-lock.yaml này không có và lần tạo này sẽ bỏ: {}; các mã này có thể đã in lên áp phích", ids.join(", ")),
            en: format!("the site published in {output} has QR codes that this qr-lock.yaml does not have and this build would drop: {}; they may be printed on posters", ids.join(", ")),
            hint_vi: format!("lấy tệp qr-lock.yaml mới nhất (từ máy đã tạo trang lần trước, hay bản sao lưu); nếu đã đổi tên hay xoá mã trong qr-lock.yaml, đặt lại như cũ: một mã không dùng nữa vẫn ở đó, với «retired: true» hay «replaced_by: <mã mới>». Chỉ xoá thư mục {output} khi chắc chắn các mã này chưa in ở đâu"),
            hint_en: format!("get the newest qr-lock.yaml (from the computer that built the site last, or a backup); if you renamed or removed an id in qr-lock.yaml, put it back: a code no longer used stays there with `retired: true` or `replaced_by: <new id>`. Delete the folder {output} only if you are sure these codes are printed nowhere"),
        }

        /// No `qr-lock.yaml`, but `near` looks like it saved under another
        /// name (`QR-Lock.yaml`, Notepad's `qr-lock.yaml.txt`).
        LockMisnamed { near: String } = "E065" {
            sample { near: "qr-lock.yaml.txt".into() }
            vi: format!("không có tệp qr-lock.yaml, mà có tệp «{near}»: camnang chỉ đọc tệp tên đúng qr-lock.yaml, nên các mã QR đã in không được giữ"),
            en: format!("there is no qr-lock.yaml but there is `{near}`: camnang reads only a file named exactly qr-lock.yaml, so printed QR codes are not kept"),
            hint_vi: format!("đổi tên «{near}» thành «qr-lock.yaml» (Windows có thể đang ẩn phần đuôi của tên tệp)"),
            hint_en: format!("rename `{near}` to `qr-lock.yaml` (Windows may be hiding the end of file names)"),
        }

        /// No `qr-lock.yaml` beside `site.yaml`, and one in `content/`
        /// (dragged there in a file manager): a fresh lock would forget the
        /// codes of retired guides.
        LockMoved { at: String } = "E153" {
            sample { at: "content/qr-lock.yaml".into() }
            vi: format!("không có tệp qr-lock.yaml bên cạnh site.yaml, mà có «{at}»: camnang chỉ đọc tệp ở thư mục của trang, nên các mã QR đã in không được giữ"),
            en: format!("there is no qr-lock.yaml next to site.yaml, but there is `{at}`: camnang reads it only in the site's folder, so printed QR codes are not kept"),
            hint_vi: format!("chuyển «{at}» trở lại thư mục của trang, bên cạnh site.yaml và thư mục content/"),
            hint_en: format!("move `{at}` back to the site's folder, next to site.yaml and the content/ folder"),
        }

        /// A locked id now belongs to a procedure with another title at
        /// another address: posters printed for the first open the second.
        LockedIdNowOther { id: String, was: String, now: String } = "W066" {
            sample { id: "ct03".into(), was: "Khai báo tạm vắng".into(), now: "Đăng ký xe".into() }
            vi: format!("mã QR «{id}» đã dùng cho «{was}» và có thể đã in lên áp phích; nay nó dẫn đến «{now}»"),
            en: format!("the QR code `{id}` was used for «{was}» and may be printed on posters; it now leads to «{now}»"),
            hint_vi: format!("nếu «{now}» là thủ tục khác, cho nó một mã (id) mới, và trong qr-lock.yaml ghi dưới «{id}:» «replaced_by:» hay «retired: true» cho thủ tục cũ"),
            hint_en: format!("if «{now}» is another procedure, give it a new id, and in qr-lock.yaml write `replaced_by:` or `retired: true` under `{id}:` for the old one"),
        }

        /// `retired:` or `replaced_by:` (`field`) under an id a procedure
        /// still has (`title`): the code opens that procedure.
        LockLineUnused { id: String, field: String, title: String } = "W099" {
            sample { id: "ct02".into(), field: "retired".into(), title: "Đăng ký tạm trú".into() }
            vi: format!("mã «{id}» vẫn là mã của thủ tục «{title}», nên dòng «{field}» không có tác dụng: mã QR vẫn mở thủ tục đó, và dòng này sẽ bị bỏ khi camnang ghi lại qr-lock.yaml"),
            en: format!("`{id}` is still the id of «{title}», so the `{field}` line does nothing: the QR code still opens that procedure, and the line goes when camnang writes qr-lock.yaml again"),
            hint_vi: format!("nếu thủ tục «{title}» đã thôi, xoá tệp hướng dẫn của nó (hay cho nó mã khác) để dòng này có tác dụng; nếu không, xoá dòng «{field}»"),
            hint_en: format!("if «{title}» is no longer done, remove its guide (or give it another id) for the line to take effect; if not, remove the `{field}` line"),
        }

        /// An entry of `qr-lock.yaml` has both `retired` and `replaced_by`:
        /// the code leads to the replacement and the sentence is not shown.
        LockRetiredAndReplaced { id: String } = "W067" {
            sample { id: "ht03".into() }
            vi: format!("mã «{id}» trong qr-lock.yaml có cả «retired» lẫn «replaced_by»: mã QR sẽ mở thủ tục thay thế, dòng «retired» bị bỏ qua"),
            en: format!("`{id}` in qr-lock.yaml has both `retired` and `replaced_by`: the QR code opens the replacement and `retired` is ignored"),
            hint_vi: "giữ một trong hai dòng: «replaced_by» nếu có thủ tục thay thế, «retired» nếu không",
            hint_en: "keep one of the two lines: `replaced_by` if a procedure replaces it, `retired` if none does",
        }

        // ── Print files: posters, board sheets, flyers ──────────────────

        PrintCut { file: String, parts: Vec<CutPart> } = "I004" {
            sample { file: "x".into(), parts: CutPart::samples() }
            vi: format!(
                "{file}: đã rút gọn để vừa trang: {}",
                parts.iter().map(|p| p.text(Lang::Vi)).collect::<Vec<_>>().join("; ")
            ),
            en: format!(
                "{file}: shortened to fit: {}",
                parts.iter().map(|p| p.text(Lang::En)).collect::<Vec<_>>().join("; ")
            ),
        }

        /// A print file for `procedure` (its id or title) could not be
        /// made; `part` says which, already worded.
        PrintFailed { procedure: String, part: String, detail: String } = "E090" {
            sample { procedure: "x".into(), part: "a".into(), detail: "b".into() }
            vi: format!("không tạo được tệp in của «{procedure}» ({part}): {detail}"),
            en: format!("could not make the print file of `{procedure}` ({part}): {detail}"),
        }

        /// A font file of the theme the PDF writer cannot embed (damaged,
        /// or cut short by a download).
        PrintFontBroken { procedure: String, part: String, font: String } = "E092" {
            sample { procedure: "x".into(), part: "a".into(), font: "NotoSansKhmer-Regular.ttf".into() }
            vi: format!("không tạo được tệp in của «{procedure}» ({part}): phông chữ «{font}» bị hỏng, không nhúng vào tệp in được"),
            en: format!("could not make the print file of `{procedure}` ({part}): the font «{font}» is damaged and cannot be embedded"),
            hint_vi: format!("tải lại «{font}» từ nơi phát hành phông chữ rồi chép đè vào thư mục fonts/ của giao diện, hoặc xoá tệp đó"),
            hint_en: format!("download «{font}» again from the font's publisher and copy it over the one in the theme's fonts/ folder, or delete it"),
        }

        /// `part` of a print file for `procedure` does not fit even at the
        /// smallest text size.
        LayoutFailed { procedure: String, part: String } = "E091" {
            sample { procedure: "x".into(), part: "a".into() }
            vi: format!("tệp in của «{procedure}»: {part} quá dài, không vừa trang kể cả với cỡ chữ nhỏ nhất"),
            en: format!("print file of `{procedure}`: {part} does not fit on the page even at the smallest text size"),
            hint_vi: "viết ngắn lại phần chữ này",
            hint_en: "shorten that text",
        }

        // ── The command line ────────────────────────────────────────────

        /// `camnang buil`: no command `given`; `near` is the one likely meant.
        UnknownCommand { given: String, near: Option<String> } = "E053" {
            sample { given: "buil".into(), near: Some("build".into()) }
            sample { given: "x".into(), near: None }
            vi: format!("camnang không có lệnh «{given}»"),
            en: format!("camnang has no command `{given}`"),
            hint_vi: match near {
                Some(n) => format!("có phải bạn muốn gõ «camnang {n}»?"),
                None => "các lệnh là build, serve, check, new, import và deploy (xem «camnang --help»)".into(),
            },
            hint_en: match near {
                Some(n) => format!("did you mean `camnang {n}`?"),
                None => "the commands are build, serve, check, new, import and deploy (see `camnang --help`)".into(),
            },
        }

        /// An option the command does not have (`--no-prin`); `near` is
        /// the one likely meant; `command` the command typed, if any.
        UnknownOption { given: String, near: Option<String>, command: Option<String> } = "E054" {
            sample { given: "--no-prin".into(), near: Some("--no-print".into()), command: Some("build".into()) }
            sample { given: "x".into(), near: None, command: Some("build".into()) }
            sample { given: "x".into(), near: None, command: None }
            vi: match given.starts_with('-') {
                true => format!("lệnh này không có tùy chọn «{given}»"),
                false => format!("lệnh này không nhận thêm «{given}»"),
            },
            en: match given.starts_with('-') {
                true => format!("this command has no option `{given}`"),
                false => format!("this command takes no `{given}`"),
            },
            hint_vi: match (near, command) {
                (Some(n), _) => format!("có phải bạn muốn gõ «{n}»?"),
                (None, Some(c)) => format!("xem các tùy chọn của lệnh bằng «camnang {c} --help»"),
                (None, None) => "xem các lệnh bằng «camnang --help»".into(),
            },
            hint_en: match (near, command) {
                (Some(n), _) => format!("did you mean `{n}`?"),
                (None, Some(c)) => format!("see the command's options with `camnang {c} --help`"),
                (None, None) => "see the commands with `camnang --help`".into(),
            },
        }

        /// A value an option does not take (`--lang vn`, `--port abc`), or
        /// none given (`--root` last); `allowed` lists the values it
        /// takes, when they are few.
        BadOptionValue { option: String, value: String, allowed: Vec<String>, command: Option<String> } = "E055" {
            sample { option: "--lang".into(), value: "vn".into(), allowed: vec!["vi".into(), "en".into()], command: Some("build".into()) }
            sample { option: "--port".into(), value: "abc".into(), allowed: Vec::new(), command: Some("serve".into()) }
            sample { option: "--root".into(), value: String::new(), allowed: Vec::new(), command: Some("build".into()) }
            vi: match value.is_empty() {
                false => format!("«{value}» không dùng được cho {option}"),
                true => format!("sau {option} cần viết một giá trị"),
            },
            en: match value.is_empty() {
                false => format!("`{value}` cannot be used for {option}"),
                true => format!("{option} needs a value after it"),
            },
            hint_vi: match (allowed.is_empty(), command) {
                (false, _) => format!("viết một trong: {}", allowed.join(", ")),
                (true, Some(c)) => format!("xem giá trị cần viết bằng «camnang {c} --help»"),
                (true, None) => "xem cách gõ bằng «camnang --help»".into(),
            },
            hint_en: match (allowed.is_empty(), command) {
                (false, _) => format!("write one of: {}", allowed.join(", ")),
                (true, Some(c)) => format!("see what to write with `camnang {c} --help`"),
                (true, None) => "see how to write it with `camnang --help`".into(),
            },
        }

        /// Something the command needs that was not given
        /// (`camnang new procedure "X"` without `--category`).
        MissingArgument { missing: Vec<String>, command: Option<String> } = "E049" {
            sample { missing: vec!["--category <CATEGORY>".into()], command: Some("new procedure".into()) }
            sample { missing: vec!["<DIR>".into()], command: None }
            vi: format!("lệnh còn thiếu: {}", missing.join(", ")),
            en: format!("the command lacks: {}", missing.join(", ")),
            hint_vi: match command {
                Some(c) => format!("xem cách gõ bằng «camnang {c} --help»"),
                None => "xem cách gõ bằng «camnang --help»".into(),
            },
            hint_en: match command {
                Some(c) => format!("see how to write it with `camnang {c} --help`"),
                None => "see how to write it with `camnang --help`".into(),
            },
        }

        /// Any other mistake on the command line, in the words of the
        /// argument parser (`detail`, in English).
        CommandLine { detail: String } = "E056" {
            sample { detail: "x".into() }
            vi: format!("lệnh gõ chưa đúng: {detail}"),
            en: format!("the command is not written right: {detail}"),
            hint_vi: "xem cách gõ bằng «camnang --help» hoặc «camnang <lệnh> --help»",
            hint_en: "see how to write it with `camnang --help` or `camnang <command> --help`",
        }

        // ── camnang build ───────────────────────────────────────────────

        BuildDone { pages: usize, millis: u128, output: String } = "I001" {
            sample { pages: 1, millis: 1, output: "x".into() }
            vi: format!("đã tạo {pages} trang vào {output} trong {millis} ms"),
            en: format!("built {pages} pages into {output} in {millis} ms"),
        }

        BuildFailed { errors: usize } = "I002" {
            sample { errors: 1 }
            vi: format!("không tạo trang vì có {errors} lỗi; trang đã xuất bản trước đó vẫn giữ nguyên"),
            en: format!("nothing was built because of {errors} error(s); the site published before is unchanged"),
        }

        /// A build reused `reused` files from the build cache and made
        /// `made` anew (kept there for the next build).
        CacheReport { reused: usize, made: usize } = "I012" {
            sample { reused: 1, made: 1 }
            vi: format!("bộ nhớ đệm: dùng lại {reused} tệp, tạo mới {made} tệp"),
            en: format!("build cache: {reused} files reused, {made} made anew"),
        }

        /// A build took `reused` pages and QR codes unchanged from the
        /// site published before and made `made` anew.
        PagesReused { reused: usize, made: usize } = "I013" {
            sample { reused: 1, made: 1 }
            vi: format!("trang web và mã QR: giữ {reused} tệp không đổi từ lần tạo trước, tạo mới {made} tệp"),
            en: format!("web pages and QR codes: {reused} files kept unchanged from the last build, {made} made anew"),
        }

        /// The spare site beside the output (`folder`) holds files camnang
        /// did not write: it is left alone.
        SpareForeign { folder: String, examples: Vec<String> } = "W044" {
            sample { folder: "x".into(), examples: vec!["x".into()] }
            vi: format!("thư mục {folder} (bản trang trước, camnang giữ để lần sau chỉ ghi phần thay đổi) có tệp camnang không tạo ra: {}; camnang để nguyên thư mục này và ghi trang mới từ đầu", examples.join(", ")),
            en: format!("the folder {folder} (the site before, which camnang keeps to write only what changed next time) holds files camnang did not write: {}; camnang leaves it alone and writes the new site from scratch", examples.join(", ")),
            hint_vi: format!("xem lại các tệp đó; nếu không cần, xoá cả thư mục {folder}: các lần tạo sau lại nhanh"),
            hint_en: format!("look at those files; if you do not need them, delete the whole folder {folder}: later builds are quick again"),
        }

        CacheBusy = "W049" {
            vi: "một lần tạo trang khác đang dùng bộ nhớ đệm .camnang-cache; lần này các tệp được tạo lại từ đầu",
            en: "another build is using the build cache .camnang-cache; this build makes every file anew",
        }

        Stage { stage: crate::Stage, total: usize } = "I008" {
            sample { stage: crate::Stage::Pages, total: 1 }
            sample { stage: crate::Stage::PagesAndPrint { print: 1 }, total: 2 }
            sample { stage: crate::Stage::Waiting, total: 0 }
            vi: match stage {
                crate::Stage::Pages => format!("đang tạo {total} tệp của trang web…"),
                crate::Stage::PagesAndPrint { print } => format!("đang tạo {} tệp của trang web và vẽ {print} tệp in…", total - print),
                crate::Stage::Waiting => "đang chờ một lần tạo trang khác ghi xong vào thư mục này…".into(),
            },
            en: match stage {
                crate::Stage::Pages => format!("making {total} files of the web site…"),
                crate::Stage::PagesAndPrint { print } => format!("making {} files of the web site and drawing {print} print files…", total - print),
                crate::Stage::Waiting => "waiting for another build to finish writing into this folder…".into(),
            },
        }

        // ── camnang serve ───────────────────────────────────────────────

        ServeFailed { detail: String } = "E050" {
            sample { detail: "x".into() }
            vi: format!("không mở được máy chủ xem thử ({detail})"),
            en: format!("could not start the preview server ({detail})"),
        }

        WatchFailed { detail: String } = "E051" {
            sample { detail: "x".into() }
            vi: format!("không theo dõi được thay đổi của tệp ({detail})"),
            en: format!("could not watch the files ({detail})"),
        }

        /// The same mistake told again and again in one file: after the
        /// first few, the rest are one line naming where they are.
        MoreLikeThis { code: &'static str, file: String, count: usize, lines: String } = "I014" {
            sample { code: "E019", file: "content/cu-tru/a.md".into(), count: 12, lines: "9, 10, 11".into() }
            vi: format!("… và {count} chỗ nữa cũng có {code} trong {file}: dòng {lines}"),
            en: format!("… and {count} more places with {code} in {file}: lines {lines}"),
        }

        Serving { url: String } = "I003" {
            sample { url: "x".into() }
            vi: format!("đang phục vụ trang tại {url} (Ctrl+C để dừng)"),
            en: format!("serving the site at {url} (Ctrl+C to stop)"),
        }

        ServingLan { url: String } = "I005" {
            sample { url: "x".into() }
            vi: format!("trên điện thoại cùng mạng Wi-Fi, mở {url} hoặc quét mã dưới đây"),
            en: format!("on a phone on the same Wi-Fi, open {url} or scan the code below"),
        }

        NoLanAddress = "W050" {
            vi: "không tìm thấy địa chỉ mạng nội bộ của máy này",
            en: "this computer's local network address could not be found",
        }

        Rebuilt { rendered: usize, reused: usize, millis: u128 } = "I006" {
            sample { rendered: 1, reused: 1, millis: 1 }
            vi: format!("đã cập nhật trong {millis} ms: vẽ lại {rendered} trang, giữ nguyên {reused} trang"),
            en: format!("updated in {millis} ms: {rendered} pages redrawn, {reused} kept"),
        }

        RebuildFailed { errors: usize } = "I007" {
            sample { errors: 1 }
            vi: format!("nội dung có {errors} lỗi: trình duyệt đang hiện lỗi; sửa tệp rồi lưu lại"),
            en: format!("the content has {errors} error(s), shown in the browser; fix the file and save it"),
        }

        // ── camnang check ───────────────────────────────────────────────

        /// `near`: the file the site has under the same name in other
        /// capitals (`files/mau-ct01.pdf` for `files/Mau-CT01.PDF`); `file`:
        /// whether the link leads under `files/` or `static/`.
        BrokenLink { url: String, near: Option<String>, folder: Option<String> } = "E070" {
            sample { url: "x".into(), near: None, folder: None }
            sample { url: "files/Mau-CT01.PDF".into(), near: Some("files/mau-ct01.pdf".into()), folder: Some("files".into()) }
            sample { url: "files/mau.docx".into(), near: None, folder: Some("files".into()) }
            sample { url: "/in-an/ap-phich-a4/x.pdf".into(), near: None, folder: Some("in-an".into()) }
            sample { url: "dang-ky.md".into(), near: Some("/cu-tru/dang-ky/".into()), folder: None }
            sample { url: "www.dichvucong.gov.vn".into(), near: Some("https://www.dichvucong.gov.vn".into()), folder: None }
            vi: format!("liên kết «{url}» dẫn tới trang hoặc tệp không có trong trang web"),
            en: format!("the link `{url}` leads to a page or file the site does not have"),
            // ("in-an": the print files' folder, `model::routes::PRINT_DIR`)
            hint_vi: match (near, folder.as_deref()) {
                (Some(n), None) if n.starts_with("https://") => format!("một địa chỉ trang web bắt đầu bằng https:// — viết «{n}»"),
                (Some(n), Some(_)) => format!("có phải bạn muốn viết «{n}»? Máy chủ phân biệt chữ hoa và chữ thường, dù Windows thì không"),
                (Some(n), None) => format!("viết «{n}»: liên kết tới một hướng dẫn ghi địa chỉ trang của nó, không ghi tên tệp .md"),
                (None, Some("in-an")) => "tệp in do lần tạo trang không có --no-print làm ra: trang in-an/ liệt kê chúng, hãy chép đúng địa chỉ từ đó".to_string(),
                (None, Some(f)) => format!("chép tệp vào thư mục content/{f}/ của trang (đúng tên trong liên kết), hoặc sửa liên kết theo tên tệp có ở đó"),
                (None, None) => COPY_TARGET.vi.to_string(),
            },
            hint_en: match (near, folder.as_deref()) {
                (Some(n), None) if n.starts_with("https://") => format!("a web address starts with https:// — write `{n}`"),
                (Some(n), Some(_)) => format!("did you mean `{n}`? The server tells capitals from small letters, though Windows does not"),
                (Some(n), None) => format!("write `{n}`: a link to a guide gives its page's address, not the name of its .md file"),
                (None, Some("in-an")) => "print files are made by a build without --no-print: the page in-an/ lists them, copy the address from there".to_string(),
                (None, Some(f)) => format!("copy the file into the site's content/{f}/ folder (under the name in the link), or change the link to the name the file has there"),
                (None, None) => COPY_TARGET.en.to_string(),
            },
        }

        /// A setting of `site.<code>.yaml` that is the same in every
        /// language (`base_url`, `print`, the phone number): `site.yaml`'s
        /// is used.
        SettingNotPerLanguage { field: String, code: String } = "W110" {
            sample { field: "contact.phone".into(), code: "en".into() }
            vi: format!("«{field}» giống nhau ở mọi ngôn ngữ: tệp site.{code}.yaml chỉ dịch lời của trang, nên dòng này không được dùng"),
            en: format!("`{field}` is the same in every language: site.{code}.yaml only translates the site's words, so this line is not used"),
            hint_vi: match field.as_str() {
                "language" => format!("xoá dòng này: tên tệp đã cho biết ngôn ngữ ({code}); đừng đổi language: trong site.yaml, vì đó là ngôn ngữ chính của cả trang"),
                _ => "để cài đặt này trong site.yaml và xoá dòng này; site.<mã>.yaml chỉ nhận title, commune, province, notice và contact.address, contact.hours, contact.team".to_string(),
            },
            hint_en: match field.as_str() {
                "language" => format!("delete this line: the file's name gives the language ({code}); do not change language: in site.yaml, which is the language of the whole site"),
                _ => "keep this setting in site.yaml and delete this line; site.<code>.yaml takes only title, commune, province, notice and contact.address, contact.hours, contact.team".to_string(),
            },
        }

        /// A file meant as the site's words in a language, under a name
        /// camnang does not read (`site.EN.yaml`, `site.en.yml`,
        /// `site.en.yaml.txt`): the name to give it.
        SiteTextsMisnamed { rename: String } = "W113" {
            sample { rename: "site.en.yaml".into() }
            vi: format!("camnang không đọc tệp này: lời của trang bằng một ngôn ngữ khác phải nằm trong tệp tên «{rename}»"),
            en: format!("camnang does not read this file: the site's words in another language go in a file named `{rename}`"),
            hint_vi: format!("đổi tên tệp thành {rename} (chữ thường, đuôi .yaml; trong Windows hãy bật hiện đuôi tệp)"),
            hint_en: format!("rename the file to {rename} (small letters, ending in .yaml; on Windows, show file name extensions)"),
        }

        /// A `site.<code>.yaml` for a language the site has no page in.
        SiteTextsUnused { code: String } = "W111" {
            sample { code: "fr".into() }
            vi: format!("trang web không có trang nào bằng ngôn ngữ «{code}»: tệp site.{code}.yaml không được dùng"),
            en: format!("the site has no page in the language `{code}`: site.{code}.yaml is not used"),
            hint_vi: format!("dịch ít nhất một hướng dẫn thành tệp tên-tep.{code}.md, hoặc đổi tên tệp theo mã ngôn ngữ đúng; nếu đây là bản sao lưu của site.yaml, hãy chuyển nó ra ngoài thư mục trang"),
            hint_en: format!("translate at least one guide into a file name.{code}.md, or rename the file after the right language code; if it is a backup copy of site.yaml, move it out of the site folder"),
        }

        /// A build with `--no-print` over a site published with print files:
        /// the `count` files of `in-an/` are left out of the new site.
        PrintLeftOut { count: usize } = "W109" {
            sample { count: 42 }
            vi: format!("trang web đăng lần trước có {count} tệp in (áp phích, bảng niêm yết, tờ rơi, phiếu đặt in trong in-an/); lần tạo này với --no-print bỏ chúng khỏi trang"),
            en: format!("the site published before had {count} print files (posters, board sheet, flyers, order sheet in in-an/); this build with --no-print leaves them out"),
            hint_vi: "tạo lại không có --no-print để đưa các tệp in trở lại trang",
            hint_en: "build again without --no-print to put the print files back on the site",
        }

        /// [`Msg::BrokenLink`] as `build` tells it: the site is published
        /// all the same (one broken link does not hold back a fee that
        /// changed), and `camnang check` tells it as an error.
        LinkNowhere { url: String, near: Option<String>, folder: Option<String> } = "W108" {
            sample { url: "files/mau-ct01.pdf".into(), near: None, folder: Some("files".into()) }
            sample { url: "files/Mau-CT01.PDF".into(), near: Some("files/mau-ct01.pdf".into()), folder: Some("files".into()) }
            sample { url: "../cu-tru/khong-co/".into(), near: None, folder: None }
            vi: format!("liên kết «{url}» dẫn tới trang hoặc tệp không có trong trang web: người dân bấm vào sẽ gặp trang «không tìm thấy»"),
            en: format!("the link `{url}` leads to a page or file the site does not have: residents who tap it get \"page not found\""),
            hint_vi: Msg::BrokenLink { url: url.clone(), near: near.clone(), folder: folder.clone() }.hint(crate::messages::Lang::Vi).unwrap_or_default(),
            hint_en: Msg::BrokenLink { url: url.clone(), near: near.clone(), folder: folder.clone() }.hint(crate::messages::Lang::En).unwrap_or_default(),
        }

        BrokenAnchor { url: String, anchor: String } = "E071" {
            sample { url: "x".into(), anchor: "x".into() }
            vi: format!("liên kết «{url}» dẫn tới mục «#{anchor}» không có trên trang đó"),
            en: format!("the link `{url}` leads to a section `#{anchor}` that page does not have"),
            hint_vi: COPY_TARGET.vi,
            hint_en: COPY_TARGET.en,
        }

        /// A picture in a guide heavier than a phone on weak 3G loads in a
        /// moment.
        ImageHeavy { url: String, kilobytes: u64 } = "W126" {
            sample { url: "files/anh-huong-dan.jpg".into(), kilobytes: 15_360 }
            vi: format!("hình «{url}» nặng {kilobytes} KB: trên điện thoại sóng 3G yếu, người dân phải chờ lâu hay không xem được"),
            en: format!("the picture `{url}` weighs {kilobytes} KB: on a phone with weak 3G, residents wait long or cannot see it"),
            hint_vi: "thu nhỏ hình (chiều rộng khoảng 1000 điểm ảnh, lưu JPEG chất lượng vừa) để dưới 300 KB, rồi chép đè tệp cũ",
            hint_en: "shrink the picture (about 1000 pixels wide, saved as a medium-quality JPEG) to under 300 KB, and copy it over the old file",
        }

        /// A way `truc-tuyen` in `channels` of a guide with no `online:`:
        /// the page says the procedure cannot be done online and lists an
        /// online row beside it, and posters promise nothing online.
        OnlineWayNoService = "W127" {
            vi: "«channels» có cách nộp «truc-tuyen» nhưng thủ tục chưa có phần «online:»: trang ghi «Chưa làm trực tuyến được» ngay cạnh dòng lệ phí trực tuyến, và người dân không có nút để làm",
            en: "`channels` has the way `truc-tuyen` but the guide has no `online:`: the page says \"Not available online yet\" right beside an online fee, and residents get no button to do it",
            hint_vi: "nếu làm được trên mạng, thêm phần online: với url: là địa chỉ thủ tục trên Cổng Dịch vụ công; nếu không, xoá mục «- way: truc-tuyen» này",
            hint_en: "if it can be done online, add an online: block whose url: is the procedure's address on the national portal; if not, delete this `- way: truc-tuyen` entry",
        }

        /// One way of submitting listed twice in `channels` (an entry
        /// copied without changing `way`): two rows of one name with
        /// different times or fees, and the other way missing.
        WayTwice { way: String, first: usize } = "W128" {
            sample { way: "truc-tuyen".into(), first: 1 }
            vi: format!("cách nộp «{way}» có hai lần trong «channels» (lần đầu ở mục thứ {first}): bảng lệ phí hiện hai dòng cùng tên mà thời gian hay lệ phí khác nhau, người dân không biết dòng nào đúng"),
            en: format!("the way `{way}` is in `channels` twice (first as entry {first}): the fee table shows two rows of one name with different times or fees, and residents cannot tell which is right"),
            hint_vi: "có lẽ mục này được chép từ mục trên mà chưa sửa way:; ghi đúng cách nộp (truc-tiep, buu-chinh…) hoặc xoá mục thừa",
            hint_en: "this entry was probably copied from the one above without changing way:; write its own way (truc-tiep, buu-chinh…) or delete the extra entry",
        }

        /// A picture in a format phones' browsers do not show (HEIC from
        /// an iPhone, TIFF from a scanner, BMP).
        ImageNotShown { url: String } = "W133" {
            sample { url: "files/IMG_1234.HEIC".into() }
            vi: format!("hình «{url}» ở dạng điện thoại và trình duyệt không hiện được (HEIC của iPhone, TIFF của máy quét, BMP): người dân chỉ thấy một ô trống"),
            en: format!("the picture `{url}` is in a format phones and browsers do not show (an iPhone's HEIC, a scanner's TIFF, BMP): residents see an empty box"),
            hint_vi: "lưu lại hình thành JPEG (ảnh chụp) hoặc PNG (hình vẽ, ảnh màn hình), chép vào content/files/ rồi sửa tên tệp trong liên kết",
            hint_en: "save the picture again as JPEG (a photo) or PNG (a drawing, a screenshot), copy it into content/files/ and change the file name in the link",
        }

        ImageNoAlt { url: String } = "W072" {
            sample { url: "x".into() }
            vi: format!("hình «{url}» chưa có lời mô tả cho người không nhìn thấy"),
            en: format!("the image `{url}` has no description for people who cannot see it"),
            hint_vi: "viết lời mô tả trong ngoặc vuông: ![Mẫu tờ khai CT01](...)",
            hint_en: "write a description in the brackets: ![Form CT01](...)",
        }

        /// `online.url` left as an example wrote it (`…/...`) or with a
        /// space pasted into it: the button leads to a page not found.
        OnlineUrlUnfinished { url: String } = "W123" {
            sample { url: "https://dichvucong.gov.vn/...".into() }
            vi: format!("địa chỉ làm trực tuyến «{url}» chưa xong (còn dấu … hay khoảng trắng): nút «Làm trực tuyến» sẽ mở trang không tìm thấy"),
            en: format!("the online address `{url}` is unfinished (it holds … or a space): the \"Do it online\" button opens a page not found"),
            hint_vi: "mở thủ tục trên Cổng Dịch vụ công, chép cả địa chỉ trên thanh địa chỉ của trình duyệt và dán vào url:",
            hint_en: "open the procedure on the national portal, copy the whole address from the browser's address bar and paste it into url:",
        }

        /// A second front matter in a guide's text (pasted twice).
        FrontMatterAgain = "W124" {
            vi: "phần chữ của thủ tục có thêm một đầu tệp (--- rồi title:, id: …): trang sẽ hiện các dòng đó như chữ thường; có lẽ tệp đã bị dán hai lần",
            en: "the guide's text holds a second front matter (--- then title:, id: …): the page would show those lines as text; the file was perhaps pasted twice",
            hint_vi: "xoá từ dòng --- này tới hết phần bị dán lại",
            hint_en: "delete from this --- line to the end of what was pasted again",
        }

        NotGovHost { host: String } = "W073" {
            sample { host: "x".into() }
            vi: format!("«online.url» dẫn tới {host}, không phải cổng dịch vụ công của Nhà nước"),
            en: format!("`online.url` leads to {host}, which is not a government portal"),
            hint_vi: "dùng địa chỉ trên dichvucong.gov.vn hoặc cổng dịch vụ công của tỉnh",
            hint_en: "use an address on dichvucong.gov.vn or the province's public-service portal",
        }

        Stale { date: String, months: i32 } = "W074" {
            sample { date: "x".into(), months: 13 }
            vi: format!("hướng dẫn được kiểm tra lần cuối ngày {date}, đã {months} tháng: hãy kiểm tra lại thủ tục này"),
            en: format!("the guide was last checked on {date}, {months} months ago: check this procedure again"),
            hint_vi: "đối chiếu với Cổng Dịch vụ công rồi sửa «updated:» thành ngày kiểm tra",
            hint_en: "compare with the public-service portal, then set `updated:` to the day you checked",
        }

        /// `base_url` with http://: printed codes open pages phones mark
        /// as not secure.
        BaseUrlNotHttps { url: String } = "W081" {
            sample { url: "http://xa.example.vn".into() }
            vi: format!("địa chỉ trang {url} dùng http://: mã QR in ra sẽ mở trang mà điện thoại báo là không an toàn, và vẫn in như vậy khi trang chuyển sang https"),
            en: format!("the site's address {url} uses http://: printed codes open pages phones mark as not secure, and stay so when the site moves to https"),
            hint_vi: "nếu máy chủ có chứng chỉ https (hầu hết nhà cung cấp hosting đều cấp miễn phí), sửa base_url thành https://… trước khi in áp phích",
            hint_en: "if the host has an https certificate (most hosting providers give one free), change base_url to https://… before printing posters",
        }

        /// A file of the site's theme folder that camnang does not read
        /// (see `Theme::unread`): it changes nothing.
        ThemeFileUnread { path: String, rename: Option<String>, for_the_site: bool } = "W051" {
            sample { path: "themes/xa/templates/procedure.htm".into(), rename: Some("themes/xa/templates/procedure.html".into()), for_the_site: false }
            sample { path: "themes/xa/static/logo.png".into(), rename: None, for_the_site: true }
            sample { path: "themes/xa/templates/partials/cu.html".into(), rename: None, for_the_site: false }
            vi: format!("camnang không đọc tệp «{path}» của giao diện: trang không thay đổi theo nó"),
            en: format!("camnang does not read the theme file «{path}»: the pages do not change with it"),
            hint_vi: match (rename, for_the_site) {
                (Some(r), _) => format!("có phải bạn muốn đặt tên «{r}»? Đổi tên tệp cho đúng"),
                (None, true) => "hình, tài liệu cho trang đặt trong thư mục content/static/ (được chép nguyên lên trang), không phải trong giao diện".into(),
                (None, false) => "giao diện chỉ đọc templates/ (các mẫu trang có sẵn và mẫu mà một mẫu khác gọi tới), static/style.css, static/search.js, fonts/*.ttf, *.otf và i18n/*.yaml; xoá tệp này nếu không cần".into(),
            },
            hint_en: match (rename, for_the_site) {
                (Some(r), _) => format!("did you mean to name it «{r}»? Rename the file"),
                (None, true) => "pictures and documents for the site go in content/static/ (copied to the site as they are), not in the theme".into(),
                (None, false) => "a theme is read from templates/ (the built-in templates' names, and templates another template names), static/style.css, static/search.js, fonts/*.ttf, *.otf and i18n/*.yaml; delete the file if it is not needed".into(),
            },
        }

        /// A file of the theme's `fonts/` folder that is not a font print
        /// can read: print does without it.
        FontUnreadable { name: String } = "W084" {
            sample { name: "NotoSansKhmer.ttf".into() }
            vi: format!("tệp «{name}» trong thư mục fonts/ của giao diện không phải phông chữ camnang đọc được: bản in không dùng nó"),
            en: format!("the file «{name}» in the theme's fonts/ folder is not a font camnang can read: print does without it"),
            hint_vi: "thay bằng tệp .ttf hoặc .otf tải về từ nơi phát hành phông chữ (Google Fonts, SIL…); tệp .ttc (nhiều phông trong một tệp) và tệp nén .zip không dùng được",
            hint_en: "replace it with a .ttf or .otf file downloaded from the font's publisher (Google Fonts, SIL…); a .ttc collection or a .zip does not work",
        }

        /// An agency at the district level, abolished in 2025: residents
        /// would look for an office that no longer takes applications.
        DistrictAgency { agency: String, level: &'static str } = "W085" {
            sample { agency: "UBND huyện Hòa Vang".into(), level: "huyện" }
            vi: format!("cơ quan «{agency}» thuộc cấp {level}: từ ngày 1/7/2025 không còn cấp huyện, người dân sẽ tìm đến một nơi không còn nhận hồ sơ"),
            en: format!("the agency «{agency}» is at the {level} (district) level: since 1 July 2025 there are no districts, so residents would look for an office that no longer takes applications"),
            hint_vi: "ghi cơ quan đang nhận hồ sơ (thường là UBND xã, Công an xã hoặc Trung tâm Phục vụ hành chính công) và xem lại thủ tục trên Cổng Dịch vụ công quốc gia",
            hint_en: "write the office that takes applications now (usually the commune People's Committee, the commune police or the public administration service centre) and check the procedure again on the national portal",
        }

        /// `province:` names a province merged into another in 2025: pages
        /// and posters would carry a name that no longer exists.
        ProvinceMerged { name: String, now: &'static str } = "W083" {
            sample { name: "Tỉnh Quảng Nam".into(), now: "Thành phố Đà Nẵng" }
            vi: format!("«{name}» không còn là một tỉnh: từ năm 2025 đã sáp nhập vào {}, nên trang và áp phích sẽ ghi một tên cũ", lower_first(now)),
            en: format!("«{name}» is no longer a province: in 2025 it was merged into {now}, so the pages and posters would carry an old name"),
            hint_vi: format!("nếu xã nay thuộc {now}, sửa thành «province: {now}»"),
            hint_en: format!("if the commune now belongs to {now}, write `province: {now}`"),
        }

        /// Characters the print font has no glyph for (emoji, Chinese
        /// characters): print files leave them out.
        UnprintableCharacters { chars: String } = "W082" {
            sample { chars: "«📌» (U+1F4CC)".into() }
            vi: format!("phông chữ dùng để in không có {chars}: áp phích, bảng niêm yết và tờ rơi in trường này mà không có các ký tự đó (trang web vẫn hiện đủ)"),
            en: format!("the print font has no glyph for {chars}: posters, the board sheet and flyers print this field without them (the web page shows it all)"),
            hint_vi: "bỏ các ký tự đó (biểu tượng cảm xúc, chữ Hán…) khỏi trường; nếu đó là chữ của một ngôn ngữ trang dùng (chữ Khmer chẳng hạn), đặt một phông chữ có chúng (tệp .ttf hoặc .otf, ví dụ Noto Sans Khmer) vào thư mục themes/default/fonts/ của trang",
            hint_en: "remove those characters (emoji, Chinese characters…) from the field; if they are the letters of a language the site uses (Khmer, say), put a font that has them (a .ttf or .otf file, such as Noto Sans Khmer) in the site's themes/default/fonts/ folder",
        }

        /// A guide with no words below its front matter (nothing, or only
        /// headings or comments): no steps on the page, the posters or the
        /// flyers.
        EmptyBody = "W140" {
            vi: "bên dưới phần thông tin, trang hướng dẫn không có chữ nào cho người dân (để trống, hoặc chỉ có tiêu đề hay ghi chú): trang không có các bước, áp phích và tờ rơi không in bước nào",
            en: "below its front matter the guide has no words for residents (nothing, or only headings or comments): the page has no steps, and posters and flyers print none",
            hint_vi: "dưới dòng «---» đóng phần thông tin, thêm một dòng «## Các bước» rồi viết mỗi bước trên một dòng bắt đầu bằng số và dấu chấm: «1. Mở ứng dụng VNeID.», «2. …»",
            hint_en: "below the `---` that closes the front matter, add a line `## Các bước`, then write each step on a line starting with a number and a full stop: `1. Open VNeID.`, `2. …`",
        }

        /// Steps written as lines ("Bước 1: …") instead of a numbered
        /// list: the page runs them together and posters print none.
        StepsNotAList = "W079" {
            vi: "các bước được viết thành dòng («Bước 1: …», «1/ …», «1.Mở …», «a) …», «• …»), không phải danh sách đánh số: trên trang chúng dính vào nhau, và áp phích, tờ rơi không in bước nào",
            en: "the steps are written as lines («Bước 1: …», «1/ …», «1.Mở …», «a) …», «• …»), not as a numbered list: the page runs them together, and posters and flyers print none",
            hint_vi: NUMBERED_STEPS.vi,
            hint_en: NUMBERED_STEPS.en,
        }

        /// A list field written as one line with commas (`documents: Tờ
        /// khai CT01, Giấy tờ…`): read as a single item.
        ListOnOneLine { field: String } = "W096" {
            sample { field: "documents".into() }
            vi: format!("«{field}» được viết trên một dòng, có dấu phẩy hay chấm phẩy ngăn các phần: nếu đó là nhiều mục, trang, áp phích và tờ rơi vẫn coi cả dòng là một mục"),
            en: format!("`{field}` is written on one line, with commas or semicolons between its parts: if they are several items, pages, posters and flyers still take the whole line for one"),
            hint_vi: format!("viết mỗi mục trên một dòng riêng bắt đầu bằng «  - », dưới dòng «{field}:»; nếu đó đúng là một mục, cũng viết nó như thế"),
            hint_en: format!("write each item on its own line starting with `  - `, under the line `{field}:`; if it really is one item, write it that way too"),
        }

        /// A list item whose dash is further in than the one above (`  -
        /// Tờ khai…` then `    - Văn bản…`): YAML reads it as more words
        /// of that item, and two documents print as one.
        ItemJoined = "W136" {
            vi: "dấu «-» của dòng này thụt vào sâu hơn dòng «-» phía trên, nên dòng bị đọc nối vào mục trên: hai mục thành một trên trang, áp phích và tờ rơi",
            en: "this line's `-` is further in than the `-` of the line above, so the line is read as more words of the item above: two items become one on the page, posters and flyers",
            hint_vi: "xoá bớt dấu cách đầu dòng cho dấu «-» thẳng hàng với dấu «-» của dòng trên",
            hint_en: "remove spaces at the start of the line so that its `-` lines up with the `-` of the line above",
        }

        /// A list field written as a block of lines (`documents: |`): one
        /// item holding every line.
        ListAsBlock { field: String } = "W137" {
            sample { field: "documents".into() }
            vi: format!("«{field}» được viết thành một khối nhiều dòng («|» hoặc «>»), không phải danh sách: trang, áp phích và tờ rơi coi tất cả là một mục"),
            en: format!("`{field}` is written as one block of lines (`|` or `>`), not as a list: pages, posters and flyers take all of it for one item"),
            hint_vi: format!("bỏ dấu «|» (hoặc «>») sau «{field}:» và viết mỗi mục trên một dòng bắt đầu bằng «  - »"),
            hint_en: format!("remove the `|` (or `>`) after `{field}:` and write each item on its own line starting with `  - `"),
        }

        /// A list field whose items are marked as Word and Zalo write a
        /// list (`-Tờ khai` with no space, `• Tờ khai`, `1. Tờ khai`): one
        /// line holding every item to YAML.
        ListMarkNotYaml { field: String, mark: String } = "W130" {
            sample { field: "documents".into(), mark: "-".into() }
            vi: format!("các mục của «{field}» bắt đầu bằng «{mark}» không theo cách viết danh sách: tất cả thành một mục trên trang, áp phích và tờ rơi"),
            en: format!("the items of `{field}` start with `{mark}`, which is not how a list is written: they all become one item on the page, posters and flyers"),
            hint_vi: format!("viết mỗi mục trên một dòng bắt đầu bằng hai dấu cách, dấu gạch và một dấu cách: «  - Tờ khai CT01», dưới dòng «{field}:»"),
            hint_en: format!("write each item on its own line starting with two spaces, a dash and a space: `  - Form CT01`, under the line `{field}:`"),
        }

        /// A value wholly in Word's curly quotes (`agency: “Công an xã”`),
        /// meant as YAML's quotes: they are taken off.
        CurlyQuotedValue { field: String } = "W095" {
            sample { field: "agency".into() }
            vi: format!("giá trị của «{field}» nằm trong ngoặc kép cong “ ” (Word tự đổi): camnang bỏ hai dấu ngoặc đó, vì trang, áp phích và tờ rơi sẽ in nguyên chúng"),
            en: format!("the value of `{field}` is in curly quotes “ ” (Word changes them): camnang takes them off, as pages, posters and flyers would print them"),
            hint_vi: "gõ ngoặc kép thẳng \" \" (tắt «tự đổi ngoặc kép» trong Word), hoặc bỏ ngoặc nếu giá trị không có dấu hai chấm",
            hint_en: "type straight quotes \" \" (turn off Word's smart quotes), or leave the quotes out if the value has no colon",
        }

        /// Markdown typed into a field of the front matter: fields are
        /// plain text, and show `**` and `[…](…)` as typed.
        MarkdownInField = "W094" {
            vi: "trường này có ký hiệu Markdown («**chữ đậm**», «[chữ](địa chỉ)»): các trường ở đầu tệp là chữ thường, nên trang, áp phích và tờ rơi hiện nguyên các ký hiệu, và liên kết không bấm được",
            en: "this field has Markdown in it (`**bold**`, `[text](address)`): the fields at the top of the file are plain text, so the page, posters and flyers show the marks as typed, and a link cannot be tapped",
            hint_vi: "bỏ các ký hiệu; liên kết tới mẫu đơn thì đặt trong phần nội dung (dưới dòng --- thứ hai), ví dụ «[Tải mẫu CT01](files/ct01.docx)»",
            hint_en: "remove the marks; put a link to a form in the body (below the second --- line), e.g. `[Download form CT01](files/ct01.docx)`",
        }

        /// A numbered list at the top of the body with no heading above it:
        /// steps are read from under the first heading, so there are none.
        StepsWithoutHeading = "W097" {
            vi: "danh sách đánh số ở đầu phần nội dung chưa có tiêu đề phía trên nên không được đọc là các bước: áp phích, tờ rơi không in bước nào",
            en: "the numbered list at the top of the body has no heading above it, so it is not read as the steps: posters and flyers print none",
            hint_vi: "thêm một dòng «## Các bước» (và một dòng trống) phía trên danh sách",
            hint_en: "add a line `## Các bước` (and a blank line) above the list",
        }

        /// Steps written as a bulleted list (`- …`) under the first
        /// heading: no numbered list, so no steps.
        StepsAsBullets = "W093" {
            vi: "các bước được viết thành danh sách gạch đầu dòng («- …»), không phải danh sách đánh số: trang không đánh số các bước, và áp phích, tờ rơi không in bước nào",
            en: "the steps are written as a bulleted list (`- …`), not a numbered one: the page does not number them, and posters and flyers print none",
            hint_vi: NUMBERED_STEPS.vi,
            hint_en: NUMBERED_STEPS.en,
        }

        /// An HTML tag typed in a guide's body (`<br>`, `<b>`), which the
        /// page shows as typed (raw HTML is off: `allow_html`).
        HtmlTagShown { tag: String } = "W105" {
            sample { tag: "br".into() }
            vi: format!("thẻ HTML «<{tag}>» gõ trong bài sẽ hiện nguyên trên trang (người dân thấy cả «<{tag}>»)"),
            en: format!("the HTML tag `<{tag}>` typed in the text is shown as typed on the page (residents see `<{tag}>`)"),
            hint_vi: match tag.as_str() {
                "br" | "p" | "div" => "xuống dòng bằng cách để một dòng trống giữa hai đoạn".to_string(),
                "b" | "strong" => "viết chữ đậm bằng hai dấu sao: **chữ đậm**".to_string(),
                "i" | "em" => "viết chữ nghiêng bằng một dấu sao: *chữ nghiêng*".to_string(),
                _ => "viết bằng Markdown (danh sách «1. », chữ đậm «**…**»), hoặc bật allow_html: true trong site.yaml nếu thật cần HTML".to_string(),
            },
            hint_en: match tag.as_str() {
                "br" | "p" | "div" => "start a new paragraph with an empty line between the two".to_string(),
                "b" | "strong" => "write bold with two stars: **bold**".to_string(),
                "i" | "em" => "write italics with one star: *italics*".to_string(),
                _ => "write it in Markdown (a list `1. `, bold `**…**`), or set allow_html: true in site.yaml if HTML is really needed".to_string(),
            },
        }

        /// Text typed with an old Vietnamese font encoding (TCVN3) and
        /// pasted as Unicode: shown garbled on every page and poster.
        /// (`vni`: VNI Windows, VNI-Times; else TCVN3)
        OldFontText { word: String, vni: bool } = "W117" {
            sample { word: "§¨ng".into(), vni: false }
            sample { word: "Ñaêng".into(), vni: true }
            vi: match vni {
                false => format!("chữ «{word}» trông như gõ bằng phông chữ cũ TCVN3 (.VnTime, ABC) rồi dán vào: trang và áp phích sẽ hiện chữ lỗi như vậy"),
                true => format!("chữ «{word}» trông như gõ bằng phông chữ cũ VNI (VNI-Times) rồi dán vào: trang và áp phích sẽ hiện chữ lỗi như vậy"),
            },
            en: match vni {
                false => format!("the word «{word}» looks typed with an old TCVN3 font (.VnTime, ABC) and pasted: pages and posters would show it garbled like this"),
                true => format!("the word «{word}» looks typed with an old VNI font (VNI-Times) and pasted: pages and posters would show it garbled like this"),
            },
            hint_vi: match vni {
                false => "chép đoạn chữ gốc, chuyển mã bằng Unikey (Công cụ → Chuyển mã: từ TCVN3 (ABC) sang Unicode) rồi dán lại",
                true => "chép đoạn chữ gốc, chuyển mã bằng Unikey (Công cụ → Chuyển mã: từ VNI Windows sang Unicode) rồi dán lại",
            },
            hint_en: match vni {
                false => "copy the original text, convert it with Unikey (Tools → Convert: from TCVN3 (ABC) to Unicode), then paste it again",
                true => "copy the original text, convert it with Unikey (Tools → Convert: from VNI Windows to Unicode), then paste it again",
            },
        }

        /// The replacement character U+FFFD in a guide: letters lost
        /// before the text reached the file.
        LostLetters = "W131" {
            vi: "có chữ bị mất, hiện thành dấu «�»: chữ đã hỏng trước khi được dán vào tệp (chép từ một trang hay tệp đọc sai bảng mã), trang và áp phích sẽ in đúng như vậy",
            en: "letters are lost here, shown as `�`: the text was broken before it was pasted into the file (copied from a page or file read in the wrong encoding), and pages and posters print it so",
            hint_vi: "gõ lại những chữ có dấu «�», hoặc chép lại đoạn chữ từ văn bản gốc",
            hint_en: "type the words with `�` again, or copy the passage again from the original document",
        }

        /// A group of `search.synonyms` with one word: nothing to match.
        SynonymAlone { word: String } = "W132" {
            sample { word: "KT3".into() }
            vi: format!("nhóm từ đồng nghĩa «{word}» chỉ có một từ nên không dùng được khi tìm"),
            en: format!("the synonym group `{word}` has one word only, so search cannot use it"),
            hint_vi: "ngăn các từ cùng nghĩa bằng dấu phẩy (KT3, tạm trú, thuê trọ); mỗi nhóm một dòng, hoặc các nhóm ngăn bằng dấu chấm phẩy",
            hint_en: "separate words of one meaning with commas (KT3, tạm trú, thuê trọ); one group a line, or groups separated by semicolons",
        }

        /// The steps posters print were taken from under a heading that
        /// does not name them, while a later heading does.
        StepsElsewhere { taken: String, steps: String } = "W114" {
            sample { taken: "Điều kiện".into(), steps: "Các bước".into() }
            vi: format!("áp phích và tờ rơi in danh sách đánh số đầu tiên, ở dưới «{taken}», làm các bước; danh sách dưới «{steps}» không được in"),
            en: format!("posters and flyers print the first numbered list, under `{taken}`, as the steps; the list under `{steps}` is not printed"),
            hint_vi: format!("đưa phần «{steps}» lên trước «{taken}», hoặc viết danh sách dưới «{taken}» bằng dấu gạch đầu dòng «- »"),
            hint_en: format!("move `{steps}` above `{taken}`, or write the list under `{taken}` with dashes (`- `)"),
        }

        /// Body text indented by four spaces or a tab, which Markdown
        /// shows as code: steps pasted from Word with their indentation.
        IndentedAsCode = "W092" {
            vi: "đoạn này thụt vào bốn dấu cách (hay một dấu Tab) nên trang hiện nó như mã máy: chữ đều nhau, «**» và «<br>» hiện nguyên, danh sách không thành danh sách",
            en: "this text is indented by four spaces (or a tab), so the page shows it as code: fixed-width letters, `**` and `<br>` shown as typed, lists not made lists",
            hint_vi: "bỏ các dấu cách (hay Tab) ở đầu những dòng này",
            hint_en: "remove the spaces (or tabs) at the start of these lines",
        }

        /// A translation whose ways of submitting or online service
        /// differ from its original's, or are missing: facts that do not
        /// depend on the language.
        TranslationDiffers { code: String, field: String } = "W125" {
            sample { code: "en".into(), field: "channels".into() }
            vi: format!("bản dịch «{code}» ghi «{field}» khác bản gốc (hoặc không ghi): đây là điều không đổi theo ngôn ngữ, nên trang «{code}» sẽ thiếu hoặc ghi sai"),
            en: format!("the `{code}` translation's `{field}` differs from the original's (or is missing): it does not depend on the language, so the `{code}` page would lack it or show it wrong"),
            hint_vi: "chép phần đó từ bản gốc sang bản dịch (cách nộp, địa chỉ và mức độ trực tuyến giữ như bản gốc), rồi dịch phần chữ",
            hint_en: "copy it from the original into the translation (the ways, the online address and level as the original has them), then translate its words",
        }

        /// A translation whose `updated:` is before its original's: its
        /// fees, times and documents may be the old ones.
        TranslationBehind { code: String, date: String, original: String } = "W118" {
            sample { code: "en".into(), date: "01/10/2026".into(), original: "29/11/2026".into() }
            vi: format!("bản dịch «{code}» kiểm tra lần cuối ngày {date}, trước khi bản gốc được sửa (ngày {original}): lệ phí, thời hạn và giấy tờ trong bản dịch có thể đã cũ"),
            en: format!("the `{code}` translation was last checked on {date}, before the original changed ({original}): its fees, times and documents may be the old ones"),
            hint_vi: "so bản dịch với bản gốc (lệ phí, thời hạn, giấy tờ, các bước), sửa nếu cần, rồi ghi ngày kiểm tra vào updated: của bản dịch",
            hint_en: "compare the translation with the original (fees, times, documents, steps), correct it if needed, then set the translation's updated: to the day you checked",
        }

        /// A file of `content/files/` no page links to: published all the
        /// same (a photo of someone's identity card, a list of poor
        /// households put there to keep), and listed in the manifest.
        FileNotLinked { file: String, guide: bool } = "W119" {
            sample { file: "files/CCCD-nguyen-van-a.jpg".into(), guide: false }
            sample { file: "files/khai-bao-tam-vang.md".into(), guide: true }
            vi: format!("tệp «{file}» được đăng lên trang web cho mọi người tải, dù không trang nào dẫn tới nó"),
            en: format!("the file `{file}` is published on the site for anyone to download, though no page links to it"),
            hint_vi: match guide {
                true => "một bài hướng dẫn đặt trong thư mục lĩnh vực (content/cu-tru/…), không trong files/; nếu không định đăng, chuyển tệp ra ngoài thư mục content/".to_string(),
                false => "nếu không định công khai tệp này (giấy tờ của người dân, danh sách nội bộ), chuyển nó ra ngoài thư mục content/; nếu có, dẫn tới nó từ một trang: [Tải mẫu](files/…)".to_string(),
            },
            hint_en: match guide {
                true => "a guide goes in a category folder (content/cu-tru/…), not in files/; if it is not meant to be published, move it out of content/".to_string(),
                false => "if this file is not meant to be public (a resident's papers, an internal list), move it out of content/; if it is, link to it from a page: [Download the form](files/…)".to_string(),
            },
        }

        /// `updated:` after today: a typo that would keep the guide from
        /// ever being told as stale.
        UpdatedInFuture { date: String } = "W078" {
            sample { date: "01/10/2036".into() }
            vi: format!("ngày kiểm tra «{date}» còn chưa tới: có lẽ gõ nhầm năm, và hướng dẫn sẽ không bao giờ được nhắc kiểm tra lại"),
            en: format!("the date checked, {date}, is still to come: probably a mistyped year, and the guide would never be flagged for a check"),
            hint_vi: "sửa «updated:» thành ngày đã kiểm tra thủ tục",
            hint_en: "set `updated:` to the day the procedure was checked",
        }

        QrTooDense { link: String, version: i16, modules: usize } = "W075" {
            sample { link: "x".into(), version: 5, modules: 37 }
            vi: format!("mã QR của {link} cần phiên bản {version} ({modules} × {modules} ô), khó quét từ xa trên áp phích"),
            en: format!("the QR code of {link} needs version {version} ({modules} × {modules} modules), hard to scan from a distance on a poster"),
            hint_vi: "rút ngắn base_url trong site.yaml hoặc id của thủ tục, hoặc chọn qr_error_correction thấp hơn",
            hint_en: "shorten base_url in site.yaml or the procedure's id, or choose a lower qr_error_correction",
        }

        DuplicateTitle { title: String, other: PathBuf } = "W076" {
            sample { title: "x".into(), other: "a.md".into() }
            vi: format!("tên «{title}» đã dùng cho thủ tục {}", other.display()),
            en: format!("the title `{title}` is already used by {}", other.display()),
            hint_vi: "đặt tên khác để người dân phân biệt được hai thủ tục",
            hint_en: "give one a different title so residents can tell them apart",
        }

        /// Two guides with one portal code (a guide copied to make another,
        /// its `code:` left as it was).
        DuplicateCode { code: String, other: PathBuf } = "W141" {
            sample { code: "1.003677".into(), other: "content/cu-tru/khai-bao-tam-vang.md".into() }
            vi: format!("mã thủ tục «{code}» đã dùng cho {}: hai trang nói mình là cùng một thủ tục trên Cổng Dịch vụ công", other.display()),
            en: format!("the procedure code `{code}` is already used by {}: two pages say they are one procedure of the national portal", other.display()),
            hint_vi: "nếu tệp này được chép từ tệp kia, sửa «code:» thành mã của thủ tục này trên Cổng (hoặc xoá dòng «code:» nếu chưa biết)",
            hint_en: "if this file was copied from the other, change `code:` to this procedure's code on the portal (or delete the `code:` line if it is not known)",
        }

        /// Two categories with one title: the home page lists it twice.
        DuplicateCategoryTitle { title: String, other: PathBuf } = "W134" {
            sample { title: "Cư trú".into(), other: "content/cu-tru/_index.md".into() }
            vi: format!("tên lĩnh vực «{title}» đã dùng cho {}: trang chủ sẽ ghi hai lĩnh vực cùng tên", other.display()),
            en: format!("the category title `{title}` is already used by {}: the home page would list two categories of one name", other.display()),
            hint_vi: "sửa «title:» của tệp _index.md này thành tên của lĩnh vực trong thư mục này",
            hint_en: "change `title:` of this _index.md to the name of the category in this folder",
        }

        OrphanTranslation { code: String, original: PathBuf } = "W077" {
            sample { code: "x".into(), original: "a.md".into() }
            vi: format!("bản dịch «{code}» này không có bản gốc {}", original.display()),
            en: format!("this `{code}` translation has no original {}", original.display()),
            hint_vi: "đặt tên tệp trùng tên bản gốc, hoặc xoá bản dịch này",
            hint_en: "name the file after its original, or delete this translation",
        }

        CheckDone { errors: usize, warnings: usize } = "I009" {
            sample { errors: 1, warnings: 1 }
            vi: format!("kiểm tra xong: {errors} lỗi, {warnings} cảnh báo"),
            en: format!("check done: {errors} error(s), {warnings} warning(s)"),
        }

        // ── Draft fields left by camnang import ─────────────────────────

        DraftField { field: String } = "W080" {
            sample { field: "x".into() }
            vi: format!("«{field}» chép từ Cổng Dịch vụ công nhưng chưa rõ ràng: cần kiểm tra"),
            en: format!("`{field}` was copied from the portal but is unclear: check it"),
            hint_vi: format!("đối chiếu với Cổng hoặc văn bản gốc, sửa nếu cần, rồi xoá dòng «- {field}» trong «draft:»"),
            hint_en: format!("compare with the portal or the legal text, correct it if needed, then remove the line `- {field}` from `draft:`"),
        }

        /// A field listed in `draft:` of a guide not imported (one
        /// `camnang new` made, with example text in its fields).
        DraftExample { field: String } = "W129" {
            sample { field: "summary".into() }
            vi: format!("«{field}» còn ghi trong «draft:»: có thể vẫn là chữ mẫu, trang ghi «cần kiểm tra» bên cạnh"),
            en: format!("`{field}` is still listed in `draft:`: it may still hold the example text, and the page marks it \"being checked\""),
            hint_vi: format!("ghi đúng thông tin của thủ tục vào «{field}», rồi xoá dòng «- {field}» trong «draft:»"),
            hint_en: format!("write the procedure's real facts into `{field}`, then remove the line `- {field}` from `draft:`"),
        }

        // ── camnang new ─────────────────────────────────────────────────
        /// `camnang new procedure --category` naming a folder camnang
        /// keeps for itself or a language of the site.
        NewCategoryReserved { name: String, owner: String } = "E152" {
            sample { name: "files".into(), owner: "/files/".into() }
            vi: format!("không dùng được «{name}» làm lĩnh vực: camnang đã dành tên này cho {owner}"),
            en: format!("`{name}` cannot be a category: camnang keeps the name for {owner}"),
            hint_vi: "chọn tên khác cho --category, ví dụ --category bieu-mau --category-title \"Biểu mẫu\"; đừng đổi tên thư mục đã có",
            hint_en: "choose another name for --category, e.g. --category bieu-mau --category-title \"Forms\"; do not rename the folder that is there",
        }


        NewTargetExists { path: PathBuf } = "E080" {
            sample { path: "a".into() }
            vi: format!("{} đã có: camnang không ghi đè", path.display()),
            en: format!("{} already exists: camnang does not overwrite it", path.display()),
        }

        NewCategoryMissing { category: String, existing: Vec<String> } = "E081" {
            sample { category: "x".into(), existing: vec!["x".into()] }
            vi: format!("chưa có lĩnh vực «{category}»; các lĩnh vực đang có: {}", existing.join(", ")),
            en: format!("there is no category `{category}`; the categories are: {}", existing.join(", ")),
            hint_vi: format!("chọn một lĩnh vực đang có, hoặc tạo mới bằng --category {category} --category-title \"Tên lĩnh vực\""),
            hint_en: format!("pick one of them, or create it with --category {category} --category-title \"Category title\""),
        }

        NewBadName { name: String } = "E082" {
            sample { name: "x".into() }
            vi: format!("«{name}» không cho ra được tên tệp: hãy viết bằng chữ"),
            en: format!("`{name}` gives no file name: write it in letters"),
        }

        NewSiteDone { dir: PathBuf } = "I010" {
            sample { dir: "a".into() }
            // (the folder in quotes when its name has a space: the command
            // pasted as shown is then one the shell reads whole)
            vi: format!("đã tạo trang mới trong {d}: sửa {d}/site.yaml, rồi chạy camnang serve --root {q}", d = dir.display(), q = shell_word(dir)),
            en: format!("made a new site in {d}: edit {d}/site.yaml, then run camnang serve --root {q}", d = dir.display(), q = shell_word(dir)),
        }

        // ── camnang import and the portal ───────────────────────────────

        ImportReadFailed { path: PathBuf, detail: String } = "E100" {
            sample { path: "a.json".into(), detail: "x".into() }
            vi: format!("không đọc được {} ({})", path.display(), os_vi(detail)),
            en: format!("could not read {} ({detail})", path.display()),
        }

        /// A saved record that is not JSON: `line` and `column` where the
        /// reader stopped (a truncated file ends early).
        ImportBadJson { path: PathBuf, line: usize, column: usize, detail: String } = "E101" {
            sample { path: "a.json".into(), line: 1, column: 1, detail: "x".into() }
            vi: format!("{}:{line}:{column}: không phải JSON hợp lệ ({})", path.display(), json_vi(detail)),
            en: format!("{}:{line}:{column}: not valid JSON ({detail})", path.display()),
            hint_vi: "tệp có thể bị cắt ngang khi lưu: lưu lại bản ghi từ Cổng, hoặc nhập bằng --code",
            hint_en: "the file may have been cut off while saving: save the record again, or import it with --code",
        }

        /// A saved record that is not UTF-8 (saved as Windows' "ANSI",
        /// Windows-1258): from `line` on, letters cannot be read.
        ImportNotUtf8 { path: PathBuf, line: usize } = "E116" {
            sample { path: "a.json".into(), line: 1 }
            vi: format!("{}: tệp không lưu ở bảng mã UTF-8 (từ dòng {line} có chữ không đọc được), nên không nhập được mà không làm hỏng chữ", path.display()),
            en: format!("{}: the file is not saved as UTF-8 (from line {line} on, letters cannot be read), so it cannot be imported without garbling them", path.display()),
            hint_vi: "lưu lại bản ghi từ Cổng (không mở rồi lưu bằng Notepad hay Excel), hoặc mở tệp bằng trình soạn thảo và lưu với bảng mã UTF-8; hoặc nhập thẳng bằng camnang import --code <mã thủ tục>",
            hint_en: "save the record from the portal again (without opening and saving it in Notepad or Excel), or open it in an editor and save it as UTF-8; or import it directly with camnang import --code <procedure code>",
        }

        /// A saved file that is a web page (HTML), not a record: the
        /// portal's login or firewall page saved in its place.
        ImportWebPage { path: PathBuf } = "E112" {
            sample { path: "a.json".into() }
            vi: format!("{}: tệp này là một trang web (HTML), không phải bản ghi thủ tục: có thể đã lưu trang đăng nhập hay trang chặn của Cổng thay cho bản ghi", path.display()),
            en: format!("{}: this file is a web page (HTML), not a procedure record: the portal's login or blocking page may have been saved in its place", path.display()),
            hint_vi: "mở lại thủ tục trên Cổng và lưu bản ghi JSON, hoặc nhập thẳng bằng camnang import --code <mã thủ tục>",
            hint_en: "open the procedure on the portal again and save the JSON record, or import it directly with camnang import --code <procedure code>",
        }

        /// JSON, but not a portal procedure: `detail` says what is wrong
        /// and where (a JSON path such as `data.executionMethods[0].fees`).
        ImportNotRecord { path: PathBuf, detail: String } = "E102" {
            sample { path: "a.json".into(), detail: "x".into() }
            vi: format!("{}: không phải một thủ tục của Cổng Dịch vụ công ({})", path.display(), not_record_vi(detail)),
            en: format!("{}: not a procedure record of the national portal ({detail})", path.display()),
            hint_vi: "lưu bản ghi chi tiết của thủ tục (get-formality-by-citizen), có hoặc không có vỏ {code, data, message}",
            hint_en: "save the procedure's detail record (get-formality-by-citizen), with or without the {code, data, message} envelope",
        }

        ImportTooLarge { path: PathBuf, megabytes: u64, max: u64 } = "E103" {
            sample { path: "a.json".into(), megabytes: 9, max: 8 }
            vi: format!("{} nặng {megabytes} MB, quá {max} MB: không phải một bản ghi thủ tục", path.display()),
            en: format!("{} is {megabytes} MB, over {max} MB: not a procedure record", path.display()),
            hint_vi: "nếu đây là danh sách nhiều bản ghi, lưu mỗi bản ghi trên một dòng (JSON Lines, đuôi .jsonl): tệp như vậy được đọc từng dòng, không giới hạn cỡ",
            hint_en: "if this is a list of many records, save one record a line (JSON Lines, ending .jsonl): such a file is read line by line, with no limit on its size",
        }

        /// A saved file holding an empty list: no record in it.
        ImportEmptyList { path: PathBuf } = "E117" {
            sample { path: "danh-sach.json".into() }
            vi: format!("{} là một danh sách trống: không có thủ tục nào để nhập", path.display()),
            en: format!("{} is an empty list: there is no procedure in it to import", path.display()),
            hint_vi: "lưu lại bản ghi chi tiết của thủ tục (hoặc tìm lại trên Cổng với từ khoá khác), hay nhập thẳng bằng --code MÃ_THỦ_TỤC",
            hint_en: "save the procedure's detail record again (or search the portal with other words), or import it at once with --code CODE",
        }

        /// A record file with nothing in it (a download that never
        /// finished, a file made and never saved): it was "the file ends
        /// part of the way".
        ImportEmptyFile { path: PathBuf } = "E159" {
            sample { path: "1.004194.json".into() }
            vi: format!("{} trống: không có gì để nhập", path.display()),
            en: format!("{} is empty: there is nothing in it to import", path.display()),
            hint_vi: "lưu lại bản ghi từ Cổng (có thể tệp chưa tải hay lưu xong), hoặc nhập thẳng bằng --code MÃ_THỦ_TỤC",
            hint_en: "save the record from the portal again (the download or the saving may not have finished), or import it at once with --code CODE",
        }

        ImportNothingFound { path: PathBuf } = "E104" {
            sample { path: "a".into() }
            vi: format!("{} không có tệp .json hay .jsonl nào", path.display()),
            en: format!("{} holds no .json or .jsonl file", path.display()),
        }

        /// `--diff` or `--update` given a record (`path`, named `name`)
        /// that no guide of the site was imported from.
        RecordInNoGuide { path: PathBuf, name: String } = "E115" {
            sample { path: "a.json".into(), name: "Đăng ký tạm trú".into() }
            vi: format!("{}: không có hướng dẫn nào của trang được nhập từ bản ghi «{name}», nên không có gì để so sánh hay cập nhật", path.display()),
            en: format!("{}: no guide of the site was imported from the record «{name}», so there is nothing to compare or update", path.display()),
            hint_vi: format!("nhập nó thành hướng dẫn mới bằng: camnang import {}", path.display()),
            hint_en: format!("import it as a new guide with: camnang import {}", path.display()),
        }

        /// `--diff` or `--update` given a record no guide was imported from,
        /// whose procedure a guide written by hand (`file`) has: `camnang
        /// import` would not make it a guide either.
        RecordByHand { path: PathBuf, name: String, file: PathBuf, code: String } = "E157" {
            sample { path: "a.json".into(), name: "Đăng ký khai sinh".into(), file: "content/ho-tich/dang-ky-khai-sinh.md".into(), code: "1.001193".into() }
            vi: format!("{}: hướng dẫn {} có mã thủ tục {code} của bản ghi «{name}» nhưng được viết tay, không nhập từ bản ghi này, nên camnang không so sánh hay cập nhật được", path.display(), file.display()),
            en: format!("{}: the guide {} has the procedure code {code} of the record «{name}» but was written by hand, not imported from it, so camnang cannot compare or update it", path.display(), file.display()),
            hint_vi: format!("so {} với trang thủ tục trên Cổng Dịch vụ công; hoặc, để dùng bản của Cổng, chuyển tệp đó ra khỏi content/ rồi chạy: camnang import {}", file.display(), path.display()),
            hint_en: format!("compare {} with the procedure's page on the national portal; or, to use the portal's version, move that file out of content/ and run: camnang import {}", file.display(), path.display()),
        }

        /// `--diff` or `--update` given many records, `count` of which no
        /// guide of the site was imported from: they were not compared.
        RecordsInNoGuide { count: usize } = "W106" {
            sample { count: 12 }
            vi: format!("{count} bản ghi không thuộc hướng dẫn nào của trang nên không được so sánh (để nhập chúng, dùng camnang import không có --diff hay --update)"),
            en: format!("{count} records belong to no guide of the site, so they were not compared (to import them, use camnang import without --diff or --update)"),
        }

        /// The portal said no with its own `code` and `message`
        /// (`UNAUTHORIZED`): not a record that is gone.
        PortalRefused { code: String, message: String } = "E114" {
            sample { code: "UNAUTHORIZED".into(), message: "Phiên đăng nhập hết hạn".into() }
            vi: match message.is_empty() {
                true => format!("Cổng không trả bản ghi mà trả lời «{code}»"),
                false => format!("Cổng không trả bản ghi mà trả lời «{code}»: {message}"),
            },
            en: match message.is_empty() {
                true => format!("the portal sent no record but answered `{code}`"),
                false => format!("the portal sent no record but answered `{code}`: {message}"),
            },
            hint_vi: "thử lại sau ít phút; nếu vẫn vậy, mở thủ tục trong trình duyệt, lưu bản ghi rồi dùng camnang import TỆP",
            hint_en: "try again in a few minutes; if it stays so, save the record from a browser and use camnang import FILE",
        }

        /// `--portal` is no web address.
        ImportBadPortal { value: String } = "E113" {
            sample { value: "not a url".into() }
            vi: format!("địa chỉ --portal «{value}» không phải địa chỉ web (http:// hay https://)"),
            en: format!("the --portal address `{value}` is not a web address (http:// or https://)"),
            hint_vi: "bỏ --portal để dùng Cổng Dịch vụ công quốc gia, hoặc chép lại địa chỉ đầy đủ của bản sao Cổng",
            hint_en: "leave --portal out to use the national portal, or copy the mirror's full address again",
        }

        /// `--portal-id` given something that is no record id, nor a
        /// portal page ending in one: it was "the portal has no such
        /// procedure any more: it may have been repealed".
        ImportBadPortalId { value: String } = "E158" {
            sample { value: "1.004194".into() }
            vi: format!("«{value}» không phải mã bản ghi trên Cổng (--portal-id)"),
            en: format!("`{value}` is not a portal record id (--portal-id)"),
            hint_vi: "mã bản ghi có dạng 019d2bf7-770b-734d-b7fb-5e1995f194f4, phần cuối địa chỉ trang thủ tục trên dichvucong.gov.vn (dán cả địa chỉ cũng được); mã thủ tục như 1.004194 thì dùng --code",
            hint_en: "a record id looks like 019d2bf7-770b-734d-b7fb-5e1995f194f4, the end of the procedure's address on dichvucong.gov.vn (pasting the whole address works too); for a procedure code such as 1.004194 use --code",
        }

        ImportNothingAsked = "E105" {
            vi: "chưa nói nhập gì: ghi tệp hay thư mục bản ghi, hoặc --code, --portal-id, --list, --all",
            en: "nothing to import: give record files or folders, or --code, --portal-id, --list, --all",
            hint_vi: "ví dụ: camnang import ../portal/  hoặc  camnang import --code 1.004194",
            hint_en: "for example: camnang import ../portal/  or  camnang import --code 1.004194",
        }

        PortalOffline { url: String, detail: String } = "E106" {
            sample { url: "x".into(), detail: "x".into() }
            vi: format!("không kết nối được tới Cổng Dịch vụ công ({url}): máy đang mất mạng hoặc Cổng không trả lời ({detail})"),
            en: format!("could not reach the portal ({url}): this computer is offline or the portal does not answer ({detail})"),
            hint_vi: "kiểm tra kết nối mạng rồi chạy lại lệnh; đang ở nơi không có mạng thì lưu bản ghi ở máy khác rồi dùng camnang import TỆP",
            hint_en: "check the network and run the command again; without a network, save the records elsewhere and use camnang import FILE",
        }

        PortalFirewall { url: String, status: u16 } = "E107" {
            sample { url: "x".into(), status: 403 }
            vi: format!("Cổng trả về một trang web (HTML, mã {status}) thay vì dữ liệu: tường lửa của Cổng đang chặn ({url})"),
            en: format!("the portal answered with a web page (HTML, status {status}) instead of data: its firewall is blocking us ({url})"),
            hint_vi: "đợi vài phút rồi chạy lại; nếu vẫn bị chặn, mở thủ tục trong trình duyệt, lưu bản ghi rồi dùng camnang import TỆP",
            hint_en: "wait a few minutes and try again; if still blocked, save the record from a browser and use camnang import FILE",
        }

        PortalNotFound { what: String } = "E108" {
            sample { what: "x".into() }
            vi: format!("Cổng không còn thủ tục «{what}»: có thể đã bị bãi bỏ, hoặc được công bố lại với mã mới"),
            en: format!("the portal no longer has the procedure `{what}`: it may have been repealed, or republished under a new code"),
            hint_vi: "tìm lại bằng camnang import --list TÊN_THỦ_TỤC",
            hint_en: "look for it with camnang import --list PROCEDURE_NAME",
        }

        /// The API's own address answered "not found" (not the portal's
        /// "no such record"): the portal moved its API, or `--portal`
        /// names a wrong one. No procedure is told as abolished for it.
        PortalNoApi { url: String, status: u16 } = "E150" {
            sample { url: "https://dichvucong.gov.vn/api/v1/configuring/formality/get-formality-by-citizen".into(), status: 404 }
            vi: format!("Cổng không có địa chỉ {url} (mã {status}): Cổng đã đổi địa chỉ hỏi thủ tục, hoặc địa chỉ --portal chưa đúng; không thủ tục nào bị coi là đã bãi bỏ vì lỗi này"),
            en: format!("the portal has no address {url} (status {status}): the portal moved the address procedures are asked at, or --portal is wrong; no procedure is taken for repealed because of it"),
            hint_vi: "xem lại --portal (mặc định https://dichvucong.gov.vn/api/v1); nếu đúng, cập nhật camnang lên bản mới; trong lúc chờ, lưu bản ghi từ trang của thủ tục trên Cổng và nhập từ tệp: camnang import TỆP.json",
            hint_en: "check --portal (by default https://dichvucong.gov.vn/api/v1); if it is right, update camnang to a newer version; meanwhile, save the record from the procedure's page on the portal and import the file: camnang import FILE.json",
        }

        PortalBadAnswer { url: String, detail: String } = "E109" {
            sample { url: "x".into(), detail: "x".into() }
            vi: format!("Cổng trả lời dữ liệu không đọc được ({url}): {}", json_vi(detail)),
            en: format!("the portal's answer could not be read ({url}): {detail}"),
            hint_vi: "thử lại sau; nếu vẫn lỗi, Cổng có thể đã đổi cách trả lời: lưu bản ghi của thủ tục từ Cổng vào một tệp rồi nhập tệp đó (camnang import TỆP.json)",
            hint_en: "try again later; if it keeps failing, the portal may have changed how it answers: save the procedure's record from the portal to a file and import that file (camnang import FILE.json)",
        }

        /// The portal (or what answers at `--portal`) sends the request
        /// elsewhere: a moved address or a login page.
        PortalRedirect { url: String, status: u16, to: String } = "E149" {
            sample { url: "https://dichvucong.gov.vn/api/v1/x".into(), status: 302, to: "https://dichvucong.gov.vn/login".into() }
            vi: format!("Cổng không trả lời mà chuyển sang địa chỉ khác ({status}: {url} → {to})"),
            en: format!("the portal did not answer but sent the request elsewhere ({status}: {url} → {to})"),
            hint_vi: "nếu địa chỉ mới là của Cổng, dùng nó trong --portal; nếu là trang đăng nhập, Cổng đã đổi cách cho lấy dữ liệu: lưu bản ghi từ trình duyệt rồi nhập tệp đã lưu (camnang import TỆP)",
            hint_en: "if the new address is the portal's, give it with --portal; if it is a login page, the portal changed how its data is given: save the record from a browser and import the saved file (camnang import FILE)",
        }

        PortalStatus { url: String, status: u16 } = "E110" {
            sample { url: "x".into(), status: 500 }
            vi: format!("Cổng báo lỗi {status} sau nhiều lần thử ({url})"),
            en: format!("the portal answered with error {status} after several tries ({url})"),
            hint_vi: "thử lại sau ít phút",
            hint_en: "try again in a few minutes",
        }

        PortalTimeout { url: String, seconds: u64 } = "E111" {
            sample { url: "x".into(), seconds: 30 }
            vi: format!("Cổng không trả lời trong {seconds} giây, sau nhiều lần thử ({url})"),
            en: format!("the portal did not answer within {seconds} seconds, after several tries ({url})"),
            hint_vi: "mạng có thể đang chậm: thử lại sau",
            hint_en: "the network may be slow: try again later",
        }

        RetryLater { seconds: u64, attempt: u32 } = "W100" {
            sample { seconds: 2, attempt: 1 }
            vi: format!("Cổng chưa trả lời được, thử lại lần {attempt} sau {seconds} giây…"),
            en: format!("the portal did not answer, trying again (attempt {attempt}) in {seconds} seconds…"),
        }

        /// A gap an import left in `file`, at `field`, and why.
        ImportGap { file: PathBuf, field: String, gap: Gap } = "W101" {
            sample { file: "a.md".into(), field: "x".into(), gap: Gap::NoSummary }
            vi: format!("{}: «{field}» cần kiểm tra: {}", file.display(), gap.text(Lang::Vi)),
            en: format!("{}: `{field}` needs checking: {}", file.display(), gap.text(Lang::En)),
        }

        /// `--code` found several records with `code`: `taken` was
        /// imported (the one done at commune level, if any); `others` are
        /// the rest, each "name (portal id)".
        PortalCodeShared { code: String, taken: String, others: Vec<String> } = "W103" {
            sample { code: "1.004194".into(), taken: "a".into(), others: vec!["b (x)".into()] }
            vi: format!("Cổng có {} thủ tục cùng mã {code}: đã nhập «{taken}»; còn {}", others.len() + 1, others.join("; ")),
            en: format!("the portal has {} procedures with the code {code}: «{taken}» was imported; the others are {}", others.len() + 1, others.join("; ")),
            hint_vi: "nếu cần thủ tục khác, nhập nó bằng --portal-id với mã trong ngoặc",
            hint_en: "to import another one, use --portal-id with the id in brackets",
        }

        /// `--update` kept the clerk's text of `field` although the portal changed it.
        UpdateKeptClerk { file: PathBuf, field: String } = "W102" {
            sample { file: "a.md".into(), field: "x".into() }
            vi: format!("{}: «{field}» đã đổi trên Cổng, nhưng cán bộ đã sửa trường này: giữ bản của cán bộ", file.display()),
            en: format!("{}: `{field}` changed on the portal, but a clerk edited it: the clerk's text is kept", file.display()),
            hint_vi: "so hai bản (camnang import --diff) rồi tự sửa nếu cần",
            hint_en: "compare the two (camnang import --diff) and edit it by hand if needed",
        }

        ImportWrote { file: PathBuf, id: String, gaps: usize } = "I100" {
            sample { file: "a.md".into(), id: "x".into(), gaps: 0 }
            sample { file: "a.md".into(), id: "x".into(), gaps: 2 }
            vi: match gaps {
                0 => format!("đã tạo {} (mã QR: {id})", file.display()),
                n => format!("đã tạo {} (mã QR: {id}), {n} chỗ cần kiểm tra", file.display()),
            },
            en: match gaps {
                0 => format!("made {} (QR id: {id})", file.display()),
                n => format!("made {} (QR id: {id}), {n} place(s) to check", file.display()),
            },
        }

        /// A record given twice in one import (a crawl saved with
        /// duplicates): written once.
        ImportTwice { file: PathBuf, portal_id: String } = "I130" {
            sample { file: "content/cu-tru/dang-ky-tam-tru.md".into(), portal_id: "019d2bf7-770b-734d-b7fb-5e1995f194f4".into() }
            vi: format!("bản ghi {portal_id} có hai lần trong các tệp đã cho: chỉ ghi một lần, vào {}", file.display()),
            en: format!("the record {portal_id} is given twice: written once, into {}", file.display()),
        }

        ImportExists { file: PathBuf, portal_id: String } = "I101" {
            sample { file: "a.md".into(), portal_id: "x".into() }
            vi: format!("bản ghi {portal_id} đã được nhập vào {}: không ghi đè", file.display()),
            en: format!("the record {portal_id} was already imported into {}: not overwritten", file.display()),
            hint_vi: "để lấy thay đổi mới từ Cổng, dùng camnang import --update",
            hint_en: "to take the portal's latest changes, use camnang import --update",
        }

        /// A record whose procedure code a guide of the site already has.
        ImportCovered { file: PathBuf, code: String } = "I110" {
            sample { file: "a.md".into(), code: "1.004194".into() }
            vi: format!("thủ tục mã {code} đã có trong {}: không nhập thêm một bản thứ hai", file.display()),
            en: format!("the procedure {code} is already in {}: no second copy imported", file.display()),
            hint_vi: format!("để dùng bản của Cổng, xoá hay chuyển tệp {} ra khỏi content/ rồi nhập lại; để so với Cổng, xem trang thủ tục trên Cổng Dịch vụ công", file.display()),
            hint_en: format!("to use the portal's version, delete {} or move it out of content/ and import again; to compare, open the procedure on the national portal", file.display()),
        }

        ImportDone { written: usize, existing: usize, failed: usize, gaps: usize } = "I102" {
            sample { written: 1, existing: 1, failed: 1, gaps: 1 }
            vi: format!("nhập xong: {written} tệp mới, {existing} đã có, {failed} lỗi; {gaps} chỗ cần kiểm tra (camnang check liệt kê lại)"),
            en: format!("import done: {written} new file(s), {existing} already there, {failed} failed; {gaps} place(s) to check (camnang check lists them again)"),
        }

        CategoryCreated { dir: PathBuf, title: String } = "I103" {
            sample { dir: "a".into(), title: "x".into() }
            vi: format!("đã tạo lĩnh vực {} («{title}»)", dir.display()),
            en: format!("made the category {} (`{title}`)", dir.display()),
        }

        ListItem { code: String, name: String, level: String } = "I104" {
            sample { code: "1".into(), name: "x".into(), level: "xã".into() }
            vi: format!("{code}  {name}  [{level}]"),
            en: format!("{code}  {name}  [level: {level}]"),
        }

        ListDone { shown: usize, total: usize } = "I105" {
            sample { shown: 1, total: 2 }
            vi: format!("{shown}/{total} thủ tục; nhập một thủ tục bằng camnang import --code MÃ"),
            en: format!("{shown} of {total} procedures; import one with camnang import --code CODE"),
        }

        Fetching { total: usize } = "I106" {
            sample { total: 1 }
            vi: format!("đang tải {total} thủ tục từ Cổng, từng cái một…"),
            en: format!("fetching {total} procedures from the portal, one at a time…"),
        }

        DiffField { file: PathBuf, field: String, old: String, new: String } = "I107" {
            sample { file: "a.md".into(), field: "x".into(), old: "a".into(), new: "b".into() }
            vi: format!("{}: «{field}» đã đổi trên Cổng\n    trước: {old}\n    nay:   {new}", file.display()),
            en: format!("{}: `{field}` changed on the portal\n    was: {old}\n    now: {new}", file.display()),
        }

        DiffSame { file: PathBuf } = "I108" {
            sample { file: "a.md".into() }
            vi: format!("{}: không có gì đổi trên Cổng từ lần nhập", file.display()),
            en: format!("{}: nothing changed on the portal since the import", file.display()),
        }

        Updated { file: PathBuf, fields: Vec<String> } = "I109" {
            sample { file: "a.md".into(), fields: vec!["x".into()] }
            vi: format!("{}: đã cập nhật từ Cổng: {}", file.display(), fields.join(", ")),
            en: format!("{}: updated from the portal: {}", file.display(), fields.join(", ")),
        }

        // ── camnang deploy ──────────────────────────────────────────────

        DeployNoTarget = "E120" {
            vi: "chưa biết đưa trang lên đâu: không có --to, và site.yaml không có «deploy: to:»",
            en: "nowhere to deploy to: no --to, and site.yaml has no `deploy: to:`",
            hint_vi: "ví dụ: camnang deploy --to sftp://ten@may-chu.vn/var/www/html, hoặc trong site.yaml: «deploy:» rồi dòng «  to: sftp://ten@may-chu.vn/var/www/html»",
            hint_en: "for example: camnang deploy --to sftp://user@host.vn/var/www/html, or in site.yaml: `deploy:` then a line `  to: sftp://user@host.vn/var/www/html`",
        }

        DeployBadUrl { url: String, why: String } = "E121" {
            sample { url: "x".into(), why: "x".into() }
            vi: format!("địa chỉ đích «{url}» không dùng được: {why}"),
            en: format!("the target address `{url}` cannot be used: {why}"),
            hint_vi: "dùng một trong các dạng: file:///thu-muc, sftp://ten@may/duong-dan, ftp://, ftps://, webdav://, webdavs://, s3://bucket/thu-muc?endpoint=https://…&region=…",
            hint_en: "use one of: file:///folder, sftp://user@host/path, ftp://, ftps://, webdav://, webdavs://, s3://bucket/prefix?endpoint=https://…&region=…",
        }

        DeployPasswordInUrl = "E122" {
            vi: "địa chỉ đích có ghi mật khẩu: camnang không nhận mật khẩu viết trong địa chỉ hay trong site.yaml",
            en: "the target address holds a password: camnang takes no password written in an address or in site.yaml",
            hint_vi: "xoá mật khẩu khỏi địa chỉ (chỉ để ten@may); camnang sẽ hỏi mật khẩu, hoặc đọc biến môi trường CAMNANG_DEPLOY_PASSWORD",
            hint_en: "remove the password from the address (keep user@host); camnang asks for it, or reads the CAMNANG_DEPLOY_PASSWORD variable",
        }

        DeployNoBuild { dir: PathBuf } = "E123" {
            sample { dir: "public".into() }
            vi: format!("chưa có trang đã tạo trong {} (không thấy tệp .camnang-manifest)", dir.display()),
            en: format!("there is no built site in {} (no .camnang-manifest file)", dir.display()),
            hint_vi: "chạy camnang build trước, hoặc thêm --build",
            hint_en: "run camnang build first, or add --build",
        }

        DeployConnect { target: String, detail: String } = "E124" {
            sample { target: "x".into(), detail: "x".into() }
            vi: format!("không kết nối được tới {target} ({detail})"),
            en: format!("could not connect to {target} ({detail})"),
            hint_vi: "kiểm tra địa chỉ, cổng và mạng rồi chạy lại; lần sau camnang tiếp tục từ chỗ đang dở",
            hint_en: "check the address, the port and the network, then run it again; camnang carries on where it stopped",
        }

        /// An FTPS or WebDAV-over-HTTPS host whose certificate is not trusted (its own, or one
        /// no public authority issued), or `CAMNANG_CA_FILE` unreadable.
        /// (`name`: the host name the certificate is for, when it is
        /// not the one in the address: a shared host's FTP server answers
        /// `ftp.xa.gov.vn` with the certificate of `server42.host.vn`)
        DeployCertificate { target: String, detail: String, name: Option<String> } = "E138" {
            sample { target: "x".into(), detail: "x".into(), name: None }
            sample { target: "s3://xa/site?endpoint=https://s3.example.vn".into(), detail: "invalid peer certificate: UnknownIssuer".into(), name: None }
            sample { target: "ftps://xa@ftp.hoabinh.gov.vn/www".into(), detail: "invalid peer certificate: certificate not valid for name \"ftp.hoabinh.gov.vn\"; certificate is only valid for DnsName(\"server42.host.vn\")".into(), name: Some("server42.host.vn".into()) }
            vi: format!("không tin được chứng chỉ của {target} ({detail})"),
            en: format!("the certificate of {target} cannot be trusted ({detail})"),
            hint_vi: match name {
                Some(name) => format!("chứng chỉ của máy chủ cấp cho tên {name}, không phải tên trong địa chỉ: ghi {name} làm tên máy trong địa chỉ (--to hay deploy.to của site.yaml), như nhà cung cấp hosting hướng dẫn"),
                None if target.starts_with("s3://") => "kho S3 chỉ được tin khi chứng chỉ do một tổ chức cấp chứng chỉ công khai cấp, như ở các nhà cung cấp: kiểm tra địa chỉ endpoint=https://… trong --to, hoặc hỏi nhà cung cấp (CAMNANG_CA_FILE không dùng cho S3)".to_string(),
                None => "nếu máy chủ dùng chứng chỉ tự cấp (thường gặp ở hosting cPanel), xin người quản trị tệp chứng chỉ (.crt, .pem), lưu vào máy rồi ghi đường dẫn tệp vào biến môi trường CAMNANG_CA_FILE; hoặc dùng sftp:// nếu máy chủ có".to_string(),
            },
            hint_en: match name {
                Some(name) => format!("the host's certificate is for the name {name}, not the one in the address: write {name} as the host name in the address (--to or site.yaml's deploy.to), as hosting companies advise"),
                None if target.starts_with("s3://") => "S3 storage is trusted only with a certificate from a public authority, as providers have: check the endpoint=https://… address in --to, or ask the provider (CAMNANG_CA_FILE is not used for S3)".to_string(),
                None => "if the host uses its own certificate (common on cPanel hosting), ask its administrator for the certificate file (.crt, .pem), save it and name it in the environment variable CAMNANG_CA_FILE; or use sftp:// if the host has it".to_string(),
            },
        }

        /// The SSH key file given with `--identity` cannot be read, or
        /// its passphrase is missing or wrong: the key is the matter, not
        /// the host.
        DeployKeyFile { path: String, detail: String } = "E147" {
            sample { path: "/home/xa/.ssh/id_ed25519".into(), detail: "wrong passphrase".into() }
            vi: format!("không dùng được tệp khoá «{path}» ({detail})"),
            en: format!("the key file `{path}` cannot be used ({detail})"),
            hint_vi: "kiểm tra đường dẫn của --identity; một khoá có mật khẩu (passphrase) được mở bằng mật khẩu trong CAMNANG_DEPLOY_PASSWORD hoặc gõ khi được hỏi",
            hint_en: "check the path given with --identity; a key with a passphrase is unlocked with the passphrase in CAMNANG_DEPLOY_PASSWORD, or typed when asked",
        }

        /// Files on the host where the site needs folders (`kiosk`, an
        /// old script named like a folder of the site): nothing is
        /// uploaded, and the file, not camnang's, is not removed.
        DeployFileInTheWay { first: Vec<String> } = "E148" {
            sample { first: vec!["kiosk".into()] }
            vi: format!("trên máy chủ có tệp ở chỗ trang web cần một thư mục: {}; chưa tải lên tệp nào", first.join(", ")),
            en: format!("the host has files where the site needs folders: {}; nothing was uploaded", first.join(", ")),
            hint_vi: "đổi tên hoặc chuyển các tệp đó đi trên máy chủ (camnang không xoá tệp nó không tải lên), rồi chạy lại camnang deploy",
            hint_en: "rename or move those files on the host (camnang never deletes a file it did not upload), then run camnang deploy again",
        }

        DeployLogin { target: String, detail: String } = "E125" {
            sample { target: "sftp://x@y/z".into(), detail: "x".into() }
            sample { target: "s3://www/?endpoint=https://s3.example.vn".into(), detail: "HTTP 403".into() }
            vi: format!("máy chủ {target} không cho đăng nhập ({detail})"),
            en: format!("{target} refused the login ({detail})"),
            hint_vi: match target.starts_with("s3://") {
                true => "kiểm tra khoá truy cập: AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY (lấy trong trang quản lý của nhà cung cấp lưu trữ), và quyền ghi vào bucket",
                false => "kiểm tra tên đăng nhập, mật khẩu (CAMNANG_DEPLOY_PASSWORD) hoặc tệp khoá (--identity)",
            },
            hint_en: match target.starts_with("s3://") {
                true => "check the access keys, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (from the storage provider's console), and the right to write to the bucket",
                false => "check the user name, the password (CAMNANG_DEPLOY_PASSWORD) or the key file (--identity)",
            },
        }

        /// An S3 bucket the endpoint does not have.
        DeployNoBucket { target: String, bucket: String } = "E141" {
            sample { target: "s3://www/?endpoint=https://s3.example.vn".into(), bucket: "www".into() }
            vi: format!("{target} không có bucket «{bucket}»"),
            en: format!("{target} has no bucket `{bucket}`"),
            hint_vi: "kiểm tra tên bucket (ngay sau s3://) với trang quản lý của nhà cung cấp lưu trữ, hoặc tạo bucket ở đó rồi chạy lại",
            hint_en: "check the bucket's name (right after s3://) in the storage provider's console, or make the bucket there and run it again",
        }

        /// A host that answered, with an error of its own (HTTP 500).
        DeployServerError { target: String, detail: String } = "E142" {
            sample { target: "s3://www/".into(), detail: "HTTP 500".into() }
            vi: format!("máy chủ {target} trả lời có lỗi ({detail})"),
            en: format!("{target} answered with an error ({detail})"),
            hint_vi: "chạy lại sau ít phút; nếu lỗi còn, gửi dòng này cho người quản lý máy chủ: kết nối đã thông, lỗi ở phía máy chủ",
            hint_en: "run it again in a few minutes; if it stays, send this line to the host's administrator: the connection works, the error is the host's",
        }

        DeployHostUnknown { host: String, fingerprint: String, scan: String } = "E126" {
            sample { host: "[x]:2222".into(), fingerprint: "SHA256:x".into(), scan: "ssh-keyscan -p 2222 x".into() }
            vi: format!("chưa biết máy chủ {host} (vân tay khoá {fingerprint}): camnang không gửi gì tới một máy chưa được xác nhận"),
            en: format!("the host {host} is not known (key fingerprint {fingerprint}): camnang sends nothing to a host not confirmed"),
            hint_vi: format!("hỏi người quản trị vân tay khoá của máy; nếu khớp, chạy {scan} >> ~/.ssh/known_hosts (hoặc chỉ tệp khác bằng biến CAMNANG_KNOWN_HOSTS)"),
            hint_en: format!("ask the administrator for the host's key fingerprint; if it matches, run {scan} >> ~/.ssh/known_hosts (or point CAMNANG_KNOWN_HOSTS at another file)"),
        }

        DeployHostChanged { host: String } = "E127" {
            sample { host: "x".into() }
            vi: format!("khoá của máy chủ {host} khác với khoá đã biết trong known_hosts: có thể có người đứng giữa, camnang dừng lại"),
            en: format!("the key of {host} differs from the one in known_hosts: someone may be in between, camnang stops"),
            hint_vi: "hỏi người quản trị máy chủ xem khoá có vừa được đổi không trước khi sửa known_hosts",
            hint_en: "ask the host's administrator whether the key was changed before editing known_hosts",
        }

        DeployUploadFailed { path: String, detail: String } = "E128" {
            sample { path: "x".into(), detail: "x".into() }
            vi: format!("không tải lên được {path} ({detail})"),
            en: format!("could not upload {path} ({detail})"),
            hint_vi: "các trang trên máy chủ vẫn dùng được; chạy lại camnang deploy để làm tiếp",
            hint_en: "the pages on the host still work; run camnang deploy again to finish",
        }

        DeployTooManyDeletes { count: usize, max: usize } = "E129" {
            sample { count: 2, max: 1 }
            vi: format!("lần này sẽ xoá {count} tệp trên máy chủ, nhiều hơn giới hạn {max}: camnang dừng lại, chưa tải lên hay xoá gì"),
            en: format!("this would delete {count} files on the host, more than the limit of {max}: camnang stops with nothing uploaded or deleted"),
            hint_vi: "xem danh sách bằng --dry-run; nếu đúng là muốn xoá, chạy lại với --yes (hoặc --max-deletes SỐ)",
            hint_en: "see the list with --dry-run; if the deletes are meant, run again with --yes (or --max-deletes N)",
        }

        DeployNoPassword = "E130" {
            vi: "máy chủ cần mật khẩu nhưng không có biến CAMNANG_DEPLOY_PASSWORD và không có màn hình để hỏi",
            en: "the host needs a password, but CAMNANG_DEPLOY_PASSWORD is not set and there is no terminal to ask on",
            hint_vi: "đặt biến môi trường CAMNANG_DEPLOY_PASSWORD, hoặc dùng khoá SSH với --identity",
            hint_en: "set the CAMNANG_DEPLOY_PASSWORD variable, or use an SSH key with --identity",
        }

        DeployBadManifest { detail: String } = "E131" {
            sample { detail: "x".into() }
            vi: format!("tệp .camnang-deploy.json trên máy chủ không đọc được ({detail}): camnang không biết tệp nào do mình tải lên"),
            en: format!("the .camnang-deploy.json file on the host cannot be read ({detail}): camnang cannot tell which files it uploaded"),
            hint_vi: "xoá tệp .camnang-deploy.json trên máy chủ rồi chạy lại với --replace-existing: mọi tệp sẽ được tải lên lại, không tệp nào bị xoá",
            hint_en: "delete .camnang-deploy.json on the host and run again with --replace-existing: every file is uploaded again and none is deleted",
        }

        DeployBuildFailed = "E132" {
            vi: "lần tạo trang có lỗi: không đưa gì lên máy chủ",
            en: "the build has mistakes: nothing was deployed",
        }

        DeployNoKeys = "E133" {
            vi: "chưa có khoá truy cập S3: cần biến AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY",
            en: "no S3 access keys: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are needed",
            hint_vi: "lấy khoá trong trang quản trị của nhà cung cấp lưu trữ rồi đặt hai biến môi trường đó",
            hint_en: "get the keys from the storage provider's console and set those two variables",
        }

        DeployReadLocal { path: String, detail: String } = "E134" {
            sample { path: "x".into(), detail: "x".into() }
            vi: format!("không đọc được tệp {path} của trang đã tạo ({})", os_vi(detail)),
            en: format!("could not read {path} of the built site ({detail})"),
            hint_vi: "chạy lại camnang build rồi camnang deploy",
            hint_en: "run camnang build again, then camnang deploy",
        }

        /// `.camnang-deploy.json` could not be written before the first
        /// upload: nothing went up.
        /// (`no_folder`: the answer says the target folder is not there,
        /// or takes no files)
        DeployManifestFirst { detail: String, no_folder: bool, ftp: bool } = "E139" {
            sample { detail: "550 No such file or directory".into(), no_folder: true, ftp: true }
            sample { detail: "553 Prohibited file name".into(), no_folder: false, ftp: true }
            sample { detail: "[SFTP(3)] permission denied".into(), no_folder: false, ftp: false }
            vi: format!("không ghi được .camnang-deploy.json lên máy chủ nên chưa tải tệp nào lên ({detail})"),
            en: format!("could not write .camnang-deploy.json on the host, so nothing was uploaded ({detail})"),
            hint_vi: match (no_folder, ftp) {
                (true, _) => "camnang không tạo được thư mục đích, hoặc địa chỉ đó không nhận tệp: kiểm tra đường dẫn sau tên máy (trong --to hay deploy.to của site.yaml) và quyền ghi vào thư mục chứa nó; camnang chỉ tạo thư mục cuối của đường dẫn. Đường dẫn bảng điều khiển của nhà cung cấp ghi (như /home/ten/public_html) thường là /public_html với tài khoản FTP hay SFTP",
                (false, false) => "xem thư mục trên máy chủ có cho tài khoản này ghi không: nhờ người quản trị máy chủ cho quyền ghi vào thư mục đó",
                (false, true) => "xem thư mục trên máy chủ cho phép ghi; một số máy chủ FTP cấm tên tệp bắt đầu bằng dấu chấm (Pure-FTPd với -x): nhờ người quản trị cho phép, hoặc dùng sftp://",
            },
            hint_en: match (no_folder, ftp) {
                (true, _) => "camnang could not make the target folder, or that address takes no files: check the path after the host name (in --to or site.yaml's deploy.to), and that the folder holding it can be written; camnang makes only the last folder of the path. The path a hosting panel shows (such as /home/name/public_html) is often /public_html for the FTP or SFTP login",
                (false, false) => "check that this login may write into the host's folder: ask the host's administrator for write permission on it",
                (false, true) => "check the host's folder can be written; some FTP servers forbid file names starting with a dot (Pure-FTPd with -x): ask the administrator to allow them, or use sftp://",
            },
        }

        /// An FTP server that takes only encrypted logins, given `ftp://`.
        DeployWantsTls { target: String, detail: String } = "E140" {
            sample { target: "ftp://xa@ftp.example.vn/www".into(), detail: "550 SSL/TLS required on the control channel".into() }
            vi: format!("máy chủ {target} chỉ nhận đăng nhập có mã hoá ({detail})"),
            en: format!("{target} takes only encrypted logins ({detail})"),
            hint_vi: "dùng ftps:// thay cho ftp:// (cùng tên đăng nhập, mật khẩu và thư mục)",
            hint_en: "use ftps:// instead of ftp:// (the same user, password and folder)",
        }

        DeployManifestFailed { detail: String } = "E135" {
            sample { detail: "x".into() }
            vi: format!("đã tải các tệp lên nhưng không ghi được .camnang-deploy.json ({detail})"),
            en: format!("the files are uploaded but .camnang-deploy.json could not be written ({detail})"),
            hint_vi: "chạy lại camnang deploy: các trang vẫn dùng được",
            hint_en: "run camnang deploy again: the pages still work",
        }

        DeployDeleteFailed { path: String, detail: String } = "W120" {
            sample { path: "x".into(), detail: "x".into() }
            vi: format!("không xoá được {path} trên máy chủ ({detail}); lần sau camnang thử lại"),
            en: format!("could not delete {path} on the host ({detail}); camnang tries again next time"),
        }

        DeployKeptLocked { path: String, id: String } = "W121" {
            sample { path: "x".into(), id: "x".into() }
            vi: format!("giữ lại {path} trên máy chủ: mã QR «{id}» nằm trong qr-lock.yaml, có thể đã in"),
            en: format!("{path} is kept on the host: the QR id `{id}` is in qr-lock.yaml and may be printed"),
        }

        DeployPasswordPrompt { target: String } = "I120" {
            sample { target: "x".into() }
            vi: format!("mật khẩu cho {target}: "),
            en: format!("password for {target}: "),
        }

        DeployPlan { target: String, upload: usize, unchanged: usize, delete: usize, bytes: u64 } = "I121" {
            sample { target: "x".into(), upload: 1, unchanged: 1, delete: 1, bytes: 1 }
            vi: format!("{target}: sẽ tải lên {upload} tệp ({bytes} byte), giữ nguyên {unchanged}, xoá {delete}"),
            en: format!("{target}: would upload {upload} file(s) ({bytes} bytes), keep {unchanged} unchanged, delete {delete}"),
        }

        DeployWouldUpload { path: String, new: bool } = "I122" {
            sample { path: "x".into(), new: true }
            sample { path: "x".into(), new: false }
            vi: if *new { format!("  tải lên (mới)  {path}") } else { format!("  tải lên (đổi)  {path}") },
            en: if *new { format!("  upload (new)      {path}") } else { format!("  upload (changed)  {path}") },
        }

        DeployWouldDelete { path: String } = "I123" {
            sample { path: "x".into() }
            vi: format!("  xoá            {path}"),
            en: format!("  delete            {path}"),
        }

        DeployNothing { target: String, unchanged: usize } = "I124" {
            sample { target: "x".into(), unchanged: 1 }
            vi: format!("{target}: không có gì để tải lên, {unchanged} tệp trên máy chủ đã mới nhất"),
            en: format!("{target}: nothing to upload, the {unchanged} files on the host are up to date"),
        }

        DeployDone { target: String, uploaded: usize, unchanged: usize, deleted: usize, bytes: u64, millis: u128 } = "I125" {
            sample { target: "x".into(), uploaded: 1, unchanged: 1, deleted: 1, bytes: 1, millis: 1 }
            vi: format!("đã đưa lên {target}: tải lên {uploaded} tệp ({bytes} byte), giữ nguyên {unchanged}, xoá {deleted}, trong {millis} ms"),
            en: format!("deployed to {target}: uploaded {uploaded} file(s) ({bytes} bytes), {unchanged} unchanged, {deleted} deleted, in {millis} ms"),
        }

        /// Another deploy to the same host runs on this computer: this one
        /// waits for it to end.
        DeployWaiting { target: String } = "I128" {
            sample { target: "sftp://web@xa.vn/www".into() }
            vi: format!("một lần đưa trang khác lên {target} đang chạy trên máy này: chờ nó xong rồi làm tiếp"),
            en: format!("another deploy to {target} is running on this computer: waiting for it to finish"),
        }

        DeployFirst { target: String, replacing: bool } = "I126" {
            sample { target: "x".into(), replacing: false }
            sample { target: "x".into(), replacing: true }
            vi: match replacing {
                false => format!("lần đầu đưa trang lên {target}: các tệp đã có sẵn trên máy chủ được để nguyên, không tệp nào bị xoá hay ghi đè"),
                // (--replace-existing: it said none was written over)
                true => format!("lần đầu đưa trang lên {target}: tệp có sẵn trùng tên với tệp của trang (--replace-existing) bị ghi đè, các tệp khác được để nguyên và không tệp nào bị xoá"),
            },
            en: match replacing {
                false => format!("first deploy to {target}: files already on the host are left alone, none is deleted or written over"),
                true => format!("first deploy to {target}: files already there under the names of the site's (--replace-existing) are written over; the others are left alone and none is deleted"),
            },
        }

        /// The host's manifest was missing and its temporary copy, left
        /// whole by a deploy stopped while replacing it, was read instead.
        DeployManifestCopy { target: String } = "I129" {
            sample { target: "x".into() }
            vi: format!("{target}: lần đưa trang lên trước bị dừng lúc đang thay danh sách tệp của camnang trên máy chủ; dùng bản mới của danh sách (..camnang-deploy.json.camnang-tmp)"),
            en: format!("{target}: the last deploy stopped while replacing camnang's list of files on the host; its new copy (..camnang-deploy.json.camnang-tmp) is used"),
        }

        /// The host holds another site (its `base_url` in the manifest).
        DeployOtherSite { theirs: String, ours: String } = "E137" {
            sample { theirs: "https://a.example.vn".into(), ours: "https://b.example.vn".into() }
            vi: format!("thư mục này trên máy chủ đang chứa một trang khác ({theirs}), không phải trang này ({ours}): không tải lên, không xoá gì"),
            en: format!("this folder on the host holds another site ({theirs}), not this one ({ours}): nothing uploaded or deleted"),
            hint_vi: "kiểm tra lại deploy.to trong site.yaml; nếu trang này thay hẳn trang kia (ví dụ xã đổi tên miền), chạy lại với --replace-existing",
            hint_en: "check deploy.to in site.yaml; if this site replaces the other (a commune's new domain, say), run again with --replace-existing",
        }

        /// Files of the site whose names are taken on the host by files
        /// camnang did not upload (`first`: up to ten of them).
        DeployWouldReplace { count: usize, first: Vec<String> } = "E136" {
            sample { count: 2, first: vec!["index.html".into(), "files/a.pdf".into()] }
            vi: format!("trên máy chủ đã có {count} tệp không do camnang tải lên nhưng trùng tên với tệp của trang: {}{}; không tải lên gì để khỏi ghi đè", first.join(", "), if *count > first.len() { ", …" } else { "" }),
            en: format!("the host already holds {count} file(s) camnang did not upload with the names of the site's files: {}{}; nothing was uploaded, so nothing is written over", first.join(", "), if *count > first.len() { ", …" } else { "" }),
            hint_vi: "nếu đó là trang cũ cần thay, chạy lại với --replace-existing; nếu không, chuyển các tệp đó sang chỗ khác trên máy chủ",
            hint_en: "if it is an old site to replace, run again with --replace-existing; otherwise move those files elsewhere on the host",
        }

        DeployUploading { files: usize } = "I127" {
            sample { files: 1 }
            vi: format!("đang tải lên {files} tệp"),
            en: format!("uploading {files} files"),
        }

        NewProcedureDone { file: PathBuf, id: String } = "I011" {
            sample { file: "a.md".into(), id: "x".into() }
            vi: format!("đã tạo {} (mã QR: {id}): điền các trường rồi xem thử bằng camnang serve", file.display()),
            en: format!("made {} (QR id: {id}): fill in the fields and preview with camnang serve", file.display()),
        }
    }
}
