//! Accounts: where money lives. Sign-up creates the default one; transactions without an
//! account go there.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use super::entities::account;
use super::{Store, lock_owned, lock_where, owned, owned_by_id, update_owned_by_id};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::{Currency, MAX_BALANCE_MINOR};

mod delete;
mod edit;
pub use delete::{Deleted, delete};
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

    /// Is this account's balance what it was last valued at (see `valuations`), rather than
    /// its ledger?
    pub fn is_valued(self) -> bool {
        matches!(self, Self::Investment | Self::Property)
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
    /// Opening balance plus every transaction, in minor units.
    pub ledger_minor: i64,
}

/// The viewer's accounts, default first, then by name.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(store: &Store, viewer: &Viewer) -> AppResult<Vec<Account>> {
    all_in(store.conn(), viewer).await
}

/// The viewer's accounts, default first, then by name, read through `db`.
pub(super) async fn all_in(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Vec<Account>> {
    owned::<account::Entity>(viewer)
        .order_by_desc(account::Column::IsDefault)
        .order_by_asc(account::Column::Name)
        .order_by_asc(account::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_account)
        .collect()
}

/// The currencies of the viewer's accounts, each once.
pub(super) async fn currencies(store: &Store, viewer: &Viewer) -> AppResult<Vec<Currency>> {
    let mut currencies: Vec<Currency> = all_in(store.conn(), viewer)
        .await?
        .into_iter()
        .map(|a| a.currency)
        .collect();
    currencies.sort_by_key(|c| c.code());
    currencies.dedup();
    Ok(currencies)
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

/// Would the account's ledger balance stay within [`MAX_BALANCE_MINOR`] after `delta` more
/// minor units? Ask with the account locked (see [`lock`]) and read after the lock, so
/// concurrent writes cannot both pass.
pub(super) fn stays_in_range(account: &Account, delta: i64) -> bool {
    let balance = i128::from(account.ledger_minor) + i128::from(delta);
    balance.abs() <= i128::from(MAX_BALANCE_MINOR)
}

/// Add `delta` minor units to the stored ledger balance of one of the viewer's accounts. Call
/// in the database transaction that changes the transactions, with the account locked and
/// the new balance checked with [`stays_in_range`].
pub(super) async fn add_to_balance(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
    delta: i64,
) -> AppResult<()> {
    if delta == 0 {
        return Ok(());
    }
    let updated = update_owned_by_id::<account::Entity>(viewer, id)
        .col_expr(
            account::Column::BalanceMinor,
            Expr::col(account::Column::BalanceMinor).add(delta),
        )
        .exec(db)
        .await?;
    if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::not_found("account"))
    }
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
    if lock_where::<account::Entity>(db, viewer, condition).await? == 1 {
        return default_for(db, viewer).await;
    }
    // Another account became the default while this waited for the lock: lock that one.
    let current = default_for(db, viewer).await?;
    let locked = lock(db, viewer, current.id).await?;
    if locked.is_default {
        Ok(locked)
    } else {
        Err(AppError::Conflict {
            field: "input.accountId",
            message: "The default account changed at the same moment; try again".to_owned(),
        })
    }
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
        balance_minor: Set(0),
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
        ledger_minor: model.balance_minor,
    })
}
