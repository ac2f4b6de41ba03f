//! Nobody sees or changes a row that is not theirs, for the finance features: transfers,
//! account lifecycle, category deletion, valuations, budgets, reports, tags and amount
//! filters, CSV import and export, the data export, idempotency keys and deleting a user.
//! User A owns a rich data set; user B, with a little data of their own, attacks with A's
//! ids. Every attempt is `NOT_FOUND` or finds nothing, and A's `exportMyData` (which holds
//! every account, category, transaction, tag, budget and valuation of A) is byte for byte
//! the same afterwards.

mod accounts;
mod budgets;
mod data;
mod reports;
mod transfers;

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const TRANSFER: &str = "mutation($input: CreateTransferInput!) { createTransfer(input: $input) {
    id from { id } to { id } } }";

const SET_BUDGET: &str = "mutation($input: SetBudgetInput!) { setBudget(input: $input) { id } }";

const SET_VALUATION: &str = "mutation($input: SetValuationInput!) {
    setValuation(input: $input) { id } }";

const IMPORT: &str = "mutation($input: ImportTransactionsInput!) {
    importTransactions(input: $input) { imported duplicates errors { row message } } }";

/// The idempotency key A used for a transaction, and the one A used for the transfer.
const A_KEY: &str = "shared-key";
const A_TRANSFER_KEY: &str = "shared-transfer-key";

/// The CSV A imported into A's main account.
const A_CSV: &str = "Date,Payee,Amount,Category\n2026-01-20,A's takeaway,-9.99,Restaurants\n";

/// Two users, in USD.
/// - A: the default "Main account" and a "Broker" INVESTMENT account opened with 1000.00
///   and valued 1800.00 on 2025-12-31; salary +3000.00 (2026-01-05), groceries -42.50
///   tagged `food` and `a-secret` (2026-01-10), a transfer of 500.00 from main to broker
///   (2026-01-15, idempotency key [`A_TRANSFER_KEY`]), an imported takeaway -9.99 in
///   Restaurants (2026-01-20), a coffee -5.00 with idempotency key [`A_KEY`] (2026-01-25),
///   and a 300.00 Groceries budget for 2026-01.
/// - B: the default account with salary +100.00 (2026-01-05) and a dinner -15.00 in
///   Restaurants tagged `b-tag` (2026-01-11), and a 40.00 Restaurants budget for 2026-01.
pub struct Scene {
    pub app: TestApp,
    pub a: TestUser,
    pub b: TestUser,
    pub a_main: String,
    pub a_broker: String,
    pub a_valuation: String,
    pub a_transfer: String,
    pub a_groceries: String,
    pub a_budget: String,
    pub a_coffee: String,
    pub b_main: String,
    pub b_restaurants: String,
    pub b_budget: String,
    pub b_dinner: String,
}

impl Scene {
    pub async fn new() -> Self {
        let app = TestApp::spawn().await;
        let (a, b) = (app.signed_up_user().await, app.signed_up_user().await);
        let a_main = app.default_account(&a).await;
        let a_broker = app
            .create_account(&a, "Broker", "INVESTMENT", "USD", "1000.00")
            .await;
        let a_groceries = app.category(&a, "Groceries").await;
        let input = json!({ "accountId": a_broker, "date": "2025-12-31", "value": "1800.00" });
        let a_valuation = created(&app, &a, SET_VALUATION, input).await;
        spend(&app, &a, "Salary", "2026-01-05", "3000.00", json!([])).await;
        spend(
            &app,
            &a,
            "Groceries",
            "2026-01-10",
            "-42.50",
            json!(["food", "a-secret"]),
        )
        .await;
        let input = json!({ "fromAccountId": a_main, "toAccountId": a_broker, "amount": "500.00",
            "date": "2026-01-15", "description": "A's saving", "idempotencyKey": A_TRANSFER_KEY });
        let a_transfer = created(&app, &a, TRANSFER, input).await;
        let imported = import(&app, &a, &a_main).await;
        assert_eq!(
            imported["data"]["importTransactions"]["imported"], 1,
            "{imported}"
        );
        let a_coffee = app.create_transaction(&a, coffee()).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let input = json!({ "categoryId": a_groceries, "month": "2026-01", "amount": "300" });
        let a_budget = created(&app, &a, SET_BUDGET, input).await;

        let b_main = app.default_account(&b).await;
        let b_restaurants = app.category(&b, "Restaurants").await;
        spend(&app, &b, "Salary", "2026-01-05", "100.00", json!([])).await;
        let b_dinner = spend(
            &app,
            &b,
            "Restaurants",
            "2026-01-11",
            "-15.00",
            json!(["b-tag"]),
        )
        .await;
        let input = json!({ "categoryId": b_restaurants, "month": "2026-01", "amount": "40" });
        let b_budget = created(&app, &b, SET_BUDGET, input).await;
        Self {
            app,
            a,
            b,
            a_main,
            a_broker,
            a_valuation,
            a_transfer,
            a_groceries,
            a_budget,
            a_coffee,
            b_main,
            b_restaurants,
            b_budget,
            b_dinner,
        }
    }

    /// Everything of `user`, as `exportMyData` gives it.
    pub async fn data_of(&self, user: &TestUser) -> Value {
        let data = self
            .app
            .ok(&user.token, "{ exportMyData }", json!({}))
            .await;
        data["exportMyData"].clone()
    }

    /// The exports of A and B as text, to compare byte for byte.
    pub async fn snapshot(&self) -> (String, String) {
        (
            self.data_of(&self.a).await.to_string(),
            self.data_of(&self.b).await.to_string(),
        )
    }

    /// Neither A's data nor B's has changed since `before`.
    pub async fn assert_unchanged(&self, before: &(String, String), case: &str) {
        let (a, b) = self.snapshot().await;
        assert_eq!(a, before.0, "{case}: A's data changed");
        assert_eq!(b, before.1, "{case}: B's data changed");
    }

    /// Run `query` as B; it must fail with exactly one `NOT_FOUND` and no data.
    pub async fn b_is_told_not_found(&self, query: &str, variables: Value, case: &str) {
        let body = self.app.gql(Some(&self.b.token), query, variables).await;
        error_with_code(&body, "NOT_FOUND");
        assert_eq!(body["data"], Value::Null, "{case}: no data for B: {body}");
    }

    /// Run `query` as B once with `$id` = A's `id` and once with a fresh id: both answers
    /// must be the same `NOT_FOUND`, so B cannot even tell that A's row exists.
    pub async fn b_finds_it_missing(&self, query: &str, id: &str) {
        let theirs = self
            .app
            .gql(Some(&self.b.token), query, json!({ "id": id }))
            .await;
        let fresh = json!({ "id": uuid::Uuid::now_v7().to_string() });
        let missing = self.app.gql(Some(&self.b.token), query, fresh).await;
        error_with_code(&theirs, "NOT_FOUND");
        assert_eq!(theirs, missing, "A's row must look like a missing one");
    }

    /// Run `query` as B; it must succeed.
    pub async fn as_b(&self, query: &str, variables: Value) -> Value {
        self.app.ok(&self.b.token, query, variables).await
    }

    /// Run `query` as A; it must succeed.
    pub async fn as_a(&self, query: &str, variables: Value) -> Value {
        self.app.ok(&self.a.token, query, variables).await
    }
}

/// A's coffee, created with [`A_KEY`] in the default account.
pub fn coffee() -> Value {
    json!({ "date": "2026-01-25", "amount": "-5.00", "description": "Coffee",
            "idempotencyKey": A_KEY })
}

/// Import [`A_CSV`] as `user` into `account`; the whole response body.
pub async fn import(app: &TestApp, user: &TestUser, account: &str) -> Value {
    let input = json!({ "accountId": account, "csv": A_CSV, "mapping": { "date": "Date",
        "description": "Payee", "amount": "Amount", "category": "Category" } });
    app.gql(Some(&user.token), IMPORT, json!({ "input": input }))
        .await
}

/// Run a create mutation as `user`; the created row's id.
async fn created(app: &TestApp, user: &TestUser, mutation: &str, input: Value) -> String {
    let data = app
        .ok(&user.token, mutation, json!({ "input": input }))
        .await;
    let row = data.as_object().and_then(|d| d.values().next()).unwrap();
    row["id"].as_str().unwrap().to_owned()
}

/// A transaction of `user` in their default account and `category`; its id.
async fn spend(
    app: &TestApp,
    user: &TestUser,
    category: &str,
    date: &str,
    amount: &str,
    tags: Value,
) -> String {
    let input = json!({ "categoryId": app.category(user, category).await, "date": date,
        "amount": amount, "description": format!("{category} of {}", user.username),
        "tags": tags });
    let created = app.create_transaction(user, input).await;
    created["id"].as_str().unwrap().to_owned()
}

/// Every string under `value` held by an `id` key or a key ending in `Id`.
pub fn all_ids(value: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    collect_ids(value, &mut ids);
    ids
}

fn collect_ids(value: &Value, ids: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match child {
                    Value::String(id) if key == "id" || key.ends_with("Id") => {
                        ids.push(id.clone());
                    }
                    _ => collect_ids(child, ids),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_ids(item, ids)),
        _ => {}
    }
}
