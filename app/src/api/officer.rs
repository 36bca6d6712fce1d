//! `/api/officer/*`: officers' pages. The role is checked by the server's
//! casework service on every call, whatever page made it.
#[cfg(feature = "ssr")]
use super::context;
use crate::domain::{CaseId, CaseOutcome, CasePage, ImportReport, RawCase};
use crate::error::AppError;
use leptos::prelude::*;

/// One page of the cases (the first when none is said) matching the search `q`
/// (application number, UCI, name or email; case and accents ignored).
#[server(endpoint = "officer/cases")]
pub async fn officer_cases(page: Option<u64>, q: Option<String>) -> Result<CasePage, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.casework.cases(&viewer, page.unwrap_or(1), q.as_deref().unwrap_or_default()).await.map_err(AppError::with_status)
}

#[server(endpoint = "officer/create-case")]
pub async fn create_case(case: RawCase) -> Result<CaseOutcome, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.casework.create(&viewer, &case).await.map_err(AppError::with_status)
}

/// The file's text, read by the browser.
#[server(endpoint = "officer/import")]
pub async fn import_cases(csv: String) -> Result<ImportReport, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.casework.import(&viewer, &csv).await.map_err(AppError::with_status)
}

#[server(endpoint = "officer/resend")]
pub async fn resend_invitation(case_id: CaseId) -> Result<bool, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.casework.resend(&viewer, case_id).await.map_err(AppError::with_status)
}
