use crate::helpers::{on_both_databases, wait_until, TestApp};
use portal::entities::{audit_event, case, invitation, outbox_message, person};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::{json, Value};

/// A family of three: two adults and a child, the principal second on the list.
pub fn family(application_number: &str, principal_email: &str) -> Value {
    json!({
        "application_number": application_number,
        "approved_on": "2026-11-20",
        "people": [
            { "family_name": "Tremblay", "given_names": "Luc", "date_of_birth": "1985-03-14", "sex": "M",
              "country_of_birth": "FRA", "citizenship": "FRA", "uci": "1111-2222", "email": "luc@example.com",
              "relationship": "spouse" },
            { "family_name": "Nguyễn", "given_names": "Thị Mai", "date_of_birth": "1987-07-02", "sex": "F",
              "country_of_birth": "VNM", "citizenship": "VNM", "uci": "33-4444-5555", "email": principal_email,
              "relationship": "principal" },
            { "family_name": "Tremblay", "given_names": "Anh", "date_of_birth": "2016-01-30", "sex": "X",
              "country_of_birth": "CAN", "citizenship": "FRA", "uci": "66667777", "relationship": "child" }
        ]
    })
}

async fn count<E>(app: &TestApp, _entity: E) -> u64
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    E::find().count(&app.db).await.expect("count rows")
}

on_both_databases! {
    async fn the_api_refuses_requests_without_a_valid_token(app) {
        let body = family("E001234567", "mai@example.com");
        let none = app.client.post(format!("{}/api/v1/cases", app.address)).json(&body).send().await.unwrap();
        assert_eq!(none.status(), 401);
        assert_eq!(none.headers()["www-authenticate"], "Bearer");
        let wrong = app.post_case("prcp_not-a-real-token", &body).await;
        assert_eq!(wrong.status(), 401);
        let answer: Value = wrong.json().await.unwrap();
        assert!(answer["message"]["fr"].as_str().unwrap().contains("jeton"));
        assert_eq!(count(&app, case::Entity).await, 0);
    }
}

on_both_databases! {
    async fn a_new_case_is_stored_whole_and_its_principal_invited(app) {
        let token = app.api_token("cms").await;
        let response = app.post_case(&token, &family("e001234567", "Mai@Example.com")).await;
        assert_eq!(response.status(), 201);
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["application_number"], "E001234567");
        assert_eq!(answer["status"], "invited");

        let cases = case::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(cases.len(), 1);
        assert_eq!(cases[0].source, case::Source::Api);
        let people = person::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(people.len(), 3);
        let principal = people.iter().find(|p| p.relationship == app::domain::Relationship::Principal).unwrap();
        assert_eq!(principal.family_name, "Nguyễn");
        assert_eq!(principal.uci, "3344445555");
        assert_eq!(principal.email.as_deref(), Some("mai@example.com"));
        assert_eq!(count(&app, invitation::Entity).await, 1);

        let mail = outbox_message::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(mail.len(), 1, "one invitation, to the principal only");
        assert_eq!(mail[0].recipient, "mai@example.com");
        assert!(mail[0].subject.contains("Permanent Residence Portal") && mail[0].subject.contains("Portail de résidence permanente"));
        wait_until("the invitation is sent", || async {
            outbox_message::Entity::find().all(&app.db).await.unwrap().iter().all(|m| m.sent_at.is_some())
        })
        .await;
        let sent = app.get("/dev/outbox").await.text().await.unwrap();
        assert!(sent.contains("Dear Thị Mai Nguyễn") && sent.contains("Bonjour Thị Mai Nguyễn"), "{sent}");
        let stored = outbox_message::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(stored[0].body, "", "the link is not kept once sent");

        let actions: Vec<String> = audit_event::Entity::find().all(&app.db).await.unwrap().into_iter().map(|e| format!("{} {}", e.actor, e.action)).collect();
        assert!(actions.contains(&"api:cms case_created".to_owned()), "{actions:?}");
        assert!(actions.contains(&"api:cms invitation_sent".to_owned()), "{actions:?}");
    }
}

on_both_databases! {
    async fn sending_a_case_again_changes_nothing(app) {
        let token = app.api_token("cms").await;
        let body = family("E001234567", "mai@example.com");
        let first: Value = app.post_case(&token, &body).await.json().await.unwrap();
        let again = app.post_case(&token, &body).await;
        assert_eq!(again.status(), 200);
        let again: Value = again.json().await.unwrap();
        assert_eq!(again["id"], first["id"]);

        // Retries at the same moment: one creates, the others find it.
        let other = family("E007654321", "other@example.com");
        let statuses = concurrent_statuses(&app, &token, &other, 6).await;
        assert_eq!(statuses.iter().filter(|&&s| s == 201).count(), 1, "{statuses:?}");
        assert_eq!(statuses.iter().filter(|&&s| s == 200).count(), 5, "{statuses:?}");

        assert_eq!(count(&app, case::Entity).await, 2);
        assert_eq!(count(&app, person::Entity).await, 6);
        assert_eq!(count(&app, invitation::Entity).await, 2);
        assert_eq!(count(&app, outbox_message::Entity).await, 2);
    }
}

async fn concurrent_statuses(app: &TestApp, token: &str, body: &Value, n: usize) -> Vec<u16> {
    let responses = futures::future::join_all((0..n).map(|_| app.post_case(token, body))).await;
    responses.iter().map(|r| r.status().as_u16()).collect()
}

on_both_databases! {
    async fn bad_fields_are_all_named_with_messages_in_both_languages(app) {
        let token = app.api_token("cms").await;
        let mut body = family("E12", "not-an-email");
        body["people"][0]["uci"] = json!("123");
        body["people"][2]["date_of_birth"] = json!("2099-01-01");
        body["people"][2]["country_of_birth"] = json!("Canada");
        let response = app.post_case(&token, &body).await;
        assert_eq!(response.status(), 422);
        let answer: Value = response.json().await.unwrap();
        let fields: Vec<(&str, &str)> = answer["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("application_number", "application_number_invalid"),
                ("people[0].uci", "uci_invalid"),
                ("people[1].email", "email_invalid"),
                ("people[2].date_of_birth", "date_future"),
                ("people[2].country_of_birth", "country_invalid"),
            ]
        );
        let first = &answer["errors"][0]["message"];
        assert!(first["en"].as_str().unwrap().contains("application number"));
        assert!(first["fr"].as_str().unwrap().contains("numéro de demande"));

        let not_json = app
            .client
            .post(format!("{}/api/v1/cases", app.address))
            .bearer_auth(&token)
            .body("{ nope")
            .send()
            .await
            .unwrap();
        assert_eq!(not_json.status(), 400);
        let wrong_type = app.post_case(&token, &json!({ "application_number": 12, "people": "x" })).await;
        assert_eq!(wrong_type.status(), 422);
        assert_eq!(count(&app, case::Entity).await, 0, "nothing half-written");
        assert_eq!(count(&app, outbox_message::Entity).await, 0);
    }
}

on_both_databases! {
    async fn the_api_is_described_and_the_audit_log_cannot_be_rewritten(app) {
        let doc = app.get("/api/v1/openapi.json").await;
        assert_eq!(doc.status(), 200);
        let doc: Value = doc.json().await.unwrap();
        assert!(doc["paths"]["/cases"]["post"]["responses"]["422"].is_object());

        app.api_token("cms").await;
        for statement in ["UPDATE audit_events SET actor = 'someone else'", "DELETE FROM audit_events"] {
            assert!(app.db.execute_unprepared(statement).await.is_err(), "{statement} was allowed");
        }
        assert_eq!(count(&app, audit_event::Entity).await, 1);
    }
}
