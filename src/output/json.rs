//! The JSON export of the guides, for other tools to reuse (a province
//! portal, a Zalo mini app, a chatbot): `api/procedures.json` with every
//! procedure and `api/<id>.json` with one, in every language of the site
//! (`en/api/…` for English). A procedure with no translation appears in
//! the other languages in the site's language, with `"translated":
//! false`. The fields are those of [`ProcedureView`]; their names are a
//! contract for those tools: add fields, never rename one.

use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Category, Choice, Procedure, Site, routes};
use crate::output::templates::LangView;
use crate::output::{Claim, Content, Context, Edit, OutFile, Output, Owner, Sink, gather};

/// The JSON export output.
#[derive(Default)]
pub(crate) struct Export;

/// The start of `api/procedures.json`; `procedures` follows.
#[derive(Serialize)]
struct Head<'a> {
    /// Which site this is.
    site: SiteView<'a>,
    /// The language of this file.
    lang: &'a str,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    commune: &'a str,
    province: Option<&'a str>,
    base_url: &'a str,
}

/// One procedure as other tools see it.
#[derive(Serialize)]
pub(crate) struct ProcedureView<'a> {
    /// The stable short id (the QR code's).
    id: &'a str,
    title: &'a str,
    /// The code on the national portal (mã thủ tục).
    code: Option<&'a str>,
    category: CategoryView<'a>,
    summary: &'a str,
    agency: &'a str,
    audience: Option<&'a str>,
    /// One entry per way of submitting.
    channels: Vec<ChannelView<'a>>,
    /// Every document, groups flattened.
    documents: &'a [String],
    /// The documents as the portal groups them (by case); a group without
    /// a title holds documents listed without one.
    document_groups: Vec<GroupView<'a>>,
    result: Option<&'a str>,
    /// The legal basis.
    legal: &'a [String],
    online: Option<OnlineView<'a>>,
    /// The steps, as plain text.
    steps: &'a [String],
    /// The date the guide was last checked (YYYY-MM-DD).
    updated: String,
    /// The address printed in the QR code.
    short_link: String,
    /// The page's full address.
    url: String,
    /// The language the texts are in.
    lang: &'a str,
    /// Whether the texts are in the file's language (false: a
    /// procedure with no translation, in the site's language).
    translated: bool,
    /// Fields a clerk has still to check (imported from the portal and
    /// unclear there): treat them as unconfirmed.
    draft: &'a [String],
}

#[derive(Serialize)]
struct GroupView<'a> {
    title: Option<&'a str>,
    items: &'a [String],
}

#[derive(Serialize)]
struct CategoryView<'a> {
    slug: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct ChannelView<'a> {
    /// `truc-tuyen`, `truc-tiep` or `buu-chinh`.
    way: &'a str,
    /// The way in words, in the file's language.
    label: String,
    time: Option<&'a str>,
    fee: Option<&'a str>,
}

#[derive(Serialize)]
struct OnlineView<'a> {
    url: &'a str,
    /// `toan-trinh` (fully online) or `mot-phan` (partly).
    level: Option<&'a str>,
    apps: Vec<&'static str>,
}

fn view<'a>(
    site: &'a Site,
    lv: &'a LangView,
    c: &'a Category,
    p: &'a Procedure,
) -> ProcedureView<'a> {
    let shown = p.in_lang(&lv.code);
    let cfg = &site.config;
    let translated = lv.is_site_language() || shown.lang.is_some();
    let page = match translated {
        true => format!("{}{}", lv.prefix, routes::procedure(p)),
        false => routes::procedure(p),
    };
    ProcedureView {
        id: &p.id,
        title: &shown.title,
        code: p.code.as_deref(),
        category: CategoryView {
            slug: &c.slug,
            title: c.title_in(&lv.code),
        },
        summary: &shown.summary,
        agency: &shown.agency,
        audience: shown.audience.as_deref(),
        channels: shown
            .channels
            .iter()
            .map(|ch| ChannelView {
                way: ch.way.key(),
                label: lv.label(&format!("way_{}", ch.way)),
                time: ch.time.as_deref(),
                fee: ch.fee.as_deref(),
            })
            .collect(),
        documents: &shown.documents,
        document_groups: shown
            .document_groups
            .iter()
            .map(|g| GroupView {
                title: g.title.as_deref(),
                items: &g.items,
            })
            .collect(),
        result: shown.result.as_deref(),
        legal: &shown.legal,
        online: shown.online.as_ref().map(|o| OnlineView {
            url: &o.url,
            level: o.level.map(Choice::key),
            apps: o.apps.iter().map(|a| a.key()).collect(),
        }),
        steps: &shown.steps,
        updated: shown.updated.iso(),
        short_link: routes::short_link(&routes::absolute(&cfg.base_url, &lv.prefix), &p.id),
        url: routes::absolute(&cfg.base_url, &page),
        lang: match translated {
            true => &lv.code,
            false => &cfg.language,
        },
        translated,
        draft: &shown.draft,
    }
}

fn json_error(path: &str, e: serde_json::Error) -> Diagnostic {
    Diagnostic::error(crate::messages::Msg::WriteFailed {
        detail: format!("{path}: {e}"),
    })
}

impl Export {
    /// `api/<id>.json`: one procedure, compact JSON and a final newline.
    fn one(
        &self,
        cx: &Context<'_>,
        lv: &LangView,
        c: &Category,
        p: &Procedure,
    ) -> Result<OutFile, Diagnostic> {
        let path = routes::api_one(&lv.prefix, &p.id);
        let mut bytes =
            serde_json::to_vec(&view(cx.site, lv, c, p)).map_err(|e| json_error(&path, e))?;
        bytes.push(b'\n');
        Ok(OutFile::bytes(path, bytes))
    }

    /// `api/procedures.json`, from the files of every procedure (each
    /// procedure is serialised once, for both files).
    fn all(&self, cx: &Context<'_>, lv: &LangView, ones: &[&[u8]]) -> Result<OutFile, Diagnostic> {
        let cfg = &cx.site.config;
        let path = routes::api_all(&lv.prefix);
        let head = Head {
            site: SiteView {
                title: &cfg.title,
                commune: &cfg.commune,
                province: cfg.province.as_deref(),
                base_url: &cfg.base_url,
            },
            lang: &lv.code,
        };
        let mut bytes = serde_json::to_vec(&head).map_err(|e| json_error(&path, e))?;
        // (the whole file at once: 19 MB at 10,000 procedures)
        bytes.reserve(ones.iter().map(|one| one.len() + 1).sum::<usize>() + 20);
        // `{"site":…,"lang":"vi"}` → `{"site":…,"lang":"vi","procedures":[…]}`
        bytes.pop();
        bytes.extend_from_slice(b",\"procedures\":[");
        for (i, one) in ones.iter().enumerate() {
            if i > 0 {
                bytes.push(b',');
            }
            bytes.extend_from_slice(one.strip_suffix(b"\n").unwrap_or(one));
        }
        bytes.extend_from_slice(b"]}\n");
        Ok(OutFile::bytes(path, bytes))
    }

    /// Every file of one language.
    fn language(&self, cx: &Context<'_>, lv: &LangView) -> Result<Vec<OutFile>, Diagnostic> {
        let all: Vec<(&Category, &Procedure)> = cx.site.procedures().collect();
        let mut files = all
            .par_iter()
            .with_max_len(crate::alloc::PIECE)
            .map(|(c, p)| self.one(cx, lv, c, p))
            .collect::<Result<Vec<_>, _>>()?;
        let ones: Vec<&[u8]> = files
            .iter()
            .map(|f| match &f.content {
                Content::Bytes(b) => b.as_slice(),
                _ => &[],
            })
            .collect();
        let index = self.all(cx, lv, &ones)?;
        files.push(index);
        Ok(files)
    }
}

impl Output for Export {
    fn claims(&self, cx: &Context<'_>) -> Vec<Claim> {
        let mut out = Vec::new();
        for lv in cx.templates.languages() {
            out.push(Claim::new(
                routes::api_all(&lv.prefix),
                Owner::Camnang("/api/"),
            ));
            for (_, p) in cx.site.procedures() {
                out.push(Claim::new(
                    routes::api_one(&lv.prefix, &p.id),
                    Owner::Camnang("/api/"),
                ));
            }
        }
        out
    }

    fn render(&self, cx: &Context<'_>, sink: &dyn Sink) -> Result<Vec<OutFile>, Diagnostics> {
        let made: Vec<Result<OutFile, Diagnostic>> = cx
            .templates
            .languages()
            .par_iter()
            .flat_map(|lv| match self.language(cx, lv) {
                // the files of a language are written by every thread
                Ok(files) => files
                    .into_par_iter()
                    .with_max_len(crate::alloc::PIECE)
                    .map(|f| sink.take(f))
                    .collect(),
                Err(d) => vec![Err(d)],
            })
            .collect();
        gather(made)
    }

    /// The edited procedure's file and the file of all, in every language.
    fn touched(&self, cx: &Context<'_>, edit: &Edit<'_>) -> Result<Vec<OutFile>, Diagnostic> {
        let mut files = Vec::new();
        for lv in cx.templates.languages() {
            let changed = [
                routes::api_one(&lv.prefix, &edit.procedure.id),
                routes::api_all(&lv.prefix),
            ];
            files.extend(
                self.language(cx, lv)?
                    .into_iter()
                    .filter(|f| changed.contains(&f.path)),
            );
        }
        Ok(files)
    }
}
