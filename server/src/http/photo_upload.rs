//! The photo endpoints (their paths are declared in `app::api::photos`): the
//! photo step's, with the photo as the request's body, and officers' view of a
//! photo by its key; the fully signed-in person from the cookie.
use crate::state::AppState;
use app::api::context::{active_viewer, session_token};
use app::api::photos::{REVIEW_ROUTE, ROUTE};
use app::domain::{PersonId, PhotoKey, Viewer};
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new().route(ROUTE, post(send).get(newest)).route(REVIEW_ROUTE, get(for_review))
}

#[derive(serde::Deserialize)]
struct Choice {
    /// The person chose "send it anyway, an officer will decide".
    #[serde(default)]
    anyway: bool,
}

async fn send(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(person): Path<PersonId>,
    Query(choice): Query<Choice>,
    body: Bytes,
) -> Response {
    let sent = async {
        let viewer = viewer(&state, &headers).await?;
        state.services.photos.receive(&viewer, person, choice.anyway, body).await
    };
    match sent.await {
        Ok(outcome) => Json(outcome).into_response(),
        Err(error) => refusal(error),
    }
}

async fn newest(State(state): State<AppState>, headers: HeaderMap, Path(person): Path<PersonId>) -> Response {
    let found = async {
        let viewer = viewer(&state, &headers).await?;
        state.services.photos.newest(&viewer, person).await
    };
    match found.await {
        Ok(Some(jpeg)) => private_jpeg(jpeg),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => refusal(error),
    }
}

async fn for_review(State(state): State<AppState>, headers: HeaderMap, Path(key): Path<String>) -> Response {
    let found = async {
        let viewer = viewer(&state, &headers).await?;
        let key = PhotoKey::parse(&key).ok_or(AppError::NotFound)?;
        state.services.reviews.image(&viewer, &key).await
    };
    match found.await {
        Ok(jpeg) => private_jpeg(jpeg),
        Err(error) => refusal(error),
    }
}

/// A photo of a person: never kept by a browser's or a proxy's cache.
fn private_jpeg(jpeg: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "private, no-store")], jpeg).into_response()
}

/// The fully signed-in person the request's session cookie belongs to.
pub(super) async fn viewer(state: &AppState, headers: &HeaderMap) -> Result<Viewer, AppError> {
    active_viewer(state.services.accounts.as_ref(), session_token(headers, state.settings.https()).as_deref()).await
}

/// An error as its status and, for the page, the error itself (a message key).
pub(super) fn refusal(error: AppError) -> Response {
    (error.status(), Json(error)).into_response()
}
