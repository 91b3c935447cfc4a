//! The audit log: append-only, hash-chained, free of personal data.
//!
//! Each entry stores the SHA-256 of the previous entry and its own hash over
//! (id, time, officer, action, registry, record, previous hash). The number
//! of entries and the last hash are also kept in `meta`, in the same
//! transaction, so that a deleted *last* entry is caught too.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::StoreError;
use crate::model::Registry;

/// What was done. Stored as its snake_case code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    DatabaseCreated,
    LoginSucceeded,
    LoginFailed,
    LoginLocked,
    Logout,
    OfficerCreated,
    OfficerDeactivated,
    OfficerPasswordReset,
    RecordCreated,
    RecordRead,
    RecordUpdated,
    RecordArchived,
    RecordExported,
    RecordDeleted,
    RefusalRecorded,
    NonCollectionRecorded,
    VerificationRecorded,
    MarksImported,
    BackupMade,
    SettingsChanged,
    /// A 1:N search of the enrolled fingers (the duplicate check).
    DuplicateSearch,
    /// A supervisor let an enrolment go on despite duplicate candidates.
    DuplicateOverridden,
    /// An identity verification (п.11) against an imported mark.
    MarkVerificationRecorded,
    /// A previous registration's stored templates could not be read when
    /// the desk looked it up for п.11 (reported to the officer).
    TemplatesUnreadable,
    /// A supervisor let a case go on after a failed verification (п.11):
    /// re-fingerprinting of the record (п.13), or an enrolment of another
    /// person with the same particulars.
    VerificationOverridden,
}

impl AuditAction {
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::DatabaseCreated => "database_created",
            AuditAction::LoginSucceeded => "login_succeeded",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::LoginLocked => "login_locked",
            AuditAction::Logout => "logout",
            AuditAction::OfficerCreated => "officer_created",
            AuditAction::OfficerDeactivated => "officer_deactivated",
            AuditAction::OfficerPasswordReset => "officer_password_reset",
            AuditAction::RecordCreated => "record_created",
            AuditAction::RecordRead => "record_read",
            AuditAction::RecordUpdated => "record_updated",
            AuditAction::RecordArchived => "record_archived",
            AuditAction::RecordExported => "record_exported",
            AuditAction::RecordDeleted => "record_deleted",
            AuditAction::RefusalRecorded => "refusal_recorded",
            AuditAction::NonCollectionRecorded => "non_collection_recorded",
            AuditAction::VerificationRecorded => "verification_recorded",
            AuditAction::MarksImported => "marks_imported",
            AuditAction::BackupMade => "backup_made",
            AuditAction::SettingsChanged => "settings_changed",
            AuditAction::DuplicateSearch => "duplicate_search",
            AuditAction::DuplicateOverridden => "duplicate_overridden",
            AuditAction::MarkVerificationRecorded => "mark_verification_recorded",
            AuditAction::TemplatesUnreadable => "templates_unreadable",
            AuditAction::VerificationOverridden => "verification_overridden",
        }
    }
}

/// One entry to append.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditEvent {
    pub officer_id: Option<i64>,
    pub action: AuditAction,
    pub registry: Option<Registry>,
    pub record_id: Option<i64>,
}

impl AuditEvent {
    pub fn new(action: AuditAction) -> Self {
        AuditEvent {
            officer_id: None,
            action,
            registry: None,
            record_id: None,
        }
    }

    pub fn by(mut self, officer_id: i64) -> Self {
        self.officer_id = Some(officer_id);
        self
    }

    pub fn on(mut self, registry: Registry, record_id: i64) -> Self {
        self.registry = Some(registry);
        self.record_id = Some(record_id);
        self
    }
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub officer_id: Option<i64>,
    pub action: String,
    pub registry: Option<String>,
    pub record_id: Option<i64>,
}

/// The verdict of `beder audit verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditVerification {
    pub entries: i64,
    /// The first entry that does not fit the chain (or, when entries were
    /// removed from the end, the id after the last one left).
    pub first_broken: Option<i64>,
    pub problem: Option<String>,
}

impl AuditVerification {
    pub fn intact(&self) -> bool {
        self.first_broken.is_none()
    }
}

impl AuditEntry {
    /// An entry from the first six columns: id, at, officer_id, action,
    /// registry, record_id.
    fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
        Ok(AuditEntry {
            id: row.get(0)?,
            at: row.get(1)?,
            officer_id: row.get(2)?,
            action: row.get(3)?,
            registry: row.get(4)?,
            record_id: row.get(5)?,
        })
    }
}

pub(crate) fn registry_code(registry: Registry) -> &'static str {
    match registry {
        Registry::Citizen => "citizen",
        Registry::Foreigner => "foreigner",
    }
}

fn entry_hash(entry: &AuditEntry, prev_hash: &[u8]) -> Vec<u8> {
    let mut h = Sha256::new();
    // Length-prefixed fields: no two different entries hash the same text.
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(&entry.id.to_le_bytes());
    field(entry.at.as_bytes());
    field(&entry.officer_id.map_or([0xff; 8], i64::to_le_bytes));
    field(entry.action.as_bytes());
    field(entry.registry.as_deref().unwrap_or("").as_bytes());
    field(&entry.record_id.map_or([0xff; 8], i64::to_le_bytes));
    field(prev_hash);
    h.finalize().to_vec()
}

const GENESIS: [u8; 32] = [0u8; 32];

/// Appends one entry. Call inside the transaction of the change it records.
pub(crate) fn append(
    conn: &Connection,
    event: AuditEvent,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let last: Option<(i64, Vec<u8>)> = conn
        .prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let (id, prev_hash) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_vec()),
    };
    let entry = AuditEntry {
        id,
        at: now.to_rfc3339_opts(SecondsFormat::Micros, true),
        officer_id: event.officer_id,
        action: event.action.code().to_string(),
        registry: event.registry.map(|r| registry_code(r).to_string()),
        record_id: event.record_id,
    };
    let hash = entry_hash(&entry, &prev_hash);
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, officer_id, action, registry, record_id, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        entry.id,
        entry.at,
        entry.officer_id,
        entry.action,
        entry.registry,
        entry.record_id,
        prev_hash,
        hash
    ])?;
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES ('audit_head', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![format!("{id}:{}", hex(&hash))])?;
    Ok(id)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Walks the whole chain.
pub(crate) fn verify(conn: &Connection) -> Result<AuditVerification, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, officer_id, action, registry, record_id, prev_hash, hash
         FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_vec();
    let mut expected_id = 1i64;
    let mut count = 0i64;
    let broken = |id: i64, problem: &str, count: i64| AuditVerification {
        entries: count,
        first_broken: Some(id),
        problem: Some(problem.to_string()),
    };
    while let Some(row) = rows.next()? {
        let entry = AuditEntry::from_row(row)?;
        let prev_hash: Vec<u8> = row.get(6)?;
        let hash: Vec<u8> = row.get(7)?;
        count += 1;
        if entry.id != expected_id {
            return Ok(broken(expected_id, "an entry is missing", count));
        }
        if prev_hash != expected_prev {
            return Ok(broken(
                entry.id,
                "the link to the previous entry is broken",
                count,
            ));
        }
        if entry_hash(&entry, &prev_hash) != hash {
            return Ok(broken(entry.id, "the entry was altered", count));
        }
        expected_prev = hash;
        expected_id += 1;
    }
    let head: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'audit_head'", [], |r| {
            r.get(0)
        })
        .optional()?;
    let last_id = expected_id - 1;
    let actual_head = (last_id > 0).then(|| format!("{last_id}:{}", hex(&expected_prev)));
    if head != actual_head {
        return Ok(broken(
            expected_id,
            "entries were removed from the end of the log",
            count,
        ));
    }
    Ok(AuditVerification {
        entries: count,
        first_broken: None,
        problem: None,
    })
}

/// Reads entries, newest first.
pub(crate) fn recent(conn: &Connection, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, officer_id, action, registry, record_id FROM audit_log
         ORDER BY id DESC LIMIT ?1",
    )?;
    let entries = stmt
        .query_map([limit], AuditEntry::from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(entries)
}
