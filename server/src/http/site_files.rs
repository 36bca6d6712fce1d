//! What the site serves besides pages: its files on disk, the face model, and
//! the readiness check.
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::Router;
use sea_orm::DatabaseConnection;
use tower_http::services::ServeFile;

/// A route for each file at the top of the site folder (the icon, and whatever
/// `public/` holds): `/favicon.svg` would otherwise be taken for a language by the
/// pages' `/{lang}` route and get the 404 page. Files in folders (`/pkg/…`) are
/// served by the fallback.
pub fn root_files<S: Clone + Send + Sync + 'static>(site: &std::path::Path) -> Router<S> {
    // A name like `robots.txt`, which no other route has and axum takes as it is.
    let plain = |name: &str| {
        name.contains('.') && !name.starts_with('.') && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    };
    std::fs::read_dir(site)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| Some((entry.file_name().into_string().ok()?, entry.path())))
        .filter(|(name, _)| plain(name) && !name.ends_with(".br") && !name.ends_with(".gz"))
        .fold(Router::new(), |router, (name, path)| {
            router.route_service(&format!("/{name}"), ServeFile::new(path).precompressed_br().precompressed_gzip())
        })
}

/// Readiness for a load balancer: answers 200 only while the database answers.
#[tracing::instrument(skip_all)]
pub async fn health(State(db): State<DatabaseConnection>) -> (StatusCode, &'static str) {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::warn!(%err, "database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

/// The face detector's model, fetched by the browser only on pages that check photos.
pub async fn face_model() -> impl axum::response::IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/octet-stream"),
            // The file name carries the model's version.
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        photo::FACE_MODEL,
    )
}
