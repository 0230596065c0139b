//! Asking the national portal itself: one request at a time with a pause
//! between, a User-Agent naming camnang, timeouts, retries with growing
//! waits, and a message a clerk understands for each way it goes wrong
//! (offline, the firewall's HTML page, a record that is gone, JSON that
//! cannot be read).

use std::cell::Cell;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::messages::Msg;

/// The portal's API, as of 2026.
pub const DEFAULT_PORTAL: &str = "https://dichvucong.gov.vn/api/v1";
const DETAIL: &str = "/configuring/formality/get-formality-by-citizen";
const LIST: &str = "/submitting/formality/list-all-public-formality-by-citizen";
/// The largest answer read: a record is far smaller.
const MAX_ANSWER: u64 = 32 * 1024 * 1024;
/// Tries of one request (the first and the retries).
const TRIES: u32 = 4;

/// How to talk to the portal.
#[derive(Debug, Clone)]
pub struct PortalOptions {
    /// The API base, e.g. [`DEFAULT_PORTAL`].
    pub base: String,
    /// The pause between two requests; retries wait 2, 4, 8 times it.
    pub pause: Duration,
    /// How long one request may take.
    pub timeout: Duration,
}

impl Default for PortalOptions {
    fn default() -> Self {
        PortalOptions {
            base: DEFAULT_PORTAL.into(),
            pause: Duration::from_secs(1),
            timeout: Duration::from_secs(30),
        }
    }
}

/// A polite client of the portal.
pub struct Portal {
    opts: PortalOptions,
    agent: ureq::Agent,
    last: Cell<Option<Instant>>,
    /// Called before a retry with the seconds to wait and the attempt.
    pub on_retry: Box<dyn Fn(u64, u32)>,
}

/// A page of the catalogue: its items, and the next cursor and the total.
type Page = (Vec<ListItem>, (Option<String>, usize));

/// One item of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub id: String,
    pub code: String,
    pub name: String,
    /// `isWard` when the catalogue gives it.
    pub commune_level: Option<bool>,
}

/// The User-Agent: camnang and its version (the portal's firewall turns
/// away requests without a real one).
pub fn user_agent() -> String {
    format!(
        "camnang/{} (commune procedure guides; one request at a time)",
        env!("CARGO_PKG_VERSION")
    )
}

impl Portal {
    pub fn new(opts: PortalOptions) -> Portal {
        let local = ["://127.0.0.1", "://localhost", "://[::1]"]
            .iter()
            .any(|h| opts.base.contains(h));
        let mut config = ureq::Agent::config_builder()
            .timeout_global(Some(opts.timeout))
            .http_status_as_error(false)
            // a redirect is told, not followed: a POST followed became a
            // GET, and its 404 was told as a procedure abolished
            .max_redirects(0)
            .user_agent(user_agent())
            .accept("application/json");
        if local {
            config = config.proxy(None);
        }
        Portal {
            agent: config.build().into(),
            opts,
            last: Cell::new(None),
            on_retry: Box::new(|_, _| {}),
        }
    }

    /// The detail record of `id`, as the portal sends it (with its envelope).
    /// An envelope with no record in it (`"data": null`) is a record the
    /// portal does not have.
    pub fn detail(&self, id: &str) -> Result<Value, Msg> {
        let v = self.post(DETAIL, &json!({ "id": id }), id)?;
        if v.get("data").is_some_and(Value::is_null) {
            return Err(Msg::PortalNotFound {
                what: id.to_string(),
            });
        }
        Ok(v)
    }

    /// The API base asked (`--portal`, else [`DEFAULT_PORTAL`]).
    pub fn base(&self) -> &str {
        &self.opts.base
    }

    /// The portal id of the procedure whose code is `code`.
    ///
    /// Several records may carry one code (the same procedure published
    /// for several levels): the one done at commune level is taken, and
    /// the others are named in a warning (second), with their portal ids
    /// to import one of them instead.
    pub fn find_code(&self, code: &str) -> Result<(String, Option<Msg>), Msg> {
        let (items, _) = self.page(Some(code), None, 50)?;
        let mut same: Vec<ListItem> = items
            .into_iter()
            .filter(|i| i.code.trim() == code.trim())
            .collect();
        // (a stable sort: the portal's order among equals)
        same.sort_by_key(|i| i.commune_level != Some(true));
        let mut same = same.into_iter();
        let first = same.next().ok_or_else(|| Msg::PortalNotFound {
            what: code.to_string(),
        })?;
        let others: Vec<String> = same
            .map(|i| format!("{} ({})", i.name.trim(), i.id))
            .collect();
        let told = (!others.is_empty()).then(|| Msg::PortalCodeShared {
            code: code.to_string(),
            taken: first.name.trim().to_string(),
            others,
        });
        Ok((first.id, told))
    }

    /// Every item of the catalogue matching `query` (all when `None`),
    /// page by page; `seen` is told the total after the first page.
    pub fn list(
        &self,
        query: Option<&str>,
        seen: &mut dyn FnMut(usize),
    ) -> Result<Vec<ListItem>, Msg> {
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..10_000 {
            let (items, next) = self.page(query, cursor.as_deref(), 100)?;
            if all.is_empty() {
                seen(next.1);
            }
            let empty = items.is_empty();
            all.extend(items);
            match next.0 {
                Some(c) if !empty && Some(&c) != cursor.as_ref() => cursor = Some(c),
                _ => break,
            }
        }
        Ok(all)
    }

    /// One page of the catalogue: its items, the next cursor and the total.
    fn page(&self, query: Option<&str>, cursor: Option<&str>, limit: usize) -> Result<Page, Msg> {
        let body = json!({ "limit": limit, "lastId": cursor, "q": query.unwrap_or("") });
        let v = self.post(LIST, &body, query.unwrap_or(""))?;
        let url = self.url(LIST);
        let data = v.get("data").unwrap_or(&v);
        let bad = |detail: &str| Msg::PortalBadAnswer {
            url: url.clone(),
            detail: detail.to_string(),
        };
        let items = match data.get("items") {
            Some(Value::Array(a)) => a,
            None | Some(Value::Null) => &Vec::new(),
            Some(_) => return Err(bad("data.items: expected a list")),
        };
        let text = |v: &Value, k: &str| match v.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let items = items
            .iter()
            .map(|i| ListItem {
                id: text(i, "id"),
                code: {
                    let c = text(i, "code");
                    if c.is_empty() {
                        text(i, "codeNotation")
                    } else {
                        c
                    }
                },
                name: crate::import::clean::line(&text(i, "name")),
                commune_level: i.get("isWard").and_then(Value::as_bool),
            })
            .filter(|i| !i.id.is_empty())
            .collect();
        let next = match data.get("lastId") {
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            _ => None,
        };
        let total = data.get("total").and_then(Value::as_u64).unwrap_or(0) as usize;
        Ok((items, (next, total)))
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.opts.base.trim_end_matches('/'))
    }

    /// Waits until a pause has passed since the last request.
    fn wait_turn(&self) {
        if let Some(last) = self.last.get() {
            let since = last.elapsed();
            if since < self.opts.pause {
                std::thread::sleep(self.opts.pause - since);
            }
        }
    }

    /// POSTs `body` to `path`; `what` names the record for "not found".
    fn post(&self, path: &str, body: &Value, what: &str) -> Result<Value, Msg> {
        let url = self.url(path);
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.wait_turn();
            let result = self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.to_string());
            self.last.set(Some(Instant::now()));
            match answer(result, &url, what, self.opts.timeout) {
                Ok(v) => return Ok(v),
                Err((msg, retry)) if !retry || attempt >= TRIES => return Err(msg),
                Err(_) => {}
            }
            let wait = self.opts.pause * 2u32.pow(attempt);
            (self.on_retry)(wait.as_secs().max(1), attempt);
            std::thread::sleep(wait);
        }
    }
}

/// What one answer means: the JSON, or a message and whether trying
/// again may help.
#[allow(clippy::result_large_err)] // one answer at a time, at network speed
fn answer(
    result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    url: &str,
    what: &str,
    timeout: Duration,
) -> Result<Value, (Msg, bool)> {
    // a timeout, while connecting or while reading, may pass: try again
    let timed_out = || {
        (
            Msg::PortalTimeout {
                url: url.into(),
                seconds: timeout.as_secs().max(1),
            },
            true,
        )
    };
    let mut resp = match result {
        Ok(r) => r,
        Err(ureq::Error::Timeout(_)) => return Err(timed_out()),
        Err(e) => {
            return Err((
                Msg::PortalOffline {
                    url: url.into(),
                    detail: e.to_string(),
                },
                true,
            ));
        }
    };
    let status = resp.status().as_u16();
    if (300..=399).contains(&status) {
        let to = resp
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        return Err((
            Msg::PortalRedirect {
                url: url.into(),
                status,
                to,
            },
            false,
        ));
    }
    // busy or failing for a while, whatever the page it sends (an HTML
    // error page of a 500 is no firewall): worth asking again
    if matches!(status, 429 | 500..=599) {
        return Err((
            Msg::PortalStatus {
                url: url.into(),
                status,
            },
            true,
        ));
    }
    let html_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.to_ascii_lowercase().contains("html"));
    let text = match resp
        .body_mut()
        .with_config()
        .limit(MAX_ANSWER)
        .read_to_string()
    {
        Ok(t) => t,
        Err(ureq::Error::Timeout(_)) => return Err(timed_out()),
        Err(e) => {
            return Err((
                Msg::PortalBadAnswer {
                    url: url.into(),
                    detail: e.to_string(),
                },
                true,
            ));
        }
    };
    if html_type || text.trim_start().starts_with('<') {
        return Err((
            Msg::PortalFirewall {
                url: url.into(),
                status,
            },
            false,
        ));
    }
    // the portal's own refusal in its envelope (`{"code": "UNAUTHORIZED",
    // "message": …}` with a 401): its words, not a guess (a busy portal,
    // 429 or 5xx, is asked again below)
    if (400..=499).contains(&status)
        && !matches!(status, 404 | 410 | 429)
        && let Some(refused) = refusal(&text, what)
    {
        return Err((refused, false));
    }
    match status {
        // the portal's own "no such record" in its envelope, or another
        // 404 to a record: the record is gone. The framework's answer for
        // an address it has no route for (`{"statusCode":404,"message":
        // "Cannot POST …"}`), or a 404 to the list, is the API itself not
        // answering: told as every procedure abolished, a clerk retired
        // guides that were still in force
        404 | 410 => {
            let no_route = text.contains("Cannot POST") || text.contains("Cannot GET");
            let msg = match refusal(&text, what) {
                Some(m @ Msg::PortalNotFound { .. }) => m,
                _ if no_route || url.ends_with(LIST) => Msg::PortalNoApi {
                    url: url.into(),
                    status,
                },
                _ => Msg::PortalNotFound {
                    what: what.to_string(),
                },
            };
            return Err((msg, false));
        }
        200..=299 => {}
        _ => {
            // busy or failing for a while: worth asking again
            let retry = matches!(status, 429 | 500..=599);
            return Err((
                Msg::PortalStatus {
                    url: url.into(),
                    status,
                },
                retry,
            ));
        }
    }
    // (an answer may start with a byte-order mark, as a saved file may)
    let json = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let v: Value = serde_json::from_str(json).map_err(|e| {
        // serde_json's words without its own " at line …" (the line and
        // column come first)
        let words = e.to_string();
        let words = words
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string();
        (
            Msg::PortalBadAnswer {
                url: url.into(),
                detail: format!("{}:{}: {words}", e.line(), e.column()),
            },
            false,
        )
    })?;
    // the envelope: {"code": "OK", "data": …}
    if v.get("code")
        .and_then(Value::as_str)
        .is_some_and(|c| c != "OK")
        && let Some(refused) = refusal(&text, what)
    {
        return Err((refused, false));
    }
    Ok(v)
}

/// The portal's envelope `text` saying no (a `code` other than `OK`): the
/// record is gone (`NOT_FOUND`), or the portal refused with its own code
/// and message (`UNAUTHORIZED`, "Phiên đăng nhập hết hạn"), told as it
/// said it. `None` when `text` is no such envelope.
fn refusal(text: &str, what: &str) -> Option<Msg> {
    let v: Value = serde_json::from_str(text).ok()?;
    let code = v.get("code")?.as_str()?.trim();
    if code == "OK" {
        return None;
    }
    // (the portal's words as text on one line, whatever they hold)
    let code: String = crate::import::clean::line(code).chars().take(60).collect();
    if code.contains("NOT_FOUND") || code.contains("NOT_EXIST") {
        return Some(Msg::PortalNotFound {
            what: what.to_string(),
        });
    }
    let message = v
        .get("message")
        .and_then(Value::as_str)
        .map(|m| {
            crate::import::clean::line(m)
                .chars()
                .take(200)
                .collect::<String>()
        })
        .unwrap_or_default();
    Some(Msg::PortalRefused { code, message })
}
