//! The second factor from an authenticator app (TOTP, RFC 6238: 6 digits, 30
//! seconds, SHA-1, as every app reads it) and its single-use recovery codes.
use crate::secrets::keys::Keys;
use rand::seq::IndexedRandom;
use totp_rs::{Algorithm, Secret, TOTP};

const ISSUER: &str = "PR Confirmation Portal";
/// Recovery codes given when the app is set up.
pub const RECOVERY_CODES: usize = 5;

/// A new shared secret (160 bits), base32 as apps expect it.
pub fn new_secret() -> String {
    Secret::generate_secret().to_encoded().to_string()
}

/// Codes live this many seconds (RFC 6238's time step).
const STEP: u64 = 30;

fn totp(secret: &str, account: &str, skew: u8) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, skew, STEP, bytes, Some(ISSUER.to_owned()), account.to_owned()).ok()
}

/// The time step of the app's code, if the code is the one for now or one step
/// either side (clocks drift). Callers keep the newest step used, so that a code
/// seen over someone's shoulder cannot be used again within its window.
pub fn matching_step(secret: &str, account: &str, code: &str, unix_seconds: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let totp = totp(secret, account, 0)?;
    [unix_seconds.checked_sub(STEP), Some(unix_seconds), unix_seconds.checked_add(STEP)]
        .into_iter()
        .flatten()
        .find(|&time| totp.check(&code, time))
        .and_then(|time| i64::try_from(time / STEP).ok())
}

/// The QR code apps scan (a PNG, base64) for this secret.
pub fn qr_png_base64(secret: &str, account: &str) -> Option<String> {
    totp(secret, account, 0)?.get_qr_base64().ok()
}

/// Codes like `K7PM-2QXD`: from the alphabet of temporary passwords, easy to copy by hand.
pub fn recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut code: String = (0..8).map(|_| char::from(*ALPHABET.choose(&mut rng).expect("not empty"))).collect();
            code.insert(4, '-');
            code
        })
        .collect()
}

/// How a recovery code is stored and looked up: upper case, without the dash,
/// by a keyed hash (some 40 bits: a plain hash could be reversed by trying them all).
pub fn recovery_hash(keys: &Keys, code: &str) -> String {
    let normal: String = code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
    keys.lookup_hash(&normal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_its_own_step_and_the_ones_either_side_only() {
        let secret = new_secret();
        let at = 1_800_000_000;
        let app = totp(&secret, "a@example.com", 0).unwrap();
        let code = app.generate(at);
        let step = (at / STEP) as i64;
        assert_eq!(matching_step(&secret, "a@example.com", &code, at), Some(step));
        assert_eq!(matching_step(&secret, "a@example.com", &format!("{} {}", &code[..3], &code[3..]), at), Some(step));
        assert_eq!(matching_step(&secret, "a@example.com", &code, at + STEP), Some(step), "a slow clock");
        assert_eq!(matching_step(&secret, "a@example.com", &app.generate(at + STEP), at), Some(step + 1), "a fast clock");
        assert_eq!(matching_step(&secret, "a@example.com", &code, at + 3 * STEP), None, "too old");
        let wrong = if code == "000000" { "111111" } else { "000000" };
        assert_eq!(matching_step(&secret, "a@example.com", wrong, at), None);
        assert!(qr_png_base64(&secret, "a@example.com").is_some());
    }

    #[test]
    fn recovery_codes_are_five_distinct_and_read_loosely() {
        let codes = recovery_codes();
        let keys = Keys::from_master(&[3; 32]);
        assert_eq!(codes.len(), 5);
        assert!(codes.iter().all(|c| c.len() == 9 && &c[4..5] == "-"));
        assert_eq!(recovery_hash(&keys, &codes[0]), recovery_hash(&keys, &codes[0].to_lowercase().replace('-', " ")));
        assert_ne!(recovery_hash(&keys, &codes[0]), recovery_hash(&keys, &codes[1]));
    }
}
