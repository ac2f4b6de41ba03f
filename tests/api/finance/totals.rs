//! The transactions connection's `totals` (per currency, over every matching row) and the
//! edges' `runningBalance` (when one account is listed by date).

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const TOTALS: &str = "query($filter: TransactionFilter) { transactions(first: 1, filter: $filter) {
    totals { currency count moneyIn moneyOut net } } }";

async fn add(app: &TestApp, user: &TestUser, account: &str, date: &str, amount: &str, text: &str) {
    app.create_transaction(
        user,
        json!({ "accountId": account, "date": date, "amount": amount, "description": text }),
    )
    .await;
}

#[tokio::test]
async fn totals_are_exact_per_currency_over_every_matching_row() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let usd = app.default_account(&user).await;
    let jpy = app.open_account(&user, "Yen", "JPY").await;
    add(&app, &user, &usd, "2026-01-05", "0.10", "Refund a").await;
    add(&app, &user, &usd, "2026-01-06", "0.20", "Refund b").await;
    add(&app, &user, &usd, "2026-01-07", "-0.30", "Coffee").await;
    add(
        &app,
        &user,
        &usd,
        "2026-02-01",
        "1000000000000.00",
        "Windfall",
    )
    .await;
    add(&app, &user, &jpy, "2026-01-08", "-500", "Ramen").await;

    let all = app.ok(&user.token, TOTALS, json!({})).await;
    assert_eq!(
        all["transactions"]["totals"],
        json!([
            { "currency": "JPY", "count": 1, "moneyIn": "0", "moneyOut": "-500", "net": "-500" },
            { "currency": "USD", "count": 4, "moneyIn": "1000000000000.30",
              "moneyOut": "-0.30", "net": "1000000000000.00" },
        ])
    );

    let january_usd = app
        .ok(
            &user.token,
            TOTALS,
            json!({ "filter": { "dateTo": "2026-01-31", "accountIds": [usd] } }),
        )
        .await;
    assert_eq!(
        january_usd["transactions"]["totals"],
        json!([{ "currency": "USD", "count": 3, "moneyIn": "0.30", "moneyOut": "-0.30", "net": "0.00" }])
    );
    let none = app
        .ok(
            &user.token,
            TOTALS,
            json!({ "filter": { "search": "nothing like it" } }),
        )
        .await;
    assert_eq!(none["transactions"]["totals"], json!([]));
}

#[tokio::test]
async fn totals_see_only_the_viewers_rows() {
    let app = TestApp::spawn().await;
    let ada = app.signed_up_user().await;
    let eve = app.signed_up_user().await;
    let ada_account = app.default_account(&ada).await;
    let eve_account = app.default_account(&eve).await;
    add(&app, &ada, &ada_account, "2026-01-05", "-10.00", "Ada's").await;
    add(&app, &eve, &eve_account, "2026-01-05", "-99.00", "Eve's").await;

    let mine = app.ok(&ada.token, TOTALS, json!({})).await;
    assert_eq!(mine["transactions"]["totals"][0]["net"], "-10.00");
    // Filtering by another user's account matches nothing of theirs.
    let theirs = app
        .ok(
            &ada.token,
            TOTALS,
            json!({ "filter": { "accountIds": [eve_account] } }),
        )
        .await;
    assert_eq!(theirs["transactions"]["totals"], json!([]));
}

#[tokio::test]
async fn a_document_may_select_totals_only_once() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    for query in [
        "{ a: transactions(first: 1) { totals { net } } b: transactions(first: 1) { totals { net } } }",
        "{ transactions(first: 1) { x: totals { net } y: totals { count } } }",
        "{ transactions(first: 1) { ...T ...T } } fragment T on TransactionConnection { totals { net } }",
    ] {
        let body = app.gql(Some(&user.token), query, json!({})).await;
        let error = error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
        assert!(
            error["message"].as_str().unwrap_or("").contains("totals"),
            "{body}"
        );
    }
    let body = app.gql(None, TOTALS, json!({})).await;
    error_with_code(&body, "UNAUTHENTICATED");
}

async fn running(app: &TestApp, user: &TestUser, variables: Value) -> Vec<(String, Value)> {
    let data = app
        .ok(
            &user.token,
            "query($filter: TransactionFilter, $orderBy: TransactionOrder, $after: String) {
                transactions(first: 2, filter: $filter, orderBy: $orderBy, after: $after) {
                    edges { runningBalance node { description } } pageInfo { endCursor } } }",
            variables,
        )
        .await;
    data["transactions"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            let text = e["node"]["description"].as_str().expect("text").to_owned();
            (text, e["runningBalance"].clone())
        })
        .collect()
}

#[tokio::test]
async fn one_account_by_date_has_a_running_balance_on_every_page() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let checking = app
        .create_account(&user, "Checking", "CHECKING", "USD", "100.00")
        .await;
    let other = app.open_account(&user, "Other", "USD").await;
    add(&app, &user, &checking, "2026-01-01", "-10.00", "First").await;
    add(&app, &user, &other, "2026-01-02", "-99.00", "Elsewhere").await;
    add(&app, &user, &checking, "2026-01-03", "25.50", "Second").await;
    add(&app, &user, &checking, "2026-01-03", "-0.50", "Third").await;
    add(&app, &user, &checking, "2026-01-04", "-5.00", "Fourth").await;

    let filter = json!({ "accountIds": [checking] });
    let page = running(&app, &user, json!({ "filter": filter })).await;
    assert_eq!(
        page,
        vec![
            ("Fourth".to_owned(), json!("110.00")),
            ("Third".to_owned(), json!("115.00"))
        ],
        "newest first: the ledger balance after each"
    );
    let ascending = running(
        &app,
        &user,
        json!({ "filter": filter, "orderBy": { "field": "DATE", "direction": "ASC" } }),
    )
    .await;
    assert_eq!(ascending[0], ("First".to_owned(), json!("90.00")));
    assert_eq!(
        ascending[1].1,
        json!("115.50"),
        "Second came before Third (ids in order)"
    );

    // Searching within the account keeps each row's true balance.
    let searched = running(
        &app,
        &user,
        json!({ "filter": { "accountIds": [checking], "search": "first" } }),
    )
    .await;
    assert_eq!(searched, vec![("First".to_owned(), json!("90.00"))]);

    // Not one account, or not by date: no running balance.
    for variables in [
        json!({}),
        json!({ "filter": { "accountIds": [checking, other] } }),
        json!({ "filter": filter, "orderBy": { "field": "AMOUNT", "direction": "DESC" } }),
    ] {
        let page = running(&app, &user, variables.clone()).await;
        assert!(
            page.iter().all(|(_, b)| b.is_null()),
            "{variables}: {page:?}"
        );
    }
}

#[tokio::test]
async fn another_users_account_gives_no_running_balance_and_no_rows() {
    let app = TestApp::spawn().await;
    let ada = app.signed_up_user().await;
    let eve = app.signed_up_user().await;
    let eve_account = app.default_account(&eve).await;
    add(&app, &eve, &eve_account, "2026-01-05", "-99.00", "Eve's").await;

    let page = running(
        &app,
        &ada,
        json!({ "filter": { "accountIds": [eve_account] } }),
    )
    .await;
    assert!(page.is_empty());
}
