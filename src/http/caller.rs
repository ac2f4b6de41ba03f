//! The [`Caller`] extractor: who made a request. The client (IP through the trusted
//! proxies, user agent) comes from the connection and headers; the viewer from
//! `Authorization: Bearer <access token>`, admitted by the [`AuthGate`]. No header means an
//! anonymous caller; a header that is present but unusable is HTTP 401 before any handler
//! runs.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::errors::graphql_error_response;
use crate::auth::gate::Refusal;
use crate::auth::{AuthGate, Caller, ClientInfo};
use crate::error::UNAVAILABLE_MESSAGE;
use crate::graphql::errors::code;

/// A request whose `Authorization` header is present but unusable: HTTP 401 with
/// `WWW-Authenticate` and a GraphQL-shaped body, so clients log out on it (or refresh).
#[derive(Debug)]
pub enum Rejection {
    Token {
        error: &'static str,
        message: &'static str,
    },
    /// The database could not be asked whether the token still holds.
    Unavailable,
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let Self::Token { error, message } = self else {
            let status = StatusCode::SERVICE_UNAVAILABLE;
            return graphql_error_response(status, code::UNAVAILABLE, UNAVAILABLE_MESSAGE);
        };
        let mut response =
            graphql_error_response(StatusCode::UNAUTHORIZED, code::UNAUTHENTICATED, message);
        let challenge = format!("Bearer error=\"{error}\"");
        if let Ok(value) = HeaderValue::from_str(&challenge) {
            response.headers_mut().insert(WWW_AUTHENTICATE, value);
        }
        response
    }
}

impl<S> FromRequestParts<S> for Caller
where
    Arc<AuthGate>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let gate = Arc::<AuthGate>::from_ref(state);
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        let proxies = gate.trusted_proxies();
        if proxies.is_empty() && parts.headers.contains_key("x-forwarded-for") {
            warn_once_about_forwarded_for();
        }
        let client = Arc::new(ClientInfo::from_request(peer, &parts.headers, proxies));
        let Some(header) = parts.headers.get(AUTHORIZATION) else {
            return Ok(Self {
                viewer: None,
                client,
            });
        };
        let token = bearer_token(header).ok_or(Rejection::Token {
            error: "invalid_request",
            message: "The Authorization header must be `Bearer <access token>`",
        })?;
        match gate.admit(token, client.clone()).await {
            Ok(viewer) => Ok(Self {
                viewer: Some(viewer),
                client,
            }),
            Err(Refusal::Invalid) => Err(Rejection::Token {
                error: "invalid_token",
                message: "The access token is invalid, expired or revoked",
            }),
            Err(Refusal::Unavailable) => Err(Rejection::Unavailable),
        }
    }
}

/// A request came with `X-Forwarded-For` while no proxy is trusted: say once per process
/// that it is ignored (a client may send it to spoof its address; a real proxy needs
/// `TRUSTED_PROXIES`, or every client has the proxy's address).
fn warn_once_about_forwarded_for() {
    static WARNED: AtomicBool = AtomicBool::new(false);
    if !WARNED.swap(true, Ordering::Relaxed) {
        tracing::warn!(
            "a request carried X-Forwarded-For, which is ignored because TRUSTED_PROXIES is \
             empty; if Tally runs behind a proxy, list it there, or rate limits and the audit \
             log see the proxy's address for every client"
        );
    }
}

fn bearer_token(header: &HeaderValue) -> Option<&str> {
    let value = header.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bearer_scheme_yields_a_token() {
        let get = |s: &str| bearer_token(&HeaderValue::from_str(s).unwrap()).map(str::to_owned);
        assert_eq!(get("Bearer abc.def.ghi").as_deref(), Some("abc.def.ghi"));
        assert_eq!(get("bearer  abc").as_deref(), Some("abc"));
        assert_eq!(get("Basic dXNlcjpwYXNz"), None);
        assert_eq!(get("Bearer "), None);
        assert_eq!(get("Bearer"), None);
    }
}
