//! Creating and changing accounts. An account's currency is fixed at creation: its amounts
//! are stored in its minor units.

use chrono::Utc;
use rust_decimal::Decimal;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use uuid::Uuid;

use super::delete::make_default;
use super::{Account, AccountKind, stays_in_range, to_account};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::audit::{self, Action, Event};
use crate::service::entities::account;
use crate::service::{
    self, Change, Store, constraints, lock_owned, owned, owned_by_id, text, update_owned_by_id,
};

/// Longest account name or institution, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// A new account.
pub struct NewAccount {
    pub name: String,
    pub kind: AccountKind,
    pub currency: String,
    pub institution: Option<String>,
    pub opening_balance: Decimal,
}

/// Changes to an account; `None`/`Keep` fields stay as they are.
#[derive(Default)]
pub struct AccountPatch {
    pub name: Option<String>,
    pub kind: Option<AccountKind>,
    pub institution: Change<String>,
    pub opening_balance: Option<Decimal>,
    /// Archive (closed to new transactions) or reopen.
    pub archived: Option<bool>,
    /// `Some(true)` makes this the default account in place of the current one.
    pub is_default: Option<bool>,
}

/// Create an account for the viewer; names are unique per user (`CONFLICT` on `input.name`).
#[tracing::instrument(skip_all)]
pub async fn create(store: &Store, viewer: &Viewer, input: NewAccount) -> AppResult<Account> {
    let name = text::required_line("input.name", &input.name, MAX_NAME_CHARS)?;
    let institution = text::optional_line(
        "input.institution",
        input.institution.as_deref(),
        MAX_NAME_CHARS,
    )?;
    let currency = Currency::parse(&input.currency)
        .map_err(|err| AppError::bad_input("input.currency", err.to_string()))?;
    let opening = opening_minor(currency, input.opening_balance)?;
    ensure_name_free(store.conn(), viewer, &name, None).await?;
    let now = Utc::now();
    let row = account::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(viewer.user_id()),
        name: Set(name),
        kind: Set(input.kind.as_str().to_owned()),
        currency: Set(currency.code().to_owned()),
        institution: Set(institution),
        opening_balance_minor: Set(opening),
        balance_minor: Set(opening),
        is_default: Set(false),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let txn = store.begin().await?;
    let inserted = account::Entity::insert(row)
        .exec_with_returning(&txn)
        .await
        .map_err(name_conflict);
    let model = match inserted {
        Ok(model) => model,
        Err(err) => {
            // The failed statement ends the transaction (PostgreSQL); ask outside it.
            txn.rollback().await?;
            return Err(service::missing_reference(store.conn(), viewer, err, "account").await);
        }
    };
    audit::record(
        &txn,
        Event::by(viewer, Action::Created).entity("account", model.id),
    )
    .await?;
    txn.commit().await?;
    to_account(model)
}

/// Change an account of the viewer; `NOT_FOUND` if it is not theirs.
#[tracing::instrument(skip_all)]
pub async fn update(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    patch: AccountPatch,
) -> AppResult<Account> {
    let txn = store.begin().await?;
    if !lock_owned::<account::Entity>(&txn, viewer, id).await? {
        return Err(AppError::not_found("account"));
    }
    let current = owned_by_id::<account::Entity>(viewer, id)
        .one(&txn)
        .await?
        .ok_or(AppError::not_found("account"))?;
    let account = to_account(current.clone())?;
    match patch.is_default {
        Some(true) if !account.is_default => {
            make_default(&txn, viewer, &account).await?;
        }
        Some(false) if account.is_default => {
            return Err(AppError::bad_input(
                "input.isDefault",
                "Make another account the default instead",
            ));
        }
        _ => {}
    }
    let current = owned_by_id::<account::Entity>(viewer, id)
        .one(&txn)
        .await?
        .ok_or(AppError::not_found("account"))?;
    let mut row = current.into_active_model();
    if let Some(archived) = patch.archived {
        let will_be_default = account.is_default || patch.is_default == Some(true);
        if archived && will_be_default {
            return Err(AppError::bad_input(
                "input.archived",
                "The default account cannot be archived",
            ));
        }
        row.archived = Set(archived);
    }
    if let Some(name) = patch.name {
        let name = text::required_line("input.name", &name, MAX_NAME_CHARS)?;
        ensure_name_free(&txn, viewer, &name, Some(id)).await?;
        row.name = Set(name);
    }
    if let Some(kind) = patch.kind {
        row.kind = Set(kind.as_str().to_owned());
    }
    row.institution = match patch.institution {
        Change::Keep => row.institution,
        Change::Clear => Set(None),
        Change::Set(value) => Set(text::optional_line(
            "input.institution",
            Some(&value),
            MAX_NAME_CHARS,
        )?),
    };
    if let Some(opening_balance) = patch.opening_balance {
        let opening = opening_minor(account.currency, opening_balance)?;
        let old = opening_minor(account.currency, account.opening_balance)?;
        if !stays_in_range(&account, opening - old) {
            return Err(AppError::bad_input(
                "input.openingBalance",
                "This opening balance would take the balance beyond the supported range",
            ));
        }
        row.opening_balance_minor = Set(opening);
        row.balance_minor = Set(account.ledger_minor + opening - old);
    }
    row.updated_at = Set(Utc::now());
    let updated = update_owned_by_id::<account::Entity>(viewer, id)
        .set(row)
        .exec(&txn)
        .await
        .map_err(name_conflict)?;
    if updated.rows_affected == 0 {
        return Err(AppError::not_found("account"));
    }
    let model = owned_by_id::<account::Entity>(viewer, id).one(&txn).await?;
    let account = model
        .map(to_account)
        .unwrap_or(Err(AppError::not_found("account")))?;
    audit::record(
        &txn,
        Event::by(viewer, Action::Updated).entity("account", id),
    )
    .await?;
    txn.commit().await?;
    Ok(account)
}

fn opening_minor(currency: Currency, amount: Decimal) -> AppResult<i64> {
    currency
        .to_minor(amount)
        .map_err(|err| AppError::bad_input("input.openingBalance", err.to_string()))
}

/// `CONFLICT` if another of the viewer's accounts (not `except`) has this name.
async fn ensure_name_free(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    name: &str,
    except: Option<Uuid>,
) -> AppResult<()> {
    let mut same_name = owned::<account::Entity>(viewer).filter(account::Column::Name.eq(name));
    if let Some(id) = except {
        same_name = same_name.filter(account::Column::Id.ne(id));
    }
    service::ensure_name_free(db, same_name, name_taken).await
}

fn name_taken() -> AppError {
    AppError::Conflict {
        field: "input.name",
        message: "You already have an account with this name".to_owned(),
    }
}

fn name_conflict(err: sea_orm::DbErr) -> AppError {
    service::name_conflict(err, &[&constraints::ACCOUNT_NAMES], name_taken)
}
