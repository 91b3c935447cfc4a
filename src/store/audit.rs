//! The audit log: append-only, hash-chained, bound to what it records,
//! anchored outside the database, free of personal data.
//!
//! * Each entry hashes (id, time, officer, action, registry, record, the
//!   hash of the record's content as written, previous hash). From schema 4
//!   on the hash is keyed (HMAC-SHA-256 with a chain key kept in the
//!   encrypted database): the chain cannot be recomputed from the file's
//!   contents by someone who does not know how Beder keys it.
//! * The last id and hash are kept in `meta` in the same transaction; the
//!   log is never empty (entry 1 records the database's creation).
//! * An entry that records a change of a record (`record_created`,
//!   `record_updated`, a decision or a verification) carries the hash of the
//!   record's state after it: `db check` recomputes every current record and
//!   compares (an edit in place, a deleted print, is found).
//! * Checkpoints — the head's id and hash, signed with the mission's
//!   Ed25519 key — are kept *outside* the database: beside each backup, in
//!   each transfer package, on the end-of-day report, and in the
//!   `<db>.checkpoints` file beside the database. `audit verify` checks the
//!   chain against every checkpoint it knows: whoever holds the passphrase
//!   can rewrite the database, but not the past a checkpoint fixed.

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
    /// The database was created (its first entry).
    DatabaseCreated,
    /// An officer signed in.
    LoginSucceeded,
    /// A sign-in failed (wrong login or password).
    LoginFailed,
    /// A sign-in was refused: the account is locked, or this failure locked it.
    LoginLocked,
    /// An officer signed out.
    Logout,
    /// An account was created.
    OfficerCreated,
    /// An account was deactivated.
    OfficerDeactivated,
    /// An officer's password was reset by a supervisor.
    OfficerPasswordReset,
    /// A registration was saved (п.7).
    RecordCreated,
    /// A record was opened by an officer.
    RecordRead,
    /// A record was changed: a correction (п.12) or new prints (п.13).
    RecordUpdated,
    /// A version of a record was archived by a change (п.14).
    RecordArchived,
    /// A record left the kiosk for the registries.
    RecordExported,
    /// A record was deleted: the log no longer holds it to its last state.
    RecordDeleted,
    /// A citizen's refusal was recorded (п.5).
    RefusalRecorded,
    /// An exemption or a not-subject decision was recorded (п.3, п.4).
    NonCollectionRecorded,
    /// An identity verification was recorded (п.11).
    VerificationRecorded,
    /// Marks of registrations made elsewhere were imported.
    MarksImported,
    /// A backup was made.
    BackupMade,
    /// The mission's settings were changed.
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
    /// An incomplete database left by an interrupted `db init` was replaced.
    IncompleteReplaced,
    /// The state of a registration written before the log bound content,
    /// bound when the schema was upgraded (migration 4).
    RegistrationSealed,
    /// The same for an exemption or a "not subject" decision.
    DecisionSealed,
    /// The same for a refusal.
    RefusalSealed,
    /// An officer was warned that the log is broken (and went on).
    BrokenChainWarned,
    /// The duplicate check could not read some enrolled templates.
    TemplatesSkipped,
    /// The central system's acknowledgment was read into the outbox.
    AcknowledgmentRead,
    /// A registration's images, delivered to the registry and acknowledged
    /// longer ago than the retention period, were purged (templates kept).
    ImagesPurged,
    /// The duplicate check found candidates (an alarm for the officer).
    DuplicateAlarm,
    /// A supervisor marked a case of the day reviewed.
    CaseReviewed,
    /// A supervisor unlocked an officer locked out by failed sign-ins.
    OfficerUnlocked,
    /// The audit log (filtered) was exported as CSV.
    AuditExported,
    /// A document was printed or saved (application, receipt, report).
    DocumentPrinted,
}

impl AuditAction {
    /// Every action, for the viewer's filter.
    pub const ALL: [AuditAction; 38] = [
        AuditAction::DatabaseCreated,
        AuditAction::LoginSucceeded,
        AuditAction::LoginFailed,
        AuditAction::LoginLocked,
        AuditAction::Logout,
        AuditAction::OfficerCreated,
        AuditAction::OfficerDeactivated,
        AuditAction::OfficerPasswordReset,
        AuditAction::RecordCreated,
        AuditAction::RecordRead,
        AuditAction::RecordUpdated,
        AuditAction::RecordArchived,
        AuditAction::RecordExported,
        AuditAction::RecordDeleted,
        AuditAction::RefusalRecorded,
        AuditAction::NonCollectionRecorded,
        AuditAction::VerificationRecorded,
        AuditAction::MarksImported,
        AuditAction::BackupMade,
        AuditAction::SettingsChanged,
        AuditAction::DuplicateSearch,
        AuditAction::DuplicateOverridden,
        AuditAction::MarkVerificationRecorded,
        AuditAction::TemplatesUnreadable,
        AuditAction::VerificationOverridden,
        AuditAction::IncompleteReplaced,
        AuditAction::RegistrationSealed,
        AuditAction::DecisionSealed,
        AuditAction::RefusalSealed,
        AuditAction::BrokenChainWarned,
        AuditAction::TemplatesSkipped,
        AuditAction::AcknowledgmentRead,
        AuditAction::ImagesPurged,
        AuditAction::DuplicateAlarm,
        AuditAction::CaseReviewed,
        AuditAction::OfficerUnlocked,
        AuditAction::AuditExported,
        AuditAction::DocumentPrinted,
    ];
}

impl AuditAction {
    /// The action's code as stored (`login_failed`).
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
            AuditAction::IncompleteReplaced => "incomplete_database_replaced",
            AuditAction::RegistrationSealed => "registration_sealed",
            AuditAction::DecisionSealed => "decision_sealed",
            AuditAction::RefusalSealed => "refusal_sealed",
            AuditAction::BrokenChainWarned => "broken_chain_warned",
            AuditAction::TemplatesSkipped => "templates_skipped",
            AuditAction::AcknowledgmentRead => "acknowledgment_read",
            AuditAction::ImagesPurged => "images_purged",
            AuditAction::DuplicateAlarm => "duplicate_alarm",
            AuditAction::CaseReviewed => "case_reviewed",
            AuditAction::OfficerUnlocked => "officer_unlocked",
            AuditAction::AuditExported => "audit_exported",
            AuditAction::DocumentPrinted => "document_printed",
        }
    }
}

/// One entry to append.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditEvent {
    /// The officer who acted; `None` for the system.
    pub officer_id: Option<i64>,
    /// What was done.
    pub action: AuditAction,
    /// The registry of the record concerned, if any.
    pub registry: Option<Registry>,
    /// The record concerned, if any.
    pub record_id: Option<i64>,
    /// The hash of the record's state this entry records (see
    /// [`crate::store`]'s content hashes).
    pub content: Option<[u8; 32]>,
}

impl AuditEvent {
    /// An entry of `action`, by nobody, on nothing.
    pub fn new(action: AuditAction) -> Self {
        AuditEvent {
            officer_id: None,
            action,
            registry: None,
            record_id: None,
            content: None,
        }
    }

    /// Binds the entry to the state of the record it records.
    pub fn content(mut self, hash: [u8; 32]) -> Self {
        self.content = Some(hash);
        self
    }

    /// By officer `officer_id`.
    pub fn by(mut self, officer_id: i64) -> Self {
        self.officer_id = Some(officer_id);
        self
    }

    /// On record `record_id` of `registry`.
    pub fn on(mut self, registry: Registry, record_id: i64) -> Self {
        self.registry = Some(registry);
        self.record_id = Some(record_id);
        self
    }
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// The entry's place in the chain.
    pub id: i64,
    /// When, RFC 3339 (UTC).
    pub at: String,
    /// The officer who acted; `None` for the system.
    pub officer_id: Option<i64>,
    /// The action's code.
    pub action: String,
    /// The registry's code, if a record is concerned.
    pub registry: Option<String>,
    /// The record concerned, if any.
    pub record_id: Option<i64>,
}

/// The verdict of `beder audit verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditVerification {
    /// Entries checked.
    pub entries: i64,
    /// The first entry that does not fit the chain (or, when entries were
    /// removed from the end, the id after the last one left).
    pub first_broken: Option<i64>,
    /// What is wrong with the first broken entry.
    pub problem: Option<String>,
    /// How many signed checkpoints the chain was checked against.
    pub checkpoints: usize,
    /// Lines of `<db>.checkpoints` that could not be read (reported; a
    /// kill while one was appended tears one line).
    pub checkpoints_unreadable: usize,
}

impl AuditVerification {
    /// No entry is out of the chain.
    pub fn intact(&self) -> bool {
        self.first_broken.is_none()
    }
}

impl AuditEntry {
    /// An entry from the first six columns: id, at, officer_id, action,
    /// registry, record_id.
    pub(crate) fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
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

/// The fields of an entry as hashed: length-prefixed, so no two different
/// entries give the same bytes.
fn entry_bytes(entry: &AuditEntry, content: Option<&[u8]>, prev_hash: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(160);
    let mut field = |bytes: &[u8]| {
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(bytes);
    };
    field(&entry.id.to_le_bytes());
    field(entry.at.as_bytes());
    field(&entry.officer_id.map_or([0xff; 8], i64::to_le_bytes));
    field(entry.action.as_bytes());
    field(entry.registry.as_deref().unwrap_or("").as_bytes());
    field(&entry.record_id.map_or([0xff; 8], i64::to_le_bytes));
    if let Some(content) = content {
        field(content);
    }
    field(prev_hash);
    out
}

/// The hash of an entry: SHA-256 for the entries written before the chain
/// was keyed (schema < 4), HMAC-SHA-256 with the chain key after.
fn entry_hash(
    entry: &AuditEntry,
    content: Option<&[u8]>,
    prev_hash: &[u8],
    chain_key: Option<&[u8]>,
) -> Vec<u8> {
    use hmac::{KeyInit, Mac};
    let bytes = entry_bytes(entry, content, prev_hash);
    match chain_key {
        None => Sha256::digest(&bytes).to_vec(),
        Some(key) => match hmac::Hmac::<Sha256>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(&bytes);
                mac.finalize().into_bytes().to_vec()
            }
            // HMAC takes a key of any length: not reached.
            Err(_) => Sha256::digest(&bytes).to_vec(),
        },
    }
}

const GENESIS: [u8; 32] = [0u8; 32];

/// The chain key and the first entry it keys (schema 4 and later).
pub(crate) struct ChainKey {
    pub key: Vec<u8>,
    pub from: i64,
}

pub(crate) fn chain_key(conn: &Connection) -> Result<Option<ChainKey>, StoreError> {
    let key: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'audit_chain_key'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    let Some(key) = key else {
        return Ok(None);
    };
    let from: String = conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'audit_keyed_from'")?
        .query_row([], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::Corrupt("the audit chain's start is missing".into()))?;
    Ok(Some(ChainKey {
        key: unhex(&key).ok_or_else(|| StoreError::Corrupt("the audit chain key".into()))?,
        from: from
            .parse()
            .map_err(|_| StoreError::Corrupt("the audit chain's start".into()))?,
    }))
}

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
    let key = chain_key(conn)?;
    let keyed = key
        .as_ref()
        .filter(|k| id >= k.from)
        .map(|k| k.key.as_slice());
    // Content is bound from the keyed chain on (its column came with it).
    let content = key.as_ref().and(event.content);
    let hash = entry_hash(
        &entry,
        content.as_ref().map(<[u8; 32]>::as_slice),
        &prev_hash,
        keyed,
    );
    if key.is_some() {
        conn.prepare_cached(
            "INSERT INTO audit_log (id, at, officer_id, action, registry, record_id, prev_hash, hash, content)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            entry.id,
            entry.at,
            entry.officer_id,
            entry.action,
            entry.registry,
            entry.record_id,
            prev_hash,
            hash,
            content.map(|c| c.to_vec())
        ])?;
    } else {
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
    }
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES ('audit_head', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![format!("{id}:{}", hex(&hash))])?;
    Ok(id)
}

/// Lower-case hex of bytes (keys, hashes, signatures).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of hex text; `None` when it is not hex.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn has_content_column(conn: &Connection) -> Result<bool, StoreError> {
    let mut stmt = conn.prepare("PRAGMA table_info(audit_log)")?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(names.iter().any(|n| n == "content"))
}

/// Walks the chain, handing each verified (id, hash) to `seen`.
fn verify_with(
    conn: &Connection,
    seen: &mut dyn FnMut(i64, &[u8]),
) -> Result<AuditVerification, StoreError> {
    let key = chain_key(conn)?;
    let content_column = has_content_column(conn)?;
    let mut stmt = conn.prepare(if content_column {
        "SELECT id, at, officer_id, action, registry, record_id, prev_hash, hash, content
         FROM audit_log ORDER BY id"
    } else {
        "SELECT id, at, officer_id, action, registry, record_id, prev_hash, hash, NULL
         FROM audit_log ORDER BY id"
    })?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_vec();
    let mut expected_id = 1i64;
    let mut count = 0i64;
    let broken = |id: i64, problem: &str, count: i64| AuditVerification {
        entries: count,
        first_broken: Some(id),
        problem: Some(problem.to_string()),
        checkpoints: 0,
        checkpoints_unreadable: 0,
    };
    while let Some(row) = rows.next()? {
        let entry = AuditEntry::from_row(row)?;
        let prev_hash: Vec<u8> = row.get(6)?;
        let hash: Vec<u8> = row.get(7)?;
        let content: Option<Vec<u8>> = row.get(8)?;
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
        let keyed = key
            .as_ref()
            .filter(|k| entry.id >= k.from)
            .map(|k| k.key.as_slice());
        if entry_hash(&entry, content.as_deref(), &prev_hash, keyed) != hash {
            return Ok(broken(entry.id, "the entry was altered", count));
        }
        seen(entry.id, &hash);
        expected_prev = hash;
        expected_id += 1;
    }
    if count == 0 {
        // Entry 1 records the database's creation: a log without it was
        // emptied.
        return Ok(broken(1, "the log is empty: its entries were removed", 0));
    }
    let head: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'audit_head'", [], |r| {
            r.get(0)
        })
        .optional()?;
    let last_id = expected_id - 1;
    let actual_head = format!("{last_id}:{}", hex(&expected_prev));
    if head.as_deref() != Some(actual_head.as_str()) {
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
        checkpoints: 0,
        checkpoints_unreadable: 0,
    })
}

/// The head of the log: the last entry's id and hash.
pub(crate) fn head(conn: &Connection) -> Result<(i64, Vec<u8>), StoreError> {
    conn.query_row(
        "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| StoreError::Corrupt("the audit log is empty".into()))
}

/// Verifies the chain and that it passes through each checkpoint's (id,
/// hash): nothing at or before a checkpoint was changed, removed or
/// recomputed. The checkpoints' signatures are checked by the caller.
pub(crate) fn verify_against(
    conn: &Connection,
    anchors: &[(i64, Vec<u8>)],
) -> Result<AuditVerification, StoreError> {
    let mut hashes: std::collections::HashMap<i64, Vec<u8>> = std::collections::HashMap::new();
    let wanted: std::collections::HashSet<i64> = anchors.iter().map(|(id, _)| *id).collect();
    let chain = verify_with(conn, &mut |id, hash| {
        if wanted.contains(&id) {
            hashes.insert(id, hash.to_vec());
        }
    })?;
    let mut sorted: Vec<&(i64, Vec<u8>)> = anchors.iter().collect();
    sorted.sort_by_key(|(id, _)| *id);
    for (id, hash) in sorted {
        match hashes.get(id) {
            Some(found) if found == hash => {}
            Some(_) => {
                return Ok(AuditVerification {
                    first_broken: Some(*id),
                    problem: Some(format!(
                        "the log up to entry {id} differs from its signed checkpoint"
                    )),
                    ..chain
                });
            }
            None => {
                return Ok(AuditVerification {
                    first_broken: Some(*id),
                    problem: Some(format!(
                        "entry {id} of a signed checkpoint is no longer in the log"
                    )),
                    ..chain
                });
            }
        }
    }
    Ok(chain)
}

/// The content hash bound for each (registry, record) by the latest entry
/// of one of `actions`. For registrations (`actions` holding
/// `record_created`), one whose latest entry is a `record_deleted`
/// (retention) is left out.
pub(crate) fn recorded_content(
    conn: &Connection,
    actions: &[AuditAction],
) -> Result<std::collections::HashMap<(String, i64), Vec<u8>>, StoreError> {
    let mut out = std::collections::HashMap::new();
    if !has_content_column(conn)? {
        return Ok(out);
    }
    let mut codes: Vec<&str> = actions.iter().map(|a| a.code()).collect();
    if actions.contains(&AuditAction::RecordCreated) {
        codes.push(AuditAction::RecordDeleted.code());
    }
    let list: Vec<String> = codes.iter().map(|a| format!("'{a}'")).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT registry, record_id, content, action FROM audit_log
         WHERE action IN ({}) ORDER BY id",
        list.join(", ")
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<Vec<u8>>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (registry, record, content, action) = row?;
        let (Some(registry), Some(record)) = (registry, record) else {
            continue;
        };
        if action == AuditAction::RecordDeleted.code() {
            out.remove(&(registry, record));
        } else if let Some(content) = content {
            out.insert((registry, record), content);
        }
    }
    Ok(out)
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
