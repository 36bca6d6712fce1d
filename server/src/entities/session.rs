use sea_orm::entity::prelude::*;

/// A signed-in browser; the cookie holds a secret whose SHA-256 is `token_hash`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub user_id: i32,
    pub stage: Stage,
    pub created_at: ChronoDateTimeUtc,
    pub last_seen_at: ChronoDateTimeUtc,
    /// The one-time code sent by email, hashed.
    pub code_hash: Option<String>,
    pub code_expires_at: Option<ChronoDateTimeUtc>,
    pub code_attempts: i32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum Stage {
    #[sea_orm(string_value = "change_password")]
    ChangePassword,
    #[sea_orm(string_value = "second_factor")]
    SecondFactor,
    #[sea_orm(string_value = "active")]
    Active,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::user::Entity", from = "Column::UserId", to = "super::user::Column::Id")]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
