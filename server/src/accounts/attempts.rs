//! Counted attempts: passwords per username and per client address, one-time
//! codes per account. An attempt is counted *before* the check it pays for, in
//! one statement that also says how many came before it, so that parallel tries
//! cannot all see a count under the limit (check-then-act).
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Statement};

/// So many tries in a window; the last allowed try restarts the window, so a
/// lock lasts a whole window from the try that caused it.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub tries: i32,
    pub window: Duration,
}

/// One counted attempt: its place in the window (1 for the first), and when the window began.
#[derive(Clone, Copy, Debug)]
pub struct Taken {
    pub place: i32,
    since: i64,
    limit: Limit,
}

impl Taken {
    /// Over the limit: refuse without checking.
    pub fn refused(&self) -> bool {
        self.place > self.limit.tries
    }

    /// The last try allowed: if it fails, the subject is locked.
    pub fn last(&self) -> bool {
        self.place == self.limit.tries
    }

    /// When the window (or the lock) ends.
    pub fn ends_at(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.since, 0).unwrap_or_default() + self.limit.window
    }
}

#[derive(FromQueryResult)]
struct Row {
    count: i32,
    since: i64,
}

/// Counts one attempt for `subject` (e.g. `password:a@b.ca`, `address:192.0.2.1`).
/// A subject whose tries are used up is refused on a read, and nothing is
/// written: a flood on one subject then waits for no row lock.
pub async fn take<C: ConnectionTrait>(db: &C, subject: &str, limit: Limit, now: DateTime<Utc>) -> Result<Taken, DbErr> {
    if let Some(seen) = current(db, subject, limit, now).await?.filter(|seen| seen.place >= limit.tries) {
        return Ok(Taken { place: seen.place + 1, ..seen });
    }
    let (now_s, expired) = (now.timestamp(), (now - limit.window).timestamp());
    // Both CASEs read the row as it was: a window that has ended starts again at 1.
    let sql = "INSERT INTO attempt_counters (subject, count, since) VALUES ($1, 1, $2) \
               ON CONFLICT (subject) DO UPDATE SET \
                 count = CASE WHEN attempt_counters.since <= $3 THEN 1 ELSE attempt_counters.count + 1 END, \
                 since = CASE WHEN attempt_counters.since <= $3 OR attempt_counters.count + 1 = $4 THEN $2 \
                              ELSE attempt_counters.since END \
               RETURNING count, since";
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        sql,
        [subject.into(), now_s.into(), expired.into(), limit.tries.into()],
    );
    let row = Row::find_by_statement(statement)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the counted attempt".into()))?;
    Ok(Taken { place: row.count, since: row.since, limit })
}

/// Where `subject` stands in its current window, without counting a try
/// (`None` if it has none, or its window has ended).
async fn current<C: ConnectionTrait>(db: &C, subject: &str, limit: Limit, now: DateTime<Utc>) -> Result<Option<Taken>, DbErr> {
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        "SELECT count, since FROM attempt_counters WHERE subject = $1 AND since > $2",
        [subject.into(), (now - limit.window).timestamp().into()],
    );
    Ok(Row::find_by_statement(statement).one(db).await?.map(|row| Taken { place: row.count, since: row.since, limit }))
}

/// How many attempts `subject` has in its current window.
pub async fn count<C: ConnectionTrait>(db: &C, subject: &str, limit: Limit, now: DateTime<Utc>) -> Result<i32, DbErr> {
    Ok(current(db, subject, limit, now).await?.map_or(0, |taken| taken.place))
}

/// Forgets `subject`'s attempts (the right password, or a new one from a reset link).
pub async fn forget<C: ConnectionTrait>(db: &C, subject: &str) -> Result<(), DbErr> {
    let statement =
        Statement::from_sql_and_values(db.get_database_backend(), "DELETE FROM attempt_counters WHERE subject = $1", [subject.into()]);
    db.execute_raw(statement).await.map(|_| ())
}

/// Un-counts one attempt that turned out right (a shared address is not held
/// to the attempts of the people behind it who typed their password well).
pub async fn give_back<C: ConnectionTrait>(db: &C, subject: &str) -> Result<(), DbErr> {
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        "UPDATE attempt_counters SET count = count - 1 WHERE subject = $1 AND count > 0",
        [subject.into()],
    );
    db.execute_raw(statement).await.map(|_| ())
}

/// Uses up `subject`'s tries now: it is locked for a whole window.
pub async fn exhaust<C: ConnectionTrait>(db: &C, subject: &str, limit: Limit, now: DateTime<Utc>) -> Result<(), DbErr> {
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO attempt_counters (subject, count, since) VALUES ($1, $2, $3) \
         ON CONFLICT (subject) DO UPDATE SET count = $2, since = $3",
        [subject.into(), limit.tries.into(), now.timestamp().into()],
    );
    db.execute_raw(statement).await.map(|_| ())
}

/// Deletes the counters whose window ended before `ended_before`: each
/// username ever tried has one, and an ended window counts as none.
pub async fn purge<C: ConnectionTrait>(db: &C, ended_before: DateTime<Utc>) -> Result<u64, DbErr> {
    let statement = Statement::from_sql_and_values(
        db.get_database_backend(),
        "DELETE FROM attempt_counters WHERE since < $1",
        [ended_before.timestamp().into()],
    );
    Ok(db.execute_raw(statement).await?.rows_affected())
}

/// Purges ended counters every few minutes, until the process stops.
pub fn spawn_purge(db: sea_orm::DatabaseConnection, longest: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let period = std::time::Duration::from_secs(300);
        let mut every = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
        loop {
            every.tick().await;
            if let Err(err) = purge(&db, Utc::now() - longest).await {
                tracing::warn!(%err, "could not purge ended attempt counters");
            }
        }
    })
}
