//! Sessions: `refreshSession` (rotate the refresh token, get a new access token), `logout`,
//! `logoutEverywhere`, `sessions` and `revokeSession`. The refresh token travels in the
//! HttpOnly cookie ([`cookie`]) unless the client asks for it in the body.
//!
//! After every revocation this instance's auth gate forgets what it cached about the user,
//! so the ended sessions' access tokens are refused here at once (and on other instances
//! within `AUTH_STATE_CACHE_MS`).

use async_graphql::{Context, InputObject, Object, SimpleObject};

use super::context::{client, services, viewer};
use super::cookie;
use super::scalars::{DateTime, Uuid};
use super::users::{AuthPayload, hand_over};
use crate::error::AppError;
use crate::service::sessions::{self, RefreshToken, Refreshed, SESSION_ENDED, SessionInfo};

/// A live session: one login on one device, and its refreshes.
#[derive(SimpleObject)]
pub struct Session {
    pub id: Uuid,
    /// When the user logged in.
    pub created_at: DateTime,
    /// The last login or refresh.
    pub last_used_at: DateTime,
    /// When the session ends unless refreshed before (its idle or absolute end).
    pub expires_at: DateTime,
    /// The `User-Agent` of the login.
    pub user_agent: Option<String>,
    /// The client IP of the login.
    pub ip: Option<String>,
    /// Is this the session of the access token of this request?
    pub current: bool,
}

impl From<SessionInfo> for Session {
    fn from(info: SessionInfo) -> Self {
        Self {
            id: Uuid(info.id),
            created_at: DateTime(info.created_at),
            last_used_at: DateTime(info.last_used_at),
            expires_at: DateTime(info.expires_at),
            user_agent: info.user_agent,
            ip: info.ip,
            current: info.current,
        }
    }
}

/// Which refresh token to use, and where to put the next one.
#[derive(InputObject, Default)]
pub struct RefreshSessionInput {
    /// The refresh token; omitted, the `tally_refresh` cookie's is used.
    pub refresh_token: Option<String>,
    /// Return the new refresh token in the body (CLI, scripts) instead of the cookie. Only
    /// for a token sent in `refreshToken`: one that came in the cookie always goes back in
    /// the cookie, never into a body that scripts can read.
    #[graphql(default)]
    pub refresh_token_in_body: bool,
}

#[derive(Default)]
pub struct SessionQuery;

#[Object]
impl SessionQuery {
    /// The viewer's live sessions, most recently used first.
    async fn sessions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Session>> {
        let viewer = viewer(ctx)?;
        let services = services(ctx);
        let list = sessions::list(&services.store, viewer, &services.sessions).await?;
        Ok(list.into_iter().map(Session::from).collect())
    }
}

#[derive(Default)]
pub struct SessionMutation;

#[Object]
impl SessionMutation {
    /// Exchange a refresh token (from `input.refreshToken` or the cookie) for a new access
    /// token and a new refresh token; the old one is used up. Needs no access token.
    #[graphql(complexity = 1000)]
    async fn refresh_session(
        &self,
        ctx: &Context<'_>,
        input: Option<RefreshSessionInput>,
    ) -> async_graphql::Result<AuthPayload> {
        let input = input.unwrap_or_default();
        let from_cookie = input.refresh_token.is_none();
        let token = match input.refresh_token {
            Some(token) => Some(RefreshToken::presented(token)),
            None => cookie::read(ctx)?,
        };
        let refused = |ctx: &Context<'_>| {
            if from_cookie {
                cookie::clear(ctx);
            }
            SESSION_ENDED
        };
        let Some(token) = token else {
            return Err(refused(ctx).into());
        };
        let services = services(ctx);
        let refreshed =
            sessions::refresh(&services.store, &token, client(ctx)?, &services.sessions).await;
        // Cookie in, cookie out: a script that can send the HttpOnly cookie must not be able
        // to read the next refresh token out of the answer.
        let in_body = input.refresh_token_in_body && !from_cookie;
        match refreshed {
            Ok(Refreshed::Granted(user, grant)) => Ok(hand_over(ctx, user, &grant, in_body)?),
            Ok(Refreshed::ReuseDetected { user_id }) => {
                services.gate.forget_user(user_id);
                Err(refused(ctx).into())
            }
            Err(AppError::Unauthenticated(_)) => Err(refused(ctx).into()),
            Err(err) => Err(err.into()),
        }
    }

    /// End this session: the access token's, or — without one — the session of the given
    /// refresh token or cookie. Clears the cookie. `false` if there was no session to end.
    async fn logout(
        &self,
        ctx: &Context<'_>,
        refresh_token: Option<String>,
    ) -> async_graphql::Result<bool> {
        let services = services(ctx);
        cookie::clear(ctx);
        if let Ok(viewer) = viewer(ctx) {
            let ended = sessions::logout(&services.store, viewer).await?;
            services.gate.forget_user(viewer.user_id());
            return Ok(ended);
        }
        let token = match refresh_token {
            Some(token) => Some(RefreshToken::presented(token)),
            None => cookie::read(ctx)?,
        };
        let Some(token) = token else {
            return Ok(false);
        };
        let ended =
            sessions::logout_with_refresh_token(&services.store, &token, client(ctx)?).await?;
        if let Some(user_id) = ended {
            services.gate.forget_user(user_id);
        }
        Ok(ended.is_some())
    }

    /// End every session of the viewer, on every device, and every access token issued so
    /// far. Clears the cookie.
    async fn logout_everywhere(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let viewer = viewer(ctx)?;
        let services = services(ctx);
        sessions::logout_everywhere(&services.store, viewer).await?;
        services.gate.forget_user(viewer.user_id());
        cookie::clear(ctx);
        Ok(true)
    }

    /// End one of the viewer's sessions (e.g. a lost device's).
    async fn revoke_session(&self, ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<bool> {
        let viewer = viewer(ctx)?;
        let services = services(ctx);
        sessions::revoke_session(&services.store, viewer, id.0).await?;
        services.gate.forget_user(viewer.user_id());
        if id.0 == viewer.session_id() {
            cookie::clear(ctx);
        }
        Ok(true)
    }
}
