//! Approved cases coming in (API, CSV, form): stored whole with their people,
//! the principal invited, all in one transaction.
use crate::error::DeskError;
use crate::audit::{self, Action, Actor};
use crate::entities::{case, person};
use crate::invitations::issue::{self, Invitee};
use app::domain::NewCase;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set, SqlErr, TransactionTrait,
};

/// What happened to a case that was sent in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Received {
    Created(case::Model),
    /// The application number was already known: nothing was changed.
    AlreadyKnown(case::Model),
}

/// Where the links in emails point, and how long invitations last.
pub struct InvitationSettings<'a> {
    pub public_url: &'a str,
    pub valid_days: u32,
}

#[tracing::instrument(skip_all, fields(application_number = %new.application_number, ?source))]
pub async fn receive(
    db: &DatabaseConnection,
    new: &NewCase,
    source: case::Source,
    actor: &Actor,
    invitation: &InvitationSettings<'_>,
) -> Result<Received, DeskError> {
    if let Some(existing) = find(db, new.application_number.as_str()).await? {
        return Ok(Received::AlreadyKnown(existing));
    }
    match insert(db, new, source, actor, invitation).await {
        Ok(created) => Ok(Received::Created(created)),
        // Sent twice at once: the other request stored it first.
        Err(DeskError::Db(err)) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Ok(find(db, new.application_number.as_str()).await?.map(Received::AlreadyKnown).ok_or(err)?)
        }
        Err(err) => Err(err),
    }
}

pub async fn find(db: &DatabaseConnection, application_number: &str) -> Result<Option<case::Model>, DbErr> {
    case::Entity::find().filter(case::Column::ApplicationNumber.eq(application_number)).one(db).await
}

async fn insert(
    db: &DatabaseConnection,
    new: &NewCase,
    source: case::Source,
    actor: &Actor,
    invitation: &InvitationSettings<'_>,
) -> Result<case::Model, DeskError> {
    let txn = db.begin().await?;
    let created = case::ActiveModel {
        application_number: Set(new.application_number.as_str().to_owned()),
        approved_on: Set(new.approved_on),
        source: Set(source),
        status: Set(case::Status::Invited),
        created_at: Set(Utc::now()),
        answered_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (position, p) in new.people.iter().enumerate() {
        person::ActiveModel {
            case_id: Set(created.id),
            position: Set(position as i32),
            family_name: Set(p.family_name.as_str().to_owned()),
            given_names: Set(p.given_names.as_ref().map(|n| n.as_str().to_owned())),
            search_name: Set(super::search::search_name(p.family_name.as_str(), p.given_names.as_ref().map(|n| n.as_str()))),
            date_of_birth: Set(p.date_of_birth),
            sex: Set(p.sex.as_str().to_owned()),
            country_of_birth: Set(p.country_of_birth.alpha3().to_owned()),
            citizenship: Set(p.citizenship.alpha3().to_owned()),
            uci: Set(p.uci.as_str().to_owned()),
            email: Set(p.email.as_ref().map(|e| e.as_str().to_owned())),
            relationship: Set(p.relationship),
            in_canada: Set(None),
            return_date: Set(None),
            user_id: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        actor,
        Action::CaseCreated,
        &format!("case:{}", created.id),
        serde_json::json!({ "application_number": created.application_number, "people": new.people.len(), "source": format!("{source:?}") }),
    )
    .await?;
    let (principal, email) = new.principal().ok_or(DeskError::Invariant("a case without a principal's email"))?;
    let name = app::domain::full_name(principal.given_names.as_ref().map(|given| given.as_str()), principal.family_name.as_str());
    issue::issue(
        &txn,
        &created,
        &Invitee { email, name },
        actor,
        invitation.public_url,
        invitation.valid_days,
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}
