//! What must be in place before capture (п.5, п.8, п.9, п.11).

use super::age::{AgeBand, age_band, age_on};
use super::case::{Case, CaseError};
use super::explanation::Explanation;
use super::paragraph::{P5, P8, P9, P11, Paragraph};
use crate::model::ApplicantKind;

/// One thing the officer must obtain or do before fingerprints are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Requirement {
    /// The citizen's oral consent (п.5; п.8 for a child's own consent).
    Consent,
    /// A legal representative with identity and authority documents (п.8).
    LegalRepresentative,
    /// A guardian with identity and guardianship documents (п.9).
    Guardian,
    /// The representative's or guardian's written application, Annex 1 of the
    /// Registration Rules (п.8, п.9).
    WrittenApplication,
    /// Identity verification against the earlier registration instead of a
    /// new enrolment (п.11).
    Verification,
}

impl Requirement {
    /// The snake_case code of the JSON contracts.
    pub fn code(self) -> &'static str {
        match self {
            Requirement::Consent => "consent",
            Requirement::LegalRepresentative => "legal_representative",
            Requirement::Guardian => "guardian",
            Requirement::WrittenApplication => "written_application",
            Requirement::Verification => "verification",
        }
    }

    /// The paragraph the requirement comes from (the first one, for the
    /// written application which both п.8 and п.9 ask for).
    pub fn paragraph(self) -> Paragraph {
        match self {
            Requirement::Consent => P5,
            Requirement::LegalRepresentative | Requirement::WrittenApplication => P8,
            Requirement::Guardian => P9,
            Requirement::Verification => P11,
        }
    }
}

/// Who expresses a citizen's consent (п.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentBy {
    /// The citizen himself, orally.
    Applicant,
    /// A citizen aged 12 to 16 gives his own consent, in the presence of his
    /// legal representative (п.8).
    ChildWithLegalRepresentative,
    /// A citizen declared incapable: consent is expressed through the guardian
    /// and recorded as such (п.9).
    Guardian,
}

/// The requirements before capture, in a fixed order (consent, legal
/// representative, guardian, written application, verification).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Requirements {
    /// The requirements, in the fixed order above.
    pub list: Vec<Requirement>,
    /// For citizens: who gives the consent.
    pub consent: Option<ConsentBy>,
}

impl Requirements {
    /// No requirement: the outcome is not `collect`.
    pub fn none() -> Self {
        Requirements::default()
    }

    /// Whether `requirement` is among them.
    pub fn contains(&self, requirement: Requirement) -> bool {
        self.list.contains(&requirement)
    }

    /// Each requirement in words, with its paragraph.
    pub fn explanation(&self) -> Vec<Explanation> {
        self.list
            .iter()
            .map(|requirement| match requirement {
                Requirement::Consent => Explanation::new("requires-consent").text(
                    "by",
                    match self.consent {
                        Some(ConsentBy::ChildWithLegalRepresentative) => "child",
                        Some(ConsentBy::Guardian) => "guardian",
                        _ => "applicant",
                    },
                ),
                Requirement::LegalRepresentative => {
                    Explanation::new("requires-legal-representative")
                }
                Requirement::Guardian => Explanation::new("requires-guardian"),
                Requirement::WrittenApplication => Explanation::new("requires-written-application"),
                Requirement::Verification => Explanation::new("requires-verification"),
            })
            .collect()
    }
}

/// What the officer needs before fingerprinting a person from whom
/// dactyloscopic information is collected:
///
/// - п.5: a citizen is asked whether he consents and answers orally; a
///   foreigner or stateless person is not asked. A citizen declared incapable
///   consents through his guardian (п.9), and this is recorded as such.
/// - п.8: a citizen aged 12 to 16 gives his own consent, in the presence of
///   his legal representative, who shows an identity document and a document
///   confirming his authority, and files a written application (Annex 1).
/// - п.9: a person declared legally incapable by a court (citizen or not) is
///   registered in the presence of his guardian, who shows an identity
///   document and the guardianship document and files a written application.
/// - п.11: a person registered before is verified against the stored
///   fingerprints instead of being enrolled anew.
pub fn requirements(case: &Case) -> Result<Requirements, CaseError> {
    CaseError::check(case)?;
    let age = age_on(case.birth_date, case.application_date)
        .map_err(|_| CaseError::BornAfterApplication)?;
    let citizen = case.applicant == ApplicantKind::Citizen;
    let child = citizen && age_band(age) == AgeBand::From12To16;

    let mut list = Vec::new();
    let mut consent = None;
    if citizen {
        list.push(Requirement::Consent);
        consent = Some(if case.declared_incapable {
            ConsentBy::Guardian
        } else if child {
            ConsentBy::ChildWithLegalRepresentative
        } else {
            ConsentBy::Applicant
        });
    }
    if child {
        list.push(Requirement::LegalRepresentative);
    }
    if case.declared_incapable {
        list.push(Requirement::Guardian);
    }
    if child || case.declared_incapable {
        list.push(Requirement::WrittenApplication);
    }
    if case.previously_registered {
        list.push(Requirement::Verification);
    }
    Ok(Requirements { list, consent })
}
