//! An approved case as it arrives (API, CSV file or officer's form), parsed whole:
//! either every field is valid, or the caller gets every field error at once.
use super::{ApplicationNumber, Country, Email, ErrorKey, FieldError, PersonName, Relationship, Sex, Uci};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The case as sent, every field as text, so that a wrong field is reported on
/// that field rather than as an unreadable body.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RawCase {
    pub application_number: String,
    /// The date the application was approved, `YYYY-MM-DD`.
    pub approved_on: String,
    pub people: Vec<RawPerson>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RawPerson {
    pub family_name: String,
    /// Empty for a person with one name.
    pub given_names: String,
    pub date_of_birth: String,
    pub sex: String,
    pub country_of_birth: String,
    pub citizenship: String,
    pub uci: String,
    /// Required for the principal applicant, who receives the invitation.
    pub email: String,
    pub relationship: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCase {
    pub application_number: ApplicationNumber,
    pub approved_on: NaiveDate,
    pub people: Vec<NewPerson>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPerson {
    pub family_name: PersonName,
    pub given_names: Option<PersonName>,
    pub date_of_birth: NaiveDate,
    pub sex: Sex,
    pub country_of_birth: Country,
    pub citizenship: Country,
    pub uci: Uci,
    pub email: Option<Email>,
    pub relationship: Relationship,
}

impl NewCase {
    /// The principal applicant and the address the invitation goes to; `parse`
    /// guarantees both, so `None` never comes from a parsed case.
    pub fn principal(&self) -> Option<(&NewPerson, &Email)> {
        self.people
            .iter()
            .find(|p| p.relationship == Relationship::Principal)
            .and_then(|p| p.email.as_ref().map(|email| (p, email)))
    }
}

/// People on one application; more is not a family but a mistake upstream.
pub const MAX_PEOPLE: usize = 30;

impl RawCase {
    /// Parses the case as of `today` (dates cannot be in the future).
    pub fn parse(&self, today: NaiveDate) -> Result<NewCase, Vec<FieldError>> {
        let mut errors = Vec::new();
        let application_number = ApplicationNumber::parse(&self.application_number)
            .map_err(|e| {
                errors.push(FieldError::new(
                    "application_number",
                    match e {
                        super::ApplicationNumberError::Empty => ErrorKey::ApplicationNumberEmpty,
                        super::ApplicationNumberError::Invalid => ErrorKey::ApplicationNumberInvalid,
                    },
                ))
            })
            .ok();
        let approved_on = past_date(&self.approved_on, today, "approved_on", &mut errors);
        if self.people.is_empty() {
            errors.push(FieldError::new("people", ErrorKey::PeopleEmpty));
        } else if self.people.len() > MAX_PEOPLE {
            errors.push(FieldError::new("people", ErrorKey::PeopleTooMany));
        }
        let people: Vec<Option<NewPerson>> = self
            .people
            .iter()
            .take(MAX_PEOPLE)
            .enumerate()
            .map(|(i, person)| person.parse(&format!("people[{i}]"), today, &mut errors))
            .collect();

        let principals = people.iter().flatten().filter(|p| p.relationship == Relationship::Principal).count();
        let all_read = people.iter().all(Option::is_some);
        if all_read && !self.people.is_empty() && principals != 1 {
            errors.push(FieldError::new("people", if principals == 0 { ErrorKey::PrincipalMissing } else { ErrorKey::PrincipalSeveral }));
        }
        for (i, person) in people.iter().enumerate() {
            let Some(person) = person else { continue };
            if person.relationship == Relationship::Principal && person.email.is_none() {
                errors.push(FieldError::new(format!("people[{i}].email"), ErrorKey::PrincipalEmailMissing));
            }
            let repeated = people[..i].iter().flatten().any(|earlier| earlier.uci == person.uci);
            if repeated {
                errors.push(FieldError::new(format!("people[{i}].uci"), ErrorKey::UciRepeated));
            }
        }
        match (application_number, approved_on) {
            (Some(application_number), Some(approved_on)) if errors.is_empty() => Ok(NewCase {
                application_number,
                approved_on,
                people: people.into_iter().flatten().collect(),
            }),
            _ => Err(errors),
        }
    }
}

impl RawPerson {
    fn parse(&self, at: &str, today: NaiveDate, errors: &mut Vec<FieldError>) -> Option<NewPerson> {
        let before = errors.len();
        let field = |name: &str| format!("{at}.{name}");
        let family_name = name(&self.family_name, &field("family_name"), errors);
        let given_names = if self.given_names.trim().is_empty() {
            Some(None)
        } else {
            name(&self.given_names, &field("given_names"), errors).map(Some)
        };
        let date_of_birth = past_date(&self.date_of_birth, today, &field("date_of_birth"), errors);
        let sex = Sex::parse(&self.sex).map_err(|_| errors.push(FieldError::new(field("sex"), ErrorKey::SexInvalid))).ok();
        let country_of_birth = country(&self.country_of_birth, &field("country_of_birth"), errors);
        let citizenship = country(&self.citizenship, &field("citizenship"), errors);
        let uci = Uci::parse(&self.uci)
            .map_err(|e| {
                errors.push(FieldError::new(
                    field("uci"),
                    match e {
                        super::UciError::Empty => ErrorKey::UciEmpty,
                        super::UciError::Invalid => ErrorKey::UciInvalid,
                    },
                ))
            })
            .ok();
        let email = if self.email.trim().is_empty() {
            Some(None)
        } else {
            Email::parse(&self.email)
                .map(Some)
                .map_err(|_| errors.push(FieldError::new(field("email"), ErrorKey::EmailInvalid)))
                .ok()
        };
        let relationship = Relationship::parse(&self.relationship)
            .map_err(|_| errors.push(FieldError::new(field("relationship"), ErrorKey::RelationshipInvalid)))
            .ok();
        if errors.len() > before {
            return None;
        }
        Some(NewPerson {
            family_name: family_name?,
            given_names: given_names?,
            date_of_birth: date_of_birth?,
            sex: sex?,
            country_of_birth: country_of_birth?,
            citizenship: citizenship?,
            uci: uci?,
            email: email?,
            relationship: relationship?,
        })
    }
}

fn name(input: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<PersonName> {
    PersonName::parse(input)
        .map_err(|e| {
            errors.push(FieldError::new(
                field,
                match e {
                    super::PersonNameError::Empty => ErrorKey::NameEmpty,
                    super::PersonNameError::TooLong => ErrorKey::NameTooLong,
                    super::PersonNameError::ControlCharacter => ErrorKey::NameControl,
                },
            ))
        })
        .ok()
}

fn country(input: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<Country> {
    Country::parse(input).map_err(|_| errors.push(FieldError::new(field, ErrorKey::CountryInvalid))).ok()
}

/// A calendar date, `YYYY-MM-DD`, no later than today and no earlier than 1900.
pub(crate) fn past_date(input: &str, today: NaiveDate, field: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).expect("a valid date");
    match NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d") {
        Ok(date) if date > today => errors.push(FieldError::new(field, ErrorKey::DateFuture)),
        Ok(date) if date < earliest => errors.push(FieldError::new(field, ErrorKey::DateTooEarly)),
        Ok(date) => return Some(date),
        Err(_) if input.trim().is_empty() => errors.push(FieldError::new(field, ErrorKey::DateEmpty)),
        Err(_) => errors.push(FieldError::new(field, ErrorKey::DateInvalid)),
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn person(relationship: &str, uci: &str, email: &str) -> RawPerson {
        RawPerson {
            family_name: "Nguyễn".into(),
            given_names: "Thị Mai".into(),
            date_of_birth: "1990-04-02".into(),
            sex: "F".into(),
            country_of_birth: "VNM".into(),
            citizenship: "VNM".into(),
            uci: uci.into(),
            email: email.into(),
            relationship: relationship.into(),
        }
    }

    fn family() -> RawCase {
        RawCase {
            application_number: "E001234567".into(),
            approved_on: "2026-11-20".into(),
            people: vec![person("principal", "1234-5678", "mai@example.com"), person("child", "12-3456-7890", "")],
        }
    }

    fn keys(errors: &[FieldError]) -> Vec<(&str, ErrorKey)> {
        errors.iter().map(|e| (e.field.as_str(), e.key)).collect()
    }

    #[test]
    fn a_valid_family_parses_whole() {
        let case = family().parse(today()).unwrap();
        assert_eq!(case.people.len(), 2);
        assert_eq!(case.principal().unwrap().0.uci.as_str(), "12345678");
        assert_eq!(case.people[1].email, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut raw = family();
        raw.application_number = "123".into();
        raw.people[0].uci = "12".into();
        raw.people[1].date_of_birth = "2030-01-01".into();
        raw.people[1].country_of_birth = "Narnia".into();
        let errors = raw.parse(today()).unwrap_err();
        assert_eq!(
            keys(&errors),
            vec![
                ("application_number", ErrorKey::ApplicationNumberInvalid),
                ("people[0].uci", ErrorKey::UciInvalid),
                ("people[1].date_of_birth", ErrorKey::DateFuture),
                ("people[1].country_of_birth", ErrorKey::CountryInvalid),
            ]
        );
    }

    #[test]
    fn one_principal_with_an_email_and_distinct_ucis() {
        let mut raw = family();
        raw.people[1].relationship = "principal".into();
        raw.people[1].email = "child@example.com".into();
        assert_eq!(keys(&raw.parse(today()).unwrap_err()), vec![("people", ErrorKey::PrincipalSeveral)]);
        let mut raw = family();
        raw.people[0].email = String::new();
        raw.people[1].uci = "12345678".into();
        assert_eq!(
            keys(&raw.parse(today()).unwrap_err()),
            vec![("people[0].email", ErrorKey::PrincipalEmailMissing), ("people[1].uci", ErrorKey::UciRepeated)]
        );
        let raw = RawCase { people: vec![], ..family() };
        assert_eq!(keys(&raw.parse(today()).unwrap_err()), vec![("people", ErrorKey::PeopleEmpty)]);
    }
}
