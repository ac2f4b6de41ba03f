//! `updateTransactions` and `deleteTransactions`: one change to a selection, all or nothing,
//! scoped to the viewer, bounded, and audited like the single mutations.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const UPDATE: &str = "mutation($input: UpdateTransactionsInput!) {
    updateTransactions(input: $input) { id tags category { id } } }";
const DELETE: &str = "mutation($ids: [UUID!]!) { deleteTransactions(ids: $ids) }";

async fn spend(app: &TestApp, user: &TestUser, description: &str, amount: &str) -> String {
    let made = app
        .create_transaction(
            user,
            json!({ "date": "2026-03-01", "amount": amount, "description": description }),
        )
        .await;
    made["id"].as_str().expect("id").to_owned()
}

async fn rows(app: &TestApp, user: &TestUser) -> Vec<Value> {
    let data = app
        .ok(
            &user.token,
            "{ transactions(first: 50) { edges { node { id description tags category { id } } } } }",
            json!({}),
        )
        .await;
    data["transactions"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

async fn balance(app: &TestApp, user: &TestUser) -> String {
    let account = app.default_account_fields(&user.token, "balance").await;
    account["balance"].as_str().expect("balance").to_owned()
}

#[tokio::test]
async fn categorises_and_tags_a_selection_in_one_request_and_audits_each() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let a = spend(&app, &user, "Coffee", "-3.00").await;
    let b = spend(&app, &user, "Tea", "-2.00").await;
    let c = spend(&app, &user, "Lunch", "-12.00").await;
    let food = app.category(&user, "Groceries").await;

    let data = app
        .ok(
            &user.token,
            UPDATE,
            json!({ "input": { "ids": [a, b, a], "categoryId": food, "addTags": ["Drinks", "work"] } }),
        )
        .await;

    let changed = data["updateTransactions"].as_array().expect("list");
    assert_eq!(changed.len(), 2, "repeats count once: {data}");
    for row in rows(&app, &user).await {
        if row["id"] == c {
            assert_eq!(row["category"], Value::Null);
            assert_eq!(row["tags"], json!([]));
        } else {
            assert_eq!(row["category"]["id"], food.as_str());
            assert_eq!(row["tags"], json!(["drinks", "work"]));
        }
    }

    // Take one tag off and clear the category; a tag added twice stays once.
    app.ok(
        &user.token,
        UPDATE,
        json!({ "input": { "ids": [a, b], "categoryId": null, "addTags": ["drinks"], "removeTags": ["work"] } }),
    )
    .await;
    for row in rows(&app, &user).await.into_iter().filter(|r| r["id"] != c) {
        assert_eq!(row["category"], Value::Null);
        assert_eq!(row["tags"], json!(["drinks"]));
    }

    let log = app
        .ok(
            &user.token,
            "{ myAuditLog(first: 20) { edges { node { action entityType entityId } } } }",
            json!({}),
        )
        .await;
    let updated: Vec<&Value> = log["myAuditLog"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| &e["node"])
        .filter(|n| n["action"] == "UPDATED" && n["entityType"] == "transaction")
        .collect();
    assert_eq!(updated.len(), 4, "two batches of two: {log}");
    assert!(
        updated
            .iter()
            .all(|n| n["entityId"] == a.as_str() || n["entityId"] == b.as_str())
    );
}

#[tokio::test]
async fn deletes_a_selection_with_the_balance_following_and_each_deletion_audited() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let a = spend(&app, &user, "Coffee", "-3.00").await;
    let b = spend(&app, &user, "Tea", "-2.50").await;
    spend(&app, &user, "Lunch", "-12.00").await;
    assert_eq!(balance(&app, &user).await, "-17.50");

    let data = app.ok(&user.token, DELETE, json!({ "ids": [a, b] })).await;

    assert_eq!(data["deleteTransactions"], 2);
    let left = rows(&app, &user).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["description"], "Lunch");
    assert_eq!(balance(&app, &user).await, "-12.00");
    let log = app
        .ok(
            &user.token,
            "{ myAuditLog(first: 5) { edges { node { action entityId } } } }",
            json!({}),
        )
        .await;
    let deleted = log["myAuditLog"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter(|e| e["node"]["action"] == "DELETED")
        .count();
    assert_eq!(deleted, 2);
}

#[tokio::test]
async fn a_transfer_leg_deletes_its_transfer_and_cannot_be_categorised() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let from = app.default_account(&user).await;
    let to = app.open_account(&user, "Savings", "USD").await;
    let transfer = app
        .ok(
            &user.token,
            "mutation($input: CreateTransferInput!) { createTransfer(input: $input) {
                from { id } to { id } } }",
            json!({ "input": { "fromAccountId": from, "toAccountId": to, "amount": "50.00",
                    "date": "2026-03-02", "description": "Save" } }),
        )
        .await;
    let leg = transfer["createTransfer"]["from"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let other = transfer["createTransfer"]["to"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let coffee = spend(&app, &user, "Coffee", "-3.00").await;
    let food = app.category(&user, "Groceries").await;

    let body = app
        .gql(
            Some(&user.token),
            UPDATE,
            json!({ "input": { "ids": [coffee, leg], "categoryId": food } }),
        )
        .await;
    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.categoryId");
    assert!(
        rows(&app, &user)
            .await
            .iter()
            .all(|r| r["category"] == Value::Null),
        "nothing changed"
    );

    let data = app
        .ok(&user.token, DELETE, json!({ "ids": [leg, other, coffee] }))
        .await;
    assert_eq!(data["deleteTransactions"], 3);
    assert!(rows(&app, &user).await.is_empty());
}

#[tokio::test]
async fn another_users_id_is_not_found_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let ada = app.signed_up_user().await;
    let eve = app.signed_up_user().await;
    let mine = spend(&app, &ada, "Coffee", "-3.00").await;
    let theirs = spend(&app, &eve, "Eve's rent", "-900.00").await;
    let food = app.category(&ada, "Groceries").await;

    let body = app
        .gql(
            Some(&ada.token),
            UPDATE,
            json!({ "input": { "ids": [mine, theirs], "categoryId": food, "addTags": ["x"] } }),
        )
        .await;
    error_with_code(&body, "NOT_FOUND");
    let body = app
        .gql(Some(&ada.token), DELETE, json!({ "ids": [mine, theirs] }))
        .await;
    error_with_code(&body, "NOT_FOUND");
    let body = app
        .gql(
            Some(&ada.token),
            DELETE,
            json!({ "ids": [uuid::Uuid::now_v7()] }),
        )
        .await;
    error_with_code(&body, "NOT_FOUND");

    let ada_rows = rows(&app, &ada).await;
    assert_eq!(ada_rows.len(), 1);
    assert_eq!(ada_rows[0]["category"], Value::Null);
    assert_eq!(ada_rows[0]["tags"], json!([]));
    let eve_rows = rows(&app, &eve).await;
    assert_eq!(eve_rows.len(), 1, "eve's transaction is still there");
    assert_eq!(balance(&app, &eve).await, "-900.00");
}

#[tokio::test]
async fn bad_batches_are_refused_with_a_code_and_change_nothing() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let a = spend(&app, &user, "Coffee", "-3.00").await;
    let too_many: Vec<String> = (0..201).map(|_| uuid::Uuid::now_v7().to_string()).collect();

    let cases = [
        (
            UPDATE,
            json!({ "input": { "ids": [], "addTags": ["x"] } }),
            "ids",
        ),
        (
            UPDATE,
            json!({ "input": { "ids": too_many, "addTags": ["x"] } }),
            "ids",
        ),
        (UPDATE, json!({ "input": { "ids": [a] } }), "input"),
        (
            UPDATE,
            json!({ "input": { "ids": [a], "addTags": ["x"], "removeTags": ["X "] } }),
            "input.removeTags",
        ),
        (
            UPDATE,
            json!({ "input": { "ids": [a], "addTags": ["a,b"] } }),
            "input.addTags",
        ),
        (DELETE, json!({ "ids": [] }), "ids"),
    ];
    for (query, variables, field) in cases {
        let body = app.gql(Some(&user.token), query, variables.clone()).await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], field, "{variables}: {body}");
    }
    let body = app
        .gql(Some(&user.token), DELETE, json!({ "ids": ["not-a-uuid"] }))
        .await;
    assert!(
        body["errors"][0]["extensions"]["code"].is_string(),
        "{body}"
    );
    let twenty: Vec<String> = (0..21).map(|i| format!("tag{i}")).collect();
    let body = app
        .gql(
            Some(&user.token),
            UPDATE,
            json!({ "input": { "ids": [a], "addTags": twenty } }),
        )
        .await;
    error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(rows(&app, &user).await[0]["tags"], json!([]));
}

#[tokio::test]
async fn without_a_token_a_batch_is_unauthenticated() {
    let app = TestApp::spawn().await;
    let body = app
        .gql(None, DELETE, json!({ "ids": [uuid::Uuid::now_v7()] }))
        .await;
    error_with_code(&body, "UNAUTHENTICATED");
}
