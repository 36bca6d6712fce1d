use sea_orm::entity::prelude::*;

/// An approved application, as it came in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub application_number: String,
    pub approved_on: ChronoDate,
    pub source: Source,
    pub status: Status,
    pub created_at: ChronoDateTimeUtc,
    pub answered_at: Option<ChronoDateTimeUtc>,
}

/// How the case came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))")]
pub enum Source {
    #[sea_orm(string_value = "api")]
    Api,
    #[sea_orm(string_value = "csv")]
    Csv,
    #[sea_orm(string_value = "form")]
    Form,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum Status {
    /// Waiting for the principal to answer the invitation.
    #[sea_orm(string_value = "invited")]
    Invited,
    /// Answered: the accounts exist.
    #[sea_orm(string_value = "answered")]
    Answered,
    /// The principal chose not to use the portal: paper or in-person route.
    #[sea_orm(string_value = "paper_route")]
    PaperRoute,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::person::Entity")]
    Person,
    #[sea_orm(has_many = "super::invitation::Entity")]
    Invitation,
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl Related<super::invitation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Invitation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
