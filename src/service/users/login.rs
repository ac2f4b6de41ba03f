//! Login: check an email and password, with a per-account progressive lock kept in the
//! database (so it holds across instances and client IPs).
//!
//! Every refusal — unknown email, wrong password, locked account — is the same error after
//! the same work (one bcrypt verification, against a dummy hash for an unknown email), so the
//! answer tells an attacker nothing. After `threshold` consecutive failures the account is
//! locked for `base`, doubling with each failure after a lock ends, up to `max`; attempts
//! while locked are answered like a wrong password and do not count. A success resets the
//! counter. Every attempt is in the audit log with a reason code (never the password).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{INVALID_CREDENTIALS, User, normalize_email, to_user};
use crate::auth::{ClientInfo, Password, PasswordHasher};
use crate::error::{AppError, AppResult};
use crate::service::Store;
use crate::service::audit::{self, Action, Event};
use crate::service::entities::user;
use crate::service::sessions::{self, Grant, SessionSettings};

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
    fn lock_for(&self, failures: i32) -> Option<chrono::Duration> {
        let over = u32::try_from(failures).ok()?.checked_sub(self.threshold)?;
        let factor = 1i32.checked_shl(Ord::min(over, 30)).unwrap_or(i32::MAX);
        Some(Ord::min(
            self.base.checked_mul(factor).unwrap_or(self.max),
            self.max,
        ))
    }
}

/// Log in: on success, a new session (and its audit event) in one transaction.
#[tracing::instrument(skip_all)]
pub async fn login(
    store: &Store,
    hasher: &PasswordHasher,
    email: &str,
    password: String,
    client: &ClientInfo,
    (settings, policy): (&SessionSettings, &LockoutPolicy),
) -> AppResult<(User, Grant)> {
    let password = Password::presented(password);
    // An email that cannot be stored cannot have an account: answer like an unknown one,
    // without sending it to the database.
    let found = match normalize_email(email) {
        Ok(email) => {
            let by_email = user::Entity::find().filter(user::Column::Email.eq(email));
            by_email.one(store.conn()).await?
        }
        Err(_) => None,
    };
    let Some(model) = found else {
        hasher.verify_against_dummy(&password).await?;
        let event = Event::about(None, Action::LoginFailed, client).reason("UNKNOWN_EMAIL");
        audit::record(store.conn(), event).await?;
        return Err(INVALID_CREDENTIALS);
    };
    let now = Utc::now();
    let verified = hasher.verify(&password, &model.password_hash).await?;
    if model.locked_until.is_some_and(|until| until > now) {
        let event = Event::about(Some(model.id), Action::LoginFailed, client).reason("LOCKED");
        audit::record(store.conn(), event).await?;
        return Err(INVALID_CREDENTIALS);
    }
    if !verified {
        count_failure(store, &model, client, policy, now).await?;
        return Err(INVALID_CREDENTIALS);
    }
    if model.disabled_at.is_some() {
        let event = Event::about(Some(model.id), Action::LoginFailed, client).reason("DISABLED");
        audit::record(store.conn(), event).await?;
        return Err(AppError::Forbidden("This account is disabled"));
    }
    succeed(store, model, client, settings, now).await
}

/// One more failure: count it and lock the account once it reaches the threshold. The
/// increment is a single `UPDATE` (row-locked), so racing failures all count. A wrong
/// current password at a password change counts here too.
pub(super) async fn count_failure(
    store: &Store,
    model: &user::Model,
    client: &ClientInfo,
    policy: &LockoutPolicy,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let txn = store.begin().await?;
    user::Entity::update_many()
        .col_expr(
            user::Column::FailedLogins,
            Expr::col(user::Column::FailedLogins).add(1),
        )
        .filter(user::Column::Id.eq(model.id))
        .exec(&txn)
        .await?;
    let failures = user::Entity::find_by_id(model.id)
        .one(&txn)
        .await?
        .map_or(0, |m| m.failed_logins);
    let mut event = Event::about(Some(model.id), Action::LoginFailed, client);
    event = event.reason("WRONG_PASSWORD");
    if let Some(lock) = policy.lock_for(failures) {
        set_lock(&txn, model.id, Some(now + lock)).await?;
        event = event.reason("WRONG_PASSWORD_LOCKED");
    }
    audit::record(&txn, event).await?;
    txn.commit().await?;
    Ok(())
}

async fn set_lock(
    db: &impl ConnectionTrait,
    user_id: uuid::Uuid,
    until: Option<DateTime<Utc>>,
) -> AppResult<()> {
    user::Entity::update_many()
        .col_expr(user::Column::LockedUntil, Expr::value(until))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The password was right: reset the counter, start a session, record it — one transaction.
async fn succeed(
    store: &Store,
    model: user::Model,
    client: &ClientInfo,
    settings: &SessionSettings,
    now: DateTime<Utc>,
) -> AppResult<(User, Grant)> {
    let txn = store.begin().await?;
    user::Entity::update_many()
        .col_expr(user::Column::FailedLogins, Expr::value(0))
        .col_expr(user::Column::LastLoginAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(model.id))
        .exec(&txn)
        .await?;
    set_lock(&txn, model.id, None).await?;
    let grant = sessions::start(&txn, &model, client, settings, now).await?;
    let event = Event::about(Some(model.id), Action::LoginSucceeded, client);
    audit::record(&txn, event).await?;
    txn.commit().await?;
    Ok((to_user(model)?, grant))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_start_at_the_threshold_and_double_up_to_the_maximum() {
        let policy = LockoutPolicy {
            threshold: 5,
            base: chrono::Duration::seconds(30),
            max: chrono::Duration::seconds(3600),
        };
        assert_eq!(policy.lock_for(4), None);
        assert_eq!(policy.lock_for(5), Some(chrono::Duration::seconds(30)));
        assert_eq!(policy.lock_for(6), Some(chrono::Duration::seconds(60)));
        assert_eq!(policy.lock_for(12), Some(chrono::Duration::seconds(3600)));
        assert_eq!(
            policy.lock_for(i32::MAX),
            Some(chrono::Duration::seconds(3600))
        );
        assert_eq!(policy.lock_for(-1), None);
    }
}
