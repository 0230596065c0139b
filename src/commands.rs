//! The command-line actions: run a stage, print what happened in the
//! user's language, and give the exit code (0 done, 1 content mistakes,
//! 2 wrong use of the command).

use std::process::ExitCode;

use crate::messages::{Msg, plain};
use crate::{BuildOptions, BuildReport, Failure, build};

/// `camnang build`.
pub fn run_build(opts: &BuildOptions, timings: bool) -> ExitCode {
    let report = build(opts);
    print_report(&report);
    if timings {
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
