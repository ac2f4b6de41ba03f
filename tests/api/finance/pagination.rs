//! Listing transactions: keyset pages in every order, cursor checks, page-size limits, and
//! the filters (dates, accounts, categories with their children, text search).

use std::collections::HashSet;

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const LIST: &str = "query($first: Int, $after: String, $orderBy: TransactionOrder,
        $filter: TransactionFilter) {
    transactions(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
        totalCount
        edges { cursor node { id date amount currency description } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    } }";

/// Guard against a server that never says `hasNextPage: false`.
const MAX_PAGES: usize = 50;

/// A transaction as the tests compare them: the sort keys and the id.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    id: String,
    date: String,
    cents: i64,
}

/// `"-12.50"` → -1250 (USD amounts always come back with two decimals).
fn to_cents(amount: &Value) -> i64 {
    let text = amount.as_str().expect("amount is a string");
    assert!(
        text.rsplit_once('.').is_some_and(|(_, f)| f.len() == 2),
        "USD amount with 2 decimals: {text}"
    );
    text.replace('.', "").parse().expect("amount is a number")
}

fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

async fn create(app: &TestApp, user: &TestUser, date: &str, cents: i64, description: &str) -> Row {
    let created = app
        .create_transaction(
            user,
            json!({ "date": date, "amount": money(cents), "description": description }),
        )
        .await;
    Row {
        id: created["id"].as_str().expect("id").to_owned(),
        date: created["date"].as_str().expect("date").to_owned(),
        cents: to_cents(&created["amount"]),
    }
}

/// 23 transactions over 5 dates (4–5 on each) with repeated amounts, so that both orders
/// have ties that only the id breaks.
async fn ledger(app: &TestApp, user: &TestUser) -> Vec<Row> {
    let mut rows = Vec::new();
    for i in 0..23_i64 {
        let date = format!("2026-01-{:02}", 10 + (i * 3) % 5);
        let amount = (i * 7) % 9 * 250 - 1000;
        rows.push(create(app, user, &date, amount, &format!("Row {i}")).await);
    }
    rows
}

async fn list(app: &TestApp, user: &TestUser, variables: Value) -> Value {
    app.gql(Some(&user.token), LIST, variables).await
}

async fn page(app: &TestApp, user: &TestUser, variables: Value) -> Value {
    let body = list(app, user, variables).await;
    assert!(body.get("errors").is_none(), "listing failed: {body}");
    body["data"]["transactions"].clone()
}

fn ids(connection: &Value) -> Vec<String> {
    connection["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["id"].as_str().expect("id").to_owned())
        .collect()
}

/// Every page of a listing in `order` with pages of 5; returns the pages.
async fn walk(app: &TestApp, user: &TestUser, order: Value) -> Vec<Value> {
    let mut pages = Vec::new();
    let mut after = Value::Null;
    for _ in 0..MAX_PAGES {
        let connection = page(
            app,
            user,
            json!({ "first": 5, "after": after, "orderBy": order }),
        )
        .await;
        let has_next = connection["pageInfo"]["hasNextPage"] == true;
        after = connection["pageInfo"]["endCursor"].clone();
        pages.push(connection);
        if !has_next {
            return pages;
        }
    }
    panic!("still hasNextPage after {MAX_PAGES} pages");
}

fn visited(pages: &[Value]) -> Vec<String> {
    pages.iter().flat_map(ids).collect()
}

fn sorted_ids(rows: &[Row], compare: impl Fn(&Row, &Row) -> std::cmp::Ordering) -> Vec<String> {
    let mut rows = rows.to_vec();
    rows.sort_by(compare);
    rows.into_iter().map(|r| r.id).collect()
}

/// Walk `order` and check it visits every row once, in the expected order, with the right
/// page information and a total of all rows on every page.
async fn assert_walks_in_order(
    app: &TestApp,
    user: &TestUser,
    order: Value,
    expected: Vec<String>,
) {
    let pages = walk(app, user, order.clone()).await;

    assert_eq!(
        pages.len(),
        expected.len().div_ceil(5),
        "pages of 5 for {order}"
    );
    assert_eq!(
        visited(&pages),
        expected,
        "every row exactly once, in {order} order"
    );
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page["totalCount"], expected.len(), "totalCount on page {i}");
        assert_eq!(
            page["pageInfo"]["hasPreviousPage"],
            i > 0,
            "hasPreviousPage on page {i}"
        );
        let edges = page["edges"].as_array().expect("edges");
        assert_eq!(page["pageInfo"]["startCursor"], edges[0]["cursor"]);
        assert_eq!(
            page["pageInfo"]["endCursor"],
            edges[edges.len() - 1]["cursor"]
        );
    }
}

// --- Keyset pages ---------------------------------------------------------------------

#[tokio::test]
async fn paging_with_after_visits_every_transaction_exactly_once_newest_first() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let rows = ledger(&app, &user).await;
    let expected = sorted_ids(&rows, |a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));

    assert_walks_in_order(&app, &user, Value::Null, expected).await;
}

#[tokio::test]
async fn paging_by_amount_ascending_visits_every_transaction_once_smallest_first() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let rows = ledger(&app, &user).await;
    let expected = sorted_ids(&rows, |a, b| a.cents.cmp(&b.cents).then(a.id.cmp(&b.id)));

    let order = json!({ "field": "AMOUNT", "direction": "ASC" });
    assert_walks_in_order(&app, &user, order, expected).await;
}

#[tokio::test]
async fn paging_by_amount_descending_visits_every_transaction_once_largest_first() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let rows = ledger(&app, &user).await;
    let expected = sorted_ids(&rows, |a, b| b.cents.cmp(&a.cents).then(b.id.cmp(&a.id)));

    let order = json!({ "field": "AMOUNT", "direction": "DESC" });
    assert_walks_in_order(&app, &user, order, expected).await;
}

#[tokio::test]
async fn paging_by_date_ascending_visits_every_transaction_once_oldest_first() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let rows = ledger(&app, &user).await;
    let expected = sorted_ids(&rows, |a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));

    let order = json!({ "field": "DATE", "direction": "ASC" });
    assert_walks_in_order(&app, &user, order, expected).await;
}

#[tokio::test]
async fn an_empty_listing_has_no_cursors_and_no_next_page() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let connection = page(&app, &user, json!({})).await;

    assert_eq!(connection["totalCount"], 0);
    assert_eq!(connection["edges"], json!([]));
    assert_eq!(
        connection["pageInfo"],
        json!({ "hasNextPage": false, "hasPreviousPage": false,
                "startCursor": null, "endCursor": null })
    );
}

#[tokio::test]
async fn rows_created_between_page_requests_never_make_a_page_repeat_a_row() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let rows = ledger(&app, &user).await;
    let mut seen = Vec::new();
    let mut after = Value::Null;

    for round in 0..MAX_PAGES {
        let connection = page(&app, &user, json!({ "first": 5, "after": after })).await;
        seen.extend(ids(&connection));
        if connection["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = connection["pageInfo"]["endCursor"].clone();
        // Newer than everything, on a date already being paged, and older than everything.
        for date in ["2026-02-01", "2026-01-12", "2025-12-31"] {
            create(&app, &user, date, 100, &format!("Added in round {round}")).await;
        }
    }

    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(
        unique.len(),
        seen.len(),
        "a row appeared on two pages: {seen:?}"
    );
    for row in &rows {
        assert!(
            seen.contains(&row.id),
            "row {row:?} present before paging began was skipped"
        );
    }
}

// --- Cursor and page-size checks ------------------------------------------------------

#[tokio::test]
async fn a_cursor_from_the_date_order_is_refused_for_the_amount_order() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    ledger(&app, &user).await;
    let first_page = page(&app, &user, json!({ "first": 5 })).await;
    let date_cursor = first_page["pageInfo"]["endCursor"].clone();

    let body = list(
        &app,
        &user,
        json!({ "first": 5, "after": date_cursor,
                "orderBy": { "field": "AMOUNT", "direction": "ASC" } }),
    )
    .await;

    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "after", "{body}");
}

#[tokio::test]
async fn a_garbage_cursor_is_refused_as_bad_input() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    ledger(&app, &user).await;

    // Not base64; empty; "v1|d|2026"; "v1|d|not-a-date|<uuid>"; base64 of binary.
    let bad_date = "djF8ZHxub3QtYS1kYXRlfDAxOTNhMWMyLTdkNWUtN2MzYS05YjFmLTJhNGM2ZThkMGYxMg";
    for garbage in ["garbage!", "", "djF8ZHwyMDI2", bad_date, "AAAA"] {
        let body = list(&app, &user, json!({ "first": 5, "after": garbage })).await;

        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], "after", "cursor {garbage:?}");
    }
}

#[tokio::test]
async fn page_sizes_outside_1_to_200_are_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for first in [0, 201, -1] {
        let body = list(&app, &user, json!({ "first": first })).await;

        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], "first", "first: {first}");
    }
}

#[tokio::test]
async fn page_sizes_of_1_and_200_are_accepted() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    ledger(&app, &user).await;

    let one = page(&app, &user, json!({ "first": 1 })).await;
    let most = page(&app, &user, json!({ "first": 200 })).await;

    assert_eq!(ids(&one).len(), 1);
    assert_eq!(one["pageInfo"]["hasNextPage"], true);
    assert_eq!(ids(&most).len(), 23);
    assert_eq!(most["pageInfo"]["hasNextPage"], false);
}

// --- Filters --------------------------------------------------------------------------

/// The ids a filter selects (one page of up to 200), checking `totalCount` agrees.
async fn filtered(app: &TestApp, user: &TestUser, filter: Value) -> HashSet<String> {
    let connection = page(app, user, json!({ "first": 200, "filter": filter })).await;
    let ids = ids(&connection);
    assert_eq!(
        connection["totalCount"],
        ids.len(),
        "totalCount counts the filtered rows: {connection}"
    );
    ids.into_iter().collect()
}

fn id_set(rows: &[&Row]) -> HashSet<String> {
    rows.iter().map(|r| r.id.clone()).collect()
}

#[tokio::test]
async fn date_from_and_date_to_are_inclusive_bounds() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut rows = Vec::new();
    for day in 1..=5 {
        rows.push(create(&app, &user, &format!("2026-03-0{day}"), -500, "Lunch").await);
    }

    let between = filtered(
        &app,
        &user,
        json!({ "dateFrom": "2026-03-02", "dateTo": "2026-03-04" }),
    )
    .await;
    let from = filtered(&app, &user, json!({ "dateFrom": "2026-03-04" })).await;
    let to = filtered(&app, &user, json!({ "dateTo": "2026-03-02" })).await;
    let one_day = filtered(
        &app,
        &user,
        json!({ "dateFrom": "2026-03-03", "dateTo": "2026-03-03" }),
    )
    .await;

    assert_eq!(between, id_set(&[&rows[1], &rows[2], &rows[3]]));
    assert_eq!(from, id_set(&[&rows[3], &rows[4]]));
    assert_eq!(to, id_set(&[&rows[0], &rows[1]]));
    assert_eq!(one_day, id_set(&[&rows[2]]));
}

#[tokio::test]
async fn date_from_after_date_to_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let body = list(
        &app,
        &user,
        json!({ "filter": { "dateFrom": "2026-03-05", "dateTo": "2026-03-01" } }),
    )
    .await;

    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert!(
        error["extensions"]["field"]
            .as_str()
            .is_some_and(|f| f.starts_with("filter.date")),
        "the error names a date filter field: {body}"
    );
}

#[tokio::test]
async fn account_ids_keep_only_transactions_of_those_accounts() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let account = app.default_account(&user).await;
    let a = create(&app, &user, "2026-03-01", -100, "One").await;
    let b = create(&app, &user, "2026-03-02", -200, "Two").await;
    let elsewhere = uuid::Uuid::new_v4().to_string();

    let in_default = filtered(&app, &user, json!({ "accountIds": [account] })).await;
    let in_unknown = filtered(&app, &user, json!({ "accountIds": [elsewhere] })).await;

    assert_eq!(in_default, id_set(&[&a, &b]));
    assert!(
        in_unknown.is_empty(),
        "no transaction is in an unknown account"
    );
}

/// One transaction in `category` (by name), or without a category for `None`.
async fn in_category(app: &TestApp, user: &TestUser, category: Option<&str>) -> String {
    let mut input = json!({ "date": "2026-03-01", "amount": "-10.00",
                            "description": format!("In {category:?}") });
    if let Some(name) = category {
        input["categoryId"] = json!(app.category(user, name).await);
    }
    let created = app.create_transaction(user, input).await;
    created["id"].as_str().expect("id").to_owned()
}

#[tokio::test]
async fn filtering_by_a_parent_category_includes_its_sub_categories() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let housing = in_category(&app, &user, Some("Housing")).await;
    let rent = in_category(&app, &user, Some("Rent")).await;
    let utilities = in_category(&app, &user, Some("Utilities")).await;
    in_category(&app, &user, Some("Groceries")).await;
    in_category(&app, &user, None).await;
    let housing_id = app.category(&user, "Housing").await;

    let selected = filtered(&app, &user, json!({ "categoryIds": [housing_id] })).await;

    let expected: HashSet<String> = [housing, rent, utilities].into_iter().collect();
    assert_eq!(
        selected, expected,
        "Housing includes Rent and Utilities, not Groceries nor uncategorised"
    );
}

#[tokio::test]
async fn filtering_by_a_sub_category_excludes_its_parent_and_siblings() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    in_category(&app, &user, Some("Housing")).await;
    let rent = in_category(&app, &user, Some("Rent")).await;
    in_category(&app, &user, Some("Utilities")).await;
    let rent_id = app.category(&user, "Rent").await;

    let selected = filtered(&app, &user, json!({ "categoryIds": [rent_id] })).await;

    assert_eq!(
        selected,
        HashSet::from([rent]),
        "Rent alone, not Housing nor Utilities"
    );
}

#[tokio::test]
async fn search_matches_a_substring_of_the_description_ignoring_case() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let upper = create(&app, &user, "2026-03-01", -300, "Morning COFFEE").await;
    let lower = create(&app, &user, "2026-03-02", -900, "coffee beans").await;
    create(&app, &user, "2026-03-03", -400, "Tea").await;

    let selected = filtered(&app, &user, json!({ "search": "Coffee" })).await;

    assert_eq!(selected, id_set(&[&upper, &lower]));
}

#[tokio::test]
async fn search_treats_percent_and_underscore_literally() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let percent = create(&app, &user, "2026-03-01", 5000, "Refund 100% approved").await;
    create(&app, &user, "2026-03-02", 5000, "Refund 1000 approved").await;
    create(&app, &user, "2026-03-03", 5000, "Refund 100 approved").await;
    let underscore = create(&app, &user, "2026-03-04", -100, "fee a_b").await;
    create(&app, &user, "2026-03-05", -100, "fee axb").await;

    let by_percent = filtered(&app, &user, json!({ "search": "100%" })).await;
    let by_underscore = filtered(&app, &user, json!({ "search": "a_b" })).await;

    assert_eq!(
        by_percent,
        id_set(&[&percent]),
        "% is a character, not a wildcard"
    );
    assert_eq!(
        by_underscore,
        id_set(&[&underscore]),
        "_ is a character, not a wildcard"
    );
}

#[tokio::test]
async fn filters_combine_with_and_and_keep_paging_consistent() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let rows = ledger(&app, &user).await;
    let filter = json!({ "dateFrom": "2026-01-11", "dateTo": "2026-01-13", "search": "row" });
    let expected: Vec<String> = sorted_ids(
        &rows
            .iter()
            .filter(|r| ("2026-01-11".."2026-01-14").contains(&r.date.as_str()))
            .cloned()
            .collect::<Vec<_>>(),
        |a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)),
    );

    let mut seen = Vec::new();
    let mut after = Value::Null;
    for _ in 0..MAX_PAGES {
        let connection = page(
            &app,
            &user,
            json!({ "first": 4, "after": after, "filter": filter }),
        )
        .await;
        assert_eq!(connection["totalCount"], expected.len());
        seen.extend(ids(&connection));
        if connection["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }

    assert_eq!(
        seen, expected,
        "filtered pages visit exactly the matching rows, in order"
    );
}

#[tokio::test]
async fn search_ignores_the_case_of_non_ascii_letters_on_every_database() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let eclair = create(&app, &user, "2026-03-01", -450, "Éclair at Café Über").await;
    create(&app, &user, "2026-03-02", -300, "Croissant").await;

    for search in ["éclair", "ÉCLAIR", "CAFÉ", "über"] {
        let selected = filtered(&app, &user, json!({ "search": search })).await;
        assert_eq!(selected, id_set(&[&eclair]), "search {search:?}");
    }
}

#[tokio::test]
async fn amounts_of_different_currencies_sort_within_their_currency() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let yen = app
        .ok(
            &user.token,
            r#"mutation { createAccount(input: {name: "Yen", kind: CASH, currency: "JPY"}) { id } }"#,
            json!({}),
        )
        .await["createAccount"]["id"]
        .clone();
    for (account, amount) in [
        (None, "20.00"),
        (Some(&yen), "500"),
        (None, "5.00"),
        (Some(&yen), "7"),
    ] {
        let mut input = json!({ "date": "2026-04-01", "amount": amount, "description": "x" });
        if let Some(account) = account {
            input["accountId"] = account.clone();
        }
        app.create_transaction(&user, input).await;
    }

    // One row per page, so every step goes through a cursor that carries the currency.
    let mut edges = Vec::new();
    let mut after = Value::Null;
    loop {
        let order = json!({ "field": "AMOUNT", "direction": "ASC" });
        let connection = page(
            &app,
            &user,
            json!({ "first": 1, "after": after, "orderBy": order }),
        )
        .await;
        edges.extend(connection["edges"].as_array().unwrap().clone());
        if connection["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = connection["pageInfo"]["endCursor"].clone();
    }
    let listed: Vec<(String, String)> = edges
        .iter()
        .map(|edge| {
            let node = &edge["node"];
            (
                node["currency"].as_str().unwrap().to_owned(),
                node["amount"].as_str().unwrap().to_owned(),
            )
        })
        .collect();

    let expected = [
        ("JPY", "7"),
        ("JPY", "500"),
        ("USD", "5.00"),
        ("USD", "20.00"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, a)| ((*c).to_owned(), (*a).to_owned()))
        .collect();
    assert_eq!(listed, expected);
}
