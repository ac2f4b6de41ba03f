//! Transfers: money moved between two of the viewer's accounts, written as two linked
//! transactions (the legs) that share a `transfer_id`: money out of one account, into the
//! other. Both legs are written, changed and deleted together in one database transaction
//! with both accounts locked, so a transfer is never half there. Between accounts in
//! different currencies each leg has its own amount. Reports leave transfers out: moving
//! money is neither income nor expense. The audit log names the transfer (entity
//! `transfer`, the transfer id), not its legs, whichever way it was changed.

mod change;

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use self::change::update_in;
pub(super) use self::change::{delete_in, update_through_leg};
use super::ledger::{ensure_in_range, ensure_open, minor_in, reference_gone};
use super::{Transaction, description_and_notes, to_transaction};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::transaction::{self, Column};
use crate::service::events::{self as live, LedgerKind};
use crate::service::idempotency::Claim;
use crate::service::{Change, Store, accounts, owned};

/// A transfer: its id and its two legs.
#[derive(Debug, Clone)]
pub struct Transfer {
    pub id: Uuid,
    /// The leg taking the money out (negative amount).
    pub from: Transaction,
    /// The leg bringing it in (positive amount).
    pub to: Transaction,
}

/// What creating a transfer needs. `to_amount` is required between currencies and must
/// equal `amount` (or be left out) within one.
pub struct NewTransfer {
    pub from_account_id: Uuid,
    pub to_account_id: Uuid,
    pub amount: Decimal,
    pub to_amount: Option<Decimal>,
    pub date: NaiveDate,
    pub description: String,
    pub notes: Option<String>,
}

impl NewTransfer {
    /// The request in canonical form, for idempotency keys.
    pub fn fingerprint(&self) -> String {
        format!(
            "{}|{}|{}|{:?}|{}|{:?}|{:?}",
            self.from_account_id,
            self.to_account_id,
            self.amount.normalize(),
            self.to_amount.map(|a| a.normalize()),
            self.date,
            self.description.trim(),
            self.notes
        )
    }
}

/// Changes to a transfer; `None`/`Keep` fields stay as they are.
#[derive(Default)]
pub struct TransferPatch {
    pub amount: Option<Decimal>,
    pub to_amount: Option<Decimal>,
    pub date: Option<NaiveDate>,
    pub description: Option<String>,
    pub notes: Change<String>,
}

/// Move money between two of the viewer's accounts. With a `claim`, a retry of the same
/// request returns the first transfer and writes nothing.
#[tracing::instrument(skip_all)]
pub async fn create(
    store: &Store,
    viewer: &Viewer,
    input: NewTransfer,
    claim: Option<Claim>,
) -> AppResult<Transfer> {
    let (description, notes) = description_and_notes(&input.description, input.notes.as_deref())?;
    if input.from_account_id == input.to_account_id {
        return Err(AppError::bad_input(
            "input.toAccountId",
            "A transfer needs two different accounts",
        ));
    }
    let txn = store.begin().await?;
    let (from, to) =
        accounts::lock_pair(&txn, viewer, input.from_account_id, input.to_account_id).await?;
    if let Some(claim) = &claim
        && let Some(id) = claim.earlier(&txn, viewer).await?
    {
        txn.rollback().await?;
        return get(store, viewer, id).await;
    }
    let id = Uuid::now_v7();
    // Recorded before the checks below, so a refused create provably rolls it back.
    audit::record(
        &txn,
        Event::by(viewer, Action::Created).entity("transfer", id),
    )
    .await?;
    ensure_open(&from, "input.fromAccountId")?;
    ensure_open(&to, "input.toAccountId")?;
    let (out_minor, in_minor) = leg_amounts(&from, &to, input.amount, input.to_amount)?;
    ensure_in_range(&from, -out_minor, "input.amount")?;
    ensure_in_range(&to, in_minor, "input.toAmount")?;
    let now = Utc::now();
    let leg = |account: &accounts::Account, amount_minor: i64| transaction::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(viewer.user_id()),
        account_id: Set(account.id),
        category_id: Set(None),
        date: Set(input.date),
        amount_minor: Set(amount_minor),
        currency: Set(account.currency.code().to_owned()),
        description_key: Set(description.to_lowercase()),
        description: Set(description.clone()),
        notes: Set(notes.clone()),
        transfer_id: Set(Some(id)),
        import_key: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let out_leg = leg(&from, -out_minor);
    let in_leg = leg(&to, in_minor);
    for row in [out_leg, in_leg] {
        transaction::Entity::insert(row)
            .exec_without_returning(&txn)
            .await
            .map_err(reference_gone)?;
    }
    accounts::add_to_balance(&txn, viewer, from.id, -out_minor).await?;
    accounts::add_to_balance(&txn, viewer, to.id, in_minor).await?;
    if let Some(claim) = &claim {
        claim.record(&txn, viewer, id).await?;
    }
    let transfer = legs(&txn, viewer, id).await?;
    txn.emit(ledger_event(viewer, LedgerKind::TransferCreated, &transfer));
    txn.commit().await?;
    Ok(transfer)
}

/// One of the viewer's transfers, or `NOT_FOUND`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<Transfer> {
    legs(store.conn(), viewer, id).await
}

/// Change a transfer of the viewer: both legs change together.
#[tracing::instrument(skip_all)]
pub async fn update(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    patch: TransferPatch,
) -> AppResult<Transfer> {
    let txn = store.begin().await?;
    let updated = update_in(&txn, viewer, id, patch).await?;
    txn.emit(ledger_event(
        viewer,
        LedgerKind::TransactionsUpdated,
        &updated,
    ));
    txn.commit().await?;
    Ok(updated)
}

/// Delete a transfer of the viewer: both legs go.
#[tracing::instrument(skip_all)]
pub async fn delete(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    let txn = store.begin().await?;
    let gone = delete_in(&txn, viewer, id).await?;
    txn.emit(ledger_event(viewer, LedgerKind::TransferDeleted, &gone));
    txn.commit().await?;
    Ok(())
}

/// The live event of a change of `kind` to both legs of `transfer`.
fn ledger_event(viewer: &Viewer, kind: LedgerKind, transfer: &Transfer) -> live::Event {
    let ids = [transfer.from.id, transfer.to.id];
    let accounts = [transfer.from.account_id, transfer.to.account_id];
    live::Event::of_ledger(viewer.user_id(), kind, &ids, &accounts)
}

/// The legs' minor units `(out, in)` for `amount` leaving `from` and `to_amount` arriving
/// in `to`: both positive; within one currency they are equal.
fn leg_amounts(
    from: &accounts::Account,
    to: &accounts::Account,
    amount: Decimal,
    to_amount: Option<Decimal>,
) -> AppResult<(i64, i64)> {
    let out = minor_in(from.currency, amount, "input.amount")?;
    let incoming = match to_amount {
        Some(to_amount) => minor_in(to.currency, to_amount, "input.toAmount")?,
        None if from.currency == to.currency => out,
        None => {
            let message = format!(
                "{} is in {}: give toAmount, what arrives in {}",
                to.name, to.currency, to.currency
            );
            return Err(AppError::bad_input("input.toAmount", message));
        }
    };
    if out <= 0 {
        return Err(AppError::bad_input(
            "input.amount",
            "A transfer moves a positive amount",
        ));
    }
    if incoming <= 0 {
        return Err(AppError::bad_input(
            "input.toAmount",
            "A transfer moves a positive amount",
        ));
    }
    if from.currency == to.currency && incoming != out {
        return Err(AppError::bad_input(
            "input.toAmount",
            "Both accounts are in the same currency: toAmount must equal amount",
        ));
    }
    Ok((out, incoming))
}

async fn legs(
    db: &impl sea_orm::ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<Transfer> {
    let rows = owned::<transaction::Entity>(viewer)
        .filter(Column::TransferId.eq(id))
        .order_by_asc(Column::AmountMinor)
        .order_by_asc(Column::Id)
        .all(db)
        .await?;
    let mut rows = rows.into_iter();
    match (rows.next(), rows.next(), rows.next()) {
        (Some(from), Some(to), None) => Ok(Transfer {
            id,
            from: to_transaction(from)?,
            to: to_transaction(to)?,
        }),
        _ => Err(AppError::not_found("transfer")),
    }
}
