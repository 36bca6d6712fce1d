//! Officers' review of photos: each photo's decision (one, whoever is first),
//! the claims that keep two officers off the same photo, and a random key per
//! photo for its address, so that no one reaches photos by counting.
use crate::secrets::random_photo_key;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("photos").add_column(string_len("view_key", 32).default("")).to_owned())
            .await?;
        super::backfill(manager, "SELECT id FROM photos", "UPDATE photos SET view_key = $1 WHERE id = $2", |_| Ok(random_photo_key().into()))
            .await?;
        manager
            .create_index(Index::create().name("photos_view_key").table("photos").col("view_key").unique().to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("photo_reviews")
                    .if_not_exists()
                    // One decision a photo: a second officer's insert finds it taken.
                    .col(integer("photo_id").primary_key())
                    .col(integer("officer_id"))
                    .col(boolean("accepted"))
                    .col(string_len_null("reason", 40))
                    .col(text_null("note"))
                    .col(timestamp_with_time_zone("decided_at"))
                    .foreign_key(ForeignKey::create().from("photo_reviews", "photo_id").to("photos", "id").on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from("photo_reviews", "officer_id").to("users", "id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("photo_claims")
                    .if_not_exists()
                    .col(integer("photo_id").primary_key())
                    .col(integer("officer_id"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(ForeignKey::create().from("photo_claims", "photo_id").to("photos", "id").on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().from("photo_claims", "officer_id").to("users", "id").on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("photo_claims").to_owned()).await?;
        manager.drop_table(Table::drop().table("photo_reviews").to_owned()).await?;
        manager.drop_index(Index::drop().name("photos_view_key").table("photos").to_owned()).await?;
        manager.alter_table(Table::alter().table("photos").drop_column("view_key").to_owned()).await
    }
}
