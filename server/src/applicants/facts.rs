//! What is stored of each person's steps, read for any number of people at once
//! (five queries): the home page's cards, the reminders and the officers' list
//! all decide from it.
use super::person_ids;
use crate::entities::{address, declaration, ecopr, photo, photo_review};
use crate::error::DeskError;
use app::domain::{Facts, PhotoFact};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// The facts of each person named; one not found in any table has the default.
pub async fn facts_of<C: ConnectionTrait>(db: &C, people: &[i32]) -> Result<HashMap<i32, Facts>, DeskError> {
    let declared = declaration::Entity::find()
        .select_only()
        .columns([declaration::Column::PersonId, declaration::Column::InCanada, declaration::Column::DeclaredAt])
        .filter(declaration::Column::PersonId.is_in(people.iter().copied()))
        .into_tuple::<(i32, bool, chrono::DateTime<chrono::Utc>)>()
        .all(db)
        .await?;
    let declared: HashMap<i32, (bool, chrono::NaiveDate)> =
        declared.into_iter().map(|(id, in_canada, at)| (id, (in_canada, at.date_naive()))).collect();
    let with_address = person_ids(
        db,
        address::Entity::find().select_only().column(address::Column::PersonId).filter(address::Column::PersonId.is_in(people.iter().copied())),
    )
    .await?;
    let photos = newest_photos(db, people).await?;
    let confirmed: HashMap<i32, chrono::NaiveDate> = ecopr::Entity::find()
        .select_only()
        .columns([ecopr::Column::PersonId, ecopr::Column::IssuedAt])
        .filter(ecopr::Column::PersonId.is_in(people.iter().copied()))
        .into_tuple::<(i32, chrono::DateTime<chrono::Utc>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, at)| (id, at.date_naive()))
        .collect();
    Ok(people
        .iter()
        .map(|&id| {
            let facts = Facts {
                declared: declared.get(&id).copied(),
                address_given: with_address.contains(&id),
                photo: photos.get(&id).copied().unwrap_or_default(),
                confirmed: confirmed.get(&id).copied(),
            };
            (id, facts)
        })
        .collect())
}

/// Each person's newest photo (the one officers review), and what became of it.
async fn newest_photos<C: ConnectionTrait>(db: &C, people: &[i32]) -> Result<HashMap<i32, PhotoFact>, DeskError> {
    let sent: Vec<(i32, i32)> = photo::Entity::find()
        .select_only()
        .columns([photo::Column::PersonId, photo::Column::Id])
        .filter(photo::Column::PersonId.is_in(people.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut newest: HashMap<i32, i32> = HashMap::new();
    for (person, id) in sent {
        let kept = newest.entry(person).or_insert(id);
        *kept = (*kept).max(id);
    }
    let decided: HashMap<i32, bool> = photo_review::Entity::find()
        .select_only()
        .columns([photo_review::Column::PhotoId, photo_review::Column::Accepted])
        .filter(photo_review::Column::PhotoId.is_in(newest.values().copied()))
        .into_tuple::<(i32, bool)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(newest
        .into_iter()
        .map(|(person, id)| {
            let fact = match decided.get(&id) {
                None => PhotoFact::Waiting,
                Some(true) => PhotoFact::Accepted,
                Some(false) => PhotoFact::Returned,
            };
            (person, fact)
        })
        .collect())
}
