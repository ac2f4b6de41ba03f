//! A first password for an account made through a sign-in provider (which has none). No
//! current password to prove, so the proof is a recent sign-in: the viewer's session must
//! have started within [`RECENT`] — a stolen access token or refresh token of an older
//! session cannot add a password (a lasting way in) to someone's account.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::credentials::has_password;
use crate::auth::policy::{self, Identity};
use crate::auth::{PasswordHasher, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::Store;
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{session, user};

/// How recent the sign-in of the session setting a password must be.
pub const RECENT: Duration = Duration::minutes(15);

fn already_set() -> AppError {
    AppError::Conflict {
        field: "input.newPassword",
        message: "This account has a password: change it instead".to_owned(),
    }
}

/// Give the viewer's passwordless account `new_password`.
#[tracing::instrument(skip_all)]
pub async fn set_password(
    store: &Store,
    hasher: &PasswordHasher,
    viewer: &Viewer,
    new_password: String,
) -> AppResult<()> {
    let model = user::Entity::find_by_id(viewer.user_id())
        .one(store.conn())
        .await?
        .ok_or(AppError::Unauthenticated("This user no longer exists"))?;
    if has_password(&model) {
        return Err(already_set());
    }
    let started = session::Entity::find_by_id(viewer.session_id())
        .one(store.conn())
        .await?
        .map(|s| s.created_at);
    if started.is_none_or(|at| at <= Utc::now() - RECENT) {
        return Err(AppError::Forbidden(
            "Sign in again (within the last 15 minutes) to set a password",
        ));
    }
    let identity = Identity {
        email: &model.email,
        username: &model.username,
    };
    let password = policy::new_password(new_password, "input.newPassword", identity).await?;
    let hash = hasher.hash(&password).await?;
    let txn = store.begin().await?;
    // Only while there is still none: a concurrent set loses here.
    let set = user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(viewer.user_id()))
        .filter(user::Column::PasswordHash.eq(""))
        .exec(&txn)
        .await?;
    if set.rows_affected != 1 {
        return Err(already_set());
    }
    let event = Event::by(viewer, Action::PasswordChanged).reason("SET");
    audit::record(&txn, event).await?;
    txn.commit().await?;
    Ok(())
}
