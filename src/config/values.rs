//! The value types of settings that need more than clap's parsers: a trusted-proxy block and
//! a secret that never shows in `Debug`.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use ipnet::IpNet;

/// An IP address or CIDR block (`10.0.0.0/8`, `::1`), as `TRUSTED_PROXIES` lists them; a
/// single address is the block of just itself. An IPv4-mapped IPv6 entry is its IPv4 block,
/// as client addresses are compared in their canonical form.
pub fn parse_ip_block(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    let block = match text.parse::<IpAddr>() {
        Ok(ip) => IpNet::from(ip.to_canonical()),
        Err(_) => text.parse::<IpNet>().map_err(|_| {
            format!("{text:?} is not an IP address or CIDR block (e.g. 10.0.0.0/8 or ::1)")
        })?,
    };
    Ok(match block {
        IpNet::V6(v6) if v6.prefix_len() >= 96 => match v6.addr().to_ipv4_mapped() {
            Some(v4) => ipnet::Ipv4Net::new(v4, v6.prefix_len() - 96)
                .map(IpNet::V4)
                .unwrap_or(block),
            None => block,
        },
        _ => block,
    })
}

/// A secret string (a signing key) whose `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The secret's bytes, for building keys.
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The secret as text (an OAuth client secret).
    pub fn expose_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_blocks_parse_and_match() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let block = parse_ip_block("10.0.0.0/8").unwrap();
        assert!(block.contains(&ip("10.1.2.3")));
        assert!(!block.contains(&ip("11.0.0.1")));
        let one = parse_ip_block(" ::1 ").unwrap();
        assert!(one.contains(&ip("::1")));
        let odd = parse_ip_block("192.168.0.0/23").unwrap();
        assert!(odd.contains(&ip("192.168.1.200")));
        assert!(!odd.contains(&ip("192.168.2.1")));
        let mapped = parse_ip_block("::ffff:127.0.0.1").unwrap();
        assert!(mapped.contains(&ip("127.0.0.1")));
        assert!(parse_ip_block("10.0.0.0/33").is_err());
        assert!(parse_ip_block("nonsense").is_err());
    }

    #[test]
    fn debug_never_prints_a_secret() {
        let secret: Secret = "hunter2-hunter2".parse().unwrap();
        assert!(!format!("{secret:?}").contains("hunter2"));
    }
}
