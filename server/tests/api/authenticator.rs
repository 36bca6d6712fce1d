//! The authenticator app is set up, replaced or removed only on the password
//! and the app in use; each change is told to the owner and ends the other sessions.
use crate::helpers::{on_both_databases, wait_until, TestApp};
use crate::sign_in::{app_code, browser, call, error_key, me, signed_in};
use portal::entities::{audit_event, outbox_message, recovery_code, user};
use portal::mail::templates::CHANGED_SUBJECT;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};

const PASSWORD: &str = "maple kettle orbit lantern";

async fn told(app: &TestApp, times: u64) {
    wait_until("the owner is told", || async {
        outbox_message::Entity::find().filter(outbox_message::Column::Subject.eq(CHANGED_SUBJECT)).count(&app.db).await.unwrap() == times
    })
    .await;
}

/// Another browser, signed in on the same account with the password and `second`.
async fn second_browser(app: &TestApp, second: &str) -> reqwest::Client {
    let client = browser();
    let (_, outcome) = call(app, &client, "sign-in", &[("username", "mai.nguyen@example.com"), ("password", PASSWORD)]).await;
    assert_eq!(outcome, json!({ "Next": "SecondFactor" }));
    let (_, outcome) = call(app, &client, "verify", &[("code", second)]).await;
    assert_eq!(outcome, json!({ "Next": "Active" }));
    client
}

async fn viewer(app: &TestApp, client: &reqwest::Client) -> Value {
    call(app, client, "viewer", &[]).await.1
}

/// Sets up a new app on `client`'s session with these proofs; returns its secret and recovery codes.
async fn set_up(app: &TestApp, client: &reqwest::Client, proofs: &[(&str, &str)]) -> (String, Vec<String>) {
    let started = me(app, client, "authenticator/start", proofs).await;
    let secret = started["Started"]["secret"].as_str().unwrap_or_else(|| panic!("{started}")).to_owned();
    let confirmed = me(app, client, "authenticator/confirm", &[("code", &app_code(&secret, 0))]).await;
    (secret, serde_json::from_value(confirmed["Confirmed"]["recovery_codes"].clone()).unwrap())
}

on_both_databases! {
    async fn the_second_factor_changes_only_with_the_password_and_the_app_in_use(app) {
        let client = browser();
        signed_in(&app, &client).await;

        // A session alone does not set up an app.
        for (password, key) in [("", "password_empty"), ("not the password at all", "current_password_wrong")] {
            let refused = me(&app, &client, "authenticator/start", &[("password", password)]).await;
            assert_eq!(error_key(&refused), key, "{refused}");
        }
        let (first, codes) = set_up(&app, &client, &[("password", PASSWORD)]).await;
        told(&app, 1).await;
        assert_eq!(viewer(&app, &client).await["uses_authenticator"], true);

        // Replacing it also takes the app in use (or a recovery code); it ends the other sessions.
        let other = second_browser(&app, &codes[0]).await;
        let without_app = me(&app, &client, "authenticator/start", &[("password", PASSWORD)]).await;
        assert_eq!(error_key(&without_app), "code_invalid", "{without_app}");
        let (second, codes) = set_up(&app, &client, &[("password", PASSWORD), ("code", &codes[1])]).await;
        assert_ne!(first, second);
        told(&app, 2).await;
        assert_eq!(viewer(&app, &other).await, Value::Null, "the other session ended");
        assert_eq!(viewer(&app, &client).await["stage"], "Active", "this one goes on");

        // Removing it, the same.
        let wrong = me(&app, &client, "authenticator/remove", &[("password", PASSWORD), ("code", "000000")]).await;
        assert_eq!(error_key(&wrong), "code_invalid");
        let removed = me(&app, &client, "authenticator/remove", &[("password", PASSWORD), ("code", &codes[0])]).await;
        assert_eq!(removed, json!("Removed"));
        told(&app, 3).await;
        let stored = user::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert_eq!((stored.totp_secret, stored.totp_last_step), (None, None));
        assert_eq!(recovery_code::Entity::find().count(&app.db).await.unwrap(), 0);
        let actions: Vec<(String, String)> = audit_event::Entity::find()
            .filter(audit_event::Column::Action.is_in(["authenticator_set_up", "authenticator_removed"]))
            .order_by_asc(audit_event::Column::Id)
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.action, e.details))
            .collect();
        assert_eq!(
            actions,
            [
                ("authenticator_set_up".to_owned(), r#"{"replaced":false}"#.to_owned()),
                ("authenticator_set_up".to_owned(), r#"{"replaced":true}"#.to_owned()),
                ("authenticator_removed".to_owned(), r#"{"replaced":false}"#.to_owned()),
            ]
        );
    }
}
