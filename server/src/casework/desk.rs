//! Officers' casework: the list of cases, a case entered by hand, a CSV file of
//! approved cases (one row a person), and a new invitation when one is lost.
use crate::accounts::staff;
use crate::casework::intake::{self, InvitationSettings, Received};
use crate::config::Settings;
use crate::entities::{case, invitation, person};
use crate::invitations::issue::{self, Invitee};
use app::domain::{deadline, CaseFile, CaseId, Relationship, 
    CaseOutcome, CasePage, CaseSummary, Email, FieldError, ImportReport, ImportedRow, RawCase, RawPerson, RowResult,
    Unreadable, Viewer,
};
use app::error::AppError;
use crate::error::DeskError;
use app::api::ports::Casework;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait};
use std::collections::HashMap;
use std::sync::Arc;

pub struct CaseDesk {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
}

/// The columns of an import file, by the names of the API's fields.
pub const CSV_COLUMNS: [&str; 11] = [
    "application_number",
    "approved_on",
    "family_name",
    "given_names",
    "date_of_birth",
    "sex",
    "country_of_birth",
    "citizenship",
    "uci",
    "email",
    "relationship",
];

/// More rows than any batch of approvals; a larger file is refused whole.
const MAX_ROWS: usize = 5_000;


#[async_trait::async_trait]
impl Casework for CaseDesk {
    async fn cases(&self, viewer: &Viewer, page: u64, query: &str) -> Result<CasePage, AppError> {
        Ok(CaseDesk::cases(self, viewer, page, query).await?)
    }

    async fn create(&self, viewer: &Viewer, raw: &RawCase) -> Result<CaseOutcome, AppError> {
        Ok(CaseDesk::create(self, viewer, raw).await?)
    }

    async fn import(&self, viewer: &Viewer, csv: &str) -> Result<ImportReport, AppError> {
        Ok(CaseDesk::import(self, viewer, csv).await?)
    }

    async fn resend(&self, viewer: &Viewer, case_id: CaseId) -> Result<bool, AppError> {
        Ok(CaseDesk::resend(self, viewer, case_id).await?)
    }

    #[tracing::instrument(skip_all, fields(officer = %viewer.user_id, case = %case_id))]
    async fn case_file(&self, viewer: &Viewer, case_id: CaseId) -> Result<Option<CaseFile>, AppError> {
        staff::actor(viewer)?;
        Ok(super::case_file::case_file(&self.db, case_id).await?)
    }
}

impl CaseDesk {
    #[tracing::instrument(skip_all, fields(officer = %viewer.user_id, page = page))]
    pub(crate) async fn cases(&self, viewer: &Viewer, page: u64, query: &str) -> Result<CasePage, DeskError> {
        staff::actor(viewer)?;
        let mut newest_first = case::Entity::find().order_by_desc(case::Column::CreatedAt).order_by_desc(case::Column::Id);
        if let Some(matching) = super::search::condition(query) {
            newest_first = newest_first.filter(matching);
        }
        let paginator = newest_first.paginate(&self.db, CasePage::SIZE);
        let pages = paginator.num_pages().await?.max(1);
        let page = page.clamp(1, pages);
        let shown = paginator.fetch_page(page - 1).await?;
        let mut people: HashMap<i32, Vec<person::Model>> = HashMap::new();
        let found = person::Entity::find()
            .filter(person::Column::CaseId.is_in(shown.iter().map(|c| c.id)))
            .order_by_asc(person::Column::Position)
            .all(&self.db)
            .await?;
        let mut progress = super::progress::progress(&self.db, &found).await?;
        let today = Utc::now().date_naive();
        for person in found {
            people.entry(person.case_id).or_default().push(person);
        }
        let cases = shown
            .into_iter()
            .map(|c| {
                let theirs = people.remove(&c.id).unwrap_or_default();
                (c, theirs)
            })
            .map(|(c, people)| CaseSummary {
                id: CaseId(c.id),
                application_number: c.application_number,
                principal: people
                    .iter()
                    .find(|p| p.relationship == Relationship::Principal)
                    .map(person::Model::full_name)
                    .unwrap_or_default(),
                people: people.len() as u32,
                status: sea_orm::ActiveEnum::to_value(&c.status),
                created_on: c.created_at.date_naive(),
                progress: people.iter().filter_map(|p| progress.remove(&p.id)).collect(),
                days_left: (deadline(c.approved_on) - today).num_days(),
            })
            .collect();
        Ok(CasePage { cases, page, pages })
    }

    #[tracing::instrument(skip_all, fields(officer = %viewer.user_id))]
    pub(crate) async fn create(&self, viewer: &Viewer, raw: &RawCase) -> Result<CaseOutcome, DeskError> {
        let actor = staff::actor(viewer)?;
        let new = match raw.parse(Utc::now().date_naive()) {
            Ok(new) => new,
            Err(errors) => return Ok(CaseOutcome::Invalid(errors)),
        };
        let application_number = new.application_number.to_string();
        match intake::receive(&self.db, &new, case::Source::Form, &actor, &self.invitation_settings()).await? {
            Received::Created(_) => Ok(CaseOutcome::Created { application_number }),
            Received::AlreadyKnown(_) => Ok(CaseOutcome::AlreadyKnown { application_number }),
        }
    }

    #[tracing::instrument(skip_all, fields(officer = %viewer.user_id))]
    pub(crate) async fn import(&self, viewer: &Viewer, csv: &str) -> Result<ImportReport, DeskError> {
        let actor = staff::actor(viewer)?;
        let groups = match read_csv(csv) {
            Ok(groups) => groups,
            Err(reason) => return Ok(ImportReport { rows: Vec::new(), unreadable: Some(reason) }),
        };
        let today = Utc::now().date_naive();
        let mut rows = Vec::new();
        for group in groups {
            let results = match group.case.parse(today) {
                Err(errors) => rejected(&group, &errors),
                Ok(new) => {
                    let received = intake::receive(&self.db, &new, case::Source::Csv, &actor, &self.invitation_settings())
                        .await?;
                    let result = match received {
                        Received::Created(_) => RowResult::Imported,
                        Received::AlreadyKnown(_) => RowResult::AlreadyKnown,
                    };
                    vec![result; group.lines.len()]
                }
            };
            for ((line, person), result) in group.lines.iter().zip(&group.case.people).zip(results) {
                rows.push(ImportedRow {
                    line: *line,
                    application_number: group.case.application_number.clone(),
                    name: app::domain::full_name(Some(&person.given_names), &person.family_name),
                    result,
                });
            }
        }
        rows.sort_by_key(|r| r.line);
        Ok(ImportReport { rows, unreadable: None })
    }

    #[tracing::instrument(skip_all, fields(officer = %viewer.user_id, case_id = %case_id))]
    pub(crate) async fn resend(&self, viewer: &Viewer, case_id: CaseId) -> Result<bool, DeskError> {
        let actor = staff::actor(viewer)?;
        let Some(case) = case::Entity::find_by_id(case_id.0).one(&self.db).await? else {
            return Ok(false);
        };
        let principal = person::Entity::find()
            .filter(person::Column::CaseId.eq(case.id))
            .filter(person::Column::Relationship.eq(Relationship::Principal))
            .one(&self.db)
            .await?;
        let email = principal.as_ref().and_then(|p| p.email.as_deref()).and_then(|e| Email::parse(e).ok());
        let (Some(principal), Some(email), case::Status::Invited) = (principal.as_ref(), email, case.status) else {
            return Ok(false);
        };
        let txn = self.db.begin().await?;
        // The old links die: only the newest works.
        invitation::Entity::update_many()
            .col_expr(invitation::Column::RevokedAt, Expr::value(Utc::now()))
            .filter(invitation::Column::CaseId.eq(case.id))
            .filter(invitation::Column::RevokedAt.is_null())
            .filter(invitation::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        let settings = self.invitation_settings();
        let invitee = Invitee { email: &email, name: principal.full_name() };
        issue::issue(&txn, &case, &invitee, &actor, settings.public_url, settings.valid_days).await?;
        txn.commit().await?;
        Ok(true)
    }
}

impl CaseDesk {
    fn invitation_settings(&self) -> InvitationSettings<'_> {
        InvitationSettings {
            public_url: &self.settings.site.public_url,
            valid_days: self.settings.sessions.invitation_days,
        }
    }
}

/// The rows of one application in a file, with their line numbers.
#[derive(Debug)]
struct Group {
    case: RawCase,
    lines: Vec<u32>,
}

/// Rows grouped by application number, in the file's order; or why the file cannot be read.
fn read_csv(text: &str) -> Result<Vec<Group>, Unreadable> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).flexible(false).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|_| Unreadable::NoHeader)?.clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let missing: Vec<String> = CSV_COLUMNS.iter().filter(|c| column(c).is_none()).map(|c| c.to_string()).collect();
    if !missing.is_empty() {
        return Err(Unreadable::MissingColumns(missing));
    }
    let at: Vec<usize> = CSV_COLUMNS.iter().filter_map(|c| column(c)).collect();
    let mut groups: Vec<Group> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        if index >= MAX_ROWS {
            return Err(Unreadable::TooManyRows(MAX_ROWS));
        }
        let record = record.map_err(|_| Unreadable::BadLine(index as u32 + 2))?;
        let field = |i: usize| record.get(at[i]).unwrap_or_default().to_owned();
        let number = field(0);
        let person = RawPerson {
            family_name: field(2),
            given_names: field(3),
            date_of_birth: field(4),
            sex: field(5),
            country_of_birth: field(6),
            citizenship: field(7),
            uci: field(8),
            email: field(9),
            relationship: field(10),
        };
        let line = index as u32 + 2;
        let same = |g: &&mut Group| g.case.application_number.eq_ignore_ascii_case(&number);
        match groups.iter_mut().find(|g| same(g)) {
            Some(group) => {
                group.case.people.push(person);
                group.lines.push(line);
            }
            None => groups.push(Group {
                case: RawCase { application_number: number, approved_on: field(1), people: vec![person] },
                lines: vec![line],
            }),
        }
    }
    if groups.is_empty() {
        return Err(Unreadable::NoRows);
    }
    Ok(groups)
}

/// Each row's own errors (as `people[i].field` → `field`); errors of the whole
/// case go on its first row.
fn rejected(group: &Group, errors: &[FieldError]) -> Vec<RowResult> {
    let mut rows: Vec<Vec<FieldError>> = vec![Vec::new(); group.lines.len()];
    for error in errors {
        let own = error.field.strip_prefix("people[").and_then(|rest| rest.split_once("].")).and_then(|(i, field)| {
            i.parse::<usize>().ok().filter(|i| *i < rows.len()).map(|i| (i, field))
        });
        match own {
            Some((i, field)) => rows[i].push(FieldError::new(field, error.key)),
            None => rows[0].push(FieldError::new(error.field.clone(), error.key)),
        }
    }
    rows.into_iter().map(RowResult::Rejected).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::ErrorKey;

    #[test]
    fn rows_are_grouped_by_application_in_any_column_order() {
        let csv = "relationship,uci,application_number,approved_on,family_name,given_names,date_of_birth,sex,country_of_birth,citizenship,email\n\
                   principal,11112222,E000000001,2026-11-20,Roy,Ana,1990-01-01,F,CAN,FRA,ana@example.com\n\
                   principal,33334444,E000000002,2026-11-20,Li,Wei,1980-01-01,M,CHN,CHN,wei@example.com\n\
                   child,55556666,e000000001,2026-11-20,Roy,Léo,2015-01-01,M,CAN,FRA,\n";
        let groups = read_csv(csv).unwrap();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].lines, vec![2, 4]);
        assert_eq!(groups[0].case.people[1].given_names, "Léo");
    }

    #[test]
    fn a_file_without_the_columns_is_refused_whole() {
        let Err(Unreadable::MissingColumns(missing)) = read_csv("name,uci\nAna,11112222\n") else { panic!("read") };
        assert_eq!(missing[0], "application_number");
        assert!(!missing.contains(&"uci".to_owned()));
        assert_eq!(read_csv(&CSV_COLUMNS.join(",")).unwrap_err(), Unreadable::NoRows);
        let short_line = format!("{}\nE000000001,2026-11-20\n", CSV_COLUMNS.join(","));
        assert_eq!(read_csv(&short_line).unwrap_err(), Unreadable::BadLine(2));
    }

    #[test]
    fn errors_land_on_their_rows() {
        let group = Group { case: RawCase::default(), lines: vec![2, 3] };
        let errors = vec![
            FieldError::new("application_number", ErrorKey::ApplicationNumberInvalid),
            FieldError::new("people[1].uci", ErrorKey::UciInvalid),
        ];
        assert_eq!(
            rejected(&group, &errors),
            vec![
                RowResult::Rejected(vec![FieldError::new("application_number", ErrorKey::ApplicationNumberInvalid)]),
                RowResult::Rejected(vec![FieldError::new("uci", ErrorKey::UciInvalid)]),
            ]
        );
    }
}
