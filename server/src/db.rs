//! Connecting to the database: a SQLite file by default, PostgreSQL when a URL says so.
use crate::config::{DatabaseTarget, Settings};
use crate::migration::Migrator;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, TransactionTrait};
use sea_orm_migration::MigratorTrait;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("could not create the folder for the SQLite database {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    #[error("could not connect to the database: {0}")]
    Connect(#[source] DbErr),
    #[error("could not apply the migrations: {0}")]
    Migrate(#[source] DbErr),
}

/// Opens a pool on the configured database.
pub async fn connect(settings: &Settings) -> Result<DatabaseConnection, DbSetupError> {
    let url = match settings.database_target() {
        DatabaseTarget::Url(url) => url.to_owned(),
        DatabaseTarget::Sqlite(path) => {
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder).map_err(|source| DbSetupError::Folder {
                    path: folder.display().to_string(),
                    source,
                })?;
            }
            format!("sqlite://{}?mode=rwc", path.display())
        }
    };
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(settings.database.max_connections)
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        // WAL lets readers and the writer work at once; the busy timeout makes
        // concurrent writers wait instead of failing.
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
        });
    Database::connect(options).await.map_err(DbSetupError::Connect)
}

/// Any number that no other user of the database takes as an advisory lock.
const MIGRATION_LOCK: i64 = 0x5052_5f50_4f52_54; // "PR_PORT"

/// Brings the schema up to date. Several instances may start at once on one
/// PostgreSQL: each migrates inside a transaction that first takes an advisory
/// lock, so one applies the migrations and the others then find nothing to do.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbSetupError> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let txn = db.begin().await.map_err(DbSetupError::Migrate)?;
            txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                .await
                .map_err(DbSetupError::Migrate)?;
            Migrator::up(&txn, None).await.map_err(DbSetupError::Migrate)?;
            txn.commit().await.map_err(DbSetupError::Migrate)
        }
        _ => Migrator::up(db, None).await.map_err(DbSetupError::Migrate),
    }
}
