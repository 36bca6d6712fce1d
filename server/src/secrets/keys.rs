//! The portal's own secret key (`secrets.key`) and what it guards, so that a
//! copy of the database alone opens nothing (ASVS 2.6.2, 2.9.3):
//! authenticator secrets are sealed with it (AES-256-GCM), and short one-time
//! codes (recovery codes, emailed codes) are stored as a keyed hash
//! (HMAC-SHA-256), which cannot be reversed by trying every code.
use crate::config::{DatabaseTarget, Settings};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::hmac;
use ring::rand::{SecureRandom, SystemRandom};
use secrecy::ExposeSecret;
use std::path::Path;

/// Sealed values start with this, so that a future key or cipher can be told apart.
const SEALED: &str = "v1:";

pub struct Keys {
    seal: LessSafeKey,
    lookup: hmac::Key,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "secrets.key is not set: with PostgreSQL, every instance must share one key. Set APP_SECRETS__KEY to 64 \
         hexadecimal digits (for example the output of `openssl rand -hex 32`) in each instance's secrets"
    )]
    Missing,
    #[error("secrets.key must be 64 hexadecimal digits (32 bytes)")]
    Invalid,
    #[error("could not read or create the key file {path}: {source}")]
    File { path: String, source: std::io::Error },
}

impl Keys {
    /// The key from the settings; on SQLite without one, the key file (made on
    /// first run, readable by the portal's user only).
    pub fn load(settings: &Settings) -> Result<Self, KeyError> {
        let text = match (&settings.secrets.key, settings.database_target()) {
            (Some(key), _) => key.expose_secret().to_owned(),
            (None, DatabaseTarget::Sqlite(database)) => {
                key_file(&settings.secrets.key_file.clone().unwrap_or_else(|| database.with_file_name("secret.key")))?
            }
            (None, DatabaseTarget::Url(_)) => return Err(KeyError::Missing),
        };
        let bytes: [u8; 32] = hex::decode(text.trim()).ok().and_then(|b| b.try_into().ok()).ok_or(KeyError::Invalid)?;
        Ok(Self::from_master(&bytes))
    }

    /// Two keys from one, each for its own use.
    pub fn from_master(master: &[u8; 32]) -> Self {
        let derive = |label: &str| hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, master), label.as_bytes());
        let seal = UnboundKey::new(&AES_256_GCM, derive("portal seal v1").as_ref()).expect("32 bytes make an AES-256 key");
        Self { seal: LessSafeKey::new(seal), lookup: hmac::Key::new(hmac::HMAC_SHA256, derive("portal lookup v1").as_ref()) }
    }

    /// `plain`, sealed for `context` (say, whose it is): opened only with the
    /// same key and context.
    pub fn seal(&self, context: &str, plain: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new().fill(&mut nonce).expect("the system's random numbers");
        let mut sealed = plain.as_bytes().to_vec();
        self.seal
            .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(context.as_bytes()), &mut sealed)
            .expect("sealing a short value works");
        format!("{SEALED}{}{}", hex::encode(nonce), hex::encode(sealed))
    }

    /// The value [`Keys::seal`] sealed, if this key sealed it for this context.
    pub fn open(&self, context: &str, sealed: &str) -> Option<String> {
        let bytes = hex::decode(sealed.strip_prefix(SEALED)?).ok()?;
        let (nonce, body) = bytes.split_at_checked(NONCE_LEN)?;
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut body = body.to_vec();
        let plain = self.seal.open_in_place(nonce, Aad::from(context.as_bytes()), &mut body).ok()?;
        String::from_utf8(plain.to_vec()).ok()
    }

    /// A keyed hash to store and look up a short secret by.
    pub fn lookup_hash(&self, value: &str) -> String {
        hex::encode(hmac::sign(&self.lookup, value.as_bytes()))
    }
}

/// The key in `path`, made (32 random bytes, mode 0600) if it does not exist.
fn key_file(path: &Path) -> Result<String, KeyError> {
    let failed = |source| KeyError::File { path: path.display().to_string(), source };
    match std::fs::read_to_string(path) {
        Ok(text) => return Ok(text),
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(failed(err)),
        Err(_) => {}
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(failed)?;
    }
    let mut key = [0u8; 32];
    SystemRandom::new().fill(&mut key).map_err(|_| failed(std::io::Error::other("no random numbers")))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(failed)?;
    std::io::Write::write_all(&mut file, hex::encode(key).as_bytes()).map_err(failed)?;
    tracing::info!(path = %path.display(), "created the portal's secret key (keep it with the database's backups, apart from them)");
    Ok(hex::encode(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_only_with_its_key_and_context() {
        let keys = Keys::from_master(&[7; 32]);
        let sealed = keys.seal("user:1", "JBSWY3DPEHPK3PXP");
        assert!(sealed.starts_with("v1:") && !sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(sealed, keys.seal("user:1", "JBSWY3DPEHPK3PXP"), "a fresh nonce each time");
        assert_eq!(keys.open("user:1", &sealed).as_deref(), Some("JBSWY3DPEHPK3PXP"));
        assert_eq!(keys.open("user:2", &sealed), None, "moved to another account, it does not open");
        assert_eq!(Keys::from_master(&[8; 32]).open("user:1", &sealed), None, "another key");
        assert_eq!(keys.open("user:1", "JBSWY3DPEHPK3PXP"), None, "not sealed");
    }

    #[test]
    fn lookup_hashes_depend_on_the_key() {
        let (a, b) = (Keys::from_master(&[1; 32]), Keys::from_master(&[2; 32]));
        assert_eq!(a.lookup_hash("123456"), a.lookup_hash("123456"));
        assert_ne!(a.lookup_hash("123456"), b.lookup_hash("123456"));
        assert_ne!(a.lookup_hash("123456"), crate::secrets::tokens::token_hash("123456"));
    }

    #[test]
    fn the_key_file_is_made_once_and_kept_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data/secret.key");
        let first = key_file(&path).unwrap();
        assert_eq!(first.len(), 64);
        assert_eq!(key_file(&path).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }
}
