//! A mailing address in Canada, where the PR card is mailed: parsed in the
//! browser and again on the server, so a wrong one never reaches the database.
use super::{ErrorKey, FieldError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A province or territory, by Canada Post's two-letter code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Province {
    NL,
    PE,
    NS,
    NB,
    QC,
    ON,
    MB,
    SK,
    AB,
    BC,
    YT,
    NT,
    NU,
}

impl Province {
    /// From east to west, then the territories, as Canada Post lists them.
    pub const ALL: [Self; 13] = [
        Self::NL, Self::PE, Self::NS, Self::NB, Self::QC, Self::ON, Self::MB, Self::SK, Self::AB, Self::BC, Self::YT,
        Self::NT, Self::NU,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::NL => "NL",
            Self::PE => "PE",
            Self::NS => "NS",
            Self::NB => "NB",
            Self::QC => "QC",
            Self::ON => "ON",
            Self::MB => "MB",
            Self::SK => "SK",
            Self::AB => "AB",
            Self::BC => "BC",
            Self::YT => "YT",
            Self::NT => "NT",
            Self::NU => "NU",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        let wanted = input.trim().to_ascii_uppercase();
        Self::ALL.into_iter().find(|p| p.code() == wanted)
    }

    /// The first letters of its postal codes (Canada Post's forward sortation areas).
    pub fn postal_letters(self) -> &'static [char] {
        match self {
            Self::NL => &['A'],
            Self::NS => &['B'],
            Self::PE => &['C'],
            Self::NB => &['E'],
            Self::QC => &['G', 'H', 'J'],
            Self::ON => &['K', 'L', 'M', 'N', 'P'],
            Self::MB => &['R'],
            Self::SK => &['S'],
            Self::AB => &['T'],
            Self::BC => &['V'],
            Self::NT | Self::NU => &['X'],
            Self::YT => &['Y'],
        }
    }
}

/// A postal code as Canada Post writes it, `A1A 1A1`; spaces and case are
/// forgiven on the way in. D, F, I, O, Q and U never appear; W and Z never first.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PostalCodeError {
    #[error("enter the postal code")]
    Empty,
    #[error("a postal code is written A1A 1A1")]
    Invalid,
}

impl PostalCode {
    pub fn parse(input: &str) -> Result<Self, PostalCodeError> {
        let compact: Vec<char> = input.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
        if compact.is_empty() {
            return Err(PostalCodeError::Empty);
        }
        let letter = |c: char| c.is_ascii_uppercase() && !"DFIOQU".contains(c);
        let shaped = compact.len() == 6
            && compact.iter().enumerate().all(|(i, &c)| if i % 2 == 0 { letter(c) } else { c.is_ascii_digit() })
            && !"WZ".contains(compact[0]);
        if !shaped {
            return Err(PostalCodeError::Invalid);
        }
        let text: String = compact.iter().collect();
        Ok(Self(format!("{} {}", &text[..3], &text[3..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether Canada Post uses it in this province or territory.
    pub fn belongs_to(&self, province: Province) -> bool {
        self.0.chars().next().is_some_and(|first| province.postal_letters().contains(&first))
    }
}

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PostalCode {
    type Error = PostalCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PostalCode> for String {
    fn from(value: PostalCode) -> Self {
        value.0
    }
}

/// The address form as typed, field by field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawAddress {
    pub street: String,
    #[serde(default)]
    pub unit: String,
    pub city: String,
    pub province: String,
    pub postal_code: String,
    #[serde(default)]
    pub care_of: String,
}

/// A mailing address in Canada that Canada Post can deliver to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailingAddress {
    pub street: String,
    pub unit: Option<String>,
    pub city: String,
    pub province: Province,
    pub postal_code: PostalCode,
    pub care_of: Option<String>,
}

/// Longer than any line Canada Post prints.
const MAX_LINE: usize = 100;

impl RawAddress {
    /// The address, or every field that is wrong (by the form's field names).
    pub fn parse(&self) -> Result<MailingAddress, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut line = |field: &str, value: &str, if_empty: Option<ErrorKey>| -> Option<String> {
            let value = value.trim();
            if value.chars().any(char::is_control) || value.chars().count() > MAX_LINE {
                errors.push(FieldError::new(field, ErrorKey::AddressLineInvalid));
            } else if let Some(key) = if_empty.filter(|_| value.is_empty()) {
                errors.push(FieldError::new(field, key));
            }
            Some(value.to_owned())
        };
        let street = line("street", &self.street, Some(ErrorKey::StreetEmpty));
        let unit = line("unit", &self.unit, None);
        let city = line("city", &self.city, Some(ErrorKey::CityEmpty));
        let care_of = line("care_of", &self.care_of, None);
        let province = Province::parse(&self.province);
        if province.is_none() {
            errors.push(FieldError::new("province", ErrorKey::ProvinceMissing));
        }
        let postal_code = match PostalCode::parse(&self.postal_code) {
            Ok(code) => Some(code),
            Err(PostalCodeError::Empty) => {
                errors.push(FieldError::new("postal_code", ErrorKey::PostalCodeEmpty));
                None
            }
            Err(PostalCodeError::Invalid) => {
                errors.push(FieldError::new("postal_code", ErrorKey::PostalCodeInvalid));
                None
            }
        };
        if let (Some(code), Some(province)) = (&postal_code, province) {
            if !code.belongs_to(province) {
                errors.push(FieldError::new("postal_code", ErrorKey::PostalCodeProvince));
            }
        }
        match (street, unit, city, care_of, province, postal_code) {
            (Some(street), Some(unit), Some(city), Some(care_of), Some(province), Some(postal_code)) if errors.is_empty() => {
                let optional = |s: String| (!s.is_empty()).then_some(s);
                Ok(MailingAddress { street, unit: optional(unit), city, province, postal_code, care_of: optional(care_of) })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_forgive_spaces_and_case_and_are_kept_one_way() {
        assert_eq!(PostalCode::parse(" m5v3l9 ").unwrap().as_str(), "M5V 3L9");
        assert_eq!(PostalCode::parse("H2X 1Y4").unwrap().as_str(), "H2X 1Y4");
        assert_eq!(PostalCode::parse(""), Err(PostalCodeError::Empty));
        for wrong in ["M5V3L", "M5V 3L99", "55V 3L9", "M5D 3L9", "W1A 1A1", "Z1A 1A1", "M5V-3L9", "MOV 3L9"] {
            assert_eq!(PostalCode::parse(wrong), Err(PostalCodeError::Invalid), "{wrong}");
        }
    }

    #[test]
    fn every_first_letter_belongs_to_its_provinces_only() {
        let expected = [
            ('A', "NL"), ('B', "NS"), ('C', "PE"), ('E', "NB"), ('G', "QC"), ('H', "QC"), ('J', "QC"), ('K', "ON"),
            ('L', "ON"), ('M', "ON"), ('N', "ON"), ('P', "ON"), ('R', "MB"), ('S', "SK"), ('T', "AB"), ('V', "BC"),
            ('X', "NT NU"), ('Y', "YT"),
        ];
        for letter in 'A'..='Z' {
            let Ok(code) = PostalCode::parse(&format!("{letter}1A 1A1")) else {
                assert!("DFIOQUWZ".contains(letter), "{letter} should be a first letter");
                continue;
            };
            let owners = expected.iter().find(|(l, _)| *l == letter).map_or("", |(_, p)| p);
            for province in Province::ALL {
                assert_eq!(code.belongs_to(province), owners.split(' ').any(|p| p == province.code()), "{letter} {province:?}");
            }
        }
    }

    fn raw() -> RawAddress {
        RawAddress {
            street: "290 Bremner Blvd".into(),
            unit: "".into(),
            city: "Toronto".into(),
            province: "ON".into(),
            postal_code: "m5v 3l9".into(),
            care_of: "".into(),
        }
    }

    #[test]
    fn a_whole_address_parses_with_its_optional_lines_left_out() {
        let address = raw().parse().unwrap();
        assert_eq!(address.postal_code.as_str(), "M5V 3L9");
        assert_eq!((address.unit, address.care_of), (None, None));
    }

    #[test]
    fn each_wrong_field_is_named() {
        let mut wrong = raw();
        wrong.province = "QC".into();
        assert_eq!(wrong.parse(), Err(vec![FieldError::new("postal_code", ErrorKey::PostalCodeProvince)]));
        let empty = RawAddress::default();
        let fields: Vec<_> = empty.parse().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["street", "city", "province", "postal_code"]);
        let mut long = raw();
        long.unit = "x".repeat(MAX_LINE + 1);
        assert_eq!(long.parse(), Err(vec![FieldError::new("unit", ErrorKey::AddressLineInvalid)]));
    }
}
