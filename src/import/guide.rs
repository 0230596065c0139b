//! From a portal record to a guide in camnang's format: every fact the
//! record has, in the portal's words, and a [`Gap`] for each thing the
//! record leaves unclear. Nothing is guessed.

use crate::import::clean::{self, line, unmark};
use crate::import::record::{Record, Time};
use crate::messages::Gap;
use crate::text::Date;

/// A procedure as `camnang import` writes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Guide {
    pub title: String,
    pub code: String,
    pub summary: String,
    pub agency: String,
    pub audience: String,
    /// `online.url` and `online.level` when the record has an online way.
    pub online: Option<(String, String)>,
    pub channels: Vec<GuideChannel>,
    /// (group heading, documents).
    pub documents: Vec<(Option<String>, Vec<String>)>,
    pub result: String,
    pub legal: Vec<String>,
    /// Field path and why it needs a clerk's check.
    pub gaps: Vec<(String, Gap)>,
    /// The Markdown body: steps, ways of submitting, conditions, notes, source.
    pub body: String,
    /// Steps as split from the portal's text (for comparing).
    pub steps: Vec<String>,
    pub portal_id: String,
    pub portal_updated: Option<Date>,
    pub state: String,
    pub category: String,
}

/// One way of submitting.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct GuideChannel {
    pub way: String,
    pub time: Option<String>,
    pub fee: Option<String>,
}

/// `ONLINE` → `truc-tuyen`, …; `None` for a way camnang does not know.
fn way(method: &str) -> Option<&'static str> {
    match method.trim().to_ascii_uppercase().as_str() {
        "ONLINE" => Some("truc-tuyen"),
        "DIRECT" => Some("truc-tiep"),
        "POSTAL" => Some("buu-chinh"),
        _ => None,
    }
}

fn way_words(way: &str) -> &'static str {
    match way {
        "truc-tuyen" => "Trực tuyến",
        "truc-tiep" => "Trực tiếp",
        _ => "Qua bưu chính",
    }
}

fn unit_words(unit: &str) -> Option<&'static str> {
    match unit.trim().to_ascii_uppercase().as_str() {
        "WORKING_DAY" => Some("ngày làm việc"),
        "DAY" => Some("ngày"),
        "HOUR" => Some("giờ"),
        "MONTH" => Some("tháng"),
        "WEEK" => Some("tuần"),
        _ => None,
    }
}

/// 7000 → "7.000"; 1234567.5 → "1.234.567,5".
pub(crate) fn dong(v: f64) -> String {
    let mut out = crate::text::grouped(v.trunc().abs() as usize, "vi");
    let frac = (v.fract().abs() * 100.0).round() as u64;
    if frac > 0 {
        let f = format!("{frac:02}");
        out.push(',');
        out.push_str(f.trim_end_matches('0'));
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// The fee rows of one way of submitting, as lines ("Lệ phí 15.000 đồng
/// (cấp lần đầu)"), with what a clerk must check: a row with no amount,
/// an amount in words, a row of 0 đồng whose note names an amount.
struct Fees {
    lines: Vec<String>,
    no_value: bool,
    in_words: Option<String>,
    free_but_priced: Option<String>,
    /// An amount whose own note names other sums, never it ("5.000 đồng"
    /// beside "50.000 đồng/hồ sơ"): as read, and the note.
    note_differs: Option<(String, String)>,
    /// An amount that reads two ways: as written, and as read.
    doubtful: Option<(String, String)>,
    /// Amounts no fee is (below 0, with a fraction of a đồng, under
    /// 1.000 đồng, a billion or more): as read, and why, each once.
    odd: Vec<(String, &'static str)>,
    /// Every row is 0 đồng, or says only that it is free.
    all_free: bool,
}

/// Whether `lower` (in small letters) names a paper that proves who one
/// is, which a resident shows at the counter: a document to bring, though
/// the portal lists no copies of it.
fn identity_paper(lower: &str) -> bool {
    const PAPERS: [&str; 7] = [
        "căn cước",
        "chứng minh nhân dân",
        "hộ chiếu",
        "giấy tờ tùy thân",
        "giấy tờ tuỳ thân",
        "giấy tờ có ảnh",
        "giấy tờ có dán ảnh",
    ];
    // (a sentence about a case or about what someone does is a note, even
    // when it names a paper to show: "Trường hợp … thì … phải xuất trình
    // giấy tờ tuỳ thân", "Người tiếp nhận hồ sơ khai thác thông tin … căn
    // cước"; a case and what to show after a colon is a paper: "Trường
    // hợp nộp trực tiếp: xuất trình Thẻ căn cước")
    const SENTENCE: [&str; 5] = [
        "trường hợp",
        "trong trường hợp",
        "nếu",
        "người tiếp nhận",
        "cơ quan",
    ];
    // (short, and what to show is the point of it: "Trường hợp người
    // nước ngoài thì xuất trình hộ chiếu" is a paper to bring)
    let short_show = lower.contains("xuất trình") && lower.chars().count() <= 120;
    if lower.contains(" thì ") && !short_show {
        return false;
    }
    let lower = match SENTENCE.iter().any(|w| lower.starts_with(w)) && !short_show {
        true => match lower.split_once(':') {
            Some((_, shown)) => shown,
            None => return false,
        },
        false => lower,
    };
    // (a note that names one is no paper to bring: "… căn cước thì không
    // phải nộp"; one to show, "xuất trình", is a paper all the same)
    let shown = lower.contains("xuất trình");
    let note = ["không phải", "không cần", "không yêu cầu"]
        .iter()
        .any(|w| lower.contains(w));
    (shown || !note) && PAPERS.iter().any(|p| lower.contains(p))
}

/// Whether `text` names a sum of money: a number other than 0 followed by
/// "đồng", "đ" or "VND" ("50.000 đồng/hồ sơ", "15000đ"); article numbers
/// and dates ("Điều 4", "22/12/2022") are not sums.
fn names_an_amount(text: &str) -> bool {
    !amounts_in(text).is_empty()
}

/// The sums of money `text` names (see [`names_an_amount`]), in đồng:
/// "50.000 đồng" is 50000 ("." and "," between groups of three digits),
/// a number it cannot read so is left out.
fn amounts_in(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let lower = text.to_lowercase();
    let chars: Vec<(usize, char)> = lower.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() || (i > 0 && chars[i - 1].1.is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].1.is_ascii_digit() || matches!(chars[i].1, '.' | ',')) {
            i += 1;
        }
        let number = &lower[chars[start].0..chars.get(i).map_or(lower.len(), |c| c.0)];
        let nonzero = number.chars().any(|c| c.is_ascii_digit() && c != '0');
        let rest = lower[chars.get(i).map_or(lower.len(), |c| c.0)..].trim_start();
        let unit = ["đồng", "vnđ", "vnd", "đ"].iter().any(|u| {
            rest.strip_prefix(u)
                .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
        });
        if nonzero && unit {
            let number = number.trim_end_matches(['.', ',']);
            let groups: Vec<&str> = number.split(['.', ',']).collect();
            let grouped = groups.len() == 1 || groups[1..].iter().all(|g| g.len() == 3);
            if let (true, Ok(n)) = (grouped, groups.concat().parse::<u64>()) {
                out.push(n);
            } else {
                out.push(0);
            }
        }
    }
    out
}

fn fees_of(rows: &[crate::import::record::Fee]) -> Fees {
    let mut out = Fees {
        lines: Vec::new(),
        no_value: false,
        in_words: None,
        free_but_priced: None,
        note_differs: None,
        doubtful: None,
        odd: Vec::new(),
        all_free: !rows.is_empty(),
    };
    for f in rows {
        let label = match f.kind.trim() {
            "FEE" => "Lệ phí",
            "SERVICE_FEE" => "Phí",
            "PRICE_LEVEL" => "Mức giá",
            _ => "Phí, lệ phí",
        };
        let cond = line(unmark(&line(&f.description)));
        let currency = line(&f.currency);
        let unit = if currency.is_empty()
            || currency.to_lowercase().contains("đồng")
            || currency.eq_ignore_ascii_case("vnd")
        {
            "đồng".to_string()
        } else {
            currency
        };
        // (whether every row is free: `all_free`, told in each arm)
        let text = match (f.value, &f.value_text) {
            (Some(0.0), _) => {
                // "0" beside a note that names an amount ("Lệ phí: 50.000
                // đồng/hồ sơ"): the portal's figure was left at 0
                if names_an_amount(&cond) {
                    out.free_but_priced.get_or_insert_with(|| cond.clone());
                    out.all_free = false;
                }
                format!("{label}: miễn phí")
            }
            (Some(v), _) => {
                out.all_free = false;
                if let Some(written) = &f.doubtful {
                    out.doubtful
                        .get_or_insert_with(|| (line(written), format!("{} {unit}", dong(v))));
                }
                let why = match () {
                    _ if v < 0.0 => Some("negative"),
                    _ if v.fract() != 0.0 => Some("fraction"),
                    _ if v < 1000.0 && unit == "đồng" => Some("small"),
                    _ if v >= 1e9 && unit == "đồng" => Some("large"),
                    // (a note that some are free, "miễn phí đối với trẻ
                    // em", is how a fee is written, and is not told)
                    _ => None,
                };
                let odd = why.map(|why| (format!("{} {unit}", dong(v)), why));
                if let Some(odd) = odd.filter(|o| !out.odd.contains(o)) {
                    out.odd.push(odd);
                }
                // a note naming sums of which none is the amount: one of
                // the two is wrong (a 0 dropped, a row's note copied)
                let named = amounts_in(&cond);
                if unit == "đồng" && !named.is_empty() && !named.iter().any(|&n| n as f64 == v) {
                    out.note_differs
                        .get_or_insert_with(|| (format!("{} {unit}", dong(v)), cond.clone()));
                }
                format!("{label} {} {unit}", dong(v))
            }
            (None, Some(words)) => {
                out.all_free = false;
                let words = line(words);
                out.in_words.get_or_insert_with(|| words.clone());
                format!("{label}: {words}")
            }
            // no amount: the note says what it is, for a clerk to check
            // ("Cổng không ghi số tiền (Không)" went to residents, a note
            // to the clerk in the field they read)
            (None, None) => {
                out.no_value = true;
                out.all_free &= free_words(&cond);
                match () {
                    _ if free_words(&cond) => format!("{label}: miễn phí"),
                    // (a note that names its kind itself, "Lệ phí: 20.000đ",
                    // is not put after the kind again)
                    _ if names_an_amount(&cond) => {
                        let lower = cond.to_lowercase();
                        match lower.strip_prefix(&label.to_lowercase()) {
                            Some(rest) if rest.trim_start().starts_with(':') => cond.clone(),
                            _ => format!("{label}: {cond}"),
                        }
                    }
                    _ => format!("{label}: chưa rõ số tiền"),
                }
            }
        };
        // (a note that only says it again, "Không" beside "miễn phí" or
        // the amount in words written twice, is not added)
        let said = text.to_lowercase();
        // (a note saying "free" beside an amount stays: the conflict is
        // for residents and the clerk to see)
        let repeats = (free_words(&cond) && said.ends_with("miễn phí"))
            || said.ends_with(&cond.to_lowercase());
        let text = if cond.is_empty() || repeats {
            text
        } else {
            format!("{text} ({cond})")
        };
        if !out.lines.contains(&text) {
            out.lines.push(text);
        }
    }
    out
}

/// Where the record's steps or conditions tell residents to pay a fee
/// ("nộp lệ phí nếu thuộc trường hợp phải nộp"), as a short quote; none
/// when they only say it is not paid ("không phải nộp lệ phí").
fn pay_in_steps(r: &Record) -> Option<String> {
    const PAY: [&str; 4] = ["nộp lệ phí", "nộp phí", "thu lệ phí", "thu phí"];
    let texts = r
        .steps
        .iter()
        .flat_map(|(a, b)| [a.as_str(), b.as_str()])
        .chain([r.requirements.as_str()]);
    for text in texts {
        let text = line(&clean::clean(text));
        // (each place of `text` looked at in small letters, a few
        // characters at a time: lowering a whole text may change its
        // length, "İ" is three bytes lowered, and its places with it)
        let lowered = |s: &str, n: usize| s.chars().take(n).collect::<String>().to_lowercase();
        for (at, _) in text.char_indices() {
            let ahead = lowered(&text[at..], 12);
            if !PAY.iter().any(|pay| ahead.starts_with(pay)) {
                continue;
            }
            // the words just before: "không phải", "miễn"
            let before: String = text[..at].chars().rev().take(14).collect();
            let before: String = before.chars().rev().collect::<String>().to_lowercase();
            if ["không", "miễn", "chưa"].iter().any(|w| before.contains(w)) {
                continue;
            }
            // a quote of whole words: from the first word at most 30
            // characters before, as many as fit in 90 characters
            let start = text[..at]
                .char_indices()
                .rev()
                .nth(30)
                .map_or(0, |(i, _)| i);
            let from = match start {
                0 => 0,
                _ => text[start..].find(' ').map_or(start, |i| start + i + 1),
            };
            let quote: String = text[from..].chars().take(90).collect();
            let whole = match quote.chars().count() < 90 {
                true => quote.as_str(),
                false => quote.rsplit_once(' ').map_or(quote.as_str(), |(w, _)| w),
            };
            let lead = if from > 0 { "…" } else { "" };
            return Some(format!(
                "{lead}{}…",
                whole.trim_end_matches([',', ';', ' '])
            ));
        }
    }
    None
}

/// Whether `line` starts with a number of a list in brackets: "(1)",
/// "(12)", "(a)", "(ii)", "(IV)".
fn enumerated(line: &str) -> bool {
    let Some(inside) = line
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map(|(n, _)| n)
    else {
        return false;
    };
    let roman =
        !inside.is_empty() && inside.len() <= 4 && inside.chars().all(|c| "ivxIVX".contains(c));
    let number =
        !inside.is_empty() && inside.len() <= 3 && inside.chars().all(|c| c.is_ascii_digit());
    let letter = inside.len() == 1 && inside.chars().all(|c| c.is_ascii_alphabetic());
    roman || number || letter
}

/// The copies a document's name gives in brackets at its end, when the
/// portal's own counts are empty: "Sổ hộ khẩu (Bản chính: 1, Bản sao: 0)"
/// is ("Sổ hộ khẩu", 1, 0); "(01 bản chính)" is read too. None when the
/// name gives none, or only zeros.
fn counts_in_name(name: &str) -> Option<(String, u32, u32)> {
    let trimmed = name.trim_end().trim_end_matches('.');
    let inner = trimmed.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let (head, brackets) = (&inner[..open], &inner[open + 1..]);
    let lower = brackets.to_lowercase();
    // the number after "bản chính:" or before "bản chính"
    let count = |key: &str| -> Option<u32> {
        let at = lower.find(key)?;
        let after = lower[at + key.len()..].trim_start_matches([':', ' ', '=']);
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            return digits.parse().ok();
        }
        let before: String = lower[..at]
            .trim_end()
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        before.chars().rev().collect::<String>().parse().ok()
    };
    let (o, c) = (count("bản chính"), count("bản sao"));
    // (brackets saying anything else are part of the name)
    let rest = lower
        .replace("bản chính", "")
        .replace("bản sao", "")
        .replace(|c: char| c.is_ascii_digit() || ":,;=/ ".contains(c), "");
    match (o.unwrap_or(0), c.unwrap_or(0)) {
        (0, 0) => None,
        _ if !rest.is_empty() || head.trim().is_empty() => None,
        (o, c) => Some((head.trim_end().to_string(), o, c)),
    }
}

/// Whether a text says nothing: what a form that may not stay empty was
/// given ("Không", "Không có", "-", "…").
fn placeholder(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').trim().to_lowercase();
    [
        "",
        "không",
        "không có",
        "chưa có",
        "-",
        "--",
        "…",
        "...",
        "n/a",
        "x",
        "0",
    ]
    .contains(&t.as_str())
}

/// Whether a fee's note only says it is free (`Không`, `Miễn phí`,
/// `Không thu lệ phí.`).
fn free_words(note: &str) -> bool {
    let n = note.trim().trim_end_matches('.').trim().to_lowercase();
    [
        "không",
        "miễn phí",
        "miễn",
        "không thu",
        "không có",
        "không thu phí",
        "không thu lệ phí",
        "không mất phí",
        "0",
        "0 đồng",
    ]
    .contains(&n.as_str())
}

fn number_words(f: f64) -> String {
    let s = format!("{f}");
    s.replace('.', ",")
}

/// A time as the portal gives it, and the gap when it is unclear.
fn time(t: &Time, unit: &str) -> (Option<String>, Option<Gap>) {
    let words = unit_words(unit);
    match (t, words) {
        (Time::None, _) => (None, None),
        // 0 days, or fewer, is no time at all: the portal's field was left
        // at 0 (the caller tells it, or takes the times of the cases)
        (Time::Whole(n), _) if *n <= 0 => (None, None),
        (Time::Fraction(f), _) if *f <= 0.0 => (None, None),
        (Time::Text(s), _) if line(s).is_empty() => (None, None),
        (Time::Whole(n), Some(w)) => (Some(format!("{n:02} {w}")), None),
        (Time::Fraction(f), Some(w)) => (
            Some(format!("{} {w}", number_words(*f))),
            Some(Gap::TimeFraction {
                value: number_words(*f),
            }),
        ),
        (Time::Text(s), _) => {
            let s = line(s);
            let shown = match words {
                // "03 ngày làm việc" needs no "(ngày làm việc)" after it
                Some(w) if !s.is_empty() && !s.to_lowercase().contains(w) => format!("{s} ({w})"),
                _ => s.clone(),
            };
            (
                Some(shown).filter(|s| !s.is_empty()),
                Some(Gap::TimeText { value: s }),
            )
        }
        (Time::Whole(n), None) => (
            Some(n.to_string()),
            Some(Gap::TimeUnit { unit: line(unit) }),
        ),
        (Time::Fraction(f), None) => (
            Some(number_words(*f)),
            Some(Gap::TimeUnit { unit: line(unit) }),
        ),
    }
}

/// A note that starts with its own heading ("Lưu ý: …", "*Chú ý: …",
/// "Ghi chú: …"): the heading, and the rest of the note.
fn lead_in(note: &str) -> Option<(String, String)> {
    let t = unmark(note.trim_start());
    ["Lưu ý", "Chú ý", "Ghi chú"].iter().find_map(|w| {
        let n = w.chars().count();
        let head: String = t.chars().take(n).collect();
        if head.to_lowercase() != w.to_lowercase() {
            return None;
        }
        let rest = t[head.len()..].trim_start().strip_prefix(':')?;
        Some((format!("{w}:"), rest.trim_start().to_string()))
    })
}

/// Builds the guide of `r`, imported on `today`.
pub(crate) fn guide(r: &Record, today: Date) -> Guide {
    let mut g = Guide {
        portal_id: r.id.trim().to_string(),
        code: line(&r.code),
        state: line(&r.state),
        category: line(&r.category),
        portal_updated: r
            .updated_at
            .filter(|ms| (0..=253_402_300_799_000).contains(ms))
            .map(|ms| Date::from_days(ms.div_euclid(86_400_000))),
        ..Guide::default()
    };
    // a record of a procedure not in force (the portal documents `ACTIVE`
    // and `UPDATED`; `ABOLISHED`, `DELETED` went out as ordinary guides)
    if !g.state.is_empty() && !["ACTIVE", "UPDATED"].contains(&g.state.to_uppercase().as_str()) {
        let state = g.state.clone();
        g.gaps.push(("title".into(), Gap::NotInForce { state }));
    }
    // the title, without what some records put before it ("Thủ tục",
    // "Thủ tục hành chính:", a number: "1. Đăng ký…", "1.Đăng ký…") or a
    // full stop after it; written in capitals, it is written as a
    // sentence, and named for a clerk to put back the capitals of names
    // (UBND, CCCD)
    let full = line(&r.name);
    let name = bare_title(&full);
    let capitals = name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !name.chars().any(char::is_lowercase);
    g.title = match (name.is_empty(), capitals) {
        (true, _) => full.trim_end_matches(['.', ' ']).to_string(),
        (false, true) => capitalise(&name.to_lowercase()),
        (false, false) => capitalise(name),
    };
    if r.garbled {
        g.gaps.push(("title".into(), Gap::Garbled));
    }
    if capitals {
        g.gaps.push(("title".into(), Gap::TitleInCapitals));
    }
    g.summary = line(&r.description);
    // ("Không", "-": a field the portal's form would not leave empty)
    if placeholder(&g.summary) {
        g.summary.clear();
    }
    if g.summary.is_empty() {
        g.summary = g.title.clone();
        g.gaps.push(("summary".into(), Gap::NoSummary));
    }
    let joined = |v: &[String], sep: &str| {
        let mut seen: Vec<String> = Vec::new();
        for s in v.iter().map(|s| line(s)).filter(|s| !s.is_empty()) {
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
        seen.join(sep)
    };
    g.agency = [
        joined(&r.departments, ", "),
        joined(&r.unit_groups, ", "),
        // one agency a line ("Ủy ban nhân dân cấp xã\nCông an cấp xã")
        joined(
            &clean::clean(&r.executing_agencies)
                .split('\n')
                .map(|l| unmark(l).trim_end_matches([',', ';']).to_string())
                .collect::<Vec<_>>(),
            ", ",
        ),
    ]
    .into_iter()
    .find(|s| !s.is_empty())
    .unwrap_or_default();
    if g.agency.is_empty() {
        g.agency = "Chưa rõ".into();
        g.gaps.push(("agency".into(), Gap::NoAgency));
    } else if let Some(level) = crate::check::district_level(&g.agency) {
        // (records written before 1 July 2025 still name the district)
        g.gaps
            .push(("agency".into(), Gap::DistrictAgency { level }));
    }
    g.audience = joined(&r.audience, ", ");
    // (one result a line, as a list: "- Trích lục…" kept its dash; and
    // "Không" is no result)
    g.result = joined(
        &r.results
            .iter()
            .map(|x| document_name(&clean::clean(x)))
            .map(|x| x.trim_end_matches([',', ';']).to_string())
            .filter(|x| !placeholder(x))
            .collect::<Vec<_>>(),
        "; ",
    );
    // (a legal basis the portal lists twice is listed once)
    for l in r.legal.iter().map(|l| clean::legal(l)) {
        if !l.is_empty() && !g.legal.contains(&l) {
            g.legal.push(l);
        }
    }

    // channels: one per way of submitting, ways camnang knows, in order
    // every case's time as the portal gives it (half a day, words): the
    // way that takes them is marked for a clerk to check all the same
    let mut case_times: Vec<String> = Vec::new();
    for c in &r.case_times {
        let Some(t) = time(&c.qty, &c.unit).0 else {
            continue;
        };
        let n = line(&c.name);
        let t = if n.is_empty() {
            t
        } else {
            format!("{t} ({n})")
        };
        if !case_times.contains(&t) {
            case_times.push(t);
        }
    }
    // each way's words under its own heading, in the order the ways first
    // come (a second row of a way seen before joins that way's words, not
    // those of the way just before it)
    let mut ways_text: Vec<(Option<&'static str>, String)> = Vec::new();
    // the ways camnang does not know, by the portal's code, each with its
    // place in `ways_text` (two rows of one join under one heading)
    let mut unknown: Vec<(String, usize)> = Vec::new();
    for (at, m) in r.methods.iter().enumerate() {
        // a row the portal lists twice, the same in every field, is read
        // once (its fees were listed twice on one line, its words twice)
        if r.methods[..at].contains(m) {
            continue;
        }
        let Some(w) = way(&m.way) else {
            // a way camnang does not know: its words go to the body,
            // and the clerk is told
            let method = line(&m.way);
            let desc = clean::clean(&m.description);
            let (t, _) = time(&m.time, &m.unit);
            let fees = fees_of(&m.fees).lines;
            if !method.is_empty() || !desc.is_empty() || t.is_some() || !fees.is_empty() {
                // (the portal's code, `KIOSK`, is the clerk's to read in
                // the draft note, not a heading for residents)
                let mut text = String::new();
                if let Some(t) = &t {
                    text.push_str(&format!("- Thời hạn giải quyết: {}\n", clean::md(t)));
                }
                for fee in &fees {
                    text.push_str(&format!("- {}\n", clean::md(fee)));
                }
                if t.is_some() || !fees.is_empty() {
                    text.push('\n');
                }
                if !desc.is_empty() {
                    text.push_str(&clean::md_blocks(&desc, ""));
                }
                text.push('\n');
                // (rows with no code at all are told apart: nothing says
                // they are one way)
                match unknown
                    .iter()
                    .find(|(code, _)| !method.is_empty() && *code == method)
                {
                    Some(&(_, at)) => ways_text[at].1.push_str(&text),
                    None => {
                        unknown.push((method.clone(), ways_text.len()));
                        ways_text.push((None, text));
                    }
                }
                g.gaps.push(("channels".into(), Gap::WayUnknown { method }));
            }
            continue;
        };
        // a way given twice (two rows of "DIRECT", each for its own case)
        // is one channel with both times and every fee
        let seen = g.channels.iter().position(|c| c.way == w);
        let i = seen.unwrap_or(g.channels.len());
        let (mut t, gap) = time(&m.time, &m.unit);
        if let Some(gap) = gap {
            // a number or words with no unit (`OTHER`)
            let unitless = unit_words(&m.unit).is_none()
                && matches!(gap, Gap::TimeUnit { .. } | Gap::TimeText { .. });
            if unitless && !case_times.is_empty() {
                // the portal's own figures per case, beside its bare number
                t = Some(format!(
                    "{} — theo từng trường hợp trên Cổng: {}",
                    t.unwrap_or_default(),
                    case_times.join("; ")
                ));
            }
            g.gaps.push((format!("channels[{i}].time"), gap));
        }
        let fees = fees_of(&m.fees);
        if fees.no_value {
            g.gaps.push((format!("channels[{i}].fee"), Gap::FeeNoValue));
        } else if let Some(value) = fees.in_words {
            g.gaps
                .push((format!("channels[{i}].fee"), Gap::FeeText { value }));
        }
        if let Some((read, note)) = fees.note_differs {
            g.gaps.push((
                format!("channels[{i}].fee"),
                Gap::FeeNoteDiffers { read, note },
            ));
        }
        if let Some(note) = fees.free_but_priced {
            g.gaps
                .push((format!("channels[{i}].fee"), Gap::FreeButPriced { note }));
        }
        for (read, why) in fees.odd {
            g.gaps
                .push((format!("channels[{i}].fee"), Gap::OddAmount { read, why }));
        }
        // free on every row, while the record's steps tell residents to
        // pay ("nộp lệ phí nếu thuộc trường hợp…"): told at each such way
        if fees.all_free
            && let Some(said) = pay_in_steps(r)
        {
            g.gaps
                .push((format!("channels[{i}].fee"), Gap::FreeButStepsPay { said }));
        }
        if let Some((written, read)) = fees.doubtful {
            g.gaps.push((
                format!("channels[{i}].fee"),
                Gap::AmountTwoWays { written, read },
            ));
        }
        let fees = fees.lines;
        let desc = clean::clean(&m.description);
        if !desc.is_empty() {
            let words = clean::md_blocks(&desc, "");
            match ways_text.iter_mut().find(|(k, _)| *k == Some(w)) {
                Some((_, text)) => text.push_str(&format!("{words}\n")),
                None => ways_text.push((Some(w), format!("**{}**\n\n{words}\n", way_words(w)))),
            }
        }
        let fee = (!fees.is_empty()).then(|| fees.join("; "));
        // a second row of a way with another time ("2 ngày làm việc" and
        // "8 giờ", each for its own case): both are kept, and which case
        // each is for is left to a clerk (they were shown side by side)
        let another_time = g.channels.get(i).is_some_and(
            |c| matches!((&c.time, &t), (Some(a), Some(b)) if !a.split("; ").any(|x| x == b)),
        );
        if another_time {
            g.gaps
                .push((format!("channels[{i}].time"), Gap::TimesOfRows));
        }
        match g.channels.get_mut(i) {
            Some(c) => {
                // (each of the second row's parts not said yet)
                let both = |a: &mut Option<String>, b: Option<String>| match (a.as_mut(), b) {
                    (Some(a), Some(b)) => {
                        for part in b.split("; ") {
                            if !a.split("; ").any(|x| x == part) {
                                a.push_str("; ");
                                a.push_str(part);
                            }
                        }
                    }
                    (None, b) => *a = b,
                    _ => {}
                };
                both(&mut c.time, t);
                both(&mut c.fee, fee);
            }
            None => g.channels.push(GuideChannel {
                way: w.to_string(),
                time: t,
                fee,
            }),
        }
    }
    // each way camnang does not know under its heading, numbered when
    // there are two (residents read two "Cách nộp khác" alike)
    let several = unknown.len() > 1;
    for (k, &(_, at)) in unknown.iter().enumerate() {
        let head = match several {
            true => format!("**Cách nộp khác ({})**\n\n", k + 1),
            false => "**Cách nộp khác**\n\n".to_string(),
        };
        ways_text[at].1.insert_str(0, &head);
    }
    // a way without a time in any of its rows: the portal's figures per
    // case, or a clerk writes it
    for (i, c) in g.channels.iter_mut().enumerate() {
        if c.time.is_none() {
            let gap = match case_times.is_empty() {
                true => Gap::NoTime,
                false => {
                    c.time = Some(case_times.join("; "));
                    Gap::TimeByCase
                }
            };
            g.gaps.push((format!("channels[{i}].time"), gap));
        }
        // (a row with no amount is told as such, above)
        let told = g
            .gaps
            .iter()
            .any(|(f, gap)| *f == format!("channels[{i}].fee") && matches!(gap, Gap::FeeNoValue));
        if c.fee.is_none() && !told {
            g.gaps.push((format!("channels[{i}].fee"), Gap::NoFee));
        }
    }
    // no way of submitting at all: no time, fee or online link on the
    // page, and nothing said (the guide went out with "Chưa rõ")
    if g.channels.is_empty() {
        g.gaps.push((
            "channels".into(),
            Gap::NoWays {
                times: case_times.join("; "),
            },
        ));
    }
    // (a record with no way of submitting that says it is done wholly
    // online: its page said "Chưa làm trực tuyến được", with nothing for a
    // clerk to check)
    let online_only = g.channels.is_empty() && r.full_process == Some(true);
    if (online_only || g.channels.iter().any(|c| c.way == "truc-tuyen"))
        && crate::model::valid_portal_id(&g.portal_id)
    {
        let level = match r.full_process {
            Some(true) => "toan-trinh",
            _ => "mot-phan",
        };
        g.online = Some((crate::model::portal_page(&g.portal_id), level.to_string()));
        g.gaps.push(("online.level".into(), Gap::OnlineLevel));
    }

    // documents by case; items that are notes go to the body
    let mut notes = String::new();
    let mut forms: Vec<String> = Vec::new();
    let mut note_count = 0;
    // a case the portal lists twice (its name and documents the same) is
    // read once: its notes are not written twice either
    for (i, c) in r.cases.iter().enumerate() {
        if r.cases[..i].contains(c) {
            continue;
        }
        let heading = line(unmark(&line(&c.name)));
        let mut heading = (!heading.is_empty()).then_some(heading);
        let mut components = &c.components[..];
        // a case the portal left without a name whose first line says what
        // follows ("… các giấy tờ sau:") is headed by that line
        if heading.is_none()
            && let Some((first, rest)) = components.split_first()
            && first.original == 0
            && first.copy == 0
        {
            let intro = line(unmark(&line(&first.name)));
            if intro.ends_with(':') {
                heading = Some(intro);
                components = rest;
            }
        }
        let mut items = Vec::new();
        let mut listed = std::collections::HashSet::new();
        let mut case_notes = Vec::new();
        let notes_case = heading.as_ref().is_some_and(|h| {
            let h = h.to_lowercase();
            h.starts_with("lưu ý") || h.starts_with("ghi chú")
        });
        for p in components {
            let name = clean::clean(&p.name);
            let first = document_name(&name);
            if first.is_empty() {
                continue;
            }
            // copies written in the name when the portal's counts are
            // empty ("Sổ hộ khẩu (Bản chính: 1, Bản sao: 0)": it went to
            // the notes, off the checklist)
            let (first, original, copy) = match (p.original, p.copy) {
                (0, 0) => match counts_in_name(&first) {
                    Some((name, o, c)) => (name, o, c),
                    None => (first, 0, 0),
                },
                (o, c) => (first, o, c),
            };
            let lower = first.to_lowercase();
            // (a line with a form attached is a document, however many
            // copies the portal gives; so is an identity paper to show,
            // which the portal lists with no copies: the checklist had
            // no identity card)
            // (in a case headed "Lưu ý" or "Ghi chú", a line with no copies
            // is a note whatever paper it names)
            let is_note = (original == 0
                && copy == 0
                && p.forms.is_empty()
                && (notes_case || !identity_paper(&lower)))
                || lower.starts_with("ví dụ")
                || lower.starts_with("lưu ý");
            if is_note {
                case_notes.push(name);
                continue;
            }
            for f in &p.forms {
                if !forms.contains(f) {
                    forms.push(f.clone());
                }
            }
            let counts = match (original, copy) {
                (0, 0) => None,
                (o, 0) => Some(format!("{o:02} bản chính")),
                (0, c) => Some(format!("{c:02} bản sao")),
                (o, c) => Some(format!("{o:02} bản chính, {c:02} bản sao")),
            };
            // a component the portal lists twice in a case is one document
            let item = match counts {
                Some(counts) => format!("{first} ({counts})"),
                None => first,
            };
            if listed.insert(item.clone()) {
                items.push(item);
            }
        }
        if !case_notes.is_empty() {
            note_count += case_notes.len();
            // notes of a case without a name get a heading of their own,
            // never the one of the case before: "Lưu ý:" when they start
            // so, else "Ghi chú khác:" (the first notes need none)
            let own = match lead_in(&case_notes[0]) {
                Some((h, rest)) if heading.is_none() => {
                    case_notes[0] = rest;
                    Some(h)
                }
                _ => None,
            };
            let shown = heading
                .clone()
                .or(own)
                .or_else(|| (!notes.is_empty()).then(|| "Ghi chú khác:".to_string()));
            if let Some(h) = &shown {
                notes.push_str(&format!("**{}**\n\n", clean::md(h)));
            }
            for n in case_notes {
                notes.push_str(&clean::md_blocks(&n, ""));
                notes.push('\n');
            }
        }
        // (a case the portal lists twice, heading and documents alike, is
        // listed once)
        if !items.is_empty() && !g.documents.contains(&(heading.clone(), items.clone())) {
            match (g.documents.last_mut(), &heading) {
                (Some((None, prev)), None) => {
                    for item in items {
                        if !prev.contains(&item) {
                            prev.push(item);
                        }
                    }
                }
                _ => g.documents.push((heading, items)),
            }
        }
    }
    if note_count > 0 {
        g.gaps.push((
            "documents".into(),
            Gap::NotesInDocuments { count: note_count },
        ));
    }
    // forms the portal attaches: camnang cannot fetch them (the portal
    // gives no address), a clerk can
    if !forms.is_empty() {
        g.gaps.push((
            "documents".into(),
            Gap::FormsOnPortal {
                names: forms.join(", "),
            },
        ));
    }
    // no document at all: named for a clerk (posters and the JSON export
    // would carry a sentence put in the list as a document)
    if g.documents.is_empty() && note_count == 0 {
        g.gaps.push(("documents".into(), Gap::NoDocuments));
    }

    // steps
    let all_steps: String = r
        .steps
        .iter()
        .map(|(n, d)| {
            let (n, d) = (clean::clean(n), clean::clean(d));
            match (n.is_empty(), d.is_empty()) {
                (true, _) => d,
                (false, true) => n,
                (false, false) => format!("{n}\n{d}"),
            }
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let mut body = format!("{STEPS_HEADING}\n\n");
    let split = clean::split_steps(&all_steps).or_else(|| {
        // several entries of executionSteps are the portal's own split
        let parts: Vec<String> = r
            .steps
            .iter()
            .map(|(n, d)| {
                // an entry named only "Bước 1" is numbered by the list
                let bare = line(n);
                let number = bare
                    .strip_prefix("Bước")
                    .map(|x| x.trim().trim_end_matches([':', '.', ')', '-']).trim())
                    .is_some_and(|x| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()));
                match number {
                    true => clean::clean(d),
                    false => clean::clean(&format!("{n}\n{d}")),
                }
            })
            .filter(|s| !s.is_empty())
            .collect();
        (parts.len() >= 2).then(|| (String::new(), parts, false))
    });
    match split {
        Some((before, mut steps, renumbered)) => {
            if renumbered {
                g.gaps.push(("steps".into(), Gap::StepsRenumbered));
            }
            if !before.is_empty() {
                body.push_str(&clean::md_blocks(&before, ""));
                body.push('\n');
            }
            // a note on a line of its own after the last step ("* Lưu ý:
            // …", "Ghi chú: …") is the guide's, not that step's: written
            // under the steps
            let mut note = None;
            if let Some(last) = steps.last_mut() {
                let lines: Vec<&str> = last.split('\n').collect();
                if let Some(k) = (1..lines.len()).find(|&k| lead_in(lines[k]).is_some()) {
                    note = lead_in(&lines[k..].join("\n"));
                    *last = lines[..k].join("\n");
                }
            }
            for (i, s) in steps.iter().enumerate() {
                body.push_str(&clean::md_step(i + 1, s));
            }
            if let Some((heading, rest)) = note {
                body.push_str(&format!("\n**{heading}**\n\n"));
                body.push_str(&clean::md_blocks(&rest, ""));
                g.gaps.push(("steps".into(), Gap::NoteAfterSteps));
            }
            g.steps = steps;
        }
        None => {
            // (none at all is told as such: "copied as they are" named
            // words that were not there)
            let gap = if all_steps.is_empty() {
                body.push_str("Cổng Dịch vụ công không ghi trình tự thực hiện.\n");
                Gap::NoSteps
            } else {
                body.push_str(&clean::md_blocks(&all_steps, ""));
                Gap::StepsNotSplit
            };
            g.gaps.push(("steps".into(), gap));
        }
    }
    if !ways_text.is_empty() {
        body.push_str("\n## Cách nộp hồ sơ\n\n");
        for (_, text) in &ways_text {
            body.push_str(text);
        }
    }
    let req = clean::clean(&r.requirements);
    if !req.is_empty() {
        body.push_str("\n## Yêu cầu, điều kiện\n\n");
        body.push_str(&clean::md_blocks(&req, ""));
    }
    if !notes.is_empty() {
        body.push_str("\n## Ghi chú về hồ sơ\n\n");
        body.push_str(notes.trim_end());
        body.push('\n');
    }
    body.push_str("\n## Nguồn\n\n");
    let decision = line(&r.decision);
    let page = if crate::model::valid_portal_id(&g.portal_id) {
        format!(
            "[trang thủ tục trên Cổng Dịch vụ công quốc gia]({})",
            crate::model::portal_page(&g.portal_id)
        )
    } else {
        "Cổng Dịch vụ công quốc gia".to_string()
    };
    body.push_str(&format!("Chép từ {page} ngày {}", today.dmy()));
    if !decision.is_empty() {
        body.push_str(&format!(" (quyết định công bố: {})", clean::md(&decision)));
    }
    body.push_str(".\n");
    g.body = body;
    // steps or ways that still send residents to the district (records
    // written before 1 July 2025): posters printed them as they were
    let in_steps = g.steps.iter().find_map(|t| crate::check::district_level(t));
    let in_ways = || {
        ways_text
            .iter()
            .find_map(|(_, t)| crate::check::district_level(t))
    };
    if let Some(level) = in_steps {
        g.gaps.push(("steps".into(), Gap::DistrictInText { level }));
    } else if let Some(level) = in_ways() {
        g.gaps.push(("body".into(), Gap::DistrictInText { level }));
    }
    // a table the portal wrote into a text is written as lines: marked
    // where it went
    let table = |t: &str| t.to_ascii_lowercase().contains("<table");
    if table(&r.description) {
        g.gaps.push(("summary".into(), Gap::Table));
    }
    let in_body = table(&r.requirements)
        || r.steps.iter().any(|(n, d)| table(n) || table(d))
        || r.cases.iter().any(|c| table(&c.name))
        || r.methods.iter().any(|m| table(&m.description));
    if in_body {
        g.gaps.push(("body".into(), Gap::Table));
    }
    if r.cases
        .iter()
        .any(|c| c.components.iter().any(|p| table(&p.name)))
    {
        g.gaps.push(("documents".into(), Gap::Table));
    }
    // what the portal wrote in a shape camnang cannot read is marked at
    // the part of the guide it would have filled
    for (path, want) in &r.unread {
        let gap = Gap::Unread {
            path: path.clone(),
            want: *want,
        };
        // (fields that fill no part of the guide, such as `state` or
        // `isWard`, are not asked of the clerk)
        if let Some(part) = unread_part(path) {
            g.gaps.push((part.into(), gap));
        }
    }
    // the fields are plain text: Markdown the portal's text holds
    // (`**đậm**`, `[mẫu](…)`) would show as typed there
    for f in [
        &mut g.title,
        &mut g.summary,
        &mut g.agency,
        &mut g.audience,
        &mut g.result,
    ] {
        *f = clean::unmarked(f);
    }
    for (title, items) in &mut g.documents {
        for f in title.iter_mut().chain(items.iter_mut()) {
            *f = clean::unmarked(f);
        }
    }
    for f in g.legal.iter_mut() {
        *f = clean::unmarked(f);
    }
    for c in &mut g.channels {
        for f in c.time.iter_mut().chain(c.fee.iter_mut()) {
            *f = clean::unmarked(f);
        }
    }
    // one gap found on two rows of a way is told once (W101 and the
    // draft note said it twice)
    let mut told: Vec<(String, Gap)> = Vec::with_capacity(g.gaps.len());
    for gap in std::mem::take(&mut g.gaps) {
        if !told.contains(&gap) {
            told.push(gap);
        }
    }
    g.gaps = told;
    g
}

/// The part of a guide a field of a portal record fills (`draft:` names
/// it): `data.executionMethods[0].fees[0].value` fills `channels`; `None`
/// for a field the guide does not show.
fn unread_part(path: &str) -> Option<&'static str> {
    let key = path
        .trim_start_matches("data.")
        .split(['.', '['])
        .next()
        .unwrap_or_default();
    Some(match key {
        "executionMethods" | "cases" => "channels",
        "executionCases" => "documents",
        "legalBasisesDetails" => "legal",
        "executionSteps" => "steps",
        "departmentsExecuting" | "unitGroupsExecuting" | "executingAgencies" => "agency",
        "subjectTypesDetails" => "audience",
        "resultsDetails" => "result",
        "description" => "summary",
        "code" | "codeNotation" => "code",
        "isFullProcess" => "online.level",
        "requirementsAndConditions" => "body",
        // (the portal's date is in the source block; `updated:` is the
        // clerk's check of it)
        "updatedAt" => "updated",
        _ => return None,
    })
}

/// `title` without what records put before the name itself ("Thủ tục",
/// "Thủ tục hành chính", in any capitals, then `:`, `-` or a space; a
/// list number, "1. ", "2)", "1.", "3 -") and the full stops after it.
/// Empty if nothing else is left ("Thủ tục" alone).
fn bare_title(title: &str) -> &str {
    let mut rest = title.trim();
    loop {
        let before = rest;
        for prefix in ["thủ tục hành chính", "thủ tục"] {
            if let Some(after) = clean::strip_prefix_any_case(rest, prefix)
                && after.starts_with(|c: char| c.is_whitespace() || ":-–—.".contains(c))
                // ("Thủ tục hành chính" alone is no "Hành chính")
                && clean::strip_prefix_any_case(after.trim(), "hành chính") != Some("")
            {
                rest = after;
            }
        }
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || ":-–—".contains(c));
        // a list number: one or two digits, a mark, then the name (a code
        // such as "1.004194. Đăng ký" is part of the name)
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if (1..3).contains(&digits) {
            let after = rest[digits..].trim_start();
            if let Some(name) = after.strip_prefix(['.', ')', '-', '–'])
                && name.trim_start().starts_with(char::is_alphabetic)
            {
                rest = name.trim_start();
            }
        }
        if rest == before {
            break;
        }
    }
    rest.trim_end_matches(['.', ' '])
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The heading an imported body starts with, over the steps.
pub(crate) const STEPS_HEADING: &str = "## Các bước";

/// A document's name on one line. Lines the portal broke it into (`<br>`,
/// paragraphs: "Một trong các giấy tờ sau:", "Hợp đồng thuê nhà", "Giấy xác
/// nhận của UBND xã") are kept apart by "; " after the first line's colon
/// (they ran together as one sentence: "… sau: Hợp đồng thuê nhà Giấy xác
/// nhận …"); a sentence broken mid-way is joined with a space.
fn document_name(name: &str) -> String {
    let mut out = String::new();
    for raw in name.lines() {
        let l = line(unmark(raw));
        if l.is_empty() {
            continue;
        }
        if !out.is_empty() {
            // an item of a list the portal wrote ("- hợp đồng thuê") is
            // one; a sentence broken mid-way ("của" / "UBND xã", "(mẫu" /
            // "CT01)", "thay đổi thông tin" / "cư trú") goes on
            let marked = raw.trim_start() != unmark(raw.trim_start());
            let first_word = l.split_whitespace().next().unwrap_or_default();
            let abbreviation = first_word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                && first_word.chars().filter(|c| c.is_alphabetic()).count() > 1;
            let open = out.matches('(').count() > out.matches(')').count();
            // (a line in brackets says more of the one above: "(có giá
            // trị 6 tháng)"; one numbered so, "(1) Hợp đồng thuê nhà",
            // "(ii) …", is an item of its own)
            let bracket = l.starts_with('(') && !enumerated(&l);
            let goes_on = !marked
                && (l.chars().next().is_some_and(char::is_lowercase)
                    || bracket
                    || abbreviation
                    || open);
            let sep = match (out.ends_with([':', ';', ',']), goes_on) {
                (true, _) | (false, true) => " ",
                (false, false) => "; ",
            };
            out.push_str(sep);
        }
        out.push_str(&l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_with_no_way_that_says_it_is_done_online_keeps_its_online_link() {
        let v = serde_json::json!({"id": "019d2bf7-770b-734d-b7fb-5e1995f194f4",
            "name": "Xác nhận thông tin về cư trú", "isFullProcess": true});
        let r = crate::import::record::from_value(&v).unwrap();
        let g = guide(&r, today());
        assert!(g.channels.is_empty());
        assert_eq!(
            g.online.as_ref().map(|(_, l)| l.as_str()),
            Some("toan-trinh")
        );
        assert!(
            g.gaps
                .iter()
                .any(|(f, gap)| f == "online.level" && *gap == Gap::OnlineLevel)
        );
        assert!(g.gaps.iter().any(|(f, _)| f == "channels"));
    }

    #[test]
    fn a_record_of_a_procedure_not_in_force_is_told() {
        let gaps = |state: &str| {
            let v = serde_json::json!({"id": "a", "name": "Đăng ký khai sinh", "state": state});
            let r = crate::import::record::from_value(&v).unwrap();
            guide(&r, today())
                .gaps
                .into_iter()
                .filter(|(_, g)| matches!(g, Gap::NotInForce { .. }))
                .count()
        };
        assert_eq!(gaps("ABOLISHED"), 1);
        assert_eq!(gaps("DELETED"), 1);
        assert_eq!(gaps("ACTIVE"), 0);
        assert_eq!(gaps("UPDATED"), 0);
        assert_eq!(gaps(""), 0);
    }

    #[test]
    fn a_fee_with_no_amount_reads_as_its_note_says_and_none_at_all_is_told() {
        let row =
            |value: Option<f64>, words: Option<&str>, note: &str| crate::import::record::Fee {
                kind: "FEE".into(),
                value,
                value_text: words.map(str::to_string),
                description: note.into(),
                ..Default::default()
            };
        let one = |r| fees_of(&[r]).lines;
        assert_eq!(one(row(None, None, "Không")), ["Lệ phí: miễn phí"]);
        assert_eq!(one(row(None, None, "Miễn phí.")), ["Lệ phí: miễn phí"]);
        assert_eq!(one(row(Some(0.0), None, "Không")), ["Lệ phí: miễn phí"]);
        assert_eq!(
            one(row(None, None, "2.000 đồng/trang")),
            ["Lệ phí: 2.000 đồng/trang"]
        );
        assert_eq!(one(row(None, None, "")), ["Lệ phí: chưa rõ số tiền"]);
        // a note that names its kind is not put after the kind again
        assert_eq!(one(row(None, None, "Lệ phí: 20.000đ")), ["Lệ phí: 20.000đ"]);
        assert_eq!(
            one(row(None, Some("50.000 đồng/lần"), "50.000 đồng/lần")),
            ["Lệ phí: 50.000 đồng/lần"]
        );
        assert!(fees_of(&[row(None, None, "Không")]).no_value);
        // "free" beside an amount: both shown, the conflict to be seen
        assert_eq!(
            one(row(Some(50000.0), None, "Miễn phí.")),
            ["Lệ phí 50.000 đồng (Miễn phí.)"]
        );
        // a way with no fee row: told once, as is a gap two rows share
        let v = serde_json::json!({"id": "a", "name": "Đăng ký khai sinh",
            "executionMethods": [
                {"submissionMethod": "DIRECT", "processingTime": 1, "processingTimeUnit": "DAY", "fees": []},
                {"submissionMethod": "DIRECT", "processingTime": 1, "processingTimeUnit": "DAY", "fees": null}]});
        let r = crate::import::record::from_value(&v).unwrap();
        let g = guide(&r, today());
        let fee_gaps: Vec<&Gap> = g
            .gaps
            .iter()
            .filter(|(f, _)| f == "channels[0].fee")
            .map(|(_, gap)| gap)
            .collect();
        assert_eq!(fee_gaps, [&Gap::NoFee]);
    }

    #[test]
    fn a_field_the_portal_wrote_in_an_odd_shape_is_marked_where_it_belongs() {
        let v = serde_json::json!({"id": "a", "name": "Đăng ký khai sinh",
            "legalBasisesDetails": 7, "executionSteps": 3, "subjectTypesDetails": true,
            "executionMethods": [{"submissionMethod": "DIRECT", "fees": [{"value": [1]}]}]});
        let r = crate::import::record::from_value(&v).unwrap();
        let g = guide(&r, today());
        let marked: Vec<&str> = g
            .gaps
            .iter()
            .filter(|(_, gap)| matches!(gap, Gap::Unread { .. }))
            .map(|(f, _)| f.as_str())
            .collect();
        assert_eq!(marked, ["channels", "legal", "steps", "audience"]);
        assert_eq!(g.title, "Đăng ký khai sinh");
    }

    #[test]
    fn an_amount_that_reads_two_ways_is_marked_to_check() {
        let v = serde_json::json!({"id": "a", "name": "Cấp bản sao",
            "executionMethods": [{"submissionMethod": "DIRECT", "fees": [{"type": "FEE", "value": "7,000"}]}]});
        let r = crate::import::record::from_value(&v).unwrap();
        let g = guide(&r, today());
        assert!(
            g.gaps.contains(&(
                "channels[0].fee".into(),
                Gap::AmountTwoWays {
                    written: "7,000".into(),
                    read: "7.000 đồng".into()
                }
            )),
            "{:?}",
            g.gaps
        );
    }

    #[test]
    fn a_title_as_the_portal_writes_it_is_written_as_a_title() {
        let title = |name: &str| {
            let v = serde_json::json!({"id": "a", "name": name});
            let r = crate::import::record::from_value(&v).unwrap();
            let g = guide(&r, today());
            let caps = g.gaps.contains(&("title".into(), Gap::TitleInCapitals));
            (g.title, caps)
        };
        assert_eq!(
            title("THỦ TỤC ĐĂNG KÝ TẠM TRÚ."),
            ("Đăng ký tạm trú".into(), true)
        );
        assert_eq!(
            title("1. Đăng ký tạm trú"),
            ("Đăng ký tạm trú".into(), false)
        );
        assert_eq!(
            title("Đăng ký tạm trú..."),
            ("Đăng ký tạm trú".into(), false)
        );
        // numbers that are part of the name stay
        assert_eq!(
            title("Cấp Phiếu lý lịch tư pháp số 1"),
            ("Cấp Phiếu lý lịch tư pháp số 1".into(), false)
        );
        assert_eq!(title("2025 năm"), ("2025 năm".into(), false));
        assert_eq!(
            title("1.004194. Đăng ký tạm trú"),
            ("1.004194. Đăng ký tạm trú".into(), false)
        );
        // what else records put before the name
        for (name, want, caps) in [
            (
                "Thủ tục hành chính: Cấp bản sao trích lục hộ tịch",
                "Cấp bản sao trích lục hộ tịch",
                false,
            ),
            ("Thủ tục - Đăng ký giám hộ", "Đăng ký giám hộ", false),
            ("Thủ tục: Đăng ký khai tử", "Đăng ký khai tử", false),
            ("1.Đăng ký lại kết hôn", "Đăng ký lại kết hôn", false),
            ("2) Đăng ký lại kết hôn", "Đăng ký lại kết hôn", false),
            ("Thủ tục ĐĂNG KÝ KHAI SINH", "Đăng ký khai sinh", true),
            (
                "Thủ tục: 1. ĐĂNG KÝ KHAI SINH TẠI UBND XÃ.",
                "Đăng ký khai sinh tại ubnd xã",
                true,
            ),
            ("thủ tục cấp giấy phép", "Cấp giấy phép", false),
            // a name that only starts like the words before it
            ("Thủ tục viên chức", "Viên chức", false),
            ("Thủ tục", "Thủ tục", false),
            ("Thủ tục hành chính", "Thủ tục hành chính", false),
            ("Thủ tụcx", "Thủ tụcx", false),
        ] {
            assert_eq!(title(name), (want.to_string(), caps), "{name}");
        }
    }

    #[test]
    fn a_record_without_documents_names_it_for_a_clerk() {
        let v = serde_json::json!({"id": "a", "name": "Đăng ký", "executionCases": []});
        let g = guide(&crate::import::record::from_value(&v).unwrap(), today());
        assert!(g.documents.is_empty());
        assert!(
            g.gaps.contains(&("documents".into(), Gap::NoDocuments)),
            "{:?}",
            g.gaps
        );
    }

    #[test]
    fn a_table_written_as_lines_is_marked_to_check() {
        let v = serde_json::json!({"id": "a", "name": "Cấp bản sao trích lục",
            "requirementsAndConditions": "<p>Mức thu:</p><table><tr><td>Bản sao</td><td>8.000 đồng</td></tr><tr><td>Bản chính</td><td>Miễn</td></tr></table>"});
        let r = crate::import::record::from_value(&v).unwrap();
        let g = guide(&r, today());
        assert!(
            g.gaps.contains(&("body".into(), Gap::Table)),
            "{:?}",
            g.gaps
        );
        assert!(
            g.body.contains("Bản sao \\| 8.000 đồng") || g.body.contains("Bản sao | 8.000 đồng"),
            "{}",
            g.body
        );
    }

    #[test]
    fn an_amount_no_fee_is_is_left_for_a_clerk_to_check() {
        let fee = |value: f64, description: &str| crate::import::record::Fee {
            kind: "FEE".into(),
            value: Some(value),
            value_text: None,
            doubtful: None,
            currency: "VND".into(),
            description: description.into(),
        };
        let why = |value: f64| fees_of(&[fee(value, "")]).odd.first().map(|(_, why)| *why);
        assert_eq!(why(-1.0), Some("negative"));
        assert_eq!(why(7.5), Some("fraction"));
        assert_eq!(why(7.0), Some("small"));
        assert_eq!(why(15e9), Some("large"));
        assert_eq!(why(15000.0), None);
        assert_eq!(why(0.0), None);
        // a fee some are spared is how fees are written
        assert!(
            fees_of(&[fee(50000.0, "Miễn phí đối với trẻ em")])
                .odd
                .is_empty()
        );
        // every odd amount of a way is told, each once (only the first was)
        let odd = fees_of(&[
            fee(7000.5, ""),
            fee(-5000.0, ""),
            fee(50.0, ""),
            fee(-5000.0, ""),
            fee(20000.0, ""),
        ])
        .odd;
        let whys: Vec<&str> = odd.iter().map(|(_, w)| *w).collect();
        assert_eq!(whys, ["fraction", "negative", "small"]);
    }

    #[test]
    fn free_on_every_row_while_the_steps_say_pay_is_told() {
        let free = |steps: &str| {
            let r = record(serde_json::json!({"id": "a", "name": "B",
                "executionMethods": [{"submissionMethod": "DIRECT", "processingTime": 3, "processingTimeUnit": "NGAY_LAM_VIEC",
                    "fees": [{"value": 0, "description": "", "currencyName": "VND", "type": "FEE"}]}],
                "executionSteps": [{"name": "Bước 1", "description": steps}]}));
            guide(&r, today())
                .gaps
                .into_iter()
                .find_map(|(field, gap)| match gap {
                    Gap::FreeButStepsPay { said } => Some((field, said)),
                    _ => None,
                })
        };
        let (field, said) = free("Người yêu cầu nộp hồ sơ; nộp lệ phí nếu thuộc trường hợp phải nộp lệ phí đăng ký khai sinh.").expect("told");
        assert_eq!(field, "channels[0].fee");
        assert!(said.contains("nộp lệ phí nếu thuộc trường hợp"), "{said}");
        assert_eq!(free("Trẻ em không phải nộp lệ phí."), None);
        // letters whose small letters are longer: no panic, the place kept
        let (_, said) = free("İİİİ NỘP LỆ PHÍ theo quy định İİ").expect("told");
        assert!(said.contains("NỘP LỆ PHÍ"), "{said}");
        assert_eq!(free("Nhận kết quả tại bộ phận một cửa."), None);
    }

    #[test]
    fn a_summary_or_result_that_says_nothing_is_none() {
        let r = record(
            serde_json::json!({"id": "a", "name": "Đăng ký tạm trú", "description": "Không",
            "resultsDetails": [{"name": "<ul><li>Trích lục khai sinh;</li><li>Giấy khai sinh bản chính</li></ul>"}, {"name": "Không"}]}),
        );
        let g = guide(&r, today());
        assert_eq!(g.summary, "Đăng ký tạm trú");
        assert!(g.gaps.contains(&("summary".into(), Gap::NoSummary)));
        assert_eq!(g.result, "Trích lục khai sinh; Giấy khai sinh bản chính");
        // a line that goes on is not an item of its own
        let r = record(serde_json::json!({"id": "a", "name": "B",
            "resultsDetails": [{"name": "Giấy xác nhận tình trạng hôn nhân\n(có giá trị 6 tháng kể từ ngày cấp)"}]}));
        assert_eq!(
            guide(&r, today()).result,
            "Giấy xác nhận tình trạng hôn nhân (có giá trị 6 tháng kể từ ngày cấp)"
        );
    }

    #[test]
    fn a_line_in_brackets_goes_on_unless_it_is_numbered() {
        assert_eq!(
            document_name("Giấy xác nhận tình trạng hôn nhân\n(có giá trị 6 tháng)"),
            "Giấy xác nhận tình trạng hôn nhân (có giá trị 6 tháng)"
        );
        assert_eq!(
            document_name(
                "Một trong các giấy tờ sau:\n(1) Hợp đồng thuê nhà\n(2) Giấy xác nhận của UBND xã"
            ),
            "Một trong các giấy tờ sau: (1) Hợp đồng thuê nhà; (2) Giấy xác nhận của UBND xã"
        );
        assert_eq!(
            document_name("Tờ khai CT01\n(ii) bản điện tử"),
            "Tờ khai CT01; (ii) bản điện tử"
        );
        assert!(enumerated("(a) x") && enumerated("(IV) x") && enumerated("(12) x"));
        assert!(!enumerated("(mẫu CT01)") && !enumerated("(có giá trị)") && !enumerated("("));
    }

    #[test]
    fn copies_written_in_a_name_are_read_when_the_portal_gives_none() {
        assert_eq!(
            counts_in_name("Sổ hộ khẩu (Bản chính: 1, Bản sao: 0)"),
            Some(("Sổ hộ khẩu".to_string(), 1, 0))
        );
        assert_eq!(
            counts_in_name("Giấy khai sinh (01 bản chính, 02 bản sao)."),
            Some(("Giấy khai sinh".to_string(), 1, 2))
        );
        assert_eq!(counts_in_name("Tờ khai (Bản chính: 0, Bản sao: 0)"), None);
        assert_eq!(counts_in_name("Tờ khai (mẫu CT01)"), None);
        assert_eq!(counts_in_name("Bản sao có chứng thực giấy khai sinh"), None);
        assert_eq!(counts_in_name("Giấy tờ (bản sao nếu có: 1)"), None);
        // on the checklist, with the copies the way camnang writes them
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionCases": [
                {"name": "Hồ sơ gồm:", "profileComponents": [
                    {"name": "Sổ hộ khẩu (Bản chính: 1, Bản sao: 0)", "originalQty": null, "copyQty": null}
                ]}
            ]}),
        );
        let g = guide(&r, today());
        assert_eq!(
            g.documents,
            vec![(
                Some("Hồ sơ gồm:".into()),
                vec!["Sổ hộ khẩu (01 bản chính)".into()]
            )]
        );
    }

    #[test]
    fn a_way_listed_twice_the_same_is_read_once() {
        let row = serde_json::json!({"submissionMethod": "DIRECT", "processingTime": 3, "processingTimeUnit": "NGAY_LAM_VIEC",
            "description": "Nộp tại bộ phận một cửa.",
            "fees": [{"value": 7000, "description": "Cấp lần đầu", "currencyName": "VND", "type": "FEE"},
                     {"value": 3000, "description": "Cấp lại", "currencyName": "VND", "type": "FEE"}]});
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionMethods": [row.clone(), row]}),
        );
        let g = guide(&r, today());
        assert_eq!(g.channels.len(), 1);
        let fee = g.channels[0].fee.clone().unwrap_or_default();
        assert_eq!(fee.matches("7.000").count(), 1, "{fee}");
        assert_eq!(fee.matches("3.000").count(), 1, "{fee}");
        assert_eq!(g.body.matches("bộ phận một cửa").count(), 1, "{}", g.body);
    }

    #[test]
    fn money_is_written_the_vietnamese_way() {
        assert_eq!(dong(7000.0), "7.000");
        assert_eq!(dong(15000.0), "15.000");
        assert_eq!(dong(1234567.5), "1.234.567,5");
        assert_eq!(dong(500.0), "500");
    }

    #[test]
    fn times_say_when_they_are_unclear() {
        assert_eq!(
            time(&Time::Whole(3), "WORKING_DAY"),
            (Some("03 ngày làm việc".into()), None)
        );
        assert!(matches!(
            time(&Time::Fraction(0.5), "WORKING_DAY").1,
            Some(Gap::TimeFraction { .. })
        ));
        assert!(matches!(
            time(&Time::Whole(1), "OTHER").1,
            Some(Gap::TimeUnit { .. })
        ));
        assert!(matches!(
            time(&Time::Text("Trong ngày".into()), "OTHER").1,
            Some(Gap::TimeText { .. })
        ));
        // a text that already says its unit; a time of 0
        assert_eq!(
            time(&Time::Text("03 ngày làm việc".into()), "WORKING_DAY").0,
            Some("03 ngày làm việc".into())
        );
        // 0 days, fewer, or empty words: no time (the way tells it)
        for t in [Time::Whole(0), Time::Whole(-1), Time::Text(" ".into())] {
            assert_eq!(time(&t, "WORKING_DAY"), (None, None), "{t:?}");
        }
    }

    #[test]
    fn a_legal_basis_listed_twice_is_listed_once() {
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "legalBasisesDetails": [
                {"name": "Luật Cư trú 2020 (68/2020/QH14)"}, {"name": "Thông tư 55/2021/TT-BCA"},
                {"name": "Luật Cư trú 2020 (68/2020/QH14)"}
            ]}),
        );
        let g = guide(&r, today());
        assert_eq!(
            g.legal,
            vec![
                "Luật Cư trú 2020 (68/2020/QH14)".to_string(),
                "Thông tư 55/2021/TT-BCA".to_string()
            ]
        );
    }

    #[test]
    fn an_identity_paper_to_show_is_a_document_though_no_copies_are_listed() {
        // the portal lists papers to show at the counter with 0 and 0
        // copies: they went to the notes, and the checklist had no
        // identity card
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionCases": [
                {"name": "Giấy tờ phải xuất trình:", "profileComponents": [
                    {"name": "Hộ chiếu hoặc chứng minh nhân dân hoặc thẻ căn cước công dân", "originalQty": 0, "copyQty": 0},
                    {"name": "Lưu ý: xuất trình thẻ căn cước bản gốc", "originalQty": 0, "copyQty": 0},
                    {"name": "Hồ sơ nộp qua bưu điện được nhận trong giờ hành chính", "originalQty": 0, "copyQty": 0}
                ]}
            ]}),
        );
        let g = guide(&r, today());
        assert_eq!(
            g.documents,
            vec![(
                Some("Giấy tờ phải xuất trình:".into()),
                vec!["Hộ chiếu hoặc chứng minh nhân dân hoặc thẻ căn cước công dân".into()]
            )]
        );
        assert!(g.body.contains("Lưu ý"), "{}", g.body);
        assert!(g.body.contains("giờ hành chính"), "{}", g.body);
    }

    #[test]
    fn an_identity_paper_is_told_from_a_sentence_naming_one() {
        for paper in [
            "Hộ chiếu hoặc thẻ căn cước công dân",
            "Đối với công dân Việt Nam: Thẻ căn cước còn giá trị",
            "Người đi đăng ký xuất trình Thẻ căn cước",
            "Khi nộp hồ sơ trực tiếp: xuất trình hộ chiếu",
            "Trường hợp nộp trực tiếp: xuất trình Thẻ căn cước",
            "Trường hợp người nước ngoài thì xuất trình hộ chiếu",
        ] {
            assert!(identity_paper(&paper.to_lowercase()), "{paper}");
        }
        for note in [
            "Trường hợp người yêu cầu đăng ký hộ tịch lựa chọn nhận kết quả tại Trung tâm Phục vụ hành chính công thì người yêu cầu đăng ký hộ tịch phải xuất trình giấy tờ tuỳ thân, nộp các giấy tờ là thành phần hồ sơ theo quy định",
            "Người tiếp nhận hồ sơ khai thác thông tin về căn cước công dân",
            "Trường hợp giấy tờ tùy thân sử dụng là: Hộ chiếu, Thẻ căn cước thì chỉ cần cung cấp số định danh",
            "Thông tin đã có trong căn cước thì không phải nộp",
            "Cơ quan đăng ký kiểm tra căn cước của người yêu cầu",
        ] {
            assert!(!identity_paper(&note.to_lowercase()), "{note}");
        }
    }

    #[test]
    fn a_sentence_naming_an_identity_paper_stays_a_note() {
        // from the portal's record 1.001193: a case of notes, whose lines
        // name identity papers; they went onto the checklist
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionCases": [
                {"name": "Giấy tờ phải xuất trình:", "profileComponents": [
                    {"name": "- Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước còn giá trị sử dụng", "originalQty": 0, "copyQty": 0},
                    {"name": "- Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực các giấy tờ phải xuất trình nêu trên.", "originalQty": 0, "copyQty": 0}
                ]},
                {"name": "* Lưu ý:", "profileComponents": [
                    {"name": "Người tiếp nhận hồ sơ thực hiện khai thác thông tin trong Cơ sở dữ liệu quốc gia về dân cư nếu người yêu cầu đã cung cấp số định danh cá nhân/căn cước công dân.", "originalQty": 0, "copyQty": 0},
                    {"name": "- Trường hợp người yêu cầu lựa chọn nhận kết quả tại Trung tâm thì phải xuất trình giấy tờ tuỳ thân.", "originalQty": 0, "copyQty": 0},
                    {"name": "Thẻ căn cước của người đi nhận kết quả", "originalQty": 0, "copyQty": 0}
                ]}
            ]}),
        );
        let g = guide(&r, today());
        assert_eq!(
            g.documents,
            vec![(
                Some("Giấy tờ phải xuất trình:".into()),
                vec!["Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước còn giá trị sử dụng".into()]
            )]
        );
        for note in [
            "Người tiếp nhận hồ sơ",
            "nhận kết quả tại Trung tâm",
            "bưu chính",
            "Thẻ căn cước của người đi nhận",
        ] {
            assert!(g.body.contains(note), "{note}: {}", g.body);
        }
    }

    #[test]
    fn a_form_the_portal_attaches_is_named_and_its_line_is_a_document() {
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionCases": [
                {"name": "Hồ sơ gồm:", "profileComponents": [
                    {"name": "Tờ khai CT01", "originalQty": 0, "copyQty": 0, "attachments": [{"fileName": "1.MuCT01.doc"}]},
                    {"name": "Giấy tờ chỗ ở", "originalQty": 1, "copyQty": 0, "attachments": [{"fileName": "1.MuCT01.doc"}, {"fileName": " CT02.pdf "}]}
                ]}
            ]}),
        );
        let g = guide(&r, today());
        assert_eq!(
            g.documents,
            vec![(
                Some("Hồ sơ gồm:".into()),
                vec!["Tờ khai CT01".into(), "Giấy tờ chỗ ở (01 bản chính)".into()]
            )]
        );
        assert!(g.gaps.contains(&(
            "documents".into(),
            Gap::FormsOnPortal {
                names: "1.MuCT01.doc, CT02.pdf".into()
            }
        )));
    }

    #[test]
    fn a_note_after_the_last_step_is_written_under_the_steps() {
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionSteps": [{"name": "",
            "description": "Bước 1: Chuẩn bị hồ sơ.\nBước 2: Nộp hồ sơ.\n* Lưu ý:\n- Hồ sơ chưa đủ thì bổ sung.\n- Giờ hành chính."}]}),
        );
        let g = guide(&r, today());
        assert!(
            g.body.contains(
                "2. Nộp hồ sơ.\n\n**Lưu ý:**\n\n- Hồ sơ chưa đủ thì bổ sung.\n- Giờ hành chính.\n"
            ),
            "{}",
            g.body
        );
        assert_eq!(g.steps.last().map(String::as_str), Some("Nộp hồ sơ."));
        assert!(g.gaps.contains(&("steps".into(), Gap::NoteAfterSteps)));
    }

    #[test]
    fn no_time_is_lost_or_left_without_a_mark() {
        let way = |time: serde_json::Value, unit: &str| serde_json::json!([{"submissionMethod": "DIRECT", "processingTime": time, "processingTimeUnit": unit}]);
        let case = |name: &str, qty: serde_json::Value| serde_json::json!({"name": name, "processingDay": {"qty": qty, "type": "WORKING_DAY"}});
        let made = |methods: serde_json::Value, cases: serde_json::Value| {
            let g = guide(
                &record(serde_json::json!({"id": "a", "name": "B",
                    "executionMethods": methods, "cases": cases})),
                today(),
            );
            let gaps: Vec<Gap> = g
                .gaps
                .iter()
                .filter(|(f, _)| f == "channels[0].time")
                .map(|(_, gap)| gap.clone())
                .collect();
            (g.channels[0].time.clone().unwrap_or_default(), gaps)
        };
        // no time anywhere, or 0 days: marked for a clerk
        for t in [
            serde_json::Value::Null,
            serde_json::json!(0),
            serde_json::json!(""),
        ] {
            assert_eq!(
                made(way(t, "WORKING_DAY"), serde_json::json!([])),
                (String::new(), vec![Gap::NoTime])
            );
        }
        // 0 days on the way, the cases' times beside: the cases' times,
        // half a day and words among them
        let cases = serde_json::json!([
            case("A", serde_json::json!(3)),
            case("B", serde_json::json!(0.5)),
            case("C", serde_json::json!("Trong ngày"))
        ]);
        let (t, gaps) = made(way(serde_json::json!(0), "WORKING_DAY"), cases.clone());
        assert_eq!(
            t,
            "03 ngày làm việc (A); 0,5 ngày làm việc (B); Trong ngày (ngày làm việc) (C)"
        );
        assert_eq!(gaps, vec![Gap::TimeByCase]);
        // words with no unit: the cases' times after them
        let (t, _) = made(
            way(serde_json::json!("Không quá 05 ngày"), "OTHER"),
            cases.clone(),
        );
        assert!(
            t.starts_with(
                "Không quá 05 ngày — theo từng trường hợp trên Cổng: 03 ngày làm việc (A); 0,5"
            ),
            "{t}"
        );
        // words with their unit stand alone (the case times are not theirs)
        let (t, _) = made(
            way(serde_json::json!("03 ngày làm việc"), "WORKING_DAY"),
            cases,
        );
        assert_eq!(t, "03 ngày làm việc");
        // a way given twice, one row with a time: the channel has it
        let rows = serde_json::json!([
            {"submissionMethod": "DIRECT", "processingTime": 3, "processingTimeUnit": "WORKING_DAY"},
            {"submissionMethod": "DIRECT"}
        ]);
        assert_eq!(
            made(rows, serde_json::json!([])),
            ("03 ngày làm việc".into(), vec![])
        );
    }

    #[test]
    fn an_agency_at_the_district_level_is_left_for_a_clerk_to_check() {
        let old = record(serde_json::json!({"id": "a", "name": "B",
            "departmentsExecuting": [{"name": "Ủy ban nhân dân cấp huyện"}]}));
        let g = guide(&old, today());
        assert_eq!(g.agency, "Ủy ban nhân dân cấp huyện");
        assert!(
            g.gaps
                .iter()
                .any(|(f, gap)| f == "agency" && *gap == Gap::DistrictAgency { level: "huyện" }),
            "{:?}",
            g.gaps
        );
        let now = record(serde_json::json!({"id": "a", "name": "B",
            "departmentsExecuting": [{"name": "Ủy ban nhân dân cấp xã"}]}));
        assert!(!guide(&now, today()).gaps.iter().any(|(f, _)| f == "agency"));
        // steps that still send residents to the district: to check too
        // (posters printed "Nộp hồ sơ tại UBND cấp huyện")
        let steps = record(serde_json::json!({"id": "a", "name": "B",
            "departmentsExecuting": [{"name": "Ủy ban nhân dân cấp xã"}],
            "executionSteps": [{"name": "", "description":
                "Bước 1: Nộp hồ sơ tại Bộ phận một cửa của UBND cấp huyện.\nBước 2: Nhận kết quả."}]}));
        let g = guide(&steps, today());
        assert!(
            g.gaps
                .iter()
                .any(|(f, gap)| f == "steps" && *gap == Gap::DistrictInText { level: "huyện" }),
            "{:?}",
            g.gaps
        );
        let here = record(serde_json::json!({"id": "a", "name": "B",
            "executionSteps": [{"name": "", "description":
                "Bước 1: Nộp hồ sơ tại Bộ phận một cửa của xã.\nBước 2: Nhận kết quả."}]}));
        assert!(
            !guide(&here, today())
                .gaps
                .iter()
                .any(|(_, g)| matches!(g, Gap::DistrictInText { .. }))
        );
    }

    fn record(v: serde_json::Value) -> Record {
        crate::import::record::from_value(&v).unwrap()
    }

    fn today() -> Date {
        Date::from_days(20_000)
    }

    #[test]
    fn every_way_of_submitting_is_kept() {
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionMethods": [
                {"submissionMethod": "DIRECT", "processingTime": 3, "processingTimeUnit": "WORKING_DAY",
                 "fees": [{"type": "FEE", "value": "7.000"}]},
                {"submissionMethod": "DIRECT", "processingTime": 7, "processingTimeUnit": "WORKING_DAY",
                 "description": "Trường hợp cần xác minh", "fees": [{"type": "FEE", "value": 20000}]},
                {"submissionMethod": "ONLINE_VNEID", "description": "Nộp qua ứng dụng VNeID"},
                {"submissionMethod": "POSTAL", "fees": [{"type": "FEE", "value": "5.000 - 10.000"}]}
            ]}),
        );
        let g = guide(&r, today());
        assert_eq!(g.channels.len(), 2, "{:?}", g.channels);
        let direct = &g.channels[0];
        assert_eq!(direct.way, "truc-tiep");
        assert_eq!(
            direct.time.as_deref(),
            Some("03 ngày làm việc; 07 ngày làm việc")
        );
        assert_eq!(
            direct.fee.as_deref(),
            Some("Lệ phí 7.000 đồng; Lệ phí 20.000 đồng")
        );
        // two times of one way: which case each is for is to check (they
        // were shown side by side as if both held)
        assert!(
            g.gaps
                .contains(&("channels[0].time".into(), Gap::TimesOfRows)),
            "{:?}",
            g.gaps
        );
        assert_eq!(g.channels[1].fee.as_deref(), Some("Lệ phí: 5.000 - 10.000"));
        assert!(g.gaps.contains(&(
            "channels[1].fee".into(),
            Gap::FeeText {
                value: "5.000 - 10.000".into()
            }
        )));
        assert!(g.gaps.contains(&(
            "channels".into(),
            Gap::WayUnknown {
                method: "ONLINE_VNEID".into()
            }
        )));
        assert!(g.body.contains("Trường hợp cần xác minh"), "{}", g.body);
        assert!(g.body.contains("Nộp qua ứng dụng VNeID"), "{}", g.body);
    }

    #[test]
    fn ways_camnang_does_not_know_are_told_apart() {
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionMethods": [
                {"submissionMethod": "KIOSK", "description": "Nộp tại máy ở sảnh UBND"},
                {"submissionMethod": "ONLINE_VNEID", "description": "Nộp qua ứng dụng VNeID"},
                {"submissionMethod": "KIOSK", "description": "Máy mở từ 7 giờ"}
            ]}),
        );
        let g = guide(&r, today());
        // two ways, each under its own heading; the two rows of one together
        let one = g.body.find("**Cách nộp khác (1)**").expect(&g.body);
        let two = g.body.find("**Cách nộp khác (2)**").expect(&g.body);
        let kiosk = g.body.find("Nộp tại máy").expect(&g.body);
        let open = g.body.find("Máy mở từ 7 giờ").expect(&g.body);
        let vneid = g.body.find("VNeID").expect(&g.body);
        assert!(
            one < kiosk && kiosk < open && open < two && two < vneid,
            "{}",
            g.body
        );
        assert!(!g.body.contains("**Cách nộp khác**"), "{}", g.body);
        // one way alone keeps the heading without a number
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionMethods": [
                {"submissionMethod": "KIOSK", "description": "Nộp tại máy ở sảnh UBND"}
            ]}),
        );
        let g = guide(&r, today());
        assert!(
            g.body.contains("**Cách nộp khác**\n\nNộp tại máy"),
            "{}",
            g.body
        );
    }

    #[test]
    fn a_record_with_no_way_of_submitting_says_so() {
        for methods in [serde_json::json!([]), serde_json::Value::Null] {
            let r =
                record(serde_json::json!({"id": "a", "name": "B", "executionMethods": methods}));
            let g = guide(&r, today());
            assert!(g.channels.is_empty());
            assert!(
                g.gaps
                    .iter()
                    .any(|(f, gap)| f == "channels" && matches!(gap, Gap::NoWays { .. })),
                "{:?}",
                g.gaps
            );
        }
    }

    #[test]
    fn a_document_named_over_several_lines_keeps_its_lines_apart() {
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionCases": [
                {"name": "Hồ sơ gồm:", "profileComponents": [
                    {"name": "Một trong các giấy tờ chứng minh chỗ ở hợp pháp:<br>Hợp đồng thuê nhà<br>Giấy xác nhận của UBND xã", "originalQty": 1, "copyQty": 0},
                    {"name": "<p>Bản sao giấy khai sinh</p><p>Bản sao căn cước</p>", "originalQty": 0, "copyQty": 1},
                    {"name": "Tờ khai thay đổi thông tin\ncư trú (mẫu\nCT01) của\nUBND xã", "originalQty": 1, "copyQty": 0},
                {"name": "Giấy tờ sau:\n- hợp đồng thuê\n- giấy xác nhận", "originalQty": 1, "copyQty": 0}
                ]}
            ]}),
        );
        let g = guide(&r, today());
        let items: Vec<&String> = g.documents.iter().flat_map(|(_, i)| i).collect();
        assert_eq!(
            items,
            [
                "Một trong các giấy tờ chứng minh chỗ ở hợp pháp: Hợp đồng thuê nhà; Giấy xác nhận của UBND xã (01 bản chính)",
                "Bản sao giấy khai sinh; Bản sao căn cước (01 bản sao)",
                "Tờ khai thay đổi thông tin cư trú (mẫu CT01) của UBND xã (01 bản chính)",
                "Giấy tờ sau: hợp đồng thuê; giấy xác nhận (01 bản chính)",
            ]
        );
    }

    #[test]
    fn a_way_given_again_later_keeps_its_words_under_its_own_heading() {
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionMethods": [
                {"submissionMethod": "DIRECT", "description": "Nộp tại bộ phận một cửa."},
                {"submissionMethod": "POSTAL", "description": "Gửi qua bưu điện."},
                {"submissionMethod": "DIRECT", "description": "Người nước ngoài nộp tại UBND tỉnh."}
            ]}),
        );
        let g = guide(&r, today());
        let ways = g.body.split("## Cách nộp hồ sơ").nth(1).expect("ways");
        let (direct, postal) = ways.split_once("**Qua bưu chính**").expect("postal");
        assert!(direct.contains("**Trực tiếp**"), "{ways}");
        assert!(
            direct.contains("Người nước ngoài nộp tại UBND tỉnh."),
            "{ways}"
        );
        assert!(direct.contains("Nộp tại bộ phận một cửa."), "{ways}");
        assert!(!postal.contains("Người nước ngoài"), "{ways}");
        assert_eq!(ways.matches("**Trực tiếp**").count(), 1, "{ways}");
    }

    #[test]
    fn a_document_or_a_case_listed_twice_is_listed_once() {
        let form = serde_json::json!({"name": "Tờ khai CT01", "originalQty": 1, "copyQty": 0});
        let photo = serde_json::json!({"name": "Ảnh 4x6", "originalQty": 2, "copyQty": 0});
        let note = serde_json::json!({"name": "Lưu ý: mang bản gốc để đối chiếu", "originalQty": 0, "copyQty": 0});
        let case = serde_json::json!({"name": "Đăng ký theo danh sách, hồ sơ gồm:",
            "profileComponents": [form, photo, form, form, note]});
        let r = record(serde_json::json!({"id": "a", "name": "B",
            "executionCases": [case, case, {"name": "", "profileComponents": [form, form]}]}));
        let g = guide(&r, today());
        assert_eq!(g.documents.len(), 2, "{:?}", g.documents);
        assert_eq!(
            g.documents[0].1,
            vec![
                "Tờ khai CT01 (01 bản chính)".to_string(),
                "Ảnh 4x6 (02 bản chính)".to_string()
            ]
        );
        assert_eq!(
            g.documents[1].1,
            vec!["Tờ khai CT01 (01 bản chính)".to_string()]
        );
        // the repeated case's note, once
        assert_eq!(g.body.matches("mang bản gốc").count(), 1, "{}", g.body);
    }

    #[test]
    fn a_sum_of_money_is_told_from_article_numbers_and_dates() {
        for yes in [
            "Lệ phí: 50.000 đồng/hồ sơ",
            "thu 15000đ",
            "25,000 VND một lần",
        ] {
            assert!(super::names_an_amount(yes), "{yes}");
        }
        for no in [
            "Miễn phí Đồng - theo Điều 4 Thông tư số 75/2022/TT-BTC ngày 22/12/2022",
            "0 đồng",
            "Điều 4",
            "Mẫu CT01",
        ] {
            assert!(!super::names_an_amount(no), "{no}");
        }
        assert_eq!(
            super::amounts_in("Lệ phí: 3.000 đồng/bản, tối đa 200.000 đồng; 15000đ"),
            [3000, 200_000, 15000]
        );
    }

    #[test]
    fn a_fee_whose_note_names_another_sum_is_to_check() {
        use crate::import::record::Fee;
        let row = |v: f64, note: &str| Fee {
            kind: "FEE".into(),
            value: Some(v),
            description: note.into(),
            ..Fee::default()
        };
        // the note names the amount: nothing to check
        let same = super::fees_of(&[row(7000.0, "thu 7.000 đồng/lần đăng ký")]);
        assert!(same.note_differs.is_none());
        let none = super::fees_of(&[row(7000.0, "Đăng ký tạm trú theo danh sách")]);
        assert!(none.note_differs.is_none());
        // a 0 lost, a note of another row copied
        for (v, note) in [
            (5000.0, "50.000 đồng/hồ sơ"),
            (30000.0, "Lệ phí: 3.000 đồng/bản"),
        ] {
            let f = super::fees_of(&[row(v, note)]);
            assert!(f.note_differs.is_some(), "{v} {note}");
        }
    }

    #[test]
    fn steps_the_portal_split_itself_are_numbered_once() {
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionSteps": [
                {"name": "Bước 1", "description": "Cá nhân chuẩn bị hồ sơ."},
                {"name": "Bước 2:", "description": "Nộp hồ sơ."},
                {"name": "Nhận kết quả", "description": "Tại bộ phận một cửa."}
            ]}),
        );
        let g = guide(&r, today());
        assert!(
            g.body.contains(
                "1. Cá nhân chuẩn bị hồ sơ.\n2. Nộp hồ sơ.\n3. Nhận kết quả Tại bộ phận một cửa.\n"
            ),
            "{}",
            g.body
        );
    }

    #[test]
    fn a_way_without_a_time_takes_the_times_of_the_cases() {
        let r = record(serde_json::json!({"id": "a", "name": "B",
            "executionMethods": [{"submissionMethod": "DIRECT"}],
            "cases": [{"name": "Thông thường", "processingDay": {"qty": 3, "type": "WORKING_DAY"}}]
        }));
        let g = guide(&r, today());
        assert!(
            g.channels[0]
                .time
                .as_deref()
                .is_some_and(|t| t.starts_with("03 ngày làm việc")),
            "{:?}",
            g.channels
        );
        assert!(g.gaps.iter().any(|(f, _)| f == "channels[0].time"));
    }

    #[test]
    fn notes_of_a_case_without_a_name_are_headed_of_their_own() {
        let note = |n: &str| serde_json::json!({"name": n, "originalQty": 0, "copyQty": 0});
        let doc = |n: &str| serde_json::json!({"name": n, "originalQty": 1, "copyQty": 0});
        let r = record(
            serde_json::json!({"id": "a", "name": "B", "executionCases": [
                {"name": "* Hồ sơ gồm:", "profileComponents": [doc("Tờ khai"), note("Ví dụ: hợp đồng thuê nhà")]},
                {"name": "", "profileComponents": [note("*Lưu ý: - Văn bản không phải công chứng. - Người nước ngoài mang hộ chiếu.")]},
                {"name": "", "profileComponents": [note("- Người yêu cầu nộp các giấy tờ sau:"), doc("Giấy chứng sinh")]}
            ]}),
        );
        let g = guide(&r, today());
        assert_eq!(
            g.documents,
            vec![
                (
                    Some("Hồ sơ gồm:".into()),
                    vec!["Tờ khai (01 bản chính)".into()]
                ),
                (
                    Some("Người yêu cầu nộp các giấy tờ sau:".into()),
                    vec!["Giấy chứng sinh (01 bản chính)".into()]
                ),
            ]
        );
        let notes = &g.body[g.body.find("Ghi chú về hồ sơ").unwrap()..];
        let first = notes.find("**Hồ sơ gồm:**").unwrap();
        let own = notes.find("**Lưu ý:**").unwrap();
        assert!(first < notes.find("Ví dụ").unwrap() && notes.find("Ví dụ").unwrap() < own);
        assert!(
            notes.contains("- Văn bản không phải công chứng.\n- Người nước ngoài"),
            "{notes}"
        );
    }
}
