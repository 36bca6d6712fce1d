//! The queue of photos to review, oldest first: each person's newest photo that
//! no officer has decided on. An officer holds one photo at a time, for
//! `CLAIM_MINUTES` from the last time they opened it; an abandoned claim
//! lapses and the photo goes to the next officer. Claims are taken with one
//! conditional upsert, so two officers opening the queue at once get different photos.
use super::{as_review, CLAIM_MINUTES};
use crate::entities::{case, person, photo, photo_review};
use crate::error::DeskError;
use app::domain::{EarlierPhoto, PersonId, PhotoKey, ReviewItem, ReviewQueue};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement, Value};
use std::collections::HashMap;

/// Photos waiting: each person's newest, not decided on.
const WAITING: &str = "NOT EXISTS (SELECT 1 FROM photo_reviews r WHERE r.photo_id = p.id) \
     AND p.id = (SELECT MAX(q.id) FROM photos q WHERE q.person_id = p.person_id)";

/// How many candidates one opening tries to claim before saying the queue is empty
/// for this officer: others may take some of them at the same moment.
const TRIES: u64 = 20;

/// The officer's photo: the one asked for (a person's, from their case) if no
/// one else holds it, else the one they hold, else the oldest no one holds.
pub async fn open(db: &DatabaseConnection, officer: i32, now: DateTime<Utc>, asked: Option<i32>) -> Result<ReviewQueue, DeskError> {
    let until = now + Duration::minutes(CLAIM_MINUTES);
    let (mut chosen, mut busy) = (None, false);
    if let Some(person) = asked {
        match claim_persons(db, officer, person, now, until).await? {
            Asked::Claimed(photo) => chosen = Some(photo),
            Asked::Busy => busy = true,
            Asked::NotWaiting => {}
        }
    }
    if chosen.is_none() {
        chosen = match held(db, officer, now, until).await? {
            Some(photo) => Some(photo),
            None => claim_next(db, officer, now, until).await?,
        };
    }
    let item = match chosen {
        Some(photo) => Some(item(db, photo, until).await?),
        None => None,
    };
    Ok(ReviewQueue { item, waiting: waiting(db).await?, busy })
}

enum Asked {
    Claimed(i32),
    /// Another officer holds it.
    Busy,
    /// Nothing of theirs waits for this officer (none sent, decided, or the officer's own).
    NotWaiting,
}

/// Claims a person's waiting photo, unless another officer holds it; the officer
/// lets go of any other photo they held.
async fn claim_persons(db: &DatabaseConnection, officer: i32, person: i32, now: DateTime<Utc>, until: DateTime<Utc>) -> Result<Asked, DeskError> {
    let sql = format!(
        "SELECT p.id AS id FROM photos p JOIN people pe ON pe.id = p.person_id \
         WHERE {WAITING} AND p.person_id = $2 AND p.sent_by <> $1 AND (pe.user_id IS NULL OR pe.user_id <> $1)"
    );
    let Some(&photo) = query_ids(db, sql, vec![officer.into(), person.into()]).await?.first() else {
        return Ok(Asked::NotWaiting);
    };
    if !claim(db, photo, officer, now, until).await? {
        return Ok(Asked::Busy);
    }
    let others = Statement::from_sql_and_values(
        db.get_database_backend(),
        "DELETE FROM photo_claims WHERE officer_id = $1 AND photo_id <> $2",
        [officer.into(), photo.into()],
    );
    db.execute_raw(others).await?;
    Ok(Asked::Claimed(photo))
}

/// Claims a photo until `until`, unless another officer holds it now: a lapsed
/// claim is taken over and the holder renews theirs. One statement, so two
/// officers asking at once cannot both win.
async fn claim(db: &DatabaseConnection, photo: i32, officer: i32, now: DateTime<Utc>, until: DateTime<Utc>) -> Result<bool, DeskError> {
    let claim = Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO photo_claims (photo_id, officer_id, expires_at) VALUES ($1, $2, $3) \
         ON CONFLICT (photo_id) DO UPDATE SET officer_id = excluded.officer_id, expires_at = excluded.expires_at \
         WHERE photo_claims.expires_at <= $4 OR photo_claims.officer_id = $2",
        [photo.into(), officer.into(), until.into(), now.into()],
    );
    Ok(db.execute_raw(claim).await?.rows_affected() == 1)
}

async fn query_ids(db: &DatabaseConnection, sql: String, values: Vec<Value>) -> Result<Vec<i32>, DeskError> {
    let rows = db.query_all_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await?;
    Ok(rows.iter().map(|row| row.try_get::<i32>("", "id")).collect::<Result<_, _>>()?)
}

/// The photo this officer holds, still waiting; its claim starts again from now.
async fn held(db: &DatabaseConnection, officer: i32, now: DateTime<Utc>, until: DateTime<Utc>) -> Result<Option<i32>, DeskError> {
    let sql = format!(
        "SELECT p.id AS id FROM photos p JOIN photo_claims c ON c.photo_id = p.id \
         WHERE c.officer_id = $1 AND c.expires_at > $2 AND {WAITING} ORDER BY p.id LIMIT 1"
    );
    let Some(&photo) = query_ids(db, sql, vec![officer.into(), now.into()]).await?.first() else {
        return Ok(None);
    };
    claim(db, photo, officer, now, until).await?;
    Ok(Some(photo))
}

/// Claims the oldest photo waiting that no one holds and that is not the
/// officer's own (as an applicant, or as the one who sent it).
async fn claim_next(db: &DatabaseConnection, officer: i32, now: DateTime<Utc>, until: DateTime<Utc>) -> Result<Option<i32>, DeskError> {
    let sql = format!(
        "SELECT p.id AS id FROM photos p JOIN people pe ON pe.id = p.person_id \
         WHERE {WAITING} AND p.sent_by <> $1 AND (pe.user_id IS NULL OR pe.user_id <> $1) \
         AND NOT EXISTS (SELECT 1 FROM photo_claims c WHERE c.photo_id = p.id AND c.expires_at > $2) \
         ORDER BY p.received_at, p.id LIMIT {TRIES}"
    );
    for photo in query_ids(db, sql, vec![officer.into(), now.into()]).await? {
        if claim(db, photo, officer, now, until).await? {
            tracing::info!(photo, "claimed for review");
            return Ok(Some(photo));
        }
    }
    Ok(None)
}

async fn waiting(db: &DatabaseConnection) -> Result<u64, DeskError> {
    let sql = format!("SELECT COUNT(*) AS waiting FROM photos p WHERE {WAITING}");
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    Ok(row.map(|row| row.try_get::<i64>("", "waiting")).transpose()?.unwrap_or(0).max(0) as u64)
}

/// What the officer needs to decide on a photo, without its bytes (the page
/// fetches those by key).
async fn item(db: &DatabaseConnection, id: i32, until: DateTime<Utc>) -> Result<ReviewItem, DeskError> {
    let shown = photo::Entity::find_by_id(id)
        .select_only()
        .columns([photo::Column::PersonId, photo::Column::ViewKey, photo::Column::ReceivedAt, photo::Column::Width, photo::Column::Height])
        .columns([photo::Column::SentAnyway, photo::Column::Report])
        .into_tuple::<(i32, String, DateTime<Utc>, i32, i32, bool, String)>()
        .one(db)
        .await?
        .ok_or(DeskError::Invariant("a claimed photo is gone"))?;
    let (person_id, key, received_at, width, height, sent_anyway, report) = shown;
    let (person, case) = person::Entity::find_by_id(person_id)
        .find_also_related(case::Entity)
        .one(db)
        .await?
        .ok_or(DeskError::Invariant("a photo without its person"))?;
    let earlier: Vec<(i32, String, DateTime<Utc>)> = photo::Entity::find()
        .select_only()
        .columns([photo::Column::Id, photo::Column::ViewKey, photo::Column::ReceivedAt])
        .filter(photo::Column::PersonId.eq(person_id))
        .filter(photo::Column::Id.lt(id))
        .order_by_desc(photo::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut decided: HashMap<i32, photo_review::Model> = photo_review::Entity::find()
        .filter(photo_review::Column::PhotoId.is_in(earlier.iter().map(|(id, ..)| *id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.photo_id, row))
        .collect();
    Ok(ReviewItem {
        key: PhotoKey(key),
        person: PersonId(person.id),
        name: person.full_name(),
        application_number: case.map(|c| c.application_number).unwrap_or_default(),
        received_on: received_at.date_naive(),
        width,
        height,
        sent_anyway,
        report: serde_json::from_str(&report)?,
        earlier: earlier
            .into_iter()
            .map(|(id, key, at)| EarlierPhoto { key: PhotoKey(key), received_on: at.date_naive(), review: as_review(decided.remove(&id)) })
            .collect(),
        claimed_until: until,
    })
}
