use crate::cases_api::family;
use crate::helpers::{on_both_databases, spawn_app_with, wait_until, Backend, TestApp};
use portal::entities::outbox_message;
use portal::mail::transport::Transport;
use portal::mail::worker::Worker;
use sea_orm::EntityTrait;
use secrecy::SecretString;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A mail server that accepts everything and remembers each message's raw text.
struct FakeSmtp {
    received: Arc<Mutex<Vec<String>>>,
}

impl FakeSmtp {
    async fn start(listener: TcpListener) -> Self {
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read).lines();
                    write.write_all(b"220 fake ESMTP\r\n").await.ok();
                    let mut in_data = false;
                    let mut message = String::new();
                    while let Ok(Some(line)) = lines.next_line().await {
                        if in_data {
                            if line == "." {
                                in_data = false;
                                store.lock().unwrap().push(std::mem::take(&mut message));
                                write.write_all(b"250 2.0.0 queued\r\n").await.ok();
                            } else {
                                message.push_str(&line);
                                message.push('\n');
                            }
                            continue;
                        }
                        let verb = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" | "HELO" => b"250 fake\r\n",
                            "DATA" => {
                                in_data = true;
                                b"354 go ahead\r\n"
                            }
                            "QUIT" => {
                                write.write_all(b"221 bye\r\n").await.ok();
                                break;
                            }
                            _ => b"250 OK\r\n",
                        };
                        write.write_all(reply).await.ok();
                    }
                });
            }
        });
        Self { received }
    }

    fn recipients(&self) -> Vec<String> {
        let mut to: Vec<String> = self
            .received
            .lock()
            .unwrap()
            .iter()
            .filter_map(|m| m.lines().find_map(|l| l.strip_prefix("To: ")).map(str::to_owned))
            .collect();
        to.sort();
        to
    }
}

async fn outbox(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find().all(&app.db).await.unwrap()
}

/// While the mail server is down nothing is lost; once it is up, three workers
/// (the server's own and two more, as if three instances ran) send each message once.
async fn delivered_later_exactly_once(backend: Backend) {
    let reserved = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = reserved.local_addr().unwrap().port();
    drop(reserved);
    let app = spawn_app_with(backend, |s| {
        s.mail.smtp_url = Some(SecretString::from(format!("smtp://127.0.0.1:{port}")));
        s.mail.retry_base_seconds = 1;
        s.mail.retry_max_seconds = 1;
    })
    .await;
    let token = app.api_token("cms").await;
    const CASES: usize = 12;
    for i in 0..CASES {
        let response = app.post_case(&token, &family(&format!("E{:09}", 100 + i), &format!("person{i:02}@example.com"))).await;
        assert_eq!(response.status(), 201);
    }
    wait_until("every message has failed once", || async {
        outbox(&app).await.iter().all(|m| m.attempts >= 1 && m.last_error.is_some())
    })
    .await;
    assert!(outbox(&app).await.iter().all(|m| m.sent_at.is_none()));

    let (transport, from) = Transport::from_settings(&app.settings.mail).unwrap();
    let transport = Arc::new(transport);
    let extra: Vec<_> = (0..2)
        .map(|_| Worker::new(app.db.clone(), transport.clone(), from.clone(), app.settings.mail.clone()).spawn())
        .collect();
    let server = FakeSmtp::start(TcpListener::bind(("127.0.0.1", port)).await.unwrap()).await;
    wait_until("every message is sent", || async { outbox(&app).await.iter().all(|m| m.sent_at.is_some()) }).await;
    // Give a would-be duplicate time to arrive.
    tokio::time::sleep(Duration::from_millis(500)).await;
    extra.iter().for_each(|w| w.abort());

    let expected: Vec<String> = (0..CASES).map(|i| format!("person{i:02}@example.com")).collect();
    assert_eq!(server.recipients(), expected, "each message exactly once");
    let first = server.received.lock().unwrap()[0].clone();
    assert!(first.contains("Subject: "), "{first}");
}

#[tokio::test]
async fn mail_server_down_then_delivered_exactly_once_on_sqlite() {
    delivered_later_exactly_once(Backend::Sqlite).await
}

#[tokio::test]
async fn mail_server_down_then_delivered_exactly_once_on_postgres() {
    delivered_later_exactly_once(Backend::Postgres).await
}

on_both_databases! {
    async fn without_smtp_email_is_written_to_files_and_listed(app) {
        let token = app.api_token("cms").await;
        app.post_case(&token, &family("E001234567", "mai@example.com")).await;
        wait_until("the invitation is written", || async { outbox(&app).await.iter().all(|m| m.sent_at.is_some()) }).await;
        let files: Vec<_> = std::fs::read_dir(app.outbox.path()).unwrap().flatten().collect();
        assert_eq!(files.len(), 1);
        let page = app.get("/dev/outbox").await;
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("mai@example.com"), "{html}");
        assert!(html.contains("Portail de résidence permanente"), "{html}");
        assert!(html.contains("/fr/invitation/"), "{html}");
    }
}

#[tokio::test]
async fn the_outbox_page_does_not_exist_when_email_really_goes_out() {
    let app = spawn_app_with(Backend::Sqlite, |s| {
        s.mail.smtp_url = Some(SecretString::from("smtp://127.0.0.1:9"));
    })
    .await;
    assert_eq!(app.get("/dev/outbox").await.status(), 404);
}

/// Told to stay off, `/dev/outbox` is not there, though email still goes to files.
#[tokio::test]
async fn the_development_outbox_is_off_when_said() {
    let app = spawn_app_with(Backend::Sqlite, |s| s.mail.dev_outbox = Some(false)).await;
    assert_eq!(app.get("/dev/outbox").await.status(), 404);
    let on = crate::helpers::spawn_app(Backend::Sqlite).await;
    assert_eq!(on.get("/dev/outbox").await.status(), 200, "on by default on a loopback address");
}
