//! Accounts: opening one (`createAccount`), changing it (`updateAccount`), reading it back,
//! its balance, and the rules on its name, currency and opening balance.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const FIELDS: &str = "id name kind currency institution openingBalance balance isDefault archived";

fn create_mutation() -> String {
    format!(
        "mutation($input: CreateAccountInput!) {{ createAccount(input: $input) {{ {FIELDS} }} }}"
    )
}

fn update_mutation() -> String {
    format!(
        "mutation($id: UUID!, $input: UpdateAccountInput!) {{
            updateAccount(id: $id, input: $input) {{ {FIELDS} }} }}"
    )
}

fn by_id_query() -> String {
    format!("query($id: UUID!) {{ account(id: $id) {{ {FIELDS} }} }}")
}

/// A savings account in euros, with everything set.
fn savings() -> Value {
    json!({ "name": "Savings", "kind": "SAVINGS", "currency": "EUR",
            "institution": "ING", "openingBalance": "1500.00" })
}

/// The smallest valid input: a name, a kind and a currency.
fn minimal(name: &str, currency: &str) -> Value {
    json!({ "name": name, "kind": "CHECKING", "currency": currency })
}

async fn try_create(app: &TestApp, user: &TestUser, input: Value) -> Value {
    app.gql(
        Some(&user.token),
        &create_mutation(),
        json!({ "input": input }),
    )
    .await
}

/// Create an account that must succeed; returns it with all of `FIELDS`.
async fn create(app: &TestApp, user: &TestUser, input: Value) -> Value {
    let body = try_create(app, user, input).await;
    assert!(body.get("errors").is_none(), "createAccount failed: {body}");
    body["data"]["createAccount"].clone()
}

async fn try_update(app: &TestApp, user: &TestUser, id: &Value, input: Value) -> Value {
    app.gql(
        Some(&user.token),
        &update_mutation(),
        json!({ "id": id, "input": input }),
    )
    .await
}

/// Update an account; the update must succeed. Returns the account with all of `FIELDS`.
async fn update(app: &TestApp, user: &TestUser, id: &Value, input: Value) -> Value {
    let body = try_update(app, user, id, input).await;
    assert!(body.get("errors").is_none(), "updateAccount failed: {body}");
    body["data"]["updateAccount"].clone()
}

/// The account as `account(id)` shows it now.
async fn stored(app: &TestApp, user: &TestUser, id: &Value) -> Value {
    let data = app
        .ok(&user.token, &by_id_query(), json!({ "id": id }))
        .await;
    data["account"].clone()
}

/// The names of the user's accounts, in the order `accounts` lists them.
async fn account_names(app: &TestApp, user: &TestUser) -> Vec<String> {
    let data = app
        .ok(&user.token, "{ accounts { name } }", json!({}))
        .await;
    data["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .map(|a| a["name"].as_str().expect("a name").to_owned())
        .collect()
}

/// The response must be one `BAD_USER_INPUT` naming `field`.
fn assert_refused(body: &Value, field: &str, why: &str) {
    let error = error_with_code(body, "BAD_USER_INPUT");
    assert_eq!(
        error["extensions"]["field"], field,
        "{why} must be refused naming {field}: {body}"
    );
}

/// Record a transaction in `account`; returns it with its account and currency.
async fn spend(app: &TestApp, user: &TestUser, account: &Value, amount: &str) -> Value {
    app.create_transaction(
        user,
        json!({ "accountId": account, "date": "2026-05-02", "amount": amount,
                "description": "Card payment" }),
    )
    .await
}

// --- Create and read ------------------------------------------------------------------

#[tokio::test]
async fn creating_an_account_returns_it_with_everything_it_was_given() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let account = create(&app, &user, savings()).await;

    assert!(account["id"].is_string(), "a new account has an id");
    assert_eq!(account["name"], "Savings");
    assert_eq!(account["kind"], "SAVINGS");
    assert_eq!(account["currency"], "EUR");
    assert_eq!(account["institution"], "ING");
    assert_eq!(account["openingBalance"], "1500.00");
    assert_eq!(
        account["balance"], "1500.00",
        "without transactions the balance is the opening balance"
    );
    assert_eq!(
        account["isDefault"], false,
        "only the sign-up account is default"
    );
    assert_eq!(account["archived"], false, "a new account is open");
}

#[tokio::test]
async fn an_account_without_opening_balance_or_institution_starts_at_zero_with_none() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let account = create(&app, &user, minimal("Wallet", "JPY")).await;

    assert_eq!(
        account["openingBalance"], "0",
        "the default opening balance is 0, in yen without decimals"
    );
    assert_eq!(account["balance"], "0");
    assert!(account["institution"].is_null(), "no institution was given");
}

#[tokio::test]
async fn a_new_account_is_listed_after_the_default_one_and_found_by_id() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut input = savings();
    input["name"] = json!("Brokerage");
    let created = create(&app, &user, input).await;

    let names = account_names(&app, &user).await;
    let found = stored(&app, &user, &created["id"]).await;

    assert_eq!(
        names,
        ["Main account", "Brokerage"],
        "the default account comes first, even before a name that sorts earlier"
    );
    assert_eq!(found, created, "account(id) returns what was created");
}

#[tokio::test]
async fn account_names_are_stored_trimmed() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let account = create(&app, &user, minimal("  Holiday fund \t", "EUR")).await;

    assert_eq!(account["name"], "Holiday fund", "surrounding blanks go");
    assert_eq!(
        stored(&app, &user, &account["id"]).await["name"],
        "Holiday fund"
    );
}

#[tokio::test]
async fn the_balance_is_the_opening_balance_plus_the_accounts_transactions() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let account = create(&app, &user, savings()).await;

    spend(&app, &user, &account["id"], "-42.50").await;
    spend(&app, &user, &account["id"], "100.01").await;
    app.create_transaction(
        &user,
        json!({ "date": "2026-05-02", "amount": "-999.99", "description": "Elsewhere" }),
    )
    .await;

    assert_eq!(
        stored(&app, &user, &account["id"]).await["balance"],
        "1557.51",
        "1500.00 - 42.50 + 100.01; the default account's transaction does not count"
    );
}

#[tokio::test]
async fn a_transaction_created_in_the_new_account_lands_there_in_its_currency() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let account = create(&app, &user, savings()).await;

    let transaction = spend(&app, &user, &account["id"], "-12.30").await;

    assert_eq!(
        transaction["account"]["id"], account["id"],
        "accountId puts it in that account"
    );
    assert_eq!(
        transaction["currency"], "EUR",
        "a transaction is in its account's currency, not the user's base currency"
    );
    assert_eq!(transaction["amount"], "-12.30");
}

// --- Names ----------------------------------------------------------------------------

#[tokio::test]
async fn a_duplicate_account_name_is_a_conflict_on_the_name_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    create(&app, &user, savings()).await;

    for (why, name) in [
        ("the same name", "Savings"),
        ("the same name padded", " Savings "),
    ] {
        let body = try_create(&app, &user, minimal(name, "USD")).await;

        let error = error_with_code(&body, "CONFLICT");
        assert_eq!(error["extensions"]["field"], "input.name", "{why}: {body}");
    }
    assert_eq!(
        account_names(&app, &user).await,
        ["Main account", "Savings"],
        "a refused account is not created"
    );
}

#[tokio::test]
async fn renaming_an_account_to_another_accounts_name_is_a_conflict_and_keeps_the_old_name() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let account = create(&app, &user, savings()).await;

    let body = try_update(
        &app,
        &user,
        &account["id"],
        json!({ "name": "Main account" }),
    )
    .await;

    let error = error_with_code(&body, "CONFLICT");
    assert_eq!(error["extensions"]["field"], "input.name", "{body}");
    assert_eq!(
        stored(&app, &user, &account["id"]).await,
        account,
        "a refused rename changes nothing"
    );
}

#[tokio::test]
async fn renaming_an_account_to_its_own_name_is_fine() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let account = create(&app, &user, savings()).await;

    let renamed = update(&app, &user, &account["id"], json!({ "name": "Savings" })).await;

    assert_eq!(renamed, account, "an account does not collide with itself");
}

#[tokio::test]
async fn renaming_an_account_changes_its_name_in_the_list() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let account = create(&app, &user, savings()).await;

    let renamed = update(
        &app,
        &user,
        &account["id"],
        json!({ "name": " Rainy day " }),
    )
    .await;

    assert_eq!(renamed["name"], "Rainy day", "the new name, trimmed");
    assert_eq!(
        account_names(&app, &user).await,
        ["Main account", "Rainy day"]
    );
}

#[tokio::test]
async fn blank_or_too_long_names_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for (why, name) in [
        ("an empty name", String::new()),
        ("a blank name", "   ".to_owned()),
        ("a name of 101 characters", "é".repeat(101)),
    ] {
        let body = try_create(&app, &user, minimal(&name, "EUR")).await;

        assert_refused(&body, "input.name", why);
    }
    assert_eq!(
        account_names(&app, &user).await,
        ["Main account"],
        "refused inputs create nothing"
    );
}

#[tokio::test]
async fn a_name_of_exactly_100_characters_is_accepted() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let longest = "é".repeat(100);

    let account = create(&app, &user, minimal(&longest, "EUR")).await;

    assert_eq!(
        account["name"], longest,
        "100 characters is the limit, not 100 bytes"
    );
}

#[tokio::test]
async fn renaming_to_a_blank_or_too_long_name_is_refused_and_keeps_the_old_name() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let account = create(&app, &user, savings()).await;

    for (why, name) in [
        ("a blank name", " ".to_owned()),
        ("101 characters", "x".repeat(101)),
    ] {
        let body = try_update(&app, &user, &account["id"], json!({ "name": name })).await;

        assert_refused(&body, "input.name", why);
    }
    assert_eq!(stored(&app, &user, &account["id"]).await, account);
}

// --- Currency and opening balance -----------------------------------------------------

#[tokio::test]
async fn unknown_currencies_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for (why, currency) in [
        ("a made-up code", "XYZ"),
        ("a lower-case code", "eur"),
        ("an empty code", ""),
    ] {
        let body = try_create(&app, &user, minimal("Abroad", currency)).await;

        assert_refused(&body, "input.currency", why);
    }
    assert_eq!(account_names(&app, &user).await, ["Main account"]);
}

#[tokio::test]
async fn an_opening_balance_with_more_decimals_than_its_currency_has_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for (why, currency, opening) in [
        ("yen have no decimals", "JPY", "1.5"),
        ("euros have two decimals", "EUR", "10.005"),
    ] {
        let mut input = minimal("Abroad", currency);
        input["openingBalance"] = json!(opening);

        let body = try_create(&app, &user, input).await;

        assert_refused(&body, "input.openingBalance", why);
    }
    assert_eq!(account_names(&app, &user).await, ["Main account"]);
}

#[tokio::test]
async fn trailing_zeros_in_an_opening_balance_are_not_extra_decimals() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut input = minimal("Tokyo", "JPY");
    input["openingBalance"] = json!("5000.00");

    let account = create(&app, &user, input).await;

    assert_eq!(account["openingBalance"], "5000", "5000.00 yen is 5000 yen");
}

// --- Partial update -------------------------------------------------------------------

#[tokio::test]
async fn update_changes_only_the_fields_it_is_given() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = create(&app, &user, savings()).await;

    let after = update(&app, &user, &before["id"], json!({ "kind": "INVESTMENT" })).await;

    assert_eq!(after["kind"], "INVESTMENT", "the given field changes");
    for unchanged in [
        "id",
        "name",
        "currency",
        "institution",
        "openingBalance",
        "balance",
    ] {
        assert_eq!(
            after[unchanged], before[unchanged],
            "{unchanged} was not in the input and must stay"
        );
    }
    assert_eq!(
        stored(&app, &user, &before["id"]).await,
        after,
        "the update is persisted, not only echoed"
    );
}

#[tokio::test]
async fn update_can_change_name_kind_institution_and_opening_balance_at_once() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = create(&app, &user, savings()).await;

    let after = update(
        &app,
        &user,
        &before["id"],
        json!({ "name": "Brokerage", "kind": "INVESTMENT", "institution": "DEGIRO",
                "openingBalance": "-20" }),
    )
    .await;

    assert_eq!(after["name"], "Brokerage");
    assert_eq!(after["kind"], "INVESTMENT");
    assert_eq!(after["institution"], "DEGIRO");
    assert_eq!(after["openingBalance"], "-20.00");
    assert_eq!(after["currency"], "EUR", "the currency is fixed");
    assert_eq!(stored(&app, &user, &before["id"]).await, after);
}

#[tokio::test]
async fn update_with_null_institution_clears_it_and_an_omitted_one_stays() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let account = create(&app, &user, savings()).await;

    let kept = update(&app, &user, &account["id"], json!({ "name": "Savings 2" })).await;
    let cleared = update(&app, &user, &account["id"], json!({ "institution": null })).await;

    assert_eq!(
        kept["institution"], "ING",
        "an omitted institution is not a null one"
    );
    assert!(
        cleared["institution"].is_null(),
        "institution: null clears it: {cleared}"
    );
    assert!(stored(&app, &user, &account["id"]).await["institution"].is_null());
}

#[tokio::test]
async fn changing_the_opening_balance_changes_the_balance_by_exactly_the_difference() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let account = create(&app, &user, savings()).await;
    spend(&app, &user, &account["id"], "-42.50").await;
    assert_eq!(
        stored(&app, &user, &account["id"]).await["balance"],
        "1457.50"
    );

    let after = update(
        &app,
        &user,
        &account["id"],
        json!({ "openingBalance": "2000.10" }),
    )
    .await;

    assert_eq!(after["openingBalance"], "2000.10");
    assert_eq!(
        after["balance"], "1957.60",
        "the returned balance is the new opening balance plus the transactions"
    );
    assert_eq!(
        stored(&app, &user, &account["id"]).await["balance"],
        "1957.60",
        "and so is the stored one"
    );
}

#[tokio::test]
async fn an_opening_balance_update_with_too_many_decimals_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut input = minimal("Tokyo", "JPY");
    input["openingBalance"] = json!("5000");
    let account = create(&app, &user, input).await;

    let body = try_update(
        &app,
        &user,
        &account["id"],
        json!({ "openingBalance": "1.5" }),
    )
    .await;

    assert_refused(&body, "input.openingBalance", "half a yen");
    assert_eq!(stored(&app, &user, &account["id"]).await, account);
}

#[tokio::test]
async fn updating_an_unknown_account_is_not_found() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let unknown = json!(uuid::Uuid::now_v7().to_string());

    let body = try_update(&app, &user, &unknown, json!({ "name": "Ghost" })).await;

    error_with_code(&body, "NOT_FOUND");
    assert_eq!(body["data"], Value::Null, "nothing is returned: {body}");
    assert_eq!(account_names(&app, &user).await, ["Main account"]);
}

#[tokio::test]
async fn an_unknown_account_by_id_is_not_found() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let body = app
        .gql(
            Some(&user.token),
            &by_id_query(),
            json!({ "id": uuid::Uuid::now_v7().to_string() }),
        )
        .await;

    error_with_code(&body, "NOT_FOUND");
}

// --- Concurrency ----------------------------------------------------------------------

#[tokio::test]
async fn the_same_new_account_sent_at_once_is_created_once_and_the_rest_conflict() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let bodies = app
        .all_at_once(
            &user,
            &create_mutation(),
            vec![json!({ "input": savings() }); 8],
        )
        .await;

    let created = bodies.iter().filter(|b| b.get("errors").is_none()).count();
    for body in bodies.iter().filter(|b| b.get("errors").is_some()) {
        let error = error_with_code(body, "CONFLICT");
        assert_eq!(error["extensions"]["field"], "input.name", "{body}");
    }
    assert_eq!(created, 1, "exactly one of 8 identical creates may succeed");
    assert_eq!(
        account_names(&app, &user).await,
        ["Main account", "Savings"]
    );
}
