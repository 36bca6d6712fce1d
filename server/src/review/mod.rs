//! Officers' review of photos: a queue where each officer claims one photo at a
//! time for a while (`queue`), and the decision, accepted or returned with a
//! reason, that tells the person (`decide`).
pub mod decide;
pub mod queue;

use crate::accounts::staff;
use crate::entities::{photo, photo_review};
use crate::error::DeskError;
use app::api::ports::Reviews;
use app::domain::{PersonId, PhotoKey, RawDecision, ReturnReason, Review, ReviewOutcome, ReviewQueue, Viewer};
use app::error::AppError;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

/// How long a photo stays with the officer who opened it; an abandoned one
/// then goes back to the queue.
pub const CLAIM_MINUTES: i64 = 10;

pub struct ReviewDesk {
    pub db: DatabaseConnection,
    /// For the links in the emails that go with messages.
    pub public_url: String,
}


/// What became of a photo, from its decision row if it has one.
pub fn as_review(row: Option<photo_review::Model>) -> Review {
    match row {
        None => Review::Waiting,
        Some(row) if row.accepted => Review::Accepted,
        // A stored code is one of ours; an unknown one reads as "other", with its note.
        Some(row) => Review::Returned {
            reason: row.reason.as_deref().and_then(ReturnReason::parse).unwrap_or(ReturnReason::Other),
            note: row.note,
        },
    }
}

pub async fn review_of<C: ConnectionTrait>(db: &C, photo: i32) -> Result<Review, DeskError> {
    Ok(as_review(photo_review::Entity::find_by_id(photo).one(db).await?))
}

#[async_trait::async_trait]
impl Reviews for ReviewDesk {
    #[tracing::instrument(skip_all, fields(officer = %viewer.user_id))]
    async fn queue(&self, viewer: &Viewer, person: Option<PersonId>) -> Result<ReviewQueue, AppError> {
        staff::actor(viewer)?;
        Ok(queue::open(&self.db, viewer.user_id.0, chrono::Utc::now(), person.map(|p| p.0)).await?)
    }

    #[tracing::instrument(skip_all, fields(officer = %viewer.user_id))]
    async fn decide(&self, viewer: &Viewer, photo: &PhotoKey, decision: &RawDecision) -> Result<ReviewOutcome, AppError> {
        let actor = staff::actor(viewer)?;
        let decision = match decision.parse() {
            Ok(decision) => decision,
            Err(errors) => return Ok(ReviewOutcome::Invalid(errors)),
        };
        Ok(decide::decide(&self.db, &actor, viewer.user_id.0, photo, decision, &self.public_url).await?)
    }

    #[tracing::instrument(skip_all, fields(officer = %viewer.user_id))]
    async fn image(&self, viewer: &Viewer, key: &PhotoKey) -> Result<Vec<u8>, AppError> {
        staff::actor(viewer)?;
        photo::Entity::find()
            .select_only()
            .column(photo::Column::Jpeg)
            .filter(photo::Column::ViewKey.eq(&key.0))
            .into_tuple::<Vec<u8>>()
            .one(&self.db)
            .await
            .map_err(DeskError::from)?
            .ok_or(AppError::NotFound)
    }
}
