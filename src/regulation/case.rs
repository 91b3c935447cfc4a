//! One applicant's case as the Rules see it, and its JSON form
//! (the input of `beder rules decide`).

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use thiserror::Error;

use crate::model::{
    ApplicantKind, MedicalConclusion, PassportKind, PassportService, ReciprocityCategory, Service,
    VisaApplication,
};

/// The facts about an applicant that the Rules decide on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// A citizen, or a foreigner or stateless person.
    pub applicant: ApplicantKind,
    /// The date of birth, from the identity document.
    pub birth_date: NaiveDate,
    /// The day the application is made; every age is counted to it.
    pub application_date: NaiveDate,
    /// The service applied for: a passport service or a visa.
    pub service: Service,
    /// Declared legally incapable by a court (п.9).
    pub declared_incapable: bool,
    /// The registry holds a mark of an earlier registration (п.11).
    pub previously_registered: bool,
    /// The other state gives Kazakhstan equal treatment in visa matters (п.4.2).
    pub reciprocity: bool,
    /// The reciprocity category claimed, if any (п.4.2).
    pub exemption_category: Option<ReciprocityCategory>,
    /// The applicant is a family member (or, for a delegation, an accompanying
    /// person) of someone in `exemption_category`, not that person himself.
    pub family_member: bool,
    /// The kind of passport held, which some categories require (п.4.2).
    pub passport_kind: PassportKind,
    /// A diplomatic courier carries a courier sheet (п.4.2).
    pub courier_sheet: bool,
    /// A medical advisory commission's conclusion, if presented (п.4.3).
    pub medical_conclusion: Option<MedicalConclusion>,
    /// Lacks all fingers or the palms of both hands (п.4.4).
    pub lacks_all_fingers_or_palms_of_both_hands: bool,
}

/// A case the Rules cannot be applied to; each names the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CaseError {
    #[error("the birth date is after the application date")]
    /// The birth date is after the application date.
    BornAfterApplication,
    #[error("a citizen applies for a passport service, not `{0}`")]
    /// A citizen asked for something other than a passport service.
    CitizenNeedsPassportService(&'static str),
    #[error("a foreigner or stateless person applies for `visa`, not `{0}`")]
    /// A foreigner or stateless person asked for something other than a visa.
    ForeignerNeedsVisa(&'static str),
    #[error("the conclusion's number is empty")]
    /// The medical conclusion has no number.
    MedicalConclusionWithoutNumber,
    #[error("the conclusion is dated after the application date")]
    /// The medical conclusion is dated after the application.
    MedicalConclusionAfterApplication,
    #[error("the conclusion is dated before the person's birth")]
    /// The medical conclusion is dated before the person was born.
    MedicalConclusionBeforeBirth,
}

impl CaseError {
    /// The JSON field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            CaseError::BornAfterApplication => "birth_date",
            CaseError::CitizenNeedsPassportService(_) | CaseError::ForeignerNeedsVisa(_) => {
                "service"
            }
            CaseError::MedicalConclusionWithoutNumber => "medical_conclusion.number",
            CaseError::MedicalConclusionAfterApplication
            | CaseError::MedicalConclusionBeforeBirth => "medical_conclusion.date",
        }
    }

    /// Fluent message id of the officer-facing text.
    pub fn message_key(&self) -> &'static str {
        match self {
            CaseError::BornAfterApplication => "error-born-after-application",
            CaseError::CitizenNeedsPassportService(_) => "error-citizen-needs-passport-service",
            CaseError::ForeignerNeedsVisa(_) => "error-foreigner-needs-visa",
            CaseError::MedicalConclusionWithoutNumber => "error-medical-conclusion-number",
            CaseError::MedicalConclusionAfterApplication => "error-medical-conclusion-date",
            CaseError::MedicalConclusionBeforeBirth => "error-medical-conclusion-before-birth",
        }
    }

    /// Checks the facts that make a case undecidable, whatever its outcome.
    pub(crate) fn check(case: &Case) -> Result<(), CaseError> {
        if case.birth_date > case.application_date {
            return Err(CaseError::BornAfterApplication);
        }
        if let Some(conclusion) = &case.medical_conclusion {
            if conclusion.number.trim().is_empty() {
                return Err(CaseError::MedicalConclusionWithoutNumber);
            }
            if conclusion.date > case.application_date {
                return Err(CaseError::MedicalConclusionAfterApplication);
            }
            if conclusion.date < case.birth_date {
                return Err(CaseError::MedicalConclusionBeforeBirth);
            }
        }
        Ok(())
    }
}

/// The service named in the JSON input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceInput {
    /// `passport_first_issue`: a first passport.
    PassportFirstIssue,
    /// `passport_restoration`: a passport lost or stolen, restored.
    PassportRestoration,
    /// `passport_replacement`: a passport replaced (expired, damaged, data changed).
    PassportReplacement,
    /// `passport_other`: another passport service.
    PassportOther,
    /// `visa`: a visa.
    Visa,
}

impl ServiceInput {
    fn code(self) -> &'static str {
        match self {
            ServiceInput::PassportFirstIssue => "passport_first_issue",
            ServiceInput::PassportRestoration => "passport_restoration",
            ServiceInput::PassportReplacement => "passport_replacement",
            ServiceInput::PassportOther => "passport_other",
            ServiceInput::Visa => "visa",
        }
    }
}

/// The JSON form of a case, exactly as `beder rules decide` reads it: a
/// missing boolean is false, a missing nullable is null, an unknown field is
/// refused.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseInput {
    /// See [`Case::applicant`].
    pub applicant: ApplicantKind,
    #[serde(deserialize_with = "iso_date")]
    /// See [`Case::birth_date`]; `YYYY-MM-DD`.
    pub birth_date: NaiveDate,
    #[serde(deserialize_with = "iso_date")]
    /// See [`Case::application_date`]; `YYYY-MM-DD`.
    pub application_date: NaiveDate,
    /// See [`Case::service`].
    pub service: ServiceInput,
    #[serde(default)]
    /// A visa issued in electronic form without a visit to the mission, which puts the person outside п.3.
    pub visa_electronic_without_visit: bool,
    #[serde(default)]
    /// See [`Case::declared_incapable`].
    pub declared_incapable: bool,
    #[serde(default)]
    /// See [`Case::previously_registered`].
    pub previously_registered: bool,
    #[serde(default)]
    /// See [`Case::reciprocity`].
    pub reciprocity: bool,
    #[serde(default)]
    /// See [`Case::exemption_category`].
    pub exemption_category: Option<ReciprocityCategory>,
    #[serde(default)]
    /// See [`Case::family_member`].
    pub family_member: bool,
    #[serde(default)]
    /// See [`Case::passport_kind`]; ordinary when absent.
    pub passport_kind: PassportKind,
    #[serde(default)]
    /// See [`Case::courier_sheet`].
    pub courier_sheet: bool,
    #[serde(default)]
    /// See [`Case::medical_conclusion`].
    pub medical_conclusion: Option<MedicalConclusionInput>,
    #[serde(default)]
    /// See [`Case::lacks_all_fingers_or_palms_of_both_hands`].
    pub lacks_all_fingers_or_palms_of_both_hands: bool,
}

/// `medical_conclusion` as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicalConclusionInput {
    /// The conclusion's number; not empty.
    pub number: String,
    #[serde(deserialize_with = "iso_date")]
    /// The date it was issued, `YYYY-MM-DD`.
    pub date: NaiveDate,
}

/// Parses a date written exactly as `YYYY-MM-DD`.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn iso_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_iso_date(&text).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "invalid date \"{}\", expected an existing day written YYYY-MM-DD",
            text.escape_debug()
        ))
    })
}

impl TryFrom<CaseInput> for Case {
    type Error = CaseError;

    fn try_from(input: CaseInput) -> Result<Self, CaseError> {
        let service = match (input.applicant, input.service) {
            (ApplicantKind::Citizen, ServiceInput::PassportFirstIssue) => {
                Service::Passport(PassportService::FirstIssue)
            }
            (ApplicantKind::Citizen, ServiceInput::PassportRestoration) => {
                Service::Passport(PassportService::Restoration)
            }
            (ApplicantKind::Citizen, ServiceInput::PassportReplacement) => {
                Service::Passport(PassportService::Replacement)
            }
            (ApplicantKind::Citizen, ServiceInput::PassportOther) => {
                Service::Passport(PassportService::Other)
            }
            (ApplicantKind::Citizen, other) => {
                return Err(CaseError::CitizenNeedsPassportService(other.code()));
            }
            (_, ServiceInput::Visa) => Service::Visa(if input.visa_electronic_without_visit {
                VisaApplication::ElectronicWithoutVisit
            } else {
                VisaApplication::PaperAtMission
            }),
            (_, other) => return Err(CaseError::ForeignerNeedsVisa(other.code())),
        };
        let case = Case {
            applicant: input.applicant,
            birth_date: input.birth_date,
            application_date: input.application_date,
            service,
            declared_incapable: input.declared_incapable,
            previously_registered: input.previously_registered,
            reciprocity: input.reciprocity,
            exemption_category: input.exemption_category,
            family_member: input.family_member,
            passport_kind: input.passport_kind,
            courier_sheet: input.courier_sheet,
            medical_conclusion: input.medical_conclusion.map(|m| MedicalConclusion {
                number: m.number,
                date: m.date,
            }),
            lacks_all_fingers_or_palms_of_both_hands: input
                .lacks_all_fingers_or_palms_of_both_hands,
        };
        CaseError::check(&case)?;
        Ok(case)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_strict() {
        assert!(parse_iso_date("2024-02-29").is_some());
        for bad in [
            "2023-02-29",
            "2024-2-29",
            "24-02-29",
            "2024/02/29",
            "2024-02-29T00",
            "",
            "abcd-ef-gh",
            "+2024-02-2",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad:?}");
        }
    }
}
