//! The second step: a code by email, or the authenticator app (TOTP). The app
//! is set up, replaced or removed only on the password and, when one is in
//! use, its code (or a recovery code), so that a stolen session alone cannot
//! take over the second factor. Each change is
//! emailed to the owner, ends the person's other sessions and is audited. The
//! app's secret is kept sealed with the portal's key.
use crate::accounts::account_email;
use crate::error::DeskError;
use crate::accounts::{minutes_left, unix_now, AccountDesk};
use crate::audit::{self, Action, Actor};
use crate::entities::{recovery_code, session, user};
use crate::accounts::lockouts::{CodeCheck, PasswordCheck};
use crate::mail::templates::SecondFactorChange;
use crate::mail;
use crate::accounts::authenticator;
use crate::secrets::tokens;
use app::domain::{AuthenticatorOutcome, AuthenticatorSetup, ErrorKey, FieldError, Viewer};
use app::error::AppError;
use crate::entities::session::Stage as StoredStage;
use chrono::{Duration, Utc};
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set, TransactionTrait};

/// An emailed code lives this long.
const CODE_MINUTES: i64 = 10;

/// What an account's app secret is sealed for: it opens for that account only.
fn sealed_for(user_id: i32) -> String {
    format!("totp:user:{user_id}")
}

/// Seals the app secrets kept in clear before they were sealed (at start-up,
/// once; a sealed one is left as it is), so that those apps go on working.
pub async fn seal_clear_secrets(db: &sea_orm::DatabaseConnection, keys: &crate::secrets::keys::Keys) -> Result<u64, DbErr> {
    let clear = user::Entity::find()
        .filter(user::Column::TotpSecret.is_not_null())
        .filter(user::Column::TotpSecret.not_like("v1:%"))
        .all(db)
        .await?;
    for account in &clear {
        let mut sealed = account.clone().into_active_model();
        sealed.totp_secret = Set(account.totp_secret.as_deref().map(|secret| keys.seal(&sealed_for(account.id), secret)));
        sealed.totp_pending_secret = Set(None);
        sealed.update(db).await?;
    }
    Ok(clear.len() as u64)
}

fn invalid(field: &str, key: ErrorKey) -> AuthenticatorOutcome {
    AuthenticatorOutcome::Invalid(vec![FieldError::new(field, key)])
}

impl AccountDesk {
    /// The second step: the authenticator app's code when one is set up (nothing
    /// is sent), otherwise a code by email.
    pub(crate) async fn second_factor<C: ConnectionTrait>(&self, db: &C, session: session::Model, account: &user::Model) -> Result<(), DeskError> {
        if account.totp_secret.is_none() {
            return self.send_code(db, session, account).await;
        }
        let mut pending = session.into_active_model();
        pending.stage = Set(StoredStage::SecondFactor);
        pending.code_hash = Set(None);
        pending.code_expires_at = Set(Some(Utc::now() + Duration::minutes(CODE_MINUTES)));
        pending.code_attempts = Set(0);
        pending.update(db).await?;
        Ok(())
    }

    /// A new 6-digit code for the session, by email.
    async fn send_code<C: ConnectionTrait>(&self, db: &C, session: session::Model, account: &user::Model) -> Result<(), DeskError> {
        let code = format!("{:06}", rand::rng().random_range(0..1_000_000));
        let mut pending = session.into_active_model();
        pending.stage = Set(StoredStage::SecondFactor);
        pending.code_hash = Set(Some(self.keys.lookup_hash(&code)));
        pending.code_expires_at = Set(Some(Utc::now() + Duration::minutes(CODE_MINUTES)));
        pending.code_attempts = Set(0);
        pending.update(db).await?;
        let email = mail::templates::one_time_code(account_email(account)?, &account.name, &code, CODE_MINUTES);
        Ok(mail::enqueue(db, &email).await?)
    }

    #[tracing::instrument(skip_all, fields(user = %viewer.user_id))]
    pub(crate) async fn start_app(&self, viewer: &Viewer, password: &str, code: &str) -> Result<AuthenticatorOutcome, DeskError> {
        let account = self.account(viewer).await?;
        if let Some(refused) = self.check_proofs(&account, password, code).await? {
            return Ok(refused);
        }
        let secret = authenticator::new_secret();
        let qr_png_base64 = authenticator::qr_png_base64(&secret, &account.email).ok_or(AppError::Unavailable)?;
        user::Entity::update_many()
            .col_expr(user::Column::TotpPendingSecret, Expr::value(self.keys.seal(&sealed_for(account.id), &secret)))
            .filter(user::Column::Id.eq(account.id))
            .exec(&self.db)
            .await?;
        Ok(AuthenticatorOutcome::Started(AuthenticatorSetup { secret, qr_png_base64 }))
    }

    #[tracing::instrument(skip_all, fields(user = %viewer.user_id))]
    pub(crate) async fn confirm_app(&self, viewer: &Viewer, session: &str, code: &str) -> Result<AuthenticatorOutcome, DeskError> {
        let account = self.account(viewer).await?;
        let pending = account.totp_pending_secret.clone();
        let Some((sealed, secret)) = pending.and_then(|sealed| Some((sealed.clone(), self.keys.open(&sealed_for(account.id), &sealed)?))) else {
            return Ok(invalid("code", ErrorKey::CodeExpired));
        };
        let Some(step) = authenticator::matching_step(&secret, &account.email, code, unix_now()) else {
            return Ok(invalid("code", ErrorKey::CodeInvalid));
        };
        let change = if account.totp_secret.is_some() { SecondFactorChange::Replaced } else { SecondFactorChange::SetUp };
        let codes = authenticator::recovery_codes();
        let txn = self.db.begin().await?;
        recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(account.id)).exec(&txn).await?;
        for code in &codes {
            recovery_code::ActiveModel {
                user_id: Set(account.id),
                code_hash: Set(authenticator::recovery_hash(&self.keys, code)),
                used_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        let mut confirmed = account.clone().into_active_model();
        confirmed.totp_secret = Set(Some(sealed));
        confirmed.totp_pending_secret = Set(None);
        confirmed.totp_last_step = Set(Some(step));
        confirmed.update(&txn).await?;
        changed(&txn, &account, session, change).await?;
        txn.commit().await?;
        Ok(AuthenticatorOutcome::Confirmed { recovery_codes: codes })
    }

    #[tracing::instrument(skip_all, fields(user = %viewer.user_id))]
    pub(crate) async fn remove_app(&self, viewer: &Viewer, session: &str, password: &str, code: &str) -> Result<AuthenticatorOutcome, DeskError> {
        let account = self.account(viewer).await?;
        if account.totp_secret.is_none() {
            return Ok(AuthenticatorOutcome::Removed);
        }
        if let Some(refused) = self.check_proofs(&account, password, code).await? {
            return Ok(refused);
        }
        let txn = self.db.begin().await?;
        recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(account.id)).exec(&txn).await?;
        let mut removed = account.clone().into_active_model();
        removed.totp_secret = Set(None);
        removed.totp_pending_secret = Set(None);
        removed.totp_last_step = Set(None);
        removed.update(&txn).await?;
        changed(&txn, &account, session, SecondFactorChange::Removed).await?;
        txn.commit().await?;
        Ok(AuthenticatorOutcome::Removed)
    }

    /// Spends the app's code or a recovery code, if `code` is either.
    pub(crate) async fn spend_second_factor(&self, account: &user::Model, code: &str) -> Result<bool, DbErr> {
        let Some(sealed) = &account.totp_secret else { return Ok(false) };
        let Some(secret) = self.keys.open(&sealed_for(account.id), sealed) else {
            tracing::error!(user = account.id, "an authenticator secret does not open with this key");
            return Ok(false);
        };
        Ok(self.use_app_code(account, &secret, code).await? || self.use_recovery_code(account.id, code).await?)
    }

    async fn account(&self, viewer: &Viewer) -> Result<user::Model, DeskError> {
        user::Entity::find_by_id(viewer.user_id.0).one(&self.db).await?.ok_or(AppError::SignInRequired.into())
    }

    /// The password, then the app's code when one is in use; `None` when both
    /// are right. Each is counted before it is checked, as at sign-in.
    async fn check_proofs(&self, account: &user::Model, password: &str, code: &str) -> Result<Option<AuthenticatorOutcome>, DeskError> {
        if password.is_empty() {
            return Ok(Some(invalid("password", ErrorKey::PasswordEmpty)));
        }
        match self.check_password(&account.email, password, account.password_hash.clone(), None).await? {
            PasswordCheck::Right => {}
            PasswordCheck::Locked(until) | PasswordCheck::Wrong { locked_until: Some(until) } => {
                return Ok(Some(AuthenticatorOutcome::Locked { minutes: minutes_left(until) }))
            }
            PasswordCheck::Wrong { locked_until: None } => return Ok(Some(invalid("password", ErrorKey::CurrentPasswordWrong))),
        }
        if account.totp_secret.is_none() {
            return Ok(None);
        }
        Ok(match self.check_code(account, code, None).await? {
            CodeCheck::Right => None,
            CodeCheck::Locked(until) => Some(AuthenticatorOutcome::Locked { minutes: minutes_left(until) }),
            CodeCheck::Wrong => Some(invalid("code", ErrorKey::CodeInvalid)),
        })
    }

    /// Spends the app's code: it counts only if it is newer than the last one
    /// accepted, which the same statement records (so two instances cannot both take it).
    async fn use_app_code(&self, account: &user::Model, secret: &str, code: &str) -> Result<bool, DbErr> {
        let Some(step) = authenticator::matching_step(secret, &account.email, code, unix_now()) else {
            return Ok(false);
        };
        let spent = user::Entity::update_many()
            .col_expr(user::Column::TotpLastStep, Expr::value(step))
            .filter(user::Column::Id.eq(account.id))
            .filter(sea_orm::Condition::any().add(user::Column::TotpLastStep.is_null()).add(user::Column::TotpLastStep.lt(step)))
            .exec(&self.db)
            .await?;
        Ok(spent.rows_affected > 0)
    }

    /// Spends a recovery code, if it is one of the account's unused ones.
    async fn use_recovery_code(&self, user_id: i32, code: &str) -> Result<bool, DbErr> {
        let spent = recovery_code::Entity::update_many()
            .col_expr(recovery_code::Column::UsedAt, Expr::value(Utc::now()))
            .filter(recovery_code::Column::UserId.eq(user_id))
            .filter(recovery_code::Column::CodeHash.eq(authenticator::recovery_hash(&self.keys, code)))
            .filter(recovery_code::Column::UsedAt.is_null())
            .exec(&self.db)
            .await?;
        Ok(spent.rows_affected > 0)
    }
}

/// After a change: the person's other sessions end, the change is audited and
/// the owner is told by email.
async fn changed<C: ConnectionTrait>(db: &C, account: &user::Model, session: &str, change: SecondFactorChange) -> Result<(), DeskError> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(account.id))
        .filter(session::Column::TokenHash.ne(tokens::token_hash(session)))
        .exec(db)
        .await?;
    let (action, replaced) = match change {
        SecondFactorChange::SetUp => (Action::AuthenticatorSetUp, false),
        SecondFactorChange::Replaced => (Action::AuthenticatorSetUp, true),
        SecondFactorChange::Removed => (Action::AuthenticatorRemoved, false),
    };
    audit::record(db, &Actor::User(account.id), action, &format!("user:{}", account.id), serde_json::json!({ "replaced": replaced })).await?;
    let email = mail::templates::second_factor_changed(account_email(account)?, &account.name, change);
    Ok(mail::enqueue(db, &email).await?)
}
