//! The records side (п.12–п.14): a correction's form, prefilled from the
//! record and checked as at enrolment; the comparison of two archived
//! versions; and the re-fingerprinting flow (verify, choose, recapture).

use super::books::Books;
use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::FlowError;
use super::capture::CaptureSession;
use super::forms::{FieldError, IdentityForm};
use super::personal::PersonalForm;
use super::verification::{VerificationPolicy, VerificationSession, VerificationState};
use crate::biometrics::iso;
use crate::biometrics::quality::QualityPolicy;
use crate::biometrics::template::FingerTemplate;
use crate::model::{
    ApplicantKind, ChangeApplicant, ChangeRequest, FingerPosition, PersonalData, Position,
};
use crate::scanner::Capabilities;
use crate::store::{
    AuditAction, AuditEvent, LookupSource, Registration, RegistrationId, VerificationMethod,
    VerificationRecord,
};

/// The applicant kind a stored record belongs to.
pub fn applicant_kind(personal: &PersonalData) -> ApplicantKind {
    match personal {
        PersonalData::Citizen(_) => ApplicantKind::Citizen,
        PersonalData::Foreigner(f) if f.citizenship.is_none() => ApplicantKind::Stateless,
        PersonalData::Foreigner(_) => ApplicantKind::Foreigner,
    }
}

/// A correction (п.12), as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionForm {
    pub applicant: ChangeApplicant,
    /// The representative's or guardian's identity document.
    pub applicant_document: String,
    pub reason: String,
    pub identity: IdentityForm,
    pub personal: PersonalForm,
}

fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

impl CorrectionForm {
    /// The form with the record's current values.
    pub fn from_record(personal: &PersonalData) -> Self {
        let name = personal.name();
        let mut identity = IdentityForm {
            surname: name.surname.clone(),
            name: name.name.clone(),
            patronymic: name.patronymic.clone().unwrap_or_default(),
            birth_date: date_text(personal.birth_date()),
            ..IdentityForm::default()
        };
        let mut form = PersonalForm::default();
        match personal {
            PersonalData::Citizen(c) => {
                identity.sex = Some(c.sex);
                identity.iin = c.iin.clone().unwrap_or_default();
                form.birth_place = c.birth_place.clone();
                form.ethnicity = c.ethnicity.clone().unwrap_or_default();
                form.citizenship = c.citizenship.clone();
                if let Some(p) = &c.previous_passport {
                    identity.document_number = p.number.clone();
                    form.document_issue_date = date_text(p.issue_date);
                    form.document_expiry_date = date_text(p.expiry_date);
                    form.document_authority = p.issuing_authority.clone();
                }
                form.photo = c.photo.clone();
                // Every registration is saved with its photo: one without
                // was delivered and purged.
                form.photo_purged = c.photo.is_none();
                form.signature = c.signature.clone();
                form.unable_to_sign = c.signature.is_none();
            }
            PersonalData::Foreigner(f) => {
                identity.sex = Some(f.sex);
                form.citizenship = f.citizenship.clone().unwrap_or_default();
                let d = &f.identity_document;
                identity.document_number = d.number.clone();
                form.document_issue_date = date_text(d.issue_date);
                form.document_expiry_date = date_text(d.expiry_date);
                form.document_authority = d.issuing_authority.clone();
                form.photo = f.photo.clone();
                form.photo_purged = f.photo.is_none();
            }
        }
        CorrectionForm {
            applicant: ChangeApplicant::Person,
            applicant_document: String::new(),
            reason: String::new(),
            identity,
            personal: form,
        }
    }

    /// Checks the form as at enrolment, plus who applied and why.
    pub fn validate(
        &self,
        kind: ApplicantKind,
        today: NaiveDate,
    ) -> Result<(PersonalData, ChangeRequest), Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.reason.trim().is_empty() {
            errors.push(FieldError::new("reason", "field-required"));
        }
        let representative = matches!(
            self.applicant,
            ChangeApplicant::LegalRepresentative | ChangeApplicant::Guardian
        );
        if representative && self.applicant_document.trim().is_empty() {
            errors.push(FieldError::new("applicant_document", "field-required"));
        }
        let data = match self.identity.validate(kind, today) {
            Ok(identity) => match self.personal.validate(kind, &identity, today) {
                Ok(data) => Some(data),
                Err(more) => {
                    errors.extend(more);
                    None
                }
            },
            Err(more) => {
                errors.extend(more);
                None
            }
        };
        match data {
            Some(data) if errors.is_empty() => Ok((
                data,
                ChangeRequest {
                    applicant: self.applicant,
                    reason: self.reason.trim().to_string(),
                    on: today,
                    applicant_document: representative
                        .then(|| self.applicant_document.trim().to_string()),
                },
            )),
            _ => Err(errors),
        }
    }
}

/// A field's value in a version, typed so that each screen shows it in the
/// officer's language (a date as the language writes it, the sex and the
/// state by name) and two versions compare exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    Text(String),
    Date(NaiveDate),
    /// A localization key (the sex).
    Key(&'static str),
    /// A citizenship: an ISO 3166-1 code, or text stored before the list.
    Country(String),
    /// No value.
    Empty,
    /// An identity document or previous passport.
    Document {
        number: String,
        issue: NaiveDate,
        expiry: NaiveDate,
        authority: String,
    },
    /// A photo or signature: present or not; two versions compare by their
    /// content (a digest, never shown).
    Image(Option<[u8; 8]>),
}

fn image_value(image: &Option<crate::model::EncodedImage>) -> FieldValue {
    use sha2::{Digest, Sha256};
    FieldValue::Image(image.as_ref().map(|i| {
        let digest = Sha256::digest(&i.bytes);
        let mut short = [0u8; 8];
        short.copy_from_slice(&digest[..8]);
        short
    }))
}

fn text_value(text: Option<&str>) -> FieldValue {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => FieldValue::Text(t.to_string()),
        None => FieldValue::Empty,
    }
}

/// The fields of a version, as shown side by side: (Fluent label, value).
pub fn version_fields(personal: &PersonalData) -> Vec<(&'static str, FieldValue)> {
    let name = personal.name();
    let mut fields = vec![
        ("ui-surname", text_value(Some(&name.surname))),
        ("ui-name", text_value(Some(&name.name))),
        ("ui-patronymic", text_value(name.patronymic.as_deref())),
        ("ui-birth-date", FieldValue::Date(personal.birth_date())),
    ];
    let document = |d: &crate::model::IdentityDocument| FieldValue::Document {
        number: d.number.clone(),
        issue: d.issue_date,
        expiry: d.expiry_date,
        authority: d.issuing_authority.clone(),
    };
    match personal {
        PersonalData::Citizen(c) => {
            fields.push(("ui-sex", FieldValue::Key(sex_code(c.sex))));
            fields.push(("ui-birth-place", text_value(Some(&c.birth_place))));
            fields.push(("ui-ethnicity", text_value(c.ethnicity.as_deref())));
            fields.push(("ui-citizenship", FieldValue::Country(c.citizenship.clone())));
            fields.push(("ui-iin", text_value(c.iin.as_deref())));
            fields.push((
                "ui-previous-passport",
                c.previous_passport
                    .as_ref()
                    .map_or(FieldValue::Empty, document),
            ));
            fields.push(("ui-photo", image_value(&c.photo)));
            fields.push(("ui-signature", image_value(&c.signature)));
        }
        PersonalData::Foreigner(f) => {
            fields.push(("ui-sex", FieldValue::Key(sex_code(f.sex))));
            fields.push((
                "ui-citizenship",
                f.citizenship
                    .clone()
                    .map_or(FieldValue::Key("ui-stateless"), FieldValue::Country),
            ));
            fields.push(("ui-identity-document", document(&f.identity_document)));
            fields.push(("ui-photo", image_value(&f.photo)));
        }
    }
    fields
}

/// The sex as [`version_fields`] gives it: the Fluent id of its name.
fn sex_code(sex: crate::model::Sex) -> &'static str {
    match sex {
        crate::model::Sex::Male => "ui-male",
        crate::model::Sex::Female => "ui-female",
    }
}

/// The labels of the fields that differ between two versions.
pub fn changed_fields(a: &PersonalData, b: &PersonalData) -> Vec<&'static str> {
    let (fa, fb) = (version_fields(a), version_fields(b));
    fa.iter()
        .zip(fb.iter())
        .filter(|((_, x), (_, y))| x != y)
        .map(|((label, _), _)| *label)
        .collect()
}

/// Where a re-fingerprinting stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefingerprintStep {
    /// The officer marks the damaged or lost fingers (left out of the
    /// verification).
    Choose,
    /// Identity first (п.11), with the fingers still usable.
    Verify,
    /// No print on record to verify with: identity by the documents.
    Documents,
    /// The new biometric set: all ten fingers (and the palms where the
    /// record has them), exceptions for what cannot be printed (п.13).
    Capture,
    Done,
}

/// Re-fingerprinting a registered person (п.13).
#[derive(Debug, Clone)]
pub struct RefingerprintFlow {
    registration: RegistrationId,
    enrolled: Vec<(FingerPosition, FingerTemplate)>,
    has_palms: bool,
    step: RefingerprintStep,
    damaged: BTreeSet<FingerPosition>,
    verification: Option<VerificationSession>,
    supervisor: Option<i64>,
    capture: Option<CaptureSession>,
}

impl RefingerprintFlow {
    pub fn new(record: &Registration) -> Self {
        let enrolled = record
            .biometrics
            .iter()
            .filter_map(|r| {
                let Position::Finger(f) = r.position else {
                    return None;
                };
                let stored = r.capture.as_ref()?.template.as_ref()?;
                let decoded = iso::decode_stored(&stored.format, &stored.data).ok()?;
                Some((f, decoded.into_iter().next()?))
            })
            .collect();
        let has_palms = record
            .biometrics
            .iter()
            .any(|r| matches!(r.position, Position::Palm(_)) && r.capture.is_some());
        RefingerprintFlow {
            registration: record.id,
            enrolled,
            has_palms,
            step: RefingerprintStep::Choose,
            damaged: BTreeSet::new(),
            verification: None,
            supervisor: None,
            capture: None,
        }
    }

    pub fn registration(&self) -> RegistrationId {
        self.registration
    }

    pub fn step(&self) -> RefingerprintStep {
        self.step
    }

    /// The fingers the officer marked damaged or lost.
    pub fn damaged(&self) -> &BTreeSet<FingerPosition> {
        &self.damaged
    }

    /// Whether the record holds a template for `finger`.
    pub fn on_record(&self, finger: FingerPosition) -> bool {
        self.enrolled.iter().any(|(f, _)| *f == finger)
    }

    pub fn toggle(&mut self, finger: FingerPosition) {
        if self.step != RefingerprintStep::Choose {
            return;
        }
        if !self.damaged.remove(&finger) {
            self.damaged.insert(finger);
        }
    }

    /// The choice is made: verify with the fingers on record that are not
    /// damaged; when none is left, identity rests on the documents.
    pub fn confirm_choice(&mut self, policy: &VerificationPolicy) -> Result<(), FlowError> {
        if self.step != RefingerprintStep::Choose {
            return Err(FlowError::WrongStep(super::Step::Capture));
        }
        let usable: Vec<(FingerPosition, FingerTemplate)> = self
            .enrolled
            .iter()
            .filter(|(f, _)| !self.damaged.contains(f))
            .cloned()
            .collect();
        self.verification = VerificationSession::new(self.source(), usable, policy);
        self.step = if self.verification.is_some() {
            RefingerprintStep::Verify
        } else {
            RefingerprintStep::Documents
        };
        Ok(())
    }

    fn source(&self) -> LookupSource {
        LookupSource::Registration {
            registry: self.registration.registry,
            id: self.registration.id,
        }
    }

    fn start_capture(&mut self, quality: QualityPolicy, capabilities: Capabilities) {
        self.capture = Some(CaptureSession::refingerprint(
            quality,
            capabilities,
            self.has_palms,
        ));
        self.step = RefingerprintStep::Capture;
    }

    pub fn verification(&self) -> Option<&VerificationSession> {
        self.verification.as_ref()
    }

    pub fn verification_mut(&mut self) -> Option<&mut VerificationSession> {
        self.verification.as_mut()
    }

    /// Records the verification (п.11); verified → on to the capture.
    pub fn finish_verification(
        &mut self,
        books: &mut impl Books,
        officer_id: i64,
        at: DateTime<Utc>,
        quality: QualityPolicy,
        capabilities: Capabilities,
    ) -> Result<VerificationState, FlowError> {
        let store = books.store_mut();
        let session = self
            .verification
            .as_ref()
            .ok_or(FlowError::VerificationUnfinished)?;
        let state = session.state();
        if state == VerificationState::Capturing {
            return Err(FlowError::VerificationUnfinished);
        }
        let record = session
            .record(officer_id, at)
            .ok_or(FlowError::VerificationUnfinished)?;
        store.record_verification(self.source(), &record)?;
        if state == VerificationState::Verified {
            self.start_capture(quality, capabilities);
        }
        Ok(state)
    }

    /// No print on record to verify with: the officer confirms identity by
    /// the document seen, recorded as the verification (п.11).
    pub fn confirm_by_documents(
        &mut self,
        books: &mut impl Books,
        officer_id: i64,
        document: &str,
        at: DateTime<Utc>,
        quality: QualityPolicy,
        capabilities: Capabilities,
    ) -> Result<(), FlowError> {
        let store = books.store_mut();
        if self.step != RefingerprintStep::Documents {
            return Err(FlowError::VerificationUnfinished);
        }
        if document.trim().is_empty() {
            return Err(FlowError::Fields(vec![FieldError::new(
                "document_seen",
                "field-required",
            )]));
        }
        store.record_verification(
            self.source(),
            &VerificationRecord {
                verified_at: at,
                officer_id,
                method: VerificationMethod::Documents,
                positions: Vec::new(),
                scores: Vec::new(),
                threshold: 0.0,
                verified: true,
                document: Some(document.trim().to_string()),
            },
        )?;
        self.start_capture(quality, capabilities);
        Ok(())
    }

    /// A failed verification goes on only with a supervisor's sign-in.
    pub fn supervisor_override(
        &mut self,
        books: &mut impl Books,
        login: &str,
        password: &str,
        now: DateTime<Utc>,
        quality: QualityPolicy,
        capabilities: Capabilities,
    ) -> Result<(), FlowError> {
        let store = books.store_mut();
        if self
            .verification
            .as_ref()
            .is_none_or(|v| v.state() != VerificationState::Failed)
        {
            return Err(FlowError::VerificationUnfinished);
        }
        let supervisor = super::supervisor_sign_in(store, login, password, now)?;
        store.audit(
            AuditEvent::new(AuditAction::VerificationOverridden)
                .by(supervisor)
                .on(self.registration.registry, self.registration.id),
        )?;
        self.supervisor = Some(supervisor);
        self.start_capture(quality, capabilities);
        Ok(())
    }

    pub fn capture(&self) -> Option<&CaptureSession> {
        self.capture.as_ref()
    }

    pub fn capture_mut(&mut self) -> Option<&mut CaptureSession> {
        self.capture.as_mut()
    }

    /// Saves the new biometric set: every current row is archived (п.14),
    /// the new set (with its п.10 mark, if any) becomes current.
    pub fn save(
        &mut self,
        books: &mut impl Books,
        officer_id: i64,
        request: &ChangeRequest,
    ) -> Result<i64, FlowError> {
        let store = books.store_mut();
        let capture = self.capture.as_ref().ok_or(FlowError::CaptureIncomplete)?;
        if self.step != RefingerprintStep::Capture || !capture.is_complete() {
            return Err(FlowError::CaptureIncomplete);
        }
        let set = store.refingerprint(
            officer_id,
            self.registration,
            &capture.records(),
            capture.defect_mark(),
            request,
        )?;
        self.step = RefingerprintStep::Done;
        Ok(set)
    }
}
