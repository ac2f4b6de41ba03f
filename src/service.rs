//! The service layer: every read and write of user data.
//!
//! Scoping by construction:
//! - the sea-orm entities live in a private child module ([`entities`]), so no other layer can
//!   name a table, and the database handle inside [`Store`] is private to this module;
//! - every function that touches user data takes `&Viewer` (which only a verified token can
//!   produce) and starts its query from [`owned`], which filters on the viewer's `user_id`;
//! - the database itself refuses cross-user references: accounts and categories are referenced
//!   through composite `(user_id, id)` foreign keys.

mod entities;

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod budgets;
pub mod calendar;
pub mod categories;
mod cursor;
pub mod exports;
pub mod idempotency;
pub mod imports;
pub mod month;
pub mod my_data;
pub mod reports;
pub mod sessions;
mod share;
pub mod text;
pub mod transactions;
pub mod users;
pub mod valuations;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ColumnTrait, ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    DeleteMany, EntityTrait, QueryFilter, Select,
};

use crate::auth::Viewer;
use share::Txn;

/// The database, as the rest of the application may hold it: it can be passed around, pinged
/// and migrated, but not queried outside this module. One made for a request uses only its
/// share of the pool ([`share`]).
#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    statements: Arc<AtomicU64>,
    /// The request's share of the pool; `None` outside requests.
    share: Option<Arc<tokio::sync::Semaphore>>,
    /// Statements and transactions holding a connection now (shared by every clone).
    held: Arc<std::sync::atomic::AtomicUsize>,
}

impl Store {
    /// Connect with a pool of at most `max_connections` (an in-memory SQLite uses one).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, DbErr> {
        let mut options = ConnectOptions::new(url.to_owned());
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        options
            .max_connections(if in_memory { 1 } else { max_connections })
            .min_connections(if in_memory { 1 } else { 0 })
            .acquire_timeout(Duration::from_secs(10))
            .idle_timeout(if in_memory {
                None
            } else {
                Some(Duration::from_secs(300))
            })
            .max_lifetime(if in_memory {
                None
            } else {
                Some(Duration::from_secs(1800))
            })
            .sqlx_logging(false)
            // Ping a pooled connection before use only when it sat idle (a busy server
            // would otherwise pay one extra round trip per statement).
            .test_before_acquire_if_idle_for(Duration::from_secs(30))
            .map_sqlx_sqlite_opts(|opts| {
                opts.foreign_keys(true)
                    .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(5))
            });
        let mut db = Database::connect(options).await?;
        let statements = Arc::new(AtomicU64::new(0));
        let counter = statements.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        Ok(Self {
            db,
            statements,
            share: None,
            held: Arc::default(),
        })
    }

    /// Apply pending migrations.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        Migrator::up(&self.db, None).await
    }

    /// Is the database answering?
    pub async fn ping(&self) -> bool {
        self.db.ping().await.is_ok()
    }

    /// How many SQL statements this store has executed (for N+1 tests and diagnostics).
    pub fn statements_executed(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Close the pool (used on shutdown).
    pub async fn close(self) {
        if let Err(err) = self.db.close().await {
            tracing::warn!(error = %err, "closing the database pool failed");
        }
    }

    /// The connection to run a statement on: the store itself, which takes a permit of the
    /// request's share for each statement.
    fn conn(&self) -> &Self {
        self
    }
}

/// A change to an optional field: leave it, clear it, or set it.
#[derive(Debug, Clone, Default)]
pub enum Change<T> {
    #[default]
    Keep,
    Clear,
    Set(T),
}

/// An entity whose rows belong to one user.
trait Owned: EntityTrait {
    /// The `user_id` column.
    fn owner() -> Self::Column;
    /// The primary-key column.
    fn id() -> Self::Column;
    /// The `updated_at` column.
    fn touched() -> Self::Column;
}

/// All rows of `E` that belong to the viewer: the start of every user-data read.
fn owned<E: Owned>(viewer: &Viewer) -> Select<E> {
    E::find().filter(E::owner().eq(viewer.user_id()))
}

/// The viewer's row of `E` with this id (none if it is another user's).
fn owned_by_id<E: Owned>(viewer: &Viewer, id: uuid::Uuid) -> Select<E> {
    owned::<E>(viewer).filter(E::id().eq(id))
}

/// Delete the viewer's row of `E` with this id; another user's row is left alone.
fn delete_owned<E: Owned>(viewer: &Viewer, id: uuid::Uuid) -> DeleteMany<E> {
    E::delete_many()
        .filter(E::owner().eq(viewer.user_id()))
        .filter(E::id().eq(id))
}

macro_rules! owned_entity {
    ($($module:ident),*) => {$(
        impl Owned for entities::$module::Entity {
            fn owner() -> Self::Column {
                entities::$module::Column::UserId
            }
            fn id() -> Self::Column {
                entities::$module::Column::Id
            }
            fn touched() -> Self::Column {
                entities::$module::Column::UpdatedAt
            }
        }
    )*};
}
owned_entity!(account, budget, category, transaction, valuation);

/// Take the write lock on the viewer's rows of `E` matching `condition` before reading them,
/// with a no-op `UPDATE … SET updated_at = updated_at`. On PostgreSQL that locks the rows
/// until the transaction ends; on SQLite it makes the transaction a writer at once, so a
/// concurrent writer waits (`busy_timeout`) instead of failing with "database is locked" when
/// a transaction that began by reading tries to write. Returns how many rows were locked.
async fn lock_where<E: Owned>(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    condition: Condition,
) -> Result<u64, DbErr> {
    let locked = E::update_many()
        .col_expr(E::touched(), Expr::col(E::touched()))
        .filter(E::owner().eq(viewer.user_id()))
        .filter(condition)
        .exec(db)
        .await?;
    Ok(locked.rows_affected)
}

/// Lock the viewer's row of `E` with this id (see [`lock_where`]); `false` if there is none.
async fn lock_owned<E: Owned>(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    id: uuid::Uuid,
) -> Result<bool, DbErr> {
    let condition = Condition::all().add(E::id().eq(id));
    Ok(lock_where::<E>(db, viewer, condition).await? == 1)
}

/// `CONFLICT` on `input.name` unless `same_name` finds nothing; `taken` makes the error.
async fn ensure_name_free<E: EntityTrait>(
    db: &impl sea_orm::ConnectionTrait,
    same_name: Select<E>,
    taken: fn() -> crate::error::AppError,
) -> crate::error::AppResult<()> {
    match same_name.one(db).await? {
        Some(_) => Err(taken()),
        None => Ok(()),
    }
}

/// Two writes racing past `ensure_name_free`: the unique index on the name decides, with
/// the same error.
fn name_conflict(err: DbErr, taken: fn() -> crate::error::AppError) -> crate::error::AppError {
    if is_unique_violation(&err, "name") {
        taken()
    } else {
        err.into()
    }
}

/// A create refused by a foreign key: either the viewer's user row is gone (the account was
/// deleted while this token still lived) — `UNAUTHENTICATED` — or a referenced row of
/// `entity` vanished meanwhile — `NOT_FOUND`. Any other error passes through.
async fn missing_reference(
    db: &impl sea_orm::ConnectionTrait,
    viewer: &Viewer,
    err: crate::error::AppError,
    entity: &'static str,
) -> crate::error::AppError {
    use crate::error::AppError;
    let AppError::Internal(cause) = &err else {
        return err;
    };
    let foreign_key = cause.downcast_ref::<DbErr>().is_some_and(|db_err| {
        matches!(
            db_err.sql_err(),
            Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_))
        )
    });
    if !foreign_key {
        return err;
    }
    match users::exists(db, viewer).await {
        Ok(false) => AppError::Unauthenticated("This user no longer exists"),
        Ok(true) => AppError::not_found(entity),
        Err(lookup) => lookup,
    }
}

/// Splitting sums of minor units: each row's amount is `high * SPLIT + low` with `low` of the
/// amount's sign, so summing both parts separately never overflows a `BIGINT` (a high part
/// is at most 10^6, a low part below 10^9) even where the whole sum would.
const SPLIT: i64 = 1_000_000_000;

/// Select `SUM(expr)` exactly, as two `BIGINT` columns `{alias}_high` and `{alias}_low`
/// (see [`SPLIT`]), for any number of rows: the database's own `SUM` overflows a `BIGINT` on
/// both backends. Integer division and remainder truncate alike on SQLite and PostgreSQL.
/// Read the result back with [`joined`].
fn exact_sum<S: sea_orm::QuerySelect>(query: S, expr: &str, alias: &str) -> S {
    query
        .column_as(
            Expr::cust(format!("CAST(SUM(({expr}) / {SPLIT}) AS BIGINT)")),
            format!("{alias}_high"),
        )
        .column_as(
            Expr::cust(format!("CAST(SUM(({expr}) % {SPLIT}) AS BIGINT)")),
            format!("{alias}_low"),
        )
}

/// The exact sum from the two parts [`exact_sum`] selected.
fn joined(high: i64, low: i64) -> i128 {
    i128::from(high) * i128::from(SPLIT) + i128::from(low)
}

/// Does this database error come from a unique index whose name or column mentions `needle`?
fn is_unique_violation(err: &DbErr, needle: &str) -> bool {
    matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(message))
        if message.contains(needle))
}
