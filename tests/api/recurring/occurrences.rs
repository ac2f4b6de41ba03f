//! One date of a schedule: upcoming projections (month ends, bounds), skip and edit ahead of
//! the job, and suggested dates confirmed exactly once.

use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};
use tally::service::recurring::job::run_due;

use super::{UPCOMING, create, day, input, transactions};
use crate::helpers::{TestApp, error_with_code};

const SKIP: &str = "mutation($id: UUID!, $d: Date!) {
    skipOccurrence(scheduleId: $id, date: $d) { date status } }";
const EDIT: &str = "mutation($id: UUID!, $d: Date!, $input: OccurrenceEditInput!) {
    editOccurrence(scheduleId: $id, date: $d, input: $input) { date postDate amount description status } }";
const CONFIRM: &str = "mutation($id: UUID!, $d: Date!) {
    confirmOccurrence(scheduleId: $id, date: $d) { date status resultId } }";

/// The job stays out of these tests: they run it themselves.
async fn app() -> TestApp {
    TestApp::spawn_with(|config| config.recurring_job_interval_seconds = 0).await
}

#[tokio::test]
async fn upcoming_shows_month_ends_and_is_bounded() {
    let app = app().await;
    let user = app.signed_up_user().await;
    let monthly = json!({ "frequency": "MONTHLY", "monthDay": 31, "start": day(1) });
    create(&app, &user, input(&app, &user, "-10", monthly).await).await;
    let daily = json!({ "frequency": "DAILY", "start": day(1), "count": 1_000 });
    create(&app, &user, input(&app, &user, "-1", daily).await).await;

    let data = app
        .ok(
            &user.token,
            UPCOMING,
            json!({ "from": day(0), "to": day(365) }),
        )
        .await;
    let list = data["upcomingOccurrences"].as_array().unwrap();
    assert_eq!(list.len(), 200, "at most 200 occurrences");
    let monthly: Vec<NaiveDate> = list
        .iter()
        .filter(|o| o["amount"] == "-10.00")
        .map(|o| o["date"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(!monthly.is_empty());
    for date in monthly {
        let next = date.succ_opt().unwrap();
        assert_eq!(next.day(), 1, "{date} is a month's last day");
    }
    assert!(list.iter().all(|o| o["status"] == "PLANNED"));
}

#[tokio::test]
async fn a_skipped_date_is_not_written_and_an_edited_one_is_written_as_edited() {
    let app = app().await;
    let user = app.signed_up_user().await;
    let daily = json!({ "frequency": "DAILY", "start": day(1), "count": 3 });
    let schedule = create(&app, &user, input(&app, &user, "-20", daily).await).await;
    let id = schedule["id"].as_str().unwrap();

    let skipped = app
        .ok(&user.token, SKIP, json!({ "id": id, "d": day(1) }))
        .await;
    assert_eq!(skipped["skipOccurrence"]["status"], "SKIPPED");
    let next = app
        .ok(
            &user.token,
            "query($id: UUID!) { recurringSchedule(id: $id) { nextDate } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        next["recurringSchedule"]["nextDate"],
        day(2).to_string(),
        "past the skipped date"
    );
    let change = json!({ "amount": "-25.55", "description": "Rent, raised", "date": day(4) });
    let edited = app
        .ok(
            &user.token,
            EDIT,
            json!({ "id": id, "d": day(2), "input": change }),
        )
        .await;
    assert_eq!(edited["editOccurrence"]["status"], "EDITED");
    assert_eq!(edited["editOccurrence"]["amount"], "-25.55");
    assert_eq!(edited["editOccurrence"]["postDate"], day(4).to_string());

    let body = app
        .gql(Some(&user.token), SKIP, json!({ "id": id, "d": day(1) }))
        .await;
    error_with_code(&body, "CONFLICT");
    let body = app
        .gql(Some(&user.token), SKIP, json!({ "id": id, "d": day(9) }))
        .await;
    error_with_code(&body, "BAD_USER_INPUT");

    let report = run_due(&app.store, day(10)).await.unwrap();
    assert_eq!(report.posted, 2);
    assert_eq!(
        transactions(&app, &user).await,
        [
            (day(3).to_string(), "-20.00".to_owned()),
            (day(4).to_string(), "-25.55".to_owned())
        ]
    );
    let data = app
        .ok(
            &user.token,
            UPCOMING,
            json!({ "from": day(0), "to": day(10) }),
        )
        .await;
    let statuses: Vec<&Value> = data["upcomingOccurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| &o["status"])
        .collect();
    assert_eq!(
        statuses,
        [&json!("SKIPPED"), &json!("POSTED"), &json!("POSTED")]
    );
}

#[tokio::test]
async fn a_suggested_date_is_due_until_confirmed_once_or_skipped() {
    let app = app().await;
    let user = app.signed_up_user().await;
    let today = json!({ "frequency": "DAILY", "start": day(0) });
    let mut suggested = input(&app, &user, "-7.10", today.clone()).await;
    suggested["automatic"] = json!(false);
    let first = create(&app, &user, suggested.clone()).await;
    let second = create(&app, &user, suggested).await;

    let report = run_due(&app.store, day(0)).await.unwrap();
    assert_eq!((report.due, report.posted), (2, 0));
    assert!(transactions(&app, &user).await.is_empty(), "suggested only");
    let data = app
        .ok(
            &user.token,
            "{ dueOccurrences { scheduleId date status } }",
            json!({}),
        )
        .await;
    assert_eq!(data["dueOccurrences"].as_array().unwrap().len(), 2);

    // Confirmed three times at once: written once.
    let vars = json!({ "id": first["id"], "d": day(0) });
    let answers = app
        .all_at_once(&user, CONFIRM, vec![vars.clone(), vars.clone(), vars])
        .await;
    let written: Vec<&Value> = answers
        .iter()
        .filter_map(|a| {
            a["data"]["confirmOccurrence"]["resultId"]
                .as_str()
                .map(|_| a)
        })
        .collect();
    assert!(!written.is_empty(), "{answers:?}");
    assert_eq!(
        transactions(&app, &user).await,
        [(day(0).to_string(), "-7.10".to_owned())]
    );
    let skip = json!({ "id": second["id"], "d": day(0) });
    app.ok(&user.token, SKIP, skip).await;

    let data = app
        .ok(&user.token, "{ dueOccurrences { date } }", json!({}))
        .await;
    assert_eq!(data["dueOccurrences"], json!([]));
    let again = json!({ "id": first["id"], "d": day(0) });
    let body = app.gql(Some(&user.token), CONFIRM, again).await;
    error_with_code(&body, "CONFLICT");
    assert_eq!(transactions(&app, &user).await.len(), 1);
}
