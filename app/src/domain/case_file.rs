//! A case as an officer opens it: every person's steps with their dates, what
//! they sent, and the case's audit trail.
use super::{CaseId, Missing, PersonId, PhotoKey, Province, Relationship, Review};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFile {
    pub id: CaseId,
    pub application_number: String,
    pub approved_on: NaiveDate,
    /// invited, answered or paper_route.
    pub status: String,
    pub received_on: NaiveDate,
    pub people: Vec<PersonFile>,
    /// Newest first.
    pub trail: Vec<TrailEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFile {
    pub id: PersonId,
    pub name: String,
    pub relationship: Relationship,
    pub date_of_birth: NaiveDate,
    /// As printed: `1234-5678`.
    pub uci: String,
    /// In Canada or not, and when declared.
    pub declared: Option<(bool, NaiveDate)>,
    /// The address on one line, and when it was given.
    pub address: Option<(String, NaiveDate)>,
    /// Newest first.
    pub photos: Vec<SentPhoto>,
    pub confirmed: Option<PrConfirmed>,
    /// Empty when the person can be confirmed (or is).
    pub missing: Vec<Missing>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentPhoto {
    pub key: PhotoKey,
    pub received_on: NaiveDate,
    pub sent_anyway: bool,
    pub review: Review,
    pub decided_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrConfirmed {
    pub became_on: NaiveDate,
    pub city: String,
    pub province: Province,
    pub issued_on: NaiveDate,
    pub document_number: String,
}

/// One line of the audit log about the case or one of its people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    pub at: DateTime<Utc>,
    /// The audit action's code (`photo_accepted`), named on the page.
    pub action: String,
    pub by: TrailActor,
    /// The person it was about, if it was about one.
    pub about: Option<String>,
}

/// Who acted, as the audit log knows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrailActor {
    /// A signed-in person, by name.
    Person(String),
    /// An upstream system, by its API token's name.
    Api(String),
    /// Whoever held an invitation's link.
    Invitation,
    /// Someone at the server's command line, by operating-system user.
    CommandLine(String),
    /// Someone not signed in, by network address.
    Address(String),
}
