//! The command line: parses arguments, runs a command, turns its failure into
//! a one-line localized message on stderr and an exit code.
//!
//! Exit codes: 0 done; 1 the program could not do its work (an I/O failure,
//! broken shipped files); 2 the input was invalid.

mod biometrics;
mod nist;
mod rules;
mod scanner;
mod search;
mod store;
mod synth;
mod training;
mod transfer;
mod wsq;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use beder::i18n::{Lang, Localizer};
use beder::regulation::MessageArg;
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "beder",
    version,
    about = "Beder: fingerprint enrolment at the consular desk, by the MFA Rules"
)]
struct Cli {
    /// Language of messages: kk (default), ru or en. Also read from BEDER_LANG.
    #[arg(
        long,
        global = true,
        value_enum,
        env = "BEDER_LANG",
        default_value = "kk"
    )]
    lang: LangArg,

    /// Where the databases live (default: the platform's data directory).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Read the database passphrase from the first line of this file.
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,

    /// Use the training database (never the live one).
    #[arg(long, global = true)]
    training: bool,

    /// Run the kiosk fullscreen.
    #[arg(long)]
    kiosk: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Kk,
    Ru,
    En,
}

impl From<LangArg> for Lang {
    fn from(value: LangArg) -> Self {
        match value {
            LangArg::Kk => Lang::Kk,
            LangArg::Ru => Lang::Ru,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply the Rules to a case from outside (automation, testing).
    #[command(subcommand)]
    Rules(rules::RulesCommand),
    /// Create or check the encrypted database.
    #[command(subcommand)]
    Db(store::DbCommand),
    /// The audit log.
    #[command(subcommand)]
    Audit(store::AuditCommand),
    /// Detect the minutiae of an image; optionally write the ISO template.
    Extract(biometrics::ExtractArgs),
    /// Compare two images or ISO templates 1:1.
    Match(biometrics::MatchArgs),
    /// The quality of an impression, 0–100, with its components.
    Quality(biometrics::QualityArgs),
    /// Evaluate the matcher on FVC-style folders (EER, FNMR, speed, DET curve).
    Eval(biometrics::EvalArgs),
    /// Search a ten-finger probe among everyone enrolled (the duplicate check).
    Search(search::SearchArgs),
    /// Time the search in a synthetic registry (100,000 persons × 10 fingers).
    BenchSearch(search::BenchSearchArgs),
    /// Write synthetic persons (fingers and palms) for the simulator.
    Synth(synth::SynthArgs),
    /// ANSI/NIST-ITL 1-2011 transactions (traditional encoding).
    #[command(subcommand)]
    Nist(nist::NistCommand),
    /// WSQ fingerprint images (FBI WSQ 3.1).
    #[command(subcommand)]
    Wsq(wsq::WsqCommand),
    /// The transfer to the registries: the outbox.
    #[command(subcommand)]
    Transfer(transfer::TransferCommand),
    /// The training room: a populated registry to practise on.
    #[command(subcommand)]
    Training(training::TrainingCommand),
    /// The scanners: list them, capture from one.
    #[command(subcommand)]
    Scanner(scanner::ScannerCommand),
    /// Serve the simulator as an SBI registration device on 127.0.0.1
    /// (training rooms and tests).
    SbiDevice(scanner::SbiDeviceArgs),
    /// Copy the database, still encrypted, with its key file, to FILE.
    Backup {
        /// The backup file to create (its key file is FILE.key).
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
}

/// Why a command failed; `Display` is never shown as is: `report` localizes it.
#[derive(Debug)]
pub enum CliError {
    /// The input was invalid (exit 2): a Fluent message id and its arguments.
    Input {
        key: &'static str,
        args: Vec<(&'static str, MessageArg)>,
    },
    /// The program could not do its work (exit 1), with a localized message.
    Localized {
        key: &'static str,
        args: Vec<(&'static str, MessageArg)>,
    },
    /// The program could not do its work (exit 1).
    Failed(String),
    /// The answer is already on stdout; only the exit code is left to give.
    Silent(u8),
}

impl CliError {
    pub fn input(key: &'static str, args: Vec<(&'static str, MessageArg)>) -> Self {
        CliError::Input { key, args }
    }
}

/// Everything a command needs from its surroundings.
pub struct Context {
    pub lang: Lang,
    pub localizer: Localizer,
}

/// Writes one line to stdout, turning a closed pipe into a failure, not a panic.
pub fn print_line(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|_| out.flush())
        .map_err(|e| CliError::Failed(format!("cannot write the output: {e}")))
}

/// The kiosk window (no subcommand).
fn run_kiosk(options: &store::StoreOptions, lang: Lang, fullscreen: bool) -> Result<(), CliError> {
    let dir = match &options.data_dir {
        Some(dir) => dir.clone(),
        None => beder::store::default_data_dir()
            .ok_or_else(|| CliError::input("cli-error-no-data-dir", Vec::new()))?,
    };
    let mode = if options.training {
        beder::store::Mode::Training
    } else {
        beder::store::Mode::Live
    };
    let mut config = beder::ui::AppConfig::new(dir, mode);
    config.lang = lang;
    config.passphrase = options.passphrase().ok();
    config.discover_sbi = true;
    let viewport = eframe::egui::ViewportBuilder::default()
        .with_title("Beder")
        .with_inner_size([1280.0, 800.0])
        .with_fullscreen(fullscreen);
    let native = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Beder",
        native,
        Box::new(move |cc| Ok(Box::new(beder::ui::BederApp::with_context(cc, config)))),
    )
    .map_err(|e| CliError::Failed(format!("the window cannot be opened: {e}")))
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version itself, with exit 0; usage errors with 2.
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let lang = Lang::from(cli.lang);
    let localizer = match Localizer::new() {
        Ok(localizer) => localizer,
        Err(error) => {
            eprintln!("beder: {error}");
            return ExitCode::from(1);
        }
    };
    let context = Context { lang, localizer };
    let store_options = store::StoreOptions {
        data_dir: cli.data_dir,
        passphrase_file: cli.passphrase_file,
        passphrase_env: std::env::var("BEDER_PASSPHRASE").ok(),
        training: cli.training,
    };
    let result = match cli.command {
        Some(Command::Rules(command)) => rules::run(command, &context),
        Some(Command::Db(command)) => store::run_db(command, &store_options, &context),
        Some(Command::Audit(command)) => store::run_audit(command, &store_options, &context),
        Some(Command::Extract(args)) => biometrics::run_extract(&args, &context),
        Some(Command::Match(args)) => biometrics::run_match(&args, &context),
        Some(Command::Quality(args)) => biometrics::run_quality(&args, &context),
        Some(Command::Eval(args)) => biometrics::run_eval(&args, &context),
        Some(Command::Synth(args)) => synth::run(&args, &context),
        Some(Command::Search(args)) => search::run_search(&args, &store_options, &context),
        Some(Command::BenchSearch(args)) => search::run_bench_search(&args, &context),
        Some(Command::Nist(command)) => nist::run(command, &store_options, &context),
        Some(Command::Wsq(command)) => wsq::run(command, &context),
        Some(Command::Transfer(command)) => transfer::run(command, &store_options, &context),
        Some(Command::Training(command)) => training::run(command, &store_options, &context),
        Some(Command::Scanner(command)) => scanner::run(command, &store_options, &context),
        Some(Command::SbiDevice(args)) => scanner::run_device(&args, &context),
        Some(Command::Backup { to }) => store::run_backup(&to, &store_options, &context),
        None => run_kiosk(&store_options, lang, cli.kiosk),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Input { key, args }) => {
            eprintln!("beder: {}", context.localizer.format(lang, key, &args));
            ExitCode::from(2)
        }
        Err(CliError::Localized { key, args }) => {
            eprintln!("beder: {}", context.localizer.format(lang, key, &args));
            ExitCode::from(1)
        }
        Err(CliError::Failed(detail)) => {
            eprintln!("beder: {detail}");
            ExitCode::from(1)
        }
        Err(CliError::Silent(code)) => ExitCode::from(code),
    }
}
