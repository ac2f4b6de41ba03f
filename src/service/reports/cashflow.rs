//! Cash flow over a calendar year: the financial overview (income, expenses, net income,
//! savings rate, expense share per top-level category, cumulative net income) and the
//! month-by-month cash flow, like the original app's `get_financial_metrics` and
//! `get_income_expense`.

use std::collections::HashMap;

use chrono::Datelike;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{amount, category_map, check_year, classify, currency_or_base, day_flows, percent};
use crate::auth::Viewer;
use crate::error::AppResult;
use crate::money::Currency;
use crate::service::Store;
use crate::service::categories::Category;
use crate::service::month::Month;

/// One month of cash flow.
#[derive(Debug, Clone)]
pub struct CashflowMonth {
    pub month: Month,
    pub income: Decimal,
    pub expenses: Decimal,
    /// Income minus expenses.
    pub net: Decimal,
    /// Net as a percentage of income; `None` when income is zero.
    pub savings_rate: Option<Decimal>,
}

/// Net income of a month and the running total since January.
#[derive(Debug, Clone)]
pub struct CumulativeMonth {
    pub month: Month,
    pub net_income: Decimal,
    pub cumulative_net_income: Decimal,
}

/// The expenses of one top-level expense category (with its sub-categories) over the year;
/// `category` is `None` for uncategorized money out.
#[derive(Debug, Clone)]
pub struct ExpenseShare {
    pub category: Option<Category>,
    pub amount: Decimal,
    /// Percentage of the year's expenses; `None` when those are zero.
    pub share: Option<Decimal>,
}

/// A year's financial overview in one currency.
#[derive(Debug, Clone)]
pub struct Overview {
    pub year: i32,
    pub currency: Currency,
    pub income: Decimal,
    pub expenses: Decimal,
    pub net_income: Decimal,
    pub savings_rate: Option<Decimal>,
    /// Largest first.
    pub expense_shares: Vec<ExpenseShare>,
    /// The twelve months, January first.
    pub months: Vec<CumulativeMonth>,
}

/// A year folded into months, in minor units.
struct YearFlows {
    currency: Currency,
    /// Income and expenses of each month, January first.
    months: [(i128, i128); 12],
    /// Expenses per top-level category (`None`: uncategorized).
    by_top_level: HashMap<Option<Uuid>, i128>,
    categories: HashMap<Uuid, Category>,
}

async fn year_flows(
    store: &Store,
    viewer: &Viewer,
    year: i32,
    currency: Option<&str>,
) -> AppResult<(Vec<Month>, YearFlows)> {
    check_year(year, "year")?;
    let db = store.conn();
    let currency = currency_or_base(db, viewer, currency, "currency").await?;
    let months = Month::all_of(year);
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Err(crate::error::AppError::bad_input(
            "year",
            "year out of range",
        ));
    };
    let flows = day_flows(db, viewer, currency, first.first_day(), last.last_day()).await?;
    let categories = category_map(db, viewer).await?;
    let mut folded = YearFlows {
        currency,
        months: [(0, 0); 12],
        by_top_level: HashMap::new(),
        categories,
    };
    for flow in &flows {
        let (income, expense) = classify(flow, &folded.categories);
        let index = usize::try_from(flow.date.month0()).unwrap_or(usize::MAX);
        if let Some(slot) = folded.months.get_mut(index) {
            slot.0 += income;
            slot.1 += expense;
        }
        if expense != 0 {
            let top = flow
                .category_id
                .filter(|id| folded.categories.contains_key(id))
                .map(|id| super::top_level(id, &folded.categories));
            *folded.by_top_level.entry(top).or_default() += expense;
        }
    }
    Ok((months, folded))
}

/// Income, expenses and savings of each month of `year` in `currency` (default: the
/// viewer's base currency). Three statements.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn monthly(
    store: &Store,
    viewer: &Viewer,
    year: i32,
    currency: Option<&str>,
) -> AppResult<Vec<CashflowMonth>> {
    let (months, flows) = year_flows(store, viewer, year, currency).await?;
    months
        .into_iter()
        .zip(flows.months)
        .map(|(month, (income, expenses))| {
            Ok(CashflowMonth {
                month,
                income: amount(flows.currency, income)?,
                expenses: amount(flows.currency, expenses)?,
                net: amount(flows.currency, income - expenses)?,
                savings_rate: percent(income - expenses, income)?,
            })
        })
        .collect()
}

/// The financial overview of `year` in `currency` (default: the viewer's base currency).
/// Three statements.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn overview(
    store: &Store,
    viewer: &Viewer,
    year: i32,
    currency: Option<&str>,
) -> AppResult<Overview> {
    let (months, flows) = year_flows(store, viewer, year, currency).await?;
    let currency = flows.currency;
    let income: i128 = flows.months.iter().map(|m| m.0).sum();
    let expenses: i128 = flows.months.iter().map(|m| m.1).sum();
    let mut cumulative = 0i128;
    let mut running = Vec::with_capacity(12);
    for (month, (month_income, month_expenses)) in months.into_iter().zip(flows.months) {
        let net = month_income - month_expenses;
        cumulative += net;
        running.push(CumulativeMonth {
            month,
            net_income: amount(currency, net)?,
            cumulative_net_income: amount(currency, cumulative)?,
        });
    }
    let mut shares = Vec::new();
    for (top, minor) in flows.by_top_level.into_iter().filter(|(_, m)| *m != 0) {
        let category = top.and_then(|id| flows.categories.get(&id).cloned());
        shares.push((
            minor,
            ExpenseShare {
                category,
                amount: amount(currency, minor)?,
                share: percent(minor, expenses)?,
            },
        ));
    }
    shares.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| name(&a.1).cmp(name(&b.1))));
    Ok(Overview {
        year,
        currency,
        income: amount(currency, income)?,
        expenses: amount(currency, expenses)?,
        net_income: amount(currency, income - expenses)?,
        savings_rate: percent(income - expenses, income)?,
        expense_shares: shares.into_iter().map(|(_, share)| share).collect(),
        months: running,
    })
}

fn name(share: &ExpenseShare) -> &str {
    share.category.as_ref().map_or("", |c| c.name.as_str())
}
