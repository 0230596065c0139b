//! QR codes for the web pages: `q/<id>/qr.svg` for every procedure (and
//! `en/q/<id>/qr.svg` for every other language), each encoding the
//! procedure's short link.

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Site, routes};
use crate::output::{
    Claim, Content, Context, Edit, OutFile, Output, Owner, PrintMode, Sink, gather,
};
use crate::qr;

/// The QR code files.
#[derive(Default)]
pub(crate) struct Codes;

/// (language prefix, procedure id) of every code.
fn jobs(site: &Site) -> Vec<(String, &str)> {
    let mut jobs = Vec::new();
    for (i, code) in site.languages.iter().enumerate() {
        let prefix = routes::lang_prefix(i, code);
        jobs.extend(
            site.procedures()
                .map(|(_, p)| (prefix.clone(), p.id.as_str())),
        );
    }
    jobs
}

impl Output for Codes {
    fn claims(&self, cx: &Context<'_>) -> Vec<Claim> {
        jobs(cx.site)
            .into_iter()
            .map(|(prefix, id)| {
                Claim::new(
                    routes::qr_svg(&prefix, id),
                    Owner::Camnang("/q/<id>/qr.svg"),
                )
            })
            .collect()
    }

    fn render(&self, cx: &Context<'_>, sink: &dyn Sink) -> Result<Vec<OutFile>, Diagnostics> {
        let cfg = &cx.site.config;
        let ec = cfg.print.qr_error_correction.qr();
        // the code of a link is the same as long as camnang and the level
        // are: the key is theirs and the link's
        let keyed = {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(crate::output::SOURCE_ID.as_bytes());
            h.update(format!("\0{ec:?}\0").as_bytes());
            h
        };
        let made: Vec<Result<OutFile, Diagnostic>> = jobs(cx.site)
            .par_iter()
            .with_max_len(crate::alloc::PIECE)
            .filter_map(|(prefix, id)| {
                let link = routes::short_link(&routes::absolute(&cfg.base_url, prefix), id);
                let path = routes::qr_svg(prefix, id);
                let key = cx.prior.map(|_| {
                    let mut h = keyed.clone();
                    h.update(link.as_bytes());
                    h.digest()
                });
                if let (Some(prior), Some(k)) = (cx.prior, key)
                    && let Some(published) = prior.get(&path, k)
                {
                    let content = Content::Cached(published);
                    return Some(sink.take(OutFile { path, content, key }));
                }
                // the symbol is kept for the print files (and for serve's
                // next render) only where some may be drawn
                let svg = match cx.print {
                    PrintMode::None => qr::Qr::encode(&link, ec)?.svg(&link),
                    _ => qr::cached(&link, ec)?.svg(&link),
                };
                let mut file = OutFile::bytes(path, svg.into_bytes());
                file.key = key;
                Some(sink.take(file))
            })
            .collect();
        gather(made)
    }

    /// An edit that keeps the id keeps the code.
    fn touched(&self, _: &Context<'_>, _: &Edit<'_>) -> Result<Vec<OutFile>, Diagnostic> {
        Ok(Vec::new())
    }
}
