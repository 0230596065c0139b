//! Cleaning the portal's text: HTML tags and entities out, NFC, no
//! control or invisible characters, spaces collapsed, words glued by the
//! portal split again; and turning it into safe Markdown.

/// Cleans a text that may run over several lines: tags and entities,
/// NFC, invisible and control characters, spaces collapsed on each line,
/// blank lines at the ends dropped and runs of blank lines made one.
pub(crate) fn clean(s: &str) -> String {
    let s = strip_tags(s);
    let s = crate::text::nfc(&s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\r' => {}
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' => {}
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    for line in out.split('\n') {
        let line = line
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// [`clean`], on one line.
pub(crate) fn line(s: &str) -> String {
    clean(s)
        .split('\n')
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Leading list marks and decoration of a portal line: `- `, `+ `, `* `, `•`.
pub(crate) fn unmark(s: &str) -> &str {
    s.trim_start_matches(['-', '+', '*', '•', '–', ' '])
}

/// Removes HTML: `script` and `style` elements with their content, every
/// other tag, and decodes the common entities.
fn strip_tags(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let lower = s.to_ascii_lowercase();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let lrest = &lower[i..];
        if lrest.starts_with("<script") || lrest.starts_with("<style") {
            let end_tag = if lrest.starts_with("<script") {
                "</script"
            } else {
                "</style"
            };
            match lrest.find(end_tag) {
                Some(j) => {
                    let after = &lrest[j..];
                    i += j + after.find('>').map(|k| k + 1).unwrap_or(after.len());
                }
                None => i = s.len(),
            }
            continue;
        }
        if let Some(after) = rest.strip_prefix('<') {
            let next = after.chars().next();
            let is_tag =
                next.is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
            if is_tag && let Some(j) = rest.find('>') {
                out.push(' ');
                i += j + 1;
                continue;
            }
        }
        if rest.starts_with('&')
            && let Some(j) = rest[..rest.len().min(12)].find(';')
            && let Some(c) = entity(&rest[1..j])
        {
            out.push(c);
            i += j + 1;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => ' ',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code).filter(|c| !c.is_control())?
        }
    })
}

/// A legal text cleaned, with words the portal glued split again: a
/// document number run straight into the next word (`53/2025/TT-BCAngày`
/// → `53/2025/TT-BCA ngày`).
pub(crate) fn legal(s: &str) -> String {
    let s = line(s);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        // a code: digits, '/', then a run of capitals, digits and '-'
        let start_code = chars[i] == '/' && i > 0 && chars[i - 1].is_ascii_digit();
        out.push(chars[i]);
        i += 1;
        if !start_code {
            continue;
        }
        let mut j = i;
        while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '/') {
            j += 1;
        }
        let caps_start = j;
        while j < chars.len()
            && (chars[j].is_uppercase()
                || chars[j].is_ascii_digit()
                || chars[j] == '-'
                || chars[j] == '/')
        {
            j += 1;
        }
        let mut end = j;
        let glued = end < chars.len() && chars[end].is_lowercase() && end > caps_start;
        // "QH14Luật": the capital before the lower-case letter starts the word
        if glued && end - caps_start >= 2 && chars[end - 2].is_ascii_digit() {
            end -= 1;
        }
        out.extend(&chars[i..end]);
        if glued && end > caps_start {
            out.push(' ');
        }
        i = end;
    }
    out
}

/// Escapes text for a Markdown paragraph or list item: every character
/// Markdown gives a meaning to is written as itself.
pub(crate) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '!'
                | '&'
                | '{'
                | '}'
        ) || (i == 0 && matches!(c, '-' | '+' | '='))
        {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. x" or "1) x" at the start would become a list
    if let Some(pos) = out.find(['.', ')'])
        && pos > 0
        && out[..pos].bytes().all(|b| b.is_ascii_digit())
    {
        out.insert(pos, '\\');
    }
    out
}

/// Portal text as Markdown blocks: lines starting with `-`, `+` or `•`
/// become list items (`+` nested under the item before), other lines
/// paragraphs. `indent` is put before every line (to nest in a list).
pub(crate) fn md_blocks(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for l in clean(text).split('\n') {
        if l.is_empty() {
            continue;
        }
        let t = l.trim_start();
        if t.starts_with(['-', '•', '–']) && unmark(t).len() < t.len() {
            if !in_list && !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("{indent}- {}\n", md(unmark(t))));
            in_list = true;
        } else if t.starts_with('+') && in_list {
            out.push_str(&format!("{indent}  - {}\n", md(unmark(t))));
        } else {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("{indent}{}\n", md(t)));
            in_list = false;
        }
    }
    out
}

/// Splits "Bước 1: … Bước 2: …" into the steps' texts; `None` unless the
/// text has steps numbered 1, 2, … (at least two). Text before step 1
/// is returned first.
pub(crate) fn split_steps(text: &str) -> Option<(String, Vec<String>)> {
    let t = clean(text);
    let mut marks: Vec<(usize, usize)> = Vec::new(); // (byte start, byte after the mark)
    let mut search = 0;
    let mut want = 1;
    while let Some(rel) = t[search..].find("Bước") {
        let at = search + rel;
        let after = &t[at + "Bước".len()..];
        let digits_start = after.len() - after.trim_start().len();
        let num: String = after[digits_start..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let rest = &after[digits_start + num.len()..];
        let punct = rest.trim_start().chars().next();
        let starts_line =
            t[..at].trim_end_matches(' ').ends_with('\n') || t[..at].trim().is_empty();
        if num.parse::<usize>().ok() == Some(want)
            && matches!(punct, Some(':' | '.' | ')' | '-'))
            && starts_line
        {
            let punct_at = rest.len() - rest.trim_start().len() + 1;
            let end = at + "Bước".len() + digits_start + num.len() + punct_at;
            marks.push((at, end));
            want += 1;
        }
        search = at + "Bước".len();
    }
    if marks.len() < 2 {
        return None;
    }
    let before = t[..marks[0].0].trim().to_string();
    let steps = marks
        .iter()
        .enumerate()
        .map(|(i, &(_, start))| {
            let end = marks.get(i + 1).map(|m| m.0).unwrap_or(t.len());
            t[start..end].trim().to_string()
        })
        .collect();
    Some((before, steps))
}

/// A step as a Markdown list item: its first line the item, `-` lines
/// nested items, other lines joined to the line before.
pub(crate) fn md_step(n: usize, step: &str) -> String {
    let mut head = String::new();
    let mut subs: Vec<String> = Vec::new();
    for l in step.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if l.starts_with(['-', '+', '•', '–']) && unmark(l).len() < l.len() {
            subs.push(unmark(l).to_string());
        } else if let Some(last) = subs.last_mut() {
            last.push(' ');
            last.push_str(l);
        } else {
            if !head.is_empty() {
                head.push(' ');
            }
            head.push_str(l);
        }
    }
    let mut out = format!("{n}. {}\n", md(&head));
    for s in subs {
        out.push_str(&format!("   - {}\n", md(&s)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_tags_entities_invisible_characters() {
        assert_eq!(
            clean("<p>Tờ&nbsp;khai <script>alert(1)</script><b>CT01</b></p>\u{200e}  \n\n\n x"),
            "Tờ khai CT01\n\nx"
        );
        assert_eq!(line("a\u{2028}b\u{7}c"), "a bc");
        // NFD in, NFC out
        assert_eq!(line("Đăng ky\u{301}"), "Đăng ký");
        assert_eq!(clean("a < b và c > d"), "a < b và c > d");
    }

    #[test]
    fn glued_legal_words_are_split() {
        assert_eq!(
            legal("Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an"),
            "Thông tư số 53/2025/TT-BCA ngày 01/7/2025 của Bộ Công an"
        );
        assert_eq!(
            legal("Luật số 68/2020/QH14Luật Cư trú"),
            "Luật số 68/2020/QH14 Luật Cư trú"
        );
        assert_eq!(
            legal(" Nghị định 154/2024/NĐ-CP  "),
            "Nghị định 154/2024/NĐ-CP"
        );
        assert_eq!(legal("66.7/2025/NQ-CP của"), "66.7/2025/NQ-CP của");
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(
            md("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(md("<img src=x>"), "\\<img src=x\\>");
        assert_eq!(md("1. không phải danh sách"), "1\\. không phải danh sách");
        assert_eq!(md("- a"), "\\- a");
    }

    #[test]
    fn steps_split_on_numbered_words() {
        let (before, steps) =
            split_steps("Bước 1: Chuẩn bị.\n Bước 2: Nộp.\n- a\n- b\n Bước 3: Nhận.").unwrap();
        assert_eq!(before, "");
        assert_eq!(steps, vec!["Chuẩn bị.", "Nộp.\n- a\n- b", "Nhận."]);
        assert_eq!(md_step(2, &steps[1]), "2. Nộp.\n   - a\n   - b\n");
        assert!(split_steps("- Nếu lựa chọn nộp trực tiếp…\n- Cán bộ…").is_none());
        assert!(split_steps("Bước 1: chỉ một bước").is_none());
    }
}
