use serde::{Deserialize, Serialize};
use std::fmt;

/// A new password that meets the length rule (Government of Canada guidance:
/// length over complexity, no composition rules). Whether it is common or
/// personal is judged on the server, which holds the block-list.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Password(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("a password has at least 12 characters")]
    TooShort,
    #[error("a password has at most 128 characters")]
    TooLong,
}

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    /// Spaces count: a passphrase of words is a good password.
    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        match input.chars().count() {
            n if n < Self::MIN_CHARS => Err(PasswordError::TooShort),
            n if n > Self::MAX_CHARS => Err(PasswordError::TooLong),
            _ => Ok(Self(input.to_owned())),
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Never printed, not even in logs.
impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_to_128_characters_counted_as_characters() {
        assert_eq!(Password::parse("short pass"), Err(PasswordError::TooShort));
        assert!(Password::parse("correct horse").is_ok());
        assert!(Password::parse("éééééééééééé").is_ok(), "12 characters, 24 bytes");
        assert_eq!(Password::parse(&"a".repeat(129)), Err(PasswordError::TooLong));
        assert_eq!(format!("{:?}", Password::parse("correct horse").unwrap()), "Password(…)");
    }
}
