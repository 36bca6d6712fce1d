//! Builds the HTTP application and runs it.
use crate::config::Settings;
use crate::db::{self, DbSetupError};
use crate::mail::dev_outbox::{self, OutboxFolder};
use crate::mail::transport::{MailSetupError, Transport};
use crate::mail::worker::Worker;
use std::sync::Arc;
use crate::accounts::AccountDesk;
use crate::keys::{KeyError, Keys};
use crate::passwords::Hasher;
use crate::answers::InvitationDesk;
use crate::casework::CaseDesk;
use app::services::Services;
use app::{shell, App};
use axum::extract::{DefaultBodyLimit, FromRef, State};
use axum::http::{header, StatusCode};
use axum::routing::get;
use axum::Router;
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use axum::extract::Request;
use axum::ServiceExt;
use tower::Layer;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::normalize_path::{NormalizePath, NormalizePathLayer};
use tower_http::trace::TraceLayer;

/// What every handler and server function can reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub keys: Arc<Keys>,
    pub hasher: Hasher,
}

impl AppState {
    pub fn account_desk(&self) -> AccountDesk {
        AccountDesk { db: self.db.clone(), settings: self.settings.clone(), keys: self.keys.clone(), hasher: self.hasher.clone() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] DbSetupError),
    #[error(transparent)]
    Mail(#[from] MailSetupError),
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error("could not listen on {address}: {source}")]
    Bind { address: std::net::SocketAddr, source: std::io::Error },
}

pub struct Application {
    listener: TcpListener,
    router: NormalizePath<Router>,
    mail_worker: Worker,
    db: DatabaseConnection,
}

impl Application {
    /// Connects, migrates and binds; port 0 picks a free port (tests).
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let keys = Arc::new(Keys::load(&settings)?);
        let db = db::connect(&settings).await?;
        db::migrate(&db).await?;
        let sealed = crate::second_factor::seal_clear_secrets(&db, &keys).await.map_err(DbSetupError::Migrate)?;
        if sealed > 0 {
            tracing::info!(sealed, "sealed authenticator secrets that were kept in clear");
        }
        let (transport, from) = Transport::from_settings(&settings.mail)?;
        match transport.folder() {
            Some(folder) if settings.dev_outbox() => tracing::warn!(
                folder = %folder.display(),
                "no SMTP server configured: email is written to files and shown at {} (development only)",
                dev_outbox::PATH
            ),
            Some(folder) => tracing::warn!(folder = %folder.display(), "no SMTP server configured: email is written to files, not sent"),
            None => {}
        }
        let transport = Arc::new(transport);
        let mail_worker = Worker::new(db.clone(), transport.clone(), from, settings.mail.clone());
        let address = settings.site.address;
        let listener = TcpListener::bind(address)
            .await
            .map_err(|source| StartupError::Bind { address, source })?;
        // `/en/` and `/en` are one page: routes are matched without the trailing slash.
        let router = NormalizePathLayer::trim_trailing_slash().layer(router(settings, db.clone(), keys, &transport));
        Ok(Self { listener, router, mail_worker, db })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    /// Serves, and sends the outbox's email, until a stop signal.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let worker = self.mail_worker.spawn();
        let purge = crate::attempts::spawn_purge(self.db.clone(), crate::lockouts::LONGEST_WINDOW);
        // Connection addresses are kept for sign-in throttling.
        let service = ServiceExt::<Request>::into_make_service_with_connect_info::<std::net::SocketAddr>(self.router);
        let served = axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await;
        worker.abort();
        purge.abort();
        served
    }
}

pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("portal")
        .site_root(settings.site.root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(settings.site.address)
        .env(Env::PROD)
        .build()
}

fn router(settings: Settings, db: DatabaseConnection, keys: Arc<Keys>, transport: &Transport) -> Router {
    let max_body = settings.uploads.max_photo_bytes + 64 * 1024;
    let hasher = Hasher::new(std::time::Duration::from_millis(settings.sessions.password_wait_ms));
    let state = AppState { leptos_options: leptos_options(&settings), db, settings: Arc::new(settings), keys, hasher };
    // Only while email goes to files, and only on a loopback address unless said otherwise.
    let dev_pages = match transport.folder().filter(|_| state.settings.dev_outbox()) {
        Some(folder) => Router::new()
            .route(dev_outbox::PATH, get(dev_outbox::page))
            .with_state(OutboxFolder(folder.clone())),
        None => Router::new(),
    };
    // The site's files (the app's bundle, icons, the photo worker) as they are on
    // disk; any other path gets the app's 404 page. leptos_axum's file handler also
    // serves files, but inside whatever reactive owner is current on the thread: one
    // left there by a panic once laid another request's response options (a 404
    // status, a page's headers) on the app's script.
    let not_found = Router::new()
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(crate::request_scope::adopt_owner, shell))
        .with_state(state.clone());
    let site_files = ServeDir::new(&state.settings.site.root)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(not_found)
        .call_fallback_on_method_not_allowed(true);
    // Before leptos_axum sets its own executor: a page's tasks end with the page.
    crate::page_tasks::init();
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let services = Services {
        invitations: Arc::new(InvitationDesk { db: state.db.clone(), settings: state.settings.clone(), hasher: state.hasher.clone() }),
        accounts: Arc::new(state.account_desk()),
        casework: Arc::new(CaseDesk { db: state.db.clone(), settings: state.settings.clone() }),
        secure_cookies: state.settings.https(),
    };

    root_files(&state.settings.site.root)
        .route("/health", get(health))
        .route(photo::FACE_MODEL_PATH, get(face_model))
        .merge(crate::api::router())
        .merge(crate::photos::router())
        .merge(dev_pages)
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                crate::request_scope::adopt_owner();
                provide_context(context_state.db.clone());
                provide_context(services.clone());
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback_service(site_files)
        // Pages and server functions keep to their own reactive state (see the module).
        .layer(axum::middleware::from_fn(crate::request_scope::request_scope))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn(same_site_server_functions))
        .layer(axum::middleware::from_fn({
            let trusted: Arc<[ipnet::IpNet]> = state.settings.site.trusted_proxies.clone().into();
            move |request, next| crate::client_address::layer(trusted.clone(), request, next)
        }))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn({
            let https = state.settings.https();
            move |request, next| crate::security_headers::layer(https, request, next)
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A route for each file at the top of the site folder (the icon, and whatever
/// `public/` holds): `/favicon.svg` would otherwise be taken for a language by the
/// pages' `/{lang}` route and get the 404 page. Files in folders (`/pkg/…`) are
/// served by the fallback.
fn root_files<S: Clone + Send + Sync + 'static>(site: &std::path::Path) -> Router<S> {
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

/// Server functions carry no CSRF token: a state change posted from another
/// site's page is refused on what the browser says of its origin. (The session
/// cookie is SameSite=Lax as well; the upstream API uses bearer tokens.)
async fn same_site_server_functions(request: Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::response::IntoResponse;
    let path = request.uri().path();
    let server_function = request.method() == axum::http::Method::POST && path.starts_with("/api/") && !path.starts_with("/api/v1/");
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

/// Readiness for a load balancer: answers 200 only while the database answers.
#[tracing::instrument(skip_all)]
async fn health(State(db): State<DatabaseConnection>) -> (StatusCode, &'static str) {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::warn!(%err, "database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

/// The face detector's model, fetched by the browser only on pages that check photos.
async fn face_model() -> impl axum::response::IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/octet-stream"),
            // The file name carries the model's version.
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        photo::FACE_MODEL,
    )
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
