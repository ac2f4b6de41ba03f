//! Exporting the viewer's transactions as CSV (RFC 4180: CRLF line ends, fields quoted only
//! when they must be), oldest first, read a page at a time through the same filtered keyset
//! listing the API uses, so any filter the listing learns, the export knows too.
//!
//! Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
//! tab or CR) get a leading `'`, as OWASP advises against CSV injection; the import takes it
//! off again, so an export imports back as the same rows.

use std::borrow::Cow;
use std::collections::HashMap;

use uuid::Uuid;

use super::imports::FORMULA_STARTS;
use super::transactions::{
    self, Direction, Order, OrderField, PageColumns, Transaction, TransactionFilter, tags,
};
use super::{Store, accounts, categories};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::page::PageSize;

/// Rows read per page.
const PAGE_ROWS: PageSize = PageSize::internal(1000);
/// The header row.
pub const HEADER: [&str; 9] = [
    "date",
    "account",
    "category",
    "description",
    "amount",
    "currency",
    "tags",
    "notes",
    "id",
];

/// The viewer's transactions matching `filter` as CSV text, oldest first; `BAD_USER_INPUT`
/// if more than `max_rows` match.
#[tracing::instrument(skip_all)]
pub async fn transactions_csv(
    store: &Store,
    viewer: &Viewer,
    filter: &TransactionFilter,
    max_rows: u64,
) -> AppResult<String> {
    let matching = transactions::count(store, viewer, filter).await?;
    if matching > max_rows {
        return Err(too_many(matching, max_rows));
    }
    let names = Names::load(store, viewer).await?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(HEADER).map_err(AppError::internal)?;
    let order = Order {
        field: OrderField::Date,
        direction: Direction::Asc,
    };
    let (mut after, mut written) = (None::<String>, 0_u64);
    loop {
        let page = transactions::list(
            store,
            viewer,
            filter,
            order,
            PAGE_ROWS,
            after.as_deref(),
            PageColumns::ALL,
        )
        .await?;
        let ids: Vec<Uuid> = page.edges.iter().map(|e| e.transaction.id).collect();
        let tags = tags::of(store, viewer, &ids).await?;
        for edge in &page.edges {
            let transaction = &edge.transaction;
            written += 1;
            if written > max_rows {
                return Err(too_many(written, max_rows));
            }
            let tags = tags.get(&transaction.id).map_or(&[][..], Vec::as_slice);
            let record = names.record(transaction, tags);
            writer
                .write_record(record.iter().map(|cell| cell.as_bytes()))
                .map_err(AppError::internal)?;
        }
        after = page.edges.last().map(|e| e.cursor.encode());
        if !page.has_next_page || after.is_none() {
            break;
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| AppError::internal(anyhow::anyhow!("CSV writer: {err}")))?;
    String::from_utf8(bytes).map_err(AppError::internal)
}

fn too_many(rows: u64, max_rows: u64) -> AppError {
    let message = format!(
        "{rows} transactions match; an export holds at most {max_rows}. \
         Narrow the filter, for example to a range of dates"
    );
    AppError::bad_input("filter", message)
}

/// Account names, and category names as `Parent / Child` for sub-categories.
struct Names {
    accounts: HashMap<Uuid, String>,
    categories: HashMap<Uuid, String>,
}

impl Names {
    async fn load(store: &Store, viewer: &Viewer) -> AppResult<Self> {
        let accounts = accounts::list(store, viewer).await?;
        let categories = categories::list(store, viewer).await?;
        let plain: HashMap<Uuid, &str> =
            categories.iter().map(|c| (c.id, c.name.as_str())).collect();
        let categories = categories
            .iter()
            .map(|c| {
                let parent = c.parent_id.and_then(|id| plain.get(&id));
                let name = match parent {
                    Some(parent) => format!("{parent} / {}", c.name),
                    None => c.name.clone(),
                };
                (c.id, name)
            })
            .collect();
        Ok(Self {
            accounts: accounts.into_iter().map(|a| (a.id, a.name)).collect(),
            categories,
        })
    }

    /// One CSV record, in [`HEADER`] order.
    fn record<'a>(&'a self, t: &'a Transaction, tags: &[String]) -> [Cow<'a, str>; 9] {
        let account = self.accounts.get(&t.account_id).map_or("", String::as_str);
        let category = t
            .category_id
            .and_then(|id| self.categories.get(&id))
            .map_or("", String::as_str);
        [
            Cow::Owned(t.date.to_string()),
            guarded(account),
            guarded(category),
            guarded(&t.description),
            Cow::Owned(t.amount.to_string()),
            Cow::Borrowed(t.currency.code()),
            Cow::Owned(guarded(&tags.join(",")).into_owned()),
            guarded(t.notes.as_deref().unwrap_or("")),
            Cow::Owned(t.id.to_string()),
        ]
    }
}

/// A text cell a spreadsheet will not run as a formula.
fn guarded(text: &str) -> Cow<'_, str> {
    // A text that already starts with the guard is guarded too, so that the import (which
    // removes one guard) gives back exactly what was exported.
    if text.starts_with(FORMULA_STARTS) || text.starts_with('\'') {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_start_a_formula_get_a_leading_quote() {
        for (text, expected) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("-x", "'-x"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Coffee", "Coffee"),
            ("'=not a formula", "''=not a formula"),
            ("'quoted'", "''quoted'"),
            ("", ""),
        ] {
            assert_eq!(guarded(text), expected);
        }
    }
}
