//! The steps an applicant takes for each person they complete: the declaration
//! of presence, then the mailing address. Each is kept (the newest) with who
//! gave it and when, and audited in the same transaction.
use super::ApplicantDesk;
use crate::audit::{self, Action, Actor};
use crate::entities::{address, declaration, ecopr, person, user};
use crate::error::DeskError;
use app::domain::{
    AddressOutcome, Declaration, DeclarationOutcome, Declared, MailingAddress, PersonId, PostalCode, Province, RawAddress,
    RawDeclaration, Viewer,
};
use app::error::AppError;
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

/// A person whose profile the viewer completes; any other answers "not found",
/// whether or not it exists.
pub async fn own_person<C: ConnectionTrait>(db: &C, viewer: &Viewer, id: PersonId) -> Result<person::Model, DeskError> {
    person::Entity::find_by_id(id.0)
        .filter(person::Column::UserId.eq(viewer.user_id))
        .one(db)
        .await?
        .ok_or(DeskError::Refused(AppError::NotFound))
}

impl ApplicantDesk {
    #[tracing::instrument(skip_all, fields(user = %viewer.user_id, person = %id))]
    pub(crate) async fn declare(&self, viewer: &Viewer, id: PersonId, raw: &RawDeclaration) -> Result<DeclarationOutcome, DeskError> {
        let person = own_person(&self.db, viewer, id).await?;
        still_open(&self.db, person.id).await?;
        let now = Utc::now();
        let declared = match raw.parse(now.date_naive()) {
            Ok(declared) => declared,
            Err(errors) => return Ok(DeclarationOutcome::Invalid(errors)),
        };
        let (in_canada, expected_return) = match declared {
            Declared::InCanada => (true, None),
            Declared::Outside { expected_return } => (false, expected_return),
        };
        let txn = self.db.begin().await?;
        let row = declaration::ActiveModel {
            person_id: Set(person.id),
            in_canada: Set(in_canada),
            expected_return: Set(expected_return),
            declared_at: Set(now),
            declared_by: Set(viewer.user_id.0),
            ..Default::default()
        };
        let newest = OnConflict::column(declaration::Column::PersonId)
            .update_columns([
                declaration::Column::InCanada,
                declaration::Column::ExpectedReturn,
                declaration::Column::DeclaredAt,
                declaration::Column::DeclaredBy,
            ])
            .to_owned();
        declaration::Entity::insert(row).on_conflict(newest).exec_without_returning(&txn).await?;
        audit::record(
            &txn,
            &Actor::User(viewer.user_id.0),
            Action::PresenceDeclared,
            &format!("person:{}", person.id),
            serde_json::json!({ "in_canada": in_canada, "expected_return": expected_return }),
        )
        .await?;
        txn.commit().await?;
        let kept = declaration_of(&self.db, &person).await?.ok_or(DeskError::Invariant("a declaration just saved is gone"))?;
        Ok(DeclarationOutcome::Recorded(kept))
    }

    /// The same address as another person the viewer completes.
    #[tracing::instrument(skip_all, fields(user = %viewer.user_id, person = %id, from = %from))]
    pub(crate) async fn copy_address(&self, viewer: &Viewer, id: PersonId, from: PersonId) -> Result<AddressOutcome, DeskError> {
        let source = own_person(&self.db, viewer, from).await?;
        let Some(address) = address_of(&self.db, source.id).await? else {
            return Err(AppError::NotFound.into());
        };
        let raw = RawAddress {
            street: address.street,
            unit: address.unit.unwrap_or_default(),
            city: address.city,
            province: address.province.code().to_owned(),
            postal_code: address.postal_code.to_string(),
            care_of: address.care_of.unwrap_or_default(),
        };
        self.give_address(viewer, id, &raw).await
    }

    #[tracing::instrument(skip_all, fields(user = %viewer.user_id, person = %id))]
    pub(crate) async fn give_address(&self, viewer: &Viewer, id: PersonId, raw: &RawAddress) -> Result<AddressOutcome, DeskError> {
        let person = own_person(&self.db, viewer, id).await?;
        still_open(&self.db, person.id).await?;
        if !declared_in_canada(&self.db, person.id).await? {
            return Err(AppError::PresenceRequired.into());
        }
        let address = match raw.parse() {
            Ok(address) => address,
            Err(errors) => return Ok(AddressOutcome::Invalid(errors)),
        };
        let txn = self.db.begin().await?;
        let row = address::ActiveModel {
            person_id: Set(person.id),
            street: Set(address.street.clone()),
            unit: Set(address.unit.clone()),
            city: Set(address.city.clone()),
            province: Set(address.province.code().to_owned()),
            postal_code: Set(address.postal_code.as_str().to_owned()),
            care_of: Set(address.care_of.clone()),
            given_at: Set(Utc::now()),
            given_by: Set(viewer.user_id.0),
            ..Default::default()
        };
        let newest = OnConflict::column(address::Column::PersonId)
            .update_columns([
                address::Column::Street,
                address::Column::Unit,
                address::Column::City,
                address::Column::Province,
                address::Column::PostalCode,
                address::Column::CareOf,
                address::Column::GivenAt,
                address::Column::GivenBy,
            ])
            .to_owned();
        address::Entity::insert(row).on_conflict(newest).exec_without_returning(&txn).await?;
        // The address itself stays out of the log: only that one was given.
        audit::record(&txn, &Actor::User(viewer.user_id.0), Action::AddressGiven, &format!("person:{}", person.id), serde_json::json!({}))
            .await?;
        txn.commit().await?;
        Ok(AddressOutcome::Saved(address))
    }
}

/// Once PR is confirmed (the eCOPR issued), the person's steps are closed.
pub async fn still_open<C: ConnectionTrait>(db: &C, person: i32) -> Result<(), DeskError> {
    match ecopr::Entity::find_by_id(person).one(db).await? {
        Some(_) => Err(AppError::AlreadyConfirmed.into()),
        None => Ok(()),
    }
}

pub async fn declared_in_canada(db: &DatabaseConnection, person: i32) -> Result<bool, DeskError> {
    let found = declaration::Entity::find().filter(declaration::Column::PersonId.eq(person)).one(db).await?;
    Ok(found.is_some_and(|d| d.in_canada))
}

/// The person's newest declaration, with who made it when it was not the
/// person themself (the principal, for a minor held under their account).
pub async fn declaration_of(db: &DatabaseConnection, person: &person::Model) -> Result<Option<Declaration>, DeskError> {
    let found = declaration::Entity::find()
        .filter(declaration::Column::PersonId.eq(person.id))
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    Ok(found.map(|(d, by)| Declaration {
        in_canada: d.in_canada,
        expected_return: d.expected_return,
        declared_on: d.declared_at.date_naive(),
        declared_by: by.filter(|account| person.email.as_deref() != Some(account.email.as_str())).map(|account| account.name),
    }))
}

/// The other people the viewer completes who have an address, by name.
pub async fn others_with_address(db: &DatabaseConnection, viewer: &Viewer, person: i32) -> Result<Vec<(PersonId, String)>, DeskError> {
    let found = person::Entity::find()
        .filter(person::Column::UserId.eq(viewer.user_id))
        .filter(person::Column::Id.ne(person))
        .inner_join(address::Entity)
        .order_by_asc(person::Column::Position)
        .all(db)
        .await?;
    Ok(found.into_iter().map(|p| (PersonId(p.id), p.full_name())).collect())
}

pub async fn address_of(db: &DatabaseConnection, person: i32) -> Result<Option<MailingAddress>, DeskError> {
    let Some(row) = address::Entity::find().filter(address::Column::PersonId.eq(person)).one(db).await? else {
        return Ok(None);
    };
    // Stored only after parsing: a row that no longer parses is a broken invariant.
    let province = Province::parse(&row.province).ok_or(DeskError::Invariant("a stored province does not parse"))?;
    let postal_code = PostalCode::parse(&row.postal_code).map_err(|_| DeskError::Invariant("a stored postal code does not parse"))?;
    Ok(Some(MailingAddress { street: row.street, unit: row.unit, city: row.city, province, postal_code, care_of: row.care_of }))
}
