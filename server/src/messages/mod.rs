//! Messages from IRCC to an account: kept in its inbox and emailed (both in
//! the same transaction as what caused them); read or not.
use crate::entities::{message, user};
use crate::error::DeskError;
use crate::mail::{self, templates};
use app::api::ports::Messages;
use app::domain::{Email, Message, Notice, Viewer};
use app::error::AppError;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

/// Messages shown: the newest, which is all an account gets in its few months.
const SHOWN: u64 = 100;

/// Tells the account, in its inbox and by email, in the caller's transaction.
pub async fn notify<C: ConnectionTrait>(db: &C, account: &user::Model, notice: &Notice, public_url: &str) -> Result<(), DeskError> {
    message::Entity::insert(message::ActiveModel {
        user_id: Set(account.id),
        notice: Set(serde_json::to_string(notice)?),
        created_at: Set(Utc::now()),
        read_at: Set(None),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    let to = Email::parse(&account.email).map_err(|_| DeskError::Invariant("an account's email does not parse"))?;
    mail::enqueue(db, &templates::notice(to, &account.name, notice, public_url)).await?;
    Ok(())
}

pub struct MessageDesk {
    pub db: DatabaseConnection,
}

impl MessageDesk {
    async fn inbox(&self, viewer: &Viewer) -> Result<Vec<Message>, DeskError> {
        let rows = message::Entity::find()
            .filter(message::Column::UserId.eq(viewer.user_id))
            .order_by_desc(message::Column::Id)
            .limit(SHOWN)
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|row| {
                Ok(Message {
                    id: row.id,
                    notice: serde_json::from_str(&row.notice)?,
                    received_on: row.created_at.date_naive(),
                    read: row.read_at.is_some(),
                })
            })
            .collect()
    }

    async fn unread_count(&self, viewer: &Viewer) -> Result<u64, DeskError> {
        Ok(message::Entity::find()
            .filter(message::Column::UserId.eq(viewer.user_id))
            .filter(message::Column::ReadAt.is_null())
            .count(&self.db)
            .await?)
    }

    /// Another account's message is "not found", whether or not it exists.
    async fn mark_read(&self, viewer: &Viewer, id: i32) -> Result<(), DeskError> {
        let updated = message::Entity::update_many()
            .col_expr(message::Column::ReadAt, Expr::value(Utc::now()))
            .filter(message::Column::Id.eq(id))
            .filter(message::Column::UserId.eq(viewer.user_id))
            .filter(message::Column::ReadAt.is_null())
            .exec(&self.db)
            .await?;
        if updated.rows_affected == 0 {
            let own = message::Entity::find_by_id(id).filter(message::Column::UserId.eq(viewer.user_id)).count(&self.db).await?;
            if own == 0 {
                return Err(AppError::NotFound.into());
            }
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl Messages for MessageDesk {
    #[tracing::instrument(skip_all, fields(user = %viewer.user_id))]
    async fn inbox(&self, viewer: &Viewer) -> Result<Vec<Message>, AppError> {
        Ok(MessageDesk::inbox(self, viewer).await?)
    }

    async fn unread(&self, viewer: &Viewer) -> Result<u64, AppError> {
        Ok(self.unread_count(viewer).await?)
    }

    #[tracing::instrument(skip_all, fields(user = %viewer.user_id, message = id))]
    async fn mark_read(&self, viewer: &Viewer, id: i32) -> Result<(), AppError> {
        Ok(MessageDesk::mark_read(self, viewer, id).await?)
    }
}
