//! The password step, the new password that replaces a temporary one, and the
//! one-time code that completes signing in.
use super::lockouts::{self, CodeCheck, PasswordCheck};
use super::{attempts, invalid, locked_until, password_policy, passwords, stage, AccountDesk};
use crate::audit::{self, Action, Actor};
use crate::entities::session::{self, Stage as StoredStage};
use crate::entities::user;
use crate::error::DeskError;
use crate::secrets::tokens;
use app::api::ports::SignedIn;
use app::domain::{Email, ErrorKey, FieldError, Password, PasswordError, Stage, StepOutcome};
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait as _};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set, TransactionTrait};
use secrecy::SecretString;
use std::net::IpAddr;

impl AccountDesk {
    #[tracing::instrument(skip_all)]
    pub(crate) async fn sign_in(&self, username: &str, password: &str, from: Option<IpAddr>) -> Result<SignedIn, DeskError> {
        let refused = |outcome| Ok(SignedIn { session: None, outcome });
        let username = username.trim().to_lowercase();
        let missing = missing_fields(&username, password);
        if !missing.is_empty() {
            return refused(StepOutcome::Invalid(missing));
        }
        let address = from.map(|a| a.to_string()).unwrap_or_else(|| "unknown".into());
        let now = Utc::now();
        // Every try counts towards its address before any work is done, refused or not.
        let address_subject = lockouts::address_subject(&address);
        let from_address = attempts::take(&self.db, &address_subject, lockouts::ADDRESS, now).await?;
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
            .await?;
        // The same work whether or not the account exists.
        let phc = account.as_ref().map_or_else(|| passwords::decoy_hash().to_owned(), |a| a.password_hash.clone());
        let account = match (self.check_password(&username, password, phc, Some(&address_subject)).await?, account) {
            (PasswordCheck::Right, Some(account)) => account,
            (PasswordCheck::Locked(until), _) => return refused(locked_until(until)),
            (PasswordCheck::Wrong { locked_until: Some(until) }, _) => {
                self.record_failure(&username, &address).await?;
                return refused(locked_until(until));
            }
            _ => {
                self.record_failure(&username, &address).await?;
                return refused(invalid("password", ErrorKey::SignInInvalid));
            }
        };
        if account.must_change_password && account.temporary_password_expires_at.is_some_and(|at| at <= now) {
            return refused(invalid("password", ErrorKey::TemporaryExpired));
        }
        self.open_session(&account, address, &address_subject).await
    }

    #[tracing::instrument(skip_all)]
    pub(crate) async fn change_password(&self, token: &str, new: &str, again: &str) -> Result<StepOutcome, DeskError> {
        let Some((session, account)) = self.session(token).await? else {
            return Ok(StepOutcome::SignInAgain);
        };
        if session.stage != StoredStage::ChangePassword {
            return Ok(StepOutcome::Next(stage(session.stage)));
        }
        let hash = match new_password_hash(&account, new, again, &self.hasher).await? {
            Ok(hash) => hash,
            Err(errors) => return Ok(StepOutcome::Invalid(errors)),
        };
        let txn = self.db.begin().await?;
        let mut changed = account.clone().into_active_model();
        changed.password_hash = Set(hash);
        changed.must_change_password = Set(false);
        changed.temporary_password_expires_at = Set(None);
        changed.update(&txn).await?;
        audit::record(&txn, &Actor::User(account.id), Action::PasswordChanged, &format!("user:{}", account.id), serde_json::json!({}))
            .await?;
        self.second_factor(&txn, session, &account).await?;
        txn.commit().await?;
        Ok(StepOutcome::Next(Stage::SecondFactor))
    }

    #[tracing::instrument(skip_all)]
    pub(crate) async fn verify_code(&self, token: &str, code: &str) -> Result<SignedIn, DeskError> {
        let again = |outcome| Ok(SignedIn { session: None, outcome });
        let Some((session, account)) = self.session(token).await? else {
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
            .await?;
        if taken.rows_affected != 1 {
            session::Entity::delete_by_id(session.id).exec(&self.db).await?;
            return again(invalid("code", ErrorKey::CodeExpired));
        }
        // …and on the account, over all its sessions.
        match self.check_code(&account, code, session.code_hash.as_deref()).await? {
            CodeCheck::Right => {}
            CodeCheck::Locked(until) => {
                session::Entity::delete_by_id(session.id).exec(&self.db).await?;
                return again(locked_until(until));
            }
            CodeCheck::Wrong if session.code_attempts + 1 >= lockouts::CODES_PER_SESSION => {
                session::Entity::delete_by_id(session.id).exec(&self.db).await?;
                return again(invalid("code", ErrorKey::CodeExpired));
            }
            CodeCheck::Wrong => return again(invalid("code", ErrorKey::CodeInvalid)),
        }
        // A new secret once fully signed in, so that one seen before cannot be reused.
        let rotated = tokens::random_token();
        let txn = self.db.begin().await?;
        let mut active = session.into_active_model();
        active.token_hash = Set(tokens::token_hash(&rotated));
        active.stage = Set(StoredStage::Active);
        active.code_hash = Set(None);
        active.code_expires_at = Set(None);
        active.last_seen_at = Set(Utc::now());
        active.update(&txn).await?;
        audit::record(&txn, &Actor::User(account.id), Action::SignedIn, &format!("user:{}", account.id), serde_json::json!({}))
            .await?;
        txn.commit().await?;
        Ok(SignedIn { session: Some(rotated), outcome: StepOutcome::Next(Stage::Active) })
    }

    pub(crate) async fn password_strength(&self, token: &str, password: &str) -> Result<u8, DeskError> {
        // From a reset link there is no session: rated without the person's names.
        let signed_in = self.session(token).await?;
        let personal = signed_in.as_ref().map(|(_, account)| personal(account)).unwrap_or_default();
        Ok(password_policy::strength(password, &personal))
    }

    /// A wrong password, in the audit log (the lock counted it before the check).
    async fn record_failure(&self, username: &str, address: &str) -> Result<(), DbErr> {
        let known = user::Entity::find().filter(user::Column::Email.eq(username)).one(&self.db).await?;
        let subject = known.map_or_else(|| "user:unknown".to_owned(), |u| format!("user:{}", u.id));
        audit::record(&self.db, &Actor::Address(address.to_owned()), Action::SignInFailed, &subject, serde_json::json!({})).await
    }
}

/// The hash of a new password, or what is wrong with it: long enough, not common,
/// not personal, not the current one, typed the same twice.
pub(crate) async fn new_password_hash(
    account: &user::Model,
    new: &str,
    again: &str,
    hasher: &passwords::Hasher,
) -> Result<Result<String, Vec<FieldError>>, DeskError> {
    let wrong = |field: &str, key| Ok(Err(vec![FieldError::new(field, key)]));
    let password = match Password::parse(new) {
        Ok(password) => password,
        Err(PasswordError::TooShort) => return wrong("new-password", ErrorKey::PasswordTooShort),
        Err(PasswordError::TooLong) => return wrong("new-password", ErrorKey::PasswordTooLong),
    };
    if let Err(key) = password_policy::assess(&password, &personal(account)) {
        return wrong("new-password", key);
    }
    if hasher.verify(new.to_owned(), account.password_hash.clone()).await? {
        return wrong("new-password", ErrorKey::PasswordSame);
    }
    if new != again {
        return wrong("new-password-again", ErrorKey::PasswordMismatch);
    }
    Ok(Ok(hasher.hash(SecretString::from(new.to_owned())).await?))
}

/// What a password may not contain: the person's names and the part of their email before the @.
fn personal(account: &user::Model) -> Vec<&str> {
    let mut parts: Vec<&str> = account.name.split_whitespace().collect();
    parts.extend(account.email.split('@').next());
    parts
}

/// What the sign-in form left empty.
fn missing_fields(username: &str, password: &str) -> Vec<FieldError> {
    let mut missing = Vec::new();
    if username.is_empty() {
        missing.push(FieldError::new("username", ErrorKey::UsernameEmpty));
    }
    if password.is_empty() {
        missing.push(FieldError::new("password", ErrorKey::PasswordEmpty));
    }
    missing
}
