//! `beder rules …`: the Rules applied to a case given on the command line.

use beder::i18n::Lang;
use beder::model::Sex;
use beder::regulation::{Case, CaseError, CaseInput, MessageArg, decide, validate_iin};
use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use super::{CliError, Context, print_line};

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Read one case as JSON on stdin and write the decision of п.3–п.5, п.8,
    /// п.9 and п.11 as JSON on stdout.
    Decide,
    /// Validate an IIN and, optionally, its agreement with a birth date and sex.
    Iin {
        /// The 12-digit IIN.
        iin: String,
        /// Birth date to compare with digits 1–7, YYYY-MM-DD.
        #[arg(long)]
        birth_date: Option<String>,
        /// Sex to compare with digit 7.
        #[arg(long, value_enum)]
        sex: Option<SexArg>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SexArg {
    Male,
    Female,
}

impl From<SexArg> for Sex {
    fn from(value: SexArg) -> Self {
        match value {
            SexArg::Male => Sex::Male,
            SexArg::Female => Sex::Female,
        }
    }
}

/// The largest case read from standard input.
const CASE_INPUT_LIMIT: u64 = 1024 * 1024;

pub fn run(command: RulesCommand, context: &Context) -> Result<(), CliError> {
    match command {
        RulesCommand::Decide => {
            // A case is a few hundred bytes: more is not a case (and
            // `/dev/zero` would never end).
            let bytes = beder::files::read_bounded(
                std::io::stdin().lock(),
                CASE_INPUT_LIMIT,
                std::path::Path::new("-"),
            )
            .map_err(|e| {
                CliError::input(
                    "cli-error-read-stdin",
                    vec![("detail", MessageArg::Text(e.to_string()))],
                )
            })?;
            let input = String::from_utf8(bytes).map_err(|e| {
                CliError::input(
                    "cli-error-read-stdin",
                    vec![("detail", MessageArg::Text(e.to_string()))],
                )
            })?;
            print_line(&decide_json(&input, context)?)
        }
        RulesCommand::Iin {
            iin,
            birth_date,
            sex,
        } => print_line(&iin_json(
            &iin,
            birth_date.as_deref(),
            sex.map(Sex::from),
            context,
        )?),
    }
}

#[derive(Serialize)]
struct Messages {
    kk: String,
    ru: String,
    en: String,
}

#[derive(Serialize)]
struct DecisionOutput {
    outcome: &'static str,
    grounds: Vec<String>,
    requires: Vec<&'static str>,
    age: u32,
    message: Messages,
}

fn text(value: impl Into<String>) -> MessageArg {
    MessageArg::Text(value.into())
}

/// Parses the JSON case, naming the field at fault when it cannot.
fn parse_case(input: &str, context: &Context) -> Result<Case, CliError> {
    // A case is one object with named fields: serde would also take an
    // array of the values in field order, which no one means.
    let value: serde_json::Value = serde_json::from_str(input)
        .map_err(|e| CliError::input("cli-error-input", vec![("detail", text(e.to_string()))]))?;
    if !value.is_object() {
        return Err(CliError::input("cli-error-not-an-object", Vec::new()));
    }
    let parsed: Result<CaseInput, _> = serde_path_to_error::deserialize(value);
    let case_input = match parsed {
        Ok(case_input) => case_input,
        Err(error) => {
            let path = error.path().to_string();
            let detail = error.into_inner().to_string();
            return Err(if path == "." || path.is_empty() {
                CliError::input("cli-error-input", vec![("detail", text(detail))])
            } else {
                CliError::input(
                    "cli-error-field",
                    vec![("field", text(path)), ("detail", text(detail))],
                )
            });
        }
    };
    Case::try_from(case_input).map_err(|error| case_error(&error, context))
}

fn case_error(error: &CaseError, context: &Context) -> CliError {
    CliError::input(
        "cli-error-field",
        vec![
            ("field", text(error.field())),
            (
                "detail",
                text(context.localizer.text(context.lang, error.message_key())),
            ),
        ],
    )
}

/// The decision for a JSON case, as one line of JSON.
pub fn decide_json(input: &str, context: &Context) -> Result<String, CliError> {
    let case = parse_case(input, context)?;
    let decision = decide(&case).map_err(|error| case_error(&error, context))?;
    let explanation = decision.explanation();
    let say = |lang| context.localizer.explain(lang, &explanation);
    let output = DecisionOutput {
        outcome: decision.eligibility.outcome.code(),
        grounds: decision.eligibility.ground_codes(),
        requires: decision
            .requirements
            .list
            .iter()
            .map(|r| r.code())
            .collect(),
        age: decision.eligibility.age,
        message: Messages {
            kk: say(Lang::Kk),
            ru: say(Lang::Ru),
            en: say(Lang::En),
        },
    };
    serde_json::to_string(&output).map_err(|e| CliError::Failed(e.to_string()))
}

#[derive(Serialize)]
struct IinOutput {
    valid: bool,
    birth_date: Option<String>,
    sex: Option<Sex>,
    matches: Option<bool>,
    error: Option<String>,
}

/// The IIN check as one line of JSON.
fn iin_json(
    iin: &str,
    birth_date: Option<&str>,
    sex: Option<Sex>,
    context: &Context,
) -> Result<String, CliError> {
    let birth_date = birth_date
        .map(|value| {
            beder::regulation::parse_iso_date(value).ok_or_else(|| {
                CliError::input(
                    "cli-error-date",
                    vec![("field", text("--birth-date")), ("value", text(value))],
                )
            })
        })
        .transpose()?;
    let validation = validate_iin(iin);
    let output = IinOutput {
        valid: validation.valid,
        birth_date: validation
            .birth_date
            .map(|d| d.format("%Y-%m-%d").to_string()),
        sex: validation.sex,
        matches: validation.agrees_with(birth_date, sex),
        error: validation
            .error
            .map(|e| context.localizer.text(context.lang, e.message_key())),
    };
    serde_json::to_string(&output).map_err(|e| CliError::Failed(e.to_string()))
}
