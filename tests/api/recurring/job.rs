//! The job: catching up after a gap in order and in bounded runs, transfers, audit events
//! of the automatic writes, and two instances running it at once without duplicates.

use chrono::Datelike;
use serde_json::json;
use tally::service::recurring::job::run_due;

use super::{create, day, input, transactions};
use crate::helpers::TestApp;

#[tokio::test]
async fn the_job_catches_up_after_a_gap_in_order_in_bounded_runs() {
    let app = TestApp::spawn_with(|config| config.recurring_job_interval_seconds = 0).await;
    let user = app.signed_up_user().await;
    let daily = json!({ "frequency": "DAILY", "start": day(1) });
    let schedule = create(&app, &user, input(&app, &user, "-0.10", daily).await).await;

    let first = run_due(&app.store, day(150)).await.unwrap();
    assert_eq!(
        first.posted, 100,
        "one run writes at most 100 dates of a schedule"
    );
    let second = run_due(&app.store, day(150)).await.unwrap();
    assert_eq!(second.posted, 50);
    let third = run_due(&app.store, day(150)).await.unwrap();
    assert_eq!(third.posted, 0, "nothing twice");

    let written = transactions(&app, &user).await;
    assert_eq!(written.len(), 150);
    let expected: Vec<String> = (1..=150).map(|d| day(d).to_string()).collect();
    let dates: Vec<String> = written.iter().map(|(d, _)| d.clone()).collect();
    assert_eq!(dates, expected);
    let balance = app.default_account_fields(&user.token, "balance").await;
    assert_eq!(balance["balance"], "-15.00", "exact: 150 × -0.10");
    let data = app
        .ok(
            &user.token,
            "query($id: UUID!) { recurringSchedule(id: $id) { nextDate } }",
            json!({ "id": schedule["id"] }),
        )
        .await;
    assert_eq!(data["recurringSchedule"]["nextDate"], day(151).to_string());

    let log = app
        .ok(
            &user.token,
            "{ myAuditLog(first: 5) { edges { node { action entityType userAgent } } } }",
            json!({}),
        )
        .await;
    let latest = &log["myAuditLog"]["edges"][0]["node"];
    assert_eq!(latest["userAgent"], "tally recurring job");
}

#[tokio::test]
async fn monthly_on_the_last_day_and_transfers_are_written_by_the_job() {
    let app = TestApp::spawn_with(|config| config.recurring_job_interval_seconds = 0).await;
    let user = app.signed_up_user().await;
    let savings = app.open_account(&user, "Savings", "USD").await;
    let mut transfer = input(
        &app,
        &user,
        "100",
        json!({ "frequency": "MONTHLY", "lastDayOfMonth": true, "start": day(1), "count": 13 }),
    )
    .await;
    transfer["toAccountId"] = json!(savings);
    create(&app, &user, transfer).await;

    let report = run_due(&app.store, day(500)).await.unwrap();
    assert_eq!(report.posted, 13);
    let written = transactions(&app, &user).await;
    assert_eq!(written.len(), 26, "two legs each");
    for (date, _) in &written {
        let date: chrono::NaiveDate = date.parse().unwrap();
        assert_eq!(
            date.succ_opt().unwrap().day(),
            1,
            "{date} is a month's last day"
        );
    }
    let data = app
        .ok(&user.token, "{ accounts { id balance } }", json!({}))
        .await;
    let savings_balance = data["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == savings.as_str())
        .unwrap()["balance"]
        .clone();
    assert_eq!(savings_balance, "1300.00");
}

#[tokio::test]
async fn two_instances_running_the_job_at_once_write_each_date_once() {
    let first =
        TestApp::spawn_shared_with(|config| config.recurring_job_interval_seconds = 0).await;
    let second = first
        .another_instance_with(|config| config.recurring_job_interval_seconds = 0)
        .await;
    let user = first.signed_up_user().await;
    for amount in ["-1", "-2", "-3"] {
        let daily = json!({ "frequency": "DAILY", "start": day(1), "count": 40 });
        create(&first, &user, input(&first, &user, amount, daily).await).await;
    }

    let (a, b) = tokio::join!(
        run_due(&first.store, day(60)),
        run_due(&second.store, day(60))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    // Whatever was left over (a schedule claimed by the other run) goes in the next run.
    let (c, d) = tokio::join!(
        run_due(&first.store, day(60)),
        run_due(&second.store, day(60))
    );
    let total = a.posted + b.posted + c.unwrap().posted + d.unwrap().posted;
    assert_eq!(total, 120);
    let written = transactions(&first, &user).await;
    assert_eq!(written.len(), 120);
    let mut keys: Vec<_> = written.clone();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 120, "no date of a schedule twice");
}

#[tokio::test]
async fn a_disabled_users_schedules_wait_until_they_are_enabled_again() {
    let app = TestApp::spawn_with(|config| config.recurring_job_interval_seconds = 0).await;
    let admin = crate::admin::roles::admin(&app).await;
    let user = app.signed_up_user().await;
    let daily = json!({ "frequency": "DAILY", "start": day(1) });
    create(&app, &user, input(&app, &user, "-1", daily).await).await;
    let switch =
        |mutation: &str| format!("mutation($id: UUID!) {{ {mutation}(userId: $id) {{ id }} }}");
    let id = json!({ "id": user.id });
    app.ok(&admin.token, &switch("disableUser"), id.clone())
        .await;

    let run = run_due(&app.store, day(3)).await.unwrap();
    assert_eq!(run.posted, 0, "nothing written for a disabled user");

    app.ok(&admin.token, &switch("enableUser"), id).await;
    let run = run_due(&app.store, day(3)).await.unwrap();
    assert_eq!(
        run.posted, 3,
        "the dates that waited are written once enabled"
    );
}
