use serde::{Deserialize, Serialize};

/// What a signed-in person may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Applicant,
    Officer,
    Administrator,
}

impl Role {
    /// Officers' pages are open to administrators too.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Officer | Role::Administrator)
    }
}
