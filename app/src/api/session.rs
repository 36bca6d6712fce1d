//! Server functions of signing in and of what a signed-in person may see. Each
//! one finds the person from the session cookie and checks their stage and role.
use crate::domain::{AuthenticatorOutcome, Profile, ProfileSummary, ResetOutcome, StepOutcome, Viewer};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "session/sign-in")]
pub async fn sign_in(username: String, password: String) -> Result<StepOutcome, AppError> {
    let services = server::services()?;
    let signed = services.accounts.sign_in(&username, &password, server::address().await).await.map_err(AppError::with_status)?;
    if let Some(token) = signed.session {
        server::set_cookie(&token, services.secure_cookies);
    }
    Ok(signed.outcome)
}

#[server(endpoint = "session/change-password")]
pub async fn change_password(new_password: String, new_password_again: String) -> Result<StepOutcome, AppError> {
    let services = server::services()?;
    let token = server::cookie().await.unwrap_or_default();
    services.accounts.change_password(&token, &new_password, &new_password_again).await.map_err(AppError::with_status)
}

#[server(endpoint = "session/verify")]
pub async fn verify_code(code: String) -> Result<StepOutcome, AppError> {
    let services = server::services()?;
    let token = server::cookie().await.unwrap_or_default();
    let signed = services.accounts.verify_code(&token, &code).await.map_err(AppError::with_status)?;
    if let Some(token) = signed.session {
        server::set_cookie(&token, services.secure_cookies);
    }
    Ok(signed.outcome)
}

#[server(endpoint = "session/sign-out")]
pub async fn sign_out(everywhere: bool) -> Result<(), AppError> {
    let services = server::services()?;
    if let Some(token) = server::cookie().await {
        services.accounts.sign_out(&token, everywhere).await.map_err(AppError::with_status)?;
    }
    server::clear_cookie(services.secure_cookies);
    Ok(())
}

/// Always the same answer, whether or not an account uses the address.
#[server(endpoint = "session/forgot")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    server::services()?.accounts.request_reset(&email, server::address().await).await.map_err(AppError::with_status)
}

#[server(endpoint = "session/reset")]
pub async fn reset_password(token: String, new_password: String, new_password_again: String) -> Result<ResetOutcome, AppError> {
    let services = server::services()?;
    services.accounts.reset_password(&token, &new_password, &new_password_again).await.map_err(AppError::with_status)
}

/// The signed-in person, whatever their stage; `None` when signed out.
#[server(endpoint = "session/viewer")]
pub async fn current_viewer() -> Result<Option<Viewer>, AppError> {
    let services = server::services()?;
    match server::cookie().await {
        Some(token) => services.accounts.viewer(&token).await.map_err(AppError::with_status),
        None => Ok(None),
    }
}

#[server(endpoint = "session/strength")]
pub async fn password_strength(password: String) -> Result<u8, AppError> {
    let services = server::services()?;
    let token = server::cookie().await.unwrap_or_default();
    services.accounts.password_strength(&token, &password).await.map_err(AppError::with_status)
}

#[server(endpoint = "me/profiles")]
pub async fn my_profiles() -> Result<Vec<ProfileSummary>, AppError> {
    let (services, viewer) = server::signed_in().await?;
    services.accounts.profiles(&viewer).await.map_err(AppError::with_status)
}

/// A profile the signed-in person completes; another person's is `None`, as is one that does not exist.
#[server(endpoint = "me/profile")]
pub async fn my_profile(id: i32) -> Result<Option<Profile>, AppError> {
    let (services, viewer) = server::signed_in().await?;
    services.accounts.profile(&viewer, id).await.map_err(AppError::with_status)
}

/// `code` is the app's (or a recovery code) when one is in use already.
#[server(endpoint = "me/authenticator/start")]
pub async fn start_authenticator(password: String, code: Option<String>) -> Result<AuthenticatorOutcome, AppError> {
    let (services, viewer) = server::signed_in().await?;
    let code = code.unwrap_or_default();
    services.accounts.start_authenticator(&viewer, &password, &code).await.map_err(AppError::with_status)
}

#[server(endpoint = "me/authenticator/confirm")]
pub async fn confirm_authenticator(code: String) -> Result<AuthenticatorOutcome, AppError> {
    let (services, viewer, session) = server::signed_in_session().await?;
    services.accounts.confirm_authenticator(&viewer, &session, &code).await.map_err(AppError::with_status)
}

#[server(endpoint = "me/authenticator/remove")]
pub async fn remove_authenticator(password: String, code: String) -> Result<AuthenticatorOutcome, AppError> {
    let (services, viewer, session) = server::signed_in_session().await?;
    services.accounts.remove_authenticator(&viewer, &session, &password, &code).await.map_err(AppError::with_status)
}

#[cfg(feature = "ssr")]
pub use server::{active_viewer, session_token};

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::domain::{Stage, Viewer};
    use crate::error::AppError;
    use crate::services::{Accounts, ClientAddress, Services};
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
}
