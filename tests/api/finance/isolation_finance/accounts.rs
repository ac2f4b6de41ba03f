//! Accounts, categories and valuations: B can neither delete, archive nor take over A's
//! accounts, delete A's categories or send B's transactions into them, nor read, set or
//! delete A's valuations.

use serde_json::json;

use super::{SET_VALUATION, Scene};

const DELETE_ACCOUNT: &str = "mutation($id: UUID!) { deleteAccount(id: $id) { id archived } }";

const UPDATE_ACCOUNT: &str = "mutation($id: UUID!, $input: UpdateAccountInput!) {
    updateAccount(id: $id, input: $input) { id } }";

const DELETE_CATEGORY: &str = "mutation($id: UUID!, $to: UUID, $clear: Boolean) {
    deleteCategory(id: $id, reassignTo: $to, clearTransactions: $clear) { id } }";

#[tokio::test]
async fn deleting_another_users_account_is_not_found_whether_it_is_used_or_empty() {
    let scene = Scene::new().await;
    let empty = scene
        .app
        .create_account(&scene.a, "A's empty pot", "SAVINGS", "USD", "0")
        .await;
    let before = scene.snapshot().await;

    for account in [&scene.a_main, &scene.a_broker, &empty] {
        scene
            .b_is_told_not_found(DELETE_ACCOUNT, json!({ "id": account }), "A's account")
            .await;
    }

    scene.assert_unchanged(&before, "deleteAccount").await;
}

#[tokio::test]
async fn archiving_or_making_default_another_users_account_is_not_found_and_changes_nothing() {
    let scene = Scene::new().await;
    let before = scene.snapshot().await;

    for input in [
        json!({ "archived": true }),
        json!({ "isDefault": true }),
        json!({ "isDefault": false }),
        json!({ "isDefault": true, "archived": false }),
    ] {
        for account in [&scene.a_main, &scene.a_broker] {
            let variables = json!({ "id": account, "input": input });
            scene
                .b_is_told_not_found(UPDATE_ACCOUNT, variables, "A's account")
                .await;
        }
    }

    scene.assert_unchanged(&before, "updateAccount").await;
    let b_default = scene.app.default_account(&scene.b).await;
    assert_eq!(b_default, scene.b_main, "B keeps their own default account");
}

#[tokio::test]
async fn deleting_another_users_category_is_not_found_however_its_transactions_would_go() {
    let scene = Scene::new().await;
    let before = scene.snapshot().await;
    let a_parent = scene.app.category(&scene.a, "Personal running costs").await;

    for category in [&scene.a_groceries, &a_parent] {
        for (to, clear) in [
            (json!(null), json!(null)),
            (json!(null), json!(true)),
            (json!(scene.b_restaurants), json!(null)),
        ] {
            let variables = json!({ "id": category, "to": to, "clear": clear });
            scene
                .b_is_told_not_found(DELETE_CATEGORY, variables, "A's category")
                .await;
        }
    }

    scene.assert_unchanged(&before, "deleteCategory").await;
}

#[tokio::test]
async fn moving_ones_own_transactions_into_another_users_category_is_not_found() {
    let scene = Scene::new().await;
    let before = scene.snapshot().await;

    scene
        .b_is_told_not_found(
            DELETE_CATEGORY,
            json!({ "id": scene.b_restaurants, "to": scene.a_groceries }),
            "reassignTo A's category",
        )
        .await;

    scene.assert_unchanged(&before, "reassignTo").await;
    let dinner = scene
        .as_b(
            "query($id: UUID!) { transaction(id: $id) { category { id } } }",
            json!({ "id": scene.b_dinner }),
        )
        .await;
    assert_eq!(dinner["transaction"]["category"]["id"], scene.b_restaurants);
}

#[tokio::test]
async fn another_users_valuations_are_neither_listed_nor_found_by_account() {
    let scene = Scene::new().await;
    let b_broker = scene
        .app
        .create_account(&scene.b, "B's broker", "INVESTMENT", "USD", "0")
        .await;
    let input = json!({ "accountId": b_broker, "date": "2026-01-31", "value": "50.00" });
    let own = scene.as_b(SET_VALUATION, json!({ "input": input })).await;
    let list =
        "query($accountId: UUID) { valuations(accountId: $accountId) { id account { id } } }";

    let everything = scene.as_b(list, json!({})).await;
    scene
        .b_is_told_not_found(list, json!({ "accountId": scene.a_broker }), "A's account")
        .await;

    assert_eq!(
        everything["valuations"],
        json!([{ "id": own["setValuation"]["id"], "account": { "id": b_broker } }]),
        "B lists only B's valuation"
    );
}

#[tokio::test]
async fn setting_a_valuation_on_another_users_account_is_not_found_and_writes_nothing() {
    let scene = Scene::new().await;
    let before = scene.snapshot().await;

    for date in ["2025-12-31", "2026-01-31"] {
        let input = json!({ "accountId": scene.a_broker, "date": date, "value": "1.00" });
        scene
            .b_is_told_not_found(SET_VALUATION, json!({ "input": input }), date)
            .await;
    }

    scene.assert_unchanged(&before, "setValuation").await;
}

#[tokio::test]
async fn deleting_another_users_valuation_is_not_found_exactly_like_a_missing_one() {
    let scene = Scene::new().await;
    let before = scene.snapshot().await;

    scene
        .b_finds_it_missing(
            "mutation($id: UUID!) { deleteValuation(id: $id) }",
            &scene.a_valuation,
        )
        .await;

    scene.assert_unchanged(&before, "deleteValuation").await;
}
