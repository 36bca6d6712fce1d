//! Sends what is in the outbox. Every instance runs one; each message is taken
//! by one worker at a time (a lease in `locked_until`, claimed with
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL, by SQLite's single writer otherwise),
//! retried with back-off while the mail server is down, and never given up on.
use super::transport::Transport;
use crate::config::MailSettings;
use chrono::{DateTime, Duration, Utc};
use lettre::message::{header::ContentType, Mailbox};
use lettre::Message;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement};
use std::sync::Arc;

/// Messages taken at once by one worker.
const BATCH: i64 = 20;
/// How often old email files are looked for.
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

#[derive(Clone)]
pub struct Worker {
    db: DatabaseConnection,
    transport: Arc<Transport>,
    from: Mailbox,
    settings: MailSettings,
}

#[derive(Debug, FromQueryResult)]
struct Claimed {
    id: i32,
    recipient: String,
    subject: String,
    body: String,
    attempts: i32,
}

impl Worker {
    pub fn new(db: DatabaseConnection, transport: Arc<Transport>, from: Mailbox, settings: MailSettings) -> Self {
        Self { db, transport, from, settings }
    }

    /// Runs until the process stops.
    pub fn spawn(self) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let pause = std::time::Duration::from_millis(self.settings.poll_interval_ms);
            let mut swept: Option<std::time::Instant> = None;
            loop {
                if let Err(err) = self.run_once().await {
                    tracing::warn!(%err, "outbox: could not read the outbox");
                }
                if swept.is_none_or(|at| at.elapsed() > SWEEP_EVERY) {
                    self.sweep_files().await;
                    swept = Some(std::time::Instant::now());
                }
                tokio::time::sleep(pause).await;
            }
        })
    }

    /// Deletes written email files past their time (`mail.outbox_keep_hours`).
    pub async fn sweep_files(&self) {
        let transport = self.transport.clone();
        let age = std::time::Duration::from_secs(self.settings.outbox_keep_hours.saturating_mul(3600));
        if let Ok(gone @ 1..) = tokio::task::spawn_blocking(move || transport.forget_older_than(age)).await {
            tracing::info!(gone, "outbox: deleted old email files");
        }
    }

    /// Sends every message that is due; returns how many were sent.
    #[tracing::instrument(skip(self))]
    pub async fn run_once(&self) -> Result<usize, DbErr> {
        let mut sent = 0;
        loop {
            let claimed = self.claim(Utc::now()).await?;
            if claimed.is_empty() {
                return Ok(sent);
            }
            for message in claimed {
                if self.deliver(message).await? {
                    sent += 1;
                }
            }
        }
    }

    async fn claim(&self, now: DateTime<Utc>) -> Result<Vec<Claimed>, DbErr> {
        let backend = self.db.get_database_backend();
        let lease = now + Duration::seconds(self.settings.lock_seconds as i64);
        // SQLite has a single writer, so its UPDATE is atomic without row locks.
        let skip_locked = if backend == DbBackend::Postgres { "FOR UPDATE SKIP LOCKED" } else { "" };
        let sql = format!(
            "UPDATE outbox SET locked_until = $1, attempts = attempts + 1 WHERE id IN ( \
               SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $2 \
               AND (locked_until IS NULL OR locked_until < $2) ORDER BY id LIMIT $3 {skip_locked}) \
             RETURNING id, recipient, subject, body, attempts"
        );
        let statement = Statement::from_sql_and_values(backend, sql, [lease.into(), now.into(), BATCH.into()]);
        let mut claimed = Claimed::find_by_statement(statement).all(&self.db).await?;
        claimed.sort_by_key(|c| c.id);
        Ok(claimed)
    }

    /// Sends one claimed message and records the outcome; true if it left.
    async fn deliver(&self, message: Claimed) -> Result<bool, DbErr> {
        let outcome = match self.build(&message) {
            Ok(email) => self.transport.send(email).await,
            Err(err) => Err(err),
        };
        let backend = self.db.get_database_backend();
        match outcome {
            Ok(()) => {
                // A sent body is not kept: it may hold a link or a temporary password.
                self.db
                    .execute_raw(Statement::from_sql_and_values(
                        backend,
                        "UPDATE outbox SET sent_at = $1, body = '', locked_until = NULL, last_error = NULL WHERE id = $2",
                        [Utc::now().into(), message.id.into()],
                    ))
                    .await?;
                tracing::info!(id = message.id, "outbox: sent");
                Ok(true)
            }
            Err(err) => {
                let wait = self.backoff(message.attempts);
                tracing::warn!(id = message.id, attempts = message.attempts, %err, retry_in_s = wait.num_seconds(), "outbox: not sent");
                self.db
                    .execute_raw(Statement::from_sql_and_values(
                        backend,
                        "UPDATE outbox SET next_attempt_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3",
                        [(Utc::now() + wait).into(), err.into(), message.id.into()],
                    ))
                    .await?;
                Ok(false)
            }
        }
    }

    fn build(&self, message: &Claimed) -> Result<Message, String> {
        let to: Mailbox = message.recipient.parse().map_err(|e: lettre::address::AddressError| e.to_string())?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| e.to_string())
    }

    /// The wait after the n-th failed attempt: base, 2 × base, 4 × base, … up to the maximum.
    fn backoff(&self, attempts: i32) -> Duration {
        let doublings = attempts.saturating_sub(1).clamp(0, 30) as u32;
        let seconds = self.settings.retry_base_seconds.saturating_mul(1u64 << doublings).min(self.settings.retry_max_seconds);
        Duration::seconds(seconds as i64)
    }
}
