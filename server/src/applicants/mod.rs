//! What an applicant sees once signed in: the profiles they complete (their
//! own and those of the minors held under them).
pub mod profiles;

use app::api::ports::Applicants;
use app::domain::{PersonId, Profile, ProfileSummary, Viewer};
use app::error::AppError;
use sea_orm::DatabaseConnection;

pub struct ApplicantDesk {
    pub db: DatabaseConnection,
}

#[async_trait::async_trait]
impl Applicants for ApplicantDesk {
    async fn profiles(&self, viewer: &Viewer) -> Result<Vec<ProfileSummary>, AppError> {
        Ok(self.own_profiles(viewer).await?)
    }

    async fn profile(&self, viewer: &Viewer, person: PersonId) -> Result<Option<Profile>, AppError> {
        Ok(self.own_profile(viewer, person).await?)
    }
}
