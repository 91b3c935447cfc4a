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
mod key;
mod migrations;
mod names;
mod officers;
mod records;
mod registrations;
mod search;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};
use thiserror::Error;

pub use audit::{AuditAction, AuditEntry, AuditEvent, AuditVerification};
pub use key::{KdfParams, key_file_path};
pub use migrations::latest_version;
pub use names::{document_key, name_key};
pub use officers::{AuthError, LockoutPolicy, NewOfficer, OfficerAccount, SignedIn};
pub use records::{
    DecisionMeta, NonCollection, NonCollectionOutcome, PersonIdentity, Refusal, RegistrationMark,
    VerificationMethod, VerificationRecord,
};
pub use registrations::{
    BiometricVersion, ChangeInfo, ChangeKind, EnrolledStamp, LookupHit, LookupQuery, LookupSource,
    PersonalDataVersion, Registration, RegistrationId, StoredTemplate,
};
pub use search::{Badge, FoundRecord, SearchHit};

/// Which database: the mission's real one, or the training room's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Live,
    Training,
}

impl Mode {
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
    MissingDirectory(PathBuf),
    #[error("no database at {0}: create it with `beder db init`")]
    NotInitialized(PathBuf),
    #[error("a database already exists at {0}")]
    AlreadyExists(PathBuf),
    #[error("the key file {0} is missing: the database cannot be opened without it")]
    KeyFileMissing(PathBuf),
    #[error("the key file cannot be used: {0}")]
    KeyFile(String),
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("the passphrase is empty")]
    EmptyPassphrase,
    #[error("the database is damaged: {0}")]
    Corrupt(String),
    #[error(
        "the database has schema version {found}, newer than this program's {supported}: update Beder"
    )]
    NewerSchema { found: i64, supported: i64 },
    #[error("the database cannot be written (read-only disk or file): {0}")]
    ReadOnly(String),
    #[error("the disk is full")]
    DiskFull,
    #[error("the database is busy in another program")]
    Busy,
    #[error("this is the {found} database; it cannot be opened in {expected} mode")]
    ModeMismatch {
        expected: &'static str,
        found: String,
    },
    #[error("no such record")]
    NotFound,
    #[error("invalid data: {0}")]
    Invalid(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
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
            | StoreError::KeyFileMissing(p) => p.display().to_string(),
            StoreError::KeyFile(d)
            | StoreError::Corrupt(d)
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
            StoreError::AlreadyExists(_) => "store-error-already-exists",
            StoreError::KeyFileMissing(_) => "store-error-key-file-missing",
            StoreError::KeyFile(_) => "store-error-key-file",
            StoreError::WrongPassphrase => "store-error-wrong-passphrase",
            StoreError::EmptyPassphrase => "store-error-empty-passphrase",
            StoreError::Corrupt(_) => "store-error-corrupt",
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
                    return StoreError::Corrupt(detail);
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
    pub mode: String,
    pub schema_version: i64,
    pub integrity: String,
    pub citizen_registrations: i64,
    pub foreigner_registrations: i64,
    pub officers: i64,
    pub audit: AuditVerification,
}

/// An open database.
pub struct Store {
    conn: Connection,
    mode: Mode,
    path: PathBuf,
    key: key::DatabaseKey,
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

fn apply_key(conn: &Connection, key: &key::DatabaseKey) -> Result<(), StoreError> {
    // SQLCipher would log decryption failures to stderr; the store reports
    // them as typed errors instead.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    // A raw key: SQLCipher skips its own PBKDF2, Argon2id has done the work.
    conn.execute_batch(&format!("PRAGMA key = \"{}\";", key.pragma_value()))?;
    Ok(())
}

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

fn configure(conn: &Connection) -> Result<(), StoreError> {
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
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;",
    )?;
    Ok(())
}

impl Store {
    /// Path of the database of `mode` in `dir`.
    pub fn database_path(dir: &Path, mode: Mode) -> PathBuf {
        dir.join(mode.file_name())
    }

    /// Creates a new, empty database (and its key file) in `dir`, creating the
    /// directory if needed. Refuses to touch an existing database.
    pub fn create(
        dir: &Path,
        mode: Mode,
        passphrase: &str,
        params: KdfParams,
    ) -> Result<Store, StoreError> {
        fs::create_dir_all(dir).map_err(|e| StoreError::from_io(dir, e))?;
        let path = Self::database_path(dir, mode);
        if path.exists() {
            return Err(StoreError::AlreadyExists(path));
        }
        let key_path = key_file_path(&path);
        if key_path.exists() {
            return Err(StoreError::AlreadyExists(key_path));
        }
        let key = key::create_key(&path, passphrase, params)?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Self::open_error(&path, e))?;
        apply_key(&conn, &key)?;
        configure(&conn)?;
        let mut store = Store {
            conn,
            mode,
            path,
            key,
        };
        migrations::migrate(&mut store.conn)?;
        let tx = store.conn.transaction()?;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('mode', ?1), ('created_at', ?2)",
            [mode.code(), &now_text()],
        )?;
        audit::append(
            &tx,
            AuditEvent::new(AuditAction::DatabaseCreated),
            Utc::now(),
        )?;
        tx.commit()?;
        Ok(store)
    }

    /// Opens the existing database of `mode` in `dir`.
    pub fn open(dir: &Path, mode: Mode, passphrase: &str) -> Result<Store, StoreError> {
        if !dir.is_dir() {
            return Err(StoreError::MissingDirectory(dir.to_path_buf()));
        }
        let path = Self::database_path(dir, mode);
        if !path.is_file() {
            return Err(StoreError::NotInitialized(path));
        }
        let key = key::open_key(&path, passphrase)?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(cannot_open_is_read_only)?;
        apply_key(&conn, &key)?;
        // The passphrase is right (the key file said so): a database that
        // cannot be read now is damaged.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(cannot_open_is_read_only)?;
        configure(&conn)?;
        let quick: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if quick != "ok" {
            return Err(StoreError::Corrupt(quick));
        }
        let mut store = Store {
            conn,
            mode,
            path,
            key,
        };
        migrations::migrate(&mut store.conn)?;
        let found: Option<String> = store
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'mode'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if found.as_deref() != Some(mode.code()) {
            return Err(StoreError::ModeMismatch {
                expected: mode.code(),
                found: found.unwrap_or_else(|| "unknown".into()),
            });
        }
        Ok(store)
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
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(cannot_open_is_read_only)?;
        apply_key(&conn, &self.key)?;
        conn.execute_batch("PRAGMA busy_timeout = 5000;")?;
        Ok(Store {
            conn,
            mode: self.mode,
            path: self.path.clone(),
            key: self.key.clone(),
        })
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The full integrity check, the schema version, counts and the audit chain.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let count = |sql: &str| self.conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        Ok(CheckReport {
            mode: self.mode.code().to_string(),
            schema_version: count("PRAGMA user_version")?,
            integrity,
            citizen_registrations: count("SELECT count(*) FROM citizen_registrations")?,
            foreigner_registrations: count("SELECT count(*) FROM foreigner_registrations")?,
            officers: count("SELECT count(*) FROM officers")?,
            audit: audit::verify(&self.conn)?,
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

    /// Verifies the audit log's hash chain.
    pub fn verify_audit(&self) -> Result<AuditVerification, StoreError> {
        audit::verify(&self.conn)
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
    /// (SQLite's online backup), and its key file beside it. The copy opens
    /// with the same passphrase.
    pub fn backup_to(&mut self, dest: &Path, officer_id: Option<i64>) -> Result<(), StoreError> {
        if dest.exists() {
            return Err(StoreError::AlreadyExists(dest.to_path_buf()));
        }
        let dest_key = key_file_path(dest);
        if dest_key.exists() {
            return Err(StoreError::AlreadyExists(dest_key));
        }
        {
            let mut target = Connection::open(dest).map_err(|e| Self::open_error(dest, e))?;
            apply_key(&target, &self.key)?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)?;
            backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
        }
        let source_key = key_file_path(&self.path);
        fs::copy(&source_key, &dest_key).map_err(|e| StoreError::from_io(&dest_key, e))?;
        let mut event = AuditEvent::new(AuditAction::BackupMade);
        event.officer_id = officer_id;
        self.audit(event)
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
