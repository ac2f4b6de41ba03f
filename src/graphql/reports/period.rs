//! `cashflow(from, to)`: income, expenses and savings over any run of months (the last
//! twelve, say), with each month — the yearly reports' rules over another period.

use async_graphql::{Context, Object, SimpleObject};

use super::CashflowMonth;
use crate::graphql::context::{services, viewer};
use crate::graphql::scalars::{Money, Month};
use crate::service::reports::period;

/// Cash flow over a run of months, in one currency.
#[derive(SimpleObject)]
pub struct CashflowPeriod {
    /// ISO 4217 code of every amount here.
    pub currency: String,
    pub from: Month,
    pub to: Month,
    /// Money in INCOME categories (signed) plus uncategorized money in.
    pub income: Money,
    /// Money out of EXPENSE categories net of refunds, plus uncategorized money out.
    pub expenses: Money,
    /// Income minus expenses.
    pub net_income: Money,
    /// Net income as a percentage of income; null when income is zero.
    pub savings_rate: Option<Money>,
    /// Every month from `from` to `to`, the earliest first.
    pub months: Vec<CashflowMonth>,
}

impl From<period::Period> for CashflowPeriod {
    fn from(p: period::Period) -> Self {
        Self {
            currency: p.currency.code().to_owned(),
            from: Month(p.from),
            to: Month(p.to),
            income: Money(p.income),
            expenses: Money(p.expenses),
            net_income: Money(p.net_income),
            savings_rate: p.savings_rate.map(Money),
            months: p.months.into_iter().map(CashflowMonth::from).collect(),
        }
    }
}

#[derive(Default)]
pub struct PeriodQuery;

#[Object]
impl PeriodQuery {
    /// Cash flow from the start of `from` to the end of `to` (at most 120 months): the
    /// period's totals and each month.
    async fn cashflow(
        &self,
        ctx: &Context<'_>,
        from: Month,
        to: Month,
        #[graphql(desc = "ISO 4217 code; default the viewer's base currency.")] currency: Option<
            String,
        >,
    ) -> async_graphql::Result<CashflowPeriod> {
        let viewer = viewer(ctx)?;
        let store = &services(ctx).store;
        let found = period::cashflow(store, viewer, from.0, to.0, currency.as_deref()).await?;
        Ok(found.into())
    }
}
