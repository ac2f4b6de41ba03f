//! Valuations (`valuations`, `setValuation`, `deleteValuation`): only investment and property
//! accounts take them, one per account and day, and each user sees only their own.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const SET: &str = "mutation($input: SetValuationInput!) {
    setValuation(input: $input) { id date value currency account { id name balance } } }";

const LIST: &str = "query($accountId: UUID) {
    valuations(accountId: $accountId) { id date value account { id } } }";

async fn set(app: &TestApp, user: &TestUser, account: &str, date: &str, value: &str) -> Value {
    let input = json!({ "input": { "accountId": account, "date": date, "value": value } });
    app.ok(&user.token, SET, input).await["setValuation"].clone()
}

#[tokio::test]
async fn a_valuation_becomes_the_balance_of_an_investment_account() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let broker = app
        .create_account(&user, "Broker", "INVESTMENT", "USD", "100.00")
        .await;
    app.create_transaction(
        &user,
        json!({ "accountId": broker, "date": "2026-03-02", "amount": "50.00", "description": "Buy" }),
    )
    .await;

    let valuation = set(&app, &user, &broker, "2026-03-01", "1234.56").await;

    assert_eq!(valuation["date"], "2026-03-01");
    assert_eq!(valuation["value"], "1234.56");
    assert_eq!(valuation["currency"], "USD");
    assert_eq!(valuation["account"]["name"], "Broker");
    assert_eq!(
        valuation["account"]["balance"], "1284.56",
        "the valuation plus the 50 after it"
    );
}

#[tokio::test]
async fn setting_a_valuation_again_on_the_same_day_replaces_it() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let house = app
        .create_account(&user, "House", "PROPERTY", "EUR", "0")
        .await;
    let first = set(&app, &user, &house, "2026-01-31", "300000.00").await;

    let second = set(&app, &user, &house, "2026-01-31", "310000.00").await;
    set(&app, &user, &house, "2025-12-31", "295000.00").await;

    assert_eq!(second["id"], first["id"]);
    let data = app
        .ok(&user.token, LIST, json!({ "accountId": house }))
        .await;
    let list = data["valuations"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["value"], "310000.00", "newest first");
    assert_eq!(list[1]["date"], "2025-12-31");
}

#[tokio::test]
async fn only_investment_and_property_accounts_take_valuations() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let checking = app.default_account(&user).await;
    let broker = app
        .create_account(&user, "Broker", "INVESTMENT", "USD", "0")
        .await;
    let cases = [
        (
            json!({ "accountId": checking, "date": "2026-01-01", "value": "1.00" }),
            "input.accountId",
        ),
        (
            json!({ "accountId": broker, "date": "2026-01-01", "value": "1.005" }),
            "input.value",
        ),
        (
            json!({ "accountId": broker, "date": "2026-02-30", "value": "1.00" }),
            "input",
        ),
    ];

    for (input, field) in cases {
        let body = app
            .gql(Some(&user.token), SET, json!({ "input": input }))
            .await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        let named = error["extensions"]["field"].as_str().unwrap_or_default();
        assert!(named.starts_with(field), "{input}: {body}");
    }
}

#[tokio::test]
async fn another_users_valuations_and_accounts_are_not_found() {
    let app = TestApp::spawn().await;
    let owner = app.signed_up_user().await;
    let intruder = app.signed_up_user().await;
    let broker = app
        .create_account(&owner, "Broker", "INVESTMENT", "USD", "0")
        .await;
    let valuation = set(&app, &owner, &broker, "2026-01-31", "10.00").await;
    let own = app
        .create_account(&intruder, "Mine", "INVESTMENT", "USD", "0")
        .await;
    set(&app, &intruder, &own, "2026-01-31", "20.00").await;

    let listed = app
        .gql(Some(&intruder.token), LIST, json!({ "accountId": broker }))
        .await;
    let input = json!({ "input": { "accountId": broker, "date": "2026-02-01", "value": "1.00" } });
    let written = app.gql(Some(&intruder.token), SET, input).await;
    let deleted = app
        .gql(
            Some(&intruder.token),
            "mutation($id: UUID!) { deleteValuation(id: $id) }",
            json!({ "id": valuation["id"] }),
        )
        .await;
    let all = app.ok(&intruder.token, LIST, json!({})).await;

    error_with_code(&listed, "NOT_FOUND");
    error_with_code(&written, "NOT_FOUND");
    error_with_code(&deleted, "NOT_FOUND");
    let ids: Vec<&Value> = all["valuations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["account"]["id"])
        .collect();
    assert_eq!(ids, vec![&json!(own)], "only the intruder's own valuation");
    let still = app.ok(&owner.token, LIST, json!({})).await;
    assert_eq!(still["valuations"][0]["id"], valuation["id"]);
}

#[tokio::test]
async fn deleting_a_valuation_returns_its_id_and_removes_it() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let broker = app
        .create_account(&user, "Broker", "INVESTMENT", "USD", "0")
        .await;
    let valuation = set(&app, &user, &broker, "2026-01-31", "10.00").await;
    let delete = "mutation($id: UUID!) { deleteValuation(id: $id) }";

    let data = app
        .ok(&user.token, delete, json!({ "id": valuation["id"] }))
        .await;
    let again = app
        .gql(Some(&user.token), delete, json!({ "id": valuation["id"] }))
        .await;

    assert_eq!(data["deleteValuation"], valuation["id"]);
    error_with_code(&again, "NOT_FOUND");
    let list = app.ok(&user.token, LIST, json!({})).await;
    assert_eq!(list["valuations"], json!([]));
}

#[tokio::test]
async fn a_year_with_only_a_valuation_is_among_the_years_with_data() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let house = app
        .create_account(&user, "House", "PROPERTY", "USD", "0")
        .await;
    set(&app, &user, &house, "2019-06-30", "250000.00").await;
    let pay = json!({ "date": "2026-01-05", "amount": "10.00", "description": "Pay" });
    app.create_transaction(&user, pay).await;

    let data = app.ok(&user.token, "{ years }", json!({})).await;

    assert_eq!(data["years"], json!([2026, 2019]));
}
