//! The `camnang` command: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use camnang::messages::Lang;
use camnang::{BuildOptions, LockMode};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// camnang turns a folder of Markdown guides to administrative procedures
/// into a website residents reach by scanning QR codes.
///
/// camnang tạo trang web hướng dẫn thủ tục hành chính từ các tệp Markdown.
#[derive(Parser)]
#[command(name = "camnang", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (tạo trang web vào thư mục public/).
    Build(Common),
    /// Build the site and show it at http://127.0.0.1:1111 (xem thử trang web).
    Serve {
        #[command(flatten)]
        common: Common,
        /// Port to listen on (cổng).
        #[arg(long, default_value_t = 1111)]
        port: u16,
    },
}

#[derive(Args)]
struct Common {
    /// The site folder, holding site.yaml and content/ (thư mục trang).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the site; default: public/ in the site folder (thư mục xuất).
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Address the site is published at, instead of base_url in site.yaml.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Language of messages, instead of language in site.yaml (ngôn ngữ).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Fail instead of updating qr-lock.yaml (for CI) (không sửa qr-lock.yaml).
    #[arg(long)]
    locked: bool,
    /// Skip posters, board sheets and flyers (không tạo tệp in).
    #[arg(long)]
    no_print: bool,
    /// Print how long each stage took (for benchmarks).
    #[arg(long, hide = true)]
    timings: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

impl Common {
    fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: self.output.clone(),
            base_url: self.base_url.clone(),
            lang: self.lang.map(|l| match l {
                LangArg::Vi => Lang::Vi,
                LangArg::En => Lang::En,
            }),
            lock: if self.locked {
                LockMode::Locked
            } else {
                LockMode::Update
            },
            print: !self.no_print,
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(common) => camnang::commands::run_build(&common.options(), common.timings),
        Command::Serve { common, port } => {
            camnang::serve::run_serve(&camnang::serve::ServeOptions {
                build: common.options(),
                port,
            })
        }
    }
}
