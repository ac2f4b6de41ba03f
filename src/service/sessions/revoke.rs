//! Ending sessions — logout (this session), logout everywhere, revoking one session — and
//! listing the live ones.
//!
//! A session ends by setting `revoked_at` (with a reason), never by deleting it, so the
//! audit log's references stay meaningful. Its refresh tokens then refuse to refresh and its
//! access tokens are refused by the auth gate within `AUTH_STATE_CACHE_MS` on every instance
//! (at once on the instance that ended it, once the caller drops the gate's cache). Each end
//! is written in one transaction with its audit event.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{RefreshToken, SessionSettings, family};
use crate::auth::{ClientInfo, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{session, user};
use crate::service::events::{self as live, EndReason as Ended};
use crate::service::{Store, owned};

/// Why a session ended, as stored in `sessions.revoked_reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    Logout,
    LogoutEverywhere,
    Revoked,
    /// A superseded refresh token was replayed after the grace window.
    Reuse,
    PasswordChanged,
}

impl EndReason {
    fn as_str(self) -> &'static str {
        match self {
            Self::Logout => "LOGOUT",
            Self::LogoutEverywhere => "LOGOUT_EVERYWHERE",
            Self::Revoked => "REVOKED",
            Self::Reuse => "REUSE",
            Self::PasswordChanged => "PASSWORD_CHANGED",
        }
    }
}

/// A live session as its user may see it.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    /// When it ends unless refreshed before (idle or absolute end, the sooner).
    pub expires_at: DateTime<Utc>,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    /// Is it the session of the request's access token?
    pub current: bool,
}

/// End `user_id`'s session `session_id` if it is not already; `true` if this call did.
pub(super) async fn end_session(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    session_id: Uuid,
    reason: EndReason,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let ended = end_where(reason, now)
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::Id.eq(session_id))
        .exec(db)
        .await?;
    Ok(ended.rows_affected == 1)
}

/// End every session of `user_id` but `except`; how many ended.
pub(in crate::service) async fn end_other_sessions(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    except: Option<Uuid>,
    reason: EndReason,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let mut update = end_where(reason, now).filter(session::Column::UserId.eq(user_id));
    if let Some(except) = except {
        update = update.filter(session::Column::Id.ne(except));
    }
    Ok(update.exec(db).await?.rows_affected)
}

fn end_where(reason: EndReason, now: DateTime<Utc>) -> sea_orm::UpdateMany<session::Entity> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(
            session::Column::RevokedReason,
            Expr::value(Some(reason.as_str())),
        )
        .filter(session::Column::RevokedAt.is_null())
}

/// Bump the user's token version (every access token issued before dies at the gate).
pub(in crate::service) async fn bump_token_version(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(
            user::Column::TokenVersion,
            Expr::col(user::Column::TokenVersion).add(1),
        )
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// End the viewer's own session (the one of its access token); `false` if it had already
/// ended.
#[tracing::instrument(skip_all)]
pub async fn logout(store: &Store, viewer: &Viewer) -> AppResult<bool> {
    let txn = store.begin().await?;
    let now = Utc::now();
    let (user_id, session_id) = (viewer.user_id(), viewer.session_id());
    let ended = end_session(&txn, user_id, session_id, EndReason::Logout, now).await?;
    if ended {
        let event = Event::by(viewer, Action::Logout).entity("session", session_id);
        audit::record(&txn, event).await?;
        txn.emit(live::Event::session_ended(
            user_id,
            Some(session_id),
            Ended::Revoked,
        ));
    }
    txn.commit().await?;
    Ok(ended)
}

/// End the session a refresh token belongs to (a logout without an access token); the
/// session's user if this call ended it, `None` for an unknown token or an ended session.
#[tracing::instrument(skip_all)]
pub async fn logout_with_refresh_token(
    store: &Store,
    token: &RefreshToken,
    client: &ClientInfo,
) -> AppResult<Option<Uuid>> {
    let txn = store.begin().await?;
    let Some((_, session, user)) = family(&txn, token).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    if !end_session(&txn, user.id, session.id, EndReason::Logout, now).await? {
        return Ok(None);
    }
    let event = Event::about(Some(user.id), Action::Logout, client).entity("session", session.id);
    audit::record(&txn, event).await?;
    txn.emit(live::Event::session_ended(
        user.id,
        Some(session.id),
        Ended::Revoked,
    ));
    txn.commit().await?;
    Ok(Some(user.id))
}

/// End every session of the viewer and bump the token version, so that every access token
/// issued so far dies too; how many sessions ended.
#[tracing::instrument(skip_all)]
pub async fn logout_everywhere(store: &Store, viewer: &Viewer) -> AppResult<u64> {
    let txn = store.begin().await?;
    let now = Utc::now();
    bump_token_version(&txn, viewer.user_id(), now).await?;
    let reason = EndReason::LogoutEverywhere;
    let ended = end_other_sessions(&txn, viewer.user_id(), None, reason, now).await?;
    audit::record(&txn, Event::by(viewer, Action::LogoutEverywhere)).await?;
    let everywhere = Ended::LoggedOutEverywhere;
    txn.emit(live::Event::session_ended(
        viewer.user_id(),
        None,
        everywhere,
    ));
    txn.commit().await?;
    Ok(ended)
}

/// End one of the viewer's sessions; `NOT_FOUND` for another user's, an unknown or an
/// already ended one.
#[tracing::instrument(skip_all)]
pub async fn revoke_session(store: &Store, viewer: &Viewer, session_id: Uuid) -> AppResult<()> {
    let txn = store.begin().await?;
    let now = Utc::now();
    let reason = EndReason::Revoked;
    if !end_session(&txn, viewer.user_id(), session_id, reason, now).await? {
        return Err(AppError::not_found("Session"));
    }
    let event = Event::by(viewer, Action::SessionRevoked).entity("session", session_id);
    audit::record(&txn, event).await?;
    let user_id = viewer.user_id();
    txn.emit(live::Event::session_ended(
        user_id,
        Some(session_id),
        Ended::Revoked,
    ));
    txn.commit().await?;
    Ok(())
}

/// The viewer's live sessions, most recently used first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(
    store: &Store,
    viewer: &Viewer,
    settings: &SessionSettings,
) -> AppResult<Vec<SessionInfo>> {
    let now = Utc::now();
    let rows = owned::<session::Entity>(viewer)
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(now))
        .filter(session::Column::LastUsedAt.gt(now - settings.idle))
        .order_by_desc(session::Column::LastUsedAt)
        .order_by_desc(session::Column::Id)
        .all(store.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| SessionInfo {
            expires_at: settings.ends_at(&row),
            current: row.id == viewer.session_id(),
            id: row.id,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            user_agent: row.user_agent,
            ip: row.ip,
        })
        .collect())
}
