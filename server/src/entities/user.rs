use sea_orm::entity::prelude::*;

/// Who may sign in: officers and administrators now, applicants once invitations exist.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub must_change_password: bool,
    pub temporary_password_expires_at: Option<ChronoDateTimeUtc>,
    pub created_at: ChronoDateTimeUtc,
    /// The authenticator app's shared secret (base32), once set up.
    pub totp_secret: Option<String>,
    /// A secret shown for setting up, until a first code confirms it.
    pub totp_pending_secret: Option<String>,
    /// The time step of the newest app code accepted: no code of that step or
    /// before is accepted again.
    pub totp_last_step: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum Role {
    #[sea_orm(string_value = "applicant")]
    Applicant,
    #[sea_orm(string_value = "officer")]
    Officer,
    #[sea_orm(string_value = "administrator")]
    Administrator,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
