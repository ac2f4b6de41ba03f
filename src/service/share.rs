//! A request's share of the connection pool. The fields of a query resolve concurrently and
//! the dataloaders run beside them, so one request with many fields (thirty aliased exports,
//! each in its own database transaction) could hold every pooled connection and leave other
//! users waiting. A [`Store`] made for a request ([`Store::for_request`]) carries a semaphore
//! with a few permits: every statement run on it takes one for its duration, and a database
//! transaction ([`Txn`]) holds one until it ends. The statements of an open transaction run
//! on its connection and take none, so a field never waits on itself; no service runs a
//! statement on the store while it holds a transaction open.
//!
//! A store made for anything else (the auth gate, background tasks, the command line) has
//! no share and goes straight to the pool.

use std::ops::Deref;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::{
    ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, ExecResult, QueryResult, Statement,
};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::Store;
use super::events::{self, Bus, Event};

impl Store {
    /// This store for one request, which may use at most `connections` pooled connections at
    /// once (at least one).
    pub fn for_request(&self, connections: usize) -> Self {
        Self {
            share: Some(Arc::new(Semaphore::new(connections.max(1)))),
            ..self.clone()
        }
    }

    /// How many statements and database transactions of this store's users hold (or are
    /// waiting for) a pooled connection right now, across every request: for tests and
    /// diagnostics.
    pub fn connections_held(&self) -> usize {
        self.held.load(Ordering::Relaxed)
    }

    /// Hold one connection's worth of the request's share (waiting for a permit when the
    /// request uses all of it), counted in [`Store::connections_held`] until dropped.
    async fn hold(&self) -> Result<Hold, DbErr> {
        let permit = match &self.share {
            Some(share) => Some(
                share
                    .clone()
                    .acquire_owned()
                    .await
                    .map_err(|err| DbErr::Custom(format!("request share closed: {err}")))?,
            ),
            None => None,
        };
        self.held.fetch_add(1, Ordering::Relaxed);
        Ok(Hold {
            held: self.held.clone(),
            _permit: permit,
        })
    }

    /// Begin a database transaction holding one of the request's permits until it ends;
    /// dropping it without `commit` rolls it back.
    pub(super) async fn begin(&self) -> Result<Txn, DbErr> {
        let hold = self.hold().await?;
        let txn = sea_orm::TransactionTrait::begin(&self.db).await?;
        Ok(Txn {
            txn,
            _hold: hold,
            events: std::sync::Mutex::default(),
            bus: self.events.clone(),
        })
    }
}

/// Each statement on the store takes a permit of the request's share while it runs.
#[async_trait::async_trait]
impl ConnectionTrait for Store {
    fn get_database_backend(&self) -> DbBackend {
        self.db.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        let _hold = self.hold().await?;
        if self.pinned {
            let txn = sea_orm::TransactionTrait::begin(&self.db).await?;
            let result = txn.execute_raw(stmt).await?;
            txn.commit().await?;
            return Ok(result);
        }
        self.db.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        let _hold = self.hold().await?;
        if self.pinned {
            let txn = sea_orm::TransactionTrait::begin(&self.db).await?;
            let result = txn.execute_unprepared(sql).await?;
            txn.commit().await?;
            return Ok(result);
        }
        self.db.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        let _hold = self.hold().await?;
        if self.pinned {
            let txn = sea_orm::TransactionTrait::begin(&self.db).await?;
            let result = txn.query_one_raw(stmt).await?;
            txn.commit().await?;
            return Ok(result);
        }
        self.db.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        let _hold = self.hold().await?;
        if self.pinned {
            let txn = sea_orm::TransactionTrait::begin(&self.db).await?;
            let result = txn.query_all_raw(stmt).await?;
            txn.commit().await?;
            return Ok(result);
        }
        self.db.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.db.support_returning()
    }
}

/// One connection's worth of a request's share, held while a statement runs or a database
/// transaction is open.
struct Hold {
    held: Arc<AtomicUsize>,
    _permit: Option<OwnedSemaphorePermit>,
}

impl Drop for Hold {
    fn drop(&mut self) {
        self.held.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A database transaction with the share it holds. It reads as the transaction itself;
/// dropping it without [`Txn::commit`] rolls it back and gives the share back.
pub struct Txn {
    txn: DatabaseTransaction,
    _hold: Hold,
    /// Live events that leave only if this transaction commits ([`Txn::emit`]).
    events: std::sync::Mutex<Vec<Event>>,
    bus: Arc<Bus>,
}

impl Txn {
    /// Send `event` to its user's subscribers once this transaction commits (never if it
    /// rolls back).
    pub fn emit(&self, event: Event) {
        if let Ok(mut events) = self.events.lock() {
            events.push(event);
        }
    }

    /// Commit, then give the share back. Its events leave with the commit: on PostgreSQL as
    /// `NOTIFY`s inside the transaction (delivered to every instance on commit only), on
    /// SQLite into this process's bus right after it.
    pub async fn commit(self) -> Result<(), DbErr> {
        let events = self
            .events
            .lock()
            .map(|mut events| std::mem::take(&mut *events))
            .unwrap_or_default();
        let postgres = self.txn.get_database_backend() == DbBackend::Postgres;
        if postgres {
            for event in &events {
                let notify = Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT pg_notify($1, $2)",
                    [events::CHANNEL.into(), events::payload(event).into()],
                );
                self.txn.execute_raw(notify).await?;
            }
        }
        self.txn.commit().await?;
        if !postgres {
            for event in events {
                self.bus.publish(event);
            }
        }
        Ok(())
    }

    /// Roll back, then give the share back.
    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

impl Deref for Txn {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Txn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
}
