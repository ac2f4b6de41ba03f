//! Administration: the user list ([`listing`]), role changes and disabling or enabling an
//! account ([`changes`]), for administrators only — and the operator's role change behind
//! `tally admin promote|demote`, which needs no viewer because it never comes from the API.
//!
//! Every function that acts for an API caller takes the `&Viewer` first and answers
//! `FORBIDDEN` unless it is an administrator: the GraphQL guard refuses first, this is the
//! second lock. Writes go further and re-read the caller's role inside their transaction,
//! so an administrator demoted on another instance cannot act during the auth-cache bound.
//! Nothing here reads accounts, transactions, budgets or any other finance data: an
//! administrator sees who the users are, never their money.

mod changes;
mod listing;

pub use changes::{OperatorChange, disable, enable, set_role, set_role_by_email};
pub use listing::{Page, count, cursor_of, list};

use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;
use uuid::Uuid;

use super::Store;
use super::entities::user;
use crate::auth::{Role, Viewer};
use crate::error::{AppError, AppResult};

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

/// `FORBIDDEN` unless the viewer is an administrator.
fn require_admin(viewer: &Viewer) -> AppResult<()> {
    match viewer.role() {
        Role::Admin => Ok(()),
        Role::User => Err(AppError::Forbidden(ADMINS_ONLY)),
    }
}

/// The user with this id, for an administrator; `NOT_FOUND` if there is none.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<AdminUser> {
    require_admin(viewer)?;
    let found = user::Entity::find_by_id(id).one(store.conn()).await?;
    found
        .map(AdminUser::from)
        .ok_or(AppError::not_found("user"))
}

/// The stored role of `user_id`, for the `role` field of the `User` type. A `User` object is
/// only ever the viewer's own record or the one a login or sign-up just returned, so this
/// tells nobody anything about another user. A user that no longer exists has no role
/// beyond `User`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn role_of(store: &Store, user_id: Uuid) -> AppResult<Role> {
    let found = user::Entity::find_by_id(user_id).one(store.conn()).await?;
    Ok(found.map_or(Role::User, |model| Role::from_stored(&model.role)))
}
