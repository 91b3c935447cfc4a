//! The records side without the screens: search with badges, corrections
//! from a prefilled form, comparison of versions, re-fingerprinting, and
//! the archive read back after every kind of change (п.12–п.14).

mod common;

use beder::enrollment::{CorrectionForm, applicant_kind, changed_fields};
use beder::model::{
    ApplicantKind, ChangeApplicant, ChangeRequest, ExceptionReason, FingerPosition,
    PassportService, Position, Registry, Service,
};
use beder::store::{
    Badge, FoundRecord, LookupQuery, Mode, NonCollection, NonCollectionOutcome, PersonIdentity,
    Refusal,
};
use common::*;

fn by_name(surname: &str, name: &str, birth: &str) -> LookupQuery {
    LookupQuery::NameAndBirthDate {
        surname: surname.into(),
        name: name.into(),
        birth_date: d(birth),
    }
}

#[test]
fn search_finds_by_each_key_with_badges() {
    let mut f = fixture(Mode::Training);
    let citizen = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    let foreigner = ok(f
        .store
        .save_registration(f.officer, &foreigner_registration("Brown", "GB1234567")));
    let person = PersonIdentity {
        name: beder::model::FullName {
            surname: "Нұрланов".into(),
            name: "Қайрат".into(),
            patronymic: None,
        },
        birth_date: d("1985-03-12"),
        iin: Some("850312300012".into()),
        document_number: None,
    };
    ok(f.store.record_refusal(
        f.officer,
        &Refusal {
            person: person.clone(),
            service: Service::Passport(PassportService::Replacement),
        },
    ));
    ok(f.store.record_non_collection(
        f.officer,
        &NonCollection {
            registry: Registry::Citizen,
            person,
            outcome: NonCollectionOutcome::Exempt,
            grounds: vec!["4.1".into()],
            service: Service::Passport(PassportService::FirstIssue),
            medical_conclusion: None,
            reciprocity_category: None,
            reciprocity: false,
            family_member: false,
            passport_kind: Default::default(),
            courier_sheet: false,
            lacks_all_fingers_or_palms: false,
            decided_on: d("2026-11-20"),
        },
    ));

    // By name and birth date, in the Russian spelling of a Kazakh name.
    let hits = ok(f
        .store
        .search(None, &by_name("Нурланов", "Кайрат", "1985-03-12")));
    assert!(
        hits.iter()
            .any(|h| h.record == FoundRecord::Registration(citizen))
    );
    assert!(hits.iter().any(|h| h.badges == [Badge::Refusal]));
    assert!(hits.iter().any(|h| h.badges == [Badge::Exemption]));
    let registration = hits
        .iter()
        .find(|h| h.record == FoundRecord::Registration(citizen))
        .unwrap_or_else(|| panic!("no registration"));
    assert!(registration.photo.is_some(), "a thumbnail to show");
    assert!(registration.badges.is_empty());

    // By IIN: the registration and the refusal.
    let hits = ok(f
        .store
        .search(None, &LookupQuery::Iin("850312300012".into())));
    assert_eq!(hits.len(), 2);
    // By document number, in one registry only.
    let hits = ok(f.store.search(
        Some(Registry::Foreigner),
        &LookupQuery::Document("gb 1234567".into()),
    ));
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].record, FoundRecord::Registration(foreigner));
    assert!(
        ok(f.store.search(
            Some(Registry::Citizen),
            &LookupQuery::Document("GB1234567".into())
        ))
        .is_empty()
    );
}

#[test]
fn a_temporary_mark_is_a_badge_until_the_person_is_re_fingerprinted() {
    let mut f = fixture(Mode::Training);
    let id = ok(f.store.save_registration(f.officer, &palms_only_defect()));
    let query = LookupQuery::Iin("850312300012".into());
    let hits = ok(f.store.search(None, &query));
    assert_eq!(hits[0].badges, [Badge::DefectMark, Badge::RefingerprintDue]);
    let request = ChangeRequest {
        applicant: ChangeApplicant::Person,
        reason: "the bandages are off".into(),
        on: d("2027-02-01"),
        applicant_document: None,
    };
    ok(f.store
        .refingerprint(f.officer, id, &ten_fingers(&[]), None, &request));
    let hits = ok(f.store.search(None, &query));
    assert!(hits[0].badges.is_empty(), "{:?}", hits[0].badges);
    let record = ok(f.store.load_registration(f.officer, id));
    assert!(record.defect_mark.is_none());
    // The mark is archived, not deleted (п.14).
    let archived: i64 = ok(f.store.raw_connection().query_row(
        "SELECT count(*) FROM citizen_defect_marks WHERE registration_id = ?1 AND valid_to IS NOT NULL",
        [id.id],
        |r| r.get(0),
    ));
    assert_eq!(archived, 1);
}

#[test]
fn a_correction_starts_from_the_record_and_is_checked_as_at_enrolment() {
    let mut f = fixture(Mode::Training);
    let id = ok(f
        .store
        .save_registration(f.officer, &citizen_registration()));
    let record = ok(f.store.load_registration(f.officer, id));
    let kind = applicant_kind(&record.personal);
    assert_eq!(kind, ApplicantKind::Citizen);
    let mut form = CorrectionForm::from_record(&record.personal);
    // Unchanged, the form gives back the record's data.
    form.reason = "check".into();
    let (same, _) = ok(form.validate(kind, d("2026-11-26")));
    assert_eq!(same, record.personal);

    form.applicant = ChangeApplicant::LegalRepresentative;
    form.reason = String::new();
    form.identity.birth_date = "1985-13-01".into();
    let fields: Vec<&str> = form
        .validate(kind, d("2026-11-26"))
        .err()
        .unwrap_or_default()
        .iter()
        .map(|e| e.field)
        .collect();
    for field in ["reason", "applicant_document", "birth_date"] {
        assert!(fields.contains(&field), "{field} not reported: {fields:?}");
    }
    form.reason = "the place of birth was mistyped".into();
    form.applicant_document = "N9988776".into();
    form.identity.birth_date = "1985-03-12".into();
    form.personal.birth_place = "Талдықорған".into();
    let (data, request) = ok(form.validate(kind, d("2026-11-26")));
    assert_eq!(changed_fields(&record.personal, &data), ["ui-birth-place"]);
    ok(f.store
        .correct_personal_data(f.officer, id, &data, &request));
    let history = ok(f.store.personal_history(id));
    let change = history[1]
        .change
        .clone()
        .unwrap_or_else(|| panic!("no change"));
    assert_eq!(change.applicant, ChangeApplicant::LegalRepresentative);
    assert_eq!(change.applicant_document.as_deref(), Some("N9988776"));
    // A representative without a document is refused by the store as well.
    let bad = ChangeRequest {
        applicant_document: None,
        ..request
    };
    assert!(
        f.store
            .correct_personal_data(f.officer, id, &data, &bad)
            .is_err()
    );
}

#[test]
fn nothing_is_ever_overwritten() {
    let mut f = fixture(Mode::Training);
    let original = citizen_registration();
    let id = ok(f.store.save_registration(f.officer, &original));
    let first_prints = ok(f.store.biometric_history(id));

    // A correction: the previous personal data stay readable.
    let record = ok(f.store.load_registration(f.officer, id));
    let mut form = CorrectionForm::from_record(&record.personal);
    form.applicant = ChangeApplicant::ErroneousDataDiscovered;
    form.reason = "ethnicity recorded without the citizen's wish".into();
    form.personal.birth_place = "Тараз".into();
    let (data, request) = ok(form.validate(ApplicantKind::Citizen, d("2026-11-27")));
    ok(f.store
        .correct_personal_data(f.officer, id, &data, &request));
    let history = ok(f.store.personal_history(id));
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[0].personal, original.personal,
        "version 1 as it was"
    );
    assert!(history[0].valid_to.is_some());

    // A re-fingerprinting replaces the ten fingers (п.13): the old rows
    // stay, closed (п.14); the new set is current, in anatomical order.
    let new_prints = ten_fingers(&[(FingerPosition::LeftLittle, ExceptionReason::Injured)]);
    // A subset is refused: п.13 replaces the biometric part as a whole.
    let two: Vec<_> = new_prints
        .iter()
        .filter(|r| {
            matches!(
                r.position,
                Position::Finger(FingerPosition::RightIndex | FingerPosition::LeftIndex)
            )
        })
        .cloned()
        .collect();
    let request = ChangeRequest {
        applicant: ChangeApplicant::Person,
        reason: "both index fingers injured at work".into(),
        on: d("2026-11-28"),
        applicant_document: None,
    };
    assert!(
        f.store
            .refingerprint(f.officer, id, &two, None, &request)
            .is_err()
    );
    ok(f.store
        .refingerprint(f.officer, id, &new_prints, None, &request));
    let prints = ok(f.store.biometric_history(id));
    assert_eq!(prints.len(), first_prints.len() + 10);
    for old in &first_prints {
        let kept = prints
            .iter()
            .find(|p| p.set_version == old.set_version && p.record.position == old.record.position)
            .unwrap_or_else(|| panic!("a row of set 1 is gone"));
        assert_eq!(kept.record, old.record, "the archived row is unchanged");
        assert!(kept.valid_to.is_some(), "every old row is archived");
    }
    let current = ok(f.store.load_registration(f.officer, id)).biometrics;
    let codes: Vec<u8> = current.iter().map(|r| r.position.code()).collect();
    assert_eq!(codes, (1..=10).collect::<Vec<u8>>(), "anatomical order");
    assert_eq!(current[9].exception, Some(ExceptionReason::Injured));
    // And the personal data did not move.
    assert_eq!(ok(f.store.personal_history(id)).len(), 2);
}
