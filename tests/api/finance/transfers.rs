//! Transfers: two linked transactions written, changed and deleted together, scoped to the
//! viewer, with idempotent creation.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const TRANSFER: &str = "mutation($input: CreateTransferInput!) { createTransfer(input: $input) {
    id from { id amount currency transferId account { id } category { id } }
    to { id amount currency transferId account { id } } } }";

async fn balances(app: &TestApp, user: &TestUser) -> Vec<(String, String)> {
    let data = app
        .ok(&user.token, "{ accounts { name balance } }", json!({}))
        .await;
    data["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| {
            let name = a["name"].as_str().expect("name").to_owned();
            (name, a["balance"].as_str().expect("balance").to_owned())
        })
        .collect()
}

fn pair(name: &str, balance: &str) -> (String, String) {
    (name.to_owned(), balance.to_owned())
}

async fn transfer(app: &TestApp, user: &TestUser, input: Value) -> Value {
    app.ok(&user.token, TRANSFER, json!({ "input": input }))
        .await["createTransfer"]
        .clone()
}

/// A user with the default account (USD) and a savings account (USD).
async fn saver(app: &TestApp) -> (TestUser, String, String) {
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let savings = app.open_account(&user, "Savings", "USD").await;
    (user, main, savings)
}

#[tokio::test]
async fn a_transfer_writes_two_linked_transactions_and_moves_the_money() {
    let app = TestApp::spawn().await;
    let (user, main, savings) = saver(&app).await;

    let made = transfer(
        &app,
        &user,
        json!({ "fromAccountId": main, "toAccountId": savings, "amount": "250.00",
                "date": "2026-03-01", "description": "Monthly saving" }),
    )
    .await;

    assert_eq!(made["from"]["amount"], "-250.00");
    assert_eq!(made["to"]["amount"], "250.00");
    assert_eq!(made["from"]["account"]["id"], main.as_str());
    assert_eq!(made["to"]["account"]["id"], savings.as_str());
    assert_eq!(made["from"]["transferId"], made["id"]);
    assert_eq!(made["to"]["transferId"], made["id"]);
    assert_eq!(made["from"]["category"], Value::Null);
    assert_eq!(
        balances(&app, &user).await,
        vec![pair("Main account", "-250.00"), pair("Savings", "250.00")]
    );
    let listed = app
        .ok(&user.token, "{ transactions { totalCount } }", json!({}))
        .await;
    assert_eq!(listed["transactions"]["totalCount"], 2);
}

#[tokio::test]
async fn a_transfer_between_currencies_needs_what_arrives() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let euros = app.open_account(&user, "Euro savings", "EUR").await;
    let input = json!({ "fromAccountId": main, "toAccountId": euros, "amount": "110.00",
                        "date": "2026-03-01", "description": "To euros" });

    let body = app
        .gql(
            Some(&user.token),
            TRANSFER,
            json!({ "input": input.clone() }),
        )
        .await;
    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.toAmount");

    let mut with_rate = input;
    with_rate["toAmount"] = json!("100.00");
    let made = transfer(&app, &user, with_rate).await;
    assert_eq!(made["from"]["amount"], "-110.00");
    assert_eq!(made["from"]["currency"], "USD");
    assert_eq!(made["to"]["amount"], "100.00");
    assert_eq!(made["to"]["currency"], "EUR");
}

#[tokio::test]
async fn a_transfer_refuses_one_account_a_non_positive_amount_and_a_mismatched_amount() {
    let app = TestApp::spawn().await;
    let (user, main, savings) = saver(&app).await;
    let cases = [
        (
            json!({ "fromAccountId": main, "toAccountId": main, "amount": "1.00" }),
            "input.toAccountId",
        ),
        (
            json!({ "fromAccountId": main, "toAccountId": savings, "amount": "0" }),
            "input.amount",
        ),
        (
            json!({ "fromAccountId": main, "toAccountId": savings, "amount": "-5.00" }),
            "input.amount",
        ),
        (
            json!({ "fromAccountId": main, "toAccountId": savings, "amount": "5.00", "toAmount": "4.00" }),
            "input.toAmount",
        ),
        (
            json!({ "fromAccountId": main, "toAccountId": savings, "amount": "5.001" }),
            "input.amount",
        ),
    ];
    for (mut input, field) in cases {
        input["date"] = json!("2026-03-01");
        input["description"] = json!("Saving");
        let body = app
            .gql(Some(&user.token), TRANSFER, json!({ "input": input }))
            .await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], field, "{body}");
    }
    assert_eq!(
        balances(&app, &user).await,
        vec![pair("Main account", "0.00"), pair("Savings", "0.00")]
    );
}

#[tokio::test]
async fn editing_one_side_of_a_transfer_keeps_both_sides_consistent() {
    let app = TestApp::spawn().await;
    let (user, main, savings) = saver(&app).await;
    let made = transfer(
        &app,
        &user,
        json!({ "fromAccountId": main, "toAccountId": savings, "amount": "100.00",
                "date": "2026-03-01", "description": "Saving" }),
    )
    .await;

    let data = app
        .ok(
            &user.token,
            "mutation($id: UUID!) { updateTransaction(id: $id, input: {
                amount: \"-80.00\", date: \"2026-03-02\", description: \"Less saving\" }) { id } }",
            json!({ "id": made["from"]["id"] }),
        )
        .await;
    assert_eq!(data["updateTransaction"]["id"], made["from"]["id"]);

    let now = app
        .ok(
            &user.token,
            "query($id: UUID!) { transfer(id: $id) { from { amount date description }
                to { amount date description } } }",
            json!({ "id": made["id"] }),
        )
        .await;
    assert_eq!(
        now["transfer"],
        json!({
            "from": { "amount": "-80.00", "date": "2026-03-02", "description": "Less saving" },
            "to": { "amount": "80.00", "date": "2026-03-02", "description": "Less saving" }
        })
    );
    assert_eq!(
        balances(&app, &user).await,
        vec![pair("Main account", "-80.00"), pair("Savings", "80.00")]
    );
}

#[tokio::test]
async fn one_side_of_a_transfer_keeps_its_accounts_direction_and_lack_of_category() {
    let app = TestApp::spawn().await;
    let (user, main, savings) = saver(&app).await;
    let other = app.open_account(&user, "Other", "USD").await;
    let groceries = app.category(&user, "Groceries").await;
    let made = transfer(
        &app,
        &user,
        json!({ "fromAccountId": main, "toAccountId": savings, "amount": "100.00",
                "date": "2026-03-01", "description": "Saving" }),
    )
    .await;
    let cases = [
        (json!({ "accountId": other }), "input.accountId"),
        (json!({ "categoryId": groceries }), "input.categoryId"),
        (json!({ "amount": "30.00" }), "input.amount"),
    ];
    for (input, field) in cases {
        let body = app
            .gql(
                Some(&user.token),
                "mutation($id: UUID!, $input: UpdateTransactionInput!) {
                    updateTransaction(id: $id, input: $input) { id } }",
                json!({ "id": made["from"]["id"], "input": input }),
            )
            .await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], field, "{body}");
    }
    assert_eq!(
        balances(&app, &user).await,
        vec![
            pair("Main account", "-100.00"),
            pair("Other", "0.00"),
            pair("Savings", "100.00")
        ]
    );
}

#[tokio::test]
async fn deleting_one_side_deletes_the_transfer_and_restores_both_balances() {
    let app = TestApp::spawn().await;
    let (user, main, savings) = saver(&app).await;
    let made = transfer(
        &app,
        &user,
        json!({ "fromAccountId": main, "toAccountId": savings, "amount": "100.00",
                "date": "2026-03-01", "description": "Saving" }),
    )
    .await;

    app.ok(
        &user.token,
        "mutation($id: UUID!) { deleteTransaction(id: $id) }",
        json!({ "id": made["to"]["id"] }),
    )
    .await;

    let body = app
        .gql(
            Some(&user.token),
            "query($id: UUID!) { transfer(id: $id) { id } }",
            json!({ "id": made["id"] }),
        )
        .await;
    error_with_code(&body, "NOT_FOUND");
    let listed = app
        .ok(&user.token, "{ transactions { totalCount } }", json!({}))
        .await;
    assert_eq!(listed["transactions"]["totalCount"], 0);
    assert_eq!(
        balances(&app, &user).await,
        vec![pair("Main account", "0.00"), pair("Savings", "0.00")]
    );
}

#[tokio::test]
async fn update_transfer_changes_both_sides_and_delete_transfer_removes_both() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let euros = app.open_account(&user, "Euro savings", "EUR").await;
    let made = transfer(
        &app,
        &user,
        json!({ "fromAccountId": main, "toAccountId": euros, "amount": "110.00",
                "toAmount": "100.00", "date": "2026-03-01", "description": "To euros" }),
    )
    .await;

    let data = app
        .ok(
            &user.token,
            "mutation($id: UUID!) { updateTransfer(id: $id, input: { toAmount: \"101.50\",
                notes: \"better rate\" }) { from { amount notes } to { amount notes } } }",
            json!({ "id": made["id"] }),
        )
        .await;
    assert_eq!(
        data["updateTransfer"],
        json!({ "from": { "amount": "-110.00", "notes": "better rate" },
                "to": { "amount": "101.50", "notes": "better rate" } })
    );
    assert_eq!(
        balances(&app, &user).await,
        vec![
            pair("Main account", "-110.00"),
            pair("Euro savings", "101.50")
        ]
    );

    app.ok(
        &user.token,
        "mutation($id: UUID!) { deleteTransfer(id: $id) }",
        json!({ "id": made["id"] }),
    )
    .await;
    assert_eq!(
        balances(&app, &user).await,
        vec![pair("Main account", "0.00"), pair("Euro savings", "0.00")]
    );
}

#[tokio::test]
async fn another_users_transfer_and_accounts_are_not_found() {
    let app = TestApp::spawn().await;
    let (owner, main, savings) = saver(&app).await;
    let (stranger, stranger_main, _) = saver(&app).await;
    let made = transfer(
        &app,
        &owner,
        json!({ "fromAccountId": main, "toAccountId": savings, "amount": "100.00",
                "date": "2026-03-01", "description": "Saving" }),
    )
    .await;
    let id = json!({ "id": made["id"] });
    let attempts = [
        "query($id: UUID!) { transfer(id: $id) { id } }",
        "mutation($id: UUID!) { updateTransfer(id: $id, input: { amount: \"1.00\" }) { id } }",
        "mutation($id: UUID!) { deleteTransfer(id: $id) }",
    ];
    for query in attempts {
        let body = app.gql(Some(&stranger.token), query, id.clone()).await;
        error_with_code(&body, "NOT_FOUND");
    }
    let body = app
        .gql(
            Some(&stranger.token),
            TRANSFER,
            json!({ "input": { "fromAccountId": stranger_main, "toAccountId": savings,
                    "amount": "5.00", "date": "2026-03-01", "description": "Steal" } }),
        )
        .await;
    error_with_code(&body, "NOT_FOUND");
    assert_eq!(
        balances(&app, &owner).await,
        vec![pair("Main account", "-100.00"), pair("Savings", "100.00")]
    );
    assert_eq!(
        balances(&app, &stranger).await,
        vec![pair("Main account", "0.00"), pair("Savings", "0.00")]
    );
}
