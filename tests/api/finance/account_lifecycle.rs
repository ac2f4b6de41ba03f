//! Deleting, archiving and choosing the default account: history is never lost.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const DELETE: &str = "mutation($id: UUID!) { deleteAccount(id: $id) {
    id archived account { id archived } } }";
const UPDATE: &str = "mutation($id: UUID!, $input: UpdateAccountInput!) {
    updateAccount(id: $id, input: $input) { id archived isDefault } }";

async fn accounts(app: &TestApp, user: &TestUser) -> Value {
    app.ok(
        &user.token,
        "{ accounts { name archived isDefault } }",
        json!({}),
    )
    .await["accounts"]
        .clone()
}

#[tokio::test]
async fn an_account_without_transactions_is_deleted() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let savings = app.open_account(&user, "Savings", "USD").await;

    let data = app.ok(&user.token, DELETE, json!({ "id": savings })).await;

    assert_eq!(
        data["deleteAccount"],
        json!({ "id": savings, "archived": false, "account": null })
    );
    assert_eq!(
        accounts(&app, &user).await,
        json!([{ "name": "Main account", "archived": false, "isDefault": true }])
    );
}

#[tokio::test]
async fn an_account_with_transactions_is_archived_and_closed_to_new_ones() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let savings = app.open_account(&user, "Savings", "USD").await;
    app.create_transaction(
        &user,
        json!({ "accountId": savings, "date": "2026-01-01", "amount": "10.00", "description": "x" }),
    )
    .await;

    let data = app.ok(&user.token, DELETE, json!({ "id": savings })).await;

    assert_eq!(
        data["deleteAccount"],
        json!({ "id": savings, "archived": true, "account": { "id": savings, "archived": true } })
    );
    let body = app
        .gql(
            Some(&user.token),
            "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }",
            json!({ "input": { "accountId": savings, "date": "2026-01-02", "amount": "1.00",
                    "description": "y" } }),
        )
        .await;
    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.accountId");
    let listed = app
        .ok(&user.token, "{ transactions { totalCount } }", json!({}))
        .await;
    assert_eq!(listed["transactions"]["totalCount"], 1);

    let reopened = app
        .ok(
            &user.token,
            UPDATE,
            json!({ "id": savings, "input": { "archived": false } }),
        )
        .await;
    assert_eq!(reopened["updateAccount"]["archived"], false);
}

#[tokio::test]
async fn the_default_account_is_neither_deleted_nor_archived_until_another_is_default() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let savings = app.open_account(&user, "Savings", "USD").await;

    let body = app
        .gql(Some(&user.token), DELETE, json!({ "id": main }))
        .await;
    error_with_code(&body, "BAD_USER_INPUT");
    let body = app
        .gql(
            Some(&user.token),
            UPDATE,
            json!({ "id": main, "input": { "archived": true } }),
        )
        .await;
    error_with_code(&body, "BAD_USER_INPUT");

    app.ok(
        &user.token,
        UPDATE,
        json!({ "id": savings, "input": { "isDefault": true } }),
    )
    .await;
    let data = app.ok(&user.token, DELETE, json!({ "id": main })).await;
    assert_eq!(data["deleteAccount"]["archived"], false);
    assert_eq!(
        accounts(&app, &user).await,
        json!([{ "name": "Savings", "archived": false, "isDefault": true }])
    );
    let made = app
        .create_transaction(
            &user,
            json!({ "date": "2026-01-01", "amount": "1.00", "description": "x" }),
        )
        .await;
    assert_eq!(made["account"]["id"], savings.as_str());
}

#[tokio::test]
async fn another_users_account_cannot_be_deleted_archived_or_made_default() {
    let app = TestApp::spawn().await;
    let owner = app.signed_up_user().await;
    let stranger = app.signed_up_user().await;
    let savings = app.open_account(&owner, "Savings", "USD").await;

    let body = app
        .gql(Some(&stranger.token), DELETE, json!({ "id": savings }))
        .await;
    error_with_code(&body, "NOT_FOUND");
    for input in [json!({ "archived": true }), json!({ "isDefault": true })] {
        let body = app
            .gql(
                Some(&stranger.token),
                UPDATE,
                json!({ "id": savings, "input": input }),
            )
            .await;
        error_with_code(&body, "NOT_FOUND");
    }
    assert_eq!(
        accounts(&app, &owner).await,
        json!([
            { "name": "Main account", "archived": false, "isDefault": true },
            { "name": "Savings", "archived": false, "isDefault": false }
        ])
    );
}

#[tokio::test]
async fn an_archived_account_takes_no_import_or_transfer() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let savings = app.open_account(&user, "Savings", "USD").await;
    app.create_transaction(
        &user,
        json!({ "accountId": savings, "date": "2026-01-01", "amount": "10.00", "description": "x" }),
    )
    .await;
    app.ok(&user.token, DELETE, json!({ "id": savings })).await;

    let csv = "Date,Payee,Amount\n2026-01-02,Shop,-1.00\n";
    let body =
        crate::finance::imports::try_import(&app, &user, csv, json!({ "accountId": savings }))
            .await;
    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.accountId");
    let body = app
        .gql(
            Some(&user.token),
            "mutation($input: CreateTransferInput!) { createTransfer(input: $input) { id } }",
            json!({ "input": { "fromAccountId": main, "toAccountId": savings, "amount": "1.00",
                    "date": "2026-01-02", "description": "Save" } }),
        )
        .await;
    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.toAccountId");
}

#[tokio::test]
async fn racing_to_change_the_default_leaves_exactly_one_default() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut variables = Vec::new();
    for name in ["One", "Two", "Three", "Four"] {
        let id = app.open_account(&user, name, "USD").await;
        variables.push(json!({ "id": id, "input": { "isDefault": true } }));
    }

    let bodies = app.all_at_once(&user, UPDATE, variables).await;

    for body in &bodies {
        if body.get("errors").is_some() {
            error_with_code(body, "CONFLICT");
        }
    }
    let listed = accounts(&app, &user).await;
    let defaults = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["isDefault"] == true)
        .count();
    assert_eq!(defaults, 1, "{listed}");
}
