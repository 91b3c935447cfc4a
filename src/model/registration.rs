use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    CitizenPersonalData, ExceptionReason, ForceReason, ForeignerPersonalData, FullName,
    ImpressionKind, Permanence, Position, Registry, Representative, Service,
};

/// The personal data of one registry (п.7.1 or п.7.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "registry")]
pub enum PersonalData {
    Citizen(CitizenPersonalData),
    Foreigner(ForeignerPersonalData),
}

impl PersonalData {
    pub fn registry(&self) -> Registry {
        match self {
            PersonalData::Citizen(_) => Registry::Citizen,
            PersonalData::Foreigner(_) => Registry::Foreigner,
        }
    }

    pub fn name(&self) -> &FullName {
        match self {
            PersonalData::Citizen(c) => &c.name,
            PersonalData::Foreigner(f) => &f.name,
        }
    }

    pub fn birth_date(&self) -> NaiveDate {
        match self {
            PersonalData::Citizen(c) => c.birth_date,
            PersonalData::Foreigner(f) => f.birth_date,
        }
    }
}

/// The basis of a dactyloscopic registration (п.7): the п.3 ground and the
/// service the person applied for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationBasis {
    /// `3.1` for citizens, `3.2` for visa applicants.
    pub paragraph_number: u8,
    pub paragraph_sub: u8,
    pub service: Service,
}

/// A minutiae template and the format it is written in.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// e.g. `iso19794-2:2011`.
    pub format: String,
    pub data: Vec<u8>,
}

impl std::fmt::Debug for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Template({}, {} bytes)", self.format, self.data.len())
    }
}

/// An impression kept for a position: a lossless image and what was derived
/// from it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapturedImpression {
    /// PNG, 8-bit grayscale; `None` once the image was delivered to the
    /// registry and purged after the retention period (the template stays
    /// for п.11 verification and the duplicate check).
    pub png: Option<Vec<u8>>,
    /// Resolution in pixels per inch (500 for the usual scanners).
    pub ppi: u16,
    /// Quality 0–100.
    pub quality: u8,
    pub template: Option<Template>,
}

impl std::fmt::Debug for CapturedImpression {
    // Biometric data never goes to logs or panic messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CapturedImpression")
            .field("png_bytes", &self.png.as_ref().map(Vec::len))
            .field("ppi", &self.ppi)
            .field("quality", &self.quality)
            .field("template", &self.template)
            .finish()
    }
}

/// One position of a registration: captured, or excepted with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BiometricRecord {
    pub position: Position,
    pub impression: ImpressionKind,
    /// `None` when the position is excepted.
    pub capture: Option<CapturedImpression>,
    pub exception: Option<ExceptionReason>,
    /// Attempts made at this position.
    pub attempts: u8,
    /// Accepted below the quality threshold after the last allowed attempt.
    pub force_captured: bool,
    /// Why it was force-captured (absent in records made before the reason
    /// was asked for).
    #[serde(default)]
    pub force_reason: Option<ForceReason>,
    pub device_id: Option<String>,
    pub captured_at: Option<DateTime<Utc>>,
}

/// The mark about physical defects that prevent printing (п.10).
///
/// A *factual impossibility* found at capture, recorded as such: never an
/// exemption (п.4), which is a legal outcome decided before capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DefectMark {
    /// The fingers cannot be printed.
    pub fingers: bool,
    /// The palms cannot be printed either.
    pub palms: bool,
    /// Permanent only when every reason behind the mark is permanent;
    /// otherwise temporary: re-fingerprint at the next application.
    pub permanence: Permanence,
}

impl DefectMark {
    /// The mark must be followed up at the person's next application.
    pub fn refingerprint_next_time(&self) -> bool {
        self.permanence != Permanence::Permanent
    }
}

/// Everything saved, in one transaction, when a registration is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRegistration {
    pub personal: PersonalData,
    pub basis: RegistrationBasis,
    /// Date of the dactyloscopic registration (п.7).
    pub registered_on: NaiveDate,
    pub biometrics: Vec<BiometricRecord>,
    pub representative: Option<Representative>,
    pub defect_mark: Option<DefectMark>,
}

/// Who asked for a change to a stored record (п.12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeApplicant {
    /// The registered person.
    Person,
    LegalRepresentative,
    Guardian,
    /// No one applied: the officer discovered false (erroneous) information.
    ErroneousDataDiscovered,
}

/// Why a stored record was changed (п.12, п.13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRequest {
    pub applicant: ChangeApplicant,
    pub reason: String,
    pub on: NaiveDate,
    /// The identity document of the legal representative or guardian who
    /// applied (п.12).
    #[serde(default)]
    pub applicant_document: Option<String>,
}
