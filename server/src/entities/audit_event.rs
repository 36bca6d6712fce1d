use sea_orm::entity::prelude::*;

/// One line of the append-only audit log.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub occurred_at: ChronoDateTimeUtc,
    /// `officer:12`, `api:cms`, `person:40`, `system`.
    pub actor: String,
    pub action: String,
    /// What it was done to: `case:7`, `user:3`.
    pub subject: String,
    /// JSON.
    pub details: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
