//! HTML output: home, category and procedure pages, 404, sitemap.xml and
//! robots.txt, rendered with Tera from the theme's templates.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde_json::{Map, Value, json};
use tera::{Context, Tera};

use crate::diag::{Diagnostic, Diagnostics};
use crate::messages::Msg;
use crate::model::{Category, LockEntry, Procedure, ShortLink, Site};
use crate::qr::short_link;
use crate::render::{Memo, OutFile, key};
use crate::theme::Theme;

/// Everything the page templates share.
pub struct Html<'a> {
    site: &'a Site,
    tera: Tera,
    /// Interface strings in the site's language (see [`ui_strings`]).
    t: BTreeMap<String, String>,
    /// Pages of an earlier build, reused when their key is the same.
    memo: Option<&'a Memo>,
    /// Hash of what every page shares: settings, strings, CSS, templates.
    global: u64,
    /// The context every page starts from (see [`Html::base_vars`]).
    base: Map<String, Value>,
    reused: AtomicUsize,
    rendered: AtomicUsize,
}

impl<'a> Html<'a> {
    /// Prepares the templates and strings of `theme` for `site`.
    pub fn new(
        site: &'a Site,
        theme: &Theme,
        print: bool,
        memo: Option<&'a Memo>,
    ) -> Result<Html<'a>, Diagnostic> {
        let mut tera = Tera::default();
        let templates: Vec<(String, String)> = theme
            .under("templates/")
            .map(|(name, bytes)| {
                (
                    name.to_string(),
                    String::from_utf8_lossy(bytes).into_owned(),
                )
            })
            .collect();
        let t = ui_strings(theme, &site.config.language);
        let css = theme.text("static/style.css");
        let global = match memo {
            Some(_) => key(&[&site.config, &t, &css, &print, &templates]),
            None => 0,
        };
        tera.add_raw_templates(templates)
            .map_err(|e| template_error("templates", &e))?;
        tera.set_escape_fn(escape_html);
        let base = Self::base_vars(site, &t, &css, print);
        Ok(Html {
            site,
            tera,
            base,
            t,
            memo,
            global,
            reused: AtomicUsize::new(0),
            rendered: AtomicUsize::new(0),
        })
    }

    /// Pages taken from the memo, and pages rendered.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.reused.load(Ordering::Relaxed),
            self.rendered.load(Ordering::Relaxed),
        )
    }

    /// Renders every page.
    pub fn render_all(&self, progress: &dyn crate::Progress) -> Result<Vec<OutFile>, Diagnostics> {
        enum Job<'s> {
            Home,
            NotFound,
            Category(&'s Category),
            Procedure(&'s Category, &'s Procedure),
        }
        let mut jobs = vec![Job::Home, Job::NotFound];
        for c in &self.site.categories {
            jobs.push(Job::Category(c));
            jobs.extend(c.procedures.iter().map(|p| Job::Procedure(c, p)));
        }
        progress.stage(crate::Stage::Pages, jobs.len());
        let results: Vec<Result<OutFile, Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let r = match job {
                    Job::Home => self.home(),
                    Job::NotFound => self.not_found(),
                    Job::Category(c) => self.category(c),
                    Job::Procedure(c, p) => self.procedure(c, p),
                };
                progress.advance(1);
                r
            })
            .collect();
        let mut files = Vec::with_capacity(results.len() + 2);
        let mut diags = Diagnostics::default();
        for r in results {
            match r {
                Ok(f) => files.push(f),
                Err(d) => diags.push(d),
            }
        }
        for (id, link) in self.site.short_links() {
            match self.short_link_page(id, &link) {
                Ok(f) => files.push(f),
                Err(d) => diags.push(d),
            }
        }
        match self.sitemap() {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
        files.push(self.robots());
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(files)
        }
    }

    /// The interface strings, for other outputs (posters).
    pub fn strings(&self) -> &BTreeMap<String, String> {
        &self.t
    }

    /// `in-an/index.html`: every print file with its paper size.
    pub fn print_page(&self, items: &[crate::poster::PrintItem]) -> Result<OutFile, Diagnostic> {
        let rel = format!("{}/", crate::poster::PRINT_DIR);
        let groups: Vec<Value> = [
            ("posters", "print_posters"),
            ("board", "print_board"),
            ("flyers", "print_flyers"),
        ]
        .iter()
        .map(|(g, key)| {
            json!({
                "title": self.label(key.to_string()),
                "items": items.iter().filter(|i| i.group == *g).collect::<Vec<_>>(),
            })
        })
        .collect();
        self.page(
            "print.html",
            format!("{rel}index.html"),
            Some(self.absolute(&rel)),
            vec![("groups", json!(groups))],
        )
    }

    /// What every page's context holds, built once: serialising the
    /// settings and strings for each of 20,000 pages cost more than
    /// rendering them.
    fn base_vars(
        site: &Site,
        t: &BTreeMap<String, String>,
        css: &str,
        print: bool,
    ) -> Map<String, Value> {
        let cfg = &site.config;
        let mut m = Map::new();
        m.insert(
            "site".into(),
            serde_json::to_value(cfg).unwrap_or(Value::Null),
        );
        m.insert("lang".into(), json!(cfg.language));
        m.insert("t".into(), json!(t));
        m.insert("root".into(), json!(cfg.base_path));
        m.insert("css".into(), json!(css));
        m.insert("has_print".into(), json!(print));
        m
    }

    /// The full address of a site-relative path.
    fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.site.config.base_url, rel)
    }

    /// The link (from the site's base path) of a site-relative path.
    fn url(&self, rel: &str) -> String {
        format!("{}{}", self.site.config.base_path, rel)
    }

    /// Site-relative path of a category page (`cu-tru/`).
    pub fn category_path(c: &Category) -> String {
        format!("{}/", c.slug)
    }

    /// Site-relative path of a procedure page (`cu-tru/dang-ky-tam-tru/`).
    pub fn procedure_path(p: &Procedure) -> String {
        format!("{}/{}/", p.category, p.slug)
    }

    fn category_view(&self, c: &Category) -> Value {
        json!({
            "slug": c.slug,
            "title": c.title,
            "summary": c.summary,
            "intro_html": c.intro_html,
            "url": self.url(&Self::category_path(c)),
            "procedures": c.procedures.iter().map(|p| json!({
                "id": p.id,
                "title": p.title,
                "summary": p.summary,
                "url": self.url(&Self::procedure_path(p)),
            })).collect::<Vec<_>>(),
        })
    }

    fn label(&self, key: String) -> String {
        self.t.get(&key).cloned().unwrap_or(key)
    }

    fn procedure_view(&self, p: &Procedure) -> Value {
        let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
        let level_key = match p.online.as_ref().and_then(|o| o.level.as_deref()) {
            Some(l) => format!("level_{l}"),
            None if p.online.is_some() => "level_mot-phan".into(),
            None => "level_none".into(),
        };
        let link = short_link(&self.site.config.base_url, &p.id);
        let extra = json!({
            "url": self.url(&Self::procedure_path(p)),
            "short_link_text": link.split_once("://").map(|(_, rest)| rest).unwrap_or(&link),
            "short_link": link,
            "qr_svg": self.url(&format!("q/{}/qr.svg", p.id)),
            "level_label": self.label(level_key),
            "app_labels": p.online.iter().flat_map(|o| o.apps.iter()).map(|a| self.label(format!("app_{a}"))).collect::<Vec<_>>(),
            "channels": p.channels.iter().map(|c| json!({
                "way": c.way,
                "way_label": self.label(format!("way_{}", c.way)),
                "time": c.time,
                "fee": c.fee,
            })).collect::<Vec<_>>(),
            "updated_dmy": p.updated.dmy(),
            "updated_iso": p.updated.iso(),
        });
        if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
            m.extend(e);
        }
        v
    }

    /// Renders `template` into `path` with `vars`, on top of what every
    /// page shares (when `canonical` is given), or takes the page from the
    /// memo if nothing it is made from changed.
    fn page(
        &self,
        template: &str,
        path: String,
        canonical: Option<String>,
        vars: Vec<(&str, Value)>,
    ) -> Result<OutFile, Diagnostic> {
        let page_key = self
            .memo
            .map(|_| key(&[&self.global, &template, &canonical, &vars]));
        if let (Some(memo), Some(k)) = (self.memo, page_key)
            && let Some(bytes) = memo.get(&path, k)
        {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(OutFile {
                path,
                content: crate::render::Content::Bytes(bytes),
                key: page_key,
            });
        }
        let mut map = match canonical {
            Some(c) => {
                let mut m = self.base.clone();
                m.insert("canonical".into(), Value::String(c));
                m
            }
            None => Map::new(),
        };
        for (name, value) in vars {
            map.insert(name.to_string(), value);
        }
        let ctx =
            Context::from_value(Value::Object(map)).map_err(|e| template_error(template, &e))?;
        let html = self
            .tera
            .render(template, &ctx)
            .map_err(|e| template_error(template, &e))?;
        self.rendered.fetch_add(1, Ordering::Relaxed);
        let mut file = OutFile::bytes(path, html.into_bytes());
        file.key = page_key;
        Ok(file)
    }

    fn home(&self) -> Result<OutFile, Diagnostic> {
        let cats: Vec<Value> = self
            .site
            .categories
            .iter()
            .map(|c| self.category_view(c))
            .collect();
        self.page(
            "index.html",
            "index.html".into(),
            Some(self.site.config.base_url.clone()),
            vec![("categories", Value::Array(cats))],
        )
    }

    fn not_found(&self) -> Result<OutFile, Diagnostic> {
        self.page(
            "404.html",
            "404.html".into(),
            Some(self.absolute("404.html")),
            Vec::new(),
        )
    }

    fn category(&self, c: &Category) -> Result<OutFile, Diagnostic> {
        let rel = Self::category_path(c);
        self.page(
            "category.html",
            format!("{rel}index.html"),
            Some(self.absolute(&rel)),
            vec![("category", self.category_view(c))],
        )
    }

    fn procedure(&self, c: &Category, p: &Procedure) -> Result<OutFile, Diagnostic> {
        let rel = Self::procedure_path(p);
        self.page(
            "procedure.html",
            format!("{rel}index.html"),
            Some(self.absolute(&rel)),
            vec![
                (
                    "category",
                    json!({ "title": c.title, "url": self.url(&Self::category_path(c)) }),
                ),
                ("p", self.procedure_view(p)),
            ],
        )
    }

    /// `q/<id>/index.html`: a tiny page that sends the reader on without
    /// JavaScript (meta refresh plus a visible link), or says the
    /// procedure changed.
    fn short_link_page(&self, id: &str, link: &ShortLink<'_>) -> Result<OutFile, Diagnostic> {
        let path = format!("q/{id}/index.html");
        match link {
            ShortLink::Procedure(_, p) => {
                let rel = Self::procedure_path(p);
                self.page(
                    "redirect.html",
                    path,
                    Some(self.absolute(&rel)),
                    vec![("target", json!(self.url(&rel))), ("title", json!(p.title))],
                )
            }
            ShortLink::Retired(_, LockEntry { title, retired, .. }) => self.page(
                "retired.html",
                path,
                Some(self.absolute(&format!("q/{id}/"))),
                vec![("title", json!(title)), ("message", json!(retired))],
            ),
        }
    }

    fn sitemap(&self) -> Result<OutFile, Diagnostic> {
        let mut urls = vec![json!({ "loc": self.site.config.base_url })];
        for c in &self.site.categories {
            let newest = c.procedures.iter().map(|p| p.updated).max();
            urls.push(json!({
                "loc": self.absolute(&Self::category_path(c)),
                "lastmod": newest.map(|d| d.iso()),
            }));
            for p in &c.procedures {
                urls.push(json!({
                    "loc": self.absolute(&Self::procedure_path(p)),
                    "lastmod": p.updated.iso(),
                }));
            }
        }
        self.page(
            "sitemap.xml",
            "sitemap.xml".into(),
            None,
            vec![("urls", Value::Array(urls))],
        )
    }

    fn robots(&self) -> OutFile {
        let body = format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            self.site.config.base_url
        );
        OutFile::bytes("robots.txt".into(), body.into_bytes())
    }
}

/// The theme's interface strings, line by line: the built-in Vietnamese
/// file, the built-in file of the site's language, then the same two files
/// of the site's theme. A theme may change one line and keep the rest, and
/// a line missing in one language falls back to Vietnamese.
pub fn ui_strings(theme: &Theme, language: &str) -> BTreeMap<String, String> {
    let mut t: BTreeMap<String, String> = BTreeMap::new();
    for source in [&Theme::builtin(), theme] {
        for code in ["vi", language] {
            if let Some(bytes) = source.get(&format!("i18n/{code}.yaml"))
                && let Ok(map) = serde_norway::from_slice::<BTreeMap<String, String>>(bytes)
            {
                t.extend(map.into_iter().map(|(k, v)| (k, crate::text::nfc(&v))));
            }
        }
    }
    t
}

/// Escapes text for HTML and XML text and attribute values. Unlike Tera's
/// default it leaves `/` alone, so addresses stay readable and pages small.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn template_error(template: &str, e: &tera::Error) -> Diagnostic {
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        source = s.source();
    }
    Diagnostic::error(Msg::TemplateFailed {
        template: template.to_string(),
        detail,
    })
}
