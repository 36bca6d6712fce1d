//! `/api/me/*`: what a fully signed-in person may see and change of their own.
#[cfg(feature = "ssr")]
use super::context;
use crate::domain::{AddressOutcome, DeclarationOutcome, Message, PersonCard, PersonId, RawAddress, RawDeclaration, AuthenticatorOutcome, Profile, ProfileSummary};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "me/profiles")]
pub async fn my_profiles() -> Result<Vec<ProfileSummary>, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.applicants.profiles(&viewer).await.map_err(AppError::with_status)
}

/// A profile the signed-in person completes; another person's is `None`, as is one that does not exist.
#[server(endpoint = "me/profile")]
pub async fn my_profile(id: PersonId) -> Result<Option<Profile>, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.applicants.profile(&viewer, id).await.map_err(AppError::with_status)
}

/// `code` is the app's (or a recovery code) when one is in use already.
#[server(endpoint = "me/authenticator/start")]
pub async fn start_authenticator(password: String, code: Option<String>) -> Result<AuthenticatorOutcome, AppError> {
    let (services, viewer) = context::signed_in().await?;
    let code = code.unwrap_or_default();
    services.accounts.start_authenticator(&viewer, &password, &code).await.map_err(AppError::with_status)
}

#[server(endpoint = "me/authenticator/confirm")]
pub async fn confirm_authenticator(code: String) -> Result<AuthenticatorOutcome, AppError> {
    let (services, viewer, session) = context::signed_in_session().await?;
    services.accounts.confirm_authenticator(&viewer, &session, &code).await.map_err(AppError::with_status)
}

#[server(endpoint = "me/authenticator/remove")]
pub async fn remove_authenticator(password: String, code: String) -> Result<AuthenticatorOutcome, AppError> {
    let (services, viewer, session) = context::signed_in_session().await?;
    services.accounts.remove_authenticator(&viewer, &session, &password, &code).await.map_err(AppError::with_status)
}

/// The person's declaration of presence; another person's is refused as not found.
#[server(endpoint = "me/declare")]
pub async fn declare_presence(id: PersonId, declaration: RawDeclaration) -> Result<DeclarationOutcome, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.applicants.declare(&viewer, id, &declaration).await.map_err(AppError::with_status)
}

/// The person's mailing address in Canada.
#[server(endpoint = "me/address")]
pub async fn give_address(id: PersonId, address: RawAddress) -> Result<AddressOutcome, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.applicants.give_address(&viewer, id, &address).await.map_err(AppError::with_status)
}

/// The home page's cards: one per profile the signed-in person completes.
#[server(endpoint = "me/home")]
pub async fn my_cards() -> Result<Vec<PersonCard>, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.applicants.cards(&viewer).await.map_err(AppError::with_status)
}

/// The same mailing address as another person the signed-in person completes.
#[server(endpoint = "me/copy-address")]
pub async fn copy_address(id: PersonId, from: PersonId) -> Result<AddressOutcome, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.applicants.copy_address(&viewer, id, from).await.map_err(AppError::with_status)
}

/// The inbox, newest first.
#[server(endpoint = "me/messages")]
pub async fn my_messages() -> Result<Vec<Message>, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.messages.inbox(&viewer).await.map_err(AppError::with_status)
}

/// How many messages are unread, for the header.
#[server(endpoint = "me/unread")]
pub async fn unread_messages() -> Result<u64, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.messages.unread(&viewer).await.map_err(AppError::with_status)
}

#[server(endpoint = "me/read")]
pub async fn mark_read(id: i32) -> Result<(), AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.messages.mark_read(&viewer, id).await.map_err(AppError::with_status)
}
