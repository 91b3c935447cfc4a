use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{EncodedImage, FullName, IdentityDocument};

/// Whose presence the registration needs besides the applicant's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepresentativeKind {
    /// The legal representative of a citizen aged 12 to 16 (п.8).
    LegalRepresentative,
    /// The guardian of a person declared legally incapable by a court (п.9).
    Guardian,
}

/// The document confirming the representative's authority or the
/// guardianship (п.8, п.9): birth certificate, court decision, guardianship
/// authority's act…
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuthorityDocument {
    /// What the document is, as written on it.
    pub title: String,
    pub number: String,
    pub issue_date: NaiveDate,
    pub issuing_authority: String,
}

/// The representative's written application in the form of Annex 1 to the
/// Registration Rules (п.8, п.9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenApplication {
    pub received: bool,
    pub date: NaiveDate,
    #[serde(default)]
    pub number: Option<String>,
    /// The scanned application, if one was made.
    #[serde(default)]
    pub scan: Option<EncodedImage>,
    /// The version of the Annex-1 form printed for signature (its language
    /// and the digest of its wording), when the kiosk printed it.
    #[serde(default)]
    pub printed_form: Option<String>,
}

/// A legal representative or guardian present at the registration (п.8, п.9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    pub kind: RepresentativeKind,
    pub name: FullName,
    pub identity_document: IdentityDocument,
    pub authority_document: AuthorityDocument,
    pub written_application: WrittenApplication,
}
