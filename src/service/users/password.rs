//! Changing one's password: proven by the current password through the one password check
//! ([`super::credentials`]) — a wrong one counts toward the account lock in the database and
//! is audited, and a locked account is answered like a wrong password — so a stolen access
//! token cannot be used to guess the password — and, when a second factor is on, by a code or
//! recovery code (`two_factor`), counted the same way. The new password must meet the policy
//! ([`crate::auth::policy`]).
//!
//! One transaction: the new hash, a bumped token version (every access token issued so far
//! dies at the gate), every *other* session ended, the audit event. The current session
//! goes on with its refresh token; the caller gets a new access token for it.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::credentials::LockoutPolicy;
use super::credentials::{self, Claimant};
use super::two_factor::{self, Proof};
use super::{User, to_user};
use crate::auth::policy::{self, Identity};
use crate::auth::sealing::Sealer;
use crate::auth::{PasswordHasher, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::Store;
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{session, user};
use crate::service::events::{self as live, EndReason as Ended};
use crate::service::sessions::{
    self, EndReason, SessionSettings, bump_token_version, end_other_sessions,
};

/// What a password change needs.
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
    /// A code (or recovery code) of the second factor: required when it is on.
    pub two_factor: Option<Proof>,
}

/// The viewer's session after a password change: same session and refresh token, a new
/// token version for its next access token.
#[derive(Debug, Clone)]
pub struct Continued {
    pub user: User,
    pub session_id: uuid::Uuid,
    pub token_version: i64,
    /// When the session's refresh token stops working if unused.
    pub refresh_expires_at: DateTime<Utc>,
}

const WRONG_CURRENT: &str = "The current password is not correct";

/// Change the viewer's password, ending their other sessions and older access tokens.
#[tracing::instrument(skip_all)]
pub async fn change_password(
    store: &Store,
    hasher: &PasswordHasher,
    viewer: &Viewer,
    change: PasswordChange,
    (settings, lockout, sealer): (&SessionSettings, &LockoutPolicy, &Sealer),
) -> AppResult<Continued> {
    let model = user::Entity::find_by_id(viewer.user_id())
        .one(store.conn())
        .await?
        .ok_or(AppError::Unauthenticated("This user no longer exists"))?;
    let identity = Identity {
        email: &model.email,
        username: &model.username,
    };
    let new_password =
        policy::new_password(change.new_password, "input.newPassword", identity).await?;
    let claimant = Claimant::Viewer(viewer);
    let current = change.current_password;
    let Some(verified) = credentials::check(store, hasher, claimant, current, lockout).await?
    else {
        return Err(AppError::bad_input("input.currentPassword", WRONG_CURRENT));
    };
    let (user, proof) = (&verified.user, change.two_factor);
    let txn = two_factor::for_password_change(verified.txn, user, viewer, proof, (sealer, lockout))
        .await?;
    // The success is recorded; the new hash is slow, so it is made outside any transaction.
    txn.commit().await?;
    let password_hash = hasher.hash(&new_password).await?;
    let now = Utc::now();
    store_change(store, viewer, password_hash, settings, now).await
}

/// The new hash, version and session ends, and the audit event, in one transaction.
async fn store_change(
    store: &Store,
    viewer: &Viewer,
    password_hash: String,
    settings: &SessionSettings,
    now: DateTime<Utc>,
) -> AppResult<Continued> {
    let txn = store.begin().await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
        .col_expr(user::Column::FailedLogins, Expr::value(0))
        .col_expr(
            user::Column::LockedUntil,
            Expr::value(None::<DateTime<Utc>>),
        )
        .filter(user::Column::Id.eq(viewer.user_id()))
        .exec(&txn)
        .await?;
    bump_token_version(&txn, viewer.user_id(), now).await?;
    let (user_id, session_id) = (viewer.user_id(), viewer.session_id());
    let reason = EndReason::PasswordChanged;
    end_other_sessions(&txn, user_id, Some(session_id), reason, now).await?;
    let model = user::Entity::find_by_id(user_id).one(&txn).await?;
    let current = session::Entity::find_by_id(session_id).one(&txn).await?;
    let (Some(model), Some(current)) = (model, current) else {
        return Err(sessions::SESSION_ENDED);
    };
    if current.revoked_at.is_some() {
        return Err(sessions::SESSION_ENDED);
    }
    audit::record(&txn, Event::by(viewer, Action::PasswordChanged)).await?;
    let changed = Ended::PasswordChanged;
    txn.emit(live::Event::other_sessions_ended(
        user_id, session_id, changed,
    ));
    txn.commit().await?;
    Ok(Continued {
        session_id,
        token_version: model.token_version,
        refresh_expires_at: settings.ends_at(&current),
        user: to_user(model)?,
    })
}
