//! Registrations of both registries: saving one in a single transaction,
//! reading it back, look-ups for п.11, corrections (п.12) and
//! re-fingerprinting (п.13) that archive instead of overwriting (п.14).

use std::collections::BTreeSet;

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::OutboxKind;
use super::audit::{self, AuditAction, AuditEvent, registry_code};
use super::names::{document_key, name_key};
use super::records::VerificationRecord;
use super::{Store, StoreError};
use crate::model::{
    ApplicantKind, BiometricRecord, CapturedImpression, ChangeApplicant, ChangeRequest, DefectMark,
    EncodedImage, ExceptionReason, ForceReason, FullName, ImageFormat, ImpressionKind,
    NewRegistration, Permanence, PersonalData, Position, RegistrationBasis, Registry,
    Representative, Service, Template,
};
use crate::regulation::validate_iin;

/// A registration in one registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RegistrationId {
    /// The registry.
    pub registry: Registry,
    /// The number within it.
    pub id: i64,
}

impl std::fmt::Display for RegistrationId {
    /// The registration's number as the officer reads it and the command
    /// line takes it: `C-000012` (citizen registry), `F-000012` (foreigner
    /// registry).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let prefix = match self.registry {
            Registry::Citizen => 'C',
            Registry::Foreigner => 'F',
        };
        write!(f, "{prefix}-{:06}", self.id)
    }
}

impl std::str::FromStr for RegistrationId {
    type Err = StoreError;

    /// `C-000012`, `c-12`, `F-7`; also `citizen:12` / `foreigner:7`.
    fn from_str(text: &str) -> Result<Self, StoreError> {
        let text = text.trim();
        let bad = || StoreError::Invalid(format!("not a registration number: {text:?}"));
        let (registry, number) = if let Some((name, number)) = text.split_once(':') {
            let registry = match name.to_ascii_lowercase().as_str() {
                "citizen" => Registry::Citizen,
                "foreigner" => Registry::Foreigner,
                _ => return Err(bad()),
            };
            (registry, number)
        } else {
            let (prefix, number) = text.split_once('-').ok_or_else(bad)?;
            let registry = match prefix {
                "C" | "c" => Registry::Citizen,
                "F" | "f" => Registry::Foreigner,
                _ => return Err(bad()),
            };
            (registry, number)
        };
        let id: i64 = number.parse().map_err(|_| bad())?;
        if id <= 0 {
            return Err(bad());
        }
        Ok(RegistrationId { registry, id })
    }
}

/// A registration as read back: the current personal data and biometric set.
#[derive(Debug, Clone, PartialEq)]
pub struct Registration {
    /// Its number.
    pub id: RegistrationId,
    /// The registration's date.
    pub registered_on: NaiveDate,
    /// Why the person was fingerprinted (the service applied for).
    pub basis: RegistrationBasis,
    /// The officer who performed the registration, as recorded then (п.7).
    pub officer_name: FullName,
    /// The current personal data (п.7).
    pub personal: PersonalData,
    /// Their version (1 at registration, one more per correction).
    pub personal_version: i64,
    /// The current prints and their exceptions.
    pub biometrics: Vec<BiometricRecord>,
    /// The legal representative or guardian, if any (п.8, п.9).
    pub representative: Option<Representative>,
    /// The physical-defect mark, if any (п.10).
    pub defect_mark: Option<DefectMark>,
    /// The identity verifications made on it (п.11).
    pub verifications: Vec<VerificationRecord>,
    /// When the images were purged after the registry acknowledged them
    /// (retention; the templates stay), if they were.
    pub images_purged_at: Option<String>,
}

/// Correction or re-fingerprinting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Personal data corrected or supplemented (п.12).
    Correction,
    /// The prints replaced (п.13).
    Refingerprinting,
}

/// Who changed a record, why and when (п.12, п.13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeInfo {
    /// A correction or a re-fingerprinting.
    pub kind: ChangeKind,
    /// Who asked for it.
    pub applicant: ChangeApplicant,
    /// The representative's or guardian's identity document.
    pub applicant_document: Option<String>,
    /// Why.
    pub reason: String,
    /// The day it was asked for.
    pub applied_on: NaiveDate,
    /// The officer who made it.
    pub officer_id: i64,
    /// When it was saved, RFC 3339.
    pub changed_at: String,
}

/// One version of the personal data; `valid_to` is `None` for the current one.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonalDataVersion {
    /// The version's number.
    pub version: i64,
    /// From when it was current, RFC 3339.
    pub valid_from: String,
    /// Until when; `None` for the current one.
    pub valid_to: Option<String>,
    /// The change that created this version (`None` for the registration).
    pub change: Option<ChangeInfo>,
    /// The data.
    pub personal: PersonalData,
}

/// One biometric row of any set, current or archived.
#[derive(Debug, Clone, PartialEq)]
pub struct BiometricVersion {
    /// The set's number (1 at registration, one more per re-fingerprinting).
    pub set_version: i64,
    /// From when it was current, RFC 3339.
    pub valid_from: String,
    /// Until when; `None` for the current set.
    pub valid_to: Option<String>,
    /// The finger or palm, its template and image.
    pub record: BiometricRecord,
}

/// A look-up of п.11.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupQuery {
    /// By IIN.
    Iin(String),
    /// By identity document number.
    Document(String),
    /// By name and date of birth, spelling-tolerant.
    NameAndBirthDate {
        /// The surname.
        surname: String,
        /// The first name.
        name: String,
        /// The date of birth.
        birth_date: NaiveDate,
    },
}

/// Where a look-up hit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum LookupSource {
    /// A registration held here.
    Registration {
        /// The registry.
        registry: Registry,
        /// The registration's number in it.
        id: i64,
    },
    /// A mark of a registration made elsewhere, imported.
    ImportedMark {
        /// The registry.
        registry: Registry,
        /// The mark's id.
        id: i64,
    },
}

/// A person found by a look-up: a previous registration (п.11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LookupHit {
    /// Where it comes from.
    pub source: LookupSource,
    /// The surname on record.
    pub surname: String,
    /// The first name on record.
    pub name: String,
    /// The date of birth on record.
    pub birth_date: NaiveDate,
    /// When the person was registered.
    pub registered_on: NaiveDate,
}

fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn table(registry: Registry, suffix: &str) -> String {
    format!("{}_{suffix}", registry_code(registry))
}

/// The condition of a search by name and birth date: surname, name and
/// birth date, or surname and birth date when no name is given (the
/// records screen: a name spelled differently must not hide the person).
pub(crate) fn name_condition(
    surname: &str,
    name: &str,
    birth_date: NaiveDate,
) -> (&'static str, Vec<String>) {
    if name.trim().is_empty() {
        (
            "surname_key = ?1 AND birth_date = ?2",
            vec![name_key(surname), date_text(birth_date)],
        )
    } else {
        (
            "surname_key = ?1 AND name_key = ?2 AND birth_date = ?3",
            vec![name_key(surname), name_key(name), date_text(birth_date)],
        )
    }
}

pub(crate) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("a stored date is not a date: {text:?}")))
}

fn format_code(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "png",
        ImageFormat::Jpeg => "jpeg",
    }
}

fn format_from(code: Option<String>) -> Result<ImageFormat, StoreError> {
    match code.as_deref() {
        Some("jpeg") => Ok(ImageFormat::Jpeg),
        Some("png") => Ok(ImageFormat::Png),
        other => Err(StoreError::Corrupt(format!(
            "unknown image format {}",
            other.unwrap_or("(none)")
        ))),
    }
}

fn impression_code(kind: ImpressionKind) -> &'static str {
    match kind {
        ImpressionKind::Flat => "flat",
        ImpressionKind::Rolled => "rolled",
        ImpressionKind::Slap => "slap",
        ImpressionKind::Palm => "palm",
    }
}

fn impression_from(code: &str) -> Result<ImpressionKind, StoreError> {
    Ok(match code {
        "flat" => ImpressionKind::Flat,
        "rolled" => ImpressionKind::Rolled,
        "slap" => ImpressionKind::Slap,
        "palm" => ImpressionKind::Palm,
        other => return Err(StoreError::Corrupt(format!("unknown impression {other:?}"))),
    })
}

fn exception_code(reason: ExceptionReason) -> &'static str {
    match reason {
        ExceptionReason::Amputated => "amputated",
        ExceptionReason::NoPapillaryPattern => "no_papillary_pattern",
        ExceptionReason::Injured => "injured",
        ExceptionReason::Bandaged => "bandaged",
        ExceptionReason::UnprintableAtThisSitting => "unprintable_at_this_sitting",
    }
}

fn exception_from(code: &str) -> Result<ExceptionReason, StoreError> {
    ExceptionReason::ALL
        .into_iter()
        .find(|r| exception_code(*r) == code)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown exception {code:?}")))
}

fn permanence_code(permanence: Permanence) -> &'static str {
    match permanence {
        Permanence::Permanent => "permanent",
        Permanence::Temporary => "temporary",
        Permanence::ThisSitting => "this_sitting",
    }
}

fn applicant_code(applicant: ChangeApplicant) -> &'static str {
    match applicant {
        ChangeApplicant::Person => "person",
        ChangeApplicant::LegalRepresentative => "legal_representative",
        ChangeApplicant::Guardian => "guardian",
        ChangeApplicant::ErroneousDataDiscovered => "erroneous_data_discovered",
    }
}

fn applicant_from(code: &str) -> Result<ChangeApplicant, StoreError> {
    Ok(match code {
        "person" => ChangeApplicant::Person,
        "legal_representative" => ChangeApplicant::LegalRepresentative,
        "guardian" => ChangeApplicant::Guardian,
        "erroneous_data_discovered" => ChangeApplicant::ErroneousDataDiscovered,
        other => {
            return Err(StoreError::Corrupt(format!("unknown applicant {other:?}")));
        }
    })
}

/// The personal data without its images (kept as BLOBs beside the JSON).
struct SplitPersonal {
    json: String,
    photo: Option<EncodedImage>,
    signature: Option<EncodedImage>,
    surname_key: String,
    name_key: String,
    birth_date: String,
    iin: Option<String>,
    document_key: Option<String>,
}

fn split_personal(personal: &PersonalData) -> Result<SplitPersonal, StoreError> {
    let mut stripped = personal.clone();
    let (photo, signature, iin, document) = match &mut stripped {
        PersonalData::Citizen(c) => (
            c.photo.take(),
            c.signature.take(),
            c.iin.clone(),
            c.previous_passport.as_ref().map(|p| p.number.clone()),
        ),
        PersonalData::Foreigner(f) => (
            f.photo.take(),
            None,
            None,
            Some(f.identity_document.number.clone()),
        ),
    };
    let name = personal.name();
    Ok(SplitPersonal {
        json: serde_json::to_string(&stripped).map_err(|e| StoreError::Invalid(e.to_string()))?,
        photo,
        signature,
        surname_key: name_key(&name.surname),
        name_key: name_key(&name.name),
        birth_date: date_text(personal.birth_date()),
        iin: iin.filter(|i| !i.is_empty()),
        document_key: document.map(|d| document_key(&d)).filter(|d| !d.is_empty()),
    })
}

fn join_personal(
    json: &str,
    photo: Option<(Vec<u8>, Option<String>)>,
    signature: Option<(Vec<u8>, Option<String>)>,
) -> Result<PersonalData, StoreError> {
    let mut personal: PersonalData = serde_json::from_str(json)?;
    let image = |(bytes, format): (Vec<u8>, Option<String>)| -> Result<EncodedImage, StoreError> {
        Ok(EncodedImage {
            format: format_from(format)?,
            bytes,
        })
    };
    match &mut personal {
        PersonalData::Citizen(c) => {
            c.photo = photo.map(image).transpose()?;
            c.signature = signature.map(image).transpose()?;
        }
        PersonalData::Foreigner(f) => f.photo = photo.map(image).transpose()?,
    }
    Ok(personal)
}

fn check_name(name: &FullName) -> Result<(), StoreError> {
    if name.surname.trim().is_empty() || name.name.trim().is_empty() {
        return Err(StoreError::Invalid("surname and name are required".into()));
    }
    Ok(())
}

fn check_personal(personal: &PersonalData) -> Result<(), StoreError> {
    check_name(personal.name())?;
    if let PersonalData::Citizen(c) = personal
        && let Some(iin) = &c.iin
    {
        let v = validate_iin(iin);
        if !v.valid {
            return Err(StoreError::Invalid("the IIN is not valid".into()));
        }
        if v.agrees_with(Some(c.birth_date), Some(c.sex)) != Some(true) {
            return Err(StoreError::Invalid(
                "the IIN does not agree with the birth date and sex".into(),
            ));
        }
    }
    Ok(())
}

fn check_biometrics(records: &[BiometricRecord]) -> Result<(), StoreError> {
    let mut seen = BTreeSet::new();
    for record in records {
        if !seen.insert(record.position.code()) {
            return Err(StoreError::Invalid(format!(
                "position {} appears twice",
                record.position.code()
            )));
        }
        if record.capture.is_some() == record.exception.is_some() {
            return Err(StoreError::Invalid(format!(
                "position {} must be either captured or excepted",
                record.position.code()
            )));
        }
        // A captured finger always carries its template: without one the
        // finger would silently drop out of verification and of the
        // duplicate check.
        if let (Some(capture), Position::Finger(_)) = (&record.capture, record.position)
            && capture.template.as_ref().is_none_or(|t| t.data.is_empty())
        {
            return Err(StoreError::Invalid(format!(
                "position {}: a captured finger without its template",
                record.position.code()
            )));
        }
        if let Some(capture) = &record.capture
            && (capture.quality > 100
                || capture.png.as_ref().is_none_or(Vec::is_empty)
                || capture.ppi == 0)
        {
            // A purged image is never written back: prints saved are
            // prints just taken.
            return Err(StoreError::Invalid(format!(
                "position {}: bad image or quality",
                record.position.code()
            )));
        }
    }
    Ok(())
}

fn check_basis(personal: &PersonalData, basis: &RegistrationBasis) -> Result<(), StoreError> {
    let ok = match personal {
        PersonalData::Citizen(_) => {
            (basis.paragraph_number, basis.paragraph_sub) == (3, 1)
                && matches!(basis.service, Service::Passport(_))
        }
        PersonalData::Foreigner(_) => {
            (basis.paragraph_number, basis.paragraph_sub) == (3, 2)
                && matches!(basis.service, Service::Visa(_))
        }
    };
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(
            "the basis does not fit the registry (п.3.1 citizens, п.3.2 visa applicants)".into(),
        ))
    }
}

fn insert_personal_version(
    tx: &Transaction<'_>,
    registry: Registry,
    registration_id: i64,
    version: i64,
    change_id: Option<i64>,
    personal: &PersonalData,
    now: &str,
) -> Result<(), StoreError> {
    let split = split_personal(personal)?;
    tx.prepare_cached(&format!(
            "INSERT INTO {} (registration_id, version, valid_from, change_id, data, photo, photo_format,
                signature, signature_format, surname_key, name_key, birth_date, iin, document_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        table(registry, "personal_data")
    ))?
    .execute(params![
            registration_id,
            version,
            now,
            change_id,
            split.json,
            split.photo.as_ref().map(|p| &p.bytes),
            split.photo.as_ref().map(|p| format_code(p.format)),
            split.signature.as_ref().map(|s| &s.bytes),
            split.signature.as_ref().map(|s| format_code(s.format)),
            split.surname_key,
            split.name_key,
            split.birth_date,
            split.iin,
            split.document_key,
        ])?;
    Ok(())
}

fn insert_biometrics(
    tx: &Transaction<'_>,
    registry: Registry,
    registration_id: i64,
    set_version: i64,
    records: &[BiometricRecord],
    now: &str,
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(&format!(
        "INSERT INTO {} (registration_id, set_version, valid_from, position, impression, image_png, ppi,
            template, template_format, quality, attempts, force_captured, exception, exception_permanence,
            device_id, captured_at, force_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        table(registry, "biometrics")
    ))?;
    for r in records {
        let capture = r.capture.as_ref();
        stmt.execute(params![
            registration_id,
            set_version,
            now,
            r.position.code(),
            impression_code(r.impression),
            capture.map(|c| &c.png),
            capture.map(|c| c.ppi),
            capture.and_then(|c| c.template.as_ref()).map(|t| &t.data),
            capture.and_then(|c| c.template.as_ref()).map(|t| &t.format),
            capture.map(|c| c.quality),
            r.attempts,
            r.force_captured,
            r.exception.map(exception_code),
            r.exception.map(|e| permanence_code(e.permanence())),
            r.device_id,
            r.captured_at
                .map(|t| t.to_rfc3339_opts(SecondsFormat::Nanos, true)),
            r.force_reason.map(|f| f.code()),
        ])?;
    }
    Ok(())
}

#[expect(
    clippy::too_many_lines,
    reason = "one query and the mapping of every column of its rows"
)]
fn read_biometrics(
    conn: &rusqlite::Connection,
    registry: Registry,
    registration_id: i64,
    current_only: bool,
) -> Result<Vec<BiometricVersion>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT set_version, valid_from, valid_to, position, impression, image_png, ppi, template,
                template_format, quality, attempts, force_captured, exception, device_id, captured_at,
                force_reason, image_purged_at IS NOT NULL
         FROM {} WHERE registration_id = ?1 {}",
        table(registry, "biometrics"),
        // The current set in anatomical order (right thumb … left little,
        // then palms), whichever re-fingerprinting each row came from; the
        // archive set by set.
        if current_only {
            "AND valid_to IS NULL ORDER BY position"
        } else {
            "ORDER BY set_version, position"
        }
    ))?;
    let rows = stmt
        .query_map([registration_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, u8>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<Vec<u8>>>(5)?,
                r.get::<_, Option<u16>>(6)?,
                r.get::<_, Option<Vec<u8>>>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<u8>>(9)?,
                r.get::<_, u8>(10)?,
                r.get::<_, bool>(11)?,
                r.get::<_, Option<String>>(12)?,
                r.get::<_, Option<String>>(13)?,
                r.get::<_, Option<String>>(14)?,
                r.get::<_, Option<String>>(15)?,
                r.get::<_, bool>(16)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (
        set,
        from,
        to,
        pos,
        imp,
        png,
        ppi,
        tpl,
        tpl_fmt,
        q,
        attempts,
        forced,
        exc,
        dev,
        at,
        why,
        purged,
    ) in rows
    {
        let position = Position::from_code(pos)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown position {pos}")))?;
        // A row that does not hold together is damage, never read as a
        // default.
        let bad = |what: &str| StoreError::Corrupt(format!("position {pos}: {what}"));
        let template = match (tpl, tpl_fmt) {
            (Some(data), Some(format)) => Some(Template { format, data }),
            (None, None) => None,
            _ => return Err(bad("a template without its format")),
        };
        let capture = match (png, ppi, q) {
            (Some(png), Some(ppi), Some(quality)) if !purged => Some(CapturedImpression {
                png: Some(png),
                ppi,
                quality,
                template,
            }),
            // Delivered to the registry and purged (retention): the
            // template stays.
            (None, Some(ppi), Some(quality)) if purged => Some(CapturedImpression {
                png: None,
                ppi,
                quality,
                template,
            }),
            (None, _, _) if template.is_none() && !purged => None,
            _ => return Err(bad("an impression without its resolution or quality")),
        };
        let record = BiometricRecord {
            position,
            impression: impression_from(&imp)?,
            capture,
            exception: exc.as_deref().map(exception_from).transpose()?,
            attempts,
            force_captured: forced,
            force_reason: why
                .as_deref()
                .map(|code| ForceReason::from_code(code).ok_or_else(|| bad("unknown reason")))
                .transpose()?,
            device_id: dev,
            captured_at: at
                .map(|t| {
                    chrono::DateTime::parse_from_rfc3339(&t)
                        .map(|t| t.with_timezone(&Utc))
                        .map_err(|_| bad("unreadable capture time"))
                })
                .transpose()?,
        };
        out.push(BiometricVersion {
            set_version: set,
            valid_from: from,
            valid_to: to,
            record,
        });
    }
    Ok(out)
}

fn insert_change(
    tx: &Transaction<'_>,
    registry: Registry,
    registration_id: i64,
    kind: ChangeKind,
    request: &ChangeRequest,
    officer_id: i64,
    now: &str,
) -> Result<i64, StoreError> {
    if request.reason.trim().is_empty() {
        return Err(StoreError::Invalid("a change needs its reason".into()));
    }
    let representative = matches!(
        request.applicant,
        ChangeApplicant::LegalRepresentative | ChangeApplicant::Guardian
    );
    let document = request
        .applicant_document
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if representative && document.is_none() {
        return Err(StoreError::Invalid(
            "a representative's or guardian's identity document is needed".into(),
        ));
    }
    tx.execute(
        &format!(
            "INSERT INTO {} (registration_id, kind, applicant, reason, applied_on, officer_id, changed_at,
                applicant_document)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            table(registry, "changes")
        ),
        params![
            registration_id,
            match kind {
                ChangeKind::Correction => "correction",
                ChangeKind::Refingerprinting => "refingerprinting",
            },
            applicant_code(request.applicant),
            request.reason.trim(),
            date_text(request.on),
            officer_id,
            now,
            document
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A change archives the previous version and updates the record: both audited.
fn audit_change(
    tx: &Transaction<'_>,
    officer_id: i64,
    id: RegistrationId,
) -> Result<(), StoreError> {
    audit::append(
        tx,
        AuditEvent::new(AuditAction::RecordArchived)
            .by(officer_id)
            .on(id.registry, id.id),
        Utc::now(),
    )?;
    // The record's state after the change, bound to the log.
    audit::append(
        tx,
        AuditEvent::new(AuditAction::RecordUpdated)
            .by(officer_id)
            .on(id.registry, id.id)
            .content(super::content::registration_state(tx, id)?),
        Utc::now(),
    )?;
    Ok(())
}

fn exists(tx: &Transaction<'_>, id: RegistrationId) -> Result<bool, StoreError> {
    Ok(tx.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)",
            table(id.registry, "registrations")
        ),
        [id.id],
        |r| r.get(0),
    )?)
}

struct OfficerSnapshot {
    id: i64,
    surname: String,
    name: String,
    patronymic: Option<String>,
}

fn check_new_registration(registration: &NewRegistration) -> Result<(), StoreError> {
    check_personal(&registration.personal)?;
    check_basis(&registration.personal, &registration.basis)?;
    check_biometrics(&registration.biometrics)?;
    let captured = registration.biometrics.iter().any(|r| r.capture.is_some());
    if !captured && registration.defect_mark.is_none() {
        return Err(StoreError::Invalid(
            "a registration needs prints or a physical-defect mark (п.10)".into(),
        ));
    }
    if let Some(rep) = &registration.representative {
        check_name(&rep.name)?;
    }
    Ok(())
}

fn insert_defect_mark(
    tx: &Transaction<'_>,
    registry: Registry,
    registration_id: i64,
    mark: &DefectMark,
    now: &str,
) -> Result<(), StoreError> {
    tx.execute(
        &format!(
            "INSERT INTO {} (registration_id, fingers, palms, permanence, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            table(registry, "defect_marks")
        ),
        params![
            registration_id,
            mark.fingers,
            mark.palms,
            if mark.permanence == Permanence::Permanent {
                "permanent"
            } else {
                "temporary"
            },
            now
        ],
    )?;
    Ok(())
}

/// Inserts one registration with all its parts and its audit entry.
fn insert_registration(
    tx: &Transaction<'_>,
    officer: &OfficerSnapshot,
    registration: &NewRegistration,
    now: &str,
) -> Result<RegistrationId, StoreError> {
    let registry = registration.personal.registry();
    tx.prepare_cached(&format!(
        "INSERT INTO {} (registered_on, basis_paragraph, basis_service, officer_id,
            officer_surname, officer_name, officer_patronymic, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        table(registry, "registrations")
    ))?
    .execute(params![
        date_text(registration.registered_on),
        format!(
            "{}.{}",
            registration.basis.paragraph_number, registration.basis.paragraph_sub
        ),
        serde_json::to_string(&registration.basis.service)
            .map_err(|e| StoreError::Invalid(e.to_string()))?,
        officer.id,
        officer.surname,
        officer.name,
        officer.patronymic,
        now
    ])?;
    let id = tx.last_insert_rowid();
    insert_personal_version(tx, registry, id, 1, None, &registration.personal, now)?;
    insert_biometrics(tx, registry, id, 1, &registration.biometrics, now)?;
    if let Some(rep) = &registration.representative {
        let mut stripped = rep.clone();
        let scan = stripped.written_application.scan.take();
        tx.execute(
            &format!(
                "INSERT INTO {} (registration_id, data, application_scan, recorded_at)
                 VALUES (?1, ?2, ?3, ?4)",
                table(registry, "representations")
            ),
            params![
                id,
                serde_json::to_string(&stripped).map_err(|e| StoreError::Invalid(e.to_string()))?,
                scan.map(|s| s.bytes),
                now
            ],
        )?;
    }
    if let Some(mark) = &registration.defect_mark {
        insert_defect_mark(tx, registry, id, mark, now)?;
    }
    super::stats::refresh_facts(tx, registry, id)?;
    super::outbox::enqueue(tx, registry, OutboxKind::Registration, id, None, now)?;
    audit::append(
        tx,
        AuditEvent::new(AuditAction::RecordCreated)
            .by(officer.id)
            .on(registry, id)
            .content(super::content::registration_state(
                tx,
                RegistrationId { registry, id },
            )?),
        Utc::now(),
    )?;
    Ok(RegistrationId { registry, id })
}

impl Store {
    /// Saves a registration — personal data, every biometric row, the
    /// representation, the defect mark and the audit entry — in one
    /// transaction: all of it is saved, or none.
    ///
    /// The date and basis of registration and the officer's name are recorded
    /// with it (п.7); a registration without a single print and without a
    /// defect mark (п.10) is refused.
    pub fn save_registration(
        &mut self,
        officer_id: i64,
        registration: &NewRegistration,
    ) -> Result<RegistrationId, StoreError> {
        let ids = self.save_registrations(officer_id, std::slice::from_ref(registration))?;
        ids.into_iter()
            .next()
            .ok_or_else(|| StoreError::Invalid("nothing saved".into()))
    }

    /// Saves several registrations in one transaction (an import from a
    /// transfer package, a migration): all of them, or none.
    pub fn save_registrations(
        &mut self,
        officer_id: i64,
        registrations: &[NewRegistration],
    ) -> Result<Vec<RegistrationId>, StoreError> {
        for registration in registrations {
            check_new_registration(registration)?;
        }
        let now = now_text();
        let tx = self.conn_mut().transaction()?;
        let officer: Option<(String, String, Option<String>, bool)> = tx
            .query_row(
                "SELECT surname, name, patronymic, active FROM officers WHERE id = ?1",
                [officer_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((surname, name, patronymic, true)) = officer else {
            return Err(StoreError::Invalid("no such active officer".into()));
        };
        let officer = OfficerSnapshot {
            id: officer_id,
            surname,
            name,
            patronymic,
        };
        let mut ids = Vec::with_capacity(registrations.len());
        for registration in registrations {
            ids.push(insert_registration(&tx, &officer, registration, &now)?);
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Reads a registration in full (audited as a read).
    pub fn load_registration(
        &mut self,
        officer_id: i64,
        id: RegistrationId,
    ) -> Result<Registration, StoreError> {
        let registration = self.read_registration(id)?;
        self.audit(
            AuditEvent::new(AuditAction::RecordRead)
                .by(officer_id)
                .on(id.registry, id.id),
        )?;
        Ok(registration)
    }

    /// Reads a registration in full to send it out of the kiosk (a
    /// transaction for the registries), audited as an export.
    pub fn export_registration(&mut self, id: RegistrationId) -> Result<Registration, StoreError> {
        let registration = self.read_registration(id)?;
        self.audit(AuditEvent::new(AuditAction::RecordExported).on(id.registry, id.id))?;
        Ok(registration)
    }

    pub(crate) fn read_registration(&self, id: RegistrationId) -> Result<Registration, StoreError> {
        let registry = id.registry;
        let conn = self.conn();
        type Head = (String, String, String, String, String, Option<String>);
        let head: Option<Head> = conn
            .query_row(
                &format!(
                    "SELECT registered_on, basis_paragraph, basis_service, officer_surname, officer_name,
                            officer_patronymic
                     FROM {} WHERE id = ?1",
                    table(registry, "registrations")
                ),
                [id.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?;
        let Some((registered_on, paragraph, service, o_surname, o_name, o_patronymic)) = head
        else {
            return Err(StoreError::NotFound);
        };
        let (number, sub) = paragraph
            .split_once('.')
            .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
            .ok_or_else(|| StoreError::Corrupt(format!("bad basis {paragraph:?}")))?;
        let current = self
            .personal_history(id)?
            .into_iter()
            .find(|v| v.valid_to.is_none())
            .ok_or_else(|| StoreError::Corrupt("a registration without personal data".into()))?;
        let representative: Option<(String, Option<Vec<u8>>)> = conn
            .query_row(
                &format!(
                    "SELECT data, application_scan FROM {} WHERE registration_id = ?1 ORDER BY id DESC LIMIT 1",
                    table(registry, "representations")
                ),
                [id.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let representative = match representative {
            Some((json, scan)) => {
                let mut rep: Representative = serde_json::from_str(&json)?;
                rep.written_application.scan = scan.map(|bytes| EncodedImage {
                    format: ImageFormat::Png,
                    bytes,
                });
                Some(rep)
            }
            None => None,
        };
        let defect_mark = conn
            .query_row(
                &format!(
                    "SELECT fingers, palms, permanence FROM {} WHERE registration_id = ?1 AND valid_to IS NULL
                     ORDER BY id DESC LIMIT 1",
                    table(registry, "defect_marks")
                ),
                [id.id],
                |r| {
                    let permanence: String = r.get(2)?;
                    Ok(DefectMark {
                        fingers: r.get(0)?,
                        palms: r.get(1)?,
                        permanence: if permanence == "permanent" {
                            Permanence::Permanent
                        } else {
                            Permanence::Temporary
                        },
                    })
                },
            )
            .optional()?;
        Ok(Registration {
            id,
            registered_on: parse_date(&registered_on)?,
            basis: RegistrationBasis {
                paragraph_number: number,
                paragraph_sub: sub,
                service: serde_json::from_str(&service)?,
            },
            officer_name: FullName {
                surname: o_surname,
                name: o_name,
                patronymic: o_patronymic,
            },
            personal: current.personal,
            personal_version: current.version,
            biometrics: read_biometrics(conn, registry, id.id, true)?
                .into_iter()
                .map(|v| v.record)
                .collect(),
            representative,
            defect_mark,
            verifications: self.verifications(id)?,
            images_purged_at: super::content::purged_at(conn, id)?,
        })
    }

    /// Every version of a registration's personal data, oldest first (п.14).
    #[expect(
        clippy::too_many_lines,
        reason = "one query and the mapping of every п.7 column of its rows"
    )]
    pub fn personal_history(
        &self,
        id: RegistrationId,
    ) -> Result<Vec<PersonalDataVersion>, StoreError> {
        let registry = id.registry;
        let mut stmt = self.conn().prepare(&format!(
            "SELECT p.version, p.valid_from, p.valid_to, p.data, p.photo, p.photo_format, p.signature,
                    p.signature_format, c.kind, c.applicant, c.reason, c.applied_on, c.officer_id, c.changed_at,
                    c.applicant_document
             FROM {} p LEFT JOIN {} c ON c.id = p.change_id
             WHERE p.registration_id = ?1 ORDER BY p.version",
            table(registry, "personal_data"),
            table(registry, "changes")
        ))?;
        type Row = (
            i64,
            String,
            Option<String>,
            String,
            Option<Vec<u8>>,
            Option<String>,
            Option<Vec<u8>>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<i64>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = stmt
            .query_map([id.id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(13)?,
                    r.get(14)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut versions = Vec::with_capacity(rows.len());
        for (
            version,
            from,
            to,
            json,
            photo,
            photo_fmt,
            sig,
            sig_fmt,
            kind,
            applicant,
            reason,
            on,
            officer,
            at,
            document,
        ) in rows
        {
            let change = match (kind, applicant, reason, on, officer, at) {
                (
                    Some(kind),
                    Some(applicant),
                    Some(reason),
                    Some(on),
                    Some(officer_id),
                    Some(at),
                ) => Some(ChangeInfo {
                    kind: if kind == "refingerprinting" {
                        ChangeKind::Refingerprinting
                    } else {
                        ChangeKind::Correction
                    },
                    applicant: applicant_from(&applicant)?,
                    applicant_document: document,
                    reason,
                    applied_on: parse_date(&on)?,
                    officer_id,
                    changed_at: at,
                }),
                _ => None,
            };
            versions.push(PersonalDataVersion {
                version,
                valid_from: from,
                valid_to: to,
                change,
                personal: join_personal(
                    &json,
                    photo.map(|p| (p, photo_fmt)),
                    sig.map(|s| (s, sig_fmt)),
                )?,
            });
        }
        if versions.is_empty() {
            return Err(StoreError::NotFound);
        }
        Ok(versions)
    }

    /// Every change of a registration (corrections, re-fingerprintings),
    /// oldest first: who applied, why, when and which officer.
    pub fn changes(&self, id: RegistrationId) -> Result<Vec<ChangeInfo>, StoreError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT kind, applicant, reason, applied_on, officer_id, changed_at, applicant_document
             FROM {} WHERE registration_id = ?1 ORDER BY id",
            table(id.registry, "changes")
        ))?;
        type Row = (String, String, String, String, i64, String, Option<String>);
        let rows: Vec<Row> = stmt
            .query_map([id.id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(kind, applicant, reason, on, officer_id, at, document)| {
                Ok(ChangeInfo {
                    kind: match kind.as_str() {
                        "correction" => ChangeKind::Correction,
                        "refingerprinting" => ChangeKind::Refingerprinting,
                        other => {
                            return Err(StoreError::Corrupt(format!("unknown change {other:?}")));
                        }
                    },
                    applicant: applicant_from(&applicant)?,
                    applicant_document: document,
                    reason,
                    applied_on: parse_date(&on)?,
                    officer_id,
                    changed_at: at,
                })
            })
            .collect()
    }

    /// Every biometric row of a registration, archived ones included, by set.
    pub fn biometric_history(
        &self,
        id: RegistrationId,
    ) -> Result<Vec<BiometricVersion>, StoreError> {
        read_biometrics(self.conn(), id.registry, id.id, false)
    }

    /// Corrects the personal data (п.12): the current version is archived with
    /// its validity closed (п.14), the new one becomes current, and the change
    /// records who applied and why — in one transaction, audited.
    pub fn correct_personal_data(
        &mut self,
        officer_id: i64,
        id: RegistrationId,
        personal: &PersonalData,
        request: &ChangeRequest,
    ) -> Result<i64, StoreError> {
        if personal.registry() != id.registry {
            return Err(StoreError::Invalid(
                "the new data belong to the other registry".into(),
            ));
        }
        check_personal(personal)?;
        let now = now_text();
        let tx = self.conn_mut().transaction()?;
        if !exists(&tx, id)? {
            return Err(StoreError::NotFound);
        }
        let change_id = insert_change(
            &tx,
            id.registry,
            id.id,
            ChangeKind::Correction,
            request,
            officer_id,
            &now,
        )?;
        let version: i64 = tx.query_row(
            &format!(
                "SELECT max(version) FROM {} WHERE registration_id = ?1",
                table(id.registry, "personal_data")
            ),
            [id.id],
            |r| r.get(0),
        )?;
        tx.execute(
            &format!(
                "UPDATE {} SET valid_to = ?1 WHERE registration_id = ?2 AND valid_to IS NULL",
                table(id.registry, "personal_data")
            ),
            params![now, id.id],
        )?;
        insert_personal_version(
            &tx,
            id.registry,
            id.id,
            version + 1,
            Some(change_id),
            personal,
            &now,
        )?;
        // A correction that took no new photo of a record whose photo was
        // delivered and purged keeps saying so.
        tx.execute(
            &format!(
                "UPDATE {t} SET photo_purged_at =
                   (SELECT photo_purged_at FROM {t} WHERE registration_id = ?1 AND version = ?2)
                 WHERE registration_id = ?1 AND version = ?3 AND photo IS NULL",
                t = table(id.registry, "personal_data")
            ),
            params![id.id, version, version + 1],
        )?;
        super::outbox::enqueue(
            &tx,
            id.registry,
            OutboxKind::Correction,
            id.id,
            Some(version + 1),
            &now,
        )?;
        audit_change(&tx, officer_id, id)?;
        tx.commit()?;
        Ok(version + 1)
    }

    /// Re-fingerprints a registered person (п.13): the biometric part is
    /// replaced as a whole — every current row is archived (п.14) and the
    /// new set (ten fingers, with palms where they were retaken, every
    /// exception with its reason) becomes current, with the п.10 mark the
    /// new capture needs, if any, in place of the old one. One
    /// transaction, audited.
    pub fn refingerprint(
        &mut self,
        officer_id: i64,
        id: RegistrationId,
        records: &[BiometricRecord],
        defect_mark: Option<DefectMark>,
        request: &ChangeRequest,
    ) -> Result<i64, StoreError> {
        check_biometrics(records)?;
        let fingers = records
            .iter()
            .filter(|r| matches!(r.position, Position::Finger(_)))
            .count();
        if fingers != 10 {
            return Err(StoreError::Invalid(
                "re-fingerprinting replaces all ten fingers (п.13)".into(),
            ));
        }
        if !records.iter().any(|r| r.capture.is_some()) && defect_mark.is_none() {
            return Err(StoreError::Invalid(
                "a biometric set needs prints or a physical-defect mark (п.10)".into(),
            ));
        }
        let now = now_text();
        let tx = self.conn_mut().transaction()?;
        if !exists(&tx, id)? {
            return Err(StoreError::NotFound);
        }
        insert_change(
            &tx,
            id.registry,
            id.id,
            ChangeKind::Refingerprinting,
            request,
            officer_id,
            &now,
        )?;
        let set: i64 = tx.query_row(
            &format!(
                "SELECT coalesce(max(set_version), 0) FROM {} WHERE registration_id = ?1",
                table(id.registry, "biometrics")
            ),
            [id.id],
            |r| r.get(0),
        )?;
        tx.execute(
            &format!(
                "UPDATE {} SET valid_to = ?1 WHERE registration_id = ?2 AND valid_to IS NULL",
                table(id.registry, "biometrics")
            ),
            params![now, id.id],
        )?;
        insert_biometrics(&tx, id.registry, id.id, set + 1, records, &now)?;
        // The new set settles the mark of an earlier visit (kept in the
        // archive, п.14); the new capture's own mark, if any, replaces it.
        tx.execute(
            &format!(
                "UPDATE {} SET valid_to = ?1 WHERE registration_id = ?2 AND valid_to IS NULL",
                table(id.registry, "defect_marks")
            ),
            params![now, id.id],
        )?;
        if let Some(mark) = defect_mark {
            insert_defect_mark(&tx, id.registry, id.id, &mark, &now)?;
        }
        super::stats::refresh_facts(&tx, id.registry, id.id)?;
        super::outbox::enqueue(
            &tx,
            id.registry,
            OutboxKind::Refingerprinting,
            id.id,
            Some(set + 1),
            &now,
        )?;
        audit_change(&tx, officer_id, id)?;
        tx.commit()?;
        Ok(set + 1)
    }

    /// Looks a person up for п.11 in one registry or both: registrations held
    /// here (any version of their personal data) and imported marks.
    /// Names match across Kazakh, Russian and Latin spellings.
    pub fn lookup(
        &self,
        registry: Option<Registry>,
        query: &LookupQuery,
    ) -> Result<Vec<LookupHit>, StoreError> {
        let registries: Vec<Registry> = match registry {
            Some(r) => vec![r],
            None => vec![Registry::Citizen, Registry::Foreigner],
        };
        let (condition, args): (&str, Vec<String>) = match query {
            LookupQuery::Iin(iin) => ("iin = ?1", vec![iin.trim().to_string()]),
            LookupQuery::Document(number) => ("document_key = ?1", vec![document_key(number)]),
            LookupQuery::NameAndBirthDate {
                surname,
                name,
                birth_date,
            } => name_condition(surname, name, *birth_date),
        };
        if args.iter().any(String::is_empty) {
            return Ok(Vec::new());
        }
        let mut hits = Vec::new();
        for registry in registries {
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT DISTINCT registration_id FROM {} WHERE {condition} LIMIT 50",
                table(registry, "personal_data")
            ))?;
            let ids: Vec<i64> = stmt
                .query_map(rusqlite::params_from_iter(&args), |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for id in ids {
                hits.push(self.hit_for(RegistrationId { registry, id })?);
            }
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT id, surname, name, birth_date, registered_on FROM {} WHERE {condition} LIMIT 50",
                table(registry, "registration_marks")
            ))?;
            let marks = stmt
                .query_map(rusqlite::params_from_iter(&args), |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            for (id, surname, name, birth, on) in marks {
                hits.push(LookupHit {
                    source: LookupSource::ImportedMark { registry, id },
                    surname,
                    name,
                    birth_date: parse_date(&birth)?,
                    registered_on: parse_date(&on)?,
                });
            }
        }
        Ok(hits)
    }

    fn hit_for(&self, id: RegistrationId) -> Result<LookupHit, StoreError> {
        let (json, registered_on): (String, String) = self.conn().query_row(
            &format!(
                "SELECT p.data, r.registered_on FROM {} p JOIN {} r ON r.id = p.registration_id
                 WHERE p.registration_id = ?1 AND p.valid_to IS NULL",
                table(id.registry, "personal_data"),
                table(id.registry, "registrations")
            ),
            [id.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let personal: PersonalData = serde_json::from_str(&json)?;
        Ok(LookupHit {
            source: LookupSource::Registration {
                registry: id.registry,
                id: id.id,
            },
            surname: personal.name().surname.clone(),
            name: personal.name().name.clone(),
            birth_date: personal.birth_date(),
            registered_on: parse_date(&registered_on)?,
        })
    }

    /// Whether the applicant kind's registry holds a previous registration
    /// matching any of the given keys (the mark of п.11).
    pub fn previously_registered(
        &self,
        applicant: ApplicantKind,
        queries: &[LookupQuery],
    ) -> Result<bool, StoreError> {
        for query in queries {
            if !self.lookup(Some(applicant.registry()), query)?.is_empty() {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Per registry (citizens, foreigners): the highest biometric row id and
/// the number of current finger templates. See [`Store::enrolled_stamp`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EnrolledStamp(pub [(i64, i64); 2]);

/// One enrolled finger's template as stored, for the duplicate search.
#[derive(Debug, Clone)]
pub struct StoredTemplate {
    /// ISO/IEC 19794-2 finger position, 1–10.
    pub position: u8,
    /// The template's format (`iso19794-2:2011;angles=iso`, or
    /// `iso19794-2:2011` for the rows written before directions were ISO's).
    pub format: String,
    /// The template.
    pub template: Vec<u8>,
}

impl Store {
    /// The current finger templates of every registration in both
    /// registries that has any (archived sets and palms left out), grouped
    /// by registration: the gallery of the 1:N duplicate search. Not
    /// audited per record: nothing personal is read, and the search that
    /// uses it is audited by its caller.
    pub fn enrolled_templates(
        &self,
    ) -> Result<Vec<(RegistrationId, Vec<StoredTemplate>)>, StoreError> {
        self.enrolled_templates_changed_since(EnrolledStamp::default())
    }

    /// Where the enrolled templates stand: biometric rows are only ever
    /// added (a re-fingerprinting archives the old rows and adds new ones),
    /// so the highest row id and the number of current rows of each
    /// registry change whenever any current template does.
    pub fn enrolled_stamp(&self) -> Result<EnrolledStamp, StoreError> {
        let mut stamp = EnrolledStamp::default();
        for (i, registry) in [Registry::Citizen, Registry::Foreigner]
            .into_iter()
            .enumerate()
        {
            stamp.0[i] = self.conn().query_row(
                &format!(
                    "SELECT COALESCE(MAX(id), 0),
                            (SELECT COUNT(*) FROM {t} WHERE valid_to IS NULL
                              AND template IS NOT NULL AND position BETWEEN 1 AND 10)
                     FROM {t}",
                    t = table(registry, "biometrics")
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
        }
        Ok(stamp)
    }

    /// The current finger templates of the registrations that gained
    /// biometric rows after `stamp` (all of them for the default stamp).
    pub fn enrolled_templates_changed_since(
        &self,
        stamp: EnrolledStamp,
    ) -> Result<Vec<(RegistrationId, Vec<StoredTemplate>)>, StoreError> {
        let mut out: Vec<(RegistrationId, Vec<StoredTemplate>)> = Vec::new();
        for (i, registry) in [Registry::Citizen, Registry::Foreigner]
            .into_iter()
            .enumerate()
        {
            let mut statement = self.conn().prepare(&format!(
                "SELECT registration_id, position, template_format, template FROM {t}
                 WHERE valid_to IS NULL AND template IS NOT NULL AND position BETWEEN 1 AND 10
                   AND registration_id IN (SELECT registration_id FROM {t} WHERE id > ?1)
                 ORDER BY registration_id, position",
                t = table(registry, "biometrics")
            ))?;
            let rows = statement.query_map([stamp.0[i].0], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, u8>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Vec<u8>>(3)?,
                ))
            })?;
            for row in rows {
                let (id, position, format, template) = row?;
                // A template without its format is counted as unreadable
                // by the duplicate check (format "").
                let stored = StoredTemplate {
                    position,
                    format: format.unwrap_or_default(),
                    template,
                };
                match out.last_mut() {
                    Some((last, fingers)) if last.registry == registry && last.id == id => {
                        fingers.push(stored)
                    }
                    _ => out.push((RegistrationId { registry, id }, vec![stored])),
                }
            }
        }
        Ok(out)
    }
}
