//! Transactions: create, read, partial update, delete, input validation, the data a sign-up
//! seeds, and batched loading of each row's account and category.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const FIELDS: &str = "id date amount currency description notes createdAt updatedAt
    account { id name } category { id name }";

fn create_mutation() -> String {
    format!(
        "mutation($input: CreateTransactionInput!) {{ createTransaction(input: $input) {{ {FIELDS} }} }}"
    )
}

fn update_mutation() -> String {
    format!(
        "mutation($id: UUID!, $input: UpdateTransactionInput!) {{
            updateTransaction(id: $id, input: $input) {{ {FIELDS} }} }}"
    )
}

fn by_id_query() -> String {
    format!("query($id: UUID!) {{ transaction(id: $id) {{ {FIELDS} }} }}")
}

const DELETE: &str = "mutation($id: UUID!) { deleteTransaction(id: $id) }";

/// Create a transaction that must succeed; returns it with all of `FIELDS`.
async fn create(app: &TestApp, user: &TestUser, input: Value) -> Value {
    let data = app
        .ok(&user.token, &create_mutation(), json!({ "input": input }))
        .await;
    data["createTransaction"].clone()
}

/// Try to create a transaction; returns the whole response body.
async fn try_create(app: &TestApp, user: &TestUser, input: Value) -> Value {
    app.gql(
        Some(&user.token),
        &create_mutation(),
        json!({ "input": input }),
    )
    .await
}

async fn try_update(app: &TestApp, user: &TestUser, id: &str, input: Value) -> Value {
    app.gql(
        Some(&user.token),
        &update_mutation(),
        json!({ "id": id, "input": input }),
    )
    .await
}

async fn update(app: &TestApp, user: &TestUser, id: &str, input: Value) -> Value {
    let body = try_update(app, user, id, input).await;
    assert!(body.get("errors").is_none(), "update failed: {body}");
    body["data"]["updateTransaction"].clone()
}

async fn try_get(app: &TestApp, user: &TestUser, id: &str) -> Value {
    app.gql(Some(&user.token), &by_id_query(), json!({ "id": id }))
        .await
}

async fn try_delete(app: &TestApp, user: &TestUser, id: &str) -> Value {
    app.gql(Some(&user.token), DELETE, json!({ "id": id }))
        .await
}

/// A transaction with everything set: an explicit account, a category and notes.
async fn full_transaction(app: &TestApp, user: &TestUser) -> Value {
    let account = app.default_account(user).await;
    let groceries = app.category(user, "Groceries").await;
    create(
        app,
        user,
        json!({
            "accountId": account, "categoryId": groceries, "date": "2026-03-14",
            "amount": "-42.50", "description": "Weekly shop", "notes": "Farmers market"
        }),
    )
    .await
}

fn minimal_input(description: &str) -> Value {
    json!({ "date": "2026-03-14", "amount": "-1.00", "description": description })
}

async fn signup_with_currency(app: &TestApp, currency: &str) -> Value {
    let suffix = &uuid::Uuid::new_v4().simple().to_string()[..12];
    let input = json!({
        "username": format!("cur_{suffix}"), "email": format!("cur_{suffix}@example.com"),
        "password": format!("pass-{suffix}-phrase"), "baseCurrency": currency
    });
    let body = app
        .gql(
            None,
            "mutation($input: SignupInput!) { signup(input: $input) { accessToken } }",
            json!({ "input": input }),
        )
        .await;
    assert!(body.get("errors").is_none(), "signup failed: {body}");
    body["data"]["signup"].clone()
}

fn parse_instant(value: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    let text = value.as_str().expect("a DateTime is a string");
    chrono::DateTime::parse_from_rfc3339(text).expect("DateTime is RFC 3339")
}

// --- What sign-up seeds ---------------------------------------------------------------

#[tokio::test]
async fn signup_seeds_one_default_usd_account_named_main_account() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let data = app
        .ok(
            &user.token,
            "{ accounts { name isDefault currency balance } }",
            json!({}),
        )
        .await;

    assert_eq!(
        data["accounts"],
        json!([{ "name": "Main account", "isDefault": true, "currency": "USD", "balance": "0.00" }]),
        "a new user starts with exactly one empty default USD account"
    );
}

#[tokio::test]
async fn signup_with_a_base_currency_gives_the_default_account_that_currency() {
    let app = TestApp::spawn().await;
    let signup = signup_with_currency(&app, "EUR").await;
    let token = signup["accessToken"].as_str().expect("token");

    let data = app
        .ok(token, "{ accounts { isDefault currency } }", json!({}))
        .await;

    assert_eq!(
        data["accounts"],
        json!([{ "isDefault": true, "currency": "EUR" }]),
        "baseCurrency EUR must make the default account EUR"
    );
}

#[tokio::test]
async fn signup_seeds_a_two_level_category_tree_whose_children_point_to_their_parent() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let data = app
        .ok(
            &user.token,
            "{ categories { id name parent { id } children { name parent { id name } } } }",
            json!({}),
        )
        .await;

    let tops = data["categories"].as_array().expect("categories");
    let children_of = |name: &str| -> Vec<String> {
        let top = tops
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("no top-level category {name} in {data}"));
        assert!(top["parent"].is_null(), "{name} is top-level: {top}");
        let children = top["children"].as_array().expect("children");
        for child in children {
            assert_eq!(child["parent"]["id"], top["id"], "parent of {child}");
            assert_eq!(child["parent"]["name"], name, "parent of {child}");
        }
        children
            .iter()
            .map(|c| c["name"].as_str().expect("name").to_owned())
            .collect()
    };
    let expected: [(&str, &[&str]); 4] = [
        ("Income", &["Salary", "Bonus"]),
        ("Housing", &["Rent", "Utilities"]),
        (
            "Personal running costs",
            &["Groceries", "Restaurants", "Transport"],
        ),
        ("Travel", &[]),
    ];
    for (parent, wanted) in expected {
        let children = children_of(parent);
        assert!(!children.is_empty(), "{parent} has sub-categories");
        for child in wanted {
            assert!(
                children.iter().any(|c| c == child),
                "{parent} should contain {child}: {children:?}"
            );
        }
    }
}

// --- Create and read ------------------------------------------------------------------

#[tokio::test]
async fn creating_without_an_account_puts_the_transaction_in_the_default_account() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let default_account = app.default_account(&user).await;

    let created = create(&app, &user, minimal_input("Coffee")).await;

    assert_eq!(
        created["account"]["id"], default_account,
        "no accountId means the default account"
    );
    assert_eq!(created["account"]["name"], "Main account");
    assert_eq!(created["currency"], "USD");
    assert!(created["category"].is_null(), "no category was given");
    assert!(created["notes"].is_null(), "no notes were given");
}

#[tokio::test]
async fn creating_with_an_account_category_and_notes_stores_all_of_them() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let created = full_transaction(&app, &user).await;

    assert_eq!(created["account"]["id"], app.default_account(&user).await);
    assert_eq!(created["category"]["name"], "Groceries");
    assert_eq!(created["date"], "2026-03-14");
    assert_eq!(created["amount"], "-42.50");
    assert_eq!(created["description"], "Weekly shop");
    assert_eq!(created["notes"], "Farmers market");
    assert_eq!(
        created["createdAt"], created["updatedAt"],
        "a fresh transaction was never updated"
    );
}

#[tokio::test]
async fn transaction_by_id_returns_exactly_what_was_created() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let created = full_transaction(&app, &user).await;
    let id = created["id"].as_str().expect("id");

    let body = try_get(&app, &user, id).await;

    assert!(body.get("errors").is_none(), "lookup failed: {body}");
    assert_eq!(
        body["data"]["transaction"], created,
        "reading back must give the created transaction"
    );
}

// --- Partial update -------------------------------------------------------------------

#[tokio::test]
async fn update_changes_only_the_fields_it_is_given() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = full_transaction(&app, &user).await;
    let id = before["id"].as_str().expect("id");

    let after = update(&app, &user, id, json!({ "amount": "-40.00" })).await;

    assert_eq!(after["amount"], "-40.00", "the given field changes");
    for unchanged in [
        "date",
        "description",
        "notes",
        "category",
        "account",
        "createdAt",
    ] {
        assert_eq!(
            after[unchanged], before[unchanged],
            "{unchanged} was not in the input and must stay"
        );
    }
}

#[tokio::test]
async fn update_can_change_every_field_at_once() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = full_transaction(&app, &user).await;
    let id = before["id"].as_str().expect("id");
    let rent = app.category(&user, "Rent").await;

    let after = update(
        &app,
        &user,
        id,
        json!({ "date": "2026-04-01", "amount": "-900", "description": "April rent",
                "categoryId": rent, "notes": "Paid by transfer" }),
    )
    .await;

    assert_eq!(after["date"], "2026-04-01");
    assert_eq!(after["amount"], "-900.00");
    assert_eq!(after["description"], "April rent");
    assert_eq!(after["category"]["name"], "Rent");
    assert_eq!(after["notes"], "Paid by transfer");
    let stored = try_get(&app, &user, id).await;
    assert_eq!(
        stored["data"]["transaction"], after,
        "the update must be persisted, not only echoed"
    );
}

#[tokio::test]
async fn update_with_null_category_and_notes_clears_them() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = full_transaction(&app, &user).await;
    let id = before["id"].as_str().expect("id");

    let after = update(
        &app,
        &user,
        id,
        json!({ "categoryId": null, "notes": null }),
    )
    .await;

    assert!(after["category"].is_null(), "categoryId: null clears it");
    assert!(after["notes"].is_null(), "notes: null clears them");
    assert_eq!(after["description"], before["description"]);
    assert_eq!(after["amount"], before["amount"]);
}

#[tokio::test]
async fn update_with_an_empty_input_keeps_category_and_notes() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = full_transaction(&app, &user).await;
    let id = before["id"].as_str().expect("id");

    let after = update(&app, &user, id, json!({})).await;

    assert_eq!(
        after["category"], before["category"],
        "an omitted categoryId is not a null one"
    );
    assert_eq!(
        after["notes"], before["notes"],
        "omitted notes are not null ones"
    );
}

#[tokio::test]
async fn update_moves_updated_at_forward_and_keeps_created_at() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = full_transaction(&app, &user).await;
    let id = before["id"].as_str().expect("id");
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;

    let after = update(&app, &user, id, json!({ "description": "Monthly shop" })).await;

    assert!(
        parse_instant(&after["updatedAt"]) > parse_instant(&before["updatedAt"]),
        "updatedAt must move forward: {} -> {}",
        before["updatedAt"],
        after["updatedAt"]
    );
    assert_eq!(
        after["createdAt"], before["createdAt"],
        "createdAt never changes"
    );
}

#[tokio::test]
async fn updating_an_unknown_transaction_is_not_found() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let unknown = uuid::Uuid::new_v4().to_string();

    let body = try_update(&app, &user, &unknown, json!({ "description": "x" })).await;

    error_with_code(&body, "NOT_FOUND");
}

// --- Delete ---------------------------------------------------------------------------

#[tokio::test]
async fn deleting_a_transaction_returns_its_id_and_then_it_is_not_found() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let created = create(&app, &user, minimal_input("Mistake")).await;
    let id = created["id"].as_str().expect("id");

    let deleted = app.ok(&user.token, DELETE, json!({ "id": id })).await;

    assert_eq!(deleted["deleteTransaction"], id, "delete returns the id");
    let lookup = try_get(&app, &user, id).await;
    error_with_code(&lookup, "NOT_FOUND");
}

#[tokio::test]
async fn deleting_a_transaction_twice_is_not_found_the_second_time() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let created = create(&app, &user, minimal_input("Mistake")).await;
    let id = created["id"].as_str().expect("id");
    app.ok(&user.token, DELETE, json!({ "id": id })).await;

    let again = try_delete(&app, &user, id).await;

    error_with_code(&again, "NOT_FOUND");
}

#[tokio::test]
async fn deleting_removes_the_transaction_from_the_list_and_the_balance() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    create(&app, &user, minimal_input("Keep")).await;
    let gone = create(&app, &user, minimal_input("Drop")).await;

    app.ok(&user.token, DELETE, json!({ "id": gone["id"] }))
        .await;

    let data = app
        .ok(
            &user.token,
            "{ transactions { totalCount edges { node { description } } } accounts { balance } }",
            json!({}),
        )
        .await;
    assert_eq!(data["transactions"]["totalCount"], 1);
    assert_eq!(
        data["transactions"]["edges"],
        json!([{ "node": { "description": "Keep" } }])
    );
    assert_eq!(
        data["accounts"][0]["balance"], "-1.00",
        "only the kept one counts"
    );
}

// --- Validation -----------------------------------------------------------------------

#[tokio::test]
async fn blank_too_long_or_nul_descriptions_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for (why, description) in [
        ("empty", String::new()),
        ("blank", "   ".to_owned()),
        ("501 characters", "x".repeat(501)),
        ("a NUL byte", "a\u{0}b".to_owned()),
    ] {
        let body = try_create(&app, &user, minimal_input(&description)).await;

        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(
            error["extensions"]["field"], "input.description",
            "a description that is {why}: {body}"
        );
    }
    let list = app
        .ok(&user.token, "{ transactions { totalCount } }", json!({}))
        .await;
    assert_eq!(
        list["transactions"]["totalCount"], 0,
        "refused inputs store nothing"
    );
}

#[tokio::test]
async fn a_description_of_exactly_500_characters_is_accepted_and_trimmed_text_is_stored() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let longest = "é".repeat(500);

    let created = create(&app, &user, minimal_input(&longest)).await;
    let trimmed = create(&app, &user, minimal_input("  Bakery  ")).await;

    assert_eq!(
        created["description"], longest,
        "500 characters is the limit, not 500 bytes"
    );
    assert_eq!(trimmed["description"], "Bakery");
}

#[tokio::test]
async fn update_refuses_a_blank_description_and_keeps_the_old_one() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let created = create(&app, &user, minimal_input("Original")).await;
    let id = created["id"].as_str().expect("id");

    let body = try_update(&app, &user, id, json!({ "description": " " })).await;

    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.description");
    let stored = try_get(&app, &user, id).await;
    assert_eq!(stored["data"]["transaction"]["description"], "Original");
}

#[tokio::test]
async fn an_unknown_account_or_category_is_not_found() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let unknown = uuid::Uuid::new_v4().to_string();

    for field in ["accountId", "categoryId"] {
        let mut input = minimal_input("Ghost");
        input[field] = json!(unknown);

        let body = try_create(&app, &user, input).await;

        error_with_code(&body, "NOT_FOUND");
    }
}

#[tokio::test]
async fn another_users_account_or_category_is_not_found() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let other = app.signed_up_user().await;
    let their_account = app.default_account(&other).await;
    let their_category = app.category(&other, "Groceries").await;

    for (field, id) in [("accountId", their_account), ("categoryId", their_category)] {
        let mut input = minimal_input("Not mine");
        input[field] = json!(id);

        let body = try_create(&app, &user, input).await;

        error_with_code(&body, "NOT_FOUND");
    }
}

#[tokio::test]
async fn updating_to_an_unknown_category_is_not_found_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let created = full_transaction(&app, &user).await;
    let id = created["id"].as_str().expect("id");
    let unknown = uuid::Uuid::new_v4().to_string();

    let body = try_update(&app, &user, id, json!({ "categoryId": unknown })).await;

    error_with_code(&body, "NOT_FOUND");
    let stored = try_get(&app, &user, id).await;
    assert_eq!(
        stored["data"]["transaction"]["category"]["name"],
        "Groceries"
    );
}

// --- Batched loading ------------------------------------------------------------------

const LIST_WITH_RELATIONS: &str = "{ transactions(first: 50) { edges { node {
    id amount tags account { name balance } category { name parent { name } } } } } }";

/// Add `count` transactions spread over several sub-categories.
async fn add_transactions(app: &TestApp, user: &TestUser, categories: &[String], count: usize) {
    for i in 0..count {
        let category = &categories[i % categories.len()];
        create(
            app,
            user,
            json!({ "date": "2026-02-01", "amount": format!("-{i}.25"),
                    "description": format!("Row {i}"), "categoryId": category }),
        )
        .await;
    }
}

/// Run the listing with accounts and categories a few times; returns the fewest statements
/// one run took, and the edges. A dataloader gathers keys for 1 ms before it queries, so on a
/// loaded machine a batch now and then splits in two: the fewest over a few runs is what the
/// batching achieves, while an N+1 shows up in every run.
async fn statements_for_listing(app: &TestApp, user: &TestUser) -> (u64, Vec<Value>) {
    let mut fewest = u64::MAX;
    let mut edges = Vec::new();
    for _ in 0..3 {
        let before = app.store.statements_executed();
        let data = app.ok(&user.token, LIST_WITH_RELATIONS, json!({})).await;
        fewest = fewest.min(app.store.statements_executed() - before);
        edges = data["transactions"]["edges"]
            .as_array()
            .expect("edges")
            .clone();
    }
    (fewest, edges)
}

#[tokio::test]
async fn listing_accounts_and_categories_of_5_or_50_rows_runs_the_same_few_statements() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut categories = Vec::new();
    for name in [
        "Groceries",
        "Restaurants",
        "Transport",
        "Rent",
        "Utilities",
        "Salary",
    ] {
        categories.push(app.category(&user, name).await);
    }
    add_transactions(&app, &user, &categories, 5).await;

    let (with_5, edges_5) = statements_for_listing(&app, &user).await;
    add_transactions(&app, &user, &categories, 45).await;
    let (with_50, edges_50) = statements_for_listing(&app, &user).await;

    assert_eq!(edges_5.len(), 5);
    assert_eq!(edges_50.len(), 50);
    for edge in &edges_50 {
        let node = &edge["node"];
        assert_eq!(node["account"]["name"], "Main account", "{node}");
        assert!(
            node["category"]["parent"]["name"].is_string(),
            "every row's category and its parent load: {node}"
        );
    }
    assert_eq!(
        with_5, with_50,
        "statements must not grow with the number of rows (N+1): 5 rows → {with_5}, 50 rows → {with_50}"
    );
    assert!(
        with_5 >= 3,
        "the page, its accounts and its categories need a statement each, counted {with_5}"
    );
    assert!(
        with_50 <= 6,
        "listing with relations should take a handful of statements, took {with_50}"
    );
}

// --- Moving between accounts ----------------------------------------------------------

/// Open another account for `user`; returns its id.
/// The balance of one account, as `account(id)` shows it.
async fn balance(app: &TestApp, user: &TestUser, account: &str) -> Value {
    let data = app
        .ok(
            &user.token,
            "query($id: UUID!) { account(id: $id) { balance } }",
            json!({ "id": account }),
        )
        .await;
    data["account"]["balance"].clone()
}

/// A user with a transaction of -42.50 USD in the default account; returns the user, the
/// default account and the transaction.
async fn user_with_a_purchase(app: &TestApp) -> (TestUser, String, Value) {
    let user = app.signed_up_user().await;
    let default_account = app.default_account(&user).await;
    let created = create(
        app,
        &user,
        json!({ "date": "2026-03-14", "amount": "-42.50", "description": "Weekly shop" }),
    )
    .await;
    (user, default_account, created)
}

#[tokio::test]
async fn moving_a_transaction_to_an_account_in_the_same_currency_keeps_its_amount_and_moves_the_balance()
 {
    let app = TestApp::spawn().await;
    let (user, default_account, created) = user_with_a_purchase(&app).await;
    let wallet = app.open_account(&user, "Wallet", "USD").await;
    let id = created["id"].as_str().expect("id");

    let moved = update(&app, &user, id, json!({ "accountId": wallet })).await;

    assert_eq!(moved["account"]["id"], wallet, "it is in the new account");
    assert_eq!(moved["amount"], "-42.50", "the amount is kept");
    assert_eq!(moved["currency"], "USD");
    assert_eq!(
        balance(&app, &user, &default_account).await,
        "0.00",
        "the old account no longer counts it"
    );
    assert_eq!(
        balance(&app, &user, &wallet).await,
        "-42.50",
        "the new account counts it exactly"
    );
}

#[tokio::test]
async fn moving_a_transaction_to_an_account_in_another_currency_without_an_amount_is_refused() {
    let app = TestApp::spawn().await;
    let (user, default_account, created) = user_with_a_purchase(&app).await;
    let euros = app.open_account(&user, "Euro cash", "EUR").await;
    let id = created["id"].as_str().expect("id");

    let body = try_update(&app, &user, id, json!({ "accountId": euros })).await;

    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(
        error["extensions"]["field"], "input.amount",
        "an amount in USD must not silently become one in EUR: {body}"
    );
    let stored = try_get(&app, &user, id).await;
    assert_eq!(
        stored["data"]["transaction"], created,
        "the refused move changes nothing"
    );
    assert_eq!(balance(&app, &user, &default_account).await, "-42.50");
    assert_eq!(balance(&app, &user, &euros).await, "0.00");
}

#[tokio::test]
async fn moving_a_transaction_to_another_currency_with_an_amount_in_it_moves_it() {
    let app = TestApp::spawn().await;
    let (user, default_account, created) = user_with_a_purchase(&app).await;
    let euros = app.open_account(&user, "Euro cash", "EUR").await;
    let id = created["id"].as_str().expect("id");

    let moved = update(
        &app,
        &user,
        id,
        json!({ "accountId": euros, "amount": "-39.10" }),
    )
    .await;

    assert_eq!(moved["account"]["id"], euros);
    assert_eq!(
        moved["currency"], "EUR",
        "it shows the new account's currency"
    );
    assert_eq!(moved["amount"], "-39.10", "and the amount given in it");
    assert_eq!(
        try_get(&app, &user, id).await["data"]["transaction"],
        moved,
        "the move is persisted"
    );
    assert_eq!(balance(&app, &user, &default_account).await, "0.00");
    assert_eq!(balance(&app, &user, &euros).await, "-39.10");
}

#[tokio::test]
async fn moving_a_transaction_to_yen_with_cents_is_refused_naming_the_amount() {
    let app = TestApp::spawn().await;
    let (user, _, created) = user_with_a_purchase(&app).await;
    let yen = app.open_account(&user, "Yen cash", "JPY").await;
    let id = created["id"].as_str().expect("id");

    let body = try_update(
        &app,
        &user,
        id,
        json!({ "accountId": yen, "amount": "-6000.5" }),
    )
    .await;

    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.amount", "{body}");
    assert_eq!(
        try_get(&app, &user, id).await["data"]["transaction"],
        created
    );
}

#[tokio::test]
async fn moving_a_transaction_to_an_unknown_account_is_not_found_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (user, default_account, created) = user_with_a_purchase(&app).await;
    let id = created["id"].as_str().expect("id");
    let unknown = uuid::Uuid::now_v7().to_string();

    let body = try_update(&app, &user, id, json!({ "accountId": unknown })).await;

    error_with_code(&body, "NOT_FOUND");
    assert_eq!(
        try_get(&app, &user, id).await["data"]["transaction"],
        created
    );
    assert_eq!(balance(&app, &user, &default_account).await, "-42.50");
}
