//! The command-line actions: run a stage, print what happened in the
//! user's language, and give the exit code (0 done, 1 content mistakes,
//! 2 wrong use of the command).

use std::io::IsTerminal as _;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::messages::{Lang, Msg, plain};
use crate::{BuildOptions, BuildReport, Failure, Progress, Stage, build_with};

/// What to print besides mistakes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Show {
    /// Only mistakes: no progress, no summary.
    pub quiet: bool,
    /// How long each stage took.
    pub timings: bool,
}

/// Builds of fewer items than this finish before a bar would be seen.
const BAR_FROM: usize = 300;

/// Progress for the terminal: a bar when stderr is a terminal and the
/// stage is long, one plain line a stage otherwise (logs, CI).
struct Terminal {
    lang: Lang,
    bar: Mutex<Option<ProgressBar>>,
    interactive: bool,
}

impl Progress for Terminal {
    fn stage(&self, stage: Stage, total: usize) {
        let Ok(mut bar) = self.bar.lock() else {
            return;
        };
        if let Some(old) = bar.take() {
            old.finish_and_clear();
        }
        let words = Msg::Stage { stage, total }.text(self.lang);
        if self.interactive && total >= BAR_FROM {
            let b = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}") {
                b.set_style(style.progress_chars("=> "));
            }
            b.set_message(words);
            b.enable_steady_tick(Duration::from_millis(200));
            *bar = Some(b);
        } else {
            println!("{words}");
        }
    }

    fn advance(&self, n: usize) {
        if let Ok(bar) = self.bar.lock()
            && let Some(b) = bar.as_ref()
        {
            b.inc(n as u64);
        }
    }
}

impl Terminal {
    fn done(&self) {
        if let Ok(mut bar) = self.bar.lock()
            && let Some(b) = bar.take()
        {
            b.finish_and_clear();
        }
    }
}

/// `camnang build`.
pub fn run_build(opts: &BuildOptions, show: &Show) -> ExitCode {
    let report = if show.quiet {
        build_with(opts, &crate::Silent)
    } else {
        let progress = Terminal {
            lang: opts
                .lang
                .unwrap_or_else(|| crate::load::site_lang(&opts.root)),
            bar: Mutex::new(None),
            interactive: std::io::stderr().is_terminal(),
        };
        let r = build_with(opts, &progress);
        progress.done();
        r
    };
    if show.quiet {
        if report.failure.is_some() {
            print_report(&report);
        }
    } else {
        print_report(&report);
    }
    if show.timings {
        for (stage, d) in &report.timings.0 {
            eprintln!("{stage:>8} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
    }
    exit_code(&report)
}

/// Prints diagnostics to stderr and the summary line.
pub fn print_report(report: &BuildReport) {
    if !report.diags.items.is_empty() {
        eprintln!("{}\n", report.diags.render(report.lang));
    }
    for cut in &report.cuts {
        let msg = Msg::PrintCut {
            file: cut.file.clone(),
            parts: cut.parts.clone(),
        };
        println!("{}", msg.text(report.lang));
    }
    if let (None, Some((reused, made))) = (report.failure, report.cached) {
        println!("{}", Msg::CacheReport { reused, made }.text(report.lang));
    }
    if let (None, (reused @ 1.., made)) = (report.failure, report.kept) {
        println!("{}", Msg::PagesReused { reused, made }.text(report.lang));
    }
    match report.failure {
        None => println!(
            "{}",
            Msg::BuildDone {
                pages: report.pages,
                millis: report.millis,
                output: report.output.display().to_string(),
            }
            .text(report.lang)
        ),
        Some(_) => eprintln!(
            "{}",
            plain(
                &Msg::BuildFailed {
                    errors: report.diags.error_count().max(1)
                },
                report.lang
            )
        ),
    }
}

/// 0 on success, 2 when the output folder was refused, 1 otherwise.
pub fn exit_code(report: &BuildReport) -> ExitCode {
    match report.failure {
        None => ExitCode::SUCCESS,
        Some(Failure::Output { refused: true }) => ExitCode::from(2),
        Some(_) => ExitCode::from(1),
    }
}

/// Lets a closed pipe end camnang as it ends other Unix tools
/// (`camnang deploy --dry-run | head`): Rust ignores SIGPIPE, and a
/// print into a closed pipe then panics with a backtrace. A build or
/// deploy ended so is safe as one stopped any other way.
pub fn end_quietly_on_a_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any thread is started;
    // SIG_DFL is the disposition the process would have had without
    // Rust's runtime.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Tells a mistake on the command line `args` (the whole command, to find
/// the language of messages: `--lang`, else the site's of `--root` or of
/// the current folder); exit 2, the command was used wrongly.
pub fn tell_command_mistake(msg: Msg, args: &[String]) -> ExitCode {
    let value = |name: &str| {
        let eq = format!("{name}=");
        args.iter()
            .enumerate()
            .find_map(|(i, a)| match a.strip_prefix(&eq) {
                Some(v) => Some(v.to_string()),
                None => (a == name).then(|| args.get(i + 1).cloned()).flatten(),
            })
    };
    let lang = value("--lang")
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or_else(|| {
            let root = value("--root").unwrap_or_else(|| ".".into());
            crate::load::site_lang(std::path::Path::new(&root))
        });
    eprintln!("{}", crate::diag::Diagnostic::error(msg).render(lang));
    ExitCode::from(2)
}
