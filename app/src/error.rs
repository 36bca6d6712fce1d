//! The one error type of server functions: what a person can be told, as a
//! message key; the cause stays in the server's log.
use crate::domain::ErrorKey;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("the service is unavailable")]
    Unavailable,
    #[error("the request could not be read")]
    BadRequest,
    #[error("signing in is needed")]
    SignInRequired,
    #[error("the signed-in person may not do this")]
    Forbidden,
    /// Also what another account's profile answers: whether it exists is not told.
    #[error("there is no such thing for the signed-in person")]
    NotFound,
    /// The address and photo steps open once the person is declared in Canada.
    #[error("the person has not declared being in Canada")]
    PresenceRequired,
    #[error("too many requests of this kind are being served: try again shortly")]
    Busy,
    /// Permanent residence is confirmed: the person's steps are closed.
    #[error("the person's permanent residence is already confirmed")]
    AlreadyConfirmed,
}

impl AppError {
    pub fn key(self) -> ErrorKey {
        match self {
            AppError::Unavailable => ErrorKey::Unavailable,
            AppError::BadRequest => ErrorKey::BadRequest,
            AppError::SignInRequired => ErrorKey::SignInRequired,
            AppError::Forbidden => ErrorKey::Forbidden,
            AppError::NotFound => ErrorKey::NotFound,
            AppError::PresenceRequired => ErrorKey::PresenceRequired,
            AppError::Busy => ErrorKey::Busy,
            AppError::AlreadyConfirmed => ErrorKey::AlreadyConfirmed,
        }
    }

    /// The HTTP status that goes with the error.
    #[cfg(feature = "ssr")]
    pub fn status(self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::PresenceRequired => StatusCode::CONFLICT,
            AppError::Busy => StatusCode::TOO_MANY_REQUESTS,
            AppError::AlreadyConfirmed => StatusCode::CONFLICT,
        }
    }

    /// Sets the status of a server function's answer to match (it would otherwise
    /// be 500). A page that calls a server function while it renders on the server
    /// shares that answer's response: there the page sets its own status from what
    /// it shows (a redirect to sign in, 403, 404), which a failed call must not
    /// overwrite, whichever of the two finishes last.
    #[cfg(feature = "ssr")]
    pub fn with_status(self) -> Self {
        let called = leptos::prelude::use_context::<http::request::Parts>().is_some_and(|request| request.uri.path().starts_with("/api/"));
        if called {
            set_response_status(self.status());
            if self == AppError::Busy {
                if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                    response.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from_static(RETRY_AFTER_SECONDS));
                }
            }
        }
        self
    }
}

/// How long a refused crowd is told to wait (`Retry-After`).
#[cfg(feature = "ssr")]
pub const RETRY_AFTER_SECONDS: &str = "5";

/// Sets the status of the answer being made on the server: a page's, from what it
/// shows, or a server function's.
#[cfg(feature = "ssr")]
pub fn set_response_status(status: http::StatusCode) {
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::BadRequest
            }
            _ => AppError::Unavailable,
        };
        // On the server, a request that cannot be read is the caller's mistake: 400, not 500.
        #[cfg(feature = "ssr")]
        let error = error.with_status();
        error
    }
}
