//! Decisions that are not registrations: refusals (п.5), exemptions and "not
//! subject" decisions (п.3, п.4); verifications (п.11); imported marks of a
//! previous registration.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::audit::{self, AuditAction, AuditEvent};
use super::names::{document_key, name_key};
use super::registrations::{LookupSource, RegistrationId, table};
use super::{Store, StoreError};
use crate::model::{
    FullName, MedicalConclusion, PassportKind, ReciprocityCategory, Registry, Service,
};

/// What identifies a person who was not registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonIdentity {
    /// The person's name.
    pub name: FullName,
    /// The date of birth.
    pub birth_date: NaiveDate,
    /// The IIN (citizens).
    pub iin: Option<String>,
    /// The identity document's number.
    pub document_number: Option<String>,
}

/// A citizen's refusal of dactyloscopic registration (п.5), recorded in the
/// citizen registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// Who refused.
    pub person: PersonIdentity,
    /// The passport service applied for.
    pub service: Service,
}

/// The outcome of a decision not to collect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NonCollectionOutcome {
    /// A legal exemption (п.4).
    Exempt,
    /// Outside п.3.
    NotSubject,
}

/// An exemption (п.4) or a "not subject" decision (п.3) with its evidence.
/// Kept apart from physical-defect marks (п.10), which belong to
/// registrations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonCollection {
    /// The registry the decision is kept in.
    pub registry: Registry,
    /// Who it is about.
    pub person: PersonIdentity,
    /// Exempt, or not subject.
    pub outcome: NonCollectionOutcome,
    /// Paragraph numbers, e.g. `["4.1", "4.3"]`.
    pub grounds: Vec<String>,
    /// The service applied for.
    pub service: Service,
    /// The medical conclusion relied on (п.4.3).
    pub medical_conclusion: Option<MedicalConclusion>,
    /// The reciprocity category relied on (п.4.2).
    pub reciprocity_category: Option<ReciprocityCategory>,
    /// The other state gives equal treatment (п.4.2), as confirmed.
    #[serde(default)]
    pub reciprocity: bool,
    /// The exemption was claimed as a family member (or an accompanying
    /// person) of the category (п.4.2).
    #[serde(default)]
    pub family_member: bool,
    /// The kind of passport held (п.4.2).
    pub passport_kind: PassportKind,
    /// A diplomatic courier's sheet was presented (п.4.2).
    pub courier_sheet: bool,
    /// The person lacks all fingers or both palms (п.4.4), as found.
    #[serde(default)]
    pub lacks_all_fingers_or_palms: bool,
    /// The application date the decision was made on.
    pub decided_on: NaiveDate,
}

/// How a person's identity was verified (п.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationMethod {
    /// Fingers compared 1:1 with the stored templates.
    #[default]
    Fingers,
    /// Palms compared with the stored palm prints (a record with palms
    /// only, п.10).
    Palms,
    /// The previous record holds no print to compare with (an imported
    /// mark, a defect mark): the officer confirmed identity by the
    /// documents, and the document seen is recorded.
    Documents,
}

impl VerificationMethod {
    /// The code stored in the registry.
    pub fn code(self) -> &'static str {
        match self {
            VerificationMethod::Fingers => "fingers",
            VerificationMethod::Palms => "palms",
            VerificationMethod::Documents => "documents",
        }
    }

    /// The method of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            VerificationMethod::Fingers,
            VerificationMethod::Palms,
            VerificationMethod::Documents,
        ]
        .into_iter()
        .find(|m| m.code() == code)
    }

    /// The Fluent message id of the method.
    pub fn message_key(self) -> &'static str {
        match self {
            VerificationMethod::Fingers => "verification-method-fingers",
            VerificationMethod::Palms => "verification-method-palms",
            VerificationMethod::Documents => "verification-method-documents",
        }
    }
}

/// An identity verification (п.11).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerificationRecord {
    /// When the verification was made.
    pub verified_at: DateTime<Utc>,
    /// The officer who made it.
    pub officer_id: i64,
    #[serde(default)]
    /// Fingers, palms or documents.
    pub method: VerificationMethod,
    /// ANSI/NIST-ITL position codes compared (none for documents).
    pub positions: Vec<u8>,
    /// One score per position, same order.
    pub scores: Vec<f64>,
    /// The matcher's threshold (0 for documents).
    pub threshold: f64,
    /// Same person.
    pub verified: bool,
    /// The document the officer checked identity against (documents only).
    #[serde(default)]
    pub document: Option<String>,
}

/// Who recorded a decision and when (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionMeta {
    /// The officer who recorded it.
    pub officer_id: i64,
    /// When, RFC 3339.
    pub at: String,
}

/// A previous registration known from elsewhere (another mission, the
/// central system), imported so that п.11 applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationMark {
    /// Who was registered.
    pub person: PersonIdentity,
    /// When.
    pub registered_on: NaiveDate,
    /// Where (the mission or system the mark comes from).
    pub source: String,
    /// The person's finger templates (ISO/IEC 19794-2), by ANSI/NIST-ITL
    /// position 1–10, when the central system sends them: п.11 is then
    /// verified by fingers.
    #[serde(default)]
    pub templates: Vec<(u8, Vec<u8>)>,
    /// The central system's id of the mark: a mark sent again with the
    /// same id is a duplicate (skipped) or an update (replaces it).
    #[serde(default)]
    pub central_id: Option<String>,
}

/// What an import of marks did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MarksImport {
    /// Marks new to this kiosk.
    pub added: usize,
    /// Marks that replaced the one held with their central id.
    pub updated: usize,
    /// Marks already held as they are, skipped.
    pub duplicates: usize,
}

fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn check_identity(person: &PersonIdentity) -> Result<(), StoreError> {
    if person.name.surname.trim().is_empty() || person.name.name.trim().is_empty() {
        return Err(StoreError::Invalid("surname and name are required".into()));
    }
    Ok(())
}

impl Store {
    /// Records a citizen's refusal (п.5) in the citizen registry.
    pub fn record_refusal(
        &mut self,
        officer_id: i64,
        refusal: &Refusal,
    ) -> Result<i64, StoreError> {
        self.record_refusal_at(officer_id, refusal, Utc::now())
    }

    /// A refusal dated `at`: the training seed spreads its refusals over
    /// the months it seeds (the live desk records one when it is made; the
    /// audit entry is always dated by the clock).
    pub(crate) fn record_refusal_at(
        &mut self,
        officer_id: i64,
        refusal: &Refusal,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        check_identity(&refusal.person)?;
        let refused_at = at.to_rfc3339_opts(SecondsFormat::Micros, true);
        let tx = self.conn_mut().transaction()?;
        tx.execute(
            "INSERT INTO citizen_refusals (data, surname_key, name_key, birth_date, iin, refused_at, officer_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                serde_json::to_string(refusal).map_err(|e| StoreError::Invalid(e.to_string()))?,
                name_key(&refusal.person.name.surname),
                name_key(&refusal.person.name.name),
                refusal.person.birth_date.format("%Y-%m-%d").to_string(),
                refusal.person.iin,
                refused_at,
                officer_id
            ],
        )?;
        let id = tx.last_insert_rowid();
        super::outbox::enqueue(
            &tx,
            Registry::Citizen,
            super::OutboxKind::Refusal,
            id,
            None,
            &now_text(),
        )?;
        audit::append(
            &tx,
            AuditEvent::new(AuditAction::RefusalRecorded)
                .by(officer_id)
                .on(Registry::Citizen, id)
                .content(super::content::refusal_state(&tx, id)?),
            Utc::now(),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// One JSON column of one row, `NotFound` when there is no such row.
    fn json_by_id<T: serde::de::DeserializeOwned>(
        &self,
        sql: &str,
        id: i64,
    ) -> Result<T, StoreError> {
        let json: String = self
            .conn()
            .query_row(sql, [id], |r| r.get(0))
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound,
                other => other.into(),
            })?;
        Ok(serde_json::from_str(&json)?)
    }

    /// Reads a refusal with who recorded it and when (audited as a read).
    pub fn open_refusal(
        &mut self,
        officer_id: i64,
        id: i64,
    ) -> Result<(Refusal, DecisionMeta), StoreError> {
        let refusal = self.refusal(id)?;
        let (by, at): (i64, String) = self.conn().query_row(
            "SELECT officer_id, refused_at FROM citizen_refusals WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        self.audit(
            AuditEvent::new(AuditAction::RecordRead)
                .by(officer_id)
                .on(Registry::Citizen, id),
        )?;
        Ok((refusal, DecisionMeta { officer_id: by, at }))
    }

    /// Reads an exemption or "not subject" decision with who recorded it
    /// and when (audited as a read).
    pub fn open_non_collection(
        &mut self,
        officer_id: i64,
        registry: Registry,
        id: i64,
    ) -> Result<(NonCollection, DecisionMeta), StoreError> {
        let decision = self.non_collection(registry, id)?;
        let (by, at): (i64, String) = self.conn().query_row(
            &format!(
                "SELECT officer_id, created_at FROM {} WHERE id = ?1",
                table(registry, "non_collections")
            ),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        self.audit(
            AuditEvent::new(AuditAction::RecordRead)
                .by(officer_id)
                .on(registry, id),
        )?;
        Ok((decision, DecisionMeta { officer_id: by, at }))
    }

    /// Reads a refusal back.
    pub fn refusal(&self, id: i64) -> Result<Refusal, StoreError> {
        self.json_by_id("SELECT data FROM citizen_refusals WHERE id = ?1", id)
    }

    /// Records an exemption or a "not subject" decision with its evidence.
    pub fn record_non_collection(
        &mut self,
        officer_id: i64,
        decision: &NonCollection,
    ) -> Result<i64, StoreError> {
        check_identity(&decision.person)?;
        if decision.grounds.is_empty() {
            return Err(StoreError::Invalid("a decision needs its grounds".into()));
        }
        let tx = self.conn_mut().transaction()?;
        tx.execute(
            &format!(
                "INSERT INTO {} (outcome, grounds, evidence, data, surname_key, name_key, birth_date,
                    decided_on, officer_id, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                table(decision.registry, "non_collections")
            ),
            params![
                match decision.outcome {
                    NonCollectionOutcome::Exempt => "exempt",
                    NonCollectionOutcome::NotSubject => "not_subject",
                },
                serde_json::to_string(&decision.grounds)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?,
                serde_json::to_string(decision).map_err(|e| StoreError::Invalid(e.to_string()))?,
                serde_json::to_string(&decision.person)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?,
                name_key(&decision.person.name.surname),
                name_key(&decision.person.name.name),
                decision.person.birth_date.format("%Y-%m-%d").to_string(),
                decision.decided_on.format("%Y-%m-%d").to_string(),
                officer_id,
                now_text()
            ],
        )?;
        let id = tx.last_insert_rowid();
        super::outbox::enqueue(
            &tx,
            decision.registry,
            super::OutboxKind::NonCollection,
            id,
            None,
            &now_text(),
        )?;
        audit::append(
            &tx,
            AuditEvent::new(AuditAction::NonCollectionRecorded)
                .by(officer_id)
                .on(decision.registry, id)
                .content(super::content::non_collection_state(
                    &tx,
                    decision.registry,
                    id,
                )?),
            Utc::now(),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Reads an exemption or "not subject" decision back.
    pub fn non_collection(&self, registry: Registry, id: i64) -> Result<NonCollection, StoreError> {
        self.json_by_id(
            &format!(
                "SELECT evidence FROM {} WHERE id = ?1",
                table(registry, "non_collections")
            ),
            id,
        )
    }

    /// Records an identity verification (п.11) against a registration held
    /// here or an imported mark of one made elsewhere.
    pub fn record_verification(
        &mut self,
        against: LookupSource,
        verification: &VerificationRecord,
    ) -> Result<i64, StoreError> {
        let by_prints = verification.method != VerificationMethod::Documents;
        if verification.positions.len() != verification.scores.len()
            || (by_prints && verification.positions.is_empty())
        {
            return Err(StoreError::Invalid(
                "one score per compared position is needed".into(),
            ));
        }
        let document = verification
            .document
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        if !by_prints && document.is_none() {
            return Err(StoreError::Invalid(
                "identity confirmed by documents names the document seen".into(),
            ));
        }
        let (registry, registration_id, mark_id, record) = match against {
            LookupSource::Registration { registry, id } => (registry, Some(id), None, id),
            LookupSource::ImportedMark { registry, id } => (registry, None, Some(id), id),
        };
        let tx = self.conn_mut().transaction()?;
        tx.execute(
            &format!(
                "INSERT INTO {} (registration_id, mark_id, method, verified_at, officer_id, positions,
                    scores, threshold, verified, document)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                table(registry, "verifications")
            ),
            params![
                registration_id,
                mark_id,
                verification.method.code(),
                verification.verified_at.to_rfc3339_opts(SecondsFormat::Micros, true),
                verification.officer_id,
                serde_json::to_string(&verification.positions)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?,
                serde_json::to_string(&verification.scores)
                    .map_err(|e| StoreError::Invalid(e.to_string()))?,
                verification.threshold,
                verification.verified,
                document,
            ],
        )?;
        let row = tx.last_insert_rowid();
        super::outbox::enqueue(
            &tx,
            registry,
            super::OutboxKind::Verification,
            record,
            Some(row),
            &now_text(),
        )?;
        let action = if mark_id.is_some() {
            AuditAction::MarkVerificationRecorded
        } else {
            AuditAction::VerificationRecorded
        };
        audit::append(
            &tx,
            AuditEvent::new(action)
                .by(verification.officer_id)
                .on(registry, record),
            Utc::now(),
        )?;
        tx.commit()?;
        Ok(row)
    }

    /// The verifications of a registration, oldest first.
    pub fn verifications(&self, id: RegistrationId) -> Result<Vec<VerificationRecord>, StoreError> {
        self.verifications_where(id.registry, "registration_id", id.id)
    }

    /// The verifications made against an imported mark, oldest first.
    pub fn mark_verifications(
        &self,
        registry: Registry,
        mark_id: i64,
    ) -> Result<Vec<VerificationRecord>, StoreError> {
        self.verifications_where(registry, "mark_id", mark_id)
    }

    pub(super) fn verifications_where(
        &self,
        registry: Registry,
        column: &str,
        id: i64,
    ) -> Result<Vec<VerificationRecord>, StoreError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT verified_at, officer_id, positions, scores, threshold, verified, method, document
             FROM {} WHERE {column} = ?1 ORDER BY id",
            table(registry, "verifications")
        ))?;
        type Row = (
            String,
            i64,
            String,
            String,
            f64,
            bool,
            String,
            Option<String>,
        );
        let rows: Vec<Row> = stmt
            .query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(
                |(at, officer_id, positions, scores, threshold, verified, method, document)| {
                    Ok(VerificationRecord {
                        verified_at: DateTime::parse_from_rfc3339(&at)
                            .map_err(|_| StoreError::Corrupt(format!("bad time {at:?}")))?
                            .with_timezone(&Utc),
                        officer_id,
                        method: VerificationMethod::from_code(&method).ok_or_else(|| {
                            StoreError::Corrupt(format!("unknown verification method {method:?}"))
                        })?,
                        positions: serde_json::from_str(&positions)?,
                        scores: serde_json::from_str(&scores)?,
                        threshold,
                        verified,
                        document,
                    })
                },
            )
            .collect()
    }

    /// Imports marks of previous registrations made elsewhere, in one
    /// transaction.
    pub fn import_marks(
        &mut self,
        officer_id: i64,
        registry: Registry,
        marks: &[RegistrationMark],
    ) -> Result<usize, StoreError> {
        let report = self.import_marks_from(Some(officer_id), registry, marks)?;
        Ok(report.added + report.updated)
    }

    /// Imports marks; one with a central id already held is skipped when
    /// it says the same, and replaces the held one (its templates too) when
    /// it says something new. One transaction, audited.
    #[expect(
        clippy::too_many_lines,
        reason = "one transaction over every mark: verify, compare, insert or replace, audit"
    )]
    pub fn import_marks_from(
        &mut self,
        officer_id: Option<i64>,
        registry: Registry,
        marks: &[RegistrationMark],
    ) -> Result<MarksImport, StoreError> {
        for mark in marks {
            check_identity(&mark.person)?;
            let mut positions: Vec<u8> = mark.templates.iter().map(|(p, _)| *p).collect();
            positions.sort_unstable();
            if positions.iter().any(|p| !(1..=10).contains(p))
                || positions.windows(2).any(|w| w[0] == w[1])
            {
                return Err(StoreError::Invalid(
                    "a mark's templates are one per finger position 1–10".into(),
                ));
            }
        }
        let now = now_text();
        let marks_table = table(registry, "registration_marks");
        let templates_table = table(registry, "mark_templates");
        let tx = self.conn_mut().transaction()?;
        let mut report = MarksImport::default();
        for mark in marks {
            let p = &mark.person;
            let values = (
                p.name.surname.trim().to_string(),
                p.name.name.trim().to_string(),
                name_key(&p.name.surname),
                name_key(&p.name.name),
                p.birth_date.format("%Y-%m-%d").to_string(),
                p.iin.clone().filter(|i| !i.is_empty()),
                p.document_number
                    .as_deref()
                    .map(document_key)
                    .filter(|d| !d.is_empty()),
                mark.registered_on.format("%Y-%m-%d").to_string(),
                mark.source.clone(),
            );
            let held: Option<i64> = match &mark.central_id {
                Some(central) => tx
                    .query_row(
                        &format!("SELECT id FROM {marks_table} WHERE central_id = ?1"),
                        [central],
                        |r| r.get(0),
                    )
                    .optional()?,
                None => None,
            };
            let mark_id = match held {
                Some(id) => {
                    type Held = (
                        String,
                        String,
                        String,
                        Option<String>,
                        Option<String>,
                        String,
                        String,
                    );
                    let old: Held = tx.query_row(
                        &format!(
                            "SELECT surname, name, birth_date, iin, document_key, registered_on, source
                             FROM {marks_table} WHERE id = ?1"
                        ),
                        [id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
                    )?;
                    let mut old_templates: Vec<(u8, Vec<u8>)> = tx
                        .prepare(&format!(
                            "SELECT position, template FROM {templates_table} WHERE mark_id = ?1"
                        ))?
                        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect::<Result<_, _>>()?;
                    old_templates.sort();
                    let mut new_templates = mark.templates.clone();
                    new_templates.sort();
                    let same =
                        old == (
                            values.0.clone(),
                            values.1.clone(),
                            values.4.clone(),
                            values.5.clone(),
                            values.6.clone(),
                            values.7.clone(),
                            values.8.clone(),
                        ) && old_templates == new_templates;
                    if same {
                        report.duplicates += 1;
                        continue;
                    }
                    tx.execute(
                        &format!(
                            "UPDATE {marks_table} SET surname = ?1, name = ?2, surname_key = ?3,
                                name_key = ?4, birth_date = ?5, iin = ?6, document_key = ?7,
                                registered_on = ?8, source = ?9, imported_at = ?10 WHERE id = ?11"
                        ),
                        params![
                            values.0, values.1, values.2, values.3, values.4, values.5, values.6,
                            values.7, values.8, now, id
                        ],
                    )?;
                    tx.execute(
                        &format!("DELETE FROM {templates_table} WHERE mark_id = ?1"),
                        [id],
                    )?;
                    report.updated += 1;
                    id
                }
                None => {
                    tx.execute(
                        &format!(
                            "INSERT INTO {marks_table} (surname, name, surname_key, name_key, birth_date,
                                iin, document_key, registered_on, source, imported_at, central_id)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                        ),
                        params![
                            values.0,
                            values.1,
                            values.2,
                            values.3,
                            values.4,
                            values.5,
                            values.6,
                            values.7,
                            values.8,
                            now,
                            mark.central_id
                        ],
                    )?;
                    report.added += 1;
                    tx.last_insert_rowid()
                }
            };
            for (position, template) in &mark.templates {
                tx.execute(
                    &format!(
                        "INSERT INTO {templates_table} (mark_id, position, template, template_format)
                         VALUES (?1, ?2, ?3, 'iso19794-2')"
                    ),
                    params![mark_id, position, template],
                )?;
            }
        }
        let mut event = AuditEvent::new(AuditAction::MarksImported);
        if let Some(officer) = officer_id {
            event = event.by(officer);
        }
        audit::append(&tx, event, Utc::now())?;
        tx.commit()?;
        Ok(report)
    }

    /// The finger templates an imported mark carries, by position.
    pub fn mark_templates(
        &self,
        registry: Registry,
        mark_id: i64,
    ) -> Result<Vec<(u8, Vec<u8>)>, StoreError> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT position, template FROM {} WHERE mark_id = ?1 ORDER BY position",
            table(registry, "mark_templates")
        ))?;
        let rows = stmt
            .query_map([mark_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
