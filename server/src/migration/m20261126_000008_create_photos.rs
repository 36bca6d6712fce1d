//! PR card photos sent from the signed-in photo step, with the engine's report
//! and whether the person chose to send it despite failed checks.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("photos")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("person_id"))
                    .col(integer("sent_by"))
                    .col(blob("jpeg"))
                    .col(integer("width"))
                    .col(integer("height"))
                    .col(text("report"))
                    .col(string_len("verdict", 8))
                    .col(boolean("sent_anyway"))
                    .col(timestamp_with_time_zone("received_at"))
                    .foreign_key(ForeignKey::create().from("photos", "person_id").to("people", "id").on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from("photos", "sent_by").to("users", "id").on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("photos_person").table("photos").col("person_id").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("photos").to_owned()).await
    }
}
