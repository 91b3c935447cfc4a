//! The central systems' marks of registrations made elsewhere (п.11): a
//! signed file (`BEDER-MARKS 1`, one line of JSON, the central key's
//! Ed25519 signature — the envelope of the acknowledgments), for one
//! mission and mode. Each mark has the central system's id, so that a mark
//! sent again is a duplicate or an update, never a second person.

use chrono::NaiveDate;
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use super::ack::{AckError, Addressed, open_addressed, seal_envelope};
use crate::model::{FullName, Registry};
use crate::store::{PersonIdentity, RegistrationMark, unhex};

pub const MAGIC: &str = "BEDER-MARKS 1\n";
pub const MAX_MARKS_BYTES: u64 = 512 * 1024 * 1024;

/// One finger's ISO/IEC 19794-2 template, hex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkTemplate {
    pub position: u8,
    pub iso_hex: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CentralMark {
    pub central_id: String,
    /// `citizen` or `foreigner`.
    pub registry: String,
    pub surname: String,
    pub name: String,
    #[serde(default)]
    pub patronymic: Option<String>,
    pub birth_date: NaiveDate,
    #[serde(default)]
    pub iin: Option<String>,
    #[serde(default)]
    pub document_number: Option<String>,
    pub registered_on: NaiveDate,
    /// Where the person was registered, as the officer reads it.
    pub source: String,
    #[serde(default)]
    pub templates: Vec<MarkTemplate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarksFile {
    pub mode: String,
    pub mission_key: String,
    pub issued_at: String,
    pub marks: Vec<CentralMark>,
}

/// What the central side does: signs a file of marks.
pub fn sign(file: &MarksFile, key: &SigningKey) -> Vec<u8> {
    seal_envelope(MAGIC, file, key)
}

impl Addressed for MarksFile {
    fn mission_key(&self) -> &str {
        &self.mission_key
    }
    fn mode(&self) -> &str {
        &self.mode
    }
}

/// Verifies a file of marks and turns it into the store's marks, by
/// registry.
pub fn verify(
    bytes: &[u8],
    central: &VerifyingKey,
    mission_key: &str,
    mode: &str,
) -> Result<Vec<(Registry, RegistrationMark)>, AckError> {
    let file: MarksFile = open_addressed(MAGIC, bytes, central, mission_key, mode)?;
    file.marks
        .into_iter()
        .map(|m| {
            let registry = match m.registry.as_str() {
                "citizen" => Registry::Citizen,
                "foreigner" => Registry::Foreigner,
                _ => return Err(AckError::NotAnAck),
            };
            let templates = m
                .templates
                .iter()
                .map(|t| Ok((t.position, unhex(&t.iso_hex).ok_or(AckError::NotAnAck)?)))
                .collect::<Result<Vec<_>, AckError>>()?;
            Ok((
                registry,
                RegistrationMark {
                    person: PersonIdentity {
                        name: FullName {
                            surname: m.surname,
                            name: m.name,
                            patronymic: m.patronymic,
                        },
                        birth_date: m.birth_date,
                        iin: m.iin,
                        document_number: m.document_number,
                    },
                    registered_on: m.registered_on,
                    source: m.source,
                    templates,
                    central_id: Some(m.central_id),
                },
            ))
        })
        .collect()
}
