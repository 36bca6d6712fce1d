//! Email: queued in the database (the outbox) in the same transaction as the
//! change that causes it, then sent by a background worker in each instance.
pub mod dev_outbox;
pub mod templates;
pub mod transport;
pub mod worker;

use crate::entities::outbox_message;
use app::domain::Email;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// A plain-text message: English first, then French, in one body.
#[derive(Clone, Debug)]
pub struct OutgoingEmail {
    pub to: Email,
    pub subject: String,
    pub body: String,
}

/// Puts a message in the outbox; it is sent once the surrounding transaction commits.
pub async fn enqueue<C: ConnectionTrait>(db: &C, email: &OutgoingEmail) -> Result<(), DbErr> {
    let now = Utc::now();
    outbox_message::ActiveModel {
        recipient: Set(email.to.as_str().to_owned()),
        subject: Set(email.subject.clone()),
        body: Set(email.body.clone()),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// "December 26, 2026" and "26 décembre 2026".
pub fn long_dates(at: DateTime<Utc>) -> (String, String) {
    use app::i18n::Locale;
    let day = at.date_naive();
    (app::messages::long_date(Locale::en, day), app::messages::long_date(Locale::fr, day))
}

