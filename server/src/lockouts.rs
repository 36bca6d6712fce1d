//! The limits on guessing, and the lock that follows too many wrong one-time
//! codes. Counting itself is in `attempts.rs`.
use crate::attempts::{self, Limit};
use crate::audit::{self, Action, Actor};
use crate::entities::{session, user};
use crate::mail::{self, OutgoingEmail};
use app::domain::Email;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

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
pub async fn lock_after_wrong_codes<C: ConnectionTrait>(db: &C, account: &user::Model, now: DateTime<Utc>) -> Result<(), DbErr> {
    attempts::exhaust(db, &password_subject(&account.email), PASSWORDS, now).await?;
    session::Entity::delete_many().filter(session::Column::UserId.eq(account.id)).exec(db).await?;
    audit::record(db, &Actor::User(account.id), Action::AccountLocked, &format!("user:{}", account.id), serde_json::json!({ "by": "wrong codes" }))
        .await?;
    let Ok(to) = Email::parse(&account.email) else {
        return Err(DbErr::Custom("an account's email does not parse".into()));
    };
    let minutes = PASSWORDS.window.num_minutes();
    let english = format!(
        "Someone entered the password of your PR Confirmation Portal account, then {} wrong one-time codes. \
         To protect you, the account is locked for {minutes} minutes and every session was ended.\n\n\
         If this was not you, someone else knows your password: once the lock ends, reset it with \
         \"Forgot your password?\" on the sign-in page.",
        CODES.tries
    );
    let french = format!(
        "Quelqu'un a entré le mot de passe de votre compte du Portail de confirmation de la RP, puis {} codes à usage \
         unique erronés. Pour vous protéger, le compte est verrouillé pendant {minutes} minutes et toutes les sessions \
         ont été fermées.\n\nSi ce n'était pas vous, quelqu'un d'autre connaît votre mot de passe : à la fin du \
         verrouillage, réinitialisez-le avec « Mot de passe oublié? » sur la page de connexion.",
        CODES.tries
    );
    mail::enqueue(db, &OutgoingEmail { to, subject: LOCKED_SUBJECT.to_owned(), body: mail::bilingual_body(&account.name, &english, &french) })
        .await
}

pub const LOCKED_SUBJECT: &str = "Your account is locked / Votre compte est verrouillé";
