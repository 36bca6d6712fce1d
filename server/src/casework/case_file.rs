//! A case as an officer opens it: each person's steps and dates, the photos
//! they sent with what became of each, their confirmation, and the audit trail
//! of the case and its people, with names for who did what.
use crate::entities::{address, audit_event, case, declaration, ecopr, person, photo, photo_review, user};
use crate::error::DeskError;
use crate::review::as_review;
use app::domain::{CaseFile, CaseId, Facts, PersonFile, PersonId, PhotoFact, PhotoKey, PrConfirmed, Province, Review, SentPhoto, TrailActor, TrailEntry, Uci};
use sea_orm::{ActiveEnum, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The newest lines of the trail shown; a case gathers a few dozen.
const TRAIL: u64 = 500;

pub async fn case_file(db: &DatabaseConnection, id: CaseId) -> Result<Option<CaseFile>, DeskError> {
    let Some(case) = case::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    let people = person::Entity::find().filter(person::Column::CaseId.eq(case.id)).order_by_asc(person::Column::Position).all(db).await?;
    let ids: Vec<i32> = people.iter().map(|p| p.id).collect();
    let declared: HashMap<i32, declaration::Model> =
        declaration::Entity::find().filter(declaration::Column::PersonId.is_in(ids.clone())).all(db).await?.into_iter().map(|d| (d.person_id, d)).collect();
    let mut addresses: HashMap<i32, address::Model> =
        address::Entity::find().filter(address::Column::PersonId.is_in(ids.clone())).all(db).await?.into_iter().map(|a| (a.person_id, a)).collect();
    let mut confirmed: HashMap<i32, ecopr::Model> =
        ecopr::Entity::find().filter(ecopr::Column::PersonId.is_in(ids.clone())).all(db).await?.into_iter().map(|e| (e.person_id, e)).collect();
    let mut photos = sent_photos(db, &ids).await?;
    let files = people
        .iter()
        .map(|p| {
            let declared = declared.get(&p.id).map(|d| (d.in_canada, d.declared_at.date_naive()));
            let address = addresses.remove(&p.id).map(|a| (one_line(&a), a.given_at.date_naive()));
            let photos = photos.remove(&p.id).unwrap_or_default();
            let confirmed = confirmed.remove(&p.id);
            // The same facts the home cards decide from, read off the rows already here.
            let facts = Facts {
                declared,
                address_given: address.is_some(),
                photo: match photos.first().map(|photo| &photo.review) {
                    None => PhotoFact::None,
                    Some(Review::Waiting) => PhotoFact::Waiting,
                    Some(Review::Accepted) => PhotoFact::Accepted,
                    Some(Review::Returned { .. }) => PhotoFact::Returned,
                },
                confirmed: confirmed.as_ref().map(|e| e.issued_at.date_naive()),
            };
            PersonFile {
                id: PersonId(p.id),
                name: p.full_name(),
                relationship: p.relationship,
                date_of_birth: p.date_of_birth,
                uci: Uci::parse(&p.uci).map(|u| u.to_string()).unwrap_or_else(|_| p.uci.clone()),
                declared,
                address,
                photos,
                missing: if facts.confirmed.is_some() { Vec::new() } else { facts.missing() },
                confirmed: confirmed.and_then(|e| {
                    Some(PrConfirmed {
                        became_on: e.became_on,
                        city: e.city,
                        province: Province::parse(&e.province)?,
                        issued_on: e.issued_at.date_naive(),
                        document_number: e.document_number,
                    })
                }),
            }
        })
        .collect();
    Ok(Some(CaseFile {
        id,
        application_number: case.application_number.clone(),
        approved_on: case.approved_on,
        status: case.status.to_value(),
        received_on: case.created_at.date_naive(),
        trail: trail(db, &case, &people).await?,
        people: files,
    }))
}

fn one_line(a: &address::Model) -> String {
    let parts = [a.care_of.as_deref().map(|c| format!("c/o {c}")), a.unit.clone(), Some(a.street.clone()), Some(a.city.clone())];
    let mut line: Vec<String> = parts.into_iter().flatten().collect();
    line.push(format!("{} {}", a.province, a.postal_code));
    line.join(", ")
}

async fn sent_photos(db: &DatabaseConnection, people: &[i32]) -> Result<HashMap<i32, Vec<SentPhoto>>, DeskError> {
    let sent: Vec<(i32, i32, String, chrono::DateTime<chrono::Utc>, bool)> = photo::Entity::find()
        .select_only()
        .columns([photo::Column::Id, photo::Column::PersonId, photo::Column::ViewKey, photo::Column::ReceivedAt, photo::Column::SentAnyway])
        .filter(photo::Column::PersonId.is_in(people.iter().copied()))
        .order_by_desc(photo::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut decided: HashMap<i32, photo_review::Model> = photo_review::Entity::find()
        .filter(photo_review::Column::PhotoId.is_in(sent.iter().map(|s| s.0)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.photo_id, r))
        .collect();
    let mut by_person: HashMap<i32, Vec<SentPhoto>> = HashMap::new();
    for (id, person, key, received_at, sent_anyway) in sent {
        let decision = decided.remove(&id);
        let decided_on = decision.as_ref().map(|d| d.decided_at.date_naive());
        let photo = SentPhoto { key: PhotoKey(key), received_on: received_at.date_naive(), sent_anyway, review: as_review(decision), decided_on };
        by_person.entry(person).or_default().push(photo);
    }
    Ok(by_person)
}

/// The audit lines about the case or its people, newest first, with the names
/// of the signed-in people who acted.
async fn trail(db: &DatabaseConnection, case: &case::Model, people: &[person::Model]) -> Result<Vec<TrailEntry>, DeskError> {
    let about: HashMap<String, String> = people.iter().map(|p| (format!("person:{}", p.id), p.full_name())).collect();
    let mut subjects: Vec<String> = about.keys().cloned().collect();
    subjects.push(format!("case:{}", case.id));
    let lines = audit_event::Entity::find()
        .filter(audit_event::Column::Subject.is_in(subjects))
        .order_by_desc(audit_event::Column::Id)
        .limit(TRAIL)
        .all(db)
        .await?;
    let user_ids: Vec<i32> = lines.iter().filter_map(|l| l.actor.strip_prefix("user:")?.parse().ok()).collect();
    let names: HashMap<i32, String> = user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::Name])
        .filter(user::Column::Id.is_in(user_ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(lines
        .into_iter()
        .map(|line| {
            let by = match line.actor.split_once(':') {
                Some(("user", id)) => TrailActor::Person(id.parse().ok().and_then(|id: i32| names.get(&id).cloned()).unwrap_or_default()),
                Some(("api", name)) => TrailActor::Api(name.to_owned()),
                Some(("invitation", _)) => TrailActor::Invitation,
                Some(("cli", user)) => TrailActor::CommandLine(user.to_owned()),
                Some((_, address)) => TrailActor::Address(address.to_owned()),
                None => TrailActor::Address(line.actor.clone()),
            };
            TrailEntry { at: line.occurred_at, action: line.action, by, about: about.get(&line.subject).cloned() }
        })
        .collect())
}
