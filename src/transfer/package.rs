//! The sealed package: what leaves a mission on removable media or over a
//! link. Encrypted to the central system (age, X25519) and signed by the
//! mission (Ed25519), so that a stick lost in transit exposes nothing and a
//! package that was changed, or made by someone else, is refused.
//!
//! Layout (version 1):
//!
//! ```text
//! "BEDER-PACKAGE 1\n"
//! header: one line of JSON (mode, registry, mission, package id, time,
//!         item count, the mission's public key), then "\n"
//! 8 bytes: the ciphertext's length, big-endian
//! ciphertext: age (binary) of the payload
//! 64 bytes: Ed25519 signature, by the mission's key, of everything above
//! ```
//!
//! The payload: 4 bytes (big-endian) of the manifest's length, the
//! manifest (JSON: every item's TCN, kind, record, SHA-256 and length, the
//! time range of the items), then the transactions one after the other.
//! The manifest repeats the header, so a header edited to pass another
//! mission's key is caught after decryption too.

use std::str::FromStr;

use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::interchange::an2::{Record, Transaction};
use crate::store::{hex, unhex};

pub const MAGIC: &[u8] = b"BEDER-PACKAGE 1\n";
/// The largest package opened (a registry's backlog of a few weeks at a
/// small mission is tens of megabytes).
pub const MAX_PACKAGE_BYTES: u64 = 2 * 1024 * 1024 * 1024;
const MAX_HEADER_BYTES: usize = 16 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("not a Beder package")]
    NotAPackage,
    #[error("the package is cut short or has bytes after its signature")]
    Truncated,
    #[error("the package's signature does not verify: it was changed after it was sealed")]
    BadSignature,
    #[error("the package was signed by another mission (key {found})")]
    OtherMission { found: String },
    #[error("the key cannot open this package (a key of the other mode, or of another system)")]
    WrongKey,
    #[error("the package's contents do not agree with its manifest: {0}")]
    Manifest(String),
    #[error("the key file cannot be used: {0}")]
    Key(String),
    #[error("the package cannot be encrypted: {0}")]
    Encrypt(String),
}

/// The unencrypted first line: enough to route and verify the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    /// `live` or `training`.
    pub mode: String,
    /// `citizen` or `foreigner`.
    pub registry: String,
    /// The mission's code (ORI).
    pub mission: String,
    pub package: String,
    pub created_at: String,
    pub items: usize,
    /// The mission's Ed25519 public key, hex.
    pub mission_key: String,
}

/// One transaction of the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestItem {
    pub tcn: String,
    pub kind: String,
    pub record_id: i64,
    pub detail: Option<i64>,
    pub queued_at: String,
    pub sha256: String,
    pub bytes: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub header: Header,
    pub first_queued: Option<String>,
    pub last_queued: Option<String>,
    pub items: Vec<ManifestItem>,
}

/// What a package holds, once opened and checked.
#[derive(Debug, Clone)]
pub struct Opened {
    pub manifest: Manifest,
    /// Each item's transaction, in the manifest's order.
    pub transactions: Vec<Vec<u8>>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The control number a transaction carries (1.009), if it can be read.
fn control_number(bytes: &[u8]) -> Option<String> {
    let transaction = Transaction::read(bytes).ok()?;
    match transaction.records.first()? {
        Record::Tagged(type1) => type1.field(9).map(|f| f.text()),
        Record::Binary(_) => None,
    }
}

/// A new central key pair (what the central side makes once, and the
/// training room ships as data): the secret identity and its recipient.
pub fn generate_central_key() -> (String, String) {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    (identity.to_string().expose_secret().to_string(), recipient)
}

/// Parses a recipient (`age1…`), the central system's public key.
pub fn parse_recipient(text: &str) -> Result<age::x25519::Recipient, PackageError> {
    age::x25519::Recipient::from_str(text.trim())
        .map_err(|e| PackageError::Key(format!("not an age recipient ({e})")))
}

/// The identity in a key file: the first `AGE-SECRET-KEY-1…` line.
pub fn parse_identity(text: &str) -> Result<age::x25519::Identity, PackageError> {
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .ok_or_else(|| PackageError::Key("no AGE-SECRET-KEY line".into()))
        .and_then(|l| {
            age::x25519::Identity::from_str(l)
                .map_err(|e| PackageError::Key(format!("not an age identity ({e})")))
        })
}

/// Seals `transactions` (each with its manifest item, whose hash and
/// length are filled here) for `recipient`, signed with `key`.
pub fn seal(
    mut header: Header,
    mut items: Vec<ManifestItem>,
    transactions: &[Vec<u8>],
    recipient: &age::x25519::Recipient,
    key: &SigningKey,
) -> Result<Vec<u8>, PackageError> {
    if items.len() != transactions.len() {
        return Err(PackageError::Manifest("one item per transaction".into()));
    }
    header.format = 1;
    header.items = items.len();
    header.mission_key = hex(&key.verifying_key().to_bytes());
    for (item, bytes) in items.iter_mut().zip(transactions) {
        item.sha256 = sha256_hex(bytes);
        item.bytes = bytes.len();
    }
    let manifest = Manifest {
        first_queued: items.iter().map(|i| i.queued_at.clone()).min(),
        last_queued: items.iter().map(|i| i.queued_at.clone()).max(),
        header: header.clone(),
        items,
    };
    let manifest_json =
        serde_json::to_vec(&manifest).map_err(|e| PackageError::Manifest(e.to_string()))?;
    let mut payload = Vec::new();
    payload.extend_from_slice(&(manifest_json.len() as u32).to_be_bytes());
    payload.extend_from_slice(&manifest_json);
    for bytes in transactions {
        payload.extend_from_slice(bytes);
    }
    let ciphertext =
        age::encrypt(recipient, &payload).map_err(|e| PackageError::Encrypt(e.to_string()))?;
    let header_json =
        serde_json::to_vec(&header).map_err(|e| PackageError::Manifest(e.to_string()))?;
    let mut out = Vec::with_capacity(ciphertext.len() + 1024);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&header_json);
    out.push(b'\n');
    out.extend_from_slice(&(ciphertext.len() as u64).to_be_bytes());
    out.extend_from_slice(&ciphertext);
    let signature = key.sign(&out);
    out.extend_from_slice(&signature.to_bytes());
    Ok(out)
}

/// Reads the header of a package without opening it (and without checking
/// it: [`open`] does).
pub fn read_header(bytes: &[u8]) -> Result<Header, PackageError> {
    split(bytes).map(|parts| parts.header)
}

/// A package taken apart, nothing checked yet.
struct Parts<'a> {
    header: Header,
    /// Everything the signature covers.
    signed: &'a [u8],
    ciphertext: &'a [u8],
    signature: &'a [u8],
}

fn split(bytes: &[u8]) -> Result<Parts<'_>, PackageError> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(PackageError::NotAPackage)?;
    let end = rest
        .iter()
        .take(MAX_HEADER_BYTES)
        .position(|b| *b == b'\n')
        .ok_or(PackageError::NotAPackage)?;
    let header: Header =
        serde_json::from_slice(&rest[..end]).map_err(|_| PackageError::NotAPackage)?;
    let rest = &rest[end + 1..];
    if rest.len() < 8 + 64 {
        return Err(PackageError::Truncated);
    }
    let (length, rest) = rest.split_at(8);
    let length = u64::from_be_bytes(length.try_into().map_err(|_| PackageError::Truncated)?);
    if length != (rest.len() - 64) as u64 {
        return Err(PackageError::Truncated);
    }
    let (ciphertext, signature) = rest.split_at(rest.len() - 64);
    let signed = &bytes[..bytes.len() - 64];
    Ok(Parts {
        header,
        signed,
        ciphertext,
        signature,
    })
}

/// Opens a package as the central side does: the signature first (by the
/// key the header names, which must be `expected_mission` when given),
/// then the decryption, then every transaction against the manifest.
pub fn open(
    bytes: &[u8],
    identity: &age::x25519::Identity,
    expected_mission: Option<&str>,
) -> Result<Opened, PackageError> {
    let Parts {
        header,
        signed,
        ciphertext,
        signature,
    } = split(bytes)?;
    let key_bytes: [u8; 32] = unhex(&header.mission_key)
        .and_then(|b| b.try_into().ok())
        .ok_or(PackageError::BadSignature)?;
    let key = VerifyingKey::from_bytes(&key_bytes).map_err(|_| PackageError::BadSignature)?;
    let signature = Signature::from_slice(signature).map_err(|_| PackageError::BadSignature)?;
    key.verify(signed, &signature)
        .map_err(|_| PackageError::BadSignature)?;
    if let Some(expected) = expected_mission
        && !expected.trim().eq_ignore_ascii_case(&header.mission_key)
    {
        return Err(PackageError::OtherMission {
            found: header.mission_key.clone(),
        });
    }
    let payload = age::decrypt(identity, ciphertext).map_err(|_| PackageError::WrongKey)?;
    if payload.len() < 4 {
        return Err(PackageError::Manifest("no manifest".into()));
    }
    let (length, rest) = payload.split_at(4);
    let length = u32::from_be_bytes(
        length
            .try_into()
            .map_err(|_| PackageError::Manifest("no manifest".into()))?,
    ) as usize;
    if length > rest.len() {
        return Err(PackageError::Manifest("the manifest is cut short".into()));
    }
    let manifest: Manifest = serde_json::from_slice(&rest[..length])
        .map_err(|e| PackageError::Manifest(e.to_string()))?;
    if manifest.header != header {
        return Err(PackageError::OtherMission {
            found: manifest.header.mission_key.clone(),
        });
    }
    let mut at = length;
    let mut transactions = Vec::with_capacity(manifest.items.len());
    for item in &manifest.items {
        let end = at
            .checked_add(item.bytes)
            .filter(|end| *end <= rest.len())
            .ok_or_else(|| PackageError::Manifest(format!("{} is cut short", item.tcn)))?;
        let bytes = &rest[at..end];
        if sha256_hex(bytes) != item.sha256 {
            return Err(PackageError::Manifest(format!("{}: hash", item.tcn)));
        }
        if control_number(bytes).as_deref() != Some(item.tcn.as_str()) {
            return Err(PackageError::Manifest(format!(
                "{}: not the transaction it names",
                item.tcn
            )));
        }
        transactions.push(bytes.to_vec());
        at = end;
    }
    if at != rest.len() || manifest.items.len() != header.items {
        return Err(PackageError::Manifest("items beyond the manifest".into()));
    }
    Ok(Opened {
        manifest,
        transactions,
    })
}
