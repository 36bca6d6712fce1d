//! The photo step's HTTP endpoint (its path is declared in `app::api::photos`):
//! the photo as the request's body, the fully signed-in person from the cookie.
use crate::state::AppState;
use app::api::context::{active_viewer, session_token};
use app::api::photos::ROUTE;
use app::domain::{PersonId, Viewer};
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new().route(ROUTE, post(send).get(newest))
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
        Ok(Some(jpeg)) => {
            ([(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "private, no-store")], jpeg).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => refusal(error),
    }
}

/// The fully signed-in person the request's session cookie belongs to.
async fn viewer(state: &AppState, headers: &HeaderMap) -> Result<Viewer, AppError> {
    active_viewer(state.services.accounts.as_ref(), session_token(headers, state.settings.https()).as_deref()).await
}

/// An error as its status and, for the page, the error itself (a message key).
fn refusal(error: AppError) -> Response {
    (error.status(), Json(error)).into_response()
}
