//! `cargo bench`: the hot functions of a build, one at a time, on the
//! synthetic content of `benches/synthetic/`, then whole builds.
//!
//! ```text
//! cargo bench                 # everything
//! cargo bench -- qr           # only the lines whose name contains "qr"
//! ```
//!
//! Each line is timed over several rounds and reports the minimum, median
//! and maximum per round and per item. `benches/run.sh` does the
//! province-scale runs and the comparison with Hugo; this is for looking at
//! one function while changing it.

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use camnang::load::procedure::parse_procedure;
use camnang::load::source::{decode, split_front_matter};
use camnang::markdown::{RenderOptions, render};
use camnang::qr::Qr;
use camnang::text::{fold, slugify, vi_cmp};

/// The allocator of the camnang binary, so whole builds cost what they do there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Runs `f` for `rounds` rounds and prints min/median/max per round and
/// per item.
fn bench(filter: &[String], name: &str, items: usize, rounds: usize, mut f: impl FnMut()) {
    if !filter.is_empty() && !filter.iter().any(|w| name.contains(w.as_str())) {
        return;
    }
    f(); // warm up
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let per = |d: Duration| d.as_secs_f64() * 1e6 / items as f64;
    println!(
        "{name:<40} {items:>6} items  round min {:>9.2?} median {:>9.2?} max {:>9.2?}  per item median {:>9.2} µs",
        times[0],
        times[times.len() / 2],
        times[times.len() - 1],
        per(times[times.len() / 2])
    );
}

fn build(root: &Path, print: bool) {
    let out = root.join("public");
    let report = camnang::build(&camnang::BuildOptions {
        root: root.to_path_buf(),
        output: Some(out),
        print,
        lock: camnang::LockMode::ReadOnly,
        ..Default::default()
    });
    assert!(report.failure.is_none(), "the synthetic site builds");
}

fn main() {
    camnang::alloc::keep_freed_memory();
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let mut rng = synthetic::Rng(0x9E37_79B9_7F4A_7C15);
    let files: Vec<(String, String)> = (0..1000)
        .map(|n| synthetic::procedure(&mut rng, n))
        .collect();
    let bytes: Vec<Vec<u8>> = files.iter().map(|(_, t)| t.clone().into_bytes()).collect();
    let bodies: Vec<String> = files
        .iter()
        .filter_map(|(_, t)| split_front_matter(t).ok().map(|s| s.body.to_string()))
        .collect();
    let titles: Vec<String> = files
        .iter()
        .filter_map(|(_, t)| {
            t.lines()
                .nth(1)
                .map(|l| l.trim_start_matches("title: ").to_string())
        })
        .collect();
    let opts = RenderOptions {
        allow_html: false,
        base_path: "/",
        text: true,
    };

    bench(&filter, "decode (BOM, CRLF, NFC)", bytes.len(), 20, || {
        for b in &bytes {
            black_box(decode(b).ok());
        }
    });
    bench(
        &filter,
        "parse procedure (YAML + Markdown)",
        files.len(),
        10,
        || {
            for (name, text) in &files {
                black_box(parse_procedure(
                    Path::new(name),
                    text,
                    "slug",
                    "cu-tru",
                    opts,
                ));
            }
        },
    );
    bench(&filter, "markdown render", bodies.len(), 20, || {
        for b in &bodies {
            black_box(render(b, opts));
        }
    });
    bench(&filter, "qr encode short link", 1000, 10, || {
        for n in 0..1000 {
            black_box(Qr::encode(
                &format!("https://hoabinh.example.vn/q/g{n:x}/"),
                qrcode::EcLevel::Q,
            ));
        }
    });
    bench(&filter, "qr svg", 1000, 10, || {
        if let Some(q) = Qr::encode("https://hoabinh.example.vn/q/ct02/", qrcode::EcLevel::Q) {
            for _ in 0..1000 {
                black_box(q.svg("ct02"));
            }
        }
    });
    bench(&filter, "search fold", titles.len(), 50, || {
        for t in &titles {
            black_box(fold(t));
        }
    });
    bench(&filter, "slugify", titles.len(), 50, || {
        for t in &titles {
            black_box(slugify(t));
        }
    });
    bench(
        &filter,
        "vietnamese sort of titles",
        titles.len(),
        20,
        || {
            let mut t: Vec<&String> = titles.iter().collect();
            t.sort_by(|a, b| vi_cmp(a, b));
            black_box(t);
        },
    );

    for (n, print, rounds) in [(1000, false, 5), (100, true, 3)] {
        let name = if print {
            format!("build {n} procedures with print files")
        } else {
            format!("build {n} procedures, site alone")
        };
        if !filter.is_empty() && !filter.iter().any(|w| name.contains(w.as_str())) {
            continue;
        }
        let Ok(dir) = tempfile::tempdir() else {
            eprintln!("no temporary folder");
            return;
        };
        let root = dir.path().join("site");
        if let Err(e) = synthetic::write_site(&root, n, 1) {
            eprintln!("{e}");
            return;
        }
        bench(&filter, &name, n, rounds, || build(&root, print));
    }
}
