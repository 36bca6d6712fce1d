//! The people ready to confirm across cases: declared in Canada, an address
//! given, their newest photo accepted, no eCOPR yet; oldest acceptance first.
use crate::error::DeskError;
use app::domain::{PersonId, Province, ReadyPage, ReadyPerson};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

const READY: &str = "FROM people pe \
     JOIN cases c ON c.id = pe.case_id \
     JOIN declarations d ON d.person_id = pe.id AND d.in_canada \
     JOIN addresses a ON a.person_id = pe.id \
     JOIN photo_reviews r ON r.accepted AND r.photo_id = (SELECT MAX(p.id) FROM photos p WHERE p.person_id = pe.id) \
     WHERE NOT EXISTS (SELECT 1 FROM ecoprs e WHERE e.person_id = pe.id)";

pub async fn ready(db: &DatabaseConnection, page: u64) -> Result<ReadyPage, DeskError> {
    let backend = db.get_database_backend();
    let count = db.query_one_raw(Statement::from_string(backend, format!("SELECT COUNT(*) AS total {READY}"))).await?;
    let total = count.map(|row| row.try_get::<i64>("", "total")).transpose()?.unwrap_or(0).max(0) as u64;
    let pages = total.div_ceil(ReadyPage::SIZE).max(1);
    let page = page.clamp(1, pages);
    let sql = format!(
        "SELECT pe.id AS id, pe.given_names AS given_names, pe.family_name AS family_name, \
         c.application_number AS application_number, r.decided_at AS decided_at, a.city AS city, a.province AS province \
         {READY} ORDER BY r.decided_at, pe.id LIMIT $1 OFFSET $2"
    );
    let values = [(ReadyPage::SIZE as i64).into(), (((page - 1) * ReadyPage::SIZE) as i64).into()];
    let rows = db.query_all_raw(Statement::from_sql_and_values(backend, sql, values)).await?;
    let people = rows
        .iter()
        .map(|row| {
            let given: Option<String> = row.try_get("", "given_names")?;
            let family: String = row.try_get("", "family_name")?;
            let province: String = row.try_get("", "province")?;
            Ok(ReadyPerson {
                id: PersonId(row.try_get("", "id")?),
                name: app::domain::full_name(given.as_deref(), &family),
                application_number: row.try_get("", "application_number")?,
                accepted_on: row.try_get::<chrono::DateTime<chrono::Utc>>("", "decided_at")?.date_naive(),
                city: row.try_get("", "city")?,
                province: Province::parse(&province).ok_or(DeskError::Invariant("a stored province does not parse"))?,
            })
        })
        .collect::<Result<Vec<_>, DeskError>>()?;
    Ok(ReadyPage { people, page, pages, total })
}
