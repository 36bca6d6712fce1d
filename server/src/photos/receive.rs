//! The signed-in photo step's endpoint. The photo is checked again here by the
//! same engine the browser ran, and kept only as the shared rule allows
//! (`Report::sending`): when a check of judgement failed, only with the person's
//! explicit choice to send it anyway, which is kept with it for an officer.
use crate::audit::{self, Action, Actor};
use crate::db::unavailable;
use crate::entities::{person, photo as stored};
use crate::state::AppState;
use app::domain::{PhotoOutcome, PhotoStatus, Viewer};
use app::error::AppError;
use app::session::{active_viewer, session_token};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use chrono::Utc;
use photo::{FaceDetector, Report, Sending};
use std::sync::LazyLock;
use tokio::sync::Semaphore;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, Statement, TransactionTrait};

/// Photos kept for one person: the newest, and a few before it.
pub const KEPT_PER_PERSON: i64 = 5;

static CHECKS: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(2, usize::from)));

pub fn router() -> Router<AppState> {
    Router::new().route("/api/me/people/{person}/photo", post(send).get(newest))
}

#[derive(serde::Deserialize)]
struct Choice {
    /// The person chose "send it anyway, an officer will decide".
    #[serde(default)]
    anyway: bool,
}

#[tracing::instrument(skip_all, fields(person, anyway = choice.anyway, bytes = body.len()))]
async fn send(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(person): Path<i32>,
    Query(choice): Query<Choice>,
    body: Bytes,
) -> Response {
    match receive(&state, &headers, person, choice.anyway, body).await {
        Ok(outcome) => Json(outcome).into_response(),
        Err(error) => refusal(error),
    }
}

/// The newest photo kept for the person, as kept (so they see what officers see).
#[tracing::instrument(skip_all, fields(person))]
async fn newest(State(state): State<AppState>, headers: HeaderMap, Path(person): Path<i32>) -> Response {
    let found = async {
        let viewer = viewer(&state, &headers).await?;
        let person = own_person(&state, &viewer, person).await?;
        stored::Entity::find()
            .filter(stored::Column::PersonId.eq(person.id))
            .order_by_desc(stored::Column::Id)
            .one(&state.db)
            .await
            .map_err(unavailable)
    };
    match found.await {
        Ok(Some(photo)) => (
            [(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "private, no-store")],
            photo.jpeg,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => refusal(error),
    }
}

async fn receive(state: &AppState, headers: &HeaderMap, person: i32, anyway: bool, body: Bytes) -> Result<PhotoOutcome, AppError> {
    let viewer = viewer(state, headers).await?;
    let person = own_person(state, &viewer, person).await?;
    // Decoding and detection take tens of milliseconds of CPU and tens of
    // megabytes: off the async threads, and no more at once than there are cores.
    let _turn = CHECKS.acquire().await.map_err(|_| AppError::Unavailable)?;
    let checked = tokio::task::spawn_blocking(move || check(&body, anyway))
        .await
        .map_err(|err| {
            tracing::error!(%err, "the photo check stopped");
            AppError::Unavailable
        })??;
    let (report, clean) = match checked {
        Checked::Kept { report, clean } => (report, clean),
        Checked::NotSent(report) => return Ok(PhotoOutcome::NotSent(report)),
    };
    let received_at = Utc::now();
    let txn = state.db.begin().await.map_err(unavailable)?;
    // Inserted without reading the row back: that would bring the JPEG back too.
    let kept = stored::Entity::insert(stored::ActiveModel {
        person_id: Set(person.id),
        sent_by: Set(viewer.user_id),
        jpeg: Set(clean.jpeg),
        width: Set(clean.width),
        height: Set(clean.height),
        report: Set(serde_json::to_string(&report).unwrap_or_default()),
        verdict: Set(report.verdict.as_str().to_owned()),
        sent_anyway: Set(clean.sent_anyway),
        received_at: Set(received_at),
        ..Default::default()
    })
    .exec(&txn)
    .await
    .map_err(unavailable)?
    .last_insert_id;
    // Officers review the newest photo: older ones beyond a few are not kept,
    // so that no one can fill the database by sending photo after photo.
    let pruned = Statement::from_sql_and_values(
        txn.get_database_backend(),
        "DELETE FROM photos WHERE person_id = $1 AND id NOT IN \
           (SELECT id FROM photos WHERE person_id = $1 ORDER BY id DESC LIMIT $2)",
        [person.id.into(), KEPT_PER_PERSON.into()],
    );
    txn.execute_raw(pruned).await.map_err(unavailable)?;
    audit::record(
        &txn,
        &Actor::User(viewer.user_id),
        Action::PhotoSent,
        &format!("person:{}", person.id),
        serde_json::json!({ "photo": kept, "verdict": report.verdict, "sent_anyway": clean.sent_anyway }),
    )
    .await
    .map_err(unavailable)?;
    txn.commit().await.map_err(unavailable)?;
    Ok(PhotoOutcome::Received(PhotoStatus {
        received_on: received_at.date_naive().to_string(),
        sent_anyway: clean.sent_anyway,
    }))
}

enum Checked {
    Kept { report: Report, clean: Clean },
    NotSent(Report),
}

/// What is kept: re-encoded from the pixels, so no metadata (GPS included) survives.
struct Clean {
    jpeg: Vec<u8>,
    width: i32,
    height: i32,
    sent_anyway: bool,
}

fn check(bytes: &[u8], anyway: bool) -> Result<Checked, AppError> {
    let mut detector = FaceDetector::from_model_bytes(photo::FACE_MODEL).map_err(|err| {
        tracing::error!(%err, "the face model does not load");
        AppError::Unavailable
    })?;
    let report = photo::check_file(bytes, &mut detector);
    let sent_anyway = match report.sending() {
        Sending::Allowed => false,
        Sending::IfConfirmed if anyway => true,
        Sending::IfConfirmed | Sending::Refused => return Ok(Checked::NotSent(report)),
    };
    // The checks read a reduced copy; what is kept is the whole photo.
    let Ok((_, image)) = photo::decode(bytes, photo::DecodeLimits::default()) else {
        return Ok(Checked::NotSent(report));
    };
    let (width, height) = image.dimensions();
    let clean = Clean {
        jpeg: photo::encode_jpeg(&image),
        width: i32::try_from(width).unwrap_or_default(),
        height: i32::try_from(height).unwrap_or_default(),
        sent_anyway,
    };
    Ok(Checked::Kept { report, clean })
}

/// The fully signed-in person the request's session cookie belongs to.
async fn viewer(state: &AppState, headers: &HeaderMap) -> Result<Viewer, AppError> {
    active_viewer(state.services.accounts.as_ref(), session_token(headers, state.settings.https()).as_deref()).await
}

/// A person whose profile the viewer completes (their own, or a child's); any
/// other is refused the same way whether or not it exists.
async fn own_person(state: &AppState, viewer: &Viewer, id: i32) -> Result<person::Model, AppError> {
    person::Entity::find_by_id(id)
        .filter(person::Column::UserId.eq(viewer.user_id))
        .one(&state.db)
        .await
        .map_err(unavailable)?
        .ok_or(AppError::Forbidden)
}

/// An error as its status and, for the page, the error itself (a message key).
fn refusal(error: AppError) -> Response {
    (error.status(), Json(error)).into_response()
}
