//! A saved rule against existing transactions: `previewRule` pages through what it would
//! change, `applyRule` changes it 500 transactions per call with exact counts, audited, and
//! concurrent applies neither add a tag twice nor count a change twice. Another user's
//! transactions are never looked at.

use serde_json::{Value, json};

use super::imports::import;
use super::rules::create_rule;
use crate::audit::finance::finance_events;
use crate::helpers::{TestApp, TestUser, error_with_code};

const PREVIEW: &str = "query($id: UUID!, $first: Int, $after: String) {
    previewRule(id: $id, first: $first, after: $after) {
        changes { transactionId description category { name } addTags renameTo }
        scanned endCursor hasMore } }";
const APPLY: &str = "mutation($id: UUID!, $after: String) {
    applyRule(id: $id, after: $after) { scanned changed endCursor hasMore } }";

/// Import `rows` transactions, every third described "Gym …", the rest "Shop …".
async fn ledger(app: &TestApp, user: &TestUser, rows: usize) {
    let mut csv = String::from("Date,Payee,Amount\n");
    for n in 0..rows {
        let payee = if n % 3 == 0 { "Gym" } else { "Shop" };
        csv.push_str(&format!("2026-01-01,{payee} {n},-1.00\n"));
    }
    let mapping =
        json!({ "mapping": { "date": "Date", "description": "Payee", "amount": "Amount" } });
    assert_eq!(
        import(app, user, &csv, mapping).await["imported"],
        json!(rows)
    );
}

async fn gym_rule(app: &TestApp, user: &TestUser) -> Value {
    let gym = app.category(user, "Gym").await;
    create_rule(
        app,
        user,
        json!({ "name": "gym",
        "conditions": [{ "op": "STARTS_WITH", "value": "gym " }],
        "categoryId": gym, "addTags": ["fitness"] }),
    )
    .await["id"]
        .clone()
}

/// Apply until done; returns (calls, scanned per call, changed in all).
async fn apply_all(app: &TestApp, user: &TestUser, id: &Value) -> (Vec<i64>, i64) {
    let (mut scanned, mut changed, mut after) = (Vec::new(), 0, Value::Null);
    loop {
        let data = app
            .ok(&user.token, APPLY, json!({ "id": id, "after": after }))
            .await;
        let page = &data["applyRule"];
        scanned.push(page["scanned"].as_i64().unwrap());
        changed += page["changed"].as_i64().unwrap();
        if page["hasMore"] != true {
            return (scanned, changed);
        }
        after = page["endCursor"].clone();
    }
}

async fn tag_count(app: &TestApp, user: &TestUser, tag: &str) -> i64 {
    let data = app
        .ok(&user.token, "{ tags { name transactionCount } }", json!({}))
        .await;
    let tags = data["tags"].as_array().unwrap();
    tags.iter()
        .find(|t| t["name"] == tag)
        .map_or(0, |t| t["transactionCount"].as_i64().unwrap())
}

#[tokio::test]
async fn a_preview_pages_through_the_changes_without_changing_anything() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    ledger(&app, &user, 30).await;
    let id = gym_rule(&app, &user).await;

    let first = app
        .ok(&user.token, PREVIEW, json!({ "id": id, "first": 6 }))
        .await;
    let page = &first["previewRule"];
    assert_eq!(page["changes"].as_array().unwrap().len(), 6);
    assert_eq!(page["changes"][0]["description"], "Gym 0");
    assert_eq!(page["changes"][0]["category"]["name"], "Gym");
    assert_eq!(page["changes"][0]["addTags"], json!(["fitness"]));
    assert_eq!(page["changes"][0]["renameTo"], Value::Null);
    assert_eq!(
        (&page["scanned"], &page["hasMore"]),
        (&json!(16), &json!(true))
    );
    let rest = app
        .ok(
            &user.token,
            PREVIEW,
            json!({ "id": id, "first": 50, "after": page["endCursor"] }),
        )
        .await;
    let rest = &rest["previewRule"];
    assert_eq!(rest["changes"].as_array().unwrap().len(), 4);
    assert_eq!(
        (&rest["scanned"], &rest["hasMore"]),
        (&json!(14), &json!(false))
    );
    assert_eq!(tag_count(&app, &user, "fitness").await, 0);
    let too_many = app
        .gql(Some(&user.token), PREVIEW, json!({ "id": id, "first": 51 }))
        .await;
    error_with_code(&too_many, "BAD_USER_INPUT");
    let forged = app
        .gql(
            Some(&user.token),
            PREVIEW,
            json!({ "id": id, "after": "bm9wZQ" }),
        )
        .await;
    error_with_code(&forged, "BAD_USER_INPUT");
}

#[tokio::test]
async fn apply_changes_the_ledger_in_batches_of_500_with_exact_counts_and_audit_events() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    ledger(&app, &user, 1200).await;
    let id = gym_rule(&app, &user).await;

    let (scanned, changed) = apply_all(&app, &user, &id).await;

    assert_eq!(scanned, [500, 500, 200]);
    assert_eq!(changed, 400);
    assert_eq!(tag_count(&app, &user, "fitness").await, 400);
    let events = finance_events(&app, &user).await;
    let applied = events
        .iter()
        .filter(|e| e.ends_with("RULE_APPLIED"))
        .count();
    assert_eq!(
        applied,
        400 + 3,
        "one per transaction, one per call on the rule"
    );
    let (_, again) = apply_all(&app, &user, &id).await;
    assert_eq!(again, 0, "nothing left to change");
    let preview = app.ok(&user.token, PREVIEW, json!({ "id": id })).await;
    assert_eq!(preview["previewRule"]["changes"], json!([]));
}

#[tokio::test]
async fn concurrent_applies_change_each_transaction_once() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    ledger(&app, &user, 300).await;
    let id = gym_rule(&app, &user).await;

    let answers = app
        .all_at_once(
            &user,
            APPLY,
            vec![
                json!({ "id": id }),
                json!({ "id": id }),
                json!({ "id": id }),
            ],
        )
        .await;

    let changed: i64 = answers
        .iter()
        .map(|a| {
            assert!(a.get("errors").is_none(), "{a}");
            a["data"]["applyRule"]["changed"].as_i64().unwrap()
        })
        .sum();
    assert_eq!(changed, 100);
    assert_eq!(tag_count(&app, &user, "fitness").await, 100);
}

#[tokio::test]
async fn apply_renames_and_leaves_other_users_transactions_alone() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let stranger = app.signed_up_user().await;
    ledger(&app, &user, 6).await;
    ledger(&app, &stranger, 6).await;
    let id = create_rule(
        &app,
        &user,
        json!({ "name": "rename",
        "conditions": [{ "op": "EQUALS", "value": "GYM 3" }], "renameTo": "Gym (March)" }),
    )
    .await["id"]
        .clone();

    let (_, changed) = apply_all(&app, &user, &id).await;

    assert_eq!(changed, 1);
    let search = "{ transactions(filter: {search: \"gym\"}) { edges { node { description } } } }";
    let mine = app.ok(&user.token, search, json!({})).await;
    let theirs = app.ok(&stranger.token, search, json!({})).await;
    let names = |data: &Value| -> Vec<String> {
        let mut names: Vec<String> = data["transactions"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["description"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&mine), ["Gym (March)", "Gym 0"]);
    assert_eq!(names(&theirs), ["Gym 0", "Gym 3"]);
}
