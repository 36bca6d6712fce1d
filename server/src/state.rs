//! What every handler and server function can reach, built once at start.
use crate::accounts::passwords::Hasher;
use crate::accounts::AccountDesk;
use crate::applicants::ApplicantDesk;
use crate::casework::desk::CaseDesk;
use crate::config::Settings;
use crate::invitations::answer::InvitationDesk;
use crate::messages::MessageDesk;
use crate::photos::PhotoDesk;
use crate::review::ReviewDesk;
use crate::ecopr::EcoprDesk;
use crate::secrets::keys::Keys;
use app::api::ports::Services;
use axum::extract::FromRef;
use leptos::config::{Env, LeptosOptions};
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub keys: Arc<Keys>,
    pub hasher: Hasher,
    /// The ports server functions and handlers reach the desks through.
    pub services: Services,
}

impl AppState {
    pub fn new(settings: Settings, db: DatabaseConnection, keys: Arc<Keys>) -> Self {
        let hasher = Hasher::new(std::time::Duration::from_millis(settings.sessions.password_wait_ms));
        let settings = Arc::new(settings);
        let accounts = AccountDesk { db: db.clone(), settings: settings.clone(), keys: keys.clone(), hasher: hasher.clone() };
        let services = Services {
            invitations: Arc::new(InvitationDesk { db: db.clone(), settings: settings.clone(), hasher: hasher.clone() }),
            accounts: Arc::new(accounts),
            casework: Arc::new(CaseDesk { db: db.clone(), settings: settings.clone() }),
            applicants: Arc::new(ApplicantDesk { db: db.clone() }),
            photos: Arc::new(PhotoDesk { db: db.clone(), public_url: settings.site.public_url.clone() }),
            messages: Arc::new(MessageDesk { db: db.clone() }),
            reviews: Arc::new(ReviewDesk { db: db.clone(), public_url: settings.site.public_url.clone() }),
            ecoprs: Arc::new(EcoprDesk { db: db.clone(), public_url: settings.site.public_url.clone() }),
            secure_cookies: settings.https(),
        };
        Self { leptos_options: leptos_options(&settings), db, settings, keys, hasher, services }
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
