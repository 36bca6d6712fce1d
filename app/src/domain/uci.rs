use serde::{Deserialize, Serialize};
use std::fmt;

/// A Unique Client Identifier: the 8 or 10 digits IRCC gives each person, kept
/// without the hyphens and spaces people write them with.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Uci(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UciError {
    #[error("enter the UCI")]
    Empty,
    #[error("a UCI has 8 or 10 digits")]
    Invalid,
}

impl Uci {
    pub fn parse(input: &str) -> Result<Self, UciError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(UciError::Empty);
        }
        if !trimmed.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') {
            return Err(UciError::Invalid);
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        match digits.len() {
            8 | 10 => Ok(Self(digits)),
            _ => Err(UciError::Invalid),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// As printed on IRCC documents: `1234-5678` or `12-3456-7890`.
impl fmt::Display for Uci {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        if d.len() == 8 {
            write!(f, "{}-{}", &d[..4], &d[4..])
        } else {
            write!(f, "{}-{}-{}", &d[..2], &d[2..6], &d[6..])
        }
    }
}

super::text_conversions!(Uci, UciError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_eight_or_ten_digits_as_people_write_them() {
        assert_eq!(Uci::parse("1234-5678").unwrap().as_str(), "12345678");
        assert_eq!(Uci::parse(" 12 3456 7890 ").unwrap().as_str(), "1234567890");
        assert_eq!(Uci::parse("12345678").unwrap().to_string(), "1234-5678");
        assert_eq!(Uci::parse("1234567890").unwrap().to_string(), "12-3456-7890");
    }

    #[test]
    fn rejects_other_lengths_and_characters() {
        assert_eq!(Uci::parse(""), Err(UciError::Empty));
        for bad in ["1234567", "123456789", "12345678901", "1234-567a", "１２３４５６７８"] {
            assert_eq!(Uci::parse(bad), Err(UciError::Invalid), "{bad}");
        }
    }
}
