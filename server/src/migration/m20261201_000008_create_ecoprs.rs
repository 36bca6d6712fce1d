//! The confirmation of permanent residence and the eCOPR issued with it: one a
//! person, with what was printed on it, kept as issued, and the code that
//! verifies it.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("ecoprs")
                    .if_not_exists()
                    // One confirmation a person: a second officer's insert finds it taken.
                    .col(integer("person_id").primary_key())
                    .col(string_len("code", 16).unique_key())
                    .col(string_len("document_number", 20).unique_key())
                    .col(date("became_on"))
                    .col(string_len("city", 100))
                    .col(string_len("province", 2))
                    .col(timestamp_with_time_zone("issued_at"))
                    .col(integer("issued_by"))
                    // The document's fields as issued (JSON), so that it is printed the same every time.
                    .col(text("record"))
                    .foreign_key(ForeignKey::create().from("ecoprs", "person_id").to("people", "id").on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from("ecoprs", "issued_by").to("users", "id"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("ecoprs").to_owned()).await
    }
}
