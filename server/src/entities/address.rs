use sea_orm::entity::prelude::*;

/// The mailing address in Canada a person's PR card goes to; the newest only.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "addresses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub person_id: i32,
    pub street: String,
    pub unit: Option<String>,
    pub city: String,
    /// Canada Post's two-letter code.
    pub province: String,
    /// As `A1A 1A1`.
    pub postal_code: String,
    pub care_of: Option<String>,
    pub given_at: ChronoDateTimeUtc,
    /// The account that gave it: the person, or the principal for a child.
    pub given_by: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::person::Entity", from = "Column::PersonId", to = "super::person::Column::Id")]
    Person,
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
