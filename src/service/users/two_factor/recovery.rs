//! Recovery codes: [`RECOVERY_CODES`] one-time codes of 80 random bits each, shown once as
//! `XXXX-XXXX-XXXX-XXXX` (base32) and stored as the SHA-256 of the user id and the
//! normalised code (a fast hash is right here: 80 random bits leave nothing to guess, and
//! the attempts are bounded by the lock and the rate limit).

use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::AppResult;
use crate::service::entities::recovery_code;

/// How many recovery codes a user gets.
pub const RECOVERY_CODES: usize = 10;
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A new code: 16 base32 characters in groups of four.
fn generate() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
        .collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What is stored for `code` of `user_id`: case, spaces and dashes do not matter.
fn digest(user_id: Uuid, code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let mut hash = Sha256::new();
    hash.update(user_id.as_bytes());
    hash.update(normal.as_bytes());
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Replace `user_id`'s codes with [`RECOVERY_CODES`] new ones; the codes, to show once.
pub(super) async fn replace(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> AppResult<Vec<String>> {
    remove_all(db, user_id).await?;
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| generate()).collect();
    let rows = codes.iter().map(|code| recovery_code::ActiveModel {
        code_hash: Set(digest(user_id, code)),
        user_id: Set(user_id),
        created_at: Set(now),
        used_at: Set(None),
    });
    recovery_code::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(codes)
}

/// Every code of `user_id`, used or not.
pub(super) async fn remove_all(db: &impl ConnectionTrait, user_id: Uuid) -> AppResult<()> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Use up `code` if it is an unused code of `user_id`: one conditional `UPDATE`, so two
/// requests with the same code cannot both succeed.
pub(super) async fn use_up(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    code: &str,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let used = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(Some(now)))
        .filter(recovery_code::Column::CodeHash.eq(digest(user_id, code)))
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(used.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_grouped_base32_and_hashed_per_user_whatever_their_case() {
        let code = generate();
        assert_eq!(code.len(), 19);
        assert_eq!(code.matches('-').count(), 3);
        let user = Uuid::now_v7();
        let spaced = code.to_lowercase().replace('-', " ");
        assert_eq!(digest(user, &code), digest(user, &spaced));
        assert_ne!(digest(user, &code), digest(Uuid::now_v7(), &code));
        assert_ne!(generate(), code);
    }
}
