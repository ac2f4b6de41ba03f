//! Transfers: B can neither read, change nor delete A's transfer, nor move money into or
//! out of A's accounts.

use serde_json::json;

use super::{A_TRANSFER_KEY, Scene, TRANSFER};

#[tokio::test]
async fn another_users_transfer_is_not_found_exactly_like_a_missing_one() {
    let scene = Scene::new().await;

    scene
        .b_finds_it_missing(
            "query($id: UUID!) { transfer(id: $id) { id from { id } to { id } } }",
            &scene.a_transfer,
        )
        .await;
}

#[tokio::test]
async fn updating_another_users_transfer_is_not_found_and_changes_neither_side() {
    let scene = Scene::new().await;
    let before = scene.snapshot().await;
    let input = json!({ "amount": "1.00", "toAmount": "1.00", "date": "2020-01-01",
                        "description": "B was here", "notes": "B's note" });

    scene
        .b_is_told_not_found(
            "mutation($id: UUID!, $input: UpdateTransferInput!) {
                updateTransfer(id: $id, input: $input) { id } }",
            json!({ "id": scene.a_transfer, "input": input }),
            "update A's transfer",
        )
        .await;

    scene.assert_unchanged(&before, "updateTransfer").await;
}

#[tokio::test]
async fn deleting_another_users_transfer_is_not_found_and_keeps_both_sides() {
    let scene = Scene::new().await;
    let before = scene.snapshot().await;

    scene
        .b_is_told_not_found(
            "mutation($id: UUID!) { deleteTransfer(id: $id) }",
            json!({ "id": scene.a_transfer }),
            "delete A's transfer",
        )
        .await;

    scene.assert_unchanged(&before, "deleteTransfer").await;
    let transfer = scene
        .as_a(
            "query($id: UUID!) { transfer(id: $id) { from { amount } to { amount } } }",
            json!({ "id": scene.a_transfer }),
        )
        .await;
    assert_eq!(
        transfer["transfer"],
        json!({ "from": { "amount": "-500.00" }, "to": { "amount": "500.00" } })
    );
}

#[tokio::test]
async fn a_transfer_into_or_out_of_another_users_account_is_not_found_and_writes_nothing() {
    let scene = Scene::new().await;
    let before = scene.snapshot().await;
    let pairs = [
        (&scene.b_main, &scene.a_main),
        (&scene.b_main, &scene.a_broker),
        (&scene.a_main, &scene.b_main),
        (&scene.a_broker, &scene.a_main),
    ];

    for (from, to) in pairs {
        let input = json!({ "fromAccountId": from, "toAccountId": to, "amount": "10.00",
                            "date": "2026-01-30", "description": "B's raid" });
        scene
            .b_is_told_not_found(TRANSFER, json!({ "input": input }), "A's account")
            .await;
    }
    let replay = json!({ "fromAccountId": scene.a_main, "toAccountId": scene.a_broker,
        "amount": "500.00", "date": "2026-01-15", "description": "A's saving",
        "idempotencyKey": A_TRANSFER_KEY });
    scene
        .b_is_told_not_found(TRANSFER, json!({ "input": replay }), "A's keyed request")
        .await;

    scene.assert_unchanged(&before, "createTransfer").await;
}

#[tokio::test]
async fn changing_or_deleting_a_side_of_another_users_transfer_is_not_found() {
    let scene = Scene::new().await;
    let legs = scene
        .as_a(
            "query($id: UUID!) { transfer(id: $id) { from { id } to { id } } }",
            json!({ "id": scene.a_transfer }),
        )
        .await;
    let before = scene.snapshot().await;

    for leg in [
        &legs["transfer"]["from"]["id"],
        &legs["transfer"]["to"]["id"],
    ] {
        scene
            .b_is_told_not_found(
                "mutation($id: UUID!) { deleteTransaction(id: $id) }",
                json!({ "id": leg }),
                "delete a side",
            )
            .await;
        scene
            .b_is_told_not_found(
                "mutation($id: UUID!, $input: UpdateTransactionInput!) {
                    updateTransaction(id: $id, input: $input) { id } }",
                json!({ "id": leg, "input": { "amount": "1.00", "accountId": scene.b_main } }),
                "change a side",
            )
            .await;
    }

    scene
        .assert_unchanged(&before, "a side of the transfer")
        .await;
}
