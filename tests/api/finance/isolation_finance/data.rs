//! Tags, filters, CSV import and export, the data export, idempotency keys and deleting a
//! user: none of them reaches another user's rows.

use serde_json::{Value, json};

use super::{A_KEY, Scene, TRANSFER, all_ids, coffee, import};

const HEADER: &str = "date,account,category,description,amount,currency,tags,notes,id\r\n";

/// The ids of B's transactions matching `filter`, and their total count.
async fn b_filtered(scene: &Scene, filter: Value) -> (Vec<Value>, Value) {
    let data = scene
        .as_b(
            "query($filter: TransactionFilter) { transactions(filter: $filter) {
                totalCount edges { node { id } } } }",
            json!({ "filter": filter }),
        )
        .await;
    let edges = data["transactions"]["edges"].as_array().unwrap();
    let ids = edges.iter().map(|e| e["node"]["id"].clone()).collect();
    (ids, data["transactions"]["totalCount"].clone())
}

#[tokio::test]
async fn the_tags_list_and_tag_filter_hold_only_the_viewers_tags() {
    let scene = Scene::new().await;

    let tags = scene
        .as_b("{ tags { name transactionCount } }", json!({}))
        .await;
    let a_tags = b_filtered(&scene, json!({ "tags": ["food", "a-secret"] })).await;
    let mixed = b_filtered(&scene, json!({ "tags": ["food", "b-tag"] })).await;

    assert_eq!(
        tags["tags"],
        json!([{ "name": "b-tag", "transactionCount": 1 }])
    );
    assert_eq!(a_tags, (vec![], json!(0)), "A's tags find nothing for B");
    assert_eq!(mixed, (vec![json!(scene.b_dinner)], json!(1)));
}

#[tokio::test]
async fn the_amount_filter_never_returns_another_users_rows() {
    let scene = Scene::new().await;

    let around_dinner = b_filtered(&scene, json!({ "amountMin": "-50", "amountMax": "-1" })).await;
    let salaries = b_filtered(&scene, json!({ "amountMin": "1000" })).await;
    let transfers = b_filtered(&scene, json!({ "amountMin": "500", "amountMax": "500" })).await;

    assert_eq!(around_dinner, (vec![json!(scene.b_dinner)], json!(1)));
    assert_eq!(salaries, (vec![], json!(0)), "A's 3000 salary is A's");
    assert_eq!(transfers, (vec![], json!(0)), "A's transfer is A's");
}

#[tokio::test]
async fn importing_into_another_users_account_is_not_found_and_writes_nothing() {
    let scene = Scene::new().await;
    let before = scene.snapshot().await;

    for account in [&scene.a_main, &scene.a_broker] {
        let body = import(&scene.app, &scene.b, account).await;
        crate::helpers::error_with_code(&body, "NOT_FOUND");
        assert_eq!(body["data"], Value::Null, "{body}");
    }

    scene.assert_unchanged(&before, "importTransactions").await;
}

#[tokio::test]
async fn exporting_another_users_accounts_gives_only_the_header() {
    let scene = Scene::new().await;
    let export = "query($filter: TransactionFilter) { exportTransactions(filter: $filter) }";

    for filter in [
        json!({ "accountIds": [scene.a_main] }),
        json!({ "accountIds": [scene.a_main, scene.a_broker] }),
        json!({ "categoryIds": [scene.a_groceries] }),
        json!({ "tags": ["a-secret"] }),
    ] {
        let csv = scene.as_b(export, json!({ "filter": filter })).await;
        assert_eq!(csv["exportTransactions"], HEADER, "filter {filter}");
    }
    let everything = scene.as_b(export, json!({})).await;
    let everything = everything["exportTransactions"].as_str().unwrap();
    assert_eq!(
        everything.matches("\r\n").count(),
        3,
        "B's two rows: {everything}"
    );
    for id in all_ids(&scene.data_of(&scene.a).await) {
        assert!(!everything.contains(&id), "B's export holds A's id {id}");
    }
}

#[tokio::test]
async fn the_viewers_data_export_holds_none_of_another_users_ids_or_details() {
    let scene = Scene::new().await;
    let a_data = scene.data_of(&scene.a).await;
    let a_ids = all_ids(&a_data);

    let b_data = scene.data_of(&scene.b).await.to_string();

    assert!(a_ids.len() > 20, "A's export has A's rows: {a_data}");
    for id in &a_ids {
        assert!(
            !b_data.contains(id.as_str()),
            "B's export holds A's id {id}"
        );
    }
    for detail in [
        &scene.a.username,
        &scene.a.email,
        "a-secret",
        "takeaway",
        "1800.00",
    ] {
        assert!(!b_data.contains(detail), "B's export holds A's {detail}");
    }
}

#[tokio::test]
async fn idempotency_keys_belong_to_their_user() {
    let scene = Scene::new().await;
    let a_before = scene.data_of(&scene.a).await.to_string();
    let savings = scene
        .app
        .create_account(&scene.b, "B's savings", "SAVINGS", "USD", "0")
        .await;
    let transfer = json!({ "input": { "fromAccountId": scene.b_main, "toAccountId": savings,
        "amount": "500.00", "date": "2026-01-15", "description": "A's saving",
        "idempotencyKey": super::A_TRANSFER_KEY } });

    let first = scene.app.create_transaction(&scene.b, coffee()).await;
    let retry = scene.app.create_transaction(&scene.b, coffee()).await;
    let moved = scene.as_b(TRANSFER, transfer).await;

    assert_ne!(
        first["id"],
        scene.a_coffee.as_str(),
        "B's key {A_KEY} is B's own"
    );
    assert_eq!(first["account"]["id"], scene.b_main.as_str());
    assert_eq!(
        retry["id"], first["id"],
        "B's retry returns B's transaction"
    );
    assert_ne!(moved["createTransfer"]["id"], scene.a_transfer.as_str());
    assert_eq!(scene.data_of(&scene.a).await.to_string(), a_before);
}

#[tokio::test]
async fn deleting_ones_own_user_leaves_another_users_data_byte_for_byte_identical() {
    let scene = Scene::new().await;
    let a_before = scene.data_of(&scene.a).await.to_string();

    let deleted = scene
        .as_b(
            "mutation($password: String!) { deleteMyAccount(password: $password) }",
            json!({ "password": scene.b.password }),
        )
        .await;

    assert_eq!(deleted["deleteMyAccount"], true);
    assert_eq!(scene.data_of(&scene.a).await.to_string(), a_before);
}
