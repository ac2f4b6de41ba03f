//! Tags on transactions and the tag and amount-range filters.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

async fn descriptions(app: &TestApp, user: &TestUser, filter: Value) -> Vec<String> {
    let data = app
        .ok(
            &user.token,
            "query($filter: TransactionFilter) { transactions(filter: $filter,
                orderBy: { field: DATE, direction: ASC }) { edges { node { description } } } }",
            json!({ "filter": filter }),
        )
        .await;
    data["transactions"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["description"].as_str().expect("text").to_owned())
        .collect()
}

async fn tagged(
    app: &TestApp,
    user: &TestUser,
    date: &str,
    description: &str,
    tags: Value,
) -> Value {
    let data = app
        .ok(
            &user.token,
            "mutation($input: CreateTransactionInput!) {
                createTransaction(input: $input) { id tags } }",
            json!({ "input": { "date": date, "amount": "-10.00",
                    "description": description, "tags": tags } }),
        )
        .await;
    data["createTransaction"].clone()
}

#[tokio::test]
async fn tags_are_trimmed_lower_cased_deduplicated_and_sorted() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let made = tagged(
        &app,
        &user,
        "2026-01-01",
        "Hotel",
        json!([" Travel", "tax", "TRAVEL "]),
    )
    .await;

    assert_eq!(made["tags"], json!(["tax", "travel"]));
}

#[tokio::test]
async fn the_tag_filter_finds_transactions_with_any_of_the_tags() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    tagged(&app, &user, "2026-01-01", "Hotel", json!(["travel"])).await;
    tagged(&app, &user, "2026-01-02", "Accountant", json!(["tax"])).await;
    tagged(&app, &user, "2026-01-03", "Bread", json!([])).await;
    let stranger = app.signed_up_user().await;
    tagged(
        &app,
        &stranger,
        "2026-01-01",
        "Their hotel",
        json!(["travel"]),
    )
    .await;

    assert_eq!(
        descriptions(&app, &user, json!({ "tags": ["Travel"] })).await,
        ["Hotel"]
    );
    assert_eq!(
        descriptions(&app, &user, json!({ "tags": ["travel", "tax"] })).await,
        ["Hotel", "Accountant"]
    );
    let usage = app
        .ok(&user.token, "{ tags { name transactionCount } }", json!({}))
        .await;
    assert_eq!(
        usage["tags"],
        json!([{ "name": "tax", "transactionCount": 1 }, { "name": "travel", "transactionCount": 1 }])
    );
}

#[tokio::test]
async fn updating_tags_replaces_them_and_leaving_them_out_keeps_them() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let made = tagged(
        &app,
        &user,
        "2026-01-01",
        "Hotel",
        json!(["travel", "work"]),
    )
    .await;
    let update = "mutation($id: UUID!, $input: UpdateTransactionInput!) {
        updateTransaction(id: $id, input: $input) { tags } }";

    let kept = app
        .ok(
            &user.token,
            update,
            json!({ "id": made["id"], "input": { "description": "Inn" } }),
        )
        .await;
    assert_eq!(kept["updateTransaction"]["tags"], json!(["travel", "work"]));

    let replaced = app
        .ok(
            &user.token,
            update,
            json!({ "id": made["id"], "input": { "tags": ["holiday"] } }),
        )
        .await;
    assert_eq!(replaced["updateTransaction"]["tags"], json!(["holiday"]));
}

#[tokio::test]
async fn bad_tags_are_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let too_many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
    for tags in [
        json!([""]),
        json!(["a,b"]),
        json!(["x".repeat(51)]),
        json!(too_many),
    ] {
        let body = app
            .gql(
                Some(&user.token),
                "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }",
                json!({ "input": { "date": "2026-01-01", "amount": "1.00",
                        "description": "x", "tags": tags } }),
            )
            .await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], "input.tags");
    }
}

#[tokio::test]
async fn the_amount_filter_compares_within_each_currency() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let yen = app.open_account(&user, "Yen", "JPY").await;
    for (amount, description) in [
        ("-5.00", "small"),
        ("-50.00", "medium"),
        ("-500.00", "large"),
    ] {
        app.create_transaction(
            &user,
            json!({ "date": "2026-01-01", "amount": amount, "description": description }),
        )
        .await;
    }
    app.create_transaction(
        &user,
        json!({ "accountId": yen, "date": "2026-01-02", "amount": "-50", "description": "yen" }),
    )
    .await;

    assert_eq!(
        descriptions(
            &app,
            &user,
            json!({ "amountMin": "-50", "amountMax": "-5.005" })
        )
        .await,
        ["medium", "yen"]
    );
    assert_eq!(
        descriptions(&app, &user, json!({ "amountMax": "-499.999" })).await,
        ["large"]
    );
    let body = app
        .gql(
            Some(&user.token),
            "{ transactions(filter: { amountMin: \"10\", amountMax: \"1\" }) { totalCount } }",
            json!({}),
        )
        .await;
    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "filter.amountMax");
}
