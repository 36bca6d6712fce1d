//! The second factor from an authenticator app (TOTP, RFC 6238: 6 digits, 30
//! seconds, SHA-1, as every app reads it) and its single-use recovery codes.
use crate::secrets;
use rand::seq::IndexedRandom;
use totp_rs::{Algorithm, Secret, TOTP};

const ISSUER: &str = "PR Confirmation Portal";
/// Recovery codes given when the app is set up.
pub const RECOVERY_CODES: usize = 5;

/// A new shared secret (160 bits), base32 as apps expect it.
pub fn new_secret() -> String {
    Secret::generate_secret().to_encoded().to_string()
}

fn totp(secret: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes, Some(ISSUER.to_owned()), account.to_owned()).ok()
}

/// Whether the code is the app's, now or one step either side (clocks drift).
pub fn code_matches(secret: &str, account: &str, code: &str) -> bool {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    totp(secret, account).is_some_and(|t| t.check_current(&code).unwrap_or(false))
}

/// The QR code apps scan (a PNG, base64) for this secret.
pub fn qr_png_base64(secret: &str, account: &str) -> Option<String> {
    totp(secret, account)?.get_qr_base64().ok()
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

/// How a recovery code is stored and looked up: upper case, without the dash.
pub fn recovery_hash(code: &str) -> String {
    let normal: String = code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
    secrets::token_hash(&normal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apps_current_code_matches_and_others_do_not() {
        let secret = new_secret();
        let now = totp(&secret, "a@example.com").unwrap().generate_current().unwrap();
        assert!(code_matches(&secret, "a@example.com", &now));
        assert!(code_matches(&secret, "a@example.com", &format!("{} {}", &now[..3], &now[3..])));
        let wrong = if now == "000000" { "111111" } else { "000000" };
        assert!(!code_matches(&secret, "a@example.com", wrong));
        assert!(qr_png_base64(&secret, "a@example.com").is_some());
    }

    #[test]
    fn recovery_codes_are_five_distinct_and_read_loosely() {
        let codes = recovery_codes();
        assert_eq!(codes.len(), 5);
        assert!(codes.iter().all(|c| c.len() == 9 && &c[4..5] == "-"));
        assert_eq!(recovery_hash(&codes[0]), recovery_hash(&codes[0].to_lowercase().replace('-', " ")));
        assert_ne!(recovery_hash(&codes[0]), recovery_hash(&codes[1]));
    }
}
