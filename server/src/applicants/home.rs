//! The home page's cards: for each person the account completes, where each of
//! their steps stands and how long is left, from what is stored.
use super::{person_ids, ApplicantDesk};
use crate::entities::{address, declaration, photo};
use crate::error::DeskError;
use app::domain::{Facts, PersonCard, PersonId, Viewer};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

impl ApplicantDesk {
    #[tracing::instrument(skip_all, fields(user = %viewer.user_id))]
    pub(crate) async fn cards(&self, viewer: &Viewer) -> Result<Vec<PersonCard>, DeskError> {
        let people = self.people(viewer).await?;
        let ids: Vec<i32> = people.iter().map(|(p, _)| p.id).collect();
        let declared: HashMap<i32, bool> = declaration::Entity::find()
            .select_only()
            .columns([declaration::Column::PersonId, declaration::Column::InCanada])
            .filter(declaration::Column::PersonId.is_in(ids.clone()))
            .into_tuple::<(i32, bool)>()
            .all(&self.db)
            .await?
            .into_iter()
            .collect();
        let with_address = person_ids(&self.db, address::Entity::find().select_only().column(address::Column::PersonId).filter(address::Column::PersonId.is_in(ids.clone()))).await?;
        let with_photo = person_ids(&self.db, photo::Entity::find().select_only().column(photo::Column::PersonId).filter(photo::Column::PersonId.is_in(ids))).await?;
        let today = Utc::now().date_naive();
        people
            .into_iter()
            .map(|(p, c)| {
                let approved_on = c.ok_or(DeskError::Invariant("a person without a case"))?.approved_on;
                let facts = Facts { in_canada: declared.get(&p.id).copied(), address_given: with_address.contains(&p.id), photo_sent: with_photo.contains(&p.id) };
                Ok(PersonCard::new(PersonId(p.id), p.full_name(), facts, approved_on, today))
            })
            .collect()
    }
}
