//! Budgets (`budgets`, `setBudget`, `deleteBudget`, `copyBudgets`, `budgetStatus`): one per
//! expense category and month, spending counted by calendar month in one currency, parent
//! budgets covering their sub-categories without double counting.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const SET: &str = "mutation($input: SetBudgetInput!) {
    setBudget(input: $input) { id month amount currency category { name } } }";

const STATUS: &str = "query($month: Month!, $currency: String) {
    budgetStatus(month: $month, currency: $currency) {
        month currency totalBudgeted totalSpent totalRemaining
        lines { budget { category { name } } budgeted spent remaining countedInTotals } } }";

async fn budget(
    app: &TestApp,
    user: &TestUser,
    category: &str,
    month: &str,
    amount: &str,
) -> Value {
    let input = json!({ "categoryId": app.category(user, category).await, "month": month,
                        "amount": amount });
    app.ok(&user.token, SET, json!({ "input": input })).await["setBudget"].clone()
}

async fn spend(app: &TestApp, user: &TestUser, category: &str, date: &str, amount: &str) {
    let input = json!({ "categoryId": app.category(user, category).await, "date": date,
                        "amount": amount, "description": "Spend" });
    app.create_transaction(user, input).await;
}

fn line<'a>(status: &'a Value, category: &str) -> &'a Value {
    status["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["budget"]["category"]["name"] == category)
        .unwrap_or_else(|| panic!("no line for {category}: {status}"))
}

#[tokio::test]
async fn setting_a_budget_twice_replaces_the_amount() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let first = budget(&app, &user, "Groceries", "2026-01", "300").await;
    let second = budget(&app, &user, "Groceries", "2026-01", "250.50").await;

    assert_eq!(first["month"], "2026-01");
    assert_eq!(first["currency"], "USD", "the base currency by default");
    assert_eq!(first["category"]["name"], "Groceries");
    assert_eq!(second["id"], first["id"]);
    assert_eq!(second["amount"], "250.50");
    let data = app
        .ok(
            &user.token,
            "{ budgets(month: \"2026-01\") { id amount } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data["budgets"],
        json!([{ "id": first["id"], "amount": "250.50" }])
    );
}

#[tokio::test]
async fn spending_counts_in_the_calendar_month_of_its_date() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    budget(&app, &user, "Groceries", "2026-01", "100").await;
    budget(&app, &user, "Groceries", "2026-02", "100").await;
    spend(&app, &user, "Groceries", "2026-01-31", "-40.00").await;
    spend(&app, &user, "Groceries", "2026-02-01", "-60.00").await;

    let january = app
        .ok(&user.token, STATUS, json!({ "month": "2026-01" }))
        .await;
    let february = app
        .ok(&user.token, STATUS, json!({ "month": "2026-02" }))
        .await;

    assert_eq!(
        line(&january["budgetStatus"], "Groceries")["spent"],
        "40.00"
    );
    assert_eq!(
        line(&february["budgetStatus"], "Groceries")["spent"],
        "60.00"
    );
    assert_eq!(february["budgetStatus"]["totalRemaining"], "40.00");
}

#[tokio::test]
async fn a_parent_budget_covers_its_children_and_totals_count_them_once() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let euro = app
        .create_account(&user, "Euro", "CHECKING", "EUR", "0")
        .await;
    budget(&app, &user, "Personal running costs", "2026-01", "500").await;
    budget(&app, &user, "Groceries", "2026-01", "200").await;
    budget(&app, &user, "Rent", "2026-01", "1000").await;
    spend(&app, &user, "Groceries", "2026-01-31", "-40.00").await;
    spend(&app, &user, "Groceries", "2026-01-15", "10.00").await;
    spend(&app, &user, "Restaurants", "2026-01-10", "-100.00").await;
    spend(&app, &user, "Rent", "2026-01-01", "-1100.00").await;
    let in_euro = json!({ "accountId": euro, "categoryId": app.category(&user, "Groceries").await,
                          "date": "2026-01-20", "amount": "-999.00", "description": "Abroad" });
    app.create_transaction(&user, in_euro).await;

    let data = app
        .ok(&user.token, STATUS, json!({ "month": "2026-01" }))
        .await;

    let status = &data["budgetStatus"];
    assert_eq!(status["currency"], "USD");
    let groceries = line(status, "Groceries");
    assert_eq!(
        groceries["spent"], "30.00",
        "40 less the 10 refund; the euro spend is not here"
    );
    assert_eq!(groceries["remaining"], "170.00");
    assert_eq!(groceries["countedInTotals"], false);
    let parent = line(status, "Personal running costs");
    assert_eq!(parent["spent"], "130.00", "groceries 30 + restaurants 100");
    assert_eq!(parent["countedInTotals"], true);
    assert_eq!(line(status, "Rent")["remaining"], "-100.00");
    assert_eq!(status["totalBudgeted"], "1500.00");
    assert_eq!(status["totalSpent"], "1230.00");
    assert_eq!(status["totalRemaining"], "270.00");
}

#[tokio::test]
async fn budget_status_in_another_currency_counts_only_that_currency() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let euro = app
        .create_account(&user, "Euro", "CHECKING", "EUR", "0")
        .await;
    let groceries = app.category(&user, "Groceries").await;
    let input = json!({ "categoryId": groceries, "month": "2026-01", "amount": "80",
                        "currency": "EUR" });
    app.ok(&user.token, SET, json!({ "input": input })).await;
    budget(&app, &user, "Groceries", "2026-02", "100").await;
    spend(&app, &user, "Groceries", "2026-01-05", "-25.00").await;
    let in_euro = json!({ "accountId": euro, "categoryId": groceries, "date": "2026-01-06",
                          "amount": "-30.00", "description": "Abroad" });
    app.create_transaction(&user, in_euro).await;

    let eur = app
        .ok(
            &user.token,
            STATUS,
            json!({ "month": "2026-01", "currency": "EUR" }),
        )
        .await;
    let usd = app
        .ok(&user.token, STATUS, json!({ "month": "2026-01" }))
        .await;

    assert_eq!(line(&eur["budgetStatus"], "Groceries")["spent"], "30.00");
    assert_eq!(eur["budgetStatus"]["totalRemaining"], "50.00");
    assert_eq!(
        usd["budgetStatus"]["lines"],
        json!([]),
        "the January budget is in euros"
    );
}

#[tokio::test]
async fn copying_budgets_keeps_the_ones_the_month_already_has() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    budget(&app, &user, "Groceries", "2026-01", "200").await;
    budget(&app, &user, "Rent", "2026-01", "1000").await;
    budget(&app, &user, "Groceries", "2026-02", "250").await;
    let copy = "mutation { copyBudgets(month: \"2026-02\") { month amount category { name } } }";

    let data = app.ok(&user.token, copy, json!({})).await;
    let again = app.ok(&user.token, copy, json!({})).await;

    let mut copied: Vec<(Value, Value, Value)> = data["copyBudgets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["category"]["name"].clone(),
                b["amount"].clone(),
                b["month"].clone(),
            )
        })
        .collect();
    copied.sort_by_key(|c| c.0.to_string());
    assert_eq!(
        copied,
        vec![
            (json!("Groceries"), json!("250.00"), json!("2026-02")),
            (json!("Rent"), json!("1000.00"), json!("2026-02")),
        ]
    );
    assert_eq!(
        again["copyBudgets"].as_array().unwrap().len(),
        2,
        "copying twice adds nothing"
    );
    let january = app
        .ok(
            &user.token,
            "{ budgets(month: \"2026-01\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(january["budgets"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn copying_across_a_year_boundary_takes_december() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    budget(&app, &user, "Gym", "2025-12", "40").await;

    let data = app
        .ok(
            &user.token,
            "mutation { copyBudgets(month: \"2026-01\") { month amount } }",
            json!({}),
        )
        .await;

    assert_eq!(
        data["copyBudgets"],
        json!([{ "month": "2026-01", "amount": "40.00" }])
    );
}

#[tokio::test]
async fn bad_budgets_are_bad_user_input() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;
    let salary = app.category(&user, "Salary").await;
    let cases = [
        (
            json!({ "categoryId": salary, "month": "2026-01", "amount": "1" }),
            "input.categoryId",
        ),
        (
            json!({ "categoryId": groceries, "month": "2026-01", "amount": "-1" }),
            "input.amount",
        ),
        (
            json!({ "categoryId": groceries, "month": "2026-01", "amount": "1.005" }),
            "input.amount",
        ),
        (
            json!({ "categoryId": groceries, "month": "2026-01", "amount": "1", "currency": "EURO" }),
            "input.currency",
        ),
        (
            json!({ "categoryId": groceries, "month": "2026-13", "amount": "1" }),
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
    let status = app
        .gql(Some(&user.token), STATUS, json!({ "month": "2026-13" }))
        .await;
    error_with_code(&status, "BAD_USER_INPUT");
    let literal = app
        .gql(
            Some(&user.token),
            "{ budgets(month: \"2026-1\") { id } }",
            json!({}),
        )
        .await;
    error_with_code(&literal, "BAD_USER_INPUT");
}

#[tokio::test]
async fn another_users_budgets_and_categories_are_not_found() {
    let app = TestApp::spawn().await;
    let owner = app.signed_up_user().await;
    let intruder = app.signed_up_user().await;
    let owned = budget(&app, &owner, "Groceries", "2026-01", "100").await;
    budget(&app, &intruder, "Rent", "2026-01", "900").await;
    spend(&app, &owner, "Rent", "2026-01-03", "-800.00").await;
    let input = json!({ "categoryId": app.category(&owner, "Rent").await, "month": "2026-01",
                        "amount": "1" });

    let written = app
        .gql(Some(&intruder.token), SET, json!({ "input": input }))
        .await;
    let deleted = app
        .gql(
            Some(&intruder.token),
            "mutation($id: UUID!) { deleteBudget(id: $id) }",
            json!({ "id": owned["id"] }),
        )
        .await;
    let status = app
        .ok(&intruder.token, STATUS, json!({ "month": "2026-01" }))
        .await;

    error_with_code(&written, "NOT_FOUND");
    error_with_code(&deleted, "NOT_FOUND");
    let lines = status["budgetStatus"]["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["budget"]["category"]["name"], "Rent");
    assert_eq!(
        lines[0]["spent"], "0.00",
        "the owner's rent is not the intruder's"
    );
    let mine = app
        .ok(
            &owner.token,
            "{ budgets(month: \"2026-01\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(mine["budgets"], json!([{ "id": owned["id"] }]));
}

#[tokio::test]
async fn deleting_a_budget_returns_its_id() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let made = budget(&app, &user, "Groceries", "2026-01", "100").await;
    let delete = "mutation($id: UUID!) { deleteBudget(id: $id) }";

    let data = app
        .ok(&user.token, delete, json!({ "id": made["id"] }))
        .await;
    let again = app
        .gql(Some(&user.token), delete, json!({ "id": made["id"] }))
        .await;

    assert_eq!(data["deleteBudget"], made["id"]);
    error_with_code(&again, "NOT_FOUND");
}
