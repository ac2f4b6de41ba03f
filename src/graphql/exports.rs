//! `exportTransactions`: the viewer's transactions as CSV text.

use async_graphql::{Context, Object};

use super::context::{services, viewer};
use super::transactions::TransactionFilter;
use crate::service::exports;
use crate::service::transactions::TransactionFilter as Filter;

#[derive(Default)]
pub struct ExportQuery;

#[Object]
impl ExportQuery {
    /// The viewer's transactions matching `filter`, oldest first, as CSV (RFC 4180, CRLF line
    /// ends) with the header `date,account,category,description,amount,currency,tags,notes,id`.
    /// At most 100,000 rows (unless the server sets `EXPORT_MAX_ROWS`); text that a
    /// spreadsheet would read as a formula starts with `'`. `importTransactions` reads this
    /// format back. A heavy field: one per request.
    async fn export_transactions(
        &self,
        ctx: &Context<'_>,
        filter: Option<TransactionFilter>,
    ) -> async_graphql::Result<String> {
        let viewer = viewer(ctx)?;
        let filter: Filter = filter.unwrap_or_default().into();
        let services = services(ctx);
        let max_rows = services.export_max_rows;
        Ok(exports::transactions_csv(&services.store, viewer, &filter, max_rows).await?)
    }
}
