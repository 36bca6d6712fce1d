//! Messages from IRCC to an account: each one kept as what happened and the
//! details it needs, so that it reads in either language (and its email too).
use super::{PersonId, ReturnReason};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a message says. Later steps (review, eCOPR, card, officers' messages)
/// add their own kinds here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A photo was received for `person`, sent despite failed checks or not.
    PhotoReceived { person: PersonId, name: String, sent_anyway: bool },
    /// An officer accepted the photo of `person`.
    PhotoAccepted { person: PersonId, name: String },
    /// An officer sent the photo back: a new one is needed.
    PhotoReturned { person: PersonId, name: String, reason: ReturnReason, note: Option<String> },
    /// Permanent residence confirmed: the eCOPR can be downloaded.
    PrConfirmed { person: PersonId, name: String },
}

/// A message in the account's inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i32,
    pub notice: Notice,
    pub received_on: NaiveDate,
    pub read: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_is_kept_as_its_kind_and_details() {
        let notice = Notice::PhotoReceived { person: PersonId(4), name: "Anh Tremblay".into(), sent_anyway: false };
        let kept = serde_json::to_string(&notice).unwrap();
        assert_eq!(kept, r#"{"kind":"photo_received","person":4,"name":"Anh Tremblay","sent_anyway":false}"#);
        assert_eq!(serde_json::from_str::<Notice>(&kept).unwrap(), notice);
    }
}
