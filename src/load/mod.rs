//! Load: read `site.yaml` and walk `content/` into a [`Site`].
//!
//! Every file is read, decoded (BOM, CRLF, NFC) and checked; all mistakes of
//! the whole site are collected, so a clerk sees every problem in one run.

pub mod config;
pub(crate) mod fields;
pub(crate) mod lock;
pub mod procedure;
pub mod source;
pub(crate) mod words;
pub(crate) mod yaml;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::RenderOptions;
use crate::messages::{Lang, Msg};
use crate::model::{Category, CategoryText, Procedure, QrLock, Site, StaticFile};
use crate::text::{slugify, vi_cmp};
use procedure::{CategoryMeta, IdSpot, parse_category_index, parse_procedure, parse_procedure_in};

/// Folders of `content/` copied as they are instead of read as categories.
pub const STATIC_DIRS: &[&str] = crate::markdown::COPIED_DIRS;
/// The build cache's folder beside `site.yaml` (see `crate::cache`).
pub const CACHE_DIR: &str = ".camnang-cache";

/// What to load and how.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The site folder (holding `site.yaml` and `content/`).
    pub root: PathBuf,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Overrides the message language.
    pub lang: Option<Lang>,
}

/// The result of loading: the site if there were no errors, and every
/// diagnostic, plus the language to report them in.
#[derive(Debug)]
pub struct Loaded {
    /// The site, when it has no mistakes.
    pub site: Option<Site>,
    /// The site as far as it could be read, when it has mistakes (the
    /// settings of a `site.yaml` with mistakes stand in with defaults):
    /// for the theme's checks, so a run tells every mistake at once.
    /// Never rendered or published.
    pub unfinished: Option<Site>,
    pub diags: Diagnostics,
    pub lang: Lang,
}

/// What `camnang serve` keeps of earlier loads: every file's bytes and what
/// parsing them gave, so a rebuild parses only files that changed.
#[derive(Debug, Default)]
pub struct ParseCache {
    /// The settings parsing depended on (`allow_html`, base path, whether
    /// body text is kept for search).
    options: Option<(bool, String, bool)>,
    files: HashMap<PathBuf, (Vec<u8>, Parsed, Diagnostics)>,
}

impl ParseCache {
    /// Forgets a file, so the next load parses it again.
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
    }
}

/// Loads the whole site. With a `cache`, files whose bytes did not change
/// since the last load are not parsed again.
pub fn load(opts: &LoadOptions, mut cache: Option<&mut ParseCache>) -> Loaded {
    let (config, mut diags) = config::read_site_yaml(&opts.root);
    let mut lang = opts.lang.unwrap_or_default();
    let Some(mut config) = config else {
        if opts.lang.is_none() {
            lang = guess_lang(&opts.root);
        }
        return Loaded {
            site: None,
            unfinished: None,
            diags,
            lang,
        };
    };
    if let Some(l) = opts.lang {
        config.lang = l;
    }
    lang = config.lang;
    // the site's words in other languages (`site.en.yaml`)
    diags.extend(config::read_site_texts(&opts.root, &mut config));
    if let Some(url) = &opts.base_url {
        match config::split_base_url(url) {
            Some((u, p)) => {
                // (told of `--base-url` as of `base_url:` in site.yaml:
                // printed codes would open it all the same)
                if let Some(host) = config::elsewhere(&u) {
                    diags.push(Diagnostic::warning(Msg::BaseUrlElsewhere { host }));
                }
                if let Some(host) = config::local_network(&u) {
                    diags.push(Diagnostic::warning(Msg::BaseUrlLocal { host }));
                }
                config.base_url = u;
                config.base_path = p;
            }
            None => diags.push(Diagnostic::error(Msg::BadBaseUrl { value: url.clone() })),
        }
    }

    let content = opts.root.join("content");
    if !content.is_dir() {
        let msg = match renamed_content(&opts.root) {
            Some(name) => Msg::ContentRenamed { name },
            None => Msg::ContentMissing,
        };
        diags.push(Diagnostic::error(msg).in_file("content/"));
        return Loaded {
            site: None,
            unfinished: None,
            diags,
            lang,
        };
    }

    let files = walk(&content);
    let procedures = files
        .iter()
        .filter(|f| matches!(f, Entry::Procedure { .. }))
        .count();
    let render = RenderOptions {
        allow_html: config.allow_html,
        base_path: &config.base_path,
        text: procedures <= crate::model::BODY_WORDS_UP_TO,
    };
    let options = (config.allow_html, config.base_path.clone(), render.text);
    if let Some(c) = cache.as_deref_mut()
        && c.options.as_ref() != Some(&options)
    {
        c.files.clear();
        c.options = Some(options);
    }

    // Parse procedures and category pages in parallel; results keep walk order.
    let known = cache.as_deref();
    // the lock file is read while the content is parsed
    let (read, (qr_lock, lock_diags, lock_text)): (Vec<ReadFile>, _) = rayon::join(
        || {
            files
                .par_iter()
                .with_max_len(crate::alloc::PIECE)
                .map(|f| parse_file(&opts.root, f, render, known))
                .collect()
        },
        || lock::read_lock(&opts.root),
    );
    let mut parsed = Vec::with_capacity(read.len());
    // an id written wrong whose letters and digits are those of an id the
    // lock holds (`CT 03`, `ct03` locked): that id is the one to write,
    // not a new one the printed code would not open
    let compact = |id: &str| -> String {
        id.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    // (made only when an id is written wrong: not on every load)
    let wrong_id = |d: &Diagnostics| d.items.iter().any(|i| matches!(i.msg, Msg::BadId { .. }));
    let mut read = read;
    let locked: HashMap<String, &String> = match read.iter().any(|(_, (_, d))| wrong_id(d)) {
        true => qr_lock.entries.keys().map(|id| (compact(id), id)).collect(),
        false => HashMap::new(),
    };
    for (_, (_, d)) in read.iter_mut().filter(|(_, (_, d))| wrong_id(d)) {
        for item in d.items.iter_mut() {
            if let Msg::BadId { value, meant } = &mut item.msg
                && let Some(id) = locked.get(&compact(value))
            {
                *meant = Some((*id).clone());
            }
        }
    }
    suggest_ids(&files, &mut read, &qr_lock);
    match cache {
        Some(c) => {
            let mut kept = HashMap::with_capacity(read.len());
            for (f, (bytes, result)) in files.iter().zip(read) {
                if let (Some(path), Some(bytes)) = (f.source(), bytes) {
                    kept.insert(
                        path.to_path_buf(),
                        (bytes, result.0.clone(), result.1.clone()),
                    );
                }
                parsed.push(result);
            }
            c.files = kept;
        }
        None => parsed.extend(read.into_iter().map(|(_, r)| r)),
    }

    let mut cats: BTreeMap<String, CategoryParts> = BTreeMap::new();
    // each category's room for its guides made once (grown one guide at a
    // time, a 10,000-guide site spent 20 ms copying them on one thread)
    let mut guides: HashMap<&str, usize> = HashMap::new();
    for f in &files {
        if let Entry::Procedure { category, .. } = f {
            *guides.entry(category.as_str()).or_default() += 1;
        }
    }
    // guides saved under a name camnang does not read: (page, file, name)
    let mut renamed: Vec<(String, String, String)> = Vec::new();
    let mut static_files = Vec::new();
    for (f, (parsed, d)) in files.iter().zip(parsed) {
        let told = d.has_errors();
        diags.extend(d);
        match (f, parsed) {
            (Entry::CategoryDir { slug, dir }, _) => {
                // two folders with one address (`Cư Trú/` beside `cu-tru/`)
                if let Some(first) = cats.get(slug)
                    && first.dir != *dir
                {
                    let folder = |d: &Path| {
                        let r = rel(&opts.root, d).to_string_lossy().replace('\\', "/");
                        format!("{r}/")
                    };
                    diags.push(
                        Diagnostic::error(Msg::DuplicateCategory {
                            slug: slug.clone(),
                            other: PathBuf::from(folder(&first.dir)),
                        })
                        .in_file(folder(dir)),
                    );
                }
                cats.entry(slug.clone()).or_insert(CategoryParts {
                    meta: None,
                    index_broken: false,
                    dir: dir.clone(),
                    procs: Vec::with_capacity(guides.get(slug.as_str()).copied().unwrap_or(0)),
                    texts: BTreeMap::new(),
                    translations: Vec::new(),
                });
            }
            (Entry::CategoryIndex { slug, .. }, Parsed::Category(meta)) => {
                if let Some(c) = cats.get_mut(slug) {
                    c.meta = Some(meta);
                }
            }
            (Entry::CategoryIndex { slug, .. }, _) if told => {
                if let Some(c) = cats.get_mut(slug) {
                    c.index_broken = true;
                }
            }
            (Entry::CategoryTranslation { slug, code, .. }, Parsed::Category(meta)) => {
                if let Some(c) = cats.get_mut(slug) {
                    c.texts.insert(code.clone(), meta);
                }
            }
            (Entry::Procedure { category, .. }, Parsed::Procedure(p)) => {
                if let Some(c) = cats.get_mut(category) {
                    c.procs.push(*p);
                }
            }
            (Entry::Translation { category, .. }, Parsed::Procedure(p)) => {
                if let Some(c) = cats.get_mut(category) {
                    c.translations.push(*p);
                }
            }
            (Entry::Unread { path, why }, _) => {
                let shown = rel(&opts.root, path);
                let mut shown = shown.to_string_lossy().replace('\\', "/");
                if *why == Unread::Nested || path.is_dir() {
                    shown.push('/');
                }
                // the page a guide saved as `….md.txt` would have: a
                // printed code that led there is told with the renaming
                if let Unread::NotMarkdown {
                    rename: Some(r), ..
                } = why
                    && let Some(folder) = path.parent().and_then(Path::file_name)
                {
                    let stem = r.strip_suffix(".md").unwrap_or(r);
                    let page = format!("{}/{}/", slugify(&folder.to_string_lossy()), slugify(stem));
                    renamed.push((page, shown.clone(), r.clone()));
                }
                diags.push(Diagnostic::warning(why.msg()).in_file(shown));
            }
            (Entry::Static { source, target }, _) => static_files.push(StaticFile {
                source: source.clone(),
                target: target.clone(),
            }),
            _ => {}
        }
    }

    check_unique(&mut diags, &cats, &qr_lock);

    // each category's procedures in Vietnamese order, categories in parallel
    let cats: Vec<(String, CategoryParts)> = cats
        .into_par_iter()
        .map(|(slug, mut parts)| {
            parts.procs.sort_by(|(a, _), (b, _)| {
                vi_cmp(&a.title, &b.title).then_with(|| a.slug.cmp(&b.slug))
            });
            (slug, parts)
        })
        .collect();
    let mut categories: Vec<Category> = Vec::new();
    let mut languages: BTreeSet<String> = BTreeSet::new();
    for (slug, parts) in cats {
        let Some(meta) = parts.meta else {
            if parts.index_broken {
                continue;
            }
            // a folder just made (Explorer's "New folder", not renamed or
            // filled yet) holds no guide: told, and left off the site
            // (every page was an error while it was there)
            // (a folder that cannot be read is no empty one: its guides
            // would be left off the site, and deleting it, as W045 says,
            // would lose them)
            let listed = std::fs::read_dir(&parts.dir);
            let unreadable = listed.as_ref().err().map(|e| e.to_string());
            let guides = listed.is_ok_and(|d| {
                d.filter_map(Result::ok).any(|e| {
                    let name = e.file_name().to_string_lossy().to_lowercase();
                    name.ends_with(".md") && !name.starts_with('.') && !system_file(&name)
                })
            });
            let msg = match (unreadable, guides) {
                (Some(detail), _) => Diagnostic::error(Msg::FolderUnreadable { detail })
                    .in_file(rel(&opts.root, &parts.dir)),
                (None, true) => Diagnostic::error(Msg::CategoryIndexMissing)
                    .in_file(rel(&opts.root, &parts.dir.join("_index.md"))),
                (None, false) => {
                    Diagnostic::warning(Msg::CategoryEmpty).in_file(rel(&opts.root, &parts.dir))
                }
            };
            diags.push(msg);
            continue;
        };
        let mut procedures: Vec<Procedure> = parts.procs.into_iter().map(|(p, _)| p).collect();
        // slugs are unique in a category (E022), so one index finds each
        // translation's original without a search per translation
        let by_slug: HashMap<String, usize> = if parts.translations.is_empty() {
            HashMap::new()
        } else {
            procedures
                .iter()
                .enumerate()
                .rev() // the first of two with one slug wins, as before
                .map(|(i, p)| (p.slug.clone(), i))
                .collect()
        };
        for (mut t, spot) in parts.translations {
            let code = t.lang.clone().unwrap_or_default();
            if code == config.language {
                // `dang-ky.vi.md` on a Vietnamese site: never read; the
                // original is the procedure with its slug, as for others
                let found = by_slug.get(&t.slug).and_then(|&i| procedures.get(i));
                let (original, exists) = match found {
                    Some(p) => (p.source.clone(), true),
                    // (an original with a mistake is not among the
                    // procedures, but it is there)
                    None => {
                        let o = original_of(&t.source).unwrap_or_else(|| t.source.clone());
                        let there = opts.root.join(&o).is_file();
                        (o, there)
                    }
                };
                diags.push(
                    Diagnostic::warning(Msg::OwnLanguageFile {
                        code,
                        original,
                        exists,
                    })
                    .in_file(&t.source),
                );
                continue;
            }
            // a translation whose original is gone is left out, and told
            // (`build` too: a renamed original silently took its
            // translation off the site); one whose original has a mistake
            // is left out with that mistake told
            let Some(original) = by_slug.get(&t.slug).and_then(|&i| procedures.get_mut(i)) else {
                if let Some(o) = original_of(&t.source)
                    && !opts.root.join(&o).is_file()
                {
                    diags.push(
                        Diagnostic::warning(Msg::OrphanTranslation {
                            code: code.clone(),
                            original: o,
                        })
                        .in_file(&t.source),
                    );
                }
                continue;
            };
            if !t.id.is_empty() && t.id != original.id {
                let mut d = Diagnostic::error(Msg::TranslationIdDiffers {
                    id: t.id.clone(),
                    original: original.id.clone(),
                })
                .in_file(&t.source)
                .field("id");
                d.line = Some(spot.line);
                d.column = Some(spot.column);
                d.source_line = Some(spot.text.clone());
                diags.push(d);
                continue;
            }
            t.id = original.id.clone();
            languages.insert(code.clone());
            original.translations.insert(code, t);
        }
        if parts.texts.contains_key(&config.language) {
            let file = rel(
                &opts.root,
                &parts.dir.join(format!("_index.{}.md", config.language)),
            );
            diags.push(
                Diagnostic::warning(Msg::OwnLanguageFile {
                    code: config.language.clone(),
                    original: rel(&opts.root, &parts.dir.join("_index.md")),
                    exists: true,
                })
                .in_file(file),
            );
        }
        let translations = parts
            .texts
            .into_iter()
            .filter(|(code, _)| *code != config.language)
            .map(|(code, m)| {
                languages.insert(code.clone());
                (
                    code,
                    CategoryText {
                        title: m.title,
                        summary: m.summary,
                        intro_html: m.intro_html,
                        links: m.links,
                    },
                )
            })
            .collect();
        categories.push(Category {
            slug,
            title: meta.title,
            order: meta.order,
            summary: meta.summary,
            intro_html: meta.intro_html,
            links: meta.links,
            source: parts.dir,
            procedures,
            translations,
        });
    }
    categories.sort_by(|a, b| {
        a.order
            .unwrap_or(i64::MAX)
            .cmp(&b.order.unwrap_or(i64::MAX))
            .then_with(|| vi_cmp(&a.title, &b.title))
            .then_with(|| a.slug.cmp(&b.slug))
    });

    diags.extend(lock_diags);
    let ids: BTreeMap<String, &Procedure> = categories
        .iter()
        .flat_map(|c| c.procedures.iter())
        .map(|p| (p.id.clone(), p))
        .collect();
    if !diags.has_errors() {
        diags.extend(lock::check_lock(&qr_lock, &ids, &lock_text, &renamed));
    }

    // the site's words in a language no page is in: a backup copy of
    // site.yaml (`site.old.yaml`, `site.bak.yaml`) as often as a
    // translation ahead of its pages; its lines are not read, so its
    // settings are not told one by one (W110) either
    let unused: Vec<&String> = config
        .texts
        .keys()
        .filter(|c| !languages.contains(*c))
        .collect();
    diags.items.retain(
        |d| !matches!(&d.msg, Msg::SettingNotPerLanguage { code, .. } if unused.contains(&code)),
    );
    for code in unused {
        diags.push(
            Diagnostic::warning(Msg::SiteTextsUnused { code: code.clone() })
                .in_file(format!("site.{code}.yaml")),
        );
    }
    diags.sort();
    let mut langs = vec![config.language.clone()];
    langs.extend(languages);
    let site = Site {
        root: opts.root.clone(),
        config,
        categories,
        static_files,
        qr_lock,
        languages: langs,
    };
    let (site, unfinished) = match diags.has_errors() {
        true => (None, Some(site)),
        false => (Some(site), None),
    };
    Loaded {
        site,
        unfinished,
        diags,
        lang,
    }
}

/// A file or folder found in `content/`.
#[derive(Debug, Clone)]
enum Entry {
    CategoryDir {
        slug: String,
        dir: PathBuf,
    },
    CategoryIndex {
        slug: String,
        path: PathBuf,
    },
    Procedure {
        category: String,
        slug: String,
        path: PathBuf,
    },
    Static {
        source: PathBuf,
        target: String,
    },
    /// `name.xx.md`: a procedure in another language.
    Translation {
        category: String,
        slug: String,
        code: String,
        path: PathBuf,
    },
    /// `_index.xx.md`: a category's title in another language.
    CategoryTranslation {
        slug: String,
        code: String,
        path: PathBuf,
    },
    /// A file or folder where camnang reads nothing: told as a warning,
    /// so a guide saved in the wrong place does not vanish unnoticed.
    Unread {
        path: PathBuf,
        why: Unread,
    },
}

/// Why a file or folder of `content/` is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unread {
    /// A file right in `content/`, in no category.
    Loose,
    /// `content/_index.md`, as Hugo sites write the home page's text.
    HomeIndex,
    /// A folder inside a category folder.
    Nested,
    /// A file of a category folder whose name does not end in `.md`; the
    /// name it would have as a guide, if it looks like one.
    NotMarkdown {
        rename: Option<String>,
        backup: bool,
    },
    /// A guide or category folder whose name slugs to nothing (`-.md`).
    NoLetters,
    /// `content/Files/` or `content/STATIC/`: the folder of forms and
    /// images in other capitals; the name it must have.
    StaticMisnamed { rename: String },
    /// A guide named like a translation in a way camnang does not read
    /// (`dang-ky.EN.md`, `dang-ky.en-US.md`): the name it should have.
    OddLanguage { rename: String },
    /// A category's title file named `index.md` (as Hugo names a page's
    /// own folder), `Index.md` or `_INDEX.md`: the name it must have.
    IndexMisnamed { rename: String },
    /// A translation saved under a name of its own beside its original
    /// (`dang-ky (English).md`, `dang-ky_en.md`): the name it should have.
    TranslationMisnamed { rename: String, taken: bool },
    /// `qr-lock.yaml`, `site.yaml` or `site.en.yaml` moved into
    /// `content/`: read only beside `content/`.
    SiteFile { name: String },
}

impl Unread {
    fn msg(&self) -> Msg {
        match self {
            Unread::Loose => Msg::LooseFile,
            Unread::SiteFile { name } => Msg::SiteFileMoved { name: name.clone() },
            Unread::HomeIndex => Msg::HomeIndexUnread,
            Unread::NoLetters => Msg::NameWithoutLetters,
            Unread::Nested => Msg::NestedFolder,
            Unread::NotMarkdown { rename, backup } => Msg::NotMarkdown {
                rename: rename.clone(),
                backup: *backup,
            },
            Unread::OddLanguage { rename } => Msg::OddLanguageName {
                rename: rename.clone(),
            },
            Unread::StaticMisnamed { rename } => Msg::FilesFolderName {
                rename: rename.clone(),
            },
            Unread::IndexMisnamed { rename } => Msg::IndexMisnamed {
                rename: rename.clone(),
            },
            Unread::TranslationMisnamed { rename, taken } => Msg::TranslationMisnamed {
                rename: rename.clone(),
                taken: *taken,
            },
        }
    }
}

/// A file's bytes (when it was read) and what parsing it gave.
type ReadFile = (Option<Vec<u8>>, (Parsed, Diagnostics));

#[derive(Debug, Clone)]
enum Parsed {
    Nothing,
    Category(CategoryMeta),
    Procedure(Box<(Procedure, IdSpot)>),
}

impl Entry {
    /// The Markdown file to parse, if the entry is one.
    fn source(&self) -> Option<&Path> {
        match self {
            Entry::CategoryIndex { path, .. }
            | Entry::Procedure { path, .. }
            | Entry::Translation { path, .. }
            | Entry::CategoryTranslation { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// A category while loading.
struct CategoryParts {
    /// Its `_index.md`.
    meta: Option<CategoryMeta>,
    /// Whether it has an `_index.md` that could not be read (its own
    /// mistakes are told; "no _index.md" would not be true).
    index_broken: bool,
    dir: PathBuf,
    procs: Vec<(Procedure, IdSpot)>,
    /// `_index.xx.md` by language.
    texts: BTreeMap<String, CategoryMeta>,
    /// `name.xx.md` files.
    translations: Vec<(Procedure, IdSpot)>,
}

/// Walks `content/` in sorted order (so builds are the same on every
/// machine) and sorts what it finds into categories, procedures and static
/// files. Symbolic links are not followed.
fn walk(content: &Path) -> Vec<Entry> {
    let sorted = |dir: &Path| {
        WalkDir::new(dir)
            .min_depth(1)
            .follow_links(false)
            .sort_by_file_name()
    };
    // each top-level folder is walked on its own thread; the order stays
    // that of one sorted walk of `content/`
    let tops: Vec<walkdir::DirEntry> = sorted(content)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    tops.par_iter()
        .flat_map_iter(|top| {
            // static folders are copied whole; a category is read one level
            // deep (a folder inside it is told about, not walked)
            let copied = STATIC_DIRS.contains(&top.file_name().to_string_lossy().as_ref());
            let inside: Vec<walkdir::DirEntry> = match (top.file_type().is_dir(), copied) {
                (true, true) => sorted(top.path())
                    .into_iter()
                    .filter_map(Result::ok)
                    .collect(),
                // one level: the entries sorted by name once (each name
                // read once, not at every comparison), the order the
                // sorted walk gives
                (true, false) => {
                    let mut inside: Vec<walkdir::DirEntry> = WalkDir::new(top.path())
                        .min_depth(1)
                        .max_depth(1)
                        .follow_links(false)
                        .into_iter()
                        .filter_map(Result::ok)
                        .collect();
                    inside.sort_by_cached_key(|e| e.file_name().to_os_string());
                    inside
                }
                (false, _) => Vec::new(),
            };
            std::iter::once(top.clone())
                .chain(inside)
                .filter_map(|e| classify(content, &e))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What one walked file or folder of `content/` is, if anything.
fn classify(content: &Path, entry: &walkdir::DirEntry) -> Option<Entry> {
    let path = entry.path();
    let relative = path.strip_prefix(content).ok()?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let top = parts.first()?;
    if top.starts_with('.') || parts.iter().any(|p| p.starts_with('.')) {
        return None; // hidden files and folders (.git, .DS_Store)
    }
    let file_type = entry.file_type();
    if STATIC_DIRS.contains(&top.as_str()) {
        // what Windows and Office leave by themselves (`Thumbs.db` in a
        // folder of pictures, Word's `~$mau.docx` of a form open in it)
        // is not published, as elsewhere in `content/`
        if parts.last().is_some_and(|n| system_file(n)) {
            return None;
        }
        // (published under its name in NFC, as links are written: a name
        // saved decomposed, on a Mac or with Unikey's "tổ hợp", was a 404)
        return file_type.is_file().then(|| Entry::Static {
            source: path.to_path_buf(),
            target: crate::text::nfc(&parts.join("/")),
        });
    }
    let unread = |why: Unread| {
        Some(Entry::Unread {
            path: path.to_path_buf(),
            why,
        })
    };
    // `Files/`: the forms' folder in other capitals, told once (a category
    // of that name would ask for an `_index.md`, then clash with `files`)
    if let Some(dir) = STATIC_DIRS.iter().find(|d| top.eq_ignore_ascii_case(d)) {
        return (parts.len() == 1 && file_type.is_dir()).then(|| Entry::Unread {
            path: path.to_path_buf(),
            why: Unread::StaticMisnamed {
                rename: format!("content/{dir}/"),
            },
        });
    }
    let name = parts.last()?;
    // a category folder whose name gives no address is told about once;
    // the files in it are not read
    let category = slugify(top);
    if category.is_empty() && !(parts.len() == 1 && file_type.is_file()) {
        return (parts.len() == 1 && file_type.is_dir()).then(|| Entry::Unread {
            path: path.to_path_buf(),
            why: Unread::NoLetters,
        });
    }
    match parts.len() {
        1 if file_type.is_dir() => Some(Entry::CategoryDir {
            slug: category,
            dir: path.to_path_buf(),
        }),
        // (links are not followed, and not told about: see the hostile cases)
        // (`content/_index.md`: a home page's text, which camnang takes
        // from site.yaml)
        1 if file_type.is_file() && name.eq_ignore_ascii_case("_index.md") => {
            unread(Unread::HomeIndex)
        }
        // `qr-lock.yaml` or `site.yaml` dragged into `content/`: told as
        // moved (with no `qr-lock.yaml` left beside `site.yaml`, the lock's
        // own error says it, E153)
        1 | 2 if file_type.is_file() && site_file(name) => {
            let lock = name.eq_ignore_ascii_case(crate::load::lock::LOCK_FILE);
            let root = content.parent().unwrap_or(content);
            match lock && !root.join(crate::load::lock::LOCK_FILE).exists() {
                true => None,
                false => unread(Unread::SiteFile { name: name.clone() }),
            }
        }
        1 if file_type.is_file() && !system_file(name) => unread(Unread::Loose),
        2 if file_type.is_dir() => unread(Unread::Nested),
        // Word's lock file of a guide open in it (`~$ng-ky.md`)
        2 if file_type.is_file() && system_file(name) => None,
        2 if file_type.is_file() && !parts[1].ends_with(".md") => match system_file(name) {
            true => None,
            false => unread(Unread::NotMarkdown {
                rename: as_markdown(name),
                backup: backup_copy(name),
            }),
        },
        2 if file_type.is_file() => {
            let stem = parts[1].strip_suffix(".md")?;
            // `dang-ky.md.md` (Windows hid the first `.md` and the clerk
            // typed it again): a guide to rename, not a translation into
            // "md" (told so, with "or delete this translation", for a
            // guide whose code was printed)
            if stem.len() > 3 && stem.to_ascii_lowercase().ends_with(".md") {
                return unread(Unread::NotMarkdown {
                    rename: Some(format!("{}.md", &stem[..stem.len() - 3])),
                    backup: false,
                });
            }
            let language = translation_of(stem);
            if language.is_none()
                && let Some(rename) = odd_language(stem)
            {
                return unread(Unread::OddLanguage { rename });
            }
            // a translation saved under a name of its own beside its
            // original: read as a second guide it asked for an `id`, and
            // one given published it as another procedure
            if language.is_none()
                && let Some((base, code)) = named_translation(stem)
                && path.with_file_name(format!("{base}.md")).is_file()
            {
                let rename = format!("{base}.{code}.md");
                // (a translation under that name already: renaming would
                // replace it)
                let taken = path.with_file_name(&rename).exists();
                return unread(Unread::TranslationMisnamed { rename, taken });
            }
            let base = language.map_or(stem, |(base, _)| base);
            // `index.md`, `Index.md`, `_INDEX.md`: the category's title
            // file, misnamed (read as a guide, it was seven mistakes none
            // of which said so)
            if base != "_index"
                && (base.eq_ignore_ascii_case("index") || base.eq_ignore_ascii_case("_index"))
            {
                let rename = match language {
                    Some((_, code)) => format!("_index.{code}.md"),
                    None => "_index.md".to_string(),
                };
                return unread(Unread::IndexMisnamed { rename });
            }
            let slug = slugify(base);
            if base != "_index" && slug.is_empty() {
                return unread(Unread::NoLetters);
            }
            Some(match (stem, language) {
                ("_index", _) => Entry::CategoryIndex {
                    slug: category,
                    path: path.to_path_buf(),
                },
                (_, Some(("_index", code))) => Entry::CategoryTranslation {
                    slug: category,
                    code: code.to_string(),
                    path: path.to_path_buf(),
                },
                (_, Some((_, code))) => Entry::Translation {
                    category,
                    slug,
                    code: code.to_string(),
                    path: path.to_path_buf(),
                },
                (_, None) => Entry::Procedure {
                    category,
                    slug,
                    path: path.to_path_buf(),
                },
            })
        }
        _ => None,
    }
}

/// The file the translation `file` stands beside, by name:
/// `content/cu-tru/dang-ky.en.md` → `content/cu-tru/dang-ky.md`.
pub fn original_of(file: &Path) -> Option<PathBuf> {
    let name = file.file_name()?.to_string_lossy();
    let (base, _) = translation_of(name.strip_suffix(".md")?)?;
    Some(file.with_file_name(format!("{base}.md")))
}

/// Files the operating system leaves in folders by itself (Windows'
/// thumbnails and folder settings, Office's lock files, editors' backups):
/// never the clerk's work, never told about.
pub(crate) fn system_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    ["thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"].contains(&lower.as_str())
        // where a file came from, beside each file copied from Windows into
        // WSL or a Samba share (`dang-ky.md:Zone.Identifier`)
        || lower.ends_with(":zone.identifier")
        || name.starts_with("~$")
        || name.ends_with('~')
        // Emacs' autosave of a file being edited
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
}

/// The folder beside `site.yaml` that holds guides when there is no
/// `content/` (renamed in a file manager: `Nội dung`, `Content`,
/// `content (1)`): a folder of folders with `.md` files in them.
fn renamed_content(root: &Path) -> Option<String> {
    let holds_guides = |dir: &Path| {
        std::fs::read_dir(dir).ok().is_some_and(|entries| {
            entries.flatten().filter(|e| e.path().is_dir()).any(|cat| {
                std::fs::read_dir(cat.path()).ok().is_some_and(|files| {
                    files.flatten().any(|f| {
                        f.file_name()
                            .to_string_lossy()
                            .to_lowercase()
                            .ends_with(".md")
                    })
                })
            })
        })
    };
    let mut found: Vec<String> = std::fs::read_dir(root)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && n != "themes" && n != "static")
        .filter(|n| holds_guides(&root.join(n)))
        .collect();
    found.sort();
    // (one such folder: two are a copy, and which is meant is unclear)
    (found.len() == 1).then(|| found.remove(0))
}

/// Whether `name` is one of the site's own files, read only beside
/// `content/`: `qr-lock.yaml`, `site.yaml`, `site.en.yaml`.
fn site_file(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower == crate::load::lock::LOCK_FILE
        || lower == "site.yaml"
        || lower
            .strip_prefix("site.")
            .and_then(|r| r.strip_suffix(".yaml"))
            .is_some_and(|code| {
                (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphabetic())
            })
}

/// Whether a file's name is a backup copy's (`dang-ky.md.bak`,
/// `dang-ky.old`, `dang-ky.md.orig`): never to be published.
fn backup_copy(name: &str) -> bool {
    let lower = name.to_lowercase();
    [
        ".bak", ".old", ".orig", ".backup", ".sav", ".save", ".tmp", ".cu",
    ]
    .iter()
    .any(|end| lower.ends_with(end))
}

/// The name a file that looks like a guide saved under another extension
/// would have as one: `Đăng ký.MD`, `dang-ky.md.txt` (Notepad, with the
/// extension hidden by Windows), `dang-ky.markdown`, `dang-ky.txt`.
fn as_markdown(name: &str) -> Option<String> {
    // (a name that is not UTF-8 is shown with U+FFFD: no name to give)
    if name.contains('\u{FFFD}') {
        return None;
    }
    [".md.txt", ".md", ".markdown", ".mdown", ".mkd", ".txt"]
        .iter()
        .find_map(|ext| {
            let at = name.len().checked_sub(ext.len()).filter(|&at| at > 0)?;
            let (stem, end) = (name.get(..at)?, name.get(at..)?);
            end.eq_ignore_ascii_case(ext).then(|| {
                // (a category's title file: its own name at once, not
                // `Index.md` and then W116)
                match stem.eq_ignore_ascii_case("index") || stem.eq_ignore_ascii_case("_index") {
                    true => "_index.md".to_string(),
                    false => format!("{stem}.md"),
                }
            })
        })
}

/// Reads one procedure file of a loaded site again, as [`load`] would,
/// for `camnang serve` after an edit. `shown` is the file's path relative
/// to the site folder; `old` is the procedure it held. `None` if the file
/// cannot be read or parsed, or has mistakes (a full build then shows
/// them).
pub fn reload_procedure(
    site: &Site,
    abs: &Path,
    shown: &Path,
    old: &Procedure,
) -> Option<(Procedure, Diagnostics)> {
    let cfg = &site.config;
    let render = RenderOptions {
        allow_html: cfg.allow_html,
        base_path: &cfg.base_path,
        text: site.procedures().count() <= crate::model::BODY_WORDS_UP_TO,
    };
    let bytes = std::fs::read(abs).ok()?;
    let text = source::decode(&bytes).ok()?;
    let (parsed, diags) = parse_procedure(shown, &text, &old.slug, &old.category, render);
    let (mut new, _) = parsed?;
    if diags.has_errors() {
        return None;
    }
    new.translations = old.translations.clone();
    Some((new, diags))
}

/// Languages a clerk is likely to write a file for: a name off the mark
/// with one of these codes (`dang-ky.EN.md`, `site.en.yml`) is told with
/// the name to give it.
pub(crate) const LIKELY_LANGUAGES: &[&str] = &[
    "en", "vi", "km", "zh", "fr", "ko", "ja", "th", "lo", "ru", "de", "es",
];

/// The name a guide named like a translation in capitals or with a
/// region (`dang-ky.EN`, `dang-ky.en-US`, `dang-ky.km_KH`) should have
/// (`dang-ky.en.md`); `None` for other names.
fn odd_language(stem: &str) -> Option<String> {
    let (base, code) = stem.rsplit_once('.')?;
    let lang = code.split(['-', '_']).next()?;
    // (capitals alone only for languages a commune's site may well have:
    // `quy-dinh.ND.md` stays a guide)
    const LIKELY: &[&str] = LIKELY_LANGUAGES;
    let letters = (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_alphabetic());
    let region = code.len() > lang.len();
    let capitals = lang.bytes().any(|b| b.is_ascii_uppercase())
        && LIKELY.contains(&lang.to_ascii_lowercase().as_str());
    (letters && (capitals || region) && !base.is_empty())
        .then(|| format!("{base}.{}.md", lang.to_ascii_lowercase()))
}

/// `dang-ky (English)`, `dang-ky_en`, `dang-ky - EN`, `dang-ky (tiếng
/// Anh)` → Some(("dang-ky", "en")): a name a clerk gives a translation
/// (a language named after a space, `_`, `-`, or in brackets).
fn named_translation(stem: &str) -> Option<(&str, &'static str)> {
    const NAMES: &[(&str, &str)] = &[
        ("english", "en"),
        ("eng", "en"),
        ("tiếng anh", "en"),
        ("tieng anh", "en"),
        ("khmer", "km"),
        ("tiếng khmer", "km"),
        ("chinese", "zh"),
        ("tiếng trung", "zh"),
        ("french", "fr"),
        ("tiếng pháp", "fr"),
    ];
    let trimmed = stem.trim_end();
    let (inner, bracketed) = match trimmed.strip_suffix(')') {
        Some(t) => (t, true),
        None => (trimmed, false),
    };
    let known = LIKELY_LANGUAGES
        .iter()
        .map(|c| (*c, *c))
        .chain(NAMES.iter().copied())
        .filter(|(_, code)| *code != "vi");
    for (name, code) in known {
        // (the name's last bytes, in any capitals: `English`, `EN`)
        let Some(cut) = inner.len().checked_sub(name.len()) else {
            continue;
        };
        let (Some(before), Some(tail)) = (inner.get(..cut), inner.get(cut..)) else {
            continue;
        };
        if tail.to_lowercase() != name {
            continue;
        }
        let base = match bracketed {
            true => before.strip_suffix('(')?,
            false => before,
        };
        let sep = base.ends_with([' ', '_', '-']);
        let base = base.trim_end_matches([' ', '_', '-']);
        if (sep || bracketed) && !base.is_empty() {
            return Some((base, code));
        }
    }
    None
}

/// `dang-ky.en` → Some(("dang-ky", "en")): a translation file's stem.
pub fn translation_of(stem: &str) -> Option<(&str, &str)> {
    let (base, code) = stem.rsplit_once('.')?;
    // (`dang-ky.md.md` is a guide named twice over, not a language "md")
    let ok = (2..=3).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_lowercase())
        && code != "md";
    ok.then_some((base, code))
}

/// Reads and parses one file, or takes what parsing the same bytes gave
/// before from `cache`. Returns the bytes read (for the next cache).
fn parse_file(
    root: &Path,
    entry: &Entry,
    render: RenderOptions<'_>,
    cache: Option<&ParseCache>,
) -> ReadFile {
    // a file of `content/files/` is copied into the site as it is: one
    // that cannot be read is told here, at its own name, before anything
    // is written (not as the output file that could not be made)
    if let Entry::Static { source, .. } = entry
        && let Err(e) = std::fs::File::open(source)
    {
        let msg = Msg::ReadFailed {
            detail: e.to_string(),
        };
        let d = Diagnostic::error(msg).in_file(rel(root, source));
        return (None, (Parsed::Nothing, single(d)));
    }
    let Some(path) = entry.source() else {
        return (None, (Parsed::Nothing, Diagnostics::default()));
    };
    let shown = rel(root, path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let msg = Msg::ReadFailed {
                detail: e.to_string(),
            };
            return (
                None,
                (
                    Parsed::Nothing,
                    single(Diagnostic::error(msg).in_file(&shown)),
                ),
            );
        }
    };
    if let Some((old, parsed, diags)) = cache.and_then(|c| c.files.get(path))
        && *old == bytes
    {
        return (Some(bytes), (parsed.clone(), diags.clone()));
    }
    // the bytes are kept only to compare with the next load
    let kept = cache.is_some().then(|| bytes.clone());
    (kept, parse_bytes(&shown, bytes, entry, render))
}

fn parse_bytes(
    shown: &Path,
    bytes: Vec<u8>,
    entry: &Entry,
    render: RenderOptions<'_>,
) -> (Parsed, Diagnostics) {
    let text = match source::decode_owned(bytes) {
        Ok(t) => t,
        Err(msg) => {
            return (
                Parsed::Nothing,
                single(Diagnostic::error(msg).in_file(shown)),
            );
        }
    };
    match entry {
        Entry::CategoryIndex { .. } | Entry::CategoryTranslation { .. } => {
            let (meta, d) = parse_category_index(shown, &text, render);
            (meta.map(Parsed::Category).unwrap_or(Parsed::Nothing), d)
        }
        Entry::Procedure { category, slug, .. } => {
            let (p, d) = parse_procedure(shown, &text, slug, category, render);
            let p = p.map(|p| Parsed::Procedure(Box::new(p)));
            (p.unwrap_or(Parsed::Nothing), d)
        }
        Entry::Translation {
            category,
            slug,
            code,
            ..
        } => {
            let (p, d) = parse_procedure_in(shown, &text, slug, category, render, Some(code));
            let p = p.map(|p| Parsed::Procedure(Box::new(p)));
            (p.unwrap_or(Parsed::Nothing), d)
        }
        _ => (Parsed::Nothing, Diagnostics::default()),
    }
}

/// Ids must be unique across the site, page addresses within a category.
/// Of two files with one id, the one `qr-lock.yaml` names for it keeps it
/// (a code printed for it leads there) and the other is told: a copy
/// Windows names `… - Copy.md` sorts first, and a clerk who changed the id
/// where the mistake was told moved the printed code to the copy.
fn check_unique(diags: &mut Diagnostics, cats: &BTreeMap<String, CategoryParts>, lock: &QrLock) {
    let mut ids: BTreeMap<&str, (&Procedure, &IdSpot)> = BTreeMap::new();
    let locked_at = |p: &Procedure| {
        lock.entries
            .get(&p.id)
            .is_some_and(|e| e.target == crate::model::routes::procedure(p))
    };
    for parts in cats.values() {
        let procs = &parts.procs;
        let mut slugs: BTreeMap<&str, &Path> = BTreeMap::new();
        for (p, spot) in procs {
            if let Some(&(first, first_spot)) = ids.get(p.id.as_str()) {
                // told at the file the lock does not name (the later one
                // when it names neither)
                let swap = locked_at(p) && !locked_at(first);
                let ((told, told_spot), (keeper, keeper_spot)) = match swap {
                    true => ((first, first_spot), (p, spot)),
                    false => ((p, spot), (first, first_spot)),
                };
                let mut d = Diagnostic::error(Msg::DuplicateId {
                    id: p.id.clone(),
                    other: keeper.source.clone(),
                })
                .in_file(&told.source)
                .field("id");
                d.line = Some(told_spot.line);
                d.column = Some(told_spot.column);
                d.source_line = Some(told_spot.text.clone());
                diags.push(d);
                // a third file with the id is told against the keeper
                ids.insert(&keeper.id, (keeper, keeper_spot));
            } else {
                ids.insert(&p.id, (p, spot));
            }
            if let Some(other) = slugs.get(p.slug.as_str()) {
                // two names that print alike: one with its letters'
                // marks apart (NFD, from a Mac or a zip file)
                let twin = other.as_os_str() != p.source.as_os_str()
                    && crate::text::nfc(&other.to_string_lossy())
                        == crate::text::nfc(&p.source.to_string_lossy());
                diags.push(
                    Diagnostic::error(Msg::DuplicateSlug {
                        slug: p.slug.clone(),
                        other: other.to_path_buf(),
                        twin,
                    })
                    .in_file(&p.source),
                );
            } else {
                slugs.insert(&p.slug, &p.source);
            }
        }
    }
}

/// The id to write for each guide told it has none (E010): the code
/// `qr-lock.yaml` keeps for the guide's page, when no other guide holds
/// it (the one printed on its posters: a clerk who deleted the line and
/// wrote a new id left every printed code opening nothing), else a free
/// one made from its page's name, as `camnang new` makes them.
fn suggest_ids(files: &[Entry], read: &mut [ReadFile], lock: &QrLock) {
    let missing = |d: &Diagnostics| {
        d.items.iter().any(
            |i| matches!(&i.msg, Msg::MissingField { field, file: None, id: None } if field == "id"),
        )
    };
    if !read.iter().any(|(_, (_, d))| missing(d)) {
        return;
    }
    // the ids guides hold, and with them those the lock keeps
    let mut held: BTreeSet<String> = read
        .iter()
        .filter_map(|(_, (parsed, _))| match parsed {
            Parsed::Procedure(p) => Some(p.0.id.clone()),
            _ => None,
        })
        .collect();
    let mut taken: BTreeSet<String> = held
        .union(&lock.entries.keys().cloned().collect())
        .cloned()
        .collect();
    for (f, (_, (_, d))) in files.iter().zip(read.iter_mut()) {
        let Entry::Procedure { category, slug, .. } = f else {
            continue;
        };
        if !missing(d) {
            continue;
        }
        let page = format!("{category}/{slug}/");
        let printed = lock
            .entries
            .iter()
            .find(|(id, e)| {
                e.target == page
                    && e.retired.is_none()
                    && e.replaced_by.is_none()
                    && !held.contains(*id)
            })
            .map(|(id, _)| id.clone());
        let suggested = match printed {
            Some(id) => (id, true),
            None => (crate::model::free_id(slug, &taken), false),
        };
        held.insert(suggested.0.clone());
        taken.insert(suggested.0.clone());
        for item in d.items.iter_mut() {
            if let Msg::MissingField {
                field,
                file: None,
                id,
            } = &mut item.msg
                && field == "id"
            {
                *id = Some(suggested.clone());
            }
        }
    }
}

fn single(d: Diagnostic) -> Diagnostics {
    let mut ds = Diagnostics::default();
    ds.push(d);
    ds
}

/// A path relative to the site folder, for messages.
pub fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The language of messages for the site at `root`, read quickly from the
/// `language:` line of `site.yaml`, before (or without) loading it.
pub fn site_lang(root: &Path) -> Lang {
    guess_lang(root)
}

/// The message language when `site.yaml` cannot be read: a `language: en`
/// line is still honoured if it is there.
fn guess_lang(root: &Path) -> Lang {
    crate::load::source::read_text(&root.join("site.yaml"))
        .and_then(|t| {
            t.lines().find_map(|l| {
                l.trim()
                    .strip_prefix("language:")
                    .map(|v| v.trim().trim_matches('"').to_string())
            })
        })
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_folder_renamed_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("Nội dung/cu-tru")).unwrap();
        std::fs::write(root.join("Nội dung/cu-tru/tam-tru.md"), "---\n").unwrap();
        std::fs::create_dir_all(root.join("themes/default/templates")).unwrap();
        std::fs::create_dir_all(root.join("public/cu-tru")).unwrap();
        std::fs::write(root.join("public/cu-tru/index.html"), "<p>").unwrap();
        assert_eq!(renamed_content(root).as_deref(), Some("Nội dung"));
        // two such folders (a copy): which one is meant is not guessed
        std::fs::create_dir_all(root.join("content cũ/ho-tich")).unwrap();
        std::fs::write(root.join("content cũ/ho-tich/khai-sinh.md"), "---\n").unwrap();
        assert_eq!(renamed_content(root), None);
    }

    #[test]
    fn translations_saved_under_names_of_their_own_are_known() {
        for (stem, want) in [
            ("dang-ky (English)", Some(("dang-ky", "en"))),
            ("dang-ky(EN)", Some(("dang-ky", "en"))),
            ("dang-ky_en", Some(("dang-ky", "en"))),
            ("dang-ky - English", Some(("dang-ky", "en"))),
            ("dang-ky (tiếng Anh)", Some(("dang-ky", "en"))),
            ("dang-ky-km", Some(("dang-ky", "km"))),
            ("dang-ky", None),
            ("english", None),
            ("dang-kyen", None),
            ("dang-ky_vi", None),
        ] {
            assert_eq!(super::named_translation(stem), want, "{stem}");
        }
    }

    #[test]
    fn a_guide_saved_under_another_ending_gets_the_name_to_give_it() {
        assert_eq!(as_markdown("dang-ky.md.txt").as_deref(), Some("dang-ky.md"));
        assert_eq!(as_markdown("Dang-ky.MD").as_deref(), Some("Dang-ky.md"));
        // a category's title file: its own name at once
        for name in ["Index.MD", "index.txt", "_INDEX.md.txt"] {
            assert_eq!(as_markdown(name).as_deref(), Some("_index.md"), "{name}");
        }
        assert_eq!(as_markdown("mau-ct01.pdf"), None);
    }

    #[test]
    fn a_file_to_copy_that_cannot_be_read_is_told_at_its_own_name() {
        let root = Path::new("/nonexistent-site");
        let entry = Entry::Static {
            source: root.join("content/files/mau-ct01.pdf"),
            target: "files/mau-ct01.pdf".into(),
        };
        let render = RenderOptions {
            allow_html: false,
            base_path: "/",
            text: true,
        };
        let (_, (parsed, diags)) = parse_file(root, &entry, render, None);
        assert!(matches!(parsed, Parsed::Nothing));
        assert_eq!(diags.items.len(), 1);
        let d = &diags.items[0];
        assert_eq!(d.msg.code(), "E001");
        assert_eq!(
            d.file.as_deref(),
            Some(Path::new("content/files/mau-ct01.pdf"))
        );
        // a file that can be read: nothing to tell
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let readable = Entry::Static {
            source: here.join("Cargo.toml"),
            target: "files/Cargo.toml".into(),
        };
        let (_, (_, diags)) = parse_file(here, &readable, render, None);
        assert!(diags.items.is_empty());
    }
}
