use crate::cases_api::family;
use crate::helpers::{on_both_databases, wait_until, TestApp};
use chrono::{Duration, Utc};
use portal::entities::{case, invitation, outbox_message, person, user};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

/// Sends a case in and returns the invitation's token, read from the email.
pub async fn invite(app: &TestApp, number: &str) -> String {
    let token = app.api_token(&format!("cms-{number}")).await;
    assert_eq!(app.post_case(&token, &family(number, "mai@example.com")).await.status(), 201);
    wait_until("the invitation is sent", || async {
        outbox_message::Entity::find().all(&app.db).await.unwrap().iter().all(|m| m.sent_at.is_some())
    })
    .await;
    let page = app.get("/dev/outbox").await.text().await.unwrap();
    let start = page.find("/en/invitation/").expect("an invitation link") + "/en/invitation/".len();
    page[start..start + 43].to_owned()
}

/// The family's answer, as the page's form posts it.
async fn answer(app: &TestApp, token: &str) -> reqwest::Response {
    let people = person::Entity::find().all(&app.db).await.unwrap();
    let mut form = vec![("token".to_owned(), token.to_owned()), ("answer[use_portal]".into(), "yes".into())];
    for (i, p) in people.iter().enumerate() {
        let field = |name: &str| format!("answer[people][{i}][{name}]");
        form.push((field("id"), p.id.to_string()));
        form.push((field("account"), "own".into()));
        form.push((field("email"), p.email.clone().unwrap_or_default()));
        form.push((field("in_canada"), "yes".into()));
    }
    app.client
        .post(format!("{}/api/invitation/answer", app.address))
        .header("Accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap()
}

on_both_databases! {
    async fn an_invitation_is_answered_once_even_when_sent_twice_at_once(app) {
        let token = invite(&app, "E001234567").await;
        let (first, second) = futures::join!(answer(&app, &token), answer(&app, &token));
        let mut outcomes: Vec<Value> = vec![first.json().await.unwrap(), second.json().await.unwrap()];
        outcomes.sort_by_key(|o| o.to_string());
        assert!(outcomes[0].get("Accepted").is_some(), "{outcomes:?}");
        assert_eq!(outcomes[1], serde_json::json!({ "Closed": "Used" }));

        let users = user::Entity::find().all(&app.db).await.unwrap();
        let mut emails: Vec<&str> = users.iter().map(|u| u.email.as_str()).collect();
        emails.sort();
        assert_eq!(emails, vec!["luc@example.com", "mai@example.com"], "two adults, two accounts");
        assert!(users.iter().all(|u| u.must_change_password));
        let people = person::Entity::find().all(&app.db).await.unwrap();
        let mai = users.iter().find(|u| u.email == "mai@example.com").unwrap();
        let child = people.iter().find(|p| p.relationship == app::domain::Relationship::Child).unwrap();
        assert_eq!(child.user_id, Some(mai.id), "the child's profile is held by the principal");
        assert!(people.iter().all(|p| p.in_canada == Some(true)));
        let case = case::Entity::find().one(&app.db).await.unwrap().unwrap();
        assert_eq!(case.status, case::Status::Answered);
    }
}

on_both_databases! {
    async fn an_expired_link_says_so_and_what_to_do(app) {
        let token = invite(&app, "E001234567").await;
        invitation::Entity::update_many()
            .col_expr(invitation::Column::ExpiresAt, Expr::value(Utc::now() - Duration::minutes(1)))
            .filter(invitation::Column::CaseId.is_not_null())
            .exec(&app.db)
            .await
            .unwrap();
        let en = app.get(&format!("/en/invitation/{token}")).await;
        assert_eq!(en.status().as_u16(), 410, "an expired link is gone");
        let en = en.text().await.unwrap();
        assert!(en.contains("This invitation has expired") && en.contains("Contact IRCC"), "{en}");
        let fr = app.get(&format!("/fr/invitation/{token}")).await.text().await.unwrap();
        assert!(fr.contains("Cette invitation a expiré") && fr.contains("Communiquer avec IRCC"), "{fr}");
        let refused: Value = answer(&app, &token).await.json().await.unwrap();
        assert_eq!(refused, serde_json::json!({ "Closed": "Expired" }));
        assert!(user::Entity::find().all(&app.db).await.unwrap().is_empty());
    }
}
