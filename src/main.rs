//! The `camnang` command: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use camnang::messages::{Lang, Msg};
use camnang::{BuildOptions, LockMode};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// camnang turns a folder of Markdown guides to administrative procedures
/// into a website residents reach by scanning QR codes, with posters and
/// flyers ready for the print shop.
///
/// camnang tạo trang web hướng dẫn thủ tục hành chính, mã QR và áp phích
/// từ các tệp Markdown.
#[derive(Parser)]
#[command(name = "camnang", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (tạo trang web vào thư mục public/).
    Build {
        #[command(flatten)]
        common: Common,
        /// Where to write the site; default: public/ in the site folder (thư mục xuất).
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Address the site is published at, instead of base_url in site.yaml (địa chỉ trang).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Fail instead of updating qr-lock.yaml, e.g. in CI (không sửa qr-lock.yaml).
        #[arg(long)]
        locked: bool,
        /// Skip posters, board sheets and flyers (không tạo tệp in).
        #[arg(long)]
        no_print: bool,
        /// Make every file anew, without the build cache .camnang-cache (không dùng bộ nhớ đệm).
        #[arg(long)]
        no_cache: bool,
        /// Print only mistakes (chỉ in lỗi).
        #[arg(long, short)]
        quiet: bool,
        /// Print how long each stage took (for benchmarks).
        #[arg(long, hide = true)]
        timings: bool,
    },
    /// Preview the site at http://127.0.0.1:1111, updating it as you edit (xem thử).
    Serve {
        #[command(flatten)]
        common: Common,
        /// Port to listen on; 0 picks a free one (cổng).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Also serve on the local network, to preview on a phone (xem trên điện thoại).
        #[arg(long)]
        lan: bool,
    },
    /// Check the content for mistakes without writing anything (kiểm tra nội dung).
    Check {
        #[command(flatten)]
        common: Common,
        /// Address the site is published at, instead of base_url in site.yaml (địa chỉ trang).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Output format (định dạng): human or json.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Exit with 1 on warnings too (coi cảnh báo là lỗi).
        #[arg(long)]
        deny_warnings: bool,
        /// Count ages from this date instead of today (YYYY-MM-DD), for tests.
        #[arg(long, hide = true, value_name = "DATE")]
        today: Option<String>,
    },
    /// Start a new site or procedure file (tạo trang hoặc thủ tục mới).
    #[command(subcommand)]
    New(NewCommand),
    /// Make procedure files from national-portal records (nhập thủ tục từ Cổng Dịch vụ công).
    ///
    /// Saved records (a detail answer with or without its envelope, a
    /// folder of them, or a JSON Lines file), or records fetched from the
    /// portal with --code, --portal-id, --all. Every gap a record leaves is
    /// listed and marked in the file's draft: list.
    Import {
        /// Saved records: .json files, folders of them, .jsonl files (bản ghi đã lưu).
        paths: Vec<PathBuf>,
        /// Put every procedure in this category folder, e.g. cu-tru (thư mục lĩnh vực).
        #[arg(long)]
        category: Option<String>,
        /// Fetch the procedure with this code from the portal, e.g. 1.004194 (mã thủ tục).
        #[arg(long, value_name = "CODE")]
        code: Vec<String>,
        /// Fetch the record with this portal id, the last part of its page address (mã trên Cổng).
        #[arg(long, value_name = "UUID")]
        portal_id: Vec<String>,
        /// List the portal's catalogue, or the procedures matching QUERY (liệt kê).
        #[arg(long)]
        list: bool,
        /// With --list or --all: only procedures done at commune level (cấp xã).
        #[arg(long)]
        commune_level: bool,
        /// Import every procedure of the catalogue (nhập tất cả).
        #[arg(long, conflicts_with = "list")]
        all: bool,
        /// Compare imported procedures with the portal now (so sánh với Cổng).
        #[arg(long)]
        diff: bool,
        /// Apply the portal's changes, keeping what the clerk wrote (cập nhật từ Cổng).
        #[arg(long, conflicts_with = "diff")]
        update: bool,
        /// The portal's API address, for mirrors and tests (địa chỉ Cổng).
        #[arg(long, value_name = "URL", default_value = camnang::import::fetch::DEFAULT_PORTAL)]
        portal: String,
        /// Milliseconds to wait between two requests to the portal.
        #[arg(long, hide = true, default_value_t = 1000)]
        pause_ms: u64,
        /// Seconds one request to the portal may take.
        #[arg(long, hide = true, default_value_t = 30)]
        timeout: u64,
        /// The import date (YYYY-MM-DD) instead of today, for tests.
        #[arg(long, hide = true, value_name = "DATE")]
        today: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Put the built site on the commune's host (đưa trang lên máy chủ).
    ///
    /// Only new and changed files go up; pages go up after the files they
    /// need; files camnang did not upload are never deleted. Targets:
    /// file:///folder, sftp://user@host/path, ftp://user@host/path,
    /// ftps://…, webdav://user@host/path, webdavs://…,
    /// s3://bucket/prefix?endpoint=https://…&region=…
    Deploy {
        #[command(flatten)]
        common: Common,
        /// Where to put the site, instead of deploy.to in site.yaml (địa chỉ đích).
        #[arg(long, value_name = "URL")]
        to: Option<String>,
        /// Show what would be uploaded and deleted, change nothing (chạy thử).
        #[arg(long)]
        dry_run: bool,
        /// Go ahead even with more deletes than --max-deletes (đồng ý xoá).
        #[arg(long)]
        yes: bool,
        /// Write over files already on the host, not uploaded by camnang,
        /// that have the names of the site's files (ghi đè tệp có sẵn).
        #[arg(long)]
        replace_existing: bool,
        /// Build the site first; deploy only a build without mistakes (tạo trang trước).
        #[arg(long)]
        build: bool,
        /// Stop before deleting more than this many files (số tệp xoá tối đa).
        #[arg(long, value_name = "N", default_value_t = 100)]
        max_deletes: usize,
        /// SSH private key file for sftp:// (tệp khoá SSH).
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
        /// Milliseconds to wait after each file, for tests.
        #[arg(long, hide = true, default_value_t = 0)]
        pause_ms: u64,
        /// Least milliseconds between two lists of the files uploaded so
        /// far, for tests.
        #[arg(long, hide = true, default_value_t = 60_000)]
        checkpoint_ms: u64,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// Write a new site, a copy of the sample, into DIR (tạo trang mới).
    Site {
        /// The folder to create; it must not exist or be empty (thư mục trang mới).
        dir: PathBuf,
        /// Language of messages (ngôn ngữ).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Write content/<category>/<slug>.md with every field to fill in (tạo tệp thủ tục).
    Procedure {
        /// The procedure's title, e.g. "Đăng ký tạm trú" (tên thủ tục).
        title: String,
        /// The category folder, e.g. cu-tru (thư mục lĩnh vực).
        #[arg(long)]
        category: String,
        /// The category's title, to create its folder if it does not exist (tên lĩnh vực).
        #[arg(long, value_name = "TITLE")]
        category_title: Option<String>,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Args)]
struct Common {
    /// The site folder, holding site.yaml and content/ (thư mục trang).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Language of messages, instead of language in site.yaml (ngôn ngữ).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

impl LangArg {
    fn lang(self) -> Lang {
        match self {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

impl Common {
    fn options(&self, base_url: Option<String>) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: None,
            base_url,
            lang: self.lang.map(LangArg::lang),
            lock: LockMode::Update,
            print: true,
            no_cache: false,
        }
    }
}

fn main() -> ExitCode {
    camnang::commands::end_quietly_on_a_closed_pipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return command_line_mistake(e),
    };
    match cli.command {
        Command::Build {
            common,
            output,
            base_url,
            locked,
            no_print,
            no_cache,
            quiet,
            timings,
        } => {
            camnang::alloc::keep_freed_memory();
            let mut opts = common.options(base_url);
            opts.output = output;
            opts.print = !no_print;
            opts.no_cache = no_cache;
            if locked {
                opts.lock = LockMode::Locked;
            }
            camnang::commands::run_build(&opts, &camnang::commands::Show { quiet, timings })
        }
        Command::Serve { common, port, lan } => {
            camnang::serve::run_serve(&camnang::serve::ServeOptions {
                build: common.options(None),
                port,
                lan,
            })
        }
        Command::Check {
            common,
            base_url,
            format,
            deny_warnings,
            today,
        } => {
            let today = today
                .as_deref()
                .and_then(camnang::text::Date::parse)
                .unwrap_or_else(camnang::check::today);
            camnang::check::run_check(
                &common.options(base_url),
                matches!(format, Format::Json),
                deny_warnings,
                today,
            )
        }
        Command::Import {
            paths,
            category,
            code,
            portal_id,
            list,
            commune_level,
            all,
            diff,
            update,
            portal,
            pause_ms,
            timeout,
            today,
            common,
        } => {
            // with --list, the words after it are the query, not files
            let (paths, query) = match list {
                true => (
                    Vec::new(),
                    Some(
                        paths
                            .iter()
                            .map(|p| p.to_string_lossy())
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                    .filter(|q| !q.is_empty()),
                ),
                false => (paths, None),
            };
            camnang::import::run_import(&camnang::import::ImportOptions {
                root: common.root,
                category,
                paths,
                codes: code,
                portal_ids: portal_id,
                list,
                query,
                all,
                commune_level,
                portal: camnang::import::fetch::PortalOptions {
                    base: portal,
                    pause: std::time::Duration::from_millis(pause_ms),
                    timeout: std::time::Duration::from_secs(timeout.max(1)),
                },
                diff,
                update,
                lang: common.lang.map(LangArg::lang),
                today: today.as_deref().and_then(camnang::text::Date::parse),
            })
        }
        Command::Deploy {
            common,
            to,
            dry_run,
            yes,
            replace_existing,
            build,
            max_deletes,
            identity,
            pause_ms,
            checkpoint_ms,
        } => camnang::deploy::run_deploy(&camnang::deploy::DeployOptions {
            root: common.root,
            to,
            dry_run,
            yes,
            replace_existing,
            build,
            max_deletes,
            identity,
            lang: common.lang.map(LangArg::lang),
            pause: std::time::Duration::from_millis(pause_ms),
            checkpoint: std::time::Duration::from_millis(checkpoint_ms),
        }),
        Command::New(NewCommand::Site { dir, lang }) => {
            camnang::new::run_new_site(&dir, lang.map(LangArg::lang))
        }
        Command::New(NewCommand::Procedure {
            title,
            category,
            category_title,
            common,
        }) => camnang::new::run_new_procedure(
            &common.root,
            &title,
            &category,
            category_title.as_deref(),
            common.lang.map(LangArg::lang),
        ),
    }
}

/// mimalloc instead of the system allocator: a build makes and drops
/// millions of small strings on every core, and glibc's allocator spent
/// about a fifth of a 10,000-procedure build on that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A mistake on the command line, told as camnang tells its other mistakes
/// (in the site's language, with a code and a hint; exit 2). Help and the
/// version go out as clap writes them.
fn command_line_mistake(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let first = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    // (an argument that is not UTF-8 is a mistake to tell, not a panic)
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let command = typed_command(&args);
    let msg = match e.kind() {
        ErrorKind::InvalidSubcommand => Msg::UnknownCommand {
            given: first(ContextKind::InvalidSubcommand).unwrap_or_default(),
            near: first(ContextKind::SuggestedSubcommand),
        },
        ErrorKind::UnknownArgument => Msg::UnknownOption {
            given: first(ContextKind::InvalidArg).unwrap_or_default(),
            near: first(ContextKind::SuggestedArg),
            command,
        },
        ErrorKind::MissingRequiredArgument => Msg::MissingArgument {
            missing: match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(v)) => v.clone(),
                Some(ContextValue::String(s)) => vec![s.clone()],
                _ => Vec::new(),
            },
            command,
        },
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => Msg::BadOptionValue {
            // (`--lang <LANG>`: the option as typed)
            option: first(ContextKind::InvalidArg)
                .and_then(|a| a.split_whitespace().next().map(str::to_string))
                .unwrap_or_default(),
            value: first(ContextKind::InvalidValue).unwrap_or_default(),
            allowed: match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) => v.clone(),
                _ => Vec::new(),
            },
            command,
        },
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
        // (clap's words up to its usage line: "the following required
        // arguments were not provided: <DIR>" names them on the next line)
        _ => Msg::CommandLine {
            detail: e
                .to_string()
                .lines()
                .take_while(|l| !l.starts_with("Usage:"))
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
                .trim_start_matches("error: ")
                .to_string(),
        },
    };
    camnang::commands::tell_command_mistake(msg, &args)
}

/// The command typed (`build`, `new procedure`), for the hint's
/// `camnang <command> --help`.
fn typed_command(args: &[String]) -> Option<String> {
    const COMMANDS: &[&str] = &["build", "serve", "check", "new", "import", "deploy"];
    let at = args
        .iter()
        .skip(1)
        .position(|a| COMMANDS.contains(&a.as_str()))?
        + 1;
    let command = args.get(at)?;
    // `new` has kinds of its own: `new site`, `new procedure`, `new category`
    match (command.as_str(), args.get(at + 1)) {
        ("new", Some(kind)) if !kind.starts_with('-') => Some(format!("new {kind}")),
        _ => Some(command.clone()),
    }
}
