//! How far each person on a case has come (presence, address, photo), for the
//! officers' list: read at once for a whole page of cases.
use crate::applicants::facts::facts_of;
use crate::entities::person;
use crate::error::DeskError;
use app::domain::{PersonId, PersonProgress};
use std::collections::HashMap;

pub async fn progress(db: &sea_orm::DatabaseConnection, people: &[person::Model]) -> Result<HashMap<i32, PersonProgress>, DeskError> {
    let ids: Vec<i32> = people.iter().map(|p| p.id).collect();
    let facts = facts_of(db, &ids).await?;
    Ok(people
        .iter()
        .map(|p| {
            let facts = facts.get(&p.id).copied().unwrap_or_default();
            let progress = PersonProgress {
                id: PersonId(p.id),
                name: p.full_name(),
                declared: facts.declared,
                address_given: facts.address_given,
                photo: facts.photo,
            };
            (p.id, progress)
        })
        .collect())
}
