//! Recurring schedules as the API shows them: a template and a recurrence, their upcoming
//! dates, and what the user may do to one date (skip, edit, confirm). Inputs in
//! [`input`], the mutations in [`mutations`].

mod input;
mod mutations;

use async_graphql::{ComplexObject, Context, Enum, Object, SimpleObject};

pub use self::mutations::RecurringMutation;
use super::accounts::Account;
use super::categories::Category;
use super::context::{services, viewer};
use super::loaders;
use super::scalars::{Date, Money, Uuid};
use crate::error::AppError;
use crate::service::recurring::occurrences;
use crate::service::recurring::{self, Frequency, MonthDay};

/// How often a schedule's periods come.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "recurring::Frequency")]
pub enum RecurrenceFrequency {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// A day of the week.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

const WEEK: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// What happened (or will happen) to one date of a schedule.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "occurrences::Status")]
pub enum OccurrenceStatus {
    /// Not handled yet.
    Planned,
    /// Edited ahead of its date.
    Edited,
    /// A suggested date waiting to be confirmed or skipped.
    Due,
    /// Written: `resultId` is the transaction (or transfer).
    Posted,
    Skipped,
    /// The write was refused (e.g. the account is archived); nothing was written.
    Failed,
}

/// When a schedule falls.
#[derive(SimpleObject)]
pub struct Recurrence {
    pub frequency: RecurrenceFrequency,
    /// Every how many days, weeks, months or years.
    pub every: i32,
    /// Weekly: the days (empty: the start's weekday).
    pub weekdays: Vec<Weekday>,
    /// Monthly: the day of the month (a shorter month uses its last day).
    pub month_day: Option<i32>,
    /// Monthly: on the last day of each month.
    pub last_day_of_month: bool,
    pub start: Date,
    /// The last possible date, inclusive.
    pub end: Option<Date>,
    /// How many dates at most.
    pub count: Option<i32>,
}

impl From<&recurring::Rule> for Recurrence {
    fn from(rule: &recurring::Rule) -> Self {
        Self {
            frequency: rule.frequency.into(),
            every: rule.every as i32,
            weekdays: (0..7)
                .filter(|d| rule.weekdays & (1 << d) != 0)
                .map(|d| WEEK[d])
                .collect(),
            month_day: match rule.month_day {
                Some(MonthDay::Day(day)) => Some(day as i32),
                _ => None,
            },
            last_day_of_month: rule.month_day == Some(MonthDay::Last),
            start: Date(rule.start),
            end: rule.end.map(Date),
            count: rule.count.map(|c| c as i32),
        }
    }
}

/// A recurring transaction or transfer of the viewer.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct RecurringSchedule {
    pub id: Uuid,
    /// Signed for a transaction; the positive amount moved for a transfer.
    pub amount: Money,
    /// A transfer's amount arriving, between currencies.
    pub to_amount: Option<Money>,
    /// ISO 4217 code of `amount` (the account's currency).
    pub currency: String,
    pub description: String,
    pub tags: Vec<String>,
    pub recurrence: Recurrence,
    /// Written by the job when due (true), or only suggested for confirmation (false).
    pub automatic: bool,
    /// The first date not handled yet; null when none is left.
    pub next_date: Option<Date>,
    #[graphql(skip)]
    account_id: uuid::Uuid,
    #[graphql(skip)]
    to_account_id: Option<uuid::Uuid>,
    #[graphql(skip)]
    category_id: Option<uuid::Uuid>,
}

impl From<recurring::Schedule> for RecurringSchedule {
    fn from(s: recurring::Schedule) -> Self {
        Self {
            id: Uuid(s.id),
            amount: Money(s.amount),
            to_amount: s.to_amount.map(Money),
            currency: s.currency.code().to_owned(),
            description: s.description,
            tags: s.tags,
            recurrence: (&s.rule).into(),
            automatic: s.automatic,
            next_date: s.next_due.map(Date),
            account_id: s.account_id,
            to_account_id: s.to_account_id,
            category_id: s.category_id,
        }
    }
}

#[ComplexObject]
impl RecurringSchedule {
    /// The account (a transfer's source).
    async fn account(&self, ctx: &Context<'_>) -> async_graphql::Result<Account> {
        let account = loaders::account(ctx, self.account_id).await?;
        Ok(account.ok_or(AppError::not_found("account"))?.into())
    }

    /// A transfer's destination; null for a transaction.
    async fn to_account(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Account>> {
        match self.to_account_id {
            Some(id) => Ok(loaders::account(ctx, id).await?.map(Into::into)),
            None => Ok(None),
        }
    }

    async fn category(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Category>> {
        match self.category_id {
            Some(id) => Ok(loaders::category(ctx, id).await?.map(Into::into)),
            None => Ok(None),
        }
    }
}

/// One date of a schedule.
#[derive(SimpleObject)]
pub struct Occurrence {
    pub schedule_id: Uuid,
    /// The scheduled date: with `scheduleId`, what skip, edit and confirm take.
    pub date: Date,
    /// The date the transaction gets (an edit may move it).
    pub post_date: Date,
    pub amount: Money,
    pub currency: String,
    pub description: String,
    pub status: OccurrenceStatus,
    /// The transaction (or transfer) written for it.
    pub result_id: Option<Uuid>,
}

impl From<occurrences::Occurrence> for Occurrence {
    fn from(o: occurrences::Occurrence) -> Self {
        Self {
            schedule_id: Uuid(o.schedule_id),
            date: Date(o.date),
            post_date: Date(o.post_date),
            amount: Money(o.amount),
            currency: o.currency.code().to_owned(),
            description: o.description,
            status: o.status.into(),
            result_id: o.result_id.map(Uuid),
        }
    }
}

/// The cost of a list of up to [`occurrences::MAX_OCCURRENCES`] occurrences.
fn occurrences_cost(child: usize) -> usize {
    occurrences::MAX_OCCURRENCES * child + 1
}

/// The cost of the list of up to [`recurring::MAX_SCHEDULES`] schedules.
fn schedules_cost(child: usize) -> usize {
    recurring::MAX_SCHEDULES as usize * child + 1
}

#[derive(Default)]
pub struct RecurringQuery;

#[Object]
impl RecurringQuery {
    /// The viewer's recurring schedules, oldest first (at most 200).
    #[graphql(complexity = "schedules_cost(child_complexity)")]
    async fn recurring_schedules(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<RecurringSchedule>> {
        let list = recurring::list(&services(ctx).store, viewer(ctx)?).await?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    /// One of the viewer's schedules; `NOT_FOUND` if it is not theirs.
    async fn recurring_schedule(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
    ) -> async_graphql::Result<RecurringSchedule> {
        Ok(recurring::get(&services(ctx).store, viewer(ctx)?, id.0)
            .await?
            .into())
    }

    /// The dates of the viewer's schedules from `from` to `to` (at most 366 days), by date,
    /// at most 200, with what happened to each.
    #[graphql(complexity = "occurrences_cost(child_complexity)")]
    async fn upcoming_occurrences(
        &self,
        ctx: &Context<'_>,
        from: Date,
        to: Date,
    ) -> async_graphql::Result<Vec<Occurrence>> {
        let store = &services(ctx).store;
        let list = occurrences::upcoming(store, viewer(ctx)?, from.0, to.0).await?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    /// Suggested dates waiting to be confirmed or skipped, oldest first (at most 200).
    #[graphql(complexity = "occurrences_cost(child_complexity)")]
    async fn due_occurrences(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Occurrence>> {
        let list = occurrences::due(&services(ctx).store, viewer(ctx)?).await?;
        Ok(list.into_iter().map(Into::into).collect())
    }
}

fn weekday_bit(day: Weekday) -> u8 {
    1 << WEEK.iter().position(|d| *d == day).unwrap_or(0)
}

fn frequency(f: RecurrenceFrequency) -> Frequency {
    f.into()
}
