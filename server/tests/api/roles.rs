//! Every officer page, server function and endpoint, as each role reaches it:
//! signed out (sent to sign in), an applicant (refused), an officer and an
//! administrator (served).
use crate::helpers::{on_both_databases, TestApp};
use crate::photos::{declared_in_canada, family_of_signed_in, fixture, send};
use crate::sign_in::{server_fn, signed_in, signed_in_as};
use portal::entities::{person, photo};
use portal::entities::user::Role;
use sea_orm::EntityTrait;

/// A browser that keeps its cookie, asks for pages as browsers do, and shows
/// redirects instead of following them.
fn client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::ACCEPT, reqwest::header::HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"));
    reqwest::Client::builder().cookie_store(true).default_headers(headers).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

/// What each role gets: from a server function or endpoint, and from a page.
struct Seen {
    who: &'static str,
    client: reqwest::Client,
    call: u16,
    page: u16,
}

async fn roles(app: &TestApp, applicant: reqwest::Client) -> Vec<Seen> {
    let (officer, administrator) = (client(), client());
    signed_in_as(app, &officer, "officer@ircc.example.ca", "Jeanne Roy", Role::Officer).await;
    signed_in_as(app, &administrator, "admin@ircc.example.ca", "Marc Roy", Role::Administrator).await;
    vec![
        Seen { who: "signed out", client: client(), call: 401, page: 302 },
        Seen { who: "applicant", client: applicant, call: 403, page: 403 },
        Seen { who: "officer", client: officer, call: 200, page: 200 },
        Seen { who: "administrator", client: administrator, call: 200, page: 200 },
    ]
}

on_both_databases! {
    async fn every_officer_route_answers_each_role_as_it_should(app) {
        let applicant = client();
        signed_in(&app, &applicant).await;
        let (own, _) = family_of_signed_in(&app).await;
        declared_in_canada(&app, &[own]).await;
        let (status, _) = send(&app, &applicant, own, fixture("astronaut_good.jpg"), false).await;
        assert_eq!(status, 200);
        let key = photo::Entity::find().one(&app.db).await.unwrap().unwrap().view_key;
        let case_id = person::Entity::find_by_id(own).one(&app.db).await.unwrap().unwrap().case_id.to_string();

        // Each with well-formed arguments, so that only the role decides the answer.
        let calls: [(&str, Vec<(&str, &str)>); 9] = [
            ("officer/cases", vec![("q", "nguyen")]),
            ("officer/create-case", vec![("case[application_number]", "")]),
            ("officer/import", vec![("csv", "")]),
            ("officer/resend", vec![("case_id", "999999")]),
            ("officer/review-queue", vec![]),
            ("officer/decide-photo", vec![("photo", key.as_str()), ("decision[decision]", "")]),
            ("officer/case", vec![("id", case_id.as_str())]),
            ("officer/ready", vec![("page", "2")]),
            ("officer/confirm-pr", vec![("confirmation[became_on]", ""), ("confirmation[city]", ""), ("confirmation[province]", "")]),
        ];
        let (en_case, fr_case) = (format!("/en/officer/cases/{case_id}"), format!("/fr/officer/cases/{case_id}"));
        let pages = ["/en/officer/cases", "/fr/officer/cases?q=nguyen", "/en/officer/cases/new", "/fr/officer/cases/import", "/en/officer/photos", &en_case, &fr_case, "/fr/officer/confirm"];
        for role in roles(&app, applicant).await {
            for (path, form) in &calls {
                let (status, body) = server_fn(&app, &role.client, path, form).await;
                assert_eq!(status, role.call, "{} calling {path}: {body}", role.who);
            }
            for page in pages {
                let answer = role.client.get(format!("{}{page}", app.address)).send().await.unwrap();
                assert_eq!(answer.status(), role.page, "{} opening {page}", role.who);
                if role.page == 302 {
                    let to = answer.headers()["location"].to_str().unwrap().to_owned();
                    assert!(to.starts_with(&format!("{}/sign-in", &page[..3])), "{} opening {page} goes to {to}", role.who);
                }
            }
            let image = role.client.get(format!("{}/api/officer/photos/{key}", app.address)).send().await.unwrap();
            assert_eq!(image.status(), role.call, "{} fetching the photo", role.who);
        }
    }
}
