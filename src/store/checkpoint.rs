//! Signed checkpoints of the audit log, kept outside the database.
//!
//! A checkpoint names the database (its random id and mode), an entry of
//! its log and that entry's hash, and is signed with the mission's Ed25519
//! key (made at random in the database, schema 4). Whoever later holds the
//! database — with its passphrase — can rewrite it, but cannot make its log
//! pass through a checkpoint written before: `audit verify --against`
//! proves that nothing up to the checkpoint's entry changed.
//!
//! Checkpoints are written beside each backup (`<backup>.checkpoint`), into
//! each transfer package, on the end-of-day report, on request (`beder
//! audit checkpoint`), and appended to `<db>.checkpoints` beside the
//! database, which `audit verify` reads on its own.

use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::audit::{hex, unhex};
use super::{Mode, StoreError};

/// The format tag every checkpoint carries.
pub const CHECKPOINT_FORMAT: &str = "beder-audit-checkpoint/1";

/// The largest checkpoint file read (one is about 400 bytes).
const CHECKPOINT_FILE_LIMIT: u64 = 64 * 1024;

/// The largest `<db>.checkpoints` file read: about 20,000 checkpoints.
const CHECKPOINTS_FILE_LIMIT: u64 = 8 * 1024 * 1024;

/// One signed checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The checkpoint format's name and version.
    pub format: String,
    /// The database's own random id (hex).
    pub database: String,
    /// `live` or `training`.
    pub mode: String,
    /// The entry the checkpoint fixes, and its hash (hex).
    pub entry: i64,
    /// The entry's hash (hex).
    pub hash: String,
    /// When it was signed (UTC).
    pub at: String,
    /// The mission's public key (hex), to verify without the database.
    pub public_key: String,
    /// The Ed25519 signature of the fields above (hex).
    pub signature: String,
}

impl Checkpoint {
    /// The bytes signed: every field but the signature, one a line.
    fn signed_bytes(&self) -> Vec<u8> {
        format!(
            "{}\n{}\n{}\n{}\n{}\n{}\n{}\n",
            self.format, self.database, self.mode, self.entry, self.hash, self.at, self.public_key
        )
        .into_bytes()
    }

    /// The checkpoint as one line of JSON.
    pub fn to_json(&self) -> String {
        // Plain strings and an integer: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a checkpoint written by [`Checkpoint::to_json`].
    pub fn parse(text: &str) -> Result<Checkpoint, StoreError> {
        let checkpoint: Checkpoint = serde_json::from_str(text.trim())
            .map_err(|e| StoreError::Checkpoint(format!("not a checkpoint: {e}")))?;
        if checkpoint.format != CHECKPOINT_FORMAT {
            return Err(StoreError::Checkpoint(format!(
                "unknown format {}",
                checkpoint.format
            )));
        }
        Ok(checkpoint)
    }

    /// Reads a checkpoint file (bounded; regular files only).
    pub fn read(path: &Path) -> Result<Checkpoint, StoreError> {
        let text = crate::files::read_text(path, CHECKPOINT_FILE_LIMIT)
            .map_err(|e| StoreError::Checkpoint(e.to_string()))?;
        Checkpoint::parse(&text)
    }

    /// Checks the signature with the key the checkpoint names.
    pub fn signature_valid(&self) -> bool {
        let key = unhex(&self.public_key)
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .and_then(|b| VerifyingKey::from_bytes(&b).ok());
        let signature = unhex(&self.signature).and_then(|b| Signature::from_slice(&b).ok());
        match (key, signature) {
            (Some(key), Some(signature)) => {
                key.verify_strict(&self.signed_bytes(), &signature).is_ok()
            }
            _ => false,
        }
    }

    /// The entry and hash, checked to belong to the database whose
    /// identity is given: signed by its key, naming its id and mode.
    pub(crate) fn anchor_for(&self, identity: &Identity) -> Result<(i64, Vec<u8>), StoreError> {
        if self.public_key != identity.public_key_hex() {
            return Err(StoreError::Checkpoint(
                "signed with another mission's key".into(),
            ));
        }
        if !self.signature_valid() {
            return Err(StoreError::Checkpoint(
                "the signature does not verify".into(),
            ));
        }
        if self.database != identity.database || self.mode != identity.mode.code() {
            return Err(StoreError::Checkpoint("made for another database".into()));
        }
        let hash = unhex(&self.hash)
            .ok_or_else(|| StoreError::Checkpoint("the hash cannot be read".into()))?;
        Ok((self.entry, hash))
    }
}

/// What identifies a database and signs for it.
pub(crate) struct Identity {
    pub database: String,
    pub mode: Mode,
    pub(crate) key: SigningKey,
}

impl Identity {
    pub fn public_key_hex(&self) -> String {
        hex(&self.key.verifying_key().to_bytes())
    }
}

/// The database's identity; `None` before schema 4 (no key yet).
pub(crate) fn identity(conn: &Connection, mode: Mode) -> Result<Option<Identity>, StoreError> {
    let get = |key: &str| -> Result<Option<String>, StoreError> {
        Ok(conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    };
    let (Some(seed), Some(database)) = (get("mission_signing_key")?, get("database_id")?) else {
        return Ok(None);
    };
    let seed: [u8; 32] = unhex(&seed)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| StoreError::Corrupt("the mission's signing key".into()))?;
    Ok(Some(Identity {
        database,
        mode,
        key: SigningKey::from_bytes(&seed),
    }))
}

/// Signs a checkpoint of (entry, hash).
pub(crate) fn sign(identity: &Identity, entry: i64, hash: &[u8]) -> Checkpoint {
    let mut checkpoint = Checkpoint {
        format: CHECKPOINT_FORMAT.to_string(),
        database: identity.database.clone(),
        mode: identity.mode.code().to_string(),
        entry,
        hash: hex(hash),
        at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
        public_key: identity.public_key_hex(),
        signature: String::new(),
    };
    checkpoint.signature = hex(&identity.key.sign(&checkpoint.signed_bytes()).to_bytes());
    checkpoint
}

/// `<db>.checkpoints`: the checkpoints kept beside the database.
pub fn sidecar_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".checkpoints");
    PathBuf::from(name)
}

/// Appends a checkpoint to the sidecar (created 0600 if absent), synced.
pub(crate) fn append_to_sidecar(
    database: &Path,
    checkpoint: &Checkpoint,
) -> Result<(), StoreError> {
    use std::io::Write;
    let path = sidecar_path(database);
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(&path)
        .map_err(|e| StoreError::from_io(&path, e))?;
    // A line of its own even after a torn one.
    writeln!(file, "\n{}", checkpoint.to_json())
        .and_then(|_| file.sync_all())
        .map_err(|e| StoreError::from_io(&path, e))
}

/// The checkpoints in the sidecar (none when there is none), and how many
/// of its lines could not be read (a kill mid-append tears one line;
/// more is damage): those are reported, never silently skipped.
pub(crate) fn read_sidecar(database: &Path) -> Result<(Vec<Checkpoint>, usize), StoreError> {
    let path = sidecar_path(database);
    if !path.exists() {
        return Ok((Vec::new(), 0));
    }
    let text = crate::files::read_text(&path, CHECKPOINTS_FILE_LIMIT)
        .map_err(|e| StoreError::Checkpoint(e.to_string()))?;
    let mut checkpoints = Vec::new();
    let mut unreadable = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match Checkpoint::parse(line) {
            Ok(c) => checkpoints.push(c),
            Err(_) => unreadable += 1,
        }
    }
    Ok((checkpoints, unreadable))
}
