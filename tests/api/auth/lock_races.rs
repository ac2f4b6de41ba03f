//! The account lock under concurrency, on one instance or several on one database: each
//! password check is decided in the database against the lock as it is at that moment, so
//! exactly `LOGIN_LOCKOUT_THRESHOLD` wrong passwords count however many race, and a right
//! password still in flight when the account gets locked is refused.

use std::time::Duration;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::{Value, json};
use tally::config::Config;

use crate::helpers::{TestApp, TestUser, error_with_code};

const LOGIN: &str = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";
const THRESHOLD: usize = 3;

fn locking(config: &mut Config) {
    config.login_lockout_threshold = THRESHOLD as u32;
    config.login_lockout_base_seconds = 600;
}

async fn login(app: &TestApp, email: &str, password: &str) -> Value {
    let input = json!({ "email": email, "password": password });
    app.gql(None, LOGIN, json!({ "input": input })).await
}

fn assert_refused(body: &Value) {
    let error = error_with_code(body, "UNAUTHENTICATED");
    assert_eq!(error["message"], "Invalid email or password");
}

/// Two instances on one database, and a user of it.
async fn two_instances() -> (TestApp, TestApp, TestUser) {
    let first = TestApp::spawn_shared_with(locking).await;
    let second = first.another_instance_with(locking).await;
    let user = first.signed_up_user().await;
    (first, second, user)
}

#[tokio::test]
async fn a_burst_of_wrong_passwords_on_two_instances_counts_exactly_up_to_the_lock() {
    let (first, second, user) = two_instances().await;
    let burst = 24;

    let mut attempts = tokio::task::JoinSet::new();
    for i in 0..burst {
        let app = if i % 2 == 0 { &first } else { &second };
        let request = app.client.post(app.url("/graphql")).json(&json!({
            "query": LOGIN,
            "variables": { "input": { "email": user.email, "password": format!("guess-{i}") } }
        }));
        attempts.spawn(async move { request.send().await.unwrap().json::<Value>().await });
    }
    for body in attempts.join_all().await {
        assert_refused(&body.unwrap());
    }
    let right = login(&second, &user.email, &user.password).await;

    assert_refused(&right);
    let reasons = first.failure_reasons(&user.id).await;
    let counted = reasons.iter().filter(|r| r.starts_with("WRONG_PASSWORD"));
    assert_eq!(counted.count(), THRESHOLD, "{reasons:?}");
    assert_eq!(reasons.len(), burst + 1, "{reasons:?}");
    assert!(
        reasons[THRESHOLD..].iter().all(|r| r == "LOCKED"),
        "after the lock nothing counts: {reasons:?}"
    );
}

#[tokio::test]
async fn a_right_password_in_flight_when_another_instance_locks_the_account_is_refused() {
    let (first, second, user) = two_instances().await;
    for i in 0..THRESHOLD - 1 {
        assert_refused(&login(&first, &user.email, &format!("guess-{i}")).await);
    }
    // The last failure, as another instance decides it: counted and locked in a transaction
    // that holds the user's row (on SQLite, the database's write lock) until it commits.
    let db = first.database().await;
    let txn = db.begin().await.unwrap();
    let id: uuid::Uuid = user.id.parse().unwrap();
    let until = chrono::Utc::now() + chrono::Duration::minutes(10);
    let lock = Query::update()
        .table(Alias::new("users"))
        .value(
            Alias::new("failed_logins"),
            Expr::col(Alias::new("failed_logins")).add(1),
        )
        .value(Alias::new("locked_until"), Expr::val(until))
        .and_where(Expr::col(Alias::new("id")).eq(Expr::val(id)))
        .to_owned();
    txn.execute(&lock).await.unwrap();

    // The right password reads the still unlocked row, is verified, and reaches its
    // decision while that transaction is open.
    let in_flight = {
        let request = second.client.post(second.url("/graphql")).json(&json!({
            "query": LOGIN,
            "variables": { "input": { "email": user.email, "password": user.password } }
        }));
        tokio::spawn(async move { request.send().await.unwrap().json::<Value>().await })
    };
    tokio::time::sleep(Duration::from_millis(1500)).await;
    txn.commit().await.unwrap();
    let answer = in_flight.await.unwrap().unwrap();

    assert_refused(&answer);
    let reasons = first.failure_reasons(&user.id).await;
    assert_eq!(
        reasons.last().map(String::as_str),
        Some("LOCKED"),
        "{reasons:?}"
    );
    assert_refused(&login(&first, &user.email, &user.password).await);
    db.close().await.ok();
}
