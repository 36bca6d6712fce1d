//! The profiles a signed-in person completes: their own and those held under them.
use super::{steps, ApplicantDesk};
use crate::error::DeskError;
use crate::entities::{case, person, photo};
use app::domain::{PersonId, PhotoStatus, Profile, ProfileSummary, Viewer};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

impl ApplicantDesk {
    /// The people the viewer completes, with their cases, in the application's order.
    pub(super) async fn people(&self, viewer: &Viewer) -> Result<Vec<(person::Model, Option<case::Model>)>, DeskError> {
        Ok(person::Entity::find()
            .filter(person::Column::UserId.eq(viewer.user_id))
            .find_also_related(case::Entity)
            .order_by_asc(person::Column::CaseId)
            .order_by_asc(person::Column::Position)
            .all(&self.db)
            .await?)
    }

    #[tracing::instrument(skip_all, fields(user = %viewer.user_id))]
    pub(crate) async fn own_profiles(&self, viewer: &Viewer) -> Result<Vec<ProfileSummary>, DeskError> {
        let people = self.people(viewer).await?;
        Ok(people
            .into_iter()
            .map(|(p, c)| ProfileSummary {
                id: PersonId(p.id),
                name: p.full_name(),
                relationship: p.relationship,
                application_number: c.map(|c| c.application_number).unwrap_or_default(),
            })
            .collect())
    }

    /// `None` for a profile the viewer does not complete, whether or not it exists.
    #[tracing::instrument(skip_all, fields(user = %viewer.user_id, person = %person_id))]
    pub(crate) async fn own_profile(&self, viewer: &Viewer, person_id: PersonId) -> Result<Option<Profile>, DeskError> {
        let found = person::Entity::find_by_id(person_id.0)
            .filter(person::Column::UserId.eq(viewer.user_id))
            .find_also_related(case::Entity)
            .one(&self.db)
            .await?;
        let Some((p, c)) = found else { return Ok(None) };
        let declaration = steps::declaration_of(&self.db, &p).await?;
        let address = steps::address_of(&self.db, p.id).await?;
        let addresses_to_copy = steps::others_with_address(&self.db, viewer, p.id).await?;
        let photo = photo::Entity::find()
            .select_only()
            .columns([photo::Column::Id, photo::Column::ReceivedAt, photo::Column::SentAnyway])
            .filter(photo::Column::PersonId.eq(p.id))
            .order_by_desc(photo::Column::Id)
            .into_tuple::<(i32, chrono::DateTime<Utc>, bool)>()
            .one(&self.db)
            .await?;
        let photo = match photo {
            None => None,
            Some((id, at, sent_anyway)) => {
                let review = crate::review::review_of(&self.db, id).await?;
                Some(PhotoStatus { received_on: at.date_naive(), sent_anyway, review })
            }
        };
        Ok(Some(Profile {
            id: PersonId(p.id),
            name: p.full_name(),
            own: p.email.as_deref().is_some_and(|email| email.eq_ignore_ascii_case(&viewer.email)),
            uci: app::domain::Uci::parse(&p.uci).map(|u| u.to_string()).unwrap_or(p.uci),
            date_of_birth: p.date_of_birth,
            sex: p.sex,
            country_of_birth: p.country_of_birth,
            citizenship: p.citizenship,
            application_number: c.map(|c| c.application_number).unwrap_or_default(),
            in_canada: p.in_canada,
            return_date: p.return_date,
            photo,
            declaration,
            address,
            addresses_to_copy,
        }))
    }
}
