//! Account balances stay within range whatever the order and concurrency of writes, and
//! concurrent writes on SQLite wait for each other instead of failing.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

/// The largest single amount in a zero-decimal currency (10^15 yen); a balance stops at 10^17.
const MAX_YEN: &str = "1000000000000000";

async fn yen_user(app: &TestApp) -> TestUser {
    let mut user = app.signed_up_user().await;
    let body = app
        .gql(
            None,
            "mutation($input: SignupInput!) { signup(input: $input) { accessToken } }",
            json!({ "input": { "username": format!("{}y", user.username),
                    "email": format!("y{}", user.email), "password": user.password,
                    "baseCurrency": "JPY" } }),
        )
        .await;
    user.token = body["data"]["signup"]["accessToken"]
        .as_str()
        .expect("token")
        .to_owned();
    user
}

async fn create(app: &TestApp, user: &TestUser, amount: &str) -> Value {
    app.create_transaction(
        user,
        json!({ "date": "2026-06-01", "amount": amount, "description": "Big" }),
    )
    .await
}

async fn balance(app: &TestApp, user: &TestUser) -> Value {
    app.default_account_fields(&user.token, "balance").await["balance"].clone()
}

/// Bring the default account to exactly the limit, with one negative transaction in it.
async fn at_the_limit_with_a_withdrawal(app: &TestApp, user: &TestUser) -> Value {
    let negative = create(app, user, &format!("-{MAX_YEN}")).await;
    for _ in 0..101 {
        create(app, user, MAX_YEN).await;
    }
    assert_eq!(balance(app, user).await, "100000000000000000");
    negative
}

#[tokio::test]
async fn deleting_a_transaction_cannot_push_the_balance_past_the_limit() {
    let app = TestApp::spawn().await;
    let user = yen_user(&app).await;
    let negative = at_the_limit_with_a_withdrawal(&app, &user).await;

    let body = app
        .gql(
            Some(&user.token),
            "mutation($id: UUID!) { deleteTransaction(id: $id) }",
            json!({ "id": negative["id"] }),
        )
        .await;

    error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(
        balance(&app, &user).await,
        "100000000000000000",
        "nothing was deleted"
    );
}

#[tokio::test]
async fn moving_a_transaction_out_cannot_push_the_balance_it_leaves_past_the_limit() {
    let app = TestApp::spawn().await;
    let user = yen_user(&app).await;
    let negative = at_the_limit_with_a_withdrawal(&app, &user).await;
    let other = app
        .ok(
            &user.token,
            r#"mutation { createAccount(input: {name: "Other", kind: CASH, currency: "JPY"}) { id } }"#,
            json!({}),
        )
        .await;

    let body = app
        .gql(
            Some(&user.token),
            "mutation($id: UUID!, $to: UUID!) { updateTransaction(id: $id, input: {accountId: $to}) { id } }",
            json!({ "id": negative["id"], "to": other["createAccount"]["id"] }),
        )
        .await;

    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.accountId");
    assert_eq!(
        balance(&app, &user).await,
        "100000000000000000",
        "nothing moved"
    );
}

#[tokio::test]
async fn concurrent_writes_cannot_together_pass_the_balance_limit() {
    let app = TestApp::spawn().await;
    let user = yen_user(&app).await;
    for _ in 0..99 {
        create(&app, &user, MAX_YEN).await;
    }
    let query =
        "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }";
    let input =
        json!({ "input": { "date": "2026-06-02", "amount": MAX_YEN, "description": "Race" } });

    let bodies = app.all_at_once(&user, query, vec![input; 8]).await;

    let created = bodies.iter().filter(|b| b.get("errors").is_none()).count();
    assert_eq!(created, 1, "exactly one more fits: {bodies:?}");
    for refused in bodies.iter().filter(|b| b.get("errors").is_some()) {
        error_with_code(refused, "BAD_USER_INPUT");
    }
    assert_eq!(balance(&app, &user).await, "100000000000000000");
}

#[tokio::test]
async fn concurrent_updates_on_a_sqlite_file_wait_for_each_other_instead_of_failing() {
    let dir = std::env::temp_dir().join(format!("tally-sqlite-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}/tally.db?mode=rwc", dir.display());
    let app = TestApp::spawn_with(|config| config.database_url = Some(url)).await;
    let user = app.signed_up_user().await;
    let mut ids = Vec::new();
    for i in 0..16 {
        ids.push(create(&app, &user, &format!("-{i}.00")).await["id"].clone());
    }
    let query = "mutation($id: UUID!, $input: UpdateTransactionInput!) {
        updateTransaction(id: $id, input: $input) { id } }";
    let variables = ids
        .iter()
        .flat_map(|id| {
            [
                json!({ "id": id, "input": { "description": "Renamed" } }),
                json!({ "id": id, "input": { "amount": "-1.00" } }),
            ]
        })
        .collect();

    let bodies = app.all_at_once(&user, query, variables).await;

    let failed: Vec<_> = bodies
        .iter()
        .filter(|b| b.get("errors").is_some())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} failed: {failed:?}",
        failed.len(),
        bodies.len()
    );
    assert_eq!(balance(&app, &user).await, "-16.00");
    drop(app);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn each_mutation_of_a_document_sees_the_writes_before_it() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let query = r#"mutation {
        a: createTransaction(input: {date: "2026-06-01", amount: "10.00", description: "One"}) {
            account { balance } }
        u: updateAccount(id: "ACCOUNT", input: {name: "Renamed", openingBalance: "100.00"}) { name }
        b: createTransaction(input: {date: "2026-06-02", amount: "10.00", description: "Two"}) {
            account { name balance } } }"#
        .replace("ACCOUNT", &app.default_account(&user).await);

    let data = app.ok(&user.token, &query, json!({})).await;

    assert_eq!(data["a"]["account"]["balance"], "10.00");
    assert_eq!(data["b"]["account"]["name"], "Renamed");
    assert_eq!(data["b"]["account"]["balance"], "120.00");
}
