//! Graceful shutdown: on SIGTERM the listener closes at once (new connections are refused),
//! requests in flight finish and are answered, and the process exits within
//! `TALLY_SHUTDOWN_GRACE_SECONDS` — also when a request would take longer.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::process::Tally;
use crate::helpers::{TestApp, fresh_secret};

const SIGNUP: &str = "mutation($input: SignupInput!) { signup(input: $input) { accessToken } }";

fn signup(tally: &Tally, name: &str) -> reqwest::RequestBuilder {
    let input = json!({ "username": name, "email": format!("{name}@example.com"),
                        "password": "a fine long password" });
    reqwest::Client::new()
        .post(tally.url("/graphql"))
        .json(&json!({ "query": SIGNUP, "variables": { "input": input } }))
}

/// The binary on a fresh database with slow password hashing (a signup takes a while).
async fn slow_tally(cost: &str, grace: &str) -> (TestApp, Tally) {
    let app = TestApp::spawn_shared_with(|_| {}).await;
    let settings = [
        ("BCRYPT_COST", cost),
        ("TALLY_SHUTDOWN_GRACE_SECONDS", grace),
    ];
    let tally = Tally::start(app.database_url(), &fresh_secret(), &settings).await;
    (app, tally)
}

#[tokio::test]
async fn requests_in_flight_finish_new_ones_are_refused_and_the_process_exits() {
    let (_app, mut tally) = slow_tally("14", "20").await;
    let request = signup(&tally, "in_flight");
    let in_flight = tokio::spawn(async move {
        let answer = request.send().await;
        (answer, Instant::now())
    });
    tokio::time::sleep(Duration::from_millis(150)).await;

    let stopped = Instant::now();
    tally.signal("TERM");
    tokio::time::sleep(Duration::from_millis(100)).await;
    let refused = signup(&tally, "too_late").send().await;
    assert!(refused.is_err(), "the listener is closed: {refused:?}");

    let (answer, answered_at) = in_flight.await.unwrap();
    assert!(
        answered_at > stopped,
        "it was still in flight at the signal"
    );
    let answer = answer.expect("the request in flight is answered");
    assert_eq!(answer.status(), 200);
    let body: Value = answer.json().await.unwrap();
    assert!(body["data"]["signup"]["accessToken"].is_string(), "{body}");
    let status = tally.exited_within(Duration::from_secs(20)).await;
    assert!(status.success(), "{status}");
    assert!(stopped.elapsed() < Duration::from_secs(20));
}

#[tokio::test]
async fn a_request_longer_than_the_grace_period_does_not_hold_the_process() {
    let (_app, mut tally) = slow_tally("15", "1").await;
    let in_flight = tokio::spawn(signup(&tally, "slow_one").send());
    tokio::time::sleep(Duration::from_millis(300)).await;

    let stopped = Instant::now();
    tally.signal("TERM");
    let status = tally.exited_within(Duration::from_secs(8)).await;

    assert!(status.success(), "{status}");
    assert!(
        stopped.elapsed() < Duration::from_secs(3),
        "{:?}",
        stopped.elapsed()
    );
    assert!(
        in_flight.await.unwrap().is_err(),
        "dropped at the end of the grace period"
    );
}
