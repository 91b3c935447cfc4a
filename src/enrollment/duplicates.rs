//! The duplicate check: is the person at the desk already enrolled under
//! another identity? A 1:N search ([`crate::biometrics::search`]) of the
//! captured fingers among every current enrolment in both registries.

use chrono::NaiveDate;

use super::forms::ValidIdentity;
use crate::biometrics::iso;
use crate::biometrics::search::{Gallery, Probe, SearchOptions, search};
use crate::biometrics::template::FingerTemplate;
use crate::model::{FingerPosition, FullName, PersonalData};
use crate::store::{
    AuditAction, AuditEvent, Registration, RegistrationId, Store, StoreError, name_key,
};

/// The gallery of everyone enrolled in the store. Templates that cannot be
/// decoded are skipped (and counted), never fatal: one damaged row must not
/// stop the desk.
pub fn gallery_from_store(store: &Store) -> Result<(Gallery<RegistrationId>, usize), StoreError> {
    let mut skipped = 0;
    let mut persons = Vec::new();
    for (id, stored) in store.enrolled_templates()? {
        let mut fingers: Vec<FingerTemplate> = Vec::with_capacity(stored.len());
        for row in stored {
            let Some(position) = FingerPosition::ALL
                .into_iter()
                .find(|p| *p as u8 == row.position)
            else {
                skipped += 1;
                continue;
            };
            match iso::decode(&row.template) {
                Ok(mut decoded) if !decoded.is_empty() => {
                    let mut template = decoded.swap_remove(0);
                    template.position = Some(position);
                    fingers.push(template);
                }
                _ => skipped += 1,
            }
        }
        if !fingers.is_empty() {
            persons.push((id, fingers));
        }
    }
    let mut gallery = Gallery::new();
    gallery.extend(persons);
    Ok((gallery, skipped))
}

/// A person already enrolled whose fingers match the applicant's.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateCandidate {
    pub registration: RegistrationId,
    pub name: FullName,
    pub birth_date: NaiveDate,
    pub iin: Option<String>,
    pub registered_on: NaiveDate,
    /// The photograph on record (JPEG), to compare with the face at the desk.
    pub photo: Option<Vec<u8>>,
    /// The fused score (sum of the fingers' matcher scores).
    pub score: f32,
    pub matched_fingers: usize,
    pub compared_fingers: usize,
}

/// Who the applicant says he is, to tell "the same person enrolled before"
/// (not a duplicate) from "another identity".
pub(crate) struct Claimed<'a> {
    pub identity: &'a ValidIdentity,
    /// The previous registration found for him at the look-up (п.11).
    pub previous: &'a [RegistrationId],
}

fn same_identity(claimed: &Claimed<'_>, registration: &Registration) -> bool {
    if claimed.previous.contains(&registration.id) {
        return true;
    }
    let personal = &registration.personal;
    let iin = match personal {
        PersonalData::Citizen(c) => c.iin.as_deref(),
        PersonalData::Foreigner(_) => None,
    };
    if let (Some(a), Some(b)) = (claimed.identity.iin.as_deref(), iin) {
        return a == b;
    }
    let name = personal.name();
    personal.birth_date() == claimed.identity.birth_date
        && name_key(&name.surname) == name_key(&claimed.identity.name.surname)
        && name_key(&name.name) == name_key(&claimed.identity.name.name)
}

/// The duplicate check of an enrolment: the captured fingers searched among
/// everyone enrolled; the persons found under another identity than the
/// one claimed come back, best first. The search is audited, and so is
/// each candidate's record read to show it.
pub(crate) fn find_duplicates(
    store: &mut Store,
    officer_id: i64,
    fingers: &[(FingerPosition, FingerTemplate)],
    claimed: &Claimed<'_>,
) -> Result<Vec<DuplicateCandidate>, StoreError> {
    let templates: Vec<FingerTemplate> = fingers
        .iter()
        .map(|(position, t)| {
            let mut t = t.clone();
            t.position = Some(*position);
            t
        })
        .collect();
    let probe = Probe::new(&templates);
    if probe.is_empty() {
        return Ok(Vec::new());
    }
    let (gallery, _) = gallery_from_store(store)?;
    let outcome = search(&gallery, &probe, SearchOptions::default());
    store.audit(AuditEvent::new(AuditAction::DuplicateSearch).by(officer_id))?;
    let mut out = Vec::new();
    for candidate in outcome.candidates {
        let registration = store.load_registration(officer_id, candidate.key)?;
        if same_identity(claimed, &registration) {
            continue;
        }
        let personal = &registration.personal;
        out.push(DuplicateCandidate {
            registration: candidate.key,
            name: personal.name().clone(),
            birth_date: personal.birth_date(),
            iin: match personal {
                PersonalData::Citizen(c) => c.iin.clone(),
                PersonalData::Foreigner(_) => None,
            },
            registered_on: registration.registered_on,
            photo: match personal {
                PersonalData::Citizen(c) => c.photo.as_ref().map(|p| p.bytes.clone()),
                PersonalData::Foreigner(f) => f.photo.as_ref().map(|p| p.bytes.clone()),
            },
            score: candidate.score,
            matched_fingers: candidate.matched_fingers,
            compared_fingers: candidate.compared_fingers,
        });
    }
    Ok(out)
}
