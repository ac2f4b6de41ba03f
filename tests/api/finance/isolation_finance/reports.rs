//! Reports: `financialOverview`, `monthlyCashflow`, `spendingByCategory`, `netWorth`,
//! `years`, `budgetStatus` and `tags` count only the viewer's money, and another user's
//! activity never moves them.

use serde_json::{Value, json};

use super::{SET_BUDGET, SET_VALUATION, Scene, TRANSFER, all_ids, import};

/// Every report at once, with the categories they name.
const REPORTS: &str = "{
    financialOverview(year: 2026) { income expenses netIncome savingsRate
        expenseShare { amount share category { id } }
        cumulativeNetIncome { month netIncome cumulativeNetIncome } }
    monthlyCashflow(year: 2026) { month income expenses net savingsRate }
    spendingByCategory(from: \"2025-01-01\", to: \"2026-12-31\") { total
        categories { amount share category { id } topLevel { id } }
        parents { amount share topLevel { id } } }
    netWorth(from: \"2025-12\", to: \"2026-02\") {
        months { month assets liabilities total changeFromPreviousMonth { amount } }
        current { total } allocation { kind amount share } }
    years
    budgetStatus(month: \"2026-01\") { totalBudgeted totalSpent lines { spent } }
    tags { name transactionCount } }";

fn amounts(list: &Value, field: &str) -> Vec<Value> {
    let list = list.as_array().unwrap();
    list.iter().map(|line| line[field].clone()).collect()
}

#[tokio::test]
async fn the_viewers_reports_count_none_of_another_users_money() {
    let scene = Scene::new().await;
    let a_ids = all_ids(&scene.data_of(&scene.a).await);

    let reports = scene.as_b(REPORTS, json!({})).await;

    let overview = &reports["financialOverview"];
    assert_eq!(
        [
            &overview["income"],
            &overview["expenses"],
            &overview["netIncome"]
        ],
        ["100.00", "15.00", "85.00"]
    );
    assert_eq!(amounts(&overview["expenseShare"], "amount"), ["15.00"]);
    let january = &reports["monthlyCashflow"][0];
    assert_eq!(
        [&january["income"], &january["expenses"], &january["net"]],
        ["100.00", "15.00", "85.00"]
    );
    let february = &reports["monthlyCashflow"][1];
    assert_eq!(
        [&february["income"], &february["expenses"]],
        ["0.00", "0.00"]
    );
    let spending = &reports["spendingByCategory"];
    assert_eq!(spending["total"], "15.00");
    assert_eq!(
        amounts(&spending["categories"], "category"),
        [json!({ "id": scene.b_restaurants })]
    );
    assert_eq!(
        amounts(&reports["netWorth"]["months"], "total"),
        ["0.00", "85.00", "85.00"]
    );
    assert_eq!(reports["years"], json!([2026]), "A's 2025 valuation is A's");
    assert_eq!(
        reports["tags"],
        json!([{ "name": "b-tag", "transactionCount": 1 }])
    );
    let reached = all_ids(&reports);
    assert!(
        !reached.is_empty(),
        "B's reports name B's categories: {reports}"
    );
    for id in reached {
        assert!(
            !a_ids.contains(&id),
            "B's reports reach A's id {id}: {reports}"
        );
    }
}

#[tokio::test]
async fn another_users_activity_leaves_the_viewers_reports_and_data_unchanged() {
    let scene = Scene::new().await;
    let reports_before = scene.as_a(REPORTS, json!({})).await;
    let data_before = scene.data_of(&scene.a).await.to_string();

    b_is_busy(&scene).await;

    assert_eq!(scene.as_a(REPORTS, json!({})).await, reports_before);
    assert_eq!(scene.data_of(&scene.a).await.to_string(), data_before);
}

/// B does with B's own data all that A did: the same categories, dates, tags, import,
/// transfer, valuation, budgets and idempotency keys.
async fn b_is_busy(scene: &Scene) {
    let app = &scene.app;
    let b = &scene.b;
    let broker = app
        .create_account(b, "Broker", "INVESTMENT", "USD", "7.00")
        .await;
    let input = json!({ "accountId": broker, "date": "2025-12-31", "value": "99.00" });
    scene.as_b(SET_VALUATION, json!({ "input": input })).await;
    let input = json!({ "fromAccountId": scene.b_main, "toAccountId": broker, "amount": "3.00",
        "date": "2026-01-15", "description": "B's saving", "idempotencyKey": super::A_TRANSFER_KEY });
    scene.as_b(TRANSFER, json!({ "input": input })).await;
    let groceries = app.category(b, "Groceries").await;
    let input = json!({ "categoryId": groceries, "date": "2026-01-10", "amount": "-70.00",
        "description": "B's groceries", "tags": ["food", "a-secret"] });
    app.create_transaction(b, input).await;
    app.create_transaction(b, super::coffee()).await;
    let imported = import(app, b, &scene.b_main).await;
    assert_eq!(
        imported["data"]["importTransactions"]["imported"], 1,
        "{imported}"
    );
    let input = json!({ "categoryId": groceries, "month": "2026-01", "amount": "5" });
    scene.as_b(SET_BUDGET, json!({ "input": input })).await;
    scene
        .as_b(
            "mutation { copyBudgets(month: \"2026-02\") { id } }",
            json!({}),
        )
        .await;
}
