//! Photos in the database: the newest few of each person, with the report and
//! the person's choice, each one audited.
use super::engine::Clean;
use super::KEPT_PER_PERSON;
use crate::audit::{self, Action, Actor};
use crate::entities::{person, photo as stored, user};
use crate::error::DeskError;
use app::domain::{Notice, PersonId, Viewer};
use chrono::{DateTime, Utc};
use photo::Report;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, Statement,
    TransactionTrait,
};

/// Keeps a checked photo and prunes the person's older ones; when it was received.
pub async fn keep(
    db: &DatabaseConnection,
    viewer: &Viewer,
    person: &person::Model,
    report: &Report,
    clean: &Clean,
    public_url: &str,
) -> Result<DateTime<Utc>, DeskError> {
    let received_at = Utc::now();
    let report_json = serde_json::to_string(report)?;
    let txn = db.begin().await?;
    // Inserted without reading the row back: that would bring the JPEG back too.
    let kept = stored::Entity::insert(stored::ActiveModel {
        person_id: Set(person.id),
        sent_by: Set(viewer.user_id.0),
        jpeg: Set(clean.jpeg.clone()),
        width: Set(clean.width),
        height: Set(clean.height),
        report: Set(report_json),
        verdict: Set(report.verdict.as_str().to_owned()),
        sent_anyway: Set(clean.sent_anyway),
        received_at: Set(received_at),
        view_key: Set(crate::secrets::random_photo_key()),
        ..Default::default()
    })
    .exec(&txn)
    .await?
    .last_insert_id;
    // Officers review the newest photo: older ones beyond a few are not kept,
    // so that no one can fill the database by sending photo after photo. One an
    // officer decided on stays for the record.
    let pruned = Statement::from_sql_and_values(
        txn.get_database_backend(),
        "DELETE FROM photos WHERE person_id = $1 \
           AND id NOT IN (SELECT photo_id FROM photo_reviews) \
           AND id NOT IN (SELECT id FROM photos WHERE person_id = $1 ORDER BY id DESC LIMIT $2)",
        [person.id.into(), KEPT_PER_PERSON.into()],
    );
    txn.execute_raw(pruned).await?;
    audit::record(
        &txn,
        &Actor::User(viewer.user_id.0),
        Action::PhotoSent,
        &format!("person:{}", person.id),
        serde_json::json!({ "photo": kept, "verdict": report.verdict, "sent_anyway": clean.sent_anyway }),
    )
    .await?;
    let account = user::Entity::find_by_id(viewer.user_id.0).one(&txn).await?.ok_or(DeskError::Invariant("the sender's account is gone"))?;
    let notice = Notice::PhotoReceived { person: PersonId(person.id), name: person.full_name(), sent_anyway: clean.sent_anyway };
    crate::messages::notify(&txn, &account, &notice, public_url).await?;
    txn.commit().await?;
    Ok(received_at)
}

/// The newest photo kept of the person, as kept (so they see what officers see).
pub async fn newest(db: &DatabaseConnection, person: &person::Model) -> Result<Option<Vec<u8>>, DeskError> {
    Ok(stored::Entity::find()
        .select_only()
        .column(stored::Column::Jpeg)
        .filter(stored::Column::PersonId.eq(person.id))
        .order_by_desc(stored::Column::Id)
        .into_tuple::<Vec<u8>>()
        .one(db)
        .await?)
}
