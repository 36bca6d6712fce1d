use sea_orm::entity::prelude::*;

/// A person's declaration of presence: in Canada, or not (with the return
/// expected); the newest only, the audit log keeps the others.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "declarations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub person_id: i32,
    pub in_canada: bool,
    pub expected_return: Option<ChronoDate>,
    pub declared_at: ChronoDateTimeUtc,
    /// The account that declared it: the person, or the principal for a child.
    pub declared_by: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::user::Entity", from = "Column::DeclaredBy", to = "super::user::Column::Id")]
    DeclaredBy,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::DeclaredBy.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
