//! Random walks over the desk — next, back, change an answer, cancel — never
//! save a row that contradicts the answers in force when it is saved: the
//! person, the registry, the representative, and whose prints they are.

mod common;

use beder::biometrics::synth::minutiae::synthetic_person;
use beder::enrollment::{Completion, ConsentAnswer, Desk, EligibilityAnswers, IdentityForm, Step};
use beder::model::{
    ApplicantKind, AuthorityDocument, FullName, IdentityDocument, PassportService, Position,
    Representative, RepresentativeKind, Service, Sex, VisaApplication, WrittenApplication,
};
use beder::regulation::Requirement;
use beder::store::Mode;
use common::desk::*;
use common::*;
use proptest::prelude::*;

const TODAY: &str = "2026-11-25";

#[derive(Debug, Clone)]
enum Action {
    /// Whatever the current step needs next (keeps walks moving, so many
    /// of them reach a save).
    Forward,
    Back,
    Cancel,
    Applicant(u8),
    Identity {
        person: u8,
        child: bool,
    },
    Answer {
        incapable: bool,
    },
    Continue,
    Represent,
    Consent(bool),
    Capture,
    Finish,
    Personal,
    Save,
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        12 => Just(Action::Forward),
        2 => Just(Action::Back),
        1 => Just(Action::Cancel),
        2 => (0u8..3).prop_map(Action::Applicant),
        3 => (0u8..3, any::<bool>()).prop_map(|(person, child)| Action::Identity { person, child }),
        3 => any::<bool>().prop_map(|incapable| Action::Answer { incapable }),
        3 => Just(Action::Continue),
        2 => Just(Action::Represent),
        2 => prop::bool::weighted(0.85).prop_map(Action::Consent),
        3 => Just(Action::Capture),
        3 => Just(Action::Finish),
        3 => Just(Action::Personal),
        3 => Just(Action::Save),
    ]
}

const SURNAMES: [&str; 3] = ["Әбенов", "Сапаров", "Müller"];

fn identity_form(kind: ApplicantKind, person: u8, child: bool) -> IdentityForm {
    IdentityForm {
        surname: SURNAMES[usize::from(person)].into(),
        name: "Ерлан".into(),
        birth_date: if child { "2013-06-01" } else { "1985-03-12" }.into(),
        sex: Some(Sex::Male),
        document_number: if kind == ApplicantKind::Citizen {
            String::new()
        } else {
            format!("DOC{person}")
        },
        ..IdentityForm::default()
    }
}

fn representative(kind: RepresentativeKind) -> Representative {
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

fn applicant(index: u8) -> (ApplicantKind, Service) {
    match index {
        0 => (
            ApplicantKind::Citizen,
            Service::Passport(PassportService::FirstIssue),
        ),
        1 => (
            ApplicantKind::Foreigner,
            Service::Visa(VisaApplication::PaperAtMission),
        ),
        _ => (
            ApplicantKind::Stateless,
            Service::Visa(VisaApplication::PaperAtMission),
        ),
    }
}

/// The person whose synthetic fingers belong to `surname` (distinct for
/// each name, so a leak shows).
fn person_of(surname: &str) -> usize {
    20 + SURNAMES.iter().position(|s| *s == surname).unwrap_or(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_walk_saves_a_row_that_contradicts_the_answers_in_force(
        actions in prop::collection::vec(action(), 10..60)
    ) {
        let mut f = fixture(Mode::Training);
        let mut desk = Desk::new(f.officer, d(TODAY));
        let mut saved = 0usize;
        for action in actions {
            if desk.step() == Step::Done {
                desk.cancel(d(TODAY));
            }
            let action = match action {
                Action::Forward => match desk.step() {
                    Step::Applicant => Action::Applicant(0),
                    Step::Identity => Action::Identity { person: 0, child: false },
                    Step::Eligibility => Action::Answer { incapable: false },
                    Step::Decision => Action::Continue,
                    Step::Representation => Action::Represent,
                    Step::Consent => Action::Consent(true),
                    Step::Capture if desk.capture().is_some_and(|c| c.is_complete()) => Action::Finish,
                    Step::Capture => Action::Capture,
                    Step::PersonalData => Action::Personal,
                    Step::Review => Action::Save,
                    _ => Action::Back,
                },
                other => other,
            };
            match action {
                Action::Forward => {}
                Action::Back => desk.back(),
                Action::Cancel => desk.cancel(d(TODAY)),
                Action::Applicant(i) => {
                    let (kind, service) = applicant(i);
                    let _ = desk.choose_applicant(kind, service);
                }
                Action::Identity { person, child } => {
                    if let Some((kind, _)) = desk.applicant() {
                        let _ = desk.set_identity(&identity_form(kind, person, child), &mut f.store);
                    }
                }
                Action::Answer { incapable } => {
                    let _ = desk.answer_eligibility(EligibilityAnswers {
                        declared_incapable: incapable,
                        ..EligibilityAnswers::default()
                    });
                }
                Action::Continue => {
                    let _ = desk.continue_to_collection();
                }
                Action::Represent => {
                    if let Some(kind) = desk.representative_needed() {
                        let _ = desk.provide_representative(representative(kind));
                    }
                }
                Action::Consent(yes) => {
                    let refusals = |f: &Fixture| -> i64 {
                        ok(f.store.raw_connection().query_row(
                            "SELECT count(*) FROM citizen_refusals", [], |r| r.get(0)))
                    };
                    let refusals_before = refusals(&f);
                    let answer = if yes { ConsentAnswer::Consents } else { ConsentAnswer::Refuses };
                    let kind = desk.applicant().map(|(k, _)| k);
                    if desk.record_consent(answer, &mut f.store).is_ok() && !yes {
                        // A refusal is a citizen's, recorded for the person in force.
                        prop_assert_eq!(kind, Some(ApplicantKind::Citizen));
                        prop_assert_eq!(refusals(&f), refusals_before + 1);
                    }
                }
                Action::Capture => {
                    if desk.step() == Step::Capture {
                        let owner = desk.identity().map(|i| person_of(&i.name.surname));
                        if let Some(owner) = owner {
                            capture_everything(&mut desk, owner);
                        }
                    }
                }
                Action::Finish => {
                    let _ = desk.finish_capture(&mut f.store);
                }
                Action::Personal => {
                    if let Some((kind, _)) = desk.applicant() {
                        let _ = desk.set_personal_data(&personal_form(kind));
                    }
                }
                Action::Save => {
                    // What is in force at the moment of saving.
                    let in_force = (
                        desk.applicant(),
                        desk.identity().cloned(),
                        desk.decision().cloned(),
                    );
                    let Ok(Completion::Registered { id, .. }) = desk.save(&mut f.store) else {
                        continue;
                    };
                    saved += 1;
                    let (Some((kind, service)), Some(identity), Some(decision)) = in_force else {
                        prop_assert!(false, "saved without answers in force");
                        continue;
                    };
                    let record = ok(f.store.load_registration(f.officer, id));
                    prop_assert_eq!(id.registry, kind.registry());
                    prop_assert_eq!(record.basis.service, service);
                    prop_assert_eq!(&record.personal.name().surname, &identity.name.surname);
                    prop_assert_eq!(record.personal.birth_date(), identity.birth_date);
                    let needs = decision.requirements.contains(Requirement::LegalRepresentative)
                        || decision.requirements.contains(Requirement::Guardian);
                    prop_assert_eq!(record.representative.is_some(), needs);
                    if let Some(rep) = &record.representative {
                        let kind = if decision.requirements.contains(Requirement::Guardian) {
                            RepresentativeKind::Guardian
                        } else {
                            RepresentativeKind::LegalRepresentative
                        };
                        prop_assert_eq!(rep.kind, kind);
                    }
                    // The prints are the person's own.
                    let own = synthetic_person(person_of(&identity.name.surname), 0);
                    for row in &record.biometrics {
                        let (Position::Finger(finger), Some(template)) = (
                            row.position,
                            row.capture.as_ref().and_then(|c| c.template.as_ref()),
                        ) else {
                            continue;
                        };
                        let stored = ok(beder::biometrics::iso::decode(&template.data)).swap_remove(0);
                        let expected = own.iter().find(|t| t.position == Some(finger));
                        prop_assert_eq!(Some(&stored.minutiae), expected.map(|t| &t.minutiae));
                    }
                }
            }
            // The step is always on the computed path.
            prop_assert!(desk.path().contains(&desk.step()), "{:?} off {:?}", desk.step(), desk.path());
        }
        // About 20 of 48 walks save at least once (measured when written).
        let _ = saved;
    }
}

/// The walks are worth something only if they save: a forward walk from an
/// empty desk reaches a registration.
#[test]
fn a_forward_walk_saves() {
    let mut f = fixture(Mode::Training);
    let mut desk = Desk::new(f.officer, d(TODAY));
    ok(desk.choose_applicant(ApplicantKind::Foreigner, applicant(1).1));
    ok(desk.set_identity(
        &identity_form(ApplicantKind::Foreigner, 2, false),
        &mut f.store,
    ));
    ok(desk.answer_eligibility(EligibilityAnswers::default()));
    ok(desk.continue_to_collection());
    capture_everything(&mut desk, person_of("Müller"));
    ok(desk.finish_capture(&mut f.store));
    ok(desk.set_personal_data(&personal_form(ApplicantKind::Foreigner)));
    assert!(matches!(
        ok(desk.save(&mut f.store)),
        Completion::Registered { .. }
    ));
}
