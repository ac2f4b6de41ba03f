//! Listing transactions: filters, orders, keyset pages and the total count.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::cursor::{Cursor, Direction, Key, Order, OrderField};
use super::page_row::{self, PageColumns};
use super::{Transaction, tags};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::categories::Category;
use crate::service::entities::transaction::{self, Column};
use crate::service::page::PageSize;
use crate::service::{Store, accounts, categories, owned, text};

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
    /// Carrying any of these tags.
    pub tags: Option<Vec<String>>,
    /// Signed amount at least this, in each transaction's own currency.
    pub amount_min: Option<Decimal>,
    /// Signed amount at most this, in each transaction's own currency.
    pub amount_max: Option<Decimal>,
}

/// One page of a listing: transactions with their cursors, and whether more follow.
#[derive(Debug)]
pub struct Page {
    pub edges: Vec<Edge>,
    pub has_next_page: bool,
}

/// One transaction of a page, with its position (encode it only when a client asks).
#[derive(Debug)]
pub struct Edge {
    pub cursor: Cursor,
    pub transaction: Transaction,
    /// The transaction's category, when the page's columns join it.
    pub category: Option<Option<Category>>,
}

/// A page of at most `size` of the viewer's transactions matching `filter`, in `order`,
/// after the `after` cursor, reading `columns` (see [`PageColumns`]: the others are
/// placeholders).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(
    store: &Store,
    viewer: &Viewer,
    filter: &TransactionFilter,
    order: Order,
    size: PageSize,
    after: Option<&str>,
    columns: PageColumns,
) -> AppResult<Page> {
    let mut query =
        owned::<transaction::Entity>(viewer).filter(condition(store, viewer, filter).await?);
    if let Some(after) = after {
        let cursor = Cursor::decode(after, order.field)?;
        query = query.filter(beyond(&sort_key(&cursor.key, cursor.id), order.direction));
    }
    let sort = match order.direction {
        Direction::Asc => sea_orm::Order::Asc,
        Direction::Desc => sea_orm::Order::Desc,
    };
    for column in sort_columns(order.field) {
        query = query.order_by(*column, sort.clone());
    }
    let query = page_row::select(query, &columns);
    let rows = page_row::fetch(store.conn(), query, &columns, size.limit()).await?;
    let (rows, has_next_page) = size.cut(rows);
    let edges = rows
        .into_iter()
        .map(|row| {
            let key = match order.field {
                OrderField::Date => Key::Date(row.transaction.date),
                OrderField::Amount => Key::Amount {
                    currency: row.transaction.currency,
                    minor: row.amount_minor,
                },
            };
            Edge {
                cursor: Cursor {
                    key,
                    id: row.transaction.id,
                },
                transaction: row.transaction,
                category: row.category,
            }
        })
        .collect();
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

/// The columns an order sorts by, id last. Amounts sort within their currency: minor units
/// of different currencies are not comparable.
fn sort_columns(field: OrderField) -> &'static [Column] {
    match field {
        OrderField::Date => &[Column::Date, Column::Id],
        OrderField::Amount => &[Column::Currency, Column::AmountMinor, Column::Id],
    }
}

/// The values of `sort_columns` at a cursor.
fn sort_key(key: &Key, id: Uuid) -> Vec<(Column, sea_orm::Value)> {
    match *key {
        Key::Date(date) => vec![(Column::Date, date.into()), (Column::Id, id.into())],
        Key::Amount { currency, minor } => vec![
            (Column::Currency, currency.code().into()),
            (Column::AmountMinor, minor.into()),
            (Column::Id, id.into()),
        ],
    }
}

/// Rows strictly after `key` in lexicographic order of its columns, all in `direction`:
/// `(a > x) OR (a = x AND b > y) OR (a = x AND b = y AND c > z)`.
fn beyond(key: &[(Column, sea_orm::Value)], direction: Direction) -> Condition {
    let mut any = Condition::any();
    for (i, (column, value)) in key.iter().enumerate() {
        let mut all = Condition::all();
        for (equal_column, equal_value) in &key[..i] {
            all = all.add(equal_column.eq(equal_value.clone()));
        }
        let step = match direction {
            Direction::Desc => column.lt(value.clone()),
            Direction::Asc => column.gt(value.clone()),
        };
        any = any.add(all.add(step));
    }
    any
}

pub(super) async fn condition(
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
    if let Some(tags) = &filter.tags {
        let tags = tags::normalize("filter.tags", tags)?;
        all = all.add(tags::tagged_with_any(viewer, tags));
    }
    if let (Some(min), Some(max)) = (filter.amount_min, filter.amount_max)
        && min > max
    {
        return Err(AppError::bad_input(
            "filter.amountMax",
            "amountMax must not be below amountMin",
        ));
    }
    if filter.amount_min.is_some() || filter.amount_max.is_some() {
        let currencies = accounts::currencies(store, viewer).await?;
        all = all.add(amount_condition(
            &currencies,
            filter.amount_min,
            filter.amount_max,
        ));
    }
    Ok(all)
}

/// Amounts within `[min, max]`: minor units are per currency, so the bounds are converted
/// for each currency the viewer has (rounding inwards: a bound with more decimals than the
/// currency keeps exactly the amounts within it).
fn amount_condition(
    currencies: &[Currency],
    min: Option<Decimal>,
    max: Option<Decimal>,
) -> Condition {
    let mut any = Condition::any();
    for currency in currencies {
        let mut all = Condition::all().add(Column::Currency.eq(currency.code()));
        if let Some(min) = min {
            all = all.add(Column::AmountMinor.gte(currency.minor_bound(min, true)));
        }
        if let Some(max) = max {
            all = all.add(Column::AmountMinor.lte(currency.minor_bound(max, false)));
        }
        any = any.add(all);
    }
    any
}

fn search_condition(search: &str) -> AppResult<Condition> {
    let pattern = text::search_pattern("filter.search", search, MAX_SEARCH_CHARS)?;
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
