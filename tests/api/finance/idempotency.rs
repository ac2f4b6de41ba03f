//! Idempotency keys: a retried create returns the first result and writes nothing; a key
//! reused for another request is a conflict; keys belong to their user.

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_with_code};

const CREATE: &str = "mutation($input: CreateTransactionInput!) {
    createTransaction(input: $input) { id amount } }";

async fn count_and_balance(app: &TestApp, token: &str) -> (Value, Value) {
    let data = app
        .ok(
            token,
            "{ transactions { totalCount } accounts { isDefault balance } }",
            json!({}),
        )
        .await;
    let balance = data["accounts"][0]["balance"].clone();
    (data["transactions"]["totalCount"].clone(), balance)
}

#[tokio::test]
async fn a_retried_create_returns_the_first_transaction_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let input = json!({ "date": "2026-02-01", "amount": "-12.50", "description": "Lunch",
                        "idempotencyKey": "lunch-2026-02-01" });

    let first = app
        .ok(&user.token, CREATE, json!({ "input": input.clone() }))
        .await;
    let mut retry = input;
    retry["amount"] = json!("-12.5");
    let second = app.ok(&user.token, CREATE, json!({ "input": retry })).await;

    assert_eq!(
        first["createTransaction"]["id"],
        second["createTransaction"]["id"]
    );
    assert_eq!(
        count_and_balance(&app, &user.token).await,
        (json!(1), json!("-12.50"))
    );
}

#[tokio::test]
async fn concurrent_retries_with_one_key_create_one_transaction() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let input = json!({ "input": { "date": "2026-02-01", "amount": "-3.00",
                        "description": "Coffee", "idempotencyKey": "coffee-1" } });

    let bodies = app.all_at_once(&user, CREATE, vec![input; 6]).await;

    let ids: Vec<_> = bodies
        .iter()
        .map(|b| {
            assert!(b.get("errors").is_none(), "{b}");
            b["data"]["createTransaction"]["id"].clone()
        })
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    assert_eq!(
        count_and_balance(&app, &user.token).await,
        (json!(1), json!("-3.00"))
    );
}

#[tokio::test]
async fn a_key_reused_for_a_different_request_is_a_conflict() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let input = json!({ "date": "2026-02-01", "amount": "-12.50", "description": "Lunch",
                        "idempotencyKey": "k1" });
    app.ok(&user.token, CREATE, json!({ "input": input.clone() }))
        .await;

    let mut other = input;
    other["amount"] = json!("-13.00");
    let body = app
        .gql(Some(&user.token), CREATE, json!({ "input": other }))
        .await;
    let error = error_with_code(&body, "CONFLICT");
    assert_eq!(error["extensions"]["field"], "input.idempotencyKey");

    let main = app.default_account(&user).await;
    let savings = app.open_account(&user, "Savings", "USD").await;
    let body = app
        .gql(
            Some(&user.token),
            "mutation($input: CreateTransferInput!) { createTransfer(input: $input) { id } }",
            json!({ "input": { "fromAccountId": main, "toAccountId": savings, "amount": "1.00",
                    "date": "2026-02-01", "description": "Move", "idempotencyKey": "k1" } }),
        )
        .await;
    error_with_code(&body, "CONFLICT");
    assert_eq!(
        count_and_balance(&app, &user.token).await,
        (json!(1), json!("-12.50"))
    );
}

#[tokio::test]
async fn a_retried_transfer_returns_the_first_transfer() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let savings = app.open_account(&user, "Savings", "USD").await;
    let query = "mutation($input: CreateTransferInput!) { createTransfer(input: $input) { id } }";
    let input = json!({ "input": { "fromAccountId": main, "toAccountId": savings,
                        "amount": "40.00", "date": "2026-02-01", "description": "Save",
                        "idempotencyKey": "save-feb" } });

    let bodies = app.all_at_once(&user, query, vec![input; 4]).await;

    let ids: Vec<_> = bodies
        .iter()
        .map(|b| b["data"]["createTransfer"]["id"].clone())
        .collect();
    assert!(ids[0].is_string(), "{bodies:?}");
    assert!(ids.iter().all(|id| *id == ids[0]), "{bodies:?}");
    let data = app
        .ok(&user.token, "{ transactions { totalCount } }", json!({}))
        .await;
    assert_eq!(data["transactions"]["totalCount"], 2);
}

#[tokio::test]
async fn keys_belong_to_their_user_and_must_be_printable() {
    let app = TestApp::spawn().await;
    let alice = app.signed_up_user().await;
    let bob = app.signed_up_user().await;
    let input = json!({ "input": { "date": "2026-02-01", "amount": "-1.00",
                        "description": "Same key", "idempotencyKey": "shared" } });

    let a = app.ok(&alice.token, CREATE, input.clone()).await;
    let b = app.ok(&bob.token, CREATE, input).await;
    assert_ne!(a["createTransaction"]["id"], b["createTransaction"]["id"]);

    for key in ["", "has space", &"k".repeat(201)] {
        let body = app
            .gql(
                Some(&alice.token),
                CREATE,
                json!({ "input": { "date": "2026-02-01", "amount": "-1.00",
                        "description": "x", "idempotencyKey": key } }),
            )
            .await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], "input.idempotencyKey");
    }
}
