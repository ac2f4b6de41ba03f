//! The [`AuthGate`]: turns a bearer token into a [`Viewer`], or refuses it.
//!
//! A signature is not enough: the token's session must not be revoked or expired, the user
//! must not be disabled, and the token must carry the user's current token version (bumped
//! by logout everywhere, a password or role change, disabling). That state lives in the
//! database, so it holds on every instance; each instance may reuse what it read for at most
//! `AUTH_STATE_CACHE_MS` — the documented bound on how long a revoked token keeps working.
//! Revocations made by this instance drop the cached entries at once.
//!
//! The gate does not read the database itself: it asks a [`SessionStates`], a narrow trait
//! that the service layer implements (`service::sessions::GateStates`) and the application
//! hands in. So `auth` stays below `service` — the service depends on this trait, never the
//! other way round.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ipnet::IpNet;
use uuid::Uuid;

use super::client::ClientInfo;
use super::token::{AccessClaims, TokenKeys};
use super::viewer::{Role, Viewer};
use crate::error::AppResult;

/// Most sessions remembered; past it the cache starts over (it is only a cache).
const MAX_CACHED: usize = 100_000;

/// What decides whether an access token of a session is still honoured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessState {
    pub user_id: Uuid,
    pub token_version: i64,
    pub role: Role,
    pub disabled: bool,
    /// Not revoked, not past its absolute or idle end.
    pub session_live: bool,
}

/// A boxed future, so [`SessionStates`] can be used as a trait object.
pub type StateFuture<'a> =
    Pin<Box<dyn Future<Output = AppResult<Option<AccessState>>> + Send + 'a>>;

/// Where the gate reads the live state of a session and its user (one query; the service
/// layer implements it).
pub trait SessionStates: Send + Sync {
    /// The state behind an access token of `session_id` for `user_id`; `None` if there is no
    /// such session (or user).
    fn access_state(&self, user_id: Uuid, session_id: Uuid) -> StateFuture<'_>;
}

/// Why a token was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Bad, expired or revoked: a 401.
    Invalid,
    /// The database could not be asked.
    Unavailable,
}

/// Verifies access tokens against their keys and the live state of user and session.
pub struct AuthGate {
    keys: Arc<TokenKeys>,
    states: Arc<dyn SessionStates>,
    cache_for: Duration,
    cache: Mutex<HashMap<Uuid, (Instant, AccessState)>>,
    trusted_proxies: Vec<IpNet>,
}

impl AuthGate {
    /// A gate over `keys` that reads session state from `states`, caching it for
    /// `cache_for` (zero: never).
    pub fn new(
        keys: Arc<TokenKeys>,
        states: Arc<dyn SessionStates>,
        cache_for: Duration,
        trusted_proxies: Vec<IpNet>,
    ) -> Self {
        Self {
            keys,
            states,
            cache_for,
            cache: Mutex::new(HashMap::new()),
            trusted_proxies,
        }
    }

    /// The proxies whose `X-Forwarded-For` is believed.
    pub fn trusted_proxies(&self) -> &[IpNet] {
        &self.trusted_proxies
    }

    /// The viewer `token` stands for, if it is valid and still honoured.
    pub async fn admit(&self, token: &str, client: Arc<ClientInfo>) -> Result<Viewer, Refusal> {
        self.admit_until(token, client)
            .await
            .map(|(viewer, _)| viewer)
    }

    /// Like [`AuthGate::admit`], with the token's expiry (Unix seconds), for connections that
    /// outlive a request.
    pub async fn admit_until(
        &self,
        token: &str,
        client: Arc<ClientInfo>,
    ) -> Result<(Viewer, i64), Refusal> {
        let (claims, expires) = self.keys.verify_until(token).map_err(|reason| {
            tracing::debug!(%reason, "rejected access token");
            Refusal::Invalid
        })?;
        let state = self.state(claims).await?;
        let honoured = state.session_live
            && !state.disabled
            && state.user_id == claims.user_id
            && state.token_version == claims.version;
        if !honoured {
            tracing::debug!("rejected a revoked access token");
            return Err(Refusal::Invalid);
        }
        let viewer = Viewer::verified(claims.user_id, claims.session_id, state.role, client);
        Ok((viewer, expires))
    }

    /// Forget what is cached about `user_id`'s sessions (after this instance revoked some).
    pub fn forget_user(&self, user_id: Uuid) {
        if let Ok(mut cache) = self.cache.lock() {
            cache.retain(|_, (_, state)| state.user_id != user_id);
        }
    }

    async fn state(&self, claims: AccessClaims) -> Result<AccessState, Refusal> {
        if let Some(state) = self.cached(claims.session_id) {
            return Ok(state);
        }
        let state = self
            .states
            .access_state(claims.user_id, claims.session_id)
            .await
            .map_err(|err| {
                tracing::error!(error = ?err, "reading session state failed");
                Refusal::Unavailable
            })?
            .ok_or(Refusal::Invalid)?;
        if !self.cache_for.is_zero()
            && let Ok(mut cache) = self.cache.lock()
        {
            if cache.len() >= MAX_CACHED {
                cache.clear();
            }
            cache.insert(claims.session_id, (Instant::now(), state.clone()));
        }
        Ok(state)
    }

    fn cached(&self, session_id: Uuid) -> Option<AccessState> {
        if self.cache_for.is_zero() {
            return None;
        }
        let cache = self.cache.lock().ok()?;
        let (at, state) = cache.get(&session_id)?;
        (at.elapsed() < self.cache_for).then(|| state.clone())
    }
}
