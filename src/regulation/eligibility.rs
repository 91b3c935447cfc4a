//! Who must give prints, who is exempt, and who is not subject at all
//! (п.3, п.4).

use chrono::NaiveDate;

use super::age::{AgeBand, age_band, age_on};
use super::case::{Case, CaseError};
use super::explanation::Explanation;
use super::paragraph::{P3_1, P3_2, P4_1, P4_2, P4_3, P4_4, Paragraph};
use crate::model::{
    ApplicantKind, PassportKind, PassportService, ReciprocityCategory, Service, VisaApplication,
};

/// The three outcomes of п.3–п.4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Within п.3 and no п.4 ground: fingerprints are collected.
    Collect,
    /// Within п.3, but exempt by law (п.4). A *legal* exemption: never to be
    /// confused with a physical impossibility found at capture (п.10).
    Exempt,
    /// Outside п.3: the mission does not collect from this person at all.
    NotSubject,
}

impl Outcome {
    /// The snake_case code of the JSON contracts.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Collect => "collect",
            Outcome::Exempt => "exempt",
            Outcome::NotSubject => "not_subject",
        }
    }
}

/// One ground of a decision, with the paragraph it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ground {
    /// п.3.1: a citizen applying for the first issue, restoration or
    /// replacement of a passport.
    CitizenPassport(PassportService),
    /// п.3.1 read the other way: any other passport service is outside it.
    CitizenOtherPassportService,
    /// п.3.2: a foreigner or stateless person, 16 or older, applying for a
    /// visa at the mission.
    VisaApplicant,
    /// п.3.2 read the other way: under 16.
    VisaApplicantUnder16,
    /// п.3.2 read the other way: an electronic visa without visiting the mission.
    ElectronicVisaWithoutVisit,
    /// п.4.1: a child under 12.
    Under12,
    /// п.4.2: a reciprocity category whose condition is met.
    Reciprocity(ReciprocityCategory),
    /// п.4.3: a medical advisory commission's conclusion.
    MedicalConclusion {
        /// The conclusion's number, as written on it.
        number: String,
        /// The date it was issued.
        date: NaiveDate,
    },
    /// п.4.4: lacks all fingers or the palms of both hands.
    LacksAllFingersOrPalms,
}

impl Ground {
    /// The paragraph that grants the exemption.
    pub fn paragraph(&self) -> Paragraph {
        match self {
            Ground::CitizenPassport(_) | Ground::CitizenOtherPassportService => P3_1,
            Ground::VisaApplicant
            | Ground::VisaApplicantUnder16
            | Ground::ElectronicVisaWithoutVisit => P3_2,
            Ground::Under12 => P4_1,
            Ground::Reciprocity(_) => P4_2,
            Ground::MedicalConclusion { .. } => P4_3,
            Ground::LacksAllFingersOrPalms => P4_4,
        }
    }

    /// The sentence that tells the officer about this ground.
    pub fn explanation(&self) -> Explanation {
        match self {
            Ground::CitizenPassport(service) => Explanation::new("ground-citizen-passport")
                .text("service", passport_service_code(*service)),
            Ground::CitizenOtherPassportService => {
                Explanation::new("ground-citizen-other-passport-service")
            }
            Ground::VisaApplicant => Explanation::new("ground-visa-applicant"),
            Ground::VisaApplicantUnder16 => Explanation::new("ground-visa-applicant-under-16"),
            Ground::ElectronicVisaWithoutVisit => Explanation::new("ground-electronic-visa"),
            Ground::Under12 => Explanation::new("ground-under-12"),
            Ground::Reciprocity(category) => {
                Explanation::new("ground-reciprocity").text("category", category.code())
            }
            Ground::MedicalConclusion { number, date } => {
                Explanation::new("ground-medical-conclusion")
                    .text("number", number.clone())
                    .text("date", date.format("%Y-%m-%d").to_string())
            }
            Ground::LacksAllFingersOrPalms => Explanation::new("ground-lacks-fingers-or-palms"),
        }
    }
}

fn passport_service_code(service: PassportService) -> &'static str {
    match service {
        PassportService::FirstIssue => "first_issue",
        PassportService::Restoration => "restoration",
        PassportService::Replacement => "replacement",
        PassportService::Other => "other",
    }
}

/// Why a claimed reciprocity exemption (п.4.2) was not granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReciprocityRefusal {
    /// п.4.2 applies "when issuing visas": not to citizens' passports.
    NotVisaApplicant,
    /// The other state does not give equal treatment.
    NoReciprocity,
    /// The category's own condition (passport kind, courier sheet, the person
    /// himself rather than a relative) is not met.
    ConditionNotMet,
}

impl ReciprocityRefusal {
    /// The code of the refusal in JSON (`no_reciprocity`).
    pub fn code(self) -> &'static str {
        match self {
            ReciprocityRefusal::NotVisaApplicant => "not_visa_applicant",
            ReciprocityRefusal::NoReciprocity => "no_reciprocity",
            ReciprocityRefusal::ConditionNotMet => "condition_not_met",
        }
    }
}

/// The eligibility decision of п.3–п.4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eligibility {
    /// Collect, exempt, or not subject to fingerprinting.
    pub outcome: Outcome,
    /// Every ground that holds for the outcome, in paragraph order.
    pub grounds: Vec<Ground>,
    /// Full years on the application date.
    pub age: u32,
    /// A reciprocity category was claimed but does not exempt, and why: the
    /// officer is told, so that a refused claim is never silent.
    pub refused_claim: Option<(ReciprocityCategory, ReciprocityRefusal)>,
}

impl Eligibility {
    /// The paragraphs of the grounds, each once, in order: `["4.1", "4.3"]`.
    pub fn paragraphs(&self) -> Vec<Paragraph> {
        let mut paragraphs: Vec<Paragraph> = self.grounds.iter().map(Ground::paragraph).collect();
        paragraphs.sort();
        paragraphs.dedup();
        paragraphs
    }

    /// The paragraphs as the JSON contracts and the store write them: `"4.1"`.
    pub fn ground_codes(&self) -> Vec<String> {
        self.paragraphs().iter().map(ToString::to_string).collect()
    }

    /// The outcome sentence followed by one sentence per ground.
    pub fn explanation(&self) -> Vec<Explanation> {
        let outcome_key = match self.outcome {
            Outcome::Collect => "decision-collect",
            Outcome::Exempt => "decision-exempt",
            Outcome::NotSubject => "decision-not-subject",
        };
        let mut parts = vec![Explanation::new(outcome_key).number("age", i64::from(self.age))];
        parts.extend(self.grounds.iter().map(Ground::explanation));
        if let Some((category, refusal)) = self.refused_claim {
            parts.push(
                Explanation::new("note-reciprocity-refused")
                    .text("category", category.code())
                    .text("reason", refusal.code()),
            );
        }
        parts
    }
}

/// The condition attached to a reciprocity category in п.4.2, given that
/// reciprocity holds with the applicant's state.
///
/// - heads of state, government or organisation, and their family members;
///   honorary consuls and their family members; persons invited by the listed
///   state bodies — no passport condition;
/// - members of parliaments, governments or organisations, and their family
///   members — diplomatic passport;
/// - members of official delegations and their accompanying persons —
///   diplomatic passport;
/// - agents on official business — diplomatic or international-organisation
///   passport;
/// - diplomatic couriers — diplomatic passport **and** a courier sheet.
///
/// `family_member` marks a relative (or, for a delegation, an accompanying
/// person) rather than the person himself. Only the categories whose text
/// names family members (heads, members, honorary consuls) or accompanying
/// persons (delegations) extend to them: an agent's, a courier's or an
/// invited person's relative is not exempt through them.
pub fn reciprocity_condition_met(
    category: ReciprocityCategory,
    passport_kind: PassportKind,
    courier_sheet: bool,
    family_member: bool,
) -> bool {
    use ReciprocityCategory::*;
    let diplomatic = passport_kind == PassportKind::Diplomatic;
    match category {
        HeadOfStateGovernmentOrOrganisation | HonoraryConsul => true,
        MemberOfParliamentGovernmentOrOrganisation | OfficialDelegation => diplomatic,
        AgentOnOfficialBusiness => {
            !family_member
                && matches!(
                    passport_kind,
                    PassportKind::Diplomatic | PassportKind::InternationalOrganisation
                )
        }
        DiplomaticCourier => !family_member && diplomatic && courier_sheet,
        InvitedByStateBody => !family_member,
    }
}

/// Decides whether dactyloscopic information is collected (п.3), exempted
/// (п.4) or not subject to collection at all.
///
/// Precedence: outside п.3 → `not_subject` with the п.3 grounds; otherwise
/// every п.4 ground that holds → `exempt`; otherwise `collect` with the п.3
/// ground.
///
/// - п.3.1: citizens applying for the first issue, restoration or replacement
///   of a passport (with their consent — see `requirements`).
/// - п.3.2: foreigners and stateless persons aged 16 or older applying for a
///   visa, except an electronic visa issued without visiting the mission.
/// - п.4.1: children under 12.
/// - п.4.2: on reciprocity, visa applicants of the listed categories, each
///   with its condition ([`reciprocity_condition_met`]).
/// - п.4.3: illness, with a medical advisory commission's conclusion (number
///   and date).
/// - п.4.4: persons lacking all fingers or the palms of both hands.
pub fn eligibility(case: &Case) -> Result<Eligibility, CaseError> {
    CaseError::check(case)?;
    let age = age_on(case.birth_date, case.application_date)
        .map_err(|_| CaseError::BornAfterApplication)?;

    // п.3: is the person within the scope of collection at all?
    let scope_ground = match (case.applicant, case.service) {
        (ApplicantKind::Citizen, Service::Passport(PassportService::Other)) => {
            return Ok(Eligibility {
                outcome: Outcome::NotSubject,
                grounds: vec![Ground::CitizenOtherPassportService],
                age,
                refused_claim: None,
            });
        }
        (ApplicantKind::Citizen, Service::Passport(service)) => Ground::CitizenPassport(service),
        (ApplicantKind::Citizen, Service::Visa(_)) => {
            return Err(CaseError::CitizenNeedsPassportService("visa"));
        }
        (_, Service::Passport(_)) => return Err(CaseError::ForeignerNeedsVisa("passport")),
        (_, Service::Visa(application)) => {
            let mut outside = Vec::new();
            if age_band(age) != AgeBand::SixteenOrOlder {
                outside.push(Ground::VisaApplicantUnder16);
            }
            if application == VisaApplication::ElectronicWithoutVisit {
                outside.push(Ground::ElectronicVisaWithoutVisit);
            }
            if !outside.is_empty() {
                return Ok(Eligibility {
                    outcome: Outcome::NotSubject,
                    grounds: outside,
                    age,
                    refused_claim: None,
                });
            }
            Ground::VisaApplicant
        }
    };

    // п.4: exemptions, every one that holds.
    let mut exemptions = Vec::new();
    if age_band(age) == AgeBand::Under12 {
        exemptions.push(Ground::Under12);
    }
    let mut refused_claim = None;
    if let Some(category) = case.exemption_category {
        let refusal = if !matches!(case.service, Service::Visa(_)) {
            Some(ReciprocityRefusal::NotVisaApplicant)
        } else if !case.reciprocity {
            Some(ReciprocityRefusal::NoReciprocity)
        } else if !reciprocity_condition_met(
            category,
            case.passport_kind,
            case.courier_sheet,
            case.family_member,
        ) {
            Some(ReciprocityRefusal::ConditionNotMet)
        } else {
            None
        };
        match refusal {
            None => exemptions.push(Ground::Reciprocity(category)),
            Some(refusal) => refused_claim = Some((category, refusal)),
        }
    }
    if let Some(conclusion) = &case.medical_conclusion {
        exemptions.push(Ground::MedicalConclusion {
            number: conclusion.number.trim().to_string(),
            date: conclusion.date,
        });
    }
    if case.lacks_all_fingers_or_palms_of_both_hands {
        exemptions.push(Ground::LacksAllFingersOrPalms);
    }
    if !exemptions.is_empty() {
        return Ok(Eligibility {
            outcome: Outcome::Exempt,
            grounds: exemptions,
            age,
            refused_claim,
        });
    }

    Ok(Eligibility {
        outcome: Outcome::Collect,
        grounds: vec![scope_ground],
        age,
        refused_claim,
    })
}
