//! The API's errors: each one a status and a JSON body with bilingual messages;
//! internal details go to the log only.
use app::domain::{ErrorKey, FieldError};
use app::i18n::Locale;
use app::messages::error_message;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("missing or unknown bearer token")]
    Unauthorized,
    #[error("the body is not JSON")]
    Unreadable,
    #[error("the body has fields of the wrong type")]
    WrongShape,
    #[error("{} field(s) are invalid", .0.len())]
    Invalid(Vec<FieldError>),
    /// Anything that failed inside; its cause goes to the log only.
    #[error(transparent)]
    Failed(#[from] crate::error::DeskError),
}

fn field_error(field: &str, key: ErrorKey) -> serde_json::Value {
    json!({
        "field": field,
        "code": key.as_str(),
        "message": { "en": error_message(Locale::en, key), "fr": error_message(Locale::fr, key) },
    })
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                Json(json!({ "error": "unauthorized", "message": {
                    "en": "Send a valid API token: Authorization: Bearer <token>.",
                    "fr": "Envoyez un jeton d’API valide : Authorization: Bearer <jeton>.",
                }})),
            )
                .into_response(),
            ApiError::Unreadable => {
                (StatusCode::BAD_REQUEST, Json(json!({ "errors": [field_error("", ErrorKey::BodyInvalid)] }))).into_response()
            }
            ApiError::WrongShape => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "errors": [field_error("", ErrorKey::BodyInvalid)] })),
            )
                .into_response(),
            ApiError::Invalid(errors) => {
                let errors: Vec<_> = errors.iter().map(|e| field_error(&e.field, e.key)).collect();
                (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "errors": errors }))).into_response()
            }
            ApiError::Failed(cause) => {
                tracing::error!(%cause, "API: request failed");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    Json(json!({ "error": "unavailable", "message": {
                        "en": "The service is unavailable. Try again in a few minutes.",
                        "fr": "Le service n’est pas disponible. Réessayez dans quelques minutes.",
                    }})),
                )
                    .into_response()
            }
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(err: sea_orm::DbErr) -> Self {
        ApiError::Failed(err.into())
    }
}
