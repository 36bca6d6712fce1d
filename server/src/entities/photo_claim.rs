use sea_orm::entity::prelude::*;

/// An officer reviewing a photo until `expires_at`; after that another may take it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "photo_claims")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub photo_id: i32,
    pub officer_id: i32,
    pub expires_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
