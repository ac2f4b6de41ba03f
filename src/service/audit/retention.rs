//! Retention: audit events older than the configured period (`AUDIT_RETENTION_DAYS`) are
//! deleted, at start-up and then every hour, by a background task that stops with the
//! server. Deletion goes in bounded batches, each its own short statement, so pruning a
//! large backlog never holds a long lock or one huge transaction.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Order, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::AppResult;
use crate::service::Store;
use crate::service::entities::audit_event::{self, Column};

/// Most events one `DELETE` removes.
pub const BATCH: u64 = 1000;

/// How often the task prunes after the first time (at start-up).
pub const EVERY: Duration = Duration::from_secs(3600);

/// Delete every audit event created before `older_than`, in batches of [`BATCH`]; returns
/// how many went.
#[tracing::instrument(skip_all)]
pub async fn prune(store: &Store, older_than: DateTime<Utc>) -> AppResult<u64> {
    prune_until(store, older_than, || false).await
}

/// [`prune`], checking `stopped` between batches.
async fn prune_until(
    store: &Store,
    older_than: DateTime<Utc>,
    stopped: impl Fn() -> bool,
) -> AppResult<u64> {
    let mut total = 0;
    loop {
        let batch = Query::select()
            .column(Column::Id)
            .from(audit_event::Entity)
            .and_where(Column::CreatedAt.lt(older_than))
            .order_by(Column::CreatedAt, Order::Asc)
            .limit(BATCH)
            .to_owned();
        let deleted = audit_event::Entity::delete_many()
            .filter(Column::Id.in_subquery(batch))
            .exec(store.conn())
            .await?;
        total += deleted.rows_affected;
        if deleted.rows_affected < BATCH || stopped() {
            return Ok(total);
        }
        tokio::task::yield_now().await;
    }
}

/// The running retention task; [`RetentionTask::stop`] ends it.
pub struct RetentionTask {
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

impl RetentionTask {
    /// Start pruning events older than `keep`, now and then every [`EVERY`].
    pub fn spawn(store: Store, keep: chrono::Duration) -> Self {
        let (stop, stopped) = watch::channel(false);
        let handle = tokio::spawn(run(store, keep, stopped));
        Self { stop, handle }
    }

    /// Stop the task, letting a batch in progress finish.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Err(err) = self.handle.await {
            tracing::warn!(error = %err, "the audit retention task ended abnormally");
        }
    }
}

async fn run(store: Store, keep: chrono::Duration, mut stopped: watch::Receiver<bool>) {
    let mut ticks = tokio::time::interval(EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = stopped.wait_for(|stop| *stop) => return,
            _ = ticks.tick() => {}
        }
        let Some(cutoff) = Utc::now().checked_sub_signed(keep) else {
            continue;
        };
        match prune_until(&store, cutoff, || *stopped.borrow()).await {
            Ok(0) => {}
            Ok(deleted) => tracing::info!(deleted, "pruned audit events past retention"),
            Err(err) => tracing::warn!(error = ?err, "pruning audit events failed"),
        }
    }
}
