//! The home page's cards: for each person the account completes, where each of
//! their steps stands and how long is left, from what is stored.
use super::facts::facts_of;
use super::ApplicantDesk;
use crate::error::DeskError;
use app::domain::{PersonCard, PersonId, Viewer};
use chrono::Utc;

impl ApplicantDesk {
    #[tracing::instrument(skip_all, fields(user = %viewer.user_id))]
    pub(crate) async fn cards(&self, viewer: &Viewer) -> Result<Vec<PersonCard>, DeskError> {
        let people = self.people(viewer).await?;
        let ids: Vec<i32> = people.iter().map(|(p, _)| p.id).collect();
        let facts = facts_of(&self.db, &ids).await?;
        let today = Utc::now().date_naive();
        people
            .into_iter()
            .map(|(p, c)| {
                let approved_on = c.ok_or(DeskError::Invariant("a person without a case"))?.approved_on;
                let facts = facts.get(&p.id).copied().unwrap_or_default();
                Ok(PersonCard::new(PersonId(p.id), p.full_name(), facts, approved_on, today))
            })
            .collect()
    }
}
