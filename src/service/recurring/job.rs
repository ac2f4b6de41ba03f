//! The background job: writes the automatic schedules' dates due up to `today`, and marks
//! the suggested schedules' dates as due, oldest first, exactly once — also with several
//! instances running and after downtime.
//!
//! Work is claimed in the database: a run takes a schedule with a conditional `UPDATE` of
//! its `claimed_until` (a lease), so another instance skips it meanwhile; a lease left by a
//! crashed instance expires. The lease is only an optimisation: each date is written with an
//! idempotency claim named after `(schedule, date)` and recorded under the unique
//! `(schedule_id, date)` key ([`super::post`]), so even two runs on one schedule cannot
//! write a date twice. A run handles at most [`MAX_SCHEDULES_PER_RUN`] schedules and
//! [`MAX_DATES_PER_SCHEDULE`] dates of each; the next run goes on.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Condition, Expr, Query, SelectStatement};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use uuid::Uuid;

use super::post::{Status, mark, post, record_of};
use super::stored;
use crate::auth::{ClientInfo, Viewer};
use crate::error::{AppError, AppResult};
use crate::service::Store;
use crate::service::entities::recurring_schedule::{Column, Entity};
use crate::service::entities::user;
use crate::service::update_owned_by_id;

/// Schedules one run handles at most.
pub const MAX_SCHEDULES_PER_RUN: usize = 500;
/// Dates of one schedule one run handles at most.
pub const MAX_DATES_PER_SCHEDULE: usize = 100;
/// How long a run's claim on a schedule lasts.
const LEASE: chrono::Duration = chrono::Duration::minutes(5);
/// Schedules read per statement.
const BATCH: u64 = 50;

/// What a run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RunReport {
    pub schedules: usize,
    pub posted: usize,
    pub due: usize,
    pub failed: usize,
}

/// Handle the dates due up to `today` (the clock is the caller's, so tests can run the job
/// in the future).
#[tracing::instrument(skip_all, fields(%today))]
pub async fn run_due(store: &Store, today: NaiveDate) -> AppResult<RunReport> {
    let client = Arc::new(ClientInfo {
        ip: None,
        user_agent: Some("tally recurring job".to_owned()),
    });
    let mut report = RunReport::default();
    let mut seen: HashSet<Uuid> = HashSet::new();
    while report.schedules < MAX_SCHEDULES_PER_RUN {
        let now = Utc::now();
        // The job's own query across users: which schedules are due and unclaimed. Every
        // read and write of one schedule afterwards is scoped to its owner.
        let candidates: Vec<(Uuid, Uuid)> = Entity::find()
            .select_only()
            .columns([Column::Id, Column::UserId])
            .filter(Column::NextDue.lte(today))
            .filter(Column::Id.is_not_in(seen.iter().copied()))
            .filter(unclaimed(now))
            .filter(Column::UserId.not_in_subquery(disabled_users()))
            .order_by_asc(Column::NextDue)
            .order_by_asc(Column::Id)
            .limit(BATCH)
            .into_tuple()
            .all(store.conn())
            .await?;
        if candidates.is_empty() {
            break;
        }
        for (id, user_id) in candidates {
            seen.insert(id);
            if !claim(store, id, now).await? {
                continue;
            }
            report.schedules += 1;
            let viewer = Viewer::for_job(user_id, client.clone());
            let outcome = catch_up(store, &viewer, id, today, &mut report).await;
            release(store, &viewer, id).await?;
            if let Err(err) = outcome {
                tracing::warn!(schedule = %id, error = ?err, "a recurring schedule failed; retried next run");
            }
        }
    }
    Ok(report)
}

/// The ids of disabled users: their schedules wait, like their logins, until re-enabled.
fn disabled_users() -> SelectStatement {
    Query::select()
        .column(user::Column::Id)
        .from(user::Entity)
        .and_where(user::Column::DisabledAt.is_not_null())
        .to_owned()
}

fn unclaimed(now: chrono::DateTime<Utc>) -> Condition {
    Condition::any()
        .add(Column::ClaimedUntil.is_null())
        .add(Column::ClaimedUntil.lt(now))
}

/// Take the lease on a schedule; `false` if another run holds it.
async fn claim(store: &Store, id: Uuid, now: chrono::DateTime<Utc>) -> AppResult<bool> {
    let taken = Entity::update_many()
        .col_expr(Column::ClaimedUntil, Expr::value(now + LEASE))
        .filter(Column::Id.eq(id))
        .filter(unclaimed(now))
        .exec(store.conn())
        .await?;
    Ok(taken.rows_affected == 1)
}

async fn release(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    update_owned_by_id::<Entity>(viewer, id)
        .col_expr(
            Column::ClaimedUntil,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .exec(store.conn())
        .await?;
    Ok(())
}

/// Handle the due dates of one claimed schedule, in order.
async fn catch_up(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    today: NaiveDate,
    report: &mut RunReport,
) -> AppResult<()> {
    for _ in 0..MAX_DATES_PER_SCHEDULE {
        let row = stored::find(store.conn(), viewer, id).await?;
        let Some(date) = row.next_due.filter(|d| *d <= today) else {
            return Ok(());
        };
        let record = record_of(store.conn(), viewer, id, date).await?;
        let status = record.as_ref().map(|r| Status::parse(&r.status));
        if !status.is_some_and(|s| s.is_final() || s == Status::Due) {
            if row.automatic {
                match post(store, viewer, &row, date, record.as_ref()).await {
                    Ok(_) => report.posted += 1,
                    Err(err @ (AppError::Internal(_) | AppError::Unauthenticated(_))) => {
                        return Err(err);
                    }
                    Err(err) => {
                        tracing::info!(schedule = %id, %date, reason = %err.message(), "a recurring date was refused");
                        mark(store, viewer, id, date, Status::Failed, None).await?;
                        report.failed += 1;
                    }
                }
            } else {
                mark(store, viewer, id, date, Status::Due, None).await?;
                report.due += 1;
            }
        }
        let next = date
            .succ_opt()
            .and_then(|after| stored::rule_of(&row).ok()?.next_from(after));
        // Only if no edit moved it meanwhile.
        update_owned_by_id::<Entity>(viewer, id)
            .col_expr(Column::NextDue, Expr::value(next))
            .filter(Column::NextDue.eq(date))
            .exec(store.conn())
            .await?;
    }
    Ok(())
}

/// The running job; [`RecurringTask::stop`] ends it.
pub struct RecurringTask {
    stop: watch::Sender<bool>,
    handle: JoinHandle<()>,
}

impl RecurringTask {
    /// Run the job now and then every `every`.
    pub fn spawn(store: Store, every: Duration) -> Self {
        let (stop, stopped) = watch::channel(false);
        let handle = tokio::spawn(run(store, every, stopped));
        Self { stop, handle }
    }

    /// Stop the job, letting a run in progress finish.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Err(err) = self.handle.await {
            tracing::warn!(error = %err, "the recurring job ended abnormally");
        }
    }
}

async fn run(store: Store, every: Duration, mut stopped: watch::Receiver<bool>) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = stopped.wait_for(|stop| *stop) => return,
            _ = ticks.tick() => {}
        }
        match run_due(&store, Utc::now().date_naive()).await {
            Ok(report) if report == RunReport::default() => {}
            Ok(report) => tracing::info!(?report, "recurring job run"),
            Err(err) => tracing::warn!(error = ?err, "the recurring job run failed"),
        }
    }
}
