//! HTML output: home, category and procedure pages, 404, sitemap.xml and
//! robots.txt, rendered with Tera from the theme's templates.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Value, json};
use tera::{Context, Tera};

use crate::diag::{Diagnostic, Diagnostics};
use crate::messages::Msg;
use crate::model::{Category, LockEntry, Procedure, ShortLink, Site};
use crate::qr::short_link;
use crate::render::OutFile;
use crate::theme::Theme;

/// Everything the page templates share.
pub struct Html<'a> {
    site: &'a Site,
    tera: Tera,
    /// Interface strings in the site's language (see [`ui_strings`]).
    t: BTreeMap<String, String>,
    css: String,
    /// Whether the print files (and `in-an/`) are made.
    print: bool,
}

impl<'a> Html<'a> {
    /// Prepares the templates and strings of `theme` for `site`.
    pub fn new(site: &'a Site, theme: &Theme, print: bool) -> Result<Html<'a>, Diagnostic> {
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
        tera.add_raw_templates(templates)
            .map_err(|e| template_error("templates", &e))?;
        tera.set_escape_fn(escape_html);
        Ok(Html {
            site,
            tera,
            t: ui_strings(theme, &site.config.language),
            css: theme.text("static/style.css"),
            print,
        })
    }

    /// Renders every page.
    pub fn render_all(&self) -> Result<Vec<OutFile>, Diagnostics> {
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
        let results: Vec<Result<OutFile, Diagnostic>> = jobs
            .par_iter()
            .map(|job| match job {
                Job::Home => self.home(),
                Job::NotFound => self.not_found(),
                Job::Category(c) => self.category(c),
                Job::Procedure(c, p) => self.procedure(c, p),
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
        let mut ctx = self.base(self.absolute(&rel));
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
        ctx.insert("groups", &groups);
        self.page("print.html", &ctx, format!("{rel}index.html"))
    }

    fn base(&self, canonical: String) -> Context {
        let cfg = &self.site.config;
        let mut ctx = Context::new();
        ctx.insert("site", cfg);
        ctx.insert("lang", &cfg.language);
        ctx.insert("t", &self.t);
        ctx.insert("root", &cfg.base_path);
        ctx.insert("css", &self.css);
        ctx.insert("canonical", &canonical);
        ctx.insert("has_print", &self.print);
        ctx
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

    fn page(&self, template: &str, ctx: &Context, path: String) -> Result<OutFile, Diagnostic> {
        let html = self
            .tera
            .render(template, ctx)
            .map_err(|e| template_error(template, &e))?;
        Ok(OutFile::bytes(path, html.into_bytes()))
    }

    fn home(&self) -> Result<OutFile, Diagnostic> {
        let mut ctx = self.base(self.site.config.base_url.clone());
        let cats: Vec<Value> = self
            .site
            .categories
            .iter()
            .map(|c| self.category_view(c))
            .collect();
        ctx.insert("categories", &cats);
        self.page("index.html", &ctx, "index.html".into())
    }

    fn not_found(&self) -> Result<OutFile, Diagnostic> {
        let ctx = self.base(self.absolute("404.html"));
        self.page("404.html", &ctx, "404.html".into())
    }

    fn category(&self, c: &Category) -> Result<OutFile, Diagnostic> {
        let rel = Self::category_path(c);
        let mut ctx = self.base(self.absolute(&rel));
        ctx.insert("category", &self.category_view(c));
        self.page("category.html", &ctx, format!("{rel}index.html"))
    }

    fn procedure(&self, c: &Category, p: &Procedure) -> Result<OutFile, Diagnostic> {
        let rel = Self::procedure_path(p);
        let mut ctx = self.base(self.absolute(&rel));
        ctx.insert(
            "category",
            &json!({ "title": c.title, "url": self.url(&Self::category_path(c)) }),
        );
        ctx.insert("p", &self.procedure_view(p));
        self.page("procedure.html", &ctx, format!("{rel}index.html"))
    }

    /// `q/<id>/index.html`: a tiny page that sends the reader on without
    /// JavaScript (meta refresh plus a visible link), or says the
    /// procedure changed.
    fn short_link_page(&self, id: &str, link: &ShortLink<'_>) -> Result<OutFile, Diagnostic> {
        let path = format!("q/{id}/index.html");
        match link {
            ShortLink::Procedure(_, p) => {
                let rel = Self::procedure_path(p);
                let mut ctx = self.base(self.absolute(&rel));
                ctx.insert("target", &self.url(&rel));
                ctx.insert("title", &p.title);
                self.page("redirect.html", &ctx, path)
            }
            ShortLink::Retired(_, LockEntry { title, retired, .. }) => {
                let mut ctx = self.base(self.absolute(&format!("q/{id}/")));
                ctx.insert("title", title);
                ctx.insert("message", retired);
                self.page("retired.html", &ctx, path)
            }
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
        let mut ctx = Context::new();
        ctx.insert("urls", &urls);
        self.page("sitemap.xml", &ctx, "sitemap.xml".into())
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
