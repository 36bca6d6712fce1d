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
                std::fs::create_dir_all(&folder)
                    .map_err(|source| MailSetupError::Folder { path: folder.display().to_string(), source })?;
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

    /// Hands the message over; the error's text is for the log, never for a person.
    pub async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Files { transport, .. } => transport.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}
