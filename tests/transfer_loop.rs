//! The whole loop with the registries, on a seeded training database:
//! export → open with the central key → every transaction matches the
//! database field by field → an acknowledgment accepting all but one →
//! states → the purge after the retention period (templates kept, audited,
//! backups without images) → marks imported → a returning person found by
//! a mark goes to verification at the desk.

mod common;

use std::collections::BTreeMap;

use beder::enrollment::seed::seed_training;
use beder::enrollment::{Completion, IdentityForm};
use beder::interchange::an2::{Record, TaggedRecord, Transaction};
use beder::model::{ApplicantKind, PersonalData, Position, Registry, Service, Sex};
use beder::store::{
    LookupSource, Mode, OutboxItem, OutboxKind, OutboxState, RegistrationId, Store,
    VerificationMethod,
};
use beder::transfer::{ack, marks, package};
use chrono::{DateTime, Duration, TimeZone, Utc};
use common::desk::*;
use common::*;

const DEMO_KEY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/training-keys/central-demo.key"
);

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

fn tagged(t: &Transaction) -> Vec<&TaggedRecord> {
    t.records
        .iter()
        .filter_map(|r| match r {
            Record::Tagged(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn text(r: &TaggedRecord, field: u32) -> String {
    r.field(field).map(|f| f.text()).unwrap_or_default()
}

/// The event's JSON (2.050) as the central side reads it.
fn event_json(type2: &TaggedRecord) -> serde_json::Value {
    ok(serde_json::from_str(&text(type2, 50)))
}

/// One transaction against the database, field by field.
#[expect(
    clippy::too_many_lines,
    reason = "every field of a transaction against the database's record"
)]
fn matches_the_database(store: &Store, item: &OutboxItem, t: &Transaction) {
    let records = tagged(t);
    let (type1, type2) = (records[0], records[1]);
    assert_eq!((type1.record_type, type2.record_type), (1, 2));
    assert_eq!(text(type1, 4), "TRNG", "made in the training room");
    assert_eq!(text(type1, 9), item.tcn);
    assert_eq!(text(type2, 6), item.kind.code().to_ascii_uppercase());
    match item.kind {
        OutboxKind::Registration | OutboxKind::Correction | OutboxKind::Refingerprinting => {
            let id = RegistrationId {
                registry: item.registry,
                id: item.record_id,
            };
            let reg = ok(store.registration_for_transfer(id));
            assert_eq!(text(type2, 4), id.to_string());
            assert_eq!(text(type2, 5), reg.personal_version.to_string());
            let name = reg.personal.name();
            assert_eq!(
                ok(type2.field(10).ok_or("2.010")).subfields()[0],
                vec![
                    name.surname.clone(),
                    name.name.clone(),
                    name.patronymic.clone().unwrap_or_default()
                ]
            );
            assert_eq!(
                text(type2, 11),
                reg.personal.birth_date().format("%Y%m%d").to_string()
            );
            let (sex, photo) = match &reg.personal {
                PersonalData::Citizen(c) => (c.sex, c.photo.as_ref()),
                PersonalData::Foreigner(f) => (f.sex, f.photo.as_ref()),
            };
            assert_eq!(text(type2, 12), if sex == Sex::Male { "M" } else { "F" });
            let photos: Vec<_> = records.iter().filter(|r| r.record_type == 10).collect();
            assert_eq!(photos.len(), usize::from(photo.is_some()));
            if let (Some(photo), Some(r)) = (photo, photos.first()) {
                assert_eq!(
                    r.image(),
                    Some(photo.bytes.as_slice()),
                    "the photo as taken"
                );
            }
            // Every position: its print (size, quality, template) or its
            // exception.
            let prints: Vec<&&TaggedRecord> = records
                .iter()
                .filter(|r| r.record_type == 14 || r.record_type == 15)
                .collect();
            assert_eq!(prints.len(), reg.biometrics.len());
            for b in &reg.biometrics {
                let code = b.position.code().to_string();
                let r = ok(prints
                    .iter()
                    .find(|r| text(r, 13) == code)
                    .ok_or("the position's record"));
                let want_type = match b.position {
                    Position::Finger(_) => 14,
                    Position::Palm(_) => 15,
                };
                assert_eq!(r.record_type, want_type);
                match (&b.capture, b.exception) {
                    (Some(capture), None) => {
                        let png = ok(capture.png.as_deref().ok_or("an image"));
                        let image = ok(image::load_from_memory(png));
                        assert_eq!(text(r, 6), image.width().to_string());
                        assert_eq!(text(r, 7), image.height().to_string());
                        assert_eq!(text(r, 9), capture.ppi.to_string());
                        assert_eq!(
                            ok(r.field(24).ok_or("quality")).subfields()[0][1],
                            capture.quality.to_string()
                        );
                        let idc = text(r, 2);
                        if let Some(template) = &capture.template {
                            let cbeff = ok(records
                                .iter()
                                .find(|x| x.record_type == 99 && text(x, 2) == idc)
                                .ok_or("the finger's Type-99"));
                            assert_eq!(
                                cbeff.field(999).map(|f| f.value.as_slice()),
                                Some(template.data.as_slice())
                            );
                        }
                    }
                    (None, Some(_)) => {
                        assert!(r.image().is_none());
                        assert!(r.field(18).is_some(), "AMP");
                        assert!(text(type2, 41).contains(&code), "2.041 EXC");
                    }
                    other => panic!("position {code}: {other:?}"),
                }
            }
        }
        OutboxKind::Refusal => {
            let refusal = ok(store.refusal(item.record_id));
            assert_eq!(event_json(type2), ok(serde_json::to_value(&refusal)));
        }
        OutboxKind::NonCollection => {
            let decision = ok(store.non_collection(item.registry, item.record_id));
            assert_eq!(event_json(type2), ok(serde_json::to_value(&decision)));
        }
        OutboxKind::Verification => {
            let row = ok(item.detail.ok_or("row"));
            let (against, record) = ok(store.verification_row(item.registry, row));
            assert_eq!(
                event_json(type2),
                serde_json::json!({ "against": against, "verification": record })
            );
        }
    }
}

fn signed_answer(mission: &str, tcns: &[String], reject: &str) -> Vec<u8> {
    let key = ok(beder::transfer::signing_key_in(&ok(
        std::fs::read_to_string(DEMO_KEY),
    )));
    ack::sign(
        &ack::Acknowledgment {
            mode: "training".into(),
            mission_key: mission.into(),
            issued_at: at(4).to_rfc3339(),
            answers: tcns
                .iter()
                .map(|t| ack::Answer {
                    tcn: t.clone(),
                    accepted: t != reject,
                    reason: (t == reject).then(|| "the document number is not valid".into()),
                })
                .collect(),
        },
        &key,
    )
}

/// The central system's mark of a person registered at another mission,
/// with the templates of synthetic person 8's fingers.
fn signed_marks(mission: &str) -> Vec<u8> {
    let key = ok(beder::transfer::signing_key_in(&ok(
        std::fs::read_to_string(DEMO_KEY),
    )));
    let templates = beder::biometrics::synth::minutiae::synthetic_person(8, 0)
        .iter()
        .map(|t| marks::MarkTemplate {
            position: t.position.map_or(0, |p| p.code()),
            iso_hex: beder::store::hex(&ok(beder::biometrics::iso::encode_2011(
                std::slice::from_ref(t),
            ))),
        })
        .collect();
    marks::sign(
        &marks::MarksFile {
            mode: "training".into(),
            mission_key: mission.into(),
            issued_at: at(5).to_rfc3339(),
            marks: vec![marks::CentralMark {
                central_id: "HKT-2024-004411".into(),
                registry: "citizen".into(),
                surname: "Бекова".into(),
                name: "Айгерим".into(),
                patronymic: None,
                birth_date: d("1988-08-08"),
                iin: None,
                document_number: None,
                registered_on: d("2024-05-05"),
                source: "Embassy in Berlin".into(),
                templates,
            }],
        },
        &key,
    )
}

#[test]
#[expect(clippy::too_many_lines, reason = "one scenario, read top to bottom")]
fn the_whole_loop_with_the_registries_on_a_seeded_training_database() {
    let mut f = fixture(Mode::Training);
    ok(f.store
        .save_settings(Some(f.officer), &[("mission_code", "TRAINING".to_string())]));
    let seeded = ok(seed_training(
        &mut f.store,
        f.officer,
        6,
        11,
        d("2026-12-01"),
    ));
    assert!(seeded.corrected >= 1 && seeded.refingerprinted >= 1);
    ok(f.store.record_refusal(f.officer, &refusal()));
    let queued = ok(f.store.outbox(None));
    assert!(queued.iter().all(|i| i.state == OutboxState::Queued));
    for kind in [
        OutboxKind::Registration,
        OutboxKind::Correction,
        OutboxKind::Refingerprinting,
        OutboxKind::Refusal,
    ] {
        assert!(queued.iter().any(|i| i.kind == kind), "{kind:?} queued");
    }

    // Export: one package per registry, every item exported.
    let media = f.dir.path().join("stick");
    ok(std::fs::create_dir_all(&media));
    let written = ok(beder::transfer::export(
        &mut f.store,
        &media,
        None,
        false,
        at(3),
    ));
    assert_eq!(written.len(), 2);
    let exported = ok(f.store.outbox(None));
    assert!(exported.iter().all(|i| i.state == OutboxState::Exported));

    // Opened as the central side does; every transaction parses and says
    // what the database holds.
    let identity = ok(package::parse_identity(&ok(std::fs::read_to_string(
        DEMO_KEY,
    ))));
    let mission = ok(beder::transfer::mission_key_hex(&f.store));
    let mut received: BTreeMap<String, Transaction> = BTreeMap::new();
    for p in &written {
        let opened = ok(package::open(
            &ok(std::fs::read(&p.path)),
            &identity,
            Some(&mission),
        ));
        assert_eq!(opened.manifest.items.len(), p.items);
        for (entry, bytes) in opened.manifest.items.iter().zip(&opened.transactions) {
            let t = ok(Transaction::read(bytes));
            assert!(
                received.insert(entry.tcn.clone(), t).is_none(),
                "one TCN once"
            );
        }
    }
    assert_eq!(
        received.keys().cloned().collect::<Vec<_>>(),
        {
            let mut tcns: Vec<String> = exported.iter().map(|i| i.tcn.clone()).collect();
            tcns.sort();
            tcns
        },
        "every item, under its TCN"
    );
    for item in &exported {
        matches_the_database(&f.store, item, &received[&item.tcn]);
    }

    // The answer: everything accepted but the first foreigner's
    // registration.
    let rejected = ok(exported
        .iter()
        .find(|i| i.registry == Registry::Foreigner && i.kind == OutboxKind::Registration)
        .ok_or("a foreigner's registration"))
    .clone();
    let tcns: Vec<String> = exported.iter().map(|i| i.tcn.clone()).collect();
    let report = ok(beder::transfer::apply_acknowledgment(
        &mut f.store,
        &signed_answer(&mission, &tcns, &rejected.tcn),
        at(4),
    ));
    assert_eq!((report.accepted, report.rejected), (tcns.len() - 1, 1));
    let answered = ok(f.store.outbox(None));
    for item in &answered {
        let want = if item.tcn == rejected.tcn {
            OutboxState::Rejected
        } else {
            OutboxState::Acknowledged
        };
        assert_eq!(item.state, want, "{}", item.tcn);
    }
    assert_eq!(
        ok(f.store.open_rejections())
            .iter()
            .map(|i| i.tcn.as_str())
            .collect::<Vec<_>>(),
        [rejected.tcn.as_str()]
    );

    // Retention: nothing before the period is over, then every
    // registration the registries accepted — not the rejected one.
    let retention = 30;
    let early =
        ok(f.store
            .purge_delivered_images(retention, at(4) + Duration::days(29), Some(f.officer)));
    assert_eq!(early.registrations, 0, "not before the period is over");
    let registrations: Vec<RegistrationId> = answered
        .iter()
        .filter(|i| i.kind == OutboxKind::Registration)
        .map(|i| RegistrationId {
            registry: i.registry,
            id: i.record_id,
        })
        .collect();
    let due = ok(f
        .store
        .images_due_for_purge(retention, at(4) + Duration::days(31)));
    let purged =
        ok(f.store
            .purge_delivered_images(retention, at(4) + Duration::days(31), Some(f.officer)));
    assert_eq!(purged, due, "the preview said what the purge did");
    assert_eq!(purged.registrations, registrations.len() - 1);
    assert!(purged.prints > 0 && purged.photos >= purged.registrations);
    let kept_id = RegistrationId {
        registry: rejected.registry,
        id: rejected.record_id,
    };
    for id in &registrations {
        let reg = ok(f.store.registration_for_transfer(*id));
        let history = ok(f.store.biometric_history(*id));
        if *id == kept_id {
            assert!(reg.images_purged_at.is_none(), "never what was rejected");
            assert!(
                history
                    .iter()
                    .all(|v| v.record.capture.as_ref().is_none_or(|c| c.png.is_some()))
            );
            continue;
        }
        assert!(reg.images_purged_at.is_some());
        let photo = match &reg.personal {
            PersonalData::Citizen(c) => c.photo.as_ref(),
            PersonalData::Foreigner(f) => f.photo.as_ref(),
        };
        assert!(photo.is_none(), "the photo is purged");
        // Every version's images go; every finger's template stays.
        for version in &history {
            if let Some(capture) = &version.record.capture {
                assert!(capture.png.is_none(), "{id}: an image left");
                if matches!(version.record.position, Position::Finger(_)) {
                    assert!(capture.template.is_some(), "{id}: the template stays");
                }
            }
        }
    }
    let purges = ok(f.store.audit_entries(200))
        .iter()
        .filter(|e| e.action == "images_purged")
        .count();
    assert_eq!(purges, purged.registrations, "every purge audited");
    // The log binds the purged state: `db check` finds every record intact.
    let check = ok(f.store.check());
    assert!(check.healthy(), "{check:?}");
    // Run again: nothing more.
    let again =
        ok(f.store
            .purge_delivered_images(retention, at(4) + Duration::days(40), Some(f.officer)));
    assert_eq!(again.registrations, 0);

    // A backup made afterwards holds no purged image.
    let restore = ok(tempfile::tempdir());
    let target = Store::database_path(restore.path(), Mode::Training);
    ok(f.store.backup_to(&target, Some(f.officer)));
    let mut restored = ok(Store::open(restore.path(), Mode::Training, PASSPHRASE));
    for id in registrations.iter().filter(|id| **id != kept_id) {
        let history = ok(restored.biometric_history(*id));
        assert!(
            history
                .iter()
                .all(|v| v.record.capture.as_ref().is_none_or(|c| c.png.is_none()))
        );
        let reg = ok(restored.load_registration(f.officer, *id));
        assert!(reg.images_purged_at.is_some());
    }
    drop(restored);

    // A record whose images are purged is sent again (a correction)
    // without them: 2.043 names the prints, and no image record goes.
    let purged_id = ok(registrations
        .iter()
        .find(|id| **id != kept_id)
        .ok_or("a purged registration"));
    let mut personal = ok(f.store.load_registration(f.officer, *purged_id)).personal;
    match &mut personal {
        PersonalData::Citizen(c) => c.birth_place = "Алматы".into(),
        PersonalData::Foreigner(f) => f.identity_document.issuing_authority = "MFA".into(),
    }
    ok(f.store.correct_personal_data(
        f.officer,
        *purged_id,
        &personal,
        &beder::model::ChangeRequest {
            applicant: beder::model::ChangeApplicant::ErroneousDataDiscovered,
            applicant_document: None,
            reason: "a typo".into(),
            on: d("2027-01-20"),
        },
    ));
    let second = f.dir.path().join("stick-2");
    ok(std::fs::create_dir_all(&second));
    let written = ok(beder::transfer::export(
        &mut f.store,
        &second,
        Some(purged_id.registry),
        false,
        at(20),
    ));
    let opened = ok(package::open(
        &ok(std::fs::read(&written[0].path)),
        &identity,
        Some(&mission),
    ));
    let t = ok(Transaction::read(&opened.transactions[0]));
    let records = tagged(&t);
    assert!(
        !text(records[1], 43).is_empty(),
        "2.043 names the purged prints"
    );
    assert!(
        records
            .iter()
            .all(|r| ![10, 14, 15, 99].contains(&r.record_type)
                || (r.record_type == 14 && r.image().is_none())),
        "no image and no template sent again"
    );

    // The registries' marks of a person registered elsewhere, loaded;
    // she comes to the desk and is sent to verification by her fingers.
    let imported = ok(beder::transfer::import_marks(
        &mut f.store,
        &signed_marks(&mission),
    ));
    assert_eq!(imported.added, 1);
    let form = IdentityForm {
        surname: "Бекова".into(),
        name: "Айгерим".into(),
        birth_date: "08.08.1988".into(),
        sex: Some(Sex::Female),
        ..IdentityForm::default()
    };
    let mut desk = returning(
        &mut f,
        ApplicantKind::Citizen,
        Service::Passport(beder::model::PassportService::FirstIssue),
        &form,
    );
    assert_eq!(
        desk.verification_method(),
        Some(VerificationMethod::Fingers)
    );
    verify_with(&mut desk, &mut f, 8);
    assert!(matches!(
        desk.completion(),
        Some(Completion::Verified {
            against: LookupSource::ImportedMark { .. },
            method: VerificationMethod::Fingers
        })
    ));
    // … and her verification waits to go to the registry.
    assert!(
        ok(f.store.outbox(Some(OutboxState::Queued)))
            .iter()
            .any(|i| i.kind == OutboxKind::Verification)
    );
}
