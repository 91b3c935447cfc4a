use serde::{Deserialize, Serialize};

use super::FullName;

/// What an account may do at the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfficerRole {
    /// An authorized officer (п.2.9): collects and processes, verifies identity.
    Officer,
    /// Head of the consular section: also manages accounts and approves
    /// exceptional cases.
    Supervisor,
}

/// The authorized officer who performs a registration; his surname, name and
/// patronymic (if any) are recorded with it (п.7.1, п.7.2).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Officer {
    pub name: FullName,
    pub login: String,
    pub role: OfficerRole,
}
