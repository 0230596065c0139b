//! HTML pages: home, category and procedure pages in every language of
//! the site, 404, short-link pages and the kiosk screens, rendered from
//! the theme's templates (see [`crate::output::templates`]).
//!
//! The site's own language is at the root (`/cu-tru/…`); every other
//! language has the same pages under its code (`/en/cu-tru/…`). A page
//! with no translation is shown in the site's language with a short
//! notice, marked `noindex`, its canonical address the original's.

use rayon::prelude::*;
use serde_json::json;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Category, LockEntry, Procedure, ShortLink, Site, routes};
use crate::output::templates::{LangView, Templates};
use crate::output::{Claim, Context, Edit, OutFile, Output, Owner, Sink, gather};

mod views;
use views::{CategoryLink, CategoryView, ProcedurePage, SearchBox, Slide, alternates, value};

/// Slides on `/kiosk/` at most; a bigger site shows a category at a time
/// (`/kiosk/<category>/`, or `/kiosk/?category=…`, which leads there).
pub(crate) const KIOSK_MAX: usize = 300;

/// The HTML pages output.
#[derive(Default)]
pub(crate) struct Pages;

impl Output for Pages {
    fn claims(&self, cx: &Context<'_>) -> Vec<Claim> {
        let site = cx.site;
        let mut out = vec![Claim::new(
            routes::NOT_FOUND.into(),
            Owner::Camnang("/404.html"),
        )];
        let kiosk = |only| {
            Claim::new(
                routes::page_file(&routes::kiosk(only)),
                Owner::Camnang("/kiosk/"),
            )
        };
        out.push(kiosk(None));
        out.extend(site.categories.iter().map(|c| kiosk(Some(c))));
        let links = site.short_links();
        for lv in cx.templates.languages() {
            let page = |rel: &str| routes::page_file(&format!("{}{rel}", lv.prefix));
            out.push(Claim::new(page(""), Owner::Camnang("/")));
            for c in &site.categories {
                out.push(Claim::new(
                    page(&routes::category(c)),
                    Owner::Source(shown(site, &c.source)),
                ));
                for p in &c.procedures {
                    let source = p.in_lang(&lv.code).source.clone();
                    out.push(Claim::new(
                        page(&routes::procedure(p)),
                        Owner::Source(source),
                    ));
                }
            }
            for (id, _) in &links {
                out.push(Claim::new(
                    page(&routes::short("", id)),
                    Owner::Camnang("/q/<id>/"),
                ));
            }
        }
        let html = Html {
            site,
            tp: cx.templates,
        };
        for (id, code, _) in html.orphaned_short_links() {
            let path = routes::page_file(&routes::short(&format!("{code}/"), &id));
            out.push(Claim::new(path, Owner::Camnang("/q/<id>/")));
        }
        out
    }

    fn render(&self, cx: &Context<'_>, sink: &dyn Sink) -> Result<Vec<OutFile>, Diagnostics> {
        let html = Html {
            site: cx.site,
            tp: cx.templates,
        };
        let (pages, orphans) =
            rayon::join(|| html.render_pages(sink), || html.render_orphans(sink));
        let mut files = pages?;
        files.extend(orphans?);
        Ok(files)
    }

    fn touched(&self, cx: &Context<'_>, edit: &Edit<'_>) -> Result<Vec<OutFile>, Diagnostic> {
        let html = Html {
            site: cx.site,
            tp: cx.templates,
        };
        html.pages_of(edit.category, edit.procedure, edit.before)
    }
}

/// A path of the site folder as the clerk sees it (relative to it).
fn shown(site: &Site, path: &std::path::Path) -> std::path::PathBuf {
    path.strip_prefix(&site.root).unwrap_or(path).to_path_buf()
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

/// The pages of one render: the model and the templates.
struct Html<'a> {
    site: &'a Site,
    tp: &'a Templates<'a>,
}

impl Html<'_> {
    /// Renders every page of every language.
    fn render_pages(&self, sink: &dyn Sink) -> Result<Vec<OutFile>, Diagnostics> {
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
        for lv in self.tp.languages() {
            jobs.push(Job::Home(lv));
            for c in &self.site.categories {
                jobs.push(Job::Category(lv, c));
                jobs.extend(c.procedures.iter().map(|p| Job::Procedure(lv, c, p)));
            }
            shorts.extend(links.iter().map(|(id, l)| Job::Short(lv, id, l.clone())));
        }
        let jobs = interleave(jobs, shorts);
        let results: Vec<Result<OutFile, Diagnostic>> = jobs
            .par_iter()
            // small pieces, so that a thread done with its own output
            // takes pages from the other to the end
            .with_max_len(crate::alloc::PIECE)
            .map(|job| {
                let r = match job {
                    Job::Home(lv) => self.home(lv),
                    Job::NotFound => self.not_found(),
                    Job::Kiosk(c) => self.kiosk(*c),
                    Job::Category(lv, c) => self.category(lv, c),
                    Job::Procedure(lv, c, p) => self.procedure(lv, c, p),
                    Job::Short(lv, id, l) => self.short_link_page(lv, id, l),
                };
                r.and_then(|f| sink.take(f))
            })
            .collect();
        gather(results)
    }

    /// The short links of languages the site no longer has.
    fn render_orphans(&self, sink: &dyn Sink) -> Result<Vec<OutFile>, Diagnostics> {
        let mut made = Vec::new();
        for (id, code, target) in self.orphaned_short_links() {
            made.push(self.tp.page(
                self.tp.default_lang(),
                "redirect.html",
                routes::page_file(&routes::short(&format!("{code}/"), &id)),
                Some(self.tp.absolute(&target)),
                vec![
                    ("target", json!(self.tp.url(&target))),
                    ("title", json!(id)),
                ],
            ));
        }
        gather(made.into_iter().map(|r| r.and_then(|f| sink.take(f))))
    }

    /// The pages that change when procedure `p` of category `c` was
    /// `before` and its title and id stayed the same: its own pages in
    /// every language; its category's if the summary changed (the
    /// category lists summaries); the kiosk screens if the first steps
    /// changed, or whether it can be done online (the slide says so). The
    /// home pages list only titles, so they stay.
    fn pages_of(
        &self,
        c: &Category,
        p: &Procedure,
        before: &Procedure,
    ) -> Result<Vec<OutFile>, Diagnostic> {
        let mut files = Vec::new();
        let first_steps = |q: &Procedure| q.steps.iter().take(3).cloned().collect::<Vec<_>>();
        if first_steps(p) != first_steps(before) || p.online.is_some() != before.online.is_some() {
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
        for lv in self.tp.languages() {
            if p.summary != before.summary {
                files.push(self.category(lv, c)?);
            }
            files.push(self.procedure(lv, c, p)?);
        }
        Ok(files)
    }

    /// The short link of procedure `id` for a language.
    fn short_link(&self, lv: &LangView, id: &str) -> String {
        routes::short_link(&self.tp.absolute(&lv.prefix), id)
    }

    fn home(&self, lv: &LangView) -> Result<OutFile, Diagnostic> {
        let cats: Vec<CategoryView> = self
            .site
            .categories
            .iter()
            .map(|c| CategoryView::new(self.tp, lv, c, false))
            .collect();
        let search = SearchBox {
            index: self
                .tp
                .url(&format!("{}{}", lv.prefix, routes::SEARCH_INDEX)),
            script: self.tp.url(routes::SEARCH_SCRIPT),
            synonyms: &self.site.config.synonyms,
        };
        self.tp.page(
            lv,
            "index.html",
            routes::page_file(&lv.prefix),
            Some(self.tp.absolute(&lv.prefix)),
            vec![
                ("categories", value(cats)),
                ("search", value(search)),
                ("alternates", value(alternates(self.tp, "", |_| true))),
            ],
        )
    }

    fn not_found(&self) -> Result<OutFile, Diagnostic> {
        let lv = self.tp.default_lang();
        self.tp.page(
            lv,
            "404.html",
            routes::NOT_FOUND.into(),
            Some(self.tp.absolute(routes::NOT_FOUND)),
            vec![("noindex", json!(true))],
        )
    }

    fn category(&self, lv: &LangView, c: &Category) -> Result<OutFile, Diagnostic> {
        let rel = routes::category(c);
        let translated = lv.prefix.is_empty() || c.translations.contains_key(&lv.code);
        let canonical = if translated {
            self.tp.absolute(&format!("{}{rel}", lv.prefix))
        } else {
            self.tp.absolute(&rel)
        };
        self.tp.page(
            lv,
            "category.html",
            routes::page_file(&format!("{}{rel}", lv.prefix)),
            Some(canonical),
            vec![
                ("category", value(CategoryView::new(self.tp, lv, c, true))),
                (
                    "alternates",
                    value(alternates(self.tp, &rel, |code| {
                        c.translations.contains_key(code)
                    })),
                ),
                ("noindex", json!(!translated)),
            ],
        )
    }

    fn procedure(&self, lv: &LangView, c: &Category, p: &Procedure) -> Result<OutFile, Diagnostic> {
        let rel = routes::procedure(p);
        let shown = p.in_lang(&lv.code);
        let fallback = !lv.prefix.is_empty() && shown.lang.is_none();
        let content_lang = if fallback {
            self.tp.default_lang().code.clone()
        } else {
            lv.code.clone()
        };
        let canonical = if fallback {
            self.tp.absolute(&rel)
        } else {
            self.tp.absolute(&format!("{}{rel}", lv.prefix))
        };
        self.tp.page(
            lv,
            "procedure.html",
            routes::page_file(&format!("{}{rel}", lv.prefix)),
            Some(canonical),
            vec![
                (
                    "category",
                    value(CategoryLink {
                        title: c.title_in(&lv.code),
                        url: self
                            .tp
                            .url(&format!("{}{}", lv.prefix, routes::category(c))),
                    }),
                ),
                ("p", value(ProcedurePage::new(self.tp, lv, shown))),
                ("fallback", json!(fallback)),
                ("content_lang", json!(content_lang)),
                ("noindex", json!(fallback)),
                (
                    "alternates",
                    value(alternates(self.tp, &rel, |code| {
                        p.translations.contains_key(code)
                    })),
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
        let path = routes::page_file(&routes::short(&lv.prefix, id));
        match link {
            ShortLink::Procedure(_, p) => {
                let rel = format!("{}{}", lv.prefix, routes::procedure(p));
                self.tp.page(
                    lv,
                    "redirect.html",
                    path,
                    Some(self.tp.absolute(&rel)),
                    vec![
                        ("target", json!(self.tp.url(&rel))),
                        ("title", json!(p.in_lang(&lv.code).title)),
                    ],
                )
            }
            ShortLink::Retired(_, LockEntry { title, retired, .. }) => self.tp.page(
                lv,
                "retired.html",
                path,
                Some(self.tp.absolute(&routes::short(&lv.prefix, id))),
                vec![
                    ("title", json!(title)),
                    ("message", json!(retired.as_ref().map(|r| r.message()))),
                    ("noindex", json!(true)),
                ],
            ),
        }
    }

    /// `kiosk/index.html` (every procedure, or the first [`KIOSK_MAX`])
    /// and `kiosk/<category>/index.html`: the slideshow for the screen at
    /// the counter. `None` is the whole site.
    fn kiosk(&self, only: Option<&Category>) -> Result<OutFile, Diagnostic> {
        let lv = self.tp.default_lang();
        let cfg = &self.site.config;
        // the codes are the pages' own SVG files: every slide's is loaded
        // with the screen (they are not lazy), so it runs on without signal
        let slides: Vec<Slide> = self
            .site
            .procedures()
            .filter(|(c, _)| only.is_none_or(|o| o.slug == c.slug))
            .take(KIOSK_MAX)
            .map(|(c, p)| Slide {
                title: &p.title,
                category: &c.slug,
                category_title: &c.title,
                steps: &p.steps[..p.steps.len().min(3)],
                qr: self.tp.url(&routes::qr_svg(&lv.prefix, &p.id)),
                link: routes::typed_link(&self.short_link(lv, &p.id)),
                online: p.online.is_some(),
            })
            .collect();
        let rel = routes::kiosk(only);
        self.tp.page(
            lv,
            "kiosk.html",
            routes::page_file(&rel),
            Some(self.tp.absolute(&rel)),
            vec![
                ("slides", value(slides)),
                ("seconds", json!(cfg.kiosk_seconds)),
                ("kiosk_root", json!(self.tp.url(&routes::kiosk(None)))),
                (
                    "categories",
                    json!(
                        self.site
                            .categories
                            .iter()
                            .map(|c| c.slug.as_str())
                            .collect::<Vec<_>>()
                    ),
                ),
                ("noindex", json!(true)),
            ],
        )
    }

    /// Short links in a language the site no longer has, printed before
    /// (the lock's `languages`): they must keep working, so they lead to
    /// the page in the site's language. (id, language, target path)
    fn orphaned_short_links(&self) -> Vec<(String, String, String)> {
        // (a language gone as a folder of its own: no translation is in it
        // any more, or it became the site's own, whose pages are at the
        // root: `language: en` after years of posters under /en/q/)
        let prefixed = |c: &String| self.site.languages.iter().skip(1).any(|l| l == c);
        let gone = |e: &LockEntry| e.languages.iter().any(|c| !prefixed(c));
        let mut out = Vec::new();
        // usually none: then the short links need not be listed again
        if !self.site.qr_lock.entries.values().any(gone) {
            return out;
        }
        for (id, link) in self.site.short_links() {
            let Some(entry) = self.site.qr_lock.entries.get(id) else {
                continue;
            };
            let target = match &link {
                ShortLink::Procedure(_, p) => routes::procedure(p),
                ShortLink::Retired(..) => routes::short("", id),
            };
            for code in &entry.languages {
                if !prefixed(code) {
                    out.push((id.to_string(), code.clone(), target.clone()));
                }
            }
        }
        out
    }
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
}
