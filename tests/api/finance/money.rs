//! Money is exact: decimal strings in and out, summed as integers, with the currency's
//! decimals; and the scalars (`Decimal`, `Date`, `UUID`) refuse anything malformed.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const CREATE: &str = "mutation($input: CreateTransactionInput!) {
    createTransaction(input: $input) { id amount currency } }";

fn input(amount: Value) -> Value {
    json!({ "date": "2026-05-01", "amount": amount, "description": "Money test" })
}

/// Create a transaction of `amount` that must succeed; returns it.
async fn create(app: &TestApp, token: &str, amount: &str) -> Value {
    let data = app
        .ok(token, CREATE, json!({ "input": input(json!(amount)) }))
        .await;
    data["createTransaction"].clone()
}

/// Try to create a transaction of `amount` (any JSON); returns the whole body.
async fn try_create(app: &TestApp, token: &str, amount: Value) -> Value {
    app.gql(Some(token), CREATE, json!({ "input": input(amount) }))
        .await
}

async fn default_balance(app: &TestApp, token: &str) -> Value {
    app.default_account_fields(token, "balance").await["balance"].clone()
}

/// Sign up with `baseCurrency`; returns the whole response body.
async fn try_signup(app: &TestApp, currency: &str) -> Value {
    let suffix = &uuid::Uuid::new_v4().simple().to_string()[..12];
    let input = json!({
        "username": format!("money_{suffix}"), "email": format!("money_{suffix}@example.com"),
        "password": format!("pass-{suffix}-phrase"), "baseCurrency": currency
    });
    app.gql(
        None,
        "mutation($input: SignupInput!) { signup(input: $input) { accessToken user { baseCurrency } } }",
        json!({ "input": input }),
    )
    .await
}

/// The access token of a new user whose default account is in `currency`.
async fn user_in(app: &TestApp, currency: &str) -> String {
    let body = try_signup(app, currency).await;
    assert!(body.get("errors").is_none(), "signup failed: {body}");
    assert_eq!(body["data"]["signup"]["user"]["baseCurrency"], currency);
    body["data"]["signup"]["accessToken"]
        .as_str()
        .expect("token")
        .to_owned()
}

fn assert_bad_amount(body: &Value, why: &str) {
    let error = error_with_code(body, "BAD_USER_INPUT");
    assert!(
        body["data"].is_null() || body["data"]["createTransaction"].is_null(),
        "{why}: nothing may be created: {body}"
    );
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{why}: the error explains itself: {body}"
    );
}

/// The error tells the client to send a string rather than a number.
fn assert_mentions_json_number(body: &Value) {
    let message = body["errors"][0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("JSON number"),
        "the message explains that numbers are refused: {body}"
    );
}

async fn transaction_count(app: &TestApp, user: &TestUser) -> Value {
    let data = app
        .ok(&user.token, "{ transactions { totalCount } }", json!({}))
        .await;
    data["transactions"]["totalCount"].clone()
}

// --- Exact sums and round trips -------------------------------------------------------

#[tokio::test]
async fn a_tenth_plus_two_tenths_is_exactly_three_tenths_in_the_balance() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    create(&app, &user.token, "0.10").await;
    create(&app, &user.token, "0.20").await;

    assert_eq!(
        default_balance(&app, &user.token).await,
        "0.30",
        "no float may touch money: 0.1 + 0.2 is 0.30"
    );
}

#[tokio::test]
async fn many_small_amounts_sum_exactly() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for _ in 0..10 {
        create(&app, &user.token, "0.10").await;
    }
    create(&app, &user.token, "-0.07").await;

    assert_eq!(default_balance(&app, &user.token).await, "0.93");
}

#[tokio::test]
async fn twelve_digit_amounts_round_trip_exactly_as_strings() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for amount in ["123456789012.34", "-123456789012.34"] {
        let created = create(&app, &user.token, amount).await;
        let read = app
            .ok(
                &user.token,
                "query($id: UUID!) { transaction(id: $id) { amount } }",
                json!({ "id": created["id"] }),
            )
            .await;

        assert_eq!(created["amount"], amount, "created amount is exact");
        assert_eq!(
            read["transaction"]["amount"], amount,
            "stored amount is exact"
        );
    }
    assert_eq!(
        default_balance(&app, &user.token).await,
        "0.00",
        "x + (-x) is exactly zero"
    );
}

#[tokio::test]
async fn large_balances_are_exact() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    create(&app, &user.token, "123456789012.34").await;
    create(&app, &user.token, "0.01").await;

    assert_eq!(
        default_balance(&app, &user.token).await,
        "123456789012.35",
        "a float would lose the last cent of this sum"
    );
}

#[tokio::test]
async fn amounts_come_back_with_the_currencys_decimals() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for (sent, shown) in [
        ("5", "5.00"),
        ("7.5", "7.50"),
        ("-0.1", "-0.10"),
        ("12.500", "12.50"),
        ("0", "0.00"),
    ] {
        let created = create(&app, &user.token, sent).await;

        assert_eq!(
            created["amount"], shown,
            "{sent} USD is shown with 2 decimals"
        );
        assert_eq!(created["currency"], "USD");
    }
}

#[tokio::test]
async fn a_jpy_user_gets_whole_yen_and_fractions_of_a_yen_are_refused() {
    let app = TestApp::spawn().await;
    let token = user_in(&app, "JPY").await;

    let created = create(&app, &token, "1500").await;
    let refused = try_create(&app, &token, json!("1.5")).await;

    assert_eq!(created["amount"], "1500", "JPY has no decimals");
    assert_eq!(created["currency"], "JPY");
    let error = error_with_code(&refused, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.amount", "{refused}");
    assert_eq!(default_balance(&app, &token).await, "1500");
}

#[tokio::test]
async fn an_unknown_base_currency_is_refused_at_signup() {
    let app = TestApp::spawn().await;

    for currency in ["ABC", "EURO", "", "usd"] {
        let body = try_signup(&app, currency).await;

        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(
            error["extensions"]["field"], "input.baseCurrency",
            "baseCurrency {currency:?}: {body}"
        );
    }
}

// --- Malformed amounts ----------------------------------------------------------------

#[tokio::test]
async fn a_json_number_amount_in_variables_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let body = try_create(&app, &user.token, json!(0.1)).await;

    assert_bad_amount(&body, "0.1 as a JSON number");
    assert_mentions_json_number(&body);
    assert_eq!(transaction_count(&app, &user).await, 0);
}

#[tokio::test]
async fn a_json_number_amount_written_inline_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let body = app
        .gql(
            Some(&user.token),
            r#"mutation { createTransaction(input: {
                date: "2026-05-01", amount: 0.1, description: "Inline" }) { id amount } }"#,
            json!({}),
        )
        .await;

    assert_bad_amount(&body, "0.1 as an inline number");
    assert_mentions_json_number(&body);
    assert_eq!(transaction_count(&app, &user).await, 0);
}

#[tokio::test]
async fn malformed_decimal_strings_are_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for bad in [
        "NaN", "1e5", "", "12,50", "abc", "+1", "1.", ".5", " 1", "Infinity",
    ] {
        let body = try_create(&app, &user.token, json!(bad)).await;

        assert_bad_amount(&body, &format!("amount {bad:?}"));
    }
    assert_eq!(transaction_count(&app, &user).await, 0);
}

#[tokio::test]
async fn more_decimals_than_usd_has_are_refused_naming_the_amount_field() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let body = try_create(&app, &user.token, json!("1.005")).await;

    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.amount", "{body}");
    let message = error["message"].as_str().expect("message");
    assert!(
        message.contains("2 decimal places"),
        "the message says how many decimals USD has: {message}"
    );
    assert_eq!(transaction_count(&app, &user).await, 0);
}

#[tokio::test]
async fn an_amount_beyond_the_supported_range_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for huge in ["1000000000000000.01", "99999999999999999999"] {
        let body = try_create(&app, &user.token, json!(huge)).await;

        assert_bad_amount(&body, &format!("amount {huge}"));
    }
}

#[tokio::test]
async fn updating_to_more_decimals_than_the_currency_has_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let created = create(&app, &user.token, "1.00").await;

    let body = app
        .gql(
            Some(&user.token),
            "mutation($id: UUID!, $input: UpdateTransactionInput!) {
                updateTransaction(id: $id, input: $input) { amount } }",
            json!({ "id": created["id"], "input": { "amount": "1.001" } }),
        )
        .await;

    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.amount");
    assert_eq!(default_balance(&app, &user.token).await, "1.00");
}

// --- Dates and UUIDs ------------------------------------------------------------------

#[tokio::test]
async fn impossible_or_malformed_dates_are_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for bad in [
        json!("2026-02-30"),
        json!("2026-13-01"),
        json!("26-01-01"),
        json!("2026/01/01"),
        json!("2026-1-1"),
        json!(20260101),
    ] {
        let body = app
            .gql(
                Some(&user.token),
                CREATE,
                json!({ "input": { "date": bad, "amount": "1.00", "description": "Date test" } }),
            )
            .await;

        error_with_code(&body, "BAD_USER_INPUT");
    }
    assert_eq!(transaction_count(&app, &user).await, 0);
}

#[tokio::test]
async fn a_leap_day_is_a_valid_date() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let created = app
        .create_transaction(
            &user,
            json!({ "date": "2028-02-29", "amount": "1.00", "description": "Leap" }),
        )
        .await;

    assert_eq!(created["date"], "2028-02-29");
}

#[tokio::test]
async fn malformed_uuids_are_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let simple = uuid::Uuid::new_v4().simple().to_string();

    for bad in [json!("nope"), json!(simple), json!(42), json!("")] {
        let body = app
            .gql(
                Some(&user.token),
                "query($id: UUID!) { transaction(id: $id) { id } }",
                json!({ "id": bad }),
            )
            .await;

        error_with_code(&body, "BAD_USER_INPUT");
    }
}

#[tokio::test]
async fn a_malformed_uuid_written_inline_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let body = app
        .gql(
            Some(&user.token),
            r#"{ transaction(id: "nope") { id } }"#,
            json!({}),
        )
        .await;

    error_with_code(&body, "BAD_USER_INPUT");
}

#[tokio::test]
async fn an_account_balance_can_reach_its_limit_but_never_overflow() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    // The largest single amount is 10^13 dollars; a balance stops at 10^15 dollars.
    for _ in 0..100 {
        create(&app, &user.token, "10000000000000.00").await;
    }
    assert_eq!(
        default_balance(&app, &user.token).await,
        "1000000000000000.00"
    );

    let body = try_create(&app, &user.token, json!("0.01")).await;
    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.amount");
    assert_eq!(
        default_balance(&app, &user.token).await,
        "1000000000000000.00",
        "the refused amount was not recorded and the balance still adds up"
    );
    create(&app, &user.token, "-0.01").await;
}
