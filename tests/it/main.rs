//! The integration tests, one test binary (`cargo test --test it`): each
//! module below is the suite of one part of camnang, run with
//! `cargo test --test it MODULE::`.
//!
//! Shared helpers: `util` (small sites, the camnang command, the sample
//! site built once, the static server, `camnang serve`, what a test needs
//! from outside and how a missing tool is skipped visibly), `case` (the
//! case files of `tests/broken/` and `tests/hostile/`) and `chromium`
//! (the browser, through `tests/clients/`).

mod case;
mod chromium;
mod util;

mod build;
mod cache;
mod check;
mod deploy;
mod hostile;
mod import;
mod languages;
mod new;
mod outputs;
mod preflight;
mod print;
mod properties;
mod real_clients;
mod resident;
mod serve;
mod short_links;
