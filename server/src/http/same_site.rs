//! Server functions carry no CSRF token: a state change posted from another
//! site's page is refused on what the browser says of its origin. (The session
//! cookie is SameSite=Lax as well; the upstream API uses bearer tokens.)
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn layer(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let server_function = request.method() == Method::POST && path.starts_with("/api/") && !path.starts_with("/api/v1/");
    if server_function {
        let headers = request.headers();
        let cross_site = headers.get("sec-fetch-site").is_some_and(|v| v == "cross-site");
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let foreign = headers
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|origin| origin.split_once("://").map(|(_, rest)| rest) != host);
        if cross_site || foreign {
            tracing::warn!(path, "cross-site server function call refused");
            return (StatusCode::FORBIDDEN, "Requests from other sites are refused. / Les requêtes venant d’autres sites sont refusées.").into_response();
        }
    }
    next.run(request).await
}
