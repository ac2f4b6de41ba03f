//! `kill -9` in the middle of an import or of transfers: after a restart every import is all
//! there or not at all, every transfer has both legs or none, and the balances are exact.
//! On PostgreSQL the kill waits until a write transaction is open (seen in
//! `pg_stat_activity`); on SQLite it comes after a fixed delay.

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use serde_json::{Value, json};

use super::process::Tally;
use crate::helpers::{TestApp, TestUser};

const ROWS: usize = 5_000;

/// Wait until the database has a transaction that has written (or, on SQLite, a moment:
/// short, since a whole import can finish within a few hundred milliseconds there, and a
/// kill before the write begins must leave nothing either).
async fn mid_write(db: &DatabaseConnection) {
    if db.get_database_backend() != DbBackend::Postgres {
        tokio::time::sleep(Duration::from_millis(40)).await;
        return;
    }
    let sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
               AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL";
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        let row = db
            .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
            .await
            .unwrap()
            .unwrap();
        if row.try_get_by_index::<i64>(0).unwrap() > 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("no write transaction was seen");
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

/// The app, its database reachable by another process, a user and the binary serving both.
async fn setup() -> (TestApp, TestUser, Tally) {
    let app = TestApp::spawn_shared_with(|_| {}).await;
    let user = app.signed_up_user().await;
    let tally = Tally::start(app.database_url(), &app.jwt_secret, &[]).await;
    (app, user, tally)
}

fn post(tally: &Tally, token: &str, query: &str, variables: Value) -> reqwest::RequestBuilder {
    reqwest::Client::new()
        .post(tally.url("/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
}

#[tokio::test]
async fn an_import_killed_midway_is_all_there_or_not_at_all_after_a_restart() {
    let (app, user, mut tally) = setup().await;
    let account = app.default_account(&user).await;
    let mut csv = String::from("Date,Payee,Amount\n");
    for i in 0..ROWS {
        csv.push_str(&format!("2026-01-{:02},Payee {i},-1.01\n", i % 28 + 1));
    }
    let import = "mutation($input: ImportTransactionsInput!) { importTransactions(input: $input) { imported } }";
    let input = json!({ "input": { "accountId": account, "csv": csv,
        "mapping": { "date": "Date", "description": "Payee", "amount": "Amount" } } });
    let request = post(&tally, &user.token, import, input);
    let in_flight = tokio::spawn(request.send());
    let db = app.database().await;

    mid_write(&db).await;
    tally.signal("KILL");
    tally.exited_within(Duration::from_secs(5)).await;
    assert!(
        in_flight.await.unwrap().is_err(),
        "the request died with the process"
    );

    let restarted = Tally::start(app.database_url(), &app.jwt_secret, &[]).await;
    let rows = count(&db, "SELECT count(*) FROM transactions").await;
    assert!(rows == 0 || rows == ROWS as i64, "{rows} of {ROWS} rows");
    let data = app
        .ok(
            &user.token,
            "{ transactions { totalCount } accounts { balance } }",
            json!({}),
        )
        .await;
    assert_eq!(data["transactions"]["totalCount"], rows);
    let expected = if rows == 0 {
        "0.00".to_owned()
    } else {
        format!("-{}.{:02}", ROWS * 101 / 100, ROWS * 101 % 100)
    };
    assert_eq!(data["accounts"][0]["balance"], expected.as_str());
    drop(restarted);
}

#[tokio::test]
async fn transfers_killed_midway_keep_both_legs_or_none_and_exact_balances() {
    let (app, user, mut tally) = setup().await;
    let from = app.default_account(&user).await;
    let to = app.open_account(&user, "Savings", "USD").await;
    let transfer =
        "mutation($input: CreateTransferInput!) { createTransfer(input: $input) { id } }";
    let mut in_flight = tokio::task::JoinSet::new();
    for i in 0..150 {
        let input = json!({ "input": { "fromAccountId": from, "toAccountId": to,
            "amount": "2.50", "date": "2026-03-01", "description": format!("Transfer {i}") } });
        in_flight.spawn(post(&tally, &user.token, transfer, input).send());
    }
    let db = app.database().await;

    mid_write(&db).await;
    tally.signal("KILL");
    tally.exited_within(Duration::from_secs(5)).await;
    in_flight.join_all().await;

    let _restarted = Tally::start(app.database_url(), &app.jwt_secret, &[]).await;
    let half = count(
        &db,
        "SELECT count(*) FROM (SELECT transfer_id FROM transactions WHERE transfer_id IS NOT NULL \
         GROUP BY transfer_id HAVING count(*) <> 2) AS t",
    )
    .await;
    assert_eq!(half, 0, "a transfer with one leg");
    let legs = count(&db, "SELECT count(*) FROM transactions").await;
    assert_eq!(legs % 2, 0);
    let moved = legs / 2;
    let data = app
        .ok(&user.token, "{ accounts { name balance } }", json!({}))
        .await;
    let balance = |name: &str| {
        let accounts = data["accounts"].as_array().unwrap();
        let account = accounts.iter().find(|a| a["name"] == name).unwrap();
        account["balance"].as_str().unwrap().to_owned()
    };
    let cents = moved * 250;
    assert_eq!(
        balance("Savings"),
        format!("{}.{:02}", cents / 100, cents % 100)
    );
    let sign = if cents == 0 { "" } else { "-" };
    let other = data["accounts"][0]["name"].as_str().unwrap().to_owned();
    assert_eq!(
        balance(&other),
        format!("{sign}{}.{:02}", cents / 100, cents % 100)
    );
}
