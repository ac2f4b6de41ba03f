//! Reports (`financialOverview`, `monthlyCashflow`, `spendingByCategory`, `years`) against
//! figures computed by hand for a small fixed data set: a salary, expenses in several
//! categories, a refund, a negative income, uncategorized money both ways, a card account,
//! a euro account whose money must stay in euro reports, and a transfer that is neither
//! income nor expense.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

/// The data set, in USD unless said otherwise (hand-computed figures in the tests):
/// - January: salary 3000, groceries -200, rent -1000, groceries refund +50,
///   uncategorized -30 and +20; in EUR: salary 500;
/// - February: salary 3000, restaurants -150 (card), bonus clawback -100, flights -400;
///   in EUR: groceries -80; transfers from the main account: 500 to savings, and 100 USD
///   arriving as 92 EUR in the euro account (neither counts anywhere);
/// - December 2025: salary 1000.
async fn seeded(app: &TestApp) -> TestUser {
    let user = app.signed_up_user().await;
    let card = app
        .create_account(&user, "Card", "CREDIT_CARD", "USD", "0")
        .await;
    let euro = app
        .create_account(&user, "Euro", "CHECKING", "EUR", "0")
        .await;
    let savings = app
        .create_account(&user, "Savings", "SAVINGS", "USD", "1000.00")
        .await;
    let rows: [(&str, &str, Option<&str>, Option<&str>); 13] = [
        ("2025-12-15", "1000.00", Some("Salary"), None),
        ("2026-01-05", "3000.00", Some("Salary"), None),
        ("2026-01-10", "-200.00", Some("Groceries"), None),
        ("2026-01-15", "-1000.00", Some("Rent"), None),
        ("2026-01-20", "50.00", Some("Groceries"), None),
        ("2026-01-25", "-30.00", None, None),
        ("2026-01-26", "20.00", None, None),
        ("2026-02-05", "3000.00", Some("Salary"), None),
        (
            "2026-02-10",
            "-150.00",
            Some("Restaurants"),
            Some(card.as_str()),
        ),
        ("2026-02-12", "-100.00", Some("Bonus"), None),
        ("2026-02-14", "-400.00", Some("Flights"), None),
        ("2026-01-07", "500.00", Some("Salary"), Some(euro.as_str())),
        (
            "2026-02-08",
            "-80.00",
            Some("Groceries"),
            Some(euro.as_str()),
        ),
    ];
    for (date, amount, category, account) in rows {
        let mut input = json!({ "date": date, "amount": amount, "description": "Seed" });
        if let Some(name) = category {
            input["categoryId"] = json!(app.category(&user, name).await);
        }
        if let Some(account) = account {
            input["accountId"] = json!(account);
        }
        app.create_transaction(&user, input).await;
    }
    transfer(app, &user, &savings, "500.00", None).await;
    transfer(app, &user, &euro, "100.00", Some("92.00")).await;
    user
}

/// Move `amount` (arriving as `to_amount`) from the default account to `to` on 2026-02-20.
async fn transfer(app: &TestApp, user: &TestUser, to: &str, amount: &str, to_amount: Option<&str>) {
    let from = app.default_account(user).await;
    app.ok(
        &user.token,
        "mutation($input: CreateTransferInput!) { createTransfer(input: $input) { id } }",
        json!({ "input": { "fromAccountId": from, "toAccountId": to, "amount": amount,
                "toAmount": to_amount, "date": "2026-02-20", "description": "Transfer" } }),
    )
    .await;
}

const OVERVIEW: &str = "query($year: Int!, $currency: String) {
    financialOverview(year: $year, currency: $currency) {
        year currency income expenses netIncome savingsRate
        expenseShare { category { name } amount share }
        cumulativeNetIncome { month netIncome cumulativeNetIncome } } }";

const CASHFLOW: &str = "query($year: Int!, $currency: String) {
    monthlyCashflow(year: $year, currency: $currency) { month income expenses net savingsRate } }";

const SPENDING: &str = "query($from: Date!, $to: Date!, $currency: String) {
    spendingByCategory(from: $from, to: $to, currency: $currency) {
        from to currency total
        categories { category { name } topLevel { name } amount share }
        parents { category { name } topLevel { name } amount share } } }";

fn names_and_amounts(lines: &Value) -> Vec<(Value, Value, Value)> {
    lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["category"]["name"].clone(),
                l["amount"].clone(),
                l["share"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_financial_overview_matches_the_hand_computed_figures() {
    let app = TestApp::spawn().await;
    let user = seeded(&app).await;

    let data = app.ok(&user.token, OVERVIEW, json!({ "year": 2026 })).await;

    let o = &data["financialOverview"];
    assert_eq!(o["currency"], "USD");
    assert_eq!(o["income"], "5920.00", "3000 + 20 + 3000 - 100");
    assert_eq!(o["expenses"], "1730.00", "200 + 1000 - 50 + 30 + 150 + 400");
    assert_eq!(o["netIncome"], "4190.00");
    assert_eq!(o["savingsRate"], "70.78", "4190 / 5920");
    assert_eq!(
        names_and_amounts(&o["expenseShare"]),
        vec![
            (json!("Housing"), json!("1000.00"), json!("57.80")),
            (json!("Travel"), json!("400.00"), json!("23.12")),
            (
                json!("Personal running costs"),
                json!("300.00"),
                json!("17.34")
            ),
            (Value::Null, json!("30.00"), json!("1.73")),
        ]
    );
    let months = o["cumulativeNetIncome"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(
        months[0],
        json!({ "month": "2026-01", "netIncome": "1840.00", "cumulativeNetIncome": "1840.00" })
    );
    assert_eq!(
        months[1],
        json!({ "month": "2026-02", "netIncome": "2350.00", "cumulativeNetIncome": "4190.00" })
    );
    assert_eq!(
        months[11],
        json!({ "month": "2026-12", "netIncome": "0.00", "cumulativeNetIncome": "4190.00" })
    );
}

#[tokio::test]
async fn money_in_another_currency_appears_only_in_that_currencys_report() {
    let app = TestApp::spawn().await;
    let user = seeded(&app).await;

    let data = app
        .ok(
            &user.token,
            OVERVIEW,
            json!({ "year": 2026, "currency": "EUR" }),
        )
        .await;

    let o = &data["financialOverview"];
    assert_eq!(o["currency"], "EUR");
    assert_eq!(o["income"], "500.00");
    assert_eq!(o["expenses"], "80.00");
    assert_eq!(o["netIncome"], "420.00");
    assert_eq!(o["savingsRate"], "84.00");
    assert_eq!(
        names_and_amounts(&o["expenseShare"]),
        vec![(
            json!("Personal running costs"),
            json!("80.00"),
            json!("100.00")
        )]
    );
}

#[tokio::test]
async fn monthly_cashflow_has_twelve_months_with_savings_rates() {
    let app = TestApp::spawn().await;
    let user = seeded(&app).await;

    let data = app.ok(&user.token, CASHFLOW, json!({ "year": 2026 })).await;

    let months = data["monthlyCashflow"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(
        months[0],
        json!({ "month": "2026-01", "income": "3020.00", "expenses": "1180.00",
                "net": "1840.00", "savingsRate": "60.93" })
    );
    assert_eq!(
        months[1],
        json!({ "month": "2026-02", "income": "2900.00", "expenses": "550.00",
                "net": "2350.00", "savingsRate": "81.03" })
    );
    assert_eq!(
        months[2],
        json!({ "month": "2026-03", "income": "0.00", "expenses": "0.00",
                "net": "0.00", "savingsRate": null })
    );
    let euro = app
        .ok(
            &user.token,
            CASHFLOW,
            json!({ "year": 2026, "currency": "EUR" }),
        )
        .await;
    assert_eq!(euro["monthlyCashflow"][1]["expenses"], "80.00");
    assert_eq!(
        euro["monthlyCashflow"][1]["savingsRate"],
        Value::Null,
        "no income"
    );
}

#[tokio::test]
async fn spending_by_category_lists_categories_and_their_top_level_roll_ups() {
    let app = TestApp::spawn().await;
    let user = seeded(&app).await;

    let data = app
        .ok(
            &user.token,
            SPENDING,
            json!({ "from": "2026-01-01", "to": "2026-02-28" }),
        )
        .await;

    let report = &data["spendingByCategory"];
    assert_eq!(report["total"], "1730.00");
    assert_eq!(
        names_and_amounts(&report["categories"]),
        vec![
            (json!("Rent"), json!("1000.00"), json!("57.80")),
            (json!("Flights"), json!("400.00"), json!("23.12")),
            (json!("Groceries"), json!("150.00"), json!("8.67")),
            (json!("Restaurants"), json!("150.00"), json!("8.67")),
            (Value::Null, json!("30.00"), json!("1.73")),
        ]
    );
    assert_eq!(
        report["categories"][2]["topLevel"]["name"],
        "Personal running costs"
    );
    assert_eq!(
        names_and_amounts(&report["parents"]),
        vec![
            (json!("Housing"), json!("1000.00"), json!("57.80")),
            (json!("Travel"), json!("400.00"), json!("23.12")),
            (
                json!("Personal running costs"),
                json!("300.00"),
                json!("17.34")
            ),
            (Value::Null, json!("30.00"), json!("1.73")),
        ]
    );
}

#[tokio::test]
async fn spending_counts_the_first_and_last_day_of_the_range_only() {
    let app = TestApp::spawn().await;
    let user = seeded(&app).await;

    let data = app
        .ok(
            &user.token,
            SPENDING,
            json!({ "from": "2026-01-15", "to": "2026-01-20" }),
        )
        .await;

    let report = &data["spendingByCategory"];
    assert_eq!(report["total"], "950.00", "rent 1000 less the 50 refund");
    assert_eq!(
        names_and_amounts(&report["categories"]),
        vec![
            (json!("Rent"), json!("1000.00"), json!("105.26")),
            (json!("Groceries"), json!("-50.00"), json!("-5.26")),
        ]
    );
}

#[tokio::test]
async fn years_lists_the_years_with_data_latest_first() {
    let app = TestApp::spawn().await;
    let user = seeded(&app).await;
    let empty = app.signed_up_user().await;

    let data = app.ok(&user.token, "{ years }", json!({})).await;
    let none = app.ok(&empty.token, "{ years }", json!({})).await;

    assert_eq!(data["years"], json!([2026, 2025]));
    assert_eq!(none["years"], json!([]));
}

#[tokio::test]
async fn reports_never_include_another_users_rows() {
    let app = TestApp::spawn().await;
    let user = seeded(&app).await;
    let other = seeded(&app).await;
    app.create_transaction(
        &other,
        json!({ "date": "2026-01-02", "amount": "-999.00", "description": "Theirs" }),
    )
    .await;

    let overview = app.ok(&user.token, OVERVIEW, json!({ "year": 2026 })).await;
    let spending = app
        .ok(
            &user.token,
            SPENDING,
            json!({ "from": "2026-01-01", "to": "2026-12-31" }),
        )
        .await;

    assert_eq!(overview["financialOverview"]["expenses"], "1730.00");
    assert_eq!(spending["spendingByCategory"]["total"], "1730.00");
}

#[tokio::test]
async fn bad_report_arguments_are_bad_user_input() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let cases = [
        (OVERVIEW, json!({ "year": 10000 }), "year"),
        (CASHFLOW, json!({ "year": 999 }), "year"),
        (
            OVERVIEW,
            json!({ "year": 2026, "currency": "XYZ" }),
            "currency",
        ),
        (
            CASHFLOW,
            json!({ "year": 2026, "currency": "usd" }),
            "currency",
        ),
        (
            SPENDING,
            json!({ "from": "2026-02-01", "to": "2026-01-31" }),
            "to",
        ),
        (
            SPENDING,
            json!({ "from": "2026-02-30", "to": "2026-03-01" }),
            "from",
        ),
    ];

    for (query, variables, field) in cases {
        let body = app.gql(Some(&user.token), query, variables.clone()).await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], field, "{variables}: {body}");
    }
}

#[tokio::test]
async fn reports_need_a_logged_in_viewer() {
    let app = TestApp::spawn().await;

    let body = app.gql(None, "{ years }", json!({})).await;

    error_with_code(&body, "UNAUTHENTICATED");
}

#[tokio::test]
async fn sums_beyond_64_bits_are_reported_exactly() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    // Two files of 5,000 pairs of ±10^15 cents on one day: the balance stays 0, while the
    // day's income and expenses are each 10^19 cents, past what a BIGINT sum holds.
    for payee in ["a", "b"] {
        let mut csv = String::from("Date,Payee,Amount\n");
        for _ in 0..5_000 {
            csv.push_str(&format!("2026-01-01,{payee},10000000000000.00\n"));
            csv.push_str(&format!("2026-01-01,{payee},-10000000000000.00\n"));
        }
        let result = crate::finance::imports::import(&app, &user, &csv, json!({})).await;
        assert_eq!(result["imported"], 10_000, "{result}");
    }

    let data = app.ok(&user.token, CASHFLOW, json!({ "year": 2026 })).await;

    let january = &data["monthlyCashflow"][0];
    assert_eq!(january["income"], "100000000000000000.00");
    assert_eq!(january["expenses"], "100000000000000000.00");
    assert_eq!(january["net"], "0.00");
    let balance = app.default_account_fields(&user.token, "balance").await;
    assert_eq!(balance["balance"], "0.00");
}
