//! The kiosk's office: opening the database of a mode, the first-run setup
//! of a mission, the training room, officers signing in and out, and the
//! one rule for passwords. The screens call these; they never write an
//! account or a setting through the store themselves.

use super::books::Books;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::FlowError;
use super::forms::FieldError;
use crate::model::{FullName, OfficerRole};
use crate::store::{
    AuditAction, AuditEvent, AuthError, KdfParams, LockoutPolicy, Mode, NewOfficer, SignedIn,
    Store, StoreError,
};

pub use crate::store::MIN_PASSWORD_CHARS;

/// The training database's passphrase: training data are synthetic, the
/// file is still encrypted like the live one.
pub const TRAINING_PASSPHRASE: &str = "beder-training-room";
/// The demo officer of training mode, shown on the sign-in screen.
pub const DEMO_LOGIN: &str = "demo";
pub const DEMO_PASSWORD: &str = "demo-training";

/// A password long enough, or the message for its field.
pub fn check_password(field: &'static str, password: &str) -> Result<(), FieldError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Err(FieldError::new(field, "field-password-too-short"))
    } else {
        Ok(())
    }
}

/// The first run of a mission, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MissionSetup {
    pub mission: String,
    pub country: String,
    pub city: String,
    pub code: String,
    pub surname: String,
    pub name: String,
    pub login: String,
    pub password: String,
    pub passphrase: String,
    pub passphrase_again: String,
}

impl MissionSetup {
    /// Every field at fault, each on its field.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, value) in [
            ("mission", &self.mission),
            ("surname", &self.surname),
            ("name", &self.name),
            ("login", &self.login),
        ] {
            if value.trim().is_empty() {
                errors.push(FieldError::new(field, "field-required"));
            }
        }
        if let Err(e) = check_password("password", &self.password) {
            errors.push(e);
        }
        if let Err(e) = check_password("passphrase", &self.passphrase) {
            errors.push(e);
        } else if self.passphrase != self.passphrase_again {
            errors.push(FieldError::new(
                "passphrase_again",
                "field-passphrase-mismatch",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Creates the live database with the first supervisor and the
    /// mission's details.
    pub fn create(&self, dir: &Path, kdf: KdfParams) -> Result<Store, FlowError> {
        self.validate().map_err(FlowError::Fields)?;
        let mut store = Store::create(dir, Mode::Live, &self.passphrase, kdf)?;
        let supervisor = store.create_officer(
            None,
            &NewOfficer {
                name: FullName {
                    surname: self.surname.trim().into(),
                    name: self.name.trim().into(),
                    patronymic: None,
                },
                login: self.login.trim().into(),
                password: self.password.clone(),
                role: OfficerRole::Supervisor,
            },
        )?;
        store.save_settings(
            Some(supervisor),
            &[
                ("mission", self.mission.trim().to_string()),
                ("country", self.country.trim().to_string()),
                ("city", self.city.trim().to_string()),
                ("mission_code", self.code.trim().to_string()),
            ],
        )?;
        Ok(store)
    }
}

/// The training room's database: opened, or made on first start with the
/// demo officer (a supervisor, so every screen can be practised).
pub fn open_training(dir: &Path, kdf: KdfParams) -> Result<Store, StoreError> {
    match Store::open(dir, Mode::Training, TRAINING_PASSPHRASE) {
        Err(StoreError::NotInitialized(_)) | Err(StoreError::MissingDirectory(_)) => {
            let mut store = Store::create(dir, Mode::Training, TRAINING_PASSPHRASE, kdf)?;
            let demo = store.create_officer(
                None,
                &NewOfficer {
                    name: FullName {
                        surname: "Оқу".into(),
                        name: "Қызметкер".into(),
                        patronymic: None,
                    },
                    login: DEMO_LOGIN.into(),
                    password: DEMO_PASSWORD.into(),
                    role: OfficerRole::Supervisor,
                },
            )?;
            store.save_settings(
                Some(demo),
                &[
                    ("mission", "Training room".to_string()),
                    ("mission_code", "TRAINING".to_string()),
                ],
            )?;
            Ok(store)
        }
        other => other,
    }
}

/// An officer signs in (lockout after repeated failures; audited by the
/// store).
pub fn sign_in(
    books: &mut impl Books,
    login: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<SignedIn, AuthError> {
    let store = books.store_mut();
    store.authenticate(login, password, now, LockoutPolicy::default())
}

/// An officer's account made by supervisor `by` (audited by the store);
/// the password rule first, as a message for the password field.
pub fn create_officer(
    books: &mut impl Books,
    by: i64,
    officer: &NewOfficer,
) -> Result<i64, FlowError> {
    let store = books.store_mut();
    check_password("password", &officer.password).map_err(|e| FlowError::Fields(vec![e]))?;
    Ok(store.create_officer(Some(by), officer)?)
}

/// A new password for officer `id`, set by supervisor `by`.
pub fn reset_password(
    books: &mut impl Books,
    by: i64,
    id: i64,
    password: &str,
) -> Result<(), FlowError> {
    let store = books.store_mut();
    check_password("password", password).map_err(|e| FlowError::Fields(vec![e]))?;
    Ok(store.reset_password(by, id, password)?)
}

/// Supervisor `by` unlocks an officer locked out by failed sign-ins.
pub fn unlock_officer(books: &mut impl Books, by: i64, id: i64) -> Result<(), StoreError> {
    let store = books.store_mut();
    store.unlock_officer(by, id)
}

/// Supervisor `by` deactivates an officer (his records stay his).
pub fn deactivate_officer(books: &mut impl Books, by: i64, id: i64) -> Result<(), StoreError> {
    let store = books.store_mut();
    store.deactivate_officer(by, id)
}

/// An officer signs out: audited, and a failure to audit is an error the
/// screen shows (the officer is signed out all the same).
pub fn sign_out(books: &mut impl Books, officer_id: i64) -> Result<(), StoreError> {
    let store = books.store_mut();
    // Documents kept for a printer that was down do not outlive their
    // week (they hold personal data outside the encrypted store).
    if let Some(data_dir) = store.path().parent() {
        crate::documents::print::purge_kept(data_dir, std::time::SystemTime::now());
    }
    store.audit(AuditEvent::new(AuditAction::Logout).by(officer_id))
}

/// Checks the audit log when an officer signs in. A broken log does not
/// stop the desk (the mission still has applicants), but the officer is
/// told on every screen and the warning itself is recorded, by him: the
/// log never goes on silently past a break. Returns the problem found.
pub fn check_log(books: &mut impl Books, officer_id: i64) -> Result<Option<String>, StoreError> {
    let store = books.store_mut();
    let verification = store.verify_audit()?;
    if verification.intact() {
        return Ok(None);
    }
    store.note_broken_log(Some(officer_id))?;
    Ok(Some(
        verification
            .problem
            .unwrap_or_else(|| "the log does not verify".into()),
    ))
}
