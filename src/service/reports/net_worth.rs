//! Net worth month by month: what the viewer's accounts in one currency held at each month's
//! end, with the change from the previous month and since the end of the previous December,
//! and the allocation by account kind at the end of the range.
//!
//! An account's balance on a day is its opening balance plus its transactions up to that
//! day; for an investment or property account with a valuation on or before that day, it is
//! the latest such valuation plus the transactions dated after it (see `valuations`).
//! Transfers count here: they move money between accounts, and each account's balance moves.

mod balances;

use rust_decimal::Decimal;

use super::{amount, currency_or_base, percent};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::Store;
use crate::service::accounts::{self, AccountKind};
use crate::service::month::Month;

/// Most months one net-worth report covers.
pub const MAX_MONTHS: i64 = 120;

/// A change between two month ends.
#[derive(Debug, Clone)]
pub struct Change {
    pub amount: Decimal,
    /// Relative to the absolute value of the earlier figure, in percent; `None` when that
    /// figure is zero.
    pub percent: Option<Decimal>,
}

/// Net worth at one month's end.
#[derive(Debug, Clone)]
pub struct NetWorthMonth {
    pub month: Month,
    /// Sum of the accounts with a positive balance.
    pub assets: Decimal,
    /// Sum of the accounts with a negative balance (zero or negative).
    pub liabilities: Decimal,
    /// Assets plus liabilities.
    pub total: Decimal,
    pub change_from_previous_month: Change,
    /// Against the end of the previous December.
    pub change_year_to_date: Change,
}

/// The balance held in one kind of account.
#[derive(Debug, Clone)]
pub struct Allocation {
    pub kind: AccountKind,
    pub amount: Decimal,
    /// A positive amount's share of all positive kinds, a negative amount's share of all
    /// negative kinds, in percent.
    pub share: Option<Decimal>,
}

/// The net-worth report.
#[derive(Debug, Clone)]
pub struct NetWorth {
    pub currency: Currency,
    /// Each month from `from` to `to`, oldest first.
    pub months: Vec<NetWorthMonth>,
    /// The figures at the end of `to`.
    pub current: NetWorthMonth,
    /// By account kind at the end of `to`: assets largest first, then liabilities.
    pub allocation: Vec<Allocation>,
}

/// The viewer's net worth in `currency` (default: the base currency) at the end of each
/// month from `from` to `to`. At most six statements, whatever the range.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn report(
    store: &Store,
    viewer: &Viewer,
    from: Month,
    to: Month,
    currency: Option<&str>,
) -> AppResult<NetWorth> {
    if from > to {
        return Err(AppError::bad_input("to", "to must not be before from"));
    }
    if from.months_until(to) >= MAX_MONTHS {
        let message = format!("a report covers at most {MAX_MONTHS} months");
        return Err(AppError::bad_input("to", message));
    }
    let db = store.conn();
    let currency = currency_or_base(db, viewer, currency, "currency").await?;
    let accounts: Vec<_> = accounts::all_in(db, viewer)
        .await?
        .into_iter()
        .filter(|a| a.currency == currency)
        .collect();
    let january =
        Month::new(from.year(), 1).ok_or_else(|| AppError::bad_input("from", "out of range"))?;
    let series = balances::month_ends(db, viewer, currency, &accounts, january, to).await?;
    let mut months = Vec::new();
    let mut previous = series.baseline.total();
    let mut december = series.baseline.total();
    for end in &series.months {
        let total = end.total();
        if end.month >= from {
            months.push(NetWorthMonth {
                month: end.month,
                assets: amount(currency, end.assets)?,
                liabilities: amount(currency, end.liabilities)?,
                total: amount(currency, total)?,
                change_from_previous_month: change(currency, previous, total)?,
                change_year_to_date: change(currency, december, total)?,
            });
        }
        previous = total;
        if end.month.number() == 12 {
            december = total;
        }
    }
    let current = months
        .last()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("empty net-worth series")))?;
    Ok(NetWorth {
        currency,
        months,
        current,
        allocation: allocation(currency, &series.by_kind)?,
    })
}

fn change(currency: Currency, before: i128, after: i128) -> AppResult<Change> {
    Ok(Change {
        amount: amount(currency, after - before)?,
        percent: percent(after - before, before.abs())?,
    })
}

fn allocation(currency: Currency, by_kind: &[(AccountKind, i128)]) -> AppResult<Vec<Allocation>> {
    let assets: i128 = by_kind.iter().map(|(_, m)| *m).filter(|m| *m > 0).sum();
    let liabilities: i128 = by_kind.iter().map(|(_, m)| *m).filter(|m| *m < 0).sum();
    let mut slices: Vec<(AccountKind, i128)> =
        by_kind.iter().copied().filter(|(_, m)| *m != 0).collect();
    slices.sort_by(|(_, a), (_, b)| (*a < 0).cmp(&(*b < 0)).then(b.abs().cmp(&a.abs())));
    slices
        .into_iter()
        .map(|(kind, minor)| {
            let base = if minor > 0 { assets } else { liabilities };
            Ok(Allocation {
                kind,
                amount: amount(currency, minor)?,
                share: percent(minor, base)?,
            })
        })
        .collect()
}
