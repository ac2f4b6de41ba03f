//! Totals of the transactions a filter matches: per currency (amounts in different
//! currencies are never added up), how many, money in, money out and the net — exact sums
//! of minor units over every matching row, not just a page.

use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{QueryFilter, QueryOrder, QuerySelect};

use super::query::{TransactionFilter, condition};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::entities::transaction::{self, Column};
use crate::service::{Store, exact_sum, joined, owned};

/// The matching transactions of one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyTotal {
    pub currency: Currency,
    pub count: i64,
    /// The sum of the positive amounts.
    pub money_in: Decimal,
    /// The sum of the negative amounts (negative or zero).
    pub money_out: Decimal,
    /// `money_in + money_out`.
    pub net: Decimal,
}

/// The totals of the viewer's transactions matching `filter`, one per currency, by code.
/// One statement, an aggregate over the matching rows.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn totals(
    store: &Store,
    viewer: &Viewer,
    filter: &TransactionFilter,
) -> AppResult<Vec<CurrencyTotal>> {
    let query = owned::<transaction::Entity>(viewer)
        .filter(condition(store, viewer, filter).await?)
        .select_only()
        .column(Column::Currency)
        .column_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), "n");
    let positive = "CASE WHEN amount_minor > 0 THEN amount_minor ELSE 0 END";
    let negative = "CASE WHEN amount_minor < 0 THEN amount_minor ELSE 0 END";
    let query = exact_sum(
        exact_sum(query, positive, "money_in"),
        negative,
        "money_out",
    );
    let rows: Vec<(String, i64, i64, i64, i64, i64)> = query
        .group_by(Column::Currency)
        .order_by_asc(Column::Currency)
        .into_tuple()
        .all(store.conn())
        .await?;
    rows.into_iter()
        .map(|(code, count, in_high, in_low, out_high, out_low)| {
            let currency = Currency::parse(&code).map_err(AppError::internal)?;
            let money_in = joined(in_high, in_low);
            let money_out = joined(out_high, out_low);
            let decimal = |minor: i128| {
                currency.from_wide_minor(minor).ok_or_else(|| {
                    AppError::internal(anyhow::anyhow!("a total beyond what a Decimal holds"))
                })
            };
            Ok(CurrencyTotal {
                currency,
                count,
                money_in: decimal(money_in)?,
                money_out: decimal(money_out)?,
                net: decimal(money_in + money_out)?,
            })
        })
        .collect()
}
