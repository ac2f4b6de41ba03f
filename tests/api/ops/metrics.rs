//! `/metrics`: a 404 unless configured; on the main port only with the bearer token; the
//! series an operator needs, with bounded labels. Its own address: `metrics_listener`.

use serde_json::json;

use crate::helpers::TestApp;

const TOKEN: &str = "metrics-token-for-tests-0123456789";

async fn app_with_token() -> TestApp {
    TestApp::spawn_with(|config| {
        config.metrics_token = Some(TOKEN.parse().unwrap());
        config.login_lockout_threshold = 2;
        config.rate_limit_login_per_minute = 5;
    })
    .await
}

async fn scrape(app: &TestApp) -> String {
    let response = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    response.text().await.unwrap()
}

/// The value of the first sample of `series` whose labels include every one of `labels`.
fn sample(text: &str, series: &str, labels: &[&str]) -> Option<f64> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter(|line| {
            let name = line.split(['{', ' ']).next().unwrap_or("");
            name == series && labels.iter().all(|label| line.contains(label))
        })
        .find_map(|line| line.rsplit(' ').next()?.parse().ok())
}

fn at_least_one(text: &str, series: &str, labels: &[&str]) {
    let value = sample(text, series, labels);
    assert!(
        value.is_some_and(|v| v >= 1.0),
        "{series} {labels:?} = {value:?} in:\n{text}"
    );
}

#[tokio::test]
async fn without_an_address_or_a_token_metrics_is_a_404() {
    let app = TestApp::spawn().await;
    let response = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    let with_a_guess = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(with_a_guess.status(), 404);
}

#[tokio::test]
async fn on_the_main_port_metrics_needs_the_token() {
    let app = app_with_token().await;

    let none = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(none.status(), 401);
    assert_eq!(none.headers()["www-authenticate"], "Bearer");
    for wrong in ["wrong", &TOKEN[..TOKEN.len() - 1], &format!("{TOKEN}x")] {
        let response = app
            .client
            .get(app.url("/metrics"))
            .bearer_auth(wrong)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "{wrong}");
    }
    let basic = app
        .client
        .get(app.url("/metrics"))
        .header("authorization", format!("Basic {TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), 401);
    assert!(scrape(&app).await.contains("tally_build_info"));
}

#[tokio::test]
async fn the_series_cover_requests_errors_logins_locks_limits_hashing_and_the_database() {
    let app = app_with_token().await;
    let user = app.signed_up_user().await;
    let me = json!({ "query": "query Me { me { id } }", "operationName": "Me" });
    let (status, _) = app.post(Some(&user.token), me).await;
    assert_eq!(status, 200);
    let (_, invalid) = app.post(None, json!({ "query": "{ noSuchField }" })).await;
    assert!(invalid["errors"].is_array());
    let login = "mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }";
    let attempt = |password: &str| json!({ "query": login, "variables": { "input": { "email": user.email, "password": password } } });
    let (_, ok) = app.post(None, attempt(&user.password)).await;
    assert!(ok["data"]["login"]["accessToken"].is_string(), "{ok}");
    for _ in 0..2 {
        app.post(None, attempt("not the password")).await;
    }
    let mut limited = false;
    for _ in 0..5 {
        let (status, _) = app.post(None, attempt("not the password")).await;
        limited |= status == 429;
    }
    assert!(limited, "the login limit (5 a minute) refused nothing");

    let text = scrape(&app).await;

    at_least_one(&text, "tally_build_info", &["version=\""]);
    at_least_one(
        &text,
        "tally_graphql_requests_total",
        &[r#"operation="Me""#, r#"outcome="ok""#],
    );
    at_least_one(
        &text,
        "tally_graphql_requests_total",
        &[r#"operation="anonymous""#, r#"outcome="error""#],
    );
    at_least_one(
        &text,
        "tally_graphql_request_duration_seconds_bucket",
        &[r#"operation="Me""#, r#"le="+Inf""#],
    );
    at_least_one(
        &text,
        "tally_graphql_request_duration_seconds_count",
        &[r#"operation="Login""#],
    );
    at_least_one(
        &text,
        "tally_graphql_errors_total",
        &[r#"code="GRAPHQL_VALIDATION_FAILED""#],
    );
    at_least_one(
        &text,
        "tally_graphql_errors_total",
        &[r#"code="RATE_LIMITED""#],
    );
    at_least_one(
        &text,
        "tally_http_requests_total",
        &[r#"route="/graphql""#, r#"status="200""#],
    );
    at_least_one(
        &text,
        "tally_http_requests_total",
        &[r#"route="/graphql""#, r#"status="429""#],
    );
    at_least_one(
        &text,
        "tally_http_request_duration_seconds_bucket",
        &[r#"route="/graphql""#, r#"le="+Inf""#],
    );
    at_least_one(&text, "tally_logins_total", &[r#"outcome="success""#]);
    at_least_one(
        &text,
        "tally_logins_total",
        &[r#"outcome="wrong_password""#],
    );
    at_least_one(&text, "tally_account_locks_total", &[]);
    at_least_one(&text, "tally_rate_limited_total", &[]);
    at_least_one(
        &text,
        "tally_db_statements_total",
        &[r#"kind="select""#, r#"outcome="ok""#],
    );
    at_least_one(&text, "tally_db_statements_total", &[r#"kind="insert""#]);
    at_least_one(
        &text,
        "tally_db_statement_duration_seconds_bucket",
        &[r#"kind="select""#, r#"le="+Inf""#],
    );
    at_least_one(&text, "tally_db_pool_max_connections", &[]);
    for series in ["tally_password_hash_queue_depth", "tally_db_pool_waiting"] {
        let value = sample(&text, series, &[]);
        assert!(
            value.is_some_and(|v| v >= 0.0),
            "{series} = {value:?} in:\n{text}"
        );
    }
    let idle = sample(&text, "tally_db_pool_connections", &[r#"state="idle""#]);
    let in_use = sample(&text, "tally_db_pool_connections", &[r#"state="in_use""#]);
    assert!(idle.is_some() && in_use.is_some(), "{text}");
}

#[tokio::test]
async fn client_chosen_operation_names_cannot_grow_the_series_without_bound() {
    let app = app_with_token().await;
    // A name the document does not hold (async-graphql refuses it) is no label.
    let ghost = json!({ "query": "query Real { __typename }", "operationName": "Ghost" });
    app.post(None, ghost).await;
    for n in 0..260 {
        let body = json!({ "query": format!("query Flood{n} {{ __typename }}") });
        let (status, _) = app.post(None, body).await;
        assert_eq!(status, 200);
    }
    let odd = json!({ "query": "{ __typename }", "operationName": "not a name\"}" });
    app.post(None, odd).await;

    let text = scrape(&app).await;
    let names: std::collections::BTreeSet<&str> = text
        .lines()
        .filter(|line| line.starts_with("tally_graphql_requests_total{"))
        .filter_map(|line| line.split("operation=\"").nth(1)?.split('"').next())
        .collect();
    assert!(names.len() <= 200 + 2, "{} operation labels", names.len());
    assert!(names.contains("other"), "{names:?}");
    assert!(
        !text.contains("not a name"),
        "a malformed name became a label"
    );
    assert!(
        !text.contains("operation=\"Ghost\""),
        "a name outside the document became a label"
    );
}
