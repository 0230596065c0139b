//! Markdown bodies to safe HTML with pulldown-cmark.
//!
//! - Raw HTML is shown as text unless the site allows it.
//! - Links and images with a scheme other than https, http, tel, mailto (or
//!   a relative path) are dropped, keeping their text, and reported.
//! - Headings get stable `id`s for `#anchors`; tables scroll inside a box
//!   on narrow phones.
//! - The first ordered list under the first heading is taken as the steps.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::text::{fold, slugify};

/// A rendered body.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Items of the first ordered list under the first heading, as text.
    pub steps: Vec<String>,
    /// All the text, for search.
    pub text: String,
    /// Links that were dropped: (byte offset in the source, the link).
    pub bad_links: Vec<(usize, String)>,
    /// Links Markdown did not take as links because their address has a
    /// space (`[mẫu đơn](files/mau don.pdf)`): shown as they were typed.
    /// (byte offset in the source, the address)
    pub spaced_links: Vec<(usize, String)>,
    /// Links typed with a space between the text and the address (`[Cổng
    /// Dịch vụ công] (https://…)`): shown as typed, no link. (byte offset
    /// in the source of the `[`, the address)
    pub gap_links: Vec<(usize, String)>,
    /// Text Markdown shows as code because its lines are indented by four
    /// spaces or a tab (steps pasted from Word with their indentation): the
    /// byte offset in the source of each such block.
    pub indented_code: Vec<usize>,
    /// The first HTML tag typed in the text that the page shows as typed
    /// (raw HTML off): (byte offset in the source, the tag's name).
    pub shown_tag: Option<(usize, String)>,
    /// `id`s given to headings, for anchor checks.
    pub anchors: Vec<String>,
    /// Every link and image kept, for `camnang check`.
    pub links: Vec<BodyLink>,
    /// The steps were taken from under a heading that does not name them
    /// ("Điều kiện") while a later one does ("Các bước"): (byte offset in
    /// the source of the later heading, the heading the steps were taken
    /// under, the later heading).
    pub steps_elsewhere: Option<(usize, String, String)>,
}

/// Whether a heading names the steps ("Các bước", "Trình tự thực hiện",
/// "2. Cách thực hiện", "Steps"), in any case, with or without tones and
/// a number before: the one test of it for the steps posters print and
/// for `check`'s look at steps written as bullets.
pub(crate) fn names_steps(heading: &str) -> bool {
    let f = fold(heading);
    if f.contains("buoc") || f.contains("trinh tu") {
        return true;
    }
    // ("1. ", "II. ", "a) " before the words)
    let f = match f.trim().split_once(['.', ')']) {
        Some((n, rest)) if !n.is_empty() && n.len() <= 4 && !n.contains(' ') => rest,
        _ => f.trim(),
    };
    let f = f.trim();
    [
        "cac buoc",
        "trinh tu",
        "cach thuc hien",
        "cach lam",
        "quy trinh",
        "huong dan",
        "steps",
        "how to",
    ]
    .iter()
    .any(|w| f.starts_with(w))
}

/// A link or image of a body, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyLink {
    /// Byte offset in the Markdown source.
    pub offset: usize,
    /// The address as written (before the base path is added).
    pub url: String,
    pub image: bool,
    /// For images: the alt text.
    pub alt: String,
}

/// What the renderer may let through.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    pub allow_html: bool,
    /// Prefix for links starting with `/` (the site's base path).
    pub base_path: &'a str,
    /// Collect the body's text for the search index ([`Rendered::text`]);
    /// big sites index no body words and skip it.
    pub text: bool,
}

/// Whether a link may appear in a page: https, http, tel, mailto or a
/// relative link. Browsers ignore tabs, newlines and leading control
/// characters in a scheme (`java\tscript:`), so those are removed first.
pub fn link_allowed(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    // a Windows path (`\\MAYCHU\Chung\a.jpg`, its first backslash taken
    // by Markdown): a browser reads `\` as `/`, so it would lead into the
    // site, and it means a file on the clerk's computer
    if cleaned.starts_with('\\') {
        return false;
    }
    match cleaned.find(':') {
        None => true,
        Some(i) => {
            let scheme = &cleaned[..i];
            if scheme.contains(['/', '?', '#']) {
                return true; // a colon later in a relative path
            }
            matches!(scheme, "https" | "http" | "tel" | "mailto")
        }
    }
}

/// Renders a Markdown body.
/// The name of the tag HTML `h` starts with, when it is one a clerk types
/// to lay text out (`<br>`, `<b>`, `</p>`): other text in angle brackets
/// (`<Mẫu CT01>`, a comment) is not.
fn formatting_tag(h: &str) -> Option<String> {
    const TAGS: &[&str] = &[
        "a", "b", "br", "center", "div", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        "i", "img", "li", "ol", "p", "span", "strong", "sub", "sup", "table", "td", "th", "tr",
        "u", "ul",
    ];
    let rest = h.trim_start().strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let after = rest[name.len()..].chars().next();
    let ends = matches!(after, Some('>' | ' ' | '/' | '\t' | '\n') | None);
    (ends && TAGS.contains(&name.as_str())).then_some(name)
}

pub fn render(md: &str, opts: RenderOptions<'_>) -> Rendered {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(md, options).into_offset_iter();

    let mut out: Vec<Event<'_>> = Vec::with_capacity(md.len() / 8);
    let mut r = Rendered::default();
    r.html.reserve(md.len() + md.len() / 2);
    if opts.text {
        r.text.reserve(md.len());
    }
    let mut used_ids: HashSet<String> = HashSet::new();
    // Link/Image tags whose End must be dropped too.
    let mut dropped: Vec<bool> = Vec::new();
    // Heading being collected: (level, start index in `out`, text).
    let mut heading: Option<(HeadingLevel, usize, String)> = None;
    let mut seen_heading = false;
    // the heading the steps are taken under, and where a heading starts
    // the headings before the steps, whether one of them names steps (the
    // steps may sit under "### Nộp trực tiếp" inside "## Các bước"), and
    // a later heading naming steps, told once a numbered list follows it
    let mut steps_heading: Option<String> = None;
    let mut named_before = false;
    let mut later: Option<(usize, String)> = None;
    let mut heading_at = 0usize;
    // Steps: None = not started; Some(depth) = inside the steps list.
    let mut steps_state = StepsState::Waiting;
    let mut list_depth = 0usize;
    let mut item_text = String::new();
    let mut in_image = 0usize;

    // the image whose alt text is being read, as an index into r.links
    let mut image_link: Option<usize> = None;
    // plain text read one event after another (outside code), where a
    // link Markdown did not take stays as typed
    let mut run: Option<std::ops::Range<usize>> = None;
    let mut in_code = false;
    for (event, range) in parser {
        match &event {
            Event::Text(_) if !in_code => {
                run = match run.take() {
                    Some(r0) if r0.end == range.start => Some(r0.start..range.end),
                    other => {
                        if let Some(r0) = other {
                            spaced_links(md, r0, &mut r.spaced_links, &mut r.gap_links);
                        }
                        Some(range.clone())
                    }
                };
            }
            _ => {
                if let Some(r0) = run.take() {
                    spaced_links(md, r0, &mut r.spaced_links, &mut r.gap_links);
                }
                match &event {
                    Event::Start(Tag::CodeBlock(kind)) => {
                        in_code = true;
                        if let CodeBlockKind::Indented = kind {
                            r.indented_code.push(range.start);
                        }
                    }
                    Event::End(TagEnd::CodeBlock) => in_code = false,
                    _ => {}
                }
            }
        }
        // text for search, steps and heading ids
        if let Event::Text(t) | Event::Code(t) = &event {
            if let Some(i) = image_link
                && let Some(l) = r.links.get_mut(i)
            {
                l.alt.push_str(t);
            }
            if opts.text {
                r.text.push_str(t);
                r.text.push(' ');
            }
            if let Some((_, _, h)) = heading.as_mut() {
                h.push_str(t);
            }
            // (a step's own list, "Điền tờ khai:" then "- Họ tên",
            // "- Ngày sinh", is part of the step: it was left off posters)
            if matches!(steps_state, StepsState::In(d) if list_depth >= d) {
                item_text.push_str(t);
            }
        }
        // a line break, a step's second paragraph ("…tờ khai." then
        // "Nếu…": printed "khai.Nếu"), or an item of the step's own list
        if let StepsState::In(d) = steps_state
            && list_depth >= d
        {
            match &event {
                Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                    item_text.push(' ');
                }
                Event::Start(Tag::Item) if list_depth > d => {
                    let t = item_text.trim_end();
                    let after = match t.is_empty() || t.ends_with([':', ';', ',', '.']) {
                        true => " ",
                        false => "; ",
                    };
                    item_text.truncate(t.len());
                    item_text.push_str(after);
                }
                _ => {}
            }
        }
        match event {
            Event::Html(h) | Event::InlineHtml(h) if !opts.allow_html => {
                if r.shown_tag.is_none()
                    && let Some(tag) = formatting_tag(&h)
                {
                    r.shown_tag = Some((range.start, tag));
                }
                out.push(Event::Text(h));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                // the steps' list goes on only until the next heading
                if let StepsState::Paused(_) = steps_state {
                    steps_state = StepsState::Done;
                }
                heading_at = range.start;
                heading = Some((level, out.len(), String::new()));
                out.push(Event::Text(CowStr::Borrowed(""))); // placeholder
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((lvl, at, text)) = heading.take() {
                    // the page's title is its one <h1>: a guide's `# ` is
                    // a section under it (for screen readers, and for a
                    // page's outline)
                    let lvl = match lvl {
                        HeadingLevel::H1 => HeadingLevel::H2,
                        other => other,
                    };
                    if steps_state == StepsState::Waiting {
                        named_before |= names_steps(&text);
                        steps_heading = Some(text.clone());
                    } else {
                        later = (!named_before && names_steps(&text))
                            .then(|| (heading_at, squeeze(&text)));
                    }
                    let id = unique_id(&text, &mut used_ids);
                    r.anchors.push(id.clone());
                    out[at] = Event::Html(format!("<{lvl} id=\"{id}\">").into());
                    out.push(Event::Html(format!("</{lvl}>\n").into()));
                } else {
                    out.push(Event::End(TagEnd::Heading(level)));
                }
                if steps_state == StepsState::Waiting {
                    seen_heading = true;
                }
            }
            Event::Start(Tag::List(first)) => {
                list_depth += 1;
                if first.is_some()
                    && r.steps_elsewhere.is_none()
                    && let (Some((at, steps)), Some(under)) = (later.take(), &steps_heading)
                {
                    r.steps_elsewhere = Some((at, under.clone(), steps));
                }
                if first.is_some() && seen_heading && steps_state == StepsState::Waiting {
                    steps_state = StepsState::In(list_depth);
                }
                // a list going on where the steps stopped ("3." after a
                // paragraph or a picture between steps 2 and 3) is more
                // steps; another numbered list ends them
                if let (StepsState::Paused(d), Some(start)) = (steps_state, first)
                    && d == list_depth
                {
                    steps_state = match usize::try_from(start) == Ok(r.steps.len() + 1) {
                        true => StepsState::In(d),
                        false => StepsState::Done,
                    };
                }
                out.push(Event::Start(Tag::List(first)));
            }
            Event::End(TagEnd::List(ordered)) => {
                if steps_state == StepsState::In(list_depth) {
                    steps_state = StepsState::Paused(list_depth);
                }
                list_depth -= 1;
                out.push(Event::End(TagEnd::List(ordered)));
            }
            Event::Start(Tag::Item) => {
                if matches!(steps_state, StepsState::In(d) if d == list_depth) {
                    item_text.clear();
                }
                out.push(Event::Start(Tag::Item));
            }
            Event::End(TagEnd::Item) => {
                if matches!(steps_state, StepsState::In(d) if d == list_depth) {
                    let step = squeeze(&item_text);
                    if !step.is_empty() {
                        r.steps.push(step);
                    }
                }
                out.push(Event::End(TagEnd::Item));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if link_allowed(&dest_url) {
                    dropped.push(false);
                    r.links.push(BodyLink {
                        offset: range.start,
                        url: dest_url.to_string(),
                        ..BodyLink::default()
                    });
                    let dest_url = rebase(dest_url, opts.base_path);
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    dropped.push(true);
                    r.bad_links.push((range.start, dest_url.to_string()));
                }
            }
            Event::End(TagEnd::Link) => {
                if dropped.pop() != Some(true) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                in_image += 1;
                if link_allowed(&dest_url) {
                    dropped.push(false);
                    image_link = Some(r.links.len());
                    r.links.push(BodyLink {
                        offset: range.start,
                        url: dest_url.to_string(),
                        image: true,
                        alt: String::new(),
                    });
                    let dest_url = rebase(dest_url, opts.base_path);
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    dropped.push(true);
                    r.bad_links.push((range.start, dest_url.to_string()));
                }
            }
            Event::End(TagEnd::Image) => {
                in_image -= 1;
                image_link = None;
                if dropped.pop() != Some(true) {
                    out.push(Event::End(TagEnd::Image));
                }
            }
            Event::Start(Tag::Table(align)) => {
                out.push(Event::Html(
                    "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\">".into(),
                ));
                out.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>\n".into()));
            }
            other => out.push(other),
        }
    }
    let _ = in_image;
    if let Some(r0) = run.take() {
        spaced_links(md, r0, &mut r.spaced_links, &mut r.gap_links);
    }
    pulldown_cmark::html::push_html(&mut r.html, out.into_iter());
    if opts.text {
        r.text = squeeze(&r.text);
    }
    r
}

/// Links left as typed in the text `md[range]` because their address has
/// white space in it: `[text](address with space)`, each with the offset
/// of its `[` (or of `](` when the text before is elsewhere).
fn spaced_links(
    md: &str,
    range: std::ops::Range<usize>,
    out: &mut Vec<(usize, String)>,
    gaps: &mut Vec<(usize, String)>,
) {
    let Some(text) = md.get(range.clone()) else {
        return;
    };
    let mut from = 0;
    // (a `]` is looked for, then the `(` after it: a one-byte search is
    // quick, a two-byte one is set up anew for every text)
    while let Some(at) = text[from..].find(']').map(|i| from + i) {
        from = at + 1;
        if text.as_bytes().get(at + 1) == Some(&b' ') {
            if let Some(address) = gap_link(&text[..at], &text[at + 1..]) {
                let start = text[..at].rfind('[').unwrap_or(at);
                gaps.push((range.start + start, address.to_string()));
            }
            continue;
        }
        if text.as_bytes().get(at + 1) != Some(&b'(') {
            continue;
        }
        let rest = &text[at + 2..];
        from = at + 2;
        // the `)` that closes the address, past pairs inside it (`mau don
        // (1).pdf`, as Windows names a second copy), on the same line
        let mut depth = 0usize;
        let end = rest.char_indices().find_map(|(i, c)| match c {
            '\n' => Some(None),
            '(' => {
                depth += 1;
                None
            }
            ')' if depth == 0 => Some(Some(i)),
            ')' => {
                depth -= 1;
                None
            }
            _ => None,
        });
        let Some(Some(end)) = end else {
            continue;
        };
        let address = rest[..end].trim();
        if address.is_empty() || address.starts_with('<') || !address.contains(char::is_whitespace)
        {
            continue;
        }
        let start = text[..at].rfind('[').unwrap_or(at);
        out.push((range.start + start, address.to_string()));
    }
}

/// The address of a link typed with spaces between its text and its
/// address (`[Cổng Dịch vụ công] (https://dichvucong.gov.vn)`), given the
/// text before the `]` and what follows it: a `[` on the same line before,
/// and in brackets right after the spaces, on the same line, something that
/// can only be an address (`https://…`, `www.…`, `files/…`, `tel:…`,
/// `mailto:…`), with no space in it.
fn gap_link<'t>(before: &str, after: &'t str) -> Option<&'t str> {
    let line_before = before.rsplit('\n').next().unwrap_or(before);
    if !line_before.contains('[') {
        return None;
    }
    let rest = after.trim_start_matches(' ').strip_prefix('(')?;
    let end = rest.find([')', '\n'])?;
    let address = &rest[..end];
    let lower = address.to_ascii_lowercase();
    let looks = ["http://", "https://", "www.", "files/", "tel:", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p));
    (rest[end..].starts_with(')') && looks && !address.contains(char::is_whitespace))
        .then_some(address)
}

/// `text` with every run of white space made one space, and none at the
/// ends.
pub fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    let mut start = 0;
    // ASCII bytes decide quickly; other characters are decoded and asked
    // whether they are white space (no-break space, ideographic space…)
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let (white, len) = if bytes[i] < 0x80 {
            (bytes[i].is_ascii_whitespace() || bytes[i] == 0x0b, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if white {
            if start < i {
                if gap && !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&text[start..i]);
            }
            gap = true;
            start = i + len;
        }
        i += len;
    }
    if start < text.len() {
        if gap && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..]);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StepsState {
    Waiting,
    /// Inside the steps' list, at this depth of lists.
    In(usize),
    /// After the steps' list (at this depth), before the next heading: a
    /// numbered list going on from it is more steps.
    Paused(usize),
    Done,
}

fn unique_id(text: &str, used: &mut HashSet<String>) -> String {
    let base = match slugify(text) {
        s if s.is_empty() => "muc".to_string(),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// Links starting with a single `/` are made to start with the site's base
/// path, so a site published under `/hoabinh/` keeps working; so are links
/// into `files/` and `static/` written without it (see [`site_rooted`]).
fn rebase<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    match site_rooted(&url) {
        Some(rel) if !url.starts_with('/') || base_path != "/" => {
            format!("{}/{rel}", base_path.trim_end_matches('/')).into()
        }
        _ => url,
    }
}

/// The folders of `content/` copied to the site's root as they are (forms,
/// images).
pub const COPIED_DIRS: &[&str] = &["static", "files"];

/// The path from the site's root of a link that starts there: `/…`, and
/// `files/…` or `static/…` as a clerk writes a form's link (the folders of
/// `content/` copied as they are sit at the site's root, never beside a
/// page: written relative to a page, such a link led nowhere).
pub fn site_rooted(url: &str) -> Option<&str> {
    if let Some(rel) = url.strip_prefix('/') {
        return (!rel.starts_with('/')).then_some(rel);
    }
    COPIED_DIRS
        .iter()
        .any(|dir| url.strip_prefix(dir).is_some_and(|r| r.starts_with('/')))
        .then_some(url)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_tags_a_clerk_types_to_lay_text_out_are_told() {
        for (h, tag) in [
            ("<br>", Some("br")),
            ("<BR/>", Some("br")),
            ("<b>", Some("b")),
            ("</strong>", Some("strong")),
            ("<p style=\"x\">", Some("p")),
            ("<Mẫu CT01>", None),
            ("<!-- ghi chú -->", None),
            ("<bước>", None),
            ("<xyz>", None),
        ] {
            assert_eq!(super::formatting_tag(h).as_deref(), tag, "{h}");
        }
    }

    use super::*;

    const OPTS: RenderOptions<'static> = RenderOptions {
        allow_html: false,
        base_path: "/",
        text: true,
    };

    #[test]
    fn a_link_whose_address_has_a_space_is_found_where_it_was_typed() {
        let md = "Tải [mẫu đơn](files/mau don.pdf) về.\n\n\
                  - [Tờ khai CT01](files/To khai CT01.docx)\n\n\
                  [đúng](files/mau-don.pdf \"Mẫu đơn\") và [cũng đúng](<files/mau don.pdf>)\n\n\
                  `[mã](a b)`\n\n```\n[khối](c d)\n```\n";
        let r = render(md, OPTS);
        let urls: Vec<&str> = r.spaced_links.iter().map(|(_, u)| u.as_str()).collect();
        assert_eq!(urls, ["files/mau don.pdf", "files/To khai CT01.docx"]);
        let copy = render("Tải [mẫu](files/mau don (1).pdf) về.\n", OPTS);
        assert_eq!(copy.spaced_links[0].1, "files/mau don (1).pdf");
        assert!(md[r.spaced_links[0].0..].starts_with("[mẫu đơn]("));
        assert!(md[r.spaced_links[1].0..].starts_with("[Tờ khai CT01]("));
        // the good ones are links (to the site's files/), with nothing told
        assert!(r.html.contains("href=\"/files/mau-don.pdf\""), "{}", r.html);
        assert!(
            r.html.contains("href=\"/files/mau%20don.pdf\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn a_link_typed_with_a_space_before_its_address_is_found() {
        let md = "Vào [Cổng Dịch vụ công] (https://dichvucong.gov.vn/) để nộp.\n\n\
                  - Gọi [đường dây nóng]  (tel:02353000000)\n\n\
                  Giờ làm việc [sáng] (7 giờ) và [chiều] (13 giờ); [a] (b c).\n\n\
                  [Đúng](https://dichvucong.gov.vn/) và `[mã] (https://x.vn)`\n";
        let r = render(md, OPTS);
        let urls: Vec<&str> = r.gap_links.iter().map(|(_, u)| u.as_str()).collect();
        assert_eq!(urls, ["https://dichvucong.gov.vn/", "tel:02353000000"]);
        assert!(md[r.gap_links[0].0..].starts_with("[Cổng Dịch vụ công] ("));
        assert!(md[r.gap_links[1].0..].starts_with("[đường dây nóng]"));
        assert!(r.spaced_links.is_empty(), "{:?}", r.spaced_links);
    }

    #[test]
    fn squeezing_is_split_whitespace_joined() {
        for t in [
            "",
            " ",
            "a",
            " a ",
            "a  b\tc\n\nd",
            "\u{a0}Đăng\u{3000}ký\u{85}x ",
            "a\u{0b}b\u{0c}c",
            "  Mở ứng dụng  VNeID. ",
        ] {
            assert_eq!(
                squeeze(t),
                t.split_whitespace().collect::<Vec<_>>().join(" "),
                "{t:?}"
            );
        }
    }

    #[test]
    fn link_schemes_are_filtered() {
        for ok in [
            "https://a.vn",
            "http://a.vn",
            "tel:0235",
            "mailto:a@b.vn",
            "/files/x.pdf",
            "../x/",
            "#buoc",
            "a/b:c",
        ] {
            assert!(link_allowed(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:x",
            " java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!link_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn bad_links_are_dropped_and_reported_with_their_offset() {
        let md = "Xem [đây](javascript:alert(1)) và [trang](https://a.vn).\n";
        let r = render(md, OPTS);
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert!(r.html.contains("đây"));
        assert!(r.html.contains("<a href=\"https://a.vn\">trang</a>"));
        assert_eq!(r.bad_links, vec![(4, "javascript:alert(1)".to_string())]);
    }

    #[test]
    fn raw_html_is_shown_as_text_unless_allowed() {
        let md = "<script>alert(1)</script>\n\nA <b>b</b>\n";
        let r = render(md, OPTS);
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(r.html.contains("&lt;b&gt;"));
        let allowed = render(
            md,
            RenderOptions {
                allow_html: true,
                base_path: "/",
                text: true,
            },
        );
        assert!(allowed.html.contains("<b>b</b>"));
    }

    #[test]
    fn steps_are_the_first_ordered_list_under_the_first_heading() {
        let md = "1. not a step\n\n## Các bước\n\nIntro.\n\n- bullet\n\n1. Mở **VNeID**.\n2. Chọn thủ tục\n   tiếp tục.\n   1. nested\n\n## Lưu ý\n\n1. other\n";
        let r = render(md, OPTS);
        assert_eq!(r.steps, vec!["Mở VNeID.", "Chọn thủ tục tiếp tục. nested"]);
        assert_eq!(r.anchors, vec!["cac-buoc", "luu-y"]);
        assert!(r.html.contains("<h2 id=\"cac-buoc\">Các bước</h2>"));
        assert_eq!(r.steps_elsewhere, None);
    }

    #[test]
    fn a_steps_second_paragraph_and_own_list_stay_in_the_step() {
        // (posters printed "tờ khai.Nếu cha mẹ…", and "Điền tờ khai:"
        // without what to fill in)
        let md = "## Các bước\n\n1. Chuẩn bị tờ khai.\n\n   Nếu cha mẹ chưa kết hôn, thêm văn bản.\n\n2. Điền tờ khai:\n   - Họ tên\n   - Ngày sinh\n   - Nơi ở\n3. Gửi hồ sơ.\n";
        let r = render(md, OPTS);
        assert_eq!(
            r.steps,
            vec![
                "Chuẩn bị tờ khai. Nếu cha mẹ chưa kết hôn, thêm văn bản.",
                "Điền tờ khai: Họ tên; Ngày sinh; Nơi ở",
                "Gửi hồ sơ.",
            ]
        );
    }

    #[test]
    fn steps_go_on_past_a_paragraph_a_picture_or_a_dash_list_between_them() {
        for between in [
            "Lưu ý: mang bản chính.",
            "![Màn hình VNeID](files/a.png)",
            "- một ý riêng",
            "<!-- ghi chú -->",
        ] {
            let md = format!(
                "## Các bước\n\n1. Một.\n2. Hai.\n\n{between}\n\n3. Ba.\n4. Bốn.\n\n## Lưu ý\n\n5. Khác.\n"
            );
            let r = render(&md, OPTS);
            assert_eq!(r.steps, vec!["Một.", "Hai.", "Ba.", "Bốn."], "{between}");
        }
        // a list numbered anew is another list; a heading ends the steps
        let r = render(
            "## Các bước\n\n1. Một.\n\nKhác:\n\n1. Riêng.\n\n2. Hai?\n",
            OPTS,
        );
        assert_eq!(r.steps, vec!["Một."]);
        let r = render("## Các bước\n\n1. Một.\n\n### Sau đó\n\n2. Hai.\n", OPTS);
        assert_eq!(r.steps, vec!["Một."]);
    }

    #[test]
    fn steps_taken_from_under_another_heading_than_a_later_steps_heading_are_told() {
        let md =
            "## Điều kiện\n\n1. Có tài khoản.\n2. Có hợp đồng.\n\n## Các bước\n\n1. Mở VNeID.\n";
        let r = render(md, OPTS);
        assert_eq!(r.steps, vec!["Có tài khoản.", "Có hợp đồng."]);
        let (at, taken, steps) = r.steps_elsewhere.expect("told");
        assert!(md[at..].starts_with("## Các bước\n"));
        assert_eq!((taken.as_str(), steps.as_str()), ("Điều kiện", "Các bước"));
        // under a heading that names them, or inside one, or with no
        // numbered list under the later one: nothing
        for md in [
            "## Trình tự thực hiện\n\n1. A.\n\n## Các bước khác\n\n1. B.\n",
            "## Điều kiện\n\n1. A.\n\n## Lưu ý\n\n- B.\n",
            "## Các bước\n\n### Nộp trực tiếp\n\n1. A.\n\n### Các bước nộp trực tuyến\n\n1. B.\n",
            "## Cách thực hiện\n\n1. A.\n\n## Các bước khi nộp trực tuyến\n\n1. B.\n",
            "## 1. Trình tự thực hiện\n\n1. A.\n\n### Trình tự nộp trực tuyến\n\n1. B.\n",
            "## Điều kiện\n\n1. A.\n\n## Các bước\n\nXem hướng dẫn ở xã.\n\n## Lưu ý\n\n1. C.\n",
        ] {
            assert_eq!(render(md, OPTS).steps_elsewhere, None, "{md}");
        }
    }

    #[test]
    fn a_first_level_heading_is_a_section_under_the_title() {
        let r = render("# Lưu ý thêm\n\nGhi chú.\n\n### Chi tiết\n", OPTS);
        assert!(
            r.html.contains("<h2 id=\"luu-y-them\">Lưu ý thêm</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h3 id=\"chi-tiet\">Chi tiết</h3>"));
        assert!(!r.html.contains("<h1"));
    }

    #[test]
    fn repeated_headings_get_distinct_ids() {
        let r = render("## A\n\n## A\n\n## A\n", OPTS);
        assert_eq!(r.anchors, vec!["a", "a-2", "a-3"]);
    }

    #[test]
    fn tables_scroll_and_root_links_follow_the_base_path() {
        let md = "| a | b |\n|---|---|\n| 1 | 2 |\n\n[x](/files/a.pdf)\n";
        let r = render(
            md,
            RenderOptions {
                allow_html: false,
                base_path: "/xa/",
                text: true,
            },
        );
        assert!(r.html.contains("<div class=\"table-scroll\""));
        assert!(r.html.contains("href=\"/xa/files/a.pdf\""));
    }

    #[test]
    fn a_forms_link_written_without_its_slash_leads_to_the_form() {
        let md = "[mẫu](files/ct01.docx) [ảnh](static/a.png) [trang](files-cu/) [khác](../x/)";
        for (base, form) in [("/", "/files/ct01.docx"), ("/xa/", "/xa/files/ct01.docx")] {
            let r = render(
                md,
                RenderOptions {
                    allow_html: false,
                    base_path: base,
                    text: false,
                },
            );
            assert!(r.html.contains(&format!("href=\"{form}\"")), "{}", r.html);
            assert!(
                r.html.contains(&format!("href=\"{}static/a.png\"", base)),
                "{}",
                r.html
            );
            // other relative links stay as written
            assert!(r.html.contains("href=\"files-cu/\""), "{}", r.html);
            assert!(r.html.contains("href=\"../x/\""), "{}", r.html);
        }
        assert_eq!(site_rooted("/files/a"), Some("files/a"));
        assert_eq!(site_rooted("files/a"), Some("files/a"));
        assert_eq!(site_rooted("//cdn/x"), None);
        assert_eq!(site_rooted("filesx/a"), None);
    }
}
