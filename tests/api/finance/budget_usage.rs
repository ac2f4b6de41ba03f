//! `budgetStatus` usage figures: each line's and the total's used percentage, and the
//! month's spending outside every budget — exact, computed by the server.

use serde_json::json;

use crate::helpers::{TestApp, TestUser};

const STATUS: &str = "query($month: Month!) { budgetStatus(month: $month) {
    totalUsedPercent unbudgetedSpent
    lines { budget { category { name } } usedPercent } } }";

async fn spend(app: &TestApp, user: &TestUser, category: Option<&str>, amount: &str) {
    let category = match category {
        Some(name) => json!(app.category(user, name).await),
        None => json!(null),
    };
    let input = json!({ "categoryId": category, "date": "2026-03-10", "amount": amount,
                        "description": "Spend" });
    app.create_transaction(user, input).await;
}

async fn budget(app: &TestApp, user: &TestUser, category: &str, amount: &str) {
    let input = json!({ "categoryId": app.category(user, category).await, "month": "2026-03",
                        "amount": amount });
    app.ok(
        &user.token,
        "mutation($input: SetBudgetInput!) { setBudget(input: $input) { id } }",
        json!({ "input": input }),
    )
    .await;
}

#[tokio::test]
async fn used_percentages_and_unbudgeted_spending_are_the_servers_exact_figures() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    budget(&app, &user, "Groceries", "400.00").await;
    budget(&app, &user, "Rent", "0.00").await;
    spend(&app, &user, Some("Groceries"), "-100.00").await;
    spend(&app, &user, Some("Groceries"), "-33.33").await;
    spend(&app, &user, Some("Housing"), "-50.00").await;
    spend(&app, &user, None, "-20.00").await;
    spend(&app, &user, Some("Salary"), "3000.00").await;
    let other = app.signed_up_user().await;
    spend(&app, &other, None, "-999.00").await;

    let data = app
        .ok(&user.token, STATUS, json!({ "month": "2026-03" }))
        .await;
    let status = &data["budgetStatus"];
    let used = |name: &str| {
        status["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["budget"]["category"]["name"] == name)
            .map(|l| l["usedPercent"].clone())
    };
    assert_eq!(used("Groceries"), Some(json!("33.33")));
    assert_eq!(
        used("Rent"),
        Some(json!(null)),
        "nothing budgeted: no percentage"
    );
    assert_eq!(status["totalUsedPercent"], "33.33");
    // Housing (its own line, not Rent's budget) and the uncategorized money out.
    assert_eq!(status["unbudgetedSpent"], "70.00");

    let empty = app
        .ok(&user.token, STATUS, json!({ "month": "2026-04" }))
        .await;
    assert_eq!(empty["budgetStatus"]["totalUsedPercent"], json!(null));
    assert_eq!(empty["budgetStatus"]["unbudgetedSpent"], "0.00");
}
