//! A forgotten password: a link by email, valid one hour, once; only the
//! newest asked for works, at most 3 are sent an hour per account and 20 asked
//! for an hour per client. The page is answered before the address is looked
//! up, so the time taken says nothing about it.
use crate::error::DeskError;
use crate::accounts::sign_in::new_password_hash;
use crate::accounts::AccountDesk;
use crate::accounts::attempts;
use crate::audit::{self, Action, Actor};
use crate::entities::{password_reset, session, user};
use crate::accounts::lockouts;
use crate::mail;
use crate::secrets::tokens;
use app::domain::{Token, Email, ResetOutcome};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set, TransactionTrait};
use std::net::IpAddr;
use tracing::Instrument;

impl AccountDesk {
    #[tracing::instrument(skip_all)]
    pub(crate) fn ask_for_reset_link(&self, email: &str, from: Option<IpAddr>) {
        let Ok(email) = Email::parse(email) else { return };
        let address = from.map(|a| a.to_string()).unwrap_or_else(|| "unknown".into());
        let desk = self.clone();
        // Answered at once, the same for every address: the lookup, the link and
        // the email happen after, so the time taken says nothing.
        tokio::spawn(
            async move {
                if let Err(err) = desk.send_reset_link(email, &address).await {
                    tracing::warn!(%err, "a reset link could not be made");
                }
            }
            .in_current_span(),
        );
    }

    #[tracing::instrument(skip_all)]
    pub(crate) async fn reset_with_link(&self, token: &str, new: &str, again: &str) -> Result<ResetOutcome, DeskError> {
        let now = Utc::now();
        let found = if Token::parse(token).is_some() {
            password_reset::Entity::find()
                .filter(password_reset::Column::TokenHash.eq(tokens::token_hash(token)))
                .find_also_related(user::Entity)
                .one(&self.db)
                .await?
        } else {
            None
        };
        let Some((reset, Some(account))) = found.filter(|(r, _)| r.used_at.is_none() && r.expires_at > now) else {
            return Ok(ResetOutcome::LinkDead);
        };
        let hash = match new_password_hash(&account, new, again, &self.hasher).await? {
            Ok(hash) => hash,
            Err(errors) => return Ok(ResetOutcome::Invalid(errors)),
        };
        let txn = self.db.begin().await?;
        // One use: of two answers at once, one wins.
        let claimed = password_reset::Entity::update_many()
            .col_expr(password_reset::Column::UsedAt, sea_orm::sea_query::Expr::value(now))
            .filter(password_reset::Column::Id.eq(reset.id))
            .filter(password_reset::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected != 1 {
            return Ok(ResetOutcome::LinkDead);
        }
        let mut changed = account.clone().into_active_model();
        changed.password_hash = Set(hash);
        changed.must_change_password = Set(false);
        changed.temporary_password_expires_at = Set(None);
        changed.update(&txn).await?;
        // Whoever had the old password is signed out, and the lock is lifted.
        session::Entity::delete_many().filter(session::Column::UserId.eq(account.id)).exec(&txn).await?;
        attempts::forget(&txn, &lockouts::password_subject(&account.email)).await?;
        attempts::forget(&txn, &lockouts::code_subject(account.id)).await?;
        audit::record(&txn, &Actor::User(account.id), Action::PasswordChanged, &format!("user:{}", account.id), serde_json::json!({ "by": "reset link" }))
            .await?;
        txn.commit().await?;
        Ok(ResetOutcome::Changed)
    }

    /// A new reset link by email, if an account uses the address and neither it
    /// nor the client asking has had too many; older links stop working.
    async fn send_reset_link(&self, email: Email, address: &str) -> Result<(), DbErr> {
        let now = Utc::now();
        let from_client = attempts::take(&self.db, &lockouts::reset_client_subject(address), lockouts::RESETS_PER_CLIENT, now).await?;
        if from_client.refused() {
            tracing::warn!(address, "reset links: too many asked from one address");
            return Ok(());
        }
        let Some(account) = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&self.db).await? else {
            return Ok(());
        };
        let to_mailbox = attempts::take(&self.db, &lockouts::reset_account_subject(account.id), lockouts::RESETS_PER_MAILBOX, now).await?;
        if to_mailbox.refused() {
            tracing::warn!(user = account.id, "reset links: too many asked for one account");
            return Ok(());
        }
        let token = tokens::random_token();
        let txn = self.db.begin().await?;
        password_reset::Entity::delete_many()
            .filter(password_reset::Column::UserId.eq(account.id))
            .filter(password_reset::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        password_reset::ActiveModel {
            user_id: Set(account.id),
            token_hash: Set(tokens::token_hash(&token)),
            created_at: Set(now),
            expires_at: Set(now + Duration::minutes(RESET_MINUTES)),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        mail::enqueue(&txn, &mail::templates::password_reset(email, &account.name, &self.settings.site.public_url, &token)).await?;
        audit::record(&txn, &Actor::User(account.id), Action::PasswordResetRequested, &format!("user:{}", account.id), serde_json::json!({}))
            .await?;
        txn.commit().await
    }
}

const RESET_MINUTES: i64 = 60;
