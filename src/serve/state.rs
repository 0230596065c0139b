//! What the preview server keeps: the last good build, its files, and
//! how an edit updates them.

use super::*;

/// Forgets what the parse cache holds for `path`.
pub(super) fn state_forget(cache: &mut Cache, path: &Path) {
    cache.parse.forget(path);
}

/// An output file as the server keeps it.
pub(super) fn served(f: crate::output::OutFile) -> (String, Served) {
    let s = match f.content {
        Content::Bytes(b) => Served::Bytes(b),
        Content::Copy(p) | Content::Cached(p) => Served::File(p),
        // the server keeps every file (render::Keep): nothing is written
        Content::Written => Served::Bytes(Arc::new(Vec::new())),
    };
    (f.path, s)
}

/// A file the server can answer with.
#[derive(Debug, Clone)]
pub(super) enum Served {
    Bytes(Arc<Vec<u8>>),
    /// A file of `content/files/` or `content/static/`, read when asked for.
    File(PathBuf),
}

/// The site as the server sees it after one build: what it answers with.
pub struct Snapshot {
    /// The files of the last full build.
    pub(super) files: Arc<HashMap<String, Served>>,
    /// Files redrawn since, which take the place of those of `files`: an
    /// edit copies only this small map, not the whole site's.
    pub(super) changed: Arc<HashMap<String, Served>>,
    /// The error page, when the last build failed.
    pub(super) error: Option<Arc<Vec<u8>>>,
}

impl Snapshot {
    fn empty() -> Snapshot {
        Snapshot {
            files: Arc::new(HashMap::new()),
            changed: Arc::new(HashMap::new()),
            error: None,
        }
    }

    pub(super) fn get(&self, path: &str) -> Option<&Served> {
        self.changed.get(path).or_else(|| self.files.get(path))
    }

    pub(super) fn contains(&self, path: &str) -> bool {
        self.get(path).is_some()
    }
}

/// The last good build, kept to update in place after an edit and to draw
/// print files from.
pub(super) struct Live {
    site: Site,
    theme: Theme,
    langs: Vec<crate::model::Language>,
    /// The outputs of the last full build, kept to update in place.
    outputs: crate::render::Outputs,
    /// The files of the last full build, and those redrawn since.
    files: Arc<HashMap<String, Served>>,
    changed: HashMap<String, Served>,
    /// The warnings of the last full build.
    warnings: crate::diag::Diagnostics,
    /// The address print files are drawn for (`None`: the site's own).
    print_base_url: Option<String>,
}

/// What the server keeps between builds.
#[derive(Default)]
pub(super) struct State {
    cache: Cache,
    live: Option<Live>,
    /// Print files drawn since the last build.
    pdfs: HashMap<String, Arc<Vec<u8>>>,
    /// The id of every procedure page served since serve started, by
    /// its address (`cu-tru/dang-ky/`, `en/cu-tru/dang-ky/`): a page
    /// open in the browser whose guide was renamed or moved follows it.
    seen: HashMap<String, String>,
}

/// The preview server's state: what to build, what earlier builds left,
/// and the current snapshot.
pub struct Server {
    opts: BuildOptions,
    /// The `--base-url` given to `serve`, if any: print files are drawn
    /// for it (else for `site.yaml`'s), never for the preview's address.
    print_base_url: Option<String>,
    state: Mutex<State>,
    current: RwLock<Arc<Snapshot>>,
    reloader: Reloader,
}

/// What one rebuild did, for the terminal.
pub struct Outcome {
    pub report: BuildReport,
    /// Pages rendered, and pages kept from the last build.
    pub rendered: usize,
    pub reused: usize,
    /// Whether only the pages of edited procedures were redrawn (the
    /// site was not loaded again, so `report` holds no warnings).
    pub in_place: bool,
}

impl Server {
    /// A server for `opts` (whose `base_url` should be the address it is
    /// served at). Nothing is built yet.
    pub fn new(opts: BuildOptions, reloader: Reloader) -> Server {
        Server {
            opts,
            print_base_url: None,
            state: Mutex::new(State::default()),
            current: RwLock::new(Arc::new(Snapshot::empty())),
            reloader,
        }
    }

    /// This server, drawing print files for `base_url` (the one given on
    /// the command line).
    pub fn printing_for(mut self, base_url: Option<String>) -> Server {
        self.print_base_url = base_url;
        self
    }

    /// The address the site is published at, for print files: serve's
    /// `--base-url`, else `site.yaml`'s (read once a build, the preview's
    /// own address being in the settings the build was made with).
    fn site_address(&self) -> Option<String> {
        self.print_base_url
            .as_deref()
            .and_then(crate::load::config::split_base_url)
            .map(|(u, _)| u)
            .or_else(|| {
                crate::load::config::read_site_yaml(&self.opts.root)
                    .0
                    .map(|c| c.base_url)
            })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn publish(&self, snapshot: Snapshot) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
        self.reloader.reload();
    }

    pub(super) fn outcome(
        &self,
        lang: Lang,
        diags: crate::diag::Diagnostics,
        failure: Option<Failure>,
    ) -> Outcome {
        Outcome {
            report: BuildReport {
                cached: None,
                kept: (0, 0),
                lang,
                diags,
                pages: 0,
                millis: 0,
                output: PathBuf::new(),
                failure,
                cuts: Vec::new(),
                timings: crate::Timings::default(),
            },
            rendered: 0,
            reused: 0,
            in_place: false,
        }
    }

    /// Builds the site again, reusing what did not change, makes it the
    /// one served, and tells open pages to reload.
    pub fn rebuild(&self) -> Outcome {
        let start = Instant::now();
        let mut state = self.lock();
        let prepared = prepare(
            &self.opts,
            PrintMode::Listing,
            Some(&mut state.cache),
            &crate::Silent,
        );
        let mut outcome = self.outcome(prepared.lang, prepared.diags, prepared.failure);
        outcome.report.timings = prepared.timings;
        state.pdfs.clear();
        let snapshot = match (prepared.site, prepared.theme, prepared.rendered) {
            (Some(site), Some(theme), Some(rendered)) if outcome.report.failure.is_none() => {
                outcome.rendered = rendered.rendered;
                outcome.reused = rendered.reused;
                outcome.report.pages = rendered
                    .files
                    .iter()
                    .filter(|f| f.path.ends_with(".html"))
                    .count();
                // (posters are drawn on request: what they would leave
                // out is told now, as `build` tells it)
                if self.opts.print {
                    let unprintable = crate::output::print::unprintable(&site, &theme);
                    outcome.report.diags.extend(unprintable);
                }
                // links that lead nowhere, as `build` tells them
                let made = rendered.files.iter().map(|f| f.path.as_str());
                outcome.report.diags.extend(crate::check::links_nowhere(
                    &site,
                    made,
                    self.opts.print.then_some(&theme),
                ));
                let outputs = rendered.outputs;
                let files: Arc<HashMap<String, Served>> =
                    Arc::new(rendered.files.into_iter().map(served).collect());
                let langs = crate::model::Language::all(&site, &theme);
                let snapshot = Snapshot {
                    files: files.clone(),
                    changed: Arc::new(HashMap::new()),
                    error: None,
                };
                for (i, code) in site.languages.iter().enumerate() {
                    let prefix = crate::model::routes::lang_prefix(i, code);
                    for (_, p) in site.procedures() {
                        let page = format!("{prefix}{}", crate::model::routes::procedure(p));
                        state.seen.insert(page, p.id.clone());
                    }
                }
                state.live = Some(Live {
                    site,
                    theme,
                    langs,
                    files,
                    changed: HashMap::new(),
                    outputs,
                    warnings: outcome.report.diags.clone(),
                    print_base_url: self.site_address(),
                });
                snapshot
            }
            _ => {
                if outcome.report.failure.is_none() {
                    outcome.report.failure = Some(Failure::Content);
                }
                state.live = None;
                Snapshot {
                    error: Some(error_page(&outcome.report).into_bytes().into()),
                    ..Snapshot::empty()
                }
            }
        };
        drop(state);
        outcome.report.millis = start.elapsed().as_millis();
        self.publish(snapshot);
        outcome
    }

    /// Brings the site up to date after `changed` files (absolute, or
    /// relative to the site folder) changed. An edit to the text of
    /// procedures that keeps their title and id redraws only the pages
    /// that show them (`Output::touched`); anything else
    /// rebuilds the site, reusing what did not change.
    pub fn update(&self, changed: &[PathBuf]) -> Outcome {
        match self.update_in_place(changed) {
            Some(o) => o,
            None => self.rebuild(),
        }
    }

    fn update_in_place(&self, changed: &[PathBuf]) -> Option<Outcome> {
        let start = Instant::now();
        let root = std::path::absolute(&self.opts.root).ok()?;
        let mut guard = self.lock();
        let state = &mut *guard;
        let live = state.live.as_mut()?;
        // every changed file must be the original of a known procedure;
        // a file that came and went (an editor's or sed's temporary file
        // renamed over the original) does not count
        let mut edits = Vec::new();
        for path in changed {
            let abs = if path.is_absolute() {
                path.clone()
            } else {
                root.join(path)
            };
            let shown = abs.strip_prefix(&root).ok()?.to_path_buf();
            let known = live.site.categories.iter().enumerate().find_map(|(ci, c)| {
                c.procedures
                    .iter()
                    .position(|p| p.source == shown)
                    .map(|pi| (ci, pi))
            });
            let (ci, pi) = match (known, abs.exists()) {
                (Some(k), true) => k,
                (None, false) => continue,
                _ => return None,
            };
            if edits.iter().any(|(c, p, _, _, _)| (*c, *p) == (ci, pi)) {
                continue;
            }
            let old = &live.site.categories[ci].procedures[pi];
            let (new, mut said) = crate::load::reload_procedure(&live.site, &abs, &shown, old)?;
            said.sort();
            // a warning that comes, goes or moves (W087, W089) is told by
            // a whole build, as `build` would tell it
            let before: Vec<&crate::diag::Diagnostic> = live
                .warnings
                .items
                .iter()
                .filter(|d| d.file.as_deref() == Some(shown.as_path()))
                // (links are compared below, not re-checked in place)
                .filter(|d| !matches!(d.msg, crate::messages::Msg::LinkNowhere { .. }))
                .collect();
            if said.items.iter().collect::<Vec<_>>() != before {
                return None;
            }
            // a link added or changed may lead nowhere (W108): a whole
            // build tells it
            let urls = |p: &crate::model::Procedure| -> Vec<String> {
                p.links.iter().map(|l| l.link.url.clone()).collect()
            };
            if new.title != old.title || new.id != old.id || urls(&new) != urls(old) {
                return None;
            }
            edits.push((ci, pi, new, abs, old.clone()));
        }
        if edits.is_empty() {
            return None;
        }
        for (ci, pi, new, abs, _) in &edits {
            live.site.categories[*ci].procedures[*pi] = new.clone();
            // the next full build parses and renders these again
            state_forget(&mut state.cache, abs);
        }
        // the outputs say which of their files show what changed
        let templates = crate::output::templates::Templates::new(
            &live.site,
            &live.theme,
            &live.langs,
            true,
            None,
            None,
        )
        .ok()?;
        let cx = crate::output::Context {
            site: &live.site,
            theme: &live.theme,
            templates: &templates,
            print: PrintMode::Listing,
            reuse: None,
            prior: None,
            incremental: true,
        };
        let mut redrawn = Vec::new();
        for (ci, pi, _, _, before) in &edits {
            let category = &live.site.categories[*ci];
            let procedure = &category.procedures[*pi];
            let position = live
                .site
                .procedures()
                .position(|(_, q)| q.id == procedure.id)?;
            let edit = crate::output::Edit {
                category,
                procedure,
                before,
                position,
            };
            for o in live.outputs.all() {
                redrawn.extend(o.touched(&cx, &edit).ok()?);
            }
        }
        let (_, rendered) = templates.counts();
        drop(templates);
        for f in redrawn {
            state.cache.memo.forget(&f.path);
            let (path, s) = served(f);
            live.changed.insert(path, s);
        }
        let snapshot = Snapshot {
            files: live.files.clone(),
            changed: Arc::new(live.changed.clone()),
            error: None,
        };
        let total = live.files.keys().filter(|k| k.ends_with(".html")).count();
        state.pdfs.clear();
        drop(guard);
        let mut outcome = self.outcome(
            self.opts.lang.unwrap_or(self.lang_of_site()),
            Default::default(),
            None,
        );
        outcome.rendered = rendered;
        outcome.reused = total.saturating_sub(rendered);
        outcome.in_place = true;
        outcome.report.millis = start.elapsed().as_millis();
        self.publish(snapshot);
        Some(outcome)
    }

    pub(super) fn lang_of_site(&self) -> Lang {
        crate::load::site_lang(&self.opts.root)
    }

    pub(super) fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Where the procedure page once at `page` (`cu-tru/dang-ky/`) is
    /// now, in the same language, if its guide was renamed or moved
    /// while serving: the page open in the browser reloaded into "page
    /// not found" and nothing told the clerk its new address.
    pub(super) fn moved_page(&self, page: &str) -> Option<String> {
        let state = self.lock();
        let id = state.seen.get(page)?;
        let live = state.live.as_ref()?;
        let prefix = live
            .site
            .languages
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, code)| crate::model::routes::lang_prefix(i, code))
            .find(|prefix| page.starts_with(prefix.as_str()))
            .unwrap_or_default();
        let (_, p) = live.site.procedures().find(|(_, p)| p.id == *id)?;
        let now = format!("{prefix}{}", crate::model::routes::procedure(p));
        (now != page).then_some(now)
    }

    /// Draws a poster, board sheet or flyer the first time it is asked
    /// for: `None` if `path` is no print file of the site, the reason if
    /// it could not be made.
    pub(super) fn draw_print_file(&self, path: &str) -> Option<Result<Arc<Vec<u8>>, Diagnostic>> {
        if !path.starts_with(crate::model::routes::PRINT_DIR) || !path.ends_with(".pdf") {
            return None;
        }
        let mut state = self.lock();
        if let Some(b) = state.pdfs.get(path) {
            return Some(Ok(b.clone()));
        }
        let live = state.live.as_ref()?;
        let printer =
            match crate::output::print::Printer::new(&live.site, &live.theme, live.langs.clone()) {
                Ok(p) => p,
                Err(d) => return Some(Err(d)),
            };
        // the codes open the site's own address, as `build` prints them
        let printer = match &live.print_base_url {
            Some(b) => printer.printing_for(b.clone()),
            None => printer,
        };
        let job = printer.jobs().into_iter().find(|j| j.path() == path)?;
        let bytes = match printer.draw(&job) {
            Ok((bytes, cut)) => {
                // told as `build` tells it (it was drawn cut, untold)
                if !cut.is_empty() {
                    let msg = Msg::PrintCut {
                        file: path.to_string(),
                        parts: cut,
                    };
                    println!("{}", msg.text(self.lang_of_site()));
                }
                Arc::new(bytes)
            }
            Err(d) => return Some(Err(d)),
        };
        drop(printer);
        state.pdfs.insert(path.to_string(), bytes.clone());
        Some(Ok(bytes))
    }
}
