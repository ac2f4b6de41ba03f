//! Reports: cash flow ([`cashflow`]), spending by category ([`spending`]) and net worth
//! ([`net_worth`]), plus the pieces they share.
//!
//! Rules every report follows:
//! - one currency at a time (the viewer's base currency unless another is asked for): only
//!   transactions whose `currency` is that one count, and nothing is ever summed across
//!   currencies;
//! - transfer legs (`transfer_id IS NOT NULL`) never count: moving money is neither income
//!   nor expense;
//! - classification: a transaction in an INCOME category is income, signed (a negative one
//!   reduces income); in an EXPENSE category it is expense, negated (a refund, a positive
//!   amount, reduces expenses); without a category, money in is income and money out is
//!   expense;
//! - the database sums per (category, day) or (account, day) in a constant number of
//!   portable statements; months are folded here with 128-bit integers, and amounts and
//!   percentages leave as exact `Decimal`s (percentages rounded to 2 places, half away from
//!   zero; `None` when the base is zero).

pub mod cashflow;
pub mod net_worth;
pub mod period;
pub mod spending;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::categories::{Category, CategoryKind, to_category};
use super::entities::{category, transaction, user, valuation};
use super::{Store, exact_sum, joined, owned};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;

/// The currency named by `code`, or the viewer's base currency when there is none;
/// `BAD_USER_INPUT` on `field` for a code that is not ISO 4217.
pub(super) async fn currency_or_base(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    code: Option<&str>,
    field: &str,
) -> AppResult<Currency> {
    if let Some(code) = code {
        return Currency::parse(code).map_err(|err| AppError::bad_input(field, err.to_string()));
    }
    let user = user::Entity::find_by_id(viewer.user_id())
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated("This user no longer exists"))?;
    Currency::parse(&user.base_currency).map_err(AppError::internal)
}

/// `BAD_USER_INPUT` on `field` unless `year` is one reports cover.
pub(super) fn check_year(year: i32, field: &str) -> AppResult<()> {
    use super::calendar::{MAX_YEAR, MIN_YEAR, is_supported_year};
    if is_supported_year(year) {
        Ok(())
    } else {
        Err(AppError::bad_input(
            field,
            format!("year must be between {MIN_YEAR} and {MAX_YEAR}"),
        ))
    }
}

/// The money of one category (or of no category) on one day, split by direction.
#[derive(Debug, Clone, Copy)]
pub(super) struct DayFlow {
    pub category_id: Option<Uuid>,
    pub date: NaiveDate,
    /// Sum of the positive amounts, in minor units.
    pub inflow: i128,
    /// Sum of the negative amounts, in minor units (≤ 0).
    pub outflow: i128,
}

/// The viewer's non-transfer transactions in `currency` dated `from..=to`, summed per
/// category and day. One statement.
pub(super) async fn day_flows(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    currency: Currency,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Vec<DayFlow>> {
    let query = owned::<transaction::Entity>(viewer)
        .select_only()
        .column(transaction::Column::CategoryId)
        .column(transaction::Column::Date);
    let query = exact_sum(
        query,
        "CASE WHEN amount_minor > 0 THEN amount_minor ELSE 0 END",
        "inflow",
    );
    let query = exact_sum(
        query,
        "CASE WHEN amount_minor < 0 THEN amount_minor ELSE 0 END",
        "outflow",
    );
    let rows: Vec<(Option<Uuid>, NaiveDate, i64, i64, i64, i64)> = query
        .filter(transaction::Column::Currency.eq(currency.code()))
        .filter(transaction::Column::TransferId.is_null())
        .filter(transaction::Column::Date.between(from, to))
        .group_by(transaction::Column::CategoryId)
        .group_by(transaction::Column::Date)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(category_id, date, in_high, in_low, out_high, out_low)| DayFlow {
                category_id,
                date,
                inflow: joined(in_high, in_low),
                outflow: joined(out_high, out_low),
            },
        )
        .collect())
}

/// All the viewer's categories by id.
pub(super) async fn category_map(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> AppResult<HashMap<Uuid, Category>> {
    let rows = owned::<category::Entity>(viewer).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.id, to_category(row)))
        .collect())
}

/// What a day's flow adds to income and to expenses, in minor units (see the module docs).
pub(super) fn classify(flow: &DayFlow, categories: &HashMap<Uuid, Category>) -> (i128, i128) {
    let inflow = flow.inflow;
    let outflow = flow.outflow;
    match flow.category_id.and_then(|id| categories.get(&id)) {
        Some(c) if c.kind == CategoryKind::Income => (inflow + outflow, 0),
        Some(_) => (0, -(inflow + outflow)),
        None => (inflow, -outflow),
    }
}

/// The top-level category a category rolls into (itself for a top-level one).
pub(super) fn top_level(id: Uuid, categories: &HashMap<Uuid, Category>) -> Uuid {
    categories.get(&id).and_then(|c| c.parent_id).unwrap_or(id)
}

/// `minor` units of `currency` as an exact amount.
pub(super) fn amount(currency: Currency, minor: i128) -> AppResult<Decimal> {
    Decimal::try_from_i128_with_scale(minor, currency.exponent()).map_err(AppError::internal)
}

/// `part` as a percentage of `whole`, rounded to 2 places; `None` when `whole` is zero.
pub(super) fn percent(part: i128, whole: i128) -> AppResult<Option<Decimal>> {
    if whole == 0 {
        return Ok(None);
    }
    let overflow = || AppError::internal(anyhow::anyhow!("percentage out of range"));
    let part = Decimal::try_from_i128_with_scale(part, 0).map_err(|_| overflow())?;
    let whole = Decimal::try_from_i128_with_scale(whole, 0).map_err(|_| overflow())?;
    let ratio = part
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_div(whole))
        .ok_or_else(overflow)?;
    let mut rounded = ratio.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    Ok(Some(rounded))
}

/// The years in which the viewer has transactions or valuations, latest first. Two
/// statements: the distinct dates of each.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn years(store: &Store, viewer: &Viewer) -> AppResult<Vec<i32>> {
    let db = store.conn();
    let mut dates: Vec<NaiveDate> = owned::<transaction::Entity>(viewer)
        .select_only()
        .column(transaction::Column::Date)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let valued: Vec<NaiveDate> = owned::<valuation::Entity>(viewer)
        .select_only()
        .column(valuation::Column::Date)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    dates.extend(valued);
    let mut years: Vec<i32> = dates.into_iter().map(|d| d.year()).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Ok(years)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_exact_and_rounded_half_away_from_zero() {
        assert_eq!(percent(1, 3).unwrap().unwrap().to_string(), "33.33");
        assert_eq!(percent(2, 3).unwrap().unwrap().to_string(), "66.67");
        assert_eq!(percent(-1, 8).unwrap().unwrap().to_string(), "-12.50");
        assert_eq!(percent(5, 0).unwrap(), None);
    }
}
