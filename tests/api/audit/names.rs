//! `AuditEvent.entityName`: what an event acted on, in words, in the viewer's own log only —
//! resolved when the log is read, so a deleted entity has no name and an admin reading
//! another user's log never sees their finance data.

use serde_json::{Value, json};

use crate::admin::roles::admin;
use crate::helpers::TestApp;

const LOG: &str = "{ myAuditLog(first: 50) { edges { node { action entityType entityName } } } }";

async fn events(app: &TestApp, token: &str) -> Vec<Value> {
    let data = app.ok(token, LOG, json!({})).await;
    data["myAuditLog"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

fn named(events: &[Value], action: &str, kind: &str) -> Vec<Value> {
    events
        .iter()
        .filter(|e| e["action"] == action && e["entityType"] == kind)
        .map(|e| e["entityName"].clone())
        .collect()
}

#[tokio::test]
async fn the_own_log_names_what_still_exists_and_only_the_owner_sees_it() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let savings = app.open_account(&user, "Rainy day fund", "USD").await;
    let kept = app
        .create_transaction(
            &user,
            json!({ "date": "2026-03-01", "amount": "-4.20", "description": "Oat latte" }),
        )
        .await;
    let gone = app
        .create_transaction(
            &user,
            json!({ "date": "2026-03-02", "amount": "-9.99", "description": "Streaming" }),
        )
        .await;
    app.ok(
        &user.token,
        "mutation($id: UUID!) { deleteTransaction(id: $id) }",
        json!({ "id": gone["id"] }),
    )
    .await;
    app.ok(
        &user.token,
        "mutation($input: CreateTransferInput!) { createTransfer(input: $input) { id } }",
        json!({ "input": { "fromAccountId": kept["account"]["id"], "toAccountId": savings,
                "amount": "10.00", "date": "2026-03-03", "description": "Save up" } }),
    )
    .await;

    let log = events(&app, &user.token).await;
    assert_eq!(named(&log, "CREATED", "account"), [json!("Rainy day fund")]);
    assert_eq!(named(&log, "CREATED", "transfer"), [json!("Save up")]);
    let created = named(&log, "CREATED", "transaction");
    assert!(created.contains(&json!("Oat latte")), "{log:?}");
    assert!(
        created.contains(&Value::Null),
        "the deleted one has no name: {log:?}"
    );
    assert_eq!(named(&log, "DELETED", "transaction"), [Value::Null]);
    assert!(
        log.iter().all(|e| e["entityName"] != "Streaming"),
        "never stored"
    );

    // An administrator reading this user's log sees what happened, never the names.
    let boss = admin(&app).await;
    let data = app
        .ok(
            &boss.token,
            "query($id: UUID!) { userAuditLog(userId: $id, first: 50) {
                edges { node { entityType entityName } } } }",
            json!({ "id": user.id }),
        )
        .await;
    let theirs = data["userAuditLog"]["edges"].as_array().expect("edges");
    assert!(
        theirs
            .iter()
            .any(|e| e["node"]["entityType"] == "transaction")
    );
    assert!(
        theirs.iter().all(|e| e["node"]["entityName"].is_null()),
        "{data}"
    );
}
