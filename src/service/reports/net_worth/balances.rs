//! Account balances at month ends, from a handful of grouped sums: everything before the
//! first month (per account), each day of the range (per account and day), the valuations,
//! and what was booked after each account's last valuation before the range.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::accounts::{Account, AccountKind};
use crate::service::entities::transaction;
use crate::service::month::Month;
use crate::service::{exact_sum, joined, owned, valuations};

/// Assets and liabilities at one month's end, in minor units.
pub(super) struct MonthEnd {
    pub month: Month,
    pub assets: i128,
    pub liabilities: i128,
}

impl MonthEnd {
    /// Assets plus liabilities.
    pub fn total(&self) -> i128 {
        self.assets + self.liabilities
    }
}

/// Month ends from `first` to `last`, the day before `first` began, and the balance per
/// account kind at the end of `last`.
pub(super) struct Series {
    pub baseline: MonthEnd,
    pub months: Vec<MonthEnd>,
    pub by_kind: Vec<(AccountKind, i128)>,
}

/// One account's balance as the days go by.
struct Running {
    kind: AccountKind,
    ledger: i128,
    /// The latest valuation so far and what was booked after it.
    valued: Option<(i128, i128)>,
}

impl Running {
    fn balance(&self) -> i128 {
        self.valued
            .map_or(self.ledger, |(value, since)| value + since)
    }

    fn book(&mut self, minor: i128) {
        self.ledger += minor;
        if let Some((_, since)) = &mut self.valued {
            *since += minor;
        }
    }
}

/// What happens to an account on a day: transactions (summed), then a valuation.
#[derive(Default)]
struct Day {
    booked: Vec<(Uuid, i128)>,
    valued: Vec<(Uuid, i64)>,
}

/// Balances of `accounts` (all in `currency`) at the end of each month from `first` to
/// `last`: at most five statements, whatever the range.
pub(super) async fn month_ends(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    currency: Currency,
    accounts: &[Account],
    first: Month,
    last: Month,
) -> AppResult<Series> {
    let start = first.first_day();
    let end = last.last_day();
    let ids: Vec<Uuid> = accounts.iter().map(|a| a.id).collect();
    let valued_ids: Vec<Uuid> = accounts
        .iter()
        .filter(|a| a.kind.is_valued())
        .map(|a| a.id)
        .collect();
    let history = if valued_ids.is_empty() {
        Vec::new()
    } else {
        valuations::history(db, viewer, &valued_ids).await?
    };
    let mut state: HashMap<Uuid, Running> = HashMap::new();
    for account in accounts {
        let opening = currency
            .to_minor(account.opening_balance)
            .map_err(AppError::internal)?;
        let running = Running {
            kind: account.kind,
            ledger: i128::from(opening),
            valued: None,
        };
        state.insert(account.id, running);
    }
    let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    let mut anchors: HashMap<Uuid, NaiveDate> = HashMap::new();
    for (account, date, value) in history.into_iter().filter(|v| v.1 <= end) {
        if date < start {
            anchors.insert(account, date);
            if let Some(running) = state.get_mut(&account) {
                running.valued = Some((i128::from(value), 0));
            }
        } else {
            days.entry(date).or_default().valued.push((account, value));
        }
    }
    let before = sums(
        db,
        viewer,
        currency,
        base(&ids).add(transaction::Column::Date.lt(start)),
    )
    .await?;
    for (account, minor) in before {
        if let Some(running) = state.get_mut(&account) {
            running.ledger += minor;
        }
    }
    for (account, minor) in since_anchors(db, viewer, currency, &anchors, start).await? {
        if let Some((_, since)) = state.get_mut(&account).and_then(|r| r.valued.as_mut()) {
            *since += minor;
        }
    }
    let range = base(&ids).add(transaction::Column::Date.between(start, end));
    for (account, date, minor) in daily(db, viewer, currency, range).await? {
        days.entry(date).or_default().booked.push((account, minor));
    }
    Ok(fold(state, days, first, last))
}

/// Walk the days month by month, recording each month's end.
fn fold(
    mut state: HashMap<Uuid, Running>,
    days: BTreeMap<NaiveDate, Day>,
    first: Month,
    last: Month,
) -> Series {
    let baseline = snapshot(&state, first.previous().unwrap_or(first));
    let mut months = Vec::new();
    let mut days = days.into_iter().peekable();
    let mut month = Some(first);
    while let Some(current) = month.filter(|m| *m <= last) {
        while let Some((_, day)) = days.next_if(|(date, _)| *date <= current.last_day()) {
            for (account, minor) in day.booked {
                if let Some(running) = state.get_mut(&account) {
                    running.book(minor);
                }
            }
            for (account, value) in day.valued {
                if let Some(running) = state.get_mut(&account) {
                    running.valued = Some((i128::from(value), 0));
                }
            }
        }
        months.push(snapshot(&state, current));
        month = current.next();
    }
    Series {
        baseline,
        months,
        by_kind: by_kind(&state),
    }
}

fn snapshot(state: &HashMap<Uuid, Running>, month: Month) -> MonthEnd {
    let balances = state.values().map(Running::balance);
    MonthEnd {
        month,
        assets: balances.clone().filter(|b| *b > 0).sum(),
        liabilities: balances.filter(|b| *b < 0).sum(),
    }
}

/// Balances per account kind, in the order kinds are declared.
fn by_kind(state: &HashMap<Uuid, Running>) -> Vec<(AccountKind, i128)> {
    let mut totals: Vec<(AccountKind, i128)> = Vec::new();
    for running in state.values() {
        match totals.iter_mut().find(|(kind, _)| *kind == running.kind) {
            Some((_, total)) => *total += running.balance(),
            None => totals.push((running.kind, running.balance())),
        }
    }
    totals.sort_by_key(|(kind, _)| kind.as_str());
    totals
}

fn base(ids: &[Uuid]) -> Condition {
    Condition::all().add(transaction::Column::AccountId.is_in(ids.iter().copied()))
}

/// Per account, what was booked after its last valuation before `start` and before `start`.
async fn since_anchors(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    currency: Currency,
    anchors: &HashMap<Uuid, NaiveDate>,
    start: NaiveDate,
) -> AppResult<Vec<(Uuid, i128)>> {
    if anchors.is_empty() {
        return Ok(Vec::new());
    }
    let mut any = Condition::any();
    for (account, date) in anchors {
        any = any.add(
            Condition::all()
                .add(transaction::Column::AccountId.eq(*account))
                .add(transaction::Column::Date.gt(*date)),
        );
    }
    let condition = Condition::all()
        .add(any)
        .add(transaction::Column::Date.lt(start));
    sums(db, viewer, currency, condition).await
}

/// Sum per account of the viewer's transactions in `currency` matching `condition`.
async fn sums(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    currency: Currency,
    condition: Condition,
) -> AppResult<Vec<(Uuid, i128)>> {
    let query = owned::<transaction::Entity>(viewer)
        .select_only()
        .column(transaction::Column::AccountId);
    let rows: Vec<(Uuid, i64, i64)> = exact_sum(query, "amount_minor", "total")
        .filter(transaction::Column::Currency.eq(currency.code()))
        .filter(condition)
        .group_by(transaction::Column::AccountId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(account, high, low)| (account, joined(high, low)))
        .collect())
}

/// Sum per account and day of the viewer's transactions in `currency` matching `condition`.
async fn daily(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    currency: Currency,
    condition: Condition,
) -> AppResult<Vec<(Uuid, NaiveDate, i128)>> {
    let query = owned::<transaction::Entity>(viewer)
        .select_only()
        .column(transaction::Column::AccountId)
        .column(transaction::Column::Date);
    let rows: Vec<(Uuid, NaiveDate, i64, i64)> = exact_sum(query, "amount_minor", "total")
        .filter(transaction::Column::Currency.eq(currency.code()))
        .filter(condition)
        .group_by(transaction::Column::AccountId)
        .group_by(transaction::Column::Date)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(account, date, high, low)| (account, date, joined(high, low)))
        .collect())
}
