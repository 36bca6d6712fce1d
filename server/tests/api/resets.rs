//! Reset links: one live link per account, a bounded number of emails, and an
//! answer that says nothing about the address.
use crate::helpers::{on_both_databases, wait_until, TestApp};
use crate::sign_in::{applicant, browser, call};
use portal::mail::templates::RESET_SUBJECT;
use portal::entities::outbox_message;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

const EMAIL: &str = "mai.nguyen@example.com";

async fn reset_emails(app: &TestApp) -> u64 {
    outbox_message::Entity::find().filter(outbox_message::Column::Subject.eq(RESET_SUBJECT)).count(&app.db).await.unwrap()
}

/// The reset links shown on the outbox page.
async fn links(app: &TestApp) -> Vec<String> {
    wait_until("every reset email is written", || async {
        outbox_message::Entity::find()
            .filter(outbox_message::Column::Subject.eq(RESET_SUBJECT))
            .all(&app.db)
            .await
            .unwrap()
            .iter()
            .all(|m| m.sent_at.is_some())
    })
    .await;
    let page = app.get("/dev/outbox").await.text().await.unwrap();
    page.split("<article")
        .filter_map(|message| message.split("/en/reset-password/").nth(1))
        .map(|rest| rest.chars().take_while(char::is_ascii_alphanumeric).collect())
        .collect()
}

async fn use_link(app: &TestApp, token: &str) -> serde_json::Value {
    let password = "maple kettle orbit lantern";
    call(app, &browser(), "reset", &[("token", token), ("new_password", password), ("new_password_again", password)]).await.1
}

/// Asks for a link as a person would, and returns the answer's status and body.
async fn forgot(app: &TestApp, email: &str) -> (u16, serde_json::Value) {
    call(app, &browser(), "forgot", &[("email", email)]).await
}

on_both_databases! {
    async fn a_new_reset_link_ends_the_older_ones(app) {
        applicant(&app).await;
        forgot(&app, EMAIL).await;
        wait_until("the first link is sent", || async { reset_emails(&app).await == 1 }).await;
        let older = links(&app).await.pop().expect("the first link");
        forgot(&app, EMAIL).await;
        wait_until("the second link is sent", || async { reset_emails(&app).await == 2 }).await;
        let links = links(&app).await;
        assert_eq!(links.len(), 2, "{links:?}");
        let newer = links.iter().find(|link| **link != older).expect("a new link");
        let older = &older;
        assert_eq!(use_link(&app, older).await, json!("LinkDead"), "the older link died with the newer one");
        assert_eq!(use_link(&app, newer).await, json!("Changed"));
    }
}

on_both_databases! {
    async fn a_mailbox_gets_at_most_three_links_an_hour_and_the_answer_never_differs(app) {
        applicant(&app).await;
        let known = forgot(&app, EMAIL).await;
        let unknown = forgot(&app, "nobody@example.com").await;
        assert_eq!(known, unknown, "the answer is the same for a known and an unknown address");
        assert_eq!(known.0, 200);
        for _ in 0..4 {
            assert_eq!(forgot(&app, EMAIL).await, known);
        }
        wait_until("three links are sent", || async { reset_emails(&app).await == 3 }).await;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_eq!(reset_emails(&app).await, 3, "five asks, three emails");
    }
}

on_both_databases! {
    async fn one_client_cannot_flood_mailboxes(app) {
        applicant(&app).await;
        for n in 0..20 {
            forgot(&app, &format!("someone{n}@example.com")).await;
        }
        wait_until("the twenty asks are counted", || async {
            let limit = portal::accounts::lockouts::RESETS_PER_CLIENT;
            portal::accounts::attempts::count(&app.db, &portal::accounts::lockouts::reset_client_subject("127.0.0.1"), limit, chrono::Utc::now()).await.unwrap() == 20
        })
        .await;
        // Past the client's limit, even a known address gets nothing.
        forgot(&app, EMAIL).await;
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        assert_eq!(reset_emails(&app).await, 0);
    }
}
