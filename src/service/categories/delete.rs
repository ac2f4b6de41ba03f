//! Deleting a category. A top-level category goes with its sub-categories. Transactions are
//! never silently lost or orphaned: when any use the category (or its sub-categories), the
//! caller must say where they go — to another category of the same kind, or explicitly
//! uncategorized. Budgets of the deleted categories go with them.
//!
//! The audit log gets one `DELETED` event for the category, whatever went with it; when
//! transactions were moved or cleared, its reason says so (`TRANSACTIONS_MOVED`,
//! `TRANSACTIONS_UNCATEGORIZED`) rather than one event per transaction.

use chrono::Utc;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use super::find;
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{budget, category, recurring_schedule, transaction};
use crate::service::{Store, delete_all_owned, lock_owned, owned, update_owned};

/// What happens to the transactions of a category being deleted.
#[derive(Debug, Clone, Copy)]
pub enum Reassign {
    /// Refuse if there are any.
    Refuse,
    /// Move them to this category of the viewer (same kind, not being deleted).
    To(Uuid),
    /// Leave them without a category.
    Clear,
}

/// Delete a category of the viewer and its sub-categories, doing `reassign` with their
/// transactions; returns how many transactions were moved or cleared. `NOT_FOUND` if the
/// category is not theirs.
#[tracing::instrument(skip_all)]
pub async fn delete(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    reassign: Reassign,
) -> AppResult<u64> {
    let txn = store.begin().await?;
    if !lock_owned::<category::Entity>(&txn, viewer, id).await? {
        return Err(AppError::not_found("category"));
    }
    let current = find(&txn, viewer, id)
        .await?
        .ok_or(AppError::not_found("category"))?;
    let doomed: Vec<Uuid> = owned::<category::Entity>(viewer)
        .filter(
            Condition::any()
                .add(category::Column::Id.eq(id))
                .add(category::Column::ParentId.eq(id)),
        )
        .all(&txn)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let in_doomed = || transaction::Column::CategoryId.is_in(doomed.iter().copied());
    let used = owned::<transaction::Entity>(viewer)
        .filter(in_doomed())
        .count(&txn)
        .await?;
    // Recorded before the checks below, so a refused delete provably rolls it back.
    let event = Event::by(viewer, Action::Deleted).entity("category", id);
    let event = match reassign {
        Reassign::To(_) if used > 0 => event.reason("TRANSACTIONS_MOVED"),
        Reassign::Clear if used > 0 => event.reason("TRANSACTIONS_UNCATEGORIZED"),
        _ => event,
    };
    audit::record(&txn, event).await?;
    let target = match reassign {
        Reassign::To(target) => {
            let target = find(&txn, viewer, target)
                .await?
                .ok_or(AppError::not_found("category"))?;
            if doomed.contains(&target.id) {
                return Err(AppError::bad_input(
                    "reassignTo",
                    "Move the transactions to a category that is not being deleted",
                ));
            }
            if target.kind != current.kind {
                return Err(AppError::bad_input(
                    "reassignTo",
                    "Move the transactions to a category of the same kind (income or expense)",
                ));
            }
            Some(target.id)
        }
        Reassign::Clear => None,
        Reassign::Refuse if used == 0 => None,
        Reassign::Refuse => {
            let message = format!(
                "{used} transaction(s) use this category: pass reassignTo, or \
                 clearTransactions: true to leave them uncategorized"
            );
            return Err(AppError::bad_input("reassignTo", message));
        }
    };
    if used > 0 {
        update_owned::<transaction::Entity>(viewer)
            .col_expr(transaction::Column::CategoryId, Expr::value(target))
            .col_expr(transaction::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(in_doomed())
            .exec(&txn)
            .await?;
    }
    // Recurring schedules lose the category (their composite foreign key has no SET NULL).
    update_owned::<recurring_schedule::Entity>(viewer)
        .col_expr(
            recurring_schedule::Column::CategoryId,
            Expr::value(Option::<Uuid>::None),
        )
        .filter(recurring_schedule::Column::CategoryId.is_in(doomed.iter().copied()))
        .exec(&txn)
        .await?;
    delete_all_owned::<budget::Entity>(viewer)
        .filter(budget::Column::CategoryId.is_in(doomed.iter().copied()))
        .exec(&txn)
        .await?;
    for level in [
        category::Column::ParentId.eq(id),
        category::Column::Id.eq(id),
    ] {
        delete_all_owned::<category::Entity>(viewer)
            .filter(level)
            .exec(&txn)
            .await
            .map_err(still_used)?;
    }
    txn.commit().await?;
    Ok(used)
}

/// A transaction written into the category while it was being deleted: the foreign key
/// refuses the delete, and the client may simply try again.
fn still_used(err: sea_orm::DbErr) -> AppError {
    match err.sql_err() {
        Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => AppError::Conflict {
            field: "id",
            message: "Transactions were added to this category meanwhile; try again".to_owned(),
        },
        _ => err.into(),
    }
}
