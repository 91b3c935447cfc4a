//! Retention: biometric images are restricted personal data, and the
//! mission keeps no more of them than it needs. Once the registry has
//! acknowledged a registration and the retention period has passed since,
//! its fingerprint, palm and photo images — of every version, current and
//! archived — are purged from the mirror. The ISO templates stay (п.11
//! verification, the duplicate check), and the record says when the images
//! were purged. Nothing the registry has not acknowledged is ever purged.
//!
//! A registration qualifies when, of its items that carry the record (the
//! registration, its corrections and re-fingerprintings — each sends the
//! whole record as it was at export), none waits to be sent or answered
//! and the newest was acknowledged at least the retention period ago: that
//! transaction carried every image the record holds now.
//!
//! The purge runs with `secure_delete`, so the freed pages are zeroed, and
//! checkpoints the write-ahead log: a backup made afterwards (a page copy)
//! holds no purged image.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::audit::{self, AuditAction, AuditEvent};
use super::registrations::{RegistrationId, table};
use super::{Store, StoreError};
use crate::model::Registry;

/// What a purge did, or (as a preview) would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PurgeReport {
    /// Registrations whose images were purged.
    pub registrations: usize,
    /// Print images (fingers and palms) purged.
    pub prints: usize,
    /// Photographs purged.
    pub photos: usize,
}

/// The item kinds that send the whole record.
const RECORD_KINDS: &str = "('registration', 'correction', 'refingerprinting')";

/// Where the last purge stopped: every registration whose last answer came
/// at or before this moment was dealt with, so a purge looks only at the
/// answers since (a sign-in never scans the whole registry).
const THROUGH: &str = "retention_through";

/// Registrations of `registry` answered in `(since, cutoff]` that qualify
/// (see the module) and still hold an image.
fn due(
    conn: &rusqlite::Connection,
    registry: Registry,
    since: &str,
    cutoff: &str,
) -> Result<Vec<i64>, StoreError> {
    let r = audit::registry_code(registry);
    let mut candidates = conn.prepare_cached(&format!(
        "SELECT DISTINCT record_id FROM outbox
         WHERE answered_at > ?2 AND answered_at <= ?3 AND registry = ?1 AND kind IN {RECORD_KINDS}
         ORDER BY record_id"
    ))?;
    let candidates = candidates
        .query_map(params![r, since, cutoff], |row| row.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    let mut qualifies = conn.prepare_cached(&format!(
        "SELECT NOT EXISTS (SELECT 1 FROM outbox WHERE registry = ?1 AND record_id = ?2
                              AND kind IN {RECORD_KINDS} AND state IN ('queued', 'exported'))
           AND (SELECT state FROM outbox WHERE registry = ?1 AND record_id = ?2
                  AND kind IN {RECORD_KINDS} ORDER BY id DESC LIMIT 1) = 'acknowledged'
           AND (SELECT max(answered_at) FROM outbox WHERE registry = ?1 AND record_id = ?2
                  AND kind IN {RECORD_KINDS}) <= ?3
           AND (EXISTS (SELECT 1 FROM {biometrics} WHERE registration_id = ?2 AND image_png IS NOT NULL)
             OR EXISTS (SELECT 1 FROM {personal} WHERE registration_id = ?2 AND photo IS NOT NULL))",
        biometrics = table(registry, "biometrics"),
        personal = table(registry, "personal_data"),
    ))?;
    let mut ids = Vec::new();
    for id in candidates {
        let ok: bool = qualifies.query_row(params![r, id, cutoff], |row| row.get(0))?;
        if ok {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Where the last purge stopped — or the beginning, when that is later
/// than `now`: the clock was set back, and answers recorded since may be
/// older than the mark, so everything is looked at once more.
fn through(conn: &rusqlite::Connection, now: &str) -> Result<String, StoreError> {
    let at: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [THROUGH], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(at.filter(|t| t.as_str() <= now).unwrap_or_default())
}

/// The moment before which an acknowledgment is old enough.
fn cutoff(now: DateTime<Utc>, retention_days: u32) -> String {
    (now - Duration::days(i64::from(retention_days))).to_rfc3339_opts(SecondsFormat::Micros, true)
}

impl Store {
    /// What [`Store::purge_delivered_images`] would purge now, without
    /// touching anything.
    pub fn images_due_for_purge(
        &self,
        retention_days: u32,
        now: DateTime<Utc>,
    ) -> Result<PurgeReport, StoreError> {
        let cutoff = cutoff(now, retention_days);
        let since = through(
            self.conn(),
            &now.to_rfc3339_opts(SecondsFormat::Micros, true),
        )?;
        let mut report = PurgeReport::default();
        for registry in [Registry::Citizen, Registry::Foreigner] {
            for id in due(self.conn(), registry, &since, &cutoff)? {
                let (prints, photos) = held(self.conn(), registry, id)?;
                report.registrations += 1;
                report.prints += prints;
                report.photos += photos;
            }
        }
        Ok(report)
    }

    /// Purges the images of every registration the registry acknowledged
    /// at least `retention_days` ago (see the module), in one transaction:
    /// each purge is audited with the record's new state, so `db check`
    /// still finds every record as the log binds it.
    pub fn purge_delivered_images(
        &mut self,
        retention_days: u32,
        now: DateTime<Utc>,
        officer_id: Option<i64>,
    ) -> Result<PurgeReport, StoreError> {
        let cutoff = cutoff(now, retention_days);
        let at = now.to_rfc3339_opts(SecondsFormat::Micros, true);
        let conn = self.conn_mut();
        let secure: i64 = conn.query_row("PRAGMA secure_delete", [], |r| r.get(0))?;
        conn.pragma_update(None, "secure_delete", 1)?;
        let result = (|| -> Result<PurgeReport, StoreError> {
            let tx = conn.transaction()?;
            let since = through(&tx, &at)?;
            let mut report = PurgeReport::default();
            for registry in [Registry::Citizen, Registry::Foreigner] {
                for id in due(&tx, registry, &since, &cutoff)? {
                    let prints = tx.execute(
                        &format!(
                            "UPDATE {} SET image_png = NULL, image_purged_at = ?1
                             WHERE registration_id = ?2 AND image_png IS NOT NULL",
                            table(registry, "biometrics")
                        ),
                        params![at, id],
                    )?;
                    let photos = tx.execute(
                        &format!(
                            "UPDATE {} SET photo = NULL, photo_format = NULL, photo_purged_at = ?1
                             WHERE registration_id = ?2 AND photo IS NOT NULL",
                            table(registry, "personal_data")
                        ),
                        params![at, id],
                    )?;
                    tx.execute(
                        &format!(
                            "UPDATE {} SET images_purged_at = ?1 WHERE id = ?2",
                            table(registry, "registrations")
                        ),
                        params![at, id],
                    )?;
                    let state =
                        super::content::registration_state(&tx, RegistrationId { registry, id })?;
                    let mut event = AuditEvent::new(AuditAction::ImagesPurged)
                        .on(registry, id)
                        .content(state);
                    event.officer_id = officer_id;
                    audit::append(&tx, event, now)?;
                    report.registrations += 1;
                    report.prints += prints;
                    report.photos += photos;
                }
            }
            // A retention made longer moves the mark nowhere: what was
            // purged stays purged.
            if cutoff > since {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![THROUGH, cutoff],
                )?;
            }
            tx.commit()?;
            Ok(report)
        })();
        // Back as it was, whatever happened; then the log's pages into the
        // file, so that the file itself no longer holds the images.
        conn.pragma_update(None, "secure_delete", secure)?;
        let report = result?;
        if report.registrations > 0 {
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(report)
    }
}

/// How many print images and photos a registration holds.
fn held(
    conn: &rusqlite::Connection,
    registry: Registry,
    id: i64,
) -> Result<(usize, usize), StoreError> {
    let prints: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM {} WHERE registration_id = ?1 AND image_png IS NOT NULL",
            table(registry, "biometrics")
        ),
        [id],
        |r| r.get(0),
    )?;
    let photos: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM {} WHERE registration_id = ?1 AND photo IS NOT NULL",
            table(registry, "personal_data")
        ),
        [id],
        |r| r.get(0),
    )?;
    Ok((
        usize::try_from(prints).unwrap_or(0),
        usize::try_from(photos).unwrap_or(0),
    ))
}
