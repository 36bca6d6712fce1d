//! `Authorization: Bearer <token>`, checked against the stored hashes.
use super::error::ApiError;
use crate::api::tokens;
use crate::entities::api_token;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};

/// The upstream system that made the request.
pub struct Caller(pub api_token::Model);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(ApiError::Unauthorized)?;
        tokens::authenticate(&state.db, presented.trim())
            .await?
            .map(Caller)
            .ok_or(ApiError::Unauthorized)
    }
}
