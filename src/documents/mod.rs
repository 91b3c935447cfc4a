//! What the desk prints: the representative's or guardian's written
//! application in the form of Annex 1 (п.8, п.9), the applicant's receipt,
//! and the supervisor's end-of-day report — as PDF with the kiosk's own
//! font embedded, in the language the mission chooses for documents
//! (Kazakh or Russian). Printing goes through the operating system; where
//! there is no printer the PDF is kept in the data folder.

pub mod annex1;
pub mod day_report;
mod pdf;
pub mod print;
pub mod receipt;

use crate::i18n::{Lang, Localizer};
use crate::model::FullName;
use crate::regulation::MessageArg;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the PDF cannot be made: {0}")]
    Pdf(String),
    #[error("the document cannot be written: {0}")]
    Io(std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl DocumentError {
    /// The Fluent message id of the officer-facing text.
    pub fn message_key(&self) -> &'static str {
        match self {
            DocumentError::Pdf(_) => "document-error-pdf",
            DocumentError::Io(e) => crate::i18n::io_error_key(e.kind()),
            DocumentError::Store(e) => e.message_key(),
        }
    }

    /// The `$detail` of the officer-facing text.
    pub fn detail(&self) -> String {
        match self {
            DocumentError::Store(e) => e.detail(),
            other => other.to_string(),
        }
    }
}

/// The mission as documents name it (the supervisor's mission details).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mission {
    pub name: String,
    pub country: String,
    pub city: String,
    pub code: String,
}

pub const MISSION: &str = "mission";
pub const COUNTRY: &str = "country";
pub const CITY: &str = "city";
pub const MISSION_CODE: &str = "mission_code";

impl Mission {
    pub fn load(store: &Store) -> Result<Mission, StoreError> {
        let get = |key: &str| -> Result<String, StoreError> {
            Ok(store.setting(key)?.unwrap_or_default())
        };
        Ok(Mission {
            name: get(MISSION)?,
            country: get(COUNTRY)?,
            city: get(CITY)?,
            code: get(MISSION_CODE)?,
        })
    }

    /// Saves the details (one transaction, audited as a settings change).
    pub fn save(&self, store: &mut Store, by: i64) -> Result<(), StoreError> {
        store.save_settings(
            Some(by),
            &[
                (MISSION, self.name.trim().to_string()),
                (COUNTRY, self.country.trim().to_string()),
                (CITY, self.city.trim().to_string()),
                (MISSION_CODE, self.code.trim().to_string()),
            ],
        )
    }

    /// "Name, City, Country (CODE)", leaving out what is not set.
    pub fn line(&self) -> String {
        let parts: Vec<&str> = [
            self.name.as_str(),
            self.city.as_str(),
            self.country.as_str(),
        ]
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
        let code = self.code.trim();
        let joined = parts.join(", ");
        if code.is_empty() {
            joined
        } else {
            format!("{joined} ({code})")
        }
    }
}

/// The setting naming the documents' language (`kk` or `ru`).
pub const DOCUMENTS_LANGUAGE: &str = "documents_language";

/// The language documents are printed in: Kazakh unless the mission chose
/// Russian.
pub fn documents_language(store: &Store) -> Result<Lang, StoreError> {
    Ok(match store.setting(DOCUMENTS_LANGUAGE)?.as_deref() {
        Some("ru") => Lang::Ru,
        _ => Lang::Kk,
    })
}

/// "Surname Name Patronymic".
pub fn full_name(name: &FullName) -> String {
    let mut out = format!("{} {}", name.surname.trim(), name.name.trim());
    if let Some(p) = name
        .patronymic
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        out.push(' ');
        out.push_str(p);
    }
    out
}

/// Texts of one document in one language.
pub(crate) struct Words<'a> {
    pub l: &'a Localizer,
    pub lang: Lang,
}

impl Words<'_> {
    pub fn t(&self, key: &str) -> String {
        self.l.text(self.lang, key)
    }

    pub fn f(&self, key: &str, args: &[(&str, MessageArg)]) -> String {
        self.l.format(self.lang, key, args)
    }

    pub fn date(&self, date: chrono::NaiveDate) -> String {
        self.lang.date(date)
    }

    pub fn page_footer(&self, page: usize, pages: usize) -> String {
        self.f(
            "document-page",
            &[
                ("page", MessageArg::Number(page as i64)),
                ("pages", MessageArg::Number(pages as i64)),
            ],
        )
    }
}
