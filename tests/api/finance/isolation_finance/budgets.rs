//! Budgets: B's budgets and budget status never hold A's budgets or A's spending, and B can
//! neither budget A's category, delete A's budget nor copy it.

use serde_json::json;

use super::{SET_BUDGET, Scene};

const STATUS: &str = "query($month: Month!) { budgetStatus(month: $month) {
    totalBudgeted totalSpent totalRemaining
    lines { budget { id category { id } } budgeted spent remaining } } }";

#[tokio::test]
async fn budgets_and_budget_status_show_only_the_viewers_budgets_and_spending() {
    let scene = Scene::new().await;

    let budgets = scene
        .as_b(
            "query($month: Month!) { budgets(month: $month) { id category { id } } }",
            json!({ "month": "2026-01" }),
        )
        .await;
    let status = scene.as_b(STATUS, json!({ "month": "2026-01" })).await;

    assert_eq!(
        budgets["budgets"],
        json!([{ "id": scene.b_budget, "category": { "id": scene.b_restaurants } }])
    );
    assert_eq!(
        status["budgetStatus"],
        json!({
            "totalBudgeted": "40.00", "totalSpent": "15.00", "totalRemaining": "25.00",
            "lines": [{
                "budget": { "id": scene.b_budget, "category": { "id": scene.b_restaurants } },
                "budgeted": "40.00", "spent": "15.00", "remaining": "25.00",
            }],
        }),
        "A's 9.99 takeaway is not B's Restaurants spending"
    );
}

#[tokio::test]
async fn budgeting_another_users_category_is_not_found_and_writes_nothing() {
    let scene = Scene::new().await;
    let before = scene.snapshot().await;

    for month in ["2026-01", "2026-02"] {
        let input = json!({ "categoryId": scene.a_groceries, "month": month, "amount": "1" });
        scene
            .b_is_told_not_found(SET_BUDGET, json!({ "input": input }), month)
            .await;
    }

    scene.assert_unchanged(&before, "setBudget").await;
}

#[tokio::test]
async fn deleting_another_users_budget_is_not_found_exactly_like_a_missing_one() {
    let scene = Scene::new().await;
    let before = scene.snapshot().await;

    scene
        .b_finds_it_missing(
            "mutation($id: UUID!) { deleteBudget(id: $id) }",
            &scene.a_budget,
        )
        .await;

    scene.assert_unchanged(&before, "deleteBudget").await;
}

#[tokio::test]
async fn copying_budgets_copies_only_the_viewers_own() {
    let scene = Scene::new().await;
    let a_before = scene.data_of(&scene.a).await.to_string();

    let copied = scene
        .as_b(
            "mutation { copyBudgets(month: \"2026-02\") { month amount category { id } } }",
            json!({}),
        )
        .await;

    assert_eq!(
        copied["copyBudgets"],
        json!([{ "month": "2026-02", "amount": "40.00",
                 "category": { "id": scene.b_restaurants } }])
    );
    assert_eq!(scene.data_of(&scene.a).await.to_string(), a_before);
    let a_february = scene
        .as_a("{ budgets(month: \"2026-02\") { id } }", json!({}))
        .await;
    assert_eq!(
        a_february["budgets"],
        json!([]),
        "A's budgets were not copied"
    );
}
