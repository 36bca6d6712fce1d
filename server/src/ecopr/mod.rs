//! Confirming permanent residence and the eCOPR that proves it: officers confirm
//! (`confirm`), the person downloads the document (`document`, printed from the
//! record kept when it was issued), and anyone verifies its code (`verify`).
pub mod confirm;
pub mod document;
pub mod ready;
pub mod verify;

use crate::accounts::staff;
use crate::applicants::steps::own_person;
use crate::audit::{self, Action, Actor};
use crate::entities::{ecopr, person};
use crate::error::DeskError;
use app::api::ports::{EcoprFile, Ecoprs};
use app::domain::{download_until, ConfirmOutcome, Confirmation, ErrorKey, FieldError, PersonId, RawConfirmation, ReadyPage, Verification, VerificationCode, Viewer, MAX_CONFIRM};
use app::error::AppError;
use app::i18n::Locale;
use app::messages::{country_name, place_name};
use chrono::{NaiveDate, Utc};
use document::{Bilingual, EcoprFields, Signer};
use sea_orm::{DatabaseConnection, EntityTrait};
use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use unicode_normalization::UnicodeNormalization;

/// A child under this age on the date of issue has a parent or guardian sign.
const SIGNS_OWN_FROM: u32 = 14;

/// What an eCOPR says, kept as issued (JSON in `ecoprs.record`): printing it
/// again gives the same document, whatever changes in the case afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub full_name: String,
    pub uci: String,
    pub date_of_birth: NaiveDate,
    /// F, M or X.
    pub sex: String,
    /// ISO 3166-1 alpha-3 codes.
    pub country_of_birth: String,
    pub citizenship: String,
    pub became_on: NaiveDate,
    pub city: String,
    pub province: String,
    pub document_number: String,
    pub issued_on: NaiveDate,
    /// Grouped, as printed.
    pub code: String,
}

impl Record {
    pub fn of(person: &person::Model, confirmation: &Confirmation, issued_on: NaiveDate, code: &VerificationCode) -> Self {
        let uci = app::domain::Uci::parse(&person.uci).map(|uci| uci.to_string()).unwrap_or_else(|_| person.uci.clone());
        // The font draws precomposed accents: names are kept as NFC.
        Self {
            full_name: person.full_name().nfc().collect(),
            uci,
            date_of_birth: person.date_of_birth,
            sex: person.sex.clone(),
            country_of_birth: person.country_of_birth.clone(),
            citizenship: person.citizenship.clone(),
            became_on: confirmation.became_on,
            city: confirmation.city.clone(),
            province: confirmation.province.code().to_owned(),
            document_number: format!("E{:09}", person.id),
            issued_on,
            code: code.grouped(),
        }
    }

    /// The fields as printed, both languages; the QR code leads to the English
    /// verification page, which offers French.
    pub fn fields(&self, public_url: &str) -> EcoprFields {
        let both = |f: &dyn Fn(Locale) -> String| Bilingual { en: f(Locale::en), fr: f(Locale::fr) };
        let province = app::domain::Province::parse(&self.province);
        let place = |locale: Locale| match province {
            Some(p) => place_name(locale, &self.city, p),
            None => self.city.clone(),
        };
        let sex = |locale: Locale| match (self.sex.as_str(), locale) {
            ("F", Locale::en) => "F (female)".to_owned(),
            ("F", Locale::fr) => "F (féminin)".to_owned(),
            ("M", Locale::en) => "M (male)".to_owned(),
            ("M", Locale::fr) => "M (masculin)".to_owned(),
            ("X", Locale::en) => "X (another gender)".to_owned(),
            ("X", Locale::fr) => "X (autre genre)".to_owned(),
            (other, _) => other.to_owned(),
        };
        let age = self.issued_on.years_since(self.date_of_birth).unwrap_or(0);
        let base = public_url.trim_end_matches('/');
        EcoprFields {
            full_name: self.full_name.clone(),
            uci: self.uci.clone(),
            date_of_birth: self.date_of_birth,
            sex: both(&sex),
            country_of_birth: both(&|l: Locale| country_name(l, &self.country_of_birth)),
            citizenship: both(&|l: Locale| country_name(l, &self.citizenship)),
            became_pr_on: self.became_on,
            place: both(&place),
            document_number: self.document_number.clone(),
            issued_on: self.issued_on,
            signer: if age >= SIGNS_OWN_FROM { Signer::Holder } else { Signer::ParentOrGuardian },
            verification_code: self.code.clone(),
            verification_url: format!("{base}/en/ecopr/{}", self.code),
        }
    }
}

pub struct EcoprDesk {
    pub db: DatabaseConnection,
    /// For the verification address printed on the document and in emails.
    pub public_url: String,
}

#[async_trait::async_trait]
impl Ecoprs for EcoprDesk {
    #[tracing::instrument(skip_all, fields(officer = %viewer.user_id, people = people.len()))]
    async fn confirm(&self, viewer: &Viewer, people: &[PersonId], raw: &RawConfirmation) -> Result<ConfirmOutcome, AppError> {
        staff::actor(viewer)?;
        let mut errors = match raw.parse(Utc::now().date_naive()) {
            Ok(confirmation) if !people.is_empty() && people.len() <= MAX_CONFIRM => {
                let done = confirm::confirm_all(&self.db, viewer.user_id.0, people, &confirmation, &self.public_url).await?;
                return Ok(ConfirmOutcome::Done(done));
            }
            Ok(_) => Vec::new(),
            Err(errors) => errors,
        };
        if people.is_empty() {
            errors.insert(0, FieldError::new("people", ErrorKey::PeopleEmpty));
        } else if people.len() > MAX_CONFIRM {
            errors.insert(0, FieldError::new("people", ErrorKey::PeopleTooMany));
        }
        Ok(ConfirmOutcome::Invalid(errors))
    }

    #[tracing::instrument(skip_all, fields(officer = %viewer.user_id, page))]
    async fn ready(&self, viewer: &Viewer, page: u64) -> Result<ReadyPage, AppError> {
        staff::actor(viewer)?;
        Ok(ready::ready(&self.db, page).await?)
    }

    #[tracing::instrument(skip_all, fields(user = %viewer.user_id, person = %person))]
    async fn document(&self, viewer: &Viewer, person: PersonId) -> Result<EcoprFile, AppError> {
        Ok(self.document(viewer, person).await?)
    }

    #[tracing::instrument(skip_all)]
    async fn verify(&self, code: &str, from: Option<IpAddr>) -> Result<Verification, AppError> {
        Ok(verify::verify(&self.db, code, from, Utc::now()).await?)
    }
}

impl EcoprDesk {
    async fn document(&self, viewer: &Viewer, person: PersonId) -> Result<EcoprFile, DeskError> {
        let person = own_person(&self.db, viewer, person).await?;
        let issued = ecopr::Entity::find_by_id(person.id).one(&self.db).await?.ok_or(DeskError::Refused(AppError::NotFound))?;
        if Utc::now().date_naive() > download_until(issued.issued_at.date_naive()) {
            return Err(AppError::NotFound.into());
        }
        let record: Record = serde_json::from_str(&issued.record)?;
        let pdf = document::render(&record.fields(&self.public_url)).map_err(|error| {
            tracing::error!(%error, "the eCOPR could not be printed");
            DeskError::Invariant("the eCOPR could not be printed")
        })?;
        let actor = Actor::User(viewer.user_id.0);
        audit::record(&self.db, &actor, Action::EcoprDownloaded, &format!("person:{}", person.id), serde_json::json!({})).await?;
        Ok(EcoprFile { file_name: format!("eCOPR-{}.pdf", record.document_number), pdf })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_under_14_on_the_day_of_issue_has_a_parent_sign() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let record = |born| Record {
            full_name: "Anh Tremblay".into(),
            uci: "1234-5678".into(),
            date_of_birth: born,
            sex: "F".into(),
            country_of_birth: "VNM".into(),
            citizenship: "VNM".into(),
            became_on: day(2026, 11, 20),
            city: "Montréal".into(),
            province: "QC".into(),
            document_number: "E000000001".into(),
            issued_on: day(2026, 12, 1),
            code: "0000-0000-0000-0011".into(),
        };
        let fields = record(day(2012, 12, 2)).fields("https://portal.example/");
        assert!(matches!(fields.signer, Signer::ParentOrGuardian));
        assert!(matches!(record(day(2012, 12, 1)).fields("x").signer, Signer::Holder));
        assert_eq!(fields.place.fr, "Montréal (Québec)");
        assert_eq!(fields.country_of_birth.fr, "Viêt Nam");
        assert_eq!(fields.verification_url, "https://portal.example/en/ecopr/0000-0000-0000-0011");
    }
}
