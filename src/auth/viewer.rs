//! The [`Viewer`]: the authenticated user a request acts for, and the axum extractor that
//! produces it from `Authorization: Bearer <access token>`.
//!
//! A `Viewer` can only be made here, from a verified token, so holding one is proof of
//! authentication; every service function that touches user data takes `&Viewer` first.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::TokenKeys;
use crate::error::{code, graphql_error_response};

/// The authenticated user a request acts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Viewer {
    user_id: Uuid,
}

impl Viewer {
    /// Only code in `auth` may vouch for a user id.
    pub(super) fn verified(user_id: Uuid) -> Self {
        Self { user_id }
    }

    /// The viewer's user id, for building scoped queries.
    pub fn user_id(&self) -> Uuid {
        self.user_id
    }
}

/// The viewer of a request, if it carried a valid token; `None` when it carried none.
#[derive(Debug, Clone, Copy)]
pub struct MaybeViewer(pub Option<Viewer>);

/// A request whose `Authorization` header is present but unusable: HTTP 401 with
/// `WWW-Authenticate` and a GraphQL-shaped body, so clients log out on it.
#[derive(Debug)]
pub struct InvalidToken {
    error: &'static str,
    message: &'static str,
}

impl IntoResponse for InvalidToken {
    fn into_response(self) -> Response {
        let mut response = graphql_error_response(
            StatusCode::UNAUTHORIZED,
            code::UNAUTHENTICATED,
            self.message,
        );
        let challenge = format!("Bearer error=\"{}\"", self.error);
        if let Ok(value) = HeaderValue::from_str(&challenge) {
            response.headers_mut().insert(WWW_AUTHENTICATE, value);
        }
        response
    }
}

impl<S> FromRequestParts<S> for MaybeViewer
where
    Arc<TokenKeys>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = InvalidToken;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Some(header) = parts.headers.get(AUTHORIZATION) else {
            return Ok(Self(None));
        };
        let token = bearer_token(header).ok_or(InvalidToken {
            error: "invalid_request",
            message: "The Authorization header must be `Bearer <access token>`",
        })?;
        let keys = Arc::<TokenKeys>::from_ref(state);
        match keys.verify(token) {
            Ok(user_id) => Ok(Self(Some(Viewer::verified(user_id)))),
            Err(reason) => {
                tracing::debug!(%reason, "rejected access token");
                Err(InvalidToken {
                    error: "invalid_token",
                    message: "The access token is invalid or has expired",
                })
            }
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
}
