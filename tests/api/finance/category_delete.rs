//! Deleting categories: transactions are never silently lost or orphaned.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const DELETE: &str = "mutation($id: UUID!, $to: UUID, $clear: Boolean) {
    deleteCategory(id: $id, reassignTo: $to, clearTransactions: $clear) { id transactionsMoved } }";

async fn categories_of_transactions(app: &TestApp, user: &TestUser) -> Vec<Value> {
    let data = app
        .ok(
            &user.token,
            "{ transactions(orderBy: { field: DATE, direction: ASC }) {
                edges { node { description category { name } } } } }",
            json!({}),
        )
        .await;
    data["transactions"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["category"]["name"].clone())
        .collect()
}

async fn spend(app: &TestApp, user: &TestUser, category: &str, date: &str) {
    app.create_transaction(
        user,
        json!({ "date": date, "amount": "-5.00", "description": "x", "categoryId": category }),
    )
    .await;
}

#[tokio::test]
async fn an_unused_category_is_simply_deleted() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let gym = app.category(&user, "Gym").await;

    let data = app.ok(&user.token, DELETE, json!({ "id": gym })).await;

    assert_eq!(data["deleteCategory"]["transactionsMoved"], 0);
    let body = app
        .gql(
            Some(&user.token),
            "{ categories { children { name } } }",
            json!({}),
        )
        .await;
    assert!(!body.to_string().contains("\"Gym\""), "{body}");
}

#[tokio::test]
async fn a_used_category_needs_a_destination_for_its_transactions() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;
    spend(&app, &user, &groceries, "2026-01-01").await;

    let body = app
        .gql(Some(&user.token), DELETE, json!({ "id": groceries }))
        .await;

    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "reassignTo");
    assert_eq!(
        categories_of_transactions(&app, &user).await,
        [json!("Groceries")]
    );
}

#[tokio::test]
async fn deleting_a_parent_moves_the_transactions_of_it_and_its_children() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let travel = app.category(&user, "Travel").await;
    let flights = app.category(&user, "Flights").await;
    let shopping = app.category(&user, "Shopping").await;
    spend(&app, &user, &travel, "2026-01-01").await;
    spend(&app, &user, &flights, "2026-01-02").await;

    let data = app
        .ok(&user.token, DELETE, json!({ "id": travel, "to": shopping }))
        .await;

    assert_eq!(data["deleteCategory"]["transactionsMoved"], 2);
    assert_eq!(
        categories_of_transactions(&app, &user).await,
        [json!("Shopping"), json!("Shopping")]
    );
    let body = app
        .gql(
            Some(&user.token),
            "mutation($id: UUID!) { updateCategory(id: $id, input: { name: \"x\" }) { id } }",
            json!({ "id": flights }),
        )
        .await;
    error_with_code(&body, "NOT_FOUND");
}

#[tokio::test]
async fn clearing_leaves_the_transactions_uncategorized() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;
    spend(&app, &user, &groceries, "2026-01-01").await;

    app.ok(
        &user.token,
        DELETE,
        json!({ "id": groceries, "clear": true }),
    )
    .await;

    assert_eq!(categories_of_transactions(&app, &user).await, [Value::Null]);
}

#[tokio::test]
async fn the_destination_must_be_the_viewers_of_the_same_kind_and_not_deleted_with_it() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let stranger = app.signed_up_user().await;
    let travel = app.category(&user, "Travel").await;
    let flights = app.category(&user, "Flights").await;
    let salary = app.category(&user, "Salary").await;
    let theirs = app.category(&stranger, "Shopping").await;
    spend(&app, &user, &flights, "2026-01-01").await;

    let cases = [
        (json!({ "id": travel, "to": flights }), "BAD_USER_INPUT"),
        (json!({ "id": travel, "to": salary }), "BAD_USER_INPUT"),
        (json!({ "id": travel, "to": theirs }), "NOT_FOUND"),
        (
            json!({ "id": travel, "to": salary, "clear": true }),
            "BAD_USER_INPUT",
        ),
        (json!({ "id": theirs, "clear": true }), "NOT_FOUND"),
    ];
    for (variables, code) in cases {
        let body = app.gql(Some(&user.token), DELETE, variables).await;
        error_with_code(&body, code);
    }
    assert_eq!(
        categories_of_transactions(&app, &user).await,
        [json!("Flights")]
    );
    let body = app
        .gql(Some(&stranger.token), "{ categories { name } }", json!({}))
        .await;
    assert!(
        body.to_string().contains("Personal running costs"),
        "{body}"
    );
}
