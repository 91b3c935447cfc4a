//! What the officer types, as typed, and its validation field by field: a
//! bad value gives a message next to its field and loses nothing entered.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{
    ApplicantKind, FullName, MedicalConclusion, PassportKind, PassportService, ReciprocityCategory,
    Service, Sex,
};
use crate::regulation::{parse_iso_date, validate_iin};

/// A date as an officer types it: `DD.MM.YYYY` (the way dates are written
/// in Kazakh and Russian) or `YYYY-MM-DD`.
pub fn parse_form_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = parse_iso_date(text) {
        return Some(date);
    }
    let mut parts = text.split(['.', '/']);
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || day.len() > 2 || month.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// A field that needs correcting, and the message to show next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
}

impl FieldError {
    pub fn new(field: &'static str, key: &'static str) -> Self {
        FieldError { field, key }
    }
}

/// The identity step's form, exactly as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityForm {
    pub surname: String,
    pub name: String,
    pub patronymic: String,
    /// DD.MM.YYYY or YYYY-MM-DD.
    pub birth_date: String,
    pub sex: Option<Sex>,
    /// Citizens only, optional.
    pub iin: String,
    /// Previous passport (citizens) or identity document (foreigners).
    pub document_number: String,
}

/// A validated identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidIdentity {
    pub name: FullName,
    pub birth_date: NaiveDate,
    pub sex: Option<Sex>,
    pub iin: Option<String>,
    pub document_number: Option<String>,
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl IdentityForm {
    /// [`IdentityForm::validate`] for a service: a citizen restoring or
    /// replacing a passport names the previous one (п.7.1).
    pub fn validate_for(
        &self,
        kind: ApplicantKind,
        service: Service,
        application_date: NaiveDate,
    ) -> Result<ValidIdentity, Vec<FieldError>> {
        let replaces = matches!(
            service,
            Service::Passport(PassportService::Restoration | PassportService::Replacement)
        );
        let missing_passport =
            kind == ApplicantKind::Citizen && replaces && clean(&self.document_number).is_empty();
        match (self.validate(kind, application_date), missing_passport) {
            (Ok(identity), false) => Ok(identity),
            (Ok(_), true) => Err(vec![FieldError::new(
                "document_number",
                "field-previous-passport-required",
            )]),
            (Err(mut errors), true) => {
                errors.push(FieldError::new(
                    "document_number",
                    "field-previous-passport-required",
                ));
                Err(errors)
            }
            (Err(errors), false) => Err(errors),
        }
    }

    /// Checks every field and reports every problem at once, each on the
    /// field it concerns.
    pub fn validate(
        &self,
        kind: ApplicantKind,
        application_date: NaiveDate,
    ) -> Result<ValidIdentity, Vec<FieldError>> {
        let mut errors = Vec::new();
        let (surname, name) = (clean(&self.surname), clean(&self.name));
        if surname.is_empty() {
            errors.push(FieldError::new("surname", "field-required"));
        }
        if name.is_empty() {
            errors.push(FieldError::new("name", "field-required"));
        }
        if self.sex.is_none() {
            errors.push(FieldError::new("sex", "field-required"));
        }
        let birth_date = match parse_form_date(&self.birth_date) {
            Some(d) if d > application_date => {
                errors.push(FieldError::new(
                    "birth_date",
                    "error-born-after-application",
                ));
                None
            }
            Some(d) => Some(d),
            None => {
                errors.push(FieldError::new(
                    "birth_date",
                    if self.birth_date.trim().is_empty() {
                        "field-required"
                    } else {
                        "field-bad-date"
                    },
                ));
                None
            }
        };
        let iin = clean(&self.iin).replace(' ', "");
        let iin = if iin.is_empty() {
            None
        } else if kind != ApplicantKind::Citizen {
            errors.push(FieldError::new("iin", "field-iin-citizens-only"));
            None
        } else {
            let v = validate_iin(&iin);
            if let Some(error) = v.error {
                errors.push(FieldError::new("iin", error.message_key()));
            } else if birth_date.is_some_and(|d| v.agrees_with(Some(d), self.sex) == Some(false)) {
                errors.push(FieldError::new("iin", "field-iin-disagrees"));
            }
            Some(iin)
        };
        let document = clean(&self.document_number);
        if kind != ApplicantKind::Citizen && document.is_empty() {
            errors.push(FieldError::new("document_number", "field-required"));
        }
        match (errors.is_empty(), birth_date) {
            (true, Some(birth_date)) => Ok(ValidIdentity {
                name: FullName {
                    surname,
                    name,
                    patronymic: Some(clean(&self.patronymic)).filter(|p| !p.is_empty()),
                },
                birth_date,
                sex: self.sex,
                iin,
                document_number: Some(document).filter(|d| !d.is_empty()),
            }),
            _ => Err(errors),
        }
    }
}

/// The eligibility step's questions (asked only where they matter).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EligibilityAnswers {
    pub declared_incapable: bool,
    pub reciprocity: bool,
    pub exemption_category: Option<ReciprocityCategory>,
    pub family_member: bool,
    pub passport_kind: PassportKind,
    pub courier_sheet: bool,
    /// The medical commission's conclusion, as typed: (number, YYYY-MM-DD).
    pub medical_conclusion: Option<(String, String)>,
    pub lacks_all_fingers_or_palms: bool,
}

impl EligibilityAnswers {
    /// The medical conclusion, checked (п.4.3: a number, and a date
    /// between the person's birth and the application).
    pub fn medical(
        &self,
        birth_date: NaiveDate,
        application_date: NaiveDate,
    ) -> Result<Option<MedicalConclusion>, Vec<FieldError>> {
        let Some((number, date)) = &self.medical_conclusion else {
            return Ok(None);
        };
        let mut errors = Vec::new();
        if number.trim().is_empty() {
            errors.push(FieldError::new(
                "medical_conclusion.number",
                "error-medical-conclusion-number",
            ));
        }
        let date = match parse_form_date(date) {
            Some(d) if d > application_date => {
                errors.push(FieldError::new(
                    "medical_conclusion.date",
                    "error-medical-conclusion-date",
                ));
                None
            }
            Some(d) if d < birth_date => {
                errors.push(FieldError::new(
                    "medical_conclusion.date",
                    "error-medical-conclusion-before-birth",
                ));
                None
            }
            Some(d) => Some(d),
            None => {
                errors.push(FieldError::new("medical_conclusion.date", "field-bad-date"));
                None
            }
        };
        match (errors.is_empty(), date) {
            (true, Some(date)) => Ok(Some(MedicalConclusion {
                number: number.trim().to_string(),
                date,
            })),
            _ => Err(errors),
        }
    }
}

/// The representative's or guardian's particulars as typed (п.8, п.9).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepresentativeForm {
    pub surname: String,
    pub name: String,
    pub patronymic: String,
    /// His identity document.
    pub identity_number: String,
    pub identity_issue_date: String,
    pub identity_expiry_date: String,
    pub identity_authority: String,
    /// The document confirming his authority (a birth certificate, a court
    /// decision on guardianship…).
    pub authority_title: String,
    pub authority_number: String,
    pub authority_issue_date: String,
    pub authority_issuer: String,
    /// The written application (Annex 1) is received, signed.
    pub application_received: bool,
    pub application_number: String,
    /// The Annex-1 form version the kiosk printed for this case, if it did.
    pub printed_form: Option<String>,
}

impl RepresentativeForm {
    /// Checks every field; the written application is dated the day it is
    /// received, which is the application date.
    #[expect(
        clippy::too_many_lines,
        reason = "one check per field of the representative's form, in the form's order"
    )]
    pub fn validate(
        &self,
        kind: crate::model::RepresentativeKind,
        application_date: NaiveDate,
    ) -> Result<crate::model::Representative, Vec<FieldError>> {
        use crate::model::{
            AuthorityDocument, IdentityDocument, Representative, WrittenApplication,
        };
        let mut errors = Vec::new();
        let required = |value: &str, field: &'static str, errors: &mut Vec<FieldError>| {
            let value = clean(value);
            if value.is_empty() {
                errors.push(FieldError::new(field, "field-required"));
            }
            value
        };
        let date = |value: &str, field: &'static str, errors: &mut Vec<FieldError>| {
            let parsed = parse_form_date(value);
            match parsed {
                None => errors.push(FieldError::new(
                    field,
                    if value.trim().is_empty() {
                        "field-required"
                    } else {
                        "field-bad-date"
                    },
                )),
                Some(d) if d > application_date && !field.ends_with("expiry_date") => {
                    errors.push(FieldError::new(field, "field-date-future"));
                }
                Some(_) => {}
            }
            parsed
        };
        let surname = required(&self.surname, "rep_surname", &mut errors);
        let name = required(&self.name, "rep_name", &mut errors);
        let number = required(&self.identity_number, "rep_identity_number", &mut errors);
        let issue = date(
            &self.identity_issue_date,
            "rep_identity_issue_date",
            &mut errors,
        );
        let expiry = date(
            &self.identity_expiry_date,
            "rep_identity_expiry_date",
            &mut errors,
        );
        if let Some(e) = expiry
            && e < application_date
        {
            errors.push(FieldError::new(
                "rep_identity_expiry_date",
                "field-document-expired",
            ));
        }
        let identity_authority = required(
            &self.identity_authority,
            "rep_identity_authority",
            &mut errors,
        );
        let title = required(&self.authority_title, "rep_authority_title", &mut errors);
        let authority_number =
            required(&self.authority_number, "rep_authority_number", &mut errors);
        let authority_issue = date(
            &self.authority_issue_date,
            "rep_authority_issue_date",
            &mut errors,
        );
        let issuer = required(&self.authority_issuer, "rep_authority_issuer", &mut errors);
        if !self.application_received {
            errors.push(FieldError::new(
                "rep_application",
                "field-application-not-received",
            ));
        }
        match (issue, expiry, authority_issue) {
            (Some(issue_date), Some(expiry_date), Some(authority_date)) if errors.is_empty() => {
                Ok(Representative {
                    kind,
                    name: FullName {
                        surname,
                        name,
                        patronymic: Some(clean(&self.patronymic)).filter(|p| !p.is_empty()),
                    },
                    identity_document: IdentityDocument {
                        number,
                        issue_date,
                        expiry_date,
                        issuing_authority: identity_authority,
                    },
                    authority_document: AuthorityDocument {
                        title,
                        number: authority_number,
                        issue_date: authority_date,
                        issuing_authority: issuer,
                    },
                    written_application: WrittenApplication {
                        received: true,
                        date: application_date,
                        number: Some(clean(&self.application_number)).filter(|n| !n.is_empty()),
                        scan: None,
                        printed_form: self.printed_form.clone(),
                    },
                })
            }
            _ => Err(errors),
        }
    }
}
