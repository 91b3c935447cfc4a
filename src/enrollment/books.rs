//! The books as the screens hold them. [`Office`] owns the open store; the
//! screens read through it what they show, and every change goes through a
//! flow of this module (the desk, the records' corrections, the officers'
//! accounts, the settings) or one of [`Office`]'s own methods, which apply
//! the rule that belongs to it. The screens never name the store.
//!
//! A flow takes `&mut impl Books`: the kiosk passes its [`Office`], the
//! command line and the tests the [`Store`] itself. [`Books`] is sealed, so
//! nothing outside this module reaches the store behind an [`Office`].

use std::ops::Deref;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::documents::{self, DocumentError, Mission};
use crate::i18n::Lang;
use crate::model::Registry;
use crate::store::{
    AuditFilter, NonCollection, Refusal, Registration, RegistrationId, Store, StoreError,
};
use crate::transfer::{ExportJob, TransferError};

pub(super) mod sealed {
    use crate::store::Store;

    /// The store behind a [`super::Books`]; callable only inside
    /// `enrollment`.
    pub trait Sealed {
        fn store(&self) -> &Store;
        fn store_mut(&mut self) -> &mut Store;
    }
}

/// What enrollment's flows run against: a [`Store`], or the kiosk's
/// [`Office`] around one.
pub trait Books: sealed::Sealed {}

impl sealed::Sealed for Store {
    fn store(&self) -> &Store {
        self
    }
    fn store_mut(&mut self) -> &mut Store {
        self
    }
}
impl Books for Store {}

/// The open database of the kiosk, as the screens hold it.
pub struct Office {
    store: Store,
}

impl sealed::Sealed for Office {
    fn store(&self) -> &Store {
        &self.store
    }
    fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}
impl Books for Office {}

/// Reading is the store's own: what a screen shows is what the books hold.
/// Writing is not reachable this way (no `DerefMut`).
impl Deref for Office {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl From<Store> for Office {
    fn from(store: Store) -> Self {
        Office { store }
    }
}

impl Office {
    /// Opens the live database of `dir` with its passphrase.
    pub fn open_live(dir: &Path, passphrase: &str) -> Result<Office, StoreError> {
        Store::open(dir, crate::store::Mode::Live, passphrase).map(Office::from)
    }

    /// Whether `dir` holds a live database yet (else: the first run).
    pub fn live_exists(dir: &Path) -> bool {
        Store::database_path(dir, crate::store::Mode::Live).exists()
    }

    /// The file that holds the database's key, beside it.
    pub fn key_file(&self) -> PathBuf {
        crate::store::key_file_path(self.store.path())
    }

    /// A registration opened by officer `by` (the opening is audited).
    pub fn load_registration(
        &mut self,
        by: i64,
        id: RegistrationId,
    ) -> Result<Registration, StoreError> {
        self.store.load_registration(by, id)
    }

    /// A recorded non-collection decision opened by officer `by` (audited).
    pub fn open_non_collection(
        &mut self,
        by: i64,
        registry: Registry,
        id: i64,
    ) -> Result<(NonCollection, crate::store::DecisionMeta), StoreError> {
        self.store.open_non_collection(by, registry, id)
    }

    /// A recorded refusal opened by officer `by` (audited).
    pub fn open_refusal(
        &mut self,
        by: i64,
        id: i64,
    ) -> Result<(Refusal, crate::store::DecisionMeta), StoreError> {
        self.store.open_refusal(by, id)
    }

    /// The audit log under `filter` as CSV, for officer `by` (the export is
    /// itself audited).
    pub fn audit_csv(&mut self, by: i64, filter: &AuditFilter) -> Result<String, StoreError> {
        self.store.audit_csv(by, filter)
    }

    /// A supervisor's review of one day's case, recorded; `false` when it
    /// was reviewed before.
    pub fn mark_reviewed(
        &mut self,
        by: i64,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        self.store.mark_reviewed(by, key, now)
    }

    /// A correction of a registration's personal data by officer `by`
    /// (a new version, the old one kept), as validated by
    /// [`super::CorrectionForm`].
    pub fn correct_personal_data(
        &mut self,
        by: i64,
        id: RegistrationId,
        personal: &crate::model::PersonalData,
        request: &crate::model::ChangeRequest,
    ) -> Result<i64, StoreError> {
        self.store.correct_personal_data(by, id, personal, request)
    }

    /// A backup of the database to `path`, by officer `by`.
    pub fn backup_to(&mut self, path: &Path, by: i64) -> Result<(), StoreError> {
        self.store.backup_to(path, Some(by)).map(|_| ())
    }

    /// Purges the images the registries acknowledged more than `days` ago;
    /// `by` is `None` when it runs at sign-in.
    pub fn purge_delivered_images(
        &mut self,
        days: u32,
        now: DateTime<Utc>,
        by: Option<i64>,
    ) -> Result<crate::store::PurgeReport, StoreError> {
        self.store.purge_delivered_images(days, now, by)
    }

    /// The mission's details and the documents' language, saved by `by`.
    pub fn save_mission(
        &mut self,
        by: i64,
        mission: &Mission,
        documents_lang: Lang,
    ) -> Result<(), StoreError> {
        mission.save(&mut self.store, by)?;
        self.store.save_settings(
            Some(by),
            &[(
                documents::DOCUMENTS_LANGUAGE,
                documents_lang.code().to_string(),
            )],
        )
    }

    /// The language documents are printed in.
    pub fn documents_language(&self) -> Result<Lang, StoreError> {
        documents::documents_language(&self.store)
    }

    /// The mission's details as documents print them.
    pub fn mission(&self) -> Result<Mission, StoreError> {
        Mission::load(&self.store)
    }

    /// A document made by officer `by`, kept or printed, and audited.
    pub fn deliver_document(
        &mut self,
        by: i64,
        pdf: &[u8],
        kind: &str,
        number: &str,
        date: NaiveDate,
    ) -> Result<documents::print::Delivered, DocumentError> {
        documents::print::deliver_audited(&mut self.store, by, pdf, kind, number, date)
    }

    /// Starts an export of what waits in the outbox to `dir`.
    pub fn start_export(
        &self,
        dir: &Path,
        again: bool,
        now: DateTime<Utc>,
    ) -> Result<ExportJob, TransferError> {
        ExportJob::start(&self.store, dir, None, again, now)
    }

    /// One package of a running export; `Ok(true)` when it is done.
    pub fn export_step(&mut self, job: &mut ExportJob) -> Result<bool, TransferError> {
        job.step(&mut self.store)
    }
}
