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
        ]
    }
}
