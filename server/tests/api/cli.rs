use crate::helpers::{on_both_databases, Backend, TestDatabase};
use crate::sign_in::signed_in_as;
use portal::entities::audit_event;
use portal::entities::user::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use std::process::{Command, Output};

fn portal(database: &TestDatabase, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("temporary folder");
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .env("USER", "ops-tester")
        .envs(database.env())
        .output()
        .expect("run portal")
}

async fn officer_create_prints_a_temporary_password_once(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let create = ["officer", "create", "--email", "demo.officer@example.ca", "--name", "Demo Officer"];

    let first = portal(&database, &create);
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(first.status.success(), "{stdout}{}", String::from_utf8_lossy(&first.stderr));
    assert!(stdout.contains("username:           demo.officer@example.ca"), "{stdout}");
    let password = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("temporary password: "))
        .expect("password line");
    assert_eq!(password.len(), 19);

    let twice = portal(&database, &create);
    assert!(!twice.status.success(), "a second account with the same email is refused");
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already exists"));

    let mut if_missing = create.to_vec();
    if_missing.push("--if-missing");
    let again = portal(&database, &if_missing);
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(again.status.success());
    assert!(stdout.contains("already exists") && !stdout.contains(password), "{stdout}");

    let bad = portal(&database, &["officer", "create", "--email", "not-an-email", "--name", "X"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("name@example.com"));

    let promote = portal(&database, &["officer", "set-role", "--email", "demo.officer@example.ca", "--role", "administrator"]);
    assert!(promote.status.success(), "{}", String::from_utf8_lossy(&promote.stderr));
    assert!(String::from_utf8_lossy(&promote.stdout).contains("is now an administrator"));
    let nobody = portal(&database, &["officer", "set-role", "--email", "nobody@example.ca", "--role", "officer"]);
    assert!(!nobody.status.success());

    let migrate = portal(&database, &["migrate"]);
    assert!(migrate.status.success());
    assert!(String::from_utf8_lossy(&migrate.stdout).contains("up to date"));
}

#[tokio::test]
async fn officer_create_on_sqlite() {
    officer_create_prints_a_temporary_password_once(Backend::Sqlite).await;
}

#[tokio::test]
async fn officer_create_on_postgres() {
    officer_create_prints_a_temporary_password_once(Backend::Postgres).await;
}

/// The token is printed once and opens the API; only its hash is stored.
async fn token_create_prints_a_token_that_opens_the_api(backend: Backend) {
    let database = TestDatabase::create(backend).await;
    let made = portal(&database, &["token", "create", "--name", "cms-prod"]);
    let stdout = String::from_utf8_lossy(&made.stdout);
    assert!(made.status.success(), "{stdout}{}", String::from_utf8_lossy(&made.stderr));
    let token = stdout.lines().last().expect("the token line").trim().to_owned();
    assert!(token.starts_with("prcp_") && token.len() > 40, "{token}");

    let db = sea_orm::Database::connect(match &database {
        TestDatabase::Sqlite { path, .. } => format!("sqlite://{}", path.display()),
        TestDatabase::Postgres { url, .. } => url.clone(),
    })
    .await
    .unwrap();
    let stored = portal::api::tokens::authenticate(&db, &token).await.unwrap().expect("the token opens");
    assert_eq!(stored.name, "cms-prod");
    assert_ne!(stored.token_hash, token);

    let twice = portal(&database, &["token", "create", "--name", "cms-prod"]);
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("already exists"));
}

#[tokio::test]
async fn token_create_on_sqlite() {
    token_create_prints_a_token_that_opens_the_api(Backend::Sqlite).await;
}

#[tokio::test]
async fn token_create_on_postgres() {
    token_create_prints_a_token_that_opens_the_api(Backend::Postgres).await;
}

on_both_databases! {
    async fn staff_changes_at_the_command_line_are_audited_and_a_reset_signs_out(app) {
        let client = crate::sign_in::browser();
        signed_in_as(&app, &client, "officer@example.ca", "Olivia Officer", Role::Officer).await;
        let viewer = |client: reqwest::Client| {
            let url = format!("{}/api/session/viewer", app.address);
            async move { client.post(url).header("Accept", "application/json").send().await.unwrap().json::<Value>().await.unwrap() }
        };
        assert_eq!(viewer(client.clone()).await["stage"], "Active");

        let reset = portal(&app.database, &["officer", "reset-password", "--email", "officer@example.ca"]);
        assert!(reset.status.success(), "{}", String::from_utf8_lossy(&reset.stderr));
        assert_eq!(viewer(client).await, Value::Null, "the officer's session ended with the old password");

        let made = portal(&app.database, &["officer", "create", "--email", "second@example.ca", "--name", "Second Officer"]);
        assert!(made.status.success());
        let by_cli: Vec<String> = audit_event::Entity::find()
            .filter(audit_event::Column::Actor.eq("cli:ops-tester"))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(by_cli, ["password_reset", "account_created"]);
    }
}

on_both_databases! {
    async fn a_revoked_token_is_refused_at_once(app) {
        let made = portal(&app.database, &["token", "create", "--name", "cms-prod"]);
        let token = String::from_utf8_lossy(&made.stdout).lines().last().unwrap().trim().to_owned();
        let status = |token: String| {
            let request = app.client.post(format!("{}/api/v1/cases", app.address)).bearer_auth(token).json(&serde_json::json!({}));
            async move { request.send().await.unwrap().status().as_u16() }
        };
        assert_ne!(status(token.clone()).await, 401, "a live token is let in (and its empty case refused)");
        let revoked = portal(&app.database, &["token", "revoke", "cms-prod"]);
        assert!(revoked.status.success(), "{}", String::from_utf8_lossy(&revoked.stderr));
        assert_eq!(status(token).await, 401);
        let again = portal(&app.database, &["token", "revoke", "cms-prod"]);
        assert!(!again.status.success(), "a token is revoked once");
        let listed = String::from_utf8_lossy(&portal(&app.database, &["token", "list"]).stdout).into_owned();
        assert!(listed.starts_with("cms-prod\tcreated ") && listed.contains("\trevoked "), "{listed}");
        let revocations = audit_event::Entity::find().filter(audit_event::Column::Action.eq("api_token_revoked")).all(&app.db).await.unwrap();
        assert_eq!(revocations.len(), 1);
        assert_eq!(revocations[0].actor, "cli:ops-tester");
    }
}

#[test]
fn photo_check_prints_one_json_report_a_file() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../photo/tests/fixtures");
    let output = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["photo-check", "--json"])
        .arg(format!("{fixtures}/astronaut_good.jpg"))
        .arg(format!("{fixtures}/hopper_glare_forehead.jpg"))
        .output()
        .expect("run portal");
    assert!(output.status.success(), "a failing photo is a verdict, not an error");
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["file"].as_str().unwrap().ends_with("astronaut_good.jpg"));
    assert_eq!(lines[0]["verdict"], "pass");
    assert_eq!(lines[1]["verdict"], "fail");
    let glare = lines[1]["checks"].as_array().unwrap().iter().find(|c| c["id"] == "glare").unwrap();
    assert_eq!(glare["status"], "fail");
    let ids: Vec<&str> = lines[0]["checks"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["format", "file_size", "dimensions", "face_count", "head_size", "centring", "brightness", "glare", "sharpness", "background"]
    );

    let missing = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["photo-check", "/nonexistent/photo.jpg"])
        .output()
        .expect("run portal");
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot be read"));
}
