//! The fault suite: every fault the outside probe of the released binary
//! found (issue 16), each as a test that failed before its fix. Grouped as
//! the probe's report: data integrity; the store never stuck and never
//! writing when it says it does not; the audit log; silent errors; denial
//! of service by input; smaller ones. The crash tests (kills) are in
//! `store_crash.rs`, the upgrades in `upgrades.rs`.
//!
//! Tests that need to mount a filesystem (a full disk, a write-protected
//! one) say so and pass without checking where the machine forbids it.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use beder::biometrics::matcher::{Bozorth3, Matcher};
use beder::biometrics::mcc::Mcc;
use beder::biometrics::template::{FingerTemplate, Minutia, MinutiaKind};
use beder::model::{ApplicantKind, ImpressionKind, PassportService, Position, Service};
use beder::store::{
    AuditAction, Checkpoint, KdfParams, Mode, OnDisk, RegistrationId, Store, StoreError,
    checkpoint_path, key_file_path, sidecar_path,
};
use common::*;
use proptest::prelude::*;
use serde_json::Value;

const CLI_PASSPHRASE: &str = "Астана-2026 passphrase";

fn beder(dir: &Path, passphrase: Option<&str>, args: &[&str]) -> Output {
    beder_cli(dir, passphrase, args)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            stderr(out)
        )
    })
}

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/simulator")
}

/// Runs the binary with `stdin` from a file, and a deadline: a command
/// that blocks (on a FIFO, on an endless input) fails the test instead of
/// hanging it.
fn beder_within(args: &[&str], stdin: Option<&Path>, deadline: Duration) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_beder"));
    command
        .args(["--lang", "en"])
        .args(args)
        .env_remove("BEDER_LANG")
        .env_remove("BEDER_PASSPHRASE")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match stdin {
        Some(path) => command.stdin(ok(std::fs::File::open(path))),
        None => command.stdin(Stdio::null()),
    };
    let child = ok(command.spawn());
    let id = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    match receive.recv_timeout(deadline) {
        Ok(output) => ok(output),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &id.to_string()]).status();
            panic!("beder {args:?} did not finish within {deadline:?}");
        }
    }
}

/// An ISO template of a shipped simulator image, written by `beder
/// extract`.
fn iso_of(dir: &Path, image: &str) -> PathBuf {
    let out = dir.join(format!("{}.iso", image.replace('/', "_")));
    let image_path = assets().join(image);
    let o = beder(
        dir,
        None,
        &[
            "extract",
            &image_path.display().to_string(),
            "--out",
            &out.display().to_string(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    out
}

/// A filesystem mounted for one test, unmounted when dropped.
struct Mounted {
    path: PathBuf,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

fn run_mount(args: &[&str], at: &Path) -> bool {
    Command::new("mount")
        .args(args)
        .arg(at)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A tmpfs of `size` at `at`, where the machine allows mounting one.
fn tmpfs(at: &Path, size: &str) -> Option<Mounted> {
    ok(std::fs::create_dir_all(at));
    run_mount(&["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"], at).then(|| Mounted {
        path: at.to_path_buf(),
    })
}

/// `from` again at `at`, read-only.
fn read_only_view(from: &Path, at: &Path) -> Option<Mounted> {
    ok(std::fs::create_dir_all(at));
    if !run_mount(&["--bind", &from.display().to_string()], at) {
        return None;
    }
    let mounted = Mounted {
        path: at.to_path_buf(),
    };
    run_mount(&["-o", "remount,ro,bind"], at).then_some(mounted)
}

// ---------------------------------------------------------------------
// Data integrity
// ---------------------------------------------------------------------

#[test]
fn every_shipped_poor_image_gives_a_template_of_at_most_255_minutiae() {
    let tmp = ok(tempfile::tempdir());
    let mut poor = Vec::new();
    for person in ok(std::fs::read_dir(assets())) {
        let person = ok(person).path();
        for file in ok(std::fs::read_dir(&person)) {
            let file = ok(file).path();
            if file.to_string_lossy().ends_with("_poor.png") {
                poor.push(file);
            }
        }
    }
    assert!(poor.len() >= 10, "the simulator ships its poor images");
    for image in poor {
        let out = tmp.path().join("t.iso");
        let _ = std::fs::remove_file(&out);
        let o = beder(
            tmp.path(),
            None,
            &[
                "extract",
                &image.display().to_string(),
                "--out",
                &out.display().to_string(),
            ],
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}: {}",
            image.display(),
            stderr(&o)
        );
        let templates = ok(beder::biometrics::iso::decode(&ok(std::fs::read(&out))));
        assert!(templates[0].minutiae.len() <= 255);
        assert!(!templates[0].minutiae.is_empty());
    }
}

#[test]
fn a_captured_finger_without_its_template_is_never_saved() {
    let mut f = fixture(Mode::Training);
    let mut registration = citizen_registration();
    if let Some(capture) = registration.biometrics[0].capture.as_mut() {
        capture.template = None;
    }
    assert!(matches!(
        f.store.save_registration(f.officer, &registration),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(ok(f.store.check()).citizen_registrations, 0);
}

#[test]
fn an_impression_without_minutiae_is_never_kept_nor_force_captured() {
    use beder::biometrics::quality::QualityPolicy;
    use beder::enrollment::{CaptureSession, ProcessedCapture, SlotStatus};
    use beder::scanner::{Capabilities, CaptureRequest};
    let mut session = CaptureSession::new(QualityPolicy::default(), Capabilities::default());
    let position = Position::Finger(beder::model::FingerPosition::RightThumb);
    for _ in 0..5 {
        let mut impression = desk::impression(1, position, 0);
        impression.template = None;
        let applied = session.apply(
            ProcessedCapture {
                request: CaptureRequest::finger(beder::model::FingerPosition::RightThumb),
                impressions: vec![impression],
            },
            &Mcc,
        );
        assert!(applied.is_ok());
    }
    let slot = session.slot(position).unwrap_or_else(|| panic!("no slot"));
    assert!(slot.best.is_none());
    assert_eq!(slot.status, SlotStatus::Recapture);
    assert!(!session.force_capture(position, beder::model::ForceReason::WornRidges));
}

#[test]
fn a_probe_with_one_finger_given_twice_is_refused() {
    let tmp = ok(tempfile::tempdir());
    let iso = iso_of(tmp.path(), "01_normal/01_flat.png");
    let iso = iso.display().to_string();
    let one = format!("1={iso}");
    let o = beder(tmp.path(), Some(CLI_PASSPHRASE), &["search", &one, &one]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("given twice"), "{}", stderr(&o));
    // The ISO record's own position, and the same position named.
    let o = beder(tmp.path(), Some(CLI_PASSPHRASE), &["search", &iso, &one]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_truncated_image_is_refused_on_the_command_line() {
    let tmp = ok(tempfile::tempdir());
    let png = ok(std::fs::read(assets().join("01_normal/01_flat.png")));
    let mut jpeg = Vec::new();
    ok(ok(image::load_from_memory(&png)).to_luma8().write_to(
        &mut std::io::Cursor::new(&mut jpeg),
        image::ImageFormat::Jpeg,
    ));
    for (name, bytes) in [
        ("half.jpg", &jpeg[..jpeg.len() / 2]),
        ("cut.jpg", &jpeg[..jpeg.len() - 2]),
        ("half.png", &png[..png.len() / 2]),
        ("cut.png", &png[..png.len() - 4]),
    ] {
        let path = tmp.path().join(name);
        ok(std::fs::write(&path, bytes));
        for command in ["extract", "quality"] {
            let o = beder(tmp.path(), None, &[command, &path.display().to_string()]);
            assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
            let message = stderr(&o);
            assert!(message.contains("incomplete"), "{name}: {message}");
            assert_eq!(message.lines().count(), 1);
        }
    }
    // The whole JPEG is read.
    let whole = tmp.path().join("whole.jpg");
    ok(std::fs::write(&whole, &jpeg));
    let o = beder(tmp.path(), None, &["extract", &whole.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

// ---------------------------------------------------------------------
// The store never gets stuck, and never writes when it says it does not
// ---------------------------------------------------------------------

/// The states an interrupted `db init` (or an older Beder's) can leave.
fn leave_incomplete(dir: &Path, how: &str) {
    let db = dir.join("beder.db");
    match how {
        "key only" => ok(std::fs::write(key_file_path(&db), "{}")),
        "empty database" => {
            ok(std::fs::write(&db, b""));
            ok(std::fs::write(key_file_path(&db), "{}"));
        }
        "temporary files" => {
            ok(std::fs::write(
                dir.join("beder.db.init"),
                b"SQLite format 3\0",
            ));
            ok(std::fs::write(dir.join("beder.db.key.init"), "{}"));
        }
        "schema without mode" => {
            // An older Beder's init killed after the schema and before its
            // first entry: a database with tables and nothing else.
            ok(Store::create_at_schema(
                dir,
                Mode::Live,
                CLI_PASSPHRASE,
                KdfParams::insecure_fast_for_tests(),
                4,
                |conn| conn.execute_batch("DELETE FROM meta WHERE key = 'mode';"),
            ));
        }
        other => panic!("{other}"),
    }
}

#[test]
fn an_interrupted_db_init_is_recognised_and_replaced_on_request() {
    for how in [
        "key only",
        "empty database",
        "temporary files",
        "schema without mode",
    ] {
        let tmp = ok(tempfile::tempdir());
        let dir = tmp.path();
        leave_incomplete(dir, how);
        // The files that hold anything (SQLite's shared-memory index and
        // an empty WAL, made by any reader, hold nothing).
        let sizes = |dir: &Path| -> Vec<(String, Vec<u8>)> {
            let mut v: Vec<_> = ok(std::fs::read_dir(dir))
                .map(|e| ok(e).path())
                .filter(|p| {
                    let name = p.to_string_lossy();
                    !name.ends_with("-shm") && !name.ends_with("-wal")
                })
                .map(|p| {
                    (
                        p.file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                        ok(std::fs::read(&p)),
                    )
                })
                .collect();
            v.sort();
            v
        };
        let before = sizes(dir);
        for args in [&["db", "check"][..], &["db", "init"], &["audit", "verify"]] {
            let o = beder(dir, Some(CLI_PASSPHRASE), args);
            assert_eq!(o.status.code(), Some(1), "{how} {args:?}: {}", stderr(&o));
            let message = stderr(&o);
            assert!(message.contains("--replace-incomplete"), "{how}: {message}");
            assert!(!message.contains("already exists"), "{how}: {message}");
            assert!(!message.contains("other mode"), "{how}: {message}");
        }
        assert_eq!(sizes(dir), before, "{how}: nothing was written");
        let o = beder(
            dir,
            Some(CLI_PASSPHRASE),
            &["db", "init", "--replace-incomplete"],
        );
        assert_eq!(o.status.code(), Some(0), "{how}: {}", stderr(&o));
        let store = ok(Store::open(dir, Mode::Live, CLI_PASSPHRASE));
        assert!(ok(store.check()).healthy());
        let actions: Vec<String> = ok(store.audit_entries(5))
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert!(
            actions.contains(&AuditAction::IncompleteReplaced.code().to_string()),
            "{how}: {actions:?}"
        );
    }
}

#[test]
fn replace_incomplete_never_removes_a_database_that_holds_anything() {
    let tmp = ok(tempfile::tempdir());
    let o = beder(tmp.path(), Some(CLI_PASSPHRASE), &["db", "init"]);
    assert_eq!(o.status.code(), Some(0));
    let o = beder(
        tmp.path(),
        Some(CLI_PASSPHRASE),
        &["db", "init", "--replace-incomplete"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(Store::on_disk(tmp.path(), Mode::Live), OnDisk::Present);
}

#[test]
fn a_damaged_database_file_is_reported_and_not_written_to() {
    let tmp = ok(tempfile::tempdir());
    let o = beder(tmp.path(), Some(CLI_PASSPHRASE), &["db", "init"]);
    assert_eq!(o.status.code(), Some(0));
    let db = tmp.path().join("beder.db");
    let whole = ok(std::fs::read(&db));
    // Cut to its first page.
    ok(std::fs::write(&db, &whole[..4096]));
    let o = beder(tmp.path(), Some(CLI_PASSPHRASE), &["db", "check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(ok(std::fs::read(&db)).len(), 4096, "not written to");
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}

#[test]
fn damage_is_reported_in_one_line() {
    let tmp = ok(tempfile::tempdir());
    let mut store = ok(Store::create(
        tmp.path(),
        Mode::Live,
        CLI_PASSPHRASE,
        KdfParams::insecure_fast_for_tests(),
    ));
    let officer = ok(store.create_officer(
        None,
        &beder::store::NewOfficer {
            name: beder::model::FullName {
                surname: "A".into(),
                name: "B".into(),
                patronymic: None,
            },
            login: "ab".into(),
            password: "desk-password-1".into(),
            role: beder::model::OfficerRole::Supervisor,
        },
    ));
    for _ in 0..20 {
        ok(store.save_registration(officer, &citizen_registration()));
    }
    drop(store);
    let db = tmp.path().join("beder.db");
    let mut bytes = ok(std::fs::read(&db));
    let pages = bytes.len() / 4096;
    assert!(pages > 20);
    // Garbage over ten pages in the middle.
    for page in pages / 2..pages / 2 + 10 {
        for b in &mut bytes[page * 4096..(page + 1) * 4096] {
            *b = 0x5A;
        }
    }
    ok(std::fs::write(&db, &bytes));
    let o = beder(tmp.path(), Some(CLI_PASSPHRASE), &["db", "check"]);
    assert_ne!(o.status.code(), Some(0));
    let lines = stderr(&o).lines().count() + String::from_utf8_lossy(&o.stdout).lines().count();
    assert_eq!(
        lines,
        1,
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
}

#[test]
fn concurrent_backups_and_searches_wait_for_each_other() {
    let tmp = ok(tempfile::tempdir());
    let dir = tmp.path().join("data");
    let o = beder(&dir, Some(CLI_PASSPHRASE), &["db", "init"]);
    assert_eq!(o.status.code(), Some(0));
    let iso = iso_of(tmp.path(), "01_normal/01_flat.png");
    let probe = format!("1={}", iso.display());
    let spawn = |args: Vec<String>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_beder"));
        command
            .args(["--lang", "en", "--data-dir"])
            .arg(&dir)
            .args(&args)
            .env("BEDER_PASSPHRASE", CLI_PASSPHRASE)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        ok(command.spawn())
    };
    let mut children = Vec::new();
    for i in 0..4 {
        let to = tmp.path().join(format!("backup-{i}.db"));
        children.push(spawn(vec![
            "backup".into(),
            "--to".into(),
            to.display().to_string(),
        ]));
        children.push(spawn(vec!["search".into(), probe.clone()]));
    }
    // Two at the same name: one is made, the other refused, nothing left.
    let same = tmp.path().join("same.db");
    for _ in 0..2 {
        children.push(spawn(vec![
            "backup".into(),
            "--to".into(),
            same.display().to_string(),
        ]));
    }
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|c| ok(c.wait_with_output()))
        .collect();
    let failed: Vec<String> = outputs
        .iter()
        .filter(|o| o.status.code() != Some(0))
        .map(stderr)
        .collect();
    assert_eq!(
        failed.len(),
        1,
        "only the second backup to one name: {failed:?}"
    );
    assert!(failed[0].contains("already exists"), "{failed:?}");
    let store = ok(Store::open(&dir, Mode::Live, CLI_PASSPHRASE));
    let entries = ok(store.audit_entries(1000));
    let backups = entries.iter().filter(|e| e.action == "backup_made").count();
    let searches = entries
        .iter()
        .filter(|e| e.action == "duplicate_search")
        .count();
    assert_eq!(backups, 5, "every backup made, audited once");
    assert_eq!(searches, 4);
    // No partial file anywhere, every backup whole.
    for entry in ok(std::fs::read_dir(tmp.path())) {
        let name = ok(entry).file_name().to_string_lossy().into_owned();
        assert!(!name.contains(".partial"), "{name} left behind");
    }
    assert!(ok(store.check()).healthy());
}

#[test]
fn a_full_disk_says_so_and_loses_nothing_saved() {
    let tmp = ok(tempfile::tempdir());
    let at = tmp.path().join("small");
    let Some(_mounted) = tmpfs(&at, "3m") else {
        eprintln!("SKIPPED: this machine does not allow mounting a tmpfs");
        return;
    };
    let mut store = ok(Store::create(
        &at,
        Mode::Live,
        PASSPHRASE,
        KdfParams::insecure_fast_for_tests(),
    ));
    let officer = ok(store.create_officer(
        None,
        &beder::store::NewOfficer {
            name: beder::model::FullName {
                surname: "A".into(),
                name: "B".into(),
                patronymic: None,
            },
            login: "ab".into(),
            password: "desk-password-1".into(),
            role: beder::model::OfficerRole::Supervisor,
        },
    ));
    let mut saved = Vec::new();
    let mut failure = None;
    for n in 0..100u8 {
        let mut registration = citizen_registration();
        for row in &mut registration.biometrics {
            if let Some(capture) = row.capture.as_mut() {
                capture.png = Some(image_bytes(n, 60_000));
            }
        }
        match store.save_registration(officer, &registration) {
            Ok(id) => saved.push(id),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let failure = failure.unwrap_or_else(|| panic!("a 3 MB disk never filled"));
    assert!(matches!(failure, StoreError::DiskFull), "{failure:?}");
    let localizer = ok(beder::i18n::Localizer::new());
    let message = localizer.format(
        beder::i18n::Lang::En,
        failure.message_key(),
        &[(
            "detail",
            beder::regulation::MessageArg::Text(failure.detail()),
        )],
    );
    assert!(message.contains("disk is full"), "{message}");
    assert!(
        message.contains("Nothing already saved was lost"),
        "{message}"
    );
    drop(store);
    // Reopened, everything saved before is there and whole.
    let mut store = ok(Store::open(&at, Mode::Live, PASSPHRASE));
    for id in &saved {
        assert_eq!(
            ok(store.load_registration(officer, *id)).biometrics.len(),
            10
        );
    }
    let report = ok(store.check());
    assert_eq!(report.citizen_registrations, saved.len() as i64);
    assert!(report.healthy(), "{report:?}");
}

#[test]
fn db_check_and_audit_verify_run_on_a_write_protected_disk() {
    let tmp = ok(tempfile::tempdir());
    let dir = tmp.path().join("data");
    let o = beder(&dir, Some(CLI_PASSPHRASE), &["db", "init"]);
    assert_eq!(o.status.code(), Some(0));
    let view = tmp.path().join("stick");
    let Some(_mounted) = read_only_view(&dir, &view) else {
        eprintln!("SKIPPED: this machine does not allow a read-only bind mount");
        return;
    };
    for args in [
        &["db", "check"][..],
        &["audit", "verify"],
        &["audit", "list"],
    ] {
        let o = beder(&view, Some(CLI_PASSPHRASE), args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    // Writing says why it cannot.
    let o = beder(
        &view,
        Some(CLI_PASSPHRASE),
        &[
            "backup",
            "--to",
            &tmp.path().join("b.db").display().to_string(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("read-only"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn every_file_beder_writes_is_private_to_its_user() {
    use std::os::unix::fs::PermissionsExt;
    let mut f = fixture(Mode::Live);
    ok(f.store
        .save_registration(f.officer, &citizen_registration()));
    let backup = f.dir.path().join("backup.db");
    ok(f.store.backup_to(&backup, Some(f.officer)));
    let checkpoint = f.dir.path().join("now.checkpoint");
    ok(f.store.write_checkpoint(&checkpoint));
    let db = f.store.path().to_path_buf();
    let mut files = vec![
        db.clone(),
        key_file_path(&db),
        sidecar_path(&db),
        backup.clone(),
        key_file_path(&backup),
        checkpoint_path(&backup),
        checkpoint,
    ];
    for suffix in ["-wal", "-shm"] {
        let mut name = db.clone().into_os_string();
        name.push(suffix);
        if Path::new(&name).exists() {
            files.push(PathBuf::from(name));
        }
    }
    for file in files {
        let mode = ok(std::fs::metadata(&file)).permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}: {mode:o}", file.display());
    }
}

// ---------------------------------------------------------------------
// The audit log
// ---------------------------------------------------------------------

/// A store holding a registration, a decision and a refusal, with a
/// checkpoint of its head written outside (as beside a backup).
fn audited() -> (Fixture, RegistrationId, Checkpoint) {
    let mut f = fixture(Mode::Live);
    let id = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    ok(f.store
        .save_registration(f.officer, &foreigner_registration("Smith", "GB123456")));
    let checkpoint = ok(f.store.checkpoint());
    (f, id, checkpoint)
}

/// Runs SQL as an attacker holding the passphrase would: the log's
/// append-only triggers dropped first.
fn sql(store: &Store, sql: &str) {
    ok(store.raw_connection().execute_batch(
        "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;",
    ));
    ok(store.raw_connection().execute_batch(sql));
}

#[test]
fn emptying_the_log_is_found() {
    let (f, _, _) = audited();
    sql(
        &f.store,
        "DELETE FROM audit_log; DELETE FROM meta WHERE key = 'audit_head';",
    );
    let verification = ok(f.store.verify_audit());
    assert!(!verification.intact());
    let o = beder(f.dir.path(), Some(PASSPHRASE), &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn cutting_the_last_entry_and_its_head_is_found_by_a_checkpoint() {
    let (f, _, checkpoint) = audited();
    let outside = f.dir.path().join("outside.checkpoint");
    ok(std::fs::write(&outside, checkpoint.to_json()));
    // The last entry cut, the head moved back to the one before.
    sql(
        &f.store,
        "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);
         UPDATE meta SET value = (SELECT id || ':' || lower(hex(hash)) FROM audit_log
             ORDER BY id DESC LIMIT 1) WHERE key = 'audit_head';",
    );
    let verification = ok(f.store.verify_audit_against(&[checkpoint]));
    assert!(!verification.intact(), "{verification:?}");
    let o = beder(
        f.dir.path(),
        Some(PASSPHRASE),
        &[
            "audit",
            "verify",
            "--against",
            &outside.display().to_string(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // The registration that entry recorded is no longer bound: db check
    // finds it without any checkpoint.
    let report = ok(f.store.check());
    assert!(!report.content.intact(), "{report:?}");
}

/// The fields of an entry as the log hashes them (what an attacker who
/// read the code would recompute).
fn entry_bytes(row: &rusqlite::Row<'_>, prev: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut field = |bytes: &[u8]| {
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(bytes);
    };
    let id: i64 = ok(row.get(0));
    let at: String = ok(row.get(1));
    let officer: Option<i64> = ok(row.get(2));
    let action: String = ok(row.get(3));
    let registry: Option<String> = ok(row.get(4));
    let record: Option<i64> = ok(row.get(5));
    let content: Option<Vec<u8>> = ok(row.get(6));
    field(&id.to_le_bytes());
    field(at.as_bytes());
    field(&officer.map_or([0xff; 8], i64::to_le_bytes));
    field(action.as_bytes());
    field(registry.as_deref().unwrap_or("").as_bytes());
    field(&record.map_or([0xff; 8], i64::to_le_bytes));
    if let Some(content) = content {
        field(&content);
    }
    field(prev);
    out
}

/// Removes entry `gone` and recomputes the chain after it with `hash`.
fn recompute_without(store: &Store, gone: i64, hash: &dyn Fn(&[u8]) -> Vec<u8>) {
    sql(store, "SELECT 1;");
    let conn = store.raw_connection();
    ok(conn.execute("DELETE FROM audit_log WHERE id = ?1", [gone]));
    ok(conn.execute("UPDATE audit_log SET id = id - 1 WHERE id > ?1", [gone]));
    // (id, previous hash, hash), recomputed in order.
    let chain: Vec<(i64, Vec<u8>, Vec<u8>)> = {
        let mut stmt = ok(conn.prepare(
            "SELECT id, at, officer_id, action, registry, record_id, content FROM audit_log
             ORDER BY id",
        ));
        let mut rows = ok(stmt.query([]));
        let mut out = Vec::new();
        let mut prev = vec![0u8; 32];
        while let Some(row) = ok(rows.next()) {
            let id: i64 = ok(row.get(0));
            let h = hash(&entry_bytes(row, &prev));
            out.push((id, prev.clone(), h.clone()));
            prev = h;
        }
        out
    };
    let mut last = (0i64, Vec::new());
    for (id, prev, h) in &chain {
        ok(conn.execute(
            "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1",
            rusqlite::params![id, prev, h],
        ));
        last = (*id, h.clone());
    }
    let hex: String = last.1.iter().map(|b| format!("{b:02x}")).collect();
    ok(conn.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'audit_head'",
        [format!("{}:{hex}", last.0)],
    ));
}

#[test]
fn a_chain_recomputed_without_an_entry_is_found() {
    use sha2::Digest;
    // With the plain hash of the earlier log (what the probe did).
    let (f, _, _) = audited();
    recompute_without(&f.store, 3, &|b| sha2::Sha256::digest(b).to_vec());
    assert!(!ok(f.store.verify_audit()).intact());

    // With the chain's own key, read from the database: only a checkpoint
    // kept outside finds it.
    let (f, _, checkpoint) = audited();
    let key: String = ok(f.store.raw_connection().query_row(
        "SELECT value FROM meta WHERE key = 'audit_chain_key'",
        [],
        |r| r.get(0),
    ));
    let key: Vec<u8> = (0..key.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&key[i..i + 2], 16).unwrap_or(0))
        .collect();
    recompute_without(&f.store, 3, &|b| {
        use hmac::{KeyInit, Mac};
        let mut mac = match hmac::Hmac::<sha2::Sha256>::new_from_slice(&key) {
            Ok(mac) => mac,
            Err(_) => panic!("hmac"),
        };
        mac.update(b);
        mac.finalize().into_bytes().to_vec()
    });
    assert!(
        ok(f.store.verify_audit_against(&[])).first_broken.is_none(),
        "the attack is complete: the chain alone verifies"
    );
    assert!(!ok(f.store.verify_audit_against(&[checkpoint])).intact());
    // The checkpoint beside the database (written with each backup and
    // checkpoint) is read by `audit verify` on its own.
}

#[test]
fn records_changed_outside_the_program_are_found_by_db_check() {
    let cases: [(&str, &str); 5] = [
        (
            "personal data edited in place",
            "UPDATE citizen_personal_data SET data = replace(data, 'Нұрланов', 'Иванов')",
        ),
        (
            "a biometric row deleted",
            "DELETE FROM citizen_biometrics WHERE id = (SELECT max(id) FROM citizen_biometrics)",
        ),
        (
            "a template replaced",
            "UPDATE foreigner_biometrics SET template = x'00' WHERE position = 1",
        ),
        (
            "a registration inserted without its entry",
            "INSERT INTO citizen_registrations (registered_on, basis_paragraph, basis_service,
                officer_id, officer_surname, officer_name, created_at)
             SELECT registered_on, basis_paragraph, basis_service, officer_id, officer_surname,
                officer_name, created_at FROM citizen_registrations LIMIT 1",
        ),
        (
            "a whole registration deleted",
            "PRAGMA foreign_keys = OFF;
             DELETE FROM foreigner_biometrics; DELETE FROM foreigner_personal_data;
             DELETE FROM foreigner_representations; DELETE FROM foreigner_registrations;",
        ),
    ];
    for (what, change) in cases {
        let (f, _, _) = audited();
        assert!(ok(f.store.check()).healthy(), "{what}: before");
        sql(&f.store, change);
        let report = ok(f.store.check());
        assert!(
            report.audit.intact(),
            "{what}: the chain itself is untouched"
        );
        assert!(!report.healthy(), "{what}: {report:?}");
        let o = beder(f.dir.path(), Some(PASSPHRASE), &["db", "check"]);
        assert_eq!(o.status.code(), Some(1), "{what}");
    }
}

#[test]
fn backup_and_search_refuse_a_broken_log() {
    let (f, _, _) = audited();
    sql(
        &f.store,
        "UPDATE audit_log SET officer_id = 99 WHERE id = 2",
    );
    let to = f.dir.path().join("b.db");
    let o = beder(
        f.dir.path(),
        Some(PASSPHRASE),
        &["backup", "--to", &to.display().to_string()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("audit log is broken"), "{}", stderr(&o));
    assert!(!to.exists());
    let iso = iso_of(f.dir.path(), "01_normal/01_flat.png");
    let o = beder(
        f.dir.path(),
        Some(PASSPHRASE),
        &["search", &format!("1={}", iso.display())],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("audit log is broken"), "{}", stderr(&o));
    let count: i64 = ok(f.store.raw_connection().query_row(
        "SELECT count(*) FROM audit_log WHERE action IN ('backup_made', 'duplicate_search')",
        [],
        |r| r.get(0),
    ));
    assert_eq!(count, 0, "nothing appended to the broken log");
}

#[test]
fn the_desk_goes_on_past_a_broken_log_but_says_so_and_records_it() {
    let (mut f, _, _) = audited();
    sql(
        &f.store,
        "UPDATE audit_log SET officer_id = 99 WHERE id = 2",
    );
    let problem = ok(beder::enrollment::office::check_log(
        &mut f.store,
        f.officer,
    ));
    assert!(problem.is_some());
    let last = ok(f.store.audit_entries(1));
    assert_eq!(last[0].action, AuditAction::BrokenChainWarned.code());
    assert_eq!(last[0].officer_id, Some(f.officer));
}

#[test]
fn a_backup_carries_a_checkpoint_its_copy_passes_through() {
    let (mut f, _, _) = audited();
    let dir = f.dir.path().join("restore");
    ok(std::fs::create_dir_all(&dir));
    let to = dir.join("beder.db");
    let report = ok(f.store.backup_to(&to, Some(f.officer)));
    assert_eq!(
        report.checkpoint.as_deref(),
        Some(checkpoint_path(&to).as_path())
    );
    let restored = ok(Store::open(&dir, Mode::Live, PASSPHRASE));
    let verification = ok(restored.verify_audit());
    assert!(verification.intact());
    assert_eq!(verification.checkpoints, 1, "read from beside the copy");
    // The live log passes through it too (kept in its sidecar).
    assert!(ok(f.store.verify_audit()).checkpoints >= 1);
    // A checkpoint of another database is refused, not ignored.
    let other = fixture(Mode::Live);
    let foreign = ok(other.store.checkpoint());
    assert!(matches!(
        f.store.verify_audit_against(&[foreign]),
        Err(StoreError::Checkpoint(_))
    ));
    // A checkpoint with a changed hash does not verify its signature.
    let mut forged = ok(f.store.checkpoint());
    forged.entry -= 1;
    assert!(!forged.signature_valid());
}

// ---------------------------------------------------------------------
// Errors are never silent
// ---------------------------------------------------------------------

#[test]
fn unreadable_enrolled_templates_are_shown_and_audited_at_the_duplicate_check() {
    use beder::enrollment::Desk;
    let mut f = fixture(Mode::Training);
    // A registration whose stored templates are not ISO records.
    ok(f.store
        .save_registration(f.officer, &citizen_registration()));
    let mut desk = Desk::new(f.officer, d("2026-11-26"));
    desk::to_collection(
        &mut desk,
        &mut f.store,
        ApplicantKind::Citizen,
        Service::Passport(PassportService::FirstIssue),
        &desk::citizen("Әбенов", "1990-03-12"),
    );
    desk::capture_everything(&mut desk, 3);
    ok(desk.finish_capture(&mut f.store));
    assert_eq!(desk.duplicate_check_skipped(), 9);
    let actions: Vec<String> = ok(f.store.audit_entries(20))
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&AuditAction::TemplatesSkipped.code().to_string()));
}

#[test]
fn unknown_codes_in_stored_rows_are_damage_not_defaults() {
    let mut f = fixture(Mode::Live);
    let id = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    sql(
        &f.store,
        "UPDATE citizen_personal_data SET photo_format = 'gif'",
    );
    assert!(matches!(
        f.store.load_registration(f.officer, id),
        Err(StoreError::Corrupt(_))
    ));
    sql(
        &f.store,
        "UPDATE citizen_personal_data SET photo_format = 'jpeg';
         UPDATE citizen_biometrics SET force_reason = 'bribe' WHERE position = 2",
    );
    assert!(matches!(
        f.store.load_registration(f.officer, id),
        Err(StoreError::Corrupt(_))
    ));
    sql(
        &f.store,
        "PRAGMA ignore_check_constraints = ON; UPDATE officers SET role = 'admin';",
    );
    assert!(matches!(f.store.officers(), Err(StoreError::Corrupt(_))));
}

// ---------------------------------------------------------------------
// Denial of service by input
// ---------------------------------------------------------------------

fn piled(n: usize) -> FingerTemplate {
    FingerTemplate {
        width: 400,
        height: 400,
        ppi: 500,
        position: None,
        impression: ImpressionKind::Flat,
        quality: 50,
        minutiae: (0..n)
            .map(|_| Minutia {
                x: 100,
                y: 100,
                angle: 0,
                kind: MinutiaKind::Other,
                quality: 50,
            })
            .collect(),
    }
}

#[test]
fn a_template_of_identical_minutiae_is_compared_at_once() {
    let tmp = ok(tempfile::tempdir());
    // The probe's 172-byte record: 20 identical minutiae.
    let bomb = ok(beder::biometrics::iso::encode_2011(&[piled(20)]));
    let path = tmp.path().join("bomb.iso");
    ok(std::fs::write(&path, &bomb));
    let p = path.display().to_string();
    for matcher in ["mcc", "bozorth3"] {
        let o = beder_within(
            &["match", &p, &p, "--matcher", matcher],
            None,
            Duration::from_secs(120),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(json(&o)["decision"], "no_match", "{matcher}");
    }
    // `match` defaults to the desk's matcher.
    let o = beder_within(&["match", &p, &p], None, Duration::from_secs(120));
    assert_eq!(json(&o)["matcher"], "mcc");
}

/// Adversarial and random templates: piles, lattices, circles (every
/// edge repeated), random clouds.
fn arbitrary_template() -> impl Strategy<Value = FingerTemplate> {
    let point = (0u16..500, 0u16..500, any::<u8>(), 0u8..=100);
    prop_oneof![
        proptest::collection::vec(point, 0..255).prop_map(|points| (points, 0u8)),
        (1usize..200, 1u16..12).prop_map(|(n, step)| {
            let points = (0..n)
                .map(|i| {
                    (
                        20 + (i % 15) as u16 * step * 3,
                        20 + (i / 15) as u16 * step * 3,
                        0u8,
                        50u8,
                    )
                })
                .collect();
            (points, 1)
        }),
        (20usize..160, 40u16..200).prop_map(|(n, r)| {
            let points = (0..n)
                .map(|i| {
                    let a = i as f32 * std::f32::consts::TAU / n as f32;
                    (
                        (250.0 + f32::from(r) * a.cos()) as u16,
                        (250.0 + f32::from(r) * a.sin()) as u16,
                        ((i * 256 / n) % 256) as u8,
                        60u8,
                    )
                })
                .collect();
            (points, 2)
        }),
    ]
    .prop_map(|(points, _)| FingerTemplate {
        width: 500,
        height: 500,
        ppi: 500,
        position: None,
        impression: ImpressionKind::Flat,
        quality: 50,
        minutiae: points
            .into_iter()
            .map(|(x, y, angle, quality)| Minutia {
                x,
                y,
                angle,
                kind: MinutiaKind::Other,
                quality,
            })
            .collect(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Whatever the templates, each comparison ends: BOZORTH3 within its
    /// work budget (about 2 s), MCC by construction (60 cylinders at most).
    /// The bound checked here is generous (a denial of service took 412 s);
    /// it is a guard, not a speed target.
    #[test]
    fn both_matchers_end_on_any_template(a in arbitrary_template(), b in arbitrary_template()) {
        for (x, y) in [(&a, &b), (&a, &a)] {
            let started = std::time::Instant::now();
            let score = Bozorth3.compare(x, y);
            let mcc = Mcc.compare(x, y);
            prop_assert!(score.is_finite() && mcc.is_finite());
            prop_assert!(started.elapsed() < Duration::from_secs(30));
        }
    }
}

#[test]
fn a_key_file_asking_for_absurd_work_is_refused_at_once() {
    let tmp = ok(tempfile::tempdir());
    let o = beder(tmp.path(), Some(CLI_PASSPHRASE), &["db", "init"]);
    assert_eq!(o.status.code(), Some(0));
    let key = tmp.path().join("beder.db.key");
    let text = ok(std::fs::read_to_string(&key));
    let passphrase = tmp.path().join("passphrase");
    ok(std::fs::write(&passphrase, CLI_PASSPHRASE));
    for (field, value) in [
        ("iterations", "4294967295"),
        ("memory_kib", "4294967295"),
        ("parallelism", "255"),
        ("iterations", "0"),
    ] {
        let mut file: Value = ok(serde_json::from_str(&text));
        file["params"][field] = ok(value.parse::<Value>());
        ok(std::fs::write(&key, ok(serde_json::to_string(&file))));
        let o = beder_within(
            &[
                "--data-dir",
                &tmp.path().display().to_string(),
                "--passphrase-file",
                &passphrase.display().to_string(),
                "db",
                "check",
            ],
            None,
            Duration::from_secs(60),
        );
        assert_eq!(o.status.code(), Some(1), "{field}={value}");
        assert!(stderr(&o).contains("key file"), "{}", stderr(&o));
    }
}

#[cfg(unix)]
#[test]
fn endless_inputs_and_pipes_are_refused_not_read() {
    let tmp = ok(tempfile::tempdir());
    let fifo = tmp.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let zero = Path::new("/dev/zero");
    let limit = Duration::from_secs(60);
    // Standard input from /dev/zero.
    let o = beder_within(&["rules", "decide"], Some(zero), limit);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("larger than"), "{}", stderr(&o));
    let mut sources = vec![zero.to_path_buf()];
    if made.is_ok_and(|s| s.success()) {
        sources.push(fifo.clone());
    }
    for source in &sources {
        let s = source.display().to_string();
        // As a passphrase file.
        let o = beder_within(
            &[
                "--data-dir",
                &tmp.path().display().to_string(),
                "--passphrase-file",
                &s,
                "db",
                "check",
            ],
            None,
            limit,
        );
        assert_eq!(o.status.code(), Some(2), "{s}: {}", stderr(&o));
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
        // As an image.
        let o = beder_within(&["extract", &s], None, limit);
        assert_eq!(o.status.code(), Some(2), "{s}: {}", stderr(&o));
        assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
        let o = beder_within(&["match", &s, &s], None, limit);
        assert_eq!(o.status.code(), Some(2), "{s}: {}", stderr(&o));
    }
}

/// An all-black 8-bit PNG of `side` × `side`, a few kilobytes.
fn black_png(side: u32) -> Vec<u8> {
    let image = image::GrayImage::new(side, side);
    let mut out = Vec::new();
    ok(image.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png));
    out
}

#[test]
fn the_size_limit_holds_after_resampling() {
    let tmp = ok(tempfile::tempdir());
    let path = tmp.path().join("bomb.png");
    ok(std::fs::write(&path, black_png(4000)));
    let p = path.display().to_string();
    for command in ["extract", "quality"] {
        let o = beder_within(
            &[command, &p, "--ppi", "250"],
            None,
            Duration::from_secs(60),
        );
        assert_eq!(o.status.code(), Some(2), "{command}: {}", stderr(&o));
        assert!(stderr(&o).contains("8000×8000"), "{}", stderr(&o));
    }
}

#[test]
fn bench_search_refuses_a_registry_that_cannot_fit() {
    let tmp = ok(tempfile::tempdir());
    let o = beder(
        tmp.path(),
        None,
        &["bench-search", "--persons", "18446744073709551615"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("200000"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------
// Smaller
// ---------------------------------------------------------------------

#[test]
fn eval_of_a_set_without_pairs_is_an_error_not_a_perfect_score() {
    let tmp = ok(tempfile::tempdir());
    let set = tmp.path().join("set");
    ok(std::fs::create_dir_all(&set));
    ok(std::fs::copy(
        assets().join("01_normal/01_flat.png"),
        set.join("1_1.png"),
    ));
    let det = tmp.path().join("det.png");
    let o = beder(
        tmp.path(),
        None,
        &[
            "eval",
            &set.display().to_string(),
            "--det",
            &det.display().to_string(),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("0 genuine"), "{}", stderr(&o));
    assert!(!det.exists());
}

#[test]
fn eval_checks_where_its_curve_goes_before_working() {
    let tmp = ok(tempfile::tempdir());
    let o = beder(
        tmp.path(),
        None,
        &[
            "eval",
            &assets().join("01_normal").display().to_string(),
            "--det",
            "/nonexistent-folder/det.png",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "no results printed before the failure");
}

#[test]
fn synth_to_a_file_says_it_is_not_a_folder() {
    let tmp = ok(tempfile::tempdir());
    let file = tmp.path().join("file");
    ok(std::fs::write(&file, b"x"));
    let o = beder(
        tmp.path(),
        None,
        &["synth", "--out", &file.display().to_string()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a folder"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("scanner"), "{}", stderr(&o));
}

#[test]
fn a_killed_synth_leaves_only_whole_images() {
    let tmp = ok(tempfile::tempdir());
    let out = tmp.path().join("persons");
    for round in 0..4u64 {
        let mut child = ok(Command::new(env!("CARGO_BIN_EXE_beder"))
            .args(["synth", "--persons", "3", "--seed"])
            .arg((round + 7).to_string())
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn());
        // Killed once the first person is written, while the next is.
        let mut progress = std::io::BufReader::new(child.stderr.take().unwrap_or_else(|| {
            panic!("no stderr");
        }));
        let mut line = String::new();
        let _ = std::io::BufRead::read_line(&mut progress, &mut line);
        ok(child.kill());
        ok(child.wait());
    }
    let mut images = 0;
    for person in ok(std::fs::read_dir(&out)) {
        for file in ok(std::fs::read_dir(ok(person).path())) {
            let path = ok(file).path();
            if path.extension().is_some_and(|e| e == "png") {
                images += 1;
                assert!(
                    image::open(&path).is_ok(),
                    "{} is not a whole image",
                    path.display()
                );
            }
        }
    }
    assert!(images > 0);
}

#[test]
fn a_backup_to_a_missing_folder_says_so() {
    let (f, _, _) = audited();
    let o = beder(
        f.dir.path(),
        Some(PASSPHRASE),
        &[
            "backup",
            "--to",
            &f.dir
                .path()
                .join("no/such/folder/b.db")
                .display()
                .to_string(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("read-only"), "{}", stderr(&o));
}

#[test]
fn a_deep_colour_tiff_is_reported_by_its_size() {
    let tmp = ok(tempfile::tempdir());
    let path = tmp.path().join("deep.tif");
    let deep = image::ImageBuffer::<image::Rgba<u16>, Vec<u16>>::new(4000, 4000);
    ok(deep.save(&path));
    drop(deep);
    let o = beder(tmp.path(), None, &["extract", &path.display().to_string()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let message = stderr(&o);
    assert!(message.contains("4000×4000"), "{message}");
    assert!(!message.contains("0×0"), "{message}");
    let _ = std::io::stderr().flush();
}
