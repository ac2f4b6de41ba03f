//! The viewer's data as a whole: all of it as one JSON document ([`everything`], for a
//! download the user may keep or take elsewhere), or all of it deleted ([`erase`]).
//!
//! Every table is read here from its entity through [`owned`], so nothing of another user can
//! slip in; the user row is read by the viewer's own id, and its password hash is never put
//! in the document.

mod erase;

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

use super::entities::{account, budget, category, transaction, transaction_tag, user, valuation};
use super::{Store, owned};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;

pub use erase::erase;

/// Everything of the viewer: profile, accounts, categories, transactions (with tags),
/// budgets and valuations. Amounts are decimal strings, dates `YYYY-MM-DD`, instants
/// RFC 3339; rows come in a stable order, so two exports of unchanged data are equal. Read
/// in one database transaction, so balances and transactions agree even while the user
/// writes. The document is built in memory, so a viewer with more than `max_rows` rows in
/// all is refused (`BAD_USER_INPUT`), before any is read, and pointed to
/// `exportTransactions`, which can export the transactions a range of dates at a time.
#[tracing::instrument(skip_all)]
pub async fn everything(store: &Store, viewer: &Viewer, max_rows: u64) -> AppResult<Value> {
    let txn = store.begin().await?;
    let rows = rows(&txn, viewer).await?;
    if rows > max_rows {
        let message = format!(
            "Your data has {rows} rows; exportMyData answers at most {max_rows}. Export \
             your transactions a range of dates at a time with exportTransactions"
        );
        return Err(AppError::bad_input("exportMyData", message));
    }
    let document = document(&txn, viewer).await?;
    txn.commit().await?;
    Ok(document)
}

/// How many rows of the viewer the document would hold (tags count with their transaction).
async fn rows(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<u64> {
    let counts = [
        owned::<account::Entity>(viewer).count(db).await?,
        owned::<category::Entity>(viewer).count(db).await?,
        owned::<transaction::Entity>(viewer).count(db).await?,
        owned::<budget::Entity>(viewer).count(db).await?,
        owned::<valuation::Entity>(viewer).count(db).await?,
    ];
    Ok(counts.iter().sum())
}

async fn document(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Value> {
    let profile = user::Entity::find_by_id(viewer.user_id())
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated("This user no longer exists"))?;
    let accounts = owned::<account::Entity>(viewer)
        .order_by_asc(account::Column::Id)
        .all(db)
        .await?;
    let currencies = accounts
        .iter()
        .map(|a| Ok((a.id, stored_currency(&a.currency)?)))
        .collect::<AppResult<HashMap<Uuid, Currency>>>()?;
    let currency_of = |id: Uuid| {
        currencies
            .get(&id)
            .copied()
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("a row without its account")))
    };
    let valuations = owned::<valuation::Entity>(viewer)
        .order_by_asc(valuation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|v| {
            let value = currency_of(v.account_id)?.from_minor(v.value_minor);
            Ok(json!({
                "id": v.id, "accountId": v.account_id, "date": v.date.to_string(),
                "value": value.to_string(), "createdAt": instant(v.created_at),
                "updatedAt": instant(v.updated_at),
            }))
        })
        .collect::<AppResult<Vec<Value>>>()?;
    Ok(json!({
        "profile": {
            "id": profile.id,
            "username": profile.username,
            "email": profile.email,
            "role": profile.role,
            "baseCurrency": profile.base_currency,
            "createdAt": instant(profile.created_at),
        },
        "accounts": accounts.into_iter().map(account_json).collect::<AppResult<Vec<_>>>()?,
        "categories": categories(db, viewer).await?,
        "transactions": transactions(db, viewer).await?,
        "budgets": budgets(db, viewer).await?,
        "valuations": valuations,
    }))
}

fn account_json(a: account::Model) -> AppResult<Value> {
    let currency = stored_currency(&a.currency)?;
    Ok(json!({
        "id": a.id,
        "name": a.name,
        "kind": a.kind.to_uppercase(),
        "currency": a.currency,
        "institution": a.institution,
        "openingBalance": currency.from_minor(a.opening_balance_minor).to_string(),
        "balance": currency.from_minor(a.balance_minor).to_string(),
        "isDefault": a.is_default,
        "archived": a.archived,
        "createdAt": instant(a.created_at),
        "updatedAt": instant(a.updated_at),
    }))
}

async fn categories(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Vec<Value>> {
    let rows = owned::<category::Entity>(viewer)
        .order_by_asc(category::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| {
            json!({
                "id": c.id, "parentId": c.parent_id, "name": c.name, "kind": c.kind,
                "position": c.position, "createdAt": instant(c.created_at),
                "updatedAt": instant(c.updated_at),
            })
        })
        .collect())
}

async fn transactions(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Vec<Value>> {
    let mut tags: HashMap<Uuid, Vec<String>> = HashMap::new();
    let tag_rows = owned::<transaction_tag::Entity>(viewer)
        .order_by_asc(transaction_tag::Column::TransactionId)
        .order_by_asc(transaction_tag::Column::Tag)
        .all(db)
        .await?;
    for row in tag_rows {
        tags.entry(row.transaction_id).or_default().push(row.tag);
    }
    let rows = owned::<transaction::Entity>(viewer)
        .order_by_asc(transaction::Column::Date)
        .order_by_asc(transaction::Column::Id)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|t| {
            let amount = stored_currency(&t.currency)?.from_minor(t.amount_minor);
            Ok(json!({
                "id": t.id, "accountId": t.account_id, "categoryId": t.category_id,
                "date": t.date.to_string(), "amount": amount.to_string(),
                "currency": t.currency, "description": t.description, "notes": t.notes,
                "tags": tags.remove(&t.id).unwrap_or_default(), "transferId": t.transfer_id,
                "createdAt": instant(t.created_at), "updatedAt": instant(t.updated_at),
            }))
        })
        .collect()
}

async fn budgets(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Vec<Value>> {
    let rows = owned::<budget::Entity>(viewer)
        .order_by_asc(budget::Column::Id)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|b| {
            let amount = stored_currency(&b.currency)?.from_minor(b.amount_minor);
            Ok(json!({
                "id": b.id, "categoryId": b.category_id, "month": b.month.to_string(),
                "amount": amount.to_string(), "currency": b.currency,
                "createdAt": instant(b.created_at), "updatedAt": instant(b.updated_at),
            }))
        })
        .collect()
}

fn stored_currency(code: &str) -> AppResult<Currency> {
    Currency::parse(code).map_err(AppError::internal)
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}
