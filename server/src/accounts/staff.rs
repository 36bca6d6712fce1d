//! Officer and administrator accounts, created from the command line; each
//! change is audited under the operating-system user who ran the command.
use crate::entities::session;
use crate::entities::user::{self, Role};
use crate::accounts::passwords::{self, TemporaryPassword};
use crate::error::DeskError;
use app::domain::{Email, PersonName, Viewer};
use app::error::AppError;
use chrono::Utc;
use crate::audit::{self, Action, Actor};
use sea_orm::{ActiveEnum, ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set, SqlErr, TransactionTrait};

#[derive(Debug, thiserror::Error)]
pub enum OfficerError {
    #[error("an account with the email {0} already exists")]
    AlreadyExists(Email),
    #[error("no account has the email {0}")]
    NotFound(Email),
    #[error("the account with the email {0} is not an officer's or an administrator's")]
    NotStaff(Email),
    #[error("could not hash the password")]
    Hash,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// The officer or administrator behind a request, as the audit log names them;
/// anyone else is refused.
pub fn actor(viewer: &Viewer) -> Result<Actor, DeskError> {
    if viewer.role.is_staff() {
        Ok(Actor::User(viewer.user_id.0))
    } else {
        Err(AppError::Forbidden.into())
    }
}

pub async fn find(db: &DatabaseConnection, email: &Email) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(db).await
}

#[tracing::instrument(skip(db), fields(email = %email))]
pub async fn create(
    db: &DatabaseConnection,
    email: &Email,
    name: &PersonName,
    role: Role,
    valid_days: u32,
) -> Result<TemporaryPassword, OfficerError> {
    let (temporary, hash) = passwords::issue_temporary(valid_days).map_err(|_| OfficerError::Hash)?;
    let txn = db.begin().await?;
    let account = user::ActiveModel {
        email: Set(email.as_str().to_owned()),
        name: Set(name.as_str().to_owned()),
        role: Set(role),
        password_hash: Set(hash),
        must_change_password: Set(true),
        temporary_password_expires_at: Set(Some(temporary.expires_at)),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    let created = match account.insert(&txn).await {
        Ok(created) => created,
        Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(OfficerError::AlreadyExists(email.clone()))
        }
        Err(err) => return Err(err.into()),
    };
    audit::record(&txn, &Actor::command_line(), Action::AccountCreated, &format!("user:{}", created.id), serde_json::json!({
        "role": role.to_value(),
    }))
    .await?;
    txn.commit().await?;
    tracing::info!(?role, "account created");
    Ok(temporary)
}

/// Replaces a staff member's password with a new temporary one.
#[tracing::instrument(skip(db), fields(email = %email))]
pub async fn reset_password(
    db: &DatabaseConnection,
    email: &Email,
    valid_days: u32,
) -> Result<TemporaryPassword, OfficerError> {
    let account = find(db, email).await?.ok_or_else(|| OfficerError::NotFound(email.clone()))?;
    if account.role == Role::Applicant {
        return Err(OfficerError::NotStaff(email.clone()));
    }
    let (temporary, hash) = passwords::issue_temporary(valid_days).map_err(|_| OfficerError::Hash)?;
    let id = account.id;
    let txn = db.begin().await?;
    let mut account: user::ActiveModel = account.into();
    account.password_hash = Set(hash);
    account.must_change_password = Set(true);
    account.temporary_password_expires_at = Set(Some(temporary.expires_at));
    account.update(&txn).await?;
    // Whoever held the old password is signed out everywhere.
    session::Entity::delete_many().filter(session::Column::UserId.eq(id)).exec(&txn).await?;
    audit::record(&txn, &Actor::command_line(), Action::PasswordReset, &format!("user:{id}"), serde_json::json!({})).await?;
    txn.commit().await?;
    tracing::info!("temporary password issued");
    Ok(temporary)
}

/// Makes an officer an administrator, or an administrator an officer.
#[tracing::instrument(skip(db), fields(email = %email))]
pub async fn set_role(db: &DatabaseConnection, email: &Email, role: Role) -> Result<(), OfficerError> {
    let account = find(db, email).await?.ok_or_else(|| OfficerError::NotFound(email.clone()))?;
    if account.role == Role::Applicant || role == Role::Applicant {
        return Err(OfficerError::NotStaff(email.clone()));
    }
    if account.role == role {
        return Ok(());
    }
    let txn = db.begin().await?;
    let from = account.role;
    let mut changed: user::ActiveModel = account.clone().into();
    changed.role = Set(role);
    changed.update(&txn).await?;
    audit::record(&txn, &Actor::command_line(), Action::RoleChanged, &format!("user:{}", account.id), serde_json::json!({
        "from": from.to_value(),
        "to": role.to_value(),
    }))
    .await?;
    txn.commit().await?;
    tracing::info!(?from, to = ?role, "role changed");
    Ok(())
}
