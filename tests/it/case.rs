//! The case files of `tests/broken/` and `tests/hostile/` (see their
//! READMEs): one format, one parser, and one way to lay a case out on top
//! of the small good site. `check` runs the broken cases, `hostile` the
//! hostile ones.

use std::path::{Path, PathBuf};

use crate::util::{TestSite, good_site, repo};

/// What a case does to a file of the good site.
pub enum Edit {
    /// `=== PATH` and its modes: write these bytes.
    Write(String, Vec<u8>),
    /// `=== -PATH`: remove the good site's file.
    Remove(String),
}

/// One case file.
#[derive(Default)]
pub struct Case {
    /// The file's name without `.site`.
    pub name: String,
    /// `class`: encoding, yaml, injection, filesystem or size.
    pub class: String,
    /// `expect`: every diagnostic of `check --format json`, exactly.
    pub expect: Vec<String>,
    /// `exit`: check's exit code, if not the default.
    pub exit: Option<i32>,
    /// `build`: build's exit code, if not the default.
    pub build: Option<i32>,
    /// `args`: more arguments for build.
    pub args: Vec<String>,
    /// `present PATH TEXT`: a built file holds TEXT.
    pub present: Vec<(String, String)>,
    /// `absent PATH TEXT`: a built file does not hold TEXT.
    pub absent: Vec<(String, String)>,
    /// `missing PATH`: the build made no such file.
    pub missing: Vec<String>,
    /// `order PATH A | B | C`: the words appear in this order.
    pub order: Vec<(String, Vec<String>)>,
    /// `size-at-least PATH BYTES`.
    pub size_at_least: Vec<(String, u64)>,
    /// `symlink LINK -> TARGET`.
    pub symlinks: Vec<(String, String)>,
    /// `many DIR N`: N small good procedures in DIR.
    pub many: Vec<(String, usize)>,
    /// The `===` sections, in order.
    pub edits: Vec<Edit>,
}

impl Case {
    /// Whether the case says only what `check` alone can show: `expect`,
    /// `exit` and files (all a case of `tests/broken/` may say).
    pub fn is_check_only(&self) -> bool {
        self.class.is_empty()
            && self.build.is_none()
            && self.args.is_empty()
            && self.present.is_empty()
            && self.absent.is_empty()
            && self.missing.is_empty()
            && self.order.is_empty()
            && self.size_at_least.is_empty()
            && self.symlinks.is_empty()
            && self.many.is_empty()
    }

    /// The files the case writes, with their bytes.
    pub fn written(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.edits.iter().filter_map(|e| match e {
            Edit::Write(name, bytes) => Some((name.as_str(), bytes.as_slice())),
            Edit::Remove(_) => None,
        })
    }

    /// The good site with the case laid out on top of it.
    pub fn site(&self) -> TestSite {
        let site = good_site();
        for edit in &self.edits {
            match edit {
                Edit::Write(name, bytes) => site.write_bytes(name, bytes),
                Edit::Remove(name) => std::fs::remove_file(site.path(name))
                    .unwrap_or_else(|e| panic!("{}: remove {name}: {e}", self.name)),
            }
        }
        for (link, target) in &self.symlinks {
            let p = site.path(link);
            std::fs::create_dir_all(p.parent().expect("a link inside the site"))
                .expect("the link's folder");
            #[cfg(unix)]
            std::os::unix::fs::symlink(target, &p).expect("symlink");
        }
        for (dir, n) in &self.many {
            for i in 0..*n {
                site.write(
                    &format!("{dir}/p{i}.md"),
                    &format!(
                        "---\ntitle: Thủ tục p{i}\nid: p{i}\nsummary: S.\nagency: A\nupdated: 2026-10-01\n---\n\n## Các bước\n\n1. Mở.\n"
                    ),
                );
            }
        }
        site
    }
}

/// Every `*.site` of `tests/<dir>/`, sorted by name.
pub fn all(dir: &str) -> Vec<Case> {
    let dir = repo().join("tests").join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "site"))
        .collect();
    paths.sort();
    paths.iter().map(|p| parse(p)).collect()
}

/// One case, `tests/<dir>/<name>.site`.
pub fn named(dir: &str, name: &str) -> Case {
    parse(&repo().join("tests").join(dir).join(format!("{name}.site")))
}

/// Reads a case file. A line the format does not know is a mistake in the
/// case, not something to ignore.
pub fn parse(path: &Path) -> Case {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("case file {}: {e}", path.display()));
    let name = path
        .file_stem()
        .expect("a case file has a name")
        .to_string_lossy()
        .into_owned();
    let mut c = Case {
        name: name.clone(),
        ..Case::default()
    };
    // (path, mode, body) of the file being read
    let mut current: Option<(String, String, String)> = None;
    let finish = |cur: Option<(String, String, String)>, edits: &mut Vec<Edit>| {
        let Some((path, mode, body)) = cur else {
            return;
        };
        let bytes = if mode.is_empty() {
            body.into_bytes()
        } else if mode == "escaped" {
            unescape(&body)
        } else if let Some(n) = mode.strip_prefix("repeat-last-line ") {
            let n: usize = n
                .parse()
                .unwrap_or_else(|_| bad(&name, &mode, "not a repeat count"));
            let trimmed = body.trim_end_matches('\n');
            let (head, last) = trimmed.rsplit_once('\n').unwrap_or(("", trimmed));
            let mut s = format!("{head}\n");
            for _ in 0..n {
                s.push_str(last);
                s.push('\n');
            }
            s.into_bytes()
        } else {
            bad(&name, &mode, "unknown file mode")
        };
        edits.push(Edit::Write(path, bytes));
    };
    for line in text.split_inclusive('\n') {
        if let Some(spec) = line.strip_prefix("=== ").map(|s| s.trim_end_matches('\n')) {
            finish(current.take(), &mut c.edits);
            if let Some(gone) = spec.strip_prefix('-') {
                c.edits.push(Edit::Remove(gone.to_string()));
                continue;
            }
            let (path, mode) = match spec.rsplit_once(" (") {
                Some((p, m)) if m.ends_with(')') => {
                    (p.to_string(), m.trim_end_matches(')').to_string())
                }
                _ => (spec.to_string(), String::new()),
            };
            current = Some((path, mode, String::new()));
            continue;
        }
        if let Some((_, _, body)) = current.as_mut() {
            body.push_str(line);
            continue;
        }
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare.is_empty() || bare.starts_with('#') {
            continue;
        }
        let (word, rest) = bare.split_once(' ').unwrap_or((bare, ""));
        let two = |sep: &str, want: &str| -> (String, String) {
            rest.split_once(sep)
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .unwrap_or_else(|| bad(&name, bare, want))
        };
        match word {
            "class" => c.class = rest.to_string(),
            "expect" => c.expect.push(rest.trim().to_string()),
            "exit" => {
                c.exit = Some(
                    rest.trim()
                        .parse()
                        .unwrap_or_else(|_| bad(&name, bare, "exit N")),
                )
            }
            "build" => {
                c.build = Some(
                    rest.trim()
                        .parse()
                        .unwrap_or_else(|_| bad(&name, bare, "build N")),
                )
            }
            "args" => c.args = rest.split_whitespace().map(str::to_string).collect(),
            "present" => c.present.push(two(" ", "present PATH TEXT")),
            "absent" => c.absent.push(two(" ", "absent PATH TEXT")),
            "missing" => c.missing.push(rest.trim().to_string()),
            "order" => {
                let (p, t) = two(" ", "order PATH A | B");
                c.order
                    .push((p, t.split(" | ").map(str::to_string).collect()));
            }
            "size-at-least" => {
                let (p, n) = two(" ", "size-at-least PATH BYTES");
                let n = n
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| bad(&name, bare, "size-at-least PATH BYTES"));
                c.size_at_least.push((p, n));
            }
            "symlink" => c.symlinks.push(two(" -> ", "symlink LINK -> TARGET")),
            "many" => {
                let (d, n) = two(" ", "many DIR N");
                let n = n
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| bad(&name, bare, "many DIR N"));
                c.many.push((d, n));
            }
            _ => bad(&name, bare, "unknown line"),
        }
    }
    finish(current.take(), &mut c.edits);
    c
}

/// A line of a case file the format does not allow.
fn bad(case: &str, line: &str, why: &str) -> ! {
    panic!("{case}.site: {why}: {line:?}")
}

/// Case-file text with `\xNN` escapes turned into bytes.
pub fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && i + 3 < b.len()
            && b[i + 1] == b'x'
            && let Ok(v) = u8::from_str_radix(&s[i + 2..i + 4], 16)
        {
            out.push(v);
            i += 4;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    out
}
