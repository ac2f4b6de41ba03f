//! Cash flow over any run of months (the last twelve, a quarter, several years): the totals
//! of the period and each of its months, by the same rules as the yearly reports (see
//! [`super`]). At most [`MAX_MONTHS`] months; three statements.

use rust_decimal::Decimal;

use super::cashflow::CashflowMonth;
use super::net_worth::MAX_MONTHS;
use super::{amount, category_map, classify, currency_or_base, day_flows, percent};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::Store;
use crate::service::month::Month;

/// Cash flow from the first day of `from` to the last day of `to`, in one currency.
#[derive(Debug, Clone)]
pub struct Period {
    pub currency: Currency,
    pub from: Month,
    pub to: Month,
    pub income: Decimal,
    pub expenses: Decimal,
    pub net_income: Decimal,
    /// Net income as a percentage of income; `None` when income is zero.
    pub savings_rate: Option<Decimal>,
    /// Every month of the period, the earliest first (months without money are zero).
    pub months: Vec<CashflowMonth>,
}

/// The viewer's cash flow from `from` to `to` (inclusive) in `currency` (default: the base
/// currency).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cashflow(
    store: &Store,
    viewer: &Viewer,
    from: Month,
    to: Month,
    currency: Option<&str>,
) -> AppResult<Period> {
    if from > to {
        return Err(AppError::bad_input("to", "to must not be before from"));
    }
    let span = from.months_until(to);
    if span >= MAX_MONTHS {
        let message = format!("a report covers at most {MAX_MONTHS} months");
        return Err(AppError::bad_input("to", message));
    }
    let db = store.conn();
    let currency = currency_or_base(db, viewer, currency, "currency").await?;
    let flows = day_flows(db, viewer, currency, from.first_day(), to.last_day()).await?;
    let categories = category_map(db, viewer).await?;
    let mut months = vec![(0i128, 0i128); usize::try_from(span + 1).unwrap_or(0)];
    for flow in &flows {
        let (income, expense) = classify(flow, &categories);
        let index = from.months_until(Month::of(flow.date));
        if let Some(slot) = usize::try_from(index).ok().and_then(|i| months.get_mut(i)) {
            slot.0 += income;
            slot.1 += expense;
        }
    }
    let income: i128 = months.iter().map(|m| m.0).sum();
    let expenses: i128 = months.iter().map(|m| m.1).sum();
    let mut month = Some(from);
    let mut lines = Vec::with_capacity(months.len());
    for (month_income, month_expenses) in months {
        let Some(current) = month else { break };
        lines.push(CashflowMonth {
            month: current,
            income: amount(currency, month_income)?,
            expenses: amount(currency, month_expenses)?,
            net: amount(currency, month_income - month_expenses)?,
            savings_rate: percent(month_income - month_expenses, month_income)?,
        });
        month = current.next();
    }
    Ok(Period {
        currency,
        from,
        to,
        income: amount(currency, income)?,
        expenses: amount(currency, expenses)?,
        net_income: amount(currency, income - expenses)?,
        savings_rate: percent(income - expenses, income)?,
        months: lines,
    })
}
