//! Schedules as stored: validating a definition into columns, and reading columns back.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseTransaction};
use uuid::Uuid;

use super::rule::{Frequency, MonthDay, Rule};
use super::{MAX_COUNT, MAX_EVERY, Schedule, ScheduleInput};
use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::money::{Currency, MAX_ABS_MINOR};
use crate::service::entities::category;
use crate::service::entities::recurring_schedule::{ActiveModel, Entity, Model};
use crate::service::transactions::{MAX_DESCRIPTION_CHARS, tags};
use crate::service::{accounts, calendar, owned_by_id, text, update_owned_by_id};

/// The viewer's schedule row, or `NOT_FOUND`.
pub(super) async fn find(db: &impl ConnectionTrait, viewer: &Viewer, id: Uuid) -> AppResult<Model> {
    owned_by_id::<Entity>(viewer, id)
        .one(db)
        .await?
        .ok_or(AppError::not_found("recurring"))
}

/// Write `row` over the viewer's schedule `id`.
pub(super) async fn save(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    id: Uuid,
    row: ActiveModel,
) -> AppResult<()> {
    let mut update = update_owned_by_id::<Entity>(viewer, id);
    update = update.set(row);
    update.exec(db).await?;
    Ok(())
}

/// Check a definition against the viewer's accounts and categories; the columns it sets.
pub(super) async fn validate(
    db: &DatabaseTransaction,
    viewer: &Viewer,
    input: &ScheduleInput,
) -> AppResult<ActiveModel> {
    check_rule(&input.rule)?;
    let description = text::required_line(
        "input.description",
        &input.description,
        MAX_DESCRIPTION_CHARS,
    )?;
    let tags = tags::normalize("input.tags", &input.tags)?;
    let account = accounts::find(db, viewer, input.account_id)
        .await?
        .ok_or(AppError::not_found("account"))?;
    let amount_minor = minor(account.currency, input.amount, "input.amount")?;
    let mut to_amount_minor = None;
    if let Some(to_id) = input.to_account_id {
        let to = accounts::find(db, viewer, to_id)
            .await?
            .ok_or(AppError::not_found("account"))?;
        if to.id == account.id {
            return Err(AppError::bad_input(
                "input.toAccountId",
                "A transfer needs two different accounts",
            ));
        }
        if amount_minor <= 0 {
            return Err(AppError::bad_input(
                "input.amount",
                "A transfer moves a positive amount",
            ));
        }
        if input.category_id.is_some() || !tags.is_empty() {
            return Err(AppError::bad_input(
                "input.categoryId",
                "A transfer has no category and no tags",
            ));
        }
        to_amount_minor = match input.to_amount {
            Some(amount) => Some(minor(to.currency, amount, "input.toAmount")?),
            None if to.currency != account.currency => {
                return Err(AppError::bad_input(
                    "input.toAmount",
                    "Between currencies, give the amount arriving too",
                ));
            }
            None => None,
        };
    } else if input.to_amount.is_some() {
        return Err(AppError::bad_input(
            "input.toAmount",
            "Only a transfer has a toAmount",
        ));
    }
    if let Some(category_id) = input.category_id {
        owned_by_id::<category::Entity>(viewer, category_id)
            .one(db)
            .await?
            .ok_or(AppError::not_found("category"))?;
    }
    let rule = &input.rule;
    Ok(ActiveModel {
        account_id: Set(account.id),
        to_account_id: Set(input.to_account_id),
        category_id: Set(input.category_id),
        amount_minor: Set(amount_minor),
        to_amount_minor: Set(to_amount_minor),
        description: Set(description),
        tags: Set(tags.join("\n")),
        frequency: Set(frequency_name(rule.frequency).to_owned()),
        every: Set(rule.every as i32),
        weekdays: Set(i32::from(rule.weekdays & 0x7f)),
        month_day: Set(rule.month_day.map(|d| match d {
            MonthDay::Last => 0,
            MonthDay::Day(day) => day as i32,
        })),
        start_date: Set(rule.start),
        end_date: Set(rule.end),
        count: Set(rule.count.map(|c| c as i32)),
        automatic: Set(input.automatic),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
}

fn minor(currency: Currency, amount: rust_decimal::Decimal, field: &str) -> AppResult<i64> {
    let minor = currency
        .to_minor(amount)
        .map_err(|err| AppError::bad_input(field, err.to_string()))?;
    if minor == 0 || minor.abs() > MAX_ABS_MINOR {
        return Err(AppError::bad_input(
            field,
            "The amount must be non-zero and within the supported range",
        ));
    }
    Ok(minor)
}

fn check_rule(rule: &Rule) -> AppResult<()> {
    if !(1..=MAX_EVERY).contains(&rule.every) {
        let message = format!("every is 1 to {MAX_EVERY}");
        return Err(AppError::bad_input("input.recurrence.every", message));
    }
    if rule.count.is_some_and(|c| !(1..=MAX_COUNT).contains(&c)) {
        let message = format!("count is 1 to {MAX_COUNT}");
        return Err(AppError::bad_input("input.recurrence.count", message));
    }
    for (field, date) in [("start", Some(rule.start)), ("end", rule.end)] {
        if date.is_some_and(|d| !calendar::is_supported(d)) {
            let message = format!("Dates are within {}", calendar::RANGE);
            return Err(AppError::bad_input(
                format!("input.recurrence.{field}"),
                message,
            ));
        }
    }
    if rule.end.is_some_and(|end| end < rule.start) {
        return Err(AppError::bad_input(
            "input.recurrence.end",
            "The end is on or after the start",
        ));
    }
    if let Some(MonthDay::Day(day)) = rule.month_day
        && !(1..=31).contains(&day)
    {
        return Err(AppError::bad_input(
            "input.recurrence.monthDay",
            "A day of the month is 1 to 31",
        ));
    }
    Ok(())
}

fn frequency_name(frequency: Frequency) -> &'static str {
    match frequency {
        Frequency::Daily => "DAILY",
        Frequency::Weekly => "WEEKLY",
        Frequency::Monthly => "MONTHLY",
        Frequency::Yearly => "YEARLY",
    }
}

/// The rule stored in `row`.
pub(super) fn rule_of(row: &Model) -> AppResult<Rule> {
    let frequency = match row.frequency.as_str() {
        "DAILY" => Frequency::Daily,
        "WEEKLY" => Frequency::Weekly,
        "MONTHLY" => Frequency::Monthly,
        "YEARLY" => Frequency::Yearly,
        other => {
            return Err(AppError::internal(anyhow::anyhow!(
                "unknown stored frequency {other}"
            )));
        }
    };
    Ok(Rule {
        frequency,
        every: u32::try_from(row.every).unwrap_or(1).max(1),
        weekdays: u8::try_from(row.weekdays & 0x7f).unwrap_or(0),
        month_day: row.month_day.map(|d| match d {
            0 => MonthDay::Last,
            day => MonthDay::Day(day.clamp(1, 31) as u32),
        }),
        start: row.start_date,
        end: row.end_date,
        count: row.count.and_then(|c| u32::try_from(c).ok()),
    })
}

/// Stored rows as [`Schedule`]s, with their accounts' currencies (one statement).
pub(super) async fn load(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    rows: Vec<Model>,
) -> AppResult<Vec<Schedule>> {
    let currencies: HashMap<Uuid, Currency> = accounts::all_in(db, viewer)
        .await?
        .into_iter()
        .map(|a| (a.id, a.currency))
        .collect();
    rows.into_iter()
        .map(|row| {
            let currency = *currencies
                .get(&row.account_id)
                .ok_or_else(|| AppError::internal(anyhow::anyhow!("schedule without account")))?;
            let to = row
                .to_account_id
                .and_then(|id| currencies.get(&id).copied());
            schedule_from(row, currency, to)
        })
        .collect()
}

/// A stored row as a [`Schedule`] (`currency` is the account's).
fn schedule_from(
    row: Model,
    currency: Currency,
    to_currency: Option<Currency>,
) -> AppResult<Schedule> {
    let rule = rule_of(&row)?;
    Ok(Schedule {
        id: row.id,
        account_id: row.account_id,
        to_account_id: row.to_account_id,
        category_id: row.category_id,
        amount: currency.from_minor(row.amount_minor),
        to_amount: row
            .to_amount_minor
            .map(|m| to_currency.unwrap_or(currency).from_minor(m)),
        currency,
        description: row.description,
        tags: row
            .tags
            .lines()
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        rule,
        automatic: row.automatic,
        next_due: row.next_due,
    })
}
