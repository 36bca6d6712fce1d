//! Confirming permanent residence, one person at a time: each is checked and
//! confirmed in its own transaction (the eCOPR issued, the audit line, the
//! person told), so a list is never confirmed by halves.
use super::Record;
use crate::applicants::facts::facts_of;
use crate::audit::{self, Action, Actor};
use crate::entities::{case, ecopr, person, user};
use crate::error::DeskError;
use app::domain::{Confirmation, Confirmed, Missing, Notice, PersonConfirmed, PersonId, VerificationCode};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, Statement, TransactionTrait};

pub async fn confirm_all(
    db: &DatabaseConnection,
    officer: i32,
    people: &[PersonId],
    confirmation: &Confirmation,
    public_url: &str,
) -> Result<Vec<PersonConfirmed>, DeskError> {
    let mut seen = std::collections::HashSet::new();
    let mut results = Vec::new();
    for &person in people.iter().filter(|p| seen.insert(**p)) {
        let (name, result) = confirm_one(db, officer, person.0, confirmation, public_url, Utc::now()).await?;
        results.push(PersonConfirmed { person, name, result });
    }
    Ok(results)
}

#[tracing::instrument(skip(db, confirmation, public_url))]
async fn confirm_one(
    db: &DatabaseConnection,
    officer: i32,
    id: i32,
    confirmation: &Confirmation,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(String, Confirmed), DeskError> {
    let txn = db.begin().await?;
    let Some((person, Some(case))) = person::Entity::find_by_id(id).find_also_related(case::Entity).one(&txn).await? else {
        return Ok((String::new(), Confirmed::Unknown));
    };
    let name = person.full_name();
    if ecopr::Entity::find_by_id(id).one(&txn).await?.is_some() {
        return Ok((name, Confirmed::Already));
    }
    let facts = facts_of(&txn, &[id]).await?.remove(&id).unwrap_or_default();
    let mut missing = facts.missing();
    if confirmation.became_on < case.approved_on {
        missing.push(Missing::DateBeforeApproval);
    }
    if person.user_id == Some(officer) {
        // An officer never confirms a person whose profile they complete.
        return Ok((name, Confirmed::OwnFamily));
    }
    if !missing.is_empty() {
        return Ok((name, Confirmed::NotReady(missing)));
    }
    let code = VerificationCode::from_bits(rand::random());
    let record = Record::of(&person, confirmation, now.date_naive(), &code);
    // Another officer confirming the same person at the same moment: theirs stands.
    let insert = Statement::from_sql_and_values(
        txn.get_database_backend(),
        "INSERT INTO ecoprs (person_id, code, document_number, became_on, city, province, issued_at, issued_by, record) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (person_id) DO NOTHING",
        [
            id.into(),
            code.as_str().into(),
            record.document_number.clone().into(),
            confirmation.became_on.into(),
            confirmation.city.clone().into(),
            confirmation.province.code().into(),
            now.into(),
            officer.into(),
            serde_json::to_string(&record)?.into(),
        ],
    );
    let inserted = txn.execute_raw(insert).await?.rows_affected();
    if inserted != 1 {
        return Ok((name, Confirmed::Already));
    }
    let details = serde_json::json!({
        "became_on": confirmation.became_on,
        "city": confirmation.city,
        "province": confirmation.province.code(),
        "document_number": record.document_number,
    });
    audit::record(&txn, &Actor::User(officer), Action::PrConfirmed, &format!("person:{id}"), details).await?;
    if let Some(account) = person.user_id {
        let account = user::Entity::find_by_id(account).one(&txn).await?.ok_or(DeskError::Invariant("a person's account is gone"))?;
        let notice = Notice::PrConfirmed { person: PersonId(id), name: name.clone() };
        crate::messages::notify(&txn, &account, &notice, public_url).await?;
    }
    txn.commit().await?;
    tracing::info!("permanent residence confirmed");
    Ok((name, Confirmed::Done))
}
