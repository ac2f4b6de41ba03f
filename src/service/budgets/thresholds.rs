//! Budget thresholds crossed upwards, for the `budgetThresholdCrossed` subscription: a
//! [`Watch`] remembers how used each budget of the current month was, and after each change
//! to the user's ledger or budgets reads the month again (through the scoped status) and
//! reports every line that went from below 80 % or 100 % to at or above it — the highest
//! one crossed. A new month starts a new baseline without reporting anything.

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{BudgetLine, list, status};
use crate::auth::Viewer;
use crate::error::AppResult;
use crate::service::Store;
use crate::service::month::Month;

/// The thresholds reported, in percent of the budgeted amount, highest first.
pub const THRESHOLDS: [u8; 2] = [100, 80];

/// A line that crossed `threshold` percent upwards in `month`.
#[derive(Debug, Clone)]
pub struct Crossed {
    pub month: Month,
    pub threshold: u8,
    pub line: BudgetLine,
}

/// How used each budget of the watched month was when last read.
#[derive(Debug)]
pub struct Watch {
    month: Month,
    used: HashMap<Uuid, Decimal>,
}

impl Watch {
    /// The viewer's current month as it stands now.
    pub async fn start(store: &Store, viewer: &Viewer) -> AppResult<Self> {
        let month = current_month();
        let used = used(store, viewer, month).await?.into_iter();
        Ok(Self {
            month,
            used: used.map(|line| (line.budget.id, percent(&line))).collect(),
        })
    }

    /// Read the month again; the lines that crossed a threshold since the last read.
    pub async fn check(&mut self, store: &Store, viewer: &Viewer) -> AppResult<Vec<Crossed>> {
        let month = current_month();
        let lines = used(store, viewer, month).await?;
        let baseline = month != self.month;
        let mut crossed = Vec::new();
        let mut now = HashMap::new();
        for line in lines {
            let after = percent(&line);
            let before = self
                .used
                .get(&line.budget.id)
                .copied()
                .unwrap_or(Decimal::ZERO);
            now.insert(line.budget.id, after);
            if baseline {
                continue;
            }
            if let Some(threshold) = highest_crossed(before, after) {
                crossed.push(Crossed {
                    month,
                    threshold,
                    line,
                });
            }
        }
        self.month = month;
        self.used = now;
        Ok(crossed)
    }
}

/// The highest threshold in `(before, after]`, if any.
fn highest_crossed(before: Decimal, after: Decimal) -> Option<u8> {
    THRESHOLDS.into_iter().find(|t| {
        let t = Decimal::from(*t);
        before < t && after >= t
    })
}

fn percent(line: &BudgetLine) -> Decimal {
    line.used_percent.unwrap_or(Decimal::ZERO)
}

fn current_month() -> Month {
    Month::of(Utc::now().date_naive())
}

/// Every budget line of `month`, in each currency the viewer budgets in.
async fn used(store: &Store, viewer: &Viewer, month: Month) -> AppResult<Vec<BudgetLine>> {
    let budgets = list(store, viewer, month).await?;
    let currencies: BTreeSet<&str> = budgets.iter().map(|b| b.currency.code()).collect();
    let mut lines = Vec::new();
    for currency in currencies {
        lines.extend(status(store, viewer, month, Some(currency)).await?.lines);
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_upward_crossings_count_and_the_highest_wins() {
        let d = |n: i64| Decimal::from(n);
        assert_eq!(highest_crossed(d(79), d(80)), Some(80));
        assert_eq!(highest_crossed(d(50), d(120)), Some(100));
        assert_eq!(highest_crossed(d(85), d(99)), None);
        assert_eq!(highest_crossed(d(99), d(100)), Some(100));
        assert_eq!(highest_crossed(d(120), d(50)), None);
        assert_eq!(highest_crossed(d(100), d(130)), None);
    }
}
