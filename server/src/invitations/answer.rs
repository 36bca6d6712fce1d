//! Answering an invitation (the link is the credential): the case goes the
//! paper route, or the accounts are made and their sign-in details emailed.
//! All of it in one transaction, or nothing.
use crate::audit::{self, Action, Actor};
use crate::config::Settings;
use crate::entities::user::{self, Role};
use crate::entities::{case, invitation, person};
use crate::mail;
use crate::accounts::passwords::{self, TemporaryPassword};
use crate::secrets::tokens;
use app::domain::{PersonId, Relationship, Token, 
    field, Account, Answer, AnswerOutcome, Email, ErrorKey, FieldError, InvitationState, InvitedPerson, OpenInvitation,
    PersonAnswer, Presence, RawAnswer,
};
use app::error::AppError;
use crate::error::DeskError;
use app::api::ports::Invitations;
use chrono::{Datelike, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use secrecy::ExposeSecret;
use std::collections::HashMap;
use std::sync::Arc;

pub struct InvitationDesk {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub hasher: passwords::Hasher,
}

#[async_trait::async_trait]
impl Invitations for InvitationDesk {
    async fn open(&self, token: &str) -> Result<InvitationState, AppError> {
        Ok(InvitationDesk::open(self, token).await?)
    }

    async fn answer(&self, token: &str, raw: &RawAnswer) -> Result<AnswerOutcome, AppError> {
        Ok(InvitationDesk::answer(self, token, raw).await?)
    }
}

impl InvitationDesk {
    #[tracing::instrument(skip_all)]
    pub(crate) async fn open(&self, token: &str) -> Result<InvitationState, DeskError> {
        Ok(self.find(token).await?.0)
    }

    #[tracing::instrument(skip_all)]
    pub(crate) async fn answer(&self, token: &str, raw: &RawAnswer) -> Result<AnswerOutcome, DeskError> {
        let (state, row) = self.find(token).await?;
        let (InvitationState::Open(open), Some(row)) = (state.clone(), row) else {
            return Ok(AnswerOutcome::Closed(state));
        };
        let answer = match raw.parse(&open, Utc::now().date_naive()) {
            Ok(answer) => answer,
            Err(errors) => return Ok(AnswerOutcome::Invalid(errors)),
        };
        // Hashed before the transaction, so that it holds no lock while a core works.
        let issued = match &answer {
            Answer::Accepted(people) => self.issue_passwords(people).await?,
            Answer::Declined => HashMap::new(),
        };
        let txn = self.db.begin().await?;
        // Claimed first, so that of two answers at once the second is told the link was used.
        if !claim(&txn, &row).await? {
            return Ok(AnswerOutcome::Closed(InvitationState::Used));
        }
        if let Answer::Accepted(people) = &answer {
            let taken = emails_taken(&txn, people).await?;
            if !taken.is_empty() {
                // Dropping the transaction undoes the claim: the link still works.
                return Ok(AnswerOutcome::Invalid(taken));
            }
        }
        let actor = Actor::Invitation(row.id);
        let outcome = match answer {
            Answer::Declined => decline(&txn, row.case_id, &actor).await.map(|()| AnswerOutcome::Declined).map_err(DeskError::from),
            Answer::Accepted(people) => self
                .accept(&txn, row.case_id, &people, issued, &actor)
                .await
                .map(|accounts| AnswerOutcome::Accepted { accounts }),
        }?;
        txn.commit().await?;
        Ok(outcome)
    }
}

impl InvitationDesk {
    /// A temporary password, and its hash, for each person who gets an account.
    async fn issue_passwords(&self, people: &[PersonAnswer]) -> Result<HashMap<PersonId, (TemporaryPassword, String)>, DeskError> {
        let mut issued = HashMap::new();
        for person in people.iter().filter(|p| matches!(p.account, Account::Own(_))) {
            let pair = self.hasher.issue_temporary(self.settings.sessions.temporary_password_days).await?;
            issued.insert(person.id, pair);
        }
        Ok(issued)
    }

    async fn find(&self, token: &str) -> Result<(InvitationState, Option<invitation::Model>), DbErr> {
        let token = token.trim();
        if Token::parse(token).is_none() {
            return Ok((InvitationState::Unknown, None));
        }
        let Some(row) = invitation::Entity::find()
            .filter(invitation::Column::TokenHash.eq(tokens::token_hash(token)))
            .one(&self.db)
            .await?
        else {
            return Ok((InvitationState::Unknown, None));
        };
        let state = if row.revoked_at.is_some() {
            InvitationState::Unknown
        } else if row.used_at.is_some() {
            InvitationState::Used
        } else if row.expires_at <= Utc::now() {
            InvitationState::Expired
        } else {
            InvitationState::Open(self.open_view(row.case_id).await?)
        };
        Ok((state, Some(row)))
    }

    async fn open_view(&self, case_id: i32) -> Result<OpenInvitation, DbErr> {
        let case = case::Entity::find_by_id(case_id)
            .one(&self.db)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(format!("case {case_id}")))?;
        let today = Utc::now().date_naive();
        let people = people_of(&self.db, case_id)
            .await?
            .into_iter()
            .map(|p| InvitedPerson {
                id: PersonId(p.id),
                name: p.full_name(),
                principal: p.relationship == Relationship::Principal,
                adult: age(p.date_of_birth, today) >= 18,
                email: p.email,
            })
            .collect();
        Ok(OpenInvitation { application_number: case.application_number, people })
    }

    /// Makes the accounts (the principal's first: the others' profiles may be held
    /// under it), records each person's answers, and queues the emails.
    async fn accept(
        &self,
        txn: &DatabaseTransaction,
        case_id: i32,
        answers: &[PersonAnswer],
        mut issued: HashMap<PersonId, (TemporaryPassword, String)>,
        actor: &Actor,
    ) -> Result<Vec<String>, DeskError> {
        let people = people_of(txn, case_id).await?;
        let mut ordered: Vec<(&person::Model, &PersonAnswer)> = people
            .iter()
            .filter_map(|p| answers.iter().find(|a| a.id == PersonId(p.id)).map(|a| (p, a)))
            .collect();
        ordered.sort_by_key(|(p, _)| p.relationship != Relationship::Principal);
        let mut principal_user = None;
        let mut accounts = Vec::new();
        for (person, answer) in ordered {
            let user_id = match &answer.account {
                Account::Own(email) => {
                    let (temporary, hash) = issued.remove(&PersonId(person.id)).ok_or(DeskError::Invariant("no password issued"))?;
                    let user_id = create_account(txn, person, email, &temporary, hash).await?;
                    audit::record(txn, actor, Action::AccountCreated, &format!("user:{user_id}"), serde_json::json!({ "person": person.id }))
                        .await?;
                    let sent = mail::templates::account_created(email.clone(), &person.full_name(), &self.settings.site.public_url, temporary.password.expose_secret(), temporary.expires_at);
                    mail::enqueue(txn, &sent).await?;
                    accounts.push(email.as_str().to_owned());
                    user_id
                }
                Account::HeldByPrincipal => principal_user.ok_or(DeskError::Invariant("no principal account"))?,
            };
            if person.relationship == Relationship::Principal {
                principal_user = Some(user_id);
            }
            let (in_canada, return_date) = match answer.presence {
                Presence::InCanada => (true, None),
                Presence::Away { returns_on } => (false, Some(returns_on)),
            };
            let mut row = person.clone().into_active_model();
            if let Account::Own(email) = &answer.account {
                row.email = Set(Some(email.as_str().to_owned()));
            }
            row.in_canada = Set(Some(in_canada));
            row.return_date = Set(return_date);
            row.user_id = Set(Some(user_id));
            row.update(txn).await?;
        }
        set_status(txn, case_id, case::Status::Answered).await?;
        audit::record(txn, actor, Action::InvitationAnswered, &format!("case:{case_id}"), serde_json::json!({ "use_portal": true, "accounts": accounts.len() }))
            .await?;
        Ok(accounts)
    }
}

/// Addresses that already have an account (each account needs its own).
async fn emails_taken<C: ConnectionTrait>(db: &C, people: &[PersonAnswer]) -> Result<Vec<FieldError>, DbErr> {
    let mut taken = Vec::new();
    for person in people {
        if let Account::Own(email) = &person.account {
            let exists = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(db).await?;
            if exists.is_some() {
                taken.push(FieldError::new(field::email(person.id), ErrorKey::EmailTaken));
            }
        }
    }
    Ok(taken)
}

/// Marks the invitation used, if it still can be: one answer wins.
async fn claim(txn: &DatabaseTransaction, row: &invitation::Model) -> Result<bool, DbErr> {
    let now = Utc::now();
    let result = invitation::Entity::update_many()
        .col_expr(invitation::Column::UsedAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(row.id))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(txn)
        .await?;
    Ok(result.rows_affected == 1)
}

async fn decline(txn: &DatabaseTransaction, case_id: i32, actor: &Actor) -> Result<(), DbErr> {
    set_status(txn, case_id, case::Status::PaperRoute).await?;
    audit::record(txn, actor, Action::InvitationAnswered, &format!("case:{case_id}"), serde_json::json!({ "use_portal": false })).await
}

async fn set_status(txn: &DatabaseTransaction, case_id: i32, status: case::Status) -> Result<(), DbErr> {
    case::ActiveModel { id: Set(case_id), status: Set(status), answered_at: Set(Some(Utc::now())), ..Default::default() }
        .update(txn)
        .await
        .map(|_| ())
}

async fn people_of<C: ConnectionTrait>(db: &C, case_id: i32) -> Result<Vec<person::Model>, DbErr> {
    person::Entity::find()
        .filter(person::Column::CaseId.eq(case_id))
        .order_by_asc(person::Column::Position)
        .all(db)
        .await
}

async fn create_account(
    txn: &DatabaseTransaction,
    person: &person::Model,
    email: &Email,
    temporary: &TemporaryPassword,
    hash: String,
) -> Result<i32, DbErr> {
    let created = user::ActiveModel {
        email: Set(email.as_str().to_owned()),
        name: Set(person.full_name()),
        role: Set(Role::Applicant),
        password_hash: Set(hash),
        must_change_password: Set(true),
        temporary_password_expires_at: Set(Some(temporary.expires_at)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(created.id)
}

/// Whole years from birth to `on`.
fn age(born: NaiveDate, on: NaiveDate) -> i32 {
    let had_birthday = (on.month(), on.day()) >= (born.month(), born.day());
    on.year() - born.year() - i32::from(!had_birthday)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_counts_whole_years() {
        let born = NaiveDate::from_ymd_opt(2008, 11, 27).unwrap();
        assert_eq!(age(born, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()), 17);
        assert_eq!(age(born, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()), 18);
    }
}
