//! The Rules as a lawyer would test them: one table per paragraph.

use std::collections::BTreeMap;

use beder::model::{
    ApplicantKind, ExceptionReason, FingerPosition, MedicalConclusion, PalmPosition, PassportKind,
    PassportService, Permanence, ReciprocityCategory, Service, VisaApplication,
};
use beder::regulation::{
    CapturePlan, Case, CaseError, ConsentBy, Outcome, PrintabilityFinding, ReciprocityRefusal,
    Requirement, decide, eligibility, requirements,
};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|_| panic!("bad test date {s}"))
}

const TODAY: &str = "2026-11-25";

/// A case on TODAY for someone born on `birth`.
fn case(applicant: ApplicantKind, service: Service, birth: &str) -> Case {
    Case {
        applicant,
        birth_date: d(birth),
        application_date: d(TODAY),
        service,
        declared_incapable: false,
        previously_registered: false,
        reciprocity: false,
        exemption_category: None,
        family_member: false,
        passport_kind: PassportKind::Ordinary,
        courier_sheet: false,
        medical_conclusion: None,
        lacks_all_fingers_or_palms_of_both_hands: false,
    }
}

fn citizen(birth: &str) -> Case {
    case(
        Citizen,
        Service::Passport(PassportService::FirstIssue),
        birth,
    )
}

fn visa(applicant: ApplicantKind, birth: &str) -> Case {
    case(
        applicant,
        Service::Visa(VisaApplication::PaperAtMission),
        birth,
    )
}

fn outcome_and_grounds(case: &Case) -> (Outcome, Vec<String>) {
    let e = eligibility(case).unwrap_or_else(|err| panic!("undecidable: {err}"));
    (
        e.outcome,
        e.paragraphs().iter().map(ToString::to_string).collect(),
    )
}

fn requires(case: &Case) -> Vec<Requirement> {
    decide(case)
        .unwrap_or_else(|err| panic!("undecidable: {err}"))
        .requirements
        .list
}

use ApplicantKind::{Citizen, Foreigner, Stateless};
use Outcome::{Collect, Exempt, NotSubject};

#[test]
fn paragraph_3_1_citizens_passport_services() {
    let table = [
        (PassportService::FirstIssue, Collect),
        (PassportService::Restoration, Collect),
        (PassportService::Replacement, Collect),
        (PassportService::Other, NotSubject),
    ];
    for (service, want) in table {
        let c = case(Citizen, Service::Passport(service), "1985-03-12");
        assert_eq!(
            outcome_and_grounds(&c),
            (want, vec!["3.1".into()]),
            "{service:?}"
        );
    }
}

#[test]
fn paragraph_3_2_visa_applicants_from_16_except_electronic_visas() {
    for applicant in [Foreigner, Stateless] {
        // (birth date, electronic, outcome)
        let table = [
            ("1985-03-12", false, Collect),
            ("2010-11-25", false, Collect),    // 16th birthday today
            ("2010-11-26", false, NotSubject), // 16 tomorrow
            ("2016-01-01", false, NotSubject), // 10: not subject, not "exempt under 12"
            ("1985-03-12", true, NotSubject),
            ("2012-01-01", true, NotSubject),
        ];
        for (birth, electronic, want) in table {
            let mut c = visa(applicant, birth);
            if electronic {
                c.service = Service::Visa(VisaApplication::ElectronicWithoutVisit);
            }
            assert_eq!(
                outcome_and_grounds(&c),
                (want, vec!["3.2".into()]),
                "{applicant:?} born {birth}, electronic {electronic}"
            );
        }
    }
}

#[test]
fn paragraph_4_1_children_under_12() {
    let table = [
        ("2014-11-26", Exempt, "4.1"),  // 12 tomorrow
        ("2014-11-25", Collect, "3.1"), // 12 today
        ("2026-11-25", Exempt, "4.1"),  // born today
    ];
    for (birth, want, ground) in table {
        assert_eq!(
            outcome_and_grounds(&citizen(birth)),
            (want, vec![ground.into()]),
            "born {birth}"
        );
    }
}

#[test]
fn leap_day_birth_reaches_12_on_28_february_of_a_common_year() {
    let mut c = citizen("2088-02-29");
    c.application_date = d("2100-02-27");
    assert_eq!(outcome_and_grounds(&c).0, Exempt);
    c.application_date = d("2100-02-28");
    assert_eq!(outcome_and_grounds(&c).0, Collect);
    assert_eq!(
        requires(&c),
        [
            Requirement::Consent,
            Requirement::LegalRepresentative,
            Requirement::WrittenApplication
        ]
    );
}

/// Each п.4.2 category with its condition met and unmet.
#[test]
#[expect(
    clippy::too_many_lines,
    reason = "a table of cases, one row per category and condition of п.4.2"
)]
fn paragraph_4_2_reciprocity_categories_and_their_conditions() {
    use PassportKind::*;
    use ReciprocityCategory::*;
    // (category, passport, courier sheet, family member, exempt?)
    let table = [
        (
            HeadOfStateGovernmentOrOrganisation,
            Ordinary,
            false,
            false,
            true,
        ),
        (
            HeadOfStateGovernmentOrOrganisation,
            Ordinary,
            false,
            true,
            true,
        ),
        (
            MemberOfParliamentGovernmentOrOrganisation,
            Diplomatic,
            false,
            false,
            true,
        ),
        (
            MemberOfParliamentGovernmentOrOrganisation,
            Diplomatic,
            false,
            true,
            true,
        ),
        (
            MemberOfParliamentGovernmentOrOrganisation,
            Ordinary,
            false,
            false,
            false,
        ),
        (
            MemberOfParliamentGovernmentOrOrganisation,
            Service,
            false,
            false,
            false,
        ),
        (
            MemberOfParliamentGovernmentOrOrganisation,
            Ordinary,
            false,
            true,
            false,
        ),
        (OfficialDelegation, Diplomatic, false, false, true),
        (OfficialDelegation, Diplomatic, false, true, true), // accompanying person
        (OfficialDelegation, Service, false, false, false),
        (
            OfficialDelegation,
            InternationalOrganisation,
            false,
            false,
            false,
        ),
        (HonoraryConsul, Ordinary, false, false, true),
        (HonoraryConsul, Ordinary, false, true, true),
        (AgentOnOfficialBusiness, Diplomatic, false, false, true),
        (
            AgentOnOfficialBusiness,
            InternationalOrganisation,
            false,
            false,
            true,
        ),
        (AgentOnOfficialBusiness, Service, false, false, false),
        (AgentOnOfficialBusiness, Ordinary, false, false, false),
        (AgentOnOfficialBusiness, Diplomatic, false, true, false),
        (DiplomaticCourier, Diplomatic, true, false, true),
        (DiplomaticCourier, Diplomatic, false, false, false),
        (DiplomaticCourier, Ordinary, true, false, false),
        (
            DiplomaticCourier,
            InternationalOrganisation,
            true,
            false,
            false,
        ),
        (DiplomaticCourier, Diplomatic, true, true, false),
        (InvitedByStateBody, Ordinary, false, false, true),
        (InvitedByStateBody, Ordinary, false, true, false),
    ];
    for (category, passport, sheet, family, exempt) in table {
        let mut c = visa(Foreigner, "1970-06-01");
        c.reciprocity = true;
        c.exemption_category = Some(category);
        c.passport_kind = passport;
        c.courier_sheet = sheet;
        c.family_member = family;
        let e = eligibility(&c).unwrap_or_else(|err| panic!("{err}"));
        let label = format!("{category:?} {passport:?} sheet={sheet} family={family}");
        if exempt {
            assert_eq!(e.outcome, Exempt, "{label}");
            assert_eq!(
                e.paragraphs()
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>(),
                ["4.2"],
                "{label}"
            );
            assert_eq!(e.refused_claim, None, "{label}");
        } else {
            assert_eq!(e.outcome, Collect, "{label}");
            assert_eq!(
                e.refused_claim,
                Some((category, ReciprocityRefusal::ConditionNotMet)),
                "{label}"
            );
        }

        // The same claim without reciprocity never exempts.
        c.reciprocity = false;
        let e = eligibility(&c).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(e.outcome, Collect, "no reciprocity: {label}");
        assert_eq!(
            e.refused_claim,
            Some((category, ReciprocityRefusal::NoReciprocity))
        );
    }
}

#[test]
fn paragraph_4_2_applies_to_visa_applicants_only() {
    let mut c = citizen("1970-06-01");
    c.reciprocity = true;
    c.exemption_category = Some(ReciprocityCategory::HeadOfStateGovernmentOrOrganisation);
    c.passport_kind = PassportKind::Diplomatic;
    let e = eligibility(&c).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(e.outcome, Collect);
    assert_eq!(
        e.refused_claim.map(|(_, r)| r),
        Some(ReciprocityRefusal::NotVisaApplicant)
    );
    // Stateless persons are visa applicants like foreigners.
    let mut s = visa(Stateless, "1970-06-01");
    s.reciprocity = true;
    s.exemption_category = Some(ReciprocityCategory::InvitedByStateBody);
    assert_eq!(outcome_and_grounds(&s), (Exempt, vec!["4.2".into()]));
}

#[test]
fn paragraph_4_3_medical_conclusion() {
    let mut c = visa(Foreigner, "1970-06-01");
    c.medical_conclusion = Some(MedicalConclusion {
        number: "МКК-17".into(),
        date: d(TODAY),
    });
    assert_eq!(outcome_and_grounds(&c), (Exempt, vec!["4.3".into()]));

    c.medical_conclusion = Some(MedicalConclusion {
        number: "  ".into(),
        date: d("2026-01-10"),
    });
    assert_eq!(
        eligibility(&c).map(|e| e.outcome),
        Err(CaseError::MedicalConclusionWithoutNumber)
    );

    c.medical_conclusion = Some(MedicalConclusion {
        number: "12".into(),
        date: d("2026-11-26"),
    });
    assert_eq!(
        eligibility(&c).map(|e| e.outcome),
        Err(CaseError::MedicalConclusionAfterApplication)
    );
}

#[test]
fn paragraph_4_4_lacking_all_fingers_or_palms() {
    let mut c = citizen("1970-06-01");
    c.lacks_all_fingers_or_palms_of_both_hands = true;
    assert_eq!(outcome_and_grounds(&c), (Exempt, vec!["4.4".into()]));
    assert!(requires(&c).is_empty(), "no requirement unless collecting");
}

#[test]
fn every_exemption_ground_that_holds_is_listed() {
    let mut c = citizen("2020-01-01");
    c.medical_conclusion = Some(MedicalConclusion {
        number: "5".into(),
        date: d("2026-10-01"),
    });
    c.lacks_all_fingers_or_palms_of_both_hands = true;
    assert_eq!(
        outcome_and_grounds(&c),
        (Exempt, vec!["4.1".into(), "4.3".into(), "4.4".into()])
    );

    let mut f = visa(Foreigner, "1980-01-01");
    f.reciprocity = true;
    f.exemption_category = Some(ReciprocityCategory::HonoraryConsul);
    f.lacks_all_fingers_or_palms_of_both_hands = true;
    assert_eq!(
        outcome_and_grounds(&f),
        (Exempt, vec!["4.2".into(), "4.4".into()])
    );
}

#[test]
fn outside_paragraph_3_wins_over_exemptions() {
    let mut c = visa(Foreigner, "2015-01-01"); // 11: under 16 and under 12
    c.medical_conclusion = Some(MedicalConclusion {
        number: "5".into(),
        date: d("2026-10-01"),
    });
    c.lacks_all_fingers_or_palms_of_both_hands = true;
    assert_eq!(outcome_and_grounds(&c), (NotSubject, vec!["3.2".into()]));
    assert!(requires(&c).is_empty());

    let mut e = visa(Foreigner, "1980-01-01");
    e.service = Service::Visa(VisaApplication::ElectronicWithoutVisit);
    e.reciprocity = true;
    e.exemption_category = Some(ReciprocityCategory::HonoraryConsul);
    assert_eq!(outcome_and_grounds(&e), (NotSubject, vec!["3.2".into()]));
}

#[test]
fn paragraphs_5_8_9_11_requirements_before_capture() {
    use Requirement::*;
    // (case, requirements, who consents)
    let adult = citizen("1985-03-12");
    let child = citizen("2012-05-01"); // 14
    let mut incapable = citizen("1985-03-12");
    incapable.declared_incapable = true;
    let mut returning = citizen("1985-03-12");
    returning.previously_registered = true;
    let foreigner = visa(Foreigner, "1985-03-12");
    let mut incapable_foreigner = visa(Stateless, "1985-03-12");
    incapable_foreigner.declared_incapable = true;
    let mut returning_child = citizen("2011-01-01");
    returning_child.previously_registered = true;
    let table: [(&Case, Vec<Requirement>, Option<ConsentBy>); 7] = [
        (&adult, vec![Consent], Some(ConsentBy::Applicant)),
        (
            &child,
            vec![Consent, LegalRepresentative, WrittenApplication],
            Some(ConsentBy::ChildWithLegalRepresentative),
        ),
        (
            &incapable,
            vec![Consent, Guardian, WrittenApplication],
            Some(ConsentBy::Guardian),
        ),
        (
            &returning,
            vec![Consent, Verification],
            Some(ConsentBy::Applicant),
        ),
        (&foreigner, vec![], None),
        (
            &incapable_foreigner,
            vec![Guardian, WrittenApplication],
            None,
        ),
        (
            &returning_child,
            vec![
                Consent,
                LegalRepresentative,
                WrittenApplication,
                Verification,
            ],
            Some(ConsentBy::ChildWithLegalRepresentative),
        ),
    ];
    for (c, want, consent) in table {
        let r = requirements(c).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(r.list, want, "{c:?}");
        assert_eq!(r.consent, consent, "{c:?}");
    }
}

#[test]
fn sixteenth_birthday_ends_the_legal_representative_requirement() {
    use Requirement::*;
    assert_eq!(
        requires(&citizen("2010-11-26")),
        [Consent, LegalRepresentative, WrittenApplication]
    );
    assert_eq!(requires(&citizen("2010-11-25")), [Consent]);
}

#[test]
fn birth_after_application_is_undecidable() {
    let c = citizen("2026-11-26");
    assert_eq!(decide(&c).map(|_| ()), Err(CaseError::BornAfterApplication));
}

fn fingers(
    reasons: &[(FingerPosition, ExceptionReason)],
) -> BTreeMap<FingerPosition, ExceptionReason> {
    reasons.iter().copied().collect()
}

fn all_fingers(reason: ExceptionReason) -> BTreeMap<FingerPosition, ExceptionReason> {
    FingerPosition::ALL.iter().map(|f| (*f, reason)).collect()
}

#[test]
fn paragraph_10_capture_plan() {
    use ExceptionReason::*;
    // All printable: ten fingers.
    let plan = beder::regulation::capture_plan(&PrintabilityFinding::default());
    assert!(
        matches!(&plan, CapturePlan::Fingers { capture, excepted } if capture.len() == 10 && excepted.is_empty())
    );
    assert_eq!(plan.defect_mark(), None);

    // One amputated finger: nine fingers, one exception, still fingers.
    let finding = PrintabilityFinding {
        fingers: fingers(&[(FingerPosition::LeftRing, Amputated)]),
        ..Default::default()
    };
    match beder::regulation::capture_plan(&finding) {
        CapturePlan::Fingers { capture, excepted } => {
            assert_eq!(capture.len(), 9);
            assert!(!capture.contains(&FingerPosition::LeftRing));
            assert_eq!(excepted, [(FingerPosition::LeftRing, Amputated)]);
        }
        other => panic!("expected fingers, got {other:?}"),
    }

    // Nine fingers impossible, one printable: still the fingers.
    let mut nine = all_fingers(Amputated);
    nine.remove(&FingerPosition::RightThumb);
    let finding = PrintabilityFinding {
        fingers: nine,
        ..Default::default()
    };
    assert!(
        matches!(beder::regulation::capture_plan(&finding), CapturePlan::Fingers { capture, .. } if capture == [FingerPosition::RightThumb])
    );

    // No finger printable: palms, with a mark about the fingers.
    let finding = PrintabilityFinding {
        fingers: all_fingers(Amputated),
        ..Default::default()
    };
    match beder::regulation::capture_plan(&finding) {
        CapturePlan::Palms { capture, mark, .. } => {
            assert_eq!(capture, PalmPosition::FULL_PALMS);
            assert!(mark.fingers && !mark.palms);
            assert_eq!(mark.permanence, Permanence::Permanent);
            assert!(!mark.refingerprint_next_time());
        }
        other => panic!("expected palms, got {other:?}"),
    }

    // Bandaged hands: palms, temporary mark.
    let finding = PrintabilityFinding {
        fingers: all_fingers(Bandaged),
        ..Default::default()
    };
    let mark = beder::regulation::capture_plan(&finding).defect_mark();
    assert_eq!(mark.map(|m| m.permanence), Some(Permanence::Temporary));

    // One palm printable: that palm.
    let finding = PrintabilityFinding {
        fingers: all_fingers(NoPapillaryPattern),
        palms: [(PalmPosition::LeftFull, Injured)].into_iter().collect(),
    };
    assert!(
        matches!(beder::regulation::capture_plan(&finding), CapturePlan::Palms { capture, .. } if capture == [PalmPosition::RightFull])
    );

    // Neither fingers nor palms: no prints, a mark about both.
    for (palm_reason, permanence) in [
        (Amputated, Permanence::Permanent),
        (Injured, Permanence::Temporary),
        (UnprintableAtThisSitting, Permanence::Temporary),
    ] {
        let finding = PrintabilityFinding {
            fingers: all_fingers(Amputated),
            palms: PalmPosition::FULL_PALMS
                .iter()
                .map(|p| (*p, palm_reason))
                .collect(),
        };
        match beder::regulation::capture_plan(&finding) {
            CapturePlan::NoPrints { mark } => {
                assert!(mark.fingers && mark.palms);
                assert_eq!(mark.permanence, permanence, "{palm_reason:?}");
            }
            other => panic!("expected no prints, got {other:?}"),
        }
    }
}

/// A legal exemption (п.4.4) is decided before capture; an impossibility found
/// at capture (п.10) does not change the legal outcome, it yields a mark.
#[test]
fn legal_exemption_and_factual_impossibility_are_different_outcomes() {
    let mut declared = citizen("1980-01-01");
    declared.lacks_all_fingers_or_palms_of_both_hands = true;
    let exempt = decide(&declared).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(exempt.eligibility.outcome, Exempt);

    let found_at_desk = citizen("1980-01-01");
    let decision = decide(&found_at_desk).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(decision.eligibility.outcome, Collect);
    let finding = PrintabilityFinding {
        fingers: all_fingers(ExceptionReason::Amputated),
        palms: PalmPosition::FULL_PALMS
            .iter()
            .map(|p| (*p, ExceptionReason::Amputated))
            .collect(),
    };
    let plan = beder::regulation::capture_plan(&finding);
    assert!(matches!(plan, CapturePlan::NoPrints { .. }));
    assert_eq!(plan.paragraph().to_string(), "10");
}
