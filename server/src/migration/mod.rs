//! The schema, as migrations applied at start-up (and by `portal migrate`).
use sea_orm_migration::prelude::*;

mod m20261125_000001_create_users;
mod m20261126_000001_create_cases;
mod m20261126_000002_create_outbox;
mod m20261126_000003_create_audit_events;
mod m20261126_000004_create_sessions;
mod m20261126_000005_create_password_resets;
mod m20261126_000006_add_authenticator;
mod m20261126_000007_add_totp_last_step;
mod m20261126_000008_create_photos;
mod m20261201_000001_create_attempt_counters;
mod m20261201_000002_widen_authenticator_secrets;
mod m20261201_000003_create_declarations_and_addresses;
mod m20261201_000004_create_reminders;
mod m20261201_000005_create_messages;
mod m20261201_000006_create_photo_reviews;
mod m20261201_000007_add_people_search_name;
mod m20261201_000008_create_ecoprs;

pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_users::Migration),
            Box::new(m20261126_000001_create_cases::Migration),
            Box::new(m20261126_000002_create_outbox::Migration),
            Box::new(m20261126_000003_create_audit_events::Migration),
            Box::new(m20261126_000004_create_sessions::Migration),
            Box::new(m20261126_000005_create_password_resets::Migration),
            Box::new(m20261126_000006_add_authenticator::Migration),
            Box::new(m20261126_000007_add_totp_last_step::Migration),
            Box::new(m20261126_000008_create_photos::Migration),
            Box::new(m20261201_000001_create_attempt_counters::Migration),
            Box::new(m20261201_000002_widen_authenticator_secrets::Migration),
            Box::new(m20261201_000003_create_declarations_and_addresses::Migration),
            Box::new(m20261201_000004_create_reminders::Migration),
            Box::new(m20261201_000005_create_messages::Migration),
            Box::new(m20261201_000006_create_photo_reviews::Migration),
            Box::new(m20261201_000007_add_people_search_name::Migration),
            Box::new(m20261201_000008_create_ecoprs::Migration),
        ]
    }
}

/// Sets a new column on every row from a value only Rust computes (a random key,
/// a folded name): `select` reads each row (with its `id`), `update` writes `$1`
/// where `id = $2`.
async fn backfill<F>(manager: &SchemaManager<'_>, select: &str, update: &str, value: F) -> Result<(), DbErr>
where
    F: Fn(&sea_orm::QueryResult) -> Result<sea_orm::Value, DbErr>,
{
    use sea_orm::{ConnectionTrait, Statement};
    let db = manager.get_connection();
    let backend = db.get_database_backend();
    for row in db.query_all_raw(Statement::from_string(backend, select)).await? {
        let id: i32 = row.try_get("", "id")?;
        db.execute_raw(Statement::from_sql_and_values(backend, update, [value(&row)?, id.into()])).await?;
    }
    Ok(())
}
