//! The outbox: every event the central registries must learn of, queued in
//! the same database transaction as the event itself, so that none is
//! saved without its item and no item exists for an event that was not
//! saved. Each item is addressed to its registry and carries the control
//! number (TCN) its ANSI/NIST-ITL transaction will have — fixed when it is
//! queued, so that an export made again carries the same TCN and the
//! central side can drop the duplicate.
//!
//! States: queued → exported (in a package, at a time) → acknowledged or
//! rejected (with the central system's reason).

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::audit::registry_code;
use super::{Store, StoreError};
use crate::model::Registry;

/// What happened, as the registry must learn it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    /// A new registration (п.7), with its defect mark if any (п.10).
    Registration,
    /// Personal data corrected or supplemented (п.12, п.14).
    Correction,
    /// The biometric part replaced (п.13), with the new mark if any (п.10).
    Refingerprinting,
    /// A citizen refused to be fingerprinted (п.5).
    Refusal,
    /// An exemption (п.4) or a not-subject decision.
    NonCollection,
    /// An identity verification (п.11).
    Verification,
}

impl OutboxKind {
    /// Every kind.
    pub const ALL: [OutboxKind; 6] = [
        OutboxKind::Registration,
        OutboxKind::Correction,
        OutboxKind::Refingerprinting,
        OutboxKind::Refusal,
        OutboxKind::NonCollection,
        OutboxKind::Verification,
    ];

    /// The kind's code as stored.
    pub fn code(self) -> &'static str {
        match self {
            OutboxKind::Registration => "registration",
            OutboxKind::Correction => "correction",
            OutboxKind::Refingerprinting => "refingerprinting",
            OutboxKind::Refusal => "refusal",
            OutboxKind::NonCollection => "non_collection",
            OutboxKind::Verification => "verification",
        }
    }

    /// The kind of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
/// Where an item is on its way to the registries.
pub enum OutboxState {
    /// Waiting for the next export.
    Queued,
    /// In a package written, not answered yet.
    Exported,
    /// Accepted by the registry.
    Acknowledged,
    /// Refused by the registry, with its reason.
    Rejected,
}

impl OutboxState {
    /// Every state, in the order an item goes through them.
    pub const ALL: [OutboxState; 4] = [
        OutboxState::Queued,
        OutboxState::Exported,
        OutboxState::Acknowledged,
        OutboxState::Rejected,
    ];

    /// The state's code as stored.
    pub fn code(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Exported => "exported",
            OutboxState::Acknowledged => "acknowledged",
            OutboxState::Rejected => "rejected",
        }
    }

    /// The state of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One item of the outbox (no personal data: what, where, which record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxItem {
    /// The item's id.
    pub id: i64,
    /// The registry it goes to.
    pub registry: Registry,
    /// What happened.
    pub kind: OutboxKind,
    /// The registration, refusal or decision the event is about.
    pub record_id: i64,
    /// Which change of it: the personal-data version (correction), the
    /// biometric set (re-fingerprinting), the verification's row.
    pub detail: Option<i64>,
    /// The transaction control number the registries answer by.
    pub tcn: String,
    /// Where it is.
    pub state: OutboxState,
    /// When it was queued, RFC 3339.
    pub queued_at: String,
    /// The package it was exported in.
    pub package: Option<String>,
    /// When it was exported.
    pub exported_at: Option<String>,
    /// When the registry answered.
    pub answered_at: Option<String>,
    /// The central system's reason for a rejection.
    pub reason: Option<String>,
}

/// How many items each registry has in each state, and the oldest item
/// the central side has not answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxSummary {
    /// `(registry, state, count)`, every pair, zeros included.
    pub counts: Vec<(Registry, OutboxState, i64)>,
    /// Queue time of the oldest item queued or exported.
    pub oldest_unanswered: Option<String>,
    /// When a package was last written.
    pub last_export: Option<String>,
    /// When an answer was last applied.
    pub last_answer: Option<String>,
}

/// Migration 5's SQL: the outbox table.
pub(crate) const SCHEMA: &str = r#"
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    registry        TEXT NOT NULL CHECK (registry IN ('citizen', 'foreigner')),
    kind            TEXT NOT NULL CHECK (kind IN ('registration', 'correction', 'refingerprinting',
                        'refusal', 'non_collection', 'verification')),
    record_id       INTEGER NOT NULL,
    detail          INTEGER,
    tcn             TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'exported', 'acknowledged', 'rejected')),
    queued_at       TEXT NOT NULL,
    package         TEXT,
    exported_at     TEXT,
    answered_at     TEXT,
    reason          TEXT,
    CHECK (state = 'queued' OR (package IS NOT NULL AND exported_at IS NOT NULL)),
    CHECK (state NOT IN ('acknowledged', 'rejected') OR answered_at IS NOT NULL)
);
CREATE INDEX outbox_state ON outbox(state, registry);
"#;

pub(crate) fn registry_from(code: &str) -> Option<Registry> {
    match code {
        "citizen" => Some(Registry::Citizen),
        "foreigner" => Some(Registry::Foreigner),
        _ => None,
    }
}

/// The database's own id, shortened: the TCN's prefix, unique to this
/// mission's database.
fn tcn_prefix(tx: &Transaction<'_>) -> Result<String, StoreError> {
    let id: Option<String> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = 'database_id'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let id = id.ok_or_else(|| StoreError::Corrupt("the database has no id".into()))?;
    Ok(id.chars().take(12).collect::<String>().to_ascii_uppercase())
}

/// Queues an event inside the caller's transaction; returns its TCN.
pub(crate) fn enqueue(
    tx: &Transaction<'_>,
    registry: Registry,
    kind: OutboxKind,
    record_id: i64,
    detail: Option<i64>,
    now: &str,
) -> Result<String, StoreError> {
    let prefix = tcn_prefix(tx)?;
    let next: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM outbox", [], |r| {
        r.get(0)
    })?;
    let tcn = format!("BDR-{prefix}-{next:08}");
    tx.prepare_cached(
        "INSERT INTO outbox (id, registry, kind, record_id, detail, tcn, queued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        next,
        registry_code(registry),
        kind.code(),
        record_id,
        detail,
        tcn,
        now
    ])?;
    Ok(tcn)
}

/// Migration 5's code: what the database already holds was never sent, so
/// each registration (in its current state), refusal, decision and
/// verification is queued once.
pub(crate) fn queue_existing(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let mut events: Vec<(Registry, OutboxKind, i64, Option<i64>)> = Vec::new();
    for registry in [Registry::Citizen, Registry::Foreigner] {
        let r = registry_code(registry);
        for (table, kind) in [
            ("registrations", OutboxKind::Registration),
            ("non_collections", OutboxKind::NonCollection),
        ] {
            let mut stmt = tx.prepare(&format!("SELECT id FROM {r}_{table} ORDER BY id"))?;
            let ids = stmt.query_map([], |row| row.get::<_, i64>(0))?;
            for id in ids {
                events.push((registry, kind, id?, None));
            }
        }
        let mut stmt = tx.prepare(&format!(
            "SELECT coalesce(registration_id, mark_id), id FROM {r}_verifications ORDER BY id"
        ))?;
        let rows = stmt.query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)))?;
        for row in rows {
            let (record, id) = row?;
            events.push((registry, OutboxKind::Verification, record, Some(id)));
        }
    }
    let mut stmt = tx.prepare("SELECT id FROM citizen_refusals ORDER BY id")?;
    let ids = stmt.query_map([], |row| row.get::<_, i64>(0))?;
    for id in ids {
        events.push((Registry::Citizen, OutboxKind::Refusal, id?, None));
    }
    drop(stmt);
    for (registry, kind, record, detail) in events {
        enqueue(tx, registry, kind, record, detail, &now)?;
    }
    Ok(())
}

fn item(row: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxItem> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("bad outbox {what}").into(),
        )
    };
    let registry: String = row.get(1)?;
    let kind: String = row.get(2)?;
    let state: String = row.get(6)?;
    Ok(OutboxItem {
        id: row.get(0)?,
        registry: registry_from(&registry).ok_or_else(|| bad(1, "registry"))?,
        kind: OutboxKind::from_code(&kind).ok_or_else(|| bad(2, "kind"))?,
        record_id: row.get(3)?,
        detail: row.get(4)?,
        tcn: row.get(5)?,
        state: OutboxState::from_code(&state).ok_or_else(|| bad(6, "state"))?,
        queued_at: row.get(7)?,
        package: row.get(8)?,
        exported_at: row.get(9)?,
        answered_at: row.get(10)?,
        reason: row.get(11)?,
    })
}

const COLUMNS: &str = "id, registry, kind, record_id, detail, tcn, state, queued_at, package, \
                       exported_at, answered_at, reason";

impl Store {
    /// The outbox's items, oldest first; only those in `state` if given.
    pub fn outbox(&self, state: Option<OutboxState>) -> Result<Vec<OutboxItem>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE ?1 IS NULL OR state = ?1 ORDER BY id"
        ))?;
        let items = stmt
            .query_map([state.map(OutboxState::code)], item)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(items)
    }

    /// Counts by registry and state, the oldest unanswered item, the last
    /// export and the last answer.
    pub fn outbox_summary(&self) -> Result<OutboxSummary, StoreError> {
        let conn = self.conn();
        let mut counts = Vec::new();
        for registry in [Registry::Citizen, Registry::Foreigner] {
            for state in OutboxState::ALL {
                let n: i64 = conn.query_row(
                    "SELECT count(*) FROM outbox WHERE registry = ?1 AND state = ?2",
                    [registry_code(registry), state.code()],
                    |r| r.get(0),
                )?;
                counts.push((registry, state, n));
            }
        }
        let oldest_unanswered = conn.query_row(
            "SELECT min(queued_at) FROM outbox WHERE state IN ('queued', 'exported')",
            [],
            |r| r.get(0),
        )?;
        let last_export =
            conn.query_row("SELECT max(exported_at) FROM outbox", [], |r| r.get(0))?;
        let last_answer =
            conn.query_row("SELECT max(answered_at) FROM outbox", [], |r| r.get(0))?;
        Ok(OutboxSummary {
            counts,
            oldest_unanswered,
            last_export,
            last_answer,
        })
    }
}

impl Store {
    /// The items an export takes for `registry`: the queued ones, and with
    /// `again` also those exported and not yet answered (a package lost in
    /// transit), oldest first.
    pub fn outbox_for_export(
        &self,
        registry: Registry,
        again: bool,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE registry = ?1
               AND (state = 'queued' OR (?2 AND state = 'exported')) ORDER BY id"
        ))?;
        let items = stmt
            .query_map(params![registry_code(registry), again], item)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(items)
    }

    /// Marks the items exported in `package` at `at`, with one audit entry,
    /// in one transaction: after the package is on the medium, never before.
    pub fn mark_exported(
        &mut self,
        ids: &[i64],
        package: &str,
        at: &str,
    ) -> Result<(), StoreError> {
        let tx = self.conn_mut().transaction()?;
        for id in ids {
            tx.execute(
                "UPDATE outbox SET state = 'exported', package = ?1, exported_at = ?2
                 WHERE id = ?3 AND state IN ('queued', 'exported')",
                params![package, at, id],
            )?;
        }
        super::audit::append(
            &tx,
            super::AuditEvent::new(super::AuditAction::RecordExported),
            chrono::Utc::now(),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// One verification row (an outbox item's detail): what it was against,
    /// and the record.
    pub fn verification_row(
        &self,
        registry: Registry,
        row: i64,
    ) -> Result<(super::LookupSource, super::VerificationRecord), StoreError> {
        let r = registry_code(registry);
        let ids: Option<(Option<i64>, Option<i64>)> = self
            .conn()
            .query_row(
                &format!("SELECT registration_id, mark_id FROM {r}_verifications WHERE id = ?1"),
                [row],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )
            .optional()?;
        let against = match ids {
            None => return Err(StoreError::NotFound),
            Some((Some(id), None)) => super::LookupSource::Registration { registry, id },
            Some((None, Some(id))) => super::LookupSource::ImportedMark { registry, id },
            Some(_) => {
                return Err(StoreError::Corrupt(format!(
                    "verification {row}: against what"
                )));
            }
        };
        let record = self
            .verifications_where(registry, "id", row)?
            .pop()
            .ok_or(StoreError::NotFound)?;
        Ok((against, record))
    }

    /// The registration as it is now, to be sent (the package's export is
    /// audited once, by [`Store::mark_exported`]).
    pub fn registration_for_transfer(
        &self,
        id: super::RegistrationId,
    ) -> Result<super::Registration, StoreError> {
        self.read_registration(id)
    }

    /// The mission's Ed25519 signing key (made at setup, kept in the
    /// encrypted database).
    pub fn mission_signing_key(&self) -> Result<ed25519_dalek::SigningKey, StoreError> {
        super::checkpoint::identity(self.conn(), self.mode())?
            .map(|i| i.key)
            .ok_or_else(|| StoreError::Checkpoint("this database has no signing key".into()))
    }
}

/// What an acknowledgment changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AnswerReport {
    /// Items accepted now.
    pub accepted: usize,
    /// Items rejected now.
    pub rejected: usize,
    /// Answered before (an acknowledgment read twice changes nothing).
    pub already_answered: usize,
    /// TCNs this outbox never had.
    pub unknown: Vec<String>,
}

impl Store {
    /// Records the central system's answers in one transaction, audited:
    /// an item exported (or queued, when its package left before the
    /// export could be recorded) becomes acknowledged or rejected with the
    /// reason; an item already answered is left as it is.
    pub fn apply_answers(
        &mut self,
        answers: &[(String, bool, Option<String>)],
        at: &str,
    ) -> Result<AnswerReport, StoreError> {
        let tx = self.conn_mut().transaction()?;
        let mut report = AnswerReport::default();
        for (tcn, accepted, reason) in answers {
            let state: Option<String> = tx
                .query_row("SELECT state FROM outbox WHERE tcn = ?1", [tcn], |r| {
                    r.get(0)
                })
                .optional()?;
            match state.as_deref() {
                None => report.unknown.push(tcn.clone()),
                Some("acknowledged") | Some("rejected") => report.already_answered += 1,
                Some(_) => {
                    tx.execute(
                        "UPDATE outbox SET state = ?1, answered_at = ?2, reason = ?3,
                            package = coalesce(package, 'unrecorded'),
                            exported_at = coalesce(exported_at, ?2)
                         WHERE tcn = ?4",
                        params![
                            if *accepted {
                                "acknowledged"
                            } else {
                                "rejected"
                            },
                            at,
                            if *accepted { None } else { reason.clone() },
                            tcn
                        ],
                    )?;
                    if *accepted {
                        report.accepted += 1;
                    } else {
                        report.rejected += 1;
                    }
                }
            }
        }
        super::audit::append(
            &tx,
            super::AuditEvent::new(super::AuditAction::AcknowledgmentRead),
            chrono::Utc::now(),
        )?;
        tx.commit()?;
        Ok(report)
    }
}

impl Store {
    /// The registries' rejections still to be dealt with: a rejected item
    /// for which nothing newer about the same record has been queued since
    /// (a correction or a re-fingerprinting queues one), oldest first.
    pub fn open_rejections(&self) -> Result<Vec<OutboxItem>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM outbox o WHERE state = 'rejected'
               AND NOT EXISTS (SELECT 1 FROM outbox n WHERE n.id > o.id AND n.registry = o.registry
                                 AND n.record_id = o.record_id AND n.kind IN
                                   ('registration', 'correction', 'refingerprinting')
                                 AND o.kind IN ('registration', 'correction', 'refingerprinting'))
             ORDER BY id"
        ))?;
        let items = stmt.query_map([], item)?.collect::<Result<Vec<_>, _>>()?;
        Ok(items)
    }
}
