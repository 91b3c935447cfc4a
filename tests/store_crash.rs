//! Crash test: a child process saves registrations in a loop and is killed
//! with SIGKILL at varying moments, 50 times. Afterwards the database passes
//! `integrity_check`, and every registration the child reported as committed
//! is there and complete; no registration is half-written.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use beder::model::{PersonalData, Registry};
use beder::store::{Mode, RegistrationId, Store};
use common::*;

const DIR_VAR: &str = "BEDER_CRASH_DIR";
const OFFICER_VAR: &str = "BEDER_CRASH_OFFICER";

/// The child: runs only when the parent sets `BEDER_CRASH_DIR`.
#[test]
#[ignore = "the child process of killed_writers_never_leave_a_half_registration"]
fn crash_child_writer() {
    let (Ok(dir), Ok(officer)) = (std::env::var(DIR_VAR), std::env::var(OFFICER_VAR)) else {
        return;
    };
    let officer: i64 = ok(officer.parse());
    let mut store = ok(Store::open(
        std::path::Path::new(&dir),
        Mode::Live,
        PASSPHRASE,
    ));
    for sequence in 0u32.. {
        let mut registration = citizen_registration();
        if let PersonalData::Citizen(c) = &mut registration.personal {
            c.name.surname = format!("Crash{sequence}");
            c.iin = None;
        }
        // Vary the size of the transaction, so kills land at varied points.
        for (i, row) in registration.biometrics.iter_mut().enumerate() {
            if let Some(capture) = row.capture.as_mut() {
                capture.png = image_bytes(
                    i as u8,
                    4_000 + (sequence as usize * 7919 + i * 1543) % 60_000,
                );
            }
        }
        let id = ok(store.save_registration(officer, &registration));
        println!("committed {} Crash{sequence}", id.id);
    }
}

#[test]
fn killed_writers_never_leave_a_half_registration() {
    let f = fixture(Mode::Live);
    let officer = f.officer;
    drop(f.store);
    let exe = ok(std::env::current_exe());
    let mut committed: Vec<(i64, String)> = Vec::new();
    let mut state = 0x9e37_79b9_u32;
    for round in 0..50 {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let wait_for = (state % 7) as usize; // commits to see before the kill
        let mut child = ok(Command::new(&exe)
            .args([
                "--exact",
                "crash_child_writer",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DIR_VAR, f.dir.path())
            .env(OFFICER_VAR, officer.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn());
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut lines = BufReader::new(stdout).lines();
        let mut seen = 0;
        while seen < wait_for {
            match lines.next() {
                Some(Ok(line)) if line.starts_with("committed ") => {
                    seen += 1;
                    committed.push(parse(&line));
                }
                Some(Ok(_)) => {}
                _ => break,
            }
        }
        ok(child.kill()); // SIGKILL
        ok(child.wait());
        // Lines printed before the kill are commits too.
        for line in lines.map_while(Result::ok) {
            if line.starts_with("committed ") {
                committed.push(parse(&line));
            }
        }
        assert!(
            round < 49 || !committed.is_empty(),
            "the child never committed"
        );
    }

    let mut store = ok(Store::open(f.dir.path(), Mode::Live, PASSPHRASE));
    let integrity: String =
        ok(store
            .raw_connection()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0)));
    assert_eq!(integrity, "ok");
    for (id, surname) in &committed {
        let registration = ok(store.load_registration(
            officer,
            RegistrationId {
                registry: Registry::Citizen,
                id: *id,
            },
        ));
        assert_eq!(&registration.personal.name().surname, surname);
        assert_eq!(
            registration.biometrics.len(),
            10,
            "registration {id} complete"
        );
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
    assert!(registrations >= committed.len() as i64);
    assert!(ok(store.verify_audit()).intact());
    eprintln!(
        "crash test: 50 kills, {} reported commits, {registrations} registrations on disk",
        committed.len()
    );
}

fn parse(line: &str) -> (i64, String) {
    let mut parts = line.split_whitespace().skip(1);
    let id = parts.next().and_then(|p| p.parse().ok()).unwrap_or(-1);
    let surname = parts.next().unwrap_or_default().to_string();
    (id, surname)
}
