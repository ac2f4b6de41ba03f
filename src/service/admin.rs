//! Administration: the user list ([`listing`]), role changes and disabling or enabling an
//! account ([`changes`]), for administrators only — and the operator's role change behind
//! `tally admin promote|demote`, which needs no viewer because it never comes from the API.
//!
//! Every function that acts for an API caller takes the `&Viewer` first and answers
//! `FORBIDDEN` unless it is an administrator: the GraphQL guard refuses first, this is the
//! second lock. Each one re-reads the caller's role in the database ([`require_admin`];
//! writes do it inside their transaction, after locking), so an administrator demoted or
//! disabled on another instance can neither read nor act during the auth-cache bound.
//! Reading another user's audit log is one call here ([`audit_log`]) that checks all of
//! that itself. Nothing here reads accounts, transactions, budgets or any other finance
//! data: an administrator sees who the users are, never their money.

mod changes;
mod listing;

pub use changes::{OperatorChange, disable, enable, set_role, set_role_by_email};
pub use listing::{Page, count, cursor_of, list};

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::entities::user;
use super::{Store, audit};
use crate::auth::{Role, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::page::PageSize;

/// A user as administrators see them: identity, role and account state — no finance data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminUser {
    pub id: Uuid,
    pub username: String,
    pub email: String,
    pub role: Role,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
    /// Consecutive failed logins since the last success.
    pub failed_logins: i32,
    /// Until when logins are refused after repeated failures, if that is still ahead.
    pub locked_until: Option<DateTime<Utc>>,
}

impl From<user::Model> for AdminUser {
    fn from(model: user::Model) -> Self {
        Self {
            id: model.id,
            role: Role::from_stored(&model.role),
            username: model.username,
            email: model.email,
            disabled_at: model.disabled_at,
            created_at: model.created_at,
            last_login_at: model.last_login_at,
            failed_logins: model.failed_logins,
            locked_until: model.locked_until.filter(|until| *until > Utc::now()),
        }
    }
}

/// The message of every refusal of a non-administrator.
pub const ADMINS_ONLY: &str = "Only administrators may do this";

/// `FORBIDDEN` unless the viewer's token says administrator: the cheap first check, before
/// any query or lock.
fn claims_admin(viewer: &Viewer) -> AppResult<()> {
    match viewer.role() {
        Role::Admin => Ok(()),
        Role::User => Err(AppError::Forbidden(ADMINS_ONLY)),
    }
}

/// `FORBIDDEN` unless the viewer is an active administrator as the database says now, not
/// as the auth cache remembers.
async fn require_admin(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<()> {
    claims_admin(viewer)?;
    let actor = user::Entity::find_by_id(viewer.user_id()).one(db).await?;
    if actor.as_ref().is_some_and(is_active_admin) {
        Ok(())
    } else {
        Err(AppError::Forbidden(ADMINS_ONLY))
    }
}

fn is_active_admin(model: &user::Model) -> bool {
    model.role == Role::Admin.as_str() && model.disabled_at.is_none()
}

/// The user with this id, for an administrator; `NOT_FOUND` if there is none.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<AdminUser> {
    require_admin(store.conn(), viewer).await?;
    let found = user::Entity::find_by_id(id).one(store.conn()).await?;
    found
        .map(AdminUser::from)
        .ok_or(AppError::not_found("user"))
}

/// Whether `id` has a second factor on, for an administrator (never the secret).
pub async fn has_two_factor(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<bool> {
    claims_admin(viewer)?;
    super::users::two_factor::is_enabled(store.conn(), id).await
}

/// A page of `target`'s audit log, for an administrator: at most `first` events (see
/// [`PageSize`]), newest first, after the `after` cursor; `NOT_FOUND` if there is no such
/// user (checked before `first`).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn audit_log(
    store: &Store,
    viewer: &Viewer,
    target: Uuid,
    first: Option<i32>,
    after: Option<&str>,
) -> AppResult<audit::Page> {
    let user = get(store, viewer, target).await?;
    audit::page_of(store, user.id, PageSize::new(first)?, after).await
}
