//! Rules: create, replace, delete and move, with their validation errors and limits, the
//! audit events, and another user's rules, accounts and categories being `NOT_FOUND`.
//! Rules at work: `rules_writes` (create, import) and `rules_existing` (preview, apply).

use serde_json::{Value, json};

use crate::audit::finance::finance_events;
use crate::helpers::{TestApp, TestUser, error_saying, error_with_code};

pub const FIELDS: &str = "id position name conditions { op value } amountMin amountMax
    accountId category { id name } addTags renameTo";
const CREATE: &str = "mutation($input: RuleInput!) { createRule(input: $input) {
    id position name conditions { op value } amountMin amountMax accountId
    category { id name } addTags renameTo } }";
const LIST: &str = "{ rules { id position name } }";

/// Create a rule that must be accepted; returns it.
pub async fn create_rule(app: &TestApp, user: &TestUser, input: Value) -> Value {
    app.ok(&user.token, CREATE, json!({ "input": input })).await["createRule"].clone()
}

/// The whole body of a create.
pub async fn try_create(app: &TestApp, user: &TestUser, input: Value) -> Value {
    app.gql(Some(&user.token), CREATE, json!({ "input": input }))
        .await
}

/// The names of the user's rules, in order.
pub async fn rule_names(app: &TestApp, user: &TestUser) -> Vec<String> {
    let data = app.ok(&user.token, LIST, json!({})).await;
    let rules = data["rules"].as_array().unwrap();
    for (index, rule) in rules.iter().enumerate() {
        assert_eq!(rule["position"], json!(index), "positions are 0..n-1");
    }
    rules
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect()
}

fn contains(name: &str, text: &str) -> Value {
    json!({ "name": name, "conditions": [{ "op": "CONTAINS", "value": text }],
            "addTags": ["auto"] })
}

#[tokio::test]
async fn a_rule_is_created_with_its_conditions_and_actions_and_read_back() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let groceries = app.category(&user, "Groceries").await;
    let account = app.default_account(&user).await;

    let rule = create_rule(&app, &user, json!({
        "name": " Supermarket ",
        "conditions": [{ "op": "STARTS_WITH", "value": " Lidl " }, { "op": "REGEX", "value": "\\d+" }],
        "amountMin": "-200.5", "amountMax": "0", "accountId": account,
        "categoryId": groceries, "addTags": ["Food", "food "], "renameTo": "Lidl" })).await;

    assert_eq!(rule["name"], "Supermarket");
    assert_eq!(rule["position"], 0);
    assert_eq!(
        rule["conditions"],
        json!([{ "op": "STARTS_WITH", "value": "Lidl" },
        { "op": "REGEX", "value": "\\d+" }])
    );
    assert_eq!(
        (&rule["amountMin"], &rule["amountMax"]),
        (&json!("-200.5"), &json!("0"))
    );
    assert_eq!(rule["accountId"], json!(account));
    assert_eq!(rule["category"]["name"], "Groceries");
    assert_eq!(rule["addTags"], json!(["food"]));
    assert_eq!(rule["renameTo"], "Lidl");
    let query = format!("query($id: UUID!) {{ rule(id: $id) {{ {FIELDS} }} }}");
    let read = app
        .ok(&user.token, &query, json!({ "id": rule["id"] }))
        .await;
    assert_eq!(read["rule"], rule);
    let audit = "{ myAuditLog(first: 1) { edges { node { action entityType entityName } } } }";
    let last = &app.ok(&user.token, audit, json!({})).await["myAuditLog"]["edges"][0]["node"];
    assert_eq!(
        *last,
        json!({ "action": "CREATED", "entityType": "rule", "entityName": "Supermarket" })
    );
}

#[tokio::test]
async fn bad_rules_are_refused_with_the_field_at_fault() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let cases = [
        (
            json!({ "name": "r", "conditions": [{ "op": "REGEX", "value": "(a" }],
                 "addTags": ["x"] }),
            "not a valid regular expression",
            "input.conditions",
        ),
        (
            json!({ "name": "r", "conditions": [{ "op": "REGEX", "value": "a".repeat(201) }],
                 "addTags": ["x"] }),
            "at most 200",
            "input.conditions",
        ),
        (
            json!({ "name": "r", "conditions": [{ "op": "REGEX", "value": "\\w{500}\\w{500}" }],
                 "addTags": ["x"] }),
            "too complex",
            "input.conditions",
        ),
        (
            json!({ "name": "r", "conditions": [{ "op": "REGEX", "value": "a" },
                 { "op": "REGEX", "value": "b" }], "addTags": ["x"] }),
            "one regular expression",
            "input.conditions",
        ),
        (
            json!({ "name": "r", "conditions": vec![json!({ "op": "CONTAINS", "value": "a" }); 6],
                 "addTags": ["x"] }),
            "at most 5 conditions",
            "input.conditions",
        ),
        (
            json!({ "name": "r", "conditions": [{ "op": "CONTAINS", "value": "  " }],
                 "addTags": ["x"] }),
            "needs a value",
            "input.conditions",
        ),
        (
            json!({ "name": "r", "addTags": ["x"] }),
            "at least one condition",
            "input.conditions",
        ),
        (
            json!({ "name": "r", "conditions": [{ "op": "EQUALS", "value": "a" }] }),
            "at least one action",
            "input",
        ),
        (
            json!({ "name": "r", "amountMin": "5", "amountMax": "1", "addTags": ["x"] }),
            "must not be above",
            "input.amountMax",
        ),
        (
            json!({ "name": "r", "amountMin": "0.00001", "addTags": ["x"] }),
            "at most 4 decimals",
            "input.amountMin",
        ),
        (
            json!({ "name": "r", "amountMin": "1", "addTags": ["a", "b", "c", "d", "e", "f"] }),
            "at most 5 tags",
            "input.addTags",
        ),
        (
            json!({ "name": "", "amountMin": "1", "addTags": ["x"] }),
            "",
            "input.name",
        ),
        (
            json!({ "name": "r", "amountMin": "1", "renameTo": "x".repeat(501) }),
            "",
            "input.renameTo",
        ),
    ];
    for (input, says, field) in cases {
        let body = try_create(&app, &user, input.clone()).await;
        let error = error_saying(&body, "BAD_USER_INPUT", says);
        assert_eq!(error["extensions"]["field"], field, "{input}: {body}");
    }
    assert!(rule_names(&app, &user).await.is_empty());
}

#[tokio::test]
async fn a_user_has_at_most_a_hundred_rules() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    for n in 0..100 {
        create_rule(&app, &user, contains(&format!("r{n}"), "x")).await;
    }

    let body = try_create(&app, &user, contains("one too many", "x")).await;

    error_saying(&body, "BAD_USER_INPUT", "at most 100 rules");
    assert_eq!(rule_names(&app, &user).await.len(), 100);
}

#[tokio::test]
async fn rules_are_appended_moved_and_closed_up_after_a_delete_each_audited() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut ids = Vec::new();
    for name in ["a", "b", "c", "d"] {
        ids.push(create_rule(&app, &user, contains(name, name)).await["id"].clone());
    }
    let moved =
        "mutation($id: UUID!, $to: Int!) { moveRule(id: $id, position: $to) { name position } }";

    let data = app
        .ok(&user.token, moved, json!({ "id": ids[3], "to": 0 }))
        .await;
    assert_eq!(data["moveRule"][0], json!({ "name": "d", "position": 0 }));
    assert_eq!(rule_names(&app, &user).await, ["d", "a", "b", "c"]);
    app.ok(&user.token, moved, json!({ "id": ids[3], "to": 99 }))
        .await;
    assert_eq!(rule_names(&app, &user).await, ["a", "b", "c", "d"]);
    let negative = app
        .gql(Some(&user.token), moved, json!({ "id": ids[0], "to": -1 }))
        .await;
    error_with_code(&negative, "BAD_USER_INPUT");
    let delete = "mutation($id: UUID!) { deleteRule(id: $id) }";
    app.ok(&user.token, delete, json!({ "id": ids[1] })).await;
    assert_eq!(rule_names(&app, &user).await, ["a", "c", "d"]);
    let update = "mutation($id: UUID!, $input: RuleInput!) { updateRule(id: $id, input: $input) {
        name position conditions { value } } }";
    let data = app
        .ok(
            &user.token,
            update,
            json!({ "id": ids[2], "input": contains("C", "see") }),
        )
        .await;
    assert_eq!(
        data["updateRule"],
        json!({ "name": "C", "position": 1,
        "conditions": [{ "value": "see" }] })
    );

    let events: Vec<String> = finance_events(&app, &user)
        .await
        .into_iter()
        .filter(|e| e.contains(" rule "))
        .collect();
    let id = |n: usize| ids[n].as_str().unwrap().to_owned();
    assert_eq!(
        events,
        [
            format!("CREATED rule {}", id(0)),
            format!("CREATED rule {}", id(1)),
            format!("CREATED rule {}", id(2)),
            format!("CREATED rule {}", id(3)),
            format!("UPDATED rule {} RULE_MOVED", id(3)),
            format!("UPDATED rule {} RULE_MOVED", id(3)),
            format!("DELETED rule {}", id(1)),
            format!("UPDATED rule {}", id(2)),
        ]
    );
}

#[tokio::test]
async fn another_users_rule_account_and_category_are_not_found() {
    let app = TestApp::spawn().await;
    let owner = app.signed_up_user().await;
    let stranger = app.signed_up_user().await;
    let rule = create_rule(&app, &owner, contains("mine", "x")).await;
    let id = rule["id"].clone();
    let their_account = app.default_account(&owner).await;
    let their_category = app.category(&owner, "Groceries").await;

    let attempts = [
        (
            "query($id: UUID!) { rule(id: $id) { id } }",
            json!({ "id": id }),
        ),
        (
            "mutation($id: UUID!) { deleteRule(id: $id) }",
            json!({ "id": id }),
        ),
        (
            "mutation($id: UUID!) { moveRule(id: $id, position: 0) { id } }",
            json!({ "id": id }),
        ),
        (
            "mutation($id: UUID!, $input: RuleInput!) { updateRule(id: $id, input: $input) { id } }",
            json!({ "id": id, "input": contains("taken", "y") }),
        ),
        (
            "query($id: UUID!) { previewRule(id: $id) { scanned } }",
            json!({ "id": id }),
        ),
        (
            "mutation($id: UUID!) { applyRule(id: $id) { changed } }",
            json!({ "id": id }),
        ),
        (
            CREATE,
            json!({ "input": { "name": "r", "accountId": their_account, "addTags": ["x"] } }),
        ),
        (
            CREATE,
            json!({ "input": { "name": "r", "amountMin": "1", "categoryId": their_category } }),
        ),
    ];
    for (query, variables) in attempts {
        let body = app.gql(Some(&stranger.token), query, variables).await;
        error_with_code(&body, "NOT_FOUND");
    }
    assert!(rule_names(&app, &stranger).await.is_empty());
    assert_eq!(rule_names(&app, &owner).await, ["mine"]);
}

#[tokio::test]
async fn a_rule_goes_with_the_category_it_sets() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let gym = app.category(&user, "Gym").await;
    create_rule(
        &app,
        &user,
        json!({ "name": "gym", "amountMax": "0", "categoryId": gym }),
    )
    .await;
    create_rule(&app, &user, contains("other", "x")).await;

    let delete = "mutation($id: UUID!) { deleteCategory(id: $id) { id } }";
    app.ok(&user.token, delete, json!({ "id": gym })).await;

    assert_eq!(rule_names(&app, &user).await, ["other"]);
}
