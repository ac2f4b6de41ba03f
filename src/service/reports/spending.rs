//! Spending by category over a date range: what went out of each expense category (refunds
//! netted), with each line's top-level category, and the roll-up per top-level category.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{amount, category_map, classify, currency_or_base, day_flows, percent, top_level};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::Store;
use crate::service::categories::Category;

/// Money spent in one category, or rolled up into one top-level category.
#[derive(Debug, Clone)]
pub struct SpendingLine {
    /// `None`: money out without a category.
    pub category: Option<Category>,
    /// The top-level category the line rolls into (the category itself for a top-level
    /// one); `None` for uncategorized money.
    pub top_level: Option<Category>,
    pub amount: Decimal,
    /// Percentage of the report's total; `None` when the total is zero.
    pub share: Option<Decimal>,
}

/// Spending between two dates in one currency.
#[derive(Debug, Clone)]
pub struct SpendingReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub currency: Currency,
    pub total: Decimal,
    /// One line per category with spending (money directly in that category), largest first.
    pub lines: Vec<SpendingLine>,
    /// One line per top-level category, its sub-categories included, largest first.
    pub parents: Vec<SpendingLine>,
}

/// The viewer's spending from `from` to `to` (inclusive) in `currency` (default: the base
/// currency). Three statements.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn by_category(
    store: &Store,
    viewer: &Viewer,
    from: NaiveDate,
    to: NaiveDate,
    currency: Option<&str>,
) -> AppResult<SpendingReport> {
    if from > to {
        return Err(AppError::bad_input("to", "to must not be before from"));
    }
    let db = store.conn();
    let currency = currency_or_base(db, viewer, currency, "currency").await?;
    let flows = day_flows(db, viewer, currency, from, to).await?;
    let categories = category_map(db, viewer).await?;
    let mut own: HashMap<Option<Uuid>, i128> = HashMap::new();
    for flow in &flows {
        let (_, expense) = classify(flow, &categories);
        if expense != 0 {
            let key = flow.category_id.filter(|id| categories.contains_key(id));
            *own.entry(key).or_default() += expense;
        }
    }
    let mut rolled: HashMap<Option<Uuid>, i128> = HashMap::new();
    for (key, minor) in &own {
        *rolled
            .entry(key.map(|id| top_level(id, &categories)))
            .or_default() += minor;
    }
    let total: i128 = own.values().sum();
    let line = |key: Option<Uuid>, minor: i128| -> AppResult<(i128, SpendingLine)> {
        let category = key.and_then(|id| categories.get(&id).cloned());
        let top = key.and_then(|id| categories.get(&top_level(id, &categories)).cloned());
        let line = SpendingLine {
            category,
            top_level: top,
            amount: amount(currency, minor)?,
            share: percent(minor, total)?,
        };
        Ok((minor, line))
    };
    Ok(SpendingReport {
        from,
        to,
        currency,
        total: amount(currency, total)?,
        lines: sorted(
            own.into_iter()
                .filter(|(_, m)| *m != 0)
                .map(|(k, m)| line(k, m)),
        )?,
        parents: sorted(
            rolled
                .into_iter()
                .filter(|(_, m)| *m != 0)
                .map(|(k, m)| line(k, m)),
        )?,
    })
}

/// Largest first; equal amounts by name (uncategorized last).
fn sorted(
    lines: impl Iterator<Item = AppResult<(i128, SpendingLine)>>,
) -> AppResult<Vec<SpendingLine>> {
    let mut lines = lines.collect::<AppResult<Vec<_>>>()?;
    lines.sort_by(|(a, la), (b, lb)| {
        b.cmp(a).then_with(|| {
            let name = |l: &SpendingLine| l.category.as_ref().map(|c| c.name.clone());
            name(lb)
                .is_some()
                .cmp(&name(la).is_some())
                .then(name(la).cmp(&name(lb)))
        })
    });
    Ok(lines.into_iter().map(|(_, line)| line).collect())
}
