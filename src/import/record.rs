//! A procedure record of the national portal (`get-formality-by-citizen`),
//! read leniently from JSON: with or without the `{code, data, message}`
//! envelope, numbers that may be text, lists that may be missing or a
//! single item, names that may be bare text. A field that still cannot be
//! read is left empty and listed with its JSON path ([`Record::unread`]):
//! the guide marks it to check, and the rest of the record is imported.
//! Only a record with no id or name is refused. Never a panic.

use std::cell::RefCell;

use serde_json::Value;

use crate::messages::Lang;
pub(crate) use crate::messages::Want;

/// A record, keeping only what camnang writes or compares.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Record {
    /// The record id (a UUID): the portal page is `thu-tuc-hanh-chinh/<id>`.
    pub id: String,
    pub code: String,
    pub name: String,
    pub description: String,
    /// `departmentsExecuting[].name`.
    pub departments: Vec<String>,
    /// `unitGroupsExecuting[].name`.
    pub unit_groups: Vec<String>,
    /// `executingAgencies` (free text).
    pub executing_agencies: String,
    /// `subjectTypesDetails[].name`.
    pub audience: Vec<String>,
    pub methods: Vec<Method>,
    /// `executionCases[]`: the documents, grouped by case.
    pub cases: Vec<Case>,
    /// `cases[]`: a name and a processing time per case.
    pub case_times: Vec<CaseTime>,
    pub results: Vec<String>,
    pub legal: Vec<String>,
    /// `executionSteps[]`: (name, description).
    pub steps: Vec<(String, String)>,
    pub requirements: String,
    /// `updatedAt`, epoch milliseconds.
    pub updated_at: Option<i64>,
    pub state: String,
    /// `procedureProposal.proposalNumber`: the decision that published it.
    pub decision: String,
    /// `category.name`.
    pub category: String,
    /// `isWard`: done at commune level (none when the record does not say).
    pub commune_level: Option<bool>,
    /// `isFullProcess`, not confirmed to mean "toàn trình".
    pub full_process: Option<bool>,
    /// Whether the record's letters were garbled on the way (see
    /// [`crate::import::clean::unmangled`]) and put back.
    pub garbled: bool,
    /// Fields in a shape camnang cannot read, each with its JSON path
    /// (`data.executionMethods[0].fees[0].value`) and what was expected:
    /// read as empty.
    pub unread: Vec<(String, Want)>,
}

/// One way of submitting (`executionMethods[]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Method {
    /// `ONLINE`, `DIRECT`, `POSTAL` or another word.
    pub way: String,
    pub time: Time,
    pub unit: String,
    pub description: String,
    pub fees: Vec<Fee>,
}

/// `processingTime`: an int, a float or free text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) enum Time {
    #[default]
    None,
    Whole(i64),
    Fraction(f64),
    Text(String),
}

/// One fee row.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Fee {
    /// `FEE`, `SERVICE_FEE`, `PRICE_LEVEL`.
    pub kind: String,
    pub value: Option<f64>,
    /// The amount as the portal wrote it when it is words, not a number
    /// ("5.000 - 10.000", "theo quy định").
    pub value_text: Option<String>,
    /// The amount as the portal wrote it when it reads two ways ("7,000":
    /// seven thousand, or seven with a decimal comma): read as thousands.
    pub doubtful: Option<String>,
    pub currency: String,
    pub description: String,
}

/// `v` with every text whose letters were garbled put back; `None` when
/// none was.
fn unmangled(v: &Value) -> Option<Value> {
    fn walk(v: &mut Value) -> bool {
        match v {
            Value::String(s) => match crate::import::clean::unmangled(s) {
                Some(t) => {
                    *s = t;
                    true
                }
                None => false,
            },
            Value::Array(items) => items.iter_mut().fold(false, |any, i| walk(i) | any),
            Value::Object(m) => m.values_mut().fold(false, |any, i| walk(i) | any),
            _ => false,
        }
    }
    fn any(v: &Value) -> bool {
        match v {
            Value::String(s) => crate::import::clean::unmangled(s).is_some(),
            Value::Array(items) => items.iter().any(any),
            Value::Object(m) => m.values().any(any),
            _ => false,
        }
    }
    // (a record comes whole most of the time: copied only to be mended)
    if !any(v) {
        return None;
    }
    let mut fixed = v.clone();
    walk(&mut fixed).then_some(fixed)
}

/// A case of `executionCases`: a heading and its documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Case {
    pub name: String,
    pub components: Vec<Component>,
}

/// A document of a case.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Component {
    pub name: String,
    pub original: u32,
    pub copy: u32,
    /// The names of the files the portal attaches (a form to fill).
    pub forms: Vec<String>,
}

/// `cases[]`: a case's own processing time.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct CaseTime {
    pub name: String,
    pub qty: Time,
    pub unit: String,
}

/// What is wrong with a JSON value, with its path (`data.executionMethods[0].fees`).
pub(crate) type Wrong = String;

/// The `data` of an envelope, or the value itself when there is none.
/// An envelope whose `code` is not `OK` and has no data is an error.
pub(crate) fn unwrap_envelope(v: &Value) -> Result<(&Value, &'static str), Wrong> {
    let Some(obj) = v.as_object() else {
        return Err("the JSON is not an object".into());
    };
    // {"code", "message", "data"} as the portal answers, or {"data": {…}}
    // alone as some tools save it (a record has an id of its own)
    // (a record has an id and a name; its `code` is the procedure's,
    // "1.004194", where an answer's is a word: FORBIDDEN, NOT_FOUND)
    let refused = !obj.contains_key("id")
        && !obj.contains_key("name")
        && obj.get("code").and_then(Value::as_str).is_some_and(|c| {
            !c.eq_ignore_ascii_case("OK")
                && !c.is_empty()
                && c.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_')
        });
    let enveloped = refused
        || obj.contains_key("data")
            && (obj.contains_key("code")
                || obj.contains_key("message")
                || (!obj.contains_key("id") && obj.get("data").is_some_and(Value::is_object)));
    if !enveloped {
        return Ok((v, ""));
    }
    match obj.get("data") {
        // a page of the catalogue ({"items": […], "lastId": …}) is no record
        Some(d) if d.get("items").is_some_and(Value::is_array) && d.get("id").is_none() => {
            Err("a page of the catalogue, not a record".into())
        }
        // an answer with an error code is one, whatever data comes with it
        Some(d) if d.is_object() && !refused => Ok((d, "data.")),
        _ => {
            let code = obj.get("code").map(short).unwrap_or_default();
            let msg = obj.get("message").map(short).unwrap_or_default();
            Err(format!(
                "envelope without data (code {code}, message {msg})"
            ))
        }
    }
}

fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    s.chars().take(120).collect()
}

/// Reads a record from a parsed JSON value (with or without envelope).
pub(crate) fn from_value(v: &Value) -> Result<Record, Wrong> {
    // letters garbled on the way put back, throughout the record
    let fixed = unmangled(v);
    let v = fixed.as_ref().unwrap_or(v);
    let (d, prefix) = unwrap_envelope(v)?;
    let r = Reader {
        prefix,
        unread: RefCell::new(Vec::new()),
    };
    let id = r.text(d, "id");
    let name = r.text(d, "name");
    // (an id or a name in a shape camnang cannot read is no record)
    if let Some((path, want)) = r.unread.borrow().first() {
        return Err(format!("{path}: expected {}", want.word(Lang::En)));
    }
    if id.trim().is_empty() {
        return Err(format!("{prefix}id is missing"));
    }
    // (a name that is only markup or spaces, "<p></p>" or "&nbsp;", is none)
    if crate::import::clean::line(&name).is_empty() {
        return Err(format!("{prefix}name is missing"));
    }
    let names = |key: &str| -> Vec<String> {
        r.texts_at(d, key, "")
            .iter()
            .enumerate()
            .map(|(i, x)| r.name_at(x, &format!("{key}[{i}]")))
            .filter(|t| !t.trim().is_empty())
            .collect()
    };
    let mut methods = Vec::new();
    for (i, m) in r.list(d, "executionMethods").iter().enumerate() {
        let at = format!("executionMethods[{i}]");
        let mut fees = Vec::new();
        for (j, f) in r.list_at(m, "fees", &at).iter().enumerate() {
            let fat = format!("{at}.fees[{j}]");
            let amount = r.amount_at(f, "value", &fat);
            let doubtful = match f.get("value") {
                Some(Value::String(s)) if amount.0.is_some() && two_ways(s) => Some(s.clone()),
                _ => None,
            };
            fees.push(Fee {
                kind: r.text_at(f, "type", &fat),
                value: amount.0,
                value_text: amount.1,
                doubtful,
                currency: r.text_at(f, "currencyName", &fat),
                description: r.text_at(f, "description", &fat),
            });
        }
        methods.push(Method {
            way: r.text_at(m, "submissionMethod", &at),
            time: r.time_at(m, "processingTime", &at),
            unit: r.text_at(m, "processingTimeUnit", &at),
            description: r.text_at(m, "description", &at),
            fees,
        });
    }
    let mut cases = Vec::new();
    for (i, c) in r.list(d, "executionCases").iter().enumerate() {
        let at = format!("executionCases[{i}]");
        let mut components = Vec::new();
        for (j, p) in r.texts_at(c, "profileComponents", &at).iter().enumerate() {
            let pat = format!("{at}.profileComponents[{j}]");
            // the forms the portal attaches ("1.MuCT01….doc"): their names
            let forms = p
                .get("attachments")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|a| a.get("fileName").and_then(Value::as_str))
                .map(|f| f.trim().to_string())
                .filter(|f| !f.is_empty())
                .collect();
            components.push(Component {
                name: r.name_at(p, &pat),
                original: r.count_at(p, "originalQty", &pat),
                copy: r.count_at(p, "copyQty", &pat),
                forms,
            });
        }
        cases.push(Case {
            name: r.text_at(c, "name", &at),
            components,
        });
    }
    let mut case_times = Vec::new();
    for (i, c) in r.list(d, "cases").iter().enumerate() {
        let at = format!("cases[{i}]");
        let (qty, unit) = match c.get("processingDay") {
            Some(pd) if pd.is_object() => {
                let pat = format!("{at}.processingDay");
                (r.time_at(pd, "qty", &pat), r.text_at(pd, "type", &pat))
            }
            _ => (Time::None, String::new()),
        };
        case_times.push(CaseTime {
            name: r.text_at(c, "name", &at),
            qty,
            unit,
        });
    }
    let mut legal = Vec::new();
    for (i, l) in r.texts_at(d, "legalBasisesDetails", "").iter().enumerate() {
        let at = format!("legalBasisesDetails[{i}]");
        let name = r.name_at(l, &at);
        let code = r.text_at(l, "code", &at);
        // the document's number is kept: a name alone ("Luật Cư trú 2020")
        // does not say which text, and a clerk checks it by its number
        let squeezed = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let t = match (name.trim(), code.trim()) {
            ("", _) => code,
            (_, "") => name,
            (n, c) if squeezed(n).contains(&squeezed(c)) => name,
            (n, c) => format!("{n} ({c})"),
        };
        if !t.trim().is_empty() {
            legal.push(t);
        }
    }
    let mut steps = Vec::new();
    for (i, s) in r.texts_at(d, "executionSteps", "").iter().enumerate() {
        let at = format!("executionSteps[{i}]");
        // (a step written as bare text is its description)
        steps.push(match s {
            Value::String(text) => (String::new(), text.clone()),
            _ => (r.text_at(s, "name", &at), r.text_at(s, "description", &at)),
        });
    }
    let (category, decision) = (
        match d.get("category") {
            Some(c) if c.is_object() => r.text_at(c, "name", "category"),
            Some(Value::String(c)) => c.clone(),
            _ => String::new(),
        },
        match d.get("procedureProposal") {
            Some(p) if p.is_object() => r.text_at(p, "proposalNumber", "procedureProposal"),
            _ => String::new(),
        },
    );
    Ok(Record {
        code: {
            let c = r.text(d, "code");
            let c = if c.trim().is_empty() {
                r.text(d, "codeNotation")
            } else {
                c
            };
            // a code written as a number (`2.001230`) lost its last zeros
            // on the way: a portal code has six digits after its point
            match d.get("code").or_else(|| d.get("codeNotation")) {
                Some(Value::Number(_)) => six_places(&c),
                _ => c,
            }
        },
        description: r.text(d, "description"),
        departments: names("departmentsExecuting"),
        unit_groups: names("unitGroupsExecuting"),
        executing_agencies: r.text(d, "executingAgencies"),
        audience: names("subjectTypesDetails"),
        results: names("resultsDetails"),
        requirements: r.text(d, "requirementsAndConditions"),
        updated_at: r.moment_at(d, "updatedAt"),
        state: r.text(d, "state"),
        commune_level: r.flag(d, "isWard"),
        full_process: r.flag(d, "isFullProcess"),
        garbled: fixed.is_some(),
        unread: r.unread.take(),
        id,
        name,
        methods,
        cases,
        case_times,
        legal,
        steps,
        decision,
        category,
    })
}

/// Reads fields, leniently; a field it cannot read is read as empty and
/// listed in `unread` with where it is.
struct Reader {
    prefix: &'static str,
    unread: RefCell<Vec<(String, Want)>>,
}

impl Reader {
    fn path(&self, at: &str, key: &str) -> String {
        match at {
            "" => format!("{}{key}", self.prefix),
            _ => format!("{}{at}.{key}", self.prefix),
        }
    }

    /// Notes that the field `key` (under `at`) is not `expected`.
    fn unread(&self, at: &str, key: &str, want: Want) {
        let path = self.path(at, key);
        self.unread.borrow_mut().push((path, want));
    }

    fn text(&self, v: &Value, key: &str) -> String {
        self.text_at(v, key, "")
    }

    /// Text; numbers and booleans as text; missing or null as empty; a
    /// list of texts as its lines; an object as its `name`.
    fn text_at(&self, v: &Value, key: &str, at: &str) -> String {
        match v.get(key).map(plain_text) {
            None => String::new(),
            Some(Some(t)) => t,
            Some(None) => {
                self.unread(at, key, Want::Text);
                String::new()
            }
        }
    }

    /// The `name` of an item of a list of named things; an item that is
    /// bare text is its own name.
    fn name_at(&self, item: &Value, at: &str) -> String {
        match item {
            Value::String(s) => s.clone(),
            _ => self.text_at(item, "name", at),
        }
    }

    fn list(&self, v: &Value, key: &str) -> Vec<Value> {
        self.list_at(v, key, "")
    }

    /// A list of objects; missing or null as empty; one object where a
    /// list was expected as a list of one. Bare text is not read here (a
    /// fee or a way of submitting written as text would lose its words).
    fn list_at(&self, v: &Value, key: &str, at: &str) -> Vec<Value> {
        match v.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => {
                self.unread(at, key, Want::List);
                Vec::new()
            }
            _ => self.texts_at(v, key, at),
        }
    }

    /// [`Reader::list_at`] of things a bare text can stand for (a named
    /// thing by its name, a step by its text): one text is a list of one.
    fn texts_at(&self, v: &Value, key: &str, at: &str) -> Vec<Value> {
        match v.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(s)) if s.trim().is_empty() => Vec::new(),
            Some(Value::Array(a)) => a.clone(),
            Some(one @ (Value::Object(_) | Value::String(_))) => vec![one.clone()],
            Some(_) => {
                self.unread(at, key, Want::List);
                Vec::new()
            }
        }
    }

    /// A number; a numeric text is read too; missing, null or "" as none.
    fn number_at(&self, v: &Value, key: &str, at: &str) -> Option<f64> {
        match v.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => n.as_f64().filter(|f| f.is_finite()),
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => match s.trim().replace(',', ".").parse::<f64>() {
                Ok(f) if f.is_finite() => Some(f),
                _ => {
                    self.unread(at, key, Want::Number);
                    None
                }
            },
            Some(_) => {
                self.unread(at, key, Want::Number);
                None
            }
        }
    }

    /// A moment as epoch milliseconds: a number of milliseconds, or of
    /// seconds (below 10^11, which as milliseconds would be before 1973;
    /// some exports write seconds), or an ISO date (`2024-05-01` or
    /// `2024-05-01T08:00:00Z`, read by its date).
    fn moment_at(&self, v: &Value, key: &str) -> Option<i64> {
        if let Some(Value::String(s)) = v.get(key)
            && let Some(date) = s.trim().get(..10).and_then(crate::text::Date::parse)
        {
            return Some(date.days() * 86_400_000);
        }
        let n = self.number_at(v, key, "")? as i64;
        Some(match n.abs() < 100_000_000_000 {
            true => n.saturating_mul(1000),
            false => n,
        })
    }

    /// An amount of money: a number, a number written the Vietnamese way
    /// ("7.000", "1.500.000 đồng"), a word for none ("Miễn phí", "Không")
    /// as 0, or other words kept as they are (second).
    fn amount_at(&self, v: &Value, key: &str, at: &str) -> (Option<f64>, Option<String>) {
        match v.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => match amount(s) {
                Some(n) => (Some(n), None),
                None => (None, Some(s.clone())),
            },
            _ => (self.number_at(v, key, at), None),
        }
    }

    /// A count of copies: a whole number from 0 to 1000.
    fn count_at(&self, v: &Value, key: &str, at: &str) -> u32 {
        match self.number_at(v, key, at) {
            None => 0,
            Some(f) if (0.0..=1000.0).contains(&f) && f.fract() == 0.0 => f as u32,
            Some(_) => {
                self.unread(at, key, Want::Copies);
                0
            }
        }
    }

    /// A processing time: whole, fraction or text, as the portal wrote it.
    fn time_at(&self, v: &Value, key: &str, at: &str) -> Time {
        match v.get(key) {
            None | Some(Value::Null) => Time::None,
            Some(Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => Time::Whole(i),
                (None, Some(f)) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e9 => {
                    Time::Whole(f as i64)
                }
                (None, Some(f)) if f.is_finite() => Time::Fraction(f),
                _ => Time::Text(n.to_string()),
            },
            Some(Value::String(s)) if s.trim().is_empty() => Time::None,
            Some(Value::String(s)) => {
                let t = s.trim();
                // "1.5" or "0,5" as text is a fraction, as a number would be
                let decimal = t.bytes().filter(|b| matches!(b, b'.' | b',')).count() == 1
                    && t.bytes()
                        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
                    && t.bytes().next().is_some_and(|b| b.is_ascii_digit())
                    && t.bytes().last().is_some_and(|b| b.is_ascii_digit());
                match (t.parse::<i64>(), decimal) {
                    (Ok(i), _) => Time::Whole(i),
                    (_, true) => match t.replace(',', ".").parse::<f64>() {
                        Ok(f) if f.fract() == 0.0 => Time::Whole(f as i64),
                        Ok(f) => Time::Fraction(f),
                        Err(_) => Time::Text(s.clone()),
                    },
                    _ => Time::Text(s.clone()),
                }
            }
            Some(_) => {
                self.unread(at, key, Want::Number);
                Time::None
            }
        }
    }

    /// True or false; also `"true"`, `"false"`, `1`, `0` as some exports
    /// write them.
    fn flag(&self, v: &Value, key: &str) -> Option<bool> {
        match v.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(Value::Number(n)) if n.as_f64() == Some(1.0) => Some(true),
            Some(Value::Number(n)) if n.as_f64() == Some(0.0) => Some(false),
            Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("true") => Some(true),
            Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("false") => Some(false),
            Some(_) => {
                self.unread("", key, Want::YesNo);
                None
            }
        }
    }
}

/// A value as text: text, a number or true/false as written, a list of
/// such values one a line, an object by its `name`; `None` for any other
/// shape (null is empty text).
/// A portal code read from a number, with the zeros JSON dropped at its
/// end put back (`2.00123` → `2.001230`); other text as it is.
fn six_places(code: &str) -> String {
    match code.split_once('.') {
        Some((whole, part))
            if !whole.is_empty()
                && (1..6).contains(&part.len())
                && (whole.to_string() + part)
                    .bytes()
                    .all(|b| b.is_ascii_digit()) =>
        {
            format!("{whole}.{part:0<6}")
        }
        _ => code.to_string(),
    }
}

fn plain_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some(String::new()),
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::Array(_) => None,
                other => plain_text(other),
            })
            .collect::<Option<Vec<_>>>()
            .map(|lines| lines.join("\n")),
        Value::Object(o) => match o.get("name") {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        },
    }
}

/// Whether an amount written as text reads two ways: one comma followed by
/// three digits and nothing else ("7,000": seven thousand the English
/// way, or seven with a Vietnamese decimal comma).
fn two_ways(s: &str) -> bool {
    let t = ["đồng", "vnđ", "vnd", "đ"].iter().fold(
        crate::text::nfc(s.trim()).to_lowercase(),
        |t, u| {
            t.strip_suffix(u)
                .map_or(t.clone(), |r| r.trim().to_string())
        },
    );
    // (one to three digits before the comma, as thousands are grouped:
    // "1000,000" reads one way, as a decimal)
    match t.split_once(',') {
        Some((whole, frac)) => {
            (1..=3).contains(&whole.len())
                && whole.bytes().all(|b| b.is_ascii_digit())
                && frac.len() == 3
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// An amount of money written as text, in đồng: "7.000" and "1.500.000"
/// (dots between thousands, as Vietnamese writes them; commas too),
/// "7000", "2,5" or "2.5" (a decimal), with or without "đồng", "đ" or
/// "VND" after it; "Miễn phí", "Không" and the like are 0. `None` for
/// anything else.
pub(crate) fn amount(s: &str) -> Option<f64> {
    let t = crate::text::nfc(s.trim()).to_lowercase();
    if matches!(
        t.trim_end_matches('.'),
        "miễn phí"
            | "miễn"
            | "không"
            | "không thu"
            | "không thu phí"
            | "không có"
            | "không mất phí"
    ) {
        return Some(0.0);
    }
    let t = ["đồng", "vnđ", "vnd", "đ"]
        .iter()
        .find_map(|u| t.strip_suffix(u))
        .unwrap_or(&t)
        .trim();
    let grouped = |sep: char, dec: char| -> Option<f64> {
        let (whole, frac) = match t.split_once(dec) {
            Some((w, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (w, Some(f)),
            Some(_) => return None,
            None => (t, None),
        };
        let mut groups = whole.split(sep);
        let first = groups.next()?;
        let rest: Vec<&str> = groups.collect();
        let ok = !rest.is_empty()
            && (1..=3).contains(&first.len())
            && first.bytes().all(|b| b.is_ascii_digit())
            && rest
                .iter()
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return None;
        }
        format!("{}{}", first, rest.concat())
            .parse::<f64>()
            .ok()
            .map(|w| w + frac.map_or(0.0, |f| format!("0.{f}").parse().unwrap_or(0.0)))
    };
    let plain = || -> Option<f64> {
        let simple = t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            && t.bytes().filter(|b| !b.is_ascii_digit()).count() <= 1
            && t.bytes().next().is_some_and(|b| b.is_ascii_digit());
        simple.then(|| t.replace(',', ".").parse().ok()).flatten()
    };
    grouped('.', ',')
        .or_else(|| grouped(',', '.'))
        .or_else(plain)
        .filter(|f| f.is_finite() && *f >= 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_code_written_as_a_number_gets_its_zeros_back() {
        assert_eq!(six_places("2.00123"), "2.001230");
        assert_eq!(six_places("1.004194"), "1.004194");
        assert_eq!(six_places("1.0"), "1.000000");
        assert_eq!(six_places("12"), "12");
        let d = json!({"id": "019d2bf7-770b-734d-b7fb-5e1995f194f4", "name": "Đăng ký", "code": 2.001230});
        assert_eq!(
            from_value(&d).map(|r| r.code).ok().as_deref(),
            Some("2.001230")
        );
    }

    #[test]
    fn amounts_are_read_the_vietnamese_way() {
        for (text, want) in [
            ("7.000", Some(7000.0)),
            ("1.500.000 đồng", Some(1_500_000.0)),
            ("5,000", Some(5000.0)),
            ("1,500,000 VND", Some(1_500_000.0)),
            ("7000", Some(7000.0)),
            ("7000đ", Some(7000.0)),
            ("2,5", Some(2.5)),
            ("1.234.567,5", Some(1_234_567.5)),
            ("Miễn phí", Some(0.0)),
            ("Không", Some(0.0)),
            ("0", Some(0.0)),
            ("5.000 - 10.000", None),
            ("theo quy định", None),
            ("12.34.567", None),
            ("-5", None),
        ] {
            assert_eq!(amount(text), want, "{text}");
        }
        let v = json!({"id": "a", "name": "B", "executionMethods": [{"fees": [
            {"value": "7.000"}, {"value": "5.000 - 10.000"}, {"value": 5000}, {"value": null}
        ]}]});
        let fees = &from_value(&v).unwrap().methods[0].fees;
        assert_eq!(fees[0].value, Some(7000.0));
        assert_eq!(
            (fees[1].value, fees[1].value_text.as_deref()),
            (None, Some("5.000 - 10.000"))
        );
        assert_eq!(fees[2].value, Some(5000.0));
        assert_eq!((fees[3].value, &fees[3].value_text), (None, &None));
    }

    #[test]
    fn an_amount_that_reads_two_ways_is_kept_as_written() {
        let v = json!({"id": "a", "name": "B", "executionMethods": [{"fees": [
            {"value": "7,000"}, {"value": "7.000"}, {"value": "1,500,000"}, {"value": "2,5"}, {"value": "7,000 đồng"},
            {"value": "1000,000"}, {"value": "7,000 \u{111}o\u{302}\u{300}ng"}
        ]}]});
        let fees = &from_value(&v).unwrap().methods[0].fees;
        let doubtful: Vec<bool> = fees.iter().map(|f| f.doubtful.is_some()).collect();
        assert_eq!(doubtful, [true, false, false, false, true, false, true]);
        assert_eq!(fees[0].value, Some(7000.0));
    }

    #[test]
    fn a_name_of_markup_alone_is_missing() {
        for name in ["", "  ", "<p></p>", "&nbsp;", "<p>&nbsp;</p>"] {
            let e = from_value(&json!({"id": "a", "name": name})).unwrap_err();
            assert_eq!(e, "name is missing", "{name:?}");
        }
    }

    #[test]
    fn shapes_older_exports_use_are_read() {
        let v = json!({
            "id": "a",
            "name": "B",
            // one item where a list was expected
            "executionMethods": {"submissionMethod": "DIRECT", "processingTime": "05"},
            // names as bare text, and a list of them
            "resultsDetails": ["Giấy xác nhận tình trạng hôn nhân"],
            "departmentsExecuting": "Ủy ban nhân dân xã",
            "legalBasisesDetails": ["Luật Hộ tịch (60/2014/QH13)"],
            // steps as text, a description as paragraphs
            "executionSteps": ["Bước 1: Nộp hồ sơ.", "Bước 2: Nhận kết quả."],
            "description": ["Đoạn một.", "Đoạn hai."],
            "category": "Hộ tịch",
            "isWard": "true",
            "isFullProcess": 0,
        });
        let r = from_value(&v).unwrap();
        assert!(r.unread.is_empty(), "{:?}", r.unread);
        assert_eq!(r.methods.len(), 1);
        assert_eq!(
            (r.methods[0].way.as_str(), &r.methods[0].time),
            ("DIRECT", &Time::Whole(5))
        );
        assert_eq!(r.results, ["Giấy xác nhận tình trạng hôn nhân"]);
        assert_eq!(r.departments, ["Ủy ban nhân dân xã"]);
        assert_eq!(r.legal, ["Luật Hộ tịch (60/2014/QH13)"]);
        assert_eq!(
            r.steps[1],
            (String::new(), "Bước 2: Nhận kết quả.".to_string())
        );
        assert_eq!(r.description, "Đoạn một.\nĐoạn hai.");
        assert_eq!(r.category, "Hộ tịch");
        assert_eq!((r.commune_level, r.full_process), (Some(true), Some(false)));
    }

    #[test]
    fn the_update_time_is_read_in_milliseconds_seconds_or_as_a_date() {
        let at = |t: Value| from_value(&json!({"id": "a", "name": "B", "updatedAt": t})).unwrap();
        // 2024-05-01 00:00 UTC
        let ms = 1_714_521_600_000_i64;
        assert_eq!(at(json!(ms)).updated_at, Some(ms));
        assert_eq!(at(json!(ms / 1000)).updated_at, Some(ms));
        assert_eq!(at(json!("1714521600")).updated_at, Some(ms));
        assert_eq!(at(json!("2024-05-01T08:30:00Z")).updated_at, Some(ms));
        assert_eq!(at(json!("2024-05-01")).updated_at, Some(ms));
        let odd = at(json!("hôm qua"));
        assert_eq!((odd.updated_at, odd.unread.len()), (None, 1));
    }

    #[test]
    fn envelope_or_not() {
        let bare = json!({"id": "a", "name": "B", "processingTime": 1});
        let wrapped = json!({"code": "OK", "message": "OK", "data": bare.clone()});
        assert_eq!(from_value(&bare).unwrap().name, "B");
        assert_eq!(from_value(&wrapped).unwrap().id, "a");
        let data_alone = json!({"data": bare.clone()});
        assert_eq!(from_value(&data_alone).unwrap().id, "a");
        let err = from_value(&json!({"code": "NOT_FOUND", "data": null, "message": "x"}));
        assert!(err.unwrap_err().contains("NOT_FOUND"));
        // an error code without data, or with empty data, is the portal's refusal
        for refused in [
            json!({"code": "FORBIDDEN", "message": "Bị chặn"}),
            json!({"code": "NOT_FOUND", "message": "x", "data": {}}),
        ] {
            let err = from_value(&refused).unwrap_err();
            assert!(err.starts_with("envelope without data (code "), "{err}");
        }
        // a record saved without its id and name is one, not a refusal
        let err = from_value(&json!({"procedureName": "Đăng ký", "code": "1.004194"})).unwrap_err();
        assert!(err.ends_with("id is missing"), "{err}");
        // a page of the catalogue saved instead of a record
        let page = json!({"code": "OK", "message": "OK", "data": {"items": [{"id": "a", "name": "B"}], "lastId": "a"}});
        assert_eq!(
            from_value(&page).unwrap_err(),
            "a page of the catalogue, not a record"
        );
    }

    #[test]
    fn wrong_types_are_located_and_the_rest_is_read() {
        let v = json!({"data": {"id": "a", "name": "B", "executionMethods": [
            {"submissionMethod": "ONLINE", "processingTime": 3, "fees": [{"value": {"x": 1}}]}
        ], "isFullProcess": "có", "legalBasisesDetails": 7}, "code": "OK"});
        let r = from_value(&v).unwrap();
        let unread: Vec<(&str, Want)> = r.unread.iter().map(|(p, w)| (p.as_str(), *w)).collect();
        assert_eq!(
            unread,
            [
                ("data.executionMethods[0].fees[0].value", Want::Number),
                ("data.legalBasisesDetails", Want::List),
                ("data.isFullProcess", Want::YesNo),
            ]
        );
        // (the record was refused whole for one such field)
        assert_eq!(
            (r.methods[0].way.as_str(), &r.methods[0].time),
            ("ONLINE", &Time::Whole(3))
        );
        assert_eq!(r.methods[0].fees[0].value, None);
        // a fee written as text where rows are expected is not an empty row
        let v = json!({"id": "a", "name": "B", "executionMethods": [{"fees": "Miễn phí"}]});
        let r = from_value(&v).unwrap();
        assert!(r.methods[0].fees.is_empty());
        assert_eq!(
            r.unread,
            [("executionMethods[0].fees".to_string(), Want::List)]
        );
        // an id or a name that cannot be read is no record
        let e = from_value(&json!({"id": {"x": 1}, "name": "B"})).unwrap_err();
        assert_eq!(e, "id: expected text");
        let v =
            json!({"id": "a", "name": "B", "executionMethods": [{"processingTime": "0,5 ngày"}]});
        let r = from_value(&v).unwrap();
        assert_eq!(r.methods[0].time, Time::Text("0,5 ngày".into()));
        for (text, want) in [
            ("1.5", Time::Fraction(1.5)),
            ("0,5", Time::Fraction(0.5)),
            ("03", Time::Whole(3)),
            ("2.0", Time::Whole(2)),
        ] {
            let v = json!({"id": "a", "name": "B", "executionMethods": [{"processingTime": text}]});
            assert_eq!(from_value(&v).unwrap().methods[0].time, want, "{text}");
        }
        let v = json!({"id": "a", "name": "B", "executionMethods": [{"processingTime": 0.5}]});
        assert_eq!(from_value(&v).unwrap().methods[0].time, Time::Fraction(0.5));
    }
}
