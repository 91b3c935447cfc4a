use serde::{Deserialize, Serialize};

/// Who stands at the desk (п.2.1, п.2.10, п.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantKind {
    /// A citizen of the Republic of Kazakhstan.
    Citizen,
    /// Not a citizen, with proof of citizenship of another state (п.2.10).
    Foreigner,
    /// Not a citizen, with no proof of citizenship of another state (п.2.1).
    Stateless,
}

impl ApplicantKind {
    /// The registry that holds this applicant's dactyloscopic information (п.7).
    pub fn registry(self) -> Registry {
        match self {
            ApplicantKind::Citizen => Registry::Citizen,
            ApplicantKind::Foreigner | ApplicantKind::Stateless => Registry::Foreigner,
        }
    }
}

/// The two registries the kiosk mirrors (п.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Registry {
    /// "ХҚТ ТП" АЖ — the PDR "Registration point" system: citizens.
    Citizen,
    /// "Бүркіт" БАЖ — the Berkut system: foreigners and stateless persons.
    Foreigner,
}

/// What a citizen asks the mission for (п.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassportService {
    FirstIssue,
    Restoration,
    Replacement,
    /// Any other passport service (extension, entry of children…): outside п.3.1.
    Other,
}

/// How a visa is applied for (п.3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisaApplication {
    /// A visa issued by the mission to a person who comes to it.
    PaperAtMission,
    /// A visa issued in electronic form without visiting the mission.
    ElectronicWithoutVisit,
}

/// The consular service that brings the applicant to the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum Service {
    Passport(PassportService),
    Visa(VisaApplication),
}

/// The kind of passport a visa applicant holds; the reciprocity exemptions of
/// п.4.2 depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassportKind {
    #[default]
    Ordinary,
    Diplomatic,
    Service,
    /// A passport of an international organisation whose status is equivalent
    /// to a diplomatic agent's.
    InternationalOrganisation,
}
