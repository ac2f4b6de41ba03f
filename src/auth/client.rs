//! Who is on the other end of a request: the client's IP address and user agent, for rate
//! limits, sessions and the audit log.
//!
//! The IP is the TCP peer's, unless the peer is a configured trusted proxy: then
//! `X-Forwarded-For` is read from the right, skipping trusted proxies, and the first address
//! that is not one is the client. A client cannot spoof its address by sending the header
//! itself: from an untrusted peer it is ignored, and through a trusted proxy only the entries
//! the proxies appended are believed.

use std::net::IpAddr;
use std::str::FromStr;

use axum::http::HeaderMap;
use axum::http::header::USER_AGENT;

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
    pub fn from_request(peer: Option<IpAddr>, headers: &HeaderMap, proxies: &[IpBlock]) -> Self {
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

fn client_ip(peer: IpAddr, headers: &HeaderMap, proxies: &[IpBlock]) -> IpAddr {
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

fn trusted(ip: IpAddr, proxies: &[IpBlock]) -> bool {
    proxies.iter().any(|block| block.contains(ip))
}

/// An IP address or CIDR block (`10.0.0.0/8`, `::1`), as `TRUSTED_PROXIES` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpBlock {
    network: IpAddr,
    prefix: u8,
}

impl IpBlock {
    /// Is `ip` inside this block?
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                same_prefix(&net.octets(), &ip.octets(), self.prefix)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                same_prefix(&net.octets(), &ip.octets(), self.prefix)
            }
            _ => false,
        }
    }
}

fn same_prefix(a: &[u8], b: &[u8], prefix: u8) -> bool {
    let bits = usize::from(prefix);
    let (whole, rest) = (bits / 8, bits % 8);
    if a[..whole] != b[..whole] {
        return false;
    }
    if rest == 0 {
        return true;
    }
    let mask = 0xffu8 << (8 - rest);
    (a[whole] & mask) == (b[whole] & mask)
}

impl FromStr for IpBlock {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let (ip, prefix) = match s.split_once('/') {
            Some((ip, prefix)) => (ip, Some(prefix)),
            None => (s, None),
        };
        let network = ip
            .parse::<IpAddr>()
            .map_err(|_| format!("{s:?} is not an IP address or CIDR block"))?
            .to_canonical();
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s:?} has an invalid prefix length"))?,
        };
        Ok(Self { network, prefix })
    }
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

    #[test]
    fn blocks_parse_and_match() {
        let block: IpBlock = "10.0.0.0/8".parse().unwrap();
        assert!(block.contains(ip("10.1.2.3")));
        assert!(!block.contains(ip("11.0.0.1")));
        let one: IpBlock = "::1".parse().unwrap();
        assert!(one.contains(ip("::1")));
        let odd: IpBlock = "192.168.0.0/23".parse().unwrap();
        assert!(odd.contains(ip("192.168.1.200")));
        assert!(!odd.contains(ip("192.168.2.1")));
        assert!("10.0.0.0/33".parse::<IpBlock>().is_err());
        assert!("nonsense".parse::<IpBlock>().is_err());
    }

    #[test]
    fn forwarded_for_from_an_untrusted_peer_is_ignored() {
        let client = client_ip(ip("203.0.113.9"), &headers("1.2.3.4"), &[]);
        assert_eq!(client, ip("203.0.113.9"));
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_spoofed_hops_are_skipped() {
        let proxies = ["10.0.0.0/8".parse().unwrap()];
        // The client sent "6.6.6.6" itself; the proxy appended the real address.
        let client = client_ip(ip("10.0.0.2"), &headers("6.6.6.6, 198.51.100.7"), &proxies);
        assert_eq!(client, ip("198.51.100.7"));
        let chained = client_ip(ip("10.0.0.2"), &headers("198.51.100.7, 10.0.0.5"), &proxies);
        assert_eq!(chained, ip("198.51.100.7"));
    }

    #[test]
    fn ipv4_mapped_peers_count_as_ipv4() {
        let proxies = ["127.0.0.1".parse().unwrap()];
        let client = client_ip(ip("::ffff:127.0.0.1"), &headers("198.51.100.7"), &proxies);
        assert_eq!(client, ip("198.51.100.7"));
    }
}
