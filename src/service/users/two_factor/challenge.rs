//! The second step of a sign-in. After the first step (a right password, or an OpenID
//! Connect login) of a user with a second factor, [`issue`] hands out a challenge instead of
//! a session: 256 random bits, stored only as their SHA-256 (in the database, so any
//! instance can answer it), bound to the user, good for [`CHALLENGE_TTL`] and
//! [`MAX_ATTEMPTS`] answers, used up by the right one. It is not an access token: it opens
//! nothing but [`redeem`] (through `sign_in::complete_two_factor`, which then starts the
//! session exactly as a login without a second factor does).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::INVALID_CODE;
use super::proof::{self, Proof, Who};
use crate::auth::ClientInfo;
use crate::auth::sealing::Sealer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action};
use crate::service::entities::{two_factor_challenge as challenge, user};
use crate::service::users::LockoutPolicy;
use crate::service::users::credentials;
use crate::service::{Store, Txn};

/// How long a challenge can be answered.
pub const CHALLENGE_TTL: chrono::Duration = chrono::Duration::minutes(5);
/// Answers one challenge takes at most (wrong ones also count toward the account lock).
pub const MAX_ATTEMPTS: i32 = 5;

/// The answer to an unknown, expired, used-up or exhausted challenge.
const CHALLENGE_ENDED: AppError =
    AppError::Unauthenticated("This sign-in has expired or was already completed; log in again");

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new challenge for `user_id`, whose first step was `method` (as `sign_in` stores it):
/// the token (to hand to the client, once) and when it expires. The user's spent challenges
/// are cleared on the way.
pub(in crate::service) async fn issue(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    method: String,
    now: DateTime<Utc>,
) -> AppResult<(String, DateTime<Utc>)> {
    challenge::Entity::delete_many()
        .filter(challenge::Column::UserId.eq(user_id))
        .filter(
            Condition::any()
                .add(challenge::Column::ExpiresAt.lte(now))
                .add(challenge::Column::UsedAt.is_not_null()),
        )
        .exec(db)
        .await?;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let expires_at = now + CHALLENGE_TTL;
    challenge::Entity::insert(challenge::ActiveModel {
        token_hash: Set(digest(&token)),
        user_id: Set(user_id),
        method: Set(method),
        created_at: Set(now),
        expires_at: Set(expires_at),
        attempts: Set(0),
        used_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok((token, expires_at))
}

/// A challenge answered rightly: its user and first-step method, in the transaction that
/// used it up (the caller starts the session in it and commits).
pub(in crate::service) struct Redeemed {
    pub txn: Txn,
    pub user: user::Model,
    /// As [`issue`] stored it.
    pub method: String,
}

/// Answer the challenge `token` with `proof`. Every answer holds the user's row and takes
/// one of the challenge's attempts first (conditional `UPDATE`s, which also make concurrent
/// answers for one user wait for each other); a refused answer is counted and committed
/// before the error.
pub(in crate::service) async fn redeem(
    store: &Store,
    token: &str,
    proof: Proof,
    keys: (&Sealer, &LockoutPolicy),
    client: &ClientInfo,
    now: DateTime<Utc>,
) -> AppResult<Redeemed> {
    let hash = digest(token);
    // Whose challenge, read without a lock: the user's row is locked first (as every other
    // check of this user does), then the challenge, so no two of them wait on each other.
    let Some(found) = challenge::Entity::find_by_id(hash.as_str())
        .one(store.conn())
        .await?
    else {
        return Err(CHALLENGE_ENDED);
    };
    let txn = store.begin().await?;
    let held = credentials::hold_unlocked(&txn, found.user_id, now).await?;
    let taken = challenge::Entity::update_many()
        .col_expr(
            challenge::Column::Attempts,
            Expr::col(challenge::Column::Attempts).add(1),
        )
        .filter(challenge::Column::TokenHash.eq(hash.as_str()))
        .filter(challenge::Column::UserId.eq(found.user_id))
        .filter(challenge::Column::UsedAt.is_null())
        .filter(challenge::Column::ExpiresAt.gt(now))
        .filter(challenge::Column::Attempts.lt(MAX_ATTEMPTS))
        .exec(&*txn)
        .await?;
    if taken.rows_affected != 1 {
        return Err(CHALLENGE_ENDED);
    }
    let who = Who::SigningIn(client);
    let Some(user) = user::Entity::find_by_id(found.user_id).one(&*txn).await? else {
        return Err(CHALLENGE_ENDED);
    };
    if !held {
        // Locked or disabled: refused like a wrong code, not counted.
        let event = who.event(user.id, Action::TwoFactorFailed).reason("LOCKED");
        audit::record(&*txn, event).await?;
        txn.commit().await?;
        return Err(INVALID_CODE);
    }
    if !proof::check(&txn, &user, proof, keys, who, now).await? {
        txn.commit().await?;
        return Err(INVALID_CODE);
    }
    let used = challenge::Entity::update_many()
        .col_expr(challenge::Column::UsedAt, Expr::value(Some(now)))
        .filter(challenge::Column::TokenHash.eq(hash.as_str()))
        .filter(challenge::Column::UsedAt.is_null())
        .exec(&*txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(CHALLENGE_ENDED);
    }
    Ok(Redeemed {
        txn,
        user,
        method: found.method,
    })
}
