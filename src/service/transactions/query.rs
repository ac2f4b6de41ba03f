//! Listing transactions: filters, orders, keyset pages and the total count.

use chrono::NaiveDate;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LikeExpr};
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::cursor::{Cursor, Direction, Key, Order, OrderField};
use super::{Transaction, to_transaction};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::entities::transaction::{self, Column};
use crate::service::{Store, categories, owned};

/// Most ids in one `accountIds`/`categoryIds` filter.
pub const MAX_FILTER_IDS: usize = 100;
/// Longest text search.
pub const MAX_SEARCH_CHARS: usize = 200;

/// Which transactions to list. Every part is optional; parts combine with AND.
#[derive(Debug, Clone, Default)]
pub struct TransactionFilter {
    /// On or after this date.
    pub date_from: Option<NaiveDate>,
    /// On or before this date.
    pub date_to: Option<NaiveDate>,
    /// In any of these accounts.
    pub account_ids: Option<Vec<Uuid>>,
    /// In any of these categories or their sub-categories.
    pub category_ids: Option<Vec<Uuid>>,
    /// Description contains this text (case-insensitive).
    pub search: Option<String>,
}

/// One page of a listing: transactions with their cursors, and whether more follow.
#[derive(Debug)]
pub struct Page {
    pub edges: Vec<(String, Transaction)>,
    pub has_next_page: bool,
}

/// A page of at most `first` of the viewer's transactions matching `filter`, in `order`,
/// after the `after` cursor.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(
    store: &Store,
    viewer: &Viewer,
    filter: &TransactionFilter,
    order: Order,
    first: u64,
    after: Option<&str>,
) -> AppResult<Page> {
    let mut query =
        owned::<transaction::Entity>(viewer).filter(condition(store, viewer, filter).await?);
    if let Some(after) = after {
        query = query.filter(after_cursor(order, Cursor::decode(after, order.field)?));
    }
    let (key_column, sort) = match (order.field, order.direction) {
        (OrderField::Date, direction) => (Column::Date, direction),
        (OrderField::Amount, direction) => (Column::AmountMinor, direction),
    };
    let sort = match sort {
        Direction::Asc => sea_orm::Order::Asc,
        Direction::Desc => sea_orm::Order::Desc,
    };
    let mut rows = query
        .order_by(key_column, sort.clone())
        .order_by(Column::Id, sort)
        .limit(first + 1)
        .all(store.conn())
        .await?;
    let has_next_page = rows.len() as u64 > first;
    rows.truncate(usize::try_from(first).unwrap_or(usize::MAX));
    let edges = rows
        .into_iter()
        .map(|row| {
            let key = match order.field {
                OrderField::Date => Key::Date(row.date),
                OrderField::Amount => Key::Amount(row.amount_minor),
            };
            let cursor = Cursor { key, id: row.id }.encode();
            to_transaction(row).map(|t| (cursor, t))
        })
        .collect::<AppResult<_>>()?;
    Ok(Page {
        edges,
        has_next_page,
    })
}

/// How many of the viewer's transactions match `filter`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count(store: &Store, viewer: &Viewer, filter: &TransactionFilter) -> AppResult<u64> {
    let query =
        owned::<transaction::Entity>(viewer).filter(condition(store, viewer, filter).await?);
    Ok(query.count(store.conn()).await?)
}

/// Rows strictly after the cursor in `order` (ties on the key broken by id).
fn after_cursor(order: Order, cursor: Cursor) -> Condition {
    let (column, value): (Column, sea_orm::Value) = match cursor.key {
        Key::Date(date) => (Column::Date, date.into()),
        Key::Amount(minor) => (Column::AmountMinor, minor.into()),
    };
    let (beyond_key, beyond_id) = match order.direction {
        Direction::Desc => (column.lt(value.clone()), Column::Id.lt(cursor.id)),
        Direction::Asc => (column.gt(value.clone()), Column::Id.gt(cursor.id)),
    };
    Condition::any()
        .add(beyond_key)
        .add(Condition::all().add(column.eq(value)).add(beyond_id))
}

async fn condition(
    store: &Store,
    viewer: &Viewer,
    filter: &TransactionFilter,
) -> AppResult<Condition> {
    let mut all = Condition::all();
    if let (Some(from), Some(to)) = (filter.date_from, filter.date_to)
        && from > to
    {
        return Err(AppError::bad_input(
            "filter.dateTo",
            "dateTo must not be before dateFrom",
        ));
    }
    if let Some(from) = filter.date_from {
        all = all.add(Column::Date.gte(from));
    }
    if let Some(to) = filter.date_to {
        all = all.add(Column::Date.lte(to));
    }
    if let Some(ids) = &filter.account_ids {
        check_id_count("filter.accountIds", ids)?;
        all = all.add(Column::AccountId.is_in(ids.iter().copied()));
    }
    if let Some(ids) = &filter.category_ids {
        check_id_count("filter.categoryIds", ids)?;
        let with_children = categories::with_children(store, viewer, ids).await?;
        all = all.add(Column::CategoryId.is_in(with_children));
    }
    if let Some(search) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        all = all.add(search_condition(search)?);
    }
    Ok(all)
}

fn search_condition(search: &str) -> AppResult<Condition> {
    if search.chars().count() > MAX_SEARCH_CHARS {
        return Err(AppError::bad_input(
            "filter.search",
            format!("search must be at most {MAX_SEARCH_CHARS} characters"),
        ));
    }
    if search.chars().any(char::is_control) {
        return Err(AppError::bad_input(
            "filter.search",
            "search must not contain control characters",
        ));
    }
    let escaped = search
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let pattern = LikeExpr::new(format!("%{escaped}%")).escape('\\');
    Ok(Condition::all().add(Expr::col(Column::DescriptionKey).like(pattern)))
}

fn check_id_count(field: &str, ids: &[Uuid]) -> AppResult<()> {
    if ids.len() > MAX_FILTER_IDS {
        return Err(AppError::bad_input(
            field,
            format!("at most {MAX_FILTER_IDS} ids"),
        ));
    }
    Ok(())
}
