//! Signing in through an OpenID Connect provider: two browser navigations beside `/graphql`.
//!
//! - `GET /auth/oidc/<provider>/start`: a new attempt (state, nonce, PKCE verifier) kept in
//!   the database, the HttpOnly `tally_oidc` cookie binding it to this browser, and a
//!   redirect to the provider. Charged to the client's login rate limit.
//! - `GET /auth/oidc/<provider>/callback`: the attempt taken (once) by its `state` — which
//!   must hash to the browser's cookie —, the code exchanged and the ID token verified, then
//!   the sign-in (the refresh cookie, exactly as `login` sets it, and a redirect to `/`,
//!   where the dashboard calls `refreshSession`), or the link (back to Settings).
//!
//! Every failure redirects to the dashboard with a short code in the fragment —
//! `/login#oidcError=<code>` (`/settings#oidcError=<code>` for a link) — never a 500, a
//! token or the provider's message; a second factor due redirects to
//! `/login#twoFactorChallenge=<token>`.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, COOKIE, HOST, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;

use super::AppState;
use crate::auth::oidc::{Attempt, Provider};
use crate::auth::{Caller, ClientInfo};
use crate::graphql::Services;
use crate::graphql::cookie::{oidc_binding, oidc_binding_in, refresh_cookie, secure_for};
use crate::service::oidc::{self, Purpose, states};
use crate::service::users::SignIn;

/// `GET /auth/oidc/<provider>/start`.
pub async fn start(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    caller: Caller,
    headers: HeaderMap,
) -> Response {
    let services = state.api.services();
    let secure = secure(services, &headers);
    let Some(found) = services.oidc.get(&provider) else {
        return to_dashboard("/login#oidcError=unknown_provider", &[]);
    };
    if state.api.admit_sign_in(caller.client.ip).await.is_err() {
        return to_dashboard("/login#oidcError=rate_limited", &[]);
    }
    let attempt = Attempt::generate();
    let url = match services.oidc.authorize_url(found, &attempt).await {
        Ok(url) => url,
        Err(err) => return to_dashboard(&login_error(err.code()), &[]),
    };
    let now = Utc::now();
    if let Err(err) = oidc::begin(&services.store, &provider, &attempt, Purpose::Login, now).await {
        tracing::error!(error = ?err, "recording an OIDC attempt failed");
        return to_dashboard("/login#oidcError=server_error", &[]);
    }
    let binding = states::state_hash(&attempt.state);
    let cookie = oidc_binding(&binding, states::LIFETIME.num_seconds(), secure);
    redirect(&url, &[cookie])
}

/// The callback's query: a code and state, or the provider's error.
#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /auth/oidc/<provider>/callback`.
pub async fn callback(
    State(state): State<AppState>,
    Path(provider): Path<String>,
    Query(query): Query<CallbackQuery>,
    caller: Caller,
    headers: HeaderMap,
) -> Response {
    let services = state.api.services();
    let secure = secure(services, &headers);
    // The binding is single use whatever happens.
    let clear = oidc_binding("", 0, secure);
    let outcome = finish(services, &provider, query, &headers, &caller.client).await;
    match outcome {
        Ok(Done::SignedIn(cookie)) => to_dashboard("/", &[clear, cookie]),
        Ok(Done::Challenge(token)) => {
            to_dashboard(&format!("/login#twoFactorChallenge={token}"), &[clear])
        }
        Ok(Done::Linked) => to_dashboard(&format!("/settings#oidcLinked={provider}"), &[clear]),
        Err(Failure { code, linking }) => {
            let page = if linking { "/settings" } else { "/login" };
            to_dashboard(&format!("{page}#oidcError={code}"), &[clear])
        }
    }
}

enum Done {
    /// Signed in: the refresh cookie.
    SignedIn(String),
    Challenge(String),
    Linked,
}

struct Failure {
    code: &'static str,
    /// A link attempt (back to Settings).
    linking: bool,
}

impl Failure {
    fn login(code: &'static str) -> Self {
        Self {
            code,
            linking: false,
        }
    }
}

async fn finish(
    services: &Services,
    provider: &str,
    query: CallbackQuery,
    headers: &HeaderMap,
    client: &Arc<ClientInfo>,
) -> Result<Done, Failure> {
    let store = &services.store;
    let audit = |user, reason: &'static str, code: &'static str| async move {
        if let Err(err) = oidc::failures::record(store, provider, user, reason, client).await {
            tracing::error!(error = ?err, "recording a failed OIDC callback failed");
        }
        Failure {
            code,
            linking: user.is_some(),
        }
    };
    let Some(found) = services.oidc.get(provider) else {
        return Err(Failure::login("unknown_provider"));
    };
    let Some(state) = query.state.filter(|s| s.len() <= 256) else {
        return Err(audit(None, "OIDC_INVALID_STATE", "invalid_state").await);
    };
    if !bound_to_this_browser(headers, &state) {
        return Err(audit(None, "OIDC_INVALID_STATE", "invalid_state").await);
    }
    let pending = match oidc::take(store, provider, &state, Utc::now()).await {
        Ok(Some(pending)) => pending,
        Ok(None) => return Err(audit(None, "OIDC_INVALID_STATE", "invalid_state").await),
        Err(err) => return Err(server_error(&err)),
    };
    let linking = match pending.purpose {
        Purpose::Link(user) => Some(user),
        Purpose::Login => None,
    };
    if query.error.is_some() {
        return Err(audit(linking, "OIDC_PROVIDER_ERROR", "access_denied").await);
    }
    let Some(code) = query.code.filter(|c| !c.is_empty() && c.len() <= 2048) else {
        return Err(audit(linking, "OIDC_NO_CODE", "access_denied").await);
    };
    let identity = services
        .oidc
        .exchange(found, code, pending.pkce_verifier, &pending.nonce)
        .await;
    let identity = match identity {
        Ok(identity) => identity,
        Err(err) => return Err(audit(linking, err.reason(), err.code()).await),
    };
    match linking {
        Some(user) => link(services, user, found, &identity, client).await,
        None => sign_in(services, found, &identity, headers, client).await,
    }
}

async fn sign_in(
    services: &Services,
    found: &Provider,
    identity: &crate::auth::oidc::VerifiedIdentity,
    headers: &HeaderMap,
    client: &ClientInfo,
) -> Result<Done, Failure> {
    let name = &found.config.name;
    let signed_in = oidc::sign_in(&services.store, name, identity, client, &services.sessions)
        .await
        .map_err(|err| server_error(&err))?;
    match signed_in {
        Ok((_, SignIn::Session(grant))) => {
            let secure = secure(services, headers);
            let cookie = refresh_cookie(&grant.refresh_token, grant.refresh_expires_at, secure);
            Ok(Done::SignedIn(cookie))
        }
        Ok((_, SignIn::Challenge { token, .. })) => Ok(Done::Challenge(token)),
        Err(refusal) => Err(Failure::login(refusal.code())),
    }
}

async fn link(
    services: &Services,
    user: uuid::Uuid,
    found: &Provider,
    identity: &crate::auth::oidc::VerifiedIdentity,
    client: &ClientInfo,
) -> Result<Done, Failure> {
    let name = &found.config.name;
    match oidc::link(&services.store, user, name, identity, client).await {
        Ok(Ok(())) => Ok(Done::Linked),
        Ok(Err(refusal)) => Err(Failure {
            code: refusal.code(),
            linking: true,
        }),
        Err(err) => Err(Failure {
            linking: true,
            ..server_error(&err)
        }),
    }
}

fn server_error(err: &crate::error::AppError) -> Failure {
    tracing::error!(error = ?err, "an OIDC callback failed");
    Failure::login("server_error")
}

/// Does the browser's binding cookie hold this `state`'s hash? (Constant time: the cookie
/// is the browser's own, but nothing is lost by it.)
fn bound_to_this_browser(headers: &HeaderMap, state: &str) -> bool {
    use subtle::ConstantTimeEq;
    let cookie = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(oidc_binding_in);
    cookie.is_some_and(|c| bool::from(c.as_bytes().ct_eq(states::state_hash(state).as_bytes())))
}

fn secure(services: &Services, headers: &HeaderMap) -> bool {
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    secure_for(services.sessions.cookie_secure, host)
}

fn login_error(code: &str) -> String {
    format!("/login#oidcError={code}")
}

/// A redirect within the dashboard.
fn to_dashboard(path: &str, cookies: &[String]) -> Response {
    redirect(path, cookies)
}

/// `303 See Other` to `location`, with `cookies`, never cached.
fn redirect(location: &str, cookies: &[String]) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(location) {
        headers.insert(LOCATION, value);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            headers.append(SET_COOKIE, value);
        }
    }
    response
}
