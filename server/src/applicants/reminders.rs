//! Deadline reminders: 30 and 7 days before a person's deadline, an email to
//! whoever completes their steps if the photo or the address is still missing.
//! Every instance runs the job; one claims each day (a row in `job_runs`), and
//! each reminder goes once per person (a row in `reminders`), restarts included.
use super::facts::facts_of;
use crate::entities::{case, person, user};
use crate::error::DeskError;
use crate::mail::{self, templates};
use app::domain::{deadline, Email, DAYS_TO_COMPLETE};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Statement, TransactionTrait,
};
use std::sync::Arc;

/// Days before the deadline that a reminder goes, the nearest last.
pub const DAYS_BEFORE: [i64; 2] = [30, 7];

/// What time it is, for the job: the wall clock, or a test's.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// Today's reminders, if no instance has claimed today yet: how many were queued.
pub async fn run_daily(db: &DatabaseConnection, now: DateTime<Utc>, public_url: &str) -> Result<Option<u64>, DeskError> {
    let claim = Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO job_runs (job, day, started_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        ["reminders".into(), now.date_naive().into(), now.into()],
    );
    if db.execute_raw(claim).await?.rows_affected() != 1 {
        return Ok(None);
    }
    Ok(Some(send_due(db, now.date_naive(), public_url).await?))
}

/// Queues every reminder due today that was not sent before.
async fn send_due(db: &DatabaseConnection, today: NaiveDate, public_url: &str) -> Result<u64, DeskError> {
    let widest = DAYS_BEFORE[0];
    // Deadlines from today to `widest` days away.
    let approved_from = today - Duration::days(DAYS_TO_COMPLETE);
    let approved_to = approved_from + Duration::days(widest);
    let people = person::Entity::find()
        .filter(person::Column::UserId.is_not_null())
        .find_also_related(case::Entity)
        .filter(case::Column::ApprovedOn.between(approved_from, approved_to))
        .all(db)
        .await?;
    let ids: Vec<i32> = people.iter().map(|(p, _)| p.id).collect();
    let facts = facts_of(db, &ids).await?;
    let mut queued = 0;
    for (person, case) in people {
        let Some(case) = case else { continue };
        if facts.get(&person.id).is_some_and(|f| f.address_given && f.photo.given()) {
            continue;
        }
        let deadline = deadline(case.approved_on);
        let days_left = (deadline - today).num_days();
        let Some(&threshold) = DAYS_BEFORE.iter().rev().find(|&&before| days_left <= before) else { continue };
        if remind(db, &person, threshold, deadline, days_left, public_url).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// One reminder, recorded and queued together; false if it went before.
async fn remind(db: &DatabaseConnection, person: &person::Model, threshold: i64, deadline: NaiveDate, days_left: i64, public_url: &str) -> Result<bool, DeskError> {
    let account_id = person.user_id.ok_or(DeskError::Invariant("a reminder for a person without an account"))?;
    let txn = db.begin().await?;
    let record = Statement::from_sql_and_values(
        txn.get_database_backend(),
        "INSERT INTO reminders (person_id, days_before, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        [person.id.into(), threshold.into(), Utc::now().into()],
    );
    if txn.execute_raw(record).await?.rows_affected() != 1 {
        return Ok(false);
    }
    let account = user::Entity::find_by_id(account_id).one(&txn).await?.ok_or(DeskError::Invariant("a person's account is gone"))?;
    let to = Email::parse(&account.email).map_err(|_| DeskError::Invariant("an account's email does not parse"))?;
    let email = templates::deadline_reminder(to, &account.name, &person.full_name(), deadline, days_left, public_url);
    mail::enqueue(&txn, &email).await?;
    txn.commit().await?;
    Ok(true)
}

/// Tries the day's run every hour, until the process stops.
pub fn spawn(db: DatabaseConnection, public_url: String, clock: Clock) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            match run_daily(&db, clock(), &public_url).await {
                Ok(Some(queued)) => tracing::info!(queued, "deadline reminders queued"),
                Ok(None) => {}
                Err(err) => tracing::warn!(%err, "deadline reminders failed; the next day's run sends what is left"),
            }
        }
    })
}
