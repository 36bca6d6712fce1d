//! `/dev/outbox`: the messages the file transport wrote, newest first, so the
//! whole flow can be followed on a machine with no mail server. The route
//! exists only when no SMTP server is configured.
use axum::extract::State;
use axum::response::Html;
use mail_parser::MessageParser;
use std::path::PathBuf;
use std::time::SystemTime;

pub const PATH: &str = "/dev/outbox";

#[derive(Clone)]
pub struct OutboxFolder(pub PathBuf);

struct Shown {
    written: SystemTime,
    to: String,
    subject: String,
    body: String,
}

#[tracing::instrument(skip_all)]
pub async fn page(State(OutboxFolder(folder)): State<OutboxFolder>) -> Html<String> {
    let messages = tokio::task::spawn_blocking(move || read_messages(&folder)).await.unwrap_or_default();
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Outbox (development)</title>\
         <link rel=\"stylesheet\" href=\"/pkg/portal.css\"></head><body><main class=\"container\">\
         <h1>Outbox (development only)</h1>\
         <p>No SMTP server is configured, so email is written to files instead of being sent. Newest first.</p>",
    );
    if messages.is_empty() {
        html.push_str("<p>No messages yet.</p>");
    }
    for message in &messages {
        html.push_str(&format!(
            "<article class=\"outbox-message\"><h2>{}</h2><p>To: <span class=\"outbox-to\">{}</span></p><pre class=\"outbox-body\">{}</pre></article>",
            escape(&message.subject),
            escape(&message.to),
            linkify(&escape(&message.body)),
        ));
    }
    html.push_str("</main></body></html>");
    Html(html)
}

fn read_messages(folder: &std::path::Path) -> Vec<Shown> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut messages: Vec<Shown> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .filter_map(|entry| {
            let written = entry.metadata().and_then(|m| m.modified()).ok()?;
            let bytes = std::fs::read(entry.path()).ok()?;
            let parsed = MessageParser::default().parse(&bytes)?;
            let to = parsed
                .to()
                .and_then(|a| a.first())
                .and_then(|a| a.address())
                .unwrap_or_default()
                .to_owned();
            Some(Shown {
                written,
                to,
                subject: parsed.subject().unwrap_or_default().to_owned(),
                body: parsed.body_text(0).map(|b| b.into_owned()).unwrap_or_default(),
            })
        })
        .collect();
    messages.sort_by(|a, b| b.written.cmp(&a.written));
    messages
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Makes the links in an escaped body clickable.
fn linkify(escaped: &str) -> String {
    escaped
        .split_inclusive(char::is_whitespace)
        .map(|word| {
            let trimmed = word.trim_end();
            if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
                format!("<a href=\"{trimmed}\">{trimmed}</a>{}", &word[trimmed.len()..])
            } else {
                word.to_owned()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_anchors_and_text_stays_escaped() {
        let body = escape("Open http://x.test/en/invitation/abc\nthen <b>");
        assert_eq!(
            linkify(&body),
            "Open <a href=\"http://x.test/en/invitation/abc\">http://x.test/en/invitation/abc</a>\nthen &lt;b&gt;"
        );
    }
}
