//! The store: both registries in one encrypted SQLite (SQLCipher) database.
//! The only module that speaks SQL.
//!
//! - Encrypted at rest: the key comes from the passphrase (`key.rs`).
//! - WAL, `synchronous=FULL`, foreign keys on, `quick_check` at start-up.
//! - Every change is one transaction with its audit entry (`audit.rs`).
//! - Nothing is overwritten: personal data and biometric sets are versioned,
//!   the previous version archived with valid-from/valid-to (п.14).
//! - The training database is a separate file, and a database remembers which
//!   mode it was created for: the live one cannot be opened in training mode.

mod audit;
mod checkpoint;
mod content;
mod key;
mod migrations;
mod names;
mod officers;
mod outbox;
mod records;
mod registrations;
mod retention;
mod search;
mod stats;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};
use thiserror::Error;

use crate::model::Registry;

pub(crate) use audit::registry_code;
pub use audit::{AuditAction, AuditEntry, AuditEvent, AuditVerification, hex, unhex};
pub use checkpoint::{CHECKPOINT_FORMAT, Checkpoint, sidecar_path};
pub use content::ContentCheck;
pub use key::{KDF_LIMITS, KdfParams, key_file_path};
pub use migrations::latest_version;
pub use names::{document_key, name_key};
pub use officers::{
    AuthError, LockoutPolicy, MIN_PASSWORD_CHARS, NewOfficer, OfficerAccount, SignedIn,
};
pub use outbox::{AnswerReport, OutboxItem, OutboxKind, OutboxState, OutboxSummary};
pub use records::{
    DecisionMeta, MarksImport, NonCollection, NonCollectionOutcome, PersonIdentity, Refusal,
    RegistrationMark, VerificationMethod, VerificationRecord,
};
pub use registrations::{
    BiometricVersion, ChangeInfo, ChangeKind, EnrolledStamp, LookupHit, LookupQuery, LookupSource,
    PersonalDataVersion, Registration, RegistrationId, StoredTemplate,
};
pub use retention::PurgeReport;
pub use search::{Badge, FoundRecord, SearchHit};
pub use stats::{
    Attention, AuditFilter, Bucket, CheckFigures, CountRow, DayCase, DaySummary, Grouping,
    OfficerRates, Period, SignInActivity,
};

/// Which database: the mission's real one, or the training room's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The mission's database.
    Live,
    /// The training room's database: synthetic people only.
    Training,
}

impl Mode {
    /// `live` or `training`.
    pub fn code(self) -> &'static str {
        match self {
            Mode::Live => "live",
            Mode::Training => "training",
        }
    }

    /// The database file name in the data directory. The two modes never
    /// share a file.
    pub fn file_name(self) -> &'static str {
        match self {
            Mode::Live => "beder.db",
            Mode::Training => "beder-training.db",
        }
    }
}

/// The platform's data directory for Beder (e.g. `~/.local/share/beder` on
/// Linux, `%APPDATA%\Beder\Beder\data` on Windows).
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("kz", "Beder", "Beder").map(|d| d.data_dir().to_path_buf())
}

/// Everything that can go wrong with the store, each with its own message.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the data directory {0} does not exist")]
    /// The data directory does not exist.
    MissingDirectory(PathBuf),
    #[error("the folder {0} does not exist")]
    /// A folder named for an export or a backup does not exist.
    NoSuchFolder(PathBuf),
    #[error("no database at {0}: create it with `beder db init`")]
    /// No database in the directory yet.
    NotInitialized(PathBuf),
    #[error("a database already exists at {0}")]
    /// `db init` on a directory that has a database.
    AlreadyExists(PathBuf),
    #[error("the key file {0} is missing: the database cannot be opened without it")]
    /// The key file beside the database is missing.
    KeyFileMissing(PathBuf),
    #[error("the key file cannot be used: {0}")]
    /// The key file cannot be read or does not fit the database.
    KeyFile(String),
    #[error("wrong passphrase")]
    /// The passphrase does not open the database.
    WrongPassphrase,
    #[error("the passphrase is empty")]
    /// An empty passphrase.
    EmptyPassphrase,
    #[error("the database is damaged: {0}")]
    /// The database file is damaged.
    Corrupt(String),
    #[error(
        "an interrupted `beder db init` left an incomplete database at {0}; nothing was saved in it"
    )]
    /// An interrupted `db init` left a database without its key.
    Incomplete(PathBuf),
    #[error("the audit log is broken: {0}")]
    /// The audit log's chain does not hold.
    BrokenLog(String),
    #[error("the checkpoint cannot be used: {0}")]
    /// A signed checkpoint cannot be read or verified.
    Checkpoint(String),
    #[error(
        "the database has schema version {found}, newer than this program's {supported}: update Beder"
    )]
    /// A database from a newer Beder.
    NewerSchema {
        /// The database's schema version.
        found: i64,
        /// The newest this program knows.
        supported: i64,
    },
    #[error("the database cannot be written (read-only disk or file): {0}")]
    /// The database file or its disk is read-only.
    ReadOnly(String),
    #[error("the disk is full")]
    /// No space left on the disk.
    DiskFull,
    #[error("the database is busy in another program")]
    /// Another program holds the database.
    Busy,
    #[error("this is the {found} database; it cannot be opened in {expected} mode")]
    /// A live database opened in training mode, or the other way round.
    ModeMismatch {
        /// The mode asked for.
        expected: &'static str,
        /// The database's own mode.
        found: String,
    },
    #[error("no such record")]
    /// No record with that number.
    NotFound,
    #[error("invalid data: {0}")]
    /// Data the store refuses, and why.
    Invalid(String),
    #[error("{path}: {source}")]
    /// A file beside the database cannot be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    /// Any other SQLite error.
    Sqlite(rusqlite::Error),
}

impl StoreError {
    pub(crate) fn from_io(path: &Path, source: std::io::Error) -> Self {
        match source.kind() {
            std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied => {
                StoreError::ReadOnly(format!("{}: {source}", path.display()))
            }
            std::io::ErrorKind::StorageFull => StoreError::DiskFull,
            _ => StoreError::Io {
                path: path.to_path_buf(),
                source,
            },
        }
    }

    /// The technical detail the localized message shows (`$detail`).
    pub fn detail(&self) -> String {
        match self {
            StoreError::MissingDirectory(p)
            | StoreError::NotInitialized(p)
            | StoreError::AlreadyExists(p)
            | StoreError::KeyFileMissing(p)
            | StoreError::NoSuchFolder(p)
            | StoreError::Incomplete(p) => p.display().to_string(),
            StoreError::KeyFile(d)
            | StoreError::Corrupt(d)
            | StoreError::BrokenLog(d)
            | StoreError::Checkpoint(d)
            | StoreError::ReadOnly(d)
            | StoreError::Invalid(d) => d.clone(),
            StoreError::NewerSchema { found, supported } => format!("{found} > {supported}"),
            StoreError::ModeMismatch { expected, found } => format!("{found} ≠ {expected}"),
            StoreError::Io { path, source } => format!("{}: {source}", path.display()),
            StoreError::Sqlite(e) => e.to_string(),
            StoreError::WrongPassphrase
            | StoreError::EmptyPassphrase
            | StoreError::DiskFull
            | StoreError::Busy
            | StoreError::NotFound => String::new(),
        }
    }

    /// The Fluent message id of the officer-facing text.
    pub fn message_key(&self) -> &'static str {
        match self {
            StoreError::MissingDirectory(_) => "store-error-missing-directory",
            StoreError::NotInitialized(_) => "store-error-not-initialized",
            StoreError::NoSuchFolder(_) => "store-error-no-such-folder",
            StoreError::AlreadyExists(_) => "store-error-already-exists",
            StoreError::KeyFileMissing(_) => "store-error-key-file-missing",
            StoreError::KeyFile(_) => "store-error-key-file",
            StoreError::WrongPassphrase => "store-error-wrong-passphrase",
            StoreError::EmptyPassphrase => "store-error-empty-passphrase",
            StoreError::Corrupt(_) => "store-error-corrupt",
            StoreError::Incomplete(_) => "store-error-incomplete",
            StoreError::BrokenLog(_) => "store-error-broken-log",
            StoreError::Checkpoint(_) => "store-error-checkpoint",
            StoreError::NewerSchema { .. } => "store-error-newer-schema",
            StoreError::ReadOnly(_) => "store-error-read-only",
            StoreError::DiskFull => "store-error-disk-full",
            StoreError::Busy => "store-error-busy",
            StoreError::ModeMismatch { .. } => "store-error-mode-mismatch",
            StoreError::NotFound => "store-error-not-found",
            StoreError::Invalid(_) => "store-error-invalid",
            StoreError::Io { .. } => "store-error-io",
            StoreError::Sqlite(_) => "store-error-sqlite",
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(failure, message) = &error {
            let detail = message.clone().unwrap_or_else(|| failure.to_string());
            match failure.code {
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
                    return StoreError::Corrupt(one_line(&detail));
                }
                ErrorCode::ReadOnly | ErrorCode::PermissionDenied => {
                    return StoreError::ReadOnly(detail);
                }
                ErrorCode::DiskFull => return StoreError::DiskFull,
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return StoreError::Busy,
                _ => {}
            }
        }
        StoreError::Sqlite(error)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> Self {
        StoreError::Corrupt(format!("a stored value cannot be read: {error}"))
    }
}

/// What `beder db check` reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckReport {
    /// `live` or `training`.
    pub mode: String,
    /// The schema's version.
    pub schema_version: i64,
    /// SQLite's `integrity_check`: `ok`, or what it found.
    pub integrity: String,
    /// Registrations in the citizen registry.
    pub citizen_registrations: i64,
    /// Registrations in the foreigner registry.
    pub foreigner_registrations: i64,
    /// Accounts.
    pub officers: i64,
    /// The audit log's chain.
    pub audit: AuditVerification,
    /// Every current record against the state the log bound.
    pub content: ContentCheck,
}

impl CheckReport {
    /// Nothing wrong: the file, the chain and every record.
    pub fn healthy(&self) -> bool {
        self.integrity == "ok" && self.audit.intact() && self.content.intact()
    }
}

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupReport {
    /// The copy of the database.
    pub backup: PathBuf,
    /// The copy of its key file.
    pub key_file: PathBuf,
    /// The signed checkpoint of the copy's log (schema 4 and later).
    pub checkpoint: Option<PathBuf>,
}

/// `<backup>.checkpoint`: the signed checkpoint beside a backup.
pub fn checkpoint_path(backup: &Path) -> PathBuf {
    let mut name = backup.as_os_str().to_owned();
    name.push(".checkpoint");
    PathBuf::from(name)
}

/// An open database.
pub struct Store {
    conn: Connection,
    mode: Mode,
    path: PathBuf,
    key: key::DatabaseKey,
    /// Opened read-only: nothing can be written through it.
    read_only: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("mode", &self.mode)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Opens a connection once SQLCipher is wholly initialised.
///
/// SQLite marks itself initialised before it runs SQLCipher's own start-up
/// (`SQLITE_EXTRA_INIT`); a second thread opening its first database in that
/// moment finds SQLCipher not ready, and its `PRAGMA key` fails ("An error
/// occurred with PRAGMA key or rekey"). The first initialisation therefore
/// runs once, and every other thread waits for it to finish.
fn open_connection(path: impl AsRef<Path>, flags: OpenFlags) -> rusqlite::Result<Connection> {
    static SQLITE_READY: std::sync::Once = std::sync::Once::new();
    SQLITE_READY.call_once(|| {
        // SAFETY: `sqlite3_initialize` may be called from any thread at any
        // time; it takes no pointers. Its result is not needed here: a failed
        // initialisation fails the open below with SQLite's own error.
        let _ = unsafe { rusqlite::ffi::sqlite3_initialize() };
    });
    Connection::open_with_flags(path, flags)
}

fn apply_key(conn: &Connection, key: &key::DatabaseKey) -> Result<(), StoreError> {
    // SQLCipher would log decryption failures to stderr; the store reports
    // them as typed errors instead.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    // A raw key: SQLCipher skips its own PBKDF2, Argon2id has done the work.
    conn.execute_batch(&format!("PRAGMA key = \"{}\";", key.pragma_value()))?;
    Ok(())
}

/// How long a command waits for another one holding the database's write
/// lock (a backup, a save) before it gives up.
const BUSY_TIMEOUT_MS: u32 = 60_000;

/// A database file that exists but cannot be opened (or its journal files
/// created) is on a read-only disk or in a read-only directory.
fn cannot_open_is_read_only(error: rusqlite::Error) -> StoreError {
    match StoreError::from(error) {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, detail))
            if f.code == ErrorCode::CannotOpen =>
        {
            StoreError::ReadOnly(detail.unwrap_or_else(|| f.to_string()))
        }
        other => other,
    }
}

fn configure(conn: &mut Connection) -> Result<(), StoreError> {
    conn.execute_batch(&format!("PRAGMA busy_timeout = {BUSY_TIMEOUT_MS};"))?;
    // WAL needs its -wal and -shm files beside the database: on a read-only
    // directory SQLite cannot open them.
    let journal: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(cannot_open_is_read_only)?;
    if !journal.eq_ignore_ascii_case("wal") {
        return Err(StoreError::ReadOnly(format!(
            "the journal cannot be switched to WAL (got {journal})"
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;",
    )?;
    // Every write transaction takes the write lock when it begins: it then
    // waits for another writer (the busy timeout) instead of failing when
    // its first read's snapshot went stale.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    Ok(())
}

/// The files of the database at `path` (beside the database and its key):
/// WAL, shared memory, rollback journal.
fn companions(path: &Path) -> [PathBuf; 3] {
    ["-wal", "-shm", "-journal"].map(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    })
}

/// The names `db init` builds a database under before renaming it.
fn init_names(path: &Path) -> (PathBuf, PathBuf) {
    let mut db = path.as_os_str().to_owned();
    db.push(".init");
    let db = PathBuf::from(db);
    let mut key = key_file_path(path).into_os_string();
    key.push(".init");
    (db, PathBuf::from(key))
}

/// What a data directory holds for one mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnDisk {
    /// Nothing: `db init` may create it.
    Absent,
    /// A database (its key file may still be missing: opening says so).
    Present,
    /// What an interrupted `db init` left: these files, none of which holds
    /// anything saved.
    Incomplete(Vec<PathBuf>),
}

/// A `file:` URI for SQLite, every byte outside the unreserved set
/// percent-encoded.
fn sqlite_uri(path: &Path, query: &str) -> String {
    // A URI names a file from the root: a relative data directory is made
    // absolute first (else `data/beder.db` would become `/data/beder.db`).
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file:");
    if !text.starts_with('/') {
        out.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out.push('?');
    out.push_str(query);
    out
}

/// Reads the first row of a `PRAGMA quick_check` or `integrity_check`
/// and the count of the rest, as one line.
fn check_pragma(conn: &Connection, pragma: &str) -> Result<String, StoreError> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(one_line(&rows.join("\n")))
}

/// Damage reports are one line: the first problem and how many more.
pub(crate) fn one_line(text: &str) -> String {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("").trim().to_string();
    match lines.count() {
        0 => first,
        more => format!("{first} (and {more} more)"),
    }
}

/// Read-only or read-write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    ReadWrite,
    ReadOnly,
}

impl Store {
    /// Path of the database of `mode` in `dir`.
    pub fn database_path(dir: &Path, mode: Mode) -> PathBuf {
        dir.join(mode.file_name())
    }

    /// What `dir` holds for `mode`: nothing, a database, or what an
    /// interrupted `db init` left.
    pub fn on_disk(dir: &Path, mode: Mode) -> OnDisk {
        let path = Self::database_path(dir, mode);
        let key = key_file_path(&path);
        let (init_db, init_key) = init_names(&path);
        let mut leftovers: Vec<PathBuf> = [init_db.clone(), init_key]
            .into_iter()
            .chain(companions(&init_db))
            .filter(|p| p.exists())
            .collect();
        let size = fs::metadata(&path).map(|m| m.len()).ok();
        let wal_size = fs::metadata(&companions(&path)[0]).map_or(0, |m| m.len());
        match size {
            // A database file with nothing in it (nor in its WAL) never
            // held anything.
            Some(0) if wal_size == 0 => {
                leftovers.push(path.clone());
                leftovers.extend(companions(&path).into_iter().filter(|p| p.exists()));
                if key.exists() {
                    leftovers.push(key);
                }
                OnDisk::Incomplete(leftovers)
            }
            Some(_) => OnDisk::Present,
            None if key.exists() => {
                leftovers.push(key);
                OnDisk::Incomplete(leftovers)
            }
            None if leftovers.is_empty() => OnDisk::Absent,
            None => OnDisk::Incomplete(leftovers),
        }
    }

    /// Creates a new, empty database (and its key file) in `dir`, creating
    /// the directory if needed. Refuses to touch an existing database, and
    /// reports what an interrupted `db init` left.
    ///
    /// Creation is atomic: the key file and the database are written under
    /// temporary names, synced, and renamed — the key first, the database
    /// last, so a database at its own name is always a whole one.
    pub fn create(
        dir: &Path,
        mode: Mode,
        passphrase: &str,
        params: KdfParams,
    ) -> Result<Store, StoreError> {
        Self::create_with(dir, mode, passphrase, params, false)
    }

    /// [`Store::create`], first removing what an interrupted `db init`
    /// left (`db init --replace-incomplete`). A database that holds
    /// anything is never removed. The new database's log records the
    /// replacement.
    pub fn create_replacing_incomplete(
        dir: &Path,
        mode: Mode,
        passphrase: &str,
        params: KdfParams,
    ) -> Result<Store, StoreError> {
        Self::create_with(dir, mode, passphrase, params, true)
    }

    fn create_with(
        dir: &Path,
        mode: Mode,
        passphrase: &str,
        params: KdfParams,
        replace_incomplete: bool,
    ) -> Result<Store, StoreError> {
        if passphrase.is_empty() {
            return Err(StoreError::EmptyPassphrase);
        }
        params.check()?;
        fs::create_dir_all(dir).map_err(|e| StoreError::from_io(dir, e))?;
        let path = Self::database_path(dir, mode);
        let mut replaced = false;
        match Self::on_disk(dir, mode) {
            OnDisk::Absent => {}
            OnDisk::Present => {
                // A database left by an older Beder's interrupted init
                // (schema made, never finished) holds nothing either.
                match Self::open(dir, mode, passphrase) {
                    Err(StoreError::Incomplete(_)) if replace_incomplete => {
                        for file in std::iter::once(path.clone())
                            .chain(companions(&path))
                            .chain([key_file_path(&path)])
                            .filter(|p| p.exists())
                        {
                            fs::remove_file(&file).map_err(|e| StoreError::from_io(&file, e))?;
                        }
                        replaced = true;
                    }
                    Err(StoreError::Incomplete(p)) => return Err(StoreError::Incomplete(p)),
                    _ => return Err(StoreError::AlreadyExists(path)),
                }
            }
            OnDisk::Incomplete(files) if replace_incomplete => {
                for file in files {
                    fs::remove_file(&file).map_err(|e| StoreError::from_io(&file, e))?;
                }
                replaced = true;
            }
            OnDisk::Incomplete(_) => return Err(StoreError::Incomplete(path)),
        }
        let (init_db, init_key) = init_names(&path);
        let result = Self::build(&init_db, &init_key, mode, passphrase, params, replaced);
        if result.is_err() {
            for file in [init_db.clone(), init_key.clone()]
                .into_iter()
                .chain(companions(&init_db))
            {
                let _ = fs::remove_file(file);
            }
        }
        let key = result?;
        // The key first: a database at its own name always has its key.
        fs::rename(&init_key, key_file_path(&path))
            .and_then(|_| fs::rename(&init_db, &path))
            .and_then(|_| crate::files::sync_dir(dir))
            .map_err(|e| StoreError::from_io(&path, e))?;
        Self::open_with_key(path, mode, key, Access::ReadWrite)
    }

    /// Writes the key file and the whole database under their temporary
    /// names, synced.
    fn build(
        init_db: &Path,
        init_key: &Path,
        mode: Mode,
        passphrase: &str,
        params: KdfParams,
        replaced: bool,
    ) -> Result<key::DatabaseKey, StoreError> {
        let key = key::create_key(init_key, passphrase, params)?;
        crate::files::create_private(init_db).map_err(|e| StoreError::from_io(init_db, e))?;
        {
            let mut conn = open_connection(
                init_db,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| Self::open_error(init_db, e))?;
            apply_key(&conn, &key)?;
            // A rollback journal while it is built: nothing beside the
            // file to rename with it.
            conn.execute_batch(
                "PRAGMA journal_mode = DELETE;
                 PRAGMA synchronous = FULL;
                 PRAGMA foreign_keys = ON;",
            )?;
            migrations::migrate(&mut conn)?;
            let tx = conn.transaction()?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('mode', ?1), ('created_at', ?2)",
                [mode.code(), &now_text()],
            )?;
            audit::append(
                &tx,
                AuditEvent::new(AuditAction::DatabaseCreated),
                Utc::now(),
            )?;
            if replaced {
                audit::append(
                    &tx,
                    AuditEvent::new(AuditAction::IncompleteReplaced),
                    Utc::now(),
                )?;
            }
            tx.commit()?;
            // The file says WAL from now on; the connection's close folds
            // the WAL back and removes it.
            let journal: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !journal.eq_ignore_ascii_case("wal") {
                return Err(StoreError::ReadOnly(format!(
                    "the journal cannot be switched to WAL (got {journal})"
                )));
            }
            conn.close().map_err(|(_, e)| StoreError::from(e))?;
        }
        fs::File::open(init_db)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::from_io(init_db, e))?;
        Ok(key)
    }

    /// **For the upgrade tests only**: creates a database as an earlier
    /// Beder made it — the schema stopped at `version`, the mode, the
    /// creation entry — lets `seed` write rows as that version's code did,
    /// then records each registration, decision and refusal in the log as
    /// that code did (without content before schema 4, binding each
    /// record's state from schema 4 on, and queueing it in the outbox from
    /// schema 5 on), and puts it in
    /// place. Never used by the program.
    #[doc(hidden)]
    pub fn create_at_schema(
        dir: &Path,
        mode: Mode,
        passphrase: &str,
        params: KdfParams,
        version: i64,
        seed: impl FnOnce(&Connection) -> rusqlite::Result<()>,
    ) -> Result<(), StoreError> {
        fs::create_dir_all(dir).map_err(|e| StoreError::from_io(dir, e))?;
        let path = Self::database_path(dir, mode);
        if Self::on_disk(dir, mode) != OnDisk::Absent {
            return Err(StoreError::AlreadyExists(path));
        }
        key::create_key(&key_file_path(&path), passphrase, params)?;
        let key = key::open_key(&path, passphrase)?;
        let mut conn = open_connection(&path, OpenFlags::default())?;
        apply_key(&conn, &key)?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")?;
        migrations::migrate_to(&mut conn, version)?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('mode', ?1), ('created_at', ?2)",
            [mode.code(), &now_text()],
        )?;
        audit::append(
            &tx,
            AuditEvent::new(AuditAction::DatabaseCreated),
            Utc::now(),
        )?;
        seed(&tx)?;
        for (kind, action) in [
            ("registrations", AuditAction::RecordCreated),
            ("non_collections", AuditAction::NonCollectionRecorded),
        ] {
            for registry in [Registry::Citizen, Registry::Foreigner] {
                let ids: Vec<i64> = tx
                    .prepare(&format!(
                        "SELECT id FROM {} ORDER BY id",
                        registrations::table(registry, kind)
                    ))?
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                for id in ids {
                    let mut event = AuditEvent::new(action).on(registry, id);
                    // From schema 4 on, the code bound each record's state.
                    if version >= 4 {
                        event = event.content(if kind == "registrations" {
                            content::registration_state(&tx, RegistrationId { registry, id })?
                        } else {
                            content::non_collection_state(&tx, registry, id)?
                        });
                    }
                    audit::append(&tx, event, Utc::now())?;
                }
            }
        }
        let refusals: Vec<i64> = tx
            .prepare("SELECT id FROM citizen_refusals ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in refusals {
            let mut event = AuditEvent::new(AuditAction::RefusalRecorded).on(Registry::Citizen, id);
            if version >= 4 {
                event = event.content(content::refusal_state(&tx, id)?);
            }
            audit::append(&tx, event, Utc::now())?;
        }
        // From schema 5 on, the code queued each event with it.
        if version >= 5 {
            outbox::queue_existing(&tx)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Opens the existing database of `mode` in `dir`, upgrading its schema
    /// if it is older. Never creates one: an empty or unfinished file is
    /// reported as incomplete, and nothing is written to it.
    pub fn open(dir: &Path, mode: Mode, passphrase: &str) -> Result<Store, StoreError> {
        let (path, key) = Self::locate(dir, mode, passphrase)?;
        Self::open_with_key(path, mode, key, Access::ReadWrite)
    }

    /// Opens the database read-only — on a write-protected disk, a backup
    /// on a locked stick — for `db check`, `audit verify` and reading.
    /// Nothing is written (not even a schema upgrade); an older schema is
    /// read as it is.
    pub fn open_read_only(dir: &Path, mode: Mode, passphrase: &str) -> Result<Store, StoreError> {
        let (path, key) = Self::locate(dir, mode, passphrase)?;
        Self::open_with_key(path, mode, key, Access::ReadOnly)
    }

    fn locate(
        dir: &Path,
        mode: Mode,
        passphrase: &str,
    ) -> Result<(PathBuf, key::DatabaseKey), StoreError> {
        if !dir.is_dir() {
            return Err(StoreError::MissingDirectory(dir.to_path_buf()));
        }
        let path = Self::database_path(dir, mode);
        match Self::on_disk(dir, mode) {
            OnDisk::Absent => return Err(StoreError::NotInitialized(path)),
            OnDisk::Incomplete(_) => return Err(StoreError::Incomplete(path)),
            OnDisk::Present => {}
        }
        if !path.is_file() {
            return Err(StoreError::Corrupt(format!(
                "{} is not a regular file",
                path.display()
            )));
        }
        let key = key::open_key(&path, passphrase)?;
        Ok((path, key))
    }

    fn connect(path: &Path, access: Access, immutable: bool) -> Result<Connection, StoreError> {
        match access {
            Access::ReadWrite => open_connection(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            ),
            Access::ReadOnly => open_connection(
                sqlite_uri(path, if immutable { "immutable=1" } else { "mode=ro" }),
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_URI
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            ),
        }
        .map_err(cannot_open_is_read_only)
    }

    /// Opens, keys and probes a connection: the passphrase is right (the
    /// key file said so), so a database that cannot be read now is damaged.
    fn connect_keyed(
        path: &Path,
        key: &key::DatabaseKey,
        access: Access,
    ) -> Result<Connection, StoreError> {
        let probe = |immutable: bool| -> Result<Connection, StoreError> {
            let conn = Self::connect(path, access, immutable)?;
            apply_key(&conn, key)?;
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(cannot_open_is_read_only)?;
            Ok(conn)
        };
        match probe(false) {
            // A WAL database on a write-protected disk: SQLite cannot make
            // its shared-memory file. With no WAL content left (Beder folds
            // it back on close) the file alone is the whole database.
            Err(StoreError::ReadOnly(_)) | Err(StoreError::Sqlite(_))
                if access == Access::ReadOnly
                    && fs::metadata(&companions(path)[0]).map_or(true, |m| m.len() == 0) =>
            {
                probe(true)
            }
            other => other,
        }
    }

    fn open_with_key(
        path: PathBuf,
        mode: Mode,
        key: key::DatabaseKey,
        access: Access,
    ) -> Result<Store, StoreError> {
        let mut conn = Self::connect_keyed(&path, &key, access)?;
        let schema = migrations::version(&conn)?;
        if schema == 0 {
            // No schema: a file an interrupted `db init` left. It is not
            // given one here.
            return Err(StoreError::Incomplete(path));
        }
        let latest = latest_version();
        if schema > latest {
            return Err(StoreError::NewerSchema {
                found: schema,
                supported: latest,
            });
        }
        match access {
            Access::ReadWrite => configure(&mut conn)?,
            Access::ReadOnly => conn.execute_batch(&format!(
                "PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; PRAGMA query_only = ON;"
            ))?,
        }
        let quick = check_pragma(&conn, "quick_check")?;
        if quick != "ok" {
            return Err(StoreError::Corrupt(quick));
        }
        let found: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'mode'", [], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(found) = found else {
            // A schema and no mode: an older Beder's interrupted init.
            return Err(StoreError::Incomplete(path));
        };
        if found != mode.code() {
            return Err(StoreError::ModeMismatch {
                expected: mode.code(),
                found,
            });
        }
        if access == Access::ReadWrite {
            migrations::migrate(&mut conn)?;
        }
        Ok(Store {
            conn,
            mode,
            path,
            key,
            read_only: access == Access::ReadOnly,
        })
    }

    fn open_error(path: &Path, error: rusqlite::Error) -> StoreError {
        match StoreError::from(error) {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == ErrorCode::CannotOpen =>
            {
                StoreError::ReadOnly(format!("{} cannot be opened for writing", path.display()))
            }
            other => other,
        }
    }

    /// A second connection to the same database, read-only, with the same
    /// key: for reading on another thread (the duplicate check's gallery is
    /// built this way while the officer signs in). Writing through it
    /// fails.
    pub fn reader(&self) -> Result<Store, StoreError> {
        let conn = Self::connect_keyed(&self.path, &self.key, Access::ReadOnly)?;
        conn.execute_batch(&format!(
            "PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; PRAGMA query_only = ON;"
        ))?;
        Ok(Store {
            conn,
            mode: self.mode,
            path: self.path.clone(),
            key: self.key.clone(),
            read_only: true,
        })
    }

    /// Live or training.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this connection was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The full integrity check, the schema version, counts, the audit
    /// chain (against every checkpoint kept beside the database) and every
    /// record against the state the log bound.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let integrity = check_pragma(&self.conn, "integrity_check")?;
        let count = |sql: &str| self.conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        Ok(CheckReport {
            mode: self.mode.code().to_string(),
            schema_version: count("PRAGMA user_version")?,
            integrity,
            citizen_registrations: count("SELECT count(*) FROM citizen_registrations")?,
            foreigner_registrations: count("SELECT count(*) FROM foreigner_registrations")?,
            officers: count("SELECT count(*) FROM officers")?,
            audit: self.verify_audit()?,
            content: content::check(&self.conn)?,
        })
    }

    /// A mission setting (mission name, idle lock minutes…), if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = ?1",
                [format!("setting:{key}")],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Sets a mission setting.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [format!("setting:{key}"), value.to_string()],
        )?;
        Ok(())
    }

    /// Sets several mission settings and records who changed them, in one
    /// transaction: all of them and the audit entry, or nothing.
    pub fn save_settings(
        &mut self,
        officer_id: Option<i64>,
        settings: &[(&str, String)],
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for (key, value) in settings {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [format!("setting:{key}"), value.clone()],
            )?;
        }
        let mut event = AuditEvent::new(AuditAction::SettingsChanged);
        if let Some(officer) = officer_id {
            event = event.by(officer);
        }
        audit::append(&tx, event, Utc::now())?;
        tx.commit()?;
        Ok(())
    }

    /// Verifies the audit log's hash chain, and that it passes through
    /// every checkpoint kept beside the database (`<db>.checkpoints`, and
    /// `<db>.checkpoint` when the database is a restored backup).
    pub fn verify_audit(&self) -> Result<AuditVerification, StoreError> {
        let (mut kept, unreadable) = checkpoint::read_sidecar(&self.path)?;
        // A restored backup keeps its own checkpoint beside it.
        let beside = checkpoint_path(&self.path);
        if beside.is_file() {
            kept.push(Checkpoint::read(&beside)?);
        }
        let mut verification = self.verify_audit_against(&kept)?;
        verification.checkpoints_unreadable = unreadable;
        Ok(verification)
    }

    /// Verifies the chain and that it passes through each checkpoint: each
    /// must be signed by this database's key and name it, and the log must
    /// hold the checkpoint's entry with the same hash — nothing at or before
    /// it was changed, removed or recomputed.
    pub fn verify_audit_against(
        &self,
        checkpoints: &[Checkpoint],
    ) -> Result<AuditVerification, StoreError> {
        let anchors = match checkpoint::identity(&self.conn, self.mode)? {
            Some(identity) => checkpoints
                .iter()
                .map(|c| c.anchor_for(&identity))
                .collect::<Result<Vec<_>, _>>()?,
            None if checkpoints.is_empty() => Vec::new(),
            None => {
                return Err(StoreError::Checkpoint(
                    "this database predates checkpoints (schema 4)".into(),
                ));
            }
        };
        let mut verification = audit::verify_against(&self.conn, &anchors)?;
        verification.checkpoints = anchors.len();
        Ok(verification)
    }

    /// A signed checkpoint of the log's head now.
    pub fn checkpoint(&self) -> Result<Checkpoint, StoreError> {
        let identity = checkpoint::identity(&self.conn, self.mode)?.ok_or_else(|| {
            StoreError::Checkpoint("this database predates checkpoints (schema 4)".into())
        })?;
        let (entry, hash) = audit::head(&self.conn)?;
        Ok(checkpoint::sign(&identity, entry, &hash))
    }

    /// Writes a signed checkpoint of the head to `path` (a new file, whole
    /// or absent) and keeps a copy beside the database.
    pub fn write_checkpoint(&self, path: &Path) -> Result<Checkpoint, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        let checkpoint = self.checkpoint()?;
        crate::files::write_new_atomically(path, format!("{}\n", checkpoint.to_json()).as_bytes())
            .map_err(|e| StoreError::from_io(path, e))?;
        self.keep_checkpoint(&checkpoint)?;
        Ok(checkpoint)
    }

    /// Appends a checkpoint to `<db>.checkpoints` (not on a read-only
    /// connection, which writes nothing).
    pub fn keep_checkpoint(&self, checkpoint: &Checkpoint) -> Result<(), StoreError> {
        if self.read_only {
            return Ok(());
        }
        checkpoint::append_to_sidecar(&self.path, checkpoint)
    }

    /// Refuses to go on with a broken log: `backup` and `search` would
    /// otherwise append to it as if nothing were wrong.
    pub fn require_intact_log(&self) -> Result<(), StoreError> {
        let verification = self.verify_audit()?;
        if verification.intact() {
            Ok(())
        } else {
            Err(StoreError::BrokenLog(
                verification
                    .problem
                    .unwrap_or_else(|| "the log does not verify".into()),
            ))
        }
    }

    /// Goes on despite a broken log, recording that the officer was warned.
    pub fn note_broken_log(&mut self, officer_id: Option<i64>) -> Result<(), StoreError> {
        let mut event = AuditEvent::new(AuditAction::BrokenChainWarned);
        event.officer_id = officer_id;
        self.audit(event)
    }

    /// The latest audit entries, newest first.
    pub fn audit_entries(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        audit::recent(&self.conn, limit)
    }

    /// Appends an audit entry on its own (e.g. a logout).
    pub fn audit(&mut self, event: AuditEvent) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        audit::append(&tx, event, Utc::now())?;
        tx.commit()?;
        Ok(())
    }

    /// Copies the database, still encrypted with the same key, to `dest`
    /// (SQLite's online backup), its key file beside it and a signed
    /// checkpoint of the copy's log (`<dest>.checkpoint`). The copy opens
    /// with the same passphrase.
    ///
    /// The copy is made under temporary names and renamed into place in
    /// the transaction that records it: a backup is audited exactly when it
    /// is complete, and a failed one leaves nothing behind. A broken log is
    /// refused (see [`Store::require_intact_log`]).
    #[expect(
        clippy::too_many_lines,
        reason = "the backup's steps (copy, check, rename, audit) in one transaction"
    )]
    pub fn backup_to(
        &mut self,
        dest: &Path,
        officer_id: Option<i64>,
    ) -> Result<BackupReport, StoreError> {
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if !parent.is_dir() {
            return Err(StoreError::NoSuchFolder(parent));
        }
        let dest_key = key_file_path(dest);
        let dest_checkpoint = checkpoint_path(dest);
        for path in [dest, dest_key.as_path(), dest_checkpoint.as_path()] {
            if path.exists() {
                return Err(StoreError::AlreadyExists(path.to_path_buf()));
            }
        }
        self.require_intact_log()?;
        let partial = crate::files::temporary_beside(dest, "partial");
        let partial_key = crate::files::temporary_beside(&dest_key, "partial");
        let partial_checkpoint = crate::files::temporary_beside(&dest_checkpoint, "partial");
        let made: std::cell::RefCell<Vec<PathBuf>> = std::cell::RefCell::new(Vec::new());
        let result = (|| -> Result<BackupReport, StoreError> {
            crate::files::create_private(&partial).map_err(|e| StoreError::from_io(&partial, e))?;
            made.borrow_mut().push(partial.clone());
            let checkpoint = {
                let mut target = open_connection(
                    &partial,
                    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(|e| Self::open_error(&partial, e))?;
                made.borrow_mut().extend(companions(&partial));
                apply_key(&target, &self.key)?;
                {
                    let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)?;
                    backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
                }
                // The copy's own head, signed: what the copy must pass
                // through for as long as it is kept.
                let checkpoint = match checkpoint::identity(&target, self.mode)? {
                    Some(identity) => {
                        let (entry, hash) = audit::head(&target)?;
                        Some(checkpoint::sign(&identity, entry, &hash))
                    }
                    None => None,
                };
                target.close().map_err(|(_, e)| StoreError::from(e))?;
                checkpoint
            };
            fs::File::open(&partial)
                .and_then(|f| f.sync_all())
                .map_err(|e| StoreError::from_io(&partial, e))?;
            let key_bytes = crate::files::read_file(&key_file_path(&self.path), 64 * 1024)
                .map_err(|e| StoreError::KeyFile(e.to_string()))?;
            made.borrow_mut().push(partial_key.clone());
            crate::files::write_new_private(&partial_key, &key_bytes)
                .map_err(|e| StoreError::from_io(&partial_key, e))?;
            if let Some(checkpoint) = &checkpoint {
                made.borrow_mut().push(partial_checkpoint.clone());
                crate::files::write_new_private(
                    &partial_checkpoint,
                    format!("{}\n", checkpoint.to_json()).as_bytes(),
                )
                .map_err(|e| StoreError::from_io(&partial_checkpoint, e))?;
            }
            // Into place, in the transaction that records it. A link fails
            // when the name was taken meanwhile (a concurrent backup).
            let tx = self.conn.transaction()?;
            let mut event = AuditEvent::new(AuditAction::BackupMade);
            event.officer_id = officer_id;
            audit::append(&tx, event, Utc::now())?;
            let mut placed = Vec::new();
            let dest_path = dest.to_path_buf();
            let mut moves = vec![(&partial_key, &dest_key)];
            if checkpoint.is_some() {
                moves.push((&partial_checkpoint, &dest_checkpoint));
            }
            moves.push((&partial, &dest_path));
            for (from, to) in moves {
                if let Err(e) = fs::hard_link(from, to) {
                    for file in &placed {
                        let _ = fs::remove_file(file);
                    }
                    return Err(if e.kind() == std::io::ErrorKind::AlreadyExists {
                        StoreError::AlreadyExists(to.clone())
                    } else {
                        StoreError::from_io(to, e)
                    });
                }
                placed.push(to.clone());
            }
            let synced = crate::files::sync_dir(&parent);
            if let Err(e) = synced
                .map_err(|e| StoreError::from_io(&parent, e))
                .and(tx.commit().map_err(StoreError::from))
            {
                for file in &placed {
                    let _ = fs::remove_file(file);
                }
                return Err(e);
            }
            if let Some(checkpoint) = &checkpoint {
                // The live log passes through the copy's head as well.
                self.keep_checkpoint(checkpoint)?;
            }
            Ok(BackupReport {
                backup: dest.to_path_buf(),
                key_file: dest_key.clone(),
                checkpoint: checkpoint.map(|_| dest_checkpoint.clone()),
            })
        })();
        for file in made.into_inner() {
            let _ = fs::remove_file(file);
        }
        result
    }

    /// The raw connection, for tests that simulate damage and for maintenance
    /// tools. Application code uses the typed methods.
    #[doc(hidden)]
    pub fn raw_connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}
