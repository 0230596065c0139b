//! Reading a text file the way clerks save them: UTF-8 with or without a
//! BOM, CRLF or LF line ends, composed or decomposed Vietnamese. What comes
//! out is NFC text with `\n` line ends, or a message saying what is wrong.

use crate::messages::{Binary, Msg};
use crate::text::nfc_owned;

/// A file in `root` that looks like `name` saved under another name: in
/// other capitals, with Notepad's `.txt` added, `.yml` for `.yaml`, or `_`
/// or a space for `-` (`QR-Lock.yaml`, `qr-lock.yaml.txt`, `Site.YML`).
/// `None` if `name` itself is there.
pub(crate) fn saved_as(root: &std::path::Path, name: &str) -> Option<String> {
    fn plain(n: &str) -> String {
        let n = n.to_lowercase();
        let n = n.strip_suffix(".txt").unwrap_or(&n);
        let n = n
            .strip_suffix(".yml")
            .map_or_else(|| n.to_string(), |s| format!("{s}.yaml"));
        n.chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .collect()
    }
    if root.join(name).is_file() {
        return None;
    }
    let wanted = plain(name);
    let mut found: Vec<String> = std::fs::read_dir(root)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| plain(n) == wanted)
        .collect();
    found.sort();
    found.into_iter().next()
}

/// Decodes file bytes into clean text: strips a UTF-8 BOM (at the start and
/// anywhere else), turns CRLF and lone CR into LF, drops invisible control
/// characters (text pasted from Word or a terminal brings them; YAML
/// refuses them), and normalises to NFC.
pub fn decode(bytes: &[u8]) -> Result<String, Msg> {
    decode_owned(bytes.to_vec())
}

/// The text of the file at `path` as a site's files are read ([`decode`]:
/// a BOM, CRLF, Notepad's UTF-16), or `None` when it cannot be read.
pub fn read_text(path: &std::path::Path) -> Option<String> {
    std::fs::read(path).ok().and_then(|b| decode_owned(b).ok())
}

/// [`decode`] of bytes the caller has no more use for: text that needs no
/// change is not copied.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, Msg> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Notepad's "Unicode" (UTF-16 with its byte order mark, which says how
    // it is meant): read as it is (it was "not saved as UTF-8")
    if let Some(text) = utf16(&bytes) {
        bytes = text.into_bytes();
    }
    let text = utf8(bytes)?;
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    // Word's and Zalo's line and paragraph separators (U+2028, U+2029):
    // an editor shows a new line there, YAML counts one, and camnang's
    // lines do not, so every mistake after one was told a line off; a
    // space keeps the words apart, as a line break in a paragraph does
    let text = if text.contains("\u{2028}") || text.contains("\u{2029}") {
        text.replace(['\u{2028}', '\u{2029}'], " ")
    } else {
        text
    };
    // 0xC2 starts the UTF-8 form of the C1 controls (and of « ° ·), 0xEF
    // that of a byte order mark (U+FEFF) left inside the text by files
    // joined or text pasted: invisible, it reached titles and pages
    let suspect = text.as_bytes().chunks(64).any(|chunk| {
        // no early exit inside a chunk, so the compiler can use vectors
        chunk.iter().fold(false, |seen, &b| {
            seen | matches!(b, 0..=8 | 11..=31 | 0x7f | 0xc2 | 0xef)
        })
    });
    let dropped = |c: char| invisible_control(c) || c == '\u{feff}';
    let text = if suspect && text.chars().any(dropped) {
        text.chars().filter(|&c| !dropped(c)).collect()
    } else {
        text
    };
    // a no-break space after a list's mark or a heading's (`1.\u{a0}Mở`,
    // `-\u{a0}Tờ khai`, what Word and Zalo paste): Markdown and YAML read
    // neither there, so the steps became one paragraph (and left the
    // posters) and the documents one item, without a word
    let text = match suspect && text.contains('\u{a0}') {
        true => marks_spaced(&text),
        false => text,
    };
    Ok(nfc_owned(text))
}

/// `text` with a no-break space right after a line's list mark (`-`,
/// `*`, `+`, `1.`, `2)`) or heading mark (`##`) made a plain space.
fn marks_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - body.len()];
        let b = body.as_bytes();
        let mark = match b.first() {
            Some(b'-' | b'*' | b'+') => Some(1),
            Some(b'#') => Some(b.iter().take_while(|&&c| c == b'#').count()),
            Some(b'0'..=b'9') => {
                // (three digits at most: `2026.` is a year)
                let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
                (digits <= 3 && matches!(b.get(digits), Some(b'.' | b')'))).then_some(digits + 1)
            }
            _ => None,
        };
        match mark.and_then(|n| Some((n, body.get(n..)?.strip_prefix('\u{a0}')?))) {
            Some((n, rest)) => {
                out.push_str(indent);
                out.push_str(&body[..n]);
                out.push(' ');
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// `bytes` as text if they are UTF-16 with a byte order mark (`FF FE`,
/// little-endian, as Windows writes it, or `FE FF`) and hold no broken
/// pair.
fn utf16(bytes: &[u8]) -> Option<String> {
    let little = match bytes.get(..2)? {
        [0xFF, 0xFE] => true,
        [0xFE, 0xFF] => false,
        _ => return None,
    };
    let body = &bytes[2..];
    if !body.len().is_multiple_of(2) {
        return None;
    }
    let units = body.chunks_exact(2).map(|p| match little {
        true => u16::from_le_bytes([p[0], p[1]]),
        false => u16::from_be_bytes([p[0], p[1]]),
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// `bytes` as text, or where the first byte that is not UTF-8 is (from 1).
///
/// Checked with simdutf8, which reads Vietnamese text (two or three bytes
/// a letter) about ten times faster than the standard library's check:
/// that check was 3 % of the CPU time of a 10,000-procedure build.
fn utf8(bytes: Vec<u8>) -> Result<String, Msg> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just checked that `bytes` is UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    if let Some(what) = binary(&bytes) {
        return Err(Msg::NotText { what });
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        not_utf8(&e.as_bytes()[..good])
    })
}

/// E002 for a file whose bytes are UTF-8 up to the end of `good`: the
/// line of the first byte that is not (an editor shows lines, not bytes).
fn not_utf8(good: &[u8]) -> Msg {
    Msg::NotUtf8 {
        line: good.iter().filter(|&&b| b == b'\n').count() + 1,
    }
}

/// What a file that is not UTF-8 is, if its first bytes say so.
fn binary(bytes: &[u8]) -> Option<Binary> {
    let has = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
    if bytes.starts_with(b"PK\x03\x04") {
        // (Office and OpenDocument files are zip files; the names of
        // the parts inside tell which)
        // (OpenDocument first: its `mimetype` part comes first, stored
        // as it is; the other names are those of whole parts, not three
        // letters compressed data could hold by chance)
        return Some(if has(b"mimetypeapplication/vnd.oasis.opendocument") {
            Binary::OpenDocument
        } else if has(b"word/document") {
            Binary::Word
        } else if has(b"xl/workbook") {
            Binary::Excel
        } else {
            Binary::Zip
        });
    }
    let starts = |magic: &[&[u8]]| magic.iter().any(|m| bytes.starts_with(m));
    if starts(&[b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"]) {
        Some(Binary::OldOffice)
    } else if starts(&[b"%PDF-"]) {
        Some(Binary::Pdf)
    } else if starts(&[b"\x89PNG", b"\xFF\xD8\xFF", b"GIF8", b"II*\x00", b"MM\x00*"])
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
    {
        Some(Binary::Image)
    } else {
        None
    }
}

/// C0 and C1 control characters other than tab and line feed, and DEL.
fn invisible_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// A Markdown file split into its front matter and its body.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The YAML between the two `---` lines.
    pub front: &'a str,
    /// How many lines come before the front matter's first line (the
    /// opening `---`), to turn YAML line numbers into file line numbers.
    pub front_line_offset: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// The file line the body starts on (1-based).
    pub body_first_line: usize,
}

/// Splits `---\nYAML\n---\nbody`. Leading blank lines are allowed.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, Msg> {
    if text.trim().is_empty() {
        return Err(Msg::EmptyFile);
    }
    let mut offset = 0;
    let mut line_no = 0;
    // skip blank lines before the opening fence
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            offset += line.len();
            line_no += 1;
        } else {
            break;
        }
    }
    let rest = &text[offset..];
    let first = rest.split_inclusive('\n').next().unwrap_or("");
    if first.trim_end() != "---" {
        // text of another kind saved under the guide's name: told as what
        // it is (the general hint, "start with ---", did not help)
        let lower = rest.get(..64).unwrap_or(rest).to_ascii_lowercase();
        let lower = lower.trim_start_matches('\u{feff}');
        if lower.starts_with("{\\rtf") {
            return Err(Msg::NotText {
                what: crate::messages::Binary::Rtf,
            });
        }
        if ["<html", "<!doctype html", "<?xml"]
            .iter()
            .any(|p| lower.starts_with(p))
            && rest.to_ascii_lowercase().contains("<html")
        {
            return Err(Msg::NotText {
                what: crate::messages::Binary::WebPage,
            });
        }
        return Err(Msg::NoFrontMatter);
    }
    let front_start = offset + first.len();
    let mut pos = front_start;
    for (lines_in_front, line) in text[front_start..].split_inclusive('\n').enumerate() {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            let body_start = pos + line.len();
            return Ok(Split {
                front: &text[front_start..pos],
                front_line_offset: line_no + 1,
                body: &text[body_start..],
                body_first_line: line_no + 1 + lines_in_front + 2,
            });
        }
        pos += line.len();
    }
    // a closing line typed with Word's dashes (‐‐‐, ———) or with more than
    // three: it looks like the fence, and is told where it is
    let lookalike = text[front_start..]
        .lines()
        .enumerate()
        .find_map(|(k, l)| fence_lookalike(l).map(|what| (k, l.trim(), what)));
    Err(match lookalike {
        Some((k, written, what)) => Msg::FenceLookalike {
            line: line_no + 2 + k,
            written: written.to_string(),
            what,
        },
        None => Msg::UnclosedFrontMatter,
    })
}

/// What makes `line` a closing `---` typed wrong, if it is one: dashes
/// other than `-` (a code such as `U+2010`; one long dash `—` is what
/// Word makes of `---`), more than three `-` (`----`), spaces before it
/// (`space`), or words after it on its line (`glued`).
fn fence_lookalike(line: &str) -> Option<String> {
    let t = line.trim();
    // the closing line with the next line's words joined to it (a line
    // break lost: `---## Các bước`)
    // (`---## Các bước`, `---Các bước`; not a table's `---|---` nor an
    // arrow `---> Bước 2` in a body)
    if let Some(rest) = line.strip_prefix("---")
        && rest
            .trim_start()
            .starts_with(|c: char| c == '#' || c.is_alphabetic())
    {
        return Some("glued".into());
    }
    let dashes = ['-', '‐', '‑', '‒', '–', '—', '―', '−', '－'];
    let long = matches!(t, "—" | "―" | "——");
    if (t.chars().count() < 3 && !long) || !t.chars().all(|c| dashes.contains(&c)) {
        return None;
    }
    match t.chars().find(|&c| c != '-') {
        Some(c) => Some(format!("U+{:04X}", u32::from(c))),
        None if t == "---" => Some("space".into()),
        None => Some("----".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_line_with_words_joined_is_told_and_a_table_rule_is_not() {
        assert_eq!(fence_lookalike("---## Các bước").as_deref(), Some("glued"));
        assert_eq!(fence_lookalike("---Các bước").as_deref(), Some("glued"));
        for not in ["---|---", "---> Bước 2", "--- ", "-- a"] {
            assert_ne!(fence_lookalike(not).as_deref(), Some("glued"), "{not}");
        }
    }

    #[test]
    fn a_document_or_a_picture_renamed_md_is_told_as_what_it_is() {
        let zip = |name: &[u8]| {
            let mut b = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4".to_vec();
            b.extend_from_slice(name);
            b.extend_from_slice(b"\xff\xfe\x00");
            b
        };
        let what = |bytes: &[u8]| match decode(bytes) {
            Err(Msg::NotText { what }) => Some(what),
            _ => None,
        };
        assert_eq!(what(&zip(b"word/document.xml")), Some(Binary::Word));
        assert_eq!(what(&zip(b"xl/workbook.xml")), Some(Binary::Excel));
        assert_eq!(
            what(&zip(b"mimetypeapplication/vnd.oasis.opendocument.text")),
            Some(Binary::OpenDocument)
        );
        assert_eq!(what(&zip(b"bang-gia.csv")), Some(Binary::Zip));
        let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\xff";
        assert_eq!(what(ole), Some(Binary::OldOffice));
        assert_eq!(what(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), Some(Binary::Pdf));
        assert_eq!(what(b"\x89PNG\r\n\x1a\n\x00"), Some(Binary::Image));
        assert_eq!(what(b"\xFF\xD8\xFF\xE0\x00\x10JFIF"), Some(Binary::Image));
        assert_eq!(
            what(b"RIFF\x10\x00\x00\x00WEBPVP8 \xff"),
            Some(Binary::Image)
        );
        // text in another encoding stays E002, with where it goes wrong
        assert_eq!(
            decode(b"title: T\xe0m tr\xfa"),
            Err(Msg::NotUtf8 { line: 1 })
        );
        // a text that begins like one of them is text
        assert!(decode(b"%PDF- is how a PDF file begins\n").is_ok());
    }

    #[test]
    fn line_separators_pasted_from_word_are_spaces() {
        let got = decode("summary: Dòng một\u{2028}dòng hai\u{2029}ba\n".as_bytes()).unwrap();
        assert_eq!(got, "summary: Dòng một dòng hai ba\n");
    }

    #[test]
    fn notepad_unicode_files_are_read() {
        let text = "---\r\ntitle: Đăng ký tạm trú\r\n---\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le, be] {
            assert_eq!(
                decode_owned(bytes).ok().as_deref(),
                Some("---\ntitle: Đăng ký tạm trú\n---\n")
            );
        }
        // half a pair: as before, not UTF-8
        assert!(decode_owned(vec![0xFF, 0xFE, 0x3D, 0xD8]).is_err());
    }

    #[test]
    fn a_no_break_space_after_a_list_mark_is_a_space() {
        let t = "documents:\n  -\u{a0}Tờ khai\n---\n##\u{a0}Các bước\n\n1.\u{a0}Mở\n2)\u{a0}Nộp\n   *\u{a0}a\nGiá\u{a0}7.000\n2026.\u{a0}Năm\n-x\u{a0}y\n";
        let want = "documents:\n  - Tờ khai\n---\n## Các bước\n\n1. Mở\n2) Nộp\n   * a\nGiá\u{a0}7.000\n2026.\u{a0}Năm\n-x\u{a0}y\n";
        assert_eq!(
            decode_owned(t.as_bytes().to_vec()).ok().as_deref(),
            Some(want)
        );
    }

    #[test]
    fn control_characters_pasted_from_word_are_dropped() {
        let got = decode("a\u{1}b\u{1b}[31mc\u{7f}\u{85}d\te\n".as_bytes()).unwrap();
        assert_eq!(got, "ab[31mcd\te\n");
    }

    #[test]
    fn bom_crlf_and_decomposed_text_come_out_clean() {
        let raw = "\u{feff}---\r\ntitle: Ta\u{323}m tru\u{301}\r\n---\r\nBody\r\n";
        let text = decode(raw.as_bytes()).unwrap();
        assert_eq!(text, "---\ntitle: Tạm trú\n---\nBody\n");
        // closing lines typed wrong are found, with what is wrong
        assert_eq!(fence_lookalike("‐‐‐").as_deref(), Some("U+2010"));
        assert_eq!(fence_lookalike("—").as_deref(), Some("U+2014"));
        assert_eq!(fence_lookalike("-----").as_deref(), Some("----"));
        assert_eq!(fence_lookalike("  ---").as_deref(), Some("space"));
        assert_eq!(fence_lookalike("- a"), None);
        assert_eq!(fence_lookalike("--"), None);
        // a mark left inside by files joined or text pasted goes too
        let inside = "---\ntitle: Tạm\u{feff} trú\n\u{feff}id: tt01\n---\n＂ｘ＂\n";
        assert_eq!(
            decode(inside.as_bytes()).unwrap(),
            "---\ntitle: Tạm trú\nid: tt01\n---\n＂ｘ＂\n"
        );
    }

    #[test]
    fn windows_1258_bytes_are_refused_with_the_offset() {
        let raw = b"title: T\xe0m";
        assert_eq!(decode(raw), Err(Msg::NotUtf8 { line: 1 }));
    }

    #[test]
    fn utf8_is_checked_as_the_standard_library_checks_it() {
        // every cut of Vietnamese text, and bytes that are not UTF-8 at
        // every place of a long text (past simdutf8's 64-byte blocks)
        let vi = "Đăng ký thường trú – hồ sơ gồm: tờ khai, giấy tờ chứng minh chỗ ở hợp pháp. "
            .repeat(3);
        let mut cases: Vec<Vec<u8>> = (0..=vi.len())
            .map(|n| vi.as_bytes()[..n].to_vec())
            .collect();
        for at in (0..vi.len()).step_by(7) {
            for bad in [
                &b"\xe0"[..],
                b"\xff",
                b"\xc3\x28",
                b"\xed\xa0\x80",
                b"\xf4\x90\x80\x80",
            ] {
                let mut b = vi.as_bytes().to_vec();
                b.splice(at..at, bad.iter().copied());
                cases.push(b);
            }
        }
        for bytes in cases {
            let want = String::from_utf8(bytes.clone()).map_err(|e| {
                let good = &bytes[..e.utf8_error().valid_up_to()];
                Msg::NotUtf8 {
                    line: good.iter().filter(|&&b| b == b'\n').count() + 1,
                }
            });
            assert_eq!(utf8(bytes), want);
        }
    }

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let s = split_front_matter("\n---\na: 1\nb: 2\n---\n# Hi\n").unwrap();
        assert_eq!(s.front, "a: 1\nb: 2\n");
        assert_eq!(s.front_line_offset, 2);
        assert_eq!(s.body, "# Hi\n");
        assert_eq!(s.body_first_line, 6);
    }

    #[test]
    fn missing_or_unclosed_fences_are_named() {
        assert_eq!(
            split_front_matter("title: x\n").unwrap_err(),
            Msg::NoFrontMatter
        );
        assert_eq!(
            split_front_matter("---\ntitle: x\n").unwrap_err(),
            Msg::UnclosedFrontMatter
        );
        assert_eq!(split_front_matter("  \n").unwrap_err(), Msg::EmptyFile);
    }
}
