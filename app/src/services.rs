//! What server functions ask of the server: ports that the `portal` crate
//! implements (database, email) and hands to every request as context.
use crate::domain::{AnswerOutcome, InvitationState, RawAnswer};
use crate::error::AppError;
use std::sync::Arc;

#[async_trait::async_trait]
pub trait Invitations: Send + Sync {
    /// What the invitation link with this token leads to.
    async fn open(&self, token: &str) -> Result<InvitationState, AppError>;
    /// Answers it: all of it is saved, or (with the reasons) none of it.
    async fn answer(&self, token: &str, answer: &RawAnswer) -> Result<AnswerOutcome, AppError>;
}

#[derive(Clone)]
pub struct Services {
    pub invitations: Arc<dyn Invitations>,
}
