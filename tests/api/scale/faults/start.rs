//! The database down at start: `tally serve` retries every second for
//! `DATABASE_CONNECT_WAIT_SECONDS`, serving as soon as the database answers; if it never
//! does, the process exits with status 69 and a message naming the setting to check.

use std::io::Read as _;
use std::time::{Duration, Instant};

use super::process::{free_addr, spawn};
use super::proxy::{Proxy, postgres_addr, via};
use crate::helpers::{TestApp, fresh_secret};
use crate::scale::on_postgres;

#[tokio::test]
async fn a_database_that_never_answers_ends_the_process_with_status_69_and_says_why() {
    let nowhere = format!("postgres://postgres@{}/tally", free_addr());
    let settings = [
        ("DATABASE_CONNECT_WAIT_SECONDS", "2"),
        ("DATABASE_ACQUIRE_TIMEOUT_SECONDS", "1"),
    ];
    let started = Instant::now();
    let mut tally = spawn(&nowhere, &fresh_secret(), &settings);

    let status = tally.exited_within(Duration::from_secs(20)).await;

    assert_eq!(status.code(), Some(69), "EX_UNAVAILABLE");
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "it retried for the wait"
    );
    let mut stderr = String::new();
    let mut pipe = tally.child.stderr.take().unwrap();
    pipe.read_to_string(&mut stderr).unwrap();
    assert!(stderr.contains("the database did not answer"), "{stderr}");
    assert!(stderr.contains("DATABASE_URL"), "{stderr}");
    let attempts = stderr
        .split(" attempts")
        .next()
        .and_then(|s| s.rsplit('(').next());
    let attempts: u32 = attempts.and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(attempts >= 2, "retried: {stderr}");
}

#[tokio::test]
async fn a_database_that_comes_up_during_the_wait_is_served_without_a_restart() {
    if !on_postgres("database up late") {
        return;
    }
    let app = TestApp::spawn_shared_with(|_| {}).await;
    let later = free_addr();
    let url = via(app.database_url(), later);
    let mut tally = spawn(
        &url,
        &app.jwt_secret,
        &[("DATABASE_CONNECT_WAIT_SECONDS", "30")],
    );
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert!(tally.child.try_wait().unwrap().is_none(), "still waiting");

    let _proxy = Proxy::start_on(later, postgres_addr()).await;

    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let ready = client.get(tally.url("/readyz")).send().await;
        if ready.is_ok_and(|r| r.status() == 200) {
            break;
        }
        assert!(Instant::now() < deadline, "never came up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
