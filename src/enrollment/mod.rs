//! The desk flow as a state machine (п.3–п.11): applicant and service →
//! identity and look-up → eligibility → representation → consent → capture
//! (or, for a person registered before, verification) → personal data →
//! review and save. UI-free and SQL-free apart from the store calls it
//! makes; the kiosk renders [`Desk::step`] and sends events. A registration
//! is saved only from the review step, after the capture step is complete
//! (prints, or the п.10 defect mark).

mod capture;
mod duplicates;
mod forms;
mod personal;
mod photo;
mod records;
mod settings;
mod verification;

pub use capture::{
    Applied, CaptureProblem, CaptureRunner, CaptureSession, FINGER_ORDER, Impression,
    ProcessedCapture, RunnerEvent, SLAP_ORDER, Slot, SlotStatus, TEMPLATE_FORMAT, process_image,
    request_key,
};
pub use duplicates::{DuplicateCandidate, gallery_from_store, warm_gallery, with_gallery};
pub use personal::{KAZAKHSTAN, PersonalForm};
pub use photo::{
    Crop, FACE_AREA_SHARE, LIGHT_BACKGROUND, MAX_FILE_BYTES, PHOTO_SIZE, PhotoChecks, PhotoError,
    PhotoSource, SIGNATURE_SIZE, SignaturePad, face_guide, import_signature,
};
pub use records::{
    CorrectionForm, RefingerprintFlow, RefingerprintStep, applicant_kind, changed_fields,
    version_fields,
};
pub use settings::{MissionSettings, SettingsForm};
pub use verification::{VerificationPolicy, VerificationSession, VerificationState};

use chrono::{DateTime, NaiveDate, Utc};
use thiserror::Error;

pub use forms::{EligibilityAnswers, FieldError, IdentityForm, ValidIdentity};

use crate::biometrics::iso;
use crate::biometrics::quality::QualityPolicy;
use crate::biometrics::template::FingerTemplate;
use crate::model::{
    ApplicantKind, FingerPosition, NewRegistration, OfficerRole, PersonalData, Position,
    RegistrationBasis, Representative, RepresentativeKind, Service,
};
use crate::regulation::{Case, Decision, Outcome, Requirement, decide};
use crate::scanner::Capabilities;
use crate::store::{
    AuditAction, AuditEvent, AuthError, LockoutPolicy, LookupHit, LookupQuery, LookupSource,
    NonCollection, NonCollectionOutcome, PersonIdentity, Refusal, RegistrationId, Store,
    StoreError,
};

/// Where the applicant is in the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Applicant,
    Identity,
    Eligibility,
    Representation,
    Consent,
    /// A person registered before: identity verification (п.11).
    Verification,
    /// Fingers, palms or the defect mark (п.10).
    Capture,
    /// The captured fingers match a person enrolled under another identity:
    /// stopped until a supervisor lets the enrolment go on.
    Duplicates,
    /// The п.7 personal data.
    PersonalData,
    /// Everything shown once more, then saved in one transaction.
    Review,
    /// The decision not to collect is shown and saved.
    Confirmation,
    Done,
}

/// What the flow ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    Refused {
        id: i64,
    },
    NotCollected {
        id: i64,
        outcome: NonCollectionOutcome,
    },
    /// A registration saved, with or without the п.10 defect mark.
    Registered {
        id: RegistrationId,
        /// A temporary defect mark: re-fingerprint at the next application.
        refingerprint_next_time: bool,
    },
    /// A person registered before whose identity was verified (п.11).
    Verified {
        registration: RegistrationId,
    },
}

/// An event the flow cannot take now, or data it cannot accept.
#[derive(Debug, Error)]
pub enum FlowError {
    #[error("this cannot be done at step {0:?}")]
    WrongStep(Step),
    #[error("{} field(s) need correcting", .0.len())]
    Fields(Vec<FieldError>),
    #[error("the representative's documents are incomplete: {0:?}")]
    Representation(Vec<&'static str>),
    #[error("the capture step is not complete")]
    CaptureIncomplete,
    #[error("the verification is not finished")]
    VerificationUnfinished,
    #[error("a supervisor must sign in")]
    SupervisorRequired,
    #[error("sign-in failed: {0}")]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl FlowError {
    pub fn message_key(&self) -> &'static str {
        match self {
            FlowError::WrongStep(_) => "flow-error-wrong-step",
            FlowError::Fields(_) => "flow-error-fields",
            FlowError::Representation(_) => "flow-error-representation",
            FlowError::CaptureIncomplete => "flow-error-capture-incomplete",
            FlowError::VerificationUnfinished => "flow-error-verification-unfinished",
            FlowError::SupervisorRequired => "flow-error-supervisor-required",
            FlowError::Auth(e) => e.message_key(),
            FlowError::Store(e) => e.message_key(),
        }
    }
}

/// A supervisor's sign-in that lets a case go on (audited by the store
/// like any sign-in); an officer's account is refused.
pub(crate) fn supervisor_sign_in(
    store: &mut Store,
    login: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<i64, FlowError> {
    let signed = store.authenticate(login, password, now, LockoutPolicy::default())?;
    if signed.officer.role != OfficerRole::Supervisor {
        return Err(FlowError::SupervisorRequired);
    }
    Ok(signed.id)
}

/// The oral answer to the question of п.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentAnswer {
    Consents,
    Refuses,
}

/// One applicant at the desk.
#[derive(Debug, Clone)]
pub struct Desk {
    officer_id: i64,
    application_date: NaiveDate,
    step: Step,
    applicant: Option<(ApplicantKind, Service)>,
    identity: Option<ValidIdentity>,
    previous: Vec<LookupHit>,
    answers: Option<EligibilityAnswers>,
    decision: Option<Decision>,
    representative: Option<Representative>,
    consent: Option<ConsentAnswer>,
    /// The previous registration held here and its finger templates (п.11).
    enrolled: Option<(RegistrationId, Vec<(FingerPosition, FingerTemplate)>)>,
    verification: Option<VerificationSession>,
    /// The verification failed; set once a supervisor has let the case go on.
    supervisor_override: Option<i64>,
    capture: Option<CaptureSession>,
    /// The duplicate check's candidates (persons under another identity).
    duplicates: Vec<DuplicateCandidate>,
    /// The supervisor who let the enrolment go on despite them.
    duplicates_override: Option<i64>,
    personal: Option<PersonalData>,
    completion: Option<Completion>,
    /// The previous registration carries a temporary defect mark (п.10).
    refingerprint_due: Option<RegistrationId>,
}

impl Desk {
    /// A new applicant, served by `officer_id` on `application_date` (the
    /// kiosk passes today's date; the Rules never read a clock).
    pub fn new(officer_id: i64, application_date: NaiveDate) -> Desk {
        Desk {
            officer_id,
            application_date,
            step: Step::Applicant,
            applicant: None,
            identity: None,
            previous: Vec::new(),
            answers: None,
            decision: None,
            representative: None,
            consent: None,
            enrolled: None,
            verification: None,
            supervisor_override: None,
            capture: None,
            duplicates: Vec::new(),
            duplicates_override: None,
            personal: None,
            completion: None,
            refingerprint_due: None,
        }
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn decision(&self) -> Option<&Decision> {
        self.decision.as_ref()
    }

    /// Previous registrations found at the identity step (п.11).
    pub fn previous_registrations(&self) -> &[LookupHit] {
        &self.previous
    }

    pub fn completion(&self) -> Option<Completion> {
        self.completion
    }

    fn expect(&self, step: Step) -> Result<(), FlowError> {
        if self.step == step {
            Ok(())
        } else {
            Err(FlowError::WrongStep(self.step))
        }
    }

    /// Step 1: who applies for what.
    pub fn choose_applicant(
        &mut self,
        kind: ApplicantKind,
        service: Service,
    ) -> Result<(), FlowError> {
        self.expect(Step::Applicant)?;
        let fits = matches!(
            (kind, service),
            (ApplicantKind::Citizen, Service::Passport(_))
                | (
                    ApplicantKind::Foreigner | ApplicantKind::Stateless,
                    Service::Visa(_)
                )
        );
        if !fits {
            return Err(FlowError::Fields(vec![FieldError::new(
                "service",
                "error-service-mismatch",
            )]));
        }
        self.applicant = Some((kind, service));
        self.step = Step::Identity;
        Ok(())
    }

    /// Step 2: identity, validated field by field, then looked up in the
    /// registry mirror (п.11).
    pub fn set_identity(
        &mut self,
        form: &IdentityForm,
        store: &mut Store,
    ) -> Result<(), FlowError> {
        self.expect(Step::Identity)?;
        let (kind, _) = self.applicant.ok_or(FlowError::WrongStep(self.step))?;
        let identity = form
            .validate(kind, self.application_date)
            .map_err(FlowError::Fields)?;
        let mut queries = Vec::new();
        if let Some(iin) = &identity.iin {
            queries.push(LookupQuery::Iin(iin.clone()));
        }
        if let Some(document) = &identity.document_number {
            queries.push(LookupQuery::Document(document.clone()));
        }
        queries.push(LookupQuery::NameAndBirthDate {
            surname: identity.name.surname.clone(),
            name: identity.name.name.clone(),
            birth_date: identity.birth_date,
        });
        let mut hits: Vec<LookupHit> = Vec::new();
        for query in &queries {
            for hit in store.lookup(Some(kind.registry()), query)? {
                if !hits.iter().any(|h| h.source == hit.source) {
                    hits.push(hit);
                }
            }
        }
        self.enrolled = None;
        self.verification = None;
        self.refingerprint_due = None;
        for hit in &hits {
            if let LookupSource::Registration { registry, id } = hit.source {
                let rid = RegistrationId { registry, id };
                let registration = store.load_registration(self.officer_id, rid)?;
                let templates: Vec<(FingerPosition, FingerTemplate)> = registration
                    .biometrics
                    .iter()
                    .filter_map(|record| {
                        let Position::Finger(finger) = record.position else {
                            return None;
                        };
                        let data = &record.capture.as_ref()?.template.as_ref()?.data;
                        let template = iso::decode(data).ok()?.into_iter().next()?;
                        Some((finger, template))
                    })
                    .collect();
                self.refingerprint_due = registration
                    .defect_mark
                    .filter(|m| m.refingerprint_next_time())
                    .map(|_| rid);
                self.enrolled = Some((rid, templates));
                break;
            }
        }
        self.previous = hits;
        self.identity = Some(identity);
        self.step = Step::Eligibility;
        Ok(())
    }

    /// Step 3: the questions that matter for п.3–п.4, then the decision.
    pub fn answer_eligibility(
        &mut self,
        answers: EligibilityAnswers,
    ) -> Result<&Decision, FlowError> {
        self.expect(Step::Eligibility)?;
        let (kind, service) = self.applicant.ok_or(FlowError::WrongStep(self.step))?;
        let identity = self
            .identity
            .as_ref()
            .ok_or(FlowError::WrongStep(self.step))?;
        let medical = answers
            .medical(self.application_date)
            .map_err(FlowError::Fields)?;
        let case = Case {
            applicant: kind,
            birth_date: identity.birth_date,
            application_date: self.application_date,
            service,
            declared_incapable: answers.declared_incapable,
            previously_registered: !self.previous.is_empty(),
            reciprocity: answers.reciprocity,
            exemption_category: answers.exemption_category,
            family_member: answers.family_member,
            passport_kind: answers.passport_kind,
            courier_sheet: answers.courier_sheet,
            medical_conclusion: medical,
            lacks_all_fingers_or_palms_of_both_hands: answers.lacks_all_fingers_or_palms,
        };
        let decision = decide(&case)
            .map_err(|e| FlowError::Fields(vec![FieldError::new(e.field(), e.message_key())]))?;
        self.step = match decision.eligibility.outcome {
            Outcome::Collect => self.after_eligibility(&decision),
            Outcome::Exempt | Outcome::NotSubject => Step::Confirmation,
        };
        self.answers = Some(answers);
        Ok(self.decision.insert(decision))
    }

    fn after_eligibility(&self, decision: &Decision) -> Step {
        let r = &decision.requirements;
        if r.contains(Requirement::LegalRepresentative) || r.contains(Requirement::Guardian) {
            Step::Representation
        } else if r.contains(Requirement::Consent) {
            Step::Consent
        } else {
            self.prints_step()
        }
    }

    /// Verification for a person registered here before with fingers on
    /// record (п.11), unless a supervisor has let a failed one go on;
    /// otherwise capture.
    fn prints_step(&self) -> Step {
        let has_fingers = self
            .enrolled
            .as_ref()
            .is_some_and(|(_, templates)| !templates.is_empty());
        if has_fingers && self.supervisor_override.is_none() {
            Step::Verification
        } else {
            Step::Capture
        }
    }

    /// Step 4 (п.8, п.9): the representative or guardian, with identity
    /// document, authority document and written application. The flow does
    /// not go on until all of it is recorded.
    pub fn provide_representative(
        &mut self,
        representative: Representative,
    ) -> Result<(), FlowError> {
        self.expect(Step::Representation)?;
        let decision = self
            .decision
            .as_ref()
            .ok_or(FlowError::WrongStep(self.step))?;
        let needed = if decision.requirements.contains(Requirement::Guardian) {
            RepresentativeKind::Guardian
        } else {
            RepresentativeKind::LegalRepresentative
        };
        let mut missing = Vec::new();
        if representative.kind != needed {
            missing.push("kind");
        }
        if representative.name.surname.trim().is_empty()
            || representative.name.name.trim().is_empty()
        {
            missing.push("name");
        }
        if representative.identity_document.number.trim().is_empty() {
            missing.push("identity_document");
        }
        if representative.authority_document.number.trim().is_empty()
            || representative.authority_document.title.trim().is_empty()
        {
            missing.push("authority_document");
        }
        if !representative.written_application.received {
            missing.push("written_application");
        }
        if !missing.is_empty() {
            return Err(FlowError::Representation(missing));
        }
        let consent = decision.requirements.contains(Requirement::Consent);
        self.representative = Some(representative);
        self.step = if consent {
            Step::Consent
        } else {
            self.prints_step()
        };
        Ok(())
    }

    pub fn representative(&self) -> Option<&Representative> {
        self.representative.as_ref()
    }

    /// Step 5 (п.5): the oral answer. A refusal is saved in the citizen
    /// registry at once and ends the flow.
    pub fn record_consent(
        &mut self,
        answer: ConsentAnswer,
        store: &mut Store,
    ) -> Result<(), FlowError> {
        self.expect(Step::Consent)?;
        self.consent = Some(answer);
        match answer {
            ConsentAnswer::Consents => {
                self.step = self.prints_step();
                Ok(())
            }
            ConsentAnswer::Refuses => {
                let (_, service) = self.applicant.ok_or(FlowError::WrongStep(self.step))?;
                let refusal = Refusal {
                    person: self.person()?,
                    service,
                };
                let id = store.record_refusal(self.officer_id, &refusal)?;
                self.completion = Some(Completion::Refused { id });
                self.step = Step::Done;
                Ok(())
            }
        }
    }

    /// Step 6: an exemption or "not subject" decision is saved with its
    /// evidence and ends the flow.
    pub fn confirm_no_collection(&mut self, store: &mut Store) -> Result<Completion, FlowError> {
        self.expect(Step::Confirmation)?;
        let decision = self
            .decision
            .as_ref()
            .ok_or(FlowError::WrongStep(self.step))?;
        let (kind, service) = self.applicant.ok_or(FlowError::WrongStep(self.step))?;
        let answers = self.answers.clone().unwrap_or_default();
        let outcome = match decision.eligibility.outcome {
            Outcome::Exempt => NonCollectionOutcome::Exempt,
            _ => NonCollectionOutcome::NotSubject,
        };
        let record = NonCollection {
            registry: kind.registry(),
            person: self.person()?,
            outcome,
            grounds: decision.eligibility.ground_codes(),
            service,
            medical_conclusion: answers.medical(self.application_date).ok().flatten(),
            reciprocity_category: answers.exemption_category,
            passport_kind: answers.passport_kind,
            courier_sheet: answers.courier_sheet,
            decided_on: self.application_date,
        };
        let id = store.record_non_collection(self.officer_id, &record)?;
        let completion = Completion::NotCollected { id, outcome };
        self.completion = Some(completion);
        self.step = Step::Done;
        Ok(completion)
    }

    /// The capture step (п.10): the session is made on first entry with the
    /// mission's quality policy and the device's capabilities, and kept
    /// when the officer steps back and forth.
    pub fn start_capture(
        &mut self,
        policy: QualityPolicy,
        capabilities: Capabilities,
    ) -> Result<&mut CaptureSession, FlowError> {
        self.expect(Step::Capture)?;
        Ok(self
            .capture
            .get_or_insert_with(|| CaptureSession::new(policy, capabilities)))
    }

    pub fn capture(&self) -> Option<&CaptureSession> {
        self.capture.as_ref()
    }

    pub fn capture_mut(&mut self) -> Option<&mut CaptureSession> {
        self.capture.as_mut()
    }

    /// On to the personal data once every position the plan needs is taken
    /// (or the plan is the defect mark alone) — after the duplicate check:
    /// the fingers are searched among everyone enrolled, and when they
    /// match a person under another identity the flow stops at
    /// [`Step::Duplicates`] with the candidates.
    pub fn finish_capture(&mut self, store: &mut Store) -> Result<(), FlowError> {
        self.expect(Step::Capture)?;
        let Some(capture) = self.capture.as_ref().filter(|c| c.is_complete()) else {
            return Err(FlowError::CaptureIncomplete);
        };
        let fingers = capture.finger_templates();
        let identity = self
            .identity
            .as_ref()
            .ok_or(FlowError::WrongStep(self.step))?;
        let mut previous: Vec<RegistrationId> = self
            .previous
            .iter()
            .filter_map(|hit| match hit.source {
                LookupSource::Registration { registry, id } => {
                    Some(RegistrationId { registry, id })
                }
                _ => None,
            })
            .collect();
        previous.extend(self.enrolled.as_ref().map(|(rid, _)| *rid));
        let claimed = duplicates::Claimed {
            identity,
            previous: &previous,
        };
        // A new check, a new decision: an earlier override does not cover
        // fingers captured since.
        self.duplicates_override = None;
        self.duplicates = duplicates::find_duplicates(store, self.officer_id, &fingers, &claimed)?;
        self.step = if self.duplicates.is_empty() {
            Step::PersonalData
        } else {
            Step::Duplicates
        };
        Ok(())
    }

    /// The persons the duplicate check found under another identity.
    pub fn duplicates(&self) -> &[DuplicateCandidate] {
        &self.duplicates
    }

    /// A supervisor lets the enrolment go on despite the duplicate
    /// candidates (audited once per candidate, by the supervisor).
    pub fn override_duplicates(
        &mut self,
        store: &mut Store,
        login: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<(), FlowError> {
        self.expect(Step::Duplicates)?;
        let supervisor = supervisor_sign_in(store, login, password, now)?;
        for candidate in &self.duplicates {
            store.audit(
                AuditEvent::new(AuditAction::DuplicateOverridden)
                    .by(supervisor)
                    .on(candidate.registration.registry, candidate.registration.id),
            )?;
        }
        self.duplicates_override = Some(supervisor);
        self.step = Step::PersonalData;
        Ok(())
    }

    /// The supervisor who let the enrolment go on despite duplicate
    /// candidates.
    pub fn duplicates_overridden_by(&self) -> Option<i64> {
        self.duplicates_override
    }

    /// The verification step (п.11) against the previous registration.
    pub fn start_verification(
        &mut self,
        policy: &VerificationPolicy,
    ) -> Result<&mut VerificationSession, FlowError> {
        self.expect(Step::Verification)?;
        if self.verification.is_none() {
            let (rid, templates) = self
                .enrolled
                .clone()
                .ok_or(FlowError::WrongStep(self.step))?;
            self.verification = VerificationSession::new(rid, templates, policy);
        }
        self.verification
            .as_mut()
            .ok_or(FlowError::WrongStep(self.step))
    }

    pub fn verification(&self) -> Option<&VerificationSession> {
        self.verification.as_ref()
    }

    pub fn verification_mut(&mut self) -> Option<&mut VerificationSession> {
        self.verification.as_mut()
    }

    /// The previous registration the verification is against.
    pub fn enrolled_registration(&self) -> Option<RegistrationId> {
        self.enrolled.as_ref().map(|(rid, _)| *rid)
    }

    /// Records the verification's result (п.11). Verified: the flow ends
    /// here (corrections and re-fingerprinting are the records screens').
    /// Not verified: the case waits for a supervisor.
    pub fn finish_verification(
        &mut self,
        store: &mut Store,
        at: DateTime<Utc>,
    ) -> Result<VerificationState, FlowError> {
        self.expect(Step::Verification)?;
        let session = self
            .verification
            .as_ref()
            .ok_or(FlowError::VerificationUnfinished)?;
        let state = session.state();
        let record = match state {
            VerificationState::Capturing => return Err(FlowError::VerificationUnfinished),
            _ => session
                .record(self.officer_id, at)
                .ok_or(FlowError::VerificationUnfinished)?,
        };
        let registration = session.registration();
        store.record_verification(registration, &record)?;
        if state == VerificationState::Verified {
            self.completion = Some(Completion::Verified { registration });
            self.step = Step::Done;
        }
        Ok(state)
    }

    /// A failed verification goes on only with a supervisor's sign-in; the
    /// applicant is then enrolled afresh with a full capture.
    pub fn supervisor_override(
        &mut self,
        store: &mut Store,
        login: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<(), FlowError> {
        self.expect(Step::Verification)?;
        if self
            .verification
            .as_ref()
            .is_none_or(|v| v.state() != VerificationState::Failed)
        {
            return Err(FlowError::VerificationUnfinished);
        }
        self.supervisor_override = Some(supervisor_sign_in(store, login, password, now)?);
        self.step = Step::Capture;
        Ok(())
    }

    /// Step 7 (п.7): the personal data of the registry concerned.
    pub fn set_personal_data(&mut self, form: &PersonalForm) -> Result<(), FlowError> {
        self.expect(Step::PersonalData)?;
        let (kind, _) = self.applicant.ok_or(FlowError::WrongStep(self.step))?;
        let identity = self
            .identity
            .as_ref()
            .ok_or(FlowError::WrongStep(self.step))?;
        let data = form
            .validate(kind, identity, self.application_date)
            .map_err(FlowError::Fields)?;
        self.personal = Some(data);
        self.step = Step::Review;
        Ok(())
    }

    /// What will be saved: the date and basis of registration are the
    /// system's (п.7); the officer is the one signed in.
    pub fn review(&self) -> Result<NewRegistration, FlowError> {
        let (kind, service) = self.applicant.ok_or(FlowError::WrongStep(self.step))?;
        let personal = self
            .personal
            .clone()
            .ok_or(FlowError::WrongStep(self.step))?;
        let capture = self.capture.as_ref().ok_or(FlowError::CaptureIncomplete)?;
        if !capture.is_complete() {
            return Err(FlowError::CaptureIncomplete);
        }
        Ok(NewRegistration {
            personal,
            basis: RegistrationBasis {
                paragraph_number: 3,
                paragraph_sub: if kind == ApplicantKind::Citizen { 1 } else { 2 },
                service,
            },
            registered_on: self.application_date,
            biometrics: capture.records(),
            representative: self.representative.clone(),
            defect_mark: capture.defect_mark(),
        })
    }

    /// Step 8: saves the registration in one transaction and ends the flow.
    pub fn save(&mut self, store: &mut Store) -> Result<Completion, FlowError> {
        self.expect(Step::Review)?;
        let registration = self.review()?;
        let id = store.save_registration(self.officer_id, &registration)?;
        let completion = Completion::Registered {
            id,
            refingerprint_next_time: registration
                .defect_mark
                .is_some_and(|m| m.refingerprint_next_time()),
        };
        self.completion = Some(completion);
        self.step = Step::Done;
        Ok(completion)
    }

    /// A previous registration whose temporary defect mark (п.10) asks for
    /// re-fingerprinting at this application (п.13).
    pub fn refingerprint_due(&self) -> Option<RegistrationId> {
        self.refingerprint_due
    }

    pub fn applicant(&self) -> Option<(ApplicantKind, Service)> {
        self.applicant
    }

    pub fn identity(&self) -> Option<&ValidIdentity> {
        self.identity.as_ref()
    }

    /// One step back, keeping what was entered.
    pub fn back(&mut self) {
        self.step = match self.step {
            Step::Applicant | Step::Done => self.step,
            Step::Identity => Step::Applicant,
            Step::Eligibility => Step::Identity,
            Step::Representation | Step::Confirmation => Step::Eligibility,
            Step::Consent => {
                if self.representative.is_some() {
                    Step::Representation
                } else {
                    Step::Eligibility
                }
            }
            Step::Capture | Step::Verification => {
                if self.consent.is_some() {
                    Step::Consent
                } else if self.representative.is_some() {
                    Step::Representation
                } else {
                    Step::Eligibility
                }
            }
            Step::PersonalData | Step::Duplicates => Step::Capture,
            Step::Review => Step::PersonalData,
        };
    }

    fn person(&self) -> Result<PersonIdentity, FlowError> {
        let identity = self
            .identity
            .as_ref()
            .ok_or(FlowError::WrongStep(self.step))?;
        Ok(PersonIdentity {
            name: identity.name.clone(),
            birth_date: identity.birth_date,
            iin: identity.iin.clone(),
            document_number: identity.document_number.clone(),
        })
    }
}
