//! The service layer: every read and write of user data.
//!
//! Scoping by construction:
//! - the sea-orm entities live in a private child module ([`entities`]), so no other layer can
//!   name a table, and the database handle inside [`Store`] is private to this module;
//! - every function that touches user data takes `&Viewer` (which only a verified token can
//!   produce) and starts its query, update or delete from the helpers of [`ownership`]
//!   (`owned`, `update_owned`, `delete_all_owned`, …), which filter on the viewer's `user_id`
//!   before anything else;
//! - the database itself refuses cross-user references: accounts and categories are referenced
//!   through composite `(user_id, id)` foreign keys.

mod entities;

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod budgets;
pub mod calendar;
pub mod categories;
mod constraints;
mod cursor;
pub mod events;
pub mod exports;
pub mod idempotency;
pub mod imports;
pub mod month;
pub mod my_data;
pub mod oidc;
mod ownership;
pub mod page;
pub mod rate_limits;
pub mod recurring;
pub mod reports;
pub mod rules;
pub mod sessions;
mod share;
mod sums;
pub mod text;
pub mod transactions;
mod user_record;
pub mod users;
pub mod valuations;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

use crate::auth::Viewer;
use crate::error::AppError;

use self::constraints::{ensure_name_free, name_conflict};
use self::ownership::{
    Owned, delete_all_owned, delete_owned, lock_owned, lock_viewer, lock_where, owned, owned_by_id,
    update_owned, update_owned_by_id,
};
use self::share::Txn;
use self::sums::{exact_sum, joined};

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
    /// Behind a transaction-pooling PgBouncer: every statement runs in a transaction of its
    /// own, so that sqlx's parse and execute reach the same server connection ([`share`]).
    pinned: bool,
    /// This process's subscribers to live events ([`events`]).
    events: Arc<events::Bus>,
}

impl Store {
    /// Connect with a pool of at most `max_connections` (an in-memory SQLite uses one).
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, DbErr> {
        Self::connect_behind(url, max_connections, false, Duration::from_secs(10)).await
    }

    /// Like [`Store::connect`]; `transaction_pooler` when `url` is a PgBouncer in
    /// transaction-pooling mode: sqlx's statement cache is off (a cached statement would
    /// name a server connection the pooler may since have handed to someone else) and every
    /// statement runs inside a transaction, the only span the pooler keeps one server
    /// connection for. The pooler must drop what sqlx leaves behind (`server_reset_query =
    /// DEALLOCATE ALL`, `server_reset_query_always = 1`; docs/OPERATIONS.md).
    /// A statement waits at most `acquire_timeout` for a connection (also while the database
    /// cannot be reached), then fails as unavailable.
    pub async fn connect_behind(
        url: &str,
        max_connections: u32,
        transaction_pooler: bool,
        acquire_timeout: Duration,
    ) -> Result<Self, DbErr> {
        let mut options = ConnectOptions::new(url.to_owned());
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        options
            .max_connections(if in_memory { 1 } else { max_connections })
            .min_connections(if in_memory { 1 } else { 0 })
            .acquire_timeout(acquire_timeout)
            .connect_timeout(acquire_timeout)
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
            })
            .map_sqlx_postgres_opts(move |opts| {
                if transaction_pooler {
                    opts.statement_cache_capacity(0)
                } else {
                    opts
                }
            });
        let mut db = Database::connect(options).await?;
        let statements = Arc::new(AtomicU64::new(0));
        let counter = statements.clone();
        db.set_metric_callback(move |info| {
            counter.fetch_add(1, Ordering::Relaxed);
            crate::meter::statement(&info.statement.sql, info.failed, info.elapsed);
        });
        Ok(Self {
            db,
            statements,
            share: None,
            held: Arc::default(),
            pinned: transaction_pooler && url.starts_with("postgres"),
            events: Arc::default(),
        })
    }

    /// Apply pending migrations.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        if self.pinned {
            // Behind a transaction pooler: all of them in one transaction (PostgreSQL's DDL
            // is transactional), so every statement reaches the same server connection.
            let txn = sea_orm::TransactionTrait::begin(&self.db).await?;
            Migrator::up(&txn, None).await?;
            return txn.commit().await;
        }
        Migrator::up(&self.db, None).await
    }

    /// Is this store on PostgreSQL (shared by every instance) rather than SQLite?
    pub fn is_postgres(&self) -> bool {
        self.db.get_database_backend() == sea_orm::DbBackend::Postgres
    }

    /// This process's subscribers to live events, which committed writes reach (on
    /// PostgreSQL through the listener, [`events::listen`]).
    pub fn events(&self) -> &Arc<events::Bus> {
        &self.events
    }

    /// Is the database answering?
    pub async fn ping(&self) -> bool {
        self.db.ping().await.is_ok()
    }

    /// How many SQL statements this store has executed (for N+1 tests and diagnostics).
    pub fn statements_executed(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// The connection pool now: connections in use and idle, and the statements and
    /// transactions waiting for one (those holding or waiting, less those in use).
    pub fn pool_status(&self) -> crate::meter::Pool {
        let (size, idle, max) = match self.db.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                let pool = self.db.get_postgres_connection_pool();
                (
                    pool.size(),
                    pool.num_idle(),
                    pool.options().get_max_connections(),
                )
            }
            sea_orm::DbBackend::Sqlite => {
                let pool = self.db.get_sqlite_connection_pool();
                (
                    pool.size(),
                    pool.num_idle(),
                    pool.options().get_max_connections(),
                )
            }
            _ => (0, 0, 0),
        };
        let in_use = (size as usize).saturating_sub(idle);
        crate::meter::Pool {
            in_use,
            idle,
            waiting: self.connections_held().saturating_sub(in_use),
            max,
        }
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

/// A create refused by a foreign key: either the viewer's user row is gone (the account was
/// deleted while this token still lived) — `UNAUTHENTICATED` — or a referenced row of
/// `entity` vanished meanwhile — `NOT_FOUND`. Any other error passes through.
async fn missing_reference(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    err: AppError,
    entity: &'static str,
) -> AppError {
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
