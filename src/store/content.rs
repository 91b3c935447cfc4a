//! What an audit entry binds: the hash of a record's state as written. A
//! registration's state is its head row, its current personal data (with
//! the photo and signature), its current prints (images and templates),
//! its current physical-defect mark and its latest representation; a
//! decision's is its row. `db check` recomputes them and compares with the
//! log, so a record edited in place, or a print deleted, is found.

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::StoreError;
use super::audit::{AuditAction, AuditEvent};
use super::registrations::{RegistrationId, table};
use crate::model::Registry;

/// Feeds every column of every row of `sql` (with `id` bound) into the
/// hash, typed and length-prefixed.
fn hash_rows(conn: &Connection, hasher: &mut Sha256, sql: &str, id: i64) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query([id])?;
    let mut count = 0u64;
    while let Some(row) = rows.next()? {
        count += 1;
        for i in 0..columns {
            match row.get_ref(i)? {
                ValueRef::Null => hasher.update([0u8]),
                ValueRef::Integer(v) => {
                    hasher.update([1u8]);
                    hasher.update(v.to_le_bytes());
                }
                ValueRef::Real(v) => {
                    hasher.update([2u8]);
                    hasher.update(v.to_le_bytes());
                }
                ValueRef::Text(t) | ValueRef::Blob(t) => {
                    hasher.update([3u8]);
                    hasher.update((t.len() as u64).to_le_bytes());
                    hasher.update(t);
                }
            }
        }
    }
    hasher.update(count.to_le_bytes());
    Ok(())
}

/// The state of a registration, as the log binds it.
pub(crate) fn registration_state(
    conn: &Connection,
    id: RegistrationId,
) -> Result<[u8; 32], StoreError> {
    let r = id.registry;
    let mut hasher = Sha256::new();
    hasher.update(b"beder registration state v1");
    hash_rows(
        conn,
        &mut hasher,
        &format!(
            "SELECT registered_on, basis_paragraph, basis_service, officer_id, officer_surname,
                    officer_name, officer_patronymic, created_at
             FROM {} WHERE id = ?1",
            table(r, "registrations")
        ),
        id.id,
    )?;
    hash_rows(
        conn,
        &mut hasher,
        &format!(
            "SELECT version, valid_from, change_id, data, photo, photo_format, signature,
                    signature_format
             FROM {} WHERE registration_id = ?1 AND valid_to IS NULL",
            table(r, "personal_data")
        ),
        id.id,
    )?;
    hash_rows(
        conn,
        &mut hasher,
        &format!(
            "SELECT set_version, valid_from, position, impression, image_png, ppi, template,
                    template_format, quality, attempts, force_captured, exception,
                    exception_permanence, device_id, captured_at, force_reason
             FROM {} WHERE registration_id = ?1 AND valid_to IS NULL ORDER BY position",
            table(r, "biometrics")
        ),
        id.id,
    )?;
    hash_rows(
        conn,
        &mut hasher,
        &format!(
            "SELECT fingers, palms, permanence, recorded_at
             FROM {} WHERE registration_id = ?1 AND valid_to IS NULL ORDER BY id",
            table(r, "defect_marks")
        ),
        id.id,
    )?;
    hash_rows(
        conn,
        &mut hasher,
        &format!(
            "SELECT data, application_scan, recorded_at
             FROM {} WHERE registration_id = ?1 ORDER BY id DESC LIMIT 1",
            table(r, "representations")
        ),
        id.id,
    )?;
    // The purge of delivered images (retention), once there was one: a
    // registration never purged hashes as it did before the purge existed,
    // so the states the log bound earlier still match.
    if purged_at(conn, id)?.is_some() {
        hasher.update(b"images purged");
        hash_rows(
            conn,
            &mut hasher,
            &format!(
                "SELECT images_purged_at FROM {} WHERE id = ?1",
                table(r, "registrations")
            ),
            id.id,
        )?;
        hash_rows(
            conn,
            &mut hasher,
            &format!(
                "SELECT position, image_purged_at
                 FROM {} WHERE registration_id = ?1 AND valid_to IS NULL ORDER BY position",
                table(r, "biometrics")
            ),
            id.id,
        )?;
        hash_rows(
            conn,
            &mut hasher,
            &format!(
                "SELECT photo_purged_at FROM {} WHERE registration_id = ?1 AND valid_to IS NULL",
                table(r, "personal_data")
            ),
            id.id,
        )?;
    }
    Ok(hasher.finalize().into())
}

/// When a registration's delivered images were purged; `None` when never,
/// or when the schema predates retention (migration 4 seals records
/// before migration 7 exists).
pub(crate) fn purged_at(
    conn: &Connection,
    id: RegistrationId,
) -> Result<Option<String>, StoreError> {
    let registrations = table(id.registry, "registrations");
    let has_column: bool = conn
        .prepare_cached(
            "SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = 'images_purged_at'",
        )?
        .query_row([&registrations], |r| r.get(0))?;
    if !has_column {
        return Ok(None);
    }
    let at: Option<Option<String>> = conn
        .prepare_cached(&format!(
            "SELECT images_purged_at FROM {registrations} WHERE id = ?1"
        ))?
        .query_row([id.id], |r| r.get(0))
        .optional()?;
    Ok(at.flatten())
}

/// A refusal's row (citizen registry).
pub(crate) fn refusal_state(conn: &Connection, id: i64) -> Result<[u8; 32], StoreError> {
    let mut hasher = Sha256::new();
    hasher.update(b"beder refusal v1");
    hash_rows(
        conn,
        &mut hasher,
        "SELECT data, surname_key, name_key, birth_date, iin, refused_at, officer_id
         FROM citizen_refusals WHERE id = ?1",
        id,
    )?;
    Ok(hasher.finalize().into())
}

/// An exemption's or "not subject" decision's row.
pub(crate) fn non_collection_state(
    conn: &Connection,
    registry: Registry,
    id: i64,
) -> Result<[u8; 32], StoreError> {
    let mut hasher = Sha256::new();
    hasher.update(b"beder non-collection v1");
    hash_rows(
        conn,
        &mut hasher,
        &format!(
            "SELECT outcome, grounds, evidence, data, surname_key, name_key, birth_date,
                    decided_on, officer_id, created_at
             FROM {} WHERE id = ?1",
            table(registry, "non_collections")
        ),
        id,
    )?;
    Ok(hasher.finalize().into())
}

/// What `db check` found when it compared every current record with the
/// state the log bound.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ContentCheck {
    /// Whether the log binds content at all (schema 4 and later; an older
    /// database opened read-only is not upgraded).
    pub bound: bool,
    /// Records whose state matched the log.
    pub checked: i64,
    /// Records changed outside the program: `registry:kind:id`.
    pub mismatched: Vec<String>,
    /// Records no entry of the log binds: written outside the program.
    pub unbound: Vec<String>,
    /// Records the log binds that are no longer there: deleted outside
    /// the program.
    pub missing: Vec<String>,
}

impl ContentCheck {
    /// Every record bound by the log is as the log recorded it.
    pub fn intact(&self) -> bool {
        !self.bound
            || (self.mismatched.is_empty() && self.unbound.is_empty() && self.missing.is_empty())
    }
}

/// One kind of record: its table, the actions that bind it, its state.
struct Kind {
    name: &'static str,
    table: fn(Registry) -> Option<String>,
    actions: &'static [AuditAction],
    state: fn(&Connection, Registry, i64) -> Result<[u8; 32], StoreError>,
}

const KINDS: [Kind; 3] = [
    Kind {
        name: "registration",
        table: |r| Some(table(r, "registrations")),
        actions: &[
            AuditAction::RecordCreated,
            AuditAction::RecordUpdated,
            AuditAction::RegistrationSealed,
            AuditAction::ImagesPurged,
        ],
        state: |conn, registry, id| registration_state(conn, RegistrationId { registry, id }),
    },
    Kind {
        name: "decision",
        table: |r| Some(table(r, "non_collections")),
        actions: &[
            AuditAction::NonCollectionRecorded,
            AuditAction::DecisionSealed,
        ],
        state: non_collection_state,
    },
    Kind {
        name: "refusal",
        table: |r| (r == Registry::Citizen).then(|| "citizen_refusals".to_string()),
        actions: &[AuditAction::RefusalRecorded, AuditAction::RefusalSealed],
        state: |conn, _, id| refusal_state(conn, id),
    },
];

fn ids(conn: &Connection, table: &str) -> Result<Vec<i64>, StoreError> {
    Ok(conn
        .prepare(&format!("SELECT id FROM {table} ORDER BY id"))?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Recomputes every current record and compares it with the log.
pub(crate) fn check(conn: &Connection) -> Result<ContentCheck, StoreError> {
    let mut out = ContentCheck {
        bound: super::audit::chain_key(conn)?.is_some(),
        ..ContentCheck::default()
    };
    if !out.bound {
        return Ok(out);
    }
    for kind in &KINDS {
        let mut recorded = super::audit::recorded_content(conn, kind.actions)?;
        for registry in [Registry::Citizen, Registry::Foreigner] {
            let Some(table) = (kind.table)(registry) else {
                continue;
            };
            let code = super::audit::registry_code(registry);
            for id in ids(conn, &table)? {
                let label = format!("{code}:{}:{id}", kind.name);
                match recorded.remove(&(code.to_string(), id)) {
                    None => out.unbound.push(label),
                    Some(bound) => {
                        if (kind.state)(conn, registry, id)?.as_slice() == bound.as_slice() {
                            out.checked += 1;
                        } else {
                            out.mismatched.push(label);
                        }
                    }
                }
            }
        }
        let mut gone: Vec<String> = recorded
            .into_keys()
            .map(|(registry, id)| format!("{registry}:{}:{id}", kind.name))
            .collect();
        gone.sort();
        out.missing.extend(gone);
    }
    Ok(out)
}

/// Binds every record already held to the log (migration 4): the state of
/// each, as found at the upgrade, in its own entry.
pub(crate) fn seal_all(tx: &Connection) -> Result<(), StoreError> {
    let now = chrono::Utc::now();
    for (kind, action) in KINDS.iter().zip([
        AuditAction::RegistrationSealed,
        AuditAction::DecisionSealed,
        AuditAction::RefusalSealed,
    ]) {
        for registry in [Registry::Citizen, Registry::Foreigner] {
            let Some(table) = (kind.table)(registry) else {
                continue;
            };
            for id in ids(tx, &table)? {
                let state = (kind.state)(tx, registry, id)?;
                super::audit::append(
                    tx,
                    AuditEvent::new(action).on(registry, id).content(state),
                    now,
                )?;
            }
        }
    }
    Ok(())
}
