//! What every server function needs from its request: the services (the
//! ports), the session cookie, the client's address, and the signed-in person.
use crate::domain::{Stage, Viewer};
use crate::error::AppError;
use super::ports::{Accounts, ClientAddress, Services};
use cookie::{Cookie, SameSite};
use http::header::{COOKIE, SET_COOKIE};
use http::HeaderValue;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use std::net::IpAddr;

pub fn services() -> Result<Services, AppError> {
    use_context::<Services>().ok_or(AppError::Unavailable)
}

/// Over HTTPS the cookie is a `__Host-` cookie: the browser keeps it only if
/// it is Secure, for the whole site and for this host alone, so another
/// host under the same domain cannot plant one.
fn name(secure: bool) -> &'static str {
    if secure { "__Host-portal_session" } else { "portal_session" }
}

/// The session's secret from the request's cookie.
pub async fn cookie() -> Option<String> {
    let secure = use_context::<Services>()?.secure_cookies;
    let headers: http::HeaderMap = leptos_axum::extract().await.ok()?;
    session_token(&headers, secure)
}

/// The session's secret among a request's headers (for handlers outside server functions).
pub fn session_token(headers: &http::HeaderMap, secure: bool) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(Cookie::split_parse)
        .flatten()
        .find(|c| c.name() == name(secure))
        .map(|c| c.value().to_owned())
}

pub async fn address() -> Option<IpAddr> {
    let axum::Extension(ClientAddress(address)) = leptos_axum::extract().await.ok()?;
    Some(address)
}

fn write(cookie: Cookie<'_>) {
    if let (Some(response), Ok(value)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&cookie.to_string())) {
        response.append_header(SET_COOKIE, value);
    }
}

/// HttpOnly (no script reads it), SameSite=Lax (not sent on other sites' posts),
/// Secure behind TLS; no Max-Age, so it ends with the browser as well.
pub fn set_cookie(token: &str, secure: bool) {
    write(Cookie::build((name(secure), token.to_owned())).path("/").http_only(true).same_site(SameSite::Lax).secure(secure).build());
}

pub fn clear_cookie(secure: bool) {
    let mut gone = Cookie::build((name(secure), "")).path("/").http_only(true).same_site(SameSite::Lax).secure(secure).build();
    gone.make_removal();
    write(gone);
}

/// The fully signed-in person, or the reason they may not go on.
pub async fn signed_in() -> Result<(Services, Viewer), AppError> {
    let (services, viewer, _) = signed_in_session().await?;
    Ok((services, viewer))
}

/// [`signed_in`], with the session's secret (to tell this session from the person's others).
pub async fn signed_in_session() -> Result<(Services, Viewer, String), AppError> {
    let services = services()?;
    let token = cookie().await;
    let viewer = active_viewer(services.accounts.as_ref(), token.as_deref()).await.map_err(AppError::with_status)?;
    Ok((services, viewer, token.unwrap_or_default()))
}

/// The person a session secret belongs to, once fully signed in (for handlers
/// outside server functions too).
pub async fn active_viewer(accounts: &dyn Accounts, token: Option<&str>) -> Result<Viewer, AppError> {
    let token = token.ok_or(AppError::SignInRequired)?;
    match accounts.viewer(token).await? {
        Some(viewer) if viewer.stage == Stage::Active => Ok(viewer),
        _ => Err(AppError::SignInRequired),
    }
}
