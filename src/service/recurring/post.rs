//! Writing one occurrence, exactly once. The transaction or transfer is written by
//! `transactions::create` / `transfers::create` — the same checks and audit event as the
//! owner's own — with an idempotency claim named after `(schedule, date)`: the claim is
//! recorded in the write's own database transaction, under the account lock, so a second
//! writer (another job instance, a retry after a crash, a double confirm) gets the first
//! write back instead of writing again. Then the occurrence is marked, under the unique
//! `(schedule_id, date)` key.

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, Action, Event};
use crate::service::entities::recurring_occurrence::{self, Column};
use crate::service::entities::recurring_schedule;
use crate::service::idempotency::Claim;
use crate::service::transactions::{self, NewTransaction, transfers};
use crate::service::{Store, accounts, owned, rules};

/// What can happen to a date of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not handled yet (never stored).
    Planned,
    /// Edited ahead of its date.
    Edited,
    /// A suggested occurrence waiting to be confirmed or skipped.
    Due,
    Posted,
    Skipped,
    /// The write was refused (an archived or deleted account, a balance out of range).
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Planned => "PLANNED",
            Self::Edited => "EDITED",
            Self::Due => "DUE",
            Self::Posted => "POSTED",
            Self::Skipped => "SKIPPED",
            Self::Failed => "FAILED",
        }
    }

    pub fn parse(stored: &str) -> Self {
        match stored {
            "EDITED" => Self::Edited,
            "DUE" => Self::Due,
            "POSTED" => Self::Posted,
            "SKIPPED" => Self::Skipped,
            "FAILED" => Self::Failed,
            _ => Self::Planned,
        }
    }

    /// Nothing more will happen to it.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Posted | Self::Skipped | Self::Failed)
    }
}

/// The stored record of `date` of the viewer's schedule, if any.
pub(super) async fn record_of(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    schedule_id: Uuid,
    date: NaiveDate,
) -> AppResult<Option<recurring_occurrence::Model>> {
    Ok(owned::<recurring_occurrence::Entity>(viewer)
        .filter(Column::ScheduleId.eq(schedule_id))
        .filter(Column::Date.eq(date))
        .one(db)
        .await?)
}

/// Write `date` of `schedule` (with the overrides of `record`) as the viewer; returns the
/// transaction's (or transfer's) id and marks the occurrence `POSTED`.
pub(super) async fn post(
    store: &Store,
    viewer: &Viewer,
    schedule: &recurring_schedule::Model,
    date: NaiveDate,
    record: Option<&recurring_occurrence::Model>,
) -> AppResult<Uuid> {
    let (schedule_id, day) = (schedule.id.to_string(), date.to_string());
    let claim = Claim::internal("recurringOccurrence", &[&schedule_id, &day]);
    let account = accounts::find(store.conn(), viewer, schedule.account_id)
        .await?
        .ok_or(AppError::not_found("account"))?;
    let amount_minor = record
        .and_then(|r| r.amount_minor)
        .unwrap_or(schedule.amount_minor);
    let amount = account.currency.from_minor(amount_minor);
    let description = record
        .and_then(|r| r.description.clone())
        .unwrap_or_else(|| schedule.description.clone());
    let on = record.and_then(|r| r.post_date).unwrap_or(date);
    let id = match schedule.to_account_id {
        None => {
            let input = NewTransaction {
                account_id: Some(schedule.account_id),
                category_id: schedule.category_id,
                date: on,
                amount,
                description,
                notes: None,
                tags: schedule.tags.lines().map(str::to_owned).collect(),
            };
            // The owner's rules fill in what the schedule leaves open, as for any new one.
            let rules = rules::for_writes(store, viewer).await?;
            transactions::create(store, viewer, input, Some(claim), &rules)
                .await?
                .id
        }
        Some(to_account_id) => {
            let to_amount = match schedule.to_amount_minor {
                Some(minor) => {
                    let to = accounts::find(store.conn(), viewer, to_account_id)
                        .await?
                        .ok_or(AppError::not_found("account"))?;
                    Some(to.currency.from_minor(minor))
                }
                None => None,
            };
            let input = transfers::NewTransfer {
                from_account_id: schedule.account_id,
                to_account_id,
                amount,
                to_amount,
                date: on,
                description,
                notes: None,
            };
            transfers::create(store, viewer, input, Some(claim))
                .await?
                .id
        }
    };
    mark(store, viewer, schedule.id, date, Status::Posted, Some(id)).await?;
    Ok(id)
}

/// Record `status` (and what was written) for `date` of the viewer's schedule, keeping any
/// overrides, with an audit event on the schedule.
pub(super) async fn mark(
    store: &Store,
    viewer: &Viewer,
    schedule_id: Uuid,
    date: NaiveDate,
    status: Status,
    result_id: Option<Uuid>,
) -> AppResult<()> {
    let txn = store.begin().await?;
    let now = Utc::now();
    let row = recurring_occurrence::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(viewer.user_id()),
        schedule_id: Set(schedule_id),
        date: Set(date),
        status: Set(status.as_str().to_owned()),
        result_id: Set(result_id),
        amount_minor: Set(None),
        description: Set(None),
        post_date: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    // The conflict target includes the schedule id, whose row is the viewer's (composite
    // foreign key), so the row updated on conflict is the viewer's too.
    let conflict = OnConflict::columns([Column::ScheduleId, Column::Date])
        .update_columns([Column::Status, Column::ResultId, Column::UpdatedAt])
        .to_owned();
    recurring_occurrence::Entity::insert(row)
        .on_conflict(conflict)
        .exec_without_returning(&txn)
        .await?;
    let reason = match status {
        Status::Posted => "OCCURRENCE_POSTED",
        Status::Skipped => "OCCURRENCE_SKIPPED",
        Status::Due => "OCCURRENCE_DUE",
        Status::Failed => "OCCURRENCE_FAILED",
        Status::Edited | Status::Planned => "OCCURRENCE_EDITED",
    };
    let event = Event::by(viewer, Action::Updated)
        .entity("recurring", schedule_id)
        .reason(reason);
    audit::record(&txn, event).await?;
    txn.commit().await?;
    Ok(())
}
