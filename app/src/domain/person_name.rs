use serde::{Deserialize, Serialize};
use std::fmt;

/// A person's name as they write it: any script, trimmed, never empty, no control characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("enter a name")]
    Empty,
    #[error("a name can have at most 200 characters")]
    TooLong,
    #[error("a name cannot contain control characters")]
    ControlCharacter,
}

/// A person's name as it is shown and written on letters: given names (when
/// they have any) then the family name.
pub fn full_name(given_names: Option<&str>, family_name: &str) -> String {
    match given_names.map(str::trim).filter(|given| !given.is_empty()) {
        Some(given) => format!("{given} {family_name}"),
        None => family_name.to_owned(),
    }
}

impl PersonName {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(input: &str) -> Result<Self, PersonNameError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(PersonNameError::Empty);
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(PersonNameError::TooLong);
        }
        if trimmed.chars().any(char::is_control) {
            return Err(PersonNameError::ControlCharacter);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

super::text_conversions!(PersonName, PersonNameError);

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_name_is_given_names_then_family_name() {
        assert_eq!(full_name(Some("Mai"), "Nguyễn"), "Mai Nguyễn");
        assert_eq!(full_name(None, "Nguyễn"), "Nguyễn");
        assert_eq!(full_name(Some(" "), "Nguyễn"), "Nguyễn");
    }

    #[test]
    fn keeps_names_in_any_script() {
        for name in ["Zoë Ŝtraße-Ñúñez", "王秀英", "Nguyễn Thị Minh Khai", "O'Brien"] {
            assert_eq!(PersonName::parse(name).unwrap().as_str(), name);
        }
        assert_eq!(PersonName::parse("  Ada  ").unwrap().as_str(), "Ada");
    }

    #[test]
    fn rejects_empty_long_and_control_characters() {
        assert_eq!(PersonName::parse(" \t"), Err(PersonNameError::Empty));
        assert_eq!(PersonName::parse(&"é".repeat(201)), Err(PersonNameError::TooLong));
        assert!(PersonName::parse(&"é".repeat(200)).is_ok());
        assert_eq!(PersonName::parse("Ada\u{0}"), Err(PersonNameError::ControlCharacter));
    }
}
