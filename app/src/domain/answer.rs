//! The answer to an invitation: whether the family uses the portal and, for each
//! person, who completes their steps and whether they are in Canada.
use super::{Email, ErrorKey, FieldError, PersonId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A person on the invitation, as the principal sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitedPerson {
    pub id: PersonId,
    pub name: String,
    pub principal: bool,
    /// 18 or older today: may have an account of their own.
    pub adult: bool,
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenInvitation {
    pub application_number: String,
    pub people: Vec<InvitedPerson>,
}

/// What an invitation link leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    Open(OpenInvitation),
    Expired,
    /// Answered already; the link works once.
    Used,
    /// Never issued, mistyped, or replaced by a newer invitation.
    Unknown,
}

/// What answering did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerOutcome {
    /// Nothing was saved: these fields need another look.
    Invalid(Vec<FieldError>),
    /// Accounts were made; each of these addresses was sent its sign-in details.
    Accepted { accounts: Vec<String> },
    /// The case goes the paper route.
    Declined,
    /// The invitation could no longer be answered.
    Closed(InvitationState),
}

/// The form as posted: every field as text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RawAnswer {
    /// `yes` or `no`.
    pub use_portal: String,
    pub people: Vec<RawPersonAnswer>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RawPersonAnswer {
    pub id: String,
    /// For an adult other than the principal: `own` or `held`.
    pub account: String,
    pub email: String,
    /// `yes` or `no`.
    pub in_canada: String,
    /// `YYYY-MM-DD`, when not in Canada.
    pub return_date: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The family will not use the portal: the case goes the paper route.
    Declined,
    Accepted(Vec<PersonAnswer>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonAnswer {
    pub id: PersonId,
    pub account: Account,
    pub presence: Presence,
}

/// Who signs in to complete the person's steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Account {
    Own(Email),
    /// A child, or an adult whose profile the principal holds.
    HeldByPrincipal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    InCanada,
    Away { returns_on: NaiveDate },
}

/// The id of each field on the page, so that an error can link to it.
pub mod field {
    use super::PersonId;

    pub const USE_PORTAL: &str = "use-portal-yes";
    pub fn account(person: PersonId) -> String {
        format!("person-{person}-account-own")
    }
    pub fn email(person: PersonId) -> String {
        format!("person-{person}-email")
    }
    pub fn in_canada(person: PersonId) -> String {
        format!("person-{person}-in-canada-yes")
    }
    pub fn return_date(person: PersonId) -> String {
        format!("person-{person}-return-date")
    }
}

impl RawAnswer {
    pub fn parse(&self, invitation: &OpenInvitation, today: NaiveDate) -> Result<Answer, Vec<FieldError>> {
        match self.use_portal.as_str() {
            "no" => return Ok(Answer::Declined),
            "yes" => {}
            _ => return Err(vec![FieldError::new(field::USE_PORTAL, ErrorKey::UsePortalMissing)]),
        }
        let mut errors = Vec::new();
        let mut answers = Vec::new();
        let empty = RawPersonAnswer::default();
        for person in &invitation.people {
            let raw = self.people.iter().find(|p| p.id.trim() == person.id.to_string()).unwrap_or(&empty);
            let account = raw.account(person, &mut errors);
            let presence = raw.presence(person.id, today, &mut errors);
            if let (Some(account), Some(presence)) = (account, presence) {
                answers.push(PersonAnswer { id: person.id, account, presence });
            }
        }
        for (i, answer) in answers.iter().enumerate() {
            if let Account::Own(email) = &answer.account {
                let repeated = answers[..i].iter().any(|a| a.account == Account::Own(email.clone()));
                if repeated {
                    errors.push(FieldError::new(field::email(answer.id), ErrorKey::EmailRepeated));
                }
            }
        }
        if errors.is_empty() {
            Ok(Answer::Accepted(answers))
        } else {
            Err(errors)
        }
    }
}

impl RawPersonAnswer {
    fn account(&self, person: &InvitedPerson, errors: &mut Vec<FieldError>) -> Option<Account> {
        let own = if person.principal {
            true
        } else if !person.adult {
            false
        } else {
            match self.account.as_str() {
                "own" => true,
                "held" => false,
                _ => {
                    errors.push(FieldError::new(field::account(person.id), ErrorKey::AccountChoiceMissing));
                    return None;
                }
            }
        };
        if !own {
            return Some(Account::HeldByPrincipal);
        }
        if self.email.trim().is_empty() {
            errors.push(FieldError::new(field::email(person.id), ErrorKey::EmailEmpty));
            return None;
        }
        match Email::parse(&self.email) {
            Ok(email) => Some(Account::Own(email)),
            Err(_) => {
                errors.push(FieldError::new(field::email(person.id), ErrorKey::EmailInvalid));
                None
            }
        }
    }

    fn presence(&self, id: PersonId, today: NaiveDate, errors: &mut Vec<FieldError>) -> Option<Presence> {
        match self.in_canada.as_str() {
            "yes" => Some(Presence::InCanada),
            "no" => {
                let date = self.return_date.trim();
                let key = match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
                    Ok(returns_on) if returns_on >= today => return Some(Presence::Away { returns_on }),
                    Ok(_) => ErrorKey::ReturnDatePast,
                    Err(_) if date.is_empty() => ErrorKey::DateEmpty,
                    Err(_) => ErrorKey::DateInvalid,
                };
                errors.push(FieldError::new(field::return_date(id), key));
                None
            }
            _ => {
                errors.push(FieldError::new(field::in_canada(id), ErrorKey::InCanadaMissing));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn family() -> OpenInvitation {
        let person = |id, principal, adult| InvitedPerson { id: PersonId(id), name: format!("P{id}"), principal, adult, email: None };
        OpenInvitation { application_number: "E001234567".into(), people: vec![person(1, true, true), person(2, false, true), person(3, false, false)] }
    }

    fn answer(id: i32, account: &str, email: &str, in_canada: &str, return_date: &str) -> RawPersonAnswer {
        RawPersonAnswer {
            id: id.to_string(),
            account: account.into(),
            email: email.into(),
            in_canada: in_canada.into(),
            return_date: return_date.into(),
        }
    }

    #[test]
    fn a_family_with_two_accounts_and_a_child_held_by_the_principal() {
        let raw = RawAnswer {
            use_portal: "yes".into(),
            people: vec![
                answer(1, "", "Mai@Example.com", "yes", ""),
                answer(2, "own", "luc@example.com", "no", "2027-01-15"),
                answer(3, "own", "ignored@example.com", "yes", ""),
            ],
        };
        let Answer::Accepted(people) = raw.parse(&family(), today()).unwrap() else { panic!("accepted") };
        assert_eq!(people[0].account, Account::Own(Email::parse("mai@example.com").unwrap()));
        assert_eq!(people[1].presence, Presence::Away { returns_on: NaiveDate::from_ymd_opt(2027, 1, 15).unwrap() });
        assert_eq!(people[2].account, Account::HeldByPrincipal, "a child never has an account");
    }

    #[test]
    fn every_missing_or_wrong_answer_is_named_on_its_field() {
        let raw = RawAnswer {
            use_portal: "yes".into(),
            people: vec![answer(1, "", "", "no", "2026-11-01"), answer(2, "", "", "", "")],
        };
        let errors = raw.parse(&family(), today()).unwrap_err();
        let got: Vec<(&str, ErrorKey)> = errors.iter().map(|e| (e.field.as_str(), e.key)).collect();
        assert_eq!(
            got,
            vec![
                ("person-1-email", ErrorKey::EmailEmpty),
                ("person-1-return-date", ErrorKey::ReturnDatePast),
                ("person-2-account-own", ErrorKey::AccountChoiceMissing),
                ("person-2-in-canada-yes", ErrorKey::InCanadaMissing),
                ("person-3-in-canada-yes", ErrorKey::InCanadaMissing),
            ]
        );
        let none = RawAnswer::default().parse(&family(), today()).unwrap_err();
        assert_eq!(none, vec![FieldError::new(field::USE_PORTAL, ErrorKey::UsePortalMissing)]);
        let declined = RawAnswer { use_portal: "no".into(), people: vec![] };
        assert_eq!(declined.parse(&family(), today()), Ok(Answer::Declined));
    }

    #[test]
    fn two_accounts_cannot_share_an_email() {
        let raw = RawAnswer {
            use_portal: "yes".into(),
            people: vec![answer(1, "", "mai@example.com", "yes", ""), answer(2, "own", "MAI@example.com", "yes", ""), answer(3, "", "", "yes", "")],
        };
        let errors = raw.parse(&family(), today()).unwrap_err();
        assert_eq!(errors, vec![FieldError::new("person-2-email", ErrorKey::EmailRepeated)]);
    }
}
