//! An officer's decision on a photo, recorded once whoever is first: the
//! person is told (inbox and email) and the audit trail keeps it, in the same
//! transaction. Earlier photos stay for the record.
use crate::audit::{self, Action, Actor};
use crate::entities::{person, photo, photo_claim, user};
use crate::error::DeskError;
use app::domain::{Decision, Notice, PersonId, PhotoKey, ReviewOutcome};
use app::error::AppError;
use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Statement, TransactionTrait};

pub async fn decide(
    db: &DatabaseConnection,
    actor: &Actor,
    officer: i32,
    key: &PhotoKey,
    decision: Decision,
    public_url: &str,
) -> Result<ReviewOutcome, DeskError> {
    let now = Utc::now();
    let (photo_id, person_id, sent_by) = photo::Entity::find()
        .select_only()
        .columns([photo::Column::Id, photo::Column::PersonId, photo::Column::SentBy])
        .filter(photo::Column::ViewKey.eq(&key.0))
        .into_tuple::<(i32, i32, i32)>()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let person = person::Entity::find_by_id(person_id).one(db).await?.ok_or(DeskError::Invariant("a photo without its person"))?;
    // No one reviews their own photo, or their family's.
    if sent_by == officer || person.user_id == Some(officer) {
        return Err(AppError::Forbidden.into());
    }
    let (accepted, reason, note) = match &decision {
        Decision::Accept => (true, None, None),
        Decision::Return { reason, note } => (false, Some(reason.code().to_owned()), note.clone()),
    };
    // The transaction writes first: on SQLite a transaction that reads before
    // its first write fails at once if another connection wrote in between.
    let txn = db.begin().await?;
    let record = Statement::from_sql_and_values(
        txn.get_database_backend(),
        "INSERT INTO photo_reviews (photo_id, officer_id, accepted, reason, note, decided_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (photo_id) DO NOTHING",
        [photo_id.into(), officer.into(), accepted.into(), reason.into(), note.clone().into(), now.into()],
    );
    if txn.execute_raw(record).await?.rows_affected() != 1 {
        return Ok(ReviewOutcome::TakenByAnother);
    }
    // Someone else holds it now (this one's claim lapsed): their review stands, this one goes.
    let claim = photo_claim::Entity::find_by_id(photo_id).one(&txn).await?;
    if claim.is_some_and(|c| c.officer_id != officer && c.expires_at > now) {
        txn.rollback().await?;
        return Ok(ReviewOutcome::TakenByAnother);
    }
    photo_claim::Entity::delete_by_id(photo_id).exec(&txn).await?;
    let (action, details) = match &decision {
        Decision::Accept => (Action::PhotoAccepted, serde_json::json!({ "photo": photo_id })),
        Decision::Return { reason, .. } => (Action::PhotoReturned, serde_json::json!({ "photo": photo_id, "reason": reason.code() })),
    };
    audit::record(&txn, actor, action, &format!("person:{person_id}"), details).await?;
    let name = person.full_name();
    if let Some(account) = person.user_id {
        let account = user::Entity::find_by_id(account).one(&txn).await?.ok_or(DeskError::Invariant("a person's account is gone"))?;
        let (person, name) = (PersonId(person.id), name.clone());
        let notice = match &decision {
            Decision::Accept => Notice::PhotoAccepted { person, name },
            Decision::Return { reason, note } => Notice::PhotoReturned { person, name, reason: *reason, note: note.clone() },
        };
        crate::messages::notify(&txn, &account, &notice, public_url).await?;
    }
    txn.commit().await?;
    tracing::info!(photo = photo_id, accepted, "photo decided");
    Ok(ReviewOutcome::Decided { name, decision })
}
