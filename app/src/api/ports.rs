//! What server functions ask of the server: ports that the `portal` crate
//! implements (database, email) and hands to every request as context.
use crate::domain::{AddressOutcome, CaseFile, ReadyPage, ConfirmOutcome, RawConfirmation, Verification, Message, PhotoKey, RawDecision, ReviewOutcome, ReviewQueue, CaseId, DeclarationOutcome, PersonCard, PersonId, RawAddress, RawDeclaration, 
    AnswerOutcome, AuthenticatorOutcome, CaseOutcome, CasePage, ImportReport, InvitationState, PhotoOutcome, Profile, RawCase, ProfileSummary, RawAnswer, ResetOutcome, StepOutcome, Viewer,
};
use crate::error::AppError;
use axum::body::Bytes;
use std::net::IpAddr;
use std::sync::Arc;

#[async_trait::async_trait]
pub trait Invitations: Send + Sync {
    /// What the invitation link with this token leads to.
    async fn open(&self, token: &str) -> Result<InvitationState, AppError>;
    /// Answers it: all of it is saved, or (with the reasons) none of it.
    async fn answer(&self, token: &str, answer: &RawAnswer) -> Result<AnswerOutcome, AppError>;
}

/// The client's address, as the server worked it out (behind a trusted proxy,
/// the one it forwarded); a request extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// A new session's secret, for the cookie, with how it went.
pub struct SignedIn {
    pub session: Option<String>,
    pub outcome: StepOutcome,
}

#[async_trait::async_trait]
pub trait Accounts: Send + Sync {
    /// Checks a username and password; the answer and its timing are the same
    /// whether or not the username exists.
    async fn sign_in(&self, username: &str, password: &str, from: Option<IpAddr>) -> Result<SignedIn, AppError>;
    /// The person a session belongs to, if it is still alive; counts as activity.
    async fn viewer(&self, session: &str) -> Result<Option<Viewer>, AppError>;
    async fn change_password(&self, session: &str, new: &str, again: &str) -> Result<StepOutcome, AppError>;
    /// Checks the one-time code; on success the session gets a new secret.
    async fn verify_code(&self, session: &str, code: &str) -> Result<SignedIn, AppError>;
    async fn sign_out(&self, session: &str, everywhere: bool) -> Result<(), AppError>;
    /// Emails a reset link if an account uses this address; says nothing either
    /// way, and answers before finding out.
    async fn request_reset(&self, email: &str, from: Option<IpAddr>) -> Result<(), AppError>;
    async fn reset_password(&self, token: &str, new: &str, again: &str) -> Result<ResetOutcome, AppError>;
    /// 0 to 4, for the strength meter.
    async fn password_strength(&self, session: &str, password: &str) -> Result<u8, AppError>;
    /// A new secret for an authenticator app, pending until a first code
    /// confirms it; asks for the password, and for the app's code (or a
    /// recovery code) when one is already in use.
    async fn start_authenticator(&self, viewer: &Viewer, password: &str, code: &str) -> Result<AuthenticatorOutcome, AppError>;
    /// Puts the pending app in use; the owner is told and the session's others end.
    async fn confirm_authenticator(&self, viewer: &Viewer, session: &str, code: &str) -> Result<AuthenticatorOutcome, AppError>;
    /// Stops using the app, on the same proofs as setting one up.
    async fn remove_authenticator(&self, viewer: &Viewer, session: &str, password: &str, code: &str) -> Result<AuthenticatorOutcome, AppError>;
}

/// What a signed-in applicant completes: their own profile and those of the
/// minors held under them.
#[async_trait::async_trait]
pub trait Applicants: Send + Sync {
    /// The profiles the viewer completes.
    async fn profiles(&self, viewer: &Viewer) -> Result<Vec<ProfileSummary>, AppError>;
    /// One profile, if the viewer completes it; `None` otherwise (whether or not it exists).
    async fn profile(&self, viewer: &Viewer, person: PersonId) -> Result<Option<Profile>, AppError>;
    /// A card for each profile the viewer completes: its steps and its deadline.
    async fn cards(&self, viewer: &Viewer) -> Result<Vec<PersonCard>, AppError>;
    /// Records the person's declaration of presence, by the viewer.
    async fn declare(&self, viewer: &Viewer, person: PersonId, declaration: &RawDeclaration) -> Result<DeclarationOutcome, AppError>;
    /// Keeps the person's mailing address; only once they declared they are in Canada.
    async fn give_address(&self, viewer: &Viewer, person: PersonId, address: &RawAddress) -> Result<AddressOutcome, AppError>;
    /// Gives the person the address of another person the viewer completes.
    async fn copy_address(&self, viewer: &Viewer, person: PersonId, from: PersonId) -> Result<AddressOutcome, AppError>;
}

/// The photo step: each photo is checked again by the engine the browser ran.
#[async_trait::async_trait]
pub trait Photos: Send + Sync {
    /// Checks a photo of a person the viewer completes and keeps it if the shared
    /// rule allows (`anyway`: the person chose to send it despite failed checks);
    /// another person is refused the same way whether or not they exist.
    async fn receive(&self, viewer: &Viewer, person: PersonId, anyway: bool, photo: Bytes) -> Result<PhotoOutcome, AppError>;
    /// The newest photo kept of a person the viewer completes, as a JPEG.
    async fn newest(&self, viewer: &Viewer, person: PersonId) -> Result<Option<Vec<u8>>, AppError>;
}

/// Officers' work on cases; every method refuses anyone else.
#[async_trait::async_trait]
pub trait Casework: Send + Sync {
    /// One page of the cases (from 1) that match the search (all when empty),
    /// newest first; past the last page, the last page.
    async fn cases(&self, viewer: &Viewer, page: u64, query: &str) -> Result<CasePage, AppError>;
    async fn create(&self, viewer: &Viewer, case: &RawCase) -> Result<CaseOutcome, AppError>;
    /// A CSV file, one row a person; each application is stored whole or not at all.
    async fn import(&self, viewer: &Viewer, csv: &str) -> Result<ImportReport, AppError>;
    /// A new invitation to a case still waiting for an answer (the old link dies);
    /// false if the case is not waiting.
    async fn resend(&self, viewer: &Viewer, case: CaseId) -> Result<bool, AppError>;
    /// A case whole: each person's steps and submissions, and the case's audit trail.
    async fn case_file(&self, viewer: &Viewer, case: CaseId) -> Result<Option<CaseFile>, AppError>;
}

/// Officers' review of photos; every method refuses anyone else.
#[async_trait::async_trait]
pub trait Reviews: Send + Sync {
    /// The photo this officer reviews now: the person's asked for (from their
    /// case) if no one else holds it, else the one they hold, else the oldest
    /// waiting that no one holds; claimed for a while so no one else gets it.
    async fn queue(&self, viewer: &Viewer, person: Option<PersonId>) -> Result<ReviewQueue, AppError>;
    /// Accepts or returns a photo; refused if another officer decided first or holds it.
    async fn decide(&self, viewer: &Viewer, photo: &PhotoKey, decision: &RawDecision) -> Result<ReviewOutcome, AppError>;
    /// A photo as a JPEG, for officers.
    async fn image(&self, viewer: &Viewer, photo: &PhotoKey) -> Result<Vec<u8>, AppError>;
}

/// An eCOPR as the person downloads it.
pub struct EcoprFile {
    pub file_name: String,
    pub pdf: Vec<u8>,
}

/// Confirming permanent residence, and the eCOPR that proves it.
#[async_trait::async_trait]
pub trait Ecoprs: Send + Sync {
    /// Officers confirm PR for the people chosen with one date and place; each
    /// person is confirmed whole (eCOPR, audit, notice) or reported as not ready.
    async fn confirm(&self, viewer: &Viewer, people: &[PersonId], confirmation: &RawConfirmation) -> Result<ConfirmOutcome, AppError>;
    /// One page (from 1) of the people ready to confirm, across cases, oldest
    /// accepted photo first; officers only.
    async fn ready(&self, viewer: &Viewer, page: u64) -> Result<ReadyPage, AppError>;
    /// The eCOPR of a person the viewer completes, for 30 days after its issue;
    /// "not found" otherwise.
    async fn document(&self, viewer: &Viewer, person: PersonId) -> Result<EcoprFile, AppError>;
    /// Public: whether a code is that of an eCOPR issued here; lookups are
    /// limited per client address.
    async fn verify(&self, code: &str, from: Option<IpAddr>) -> Result<Verification, AppError>;
}

/// The account's inbox: messages from IRCC.
#[async_trait::async_trait]
pub trait Messages: Send + Sync {
    /// The newest messages first.
    async fn inbox(&self, viewer: &Viewer) -> Result<Vec<Message>, AppError>;
    async fn unread(&self, viewer: &Viewer) -> Result<u64, AppError>;
    /// Another account's message answers "not found".
    async fn mark_read(&self, viewer: &Viewer, id: i32) -> Result<(), AppError>;
}

#[derive(Clone)]
pub struct Services {
    pub invitations: Arc<dyn Invitations>,
    pub accounts: Arc<dyn Accounts>,
    pub casework: Arc<dyn Casework>,
    pub applicants: Arc<dyn Applicants>,
    pub photos: Arc<dyn Photos>,
    pub messages: Arc<dyn Messages>,
    pub reviews: Arc<dyn Reviews>,
    pub ecoprs: Arc<dyn Ecoprs>,
    /// Cookies get `Secure` when the portal is served over HTTPS.
    pub secure_cookies: bool,
}
