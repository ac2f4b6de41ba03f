//! What subscribers hear: their own ledger's changes only, after commit only, their budgets
//! crossing thresholds, their session ending — on one instance and across two.

use std::time::Duration;

use chrono::{Datelike as _, Utc};
use serde_json::json;

use super::client::{
    close_code, connected, listener_settles, logout_everywhere_ends, next_message, send, silent,
    subscribe,
};
use crate::helpers::TestApp;

const LEDGER: &str = "subscription { ledgerChanged { kind transactionIds accountIds \
                      transactions { id amount description account { id } } } }";

fn today() -> String {
    Utc::now().date_naive().to_string()
}

#[tokio::test]
async fn a_subscriber_hears_its_own_ledger_and_never_another_users() {
    let app = TestApp::spawn().await;
    let (ada, bob) = (app.signed_up_user().await, app.signed_up_user().await);
    let mut of_ada = connected(&app, &ada.token).await;
    let mut of_bob = connected(&app, &bob.token).await;
    send(&mut of_ada, subscribe("a", LEDGER)).await;
    send(&mut of_bob, subscribe("b", LEDGER)).await;
    listener_settles().await;

    let input = json!({"date": today(), "amount": "-12.50", "description": "Lunch"});
    let created = app.create_transaction(&ada, input).await;

    let message = next_message(&mut of_ada).await;
    assert_eq!(message["type"], "next", "{message}");
    assert_eq!(message["id"], "a");
    let change = &message["payload"]["data"]["ledgerChanged"];
    assert_eq!(change["kind"], "TRANSACTIONS_CREATED");
    assert_eq!(change["transactionIds"], json!([created["id"]]));
    assert_eq!(change["accountIds"], json!([created["account"]["id"]]));
    assert_eq!(change["transactions"][0]["description"], "Lunch");
    assert_eq!(change["transactions"][0]["amount"], "-12.50");
    silent(&mut of_bob, Duration::from_millis(700)).await;

    let id = created["id"].as_str().unwrap();
    app.ok(
        &ada.token,
        "mutation($id: UUID!) { deleteTransaction(id: $id) }",
        json!({"id": id}),
    )
    .await;
    let change = next_message(&mut of_ada).await["payload"]["data"]["ledgerChanged"].clone();
    assert_eq!(change["kind"], "TRANSACTIONS_DELETED");
    assert_eq!(
        change["transactions"],
        json!([]),
        "a deleted row is not re-read"
    );
    silent(&mut of_bob, Duration::from_millis(300)).await;
}

#[tokio::test]
async fn a_refused_write_sends_nothing() {
    let app = TestApp::spawn().await;
    let ada = app.signed_up_user().await;
    let mut socket = connected(&app, &ada.token).await;
    send(&mut socket, subscribe("a", LEDGER)).await;
    listener_settles().await;
    // The audit event is written first, then the unknown category refuses the write: the
    // transaction rolls back, and with it the live event.
    let input = json!({"date": today(), "amount": "-1.00", "description": "x",
                       "categoryId": uuid::Uuid::now_v7()});
    let answer = app
        .gql(
            Some(&ada.token),
            "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }",
            json!({"input": input}),
        )
        .await;
    assert!(answer["errors"].is_array(), "{answer}");
    silent(&mut socket, Duration::from_millis(800)).await;
}

#[tokio::test]
async fn logout_everywhere_sends_session_ended_then_closes_4403() {
    let app = TestApp::spawn().await;
    let ada = app.signed_up_user().await;
    let mut socket = connected(&app, &ada.token).await;
    send(
        &mut socket,
        subscribe("s", "subscription { sessionEnded { reason } }"),
    )
    .await;
    listener_settles().await;
    let other = app.login_for_tokens(&ada).await;
    logout_everywhere_ends(&app, &other.access, &mut socket).await;
}

#[tokio::test]
async fn revoking_the_session_closes_its_socket_without_a_subscription() {
    let app = TestApp::spawn().await;
    let ada = app.signed_up_user().await;
    let mut socket = connected(&app, &ada.token).await;
    listener_settles().await;
    app.ok(&ada.token, "mutation { logout }", json!({})).await;
    assert_eq!(close_code(&mut socket).await, 4403);
}

#[tokio::test]
async fn a_budget_crossing_80_then_100_percent_is_announced_once_each() {
    let app = TestApp::spawn().await;
    let ada = app.signed_up_user().await;
    let now = Utc::now().date_naive();
    let month = format!("{:04}-{:02}", now.year(), now.month());
    let category = app.category(&ada, "Groceries").await;
    app.ok(
        &ada.token,
        "mutation($input: SetBudgetInput!) { setBudget(input: $input) { id } }",
        json!({"input": {"categoryId": category, "month": month, "amount": "100.00"}}),
    )
    .await;
    let mut socket = connected(&app, &ada.token).await;
    let query = "subscription { budgetThresholdCrossed { month thresholdPercent \
                 line { spent usedPercent } } }";
    send(&mut socket, subscribe("t", query)).await;
    listener_settles().await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let spend = |amount: &str| json!({"date": today(), "amount": amount, "description": "Shop", "categoryId": category});
    app.create_transaction(&ada, spend("-50.00")).await;
    app.create_transaction(&ada, spend("-35.00")).await;
    let crossed =
        next_message(&mut socket).await["payload"]["data"]["budgetThresholdCrossed"].clone();
    assert_eq!(crossed["thresholdPercent"], 80, "{crossed}");
    assert_eq!(crossed["month"], month);
    app.create_transaction(&ada, spend("-5.00")).await;
    app.create_transaction(&ada, spend("-20.00")).await;
    let crossed =
        next_message(&mut socket).await["payload"]["data"]["budgetThresholdCrossed"].clone();
    assert_eq!(crossed["thresholdPercent"], 100, "{crossed}");
    assert_eq!(crossed["line"]["spent"], "110.00");
    silent(&mut socket, Duration::from_millis(500)).await;
}

#[tokio::test]
async fn on_postgres_a_write_on_one_instance_reaches_the_other_and_only_its_user() {
    if std::env::var("TEST_DATABASE_URL").map_or(true, |url| url.is_empty()) {
        return; // SQLite instances share no process: one instance is all there is.
    }
    let first = TestApp::spawn_shared_with(|_| {}).await;
    let second = first.another_instance_with(|_| {}).await;
    let (ada, bob) = (first.signed_up_user().await, first.signed_up_user().await);
    let mut of_ada = connected(&second, &ada.token).await;
    let mut of_bob = connected(&second, &bob.token).await;
    send(&mut of_ada, subscribe("a", LEDGER)).await;
    send(&mut of_bob, subscribe("b", LEDGER)).await;
    listener_settles().await;
    let input = json!({"date": today(), "amount": "-3.00", "description": "Coffee"});
    let created = first.create_transaction(&ada, input).await;
    let change = next_message(&mut of_ada).await["payload"]["data"]["ledgerChanged"].clone();
    assert_eq!(change["transactionIds"], json!([created["id"]]));
    assert_eq!(change["transactions"][0]["description"], "Coffee");
    silent(&mut of_bob, Duration::from_millis(700)).await;
}
