use sea_orm::entity::prelude::*;

/// An officer's decision on a photo: one a photo, whoever decided first.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "photo_reviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub photo_id: i32,
    pub officer_id: i32,
    pub accepted: bool,
    /// A `ReturnReason` code, for a returned photo.
    pub reason: Option<String>,
    /// The officer's words to the person, with "other".
    pub note: Option<String>,
    pub decided_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
