//! Sign-in under attack: guessing the second factor, racing the lockout,
//! flooding the password hasher, forging the client's address.
use crate::helpers::{on_both_databases, spawn_app_with, wait_until, Backend, TestApp};
use crate::sign_in::{applicant, browser, call, emailed_code, error_key};
use futures::future::join_all;
use portal::entities::{audit_event, outbox_message, session};
use portal::accounts::{attempts, lockouts};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

const EMAIL: &str = "mai.nguyen@example.com";
const NEW_PASSWORD: &str = "maple kettle orbit lantern";

/// The applicant past the password (changed from the temporary one), waiting
/// for the emailed code, which is returned.
async fn at_second_factor(app: &TestApp, client: &reqwest::Client) -> String {
    let temporary = applicant(app).await;
    let (_, outcome) = call(app, client, "sign-in", &[("username", EMAIL), ("password", &temporary)]).await;
    assert_eq!(outcome, json!({ "Next": "ChangePassword" }));
    let (_, outcome) = call(app, client, "change-password", &[("new_password", NEW_PASSWORD), ("new_password_again", NEW_PASSWORD)]).await;
    assert_eq!(outcome, json!({ "Next": "SecondFactor" }));
    emailed_code(app).await
}

/// A code that is not `right`.
fn wrong(right: &str, n: usize) -> String {
    let code = format!("{:06}", (n * 7919) % 1_000_000);
    if code == right { format!("{:06}", (n * 7919 + 1) % 1_000_000) } else { code }
}

async fn failures_audited(app: &TestApp) -> u64 {
    audit_event::Entity::find().filter(audit_event::Column::Action.eq("sign_in_failed")).count(&app.db).await.unwrap()
}

async fn user_id(app: &TestApp) -> i32 {
    use portal::entities::user;
    user::Entity::find().filter(user::Column::Email.eq(EMAIL)).one(&app.db).await.unwrap().unwrap().id
}

on_both_databases! {
    in parallel:
    async fn fifty_parallel_wrong_codes_on_one_session_get_five_checks_and_none_succeeds(app) {
        let client = browser();
        let right = at_second_factor(&app, &client).await;
        let guesses = (0..50).map(|n| wrong(&right, n)).collect::<Vec<_>>();
        let answers = join_all(guesses.iter().map(|code| async { call(&app, &client, "verify", &[("code", code)]).await })).await;
        assert!(answers.iter().all(|(status, _)| *status == 200), "{answers:?}");
        assert!(answers.iter().all(|(_, outcome)| outcome.get("Next").is_none()), "a wrong code signed in: {answers:?}");
        let checked = attempts::count(&app.db, &lockouts::code_subject(user_id(&app).await), lockouts::CODES, chrono::Utc::now()).await.unwrap();
        assert!(checked <= 5, "{checked} codes were checked on one session");
        // The session is spent: even the right code now needs the password again.
        let (_, outcome) = call(&app, &client, "verify", &[("code", &right)]).await;
        assert_ne!(outcome, json!({ "Next": "Active" }));
        assert_eq!(session::Entity::find().count(&app.db).await.unwrap(), 0, "the session was ended");
    }
}

on_both_databases! {
    async fn ten_wrong_codes_over_sessions_lock_the_account_and_tell_its_owner(app) {
        let client = browser();
        let right = at_second_factor(&app, &client).await;
        for n in 0..5 {
            let (_, outcome) = call(&app, &client, "verify", &[("code", &wrong(&right, n))]).await;
            let expected = if n < 4 { "code_invalid" } else { "code_expired" };
            assert_eq!(error_key(&outcome), expected, "wrong code #{}", n + 1);
        }
        // The password again opens a new session, with a new code: five more wrong ones lock the account.
        let client = browser();
        let (_, outcome) = call(&app, &client, "sign-in", &[("username", EMAIL), ("password", NEW_PASSWORD)]).await;
        assert_eq!(outcome, json!({ "Next": "SecondFactor" }));
        let mut last = Value::Null;
        for n in 5..10 {
            last = call(&app, &client, "verify", &[("code", &wrong(&right, n))]).await.1;
        }
        assert_eq!(last, json!({ "Locked": { "minutes": 15 } }));
        let (_, outcome) = call(&app, &browser(), "sign-in", &[("username", EMAIL), ("password", NEW_PASSWORD)]).await;
        assert!(outcome.get("Locked").is_some(), "the right password does not open the locked account: {outcome}");
        wait_until("the owner is told", || async {
            outbox_message::Entity::find()
                .filter(outbox_message::Column::Subject.eq(portal::mail::templates::LOCKED_SUBJECT))
                .filter(outbox_message::Column::Recipient.eq(EMAIL))
                .count(&app.db)
                .await
                .unwrap()
                == 1
        })
        .await;
        let locked = audit_event::Entity::find().filter(audit_event::Column::Action.eq("account_locked")).count(&app.db).await.unwrap();
        assert_eq!(locked, 1);
    }
}

on_both_databases! {
    in parallel:
    async fn forty_parallel_wrong_passwords_lock_the_username_before_the_right_one(app) {
        let temporary = applicant(&app).await;
        let answers = join_all((0..40).map(|_| async {
            call(&app, &browser(), "sign-in", &[("username", EMAIL), ("password", "wrong password!")]).await
        }))
        .await;
        assert!(answers.iter().all(|(status, _)| *status == 200), "{answers:?}");
        let (_, outcome) = call(&app, &browser(), "sign-in", &[("username", EMAIL), ("password", &temporary)]).await;
        assert!(outcome.get("Locked").is_some(), "the right password got through after 40 wrong ones: {outcome}");
        assert_eq!(failures_audited(&app).await, 5, "only five passwords were checked");
    }
}

on_both_databases! {
    in parallel:
    async fn every_refused_sign_in_counts_towards_the_address(app) {
        let temporary = applicant(&app).await;
        // 5 wrong passwords lock the username; 45 more are refused without a check, and still count.
        let answers = join_all((0..50).map(|_| async {
            call(&app, &browser(), "sign-in", &[("username", "nobody@example.com"), ("password", "wrong password!")]).await
        }))
        .await;
        assert!(answers.iter().all(|(status, _)| *status == 200), "{answers:?}");
        let (_, outcome) = call(&app, &browser(), "sign-in", &[("username", EMAIL), ("password", &temporary)]).await;
        assert_eq!(error_key(&outcome), "sign_in_throttled", "{outcome}");
    }
}

on_both_databases! {
    async fn inputs_too_long_are_refused_before_any_hashing(app) {
        let long_username = format!("{}@example.com", "a".repeat(300));
        let long_password = "p".repeat(10_000);
        for (username, password) in [(long_username.as_str(), "wrong password!"), (EMAIL, long_password.as_str())] {
            let (status, outcome) = call(&app, &browser(), "sign-in", &[("username", username), ("password", password)]).await;
            assert_eq!(status, 200, "{outcome}");
            assert_eq!(error_key(&outcome), "sign_in_invalid");
        }
        assert_eq!(failures_audited(&app).await, 0, "nothing was checked");
    }
}

/// A crowd larger than the cores, with almost no wait allowed: each person
/// gets an answer or "try again shortly" (429, Retry-After), never an error.
async fn a_crowd_is_told_to_try_again(backend: Backend) {
    let app = spawn_app_with(backend, |settings| settings.sessions.password_wait_ms = 1).await;
    let url = format!("{}/api/session/sign-in", app.address);
    let answers = join_all((0..40).map(|n| {
        let form = [("username", format!("person{n}@example.com")), ("password", "wrong password!".to_owned())];
        let request = app.client.post(&url).header("Accept", "application/json").form(&form).send();
        async move {
            let response = request.await.unwrap();
            let retry_after = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
            (response.status().as_u16(), retry_after, response.text().await.unwrap())
        }
    }))
    .await;
    assert!(answers.iter().all(|(status, ..)| [200, 429].contains(status)), "{answers:?}");
    let busy: Vec<_> = answers.iter().filter(|(status, ..)| *status == 429).collect();
    assert!(!busy.is_empty(), "40 hashes at once on a few cores, with 1 ms to wait, all ran");
    assert!(busy.iter().all(|(_, retry, body)| retry.as_deref() == Some("5") && body.contains("Busy")), "{busy:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_crowd_is_told_to_try_again_sqlite() {
    a_crowd_is_told_to_try_again(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_crowd_is_told_to_try_again_postgres() {
    a_crowd_is_told_to_try_again(Backend::Postgres).await
}

/// 50 wrong tries (one checked username, the rest refused by its lock) from
/// the client at `forwarded`; then whether `next` is throttled.
async fn throttled_after_fifty(app: &TestApp, forwarded: &str, next: &str) -> bool {
    let url = format!("{}/api/session/sign-in", app.address);
    let attempt = |from: String| {
        let form = [("username", "nobody@example.com"), ("password", "wrong password!")];
        let request = app.client.post(&url).header("Accept", "application/json").header("X-Forwarded-For", from).form(&form);
        async move { request.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    for outcome in join_all((0..50).map(|_| attempt(forwarded.to_owned()))).await {
        assert_ne!(error_key(&outcome), "sign_in_throttled", "{outcome}");
    }
    error_key(&attempt(next.to_owned()).await) == "sign_in_throttled"
}

#[tokio::test]
async fn a_forwarded_address_is_believed_only_from_a_trusted_proxy() {
    let direct = crate::helpers::spawn_app(Backend::Sqlite).await;
    assert!(throttled_after_fifty(&direct, "198.51.100.1", "198.51.100.2").await, "a client cannot pick its address");
    let proxied = spawn_app_with(Backend::Sqlite, |s| s.site.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]).await;
    assert!(!throttled_after_fifty(&proxied, "198.51.100.1", "198.51.100.2").await, "another client behind the proxy");
    assert!(throttled_after_fifty(&proxied, "198.51.100.3", "198.51.100.3").await, "the same client behind the proxy");
}

on_both_databases! {
    async fn ended_counters_are_purged_and_live_ones_kept(app) {
        let now = chrono::Utc::now();
        let limit = lockouts::PASSWORDS;
        attempts::take(&app.db, "password:old@example.com", limit, now - chrono::Duration::hours(2)).await.unwrap();
        let live = attempts::take(&app.db, "password:new@example.com", limit, now).await.unwrap();
        assert_eq!(live.place, 1);
        assert_eq!(attempts::purge(&app.db, now - lockouts::LONGEST_WINDOW).await.unwrap(), 1);
        assert_eq!(attempts::take(&app.db, "password:new@example.com", limit, now).await.unwrap().place, 2, "the live one is kept");
    }
}
