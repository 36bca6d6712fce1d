use sea_orm::entity::prelude::*;

/// A person on an approved application.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    /// Order on the application; the principal is not always first.
    pub position: i32,
    pub family_name: String,
    pub given_names: Option<String>,
    /// The names folded for officers' search (`casework::search::search_name`).
    pub search_name: String,
    pub date_of_birth: ChronoDate,
    pub sex: String,
    pub country_of_birth: String,
    pub citizenship: String,
    pub uci: String,
    pub email: Option<String>,
    pub relationship: app::domain::Relationship,
    pub in_canada: Option<bool>,
    pub return_date: Option<ChronoDate>,
    pub user_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::case::Entity", from = "Column::CaseId", to = "super::case::Column::Id")]
    Case,
    #[sea_orm(has_one = "super::address::Entity")]
    Address,
}

impl Related<super::address::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Address.def()
    }
}

impl Related<super::case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn full_name(&self) -> String {
        app::domain::full_name(self.given_names.as_deref(), &self.family_name)
    }
}
