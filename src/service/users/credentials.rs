//! The one way Tally checks a password: [`check`]. Login, `changePassword` and
//! `deleteMyAccount` all come here (and so must any later check, e.g. turning off a second
//! factor), so each respects the account lock, counts its failures, is audited, and answers
//! a refusal the same way whatever its reason.
//!
//! The slow part, bcrypt, runs first and outside any transaction. Then the outcome is
//! decided in the database with one conditional `UPDATE` — the transaction's first
//! statement, so on PostgreSQL it waits for the user's row lock and re-evaluates its
//! condition on the row as it is now, and on SQLite it makes the transaction the one writer —
//! against the lock state *at the moment of the decision*, never as it was read before the
//! hash:
//! - right password: `failed_logins = 0, locked_until = NULL … WHERE` not locked and not
//!   disabled; no row changed means the account was locked (or disabled) meanwhile: refused;
//! - wrong password: `failed_logins = failed_logins + 1 … WHERE` not locked, then the lock if
//!   that count reached the threshold, in the same transaction; no row changed means the
//!   account was already locked: refused, not counted.
//!
//! So decisions are serialised per user across every request and instance on the database:
//! whatever the interleaving, at most `threshold` wrong passwords are counted before the lock,
//! and no right password decided while it holds gets in. A disabled account is refused like a
//! wrong password, after the same work, whether or not the password was right: answering
//! `FORBIDDEN` only to the right password would confirm it to whoever guessed it.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, UpdateMany,
};

use super::normalize_email;
use crate::auth::{ClientInfo, Password, PasswordHasher, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::user;
use crate::service::{Store, Txn};

/// Who presents the password.
#[derive(Debug, Clone, Copy)]
pub(in crate::service) enum Claimant<'a> {
    /// Someone logging in with this email (not yet known to be anyone's).
    Email(&'a str, &'a ClientInfo),
    /// A signed-in viewer proving it is still them (a password change, deleting the account).
    Viewer(&'a Viewer),
}

/// A password check that succeeded. The success is recorded (failures reset, lock cleared) in
/// `txn`, which still holds the user's row: the caller finishes its action in it and commits,
/// so the check and the action it allowed are one.
pub(in crate::service) struct Verified {
    pub txn: Txn,
    pub user: user::Model,
}

/// Check `password` for `claimant`; `None` for every refusal — unknown email, wrong password,
/// locked or disabled account — each audited with its reason (never the password).
#[tracing::instrument(skip_all)]
pub(in crate::service) async fn check(
    store: &Store,
    hasher: &PasswordHasher,
    claimant: Claimant<'_>,
    password: String,
    policy: &LockoutPolicy,
) -> AppResult<Option<Verified>> {
    let password = Password::presented(password);
    let Some(found) = find(store, claimant).await? else {
        // No such account: the same bcrypt work as a real check, so timing tells nothing.
        hasher.verify_against_dummy(&password).await?;
        count_login(claimant, "unknown_email");
        let event = failure(claimant, None).reason("UNKNOWN_EMAIL");
        audit::record(store.conn(), event).await?;
        return Ok(None);
    };
    let right = if has_password(&found) {
        hasher.verify(&password, &found.password_hash).await?
    } else {
        // An account made through a sign-in provider has no password: no password is right,
        // after the same work, and the refusal counts like any wrong password.
        hasher.verify_against_dummy(&password).await?
    };
    let now = Utc::now();
    let txn = store.begin().await?;
    let outcome = if right {
        succeed(&txn, &found, now).await?
    } else {
        fail(&txn, &found, policy, now).await?
    };
    match outcome {
        Ok(user) => Ok(Some(Verified { txn, user })),
        Err(reason) => {
            count_refusal(claimant, reason);
            audit::record(&txn, failure(claimant, Some(&found)).reason(reason)).await?;
            txn.commit().await?;
            Ok(None)
        }
    }
}

/// Does the account have a password? Accounts created through an OpenID Connect provider
/// store the empty string, which is no bcrypt hash.
pub(in crate::service) fn has_password(user: &user::Model) -> bool {
    !user.password_hash.is_empty()
}

/// A login's outcome in the metrics (a signed-in viewer's re-check is not a login).
fn count_login(claimant: Claimant<'_>, outcome: &'static str) {
    if let Claimant::Email(..) = claimant {
        crate::meter::login(outcome);
    }
}

/// A refused check in the metrics: the login's outcome, and the lock it started, if any.
fn count_refusal(claimant: Claimant<'_>, reason: &'static str) {
    if reason == "WRONG_PASSWORD_LOCKED" {
        crate::meter::account_locked();
    }
    let outcome = match reason {
        "WRONG_PASSWORD" | "WRONG_PASSWORD_LOCKED" => "wrong_password",
        "DISABLED" => "disabled",
        _ => "locked",
    };
    count_login(claimant, outcome);
}

/// The claimant's user row, read without a lock (the decision re-checks what matters).
async fn find(store: &Store, claimant: Claimant<'_>) -> AppResult<Option<user::Model>> {
    match claimant {
        Claimant::Email(email, _) => {
            // An email that cannot be stored cannot have an account: answered like an
            // unknown one, without sending it to the database.
            let Ok(email) = normalize_email(email) else {
                return Ok(None);
            };
            let by_email = user::Entity::find().filter(user::Column::Email.eq(email));
            Ok(by_email.one(store.conn()).await?)
        }
        Claimant::Viewer(viewer) => user::Entity::find_by_id(viewer.user_id())
            .one(store.conn())
            .await?
            .map(Some)
            .ok_or(AppError::Unauthenticated("This user no longer exists")),
    }
}

/// The audit event of a refused check: a login's, or the viewer's own (naming the session
/// that tried, which matters when a stolen token is used to guess the password).
fn failure<'a>(claimant: Claimant<'a>, user: Option<&user::Model>) -> Event<'a> {
    match claimant {
        Claimant::Email(_, client) => Event::about(user.map(|u| u.id), Action::LoginFailed, client),
        Claimant::Viewer(viewer) => {
            Event::by(viewer, Action::LoginFailed).entity("session", viewer.session_id())
        }
    }
}

/// `UPDATE users … WHERE id = user AND` the account is not locked at `now`.
fn unlocked(user_id: uuid::Uuid, now: DateTime<Utc>) -> UpdateMany<user::Entity> {
    user::Entity::update_many()
        .filter(user::Column::Id.eq(user_id))
        .filter(
            Condition::any()
                .add(user::Column::LockedUntil.is_null())
                .add(user::Column::LockedUntil.lte(now)),
        )
}

/// `failed_logins` after a right password: kept while a second factor is on, else 0.
const KEEP_COUNT_WITH_SECOND_FACTOR: &str = "CASE WHEN EXISTS (SELECT 1 FROM two_factor \
     WHERE two_factor.user_id = users.id AND two_factor.enabled_at IS NOT NULL) \
     THEN failed_logins ELSE 0 END";

/// The right password: record the success unless the account is locked or disabled now.
async fn succeed(
    txn: &DatabaseTransaction,
    found: &user::Model,
    now: DateTime<Utc>,
) -> AppResult<Result<user::Model, &'static str>> {
    // With a second factor on, the password alone proves too little to forgive earlier
    // failures: the count goes on until the second factor is passed too, so wrong codes
    // keep doubling the lock (`two_factor::proof`).
    let reset = unlocked(found.id, now)
        .filter(user::Column::DisabledAt.is_null())
        .col_expr(
            user::Column::FailedLogins,
            Expr::cust(KEEP_COUNT_WITH_SECOND_FACTOR),
        )
        .col_expr(
            user::Column::LockedUntil,
            Expr::value(None::<DateTime<Utc>>),
        )
        .exec(txn)
        .await?;
    let current = user::Entity::find_by_id(found.id).one(txn).await?;
    match current {
        Some(user) if reset.rows_affected == 1 => Ok(Ok(user)),
        Some(user) if user.disabled_at.is_some() => Ok(Err("DISABLED")),
        _ => Ok(Err("LOCKED")),
    }
}

/// A wrong password (or second factor): count it unless the account is locked now, and lock
/// it once the count reaches the threshold. `Err` holds the reason to audit.
pub(in crate::service) async fn fail(
    txn: &DatabaseTransaction,
    found: &user::Model,
    policy: &LockoutPolicy,
    now: DateTime<Utc>,
) -> AppResult<Result<user::Model, &'static str>> {
    let counted = unlocked(found.id, now)
        .col_expr(
            user::Column::FailedLogins,
            Expr::col(user::Column::FailedLogins).add(1),
        )
        .exec(txn)
        .await?;
    if counted.rows_affected != 1 {
        return Ok(Err("LOCKED"));
    }
    let failures = user::Entity::find_by_id(found.id)
        .one(txn)
        .await?
        .map_or(0, |user| user.failed_logins);
    let Some(lock) = policy.lock_for(failures) else {
        return Ok(Err("WRONG_PASSWORD"));
    };
    lock_until(txn, found.id, now + lock).await?;
    Ok(Err("WRONG_PASSWORD_LOCKED"))
}

/// Take the user's row for the rest of `txn` if the account is neither locked nor disabled
/// at `now` (the first statement of a second-factor check, so that checks of one user are
/// decided one at a time on every instance); `false` if it is.
pub(in crate::service) async fn hold_unlocked(
    txn: &DatabaseTransaction,
    user_id: uuid::Uuid,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let held = unlocked(user_id, now)
        .filter(user::Column::DisabledAt.is_null())
        .col_expr(
            user::Column::FailedLogins,
            Expr::col(user::Column::FailedLogins),
        )
        .exec(txn)
        .await?;
    Ok(held.rows_affected == 1)
}

/// A passed second factor: the failures so far are forgiven.
pub(in crate::service) async fn forgive(
    txn: &DatabaseTransaction,
    user_id: uuid::Uuid,
) -> AppResult<()> {
    user::Entity::update_many()
        .col_expr(user::Column::FailedLogins, Expr::value(0))
        .filter(user::Column::Id.eq(user_id))
        .exec(txn)
        .await?;
    Ok(())
}

async fn lock_until(
    db: &impl ConnectionTrait,
    user_id: uuid::Uuid,
    until: DateTime<Utc>,
) -> AppResult<()> {
    user::Entity::update_many()
        .col_expr(user::Column::LockedUntil, Expr::value(Some(until)))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// When repeated failures lock an account, and for how long.
#[derive(Debug, Clone, Copy)]
pub struct LockoutPolicy {
    /// Consecutive failures that lock the account.
    pub threshold: u32,
    /// Length of the first lock.
    pub base: chrono::Duration,
    /// Longest lock.
    pub max: chrono::Duration,
}

impl LockoutPolicy {
    /// How long to lock after `failures` consecutive failures (`None`: not yet).
    pub(super) fn lock_for(&self, failures: i32) -> Option<chrono::Duration> {
        let over = u32::try_from(failures).ok()?.checked_sub(self.threshold)?;
        let factor = 1i32.checked_shl(Ord::min(over, 30)).unwrap_or(i32::MAX);
        Some(Ord::min(
            self.base.checked_mul(factor).unwrap_or(self.max),
            self.max,
        ))
    }
}
