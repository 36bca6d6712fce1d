//! What an applicant gives through the portal, one of each per person (the
//! newest; the audit log keeps the history): the declaration of presence in
//! Canada, and the mailing address the PR card goes to.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("declarations")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer_uniq("person_id"))
                    .col(boolean("in_canada"))
                    .col(date_null("expected_return"))
                    .col(timestamp_with_time_zone("declared_at"))
                    .col(integer("declared_by"))
                    .foreign_key(ForeignKey::create().from("declarations", "person_id").to("people", "id").on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from("declarations", "declared_by").to("users", "id").on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("addresses")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer_uniq("person_id"))
                    .col(string_len("street", 100))
                    .col(string_len_null("unit", 100))
                    .col(string_len("city", 100))
                    .col(string_len("province", 2))
                    .col(string_len("postal_code", 7))
                    .col(string_len_null("care_of", 100))
                    .col(timestamp_with_time_zone("given_at"))
                    .col(integer("given_by"))
                    .foreign_key(ForeignKey::create().from("addresses", "person_id").to("people", "id").on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from("addresses", "given_by").to("users", "id").on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("addresses").to_owned()).await?;
        manager.drop_table(Table::drop().table("declarations").to_owned()).await
    }
}
