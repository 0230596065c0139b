//! The page templates of every language: the theme's Tera templates with
//! each language's interface strings, the site's settings and the style
//! sheet, and the one function that renders a page ([`Templates::page`]),
//! taking it from the memo of an earlier build when nothing it is made
//! from changed. Every output that makes a page from a template (HTML
//! pages, the service worker, the print page) goes through it.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde_json::{Map, Value, json};
use tera::{Context, Tera};

use crate::diag::Diagnostic;
use crate::model::{Language, Site, routes};
use crate::output::{Content, Memo, OutFile, Prior, key, page_key, template_errors};
use crate::text::escape_html;
use crate::theme::Theme;

/// One language of the site, with its templates.
pub(crate) struct LangView {
    /// The language: code, prefix, interface strings.
    pub lang: Language,
    /// The context every page in this language starts from.
    base: Map<String, Value>,
    /// Which of the constants left in `base` each template (with those it
    /// extends, includes or imports) still looks up: the others are not
    /// copied into its pages' context.
    needs: HashMap<String, Left>,
    /// The theme's templates with this language's constants written in.
    tera: Tera,
}

impl std::ops::Deref for LangView {
    type Target = Language;
    fn deref(&self) -> &Language {
        &self.lang
    }
}

/// The templates of every language, and what pages share.
pub(crate) struct Templates<'a> {
    site: &'a Site,
    /// The site's languages, its own first.
    langs: Vec<LangView>,
    /// Pages of an earlier build, reused when their key is the same.
    memo: Option<&'a Memo>,
    /// The site published before (`camnang build`): pages whose key is
    /// the same are linked from there.
    prior: Option<&'a dyn Prior>,
    /// Hash of what every page shares: settings, strings, CSS, templates;
    /// `None` when there are no earlier pages to take (pages get no key).
    global: Option<u64>,
    /// The theme's templates as written (name under `templates/`, text),
    /// to place a mistake in one.
    sources: Vec<(String, String)>,
    reused: AtomicUsize,
    rendered: AtomicUsize,
}

impl<'a> Templates<'a> {
    /// Prepares the templates of `theme` for `site` in each of `langs`.
    pub(crate) fn new(
        site: &'a Site,
        theme: &Theme,
        langs: &[Language],
        print: bool,
        memo: Option<&'a Memo>,
        prior: Option<&'a dyn Prior>,
    ) -> Result<Templates<'a>, Diagnostic> {
        Templates::prepare(site, theme, langs, print, (memo, prior), true)
    }

    /// [`Templates::new`], with the constants written into the templates
    /// (`write_in`) or left to Tera to look up (the plain way, which the
    /// tests compare against).
    fn prepare(
        site: &'a Site,
        theme: &Theme,
        langs: &[Language],
        print: bool,
        (memo, prior): (Option<&'a Memo>, Option<&'a dyn Prior>),
        write_in: bool,
    ) -> Result<Templates<'a>, Diagnostic> {
        let templates: Vec<(String, String)> = theme
            .under("templates/")
            .map(|(name, bytes)| {
                (
                    name.to_string(),
                    String::from_utf8_lossy(bytes).into_owned(),
                )
            })
            .collect();
        let as_written = &templates;
        let css = inline_css(&theme.text("static/style.css"));
        let cfg = &site.config;
        let site_value = serde_json::to_value(cfg).unwrap_or(Value::Null);
        let langs: Vec<LangView> = langs
            .par_iter()
            .map(|lang| -> Result<LangView, Diagnostic> {
                let t = &lang.t;
                let prefix = &lang.prefix;
                // the site's words in this language (`site.en.yaml`)
                let site_value = match cfg.texts.contains_key(&lang.code) {
                    true => serde_json::to_value(cfg.in_lang(&lang.code)).unwrap_or(Value::Null),
                    false => site_value.clone(),
                };
                let mut base = Map::new();
                base.insert("site".into(), site_value.clone());
                // and the `lang` mark of each of them
                base.insert("site_lang".into(), json!(cfg.word_langs(&lang.code)));
                base.insert("lang".into(), json!(lang.code));
                base.insert("t".into(), json!(t));
                base.insert("root".into(), json!(cfg.base_path));
                base.insert("home".into(), json!(routes::link(&cfg.base_path, prefix)));
                base.insert("css".into(), json!(css));
                base.insert("has_print".into(), json!(print));
                // the line that tells a resident what a genuine code opens
                let code_site = routes::code_site(&cfg.base_url);
                let genuine = t
                    .get("genuine_code")
                    .map(|g| g.replace("{site}", &code_site))
                    .unwrap_or_default();
                base.insert("code_site".into(), json!(code_site));
                base.insert("genuine".into(), json!(genuine));
                // the site's own words (commune, notice, contact) carry
                // their language on pages in another one
                let sl = match lang.is_site_language() {
                    true => String::new(),
                    false => format!(" lang=\"{}\"", cfg.language),
                };
                base.insert("sl".into(), json!(sl));
                let (templates, left) = match write_in {
                    true => write_in_constants(&templates, t, &site_value, &css),
                    false => (templates.clone(), Left::all()),
                };
                let needs = match write_in {
                    true => needs_of(&templates),
                    false => HashMap::new(),
                };
                if !left.t {
                    base.remove("t");
                }
                if !left.site {
                    base.remove("site");
                }
                if !left.css {
                    base.remove("css");
                }
                let mut tera = Tera::default();
                if let Err(e) = tera.add_raw_templates(templates) {
                    // placed in the templates as written (constants
                    // written in move columns)
                    let mut plain = Tera::default();
                    return Err(match plain.add_raw_templates(as_written.to_vec()) {
                        Err(original) => {
                            template_errors::told(site, as_written, "templates", &original)
                        }
                        // (only the templates with constants written in
                        // fail: their places are not the files')
                        Ok(()) => template_errors::unplaced("templates", &e),
                    });
                }
                tera.set_escape_fn(escape_html);
                Ok(LangView {
                    lang: lang.clone(),
                    base,
                    needs,
                    tera,
                })
            })
            .collect::<Result<_, _>>()?;
        // pages taken from a site published by an earlier run of camnang
        // must have been made by the same camnang
        let global = (memo.is_some() || prior.is_some()).then(|| {
            key(&[
                &crate::output::SOURCE_ID,
                &site_value,
                &cfg.texts,
                &site.languages,
                &css,
                &print,
                &templates,
                &{ langs.iter().map(|l| &l.t).collect::<Vec<_>>() },
            ])
        });
        Ok(Templates {
            site,
            langs,
            memo,
            prior,
            global,
            sources: templates,
            reused: AtomicUsize::new(0),
            rendered: AtomicUsize::new(0),
        })
    }

    /// The mistake `e` of rendering `template`, placed in the template
    /// that holds it.
    /// `E037` for pages of `template` that came out empty, at the file of
    /// the site's theme folder that made them so: the template itself when
    /// the site writes it and it is empty, else the `base.html` the site
    /// writes (the one every page extends), else the template.
    fn empty_page(&self, template: &str) -> Diagnostic {
        let site_file = |name: &str| {
            let file = self.site.theme_file(name);
            let bytes = std::fs::read(self.site.root.join(&file)).ok()?;
            Some((name.to_string(), file, bytes))
        };
        let own = format!("templates/{template}");
        let (name, file) = match (site_file(&own), site_file("templates/base.html")) {
            (Some((n, f, b)), _) if b.iter().all(u8::is_ascii_whitespace) => (n, f),
            (_, Some((n, f, _))) => (n, f),
            _ => (own.clone(), self.site.theme_file(&own)),
        };
        Diagnostic::error(crate::messages::Msg::EmptyPage { template: name }).in_file(file)
    }

    fn told(&self, template: &str, e: &tera::Error) -> Diagnostic {
        template_errors::told(self.site, &self.sources, template, e)
    }

    /// Pages taken from the memo, and pages rendered.
    pub(crate) fn counts(&self) -> (usize, usize) {
        (
            self.reused.load(Ordering::Relaxed),
            self.rendered.load(Ordering::Relaxed),
        )
    }

    /// The site's languages as the pages see them, its own first.
    pub(crate) fn languages(&self) -> &[LangView] {
        &self.langs
    }

    /// The site's own language.
    pub(crate) fn default_lang(&self) -> &LangView {
        // `Site::languages` always holds the site's own language first
        &self.langs[0]
    }

    /// The full address of a site-relative path.
    pub(crate) fn absolute(&self, rel: &str) -> String {
        routes::absolute(&self.site.config.base_url, rel)
    }

    /// The link (from the site's base path) of a site-relative path.
    pub(crate) fn url(&self, rel: &str) -> String {
        routes::link(&self.site.config.base_path, rel)
    }

    /// Renders `template` into `path` with `vars`, on top of what every
    /// page of the language shares (when `canonical` is given), or takes
    /// the page from the memo if nothing it is made from changed.
    pub(crate) fn page(
        &self,
        lv: &LangView,
        template: &str,
        path: String,
        canonical: Option<String>,
        vars: Vec<(&str, Value)>,
    ) -> Result<OutFile, Diagnostic> {
        let page_key = self
            .global
            .map(|g| page_key(g, &lv.code, template, canonical.as_deref(), &vars));
        // the page made before from the same inputs: in memory (serve),
        // or in the site published before (build)
        let earlier = page_key.and_then(|k| {
            let memo = self.memo.and_then(|m| m.get(&path, k)).map(Content::Bytes);
            memo.or_else(|| {
                self.prior
                    .and_then(|p| p.get(&path, k))
                    .map(Content::Cached)
            })
        });
        if let Some(content) = earlier {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(OutFile {
                path,
                content,
                key: page_key,
            });
        }
        let mut map = match canonical {
            Some(c) => {
                let mut m = match lv.needs.get(template) {
                    // only the constants this template still looks up
                    Some(needs) => lv
                        .base
                        .iter()
                        .filter(|(k, _)| needs.keeps(k))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                    None => lv.base.clone(),
                };
                m.insert("canonical".into(), Value::String(c));
                m
            }
            None => Map::new(),
        };
        for (name, value) in vars {
            map.insert(name.to_string(), value);
        }
        let ctx = Context::from_value(Value::Object(map)).map_err(|e| self.told(template, &e))?;
        // straight into bytes: Tera's render() would check the page is
        // UTF-8 once more
        let mut html = Vec::with_capacity(16 * 1024);
        lv.tera
            .render_to(template, &ctx, &mut html)
            .map_err(|e| self.told(template, &e))?;
        // a page with nothing in it (an emptied base.html) is never
        // published in place of the page residents open
        if html.iter().all(u8::is_ascii_whitespace) && template.ends_with(".html") {
            return Err(self.empty_page(template));
        }
        self.rendered.fetch_add(1, Ordering::Relaxed);
        let mut file = OutFile::bytes(path, html);
        file.key = page_key;
        Ok(file)
    }
}

/// The theme's stylesheet as it goes inside a page's `<style>`: a
/// `</style` in it (in a comment, or the file wrapped in `<style>…</style>`)
/// would end the element there and put the rest on the page, as text or
/// markup; written `<\/style` it means the same to CSS and ends nothing.
fn inline_css(css: &str) -> String {
    let lower = css.to_ascii_lowercase();
    if !lower.contains("</style") {
        return css.to_string();
    }
    let mut out = String::with_capacity(css.len() + 8);
    let mut from = 0;
    for (at, _) in lower.match_indices("</style") {
        out.push_str(&css[from..at]);
        out.push_str("<\\/");
        from = at + 2;
    }
    out.push_str(&css[from..]);
    out
}

/// Which constants templates still look up after [`write_in_constants`].
///
/// Writing the constants in saves about 8 % of the CPU time of a
/// 10,000-procedure build (user time 1.17 s against 1.27 s, medians of 7
/// alternating runs of `camnang build --no-print` on `gen_site --procedures
/// 10000 --seed 42`); the test
/// `written_in_constants_give_the_same_bytes_as_plain_tera` proves it
/// changes no byte. Copying into each page's context only the constants
/// its template still looks up ([`needs_of`]) saves about 5 % more of the
/// wall time (median 0.785 s against 0.826 s, 7 alternating runs).
#[derive(Debug, Clone, Copy, Default)]
struct Left {
    t: bool,
    site: bool,
    css: bool,
}

impl Left {
    /// Every constant looked up by Tera (nothing written in).
    fn all() -> Left {
        Left {
            t: true,
            site: true,
            css: true,
        }
    }

    /// What `source` itself still looks up.
    fn of(source: &str) -> Left {
        Left {
            t: mentions(source, "t"),
            site: mentions(source, "site"),
            css: mentions(source, "css"),
        }
    }

    fn or(&self, other: &Left) -> Left {
        Left {
            t: self.t || other.t,
            site: self.site || other.site,
            css: self.css || other.css,
        }
    }

    /// Whether the context key `key` is kept for a template with these
    /// needs (keys other than the constants always are).
    fn keeps(&self, key: &str) -> bool {
        match key {
            "t" => self.t,
            "site" => self.site,
            "css" => self.css,
            _ => true,
        }
    }
}

/// What each template looks up once written in, with the templates it
/// extends, includes or imports (followed to the end). A template naming
/// another in any way but a plain string (a variable, a list) needs
/// everything, and so does a template naming one that is not there.
fn needs_of(templates: &[(String, String)]) -> HashMap<String, Left> {
    let by_name: HashMap<&str, &str> = templates
        .iter()
        .map(|(n, s)| (n.as_str(), s.as_str()))
        .collect();
    let needs = |start: &str| -> Left {
        let mut seen: Vec<&str> = vec![start];
        let mut todo: Vec<&str> = vec![start];
        let mut left = Left::default();
        while let Some(name) = todo.pop() {
            let Some(source) = by_name.get(name) else {
                return Left::all();
            };
            left = left.or(&Left::of(source));
            let Some(used) = named_templates(source) else {
                return Left::all();
            };
            for u in used {
                if !seen.contains(&u) {
                    seen.push(u);
                    todo.push(u);
                }
            }
        }
        left
    };
    templates
        .iter()
        .map(|(n, _)| (n.clone(), needs(n)))
        .collect()
}

/// The templates `source` extends, includes or imports, each named by a
/// plain string; `None` when one is named any other way.
fn named_templates(source: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("{%") {
        rest = &rest[at + 2..];
        let end = rest.find("%}").unwrap_or(rest.len());
        let tag = rest[..end].trim_start_matches('-').trim();
        rest = &rest[end..];
        let Some(arg) = ["extends", "include", "import"].iter().find_map(|w| {
            tag.strip_prefix(w)
                .filter(|a| a.starts_with(char::is_whitespace))
        }) else {
            continue;
        };
        let arg = arg.trim_start();
        let quote = arg
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))?;
        let name = arg[1..].split(quote).next()?;
        out.push(name);
    }
    Some(out)
}

/// Writes a language's constants into the templates before they are
/// compiled: each `{{ t.NAME }}` and each `{{ site.FIELD }}` that is text
/// becomes that text (escaped where Tera would escape it) and
/// `{{ css | safe }}` the style sheet, so that pages do not look them up one
/// by one and their context need not carry them. Any other use of `t`,
/// `site` or `css` (in a condition, a filter, a theme's own template) keeps
/// working: the value then stays in the context.
fn write_in_constants(
    templates: &[(String, String)],
    t: &BTreeMap<String, String>,
    site: &Value,
    css: &str,
) -> (Vec<(String, String)>, Left) {
    // text that Tera would read as its own syntax is never written in
    // (any brace: a value ending in `{` would run into the next tag)
    let plain = |s: &str| !s.contains(['{', '}']);
    // the style sheet is the theme's, full of braces but never of tags
    let plain_css = !(css.contains("{{") || css.contains("{%") || css.contains("{#"));
    // `site.contact.phone` → the text there, if it is text
    let site_text = |path: &str| {
        path.split('.')
            .try_fold(site, |v, key| v.as_object()?.get(key))
            .and_then(Value::as_str)
    };
    // a theme that binds `t` or `site` itself ({% set %}, a loop) means its
    // own value there, in that template or one it includes
    let bound = |name: &str| templates.iter().any(|(_, s)| binds(s, name));
    let (t_free, site_free) = (!bound("t"), !bound("site"));
    let mut left = Left::default();
    let out = templates
        .iter()
        .map(|(name, source)| {
            if source.contains("raw %}") || source.contains("raw -%}") {
                // {% raw %} shows template syntax as it is
                left = left.or(&Left::of(source));
                return (name.clone(), source.clone());
            }
            let escaped = [".html", ".htm", ".xml"].iter().any(|e| name.ends_with(e));
            let mut out = String::with_capacity(source.len() + css.len());
            let mut rest = source.as_str();
            while let Some(at) = rest.find("{{") {
                let Some(len) = rest[at..].find("}}") else {
                    break;
                };
                let inner: String = rest[at + 2..at + len]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let text = match inner.split_once('.') {
                    Some(("t", k)) if t_free => t.get(k).map(String::as_str),
                    Some(("site", path)) if site_free => site_text(path),
                    _ => None,
                };
                let constant = match text {
                    Some(v) if plain(v) && escaped => Some(escape_html(v)),
                    Some(v) if plain(v) => Some(v.to_string()),
                    _ if inner == "css|safe" && plain_css => Some(css.to_string()),
                    _ => None,
                };
                out.push_str(&rest[..at]);
                match constant {
                    Some(c) => out.push_str(&c),
                    None => out.push_str(&rest[at..at + len + 2]),
                }
                rest = &rest[at + len + 2..];
            }
            out.push_str(rest);
            left = left.or(&Left::of(&out));
            (name.clone(), out)
        })
        .collect();
    (out, left)
}

/// Whether `source` gives the variable `name` a value of its own: `{% set
/// name = … %}`, `{% set_global name … %}`, `{% for name in … %}`,
/// `{% for k, name in … %}` or `{% macro m(name) %}`.
fn binds(source: &str, name: &str) -> bool {
    let mut rest = source;
    while let Some(at) = rest.find("{%") {
        rest = &rest[at + 2..];
        let end = rest.find("%}").unwrap_or(rest.len());
        let words: Vec<&str> = rest[..end]
            .split(|c: char| c.is_whitespace() || ",=-()".contains(c))
            .filter(|w| !w.is_empty())
            .collect();
        let bound: &[&str] = match words.as_slice() {
            ["set" | "set_global", v, ..] => std::slice::from_ref(v),
            ["for", a, "in", ..] => std::slice::from_ref(a),
            ["for", a, b, "in", ..] => &[*a, *b],
            // a macro's arguments, and their defaults (harmless extra words)
            ["macro", _, args @ ..] => args,
            _ => &[],
        };
        if bound.contains(&name) {
            return true;
        }
        rest = &rest[end..];
    }
    false
}

/// Whether a Tera tag of `source` uses the variable `name`.
fn mentions(source: &str, name: &str) -> bool {
    let mut rest = source;
    while let Some(at) = rest.find(['{']) {
        rest = &rest[at + 1..];
        let close = match rest.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => continue,
        };
        let end = rest.find(close).unwrap_or(rest.len());
        let tag = &rest[1..end];
        let mut from = 0;
        while let Some(i) = tag[from..].find(name) {
            let i = from + i;
            let before = tag[..i].chars().next_back();
            let after = tag[i + name.len()..].chars().next();
            let word_start = !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
            let word_end = !after.is_some_and(|c| c.is_alphanumeric() || c == '_');
            if word_start && word_end {
                return true;
            }
            from = i + name.len();
        }
        rest = &rest[end..];
    }
    false
}

/// A block a template fills that Tera never shows: Tera leaves it out
/// without a word. A `base.html` of the site's theme whose `{% block main
/// %}` was deleted made every page the header and the footer alone, exit
/// 0 (`E143`, nothing published); a smaller part, a block `sidebar` copied
/// from another theme or a `head` an older copy of `base.html` has no
/// place for, is told (`W112`) and the pages made without it. Found as
/// Tera renders a page: from the top template's text, each block as the
/// nearest template that fills it writes it (and the one above, for `{{
/// super() }}`), in `{% if %}`s too; a block a page template fills that is
/// never reached, or that it puts inside an `{% if %}` at its top (Tera
/// reads only blocks there), is lost. Told at the site's own file of the
/// two (the template extended, when the site writes it).
pub(crate) fn lost_blocks(site: &Site, theme: &Theme) -> crate::diag::Diagnostics {
    use std::collections::BTreeSet;
    use tera::ast::{Block, Node};
    // the templates as the theme writes them (one that Tera cannot read
    // is told when the pages are made)
    let mut tera = Tera::default();
    let sources = theme
        .under("templates/")
        .map(|(name, bytes)| (name, String::from_utf8_lossy(bytes).into_owned()));
    if tera.add_raw_templates(sources).is_err() {
        return crate::diag::Diagnostics::default();
    }
    /// The nodes below `nodes` that Tera renders with them: inside `{% if
    /// %}`, filters and loops, not inside blocks (each is its own).
    fn inner(nodes: &[Node]) -> Vec<&Node> {
        let mut out = Vec::new();
        for n in nodes {
            out.push(n);
            match n {
                Node::If(i, _) => {
                    for (_, _, body) in &i.conditions {
                        out.extend(inner(body));
                    }
                    if let Some((_, body)) = &i.otherwise {
                        out.extend(inner(body));
                    }
                }
                Node::Forloop(_, f, _) => {
                    out.extend(inner(&f.body));
                    if let Some(body) = &f.empty_body {
                        out.extend(inner(body));
                    }
                }
                Node::FilterSection(_, f, _) => out.extend(inner(&f.body)),
                _ => {}
            }
        }
        out
    }
    /// The blocks rendered from `nodes` of a page whose chain (the page,
    /// then what it extends) is `chain`: into `placed`.
    fn render<'t>(nodes: &'t [Node], chain: &[&'t tera::Template], placed: &mut BTreeSet<&'t str>) {
        for n in inner(nodes) {
            let Node::Block(_, b, _) = n else {
                continue;
            };
            if !placed.insert(&b.name) {
                continue;
            }
            // the definitions, nearest first; `super()` goes one further
            let defs: Vec<&Block> = chain.iter().filter_map(|t| t.blocks.get(&b.name)).collect();
            for def in defs {
                render(&def.body, chain, placed);
                let calls_super = inner(&def.body).iter().any(|n| matches!(n, Node::Super));
                if !calls_super {
                    break;
                }
            }
        }
    }
    let mut names: Vec<&str> = tera.get_template_names().collect();
    names.sort_unstable();
    // (block, the template at the top of the chain, the one that fills it)
    let mut lost: Vec<(&str, &String, &str)> = Vec::new();
    for name in names {
        let Ok(t) = tera.get_template(name) else {
            continue;
        };
        let Some(top) = t.parents.last() else {
            continue;
        };
        let mut chain = vec![t];
        chain.extend(t.parents.iter().filter_map(|p| tera.get_template(p).ok()));
        let Some(root) = chain.last() else {
            continue;
        };
        let mut placed = BTreeSet::new();
        render(&root.ast, &chain, &mut placed);
        // the blocks the page fills at its top, and those it puts in an
        // `{% if %}` there (which Tera never reads)
        for n in inner(&t.ast) {
            if let Node::Block(_, b, _) = n
                && (!placed.contains(b.name.as_str()) || !t.blocks.contains_key(&b.name))
            {
                lost.push((&b.name, top, name));
            }
        }
    }
    lost.sort_unstable();
    let mut told = crate::diag::Diagnostics::default();
    let mut groups: Vec<(&str, &String)> = lost.iter().map(|&(b, p, _)| (b, p)).collect();
    groups.dedup();
    for (block, parent) in groups {
        let templates: Vec<String> = lost
            .iter()
            .filter(|(b, p, _)| (*b, *p) == (block, parent))
            .map(|(_, _, name)| format!("templates/{name}"))
            .collect();
        let parent = format!("templates/{parent}");
        // (an emptied file is told as such, E037, when its pages are made)
        let emptied = std::fs::read(site.root.join(site.theme_file(&parent)))
            .is_ok_and(|b| b.iter().all(u8::is_ascii_whitespace));
        if emptied {
            continue;
        }
        // told at the site's own file of the two
        let own = |rel: &str| site.root.join(site.theme_file(rel)).is_file();
        let file = match templates.iter().find(|t| own(t)).filter(|_| !own(&parent)) {
            Some(t) => site.theme_file(t),
            None => site.theme_file(&parent),
        };
        let (block, main) = (block.to_string(), block == "main");
        let d = match main {
            true => Diagnostic::error(crate::messages::Msg::BlockWithoutPlace {
                block,
                templates,
                parent,
            }),
            false => Diagnostic::warning(crate::messages::Msg::BlockLeftOut {
                block,
                templates,
                parent,
            }),
        };
        told.push(d.in_file(file));
    }
    told
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_stylesheet_cannot_end_the_style_element() {
        let css = "a{color:red}/* </style><script>alert(1)</script> */ b{}</STYLE >";
        let inline = super::inline_css(css);
        assert!(!inline.to_ascii_lowercase().contains("</style"), "{inline}");
        assert_eq!(inline.replace("<\\/", "</"), css);
        assert_eq!(super::inline_css("a{}"), "a{}");
    }

    use super::*;

    fn strings() -> BTreeMap<String, String> {
        BTreeMap::from([
            ("call".to_string(), "Gọi <ngay>".to_string()),
            ("odd".to_string(), "{{ x }}".to_string()),
        ])
    }

    #[test]
    fn constants_are_written_into_templates_and_escaped_where_tera_would() {
        let templates = vec![
            (
                "a.html".to_string(),
                "<b>{{ t.call }}</b><style>{{css | safe}}</style>".to_string(),
            ),
            ("sw.js".to_string(), "const s = \"{{t.call}}\";".to_string()),
            (
                "b.html".to_string(),
                "<p>{{ site.commune }} {{site.contact.phone}}</p>".to_string(),
            ),
        ];
        let (out, left) = write_in_constants(&templates, &strings(), &site(), "b{color:red}");
        assert_eq!(
            out[0].1,
            "<b>Gọi &lt;ngay&gt;</b><style>b{color:red}</style>"
        );
        assert_eq!(out[1].1, "const s = \"Gọi <ngay>\";");
        assert_eq!(
            out[2].1,
            "<p>Xã \"A\" &amp; B 0123</p>".replace('"', "&quot;")
        );
        assert!(
            !left.t && !left.site && !left.css,
            "nothing looks them up any more"
        );
    }

    /// `source` as one HTML template, after [`write_in_constants`].
    fn written(source: &str) -> (String, Left) {
        let templates = vec![("a.html".to_string(), source.to_string())];
        let (mut out, left) = write_in_constants(&templates, &strings(), &site(), "");
        (out.remove(0).1, left)
    }

    fn site() -> Value {
        json!({"commune": "Xã \"A\" & B", "contact": {"phone": "0123"}, "odd": "{% x %}", "n": 3})
    }

    #[test]
    fn other_uses_keep_the_values_in_the_context() {
        for source in [
            "{% if t.call %}x{% endif %}",
            "{{ t.call | upper }}",
            "{{ t.odd }}",
            "{{ t.missing }}",
            "{% raw %}{{ t.call }}{% endraw %}",
        ] {
            let (out, left) = written(source);
            assert!(left.t, "{source} → {out}");
        }
        for source in [
            "{% if site.commune %}x{% endif %}",
            "{{ site.commune | upper }}",
            "{{ site.odd }}",
            "{{ site.n }}",
            "{{ site.contact }}",
            "{{ site.missing.deeper }}",
            "{% raw %}{{ site.commune }}{% endraw %}",
        ] {
            let (out, left) = written(source);
            assert!(left.site, "{source} → {out}");
        }
        assert!(!mentions("{{ site.title }} {{ st.x }} {{ at }}", "t"));
        for source in [
            "{% for site in sites %}{{ site.commune }}{% endfor %}",
            "{% set site = 1 %}{{ site.commune }}",
            "{%- set_global site = 1 -%}{{ site.commune }}",
            "{% for k,site in sites %}{{ site.commune }}{% endfor %}",
            "{% macro m(a, site=1) %}{{ site.commune }}{% endmacro m %}",
        ] {
            let (out, _) = written(source);
            assert_eq!(out, source, "the theme's own `site` is left alone");
        }
        assert!(!binds("{% for s in sites %}{% set x = site %}", "site"));
        // a binding in one template keeps the name in every one (includes)
        let templates = vec![
            ("a.html".to_string(), "{{ t.call }}".to_string()),
            ("b.html".to_string(), "{% set t = 1 %}".to_string()),
        ];
        let (out, left) = write_in_constants(&templates, &strings(), &site(), "");
        assert!(left.t && out[0].1 == "{{ t.call }}");
        assert!(mentions("{% for k in t %}", "t"));
    }

    #[test]
    fn settings_with_braces_stay_in_the_context_and_render_as_text() {
        let t = strings();
        let site = json!({"commune": "Xã {", "title": "a }} {% if x %} {{ y }}"});
        let templates = vec![(
            "a.html".to_string(),
            "<p>{{ site.commune }}{{ site.title }}</p>".to_string(),
        )];
        let (out, left) = write_in_constants(&templates, &t, &site, "");
        assert_eq!(out[0].1, templates[0].1, "nothing written in");
        assert!(left.site);
        let mut tera = Tera::default();
        tera.add_raw_templates(out).expect("still a valid template");
        tera.set_escape_fn(escape_html);
        let mut cx = Context::new();
        cx.insert("site", &site);
        let page = tera.render("a.html", &cx).expect("renders");
        assert_eq!(page, "<p>Xã {a }} {% if x %} {{ y }}</p>");
    }

    /// Every page, site file and print page of the sample site, made with
    /// the constants written in and the plain Tera way, for setting values
    /// full of braces, template syntax and markup.
    #[test]
    fn each_template_keeps_the_constants_it_and_its_parents_look_up() {
        let t = |n: &str, s: &str| (n.to_string(), s.to_string());
        let templates = [
            t(
                "base.html",
                "{% if site.notice %}{{ site.notice }}{% endif %}{% block b %}{% endblock b %}",
            ),
            t(
                "page.html",
                "{% extends \"base.html\" %}{% block b %}{% include 'partials/x.html' %}{% endblock b %}",
            ),
            t("partials/x.html", "{{ t[key] }}"),
            t("redirect.html", "<a href=\"{{ target }}\">{{ title }}</a>"),
            t("loose.html", "{% include name %}"),
            t("gone.html", "{% extends \"missing.html\" %}"),
        ];
        let needs = needs_of(&templates);
        let got = |n: &str| {
            let l = &needs[n];
            (l.t, l.site, l.css)
        };
        assert_eq!(got("base.html"), (false, true, false));
        assert_eq!(got("page.html"), (true, true, false));
        assert_eq!(got("redirect.html"), (false, false, false));
        // a template named by a variable, or one that is not there: all
        assert_eq!(got("loose.html"), (true, true, true));
        assert_eq!(got("gone.html"), (true, true, true));
    }

    #[test]
    fn written_in_constants_give_the_same_bytes_as_plain_tera() {
        use crate::output::{Keep, Output, PrintMode};
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let opts = crate::load::LoadOptions {
            root,
            base_url: None,
            lang: None,
        };
        let mut site = crate::load::load(&opts, None)
            .site
            .expect("the sample loads");
        let theme = Theme::builtin();
        let langs = Language::all(&site, &theme);
        assert!(langs.len() > 1, "the sample has translations");
        // fixed awkward values, then pseudo-random ones from an alphabet of
        // template and markup characters
        let mut values: Vec<String> = [
            "Xã {",
            "a }} b",
            "{{ site.title }}",
            "{% if x %}",
            "{# c #}",
            "<b>&\"'</b>",
            "}",
            "{{",
            "x{",
            "{%",
            "Hòa Bình",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let alphabet: Vec<char> = "{}%#<>&\"' ax.é-".chars().collect();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..12 {
            let mut v = String::new();
            for _ in 0..(seed % 9 + 1) {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                v.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            values.push(v);
        }
        let outputs = crate::render::Outputs::default();
        let made = |site: &Site, write_in: bool| -> Vec<(String, Vec<u8>)> {
            let tp = Templates::prepare(site, &theme, &langs, true, (None, None), write_in)
                .expect("templates");
            let cx = crate::output::Context {
                site,
                theme: &theme,
                templates: &tp,
                print: PrintMode::Listing,
                reuse: None,
                prior: None,
                incremental: false,
            };
            let mut files: Vec<(String, Vec<u8>)> = [
                &outputs.pages as &dyn Output,
                &outputs.site_files,
                &outputs.print,
            ]
            .iter()
            .flat_map(|o| o.render(&cx, &Keep).expect("renders"))
            .map(|f| match f.content {
                Content::Bytes(b) => (f.path, b.to_vec()),
                _ => (f.path, Vec::new()),
            })
            .collect();
            files.sort();
            files
        };
        for v in &values {
            site.config.commune = v.clone();
            site.config.title = v.clone();
            site.config.notice = Some(v.clone());
            site.config.contact.phone = Some(v.clone());
            site.config.contact.hours = Some(v.clone());
            let (written, plain) = (made(&site, true), made(&site, false));
            assert_eq!(written.len(), plain.len());
            for (a, b) in written.iter().zip(&plain) {
                assert_eq!(a.0, b.0);
                assert!(a.1 == b.1, "{} differs for the value {v:?}", a.0);
            }
        }
    }
}
