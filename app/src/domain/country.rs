use serde::{Deserialize, Serialize};
use std::fmt;

/// A country or territory by its ISO 3166-1 alpha-3 code (`CAN`, `FRA`, …), the
/// form case-management systems exchange; names are shown in the reader's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(isocountry::CountryCode);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a country is given by its ISO 3166-1 three-letter code, such as CAN or FRA")]
pub struct CountryError;

impl Country {
    pub fn parse(input: &str) -> Result<Self, CountryError> {
        isocountry::CountryCode::for_alpha3_caseless(input.trim()).map(Self).map_err(|_| CountryError)
    }

    pub fn alpha3(self) -> &'static str {
        self.0.alpha3()
    }

    pub fn as_str(&self) -> &'static str {
        self.0.alpha3()
    }

    /// The country's English short name, from ISO 3166.
    pub fn english_name(self) -> &'static str {
        self.0.name()
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.alpha3())
    }
}

super::text_conversions!(Country, CountryError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_letter_codes_in_any_case() {
        assert_eq!(Country::parse("can").unwrap().alpha3(), "CAN");
        assert_eq!(Country::parse("FRA").unwrap().english_name(), "France");
        for bad in ["", "CA", "XXX", "Canada"] {
            assert_eq!(Country::parse(bad), Err(CountryError), "{bad}");
        }
    }
}
