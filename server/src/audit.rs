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
    /// Someone at the server's command line.
    Cli,
    /// Whoever holds an invitation's link (by the invitation's id).
    Invitation(i32),
    /// Someone not (yet) signed in, by network address.
    Address(String),
    /// A signed-in person.
    User(i32),
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Api(name) => write!(f, "api:{name}"),
            Actor::Cli => f.write_str("cli"),
            Actor::Invitation(id) => write!(f, "invitation:{id}"),
            Actor::Address(address) => write!(f, "address:{address}"),
            Actor::User(id) => write!(f, "user:{id}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    AccountCreated,
    ApiTokenCreated,
    AuthenticatorSetUp,
    CaseCreated,
    InvitationAnswered,
    InvitationSent,
    /// The right password; the second factor is still to come.
    PasswordAccepted,
    PasswordChanged,
    PasswordResetRequested,
    PhotoSent,
    RoleChanged,
    SignInFailed,
    /// Fully signed in, after the second factor.
    SignedIn,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::AccountCreated => "account_created",
            Action::ApiTokenCreated => "api_token_created",
            Action::AuthenticatorSetUp => "authenticator_set_up",
            Action::CaseCreated => "case_created",
            Action::InvitationAnswered => "invitation_answered",
            Action::InvitationSent => "invitation_sent",
            Action::PasswordAccepted => "password_accepted",
            Action::PasswordChanged => "password_changed",
            Action::PasswordResetRequested => "password_reset_requested",
            Action::PhotoSent => "photo_sent",
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
