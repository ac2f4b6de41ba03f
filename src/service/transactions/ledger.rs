//! The rules every write to the ledger obeys, whether it changes one transaction ([`edit`])
//! or both legs of a transfer ([`transfers`]): an amount fits its account's currency, an
//! archived account takes nothing new, a balance stays in range, a referenced row that
//! vanished is `NOT_FOUND`, and a changed row is written back only for its owner.
//!
//! [`edit`]: super::edit
//! [`transfers`]: super::transfers

use rust_decimal::Decimal;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::{Transaction, to_transaction};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::accounts;
use crate::service::entities::transaction;
use crate::service::{owned_by_id, update_owned_by_id};

/// `amount` in minor units of `currency`; `BAD_USER_INPUT` on `field` if it does not fit.
pub(super) fn minor_in(currency: Currency, amount: Decimal, field: &str) -> AppResult<i64> {
    currency
        .to_minor(amount)
        .map_err(|err| AppError::bad_input(field, err.to_string()))
}

/// An archived account takes no new transactions (`BAD_USER_INPUT` on `field`).
pub(super) fn ensure_open(account: &accounts::Account, field: &str) -> AppResult<()> {
    if account.archived {
        return Err(AppError::bad_input(
            field,
            format!("{} is archived", account.name),
        ));
    }
    Ok(())
}

/// `BAD_USER_INPUT` on `field` unless the account's balance stays in range after `delta`.
pub(super) fn ensure_in_range(
    account: &accounts::Account,
    delta: i64,
    field: &str,
) -> AppResult<()> {
    if accounts::stays_in_range(account, delta) {
        return Ok(());
    }
    let message = format!(
        "This would take the balance of {} beyond the supported range",
        account.name
    );
    Err(AppError::bad_input(field, message))
}

/// Write `row` back to the viewer's transaction `id` and read it again; `NOT_FOUND` if it is
/// not theirs.
pub(super) async fn save_owned(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
    row: transaction::ActiveModel,
) -> AppResult<Transaction> {
    let updated = update_owned_by_id::<transaction::Entity>(viewer, id)
        .set(row)
        .exec(db)
        .await
        .map_err(reference_gone)?;
    if updated.rows_affected == 0 {
        return Err(AppError::not_found("transaction"));
    }
    let model = owned_by_id::<transaction::Entity>(viewer, id)
        .one(db)
        .await?;
    model
        .map(to_transaction)
        .unwrap_or(Err(AppError::not_found("transaction")))
}

/// A referenced account or category vanished between the check and the write (a concurrent
/// delete): the composite foreign key refused it, and so do we, as not found.
pub(super) fn reference_gone(err: sea_orm::DbErr) -> AppError {
    match err.sql_err() {
        Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => {
            AppError::not_found("account or category")
        }
        _ => err.into(),
    }
}
