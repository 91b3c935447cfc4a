//! One applicant's case at the desk, as a state machine whose steps rest on
//! each other explicitly.
//!
//! Each step keeps the officer's answer and what was derived from it; the
//! answers in force decide the sequence of steps ([`Desk::path`]), which is
//! computed, never guessed. Changing an answer clears everything that
//! rested on it:
//!
//! | answer changed | cleared |
//! |---|---|
//! | applicant kind or service, application date | everything after it |
//! | identity (name, birth date, sex, IIN, document) | look-up, decision, representative, consent, verification and any supervisor's decision on it, prints, duplicate check, personal data |
//! | eligibility answers, when the decision changes | representative, consent, verification, prints, duplicate check, personal data |
//! | the prints (any impression, exception, force capture) | the duplicate check and its override |
//!
//! So prints taken for one person never reach another person's record,
//! and no save can contradict the answers in force when it is made.

use super::books::Books;
use chrono::{DateTime, NaiveDate, Utc};

use super::capture::CaptureSession;
use super::duplicates::{self, DuplicateCandidate};
use super::forms::{EligibilityAnswers, FieldError, IdentityForm, ValidIdentity};
use super::personal::PersonalForm;
use super::previous::{self, PreviousRecord};
use super::verification::{Verdict, VerificationPolicy, VerificationSession, VerificationState};
use super::{FlowError, supervisor_sign_in};
use crate::biometrics::palm::palm_template;
use crate::biometrics::quality::QualityPolicy;
use crate::model::{
    ApplicantKind, ChangeApplicant, ChangeRequest, NewRegistration, PassportService, PersonalData,
    RegistrationBasis, Registry, Representative, RepresentativeKind, Service,
};
use crate::regulation::{Case, Decision, Outcome, Requirement, decide};
use crate::scanner::Capabilities;
use crate::store::{
    AuditAction, AuditEvent, LookupHit, LookupSource, NonCollection, NonCollectionOutcome,
    PersonIdentity, Refusal, RegistrationId, Store, VerificationMethod, VerificationRecord,
};

/// Where the applicant is in the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Applicant,
    Identity,
    Eligibility,
    /// The decision of п.3–п.4 with its paragraphs and explanation: saved
    /// here when nothing is collected, confirmed here before anything is.
    Decision,
    Representation,
    Consent,
    /// A person registered before: identity verification (п.11).
    Verification,
    /// Fingers, palms or the defect mark (п.10); or, for a re-fingerprinting
    /// (п.13), the new biometric set.
    Capture,
    /// The captured fingers match a person enrolled under another identity:
    /// stopped until a supervisor lets the enrolment go on.
    Duplicates,
    /// The п.7 personal data.
    PersonalData,
    /// Everything shown once more, then saved in one transaction.
    Review,
    Done,
}

impl Step {
    /// The steps in the order a case can meet them.
    pub const ALL: [Step; 12] = [
        Step::Applicant,
        Step::Identity,
        Step::Eligibility,
        Step::Decision,
        Step::Representation,
        Step::Consent,
        Step::Verification,
        Step::Capture,
        Step::Duplicates,
        Step::PersonalData,
        Step::Review,
        Step::Done,
    ];

    /// Localization key of the step's title.
    pub fn message_key(self) -> &'static str {
        match self {
            Step::Applicant => "ui-step-applicant",
            Step::Identity => "ui-step-identity",
            Step::Eligibility => "ui-step-eligibility",
            Step::Decision => "ui-step-decision",
            Step::Representation => "ui-step-representation",
            Step::Consent => "ui-step-consent",
            Step::Verification => "ui-step-verification",
            Step::Capture => "ui-step-capture",
            Step::Duplicates => "ui-step-duplicates",
            Step::PersonalData => "ui-step-personal-data",
            Step::Review => "ui-step-review",
            Step::Done => "ui-step-done",
        }
    }
}

/// A step as the stepper shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    /// Passed: the officer can go back to it.
    Done,
    Current,
    /// Still to come.
    Ahead,
    /// Not part of this case, and why (a localization key).
    Skipped(&'static str),
    /// Cannot be reached until something is settled (a localization key).
    Blocked(&'static str),
}

/// What the case is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A new registration.
    Enrol,
    /// Re-fingerprinting of a registration held here (п.13): the biometric
    /// part is replaced, the personal data stay as they are.
    Refingerprint(RegistrationId),
}

/// What the flow ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    Refused {
        id: i64,
    },
    NotCollected {
        registry: Registry,
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
        against: LookupSource,
        method: VerificationMethod,
    },
    /// A person registered before whose identity was not verified (п.11);
    /// the case ends without a registration.
    NotVerified {
        against: LookupSource,
    },
    /// A registered person's biometric part replaced (п.13).
    Refingerprinted {
        id: RegistrationId,
        set: i64,
    },
}

/// The oral answer to the question of п.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentAnswer {
    Consents,
    Refuses,
}

/// What a change of an earlier answer would clear: the officer is warned
/// before it happens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Discards {
    /// Positions taken (accepted, force-captured or excepted).
    pub prints: usize,
    pub verification: bool,
    pub representative: bool,
    pub consent: bool,
    pub personal_data: bool,
}

impl Discards {
    pub fn is_empty(&self) -> bool {
        *self == Discards::default()
    }
}

/// The identity step's result: the identity and what the look-up found.
#[derive(Debug, Clone)]
struct IdentityStage {
    identity: ValidIdentity,
    hits: Vec<LookupHit>,
    previous: Option<PreviousRecord>,
}

#[derive(Debug, Clone)]
struct EligibilityStage {
    answers: EligibilityAnswers,
    decision: Decision,
    /// The officer has seen a `collect` decision and gone on.
    accepted: bool,
}

/// What a supervisor decided after a failed verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterFailure {
    /// Fingers damaged: the record is re-fingerprinted (п.13).
    Refingerprint { supervisor: i64 },
    /// Another person with the same particulars: enrolled afresh (the
    /// duplicate check still runs).
    AnotherPerson { supervisor: i64 },
}

#[derive(Debug, Clone)]
struct VerificationStage {
    method: VerificationMethod,
    session: Option<VerificationSession>,
    /// Set once the result is recorded in the registry.
    verified: Option<bool>,
    after_failure: Option<AfterFailure>,
    /// The officer chose to re-fingerprint after a successful verification
    /// (a temporary defect mark, damaged fingers).
    refingerprint: bool,
}

#[derive(Debug, Clone)]
struct DuplicateStage {
    /// The capture's revision the check was run on.
    revision: u64,
    candidates: Vec<DuplicateCandidate>,
    /// Stored templates the check could not read (their persons were not
    /// searched).
    skipped_templates: usize,
    overridden_by: Option<i64>,
}

/// One applicant at the desk.
#[derive(Debug, Clone)]
pub struct Desk {
    officer_id: i64,
    application_date: NaiveDate,
    step: Step,
    /// Moves whenever the person at the desk may have changed (applicant,
    /// identity, a cancelled case): the screens drop what they hold for the
    /// previous one (photo, signature, typed personal data).
    epoch: u64,
    applicant: Option<(ApplicantKind, Service)>,
    identity: Option<IdentityStage>,
    eligibility: Option<EligibilityStage>,
    representative: Option<Representative>,
    consent: Option<ConsentAnswer>,
    verification: Option<VerificationStage>,
    capture: Option<CaptureSession>,
    duplicates: Option<DuplicateStage>,
    personal: Option<PersonalData>,
    completion: Option<Completion>,
}

impl Desk {
    /// A new applicant, served by `officer_id` on `application_date` (the
    /// kiosk passes the day the applicant applies; the Rules never read a
    /// clock).
    pub fn new(officer_id: i64, application_date: NaiveDate) -> Desk {
        Desk {
            officer_id,
            application_date,
            step: Step::Applicant,
            epoch: 0,
            applicant: None,
            identity: None,
            eligibility: None,
            representative: None,
            consent: None,
            verification: None,
            capture: None,
            duplicates: None,
            personal: None,
            completion: None,
        }
    }

    /// Cancels the case: nothing of it is kept, the next applicant starts
    /// from an empty desk on `today`.
    pub fn cancel(&mut self, today: NaiveDate) {
        let epoch = self.epoch + 1;
        *self = Desk::new(self.officer_id, today);
        self.epoch = epoch;
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn officer_id(&self) -> i64 {
        self.officer_id
    }

    pub fn application_date(&self) -> NaiveDate {
        self.application_date
    }

    /// Changes when the person at the desk may have changed.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Anything typed, decided or captured for this case: cancelling it
    /// loses something, so the officer confirms.
    pub fn has_data(&self) -> bool {
        self.applicant.is_some()
    }

    pub fn decision(&self) -> Option<&Decision> {
        self.eligibility.as_ref().map(|e| &e.decision)
    }

    pub fn answers(&self) -> Option<&EligibilityAnswers> {
        self.eligibility.as_ref().map(|e| &e.answers)
    }

    /// Previous registrations found at the identity step (п.11).
    pub fn previous_registrations(&self) -> &[LookupHit] {
        self.identity.as_ref().map_or(&[], |i| i.hits.as_slice())
    }

    /// The previous registration the case is verified against (п.11).
    pub fn previous(&self) -> Option<&PreviousRecord> {
        self.identity.as_ref().and_then(|i| i.previous.as_ref())
    }

    pub fn completion(&self) -> Option<Completion> {
        self.completion
    }

    pub fn applicant(&self) -> Option<(ApplicantKind, Service)> {
        self.applicant
    }

    pub fn identity(&self) -> Option<&ValidIdentity> {
        self.identity.as_ref().map(|i| &i.identity)
    }

    pub fn representative(&self) -> Option<&Representative> {
        self.representative.as_ref()
    }

    pub fn consent(&self) -> Option<ConsentAnswer> {
        self.consent
    }

    pub fn purpose(&self) -> Purpose {
        match &self.verification {
            Some(v)
                if v.refingerprint
                    || matches!(v.after_failure, Some(AfterFailure::Refingerprint { .. })) =>
            {
                self.previous()
                    .and_then(PreviousRecord::registration)
                    .map_or(Purpose::Enrol, Purpose::Refingerprint)
            }
            _ => Purpose::Enrol,
        }
    }

    fn requires(&self, requirement: Requirement) -> bool {
        self.decision()
            .is_some_and(|d| d.requirements.contains(requirement))
    }

    fn representative_kind(&self) -> Option<RepresentativeKind> {
        if self.requires(Requirement::Guardian) {
            Some(RepresentativeKind::Guardian)
        } else if self.requires(Requirement::LegalRepresentative) {
            Some(RepresentativeKind::LegalRepresentative)
        } else {
            None
        }
    }

    /// The representative or guardian the decision asks for (п.8, п.9).
    pub fn representative_needed(&self) -> Option<RepresentativeKind> {
        self.representative_kind()
    }

    /// The duplicate stage is for the prints as they are now.
    fn duplicates_current(&self) -> Option<&DuplicateStage> {
        let revision = self.capture.as_ref()?.revision();
        self.duplicates
            .as_ref()
            .filter(|stage| stage.revision == revision)
    }

    /// The steps of this case in order, as far as the answers in force
    /// reach: every step up to the first one still to be answered, and
    /// `Done` once the case has ended.
    pub fn path(&self) -> Vec<Step> {
        let mut path = vec![Step::Applicant];
        self.extend_path(&mut path);
        if self.completion.is_some() {
            path.push(Step::Done);
        }
        path
    }

    fn extend_path(&self, path: &mut Vec<Step>) {
        if self.applicant.is_none() {
            return;
        }
        path.push(Step::Identity);
        if self.identity.is_none() {
            return;
        }
        path.push(Step::Eligibility);
        let Some(eligibility) = &self.eligibility else {
            return;
        };
        path.push(Step::Decision);
        if eligibility.decision.eligibility.outcome != Outcome::Collect || !eligibility.accepted {
            return;
        }
        if self.representative_kind().is_some() {
            path.push(Step::Representation);
            if self.representative.is_none() {
                return;
            }
        }
        if self.requires(Requirement::Consent) {
            path.push(Step::Consent);
            if self.consent != Some(ConsentAnswer::Consents) {
                return;
            }
        }
        if let Some(verification) = &self.verification {
            path.push(Step::Verification);
            let goes_on = match verification.verified {
                None => false,
                Some(true) => verification.refingerprint,
                Some(false) => verification.after_failure.is_some(),
            };
            if !goes_on {
                return;
            }
        }
        path.push(Step::Capture);
        let Some(capture) = &self.capture else {
            return;
        };
        if !capture.is_complete() && !capture.lacks_all_fingers_or_palms() {
            return;
        }
        let Some(duplicates) = self.duplicates_current() else {
            return;
        };
        if !duplicates.candidates.is_empty() {
            path.push(Step::Duplicates);
            if duplicates.overridden_by.is_none() {
                return;
            }
        }
        if self.purpose() == Purpose::Enrol {
            path.push(Step::PersonalData);
            if self.personal.is_none() {
                return;
            }
        }
        path.push(Step::Review);
    }

    /// Every step of the desk with its state for this case, in order (the
    /// stepper at the top of the desk). `Done` is not among them.
    pub fn stepper(&self) -> Vec<(Step, StepState)> {
        let path = self.path();
        let at = path.iter().position(|s| *s == self.step);
        let kind = self.applicant.map(|(k, _)| k);
        let decided = self.eligibility.as_ref().map(|e| &e.decision);
        let collect = decided.map(|d| d.eligibility.outcome == Outcome::Collect);
        let mut out = Vec::new();
        for step in Step::ALL {
            if step == Step::Done {
                continue;
            }
            let on_path = path.iter().position(|s| *s == step);
            let state = match (on_path, at) {
                (Some(i), Some(a)) if i < a => StepState::Done,
                (Some(i), Some(a)) if i == a => StepState::Current,
                _ if self.step == Step::Done && on_path.is_some() => StepState::Done,
                _ => self.not_on_path(step, kind, collect),
            };
            // Duplicates appear only when the check found someone.
            if step == Step::Duplicates && matches!(state, StepState::Skipped(_) | StepState::Ahead)
            {
                continue;
            }
            out.push((step, state));
        }
        out
    }

    /// A step that is not (or not yet) on the path: ahead, skipped and
    /// why, or blocked and why.
    fn not_on_path(
        &self,
        step: Step,
        kind: Option<ApplicantKind>,
        collect: Option<bool>,
    ) -> StepState {
        let after_decision = matches!(
            step,
            Step::Representation
                | Step::Consent
                | Step::Verification
                | Step::Capture
                | Step::Duplicates
                | Step::PersonalData
                | Step::Review
        );
        if after_decision && collect == Some(false) {
            return StepState::Skipped("stepper-skip-not-collected");
        }
        let decided = collect == Some(true);
        match step {
            Step::Representation if decided && self.representative_kind().is_none() => {
                StepState::Skipped("stepper-skip-no-representative")
            }
            Step::Consent if kind.is_some() && kind != Some(ApplicantKind::Citizen) => {
                StepState::Skipped("stepper-skip-no-consent-foreigner")
            }
            Step::Verification if self.identity.is_some() && self.previous().is_none() => {
                StepState::Skipped("stepper-skip-not-registered-before")
            }
            Step::PersonalData if self.purpose() != Purpose::Enrol => {
                StepState::Skipped("stepper-skip-refingerprint")
            }
            // A returning person verified (п.11): nothing more is taken or
            // typed; the case ends with the verification.
            Step::PersonalData | Step::Review | Step::Capture
                if self.verified() == Some(true) && self.purpose() == Purpose::Enrol =>
            {
                StepState::Skipped("stepper-skip-verified")
            }
            Step::Capture
                if self.verified() == Some(false)
                    && self
                        .verification
                        .as_ref()
                        .is_some_and(|v| v.after_failure.is_none()) =>
            {
                StepState::Blocked("stepper-blocked-not-verified")
            }
            Step::PersonalData | Step::Review
                if self
                    .duplicates_current()
                    .is_some_and(|d| !d.candidates.is_empty() && d.overridden_by.is_none()) =>
            {
                StepState::Blocked("stepper-blocked-duplicates")
            }
            _ => StepState::Ahead,
        }
    }

    /// The steps the case has passed (before the current one).
    pub fn done_steps(&self) -> Vec<Step> {
        let path = self.path();
        let at = path.iter().position(|s| *s == self.step).unwrap_or(0);
        path[..at].to_vec()
    }

    fn expect(&self, step: Step) -> Result<(), FlowError> {
        if self.step == step {
            Ok(())
        } else {
            Err(FlowError::WrongStep(self.step))
        }
    }

    /// The step after `step` on the path, once `step` is answered.
    fn advance_from(&mut self, step: Step) {
        let path = self.path();
        self.step = path
            .iter()
            .position(|s| *s == step)
            .and_then(|i| path.get(i + 1))
            .copied()
            .unwrap_or(step);
    }

    /// One step back along the path, keeping every answer.
    pub fn back(&mut self) {
        if self.step == Step::Done {
            return;
        }
        let path = self.path();
        if let Some(i) = path.iter().position(|s| *s == self.step)
            && i > 0
        {
            self.step = path[i - 1];
        }
    }

    /// Goes back to a step already passed (the stepper), keeping every
    /// answer. Refused for a step ahead, or once the case has ended.
    pub fn go_to(&mut self, step: Step) -> Result<(), FlowError> {
        if self.step == Step::Done || !self.done_steps().contains(&step) {
            return Err(FlowError::WrongStep(self.step));
        }
        self.step = step;
        Ok(())
    }

    fn clear_after_applicant(&mut self) {
        self.identity = None;
        self.clear_after_identity();
    }

    fn clear_after_identity(&mut self) {
        self.eligibility = None;
        self.clear_after_decision();
        self.personal = None;
        self.epoch += 1;
    }

    fn clear_after_decision(&mut self) {
        self.representative = None;
        self.consent = None;
        self.verification = None;
        self.capture = None;
        self.duplicates = None;
    }

    /// What clearing after `step` would lose.
    fn held_after(&self, step: Step) -> Discards {
        let prints = self.capture.as_ref().map_or(0, |c| {
            c.records().len() + usize::from(c.defect_mark().is_some() && c.records().is_empty())
        });
        let mut discards = Discards {
            prints,
            verification: self
                .verification
                .as_ref()
                .is_some_and(|v| v.verified.is_some() || v.session.is_some()),
            representative: self.representative.is_some(),
            consent: self.consent.is_some(),
            personal_data: self.personal.is_some(),
        };
        if step == Step::Eligibility {
            discards.personal_data = false;
        }
        discards
    }

    /// What choosing `kind` and `service` would clear, when they differ from
    /// the answer in force.
    pub fn applicant_change_discards(&self, kind: ApplicantKind, service: Service) -> Discards {
        match self.applicant {
            Some(held) if held != (kind, service) => self.held_after(Step::Applicant),
            _ => Discards::default(),
        }
    }

    /// What entering `form` would clear, when it names another identity
    /// than the one in force (nothing when the form is not valid yet).
    pub fn identity_change_discards(&self, form: &IdentityForm) -> Discards {
        let (Some((kind, service)), Some(held)) = (self.applicant, &self.identity) else {
            return Discards::default();
        };
        match form.validate_for(kind, service, self.application_date) {
            Ok(identity) if identity != held.identity => self.held_after(Step::Identity),
            _ => Discards::default(),
        }
    }

    /// What answering `answers` would clear, when they change the decision.
    pub fn answers_change_discards(&self, answers: &EligibilityAnswers) -> Discards {
        match (&self.eligibility, self.decide(answers)) {
            (Some(held), Ok(decision)) if decision != held.decision => {
                self.held_after(Step::Eligibility)
            }
            _ => Discards::default(),
        }
    }

    /// The application date (the day the applicant applies), set when the
    /// case starts. Allowed only before anything is answered.
    pub fn set_application_date(&mut self, date: NaiveDate) -> Result<(), FlowError> {
        self.expect(Step::Applicant)?;
        if self.applicant.is_some() && date != self.application_date {
            self.applicant = None;
            self.clear_after_applicant();
        }
        self.application_date = date;
        Ok(())
    }

    /// Step 1: who applies for what. A different answer than the one in
    /// force clears the whole case after it.
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
        if self.applicant != Some((kind, service)) {
            self.applicant = Some((kind, service));
            self.clear_after_applicant();
        }
        self.advance_from(Step::Applicant);
        Ok(())
    }

    /// Step 2: identity, validated field by field, then looked up in both
    /// registries and the imported marks (п.11). Another identity than the
    /// one in force clears everything that rested on it, prints included.
    pub fn set_identity(
        &mut self,
        form: &IdentityForm,
        books: &mut impl Books,
    ) -> Result<(), FlowError> {
        let store = books.store_mut();
        self.expect(Step::Identity)?;
        let (kind, service) = self.applicant.ok_or(FlowError::WrongStep(self.step))?;
        let identity = form
            .validate_for(kind, service, self.application_date)
            .map_err(FlowError::Fields)?;
        let same = self
            .identity
            .as_ref()
            .is_some_and(|held| held.identity == identity);
        if !same {
            self.identity = None;
            self.clear_after_identity();
            let hits = previous::look_up(store, &identity)?;
            let previous = previous::load_previous(store, self.officer_id, &hits)?;
            self.identity = Some(IdentityStage {
                identity,
                hits,
                previous,
            });
        }
        self.advance_from(Step::Identity);
        Ok(())
    }

    fn decide(&self, answers: &EligibilityAnswers) -> Result<Decision, FlowError> {
        let (kind, service) = self.applicant.ok_or(FlowError::WrongStep(self.step))?;
        let stage = self
            .identity
            .as_ref()
            .ok_or(FlowError::WrongStep(self.step))?;
        let medical = answers
            .medical(stage.identity.birth_date, self.application_date)
            .map_err(FlowError::Fields)?;
        let case = Case {
            applicant: kind,
            birth_date: stage.identity.birth_date,
            application_date: self.application_date,
            service,
            declared_incapable: answers.declared_incapable,
            previously_registered: !stage.hits.is_empty(),
            reciprocity: answers.reciprocity,
            exemption_category: answers.exemption_category,
            family_member: answers.family_member,
            passport_kind: answers.passport_kind,
            courier_sheet: answers.courier_sheet,
            medical_conclusion: medical,
            lacks_all_fingers_or_palms_of_both_hands: answers.lacks_all_fingers_or_palms,
        };
        decide(&case)
            .map_err(|e| FlowError::Fields(vec![FieldError::new(e.field(), e.message_key())]))
    }

    /// Step 3: the questions that matter for п.3–п.4, then the decision,
    /// shown at [`Step::Decision`]. A changed decision clears everything
    /// that rested on the old one.
    pub fn answer_eligibility(
        &mut self,
        answers: EligibilityAnswers,
    ) -> Result<&Decision, FlowError> {
        self.expect(Step::Eligibility)?;
        let decision = self.decide(&answers)?;
        let keep = self
            .eligibility
            .as_ref()
            .is_some_and(|held| held.decision == decision);
        if keep {
            if let Some(held) = self.eligibility.as_mut() {
                held.answers = answers;
            }
        } else {
            self.clear_after_decision();
            self.eligibility = Some(EligibilityStage {
                answers,
                decision,
                accepted: false,
            });
        }
        self.step = Step::Decision;
        self.decision().ok_or(FlowError::WrongStep(self.step))
    }

    /// After a `collect` decision: on to what it requires (representation,
    /// consent), the verification of п.11, or the capture.
    pub fn continue_to_collection(&mut self) -> Result<(), FlowError> {
        self.expect(Step::Decision)?;
        let Some(stage) = self.eligibility.as_mut() else {
            return Err(FlowError::WrongStep(self.step));
        };
        if stage.decision.eligibility.outcome != Outcome::Collect {
            return Err(FlowError::WrongStep(self.step));
        }
        stage.accepted = true;
        self.ensure_verification_stage();
        self.advance_from(Step::Decision);
        Ok(())
    }

    /// A person registered before (п.11) is verified, not enrolled again.
    fn ensure_verification_stage(&mut self) {
        if self.verification.is_some() || !self.requires(Requirement::Verification) {
            return;
        }
        let Some(previous) = self.previous() else {
            return;
        };
        self.verification = Some(VerificationStage {
            method: previous.method(),
            session: None,
            verified: None,
            after_failure: None,
            refingerprint: false,
        });
    }

    /// Step 4 (п.8, п.9): the representative or guardian, with identity
    /// document, authority document and written application. The flow does
    /// not go on until all of it is recorded.
    pub fn provide_representative(
        &mut self,
        representative: Representative,
    ) -> Result<(), FlowError> {
        self.expect(Step::Representation)?;
        let needed = self
            .representative_kind()
            .ok_or(FlowError::WrongStep(self.step))?;
        let missing = representative_missing(&representative, needed);
        if !missing.is_empty() {
            return Err(FlowError::Representation(missing));
        }
        self.representative = Some(representative);
        self.advance_from(Step::Representation);
        Ok(())
    }

    /// Step 5 (п.5): the oral answer. A refusal is saved in the citizen
    /// registry at once and ends the flow.
    pub fn record_consent(
        &mut self,
        answer: ConsentAnswer,
        books: &mut impl Books,
    ) -> Result<(), FlowError> {
        let store = books.store_mut();
        self.expect(Step::Consent)?;
        let (kind, service) = self.applicant.ok_or(FlowError::WrongStep(self.step))?;
        // п.5 is about citizens only; the path never asks anyone else.
        if kind != ApplicantKind::Citizen || !self.requires(Requirement::Consent) {
            return Err(FlowError::WrongStep(self.step));
        }
        match answer {
            ConsentAnswer::Consents => {
                self.consent = Some(answer);
                self.advance_from(Step::Consent);
            }
            ConsentAnswer::Refuses => {
                let refusal = Refusal {
                    person: self.person()?,
                    service,
                };
                let id = store.record_refusal(self.officer_id, &refusal)?;
                self.consent = Some(answer);
                self.finish(Completion::Refused { id });
            }
        }
        Ok(())
    }

    fn finish(&mut self, completion: Completion) {
        self.completion = Some(completion);
        self.step = Step::Done;
    }

    /// Saves an exemption or "not subject" decision with its evidence and
    /// ends the flow.
    pub fn confirm_no_collection(
        &mut self,
        books: &mut impl Books,
    ) -> Result<Completion, FlowError> {
        let store = books.store_mut();
        self.expect(Step::Decision)?;
        let stage = self
            .eligibility
            .as_ref()
            .ok_or(FlowError::WrongStep(self.step))?;
        let outcome = match stage.decision.eligibility.outcome {
            Outcome::Exempt => NonCollectionOutcome::Exempt,
            Outcome::NotSubject => NonCollectionOutcome::NotSubject,
            Outcome::Collect => return Err(FlowError::WrongStep(self.step)),
        };
        let (kind, service) = self.applicant.ok_or(FlowError::WrongStep(self.step))?;
        let answers = &stage.answers;
        let birth_date = self
            .identity()
            .ok_or(FlowError::WrongStep(self.step))?
            .birth_date;
        let record = NonCollection {
            registry: kind.registry(),
            person: self.person()?,
            outcome,
            grounds: stage.decision.eligibility.ground_codes(),
            service,
            medical_conclusion: answers
                .medical(birth_date, self.application_date)
                .map_err(FlowError::Fields)?,
            reciprocity_category: answers.exemption_category,
            reciprocity: answers.reciprocity,
            family_member: answers.family_member,
            passport_kind: answers.passport_kind,
            courier_sheet: answers.courier_sheet,
            lacks_all_fingers_or_palms: answers.lacks_all_fingers_or_palms,
            decided_on: self.application_date,
        };
        let id = store.record_non_collection(self.officer_id, &record)?;
        let completion = Completion::NotCollected {
            registry: kind.registry(),
            id,
            outcome,
        };
        self.finish(completion);
        Ok(completion)
    }

    /// The capture step (п.10, п.13): the session is made on first entry
    /// with the mission's quality policy and the device's capabilities, and
    /// kept when the officer steps back and forth. A re-fingerprinting of a
    /// record with palms retakes the palms too.
    pub fn start_capture(
        &mut self,
        policy: QualityPolicy,
        capabilities: Capabilities,
    ) -> Result<&mut CaptureSession, FlowError> {
        self.expect(Step::Capture)?;
        let palms_too = self.purpose() != Purpose::Enrol
            && self.previous().is_some_and(PreviousRecord::has_palms);
        Ok(self.capture.get_or_insert_with(|| {
            if palms_too {
                CaptureSession::refingerprint(policy, capabilities, true)
            } else {
                CaptureSession::new(policy, capabilities)
            }
        }))
    }

    pub fn capture(&self) -> Option<&CaptureSession> {
        self.capture.as_ref()
    }

    pub fn capture_mut(&mut self) -> Option<&mut CaptureSession> {
        self.capture.as_mut()
    }

    /// On from the capture. When the officer's exceptions show that the
    /// person lacks all fingers or both palms, the case becomes the п.4.4
    /// exemption (a legal outcome, recorded as one) and goes to its
    /// decision. Otherwise, once every position the plan needs is taken (or
    /// the plan is the defect mark alone), the fingers are searched among
    /// everyone enrolled; a match under another identity stops the flow at
    /// [`Step::Duplicates`].
    pub fn finish_capture(&mut self, books: &mut impl Books) -> Result<(), FlowError> {
        let store = books.store_mut();
        self.expect(Step::Capture)?;
        let capture = self.capture.as_ref().ok_or(FlowError::CaptureIncomplete)?;
        if capture.lacks_all_fingers_or_palms() && self.purpose() == Purpose::Enrol {
            let mut answers = self.answers().cloned().unwrap_or_default();
            answers.lacks_all_fingers_or_palms = true;
            self.step = Step::Eligibility;
            self.answer_eligibility(answers)?;
            return Ok(());
        }
        if !capture.is_complete() {
            return Err(FlowError::CaptureIncomplete);
        }
        let fingers = capture.finger_templates();
        let revision = capture.revision();
        let identity = self
            .identity
            .as_ref()
            .ok_or(FlowError::WrongStep(self.step))?;
        let mut previous: Vec<RegistrationId> = identity
            .hits
            .iter()
            .filter_map(|hit| match hit.source {
                LookupSource::Registration { registry, id } => {
                    Some(RegistrationId { registry, id })
                }
                LookupSource::ImportedMark { .. } => None,
            })
            .collect();
        // A person enrolled afresh as "another person" after a failed
        // verification is searched against that record too.
        if let Some(AfterFailure::AnotherPerson { .. }) =
            self.verification.as_ref().and_then(|v| v.after_failure)
            && let Some(rid) = self.previous().and_then(PreviousRecord::registration)
        {
            previous.retain(|p| *p != rid);
        }
        let claimed = duplicates::Claimed {
            identity: &identity.identity,
            previous: &previous,
        };
        let outcome = duplicates::find_duplicates(store, self.officer_id, &fingers, &claimed)?;
        self.duplicates = Some(DuplicateStage {
            revision,
            candidates: outcome.candidates,
            skipped_templates: outcome.skipped_templates,
            overridden_by: None,
        });
        self.advance_from(Step::Capture);
        Ok(())
    }

    /// The persons the duplicate check found under another identity.
    pub fn duplicates(&self) -> &[DuplicateCandidate] {
        self.duplicates_current()
            .map_or(&[], |d| d.candidates.as_slice())
    }

    /// How many stored templates the duplicate check could not read: the
    /// persons they belong to were not searched (the officer is told).
    pub fn duplicate_check_skipped(&self) -> usize {
        self.duplicates_current().map_or(0, |d| d.skipped_templates)
    }

    /// A supervisor lets the enrolment go on despite the duplicate
    /// candidates (audited once per candidate, by the supervisor).
    pub fn override_duplicates(
        &mut self,
        books: &mut impl Books,
        login: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<(), FlowError> {
        let store = books.store_mut();
        self.expect(Step::Duplicates)?;
        let supervisor = supervisor_sign_in(store, login, password, now)?;
        let Some(stage) = self.duplicates.as_mut() else {
            return Err(FlowError::WrongStep(self.step));
        };
        for candidate in &stage.candidates {
            store.audit(
                AuditEvent::new(AuditAction::DuplicateOverridden)
                    .by(supervisor)
                    .on(candidate.registration.registry, candidate.registration.id),
            )?;
        }
        stage.overridden_by = Some(supervisor);
        self.advance_from(Step::Duplicates);
        Ok(())
    }

    /// The supervisor who let the enrolment go on despite duplicate
    /// candidates.
    pub fn duplicates_overridden_by(&self) -> Option<i64> {
        self.duplicates_current().and_then(|d| d.overridden_by)
    }

    /// How the verification step (п.11) verifies this person.
    pub fn verification_method(&self) -> Option<VerificationMethod> {
        self.verification.as_ref().map(|v| v.method)
    }

    /// The verification step (п.11) by fingers or palms against the
    /// previous registration.
    pub fn start_verification(
        &mut self,
        policy: &VerificationPolicy,
    ) -> Result<&mut VerificationSession, FlowError> {
        self.expect(Step::Verification)?;
        let previous = self
            .previous()
            .cloned()
            .ok_or(FlowError::WrongStep(self.step))?;
        let stage = self
            .verification
            .as_mut()
            .ok_or(FlowError::WrongStep(self.step))?;
        if stage.session.is_none() {
            stage.session = match stage.method {
                VerificationMethod::Fingers => {
                    VerificationSession::new(previous.source, previous.fingers, policy)
                }
                VerificationMethod::Palms => {
                    let palms = previous
                        .palms
                        .iter()
                        .filter_map(|(p, image)| Some((*p, palm_template(image).ok()?)))
                        .collect();
                    VerificationSession::palms(previous.source, palms)
                }
                VerificationMethod::Documents => None,
            };
        }
        stage
            .session
            .as_mut()
            .ok_or(FlowError::WrongStep(Step::Verification))
    }

    pub fn verification(&self) -> Option<&VerificationSession> {
        self.verification.as_ref().and_then(|v| v.session.as_ref())
    }

    pub fn verification_mut(&mut self) -> Option<&mut VerificationSession> {
        self.verification.as_mut().and_then(|v| v.session.as_mut())
    }

    /// The verdict of the verification, once recorded.
    pub fn verified(&self) -> Option<bool> {
        self.verification.as_ref().and_then(|v| v.verified)
    }

    /// The verdict with every position compared (fingers or palms).
    pub fn verdict(&self) -> Option<&Verdict> {
        self.verification().and_then(VerificationSession::verdict)
    }

    /// The previous registration the verification is against.
    pub fn enrolled_registration(&self) -> Option<RegistrationId> {
        self.previous().and_then(PreviousRecord::registration)
    }

    /// Records the verification's result (п.11). Verified: the flow ends
    /// here (unless the officer re-fingerprints, see
    /// [`Desk::refingerprint_verified`]). Not verified: the case waits for
    /// the officer's next move (re-fingerprinting with a supervisor, or the
    /// end of the case).
    pub fn finish_verification(
        &mut self,
        books: &mut impl Books,
        at: DateTime<Utc>,
    ) -> Result<VerificationState, FlowError> {
        let store = books.store_mut();
        self.expect(Step::Verification)?;
        let session = self
            .verification()
            .ok_or(FlowError::VerificationUnfinished)?;
        let state = session.state();
        if state == VerificationState::Capturing {
            return Err(FlowError::VerificationUnfinished);
        }
        let record = session
            .record(self.officer_id, at)
            .ok_or(FlowError::VerificationUnfinished)?;
        let against = session.against();
        let method = session.method();
        self.record_verdict(store, against, method, &record)?;
        Ok(state)
    }

    fn record_verdict(
        &mut self,
        store: &mut Store,
        against: LookupSource,
        method: VerificationMethod,
        record: &VerificationRecord,
    ) -> Result<(), FlowError> {
        store.record_verification(against, record)?;
        if let Some(stage) = self.verification.as_mut() {
            stage.verified = Some(record.verified);
        }
        if record.verified {
            self.finish(Completion::Verified { against, method });
        }
        Ok(())
    }

    /// The previous record holds no print to compare (an imported mark, a
    /// defect mark, no readable templates): the officer confirms identity
    /// by the documents, naming the document seen (п.11).
    pub fn confirm_by_documents(
        &mut self,
        books: &mut impl Books,
        document: &str,
        at: DateTime<Utc>,
    ) -> Result<(), FlowError> {
        let store = books.store_mut();
        self.expect(Step::Verification)?;
        if self.verification_method() != Some(VerificationMethod::Documents) {
            return Err(FlowError::WrongStep(self.step));
        }
        if document.trim().is_empty() {
            return Err(FlowError::Fields(vec![FieldError::new(
                "document_seen",
                "field-required",
            )]));
        }
        let against = self
            .previous()
            .map(|p| p.source)
            .ok_or(FlowError::WrongStep(self.step))?;
        let record = VerificationRecord {
            verified_at: at,
            officer_id: self.officer_id,
            method: VerificationMethod::Documents,
            positions: Vec::new(),
            scores: Vec::new(),
            threshold: 0.0,
            verified: true,
            document: Some(document.trim().to_string()),
        };
        self.record_verdict(store, against, VerificationMethod::Documents, &record)
    }

    /// After a verified person: re-fingerprint his record (п.13) — a
    /// temporary defect mark, damaged or healed fingers.
    pub fn refingerprint_verified(&mut self) -> Result<(), FlowError> {
        let local = self.enrolled_registration().is_some();
        let Some(stage) = self.verification.as_mut() else {
            return Err(FlowError::WrongStep(self.step));
        };
        if stage.verified != Some(true) || !local {
            return Err(FlowError::WrongStep(self.step));
        }
        stage.refingerprint = true;
        self.completion = None;
        self.step = Step::Capture;
        Ok(())
    }

    /// A failed verification because fingers are damaged (п.13): a
    /// supervisor confirms identity by the documents and the existing
    /// record is re-fingerprinted — never a second registration.
    pub fn refingerprint_after_failure(
        &mut self,
        books: &mut impl Books,
        login: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<(), FlowError> {
        let store = books.store_mut();
        let rid = self
            .enrolled_registration()
            .ok_or(FlowError::WrongStep(self.step))?;
        let supervisor = self.failed_verification_supervisor(store, login, password, now)?;
        store.audit(
            AuditEvent::new(AuditAction::VerificationOverridden)
                .by(supervisor)
                .on(rid.registry, rid.id),
        )?;
        if let Some(stage) = self.verification.as_mut() {
            stage.after_failure = Some(AfterFailure::Refingerprint { supervisor });
        }
        self.advance_from(Step::Verification);
        Ok(())
    }

    /// A failed verification where the supervisor finds the applicant is
    /// another person with the same particulars: enrolled afresh (the
    /// duplicate check still compares him with the record found).
    pub fn enrol_as_another_person(
        &mut self,
        books: &mut impl Books,
        login: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<(), FlowError> {
        let store = books.store_mut();
        let supervisor = self.failed_verification_supervisor(store, login, password, now)?;
        let (registry, record) = match self.previous().map(|p| p.source) {
            Some(
                LookupSource::Registration { registry, id }
                | LookupSource::ImportedMark { registry, id },
            ) => (registry, id),
            None => return Err(FlowError::WrongStep(self.step)),
        };
        store.audit(
            AuditEvent::new(AuditAction::VerificationOverridden)
                .by(supervisor)
                .on(registry, record),
        )?;
        if let Some(stage) = self.verification.as_mut() {
            stage.after_failure = Some(AfterFailure::AnotherPerson { supervisor });
        }
        self.advance_from(Step::Verification);
        Ok(())
    }

    fn failed_verification_supervisor(
        &mut self,
        store: &mut Store,
        login: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, FlowError> {
        self.expect(Step::Verification)?;
        if self.verified() != Some(false) {
            return Err(FlowError::VerificationUnfinished);
        }
        supervisor_sign_in(store, login, password, now)
    }

    /// The supervisor who let the case go on after a failed verification.
    pub fn verification_overridden_by(&self) -> Option<i64> {
        match self.verification.as_ref()?.after_failure? {
            AfterFailure::Refingerprint { supervisor }
            | AfterFailure::AnotherPerson { supervisor } => Some(supervisor),
        }
    }

    /// Ends a case whose verification failed, with nothing registered.
    pub fn close_not_verified(&mut self) -> Result<(), FlowError> {
        self.expect(Step::Verification)?;
        if self.verified() != Some(false) {
            return Err(FlowError::VerificationUnfinished);
        }
        let against = self
            .previous()
            .map(|p| p.source)
            .ok_or(FlowError::WrongStep(self.step))?;
        self.finish(Completion::NotVerified { against });
        Ok(())
    }

    /// Step 7 (п.7): the personal data of the registry concerned.
    pub fn set_personal_data(&mut self, form: &PersonalForm) -> Result<(), FlowError> {
        self.expect(Step::PersonalData)?;
        let (kind, service) = self.applicant.ok_or(FlowError::WrongStep(self.step))?;
        let identity = self.identity().ok_or(FlowError::WrongStep(self.step))?;
        let data = form
            .validate_for(kind, service, identity, self.application_date)
            .map_err(FlowError::Fields)?;
        self.personal = Some(data);
        self.advance_from(Step::PersonalData);
        Ok(())
    }

    /// The personal data entered at step 7.
    pub fn personal_data(&self) -> Option<&PersonalData> {
        self.personal.as_ref()
    }

    /// What will be saved: the date and basis of registration are the
    /// system's (п.7); the officer is the one signed in. Built from the
    /// answers in force only: the representative is there only when the
    /// decision asks for one.
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
        let representative = match (self.representative_kind(), &self.representative) {
            (Some(kind), Some(rep)) if rep.kind == kind => Some(rep.clone()),
            (Some(_), _) => return Err(FlowError::Representation(vec!["kind"])),
            (None, _) => None,
        };
        Ok(NewRegistration {
            personal,
            basis: RegistrationBasis {
                paragraph_number: 3,
                paragraph_sub: if kind == ApplicantKind::Citizen { 1 } else { 2 },
                service,
            },
            registered_on: self.application_date,
            biometrics: capture.records(),
            representative,
            defect_mark: capture.defect_mark(),
        })
    }

    /// Step 8: saves what the review shows in one transaction and ends the
    /// flow — a new registration, or the new biometric set of a
    /// re-fingerprinting (п.13) with the officer's reason.
    pub fn save(&mut self, books: &mut impl Books) -> Result<Completion, FlowError> {
        let store = books.store_mut();
        self.save_with_reason(store, "")
    }

    /// [`Desk::save`], with the reason of a re-fingerprinting (п.13).
    pub fn save_with_reason(
        &mut self,
        books: &mut impl Books,
        reason: &str,
    ) -> Result<Completion, FlowError> {
        let store = books.store_mut();
        self.expect(Step::Review)?;
        if !self.path().contains(&Step::Review) {
            return Err(FlowError::WrongStep(self.step));
        }
        let completion = match self.purpose() {
            Purpose::Enrol => {
                let registration = self.review()?;
                let id = store.save_registration(self.officer_id, &registration)?;
                Completion::Registered {
                    id,
                    refingerprint_next_time: registration
                        .defect_mark
                        .is_some_and(|m| m.refingerprint_next_time()),
                }
            }
            Purpose::Refingerprint(id) => {
                if reason.trim().is_empty() {
                    return Err(FlowError::Fields(vec![FieldError::new(
                        "reason",
                        "field-required",
                    )]));
                }
                let capture = self.capture.as_ref().ok_or(FlowError::CaptureIncomplete)?;
                if !capture.is_complete() {
                    return Err(FlowError::CaptureIncomplete);
                }
                let request = ChangeRequest {
                    applicant: ChangeApplicant::Person,
                    reason: reason.trim().to_string(),
                    on: self.application_date,
                    applicant_document: None,
                };
                let set = store.refingerprint(
                    self.officer_id,
                    id,
                    &capture.records(),
                    capture.defect_mark(),
                    &request,
                )?;
                Completion::Refingerprinted { id, set }
            }
        };
        self.finish(completion);
        Ok(completion)
    }

    /// The previous registration carries a temporary defect mark (п.10):
    /// re-fingerprint at this application (п.13).
    pub fn refingerprint_due(&self) -> Option<RegistrationId> {
        self.previous()
            .filter(|p| p.refingerprint_due())
            .and_then(PreviousRecord::registration)
    }

    fn person(&self) -> Result<PersonIdentity, FlowError> {
        let identity = self.identity().ok_or(FlowError::WrongStep(self.step))?;
        Ok(PersonIdentity {
            name: identity.name.clone(),
            birth_date: identity.birth_date,
            iin: identity.iin.clone(),
            document_number: identity.document_number.clone(),
        })
    }

    /// A citizen's service that replaces or restores a passport: the
    /// previous passport's facts are required (п.7.1).
    pub fn previous_passport_required(&self) -> bool {
        matches!(
            self.applicant,
            Some((
                ApplicantKind::Citizen,
                Service::Passport(PassportService::Restoration | PassportService::Replacement)
            ))
        )
    }
}

/// The parts of a representation that are missing (п.8, п.9).
fn representative_missing(
    representative: &Representative,
    needed: RepresentativeKind,
) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if representative.kind != needed {
        missing.push("kind");
    }
    if representative.name.surname.trim().is_empty() || representative.name.name.trim().is_empty() {
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
    missing
}
