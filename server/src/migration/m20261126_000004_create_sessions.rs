//! Sessions in the database (any instance serves any request) and the record of
//! failed sign-ins that locks a username and slows an address.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(integer("user_id"))
                    .col(string_len("stage", 20))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("last_seen_at"))
                    .col(string_len_null("code_hash", 64))
                    .col(timestamp_with_time_zone_null("code_expires_at"))
                    .col(integer("code_attempts"))
                    .foreign_key(ForeignKey::create().from("sessions", "user_id").to("users", "id").on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("sessions_user").table("sessions").col("user_id").to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sign_in_failures")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_len("username", 254))
                    .col(string_len("address", 45))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("sign_in_failures_username").table("sign_in_failures").col("username").col("at").to_owned())
            .await?;
        manager
            .create_index(Index::create().name("sign_in_failures_address").table("sign_in_failures").col("address").col("at").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("sign_in_failures").to_owned()).await?;
        manager.drop_table(Table::drop().table("sessions").to_owned()).await
    }
}
