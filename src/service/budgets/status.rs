//! How a month's budgets stand: budgeted, spent and remaining per budget, and totals.
//!
//! Spent is what went out of the category in that calendar month in the report's currency:
//! expenses net of refunds (so it can be negative when refunds exceed purchases), transfer
//! legs left out. A top-level category's budget covers its sub-categories. When a
//! sub-category and its parent both have a budget, the sub-category's is a limit within the
//! parent's: its line is shown but left out of the totals, so nothing is counted twice.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use uuid::Uuid;

use super::{Budget, in_month};
use crate::auth::Viewer;
use crate::error::AppResult;
use crate::money::Currency;
use crate::service::Store;
use crate::service::month::Month;
use crate::service::reports::{
    amount, category_map, classify, currency_or_base, day_flows, percent,
};

/// One budget and how it stands.
#[derive(Debug, Clone)]
pub struct BudgetLine {
    pub budget: Budget,
    pub budgeted: Decimal,
    pub spent: Decimal,
    /// Budgeted minus spent; negative when overspent.
    pub remaining: Decimal,
    /// False for a sub-category's budget whose parent has one too (see the module docs).
    pub counted_in_totals: bool,
    /// Spent as a percentage of budgeted; `None` when nothing is budgeted.
    pub used_percent: Option<Decimal>,
}

/// The month's budgets in one currency and their totals.
#[derive(Debug, Clone)]
pub struct BudgetStatus {
    pub month: Month,
    pub currency: Currency,
    pub lines: Vec<BudgetLine>,
    pub total_budgeted: Decimal,
    pub total_spent: Decimal,
    pub total_remaining: Decimal,
    /// Total spent as a percentage of total budgeted; `None` when nothing is budgeted.
    pub total_used_percent: Option<Decimal>,
    /// The month's expenses outside every budget (categories without one, and
    /// uncategorized money out), net of refunds.
    pub unbudgeted_spent: Decimal,
}

/// How the viewer's budgets of `month` in `currency` (default: the base currency) stand.
/// Three statements (and the budgets of the month).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn status(
    store: &Store,
    viewer: &Viewer,
    month: Month,
    currency: Option<&str>,
) -> AppResult<BudgetStatus> {
    let db = store.conn();
    let currency = currency_or_base(db, viewer, currency, "currency").await?;
    let budgets: Vec<Budget> = in_month(db, viewer, month)
        .await?
        .into_iter()
        .filter(|b| b.currency == currency)
        .collect();
    let flows = day_flows(db, viewer, currency, month.first_day(), month.last_day()).await?;
    let categories = category_map(db, viewer).await?;
    let mut own: HashMap<Uuid, i128> = HashMap::new();
    let mut all_spent = 0i128;
    for flow in &flows {
        let expense = classify(flow, &categories).1;
        all_spent += expense;
        if let Some(id) = flow.category_id {
            *own.entry(id).or_default() += expense;
        }
    }
    let budgeted: HashSet<Uuid> = budgets.iter().map(|b| b.category_id).collect();
    let (mut total_budgeted, mut total_spent) = (0i128, 0i128);
    let mut lines = Vec::with_capacity(budgets.len());
    for budget in budgets {
        let id = budget.category_id;
        let children = categories.values().filter(|c| c.parent_id == Some(id));
        let spent = own.get(&id).copied().unwrap_or(0)
            + children
                .map(|c| own.get(&c.id).copied().unwrap_or(0))
                .sum::<i128>();
        let parent = categories.get(&id).and_then(|c| c.parent_id);
        let counted = !parent.is_some_and(|p| budgeted.contains(&p));
        let planned = i128::from(budget.amount_minor);
        if counted {
            total_budgeted += planned;
            total_spent += spent;
        }
        lines.push(BudgetLine {
            budgeted: amount(currency, planned)?,
            spent: amount(currency, spent)?,
            remaining: amount(currency, planned - spent)?,
            counted_in_totals: counted,
            used_percent: percent(spent, planned)?,
            budget,
        });
    }
    Ok(BudgetStatus {
        month,
        currency,
        lines,
        total_budgeted: amount(currency, total_budgeted)?,
        total_spent: amount(currency, total_spent)?,
        total_remaining: amount(currency, total_budgeted - total_spent)?,
        total_used_percent: percent(total_spent, total_budgeted)?,
        unbudgeted_spent: amount(currency, all_spent - total_spent)?,
    })
}
