//! The per-account lock (kept in the database, so it holds across client IPs and server
//! instances): after `LOGIN_LOCKOUT_THRESHOLD` wrong passwords even the right one is refused,
//! exactly like a wrong password, until the lock ends; a success resets the count. A disabled
//! account answers like a wrong password too.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const LOGIN: &str =
    "mutation($input: LoginInput!) { login(input: $input) { accessToken user { id } } }";

/// A login's answer as a client sees it: status, the headers that could tell answers apart
/// (everything but `date` and the per-request id) and the raw body.
#[derive(Debug, PartialEq, Eq)]
struct RawReply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

async fn login(app: &TestApp, from: &str, email: &str, password: &str) -> RawReply {
    let body = json!({ "query": LOGIN, "variables": { "input": { "email": email, "password": password } } });
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("X-Forwarded-For", from)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let mut headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "date" | "x-request-id"))
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    let body = response.text().await.unwrap();
    RawReply {
        status,
        headers,
        body,
    }
}

fn json_of(reply: &RawReply) -> Value {
    serde_json::from_str(&reply.body).unwrap()
}

fn assert_refused(reply: &RawReply) {
    assert_eq!(reply.status, 200, "{}", reply.body);
    error_with_code(&json_of(reply), "UNAUTHENTICATED");
}

fn assert_logged_in(reply: &RawReply, user: &TestUser) {
    let body = json_of(reply);
    assert!(body.get("errors").is_none(), "{body}");
    assert_eq!(body["data"]["login"]["user"]["id"], user.id);
}

/// An app behind a trusted proxy at 127.0.0.1 (so `X-Forwarded-For` names the client) that
/// locks an account after `threshold` failures for `base_seconds`.
async fn app_locking_after(threshold: u32, base_seconds: u32) -> TestApp {
    TestApp::spawn_with(|config| {
        config.trusted_proxies = vec![tally::config::parse_ip_block("127.0.0.1").unwrap()];
        config.login_lockout_threshold = threshold;
        config.login_lockout_base_seconds = base_seconds;
    })
    .await
}

/// One wrong password for `user` from each of `ips`.
async fn fail_from(app: &TestApp, user: &TestUser, ips: &[&str]) {
    for ip in ips {
        assert_refused(&login(app, ip, &user.email, "not-the-password").await);
    }
}

#[tokio::test]
async fn wrong_passwords_from_several_ips_lock_the_account_even_for_the_right_password() {
    let app = app_locking_after(3, 60).await;
    let user = app.signed_up_user().await;
    fail_from(&app, &user, &["203.0.113.1", "203.0.113.2", "2001:db8::7"]).await;

    let right = login(&app, "198.51.100.4", &user.email, &user.password).await;

    assert_refused(&right);
}

#[tokio::test]
async fn a_locked_account_answers_byte_for_byte_like_a_wrong_password() {
    let app = app_locking_after(2, 60).await;
    let locked = app.signed_up_user().await;
    let other = app.signed_up_user().await;
    fail_from(&app, &locked, &["203.0.113.1", "203.0.113.2"]).await;

    let right_but_locked = login(&app, "203.0.113.3", &locked.email, &locked.password).await;
    let wrong = login(&app, "203.0.113.3", &other.email, "not-the-password").await;
    let unknown = login(&app, "203.0.113.3", "nobody@example.com", "whatever1").await;

    assert_refused(&wrong);
    assert_eq!(right_but_locked, wrong);
    assert_eq!(unknown, wrong);
    assert_logged_in(
        &login(&app, "203.0.113.3", &other.email, &other.password).await,
        &other,
    );
}

#[tokio::test]
async fn the_lock_ends_after_its_base_duration() {
    let app = app_locking_after(2, 1).await;
    let user = app.signed_up_user().await;
    fail_from(&app, &user, &["203.0.113.1", "203.0.113.2"]).await;
    assert_refused(&login(&app, "203.0.113.3", &user.email, &user.password).await);

    tokio::time::sleep(Duration::from_millis(1300)).await;
    let after = login(&app, "203.0.113.3", &user.email, &user.password).await;

    assert_logged_in(&after, &user);
}

#[tokio::test]
async fn a_successful_login_resets_the_failure_count() {
    let app = app_locking_after(3, 60).await;
    let user = app.signed_up_user().await;
    fail_from(&app, &user, &["203.0.113.1", "203.0.113.2"]).await;
    assert_logged_in(
        &login(&app, "203.0.113.3", &user.email, &user.password).await,
        &user,
    );
    fail_from(&app, &user, &["203.0.113.1", "203.0.113.2"]).await;

    let fifth_attempt = login(&app, "203.0.113.3", &user.email, &user.password).await;

    assert_logged_in(&fifth_attempt, &user);
}

#[tokio::test]
async fn a_disabled_account_answers_byte_for_byte_like_a_wrong_password() {
    let app = app_locking_after(5, 60).await;
    let boss = crate::admin::roles::admin(&app).await;
    let disabled = app.signed_up_user().await;
    let other = app.signed_up_user().await;
    let disable = "mutation($id: UUID!) { disableUser(userId: $id) { id } }";
    app.ok(&boss.token, disable, json!({ "id": disabled.id }))
        .await;

    let right_but_disabled = login(&app, "203.0.113.3", &disabled.email, &disabled.password).await;
    let wrong = login(&app, "203.0.113.3", &other.email, "not-the-password").await;

    assert_refused(&wrong);
    assert_eq!(right_but_disabled, wrong, "the password is not confirmed");
    let log = "query($id: UUID!) { userAuditLog(userId: $id, first: 1) {
        edges { node { action reason } } } }";
    let events = app.ok(&boss.token, log, json!({ "id": disabled.id })).await;
    let last = &events["userAuditLog"]["edges"][0]["node"];
    assert_eq!(last["action"], "LOGIN_FAILED");
    assert_eq!(last["reason"], "DISABLED", "administrators see why");
}
