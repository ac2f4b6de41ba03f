//! A user as the API may show it, read from its row: below both `users` (which creates and
//! changes users) and `sessions` (whose refresh answers with the user), so neither has to
//! import the other.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::entities::user;
use crate::auth::Role;
use crate::error::{AppError, AppResult};
use crate::money::Currency;

/// A user as the API may show it: no password hash in here.
#[derive(Debug, Clone)]
pub struct User {
    pub id: Uuid,
    pub username: String,
    pub email: String,
    pub base_currency: Currency,
    pub created_at: DateTime<Utc>,
    /// Read with the rest of the row, so showing it needs no lookup by a raw user id.
    pub role: Role,
}

/// The API view of a user row.
pub(super) fn to_user(model: user::Model) -> AppResult<User> {
    Ok(User {
        id: model.id,
        base_currency: Currency::parse(&model.base_currency).map_err(AppError::internal)?,
        role: Role::from_stored(&model.role),
        username: model.username,
        email: model.email,
        created_at: model.created_at,
    })
}
