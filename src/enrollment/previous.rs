//! The previous registration of п.11: looked up in **both** registries
//! (the Kazakh text names "ХҚТ ТП" АЖ and "Бүркіт" БАЖ: a former
//! foreigner may now be a citizen, and the reverse) and in the marks
//! imported from the central systems; then read for what the verification
//! can compare.

use chrono::NaiveDate;

use crate::biometrics::image::FingerImage;
use crate::biometrics::iso;
use crate::biometrics::template::FingerTemplate;
use crate::model::{DefectMark, FingerPosition, PalmPosition, Position, Registry};
use crate::store::{
    AuditAction, AuditEvent, LookupHit, LookupQuery, LookupSource, RegistrationId, Store,
    StoreError, VerificationMethod,
};

use super::forms::ValidIdentity;

/// What the desk verifies a returning person against (п.11).
#[derive(Clone)]
pub struct PreviousRecord {
    pub source: LookupSource,
    pub surname: String,
    pub name: String,
    pub birth_date: NaiveDate,
    pub registered_on: NaiveDate,
    /// The finger templates that could be read.
    pub fingers: Vec<(FingerPosition, FingerTemplate)>,
    /// The palm prints on record (a record with palms only, п.10).
    pub palms: Vec<(PalmPosition, FingerImage)>,
    /// Printed fingers whose template is missing or cannot be decoded:
    /// reported to the officer and audited, never taken for "no prints".
    pub unreadable_templates: usize,
    pub defect_mark: Option<DefectMark>,
}

impl std::fmt::Debug for PreviousRecord {
    // Biometric data never goes to logs or panic messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PreviousRecord")
            .field("source", &self.source)
            .field("fingers", &self.fingers.len())
            .field("palms", &self.palms.len())
            .field("unreadable_templates", &self.unreadable_templates)
            .field("defect_mark", &self.defect_mark)
            .finish_non_exhaustive()
    }
}

impl PreviousRecord {
    /// How identity can be verified against this record: by fingers where
    /// it holds finger templates, else by palms where it holds palms, else
    /// by the documents (an imported mark, a defect mark, no templates).
    pub fn method(&self) -> VerificationMethod {
        if !self.fingers.is_empty() {
            VerificationMethod::Fingers
        } else if !self.palms.is_empty() {
            VerificationMethod::Palms
        } else {
            VerificationMethod::Documents
        }
    }

    /// The registration held here, if this is one (not an imported mark).
    pub fn registration(&self) -> Option<RegistrationId> {
        match self.source {
            LookupSource::Registration { registry, id } => Some(RegistrationId { registry, id }),
            LookupSource::ImportedMark { .. } => None,
        }
    }

    pub fn registry(&self) -> Registry {
        match self.source {
            LookupSource::Registration { registry, .. }
            | LookupSource::ImportedMark { registry, .. } => registry,
        }
    }

    /// A temporary defect mark (п.10) asks for re-fingerprinting at this
    /// application (п.13).
    pub fn refingerprint_due(&self) -> bool {
        self.defect_mark
            .is_some_and(|mark| mark.refingerprint_next_time())
    }

    /// The record holds palm prints: a re-fingerprinting retakes them too
    /// (п.13).
    pub fn has_palms(&self) -> bool {
        !self.palms.is_empty()
    }
}

/// The keys a person is looked up by: IIN, document, name and birth date.
pub(crate) fn lookup_queries(identity: &ValidIdentity) -> Vec<LookupQuery> {
    let mut queries = Vec::new();
    if let Some(iin) = &identity.iin {
        queries.push(LookupQuery::Iin(iin.clone()));
    }
    if let Some(document) = &identity.document_number {
        queries.push(LookupQuery::Document(document.clone()));
    }
    queries.push(LookupQuery::NameAndBirthDate {
        surname: identity.name.surname.clone(),
        name: identity.name.name.clone(),
        birth_date: identity.birth_date,
    });
    queries
}

/// Every previous registration of the person, in both registries and
/// among the imported marks, each once.
pub(crate) fn look_up(
    store: &Store,
    identity: &ValidIdentity,
) -> Result<Vec<LookupHit>, StoreError> {
    let mut hits: Vec<LookupHit> = Vec::new();
    for query in lookup_queries(identity) {
        for hit in store.lookup(None, &query)? {
            if !hits.iter().any(|h| h.source == hit.source) {
                hits.push(hit);
            }
        }
    }
    Ok(hits)
}

/// Reads the hits and picks the one to verify against: a registration
/// held here before an imported mark, then the one with most fingers to
/// compare, then the latest. Unreadable templates are audited on their
/// record.
pub(crate) fn load_previous(
    store: &mut Store,
    officer_id: i64,
    hits: &[LookupHit],
) -> Result<Option<PreviousRecord>, StoreError> {
    let mut best: Option<PreviousRecord> = None;
    for hit in hits {
        let candidate = match hit.source {
            LookupSource::Registration { registry, id } => {
                read_registration(store, officer_id, RegistrationId { registry, id }, hit)?
            }
            LookupSource::ImportedMark { registry, id } => PreviousRecord {
                source: hit.source,
                surname: hit.surname.clone(),
                name: hit.name.clone(),
                birth_date: hit.birth_date,
                registered_on: hit.registered_on,
                fingers: store
                    .mark_templates(registry, id)?
                    .into_iter()
                    .filter_map(|(position, data)| {
                        let finger = FingerPosition::from_code(position)?;
                        let mut template = iso::decode(&data).ok()?.into_iter().next()?;
                        template.position = Some(finger);
                        Some((finger, template))
                    })
                    .collect(),
                palms: Vec::new(),
                unreadable_templates: 0,
                defect_mark: None,
            },
        };
        let rank = |p: &PreviousRecord| {
            (
                p.registration().is_some(),
                p.fingers.len(),
                p.palms.len(),
                p.registered_on,
            )
        };
        if best.as_ref().is_none_or(|b| rank(&candidate) > rank(b)) {
            best = Some(candidate);
        }
    }
    Ok(best)
}

fn read_registration(
    store: &mut Store,
    officer_id: i64,
    id: RegistrationId,
    hit: &LookupHit,
) -> Result<PreviousRecord, StoreError> {
    let registration = store.load_registration(officer_id, id)?;
    let mut fingers = Vec::new();
    let mut palms = Vec::new();
    let mut unreadable = 0;
    for record in &registration.biometrics {
        let Some(capture) = &record.capture else {
            continue;
        };
        match record.position {
            Position::Finger(finger) => {
                let decoded = capture
                    .template
                    .as_ref()
                    .and_then(|t| iso::decode_stored(&t.format, &t.data).ok())
                    .and_then(|t| t.into_iter().next());
                match decoded {
                    Some(mut template) => {
                        template.position = Some(finger);
                        fingers.push((finger, template));
                    }
                    None => unreadable += 1,
                }
            }
            // A palm is compared as an image: once delivered and purged
            // (retention) there is nothing to compare, and the verification
            // goes by the fingers or the documents.
            Position::Palm(palm) => match capture.png.as_deref().map(image::load_from_memory) {
                Some(Ok(decoded)) => palms.push((
                    palm,
                    FingerImage {
                        image: decoded.to_luma8(),
                        ppi: capture.ppi,
                    },
                )),
                Some(Err(_)) => unreadable += 1,
                None => {}
            },
        }
    }
    if unreadable > 0 {
        store.audit(
            AuditEvent::new(AuditAction::TemplatesUnreadable)
                .by(officer_id)
                .on(id.registry, id.id),
        )?;
    }
    Ok(PreviousRecord {
        source: hit.source,
        surname: hit.surname.clone(),
        name: hit.name.clone(),
        birth_date: hit.birth_date,
        registered_on: registration.registered_on,
        fingers,
        palms,
        unreadable_templates: unreadable,
        defect_mark: registration.defect_mark,
    })
}
