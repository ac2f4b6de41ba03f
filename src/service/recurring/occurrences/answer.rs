//! What the user may do to one date of a schedule: skip it, edit it ahead, or confirm a
//! suggested one (written once, however many confirmations race).

use std::collections::HashSet;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::super::post::{mark, post, record_of};
use super::super::stored;
use super::{MAX_OCCURRENCES, Occurrence, OccurrenceEdit, Status, current};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::{recurring_occurrence, recurring_schedule};
use crate::service::transactions::MAX_DESCRIPTION_CHARS;
use crate::service::{Store, accounts, calendar, owned, text, update_owned_by_id};

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
