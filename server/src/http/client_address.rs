//! Who is asking: the connection's own address, or, when the connection comes
//! from a trusted load balancer or proxy (`site.trusted_proxies`), the client
//! address it forwarded. Anyone else's `X-Forwarded-For` is ignored: it would
//! let a client choose the address that sign-in throttling counts it by.
use app::api::ports::ClientAddress;
use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Puts the request's [`ClientAddress`] among its extensions.
pub async fn layer(trusted: Arc<[IpNet]>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    if let Some(peer) = peer {
        let forwarded = request.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
        let address = client(peer, &forwarded, &trusted);
        request.extensions_mut().insert(ClientAddress(address));
    }
    next.run(request).await
}

/// Walks the forwarded chain from the nearest hop back, past trusted proxies:
/// the first address not trusted is the client (each proxy appends the address
/// it saw, so only the hops after the last trusted one could be forged).
pub fn client(peer: IpAddr, forwarded: &str, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |address: &IpAddr| trusted.iter().any(|net| net.contains(address));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut nearest = peer;
    for hop in forwarded.rsplit(',').map(str::trim).filter(|hop| !hop.is_empty()) {
        let Ok(address) = hop.parse::<IpAddr>() else { return nearest };
        if !is_trusted(&address) {
            return address;
        }
        nearest = address;
    }
    nearest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        assert_eq!(client(ip("203.0.113.9"), "198.51.100.1", &trusted), ip("203.0.113.9"), "a client cannot forge it");
        assert_eq!(client(ip("10.0.0.2"), "198.51.100.1", &trusted), ip("198.51.100.1"));
        assert_eq!(client(ip("10.0.0.2"), "6.6.6.6, 198.51.100.1, 10.0.0.3", &trusted), ip("198.51.100.1"), "past trusted hops only");
        assert_eq!(client(ip("10.0.0.2"), "", &trusted), ip("10.0.0.2"), "nothing forwarded");
        assert_eq!(client(ip("10.0.0.2"), "garbage, 10.0.0.3", &trusted), ip("10.0.0.3"), "an unreadable hop stops the walk");
        assert_eq!(client(ip("10.0.0.2"), "198.51.100.1", &[]), ip("10.0.0.2"), "no proxy is trusted by default");
    }
}
