//! Files made from the whole site: `sitemap.xml`, `robots.txt`, the
//! service worker `sw.js`, and the files of `content/static/` and
//! `content/files/`, copied as they are.

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Site, routes};
use crate::output::templates::Templates;
use crate::output::{Claim, Content, Context, Edit, OutFile, Output, Owner, Sink, gather};
use crate::text::escape_html;
use serde_json::json;

/// Sitemap, robots.txt and service worker.
#[derive(Default)]
pub(crate) struct SiteFiles;

impl Output for SiteFiles {
    fn claims(&self, _: &Context<'_>) -> Vec<Claim> {
        [routes::SITEMAP, routes::ROBOTS, routes::SERVICE_WORKER]
            .iter()
            .map(|p| {
                Claim::new(
                    p.to_string(),
                    Owner::Camnang("/sitemap.xml, /robots.txt, /sw.js"),
                )
            })
            .collect()
    }

    fn render(&self, cx: &Context<'_>, sink: &dyn Sink) -> Result<Vec<OutFile>, Diagnostics> {
        let f = Files {
            site: cx.site,
            tp: cx.templates,
        };
        let made = [f.sitemap(), Ok(f.robots()), f.service_worker()];
        gather(made.into_iter().map(|r| r.and_then(|f| sink.take(f))))
    }

    /// The sitemap, if the procedure's date changed.
    fn touched(&self, cx: &Context<'_>, edit: &Edit<'_>) -> Result<Vec<OutFile>, Diagnostic> {
        let f = Files {
            site: cx.site,
            tp: cx.templates,
        };
        match edit.procedure.updated != edit.before.updated {
            true => Ok(vec![f.sitemap()?]),
            false => Ok(Vec::new()),
        }
    }
}

/// The files of `content/static/` and `content/files/`, copied as they are.
#[derive(Default)]
pub(crate) struct Copies;

impl Output for Copies {
    fn claims(&self, cx: &Context<'_>) -> Vec<Claim> {
        let root = &cx.site.root;
        cx.site
            .static_files
            .iter()
            .map(|s| {
                let shown = s.source.strip_prefix(root).unwrap_or(&s.source);
                Claim::new(s.target.clone(), Owner::Source(shown.to_path_buf()))
            })
            .collect()
    }

    fn render(&self, cx: &Context<'_>, sink: &dyn Sink) -> Result<Vec<OutFile>, Diagnostics> {
        gather(cx.site.static_files.iter().map(|s| {
            sink.take(OutFile {
                path: s.target.clone(),
                content: Content::Copy(s.source.clone()),
                key: None,
            })
        }))
    }

    fn touched(&self, _: &Context<'_>, _: &Edit<'_>) -> Result<Vec<OutFile>, Diagnostic> {
        Ok(Vec::new())
    }
}

struct Files<'a> {
    site: &'a Site,
    tp: &'a Templates<'a>,
}

impl Files<'_> {
    /// `sw.js`: keeps the pages a resident opened, and the home page, so
    /// they open again without signal. Network first, so a page is never
    /// older than the last visit with signal.
    fn service_worker(&self) -> Result<OutFile, Diagnostic> {
        let lv = self.tp.default_lang();
        let homes: Vec<String> = self
            .tp
            .languages()
            .iter()
            .map(|l| self.tp.url(&l.prefix))
            .collect();
        self.tp.page(
            lv,
            routes::SERVICE_WORKER,
            routes::SERVICE_WORKER.into(),
            None,
            vec![
                ("root", json!(self.site.config.base_path)),
                ("homes", json!(homes)),
            ],
        )
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
        for l in self.tp.languages() {
            url(self.tp.absolute(&l.prefix), None);
        }
        for c in &self.site.categories {
            let newest = c.procedures.iter().map(|p| p.updated).max();
            for l in self.tp.languages() {
                if l.prefix.is_empty() || c.translations.contains_key(&l.code) {
                    let loc = self
                        .tp
                        .absolute(&format!("{}{}", l.prefix, routes::category(c)));
                    url(loc, newest.map(|d| d.iso()));
                }
            }
            for p in &c.procedures {
                for l in self.tp.languages() {
                    let shown = match l.prefix.is_empty() {
                        true => p,
                        false => match p.translations.get(&l.code) {
                            Some(t) => t,
                            None => continue,
                        },
                    };
                    let loc = self
                        .tp
                        .absolute(&format!("{}{}", l.prefix, routes::procedure(p)));
                    url(loc, Some(shown.updated.iso()));
                }
            }
        }
        out.push_str("</urlset>\n");
        Ok(OutFile::bytes(routes::SITEMAP.into(), out.into_bytes()))
    }

    fn robots(&self) -> OutFile {
        let body = format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            self.tp.absolute(routes::SITEMAP)
        );
        OutFile::bytes(routes::ROBOTS.into(), body.into_bytes())
    }
}
