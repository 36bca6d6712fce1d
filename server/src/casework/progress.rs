//! How far each person on a case has come (presence, address), for the
//! officers' list: read in two queries for a whole page of cases.
use crate::entities::{address, declaration, person};
use crate::error::DeskError;
use app::domain::PersonProgress;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{HashMap, HashSet};

pub async fn progress(db: &DatabaseConnection, people: &[person::Model]) -> Result<HashMap<i32, PersonProgress>, DeskError> {
    let ids: Vec<i32> = people.iter().map(|p| p.id).collect();
    let declared: HashMap<i32, (bool, chrono::NaiveDate)> = declaration::Entity::find()
        .filter(declaration::Column::PersonId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.person_id, (d.in_canada, d.declared_at.date_naive())))
        .collect();
    let with_address: HashSet<i32> = address::Entity::find()
        .select_only()
        .column(address::Column::PersonId)
        .filter(address::Column::PersonId.is_in(ids))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(people
        .iter()
        .map(|p| {
            let progress = PersonProgress {
                name: p.full_name(),
                declared: declared.get(&p.id).copied(),
                address_given: with_address.contains(&p.id),
            };
            (p.id, progress)
        })
        .collect())
}
