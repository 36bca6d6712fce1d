//! Confirming permanent residence: the date and place an officer records, what
//! each person still lacks, and the eCOPR's verification code.
use super::new_case::past_date;
use super::{ErrorKey, FieldError, PersonId, Province};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The confirmation form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawConfirmation {
    pub became_on: String,
    pub city: String,
    pub province: String,
}

/// When and where the person became a permanent resident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub became_on: NaiveDate,
    pub city: String,
    pub province: Province,
}

/// Longer than any Canadian place name.
const MAX_CITY: usize = 100;

impl RawConfirmation {
    /// The confirmation, or every field that is wrong. The date is in the past
    /// (or today); each person's own approval date is checked when confirming.
    pub fn parse(&self, today: NaiveDate) -> Result<Confirmation, Vec<FieldError>> {
        let mut errors = Vec::new();
        let became_on = past_date(&self.became_on, today, "became_on", &mut errors);
        let city = self.city.trim();
        if city.is_empty() {
            errors.push(FieldError::new("city", ErrorKey::CityEmpty));
        } else if city.chars().any(char::is_control) || city.chars().count() > MAX_CITY {
            errors.push(FieldError::new("city", ErrorKey::AddressLineInvalid));
        }
        let province = Province::parse(&self.province);
        if province.is_none() {
            errors.push(FieldError::new("province", ErrorKey::ProvinceMissing));
        }
        match (became_on, province) {
            (Some(became_on), Some(province)) if errors.is_empty() => Ok(Confirmation { became_on, city: city.to_owned(), province }),
            _ => Err(errors),
        }
    }
}

/// What stands between a person and the confirmation of their PR.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// No declaration that they are in Canada (none, or "not in Canada").
    Presence,
    Address,
    /// Their newest photo is not accepted (none, waiting or returned).
    AcceptedPhoto,
    /// The date given is before their application was approved.
    DateBeforeApproval,
}

/// What became of one person in a confirmation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confirmed {
    /// Confirmed now; the eCOPR is issued and the person told.
    Done,
    /// Confirmed before: nothing changed.
    Already,
    NotReady(Vec<Missing>),
    /// Not a person the portal knows.
    Unknown,
    /// The officer completes this person's profile: another officer confirms them.
    OwnFamily,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonConfirmed {
    pub person: PersonId,
    /// Empty for an unknown person.
    pub name: String,
    pub result: Confirmed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConfirmOutcome {
    /// Nothing was confirmed: the form is wrong, or no one was chosen.
    Invalid(Vec<FieldError>),
    /// Each person chosen, in the order given: each is confirmed whole or not at all.
    Done(Vec<PersonConfirmed>),
}

/// How long the person can download the eCOPR from the portal.
pub const DOWNLOAD_DAYS: i64 = 30;

/// The last day the eCOPR issued on `issued_on` can be downloaded.
pub fn download_until(issued_on: NaiveDate) -> NaiveDate {
    issued_on + chrono::Duration::days(DOWNLOAD_DAYS)
}

/// A person ready to confirm (declared in Canada, an address, an accepted
/// photo, not confirmed), for officers' list across cases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadyPerson {
    pub id: PersonId,
    pub name: String,
    pub application_number: String,
    /// When their photo was accepted: the list is oldest first.
    pub accepted_on: NaiveDate,
    /// Where they said they live, to compare with the place of confirmation.
    pub city: String,
    pub province: Province,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadyPage {
    pub people: Vec<ReadyPerson>,
    /// From 1.
    pub page: u64,
    /// At least 1.
    pub pages: u64,
    pub total: u64,
}

impl ReadyPage {
    pub const SIZE: u64 = 50;
}

/// How many people one confirmation may take: a large family, or a day's batch.
pub const MAX_CONFIRM: usize = 200;

/// The code printed on an eCOPR to verify it: 16 characters of Crockford's
/// base 32 (80 bits), shown in groups of four. Reading it forgives case,
/// spaces and dashes, and the letters O, I and L that look like 0 and 1.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VerificationCode(String);

/// Crockford's alphabet: no I, L, O or U.
pub const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH: usize = 16;

impl VerificationCode {
    pub fn parse(input: &str) -> Option<Self> {
        let mut code = String::with_capacity(CODE_LENGTH);
        for c in input.chars().filter(|c| !matches!(c, ' ' | '-')) {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !CODE_ALPHABET.contains(&(c as u8)) || !c.is_ascii() {
                return None;
            }
            code.push(c);
        }
        (code.len() == CODE_LENGTH).then_some(Self(code))
    }

    /// A new code from 80 random bits.
    pub fn from_bits(bits: [u8; 10]) -> Self {
        let mut value = bits.iter().fold(0u128, |value, byte| value << 8 | u128::from(*byte));
        let mut code = [0u8; CODE_LENGTH];
        for slot in code.iter_mut().rev() {
            *slot = CODE_ALPHABET[(value & 31) as usize];
            value >>= 5;
        }
        Self(String::from_utf8(code.to_vec()).expect("the alphabet is ASCII"))
    }

    /// As stored: 16 characters, no dashes.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As printed and typed: `7K3M-Q9TX-4HWD-2PRA`.
    pub fn grouped(&self) -> String {
        self.0.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).expect("ASCII")).collect::<Vec<_>>().join("-")
    }
}

/// What the public verification page may say of an eCOPR: enough to compare
/// with the paper in front of someone, nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verification {
    Genuine { initials: String, birth_year: i32, issued_on: NaiveDate },
    /// Unknown, malformed, or too many tries from this address: the same answer.
    CannotConfirm,
}

/// "Maria-Fernanda de los Ángeles Rodríguez" → "M.-F. d. l. Á. R."
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .map(|word| word.split('-').filter_map(|part| part.chars().next()).map(|c| format!("{c}.")).collect::<Vec<_>>().join("-"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn a_confirmation_needs_a_past_date_a_city_and_a_province() {
        let raw = RawConfirmation { became_on: "2026-11-20".into(), city: " Toronto ".into(), province: "ON".into() };
        let parsed = raw.parse(today()).unwrap();
        assert_eq!((parsed.city.as_str(), parsed.province), ("Toronto", Province::ON));
        let wrong = RawConfirmation { became_on: "2026-12-02".into(), city: "".into(), province: "XX".into() };
        let fields: Vec<_> = wrong.parse(today()).unwrap_err().into_iter().map(|e| (e.field, e.key)).collect();
        assert_eq!(
            fields,
            [("became_on".into(), ErrorKey::DateFuture), ("city".into(), ErrorKey::CityEmpty), ("province".into(), ErrorKey::ProvinceMissing)]
        );
    }

    #[test]
    fn codes_carry_80_bits_in_groups_and_forgive_what_people_mistype() {
        let code = VerificationCode::from_bits([0xff; 10]);
        assert_eq!(code.as_str(), "ZZZZZZZZZZZZZZZZ");
        let code = VerificationCode::from_bits([0, 0, 0, 0, 0, 0, 0, 0, 0, 33]);
        assert_eq!(code.grouped(), "0000-0000-0000-0011");
        assert_eq!(VerificationCode::parse("oooo oooo-oooo-ooIl"), Some(code));
        for wrong in ["", "0000-0000-0000-001", "0000-0000-0000-00111", "0000-0000-0000-001U", "0000-0000-0000-001é"] {
            assert_eq!(VerificationCode::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn initials_keep_accents_and_hyphenated_names() {
        assert_eq!(initials("Maria-Fernanda de los Ángeles Rodríguez-Ñúñez"), "M.-F. d. l. Á. R.-Ñ.");
        assert_eq!(initials("Thị Mai Nguyễn"), "T. M. N.");
    }
}
