//! The real binary on the store commands: `db init`, `db check`,
//! `audit verify`, `backup`, and their failures.

mod common;

use std::process::Output;

use beder::store::{Mode, Store};
use serde_json::Value;

const PASSPHRASE: &str = "Астана-2026 passphrase";

fn beder(dir: &std::path::Path, passphrase: Option<&str>, args: &[&str]) -> Output {
    common::beder_cli(dir, passphrase, args)
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn init_check_verify_backup_and_restore() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("data");
    let out = beder(&dir, Some(PASSPHRASE), &["db", "init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["mode"], "live");

    let out = beder(&dir, Some(PASSPHRASE), &["db", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["integrity"], "ok");
    assert_eq!(report["audit"]["first_broken"], Value::Null);

    let out = beder(&dir, Some(PASSPHRASE), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["intact"], true);

    // The passphrase can come from a file, too.
    let file = tmp.path().join("passphrase.txt");
    std::fs::write(&file, format!("{PASSPHRASE}\n")).unwrap_or_else(|e| panic!("{e}"));
    let file_arg = file.display().to_string();
    let backup = tmp.path().join("restore").join("beder.db");
    std::fs::create_dir_all(backup.parent().unwrap_or(tmp.path()))
        .unwrap_or_else(|e| panic!("{e}"));
    let backup_arg = backup.display().to_string();
    let out = beder(
        &dir,
        None,
        &[
            "--passphrase-file",
            &file_arg,
            "backup",
            "--to",
            &backup_arg,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Restore = the backup and its key file put in a data directory.
    let restored = backup.parent().unwrap_or(tmp.path());
    let out = beder(restored, Some(PASSPHRASE), &["db", "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        json(&out)["audit"]["entries"],
        1,
        "the copy is taken before its own audit entry"
    );
    let out = beder(&dir, Some(PASSPHRASE), &["audit", "verify"]);
    assert_eq!(json(&out)["entries"], 2, "created + backup made");
}

#[test]
fn a_tampered_audit_log_exits_1_with_the_first_broken_entry() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path();
    assert_eq!(
        beder(dir, Some(PASSPHRASE), &["db", "init"]).status.code(),
        Some(0)
    );
    let store_dir = dir.to_path_buf();
    for _ in 0..3 {
        let mut store =
            Store::open(&store_dir, Mode::Live, PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));
        store
            .audit(beder::store::AuditEvent::new(
                beder::store::AuditAction::Logout,
            ))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    {
        let store =
            Store::open(&store_dir, Mode::Live, PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));
        store
            .raw_connection()
            .execute_batch(
                "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'login_succeeded' WHERE id = 3;",
            )
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let out = beder(dir, Some(PASSPHRASE), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let verdict = json(&out);
    assert_eq!(verdict["intact"], false);
    assert_eq!(verdict["first_broken"], 3);
    let out = beder(dir, Some(PASSPHRASE), &["db", "check"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn failures_have_their_own_messages() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path();
    // Missing directory.
    let missing = dir.join("nope");
    let out = beder(&missing, Some(PASSPHRASE), &["db", "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    // No database yet.
    let out = beder(dir, Some(PASSPHRASE), &["db", "check"]);
    assert!(stderr(&out).contains("beder db init"), "{}", stderr(&out));
    // No passphrase at all.
    let out = beder(dir, None, &["db", "init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("BEDER_PASSPHRASE"),
        "{}",
        stderr(&out)
    );
    // Wrong passphrase.
    assert_eq!(
        beder(dir, Some(PASSPHRASE), &["db", "init"]).status.code(),
        Some(0)
    );
    let out = beder(dir, Some("wrong"), &["db", "check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Wrong passphrase"),
        "{}",
        stderr(&out)
    );
    // Init twice touches nothing.
    let out = beder(dir, Some(PASSPHRASE), &["db", "init"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"));
    // Training mode never opens the live file.
    let out = beder(dir, Some(PASSPHRASE), &["--training", "db", "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("beder-training.db"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn audit_list_prints_the_latest_entries_without_personal_data() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("data");
    let out = beder(&dir, Some(PASSPHRASE), &["db", "init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for _ in 0..3 {
        let out = beder(&dir, Some(PASSPHRASE), &["db", "check"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let out = beder(&dir, Some(PASSPHRASE), &["audit", "list", "--limit", "2"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let entries: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(!entries.is_empty() && entries.len() <= 2, "{text}");
    for entry in &entries {
        let keys: Vec<&String> = entry
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(
            keys,
            ["action", "at", "id", "officer_id", "record_id", "registry"],
            "ids and codes only"
        );
    }
    // Newest first.
    if entries.len() == 2 {
        assert!(entries[0]["id"].as_i64() > entries[1]["id"].as_i64());
    }
    let out = beder(&dir, Some(PASSPHRASE), &["audit", "list", "--limit", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A data directory given relative to where the command runs, as a new
/// user types it: the read-only commands find the same database.
#[test]
fn a_relative_data_directory_works_for_every_store_command() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let run = |args: &[&str]| -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_beder"))
            .current_dir(tmp.path())
            .args(["--lang", "en", "--data-dir", "data"])
            .args(args)
            .env_remove("BEDER_LANG")
            .env("BEDER_PASSPHRASE", PASSPHRASE)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    for args in [
        &["db", "init"][..],
        &["db", "check"],
        &["audit", "verify"],
        &["audit", "list", "--limit", "3"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
}
