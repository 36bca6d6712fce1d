//! The public check of an eCOPR's code: genuine (with the holder's initials and
//! year of birth), or "cannot be confirmed" for anything else, including too
//! many tries from one address, so that codes cannot be found by trying.
use super::Record;
use crate::accounts::attempts::{self, Limit};
use crate::entities::ecopr;
use crate::error::DeskError;
use app::domain::{initials, Verification, VerificationCode};
use chrono::{DateTime, Datelike, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::net::IpAddr;

/// Enough for a landlord checking a few papers; far too few to search 2^80 codes.
pub const LOOKUPS: Limit = Limit { tries: 30, window: Duration::minutes(10) };

pub async fn verify(db: &DatabaseConnection, code: &str, from: Option<IpAddr>, now: DateTime<Utc>) -> Result<Verification, DeskError> {
    if let Some(address) = from {
        if attempts::take(db, &format!("ecopr:{address}"), LOOKUPS, now).await?.refused() {
            tracing::warn!("eCOPR lookups refused: too many from this address");
            return Ok(Verification::CannotConfirm);
        }
    }
    let Some(code) = VerificationCode::parse(code) else {
        return Ok(Verification::CannotConfirm);
    };
    let Some(issued) = ecopr::Entity::find().filter(ecopr::Column::Code.eq(code.as_str())).one(db).await? else {
        return Ok(Verification::CannotConfirm);
    };
    let record: Record = serde_json::from_str(&issued.record)?;
    Ok(Verification::Genuine { initials: initials(&record.full_name), birth_year: record.date_of_birth.year(), issued_on: record.issued_on })
}
