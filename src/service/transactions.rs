//! Transactions: the ledger. Create, read, partially update, delete, and list with filters
//! and keyset pagination ([`cursor`]). Amounts are signed (negative = money out) and stored
//! as integer minor units of the account's currency.

pub mod batch;
pub mod classify;
pub mod cursor;
mod edit;
mod ledger;
mod page_row;
mod query;
pub mod running;
pub mod tags;
pub mod totals;
pub mod transfers;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::entities::transaction;
use super::{Change, Store, owned, owned_by_id, text};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};

pub use cursor::{Direction, Order, OrderField};
pub use edit::{create, delete, update};
pub use page_row::{CategoryColumns, PageColumns};
pub use query::{Edge, Page, TransactionFilter, count, list};

/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 500;
/// Longest notes, in characters.
pub const MAX_NOTES_CHARS: usize = 5000;

/// A transaction of the viewer.
#[derive(Debug, Clone)]
pub struct Transaction {
    pub id: Uuid,
    pub account_id: Uuid,
    pub category_id: Option<Uuid>,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub currency: Currency,
    pub description: String,
    pub notes: Option<String>,
    /// Set on both legs of a transfer.
    pub transfer_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What creating a transaction needs; without an account it goes to the default account.
pub struct NewTransaction {
    pub account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub description: String,
    pub notes: Option<String>,
    pub tags: Vec<String>,
}

impl NewTransaction {
    /// The request in canonical form, for idempotency keys: equal for equal requests
    /// (`12.5` and `12.50` are one amount, tags are compared normalised).
    pub fn fingerprint(&self) -> String {
        let tags = tags::normalize("input.tags", &self.tags).unwrap_or_else(|_| self.tags.clone());
        format!(
            "{:?}|{:?}|{}|{}|{:?}|{:?}|{:?}",
            self.account_id,
            self.category_id,
            self.date,
            self.amount.normalize(),
            self.description.trim(),
            self.notes,
            tags
        )
    }
}

/// A partial update: `None`/`Keep` fields stay as they are.
#[derive(Default)]
pub struct TransactionPatch {
    pub account_id: Option<Uuid>,
    pub category_id: Change<Uuid>,
    pub date: Option<NaiveDate>,
    pub amount: Option<Decimal>,
    pub description: Option<String>,
    pub notes: Change<String>,
    /// Replaces all tags.
    pub tags: Option<Vec<String>>,
}

/// One transaction of the viewer, or `NOT_FOUND`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<Transaction> {
    let model = owned_by_id::<transaction::Entity>(viewer, id)
        .one(store.conn())
        .await?;
    model
        .map(to_transaction)
        .unwrap_or(Err(AppError::not_found("transaction")))
}

/// The viewer's transactions among `ids` that exist (another user's are simply absent),
/// newest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn by_ids(store: &Store, viewer: &Viewer, ids: &[Uuid]) -> AppResult<Vec<Transaction>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = owned::<transaction::Entity>(viewer)
        .filter(transaction::Column::Id.is_in(ids.iter().copied()))
        .order_by_desc(transaction::Column::Date)
        .order_by_desc(transaction::Column::Id)
        .all(store.conn())
        .await?;
    rows.into_iter().map(to_transaction).collect()
}

/// A description and notes as stored: trimmed and within their limits.
fn description_and_notes(
    description: &str,
    notes: Option<&str>,
) -> AppResult<(String, Option<String>)> {
    let description = text::required_line("input.description", description, MAX_DESCRIPTION_CHARS)?;
    let notes = text::optional_block("input.notes", notes, MAX_NOTES_CHARS)?;
    Ok((description, notes))
}

fn stored_currency(code: &str) -> AppResult<Currency> {
    Currency::parse(code).map_err(AppError::internal)
}

fn to_transaction(model: transaction::Model) -> AppResult<Transaction> {
    let currency = stored_currency(&model.currency)?;
    Ok(Transaction {
        id: model.id,
        account_id: model.account_id,
        category_id: model.category_id,
        date: model.date,
        amount: currency.from_minor(model.amount_minor),
        currency,
        description: model.description,
        notes: model.notes,
        transfer_id: model.transfer_id,
        created_at: model.created_at,
        updated_at: model.updated_at,
    })
}
