//! The records screen's search: registrations, imported marks, refusals and
//! decisions not to collect, found by IIN, document number, or surname,
//! name and birth date (tolerant of Kazakh, Russian and Latin spellings),
//! each with the badges the officer must see.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::registrations::{LookupHit, LookupQuery, LookupSource, RegistrationId, table};
use super::registrations::{name_condition, parse_date};
use super::{Store, StoreError};
use crate::model::{Permanence, Registry};

/// What was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FoundRecord {
    /// A registration held here.
    Registration(RegistrationId),
    /// A registration made elsewhere, known by its imported mark.
    ImportedMark {
        /// The registry.
        registry: Registry,
        /// The mark's id.
        id: i64,
    },
    /// A citizen's refusal (п.5).
    Refusal {
        /// The refusal's id.
        id: i64,
    },
    /// An exemption (п.4) or a "not subject" decision (п.3).
    NonCollection {
        /// The registry.
        registry: Registry,
        /// The decision's id.
        id: i64,
        /// An exemption (п.4), else not subject (п.3).
        exempt: bool,
    },
}

/// What a result shows at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Badge {
    /// A citizen's refusal (п.5).
    Refusal,
    /// An exemption (п.4).
    Exemption,
    /// Not subject (п.3).
    NotSubject,
    /// A physical-defect mark (п.10).
    DefectMark,
    /// A temporary defect mark: re-fingerprint at this application (п.10).
    RefingerprintDue,
    /// A registration made elsewhere, known by its mark.
    ImportedMark,
}

impl Badge {
    /// The Fluent message id of the badge.
    pub fn message_key(self) -> &'static str {
        match self {
            Badge::Refusal => "badge-refusal",
            Badge::Exemption => "badge-exemption",
            Badge::NotSubject => "badge-not-subject",
            Badge::DefectMark => "badge-defect-mark",
            Badge::RefingerprintDue => "badge-refingerprint-due",
            Badge::ImportedMark => "badge-imported-mark",
        }
    }
}

/// One line of the result list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The record found.
    pub record: FoundRecord,
    /// Its registry.
    pub registry: Registry,
    /// The surname on record.
    pub surname: String,
    /// The first name on record.
    pub name: String,
    /// The date of birth on record.
    pub birth_date: NaiveDate,
    /// Registration date, or the date of the decision or refusal.
    pub date: NaiveDate,
    /// What the line shows at a glance.
    pub badges: Vec<Badge>,
    /// The current photograph (registrations), as stored.
    pub photo: Option<Vec<u8>>,
}

impl Store {
    /// Searches one registry or both. Registrations come first, newest first.
    #[expect(
        clippy::too_many_lines,
        reason = "the query of each registry and the mapping of its rows"
    )]
    pub fn search(
        &self,
        registry: Option<Registry>,
        query: &LookupQuery,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let mut hits = Vec::new();
        for hit in self.lookup(registry, query)? {
            hits.push(self.describe(&hit)?);
        }
        let registries: Vec<Registry> = match registry {
            Some(r) => vec![r],
            None => vec![Registry::Citizen, Registry::Foreigner],
        };
        // Refusals and decisions not to collect carry no document key: they
        // are found by IIN (refusals) or by name and birth date.
        let by_name = match query {
            LookupQuery::NameAndBirthDate {
                surname,
                name,
                birth_date,
            } => Some(name_condition(surname, name, *birth_date)),
            _ => None,
        };
        let iin = match query {
            LookupQuery::Iin(iin) => Some(iin.trim().to_string()),
            _ => None,
        };
        if registries.contains(&Registry::Citizen) {
            let condition = match (&by_name, &iin) {
                (Some((condition, args)), _) => Some((*condition, args.clone())),
                (None, Some(i)) => Some(("iin = ?1", vec![i.clone()])),
                _ => None,
            };
            if let Some((condition, args)) = condition
                && !args.iter().any(String::is_empty)
            {
                let mut stmt = self.conn().prepare(&format!(
                    "SELECT id, data, refused_at FROM citizen_refusals WHERE {condition}
                     ORDER BY id DESC LIMIT 50"
                ))?;
                let rows = stmt
                    .query_map(rusqlite::params_from_iter(&args), |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                        ))
                    })?
                    .collect::<Result<Vec<_>, _>>()?;
                for (id, data, at) in rows {
                    let person = serde_json::from_str::<super::Refusal>(&data)?.person;
                    hits.push(SearchHit {
                        record: FoundRecord::Refusal { id },
                        registry: Registry::Citizen,
                        surname: person.name.surname,
                        name: person.name.name,
                        birth_date: person.birth_date,
                        date: at
                            .get(..10)
                            .map(parse_date)
                            .transpose()?
                            .unwrap_or(person.birth_date),
                        badges: vec![Badge::Refusal],
                        photo: None,
                    });
                }
            }
        }
        if let Some((condition, args)) = by_name.filter(|(_, a)| !a.iter().any(String::is_empty)) {
            for registry in &registries {
                let mut stmt = self.conn().prepare(&format!(
                    "SELECT id, outcome, data, decided_on FROM {}
                     WHERE {condition}
                     ORDER BY id DESC LIMIT 50",
                    table(*registry, "non_collections")
                ))?;
                let rows = stmt
                    .query_map(rusqlite::params_from_iter(&args), |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, String>(3)?,
                        ))
                    })?
                    .collect::<Result<Vec<_>, _>>()?;
                for (id, outcome, data, on) in rows {
                    let person: super::PersonIdentity = serde_json::from_str(&data)?;
                    let exempt = outcome == "exempt";
                    hits.push(SearchHit {
                        record: FoundRecord::NonCollection {
                            registry: *registry,
                            id,
                            exempt,
                        },
                        registry: *registry,
                        surname: person.name.surname,
                        name: person.name.name,
                        birth_date: person.birth_date,
                        date: parse_date(&on)?,
                        badges: vec![if exempt {
                            Badge::Exemption
                        } else {
                            Badge::NotSubject
                        }],
                        photo: None,
                    });
                }
            }
        }
        Ok(hits)
    }

    fn describe(&self, hit: &LookupHit) -> Result<SearchHit, StoreError> {
        match hit.source {
            LookupSource::ImportedMark { registry, id } => Ok(SearchHit {
                record: FoundRecord::ImportedMark { registry, id },
                registry,
                surname: hit.surname.clone(),
                name: hit.name.clone(),
                birth_date: hit.birth_date,
                date: hit.registered_on,
                badges: vec![Badge::ImportedMark],
                photo: None,
            }),
            LookupSource::Registration { registry, id } => {
                let photo: Option<Vec<u8>> = self
                    .conn()
                    .query_row(
                        &format!(
                            "SELECT photo FROM {} WHERE registration_id = ?1 AND valid_to IS NULL",
                            table(registry, "personal_data")
                        ),
                        [id],
                        |r| r.get(0),
                    )
                    .optional()?
                    .flatten();
                let mark: Option<String> = self
                    .conn()
                    .query_row(
                        &format!(
                            "SELECT permanence FROM {} WHERE registration_id = ?1 AND valid_to IS NULL
                             ORDER BY id DESC LIMIT 1",
                            table(registry, "defect_marks")
                        ),
                        [id],
                        |r| r.get(0),
                    )
                    .optional()?;
                let mut badges = Vec::new();
                if let Some(permanence) = mark {
                    badges.push(Badge::DefectMark);
                    if permanence != permanence_code(Permanence::Permanent) {
                        badges.push(Badge::RefingerprintDue);
                    }
                }
                Ok(SearchHit {
                    record: FoundRecord::Registration(RegistrationId { registry, id }),
                    registry,
                    surname: hit.surname.clone(),
                    name: hit.name.clone(),
                    birth_date: hit.birth_date,
                    date: hit.registered_on,
                    badges,
                    photo,
                })
            }
        }
    }
}

fn permanence_code(permanence: Permanence) -> &'static str {
    match permanence {
        Permanence::Permanent => "permanent",
        _ => "temporary",
    }
}
