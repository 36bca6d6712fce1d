//! What an applicant does once signed in, for each profile they complete (their
//! own and those of the minors held under them): see it (`profiles`), declare
//! presence in Canada and give a mailing address (`steps`).
pub mod facts;
pub mod home;
pub mod profiles;
pub mod reminders;
pub mod steps;

use app::api::ports::Applicants;
use app::domain::{AddressOutcome, DeclarationOutcome, PersonCard, PersonId, Profile, ProfileSummary, RawAddress, RawDeclaration, Viewer};
use app::error::AppError;
use crate::error::DeskError;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Select};
use std::collections::HashSet;

/// The ids of the people a query of one column of person ids finds.
pub(crate) async fn person_ids<E: EntityTrait, C: ConnectionTrait>(db: &C, query: Select<E>) -> Result<HashSet<i32>, DeskError> {
    Ok(query.into_tuple::<i32>().all(db).await?.into_iter().collect())
}

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

    async fn cards(&self, viewer: &Viewer) -> Result<Vec<PersonCard>, AppError> {
        Ok(ApplicantDesk::cards(self, viewer).await?)
    }

    async fn declare(&self, viewer: &Viewer, person: PersonId, declaration: &RawDeclaration) -> Result<DeclarationOutcome, AppError> {
        Ok(ApplicantDesk::declare(self, viewer, person, declaration).await?)
    }

    async fn give_address(&self, viewer: &Viewer, person: PersonId, address: &RawAddress) -> Result<AddressOutcome, AppError> {
        Ok(ApplicantDesk::give_address(self, viewer, person, address).await?)
    }

    async fn copy_address(&self, viewer: &Viewer, person: PersonId, from: PersonId) -> Result<AddressOutcome, AppError> {
        Ok(ApplicantDesk::copy_address(self, viewer, person, from).await?)
    }
}
