//! Officers' photo review over HTTP: claims that keep officers apart, decisions
//! recorded once, the person told why, and the photo served only to officers.
use crate::helpers::{on_both_databases, wait_until, TestApp};
use crate::photos::{declared_in_canada, family_of_signed_in, fixture, send};
use crate::sign_in::{browser, server_fn, signed_in, signed_in_as};
use portal::entities::user::{self, Role};
use portal::entities::{audit_event, outbox_message, photo, photo_claim};
use portal::mail::templates::{PHOTO_ACCEPTED_SUBJECT, PHOTO_RETURNED_SUBJECT};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set};
use serde_json::{json, Value};

async fn open_queue(app: &TestApp, client: &reqwest::Client) -> Value {
    let (status, queue) = server_fn(app, client, "officer/review-queue", &[]).await;
    assert_eq!(status, 200, "{queue}");
    queue
}

fn key_of(queue: &Value) -> String {
    queue["item"]["key"].as_str().unwrap_or_else(|| panic!("a photo in {queue}")).to_owned()
}

async fn decide(app: &TestApp, client: &reqwest::Client, key: &str, decision: &str, reason: &str, note: &str) -> (u16, Value) {
    let form = [("photo", key), ("decision[decision]", decision), ("decision[reason]", reason), ("decision[note]", note)];
    server_fn(app, client, "officer/decide-photo", &form).await
}

async fn officer(app: &TestApp, email: &str) -> reqwest::Client {
    let client = browser();
    signed_in_as(app, &client, email, "Agent Roy", Role::Officer).await;
    client
}

/// An applicant whose own and child's photos wait for review, oldest first.
async fn two_photos_waiting(app: &TestApp) -> (reqwest::Client, i32, i32) {
    let applicant = browser();
    signed_in(app, &applicant).await;
    let (own, child) = family_of_signed_in(app).await;
    declared_in_canada(app, &[own, child]).await;
    for person in [own, child] {
        let (status, body) = send(app, &applicant, person, fixture("astronaut_good.jpg"), false).await;
        assert_eq!(status, 200, "{body}");
    }
    (applicant, own, child)
}

on_both_databases! {
    async fn officers_hold_different_photos_and_an_abandoned_claim_returns_to_the_queue(app) {
        let (_, own, _) = two_photos_waiting(&app).await;
        let (a, b, c) = (officer(&app, "a@ircc.example.ca").await, officer(&app, "b@ircc.example.ca").await, officer(&app, "c@ircc.example.ca").await);

        let first = open_queue(&app, &a).await;
        assert_eq!(first["waiting"], 2);
        assert_eq!(first["item"]["person"], own, "oldest first");
        assert_eq!(first["item"]["name"], "Thị Mai Nguyễn");
        assert_eq!(first["item"]["sent_anyway"], false);
        assert!(first["item"]["report"]["checks"].as_array().is_some_and(|c| c.len() == 10), "{first}");
        let second = open_queue(&app, &b).await;
        assert_ne!(key_of(&first), key_of(&second), "two officers never get the same photo");
        assert_eq!(key_of(&open_queue(&app, &a).await), key_of(&first), "an officer keeps the photo they hold");
        let third = open_queue(&app, &c).await;
        assert_eq!((&third["item"], &third["waiting"]), (&Value::Null, &json!(2)), "both are held");
        // Asking for a held photo by its person (from the case) says another officer has it.
        let (_, asked) = server_fn(&app, &c, "officer/review-queue", &[("person", &own.to_string())]).await;
        assert_eq!((&asked["busy"], &asked["item"]), (&json!(true), &Value::Null), "{asked}");

        // A's claim lapses (as if A left ten minutes ago): the photo goes to the next officer.
        let held = photo::Entity::find().filter(photo::Column::ViewKey.eq(key_of(&first))).one(&app.db).await.unwrap().unwrap();
        let mut claim = photo_claim::Entity::find_by_id(held.id).one(&app.db).await.unwrap().unwrap().into_active_model();
        claim.expires_at = Set(chrono::Utc::now() - chrono::Duration::seconds(1));
        claim.update(&app.db).await.unwrap();
        assert_eq!(key_of(&open_queue(&app, &c).await), key_of(&first));
        // A comes back too late: C holds it now, so A's decision is refused and nothing is recorded.
        assert_eq!(decide(&app, &a, &key_of(&first), "accept", "", "").await, (200, json!("TakenByAnother")));
        let (status, decided) = decide(&app, &c, &key_of(&first), "accept", "", "").await;
        assert_eq!((status, &decided["Decided"]["decision"]), (200, &json!("Accept")), "{decided}");
        // A decision on a photo decided already is refused cleanly.
        assert_eq!(decide(&app, &b, &key_of(&first), "return", "glare", "").await, (200, json!("TakenByAnother")));
        assert_eq!(open_queue(&app, &c).await["waiting"], 1);

        // The photo itself: for officers, never cached, by its random key only.
        let image = a.get(format!("{}/api/officer/photos/{}", app.address, key_of(&second))).send().await.unwrap();
        assert_eq!(image.status(), 200);
        assert_eq!(image.headers()["content-type"], "image/jpeg");
        assert_eq!(image.headers()["cache-control"], "private, no-store");
        for (client, key, status) in [
            (&browser(), key_of(&second), 401),
            (&a, "A".repeat(32), 404),
            (&a, held.id.to_string(), 404),
        ] {
            let answer = client.get(format!("{}/api/officer/photos/{key}", app.address)).send().await.unwrap();
            assert_eq!(answer.status(), status, "{key}");
        }
    }
}

on_both_databases! {
    async fn a_returned_photo_tells_the_person_why_and_the_new_one_is_reviewed_beside_it(app) {
        let (applicant, own, child) = two_photos_waiting(&app).await;
        let reviewer = officer(&app, "a@ircc.example.ca").await;
        let key = key_of(&open_queue(&app, &reviewer).await);

        // A return needs a reason; "other" needs a note.
        let (_, invalid) = decide(&app, &reviewer, &key, "return", "", "").await;
        assert_eq!(invalid, json!({ "Invalid": [{ "field": "reason", "key": "reason_missing" }] }));
        let (_, invalid) = decide(&app, &reviewer, &key, "return", "other", " ").await;
        assert_eq!(invalid, json!({ "Invalid": [{ "field": "note", "key": "note_missing" }] }));
        let (_, decided) = decide(&app, &reviewer, &key, "return", "glare", "").await;
        assert_eq!(decided["Decided"]["name"], "Thị Mai Nguyễn", "{decided}");

        // The person reads why, in their inbox, by email in both languages and on the photo step.
        let (_, messages) = server_fn(&app, &applicant, "me/messages", &[]).await;
        assert_eq!(messages[0]["notice"], json!({ "kind": "photo_returned", "person": own, "name": "Thị Mai Nguyễn", "reason": "glare", "note": null }));
        wait_until("the email is sent", || async {
            let sent = outbox_message::Entity::find().filter(outbox_message::Column::Subject.eq(PHOTO_RETURNED_SUBJECT)).one(&app.db).await.unwrap();
            sent.is_some_and(|email| email.sent_at.is_some())
        })
        .await;
        // As the person reads it (a sent body is not kept in the database).
        let outbox = app.get("/dev/outbox").await.text().await.unwrap();
        let email = outbox.split("<article").find(|m| m.contains("A new photo is needed")).expect("the email");
        assert!(email.contains("There is glare on the photo.") && email.contains("Il y a un reflet sur la photo."), "{email}");
        let (_, profile) = server_fn(&app, &applicant, "me/profile", &[("id", &own.to_string())]).await;
        assert_eq!(profile["photo"]["review"], json!({ "Returned": { "reason": "glare", "note": null } }));
        let (_, cards) = server_fn(&app, &applicant, "me/home", &[]).await;
        assert_eq!(cards[0]["steps"][2], json!(["Photo", "Returned"]));
        assert_eq!(cards[0]["steps"][3], json!(["Review", "Returned"]));

        // The child's photo, asked for from her case by another officer.
        let other = officer(&app, "b@ircc.example.ca").await;
        let held = open_queue(&app, &other).await;
        let (_, asked) = server_fn(&app, &other, "officer/review-queue", &[("person", &child.to_string())]).await;
        assert_eq!((&asked["item"]["person"], &asked["busy"]), (&json!(child), &json!(false)), "{asked}");
        assert_eq!(held["item"]["person"], child, "the only one waiting");
        let (_, decided) = decide(&app, &other, &key_of(&asked), "accept", "", "").await;
        assert_eq!(decided["Decided"]["name"], "Anh Tremblay", "{decided}");
        let (status, _) = send(&app, &applicant, own, fixture("astronaut_good.jpg"), false).await;
        assert_eq!(status, 200);
        let queue = open_queue(&app, &reviewer).await;
        assert_eq!(queue["item"]["person"], own);
        assert_ne!(key_of(&queue), key);
        assert_eq!(queue["item"]["earlier"][0]["key"], key.as_str());
        assert_eq!(queue["item"]["earlier"][0]["review"], json!({ "Returned": { "reason": "glare", "note": null } }));
        let (_, decided) = decide(&app, &reviewer, &key_of(&queue), "accept", "", "").await;
        assert_eq!(decided["Decided"]["decision"], "Accept", "{decided}");
        let (_, profile) = server_fn(&app, &applicant, "me/profile", &[("id", &own.to_string())]).await;
        assert_eq!(profile["photo"]["review"], "Accepted");
        let (_, messages) = server_fn(&app, &applicant, "me/messages", &[]).await;
        assert_eq!(messages[0]["notice"]["kind"], "photo_accepted");
        assert_eq!(
            outbox_message::Entity::find().filter(outbox_message::Column::Subject.eq(PHOTO_ACCEPTED_SUBJECT)).count(&app.db).await.unwrap(),
            2
        );

        // Both of her photos are kept for the record, each decision audited.
        assert_eq!(photo::Entity::find().filter(photo::Column::PersonId.eq(own)).count(&app.db).await.unwrap(), 2);
        assert_eq!(photo::Entity::find().filter(photo::Column::PersonId.eq(child)).count(&app.db).await.unwrap(), 1);
        for (action, times) in [("photo_returned", 1), ("photo_accepted", 2)] {
            let found = audit_event::Entity::find().filter(audit_event::Column::Action.eq(action)).count(&app.db).await.unwrap();
            assert_eq!(found, times, "{action}");
        }
        assert_eq!(open_queue(&app, &reviewer).await, json!({ "item": null, "waiting": 0, "busy": false }));
    }
}

on_both_databases! {
    async fn only_officers_review_and_never_their_own_photo(app) {
        let (applicant, _, _) = two_photos_waiting(&app).await;
        let key = photo::Entity::find().one(&app.db).await.unwrap().unwrap().view_key;
        assert_eq!(server_fn(&app, &browser(), "officer/review-queue", &[]).await, (401, json!("SignInRequired")));
        assert_eq!(server_fn(&app, &applicant, "officer/review-queue", &[]).await, (403, json!("Forbidden")));
        assert_eq!(decide(&app, &applicant, &key, "accept", "", "").await, (403, json!("Forbidden")));
        let image = applicant.get(format!("{}/api/officer/photos/{key}", app.address)).send().await.unwrap();
        assert_eq!(image.status(), 403);

        // The applicant becomes an officer: her family's photos are not hers to review.
        let mai = user::Entity::find().filter(user::Column::Email.eq("mai.nguyen@example.com")).one(&app.db).await.unwrap().unwrap();
        let mut promoted = mai.into_active_model();
        promoted.role = Set(Role::Officer);
        promoted.update(&app.db).await.unwrap();
        let queue = open_queue(&app, &applicant).await;
        assert_eq!((&queue["item"], &queue["waiting"]), (&Value::Null, &json!(2)), "{queue}");
        assert_eq!(decide(&app, &applicant, &key, "accept", "", "").await, (403, json!("Forbidden")));
    }
}

on_both_databases! {
    async fn two_officers_opening_the_queue_at_the_same_moment_never_share_and_one_gets_it(app) {
        let (applicant, own, child) = two_photos_waiting(&app).await;
        let (a, b) = (officer(&app, "a@ircc.example.ca").await, officer(&app, "b@ircc.example.ca").await);
        // Each round: both open at once; then the one who got a photo decides it, so the next round starts afresh.
        for round in 0..6 {
            let (first, second) = tokio::join!(open_queue(&app, &a), open_queue(&app, &b));
            let keys: Vec<String> = [&first, &second].iter().filter_map(|q| q["item"]["key"].as_str().map(str::to_owned)).collect();
            let waiting = first["waiting"].as_u64().unwrap();
            assert_eq!(keys.len() as u64, waiting.min(2), "round {round}: {waiting} waiting: {first} {second}");
            if keys.len() == 2 {
                assert_ne!(keys[0], keys[1], "round {round}: the same photo twice");
            }
            for (client, queue) in [(&a, &first), (&b, &second)] {
                if let Some(key) = queue["item"]["key"].as_str() {
                    let (_, decided) = decide(&app, client, key, "return", "glare", "").await;
                    assert!(decided.get("Decided").is_some(), "{decided}");
                }
            }
            // A new photo for each person, so that the next round has two waiting again.
            for person in [own, child] {
                if round % 2 == 0 {
                    assert_eq!(send(&app, &applicant, person, fixture("astronaut_good.jpg"), false).await.0, 200);
                }
            }
        }
    }
}
