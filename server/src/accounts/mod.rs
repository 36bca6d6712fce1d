//! Signing in: password (with lockout and throttling), a new password when the
//! current one is temporary, then a one-time code by email. Sessions live in
//! the database so that any instance can serve any request.

pub mod attempts;
pub mod authenticator;
pub mod lockouts;
pub mod password_policy;
pub mod password_resets;
pub mod passwords;
pub mod second_factor;
pub mod staff;
use crate::audit::{self, Action, Actor};
use crate::db::unavailable;
use crate::config::Settings;
use crate::secrets::keys::Keys;
use crate::entities::session::{self, Stage as StoredStage};
use crate::entities::user::{self, Role as StoredRole};
use crate::accounts::lockouts::{CodeCheck, PasswordCheck};
use crate::secrets::tokens;
use app::domain::{
    AuthenticatorOutcome, Email, ErrorKey, FieldError, Password, PasswordError, Profile, ProfileSummary, ResetOutcome, Role,
    Stage, StepOutcome, Viewer,
};
use app::error::AppError;
use app::services::{Accounts, SignedIn};
use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionTrait,
};
use secrecy::SecretString;
use std::net::IpAddr;
use std::sync::Arc;

/// However active, a session ends after this long.
const SESSION_MAX_HOURS: i64 = 12;

#[derive(Clone)]
pub struct AccountDesk {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub keys: Arc<Keys>,
    pub hasher: passwords::Hasher,
}


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

/// A crowd that kept every core hashing for longer than the wait: "try again shortly".
pub(crate) fn hashing(error: passwords::HashingError) -> AppError {
    match error {
        passwords::HashingError::Busy => AppError::Busy,
        passwords::HashingError::Failed => AppError::Unavailable,
    }
}

#[async_trait::async_trait]
impl Accounts for AccountDesk {
    #[tracing::instrument(skip_all)]
    async fn sign_in(&self, username: &str, password: &str, from: Option<IpAddr>) -> Result<SignedIn, AppError> {
        let refused = |outcome| Ok(SignedIn { session: None, outcome });
        let username = username.trim().to_lowercase();
        let mut missing = Vec::new();
        if username.is_empty() {
            missing.push(FieldError::new("username", ErrorKey::UsernameEmpty));
        }
        if password.is_empty() {
            missing.push(FieldError::new("password", ErrorKey::PasswordEmpty));
        }
        if !missing.is_empty() {
            return refused(StepOutcome::Invalid(missing));
        }
        let address = from.map(|a| a.to_string()).unwrap_or_else(|| "unknown".into());
        let now = Utc::now();
        // Every try counts towards its address before any work is done, refused or not.
        let address_subject = lockouts::address_subject(&address);
        let from_address = attempts::take(&self.db, &address_subject, lockouts::ADDRESS, now).await.map_err(unavailable)?;
        if from_address.refused() {
            return refused(invalid("", ErrorKey::SignInThrottled));
        }
        // Nothing that long can be right: refused before it is hashed (or stored).
        if username.chars().count() > Email::MAX_LEN || password.chars().count() > Password::MAX_CHARS {
            return refused(invalid("password", ErrorKey::SignInInvalid));
        }
        let account = user::Entity::find()
            .filter(user::Column::Email.eq(username.as_str()))
            .one(&self.db)
            .await
            .map_err(unavailable)?;
        // The same work whether or not the account exists.
        let phc = account.as_ref().map_or_else(|| passwords::decoy_hash().to_owned(), |a| a.password_hash.clone());
        let account = match (self.check_password(&username, password, phc, Some(&address_subject)).await?, account) {
            (PasswordCheck::Right, Some(account)) => account,
            (PasswordCheck::Locked(until), _) => return refused(locked_until(until)),
            (PasswordCheck::Wrong { locked_until: Some(until) }, _) => {
                self.record_failure(&username, &address).await.map_err(unavailable)?;
                return refused(locked_until(until));
            }
            _ => {
                self.record_failure(&username, &address).await.map_err(unavailable)?;
                return refused(invalid("password", ErrorKey::SignInInvalid));
            }
        };
        if account.must_change_password && account.temporary_password_expires_at.is_some_and(|at| at <= now) {
            return refused(invalid("password", ErrorKey::TemporaryExpired));
        }
        let token = tokens::random_token();
        let next = if account.must_change_password { StoredStage::ChangePassword } else { StoredStage::SecondFactor };
        let txn = self.db.begin().await.map_err(unavailable)?;
        attempts::give_back(&txn, &address_subject).await.map_err(unavailable)?;
        let created = session::ActiveModel {
            token_hash: Set(tokens::token_hash(&token)),
            user_id: Set(account.id),
            stage: Set(next),
            created_at: Set(now),
            last_seen_at: Set(now),
            code_hash: Set(None),
            code_expires_at: Set(None),
            code_attempts: Set(0),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(unavailable)?;
        if next == StoredStage::SecondFactor {
            self.second_factor(&txn, created, &account).await.map_err(unavailable)?;
        }
        audit::record(&txn, &Actor::Address(address), Action::PasswordAccepted, &format!("user:{}", account.id), serde_json::json!({}))
            .await
            .map_err(unavailable)?;
        txn.commit().await.map_err(unavailable)?;
        Ok(SignedIn { session: Some(token), outcome: StepOutcome::Next(stage(next)) })
    }

    async fn viewer(&self, token: &str) -> Result<Option<Viewer>, AppError> {
        let Some((session, account)) = self.session(token).await.map_err(unavailable)? else {
            return Ok(None);
        };
        Ok(Some(Viewer {
            user_id: account.id,
            name: account.name,
            email: account.email,
            role: role(account.role),
            stage: stage(session.stage),
            idle_timeout_minutes: self.settings.sessions.idle_timeout_minutes,
            idle_warning_minutes: self.settings.sessions.idle_warning_minutes,
            uses_authenticator: account.totp_secret.is_some(),
        }))
    }

    #[tracing::instrument(skip_all)]
    async fn change_password(&self, token: &str, new: &str, again: &str) -> Result<StepOutcome, AppError> {
        let Some((session, account)) = self.session(token).await.map_err(unavailable)? else {
            return Ok(StepOutcome::SignInAgain);
        };
        if session.stage != StoredStage::ChangePassword {
            return Ok(StepOutcome::Next(stage(session.stage)));
        }
        let hash = match new_password_hash(&account, new, again, &self.hasher).await? {
            Ok(hash) => hash,
            Err(errors) => return Ok(StepOutcome::Invalid(errors)),
        };
        let txn = self.db.begin().await.map_err(unavailable)?;
        let mut changed = account.clone().into_active_model();
        changed.password_hash = Set(hash);
        changed.must_change_password = Set(false);
        changed.temporary_password_expires_at = Set(None);
        changed.update(&txn).await.map_err(unavailable)?;
        audit::record(&txn, &Actor::User(account.id), Action::PasswordChanged, &format!("user:{}", account.id), serde_json::json!({}))
            .await
            .map_err(unavailable)?;
        self.second_factor(&txn, session, &account).await.map_err(unavailable)?;
        txn.commit().await.map_err(unavailable)?;
        Ok(StepOutcome::Next(Stage::SecondFactor))
    }

    #[tracing::instrument(skip_all)]
    async fn verify_code(&self, token: &str, code: &str) -> Result<SignedIn, AppError> {
        let again = |outcome| Ok(SignedIn { session: None, outcome });
        let Some((session, account)) = self.session(token).await.map_err(unavailable)? else {
            return again(StepOutcome::SignInAgain);
        };
        if session.stage != StoredStage::SecondFactor {
            return again(StepOutcome::Next(stage(session.stage)));
        }
        let code = code.trim();
        let now = Utc::now();
        // A try on this session, taken before the code is checked: of parallel
        // guesses, only the first few get a check at all.
        let taken = session::Entity::update_many()
            .col_expr(session::Column::CodeAttempts, Expr::col(session::Column::CodeAttempts).add(1))
            .filter(session::Column::Id.eq(session.id))
            .filter(session::Column::CodeAttempts.lt(lockouts::CODES_PER_SESSION))
            .filter(session::Column::CodeExpiresAt.gt(now))
            .exec(&self.db)
            .await
            .map_err(unavailable)?;
        if taken.rows_affected != 1 {
            session::Entity::delete_by_id(session.id).exec(&self.db).await.map_err(unavailable)?;
            return again(invalid("code", ErrorKey::CodeExpired));
        }
        // …and on the account, over all its sessions.
        match self.check_code(&account, code, session.code_hash.as_deref()).await? {
            CodeCheck::Right => {}
            CodeCheck::Locked(until) => {
                session::Entity::delete_by_id(session.id).exec(&self.db).await.map_err(unavailable)?;
                return again(locked_until(until));
            }
            CodeCheck::Wrong if session.code_attempts + 1 >= lockouts::CODES_PER_SESSION => {
                session::Entity::delete_by_id(session.id).exec(&self.db).await.map_err(unavailable)?;
                return again(invalid("code", ErrorKey::CodeExpired));
            }
            CodeCheck::Wrong => return again(invalid("code", ErrorKey::CodeInvalid)),
        }
        // A new secret once fully signed in, so that one seen before cannot be reused.
        let rotated = tokens::random_token();
        let txn = self.db.begin().await.map_err(unavailable)?;
        let mut active = session.into_active_model();
        active.token_hash = Set(tokens::token_hash(&rotated));
        active.stage = Set(StoredStage::Active);
        active.code_hash = Set(None);
        active.code_expires_at = Set(None);
        active.last_seen_at = Set(Utc::now());
        active.update(&txn).await.map_err(unavailable)?;
        audit::record(&txn, &Actor::User(account.id), Action::SignedIn, &format!("user:{}", account.id), serde_json::json!({}))
            .await
            .map_err(unavailable)?;
        txn.commit().await.map_err(unavailable)?;
        Ok(SignedIn { session: Some(rotated), outcome: StepOutcome::Next(Stage::Active) })
    }

    async fn sign_out(&self, token: &str, everywhere: bool) -> Result<(), AppError> {
        let Some((session, account)) = self.session(token).await.map_err(unavailable)? else {
            return Ok(());
        };
        let doomed = session::Entity::delete_many();
        let doomed = if everywhere {
            doomed.filter(session::Column::UserId.eq(account.id))
        } else {
            doomed.filter(session::Column::Id.eq(session.id))
        };
        doomed.exec(&self.db).await.map_err(unavailable)?;
        Ok(())
    }

    async fn request_reset(&self, email: &str, from: Option<IpAddr>) -> Result<(), AppError> {
        self.ask_for_reset_link(email, from);
        Ok(())
    }

    async fn reset_password(&self, token: &str, new: &str, again: &str) -> Result<ResetOutcome, AppError> {
        self.reset_with_link(token, new, again).await
    }

    async fn password_strength(&self, token: &str, password: &str) -> Result<u8, AppError> {
        // From a reset link there is no session: rated without the person's names.
        let signed_in = self.session(token).await.map_err(unavailable)?;
        let personal = signed_in.as_ref().map(|(_, account)| personal(account)).unwrap_or_default();
        Ok(password_policy::strength(password, &personal))
    }

    async fn start_authenticator(&self, viewer: &Viewer, password: &str, code: &str) -> Result<AuthenticatorOutcome, AppError> {
        self.start_app(viewer, password, code).await
    }

    async fn confirm_authenticator(&self, viewer: &Viewer, session: &str, code: &str) -> Result<AuthenticatorOutcome, AppError> {
        self.confirm_app(viewer, session, code).await
    }

    async fn remove_authenticator(&self, viewer: &Viewer, session: &str, password: &str, code: &str) -> Result<AuthenticatorOutcome, AppError> {
        self.remove_app(viewer, session, password, code).await
    }

    async fn profiles(&self, viewer: &Viewer) -> Result<Vec<ProfileSummary>, AppError> {
        self.own_profiles(viewer).await
    }

    async fn profile(&self, viewer: &Viewer, person_id: i32) -> Result<Option<Profile>, AppError> {
        self.own_profile(viewer, person_id).await
    }
}

/// The hash of a new password, or what is wrong with it: long enough, not common,
/// not personal, not the current one, typed the same twice.
pub(crate) async fn new_password_hash(
    account: &user::Model,
    new: &str,
    again: &str,
    hasher: &passwords::Hasher,
) -> Result<Result<String, Vec<FieldError>>, AppError> {
    let wrong = |field: &str, key| Ok(Err(vec![FieldError::new(field, key)]));
    let password = match Password::parse(new) {
        Ok(password) => password,
        Err(PasswordError::TooShort) => return wrong("new-password", ErrorKey::PasswordTooShort),
        Err(PasswordError::TooLong) => return wrong("new-password", ErrorKey::PasswordTooLong),
    };
    if let Err(key) = password_policy::assess(&password, &personal(account)) {
        return wrong("new-password", key);
    }
    if hasher.verify(new.to_owned(), account.password_hash.clone()).await.map_err(hashing)? {
        return wrong("new-password", ErrorKey::PasswordSame);
    }
    if new != again {
        return wrong("new-password-again", ErrorKey::PasswordMismatch);
    }
    hasher.hash(SecretString::from(new.to_owned())).await.map(Ok).map_err(hashing)
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

/// What a password may not contain: the person's names and the part of their email before the @.
fn personal(account: &user::Model) -> Vec<&str> {
    let mut parts: Vec<&str> = account.name.split_whitespace().collect();
    parts.extend(account.email.split('@').next());
    parts
}

impl AccountDesk {
    /// The live session with this secret, and its account; a session idle too long,
    /// or too old, is ended here. Seeing it counts as activity.
    async fn session(&self, token: &str) -> Result<Option<(session::Model, user::Model)>, DbErr> {
        if token.len() != 43 {
            return Ok(None);
        }
        let found = session::Entity::find()
            .filter(session::Column::TokenHash.eq(tokens::token_hash(token)))
            .find_also_related(user::Entity)
            .one(&self.db)
            .await?;
        let Some((session, Some(account))) = found else { return Ok(None) };
        let now = Utc::now();
        let idle = Duration::minutes(i64::from(self.settings.sessions.idle_timeout_minutes));
        if session.last_seen_at + idle <= now || session.created_at + Duration::hours(SESSION_MAX_HOURS) <= now {
            session::Entity::delete_by_id(session.id).exec(&self.db).await?;
            return Ok(None);
        }
        // One write a minute at most, not one a request.
        if now - session.last_seen_at > Duration::seconds(60) {
            let mut seen = session.clone().into_active_model();
            seen.last_seen_at = Set(now);
            seen.update(&self.db).await?;
        }
        Ok(Some((session, account)))
    }

    /// A wrong password, in the audit log (the lock counted it before the check).
    async fn record_failure(&self, username: &str, address: &str) -> Result<(), DbErr> {
        let known = user::Entity::find().filter(user::Column::Email.eq(username)).one(&self.db).await?;
        let subject = known.map_or_else(|| "user:unknown".to_owned(), |u| format!("user:{}", u.id));
        audit::record(&self.db, &Actor::Address(address.to_owned()), Action::SignInFailed, &subject, serde_json::json!({})).await
    }


}

pub(crate) fn unix_now() -> u64 {
    u64::try_from(Utc::now().timestamp()).unwrap_or_default()
}
