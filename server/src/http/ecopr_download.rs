//! The eCOPR's download (its path is declared in `app::api::ecopr`): a PDF for
//! the signed-in person who completes that profile, saved rather than shown
//! inline, and never kept by a cache.
use super::photo_upload::{refusal, viewer};
use crate::state::AppState;
use app::api::ecopr::DOWNLOAD_ROUTE;
use app::domain::PersonId;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().route(DOWNLOAD_ROUTE, get(download))
}

#[tracing::instrument(skip_all, fields(person = %person))]
async fn download(State(state): State<AppState>, headers: HeaderMap, Path(person): Path<PersonId>) -> Response {
    let found = async {
        let viewer = viewer(&state, &headers).await?;
        state.services.ecoprs.document(&viewer, person).await
    };
    match found.await {
        Ok(file) => {
            // The file name is ours (`eCOPR-E000000042.pdf`): ASCII, no quotes.
            let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.file_name))
                .unwrap_or(HeaderValue::from_static("attachment"));
            let headers = [
                (header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
                (header::CONTENT_DISPOSITION, disposition),
                (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
            ];
            (headers, file.pdf).into_response()
        }
        Err(error) => refusal(error),
    }
}
