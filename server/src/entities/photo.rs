use sea_orm::entity::prelude::*;

/// A PR card photo as received, re-encoded from its pixels (no metadata).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "photos")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: i32,
    /// The account that sent it: the person, or the principal for a child.
    pub sent_by: i32,
    pub jpeg: Vec<u8>,
    pub width: i32,
    pub height: i32,
    /// The server's check of the file as sent (JSON, as `portal photo-check --json`).
    pub report: String,
    pub verdict: String,
    /// Sent despite failed checks, for an officer to decide.
    pub sent_anyway: bool,
    pub received_at: ChronoDateTimeUtc,
    /// Its name in addresses (`PhotoKey`): random, never the id.
    pub view_key: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
