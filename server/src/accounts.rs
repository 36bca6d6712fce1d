//! Signing in: password (with lockout and throttling), a new password when the
//! current one is temporary, then a one-time code by email. Sessions live in
//! the database so that any instance can serve any request.
use crate::audit::{self, Action, Actor};
use crate::db::unavailable;
use crate::config::Settings;
use crate::entities::session::{self, Stage as StoredStage};
use crate::entities::user::{self, Role as StoredRole};
use crate::entities::{case, password_reset, person, photo, recovery_code, sign_in_failure};
use crate::mail::{self, OutgoingEmail};
use crate::{authenticator, password_policy, passwords, secrets};
use app::domain::{
    AuthenticatorOutcome, AuthenticatorSetup, Email, ErrorKey, FieldError, Password, PasswordError, PhotoStatus, Profile, ProfileSummary, ResetOutcome, Role,
    Stage, StepOutcome, Viewer,
};
use app::error::AppError;
use app::services::{Accounts, SignedIn};
use chrono::{Duration, Utc};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use secrecy::SecretString;
use std::net::IpAddr;
use std::sync::Arc;

/// Wrong passwords for one username that lock it…
const LOCK_AFTER: usize = 5;
/// …for this long (and the window they are counted in).
const LOCK_MINUTES: i64 = 15;
/// Wrong passwords from one address, in the same window, before it must wait.
const ADDRESS_LIMIT: u64 = 50;
const CODE_MINUTES: i64 = 10;
const CODE_TRIES: i32 = 5;
/// However active, a session ends after this long.
const SESSION_MAX_HOURS: i64 = 12;

pub struct AccountDesk {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
}


fn invalid(field: &str, key: ErrorKey) -> StepOutcome {
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

async fn verify_off_thread(password: String, phc: String) -> bool {
    tokio::task::spawn_blocking(move || passwords::verify(&password, &phc)).await.unwrap_or(false)
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
        let window = now - Duration::minutes(LOCK_MINUTES);
        let from_address = sign_in_failure::Entity::find()
            .filter(sign_in_failure::Column::Address.eq(address.as_str()))
            .filter(sign_in_failure::Column::At.gt(window))
            .count(&self.db)
            .await
            .map_err(unavailable)?;
        if from_address >= ADDRESS_LIMIT {
            return refused(invalid("", ErrorKey::SignInThrottled));
        }
        let recent = sign_in_failure::Entity::find()
            .filter(sign_in_failure::Column::Username.eq(username.as_str()))
            .filter(sign_in_failure::Column::At.gt(window))
            .order_by_desc(sign_in_failure::Column::At)
            .all(&self.db)
            .await
            .map_err(unavailable)?;
        let account = user::Entity::find()
            .filter(user::Column::Email.eq(username.as_str()))
            .one(&self.db)
            .await
            .map_err(unavailable)?;
        // The same work whether or not the account exists, or is locked.
        let phc = account.as_ref().map_or_else(|| passwords::decoy_hash().to_owned(), |a| a.password_hash.clone());
        let matches = verify_off_thread(password.to_owned(), phc).await;
        if recent.len() >= LOCK_AFTER {
            return refused(locked_until(recent[0].at + Duration::minutes(LOCK_MINUTES)));
        }
        let Some(account) = account.filter(|_| matches) else {
            self.record_failure(&username, &address).await.map_err(unavailable)?;
            return refused(if recent.len() + 1 >= LOCK_AFTER {
                locked_until(now + Duration::minutes(LOCK_MINUTES))
            } else {
                invalid("password", ErrorKey::SignInInvalid)
            });
        };
        if account.must_change_password && account.temporary_password_expires_at.is_some_and(|at| at <= now) {
            return refused(invalid("password", ErrorKey::TemporaryExpired));
        }
        let token = secrets::random_token();
        let next = if account.must_change_password { StoredStage::ChangePassword } else { StoredStage::SecondFactor };
        let txn = self.db.begin().await.map_err(unavailable)?;
        sign_in_failure::Entity::delete_many()
            .filter(sign_in_failure::Column::Username.eq(username.as_str()))
            .exec(&txn)
            .await
            .map_err(unavailable)?;
        let created = session::ActiveModel {
            token_hash: Set(secrets::token_hash(&token)),
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
        let hash = match new_password_hash(&account, new, again).await? {
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
        let alive = session.code_expires_at.is_some_and(|at| at > Utc::now()) && session.code_attempts < CODE_TRIES;
        if !alive {
            session::Entity::delete_by_id(session.id).exec(&self.db).await.map_err(unavailable)?;
            return again(invalid("code", ErrorKey::CodeExpired));
        }
        let right = match &account.totp_secret {
            Some(secret) => {
                self.use_app_code(&account, secret, code).await.map_err(unavailable)?
                    || self.use_recovery_code(account.id, code).await.map_err(unavailable)?
            }
            None => session.code_hash.as_deref() == Some(secrets::token_hash(code).as_str()),
        };
        if !right {
            let tries = session.code_attempts + 1;
            let mut wrong = session.into_active_model();
            wrong.code_attempts = Set(tries);
            wrong.update(&self.db).await.map_err(unavailable)?;
            let key = if tries >= CODE_TRIES { ErrorKey::CodeExpired } else { ErrorKey::CodeInvalid };
            return again(invalid("code", key));
        }
        // A new secret once fully signed in, so that one seen before cannot be reused.
        let rotated = secrets::random_token();
        let txn = self.db.begin().await.map_err(unavailable)?;
        let mut active = session.into_active_model();
        active.token_hash = Set(secrets::token_hash(&rotated));
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

    #[tracing::instrument(skip_all)]
    async fn request_reset(&self, email: &str) -> Result<(), AppError> {
        let Ok(email) = Email::parse(email) else { return Ok(()) };
        let Some(account) = user::Entity::find()
            .filter(user::Column::Email.eq(email.as_str()))
            .one(&self.db)
            .await
            .map_err(unavailable)?
        else {
            return Ok(());
        };
        let token = secrets::random_token();
        let now = Utc::now();
        let txn = self.db.begin().await.map_err(unavailable)?;
        password_reset::ActiveModel {
            user_id: Set(account.id),
            token_hash: Set(secrets::token_hash(&token)),
            created_at: Set(now),
            expires_at: Set(now + Duration::minutes(RESET_MINUTES)),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(unavailable)?;
        mail::enqueue(&txn, &reset_email(&self.settings.site.public_url, &account, email, &token)).await.map_err(unavailable)?;
        audit::record(&txn, &Actor::User(account.id), Action::PasswordResetRequested, &format!("user:{}", account.id), serde_json::json!({}))
            .await
            .map_err(unavailable)?;
        txn.commit().await.map_err(unavailable)
    }

    #[tracing::instrument(skip_all)]
    async fn reset_password(&self, token: &str, new: &str, again: &str) -> Result<ResetOutcome, AppError> {
        let now = Utc::now();
        let found = if token.len() == 43 {
            password_reset::Entity::find()
                .filter(password_reset::Column::TokenHash.eq(secrets::token_hash(token)))
                .find_also_related(user::Entity)
                .one(&self.db)
                .await
                .map_err(unavailable)?
        } else {
            None
        };
        let Some((reset, Some(account))) = found.filter(|(r, _)| r.used_at.is_none() && r.expires_at > now) else {
            return Ok(ResetOutcome::LinkDead);
        };
        let hash = match new_password_hash(&account, new, again).await? {
            Ok(hash) => hash,
            Err(errors) => return Ok(ResetOutcome::Invalid(errors)),
        };
        let txn = self.db.begin().await.map_err(unavailable)?;
        // One use: of two answers at once, one wins.
        let claimed = password_reset::Entity::update_many()
            .col_expr(password_reset::Column::UsedAt, sea_orm::sea_query::Expr::value(now))
            .filter(password_reset::Column::Id.eq(reset.id))
            .filter(password_reset::Column::UsedAt.is_null())
            .exec(&txn)
            .await
            .map_err(unavailable)?;
        if claimed.rows_affected != 1 {
            return Ok(ResetOutcome::LinkDead);
        }
        let mut changed = account.clone().into_active_model();
        changed.password_hash = Set(hash);
        changed.must_change_password = Set(false);
        changed.temporary_password_expires_at = Set(None);
        changed.update(&txn).await.map_err(unavailable)?;
        // Whoever had the old password is signed out, and the lock is lifted.
        session::Entity::delete_many().filter(session::Column::UserId.eq(account.id)).exec(&txn).await.map_err(unavailable)?;
        sign_in_failure::Entity::delete_many()
            .filter(sign_in_failure::Column::Username.eq(account.email.as_str()))
            .exec(&txn)
            .await
            .map_err(unavailable)?;
        audit::record(&txn, &Actor::User(account.id), Action::PasswordChanged, &format!("user:{}", account.id), serde_json::json!({ "by": "reset link" }))
            .await
            .map_err(unavailable)?;
        txn.commit().await.map_err(unavailable)?;
        Ok(ResetOutcome::Changed)
    }

    async fn password_strength(&self, token: &str, password: &str) -> Result<u8, AppError> {
        // From a reset link there is no session: rated without the person's names.
        let signed_in = self.session(token).await.map_err(unavailable)?;
        let personal = signed_in.as_ref().map(|(_, account)| personal(account)).unwrap_or_default();
        Ok(password_policy::strength(password, &personal))
    }

    #[tracing::instrument(skip_all)]
    async fn start_authenticator(&self, viewer: &Viewer) -> Result<AuthenticatorSetup, AppError> {
        let secret = authenticator::new_secret();
        let qr_png_base64 = authenticator::qr_png_base64(&secret, &viewer.email).ok_or(AppError::Unavailable)?;
        user::Entity::update_many()
            .col_expr(user::Column::TotpPendingSecret, sea_orm::sea_query::Expr::value(secret.clone()))
            .filter(user::Column::Id.eq(viewer.user_id))
            .exec(&self.db)
            .await
            .map_err(unavailable)?;
        Ok(AuthenticatorSetup { secret, qr_png_base64 })
    }

    #[tracing::instrument(skip_all)]
    async fn confirm_authenticator(&self, viewer: &Viewer, code: &str) -> Result<AuthenticatorOutcome, AppError> {
        let account = user::Entity::find_by_id(viewer.user_id).one(&self.db).await.map_err(unavailable)?;
        let Some((account, secret)) = account.and_then(|a| a.totp_pending_secret.clone().map(|s| (a, s))) else {
            return Ok(AuthenticatorOutcome::Invalid(vec![FieldError::new("code", ErrorKey::CodeExpired)]));
        };
        let Some(step) = authenticator::matching_step(&secret, &account.email, code, unix_now()) else {
            return Ok(AuthenticatorOutcome::Invalid(vec![FieldError::new("code", ErrorKey::CodeInvalid)]));
        };
        let codes = authenticator::recovery_codes();
        let txn = self.db.begin().await.map_err(unavailable)?;
        recovery_code::Entity::delete_many()
            .filter(recovery_code::Column::UserId.eq(account.id))
            .exec(&txn)
            .await
            .map_err(unavailable)?;
        for code in &codes {
            recovery_code::ActiveModel {
                user_id: Set(account.id),
                code_hash: Set(authenticator::recovery_hash(code)),
                used_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await
            .map_err(unavailable)?;
        }
        let mut confirmed = account.clone().into_active_model();
        confirmed.totp_secret = Set(Some(secret));
        confirmed.totp_pending_secret = Set(None);
        confirmed.totp_last_step = Set(Some(step));
        confirmed.update(&txn).await.map_err(unavailable)?;
        audit::record(&txn, &Actor::User(account.id), Action::AuthenticatorSetUp, &format!("user:{}", account.id), serde_json::json!({}))
            .await
            .map_err(unavailable)?;
        txn.commit().await.map_err(unavailable)?;
        Ok(AuthenticatorOutcome::Confirmed { recovery_codes: codes })
    }

    async fn profiles(&self, viewer: &Viewer) -> Result<Vec<ProfileSummary>, AppError> {
        let people = person::Entity::find()
            .filter(person::Column::UserId.eq(viewer.user_id))
            .find_also_related(case::Entity)
            .order_by_asc(person::Column::CaseId)
            .order_by_asc(person::Column::Position)
            .all(&self.db)
            .await
            .map_err(unavailable)?;
        Ok(people
            .into_iter()
            .map(|(p, c)| ProfileSummary {
                id: p.id,
                name: crate::answers::full_name(&p),
                relationship: p.relationship,
                application_number: c.map(|c| c.application_number).unwrap_or_default(),
            })
            .collect())
    }

    async fn profile(&self, viewer: &Viewer, person_id: i32) -> Result<Option<Profile>, AppError> {
        let found = person::Entity::find_by_id(person_id)
            .filter(person::Column::UserId.eq(viewer.user_id))
            .find_also_related(case::Entity)
            .one(&self.db)
            .await
            .map_err(unavailable)?;
        let Some((p, c)) = found else { return Ok(None) };
        let photo = photo::Entity::find()
            .select_only()
            .columns([photo::Column::ReceivedAt, photo::Column::SentAnyway])
            .filter(photo::Column::PersonId.eq(p.id))
            .order_by_desc(photo::Column::Id)
            .into_tuple::<(chrono::DateTime<Utc>, bool)>()
            .one(&self.db)
            .await
            .map_err(unavailable)?
            .map(|(at, sent_anyway)| PhotoStatus { received_on: at.date_naive().to_string(), sent_anyway });
        Ok(Some(Profile {
            id: p.id,
            name: crate::answers::full_name(&p),
            uci: app::domain::Uci::parse(&p.uci).map(|u| u.to_string()).unwrap_or(p.uci),
            date_of_birth: p.date_of_birth.to_string(),
            sex: p.sex,
            country_of_birth: p.country_of_birth,
            citizenship: p.citizenship,
            application_number: c.map(|c| c.application_number).unwrap_or_default(),
            in_canada: p.in_canada,
            return_date: p.return_date.map(|d| d.to_string()),
            photo,
        }))
    }

}

/// The hash of a new password, or what is wrong with it: long enough, not common,
/// not personal, not the current one, typed the same twice.
async fn new_password_hash(account: &user::Model, new: &str, again: &str) -> Result<Result<String, Vec<FieldError>>, AppError> {
    let wrong = |field: &str, key| Ok(Err(vec![FieldError::new(field, key)]));
    let password = match Password::parse(new) {
        Ok(password) => password,
        Err(PasswordError::TooShort) => return wrong("new-password", ErrorKey::PasswordTooShort),
        Err(PasswordError::TooLong) => return wrong("new-password", ErrorKey::PasswordTooLong),
    };
    if let Err(key) = password_policy::assess(&password, &personal(account)) {
        return wrong("new-password", key);
    }
    if verify_off_thread(new.to_owned(), account.password_hash.clone()).await {
        return wrong("new-password", ErrorKey::PasswordSame);
    }
    if new != again {
        return wrong("new-password-again", ErrorKey::PasswordMismatch);
    }
    let secret = SecretString::from(new.to_owned());
    tokio::task::spawn_blocking(move || passwords::hash(&secret))
        .await
        .ok()
        .and_then(Result::ok)
        .map(Ok)
        .ok_or(AppError::Unavailable)
}

const RESET_MINUTES: i64 = 60;
pub const RESET_SUBJECT: &str =
    "Reset your PR Confirmation Portal password / Réinitialiser votre mot de passe du Portail de confirmation de la RP";

fn reset_email(public_url: &str, account: &user::Model, to: Email, token: &str) -> OutgoingEmail {
    let base = public_url.trim_end_matches('/');
    let english = format!(
        "Someone asked to reset the password of your PR Confirmation Portal account. To choose a new password, \
         open this link within one hour. It works once.\n\n{base}/en/reset-password/{token}\n\n\
         If you did not ask for this, you can ignore this email: your password has not changed."
    );
    let french = format!(
        "Quelqu'un a demandé de réinitialiser le mot de passe de votre compte du Portail de confirmation de la RP. \
         Pour choisir un nouveau mot de passe, ouvrez ce lien d'ici une heure. Il ne fonctionne qu'une fois.\n\n\
         {base}/fr/reset-password/{token}\n\n\
         Si vous n'avez rien demandé, vous pouvez ignorer ce courriel : votre mot de passe n'a pas changé."
    );
    OutgoingEmail { to, subject: RESET_SUBJECT.to_owned(), body: mail::bilingual_body(&account.name, &english, &french) }
}

/// Minutes left, rounded up, so that "1 minute" never means "now".
fn locked_until(until: chrono::DateTime<Utc>) -> StepOutcome {
    let seconds = (until - Utc::now()).num_seconds().max(1);
    StepOutcome::Locked { minutes: ((seconds + 59) / 60) as u32 }
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
            .filter(session::Column::TokenHash.eq(secrets::token_hash(token)))
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

    async fn record_failure(&self, username: &str, address: &str) -> Result<(), DbErr> {
        let txn = self.db.begin().await?;
        sign_in_failure::ActiveModel {
            username: Set(username.to_owned()),
            address: Set(address.to_owned()),
            at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let known = user::Entity::find().filter(user::Column::Email.eq(username)).one(&txn).await?;
        let subject = known.map_or_else(|| "user:unknown".to_owned(), |u| format!("user:{}", u.id));
        audit::record(&txn, &Actor::Address(address.to_owned()), Action::SignInFailed, &subject, serde_json::json!({})).await?;
        txn.commit().await
    }

    /// The second step: the authenticator app's code when one is set up (nothing
    /// is sent), otherwise a code by email.
    async fn second_factor<C: ConnectionTrait>(&self, db: &C, session: session::Model, account: &user::Model) -> Result<(), DbErr> {
        if account.totp_secret.is_none() {
            return self.send_code(db, session, account).await;
        }
        let mut pending = session.into_active_model();
        pending.stage = Set(StoredStage::SecondFactor);
        pending.code_hash = Set(None);
        pending.code_expires_at = Set(Some(Utc::now() + Duration::minutes(CODE_MINUTES)));
        pending.code_attempts = Set(0);
        pending.update(db).await.map(|_| ())
    }

    /// Spends the app's code: it counts only if it is newer than the last one
    /// accepted, which the same statement records (so two instances cannot both take it).
    async fn use_app_code(&self, account: &user::Model, secret: &str, code: &str) -> Result<bool, DbErr> {
        let Some(step) = authenticator::matching_step(secret, &account.email, code, unix_now()) else {
            return Ok(false);
        };
        let spent = user::Entity::update_many()
            .col_expr(user::Column::TotpLastStep, sea_orm::sea_query::Expr::value(step))
            .filter(user::Column::Id.eq(account.id))
            .filter(sea_orm::Condition::any().add(user::Column::TotpLastStep.is_null()).add(user::Column::TotpLastStep.lt(step)))
            .exec(&self.db)
            .await?;
        Ok(spent.rows_affected > 0)
    }

    /// Spends a recovery code, if it is one of the account's unused ones.
    async fn use_recovery_code(&self, user_id: i32, code: &str) -> Result<bool, DbErr> {
        let spent = recovery_code::Entity::update_many()
            .col_expr(recovery_code::Column::UsedAt, sea_orm::sea_query::Expr::value(Utc::now()))
            .filter(recovery_code::Column::UserId.eq(user_id))
            .filter(recovery_code::Column::CodeHash.eq(authenticator::recovery_hash(code)))
            .filter(recovery_code::Column::UsedAt.is_null())
            .exec(&self.db)
            .await?;
        Ok(spent.rows_affected > 0)
    }

    /// A new 6-digit code for the session, by email.
    async fn send_code<C: ConnectionTrait>(&self, db: &C, session: session::Model, account: &user::Model) -> Result<(), DbErr> {
        let code = format!("{:06}", rand::rng().random_range(0..1_000_000));
        let mut pending = session.into_active_model();
        pending.stage = Set(StoredStage::SecondFactor);
        pending.code_hash = Set(Some(secrets::token_hash(&code)));
        pending.code_expires_at = Set(Some(Utc::now() + Duration::minutes(CODE_MINUTES)));
        pending.code_attempts = Set(0);
        pending.update(db).await?;
        let Ok(to) = Email::parse(&account.email) else {
            return Err(DbErr::Custom("an account's email does not parse".into()));
        };
        let english = format!(
            "Your one-time code for the PR Confirmation Portal is:\n\n    {code}\n\n\
             Enter it on the sign-in page within {CODE_MINUTES} minutes. If you did not just sign in, change your \
             password: someone else may know it."
        );
        let french = format!(
            "Votre code à usage unique pour le Portail de confirmation de la RP est :\n\n    {code}\n\n\
             Entrez-le sur la page de connexion d'ici {CODE_MINUTES} minutes. Si vous ne venez pas de vous connecter, \
             changez votre mot de passe : quelqu'un d'autre le connaît peut-être."
        );
        mail::enqueue(
            db,
            &OutgoingEmail {
                to,
                subject: CODE_SUBJECT.to_owned(),
                body: mail::bilingual_body(&account.name, &english, &french),
            },
        )
        .await
    }
}

pub const CODE_SUBJECT: &str = "Your one-time code / Votre code à usage unique";

fn unix_now() -> u64 {
    u64::try_from(Utc::now().timestamp()).unwrap_or_default()
}
