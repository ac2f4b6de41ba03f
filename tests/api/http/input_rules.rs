//! Input rules that hold the same everywhere: one range of dates for every date that comes
//! in (years 1000 to 9999), so whatever is stored can be reported on, exported and imported
//! back; cursors the server could not have handed out refused like malformed ones; error
//! messages bounded however much of the request they would quote.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::finance::imports::try_import;
use crate::helpers::{TestApp, TestUser, error_with_code};

const CREATE: &str =
    "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) { id date } }";

async fn create(app: &TestApp, user: &TestUser, date: &str) -> Value {
    let input = json!({ "date": date, "amount": "-1.00", "description": "Edge of time" });
    app.gql(Some(&user.token), CREATE, json!({ "input": input }))
        .await
}

fn refused_date(body: &Value, field: &str) {
    let error = error_with_code(body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], field, "{body}");
}

#[tokio::test]
async fn every_date_input_takes_the_years_1000_to_9999_and_nothing_else() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let account = app.default_account(&user).await;
    let investment = app
        .create_account(&user, "Fund", "INVESTMENT", "EUR", "0")
        .await;

    for date in ["0999-12-31", "0000-01-01"] {
        refused_date(&create(&app, &user, date).await, "input.date");
        let valuation =
            "mutation($input: SetValuationInput!) { setValuation(input: $input) { id } }";
        let input = json!({ "accountId": investment, "date": date, "value": "1.00" });
        let body = app
            .gql(Some(&user.token), valuation, json!({ "input": input }))
            .await;
        refused_date(&body, "input.date");
        let transfer =
            "mutation($input: CreateTransferInput!) { createTransfer(input: $input) { id } }";
        let input = json!({ "fromAccountId": account, "toAccountId": investment, "date": date,
            "amount": "1.00", "description": "Move" });
        let body = app
            .gql(Some(&user.token), transfer, json!({ "input": input }))
            .await;
        refused_date(&body, "input.date");
        let filter = "query($f: TransactionFilter) { transactions(filter: $f) { totalCount } }";
        let body = app
            .gql(
                Some(&user.token),
                filter,
                json!({ "f": { "dateFrom": date } }),
            )
            .await;
        refused_date(&body, "filter.dateFrom");
        let report =
            "query($from: Date!) { spendingByCategory(from: $from, to: \"2026-01-01\") { total } }";
        let body = app
            .gql(Some(&user.token), report, json!({ "from": date }))
            .await;
        refused_date(&body, "from");
        let csv = format!("Date,Payee,Amount\n{date},Shop,-1.00\n");
        let body = try_import(&app, &user, &csv, json!({})).await;
        let errors = &body["data"]["importTransactions"]["errors"];
        assert_eq!(errors[0]["column"], "Date", "{body}");
    }
    let data = app
        .ok(&user.token, "{ transactions { totalCount } }", json!({}))
        .await;
    assert_eq!(data["transactions"]["totalCount"], 0, "nothing was written");
}

#[tokio::test]
async fn the_first_and_last_supported_days_round_trip_through_reports_export_and_import() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    for date in ["1000-01-01", "9999-12-31"] {
        let body = create(&app, &user, date).await;
        assert_eq!(body["data"]["createTransaction"]["date"], date, "{body}");
    }

    let data = app
        .ok(
            &user.token,
            "{ years first: financialOverview(year: 1000) { expenses }
               last: monthlyCashflow(year: 9999) { month expenses }
               netWorth(from: \"9999-01\", to: \"9999-12\") { months { month } }
               exportTransactions }",
            json!({}),
        )
        .await;

    assert_eq!(data["years"], json!([9999, 1000]));
    assert_eq!(data["first"]["expenses"], "1.00");
    assert_eq!(data["last"][11]["expenses"], "1.00");
    assert_eq!(data["netWorth"]["months"][11]["month"], "9999-12");
    let csv = data["exportTransactions"].as_str().unwrap();
    let other = app.open_account(&user, "Copy", "EUR").await;
    let import = "mutation($input: ImportTransactionsInput!) { importTransactions(input: $input) {
        imported errorCount } }";
    let input = json!({ "accountId": other, "csv": csv, "mapping": { "date": "date",
        "description": "description", "amount": "amount" } });
    let data = app.ok(&user.token, import, json!({ "input": input })).await;
    assert_eq!(
        data["importTransactions"],
        json!({ "imported": 2, "errorCount": 0 })
    );
}

fn base64url(text: &str) -> String {
    URL_SAFE_NO_PAD.encode(text)
}

#[tokio::test]
async fn cursors_the_server_never_hands_out_are_refused_like_malformed_ones() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    create(&app, &user, "2026-01-01").await;
    create(&app, &user, "2026-01-02").await;
    let page = "query($after: String, $order: TransactionOrder) {
        transactions(first: 1, after: $after, orderBy: $order) { edges { node { date } }
        pageInfo { endCursor } } }";
    let first = app.ok(&user.token, page, json!({})).await;
    let issued = first["transactions"]["pageInfo"]["endCursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let next = app.ok(&user.token, page, json!({ "after": issued })).await;
    assert_eq!(
        next["transactions"]["edges"][0]["node"]["date"],
        "2026-01-01"
    );

    let id = "00000000-0000-0000-0000-000000000000";
    let by_amount = json!({ "field": "AMOUNT" });
    for (plain, order) in [
        (format!("v1|d|10000-01-01|{id}"), Value::Null),
        (format!("v1|d|+12026-01-01|{id}"), Value::Null),
        (format!("v1|d|0999-01-01|{id}"), Value::Null),
        (
            format!("v1|a|EUR:9223372036854775807|{id}"),
            by_amount.clone(),
        ),
        (format!("v1|a|EUR:-1000000000000000000|{id}"), by_amount),
        ("garbage".to_owned(), Value::Null),
    ] {
        let variables = json!({ "after": base64url(&plain), "order": order });
        let body = app.gql(Some(&user.token), page, variables).await;
        refused_date(&body, "after");
    }

    let audit =
        "query($after: String) { myAuditLog(first: 1, after: $after) { edges { cursor } } }";
    for plain in [
        format!("a1|0001-01-01T00:00:00Z|{id}"),
        format!("a1|+10000-01-01T00:00:00Z|{id}"),
    ] {
        let body = app
            .gql(
                Some(&user.token),
                audit,
                json!({ "after": base64url(&plain) }),
            )
            .await;
        refused_date(&body, "after");
    }
}

#[tokio::test]
async fn control_characters_in_a_search_are_bad_input_on_every_database() {
    let app = TestApp::spawn().await;
    let admin = crate::admin::roles::admin(&app).await;
    let searches = [
        (
            "query($s: String) { users(search: $s) { totalCount } }",
            json!({ "s": "a\u{0}b" }),
            "search",
        ),
        (
            "query($s: String) { transactions(filter: {search: $s}) { totalCount } }",
            json!({ "s": "\u{0}" }),
            "filter.search",
        ),
    ];
    for (query, variables, field) in searches {
        let body = app.gql(Some(&admin.token), query, variables).await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], field);
    }
}

/// The size of a response body as sent.
async fn response_bytes(app: &TestApp, body: String) -> (u16, Value, usize) {
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let value = serde_json::from_str(&text).unwrap();
    (status, value, text.len())
}

#[tokio::test]
async fn error_messages_stay_short_however_much_they_would_quote() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let long = "x".repeat(500_000);

    let unparsable = json!({ "query": format!("{{ me(note: \"{long}) {{ id }} }}") }).to_string();
    let (_, body, size) = response_bytes(&app, unparsable).await;
    error_with_code(&body, "GRAPHQL_PARSE_FAILED");
    assert!(size < 4_000, "a parse error of {size} bytes");

    let one_line =
        json!({ "query": format!("{{ me {{ id }} }} {}", "} ".repeat(4000)) }).to_string();
    let (_, body, size) = response_bytes(&app, one_line).await;
    error_with_code(&body, "GRAPHQL_PARSE_FAILED");
    assert!(size < 4_000, "a parse error of {size} bytes");

    let not_a_request = json!({ "query": { "nested": long } }).to_string();
    let (status, body, size) = response_bytes(&app, not_a_request).await;
    assert_eq!(status, 400);
    error_with_code(&body, "BAD_REQUEST");
    assert!(size < 4_000, "a request error of {size} bytes");

    let order =
        "query($f: TransactionOrderField!) { transactions(orderBy: {field: $f}) { totalCount } }";
    let body = app
        .gql(Some(&user.token), order, json!({ "f": long }))
        .await;
    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert!(body.to_string().len() < 4_000, "{}", error["message"]);

    let unknown = (0..200)
        .map(|i| format!("nope{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let (_, body, size) = response_bytes(
        &app,
        json!({ "query": format!("{{ {unknown} }}") }).to_string(),
    )
    .await;
    assert!(body["errors"].as_array().unwrap().len() <= 50, "{size}");
    assert!(
        body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["extensions"]["code"].is_string())
    );
}
