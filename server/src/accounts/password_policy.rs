//! Whether a new password may be used, beyond its length (checked by
//! `Password::parse`): not common, not easy to guess, not the person's own name
//! or address. zxcvbn holds the block-list (30 000 passwords most often found in
//! breaches, with English words and names) and estimates how many guesses the
//! password would take; we require more than 10^10.
use app::domain::{ErrorKey, Password};
use zxcvbn::{zxcvbn, Score};

/// Parts of a name or email shorter than this are too common to forbid.
const MIN_PERSONAL: usize = 3;

/// `personal`: the person's names and the part of their email address before the @
/// (not the domain: everyone at example.com would be refused "com…").
pub fn assess(password: &Password, personal: &[&str]) -> Result<(), ErrorKey> {
    let parts: Vec<String> = personal
        .iter()
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .map(str::to_lowercase)
        .filter(|part| part.chars().count() >= MIN_PERSONAL)
        .collect();
    let lowered = password.expose().to_lowercase();
    if parts.iter().any(|part| lowered.contains(part.as_str())) {
        return Err(ErrorKey::PasswordPersonal);
    }
    let inputs: Vec<&str> = parts.iter().map(String::as_str).collect();
    if zxcvbn(password.expose(), &inputs).score() < Score::Three {
        return Err(ErrorKey::PasswordCommon);
    }
    Ok(())
}

/// 0 (very weak) to 4 (strong), for the strength meter.
pub fn strength(password: &str, personal: &[&str]) -> u8 {
    zxcvbn(password, personal).score() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(password: &str) -> Result<(), ErrorKey> {
        assess(&Password::parse(password).unwrap(), &["Thị Mai Nguyễn", "mai.nguyen"])
    }

    #[test]
    fn common_and_breached_passwords_are_refused() {
        for common in ["password1234", "123456789012", "qwertyuiopas", "iloveyou1234", "Password123!"] {
            assert_eq!(check(common), Err(ErrorKey::PasswordCommon), "{common}");
        }
    }

    #[test]
    fn the_persons_own_name_or_address_is_refused() {
        assert_eq!(check("nguyen-2026-rocks!"), Err(ErrorKey::PasswordPersonal));
        assert_eq!(check("MaiMaiMaiMai!"), Err(ErrorKey::PasswordPersonal));
    }

    #[test]
    fn long_unrelated_words_pass_without_any_composition_rule() {
        assert_eq!(check("maple kettle orbit lantern"), Ok(()));
        assert_eq!(check("trois tortues dansent le soir"), Ok(()));
        assert!(strength("maple kettle orbit lantern", &[]) >= 3);
        assert!(strength("password", &[]) <= 1);
    }
}
