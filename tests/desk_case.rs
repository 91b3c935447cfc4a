//! One case belongs to one person, and every later step rests on the
//! earlier ones (issue: "The desk, correct at every step"). Each test here
//! is a leak that was reproduced against the `Desk` API.

mod common;

use beder::enrollment::{
    Completion, ConsentAnswer, Desk, EligibilityAnswers, FlowError, IdentityForm, Purpose, Step,
    StepState,
};
use beder::model::{
    ApplicantKind, AuthorityDocument, ExceptionReason, FingerPosition, FullName, IdentityDocument,
    PalmPosition, PassportKind, PassportService, PersonalData, Position, ReciprocityCategory,
    Registry, Representative, RepresentativeKind, Service, VisaApplication, WrittenApplication,
};
use beder::regulation::{CapturePlan, Outcome};
use beder::store::{
    LookupSource, Mode, NonCollectionOutcome, PersonIdentity, RegistrationMark, VerificationMethod,
};
use common::desk::*;
use common::*;

const TODAY: &str = "2026-11-25";

fn passport() -> Service {
    Service::Passport(PassportService::FirstIssue)
}

fn visa() -> Service {
    Service::Visa(VisaApplication::PaperAtMission)
}

fn count(f: &Fixture, table: &str) -> i64 {
    ok(f.store
        .raw_connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)))
}

fn representative() -> Representative {
    Representative {
        kind: RepresentativeKind::LegalRepresentative,
        name: FullName {
            surname: "Әбенова".into(),
            name: "Гүлнар".into(),
            patronymic: None,
        },
        identity_document: IdentityDocument {
            number: "N9988776".into(),
            issue_date: d("2020-01-01"),
            expiry_date: d("2030-01-01"),
            issuing_authority: "ҚР ІІМ".into(),
        },
        authority_document: AuthorityDocument {
            title: "Туу туралы куәлік".into(),
            number: "I-АЖ 123".into(),
            issue_date: d("2013-06-10"),
            issuing_authority: "АХАЖ".into(),
        },
        written_application: WrittenApplication {
            received: true,
            date: d(TODAY),
            number: None,
            scan: None,
            printed_form: None,
        },
    }
}

/// Personal data, review, save.
fn save(desk: &mut Desk, f: &mut Fixture, kind: ApplicantKind) -> Completion {
    ok(desk.finish_capture(&mut f.store));
    ok(desk.set_personal_data(&personal_form(kind)));
    assert_eq!(desk.step(), Step::Review);
    ok(desk.save(&mut f.store))
}

fn registration(f: &mut Fixture, completion: Completion) -> beder::store::Registration {
    let Completion::Registered { id, .. } = completion else {
        panic!("not a registration: {completion:?}");
    };
    ok(f.store.load_registration(f.officer, id))
}

#[test]
fn a_cancelled_case_leaves_an_empty_desk_and_nothing_of_a_reaches_b() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    to_collection(
        &mut desk,
        &mut f.store,
        ApplicantKind::Citizen,
        passport(),
        &citizen("Әбенов", "1985-03-12"),
    );
    capture_everything(&mut desk, 1);
    assert!(desk.capture().is_some_and(|c| c.is_complete()));
    assert!(desk.has_data());
    let epoch = desk.epoch();
    desk.cancel(d("2026-11-26"));
    assert_eq!(desk.step(), Step::Applicant);
    assert!(!desk.has_data());
    assert!(desk.capture().is_none() && desk.identity().is_none() && desk.decision().is_none());
    assert_ne!(desk.epoch(), epoch, "the screens drop what they hold");
    assert_eq!(desk.application_date(), d("2026-11-26"));

    // Applicant B, another person with his own prints.
    to_collection(
        &mut desk,
        &mut f.store,
        ApplicantKind::Citizen,
        passport(),
        &citizen("Сапаров", "1990-07-01"),
    );
    assert!(
        desk.capture().is_none(),
        "A's prints do not wait at B's capture step"
    );
    capture_everything(&mut desk, 2);
    let done = save(&mut desk, &mut f, ApplicantKind::Citizen);
    let saved = registration(&mut f, done);
    assert_eq!(saved.personal.name().surname, "Сапаров");
    assert_eq!(
        saved.registered_on,
        d("2026-11-26"),
        "B's own application date"
    );
    let b_fingers = beder::biometrics::synth::minutiae::synthetic_person(2, 0);
    for row in &saved.biometrics {
        let Position::Finger(finger) = row.position else {
            continue;
        };
        let data = &row
            .capture
            .as_ref()
            .and_then(|c| c.template.as_ref())
            .map(|t| &t.data);
        let stored = ok(beder::biometrics::iso::decode(
            data.unwrap_or_else(|| panic!("no template")),
        ))
        .swap_remove(0);
        let own = b_fingers
            .iter()
            .find(|t| t.position == Some(finger))
            .unwrap_or_else(|| panic!("no B finger"));
        assert_eq!(stored.minutiae, own.minutiae, "{finger:?} is B's own");
    }
    assert_eq!(ok(f.store.check()).citizen_registrations, 1);
}

#[test]
fn changing_the_identity_after_capture_discards_the_prints_with_a_warning() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    let a = citizen("Әбенов", "1985-03-12");
    to_collection(
        &mut desk,
        &mut f.store,
        ApplicantKind::Citizen,
        passport(),
        &a,
    );
    capture_everything(&mut desk, 1);
    // Back to the identity: the same identity again loses nothing.
    for _ in 0..4 {
        desk.back();
    }
    assert_eq!(desk.step(), Step::Identity);
    assert!(desk.identity_change_discards(&a).is_empty());
    ok(desk.set_identity(&a, &mut f.store));
    assert!(desk.capture().is_some_and(|c| c.is_complete()));
    // Another name: the officer is told what goes before it goes.
    desk.back();
    let b = IdentityForm {
        surname: "Сапаров".into(),
        ..a.clone()
    };
    let discards = desk.identity_change_discards(&b);
    assert_eq!(discards.prints, 10);
    assert!(discards.consent);
    let epoch = desk.epoch();
    ok(desk.set_identity(&b, &mut f.store));
    assert!(desk.capture().is_none(), "A's prints are gone");
    assert!(desk.decision().is_none() && desk.consent().is_none());
    assert_ne!(desk.epoch(), epoch);
    // The birth date and the sex are the identity too.
    for changed in [
        IdentityForm {
            birth_date: "12.03.1986".into(),
            ..b.clone()
        },
        IdentityForm {
            sex: Some(beder::model::Sex::Female),
            ..b.clone()
        },
    ] {
        assert_eq!(desk.step(), Step::Eligibility);
        desk.back();
        assert!(desk.identity_change_discards(&changed).is_empty() || desk.capture().is_none());
        ok(desk.set_identity(&changed, &mut f.store));
        assert!(desk.decision().is_none());
    }
}

#[test]
fn a_citizens_consent_does_not_survive_a_change_to_a_foreigner() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    to_collection(
        &mut desk,
        &mut f.store,
        ApplicantKind::Citizen,
        passport(),
        &citizen("Smith", "1975-05-05"),
    );
    assert_eq!(desk.consent(), Some(ConsentAnswer::Consents));
    while desk.step() != Step::Applicant {
        desk.back();
    }
    ok(desk.choose_applicant(ApplicantKind::Foreigner, visa()));
    ok(desk.set_identity(&foreigner("Smith", "C01X00T47"), &mut f.store));
    ok(desk.answer_eligibility(EligibilityAnswers::default()));
    ok(desk.continue_to_collection());
    assert_eq!(desk.step(), Step::Capture);
    assert!(!desk.path().contains(&Step::Consent));
    desk.back();
    assert_eq!(
        desk.step(),
        Step::Decision,
        "back from capture never lands on consent"
    );
    assert!(matches!(
        desk.record_consent(ConsentAnswer::Refuses, &mut f.store),
        Err(FlowError::WrongStep(_))
    ));
    assert_eq!(count(&f, "citizen_refusals"), 0);
}

#[test]
fn a_representative_does_not_survive_a_birth_date_that_makes_an_adult() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(ApplicantKind::Citizen, passport()));
    ok(desk.set_identity(&citizen("Әбенов", "2013-06-01"), &mut f.store));
    ok(desk.answer_eligibility(EligibilityAnswers::default()));
    ok(desk.continue_to_collection());
    ok(desk.provide_representative(representative()));
    ok(desk.record_consent(ConsentAnswer::Consents, &mut f.store));
    capture_everything(&mut desk, 3);
    // The birth date was mistyped: he is 41.
    while desk.step() != Step::Identity {
        desk.back();
    }
    ok(desk.set_identity(&citizen("Әбенов", "1985-06-01"), &mut f.store));
    assert!(desk.representative().is_none());
    ok(desk.answer_eligibility(EligibilityAnswers::default()));
    ok(desk.continue_to_collection());
    assert!(!desk.path().contains(&Step::Representation));
    ok(desk.record_consent(ConsentAnswer::Consents, &mut f.store));
    capture_everything(&mut desk, 3);
    let done = save(&mut desk, &mut f, ApplicantKind::Citizen);
    let saved = registration(&mut f, done);
    assert!(saved.representative.is_none(), "an adult saved without one");
    assert_eq!(count(&f, "citizen_representations"), 0);
}

/// Enrols person `person` under `form` and returns the registration.
fn enrol(
    f: &mut Fixture,
    kind: ApplicantKind,
    service: Service,
    form: &IdentityForm,
    person: usize,
) -> beder::store::RegistrationId {
    let mut desk = Desk::new(f.officer, d(TODAY));
    to_collection(&mut desk, &mut f.store, kind, service, form);
    capture_everything(&mut desk, person);
    match save(&mut desk, f, kind) {
        Completion::Registered { id, .. } => id,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_supervisors_decision_after_a_failed_verification_does_not_survive_an_identity_change() {
    let mut f = fixture(Mode::Training);
    let form = citizen("Әбенов", "1985-03-12");
    enrol(&mut f, ApplicantKind::Citizen, passport(), &form, 4);
    let mut desk = returning(&mut f, ApplicantKind::Citizen, passport(), &form);
    verify_with(&mut desk, &mut f, 5);
    assert_eq!(desk.verified(), Some(false));
    ok(desk.refingerprint_after_failure(
        &mut f.store,
        "aigul",
        "desk-password-1",
        chrono::Utc::now(),
    ));
    assert!(desk.verification_overridden_by().is_some());
    assert_eq!(desk.step(), Step::Capture);
    // Back to the identity, then another person's particulars: the
    // supervisor's decision was about the first one.
    while desk.step() != Step::Identity {
        desk.back();
    }
    ok(desk.set_identity(&form, &mut f.store));
    assert!(
        desk.verification_overridden_by().is_some(),
        "same person: kept"
    );
    desk.back();
    ok(desk.set_identity(&citizen("Сапаров", "1990-07-01"), &mut f.store));
    assert!(desk.verification_overridden_by().is_none());
    assert_eq!(desk.purpose(), Purpose::Enrol);
    // And with the first identity again, п.11 is asked again.
    desk.back();
    ok(desk.set_identity(&form, &mut f.store));
    ok(desk.answer_eligibility(EligibilityAnswers::default()));
    ok(desk.continue_to_collection());
    ok(desk.record_consent(ConsentAnswer::Consents, &mut f.store));
    assert_eq!(desk.step(), Step::Verification, "п.11 is not skipped");
    assert_eq!(desk.verified(), None);
}

#[test]
fn the_look_up_searches_both_registries_a_former_foreigner_is_verified() {
    let mut f = fixture(Mode::Training);
    // Registered as a foreigner, with his foreign document.
    let as_foreigner = IdentityForm {
        surname: "Ким".into(),
        name: "Виктор".into(),
        birth_date: "1980-01-02".into(),
        sex: Some(beder::model::Sex::Male),
        document_number: "M12345678".into(),
        ..IdentityForm::default()
    };
    let rid = enrol(&mut f, ApplicantKind::Foreigner, visa(), &as_foreigner, 6);
    assert_eq!(rid.registry, Registry::Foreigner);
    // Now a citizen applying for his first passport: the same name and
    // birth date.
    let as_citizen = IdentityForm {
        document_number: String::new(),
        ..as_foreigner.clone()
    };
    let mut desk = returning(&mut f, ApplicantKind::Citizen, passport(), &as_citizen);
    assert_eq!(desk.enrolled_registration(), Some(rid));
    verify_with(&mut desk, &mut f, 6);
    assert_eq!(
        desk.completion(),
        Some(Completion::Verified {
            against: LookupSource::Registration {
                registry: Registry::Foreigner,
                id: rid.id
            },
            method: VerificationMethod::Fingers
        })
    );
    // Nothing is left to do: the stepper shows no step still ahead.
    let ahead: Vec<Step> = desk
        .stepper()
        .into_iter()
        .filter(|(_, state)| *state == StepState::Ahead)
        .map(|(step, _)| step)
        .collect();
    assert!(ahead.is_empty(), "{ahead:?}");
}

#[test]
fn unreadable_templates_are_reported_and_never_taken_for_no_previous_registration() {
    let mut f = fixture(Mode::Training);
    let form = citizen("Әбенов", "1985-03-12");
    let rid = enrol(&mut f, ApplicantKind::Citizen, passport(), &form, 7);
    // Damage every stored template.
    ok(f.store.raw_connection().execute(
        "UPDATE citizen_biometrics SET template = x'00010203' WHERE registration_id = ?1",
        [rid.id],
    ));
    let mut desk = returning(&mut f, ApplicantKind::Citizen, passport(), &form);
    let previous = desk
        .previous()
        .cloned()
        .unwrap_or_else(|| panic!("no previous record"));
    assert_eq!(previous.unreadable_templates, 10);
    assert_eq!(
        desk.verification_method(),
        Some(VerificationMethod::Documents)
    );
    assert!(
        ok(f.store.audit_entries(20))
            .iter()
            .any(|e| e.action == "templates_unreadable"),
        "audited"
    );
    // Not a fresh capture: identity by the documents, recorded with the
    // document seen.
    assert!(
        desk.start_capture(Default::default(), Default::default())
            .is_err()
    );
    assert!(matches!(
        desk.confirm_by_documents(&mut f.store, " ", chrono::Utc::now()),
        Err(FlowError::Fields(_))
    ));
    ok(desk.confirm_by_documents(&mut f.store, "passport N 1234567", chrono::Utc::now()));
    let stored = ok(f.store.verifications(rid));
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].method, VerificationMethod::Documents);
    assert_eq!(stored[0].document.as_deref(), Some("passport N 1234567"));
    // Then the record can be re-fingerprinted (п.13).
    ok(desk.refingerprint_verified());
    assert_eq!(desk.step(), Step::Capture);
    capture_everything(&mut desk, 7);
    ok(desk.finish_capture(&mut f.store));
    let done = ok(desk.save_with_reason(&mut f.store, "templates unreadable"));
    assert_eq!(done, Completion::Refingerprinted { id: rid, set: 2 });
}

#[test]
fn an_imported_mark_is_verified_by_documents_or_by_its_templates() {
    let mut f = fixture(Mode::Training);
    let person = PersonIdentity {
        name: FullName {
            surname: "Серікова".into(),
            name: "Дана".into(),
            patronymic: None,
        },
        birth_date: d("1992-02-02"),
        iin: None,
        document_number: None,
    };
    let fingers = beder::biometrics::synth::minutiae::synthetic_person(8, 0);
    let templates: Vec<(u8, Vec<u8>)> = fingers
        .iter()
        .map(|t| {
            (
                t.position.map_or(0, |p| p.code()),
                ok(beder::biometrics::iso::encode_2011(std::slice::from_ref(t))),
            )
        })
        .collect();
    ok(f.store.import_marks(
        f.officer,
        Registry::Citizen,
        &[RegistrationMark {
            person: person.clone(),
            registered_on: d("2023-01-01"),
            source: "Астана".into(),
            templates,
            central_id: None,
        }],
    ));
    let form = IdentityForm {
        surname: "Серікова".into(),
        name: "Дана".into(),
        birth_date: "02.02.1992".into(),
        sex: Some(beder::model::Sex::Female),
        ..IdentityForm::default()
    };
    let mut desk = returning(&mut f, ApplicantKind::Citizen, passport(), &form);
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
    // A mark without templates: documents.
    let other = PersonIdentity {
        name: FullName {
            surname: "Омаров".into(),
            name: "Болат".into(),
            patronymic: None,
        },
        ..person
    };
    ok(f.store.import_marks(
        f.officer,
        Registry::Citizen,
        &[RegistrationMark {
            person: other,
            registered_on: d("2023-01-01"),
            source: "Астана".into(),
            templates: Vec::new(),
            central_id: None,
        }],
    ));
    let form = IdentityForm {
        surname: "Омаров".into(),
        name: "Болат".into(),
        sex: Some(beder::model::Sex::Male),
        ..form
    };
    let mut desk = returning(&mut f, ApplicantKind::Citizen, passport(), &form);
    assert_eq!(
        desk.verification_method(),
        Some(VerificationMethod::Documents)
    );
    ok(desk.confirm_by_documents(&mut f.store, "ID card 012345678", chrono::Utc::now()));
    let Some(Completion::Verified {
        against: LookupSource::ImportedMark { id, .. },
        ..
    }) = desk.completion()
    else {
        panic!("{:?}", desk.completion());
    };
    assert_eq!(
        ok(f.store.mark_verifications(Registry::Citizen, id)).len(),
        1
    );
    assert!(
        desk.refingerprint_verified().is_err(),
        "no record here to re-fingerprint"
    );
}

#[test]
fn ten_missing_fingers_at_capture_are_the_4_4_exemption_not_a_defect_mark() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    to_collection(
        &mut desk,
        &mut f.store,
        ApplicantKind::Foreigner,
        visa(),
        &foreigner("Müller", "C01X00T47"),
    );
    let session = ok(desk.start_capture(Default::default(), Default::default()));
    for finger in FingerPosition::ALL {
        session.set_exception(Position::Finger(finger), Some(ExceptionReason::Amputated));
    }
    assert!(session.lacks_all_fingers_or_palms());
    ok(desk.finish_capture(&mut f.store));
    assert_eq!(desk.step(), Step::Decision);
    let decision = desk.decision().unwrap_or_else(|| panic!("no decision"));
    assert_eq!(decision.eligibility.outcome, Outcome::Exempt);
    assert_eq!(decision.eligibility.ground_codes(), ["4.4"]);
    let Completion::NotCollected {
        id,
        outcome,
        registry,
    } = ok(desk.confirm_no_collection(&mut f.store))
    else {
        panic!("not saved as a decision");
    };
    assert_eq!(outcome, NonCollectionOutcome::Exempt);
    assert!(ok(f.store.non_collection(registry, id)).lacks_all_fingers_or_palms);
    assert_eq!(count(&f, "foreigner_registrations"), 0);
    assert_eq!(count(&f, "foreigner_defect_marks"), 0);

    // Both palms missing (both hands): п.4.4 too, whatever the fingers.
    let mut desk = Desk::new(f.officer, d(TODAY));
    to_collection(
        &mut desk,
        &mut f.store,
        ApplicantKind::Foreigner,
        visa(),
        &foreigner("Weber", "C01X00T48"),
    );
    let session = ok(desk.start_capture(Default::default(), Default::default()));
    for finger in FingerPosition::ALL {
        session.set_exception(Position::Finger(finger), Some(ExceptionReason::Amputated));
    }
    assert!(session.lacks_all_fingers_or_palms(), "ten missing fingers");
    session.set_exception(
        Position::Finger(FingerPosition::LeftThumb),
        Some(ExceptionReason::Injured),
    );
    assert!(!session.lacks_all_fingers_or_palms(), "one finger exists");
    for palm in PalmPosition::FULL_PALMS {
        session.set_exception(Position::Palm(palm), Some(ExceptionReason::Amputated));
    }
    assert!(session.lacks_all_fingers_or_palms());
}

#[test]
fn fingers_that_exist_but_cannot_be_printed_stay_paragraph_10() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    to_collection(
        &mut desk,
        &mut f.store,
        ApplicantKind::Foreigner,
        visa(),
        &foreigner("Müller", "C01X00T47"),
    );
    let session = ok(desk.start_capture(Default::default(), Default::default()));
    for finger in FingerPosition::ALL {
        session.set_exception(
            Position::Finger(finger),
            Some(ExceptionReason::NoPapillaryPattern),
        );
    }
    assert!(!session.lacks_all_fingers_or_palms());
    assert!(matches!(session.plan(), CapturePlan::Palms { .. }));
    capture_everything(&mut desk, 9);
    let done = save(&mut desk, &mut f, ApplicantKind::Foreigner);
    let saved = registration(&mut f, done);
    let mark = saved.defect_mark.unwrap_or_else(|| panic!("п.10 mark"));
    assert!(mark.fingers && !mark.palms);
}

#[test]
fn a_restoration_requires_and_stores_the_previous_passport() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    let restoration = Service::Passport(PassportService::Restoration);
    ok(desk.choose_applicant(ApplicantKind::Citizen, restoration));
    let Err(FlowError::Fields(errors)) =
        desk.set_identity(&citizen("Әбенов", "1985-03-12"), &mut f.store)
    else {
        panic!("a restoration without the previous passport");
    };
    assert_eq!(errors[0].field, "document_number");
    let form = IdentityForm {
        document_number: "N 7654321".into(),
        ..citizen("Әбенов", "1985-03-12")
    };
    ok(desk.set_identity(&form, &mut f.store));
    ok(desk.answer_eligibility(EligibilityAnswers::default()));
    ok(desk.continue_to_collection());
    ok(desk.record_consent(ConsentAnswer::Consents, &mut f.store));
    capture_everything(&mut desk, 10);
    ok(desk.finish_capture(&mut f.store));
    // Its issue date, validity and issuing body are required at п.7.
    let Err(FlowError::Fields(errors)) =
        desk.set_personal_data(&personal_form(ApplicantKind::Citizen))
    else {
        panic!("accepted without the previous passport's facts");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            "document_issue_date",
            "document_expiry_date",
            "document_authority"
        ]
    );
    let mut personal = personal_form(ApplicantKind::Citizen);
    personal.document_issue_date = "10.04.2016".into();
    personal.document_expiry_date = "2026-04-10".into();
    personal.document_authority = "ҚР ІІМ".into();
    ok(desk.set_personal_data(&personal));
    let done = ok(desk.save(&mut f.store));
    let saved = registration(&mut f, done);
    let PersonalData::Citizen(c) = &saved.personal else {
        panic!("not a citizen");
    };
    let passport = c
        .previous_passport
        .as_ref()
        .unwrap_or_else(|| panic!("not stored"));
    assert_eq!(passport.number, "N 7654321");
    assert_eq!(passport.issue_date, d("2016-04-10"));
    assert_eq!(passport.expiry_date, d("2026-04-10"));
    assert_eq!(passport.issuing_authority, "ҚР ІІМ");
    assert_eq!(c.citizenship, "KAZ");
}

#[test]
fn a_foreigners_citizenship_is_a_state_from_the_list_and_his_document_is_stored() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    to_collection(
        &mut desk,
        &mut f.store,
        ApplicantKind::Foreigner,
        visa(),
        &foreigner("Müller", "C01X00T47"),
    );
    capture_everything(&mut desk, 11);
    ok(desk.finish_capture(&mut f.store));
    for (typed, key) in [
        ("Germany", "field-citizenship-unknown"),
        ("KAZ", "field-citizenship-kazakhstan"),
        ("", "field-required"),
    ] {
        let mut form = personal_form(ApplicantKind::Foreigner);
        form.citizenship = typed.into();
        let Err(FlowError::Fields(errors)) = desk.set_personal_data(&form) else {
            panic!("accepted citizenship {typed:?}");
        };
        assert_eq!((errors[0].field, errors[0].key), ("citizenship", key));
    }
    ok(desk.set_personal_data(&personal_form(ApplicantKind::Foreigner)));
    let done = ok(desk.save(&mut f.store));
    let saved = registration(&mut f, done);
    let PersonalData::Foreigner(p) = &saved.personal else {
        panic!("not a foreigner");
    };
    assert_eq!(p.citizenship.as_deref(), Some("DEU"));
    assert_eq!(p.identity_document.number, "C01X00T47");
    assert_eq!(p.identity_document.issue_date, d("2020-02-01"));
    assert_eq!(p.identity_document.issuing_authority, "Stadt Köln");
}

#[test]
fn a_missing_sex_is_marked_at_the_identity_step() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(ApplicantKind::Citizen, passport()));
    let form = IdentityForm {
        sex: None,
        ..citizen("Әбенов", "1985-03-12")
    };
    let Err(FlowError::Fields(errors)) = desk.set_identity(&form, &mut f.store) else {
        panic!("accepted without a sex");
    };
    assert_eq!((errors[0].field, errors[0].key), ("sex", "field-required"));
    assert_eq!(desk.step(), Step::Identity);
}

#[test]
fn a_reciprocity_exemption_keeps_what_it_was_granted_on() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(ApplicantKind::Foreigner, visa()));
    ok(desk.set_identity(&foreigner("Dupont", "19FR12345"), &mut f.store));
    let answers = EligibilityAnswers {
        reciprocity: true,
        exemption_category: Some(ReciprocityCategory::HeadOfStateGovernmentOrOrganisation),
        family_member: true,
        passport_kind: PassportKind::Diplomatic,
        ..EligibilityAnswers::default()
    };
    ok(desk.answer_eligibility(answers));
    let Completion::NotCollected { registry, id, .. } =
        ok(desk.confirm_no_collection(&mut f.store))
    else {
        panic!("not exempt");
    };
    let saved = ok(f.store.non_collection(registry, id));
    assert_eq!(saved.grounds, ["4.2"]);
    assert!(saved.reciprocity && saved.family_member);
    assert_eq!(saved.passport_kind, PassportKind::Diplomatic);
    assert_eq!(
        saved.reciprocity_category,
        Some(ReciprocityCategory::HeadOfStateGovernmentOrOrganisation)
    );
}

#[test]
fn a_medical_conclusion_dated_before_the_birth_is_refused() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(ApplicantKind::Citizen, passport()));
    ok(desk.set_identity(&citizen("Әбенов", "1985-03-12"), &mut f.store));
    let answers = EligibilityAnswers {
        medical_conclusion: Some(("ДКК-17".into(), "1984-01-01".into())),
        ..EligibilityAnswers::default()
    };
    let Err(FlowError::Fields(errors)) = desk.answer_eligibility(answers) else {
        panic!("accepted");
    };
    assert_eq!(
        (errors[0].field, errors[0].key),
        (
            "medical_conclusion.date",
            "error-medical-conclusion-before-birth"
        )
    );
}

#[test]
fn the_application_date_is_the_cases_own() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d("2026-11-25"));
    // The desk was opened yesterday; the applicant comes after midnight.
    ok(desk.set_application_date(d("2026-11-26")));
    ok(desk.choose_applicant(ApplicantKind::Citizen, passport()));
    // Turns 12 on the 26th: collect, not the under-12 exemption.
    ok(desk.set_identity(&citizen("Әбенов", "2014-11-26"), &mut f.store));
    ok(desk.answer_eligibility(EligibilityAnswers::default()));
    assert_eq!(
        desk.decision().map(|d| d.eligibility.outcome),
        Some(Outcome::Collect)
    );
    assert!(
        desk.set_application_date(d("2026-11-27")).is_err(),
        "not once the case has moved on"
    );
}

#[test]
fn steps_are_computed_and_back_follows_them() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(ApplicantKind::Citizen, passport()));
    ok(desk.set_identity(&citizen("Әбенов", "2013-06-01"), &mut f.store));
    ok(desk.answer_eligibility(EligibilityAnswers::default()));
    ok(desk.continue_to_collection());
    ok(desk.provide_representative(representative()));
    ok(desk.record_consent(ConsentAnswer::Consents, &mut f.store));
    assert_eq!(
        desk.path(),
        [
            Step::Applicant,
            Step::Identity,
            Step::Eligibility,
            Step::Decision,
            Step::Representation,
            Step::Consent,
            Step::Capture
        ]
    );
    ok(desk.go_to(Step::Eligibility));
    assert_eq!(desk.step(), Step::Eligibility);
    assert!(desk.go_to(Step::Capture).is_err(), "not ahead");
    // The same answers keep everything.
    ok(desk.answer_eligibility(EligibilityAnswers::default()));
    assert!(desk.representative().is_some());
    // A new answer that changes the decision (declared incapable: a
    // guardian instead of the legal representative) clears what rested on it.
    let changed = EligibilityAnswers {
        declared_incapable: true,
        ..EligibilityAnswers::default()
    };
    desk.back();
    assert!(desk.answers_change_discards(&changed).representative);
    ok(desk.answer_eligibility(changed));
    assert!(desk.representative().is_none() && desk.consent().is_none());
    assert_eq!(
        desk.representative_needed(),
        Some(RepresentativeKind::Guardian)
    );
}

/// A returning person whose fingers are bandaged today: the officer marks
/// each asked finger as one that cannot be printed; the rounds go on to a
/// verdict (not verified, every position scored 0) instead of waiting for
/// a print that cannot come, and the supervisor's п.13 re-fingerprinting
/// of the existing record follows.
#[test]
fn fingers_that_cannot_be_printed_at_verification_lead_to_re_fingerprinting() {
    let mut f = fixture(Mode::Training);
    let form = citizen("Жұмабаев", "1979-11-02");
    enrol(&mut f, ApplicantKind::Citizen, passport(), &form, 6);
    let mut desk = returning(&mut f, ApplicantKind::Citizen, passport(), &form);
    let mut rounds = 0;
    for _ in 0..20 {
        let session = ok(desk.start_verification(&Default::default()));
        let Some(request) = session.next_request() else {
            break;
        };
        let position = request.expected_positions()[0];
        let session = desk
            .verification_mut()
            .unwrap_or_else(|| panic!("no session"));
        let before = session.round();
        session.cannot_print(position, &beder::biometrics::mcc::Mcc);
        if session.round() != before || session.verdict().is_some() {
            rounds += 1;
        }
    }
    let session = desk
        .verification_mut()
        .unwrap_or_else(|| panic!("no session"));
    let verdict = session.verdict().unwrap_or_else(|| panic!("no verdict"));
    assert!(!verdict.verified);
    assert!(!verdict.scores.is_empty());
    assert!(verdict.scores.iter().all(|s| s.score == 0.0 && !s.matched));
    assert!(rounds >= 1);
    ok(desk.finish_verification(&mut f.store, chrono::Utc::now()));
    assert_eq!(desk.verified(), Some(false));
    ok(desk.refingerprint_after_failure(
        &mut f.store,
        "aigul",
        "desk-password-1",
        chrono::Utc::now(),
    ));
    assert_eq!(desk.step(), Step::Capture);
    assert!(matches!(desk.purpose(), Purpose::Refingerprint(_)));
}
