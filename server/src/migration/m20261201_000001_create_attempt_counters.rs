//! Counted attempts (see `attempts.rs`), which replace the list of failed
//! sign-ins: a counter can be taken atomically before the check, a list cannot.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("attempt_counters")
                    .if_not_exists()
                    .col(string_len("subject", 300).primary_key())
                    .col(integer("count"))
                    .col(big_integer("since"))
                    .to_owned(),
            )
            .await?;
        manager.drop_table(Table::drop().table("sign_in_failures").if_exists().to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("attempt_counters").to_owned()).await
    }
}
