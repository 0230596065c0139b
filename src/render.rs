//! Render: runs every output over the model, in parallel, and gathers
//! their files. The outputs are listed once, in [`Outputs`]; each is a
//! module of [`crate::output`] behind the [`Output`] trait.
//!
//! Before anything is made, every output says which paths it will write
//! ([`Output::claims`]): two claims on one path stop the build with both
//! sources named (see [`collisions`]), so no file silently replaces
//! another.

use std::time::Instant;

use crate::diag::{Diagnostic, Diagnostics};
use crate::messages::Msg;
use crate::model::{Language, Site};
use crate::output::codes::Codes;
use crate::output::html::Pages;
use crate::output::json::Export;
use crate::output::print::{Cut, Print};
use crate::output::search::Search;
use crate::output::site_files::{Copies, SiteFiles};
use crate::output::templates::Templates;
use crate::output::{Claim, Context, Memo, OutFile, Output, Owner, PrintMode, Prior, Reuse, Sink};
use crate::theme::Theme;
use crate::{Progress, Timings};

/// Every output of a build, registered here and nowhere else.
#[derive(Default)]
pub(crate) struct Outputs {
    pub pages: Pages,
    pub site_files: SiteFiles,
    pub search: Search,
    pub codes: Codes,
    pub export: Export,
    pub copies: Copies,
    pub print: Print,
}

impl Outputs {
    /// Every output, in no particular order: they run in parallel. Print
    /// comes first, so that its many slow files start at once and both
    /// cores stay busy to the end.
    pub(crate) fn all(&self) -> [&dyn Output; 7] {
        [
            &self.print,
            &self.pages,
            &self.site_files,
            &self.search,
            &self.codes,
            &self.export,
            &self.copies,
        ]
    }
}

/// Everything a render made.
pub(crate) struct Rendered {
    pub files: Vec<OutFile>,
    /// What had to be shortened on posters and flyers.
    pub cuts: Vec<Cut>,
    /// Pages rendered now, and pages taken from the memo.
    pub rendered: usize,
    pub reused: usize,
    /// The outputs, which `camnang serve` keeps to update in place.
    pub outputs: Outputs,
}

impl Rendered {
    /// The memo for the next build: every keyed file of this one.
    pub(crate) fn memo(&self) -> Memo {
        Memo::of(&self.files)
    }
}

/// Two claims on one path (or on a file and a folder of the same name),
/// as errors naming both sides. The claims are sorted by path (stably, so
/// the first claimer stays first): equal paths are then neighbours, and a
/// folder a file would need is found by binary search.
pub(crate) fn collisions(mut claims: Vec<Claim>) -> Diagnostics {
    use rayon::prelude::*;
    claims.par_sort_by(|a, b| a.path.cmp(&b.path));
    let clash = |path: &str, a: &Owner, b: &Owner| {
        Diagnostic::error(Msg::PathClaimedTwice {
            path: path.to_string(),
            first: owner_text(a),
            second: owner_text(b),
        })
    };
    let mut diags = Diagnostics::default();
    for w in claims.windows(2) {
        if w[0].path == w[1].path {
            diags.push(clash(&w[0].path, &w[0].owner, &w[1].owner));
        }
    }
    // a file where another claim needs a folder (`sitemap.xml` and
    // `sitemap.xml/index.html`)
    let folders: Vec<Diagnostic> = claims
        .par_iter()
        .filter_map(|c| {
            let inside = format!("{}/", c.path);
            let at = claims.partition_point(|x| x.path < inside);
            let other = claims.get(at).filter(|x| x.path.starts_with(&inside))?;
            Some(clash(&c.path, &c.owner, &other.owner))
        })
        .collect();
    for d in folders {
        diags.push(d);
    }
    diags
}

/// What a site with mistakes would be stopped for later, told with its
/// mistakes so one run tells them all: names camnang keeps for itself,
/// and templates Tera cannot read. (Two claims on one path are told once
/// the content has no mistake: two files with one id would be told
/// twice.)
pub(crate) fn vet(site: &Site, theme: &Theme) -> Diagnostics {
    let mut diags = reserved_names(site);
    let langs = Language::all(site, theme);
    if let Err(d) = Templates::new(site, theme, &langs, false, None, None) {
        diags.push(d);
    }
    diags
}

/// Category folders named like a folder camnang writes itself, or like
/// one of the site's languages, and languages named like a folder camnang
/// writes itself.
pub(crate) fn reserved_names(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let reserved = |name: &str| {
        crate::model::routes::RESERVED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, owner)| owner.to_string())
    };
    // a language's pages go into a folder named by its code
    for code in site.languages.iter().skip(1) {
        let Some(owner) = reserved(code) else {
            continue;
        };
        // a translation in that language, as the clerk sees it
        let procedure = site
            .procedures()
            .find_map(|(_, p)| p.translations.get(code).map(|t| t.source.clone()));
        let category = || {
            site.categories
                .iter()
                .find(|c| c.translations.contains_key(code))
                .map(|c| crate::load::rel(&site.root, &c.source.join(format!("_index.{code}.md"))))
        };
        let Some(file) = procedure.or_else(category) else {
            continue;
        };
        let shown = file.to_string_lossy().replace('\\', "/");
        diags.push(
            Diagnostic::error(Msg::ReservedLanguage {
                code: code.clone(),
                source: shown.clone(),
                owner,
            })
            .in_file(shown),
        );
    }
    for c in &site.categories {
        let owner = match reserved(&c.slug) {
            Some(owner) => owner,
            None if site.languages.iter().skip(1).any(|l| *l == c.slug) => format!("/{}/", c.slug),
            None => continue,
        };
        // the category's folder, as the clerk sees it (`content/q/`)
        let shown = crate::load::rel(&site.root, &c.source);
        let folder = format!("{}/", shown.to_string_lossy().replace('\\', "/"));
        diags.push(
            Diagnostic::error(Msg::ReservedName {
                name: c.slug.clone(),
                source: folder.clone(),
                owner,
            })
            .in_file(folder),
        );
    }
    diags
}

fn owner_text(o: &Owner) -> String {
    match o {
        Owner::Source(p) => p.to_string_lossy().replace('\\', "/"),
        Owner::Camnang(what) => format!("camnang {what}"),
    }
}

/// What a render is given besides the model: what to make, what earlier
/// builds made, and where to tell how far it has got.
pub(crate) struct Job<'a> {
    pub print: PrintMode,
    /// Pages of the last build in memory (`camnang serve`).
    pub memo: Option<&'a Memo>,
    /// The build cache on disk (`camnang build`).
    pub reuse: Option<&'a dyn Reuse>,
    /// The site published before (`camnang build`).
    pub prior: Option<&'a dyn Prior>,
    pub progress: &'a dyn Progress,
}

/// Hands files on to a sink, counting them for the progress bar.
struct Counted<'a> {
    sink: &'a dyn Sink,
    progress: &'a dyn Progress,
}

impl Sink for Counted<'_> {
    fn take(&self, f: OutFile) -> Result<OutFile, crate::diag::Diagnostic> {
        let taken = self.sink.take(f);
        self.progress.advance(1);
        taken
    }
}

/// Renders every output of the site, sorted by path.
pub(crate) fn render(
    site: &Site,
    theme: &Theme,
    job: &Job<'_>,
    timings: &mut Timings,
    sink: &dyn Sink,
) -> Result<Rendered, Diagnostics> {
    let (print, memo) = (job.print, job.memo);
    let mut clock = Instant::now();
    let langs = Language::all(site, theme);
    let templates = Templates::new(
        site,
        theme,
        &langs,
        print != PrintMode::None,
        memo,
        job.prior,
    )?;
    timings.mark("templates", &mut clock);
    let outputs = Outputs::default();
    let cx = Context {
        site,
        theme,
        templates: &templates,
        print,
        reuse: job.reuse,
        prior: job.prior,
        // pages of an earlier render in memory: `camnang serve`
        incremental: memo.is_some(),
    };
    let mut clashes = reserved_names(site);
    // files to make, and how many of them are print files
    let (mut total, mut printed) = (0, 0);
    if !clashes.has_errors() {
        let claims: Vec<Vec<Claim>> = {
            use rayon::prelude::*;
            outputs.all().par_iter().map(|o| o.claims(&cx)).collect()
        };
        total = claims.iter().map(Vec::len).sum();
        // print is the first output (see `Outputs::all`)
        printed = claims[0].len();
        clashes = collisions(claims.into_iter().flatten().collect());
    }
    if clashes.has_errors() {
        return Err(clashes);
    }
    timings.mark("claims", &mut clock);
    job.progress.stage(
        match print {
            PrintMode::All => crate::Stage::PagesAndPrint { print: printed },
            _ => crate::Stage::Pages,
        },
        total,
    );
    let counted = Counted {
        sink,
        progress: job.progress,
    };
    let made: Vec<Result<Vec<OutFile>, Diagnostics>> = {
        use rayon::prelude::*;
        outputs
            .all()
            .par_iter()
            .map(|o| o.render(&cx, &counted))
            .collect()
    };
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    for m in made {
        match m {
            Ok(f) => files.extend(f),
            Err(d) => diags.extend(d),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    timings.mark("outputs", &mut clock);
    {
        use rayon::prelude::*;
        // paths are unique (see `collisions`)
        files.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    }
    let (reused, rendered) = templates.counts();
    let cuts = outputs.print.take_cuts();
    Ok(Rendered {
        files,
        cuts,
        rendered,
        reused,
        outputs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn claim(path: &str, owner: Owner) -> Claim {
        Claim::new(path.to_string(), owner)
    }

    fn clashes(claims: Vec<Claim>) -> Vec<(String, String, String)> {
        collisions(claims)
            .items
            .into_iter()
            .map(|d| match &d.msg {
                Msg::PathClaimedTwice {
                    path,
                    first,
                    second,
                } => (path.clone(), first.clone(), second.clone()),
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[test]
    fn two_claims_on_one_path_name_both_sources() {
        let page = Owner::Source(PathBuf::from("content/q/tt01.md"));
        let found = clashes(vec![
            claim("q/tt01/index.html", Owner::Camnang("/q/<id>/")),
            claim(
                "cu-tru/index.html",
                Owner::Source(PathBuf::from("content/cu-tru/_index.md")),
            ),
            claim("q/tt01/index.html", page),
        ]);
        assert_eq!(
            found,
            [(
                "q/tt01/index.html".to_string(),
                "camnang /q/<id>/".to_string(),
                "content/q/tt01.md".to_string()
            )]
        );
    }

    #[test]
    fn a_file_where_a_folder_is_needed_is_a_clash() {
        let found = clashes(vec![
            claim("sitemap.xml", Owner::Camnang("/sitemap.xml")),
            claim(
                "sitemap.xml/index.html",
                Owner::Source(PathBuf::from("content/sitemap.xml/_index.md")),
            ),
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "sitemap.xml");
    }

    #[test]
    fn distinct_paths_do_not_clash() {
        let found = clashes(vec![
            claim("q/tt01/index.html", Owner::Camnang("/q/<id>/")),
            claim("q/tt01/qr.svg", Owner::Camnang("/q/<id>/qr.svg")),
            claim("q/tt02/index.html", Owner::Camnang("/q/<id>/")),
        ]);
        assert!(found.is_empty());
    }
}
