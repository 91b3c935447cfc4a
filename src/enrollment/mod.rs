//! The desk flow as a state machine (п.3–п.11): applicant and service →
//! identity and look-up → eligibility → representation → consent → capture.
//! UI-free and SQL-free apart from the store calls it makes; the kiosk renders
//! [`Desk::step`] and sends events. Every path that ends without prints
//! (refusal, exemption, "not subject") is complete here; the capture step is
//! the next issue's and is reported as not yet available — a registration is
//! never saved without prints.

mod forms;

use chrono::NaiveDate;
use thiserror::Error;

pub use forms::{EligibilityAnswers, FieldError, IdentityForm, ValidIdentity};

use crate::model::{ApplicantKind, Representative, RepresentativeKind, Service};
use crate::regulation::{Case, Decision, Outcome, Requirement, decide};
use crate::store::{
    LookupHit, LookupQuery, NonCollection, NonCollectionOutcome, PersonIdentity, Refusal, Store,
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
    /// Fingers, palms or the defect mark: the capture desk (next issue).
    Capture,
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
    #[error("the capture step is not available yet")]
    CaptureUnavailable,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl FlowError {
    pub fn message_key(&self) -> &'static str {
        match self {
            FlowError::WrongStep(_) => "flow-error-wrong-step",
            FlowError::Fields(_) => "flow-error-fields",
            FlowError::Representation(_) => "flow-error-representation",
            FlowError::CaptureUnavailable => "flow-error-capture-unavailable",
            FlowError::Store(e) => e.message_key(),
        }
    }
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
    completion: Option<Completion>,
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
            completion: None,
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
    pub fn set_identity(&mut self, form: &IdentityForm, store: &Store) -> Result<(), FlowError> {
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
        self.representative = Some(representative);
        self.step = if decision.requirements.contains(Requirement::Consent) {
            Step::Consent
        } else {
            Step::Capture
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
                self.step = Step::Capture;
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

    /// The capture step belongs to the capture desk (next issue).
    pub fn start_capture(&mut self) -> Result<(), FlowError> {
        self.expect(Step::Capture)?;
        Err(FlowError::CaptureUnavailable)
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
            Step::Capture => Step::Eligibility,
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
