//! The applicant's steps over HTTP: the declaration of presence and the mailing
//! address, for one's own people only, and only when fully signed in.
use crate::helpers::{on_both_databases, TestApp};
use crate::photos::family_of_signed_in;
use crate::sign_in::{browser, call, server_fn, signed_in, signed_in_as};
use app::domain::Province;
use portal::entities::user::Role;
use portal::entities::{address, audit_event};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

async fn me(app: &TestApp, client: &reqwest::Client, endpoint: &str, form: &[(&str, &str)]) -> (u16, Value) {
    server_fn(app, client, &format!("me/{endpoint}"), form).await
}

pub async fn declare(app: &TestApp, client: &reqwest::Client, person: i32, in_canada: &str, expected_return: &str) -> (u16, Value) {
    let id = person.to_string();
    let form = [("id", id.as_str()), ("declaration[in_canada]", in_canada), ("declaration[expected_return]", expected_return)];
    me(app, client, "declare", &form).await
}

pub async fn give_address(app: &TestApp, client: &reqwest::Client, person: i32, province: &str, postal_code: &str) -> (u16, Value) {
    let id = person.to_string();
    let form = [
        ("id", id.as_str()),
        ("address[street]", "290 Bremner Blvd"),
        ("address[unit]", ""),
        ("address[city]", "Toronto"),
        ("address[province]", province),
        ("address[postal_code]", postal_code),
        ("address[care_of]", ""),
    ];
    me(app, client, "address", &form).await
}

fn invalid(field: &str, key: &str) -> Value {
    json!({ "Invalid": [{ "field": field, "key": key }] })
}

on_both_databases! {
    async fn presence_comes_first_then_the_address_is_kept_whole(app) {
        let client = browser();
        signed_in(&app, &client).await;
        let (own, child) = family_of_signed_in(&app).await;

        assert_eq!(give_address(&app, &client, own, "ON", "M5V 3L9").await, (409, json!("PresenceRequired")));
        assert_eq!(declare(&app, &client, own, "", "").await, (200, invalid("in_canada", "in_canada_missing")));
        assert_eq!(declare(&app, &client, own, "no", "2020-01-01").await, (200, invalid("expected_return", "return_date_past")));
        let (_, recorded) = declare(&app, &client, own, "no", "").await;
        assert_eq!((&recorded["Recorded"]["in_canada"], &recorded["Recorded"]["declared_by"]), (&json!(false), &Value::Null));
        assert_eq!(give_address(&app, &client, own, "ON", "M5V 3L9").await, (409, json!("PresenceRequired")), "outside Canada, no address");

        assert_eq!(declare(&app, &client, own, "yes", "").await.1["Recorded"]["in_canada"], true);
        assert_eq!(give_address(&app, &client, own, "QC", "M5V 3L9").await, (200, invalid("postal_code", "postal_code_province")));
        assert_eq!(address::Entity::find().count(&app.db).await.unwrap(), 0, "nothing is half-written");
        let (status, saved) = give_address(&app, &client, own, "ON", " m5v3l9 ").await;
        assert_eq!((status, &saved["Saved"]["postal_code"]), (200, &json!("M5V 3L9")));
        // A second address replaces the first.
        give_address(&app, &client, own, "ON", "K1A 0B1").await;
        let kept = address::Entity::find().all(&app.db).await.unwrap();
        assert_eq!((kept.len(), kept[0].postal_code.as_str(), kept[0].province.as_str()), (1, "K1A 0B1", "ON"));

        // The principal declares for the child held under their account.
        assert_eq!(declare(&app, &client, child, "yes", "").await.1["Recorded"]["declared_by"], "Thị Mai Nguyễn");
        let (_, profile) = me(&app, &client, "profile", &[("id", &child.to_string())]).await;
        assert_eq!(profile["declaration"]["in_canada"], true);
        assert_eq!(profile["declaration"]["declared_by"], "Thị Mai Nguyễn", "{profile}");
        let (_, profile) = me(&app, &client, "profile", &[("id", &own.to_string())]).await;
        assert_eq!(profile["address"]["postal_code"], "K1A 0B1");

        // The child's address in one choice: the same as the principal's.
        let (_, profile) = me(&app, &client, "profile", &[("id", &child.to_string())]).await;
        assert_eq!(profile["addresses_to_copy"], json!([[own, "Thị Mai Nguyễn"]]));
        let (own_id, child_id) = (own.to_string(), child.to_string());
        let (status, copied) = me(&app, &client, "copy-address", &[("id", &child_id), ("from", &own_id)]).await;
        assert_eq!((status, &copied["Saved"]["postal_code"]), (200, &json!("K1A 0B1")));
        assert_eq!(address::Entity::find().count(&app.db).await.unwrap(), 2);
        let (status, _) = me(&app, &client, "copy-address", &[("id", &child_id), ("from", "999999")]).await;
        assert_eq!(status, 404, "only from one's own people");

        let audited = |action: &'static str| {
            let db = app.db.clone();
            async move { audit_event::Entity::find().filter(audit_event::Column::Action.eq(action)).count(&db).await.unwrap() }
        };
        assert_eq!((audited("presence_declared").await, audited("address_given").await), (3, 3));
    }
}

on_both_databases! {
    async fn only_the_people_one_completes_and_only_fully_signed_in(app) {
        let client = browser();
        signed_in(&app, &client).await;
        let (own, _) = family_of_signed_in(&app).await;

        let other = browser();
        signed_in_as(&app, &other, "li.wei@example.com", "Li Wei", Role::Applicant).await;
        assert_eq!(declare(&app, &other, own, "yes", "").await, (404, json!("NotFound")));
        assert_eq!(give_address(&app, &other, own, "ON", "M5V 3L9").await, (404, json!("NotFound")));
        assert_eq!(declare(&app, &other, 999_999, "yes", "").await, (404, json!("NotFound")), "the same for none at all");

        // Password given, second factor not: refused.
        let half = browser();
        let temporary = applicant_password(&app).await;
        call(&app, &half, "sign-in", &[("username", "ana.silva@example.com"), ("password", &temporary)]).await;
        assert_eq!(declare(&app, &half, own, "yes", "").await, (401, json!("SignInRequired")));
        assert_eq!(give_address(&app, &half, own, "ON", "M5V 3L9").await, (401, json!("SignInRequired")));
        assert_eq!(declare(&app, &browser(), own, "yes", "").await, (401, json!("SignInRequired")));
    }
}

/// A second applicant, signed in with their password only.
async fn applicant_password(app: &TestApp) -> String {
    use app::domain::{Email, PersonName};
    use secrecy::ExposeSecret;
    let email = Email::parse("ana.silva@example.com").unwrap();
    let name = PersonName::parse("Ana Silva").unwrap();
    portal::accounts::staff::create(&app.db, &email, &name, Role::Applicant, 14).await.unwrap().password.expose_secret().to_owned()
}

on_both_databases! {
    async fn every_postal_code_letter_against_every_province(app) {
        let client = browser();
        signed_in(&app, &client).await;
        let (own, _) = family_of_signed_in(&app).await;
        declare(&app, &client, own, "yes", "").await;
        for letter in 'A'..='Z' {
            for province in Province::ALL {
                let code = format!("{letter}1A 1A1");
                let (status, outcome) = give_address(&app, &client, own, province.code(), &code).await;
                assert_eq!(status, 200);
                if "DFIOQUWZ".contains(letter) {
                    assert_eq!(outcome, invalid("postal_code", "postal_code_invalid"), "{code}");
                } else if province.postal_letters().contains(&letter) {
                    assert_eq!(outcome["Saved"]["postal_code"], json!(code), "{code} in {}", province.code());
                } else {
                    assert_eq!(outcome, invalid("postal_code", "postal_code_province"), "{code} in {}", province.code());
                }
            }
        }
    }
}

on_both_databases! {
    async fn the_home_cards_follow_what_is_stored(app) {
        let client = browser();
        signed_in(&app, &client).await;
        let (own, child) = family_of_signed_in(&app).await;
        let statuses = |card: &Value| -> Vec<String> {
            card["steps"].as_array().unwrap().iter().map(|s| format!("{}:{}", s[0].as_str().unwrap(), s[1].as_str().unwrap())).collect()
        };
        let (status, cards) = me(&app, &client, "home", &[]).await;
        assert_eq!(status, 200);
        assert_eq!(cards.as_array().unwrap().len(), 2, "{cards}");
        assert_eq!(cards[0]["id"], own);
        assert_eq!(statuses(&cards[0])[..3], ["Presence:ToDo", "Address:NotYet", "Photo:NotYet"]);

        declare(&app, &client, own, "yes", "").await;
        give_address(&app, &client, own, "ON", "M5V 3L9").await;
        let (_, cards) = me(&app, &client, "home", &[]).await;
        assert_eq!(
            statuses(&cards[0]),
            ["Presence:Done", "Address:Done", "Photo:ToDo", "Review:NotYet", "Ecopr:NotYet", "Card:NotYet"]
        );
        assert_eq!(cards[1]["id"], child);
        assert_eq!(statuses(&cards[1])[0], "Presence:ToDo", "the child's card is its own");
        // 180 days from the case's approval (the fixture's 2026-11-20).
        assert_eq!(cards[0]["deadline"], "2027-05-19");

        let half = browser();
        assert_eq!(me(&app, &half, "home", &[]).await, (401, json!("SignInRequired")));
    }
}

on_both_databases! {
    async fn officers_see_each_persons_presence_address_and_days_left(app) {
        let client = browser();
        signed_in(&app, &client).await;
        let (own, _) = family_of_signed_in(&app).await;
        declare(&app, &client, own, "yes", "").await;
        give_address(&app, &client, own, "ON", "M5V 3L9").await;

        let officer = browser();
        signed_in_as(&app, &officer, "officer@example.com", "Jeanne Roy", Role::Officer).await;
        let (status, page) = server_fn(&app, &officer, "officer/cases", &[]).await;
        assert_eq!(status, 200, "{page}");
        let case = &page["cases"][0];
        let progress = case["progress"].as_array().unwrap();
        assert_eq!(progress.len(), 3, "everyone on the application: {case}");
        let of = |name: &str| progress.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{name} in {case}"));
        assert_eq!((&of("Thị Mai Nguyễn")["declared"][0], &of("Thị Mai Nguyễn")["address_given"]), (&json!(true), &json!(true)));
        assert_eq!((&of("Anh Tremblay")["declared"], &of("Anh Tremblay")["address_given"]), (&Value::Null, &json!(false)));
        let expected = (chrono::NaiveDate::from_ymd_opt(2027, 5, 19).unwrap() - chrono::Utc::now().date_naive()).num_days();
        assert_eq!(case["days_left"], expected);
    }
}
