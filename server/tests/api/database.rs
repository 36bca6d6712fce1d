use crate::helpers::{on_both_databases, Backend, TestDatabase};
use app::domain::{Email, PersonName};
use argon2::{PasswordHash, PasswordVerifier};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use secrecy::ExposeSecret;
use portal::entities::user::Role;
use portal::accounts::staff::{self, OfficerError};

on_both_databases! {
    async fn officers_get_a_hashed_temporary_password_that_must_be_changed(app) {
        let email = Email::parse("Agent.Dupuis@IRCC.example.ca").unwrap();
        let name = PersonName::parse("Amélie Dupuis").unwrap();
        let temporary = staff::create(&app.db, &email, &name, Role::Officer, 14).await.unwrap();

        let stored = staff::find(&app.db, &email).await.unwrap().expect("stored");
        assert_eq!(stored.email, "agent.dupuis@ircc.example.ca");
        assert_eq!(stored.name, "Amélie Dupuis");
        assert_eq!(stored.role, Role::Officer);
        assert!(stored.must_change_password);
        let parsed = PasswordHash::new(&stored.password_hash).unwrap();
        assert!(argon2::Argon2::default()
            .verify_password(temporary.password.expose_secret().as_bytes(), &parsed)
            .is_ok());
        let days = (stored.temporary_password_expires_at.unwrap() - Utc::now()).num_hours();
        assert!((13 * 24..=14 * 24).contains(&days), "{days} hours");

        let again = Email::parse("agent.dupuis@ircc.example.ca").unwrap();
        let err = staff::create(&app.db, &again, &name, Role::Administrator, 14).await.unwrap_err();
        assert!(matches!(err, OfficerError::AlreadyExists(_)), "{err}");

        let reset = staff::reset_password(&app.db, &email, 14).await.unwrap();
        let updated = staff::find(&app.db, &email).await.unwrap().unwrap();
        assert_ne!(updated.password_hash, stored.password_hash);
        let parsed = PasswordHash::new(&updated.password_hash).unwrap();
        assert!(argon2::Argon2::default()
            .verify_password(reset.password.expose_secret().as_bytes(), &parsed)
            .is_ok());

        let unknown = Email::parse("nobody@ircc.example.ca").unwrap();
        assert!(matches!(
            staff::reset_password(&app.db, &unknown, 14).await,
            Err(OfficerError::NotFound(_))
        ));

        staff::set_role(&app.db, &email, Role::Administrator).await.unwrap();
        assert_eq!(staff::find(&app.db, &email).await.unwrap().unwrap().role, Role::Administrator);
        let changes = portal::entities::audit_event::Entity::find()
            .filter(portal::entities::audit_event::Column::Action.eq("role_changed"))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].details, r#"{"from":"officer","to":"administrator"}"#);
        assert!(matches!(staff::set_role(&app.db, &email, Role::Applicant).await, Err(OfficerError::NotStaff(_))));
    }
}

on_both_databases! {
    async fn migrating_again_changes_nothing(app) {
        portal::db::migrate(&app.db).await.expect("second run");
        portal::db::migrate(&app.db).await.expect("third run");
    }
}

/// Several instances starting together on one PostgreSQL must all come up.
#[tokio::test]
async fn instances_starting_together_migrate_once() {
    let database = TestDatabase::create(Backend::Postgres).await;
    let settings = database.settings();
    let starts = (0..4).map(|_| {
        let settings = settings.clone();
        tokio::spawn(async move {
            let db = portal::db::connect(&settings).await?;
            portal::db::migrate(&db).await
        })
    });
    for start in starts {
        start.await.expect("task").expect("migrated");
    }
}

/// On PostgreSQL every instance must be given the same key: without one the
/// portal does not start, and says what to set.
#[tokio::test]
async fn a_postgres_portal_without_its_key_does_not_start() {
    let database = TestDatabase::create(Backend::Postgres).await;
    let mut settings = database.settings();
    settings.secrets.key = None;
    settings.site.address = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    let Err(error) = portal::startup::Application::build(settings).await else { panic!("it started without its key") };
    assert!(error.to_string().contains("APP_SECRETS__KEY"), "{error}");
}

on_both_databases! {
    async fn an_authenticator_secret_kept_in_clear_is_sealed_at_start(app) {
        use portal::entities::user;
        use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
        let email = Email::parse("early.adopter@example.ca").unwrap();
        staff::create(&app.db, &email, &PersonName::parse("Early Adopter").unwrap(), Role::Officer, 14).await.unwrap();
        let mut clear = staff::find(&app.db, &email).await.unwrap().unwrap().into_active_model();
        clear.totp_secret = Set(Some("JBSWY3DPEHPK3PXP".into()));
        clear.update(&app.db).await.unwrap();
        // Another instance starts on the same database.
        let mut settings = app.settings.clone();
        settings.site.address = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        assert!(portal::startup::Application::build(settings).await.is_ok());
        let stored = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&app.db).await.unwrap().unwrap();
        let sealed = stored.totp_secret.unwrap();
        assert!(sealed.starts_with("v1:") && !sealed.contains("JBSWY3DPEHPK3PXP"), "{sealed}");
    }
}
