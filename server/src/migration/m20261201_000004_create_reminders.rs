//! Deadline reminders: which day's run an instance claimed (so one instance
//! runs it a day), and which reminder each person was sent (so each goes once).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("job_runs")
                    .if_not_exists()
                    .col(string_len("job", 40))
                    .col(date("day"))
                    .col(timestamp_with_time_zone("started_at"))
                    .primary_key(Index::create().col("job").col("day"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("reminders")
                    .if_not_exists()
                    .col(integer("person_id"))
                    .col(integer("days_before"))
                    .col(timestamp_with_time_zone("sent_at"))
                    .primary_key(Index::create().col("person_id").col("days_before"))
                    .foreign_key(ForeignKey::create().from("reminders", "person_id").to("people", "id").on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("reminders").to_owned()).await?;
        manager.drop_table(Table::drop().table("job_runs").to_owned()).await
    }
}
