//! `portal`: serve the site (the default), migrate, manage staff accounts.
use crate::config::Settings;
use crate::entities::user::Role;
use crate::accounts::staff::{self, OfficerError};
use crate::accounts::passwords::TemporaryPassword;
use crate::{db, startup::Application};
use anyhow::Context;
use app::domain::{Email, PersonName};
use clap::{Args, Parser, Subcommand};
use secrecy::ExposeSecret;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "portal", version, about = "PR Confirmation Portal")]
pub struct Cli {
    /// Settings file (default: ./Leptos.toml if it exists).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Officer and administrator accounts.
    #[command(subcommand)]
    Officer(OfficerCommand),
    /// API tokens for upstream systems.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Check PR card photos with the same engine as the browser.
    PhotoCheck {
        /// One JSON object a line per file.
        #[arg(long)]
        json: bool,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum OfficerCommand {
    /// Create an officer and print a one-time temporary password.
    Create(CreateOfficer),
    /// Issue a new temporary password for an officer or administrator.
    ResetPassword {
        #[arg(long, value_parser = parse_email)]
        email: Email,
    },
    /// Make an officer an administrator, or an administrator an officer.
    SetRole {
        #[arg(long, value_parser = parse_email)]
        email: Email,
        #[arg(long, value_enum)]
        role: StaffRole,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum StaffRole {
    Officer,
    Administrator,
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create a token and print it, once; only its hash is kept.
    Create {
        /// The upstream system's name, as the audit log will show it.
        #[arg(long)]
        name: String,
    },
    /// End a token at once, on every instance.
    Revoke {
        #[arg(value_name = "NAME")]
        name: String,
    },
    /// The tokens, live and revoked (never their text).
    List,
}

#[derive(Args)]
pub struct CreateOfficer {
    #[arg(long, value_parser = parse_email)]
    email: Email,
    #[arg(long, value_parser = parse_name)]
    name: PersonName,
    /// Create an administrator instead of an officer.
    #[arg(long)]
    admin: bool,
    /// Succeed without changing anything if the account exists.
    #[arg(long)]
    if_missing: bool,
}

fn parse_email(s: &str) -> Result<Email, String> {
    Email::parse(s).map_err(|e| e.to_string())
}

fn parse_name(s: &str) -> Result<PersonName, String> {
    PersonName::parse(s).map_err(|e| e.to_string())
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    // Checking photos needs neither settings nor a database: load them only where used.
    let settings = || Settings::load(cli.config.as_deref());
    match cli.command.unwrap_or(Command::Serve) {
        Command::PhotoCheck { json, files } => {
            let unreadable = crate::photos::cli_check::run(&files, json, &mut std::io::stdout().lock())?;
            anyhow::ensure!(unreadable == 0, "{unreadable} file(s) could not be read");
            Ok(())
        }
        Command::Serve => {
            let settings = settings()?;
            let app = Application::build(settings.clone()).await?;
            tracing::info!("PR Confirmation Portal listening on {}", settings.site.public_url);
            app.run_until_stopped().await.context("the server stopped with an error")
        }
        Command::Migrate => {
            let settings = settings()?;
            let db = db::connect(&settings).await?;
            db::migrate(&db).await?;
            println!("The database is up to date.");
            Ok(())
        }
        Command::Token(command) => {
            let settings = settings()?;
            let db = db::connect(&settings).await?;
            db::migrate(&db).await?;
            match command {
                TokenCommand::Create { name } => {
                    let token = crate::api::tokens::create(&db, &name).await?;
                    println!("API token created for {name}. It is shown only now; keep it in the upstream system's secrets:");
                    println!("{}", token.expose_secret());
                }
                TokenCommand::Revoke { name } => {
                    crate::api::tokens::revoke(&db, &name).await?;
                    println!("The token {name} is revoked: it is refused from now on.");
                }
                TokenCommand::List => {
                    for token in crate::api::tokens::list(&db).await? {
                        let state = token.revoked_at.map_or_else(|| "live".to_owned(), |at| format!("revoked {}", at.format("%Y-%m-%d %H:%M UTC")));
                        println!("{}\tcreated {}\t{state}", token.name, token.created_at.format("%Y-%m-%d %H:%M UTC"));
                    }
                }
            }
            Ok(())
        }
        Command::Officer(command) => {
            let settings = settings()?;
            let db = db::connect(&settings).await?;
            db::migrate(&db).await?;
            let days = settings.sessions.temporary_password_days;
            match command {
                OfficerCommand::Create(new) => {
                    let role = if new.admin { Role::Administrator } else { Role::Officer };
                    match staff::create(&db, &new.email, &new.name, role, days).await {
                        Ok(temporary) => {
                            print_credentials("Account created", &new.email, &temporary);
                            Ok(())
                        }
                        Err(OfficerError::AlreadyExists(email)) if new.if_missing => {
                            println!(
                                "The account {email} already exists; its temporary password was printed when it was created.\n\
                                 To issue a new one: portal officer reset-password --email {email}"
                            );
                            Ok(())
                        }
                        Err(err) => Err(err.into()),
                    }
                }
                OfficerCommand::SetRole { email, role } => {
                    let role = match role {
                        StaffRole::Officer => Role::Officer,
                        StaffRole::Administrator => Role::Administrator,
                    };
                    staff::set_role(&db, &email, role).await?;
                    println!("{email} is now an {}.", if role == Role::Officer { "officer" } else { "administrator" });
                    Ok(())
                }
                OfficerCommand::ResetPassword { email } => {
                    let temporary = staff::reset_password(&db, &email, days).await?;
                    print_credentials("New temporary password issued", &email, &temporary);
                    Ok(())
                }
            }
        }
    }
}

fn print_credentials(what: &str, email: &Email, temporary: &TemporaryPassword) {
    println!("{what}.");
    println!("  username:           {email}");
    println!("  temporary password: {}", temporary.password.expose_secret());
    println!(
        "  expires:            {} (it must be changed at first sign-in)",
        temporary.expires_at.format("%Y-%m-%d %H:%M UTC")
    );
}
