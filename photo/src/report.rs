//! The report: one entry a check, in a fixed order, serialisable for the CLI and the browser.
use serde::{de::Error as _, Deserialize, Deserializer, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    Format,
    FileSize,
    Dimensions,
    FaceCount,
    HeadSize,
    Centring,
    Brightness,
    Glare,
    Sharpness,
    Background,
}

impl CheckId {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckId::Format => "format",
            CheckId::FileSize => "file_size",
            CheckId::Dimensions => "dimensions",
            CheckId::FaceCount => "face_count",
            CheckId::HeadSize => "head_size",
            CheckId::Centring => "centring",
            CheckId::Brightness => "brightness",
            CheckId::Glare => "glare",
            CheckId::Sharpness => "sharpness",
            CheckId::Background => "background",
        }
    }

    /// Facts about the file that no judgement can overrule: a photo failing one
    /// of these cannot be sent. A failure of any other check can be, when the
    /// person says so, for an officer to decide.
    pub fn is_objective(self) -> bool {
        matches!(self, CheckId::Format | CheckId::FileSize | CheckId::Dimensions | CheckId::FaceCount)
    }
}

/// Whether a checked photo may be sent, and on what terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sending {
    /// Every check passed.
    Allowed,
    /// Only checks of judgement failed: it goes only if the person chooses to
    /// send it anyway, and an officer decides.
    IfConfirmed,
    /// An objective check failed: it cannot go.
    Refused,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Skipped,
    Warn,
    Fail,
}

/// A measured value, as a number or as text (e.g. "715×1001").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub id: CheckId,
    pub status: Status,
    pub value: Option<Value>,
    pub limit: Option<String>,
    /// Which fault, when there are several ways to fail (e.g. "too_dark",
    /// "too_bright"): the key of the message that explains it.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "known_reason")]
    pub reason: Reason,
    /// Where the problem is, in the photo's pixels (e.g. the glare spot).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<(u32, u32)>,
}

/// A message key. An alias, because serde's derive would otherwise make every
/// report borrow from the text it is read from for `'static`.
pub type Reason = Option<&'static str>;

/// Every reason a check gives: a report read back (the browser's worker sends
/// them as JSON) keeps them as the same static message keys.
const REASONS: [&str; 11] =
    ["none", "several", "too_small", "too_large", "shape", "too_dark", "too_bright", "dark", "busy", "unsupported", "corrupt"];

fn known_reason<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Reason, D::Error> {
    let Some(reason) = Option::<String>::deserialize(deserializer)? else { return Ok(None) };
    match REASONS.iter().find(|known| **known == reason) {
        Some(known) => Ok(Some(known)),
        None => Err(D::Error::custom(format!("unknown reason {reason:?}"))),
    }
}

impl Check {
    pub fn new(id: CheckId, status: Status) -> Self {
        Self { id, status, value: None, limit: None, reason: None, at: None }
    }
    pub fn skipped(id: CheckId) -> Self {
        Self::new(id, Status::Skipped)
    }
    pub fn value(mut self, value: Value) -> Self {
        self.value = Some(value);
        self
    }
    pub fn number(self, value: f64) -> Self {
        // Three decimals are what a person or a test can use; more is noise.
        self.value(Value::Number((value * 1000.0).round() / 1000.0))
    }
    pub fn limit(mut self, limit: impl Into<String>) -> Self {
        self.limit = Some(limit.into());
        self
    }
    pub fn reason(mut self, reason: &'static str) -> Self {
        self.reason = Some(reason);
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Pass,
    Warn,
    Fail,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub verdict: Verdict,
    pub checks: Vec<Check>,
}

impl Report {
    pub fn new(checks: Vec<Check>) -> Self {
        let worst = checks.iter().map(|c| c.status).max().unwrap_or(Status::Pass);
        let verdict = match worst {
            Status::Fail => Verdict::Fail,
            Status::Warn | Status::Skipped => Verdict::Warn,
            Status::Pass => Verdict::Pass,
        };
        Self { verdict, checks }
    }

    pub fn get(&self, id: CheckId) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// The one rule the browser and the server both apply before a photo is sent.
    pub fn sending(&self) -> Sending {
        let failed = || self.checks.iter().filter(|c| c.status == Status::Fail);
        if failed().any(|c| c.id.is_objective()) {
            Sending::Refused
        } else if failed().next().is_some() {
            Sending::IfConfirmed
        } else {
            Sending::Allowed
        }
    }
}
