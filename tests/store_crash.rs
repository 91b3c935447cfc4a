//! Crash tests: a child process repeats one operation — saving a
//! registration, `db init`, a backup, a correction, a re-fingerprinting —
//! and is killed with SIGKILL at varying moments. The child prints `begin
//! N` before each operation and `committed N` after it: a kill after a
//! `begin` without its `committed` landed inside the operation, and each
//! test counts those kills and requires most of them to have landed there.
//! Afterwards nothing is half-made: the database passes its checks (the
//! file, the audit chain, every record against its entry), every
//! operation reported committed is there, and what a killed `db init` or
//! backup left is either whole or recognised as incomplete.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use beder::model::{
    ChangeApplicant, ChangeRequest, ExceptionReason, FingerPosition, PersonalData, Registry,
};
use beder::store::{KdfParams, Mode, OnDisk, RegistrationId, Store, StoreError};
use common::*;

const DIR_VAR: &str = "BEDER_CRASH_DIR";
const OFFICER_VAR: &str = "BEDER_CRASH_OFFICER";
const OP_VAR: &str = "BEDER_CRASH_OP";
const TARGET_VAR: &str = "BEDER_CRASH_TARGET";

fn say(text: String) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}

fn request(reason: String) -> ChangeRequest {
    ChangeRequest {
        applicant: ChangeApplicant::Person,
        reason,
        on: d("2026-11-27"),
        applicant_document: None,
    }
}

/// The child: runs only when the parent sets `BEDER_CRASH_DIR`.
#[test]
#[ignore = "the child process of the crash tests"]
#[expect(
    clippy::too_many_lines,
    reason = "the child's writes, one after another, that the parent kills at a random point"
)]
fn crash_child() {
    let (Ok(dir), Ok(officer), Ok(op)) = (
        std::env::var(DIR_VAR),
        std::env::var(OFFICER_VAR),
        std::env::var(OP_VAR),
    ) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let officer: i64 = ok(officer.parse());
    let target: i64 = std::env::var(TARGET_VAR)
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let target = RegistrationId {
        registry: Registry::Citizen,
        id: target,
    };
    // Each child numbers its operations from its process id, so that two
    // children never reuse a name.
    let base = u64::from(std::process::id()) * 100_000;
    if op == "init" {
        for n in base.. {
            let at = dir.join(format!("init-{n}"));
            say(format!("begin {n}"));
            ok(Store::create(
                &at,
                Mode::Live,
                PASSPHRASE,
                KdfParams::insecure_fast_for_tests(),
            ));
            say(format!("committed {n}"));
        }
    }
    let mut store = ok(Store::open(&dir, Mode::Live, PASSPHRASE));
    for n in base.. {
        say(format!("begin {n}"));
        match op.as_str() {
            "save" => {
                let mut registration = citizen_registration();
                if let PersonalData::Citizen(c) = &mut registration.personal {
                    c.name.surname = format!("Crash{n}");
                    c.iin = None;
                }
                // Vary the size of the transaction, so kills land at
                // varied points.
                for (i, row) in registration.biometrics.iter_mut().enumerate() {
                    if let Some(capture) = row.capture.as_mut() {
                        capture.png = Some(image_bytes(
                            i as u8,
                            4_000 + (n as usize * 7919 + i * 1543) % 60_000,
                        ));
                    }
                }
                let id = ok(store.save_registration(officer, &registration));
                say(format!("committed {n} {} Crash{n}", id.id));
            }
            "backup" => {
                let to = dir.join("backups").join(format!("b-{n}.db"));
                ok(store.backup_to(&to, Some(officer)));
                say(format!("committed {n}"));
            }
            "correction" => {
                let mut personal = ok(store.load_registration(officer, target)).personal;
                if let PersonalData::Citizen(c) = &mut personal {
                    c.name.name = format!("Fix{n}");
                }
                ok(store.correct_personal_data(
                    officer,
                    target,
                    &personal,
                    &request(format!("correction {n}")),
                ));
                say(format!("committed {n} Fix{n}"));
            }
            "refingerprint" => {
                let mut set = ten_fingers(&[]);
                for (i, row) in set.iter_mut().enumerate() {
                    if let Some(capture) = row.capture.as_mut() {
                        capture.png = Some(image_bytes(
                            (n % 200) as u8 + i as u8,
                            3_000 + (n as usize * 613 + i * 211) % 30_000,
                        ));
                    }
                }
                ok(store.refingerprint(
                    officer,
                    target,
                    &set,
                    None,
                    &request(format!("re-fingerprinting {n}")),
                ));
                say(format!("committed {n}"));
            }
            "export" => {
                // A registration to send, then the export that is killed.
                ok(store.save_registration(officer, &citizen_with_images()));
                let sent = ok(beder::transfer::export(
                    &mut store,
                    &dir.join("stick"),
                    None,
                    false,
                    chrono::Utc::now(),
                ));
                say(format!("committed {n} {}", sent.len()));
            }
            "purge" => {
                // A registration, sent and acknowledged, then purged
                // (a retention of 0 days: at once).
                let id = ok(store.save_registration(officer, &citizen_registration()));
                let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
                let items = ok(store.outbox(Some(beder::store::OutboxState::Queued)));
                let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
                ok(store.mark_exported(&ids, "P-CRASH", &at));
                let answers: Vec<(String, bool, Option<String>)> =
                    items.iter().map(|i| (i.tcn.clone(), true, None)).collect();
                ok(store.apply_answers(&answers, &at));
                let purged = ok(store.purge_delivered_images(0, chrono::Utc::now(), Some(officer)));
                say(format!("committed {n} {} {}", id.id, purged.registrations));
            }
            other => panic!("unknown operation {other}"),
        }
    }
}

/// What the kills of one test did.
#[derive(Debug, Default)]
struct Kills {
    rounds: usize,
    /// Kills after a `begin` whose `committed` never came.
    inside: usize,
    /// Every `committed` line, as printed.
    committed: Vec<String>,
}

/// Runs the child `rounds` times on `op`, killing it after a varying number
/// of committed operations (0–6).
fn kill_repeatedly(dir: &Path, officer: i64, op: &str, target: i64, rounds: usize) -> Kills {
    let exe = ok(std::env::current_exe());
    let mut kills = Kills::default();
    let mut state = 0x9e37_79b9_u32 ^ op.len() as u32;
    for _ in 0..rounds {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let wait_for = (state % 7) as usize;
        let mut child = ok(Command::new(&exe)
            .args([
                "--exact",
                "crash_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DIR_VAR, dir)
            .env(OFFICER_VAR, officer.to_string())
            .env(OP_VAR, op)
            .env(TARGET_VAR, target.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn());
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut lines = BufReader::new(stdout).lines();
        let mut seen = 0;
        let mut last = String::new();
        // Kill once `wait_for` operations committed and the next began.
        while let Some(Ok(line)) = lines.next() {
            if line.starts_with("committed ") {
                seen += 1;
                kills.committed.push(line.clone());
            }
            let began = line.starts_with("begin ");
            last = line;
            if began && seen >= wait_for {
                break;
            }
        }
        ok(child.kill()); // SIGKILL
        ok(child.wait());
        // Lines printed before the kill landed.
        for line in lines.map_while(Result::ok) {
            if line.starts_with("committed ") {
                kills.committed.push(line.clone());
            }
            last = line;
        }
        if last.starts_with("begin ") {
            kills.inside += 1;
        }
        kills.rounds += 1;
    }
    eprintln!(
        "crash test {op}: {} kills, {} inside an operation, {} operations committed",
        kills.rounds,
        kills.inside,
        kills.committed.len()
    );
    assert!(
        kills.inside * 2 >= kills.rounds,
        "{op}: only {} of {} kills landed inside an operation",
        kills.inside,
        kills.rounds
    );
    kills
}

/// The database after the kills: it opens, and `db check` finds nothing
/// wrong — the file, the chain, every record against its entry.
fn healthy(dir: &Path) -> Store {
    let store = ok(Store::open(dir, Mode::Live, PASSPHRASE));
    let report = ok(store.check());
    assert!(report.healthy(), "{report:?}");
    store
}

#[test]
fn killed_writers_never_leave_a_half_registration() {
    let f = fixture(Mode::Live);
    let officer = f.officer;
    drop(f.store);
    let kills = kill_repeatedly(f.dir.path(), officer, "save", 0, 40);
    let mut store = healthy(f.dir.path());
    for line in &kills.committed {
        let mut parts = line.split_whitespace().skip(2);
        let id: i64 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(-1);
        let surname = parts.next().unwrap_or_default().to_string();
        let registration = ok(store.load_registration(
            officer,
            RegistrationId {
                registry: Registry::Citizen,
                id,
            },
        ));
        assert_eq!(registration.personal.name().surname, surname);
        assert_eq!(registration.biometrics.len(), 10, "registration {id}");
        assert_eq!(
            registration
                .biometrics
                .iter()
                .filter(|b| b.capture.is_some())
                .count(),
            9
        );
    }
    // No registration without all its parts, reported or not.
    let conn = store.raw_connection();
    let half: i64 = ok(conn.query_row(
        "SELECT count(*) FROM citizen_registrations r
         WHERE (SELECT count(*) FROM citizen_personal_data p WHERE p.registration_id = r.id) != 1
            OR (SELECT count(*) FROM citizen_biometrics b WHERE b.registration_id = r.id) != 10",
        [],
        |r| r.get(0),
    ));
    assert_eq!(half, 0);
    let created: i64 = ok(conn.query_row(
        "SELECT count(*) FROM audit_log WHERE action = 'record_created'",
        [],
        |r| r.get(0),
    ));
    let registrations: i64 = ok(conn.query_row(
        "SELECT count(*) FROM citizen_registrations",
        [],
        |r| r.get(0),
    ));
    assert_eq!(created, registrations, "one audit entry per registration");
    // And one outbox item per registration: none lost, none twice.
    let queued: i64 = ok(conn.query_row(
        "SELECT count(DISTINCT record_id) FROM outbox WHERE kind = 'registration' AND registry = 'citizen'
         HAVING count(*) = count(DISTINCT record_id)",
        [],
        |r| r.get(0),
    ));
    assert_eq!(queued, registrations, "one outbox item per registration");
    assert!(registrations >= kills.committed.len() as i64);
}

#[test]
fn a_killed_db_init_leaves_a_whole_database_or_one_init_can_replace() {
    let root = ok(tempfile::tempdir());
    let kills = kill_repeatedly(root.path(), 0, "init", 0, 20);
    let mut whole = 0;
    let mut incomplete = 0;
    for entry in ok(std::fs::read_dir(root.path())) {
        let dir = ok(entry).path();
        match Store::on_disk(&dir, Mode::Live) {
            OnDisk::Present => {
                whole += 1;
                drop(healthy(&dir));
            }
            OnDisk::Incomplete(_) => {
                incomplete += 1;
                // Reported as such, never "already exists" or "other mode"…
                assert!(matches!(
                    Store::open(&dir, Mode::Live, PASSPHRASE),
                    Err(StoreError::Incomplete(_))
                ));
                assert!(matches!(
                    Store::create(
                        &dir,
                        Mode::Live,
                        PASSPHRASE,
                        KdfParams::insecure_fast_for_tests()
                    ),
                    Err(StoreError::Incomplete(_))
                ));
                // …and replaced on request, the replacement recorded.
                let store = ok(Store::create_replacing_incomplete(
                    &dir,
                    Mode::Live,
                    PASSPHRASE,
                    KdfParams::insecure_fast_for_tests(),
                ));
                let actions: Vec<String> = ok(store.audit_entries(10))
                    .into_iter()
                    .map(|e| e.action)
                    .collect();
                assert!(actions.contains(&"incomplete_database_replaced".to_string()));
                drop(store);
                drop(healthy(&dir));
            }
            OnDisk::Absent => {}
        }
    }
    eprintln!("db init: {whole} whole, {incomplete} incomplete after the kills");
    assert!(whole >= kills.committed.len());
}

#[test]
fn a_killed_backup_is_whole_and_audited_or_absent() {
    let f = fixture(Mode::Live);
    let officer = f.officer;
    let mut store = f.store;
    ok(store.save_registration(officer, &citizen_registration()));
    drop(store);
    ok(std::fs::create_dir_all(f.dir.path().join("backups")));
    let kills = kill_repeatedly(f.dir.path(), officer, "backup", 0, 16);
    let store = healthy(f.dir.path());
    let audited: i64 = ok(store.raw_connection().query_row(
        "SELECT count(*) FROM audit_log WHERE action = 'backup_made'",
        [],
        |r| r.get(0),
    ));
    let backups = f.dir.path().join("backups");
    let mut whole = 0;
    for entry in ok(std::fs::read_dir(&backups)) {
        let path = ok(entry).path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(name) = name else { continue };
        if !name.ends_with(".db") {
            continue;
        }
        // Every backup at its own name opens, with its key, and is healthy;
        // the copy passes through its own signed checkpoint.
        whole += 1;
        let copy = ok(tempfile::tempdir());
        for (from, to) in [
            (path.clone(), "beder.db"),
            (beder::store::key_file_path(&path), "beder.db.key"),
        ] {
            ok(std::fs::copy(&from, copy.path().join(to)));
        }
        let restored = healthy(copy.path());
        let checkpoint = ok(beder::store::Checkpoint::read(
            &beder::store::checkpoint_path(&path),
        ));
        assert!(ok(restored.verify_audit_against(&[checkpoint])).intact());
    }
    assert_eq!(
        whole as i64, audited,
        "a backup is audited exactly when whole"
    );
    assert!(whole >= kills.committed.len());
}

#[test]
fn a_killed_correction_or_refingerprinting_leaves_one_current_version() {
    let f = fixture(Mode::Live);
    let officer = f.officer;
    let mut store = f.store;
    let id = ok(store.save_registration(officer, &citizen_registration()));
    drop(store);
    let corrections = kill_repeatedly(f.dir.path(), officer, "correction", id.id, 12);
    let refingerprints = kill_repeatedly(f.dir.path(), officer, "refingerprint", id.id, 12);
    let mut store = healthy(f.dir.path());
    let registration = ok(store.load_registration(officer, id));
    let conn = store.raw_connection();
    let count = |sql: &str| -> i64 { ok(conn.query_row(sql, [id.id], |r| r.get(0))) };
    assert_eq!(
        count(
            "SELECT count(*) FROM citizen_personal_data WHERE registration_id = ?1 AND valid_to IS NULL"
        ),
        1
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM citizen_biometrics WHERE registration_id = ?1 AND valid_to IS NULL"
        ),
        10
    );
    // One outbox item per committed change, none for a killed one.
    assert_eq!(
        count("SELECT count(*) FROM outbox WHERE kind = 'correction' AND record_id = ?1") + 1,
        count("SELECT max(version) FROM citizen_personal_data WHERE registration_id = ?1")
    );
    assert_eq!(
        count("SELECT count(*) FROM outbox WHERE kind = 'refingerprinting' AND record_id = ?1") + 1,
        count("SELECT max(set_version) FROM citizen_biometrics WHERE registration_id = ?1")
    );
    // Every version before the current one was closed when the next began.
    assert_eq!(
        count(
            "SELECT count(*) FROM citizen_personal_data WHERE registration_id = ?1 AND valid_to IS NOT NULL"
        ) + 1,
        count("SELECT max(version) FROM citizen_personal_data WHERE registration_id = ?1")
    );
    if let Some(last) = corrections.committed.last() {
        let name = last.split_whitespace().nth(2).unwrap_or_default();
        // The last committed correction, or one after it that committed
        // before the kill could report it.
        let current = registration.personal.name().name.clone();
        assert!(current.starts_with("Fix"));
        let number = |s: &str| s.trim_start_matches("Fix").parse::<u64>().unwrap_or(0);
        assert!(number(&current) >= number(name));
    }
    // Each committed re-fingerprinting made a whole new set: ten fingers,
    // all captured (the set replaced has one amputated finger).
    let sets = count("SELECT max(set_version) FROM citizen_biometrics WHERE registration_id = ?1");
    assert!(sets > refingerprints.committed.len() as i64);
    if !refingerprints.committed.is_empty() {
        assert!(
            registration
                .biometrics
                .iter()
                .all(|b| b.capture.is_some() && b.exception.is_none())
        );
    } else {
        assert_eq!(
            registration
                .biometrics
                .iter()
                .filter(|b| b.exception == Some(ExceptionReason::Amputated)
                    && b.position == beder::model::Position::Finger(FingerPosition::LeftRing))
                .count(),
            1
        );
    }
}

/// An export killed at any point leaves every item queued, or exported in
/// a package that is on the medium whole; a package written whose items
/// were not marked yet carries the same TCNs as the next one.
#[test]
fn a_killed_export_leaves_every_item_queued_or_exported_whole() {
    let mut f = fixture(Mode::Live);
    let (secret, recipient) = beder::transfer::package::generate_central_key();
    ok(f.store.save_settings(
        Some(f.officer),
        &[
            ("mission_code", "KZ-CRASH".to_string()),
            (beder::transfer::CENTRAL_RECIPIENT_SETTING, recipient),
        ],
    ));
    let officer = f.officer;
    drop(f.store);
    ok(std::fs::create_dir_all(f.dir.path().join("stick")));
    let kills = kill_repeatedly(f.dir.path(), officer, "export", 0, 16);
    let store = healthy(f.dir.path());
    let identity = ok(beder::transfer::package::parse_identity(&secret));
    // Every package on the medium opens whole; collect what each carries.
    let mut carried: std::collections::HashMap<String, Vec<String>> = Default::default();
    for entry in ok(std::fs::read_dir(f.dir.path().join("stick"))).flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "bdrpkg") {
            continue;
        }
        let opened = ok(beder::transfer::package::open(
            &ok(std::fs::read(&path)),
            &identity,
            None,
        ));
        let tcns = opened
            .manifest
            .items
            .iter()
            .map(|i| i.tcn.clone())
            .collect();
        carried.insert(opened.manifest.header.package.clone(), tcns);
    }
    let items = ok(store.outbox(None));
    let registrations: i64 = ok(store.raw_connection().query_row(
        "SELECT count(*) FROM citizen_registrations",
        [],
        |r| r.get(0),
    ));
    assert_eq!(
        items.len() as i64,
        registrations,
        "one item per registration"
    );
    for item in &items {
        match item.state {
            beder::store::OutboxState::Queued => {}
            beder::store::OutboxState::Exported => {
                let package = item.package.clone().unwrap_or_default();
                let tcns = carried.get(&package).unwrap_or_else(|| {
                    panic!("{}: its package {package} is not on the medium", item.tcn)
                });
                assert!(tcns.contains(&item.tcn), "{} is in its package", item.tcn);
            }
            other => panic!("{}: {other:?} after an export", item.tcn),
        }
    }
    assert!(
        !kills.committed.is_empty()
            || items
                .iter()
                .any(|i| i.state == beder::store::OutboxState::Queued)
    );
}

#[test]
fn a_killed_purge_leaves_a_record_whole_or_purged_and_audited() {
    let f = fixture(Mode::Live);
    let officer = f.officer;
    drop(f.store);
    let kills = kill_repeatedly(f.dir.path(), officer, "purge", 0, 16);
    let store = healthy(f.dir.path());
    let conn = store.raw_connection();
    let count = |sql: &str| -> i64 { ok(conn.query_row(sql, [], |r| r.get(0))) };
    // A registration is whole (every image, no mark) or purged (no image,
    // every print marked, the registration marked), never half.
    let half = count(
        "SELECT count(*) FROM citizen_registrations g WHERE
           (g.images_purged_at IS NULL AND EXISTS (SELECT 1 FROM citizen_biometrics b
              WHERE b.registration_id = g.id AND b.image_purged_at IS NOT NULL))
        OR (g.images_purged_at IS NOT NULL AND EXISTS (SELECT 1 FROM citizen_biometrics b
              WHERE b.registration_id = g.id AND b.image_png IS NOT NULL))",
    );
    assert_eq!(half, 0, "a half-purged registration");
    let purged =
        count("SELECT count(*) FROM citizen_registrations WHERE images_purged_at IS NOT NULL");
    let audited = count("SELECT count(*) FROM audit_log WHERE action = 'images_purged'");
    assert_eq!(purged, audited, "every purge audited, none twice");
    // Everything acknowledged is purged by the next purge, killed or not.
    drop(store);
    let mut store = ok(Store::open(f.dir.path(), Mode::Live, PASSPHRASE));
    ok(store.purge_delivered_images(0, chrono::Utc::now(), None));
    let conn = store.raw_connection();
    let left: i64 = ok(conn.query_row(
        "SELECT count(*) FROM citizen_registrations g WHERE g.images_purged_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = g.id
                             AND o.state <> 'acknowledged')",
        [],
        |r| r.get(0),
    ));
    assert_eq!(left, 0, "an acknowledged registration the purge missed");
    assert!(purged > 0 || kills.committed.is_empty());
}
