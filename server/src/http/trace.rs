//! One span per request, with an id of its own, so that every log line a
//! request causes (its page's tasks and server functions included) can be
//! found together. Paths are logged with link secrets blanked.
use app::domain::Token;
use axum::extract::Request;
use tracing::Span;

pub fn span(request: &Request) -> Span {
    tracing::info_span!(
        "request",
        id = %format_args!("{:016x}", rand::random::<u64>()),
        method = %request.method(),
        path = %redacted(request.uri().path()),
    )
}

/// The path with any segment shaped like a link or session secret replaced.
fn redacted(path: &str) -> String {
    path.split('/').map(|segment| if Token::parse(segment).is_some() { ":token" } else { segment }).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn secrets_in_links_stay_out_of_the_log() {
        let token = "Ab3".repeat(14) + "Z";
        assert_eq!(redacted(&format!("/en/invitation/{token}")), "/en/invitation/:token");
        assert_eq!(redacted(&format!("/fr/reset-password/{token}")), "/fr/reset-password/:token");
        assert_eq!(redacted("/api/me/people/12/photo"), "/api/me/people/12/photo");
    }
}
