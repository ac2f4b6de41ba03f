//! Schedules: create, list, update, delete; validation errors with their codes; the
//! per-user bound; an audit event for each change.

use serde_json::json;

use super::{CREATE, FIELDS, create, day, input};
use crate::helpers::{TestApp, error_saying, error_with_code};

#[tokio::test]
async fn a_schedule_is_created_listed_updated_and_deleted_with_audit_events() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let start = day(3);
    let recurrence = json!({ "frequency": "MONTHLY", "lastDayOfMonth": true, "start": start });
    let created = create(
        &app,
        &user,
        input(&app, &user, "-1200.50", recurrence).await,
    )
    .await;

    assert_eq!(created["amount"], "-1200.50");
    assert_eq!(created["recurrence"]["frequency"], "MONTHLY");
    assert_eq!(created["recurrence"]["lastDayOfMonth"], true);
    assert_eq!(created["recurrence"]["every"], 1);
    assert_eq!(created["automatic"], true);
    assert!(created["nextDate"].as_str().unwrap() >= start.to_string().as_str());
    let id = created["id"].as_str().unwrap();

    let list = format!("{{ recurringSchedules {{ {FIELDS} }} }}");
    let data = app.ok(&user.token, &list, json!({})).await;
    assert_eq!(data["recurringSchedules"].as_array().unwrap().len(), 1);
    assert_eq!(data["recurringSchedules"][0]["description"], "Rent");

    let mut changed = input(
        &app,
        &user,
        "-1300",
        json!({ "frequency": "WEEKLY", "every": 2, "weekdays": ["MONDAY", "FRIDAY"],
                "start": start, "count": 10 }),
    )
    .await;
    changed["automatic"] = json!(false);
    changed["tags"] = json!(["home"]);
    let update = format!(
        "mutation($id: UUID!, $input: RecurringScheduleInput!) {{
            updateRecurringSchedule(id: $id, input: $input) {{ {FIELDS} }} }}"
    );
    let data = app
        .ok(&user.token, &update, json!({ "id": id, "input": changed }))
        .await;
    let updated = &data["updateRecurringSchedule"];
    assert_eq!(updated["amount"], "-1300.00");
    assert_eq!(updated["automatic"], false);
    assert_eq!(updated["tags"], json!(["home"]));
    assert_eq!(
        updated["recurrence"]["weekdays"],
        json!(["MONDAY", "FRIDAY"])
    );
    assert_eq!(updated["recurrence"]["count"], 10);

    let delete = "mutation($id: UUID!) { deleteRecurringSchedule(id: $id) }";
    let data = app.ok(&user.token, delete, json!({ "id": id })).await;
    assert_eq!(data["deleteRecurringSchedule"], id);
    let data = app.ok(&user.token, &list, json!({})).await;
    assert_eq!(data["recurringSchedules"], json!([]));

    let log = app
        .ok(
            &user.token,
            "{ myAuditLog(first: 10) { edges { node { action entityType entityId } } } }",
            json!({}),
        )
        .await;
    let mine: Vec<String> = log["myAuditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["node"]["entityType"] == "recurring" && e["node"]["entityId"] == id)
        .map(|e| e["node"]["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(mine, ["DELETED", "UPDATED", "CREATED"]);
}

#[tokio::test]
async fn bad_definitions_are_refused_with_codes_and_fields() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let start = day(1);
    let cases = [
        (
            json!({ "frequency": "DAILY", "every": 0, "start": start }),
            "every",
        ),
        (
            json!({ "frequency": "DAILY", "every": 1001, "start": start }),
            "every",
        ),
        (
            json!({ "frequency": "DAILY", "count": 0, "start": start }),
            "count",
        ),
        (
            json!({ "frequency": "DAILY", "count": 1_000_000, "start": start }),
            "count",
        ),
        (
            json!({ "frequency": "DAILY", "start": start, "end": day(0) }),
            "end",
        ),
        (
            json!({ "frequency": "MONTHLY", "monthDay": 32, "start": start }),
            "day of the month",
        ),
        (
            json!({ "frequency": "YEARLY", "start": "0999-01-01" }),
            "Date",
        ),
    ];
    for (recurrence, says) in cases {
        let body = app
            .gql(
                Some(&user.token),
                CREATE,
                json!({ "input": input(&app, &user, "-5", recurrence).await }),
            )
            .await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{body}"
        );
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains(says), "{says:?} not in {body}");
    }

    let daily = json!({ "frequency": "DAILY", "start": start });
    let mut zero = input(&app, &user, "0", daily.clone()).await;
    let body = app
        .gql(Some(&user.token), CREATE, json!({ "input": zero.clone() }))
        .await;
    error_saying(&body, "BAD_USER_INPUT", "non-zero");
    zero["amount"] = json!("1.001");
    let body = app
        .gql(Some(&user.token), CREATE, json!({ "input": zero.clone() }))
        .await;
    error_with_code(&body, "BAD_USER_INPUT");

    let mut transfer = input(&app, &user, "10", daily.clone()).await;
    transfer["toAccountId"] = transfer["accountId"].clone();
    let body = app
        .gql(Some(&user.token), CREATE, json!({ "input": transfer }))
        .await;
    error_saying(&body, "BAD_USER_INPUT", "two different accounts");

    let mut unknown = input(&app, &user, "10", daily).await;
    unknown["accountId"] = json!(uuid::Uuid::new_v4());
    let body = app
        .gql(Some(&user.token), CREATE, json!({ "input": unknown }))
        .await;
    error_with_code(&body, "NOT_FOUND");

    let body = app
        .gql(
            Some(&user.token),
            super::UPCOMING,
            json!({ "from": day(0), "to": day(400) }),
        )
        .await;
    error_saying(&body, "BAD_USER_INPUT", "366 days");
}

#[tokio::test]
async fn a_user_has_at_most_200_schedules() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let one = input(
        &app,
        &user,
        "-1",
        json!({ "frequency": "YEARLY", "start": day(1) }),
    )
    .await;
    for _ in 0..190 {
        create(&app, &user, one.clone()).await;
    }
    // The last few at once: the count and the insert cannot interleave (the user row is
    // locked first), so exactly ten more land.
    let racing = (0..25).map(|_| json!({ "input": one })).collect();
    let answers = app.all_at_once(&user, CREATE, racing).await;
    let landed = answers
        .iter()
        .filter(|body| body["errors"].is_null())
        .count();
    assert_eq!(landed, 10, "{answers:?}");
    let body = app
        .gql(Some(&user.token), CREATE, json!({ "input": one }))
        .await;
    error_saying(&body, "BAD_USER_INPUT", "at most 200");
    let list = app
        .ok(&user.token, "{ recurringSchedules { id } }", json!({}))
        .await;
    assert_eq!(
        list["recurringSchedules"].as_array().map(Vec::len),
        Some(200)
    );
}

#[tokio::test]
async fn deleting_a_category_leaves_its_schedules_uncategorized() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let food = app.category(&user, "Groceries").await;
    let mut weekly = input(
        &app,
        &user,
        "-60",
        json!({ "frequency": "WEEKLY", "start": day(1) }),
    )
    .await;
    weekly["categoryId"] = json!(food);
    weekly["tags"] = json!(["Food"]);
    let schedule = create(&app, &user, weekly).await;

    app.ok(
        &user.token,
        "mutation($id: UUID!) { deleteCategory(id: $id) { id } }",
        json!({ "id": food }),
    )
    .await;

    let data = app
        .ok(
            &user.token,
            "query($id: UUID!) { recurringSchedule(id: $id) { category { id } tags } }",
            json!({ "id": schedule["id"] }),
        )
        .await;
    assert_eq!(data["recurringSchedule"]["category"], json!(null));
    assert_eq!(data["recurringSchedule"]["tags"], json!(["food"]));
}
