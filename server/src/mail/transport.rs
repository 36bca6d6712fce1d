//! How a message leaves: SMTP when configured, otherwise `.eml` files in a folder
//! (so the whole flow works on a machine with no mail server).
use crate::config::MailSettings;
use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;
use std::path::PathBuf;
use std::time::Duration;

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files { transport: AsyncFileTransport<Tokio1Executor>, folder: PathBuf },
}

#[derive(Debug, thiserror::Error)]
pub enum MailSetupError {
    #[error("mail.from is not an email address with an optional name: {0}")]
    From(String),
    #[error("mail.smtp_url is not a usable SMTP URL")]
    SmtpUrl,
    #[error("could not create the outbox folder {path}: {source}")]
    Folder { path: String, source: std::io::Error },
}

impl Transport {
    pub fn from_settings(settings: &MailSettings) -> Result<(Self, Mailbox), MailSetupError> {
        let from: Mailbox = settings.from.parse().map_err(|_| MailSetupError::From(settings.from.clone()))?;
        let transport = match &settings.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .map_err(|_| MailSetupError::SmtpUrl)?
                    .timeout(Some(Duration::from_secs(20)))
                    .build(),
            ),
            None => {
                let folder = settings.outbox_dir.clone();
                let failed = |source| MailSetupError::Folder { path: folder.display().to_string(), source };
                std::fs::create_dir_all(&folder).map_err(failed)?;
                // The files hold codes and reset links: for the portal's own user only.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).map_err(failed)?;
                }
                Transport::Files { transport: AsyncFileTransport::new(&folder), folder }
            }
        };
        Ok((transport, from))
    }

    /// The folder messages are written to, when they are not really sent.
    pub fn folder(&self) -> Option<&PathBuf> {
        match self {
            Transport::Files { folder, .. } => Some(folder),
            Transport::Smtp(_) => None,
        }
    }

    /// Deletes the written messages older than `age`; returns how many went.
    pub fn forget_older_than(&self, age: Duration) -> usize {
        let Some(folder) = self.folder() else { return 0 };
        let Ok(entries) = std::fs::read_dir(folder) else { return 0 };
        let old = |entry: &std::fs::DirEntry| {
            entry.path().extension().is_some_and(|x| x == "eml")
                && entry.metadata().and_then(|m| m.modified()).is_ok_and(|at| at.elapsed().is_ok_and(|elapsed| elapsed > age))
        };
        entries.flatten().filter(old).filter(|entry| std::fs::remove_file(entry.path()).is_ok()).count()
    }

    /// Hands the message over; the error's text is for the log, never for a person.
    pub async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Files { transport, .. } => transport.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_email_is_deleted_once_old_enough() {
        let dir = tempfile::tempdir().unwrap();
        let settings = MailSettings { outbox_dir: dir.path().join("outbox"), ..MailSettings::default() };
        let (transport, _) = Transport::from_settings(&settings).unwrap();
        let (old, new) = (settings.outbox_dir.join("old.eml"), settings.outbox_dir.join("new.eml"));
        for file in [&old, &new] {
            std::fs::write(file, "Subject: a code\r\n\r\n123456").unwrap();
        }
        let two_days_ago = std::time::SystemTime::now() - Duration::from_secs(48 * 3600);
        std::fs::File::options().write(true).open(&old).unwrap().set_modified(two_days_ago).unwrap();
        assert_eq!(transport.forget_older_than(Duration::from_secs(24 * 3600)), 1);
        assert!(!old.exists() && new.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&settings.outbox_dir).unwrap().permissions().mode() & 0o777, 0o700);
        }
    }
}
