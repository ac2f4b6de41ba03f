//! Accounts: where money lives. Sign-up creates the default one; transactions without an
//! account go there.

use chrono::{DateTime, Utc};
use std::collections::HashMap;

use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::entities::{account, transaction};
use super::{Store, lock_owned, lock_where, owned, owned_by_id};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::{Currency, MAX_BALANCE_MINOR};

mod edit;
pub use edit::{AccountPatch, NewAccount, create, update};

/// Name of the account every new user starts with.
pub const DEFAULT_ACCOUNT_NAME: &str = "Main account";

/// The kinds of account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    Checking,
    Savings,
    CreditCard,
    Cash,
    Investment,
    Loan,
    Property,
    Other,
}

impl AccountKind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Checking => "checking",
            Self::Savings => "savings",
            Self::CreditCard => "credit_card",
            Self::Cash => "cash",
            Self::Investment => "investment",
            Self::Loan => "loan",
            Self::Property => "property",
            Self::Other => "other",
        }
    }

    fn parse(stored: &str) -> Self {
        match stored {
            "checking" => Self::Checking,
            "savings" => Self::Savings,
            "credit_card" => Self::CreditCard,
            "cash" => Self::Cash,
            "investment" => Self::Investment,
            "loan" => Self::Loan,
            "property" => Self::Property,
            _ => Self::Other,
        }
    }
}

/// An account of the viewer.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: Uuid,
    pub name: String,
    pub kind: AccountKind,
    pub currency: Currency,
    pub institution: Option<String>,
    pub opening_balance: rust_decimal::Decimal,
    pub is_default: bool,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
}

/// The viewer's accounts, default first, then by name.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(store: &Store, viewer: &Viewer) -> AppResult<Vec<Account>> {
    owned::<account::Entity>(viewer)
        .order_by_desc(account::Column::IsDefault)
        .order_by_asc(account::Column::Name)
        .order_by_asc(account::Column::Id)
        .all(store.conn())
        .await?
        .into_iter()
        .map(to_account)
        .collect()
}

/// The viewer's accounts among `ids` (for the dataloader); others' ids are simply absent.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn by_ids(store: &Store, viewer: &Viewer, ids: &[Uuid]) -> AppResult<Vec<Account>> {
    owned::<account::Entity>(viewer)
        .filter(account::Column::Id.is_in(ids.iter().copied()))
        .all(store.conn())
        .await?
        .into_iter()
        .map(to_account)
        .collect()
}

/// The sum of all transactions, in minor units, of each of the viewer's accounts among
/// `ids`. Summed by the database as integers, so it is exact on every backend; writes keep
/// every balance within `MAX_BALANCE_MINOR`, so the sum always fits.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn transaction_totals(
    store: &Store,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, i64>> {
    totals(store.conn(), viewer, ids).await
}

/// The sum of all transactions of one of the viewer's accounts, in minor units.
pub(super) async fn transaction_total(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<i64> {
    Ok(totals(db, viewer, &[id])
        .await?
        .get(&id)
        .copied()
        .unwrap_or(0))
}

async fn totals(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, i64>> {
    let totals: Vec<(Uuid, i64)> = owned::<transaction::Entity>(viewer)
        .select_only()
        .column(transaction::Column::AccountId)
        .column_as(Expr::cust("CAST(SUM(amount_minor) AS BIGINT)"), "total")
        .filter(transaction::Column::AccountId.is_in(ids.iter().copied()))
        .group_by(transaction::Column::AccountId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(totals.into_iter().collect())
}

/// Would the account's balance stay within [`MAX_BALANCE_MINOR`] after `delta` more minor
/// units? Call with the account locked (see [`lock`]), so concurrent writes cannot both pass.
pub(super) async fn balance_stays_in_range(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    account: &Account,
    delta: i64,
) -> AppResult<bool> {
    let total = transaction_total(db, viewer, account.id).await?;
    let opening = account
        .currency
        .to_minor(account.opening_balance)
        .map_err(AppError::internal)?;
    let balance = i128::from(opening) + i128::from(total) + i128::from(delta);
    Ok(balance.abs() <= i128::from(MAX_BALANCE_MINOR))
}

/// Lock one of the viewer's accounts for the rest of the transaction and read it;
/// `NOT_FOUND` if it is not theirs.
pub(super) async fn lock(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<Account> {
    if !lock_owned::<account::Entity>(db, viewer, id).await? {
        return Err(AppError::not_found("account"));
    }
    find(db, viewer, id)
        .await?
        .ok_or(AppError::not_found("account"))
}

/// Lock and read the viewer's default account.
pub(super) async fn lock_default(db: &DatabaseTransaction, viewer: &Viewer) -> AppResult<Account> {
    let condition = Condition::all().add(account::Column::IsDefault.eq(true));
    lock_where::<account::Entity>(db, viewer, condition).await?;
    default_for(db, viewer).await
}

/// Lock two of the viewer's accounts, lower id first so that two transfers in opposite
/// directions cannot deadlock; returns them in the order asked.
pub(super) async fn lock_pair(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    first: Uuid,
    second: Uuid,
) -> AppResult<(Account, Account)> {
    if first < second {
        let a = lock(db, viewer, first).await?;
        Ok((a, lock(db, viewer, second).await?))
    } else {
        let b = lock(db, viewer, second).await?;
        Ok((lock(db, viewer, first).await?, b))
    }
}

/// One account of the viewer, or `NOT_FOUND`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<Account> {
    find(store.conn(), viewer, id)
        .await?
        .ok_or(AppError::not_found("account"))
}

/// The viewer's default account, or `NOT_FOUND` if it has none.
pub(super) async fn default_for(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Account> {
    let model = owned::<account::Entity>(viewer)
        .filter(account::Column::IsDefault.eq(true))
        .one(db)
        .await?;
    model
        .map(to_account)
        .unwrap_or(Err(AppError::not_found("account")))
}

pub(super) async fn find(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<Option<Account>> {
    owned_by_id::<account::Entity>(viewer, id)
        .one(db)
        .await?
        .map(to_account)
        .transpose()
}

/// Create the default account of a user being signed up (inside the sign-up transaction).
pub(super) async fn create_default(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    currency: Currency,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let row = account::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        name: Set(DEFAULT_ACCOUNT_NAME.to_owned()),
        kind: Set(AccountKind::Checking.as_str().to_owned()),
        currency: Set(currency.code().to_owned()),
        institution: Set(None),
        opening_balance_minor: Set(0),
        is_default: Set(true),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
    };
    account::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub(super) fn to_account(model: account::Model) -> AppResult<Account> {
    let currency = Currency::parse(&model.currency).map_err(AppError::internal)?;
    Ok(Account {
        id: model.id,
        kind: AccountKind::parse(&model.kind),
        opening_balance: currency.from_minor(model.opening_balance_minor),
        currency,
        name: model.name,
        institution: model.institution,
        is_default: model.is_default,
        archived: model.archived,
        created_at: model.created_at,
    })
}
