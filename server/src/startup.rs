//! Starts the portal: settings, keys, database, mail worker, listener; then
//! serves until a stop signal.
use crate::accounts::attempts;
use crate::accounts::lockouts;
use crate::accounts::second_factor;
use crate::applicants::reminders;
use crate::config::Settings;
use crate::db::{self, DbSetupError};
use crate::http::router::router;
use crate::mail::dev_outbox;
use crate::mail::transport::{MailSetupError, Transport};
use crate::mail::worker::Worker;
use crate::secrets::keys::{KeyError, Keys};
use crate::state::AppState;
use axum::extract::Request;
use axum::{Router, ServiceExt};
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower::Layer;
use tower_http::normalize_path::{NormalizePath, NormalizePathLayer};

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
    public_url: String,
}

impl Application {
    /// Connects, migrates and binds; port 0 picks a free port (tests).
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let keys = Arc::new(Keys::load(&settings)?);
        let db = db::connect(&settings).await?;
        db::migrate(&db).await?;
        let sealed = second_factor::seal_clear_secrets(&db, &keys).await.map_err(DbSetupError::Migrate)?;
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
        let public_url = settings.site.public_url.clone();
        let router = NormalizePathLayer::trim_trailing_slash().layer(router(AppState::new(settings, db.clone(), keys), &transport));
        Ok(Self { listener, router, mail_worker, db, public_url })
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    /// Serves, and sends the outbox's email, until a stop signal.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let worker = self.mail_worker.spawn();
        let purge = attempts::spawn_purge(self.db.clone(), lockouts::LONGEST_WINDOW);
        let reminders = reminders::spawn(self.db.clone(), self.public_url.clone(), Arc::new(chrono::Utc::now));
        // Connection addresses are kept for sign-in throttling.
        let service = ServiceExt::<Request>::into_make_service_with_connect_info::<std::net::SocketAddr>(self.router);
        let served = axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await;
        worker.abort();
        purge.abort();
        reminders.abort();
        served
    }
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
