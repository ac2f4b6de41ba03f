//! Input types of the transaction operations: filter, order, create and update inputs.

use async_graphql::{Enum, InputObject, MaybeUndefined};

use super::super::scalars::{Date, Money, Uuid};
use crate::service::transactions::{Direction, Order, OrderField, TransactionFilter as Filter};

/// Which transactions to list; all parts are optional and combine with AND.
#[derive(InputObject, Default)]
pub struct TransactionFilter {
    /// On or after this date.
    pub date_from: Option<Date>,
    /// On or before this date.
    pub date_to: Option<Date>,
    /// In any of these accounts.
    pub account_ids: Option<Vec<Uuid>>,
    /// In any of these categories; a top-level category includes its sub-categories.
    pub category_ids: Option<Vec<Uuid>>,
    /// Description contains this text, ignoring case.
    pub search: Option<String>,
    /// Carrying any of these tags.
    pub tags: Option<Vec<String>>,
    /// Signed amount at least this (in each transaction's own currency).
    pub amount_min: Option<Money>,
    /// Signed amount at most this (in each transaction's own currency).
    pub amount_max: Option<Money>,
}

impl From<TransactionFilter> for Filter {
    fn from(filter: TransactionFilter) -> Self {
        let ids = |ids: Option<Vec<Uuid>>| ids.map(|ids| ids.into_iter().map(|id| id.0).collect());
        Self {
            date_from: filter.date_from.map(|d| d.0),
            date_to: filter.date_to.map(|d| d.0),
            account_ids: ids(filter.account_ids),
            category_ids: ids(filter.category_ids),
            search: filter.search,
            tags: filter.tags,
            amount_min: filter.amount_min.map(|m| m.0),
            amount_max: filter.amount_max.map(|m| m.0),
        }
    }
}

/// What to sort transactions by.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum TransactionOrderField {
    /// The transaction's date (the default).
    #[default]
    Date,
    /// The signed amount, within each currency: currencies come in code order, since
    /// amounts in different currencies are not comparable.
    Amount,
}

/// Sort direction.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortDirection {
    Asc,
    #[default]
    Desc,
}

/// Sort order; ties are broken by id in the same direction.
#[derive(InputObject, Default)]
pub struct TransactionOrder {
    #[graphql(default)]
    pub field: TransactionOrderField,
    #[graphql(default)]
    pub direction: SortDirection,
}

impl From<TransactionOrder> for Order {
    fn from(order: TransactionOrder) -> Self {
        Self {
            field: match order.field {
                TransactionOrderField::Date => OrderField::Date,
                TransactionOrderField::Amount => OrderField::Amount,
            },
            direction: match order.direction {
                SortDirection::Asc => Direction::Asc,
                SortDirection::Desc => Direction::Desc,
            },
        }
    }
}

/// A new transaction.
#[derive(InputObject)]
pub struct CreateTransactionInput {
    /// Defaults to the viewer's default account.
    pub account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub date: Date,
    /// Signed: negative is money out.
    pub amount: Money,
    /// 1–500 characters.
    pub description: String,
    /// Up to 5000 characters.
    pub notes: Option<String>,
    /// Free-text labels (trimmed, lower-cased; at most 20 of up to 50 characters, no commas).
    #[graphql(default)]
    pub tags: Vec<String>,
    /// A retry with the same key returns the transaction the first request created, and
    /// writes nothing (1–200 printable ASCII characters, unique per user).
    pub idempotency_key: Option<String>,
}

/// Changes to a transaction: omitted fields stay as they are; `null` clears
/// `categoryId` and `notes`.
#[derive(InputObject)]
pub struct UpdateTransactionInput {
    pub account_id: Option<Uuid>,
    pub category_id: MaybeUndefined<Uuid>,
    pub date: Option<Date>,
    pub amount: Option<Money>,
    pub description: Option<String>,
    pub notes: MaybeUndefined<String>,
    /// Replaces all tags.
    pub tags: Option<Vec<String>>,
}
