//! Pending sign-ins: one row per started attempt, keyed by the SHA-256 of its `state`, with
//! its nonce and PKCE verifier and what it is for. [`take`] deletes the row it returns in
//! the same statement's transaction, so exactly one callback can use it, on any instance;
//! expired rows are swept whenever a new attempt starts.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::auth::oidc::Attempt;
use crate::error::AppResult;
use crate::service::Store;
use crate::service::entities::oidc_login_state;

/// How long a started attempt may take to come back.
pub const LIFETIME: Duration = Duration::minutes(10);

/// What an attempt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Sign in (or sign up).
    Login,
    /// Link the provider to this signed-in user.
    Link(Uuid),
}

/// A pending attempt, taken by its callback.
#[derive(Debug, Clone)]
pub struct Pending {
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub purpose: Purpose,
}

/// The hex SHA-256 of a `state`: the row's key, and the browser-binding cookie's value.
pub fn state_hash(state: &str) -> String {
    let digest = Sha256::digest(state.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Record a started attempt (and sweep the expired ones).
pub async fn begin(
    store: &Store,
    provider: &str,
    attempt: &Attempt,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> AppResult<()> {
    oidc_login_state::Entity::delete_many()
        .filter(oidc_login_state::Column::ExpiresAt.lt(now))
        .exec(store.conn())
        .await?;
    let (purpose, user_id) = match purpose {
        Purpose::Login => ("LOGIN", None),
        Purpose::Link(user) => ("LINK", Some(user)),
    };
    oidc_login_state::Entity::insert(oidc_login_state::ActiveModel {
        state_hash: Set(state_hash(&attempt.state)),
        provider: Set(provider.to_owned()),
        nonce: Set(attempt.nonce.clone()),
        pkce_verifier: Set(attempt.pkce_verifier.clone()),
        purpose: Set(purpose.to_owned()),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + LIFETIME),
    })
    .exec_without_returning(store.conn())
    .await?;
    Ok(())
}

/// The pending attempt of `state` for `provider`, deleted: `None` if there is none (unknown,
/// expired, already used, another provider's). Only the one caller whose delete removed
/// the row gets it, so a replayed callback gets `None`.
pub async fn take(
    store: &Store,
    provider: &str,
    state: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<Pending>> {
    let key = state_hash(state);
    let Some(row) = oidc_login_state::Entity::find_by_id(key.clone())
        .one(store.conn())
        .await?
    else {
        return Ok(None);
    };
    let deleted = oidc_login_state::Entity::delete_many()
        .filter(oidc_login_state::Column::StateHash.eq(key))
        .exec(store.conn())
        .await?;
    if deleted.rows_affected != 1 || row.provider != provider || row.expires_at <= now {
        return Ok(None);
    }
    let purpose = match (row.purpose.as_str(), row.user_id) {
        ("LINK", Some(user)) => Purpose::Link(user),
        ("LOGIN", None) => Purpose::Login,
        _ => return Ok(None),
    };
    Ok(Some(Pending {
        provider: row.provider,
        nonce: row.nonce,
        pkce_verifier: row.pkce_verifier,
        purpose,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_hash_is_hex_sha256() {
        assert_eq!(
            state_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
