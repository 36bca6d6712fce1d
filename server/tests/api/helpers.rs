use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use secrecy::SecretString;
use portal::config::Settings;
use portal::startup::Application;
use std::net::SocketAddr;
use std::path::PathBuf;

/// The server database used to create and drop one database per test.
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// The portal's key for PostgreSQL test databases (SQLite ones make their own).
const TEST_KEY: &str = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh, empty database that disappears with the value.
pub enum TestDatabase {
    Sqlite { _dir: tempfile::TempDir, path: PathBuf },
    Postgres { name: String, url: String },
}

impl TestDatabase {
    pub async fn create(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary folder");
                let path = dir.path().join("portal.db");
                TestDatabase::Sqlite { _dir: dir, path }
            }
            Backend::Postgres => {
                let name = format!("portal_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(postgres_admin_url())
                    .await
                    .expect("PostgreSQL must be running for the tests (see README)");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let url = postgres_url_for(&name);
                TestDatabase::Postgres { name, url }
            }
        }
    }

    /// Settings that point at this database.
    pub fn settings(&self) -> Settings {
        let mut settings = Settings::default();
        match self {
            TestDatabase::Sqlite { path, .. } => settings.database.sqlite_path = path.clone(),
            TestDatabase::Postgres { url, .. } => {
                settings.database.url = Some(SecretString::from(url.clone()));
                settings.secrets.key = Some(SecretString::from(TEST_KEY));
            }
        }
        settings
    }

    /// Environment variables that point the `portal` binary at this database.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        match self {
            TestDatabase::Sqlite { path, .. } => {
                vec![("APP_DATABASE__SQLITE_PATH", path.display().to_string())]
            }
            TestDatabase::Postgres { url, .. } => vec![("DATABASE_URL", url.clone()), ("APP_SECRETS__KEY", TEST_KEY.to_owned())],
        }
    }
}

fn postgres_url_for(database: &str) -> String {
    let admin = postgres_admin_url();
    let base = admin.rsplit_once('/').map(|(base, _)| base).unwrap_or(&admin);
    format!("{base}/{database}")
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { name, .. } = self {
            let name = name.clone();
            // Drop runs inside the test's runtime, which cannot be blocked on: use a thread of its own.
            let dropped = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
                runtime.block_on(async move {
                    let admin = Database::connect(postgres_admin_url()).await.map_err(std::io::Error::other)?;
                    admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await
                        .map_err(std::io::Error::other)?;
                    admin.close().await.map_err(std::io::Error::other)
                })
            })
            .join();
            if !matches!(dropped, Ok(Ok(()))) {
                eprintln!("warning: could not drop a test database");
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    pub settings: Settings,
    /// Where the file transport writes email (unless the test set SMTP).
    pub outbox: tempfile::TempDir,
    /// The database itself (it lives as long as the app), for the `portal` command.
    pub database: TestDatabase,
}

impl TestApp {
    /// A new API token for an upstream system.
    pub async fn api_token(&self, name: &str) -> String {
        use secrecy::ExposeSecret;
        portal::api::tokens::create(&self.db, name).await.expect("token created").expose_secret().to_owned()
    }

    pub async fn post_case(&self, token: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(format!("{}/api/v1/cases", self.address))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request to the test server")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.address, path))
            .send()
            .await
            .expect("request to the test server")
    }
}

/// Starts the real server on a free port with a fresh database.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// [`spawn_app`], with settings changed first.
pub async fn spawn_app_with(backend: Backend, change: impl FnOnce(&mut Settings)) -> TestApp {
    portal::telemetry::init();
    let database = TestDatabase::create(backend).await;
    let outbox = tempfile::tempdir().expect("temporary folder");
    let mut settings = database.settings();
    settings.site.address = SocketAddr::from(([127, 0, 0, 1], 0));
    settings.mail.outbox_dir = outbox.path().to_path_buf();
    // Tests wait for email: look for it often.
    settings.mail.poll_interval_ms = 50;
    change(&mut settings);
    let db = portal::db::connect(&settings).await.expect("connect to the test database");
    let application = Application::build(settings.clone()).await.expect("build the application");
    let address = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("HTTP client");
    TestApp { address, client, db, settings, outbox, database }
}

/// Polls until `check` holds (for the email worker, which runs on its own).
pub async fn wait_until<F: std::future::Future<Output = bool>>(what: &str, mut check: impl FnMut() -> F) {
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("timed out waiting until {what}");
}

/// Runs one test body on SQLite and again on PostgreSQL; `in parallel` runs it
/// (and the server) on four threads, for races.
macro_rules! on_both_databases {
    (in parallel: $(#[$meta:meta])* async fn $name:ident($app:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            use $crate::helpers::{spawn_app, Backend};

            async fn run($app: $crate::helpers::TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                run(spawn_app(Backend::Sqlite).await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                run(spawn_app(Backend::Postgres).await).await
            }
        }
    };
    ($(#[$meta:meta])* async fn $name:ident($app:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            use $crate::helpers::{spawn_app, Backend};

            async fn run($app: $crate::helpers::TestApp) $body

            #[tokio::test]
            async fn sqlite() {
                run(spawn_app(Backend::Sqlite).await).await
            }

            #[tokio::test]
            async fn postgres() {
                run(spawn_app(Backend::Postgres).await).await
            }
        }
    };
}
pub(crate) use on_both_databases;
