//! The secrets the portal puts in links and cookies (invitations, password
//! resets, sessions): 43 letters and digits, about 256 bits.

/// A secret of the portal's shape; anything else was never issued, and is
/// turned away before the database is asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub const LEN: usize = 43;

    pub fn parse(input: &str) -> Option<Self> {
        (input.len() == Self::LEN && input.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| Self(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Token;

    #[test]
    fn only_43_letters_and_digits_are_a_token() {
        let good = "a".repeat(42) + "7";
        assert_eq!(Token::parse(&good).map(|t| t.as_str().to_owned()), Some(good));
        assert_eq!(Token::parse(&"a".repeat(42)), None);
        assert_eq!(Token::parse(&"a".repeat(44)), None);
        assert_eq!(Token::parse(&("a".repeat(42) + "-")), None);
        assert_eq!(Token::parse(&("a".repeat(41) + "é")), None);
    }
}
