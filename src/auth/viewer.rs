//! The [`Viewer`]: the authenticated user a request acts for, and the axum extractor
//! ([`Caller`]) that produces it from `Authorization: Bearer <access token>` through the
//! [`AuthGate`](super::AuthGate).
//!
//! A `Viewer` can only be made in `auth`, from a verified token whose session and token
//! version still hold, so holding one is proof of authentication; every service function
//! that touches user data takes `&Viewer` first.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::HeaderValue;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use uuid::Uuid;

use super::client::ClientInfo;
use super::gate::{AuthGate, Refusal};

/// What a user may do beyond their own data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    User,
    Admin,
}

impl Role {
    /// The role as stored in `users.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "USER",
            Self::Admin => "ADMIN",
        }
    }

    /// A stored role; anything unknown grants nothing beyond `User`.
    pub fn from_stored(stored: &str) -> Self {
        match stored {
            "ADMIN" => Self::Admin,
            _ => Self::User,
        }
    }
}

/// The authenticated user a request acts for, the session it acts in, and its client.
#[derive(Debug, Clone)]
pub struct Viewer {
    user_id: Uuid,
    session_id: Uuid,
    role: Role,
    client: Arc<ClientInfo>,
}

impl Viewer {
    /// Only code in `auth` may vouch for a user id.
    pub(super) fn verified(
        user_id: Uuid,
        session_id: Uuid,
        role: Role,
        client: Arc<ClientInfo>,
    ) -> Self {
        Self {
            user_id,
            session_id,
            role,
            client,
        }
    }

    /// The viewer's user id, for building scoped queries.
    pub fn user_id(&self) -> Uuid {
        self.user_id
    }

    /// The session the request's access token belongs to.
    pub fn session_id(&self) -> Uuid {
        self.session_id
    }

    /// The viewer's role, as the database said at most the auth-cache bound ago.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The client the request came from.
    pub fn client(&self) -> &ClientInfo {
        &self.client
    }
}

/// Who made a request: the viewer if it carried a valid token (`None` when it carried none)
/// and the client it came from.
#[derive(Debug, Clone)]
pub struct Caller {
    pub viewer: Option<Viewer>,
    pub client: Arc<ClientInfo>,
}

/// A request whose `Authorization` header is present but unusable: HTTP 401 with
/// `WWW-Authenticate` and a GraphQL-shaped body, so clients log out on it (or refresh) —
/// the response is built in `http::errors`.
#[derive(Debug)]
pub enum Rejection {
    Token {
        error: &'static str,
        message: &'static str,
    },
    /// The database could not be asked whether the token still holds.
    Unavailable,
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
        let client = Arc::new(ClientInfo::from_request(
            peer,
            &parts.headers,
            gate.trusted_proxies(),
        ));
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

    #[test]
    fn unknown_stored_roles_grant_nothing() {
        assert_eq!(Role::from_stored("ADMIN"), Role::Admin);
        assert_eq!(Role::from_stored("USER"), Role::User);
        assert_eq!(Role::from_stored("admin"), Role::User);
        assert_eq!(Role::from_stored("ROOT"), Role::User);
    }
}
