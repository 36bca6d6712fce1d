//! `/api/invitation/*`: opening and answering an invitation; the link's token is the credential.
#[cfg(feature = "ssr")]
use super::context;
use crate::domain::{AnswerOutcome, InvitationState, RawAnswer};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "invitation/load")]
pub async fn load_invitation(token: String) -> Result<InvitationState, AppError> {
    let services = context::services()?;
    services.invitations.open(&token).await.map_err(AppError::with_status)
}

#[server(endpoint = "invitation/answer")]
pub async fn answer_invitation(token: String, answer: RawAnswer) -> Result<AnswerOutcome, AppError> {
    let services = context::services()?;
    services.invitations.answer(&token, &answer).await.map_err(AppError::with_status)
}
