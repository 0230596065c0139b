//! Embeds the sample site's `content/` for `camnang new site`, so the
//! binary can write it anywhere, and names the sources the binary is built
//! from (`CAMNANG_SOURCE_ID`), so the build cache never reuses a file an
//! older camnang drew.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// A hash of every file camnang's output depends on: its code, its built-in
/// theme and the locked versions of its dependencies.
fn source_id(root: &Path) -> String {
    use std::hash::{DefaultHasher, Hasher as _};
    let mut list = Vec::new();
    for dir in ["src", "themes"] {
        println!("cargo:rerun-if-changed={dir}");
        files(&root.join(dir), &mut list);
    }
    // the locked versions and the features of the dependencies (the PDF
    // writer's deflate backend is a feature) change the files too
    for file in ["Cargo.lock", "Cargo.toml", "build.rs"] {
        println!("cargo:rerun-if-changed={file}");
        list.push(root.join(file));
    }
    let mut h = DefaultHasher::new();
    for p in &list {
        h.write(
            p.strip_prefix(root)
                .unwrap_or(p)
                .to_string_lossy()
                .as_bytes(),
        );
        h.write(&std::fs::read(p).unwrap_or_default());
    }
    format!("{:016x}", h.finish())
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    println!("cargo:rustc-env=CAMNANG_SOURCE_ID={}", source_id(&root));
    println!("cargo:rerun-if-changed=content");
    let mut list = Vec::new();
    files(&root.join("content"), &mut list);
    let mut code = String::from(
        "/// The sample site's content, as `camnang new site` writes it.\npub const SAMPLE_CONTENT: &[(&str, &[u8])] = &[\n",
    );
    for p in &list {
        println!("cargo:rerun-if-changed={}", p.display());
        let rel = p
            .strip_prefix(&root)
            .unwrap_or(p)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let _ = writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            p.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("sample.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
