//! The headers every answer carries (the Content-Security-Policy, which needs
//! the page's nonce, is set by the page itself: `app::set_content_security_policy`).
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Server functions and handlers that answer about a signed-in person.
const PRIVATE: [&str; 3] = ["/api/me/", "/api/officer/", "/api/session/"];

pub async fn layer(https: bool, request: Request, next: Next) -> Response {
    let private = PRIVATE.iter().any(|prefix| request.uri().path().starts_with(prefix));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // Pages are made for one person (and carry a one-time nonce): never kept by
    // a browser's or a proxy's cache, so the back button after signing out shows nothing.
    let page = headers.get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if private || page {
        headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    }
    headers.entry(header::X_CONTENT_TYPE_OPTIONS).or_insert(HeaderValue::from_static("nosniff"));
    headers.entry(header::REFERRER_POLICY).or_insert(HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.entry(header::X_FRAME_OPTIONS).or_insert(HeaderValue::from_static("DENY"));
    if https {
        // Two years, as hstspreload.org asks.
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    }
    response
}
