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
use crate::store::{
    Mode, OutboxItem, OutboxKind, RegistrationId, Store, StoreError, registry_code,
};
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

impl TransferError {
    /// The Fluent id of the message the supervisor reads, and its
    /// `$detail` (the command line and the screen say the same).
    pub fn message(&self) -> (&'static str, String) {
        match self {
            TransferError::Store(e) => (e.message_key(), e.detail()),
            TransferError::NoCentralKey => ("transfer-error-no-central-key", String::new()),
            TransferError::NoMissionCode => ("nist-error-no-mission-code", String::new()),
            TransferError::Package(e) => ("transfer-error-package", e.to_string()),
            TransferError::Ack(e) => ("transfer-error-ack", e.to_string()),
            other => ("transfer-error-export", other.to_string()),
        }
    }
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
    let mut job = ExportJob::start(store, dir, only, again, now)?;
    while !job.step(store)? {}
    Ok(job.written)
}

/// An export done a step at a time — one transaction built, or one
/// package sealed, written and marked — so that a screen can show its
/// progress and stay responsive. [`export`] runs it to the end.
pub struct ExportJob {
    dir: PathBuf,
    now: DateTime<Utc>,
    recipient: age::x25519::Recipient,
    key: ed25519_dalek::SigningKey,
    mission_code: String,
    ori: String,
    mode: Mode,
    /// The registries still to do, each with its items (fixed at start).
    pending: Vec<(Registry, Vec<OutboxItem>)>,
    /// The transactions built so far for the first pending registry.
    built: Vec<Vec<u8>>,
    written: Vec<Exported>,
    total: usize,
    done: usize,
}

impl std::fmt::Debug for ExportJob {
    // The keys never go to a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportJob")
            .field("dir", &self.dir)
            .field("total", &self.total)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl ExportJob {
    /// Takes what waits (the queued items, and with `again` the exported
    /// ones not answered), and checks the keys and the mission code before
    /// anything is written.
    pub fn start(
        store: &Store,
        dir: &Path,
        only: Option<Registry>,
        again: bool,
        now: DateTime<Utc>,
    ) -> Result<Self, TransferError> {
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
        let registries: Vec<Registry> = match only {
            Some(r) => vec![r],
            None => vec![Registry::Citizen, Registry::Foreigner],
        };
        let mut pending = Vec::new();
        for registry in registries {
            let items = store.outbox_for_export(registry, again)?;
            if !items.is_empty() {
                pending.push((registry, items));
            }
        }
        let total = pending.iter().map(|(_, items)| items.len()).sum();
        Ok(ExportJob {
            dir: dir.to_path_buf(),
            now,
            recipient,
            key,
            mission_code,
            ori,
            mode: store.mode(),
            pending,
            built: Vec::new(),
            written: Vec::new(),
            total,
            done: 0,
        })
    }

    /// Items done and items in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.total)
    }

    /// The packages written so far.
    pub fn written(&self) -> &[Exported] {
        &self.written
    }

    /// One step: the next transaction, or the package once its registry's
    /// transactions are all built. `true` when nothing is left.
    pub fn step(&mut self, store: &mut Store) -> Result<bool, TransferError> {
        let Some((registry, items)) = self.pending.first() else {
            return Ok(true);
        };
        let registry = *registry;
        if let Some(item) = items.get(self.built.len()) {
            let transaction = transaction_of(store, item, &self.mission_code, self.now)?;
            self.built.push(transaction);
            self.done += 1;
            return Ok(false);
        }
        let package_id = format!(
            "{}-{}-{}-{:08}",
            self.ori,
            registry_code(registry),
            self.now.format("%Y%m%dT%H%M%SZ"),
            items.last().map_or(0, |i| i.id)
        );
        let header = Header {
            format: 1,
            mode: self.mode.code().to_string(),
            registry: registry_code(registry).to_string(),
            mission: self.ori.clone(),
            package: package_id.clone(),
            created_at: self.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
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
        let bytes = package::seal(
            header,
            manifest_items,
            &self.built,
            &self.recipient,
            &self.key,
        )?;
        let path = self.dir.join(format!("{package_id}.bdrpkg"));
        crate::files::write_new_atomically(&path, &bytes).map_err(|e| TransferError::Write {
            path: path.clone(),
            detail: e.to_string(),
        })?;
        let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
        store.mark_exported(
            &ids,
            &package_id,
            &self
                .now
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        )?;
        self.written.push(Exported {
            registry,
            package: package_id,
            path,
            items: ids.len(),
            bytes: bytes.len(),
        });
        self.pending.remove(0);
        self.built.clear();
        Ok(self.pending.is_empty())
    }
}
