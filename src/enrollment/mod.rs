//! The desk flow as a state machine (п.3–п.11): applicant and service →
//! identity and look-up → eligibility → representation → consent → capture
//! (or, for a person registered before, verification) → personal data →
//! review and save. UI-free and SQL-free apart from the store calls it
//! makes; the kiosk renders [`Desk::step`] and sends events. A registration
//! is saved only from the review step, after the capture step is complete
//! (prints, or the п.10 defect mark).

mod books;
mod capture;
mod desk;
mod duplicates;
mod forms;
pub mod office;
mod personal;
mod photo;
mod previous;
mod records;
pub mod seed;
mod settings;
mod verification;

pub use crate::biometrics::matcher::SequenceIssue;
pub use crate::biometrics::quality::QualityPolicy;
/// What the books hold, as the screens and the flows name it: the store's
/// records, reports and errors pass through enrollment unchanged.
pub use crate::store::{
    AuditAction, AuditEntry, AuditFilter, AuditVerification, AuthError, Badge, BiometricVersion,
    Bucket, ChangeInfo, ChangeKind, CheckFigures, CountRow, DayCase, DaySummary, DecisionMeta,
    FoundRecord, Grouping, KdfParams, LookupQuery, LookupSource, Mode, NewOfficer, NonCollection,
    NonCollectionOutcome, OfficerRates, OutboxItem, OutboxKind, OutboxState, OutboxSummary, Period,
    PersonalDataVersion, PurgeReport, Refusal, Registration, RegistrationId, SearchHit,
    SignInActivity, SignedIn, StoreError, VerificationMethod,
};
pub use books::{Books, Office};
pub use capture::{
    Applied, CaptureProblem, CaptureRunner, CaptureSession, FINGER_ORDER, Impression,
    ProcessedCapture, RunnerEvent, SLAP_ORDER, Slot, SlotStatus, TEMPLATE_FORMAT, process_image,
    request_key,
};
pub use desk::{Completion, ConsentAnswer, Desk, Discards, Purpose, Step, StepState};
pub use duplicates::{DuplicateCandidate, gallery_from_store, warm_gallery, with_gallery};
pub use personal::{KAZAKHSTAN, PersonalForm};
pub use photo::{
    Crop, FACE_AREA_SHARE, LIGHT_BACKGROUND, MAX_FILE_BYTES, PHOTO_SIZE, PhotoChecks, PhotoError,
    PhotoSource, SIGNATURE_SIZE, SignaturePad, face_guide, import_signature,
};
pub use previous::PreviousRecord;
pub use records::{
    CorrectionForm, FieldValue, RefingerprintFlow, RefingerprintStep, applicant_kind,
    changed_fields, version_fields,
};
pub use settings::{MissionSettings, SettingsForm, Theme, outbox_overdue};
pub use verification::{
    PositionScore, Verdict, VerificationPolicy, VerificationSession, VerificationState,
};

use chrono::{DateTime, Utc};
use thiserror::Error;

pub use forms::{
    EligibilityAnswers, FieldError, IdentityForm, RepresentativeForm, ValidIdentity,
    parse_form_date,
};

use crate::model::OfficerRole;
use crate::store::{LockoutPolicy, Store};

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

/// The matcher of the desk: the sequence check at capture, verification
/// (п.11) and the duplicate check compare with it. One home, so that no
/// screen chooses a matcher of its own.
pub fn desk_matcher() -> crate::biometrics::mcc::Mcc {
    crate::biometrics::mcc::Mcc
}
