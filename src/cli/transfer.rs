//! `beder transfer`: what waits to reach the registries.

use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use beder::model::Registry;
use beder::store::{OutboxState, OutboxSummary};

use super::biometrics::json;
use super::store::{StoreOptions, open, store_error};
use super::{CliError, Context, print_line};

#[derive(Debug, Subcommand)]
pub enum TransferCommand {
    /// The outbox in figures: items by registry and state, the oldest one
    /// the registries have not answered, the last export and answer.
    Status,
    /// The outbox's items, oldest first, one JSON object a line (what,
    /// which registry and record, TCN, state; no personal data).
    Outbox {
        /// Only the items in this state.
        #[arg(long, value_enum)]
        state: Option<StateArg>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StateArg {
    Queued,
    Exported,
    Acknowledged,
    Rejected,
}

impl From<StateArg> for OutboxState {
    fn from(value: StateArg) -> Self {
        match value {
            StateArg::Queued => OutboxState::Queued,
            StateArg::Exported => OutboxState::Exported,
            StateArg::Acknowledged => OutboxState::Acknowledged,
            StateArg::Rejected => OutboxState::Rejected,
        }
    }
}

#[derive(Serialize)]
struct RegistryCounts {
    queued: i64,
    exported: i64,
    acknowledged: i64,
    rejected: i64,
}

#[derive(Serialize)]
struct Status {
    citizen: RegistryCounts,
    foreigner: RegistryCounts,
    oldest_unanswered: Option<String>,
    /// Whole days since the oldest unanswered item was queued.
    oldest_unanswered_days: Option<i64>,
    last_export: Option<String>,
    last_answer: Option<String>,
}

fn counts(summary: &OutboxSummary, registry: Registry) -> RegistryCounts {
    let n = |state: OutboxState| {
        summary
            .counts
            .iter()
            .find(|(r, s, _)| *r == registry && *s == state)
            .map_or(0, |(_, _, n)| *n)
    };
    RegistryCounts {
        queued: n(OutboxState::Queued),
        exported: n(OutboxState::Exported),
        acknowledged: n(OutboxState::Acknowledged),
        rejected: n(OutboxState::Rejected),
    }
}

pub fn run(command: TransferCommand, options: &StoreOptions, _: &Context) -> Result<(), CliError> {
    let store = open(options)?;
    match command {
        TransferCommand::Status => {
            let summary = store.outbox_summary().map_err(store_error)?;
            let days = summary.oldest_unanswered.as_deref().and_then(|t| {
                let t = chrono::DateTime::parse_from_rfc3339(t).ok()?;
                Some((chrono::Utc::now() - t.with_timezone(&chrono::Utc)).num_days())
            });
            print_line(&json(&Status {
                citizen: counts(&summary, Registry::Citizen),
                foreigner: counts(&summary, Registry::Foreigner),
                oldest_unanswered: summary.oldest_unanswered.clone(),
                oldest_unanswered_days: days,
                last_export: summary.last_export.clone(),
                last_answer: summary.last_answer.clone(),
            })?)
        }
        TransferCommand::Outbox { state } => {
            for item in store.outbox(state.map(Into::into)).map_err(store_error)? {
                print_line(&json(&item)?)?;
            }
            Ok(())
        }
    }
}
