//! Changing several transactions at once: categorise, tag or untag, or delete a selection.
//! Each batch is one database transaction that locks every row first: all of it happens or
//! none of it. An id that is not the viewer's (another user's, or none at all) is
//! `NOT_FOUND` and changes nothing. Each transaction gets the audit event a change of it
//! alone would get (a transfer's leg: one event for the transfer).

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::ledger::ensure_in_range;
use super::{Transaction, tags, to_transaction, transfers};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{transaction, transaction_tag};
use crate::service::events::{self as live, LedgerKind};
use crate::service::{Change, Store, accounts, categories, lock_where, owned};

use transaction::Column;

/// Most transactions one batch may change.
pub const MAX_BATCH: usize = 200;

/// What a batch changes on every transaction it names.
#[derive(Debug, Default)]
pub struct BatchPatch {
    pub category_id: Change<uuid::Uuid>,
    /// Tags to add (a transaction that has one keeps it once).
    pub add_tags: Vec<String>,
    /// Tags to take off (one a transaction does not have is ignored).
    pub remove_tags: Vec<String>,
}

/// Apply `patch` to each of the viewer's transactions `ids`; returns them, changed, by date
/// (newest first). A category cannot be set on a leg of a transfer (`BAD_USER_INPUT`).
#[tracing::instrument(skip_all)]
pub async fn update_many(
    store: &Store,
    viewer: &Viewer,
    ids: &[Uuid],
    patch: BatchPatch,
) -> AppResult<Vec<Transaction>> {
    let ids = distinct(ids)?;
    let add = tags::normalize("input.addTags", &patch.add_tags)?;
    let remove = tags::normalize("input.removeTags", &patch.remove_tags)?;
    if add.iter().any(|tag| remove.contains(tag)) {
        let message = "a tag cannot be both added and removed";
        return Err(AppError::bad_input("input.removeTags", message));
    }
    if matches!(patch.category_id, Change::Keep) && add.is_empty() && remove.is_empty() {
        let message = "say what to change: categoryId, addTags or removeTags";
        return Err(AppError::bad_input("input", message));
    }
    let txn = store.begin().await?;
    let rows = lock_all(&txn, viewer, &ids).await?;
    if let Change::Set(category_id) = patch.category_id {
        if rows.iter().any(|row| row.transfer_id.is_some()) {
            let message = "A transfer is neither income nor expense, so it has no category";
            return Err(AppError::bad_input("input.categoryId", message));
        }
        categories::ensure_owned(&txn, viewer, category_id).await?;
    }
    let mut update = transaction::Entity::update_many()
        .filter(Column::UserId.eq(viewer.user_id()))
        .filter(Column::Id.is_in(ids.iter().copied()));
    match patch.category_id {
        Change::Keep => {}
        Change::Clear => update = update.col_expr(Column::CategoryId, Expr::value(None::<Uuid>)),
        Change::Set(id) => update = update.col_expr(Column::CategoryId, Expr::value(Some(id))),
    }
    update
        .col_expr(Column::UpdatedAt, Expr::value(Utc::now()))
        .exec(&txn)
        .await?;
    retag(&txn, viewer, &ids, &add, &remove).await?;
    for subject in subjects(&rows) {
        let event = Event::by(viewer, Action::Updated).entity(subject.0, subject.1);
        audit::record(&txn, event).await?;
    }
    let changed = owned::<transaction::Entity>(viewer)
        .filter(Column::Id.is_in(ids.iter().copied()))
        .order_by_desc(Column::Date)
        .order_by_desc(Column::Id)
        .all(&txn)
        .await?;
    let accounts: Vec<Uuid> = changed.iter().map(|row| row.account_id).collect();
    let kind = LedgerKind::TransactionsUpdated;
    txn.emit(live::Event::of_ledger(
        viewer.user_id(),
        kind,
        &ids,
        &accounts,
    ));
    txn.commit().await?;
    changed.into_iter().map(to_transaction).collect()
}

/// Delete each of the viewer's transactions `ids` (a leg of a transfer deletes the whole
/// transfer, as deleting it alone does); returns how many transactions were deleted.
#[tracing::instrument(skip_all)]
pub async fn delete_many(store: &Store, viewer: &Viewer, ids: &[Uuid]) -> AppResult<u64> {
    let ids = distinct(ids)?;
    let txn = store.begin().await?;
    let rows = lock_all(&txn, viewer, &ids).await?;
    let mut deleted = 0u64;
    let mut by_account: HashMap<Uuid, i64> = HashMap::new();
    let mut plain = Vec::new();
    let mut transfer_ids = BTreeSet::new();
    for row in &rows {
        match row.transfer_id {
            Some(transfer_id) => {
                transfer_ids.insert(transfer_id);
            }
            None => {
                *by_account.entry(row.account_id).or_default() += row.amount_minor;
                plain.push(row.id);
            }
        }
    }
    let mut account_ids: Vec<Uuid> = by_account.keys().copied().collect();
    account_ids.sort_unstable();
    for account_id in account_ids {
        let removed = by_account.get(&account_id).copied().unwrap_or(0);
        let account = accounts::lock(&txn, viewer, account_id).await?;
        ensure_in_range(&account, -removed, "ids")?;
        accounts::add_to_balance(&txn, viewer, account_id, -removed).await?;
    }
    if !plain.is_empty() {
        let gone = transaction::Entity::delete_many()
            .filter(Column::UserId.eq(viewer.user_id()))
            .filter(Column::Id.is_in(plain.iter().copied()))
            .exec(&txn)
            .await?;
        deleted += gone.rows_affected;
        for id in &plain {
            let event = Event::by(viewer, Action::Deleted).entity("transaction", id);
            audit::record(&txn, event).await?;
        }
    }
    let mut gone: Vec<Uuid> = plain.clone();
    let mut accounts: Vec<Uuid> = by_account.keys().copied().collect();
    for transfer_id in transfer_ids {
        let legs = transfers::delete_in(&txn, viewer, transfer_id).await?;
        gone.extend([legs.from.id, legs.to.id]);
        accounts.extend([legs.from.account_id, legs.to.account_id]);
        deleted += 2;
    }
    let kind = LedgerKind::TransactionsDeleted;
    txn.emit(live::Event::of_ledger(
        viewer.user_id(),
        kind,
        &gone,
        &accounts,
    ));
    txn.commit().await?;
    Ok(deleted)
}

/// The ids without repeats; `BAD_USER_INPUT` when there are none or more than [`MAX_BATCH`].
fn distinct(ids: &[Uuid]) -> AppResult<Vec<Uuid>> {
    let unique: BTreeSet<Uuid> = ids.iter().copied().collect();
    if unique.is_empty() || unique.len() > MAX_BATCH {
        let message = format!("name 1 to {MAX_BATCH} transactions");
        return Err(AppError::bad_input("ids", message));
    }
    Ok(unique.into_iter().collect())
}

/// Lock and read the viewer's transactions `ids`; `NOT_FOUND` unless every one is theirs.
async fn lock_all(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<Vec<transaction::Model>> {
    let condition = Condition::all().add(Column::Id.is_in(ids.iter().copied()));
    let locked = lock_where::<transaction::Entity>(db, viewer, condition).await?;
    if usize::try_from(locked).ok() != Some(ids.len()) {
        return Err(AppError::not_found("transaction"));
    }
    let rows = owned::<transaction::Entity>(viewer)
        .filter(Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    if rows.len() != ids.len() {
        return Err(AppError::not_found("transaction"));
    }
    Ok(rows)
}

/// Add `add` and take off `remove` on each of `ids` (the viewer's, locked); refuses a
/// transaction that would end up with more than [`tags::MAX_TAGS`].
async fn retag(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    ids: &[Uuid],
    add: &[String],
    remove: &[String],
) -> AppResult<()> {
    if add.is_empty() && remove.is_empty() {
        return Ok(());
    }
    let changing: Vec<String> = add.iter().chain(remove).cloned().collect();
    transaction_tag::Entity::delete_many()
        .filter(transaction_tag::Column::UserId.eq(viewer.user_id()))
        .filter(transaction_tag::Column::TransactionId.is_in(ids.iter().copied()))
        .filter(transaction_tag::Column::Tag.is_in(changing))
        .exec(db)
        .await?;
    let tagged: Vec<(Uuid, Vec<String>)> = ids.iter().map(|id| (*id, add.to_vec())).collect();
    tags::insert(db, viewer, &tagged).await?;
    if add.is_empty() {
        return Ok(());
    }
    let crowded: Option<Uuid> = transaction_tag::Entity::find()
        .select_only()
        .column(transaction_tag::Column::TransactionId)
        .filter(transaction_tag::Column::UserId.eq(viewer.user_id()))
        .filter(transaction_tag::Column::TransactionId.is_in(ids.iter().copied()))
        .group_by(transaction_tag::Column::TransactionId)
        .having(Expr::cust(format!("COUNT(*) > {}", tags::MAX_TAGS)))
        .into_tuple()
        .one(db)
        .await?;
    if crowded.is_some() {
        let message = format!("at most {} tags per transaction", tags::MAX_TAGS);
        return Err(AppError::bad_input("input.addTags", message));
    }
    Ok(())
}

/// What each changed row is audited as: the transaction, or (for a leg) its transfer once.
fn subjects(rows: &[transaction::Model]) -> BTreeSet<(&'static str, Uuid)> {
    rows.iter()
        .map(|row| match row.transfer_id {
            Some(transfer_id) => ("transfer", transfer_id),
            None => ("transaction", row.id),
        })
        .collect()
}
