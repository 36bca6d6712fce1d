//! Password hashing (Argon2id with OWASP's parameters) and temporary passwords.
use crate::error::DeskError;
use app::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::seq::IndexedRandom;
use chrono::{DateTime, Duration, Utc};
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Password hashing for one instance: one hash at a time per core. Each takes
/// 19 MiB and tens of milliseconds, so a crowd of sign-ins waits its turn, for
/// a bounded time, rather than piling up on the blocking pool.
#[derive(Clone)]
pub struct Hasher {
    turns: Arc<Semaphore>,
    wait: std::time::Duration,
}

/// Why a password could not be hashed or checked now.
#[derive(Debug, thiserror::Error)]
pub enum HashingError {
    #[error("every core was busy hashing passwords for longer than the wait allowed")]
    Busy,
    #[error("the password could not be hashed")]
    Failed,
}

/// A crowd that kept every core hashing for longer than the wait: "try again shortly".
impl From<HashingError> for DeskError {
    fn from(error: HashingError) -> Self {
        match error {
            HashingError::Busy => DeskError::Refused(AppError::Busy),
            HashingError::Failed => DeskError::Hash,
        }
    }
}

impl Hasher {
    /// A turn waits at most `wait` for a free core.
    pub fn new(wait: std::time::Duration) -> Self {
        Self { turns: Arc::new(Semaphore::new(std::thread::available_parallelism().map_or(2, usize::from))), wait }
    }

    /// Runs `work` on the blocking pool once a core is free.
    async fn in_turn<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashingError> {
        let turn = tokio::time::timeout(self.wait, self.turns.acquire())
            .await
            .map_err(|_| HashingError::Busy)?
            .map_err(|_| HashingError::Failed)?;
        let done = tokio::task::spawn_blocking(work).await.map_err(|_| HashingError::Failed);
        drop(turn);
        done
    }

    /// [`verify`], in turn.
    pub async fn verify(&self, password: String, phc: String) -> Result<bool, HashingError> {
        self.in_turn(move || verify(&password, &phc)).await
    }

    /// [`hash`], in turn.
    pub async fn hash(&self, password: SecretString) -> Result<String, HashingError> {
        self.in_turn(move || hash(&password)).await?.map_err(|_| HashingError::Failed)
    }

    /// [`issue_temporary`], in turn.
    pub async fn issue_temporary(&self, valid_days: u32) -> Result<(TemporaryPassword, String), HashingError> {
        let password = temporary();
        let hash = self.hash(password.clone()).await?;
        let expires_at = Utc::now() + Duration::days(i64::from(valid_days));
        Ok((TemporaryPassword { password, expires_at }, hash))
    }
}

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
