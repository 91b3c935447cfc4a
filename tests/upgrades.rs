//! Upgrades: a database made by each earlier schema version, holding what
//! that version's code wrote (a registration with a corrected personal-data
//! version, ten biometric rows with an exception, a verification, an
//! exemption, a refusal, an imported mark, and the log entries of each),
//! is opened by the current code and read back field by field; its log
//! still verifies and binds every record from then on. A migration that
//! fails leaves the file as it was. (After mozilla application-services'
//! `test_upgrades`.)

mod common;

use beder::model::{
    ExceptionReason, FingerPosition, PassportKind, PassportService, PersonalData, Position,
    Registry, Service, VisaApplication,
};
use beder::store::{
    KdfParams, LookupQuery, LookupSource, Mode, NonCollection, NonCollectionOutcome, OutboxKind,
    OutboxState, PersonIdentity, Refusal, RegistrationId, Store, StoreError, VerificationMethod,
    document_key, latest_version, name_key,
};
use common::*;
use rusqlite::{Connection, params};

const AT: &str = "2026-11-20T09:30:00.000000Z";

fn person() -> PersonIdentity {
    PersonIdentity {
        name: beder::model::FullName {
            surname: "Smith".into(),
            name: "John".into(),
            patronymic: None,
        },
        birth_date: d("1979-07-30"),
        iin: None,
        document_number: Some("GB123456".into()),
    }
}

fn exemption() -> NonCollection {
    NonCollection {
        registry: Registry::Foreigner,
        person: person(),
        outcome: NonCollectionOutcome::NotSubject,
        grounds: vec!["3.2".into()],
        service: Service::Visa(VisaApplication::PaperAtMission),
        medical_conclusion: None,
        reciprocity_category: None,
        reciprocity: false,
        family_member: false,
        passport_kind: PassportKind::Ordinary,
        courier_sheet: false,
        lacks_all_fingers_or_palms: false,
        decided_on: d("2026-11-19"),
    }
}

fn refusal() -> Refusal {
    Refusal {
        person: PersonIdentity {
            name: beder::model::FullName {
                surname: "Ахметов".into(),
                name: "Бауыржан".into(),
                patronymic: None,
            },
            birth_date: d("1990-01-02"),
            iin: Some("900102300045".into()),
            document_number: None,
        },
        service: Service::Passport(PassportService::FirstIssue),
    }
}

/// The personal data as stored: JSON without the images.
fn stripped(personal: &PersonalData) -> String {
    let mut p = personal.clone();
    if let PersonalData::Citizen(c) = &mut p {
        c.photo = None;
        c.signature = None;
    }
    ok(serde_json::to_string(&p))
}

/// What the code of schema `version` wrote.
#[expect(
    clippy::too_many_lines,
    reason = "each schema version's rows as that version wrote them"
)]
fn seed(conn: &Connection, version: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO officers (id, surname, name, login, password_hash, role, created_at)
         VALUES (1, 'Сейтқали', 'Айгүл', 'aigul', 'x', 'supervisor', ?1)",
        [AT],
    )?;
    conn.execute(
        "INSERT INTO citizen_registrations (id, registered_on, basis_paragraph, basis_service,
            officer_id, officer_surname, officer_name, created_at)
         VALUES (1, '2026-11-20', '3.1', ?1, 1, 'Сейтқали', 'Айгүл', ?2)",
        params![
            ok(serde_json::to_string(&Service::Passport(
                PassportService::Replacement
            ))),
            AT
        ],
    )?;
    let first = PersonalData::Citizen(citizen_data("Нурланов", "Кайрат"));
    let corrected = PersonalData::Citizen(citizen_data("Нұрланов", "Қайрат"));
    let change_sql = if version >= 2 {
        "INSERT INTO citizen_changes (id, registration_id, kind, applicant, reason, applied_on,
            officer_id, changed_at, applicant_document)
         VALUES (1, 1, 'correction', 'person', 'Kazakh letters', '2026-11-20', 1, ?1, NULL)"
    } else {
        "INSERT INTO citizen_changes (id, registration_id, kind, applicant, reason, applied_on,
            officer_id, changed_at)
         VALUES (1, 1, 'correction', 'person', 'Kazakh letters', '2026-11-20', 1, ?1)"
    };
    conn.execute(change_sql, [AT])?;
    for (version, personal, valid_to, change) in
        [(1, &first, Some(AT), None), (2, &corrected, None, Some(1))]
    {
        let PersonalData::Citizen(c) = personal else {
            continue;
        };
        conn.execute(
            "INSERT INTO citizen_personal_data (registration_id, version, valid_from, valid_to,
                change_id, data, photo, photo_format, signature, signature_format, surname_key,
                name_key, birth_date, iin, document_key)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, 'jpeg', ?7, 'png', ?8, ?9, '1985-03-12', ?10, ?11)",
            params![
                version,
                AT,
                valid_to,
                change,
                stripped(personal),
                c.photo.as_ref().map(|p| p.bytes.clone()),
                c.signature.as_ref().map(|s| s.bytes.clone()),
                name_key(&c.name.surname),
                name_key(&c.name.name),
                c.iin,
                document_key("N 1234567"),
            ],
        )?;
    }
    for finger in FingerPosition::ALL {
        let code = finger.code();
        if finger == FingerPosition::LeftRing {
            conn.execute(
                "INSERT INTO citizen_biometrics (registration_id, set_version, valid_from, position,
                    impression, attempts, exception, exception_permanence)
                 VALUES (1, 1, ?1, ?2, 'flat', 0, 'amputated', 'permanent')",
                params![AT, code],
            )?;
        } else {
            conn.execute(
                "INSERT INTO citizen_biometrics (registration_id, set_version, valid_from, position,
                    impression, image_png, ppi, template, template_format, quality, attempts,
                    force_captured, device_id, captured_at)
                 VALUES (1, 1, ?1, ?2, 'flat', ?3, 500, ?4, 'iso19794-2:2011', ?5, 1, 0,
                    'SIM-0001', ?1)",
                params![
                    AT,
                    code,
                    image_bytes(code, 2048),
                    image_bytes(100 + code, 300),
                    40 + code * 5
                ],
            )?;
        }
    }
    let verification = if version >= 3 {
        "INSERT INTO citizen_verifications (registration_id, method, verified_at, officer_id,
            positions, scores, threshold, verified)
         VALUES (1, 'fingers', ?1, 1, '[1,2]', '[0.8,0.7]', 0.3, 1)"
    } else {
        "INSERT INTO citizen_verifications (registration_id, verified_at, officer_id, positions,
            scores, threshold, verified)
         VALUES (1, ?1, 1, '[1,2]', '[0.8,0.7]', 0.3, 1)"
    };
    conn.execute(verification, [AT])?;
    let decision = exemption();
    conn.execute(
        "INSERT INTO foreigner_non_collections (id, outcome, grounds, evidence, data, surname_key,
            name_key, birth_date, decided_on, officer_id, created_at)
         VALUES (1, 'not_subject', '[\"3.2\"]', ?1, ?2, 'smith', 'john', '1979-07-30',
            '2026-11-19', 1, ?3)",
        params![
            ok(serde_json::to_string(&decision)),
            ok(serde_json::to_string(&decision.person)),
            AT
        ],
    )?;
    let refused = refusal();
    conn.execute(
        "INSERT INTO citizen_refusals (id, data, surname_key, name_key, birth_date, iin,
            refused_at, officer_id)
         VALUES (1, ?1, ?2, ?3, '1990-01-02', '900102300045', ?4, 1)",
        params![
            ok(serde_json::to_string(&refused)),
            name_key("Ахметов"),
            name_key("Бауыржан"),
            AT
        ],
    )?;
    conn.execute(
        "INSERT INTO foreigner_registration_marks (surname, name, surname_key, name_key,
            birth_date, document_key, registered_on, source, imported_at)
         VALUES ('Doe', 'Jane', ?1, ?2, '1980-05-05', ?3, '2025-01-01', 'Consulate in Dubai', ?4)",
        params![name_key("Doe"), name_key("Jane"), document_key("P 777"), AT],
    )?;
    Ok(())
}

/// Builds a database of schema `version`, holding the seed.
fn old_database(version: i64) -> tempfile::TempDir {
    let dir = ok(tempfile::tempdir());
    ok(Store::create_at_schema(
        dir.path(),
        Mode::Live,
        PASSPHRASE,
        KdfParams::insecure_fast_for_tests(),
        version,
        |conn| seed(conn, version),
    ));
    dir
}

#[test]
fn every_earlier_schema_opens_with_its_data_intact() {
    assert!(latest_version() >= 4);
    for version in 1..latest_version() {
        let dir = old_database(version);
        // Read-only, it is read as it is, and not upgraded.
        {
            let old = ok(Store::open_read_only(dir.path(), Mode::Live, PASSPHRASE));
            let report = ok(old.check());
            assert_eq!(report.schema_version, version);
            assert!(report.healthy(), "schema {version}: {report:?}");
            // Records are bound to the log from schema 4 on.
            assert_eq!(report.content.bound, version >= 4, "schema {version}");
        }
        let mut store = ok(Store::open(dir.path(), Mode::Live, PASSPHRASE));
        let report = ok(store.check());
        assert_eq!(report.schema_version, latest_version(), "schema {version}");
        // The log: the entries of the old code (plain SHA-256) and the new
        // ones (keyed) verify as one chain; every record is bound.
        assert!(report.healthy(), "schema {version}: {report:?}");
        assert_eq!(report.content.checked, 3, "schema {version}");
        assert_eq!(report.citizen_registrations, 1);

        let id = RegistrationId {
            registry: Registry::Citizen,
            id: 1,
        };
        let registration = ok(store.load_registration(1, id));
        let PersonalData::Citizen(c) = &registration.personal else {
            panic!("schema {version}: not a citizen");
        };
        let want = citizen_data("Нұрланов", "Қайрат");
        assert_eq!(c, &want, "schema {version}: personal data");
        assert_eq!(registration.registered_on, d("2026-11-20"));
        assert_eq!(
            registration.basis.service,
            Service::Passport(PassportService::Replacement)
        );
        assert_eq!(registration.biometrics.len(), 10);
        for row in &registration.biometrics {
            let Position::Finger(finger) = row.position else {
                panic!("schema {version}: a palm");
            };
            let code = finger.code();
            if finger == FingerPosition::LeftRing {
                assert_eq!(row.exception, Some(ExceptionReason::Amputated));
                assert!(row.capture.is_none());
                continue;
            }
            let capture = row
                .capture
                .as_ref()
                .unwrap_or_else(|| panic!("schema {version}: finger {code}"));
            assert_eq!(capture.png, Some(image_bytes(code, 2048)));
            assert_eq!(capture.ppi, 500);
            assert_eq!(capture.quality, 40 + code * 5);
            assert_eq!(
                capture.template.as_ref().map(|t| t.data.clone()),
                Some(image_bytes(100 + code, 300))
            );
            assert_eq!(row.force_reason, None);
            assert_eq!(row.device_id.as_deref(), Some("SIM-0001"));
        }
        let history = ok(store.personal_history(id));
        assert_eq!(history.len(), 2, "schema {version}: the archive (п.14)");
        let changes = ok(store.changes(id));
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].reason, "Kazakh letters");
        assert_eq!(changes[0].applicant_document, None);
        let verifications = ok(store.verifications(id));
        assert_eq!(verifications.len(), 1, "schema {version}");
        assert_eq!(verifications[0].method, VerificationMethod::Fingers);
        assert_eq!(
            ok(store.non_collection(Registry::Foreigner, 1)),
            exemption()
        );
        assert_eq!(ok(store.refusal(1)), refusal());
        let marks = ok(store.lookup(
            Some(Registry::Foreigner),
            &LookupQuery::Document("P 777".into()),
        ));
        assert!(
            marks
                .iter()
                .any(|h| matches!(h.source, LookupSource::ImportedMark { .. })),
            "schema {version}: the imported mark"
        );

        // Nothing it held had reached the registries: the registration,
        // the verification, the exemption and the refusal wait in the
        // outbox, once each.
        let queued = ok(store.outbox(Some(OutboxState::Queued)));
        let kinds: Vec<OutboxKind> = queued.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [
                OutboxKind::Registration,
                OutboxKind::Verification,
                OutboxKind::NonCollection,
                OutboxKind::Refusal
            ],
            "schema {version}"
        );

        // The upgraded database takes new work, and it is bound too.
        ok(store.save_registration(1, &citizen_registration()));
        assert_eq!(ok(store.outbox(None)).len(), 5);
        let report = ok(store.check());
        assert!(report.healthy(), "schema {version}: {report:?}");
        assert_eq!(report.content.checked, 4);
        // A checkpoint can be made and proves the log so far.
        let checkpoint = ok(store.checkpoint());
        assert!(ok(store.verify_audit_against(&[checkpoint])).intact());
    }
}

#[test]
fn a_failed_migration_leaves_the_file_as_it_was() {
    let dir = ok(tempfile::tempdir());
    // A schema-3 database on which migration 4 must fail: its audit log
    // already has the column migration 4 adds.
    ok(Store::create_at_schema(
        dir.path(),
        Mode::Live,
        PASSPHRASE,
        KdfParams::insecure_fast_for_tests(),
        3,
        |conn| {
            seed(conn, 3)?;
            conn.execute_batch("ALTER TABLE audit_log ADD COLUMN content BLOB;")
        },
    ));
    let path = Store::database_path(dir.path(), Mode::Live);
    let before = ok(std::fs::read(&path));
    let error = Store::open(dir.path(), Mode::Live, PASSPHRASE);
    assert!(
        matches!(
            error,
            Err(StoreError::Sqlite(_)) | Err(StoreError::Corrupt(_))
        ),
        "{error:?}"
    );
    assert_eq!(ok(std::fs::read(&path)), before, "not a byte changed");
    let old = ok(Store::open_read_only(dir.path(), Mode::Live, PASSPHRASE));
    assert_eq!(ok(old.check()).schema_version, 3);
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let f = fixture(Mode::Live);
    let path = f.store.path().to_path_buf();
    ok(f.store
        .raw_connection()
        .execute_batch(&format!("PRAGMA user_version = {};", latest_version() + 1)));
    drop(f.store);
    let before = ok(std::fs::read(&path));
    assert!(matches!(
        Store::open(f.dir.path(), Mode::Live, PASSPHRASE),
        Err(StoreError::NewerSchema { .. })
    ));
    assert_eq!(ok(std::fs::read(&path)), before);
}
