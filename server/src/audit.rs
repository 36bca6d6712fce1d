//! The audit log: every state change that matters, with who, what and when.
//! Written in the same transaction as the change itself.
use crate::entities::audit_event;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use std::fmt;

/// Who did it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// An upstream system, by its API token's name.
    Api(String),
    /// Someone at the server's command line, by operating-system user.
    Cli(String),
    /// Whoever holds an invitation's link (by the invitation's id).
    Invitation(i32),
    /// Someone not (yet) signed in, by network address.
    Address(String),
    /// A signed-in person.
    User(i32),
}

impl Actor {
    /// Whoever runs this command, as the operating system knows them.
    pub fn command_line() -> Self {
        let user = ["USER", "LOGNAME", "USERNAME"].iter().find_map(|name| std::env::var(name).ok().filter(|u| !u.is_empty()));
        Actor::Cli(user.unwrap_or_else(|| "unknown".to_owned()))
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Api(name) => write!(f, "api:{name}"),
            Actor::Cli(user) => write!(f, "cli:{user}"),
            Actor::Invitation(id) => write!(f, "invitation:{id}"),
            Actor::Address(address) => write!(f, "address:{address}"),
            Actor::User(id) => write!(f, "user:{id}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    AccountCreated,
    /// Locked after too many wrong one-time codes.
    AccountLocked,
    /// A mailing address given (or changed) for a person.
    AddressGiven,
    ApiTokenCreated,
    ApiTokenRevoked,
    AuthenticatorSetUp,
    AuthenticatorRemoved,
    CaseCreated,
    InvitationAnswered,
    InvitationSent,
    /// The right password; the second factor is still to come.
    PasswordAccepted,
    PasswordChanged,
    PasswordResetRequested,
    /// A new temporary password, given at the command line.
    PasswordReset,
    PhotoSent,
    PhotoAccepted,
    /// Sent back to the person, with the reason.
    PhotoReturned,
    /// A declaration of presence: in Canada, or not.
    PresenceDeclared,
    /// Permanent residence confirmed and the eCOPR issued.
    PrConfirmed,
    /// An eCOPR downloaded by the person (or their parent).
    EcoprDownloaded,
    RoleChanged,
    SignInFailed,
    /// Fully signed in, after the second factor.
    SignedIn,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::AccountCreated => "account_created",
            Action::AccountLocked => "account_locked",
            Action::AddressGiven => "address_given",
            Action::ApiTokenCreated => "api_token_created",
            Action::ApiTokenRevoked => "api_token_revoked",
            Action::AuthenticatorSetUp => "authenticator_set_up",
            Action::AuthenticatorRemoved => "authenticator_removed",
            Action::CaseCreated => "case_created",
            Action::InvitationAnswered => "invitation_answered",
            Action::InvitationSent => "invitation_sent",
            Action::PasswordAccepted => "password_accepted",
            Action::PasswordChanged => "password_changed",
            Action::PasswordResetRequested => "password_reset_requested",
            Action::PasswordReset => "password_reset",
            Action::PhotoSent => "photo_sent",
            Action::PhotoAccepted => "photo_accepted",
            Action::PhotoReturned => "photo_returned",
            Action::PresenceDeclared => "presence_declared",
            Action::PrConfirmed => "pr_confirmed",
            Action::EcoprDownloaded => "ecopr_downloaded",
            Action::RoleChanged => "role_changed",
            Action::SignInFailed => "sign_in_failed",
            Action::SignedIn => "signed_in",
        }
    }
}

pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    action: Action,
    subject: &str,
    details: serde_json::Value,
) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        occurred_at: Set(Utc::now()),
        actor: Set(actor.to_string()),
        action: Set(action.as_str().to_owned()),
        subject: Set(subject.to_owned()),
        details: Set(details.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}
