//! QR codes for the web pages: `q/<id>/qr.svg` for every procedure (and
//! `en/q/<id>/qr.svg` for every other language), each encoding the
//! procedure's short link.

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Site, routes};
use crate::output::{Claim, Context, Edit, OutFile, Output, Owner, Sink, gather};
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
        let made: Vec<Result<OutFile, Diagnostic>> = jobs(cx.site)
            .par_iter()
            .filter_map(|(prefix, id)| {
                let link = routes::short_link(&routes::absolute(&cfg.base_url, prefix), id);
                let code = qr::cached(&link, cfg.print.qr_error_correction.qr())?;
                Some(sink.take(OutFile::bytes(
                    routes::qr_svg(prefix, id),
                    code.svg(&link).into_bytes(),
                )))
            })
            .collect();
        gather(made)
    }

    /// An edit that keeps the id keeps the code.
    fn touched(&self, _: &Context<'_>, _: &Edit<'_>) -> Result<Vec<OutFile>, Diagnostic> {
        Ok(Vec::new())
    }
}
