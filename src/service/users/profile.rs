//! Editing one's profile: the username and base currency at any time; the email (the login
//! name) only with the current password, through the one password check
//! ([`super::credentials`]: the lock holds, failures count and are audited). Each change is
//! one transaction with its audit event — for the email, the transaction the check decided
//! in — and sessions go on.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::credentials::{self, Claimant};
use super::{
    LockoutPolicy, User, conflict_from_unique_violation, email_conflict, normalize_email, to_user,
    username_conflict, validate_username,
};
use crate::auth::{PasswordHasher, Viewer};
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::Store;
use crate::service::audit::{self, Action, Event};
use crate::service::entities::user;

/// Profile fields to change; `None` keeps a field.
#[derive(Debug, Default)]
pub struct ProfilePatch {
    pub username: Option<String>,
    pub base_currency: Option<String>,
}

/// Change the viewer's username and/or base currency (reports default to it; existing
/// accounts keep their currencies).
#[tracing::instrument(skip_all)]
pub async fn update_profile(
    store: &Store,
    viewer: &Viewer,
    patch: ProfilePatch,
) -> AppResult<User> {
    let username = patch
        .username
        .as_deref()
        .map(validate_username)
        .transpose()?;
    let currency = patch
        .base_currency
        .as_deref()
        .map(|code| {
            Currency::parse(code.trim())
                .map_err(|err| AppError::bad_input("input.baseCurrency", err.to_string()))
        })
        .transpose()?;
    if username.is_none() && currency.is_none() {
        let message = "say what to change: username or baseCurrency";
        return Err(AppError::bad_input("input", message));
    }
    let txn = store.begin().await?;
    let mut update = user::Entity::update_many()
        .col_expr(user::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(viewer.user_id()));
    if let Some(username) = &username {
        let taken = user::Entity::find()
            .filter(user::Column::UsernameKey.eq(username.to_lowercase()))
            .filter(user::Column::Id.ne(viewer.user_id()))
            .one(&txn)
            .await?;
        if taken.is_some() {
            return Err(username_conflict());
        }
        update = update
            .col_expr(user::Column::Username, Expr::value(username.clone()))
            .col_expr(
                user::Column::UsernameKey,
                Expr::value(username.to_lowercase()),
            );
    }
    if let Some(currency) = currency {
        update = update.col_expr(user::Column::BaseCurrency, Expr::value(currency.code()));
    }
    update
        .exec(&txn)
        .await
        .map_err(conflict_from_unique_violation)?;
    audit::record(&txn, Event::by(viewer, Action::ProfileUpdated)).await?;
    let model = user::Entity::find_by_id(viewer.user_id()).one(&txn).await?;
    let model = model.ok_or(AppError::Unauthenticated("This user no longer exists"))?;
    txn.commit().await?;
    to_user(model)
}

const WRONG_PASSWORD: &str = "The current password is not correct";

/// What an email change needs: the new address and the current password.
pub struct EmailChange {
    pub new_email: String,
    pub password: String,
}

/// Change the viewer's email after checking their password (a wrong one counts toward the
/// account lock; a locked account is refused like a wrong password).
#[tracing::instrument(skip_all)]
pub async fn change_email(
    store: &Store,
    checks: (&PasswordHasher, &LockoutPolicy),
    viewer: &Viewer,
    change: EmailChange,
) -> AppResult<User> {
    let email = normalize_email(&change.new_email)
        .map_err(|_| AppError::bad_input("input.newEmail", "Enter a valid email address"))?;
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(email.clone()))
        .filter(user::Column::Id.ne(viewer.user_id()))
        .one(store.conn())
        .await?;
    let (hasher, lockout) = checks;
    let claimant = Claimant::Viewer(viewer);
    let Some(verified) =
        credentials::check(store, hasher, claimant, change.password, lockout).await?
    else {
        return Err(AppError::bad_input("input.password", WRONG_PASSWORD));
    };
    let in_field = |err: AppError| match err {
        AppError::Conflict { message, .. } => AppError::Conflict {
            field: "input.newEmail",
            message,
        },
        other => other,
    };
    if taken.is_some() {
        // Only after the password: the answer says nothing to a holder of a stolen token.
        verified.txn.commit().await?;
        return Err(in_field(email_conflict()));
    }
    let txn = verified.txn;
    user::Entity::update_many()
        .col_expr(user::Column::Email, Expr::value(email))
        .col_expr(user::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(viewer.user_id()))
        .exec(&txn)
        .await
        .map_err(|err| in_field(conflict_from_unique_violation(err)))?;
    audit::record(&txn, Event::by(viewer, Action::EmailChanged)).await?;
    let model = user::Entity::find_by_id(viewer.user_id()).one(&txn).await?;
    let model = model.ok_or(AppError::Unauthenticated("This user no longer exists"))?;
    txn.commit().await?;
    to_user(model)
}
