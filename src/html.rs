//! HTML output: home, category and procedure pages in every language of
//! the site, 404, short-link pages, the kiosk screen, sitemap.xml and
//! robots.txt, rendered with Tera from the theme's templates.
//!
//! The site's own language is at the root (`/cu-tru/…`); every other
//! language has the same pages under its code (`/en/cu-tru/…`). A page
//! with no translation is shown in the site's language with a short
//! notice, marked `noindex`, its canonical address the original's.

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

/// Slides on `/kiosk/` at most; a bigger site shows a category at a time
/// (`/kiosk/<category>/`, or `/kiosk/?category=…`, which leads there).
pub const KIOSK_MAX: usize = 300;

/// One language of the site, as its pages need it.
pub struct LangView {
    /// `vi`, `en`, …
    pub code: String,
    /// Where its pages live in the site: `""` for the site's own
    /// language, `"en/"` for the others.
    pub prefix: String,
    /// Interface strings in this language.
    pub t: BTreeMap<String, String>,
    /// The context every page in this language starts from.
    base: Map<String, Value>,
    /// The theme's templates with this language's constants written in.
    tera: Tera,
}

impl LangView {
    fn label(&self, key: &str) -> String {
        self.t.get(key).cloned().unwrap_or_else(|| key.to_string())
    }
}

/// Everything the page templates share.
pub struct Html<'a> {
    site: &'a Site,
    /// The site's languages, its own first.
    langs: Vec<LangView>,
    /// Pages of an earlier build, reused when their key is the same.
    memo: Option<&'a Memo>,
    /// Hash of what every page shares: settings, strings, CSS, templates.
    global: u64,
    reused: AtomicUsize,
    rendered: AtomicUsize,
}

/// `a` and `b` merged with `b`'s items spread evenly among `a`'s, each
/// list keeping its order. The short-link pages all go into `q/`: spread
/// among the other pages, two threads seldom wait for that one folder.
fn interleave<T>(a: Vec<T>, b: Vec<T>) -> Vec<T> {
    let n = a.len() + b.len();
    let mut out = Vec::with_capacity(n);
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    let (la, lb) = (a.len().max(1), b.len().max(1));
    let (mut i, mut j) = (0usize, 0usize);
    while a.peek().is_some() || b.peek().is_some() {
        if b.peek().is_none() || (a.peek().is_some() && i * lb <= j * la) {
            out.extend(a.next());
            i += 1;
        } else {
            out.extend(b.next());
            j += 1;
        }
    }
    out
}

/// The files of `results`, or every mistake among them.
fn gather(
    results: impl IntoIterator<Item = Result<OutFile, Diagnostic>>,
) -> Result<Vec<OutFile>, Diagnostics> {
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(files)
    }
}

impl<'a> Html<'a> {
    /// Prepares the templates and strings of `theme` for `site`.
    pub fn new(
        site: &'a Site,
        theme: &Theme,
        print: bool,
        memo: Option<&'a Memo>,
    ) -> Result<Html<'a>, Diagnostic> {
        let templates: Vec<(String, String)> = theme
            .under("templates/")
            .map(|(name, bytes)| {
                (
                    name.to_string(),
                    String::from_utf8_lossy(bytes).into_owned(),
                )
            })
            .collect();
        let css = theme.text("static/style.css");
        let cfg = &site.config;
        let site_value = serde_json::to_value(cfg).unwrap_or(Value::Null);
        let langs: Vec<LangView> = site
            .languages
            .par_iter()
            .enumerate()
            .map(|(i, code)| -> Result<LangView, Diagnostic> {
                let t = ui_strings(theme, code);
                let prefix = if i == 0 {
                    String::new()
                } else {
                    format!("{code}/")
                };
                let mut base = Map::new();
                base.insert("site".into(), site_value.clone());
                base.insert("lang".into(), json!(code));
                base.insert("t".into(), json!(t));
                base.insert("root".into(), json!(cfg.base_path));
                base.insert("home".into(), json!(format!("{}{prefix}", cfg.base_path)));
                base.insert("css".into(), json!(css));
                base.insert("has_print".into(), json!(print));
                // the site's own words (commune, notice, contact) carry
                // their language on pages in another one
                let sl = match i {
                    0 => String::new(),
                    _ => format!(" lang=\"{}\"", cfg.language),
                };
                base.insert("sl".into(), json!(sl));
                let (templates, left) = write_in_constants(&templates, &t, &site_value, &css);
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
                tera.add_raw_templates(templates)
                    .map_err(|e| template_error("templates", &e))?;
                tera.set_escape_fn(escape_html);
                Ok(LangView {
                    code: code.clone(),
                    prefix,
                    t,
                    base,
                    tera,
                })
            })
            .collect::<Result<_, _>>()?;
        let global = match memo {
            Some(_) => key(&[&site_value, &site.languages, &css, &print, &templates, &{
                langs.iter().map(|l| &l.t).collect::<Vec<_>>()
            }]),
            None => 0,
        };
        Ok(Html {
            site,
            langs,
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

    /// The site's languages as the pages see them, its own first.
    pub fn languages(&self) -> &[LangView] {
        &self.langs
    }

    /// The interface strings of the site's language, for other outputs.
    pub fn strings(&self) -> &BTreeMap<String, String> {
        &self.default_lang().t
    }

    fn default_lang(&self) -> &LangView {
        // `Site::languages` always holds the site's own language first
        &self.langs[0]
    }

    /// Renders every page of every language (see [`Html::render_rest`]
    /// and [`Html::render_search`] for the files made from all of them).
    pub fn render_pages(
        &self,
        progress: &dyn crate::Progress,
        sink: &dyn crate::render::Sink,
    ) -> Result<Vec<OutFile>, Diagnostics> {
        enum Job<'s> {
            Home(&'s LangView),
            NotFound,
            Kiosk(Option<&'s Category>),
            Category(&'s LangView, &'s Category),
            Procedure(&'s LangView, &'s Category, &'s Procedure),
            Short(&'s LangView, &'s str, ShortLink<'s>),
        }
        let mut jobs = vec![Job::NotFound, Job::Kiosk(None)];
        jobs.extend(self.site.categories.iter().map(|c| Job::Kiosk(Some(c))));
        let links = self.site.short_links();
        let mut shorts = Vec::new();
        for lv in &self.langs {
            jobs.push(Job::Home(lv));
            for c in &self.site.categories {
                jobs.push(Job::Category(lv, c));
                jobs.extend(c.procedures.iter().map(|p| Job::Procedure(lv, c, p)));
            }
            shorts.extend(links.iter().map(|(id, l)| Job::Short(lv, id, l.clone())));
        }
        let jobs = interleave(jobs, shorts);
        progress.stage(crate::Stage::Pages, jobs.len());
        let results: Vec<Result<OutFile, Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let r = match job {
                    Job::Home(lv) => self.home(lv),
                    Job::NotFound => self.not_found(),
                    Job::Kiosk(c) => self.kiosk(*c),
                    Job::Category(lv, c) => self.category(lv, c),
                    Job::Procedure(lv, c, p) => self.procedure(lv, c, p),
                    Job::Short(lv, id, l) => self.short_link_page(lv, id, l),
                };
                progress.advance(1);
                r.and_then(|f| sink.take(f))
            })
            .collect();
        gather(results)
    }

    /// The files made from the whole site but the search indexes:
    /// sitemap, robots.txt, the service worker and the short links of
    /// procedures that are gone.
    pub fn render_rest(&self, sink: &dyn crate::render::Sink) -> Result<Vec<OutFile>, Diagnostics> {
        let mut made = vec![self.sitemap(), Ok(self.robots()), self.service_worker()];
        for (id, code, target) in self.orphaned_short_links() {
            made.push(self.page(
                self.default_lang(),
                "redirect.html",
                format!("{code}/q/{id}/index.html"),
                Some(self.absolute(&target)),
                vec![("target", json!(self.url(&target))), ("title", json!(id))],
            ));
        }
        gather(made.into_iter().map(|r| r.and_then(|f| sink.take(f))))
    }

    /// The search index entries of every language, in site order, and the
    /// index files made from them.
    pub fn render_search(
        &self,
        sink: &dyn crate::render::Sink,
    ) -> (Vec<Vec<String>>, Result<Vec<OutFile>, Diagnostics>) {
        let (docs, files): (Vec<Vec<String>>, Vec<Result<OutFile, Diagnostic>>) = self
            .langs
            .par_iter()
            .map(|lv| {
                let docs = crate::search::docs(self.site, lv);
                let file = sink.take(crate::search::index_file(self.site, lv, &docs));
                (docs, file)
            })
            .unzip();
        (docs, gather(files))
    }

    /// The pages that change when procedure `p` of category `c` was
    /// `before` and its title and id stayed the same (the search indexes
    /// are [`crate::search::doc`]'s): its own pages in every language; its
    /// category's if the summary changed (the category lists summaries);
    /// the kiosk screens if the first steps changed; the sitemap if the
    /// date changed. The home pages list only titles, so they stay.
    /// `camnang serve` redraws just these after such an edit.
    pub fn pages_of(
        &self,
        c: &Category,
        p: &Procedure,
        before: &Procedure,
    ) -> Result<Vec<OutFile>, Diagnostic> {
        let mut files = Vec::new();
        let first_steps = |q: &Procedure| q.steps.iter().take(3).cloned().collect::<Vec<_>>();
        if first_steps(p) != first_steps(before) {
            files.push(self.kiosk(Some(c))?);
            let on_main = self
                .site
                .procedures()
                .take(KIOSK_MAX)
                .any(|(_, q)| q.id == p.id);
            if on_main {
                files.push(self.kiosk(None)?);
            }
        }
        if p.updated != before.updated {
            files.push(self.sitemap()?);
        }
        for lv in &self.langs {
            if p.summary != before.summary {
                files.push(self.category(lv, c)?);
            }
            files.push(self.procedure(lv, c, p)?);
        }
        Ok(files)
    }

    /// `in-an/index.html`: every print file with its paper size.
    pub fn print_page(&self, items: &[crate::poster::PrintItem]) -> Result<OutFile, Diagnostic> {
        let lv = self.default_lang();
        let rel = format!("{}/", crate::poster::PRINT_DIR);
        let mut groups: Vec<Value> = [
            ("posters", "print_posters"),
            ("board", "print_board"),
            ("flyers", "print_flyers"),
        ]
        .iter()
        .map(|(g, key)| {
            json!({
                "title": lv.label(key),
                "items": items.iter().filter(|i| i.group == *g).collect::<Vec<_>>(),
            })
        })
        .collect();
        for other in &self.langs[1..] {
            let group = format!("lang-{}", other.code);
            let list: Vec<_> = items.iter().filter(|i| i.group == group).collect();
            if !list.is_empty() {
                groups.push(json!({
                    "title": format!("{} – {}", lv.label("print_translations"), other.label("lang_name")),
                    "lang": other.code,
                    "items": list,
                }));
            }
        }
        self.page(
            lv,
            "print.html",
            format!("{rel}index.html"),
            Some(self.absolute(&rel)),
            vec![("groups", json!(groups))],
        )
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

    /// Links to the same page in every language where it really is in
    /// that language (fallback copies are left out).
    fn alternates(&self, rel: &str, has: impl Fn(&str) -> bool) -> Vec<Value> {
        self.langs
            .iter()
            .filter(|l| l.prefix.is_empty() || has(&l.code))
            .map(|l| {
                json!({
                    "code": l.code,
                    "name": l.label("lang_name"),
                    "url": self.url(&format!("{}{rel}", l.prefix)),
                    "abs": self.absolute(&format!("{}{rel}", l.prefix)),
                })
            })
            .collect()
    }

    /// A category for the templates; `summaries` adds each procedure's
    /// summary (the category page shows them, the home page does not).
    fn category_view(&self, lv: &LangView, c: &Category, summaries: bool) -> Value {
        let text = c.text(&lv.code);
        json!({
            "slug": c.slug,
            "title": text.title,
            "summary": text.summary,
            "intro_html": text.intro_html,
            "translated": lv.prefix.is_empty() || c.translations.contains_key(&lv.code),
            "url": self.url(&format!("{}{}", lv.prefix, Self::category_path(c))),
            "procedures": c.procedures.iter().map(|p| {
                let shown = p.in_lang(&lv.code);
                json!({
                    "id": p.id,
                    "title": shown.title,
                    "summary": if summaries { Some(&shown.summary) } else { None },
                    "translated": lv.prefix.is_empty() || p.translations.contains_key(&lv.code),
                    "url": self.url(&format!("{}{}", lv.prefix, Self::procedure_path(p))),
                })
            }).collect::<Vec<_>>(),
        })
    }

    /// The short link of procedure `id` for a language.
    fn short_link(&self, lv: &LangView, id: &str) -> String {
        short_link(&format!("{}{}", self.site.config.base_url, lv.prefix), id)
    }

    fn procedure_view(&self, lv: &LangView, p: &Procedure) -> Value {
        let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
        let level_key = match p.online.as_ref().and_then(|o| o.level.as_deref()) {
            Some(l) => format!("level_{l}"),
            None if p.online.is_some() => "level_mot-phan".into(),
            None => "level_none".into(),
        };
        let link = self.short_link(lv, &p.id);
        let extra = json!({
            "url": self.url(&format!("{}{}", lv.prefix, Self::procedure_path(p))),
            "short_link_text": link.split_once("://").map(|(_, rest)| rest).unwrap_or(&link),
            "short_link": link,
            "qr_svg": self.url(&format!("{}q/{}/qr.svg", lv.prefix, p.id)),
            "level_label": lv.label(&level_key),
            "app_labels": p.online.iter().flat_map(|o| o.apps.iter()).map(|a| lv.label(&format!("app_{a}"))).collect::<Vec<_>>(),
            "channels": p.channels.iter().map(|c| json!({
                "way": c.way,
                "way_label": lv.label(&format!("way_{}", c.way)),
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
    /// page of the language shares (when `canonical` is given), or takes
    /// the page from the memo if nothing it is made from changed.
    fn page(
        &self,
        lv: &LangView,
        template: &str,
        path: String,
        canonical: Option<String>,
        vars: Vec<(&str, Value)>,
    ) -> Result<OutFile, Diagnostic> {
        let page_key = self
            .memo
            .map(|_| key(&[&self.global, &lv.code, &template, &canonical, &vars]));
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
                let mut m = lv.base.clone();
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
        // straight into bytes: Tera's render() would check the page is
        // UTF-8 once more
        let mut html = Vec::with_capacity(16 * 1024);
        lv.tera
            .render_to(template, &ctx, &mut html)
            .map_err(|e| template_error(template, &e))?;
        self.rendered.fetch_add(1, Ordering::Relaxed);
        let mut file = OutFile::bytes(path, html);
        file.key = page_key;
        Ok(file)
    }

    fn home(&self, lv: &LangView) -> Result<OutFile, Diagnostic> {
        let cats: Vec<Value> = self
            .site
            .categories
            .iter()
            .map(|c| self.category_view(lv, c, false))
            .collect();
        let search = json!({
            "index": self.url(&format!("{}{}", lv.prefix, crate::search::INDEX_FILE)),
            "script": self.url(crate::search::SCRIPT_FILE),
            "synonyms": self.site.config.synonyms,
        });
        self.page(
            lv,
            "index.html",
            format!("{}index.html", lv.prefix),
            Some(self.absolute(&lv.prefix)),
            vec![
                ("categories", Value::Array(cats)),
                ("search", search),
                ("alternates", json!(self.alternates("", |_| true))),
            ],
        )
    }

    fn not_found(&self) -> Result<OutFile, Diagnostic> {
        let lv = self.default_lang();
        self.page(
            lv,
            "404.html",
            "404.html".into(),
            Some(self.absolute("404.html")),
            vec![("noindex", json!(true))],
        )
    }

    fn category(&self, lv: &LangView, c: &Category) -> Result<OutFile, Diagnostic> {
        let rel = Self::category_path(c);
        let translated = lv.prefix.is_empty() || c.translations.contains_key(&lv.code);
        let canonical = if translated {
            self.absolute(&format!("{}{rel}", lv.prefix))
        } else {
            self.absolute(&rel)
        };
        self.page(
            lv,
            "category.html",
            format!("{}{rel}index.html", lv.prefix),
            Some(canonical),
            vec![
                ("category", self.category_view(lv, c, true)),
                (
                    "alternates",
                    json!(self.alternates(&rel, |code| c.translations.contains_key(code))),
                ),
                ("noindex", json!(!translated)),
            ],
        )
    }

    fn procedure(&self, lv: &LangView, c: &Category, p: &Procedure) -> Result<OutFile, Diagnostic> {
        let rel = Self::procedure_path(p);
        let shown = p.in_lang(&lv.code);
        let fallback = !lv.prefix.is_empty() && shown.lang.is_none();
        let content_lang = if fallback {
            self.default_lang().code.clone()
        } else {
            lv.code.clone()
        };
        let canonical = if fallback {
            self.absolute(&rel)
        } else {
            self.absolute(&format!("{}{rel}", lv.prefix))
        };
        let text = c.text(&lv.code);
        self.page(
            lv,
            "procedure.html",
            format!("{}{rel}index.html", lv.prefix),
            Some(canonical),
            vec![
                (
                    "category",
                    json!({
                        "title": text.title,
                        "url": self.url(&format!("{}{}", lv.prefix, Self::category_path(c))),
                    }),
                ),
                ("p", self.procedure_view(lv, shown)),
                ("fallback", json!(fallback)),
                ("content_lang", json!(content_lang)),
                ("noindex", json!(fallback)),
                (
                    "alternates",
                    json!(self.alternates(&rel, |code| p.translations.contains_key(code))),
                ),
            ],
        )
    }

    /// `q/<id>/index.html` (and `en/q/<id>/…`): a tiny page that sends the
    /// reader on without JavaScript (meta refresh plus a visible link), or
    /// says the procedure changed.
    fn short_link_page(
        &self,
        lv: &LangView,
        id: &str,
        link: &ShortLink<'_>,
    ) -> Result<OutFile, Diagnostic> {
        let path = format!("{}q/{id}/index.html", lv.prefix);
        match link {
            ShortLink::Procedure(_, p) => {
                let rel = format!("{}{}", lv.prefix, Self::procedure_path(p));
                self.page(
                    lv,
                    "redirect.html",
                    path,
                    Some(self.absolute(&rel)),
                    vec![
                        ("target", json!(self.url(&rel))),
                        ("title", json!(p.in_lang(&lv.code).title)),
                    ],
                )
            }
            ShortLink::Retired(_, LockEntry { title, retired, .. }) => self.page(
                lv,
                "retired.html",
                path,
                Some(self.absolute(&format!("{}q/{id}/", lv.prefix))),
                vec![
                    ("title", json!(title)),
                    ("message", json!(retired)),
                    ("noindex", json!(true)),
                ],
            ),
        }
    }

    /// `kiosk/index.html` (every procedure, or the first [`KIOSK_MAX`])
    /// and `kiosk/<category>/index.html`: the slideshow for the screen at
    /// the counter. `None` is the whole site.
    fn kiosk(&self, only: Option<&Category>) -> Result<OutFile, Diagnostic> {
        let lv = self.default_lang();
        let cfg = &self.site.config;
        // the codes are the pages' own SVG files: every slide's is loaded
        // with the screen (they are not lazy), so it runs on without signal
        let slides: Vec<Value> = self
            .site
            .procedures()
            .filter(|(c, _)| only.is_none_or(|o| o.slug == c.slug))
            .take(KIOSK_MAX)
            .map(|(c, p)| {
                let link = self.short_link(lv, &p.id);
                json!({
                    "title": p.title,
                    "category": c.slug,
                    "category_title": c.title,
                    "steps": p.steps.iter().take(3).collect::<Vec<_>>(),
                    "qr": self.url(&format!("{}q/{}/qr.svg", lv.prefix, p.id)),
                    "link": crate::poster::typed_link(&link),
                })
            })
            .collect();
        let rel = match only {
            Some(c) => format!("kiosk/{}/", c.slug),
            None => "kiosk/".to_string(),
        };
        self.page(
            lv,
            "kiosk.html",
            format!("{rel}index.html"),
            Some(self.absolute(&rel)),
            vec![
                ("slides", Value::Array(slides)),
                ("seconds", json!(cfg.kiosk_seconds)),
                ("kiosk_root", json!(self.url("kiosk/"))),
                ("noindex", json!(true)),
            ],
        )
    }

    /// `sw.js`: keeps the pages a resident opened, and the home page, so
    /// they open again without signal. Network first, so a page is never
    /// older than the last visit with signal.
    fn service_worker(&self) -> Result<OutFile, Diagnostic> {
        let lv = self.default_lang();
        let homes: Vec<String> = self.langs.iter().map(|l| self.url(&l.prefix)).collect();
        self.page(
            lv,
            "sw.js",
            "sw.js".into(),
            None,
            vec![
                ("root", json!(self.site.config.base_path)),
                ("homes", json!(homes)),
            ],
        )
    }

    /// Short links in a language the site no longer has, printed before
    /// (the lock's `languages`): they must keep working, so they lead to
    /// the page in the site's language. (id, language, target path)
    fn orphaned_short_links(&self) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        for (id, link) in self.site.short_links() {
            let Some(entry) = self.site.qr_lock.entries.get(id) else {
                continue;
            };
            let target = match &link {
                ShortLink::Procedure(_, p) => Self::procedure_path(p),
                ShortLink::Retired(..) => format!("q/{id}/"),
            };
            for code in &entry.languages {
                if !self.site.languages.contains(code) {
                    out.push((id.to_string(), code.clone(), target.clone()));
                }
            }
        }
        out
    }

    /// `sitemap.xml`: every page that is really in its language (fallback
    /// copies are left out), with the date it was checked.
    fn sitemap(&self) -> Result<OutFile, Diagnostic> {
        use std::fmt::Write as _;
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        let mut url = |loc: String, lastmod: Option<String>| {
            let _ = write!(out, "<url><loc>{}</loc>", escape_html(&loc));
            if let Some(d) = lastmod {
                let _ = write!(out, "<lastmod>{d}</lastmod>");
            }
            out.push_str("</url>\n");
        };
        for l in &self.langs {
            url(self.absolute(&l.prefix), None);
        }
        for c in &self.site.categories {
            let newest = c.procedures.iter().map(|p| p.updated).max();
            for l in &self.langs {
                if l.prefix.is_empty() || c.translations.contains_key(&l.code) {
                    let loc = self.absolute(&format!("{}{}", l.prefix, Self::category_path(c)));
                    url(loc, newest.map(|d| d.iso()));
                }
            }
            for p in &c.procedures {
                for l in &self.langs {
                    let shown = match l.prefix.is_empty() {
                        true => p,
                        false => match p.translations.get(&l.code) {
                            Some(t) => t,
                            None => continue,
                        },
                    };
                    let loc = self.absolute(&format!("{}{}", l.prefix, Self::procedure_path(p)));
                    url(loc, Some(shown.updated.iso()));
                }
            }
        }
        out.push_str("</urlset>\n");
        Ok(OutFile::bytes("sitemap.xml".into(), out.into_bytes()))
    }

    fn robots(&self) -> OutFile {
        let body = format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            self.site.config.base_url
        );
        OutFile::bytes("robots.txt".into(), body.into_bytes())
    }
}

/// The theme's interface strings for `language`, line by line: the
/// built-in Vietnamese file, the built-in file of the language, then the
/// same two files of the site's theme. A theme may change one line and keep
/// the rest, a site may add a language of its own (`i18n/xx.yaml` in its
/// theme folder), and a line missing in a language falls back to
/// Vietnamese.
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

/// Which constants templates still look up after [`write_in_constants`].
struct Left {
    t: bool,
    site: bool,
    css: bool,
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
    let plain = |s: &str| !(s.contains("{{") || s.contains("{%") || s.contains("{#"));
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
    let mut left = Left {
        t: false,
        site: false,
        css: false,
    };
    let out = templates
        .iter()
        .map(|(name, source)| {
            if source.contains("raw %}") || source.contains("raw -%}") {
                // {% raw %} shows template syntax as it is
                left.t |= mentions(source, "t");
                left.site |= mentions(source, "site");
                left.css |= mentions(source, "css");
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
                    _ if inner == "css|safe" && plain(css) => Some(css.to_string()),
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
            left.t |= mentions(&out, "t");
            left.site |= mentions(&out, "site");
            left.css |= mentions(&out, "css");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleave_spreads_the_second_list_and_keeps_both_orders() {
        let a: Vec<u32> = (0..6).collect();
        let b: Vec<u32> = (100..103).collect();
        assert_eq!(interleave(a.clone(), b), [0, 100, 1, 2, 101, 3, 4, 102, 5]);
        assert_eq!(interleave(a.clone(), Vec::new()), a);
        assert_eq!(interleave(Vec::new(), a.clone()), a);
        let many = interleave((0..1000).collect(), (1000..1300).collect());
        assert_eq!(many.len(), 1300);
        let firsts: Vec<u32> = many.iter().copied().filter(|n| *n < 1000).collect();
        assert_eq!(firsts, (0..1000).collect::<Vec<_>>());
        // the second list is spread, not piled at the end
        let last_tenth = &many[1170..];
        assert!(last_tenth.iter().filter(|n| **n >= 1000).count() < 60);
    }

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
}
