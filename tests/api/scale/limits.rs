//! The per-IP rate limits and the account lock hold across instances: one budget for both,
//! however the requests are spread or raced; a refused charge spends nothing anywhere; rows
//! are one per bucket and swept once their time has passed; requests that charge nothing
//! write none.

use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::{Value, json};

use super::two_instances;
use crate::helpers::{TestApp, error_with_code};

const LOGIN: &str = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";

fn wrong_login(email: &str) -> Value {
    json!({ "query": LOGIN,
            "variables": { "input": { "email": email, "password": "wrong-password" } } })
}

async fn rows(app: &TestApp, sql: &str) -> i64 {
    let db = app.database().await;
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

#[tokio::test]
async fn the_login_budget_is_one_for_both_instances() {
    let limit = |c: &mut tally::config::Config| c.rate_limit_login_per_minute = 4;
    let Some((a, b)) = two_instances("login budget", limit).await else {
        return;
    };
    for i in 0..4 {
        let app = if i % 2 == 0 { &a } else { &b };
        let (status, body) = app.post(None, wrong_login("nobody@example.com")).await;
        assert_eq!(status, 200, "{body}");
        error_with_code(&body, "UNAUTHENTICATED");
    }
    for app in [&a, &b] {
        let (status, body) = app.post(None, wrong_login("nobody@example.com")).await;
        assert_eq!(status, 429, "the fifth attempt, on either instance: {body}");
        error_with_code(&body, "RATE_LIMITED");
    }
}

#[tokio::test]
async fn a_burst_raced_across_both_instances_admits_exactly_the_limit() {
    let limit = |c: &mut tally::config::Config| c.rate_limit_login_per_minute = 10;
    let Some((a, b)) = two_instances("raced burst", limit).await else {
        return;
    };
    let mut requests = tokio::task::JoinSet::new();
    for i in 0..40 {
        let app = if i % 2 == 0 { &a } else { &b };
        let request = app
            .client
            .post(app.url("/graphql"))
            .json(&wrong_login(&format!("nobody{i}@example.com")));
        requests.spawn(async move { request.send().await.unwrap().status().as_u16() });
    }
    let statuses = requests.join_all().await;
    let admitted = statuses.iter().filter(|s| **s == 200).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((admitted, refused), (10, 30), "{statuses:?}");
}

#[tokio::test]
async fn a_refused_request_spends_nothing_of_its_other_buckets_on_any_instance() {
    let limits = |c: &mut tally::config::Config| {
        c.rate_limit_refresh_per_minute = 2;
        c.rate_limit_signup_per_hour = 1;
    };
    let Some((a, b)) = two_instances("all or nothing", limits).await else {
        return;
    };
    a.signed_up_user().await; // the one signup of the hour
    let refresh = json!({ "query": "mutation { refreshSession { accessToken } }" });
    let both = "mutation($signup: SignupInput!) {
        refreshSession { accessToken } signup(input: $signup) { accessToken } }";
    let variables = json!({
        "signup": { "username": "second_one", "email": "second@example.com",
                    "password": "a fine long password" } });
    let (status, body) = b
        .post(None, json!({ "query": both, "variables": variables }))
        .await;
    assert_eq!(status, 429, "the signup bucket is empty: {body}");

    for app in [&a, &b] {
        let (status, body) = app.post(None, refresh.clone()).await;
        assert_eq!(status, 200, "the refresh bucket was not charged: {body}");
        error_with_code(&body, "UNAUTHENTICATED");
    }
    let (status, _) = a.post(None, refresh).await;
    assert_eq!(status, 429, "and now it is spent");
}

#[tokio::test]
async fn one_row_per_bucket_expired_rows_are_swept_and_uncharged_requests_write_none() {
    // Buckets that stay a while: a signup lasts 6 minutes, a login 6 seconds.
    let limits = |c: &mut tally::config::Config| {
        c.rate_limit_login_per_minute = 10;
        c.rate_limit_signup_per_hour = 10;
    };
    let Some((a, b)) = two_instances("rows", limits).await else {
        return;
    };
    let user = a.signed_up_user().await;
    a.ok(&user.token, "{ me { id } accounts { id } }", json!({}))
        .await;
    assert_eq!(
        rows(&a, "SELECT count(*) FROM rate_limits").await,
        1,
        "the signup's bucket only: queries and plain mutations charge nothing"
    );
    for app in [&a, &b, &a, &b] {
        app.post(None, wrong_login(&user.email)).await;
    }
    assert_eq!(rows(&a, "SELECT count(*) FROM rate_limits").await, 2);

    // A thousand buckets whose time has passed (clients long gone): the next instance to
    // charge sweeps them out.
    let db = a.database().await;
    db.execute_unprepared(
        "INSERT INTO rate_limits (bucket, tat_us) SELECT md5(i::text), 0 \
         FROM generate_series(1, 1000) AS i",
    )
    .await
    .unwrap();
    let c = a.another_instance_with(limits).await;
    c.post(None, wrong_login(&user.email)).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let left = rows(&a, "SELECT count(*) FROM rate_limits WHERE tat_us = 0").await;
        if left == 0 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{left} expired rows left"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(rows(&a, "SELECT count(*) FROM rate_limits").await, 2);
}

#[tokio::test]
async fn wrong_passwords_spread_over_both_instances_lock_the_account_on_both() {
    let locking = |c: &mut tally::config::Config| {
        c.login_lockout_threshold = 3;
        c.login_lockout_base_seconds = 600;
    };
    let Some((a, b)) = two_instances("lockout", locking).await else {
        return;
    };
    let user = a.signed_up_user().await;
    for app in [&a, &b, &a] {
        app.post(None, wrong_login(&user.email)).await;
    }
    for app in [&b, &a] {
        let input = json!({ "email": user.email, "password": user.password });
        let body = app.gql(None, LOGIN, json!({ "input": input })).await;
        error_with_code(&body, "UNAUTHENTICATED");
    }
}
