//! Each person's names folded for officers' search (lower case, no accents):
//! the same comparison on SQLite and PostgreSQL, without database extensions.
use crate::casework::search::search_name;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("people").add_column(string_len("search_name", 400).default("")).to_owned())
            .await?;
        super::backfill(
            manager,
            "SELECT id, family_name, given_names FROM people",
            "UPDATE people SET search_name = $1 WHERE id = $2",
            |row| {
                let (family, given): (String, Option<String>) = (row.try_get("", "family_name")?, row.try_get("", "given_names")?);
                Ok(search_name(&family, given.as_deref()).into())
            },
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("people").drop_column("search_name").to_owned()).await
    }
}
