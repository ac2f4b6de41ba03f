//! A transactions page reads only the columns its selection shows: every field of
//! `Transaction`, selected alone, with others, through fragments and aliases, must show
//! what the by-id query shows (which reads whole rows). A page resolved in one pass answers
//! the same bytes as one resolved field by field.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser};

/// Every field of `Transaction`, and the category's.
const FULL: &str = "__typename id date amount currency description notes createdAt updatedAt
    transferId tags account { id name currency }
    category { __typename id name kind parentId parent { id name } children { id } }";

/// Each field (or sub-selection) a page may be asked for alone.
const ALONE: &[&str] = &[
    "id",
    "date",
    "amount",
    "currency",
    "description",
    "notes",
    "createdAt",
    "updatedAt",
    "transferId",
    "tags",
    "account { id name currency }",
    "category { name }",
    "category { id }",
    "category { kind parentId }",
    "category { parent { name } }",
    "category { __typename name children { id } }",
];

/// A user with a categorised transaction with notes and tags, one without a category, and
/// a transfer (two linked transactions).
async fn varied(app: &TestApp) -> TestUser {
    let user = app.signed_up_user().await;
    let main = app.default_account(&user).await;
    let groceries = app.category(&user, "Groceries").await;
    let savings = app.open_account(&user, "Savings", "USD").await;
    app.create_transaction(
        &user,
        json!({ "accountId": main, "categoryId": groceries, "date": "2026-03-14",
                "amount": "-42.50", "description": "Weekly shop", "notes": "Farmers market",
                "tags": ["food", "weekly"] }),
    )
    .await;
    app.create_transaction(
        &user,
        json!({ "date": "2026-03-15", "amount": "12.00", "description": "Refund" }),
    )
    .await;
    app.ok(
        &user.token,
        "mutation($input: CreateTransferInput!) { createTransfer(input: $input) { id } }",
        json!({ "input": { "fromAccountId": main, "toAccountId": savings, "amount": "5.00",
                           "date": "2026-03-16", "description": "Saving" } }),
    )
    .await;
    user
}

async fn page(app: &TestApp, user: &TestUser, query: &str) -> Vec<Value> {
    let data = app.ok(&user.token, query, json!({})).await;
    let edges = data["transactions"]["edges"].as_array().expect("edges");
    edges.iter().map(|edge| edge["node"].clone()).collect()
}

/// The page's nodes with every field, checked against the by-id query, in page order.
async fn full_nodes(app: &TestApp, user: &TestUser) -> Vec<Value> {
    let query = format!("{{ transactions {{ edges {{ node {{ {FULL} }} }} }} }}");
    let nodes = page(app, user, &query).await;
    assert_eq!(nodes.len(), 4, "{nodes:?}");
    let by_id = format!("query($id: UUID!) {{ transaction(id: $id) {{ {FULL} }} }}");
    for node in &nodes {
        let data = app
            .ok(&user.token, &by_id, json!({ "id": node["id"] }))
            .await;
        assert_eq!(&data["transaction"], node);
    }
    assert!(nodes.iter().any(|n| n["category"].is_null()));
    assert!(nodes.iter().any(|n| n["transferId"].is_string()));
    assert!(nodes.iter().any(|n| n["notes"].is_string()));
    nodes
}

/// `full` narrowed to `selection` (names and nested `{ … }`, no aliases or fragments).
fn expected(full: &Value, selection: &str) -> Value {
    let spaced = selection.replace('{', " { ").replace('}', " } ");
    let mut tokens = spaced.split_whitespace().peekable();
    project(full, &mut tokens)
}

fn project<'a>(
    value: &Value,
    tokens: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>,
) -> Value {
    let mut object = serde_json::Map::new();
    while let Some(name) = tokens.next() {
        if name == "}" {
            break;
        }
        let field = &value[name];
        let shown = if tokens.peek() == Some(&"{") {
            tokens.next();
            let rest: Vec<&str> = take_block(tokens);
            match field {
                Value::Null => Value::Null,
                Value::Array(items) => items
                    .iter()
                    .map(|item| project(item, &mut rest.iter().copied().peekable()))
                    .collect(),
                other => project(other, &mut rest.iter().copied().peekable()),
            }
        } else {
            field.clone()
        };
        object.insert(name.to_owned(), shown);
    }
    Value::Object(object)
}

/// The tokens up to the `}` closing the block just opened (excluded).
fn take_block<'a>(tokens: &mut impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let (mut depth, mut block) = (0, Vec::new());
    for token in tokens.by_ref() {
        match token {
            "{" => depth += 1,
            "}" if depth == 0 => break,
            "}" => depth -= 1,
            _ => {}
        }
        block.push(token);
    }
    block
}

#[tokio::test]
async fn each_field_of_a_page_alone_shows_what_the_whole_row_shows() {
    let app = TestApp::spawn().await;
    let user = varied(&app).await;
    let full = full_nodes(&app, &user).await;
    for selection in ALONE {
        let query = format!("{{ transactions {{ edges {{ node {{ {selection} }} }} }} }}");
        let nodes = page(&app, &user, &query).await;
        assert_eq!(nodes.len(), full.len(), "{selection}");
        for (node, full) in nodes.iter().zip(&full) {
            assert_eq!(node, &expected(full, selection), "selection `{selection}`");
        }
    }
}

#[tokio::test]
async fn fields_through_fragments_and_aliases_are_read() {
    let app = TestApp::spawn().await;
    let user = varied(&app).await;
    let full = full_nodes(&app, &user).await;
    let query = "query { transactions { edges {
        node { id } other: node { ...More } node { ... on Transaction { notes } } } } }
        fragment More on Transaction { d: description createdAt cat: category { name kind } }";
    let nodes = page(&app, &user, query).await;
    let data = app.ok(&user.token, query, json!({})).await;
    let edges = data["transactions"]["edges"].as_array().expect("edges");
    for ((node, edge), full) in nodes.iter().zip(edges).zip(&full) {
        assert_eq!(node["id"], full["id"]);
        assert_eq!(node["notes"], full["notes"]);
        let other = &edge["other"];
        assert_eq!(other["d"], full["description"]);
        assert_eq!(other["createdAt"], full["createdAt"]);
        let kind = full["category"]["kind"].clone();
        let name = full["category"]["name"].clone();
        match full["category"].is_null() {
            true => assert!(other["cat"].is_null()),
            false => assert_eq!(other["cat"], json!({ "name": name, "kind": kind })),
        }
    }
}

#[tokio::test]
async fn a_page_by_amount_and_after_a_cursor_reads_what_it_shows() {
    let app = TestApp::spawn().await;
    let user = varied(&app).await;
    let full = full_nodes(&app, &user).await;
    let first = "{ transactions(first: 2, orderBy: { field: AMOUNT, direction: ASC }) {
        edges { cursor node { id description category { name } } } pageInfo { endCursor } } }";
    let data = app.ok(&user.token, first, json!({})).await;
    let after = data["transactions"]["pageInfo"]["endCursor"].clone();
    let rest = "query($after: String) { transactions(first: 10, after: $after,
        orderBy: { field: AMOUNT, direction: ASC }) { edges { node { id description } } } }";
    let more = app.ok(&user.token, rest, json!({ "after": after })).await;
    let mut seen: Vec<Value> = data["transactions"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .chain(more["transactions"]["edges"].as_array().expect("edges"))
        .map(|e| e["node"].clone())
        .collect();
    assert_eq!(seen.len(), full.len());
    for node in &mut seen {
        let whole = full.iter().find(|f| f["id"] == node["id"]).expect("listed");
        assert_eq!(node["description"], whole["description"]);
        if let Some(category) = node.get("category") {
            assert_eq!(category, &expected(whole, "category { name }")["category"]);
        }
    }
}

/// The answer's exact bytes for `query`.
async fn raw(app: &TestApp, user: &TestUser, query: &str) -> String {
    let reply = app
        .client
        .post(app.url("/graphql"))
        .bearer_auth(&user.token)
        .json(&json!({ "query": query }))
        .send()
        .await
        .expect("sent");
    reply.text().await.expect("body")
}

#[tokio::test]
async fn a_page_resolved_in_one_pass_answers_byte_for_byte_as_field_by_field() {
    // The one-pass resolution (src/graphql/transactions/connection/plain.rs) leaves a page
    // whose selection repeats a response key to async-graphql, which merges the repeat into
    // the first: the same answer, resolved the usual way. `@@` marks where the repeat goes.
    let app = TestApp::spawn().await;
    let user = varied(&app).await;
    let account = app.default_account(&user).await;
    let selections = [
        (
            "edges { cursor __typename node { __typename id date amount currency description
            notes createdAt updatedAt transferId category { __typename name } @@ } }",
            "id",
        ),
        (
            "edges { n: node { ...Row } node { ... on Transaction { when: date } @@ } }",
            "when: date",
        ),
        (
            "edges { node { ... { id } description @@ } runningBalance }",
            "description",
        ),
    ];
    for (selection, repeat) in selections {
        for filter in ["", &format!("(filter: {{ accountIds: [\"{account}\"] }})")] {
            let mut one_pass = format!("query {{ transactions{filter} {{ {selection} }} }}");
            if selection.contains("...Row") {
                one_pass += " fragment Row on Transaction { id amount category { name } }";
            }
            let usual = one_pass.replace("@@", repeat);
            let one_pass = one_pass.replace("@@", "");
            let (fast, slow) = (
                raw(&app, &user, &one_pass).await,
                raw(&app, &user, &usual).await,
            );
            assert!(fast.contains("\"edges\":[{"), "{fast}");
            assert_eq!(fast, slow, "{one_pass}");
        }
    }
}
