//! A PR card photo sent from the signed-in photo step: what the server answers.
use photo::Report;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PhotoOutcome {
    /// Kept for officers, with the person's choice.
    Received(PhotoStatus),
    /// The server's own check, with the same engine as the browser, did not let
    /// it go (see `Report::sending`); nothing was kept.
    NotSent(Report),
}

/// The newest photo received for a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoStatus {
    /// The day it was received.
    pub received_on: chrono::NaiveDate,
    /// Sent despite failed checks: an officer decides whether it can be used.
    pub sent_anyway: bool,
    /// What an officer made of it.
    pub review: super::Review,
}
