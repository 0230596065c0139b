//! camnang: a static site generator for a commune's guides to
//! administrative procedures.
//!
//! Layers, each using only those below (see [`layers`]): text and
//! messages → [`load`] (walk `content/`, read front matter) into the
//! [`model`] (Site, Category, Procedure; every address in
//! [`model::routes`]) → the outputs (`output`: HTML pages, site files,
//! search, QR codes, the JSON export, print, each behind one trait) →
//! `render` (runs them), `publish` (write into a staging folder and swap
//! it in) and `cache` (the build cache of print files). [`commands`] runs
//! them for the command line; [`serve`] previews; [`check`] finds
//! mistakes; [`deploy`] and [`import`] talk to hosts and the portal.
//!
//! What is public is what the command line ([`build`], [`BuildOptions`],
//! and the entry points of [`commands`], [`check`], [`new`], [`serve`],
//! [`deploy`] and [`import`]), the fuzz targets, the benchmarks and the
//! property tests use ([`load`], [`markdown`], [`text`], [`qr`],
//! [`search_words`]), with the types their signatures name ([`model`],
//! [`diag`], [`messages`]). The outputs, rendering, publishing and the
//! build cache are the crate's own (`pub(crate)`).

pub mod alloc;
pub(crate) mod cache;
pub mod check;
pub mod commands;
pub mod deploy;
pub mod diag;
pub(crate) mod files;
pub mod import;
pub mod layers;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod new;
pub(crate) mod output;
pub(crate) mod publish;
pub mod qr;
pub(crate) mod render;
pub mod serve;
pub mod text;
pub(crate) mod theme;

/// The folded words of a text, as the search index is built from them
/// (public for the property tests and the fuzz targets).
pub use output::search::words as search_words;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diag::Diagnostics;
use messages::Lang;

/// What to build, as the command line gives it.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder, holding `site.yaml` and `content/`.
    pub root: PathBuf,
    /// Where to write the site. Default: `<root>/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// Overrides the message language.
    pub lang: Option<Lang>,
    /// How to treat `qr-lock.yaml`.
    pub lock: LockMode,
    /// Make the print files (posters, board, flyers) too.
    pub print: bool,
    /// Make every file anew, without reading or writing the build cache
    /// (`--no-cache`).
    pub no_cache: bool,
}

/// What the build does with `qr-lock.yaml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LockMode {
    /// Add new ids and bring targets up to date (`camnang build`).
    #[default]
    Update,
    /// Fail if the lock would change (`--locked`, for CI).
    Locked,
    /// Read and enforce it, but do not write it (previews).
    ReadOnly,
}

impl BuildOptions {
    /// The output folder: `--output` or `<root>/public`.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// Why a build did not publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The content (or theme) has mistakes: exit code 1.
    Content,
    /// The output folder was refused or could not be written: exit code 2
    /// for a refused folder, 1 for a write failure.
    Output { refused: bool },
}

/// How long each stage of a build took, for `--timings` and the
/// benchmarks.
#[derive(Debug, Clone, Default)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    pub(crate) fn mark(&mut self, stage: &'static str, since: &mut Instant) {
        self.0.push((stage, since.elapsed()));
        *since = Instant::now();
    }
}

/// A stage of a build that reports progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Web pages.
    Pages,
    /// Web pages and, alongside them, `print` posters, board sheets and
    /// flyers (the stage's total counts both).
    PagesAndPrint { print: usize },
    /// Waiting for another build writing into the same place to finish.
    Waiting,
}

/// Told how far a build has got, to draw a progress bar. Called from many
/// threads at once.
pub trait Progress: Sync {
    /// A stage begins, with `total` items to make.
    fn stage(&self, stage: Stage, total: usize);
    /// `n` more items of the current stage are done.
    fn advance(&self, n: usize);
}

/// No progress shown (tests, `camnang serve`, `--quiet`).
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: Stage, _: usize) {}
    fn advance(&self, _: usize) {}
}

/// What `camnang serve` keeps between builds, so that a rebuild after one
/// edit reads, parses and renders only what the edit changed.
#[derive(Default)]
pub(crate) struct Cache {
    pub parse: load::ParseCache,
    pub memo: output::Memo,
}

/// A site loaded and rendered in memory, not yet published.
pub(crate) struct Prepared {
    pub lang: Lang,
    pub diags: Diagnostics,
    pub failure: Option<Failure>,
    pub site: Option<model::Site>,
    pub theme: Option<theme::Theme>,
    pub rendered: Option<render::Rendered>,
    pub timings: Timings,
}

/// Loads and renders the site without writing anything. With a `cache`,
/// unchanged files are not parsed again and unchanged pages not rendered
/// again, and the cache is brought up to date.
pub(crate) fn prepare(
    opts: &BuildOptions,
    print: output::PrintMode,
    mut cache: Option<&mut Cache>,
    progress: &dyn Progress,
) -> Prepared {
    let mut out = load_site(opts, cache.as_deref_mut().map(|c| &mut c.parse));
    let (Some(site), Some(theme)) = (&out.site, &out.theme) else {
        return out;
    };
    let mut clock = Instant::now();
    let memo = cache.as_deref().map(|c| &c.memo);
    let sink = output::Keep;
    let job = render::Job {
        print,
        memo,
        reuse: None,
        prior: None,
        progress,
    };
    match render::render(site, theme, &job, &mut out.timings, &sink) {
        Ok(r) => {
            if let Some(c) = cache {
                c.memo = r.memo();
            }
            out.rendered = Some(r);
        }
        Err(d) => {
            out.diags.extend(d);
            out.failure = Some(Failure::Content);
        }
    }
    out.timings.mark("render", &mut clock);
    out
}

/// Loads the site and its theme; nothing rendered yet.
fn load_site(opts: &BuildOptions, cache: Option<&mut load::ParseCache>) -> Prepared {
    let mut clock = Instant::now();
    let mut timings = Timings::default();
    let loaded = load::load(
        &load::LoadOptions {
            root: opts.root.clone(),
            base_url: opts.base_url.clone(),
            lang: opts.lang,
        },
        cache,
    );
    timings.mark("load", &mut clock);
    let mut out = Prepared {
        lang: loaded.lang,
        diags: loaded.diags,
        failure: None,
        site: None,
        theme: None,
        rendered: None,
        timings,
    };
    let Some(site) = loaded.site else {
        out.failure = Some(Failure::Content);
        // the theme's mistakes are told with the content's
        if let Some(site) = loaded.unfinished {
            match load_theme(&opts.root, &site) {
                Ok(t) => {
                    out.diags.extend(theme_mistakes(&site, &t));
                    out.diags.extend(render::vet(&site, &t));
                }
                Err(d) => out.diags.push(d),
            }
            out.diags.sort();
        }
        return out;
    };
    match load_theme(&opts.root, &site) {
        Ok(t) => {
            let words = theme_mistakes(&site, &t);
            let broken = words.has_errors();
            out.diags.extend(words);
            if broken {
                // (told with what the render would stop for next)
                out.diags.extend(render::vet(&site, &t));
                out.failure = Some(Failure::Content);
                return out;
            }
            out.theme = Some(t);
            out.site = Some(site);
        }
        Err(d) => {
            out.diags.push(d);
            out.failure = Some(Failure::Content);
        }
    }
    out
}

/// The short links the site published in `output` has and a build of
/// `site` would drop (no qr-lock.yaml, deleted or not copied with the
/// content, or an id renamed or removed in it by hand): they may be on
/// posters, so the build writes nothing (`E064`, `E066`). `check` tells
/// it too.
pub(crate) fn dropped_codes(
    opts: &BuildOptions,
    site: &model::Site,
    output: &Path,
) -> Option<diag::Diagnostic> {
    if opts.lock != LockMode::Update {
        return None;
    }
    // (the lock names every published id but those told here: the
    // procedures' ids are gathered only when one is not in it)
    let procedures = std::cell::OnceCell::new();
    let kept = |id: &str| {
        site.qr_lock.entries.contains_key(id)
            || procedures
                .get_or_init(|| {
                    site.procedures()
                        .map(|(_, p)| p.id.as_str())
                        .collect::<std::collections::BTreeSet<&str>>()
                })
                .contains(id)
    };
    let ids: Vec<String> = publish::short_links_dropped(output, kept)
        .into_iter()
        .collect();
    if ids.is_empty() {
        return None;
    }
    let output = output.display().to_string();
    let msg = match opts.root.join(load::lock::LOCK_FILE).exists() {
        true => messages::Msg::PrintedCodesDropped { output, ids },
        false => messages::Msg::LockMissing { output, ids },
    };
    Some(diag::Diagnostic::error(msg).in_file(load::lock::LOCK_FILE))
}

/// The theme `site` names, or why not, at the `theme:` line of
/// `site.yaml`.
fn load_theme(root: &Path, site: &model::Site) -> Result<theme::Theme, diag::Diagnostic> {
    theme::Theme::load(root, site.config.theme.as_deref()).map_err(|d| {
        let text = crate::load::source::read_text(&root.join("site.yaml")).unwrap_or_default();
        match load::yaml::locate(&text, &[load::yaml::Seg::Key("theme".into())]) {
            Some((line, column)) => d.at(line + 1, column + 1, &text),
            None => d,
        }
    })
}

/// Languages the theme has no words for, and mistakes in the theme's words.
fn theme_mistakes(site: &model::Site, theme: &theme::Theme) -> Diagnostics {
    let mut diags = model::language::without_words(site, theme);
    diags.extend(load::words::theme_words(site, theme));
    // a block a template fills with no place for it (E143, W112)
    diags.extend(output::templates::lost_blocks(site, theme));
    for u in theme.unread() {
        let path = u.path.clone();
        diags.push(
            diag::Diagnostic::warning(messages::Msg::ThemeFileUnread {
                path: u.path,
                rename: u.rename,
                for_the_site: u.for_the_site,
            })
            .in_file(&path),
        );
    }
    diags
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub lang: Lang,
    pub diags: Diagnostics,
    /// HTML pages written (0 when the build failed).
    pub pages: usize,
    pub millis: u128,
    pub output: PathBuf,
    pub failure: Option<Failure>,
    /// What had to be shortened on posters and flyers.
    pub cuts: Vec<output::print::Cut>,
    /// Files the build cache gave, and files made and kept there (`None`
    /// for a build without the cache).
    pub cached: Option<(usize, usize)>,
    /// Pages and QR codes taken from the site published before, and
    /// those made anew.
    pub kept: (usize, usize),
    pub timings: Timings,
}

/// Loads, renders and publishes the site. On any error nothing already
/// published is touched.
pub fn build(opts: &BuildOptions) -> BuildReport {
    build_with(opts, &Silent)
}

/// [`build`], telling `progress` how far it has got.
pub fn build_with(opts: &BuildOptions, progress: &dyn Progress) -> BuildReport {
    let start = Instant::now();
    let output = opts.output_dir();
    let mut report = BuildReport {
        lang: opts.lang.unwrap_or_default(),
        diags: Diagnostics::default(),
        pages: 0,
        millis: 0,
        output: output.clone(),
        failure: None,
        cuts: Vec::new(),
        cached: None,
        kept: (0, 0),
        timings: Timings::default(),
    };
    let print = if opts.print {
        output::PrintMode::All
    } else {
        output::PrintMode::None
    };
    // the output folder is checked (a walk of the site published there)
    // and the staging folder prepared while the content loads; a content
    // mistake is still told first
    let (loaded, output_ok) = rayon::join(
        || load_site(opts, None),
        || match opts.root.is_dir() {
            true => publish::open(&opts.root, &output, &|| progress.stage(Stage::Waiting, 0)),
            // (a site folder that is not there: told by the load, and no
            // folder is made for its output)
            false => Err(diag::Diagnostic::error(messages::Msg::RootMissing {
                root: opts.root.display().to_string(),
            })),
        },
    );
    report.lang = loaded.lang;
    report.diags = loaded.diags;
    report.timings = loaded.timings;
    let (Some(site), Some(theme), None) = (loaded.site, loaded.theme, loaded.failure) else {
        report.failure = Some(Failure::Content);
        return report;
    };
    if let Some(d) = dropped_codes(opts, &site, &output) {
        report.diags.push(d);
        report.failure = Some(Failure::Content);
        return report;
    }
    let begun = match output_ok {
        Ok(begun) => begun,
        Err(d) => {
            report.diags.push(d);
            report.failure = Some(Failure::Output { refused: true });
            return report;
        }
    };
    // with --locked the lock is checked before anything is made; else it is
    // worked out while the site renders
    let early_lock = (opts.lock == LockMode::Locked).then(|| site.updated_lock());
    if let Some(new_lock) = &early_lock
        && *new_lock != site.qr_lock
    {
        let ids = new_lock
            .entries
            .iter()
            .filter(|(id, e)| site.qr_lock.entries.get(*id) != Some(e))
            .map(|(id, _)| id.clone())
            .collect();
        let d = diag::Diagnostic::error(messages::Msg::LockOutdated { ids })
            .in_file(load::lock::LOCK_FILE);
        report.diags.push(d);
        report.failure = Some(Failure::Content);
        return report;
    }
    // every file goes into the staging folder as soon as it is made; a
    // failure drops the folder and leaves the published site alone
    let mut staging = match begun {
        Ok(mut s) => {
            if let Some(d) = s.take_note() {
                report.diags.push(d);
            }
            s
        }
        Err(d) => {
            report.diags.push(d);
            report.failure = Some(Failure::Output { refused: false });
            return report;
        }
    };
    // the build cache: print files of earlier builds (never with
    // --no-cache; a cache in use or broken is a note, not a failure)
    let cache = match opts.no_cache || print == output::PrintMode::None {
        true => None,
        false => match cache::BuildCache::open(&opts.root) {
            Ok(Some(c)) => Some(c),
            Ok(None) => {
                report
                    .diags
                    .push(diag::Diagnostic::warning(messages::Msg::CacheBusy));
                None
            }
            Err(d) => {
                report.diags.push(d);
                None
            }
        },
    };
    let mut clock = Instant::now();
    let job = render::Job {
        print,
        memo: None,
        reuse: cache.as_ref().map(|c| c as &dyn output::Reuse),
        // pages and QR codes whose key did not change are linked from the
        // site published before (not with --no-cache)
        prior: (!opts.no_cache).then_some(&staging as &dyn output::Prior),
        progress,
    };
    let (rendered, ((new_lock, lock_changed), unprintable)) = rayon::join(
        || render::render(&site, &theme, &job, &mut report.timings, &staging),
        || {
            // (with --locked the lock is already known to be unchanged)
            let lock = match early_lock {
                Some(same) => (same, false),
                None => {
                    let new = site.updated_lock();
                    let changed = new != site.qr_lock;
                    (new, changed)
                }
            };
            // what print files will leave out, told while they are made
            let unprintable = match print {
                output::PrintMode::None => diag::Diagnostics::default(),
                _ => output::print::unprintable(&site, &theme),
            };
            (lock, unprintable)
        },
    );
    report.diags.extend(unprintable);
    let rendered = match rendered {
        Ok(r) => r,
        Err(d) => {
            if let Some(c) = cache {
                c.finish(false);
            }
            report.diags.extend(d);
            report.failure = Some(match staging.write_failed() {
                true => Failure::Output { refused: false },
                false => Failure::Content,
            });
            return report;
        }
    };
    report.timings.mark("render", &mut clock);
    // qr-lock.yaml before the site: a site is never published with a short
    // link the lock does not hold (a lock that cannot be written stops here)
    let path = opts.root.join(load::lock::LOCK_FILE);
    // an unchanged lock is left as the clerk wrote it
    let lock_due = opts.lock == LockMode::Update && (lock_changed || !path.exists());
    if lock_due
        && let Err(e) = publish::write_if_changed(&path, &load::lock::lock_to_yaml(&new_lock))
    {
        if let Some(c) = cache {
            c.finish(false);
        }
        let d = diag::Diagnostic::error(messages::Msg::LockNotWritten {
            detail: e.to_string(),
        })
        .in_file(load::lock::LOCK_FILE);
        report.diags.push(d);
        report.failure = Some(Failure::Output { refused: false });
        return report;
    }
    let paths: Vec<String> = rendered.files.iter().map(|f| f.path.clone()).collect();
    // a link of a guide that leads nowhere is told, and the site published
    let printed = (print != output::PrintMode::None).then_some(&theme);
    report.diags.extend(check::links_nowhere(
        &site,
        paths.iter().map(String::as_str),
        printed,
    ));
    // the print files of the site published before, left out by --no-print
    if print == output::PrintMode::None {
        let gone = publish::published_in(&output, model::routes::PRINT_DIR, ".pdf");
        if gone > 0 {
            report
                .diags
                .push(diag::Diagnostic::warning(messages::Msg::PrintLeftOut {
                    count: gone,
                }));
        }
    }
    let committed = staging.commit(&paths);
    if let Some(c) = cache {
        if let Some(d) = c.trouble() {
            report.diags.push(d);
        }
        report.cached = Some(c.counts());
        c.finish(committed.is_ok());
    }
    match committed {
        Ok(kept) => report.kept = kept,
        Err(d) => {
            report.diags.push(d);
            report.failure = Some(Failure::Output { refused: false });
            return report;
        }
    }
    report.timings.mark("publish", &mut clock);
    report.cuts = rendered.cuts;
    report.pages = rendered
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .count();
    report.millis = start.elapsed().as_millis();
    alloc::drop_aside((site, theme, rendered.files, rendered.outputs, new_lock));
    report
}
