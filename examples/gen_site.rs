//! Writes a synthetic commune or province site for benchmarks: N
//! procedures over realistic categories, each with full front matter, five
//! steps, three documents, a table and about 2.5 KB of Vietnamese text.
//! The same seed gives the same site, byte for byte.
//!
//! ```text
//! cargo run --release --example gen_site -- DIR [--procedures N] [--seed S]
//! ```
//!
//! DIR must not exist or be empty; the site (site.yaml, content/) is
//! written into it. Not part of camnang itself.

use std::path::PathBuf;

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut count = 1000usize;
    let mut seed = 1u64;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--procedures" => count = args.next().and_then(|v| v.parse().ok()).unwrap_or(count),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            s if s.starts_with('-') => {
                eprintln!("usage: gen_site DIR [--procedures N] [--seed S]");
                std::process::exit(2);
            }
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: gen_site DIR [--procedures N] [--seed S]");
        std::process::exit(2);
    };
    if let Err(e) = synthetic::write_site(&dir, count, seed) {
        eprintln!("gen_site: {e}");
        std::process::exit(1);
    }
}
