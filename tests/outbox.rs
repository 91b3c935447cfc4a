//! The outbox: every event the registries must learn of is queued with the
//! event, in the same transaction, with a control number of its own.

mod common;

use std::collections::BTreeSet;

use beder::model::{
    ChangeApplicant, ChangeRequest, PassportService, Registry, Service, VisaApplication,
};
use beder::store::{
    LookupSource, Mode, NonCollection, NonCollectionOutcome, OutboxKind, OutboxState,
    PersonIdentity, Refusal, VerificationMethod, VerificationRecord,
};
use common::*;

fn person(surname: &str) -> PersonIdentity {
    PersonIdentity {
        name: beder::model::FullName {
            surname: surname.into(),
            name: "Бауыржан".into(),
            patronymic: None,
        },
        birth_date: d("1990-01-02"),
        iin: None,
        document_number: Some("N 7654321".into()),
    }
}

fn request() -> ChangeRequest {
    ChangeRequest {
        applicant: ChangeApplicant::Person,
        reason: "typo".into(),
        on: d("2026-12-01"),
        applicant_document: None,
    }
}

#[test]
#[expect(clippy::too_many_lines, reason = "one scenario, read top to bottom")]
fn every_event_is_queued_once_with_its_own_control_number() {
    let mut f = fixture(Mode::Live);
    let officer = f.officer;
    let store = &mut f.store;
    assert!(ok(store.outbox(None)).is_empty());

    let citizen = ok(store.save_registration(officer, &citizen_registration()));
    let foreigner = ok(store.save_registration(officer, &foreigner_registration("Smith", "X1")));
    let mut corrected = citizen_registration().personal;
    if let beder::model::PersonalData::Citizen(c) = &mut corrected {
        c.name.name = "Қайрат-Ұлан".into();
    }
    let version = ok(store.correct_personal_data(officer, citizen, &corrected, &request()));
    let set = ok(store.refingerprint(officer, foreigner, &ten_fingers(&[]), None, &request()));
    let refusal = ok(store.record_refusal(
        officer,
        &Refusal {
            person: person("Ахметов"),
            service: Service::Passport(PassportService::FirstIssue),
        },
    ));
    let decision = ok(store.record_non_collection(
        officer,
        &NonCollection {
            registry: Registry::Foreigner,
            person: person("Brown"),
            outcome: NonCollectionOutcome::NotSubject,
            grounds: vec!["3.2".into()],
            service: Service::Visa(VisaApplication::PaperAtMission),
            medical_conclusion: None,
            reciprocity_category: None,
            reciprocity: false,
            family_member: false,
            passport_kind: Default::default(),
            courier_sheet: false,
            lacks_all_fingers_or_palms: false,
            decided_on: d("2026-12-01"),
        },
    ));
    let verification = ok(store.record_verification(
        LookupSource::Registration {
            registry: Registry::Citizen,
            id: citizen.id,
        },
        &VerificationRecord {
            verified_at: chrono::Utc::now(),
            officer_id: officer,
            method: VerificationMethod::Fingers,
            positions: vec![2, 7],
            scores: vec![0.6, 0.5],
            threshold: 0.127,
            verified: true,
            document: None,
        },
    ));

    let items = ok(store.outbox(None));
    let got: Vec<(Registry, OutboxKind, i64, Option<i64>)> = items
        .iter()
        .map(|i| (i.registry, i.kind, i.record_id, i.detail))
        .collect();
    assert_eq!(
        got,
        [
            (
                Registry::Citizen,
                OutboxKind::Registration,
                citizen.id,
                None
            ),
            (
                Registry::Foreigner,
                OutboxKind::Registration,
                foreigner.id,
                None
            ),
            (
                Registry::Citizen,
                OutboxKind::Correction,
                citizen.id,
                Some(version)
            ),
            (
                Registry::Foreigner,
                OutboxKind::Refingerprinting,
                foreigner.id,
                Some(set)
            ),
            (Registry::Citizen, OutboxKind::Refusal, refusal, None),
            (
                Registry::Foreigner,
                OutboxKind::NonCollection,
                decision,
                None
            ),
            (
                Registry::Citizen,
                OutboxKind::Verification,
                citizen.id,
                Some(verification)
            ),
        ]
    );
    assert!(items.iter().all(|i| i.state == OutboxState::Queued
        && i.package.is_none()
        && i.tcn.starts_with("BDR-")));
    let tcns: BTreeSet<&str> = items.iter().map(|i| i.tcn.as_str()).collect();
    assert_eq!(tcns.len(), items.len(), "one control number each");

    let summary = ok(store.outbox_summary());
    let count = |registry, state| {
        summary
            .counts
            .iter()
            .find(|(r, s, _)| *r == registry && *s == state)
            .map_or(-1, |(_, _, n)| *n)
    };
    assert_eq!(count(Registry::Citizen, OutboxState::Queued), 4);
    assert_eq!(count(Registry::Foreigner, OutboxState::Queued), 3);
    assert_eq!(count(Registry::Citizen, OutboxState::Exported), 0);
    assert_eq!(
        summary.oldest_unanswered.as_deref(),
        Some(items[0].queued_at.as_str())
    );
    assert_eq!(summary.last_export, None);
}

#[test]
fn an_event_that_is_refused_queues_nothing() {
    let mut f = fixture(Mode::Live);
    // An officer who does not exist; a correction of a registration that
    // does not; a registration without prints or a defect mark.
    assert!(
        f.store
            .save_registration(f.officer + 100, &citizen_registration())
            .is_err()
    );
    let missing = beder::store::RegistrationId {
        registry: Registry::Citizen,
        id: 42,
    };
    let personal = citizen_registration().personal;
    assert!(
        f.store
            .correct_personal_data(f.officer, missing, &personal, &request())
            .is_err()
    );
    let mut empty = citizen_registration();
    empty.biometrics.clear();
    assert!(f.store.save_registration(f.officer, &empty).is_err());
    assert!(ok(f.store.outbox(None)).is_empty());
}

#[test]
fn the_training_room_has_its_own_outbox_and_the_command_line_shows_it() {
    // The same registration in the live and the training databases: two
    // outboxes, two control numbers (each database has its own prefix).
    let mut live = fixture(Mode::Live);
    let mut training = fixture(Mode::Training);
    ok(live
        .store
        .save_registration(live.officer, &citizen_registration()));
    ok(training
        .store
        .save_registration(training.officer, &citizen_registration()));
    ok(training
        .store
        .save_registration(training.officer, &foreigner_registration("Doe", "Z9")));
    let a = ok(live.store.outbox(None));
    let b = ok(training.store.outbox(None));
    assert_eq!((a.len(), b.len()), (1, 2));
    assert_ne!(a[0].tcn, b[0].tcn);
    drop(training.store);
    let out = beder_cli(
        training.dir.path(),
        Some(PASSPHRASE),
        &["--training", "transfer", "status"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = ok(serde_json::from_slice(&out.stdout));
    assert_eq!(v["citizen"]["queued"], 1);
    assert_eq!(v["foreigner"]["queued"], 1);
    assert_eq!(v["citizen"]["acknowledged"], 0);
    assert_eq!(v["oldest_unanswered_days"], 0);
    let out = beder_cli(
        training.dir.path(),
        Some(PASSPHRASE),
        &["--training", "transfer", "outbox", "--state", "queued"],
    );
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| ok(serde_json::from_str(l)))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["registry"], "foreigner");
    assert_eq!(lines[1]["kind"], "registration");
    // No personal data in the listing.
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Doe"));
}

/// Answers every item the outbox holds in `state` (exported first).
fn answer_all(store: &mut beder::store::Store, at: &str) {
    let items = ok(store.outbox(None));
    let ids: Vec<i64> = items
        .iter()
        .filter(|i| i.state == OutboxState::Queued)
        .map(|i| i.id)
        .collect();
    ok(store.mark_exported(&ids, "P-1", at));
    let answers: Vec<(String, bool, Option<String>)> = items
        .iter()
        .filter(|i| matches!(i.state, OutboxState::Queued | OutboxState::Exported))
        .map(|i| (i.tcn.clone(), true, None))
        .collect();
    ok(store.apply_answers(&answers, at));
}

fn holds_images(store: &beder::store::Store, id: beder::store::RegistrationId) -> bool {
    ok(store.biometric_history(id))
        .iter()
        .any(|v| v.record.capture.as_ref().is_some_and(|c| c.png.is_some()))
}

#[test]
fn retention_waits_for_every_change_of_a_record_to_be_acknowledged() {
    use chrono::{Duration, TimeZone, Utc};
    let mut f = fixture(Mode::Live);
    let officer = f.officer;
    let a = ok(f.store.save_registration(officer, &citizen_registration()));
    let day = |n: i64| {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .unwrap_or_default()
            + Duration::days(n)
    };
    let stamp = |n: i64| day(n).to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    answer_all(&mut f.store, &stamp(0));
    // A correction after the acknowledgment waits to be sent: the record's
    // images stay, however old the first answer.
    let mut corrected = citizen_registration().personal;
    if let beder::model::PersonalData::Citizen(c) = &mut corrected {
        c.birth_place = "Шымкент".into();
    }
    ok(f.store
        .correct_personal_data(officer, a, &corrected, &request()));
    let report = ok(f.store.purge_delivered_images(30, day(45), None));
    assert_eq!(report.registrations, 0, "a change not yet acknowledged");
    assert!(holds_images(&f.store, a));
    // Answered on day 50: purged 30 days after that, not before.
    answer_all(&mut f.store, &stamp(50));
    assert_eq!(
        ok(f.store.purge_delivered_images(30, day(79), None)).registrations,
        0
    );
    assert!(holds_images(&f.store, a));
    let report = ok(f.store.purge_delivered_images(30, day(81), None));
    assert_eq!(
        (report.registrations, report.photos),
        (1, 2),
        "both versions' photos"
    );
    assert!(!holds_images(&f.store, a));
    // A re-fingerprinting brings new images; they go in their turn, and a
    // longer retention set meanwhile is honoured.
    ok(f.store
        .refingerprint(officer, a, &ten_fingers(&[]), None, &request()));
    assert!(holds_images(&f.store, a));
    answer_all(&mut f.store, &stamp(90));
    assert_eq!(
        ok(f.store.purge_delivered_images(60, day(130), None)).registrations,
        0
    );
    assert_eq!(
        ok(f.store.purge_delivered_images(60, day(151), None)).registrations,
        1
    );
    assert!(!holds_images(&f.store, a));
    assert!(ok(f.store.check()).healthy());
}
