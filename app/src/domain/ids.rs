//! The ids of stored things, one type each, so that a case's id cannot be
//! passed where a person's is meant. The server stores them as they are
//! (sea-orm value types behind `ssr`); the browser sees plain numbers.
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sea_orm::DeriveValueType))]
        pub struct $name(pub i32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        /// From a route's parameter.
        impl FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }
    };
}

id!(
    /// A person on an approved application.
    PersonId
);
id!(
    /// An approved application.
    CaseId
);
id!(
    /// An account: an applicant's, an officer's or an administrator's.
    UserId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_print_as_their_numbers() {
        assert_eq!("42".parse::<PersonId>(), Ok(PersonId(42)));
        assert!("4x".parse::<CaseId>().is_err());
        assert_eq!(UserId(7).to_string(), "7");
        assert_eq!(serde_json::to_string(&PersonId(3)).unwrap(), "3");
    }
}
