//! Approved cases, the people on them, their invitations, and the tokens of the
//! upstream systems that send cases in.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("api_tokens")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_len_uniq("name", 100))
                    .col(string_len_uniq("token_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("cases")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_len_uniq("application_number", 10))
                    .col(date("approved_on"))
                    .col(string_len("source", 10))
                    .col(string_len("status", 20))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("answered_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("people")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("case_id"))
                    .col(integer("position"))
                    .col(string_len("family_name", 200))
                    .col(string_len_null("given_names", 200))
                    .col(date("date_of_birth"))
                    .col(string_len("sex", 1))
                    .col(string_len("country_of_birth", 3))
                    .col(string_len("citizenship", 3))
                    .col(string_len("uci", 10))
                    .col(string_len_null("email", 254))
                    .col(string_len("relationship", 20))
                    .col(boolean_null("in_canada"))
                    .col(date_null("return_date"))
                    .col(integer_null("user_id"))
                    .foreign_key(ForeignKey::create().from("people", "case_id").to("cases", "id").on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from("people", "user_id").to("users", "id").on_delete(ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("people_case").table("people").col("case_id").col("position").unique().to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("invitations")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("case_id"))
                    .col(string_len_uniq("token_hash", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .foreign_key(ForeignKey::create().from("invitations", "case_id").to("cases", "id").on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("invitations_case").table("invitations").col("case_id").to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["invitations", "people", "cases", "api_tokens"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
