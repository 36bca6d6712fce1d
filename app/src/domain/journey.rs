//! A person's steps, from presence in Canada to the PR card, and where each
//! stands: decided here, from the stored facts, for the home page's cards.
use super::PersonId;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days from the case's approval to give the photo and the address (IRCC's rule).
pub const DAYS_TO_COMPLETE: i64 = 180;

/// The last day to give the photo and the address, for a case approved that day.
pub fn deadline(approved_on: NaiveDate) -> NaiveDate {
    approved_on + Duration::days(DAYS_TO_COMPLETE)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Presence,
    Address,
    Photo,
    Review,
    Ecopr,
    Card,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepStatus {
    Done,
    ToDo,
    /// With IRCC: nothing to do for now.
    Waiting,
    /// Sent back to the person, to do again.
    Returned,
    /// Opens once the steps before it are done.
    NotYet,
}

/// What is stored about a person, as far as their steps go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// The newest declaration: in Canada or not, and the day it was made; `None` before any.
    pub declared: Option<(bool, NaiveDate)>,
    pub address_given: bool,
    /// The newest photo, and what became of it.
    pub photo: PhotoFact,
    /// When the eCOPR was issued, once permanent residence is confirmed.
    pub confirmed: Option<NaiveDate>,
}

/// The newest photo of a person, as far as their steps go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PhotoFact {
    #[default]
    None,
    /// Sent, not reviewed yet.
    Waiting,
    Accepted,
    /// Sent back by an officer: a new one is needed.
    Returned,
}

impl PhotoFact {
    /// A photo that counts as given: waiting for review or accepted.
    pub fn given(self) -> bool {
        matches!(self, PhotoFact::Waiting | PhotoFact::Accepted)
    }
}

impl Facts {
    /// Declared in Canada, in the newest declaration.
    pub fn in_canada(self) -> bool {
        matches!(self.declared, Some((true, _)))
    }

    /// Each step in order, with its status.
    /// What stands between the person and the confirmation of their PR.
    pub fn missing(self) -> Vec<super::Missing> {
        use super::Missing;
        let mut missing = Vec::new();
        if !self.in_canada() {
            missing.push(Missing::Presence);
        }
        if !self.address_given {
            missing.push(Missing::Address);
        }
        if self.photo != PhotoFact::Accepted {
            missing.push(Missing::AcceptedPhoto);
        }
        missing
    }

    pub fn steps(self) -> Vec<(Step, StepStatus)> {
        use StepStatus::*;
        let present = self.in_canada();
        let after_presence = |done: bool| match (present, done) {
            (false, _) => NotYet,
            (true, true) => Done,
            (true, false) => ToDo,
        };
        vec![
            (Step::Presence, if present { Done } else { ToDo }),
            (Step::Address, after_presence(self.address_given)),
            (Step::Photo, if present && self.photo == PhotoFact::Returned { Returned } else { after_presence(self.photo.given()) }),
            // An officer reviews each photo sent; PR is confirmed after an accepted one.
            (Step::Review, match self.photo {
                PhotoFact::None => NotYet,
                PhotoFact::Waiting => Waiting,
                PhotoFact::Accepted => Done,
                PhotoFact::Returned => Returned,
            }),
            (Step::Ecopr, match self.confirmed {
                Some(_) => Done,
                None if self.missing().is_empty() => Waiting,
                None => NotYet,
            }),
            (Step::Card, if self.confirmed.is_some() { Waiting } else { NotYet }),
        ]
    }
}

/// One person's card on the home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonCard {
    pub id: PersonId,
    pub name: String,
    pub steps: Vec<(Step, StepStatus)>,
    /// The last day to give the photo and the address (`YYYY-MM-DD`).
    pub deadline: NaiveDate,
    /// From today; negative once it has passed.
    pub days_left: i64,
    /// The eCOPR, once PR is confirmed.
    pub ecopr: Option<EcoprCard>,
}

/// The eCOPR on a person's card: downloadable until `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EcoprCard {
    pub issued_on: NaiveDate,
    pub until: NaiveDate,
    /// Still downloadable today.
    pub open: bool,
}

impl PersonCard {
    pub fn new(id: PersonId, name: String, facts: Facts, approved_on: NaiveDate, today: NaiveDate) -> Self {
        let deadline = deadline(approved_on);
        let ecopr = facts.confirmed.map(|issued_on| {
            let until = super::download_until(issued_on);
            EcoprCard { issued_on, until, open: today <= until }
        });
        Self { id, name, steps: facts.steps(), deadline, days_left: (deadline - today).num_days(), ecopr }
    }

    /// The one thing to do next, if the person has anything to do.
    pub fn next(&self) -> Option<Step> {
        self.steps.iter().find(|(_, status)| matches!(status, StepStatus::ToDo | StepStatus::Returned)).map(|(step, _)| *step)
    }

    /// Whether the deadline still matters: the photo or the address is missing.
    pub fn deadline_open(&self) -> bool {
        self.steps.iter().any(|(step, status)| matches!(step, Step::Address | Step::Photo) && *status != StepStatus::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepStatus::*;

    fn on(in_canada: bool) -> Option<(bool, NaiveDate)> {
        Some((in_canada, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()))
    }

    fn statuses(facts: Facts) -> Vec<StepStatus> {
        facts.steps().into_iter().map(|(_, status)| status).collect()
    }

    #[test]
    fn each_step_opens_once_the_one_it_needs_is_done() {
        assert_eq!(statuses(Facts::default()), [ToDo, NotYet, NotYet, NotYet, NotYet, NotYet]);
        assert_eq!(statuses(Facts { declared: on(false), ..Facts::default() }), [ToDo, NotYet, NotYet, NotYet, NotYet, NotYet]);
        let present = Facts { declared: on(true), ..Facts::default() };
        assert_eq!(statuses(present), [Done, ToDo, ToDo, NotYet, NotYet, NotYet]);
        assert_eq!(statuses(Facts { address_given: true, photo: PhotoFact::Waiting, ..present }), [Done, Done, Done, Waiting, NotYet, NotYet]);
        assert_eq!(statuses(Facts { address_given: true, photo: PhotoFact::Returned, ..present }), [Done, Done, Returned, Returned, NotYet, NotYet]);
        assert_eq!(statuses(Facts { address_given: true, photo: PhotoFact::Accepted, ..present }), [Done, Done, Done, Done, Waiting, NotYet]);
        assert_eq!(statuses(Facts { photo: PhotoFact::Accepted, ..present }), [Done, ToDo, Done, Done, NotYet, NotYet]);
        let ready = Facts { address_given: true, photo: PhotoFact::Accepted, ..present };
        assert!(ready.missing().is_empty());
        assert_eq!(statuses(Facts { confirmed: on(true).map(|(_, on)| on), ..ready }), [Done, Done, Done, Done, Done, Waiting]);
        use crate::domain::Missing;
        assert_eq!(Facts::default().missing(), [Missing::Presence, Missing::Address, Missing::AcceptedPhoto]);
    }

    #[test]
    fn the_card_names_the_next_step_and_counts_180_days_from_approval() {
        let approved = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let card = PersonCard::new(PersonId(1), "Mai".into(), Facts { declared: on(true), ..Facts::default() }, approved, today);
        assert_eq!(card.next(), Some(Step::Address));
        assert_eq!(card.deadline, NaiveDate::from_ymd_opt(2027, 3, 30).unwrap());
        assert_eq!(card.days_left, 119);
        assert!(card.deadline_open());
        let returned = Facts { declared: on(true), address_given: true, photo: PhotoFact::Returned, confirmed: None };
        let card = PersonCard::new(PersonId(1), "Mai".into(), returned, approved, today);
        assert_eq!(card.next(), Some(Step::Photo));
        assert!(card.deadline_open());
        let done = Facts { declared: on(true), address_given: true, photo: PhotoFact::Waiting, confirmed: None };
        let card = PersonCard::new(PersonId(1), "Mai".into(), done, approved, today);
        assert_eq!(card.next(), None);
        assert!(!card.deadline_open());
        let issued = |days_ago| Facts { confirmed: Some(today - Duration::days(days_ago)), ..done };
        let open = |facts| PersonCard::new(PersonId(1), "Mai".into(), facts, approved, today).ecopr.map(|e| e.open);
        assert_eq!((open(issued(30)), open(issued(31)), open(done)), (Some(true), Some(false), None), "downloadable for 30 days");
    }
}
