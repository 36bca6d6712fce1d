//! Confirming PR over HTTP: each person confirmed whole or reported not ready,
//! the person told, the eCOPR downloaded by its owner alone and verified by its
//! code on a public, rate-limited page; the case page shows it all.
use crate::helpers::{on_both_databases, wait_until, TestApp};
use crate::photos::{declared_in_canada, family_of_signed_in, fixture, send};
use crate::sign_in::{browser, server_fn, signed_in, signed_in_as};
use crate::steps::{declare, give_address};
use portal::entities::user::Role;
use portal::entities::{audit_event, ecopr, outbox_message, person};
use portal::mail::templates::PR_CONFIRMED_SUBJECT;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{json, Value};
use std::process::Command;

async fn confirm(app: &TestApp, client: &reqwest::Client, people: &[i32], became_on: &str, city: &str, province: &str) -> (u16, Value) {
    let ids: Vec<(String, String)> = people.iter().enumerate().map(|(at, id)| (format!("people[{at}]"), id.to_string())).collect();
    let mut form: Vec<(&str, &str)> = ids.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    form.extend([("confirmation[became_on]", became_on), ("confirmation[city]", city), ("confirmation[province]", province)]);
    server_fn(app, client, "officer/confirm-pr", &form).await
}

/// The applicant's own photo accepted and address given; the child's photo
/// waits and has no address.
async fn one_ready(app: &TestApp) -> (reqwest::Client, reqwest::Client, i32, i32) {
    let applicant = browser();
    signed_in(app, &applicant).await;
    let (own, child) = family_of_signed_in(app).await;
    declared_in_canada(app, &[own, child]).await;
    for person in [own, child] {
        assert_eq!(send(app, &applicant, person, fixture("astronaut_good.jpg"), false).await.0, 200);
    }
    assert_eq!(give_address(app, &applicant, own, "ON", "M5V 3L9").await.0, 200);
    let officer = browser();
    signed_in_as(app, &officer, "agent.roy@ircc.example.ca", "Agent Roy", Role::Officer).await;
    let (_, queue) = server_fn(app, &officer, "officer/review-queue", &[("person", &own.to_string())]).await;
    let key = queue["item"]["key"].as_str().expect("the photo").to_owned();
    let (_, decided) = server_fn(app, &officer, "officer/decide-photo", &[("photo", &key), ("decision[decision]", "accept")]).await;
    assert!(decided.get("Decided").is_some(), "{decided}");
    (applicant, officer, own, child)
}

fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ecopr.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

on_both_databases! {
    async fn confirming_pr_issues_an_ecopr_that_its_owner_downloads_and_anyone_verifies(app) {
        let (applicant, officer, own, child) = one_ready(&app).await;

        // The form is checked first, and nothing is confirmed while it is wrong.
        let (status, invalid) = confirm(&app, &officer, &[own], "2026-11-25", " ", "ON").await;
        assert_eq!((status, invalid), (200, json!({ "Invalid": [{ "field": "city", "key": "city_empty" }] })));
        let (_, invalid) = confirm(&app, &officer, &[], "2026-11-25", "Toronto", "ON").await;
        assert_eq!(invalid["Invalid"][0], json!({ "field": "people", "key": "people_empty" }));
        let (_, before) = confirm(&app, &officer, &[own], "2026-11-19", "Toronto", "ON").await;
        assert_eq!(before["Done"][0]["result"], json!({ "NotReady": ["date_before_approval"] }), "approved on 2026-11-20");
        assert_eq!(ecopr::Entity::find().count(&app.db).await.unwrap(), 0);

        // Officers' list across cases has the person ready, and not her child.
        let (_, ready) = server_fn(&app, &officer, "officer/ready", &[]).await;
        assert_eq!((&ready["total"], &ready["people"][0]["id"], &ready["people"][0]["city"]), (&json!(1), &json!(own), &json!("Toronto")), "{ready}");

        // A list: each person confirmed whole, or reported with what they lack.
        let (status, done) = confirm(&app, &officer, &[own, child, 999_999, own], "2026-11-25", "Toronto", "ON").await;
        assert_eq!(status, 200, "{done}");
        assert_eq!(
            done,
            json!({ "Done": [
                { "person": own, "name": "Thị Mai Nguyễn", "result": "Done" },
                { "person": child, "name": "Anh Tremblay", "result": { "NotReady": ["address", "accepted_photo"] } },
                { "person": 999_999, "name": "", "result": "Unknown" },
            ] })
        );
        assert_eq!(server_fn(&app, &officer, "officer/ready", &[]).await.1["total"], 0);
        let (_, again) = confirm(&app, &officer, &[own], "2026-11-26", "Ottawa", "ON").await;
        assert_eq!(again["Done"][0]["result"], "Already");
        let issued = ecopr::Entity::find_by_id(own).one(&app.db).await.unwrap().expect("the eCOPR");
        assert_eq!((issued.city.as_str(), issued.province.as_str(), issued.became_on.to_string()), ("Toronto", "ON", "2026-11-25".into()));
        assert_eq!(issued.document_number, format!("E{own:09}"));
        assert_eq!(issued.code.len(), 16);
        let audited = audit_event::Entity::find().filter(audit_event::Column::Action.eq("pr_confirmed")).count(&app.db).await.unwrap();
        assert_eq!(audited, 1);

        // The person is told in their inbox and by email.
        let (_, messages) = server_fn(&app, &applicant, "me/messages", &[]).await;
        assert_eq!(messages[0]["notice"], json!({ "kind": "pr_confirmed", "person": own, "name": "Thị Mai Nguyễn" }));
        wait_until("the email is queued", || async {
            outbox_message::Entity::find().filter(outbox_message::Column::Subject.eq(PR_CONFIRMED_SUBJECT)).count(&app.db).await.unwrap() == 1
        })
        .await;
        let (_, home) = server_fn(&app, &applicant, "me/home", &[]).await;
        let card = home.as_array().unwrap().iter().find(|c| c["id"] == own).unwrap();
        assert_eq!(card["ecopr"]["open"], true, "{card}");

        // The PDF: its owner's only, an attachment never cached, printed the same each time.
        let url = format!("{}/api/me/people/{own}/ecopr", app.address);
        let first = applicant.get(&url).send().await.unwrap();
        assert_eq!(first.status(), 200);
        assert_eq!(first.headers()["content-type"], "application/pdf");
        assert_eq!(first.headers()["cache-control"], "private, no-store");
        let disposition = first.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert_eq!(disposition, format!("attachment; filename=\"eCOPR-E{own:09}.pdf\""));
        let pdf = first.bytes().await.unwrap();
        assert_eq!(applicant.get(&url).send().await.unwrap().bytes().await.unwrap(), pdf, "the same document every time");
        let text = pdf_text(&pdf);
        let grouped = issued.code.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join("-");
        for expected in ["Thị Mai Nguyễn", "2026-11-25", "Toronto, Ontario", &issued.document_number, &grouped, "not a travel document"] {
            assert!(text.contains(expected), "{expected} in {text}");
        }
        let mut aged: ecopr::ActiveModel = issued.clone().into();
        aged.issued_at = Set(chrono::Utc::now() - chrono::Duration::days(31));
        aged.update(&app.db).await.unwrap();
        assert_eq!(applicant.get(&url).send().await.unwrap().status(), 404, "30 days after issue");
        let (_, home) = server_fn(&app, &applicant, "me/home", &[]).await;
        assert_eq!(home.as_array().unwrap().iter().find(|c| c["id"] == own).unwrap()["ecopr"]["open"], false);
        let mut back: ecopr::ActiveModel = issued.clone().into();
        back.issued_at = Set(issued.issued_at);
        back.update(&app.db).await.unwrap();
        for (client, person, status) in [(&applicant, child, 404), (&officer, own, 404), (&browser(), own, 401)] {
            let refused = client.get(format!("{}/api/me/people/{person}/ecopr", app.address)).send().await.unwrap();
            assert_eq!(refused.status(), status, "person {person}");
        }

        // Her steps are closed now: nothing she sends changes what was confirmed.
        assert_eq!(give_address(&app, &applicant, own, "QC", "H2X 1Y4").await, (409, json!("AlreadyConfirmed")));
        assert_eq!(send(&app, &applicant, own, fixture("astronaut_good.jpg"), false).await, (409, json!("AlreadyConfirmed")));
        assert_eq!(declare(&app, &applicant, own, "false", "").await, (409, json!("AlreadyConfirmed")));

        // The verification page's answer: initials and year of birth, whatever the code's case and dashes.
        let (_, genuine) = server_fn(&app, &browser(), "ecopr/verify", &[("code", &grouped.to_lowercase())]).await;
        assert_eq!(genuine["Genuine"]["initials"], "T. M. N.", "{genuine}");
        assert_eq!(genuine["Genuine"]["birth_year"], 1987);
        for unknown in ["0000-0000-0000-0000", "not a code", ""] {
            assert_eq!(server_fn(&app, &browser(), "ecopr/verify", &[("code", unknown)]).await.1, json!("CannotConfirm"), "{unknown}");
        }

        // The case page: every person, their steps and the trail, with names.
        let case_id = person::Entity::find_by_id(own).one(&app.db).await.unwrap().unwrap().case_id;
        let (status, file) = server_fn(&app, &officer, "officer/case", &[("id", &case_id.to_string())]).await;
        assert_eq!(status, 200, "{file}");
        let people = file["people"].as_array().unwrap();
        let mai = people.iter().find(|p| p["id"] == own).unwrap();
        assert_eq!(mai["confirmed"]["document_number"], issued.document_number);
        assert_eq!(mai["photos"][0]["review"], "Accepted");
        let anh = people.iter().find(|p| p["id"] == child).unwrap();
        assert_eq!(anh["missing"], json!(["address", "accepted_photo"]));
        let trail = file["trail"].as_array().unwrap();
        assert!(trail.iter().any(|t| t["action"] == "pr_confirmed" && t["by"] == json!({ "Person": "Agent Roy" }) && t["about"] == "Thị Mai Nguyễn"), "{file}");
        assert!(trail.iter().any(|t| t["action"] == "photo_sent" && t["about"] == "Anh Tremblay"), "{file}");
        assert!(trail.iter().any(|t| t["action"] == "case_created" && t["by"] == json!({ "Api": "upstream" })), "{file}");
        let (status, _) = server_fn(&app, &officer, "officer/case", &[("id", "999999")]).await;
        assert_eq!(status, 404);

        // Lookups are limited per address: past the limit even a genuine code cannot be confirmed.
        let client = browser();
        for _ in 0..30 {
            server_fn(&app, &client, "ecopr/verify", &[("code", "0000-0000-0000-0000")]).await;
        }
        assert_eq!(server_fn(&app, &client, "ecopr/verify", &[("code", &grouped)]).await.1, json!("CannotConfirm"));
    }
}

on_both_databases! {
    async fn an_officer_does_not_confirm_a_person_whose_profile_they_complete(app) {
        let (_, _, own, _) = one_ready(&app).await;
        // The officer is also the applicant of this family (their account completes the profile).
        let account = person::Entity::find_by_id(own).one(&app.db).await.unwrap().unwrap().user_id.unwrap();
        let officer = browser();
        signed_in_as(&app, &officer, "second.agent@ircc.example.ca", "Agent Two", Role::Officer).await;
        let second = portal::entities::user::Entity::find().filter(portal::entities::user::Column::Email.eq("second.agent@ircc.example.ca")).one(&app.db).await.unwrap().unwrap();
        let mut linked: person::ActiveModel = person::Entity::find_by_id(own).one(&app.db).await.unwrap().unwrap().into();
        linked.user_id = sea_orm::Set(Some(second.id));
        sea_orm::ActiveModelTrait::update(linked, &app.db).await.unwrap();
        let (_, refused) = confirm(&app, &officer, &[own], "2026-11-25", "Toronto", "ON").await;
        assert_eq!(refused["Done"][0]["result"], "OwnFamily");
        assert_eq!(ecopr::Entity::find().count(&app.db).await.unwrap(), 0);
        assert_ne!(account, second.id);
    }
}
