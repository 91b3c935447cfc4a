use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Sex as the registries and the IIN record it (п.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// Surname, name and patronymic "if any" (п.7).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FullName {
    pub surname: String,
    pub name: String,
    #[serde(default)]
    pub patronymic: Option<String>,
}

/// An identity document: number, issue and expiry dates, issuing authority
/// (п.7.2; the same four facts describe a citizen's previous passport, п.7.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdentityDocument {
    pub number: String,
    pub issue_date: NaiveDate,
    pub expiry_date: NaiveDate,
    pub issuing_authority: String,
}

/// A citizen's previous passport (п.7.1): the same facts as any identity document.
pub type PreviousPassport = IdentityDocument;

/// Image encodings the kiosk accepts for photos, signatures and scans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    Png,
    Jpeg,
}

/// An image kept as its encoded bytes (photo, signature, scanned document).
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EncodedImage {
    pub format: ImageFormat,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for EncodedImage {
    // Never dump personal images into logs or panic messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "EncodedImage({:?}, {} bytes)",
            self.format,
            self.bytes.len()
        )
    }
}

/// The personal data entered into the citizen registry after fingerprinting
/// (п.7.1). The ten-finger information, the date and basis of registration and
/// the officer live beside it in the registration, not here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenPersonalData {
    /// Surname, name, patronymic (if any).
    pub name: FullName,
    pub birth_date: NaiveDate,
    /// Place of birth: recorded for citizens only.
    pub birth_place: String,
    pub sex: Sex,
    /// Ethnicity, **only if the citizen wishes** it recorded.
    #[serde(default)]
    pub ethnicity: Option<String>,
    pub citizenship: String,
    /// Photograph matching the age at application (~75 % face, light
    /// background, neutral, mouth closed, frontal).
    pub photo: Option<EncodedImage>,
    /// Number, issue and expiry dates, and issuing authority of the previous
    /// passport — absent at a first issue.
    #[serde(default)]
    pub previous_passport: Option<PreviousPassport>,
    /// The passport holder's signature.
    pub signature: Option<EncodedImage>,
    /// Individual identification number, if any.
    #[serde(default)]
    pub iin: Option<String>,
}

/// The personal data entered into the foreigner registry (п.7.2): no place of
/// birth, ethnicity, signature or IIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignerPersonalData {
    pub name: FullName,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    /// Citizenship; `None` for a stateless person (п.2.1).
    pub citizenship: Option<String>,
    pub photo: Option<EncodedImage>,
    /// Number, issue and expiry dates, issuing authority of the identity document.
    pub identity_document: IdentityDocument,
}
