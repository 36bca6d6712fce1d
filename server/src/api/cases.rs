//! `POST /api/v1/cases`: an approved case from the upstream system.
use super::auth::Caller;
use super::error::ApiError;
use crate::audit::Actor;
use crate::casework::intake::{self, InvitationSettings, Received};
use crate::entities::case;
use crate::state::AppState;
use app::domain::RawCase;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sea_orm::ActiveEnum;
use serde_json::{json, Value};

#[tracing::instrument(skip_all, fields(caller = %caller.0.name))]
pub async fn create(State(state): State<AppState>, caller: Caller, body: Bytes) -> Result<(StatusCode, Json<Value>), ApiError> {
    let raw: RawCase = serde_json::from_slice(&body).map_err(|err| match err.classify() {
        serde_json::error::Category::Data => ApiError::WrongShape,
        _ => ApiError::Unreadable,
    })?;
    let new = raw.parse(chrono::Utc::now().date_naive()).map_err(ApiError::Invalid)?;
    let invitation = InvitationSettings {
        public_url: &state.settings.site.public_url,
        valid_days: state.settings.sessions.invitation_days,
    };
    let received = intake::receive(&state.db, &new, case::Source::Api, &Actor::Api(caller.0.name), &invitation).await?;
    let (status, case) = match received {
        Received::Created(case) => (StatusCode::CREATED, case),
        Received::AlreadyKnown(case) => (StatusCode::OK, case),
    };
    Ok((status, Json(json!({ "id": case.id, "application_number": case.application_number, "status": case.status.to_value() }))))
}
