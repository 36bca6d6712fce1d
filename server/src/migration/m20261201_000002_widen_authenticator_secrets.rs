//! Authenticator secrets are now kept sealed (`keys.rs`), longer than the 64
//! characters a secret took in clear. SQLite does not enforce a text's length.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DbBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE users ALTER COLUMN totp_secret TYPE text, ALTER COLUMN totp_pending_secret TYPE text")
            .await
            .map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DbBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(
                "ALTER TABLE users ALTER COLUMN totp_secret TYPE varchar(64), ALTER COLUMN totp_pending_secret TYPE varchar(64)",
            )
            .await
            .map(|_| ())
    }
}
