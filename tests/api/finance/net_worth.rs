//! `netWorth`: month-end balances per account (valuations included), month-on-month and
//! year-to-date changes, allocation by account kind, one currency at a time.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const NET_WORTH: &str = "query($from: Month!, $to: Month!, $currency: String) {
    netWorth(from: $from, to: $to, currency: $currency) {
        currency
        months { month assets liabilities total
            changeFromPreviousMonth { amount percent } changeYearToDate { amount percent } }
        current { month total }
        allocation { kind amount share } } }";

struct Seeded {
    user: TestUser,
    broker: String,
    february_valuation: String,
}

/// USD accounts (hand-computed month ends in the tests):
/// - main (checking): 2025-12-15 +1000; 2026-01-05 +3000; 2026-01-15 -1000; 2026-02-10 -500;
/// - card (credit card): 2026-01-20 -200; 2026-02-25 -100;
/// - broker (investment): 2025-11-01 +5000; valued 5200 on 2025-12-31; 2026-01-10 +1000;
///   valued 6650 on 2026-02-15, the day of a +300 the valuation already includes;
///   2026-02-20 +200;
/// - and a EUR savings account opened with 100.
async fn seeded(app: &TestApp) -> Seeded {
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let card = app
        .create_account(&user, "Card", "CREDIT_CARD", "USD", "0")
        .await;
    let broker = app
        .create_account(&user, "Broker", "INVESTMENT", "USD", "0")
        .await;
    app.create_account(&user, "Euro", "SAVINGS", "EUR", "100.00")
        .await;
    let rows = [
        (&main, "2025-12-15", "1000.00"),
        (&main, "2026-01-05", "3000.00"),
        (&main, "2026-01-15", "-1000.00"),
        (&main, "2026-02-10", "-500.00"),
        (&card, "2026-01-20", "-200.00"),
        (&card, "2026-02-25", "-100.00"),
        (&broker, "2025-11-01", "5000.00"),
        (&broker, "2026-01-10", "1000.00"),
        (&broker, "2026-02-15", "300.00"),
        (&broker, "2026-02-20", "200.00"),
    ];
    for (account, date, amount) in rows {
        let input = json!({ "accountId": account, "date": date, "amount": amount,
                            "description": "Seed" });
        app.create_transaction(&user, input).await;
    }
    value(app, &user, &broker, "2025-12-31", "5200.00").await;
    let february_valuation = value(app, &user, &broker, "2026-02-15", "6650.00").await;
    Seeded {
        user,
        broker,
        february_valuation,
    }
}

async fn value(app: &TestApp, user: &TestUser, account: &str, date: &str, value: &str) -> String {
    let data = app
        .ok(
            &user.token,
            "mutation($input: SetValuationInput!) { setValuation(input: $input) { id } }",
            json!({ "input": { "accountId": account, "date": date, "value": value } }),
        )
        .await;
    data["setValuation"]["id"].as_str().unwrap().to_owned()
}

fn change(amount: &str, percent: Option<&str>) -> Value {
    json!({ "amount": amount, "percent": percent })
}

#[tokio::test]
async fn net_worth_follows_ledgers_and_valuations_month_by_month() {
    let app = TestApp::spawn().await;
    let s = seeded(&app).await;

    let data = app
        .ok(
            &s.user.token,
            NET_WORTH,
            json!({ "from": "2026-01", "to": "2026-03" }),
        )
        .await;

    let report = &data["netWorth"];
    assert_eq!(report["currency"], "USD");
    let months = report["months"].as_array().unwrap();
    assert_eq!(months.len(), 3);
    // December 2025 ends at 1000 + 5200 (valuation) = 6200.
    assert_eq!(months[0]["month"], "2026-01");
    assert_eq!(
        months[0]["assets"], "9200.00",
        "main 3000 + broker 5200 + 1000"
    );
    assert_eq!(months[0]["liabilities"], "-200.00");
    assert_eq!(months[0]["total"], "9000.00");
    assert_eq!(
        months[0]["changeFromPreviousMonth"],
        change("2800.00", Some("45.16"))
    );
    assert_eq!(
        months[0]["changeYearToDate"],
        change("2800.00", Some("45.16"))
    );
    // February: main 2500, card -300, broker 6650 + 200 (the +300 is inside the valuation).
    assert_eq!(months[1]["total"], "9050.00");
    assert_eq!(
        months[1]["changeFromPreviousMonth"],
        change("50.00", Some("0.56"))
    );
    assert_eq!(
        months[1]["changeYearToDate"],
        change("2850.00", Some("45.97"))
    );
    assert_eq!(months[2]["total"], "9050.00");
    assert_eq!(
        months[2]["changeFromPreviousMonth"],
        change("0.00", Some("0.00"))
    );
    assert_eq!(
        months[2]["changeYearToDate"],
        change("2850.00", Some("45.97"))
    );
    assert_eq!(
        report["current"],
        json!({ "month": "2026-03", "total": "9050.00" })
    );
}

#[tokio::test]
async fn allocation_shares_assets_among_assets_and_liabilities_among_liabilities() {
    let app = TestApp::spawn().await;
    let s = seeded(&app).await;

    let data = app
        .ok(
            &s.user.token,
            NET_WORTH,
            json!({ "from": "2026-03", "to": "2026-03" }),
        )
        .await;

    assert_eq!(
        data["netWorth"]["allocation"],
        json!([
            { "kind": "INVESTMENT", "amount": "6850.00", "share": "73.26" },
            { "kind": "CHECKING", "amount": "2500.00", "share": "26.74" },
            { "kind": "CREDIT_CARD", "amount": "-300.00", "share": "100.00" },
        ])
    );
}

#[tokio::test]
async fn year_to_date_restarts_from_each_previous_december() {
    let app = TestApp::spawn().await;
    let s = seeded(&app).await;

    let data = app
        .ok(
            &s.user.token,
            NET_WORTH,
            json!({ "from": "2025-11", "to": "2026-01" }),
        )
        .await;

    let months = data["netWorth"]["months"].as_array().unwrap();
    assert_eq!(
        months[0]["total"], "5000.00",
        "the broker's ledger before any valuation"
    );
    assert_eq!(
        months[0]["changeFromPreviousMonth"],
        change("5000.00", None)
    );
    assert_eq!(months[0]["changeYearToDate"], change("5000.00", None));
    assert_eq!(months[1]["total"], "6200.00");
    assert_eq!(
        months[1]["changeFromPreviousMonth"],
        change("1200.00", Some("24.00"))
    );
    assert_eq!(
        months[2]["changeYearToDate"],
        change("2800.00", Some("45.16"))
    );
}

#[tokio::test]
async fn deleting_a_valuation_falls_back_to_the_one_before_it() {
    let app = TestApp::spawn().await;
    let s = seeded(&app).await;
    let balance = "query($id: UUID!) { account(id: $id) { balance ledgerBalance } }";
    let before = app
        .ok(&s.user.token, balance, json!({ "id": s.broker }))
        .await;

    app.ok(
        &s.user.token,
        "mutation($id: UUID!) { deleteValuation(id: $id) }",
        json!({ "id": s.february_valuation }),
    )
    .await;

    let after = app
        .ok(&s.user.token, balance, json!({ "id": s.broker }))
        .await;
    assert_eq!(before["account"]["balance"], "6850.00");
    assert_eq!(
        after["account"]["balance"], "6700.00",
        "5200 + 1000 + 300 + 200"
    );
    assert_eq!(after["account"]["ledgerBalance"], "6500.00");
    let data = app
        .ok(
            &s.user.token,
            NET_WORTH,
            json!({ "from": "2026-02", "to": "2026-02" }),
        )
        .await;
    assert_eq!(data["netWorth"]["current"]["total"], "8900.00");
}

#[tokio::test]
async fn other_currencies_have_their_own_net_worth() {
    let app = TestApp::spawn().await;
    let s = seeded(&app).await;

    let data = app
        .ok(
            &s.user.token,
            NET_WORTH,
            json!({ "from": "2026-01", "to": "2026-01", "currency": "EUR" }),
        )
        .await;

    assert_eq!(data["netWorth"]["current"]["total"], "100.00");
    assert_eq!(
        data["netWorth"]["allocation"],
        json!([{ "kind": "SAVINGS", "amount": "100.00", "share": "100.00" }])
    );
}

#[tokio::test]
async fn net_worth_never_includes_another_users_accounts() {
    let app = TestApp::spawn().await;
    let s = seeded(&app).await;
    let other = app.signed_up_user().await;

    let data = app
        .ok(
            &other.token,
            NET_WORTH,
            json!({ "from": "2026-01", "to": "2026-01" }),
        )
        .await;

    assert_eq!(data["netWorth"]["current"]["total"], "0.00");
    assert_eq!(data["netWorth"]["allocation"], json!([]));
    drop(s);
}

#[tokio::test]
async fn a_net_worth_range_is_ordered_and_at_most_120_months() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let longest = json!({ "from": "2016-01", "to": "2025-12" });
    let cases = [
        (json!({ "from": "2016-01", "to": "2026-01" }), "to"),
        (json!({ "from": "2026-02", "to": "2026-01" }), "to"),
        (json!({ "from": "2026-13", "to": "2026-12" }), "from"),
        (
            json!({ "from": "2026-01", "to": "2026-01", "currency": "ABC" }),
            "currency",
        ),
    ];

    let data = app.ok(&user.token, NET_WORTH, longest).await;

    assert_eq!(data["netWorth"]["months"].as_array().unwrap().len(), 120);
    for (variables, field) in cases {
        let body = app
            .gql(Some(&user.token), NET_WORTH, variables.clone())
            .await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], field, "{variables}: {body}");
    }
}

#[tokio::test]
async fn a_transfer_moves_net_worth_only_between_currencies() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let savings = app
        .create_account(&user, "Savings", "SAVINGS", "USD", "0")
        .await;
    let euro = app
        .create_account(&user, "Euro", "CHECKING", "EUR", "0")
        .await;
    let deposit = json!({ "date": "2026-01-02", "amount": "1000.00", "description": "Pay" });
    app.create_transaction(&user, deposit).await;
    let transfer =
        "mutation($input: CreateTransferInput!) { createTransfer(input: $input) { id } }";
    for (to, amount, to_amount, date) in [
        (&savings, "400.00", None, "2026-01-10"),
        (&euro, "100.00", Some("90.00"), "2026-02-20"),
    ] {
        let input = json!({ "fromAccountId": main, "toAccountId": to, "amount": amount,
                            "toAmount": to_amount, "date": date, "description": "Move" });
        app.ok(&user.token, transfer, json!({ "input": input }))
            .await;
    }

    let usd = app
        .ok(
            &user.token,
            NET_WORTH,
            json!({ "from": "2026-01", "to": "2026-02" }),
        )
        .await;
    let eur = app
        .ok(
            &user.token,
            NET_WORTH,
            json!({ "from": "2026-02", "to": "2026-02", "currency": "EUR" }),
        )
        .await;

    let months = usd["netWorth"]["months"].as_array().unwrap();
    assert_eq!(
        months[0]["total"], "1000.00",
        "moving money between USD accounts changes nothing"
    );
    assert_eq!(months[1]["total"], "900.00");
    assert_eq!(
        months[1]["changeFromPreviousMonth"],
        change("-100.00", Some("-10.00"))
    );
    assert_eq!(
        usd["netWorth"]["allocation"],
        json!([
            { "kind": "CHECKING", "amount": "500.00", "share": "55.56" },
            { "kind": "SAVINGS", "amount": "400.00", "share": "44.44" },
        ])
    );
    assert_eq!(eur["netWorth"]["current"]["total"], "90.00");
}

#[tokio::test]
async fn reports_run_a_few_statements_whether_they_cover_one_month_or_ten_years() {
    let app = TestApp::spawn().await;
    let s = seeded(&app).await;
    let runs = [
        (NET_WORTH, json!({ "from": "2026-02", "to": "2026-02" })),
        (NET_WORTH, json!({ "from": "2016-03", "to": "2026-02" })),
        (
            "query($year: Int!) { financialOverview(year: $year) { income expenseShare { share } } }",
            json!({ "year": 2026 }),
        ),
        (
            "{ spendingByCategory(from: \"2016-01-01\", to: \"2026-12-31\") { total categories { amount } } }",
            json!({}),
        ),
    ];

    for (query, variables) in runs {
        let before = app.store.statements_executed();
        app.ok(&s.user.token, query, variables.clone()).await;
        let statements = app.store.statements_executed() - before;
        assert!(statements <= 6, "{statements} statements for {variables}");
    }
}
