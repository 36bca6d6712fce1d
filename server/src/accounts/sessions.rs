//! Sessions: kept in the database so that any instance can serve any request,
//! ended when idle too long or too old, or when the person signs out.
use super::{attempts, role, stage, AccountDesk};
use crate::audit::{self, Action, Actor};
use crate::entities::session::{self, Stage as StoredStage};
use crate::entities::user;
use crate::error::DeskError;
use crate::secrets::tokens;
use app::api::ports::SignedIn;
use app::domain::{StepOutcome, Token, UserId, Viewer};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set, TransactionTrait};

/// However active, a session ends after this long.
const SESSION_MAX_HOURS: i64 = 12;

impl AccountDesk {
    pub(crate) async fn viewer(&self, token: &str) -> Result<Option<Viewer>, DeskError> {
        let Some((session, account)) = self.session(token).await? else {
            return Ok(None);
        };
        Ok(Some(Viewer {
            user_id: UserId(account.id),
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

    /// A new session once the password is right: the next step is a new password
    /// (for a temporary one) or the second factor, whose code goes out now.
    pub(crate) async fn open_session(&self, account: &user::Model, address: String, address_subject: &str) -> Result<SignedIn, DeskError> {
        let token = tokens::random_token();
        let next = if account.must_change_password { StoredStage::ChangePassword } else { StoredStage::SecondFactor };
        let now = Utc::now();
        let txn = self.db.begin().await?;
        attempts::give_back(&txn, address_subject).await?;
        let created = session::ActiveModel {
            token_hash: Set(tokens::token_hash(&token)),
            user_id: Set(account.id),
            stage: Set(next),
            created_at: Set(now),
            last_seen_at: Set(now),
            code_hash: Set(None),
            code_expires_at: Set(None),
            code_attempts: Set(0),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if next == StoredStage::SecondFactor {
            self.second_factor(&txn, created, account).await?;
        }
        audit::record(&txn, &Actor::Address(address), Action::PasswordAccepted, &format!("user:{}", account.id), serde_json::json!({}))
            .await?;
        txn.commit().await?;
        Ok(SignedIn { session: Some(token), outcome: StepOutcome::Next(stage(next)) })
    }
}
