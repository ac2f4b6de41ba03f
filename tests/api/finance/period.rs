//! `cashflow(from, to)`: the yearly cash-flow rules over any run of months.

use serde_json::json;

use crate::helpers::{TestApp, error_with_code};

const CASHFLOW: &str = "query($from: Month!, $to: Month!) { cashflow(from: $from, to: $to) {
    currency from to income expenses netIncome savingsRate months { month income expenses net } } }";

#[tokio::test]
async fn twelve_months_across_a_new_year_with_every_month_listed() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let salary = app.category(&user, "Salary").await;
    let rent = app.category(&user, "Rent").await;
    let eve = app.signed_up_user().await;
    for (date, amount, category) in [
        ("2025-11-30", "2000.00", &salary),
        ("2025-12-01", "-800.00", &rent),
        ("2026-02-28", "-800.00", &rent),
        ("2026-10-31", "1000.00", &salary),
        ("2026-11-01", "-5.00", &rent),
    ] {
        app.create_transaction(
            &user,
            json!({ "date": date, "amount": amount, "description": "x", "categoryId": category }),
        )
        .await;
    }
    app.create_transaction(
        &eve,
        json!({ "date": "2026-01-01", "amount": "77.00", "description": "e" }),
    )
    .await;

    let data = app
        .ok(
            &user.token,
            CASHFLOW,
            json!({ "from": "2025-11", "to": "2026-10" }),
        )
        .await;
    let period = &data["cashflow"];
    assert_eq!(period["currency"], "USD");
    assert_eq!(period["income"], "3000.00");
    assert_eq!(period["expenses"], "1600.00");
    assert_eq!(period["netIncome"], "1400.00");
    assert_eq!(period["savingsRate"], "46.67");
    let months = period["months"].as_array().expect("months");
    assert_eq!(months.len(), 12);
    assert_eq!(
        months[0],
        json!({ "month": "2025-11", "income": "2000.00", "expenses": "0.00", "net": "2000.00" })
    );
    assert_eq!(months[1]["expenses"], "800.00");
    assert_eq!(months[2]["month"], "2026-01");
    assert_eq!(months[2]["income"], "0.00", "eve's money is not here");
    assert_eq!(months[11]["month"], "2026-10");
}

#[tokio::test]
async fn bad_ranges_are_refused() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    for (from, to) in [("2026-05", "2026-04"), ("2010-01", "2020-01")] {
        let body = app
            .gql(
                Some(&user.token),
                CASHFLOW,
                json!({ "from": from, "to": to }),
            )
            .await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], "to");
    }
    let body = app
        .gql(
            Some(&user.token),
            CASHFLOW,
            json!({ "from": "2026-13", "to": "2026-12" }),
        )
        .await;
    assert!(
        body["errors"][0]["extensions"]["code"].is_string(),
        "{body}"
    );
    let body = app
        .gql(
            None,
            CASHFLOW,
            json!({ "from": "2026-01", "to": "2026-12" }),
        )
        .await;
    error_with_code(&body, "UNAUTHENTICATED");
}
