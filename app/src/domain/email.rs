use serde::{Deserialize, Serialize};
use std::fmt;

/// An email address in its canonical form: trimmed and in lower case, so that one
/// person cannot hold two accounts by changing the case of a letter.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("enter an email address")]
    Empty,
    #[error("enter an email address in the form name@example.com")]
    Invalid,
}


impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.len() > Self::MAX_LEN || !email_address::EmailAddress::is_valid(trimmed) {
            return Err(EmailError::Invalid);
        }
        let (_, domain) = trimmed.rsplit_once('@').ok_or(EmailError::Invalid)?;
        // A domain without a dot cannot receive mail from the internet.
        if !domain.contains('.') || domain.starts_with('[') {
            return Err(EmailError::Invalid);
        }
        Ok(Self(trimmed.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

super::text_conversions!(Email, EmailError);

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_in_lower_case() {
        let email = Email::parse("  Marie.Tremblay@Example.GC.ca ").unwrap();
        assert_eq!(email.as_str(), "marie.tremblay@example.gc.ca");
        assert!(Email::parse("a+tag@sub.example.org").is_ok());
    }

    #[test]
    fn rejects_what_cannot_receive_mail() {
        assert_eq!(Email::parse("   "), Err(EmailError::Empty));
        for bad in ["no-at-sign", "a@", "@example.com", "a@localhost", "a b@example.com", "a@@example.com"] {
            assert_eq!(Email::parse(bad), Err(EmailError::Invalid), "{bad}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailError::Invalid));
    }

    #[test]
    fn deserialising_goes_through_parse() {
        assert!(serde_json::from_str::<Email>("\"x@example.com\"").is_ok());
        assert!(serde_json::from_str::<Email>("\"not an email\"").is_err());
    }
}
