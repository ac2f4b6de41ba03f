//! The fuzz test's viewer: an administrator with data worth guessing at, what ids and cursors
//! they have, and a snapshot of their data to tell whether a case wrote anything.

use serde_json::{Value, json};

use super::values::Known;
use crate::admin::roles::admin;
use crate::helpers::{TestApp, TestUser};

/// An administrator with an account of each kind, transactions with tags, a transfer, a
/// valuation and a budget: ids worth guessing.
pub async fn viewer_with_data(app: &TestApp) -> TestUser {
    let viewer = admin(app).await;
    let default = app
        .default_account_fields(&viewer.token, "id currency")
        .await;
    let currency = default["currency"].as_str().expect("currency");
    let fund = app
        .create_account(&viewer, "Fund", "INVESTMENT", currency, "100.00")
        .await;
    let groceries = app.category(&viewer, "Groceries").await;
    for (date, amount) in [("2026-01-05", "-12.50"), ("2026-02-01", "2500.00")] {
        app.create_transaction(
            &viewer,
            json!({ "date": date, "amount": amount, "description": "Seed",
                "categoryId": groceries, "tags": ["food", "weekly"] }),
        )
        .await;
    }
    let writes = [
        (
            "mutation($i: CreateTransferInput!) { createTransfer(input: $i) { id } }",
            json!({ "fromAccountId": default["id"], "toAccountId": fund,
                "date": "2026-01-10", "amount": "50.00", "description": "Save" }),
        ),
        (
            "mutation($i: SetValuationInput!) { setValuation(input: $i) { id } }",
            json!({ "accountId": fund, "date": "2026-01-31", "value": "160.00" }),
        ),
        (
            "mutation($i: SetBudgetInput!) { setBudget(input: $i) { id } }",
            json!({ "categoryId": groceries, "month": "2026-01", "amount": "300.00" }),
        ),
    ];
    for (mutation, input) in writes {
        app.ok(&viewer.token, mutation, json!({ "i": input })).await;
    }
    viewer
}

/// Every id in an `exportMyData` document.
fn ids_in(document: &Value, into: &mut Vec<String>) {
    match document {
        Value::Object(map) => {
            for (key, value) in map {
                match value {
                    Value::String(id) if key == "id" || key.ends_with("Id") => {
                        into.push(id.clone())
                    }
                    other => ids_in(other, into),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| ids_in(item, into)),
        _ => {}
    }
}

/// The viewer's data, or `None` when their token no longer works.
pub async fn snapshot(app: &TestApp, user: &TestUser) -> Option<Value> {
    let (status, body) = app
        .post(Some(&user.token), json!({ "query": "{ exportMyData }" }))
        .await;
    (status == 200 && body.get("errors").is_none()).then(|| body["data"]["exportMyData"].clone())
}

/// The viewer's ids (and another user's finance ids) and page cursors.
pub async fn known(app: &TestApp, viewer: &TestUser, other: &Value) -> Known {
    let mut ids = Vec::new();
    ids_in(
        &snapshot(app, viewer).await.expect("the viewer's data"),
        &mut ids,
    );
    ids_in(&other["transactions"], &mut ids);
    ids_in(&other["accounts"], &mut ids);
    let pages = "{ a: transactions(first: 1) { pageInfo { endCursor } }
        b: transactions(first: 1, orderBy: {field: AMOUNT}) { pageInfo { endCursor } }
        c: myAuditLog(first: 1) { pageInfo { endCursor } }
        d: users(first: 1) { pageInfo { endCursor } } sessions { id } }";
    let data = app.ok(&viewer.token, pages, json!({})).await;
    let cursors = ["a", "b", "c", "d"]
        .iter()
        .filter_map(|page| {
            data[page]["pageInfo"]["endCursor"]
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    ids_in(&data["sessions"], &mut ids);
    Known { ids, cursors }
}
