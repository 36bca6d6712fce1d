//! The limits on guessing, the checks of a password or a one-time code that
//! count against them, and the lock that follows too many wrong codes.
//! Counting itself is in `attempts.rs`.
use crate::accounts::account_email;
use crate::error::DeskError;
use crate::accounts::AccountDesk;
use crate::accounts::attempts::{self, Limit};
use crate::audit::{self, Action, Actor};
use crate::entities::{session, user};
use crate::mail;
use app::domain::Password;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

/// Wrong passwords for one username (whether or not it exists) that lock it for 15 minutes.
pub const PASSWORDS: Limit = Limit { tries: 5, window: Duration::minutes(15) };
/// Sign-in attempts from one client address, right or wrong, before it must wait.
pub const ADDRESS: Limit = Limit { tries: 50, window: Duration::minutes(15) };
/// Codes tried on one session before it must start again from the password.
pub const CODES_PER_SESSION: i32 = 5;
/// Wrong codes for one account, over all its sessions, that lock it as wrong passwords do.
pub const CODES: Limit = Limit { tries: 10, window: Duration::minutes(15) };

/// Reset links emailed for one account in an hour (a mailbox cannot be flooded)…
pub const RESETS_PER_MAILBOX: Limit = Limit { tries: 3, window: Duration::hours(1) };
/// …and asked for from one client address, whatever the accounts.
pub const RESETS_PER_CLIENT: Limit = Limit { tries: 20, window: Duration::hours(1) };

/// The longest of these windows: a counter older than this counts for nothing.
pub const LONGEST_WINDOW: Duration = Duration::hours(1);

pub fn password_subject(username: &str) -> String {
    format!("password:{username}")
}

pub fn address_subject(address: &str) -> String {
    format!("address:{address}")
}

pub fn reset_client_subject(address: &str) -> String {
    format!("reset-from:{address}")
}

pub fn reset_account_subject(user_id: i32) -> String {
    format!("reset-to:{user_id}")
}

pub fn code_subject(user_id: i32) -> String {
    format!("code:{user_id}")
}

/// Someone holding the password is guessing the second factor: the account is
/// locked like a password lockout, every session ends, and the owner is told.
pub async fn lock_after_wrong_codes<C: ConnectionTrait>(db: &C, account: &user::Model, now: DateTime<Utc>) -> Result<(), DeskError> {
    attempts::exhaust(db, &password_subject(&account.email), PASSWORDS, now).await?;
    session::Entity::delete_many().filter(session::Column::UserId.eq(account.id)).exec(db).await?;
    audit::record(db, &Actor::User(account.id), Action::AccountLocked, &format!("user:{}", account.id), serde_json::json!({ "by": "wrong codes" }))
        .await?;
    let email = mail::templates::account_locked(account_email(account)?, &account.name, CODES.tries, PASSWORDS.window.num_minutes());
    Ok(mail::enqueue(db, &email).await?)
}

/// How a password fared, counted under its username's lock.
pub(crate) enum PasswordCheck {
    Right,
    /// Wrong; with the time the lock it caused ends, if it was the last try.
    Wrong { locked_until: Option<DateTime<Utc>> },
    /// Not checked: the username is locked until then.
    Locked(DateTime<Utc>),
}

/// How a one-time code fared, counted on its account.
pub(crate) enum CodeCheck {
    Right,
    Wrong,
    /// Not right, and the account is locked until then (by this code or before it).
    Locked(DateTime<Utc>),
}

impl AccountDesk {
    /// Checks `password` against `phc` (an account's hash, or the decoy), the
    /// try taken under `username`'s lock before the hash runs. A try the hasher
    /// had no turn for is given back, with `also` (the address's) if said.
    pub(crate) async fn check_password(
        &self,
        username: &str,
        password: &str,
        phc: String,
        also: Option<&str>,
    ) -> Result<PasswordCheck, DeskError> {
        let subject = password_subject(username);
        let lock = attempts::take(&self.db, &subject, PASSWORDS, Utc::now()).await?;
        if lock.refused() {
            return Ok(PasswordCheck::Locked(lock.ends_at()));
        }
        // Nothing that long can be right: refused before it is hashed.
        let right = password.chars().count() <= Password::MAX_CHARS
            && match self.hasher.verify(password.to_owned(), phc).await {
                Ok(right) => right,
                Err(error) => {
                    for subject in std::iter::once(subject.as_str()).chain(also) {
                        attempts::give_back(&self.db, subject).await?;
                    }
                    return Err(error.into());
                }
            };
        if !right {
            return Ok(PasswordCheck::Wrong { locked_until: lock.last().then(|| lock.ends_at()) });
        }
        attempts::forget(&self.db, &subject).await?;
        Ok(PasswordCheck::Right)
    }

    /// Checks a one-time code, the try taken on the account before: the app's
    /// or a recovery code when an app is in use, otherwise the code `emailed`
    /// (its keyed hash). The last wrong try locks the account, ends its
    /// sessions and tells its owner.
    pub(crate) async fn check_code(&self, account: &user::Model, code: &str, emailed: Option<&str>) -> Result<CodeCheck, DeskError> {
        let now = Utc::now();
        let subject = code_subject(account.id);
        let taken = attempts::take(&self.db, &subject, CODES, now).await?;
        if taken.refused() {
            return Ok(CodeCheck::Locked(taken.ends_at()));
        }
        let right = match &account.totp_secret {
            Some(_) => self.spend_second_factor(account, code).await?,
            None => emailed == Some(self.keys.lookup_hash(code).as_str()),
        };
        if right {
            attempts::forget(&self.db, &subject).await?;
            return Ok(CodeCheck::Right);
        }
        if !taken.last() {
            return Ok(CodeCheck::Wrong);
        }
        let txn = self.db.begin().await?;
        lock_after_wrong_codes(&txn, account, now).await?;
        txn.commit().await?;
        Ok(CodeCheck::Locked(now + PASSWORDS.window))
    }
}
