//! Rules at work as transactions are written: on `createTransaction` (never over a field the
//! request set) and on the CSV import (duplicates still detected); their order and conflicts.

use serde_json::{Value, json};

use super::imports::import;
use super::rules::create_rule;
use crate::helpers::{TestApp, TestUser};

const CREATE: &str =
    "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) {
    description category { name } tags } }";

async fn create(app: &TestApp, user: &TestUser, input: Value) -> Value {
    let mut input = input;
    input["date"] = json!("2026-03-01");
    app.ok(&user.token, CREATE, json!({ "input": input })).await["createTransaction"].clone()
}

#[tokio::test]
async fn rules_fill_in_what_a_create_leaves_out_and_never_override_it() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let restaurants = app.category(&user, "Restaurants").await;
    let groceries = app.category(&user, "Groceries").await;
    create_rule(
        &app,
        &user,
        json!({ "name": "coffee",
        "conditions": [{ "op": "CONTAINS", "value": "COFFEE" }],
        "categoryId": restaurants, "addTags": ["caffeine"], "renameTo": "Coffee" }),
    )
    .await;

    let plain = create(
        &app,
        &user,
        json!({ "amount": "-3.20", "description": "Morning coffee" }),
    )
    .await;
    assert_eq!(
        plain,
        json!({ "description": "Morning coffee",
        "category": { "name": "Restaurants" }, "tags": ["caffeine"] })
    );
    let own_category = create(
        &app,
        &user,
        json!({ "amount": "-3", "description": "coffee beans",
        "categoryId": groceries }),
    )
    .await;
    assert_eq!(own_category["category"]["name"], "Groceries");
    assert_eq!(own_category["tags"], json!(["caffeine"]));
    let own_tags = create(
        &app,
        &user,
        json!({ "amount": "-3", "description": "coffee",
        "tags": ["gift"] }),
    )
    .await;
    assert_eq!(own_tags["category"]["name"], "Restaurants");
    assert_eq!(own_tags["tags"], json!(["gift"]));
    let unmatched = create(&app, &user, json!({ "amount": "-3", "description": "Tea" })).await;
    assert_eq!(
        unmatched,
        json!({ "description": "Tea", "category": null, "tags": [] })
    );
}

#[tokio::test]
async fn rules_run_in_order_the_first_category_wins_and_tags_accumulate() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;
    let shopping = app.category(&user, "Shopping").await;
    let first = create_rule(
        &app,
        &user,
        json!({ "name": "market",
        "conditions": [{ "op": "STARTS_WITH", "value": "market" }],
        "categoryId": groceries, "addTags": ["food"] }),
    )
    .await;
    create_rule(
        &app,
        &user,
        json!({ "name": "big spend", "amountMax": "-100",
        "categoryId": shopping, "addTags": ["big", "food"] }),
    )
    .await;

    let both = create(
        &app,
        &user,
        json!({ "amount": "-150", "description": "Market hall" }),
    )
    .await;
    assert_eq!(both["category"]["name"], "Groceries");
    assert_eq!(both["tags"], json!(["big", "food"]));
    let move_last = "mutation($id: UUID!) { moveRule(id: $id, position: 1) { id } }";
    app.ok(&user.token, move_last, json!({ "id": first["id"] }))
        .await;
    let swapped = create(
        &app,
        &user,
        json!({ "amount": "-150", "description": "Market hall" }),
    )
    .await;
    assert_eq!(swapped["category"]["name"], "Shopping");
    // The amount bound is inclusive: -100 matches, -99.99 does not.
    let edge = create(&app, &user, json!({ "amount": "-100", "description": "x" })).await;
    assert_eq!(edge["tags"], json!(["big", "food"]));
    let inside = create(
        &app,
        &user,
        json!({ "amount": "-99.99", "description": "x" }),
    )
    .await;
    assert_eq!(inside["tags"], json!([]));
}

#[tokio::test]
async fn an_account_condition_limits_a_rule_to_that_account() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let savings = app.open_account(&user, "Savings", "EUR").await;
    create_rule(
        &app,
        &user,
        json!({ "name": "savings", "accountId": savings,
        "addTags": ["saved"] }),
    )
    .await;

    let there = create(
        &app,
        &user,
        json!({ "amount": "5", "description": "in",
        "accountId": savings }),
    )
    .await;
    let elsewhere = create(&app, &user, json!({ "amount": "5", "description": "in" })).await;

    assert_eq!(
        (&there["tags"], &elsewhere["tags"]),
        (&json!(["saved"]), &json!([]))
    );
}

#[tokio::test]
async fn an_import_is_categorised_tagged_and_renamed_and_a_reimport_still_finds_duplicates() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;
    create_rule(
        &app,
        &user,
        json!({ "name": "lidl",
        "conditions": [{ "op": "REGEX", "value": "^lidl\\s+\\d+" }],
        "categoryId": groceries, "addTags": ["food"], "renameTo": "Lidl" }),
    )
    .await;
    let csv = "Date,Payee,Amount,Kind,Labels\n\
               2026-02-01,LIDL 1234 BERLIN,-20.00,,\n\
               2026-02-02,LIDL 99,-5.00,Restaurants,own\n\
               2026-02-03,Bakery,-3.00,,\n";
    let mapping = json!({ "mapping": { "date": "Date", "description": "Payee",
        "amount": "Amount", "category": "Kind", "tags": "Labels" } });

    let first = import(&app, &user, csv, mapping.clone()).await;
    let again = import(&app, &user, csv, mapping).await;

    assert_eq!(
        (&first["imported"], &first["duplicates"]),
        (&json!(3), &json!(0))
    );
    assert_eq!(
        (&again["imported"], &again["duplicates"]),
        (&json!(0), &json!(3))
    );
    let list = "{ transactions(orderBy: {field: DATE, direction: ASC}) {
        edges { node { description category { name } tags } } } }";
    let data = app.ok(&user.token, list, json!({})).await;
    let rows: Vec<Value> = data["transactions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect();
    assert_eq!(
        rows,
        [
            json!({ "description": "Lidl", "category": { "name": "Groceries" }, "tags": ["food"] }),
            json!({ "description": "Lidl", "category": { "name": "Restaurants" }, "tags": ["own"] }),
            json!({ "description": "Bakery", "category": null, "tags": [] }),
        ]
    );
}

#[tokio::test]
async fn a_full_import_against_a_hundred_regular_expressions_stays_quick() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;
    for n in 0..99 {
        let pattern = format!("^(never|nie){n}\\s+\\w+\\d{{2,}}$");
        create_rule(
            &app,
            &user,
            json!({ "name": format!("r{n}"),
            "conditions": [{ "op": "REGEX", "value": pattern }], "addTags": ["never"] }),
        )
        .await;
    }
    create_rule(
        &app,
        &user,
        json!({ "name": "shops",
        "conditions": [{ "op": "REGEX", "value": "^shop\\s+\\d+$" }], "categoryId": groceries }),
    )
    .await;
    let mut csv = String::from("Date,Payee,Amount\n");
    for n in 0..10_000 {
        csv.push_str(&format!("2026-01-01,Shop {n},-1.00\n"));
    }
    let mapping =
        json!({ "mapping": { "date": "Date", "description": "Payee", "amount": "Amount" } });

    let started = std::time::Instant::now();
    let result = import(&app, &user, &csv, mapping).await;

    assert_eq!(result["imported"], 10_000);
    // Compiled once per import, matched in linear time: seconds, not minutes, even unoptimised.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    let filter = json!({ "filter": { "categoryIds": [groceries] } });
    let count =
        "query($filter: TransactionFilter) { transactions(filter: $filter) { totalCount } }";
    let data = app.ok(&user.token, count, filter).await;
    assert_eq!(data["transactions"]["totalCount"], 10_000);
}
