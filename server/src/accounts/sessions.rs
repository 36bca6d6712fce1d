//! Sessions: kept in the database so that any instance can serve any request,
//! ended when idle too long or too old, or when the person signs out.
use super::{role, stage, AccountDesk};
use crate::entities::{session, user};
use crate::error::DeskError;
use crate::secrets::tokens;
use app::domain::{Token, Viewer};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set};

/// However active, a session ends after this long.
const SESSION_MAX_HOURS: i64 = 12;

impl AccountDesk {
    pub(crate) async fn viewer(&self, token: &str) -> Result<Option<Viewer>, DeskError> {
        let Some((session, account)) = self.session(token).await? else {
            return Ok(None);
        };
        Ok(Some(Viewer {
            user_id: account.id,
            name: account.name,
            email: account.email,
            role: role(account.role),
            stage: stage(session.stage),
            idle_timeout_minutes: self.settings.sessions.idle_timeout_minutes,
            idle_warning_minutes: self.settings.sessions.idle_warning_minutes,
            uses_authenticator: account.totp_secret.is_some(),
        }))
    }

    pub(crate) async fn sign_out(&self, token: &str, everywhere: bool) -> Result<(), DeskError> {
        let Some((session, account)) = self.session(token).await? else {
            return Ok(());
        };
        let doomed = session::Entity::delete_many();
        let doomed = if everywhere {
            doomed.filter(session::Column::UserId.eq(account.id))
        } else {
            doomed.filter(session::Column::Id.eq(session.id))
        };
        doomed.exec(&self.db).await?;
        Ok(())
    }

    /// The live session with this secret, and its account; a session idle too long,
    /// or too old, is ended here. Seeing it counts as activity.
    pub(crate) async fn session(&self, token: &str) -> Result<Option<(session::Model, user::Model)>, DbErr> {
        let Some(token) = Token::parse(token) else { return Ok(None) };
        let found = session::Entity::find()
            .filter(session::Column::TokenHash.eq(tokens::token_hash(token.as_str())))
            .find_also_related(user::Entity)
            .one(&self.db)
            .await?;
        let Some((session, Some(account))) = found else { return Ok(None) };
        let now = Utc::now();
        let idle = Duration::minutes(i64::from(self.settings.sessions.idle_timeout_minutes));
        if session.last_seen_at + idle <= now || session.created_at + Duration::hours(SESSION_MAX_HOURS) <= now {
            session::Entity::delete_by_id(session.id).exec(&self.db).await?;
            return Ok(None);
        }
        // One write a minute at most, not one a request.
        if now - session.last_seen_at > Duration::seconds(60) {
            let mut seen = session.clone().into_active_model();
            seen.last_seen_at = Set(now);
            seen.update(&self.db).await?;
        }
        Ok(Some((session, account)))
    }
}
