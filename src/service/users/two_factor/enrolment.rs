//! Turning the second factor on and off, and new recovery codes — each a proof first:
//! - [`start_enrolment`]: the password (through the one password check); a new secret,
//!   sealed, replaces any pending one; the secret is shown this once.
//! - [`confirm_enrolment`]: a first code of the pending secret turns it on and gives the
//!   recovery codes (shown this once). A wrong code here is not counted toward the lock: the
//!   caller was just shown the secret, so guessing gains nothing.
//! - [`regenerate_recovery_codes`]: a fresh code; the old codes stop working.
//! - [`disable`]: the password and a code or recovery code.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use super::proof::{self, Proof, Who};
use super::{INVALID_CODE, is_enabled, recovery};
use crate::auth::sealing::Sealer;
use crate::auth::totp::TotpSecret;
use crate::auth::{PasswordHasher, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{two_factor, two_factor_challenge, user};
use crate::service::users::LockoutPolicy;
use crate::service::users::credentials::{self, Claimant};
use crate::service::{Store, Txn};

/// A started enrolment: what the viewer adds to their authenticator app.
#[derive(Clone)]
pub struct Enrolment {
    /// `otpauth://totp/Tally:<email>?secret=…&issuer=Tally`, for the QR code.
    pub otpauth_uri: String,
    /// The secret as base32 text, to type in.
    pub secret: String,
}

const WRONG_PASSWORD: &str = "The password is not correct";
const ALREADY_ON: &str = "Two-factor sign-in is already on";
const OFF: &str = "Two-factor sign-in is off";

fn wrong_password() -> AppError {
    AppError::bad_input("input.password", WRONG_PASSWORD)
}

/// The viewer's password, checked; the transaction holding their row.
async fn password(
    store: &Store,
    hasher: &PasswordHasher,
    viewer: &Viewer,
    password: String,
    lockout: &LockoutPolicy,
) -> AppResult<(Txn, user::Model)> {
    let claimant = Claimant::Viewer(viewer);
    let verified = credentials::check(store, hasher, claimant, password, lockout).await?;
    let verified = verified.ok_or_else(wrong_password)?;
    Ok((verified.txn, verified.user))
}

/// Start (or restart) enrolment: a new secret for the viewer, after their password.
#[tracing::instrument(skip_all)]
pub async fn start_enrolment(
    store: &Store,
    hasher: &PasswordHasher,
    viewer: &Viewer,
    current_password: String,
    (sealer, lockout): (&Sealer, &LockoutPolicy),
) -> AppResult<Enrolment> {
    let (txn, user) = password(store, hasher, viewer, current_password, lockout).await?;
    if is_enabled(&*txn, user.id).await? {
        txn.commit().await?;
        return Err(AppError::Conflict {
            field: "input.password",
            message: ALREADY_ON.to_owned(),
        });
    }
    let secret = TotpSecret::generate();
    let sealed = sealer
        .seal(user.id, secret.expose())
        .map_err(AppError::internal)?;
    two_factor::Entity::delete_by_id(user.id)
        .exec(&*txn)
        .await?;
    two_factor::Entity::insert(two_factor::ActiveModel {
        user_id: Set(user.id),
        secret_sealed: Set(sealed),
        enabled_at: Set(None),
        last_used_step: Set(None),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(&*txn)
    .await?;
    audit::record(&*txn, Event::by(viewer, Action::TwoFactorEnrolmentStarted)).await?;
    txn.commit().await?;
    Ok(Enrolment {
        otpauth_uri: secret
            .otpauth_uri(&user.email)
            .map_err(AppError::internal)?,
        secret: secret.base32(),
    })
}

/// Confirm the pending enrolment with a first code: the second factor is on; the recovery
/// codes, to show once.
#[tracing::instrument(skip_all)]
pub async fn confirm_enrolment(
    store: &Store,
    viewer: &Viewer,
    code: &str,
    sealer: &Sealer,
) -> AppResult<Vec<String>> {
    let now = Utc::now();
    let txn = store.begin().await?;
    let user_id = viewer.user_id();
    if !credentials::hold_unlocked(&txn, user_id, now).await? {
        return Err(INVALID_CODE);
    }
    let pending = two_factor::Entity::find_by_id(user_id).one(&*txn).await?;
    let Some(pending) = pending.filter(|row| row.enabled_at.is_none()) else {
        let message = if is_enabled(&*txn, user_id).await? {
            ALREADY_ON
        } else {
            "Start two-factor enrolment first"
        };
        return Err(AppError::bad_input("input.code", message));
    };
    let opened = sealer
        .open(user_id, &pending.secret_sealed)
        .map_err(AppError::internal)?;
    let unix = u64::try_from(now.timestamp()).unwrap_or_default();
    let Some(step) = TotpSecret::from_bytes(opened.plain).check(code, unix) else {
        let event = Event::by(viewer, Action::TwoFactorFailed).reason("WRONG_CODE");
        audit::record(&*txn, event).await?;
        txn.commit().await?;
        return Err(INVALID_CODE);
    };
    let enabled = two_factor::Entity::update_many()
        .col_expr(two_factor::Column::EnabledAt, Expr::value(Some(now)))
        .col_expr(two_factor::Column::LastUsedStep, Expr::value(Some(step)))
        .filter(two_factor::Column::UserId.eq(user_id))
        .filter(two_factor::Column::EnabledAt.is_null())
        .exec(&*txn)
        .await?;
    if enabled.rows_affected != 1 {
        return Err(AppError::bad_input("input.code", ALREADY_ON));
    }
    let codes = recovery::replace(&*txn, user_id, now).await?;
    audit::record(&*txn, Event::by(viewer, Action::TwoFactorEnabled)).await?;
    txn.commit().await?;
    Ok(codes)
}

/// New recovery codes for the viewer, after a fresh code; the old ones stop working.
#[tracing::instrument(skip_all)]
pub async fn regenerate_recovery_codes(
    store: &Store,
    viewer: &Viewer,
    code: String,
    keys: (&Sealer, &LockoutPolicy),
) -> AppResult<Vec<String>> {
    let now = Utc::now();
    let txn = store.begin().await?;
    let user = held_user(&txn, viewer, now).await?;
    if !is_enabled(&*txn, user.id).await? {
        return Err(AppError::bad_input("input.code", OFF));
    }
    let who = Who::Viewer(viewer);
    if !proof::check(&txn, &user, Proof::Code(code), keys, who, now).await? {
        txn.commit().await?;
        return Err(INVALID_CODE);
    }
    let codes = recovery::replace(&*txn, user.id, now).await?;
    audit::record(&*txn, Event::by(viewer, Action::RecoveryCodesRegenerated)).await?;
    txn.commit().await?;
    Ok(codes)
}

/// The viewer's row, held for `txn`; a locked account is refused like a wrong code.
async fn held_user(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    now: chrono::DateTime<Utc>,
) -> AppResult<user::Model> {
    if !credentials::hold_unlocked(txn, viewer.user_id(), now).await? {
        return Err(INVALID_CODE);
    }
    user::Entity::find_by_id(viewer.user_id())
        .one(txn)
        .await?
        .ok_or(AppError::Unauthenticated("This user no longer exists"))
}

/// Turn the viewer's second factor off, after their password and a code or recovery code.
#[tracing::instrument(skip_all)]
pub async fn disable(
    store: &Store,
    hasher: &PasswordHasher,
    viewer: &Viewer,
    (current_password, proof): (String, Proof),
    (sealer, lockout): (&Sealer, &LockoutPolicy),
) -> AppResult<()> {
    let (txn, user) = password(store, hasher, viewer, current_password, lockout).await?;
    let now = Utc::now();
    if !is_enabled(&*txn, user.id).await? {
        txn.commit().await?;
        return Err(AppError::bad_input("input.code", OFF));
    }
    let who = Who::Viewer(viewer);
    if !proof::check(&txn, &user, proof, (sealer, lockout), who, now).await? {
        txn.commit().await?;
        return Err(INVALID_CODE);
    }
    two_factor::Entity::delete_by_id(user.id)
        .exec(&*txn)
        .await?;
    recovery::remove_all(&*txn, user.id).await?;
    two_factor_challenge::Entity::delete_many()
        .filter(two_factor_challenge::Column::UserId.eq(user.id))
        .exec(&*txn)
        .await?;
    audit::record(&*txn, Event::by(viewer, Action::TwoFactorDisabled)).await?;
    txn.commit().await?;
    Ok(())
}

/// The second factor a password change needs when it is on: `Ok` when it is off or the
/// proof holds; a refused proof is counted and `txn` committed before the error.
pub(in crate::service) async fn for_password_change(
    txn: Txn,
    user: &user::Model,
    viewer: &Viewer,
    proof: Option<Proof>,
    keys: (&Sealer, &LockoutPolicy),
) -> AppResult<Txn> {
    if !is_enabled(&*txn, user.id).await? {
        return Ok(txn);
    }
    let Some(proof) = proof else {
        txn.commit().await?;
        return Err(AppError::InvalidTwoFactorCode(
            "Enter a code from your authenticator app (or a recovery code)",
        ));
    };
    let who = Who::Viewer(viewer);
    if !proof::check(&txn, user, proof, keys, who, Utc::now()).await? {
        txn.commit().await?;
        return Err(INVALID_CODE);
    }
    Ok(txn)
}
