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
