//! Password hashing (Argon2id with OWASP's parameters) and temporary passwords.
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::seq::IndexedRandom;
use chrono::{DateTime, Duration, Utc};
use secrecy::{ExposeSecret, SecretString};

/// A temporary password, shown or sent once, which must be changed at first sign-in.
#[derive(Debug)]
pub struct TemporaryPassword {
    pub password: SecretString,
    pub expires_at: DateTime<Utc>,
}

/// A new temporary password valid for so many days, and its hash to store.
pub fn issue_temporary(valid_days: u32) -> Result<(TemporaryPassword, String), argon2::password_hash::Error> {
    let password = temporary();
    let hash = hash(&password)?;
    let expires_at = Utc::now() + Duration::days(i64::from(valid_days));
    Ok((TemporaryPassword { password, expires_at }, hash))
}

/// OWASP Password Storage Cheat Sheet: Argon2id, 19 MiB, 2 iterations, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP's Argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) with a fresh random salt.
pub fn hash(password: &SecretString) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher().hash_password(password.expose_secret().as_bytes(), &salt)?.to_string())
}

/// Whether a password matches a stored PHC string. CPU-bound by design (tens
/// of milliseconds): call it off the async threads.
pub fn verify(password: &str, phc: &str) -> bool {
    use argon2::{PasswordHash, PasswordVerifier};
    PasswordHash::new(phc).is_ok_and(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash of nothing anyone knows, checked when a username does not exist so that
/// the answer takes as long as for one that does.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash(&temporary()).expect("hashing a random password works"));
    &DECOY
}

/// Letters and digits that cannot be mistaken for one another when read from an email.
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";

/// 16 characters from a 55-symbol alphabet (about 92 bits), in groups of four.
pub fn temporary() -> SecretString {
    let mut rng = rand::rng();
    let groups: Vec<String> = (0..4)
        .map(|_| (0..4).map(|_| char::from(*ALPHABET.choose(&mut rng).expect("alphabet is not empty"))).collect())
        .collect();
    SecretString::from(groups.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::{PasswordHash, PasswordVerifier};

    #[test]
    fn hashes_with_argon2id_and_owasp_parameters() {
        let password = SecretString::from("correct horse battery staple");
        let phc = hash(&password).unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        let parsed = PasswordHash::new(&phc).unwrap();
        assert!(hasher().verify_password(b"correct horse battery staple", &parsed).is_ok());
        assert!(hasher().verify_password(b"wrong", &parsed).is_err());
        assert_ne!(phc, hash(&password).unwrap(), "each hash has its own salt");
    }

    #[test]
    fn temporary_passwords_are_long_unambiguous_and_different() {
        let a = temporary();
        let b = temporary();
        let text = a.expose_secret();
        assert_eq!(text.len(), 19);
        assert!(text.split('-').all(|g| g.len() == 4 && g.bytes().all(|c| ALPHABET.contains(&c))));
        assert_ne!(text, b.expose_secret());
    }
}
