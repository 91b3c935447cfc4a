//! The personal data of п.7, entered after fingerprinting: exactly the
//! fields of the registry concerned (п.7.1 citizens, п.7.2 foreigners and
//! stateless persons), checked field by field.

use chrono::NaiveDate;

use super::forms::parse_form_date;
use super::forms::{FieldError, ValidIdentity};
use crate::model::{
    ApplicantKind, CitizenPersonalData, EncodedImage, ForeignerPersonalData, IdentityDocument,
    KAZAKHSTAN_CODE, PassportService, PersonalData, Service, country_code,
};

/// The п.7 form, as typed. Name, birth date, sex, IIN and document number
/// come from the identity step and are not asked twice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonalForm {
    /// Citizens only.
    pub birth_place: String,
    /// Citizens only, and only if the citizen wishes it recorded.
    pub ethnicity: String,
    /// A citizen's citizenship is Kazakhstan's; a foreigner's is chosen
    /// from the list of states (its ISO 3166-1 alpha-3 code); a stateless
    /// person has none (п.2.1).
    pub citizenship: String,
    /// The previous passport's (citizens) or the identity document's
    /// (foreigners) issue date, expiry date and issuing authority.
    pub document_issue_date: String,
    pub document_expiry_date: String,
    pub document_authority: String,
    pub photo: Option<EncodedImage>,
    /// Citizens only.
    pub signature: Option<EncodedImage>,
    /// The citizen cannot sign (a young child, an infirmity): no signature.
    pub unable_to_sign: bool,
    /// A correction of a record whose photo was delivered to the registry
    /// and purged (retention): the registry keeps it, so a new one is taken
    /// only if it changed.
    pub photo_purged: bool,
}

/// Kazakhstan, as the citizen registry records a citizen's citizenship
/// (its ISO 3166-1 code; the screens show the name).
pub const KAZAKHSTAN: &str = KAZAKHSTAN_CODE;

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn date(text: &str, field: &'static str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let parsed = parse_form_date(text);
    if parsed.is_none() {
        errors.push(FieldError::new(
            field,
            if text.trim().is_empty() {
                "field-required"
            } else {
                "field-bad-date"
            },
        ));
    }
    parsed
}

impl PersonalForm {
    /// [`PersonalForm::validate`] for a service: restoring or replacing a
    /// passport needs the previous passport's number (asked at the identity
    /// step), issue date, validity and issuing body (п.7.1).
    pub fn validate_for(
        &self,
        kind: ApplicantKind,
        service: Service,
        identity: &ValidIdentity,
        today: NaiveDate,
    ) -> Result<PersonalData, Vec<FieldError>> {
        let replaces = matches!(
            service,
            Service::Passport(PassportService::Restoration | PassportService::Replacement)
        );
        if kind == ApplicantKind::Citizen && replaces && identity.document_number.is_none() {
            let mut errors = self
                .validate(kind, identity, today)
                .err()
                .unwrap_or_default();
            errors.push(FieldError::new(
                "document_number",
                "field-previous-passport-required",
            ));
            return Err(errors);
        }
        self.validate(kind, identity, today)
    }

    /// Builds the personal data of the registry concerned, or every field
    /// that needs correcting.
    #[expect(
        clippy::too_many_lines,
        reason = "one check per field of п.7, in the form's order"
    )]
    pub fn validate(
        &self,
        kind: ApplicantKind,
        identity: &ValidIdentity,
        today: NaiveDate,
    ) -> Result<PersonalData, Vec<FieldError>> {
        let mut errors = Vec::new();
        let Some(sex) = identity.sex else {
            return Err(vec![FieldError::new("sex", "field-required")]);
        };
        if self.photo.is_none() && !self.photo_purged {
            errors.push(FieldError::new("photo", "field-photo-required"));
        }
        // The document's facts: required for a foreigner's identity document,
        // and for a citizen's previous passport when there is one.
        let has_document = identity.document_number.is_some();
        let document = if kind != ApplicantKind::Citizen || has_document {
            let issue = date(
                &self.document_issue_date,
                "document_issue_date",
                &mut errors,
            );
            let expiry = date(
                &self.document_expiry_date,
                "document_expiry_date",
                &mut errors,
            );
            if let Some(i) = issue
                && i > today
            {
                errors.push(FieldError::new("document_issue_date", "field-date-future"));
            }
            if let (Some(i), Some(e)) = (issue, expiry)
                && e <= i
            {
                errors.push(FieldError::new(
                    "document_expiry_date",
                    "field-expiry-before-issue",
                ));
            }
            let authority = clean(&self.document_authority);
            if authority.is_empty() {
                errors.push(FieldError::new("document_authority", "field-required"));
            }
            match (issue, expiry) {
                (Some(issue_date), Some(expiry_date)) => Some(IdentityDocument {
                    number: identity.document_number.clone().unwrap_or_default(),
                    issue_date,
                    expiry_date,
                    issuing_authority: authority,
                }),
                _ => None,
            }
        } else {
            None
        };
        let data = match kind {
            ApplicantKind::Citizen => {
                let birth_place = clean(&self.birth_place);
                if birth_place.is_empty() {
                    errors.push(FieldError::new("birth_place", "field-required"));
                }
                if self.signature.is_none() && !self.unable_to_sign {
                    errors.push(FieldError::new("signature", "field-signature-required"));
                }
                PersonalData::Citizen(CitizenPersonalData {
                    name: identity.name.clone(),
                    birth_date: identity.birth_date,
                    birth_place,
                    sex,
                    ethnicity: Some(clean(&self.ethnicity)).filter(|e| !e.is_empty()),
                    citizenship: KAZAKHSTAN.into(),
                    photo: self.photo.clone(),
                    previous_passport: document,
                    signature: if self.unable_to_sign {
                        None
                    } else {
                        self.signature.clone()
                    },
                    iin: identity.iin.clone(),
                })
            }
            ApplicantKind::Foreigner | ApplicantKind::Stateless => {
                let citizenship = match country_code(&self.citizenship) {
                    _ if kind == ApplicantKind::Stateless => None,
                    Some(KAZAKHSTAN_CODE) => {
                        // A citizen of Kazakhstan belongs to the citizen
                        // registry, never this one.
                        errors.push(FieldError::new(
                            "citizenship",
                            "field-citizenship-kazakhstan",
                        ));
                        None
                    }
                    Some(code) => Some(code.to_string()),
                    None => {
                        errors.push(FieldError::new(
                            "citizenship",
                            if self.citizenship.trim().is_empty() {
                                "field-required"
                            } else {
                                "field-citizenship-unknown"
                            },
                        ));
                        None
                    }
                };
                let Some(identity_document) = document else {
                    return Err(errors);
                };
                PersonalData::Foreigner(ForeignerPersonalData {
                    name: identity.name.clone(),
                    birth_date: identity.birth_date,
                    sex,
                    citizenship,
                    photo: self.photo.clone(),
                    identity_document,
                })
            }
        };
        if errors.is_empty() {
            Ok(data)
        } else {
            Err(errors)
        }
    }
}
