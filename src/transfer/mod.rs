//! The transfer to the registries: the outbox's items as ANSI/NIST-ITL
//! transactions, sealed in one package per registry and export
//! ([`package`]), and marked exported once the package is on the medium.
//!
//! A kill at any point leaves every item queued or exported whole: the
//! package file is written (under a temporary name, synced, then linked
//! into place) before the items are marked, in one database transaction.
//! A package written whose items were not yet marked is harmless: the next
//! export seals the same items again with the same TCNs, and the central
//! side drops what it already has.

pub mod ack;
pub mod marks;
pub mod package;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::interchange::profile::{self, Submission};
use crate::interchange::wsq;
use crate::model::Registry;
use crate::store::{Mode, OutboxItem, OutboxKind, RegistrationId, Store, StoreError};
use package::{Header, ManifestItem, PackageError};

/// The training room's demonstration "central system": shipped as data,
/// public to everyone, so that trainees can export and open packages. A
/// live package is never encrypted to it.
pub const TRAINING_CENTRAL_RECIPIENT: &str =
    include_str!("../../assets/training-keys/central-demo.pub");
pub const TRAINING_CENTRAL_KEY_FILE: &str = "assets/training-keys/central-demo.key";

/// The setting that holds the central system's public key (live).
pub const CENTRAL_RECIPIENT_SETTING: &str = "central_recipient";
/// The setting that holds the central system's signature key (live), for
/// its acknowledgments and marks.
pub const CENTRAL_VERIFY_SETTING: &str = "central_verify_key";

/// The demonstration key file's text (both secrets of the training
/// room's "central system").
const TRAINING_CENTRAL_KEY_TEXT: &str = include_str!("../../assets/training-keys/central-demo.key");

/// The central side's signing key in a key file: the
/// `BEDER-SIGNING-KEY-<hex>` line.
pub fn signing_key_in(text: &str) -> Result<ed25519_dalek::SigningKey, ack::AckError> {
    let line = text
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("BEDER-SIGNING-KEY-"))
        .ok_or_else(|| ack::AckError::Key("no BEDER-SIGNING-KEY line".into()))?;
    ack::signing_key(line)
}

/// The key that verifies the central system's acknowledgments and marks:
/// the configured one (live), the demonstration one (training).
pub fn central_verifying_key(store: &Store) -> Result<ed25519_dalek::VerifyingKey, TransferError> {
    match store.mode() {
        Mode::Training => Ok(signing_key_in(TRAINING_CENTRAL_KEY_TEXT)?.verifying_key()),
        Mode::Live => {
            let text = store
                .setting(CENTRAL_VERIFY_SETTING)?
                .ok_or(TransferError::NoCentralKey)?;
            Ok(ack::verifying_key(&text)?)
        }
    }
}

/// The mission's public signing key, hex: what the central side pins, and
/// what its answers and marks are addressed to.
pub fn mission_key_hex(store: &Store) -> Result<String, TransferError> {
    Ok(crate::store::hex(
        &store.mission_signing_key()?.verifying_key().to_bytes(),
    ))
}

/// Loads the central systems' signed marks (п.11): added, updated or
/// recognised as duplicates, both registries, one audited import each.
pub fn import_marks(
    store: &mut Store,
    bytes: &[u8],
) -> Result<crate::store::MarksImport, TransferError> {
    let central = central_verifying_key(store)?;
    let mission = mission_key_hex(store)?;
    let marks = marks::verify(bytes, &central, &mission, store.mode().code())?;
    let mut total = crate::store::MarksImport::default();
    for registry in [Registry::Citizen, Registry::Foreigner] {
        let these: Vec<crate::store::RegistrationMark> = marks
            .iter()
            .filter(|(r, _)| *r == registry)
            .map(|(_, m)| m.clone())
            .collect();
        if these.is_empty() {
            continue;
        }
        let report = store.import_marks_from(None, registry, &these)?;
        total.added += report.added;
        total.updated += report.updated;
        total.duplicates += report.duplicates;
    }
    Ok(total)
}

/// Reads the central system's acknowledgment into the outbox.
pub fn apply_acknowledgment(
    store: &mut Store,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<crate::store::AnswerReport, TransferError> {
    let central = central_verifying_key(store)?;
    let mission = mission_key_hex(store)?;
    let ack = ack::verify(bytes, &central, &mission, store.mode().code())?;
    let answers: Vec<(String, bool, Option<String>)> = ack
        .answers
        .into_iter()
        .map(|a| (a.tcn, a.accepted, a.reason))
        .collect();
    Ok(store.apply_answers(
        &answers,
        &now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
    )?)
}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("no key of the central system is configured (`beder transfer set-central-key FILE`)")]
    NoCentralKey,
    #[error("the mission has no code to name it as the originating agency")]
    NoMissionCode,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Package(#[from] PackageError),
    #[error(transparent)]
    Ack(#[from] ack::AckError),
    #[error("{tcn}: {detail}")]
    Item { tcn: String, detail: String },
    #[error("{path}: {detail}")]
    Write { path: PathBuf, detail: String },
}

/// One package written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exported {
    pub registry: Registry,
    pub package: String,
    pub path: PathBuf,
    pub items: usize,
    pub bytes: usize,
}

fn registry_code(registry: Registry) -> &'static str {
    match registry {
        Registry::Citizen => "citizen",
        Registry::Foreigner => "foreigner",
    }
}

/// The central system's public key: the configured one (live), the
/// demonstration one (training).
pub fn central_recipient(store: &Store) -> Result<age::x25519::Recipient, TransferError> {
    let text = match store.mode() {
        Mode::Training => TRAINING_CENTRAL_RECIPIENT.to_string(),
        Mode::Live => store
            .setting(CENTRAL_RECIPIENT_SETTING)?
            .ok_or(TransferError::NoCentralKey)?,
    };
    Ok(package::parse_recipient(&text)?)
}

/// What the profile needs of a stored registration.
pub fn submission<'a>(
    registration: &'a crate::store::Registration,
    number: &'a str,
    mission_code: &'a str,
    training: bool,
    created_at: DateTime<Utc>,
    bitrate: f32,
) -> Submission<'a> {
    Submission {
        registration_number: number,
        mission_code,
        training,
        created_at,
        registered_on: registration.registered_on,
        basis: registration.basis,
        officer: &registration.officer_name,
        personal: &registration.personal,
        personal_version: registration.personal_version,
        biometrics: &registration.biometrics,
        representative: registration.representative.as_ref(),
        defect_mark: registration.defect_mark,
        bitrate,
    }
}

/// One item as its transaction.
fn transaction_of(
    store: &Store,
    item: &OutboxItem,
    mission_code: &str,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, TransferError> {
    let training = store.mode() == Mode::Training;
    let failed = |detail: String| TransferError::Item {
        tcn: item.tcn.clone(),
        detail,
    };
    let json = |value: serde_json::Result<String>| value.map_err(|e| failed(e.to_string()));
    let mut transaction = match item.kind {
        OutboxKind::Registration | OutboxKind::Correction | OutboxKind::Refingerprinting => {
            let id = RegistrationId {
                registry: item.registry,
                id: item.record_id,
            };
            let registration = store.registration_for_transfer(id)?;
            let number = id.to_string();
            profile::transaction(&submission(
                &registration,
                &number,
                mission_code,
                training,
                now,
                wsq::DEFAULT_BITRATE,
            ))
            .map_err(|e| match e {
                profile::ProfileError::NoMissionCode => TransferError::NoMissionCode,
                other => failed(other.to_string()),
            })?
        }
        OutboxKind::Refusal => {
            let refusal = store.refusal(item.record_id)?;
            let data = json(serde_json::to_string(&refusal))?;
            event(
                mission_code,
                item,
                training,
                now,
                &format!("R-{:06}", item.record_id),
                &data,
            )?
        }
        OutboxKind::NonCollection => {
            let decision = store.non_collection(item.registry, item.record_id)?;
            let data = json(serde_json::to_string(&decision))?;
            event(
                mission_code,
                item,
                training,
                now,
                &format!("D-{:06}", item.record_id),
                &data,
            )?
        }
        OutboxKind::Verification => {
            let row = item
                .detail
                .ok_or_else(|| failed("a verification item without its row".into()))?;
            let (against, record) = store.verification_row(item.registry, row)?;
            let data = json(serde_json::to_string(&serde_json::json!({
                "against": against,
                "verification": record,
            })))?;
            let number = match against {
                crate::store::LookupSource::Registration { registry, id } => {
                    RegistrationId { registry, id }.to_string()
                }
                crate::store::LookupSource::ImportedMark { id, .. } => format!("M-{id:06}"),
            };
            event(mission_code, item, training, now, &number, &data)?
        }
    };
    profile::stamp(
        &mut transaction,
        &item.tcn,
        &item.kind.code().to_ascii_uppercase(),
    );
    Ok(transaction.write())
}

fn event(
    mission_code: &str,
    item: &OutboxItem,
    training: bool,
    now: DateTime<Utc>,
    number: &str,
    data: &str,
) -> Result<crate::interchange::an2::Transaction, TransferError> {
    profile::event_transaction(mission_code, item.registry, training, now, number, data).map_err(
        |e| match e {
            profile::ProfileError::NoMissionCode => TransferError::NoMissionCode,
            other => TransferError::Item {
                tcn: item.tcn.clone(),
                detail: other.to_string(),
            },
        },
    )
}

/// Seals what waits for each registry (or for `only`) into `dir`, one
/// package per registry with items, and marks the items exported. With
/// `again`, items exported but not answered go again, with their TCNs.
pub fn export(
    store: &mut Store,
    dir: &Path,
    only: Option<Registry>,
    again: bool,
    now: DateTime<Utc>,
) -> Result<Vec<Exported>, TransferError> {
    let recipient = central_recipient(store)?;
    let mission_code = store.setting("mission_code")?.unwrap_or_default();
    let ori: String = mission_code
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_uppercase();
    if ori.is_empty() {
        return Err(TransferError::NoMissionCode);
    }
    let key = store.mission_signing_key()?;
    let mut written = Vec::new();
    let registries: Vec<Registry> = match only {
        Some(r) => vec![r],
        None => vec![Registry::Citizen, Registry::Foreigner],
    };
    for registry in registries {
        let items = store.outbox_for_export(registry, again)?;
        if items.is_empty() {
            continue;
        }
        let mut transactions = Vec::with_capacity(items.len());
        for item in &items {
            transactions.push(transaction_of(store, item, &mission_code, now)?);
        }
        let package_id = format!(
            "{ori}-{}-{}-{:08}",
            registry_code(registry),
            now.format("%Y%m%dT%H%M%SZ"),
            items.last().map_or(0, |i| i.id)
        );
        let header = Header {
            format: 1,
            mode: store.mode().code().to_string(),
            registry: registry_code(registry).to_string(),
            mission: ori.clone(),
            package: package_id.clone(),
            created_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            items: items.len(),
            mission_key: String::new(),
        };
        let manifest_items = items
            .iter()
            .map(|i| ManifestItem {
                tcn: i.tcn.clone(),
                kind: i.kind.code().to_string(),
                record_id: i.record_id,
                detail: i.detail,
                queued_at: i.queued_at.clone(),
                sha256: String::new(),
                bytes: 0,
            })
            .collect();
        let bytes = package::seal(header, manifest_items, &transactions, &recipient, &key)?;
        let path = dir.join(format!("{package_id}.bdrpkg"));
        crate::files::write_new_atomically(&path, &bytes).map_err(|e| TransferError::Write {
            path: path.clone(),
            detail: e.to_string(),
        })?;
        let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
        store.mark_exported(
            &ids,
            &package_id,
            &now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        )?;
        written.push(Exported {
            registry,
            package: package_id,
            path,
            items: items.len(),
            bytes: bytes.len(),
        });
    }
    Ok(written)
}
