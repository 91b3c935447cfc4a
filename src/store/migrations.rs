//! The schema as an append-only list of migrations, applied in one exclusive
//! transaction and checked against `PRAGMA user_version`.
//!
//! Never edit, reorder or delete a migration that has shipped: add a new one.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::StoreError;

/// Tables of one registry; `{r}` is `citizen` or `foreigner`.
const REGISTRY_TABLES: &str = r#"
CREATE TABLE {r}_registrations (
    id                  INTEGER PRIMARY KEY,
    registered_on       TEXT NOT NULL,
    basis_paragraph     TEXT NOT NULL,
    basis_service       TEXT NOT NULL,
    officer_id          INTEGER NOT NULL REFERENCES officers(id),
    officer_surname     TEXT NOT NULL,
    officer_name        TEXT NOT NULL,
    officer_patronymic  TEXT,
    created_at          TEXT NOT NULL
);

-- Personal data, one row per version: valid_to IS NULL is the current one,
-- the others are the archive of п.14. Never updated except to close valid_to.
CREATE TABLE {r}_personal_data (
    id                  INTEGER PRIMARY KEY,
    registration_id     INTEGER NOT NULL REFERENCES {r}_registrations(id),
    version             INTEGER NOT NULL,
    valid_from          TEXT NOT NULL,
    valid_to            TEXT,
    change_id           INTEGER REFERENCES {r}_changes(id),
    data                TEXT NOT NULL,     -- the п.7 fields as JSON (no images)
    photo               BLOB,
    photo_format        TEXT,
    signature           BLOB,
    signature_format    TEXT,
    surname_key         TEXT NOT NULL,
    name_key            TEXT NOT NULL,
    birth_date          TEXT NOT NULL,
    iin                 TEXT,
    document_key        TEXT,
    UNIQUE (registration_id, version)
);
CREATE INDEX {r}_personal_iin ON {r}_personal_data(iin) WHERE iin IS NOT NULL;
CREATE INDEX {r}_personal_document ON {r}_personal_data(document_key) WHERE document_key IS NOT NULL;
CREATE INDEX {r}_personal_name ON {r}_personal_data(surname_key, name_key, birth_date);

-- Biometric rows, grouped in sets: a re-fingerprinting archives the rows it
-- replaces (valid_to set) and adds a new set (п.13, п.14).
CREATE TABLE {r}_biometrics (
    id                  INTEGER PRIMARY KEY,
    registration_id     INTEGER NOT NULL REFERENCES {r}_registrations(id),
    set_version         INTEGER NOT NULL,
    valid_from          TEXT NOT NULL,
    valid_to            TEXT,
    position            INTEGER NOT NULL CHECK (position BETWEEN 1 AND 10 OR position BETWEEN 21 AND 24),
    impression          TEXT NOT NULL CHECK (impression IN ('flat', 'rolled', 'slap', 'palm')),
    image_png           BLOB,
    ppi                 INTEGER,
    template            BLOB,
    template_format     TEXT,
    quality             INTEGER CHECK (quality BETWEEN 0 AND 100),
    attempts            INTEGER NOT NULL DEFAULT 0,
    force_captured      INTEGER NOT NULL DEFAULT 0,
    exception           TEXT CHECK (exception IN ('amputated', 'no_papillary_pattern', 'injured', 'bandaged', 'unprintable_at_this_sitting')),
    exception_permanence TEXT CHECK (exception_permanence IN ('permanent', 'temporary', 'this_sitting')),
    device_id           TEXT,
    captured_at         TEXT,
    CHECK ((image_png IS NULL) <> (exception IS NULL))
);
CREATE INDEX {r}_biometrics_registration ON {r}_biometrics(registration_id, valid_to);

-- п.10: a factual impossibility, never an exemption.
CREATE TABLE {r}_defect_marks (
    id                  INTEGER PRIMARY KEY,
    registration_id     INTEGER NOT NULL REFERENCES {r}_registrations(id),
    fingers             INTEGER NOT NULL,
    palms               INTEGER NOT NULL,
    permanence          TEXT NOT NULL CHECK (permanence IN ('permanent', 'temporary')),
    recorded_at         TEXT NOT NULL,
    valid_to            TEXT
);
CREATE INDEX {r}_defect_marks_registration ON {r}_defect_marks(registration_id);

-- п.8, п.9.
CREATE TABLE {r}_representations (
    id                  INTEGER PRIMARY KEY,
    registration_id     INTEGER NOT NULL REFERENCES {r}_registrations(id),
    change_id           INTEGER REFERENCES {r}_changes(id),
    data                TEXT NOT NULL,     -- the representative as JSON (no scan)
    application_scan    BLOB,
    recorded_at         TEXT NOT NULL
);
CREATE INDEX {r}_representations_registration ON {r}_representations(registration_id);

-- п.11.
CREATE TABLE {r}_verifications (
    id                  INTEGER PRIMARY KEY,
    registration_id     INTEGER NOT NULL REFERENCES {r}_registrations(id),
    verified_at         TEXT NOT NULL,
    officer_id          INTEGER NOT NULL REFERENCES officers(id),
    positions           TEXT NOT NULL,     -- JSON array of position codes
    scores              TEXT NOT NULL,     -- JSON array, same order
    threshold           REAL NOT NULL,
    verified            INTEGER NOT NULL
);
CREATE INDEX {r}_verifications_registration ON {r}_verifications(registration_id);

-- п.12, п.13: who applied, why, when, and who did it.
CREATE TABLE {r}_changes (
    id                  INTEGER PRIMARY KEY,
    registration_id     INTEGER NOT NULL REFERENCES {r}_registrations(id),
    kind                TEXT NOT NULL CHECK (kind IN ('correction', 'refingerprinting')),
    applicant           TEXT NOT NULL CHECK (applicant IN ('person', 'legal_representative', 'guardian', 'erroneous_data_discovered')),
    reason              TEXT NOT NULL,
    applied_on          TEXT NOT NULL,
    officer_id          INTEGER NOT NULL REFERENCES officers(id),
    changed_at          TEXT NOT NULL
);
CREATE INDEX {r}_changes_registration ON {r}_changes(registration_id);

-- п.4 exemptions and п.3 "not subject" decisions: no registration, no prints.
CREATE TABLE {r}_non_collections (
    id                  INTEGER PRIMARY KEY,
    outcome             TEXT NOT NULL CHECK (outcome IN ('exempt', 'not_subject')),
    grounds             TEXT NOT NULL,     -- JSON array of paragraphs
    evidence            TEXT NOT NULL,     -- JSON: medical conclusion, category, passport, courier sheet…
    data                TEXT NOT NULL,     -- JSON: the person's identifying data
    surname_key         TEXT NOT NULL,
    name_key            TEXT NOT NULL,
    birth_date          TEXT NOT NULL,
    decided_on          TEXT NOT NULL,
    officer_id          INTEGER NOT NULL REFERENCES officers(id),
    created_at          TEXT NOT NULL
);
CREATE INDEX {r}_non_collections_name ON {r}_non_collections(surname_key, name_key, birth_date);

-- Marks of a previous registration known from elsewhere (imported), so that
-- п.11 applies to people registered before at another mission.
CREATE TABLE {r}_registration_marks (
    id                  INTEGER PRIMARY KEY,
    surname             TEXT NOT NULL,
    name                TEXT NOT NULL,
    surname_key         TEXT NOT NULL,
    name_key            TEXT NOT NULL,
    birth_date          TEXT NOT NULL,
    iin                 TEXT,
    document_key        TEXT,
    registered_on       TEXT NOT NULL,
    source              TEXT NOT NULL,
    imported_at         TEXT NOT NULL
);
CREATE INDEX {r}_marks_iin ON {r}_registration_marks(iin) WHERE iin IS NOT NULL;
CREATE INDEX {r}_marks_document ON {r}_registration_marks(document_key) WHERE document_key IS NOT NULL;
CREATE INDEX {r}_marks_name ON {r}_registration_marks(surname_key, name_key, birth_date);
"#;

const COMMON_TABLES: &str = r#"
CREATE TABLE meta (
    key                 TEXT PRIMARY KEY,
    value               TEXT NOT NULL
);

CREATE TABLE officers (
    id                  INTEGER PRIMARY KEY,
    surname             TEXT NOT NULL,
    name                TEXT NOT NULL,
    patronymic          TEXT,
    login               TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash       TEXT NOT NULL,
    role                TEXT NOT NULL CHECK (role IN ('officer', 'supervisor')),
    active              INTEGER NOT NULL DEFAULT 1,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        TEXT,
    created_at          TEXT NOT NULL
);

-- п.5: a citizen's refusal, with what identifies him.
CREATE TABLE citizen_refusals (
    id                  INTEGER PRIMARY KEY,
    data                TEXT NOT NULL,     -- JSON: name, birth date, IIN, document
    surname_key         TEXT NOT NULL,
    name_key            TEXT NOT NULL,
    birth_date          TEXT NOT NULL,
    iin                 TEXT,
    refused_at          TEXT NOT NULL,
    officer_id          INTEGER NOT NULL REFERENCES officers(id)
);
CREATE INDEX citizen_refusals_name ON citizen_refusals(surname_key, name_key, birth_date);

-- Append-only, hash-chained; no personal data.
CREATE TABLE audit_log (
    id                  INTEGER PRIMARY KEY,
    at                  TEXT NOT NULL,
    officer_id          INTEGER,
    action              TEXT NOT NULL,
    registry            TEXT,
    record_id           INTEGER,
    prev_hash           BLOB NOT NULL,
    hash                BLOB NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"#;

/// Migration 1: the whole first schema.
fn migration_1() -> String {
    let mut sql = String::from(COMMON_TABLES);
    for registry in ["citizen", "foreigner"] {
        sql.push_str(&REGISTRY_TABLES.replace("{r}", registry));
    }
    sql
}

/// Migration 2: the reason a finger was force-captured (the capture desk),
/// and the identity document of a representative or guardian who applied
/// for a change (п.12).
fn migration_2() -> String {
    ["citizen", "foreigner"]
        .iter()
        .map(|r| {
            format!(
                "ALTER TABLE {r}_biometrics ADD COLUMN force_reason TEXT;\n\
                 ALTER TABLE {r}_changes ADD COLUMN applicant_document TEXT;\n"
            )
        })
        .collect()
}

/// Migration 3: identity verification (п.11) by fingers, palms or — where
/// the previous record holds no print to compare — by the documents the
/// officer saw; against a registration held here or an imported mark of one
/// made elsewhere. SQLite cannot relax a NOT NULL, so the table is rebuilt
/// and every earlier verification is kept (they were all by fingers).
/// Imported marks may carry the person's finger templates, so that a
/// person registered elsewhere is verified by fingers too.
fn migration_3() -> String {
    ["citizen", "foreigner"]
        .iter()
        .map(|r| {
            format!(
                "CREATE TABLE {r}_verifications_v3 (
                    id                  INTEGER PRIMARY KEY,
                    registration_id     INTEGER REFERENCES {r}_registrations(id),
                    mark_id             INTEGER REFERENCES {r}_registration_marks(id),
                    method              TEXT NOT NULL CHECK (method IN ('fingers', 'palms', 'documents')),
                    verified_at         TEXT NOT NULL,
                    officer_id          INTEGER NOT NULL REFERENCES officers(id),
                    positions           TEXT NOT NULL,
                    scores              TEXT NOT NULL,
                    threshold           REAL NOT NULL,
                    verified            INTEGER NOT NULL,
                    document            TEXT,
                    CHECK ((registration_id IS NULL) <> (mark_id IS NULL)),
                    CHECK (method <> 'documents' OR document IS NOT NULL)
                );
                INSERT INTO {r}_verifications_v3 (id, registration_id, method, verified_at, officer_id,
                    positions, scores, threshold, verified)
                  SELECT id, registration_id, 'fingers', verified_at, officer_id, positions, scores,
                    threshold, verified FROM {r}_verifications;
                DROP TABLE {r}_verifications;
                ALTER TABLE {r}_verifications_v3 RENAME TO {r}_verifications;
                CREATE INDEX {r}_verifications_registration ON {r}_verifications(registration_id);
                CREATE INDEX {r}_verifications_mark ON {r}_verifications(mark_id);
                CREATE TABLE {r}_mark_templates (
                    id                  INTEGER PRIMARY KEY,
                    mark_id             INTEGER NOT NULL REFERENCES {r}_registration_marks(id),
                    position            INTEGER NOT NULL CHECK (position BETWEEN 1 AND 10),
                    template            BLOB NOT NULL,
                    template_format     TEXT NOT NULL,
                    UNIQUE (mark_id, position)
                );
"
            )
        })
        .collect()
}

/// Migration 4, in SQL: the audit entries' content hash (the record state
/// an entry records).
fn migration_4() -> String {
    "ALTER TABLE audit_log ADD COLUMN content BLOB;\n".to_string()
}

/// Migration 4, in code: the keys made at random — the audit chain's key,
/// the mission's Ed25519 signing key, the database's own id — the first
/// entry the keyed chain covers (the entries before stay as they were
/// written, verified with the plain hash), and an entry binding the state
/// of every record already held.
fn migration_4_keys(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let next: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM audit_log", [], |r| {
        r.get(0)
    })?;
    for (key, bytes) in [
        ("audit_chain_key", 32usize),
        ("mission_signing_key", 32),
        ("database_id", 16),
    ] {
        let mut random = vec![0u8; bytes];
        getrandom::fill(&mut random)
            .map_err(|e| StoreError::Invalid(format!("no randomness: {e}")))?;
        tx.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)",
            [key.to_string(), super::audit::hex(&random)],
        )?;
    }
    tx.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('audit_keyed_from', ?1)",
        [next.to_string()],
    )?;
    // Every record already held is bound as it is now: from here on, a
    // record no entry binds was written outside the program.
    super::content::seal_all(tx)
}

/// Migration 6: the central id of an imported mark.
fn migration_6() -> String {
    ["citizen", "foreigner"]
        .iter()
        .map(|r| {
            format!(
                "ALTER TABLE {r}_registration_marks ADD COLUMN central_id TEXT;\n\
                 CREATE UNIQUE INDEX {r}_registration_marks_central ON {r}_registration_marks(central_id);\n"
            )
        })
        .collect()
}

/// Migration 7: retention. A print's image, once delivered to the registry
/// and kept there long enough, is purged while its template stays; the
/// row then says when. SQLite cannot change a CHECK, so the table of prints
/// is rebuilt with every row kept. The photo and the registration record
/// the purge too.
fn migration_7() -> String {
    const COLUMNS: &str = "id, registration_id, set_version, valid_from, valid_to, position, \
        impression, image_png, ppi, template, template_format, quality, attempts, force_captured, \
        exception, exception_permanence, device_id, captured_at, force_reason";
    ["citizen", "foreigner"]
        .iter()
        .map(|r| {
            format!(
                "CREATE TABLE {r}_biometrics_v7 (
                    id                  INTEGER PRIMARY KEY,
                    registration_id     INTEGER NOT NULL REFERENCES {r}_registrations(id),
                    set_version         INTEGER NOT NULL,
                    valid_from          TEXT NOT NULL,
                    valid_to            TEXT,
                    position            INTEGER NOT NULL CHECK (position BETWEEN 1 AND 10 OR position BETWEEN 21 AND 24),
                    impression          TEXT NOT NULL CHECK (impression IN ('flat', 'rolled', 'slap', 'palm')),
                    image_png           BLOB,
                    ppi                 INTEGER,
                    template            BLOB,
                    template_format     TEXT,
                    quality             INTEGER CHECK (quality BETWEEN 0 AND 100),
                    attempts            INTEGER NOT NULL DEFAULT 0,
                    force_captured      INTEGER NOT NULL DEFAULT 0,
                    exception           TEXT CHECK (exception IN ('amputated', 'no_papillary_pattern', 'injured', 'bandaged', 'unprintable_at_this_sitting')),
                    exception_permanence TEXT CHECK (exception_permanence IN ('permanent', 'temporary', 'this_sitting')),
                    device_id           TEXT,
                    captured_at         TEXT,
                    force_reason        TEXT,
                    image_purged_at     TEXT,
                    -- A print holds its image until it is purged; an
                    -- exception never has one.
                    CHECK (image_png IS NULL OR image_purged_at IS NULL),
                    CHECK ((exception IS NULL) = (image_png IS NOT NULL OR image_purged_at IS NOT NULL))
                );
                INSERT INTO {r}_biometrics_v7 ({COLUMNS}) SELECT {COLUMNS} FROM {r}_biometrics;
                DROP TABLE {r}_biometrics;
                ALTER TABLE {r}_biometrics_v7 RENAME TO {r}_biometrics;
                CREATE INDEX {r}_biometrics_registration ON {r}_biometrics(registration_id, valid_to);
                ALTER TABLE {r}_personal_data ADD COLUMN photo_purged_at TEXT;
                ALTER TABLE {r}_registrations ADD COLUMN images_purged_at TEXT;
"
            )
        })
        .chain(std::iter::once(
            // What the purge asks of the outbox: a record's items.
            "CREATE INDEX outbox_record ON outbox(registry, record_id, kind);\n\
             CREATE INDEX outbox_answered ON outbox(answered_at);\n"
                .to_string(),
        ))
        .collect()
}

/// A migration's code step.
type MigrationCode = fn(&Transaction<'_>) -> Result<(), StoreError>;

/// One step of the schema: SQL, then (optionally) code in the same
/// transaction.
struct Migration {
    sql: String,
    code: Option<MigrationCode>,
}

/// The migrations, in order. Index i brings the schema from version i to i+1.
/// Append only: never reorder or edit one that has shipped.
fn migrations() -> Vec<Migration> {
    vec![
        Migration {
            sql: migration_1(),
            code: None,
        },
        Migration {
            sql: migration_2(),
            code: None,
        },
        Migration {
            sql: migration_3(),
            code: None,
        },
        Migration {
            sql: migration_4(),
            code: Some(migration_4_keys),
        },
        // Migration 5: the outbox, and everything already held queued once
        // (none of it ever reached the registries).
        Migration {
            sql: super::outbox::SCHEMA.to_string(),
            code: Some(super::outbox::queue_existing),
        },
        // Migration 6: the central system's id of an imported mark, so that
        // a mark sent again is recognised (a duplicate, or an update).
        Migration {
            sql: migration_6(),
            code: None,
        },
        Migration {
            sql: migration_7(),
            code: None,
        },
        // Migration 8: the supervisor's figures (each registration's facts,
        // back-filled), the reviews of the day's cases, their indexes.
        Migration {
            sql: super::stats::migration_8(),
            code: None,
        },
    ]
}

/// The schema version this code writes and reads.
pub fn latest_version() -> i64 {
    migrations().len() as i64
}

/// The schema version of an open database.
pub fn version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Brings the schema up to date in one exclusive transaction: every step
/// or none (a failed step leaves the file as it was). A database newer
/// than the code is refused before anything is touched; one already up to
/// date is not written to at all.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, latest_version())
}

/// Brings the schema to `target` (at most the latest), as [`migrate`]
/// does. Only the tests of upgrades stop short of the latest.
pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    let latest = latest_version();
    let current = version(conn)?;
    if current > latest {
        return Err(StoreError::NewerSchema {
            found: current,
            supported: latest,
        });
    }
    let target = target.min(latest);
    if current >= target {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Read again under the lock: another process may have migrated it.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let from = usize::try_from(version).unwrap_or(0);
    let to = usize::try_from(target).unwrap_or(0);
    for migration in migrations().iter().take(to).skip(from) {
        tx.execute_batch(&migration.sql)?;
        if let Some(code) = migration.code {
            code(&tx)?;
        }
    }
    if version < target {
        tx.pragma_update(None, "user_version", target)?;
    }
    tx.commit()?;
    Ok(())
}
