//! The JSON export of the guides, for other tools to reuse (a province
//! portal, a Zalo mini app, a chatbot): `api/procedures.json` with every
//! procedure and `api/<id>.json` with one, in every language of the site
//! (`en/api/…` for English). A procedure with no translation appears in
//! the other languages in the site's language, with `"translated":
//! false`. The fields are those of [`ProcedureView`]; their names are a
//! contract for those tools: add fields, never rename one.

use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Category, Choice, Procedure, Site, routes};
use crate::output::templates::LangView;
use crate::output::{Claim, Content, Context, Edit, OutFile, Output, Owner, Sink, gather};

/// The JSON export output. In `camnang serve` it keeps each language's
/// procedure files, so that after an edit only the edited procedure is
/// written out again and `api/procedures.json` is joined from the rest.
#[derive(Default)]
pub(crate) struct Export {
    /// With [`Context::incremental`]: the bytes of every `api/<id>.json`
    /// of each language, in site order (shared with the files made).
    ones: Mutex<Vec<Kept>>,
}

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
        // (an untranslated procedure's page and code are the site
        // language's: its short link in this language opened a fallback
        // page, while `url` named the page itself)
        short_link: routes::short_link(
            &routes::absolute(&cfg.base_url, if translated { &lv.prefix } else { "" }),
            &p.id,
        ),
        url: routes::absolute(&cfg.base_url, &page),
        lang: match translated {
            true => &lv.code,
            false => &cfg.language,
        },
        translated,
        draft: &shown.draft,
    }
}

/// The bytes of one language's procedure files, in site order.
type Kept = Vec<Arc<Vec<u8>>>;

/// The bytes of a file made here (every file of the export is).
fn bytes_of(f: &OutFile) -> Option<Arc<Vec<u8>>> {
    match &f.content {
        Content::Bytes(b) => Some(b.clone()),
        _ => None,
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
        // (room for a short procedure at once; JSON started at 128 bytes)
        let mut bytes = Vec::with_capacity(2048);
        serde_json::to_writer(&mut bytes, &view(cx.site, lv, c, p))
            .map_err(|e| json_error(&path, e))?;
        bytes.push(b'\n');
        Ok(OutFile::bytes(path, bytes))
    }

    /// `api/procedures.json`, from the files of every procedure (each
    /// procedure is serialised once, for both files).
    fn all(&self, cx: &Context<'_>, lv: &LangView, ones: &[&[u8]]) -> Result<OutFile, Diagnostic> {
        // (the site's words in this file's language, `site.en.yaml`)
        let cfg = cx.site.config.in_lang(&lv.code);
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
        let made: Vec<(Kept, Vec<Result<OutFile, Diagnostic>>)> = cx
            .templates
            .languages()
            .par_iter()
            .map(|lv| match self.language(cx, lv) {
                Ok(mut files) => {
                    // (the file of all comes last)
                    let all = files.pop();
                    let kept = match cx.incremental {
                        true => files.iter().filter_map(bytes_of).collect(),
                        false => Vec::new(),
                    };
                    // the files of a language are written by every thread
                    let written = files
                        .into_par_iter()
                        .chain(all)
                        .with_max_len(crate::alloc::PIECE)
                        .map(|f| sink.take(f))
                        .collect();
                    (kept, written)
                }
                Err(d) => (Vec::new(), vec![Err(d)]),
            })
            .collect();
        let (kept, made): (Vec<_>, Vec<_>) = made.into_iter().unzip();
        if cx.incremental {
            *self.ones.lock().unwrap_or_else(|e| e.into_inner()) = kept;
        }
        gather(made.into_iter().flatten())
    }

    /// The edited procedure's file and the file of all, in every language:
    /// the file of all joined from the files kept by the last render with
    /// the edited one in its place, or made again from the model when
    /// none were kept.
    fn touched(&self, cx: &Context<'_>, edit: &Edit<'_>) -> Result<Vec<OutFile>, Diagnostic> {
        let count = cx.site.procedures().count();
        let mut kept = self.ones.lock().unwrap_or_else(|e| e.into_inner());
        let mut files = Vec::new();
        for (i, lv) in cx.templates.languages().iter().enumerate() {
            let one = self.one(cx, lv, edit.category, edit.procedure)?;
            let ones = kept
                .get_mut(i)
                .filter(|ones| ones.len() == count && edit.position < count);
            match (ones, bytes_of(&one)) {
                (Some(ones), Some(bytes)) => {
                    ones[edit.position] = bytes;
                    let joined: Vec<&[u8]> = ones.iter().map(|b| b.as_slice()).collect();
                    files.push(self.all(cx, lv, &joined)?);
                }
                _ => {
                    let all = routes::api_all(&lv.prefix);
                    files.extend(self.language(cx, lv)?.into_iter().filter(|f| f.path == all));
                }
            }
            files.push(one);
        }
        Ok(files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;
    use crate::output::print::test_sites;
    use crate::output::templates::Templates;
    use crate::output::{Keep, PrintMode};
    use crate::theme::Theme;

    /// Every file of the export of `site`, by path.
    fn made(site: &Site, theme: &Theme, export: &Export) -> Vec<(String, Vec<u8>)> {
        let langs = Language::all(site, theme);
        let tp = Templates::new(site, theme, &langs, false, None, None).expect("templates");
        let cx = Context {
            site,
            theme,
            templates: &tp,
            print: PrintMode::Listing,
            reuse: None,
            prior: None,
            incremental: true,
        };
        let mut files: Vec<(String, Vec<u8>)> = export
            .render(&cx, &Keep)
            .expect("render")
            .into_iter()
            .filter_map(|f| Some((f.path.clone(), bytes_of(&f)?.to_vec())))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn an_edit_gives_the_files_a_whole_render_gives() {
        let theme = Theme::builtin();
        let site = test_sites::sample();
        let langs = Language::all(&site, &theme);
        assert!(langs.len() > 1, "the sample has translations");
        let kept = Export::default();
        made(&site, &theme, &kept);
        // an edit of the fourth procedure's summary and a fee, as serve
        // takes it: the model changed in place
        let mut edited = site.clone();
        let position = 3;
        let (ci, pi) = {
            let (c, p) = edited.procedures().nth(position).expect("four procedures");
            let ci = edited.categories.iter().position(|x| x.slug == c.slug);
            let pi = c.procedures.iter().position(|q| q.id == p.id);
            (ci.expect("category"), pi.expect("procedure"))
        };
        let before = edited.categories[ci].procedures[pi].clone();
        {
            let p = &mut edited.categories[ci].procedures[pi];
            p.summary = "Tóm tắt mới, có \"ngoặc kép\" và <thẻ>.".into();
            if let Some(ch) = p.channels.first_mut() {
                ch.fee = Some("99.000 đồng".into());
            }
        }
        let whole = made(&edited, &theme, &Export::default());
        let tp = Templates::new(&edited, &theme, &langs, false, None, None).expect("templates");
        let cx = Context {
            site: &edited,
            theme: &theme,
            templates: &tp,
            print: PrintMode::Listing,
            reuse: None,
            prior: None,
            incremental: true,
        };
        let category = &edited.categories[ci];
        let edit = Edit {
            category,
            procedure: &category.procedures[pi],
            before: &before,
            position,
        };
        // with the files of the last render kept, and with none (a fresh
        // output, as after a render that kept nothing)
        for export in [&kept, &Export::default()] {
            let touched = export.touched(&cx, &edit).expect("touched");
            assert_eq!(touched.len(), 2 * langs.len());
            for f in &touched {
                let expected = whole
                    .iter()
                    .find(|(p, _)| *p == f.path)
                    .expect("a file of the export");
                let got = bytes_of(f).expect("bytes");
                assert!(
                    got.as_slice() == expected.1.as_slice(),
                    "{} differs",
                    f.path
                );
            }
            let paths: Vec<&str> = touched.iter().map(|f| f.path.as_str()).collect();
            let id = &edit.procedure.id;
            assert!(
                paths.contains(&format!("api/{id}.json").as_str()),
                "{paths:?}"
            );
            assert!(paths.contains(&"api/procedures.json"), "{paths:?}");
        }
        // the kept file of all now holds the edit
        let all = whole
            .iter()
            .find(|(p, _)| p == "api/procedures.json")
            .expect("all");
        let text = String::from_utf8_lossy(&all.1);
        assert!(
            text.contains("Tóm tắt mới"),
            "the edit is in api/procedures.json"
        );
    }
}
