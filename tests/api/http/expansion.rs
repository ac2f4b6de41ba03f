//! Documents whose cost grows faster than their size: fragment bombs (each fragment spreading
//! the previous one twice), too many tokens, definitions, spreads or directives, brackets
//! nested past what the parser can recurse. Each is refused with `GRAPHQL_VALIDATION_FAILED`
//! in milliseconds, before async-graphql expands or even parses it, and the server's memory
//! stays flat (the server runs in this test's process, so its peak resident size is ours).

use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{TestApp, error_saying, error_with_code};

/// A document under 1 KB that expands to 2^`levels` selections.
fn bomb(levels: usize) -> String {
    let mut query = String::from("query Bomb { ...F0 }");
    for i in 0..levels {
        let next = i + 1;
        query.push_str(&format!(
            " fragment F{i} on Query {{ ...F{next} ...F{next} }}"
        ));
    }
    query.push_str(&format!(" fragment F{levels} on Query {{ __typename }}"));
    query
}

/// This process's peak resident set size, in KiB (`VmHWM`).
fn peak_memory_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .expect("a VmHWM line");
    line.split_whitespace()
        .nth(1)
        .and_then(|kib| kib.parse().ok())
        .expect("VmHWM in kB")
}

/// How long answering takes at most (a debug build on a busy machine; the refusal itself
/// takes well under a millisecond).
const QUICK: Duration = Duration::from_millis(500);

#[tokio::test]
async fn fragment_bombs_are_refused_at_once_and_memory_stays_flat() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = peak_memory_kib();

    for levels in [26, 40] {
        let query = bomb(levels);
        for token in [None, Some(user.token.as_str())] {
            let started = Instant::now();
            let body = app.gql(token, &query, json!({})).await;
            let elapsed = started.elapsed();

            error_saying(&body, "GRAPHQL_VALIDATION_FAILED", "fragments are expanded");
            assert!(elapsed < QUICK, "{levels} levels took {elapsed:?}");
        }
    }

    let grown = peak_memory_kib().saturating_sub(before);
    assert!(grown < 32 * 1024, "peak memory grew by {grown} KiB");
}

#[tokio::test]
async fn two_bombs_at_once_leave_the_server_answering() {
    let app = TestApp::spawn().await;
    let query = bomb(30);
    let started = Instant::now();
    let (first, second, health) = tokio::join!(
        app.gql(None, &query, json!({})),
        app.gql(None, &query, json!({})),
        app.client.get(app.url("/healthz")).send()
    );
    assert!(started.elapsed() < QUICK, "{:?}", started.elapsed());
    assert_eq!(health.unwrap().status(), 200);
    error_with_code(&first, "GRAPHQL_VALIDATION_FAILED");
    error_with_code(&second, "GRAPHQL_VALIDATION_FAILED");
}

#[tokio::test]
async fn bombs_built_from_inline_fragments_and_fields_are_refused_too() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut query = String::from("{ ...F0 }");
    for i in 0..30 {
        let next = i + 1;
        query.push_str(&format!(
            " fragment F{i} on Query {{ ... on Query {{ ...F{next} }} me {{ id }} ...F{next} }}"
        ));
    }
    query.push_str(" fragment F30 on Query { me { id username } }");

    let started = Instant::now();
    let body = app.gql(Some(&user.token), &query, json!({})).await;

    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
    assert!(started.elapsed() < QUICK);
}

#[tokio::test]
async fn the_document_limits_are_the_configured_ones() {
    let app = TestApp::spawn_with(|config| {
        config.graphql_max_tokens = 200;
        config.graphql_max_selections = 300;
        config.graphql_max_definitions = 3;
        config.graphql_max_fragment_spreads = 4;
    })
    .await;
    let user = app.signed_up_user().await;
    let refused = |body: &serde_json::Value, says: &str| {
        error_saying(body, "GRAPHQL_VALIDATION_FAILED", says);
    };

    let many_tokens = format!("{{ {} }}", "me { id } ".repeat(60));
    refused(
        &app.gql(Some(&user.token), &many_tokens, json!({})).await,
        "200 tokens",
    );

    // 767 selections from a hundred tokens (in ten definitions: another app allows them).
    let selections = TestApp::spawn_with(|config| config.graphql_max_selections = 300).await;
    let body = selections.gql(None, &bomb(8), json!({})).await;
    refused(&body, "fragments are expanded");

    let definitions = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...C }
        fragment C on Query { __typename }";
    refused(
        &app.gql(None, definitions, json!({})).await,
        "4 operations and fragments",
    );

    let spreads = "{ ...A ...A ...A ...A ...A } fragment A on Query { __typename }";
    refused(
        &app.gql(None, spreads, json!({})).await,
        "spreads 5 fragments",
    );

    let within = "{ ...A ...A ...A ...A } fragment A on Query { me { id } }";
    let data = app.ok(&user.token, within, json!({})).await;
    assert_eq!(data["me"]["id"], user.id);
}

#[tokio::test]
async fn repeated_directives_and_deep_brackets_are_refused_and_the_server_stays_up() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let directives = format!("{{ me {} {{ id }} }}", "@include(if: true) ".repeat(5000));
    let body = app.gql(Some(&user.token), &directives, json!({})).await;
    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");

    let few = format!("{{ me {} {{ id }} }}", "@include(if: true) ".repeat(5));
    let body = app.gql(Some(&user.token), &few, json!({})).await;
    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");

    let depth = 100_000;
    let list = format!(
        "{{ transactions(filter: {{ tags: {}\"x\"{} }}) {{ totalCount }} }}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let started = Instant::now();
    let body = app.gql(Some(&user.token), &list, json!({})).await;
    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
    assert!(started.elapsed() < QUICK);

    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn a_get_request_is_held_to_the_same_limits_before_it_is_parsed() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", bomb(40))])
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
}

#[tokio::test]
async fn thousands_of_long_unknown_names_are_refused_before_validation_suggests_for_each() {
    let app = TestApp::spawn().await;
    let names: Vec<String> = (0..4900)
        .map(|i| format!("{}{i}", "q".repeat(240)))
        .collect();
    let query = format!("{{ {} }}", names.join(" "));

    let started = Instant::now();
    let body = app.gql(None, &query, json!({})).await;

    error_saying(&body, "GRAPHQL_VALIDATION_FAILED", "names take more than");
    assert!(started.elapsed() < QUICK, "{:?}", started.elapsed());
}
