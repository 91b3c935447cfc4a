//! The duplicate check: is the person at the desk already enrolled under
//! another identity? A 1:N search ([`crate::biometrics::search`]) of the
//! captured fingers among every current enrolment in both registries.

use super::books::Books;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;

use super::forms::ValidIdentity;
use crate::biometrics::iso;
use crate::biometrics::search::{Gallery, Probe, SearchOptions, search};
use crate::biometrics::template::FingerTemplate;
use crate::model::{FingerPosition, FullName, PersonalData};
use crate::store::{
    AuditAction, AuditEvent, EnrolledStamp, Registration, RegistrationId, Store, StoreError,
    StoredTemplate, name_key,
};

/// Decodes stored rows into finger templates; undecodable rows are counted.
fn decode_fingers(stored: Vec<StoredTemplate>, skipped: &mut usize) -> Vec<FingerTemplate> {
    let mut fingers: Vec<FingerTemplate> = Vec::with_capacity(stored.len());
    for row in stored {
        let Some(position) = FingerPosition::ALL
            .into_iter()
            .find(|p| *p as u8 == row.position)
        else {
            *skipped += 1;
            continue;
        };
        match iso::decode_stored(&row.format, &row.template) {
            Ok(mut decoded) if !decoded.is_empty() => {
                let mut template = decoded.swap_remove(0);
                template.position = Some(position);
                fingers.push(template);
            }
            _ => *skipped += 1,
        }
    }
    fingers
}

/// The gallery of everyone enrolled in the store, built afresh. Templates
/// that cannot be decoded are skipped (and counted), never fatal: one
/// damaged row must not stop the desk.
pub fn gallery_from_store(
    books: &impl Books,
) -> Result<(Gallery<RegistrationId>, usize), StoreError> {
    let store = books.store();
    let mut skipped = 0;
    let persons: Vec<(RegistrationId, Vec<FingerTemplate>)> = store
        .enrolled_templates()?
        .into_iter()
        .map(|(id, stored)| (id, decode_fingers(stored, &mut skipped)))
        .filter(|(_, fingers)| !fingers.is_empty())
        .collect();
    let mut gallery = Gallery::new();
    gallery.extend(persons);
    Ok((gallery, skipped))
}

/// The kiosk's gallery, kept between applicants: deriving the codes of
/// every enrolled finger again at each enrolment would cost about 20 µs a
/// finger on two cores (2 s for 10,000 persons). Only registrations with
/// rows added since (new enrolments, re-fingerprintings) are read again;
/// anything else that changed the current templates rebuilds it.
struct Cached {
    database: PathBuf,
    stamp: EnrolledStamp,
    gallery: Gallery<RegistrationId>,
    index: HashMap<RegistrationId, usize>,
    skipped: usize,
}

static CACHE: Mutex<Option<Cached>> = Mutex::new(None);

/// Runs `f` over the gallery of everyone enrolled in the store, brought up
/// to date from the cache (see [`Cached`]).
pub fn with_gallery<T>(
    books: &impl Books,
    f: impl FnOnce(&Gallery<RegistrationId>, usize) -> T,
) -> Result<T, StoreError> {
    let store = books.store();
    let stamp = store.enrolled_stamp()?;
    // A poisoned lock only means a search panicked mid-way: the cache is
    // rebuilt rather than trusted.
    let mut cache = CACHE.lock().unwrap_or_else(|poisoned| {
        let mut guard = poisoned.into_inner();
        *guard = None;
        guard
    });
    let usable = cache.as_ref().is_some_and(|c| c.database == store.path());
    if !usable {
        *cache = None;
    }
    let cached = match cache.take() {
        Some(mut c) if c.stamp != stamp => {
            for (id, stored) in store.enrolled_templates_changed_since(c.stamp)? {
                let fingers = decode_fingers(stored, &mut c.skipped);
                match c.index.get(&id) {
                    Some(&i) => c.gallery.replace(i, &fingers),
                    None if !fingers.is_empty() => {
                        c.index.insert(id, c.gallery.len());
                        c.gallery.add(id, &fingers);
                    }
                    None => {}
                }
            }
            c.stamp = stamp;
            // Every current template must be there; if not (rows changed
            // some other way), start again.
            let current: i64 = stamp.0.iter().map(|r| r.1).sum();
            if c.gallery.fingers() as i64 + c.skipped as i64 == current {
                c
            } else {
                fresh(store, stamp)?
            }
        }
        Some(c) => c,
        None => fresh(store, stamp)?,
    };
    let out = f(&cached.gallery, cached.skipped);
    *cache = Some(cached);
    Ok(out)
}

/// Brings the gallery's cache up to date on a thread of its own (with a
/// read-only connection), so that the first duplicate check after the
/// kiosk opens its database does not wait for every enrolled finger to be
/// coded (~20 s for 100,000 persons). The check itself waits for it if it
/// comes first, and builds the cache alone if this could not start. The
/// thread's result is the number of persons in the gallery.
pub fn warm_gallery(
    books: &impl Books,
) -> Option<std::thread::JoinHandle<Result<usize, StoreError>>> {
    let store = books.store();
    let reader = store.reader().ok()?;
    std::thread::Builder::new()
        .name("gallery".into())
        .spawn(move || with_gallery(&reader, |gallery, _| gallery.len()))
        .ok()
}

fn fresh(store: &Store, stamp: EnrolledStamp) -> Result<Cached, StoreError> {
    let (gallery, skipped) = gallery_from_store(store)?;
    let index = (0..gallery.len())
        .filter_map(|i| gallery.key(i).map(|k| (*k, i)))
        .collect();
    Ok(Cached {
        database: store.path().to_path_buf(),
        stamp,
        gallery,
        index,
        skipped,
    })
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

/// What the duplicate check found.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DuplicateOutcome {
    pub candidates: Vec<DuplicateCandidate>,
    /// Stored templates that could not be read: their persons were not
    /// searched (shown to the officer; audited).
    pub skipped_templates: usize,
}

/// The duplicate check of an enrolment: the captured fingers searched among
/// everyone enrolled; the persons found under another identity than the
/// one claimed come back, best first. The search is audited, and so is
/// each candidate's record read to show it, and any stored template that
/// could not be read.
pub(crate) fn find_duplicates(
    store: &mut Store,
    officer_id: i64,
    fingers: &[(FingerPosition, FingerTemplate)],
    claimed: &Claimed<'_>,
) -> Result<DuplicateOutcome, StoreError> {
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
        return Ok(DuplicateOutcome::default());
    }
    let (outcome, skipped) = with_gallery(store, |gallery, skipped| {
        (search(gallery, &probe, SearchOptions::default()), skipped)
    })?;
    store.audit(AuditEvent::new(AuditAction::DuplicateSearch).by(officer_id))?;
    // Persons whose stored templates could not be read were not searched:
    // the officer is told, and the log records it.
    if skipped > 0 {
        store.audit(AuditEvent::new(AuditAction::TemplatesSkipped).by(officer_id))?;
    }
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
    // An alarm for the officer: counted on the supervisor's screen.
    if !out.is_empty() {
        store.audit(AuditEvent::new(AuditAction::DuplicateAlarm).by(officer_id))?;
    }
    Ok(DuplicateOutcome {
        candidates: out,
        skipped_templates: skipped,
    })
}
