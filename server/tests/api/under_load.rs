//! Every page, for every role, in both languages, served many at a time by several
//! threads: each answer must arrive whole, with its status and heading, and the
//! server must not panic. A panic while rendering cuts that page off unfinished (the
//! browser gets a blank or broken page), and it showed only under concurrency, so
//! this test is what guards against it. A new page joins `pages()` in the commit
//! that adds it.
use crate::helpers::{spawn_app_with, Backend, TestApp};
use crate::sign_in::signed_in_as;
use portal::entities::user::Role;
use sea_orm::EntityTrait;
use std::sync::{Arc, Mutex, Once};
use std::time::Duration;

/// Requests in flight at once.
const CONCURRENCY: usize = 64;
/// How many times each page is asked for.
const ROUNDS: usize = 12;

/// Who asks for a page.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    SignedOut,
    Applicant,
    Officer,
}

/// What one request must get back.
#[derive(Clone, Debug)]
struct Expected {
    who: Who,
    path: String,
    status: u16,
    /// The `<h1>`'s text (a translation), or for a redirect the `Location` header,
    /// or for a file its content type.
    want: Want,
}

#[derive(Clone, Debug)]
enum Want {
    Heading(String),
    RedirectTo(String),
    File(&'static str),
}

/// The portal's translations, read from the same files the app compiles in.
fn text(lang: &str, key: &str) -> String {
    let path = format!("{}/../app/locales/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    let all: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    key.split('.').fold(&all, |v, k| &v[k]).as_str().unwrap_or_else(|| panic!("no {key} in {lang}")).to_owned()
}

/// Every page there is, as each role sees it, in both languages.
fn pages(profile: i32, child: i32, stranger: i32, invitation: &str, case: i32) -> Vec<Expected> {
    use Who::*;
    let mut all = vec![
        Expected { who: SignedOut, path: "/".into(), status: 200, want: Want::Heading("PR Confirmation Portal / Portail de confirmation de la RP".into()) },
        Expected { who: SignedOut, path: "/pkg/portal.js".into(), status: 200, want: Want::File("text/javascript") },
        Expected { who: SignedOut, path: "/favicon.svg".into(), status: 200, want: Want::File("image/svg+xml") },
    ];
    for lang in ["en", "fr"] {
        let at = |who, path: &str, status, want| Expected { who, path: format!("/{lang}{path}"), status, want };
        let heading = |key: &str| Want::Heading(text(lang, key));
        let to_sign_in = || Want::RedirectTo(format!("/{lang}/sign-in"));
        let (own, theirs) = (format!("/profile/{profile}"), format!("/profile/{stranger}"));
        let photo_title = text(lang, "account.photo_title").replace("{{ name }}", "Thị Mai Nguyễn");
        let named = |key: &str, name: &str| Want::Heading(text(lang, key).replace("{{ name }}", name));
        let kid = format!("/profile/{child}");
        let not_found = format!("{} ({})", text(lang, "not_found.title"), text(lang, "not_found.error"));
        all.extend([
            at(SignedOut, "/", 200, heading("home.title")),
            at(SignedOut, "/photo-check", 200, heading("photo.title")),
            at(SignedOut, "/sign-in", 200, heading("signin.title")),
            at(SignedOut, "/change-password", 200, heading("signin.change_title")),
            at(SignedOut, "/verify", 200, heading("signin.verify_title")),
            at(SignedOut, "/forgot-password", 200, heading("signin.forgot_title")),
            at(SignedOut, "/reset-password/no-such-link", 200, heading("signin.reset_title")),
            at(SignedOut, &format!("/invitation/{invitation}"), 200, heading("invitation.title")),
            at(SignedOut, "/invitation/no-such-link", 404, heading("invitation.unknown_title")),
            at(SignedOut, "/no-such-page", 404, Want::Heading(not_found)),
            at(SignedOut, "/account", 302, to_sign_in()),
            at(SignedOut, "/home", 302, to_sign_in()),
            at(SignedOut, "/messages", 302, to_sign_in()),
            at(SignedOut, "/account/authenticator", 302, to_sign_in()),
            at(SignedOut, &own, 302, to_sign_in()),
            at(SignedOut, &format!("{own}/photo"), 302, to_sign_in()),
            at(SignedOut, &format!("{own}/presence"), 302, to_sign_in()),
            at(SignedOut, &format!("{own}/address"), 302, to_sign_in()),
            at(SignedOut, "/officer/cases", 302, to_sign_in()),
            at(SignedOut, "/officer/cases/new", 302, to_sign_in()),
            at(SignedOut, "/officer/cases/import", 302, to_sign_in()),
            at(SignedOut, "/officer/photos", 302, to_sign_in()),
            at(SignedOut, &format!("/officer/cases/{case}"), 302, to_sign_in()),
            at(SignedOut, "/officer/confirm", 302, to_sign_in()),
            at(SignedOut, "/ecopr/0000-0000-0000-0000", 200, heading("verification.unknown_title")),
            at(Applicant, "/", 200, heading("home.title")),
            at(Applicant, "/account", 200, heading("account.title")),
            at(Applicant, "/home", 200, heading("journey.title")),
            at(Applicant, "/messages", 200, heading("inbox.title")),
            at(Applicant, "/account/authenticator", 200, heading("account.app_title")),
            at(Applicant, &own, 200, Want::Heading("Thị Mai Nguyễn".into())),
            at(Applicant, &format!("/profile/{child}"), 200, Want::Heading("Anh Tremblay".into())),
            at(Applicant, &format!("{own}/photo"), 200, Want::Heading(photo_title)),
            at(Applicant, &theirs, 404, heading("account.not_found_title")),
            at(Applicant, &format!("{theirs}/photo"), 404, heading("account.not_found_title")),
            at(Applicant, &format!("{own}/presence"), 200, named("steps.presence_title", "Thị Mai Nguyễn")),
            at(Applicant, &format!("{kid}/presence"), 200, named("steps.presence_title", "Anh Tremblay")),
            at(Applicant, &format!("{own}/address"), 200, named("steps.address_title", "Thị Mai Nguyễn")),
            at(Applicant, &format!("{kid}/address"), 200, named("steps.address_title", "Anh Tremblay")),
            at(Applicant, &format!("{kid}/photo"), 200, named("account.photo_title", "Anh Tremblay")),
            at(Applicant, &format!("{theirs}/presence"), 404, heading("account.not_found_title")),
            at(Applicant, &format!("{theirs}/address"), 404, heading("account.not_found_title")),
            at(Applicant, "/officer/cases", 403, heading("cases.forbidden_title")),
            at(Applicant, "/officer/cases/new", 403, heading("cases.forbidden_title")),
            at(Applicant, "/officer/cases/import", 403, heading("cases.forbidden_title")),
            at(Applicant, "/officer/photos", 403, heading("cases.forbidden_title")),
            at(Applicant, &format!("/officer/cases/{case}"), 403, heading("cases.forbidden_title")),
            at(Applicant, "/officer/confirm", 403, heading("cases.forbidden_title")),
            at(Officer, "/account", 200, heading("account.title")),
            at(Officer, "/messages", 200, heading("inbox.title")),
            at(Officer, "/home", 302, Want::RedirectTo(format!("/{lang}/officer/cases"))),
            at(Officer, "/officer/cases", 200, heading("cases.title")),
            at(Officer, "/officer/cases?page=2", 200, heading("cases.title")),
            at(Officer, "/officer/cases?q=nguy%E1%BB%85n", 200, heading("cases.title")),
            at(Officer, "/officer/cases/new", 200, heading("cases.new_title")),
            at(Officer, "/officer/cases/import", 200, heading("cases.import_title")),
            at(Officer, "/officer/photos", 200, heading("review.title")),
            at(Officer, "/officer/confirm", 200, heading("ready.title")),
            at(Officer, &format!("/officer/cases/{case}"), 200, Want::Heading(text(lang, "case.heading").replace("{{ number }}", "E000777111"))),
            at(Officer, &own, 404, heading("account.not_found_title")),
        ]);
    }
    all
}

/// Panics on the threads whose names start with a prefix, as the hook saw them.
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Records every panic on a thread named `under-load-…` (the server's threads in
/// these tests), then reports it as usual.
fn watch_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current().name().unwrap_or_default().to_owned();
            if thread.starts_with("under-load-") {
                PANICS.lock().unwrap_or_else(|e| e.into_inner()).push(format!("{thread}: {info}\n{}", std::backtrace::Backtrace::force_capture()));
            }
            previous(info);
        }));
    });
}

fn panics_on(threads: &str) -> Vec<String> {
    PANICS.lock().unwrap_or_else(|e| e.into_inner()).iter().filter(|p| p.starts_with(threads)).cloned().collect()
}

/// The text of the first `<h1>` (or other element), tags and hydration markers
/// removed, entities decoded.
fn text_of(body: &str, element: &str) -> Option<String> {
    let start = body.find(&format!("<{element}"))?;
    let open_end = start + body[start..].find('>')? + 1;
    let close = open_end + body[open_end..].find(&format!("</{element}>"))?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in body[open_end..close].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let decoded = text.replace("&#x27;", "'").replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    Some(decoded.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A page ends with the document, then the hydration data, whose last script
/// lists the chunks that did not arrive (none, when all is well).
fn whole(body: &str) -> bool {
    let last_script = body.rsplit("<script").next().unwrap_or_default();
    body.contains("</html>") && last_script.contains("__INCOMPLETE_CHUNKS=[];") && body.trim_end().ends_with("</script>")
}

/// What is wrong with an answer, if anything.
async fn check(client: &reqwest::Client, address: &str, expected: &Expected) -> Option<String> {
    let answer = async {
        let response = client.get(format!("{address}{}", expected.path)).send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await?;
        Ok::<_, reqwest::Error>((status, headers, body))
    };
    let (status, headers, body) = match tokio::time::timeout(Duration::from_secs(60), answer).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(error)) => return Some(format!("{error}")),
        Err(_) => return Some("no answer in 60 s".into()),
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    if status != expected.status {
        return Some(format!("status {status}, expected {}", expected.status));
    }
    match &expected.want {
        Want::File(kind) => (!header("content-type").starts_with(kind)).then(|| format!("content type {}", header("content-type"))),
        Want::RedirectTo(location) => (header("location") != *location).then(|| format!("location {:?}", header("location"))),
        Want::Heading(want) => {
            if !header("content-type").starts_with("text/html") || !header("content-security-policy").contains("'nonce-") {
                return Some(format!("type {:?}, policy {:?}", header("content-type"), header("content-security-policy")));
            }
            if !whole(&body) {
                return Some(format!("cut off after {} bytes", body.len()));
            }
            // The title is made apart from the page (by leptos_meta, after it): it
            // starts with the heading's words, "(Error 404)" aside.
            let title = text_of(&body, "title").unwrap_or_default();
            match text_of(&body, "h1") {
                Some(found) if found != *want => Some(format!("heading {found:?}, expected {want:?}")),
                None => Some("no heading".into()),
                _ if !title.starts_with(want.split(" (").next().unwrap_or(want)) => Some(format!("title {title:?} for {want:?}")),
                _ => None,
            }
        }
    }
}

/// Clients that keep their own session cookie, ask for pages as a browser does, and
/// do not follow redirects.
fn browser() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::ACCEPT, reqwest::header::HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"));
    reqwest::Client::builder().cookie_store(true).default_headers(headers).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn every_page_under_load(backend: Backend, threads: &str) {
    let site = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/portal.js"), "export default function start() {}\n").unwrap();
    // A file at the top of the site, whose path the pages' `/{lang}` route would also match.
    std::fs::write(site.path().join("favicon.svg"), r#"<svg xmlns="http://www.w3.org/2000/svg"/>"#).unwrap();
    let root = site.path().to_path_buf();
    let app: TestApp = spawn_app_with(backend, move |settings| settings.site.root = root).await;

    let applicant = browser();
    signed_in_as(&app, &applicant, "mai.nguyen@example.com", "Thị Mai Nguyễn", Role::Applicant).await;
    let (profile, child) = crate::photos::family_of_signed_in(&app).await;
    // The child is declared in Canada, the principal is not yet: both kinds of step pages.
    crate::photos::declared_in_canada(&app, &[child]).await;
    // A photo waiting, so that the officers' review page shows one.
    let (status, _) = crate::photos::send(&app, &applicant, child, crate::photos::fixture("astronaut_good.jpg"), false).await;
    assert_eq!(status, 200);
    let invitation = crate::invitations::invite(&app, "E000888222").await;
    let stranger = profile.max(child) + 1;
    let officer = browser();
    signed_in_as(&app, &officer, "officer@example.com", "Jeanne Roy", Role::Officer).await;
    let signed_out = browser();
    let tasks_before = tokio::runtime::Handle::current().metrics().num_alive_tasks();

    let case = portal::entities::person::Entity::find_by_id(profile).one(&app.db).await.unwrap().unwrap().case_id;
    let expected = pages(profile, child, stranger, &invitation, case);
    let permits = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
    let mut requests = tokio::task::JoinSet::new();
    for round in 0..ROUNDS {
        for (i, page) in expected.iter().cloned().enumerate() {
            let client = match page.who {
                Who::SignedOut => signed_out.clone(),
                Who::Applicant => applicant.clone(),
                Who::Officer => officer.clone(),
            };
            let (address, permits) = (app.address.clone(), permits.clone());
            // The same page asked for and given up on part way (a person who moves on
            // before it arrives): the server must still end it cleanly, unsent.
            let (abandoned, url) = (client.clone(), format!("{address}{}", page.path));
            let patience = Duration::from_millis(((round + i) % 8) as u64);
            let abandon = permits.clone();
            requests.spawn(async move {
                let _permit = abandon.acquire_owned().await.expect("semaphore");
                let _ = tokio::time::timeout(patience, abandoned.get(url).send()).await;
                None
            });
            requests.spawn(async move {
                let _permit = permits.acquire_owned().await.expect("semaphore");
                let wrong = check(&client, &address, &page).await;
                Some(wrong.map(|w| format!("{:?} {}: {w}", page.who, page.path)))
            });
        }
    }
    let (mut total, mut wrong) = (0, Vec::new());
    while let Some(result) = requests.join_next().await {
        if let Some(answer) = result.expect("request task") {
            total += 1;
            wrong.extend(answer);
        }
    }
    // Nothing a page started (a resource's task, a stream) goes on once it is
    // answered: with the browsers and their connections gone, the tasks left are
    // those from before.
    drop((applicant, officer, signed_out));
    let mut tasks_after = usize::MAX;
    for _ in 0..100 {
        tasks_after = tokio::runtime::Handle::current().metrics().num_alive_tasks();
        if tasks_after <= tasks_before {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let panics = panics_on(threads);
    assert!(panics.is_empty(), "the server panicked {} times; the first: {}", panics.len(), panics[0]);
    // The same fault on one page is told once, with how often it happened.
    let mut faults = std::collections::BTreeMap::<String, usize>::new();
    for fault in &wrong {
        *faults.entry(fault.clone()).or_default() += 1;
    }
    assert!(wrong.is_empty(), "{} of {total} answers wrong: {faults:#?}", wrong.len());
    assert!(tasks_after <= tasks_before, "{tasks_after} tasks still alive 10 s after the pages, {tasks_before} before them");
}

/// The server runs on threads of its own name, so that its panics are told apart
/// from those of other tests running at the same time.
fn run(backend: Backend) {
    watch_panics();
    let threads = format!("under-load-{backend:?}");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .thread_name(threads.clone())
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(every_page_under_load(backend, &threads));
}

#[test]
fn every_page_arrives_whole_under_load_on_sqlite() {
    run(Backend::Sqlite);
}

#[test]
fn every_page_arrives_whole_under_load_on_postgres() {
    run(Backend::Postgres);
}
