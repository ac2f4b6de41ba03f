//! Cross-origin access from browsers: only the origins listed in `CORS_ALLOWED_ORIGINS`, each
//! exactly (`scheme://host[:port]`), may call the API from a page on another origin, with
//! credentials (the `Authorization` header), `GET` and `POST`, and the headers `Content-Type`
//! and `Authorization`. An empty list (the default) allows no other origin. `*` is refused
//! at start-up: with credentials it would let any website act for a signed-in user.

use std::time::Duration;

use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderValue, Method};
use tower_http::cors::{AllowCredentials, AllowOrigin, CorsLayer};

/// How long a browser may cache a preflight answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// A configured origin that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OriginError {
    #[error(
        "CORS_ALLOWED_ORIGINS may not contain `*`: the API allows credentials, so every \
         origin must be listed exactly (e.g. https://app.example.com)"
    )]
    Wildcard,
    #[error(
        "CORS_ALLOWED_ORIGINS entry {0:?} is not an origin: write it as scheme://host[:port] \
         (http or https, no path, no trailing slash)"
    )]
    Invalid(String),
}

/// The validated allow-list of origins.
#[derive(Debug, Clone, Default)]
pub struct Cors {
    origins: Vec<HeaderValue>,
}

impl Cors {
    /// Check each configured origin (blank entries are skipped; scheme and host are compared
    /// in lower case, as browsers send them).
    pub fn from_config(entries: &[String]) -> Result<Self, OriginError> {
        let origins = entries
            .iter()
            .map(|entry| entry.trim())
            .filter(|entry| !entry.is_empty())
            .map(origin)
            .collect::<Result<_, _>>()?;
        Ok(Self { origins })
    }

    /// Is `origin` one of the allowed origins (compared as browsers send it)?
    pub fn allows(&self, origin: &HeaderValue) -> bool {
        let lower = origin
            .to_str()
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        self.origins.iter().any(|allowed| allowed == lower.as_str())
    }

    /// The layer answering preflights and marking allowed responses.
    pub fn layer(&self) -> CorsLayer {
        let allowed = self.origins.clone();
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(self.origins.clone()))
            .allow_credentials(AllowCredentials::predicate(move |origin, _| {
                allowed.contains(origin)
            }))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([CONTENT_TYPE, AUTHORIZATION])
            .max_age(PREFLIGHT_MAX_AGE)
    }
}

/// One origin as browsers serialise it in the `Origin` header.
fn origin(entry: &str) -> Result<HeaderValue, OriginError> {
    if entry == "*" {
        return Err(OriginError::Wildcard);
    }
    let invalid = || OriginError::Invalid(entry.to_owned());
    let lower = entry.to_ascii_lowercase();
    let (scheme, authority) = lower.split_once("://").ok_or_else(invalid)?;
    if !matches!(scheme, "http" | "https") || !is_host_and_port(authority) {
        return Err(invalid());
    }
    HeaderValue::from_str(&lower).map_err(|_| invalid())
}

/// `host`, `host:port`, `[ipv6]` or `[ipv6]:port`, and nothing else (no user, path, query).
fn is_host_and_port(authority: &str) -> bool {
    let (host, port) = match authority.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((ip, port)) => {
                let ip_ok =
                    !ip.is_empty() && ip.bytes().all(|b| b.is_ascii_hexdigit() || b == b':');
                (if ip_ok { "ipv6" } else { "" }, port)
            }
            None => return false,
        },
        None => match authority.find(':') {
            Some(colon) => authority.split_at(colon),
            None => (authority, ""),
        },
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    let port_ok = port.is_empty()
        || port.strip_prefix(':').is_some_and(|p| {
            !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())
        });
    host_ok && port_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_origins_are_accepted_in_lower_case() {
        let cors = Cors::from_config(&[
            "https://App.Example.com".into(),
            " http://localhost:5173 ".into(),
            String::new(),
            "http://[::1]:8080".into(),
        ])
        .unwrap();
        assert_eq!(
            cors.origins,
            [
                "https://app.example.com",
                "http://localhost:5173",
                "http://[::1]:8080"
            ]
        );
    }

    #[test]
    fn a_wildcard_is_refused_with_a_clear_reason() {
        let err = Cors::from_config(&["https://a.example".into(), "*".into()]).unwrap_err();
        assert!(matches!(err, OriginError::Wildcard));
        assert!(
            err.to_string()
                .contains("CORS_ALLOWED_ORIGINS may not contain `*`")
        );
    }

    #[test]
    fn anything_but_scheme_host_and_port_is_refused() {
        for entry in [
            "null",
            "example.com",
            "https://",
            "https://example.com/",
            "https://example.com/app",
            "https://user@example.com",
            "ftp://example.com",
            "https://*.example.com",
            "https://example.com:",
            "https://example.com?x=1",
            "https://[::1",
            "https://[]:80",
            "https://example.com:80:80",
        ] {
            let err = Cors::from_config(&[entry.to_owned()]);
            assert!(
                matches!(err, Err(OriginError::Invalid(_))),
                "{entry}: {err:?}"
            );
        }
    }
}
