//! `beder db …`, `beder audit verify`, `beder backup`: the store from the
//! command line.

use std::path::{Path, PathBuf};

use beder::regulation::MessageArg;
use beder::store::{KdfParams, Mode, Store, StoreError, default_data_dir};
use clap::Subcommand;
use serde::Serialize;

use super::{CliError, Context, print_line};

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Create the encrypted database (and its key file) in the data directory.
    Init,
    /// Full integrity check, schema version, counts and the audit chain.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Verify the audit log's hash chain; exit code 1 and the first broken
    /// entry when it was edited or cut.
    Verify,
    /// Print the latest entries, newest first, one JSON object a line:
    /// id, time, officer, action, registry and record id (no personal data).
    List {
        /// How many entries (newest first).
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(i64).range(1..=100_000))]
        limit: i64,
    },
}

/// Where the database is and how to unlock it.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    pub data_dir: Option<PathBuf>,
    pub passphrase_file: Option<PathBuf>,
    pub passphrase_env: Option<String>,
    pub training: bool,
}

impl StoreOptions {
    fn mode(&self) -> Mode {
        if self.training {
            Mode::Training
        } else {
            Mode::Live
        }
    }

    fn dir(&self) -> Result<PathBuf, CliError> {
        match &self.data_dir {
            Some(dir) => Ok(dir.clone()),
            None => default_data_dir()
                .ok_or_else(|| CliError::input("cli-error-no-data-dir", Vec::new())),
        }
    }

    pub fn passphrase(&self) -> Result<String, CliError> {
        if let Some(path) = &self.passphrase_file {
            let text = std::fs::read_to_string(path).map_err(|e| {
                CliError::input(
                    "cli-error-passphrase-file",
                    vec![
                        ("path", MessageArg::Text(path.display().to_string())),
                        ("detail", MessageArg::Text(e.to_string())),
                    ],
                )
            })?;
            // The first line, without its line ending.
            return Ok(text.lines().next().unwrap_or_default().to_string());
        }
        match &self.passphrase_env {
            Some(p) => Ok(p.clone()),
            // The training database's passphrase is the kiosk's fixed one:
            // nothing in it is real, and a trainer should not need it.
            None if self.training => Ok(beder::ui::TRAINING_PASSPHRASE.to_string()),
            None => Err(CliError::input("cli-error-no-passphrase", Vec::new())),
        }
    }
}

/// A store failure as a CLI error: bad passphrase or data → 2, else 1.
pub fn store_error(error: StoreError) -> CliError {
    let args = vec![("detail", MessageArg::Text(error.detail()))];
    match error {
        StoreError::WrongPassphrase | StoreError::EmptyPassphrase | StoreError::Invalid(_) => {
            CliError::input(error.message_key(), args)
        }
        _ => CliError::Localized {
            key: error.message_key(),
            args,
        },
    }
}

pub(super) fn open(options: &StoreOptions) -> Result<Store, CliError> {
    let dir = options.dir()?;
    let passphrase = options.passphrase()?;
    Store::open(&dir, options.mode(), &passphrase).map_err(store_error)
}

#[derive(Serialize)]
struct InitOutput {
    path: String,
    key_file: String,
    mode: &'static str,
    schema_version: i64,
}

fn json<T: Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string(value).map_err(|e| CliError::Failed(e.to_string()))
}

pub fn run_db(command: DbCommand, options: &StoreOptions, _: &Context) -> Result<(), CliError> {
    match command {
        DbCommand::Init => {
            let dir = options.dir()?;
            let passphrase = options.passphrase()?;
            let store = Store::create(&dir, options.mode(), &passphrase, KdfParams::default())
                .map_err(store_error)?;
            print_line(&json(&InitOutput {
                path: store.path().display().to_string(),
                key_file: beder::store::key_file_path(store.path())
                    .display()
                    .to_string(),
                mode: store.mode().code(),
                schema_version: beder::store::latest_version(),
            })?)
        }
        DbCommand::Check => {
            let store = open(options)?;
            let report = store.check().map_err(store_error)?;
            print_line(&json(&report)?)?;
            if report.integrity != "ok" || !report.audit.intact() {
                return Err(CliError::Silent(1));
            }
            Ok(())
        }
    }
}

#[derive(Serialize)]
struct VerifyOutput {
    intact: bool,
    entries: i64,
    first_broken: Option<i64>,
    problem: Option<String>,
}

pub fn run_audit(
    command: AuditCommand,
    options: &StoreOptions,
    _: &Context,
) -> Result<(), CliError> {
    match command {
        AuditCommand::List { limit } => {
            let store = open(options)?;
            for entry in store.audit_entries(limit).map_err(store_error)? {
                print_line(&json(&entry)?)?;
            }
            Ok(())
        }
        AuditCommand::Verify => {
            let store = open(options)?;
            let verification = store.verify_audit().map_err(store_error)?;
            print_line(&json(&VerifyOutput {
                intact: verification.intact(),
                entries: verification.entries,
                first_broken: verification.first_broken,
                problem: verification.problem.clone(),
            })?)?;
            if verification.intact() {
                Ok(())
            } else {
                Err(CliError::Silent(1))
            }
        }
    }
}

#[derive(Serialize)]
struct BackupOutput {
    backup: String,
    key_file: String,
}

pub fn run_backup(to: &Path, options: &StoreOptions, _: &Context) -> Result<(), CliError> {
    let mut store = open(options)?;
    store.backup_to(to, None).map_err(store_error)?;
    print_line(&json(&BackupOutput {
        backup: to.display().to_string(),
        key_file: beder::store::key_file_path(to).display().to_string(),
    })?)
}
