//! Budgets: how much the viewer means to spend in an expense category in a month, in one
//! currency. One budget per category and month; setting it again replaces the amount. A
//! budget on a top-level category covers its sub-categories too (see [`status`]).
//!
//! In the audit log, setting a budget is `CREATED` or `UPDATED` (a budget was there), and
//! copying the previous month's budgets is one `CREATED` event per budget it created.

mod status;
pub mod thresholds;

use chrono::Utc;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Condition, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::audit::{self, Action, Event};
use super::categories::{self, CategoryKind};
use super::entities::budget;
use super::month::Month;
use super::reports::currency_or_base;
use super::{Store, delete_owned, lock_where, owned};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::events as live;

pub use status::{BudgetLine, BudgetStatus, status};

/// A budget of the viewer.
#[derive(Debug, Clone)]
pub struct Budget {
    pub id: Uuid,
    pub category_id: Uuid,
    pub month: Month,
    pub amount: Decimal,
    pub currency: Currency,
    amount_minor: i64,
}

/// What setting a budget needs; without a currency it is the viewer's base currency.
pub struct NewBudget {
    pub category_id: Uuid,
    pub month: Month,
    pub amount: Decimal,
    pub currency: Option<String>,
}

/// The viewer's budgets for `month`, in a stable order (by category id).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(store: &Store, viewer: &Viewer, month: Month) -> AppResult<Vec<Budget>> {
    in_month(store.conn(), viewer, month).await
}

async fn in_month(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    month: Month,
) -> AppResult<Vec<Budget>> {
    owned::<budget::Entity>(viewer)
        .filter(budget::Column::Month.eq(month.first_day()))
        .order_by_asc(budget::Column::CategoryId)
        .all(db)
        .await?
        .into_iter()
        .map(to_budget)
        .collect()
}

/// Set the budget of an expense category for a month, replacing the one there is.
#[tracing::instrument(skip_all)]
pub async fn set(store: &Store, viewer: &Viewer, input: NewBudget) -> AppResult<Budget> {
    let db = store.conn();
    let category = categories::find(db, viewer, input.category_id)
        .await?
        .ok_or(AppError::not_found("category"))?;
    if category.kind != CategoryKind::Expense {
        return Err(AppError::bad_input(
            "input.categoryId",
            "Budgets are for expense categories",
        ));
    }
    let currency =
        currency_or_base(db, viewer, input.currency.as_deref(), "input.currency").await?;
    let minor = currency
        .to_minor(input.amount)
        .map_err(|err| AppError::bad_input("input.amount", err.to_string()))?;
    if minor < 0 {
        return Err(AppError::bad_input(
            "input.amount",
            "amount must not be negative",
        ));
    }
    let now = Utc::now();
    let new_id = Uuid::now_v7();
    let row = budget::ActiveModel {
        id: Set(new_id),
        user_id: Set(viewer.user_id()),
        category_id: Set(input.category_id),
        month: Set(input.month.first_day()),
        currency: Set(currency.code().to_owned()),
        amount_minor: Set(minor),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let upsert = OnConflict::columns([
        budget::Column::UserId,
        budget::Column::Month,
        budget::Column::CategoryId,
    ])
    .update_columns([
        budget::Column::Currency,
        budget::Column::AmountMinor,
        budget::Column::UpdatedAt,
    ])
    .to_owned();
    let txn = store.begin().await?;
    let written = budget::Entity::insert(row)
        .on_conflict(upsert)
        .exec_with_returning(&txn)
        .await?;
    // The upsert keeps the id of a budget that was there: then this was a change.
    let action = if written.id == new_id {
        Action::Created
    } else {
        Action::Updated
    };
    audit::record(&txn, Event::by(viewer, action).entity("budget", written.id)).await?;
    txn.emit(live::Event::budgets(viewer.user_id()));
    txn.commit().await?;
    to_budget(written)
}

/// Delete one of the viewer's budgets; `NOT_FOUND` if it is not theirs.
#[tracing::instrument(skip_all)]
pub async fn delete(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    let txn = store.begin().await?;
    let deleted = delete_owned::<budget::Entity>(viewer, id)
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(AppError::not_found("budget"));
    }
    audit::record(
        &txn,
        Event::by(viewer, Action::Deleted).entity("budget", id),
    )
    .await?;
    txn.emit(live::Event::budgets(viewer.user_id()));
    txn.commit().await?;
    Ok(())
}

/// Copy the previous month's budgets into `month`, leaving the categories that already have
/// a budget in `month` as they are; all in one database transaction. Returns the budgets of
/// `month`.
#[tracing::instrument(skip_all)]
pub async fn copy_previous(store: &Store, viewer: &Viewer, month: Month) -> AppResult<Vec<Budget>> {
    let previous = month
        .previous()
        .ok_or_else(|| AppError::bad_input("month", "there is no month before this one"))?;
    let txn = store.begin().await?;
    let in_target = Condition::all().add(budget::Column::Month.eq(month.first_day()));
    lock_where::<budget::Entity>(&txn, viewer, in_target).await?;
    let before = in_month(&txn, viewer, month).await?;
    let source = in_month(&txn, viewer, previous).await?;
    let now = Utc::now();
    let rows: Vec<budget::ActiveModel> = source
        .iter()
        .map(|b| budget::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(viewer.user_id()),
            category_id: Set(b.category_id),
            month: Set(month.first_day()),
            currency: Set(b.currency.code().to_owned()),
            amount_minor: Set(b.amount_minor),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .collect();
    if !rows.is_empty() {
        budget::Entity::insert_many(rows)
            .on_conflict_do_nothing_on([
                budget::Column::UserId,
                budget::Column::Month,
                budget::Column::CategoryId,
            ])
            .exec_without_returning(&txn)
            .await?;
    }
    let copied = in_month(&txn, viewer, month).await?;
    record_created(&txn, viewer, &before, &copied).await?;
    txn.emit(live::Event::budgets(viewer.user_id()));
    txn.commit().await?;
    Ok(copied)
}

/// One `CREATED` event per budget in `after` that was not in `before`.
async fn record_created(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    before: &[Budget],
    after: &[Budget],
) -> AppResult<()> {
    for budget in after {
        if !before.iter().any(|b| b.id == budget.id) {
            audit::record(
                db,
                Event::by(viewer, Action::Created).entity("budget", budget.id),
            )
            .await?;
        }
    }
    Ok(())
}

fn to_budget(row: budget::Model) -> AppResult<Budget> {
    let currency = Currency::parse(&row.currency).map_err(AppError::internal)?;
    Ok(Budget {
        id: row.id,
        category_id: row.category_id,
        month: Month::of(row.month),
        amount: currency.from_minor(row.amount_minor),
        currency,
        amount_minor: row.amount_minor,
    })
}
