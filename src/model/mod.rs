//! Plain data of the domain: who applies, for what, with which documents,
//! and the vocabulary of fingerprinting. No I/O, no rules, no clock.
//!
//! Serde names are `snake_case` everywhere: they are the words of the
//! headless commands' JSON and of the store.

mod applicant;
mod biometric;
mod country;
mod exemption;
mod officer;
mod person;
mod registration;
mod representative;

pub use applicant::{
    ApplicantKind, PassportKind, PassportService, Registry, Service, VisaApplication,
};
pub use biometric::{
    ExceptionReason, FingerPosition, ForceReason, Hand, ImpressionKind, PalmPosition, Permanence,
    Position, SlapPosition,
};
pub use country::{COUNTRY_CODES, KAZAKHSTAN_CODE, country_code, country_message_key};
pub use exemption::{MedicalConclusion, ReciprocityCategory};
pub use officer::{Officer, OfficerRole};
pub use person::{
    CitizenPersonalData, EncodedImage, ForeignerPersonalData, FullName, IdentityDocument,
    ImageFormat, PreviousPassport, Sex,
};
pub use registration::{
    BiometricRecord, CapturedImpression, ChangeApplicant, ChangeRequest, DefectMark,
    NewRegistration, PersonalData, RegistrationBasis, Template,
};
pub use representative::{
    AuthorityDocument, Representative, RepresentativeKind, WrittenApplication,
};
