use sea_orm::entity::prelude::*;

/// A person's confirmation of permanent residence and the eCOPR issued with it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ecoprs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: i32,
    /// The verification code, 16 characters without dashes.
    pub code: String,
    pub document_number: String,
    pub became_on: ChronoDate,
    pub city: String,
    /// A `Province` code.
    pub province: String,
    pub issued_at: ChronoDateTimeUtc,
    pub issued_by: i32,
    /// `ecopr::Record` as JSON: the document's fields as issued.
    pub record: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
