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

/// Pages and files arrive whole, with their own status, type and headers, when many
/// are served at once by several threads. A page's reactive owner is dropped on whichever
/// thread finishes it: the photo checker's browser-only state once panicked there
/// (a `!Send` value dropped off its thread), which cut that page off unfinished and
/// left the panicking owner current on the thread, where the next file served
/// picked up its response options (a 404 status, a page's headers). Either way the
/// browser could not start the app.
async fn pages_and_files_arrive_whole_under_load(backend: crate::helpers::Backend) {
    let site = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/portal.js"), "export default function start() {}\n").unwrap();
    // A file at the top of the site, whose path the pages' `/{lang}` route would also match.
    std::fs::write(site.path().join("favicon.svg"), r#"<svg xmlns="http://www.w3.org/2000/svg"/>"#).unwrap();
    let root = site.path().to_path_buf();
    let app = crate::helpers::spawn_app_with(backend, move |settings| settings.site.root = root).await;
    let mut requests = tokio::task::JoinSet::new();
    let paths = ["/en/photo-check", "/pkg/portal.js", "/fr/photo-check", "/en/no-such-page", "/favicon.svg"];
    for i in 0..500 {
        let (client, address, path) = (app.client.clone(), app.address.clone(), paths[i % paths.len()]);
        requests.spawn(async move {
            let answer = async {
                let response = client.get(format!("{address}{path}")).send().await?;
                let status = response.status().as_u16();
                let policy = response.headers().contains_key("content-security-policy");
                let kind = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
                let body = response.text().await?;
                Ok::<_, reqwest::Error>((status, policy, kind, body))
            };
            (path, tokio::time::timeout(std::time::Duration::from_secs(30), answer).await)
        });
    }
    let mut wrong = Vec::new();
    while let Some(result) = requests.join_next().await {
        let (path, answer) = result.expect("request task");
        let (want_status, want_policy, want_kind) = match path {
            "/pkg/portal.js" => (200, false, "text/javascript"),
            "/favicon.svg" => (200, false, "image/svg+xml"),
            "/en/no-such-page" => (404, true, "text/html"),
            _ => (200, true, "text/html"),
        };
        match answer {
            Ok(Ok((status, policy, kind, body))) => {
                let whole = !kind.starts_with("text/html") || body.contains("</html>");
                if (status, policy) != (want_status, want_policy) || !kind.starts_with(want_kind) || !whole {
                    wrong.push(format!("{path}: {status} {kind}, content-security-policy: {policy}, whole: {whole}"));
                }
            }
            Ok(Err(error)) => wrong.push(format!("{path}: {error}")),
            Err(_) => wrong.push(format!("{path}: no answer in 30 s")),
        }
    }
    assert!(wrong.is_empty(), "{} of 500 wrong: {:?}", wrong.len(), &wrong[..wrong.len().min(5)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_and_files_arrive_whole_under_load_on_sqlite() {
    pages_and_files_arrive_whole_under_load(crate::helpers::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_and_files_arrive_whole_under_load_on_postgres() {
    pages_and_files_arrive_whole_under_load(crate::helpers::Backend::Postgres).await;
}
