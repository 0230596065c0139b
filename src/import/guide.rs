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
    let whole = v.trunc().abs() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
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

fn number_words(f: f64) -> String {
    let s = format!("{f}");
    s.replace('.', ",")
}

/// A time as the portal gives it, and the gap when it is unclear.
fn time(t: &Time, unit: &str) -> (Option<String>, Option<Gap>) {
    let words = unit_words(unit);
    match (t, words) {
        (Time::None, _) => (None, None),
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
                Some(w) if !s.is_empty() => format!("{s} ({w})"),
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
    // the title, without the "Thủ tục" some records put before it
    let name = line(&r.name);
    g.title = match name
        .strip_prefix("Thủ tục ")
        .or_else(|| name.strip_prefix("thủ tục "))
    {
        Some(rest) if !rest.trim().is_empty() => capitalise(rest.trim()),
        _ => name,
    };
    g.summary = line(&r.description);
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
        line(&r.executing_agencies),
    ]
    .into_iter()
    .find(|s| !s.is_empty())
    .unwrap_or_default();
    if g.agency.is_empty() {
        g.agency = "Chưa rõ".into();
        g.gaps.push(("agency".into(), Gap::NoAgency));
    }
    g.audience = joined(&r.audience, ", ");
    g.result = joined(&r.results, "; ");
    g.legal = r
        .legal
        .iter()
        .map(|l| clean::legal(l))
        .filter(|l| !l.is_empty())
        .collect();

    // channels: one per way of submitting, ways camnang knows, in order
    let mut case_times: Vec<String> = Vec::new();
    for c in &r.case_times {
        let (t, gap) = time(&c.qty, &c.unit);
        let Some(t) = t.filter(|_| gap.is_none()) else {
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
    let mut ways_text = String::new();
    for m in &r.methods {
        let Some(w) = way(&m.way) else {
            continue;
        };
        if g.channels.iter().any(|c| c.way == w) {
            continue;
        }
        let i = g.channels.len();
        let (mut t, gap) = time(&m.time, &m.unit);
        if let Some(gap) = gap {
            if matches!(gap, Gap::TimeUnit { .. }) && !case_times.is_empty() {
                // the portal's own figures per case, beside its bare number
                t = Some(format!(
                    "{} — theo từng trường hợp trên Cổng: {}",
                    t.unwrap_or_default(),
                    case_times.join("; ")
                ));
            }
            g.gaps.push((format!("channels[{i}].time"), gap));
        }
        let mut fees = Vec::new();
        let mut no_value = false;
        for f in &m.fees {
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
            let text = match f.value {
                Some(0.0) => format!("{label}: miễn phí"),
                Some(v) => format!("{label} {} {unit}", dong(v)),
                None => {
                    no_value = true;
                    format!("{label}: Cổng không ghi số tiền")
                }
            };
            let text = if cond.is_empty() {
                text
            } else {
                format!("{text} ({cond})")
            };
            if !fees.contains(&text) {
                fees.push(text);
            }
        }
        if no_value {
            g.gaps.push((format!("channels[{i}].fee"), Gap::FeeNoValue));
        }
        let desc = clean::clean(&m.description);
        if !desc.is_empty() {
            ways_text.push_str(&format!(
                "**{}**\n\n{}\n",
                way_words(w),
                clean::md_blocks(&desc, "")
            ));
        }
        g.channels.push(GuideChannel {
            way: w.to_string(),
            time: t,
            fee: (!fees.is_empty()).then(|| fees.join("; ")),
        });
    }
    if g.channels.iter().any(|c| c.way == "truc-tuyen")
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
    let mut note_count = 0;
    for c in &r.cases {
        let heading = line(unmark(&line(&c.name)));
        let heading = (!heading.is_empty()).then_some(heading);
        let mut items = Vec::new();
        let mut case_notes = Vec::new();
        for p in &c.components {
            let name = clean::clean(&p.name);
            let first = line(unmark(&name));
            if first.is_empty() {
                continue;
            }
            let lower = first.to_lowercase();
            let is_note = (p.original == 0 && p.copy == 0)
                || lower.starts_with("ví dụ")
                || lower.starts_with("lưu ý");
            if is_note {
                case_notes.push(name);
                continue;
            }
            let counts = match (p.original, p.copy) {
                (o, 0) => format!("{o:02} bản chính"),
                (0, c) => format!("{c:02} bản sao"),
                (o, c) => format!("{o:02} bản chính, {c:02} bản sao"),
            };
            items.push(format!("{first} ({counts})"));
        }
        if !case_notes.is_empty() {
            note_count += case_notes.len();
            if let Some(h) = &heading {
                notes.push_str(&format!("**{}**\n\n", clean::md(h)));
            }
            for n in case_notes {
                notes.push_str(&clean::md_blocks(&n, ""));
                notes.push('\n');
            }
        }
        if !items.is_empty() {
            match (g.documents.last_mut(), &heading) {
                (Some((None, prev)), None) => prev.extend(items),
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
    let mut body = String::from("## Các bước\n\n");
    let split = clean::split_steps(&all_steps).or_else(|| {
        // several entries of executionSteps are the portal's own split
        let parts: Vec<String> = r
            .steps
            .iter()
            .map(|(n, d)| clean::clean(&format!("{n}\n{d}")))
            .filter(|s| !s.is_empty())
            .collect();
        (parts.len() >= 2).then(|| (String::new(), parts))
    });
    match split {
        Some((before, steps)) => {
            if !before.is_empty() {
                body.push_str(&clean::md_blocks(&before, ""));
                body.push('\n');
            }
            for (i, s) in steps.iter().enumerate() {
                body.push_str(&clean::md_step(i + 1, s));
            }
            g.steps = steps;
        }
        None => {
            if all_steps.is_empty() {
                body.push_str("Cổng Dịch vụ công không ghi trình tự thực hiện.\n");
            } else {
                body.push_str(&clean::md_blocks(&all_steps, ""));
            }
            g.gaps.push(("steps".into(), Gap::StepsNotSplit));
        }
    }
    if !ways_text.is_empty() {
        body.push_str("\n## Cách nộp hồ sơ\n\n");
        body.push_str(&ways_text);
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
    g
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
