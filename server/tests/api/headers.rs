//! What every answer of a running portal carries: the security headers, and
//! no-store wherever a signed-in person's data is.
use crate::helpers::{on_both_databases, spawn_app_with, Backend};
use crate::sign_in::{browser, signed_in};

/// Checks one answer's headers; `page` answers also carry the CSP with its nonce.
fn assert_guarded(what: &str, response: &reqwest::Response, page: bool) {
    let header = |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header("referrer-policy"), "strict-origin-when-cross-origin", "{what}");
    assert_eq!(header("x-frame-options"), "DENY", "{what}");
    assert!(header("cache-control").contains("no-store"), "{what}: {}", header("cache-control"));
    if page {
        let csp = header("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'nonce-"), "{what}: {csp}");
    }
}

on_both_databases! {
    async fn every_page_and_private_answer_carries_the_security_headers(app) {
        let client = browser();
        for path in ["/en/", "/fr/sign-in", "/en/no-such-page"] {
            let response = client.get(format!("{}{path}", app.address)).send().await.unwrap();
            assert_guarded(path, &response, true);
        }
        signed_in(&app, &client).await;
        for path in ["/en/account", "/fr/account"] {
            let response = client.get(format!("{}{path}", app.address)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            assert_guarded(path, &response, true);
        }
        for endpoint in ["session/viewer", "me/profiles"] {
            let response = client.post(format!("{}/api/{endpoint}", app.address)).header("Accept", "application/json").send().await.unwrap();
            assert_eq!(response.status(), 200, "{endpoint}");
            assert_guarded(endpoint, &response, false);
        }
        let script = client.get(format!("{}/favicon.svg", app.address)).send().await.unwrap();
        assert!(script.headers().get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    }
}

/// Behind TLS: HSTS on every answer, and a `__Host-` session cookie that is Secure.
#[tokio::test]
async fn behind_tls_answers_carry_hsts_and_the_cookie_is_a_host_cookie() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.site.public_url = "https://portal.example.ca".into()).await;
    let page = app.get("/en/").await;
    assert_eq!(page.headers()["strict-transport-security"], "max-age=63072000; includeSubDomains");
    let temporary = crate::sign_in::applicant(&app).await;
    let response = app
        .client
        .post(format!("{}/api/session/sign-in", app.address))
        .header("Accept", "application/json")
        .form(&[("username", "mai.nguyen@example.com"), ("password", temporary.as_str())])
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-portal_session=") && cookie.contains("Secure") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Domain"), "{cookie}");
}
