//! Running balances: the ledger balance of an account right after each of its transactions,
//! in the ledger's order (date, then id). For a page of one account's transactions, the
//! balance after each is the account's ledger balance minus every transaction that comes
//! later in that order — exact sums of minor units, computed here, never in a client.
//!
//! One statement reads the account's balance and the transactions from the page's oldest
//! row on, so both come from the same snapshot; its cost grows with how far back the page
//! is (the first pages, newest first, are the cheap ones).

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Condition, Expr, Query};
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::entities::{account, transaction};
use crate::service::{Store, owned};

use transaction::Column;

/// The balance of `account_id` right after each of `rows` (its transactions, by date and
/// id), keyed by transaction id. Rows of other accounts or users are simply absent.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn after_each(
    store: &Store,
    viewer: &Viewer,
    account_id: Uuid,
    currency: Currency,
    rows: &[(NaiveDate, Uuid)],
) -> AppResult<HashMap<Uuid, Decimal>> {
    let Some(&(date, id)) = rows.iter().min() else {
        return Ok(HashMap::new());
    };
    let balance = Query::select()
        .column(account::Column::BalanceMinor)
        .from(account::Entity)
        .and_where(account::Column::UserId.eq(viewer.user_id()))
        .and_where(account::Column::Id.eq(account_id))
        .to_owned();
    let from_oldest = Condition::any().add(Column::Date.gt(date)).add(
        Condition::all()
            .add(Column::Date.eq(date))
            .add(Column::Id.gte(id)),
    );
    let later: Vec<(Uuid, i64, Option<i64>)> = owned::<transaction::Entity>(viewer)
        .filter(Column::AccountId.eq(account_id))
        .filter(from_oldest)
        .select_only()
        .column(Column::Id)
        .column(Column::AmountMinor)
        .column_as(Expr::SubQuery(None, Box::new(balance.into())), "balance")
        .order_by_desc(Column::Date)
        .order_by_desc(Column::Id)
        .into_tuple()
        .all(store.conn())
        .await?;
    let wanted: std::collections::HashSet<Uuid> = rows.iter().map(|(_, id)| *id).collect();
    let mut running = match later.first() {
        Some((_, _, Some(balance))) => i128::from(*balance),
        _ => return Ok(HashMap::new()),
    };
    let mut found = HashMap::with_capacity(wanted.len());
    for (id, amount, _) in later {
        if wanted.contains(&id) {
            let value = currency.from_wide_minor(running).ok_or_else(|| {
                AppError::internal(anyhow::anyhow!("a running balance beyond a Decimal"))
            })?;
            found.insert(id, value);
        }
        running -= i128::from(amount);
    }
    Ok(found)
}
