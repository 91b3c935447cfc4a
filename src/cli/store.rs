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
    Init {
        /// Remove what an interrupted `db init` left (never a database
        /// that holds anything) and create the database afresh.
        #[arg(long)]
        replace_incomplete: bool,
    },
    /// Full integrity check, schema version, counts, the audit chain and
    /// every record against its audit entry (read-only; works on a
    /// write-protected disk). Exit code 1 when anything is wrong.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Verify the audit log's hash chain (and that it passes through every
    /// checkpoint kept beside the database); exit code 1 and the first
    /// broken entry when it was edited or cut. Read-only.
    Verify {
        /// Also prove that nothing up to this signed checkpoint changed
        /// (one written beside a backup, in a transfer package or by
        /// `audit checkpoint`). May be given several times.
        #[arg(long, value_name = "CHECKPOINT")]
        against: Vec<PathBuf>,
    },
    /// Write a signed checkpoint of the log's head to FILE (kept outside
    /// the database, it fixes everything up to now).
    Checkpoint {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Print the latest entries, newest first, one JSON object a line:
    /// id, time, officer, action, registry and record id (no personal data).
    List {
        /// How many entries (newest first).
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(i64).range(1..=100_000))]
        limit: i64,
    },
}

/// The largest passphrase file read.
const PASSPHRASE_FILE_LIMIT: u64 = 64 * 1024;

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

    pub(super) fn dir(&self) -> Result<PathBuf, CliError> {
        match &self.data_dir {
            Some(dir) => Ok(dir.clone()),
            None => default_data_dir()
                .ok_or_else(|| CliError::input("cli-error-no-data-dir", Vec::new())),
        }
    }

    pub fn passphrase(&self) -> Result<String, CliError> {
        if let Some(path) = &self.passphrase_file {
            // A passphrase file is a line; a device or a pipe is refused.
            let text = beder::files::read_text(path, PASSPHRASE_FILE_LIMIT).map_err(|e| {
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

/// Opens without writing anything (a write-protected disk will do).
fn open_read_only(options: &StoreOptions) -> Result<Store, CliError> {
    let dir = options.dir()?;
    let passphrase = options.passphrase()?;
    Store::open_read_only(&dir, options.mode(), &passphrase).map_err(store_error)
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
        DbCommand::Init { replace_incomplete } => {
            let dir = options.dir()?;
            let passphrase = options.passphrase()?;
            let create = if replace_incomplete {
                Store::create_replacing_incomplete
            } else {
                Store::create
            };
            let store = create(&dir, options.mode(), &passphrase, KdfParams::default())
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
            let store = open_read_only(options)?;
            let report = store.check().map_err(store_error)?;
            print_line(&json(&report)?)?;
            if !report.healthy() {
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
    /// Signed checkpoints the chain was checked against.
    checkpoints: usize,
    checkpoints_unreadable: usize,
}

#[derive(Serialize)]
struct CheckpointOutput {
    checkpoint: String,
    entry: i64,
    public_key: String,
}

pub fn run_audit(
    command: AuditCommand,
    options: &StoreOptions,
    _: &Context,
) -> Result<(), CliError> {
    match command {
        AuditCommand::List { limit } => {
            let store = open_read_only(options)?;
            for entry in store.audit_entries(limit).map_err(store_error)? {
                print_line(&json(&entry)?)?;
            }
            Ok(())
        }
        AuditCommand::Verify { against } => {
            // Each file is read (and refused) before the database is opened.
            let given = against
                .iter()
                .map(|path| beder::store::Checkpoint::read(path).map_err(store_error))
                .collect::<Result<Vec<_>, _>>()?;
            let store = open_read_only(options)?;
            let mut verification = store.verify_audit().map_err(store_error)?;
            if verification.intact() && !given.is_empty() {
                let kept = verification.checkpoints;
                let unreadable = verification.checkpoints_unreadable;
                verification = store.verify_audit_against(&given).map_err(store_error)?;
                verification.checkpoints += kept;
                verification.checkpoints_unreadable = unreadable;
            }
            print_line(&json(&VerifyOutput {
                intact: verification.intact(),
                entries: verification.entries,
                first_broken: verification.first_broken,
                problem: verification.problem.clone(),
                checkpoints: verification.checkpoints,
                checkpoints_unreadable: verification.checkpoints_unreadable,
            })?)?;
            if verification.intact() {
                Ok(())
            } else {
                Err(CliError::Silent(1))
            }
        }
        AuditCommand::Checkpoint { out } => {
            let store = open(options)?;
            let checkpoint = store.write_checkpoint(&out).map_err(store_error)?;
            print_line(&json(&CheckpointOutput {
                checkpoint: out.display().to_string(),
                entry: checkpoint.entry,
                public_key: checkpoint.public_key,
            })?)
        }
    }
}

pub fn run_backup(to: &Path, options: &StoreOptions, _: &Context) -> Result<(), CliError> {
    let mut store = open(options)?;
    let report = store.backup_to(to, None).map_err(store_error)?;
    print_line(&json(&report)?)
}
