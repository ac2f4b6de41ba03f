//! The graphql-transport-ws protocol: close codes, authentication, origin, limits.

use std::time::Duration;

use serde_json::json;

use super::client::{close_code, connected, init, next_message, open, ping_with, send, subscribe};
use crate::helpers::TestApp;

const LEDGER: &str = "subscription { ledgerChanged { kind transactionIds } }";

#[tokio::test]
async fn no_connection_init_in_time_closes_4408() {
    let app = TestApp::spawn_with(|c| c.live.ws_init_timeout_seconds = 1).await;
    let mut socket = open(&app, None).await.unwrap();
    assert_eq!(close_code(&mut socket).await, 4408);
}

#[tokio::test]
async fn subscribe_before_the_ack_closes_4401() {
    let app = TestApp::spawn().await;
    let mut socket = open(&app, None).await.unwrap();
    send(&mut socket, subscribe("1", LEDGER)).await;
    assert_eq!(close_code(&mut socket).await, 4401);
}

#[tokio::test]
async fn a_bad_token_closes_4403_and_a_missing_one_too() {
    let app = TestApp::spawn().await;
    let mut socket = open(&app, None).await.unwrap();
    send(&mut socket, init("not.a.token")).await;
    assert_eq!(close_code(&mut socket).await, 4403);
    let mut socket = open(&app, None).await.unwrap();
    send(&mut socket, json!({"type": "connection_init"})).await;
    assert_eq!(close_code(&mut socket).await, 4403);
}

#[tokio::test]
async fn a_revoked_token_closes_4403_at_init() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    app.ok(&user.token, "mutation { logoutEverywhere }", json!({}))
        .await;
    let mut socket = open(&app, None).await.unwrap();
    send(&mut socket, init(&user.token)).await;
    assert_eq!(close_code(&mut socket).await, 4403);
}

#[tokio::test]
async fn a_duplicate_id_closes_4409() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut socket = connected(&app, &user.token).await;
    send(&mut socket, subscribe("1", LEDGER)).await;
    send(&mut socket, subscribe("1", LEDGER)).await;
    assert_eq!(close_code(&mut socket).await, 4409);
}

#[tokio::test]
async fn bad_messages_close_4400() {
    let app = TestApp::spawn().await;
    for bad in [
        json!({"type": "start"}),
        json!([1]),
        json!({"type": "subscribe", "id": ""}),
    ] {
        let mut socket = open(&app, None).await.unwrap();
        send(&mut socket, bad).await;
        assert_eq!(close_code(&mut socket).await, 4400);
    }
}

#[tokio::test]
async fn a_second_init_closes_4429_and_ping_answers_pong() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut socket = connected(&app, &user.token).await;
    send(&mut socket, json!({"type": "ping"})).await;
    assert_eq!(next_message(&mut socket).await["type"], "pong");
    send(&mut socket, init(&user.token)).await;
    assert_eq!(close_code(&mut socket).await, 4429);
}

#[tokio::test]
async fn queries_mutations_and_invalid_documents_get_an_error_message() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut socket = connected(&app, &user.token).await;
    for (id, query, code) in [
        ("q", "{ me { id } }", "BAD_REQUEST"),
        ("v", "subscription { nope }", "GRAPHQL_VALIDATION_FAILED"),
        ("p", "subscription {", "GRAPHQL_PARSE_FAILED"),
    ] {
        send(&mut socket, subscribe(id, query)).await;
        let message = next_message(&mut socket).await;
        assert_eq!(message["type"], "error", "{message}");
        assert_eq!(message["id"], id);
        assert_eq!(
            message["payload"][0]["extensions"]["code"], code,
            "{message}"
        );
    }
}

#[tokio::test]
async fn subscriptions_per_connection_are_bounded() {
    let app = TestApp::spawn_with(|c| c.live.ws_max_subscriptions = 2).await;
    let user = app.signed_up_user().await;
    let mut socket = connected(&app, &user.token).await;
    send(&mut socket, subscribe("1", LEDGER)).await;
    send(&mut socket, subscribe("2", LEDGER)).await;
    send(&mut socket, subscribe("3", LEDGER)).await;
    let message = next_message(&mut socket).await;
    assert_eq!(message["type"], "error");
    assert_eq!(message["id"], "3");
    assert_eq!(
        message["payload"][0]["extensions"]["code"],
        "SUBSCRIPTION_LIMIT"
    );
}

#[tokio::test]
async fn connections_per_user_are_bounded() {
    let app = TestApp::spawn_with(|c| c.live.ws_max_connections_per_user = 1).await;
    let user = app.signed_up_user().await;
    let first = connected(&app, &user.token).await;
    let mut second = open(&app, None).await.unwrap();
    send(&mut second, init(&user.token)).await;
    assert_eq!(close_code(&mut second).await, 4429);
    drop(first);
    tokio::time::sleep(Duration::from_millis(300)).await;
    connected(&app, &user.token).await;
}

#[tokio::test]
async fn foreign_origins_are_refused_and_allowed_ones_accepted() {
    let app = TestApp::spawn_with(|c| {
        c.cors_allowed_origins = vec!["https://app.example.com".into()];
    })
    .await;
    assert_eq!(
        open(&app, Some("https://evil.example")).await.err(),
        Some(403)
    );
    assert!(open(&app, Some("https://app.example.com")).await.is_ok());
    let same = format!("http://{}", app.addr);
    assert!(open(&app, Some(&same)).await.is_ok());
    assert!(open(&app, None).await.is_ok());
}

#[tokio::test]
async fn connection_attempts_are_rate_limited_per_ip() {
    let app = TestApp::spawn_with(|c| c.live.ws_connects_per_minute = 2).await;
    assert!(open(&app, None).await.is_ok());
    assert!(open(&app, None).await.is_ok());
    assert_eq!(open(&app, None).await.err(), Some(429));
}

#[tokio::test]
async fn oversized_messages_close_the_socket() {
    let app = TestApp::spawn_with(|c| c.live.ws_max_message_bytes = 1024).await;
    let mut socket = open(&app, None).await.unwrap();
    let big = "x".repeat(4096);
    send(
        &mut socket,
        json!({"type": "connection_init", "payload": {"pad": big}}),
    )
    .await;
    let code = close_code(&mut socket).await;
    assert!(code == 1009 || code == 1005 || code == 1006, "{code}");
}

#[tokio::test]
async fn with_trusted_documents_only_a_subscription_text_is_refused() {
    // The sign-up's text is not trusted: sign up through an open instance on the same database.
    let open = TestApp::spawn_shared_with(|_| {}).await;
    let user = open.signed_up_user().await;
    let app = open
        .another_instance_with(|c| c.trusted_documents_only = Some(true))
        .await;
    let mut socket = connected(&app, &user.token).await;
    send(&mut socket, subscribe("1", LEDGER)).await;
    let message = next_message(&mut socket).await;
    assert_eq!(message["type"], "error", "{message}");
    assert_eq!(
        message["payload"][0]["extensions"]["code"],
        "TRUSTED_DOCUMENTS_ONLY"
    );
    let unknown = json!({"type": "subscribe", "id": "2",
                         "payload": {"documentId": "sha256:00", "query": null}});
    send(&mut socket, unknown).await;
    let message = next_message(&mut socket).await;
    assert_eq!(message["type"], "error", "{message}");
}

#[tokio::test]
async fn a_ping_with_a_fresh_token_of_the_same_session_renews_and_another_sessions_closes() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let tokens = app.login_for_tokens(&user).await;
    let mut socket = connected(&app, &tokens.access).await;
    let fresh = app.refreshed(&tokens.refresh).await;
    send(&mut socket, ping_with(&fresh.access)).await;
    assert_eq!(next_message(&mut socket).await["type"], "pong");
    send(&mut socket, ping_with(&user.token)).await;
    assert_eq!(close_code(&mut socket).await, 4403);
}
