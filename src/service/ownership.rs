//! Scoping by construction: the only ways to start a query, an update or a delete of user
//! data. Every per-user table implements [`Owned`] (its `user_id` column), and each helper
//! here filters on the viewer's id before the caller can add anything, so a service function
//! cannot forget the filter: reads start from [`owned`], writes from [`update_owned`] or
//! [`delete_all_owned`], single rows from [`owned_by_id`], [`delete_owned`] and the locks.

use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, DbErr, DeleteMany, EntityTrait, QueryFilter, Select,
    UpdateMany,
};

use super::entities;
use crate::auth::Viewer;

/// An entity whose rows belong to one user.
pub(super) trait Owned: EntityTrait {
    /// The `user_id` column.
    fn owner() -> Self::Column;
}

/// An owned entity whose rows have an id of their own and an `updated_at` column, so one
/// row can be addressed and locked.
pub(super) trait OwnedRow: Owned {
    /// The primary-key column.
    fn id() -> Self::Column;
    /// The `updated_at` column.
    fn touched() -> Self::Column;
}

/// All rows of `E` that belong to the viewer: the start of every user-data read.
pub(super) fn owned<E: Owned>(viewer: &Viewer) -> Select<E> {
    E::find().filter(E::owner().eq(viewer.user_id()))
}

/// The viewer's row of `E` with this id (none if it is another user's).
pub(super) fn owned_by_id<E: OwnedRow>(viewer: &Viewer, id: uuid::Uuid) -> Select<E> {
    owned::<E>(viewer).filter(E::id().eq(id))
}

/// An update of the viewer's rows of `E` (narrow it with `filter`); other users' rows are
/// out of its reach.
pub(super) fn update_owned<E: Owned>(viewer: &Viewer) -> UpdateMany<E> {
    E::update_many().filter(E::owner().eq(viewer.user_id()))
}

/// An update of the viewer's row of `E` with this id.
pub(super) fn update_owned_by_id<E: OwnedRow>(viewer: &Viewer, id: uuid::Uuid) -> UpdateMany<E> {
    update_owned::<E>(viewer).filter(E::id().eq(id))
}

/// A delete of the viewer's rows of `E` (narrow it with `filter`); other users' rows are
/// out of its reach.
pub(super) fn delete_all_owned<E: Owned>(viewer: &Viewer) -> DeleteMany<E> {
    E::delete_many().filter(E::owner().eq(viewer.user_id()))
}

/// Delete the viewer's row of `E` with this id; another user's row is left alone.
pub(super) fn delete_owned<E: OwnedRow>(viewer: &Viewer, id: uuid::Uuid) -> DeleteMany<E> {
    delete_all_owned::<E>(viewer).filter(E::id().eq(id))
}

/// Take the write lock on the viewer's rows of `E` matching `condition` before reading them,
/// with a no-op `UPDATE … SET updated_at = updated_at`. On PostgreSQL that locks the rows
/// until the transaction ends; on SQLite it makes the transaction a writer at once, so a
/// concurrent writer waits (`busy_timeout`) instead of failing with "database is locked" when
/// a transaction that began by reading tries to write. Returns how many rows were locked.
pub(super) async fn lock_where<E: OwnedRow>(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    condition: Condition,
) -> Result<u64, DbErr> {
    let locked = update_owned::<E>(viewer)
        .col_expr(E::touched(), Expr::col(E::touched()))
        .filter(condition)
        .exec(db)
        .await?;
    Ok(locked.rows_affected)
}

/// Lock the viewer's row of `E` with this id (see [`lock_where`]); `false` if there is none.
pub(super) async fn lock_owned<E: OwnedRow>(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    id: uuid::Uuid,
) -> Result<bool, DbErr> {
    let condition = Condition::all().add(E::id().eq(id));
    Ok(lock_where::<E>(db, viewer, condition).await? == 1)
}

/// Take the write lock on the viewer's own user row, which serialises per-user writes that
/// check a count before inserting (at most N rules, N schedules): two concurrent creates
/// cannot both see room for one more. `UNAUTHENTICATED` when the user no longer exists.
pub(super) async fn lock_viewer(
    db: &DatabaseTransaction,
    viewer: &Viewer,
) -> crate::error::AppResult<()> {
    use entities::user;
    let locked = user::Entity::update_many()
        .col_expr(user::Column::UpdatedAt, Expr::col(user::Column::UpdatedAt))
        .filter(user::Column::Id.eq(viewer.user_id()))
        .exec(db)
        .await?;
    if locked.rows_affected != 1 {
        return Err(crate::error::AppError::Unauthenticated(
            "This user no longer exists",
        ));
    }
    Ok(())
}

macro_rules! owned_by_user {
    ($($module:ident),*) => {$(
        impl Owned for entities::$module::Entity {
            fn owner() -> Self::Column {
                entities::$module::Column::UserId
            }
        }
    )*};
}

macro_rules! owned_rows {
    ($($module:ident),*) => {$(
        impl OwnedRow for entities::$module::Entity {
            fn id() -> Self::Column {
                entities::$module::Column::Id
            }
            fn touched() -> Self::Column {
                entities::$module::Column::UpdatedAt
            }
        }
    )*};
}

// Every table with a `user_id`. `users` is the owner itself, and `refresh_tokens` belong to
// a session, reached only through it.
owned_by_user!(
    account,
    audit_event,
    budget,
    category,
    idempotency_key,
    oidc_login_state,
    recurring_occurrence,
    recurring_schedule,
    rule,
    session,
    transaction,
    transaction_tag,
    user_identity,
    valuation
);
owned_rows!(
    account,
    budget,
    category,
    recurring_occurrence,
    recurring_schedule,
    rule,
    transaction,
    valuation
);
