//! Refreshing a session: every refresh token is used once and replaced (rotation).
//!
//! The presented token is marked superseded by a conditional `UPDATE … WHERE token_hash = ?
//! AND superseded_at IS NULL`, the transaction's first statement: on PostgreSQL it row-locks
//! the token, on SQLite it makes the transaction a writer at once, so of two refreshes racing
//! with the same token exactly one wins it. A token superseded less than `reuse_grace` ago
//! (the loser of that race, or a second tab) gets a sibling token for the same session,
//! leaving the winner's alone. Later, a superseded token is a replay — perhaps of a stolen
//! token — and revokes the whole session (GoTrue, Auth0 and OAuth 2.1 do the same); that
//! revocation is committed even though the request is refused.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::revoke::{EndReason, end_session};
use super::{Grant, RefreshToken, SESSION_ENDED, SessionSettings, family, issue_refresh_token};
use crate::auth::ClientInfo;
use crate::error::AppResult;
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{refresh_token, session, user};
use crate::service::user_record::{User, to_user};
use crate::service::{Store, Txn};

/// What a refresh came to.
#[derive(Debug)]
pub enum Refreshed {
    /// The session goes on: a new refresh token, for an access token carrying the user's
    /// current token version.
    Granted(User, Grant),
    /// A superseded token was replayed after the grace window: the session of `user_id` is
    /// now revoked. The client must be refused (and told nothing more).
    ReuseDetected { user_id: Uuid },
}

/// Exchange `presented` for a new refresh token, in one transaction with its audit event.
/// Every refusal is [`SESSION_ENDED`].
#[tracing::instrument(skip_all)]
pub async fn refresh(
    store: &Store,
    presented: &RefreshToken,
    client: &ClientInfo,
    settings: &SessionSettings,
) -> AppResult<Refreshed> {
    let now = Utc::now();
    let txn = store.begin().await?;
    let won = supersede(&txn, presented, now).await?;
    let Some((token, session, user)) = family(&txn, presented).await? else {
        return Err(SESSION_ENDED);
    };
    if !settings.is_live(&session, &user, now) {
        return Err(SESSION_ENDED);
    }
    if !won {
        let superseded_at = token.superseded_at.unwrap_or(now);
        if now > superseded_at + settings.reuse_grace {
            detect_reuse(txn, &session, client, now).await?;
            return Ok(Refreshed::ReuseDetected { user_id: user.id });
        }
    }
    let grant = continue_session(&txn, &session, &user, (client, settings), now).await?;
    txn.commit().await?;
    Ok(Refreshed::Granted(to_user(user)?, grant))
}

/// Mark `token` superseded if it is still current; `true` if this call did it.
async fn supersede(
    db: &DatabaseTransaction,
    token: &RefreshToken,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let updated = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::SupersededAt, Expr::value(Some(now)))
        .filter(refresh_token::Column::TokenHash.eq(token.digest()))
        .filter(refresh_token::Column::SupersededAt.is_null())
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// A new refresh token for the session, its last use now, and the audit event.
async fn continue_session(
    db: &impl ConnectionTrait,
    session: &session::Model,
    user: &user::Model,
    (client, settings): (&ClientInfo, &SessionSettings),
    now: DateTime<Utc>,
) -> AppResult<Grant> {
    let refresh_token = issue_refresh_token(db, session.id, now).await?;
    session::Entity::update_many()
        .col_expr(session::Column::LastUsedAt, Expr::value(now))
        .filter(session::Column::Id.eq(session.id))
        .exec(db)
        .await?;
    let event =
        Event::about(Some(user.id), Action::SessionRefreshed, client).entity("session", session.id);
    audit::record(db, event).await?;
    Ok(Grant {
        user_id: user.id,
        session_id: session.id,
        token_version: user.token_version,
        refresh_token,
        refresh_expires_at: (now + settings.idle).min(session.expires_at),
    })
}

/// Revoke the session of a replayed token and record it — committed, though the refresh
/// itself is refused.
async fn detect_reuse(
    txn: Txn,
    session: &session::Model,
    client: &ClientInfo,
    now: DateTime<Utc>,
) -> AppResult<()> {
    end_session(&txn, session.user_id, session.id, EndReason::Reuse, now).await?;
    let event = Event::about(Some(session.user_id), Action::RefreshReuseDetected, client)
        .entity("session", session.id)
        .reason("SUPERSEDED_TOKEN_REPLAYED");
    audit::record(&txn, event).await?;
    txn.commit().await?;
    tracing::warn!(session = %session.id, "refresh token reuse: session revoked");
    Ok(())
}
