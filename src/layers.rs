//! The layers of camnang, bottom first. A module may use modules of the
//! layers below its own, never one above and never a sibling of its own
//! layer; the test below reads every `crate::…` path in `src/` and fails
//! on an arrow that breaks this. (`cargo test layers`)
//!
//! | layer | modules | what |
//! |---|---|---|
//! | 0 | `alloc`, `text` | memory, Vietnamese text, escaping |
//! | 1 | `messages` | every sentence, in Vietnamese and English |
//! | 2 | `diag`, `files`, `qr` | located diagnostics; writing a file whole; the QR encoder |
//! | 3 | `theme`, `markdown` | built-in theme files; Markdown to HTML |
//! | 4 | `model` | site, categories, procedures; every address (`model::routes`), the languages |
//! | 5 | `load` | `site.yaml`, `content/`, `qr-lock.yaml` read into the model |
//! | 6 | `output` | what outputs share: files, sinks, memo, the `Output` trait |
//! | 7 | `output::templates`, `output::template_errors` | the page templates of every language; their mistakes, placed |
//! | 8 | `output::html`, `output::site_files`, `output::search`, `output::codes`, `output::json`, `output::print` | one module per output |
//! | 9 | `render`, `publish`, `cache` | run the outputs; write the site atomically; the build cache |
//! | 10 | `check`, `commands` | `camnang check`; build reports and progress |
//! | 11 | `new`, `serve`, `deploy` | `camnang new`; the preview server; `camnang deploy` (puts the built site on the host) |
//! | 12 | `import` | `camnang import`: national-portal records into procedure files (uses `new` for free ids, `check` for today's date) |
//!
//! The model's types sit below `load`, which fills them (as Zola's
//! content types sit below its site loader); nothing in the model reads
//! a file.

/// The layers, bottom first (see the module's documentation).
pub const LAYERS: &[&[&str]] = &[
    &["alloc", "text"],
    &["messages"],
    &["diag", "files", "qr"],
    &["theme", "markdown"],
    &["model"],
    &["load"],
    &["output"],
    &["output::templates", "output::template_errors"],
    &[
        "output::html",
        "output::site_files",
        "output::search",
        "output::codes",
        "output::json",
        "output::print",
    ],
    &["render", "publish", "cache"],
    &["check", "commands"],
    &["new", "serve", "deploy"],
    &["import"],
];

#[cfg(test)]
mod tests {
    use super::LAYERS;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// `output/print/pdf.rs` → `output::print`; `load/yaml.rs` → `load`;
    /// `output/json.rs` → `output::json`; `output/mod.rs` → `output`.
    fn module_of(rel: &str) -> String {
        let mut parts: Vec<&str> = rel.trim_end_matches(".rs").split('/').collect();
        if parts.last() == Some(&"mod") {
            parts.pop();
        }
        match parts.first() {
            Some(&"output") => parts.iter().take(2).copied().collect::<Vec<_>>().join("::"),
            Some(first) => first.to_string(),
            None => String::new(),
        }
    }

    fn layer_of(module: &str) -> Option<usize> {
        LAYERS.iter().position(|l| l.contains(&module))
    }

    /// Every `crate::a::b` path in `text` (code only: comments, strings
    /// and unit tests left out), as the module it names.
    fn uses(text: &str) -> BTreeSet<String> {
        let code = match text.find("#[cfg(test)]") {
            Some(i) => &text[..i],
            None => text,
        };
        let code: String = code
            .lines()
            .map(|l| match l.find("//") {
                Some(i) => &l[..i],
                None => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut out = BTreeSet::new();
        let mut rest = code.as_str();
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + 7..];
            // `crate::{a, b::c}` names several
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
                None => vec![rest],
            };
            for n in names {
                let path: String = n
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let segs: Vec<&str> = path.split("::").collect();
                let two = segs.iter().take(2).copied().collect::<Vec<_>>().join("::");
                if layer_of(&two).is_some() {
                    out.insert(two);
                } else if layer_of(segs[0]).is_some() {
                    out.insert(segs[0].to_string());
                }
            }
        }
        out
    }

    #[test]
    fn layers_only_use_layers_below() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut wrong = Vec::new();
        let mut seen = BTreeSet::new();
        for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
            let entry = entry.expect("src/ readable");
            let rel = entry.path().strip_prefix(&src).expect("below src");
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rel.ends_with(".rs") || ["lib.rs", "main.rs", "layers.rs"].contains(&rel.as_str()) {
                continue;
            }
            let module = module_of(&rel);
            let Some(own) = layer_of(&module) else {
                wrong.push(format!("{rel}: module `{module}` is in no layer"));
                continue;
            };
            seen.insert(module.clone());
            let text = std::fs::read_to_string(entry.path()).expect("source readable");
            for used in uses(&text) {
                let Some(theirs) = layer_of(&used) else {
                    continue;
                };
                if used != module && theirs >= own {
                    wrong.push(format!(
                        "{rel}: `{module}` (layer {own}) uses `{used}` (layer {theirs})"
                    ));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "arrows against the layers:\n{}",
            wrong.join("\n")
        );
        let listed: BTreeSet<String> = LAYERS
            .iter()
            .flat_map(|l| l.iter().map(|m| m.to_string()))
            .collect();
        assert_eq!(seen, listed, "every listed module exists, and only those");
    }

    #[test]
    fn uses_are_read_from_code_only() {
        let text = "use crate::model::{Site, routes};\n// crate::render\nfn f() { crate::{output::json, load}; }\n#[cfg(test)]\nmod t { use crate::serve; }";
        let found: Vec<String> = uses(text).into_iter().collect();
        assert_eq!(found, ["load", "model", "output::json"]);
    }
}
