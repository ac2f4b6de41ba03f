//! Login: an email and password checked by [`credentials::check`](super::credentials) — the
//! per-account progressive lock kept in the database (so it holds across instances and
//! client IPs), failures counted and audited there — then a new session.
//!
//! Every refusal — unknown email, wrong password, locked or disabled account — is the same
//! error after the same work (one bcrypt verification, against a dummy hash for an unknown
//! email), so the answer tells an attacker nothing. After `threshold` consecutive failures the
//! account is locked for `base`, doubling with each failure after a lock ends, up to `max`;
//! attempts while locked are answered like a wrong password and do not count. A success
//! resets the counter.

use super::credentials::{self, Claimant, LockoutPolicy, Verified};
use super::sign_in::{self, SignIn, SignInMethod};
use super::{INVALID_CREDENTIALS, User, to_user};
use crate::auth::{ClientInfo, PasswordHasher};
use crate::error::AppResult;
use crate::service::Store;
use crate::service::sessions::SessionSettings;
use chrono::Utc;

/// Log in: on success, [`sign_in::finish`] (a new session and its audit event) in the
/// transaction that recorded the success.
#[tracing::instrument(skip_all)]
pub async fn login(
    store: &Store,
    hasher: &PasswordHasher,
    email: &str,
    password: String,
    client: &ClientInfo,
    (settings, policy): (&SessionSettings, &LockoutPolicy),
) -> AppResult<(User, SignIn)> {
    let claimant = Claimant::Email(email, client);
    let checked = credentials::check(store, hasher, claimant, password, policy).await?;
    let Some(Verified { txn, user }) = checked else {
        return Err(INVALID_CREDENTIALS);
    };
    let method = SignInMethod::Password;
    let signed_in = sign_in::finish(&txn, &user, client, settings, method, Utc::now()).await?;
    txn.commit().await?;
    crate::meter::login("success");
    Ok((to_user(user)?, signed_in))
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
