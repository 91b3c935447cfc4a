//! The supervisor's figures, from typed queries: registrations, refusals
//! and decisions per day, week or month by registry or officer; the rates
//! of exceptions, force-captures, palms and defect marks per officer; the
//! quality of accepted impressions; verification outcomes and duplicate
//! alarms; the day's cases and their review.
//!
//! Each registration's figures are kept in `{r}_registration_facts`,
//! written in the transaction that saves or re-fingerprints it, and summed
//! per day and officer in `{r}_daily_facts` by triggers: the figures of a
//! period read a few rows a day, however many registrations the mission
//! holds (see `benches/stats.rs`). The facts are derived: nothing in them
//! is not in the records.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::audit::{self, AuditAction, AuditEvent};
use super::registrations::{date_text, table};
use super::{Registry, Store, StoreError};

/// Migration 8: the registrations' facts (back-filled for every record
/// held), their sums per day and officer (kept by triggers, so that the
/// figures of any period read a few rows a day, however many
/// registrations there are), the supervisor's reviews, and the indexes the
/// figures read by.
pub fn migration_8() -> String {
    let mut sql = String::new();
    let q_cols: Vec<String> = (0..10).map(|k| format!("q{k}")).collect();
    let q_decl = q_cols
        .iter()
        .map(|q| format!("{q} INTEGER NOT NULL DEFAULT 0"))
        .collect::<Vec<_>>()
        .join(", ");
    let q_new = q_cols
        .iter()
        .map(|q| format!("NEW.{q}"))
        .collect::<Vec<_>>()
        .join(", ");
    let q_add = q_cols
        .iter()
        .map(|q| format!("{q} = {q} + excluded.{q}"))
        .collect::<Vec<_>>()
        .join(", ");
    let q_sub = q_cols
        .iter()
        .map(|q| format!("{q} = {q} - OLD.{q}"))
        .collect::<Vec<_>>()
        .join(", ");
    let q_list = q_cols.join(", ");
    for r in ["citizen", "foreigner"] {
        sql.push_str(&format!(
            "CREATE TABLE {r}_registration_facts (
                registration_id     INTEGER PRIMARY KEY REFERENCES {r}_registrations(id),
                registered_on       TEXT NOT NULL,
                officer_id          INTEGER NOT NULL,
                fingers             INTEGER NOT NULL,
                palms               INTEGER NOT NULL,
                exceptions          INTEGER NOT NULL,
                forced              INTEGER NOT NULL,
                defect_mark         INTEGER NOT NULL,
                {q_decl}
            );
            CREATE INDEX {r}_facts_day ON {r}_registration_facts(registered_on);
            CREATE TABLE {r}_daily_facts (
                day                 TEXT NOT NULL,
                officer_id          INTEGER NOT NULL,
                registrations       INTEGER NOT NULL DEFAULT 0,
                with_exceptions     INTEGER NOT NULL DEFAULT 0,
                with_forced         INTEGER NOT NULL DEFAULT 0,
                with_palms          INTEGER NOT NULL DEFAULT 0,
                with_defect_mark    INTEGER NOT NULL DEFAULT 0,
                {q_decl},
                PRIMARY KEY (day, officer_id)
            ) WITHOUT ROWID;
            CREATE TRIGGER {r}_facts_added AFTER INSERT ON {r}_registration_facts
            BEGIN
                INSERT INTO {r}_daily_facts (day, officer_id, registrations, with_exceptions,
                    with_forced, with_palms, with_defect_mark, {q_list})
                VALUES (NEW.registered_on, NEW.officer_id, 1, NEW.exceptions > 0, NEW.forced > 0,
                    NEW.palms > 0, NEW.defect_mark > 0, {q_new})
                ON CONFLICT (day, officer_id) DO UPDATE SET
                    registrations = registrations + 1,
                    with_exceptions = with_exceptions + excluded.with_exceptions,
                    with_forced = with_forced + excluded.with_forced,
                    with_palms = with_palms + excluded.with_palms,
                    with_defect_mark = with_defect_mark + excluded.with_defect_mark,
                    {q_add};
            END;
            CREATE TRIGGER {r}_facts_removed AFTER DELETE ON {r}_registration_facts
            BEGIN
                UPDATE {r}_daily_facts SET
                    registrations = registrations - 1,
                    with_exceptions = with_exceptions - (OLD.exceptions > 0),
                    with_forced = with_forced - (OLD.forced > 0),
                    with_palms = with_palms - (OLD.palms > 0),
                    with_defect_mark = with_defect_mark - (OLD.defect_mark > 0),
                    {q_sub}
                WHERE day = OLD.registered_on AND officer_id = OLD.officer_id;
            END;
            CREATE INDEX {r}_non_collections_day ON {r}_non_collections(decided_on, outcome, officer_id);
            CREATE INDEX {r}_verifications_day ON {r}_verifications(verified_at);
            {facts}
            ",
            facts = facts_sql(r, "")
        ));
    }
    sql.push_str(
        "CREATE INDEX citizen_refusals_day ON citizen_refusals(refused_at, officer_id);
         CREATE INDEX audit_log_action ON audit_log(action, at);
         CREATE INDEX audit_log_officer ON audit_log(officer_id, action);
         CREATE TABLE supervisor_reviews (
             case_key        TEXT PRIMARY KEY,
             reviewed_at     TEXT NOT NULL,
             officer_id      INTEGER NOT NULL REFERENCES officers(id)
         );
        ",
    );
    sql
}

/// The facts of the registrations `filter` selects (`WHERE …` on `r`),
/// from their current biometric set and defect mark.
fn facts_sql(r: &str, filter: &str) -> String {
    let bucket = |k: u8| {
        format!(
            "(SELECT count(*) FROM {r}_biometrics b WHERE b.registration_id = r.id \
             AND b.valid_to IS NULL AND b.exception IS NULL AND min(b.quality / 10, 9) = {k})"
        )
    };
    let buckets: Vec<String> = (0..10).map(bucket).collect();
    format!(
        "INSERT INTO {r}_registration_facts
         SELECT r.id, r.registered_on, r.officer_id,
           (SELECT count(*) FROM {r}_biometrics b WHERE b.registration_id = r.id
              AND b.valid_to IS NULL AND b.exception IS NULL AND b.position <= 10),
           (SELECT count(*) FROM {r}_biometrics b WHERE b.registration_id = r.id
              AND b.valid_to IS NULL AND b.exception IS NULL AND b.position >= 21),
           (SELECT count(*) FROM {r}_biometrics b WHERE b.registration_id = r.id
              AND b.valid_to IS NULL AND b.exception IS NOT NULL),
           (SELECT count(*) FROM {r}_biometrics b WHERE b.registration_id = r.id
              AND b.valid_to IS NULL AND b.force_captured = 1),
           EXISTS (SELECT 1 FROM {r}_defect_marks d WHERE d.registration_id = r.id
              AND d.valid_to IS NULL),
           {buckets}
         FROM {r}_registrations r {filter};",
        buckets = buckets.join(",\n           ")
    )
}

/// Writes (again) the facts of one registration, in the transaction that
/// changed it.
pub(crate) fn refresh_facts(
    tx: &Transaction<'_>,
    registry: Registry,
    id: i64,
) -> Result<(), StoreError> {
    let r = audit::registry_code(registry);
    // Out, then in again: the day's sums follow (the triggers).
    tx.prepare_cached(&format!(
        "DELETE FROM {r}_registration_facts WHERE registration_id = ?1"
    ))?
    .execute([id])?;
    tx.prepare_cached(&facts_sql(r, "WHERE r.id = ?1"))?
        .execute([id])?;
    Ok(())
}

/// A period of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
}

impl Period {
    fn bounds(self) -> (String, String) {
        (date_text(self.from), date_text(self.to))
    }

    /// Timestamps (RFC 3339 text) from the first day's start to the last
    /// day's end.
    fn instants(self) -> (String, String) {
        (
            format!("{}T00:00:00", date_text(self.from)),
            // After every time of the last day, whatever its precision.
            format!("{}T99", date_text(self.to)),
        )
    }
}

/// How figures are bucketed in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    /// By day.
    Day,
    /// By week (`%W`: weeks from the first Monday).
    Week,
    /// By month.
    Month,
}

impl Bucket {
    /// The SQL expression of a date column's bucket.
    fn sql(self, column: &str) -> String {
        match self {
            Bucket::Day => format!("substr({column}, 1, 10)"),
            Bucket::Week => format!("strftime('%Y-W%W', substr({column}, 1, 10))"),
            Bucket::Month => format!("substr({column}, 1, 7)"),
        }
    }
}

/// How figures are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grouping {
    /// By registry.
    Registry,
    /// By officer.
    Officer,
}

/// One bucket's counts for one group (a registry's code, or an officer's
/// id as text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountRow {
    /// The bucket (`2026-12-04`, `2026-W48`, `2026-12`).
    pub bucket: String,
    /// The group: a registry's code or an officer's id.
    pub group: String,
    /// Registrations.
    pub registrations: u64,
    /// Refusals (п.5).
    pub refusals: u64,
    /// Exemptions (п.4).
    pub exempt: u64,
    /// Not-subject decisions (п.3).
    pub not_subject: u64,
}

/// One officer's rates over a period: of his registrations, how many had
/// an exception, a force-capture, palms, a defect mark.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OfficerRates {
    /// The officer.
    pub officer_id: i64,
    /// His registrations in the period.
    pub registrations: u64,
    /// Of them, with an excepted finger or palm.
    pub with_exceptions: u64,
    /// Of them, with a force-captured position.
    pub with_force_capture: u64,
    /// Of them, with palms instead of fingers.
    pub with_palms: u64,
    /// Of them, with a defect mark.
    pub with_defect_mark: u64,
}

impl OfficerRates {
    /// `part` of the registrations, as a share 0–1.
    pub fn rate(&self, part: u64) -> f64 {
        if self.registrations == 0 {
            0.0
        } else {
            part as f64 / self.registrations as f64
        }
    }
}

/// Verification outcomes and the duplicate check's alarms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckFigures {
    /// (method, verified, not verified).
    pub verifications: Vec<(String, u64, u64)>,
    /// Duplicate checks run.
    pub duplicate_searches: u64,
    /// Checks that found candidates.
    pub duplicate_alarms: u64,
    /// Candidates a supervisor let through.
    pub duplicate_overrides: u64,
    /// Failed verifications a supervisor overrode.
    pub verification_overrides: u64,
}

/// Why a case of the day needed a supervisor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attention {
    /// A position kept below the quality threshold.
    ForceCaptured,
    /// A defect mark instead of prints (п.10).
    DefectMark,
    /// Duplicate candidates let through by a supervisor.
    DuplicateOverridden,
    /// Identity confirmed by documents, not prints (п.11).
    IdentityByDocuments,
    /// A failed verification overridden by a supervisor.
    VerificationOverridden,
}

impl Attention {
    /// The Fluent message id.
    pub fn message_key(self) -> &'static str {
        match self {
            Attention::ForceCaptured => "attention-force-captured",
            Attention::DefectMark => "attention-defect-mark",
            Attention::DuplicateOverridden => "attention-duplicate-overridden",
            Attention::IdentityByDocuments => "attention-identity-by-documents",
            Attention::VerificationOverridden => "attention-verification-overridden",
        }
    }
}

/// One case of the day, as the end-of-day review lists it: no personal
/// data but the record's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCase {
    /// What identifies the case for its review (`reg:citizen:12`,
    /// `ver:foreigner:3`, `audit:812`).
    pub key: String,
    /// The record's number as the officer reads it.
    pub number: String,
    /// HH:MM (UTC).
    pub time: String,
    /// The officer's name.
    pub officer: String,
    /// Why it needs a supervisor's review; empty: it does not.
    pub attention: Vec<Attention>,
    /// The supervisor who reviewed it.
    pub reviewed_by: Option<String>,
}

impl DayCase {
    /// Whether a supervisor must review it.
    pub fn needs_review(&self) -> bool {
        !self.attention.is_empty()
    }
}

/// The day in figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DaySummary {
    /// Registrations.
    pub registrations: u64,
    /// Refusals.
    pub refusals: u64,
    /// Exemptions.
    pub exempt: u64,
    /// Not-subject decisions.
    pub not_subject: u64,
    /// Identity verifications.
    pub verifications: u64,
    /// Cases that need a review.
    pub needs_review: u64,
    /// Of them, reviewed.
    pub reviewed: u64,
}

/// An officer's sign-in activity, for the accounts list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInActivity {
    /// The officer.
    pub officer_id: i64,
    /// His last sign-in, RFC 3339.
    pub last_sign_in: Option<String>,
    /// Failed sign-ins since the last success.
    pub failed_logins: i64,
    /// Locked until, RFC 3339.
    pub locked_until: Option<String>,
}

fn u(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Store {
    /// Registrations, refusals, exemptions and "not subject" decisions in
    /// `period`, per `bucket`, per registry or officer.
    pub fn counts(
        &self,
        period: Period,
        bucket: Bucket,
        grouping: Grouping,
    ) -> Result<Vec<CountRow>, StoreError> {
        use std::collections::BTreeMap;
        let (from, to) = period.bounds();
        let (t_from, t_to) = period.instants();
        let mut rows: BTreeMap<(String, String), CountRow> = BTreeMap::new();
        let mut add = |bucket: String, group: String, f: &dyn Fn(&mut CountRow)| {
            let row = rows
                .entry((bucket.clone(), group.clone()))
                .or_insert_with(|| CountRow {
                    bucket,
                    group,
                    ..CountRow::default()
                });
            f(row);
        };
        for registry in [Registry::Citizen, Registry::Foreigner] {
            let r = audit::registry_code(registry);
            let group_of = |officer: &str| match grouping {
                Grouping::Registry => format!("'{r}'"),
                Grouping::Officer => format!("CAST({officer} AS TEXT)"),
            };
            let sql = format!(
                "SELECT {b}, {g}, sum(registrations) FROM {r}_daily_facts
                 WHERE day BETWEEN ?1 AND ?2 GROUP BY 1, 2",
                b = bucket.sql("day"),
                g = group_of("officer_id"),
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let found = stmt.query_map(params![from, to], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })?;
            for item in found {
                let (b, g, n) = item?;
                add(b, g, &|row| row.registrations += u(n));
            }
            let sql = format!(
                "SELECT {b}, {g}, outcome, count(*) FROM {r}_non_collections
                 WHERE decided_on BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3",
                b = bucket.sql("decided_on"),
                g = group_of("officer_id"),
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let found = stmt.query_map(params![from, to], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, i64>(3)?,
                ))
            })?;
            for item in found {
                let (b, g, outcome, n) = item?;
                if outcome == "exempt" {
                    add(b, g, &|row| row.exempt += u(n));
                } else {
                    add(b, g, &|row| row.not_subject += u(n));
                }
            }
        }
        let sql = format!(
            "SELECT {b}, {g}, count(*) FROM citizen_refusals
             WHERE refused_at BETWEEN ?1 AND ?2 GROUP BY 1, 2",
            b = bucket.sql("refused_at"),
            g = match grouping {
                Grouping::Registry => "'citizen'".to_string(),
                Grouping::Officer => "CAST(officer_id AS TEXT)".to_string(),
            },
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = stmt.query_map(params![t_from, t_to], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        for item in found {
            let (b, g, n) = item?;
            add(b, g, &|row| row.refusals += u(n));
        }
        Ok(rows.into_values().collect())
    }

    /// Each officer's rates over `period` (both registries).
    pub fn officer_rates(&self, period: Period) -> Result<Vec<OfficerRates>, StoreError> {
        use std::collections::BTreeMap;
        let (from, to) = period.bounds();
        let mut out: BTreeMap<i64, OfficerRates> = BTreeMap::new();
        for r in ["citizen", "foreigner"] {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT officer_id, sum(registrations), sum(with_exceptions), sum(with_forced),
                        sum(with_palms), sum(with_defect_mark)
                 FROM {r}_daily_facts WHERE day BETWEEN ?1 AND ?2
                 GROUP BY officer_id"
            ))?;
            let found = stmt.query_map(params![from, to], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    [
                        row.get::<_, i64>(1)?,
                        row.get::<_, i64>(2)?,
                        row.get::<_, i64>(3)?,
                        row.get::<_, i64>(4)?,
                        row.get::<_, i64>(5)?,
                    ],
                ))
            })?;
            for item in found {
                let (officer, n) = item?;
                let entry = out.entry(officer).or_insert_with(|| OfficerRates {
                    officer_id: officer,
                    ..OfficerRates::default()
                });
                entry.registrations += u(n[0]);
                entry.with_exceptions += u(n[1]);
                entry.with_force_capture += u(n[2]);
                entry.with_palms += u(n[3]);
                entry.with_defect_mark += u(n[4]);
            }
        }
        Ok(out.into_values().collect())
    }

    /// Accepted impressions in `period` by quality: ten bins, 0–9 … 90–100.
    pub fn quality_histogram(&self, period: Period) -> Result<[u64; 10], StoreError> {
        let (from, to) = period.bounds();
        let mut bins = [0u64; 10];
        for r in ["citizen", "foreigner"] {
            let sums: Vec<i64> = self.conn.query_row(
                &format!(
                    "SELECT total(q0), total(q1), total(q2), total(q3), total(q4), total(q5),
                            total(q6), total(q7), total(q8), total(q9)
                     FROM {r}_daily_facts WHERE day BETWEEN ?1 AND ?2"
                ),
                params![from, to],
                |row| {
                    (0..10)
                        .map(|i| row.get::<_, f64>(i).map(|v| v as i64))
                        .collect()
                },
            )?;
            for (bin, n) in bins.iter_mut().zip(sums) {
                *bin += u(n);
            }
        }
        Ok(bins)
    }

    /// Verification outcomes by method and the duplicate check's searches,
    /// alarms and overrides in `period`.
    pub fn check_figures(&self, period: Period) -> Result<CheckFigures, StoreError> {
        use std::collections::BTreeMap;
        let (t_from, t_to) = period.instants();
        let mut methods: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        for r in ["citizen", "foreigner"] {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT method, verified, count(*) FROM {r}_verifications
                 WHERE verified_at BETWEEN ?1 AND ?2 GROUP BY 1, 2"
            ))?;
            let found = stmt.query_map(params![t_from, t_to], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, bool>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })?;
            for item in found {
                let (method, verified, n) = item?;
                let entry = methods.entry(method).or_default();
                if verified {
                    entry.0 += u(n);
                } else {
                    entry.1 += u(n);
                }
            }
        }
        let action = |a: AuditAction| -> Result<u64, StoreError> {
            Ok(u(self.conn.query_row(
                "SELECT count(*) FROM audit_log WHERE action = ?1 AND at BETWEEN ?2 AND ?3",
                params![a.code(), t_from, t_to],
                |row| row.get(0),
            )?))
        };
        Ok(CheckFigures {
            verifications: methods.into_iter().map(|(m, (y, n))| (m, y, n)).collect(),
            duplicate_searches: action(AuditAction::DuplicateSearch)?,
            duplicate_alarms: action(AuditAction::DuplicateAlarm)?,
            duplicate_overrides: action(AuditAction::DuplicateOverridden)?,
            verification_overrides: action(AuditAction::VerificationOverridden)?,
        })
    }

    /// The cases of `day`: its registrations (with what needed a
    /// supervisor), its identity verifications by documents, and the
    /// supervisor's overrides, each with its review.
    #[expect(
        clippy::too_many_lines,
        reason = "three queries (registrations, verifications, overrides) merged into the day's list"
    )]
    pub fn day_cases(&self, day: NaiveDate) -> Result<Vec<DayCase>, StoreError> {
        let period = Period { from: day, to: day };
        let (d, _) = period.bounds();
        let (t_from, t_to) = period.instants();
        let officers = self.officer_names()?;
        let name = |id: Option<i64>| {
            id.and_then(|id| officers.get(&id).cloned())
                .unwrap_or_default()
        };
        let reviews = self.reviews()?;
        let mut cases = Vec::new();
        for registry in [Registry::Citizen, Registry::Foreigner] {
            let r = audit::registry_code(registry);
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT f.registration_id, g.created_at, f.officer_id, f.forced, f.defect_mark
                 FROM {r}_registration_facts f JOIN {} g ON g.id = f.registration_id
                 WHERE f.registered_on = ?1 ORDER BY g.created_at",
                table(registry, "registrations")
            ))?;
            let found = stmt.query_map([&d], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, bool>(4)?,
                ))
            })?;
            for item in found {
                let (id, at, officer, forced, defect) = item?;
                let mut attention = Vec::new();
                if forced > 0 {
                    attention.push(Attention::ForceCaptured);
                }
                if defect {
                    attention.push(Attention::DefectMark);
                }
                let key = format!("reg:{r}:{id}");
                cases.push(DayCase {
                    reviewed_by: reviews.get(&key).map(|by| name(Some(*by))),
                    key,
                    number: super::RegistrationId { registry, id }.to_string(),
                    time: time_of(&at),
                    officer: name(Some(officer)),
                    attention,
                });
            }
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT id, verified_at, officer_id, registration_id, mark_id FROM {r}_verifications
                 WHERE method = 'documents' AND verified_at BETWEEN ?1 AND ?2"
            ))?;
            let found = stmt.query_map(params![t_from, t_to], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, Option<i64>>(3)?,
                ))
            })?;
            for item in found {
                let (id, at, officer, registration) = item?;
                let key = format!("ver:{r}:{id}");
                cases.push(DayCase {
                    reviewed_by: reviews.get(&key).map(|by| name(Some(*by))),
                    key,
                    number: registration.map_or_else(
                        || format!("V-{}", super::RegistrationId { registry, id }),
                        |rid| super::RegistrationId { registry, id: rid }.to_string(),
                    ),
                    time: time_of(&at),
                    officer: name(Some(officer)),
                    attention: vec![Attention::IdentityByDocuments],
                });
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, officer_id, action, registry, record_id FROM audit_log
             WHERE action IN (?1, ?2) AND at BETWEEN ?3 AND ?4 ORDER BY id",
        )?;
        let found = stmt.query_map(
            params![
                AuditAction::DuplicateOverridden.code(),
                AuditAction::VerificationOverridden.code(),
                t_from,
                t_to
            ],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Option<i64>>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, Option<String>>(4)?,
                    row.get::<_, Option<i64>>(5)?,
                ))
            },
        )?;
        for item in found {
            let (id, at, officer, action, registry, record) = item?;
            let key = format!("audit:{id}");
            let number = match (
                registry.as_deref().and_then(super::outbox::registry_from),
                record,
            ) {
                (Some(registry), Some(record)) => super::RegistrationId {
                    registry,
                    id: record,
                }
                .to_string(),
                _ => String::new(),
            };
            cases.push(DayCase {
                reviewed_by: reviews.get(&key).map(|by| name(Some(*by))),
                key,
                number,
                time: time_of(&at),
                officer: name(officer),
                attention: vec![if action == AuditAction::DuplicateOverridden.code() {
                    Attention::DuplicateOverridden
                } else {
                    Attention::VerificationOverridden
                }],
            });
        }
        cases.sort_by(|a, b| a.time.cmp(&b.time).then(a.key.cmp(&b.key)));
        Ok(cases)
    }

    /// The day in figures (with the review's progress).
    pub fn day_summary(&self, day: NaiveDate) -> Result<DaySummary, StoreError> {
        let period = Period { from: day, to: day };
        let counts = self.counts(period, Bucket::Day, Grouping::Registry)?;
        let cases = self.day_cases(day)?;
        let checks = self.check_figures(period)?;
        Ok(DaySummary {
            registrations: counts.iter().map(|c| c.registrations).sum(),
            refusals: counts.iter().map(|c| c.refusals).sum(),
            exempt: counts.iter().map(|c| c.exempt).sum(),
            not_subject: counts.iter().map(|c| c.not_subject).sum(),
            verifications: checks.verifications.iter().map(|(_, y, n)| y + n).sum(),
            needs_review: cases.iter().filter(|c| c.needs_review()).count() as u64,
            reviewed: cases
                .iter()
                .filter(|c| c.needs_review() && c.reviewed_by.is_some())
                .count() as u64,
        })
    }

    /// Marks a case of the day reviewed by the supervisor `by` (audited,
    /// in the same transaction). A case reviewed before stays as it was.
    pub fn mark_reviewed(
        &mut self,
        by: i64,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO supervisor_reviews (case_key, reviewed_at, officer_id)
             VALUES (?1, ?2, ?3)",
            params![key, now.to_rfc3339(), by],
        )?;
        if inserted == 1 {
            let mut event = AuditEvent::new(AuditAction::CaseReviewed).by(by);
            let mut parts = key.split(':');
            if let (Some("reg"), Some(r), Some(id)) = (parts.next(), parts.next(), parts.next())
                && let (Some(registry), Ok(id)) =
                    (super::outbox::registry_from(r), id.parse::<i64>())
            {
                event = event.on(registry, id);
            }
            audit::append(&tx, event, now)?;
        }
        tx.commit()?;
        Ok(inserted == 1)
    }

    fn reviews(&self) -> Result<std::collections::HashMap<String, i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT case_key, officer_id FROM supervisor_reviews")?;
        let found = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(found.collect::<Result<_, _>>()?)
    }

    /// Officers' names by id ("Surname Name"), active or not.
    pub fn officer_names(&self) -> Result<std::collections::HashMap<i64, String>, StoreError> {
        Ok(self
            .officers()?
            .into_iter()
            .map(|a| {
                (
                    a.id,
                    format!("{} {}", a.officer.name.surname, a.officer.name.name),
                )
            })
            .collect())
    }

    /// Each officer's last sign-in (from the log), failed attempts and lock.
    pub fn sign_in_activity(&self) -> Result<Vec<SignInActivity>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, (SELECT max(at) FROM audit_log a WHERE a.officer_id = o.id
                               AND a.action = ?1),
                    o.failed_logins, o.locked_until
             FROM officers o ORDER BY o.id",
        )?;
        let found = stmt.query_map([AuditAction::LoginSucceeded.code()], |row| {
            Ok(SignInActivity {
                officer_id: row.get(0)?,
                last_sign_in: row.get(1)?,
                failed_logins: row.get(2)?,
                locked_until: row.get(3)?,
            })
        })?;
        Ok(found.collect::<Result<_, _>>()?)
    }

    /// Unlocks an officer locked out by failed sign-ins (audited).
    pub fn unlock_officer(&mut self, by: i64, id: i64) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE officers SET failed_logins = 0, locked_until = NULL WHERE id = ?1",
            [id],
        )?;
        if changed == 0 {
            return Err(StoreError::Invalid("no such officer".into()));
        }
        audit::append(
            &tx,
            AuditEvent::new(AuditAction::OfficerUnlocked).by(by),
            Utc::now(),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A case's review, if any: the reviewer's id.
    pub fn review_of(&self, key: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT officer_id FROM supervisor_reviews WHERE case_key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()?)
    }
}

/// "HH:MM" of an RFC 3339 timestamp.
fn time_of(at: &str) -> String {
    at.get(11..16).unwrap_or_default().to_string()
}

/// What the audit viewer shows: every condition optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Entries by this officer.
    pub officer_id: Option<i64>,
    /// An action's code (`login_failed`, …).
    pub action: Option<String>,
    /// Entries on this registration.
    pub record: Option<super::RegistrationId>,
    /// Entries in these days.
    pub period: Option<Period>,
}

impl Store {
    /// The entries `filter` selects, newest first, at most `limit`.
    pub fn audit_filtered(
        &self,
        filter: &AuditFilter,
        limit: i64,
    ) -> Result<Vec<super::AuditEntry>, StoreError> {
        let (t_from, t_to) = filter
            .period
            .map(Period::instants)
            .unwrap_or_else(|| (String::new(), "9999".into()));
        let (registry, record) = match filter.record {
            Some(id) => (Some(audit::registry_code(id.registry)), Some(id.id)),
            None => (None, None),
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, officer_id, action, registry, record_id FROM audit_log
             WHERE (?1 IS NULL OR officer_id = ?1)
               AND (?2 IS NULL OR action = ?2)
               AND (?3 IS NULL OR (registry = ?3 AND record_id = ?4))
               AND at BETWEEN ?5 AND ?6
             ORDER BY id DESC LIMIT ?7",
        )?;
        let found = stmt.query_map(
            params![
                filter.officer_id,
                filter.action,
                registry,
                record,
                t_from,
                t_to,
                limit
            ],
            super::AuditEntry::from_row,
        )?;
        Ok(found.collect::<Result<_, _>>()?)
    }

    /// The entries `filter` selects as CSV (id, time, officer, action,
    /// registry, record: no personal data), the export itself audited in
    /// the same transaction as it is read.
    pub fn audit_csv(&mut self, by: i64, filter: &AuditFilter) -> Result<String, StoreError> {
        let entries = self.audit_filtered(filter, i64::MAX)?;
        let mut csv = String::from("id,at,officer_id,action,registry,record_id\n");
        for e in entries.iter().rev() {
            csv.push_str(&format!(
                "{},{},{},{},{},{}\n",
                e.id,
                e.at,
                e.officer_id.map(|o| o.to_string()).unwrap_or_default(),
                e.action,
                e.registry.clone().unwrap_or_default(),
                e.record_id.map(|r| r.to_string()).unwrap_or_default()
            ));
        }
        self.audit(AuditEvent::new(AuditAction::AuditExported).by(by))?;
        Ok(csv)
    }
}

impl Store {
    /// Fills a training database with `registrations` registrations' worth
    /// of figures (and decisions and refusals in proportion) spread over
    /// `days` days before `today` and `officers` officers, straight in SQL:
    /// the mirror the figures' benchmark reads. No personal data, no
    /// prints. Refused on a live database.
    #[doc(hidden)]
    pub fn mirror_figures(
        &mut self,
        registrations: u64,
        days: u32,
        officers: &[i64],
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        if self.mode() != super::Mode::Training || officers.is_empty() {
            return Err(StoreError::Invalid(
                "the figures' mirror is made in a training database only".into(),
            ));
        }
        let officer_list = officers
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let n = officers.len();
        let today = today.format("%Y-%m-%d").to_string();
        let tx = self.conn.transaction()?;
        tx.execute_batch(&format!(
            "CREATE TEMP TABLE mirror_officers (k INTEGER PRIMARY KEY, id INTEGER);
             INSERT INTO mirror_officers (k, id)
               SELECT key, value FROM json_each('[{officer_list}]');
             WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {registrations})
             INSERT INTO citizen_registrations (id, registered_on, basis_paragraph, basis_service,
                 officer_id, officer_surname, officer_name, created_at)
               SELECT i, date('{today}', '-' || (i * 7919 % {days}) || ' days'), '3.1',
                 '{{\"passport\":\"replacement\"}}',
                 (SELECT id FROM mirror_officers WHERE k = i % {n}), 'Mirror', 'Officer',
                 date('{today}', '-' || (i * 7919 % {days}) || ' days') || 'T10:00:00+00:00'
               FROM seq;
             INSERT INTO citizen_registration_facts
               SELECT id, registered_on, officer_id,
                 CASE WHEN id % 23 = 0 THEN 0 ELSE 10 - (id % 17 = 0) END,
                 CASE WHEN id % 23 = 0 THEN 4 ELSE 0 END,
                 (id % 17 = 0) + (id % 23 = 0) * 10,
                 id % 13 = 0,
                 id % 23 = 0,
                 0, 0, 0, id % 5, id % 3, 1, 2, 3, 2, 1
               FROM citizen_registrations;
             WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {registrations} / 30)
             INSERT INTO citizen_non_collections (outcome, grounds, evidence, data, surname_key,
                 name_key, birth_date, decided_on, officer_id, created_at)
               SELECT CASE WHEN i % 3 = 0 THEN 'not_subject' ELSE 'exempt' END, '[\"4.1\"]', '{{}}', '{{}}',
                 'mirror', 'mirror', '1990-01-01', date('{today}', '-' || (i * 7919 % {days}) || ' days'),
                 (SELECT id FROM mirror_officers WHERE k = i % {n}),
                 date('{today}', '-' || (i * 7919 % {days}) || ' days') || 'T11:00:00+00:00'
               FROM seq;
             WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {registrations} / 50)
             INSERT INTO citizen_refusals (data, surname_key, name_key, birth_date, refused_at, officer_id)
               SELECT '{{}}', 'mirror', 'mirror', '1990-01-01',
                 date('{today}', '-' || (i * 7919 % {days}) || ' days') || 'T12:00:00+00:00',
                 (SELECT id FROM mirror_officers WHERE k = i % {n})
               FROM seq;
             DROP TABLE mirror_officers;"
        ))?;
        tx.commit()?;
        Ok(())
    }
}
