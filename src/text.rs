//! Vietnamese text handling shared by every stage: Unicode NFC normalisation,
//! slugs, Vietnamese alphabetical order and date formatting.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use unicode_normalization::UnicodeNormalization;

/// The endings of a web page's file name (`index.html`, `trang-chu.php`),
/// which a site's address, a folder, never ends with.
pub const PAGE_ENDINGS: &[&str] = &["html", "htm", "php", "asp", "aspx", "jsp"];

/// Whether the address path `path` ends in a web page's file name
/// (`/hoabinh/index.html`), not a folder.
pub fn ends_in_page(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .and_then(|last| last.rsplit_once('.'))
        .is_some_and(|(_, ext)| PAGE_ENDINGS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Normalises text to Unicode NFC. Unikey and macOS can give decomposed
/// text (a base letter followed by combining tone marks); everything the
/// build reads goes through here before use.
pub fn nfc(s: &str) -> String {
    if is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// The first word of `text` typed with an old Vietnamese font encoding,
/// TCVN3 (ABC), and pasted as if it were Unicode ("§¨ng ký t¹m tró" for
/// "Đăng ký tạm trú"): (its byte offset, the word). Such a word has a
/// symbol of Latin-1 (`§ ¨ © ª ¬ ® ¸ µ ¶ ¹ ¾` …), which TCVN3 uses for
/// Vietnamese letters, against a letter; symbols Vietnamese text does use
/// beside letters (`°`, `²`, `³`, `±`, `º`, quotes `« »` and `·` unless
/// inside a word, `µ` before a letter, `®` after one) are not taken for
/// it. Two such words are needed, with two symbols among them: one word,
/// or one symbol typed again and again, may be a sign typed on purpose
/// (`chú thích¹ … phụ lục¹`).
pub(crate) fn tcvn3_word(text: &str) -> Option<(usize, &str)> {
    // (most texts have no character from U+0080 to U+00BF at all: their
    // UTF-8 has no byte 0xC2, looked for at memchr's speed)
    if !text.as_bytes().contains(&0xC2) {
        return None;
    }
    // (the symbols TCVN3 gives letters to; `º`, `´`, `¯`, `¿` it does
    // not, and `°`, `²`, `³`, `±`, the soft hyphen are typed for
    // themselves)
    let symbol = |c: char| {
        ('\u{A1}'..='\u{BF}').contains(&c)
            && !matches!(c, '°' | '²' | '³' | '±' | '\u{AD}' | 'º' | '´' | '¯' | '¿')
    };
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    old_font_word(text, symbol, |c, prev, next| {
        match (c, letter(prev), letter(next)) {
            // quotes and a middle dot inside a word only
            ('«' | '»' | '·', before, after) => before && after,
            // à after a consonant ("vµ"), never first (`µg`)
            ('µ', before, _) => before,
            // đ starts a word ("®­îc"), never ends one (`Zalo®`)
            ('®', _, after) => after,
            (_, before, after) => before || after,
        }
    })
}

/// The letters of Latin-1 that VNI Windows (VNI-Times) puts Vietnamese
/// letters together with and Vietnamese never writes: `ñ` for đ, `ö` for
/// ư, `ø` `û` `ï` for the grave, hook and dot-below tones, `å` `ä` `ë`
/// `ü` `æ` `î` (the marks VNI shares with Vietnamese, `á à â ê ô ù õ`,
/// are left out).
const VNI_LETTERS: &str = "ñÑöÖøØûÛïÏåÅäÄëËüÜæÆîÎ";

/// The first word of `text` typed with the old VNI Windows font encoding
/// and pasted as if it were Unicode ("Ñaêng kyù taïm truù" for "Đăng ký
/// tạm trú"): (its byte offset, the word). One of [`VNI_LETTERS`] counts
/// where VNI puts it: a mark right after a vowel (`aø`, `aï`, `ôï`, `eå`),
/// or `ñ` right before one (`Ñaêng`); in a German, Nordic or Spanish
/// name it follows a consonant (`Müller`, `Köln`, `København`) or is one
/// `ñ` again and again (`Muñoz`, `España`). As with [`tcvn3_word`], two
/// words with two of them among them are needed.
pub(crate) fn vni_word(text: &str) -> Option<(usize, &str)> {
    // (all of them are U+00C0–U+00FF, whose UTF-8 starts with 0xC3: most
    // texts have none whose second byte is one of theirs)
    let bytes = text.as_bytes();
    let mut from = 0;
    let found = loop {
        match bytes[from..].iter().position(|&b| b == 0xC3) {
            Some(k) => {
                let at = from + k + 1;
                if bytes.get(at).is_some_and(|&b| vni_second_byte(b)) {
                    break true;
                }
                from = at;
            }
            None => break false,
        }
    };
    if !found {
        return None;
    }
    let vowel = |c: Option<char>| c.is_some_and(|c| "aeiouyôöAEIOUYÔÖ".contains(c));
    old_font_word(
        text,
        |c| VNI_LETTERS.contains(c),
        |c, prev, next| match c {
            'ñ' | 'Ñ' => vowel(next),
            _ => vowel(prev),
        },
    )
}

/// Whether `b`, after 0xC3, makes one of [`VNI_LETTERS`] (each in both
/// cases: an upper case letter's byte is its lower case one's less 0x20).
fn vni_second_byte(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
        && matches!(
            b | 0x20,
            0xA4..=0xA6 | 0xAB | 0xAE | 0xAF | 0xB1 | 0xB6 | 0xB8 | 0xBB | 0xBC
        )
}

/// The first word of `text` where a `symbol` is a `hit` (given the symbol
/// and the characters before it and after it), once a second word, with a
/// second symbol among them, has one too.
fn old_font_word(
    text: &str,
    symbol: impl Fn(char) -> bool,
    hit: impl Fn(char, Option<char>, Option<char>) -> bool,
) -> Option<(usize, &str)> {
    let apart = |c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '"' | '(' | ')');
    let mut first: Option<(usize, &str)> = None;
    let mut symbols = String::new();
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let before = prev;
        prev = Some(c);
        if !symbol(c) || !hit(c, before, next) {
            continue;
        }
        let start = text[..i]
            .char_indices()
            .rev()
            .find(|&(_, c)| apart(c))
            .map_or(0, |(s, c)| s + c.len_utf8());
        let end = text[i..].find(apart).map_or(text.len(), |e| i + e);
        let word = &text[start..end];
        match first {
            None => {
                first = Some((start, word));
                symbols = c.to_string();
            }
            // another word, and another symbol among them: the first word
            // is told (one sign typed again and again, `25ºC … 30ºC`,
            // `Zalo® … Word®`, `resident´s … landlord´s`, is not an old
            // font's text, whose words hold many)
            Some((_, w)) => {
                if !symbols.contains(c) {
                    symbols.push(c);
                }
                if w != word && symbols.chars().count() >= 2 {
                    return first;
                }
            }
        }
    }
    None
}

/// `n` with its digits in groups of three, as the language `lang` writes
/// numbers: `1.200.000` in Vietnamese (and most languages), `1,200,000`
/// in English.
pub(crate) fn grouped(n: usize, lang: &str) -> String {
    let mark = match lang {
        "en" => ',',
        _ => '.',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(d);
    }
    out
}

/// `bytes` as lowercase hexadecimal digits (digests in manifests and keys).
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// [`nfc`] of an owned string, without copying text that is already NFC.
pub fn nfc_owned(s: String) -> String {
    if is_nfc(&s) { s } else { s.nfc().collect() }
}

/// Whether `s` is already NFC. Text made only of characters below U+0300
/// (ASCII, Latin-1, Latin Extended), of Latin Extended Additional
/// (U+1E00–U+1EFF: every precomposed Vietnamese letter), dashes, quotes and
/// dots (U+2010–U+2027) and currency signs (U+20A0–U+20BF, ₫) always is,
/// and is recognised by its bytes alone: a test checks that each of these
/// characters is NFC and combines with nothing before it.
fn is_nfc(s: &str) -> bool {
    simple_text(s.as_bytes()) || unicode_normalization::is_nfc(s)
}

/// See [`is_nfc`].
#[cfg(test)]
fn simple_nfc(c: char) -> bool {
    (c as u32) < 0x300
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || ('\u{2010}'..='\u{2027}').contains(&c)
        || ('\u{20A0}'..='\u{20BF}').contains(&c)
}

/// Whether the UTF-8 text `b` has only simple characters (see [`is_nfc`]), read
/// from their bytes, eight at a time: in UTF-8 every byte below 0xCC is ASCII,
/// a continuation byte or the lead of a character below U+0300, so only the
/// bytes from 0xCC up (the lead of anything higher) are looked at one by one.
fn simple_text(b: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while i < b.len() {
        if let Some(Ok(eight)) = b.get(i..i + 8).map(<[u8; 8]>::try_from) {
            let x = u64::from_le_bytes(eight);
            // a byte at or above 0xCC: its high bit set, and its low seven
            // bits plus 0x34 carrying into the high bit (no carry crosses bytes)
            let lead = x & HIGH & ((x & !HIGH) + 0x3434_3434_3434_3434);
            if lead == 0 {
                i += 8;
                continue;
            }
            i += lead.trailing_zeros() as usize / 8;
        }
        let next = |k: usize| b.get(i + k).copied().unwrap_or(0);
        i += match b[i] {
            0..=0xCB => 1,
            // U+1E00–U+1EFF
            0xE1 if matches!(next(1), 0xB8..=0xBB) => 3,
            // U+2010–U+2027
            0xE2 if next(1) == 0x80 && matches!(next(2), 0x90..=0xA7) => 3,
            // U+20A0–U+20BF
            0xE2 if next(1) == 0x82 && matches!(next(2), 0xA0..=0xBF) => 3,
            _ => return false,
        };
    }
    true
}

/// Turns a Vietnamese title or file name into a URL slug:
/// `Đăng ký tạm trú` → `dang-ky-tam-tru`. Tones are removed, `đ` becomes `d`,
/// anything that is not a letter or digit becomes a single `-`.
pub fn slugify(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// Folds text for matching and slugs: NFC, lower case, tones and other
/// diacritics removed, `đ`/`Đ` → `d`. Letters outside Latin are transliterated.
pub fn fold(s: &str) -> String {
    if is_nfc(s)
        && let Some(folded) = fold_latin(s)
    {
        return folded;
    }
    fold_any(s)
}

/// [`fold`] in general.
fn fold_any(s: &str) -> String {
    let lower = if is_nfc(s) {
        s.to_lowercase()
    } else {
        nfc(s).to_lowercase()
    };
    let mut folded = deunicode::deunicode(&lower);
    folded.make_ascii_lowercase();
    folded
}

/// The first and last letters of the Latin blocks [`fold_latin`] reads
/// from a table (Latin-1 to Latin Extended-B, then Latin Extended
/// Additional, where Vietnamese letters are).
const LATIN: [(u32, u32); 2] = [(0xC0, 0x24F), (0x1E00, 0x1EFF)];

/// [`fold`] of NFC text made only of ASCII and of letters of the [`LATIN`]
/// blocks that fold to one to three ASCII letters each (what Vietnamese
/// text holds), a character at a time from a table made once; `None` for
/// any other text. It gives what [`fold_any`] gives: each such letter
/// lowers to one letter, which transliterates alone, to no space.
fn fold_latin(s: &str) -> Option<String> {
    /// Up to three ASCII letters, and how many.
    type Folded = Option<([u8; 3], u8)>;
    static TABLE: OnceLock<Vec<Folded>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        // ASCII first: a character transliterated to itself stays, lowered
        // (a control character is dropped, but only after a letter that is
        // not ASCII: left to the general way)
        let ascii = (0..0x80u8).map(|b| {
            let c = char::from(b);
            let same = deunicode::deunicode_char(c) == Some(c.encode_utf8(&mut [0; 4]));
            same.then_some(([b.to_ascii_lowercase(), 0, 0], 1))
        });
        let latin = LATIN.iter().flat_map(|&(from, to)| from..=to).map(|c| {
            let mut lower = char::from_u32(c)?.to_lowercase();
            let (Some(l), None) = (lower.next(), lower.next()) else {
                return None;
            };
            let ascii = deunicode::deunicode_char(l)?.as_bytes();
            let fits =
                (1..=3).contains(&ascii.len()) && ascii.iter().all(u8::is_ascii_alphanumeric);
            let mut out = [0u8; 3];
            out.get_mut(..ascii.len())?.copy_from_slice(ascii);
            out.make_ascii_lowercase();
            fits.then_some((out, ascii.len() as u8))
        });
        ascii.chain(latin).collect()
    });
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = c as u32;
        // the table's place of `c`: ASCII, then each block in turn
        let mut at = 0x80;
        let mut place = (c < 0x80).then_some(c as usize);
        for &(from, to) in &LATIN {
            if place.is_none() && (from..=to).contains(&c) {
                place = Some(at + (c - from) as usize);
            }
            at += (to - from + 1) as usize;
        }
        let (bytes, len) = table.get(place?).copied().flatten()?;
        out.extend(bytes[..usize::from(len)].iter().map(|&b| char::from(b)));
    }
    Some(out)
}

fn collator() -> Option<&'static CollatorBorrowed<'static>> {
    static COLLATOR: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    COLLATOR
        .get_or_init(|| {
            let vi = icu_locale_core::locale!("vi");
            let mut prefs = icu_collator::CollatorPreferences::from(&vi);
            // numbers by their value: "số 2" before "số 19", "Mẫu 10"
            // after "Mẫu 9", as a clerk counts them
            prefs.numeric_ordering =
                Some(icu_collator::preferences::CollationNumericOrdering::True);
            Collator::try_new(prefs, CollatorOptions::default()).ok()
        })
        .as_ref()
}

/// Compares two strings in Vietnamese alphabetical order (ICU collation for
/// `vi`: a ă â b c d đ e ê …, tones ordered after letters; digits by the
/// number they make, so "số 2" comes before "số 19"), falling back to code
/// point order only if the collation data could not load.
pub fn vi_cmp(a: &str, b: &str) -> Ordering {
    match collator() {
        Some(c) => c.compare(a, b).then_with(|| a.cmp(b)),
        None => a.cmp(b),
    }
}

/// A calendar date, as written in `updated: 2026-10-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date `days` days after 1970-01-01 (the civil calendar).
    pub fn from_days(days: i64) -> Date {
        // Howard Hinnant's days-to-civil algorithm
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// Days from 1970-01-01 to this date (the inverse of [`Date::from_days`]).
    pub fn days(&self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Whole months from `earlier` to this date (negative if it is later).
    pub fn months_since(&self, earlier: Date) -> i32 {
        let mut m = (i32::from(self.year) - i32::from(earlier.year)) * 12 + i32::from(self.month)
            - i32::from(earlier.month);
        if self.day < earlier.day {
            m -= 1;
        }
        m
    }

    /// Parses `YYYY-MM-DD` and checks that the day exists
    /// (`2026-02-30` is refused).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut parts = s.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        let year: u16 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        let day: u8 = d.parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// `01/10/2026`, the way dates are written in Vietnam.
    pub fn dmy(&self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// `2026-10-01`, for machines (sitemap, `<time datetime>`).
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

/// Whether `id` is a valid short id: `[a-z0-9-]{1,16}`.
pub fn valid_id(id: &str) -> bool {
    (1..=16).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `s` as a YAML value on one line, for a file a clerk reads: as it is when
/// YAML reads it back the same (`Đăng ký tạm trú`), else in double quotes
/// (`"Cấp bản sao: khai sinh"`, `"[Bắt buộc] Khai báo"`, `"Thủ tục #3"`,
/// `"2024"`).
pub(crate) fn yaml_value(s: &str) -> String {
    let read = serde_norway::from_str::<serde_norway::Value>(&format!("v: {s}\n"))
        .ok()
        .and_then(|v| v.get("v").and_then(|x| x.as_str().map(str::to_owned)));
    match read.as_deref() == Some(s) {
        true => s.to_string(),
        // (a JSON string is a YAML one)
        false => serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()),
    }
}

/// Length of a string in characters, for limits users can count.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Escapes text for HTML and XML text and attribute values. Unlike Tera's
/// default it leaves `/` alone, so addresses stay readable and pages small.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut from = 0;
    // copy the text between the five special bytes in one go
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(rep);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_typed_in_tcvn3_are_found_and_signs_typed_on_purpose_are_not() {
        let t = "title: §¨ng ký t¹m tró";
        assert_eq!(tcvn3_word(t), Some((7, "§¨ng")));
        assert_eq!(
            tcvn3_word("agency: C«ng an x·\nsummary: §¨ng ký"),
            Some((8, "C«ng"))
        );
        for fine in [
            "Diện tích 100 m² và 30°C; © 2026",
            "Ghi «Đăng ký» vào ô «Loại thủ tục»",
            "Thứ Hai · Thứ Ba, 7:30 – 11:30",
            "một ký hiệu §5 thôi",
            "Bảo quản ở 25ºC, không quá 30ºC.",
            "Dùng Microsoft Word® hoặc Zalo® trên điện thoại",
            "Số Nº 5 và Nº 6; liều 5 µg và 3 µm",
            "Xem ghi chú¹ và phụ lục¹",
            "the resident´s ID and the landlord´s contract",
        ] {
            assert_eq!(tcvn3_word(fine), None, "{fine}");
        }
    }

    #[test]
    fn the_second_bytes_of_vni_letters_are_theirs_alone() {
        for b in 0x80..=0xBFu8 {
            let c = std::str::from_utf8(&[0xC3, b])
                .ok()
                .and_then(|s| s.chars().next());
            assert_eq!(
                vni_second_byte(b),
                c.is_some_and(|c| VNI_LETTERS.contains(c)),
                "{b:#x}"
            );
        }
    }

    #[test]
    fn words_typed_in_vni_are_found_and_names_from_abroad_are_not() {
        let t = "title: Ñaêng kyù taïm truù";
        assert_eq!(vni_word(t), Some((7, "Ñaêng")));
        assert_eq!(
            vni_word("agency: UÛy ban nhaân daân xaõ\nsummary: Ñöôïc caáp"),
            Some((8, "UÛy"))
        );
        for fine in [
            "Đăng ký tạm trú, được cấp thẻ căn cước; huỷ, ngỡ, tù, hoà, thuế",
            "Ông Müller đến từ Đức",
            "Xem trang España",
            "Giấy tờ của ông Müller và ông Müller",
            "Hồ sơ của ông Jörg Müller, quốc tịch Đức, sinh tại Köln.",
            "Tổng lãnh sự quán tại Düsseldorf và München; văn phòng tại Köln.",
            "Chứng chỉ tiếng Đức B1 (Goethe-Zertifikat, telc, ÖSD); Prüfung.",
            "Lãnh sự quán tại København (Đan Mạch) và Malmö (Thụy Điển).",
            "Bà Muñoz và ông Peña, quốc tịch Tây Ban Nha (España)",
        ] {
            assert_eq!(vni_word(fine), None, "{fine}");
        }
    }

    #[test]
    fn a_yaml_value_is_quoted_only_when_yaml_would_read_it_otherwise() {
        assert_eq!(yaml_value("Đăng ký tạm trú"), "Đăng ký tạm trú");
        for (s, q) in [
            ("Cấp bản sao: khai sinh", "\"Cấp bản sao: khai sinh\""),
            ("[Bắt buộc] Khai báo", "\"[Bắt buộc] Khai báo\""),
            ("Thủ tục #3", "\"Thủ tục #3\""),
            ("2026", "\"2026\""),
            ("\"Có\" hay không", "\"\\\"Có\\\" hay không\""),
        ] {
            assert_eq!(yaml_value(s), q, "{s}");
        }
    }

    #[test]
    fn folding_latin_text_from_the_table_gives_what_folding_in_general_gives() {
        // every character of the blocks alone, and among others
        for c in (0u32..0x2100).filter_map(char::from_u32) {
            for text in [c.to_string(), format!("Ấp {c}đ-x{c}{c} Ỷ")] {
                if let Some(quick) = fold_latin(&text) {
                    assert_eq!(quick, fold_any(&text), "{text:?} U+{:04X}", c as u32);
                }
            }
        }
        let vi = "Đăng ký thường trú cho Người CAO TUỔI ở Hòa Bình, Huế; Ưu đãi 7.000đ";
        assert_eq!(fold_latin(vi), Some(fold_any(vi)));
        assert_eq!(
            fold(vi),
            "dang ky thuong tru cho nguoi cao tuoi o hoa binh, hue; uu dai 7.000d"
        );
        // outside the table: the general way
        for text in ["Ω ß Æ ﬁ", "東京", "e\u{301}", "İstanbul", "½ ™"] {
            assert_eq!(fold(text), fold_any(text), "{text:?}");
        }
    }

    #[test]
    fn slugs_drop_tones_and_map_d_stroke() {
        let cases = [
            ("Đăng ký tạm trú", "dang-ky-tam-tru"),
            ("đăng-ký-thường-trú", "dang-ky-thuong-tru"),
            ("Chứng thực bản sao", "chung-thuc-ban-sao"),
            ("  Hộ tịch  (khai sinh) ", "ho-tich-khai-sinh"),
            ("dang-ky-tam-tru", "dang-ky-tam-tru"),
            ("Xe_máy 2025", "xe-may-2025"),
            // decomposed input (as Unikey or macOS may save it)
            ("Đa\u{306}ng ky\u{301}", "dang-ky"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "slug of {input:?}");
        }
    }

    #[test]
    fn nfc_composes_decomposed_vietnamese() {
        let decomposed = "ta\u{323}m tru\u{301}";
        assert_eq!(nfc(decomposed), "tạm trú");
        assert_eq!(nfc("tạm trú"), "tạm trú");
    }

    #[test]
    fn vietnamese_order_is_not_byte_order() {
        let mut words = vec!["Đăng ký", "Xác nhận", "Cấp", "Dịch vụ", "Ăn", "Bảo", "An"];
        words.sort_by(|a, b| vi_cmp(a, b));
        assert_eq!(
            words,
            vec!["An", "Ăn", "Bảo", "Cấp", "Dịch vụ", "Đăng ký", "Xác nhận"]
        );
        // byte order would put "Đăng ký" after "Xác nhận"
        assert!("Đăng ký" > "Xác nhận");
    }

    #[test]
    fn numbers_sort_by_their_value() {
        let mut titles = vec![
            "Thủ tục số 19",
            "Thủ tục số 2",
            "Mẫu 10",
            "Mẫu 9",
            "Thủ tục số 100",
        ];
        titles.sort_by(|a, b| vi_cmp(a, b));
        assert_eq!(
            titles,
            vec![
                "Mẫu 9",
                "Mẫu 10",
                "Thủ tục số 2",
                "Thủ tục số 19",
                "Thủ tục số 100"
            ]
        );
        // (digit by digit, as code points, "19" would come before "2")
        assert!("số 19" < "số 2");
    }

    #[test]
    fn simple_characters_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0u32..0x300)
            .chain(0x1E00..=0x1EFF)
            .chain(0x2010..=0x2027)
            .chain(0x20A0..=0x20BF)
            .filter_map(char::from_u32)
        {
            assert!(simple_nfc(c));
            assert!(simple_text(c.to_string().as_bytes()), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert!(unicode_normalization::is_nfc(&c.to_string()), "{c:?}");
            // and nothing before it composes with it
            for base in ['a', 'e', 'o', 'u', 'A', 'ơ', 'ư'] {
                let pair: String = [base, c].iter().collect();
                assert!(unicode_normalization::is_nfc(&pair), "{pair:?}");
            }
        }
        assert!(!is_nfc("Đa\u{306}ng"));
        // the byte reading agrees with the character one, around the edges too
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            for before in 0..9 {
                let s = format!("{}{c}xyz", "ă".repeat(before % 3) + &"a".repeat(before));
                assert_eq!(simple_text(s.as_bytes()), simple_nfc(c), "{s:?}");
            }
        }
        assert!(is_nfc("Đăng ký tạm trú, hoà hòa – ₫"));
    }

    #[test]
    fn days_count_from_1970_and_months_are_whole() {
        assert_eq!(Date::from_days(0).iso(), "1970-01-01");
        assert_eq!(Date::from_days(20_780).iso(), "2026-11-23");
        assert_eq!(Date::from_days(11_016).iso(), "2000-02-29");
        for days in [-1, 0, 59, 60, 11_016, 20_780, 2_932_896] {
            assert_eq!(Date::from_days(days).days(), days, "{days}");
        }
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("2026-11-23").months_since(d("2025-11-23")), 12);
        assert_eq!(d("2026-11-22").months_since(d("2025-11-23")), 11);
        assert_eq!(d("2026-01-31").months_since(d("2025-12-31")), 1);
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            Date::parse("2026-10-01").map(|d| d.dmy()),
            Some("01/10/2026".into())
        );
        assert!(Date::parse("2024-02-29").is_some());
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-1",
            "01/10/2026",
            "2026-10-00",
            "x",
        ] {
            assert!(Date::parse(bad).is_none(), "{bad} should be refused");
        }
    }

    #[test]
    fn numbers_are_grouped_as_each_language_writes_them() {
        for (n, vi, en) in [
            (0, "0", "0"),
            (999, "999", "999"),
            (1000, "1.000", "1,000"),
            (63000, "63.000", "63,000"),
            (1_200_000, "1.200.000", "1,200,000"),
        ] {
            assert_eq!(super::grouped(n, "vi"), vi);
            assert_eq!(super::grouped(n, "en"), en);
        }
    }
}
