//! Recurring transactions: schedules, their dates (upcoming, skip, edit, confirm), the job
//! that writes them exactly once, and isolation between users.

pub mod isolation;
pub mod job;
pub mod occurrences;
pub mod schedules;

use chrono::{Days, NaiveDate, Utc};
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser};

pub const FIELDS: &str = "id amount toAmount currency description tags automatic nextDate
    account { id } toAccount { id } category { id }
    recurrence { frequency every weekdays monthDay lastDayOfMonth start end count }";

pub const CREATE: &str = "mutation($input: RecurringScheduleInput!) {
    createRecurringSchedule(input: $input) { id amount currency automatic nextDate
      recurrence { frequency every weekdays monthDay lastDayOfMonth start end count } } }";

pub const UPCOMING: &str = "query($from: Date!, $to: Date!) {
    upcomingOccurrences(from: $from, to: $to) {
      scheduleId date postDate amount currency description status resultId } }";

/// Today plus `days` (the server's clock is UTC).
pub fn day(days: u64) -> NaiveDate {
    Utc::now()
        .date_naive()
        .checked_add_days(Days::new(days))
        .unwrap()
}

/// A recurring transaction input of `amount` on the default account with `recurrence`.
pub async fn input(app: &TestApp, user: &TestUser, amount: &str, recurrence: Value) -> Value {
    json!({
        "accountId": app.default_account(user).await,
        "amount": amount,
        "description": "Rent",
        "recurrence": recurrence,
    })
}

/// Create a schedule; returns it.
pub async fn create(app: &TestApp, user: &TestUser, input: Value) -> Value {
    let data = app.ok(&user.token, CREATE, json!({ "input": input })).await;
    data["createRecurringSchedule"].clone()
}

/// The dates and amounts of the user's transactions, oldest first.
pub async fn transactions(app: &TestApp, user: &TestUser) -> Vec<(String, String)> {
    let data = app
        .ok(
            &user.token,
            "{ transactions(first: 200, orderBy: {field: DATE, direction: ASC}) {
                 edges { node { date amount } } } }",
            json!({}),
        )
        .await;
    data["transactions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let node = &e["node"];
            (
                node["date"].as_str().unwrap().to_owned(),
                node["amount"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}
