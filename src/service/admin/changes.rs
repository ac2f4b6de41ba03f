//! Role changes and disabling or enabling a user: each one database transaction with its
//! audit event.
//!
//! Changing a role or disabling bumps the user's token version, so every access token issued
//! before dies at the auth gate (within `AUTH_STATE_CACHE_MS` on other instances; the caller
//! drops this instance's cache); disabling also revokes every session, so no refresh token
//! of the user works either. There is always at least one active (enabled) administrator:
//! demoting or disabling the last one is refused, and so is disabling oneself.
//!
//! Concurrency: every change starts by write-locking the rows of all active administrators
//! (a no-op `UPDATE`: row locks on PostgreSQL, the write lock on SQLite), so two
//! administrators demoting each other at once are serialised and the second sees the first's
//! change — both the last-admin check and the actor's own role are read after the lock.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::{AdminUser, claims_admin, is_active_admin, require_admin};
use crate::auth::{ClientInfo, Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{session, user};
use crate::service::events::{self as live, EndReason as Ended};
use crate::service::{Store, Txn};

/// Why the last administrator cannot be demoted or disabled.
const LAST_ADMIN: &str =
    "At least one active administrator must remain; promote another user first";

/// Give `target` the role `role`. Setting the role a user already has changes nothing.
#[tracing::instrument(skip_all)]
pub async fn set_role(
    store: &Store,
    viewer: &Viewer,
    target: Uuid,
    role: Role,
) -> AppResult<AdminUser> {
    claims_admin(viewer)?;
    let txn = store.begin().await?;
    let model = lock_for_change(&txn, viewer, target).await?;
    if model.role == role.as_str() {
        return Ok(model.into());
    }
    if role != Role::Admin && is_active_admin(&model) {
        ensure_another_active_admin(&txn, target, "role").await?;
    }
    revoke_tokens(&txn, target, user::Column::Role, Expr::value(role.as_str())).await?;
    let reason = match role {
        Role::Admin => "TO_ADMIN",
        Role::User => "TO_USER",
    };
    let event = Event::by(viewer, Action::RoleChanged).on_user(target);
    audit::record(&txn, event.entity("user", target).reason(reason)).await?;
    finish(txn, target).await
}

/// Disable `target`: no login, no token, no session works until an administrator enables
/// the account again. Disabling a disabled user changes nothing.
#[tracing::instrument(skip_all)]
pub async fn disable(store: &Store, viewer: &Viewer, target: Uuid) -> AppResult<AdminUser> {
    claims_admin(viewer)?;
    if target == viewer.user_id() {
        return Err(AppError::bad_input(
            "userId",
            "You cannot disable your own account",
        ));
    }
    let txn = store.begin().await?;
    let model = lock_for_change(&txn, viewer, target).await?;
    if model.disabled_at.is_some() {
        return Ok(model.into());
    }
    if is_active_admin(&model) {
        ensure_another_active_admin(&txn, target, "userId").await?;
    }
    let now = Utc::now();
    revoke_tokens(
        &txn,
        target,
        user::Column::DisabledAt,
        Expr::value(Some(now)),
    )
    .await?;
    revoke_sessions(&txn, target, now).await?;
    let event = Event::by(viewer, Action::UserDisabled).on_user(target);
    audit::record(&txn, event.entity("user", target)).await?;
    txn.emit(live::Event::session_ended(
        target,
        None,
        Ended::UserDisabled,
    ));
    finish(txn, target).await
}

/// Enable a disabled `target` again: they may log in (their old tokens and sessions stay
/// dead). Enabling an enabled user changes nothing.
#[tracing::instrument(skip_all)]
pub async fn enable(store: &Store, viewer: &Viewer, target: Uuid) -> AppResult<AdminUser> {
    claims_admin(viewer)?;
    let txn = store.begin().await?;
    let model = lock_for_change(&txn, viewer, target).await?;
    if model.disabled_at.is_none() {
        return Ok(model.into());
    }
    user::Entity::update_many()
        .col_expr(user::Column::DisabledAt, Expr::value(None::<DateTime<Utc>>))
        .col_expr(user::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(target))
        .exec(&txn)
        .await?;
    let event = Event::by(viewer, Action::UserEnabled).on_user(target);
    audit::record(&txn, event.entity("user", target)).await?;
    finish(txn, target).await
}

/// What `tally admin promote|demote` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperatorChange {
    /// The role changed; the user's earlier access tokens no longer work.
    Changed(AdminUser),
    /// The user already had that role.
    Unchanged(AdminUser),
}

/// The operator's role change (`tally admin promote|demote <email>`): no viewer, because it
/// never comes from the API — it is how the first administrator is made. Audited with no
/// actor and the reason `CLI`. `NOT_FOUND` for an unknown email.
#[tracing::instrument(skip_all)]
pub async fn set_role_by_email(
    store: &Store,
    email: &str,
    role: Role,
) -> AppResult<OperatorChange> {
    let email = email.trim().to_lowercase();
    let txn = store.begin().await?;
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&txn)
        .await?;
    let model = found.ok_or(AppError::not_found("user"))?;
    if model.role == role.as_str() {
        return Ok(OperatorChange::Unchanged(model.into()));
    }
    let target = model.id;
    revoke_tokens(&txn, target, user::Column::Role, Expr::value(role.as_str())).await?;
    let operator = ClientInfo::default();
    let event = Event::about(None, Action::RoleChanged, &operator).on_user(target);
    audit::record(&txn, event.entity("user", target).reason("CLI")).await?;
    finish(txn, target).await.map(OperatorChange::Changed)
}

/// Lock the active administrators' rows, check that the viewer is still one of them (their
/// role as the database says now, not as the auth cache remembers), and read the target.
async fn lock_for_change(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    target: Uuid,
) -> AppResult<user::Model> {
    user::Entity::update_many()
        .col_expr(user::Column::UpdatedAt, Expr::col(user::Column::UpdatedAt))
        .filter(user::Column::Role.eq(Role::Admin.as_str()))
        .filter(user::Column::DisabledAt.is_null())
        .exec(txn)
        .await?;
    require_admin(txn, viewer).await?;
    let found = user::Entity::find_by_id(target).one(txn).await?;
    found.ok_or(AppError::not_found("user"))
}

/// `BAD_USER_INPUT` on `field` unless an active administrator other than `target` exists.
async fn ensure_another_active_admin(
    txn: &DatabaseTransaction,
    target: Uuid,
    field: &'static str,
) -> AppResult<()> {
    let other = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin.as_str()))
        .filter(user::Column::DisabledAt.is_null())
        .filter(user::Column::Id.ne(target))
        .one(txn)
        .await?;
    match other {
        Some(_) => Ok(()),
        None => Err(AppError::bad_input(field, LAST_ADMIN)),
    }
}

/// Set `column` of `target` to `value` and bump the token version, ending every access
/// token issued before.
async fn revoke_tokens(
    db: &impl ConnectionTrait,
    target: Uuid,
    column: user::Column,
    value: Expr,
) -> AppResult<()> {
    user::Entity::update_many()
        .col_expr(column, value)
        .col_expr(
            user::Column::TokenVersion,
            Expr::col(user::Column::TokenVersion).add(1),
        )
        .col_expr(user::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(target))
        .exec(db)
        .await?;
    Ok(())
}

/// Revoke every live session of `target` (and so every refresh token of it).
async fn revoke_sessions(
    db: &impl ConnectionTrait,
    target: Uuid,
    now: DateTime<Utc>,
) -> AppResult<()> {
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(session::Column::RevokedReason, Expr::value("DISABLED"))
        .filter(session::Column::UserId.eq(target))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Read the changed user back and commit.
async fn finish(txn: Txn, target: Uuid) -> AppResult<AdminUser> {
    let changed = user::Entity::find_by_id(target).one(&txn).await?;
    let changed = changed.ok_or(AppError::not_found("user"))?;
    txn.commit().await?;
    Ok(changed.into())
}
