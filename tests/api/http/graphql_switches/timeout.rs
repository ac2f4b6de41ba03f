//! `GRAPHQL_TIMEOUT_SECONDS`: a request that runs past the timeout is stopped and answered
//! with HTTP 504 `TIMEOUT`, and a mutation it cuts off leaves nothing half-written.
//!
//! Each test runs two apps on one database: a patient one (the default 30 s) that signs up
//! and reads back, and a hasty one (1 ms) whose database work is cut off.

use std::path::PathBuf;
use std::time::Duration;

use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const CREATE: &str =
    "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }";
const IMPORT: &str = "mutation($input: ImportTransactionsInput!) {
    importTransactions(input: $input) { imported } }";
const IMPORT_ROWS: usize = 1_000;

/// A database two apps can share: a SQLite file, or a fresh PostgreSQL database when
/// `TEST_DATABASE_URL` is set (dropped afterwards).
struct SharedDatabase {
    url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Directory(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl SharedDatabase {
    async fn create() -> Self {
        let name = format!("tally_timeout_{}", uuid::Uuid::new_v4().simple());
        let Some(admin_url) = std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|url| !url.is_empty())
        else {
            let dir = std::env::temp_dir().join(name);
            std::fs::create_dir_all(&dir).unwrap();
            let url = format!("sqlite://{}/tally.db?mode=rwc", dir.display());
            return Self {
                url,
                cleanup: Cleanup::Directory(dir),
            };
        };
        let admin = Database::connect(&admin_url).await.unwrap();
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        admin.close().await.ok();
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(b, _)| b);
        Self {
            url: format!("{base}/{name}"),
            cleanup: Cleanup::Postgres { admin_url, name },
        }
    }
}

impl Drop for SharedDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Directory(dir) => {
                std::fs::remove_dir_all(dir).ok();
            }
            Cleanup::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime; use a fresh one on another thread.
                let dropped = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .unwrap();
                    runtime.block_on(async {
                        let admin = Database::connect(&admin_url).await.unwrap();
                        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                        admin.execute_unprepared(&sql).await.unwrap();
                    });
                })
                .join();
                if dropped.is_err() {
                    eprintln!("could not drop test database {}", self.url);
                }
            }
        }
    }
}

/// The patient app, the hasty app (1 ms timeout) on the same database, and a user.
async fn two_apps() -> (TestApp, TestApp, TestUser, SharedDatabase) {
    let database = SharedDatabase::create().await;
    let url = database.url.clone();
    let patient = TestApp::spawn_with(|config| config.database_url = Some(url.clone())).await;
    let secret = patient.jwt_secret.clone();
    let hasty = TestApp::spawn_with(|config| {
        config.database_url = Some(url);
        config.jwt_secret = Some(secret.parse().unwrap());
        config.graphql_timeout = Duration::from_millis(1);
    })
    .await;
    let user = patient.signed_up_user().await;
    (patient, hasty, user, database)
}

/// `IMPORT_ROWS` rows of -0.01 each, as CSV.
fn csv() -> String {
    let mut csv = String::from("Date,Payee,Amount\n");
    for i in 0..IMPORT_ROWS {
        csv.push_str(&format!("2026-01-{:02},Payee {i},-0.01\n", i % 28 + 1));
    }
    csv
}

async fn import(app: &TestApp, user: &TestUser, account: &str) -> (u16, Value) {
    let input = json!({ "accountId": account, "csv": csv(),
        "mapping": { "date": "Date", "description": "Payee", "amount": "Amount" } });
    app.post(
        Some(&user.token),
        json!({ "query": IMPORT, "variables": { "input": input } }),
    )
    .await
}

/// An amount such as `"-1.25"` in cents.
fn cents(amount: &Value) -> i64 {
    amount.as_str().unwrap().replace('.', "").parse().unwrap()
}

/// Every listed transaction's amount (in cents), page by page.
async fn listed_amounts(app: &TestApp, user: &TestUser) -> Vec<i64> {
    let query = "query($after: String) { transactions(first: 200, after: $after) {
        edges { node { amount } } pageInfo { hasNextPage endCursor } } }";
    let (mut amounts, mut after) = (Vec::new(), Value::Null);
    loop {
        let data = app.ok(&user.token, query, json!({ "after": after })).await;
        let page = &data["transactions"];
        let edges = page["edges"].as_array().unwrap();
        amounts.extend(edges.iter().map(|e| cents(&e["node"]["amount"])));
        if page["pageInfo"]["hasNextPage"] != true {
            return amounts;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
}

#[tokio::test]
async fn a_request_running_past_the_timeout_is_http_504_with_code_timeout() {
    let (patient, hasty, user, _database) = two_apps().await;
    let account = patient.default_account(&user).await;

    let (status, body) = import(&hasty, &user, &account).await;

    assert_eq!(status, 504, "{body}");
    let error = error_with_code(&body, "TIMEOUT");
    assert!(
        error["message"].as_str().unwrap().contains("1ms"),
        "{error}"
    );
    assert!(body.get("data").is_none(), "{body}");
    let (status, body) = import(&patient, &user, &account).await;
    assert_eq!(status, 200, "the default timeout lets it finish: {body}");
    assert_eq!(body["data"]["importTransactions"]["imported"], IMPORT_ROWS);
}

#[tokio::test]
async fn mutations_cut_off_by_the_timeout_are_all_or_nothing() {
    let (patient, hasty, user, _database) = two_apps().await;
    let account = patient.default_account(&user).await;
    let mut cut_off = 0;

    let (status, _) = import(&hasty, &user, &account).await;
    cut_off += usize::from(status == 504);
    for i in 0..20 {
        let input =
            json!({ "date": "2026-02-01", "amount": "-1.25", "description": format!("t{i}") });
        let (status, body) = hasty
            .post(
                Some(&user.token),
                json!({ "query": CREATE, "variables": { "input": input } }),
            )
            .await;
        assert!(status == 200 || status == 504, "{status}: {body}");
        cut_off += usize::from(status == 504);
    }

    assert!(cut_off > 0, "a 1 ms timeout must cut some of them off");
    let amounts = listed_amounts(&patient, &user).await;
    let imported = amounts.iter().filter(|&&a| a == -1).count();
    assert!(
        imported == 0 || imported == IMPORT_ROWS,
        "{imported} rows imported"
    );
    let balance = patient.default_account_fields(&user.token, "balance").await;
    assert_eq!(
        cents(&balance["balance"]),
        amounts.iter().sum::<i64>(),
        "the balance is the sum of the transactions that exist"
    );
    let (status, body) = hasty.post(None, json!({ "query": "{ __typename }" })).await;
    assert_eq!(status, 200, "the hasty app still answers: {body}");
}
