//! Deleting, archiving and choosing the default account. An account with transactions is
//! never deleted — its history matters for balances and reports — it is archived instead:
//! still listed and reported, closed to new transactions. The default account (where
//! transactions without an account go) can be neither deleted nor archived; another
//! account can be made the default.
//!
//! In the audit log, a removed account is `DELETED`; one archived instead is `UPDATED` with
//! the reason `ARCHIVED_ON_DELETE`, since it still exists.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use super::{Account, find, lock};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{account, transaction};
use crate::service::{Store, constraints, delete_owned, owned, update_owned, update_owned_by_id};

/// What `delete` did.
#[derive(Debug)]
pub enum Deleted {
    /// The account had no transactions and is gone.
    Removed,
    /// The account has transactions, so it was archived instead.
    Archived(Account),
}

/// Delete an account of the viewer, or archive it if it has transactions; `NOT_FOUND` if it
/// is not theirs.
#[tracing::instrument(skip_all)]
pub async fn delete(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<Deleted> {
    let txn = store.begin().await?;
    let current = lock(&txn, viewer, id).await?;
    ensure_not_default(&current, "id")?;
    let used = owned::<transaction::Entity>(viewer)
        .filter(transaction::Column::AccountId.eq(id))
        .count(&txn)
        .await?;
    let outcome = if used > 0 {
        set_archived(&txn, viewer, id, true).await?;
        let archived = find(&txn, viewer, id)
            .await?
            .ok_or(AppError::not_found("account"))?;
        Deleted::Archived(archived)
    } else {
        delete_owned::<account::Entity>(viewer, id)
            .exec(&txn)
            .await?;
        Deleted::Removed
    };
    let event = match outcome {
        // The account is still there, closed: a change, and the log says why.
        Deleted::Archived(_) => Event::by(viewer, Action::Updated).reason("ARCHIVED_ON_DELETE"),
        Deleted::Removed => Event::by(viewer, Action::Deleted),
    };
    audit::record(&txn, event.entity("account", id)).await?;
    txn.commit().await?;
    Ok(outcome)
}

/// `BAD_USER_INPUT` on `field` for the default account.
pub(super) fn ensure_not_default(account: &Account, field: &str) -> AppResult<()> {
    if account.is_default {
        return Err(AppError::bad_input(
            field,
            "This is the default account: make another account the default first",
        ));
    }
    Ok(())
}

/// Archive or reopen one of the viewer's accounts (locked by the caller).
pub(super) async fn set_archived(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    id: Uuid,
    archived: bool,
) -> AppResult<()> {
    update_owned_by_id::<account::Entity>(viewer, id)
        .col_expr(account::Column::Archived, Expr::value(archived))
        .col_expr(account::Column::UpdatedAt, Expr::value(Utc::now()))
        .exec(db)
        .await?;
    Ok(())
}

/// Make one of the viewer's open accounts (locked by the caller) the default, in place of
/// the current one.
pub(super) async fn make_default(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    account: &Account,
) -> AppResult<()> {
    if account.archived {
        return Err(AppError::bad_input(
            "input.isDefault",
            "An archived account cannot be the default",
        ));
    }
    for (condition, value) in [
        (account::Column::IsDefault.eq(true), false),
        (account::Column::Id.eq(account.id), true),
    ] {
        update_owned::<account::Entity>(viewer)
            .col_expr(account::Column::IsDefault, Expr::value(value))
            .filter(condition)
            .exec(db)
            .await
            .map_err(|err| {
                // Two accounts made the default at once: the one-default index decides.
                if constraints::ONE_DEFAULT_ACCOUNT.refused(&err) {
                    AppError::Conflict {
                        field: "input.isDefault",
                        message: "Another account was made the default at the same moment; \
                                  try again"
                            .to_owned(),
                    }
                } else {
                    err.into()
                }
            })?;
    }
    Ok(())
}
