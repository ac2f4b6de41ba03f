//! Another user's schedule is `NOT_FOUND` everywhere, and their dates are nobody else's.

use serde_json::json;

use super::{UPCOMING, create, day, input};
use crate::helpers::{TestApp, error_with_code};

#[tokio::test]
async fn another_users_schedule_is_not_found_everywhere() {
    let app = TestApp::spawn().await;
    let owner = app.signed_up_user().await;
    let other = app.signed_up_user().await;
    let recurrence = json!({ "frequency": "DAILY", "start": day(2) });
    let schedule = create(
        &app,
        &owner,
        input(&app, &owner, "-3", recurrence.clone()).await,
    )
    .await;
    let id = schedule["id"].as_str().unwrap();
    let date = day(2);
    let theirs = input(&app, &other, "-3", recurrence.clone()).await;

    let attempts = [
        (
            "query($id: UUID!) { recurringSchedule(id: $id) { id } }",
            json!({ "id": id }),
        ),
        (
            "mutation($id: UUID!, $input: RecurringScheduleInput!) {
                updateRecurringSchedule(id: $id, input: $input) { id } }",
            json!({ "id": id, "input": theirs }),
        ),
        (
            "mutation($id: UUID!) { deleteRecurringSchedule(id: $id) }",
            json!({ "id": id }),
        ),
        (
            "mutation($id: UUID!, $d: Date!) { skipOccurrence(scheduleId: $id, date: $d) { date } }",
            json!({ "id": id, "d": date }),
        ),
        (
            "mutation($id: UUID!, $d: Date!) {
                editOccurrence(scheduleId: $id, date: $d, input: { amount: \"-1\" }) { date } }",
            json!({ "id": id, "d": date }),
        ),
        (
            "mutation($id: UUID!, $d: Date!) { confirmOccurrence(scheduleId: $id, date: $d) { date } }",
            json!({ "id": id, "d": day(0) }),
        ),
    ];
    for (query, variables) in attempts {
        let body = app.gql(Some(&other.token), query, variables).await;
        error_with_code(&body, "NOT_FOUND");
    }

    // A schedule on the owner's account is refused to the other user too.
    let on_owners = input(&app, &owner, "-3", recurrence).await;
    let body = app
        .gql(
            Some(&other.token),
            super::CREATE,
            json!({ "input": on_owners }),
        )
        .await;
    error_with_code(&body, "NOT_FOUND");

    let data = app
        .ok(
            &other.token,
            "{ recurringSchedules { id } dueOccurrences { date } }",
            json!({}),
        )
        .await;
    assert_eq!(data["recurringSchedules"], json!([]));
    let upcoming = app
        .ok(
            &other.token,
            UPCOMING,
            json!({ "from": day(0), "to": day(30) }),
        )
        .await;
    assert_eq!(upcoming["upcomingOccurrences"], json!([]));
    let mine = app
        .ok(
            &owner.token,
            UPCOMING,
            json!({ "from": day(0), "to": day(30) }),
        )
        .await;
    assert_eq!(mine["upcomingOccurrences"].as_array().unwrap().len(), 29);
}
