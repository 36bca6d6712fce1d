use serde::{Deserialize, Serialize};
use std::fmt;

/// An IRCC application number: one letter (the office's series) and nine digits,
/// such as `E001234567` (product decision: the form IRCC prints on its letters).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ApplicationNumber(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApplicationNumberError {
    #[error("enter the application number")]
    Empty,
    #[error("an application number is a letter and nine digits, such as E001234567")]
    Invalid,
}

impl ApplicationNumber {
    pub fn parse(input: &str) -> Result<Self, ApplicationNumberError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(ApplicationNumberError::Empty);
        }
        let mut chars = trimmed.chars();
        let letter = chars.next().filter(char::is_ascii_alphabetic);
        let digits = chars.as_str();
        match letter {
            Some(letter) if digits.len() == 9 && digits.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(Self(format!("{}{digits}", letter.to_ascii_uppercase())))
            }
            _ => Err(ApplicationNumberError::Invalid),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ApplicationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

super::text_conversions!(ApplicationNumber, ApplicationNumberError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_and_nine_digits_in_upper_case() {
        assert_eq!(ApplicationNumber::parse(" e001234567 ").unwrap().as_str(), "E001234567");
        assert_eq!(ApplicationNumber::parse(""), Err(ApplicationNumberError::Empty));
        for bad in ["E00123456", "E0012345678", "1001234567", "EE01234567", "É001234567"] {
            assert_eq!(ApplicationNumber::parse(bad), Err(ApplicationNumberError::Invalid), "{bad}");
        }
    }
}
