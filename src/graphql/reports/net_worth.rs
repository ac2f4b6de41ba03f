//! The net-worth report's types.

use async_graphql::{Context, SimpleObject};

use super::super::accounts::AccountKind;
use super::super::context::services;
use super::super::scalars::{Money, Month};
use crate::auth::Viewer;
use crate::service::reports::net_worth;

/// A change between two month ends.
#[derive(SimpleObject)]
pub struct ValueChange {
    pub amount: Money,
    /// Relative to the absolute value of the earlier figure, in percent (e.g. "-4.20");
    /// null when that figure is zero.
    pub percent: Option<Money>,
}

impl From<net_worth::Change> for ValueChange {
    fn from(c: net_worth::Change) -> Self {
        Self {
            amount: Money(c.amount),
            percent: c.percent.map(Money),
        }
    }
}

/// Net worth at the end of one month: every account in the report's currency, at its
/// opening balance plus its transactions up to that day, or for an investment or property
/// account with a valuation on or before that day, the latest one plus the transactions
/// after it.
#[derive(SimpleObject)]
pub struct NetWorthMonth {
    pub month: Month,
    /// Sum of the accounts with a positive balance.
    pub assets: Money,
    /// Sum of the accounts with a negative balance (zero or negative).
    pub liabilities: Money,
    /// Assets plus liabilities.
    pub total: Money,
    pub change_from_previous_month: ValueChange,
    /// Against the end of the previous December.
    pub change_year_to_date: ValueChange,
}

impl From<net_worth::NetWorthMonth> for NetWorthMonth {
    fn from(m: net_worth::NetWorthMonth) -> Self {
        Self {
            month: Month(m.month),
            assets: Money(m.assets),
            liabilities: Money(m.liabilities),
            total: Money(m.total),
            change_from_previous_month: m.change_from_previous_month.into(),
            change_year_to_date: m.change_year_to_date.into(),
        }
    }
}

/// The balance held in one kind of account.
#[derive(SimpleObject)]
pub struct AllocationSlice {
    pub kind: AccountKind,
    pub amount: Money,
    /// In percent: a positive amount's share of all assets (kinds with a positive total),
    /// a negative amount's share of all liabilities (kinds with a negative total).
    pub share: Option<Money>,
}

/// Net worth over time in one currency.
#[derive(SimpleObject)]
pub struct NetWorth {
    /// ISO 4217 code of every amount here; accounts in other currencies are not included.
    pub currency: String,
    /// Each month from `from` to `to`, oldest first.
    pub months: Vec<NetWorthMonth>,
    /// The figures at the end of `to`.
    pub current: NetWorthMonth,
    /// By account kind at the end of `to`: assets largest first, then liabilities; only
    /// non-zero kinds.
    pub allocation: Vec<AllocationSlice>,
}

pub(super) async fn resolve(
    ctx: &Context<'_>,
    viewer: &Viewer,
    from: Month,
    to: Month,
    currency: Option<String>,
) -> async_graphql::Result<NetWorth> {
    let store = &services(ctx).store;
    let report = net_worth::report(store, viewer, from.0, to.0, currency.as_deref()).await?;
    Ok(NetWorth {
        currency: report.currency.code().to_owned(),
        months: report.months.into_iter().map(NetWorthMonth::from).collect(),
        current: report.current.into(),
        allocation: report
            .allocation
            .into_iter()
            .map(|a| AllocationSlice {
                kind: a.kind.into(),
                amount: Money(a.amount),
                share: a.share.map(Money),
            })
            .collect(),
    })
}
