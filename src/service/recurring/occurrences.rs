//! A schedule's dates as the user sees them: the projection of a range (`upcoming`), the
//! suggested occurrences waiting for an answer (`due`), and what the user may do to one
//! date — skip it, edit it ahead, or confirm a suggested one.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

pub use super::post::Status;
use super::post::record_of;
use super::{MAX_SCHEDULES, stored};

mod answer;

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::entities::{recurring_occurrence, recurring_schedule};
use crate::service::{Store, calendar, owned};
pub use answer::{confirm, edit, skip};

/// Most days `upcoming` covers.
pub const MAX_RANGE_DAYS: i64 = 366;
/// Most occurrences `upcoming` (and `due`) return.
pub const MAX_OCCURRENCES: usize = 200;

/// One date of a schedule.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub schedule_id: Uuid,
    /// The scheduled date (the occurrence's identity).
    pub date: NaiveDate,
    /// The date the transaction gets (an edit may move it).
    pub post_date: NaiveDate,
    pub amount: Decimal,
    pub currency: Currency,
    pub description: String,
    pub status: Status,
    /// The transaction (or transfer) written for it.
    pub result_id: Option<Uuid>,
}

/// Changes to one date: `None` keeps the schedule's value.
#[derive(Debug, Default)]
pub struct OccurrenceEdit {
    pub amount: Option<Decimal>,
    pub description: Option<String>,
    pub post_date: Option<NaiveDate>,
}

/// The viewer's occurrences from `from` to `to` (at most [`MAX_RANGE_DAYS`] days), by date,
/// at most [`MAX_OCCURRENCES`]; a schedule shows no date before the day it was created.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upcoming(
    store: &Store,
    viewer: &Viewer,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Vec<Occurrence>> {
    if to < from || (to - from).num_days() >= MAX_RANGE_DAYS {
        let message = format!("to is on or after from, at most {MAX_RANGE_DAYS} days later");
        return Err(AppError::bad_input("to", message));
    }
    if !calendar::is_supported(from) || !calendar::is_supported(to) {
        return Err(AppError::bad_input(
            "from",
            format!("Dates are within {}", calendar::RANGE),
        ));
    }
    let rows = owned::<recurring_schedule::Entity>(viewer)
        .limit(MAX_SCHEDULES)
        .all(store.conn())
        .await?;
    let records = owned::<recurring_occurrence::Entity>(viewer)
        .filter(recurring_occurrence::Column::Date.between(from, to))
        .all(store.conn())
        .await?;
    let mut records: HashMap<(Uuid, NaiveDate), recurring_occurrence::Model> = records
        .into_iter()
        .map(|r| ((r.schedule_id, r.date), r))
        .collect();
    let created: HashMap<Uuid, NaiveDate> = rows
        .iter()
        .map(|r| (r.id, r.created_at.date_naive()))
        .collect();
    let schedules = stored::load(store.conn(), viewer, rows).await?;
    let mut out = Vec::new();
    for schedule in &schedules {
        let start = from.max(created.get(&schedule.id).copied().unwrap_or(from));
        for date in schedule.rule.between(start, to, MAX_OCCURRENCES) {
            let record = records.remove(&(schedule.id, date));
            out.push(occurrence(schedule, date, record.as_ref()));
        }
    }
    out.sort_by_key(|o| (o.date, o.schedule_id));
    out.truncate(MAX_OCCURRENCES);
    Ok(out)
}

/// The viewer's suggested occurrences waiting to be confirmed or skipped, oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn due(store: &Store, viewer: &Viewer) -> AppResult<Vec<Occurrence>> {
    let records = owned::<recurring_occurrence::Entity>(viewer)
        .filter(recurring_occurrence::Column::Status.eq(Status::Due.as_str()))
        .order_by_asc(recurring_occurrence::Column::Date)
        .order_by_asc(recurring_occurrence::Column::ScheduleId)
        .limit(MAX_OCCURRENCES as u64)
        .all(store.conn())
        .await?;
    let rows = owned::<recurring_schedule::Entity>(viewer)
        .limit(MAX_SCHEDULES)
        .all(store.conn())
        .await?;
    let schedules: HashMap<Uuid, super::Schedule> = stored::load(store.conn(), viewer, rows)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(records
        .iter()
        .filter_map(|r| Some(occurrence(schedules.get(&r.schedule_id)?, r.date, Some(r))))
        .collect())
}

async fn current(
    store: &Store,
    viewer: &Viewer,
    row: &recurring_schedule::Model,
    date: NaiveDate,
) -> AppResult<Occurrence> {
    let schedule = stored::load(store.conn(), viewer, vec![row.clone()])
        .await?
        .pop()
        .ok_or(AppError::not_found("recurring"))?;
    let record = record_of(store.conn(), viewer, row.id, date).await?;
    Ok(occurrence(&schedule, date, record.as_ref()))
}

fn occurrence(
    schedule: &super::Schedule,
    date: NaiveDate,
    record: Option<&recurring_occurrence::Model>,
) -> Occurrence {
    Occurrence {
        schedule_id: schedule.id,
        date,
        post_date: record.and_then(|r| r.post_date).unwrap_or(date),
        amount: record
            .and_then(|r| r.amount_minor)
            .map(|m| schedule.currency.from_minor(m))
            .unwrap_or(schedule.amount),
        currency: schedule.currency,
        description: record
            .and_then(|r| r.description.clone())
            .unwrap_or_else(|| schedule.description.clone()),
        status: record
            .map(|r| Status::parse(&r.status))
            .unwrap_or(Status::Planned),
        result_id: record.and_then(|r| r.result_id),
    }
}
