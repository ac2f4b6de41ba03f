//! Heavy fields — the exports, the CSV import, reports over more than a year — are one per
//! document however they are hidden (aliases, fragments, variables, defaults); the exports
//! are bounded by `EXPORT_MAX_ROWS`; and one request uses at most
//! `DATABASE_CONNECTIONS_PER_REQUEST` pooled connections however many fields it runs, so
//! another user's request is served meanwhile.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::finance::imports::import;
use crate::helpers::{TestApp, TestUser, error_saying};

/// `count` rows of a bank CSV dated in 2026.
fn csv(count: usize) -> String {
    let mut csv = String::from("Date,Payee,Amount\n");
    for i in 0..count {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        csv.push_str(&format!(
            "2026-{month:02}-{day:02},Shop {i},-{}.{:02}\n",
            1 + i % 90,
            i % 100
        ));
    }
    csv
}

fn refused_as_heavy(body: &Value) {
    error_saying(body, "GRAPHQL_VALIDATION_FAILED", "one heavy field");
}

#[tokio::test]
async fn aliased_or_hidden_heavy_fields_are_refused_before_anything_runs() {
    let app = TestApp::spawn_with(|config| config.auth_state_cache_ms = 30_000).await;
    let user = app.signed_up_user().await;
    let import_input = json!({ "accountId": app.default_account(&user).await, "csv": csv(3),
        "mapping": { "date": "Date", "description": "Payee", "amount": "Amount" } });
    let statements = app.store.statements_executed();
    let long = r#"spendingByCategory(from: "2000-01-01", to: "2026-12-31") { total }"#;
    let documents = [
        ("{ a: exportMyData b: exportMyData }".to_owned(), json!({})),
        (
            r#"{ exportTransactions b: exportTransactions(filter: {search: "a"}) }"#.to_owned(),
            json!({}),
        ),
        (
            "{ exportMyData ...F } fragment F on Query { ... on Query { exportTransactions } }"
                .to_owned(),
            json!({}),
        ),
        (format!("{{ a: {long} b: {long} }}"), json!({})),
        (format!("{{ exportTransactions {long} }}"), json!({})),
        (
            "query($from: Month!, $to: Month = \"2026-12\") {
                exportMyData netWorth(from: $from, to: $to) { currency } }"
                .to_owned(),
            json!({ "from": "2020-01" }),
        ),
        (
            "mutation($input: ImportTransactionsInput!) {
                a: importTransactions(input: $input) { imported }
                b: importTransactions(input: $input) { imported } }"
                .to_owned(),
            json!({ "input": import_input }),
        ),
    ];

    for (document, variables) in documents {
        refused_as_heavy(&app.gql(Some(&user.token), &document, variables).await);
    }

    assert_eq!(app.store.statements_executed(), statements, "nothing ran");
    let data = app
        .ok(&user.token, "{ transactions { totalCount } }", json!({}))
        .await;
    assert_eq!(data["transactions"]["totalCount"], 0);
}

#[tokio::test]
async fn one_heavy_field_and_a_year_of_reports_beside_it_run() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let year = |alias: &str| {
        format!(r#"{alias}: spendingByCategory(from: "2026-01-01", to: "2026-12-31") {{ total }}"#)
    };
    let document = format!(
        "{{ exportMyData {} {} financialOverview(year: 2026) {{ income }}
           monthlyCashflow(year: 2026) {{ net }} netWorth(from: \"2026-01\", to: \"2026-12\") {{ currency }} }}",
        year("a"),
        year("b")
    );

    let data = app.ok(&user.token, &document, json!({})).await;

    assert_eq!(data["exportMyData"]["profile"]["id"], user.id);
    assert_eq!(data["a"]["total"], "0.00");
}

#[tokio::test]
async fn exports_hold_at_most_the_configured_rows() {
    let app = TestApp::spawn_with(|config| config.export_max_rows = 60).await;
    let user = app.signed_up_user().await;
    let document = app.ok(&user.token, "{ exportMyData }", json!({})).await;
    let seeded = ["accounts", "categories"]
        .iter()
        .map(|kind| document["exportMyData"][kind].as_array().unwrap().len())
        .sum::<usize>();
    assert!(seeded < 40, "{seeded} rows at sign-up");

    import(&app, &user, &csv(60 - seeded), json!({})).await;
    let full = app.ok(&user.token, "{ exportMyData }", json!({})).await;
    assert_eq!(
        full["exportMyData"]["transactions"]
            .as_array()
            .unwrap()
            .len(),
        60 - seeded
    );
    // The rows imported before are skipped: one more row.
    import(&app, &user, &csv(61 - seeded), json!({})).await;

    let body = app
        .gql(Some(&user.token), "{ exportMyData }", json!({}))
        .await;
    let error = error_saying(&body, "BAD_USER_INPUT", "at most 60");
    assert_eq!(error["extensions"]["field"], "exportMyData");
    let csv_export = app
        .ok(&user.token, "{ exportTransactions }", json!({}))
        .await;
    assert!(
        csv_export["exportTransactions"]
            .as_str()
            .unwrap()
            .lines()
            .count()
            > 1
    );
}

/// The user with thousands of transactions whose reports keep a request busy.
async fn busy_user(app: &TestApp) -> TestUser {
    let user = app.signed_up_user().await;
    import(app, &user, &csv(10_000), json!({})).await;
    user
}

/// Thirty aliased one-year reports: not heavy, but thirty statements over every row.
fn thirty_reports() -> String {
    let fields: Vec<String> = (0..30)
        .map(|i| {
            format!(r#"r{i}: spendingByCategory(from: "2026-01-01", to: "2026-12-31") {{ total }}"#)
        })
        .collect();
    format!("{{ {} }}", fields.join(" "))
}

#[tokio::test]
async fn one_request_uses_at_most_its_share_of_the_pool_and_others_are_served() {
    let app = TestApp::spawn_shared_with(|config| {
        config.database_max_connections = 6;
        config.database_connections_per_request = 2;
        config.auth_state_cache_ms = 30_000;
        config.audit_retention_days = 0;
    })
    .await;
    let busy = busy_user(&app).await;
    let other = app.signed_up_user().await;
    app.ok(&other.token, "{ accounts { id } }", json!({})).await;
    let reports = thirty_reports();

    // The fat request alone: sample how many pooled connections are in use while it runs.
    let started = Instant::now();
    let fat = tokio::spawn({
        let (client, url, token) = (app.client.clone(), app.url("/graphql"), busy.token.clone());
        let body = json!({ "query": reports });
        async move {
            let response = client.post(url).bearer_auth(token).json(&body).send().await;
            response.unwrap().json::<Value>().await.unwrap()
        }
    });
    let mut peak = 0;
    while !fat.is_finished() {
        peak = peak.max(app.store.connections_held());
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let body = fat.await.unwrap();
    let took = started.elapsed();
    assert!(body.get("errors").is_none(), "{body}");
    assert!(peak >= 1, "the sampler saw the request at work ({took:?})");
    assert!(peak <= 2, "one request held {peak} connections at once");

    // Again, and meanwhile another user asks for something small.
    let fat = tokio::spawn({
        let (client, url, token) = (app.client.clone(), app.url("/graphql"), busy.token.clone());
        let body = json!({ "query": reports });
        async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    while app.store.connections_held() == 0 && !fat.is_finished() {
        tokio::task::yield_now().await;
    }
    let asked = Instant::now();
    let data = app.ok(&other.token, "{ accounts { id } }", json!({})).await;
    let waited = asked.elapsed();
    assert_eq!(data["accounts"].as_array().unwrap().len(), 1);
    assert!(
        waited < took / 2,
        "the other user waited {waited:?} while the fat request took {took:?}"
    );
    assert_eq!(fat.await.unwrap(), 200);
}
