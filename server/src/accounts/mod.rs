//! Accounts: signing in (a password with lockout and throttling, a new password
//! when the current one is temporary, then a second factor), sessions, forgotten
//! passwords, and staff accounts made from the command line.
pub mod attempts;
pub mod authenticator;
pub mod lockouts;
pub mod password_policy;
pub mod password_resets;
pub mod passwords;
pub mod second_factor;
pub mod sessions;
pub mod sign_in;
pub mod staff;

use crate::config::Settings;
use crate::entities::session::Stage as StoredStage;
use crate::entities::user::{self, Role as StoredRole};
use crate::error::DeskError;
use crate::secrets::keys::Keys;
use app::api::ports::{Accounts, SignedIn};
use app::domain::{AuthenticatorOutcome, Email, ErrorKey, FieldError, ResetOutcome, Role, Stage, StepOutcome, Viewer};
use app::error::AppError;
use chrono::Utc;
use sea_orm::DatabaseConnection;
use std::net::IpAddr;
use std::sync::Arc;

#[derive(Clone)]
pub struct AccountDesk {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub keys: Arc<Keys>,
    pub hasher: passwords::Hasher,
}

/// A refusal naming the field it is about.
pub(crate) fn invalid(field: &str, key: ErrorKey) -> StepOutcome {
    StepOutcome::Invalid(vec![FieldError::new(field, key)])
}

fn stage(stored: StoredStage) -> Stage {
    match stored {
        StoredStage::ChangePassword => Stage::ChangePassword,
        StoredStage::SecondFactor => Stage::SecondFactor,
        StoredStage::Active => Stage::Active,
    }
}

fn role(stored: StoredRole) -> Role {
    match stored {
        StoredRole::Applicant => Role::Applicant,
        StoredRole::Officer => Role::Officer,
        StoredRole::Administrator => Role::Administrator,
    }
}

/// Minutes left, rounded up, so that "1 minute" never means "now".
pub(crate) fn locked_until(until: chrono::DateTime<Utc>) -> StepOutcome {
    StepOutcome::Locked { minutes: minutes_left(until) }
}

/// Minutes from now until `until`, rounded up.
pub(crate) fn minutes_left(until: chrono::DateTime<Utc>) -> u32 {
    let seconds = std::cmp::max((until - Utc::now()).num_seconds(), 1);
    ((seconds + 59) / 60) as u32
}

pub(crate) fn unix_now() -> u64 {
    u64::try_from(Utc::now().timestamp()).unwrap_or_default()
}

/// The account's address, as an `Email`: stored ones were parsed on the way in.
pub(crate) fn account_email(account: &user::Model) -> Result<Email, DeskError> {
    Email::parse(&account.email).map_err(|_| DeskError::Invariant("an account's email does not parse"))
}

#[async_trait::async_trait]
impl Accounts for AccountDesk {
    async fn sign_in(&self, username: &str, password: &str, from: Option<IpAddr>) -> Result<SignedIn, AppError> {
        Ok(AccountDesk::sign_in(self, username, password, from).await?)
    }

    async fn viewer(&self, session: &str) -> Result<Option<Viewer>, AppError> {
        Ok(AccountDesk::viewer(self, session).await?)
    }

    async fn change_password(&self, session: &str, new: &str, again: &str) -> Result<StepOutcome, AppError> {
        Ok(AccountDesk::change_password(self, session, new, again).await?)
    }

    async fn verify_code(&self, session: &str, code: &str) -> Result<SignedIn, AppError> {
        Ok(AccountDesk::verify_code(self, session, code).await?)
    }

    async fn sign_out(&self, session: &str, everywhere: bool) -> Result<(), AppError> {
        Ok(AccountDesk::sign_out(self, session, everywhere).await?)
    }

    async fn request_reset(&self, email: &str, from: Option<IpAddr>) -> Result<(), AppError> {
        self.ask_for_reset_link(email, from);
        Ok(())
    }

    async fn reset_password(&self, token: &str, new: &str, again: &str) -> Result<ResetOutcome, AppError> {
        Ok(self.reset_with_link(token, new, again).await?)
    }

    async fn password_strength(&self, session: &str, password: &str) -> Result<u8, AppError> {
        Ok(AccountDesk::password_strength(self, session, password).await?)
    }

    async fn start_authenticator(&self, viewer: &Viewer, password: &str, code: &str) -> Result<AuthenticatorOutcome, AppError> {
        Ok(self.start_app(viewer, password, code).await?)
    }

    async fn confirm_authenticator(&self, viewer: &Viewer, session: &str, code: &str) -> Result<AuthenticatorOutcome, AppError> {
        Ok(self.confirm_app(viewer, session, code).await?)
    }

    async fn remove_authenticator(&self, viewer: &Viewer, session: &str, password: &str, code: &str) -> Result<AuthenticatorOutcome, AppError> {
        Ok(self.remove_app(viewer, session, password, code).await?)
    }
}
