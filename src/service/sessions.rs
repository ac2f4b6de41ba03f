//! Sessions: one per login, holding a family of rotating refresh tokens.
//!
//! A refresh token is 256 random bits, handed out once and stored only as its SHA-256 (a
//! fast hash is right here: the token has full entropy, nothing to brute-force). What the
//! auth gate checks on every request — is the session live, is the user enabled, which token
//! version is current — is read here, by [`GateStates`], the gate's only way to the database.
//!
//! Refreshing (rotation, the grace window, reuse detection) lives in [`refresh`]; ending
//! sessions (logout, logout everywhere, revoking one) and listing them in [`revoke`].

mod refresh;
mod revoke;

pub use refresh::{Refreshed, refresh};
pub(super) use revoke::{EndReason, bump_token_version, end_other_sessions};
pub use revoke::{
    SessionInfo, list, logout, logout_everywhere, logout_with_refresh_token, revoke_session,
};

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::Store;
use super::entities::{refresh_token, session, user};
use crate::auth::gate::StateFuture;
use crate::auth::{AccessState, ClientInfo, Role, SessionStates};
use crate::config::CookieSecure;
use crate::error::{AppError, AppResult};

/// How long sessions last, and how their refresh cookie travels.
#[derive(Debug, Clone, Copy)]
pub struct SessionSettings {
    /// From login, however active the session is.
    pub absolute: chrono::Duration,
    /// Since the last refresh.
    pub idle: chrono::Duration,
    /// How long a superseded refresh token is still accepted.
    pub reuse_grace: chrono::Duration,
    /// When the refresh cookie is `Secure`.
    pub cookie_secure: CookieSecure,
}

impl SessionSettings {
    /// When a session last used at `last_used_at` ends if it is not refreshed: its idle end
    /// or its absolute end, whichever comes first.
    pub fn ends_at(&self, session: &session::Model) -> DateTime<Utc> {
        (session.last_used_at + self.idle).min(session.expires_at)
    }

    /// Is the session usable at `now`: not revoked, not past its end, its user enabled?
    fn is_live(&self, session: &session::Model, user: &user::Model, now: DateTime<Utc>) -> bool {
        session.revoked_at.is_none() && self.ends_at(session) > now && user.disabled_at.is_none()
    }
}

/// The auth gate's source of session state ([`SessionStates`]): one query per token on a
/// cache miss. Sessions unused for `idle` have ended even if an access token of them has not
/// yet expired (when tokens are configured to outlive them).
pub struct GateStates {
    store: Store,
    idle: chrono::Duration,
}

impl GateStates {
    /// The state of sessions in `store`, ending them after `idle` without a refresh.
    pub fn new(store: Store, idle: chrono::Duration) -> Self {
        Self { store, idle }
    }
}

impl SessionStates for GateStates {
    fn access_state(&self, user_id: Uuid, session_id: Uuid) -> StateFuture<'_> {
        Box::pin(access_state(&self.store, user_id, session_id, self.idle))
    }
}

/// The state behind an access token of `session_id` for `user_id`, in one query; `None` if
/// there is no such session (or user). Private: only the gate, through [`GateStates`], asks
/// about a session by raw ids.
async fn access_state(
    store: &Store,
    user_id: Uuid,
    session_id: Uuid,
    idle: chrono::Duration,
) -> AppResult<Option<AccessState>> {
    // Only the six columns the answer needs (not the user's password hash and profile): this
    // runs for every token the gate has not seen within AUTH_STATE_CACHE_MS.
    type Row = (
        i64,
        Option<DateTime<Utc>>,
        String,
        Option<DateTime<Utc>>,
        DateTime<Utc>,
        DateTime<Utc>,
    );
    let found: Option<Row> = session::Entity::find_by_id(session_id)
        .filter(session::Column::UserId.eq(user_id))
        .inner_join(user::Entity)
        .select_only()
        .column(user::Column::TokenVersion)
        .column(user::Column::DisabledAt)
        .column(user::Column::Role)
        .column(session::Column::RevokedAt)
        .column(session::Column::ExpiresAt)
        .column(session::Column::LastUsedAt)
        .into_tuple()
        // `all`, not `one`: a lookup by primary key finds at most one row, and `one` would
        // bind a `LIMIT $3` that makes PostgreSQL plan the statement on every execution.
        .all(store.conn())
        .await?
        .into_iter()
        .next();
    let Some((token_version, disabled_at, role, revoked_at, expires_at, last_used_at)) = found
    else {
        return Ok(None);
    };
    let now = Utc::now();
    Ok(Some(AccessState {
        user_id,
        token_version,
        disabled: disabled_at.is_some(),
        role: Role::from_stored(&role),
        session_live: revoked_at.is_none() && expires_at > now && last_used_at + idle > now,
    }))
}

/// An opaque refresh token. Its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct RefreshToken(String);

impl RefreshToken {
    /// 256 fresh random bits, base64url without padding (43 characters).
    fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// A token a client presented (not trusted to be one of ours).
    pub fn presented(token: String) -> Self {
        Self(token)
    }

    /// The token, to hand to its client (once).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What is stored: the lower-case hex SHA-256 of the token.
    pub(super) fn digest(&self) -> String {
        Sha256::digest(self.0.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefreshToken([redacted])")
    }
}

/// The one answer to every refresh that cannot go ahead: unknown token, ended or revoked
/// session, disabled user, replayed token.
pub const SESSION_ENDED: AppError =
    AppError::Unauthenticated("This session has ended; log in again");

/// A session just started or refreshed: what the client is handed.
#[derive(Debug, Clone)]
pub struct Grant {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub token_version: i64,
    pub refresh_token: RefreshToken,
    /// When the refresh token stops working if unused (idle or absolute end, the sooner).
    pub refresh_expires_at: DateTime<Utc>,
}

/// Start a session for `user` (a login or sign-up), inside the caller's transaction.
pub(super) async fn start(
    db: &impl ConnectionTrait,
    user: &user::Model,
    client: &ClientInfo,
    settings: &SessionSettings,
    now: DateTime<Utc>,
) -> AppResult<Grant> {
    let session_id = Uuid::now_v7();
    let expires_at = now + settings.absolute;
    session::Entity::insert(session::ActiveModel {
        id: Set(session_id),
        user_id: Set(user.id),
        created_at: Set(now),
        last_used_at: Set(now),
        expires_at: Set(expires_at),
        user_agent: Set(client.user_agent.clone()),
        ip: Set(client.ip_text()),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    let refresh_token = issue_refresh_token(db, session_id, now).await?;
    Ok(Grant {
        user_id: user.id,
        session_id,
        token_version: user.token_version,
        refresh_token,
        refresh_expires_at: (now + settings.idle).min(expires_at),
    })
}

/// A refresh token, its session and the session's user; `None` if the token is unknown.
async fn family(
    db: &impl ConnectionTrait,
    token: &RefreshToken,
) -> AppResult<Option<(refresh_token::Model, session::Model, user::Model)>> {
    let Some(row) = refresh_token::Entity::find_by_id(token.digest())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let found = session::Entity::find_by_id(row.session_id)
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    Ok(match found {
        Some((session, Some(user))) => Some((row, session, user)),
        _ => None,
    })
}

/// A new refresh token for `session_id`; only its digest is stored.
pub(super) async fn issue_refresh_token(
    db: &impl ConnectionTrait,
    session_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<RefreshToken> {
    let token = RefreshToken::generate();
    refresh_token::Entity::insert(refresh_token::ActiveModel {
        token_hash: Set(token.digest()),
        session_id: Set(session_id),
        created_at: Set(now),
        superseded_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_tokens_are_256_random_bits_and_stored_as_a_digest() {
        let a = RefreshToken::generate();
        let b = RefreshToken::generate();
        assert_ne!(a, b);
        assert_eq!(URL_SAFE_NO_PAD.decode(a.expose()).unwrap().len(), 32);
        assert_eq!(a.digest().len(), 64);
        assert!(!a.digest().contains(a.expose()));
        assert_eq!(format!("{a:?}"), "RefreshToken([redacted])");
    }
}
