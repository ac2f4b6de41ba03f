//! Reports as the API shows them: the financial overview and monthly cash flow of a year,
//! spending by category, net worth ([`net_worth`]) and the years with data.
//!
//! Every report is in one currency (`currency`, default the viewer's base currency) and
//! counts only transactions in it; nothing is summed across currencies. Transfers between
//! accounts are never income or expense. Income is money in INCOME categories (signed: a
//! negative one reduces income) plus uncategorized money in; expenses are money out of
//! EXPENSE categories net of refunds plus uncategorized money out. Percentages are exact,
//! rounded to 2 places, and null when their base is zero.

mod net_worth;
mod period;

pub use period::{CashflowPeriod, PeriodQuery};

use async_graphql::{Context, Object, SimpleObject};

use super::categories::Category;
use super::context::{services, viewer};
use super::scalars::{Date, Money, Month};
use crate::service::reports::{cashflow, spending};

pub use net_worth::{AllocationSlice, NetWorth, NetWorthMonth, ValueChange};

/// One month of cash flow.
#[derive(SimpleObject)]
pub struct CashflowMonth {
    pub month: Month,
    /// Money in INCOME categories (signed) plus uncategorized money in.
    pub income: Money,
    /// Money out of EXPENSE categories net of refunds, plus uncategorized money out.
    pub expenses: Money,
    /// Income minus expenses.
    pub net: Money,
    /// Net as a percentage of income, e.g. "23.45"; null when income is zero.
    pub savings_rate: Option<Money>,
}

impl From<cashflow::CashflowMonth> for CashflowMonth {
    fn from(m: cashflow::CashflowMonth) -> Self {
        Self {
            month: Month(m.month),
            income: Money(m.income),
            expenses: Money(m.expenses),
            net: Money(m.net),
            savings_rate: m.savings_rate.map(Money),
        }
    }
}

/// The expenses of one top-level expense category, its sub-categories included.
#[derive(SimpleObject)]
pub struct ExpenseShare {
    /// Null for uncategorized money out.
    pub category: Option<Category>,
    pub amount: Money,
    /// Percentage of the year's expenses; null when those are zero.
    pub share: Option<Money>,
}

/// A month's net income and the running total since January.
#[derive(SimpleObject)]
pub struct NetIncomeMonth {
    pub month: Month,
    pub net_income: Money,
    pub cumulative_net_income: Money,
}

/// A year at a glance, in one currency.
#[derive(SimpleObject)]
pub struct FinancialOverview {
    pub year: i32,
    /// ISO 4217 code of every amount here.
    pub currency: String,
    /// Money in INCOME categories (signed) plus uncategorized money in.
    pub income: Money,
    /// Money out of EXPENSE categories net of refunds, plus uncategorized money out.
    pub expenses: Money,
    /// Income minus expenses.
    pub net_income: Money,
    /// Net income as a percentage of income, e.g. "23.45"; null when income is zero.
    pub savings_rate: Option<Money>,
    /// Per top-level expense category (and uncategorized), largest first; only non-zero ones.
    pub expense_share: Vec<ExpenseShare>,
    /// The twelve months, January first.
    pub cumulative_net_income: Vec<NetIncomeMonth>,
}

impl From<cashflow::Overview> for FinancialOverview {
    fn from(o: cashflow::Overview) -> Self {
        Self {
            year: o.year,
            currency: o.currency.code().to_owned(),
            income: Money(o.income),
            expenses: Money(o.expenses),
            net_income: Money(o.net_income),
            savings_rate: o.savings_rate.map(Money),
            expense_share: o
                .expense_shares
                .into_iter()
                .map(|s| ExpenseShare {
                    category: s.category.map(Category::from),
                    amount: Money(s.amount),
                    share: s.share.map(Money),
                })
                .collect(),
            cumulative_net_income: o
                .months
                .into_iter()
                .map(|m| NetIncomeMonth {
                    month: Month(m.month),
                    net_income: Money(m.net_income),
                    cumulative_net_income: Money(m.cumulative_net_income),
                })
                .collect(),
        }
    }
}

/// Money spent in one category, or in one top-level category with its sub-categories.
#[derive(SimpleObject)]
pub struct SpendingLine {
    /// Null for uncategorized money out.
    pub category: Option<Category>,
    /// The top-level category this line rolls into (the category itself when it is
    /// top-level); null for uncategorized money out.
    pub top_level: Option<Category>,
    /// Money out net of refunds.
    pub amount: Money,
    /// Percentage of `total`; null when the total is zero.
    pub share: Option<Money>,
}

/// Spending between two dates (inclusive) in one currency.
#[derive(SimpleObject)]
pub struct SpendingReport {
    pub from: Date,
    pub to: Date,
    /// ISO 4217 code of every amount here.
    pub currency: String,
    /// Money out of EXPENSE categories net of refunds, plus uncategorized money out.
    pub total: Money,
    /// One line per category money went out of directly (a top-level category with
    /// transactions of its own has its own line), largest first; only non-zero ones.
    pub categories: Vec<SpendingLine>,
    /// One line per top-level category with its sub-categories rolled in (plus one for
    /// uncategorized money), largest first; only non-zero ones.
    pub parents: Vec<SpendingLine>,
}

fn spending_line(line: spending::SpendingLine) -> SpendingLine {
    SpendingLine {
        category: line.category.map(Category::from),
        top_level: line.top_level.map(Category::from),
        amount: Money(line.amount),
        share: line.share.map(Money),
    }
}

impl From<spending::SpendingReport> for SpendingReport {
    fn from(r: spending::SpendingReport) -> Self {
        Self {
            from: Date(r.from),
            to: Date(r.to),
            currency: r.currency.code().to_owned(),
            total: Money(r.total),
            categories: r.lines.into_iter().map(spending_line).collect(),
            parents: r.parents.into_iter().map(spending_line).collect(),
        }
    }
}

#[derive(Default)]
pub struct ReportQuery;

#[Object]
impl ReportQuery {
    /// A year at a glance: income, expenses, net income, savings rate, expense share per
    /// top-level category and cumulative net income by month.
    async fn financial_overview(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Calendar year, 1000 to 9999.")] year: i32,
        #[graphql(desc = "ISO 4217 code; default the viewer's base currency.")] currency: Option<
            String,
        >,
    ) -> async_graphql::Result<FinancialOverview> {
        let viewer = viewer(ctx)?;
        let store = &services(ctx).store;
        Ok(cashflow::overview(store, viewer, year, currency.as_deref())
            .await?
            .into())
    }

    /// Income, expenses, net and savings rate of each month of a year (12 entries).
    async fn monthly_cashflow(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Calendar year, 1000 to 9999.")] year: i32,
        #[graphql(desc = "ISO 4217 code; default the viewer's base currency.")] currency: Option<
            String,
        >,
    ) -> async_graphql::Result<Vec<CashflowMonth>> {
        let viewer = viewer(ctx)?;
        let store = &services(ctx).store;
        let months = cashflow::monthly(store, viewer, year, currency.as_deref()).await?;
        Ok(months.into_iter().map(CashflowMonth::from).collect())
    }

    /// The years in which the viewer has transactions or valuations, latest first.
    async fn years(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<i32>> {
        let viewer = viewer(ctx)?;
        Ok(crate::service::reports::years(&services(ctx).store, viewer).await?)
    }

    /// Where money went between two dates (inclusive), per category and per top-level
    /// category. Over more than 366 days, a heavy field: one per request.
    async fn spending_by_category(
        &self,
        ctx: &Context<'_>,
        from: Date,
        to: Date,
        #[graphql(desc = "ISO 4217 code; default the viewer's base currency.")] currency: Option<
            String,
        >,
    ) -> async_graphql::Result<SpendingReport> {
        let viewer = viewer(ctx)?;
        let store = &services(ctx).store;
        Ok(
            spending::by_category(store, viewer, from.0, to.0, currency.as_deref())
                .await?
                .into(),
        )
    }

    /// Net worth at the end of each month from `from` to `to` (at most 120 months), with
    /// month-on-month and year-to-date changes and the allocation by account kind. Over
    /// more than 12 months, a heavy field: one per request.
    async fn net_worth(
        &self,
        ctx: &Context<'_>,
        from: Month,
        to: Month,
        #[graphql(desc = "ISO 4217 code; default the viewer's base currency.")] currency: Option<
            String,
        >,
    ) -> async_graphql::Result<NetWorth> {
        let viewer = viewer(ctx)?;
        net_worth::resolve(ctx, viewer, from, to, currency).await
    }
}
