//! Cleaning the portal's text: HTML tags and entities out, NFC, no
//! control or invisible characters, spaces collapsed, words glued by the
//! portal split again; and turning it into safe Markdown.

/// Cleans a text that may run over several lines: tags and entities,
/// NFC, invisible and control characters, spaces collapsed on each line,
/// blank lines at the ends dropped and runs of blank lines made one.
pub(crate) fn clean(s: &str) -> String {
    let mut s = strip_tags(s);
    // a text escaped twice (`&lt;p&gt;Đăng ký&amp;nbsp;&lt;/p&gt;`): what
    // came out is HTML still, and is cleaned once more
    if still_html(&s) {
        s = strip_tags(&s);
    }
    let s = crate::text::nfc(&s);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // a bare CR (old Mac line ends, some Word exports) ends a line
            '\r' if chars.peek() != Some(&'\n') => out.push('\n'),
            '\r' => {}
            // a soft hyphen is invisible until a word breaks
            '\u{ad}' => {}
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                out.push(' ')
            }
            // a zero-width space (or a byte-order mark) that is the only
            // gap between two words stands for a space: Vietnamese never
            // joins syllables ("Đăng\u{200b}ký" was "Đăngký")
            '\u{200b}' | '\u{feff}'
                if out.chars().last().is_some_and(char::is_alphabetic)
                    && chars.peek().is_some_and(|c| c.is_alphabetic()) =>
            {
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
    let cleaned = clean(s);
    let mut out = String::with_capacity(cleaned.len());
    // whether the line just written is a table's row
    let mut row = false;
    for l in cleaned.split('\n').filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            // a table's row ends where the next line starts: "Bản sao |
            // 8.000 đồng; Bản chính | Miễn phí", not one run of cells
            let row_ends = row && !out.ends_with(['.', ';', ':']);
            out.push_str(if row_ends { "; " } else { " " });
        }
        out.push_str(l);
        row = l.contains(" | ");
    }
    out
}

/// Text whose UTF-8 bytes were read as Windows-1252 or Latin-1 by some
/// program on the way ("Thá»§ tá»¥c" for "Thủ tục"), put back; `None` when
/// `s` is not such text. Genuine text is never taken for it: each of its
/// letters must stand for one byte and the bytes must make UTF-8, which
/// Vietnamese (ư, ơ, ạ are no such letters) and Latin-1 words ("café")
/// do not.
pub(crate) fn unmangled(s: &str) -> Option<String> {
    /// Windows-1252's letters for the bytes 0x80–0x9F; the five it leaves
    /// out stay control characters.
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    if s.is_ascii() {
        return None;
    }
    let mut bytes = Vec::with_capacity(s.len());
    for c in s.chars() {
        let b = match u8::try_from(u32::from(c)) {
            Ok(b) => b,
            Err(_) => 0x80 + u8::try_from(HIGH.iter().position(|&h| h == c)?).ok()?,
        };
        bytes.push(b);
    }
    let text = String::from_utf8(bytes).ok()?;
    (text != s).then_some(text)
}

/// A field's text without Markdown's marks, which a field shows as typed:
/// `**đậm**` is `đậm`, `[mẫu CT01](https://…)` is `mẫu CT01 (https://…)`
/// (the address kept, to be read; a link in a field cannot be tapped).
pub(crate) fn unmarked(s: &str) -> String {
    if !s.contains("**") && !s.contains("](") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let url = &after[close + 2..];
            let end = url.find(')')?;
            Some((&after[..close], &url[..end], close + 2 + end + 1))
        });
        match link {
            Some((text, url, len)) if !text.contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(text);
                if !url.trim().is_empty() {
                    out.push_str(&format!(" ({})", url.trim()));
                }
                rest = &after[len..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    // bold marks in pairs (a lone `**` stays: it is no mark)
    if out.matches("**").count() >= 2 {
        let pairs = out.matches("**").count() / 2 * 2;
        let mut n = 0;
        let mut plain = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(at) = rest.find("**") {
            plain.push_str(&rest[..at]);
            if n >= pairs {
                plain.push_str("**");
            }
            n += 1;
            rest = &rest[at + 2..];
        }
        plain.push_str(rest);
        out = plain;
    }
    out
}

/// Leading list marks and decoration of a portal line: `- `, `+ `, `* `, `•`.
pub(crate) fn unmark(s: &str) -> &str {
    s.trim_start_matches(['-', '+', '*', '•', '–', ' '])
}

/// HTML elements, lower case: only these (and Word's namespaced tags,
/// `<o:p>`) are taken for tags, so text in angle brackets (`<Mẫu CT01>`,
/// `<số nhà, đường>`) stays text.
#[rustfmt::skip]
const ELEMENTS: &[&str] = &[
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo",
    "big", "blockquote", "body", "br", "button", "caption", "center", "cite", "code", "col",
    "colgroup", "data", "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt", "em",
    "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe", "img", "input", "ins",
    "kbd", "label", "legend", "li", "link", "main", "mark", "meta", "nav", "noscript", "object",
    "ol", "option", "p", "pre", "q", "s", "samp", "script", "section", "select", "small",
    "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody",
    "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "tt", "u",
    "ul", "var", "wbr", "xml",
];

/// Elements that start a new line of text (their closing tags too).
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul",
];

/// The tag at the start of `rest` (which starts with `<`): its name in
/// lower case, whether it closes, and its length up to and with `>`.
fn tag(rest: &str) -> Option<(String, bool, usize)> {
    let after = rest.strip_prefix('<')?;
    let (closing, after) = match after.strip_prefix('/') {
        Some(a) => (true, a),
        None => (false, after),
    };
    let len = after
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b':')
        .count();
    let name = after[..len].to_ascii_lowercase();
    let known = ELEMENTS.contains(&name.as_str()) || (name.contains(':') && len > 2);
    let next = after[len..].chars().next()?;
    if len == 0 || !known || !(next.is_whitespace() || next == '/' || next == '>') {
        return None;
    }
    Some((name, closing, rest.find('>')? + 1))
}

/// Whether `s` holds a tag of HTML or an entity (`&nbsp;`, `&#7871;`).
fn still_html(s: &str) -> bool {
    let tag_at = s
        .match_indices('<')
        .any(|(i, _)| tag(&s[i..]).is_some() || s[i..].starts_with("<!--"));
    let entity_at = s.match_indices('&').any(|(i, _)| {
        let rest = &s[i + 1..];
        let name = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .count();
        (2..=10).contains(&name) && rest[name..].starts_with(';')
    });
    tag_at || entity_at
}

/// Removes HTML: comments (with what Word puts in them), `script`,
/// `style` and Word's `xml` elements with their content, and every other
/// tag; a block element (`p`, `div`, `br`, `li`, `tr`, …) starts a new
/// line, a list item with "- ", a table's cells are apart with " | "; then decodes every HTML entity (`&aacute;`,
/// `&#7871;`, `&nbsp;`). Text that only looks like a tag stays.
fn strip_tags(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    // inside a table's cell, where a paragraph (Word puts each cell's
    // text in one) keeps to the row
    let mut in_cell = false;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |j| j + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            // a doctype or an XML declaration
            if let Some(j) = rest.find('>') {
                i += j + 1;
                continue;
            }
        }
        if rest.starts_with('<')
            && let Some((name, closing, len)) = tag(rest)
        {
            i += len;
            if !closing && matches!(name.as_str(), "script" | "style" | "xml") {
                // the element's content is not text: up to its end tag
                let close = format!("</{name}");
                let lower = s[i..].to_ascii_lowercase();
                i += match lower.find(&close) {
                    Some(j) => j + lower[j..].find('>').map_or(lower.len() - j, |k| k + 1),
                    None => lower.len(),
                };
                continue;
            }
            let block = BLOCKS.contains(&name.as_str());
            let row = matches!(name.as_str(), "tr" | "table" | "tbody" | "thead" | "tfoot");
            if in_cell && block && !row {
                if !out.ends_with([' ', '\n']) {
                    out.push(' ');
                }
            } else if block && !out.ends_with('\n') {
                out.push('\n');
            }
            if matches!(name.as_str(), "td" | "th") {
                in_cell = !closing;
            } else if row {
                in_cell = false;
            }
            match name.as_str() {
                "li" if !closing => out.push_str("- "),
                // a table's row is a line, its cells apart with " | "
                // (cells run together read as one sentence)
                "td" | "th" if !closing => {
                    let row = out.rsplit('\n').next().unwrap_or_default();
                    out.push_str(if row.trim().is_empty() { " " } else { " | " });
                }
                "td" | "th" => out.push(' '),
                _ => {}
            }
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    htmlize::unescape(out).into_owned()
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
        // "QH14Luật", "NĐ-CPSửa": the capital before the lower-case
        // letters starts the word when it makes one syllable with them
        // ("Luật", "Sửa"); in "TT-BCAngày" it does not ("Angày")
        if glued && end - caps_start >= 2 && chars[end - 1].is_uppercase() {
            let word: String = chars[end - 1..]
                .iter()
                .take_while(|c| c.is_alphabetic())
                .collect();
            if syllable(&word) {
                end -= 1;
            }
        }
        out.extend(&chars[i..end]);
        if glued && end > caps_start {
            out.push(' ');
        }
        i = end;
    }
    out
}

/// Whether `word` is one Vietnamese syllable: an initial consonant (or
/// none), one to three vowels, and a final consonant or none (`sửa`,
/// `Luật`, `ngày`; not `Angày`).
fn syllable(word: &str) -> bool {
    use unicode_normalization::UnicodeNormalization as _;
    // letters without tone or vowel marks (đ stays đ)
    let bare: String = word
        .to_lowercase()
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect();
    const INITIALS: &[&str] = &[
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
        "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ];
    const FINALS: &[&str] = &["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];
    INITIALS.iter().any(|i| {
        let Some(rest) = bare.strip_prefix(i) else {
            return false;
        };
        let vowels = rest.chars().take_while(|c| "aeiouy".contains(*c)).count();
        (1..=3).contains(&vowels) && FINALS.contains(&&rest[vowels..])
    })
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
    let cleaned = clean(text);
    let lines = cleaned.split('\n').flat_map(unglue);
    for l in lines {
        // (a rule of dashes is no list item)
        if l.is_empty()
            || l.trim()
                .chars()
                .all(|c| matches!(c, '-' | '–' | '—' | '_' | '='))
        {
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

/// A list line the portal glued into one ("- A. - B; - C"): one line per
/// item, split where a sentence ends (`.`, `;`, `:`) before " - " and a
/// capital letter. Other lines stay whole.
fn unglue(l: &str) -> Vec<&str> {
    if !l.trim_start().starts_with(['-', '•', '–']) {
        return vec![l];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(rel) = l[from..].find(" - ") {
        let at = from + rel;
        let ends = l[..at].ends_with(['.', ';', ':']);
        let capital = l[at + 3..].chars().next().is_some_and(char::is_uppercase);
        if ends && capital {
            out.push(&l[start..at]);
            start = at + 1;
        }
        from = at + 3;
    }
    out.push(&l[start..]);
    out
}

/// `s` after `prefix` (written in small letters) whatever the capitals
/// `s` writes it in ("THỦ TỤC …", "Bước 2").
pub(crate) fn strip_prefix_any_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let mut chars = s.char_indices();
    for want in prefix.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(std::iter::once(want)) {
            return None;
        }
    }
    Some(chars.next().map_or("", |(i, _)| &s[i..]))
}

/// The byte length of the word "bước" at `at` of `t`, written in any
/// capitals.
fn word_at(t: &str, at: usize) -> Option<usize> {
    let rest = &t[at..];
    strip_prefix_any_case(rest, "bước").map(|after| rest.len() - after.len())
}

/// Splits "Bước 1: … Bước 2: …" into the steps' texts; `None` unless the
/// text has steps numbered 1, 2, … (at least two). Text before step 1
/// is returned first, and last whether the portal's numbers were off
/// (a step numbered again, `Bước 2` twice, or one skipped, `Bước 4` after
/// `Bước 2`: taken at the start of a line or a sentence, numbered anew;
/// or a mark too far off left inside a step). "Bước" in any
/// case ("bước", "BƯỚC") counts where a line or a sentence starts ("… hồ
/// sơ. Bước 2: …" on one line too).
pub(crate) fn split_steps(text: &str) -> Option<(String, Vec<String>, bool)> {
    let t = clean(text);
    let word = |at: usize| word_at(&t, at);
    let mut marks: Vec<(usize, usize)> = Vec::new(); // (byte start, byte after the mark)
    let mut want = 1;
    let mut renumbered = false;
    // two sequences ("Bước 1 … Bước 2 …" for each way of submitting):
    // numbers are taken only in order, as written
    let restarts = t
        .lines()
        .filter(|l| {
            // (a list item's too: "- Bước 1:")
            let l = unmark(l.trim_start()).to_lowercase();
            l.strip_prefix("bước").is_some_and(|r| {
                r.trim_start().starts_with('1')
                    && !r.trim_start()[1..].starts_with(|c: char| c.is_ascii_digit())
            })
        })
        .count()
        > 1;
    for (at, c) in t.char_indices() {
        let Some(len) = matches!(c, 'B' | 'b').then(|| word(at)).flatten() else {
            continue;
        };
        let after = &t[at + len..];
        let digits_start = after.len() - after.trim_start().len();
        let num: String = after[digits_start..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let rest = &after[digits_start + num.len()..];
        let punct = rest.trim_start().chars().next();
        let before = t[..at].trim_end_matches([' ', '\t']);
        let starts = mark_starts(before);
        // (a list item's mark counts only as the very next step: a list
        // of notes after the steps, "- Bước 1: có thể nộp trực tuyến",
        // is no step)
        let in_list = bare_mark(last_line(before));
        let n = num.parse::<usize>().ok();
        // a sub-step ("Bước 2.1:") is part of its step
        let sub = rest.trim_start().starts_with('.')
            && rest.trim_start()[1..].starts_with(|c: char| c.is_ascii_digit());
        // numbered again or one skipped, at the start of a line or of a
        // sentence ("Bước 1: Nộp. Bước 2: Thẩm định. Bước 2: Trả.")
        let off = starts
            && !in_list
            && !restarts
            && !marks.is_empty()
            && n.is_some_and(|n| n + 1 >= want && n <= want + 2);
        if (n == Some(want) || off)
            && !sub
            && matches!(punct, Some(':' | '.' | ')' | '-'))
            && starts
        {
            renumbered |= n != Some(want);
            let punct_at = rest.len() - rest.trim_start().len() + 1;
            let end = at + len + digits_start + num.len() + punct_at;
            marks.push((at, end));
            want += 1;
        }
    }
    if marks.len() < 2 {
        return None;
    }
    let before = t[..marks[0].0].trim().to_string();
    let steps: Vec<String> = marks
        .iter()
        .enumerate()
        .map(|(i, &(_, start))| {
            let end = marks.get(i + 1).map(|m| m.0).unwrap_or(t.len());
            // (without the list item's mark the next step begins with)
            let step = t[start..end].trim();
            match step.rsplit_once('\n') {
                Some((text, last)) if bare_mark(last) => text.trim_end(),
                _ => step,
            }
            .to_string()
        })
        .collect();
    // a mark left inside a step ("Bước 2: … Bước 5: …", numbered far
    // off): the step may hold two, for a clerk to look at
    let inner = |step: &str| {
        step.char_indices().skip(1).any(|(at, c)| {
            let before = step[..at].trim_end_matches([' ', '\t']);
            matches!(c, 'B' | 'b')
                && mark_starts(before)
                && word_at(step, at).is_some_and(|len| {
                    let after = step[at + len..].trim_start();
                    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                    digits > 0
                        && after[digits..]
                            .trim_start()
                            .starts_with([':', '.', ')', '-'])
                })
        })
    };
    renumbered |= steps.iter().any(|s| inner(s));
    Some((before, steps, renumbered))
}

/// Whether `line` is a list item's mark and nothing else (the `- ` the
/// portal's `<li>` became, before the text on the next line).
fn bare_mark(line: &str) -> bool {
    let l = line.trim();
    !l.is_empty() && unmark(l).is_empty()
}

/// The last line of `text`.
fn last_line(text: &str) -> &str {
    text.rsplit('\n').next().unwrap_or(text)
}

/// Whether a step's mark ("Bước 3:") after `before` (the text before it,
/// without the spaces just before it) begins a step: at the start of the
/// text, of a line, of a sentence, or of a list item ("- Bước 3:", the
/// portal's steps 1–2 written as paragraphs and 3–4 as a list: steps 3
/// and 4 were taken for part of step 2, and posters printed them so).
fn mark_starts(before: &str) -> bool {
    before.is_empty()
        || before.ends_with(['\n', '.', ';', ':', '!', '?'])
        || bare_mark(last_line(before))
}

/// How a line of a step marks a sub-item: `-` (`•`, `–`), `+`, or a
/// letter or number (`a)`, `(b)`, `1.`, `2)`, `(ii)`), kept in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Dash,
    Plus,
    Counted,
}

/// The mark of a sub-item line (trimmed), and its text.
fn sub_item(l: &str) -> Option<(Mark, &str)> {
    if l.starts_with(['-', '•', '–']) && unmark(l).len() < l.len() {
        return Some((Mark::Dash, unmark(l)));
    }
    // ("+84 236 …" is a phone number, not an item)
    if l.starts_with('+') && !l[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return Some((Mark::Plus, unmark(l)));
    }
    // "a) ", "(b) ", "1. ", "2) ", "(ii) ": a letter, roman numerals or
    // up to two digits, closed, then a space
    let open = l.strip_prefix('(');
    let rest = open.unwrap_or(l);
    let end = rest.find([')', '.'])?;
    let (label, after) = (&rest[..end], &rest[end..]);
    let closed = match open {
        Some(_) => after.starts_with(')'),
        None => true,
    };
    let letter = label.chars().count() == 1 && label.chars().all(|c| c.is_lowercase());
    let roman = !label.is_empty() && label.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let number = (1..=2).contains(&label.len()) && label.bytes().all(|b| b.is_ascii_digit());
    let dot_ok = after.starts_with(')') || number;
    (closed && dot_ok && (letter || roman || number) && after[1..].starts_with(' '))
        .then_some((Mark::Counted, l))
}

/// A step as a Markdown list item: its first line the item; lines marked
/// as sub-items (`-`, `+`, `a)`, `1.`, `(i)`) nested items, the kind of
/// mark met first at the first level and others under the item before;
/// other lines joined to the line before.
pub(crate) fn md_step(n: usize, step: &str) -> String {
    let mut head = String::new();
    let mut subs: Vec<(usize, String)> = Vec::new();
    let mut first: Option<Mark> = None;
    for l in step.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if let Some((mark, text)) = sub_item(l) {
            let top = *first.get_or_insert(mark);
            let level = match mark == top || subs.is_empty() {
                true => 1,
                false => 2,
            };
            subs.push((level, text.to_string()));
        } else if let Some((_, last)) = subs.last_mut() {
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
    // (under "10. " an item is indented by four spaces, not three: less
    // would close the list)
    let width = format!("{n}. ").len();
    for (level, s) in subs {
        let indent = " ".repeat(width + 3 * (level - 1));
        out.push_str(&format!("{indent}- {}\n", md(&s)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_escaped_twice_is_cleaned_twice() {
        let twice = "&lt;p&gt;Đăng ký tạm trú&amp;nbsp;&lt;/p&gt;";
        assert_eq!(clean(twice), "Đăng ký tạm trú");
        assert_eq!(
            line("&lt;strong&gt;Công an xã&lt;/strong&gt;"),
            "Công an xã"
        );
        // once is once: text that only speaks of HTML stays
        assert_eq!(clean("a &lt; b &amp; c"), "a < b & c");
        assert_eq!(clean("Ghi &amp;lt;p&amp;gt; vào ô"), "Ghi <p> vào ô");
    }

    #[test]
    fn cleans_tags_entities_invisible_characters() {
        assert_eq!(
            clean("<p>Tờ&nbsp;khai <script>alert(1)</script><b>CT01</b></p>\u{200e}  \n\n\n x"),
            "Tờ khai CT01\n\nx"
        );
        assert_eq!(line("a\u{2028}b\u{7}c"), "a bc");
        // bare CR line ends, soft hyphens, a rule of dashes
        assert_eq!(
            clean("như sau:\r- Trường hợp\r\nhết"),
            "như sau:\n- Trường hợp\nhết"
        );
        assert_eq!(line("đăng\u{ad}ký"), "đăngký");
        // a zero-width space or a BOM as the only gap between two words is
        // a space; beside a space or a mark it is nothing
        assert_eq!(line("Đăng\u{200b}ký khai\u{feff}sinh"), "Đăng ký khai sinh");
        assert_eq!(
            line("Tờ khai \u{200b}CT01\u{200b}.doc\u{200b}"),
            "Tờ khai CT01.doc"
        );
        assert_eq!(line("20\u{200b}000 đồng"), "20000 đồng");
        assert_eq!(md_blocks("Ghi chú\n---\n- Một", ""), "Ghi chú\n\n- Một\n");
        // NFD in, NFC out
        assert_eq!(line("Đăng ky\u{301}"), "Đăng ký");
        assert_eq!(clean("a < b và c > d"), "a < b và c > d");
    }

    #[test]
    fn html_of_older_sources_becomes_lines_and_letters() {
        // an ampersand before Vietnamese letters (a panic once), every
        // named entity, numeric ones
        assert_eq!(
            line("Sở Tài nguyên & Môi trường"),
            "Sở Tài nguyên & Môi trường"
        );
        assert_eq!(line("Phòng &ndash; Tổ &amp Đội"), "Phòng – Tổ & Đội");
        assert_eq!(
            line("C&aacute;c c&aacute; nh&acirc;n &#273;&#x1EBF;n"),
            "Các cá nhân đến"
        );
        assert_eq!(line("&ldquo;Mẫu&rdquo;&hellip;"), "“Mẫu”…");
        // paragraphs, line breaks and list items are lines; inline tags
        // join, not split, letters
        assert_eq!(
            clean(
                "<p>Bước 1: Chuẩn bị.</p><p>Bước 2: Nộp:</p><ul><li>tờ khai</li><li>CCCD</li></ul><p>Bư<b>ớc</b> 3: Nhận<br>kết quả.</p>"
            ),
            "Bước 1: Chuẩn bị.\nBước 2: Nộp:\n- tờ khai\n- CCCD\nBước 3: Nhận\nkết quả."
        );
        let (_, steps, _) =
            split_steps("<p>Bước 1: A.</p><p>Bước 2: B.</p><p>Bước 3: C.</p>").unwrap();
        assert_eq!(steps, vec!["A.", "B.", "C."]);
        // text in angle brackets stays, once decoded and when written so
        assert_eq!(line("&lt;số nhà, đường&gt;"), "<số nhà, đường>");
        assert_eq!(line(&line("&lt;số nhà, đường&gt;")), "<số nhà, đường>");
        assert_eq!(line("ghi <Mau CT01> vào"), "ghi <Mau CT01> vào");
        // what Word leaves: conditional comments, XML islands, o:p
        assert_eq!(
            line(
                "<!--[if gte mso 9]><xml><w:WordDocument>Normal 0</w:WordDocument></xml><![endif]-->Tờ khai<o:p></o:p>"
            ),
            "Tờ khai"
        );
        assert_eq!(line("<xml>Normal 0 false</xml>Tờ khai"), "Tờ khai");
        assert_eq!(line("<td>Lệ phí</td><td>7.000</td>"), "Lệ phí | 7.000");
        assert_eq!(
            clean(
                "<table><tr><th>Giấy tờ</th><th>Số bản</th></tr><tr><td>Tờ khai</td><td>01</td></tr></table>"
            ),
            "Giấy tờ | Số bản\nTờ khai | 01"
        );
        // Word puts each cell's text in a paragraph
        assert_eq!(
            clean(
                "<table><tr><td><p>Bản sao</p></td><td><p>8.000 đồng</p><p>mỗi bản</p></td></tr></table>"
            ),
            "Bản sao | 8.000 đồng mỗi bản"
        );
        // on one line (a step, a document), each row stays apart
        assert_eq!(
            line(
                "<p>Nộp lệ phí:</p><table><tr><td>Bản sao</td><td>8.000 đồng</td></tr><tr><td>Bản chính</td><td>Miễn phí</td></tr></table><p>Nộp tại xã.</p>"
            ),
            "Nộp lệ phí: Bản sao | 8.000 đồng; Bản chính | Miễn phí; Nộp tại xã."
        );
    }

    #[test]
    fn a_fields_markdown_marks_are_taken_out() {
        assert_eq!(
            unmarked("**đậm** và [link](http://evil.com) thôi"),
            "đậm và link (http://evil.com) thôi"
        );
        assert_eq!(unmarked("Mẫu [CT01] nộp tại xã"), "Mẫu [CT01] nộp tại xã");
        assert_eq!(unmarked("a ** b"), "a ** b");
        assert_eq!(unmarked("**a** ** b"), "a ** b");
        assert_eq!(unmarked("plain"), "plain");
    }

    #[test]
    fn garbled_letters_are_put_back_and_genuine_ones_left() {
        assert_eq!(
            unmangled("Thá»§ tá»¥c Ä‘Äƒng kÃ½ táº¡m trÃº").as_deref(),
            Some("Thủ tục đăng ký tạm trú")
        );
        // read as Latin-1: the bytes 0x80–0x9F as control characters
        assert_eq!(unmangled("Tá\u{bb}\u{9d} khai").as_deref(), Some("Tờ khai"));
        for genuine in ["Đăng ký tạm trú", "café", "NGÃ BA", "plain", "Bà Ã", "©®"] {
            assert_eq!(unmangled(genuine), None, "{genuine}");
        }
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
        assert_eq!(
            legal("Quyết định 9354/QĐ-BCA-C06ngày 10/10/2025"),
            "Quyết định 9354/QĐ-BCA-C06 ngày 10/10/2025"
        );
        assert_eq!(
            legal("Nghị định 104/2022/NĐ-CPSửa đổi, bổ sung"),
            "Nghị định 104/2022/NĐ-CP Sửa đổi, bổ sung"
        );
        assert_eq!(
            legal("Thông tư 04/2020/TT-BTPVề hộ tịch"),
            "Thông tư 04/2020/TT-BTP Về hộ tịch"
        );
        assert!(syllable("Luật") && syllable("ngày") && syllable("Nghiêng") && syllable("Về"));
        assert!(!syllable("Angày") && !syllable("Csửa") && !syllable("BCA"));
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
    fn list_items_glued_into_one_line_are_split() {
        assert_eq!(
            md_blocks(
                "- Văn bản thuê nhà không phải công chứng. - Người nước ngoài phải có Quyết định; - Trong 60 ngày: - Khác",
                ""
            ),
            "- Văn bản thuê nhà không phải công chứng.\n- Người nước ngoài phải có Quyết định;\n- Trong 60 ngày:\n- Khác\n"
        );
        // a dash inside a sentence, or before a small letter, stays
        assert_eq!(
            md_blocks("- Hà Nội - Hải Phòng. - và thêm", ""),
            "- Hà Nội - Hải Phòng. - và thêm\n"
        );
        assert_eq!(md_blocks("Tuyến A. - B", ""), "Tuyến A. - B\n");
    }

    #[test]
    fn a_steps_sub_items_are_nested_whatever_their_marks() {
        assert_eq!(
            md_step(
                1,
                "Chuẩn bị hồ sơ:\na) Tờ khai CT01;\nb) Giấy tờ chỗ ở.\nđ) Ảnh."
            ),
            "1. Chuẩn bị hồ sơ:\n   - a) Tờ khai CT01;\n   - b) Giấy tờ chỗ ở.\n   - đ) Ảnh.\n"
        );
        // numbers kept as written, not made a list of their own
        assert_eq!(
            md_step(2, "Nộp.\n1. tại xã\n2) qua mạng"),
            "2. Nộp.\n   - 1\\. tại xã\n   - 2\\) qua mạng\n"
        );
        // the mark met first is the first level; another one under it
        assert_eq!(
            md_step(
                3,
                "Kiểm tra:\n(i) Đủ thì nhận;\n- ghi phiếu hẹn\n+ gửi tin nhắn\n(ii) Thiếu thì\nhướng dẫn."
            ),
            "3. Kiểm tra:\n   - (i) Đủ thì nhận;\n      - ghi phiếu hẹn\n      - gửi tin nhắn\n   - (ii) Thiếu thì hướng dẫn.\n"
        );
        assert_eq!(
            md_step(4, "Nộp:\n- Cá nhân: tờ khai;\n+ bản chính;"),
            "4. Nộp:\n   - Cá nhân: tờ khai;\n      - bản chính;\n"
        );
        // under step 10, four spaces; a phone number is no item
        assert_eq!(
            md_step(10, "Gọi:\n- tổng đài\n+84 236 3822 123"),
            "10. Gọi:\n    - tổng đài +84 236 3822 123\n"
        );
        // words that only look like marks stay in the line
        assert_eq!(
            md_step(5, "Nhận kết quả\nv.v. theo giấy hẹn\n15 giờ chiều."),
            "5. Nhận kết quả v.v. theo giấy hẹn 15 giờ chiều.\n"
        );
    }

    #[test]
    fn steps_split_on_numbered_words() {
        let (before, steps, _) =
            split_steps("Bước 1: Chuẩn bị.\n Bước 2: Nộp.\n- a\n- b\n Bước 3: Nhận.").unwrap();
        assert_eq!(before, "");
        assert_eq!(steps, vec!["Chuẩn bị.", "Nộp.\n- a\n- b", "Nhận."]);
        assert_eq!(md_step(2, &steps[1]), "2. Nộp.\n   - a\n   - b\n");
        assert!(split_steps("- Nếu lựa chọn nộp trực tiếp…\n- Cán bộ…").is_none());
        assert!(split_steps("Bước 1: chỉ một bước").is_none());
        // on one line, and in any case
        let (_, steps, _) =
            split_steps("Bước 1: Nộp tờ khai. Bước 2: Nhận giấy hẹn. bước 3: Nhận kết quả.")
                .unwrap();
        assert_eq!(
            steps,
            vec!["Nộp tờ khai.", "Nhận giấy hẹn.", "Nhận kết quả."]
        );
        let (_, steps, _) = split_steps("BƯỚC 1 - Nộp.\nBƯỚC 2. Nhận.").unwrap();
        assert_eq!(steps, vec!["Nộp.", "Nhận."]);
        // steps 1–2 as paragraphs, 3–4 as the portal's list items: four
        // steps (3 and 4 were taken for part of step 2)
        let (_, steps, off) = split_steps(
            "<p>Bước 1: Chuẩn bị hồ sơ.</p><p>Bước 2: Nộp hồ sơ tại UBND xã.</p><ul><li>Bước 3: Công chức kiểm tra hồ sơ.</li><li>Bước 4: Trả kết quả.</li></ul>",
        )
        .unwrap();
        assert_eq!(
            steps,
            vec![
                "Chuẩn bị hồ sơ.",
                "Nộp hồ sơ tại UBND xã.",
                "Công chức kiểm tra hồ sơ.",
                "Trả kết quả."
            ]
        );
        assert!(!off);
        // a sub-step as a list item is part of its step
        let (_, steps, _) = split_steps(
            "<p>Bước 1: Nộp.</p><p>Bước 2: Giải quyết hồ sơ:</p><ul><li>Bước 2.1: Công chức kiểm tra.</li><li>Bước 2.2: Chủ tịch ký.</li></ul><p>Bước 3: Trả kết quả.</p>",
        )
        .unwrap();
        assert_eq!(steps.len(), 3, "{steps:?}");
        assert!(
            steps[1].contains("Bước 2.1") && steps[1].contains("Bước 2.2"),
            "{steps:?}"
        );
        assert_eq!(steps[2], "Trả kết quả.");
        // a list of notes after the steps is no step
        let (_, steps, _) = split_steps(
            "<p>Bước 1: Nộp hồ sơ.</p><p>Bước 2: Nhận kết quả.</p><p>Lưu ý:</p><ul><li>Bước 1: có thể nộp trực tuyến.</li><li>Bước 2: mang theo giấy hẹn.</li></ul>",
        )
        .unwrap();
        assert_eq!(steps.len(), 2, "{steps:?}");
        assert!(steps[0] == "Nộp hồ sơ.", "{steps:?}");
        // a step named inside a sentence is not a new step
        let (_, steps, _) = split_steps("Bước 1: Nộp.\nBước 2: Làm lại như Bước 3: xong.").unwrap();
        assert_eq!(steps.len(), 2);
        // numbers the portal got wrong: each line a step, numbered anew
        let (_, steps, off) =
            split_steps("Bước 1: Điền.\nBước 2: Nộp hồ sơ.\nBước 2: Nộp lệ phí.\nBước 4: Nhận.")
                .unwrap();
        assert_eq!(steps, vec!["Điền.", "Nộp hồ sơ.", "Nộp lệ phí.", "Nhận."]);
        assert!(off);
        // the same in one paragraph
        let (_, steps, off) =
            split_steps("Bước 1: Nộp hồ sơ. Bước 2: Thẩm định. Bước 2: Trả kết quả.").unwrap();
        assert_eq!(steps, vec!["Nộp hồ sơ.", "Thẩm định.", "Trả kết quả."]);
        assert!(off);
        // a mark too far off stays in its step, for a clerk to look at
        let (_, steps, off) =
            split_steps("Bước 1: Nộp hồ sơ. Bước 2: Thẩm định. Bước 7: Trả kết quả.").unwrap();
        assert_eq!(steps.len(), 2);
        assert!(off);
        assert!(!split_steps("Bước 1: A.\nBước 2: B.").unwrap().2);
        // two sequences, one a way: taken in order, as before, and the
        // step that holds the second one's first marks told
        let (_, steps, off) = split_steps(
            "Bước 1: A.\nBước 2: B.\nNộp trực tuyến:\nBước 1: C.\nBước 2: D.\nBước 3: E.",
        )
        .unwrap();
        assert_eq!(steps.len(), 3);
        assert!(off);
    }
}
