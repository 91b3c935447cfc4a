//! The sealed packages: export → open as the central side does, the same
//! TCNs on a re-export, and every way a package must be refused.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use beder::interchange::an2::{Record, Transaction};
use beder::store::hex;
use beder::store::{Mode, OutboxState};
use common::*;

const DEMO_KEY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/training-keys/central-demo.key"
);

fn run(dir: &Path, args: &[&str]) -> Output {
    beder_cli(dir, Some(PASSPHRASE), args)
}

fn path(p: &Path) -> &str {
    ok(p.to_str().ok_or("path"))
}

fn packages(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = ok(std::fs::read_dir(dir))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "bdrpkg"))
        .collect();
    out.sort();
    out
}

/// A training database with a citizen and a foreigner, both with real
/// prints, and a refusal.
fn training_with_work() -> Fixture {
    let mut f = fixture(Mode::Training);
    ok(f.store
        .save_settings(Some(f.officer), &[("mission_code", "TRAINING".to_string())]));
    ok(f.store.save_registration(f.officer, &citizen_with_images()));
    ok(f.store
        .save_registration(f.officer, &foreigner_with_images("Smith", "X1")));
    ok(f.store.record_refusal(f.officer, &refusal()));
    f
}

#[test]
#[expect(clippy::too_many_lines, reason = "one scenario, read top to bottom")]
fn a_package_opens_whole_with_the_central_key_and_its_tcns_are_the_outboxs() {
    let f = training_with_work();
    let queued: Vec<(String, String)> = ok(f.store.outbox(None))
        .into_iter()
        .map(|i| {
            let registry = match i.registry {
                beder::model::Registry::Citizen => "citizen",
                beder::model::Registry::Foreigner => "foreigner",
            };
            (i.tcn, registry.to_string())
        })
        .collect();
    drop(f.store);
    let dir = f.dir.path();
    let media = dir.join("stick");
    ok(std::fs::create_dir_all(&media));
    let v = success_json(&run(
        dir,
        &["--training", "transfer", "export", "--to", path(&media)],
    ));
    assert_eq!(v["packages"].as_array().map(Vec::len), Some(2));
    let files = packages(&media);
    assert_eq!(files.len(), 2);
    // Nothing readable on the stick: no name, no TCN in the clear.
    for file in &files {
        let bytes = ok(std::fs::read(file));
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Нұрланов") && !text.contains("Smith") && !text.contains("BDR-"));
    }
    // Opened as the central side does.
    let mut opened_tcns = Vec::new();
    for file in &files {
        let out = dir.join(format!("open-{}", opened_tcns.len()));
        let v = success_json(&run(
            dir,
            &[
                "transfer",
                "open",
                path(file),
                "--key",
                DEMO_KEY,
                "--out",
                path(&out),
            ],
        ));
        assert_eq!(v["mode"], "training");
        for entry in ok(std::fs::read_dir(&out)).flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "an2") {
                let t = ok(Transaction::read(&ok(std::fs::read(&p))));
                let Some(Record::Tagged(type1)) = t.records.first() else {
                    panic!("no Type-1");
                };
                let tcn = type1.field(9).map(|f| f.text()).unwrap_or_default();
                assert_eq!(type1.field(4).map(|f| f.text()).as_deref(), Some("TRNG"));
                opened_tcns.push((tcn, v["registry"].as_str().unwrap_or_default().to_string()));
            }
        }
    }
    opened_tcns.sort();
    let mut want = queued.clone();
    want.sort();
    assert_eq!(opened_tcns, want, "every item, once, under its own TCN");

    // The items are exported; a second export has nothing to send; `--again`
    // sends the unanswered ones with the same TCNs.
    let store = ok(beder::store::Store::open(dir, Mode::Training, PASSPHRASE));
    assert!(
        ok(store.outbox(None))
            .iter()
            .all(|i| i.state == OutboxState::Exported)
    );
    drop(store);
    let again_dir = dir.join("again");
    ok(std::fs::create_dir_all(&again_dir));
    let v = success_json(&run(
        dir,
        &["--training", "transfer", "export", "--to", path(&again_dir)],
    ));
    assert_eq!(v["packages"].as_array().map(Vec::len), Some(0));
    let v = success_json(&run(
        dir,
        &[
            "--training",
            "transfer",
            "export",
            "--to",
            path(&again_dir),
            "--again",
            "--registry",
            "foreigner",
        ],
    ));
    assert_eq!(v["packages"][0]["items"], 1);
    let out = dir.join("open-again");
    success_json(&run(
        dir,
        &[
            "transfer",
            "open",
            path(&packages(&again_dir)[0]),
            "--key",
            DEMO_KEY,
            "--out",
            path(&out),
        ],
    ));
    let foreign_tcn = &want
        .iter()
        .find(|(_, r)| r == "foreigner")
        .map(|(t, _)| t.clone());
    let file = out.join(format!("{}.an2", foreign_tcn.clone().unwrap_or_default()));
    assert!(file.exists(), "the same TCN again");
}

#[test]
fn changed_bytes_wrong_keys_and_other_missions_are_refused() {
    let f = training_with_work();
    drop(f.store);
    let dir = f.dir.path();
    let media = dir.join("stick");
    ok(std::fs::create_dir_all(&media));
    success_json(&run(
        dir,
        &[
            "--training",
            "transfer",
            "export",
            "--to",
            path(&media),
            "--registry",
            "citizen",
        ],
    ));
    let file = packages(&media).remove(0);
    let good = ok(std::fs::read(&file));
    let refused = |bytes: &[u8], key: &str, extra: &[&str], says: &str| {
        let p = dir.join("probe.bdrpkg");
        ok(std::fs::write(&p, bytes));
        let out_dir = dir.join("probe-out");
        let mut args = vec![
            "transfer",
            "open",
            path(&p),
            "--key",
            key,
            "--out",
            path(&out_dir),
        ];
        args.extend_from_slice(extra);
        let out = run(dir, &args);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(2), "{says}: {stderr}");
        assert!(stderr.contains(says), "{says}: {stderr}");
        assert!(!out_dir.exists(), "nothing written for a refused package");
    };
    // One byte changed anywhere: in the header, the ciphertext, the signature.
    for at in [20, good.len() / 2, good.len() - 10] {
        let mut bad = good.clone();
        bad[at] ^= 0x01;
        let says = if at == 20 { "" } else { "signature" };
        refused(&bad, DEMO_KEY, &[], says);
    }
    refused(&good[..good.len() - 100], DEMO_KEY, &[], "cut short");
    refused(
        b"not a package at all",
        DEMO_KEY,
        &[],
        "not a Beder package",
    );
    // Another central key (a live system's) cannot open a training package.
    let other = dir.join("other.key");
    success_json(&run(dir, &["transfer", "keygen", "--out", path(&other)]));
    refused(&good, path(&other), &[], "cannot open");
    // A receiving site that expects another mission's key refuses it.
    refused(
        &good,
        DEMO_KEY,
        &["--mission-key", &"ab".repeat(32)],
        "another mission",
    );
}

#[test]
fn a_live_export_needs_the_central_key_and_is_closed_to_the_demonstration_key() {
    let mut f = fixture(Mode::Live);
    ok(f.store
        .save_settings(Some(f.officer), &[("mission_code", "KZ-LON".to_string())]));
    ok(f.store.save_registration(f.officer, &citizen_with_images()));
    drop(f.store);
    let dir = f.dir.path();
    let media = dir.join("stick");
    ok(std::fs::create_dir_all(&media));
    let out = run(dir, &["transfer", "export", "--to", path(&media)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("set-central-key"));
    // The central side makes its key pair; the mission configures the public key.
    let central = dir.join("central.key");
    let v = success_json(&run(dir, &["transfer", "keygen", "--out", path(&central)]));
    let public = ok(v["public_key"].as_str().ok_or("key")).to_string();
    let public_file = dir.join("central.pub");
    ok(std::fs::write(&public_file, format!("{public}\n")));
    success_json(&run(
        dir,
        &["transfer", "set-central-key", path(&public_file)],
    ));
    let mission = success_json(&run(dir, &["transfer", "mission-key"]));
    let mission_key = ok(mission["mission_key"].as_str().ok_or("key")).to_string();
    success_json(&run(dir, &["transfer", "export", "--to", path(&media)]));
    let file = packages(&media).remove(0);
    let opened = success_json(&run(
        dir,
        &[
            "transfer",
            "open",
            path(&file),
            "--key",
            path(&central),
            "--out",
            path(&dir.join("central-in")),
            "--mission-key",
            &mission_key,
        ],
    ));
    assert_eq!(opened["mode"], "live");
    assert_eq!(opened["mission"], "KZ-LON");
    let out = run(
        dir,
        &[
            "transfer",
            "open",
            path(&file),
            "--key",
            DEMO_KEY,
            "--out",
            path(&dir.join("demo-in")),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "the demonstration key never opens a live package"
    );
}

/// What the central side does with what it received: accept all but one,
/// reject that one with a reason, and sign the answer.
fn central_answer(
    key_file: &str,
    mission_key: &str,
    mode: &str,
    tcns: &[String],
    reject: &str,
) -> Vec<u8> {
    let key = ok(beder::transfer::signing_key_in(&ok(
        std::fs::read_to_string(key_file),
    )));
    let ack = beder::transfer::ack::Acknowledgment {
        mode: mode.into(),
        mission_key: mission_key.into(),
        issued_at: "2026-12-03T12:00:00Z".into(),
        answers: tcns
            .iter()
            .map(|t| beder::transfer::ack::Answer {
                tcn: t.clone(),
                accepted: t != reject,
                reason: (t == reject).then(|| "birth date disagrees with the IIN".into()),
            })
            .collect(),
    };
    beder::transfer::ack::sign(&ack, &key)
}

#[test]
fn the_central_answer_updates_the_outbox_once_and_a_forged_one_changes_nothing() {
    let f = training_with_work();
    drop(f.store);
    let dir = f.dir.path();
    let media = dir.join("stick");
    ok(std::fs::create_dir_all(&media));
    success_json(&run(
        dir,
        &["--training", "transfer", "export", "--to", path(&media)],
    ));
    let store = ok(beder::store::Store::open(dir, Mode::Training, PASSPHRASE));
    let tcns: Vec<String> = ok(store.outbox(None)).into_iter().map(|i| i.tcn).collect();
    let mission = hex(&ok(store.mission_signing_key()).verifying_key().to_bytes());
    drop(store);
    assert_eq!(tcns.len(), 3);
    let mut with_unknown = tcns.clone();
    with_unknown.push("BDR-NOT-OURS-00000001".into());
    let answer = central_answer(DEMO_KEY, &mission, "training", &with_unknown, &tcns[1]);
    let file = dir.join("ack.txt");
    // Forged: one byte changed; signed by another key; for another
    // mission; for the live database. Each refused, nothing changed.
    let mut changed = answer.clone();
    let at = changed.len() / 2;
    changed[at] ^= 0x01;
    let other = dir.join("other.key");
    success_json(&run(dir, &["transfer", "keygen", "--out", path(&other)]));
    for (bytes, says) in [
        (changed, "signature"),
        (
            central_answer(path(&other), &mission, "training", &tcns, ""),
            "signature",
        ),
        (
            central_answer(DEMO_KEY, &"ab".repeat(32), "training", &tcns, ""),
            "another mission",
        ),
        (
            central_answer(DEMO_KEY, &mission, "live", &tcns, ""),
            "live database",
        ),
    ] {
        ok(std::fs::write(&file, &bytes));
        let out = run(dir, &["--training", "transfer", "ack", path(&file)]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{says}: {stderr}");
        assert!(stderr.contains(says), "{says}: {stderr}");
    }
    let store = ok(beder::store::Store::open(dir, Mode::Training, PASSPHRASE));
    assert!(
        ok(store.outbox(None))
            .iter()
            .all(|i| i.state == OutboxState::Exported)
    );
    drop(store);
    // The real answer: two accepted, one rejected with its reason, one TCN
    // that is not ours.
    ok(std::fs::write(&file, &answer));
    let v = success_json(&run(dir, &["--training", "transfer", "ack", path(&file)]));
    assert_eq!(
        (v["accepted"].as_u64(), v["rejected"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(v["unknown"][0], "BDR-NOT-OURS-00000001");
    let store = ok(beder::store::Store::open(dir, Mode::Training, PASSPHRASE));
    let items = ok(store.outbox(None));
    let rejected = ok(items
        .iter()
        .find(|i| i.tcn == tcns[1])
        .ok_or("rejected item"));
    assert_eq!(rejected.state, OutboxState::Rejected);
    assert_eq!(
        rejected.reason.as_deref(),
        Some("birth date disagrees with the IIN")
    );
    assert_eq!(
        items
            .iter()
            .filter(|i| i.state == OutboxState::Acknowledged)
            .count(),
        2
    );
    assert!(ok(store.outbox_summary()).last_answer.is_some());
    drop(store);
    // Read twice: nothing changes.
    let v = success_json(&run(dir, &["--training", "transfer", "ack", path(&file)]));
    assert_eq!(v["already_answered"], 3);
    // Just acknowledged: the retention (30 days by default) keeps the
    // images for now.
    let v = success_json(&run(dir, &["--training", "transfer", "purge", "--dry-run"]));
    assert_eq!(
        (v["retention_days"].as_u64(), v["registrations"].as_u64()),
        (Some(30), Some(0))
    );
}

fn central_marks(mission_key: &str, document: &str) -> Vec<u8> {
    let key = ok(beder::transfer::signing_key_in(&ok(
        std::fs::read_to_string(DEMO_KEY),
    )));
    let template = hex(&[0x46, 0x4d, 0x52, 0x00]);
    beder::transfer::marks::sign(
        &beder::transfer::marks::MarksFile {
            mode: "training".into(),
            mission_key: mission_key.into(),
            issued_at: "2026-12-03T12:00:00Z".into(),
            marks: vec![
                beder::transfer::marks::CentralMark {
                    central_id: "HKT-2025-000017".into(),
                    registry: "citizen".into(),
                    surname: "Жұмабеков".into(),
                    name: "Ерлан".into(),
                    patronymic: None,
                    birth_date: d("1979-04-04"),
                    iin: None,
                    document_number: Some(document.into()),
                    registered_on: d("2025-03-01"),
                    source: "Consulate General in Istanbul".into(),
                    templates: vec![beder::transfer::marks::MarkTemplate {
                        position: 2,
                        iso_hex: template,
                    }],
                },
                beder::transfer::marks::CentralMark {
                    central_id: "BRK-2024-000333".into(),
                    registry: "foreigner".into(),
                    surname: "Doe".into(),
                    name: "Jane".into(),
                    patronymic: None,
                    birth_date: d("1980-05-05"),
                    iin: None,
                    document_number: Some("P 777".into()),
                    registered_on: d("2024-01-01"),
                    source: "Embassy in Dubai".into(),
                    templates: Vec::new(),
                },
            ],
        },
        &key,
    )
}

#[test]
fn central_marks_load_once_update_in_place_and_the_look_up_finds_them() {
    let f = fixture(Mode::Training);
    let mission = hex(&ok(f.store.mission_signing_key()).verifying_key().to_bytes());
    drop(f.store);
    let dir = f.dir.path();
    let file = dir.join("marks.txt");
    // Forged or for another mission: refused, nothing loaded.
    let mut forged = central_marks(&mission, "N 1112223");
    let at = forged.len() / 3;
    forged[at] ^= 0x02;
    for (bytes, says) in [
        (forged, "signature"),
        (
            central_marks(&"cd".repeat(32), "N 1112223"),
            "another mission",
        ),
    ] {
        ok(std::fs::write(&file, &bytes));
        let out = run(
            dir,
            &["--training", "transfer", "import-marks", path(&file)],
        );
        assert_eq!(out.status.code(), Some(2), "{says}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "{says}"
        );
    }
    ok(std::fs::write(&file, central_marks(&mission, "N 1112223")));
    let v = success_json(&run(
        dir,
        &["--training", "transfer", "import-marks", path(&file)],
    ));
    assert_eq!(
        (v["added"].as_u64(), v["duplicates"].as_u64()),
        (Some(2), Some(0))
    );
    // The same file again: duplicates, nothing added.
    let v = success_json(&run(
        dir,
        &["--training", "transfer", "import-marks", path(&file)],
    ));
    assert_eq!(
        (v["added"].as_u64(), v["duplicates"].as_u64()),
        (Some(0), Some(2))
    );
    // The central system corrects a document number: an update, not a
    // second person.
    ok(std::fs::write(&file, central_marks(&mission, "N 9998887")));
    let v = success_json(&run(
        dir,
        &["--training", "transfer", "import-marks", path(&file)],
    ));
    assert_eq!(
        (v["updated"].as_u64(), v["duplicates"].as_u64()),
        (Some(1), Some(1))
    );
    let store = ok(beder::store::Store::open(dir, Mode::Training, PASSPHRASE));
    let by_new = ok(store.lookup(
        Some(beder::model::Registry::Citizen),
        &beder::store::LookupQuery::Document("N 9998887".into()),
    ));
    assert_eq!(by_new.len(), 1);
    let beder::store::LookupSource::ImportedMark { id, .. } = by_new[0].source else {
        panic!("a mark");
    };
    assert_eq!(
        ok(store.mark_templates(beder::model::Registry::Citizen, id)).len(),
        1
    );
    let by_old = ok(store.lookup(
        Some(beder::model::Registry::Citizen),
        &beder::store::LookupQuery::Document("N 1112223".into()),
    ));
    assert!(by_old.is_empty(), "the old number is gone with the update");
    let imports = ok(store.audit_entries(20))
        .iter()
        .filter(|e| e.action == "marks_imported")
        .count();
    assert!(imports >= 3, "every import is audited");
}

/// A verification (п.11) travels as a Type-2 event naming the record it
/// was made against.
#[test]
fn a_verification_travels_as_an_event_naming_its_record() {
    let mut f = fixture(Mode::Training);
    ok(f.store
        .save_settings(Some(f.officer), &[("mission_code", "TRAINING".to_string())]));
    let id = ok(f.store.save_registration(f.officer, &citizen_with_images()));
    ok(f.store.record_verification(
        beder::store::LookupSource::Registration {
            registry: id.registry,
            id: id.id,
        },
        &beder::store::VerificationRecord {
            verified_at: chrono::Utc::now(),
            officer_id: f.officer,
            method: beder::store::VerificationMethod::Fingers,
            positions: vec![2, 7],
            scores: vec![0.61, 0.44],
            threshold: 0.127,
            verified: true,
            document: None,
        },
    ));
    let media = f.dir.path().join("stick");
    ok(std::fs::create_dir_all(&media));
    ok(beder::transfer::export(
        &mut f.store,
        &media,
        None,
        false,
        chrono::Utc::now(),
    ));
    let identity = ok(beder::transfer::package::parse_identity(&ok(
        std::fs::read_to_string(DEMO_KEY),
    )));
    let opened = ok(beder::transfer::package::open(
        &ok(std::fs::read(&packages(&media)[0])),
        &identity,
        None,
    ));
    let kinds: Vec<&str> = opened
        .manifest
        .items
        .iter()
        .map(|i| i.kind.as_str())
        .collect();
    assert_eq!(kinds, ["registration", "verification"]);
    let t = ok(Transaction::read(&opened.transactions[1]));
    let Some(Record::Tagged(type2)) = t.records.get(1) else {
        panic!("no Type-2");
    };
    let text = |n: u32| type2.field(n).map(|f| f.text()).unwrap_or_default();
    assert_eq!(text(6), "VERIFICATION");
    assert_eq!(text(4), id.to_string());
    let data: serde_json::Value = ok(serde_json::from_str(&text(50)));
    assert_eq!(data["verification"]["method"], "fingers");
    assert_eq!(data["verification"]["positions"], serde_json::json!([2, 7]));
    assert_eq!(data["against"]["kind"], "registration");
}
