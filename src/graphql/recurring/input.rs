//! The inputs of the recurring mutations, and their translation to the service's.

use async_graphql::InputObject;

use super::{RecurrenceFrequency, Weekday, frequency, weekday_bit};
use crate::error::AppError;
use crate::graphql::scalars::{Date, Money, Uuid};
use crate::service::recurring::occurrences::OccurrenceEdit;
use crate::service::recurring::{MonthDay, Rule, ScheduleInput};

/// When a schedule falls.
#[derive(InputObject)]
pub struct RecurrenceInput {
    pub frequency: RecurrenceFrequency,
    /// Every how many days, weeks, months or years (1–1000).
    #[graphql(default = 1)]
    pub every: i32,
    /// Weekly: the days (empty: the start's weekday).
    #[graphql(default)]
    pub weekdays: Vec<Weekday>,
    /// Monthly: the day (1–31; a shorter month uses its last day). Default: the start's day.
    pub month_day: Option<i32>,
    /// Monthly: on the last day of each month.
    #[graphql(default)]
    pub last_day_of_month: bool,
    pub start: Date,
    /// The last possible date, inclusive.
    pub end: Option<Date>,
    /// How many dates at most (1–100000).
    pub count: Option<i32>,
}

/// A recurring transaction (no `toAccountId`) or transfer (with one).
#[derive(InputObject)]
pub struct RecurringScheduleInput {
    pub account_id: Uuid,
    /// For a transfer: the account the money goes to.
    pub to_account_id: Option<Uuid>,
    pub category_id: Option<Uuid>,
    /// A transaction's signed amount, or the positive amount a transfer moves.
    pub amount: Money,
    /// A transfer's amount arriving, required between currencies.
    pub to_amount: Option<Money>,
    pub description: String,
    #[graphql(default)]
    pub tags: Vec<String>,
    pub recurrence: RecurrenceInput,
    /// Written by the job when due (true), or only suggested for confirmation (false).
    #[graphql(default = true)]
    pub automatic: bool,
}

/// Changes to one date; omitted fields keep the schedule's values.
#[derive(InputObject)]
pub struct OccurrenceEditInput {
    pub amount: Option<Money>,
    pub description: Option<String>,
    /// The date the transaction gets.
    pub date: Option<Date>,
}

fn non_negative(field: &str, value: i32) -> Result<u32, AppError> {
    u32::try_from(value).map_err(|_| AppError::bad_input(field, "This number is positive"))
}

impl RecurringScheduleInput {
    pub fn into_service(self) -> Result<ScheduleInput, AppError> {
        let r = self.recurrence;
        let month_day = match (r.last_day_of_month, r.month_day) {
            (true, _) => Some(MonthDay::Last),
            (false, Some(day)) => Some(MonthDay::Day(non_negative(
                "input.recurrence.monthDay",
                day,
            )?)),
            (false, None) => None,
        };
        let rule = Rule {
            frequency: frequency(r.frequency),
            every: non_negative("input.recurrence.every", r.every)?,
            weekdays: r
                .weekdays
                .into_iter()
                .map(weekday_bit)
                .fold(0, |a, b| a | b),
            month_day,
            start: r.start.0,
            end: r.end.map(|d| d.0),
            count: r
                .count
                .map(|c| non_negative("input.recurrence.count", c))
                .transpose()?,
        };
        Ok(ScheduleInput {
            account_id: self.account_id.0,
            to_account_id: self.to_account_id.map(|id| id.0),
            category_id: self.category_id.map(|id| id.0),
            amount: self.amount.0,
            to_amount: self.to_amount.map(|m| m.0),
            description: self.description,
            tags: self.tags,
            rule,
            automatic: self.automatic,
        })
    }
}

impl From<OccurrenceEditInput> for OccurrenceEdit {
    fn from(input: OccurrenceEditInput) -> Self {
        Self {
            amount: input.amount.map(|m| m.0),
            description: input.description,
            post_date: input.date.map(|d| d.0),
        }
    }
}
