//! The command line: parses arguments, runs a command, turns its failure into
//! a one-line localized message on stderr and an exit code.
//!
//! Exit codes: 0 done; 1 the program could not do its work (an I/O failure,
//! broken shipped files); 2 the input was invalid.

mod rules;

use std::io::Write;
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
}

/// Why a command failed; `Display` is never shown as is: `report` localizes it.
#[derive(Debug)]
pub enum CliError {
    /// The input was invalid (exit 2): a Fluent message id and its arguments.
    Input {
        key: &'static str,
        args: Vec<(&'static str, MessageArg)>,
    },
    /// The program could not do its work (exit 1).
    Failed(String),
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
    let result = match cli.command {
        Some(Command::Rules(command)) => rules::run(command, &context),
        None => {
            eprintln!("{}", context.localizer.text(lang, "cli-no-kiosk-yet"));
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Input { key, args }) => {
            eprintln!("beder: {}", context.localizer.format(lang, key, &args));
            ExitCode::from(2)
        }
        Err(CliError::Failed(detail)) => {
            eprintln!("beder: {detail}");
            ExitCode::from(1)
        }
    }
}
