use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The categories of visa applicants exempt on the basis of reciprocity (п.4.2).
/// Whether a category's condition holds is decided in `regulation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReciprocityCategory {
    /// Heads of foreign states, of government, of international organisations
    /// of diplomatic-equivalent status, and their family members.
    HeadOfStateGovernmentOrOrganisation,
    /// Members of foreign parliaments and governments and of international
    /// organisations of diplomatic-equivalent status, and their family members.
    MemberOfParliamentGovernmentOrOrganisation,
    /// Members of foreign official delegations and their accompanying persons.
    OfficialDelegation,
    /// Honorary consuls of Kazakhstan and their family members.
    HonoraryConsul,
    /// Holders of diplomatic or international-organisation passports travelling
    /// to Kazakhstan on official business.
    AgentOnOfficialBusiness,
    /// Diplomatic couriers carrying diplomatic mail.
    DiplomaticCourier,
    /// Persons invited by the Administration of the President, the Parliament,
    /// the Supreme Court, the Office of the Government, the special state
    /// bodies, the Ministry of Defence or the Ministry of Foreign Affairs.
    InvitedByStateBody,
}

impl ReciprocityCategory {
    pub const ALL: [ReciprocityCategory; 7] = [
        ReciprocityCategory::HeadOfStateGovernmentOrOrganisation,
        ReciprocityCategory::MemberOfParliamentGovernmentOrOrganisation,
        ReciprocityCategory::OfficialDelegation,
        ReciprocityCategory::HonoraryConsul,
        ReciprocityCategory::AgentOnOfficialBusiness,
        ReciprocityCategory::DiplomaticCourier,
        ReciprocityCategory::InvitedByStateBody,
    ];

    /// The snake_case code used in JSON, the store and Fluent selectors.
    pub fn code(self) -> &'static str {
        match self {
            ReciprocityCategory::HeadOfStateGovernmentOrOrganisation => {
                "head_of_state_government_or_organisation"
            }
            ReciprocityCategory::MemberOfParliamentGovernmentOrOrganisation => {
                "member_of_parliament_government_or_organisation"
            }
            ReciprocityCategory::OfficialDelegation => "official_delegation",
            ReciprocityCategory::HonoraryConsul => "honorary_consul",
            ReciprocityCategory::AgentOnOfficialBusiness => "agent_on_official_business",
            ReciprocityCategory::DiplomaticCourier => "diplomatic_courier",
            ReciprocityCategory::InvitedByStateBody => "invited_by_state_body",
        }
    }
}

/// The conclusion of a medical advisory commission that a person cannot
/// undergo registration because of an illness (п.4.3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicalConclusion {
    pub number: String,
    pub date: NaiveDate,
}
