//! Deleting the viewer's user and everything they own, after the one password check
//! (`users::credentials`: the account lock, counted failures, the audit log). The
//! transaction that recorded the check's success deletes every table's rows, explicitly and in an
//! order the foreign keys accept, rather than trusting cascades that a later migration
//! could change; every statement is filtered on the viewer's id, so nothing of anyone else
//! can go. The user's audit log is erased too, leaving one `ACCOUNT_DELETED` event without
//! IP or user agent (see `erase_audit_log`).

use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use crate::auth::{ClientInfo, PasswordHasher, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{
    account, audit_event, budget, category, idempotency_key, rule, transaction, transaction_tag,
    user, valuation,
};
use crate::service::events::{self as live, EndReason as Ended};
use crate::service::users::credentials::{self, Claimant, Verified};
use crate::service::users::{self, LockoutPolicy};
use crate::service::{Owned, Store, delete_all_owned, lock_where};

/// Delete the viewer's user and all their data if `password` is theirs; any refusal (wrong
/// password, locked account) is answered exactly like a failed login, and deletes nothing.
#[tracing::instrument(skip_all)]
pub async fn erase(
    store: &Store,
    hasher: &PasswordHasher,
    viewer: &Viewer,
    password: String,
    lockout: &LockoutPolicy,
) -> AppResult<()> {
    let claimant = Claimant::Viewer(viewer);
    let checked = credentials::check(store, hasher, claimant, password, lockout).await?;
    let Some(Verified { txn, .. }) = checked else {
        return Err(users::INVALID_CREDENTIALS);
    };
    // Writes to the viewer's accounts wait for this transaction, so no transaction can be
    // added between deleting the transactions and deleting the accounts.
    lock_where::<account::Entity>(&txn, viewer, Condition::all()).await?;
    delete_all::<idempotency_key::Entity>(&txn, viewer, Condition::all()).await?;
    delete_all::<transaction_tag::Entity>(&txn, viewer, Condition::all()).await?;
    delete_all::<budget::Entity>(&txn, viewer, Condition::all()).await?;
    delete_all::<rule::Entity>(&txn, viewer, Condition::all()).await?;
    delete_all::<valuation::Entity>(&txn, viewer, Condition::all()).await?;
    delete_all::<transaction::Entity>(&txn, viewer, Condition::all()).await?;
    let children = Condition::all().add(category::Column::ParentId.is_not_null());
    delete_all::<category::Entity>(&txn, viewer, children).await?;
    delete_all::<category::Entity>(&txn, viewer, Condition::all()).await?;
    delete_all::<account::Entity>(&txn, viewer, Condition::all()).await?;
    let deleted = user::Entity::delete_by_id(viewer.user_id())
        .exec(&txn)
        .await?;
    if deleted.rows_affected != 1 {
        return Err(AppError::Unauthenticated("This user no longer exists"));
    }
    erase_audit_log(&txn, viewer).await?;
    txn.emit(live::Event::session_ended(
        viewer.user_id(),
        None,
        Ended::Revoked,
    ));
    txn.commit().await?;
    Ok(())
}

/// The user's own audit log goes with them — its rows hold personal data (IP addresses,
/// user agents) — and one `ACCOUNT_DELETED` event for the now gone id, without IP or user
/// agent, records that the account existed and was deleted. Events the user wrote into
/// other users' logs (as an admin) stay there.
async fn erase_audit_log(db: &DatabaseTransaction, viewer: &Viewer) -> AppResult<()> {
    delete_all::<audit_event::Entity>(db, viewer, Condition::all()).await?;
    let nowhere = ClientInfo::default();
    let event = Event::about(Some(viewer.user_id()), Action::AccountDeleted, &nowhere);
    audit::record(db, event).await?;
    Ok(())
}

/// Delete the viewer's rows of `E` that match `condition`.
async fn delete_all<E: Owned>(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    condition: Condition,
) -> AppResult<()> {
    delete_all_owned::<E>(viewer)
        .filter(condition)
        .exec(db)
        .await?;
    Ok(())
}
