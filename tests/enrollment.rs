//! The desk flow, UI-free: every path that ends without prints, the
//! representation gate, the look-up of a previous registration, and bad input.

mod common;

use beder::enrollment::{
    Completion, ConsentAnswer, Desk, EligibilityAnswers, FlowError, IdentityForm, Step,
};
use beder::model::{
    ApplicantKind, AuthorityDocument, FullName, IdentityDocument, PassportKind, PassportService,
    ReciprocityCategory, Representative, RepresentativeKind, Service, Sex, VisaApplication,
    WrittenApplication,
};
use beder::regulation::{Outcome, Requirement};
use beder::store::{Mode, NonCollectionOutcome};
use common::*;

const TODAY: &str = "2026-11-25";

fn citizen_form(birth: &str) -> IdentityForm {
    IdentityForm {
        surname: "Әбенов".into(),
        name: "Ерлан".into(),
        birth_date: birth.into(),
        sex: Some(Sex::Male),
        ..IdentityForm::default()
    }
}

fn foreigner_form() -> IdentityForm {
    IdentityForm {
        surname: "Smith".into(),
        name: "Anna".into(),
        birth_date: "1975-05-05".into(),
        sex: Some(Sex::Female),
        document_number: "C01X00T47".into(),
        ..IdentityForm::default()
    }
}

fn representative(kind: RepresentativeKind, authority_number: &str) -> Representative {
    Representative {
        kind,
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
            number: authority_number.into(),
            issue_date: d("2013-06-10"),
            issuing_authority: "АХАЖ".into(),
        },
        written_application: WrittenApplication {
            received: true,
            date: d(TODAY),
            number: Some("1".into()),
            scan: None,
            printed_form: None,
        },
    }
}

fn passport() -> Service {
    Service::Passport(PassportService::FirstIssue)
}

#[test]
fn an_adult_citizen_who_refuses() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(ApplicantKind::Citizen, passport()));
    ok(desk.set_identity(&citizen_form("1985-03-12"), &mut f.store));
    let decision = ok(desk.answer_eligibility(EligibilityAnswers::default()));
    assert_eq!(decision.eligibility.outcome, Outcome::Collect);
    // The decision is shown with its paragraph before anything else.
    assert_eq!(desk.step(), Step::Decision);
    ok(desk.continue_to_collection());
    assert_eq!(desk.step(), Step::Consent);
    ok(desk.record_consent(ConsentAnswer::Refuses, &mut f.store));
    assert_eq!(desk.step(), Step::Done);
    let Some(Completion::Refused { id }) = desk.completion() else {
        panic!("no refusal: {:?}", desk.completion());
    };
    let saved = ok(f.store.refusal(id));
    assert_eq!(saved.person.name.surname, "Әбенов");
}

#[test]
fn a_ten_year_old_citizen_is_exempt_and_the_exemption_is_saved() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(ApplicantKind::Citizen, passport()));
    ok(desk.set_identity(&citizen_form("2016-01-15"), &mut f.store));
    let decision = ok(desk.answer_eligibility(EligibilityAnswers::default()));
    assert_eq!(decision.eligibility.outcome, Outcome::Exempt);
    assert_eq!(desk.step(), Step::Decision);
    assert!(desk.continue_to_collection().is_err(), "nothing to collect");
    let completion = ok(desk.confirm_no_collection(&mut f.store));
    let Completion::NotCollected { id, outcome, .. } = completion else {
        panic!("{completion:?}");
    };
    assert_eq!(outcome, NonCollectionOutcome::Exempt);
    let saved = ok(f.store.non_collection(beder::model::Registry::Citizen, id));
    assert_eq!(saved.grounds, ["4.1"]);
}

#[test]
fn a_thirteen_year_old_needs_a_complete_representation_first() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(ApplicantKind::Citizen, passport()));
    ok(desk.set_identity(&citizen_form("2013-06-01"), &mut f.store));
    let decision = ok(desk.answer_eligibility(EligibilityAnswers::default()));
    assert!(
        decision
            .requirements
            .contains(Requirement::LegalRepresentative)
    );
    ok(desk.continue_to_collection());
    assert_eq!(desk.step(), Step::Representation);
    // Consent cannot be skipped to.
    assert!(matches!(
        desk.record_consent(ConsentAnswer::Consents, &mut f.store),
        Err(FlowError::WrongStep(Step::Representation))
    ));
    let missing =
        desk.provide_representative(representative(RepresentativeKind::LegalRepresentative, " "));
    assert!(
        matches!(&missing, Err(FlowError::Representation(m)) if m == &["authority_document"]),
        "{missing:?}"
    );
    let mut unsigned = representative(RepresentativeKind::LegalRepresentative, "I-АЖ 123");
    unsigned.written_application.received = false;
    assert!(matches!(
        desk.provide_representative(unsigned),
        Err(FlowError::Representation(m)) if m == ["written_application"]
    ));
    assert_eq!(desk.step(), Step::Representation, "blocked");
    ok(desk.provide_representative(representative(
        RepresentativeKind::LegalRepresentative,
        "I-АЖ 123",
    )));
    assert_eq!(desk.step(), Step::Consent);
    ok(desk.record_consent(ConsentAnswer::Consents, &mut f.store));
    assert_eq!(desk.step(), Step::Capture);
    // No registration without prints: the capture step must be complete
    // before the personal data, and nothing is saved before the review.
    assert!(matches!(
        desk.finish_capture(&mut f.store),
        Err(FlowError::CaptureIncomplete)
    ));
    ok(desk.start_capture(Default::default(), Default::default()));
    assert!(matches!(
        desk.finish_capture(&mut f.store),
        Err(FlowError::CaptureIncomplete)
    ));
    assert!(matches!(
        desk.save(&mut f.store),
        Err(FlowError::WrongStep(Step::Capture))
    ));
    assert!(ok(f.store.check()).citizen_registrations == 0);
}

#[test]
fn a_diplomatic_courier_without_then_with_a_courier_sheet() {
    let mut f = fixture(Mode::Training);
    let courier = |sheet: bool| EligibilityAnswers {
        reciprocity: true,
        exemption_category: Some(ReciprocityCategory::DiplomaticCourier),
        passport_kind: PassportKind::Diplomatic,
        courier_sheet: sheet,
        ..EligibilityAnswers::default()
    };
    let visa = Service::Visa(VisaApplication::PaperAtMission);
    let mut without = Desk::new(f.officer, d(TODAY));
    ok(without.choose_applicant(ApplicantKind::Foreigner, visa));
    ok(without.set_identity(&foreigner_form(), &mut f.store));
    assert_eq!(
        ok(without.answer_eligibility(courier(false)))
            .eligibility
            .outcome,
        Outcome::Collect
    );
    // The foreign applicant's decision is shown, with why the claimed
    // exemption was refused, before capture.
    assert_eq!(without.step(), Step::Decision);
    let explained = without
        .decision()
        .map(|d| d.explanation())
        .unwrap_or_default();
    assert!(
        explained
            .iter()
            .any(|e| format!("{e:?}").contains("reciprocity")),
        "{explained:?}"
    );
    ok(without.continue_to_collection());
    assert_eq!(
        without.step(),
        Step::Capture,
        "no consent question for foreigners"
    );

    let mut with = Desk::new(f.officer, d(TODAY));
    ok(with.choose_applicant(ApplicantKind::Foreigner, visa));
    ok(with.set_identity(&foreigner_form(), &mut f.store));
    assert_eq!(
        ok(with.answer_eligibility(courier(true)))
            .eligibility
            .outcome,
        Outcome::Exempt
    );
    let Completion::NotCollected { id, .. } = ok(with.confirm_no_collection(&mut f.store)) else {
        panic!("not saved");
    };
    let saved = ok(f
        .store
        .non_collection(beder::model::Registry::Foreigner, id));
    assert_eq!(saved.grounds, ["4.2"]);
    assert!(saved.courier_sheet);
    assert_eq!(
        saved.reciprocity_category,
        Some(ReciprocityCategory::DiplomaticCourier)
    );
}

#[test]
fn an_electronic_visa_applicant_is_not_subject() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(
        ApplicantKind::Foreigner,
        Service::Visa(VisaApplication::ElectronicWithoutVisit),
    ));
    ok(desk.set_identity(&foreigner_form(), &mut f.store));
    assert_eq!(
        ok(desk.answer_eligibility(EligibilityAnswers::default()))
            .eligibility
            .outcome,
        Outcome::NotSubject
    );
    let completion = ok(desk.confirm_no_collection(&mut f.store));
    assert!(matches!(
        completion,
        Completion::NotCollected {
            outcome: NonCollectionOutcome::NotSubject,
            ..
        }
    ));
}

#[test]
fn a_previous_registration_turns_enrolment_into_verification() {
    let mut f = fixture(Mode::Training);
    ok(f.store
        .save_registration(f.officer, &citizen_registration()));
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(
        ApplicantKind::Citizen,
        Service::Passport(PassportService::Replacement),
    ));
    // The same person typed in Latin letters, with his IIN.
    let form = IdentityForm {
        surname: "Nurlanov".into(),
        name: "Kairat".into(),
        birth_date: "1985-03-12".into(),
        sex: Some(Sex::Male),
        iin: "850312300012".into(),
        ..IdentityForm::default()
    };
    // A replacement names the previous passport (п.7.1).
    assert!(matches!(
        desk.set_identity(&form, &mut f.store),
        Err(FlowError::Fields(e)) if e[0].field == "document_number"
    ));
    let form = IdentityForm {
        document_number: "N 1234567".into(),
        ..form
    };
    ok(desk.set_identity(&form, &mut f.store));
    assert_eq!(desk.previous_registrations().len(), 1);
    let decision = ok(desk.answer_eligibility(EligibilityAnswers::default()));
    assert!(decision.requirements.contains(Requirement::Verification));
}

#[test]
fn bad_input_is_reported_field_by_field_and_nothing_moves_on() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    assert!(matches!(
        desk.choose_applicant(
            ApplicantKind::Citizen,
            Service::Visa(VisaApplication::PaperAtMission)
        ),
        Err(FlowError::Fields(_))
    ));
    ok(desk.choose_applicant(ApplicantKind::Citizen, passport()));
    let form = IdentityForm {
        surname: "  ".into(),
        name: "Ерлан".into(),
        birth_date: "12.03.85".into(),
        sex: Some(Sex::Male),
        iin: "850312300013".into(),
        ..IdentityForm::default()
    };
    let Err(FlowError::Fields(errors)) = desk.set_identity(&form, &mut f.store) else {
        panic!("accepted bad input");
    };
    let fields: Vec<(&str, &str)> = errors.iter().map(|e| (e.field, e.key)).collect();
    assert_eq!(
        fields,
        [
            ("surname", "field-required"),
            ("birth_date", "field-bad-date"),
            ("iin", "iin-error-check-digit")
        ]
    );
    assert_eq!(desk.step(), Step::Identity);
    // An IIN that disagrees with the birth date.
    let disagreeing = IdentityForm {
        iin: "850312300012".into(),
        ..citizen_form("1985-03-13")
    };
    let Err(FlowError::Fields(errors)) = desk.set_identity(&disagreeing, &mut f.store) else {
        panic!("accepted a disagreeing IIN");
    };
    assert_eq!(errors[0].key, "field-iin-disagrees");
    // A medical conclusion without a number, or dated after today.
    ok(desk.set_identity(&citizen_form("1985-03-12"), &mut f.store));
    let bad_medical = EligibilityAnswers {
        medical_conclusion: Some((String::new(), "2026-12-01".into())),
        ..EligibilityAnswers::default()
    };
    let Err(FlowError::Fields(errors)) = desk.answer_eligibility(bad_medical) else {
        panic!("accepted a bad conclusion");
    };
    assert_eq!(errors.len(), 2);
    assert_eq!(desk.step(), Step::Eligibility);
    // Every message key exists in every language.
    let localizer = ok(beder::i18n::Localizer::new());
    for key in [
        "field-required",
        "field-bad-date",
        "field-iin-disagrees",
        "iin-error-check-digit",
    ] {
        for lang in beder::i18n::Lang::ALL {
            assert!(localizer.has(lang, key), "{lang} {key}");
        }
    }
}

#[test]
fn going_back_keeps_the_flow_consistent() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(ApplicantKind::Citizen, passport()));
    ok(desk.set_identity(&citizen_form("1985-03-12"), &mut f.store));
    desk.back();
    assert_eq!(desk.step(), Step::Identity);
    ok(desk.set_identity(&citizen_form("1985-03-12"), &mut f.store));
    assert_eq!(desk.step(), Step::Eligibility);
}

#[test]
fn mission_settings_are_checked_saved_and_read_back() {
    use beder::enrollment::{MissionSettings, SettingsForm};
    let mut f = fixture(Mode::Training);
    assert_eq!(
        ok(MissionSettings::load(&f.store)),
        MissionSettings::default()
    );
    let bad = SettingsForm {
        quality_threshold: "95".into(),
        max_attempts: "three".into(),
        idle_lock_minutes: "10".into(),
        theme: beder::enrollment::Theme::Light,
        outbox_warn_days: "0".into(),
        retention_days: "0".into(),
        developer_devices_in_training: true,
    };
    let fields: Vec<&str> = bad
        .validate()
        .err()
        .unwrap_or_default()
        .iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        [
            "quality_threshold",
            "max_attempts",
            "outbox_warn_days",
            "retention_days"
        ]
    );
    let good = SettingsForm {
        quality_threshold: "55".into(),
        max_attempts: "4".into(),
        idle_lock_minutes: "10".into(),
        theme: beder::enrollment::Theme::HighContrast,
        outbox_warn_days: "21".into(),
        retention_days: "45".into(),
        // The supervisor rehearses the live desk's refusal in training.
        developer_devices_in_training: false,
    };
    let settings = ok(good.validate());
    ok(settings.save(&mut f.store, f.officer));
    let read = ok(MissionSettings::load(&f.store));
    assert_eq!(read.quality.recapture_below, 55);
    assert_eq!(read.quality.max_attempts, 4);
    assert_eq!(read.idle_lock_minutes, 10);
    assert_eq!(read.theme, beder::enrollment::Theme::HighContrast);
    assert_eq!(read.outbox_warn_days, 21);
    assert_eq!(read.retention_days, 45);
    assert!(!read.developer_devices_in_training);
    // One audit entry for the whole change (one transaction).
    let changes = ok(f.store.audit_entries(20))
        .iter()
        .filter(|e| e.action == "settings_changed")
        .count();
    assert_eq!(changes, 1);
    assert!(
        ok(f.store.audit_entries(5))
            .iter()
            .any(|e| e.action == "settings_changed")
    );
}
