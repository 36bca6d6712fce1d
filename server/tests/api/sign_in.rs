use crate::helpers::{on_both_databases, wait_until, TestApp};
use app::domain::{Email, PersonName};
use portal::entities::user::{self, Role};
use portal::entities::{audit_event, outbox_message};
use portal::accounts::staff;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use secrecy::ExposeSecret;
use serde_json::{json, Value};

/// A browser of its own: it keeps the session cookie.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().unwrap()
}

pub async fn call(app: &TestApp, client: &reqwest::Client, endpoint: &str, form: &[(&str, &str)]) -> (u16, Value) {
    server_fn(app, client, &format!("session/{endpoint}"), form).await
}

/// A server function called as the page calls it (`/api/{path}`, a form), with its status and answer.
pub async fn server_fn(app: &TestApp, client: &reqwest::Client, path: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let response = client
        .post(format!("{}/api/{path}", app.address))
        .header("Accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// An applicant account with a temporary password.
pub async fn applicant(app: &TestApp) -> String {
    let email = Email::parse("mai.nguyen@example.com").unwrap();
    let name = PersonName::parse("Thị Mai Nguyễn").unwrap();
    staff::create(&app.db, &email, &name, Role::Applicant, 14).await.unwrap().password.expose_secret().to_owned()
}

/// The one-time code of the newest email, as the person reads it on the outbox page.
pub async fn emailed_code(app: &TestApp) -> String {
    emailed_code_for(app, "mai.nguyen@example.com").await
}

/// The one-time code of the newest email to `to`, as that person reads it on the outbox page.
async fn emailed_code_for(app: &TestApp, to: &str) -> String {
    wait_until("the code is sent", || async {
        outbox_message::Entity::find().all(&app.db).await.unwrap().iter().any(|m| {
            m.recipient.eq_ignore_ascii_case(to) && m.subject.contains("one-time code") && m.sent_at.is_some()
        })
    })
    .await;
    let page = app.get("/dev/outbox").await.text().await.unwrap();
    let message = page
        .split("<article")
        .find(|m| m.contains(&format!("<span class=\"outbox-to\">{to}</span>")) && m.contains("one-time code"))
        .expect("an email with a code");
    let at = message.find("is:").expect("a code in the email");
    message[at..].chars().filter(char::is_ascii_digit).take(6).collect()
}

pub fn error_key(outcome: &Value) -> &str {
    outcome["Invalid"][0]["key"].as_str().unwrap_or_default()
}

on_both_databases! {
    async fn a_new_password_must_be_long_uncommon_and_not_personal(app) {
        let temporary = applicant(&app).await;
        let client = browser();
        let (status, outcome) = call(&app, &client, "sign-in", &[("username", "Mai.Nguyen@example.com"), ("password", &temporary)]).await;
        assert_eq!(status, 200);
        assert_eq!(outcome, json!({ "Next": "ChangePassword" }));

        for (new, key) in [
            ("short", "password_too_short"),
            ("password1234", "password_common"),
            ("Nguyen forever 2026", "password_personal"),
            ("mai.nguyen rocks hard", "password_personal"),
            (temporary.as_str(), "password_same"),
        ] {
            let (_, outcome) = call(&app, &client, "change-password", &[("new_password", new), ("new_password_again", new)]).await;
            assert_eq!(error_key(&outcome), key, "{new}");
        }
        let (_, outcome) = call(&app, &client, "change-password", &[("new_password", "maple kettle orbit lantern"), ("new_password_again", "maple kettle orbit lanterns")]).await;
        assert_eq!(error_key(&outcome), "password_mismatch");

        let (_, outcome) = call(&app, &client, "change-password", &[("new_password", "maple kettle orbit lantern"), ("new_password_again", "maple kettle orbit lantern")]).await;
        assert_eq!(outcome, json!({ "Next": "SecondFactor" }));
        let stored = user::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert!(!stored.must_change_password);
        assert!(stored.password_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));

        // The code arrives by email; a wrong one is refused, the right one signs in.
        let code = emailed_code(&app).await;
        let (_, outcome) = call(&app, &client, "verify", &[("code", "000000")]).await;
        assert_eq!(error_key(&outcome), if code == "000000" { "" } else { "code_invalid" });
        let (_, outcome) = call(&app, &client, "verify", &[("code", &code)]).await;
        assert_eq!(outcome, json!({ "Next": "Active" }));
        let (status, profiles) = call(&app, &client, "viewer", &[]).await;
        assert_eq!(status, 200);
        assert_eq!(profiles["stage"], "Active");

        let actions: Vec<String> = audit_event::Entity::find().all(&app.db).await.unwrap().into_iter().map(|e| e.action).collect();
        for expected in ["password_accepted", "password_changed", "signed_in"] {
            assert!(actions.iter().any(|a| a == expected), "{expected} in {actions:?}");
        }
    }
}

on_both_databases! {
    async fn five_wrong_passwords_lock_a_username_whether_or_not_it_exists(app) {
        let temporary = applicant(&app).await;
        for username in ["mai.nguyen@example.com", "nobody@example.com"] {
            let client = browser();
            for attempt in 1..=5 {
                let (status, outcome) = call(&app, &client, "sign-in", &[("username", username), ("password", "wrong password!")]).await;
                assert_eq!(status, 200);
                if attempt < 5 {
                    assert_eq!(error_key(&outcome), "sign_in_invalid", "{username} #{attempt}");
                } else {
                    assert_eq!(outcome, json!({ "Locked": { "minutes": 15 } }), "{username}");
                }
            }
        }
        let (_, outcome) = call(&app, &browser(), "sign-in", &[("username", "mai.nguyen@example.com"), ("password", &temporary)]).await;
        assert!(outcome.get("Locked").is_some(), "the right password does not open a locked account: {outcome}");
        let failures = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("sign_in_failed"))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(failures.len(), 10);
    }
}

/// Signs the applicant in fully (temporary password, new password, emailed code).
pub async fn signed_in(app: &TestApp, client: &reqwest::Client) {
    let temporary = applicant(app).await;
    signed_in_with(app, client, "mai.nguyen@example.com", &temporary).await;
}

/// A new account of this role, signed in fully on `client` as a person would.
pub async fn signed_in_as(app: &TestApp, client: &reqwest::Client, email: &str, name: &str, role: Role) {
    let account = staff::create(&app.db, &Email::parse(email).unwrap(), &PersonName::parse(name).unwrap(), role, 14).await.unwrap();
    signed_in_with(app, client, email, account.password.expose_secret()).await;
}

async fn signed_in_with(app: &TestApp, client: &reqwest::Client, email: &str, temporary: &str) {
    let (_, outcome) = call(app, client, "sign-in", &[("username", email), ("password", temporary)]).await;
    assert_eq!(outcome, json!({ "Next": "ChangePassword" }));
    let (_, outcome) = call(app, client, "change-password", &[("new_password", "maple kettle orbit lantern"), ("new_password_again", "maple kettle orbit lantern")]).await;
    assert_eq!(outcome, json!({ "Next": "SecondFactor" }));
    let code = emailed_code_for(app, email).await;
    let (_, outcome) = call(app, client, "verify", &[("code", &code)]).await;
    assert_eq!(outcome, json!({ "Next": "Active" }));
}

/// The app's code `steps` time steps (of 30 s) from now.
pub fn app_code(secret: &str, steps: u64) -> String {
    let bytes = totp_rs::Secret::Encoded(secret.to_owned()).to_bytes().unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, bytes, None, "mai.nguyen@example.com".into())
        .unwrap()
        .generate(now + 30 * steps)
}

pub async fn me(app: &TestApp, client: &reqwest::Client, endpoint: &str, form: &[(&str, &str)]) -> Value {
    let response = client
        .post(format!("{}/api/me/{endpoint}", app.address))
        .header("Accept", "application/json")
        .form(form)
        .send()
        .await
        .unwrap();
    response.json().await.unwrap()
}

on_both_databases! {
    async fn an_authenticator_app_replaces_the_emailed_code_with_single_use_recovery_codes(app) {
        let client = browser();
        signed_in(&app, &client).await;
        let started = me(&app, &client, "authenticator/start", &[("password", "maple kettle orbit lantern")]).await;
        let setup = &started["Started"];
        let secret = setup["secret"].as_str().unwrap().to_owned();
        assert!(!setup["qr_png_base64"].as_str().unwrap().is_empty());
        let wrong = me(&app, &client, "authenticator/confirm", &[("code", "12345")]).await;
        assert_eq!(error_key(&wrong), "code_invalid");
        let confirmed = me(&app, &client, "authenticator/confirm", &[("code", &app_code(&secret, 0))]).await;
        let codes: Vec<String> = serde_json::from_value(confirmed["Confirmed"]["recovery_codes"].clone()).unwrap();
        assert_eq!(codes.len(), 5);

        let emails_before = outbox_message::Entity::find().all(&app.db).await.unwrap().len();
        // A code works once: the one that confirmed the app does not sign in, the
        // next one (a clock a little fast) does, once.
        let next = app_code(&secret, 1);
        for (second, reuse) in [
            (app_code(&secret, 0), true),
            (next.clone(), false),
            (next, true),
            (codes[0].clone(), false),
            (codes[0].clone(), true),
        ] {
            let client = browser();
            let (_, outcome) = call(&app, &client, "sign-in", &[("username", "mai.nguyen@example.com"), ("password", "maple kettle orbit lantern")]).await;
            assert_eq!(outcome, json!({ "Next": "SecondFactor" }));
            let (_, outcome) = call(&app, &client, "verify", &[("code", &second)]).await;
            if reuse {
                assert_eq!(error_key(&outcome), "code_invalid", "{second} works once");
            } else {
                assert_eq!(outcome, json!({ "Next": "Active" }), "{second}");
            }
        }
        let emails_after = outbox_message::Entity::find().all(&app.db).await.unwrap().len();
        assert_eq!(emails_before, emails_after, "no code is emailed once the app is set up");
        let stored = user::Entity::find().filter(user::Column::Email.eq("mai.nguyen@example.com")).one(&app.db).await.unwrap().unwrap();
        let sealed = stored.totp_secret.unwrap();
        assert!(sealed.starts_with("v1:") && !sealed.contains(&secret), "kept sealed, not as it is: {sealed}");
        assert_eq!(stored.totp_pending_secret, None);
    }
}

on_both_databases! {
    async fn server_functions_refuse_other_sites(app) {
        let url = format!("{}/api/session/sign-in", app.address);
        let host = app.address.trim_start_matches("http://").to_owned();
        let form = [("username", "x@example.com"), ("password", "whatever it is")];
        for (header, value, expected) in [
            ("Origin", "https://evil.example".to_owned(), 403),
            ("Sec-Fetch-Site", "cross-site".to_owned(), 403),
            ("Origin", format!("http://{host}"), 200),
            ("Sec-Fetch-Site", "same-origin".to_owned(), 200),
        ] {
            let response = app.client.post(&url).header("Accept", "application/json").header(header, &value).form(&form).send().await.unwrap();
            assert_eq!(response.status().as_u16(), expected, "{header}: {value}");
        }
    }
}

on_both_databases! {
    async fn a_call_that_cannot_be_read_is_the_callers_mistake(app) {
        for form in [vec![], vec![("username", "x@example.com")]] {
            let response = app.client.post(format!("{}/api/session/sign-in", app.address)).header("Accept", "application/json").form(&form).send().await.unwrap();
            assert_eq!(response.status(), 400, "{form:?}");
            assert_eq!(response.json::<Value>().await.unwrap(), json!("BadRequest"));
        }
    }
}
