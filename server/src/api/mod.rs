//! The JSON API for upstream systems, under `/api/v1`, described by an OpenAPI
//! document at `/api/v1/openapi.json`.
mod auth;
mod cases;
mod error;
pub mod tokens;

use crate::state::AppState;
use axum::http::header;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/cases", post(cases::create))
        .route("/api/v1/openapi.json", get(openapi))
}

/// Written by hand, and checked against the types it describes by a test.
pub const OPENAPI: &str = include_str!("openapi.json");

async fn openapi() -> impl axum::response::IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::{RawCase, RawPerson};
    use serde_json::Value;

    fn keys(value: Value) -> Vec<String> {
        let mut keys: Vec<String> = value.as_object().expect("an object").keys().cloned().collect();
        keys.sort();
        keys
    }

    #[test]
    fn the_document_describes_the_fields_the_api_reads() {
        let doc: Value = serde_json::from_str(OPENAPI).expect("openapi.json is JSON");
        let schemas = &doc["components"]["schemas"];
        assert_eq!(keys(schemas["Case"]["properties"].clone()), keys(serde_json::to_value(RawCase::default()).unwrap()));
        assert_eq!(keys(schemas["Person"]["properties"].clone()), keys(serde_json::to_value(RawPerson::default()).unwrap()));
    }
}
