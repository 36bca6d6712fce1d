//! An officer's review of a PR card photo: accepted, or returned for one of
//! IRCC's reasons; parsed the same in the browser and on the server.
use super::{ErrorKey, FieldError, PersonId};
use chrono::{DateTime, NaiveDate, Utc};
use photo::Report;
use serde::{Deserialize, Serialize};

/// Why a photo is sent back: IRCC's reasons, and "other" with a note.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnReason {
    TooDark,
    BackgroundNotWhite,
    FeaturesHidden,
    Glare,
    Measurements,
    FileSize,
    Other,
}

impl ReturnReason {
    pub const ALL: [ReturnReason; 7] = [
        ReturnReason::TooDark,
        ReturnReason::BackgroundNotWhite,
        ReturnReason::FeaturesHidden,
        ReturnReason::Glare,
        ReturnReason::Measurements,
        ReturnReason::FileSize,
        ReturnReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReturnReason::TooDark => "too_dark",
            ReturnReason::BackgroundNotWhite => "background_not_white",
            ReturnReason::FeaturesHidden => "features_hidden",
            ReturnReason::Glare => "glare",
            ReturnReason::Measurements => "measurements",
            ReturnReason::FileSize => "file_size",
            ReturnReason::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|reason| reason.code() == code)
    }
}

/// The longest note an officer writes with "other".
pub const MAX_NOTE: usize = 500;

/// What the review form sends, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDecision {
    /// `accept` or `return`.
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

/// A decision that can be recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Accept,
    /// The note is only ever there with "other", which needs one.
    Return { reason: ReturnReason, note: Option<String> },
}

impl RawDecision {
    pub fn parse(&self) -> Result<Decision, Vec<FieldError>> {
        match self.decision.as_str() {
            "accept" => Ok(Decision::Accept),
            "return" => {
                let Some(reason) = ReturnReason::parse(self.reason.trim()) else {
                    return Err(vec![FieldError::new("reason", ErrorKey::ReasonMissing)]);
                };
                let note = self.note.trim();
                if note.chars().count() > MAX_NOTE || note.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
                    return Err(vec![FieldError::new("note", ErrorKey::NoteInvalid)]);
                }
                match (reason, note.is_empty()) {
                    (ReturnReason::Other, true) => Err(vec![FieldError::new("note", ErrorKey::NoteMissing)]),
                    (ReturnReason::Other, false) => Ok(Decision::Return { reason, note: Some(note.to_owned()) }),
                    _ => Ok(Decision::Return { reason, note: None }),
                }
            }
            _ => Err(vec![FieldError::new("decision", ErrorKey::DecisionMissing)]),
        }
    }
}

/// A photo's handle in addresses: random, so that no one finds photos by counting.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhotoKey(pub String);

impl PhotoKey {
    pub const LEN: usize = 32;

    /// Letters and digits of the right length; anything else is no key.
    pub fn parse(text: &str) -> Option<Self> {
        (text.len() == Self::LEN && text.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| Self(text.to_owned()))
    }
}

/// What became of a photo: waiting for review, or decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Review {
    Waiting,
    Accepted,
    Returned { reason: ReturnReason, note: Option<String> },
}

/// A photo sent before by the same person, for comparing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierPhoto {
    pub key: PhotoKey,
    pub received_on: NaiveDate,
    pub review: Review,
}

/// The photo an officer has claimed, with what they need to decide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub key: PhotoKey,
    pub person: PersonId,
    pub name: String,
    pub application_number: String,
    pub received_on: NaiveDate,
    pub width: i32,
    pub height: i32,
    pub sent_anyway: bool,
    /// The server's check when it was received.
    pub report: Report,
    /// Newest first.
    pub earlier: Vec<EarlierPhoto>,
    /// The claim ends then unless the officer decides; the photo goes back to the queue.
    pub claimed_until: DateTime<Utc>,
}

/// The queue as an officer opens it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewQueue {
    /// The photo claimed for this officer, if any is waiting.
    pub item: Option<ReviewItem>,
    /// Photos waiting, the claimed one included.
    pub waiting: u64,
    /// The person's photo asked for is held by another officer.
    pub busy: bool,
}

/// How a decision went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewOutcome {
    /// Recorded, for the person named.
    Decided { name: String, decision: Decision },
    Invalid(Vec<FieldError>),
    /// Another officer decided it first, or holds it now: nothing was recorded.
    TakenByAnother,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(decision: &str, reason: &str, note: &str) -> RawDecision {
        RawDecision { decision: decision.into(), reason: reason.into(), note: note.into() }
    }

    #[test]
    fn a_return_needs_a_reason_and_other_needs_a_note() {
        assert_eq!(raw("accept", "glare", "ignored").parse(), Ok(Decision::Accept));
        assert_eq!(raw("return", "glare", "").parse(), Ok(Decision::Return { reason: ReturnReason::Glare, note: None }));
        assert_eq!(raw("return", "glare", "a note").parse(), Ok(Decision::Return { reason: ReturnReason::Glare, note: None }));
        assert_eq!(raw("return", "", "").parse(), Err(vec![FieldError::new("reason", ErrorKey::ReasonMissing)]));
        assert_eq!(raw("return", "blurry", "").parse(), Err(vec![FieldError::new("reason", ErrorKey::ReasonMissing)]));
        assert_eq!(raw("return", "other", "  ").parse(), Err(vec![FieldError::new("note", ErrorKey::NoteMissing)]));
        assert_eq!(
            raw("return", "other", " A hat hides the hair line. ").parse(),
            Ok(Decision::Return { reason: ReturnReason::Other, note: Some("A hat hides the hair line.".into()) })
        );
        assert_eq!(raw("return", "other", &"x".repeat(MAX_NOTE + 1)).parse(), Err(vec![FieldError::new("note", ErrorKey::NoteInvalid)]));
        assert_eq!(raw("", "", "").parse(), Err(vec![FieldError::new("decision", ErrorKey::DecisionMissing)]));
    }

    #[test]
    fn reasons_and_keys_read_back() {
        for reason in ReturnReason::ALL {
            assert_eq!(ReturnReason::parse(reason.code()), Some(reason));
        }
        assert!(PhotoKey::parse(&"a".repeat(32)).is_some());
        assert!(PhotoKey::parse("../../etc/passwd").is_none());
        assert!(PhotoKey::parse(&"a".repeat(31)).is_none());
    }
}
