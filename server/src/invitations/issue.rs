//! Invitations: a single-use link to the case's principal applicant, by a
//! bilingual email (English, then French, in one message).
use crate::audit::{self, Action, Actor};
use crate::entities::{case, invitation};
use crate::mail;
use crate::secrets::tokens;
use app::domain::Email;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// Where the invitation is sent, and to whom it is addressed.
pub struct Invitee<'a> {
    pub email: &'a Email,
    pub name: String,
}

/// Creates a new invitation for the case and queues its email, in the caller's transaction.
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    case: &case::Model,
    invitee: &Invitee<'_>,
    actor: &Actor,
    public_url: &str,
    valid_days: u32,
) -> Result<(), DbErr> {
    let token = tokens::random_token();
    let now = Utc::now();
    let expires_at = now + Duration::days(i64::from(valid_days));
    let row = invitation::ActiveModel {
        case_id: Set(case.id),
        token_hash: Set(tokens::token_hash(&token)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let email = mail::templates::invitation(invitee.email.clone(), &invitee.name, &case.application_number, public_url, &token, expires_at);
    mail::enqueue(db, &email).await?;
    audit::record(
        db,
        actor,
        Action::InvitationSent,
        &format!("case:{}", case.id),
        serde_json::json!({ "invitation": row.id, "expires_at": expires_at }),
    )
    .await
}
