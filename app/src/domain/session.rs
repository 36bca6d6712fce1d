//! What the browser and server say about a signed-in person.
use super::{CaseId, FieldError, PersonId, Relationship, Role, UserId};
use serde::{Deserialize, Serialize};

/// How far a session has come: a new password first (for a temporary one),
/// then the one-time code, then everything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    ChangePassword,
    SecondFactor,
    Active,
}

/// The signed-in person, as pages need them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub stage: Stage,
    /// The session ends after this many idle minutes…
    pub idle_timeout_minutes: u32,
    /// …with a warning this many minutes before.
    pub idle_warning_minutes: u32,
    /// The second factor comes from an authenticator app, not by email.
    pub uses_authenticator: bool,
}

/// What an authenticator app needs to be set up: the secret as a QR code and as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthenticatorSetup {
    pub secret: String,
    pub qr_png_base64: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthenticatorOutcome {
    /// The password (and the app in use, if any) checked: a new app to scan,
    /// pending until one of its codes confirms it.
    Started(AuthenticatorSetup),
    /// In use; these recovery codes are shown once.
    Confirmed { recovery_codes: Vec<String> },
    /// No longer used: codes come by email again.
    Removed,
    Invalid(Vec<FieldError>),
    /// Too many wrong passwords or codes: locked for this many more minutes.
    Locked { minutes: u32 },
}

/// The answer to a sign-in, a password change or a code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepOutcome {
    /// Go on to this stage.
    Next(Stage),
    Invalid(Vec<FieldError>),
    /// Locked after too many wrong passwords, for this many more minutes.
    Locked { minutes: u32 },
    /// The session is gone (signed out, timed out, or too many wrong codes): sign in again.
    SignInAgain,
}

/// The answer to a new password chosen from a reset link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResetOutcome {
    /// Changed; every session of the account was ended: sign in with it.
    Changed,
    Invalid(Vec<FieldError>),
    /// Used, expired, or never issued.
    LinkDead,
}

/// A person whose steps the viewer completes (their own profile, and the
/// children and adults held under it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSummary {
    pub id: PersonId,
    pub name: String,
    pub relationship: Relationship,
    pub application_number: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: PersonId,
    pub name: String,
    /// The account holder's own profile (not one held under their account).
    pub own: bool,
    pub uci: String,
    pub date_of_birth: chrono::NaiveDate,
    pub sex: String,
    pub country_of_birth: String,
    pub citizenship: String,
    pub application_number: String,
    pub in_canada: Option<bool>,
    pub return_date: Option<chrono::NaiveDate>,
    pub photo: Option<super::PhotoStatus>,
    /// The newest declaration of presence, if any.
    pub declaration: Option<super::Declaration>,
    /// The mailing address given, if any.
    pub address: Option<super::MailingAddress>,
    /// The other people the viewer completes who have given an address: one
    /// choice copies it.
    pub addresses_to_copy: Vec<(PersonId, String)>,
}

/// One page of the officers' case list, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePage {
    pub cases: Vec<CaseSummary>,
    /// From 1.
    pub page: u64,
    /// At least 1, even with no case.
    pub pages: u64,
}

impl CasePage {
    /// Cases on a page.
    pub const SIZE: u64 = 50;
}

/// A case as officers see it in their list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: CaseId,
    pub application_number: String,
    pub principal: String,
    pub people: u32,
    /// invited, answered or paper_route.
    pub status: String,
    pub created_on: chrono::NaiveDate,
    /// Each person's steps so far, in the application's order.
    pub progress: Vec<PersonProgress>,
    /// Days left to give the photos and addresses (negative once past).
    pub days_left: i64,
}

/// How far one person on a case has come, for officers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonProgress {
    pub id: super::PersonId,
    pub name: String,
    /// The newest declaration: in Canada or not, and when; `None` before any.
    pub declared: Option<(bool, chrono::NaiveDate)>,
    pub address_given: bool,
    /// The newest photo, and what became of it.
    pub photo: super::PhotoFact,
}
