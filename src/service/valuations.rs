//! Valuations: what an investment or property account was worth on a date (a statement, an
//! appraisal). Such an account's balance is its latest valuation plus the transactions dated
//! after it; without a valuation it is the ledger balance like any other account's.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::audit::{self, Action, Event};
use super::entities::{transaction, valuation};
use super::{
    Store, accounts, delete_owned, exact_sum, joined, owned, owned_by_id, update_owned_by_id,
};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::{Currency, MAX_BALANCE_MINOR};

/// A valuation of one of the viewer's accounts.
#[derive(Debug, Clone)]
pub struct Valuation {
    pub id: Uuid,
    pub account_id: Uuid,
    pub date: NaiveDate,
    pub value: Decimal,
    pub currency: Currency,
}

/// The viewer's valuations, newest first; of one account when `account_id` is given.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(
    store: &Store,
    viewer: &Viewer,
    account_id: Option<Uuid>,
) -> AppResult<Vec<Valuation>> {
    let currencies = account_currencies(store.conn(), viewer).await?;
    let mut query = owned::<valuation::Entity>(viewer);
    if let Some(id) = account_id {
        if !currencies.contains_key(&id) {
            return Err(AppError::not_found("account"));
        }
        query = query.filter(valuation::Column::AccountId.eq(id));
    }
    let rows = query
        .order_by_desc(valuation::Column::Date)
        .order_by_asc(valuation::Column::AccountId)
        .all(store.conn())
        .await?;
    rows.into_iter()
        .map(|row| {
            let currency = *currencies
                .get(&row.account_id)
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("valuation without account")))?;
            Ok(to_valuation(row, currency))
        })
        .collect()
}

/// Record what an investment or property account was worth on `date`, replacing the
/// valuation of that day if there is one.
#[tracing::instrument(skip_all)]
pub async fn set(
    store: &Store,
    viewer: &Viewer,
    account_id: Uuid,
    date: NaiveDate,
    value: Decimal,
) -> AppResult<Valuation> {
    let txn = store.begin().await?;
    let account = accounts::lock(&txn, viewer, account_id).await?;
    if !account.kind.is_valued() {
        return Err(AppError::bad_input(
            "input.accountId",
            "Only investment and property accounts take valuations",
        ));
    }
    let minor = account
        .currency
        .to_minor(value)
        .map_err(|err| AppError::bad_input("input.value", err.to_string()))?;
    if minor.abs() > MAX_BALANCE_MINOR {
        return Err(AppError::bad_input(
            "input.value",
            "This value is beyond the supported range",
        ));
    }
    let now = Utc::now();
    let existing = owned::<valuation::Entity>(viewer)
        .filter(valuation::Column::AccountId.eq(account_id))
        .filter(valuation::Column::Date.eq(date))
        .one(&txn)
        .await?;
    let (id, action) = match existing {
        Some(row) => {
            update_owned_by_id::<valuation::Entity>(viewer, row.id)
                .col_expr(valuation::Column::ValueMinor, Expr::value(minor))
                .col_expr(valuation::Column::UpdatedAt, Expr::value(now))
                .exec(&txn)
                .await?;
            (row.id, Action::Updated)
        }
        None => {
            let id = Uuid::now_v7();
            let row = valuation::ActiveModel {
                id: Set(id),
                user_id: Set(viewer.user_id()),
                account_id: Set(account_id),
                date: Set(date),
                value_minor: Set(minor),
                created_at: Set(now),
                updated_at: Set(now),
            };
            valuation::Entity::insert(row)
                .exec_without_returning(&txn)
                .await?;
            (id, Action::Created)
        }
    };
    audit::record(&txn, Event::by(viewer, action).entity("valuation", id)).await?;
    txn.commit().await?;
    Ok(Valuation {
        id,
        account_id,
        date,
        value: account.currency.from_minor(minor),
        currency: account.currency,
    })
}

/// Delete one of the viewer's valuations; `NOT_FOUND` if it is not theirs.
#[tracing::instrument(skip_all)]
pub async fn delete(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    let exists = owned_by_id::<valuation::Entity>(viewer, id)
        .one(store.conn())
        .await?
        .is_some();
    let txn = store.begin().await?;
    let deleted = delete_owned::<valuation::Entity>(viewer, id)
        .exec(&txn)
        .await?;
    if !exists || deleted.rows_affected == 0 {
        return Err(AppError::not_found("valuation"));
    }
    audit::record(
        &txn,
        Event::by(viewer, Action::Deleted).entity("valuation", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The current value, in minor units, of each of the viewer's accounts among `ids` that has
/// a valuation: the latest valuation plus the transactions dated after it. Accounts without
/// a valuation are absent. Two statements whatever the number of accounts.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn current_values(
    store: &Store,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, i128>> {
    let rows = owned::<valuation::Entity>(viewer)
        .filter(valuation::Column::AccountId.is_in(ids.iter().copied()))
        .order_by_desc(valuation::Column::Date)
        .all(store.conn())
        .await?;
    let mut latest: HashMap<Uuid, (NaiveDate, i64)> = HashMap::new();
    for row in rows {
        latest
            .entry(row.account_id)
            .or_insert((row.date, row.value_minor));
    }
    if latest.is_empty() {
        return Ok(HashMap::new());
    }
    let mut after = Condition::any();
    for (account_id, (date, _)) in &latest {
        after = after.add(
            Condition::all()
                .add(transaction::Column::AccountId.eq(*account_id))
                .add(transaction::Column::Date.gt(*date)),
        );
    }
    let query = owned::<transaction::Entity>(viewer)
        .select_only()
        .column(transaction::Column::AccountId);
    let sums: Vec<(Uuid, i64, i64)> = exact_sum(query, "amount_minor", "total")
        .filter(after)
        .group_by(transaction::Column::AccountId)
        .into_tuple()
        .all(store.conn())
        .await?;
    let sums: HashMap<Uuid, i128> = sums
        .into_iter()
        .map(|(id, high, low)| (id, joined(high, low)))
        .collect();
    Ok(latest
        .into_iter()
        .map(|(id, (_, value))| (id, i128::from(value) + sums.get(&id).copied().unwrap_or(0)))
        .collect())
}

/// Every valuation of the viewer's accounts among `ids`, oldest first, as
/// `(account, date, value in minor units)`: the raw series net-worth reports start from.
pub(super) async fn history(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<Vec<(Uuid, NaiveDate, i64)>> {
    let rows = owned::<valuation::Entity>(viewer)
        .filter(valuation::Column::AccountId.is_in(ids.iter().copied()))
        .order_by_asc(valuation::Column::Date)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.account_id, row.date, row.value_minor))
        .collect())
}

async fn account_currencies(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> AppResult<HashMap<Uuid, Currency>> {
    accounts::all_in(db, viewer)
        .await
        .map(|list| list.into_iter().map(|a| (a.id, a.currency)).collect())
}

fn to_valuation(row: valuation::Model, currency: Currency) -> Valuation {
    Valuation {
        id: row.id,
        account_id: row.account_id,
        date: row.date,
        value: currency.from_minor(row.value_minor),
        currency,
    }
}
