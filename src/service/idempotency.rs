//! Idempotency keys for create requests. A client that retries `createTransaction` or
//! `createTransfer` with the same key gets the first request's result, and nothing is
//! written twice.
//!
//! The key is looked up *after* the account lock is taken, so two racing retries are
//! serialised by that lock and the second sees the first's committed key; the key row is
//! written in the same database transaction as what it created. A key reused for a different
//! request (another operation or other input) is a `CONFLICT`. Keys are kept as long as the
//! user exists.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::constraints::IDEMPOTENCY_KEYS;
use super::entities::idempotency_key;
use super::owned;
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};

/// Longest idempotency key, in characters.
pub const MAX_KEY_CHARS: usize = 200;

const FIELD: &str = "input.idempotencyKey";

/// A client's key for one request: which operation, and a fingerprint of its input.
#[derive(Debug, Clone)]
pub struct Claim {
    key: String,
    operation: &'static str,
    fingerprint: String,
}

impl Claim {
    /// Validate `key` (1–200 printable ASCII characters) for `operation` with the request's
    /// canonical input (`input` is hashed, never stored).
    pub fn new(key: &str, operation: &'static str, input: &str) -> AppResult<Self> {
        if key.is_empty() || key.len() > MAX_KEY_CHARS {
            return Err(AppError::bad_input(
                FIELD,
                format!("an idempotency key has 1 to {MAX_KEY_CHARS} characters"),
            ));
        }
        if !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(AppError::bad_input(
                FIELD,
                "an idempotency key has printable ASCII characters only, without spaces",
            ));
        }
        let digest = Sha256::digest(format!("{operation}\n{input}").as_bytes());
        Ok(Self {
            key: key.to_owned(),
            operation,
            fingerprint: hex(&digest),
        })
    }

    /// A key of Tally's own (the recurring job's, one per schedule and date). It holds
    /// spaces, which a client's key never may, so no request can take its place.
    pub(super) fn internal(operation: &'static str, parts: &[&str]) -> Self {
        let key = format!("tally {operation} {}", parts.join(" "));
        let digest = Sha256::digest(format!("{operation}\n{key}").as_bytes());
        Self {
            key,
            operation,
            fingerprint: hex(&digest),
        }
    }

    /// What the key already stands for: `Some(id)` of the first result for the same
    /// request, `None` if the key is new, `CONFLICT` if it was used for another request.
    pub(super) async fn earlier(
        &self,
        db: &impl ConnectionTrait,
        viewer: &Viewer,
    ) -> AppResult<Option<Uuid>> {
        let row = owned::<idempotency_key::Entity>(viewer)
            .filter(idempotency_key::Column::Key.eq(self.key.as_str()))
            .one(db)
            .await?;
        match row {
            None => Ok(None),
            Some(row) if row.operation == self.operation && row.fingerprint == self.fingerprint => {
                Ok(Some(row.result_id))
            }
            Some(_) => Err(reused()),
        }
    }

    /// Record that the key stands for `result_id` (in the transaction that created it). A
    /// racing request that recorded the key first makes this a `CONFLICT`.
    pub(super) async fn record(
        &self,
        db: &impl ConnectionTrait,
        viewer: &Viewer,
        result_id: Uuid,
    ) -> AppResult<()> {
        let row = idempotency_key::ActiveModel {
            user_id: Set(viewer.user_id()),
            key: Set(self.key.clone()),
            operation: Set(self.operation.to_owned()),
            fingerprint: Set(self.fingerprint.clone()),
            result_id: Set(result_id),
            created_at: Set(Utc::now()),
        };
        idempotency_key::Entity::insert(row)
            .exec_without_returning(db)
            .await
            .map(|_| ())
            .map_err(|err: DbErr| {
                if IDEMPOTENCY_KEYS.refused(&err) {
                    reused()
                } else {
                    err.into()
                }
            })
    }
}

fn reused() -> AppError {
    AppError::Conflict {
        field: FIELD,
        message: "This idempotency key was already used for a different request".to_owned(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
