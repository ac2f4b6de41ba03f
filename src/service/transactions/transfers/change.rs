//! Changing and deleting a transfer inside the caller's database transaction: both legs and
//! both accounts are locked first, then both legs change (or go) together. A transaction
//! mutation that names one leg comes here too, its patch read as a change of the transfer
//! ([`leg_patch`]).

use chrono::Utc;
use rust_decimal::Decimal;
use sea_orm::sea_query::Condition;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use super::super::ledger::{ensure_in_range, save_owned};
use super::super::{MAX_DESCRIPTION_CHARS, MAX_NOTES_CHARS, TransactionPatch};
use super::{Transfer, TransferPatch, leg_amounts, legs};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::transaction::{self, Column};
use crate::service::{Change, accounts, delete_all_owned, lock_where, owned, text};

/// [`update`](super::update) inside the caller's database transaction.
pub(super) async fn update_in(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    id: Uuid,
    patch: TransferPatch,
) -> AppResult<Transfer> {
    let Locked {
        current,
        from,
        to,
        out_minor: old_out,
        in_minor: old_in,
    } = lock_legs(db, viewer, id).await?;
    let (out_minor, in_minor) = match (patch.amount, patch.to_amount) {
        (None, None) => (old_out, old_in),
        (amount, to_amount) if from.currency == to.currency => {
            let amount = amount.or(to_amount).unwrap_or(current.to.amount);
            leg_amounts(&from, &to, amount, to_amount)?
        }
        (amount, to_amount) => {
            let out = amount.unwrap_or(-current.from.amount);
            leg_amounts(
                &from,
                &to,
                out,
                Some(to_amount.unwrap_or(current.to.amount)),
            )?
        }
    };
    ensure_in_range(&from, old_out - out_minor, "input.amount")?;
    ensure_in_range(&to, in_minor - old_in, "input.toAmount")?;
    let description = patch
        .description
        .map(|d| text::required_line("input.description", &d, MAX_DESCRIPTION_CHARS))
        .transpose()?;
    let notes = match patch.notes {
        Change::Keep => None,
        Change::Clear => Some(None),
        Change::Set(notes) => Some(text::optional_block(
            "input.notes",
            Some(&notes),
            MAX_NOTES_CHARS,
        )?),
    };
    for (leg, minor) in [(&current.from, -out_minor), (&current.to, in_minor)] {
        let model = owned::<transaction::Entity>(viewer)
            .filter(Column::Id.eq(leg.id))
            .one(db)
            .await?
            .ok_or(AppError::not_found("transfer"))?;
        let mut row = model.into_active_model();
        row.amount_minor = Set(minor);
        if let Some(date) = patch.date {
            row.date = Set(date);
        }
        if let Some(description) = &description {
            row.description_key = Set(description.to_lowercase());
            row.description = Set(description.clone());
        }
        if let Some(notes) = &notes {
            row.notes = Set(notes.clone());
        }
        row.updated_at = Set(Utc::now());
        save_owned(db, viewer, leg.id, row).await?;
    }
    accounts::add_to_balance(db, viewer, from.id, old_out - out_minor).await?;
    accounts::add_to_balance(db, viewer, to.id, in_minor - old_in).await?;
    audit::record(
        db,
        Event::by(viewer, Action::Updated).entity("transfer", id),
    )
    .await?;
    legs(db, viewer, id).await
}

/// [`delete`](super::delete) inside the caller's database transaction.
pub(in crate::service::transactions) async fn delete_in(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<Transfer> {
    let Locked {
        current,
        from,
        to,
        out_minor,
        in_minor,
    } = lock_legs(db, viewer, id).await?;
    ensure_in_range(&from, out_minor, "id")?;
    ensure_in_range(&to, -in_minor, "id")?;
    delete_all_owned::<transaction::Entity>(viewer)
        .filter(Column::TransferId.eq(id))
        .exec(db)
        .await?;
    accounts::add_to_balance(db, viewer, from.id, out_minor).await?;
    accounts::add_to_balance(db, viewer, to.id, -in_minor).await?;
    audit::record(
        db,
        Event::by(viewer, Action::Deleted).entity("transfer", id),
    )
    .await?;
    Ok(current)
}

/// A transfer locked for a change: its legs, both accounts, and the amounts (positive minor
/// units) that leave `from` and arrive in `to`.
struct Locked {
    current: Transfer,
    from: accounts::Account,
    to: accounts::Account,
    out_minor: i64,
    in_minor: i64,
}

/// Lock both legs of the viewer's transfer `id` and both accounts, and read them;
/// `NOT_FOUND` if there is no such transfer.
async fn lock_legs(db: &DatabaseTransaction, viewer: &Viewer, id: Uuid) -> AppResult<Locked> {
    let condition = Condition::all().add(Column::TransferId.eq(id));
    if lock_where::<transaction::Entity>(db, viewer, condition).await? != 2 {
        return Err(AppError::not_found("transfer"));
    }
    let current = legs(db, viewer, id).await?;
    let (from, to) =
        accounts::lock_pair(db, viewer, current.from.account_id, current.to.account_id).await?;
    let minor = |account: &accounts::Account, amount| {
        account
            .currency
            .to_minor(amount)
            .map_err(AppError::internal)
    };
    let out_minor = -minor(&from, current.from.amount)?;
    let in_minor = minor(&to, current.to.amount)?;
    Ok(Locked {
        current,
        from,
        to,
        out_minor,
        in_minor,
    })
}

/// A transaction mutation's `patch` sent to `leg`, one leg of the transfer `id`, applied
/// as a change of the whole transfer (see [`leg_patch`]).
pub(in crate::service::transactions) async fn update_through_leg(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    leg: &transaction::Model,
    id: Uuid,
    patch: TransactionPatch,
) -> AppResult<Transfer> {
    update_in(db, viewer, id, leg_patch(leg, patch)?).await
}

/// A transaction patch applied to one leg of a transfer, as a change of the transfer: the
/// date, description and notes change on both legs, an amount changes the other leg to
/// match. A leg keeps its account, its direction and its lack of category.
fn leg_patch(leg: &transaction::Model, patch: TransactionPatch) -> AppResult<TransferPatch> {
    if patch.account_id.is_some_and(|id| id != leg.account_id) {
        return Err(AppError::bad_input(
            "input.accountId",
            "This is one side of a transfer: delete the transfer and record it again to \
             move it to other accounts",
        ));
    }
    if matches!(patch.category_id, Change::Set(_)) {
        return Err(AppError::bad_input(
            "input.categoryId",
            "A transfer is neither income nor expense, so it has no category",
        ));
    }
    let outgoing = leg.amount_minor < 0;
    let (amount, to_amount) = match patch.amount {
        None => (None, None),
        Some(amount) if outgoing && amount < Decimal::ZERO => (Some(-amount), None),
        Some(amount) if !outgoing && amount > Decimal::ZERO => (None, Some(amount)),
        Some(_) => {
            let sign = if outgoing { "negative" } else { "positive" };
            let message = format!(
                "This side of a transfer stays {sign}: record the transfer again to reverse it"
            );
            return Err(AppError::bad_input("input.amount", message));
        }
    };
    Ok(TransferPatch {
        amount,
        to_amount,
        date: patch.date,
        description: patch.description,
        notes: patch.notes,
    })
}
