//! A schedule's dates as the user sees them: the projection of a range (`upcoming`), the
//! suggested occurrences waiting for an answer (`due`), and what the user may do to one
//! date — skip it, edit it ahead, or confirm a suggested one.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

pub use super::post::Status;
use super::post::{mark, post, record_of};
use super::{MAX_SCHEDULES, stored};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{recurring_occurrence, recurring_schedule};
use crate::service::transactions::MAX_DESCRIPTION_CHARS;
use crate::service::{Store, accounts, calendar, owned, text, update_owned_by_id};

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

/// Skip `date` of a schedule: nothing is written for it. `CONFLICT` if it was written.
#[tracing::instrument(skip_all)]
pub async fn skip(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    date: NaiveDate,
) -> AppResult<Occurrence> {
    let (row, _) = open_date(store, viewer, id, date).await?;
    mark(store, viewer, id, date, Status::Skipped, None).await?;
    if row.next_due == Some(date) {
        skip_ahead(store, viewer, &row, date).await?;
    }
    current(store, viewer, &row, date).await
}

/// Move the schedule's next date past `date` and the skipped dates right after it (at most
/// [`MAX_OCCURRENCES`]), so the schedule shows the next date that will happen.
async fn skip_ahead(
    store: &Store,
    viewer: &Viewer,
    row: &recurring_schedule::Model,
    date: NaiveDate,
) -> AppResult<()> {
    let rule = stored::rule_of(row)?;
    let Some(after) = date.succ_opt() else {
        return Ok(());
    };
    let skipped: HashSet<NaiveDate> = owned::<recurring_occurrence::Entity>(viewer)
        .filter(recurring_occurrence::Column::ScheduleId.eq(row.id))
        .filter(recurring_occurrence::Column::Date.gt(date))
        .filter(recurring_occurrence::Column::Status.eq(Status::Skipped.as_str()))
        .limit(MAX_OCCURRENCES as u64)
        .all(store.conn())
        .await?
        .into_iter()
        .map(|r| r.date)
        .collect();
    let last = NaiveDate::from_ymd_opt(calendar::MAX_YEAR, 12, 31).unwrap_or(after);
    let dates = rule.between(after, last, MAX_OCCURRENCES + 1);
    let next = dates.into_iter().find(|d| !skipped.contains(d));
    // Only if the job has not moved it meanwhile.
    update_owned_by_id::<recurring_schedule::Entity>(viewer, row.id)
        .col_expr(recurring_schedule::Column::NextDue, Expr::value(next))
        .filter(recurring_schedule::Column::NextDue.eq(date))
        .exec(store.conn())
        .await?;
    Ok(())
}

/// Change the amount, description or date of one coming (or due) date of a schedule.
#[tracing::instrument(skip_all)]
pub async fn edit(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    date: NaiveDate,
    change: OccurrenceEdit,
) -> AppResult<Occurrence> {
    let (row, record) = open_date(store, viewer, id, date).await?;
    let account = accounts::find(store.conn(), viewer, row.account_id)
        .await?
        .ok_or(AppError::not_found("account"))?;
    let amount_minor = match change.amount {
        Some(amount) => {
            let minor = account
                .currency
                .to_minor(amount)
                .map_err(|err| AppError::bad_input("input.amount", err.to_string()))?;
            if minor == 0 || (row.to_account_id.is_some() && minor < 0) {
                return Err(AppError::bad_input(
                    "input.amount",
                    "This amount does not fit the schedule",
                ));
            }
            Some(minor)
        }
        None => record.as_ref().and_then(|r| r.amount_minor),
    };
    let description = match change.description {
        Some(d) => Some(text::required_line(
            "input.description",
            &d,
            MAX_DESCRIPTION_CHARS,
        )?),
        None => record.as_ref().and_then(|r| r.description.clone()),
    };
    let post_date = match change.post_date {
        Some(d) if !calendar::is_supported(d) => {
            let message = format!("Dates are within {}", calendar::RANGE);
            return Err(AppError::bad_input("input.date", message));
        }
        Some(d) => Some(d),
        None => record.as_ref().and_then(|r| r.post_date),
    };
    let status = match record.as_ref().map(|r| Status::parse(&r.status)) {
        Some(Status::Due) => Status::Due,
        _ => Status::Edited,
    };
    let now = Utc::now();
    let txn = store.begin().await?;
    let new = recurring_occurrence::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(viewer.user_id()),
        schedule_id: Set(id),
        date: Set(date),
        status: Set(status.as_str().to_owned()),
        result_id: Set(None),
        amount_minor: Set(amount_minor),
        description: Set(description),
        post_date: Set(post_date),
        created_at: Set(now),
        updated_at: Set(now),
    };
    use recurring_occurrence::Column as C;
    let conflict = OnConflict::columns([C::ScheduleId, C::Date])
        .update_columns([
            C::Status,
            C::AmountMinor,
            C::Description,
            C::PostDate,
            C::UpdatedAt,
        ])
        .to_owned();
    recurring_occurrence::Entity::insert(new)
        .on_conflict(conflict)
        .exec_without_returning(&txn)
        .await?;
    let event = Event::by(viewer, Action::Updated)
        .entity("recurring", id)
        .reason("OCCURRENCE_EDITED");
    audit::record(&txn, event).await?;
    txn.commit().await?;
    current(store, viewer, &row, date).await
}

/// Write a date of a suggested schedule now (or ahead of the job for an automatic one);
/// written once whatever the number of confirmations. Dates after today wait.
#[tracing::instrument(skip_all)]
pub async fn confirm(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    date: NaiveDate,
) -> AppResult<Occurrence> {
    if date > Utc::now().date_naive() {
        return Err(AppError::bad_input(
            "date",
            "Only a date up to today can be confirmed",
        ));
    }
    let (row, record) = open_date(store, viewer, id, date).await?;
    post(store, viewer, &row, date, record.as_ref()).await?;
    current(store, viewer, &row, date).await
}

/// The viewer's schedule and its record of `date`, when `date` is one of its dates still
/// open: `NOT_FOUND` for another user's schedule, `BAD_USER_INPUT` for a date it does not
/// fall on, `CONFLICT` for a date already written, skipped or failed.
async fn open_date(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    date: NaiveDate,
) -> AppResult<(
    recurring_schedule::Model,
    Option<recurring_occurrence::Model>,
)> {
    let row = stored::find(store.conn(), viewer, id).await?;
    if !stored::rule_of(&row)?.contains(date) {
        return Err(AppError::bad_input(
            "date",
            "The schedule does not fall on this date",
        ));
    }
    let record = record_of(store.conn(), viewer, id, date).await?;
    if let Some(status) = record.as_ref().map(|r| Status::parse(&r.status))
        && status.is_final()
    {
        return Err(AppError::Conflict {
            field: "date",
            message: format!("This date is already {}", status.as_str().to_lowercase()),
        });
    }
    Ok((row, record))
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
