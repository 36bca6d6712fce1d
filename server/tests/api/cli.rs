use crate::helpers::{Backend, TestDatabase};
use std::process::{Command, Output};

fn portal(database: &TestDatabase, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("temporary folder");
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
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
    let stored = portal::api_tokens::authenticate(&db, &token).await.unwrap().expect("the token opens");
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
