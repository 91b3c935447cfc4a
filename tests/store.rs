//! The store: round trips of every table, the archive (п.14), look-ups (п.11),
//! the audit chain, officers, and each failure with its own clear error.

mod common;

use std::fs;
use std::process::Command;

use beder::model::{
    ChangeApplicant, ChangeRequest, ExceptionReason, FingerPosition, FullName, MedicalConclusion,
    OfficerRole, PassportKind, PassportService, PersonalData, Position, ReciprocityCategory,
    Registry, Service, VisaApplication,
};
use beder::store::{
    AuditAction, AuthError, KdfParams, LockoutPolicy, LookupQuery, LookupSource, Mode, NewOfficer,
    NonCollection, NonCollectionOutcome, PersonIdentity, Refusal, RegistrationMark, Store,
    StoreError, VerificationMethod, VerificationRecord, key_file_path, latest_version,
};
use chrono::{Duration, Utc};
use common::*;

fn table_count(store: &Store, table: &str) -> i64 {
    ok(store
        .raw_connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)))
}

#[test]
fn a_registration_round_trips_with_every_part() {
    let mut f = fixture(Mode::Live);
    let new = citizen_registration();
    let id = ok(f.store.save_registration(f.officer, &new));
    let back = ok(f.store.load_registration(f.officer, id));
    assert_eq!(back.personal, new.personal);
    assert_eq!(back.biometrics, new.biometrics);
    assert_eq!(back.registered_on, new.registered_on);
    assert_eq!(back.basis, new.basis);
    assert_eq!(back.officer_name.surname, "Сейтқали");
    assert_eq!(back.personal_version, 1);
    assert_eq!(back.defect_mark, None);
    // The excepted finger keeps its reason; the force-captured one its flag.
    let ring = back
        .biometrics
        .iter()
        .find(|b| b.position == Position::Finger(FingerPosition::LeftRing));
    assert_eq!(
        ring.and_then(|b| b.exception),
        Some(ExceptionReason::Amputated)
    );
    assert!(
        back.biometrics
            .iter()
            .any(|b| b.force_captured && b.attempts == 3)
    );

    let foreign = foreigner_registration("Brown", "123456789");
    let fid = ok(f.store.save_registration(f.officer, &foreign));
    let back = ok(f.store.load_registration(f.officer, fid));
    assert_eq!(back.personal, foreign.personal);
    assert_eq!(back.representative, foreign.representative);
    assert_eq!(fid.registry, Registry::Foreigner);

    let defect = palms_only_defect();
    let did = ok(f.store.save_registration(f.officer, &defect));
    let back = ok(f.store.load_registration(f.officer, did));
    assert_eq!(back.defect_mark, defect.defect_mark);
    assert!(back.biometrics.iter().all(|b| b.capture.is_none()));
}

#[test]
#[expect(clippy::too_many_lines, reason = "one scenario, read top to bottom")]
fn refusals_exemptions_verifications_and_marks_round_trip() {
    let mut f = fixture(Mode::Live);
    let person = PersonIdentity {
        name: FullName {
            surname: "Әбенова".into(),
            name: "Жансая".into(),
            patronymic: None,
        },
        birth_date: d("1990-02-01"),
        iin: Some("900101400404".into()),
        document_number: Some("N7654321".into()),
    };
    let refusal = Refusal {
        person: person.clone(),
        service: Service::Passport(PassportService::FirstIssue),
    };
    let rid = ok(f.store.record_refusal(f.officer, &refusal));
    assert_eq!(ok(f.store.refusal(rid)), refusal);

    let exemption = NonCollection {
        registry: Registry::Foreigner,
        person: person.clone(),
        outcome: NonCollectionOutcome::Exempt,
        grounds: vec!["4.2".into(), "4.3".into()],
        service: Service::Visa(VisaApplication::PaperAtMission),
        medical_conclusion: Some(MedicalConclusion {
            number: "МКК-4".into(),
            date: d("2026-10-10"),
        }),
        reciprocity_category: Some(ReciprocityCategory::DiplomaticCourier),
        reciprocity: true,
        family_member: false,
        passport_kind: PassportKind::Diplomatic,
        courier_sheet: true,
        lacks_all_fingers_or_palms: false,
        decided_on: d("2026-11-25"),
    };
    let eid = ok(f.store.record_non_collection(f.officer, &exemption));
    assert_eq!(
        ok(f.store.non_collection(Registry::Foreigner, eid)),
        exemption
    );

    let id = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    let verification = VerificationRecord {
        // Stored to the microsecond.
        verified_at: ok(chrono::DateTime::parse_from_rfc3339(
            "2026-11-25T10:15:30.123456Z",
        ))
        .with_timezone(&Utc),
        officer_id: f.officer,
        method: VerificationMethod::Fingers,
        positions: vec![2, 7],
        scores: vec![61.5, 48.0],
        threshold: 40.0,
        verified: true,
        document: None,
    };
    let source = LookupSource::Registration {
        registry: id.registry,
        id: id.id,
    };
    ok(f.store.record_verification(source, &verification));
    // Identity confirmed by the documents names the document seen.
    let by_documents = VerificationRecord {
        method: VerificationMethod::Documents,
        positions: Vec::new(),
        scores: Vec::new(),
        threshold: 0.0,
        document: Some("passport N 1234567".into()),
        ..verification.clone()
    };
    assert!(
        f.store
            .record_verification(
                source,
                &VerificationRecord {
                    document: None,
                    ..by_documents.clone()
                }
            )
            .is_err()
    );
    ok(f.store.record_verification(source, &by_documents));
    let back = ok(f.store.verifications(id));
    assert_eq!(back, [verification, by_documents]);

    let marks = vec![RegistrationMark {
        person: person.clone(),
        registered_on: d("2024-05-05"),
        source: "Berlin".into(),
        templates: Vec::new(),
        central_id: None,
    }];
    assert_eq!(
        ok(f.store.import_marks(f.officer, Registry::Citizen, &marks)),
        1
    );
    let hits = ok(f.store.lookup(
        Some(Registry::Citizen),
        &LookupQuery::Iin("900101400404".into()),
    ));
    assert!(
        hits.iter()
            .any(|h| matches!(h.source, LookupSource::ImportedMark { .. }))
    );
}

#[test]
fn three_corrections_are_three_archived_versions_plus_the_current_one() {
    let mut f = fixture(Mode::Live);
    let id = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    let places = ["Астана", "Шымкент", "Қарағанды"];
    let applicants = [
        ChangeApplicant::Person,
        ChangeApplicant::LegalRepresentative,
        ChangeApplicant::ErroneousDataDiscovered,
    ];
    for (place, applicant) in places.iter().zip(applicants) {
        let mut data = citizen_data("Нұрланов", "Қайрат");
        data.birth_place = (*place).into();
        let request = ChangeRequest {
            applicant,
            reason: format!("place of birth is {place}"),
            on: d("2026-11-26"),
            applicant_document: (applicant == ChangeApplicant::LegalRepresentative)
                .then(|| "N9988776".to_string()),
        };
        ok(f.store
            .correct_personal_data(f.officer, id, &PersonalData::Citizen(data), &request));
    }
    let history = ok(f.store.personal_history(id));
    assert_eq!(history.len(), 4);
    assert_eq!(history.iter().filter(|v| v.valid_to.is_some()).count(), 3);
    assert!(history[3].valid_to.is_none());
    let birth_places: Vec<String> = history
        .iter()
        .map(|v| match &v.personal {
            PersonalData::Citizen(c) => c.birth_place.clone(),
            PersonalData::Foreigner(_) => String::new(),
        })
        .collect();
    assert_eq!(birth_places, ["Алматы", "Астана", "Шымкент", "Қарағанды"]);
    assert!(history[0].change.is_none());
    assert_eq!(
        history[1..]
            .iter()
            .map(|v| v.change.as_ref().map(|c| c.applicant))
            .collect::<Vec<_>>(),
        applicants.map(Some)
    );
    // Each archived version closes when the next one opens.
    for pair in history.windows(2) {
        assert_eq!(
            pair[0].valid_to.as_deref(),
            Some(pair[1].valid_from.as_str())
        );
    }
    let current = ok(f.store.load_registration(f.officer, id));
    assert_eq!(current.personal_version, 4);
    // Photos and signatures survive in every version.
    assert!(history.iter().all(|v| matches!(&v.personal, PersonalData::Citizen(c) if c.photo.is_some() && c.signature.is_some())));
}

#[test]
fn refingerprinting_archives_the_previous_prints() {
    let mut f = fixture(Mode::Live);
    let id = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    let before = ok(f.store.load_registration(f.officer, id));
    let mut new_rows: Vec<_> = ten_fingers(&[]);
    for row in &mut new_rows {
        if let Some(c) = row.capture.as_mut() {
            c.png = Some(image_bytes(250, 3000));
        }
    }
    let request = ChangeRequest {
        applicant: ChangeApplicant::Person,
        reason: "index fingers scarred".into(),
        on: d("2026-12-01"),
        applicant_document: None,
    };
    assert_eq!(
        ok(f.store
            .refingerprint(f.officer, id, &new_rows, None, &request)),
        2
    );
    let after = ok(f.store.load_registration(f.officer, id));
    assert_eq!(after.biometrics.len(), 10, "ten current positions");
    let history = ok(f.store.biometric_history(id));
    assert_eq!(history.len(), 20);
    let archived: Vec<_> = history.iter().filter(|v| v.valid_to.is_some()).collect();
    assert_eq!(archived.len(), 10);
    for old in archived {
        let original = before
            .biometrics
            .iter()
            .find(|b| b.position == old.record.position);
        assert_eq!(
            Some(&old.record),
            original,
            "the old print is kept as it was"
        );
    }
}

#[test]
fn lookups_by_iin_document_and_name_across_alphabets() {
    let mut f = fixture(Mode::Live);
    let cid = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    let fid = ok(f
        .store
        .save_registration(f.officer, &foreigner_registration("Brown", "123 456 789")));
    let found = |store: &Store, registry, query: LookupQuery| -> Vec<LookupSource> {
        ok(store.lookup(registry, &query))
            .into_iter()
            .map(|h| h.source)
            .collect()
    };
    let citizen = LookupSource::Registration {
        registry: Registry::Citizen,
        id: cid.id,
    };
    let foreigner = LookupSource::Registration {
        registry: Registry::Foreigner,
        id: fid.id,
    };
    assert_eq!(
        found(&f.store, None, LookupQuery::Iin("850312300012".into())),
        [citizen]
    );
    assert_eq!(
        found(&f.store, None, LookupQuery::Document("n1234567".into())),
        [citizen]
    );
    assert_eq!(
        found(&f.store, None, LookupQuery::Document("123456789".into())),
        [foreigner]
    );
    assert!(
        found(
            &f.store,
            Some(Registry::Citizen),
            LookupQuery::Document("123456789".into())
        )
        .is_empty()
    );
    for (surname, name) in [
        ("Нұрланов", "Қайрат"),
        ("Нурланов", "Кайрат"),
        ("NURLANOV", "Kairat"),
        ("Nurlanov", "Qairat"),
        ("nurlanov", "kayrat"),
    ] {
        let query = LookupQuery::NameAndBirthDate {
            surname: surname.into(),
            name: name.into(),
            birth_date: d("1985-03-12"),
        };
        assert_eq!(found(&f.store, None, query), [citizen], "{surname} {name}");
    }
    let wrong_date = LookupQuery::NameAndBirthDate {
        surname: "Нурланов".into(),
        name: "Кайрат".into(),
        birth_date: d("1985-03-13"),
    };
    assert!(found(&f.store, None, wrong_date).is_empty());
    assert!(found(&f.store, None, LookupQuery::Iin("".into())).is_empty());
}

#[test]
fn a_failed_save_leaves_nothing_behind() {
    let mut f = fixture(Mode::Live);
    let mut twice = citizen_registration();
    twice.biometrics.push(twice.biometrics[0].clone());
    assert!(matches!(
        f.store.save_registration(f.officer, &twice),
        Err(StoreError::Invalid(_))
    ));
    let mut no_prints = palms_only_defect();
    no_prints.defect_mark = None;
    assert!(matches!(
        f.store.save_registration(f.officer, &no_prints),
        Err(StoreError::Invalid(_))
    ));
    let mut bad_iin = citizen_registration();
    if let PersonalData::Citizen(c) = &mut bad_iin.personal {
        c.iin = Some("850312300013".into());
    }
    assert!(f.store.save_registration(f.officer, &bad_iin).is_err());
    // An unknown officer fails inside the transaction: rolled back.
    assert!(
        f.store
            .save_registration(9999, &citizen_registration())
            .is_err()
    );
    for table in [
        "citizen_registrations",
        "citizen_personal_data",
        "citizen_biometrics",
    ] {
        assert_eq!(table_count(&f.store, table), 0, "{table}");
    }
    assert!(ok(f.store.verify_audit()).intact());
}

#[test]
fn every_change_and_read_is_audited_without_personal_data() {
    let mut f = fixture(Mode::Live);
    let id = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    ok(f.store.load_registration(f.officer, id));
    let entries = ok(f.store.audit_entries(100));
    let actions: Vec<&str> = entries.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            AuditAction::DatabaseCreated.code(),
            AuditAction::OfficerCreated.code(),
            AuditAction::RecordCreated.code(),
            AuditAction::RecordRead.code()
        ]
    );
    assert_eq!(entries[0].record_id, Some(id.id));
    assert_eq!(entries[0].officer_id, Some(f.officer));
    // The whole log holds no name, IIN or document number.
    let dump: String = ok(f.store.raw_connection().query_row(
        "SELECT group_concat(coalesce(at,'') || action || coalesce(registry,''), '|') FROM audit_log",
        [],
        |r| r.get(0),
    ));
    for secret in ["Нұрланов", "850312300012", "1234567"] {
        assert!(!dump.contains(secret));
    }
}

#[test]
fn editing_or_deleting_an_audit_entry_is_detected() {
    // (what is done to the log, the first broken entry)
    let tampers = [
        (
            "UPDATE audit_log SET action = 'record_read' WHERE id = 3",
            3,
        ),
        ("UPDATE audit_log SET officer_id = 42 WHERE id = 2", 2),
        ("DELETE FROM audit_log WHERE id = 2", 2),
        (
            "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
            4,
        ),
    ];
    for (sql, first_broken) in tampers {
        let mut f = fixture(Mode::Live);
        let id = ok(f
            .store
            .save_registration(f.officer, &citizen_registration()));
        ok(f.store.load_registration(f.officer, id));
        assert!(ok(f.store.verify_audit()).intact());
        let conn = f.store.raw_connection();
        // The log refuses edits…
        assert!(conn.execute_batch(sql).is_err(), "the trigger stops {sql}");
        // …so a tamperer first removes the triggers.
        ok(conn
            .execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"));
        ok(conn.execute_batch(sql));
        let verdict = ok(f.store.verify_audit());
        assert!(!verdict.intact(), "{sql}");
        assert_eq!(verdict.first_broken, Some(first_broken), "{sql}");
    }
}

#[test]
fn officers_sign_in_lock_out_and_are_deactivated() {
    let mut f = fixture(Mode::Live);
    let now = Utc::now();
    let policy = LockoutPolicy::default();
    let signed = ok(f
        .store
        .authenticate("AIGUL", "desk-password-1", now, policy));
    assert_eq!(signed.id, f.officer);
    assert_eq!(signed.officer.role, OfficerRole::Supervisor);
    assert_eq!(
        signed.officer.name.patronymic.as_deref(),
        Some("Нұрланқызы")
    );

    for attempt in 1..=4 {
        let result = f.store.authenticate("aigul", "wrong", now, policy);
        assert!(
            matches!(result, Err(AuthError::WrongCredentials)),
            "attempt {attempt}"
        );
    }
    let fifth = f.store.authenticate("aigul", "wrong", now, policy);
    assert!(matches!(fifth, Err(AuthError::Locked { .. })));
    // Locked even with the right password, until five minutes have passed.
    let during = f.store.authenticate(
        "aigul",
        "desk-password-1",
        now + Duration::minutes(4),
        policy,
    );
    assert!(matches!(during, Err(AuthError::Locked { .. })));
    ok(f.store.authenticate(
        "aigul",
        "desk-password-1",
        now + Duration::minutes(6),
        policy,
    ));

    assert!(matches!(
        f.store.authenticate("nobody", "whatever1", now, policy),
        Err(AuthError::WrongCredentials)
    ));

    let clerk = ok(f.store.create_officer(
        Some(f.officer),
        &NewOfficer {
            name: FullName {
                surname: "Ivanov".into(),
                name: "Ivan".into(),
                patronymic: None,
            },
            login: "ivan".into(),
            password: "another-pass".into(),
            role: OfficerRole::Officer,
        },
    ));
    assert!(
        f.store
            .create_officer(
                Some(f.officer),
                &NewOfficer {
                    name: FullName {
                        surname: "X".into(),
                        name: "Y".into(),
                        patronymic: None
                    },
                    login: "IVAN".into(),
                    password: "another-pass".into(),
                    role: OfficerRole::Officer,
                }
            )
            .is_err(),
        "logins are unique whatever the case"
    );
    ok(f.store.deactivate_officer(f.officer, clerk));
    assert!(matches!(
        f.store.authenticate("ivan", "another-pass", now, policy),
        Err(AuthError::Deactivated)
    ));
    ok(f.store
        .reset_password(f.officer, f.officer, "brand-new-pass"));
    ok(f.store.authenticate("aigul", "brand-new-pass", now, policy));
    assert_eq!(ok(f.store.officers()).len(), 2);
    let logins = ok(f.store.audit_entries(100))
        .iter()
        .filter(|e| e.action.starts_with("login_"))
        .count();
    assert!(logins >= 10, "every attempt audited, found {logins}");
    assert!(ok(f.store.verify_audit()).intact());
}

#[test]
fn wrong_passphrase_is_its_own_error_and_loses_nothing() {
    let mut f = fixture(Mode::Live);
    let id = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    drop(f.store);
    let error = Store::open(f.dir.path(), Mode::Live, "not the passphrase");
    assert!(
        matches!(error, Err(StoreError::WrongPassphrase)),
        "{error:?}"
    );
    let mut store = ok(Store::open(f.dir.path(), Mode::Live, PASSPHRASE));
    ok(store.load_registration(f.officer, id));
}

#[test]
fn the_file_on_disk_is_encrypted() {
    let mut f = fixture(Mode::Live);
    ok(f.store
        .save_registration(f.officer, &citizen_registration()));
    let path = f.store.path().to_path_buf();
    drop(f.store);
    let bytes = ok(fs::read(&path));
    assert!(!bytes.starts_with(b"SQLite format 3"));
    let text = String::from_utf8_lossy(&bytes);
    for secret in ["Алматы", "850312300012", "aigul", "officers"] {
        assert!(!text.contains(secret), "{secret} readable on disk");
    }
}

#[test]
fn a_damaged_file_is_reported_as_damaged_not_as_a_wrong_passphrase() {
    let mut f = fixture(Mode::Live);
    ok(f.store
        .save_registration(f.officer, &citizen_registration()));
    let path = f.store.path().to_path_buf();
    drop(f.store);
    let mut bytes = ok(fs::read(&path));
    let original = bytes.clone();
    // Scramble the first page and part of the second.
    for b in bytes.iter_mut().take(6000).skip(16) {
        *b = b.wrapping_mul(7).wrapping_add(13);
    }
    ok(fs::write(&path, &bytes));
    let error = Store::open(f.dir.path(), Mode::Live, PASSPHRASE);
    assert!(matches!(error, Err(StoreError::Corrupt(_))), "{error:?}");
    // Nothing was written over the damaged file: restoring it brings all back.
    assert_eq!(ok(fs::read(&path)), bytes);
    ok(fs::write(&path, &original));
    ok(Store::open(f.dir.path(), Mode::Live, PASSPHRASE));
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let f = fixture(Mode::Live);
    ok(f.store
        .raw_connection()
        .pragma_update(None, "user_version", latest_version() + 1));
    drop(f.store);
    let error = Store::open(f.dir.path(), Mode::Live, PASSPHRASE);
    assert!(
        matches!(error, Err(StoreError::NewerSchema { found, supported }) if found == latest_version() + 1 && supported == latest_version()),
        "{error:?}"
    );
}

#[test]
fn opening_twice_applies_no_migration_again() {
    let f = fixture(Mode::Live);
    drop(f.store);
    for _ in 0..2 {
        let store = ok(Store::open(f.dir.path(), Mode::Live, PASSPHRASE));
        let version: i64 = ok(store
            .raw_connection()
            .query_row("PRAGMA user_version", [], |r| r.get(0)));
        assert_eq!(version, latest_version());
        assert_eq!(ok(store.officers()).len(), 1);
    }
}

#[test]
fn missing_directory_missing_database_and_existing_database() {
    let dir = ok(tempfile::tempdir());
    let missing = dir.path().join("nowhere");
    assert!(matches!(
        Store::open(&missing, Mode::Live, PASSPHRASE),
        Err(StoreError::MissingDirectory(_))
    ));
    assert!(matches!(
        Store::open(dir.path(), Mode::Live, PASSPHRASE),
        Err(StoreError::NotInitialized(_))
    ));
    let params = KdfParams::insecure_fast_for_tests();
    ok(Store::create(&missing, Mode::Live, PASSPHRASE, params));
    assert!(matches!(
        Store::create(&missing, Mode::Live, PASSPHRASE, params),
        Err(StoreError::AlreadyExists(_))
    ));
    assert!(matches!(
        Store::create(dir.path(), Mode::Live, "", params),
        Err(StoreError::EmptyPassphrase)
    ));
    // A missing key file is named as such.
    ok(fs::remove_file(key_file_path(&Store::database_path(
        &missing,
        Mode::Live,
    ))));
    assert!(matches!(
        Store::open(&missing, Mode::Live, PASSPHRASE),
        Err(StoreError::KeyFileMissing(_))
    ));
}

#[test]
fn the_live_database_cannot_be_opened_in_training_mode() {
    let mut f = fixture(Mode::Live);
    ok(f.store
        .save_registration(f.officer, &citizen_registration()));
    drop(f.store);
    // Training mode opens its own file, never the live one.
    assert!(matches!(
        Store::open(f.dir.path(), Mode::Training, PASSPHRASE),
        Err(StoreError::NotInitialized(p)) if p.ends_with("beder-training.db")
    ));
    // Even a live file put where the training file goes is refused.
    let live = Store::database_path(f.dir.path(), Mode::Live);
    let training = Store::database_path(f.dir.path(), Mode::Training);
    ok(fs::copy(&live, &training));
    ok(fs::copy(key_file_path(&live), key_file_path(&training)));
    let error = Store::open(f.dir.path(), Mode::Training, PASSPHRASE);
    assert!(
        matches!(error, Err(StoreError::ModeMismatch { .. })),
        "{error:?}"
    );
    // And the other way round.
    let t = fixture(Mode::Training);
    drop(t.store);
    let live = Store::database_path(t.dir.path(), Mode::Live);
    let training = Store::database_path(t.dir.path(), Mode::Training);
    ok(fs::rename(&training, &live));
    ok(fs::rename(key_file_path(&training), key_file_path(&live)));
    assert!(matches!(
        Store::open(t.dir.path(), Mode::Live, PASSPHRASE),
        Err(StoreError::ModeMismatch { .. })
    ));
}

#[test]
fn backup_is_encrypted_and_restores() {
    let mut f = fixture(Mode::Live);
    let id = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    let restore_dir = ok(tempfile::tempdir());
    let target = Store::database_path(restore_dir.path(), Mode::Live);
    ok(f.store.backup_to(&target, Some(f.officer)));
    assert!(matches!(
        f.store.backup_to(&target, None),
        Err(StoreError::AlreadyExists(_))
    ));
    assert!(!ok(fs::read(&target)).starts_with(b"SQLite format 3"));
    let mut restored = ok(Store::open(restore_dir.path(), Mode::Live, PASSPHRASE));
    let back = ok(restored.load_registration(f.officer, id));
    assert_eq!(back.personal, citizen_registration().personal);
    assert!(ok(restored.verify_audit()).intact());
    assert_eq!(ok(restored.check()).integrity, "ok");
}

fn chattr(flag: &str, path: &std::path::Path) -> bool {
    Command::new("chattr")
        .arg(flag)
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn a_read_only_disk_is_its_own_error_and_loses_nothing() {
    let mut f = fixture(Mode::Live);
    let id = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    drop(f.store);
    let db = Store::database_path(f.dir.path(), Mode::Live);
    // Root ignores permission bits, so the test makes the files immutable.
    if !(chattr("+i", &db) && chattr("+i", f.dir.path())) {
        chattr("-i", &db);
        eprintln!("skipped: chattr +i is not available on this file system");
        return;
    }
    let result = Store::open(f.dir.path(), Mode::Live, PASSPHRASE);
    chattr("-i", f.dir.path());
    chattr("-i", &db);
    assert!(matches!(result, Err(StoreError::ReadOnly(_))), "{result:?}");
    let mut store = ok(Store::open(f.dir.path(), Mode::Live, PASSPHRASE));
    ok(store.load_registration(f.officer, id));
}
