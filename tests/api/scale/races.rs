//! Writes racing across instances: one idempotency key sent to both at once makes one row;
//! transfers and imports sent to both at once are each written exactly once, and the
//! balances afterwards are exact sums of what was written.

use serde_json::{Value, json};

use super::two_instances;
use crate::helpers::{TestApp, TestUser};

/// Send `query` with each `variables` as `user`, all at once, alternating the instances.
async fn raced(apps: [&TestApp; 2], user: &TestUser, query: &str, all: Vec<Value>) -> Vec<Value> {
    let mut requests = tokio::task::JoinSet::new();
    for (i, variables) in all.into_iter().enumerate() {
        let app = apps[i % 2];
        let request = app
            .client
            .post(app.url("/graphql"))
            .bearer_auth(&user.token)
            .json(&json!({ "query": query, "variables": variables }));
        requests.spawn(async move { request.send().await.unwrap().json::<Value>().await });
    }
    requests
        .join_all()
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect()
}

/// The balances of the user's accounts by name, and how many transactions they hold.
async fn ledger(app: &TestApp, user: &TestUser) -> (Vec<(String, String)>, i64) {
    let data = app
        .ok(
            &user.token,
            "{ accounts { name balance } transactions { totalCount } }",
            json!({}),
        )
        .await;
    let mut balances: Vec<(String, String)> = data["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_owned(),
                a["balance"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    balances.sort();
    (
        balances,
        data["transactions"]["totalCount"].as_i64().unwrap(),
    )
}

#[tokio::test]
async fn one_idempotency_key_raced_on_both_instances_makes_one_transaction() {
    let Some((a, b)) = two_instances("idempotency", |_| {}).await else {
        return;
    };
    let user = a.signed_up_user().await;
    let create =
        "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }";
    let input = json!({ "input": { "date": "2026-02-01", "amount": "-3.25",
                        "description": "Coffee", "idempotencyKey": "coffee-raced" } });

    let bodies = raced([&a, &b], &user, create, vec![input; 10]).await;

    let mut ids: Vec<&Value> = bodies
        .iter()
        .map(|body| {
            assert!(body.get("errors").is_none(), "{body}");
            &body["data"]["createTransaction"]["id"]
        })
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 1, "one transaction for every retry: {bodies:?}");
    let (balances, count) = ledger(&b, &user).await;
    assert_eq!(count, 1);
    assert!(
        balances.iter().any(|(_, balance)| balance == "-3.25"),
        "{balances:?}"
    );
}

#[tokio::test]
async fn transfers_raced_on_both_instances_are_each_written_once_and_balances_are_exact() {
    let Some((a, b)) = two_instances("transfers", |_| {}).await else {
        return;
    };
    let user = a.signed_up_user().await;
    let from = a.default_account(&user).await;
    let to = a.open_account(&user, "Savings", "USD").await;
    let transfer =
        "mutation($input: CreateTransferInput!) { createTransfer(input: $input) { id } }";
    // Twenty transfers of 1.05, each sent twice (once to each instance) under its own key.
    let inputs: Vec<Value> = (0..40)
        .map(|i| {
            json!({ "input": { "fromAccountId": from, "toAccountId": to, "amount": "1.05",
                    "date": "2026-03-01", "description": format!("Transfer {}", i / 2),
                    "idempotencyKey": format!("transfer-{}", i / 2) } })
        })
        .collect();

    let bodies = raced([&a, &b], &user, transfer, inputs).await;

    for body in &bodies {
        assert!(body.get("errors").is_none(), "{body}");
    }
    let mut ids: Vec<String> = bodies
        .iter()
        .map(|body| {
            body["data"]["createTransfer"]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 20, "one transfer per key");
    let (balances, count) = ledger(&a, &user).await;
    assert_eq!(count, 40, "two legs per transfer");
    let savings = balances.iter().find(|(name, _)| name == "Savings").unwrap();
    assert_eq!(savings.1, "21.00");
    assert!(
        balances.iter().any(|(_, balance)| balance == "-21.00"),
        "{balances:?}"
    );
}

#[tokio::test]
async fn imports_raced_on_both_instances_lose_no_row_and_double_none() {
    let Some((a, b)) = two_instances("imports", |_| {}).await else {
        return;
    };
    let user = a.signed_up_user().await;
    let account = a.default_account(&user).await;
    let import = "mutation($input: ImportTransactionsInput!) {
        importTransactions(input: $input) { imported duplicates } }";
    let csv = |month: u32| {
        let mut text = String::from("Date,Payee,Amount\n");
        for day in 1..=25 {
            text.push_str(&format!("2026-{month:02}-{day:02},Shop {day},-{day}.10\n"));
        }
        text
    };
    let input = |month: u32| {
        json!({ "input": { "accountId": account, "csv": csv(month),
                "mapping": { "date": "Date", "description": "Payee", "amount": "Amount" } } })
    };
    // Two different files, each sent to both instances at once.
    let bodies = raced(
        [&a, &b],
        &user,
        import,
        vec![input(1), input(1), input(2), input(2)],
    )
    .await;

    let mut imported = 0;
    for body in &bodies {
        match body.get("errors") {
            None => {
                imported += body["data"]["importTransactions"]["imported"]
                    .as_i64()
                    .unwrap()
            }
            // The loser of a race on the same rows may be told to retry, never half-written.
            Some(_) => assert_eq!(
                body["errors"][0]["extensions"]["code"], "CONFLICT",
                "{body}"
            ),
        }
    }
    let (balances, count) = ledger(&b, &user).await;
    assert_eq!(count, 50, "each file's 25 rows once: {bodies:?}");
    assert_eq!(imported, 50, "{bodies:?}");
    // Each file: -(1.10 + 2.10 + … + 25.10) = -(325 + 2.50) = -327.50.
    assert!(
        balances.iter().any(|(_, balance)| balance == "-655.00"),
        "{balances:?}"
    );
}
