//! camnang: a static site generator for a commune's guides to
//! administrative procedures.
//!
//! The pipeline, one module per stage:
//! [`load`] (walk `content/`, read front matter) → [`model`] (Site,
//! Category, Procedure) → [`render`] (each output: [`html`], …) →
//! [`publish`] (write into a staging folder and swap it in).
//! [`commands`] runs them for the command line; [`serve`] previews.

pub mod commands;
pub mod diag;
pub mod html;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod pdf;
pub mod poster;
pub mod publish;
pub mod qr;
pub mod render;
pub mod serve;
pub mod text;
pub mod theme;

use std::path::PathBuf;
use std::time::Instant;

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
    pub cuts: Vec<poster::Cut>,
}

/// Loads, renders and publishes the site. On any error nothing already
/// published is touched.
pub fn build(opts: &BuildOptions) -> BuildReport {
    let start = Instant::now();
    let output = opts.output_dir();
    let loaded = load::load(&load::LoadOptions {
        root: opts.root.clone(),
        base_url: opts.base_url.clone(),
        lang: opts.lang,
    });
    let mut report = BuildReport {
        lang: loaded.lang,
        diags: loaded.diags,
        pages: 0,
        millis: 0,
        output: output.clone(),
        failure: None,
        cuts: Vec::new(),
    };
    let Some(site) = loaded.site else {
        report.failure = Some(Failure::Content);
        return report;
    };
    if let Err(d) = publish::check_output(&opts.root, &output) {
        report.diags.push(d);
        report.failure = Some(Failure::Output { refused: true });
        return report;
    }
    let theme = match theme::Theme::load(&opts.root, site.config.theme.as_deref()) {
        Ok(t) => t,
        Err(d) => {
            report.diags.push(d);
            report.failure = Some(Failure::Content);
            return report;
        }
    };
    let rendered = match render::render(&site, &theme, opts.print) {
        Ok(f) => f,
        Err(d) => {
            report.diags.extend(d);
            report.failure = Some(Failure::Content);
            return report;
        }
    };
    let files = rendered.files;
    report.cuts = rendered.cuts;
    let new_lock = site.updated_lock();
    if opts.lock == LockMode::Locked && new_lock != site.qr_lock {
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
    if let Err(d) = publish::publish(&output, &files) {
        report.diags.push(d);
        report.failure = Some(Failure::Output { refused: false });
        return report;
    }
    if opts.lock == LockMode::Update {
        let path = opts.root.join(load::lock::LOCK_FILE);
        if let Err(e) = publish::write_if_changed(&path, &load::lock::lock_to_yaml(&new_lock)) {
            let d = diag::Diagnostic::error(messages::Msg::WriteFailed {
                detail: e.to_string(),
            })
            .in_file(load::lock::LOCK_FILE);
            report.diags.push(d);
            report.failure = Some(Failure::Output { refused: false });
            return report;
        }
    }
    report.pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    report.millis = start.elapsed().as_millis();
    report
}
