//! Bearer tokens for upstream systems: created by an administrator at the
//! command line, shown once, kept as a hash.
use crate::audit::{self, Action, Actor};
use crate::entities::api_token;
use crate::secrets::tokens;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, Set, SqlErr, TransactionTrait};
use secrecy::SecretString;

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("a token named {0} already exists")]
    NameTaken(String),
    #[error("a token's name has 1 to 100 letters, digits, dots, dashes or underscores")]
    BadName,
    #[error("no live token is named {0}")]
    NotFound(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// The token's text starts with this, so that a leaked one is recognisable.
const PREFIX: &str = "prcp_";

#[tracing::instrument(skip(db))]
pub async fn create(db: &DatabaseConnection, name: &str) -> Result<SecretString, TokenError> {
    let name_ok = (1..=100).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if !name_ok {
        return Err(TokenError::BadName);
    }
    let token = format!("{PREFIX}{}", tokens::random_token());
    let txn = db.begin().await?;
    let inserted = api_token::ActiveModel {
        name: Set(name.to_owned()),
        token_hash: Set(tokens::token_hash(&token)),
        created_at: Set(Utc::now()),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(TokenError::NameTaken(name.to_owned()))
        }
        other => other?,
    };
    audit::record(&txn, &Actor::command_line(), Action::ApiTokenCreated, &format!("api_token:{}", row.id), serde_json::json!({ "name": name }))
        .await?;
    txn.commit().await?;
    tracing::info!("API token created");
    Ok(SecretString::from(token))
}

/// Ends the live token of this name: from the next request on, on every
/// instance, it gets 401 (each request looks the token up).
#[tracing::instrument(skip(db))]
pub async fn revoke(db: &DatabaseConnection, name: &str) -> Result<(), TokenError> {
    let txn = db.begin().await?;
    let Some(token) = api_token::Entity::find()
        .filter(api_token::Column::Name.eq(name))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(&txn)
        .await?
    else {
        return Err(TokenError::NotFound(name.to_owned()));
    };
    let mut revoked: api_token::ActiveModel = token.clone().into();
    revoked.revoked_at = Set(Some(Utc::now()));
    revoked.update(&txn).await?;
    audit::record(&txn, &Actor::command_line(), Action::ApiTokenRevoked, &format!("api_token:{}", token.id), serde_json::json!({ "name": name }))
        .await?;
    txn.commit().await?;
    tracing::info!("API token revoked");
    Ok(())
}

/// Every token, oldest first, revoked or not (never their text, which is not kept).
pub async fn list(db: &DatabaseConnection) -> Result<Vec<api_token::Model>, DbErr> {
    api_token::Entity::find().order_by_asc(api_token::Column::Id).all(db).await
}

/// The live token with this text, if any.
pub async fn authenticate(db: &DatabaseConnection, presented: &str) -> Result<Option<api_token::Model>, DbErr> {
    if !presented.starts_with(PREFIX) {
        return Ok(None);
    }
    api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(tokens::token_hash(presented)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await
}
