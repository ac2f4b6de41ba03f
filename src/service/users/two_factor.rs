//! Two-factor sign-in with TOTP (RFC 6238): enrolment, recovery codes and turning it off
//! ([`enrolment`]), the one check of a code or recovery code ([`proof`]), and the second
//! step of a sign-in ([`challenge`]).
//!
//! - The secret is stored sealed ([`crate::auth::sealing`]), never plain, and shown once, at
//!   enrolment; a first code confirms it.
//! - A code is accepted once: the time step it matched must be later than the last accepted
//!   one, decided by one conditional `UPDATE` (atomic on both databases, across instances).
//! - Recovery codes (10) are shown once, stored as hashes, each used once; new ones replace
//!   them all and need a fresh code.
//! - Wrong codes count toward the account lock like wrong passwords
//!   ([`LockoutPolicy`](super::LockoutPolicy)), and the fields that take them share
//!   the login rate limit.

mod challenge;
mod enrolment;
mod proof;
mod recovery;

pub use challenge::{CHALLENGE_TTL, MAX_ATTEMPTS};
pub(in crate::service) use challenge::{Redeemed, issue, redeem};
pub(in crate::service) use enrolment::for_password_change;
pub use enrolment::{
    Enrolment, confirm_enrolment, disable, regenerate_recovery_codes, start_enrolment,
};
pub use proof::Proof;
pub use recovery::RECOVERY_CODES;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::service::Store;
use crate::service::entities::{recovery_code, two_factor};

/// The answer to every refused code or recovery code (wrong, replayed, locked account).
pub const INVALID_CODE: AppError =
    AppError::InvalidTwoFactorCode("The code is not correct or was already used");

/// The viewer's second factor as `me` shows it.
#[derive(Debug, Clone, Copy)]
pub struct Status {
    pub enabled: bool,
    /// Unused recovery codes (0 when off).
    pub recovery_codes_remaining: u64,
}

/// Whether the user has a second factor, and how many recovery codes are left — for the
/// user's own record (`me`, or the user a login just signed in), never another's.
pub async fn status(store: &Store, user_id: Uuid) -> AppResult<Status> {
    let enabled = is_enabled(store.conn(), user_id).await?;
    let recovery_codes_remaining = if enabled {
        recovery_code::Entity::find()
            .filter(recovery_code::Column::UserId.eq(user_id))
            .filter(recovery_code::Column::UsedAt.is_null())
            .count(store.conn())
            .await?
    } else {
        0
    };
    Ok(Status {
        enabled,
        recovery_codes_remaining,
    })
}

/// Whether the user has a second factor — for the user's own record, as [`status`].
pub async fn enabled(store: &Store, user_id: Uuid) -> AppResult<bool> {
    is_enabled(store.conn(), user_id).await
}

/// Is a confirmed second factor on for `user_id`?
pub(in crate::service) async fn is_enabled(
    db: &impl ConnectionTrait,
    user_id: Uuid,
) -> AppResult<bool> {
    Ok(two_factor::Entity::find_by_id(user_id)
        .filter(two_factor::Column::EnabledAt.is_not_null())
        .one(db)
        .await?
        .is_some())
}
