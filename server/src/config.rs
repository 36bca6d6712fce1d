//! Runtime settings: defaults, then a TOML file (`Leptos.toml`), then `APP_*`
//! environment variables (`APP_SITE__ADDRESS`, `APP_DATABASE__URL`, …) and the
//! conventional `DATABASE_URL`. Secrets are `SecretString`s: never printed.
use figment::providers::{Env, Format, Toml};
use figment::Figment;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

pub const DEFAULT_FILE: &str = "Leptos.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub site: SiteSettings,
    pub database: DatabaseSettings,
    pub mail: MailSettings,
    pub uploads: UploadSettings,
    pub sessions: SessionSettings,
    pub secrets: SecretsSettings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteSettings {
    pub address: SocketAddr,
    pub public_url: String,
    pub root: PathBuf,
    /// Load balancers and reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseSettings {
    pub url: Option<SecretString>,
    pub sqlite_path: PathBuf,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailSettings {
    pub from: String,
    pub smtp_url: Option<SecretString>,
    pub outbox_dir: PathBuf,
    /// Whether `/dev/outbox` shows the written email; unset: only on a loopback address.
    pub dev_outbox: Option<bool>,
    /// Written email files are deleted after this many hours.
    pub outbox_keep_hours: u64,
    pub poll_interval_ms: u64,
    pub retry_base_seconds: u64,
    pub retry_max_seconds: u64,
    pub lock_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UploadSettings {
    pub max_photo_bytes: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecretsSettings {
    /// 64 hexadecimal digits; required with PostgreSQL (see `keys.rs`).
    pub key: Option<SecretString>,
    /// Where the key is kept when it is not set, on SQLite (by default
    /// `secret.key` in the database's folder).
    pub key_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionSettings {
    pub idle_timeout_minutes: u32,
    pub idle_warning_minutes: u32,
    pub temporary_password_days: u32,
    pub invitation_days: u32,
    /// How long a password check waits for a free core before "try again shortly".
    pub password_wait_ms: u64,
}

impl Default for SiteSettings {
    fn default() -> Self {
        Self {
            address: SocketAddr::from(([127, 0, 0, 1], 3000)),
            public_url: "http://127.0.0.1:3000".into(),
            root: "target/site".into(),
            trusted_proxies: Vec::new(),
        }
    }
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self { url: None, sqlite_path: "data/portal.db".into(), max_connections: 10 }
    }
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            from: "PR Confirmation Portal <no-reply@pr-portal.localhost>".into(),
            smtp_url: None,
            outbox_dir: "data/outbox".into(),
            dev_outbox: None,
            outbox_keep_hours: 24,
            poll_interval_ms: 1000,
            retry_base_seconds: 30,
            retry_max_seconds: 3600,
            lock_seconds: 300,
        }
    }
}

impl Default for UploadSettings {
    fn default() -> Self {
        // IRCC's limit for a PR card photo: 4 MB.
        Self { max_photo_bytes: 4 * 1024 * 1024 }
    }
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            idle_timeout_minutes: 20,
            idle_warning_minutes: 3,
            temporary_password_days: 14,
            invitation_days: 30,
            password_wait_ms: 2000,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("the settings file {0} does not exist")]
    MissingFile(PathBuf),
    #[error("the settings could not be read: {0}")]
    Invalid(#[from] Box<figment::Error>),
    #[error("invalid setting {key}: {reason}")]
    Rule { key: &'static str, reason: &'static str },
}

/// Where the database lives.
pub enum DatabaseTarget<'a> {
    Sqlite(&'a Path),
    Url(&'a str),
}

impl Settings {
    /// Reads the settings. `file` is a file the person named (it must exist);
    /// without one, `Leptos.toml` in the working directory is read if present.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let path = match file {
            Some(path) if !path.exists() => return Err(ConfigError::MissingFile(path.into())),
            Some(path) => path.to_path_buf(),
            None => PathBuf::from(DEFAULT_FILE),
        };
        Self::from_figment(Figment::new().merge(Toml::file(path)))
    }

    fn from_figment(figment: Figment) -> Result<Self, ConfigError> {
        let settings: Settings = figment
            .merge(Env::raw().only(&["DATABASE_URL"]).map(|_| "database.url".into()))
            .merge(Env::prefixed("APP_").split("__"))
            .extract()
            .map_err(Box::new)?;
        settings.check()?;
        Ok(settings)
    }

    fn check(&self) -> Result<(), ConfigError> {
        let rule = |ok: bool, key, reason| if ok { Ok(()) } else { Err(ConfigError::Rule { key, reason }) };
        let s = &self.sessions;
        rule(s.idle_timeout_minutes > 0, "sessions.idle_timeout_minutes", "must be at least 1")?;
        rule(
            s.idle_warning_minutes < s.idle_timeout_minutes,
            "sessions.idle_warning_minutes",
            "must be shorter than sessions.idle_timeout_minutes",
        )?;
        rule(s.temporary_password_days > 0, "sessions.temporary_password_days", "must be at least 1")?;
        rule(s.invitation_days > 0, "sessions.invitation_days", "must be at least 1")?;
        let m = &self.mail;
        rule(m.poll_interval_ms > 0, "mail.poll_interval_ms", "must be at least 1")?;
        rule(m.retry_base_seconds > 0, "mail.retry_base_seconds", "must be at least 1")?;
        rule(m.retry_max_seconds >= m.retry_base_seconds, "mail.retry_max_seconds", "must be at least mail.retry_base_seconds")?;
        rule(m.lock_seconds > 0, "mail.lock_seconds", "must be at least 1")?;
        rule(m.outbox_keep_hours > 0, "mail.outbox_keep_hours", "must be at least 1")?;
        // The page shows every code, temporary password and reset link: never to the network.
        rule(
            m.dev_outbox != Some(true) || self.site.address.ip().is_loopback(),
            "mail.dev_outbox",
            "shows every code and reset link sent: it may only be on when site.address is a loopback address",
        )?;
        rule(
            m.dev_outbox != Some(true) || m.smtp_url.is_none(),
            "mail.dev_outbox",
            "shows email written to files: it cannot be on with mail.smtp_url set",
        )?;
        rule(self.uploads.max_photo_bytes > 0, "uploads.max_photo_bytes", "must be at least 1")?;
        rule(self.database.max_connections > 0, "database.max_connections", "must be at least 1")?;
        rule(
            self.site.public_url.starts_with("http://") || self.site.public_url.starts_with("https://"),
            "site.public_url",
            "must start with http:// or https://",
        )?;
        if let Some(url) = &self.database.url {
            let url = url.expose_secret();
            rule(
                url.starts_with("postgres://") || url.starts_with("postgresql://") || url.starts_with("sqlite:"),
                "database.url",
                "must start with postgres:// or sqlite:",
            )?;
        }
        Ok(())
    }

    /// Whether people reach the portal over TLS (secure cookies, HSTS).
    pub fn https(&self) -> bool {
        self.site.public_url.starts_with("https://")
    }

    /// Whether `/dev/outbox` is served: as set, or by default only on a loopback
    /// address with no SMTP server.
    pub fn dev_outbox(&self) -> bool {
        self.mail.dev_outbox.unwrap_or_else(|| self.site.address.ip().is_loopback() && self.mail.smtp_url.is_none())
    }

    pub fn database_target(&self) -> DatabaseTarget<'_> {
        match &self.database.url {
            Some(url) => DatabaseTarget::Url(url.expose_secret()),
            None => DatabaseTarget::Sqlite(&self.database.sqlite_path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    fn defaults_then_file_then_environment() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "portal.toml",
                "[site]\naddress = \"0.0.0.0:8080\"\n[sessions]\ninvitation_days = 10\n",
            )?;
            jail.set_env("APP_SESSIONS__INVITATION_DAYS", "12");
            let s = Settings::load(Some(Path::new("portal.toml"))).expect("valid settings");
            assert_eq!(s.site.address.port(), 8080);
            assert_eq!(s.sessions.invitation_days, 12);
            assert_eq!(s.sessions.temporary_password_days, 14);
            assert!(matches!(s.database_target(), DatabaseTarget::Sqlite(_)));
            Ok(())
        });
    }

    #[test]
    fn database_url_comes_from_the_environment_and_is_never_printed() {
        Jail::expect_with(|jail| {
            jail.set_env("DATABASE_URL", "postgres://portal:hunter2@db.internal/portal");
            let s = Settings::load(None).expect("valid settings");
            assert!(matches!(s.database_target(), DatabaseTarget::Url(u) if u.contains("db.internal")));
            assert!(!format!("{s:?}").contains("hunter2"));
            Ok(())
        });
    }

    #[test]
    fn bad_settings_are_refused_with_the_key_named() {
        Jail::expect_with(|jail| {
            jail.set_env("APP_SESSIONS__IDLE_WARNING_MINUTES", "25");
            let err = Settings::load(None).unwrap_err().to_string();
            assert!(err.contains("sessions.idle_warning_minutes"), "{err}");
            jail.set_env("APP_SESSIONS__IDLE_WARNING_MINUTES", "3");
            jail.set_env("APP_SITE__TYPO", "1");
            assert!(Settings::load(None).is_err());
            Ok(())
        });
    }

    #[test]
    fn the_shipped_leptos_toml_documents_the_defaults() {
        let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/../Leptos.toml");
        let s: Settings = Figment::new().merge(Toml::file_exact(shipped)).extract().expect("Leptos.toml is valid");
        let d = Settings::default();
        assert_eq!(s.site.address, d.site.address);
        assert_eq!(s.site.public_url, d.site.public_url);
        assert_eq!(s.site.root, d.site.root);
        assert_eq!(s.site.trusted_proxies, d.site.trusted_proxies);
        assert_eq!(s.database.sqlite_path, d.database.sqlite_path);
        assert_eq!(s.database.max_connections, d.database.max_connections);
        assert_eq!(s.mail.from, d.mail.from);
        assert_eq!(s.mail.outbox_dir, d.mail.outbox_dir);
        assert_eq!((s.mail.dev_outbox, s.mail.outbox_keep_hours), (d.mail.dev_outbox, d.mail.outbox_keep_hours));
        let (a, b) = (&s.mail, &d.mail);
        assert_eq!(
            (a.poll_interval_ms, a.retry_base_seconds, a.retry_max_seconds, a.lock_seconds),
            (b.poll_interval_ms, b.retry_base_seconds, b.retry_max_seconds, b.lock_seconds)
        );
        assert_eq!(s.uploads.max_photo_bytes, d.uploads.max_photo_bytes);
        assert_eq!(s.secrets.key_file, d.secrets.key_file);
        let (a, b) = (&s.sessions, &d.sessions);
        assert_eq!(
            (a.idle_timeout_minutes, a.idle_warning_minutes, a.temporary_password_days, a.invitation_days, a.password_wait_ms),
            (b.idle_timeout_minutes, b.idle_warning_minutes, b.temporary_password_days, b.invitation_days, b.password_wait_ms)
        );
    }

    #[test]
    fn the_development_outbox_is_never_served_to_the_network() {
        Jail::expect_with(|jail| {
            assert!(Settings::load(None).expect("defaults").dev_outbox(), "on by default on loopback");
            jail.set_env("APP_SITE__ADDRESS", "0.0.0.0:3000");
            assert!(!Settings::load(None).expect("valid settings").dev_outbox(), "off by default elsewhere");
            jail.set_env("APP_MAIL__DEV_OUTBOX", "true");
            let err = Settings::load(None).unwrap_err().to_string();
            assert!(err.contains("mail.dev_outbox"), "{err}");
            jail.set_env("APP_SITE__ADDRESS", "127.0.0.1:3000");
            jail.set_env("APP_MAIL__DEV_OUTBOX", "false");
            assert!(!Settings::load(None).expect("valid settings").dev_outbox(), "off when said");
            Ok(())
        });
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        Jail::expect_with(|jail| {
            jail.create_file("portal.toml", "[site]\ntrusted_proxies = [\"10.0.0.0/8\", \"192.0.2.7/32\"]\n")?;
            let s = Settings::load(Some(Path::new("portal.toml"))).expect("valid settings");
            assert_eq!(s.site.trusted_proxies.len(), 2);
            jail.create_file("bad.toml", "[site]\ntrusted_proxies = [\"not an address\"]\n")?;
            assert!(Settings::load(Some(Path::new("bad.toml"))).is_err());
            Ok(())
        });
    }

    #[test]
    fn a_named_file_must_exist() {
        let err = Settings::load(Some(Path::new("/nonexistent/portal.toml"))).unwrap_err();
        assert!(matches!(err, ConfigError::MissingFile(_)));
    }
}
