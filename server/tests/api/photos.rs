use crate::cases_api::family;
use crate::helpers::{on_both_databases, TestApp};
use crate::sign_in::{browser, signed_in};
use portal::entities::{audit_event, declaration, person, photo, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set};
use serde_json::Value;

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../photo/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The signed-in applicant's own person and their child's, as the invitation's answer links them.
pub async fn family_of_signed_in(app: &TestApp) -> (i32, i32) {
    let token = app.api_token("upstream").await;
    assert_eq!(app.post_case(&token, &family("E000777111", "mai.nguyen@example.com")).await.status(), 201);
    let account = user::Entity::find().filter(user::Column::Email.eq("mai.nguyen@example.com")).one(&app.db).await.unwrap().unwrap();
    let mut ids = Vec::new();
    for relationship in ["principal", "child"] {
        let found = person::Entity::find().filter(person::Column::Relationship.eq(relationship)).one(&app.db).await.unwrap().unwrap();
        ids.push(found.id);
        let mut linked = found.into_active_model();
        linked.user_id = Set(Some(account.id));
        linked.update(&app.db).await.unwrap();
    }
    (ids[0], ids[1])
}

/// Both declared physically in Canada, as the presence step records it: the
/// photo step opens only then.
pub async fn declared_in_canada(app: &TestApp, people: &[i32]) {
    let account = user::Entity::find().filter(user::Column::Email.eq("mai.nguyen@example.com")).one(&app.db).await.unwrap().unwrap();
    for &person in people {
        declaration::ActiveModel {
            person_id: Set(person),
            in_canada: Set(true),
            expected_return: Set(None),
            declared_at: Set(chrono::Utc::now()),
            declared_by: Set(account.id),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
}

pub async fn send(app: &TestApp, client: &reqwest::Client, person: i32, bytes: Vec<u8>, anyway: bool) -> (u16, Value) {
    let response = client
        .post(format!("{}/api/me/people/{person}/photo?anyway={anyway}", app.address))
        .header("Content-Type", "image/jpeg")
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

on_both_databases! {
    async fn a_photo_is_checked_again_and_kept_only_as_the_rule_allows(app) {
        let stranger = browser();
        let (status, body) = send(&app, &stranger, 1, fixture("astronaut_good.jpg"), false).await;
        assert_eq!((status, body), (401, Value::from("SignInRequired")));

        let client = browser();
        signed_in(&app, &client).await;
        let (own, child) = family_of_signed_in(&app).await;

        // Not before the person is declared in Canada.
        let (status, body) = send(&app, &client, own, fixture("astronaut_good.jpg"), false).await;
        assert_eq!((status, body), (409, Value::from("PresenceRequired")));
        declared_in_canada(&app, &[own, child]).await;

        // Objective failures never go, whatever the choice.
        let (status, body) = send(&app, &client, own, fixture("astronaut_two_faces.jpg"), true).await;
        assert_eq!(status, 200);
        assert_eq!(body["NotSent"]["verdict"], "fail");
        let (_, body) = send(&app, &client, own, b"not a photo".to_vec(), true).await;
        assert_eq!(body["NotSent"]["checks"][0]["status"], "fail", "{body}");
        // A failed judgement goes only when the person chooses so.
        let (_, body) = send(&app, &client, own, fixture("astronaut_glare_cheek.jpg"), false).await;
        assert!(body["NotSent"].is_object(), "{body}");
        assert_eq!(photo::Entity::find().count(&app.db).await.unwrap(), 0, "nothing is kept when nothing is sent");

        let (_, body) = send(&app, &client, own, fixture("astronaut_glare_cheek.jpg"), true).await;
        assert_eq!(body["Received"]["sent_anyway"], true, "{body}");
        let (_, body) = send(&app, &client, child, fixture("astronaut_good.jpg"), false).await;
        assert_eq!(body["Received"]["sent_anyway"], false, "{body}");

        let kept = photo::Entity::find().filter(photo::Column::PersonId.eq(own)).one(&app.db).await.unwrap().unwrap();
        assert!(kept.sent_anyway);
        assert_eq!(kept.verdict, "fail");
        let report: Value = serde_json::from_str(&kept.report).unwrap();
        assert_eq!(report["checks"].as_array().unwrap().iter().find(|c| c["id"] == "glare").unwrap()["status"], "fail");
        // Kept as a JPEG re-encoded from the pixels: no EXIF or other metadata segment.
        assert!(kept.jpeg.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert!(!kept.jpeg.windows(6).any(|w| w == b"Exif\0\0"));
        let sent = audit_event::Entity::find().filter(audit_event::Column::Action.eq("photo_sent")).count(&app.db).await.unwrap();
        assert_eq!(sent, 2);

        // The person sees what was kept; no one else can send or see.
        let shown = client.get(format!("{}/api/me/people/{own}/photo", app.address)).send().await.unwrap();
        assert_eq!(shown.headers()["content-type"], "image/jpeg");
        assert_eq!(shown.bytes().await.unwrap().as_ref(), kept.jpeg.as_slice());
        let stranger = browser();
        assert_eq!(stranger.get(format!("{}/api/me/people/{own}/photo", app.address)).send().await.unwrap().status(), 401);
        let (status, body) = send(&app, &client, own + 100, fixture("astronaut_good.jpg"), false).await;
        assert_eq!((status, body), (404, Value::from("NotFound")), "refused as every profile page refuses another's");
    }
}

on_both_databases! {
    async fn only_the_newest_photos_of_a_person_are_kept(app) {
        let client = browser();
        signed_in(&app, &client).await;
        let (own, child) = family_of_signed_in(&app).await;
        declared_in_canada(&app, &[own, child]).await;
        send(&app, &client, child, fixture("astronaut_good.jpg"), false).await;
        for _ in 0..7 {
            let (status, body) = send(&app, &client, own, fixture("astronaut_good.jpg"), false).await;
            assert!(body["Received"].is_object(), "{status} {body}");
        }
        let kept: Vec<i32> = photo::Entity::find().filter(photo::Column::PersonId.eq(own)).all(&app.db).await.unwrap().iter().map(|p| p.id).collect();
        assert_eq!(kept.len() as i64, portal::photos::KEPT_PER_PERSON);
        assert_eq!(kept.iter().min(), Some(&4), "the two oldest went: {kept:?}");
        assert_eq!(photo::Entity::find().filter(photo::Column::PersonId.eq(child)).count(&app.db).await.unwrap(), 1, "another person's photo stays");
    }
}
