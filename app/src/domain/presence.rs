//! The declaration of presence: "I declare that I am physically in Canada", or
//! that the person is not (with, if they know it, the day they expect to return).
use super::{ErrorKey, FieldError, MailingAddress};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The form as typed: `in_canada` is `yes` or `no`; `expected_return` is
/// `YYYY-MM-DD` or empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDeclaration {
    #[serde(default)]
    pub in_canada: String,
    #[serde(default)]
    pub expected_return: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declared {
    InCanada,
    Outside { expected_return: Option<NaiveDate> },
}

impl RawDeclaration {
    pub fn parse(&self, today: NaiveDate) -> Result<Declared, Vec<FieldError>> {
        let wrong = |field: &str, key| Err(vec![FieldError::new(field, key)]);
        match self.in_canada.as_str() {
            "yes" => Ok(Declared::InCanada),
            "no" => {
                let date = self.expected_return.trim();
                if date.is_empty() {
                    return Ok(Declared::Outside { expected_return: None });
                }
                match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
                    Ok(day) if day >= today => Ok(Declared::Outside { expected_return: Some(day) }),
                    Ok(_) => wrong("expected_return", ErrorKey::ReturnDatePast),
                    Err(_) => wrong("expected_return", ErrorKey::DateInvalid),
                }
            }
            _ => wrong("in_canada", ErrorKey::InCanadaMissing),
        }
    }
}

/// A declaration as stored, for the pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    pub in_canada: bool,
    /// When they said.
    pub expected_return: Option<NaiveDate>,
    pub declared_on: NaiveDate,
    /// Who declared it, when not the person themself (the principal for a minor).
    pub declared_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeclarationOutcome {
    /// As it is now kept.
    Recorded(Declaration),
    Invalid(Vec<FieldError>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressOutcome {
    Saved(MailingAddress),
    Invalid(Vec<FieldError>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(in_canada: &str, expected_return: &str) -> RawDeclaration {
        RawDeclaration { in_canada: in_canada.into(), expected_return: expected_return.into() }
    }

    #[test]
    fn a_declaration_reads_yes_or_no_with_an_optional_future_return() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(raw("yes", "").parse(today), Ok(Declared::InCanada));
        assert_eq!(raw("no", "").parse(today), Ok(Declared::Outside { expected_return: None }));
        assert_eq!(
            raw("no", "2027-01-15").parse(today),
            Ok(Declared::Outside { expected_return: NaiveDate::from_ymd_opt(2027, 1, 15) })
        );
        assert_eq!(raw("no", "2026-11-30").parse(today), Err(vec![FieldError::new("expected_return", ErrorKey::ReturnDatePast)]));
        assert_eq!(raw("no", "soon").parse(today), Err(vec![FieldError::new("expected_return", ErrorKey::DateInvalid)]));
        assert_eq!(raw("", "").parse(today), Err(vec![FieldError::new("in_canada", ErrorKey::InCanadaMissing)]));
    }
}
