//! `/api/session/*`: signing in, step by step, signing out, and a forgotten password.
use crate::domain::{ResetOutcome, StepOutcome, Viewer};
#[cfg(feature = "ssr")]
use super::context;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "session/sign-in")]
pub async fn sign_in(username: String, password: String) -> Result<StepOutcome, AppError> {
    let services = context::services()?;
    let signed = services.accounts.sign_in(&username, &password, context::address().await).await.map_err(AppError::with_status)?;
    if let Some(token) = signed.session {
        context::set_cookie(&token, services.secure_cookies);
    }
    Ok(signed.outcome)
}

#[server(endpoint = "session/change-password")]
pub async fn change_password(new_password: String, new_password_again: String) -> Result<StepOutcome, AppError> {
    let services = context::services()?;
    let token = context::cookie().await.unwrap_or_default();
    services.accounts.change_password(&token, &new_password, &new_password_again).await.map_err(AppError::with_status)
}

#[server(endpoint = "session/verify")]
pub async fn verify_code(code: String) -> Result<StepOutcome, AppError> {
    let services = context::services()?;
    let token = context::cookie().await.unwrap_or_default();
    let signed = services.accounts.verify_code(&token, &code).await.map_err(AppError::with_status)?;
    if let Some(token) = signed.session {
        context::set_cookie(&token, services.secure_cookies);
    }
    Ok(signed.outcome)
}

#[server(endpoint = "session/sign-out")]
pub async fn sign_out(everywhere: bool) -> Result<(), AppError> {
    let services = context::services()?;
    if let Some(token) = context::cookie().await {
        services.accounts.sign_out(&token, everywhere).await.map_err(AppError::with_status)?;
    }
    context::clear_cookie(services.secure_cookies);
    Ok(())
}

/// Always the same answer, whether or not an account uses the address.
#[server(endpoint = "session/forgot")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    context::services()?.accounts.request_reset(&email, context::address().await).await.map_err(AppError::with_status)
}

#[server(endpoint = "session/reset")]
pub async fn reset_password(token: String, new_password: String, new_password_again: String) -> Result<ResetOutcome, AppError> {
    let services = context::services()?;
    services.accounts.reset_password(&token, &new_password, &new_password_again).await.map_err(AppError::with_status)
}

/// The signed-in person, whatever their stage; `None` when signed out.
#[server(endpoint = "session/viewer")]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    let services = context::services()?;
    match context::cookie().await {
        Some(token) => services.accounts.viewer(&token).await.map_err(AppError::with_status),
        None => Ok(None),
    }
}

#[server(endpoint = "session/strength")]
pub async fn password_strength(password: String) -> Result<u8, AppError> {
    let services = context::services()?;
    let token = context::cookie().await.unwrap_or_default();
    services.accounts.password_strength(&token, &password).await.map_err(AppError::with_status)
}
