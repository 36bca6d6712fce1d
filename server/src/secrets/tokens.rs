//! Random bearer secrets (API tokens, invitation links) and how they are kept:
//! only a SHA-256 of each is stored, so a copy of the database opens nothing.
use rand::distr::{Alphanumeric, SampleString};
use sha2::{Digest, Sha256};

/// 43 letters and digits (`Token`'s shape): about 256 bits.
pub fn random_token() -> String {
    Alphanumeric.sample_string(&mut rand::rng(), app::domain::Token::LEN)
}

/// A photo's key in addresses (`PhotoKey`'s shape): about 190 bits. Kept as it
/// is: it only names a photo, and every address with it checks who asks.
pub fn random_photo_key() -> String {
    Alphanumeric.sample_string(&mut rand::rng(), app::domain::PhotoKey::LEN)
}

/// The hex SHA-256 of a token. A fast hash is right here: the token is random
/// and long, so it cannot be guessed from its hash.
pub fn token_hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let (a, b) = (random_token(), random_token());
        assert!(app::domain::Token::parse(&a).is_some());
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
    }
}
