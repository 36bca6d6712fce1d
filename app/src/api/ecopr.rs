//! Confirming PR (`/api/officer/confirm-pr`, `/api/officer/case`), the public
//! verification of an eCOPR (`/api/ecopr/verify`), and the path of the
//! document's download (a plain HTTP endpoint: it answers with a PDF).
#[cfg(feature = "ssr")]
use super::context;
use crate::domain::{CaseFile, CaseId, ConfirmOutcome, PersonId, RawConfirmation, ReadyPage, Verification};
use crate::error::AppError;
use leptos::prelude::*;

/// The route, as the server's router declares it.
pub const DOWNLOAD_ROUTE: &str = "/api/me/people/{person}/ecopr";

/// Where a person's eCOPR is downloaded.
pub fn download(person: PersonId) -> String {
    DOWNLOAD_ROUTE.replace("{person}", &person.to_string())
}

/// A case whole, for officers.
#[server(endpoint = "officer/case")]
pub async fn officer_case(id: CaseId) -> Result<CaseFile, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.casework.case_file(&viewer, id).await.map_err(AppError::with_status)?.ok_or_else(|| AppError::NotFound.with_status())
}

/// One page of the people ready to confirm, across cases.
#[server(endpoint = "officer/ready")]
pub async fn ready_to_confirm(page: Option<u64>) -> Result<ReadyPage, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.ecoprs.ready(&viewer, page.unwrap_or(1)).await.map_err(AppError::with_status)
}

/// Confirms PR for the people chosen (none chosen: the form says so).
#[server(endpoint = "officer/confirm-pr")]
pub async fn confirm_pr(people: Option<Vec<PersonId>>, confirmation: RawConfirmation) -> Result<ConfirmOutcome, AppError> {
    let (services, viewer) = context::signed_in().await?;
    services.ecoprs.confirm(&viewer, &people.unwrap_or_default(), &confirmation).await.map_err(AppError::with_status)
}

/// Public: whether the code is that of a genuine eCOPR.
#[server(endpoint = "ecopr/verify")]
pub async fn verify_ecopr(code: String) -> Result<Verification, AppError> {
    let services = context::services()?;
    services.ecoprs.verify(&code, context::address().await).await.map_err(AppError::with_status)
}
