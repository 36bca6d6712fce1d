use crate::helpers::on_both_databases;

async fn html(app: &crate::helpers::TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

on_both_databases! {
    async fn home_pages_are_server_rendered_in_each_language(app) {
        let (status, en) = html(&app, "/en/").await;
        assert_eq!(status, 200, "{en}");
        assert!(en.contains(r#"<html lang="en""#), "{en}");
        assert!(en.contains("Confirm your permanent residence online"));
        assert!(en.contains("does not show the status of an application"));
        assert!(en.contains(r#"href="/fr/""#), "the toggle links to the French page");
        assert!(en.contains("/pkg/portal.js") && en.contains("/pkg/portal.wasm"), "hydration scripts");

        let (status, fr) = html(&app, "/fr/").await;
        assert_eq!(status, 200);
        assert!(fr.contains(r#"<html lang="fr""#), "{fr}");
        assert!(fr.contains("Confirmer votre résidence permanente en ligne"));
        assert!(fr.contains("affiche pas l&#x27;état d&#x27;une demande") || fr.contains("affiche pas l'état d'une demande"), "{fr}");
        assert!(fr.contains(r#"href="/en/""#));
        assert!(fr.contains("<title>Confirmer votre résidence permanente en ligne – Portail de confirmation de la RP – Canada.ca</title>"), "{fr}");

        let (status, no_slash) = html(&app, "/fr").await;
        assert_eq!(status, 200);
        assert!(no_slash.contains(r#"<html lang="fr""#));
    }
}

on_both_databases! {
    async fn the_root_offers_both_languages(app) {
        let (status, body) = html(&app, "/").await;
        assert_eq!(status, 200);
        assert!(body.contains(r#"href="/en/""#) && body.contains(r#"href="/fr/""#), "{body}");
        assert!(body.contains("PR Confirmation Portal") && body.contains("Portail de confirmation de la RP"));
    }
}

on_both_databases! {
    async fn unknown_paths_get_the_bilingual_404(app) {
        for (path, lang) in [("/en/no-such-page", "en"), ("/fr/pas-de-page", "fr"), ("/de/", "en"), ("/nothing/here", "en")] {
            let (status, body) = html(&app, path).await;
            assert_eq!(status, 404, "{path}");
            assert!(body.contains(&format!(r#"<html lang="{lang}""#)), "{path}: {body}");
            assert!(body.contains("We couldn&#x27;t find that Web page") || body.contains("We couldn't find that Web page"), "{path}: {body}");
            assert!(body.contains("Nous ne pouvons trouver cette page Web"), "{path}");
        }
        let posted = app.client.post(format!("{}/nothing/here", app.address)).send().await.expect("response");
        assert_eq!(posted.status().as_u16(), 404, "any method gets the 404 page");
    }
}

on_both_databases! {
    async fn static_files_and_health_are_served(app) {
        let health = app.get("/health").await;
        assert_eq!(health.status().as_u16(), 200);
        assert_eq!(health.text().await.unwrap(), "ok");

        let response = app.get("/en/").await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(headers["referrer-policy"], "strict-origin-when-cross-origin");
        let policy = headers["content-security-policy"].to_str().unwrap().to_owned();
        let body = response.text().await.unwrap();
        let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce");
        assert!(body.contains(&format!(r#"<script type="module" nonce="{nonce}">"#)), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"), "{policy}");
    }
}
