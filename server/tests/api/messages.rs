//! The inbox: a message for what happened (here, a photo received), kept per
//! account, emailed too, read or unread; no one else's.
use crate::helpers::{on_both_databases, wait_until};
use crate::photos::{declared_in_canada, family_of_signed_in, fixture, send};
use crate::sign_in::{browser, server_fn, signed_in, signed_in_as};
use portal::entities::outbox_message;
use portal::entities::user::Role;
use portal::mail::templates::PHOTO_RECEIVED_SUBJECT;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

on_both_databases! {
    async fn a_photo_received_is_a_message_in_the_inbox_and_by_email(app) {
        let client = browser();
        signed_in(&app, &client).await;
        let (own, child) = family_of_signed_in(&app).await;
        declared_in_canada(&app, &[own, child]).await;
        assert_eq!(server_fn(&app, &client, "me/messages", &[]).await, (200, json!([])));

        send(&app, &client, child, fixture("astronaut_good.jpg"), false).await;
        let (_, unread) = server_fn(&app, &client, "me/unread", &[]).await;
        assert_eq!(unread, 1);
        let (_, inbox) = server_fn(&app, &client, "me/messages", &[]).await;
        let message = &inbox[0];
        assert_eq!(message["notice"], json!({ "kind": "photo_received", "person": child, "name": "Anh Tremblay", "sent_anyway": false }));
        assert_eq!(message["read"], false);
        let emailed = outbox_message::Entity::find().filter(outbox_message::Column::Subject.eq(PHOTO_RECEIVED_SUBJECT)).count(&app.db).await.unwrap();
        assert_eq!(emailed, 1);

        // Someone else cannot read it, nor mark it.
        let other = browser();
        signed_in_as(&app, &other, "li.wei@example.com", "Li Wei", Role::Applicant).await;
        assert_eq!(server_fn(&app, &other, "me/messages", &[]).await, (200, json!([])));
        let id = message["id"].to_string();
        assert_eq!(server_fn(&app, &other, "me/read", &[("id", &id)]).await, (404, json!("NotFound")));

        assert_eq!(server_fn(&app, &client, "me/read", &[("id", &id)]).await, (200, Value::Null));
        assert_eq!(server_fn(&app, &client, "me/unread", &[]).await.1, 0);
        assert_eq!(server_fn(&app, &client, "me/messages", &[]).await.1[0]["read"], true);
        wait_until("the email is sent", || async {
            outbox_message::Entity::find().filter(outbox_message::Column::SentAt.is_null()).count(&app.db).await.unwrap() == 0
        })
        .await;
        let page = app.get("/dev/outbox").await.text().await.unwrap();
        assert!(page.contains("We received the PR card photo of Anh Tremblay"), "{page}");
        assert!(page.contains("Nous avons reçu la photo pour la carte RP : Anh Tremblay"), "{page}");
        assert_eq!(server_fn(&app, &browser(), "me/messages", &[]).await.0, 401);
    }
}
