//! Writing transactions: create, update, delete. Each runs in one database transaction that
//! locks the rows whose balance it changes, so concurrent writes can neither mix currencies
//! nor together pass the balance bound. Each also writes its audit event in that database
//! transaction; a change to one leg of a transfer is logged as a change of the transfer.

use chrono::Utc;
use rust_decimal::Decimal;
use sea_orm::{ActiveValue::Set, DatabaseTransaction, EntityTrait, IntoActiveModel};
use uuid::Uuid;

use super::classify::{Classify, Explicit, Subject};
use super::ledger::{ensure_in_range, ensure_open, minor_in, reference_gone, save_owned};
use super::{
    MAX_DESCRIPTION_CHARS, MAX_NOTES_CHARS, NewTransaction, Transaction, TransactionPatch,
    description_and_notes, stored_currency, tags, to_transaction, transfers,
};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::transaction;
use crate::service::events::{self as live, LedgerKind};
use crate::service::idempotency::Claim;
use crate::service::{
    Change, Store, accounts, categories, delete_owned, lock_owned, owned_by_id, text,
};

/// Record a transaction. The account and category must be the viewer's (`NOT_FOUND`
/// otherwise), and the amount must fit the account's currency and balance range. The account
/// is locked meanwhile, so concurrent writes cannot together pass the balance bound.
/// `rules` fill in the category and tags when the input leaves them out (the description
/// given is the user's own, never renamed).
#[tracing::instrument(skip_all)]
pub async fn create(
    store: &Store,
    viewer: &Viewer,
    input: NewTransaction,
    claim: Option<Claim>,
    rules: &dyn Classify,
) -> AppResult<Transaction> {
    let (description, notes) = description_and_notes(&input.description, input.notes.as_deref())?;
    let tags = tags::normalize("input.tags", &input.tags)?;
    let txn = store.begin().await?;
    let account = match input.account_id {
        Some(id) => accounts::lock(&txn, viewer, id).await?,
        None => accounts::lock_default(&txn, viewer).await?,
    };
    if let Some(claim) = &claim
        && let Some(id) = claim.earlier(&txn, viewer).await?
    {
        txn.rollback().await?;
        return super::get(store, viewer, id).await;
    }
    let id = Uuid::now_v7();
    // Recorded before the checks below, so a refused create provably rolls it back.
    audit::record(
        &txn,
        Event::by(viewer, Action::Created).entity("transaction", id),
    )
    .await?;
    ensure_open(&account, "input.accountId")?;
    if let Some(category_id) = input.category_id {
        categories::ensure_owned(&txn, viewer, category_id).await?;
    }
    let amount_minor = minor_in(account.currency, input.amount, "input.amount")?;
    ensure_in_range(&account, amount_minor, "input.amount")?;
    let subject = Subject {
        account_id: account.id,
        amount: input.amount,
        description: &description,
    };
    let explicit = Explicit {
        category: input.category_id.is_some(),
        tags: !tags.is_empty(),
        description: true,
    };
    let decided = rules.classify(subject, explicit);
    let category_id = input.category_id.or(decided.category_id);
    let tags = if tags.is_empty() { decided.tags } else { tags };
    let now = Utc::now();
    let row = transaction::ActiveModel {
        id: Set(id),
        user_id: Set(viewer.user_id()),
        account_id: Set(account.id),
        category_id: Set(category_id),
        date: Set(input.date),
        amount_minor: Set(amount_minor),
        currency: Set(account.currency.code().to_owned()),
        description_key: Set(description.to_lowercase()),
        description: Set(description),
        notes: Set(notes),
        transfer_id: Set(None),
        import_key: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let model = transaction::Entity::insert(row)
        .exec_with_returning(&txn)
        .await
        .map_err(reference_gone)?;
    accounts::add_to_balance(&txn, viewer, account.id, amount_minor).await?;
    tags::insert(&txn, viewer, &[(id, tags)]).await?;
    if let Some(claim) = &claim {
        claim.record(&txn, viewer, id).await?;
    }
    let kind = LedgerKind::TransactionsCreated;
    txn.emit(live::Event::of_ledger(
        viewer.user_id(),
        kind,
        &[id],
        &[account.id],
    ));
    txn.commit().await?;
    to_transaction(model)
}

/// Change some fields of a transaction of the viewer; `NOT_FOUND` if it is not theirs.
/// Runs in one database transaction with the row (and any account whose balance changes)
/// locked, so concurrent edits cannot mix an amount of one currency with another currency or
/// together pass the balance bound.
#[tracing::instrument(skip_all)]
pub async fn update(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    patch: TransactionPatch,
) -> AppResult<Transaction> {
    let tags = patch
        .tags
        .as_deref()
        .map(|t| tags::normalize("input.tags", t))
        .transpose()?;
    let txn = store.begin().await?;
    let current = locked(&txn, viewer, id).await?;
    if let Some(tags) = tags {
        tags::replace(&txn, viewer, id, tags).await?;
    }
    if let Some(transfer_id) = current.transfer_id {
        let legs =
            transfers::update_through_leg(&txn, viewer, &current, transfer_id, patch).await?;
        let updated = owned_by_id::<transaction::Entity>(viewer, id)
            .one(&txn)
            .await?;
        let ids = [legs.from.id, legs.to.id];
        let accounts = [legs.from.account_id, legs.to.account_id];
        let kind = LedgerKind::TransactionsUpdated;
        txn.emit(live::Event::of_ledger(
            viewer.user_id(),
            kind,
            &ids,
            &accounts,
        ));
        txn.commit().await?;
        return updated
            .map(to_transaction)
            .unwrap_or(Err(AppError::not_found("transaction")));
    }
    let mut row = current.clone().into_active_model();
    change_money(
        &txn,
        viewer,
        &current,
        patch.account_id,
        patch.amount,
        &mut row,
    )
    .await?;
    match patch.category_id {
        Change::Keep => {}
        Change::Clear => row.category_id = Set(None),
        Change::Set(category_id) => {
            categories::ensure_owned(&txn, viewer, category_id).await?;
            row.category_id = Set(Some(category_id));
        }
    }
    if let Some(date) = patch.date {
        row.date = Set(date);
    }
    if let Some(description) = patch.description {
        let value = text::required_line("input.description", &description, MAX_DESCRIPTION_CHARS)?;
        row.description_key = Set(value.to_lowercase());
        row.description = Set(value);
    }
    row.notes = match patch.notes {
        Change::Keep => row.notes,
        Change::Clear => Set(None),
        Change::Set(notes) => Set(text::optional_block(
            "input.notes",
            Some(&notes),
            MAX_NOTES_CHARS,
        )?),
    };
    row.updated_at = Set(Utc::now());
    let updated = save_owned(&txn, viewer, id, row).await?;
    audit::record(
        &txn,
        Event::by(viewer, Action::Updated).entity("transaction", id),
    )
    .await?;
    let accounts = [current.account_id, updated.account_id];
    let kind = LedgerKind::TransactionsUpdated;
    txn.emit(live::Event::of_ledger(
        viewer.user_id(),
        kind,
        &[id],
        &accounts,
    ));
    txn.commit().await?;
    Ok(updated)
}

/// Apply a new account and/or amount, with the accounts involved locked. Moving to an account
/// in another currency needs the amount in that currency: an amount is never silently
/// reinterpreted. Both balances — the one the money leaves and the one it joins — must stay
/// in range.
async fn change_money(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    current: &transaction::Model,
    account_id: Option<Uuid>,
    amount: Option<Decimal>,
    row: &mut transaction::ActiveModel,
) -> AppResult<()> {
    let moving = account_id.filter(|id| *id != current.account_id);
    if moving.is_none() && amount.is_none() {
        return Ok(());
    }
    let (source, target) = match moving {
        Some(to) => accounts::lock_pair(db, viewer, current.account_id, to).await?,
        None => {
            let account = accounts::lock(db, viewer, current.account_id).await?;
            (account.clone(), account)
        }
    };
    let old_currency = stored_currency(&current.currency)?;
    let amount = match amount {
        Some(amount) => amount,
        None if target.currency == old_currency => old_currency.from_minor(current.amount_minor),
        None => {
            let currency = target.currency;
            let message =
                format!("This account is in {currency}; give the amount in {currency} too");
            return Err(AppError::bad_input("input.amount", message));
        }
    };
    let minor = minor_in(target.currency, amount, "input.amount")?;
    if moving.is_some() {
        ensure_open(&target, "input.accountId")?;
        ensure_in_range(&source, -current.amount_minor, "input.accountId")?;
        ensure_in_range(&target, minor, "input.amount")?;
        accounts::add_to_balance(db, viewer, source.id, -current.amount_minor).await?;
        accounts::add_to_balance(db, viewer, target.id, minor).await?;
    } else {
        ensure_in_range(&target, minor - current.amount_minor, "input.amount")?;
        accounts::add_to_balance(db, viewer, target.id, minor - current.amount_minor).await?;
    }
    if moving.is_some() {
        // The fingerprint of an imported row belongs to the account it was imported into.
        row.import_key = Set(None);
    }
    row.account_id = Set(target.id);
    row.currency = Set(target.currency.code().to_owned());
    row.amount_minor = Set(minor);
    Ok(())
}

/// Delete a transaction of the viewer; `NOT_FOUND` if it is not theirs. Its account is
/// locked and its balance must stay in range without it.
#[tracing::instrument(skip_all)]
pub async fn delete(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    let txn = store.begin().await?;
    let current = locked(&txn, viewer, id).await?;
    if let Some(transfer_id) = current.transfer_id {
        let legs = transfers::delete_in(&txn, viewer, transfer_id).await?;
        let ids = [legs.from.id, legs.to.id];
        let accounts = [legs.from.account_id, legs.to.account_id];
        let kind = LedgerKind::TransferDeleted;
        txn.emit(live::Event::of_ledger(
            viewer.user_id(),
            kind,
            &ids,
            &accounts,
        ));
        txn.commit().await?;
        return Ok(());
    }
    let account = accounts::lock(&txn, viewer, current.account_id).await?;
    ensure_in_range(&account, -current.amount_minor, "id")?;
    delete_owned::<transaction::Entity>(viewer, id)
        .exec(&txn)
        .await?;
    accounts::add_to_balance(&txn, viewer, account.id, -current.amount_minor).await?;
    audit::record(
        &txn,
        Event::by(viewer, Action::Deleted).entity("transaction", id),
    )
    .await?;
    let kind = LedgerKind::TransactionsDeleted;
    txn.emit(live::Event::of_ledger(
        viewer.user_id(),
        kind,
        &[id],
        &[account.id],
    ));
    txn.commit().await?;
    Ok(())
}

/// Lock and read one of the viewer's transactions; `NOT_FOUND` if it is not theirs.
async fn locked(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<transaction::Model> {
    if !lock_owned::<transaction::Entity>(db, viewer, id).await? {
        return Err(AppError::not_found("transaction"));
    }
    owned_by_id::<transaction::Entity>(viewer, id)
        .one(db)
        .await?
        .ok_or(AppError::not_found("transaction"))
}
