//! `beder transfer`: what waits to reach the registries, the sealed
//! packages that carry it, and the central side's keys.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use beder::model::Registry;
use beder::regulation::MessageArg;
use beder::store::{OutboxState, OutboxSummary};
use beder::transfer::package::{self, PackageError};
use beder::transfer::{CENTRAL_RECIPIENT_SETTING, CENTRAL_VERIFY_SETTING, TransferError};

use super::biometrics::{json, text};
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
    /// Seal what waits for the registries into DIR: one package per
    /// registry, encrypted to the central system and signed by the mission;
    /// the items become exported.
    Export {
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
        #[arg(long, value_enum)]
        registry: Option<RegistryArg>,
        /// Also the items exported before and not answered (a package lost
        /// in transit), with the same control numbers.
        #[arg(long)]
        again: bool,
    },
    /// Open a package as the central side does: verify the signature,
    /// decrypt, check every transaction against the manifest, write them
    /// into DIR (one FILE.an2 per TCN, and manifest.json).
    Open {
        package: PathBuf,
        /// The central system's secret key file (AGE-SECRET-KEY-1…).
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Refuse a package not signed by this mission (its public key, hex,
        /// as `transfer mission-key` prints it).
        #[arg(long, value_name = "HEX")]
        mission_key: Option<String>,
    },
    /// Configure the central system's public keys (a file holding its age
    /// recipient, age1…, with which live packages are encrypted, and its
    /// BEDER-VERIFY-KEY-… line, which verifies its acknowledgments).
    SetCentralKey { file: PathBuf },
    /// Print the mission's public signing key, for the central side.
    MissionKey,
    /// Read the central system's signed acknowledgment: the TCNs it
    /// accepted become acknowledged, the ones it rejected rejected, with
    /// its reason.
    Ack { file: PathBuf },
    /// Load the central systems' signed marks of registrations made
    /// elsewhere (п.11); the desk's look-up finds them.
    ImportMarks { file: PathBuf },
    /// Purge the images of registrations the registries acknowledged longer
    /// ago than the retention period (the supervisor's setting, 30 days by
    /// default); their templates stay. Also done at every sign-in.
    Purge {
        /// Only say what would be purged.
        #[arg(long)]
        dry_run: bool,
    },
    /// Make a central key pair (what the central side does once): the
    /// secret key into FILE, the public key printed.
    Keygen {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RegistryArg {
    Citizen,
    Foreigner,
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

fn package_error(e: &PackageError) -> CliError {
    CliError::input(
        "transfer-error-package",
        vec![("detail", text(e.to_string()))],
    )
}

fn text_arg(e: &impl std::fmt::Display) -> MessageArg {
    MessageArg::Text(e.to_string())
}

fn transfer_error(e: TransferError) -> CliError {
    let (key, detail) = e.message();
    let args = vec![("detail", text(detail))];
    match e {
        TransferError::Store(e) => store_error(e),
        TransferError::NoCentralKey
        | TransferError::NoMissionCode
        | TransferError::Package(_)
        | TransferError::Ack(_) => CliError::input(key, args),
        _ => CliError::Localized { key, args },
    }
}

fn read_limited(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, CliError> {
    beder::files::read_file(path, limit).map_err(|e| {
        CliError::input(
            "transfer-error-package",
            vec![("detail", text(format!("{}: {e}", path.display())))],
        )
    })
}

fn write_new(path: &std::path::Path, bytes: &[u8]) -> Result<(), CliError> {
    beder::files::write_new_atomically(path, bytes).map_err(|e| CliError::Localized {
        key: "store-error-io",
        args: vec![(
            "detail",
            MessageArg::Text(format!("{}: {e}", path.display())),
        )],
    })
}

#[derive(Serialize)]
struct OpenedOutput {
    package: String,
    mission: String,
    mission_key: String,
    mode: String,
    registry: String,
    items: usize,
    out: String,
}

fn open_package(
    package_path: &std::path::Path,
    key: &std::path::Path,
    out: &std::path::Path,
    mission_key: Option<&str>,
) -> Result<(), CliError> {
    let bytes = read_limited(package_path, package::MAX_PACKAGE_BYTES)?;
    let key_text = String::from_utf8(read_limited(key, 64 * 1024)?).unwrap_or_default();
    let identity = package::parse_identity(&key_text).map_err(|e| package_error(&e))?;
    let opened = package::open(&bytes, &identity, mission_key).map_err(|e| package_error(&e))?;
    std::fs::create_dir_all(out).map_err(|e| CliError::Localized {
        key: "store-error-io",
        args: vec![(
            "detail",
            MessageArg::Text(format!("{}: {e}", out.display())),
        )],
    })?;
    for (item, transaction) in opened.manifest.items.iter().zip(&opened.transactions) {
        let name: String = item
            .tcn
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        write_new(&out.join(format!("{name}.an2")), transaction)?;
    }
    let manifest =
        serde_json::to_vec_pretty(&opened.manifest).map_err(|e| CliError::Failed(e.to_string()))?;
    write_new(&out.join("manifest.json"), &manifest)?;
    let header = &opened.manifest.header;
    print_line(&json(&OpenedOutput {
        package: header.package.clone(),
        mission: header.mission.clone(),
        mission_key: header.mission_key.clone(),
        mode: header.mode.clone(),
        registry: header.registry.clone(),
        items: opened.transactions.len(),
        out: out.display().to_string(),
    })?)
}

#[expect(
    clippy::too_many_lines,
    reason = "one short arm per `beder transfer` subcommand"
)]
pub fn run(command: TransferCommand, options: &StoreOptions, _: &Context) -> Result<(), CliError> {
    // The central side's commands need no mission database.
    match &command {
        TransferCommand::Open {
            package,
            key,
            out,
            mission_key,
        } => return open_package(package, key, out, mission_key.as_deref()),
        TransferCommand::Keygen { out } => {
            let (secret, recipient) = package::generate_central_key();
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|e| CliError::Failed(e.to_string()))?;
            let signing = ed25519_dalek::SigningKey::from_bytes(&seed);
            let hex = beder::store::hex;
            let verify = hex(&signing.verifying_key().to_bytes());
            write_new(
                out,
                format!(
                    "# Beder central system key: keep secret.\n{secret}\nBEDER-SIGNING-KEY-{}\n",
                    hex(&seed)
                )
                .as_bytes(),
            )?;
            let public = out.with_extension("pub");
            write_new(
                &public,
                format!("{recipient}\nBEDER-VERIFY-KEY-{verify}\n").as_bytes(),
            )?;
            return print_line(&json(&serde_json::json!({
                "public_key": recipient,
                "verify_key": verify,
                "secret_key_file": out.display().to_string(),
                "public_key_file": public.display().to_string(),
            }))?);
        }
        _ => {}
    }
    let mut store = open(options)?;
    match command {
        TransferCommand::Open { .. } | TransferCommand::Keygen { .. } => Ok(()),
        TransferCommand::Export {
            to,
            registry,
            again,
        } => {
            let only = registry.map(|r| match r {
                RegistryArg::Citizen => Registry::Citizen,
                RegistryArg::Foreigner => Registry::Foreigner,
            });
            let written = beder::transfer::export(&mut store, &to, only, again, chrono::Utc::now())
                .map_err(transfer_error)?;
            print_line(&json(&serde_json::json!({ "packages": written }))?)
        }
        TransferCommand::SetCentralKey { file } => {
            let text = String::from_utf8(read_limited(&file, 64 * 1024)?).unwrap_or_default();
            let line = text
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with("age1"))
                .unwrap_or_default()
                .to_string();
            package::parse_recipient(&line).map_err(|e| package_error(&e))?;
            let mut settings = vec![(CENTRAL_RECIPIENT_SETTING, line.clone())];
            let verify = text
                .lines()
                .map(str::trim)
                .find_map(|l| l.strip_prefix("BEDER-VERIFY-KEY-"))
                .map(str::to_string);
            if let Some(verify) = &verify {
                beder::transfer::ack::verifying_key(verify).map_err(|e| {
                    CliError::input("transfer-error-package", vec![("detail", text_arg(&e))])
                })?;
                settings.push((CENTRAL_VERIFY_SETTING, verify.clone()));
            }
            store.save_settings(None, &settings).map_err(store_error)?;
            print_line(&json(
                &serde_json::json!({ "central_key": line, "verify_key": verify }),
            )?)
        }
        TransferCommand::ImportMarks { file } => {
            let bytes = read_limited(&file, beder::transfer::marks::MAX_MARKS_BYTES)?;
            let report =
                beder::transfer::import_marks(&mut store, &bytes).map_err(transfer_error)?;
            print_line(&json(&report)?)
        }
        TransferCommand::Ack { file } => {
            let bytes = read_limited(&file, beder::transfer::ack::MAX_ACK_BYTES)?;
            let report =
                beder::transfer::apply_acknowledgment(&mut store, &bytes, chrono::Utc::now())
                    .map_err(transfer_error)?;
            print_line(&json(&report)?)
        }
        TransferCommand::Purge { dry_run } => {
            let settings = beder::enrollment::MissionSettings::load(&store).map_err(store_error)?;
            let now = chrono::Utc::now();
            let report = if dry_run {
                store.images_due_for_purge(settings.retention_days, now)
            } else {
                store.purge_delivered_images(settings.retention_days, now, None)
            }
            .map_err(store_error)?;
            print_line(&json(&serde_json::json!({
                "retention_days": settings.retention_days,
                "dry_run": dry_run,
                "registrations": report.registrations,
                "prints": report.prints,
                "photos": report.photos,
            }))?)
        }
        TransferCommand::MissionKey => {
            let hex = beder::transfer::mission_key_hex(&store).map_err(transfer_error)?;
            print_line(&json(&serde_json::json!({ "mission_key": hex }))?)
        }
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
