//! Who is on the other end of a request: the client's IP address and user agent, for rate
//! limits, sessions and the audit log.
//!
//! The IP is the TCP peer's, unless the peer is a configured trusted proxy: then
//! `X-Forwarded-For` is read from the right, skipping trusted proxies, and the first address
//! that is not one is the client. A client cannot spoof its address by sending the header
//! itself: from an untrusted peer it is ignored, and through a trusted proxy only the entries
//! the proxies appended are believed.

use std::net::IpAddr;

use axum::http::HeaderMap;
use axum::http::header::USER_AGENT;
use ipnet::IpNet;

/// Longest user agent kept, in characters.
const MAX_USER_AGENT_CHARS: usize = 256;

/// The caller of a request, as far as the network tells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientInfo {
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
}

impl ClientInfo {
    /// The client of a request from `peer` with these headers, trusting `proxies`.
    pub fn from_request(peer: Option<IpAddr>, headers: &HeaderMap, proxies: &[IpNet]) -> Self {
        let user_agent = headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(MAX_USER_AGENT_CHARS).collect::<String>())
            .filter(|ua| !ua.trim().is_empty());
        Self {
            ip: peer.map(|peer| client_ip(peer, headers, proxies)),
            user_agent,
        }
    }

    /// The IP as text, for storage.
    pub fn ip_text(&self) -> Option<String> {
        self.ip.map(|ip| ip.to_canonical().to_string())
    }
}

fn client_ip(peer: IpAddr, headers: &HeaderMap, proxies: &[IpNet]) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted(peer, proxies) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let mut client = peer;
    for entry in forwarded.iter().rev() {
        let Ok(ip) = entry.parse::<IpAddr>() else {
            // An unparsable hop: nothing left of it can be believed.
            return client;
        };
        let ip = ip.to_canonical();
        client = ip;
        if !trusted(ip, proxies) {
            break;
        }
    }
    client
}

/// Is `ip` (canonical) inside one of the trusted blocks? CIDR parsing and matching are
/// `ipnet`'s; the blocks come parsed from `TRUSTED_PROXIES` (`config::parse_ip_block`).
fn trusted(ip: IpAddr, proxies: &[IpNet]) -> bool {
    proxies.iter().any(|block| block.contains(&ip))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(xff: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_str(xff).unwrap());
        headers
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn block(s: &str) -> IpNet {
        crate::config::parse_ip_block(s).unwrap()
    }

    #[test]
    fn forwarded_for_from_an_untrusted_peer_is_ignored() {
        let client = client_ip(ip("203.0.113.9"), &headers("1.2.3.4"), &[]);
        assert_eq!(client, ip("203.0.113.9"));
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_spoofed_hops_are_skipped() {
        let proxies = [block("10.0.0.0/8")];
        // The client sent "6.6.6.6" itself; the proxy appended the real address.
        let client = client_ip(ip("10.0.0.2"), &headers("6.6.6.6, 198.51.100.7"), &proxies);
        assert_eq!(client, ip("198.51.100.7"));
        let chained = client_ip(ip("10.0.0.2"), &headers("198.51.100.7, 10.0.0.5"), &proxies);
        assert_eq!(chained, ip("198.51.100.7"));
    }

    #[test]
    fn ipv4_mapped_peers_count_as_ipv4() {
        let proxies = [block("127.0.0.1")];
        let client = client_ip(ip("::ffff:127.0.0.1"), &headers("198.51.100.7"), &proxies);
        assert_eq!(client, ip("198.51.100.7"));
    }
}
