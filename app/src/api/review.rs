//! `/api/officer/review-*`: the photo review queue. The role is checked by the
//! server's review desk on every call.
#[cfg(feature = "ssr")]
use super::context;
#[cfg(feature = "ssr")]
use crate::domain::PhotoKey;
use crate::domain::{PersonId, RawDecision, ReviewOutcome, ReviewQueue};
use crate::error::AppError;
use leptos::prelude::*;

/// The photo this officer reviews now (claimed for them; the person's, when one
/// is named), and how many wait.
#[server(endpoint = "officer/review-queue")]
pub async fn open_review_queue(person: Option<PersonId>) -> Result<ReviewQueue, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.reviews.queue(&viewer, person).await.map_err(AppError::with_status)
}

#[server(endpoint = "officer/decide-photo")]
pub async fn decide_photo(photo: String, decision: RawDecision) -> Result<ReviewOutcome, AppError> {
    let (services, viewer) = context::signed_in().await?;
    let photo = PhotoKey::parse(&photo).ok_or(AppError::NotFound).map_err(AppError::with_status)?;
    services.reviews.decide(&viewer, &photo, &decision).await.map_err(AppError::with_status)
}
