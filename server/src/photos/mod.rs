//! PR card photos: received from the signed-in photo step (over HTTP by
//! `http::photo_upload`) and checked again by the shared engine the browser ran
//! (`engine`), kept as the shared rule allows (`store`); and the engine on files
//! from the command line (`cli_check`).
pub mod cli_check;
mod engine;
mod store;

use app::api::ports::Photos;
use app::domain::{PersonId, PhotoOutcome, PhotoStatus, Review, Viewer};
use app::error::AppError;
use axum::body::Bytes;
use crate::applicants::steps::{declared_in_canada, own_person, still_open};
use engine::Checked;
use sea_orm::DatabaseConnection;

/// Photos kept for one person: the newest, and a few before it.
pub const KEPT_PER_PERSON: i64 = 5;

pub struct PhotoDesk {
    pub db: DatabaseConnection,
    /// For the links in the emails that go with messages.
    pub public_url: String,
}

#[async_trait::async_trait]
impl Photos for PhotoDesk {
    #[tracing::instrument(skip_all, fields(person = %person, anyway = anyway, bytes = photo.len()))]
    async fn receive(&self, viewer: &Viewer, person: PersonId, anyway: bool, photo: Bytes) -> Result<PhotoOutcome, AppError> {
        let person = own_person(&self.db, viewer, person).await?;
        still_open(&self.db, person.id).await?;
        if !declared_in_canada(&self.db, person.id).await? {
            return Err(AppError::PresenceRequired);
        }
        let (report, clean) = match engine::check(photo, anyway).await? {
            Checked::Kept { report, clean } => (report, clean),
            Checked::NotSent(report) => return Ok(PhotoOutcome::NotSent(report)),
        };
        let received_at = store::keep(&self.db, viewer, &person, &report, &clean, &self.public_url).await?;
        Ok(PhotoOutcome::Received(PhotoStatus {
            received_on: received_at.date_naive(),
            sent_anyway: clean.sent_anyway,
            review: Review::Waiting,
        }))
    }

    #[tracing::instrument(skip_all, fields(person = %person))]
    async fn newest(&self, viewer: &Viewer, person: PersonId) -> Result<Option<Vec<u8>>, AppError> {
        let person = own_person(&self.db, viewer, person).await?;
        Ok(store::newest(&self.db, &person).await?)
    }
}
