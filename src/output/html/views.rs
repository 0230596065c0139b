//! What the page templates see: typed views of the model, one struct per
//! object a template reads (`p` on a procedure page, `category`, the
//! `alternates`), made from the model and the page's language. Their
//! field names are what a theme's templates may use (see the README's
//! "Themes"): add fields, never rename one.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::model::{Category, DocumentGroup, Online, PortalSource, Procedure, Way, routes};
use crate::output::templates::{LangView, Templates};
use crate::text::Date;

/// Any view as the value a page's context holds.
pub(super) fn value(view: impl Serialize) -> Value {
    // the views hold text, numbers, booleans, lists and maps with text
    // keys only, which serde_json always takes
    serde_json::to_value(view).unwrap_or(Value::Null)
}

/// `p` on a procedure page: every field of the procedure's file, and what
/// the page shows besides (addresses, labels in the page's language,
/// which facts are still to be checked).
#[derive(Serialize)]
pub(super) struct ProcedurePage<'a> {
    slug: &'a str,
    category: &'a str,
    title: &'a str,
    id: &'a str,
    code: Option<&'a str>,
    summary: &'a str,
    agency: &'a str,
    audience: Option<&'a str>,
    online: Option<&'a Online>,
    channels: Vec<ChannelRow<'a>>,
    documents: &'a [String],
    document_groups: Vec<GroupView<'a>>,
    result: Option<&'a str>,
    legal: &'a [String],
    updated: &'a Date,
    keywords: &'a [String],
    draft: &'a [String],
    portal: Option<&'a PortalSource>,
    body_html: &'a str,
    steps: &'a [String],
    /// The page's address.
    url: String,
    /// The short link without its scheme, as printed under a code.
    short_link_text: String,
    short_link: String,
    /// The address of the procedure's QR code (SVG).
    qr_svg: String,
    /// How far the procedure can be done online, in words.
    level_label: String,
    /// The host name the online link leads to.
    online_domain: Option<String>,
    app_labels: Vec<String>,
    /// Whether any group of documents has a title.
    grouped_documents: bool,
    /// Top-level fields still to be checked: `draft_of.agency` is true.
    draft_of: BTreeMap<&'a str, bool>,
    online_level_draft: bool,
    updated_dmy: String,
    updated_iso: String,
}

/// One way of submitting, as the fee table shows it.
#[derive(Serialize)]
struct ChannelRow<'a> {
    way: &'a Way,
    way_label: String,
    time: Option<&'a str>,
    fee: Option<&'a str>,
    time_draft: bool,
    fee_draft: bool,
}

/// One group of documents, with whether it is still to be checked.
#[derive(Serialize)]
struct GroupView<'a> {
    title: Option<&'a str>,
    items: &'a [String],
    draft: bool,
}

impl<'a> ProcedurePage<'a> {
    /// Procedure `p` (already in the page's language) for the pages of
    /// language `lv`.
    pub(super) fn new(tp: &Templates<'_>, lv: &LangView, p: &'a Procedure) -> ProcedurePage<'a> {
        let level_key = match p.online.as_ref().and_then(|o| o.level) {
            Some(l) => format!("level_{l}"),
            // an online link without a level: partly online
            None if p.online.is_some() => format!("level_{}", crate::model::Level::Partial),
            None => "level_none".into(),
        };
        let link = routes::short_link(&tp.absolute(&lv.prefix), &p.id);
        // (most procedures have no draft field: no names are made for them)
        let drafts = !p.draft.is_empty();
        let draft = |field: &str| p.draft.iter().any(|d| d == field);
        let channel_draft = |i: usize, part: &str| {
            drafts
                && (draft(&format!("channels[{i}].{part}"))
                    || draft(&format!("channels[{i}]"))
                    || draft("channels"))
        };
        ProcedurePage {
            slug: &p.slug,
            category: &p.category,
            title: &p.title,
            id: &p.id,
            code: p.code.as_deref(),
            summary: &p.summary,
            agency: &p.agency,
            audience: p.audience.as_deref(),
            online: p.online.as_ref(),
            channels: p
                .channels
                .iter()
                .enumerate()
                .map(|(i, c)| ChannelRow {
                    way: &c.way,
                    way_label: lv.label(&format!("way_{}", c.way)),
                    time: c.time.as_deref(),
                    fee: c.fee.as_deref(),
                    time_draft: channel_draft(i, "time"),
                    fee_draft: channel_draft(i, "fee"),
                })
                .collect(),
            documents: &p.documents,
            document_groups: p
                .document_groups
                .iter()
                .enumerate()
                .map(|(i, g): (usize, &'a DocumentGroup)| GroupView {
                    title: g.title.as_deref(),
                    items: &g.items,
                    draft: drafts && draft(&format!("documents[{i}]")),
                })
                .collect(),
            result: p.result.as_deref(),
            legal: &p.legal,
            updated: &p.updated,
            keywords: &p.keywords,
            draft: &p.draft,
            portal: p.portal.as_ref(),
            body_html: &p.body_html,
            steps: &p.steps,
            url: tp.url(&format!("{}{}", lv.prefix, routes::procedure(p))),
            short_link_text: link
                .split_once("://")
                .map_or(link.as_str(), |(_, rest)| rest)
                .to_string(),
            qr_svg: tp.url(&routes::qr_svg(&lv.prefix, &p.id)),
            short_link: link,
            level_label: lv.label(&level_key),
            online_domain: p.online.as_ref().and_then(|o| routes::domain(&o.url)),
            app_labels: p
                .online
                .iter()
                .flat_map(|o| o.apps.iter())
                .map(|a| lv.label(&format!("app_{a}")))
                .collect(),
            grouped_documents: p.document_groups.iter().any(|g| g.title.is_some()),
            draft_of: p
                .draft
                .iter()
                .filter(|d| !d.contains(['[', '.']))
                .map(|d| (d.as_str(), true))
                .collect(),
            online_level_draft: draft("online.level") || draft("online"),
            updated_dmy: p.updated.dmy(),
            updated_iso: p.updated.iso(),
        }
    }
}

/// `category` on a procedure page: the way back.
#[derive(Serialize)]
pub(super) struct CategoryLink<'a> {
    pub title: &'a str,
    pub url: String,
}

/// `category` on a category page, and each of `categories` on the home
/// page.
#[derive(Serialize)]
pub(super) struct CategoryView<'a> {
    slug: &'a str,
    title: String,
    summary: Option<String>,
    intro_html: String,
    /// Whether the category's words are in the page's language.
    translated: bool,
    url: String,
    procedures: Vec<ProcedureItem<'a>>,
}

/// A procedure in a category's list.
#[derive(Serialize)]
struct ProcedureItem<'a> {
    id: &'a str,
    title: &'a str,
    /// Only on the category page (the home page lists titles).
    summary: Option<&'a str>,
    translated: bool,
    url: String,
}

impl<'a> CategoryView<'a> {
    /// Category `c` in language `lv`; `summaries` adds each procedure's
    /// summary (the category page shows them, the home page does not).
    pub(super) fn new(
        tp: &Templates<'_>,
        lv: &LangView,
        c: &'a Category,
        summaries: bool,
    ) -> CategoryView<'a> {
        let text = c.text(&lv.code);
        CategoryView {
            slug: &c.slug,
            title: text.title,
            summary: text.summary,
            intro_html: text.intro_html,
            translated: lv.prefix.is_empty() || c.translations.contains_key(&lv.code),
            url: tp.url(&format!("{}{}", lv.prefix, routes::category(c))),
            procedures: c
                .procedures
                .iter()
                .map(|p| {
                    let shown = p.in_lang(&lv.code);
                    ProcedureItem {
                        id: &p.id,
                        title: &shown.title,
                        summary: summaries.then_some(shown.summary.as_str()),
                        translated: lv.prefix.is_empty() || p.translations.contains_key(&lv.code),
                        url: tp.url(&format!("{}{}", lv.prefix, routes::procedure(p))),
                    }
                })
                .collect(),
        }
    }
}

/// One of `alternates`: the same page in another language.
#[derive(Serialize)]
pub(super) struct Alternate {
    code: String,
    /// The language's name, in that language.
    name: String,
    url: String,
    abs: String,
}

/// Links to page `rel` in every language where it really is in that
/// language (fallback copies are left out).
pub(super) fn alternates(
    tp: &Templates<'_>,
    rel: &str,
    has: impl Fn(&str) -> bool,
) -> Vec<Alternate> {
    tp.languages()
        .iter()
        .filter(|l| l.prefix.is_empty() || has(&l.code))
        .map(|l| Alternate {
            code: l.code.clone(),
            name: l.label("lang_name"),
            url: tp.url(&format!("{}{rel}", l.prefix)),
            abs: tp.absolute(&format!("{}{rel}", l.prefix)),
        })
        .collect()
}

/// One of `slides` on a kiosk screen.
#[derive(Serialize)]
pub(super) struct Slide<'a> {
    pub title: &'a str,
    pub category: &'a str,
    pub category_title: &'a str,
    /// The first three steps.
    pub steps: &'a [String],
    /// The address of the procedure's QR code (SVG).
    pub qr: String,
    /// The short link as a resident would type it.
    pub link: String,
    /// Whether the procedure can be done online (the slide says so).
    pub online: bool,
}

/// `search` on the home page.
#[derive(Serialize)]
pub(super) struct SearchBox<'a> {
    /// The address of the language's search index.
    pub index: String,
    /// The address of the search script.
    pub script: String,
    /// `search.synonyms` of `site.yaml`: groups of words that mean the same.
    pub synonyms: &'a [Vec<String>],
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Language, PortalSource};
    use crate::output::print::test_sites;
    use crate::theme::Theme;

    #[test]
    fn p_holds_every_field_of_the_procedure_and_its_draft_marks() {
        let site = test_sites::sample();
        let theme = Theme::builtin();
        let langs = Language::all(&site, &theme);
        let tp = Templates::new(&site, &theme, &langs, false, None, None).expect("templates");
        let lv = tp.default_lang();
        let mut p = site
            .procedures()
            .map(|(_, p)| p.clone())
            .find(|p| p.online.is_some() && p.channels.len() > 1)
            .expect("a sample procedure done online in more than one way");
        p.draft = ["agency", "channels[1].fee", "documents[0]", "online.level"]
            .map(String::from)
            .to_vec();
        p.portal = Some(PortalSource {
            portal_id: "d3b0c1e2".into(),
            code: Some("1.000001".into()),
            portal_updated: None,
            imported: p.updated,
        });
        let view = value(ProcedurePage::new(&tp, lv, &p));
        // every field the procedure serialises (all of its file's) is in
        // `p`: a field added to the model reaches the templates
        let Value::Object(model) = serde_json::to_value(&p).expect("procedure") else {
            panic!("a procedure serialises as a map");
        };
        for (name, v) in &model {
            let shown = view.get(name);
            assert!(shown.is_some(), "p.{name} is missing");
            // the two lists the page shows with more than the model holds
            if name != "channels" && name != "document_groups" {
                assert_eq!(shown, Some(v), "p.{name}");
            }
        }
        assert_eq!(view["draft_of"], serde_json::json!({ "agency": true }));
        assert_eq!(view["online_level_draft"], true);
        let channels = view["channels"].as_array().expect("channels");
        assert_eq!(channels.len(), p.channels.len());
        assert_eq!(channels[0]["fee_draft"], false);
        assert_eq!(channels[1]["fee_draft"], true);
        assert_eq!(channels[1]["time_draft"], false);
        assert_eq!(channels[0]["way"], model["channels"][0]["way"]);
        assert_eq!(channels[0]["fee"], model["channels"][0]["fee"]);
        assert_eq!(view["document_groups"][0]["draft"], true);
        let link = view["short_link"].as_str().expect("short link");
        assert!(link.ends_with(&format!("/q/{}/", p.id)), "{link}");
        assert_eq!(
            view["short_link_text"].as_str(),
            link.split_once("://").map(|(_, rest)| rest)
        );
        // a procedure with no draft field marks nothing
        p.draft.clear();
        let clean = value(ProcedurePage::new(&tp, lv, &p));
        assert_eq!(clean["draft_of"], serde_json::json!({}));
        assert!(
            clean["channels"]
                .as_array()
                .expect("channels")
                .iter()
                .all(|c| { c["fee_draft"] == false && c["time_draft"] == false })
        );
    }
}
