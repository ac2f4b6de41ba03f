//! Recurring transactions: a schedule per user — a template (a transaction, or a transfer
//! between two accounts) and a recurrence ([`rule`]) — whose occurrences are written by the
//! background job ([`job`]) when automatic, or listed as due for the user to confirm or skip
//! when suggested ([`occurrences`]). Occurrences are written through
//! `transactions::create` / `transfers::create` as the schedule's owner, exactly once
//! ([`post`]). A schedule writes no date before the day it was created: past dates are
//! ordinary transactions, and an old start date costs nothing.

pub mod job;
pub mod occurrences;
mod post;
pub mod rule;
mod stored;

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait, QueryOrder};
use uuid::Uuid;

use super::audit::{self, Action, Event};
use super::entities::recurring_schedule;
use super::{Store, delete_owned, lock_owned, lock_viewer, owned};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::Currency;

pub use rule::{Frequency, MonthDay, Rule};

/// Most schedules a user may have.
pub const MAX_SCHEDULES: u64 = 200;
/// Largest `every`.
pub const MAX_EVERY: u32 = 1000;
/// Largest `count`.
pub const MAX_COUNT: u32 = 100_000;

/// A schedule of the viewer.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub id: Uuid,
    pub account_id: Uuid,
    /// Set for a transfer.
    pub to_account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    /// Signed for a transaction; for a transfer, the positive amount moved.
    pub amount: Decimal,
    /// A transfer's amount arriving, between currencies.
    pub to_amount: Option<Decimal>,
    pub currency: Currency,
    pub description: String,
    pub tags: Vec<String>,
    pub rule: Rule,
    pub automatic: bool,
    /// The first date not handled yet (none left: `None`).
    pub next_due: Option<NaiveDate>,
}

/// A schedule's definition, to create one or replace one's.
#[derive(Debug, Clone)]
pub struct ScheduleInput {
    pub account_id: Uuid,
    pub to_account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    pub amount: Decimal,
    pub to_amount: Option<Decimal>,
    pub description: String,
    pub tags: Vec<String>,
    pub rule: Rule,
    pub automatic: bool,
}

/// The viewer's schedules, oldest first (at most [`MAX_SCHEDULES`]).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(store: &Store, viewer: &Viewer) -> AppResult<Vec<Schedule>> {
    let rows = owned::<recurring_schedule::Entity>(viewer)
        .order_by_asc(recurring_schedule::Column::Id)
        .all(store.conn())
        .await?;
    stored::load(store.conn(), viewer, rows).await
}

/// One schedule of the viewer, or `NOT_FOUND`.
pub async fn get(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<Schedule> {
    let row = stored::find(store.conn(), viewer, id).await?;
    let mut list = stored::load(store.conn(), viewer, vec![row]).await?;
    list.pop().ok_or(AppError::not_found("recurring"))
}

/// Create a schedule. Its first date is its start or today, whichever is later.
#[tracing::instrument(skip_all)]
pub async fn create(store: &Store, viewer: &Viewer, input: ScheduleInput) -> AppResult<Schedule> {
    let txn = store.begin().await?;
    let id = Uuid::now_v7();
    // Recorded before the checks below, so a refused create provably rolls it back.
    audit::record(
        &txn,
        Event::by(viewer, Action::Created).entity("recurring", id),
    )
    .await?;
    // Serialises this user's creates, so two at once cannot both pass the count below.
    lock_viewer(&txn, viewer).await?;
    let count = owned::<recurring_schedule::Entity>(viewer)
        .count(&txn)
        .await?;
    if count >= MAX_SCHEDULES {
        return Err(AppError::bad_input(
            "input",
            format!("A user has at most {MAX_SCHEDULES} recurring schedules"),
        ));
    }
    let fields = stored::validate(&txn, viewer, &input).await?;
    let today = Utc::now().date_naive();
    let now = Utc::now();
    let next_due = input.rule.next_from(input.rule.start.max(today));
    let row = recurring_schedule::ActiveModel {
        id: Set(id),
        user_id: Set(viewer.user_id()),
        next_due: Set(next_due),
        claimed_until: Set(None),
        created_at: Set(now),
        ..fields
    };
    recurring_schedule::Entity::insert(row)
        .exec_without_returning(&txn)
        .await?;
    txn.commit().await?;
    get(store, viewer, id).await
}

/// Replace a schedule's definition; dates already handled stay as they are, and the next
/// date is recomputed from today (or from the first unhandled date, if the job is behind).
#[tracing::instrument(skip_all)]
pub async fn update(
    store: &Store,
    viewer: &Viewer,
    id: Uuid,
    input: ScheduleInput,
) -> AppResult<Schedule> {
    let txn = store.begin().await?;
    if !lock_owned::<recurring_schedule::Entity>(&txn, viewer, id).await? {
        return Err(AppError::not_found("recurring"));
    }
    let current = stored::find(&txn, viewer, id).await?;
    audit::record(
        &txn,
        Event::by(viewer, Action::Updated).entity("recurring", id),
    )
    .await?;
    let fields = stored::validate(&txn, viewer, &input).await?;
    let today = Utc::now().date_naive();
    let from = current.next_due.unwrap_or(today).min(today);
    let row = recurring_schedule::ActiveModel {
        id: Set(id),
        user_id: Set(viewer.user_id()),
        next_due: Set(input.rule.next_from(input.rule.start.max(from))),
        claimed_until: Set(current.claimed_until),
        created_at: Set(current.created_at),
        ..fields
    };
    stored::save(&txn, viewer, id, row).await?;
    txn.commit().await?;
    get(store, viewer, id).await
}

/// Delete a schedule with its occurrence records (what it wrote stays); `NOT_FOUND` if it
/// is not the viewer's.
#[tracing::instrument(skip_all)]
pub async fn delete(store: &Store, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    let txn = store.begin().await?;
    if !lock_owned::<recurring_schedule::Entity>(&txn, viewer, id).await? {
        return Err(AppError::not_found("recurring"));
    }
    delete_owned::<recurring_schedule::Entity>(viewer, id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Event::by(viewer, Action::Deleted).entity("recurring", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
