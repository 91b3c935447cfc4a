//! The central system's acknowledgment: which TCNs it accepted, which it
//! rejected and why. A signed JSON, not an ANSI/NIST response transaction:
//! the answer is about many transactions of many packages at once, the
//! central side already reads the package's JSON manifest, and a JSON
//! signed with Ed25519 is verified by a dozen lines on either side.
//!
//! ```text
//! "BEDER-ACK 1\n"
//! one line of JSON (the acknowledgment), "\n"
//! the Ed25519 signature of those two lines, hex, "\n"
//! ```

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::store::{hex, unhex};

pub const MAGIC: &str = "BEDER-ACK 1\n";
/// The largest acknowledgment read.
pub const MAX_ACK_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum AckError {
    #[error("not an acknowledgment of the central system")]
    NotAnAck,
    #[error(
        "the acknowledgment's signature does not verify: it was changed, or not made by the configured central system"
    )]
    BadSignature,
    #[error("the acknowledgment is for another mission")]
    OtherMission,
    #[error("the acknowledgment is for the {0} database")]
    OtherMode(String),
    #[error("the central system's signing key cannot be used: {0}")]
    Key(String),
}

/// The central system's answer about one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub tcn: String,
    pub accepted: bool,
    /// Why it was rejected (shown to the officers).
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acknowledgment {
    /// `live` or `training`.
    pub mode: String,
    /// The mission's public key (hex) the answers are for.
    pub mission_key: String,
    pub issued_at: String,
    pub answers: Vec<Answer>,
}

/// `N` bytes from hex text.
fn unhex_n<const N: usize>(text: &str) -> Option<[u8; N]> {
    unhex(text.trim())?.try_into().ok()
}

/// A verifying key from its hex.
pub fn verifying_key(text: &str) -> Result<VerifyingKey, AckError> {
    let bytes = unhex_n::<32>(text).ok_or_else(|| AckError::Key("not 32 bytes of hex".into()))?;
    VerifyingKey::from_bytes(&bytes).map_err(|e| AckError::Key(e.to_string()))
}

/// A signing key from its hex (the central side's secret).
pub fn signing_key(text: &str) -> Result<SigningKey, AckError> {
    let bytes = unhex_n::<32>(text).ok_or_else(|| AckError::Key("not 32 bytes of hex".into()))?;
    Ok(SigningKey::from_bytes(&bytes))
}

/// Signs `value` as one line of JSON under `magic`: what the central side
/// does.
pub(crate) fn seal_envelope<T: Serialize>(magic: &str, value: &T, key: &SigningKey) -> Vec<u8> {
    // Serializing a plain struct of strings, numbers and booleans does not
    // fail.
    let json = serde_json::to_string(value).unwrap_or_default();
    let body = format!("{magic}{json}\n");
    let signature = key.sign(body.as_bytes());
    format!("{body}{}\n", hex(&signature.to_bytes())).into_bytes()
}

/// What every envelope from the central side says it is for.
pub(crate) trait Addressed {
    fn mission_key(&self) -> &str;
    fn mode(&self) -> &str;
}

/// An envelope under `magic`, its signature by `central` verified, read as
/// `T`, and for this mission and mode.
pub(crate) fn open_addressed<T: serde::de::DeserializeOwned + Addressed>(
    magic: &str,
    bytes: &[u8],
    central: &VerifyingKey,
    mission_key: &str,
    mode: &str,
) -> Result<T, AckError> {
    let json = open_envelope(magic, bytes, central)?;
    let value: T = serde_json::from_str(json).map_err(|_| AckError::NotAnAck)?;
    if !value.mission_key().eq_ignore_ascii_case(mission_key) {
        return Err(AckError::OtherMission);
    }
    if value.mode() != mode {
        return Err(AckError::OtherMode(value.mode().to_string()));
    }
    Ok(value)
}

/// The JSON line of an envelope under `magic`, once its signature by
/// `central` verifies.
fn open_envelope<'a>(
    magic: &str,
    bytes: &'a [u8],
    central: &VerifyingKey,
) -> Result<&'a str, AckError> {
    let text = std::str::from_utf8(bytes).map_err(|_| AckError::NotAnAck)?;
    let rest = text.strip_prefix(magic).ok_or(AckError::NotAnAck)?;
    let (json, signature) = rest.split_once('\n').ok_or(AckError::NotAnAck)?;
    let body_len = magic.len() + json.len() + 1;
    let signature =
        unhex_n::<64>(signature.trim_end_matches('\n')).ok_or(AckError::BadSignature)?;
    central
        .verify(&bytes[..body_len], &Signature::from_bytes(&signature))
        .map_err(|_| AckError::BadSignature)?;
    Ok(json)
}

/// What the central side does: signs an acknowledgment.
pub fn sign(ack: &Acknowledgment, key: &SigningKey) -> Vec<u8> {
    seal_envelope(MAGIC, ack, key)
}

impl Addressed for Acknowledgment {
    fn mission_key(&self) -> &str {
        &self.mission_key
    }
    fn mode(&self) -> &str {
        &self.mode
    }
}

/// Reads an acknowledgment and verifies it against the central system's
/// key, and that it is for this mission and this mode.
pub fn verify(
    bytes: &[u8],
    central: &VerifyingKey,
    mission_key: &str,
    mode: &str,
) -> Result<Acknowledgment, AckError> {
    open_addressed(MAGIC, bytes, central, mission_key, mode)
}
