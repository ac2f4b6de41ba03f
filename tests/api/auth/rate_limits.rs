//! Per-IP rate limits on password checks (`login`, `changePassword`, `deleteMyAccount`, one
//! bucket), `signup` and `refreshSession`: 429 with `Retry-After` and `RATE_LIMITED` once a
//! client is over its limit, before anything runs; `X-Forwarded-For` counts only from
//! trusted proxies; aliases and batching cannot multiply attempts.

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_with_code};

const LOGIN: &str =
    "mutation($input: LoginInput!) { login(input: $input) { accessToken user { id } } }";
const SIGNUP: &str = "mutation($input: SignupInput!) { signup(input: $input) { accessToken } }";
/// Whatever `refreshSession` looks like in the schema, the limiter charges it by name.
const REFRESH: &str = "mutation { refreshSession { accessToken } }";

/// The answer to one request: status, `Retry-After` (if any) and the JSON body.
struct Reply {
    status: u16,
    retry_after: Option<u64>,
    body: Value,
}

async fn send(app: &TestApp, forwarded_for: Option<&str>, body: Value) -> Reply {
    let mut request = app.client.post(app.url("/graphql")).json(&body);
    if let Some(xff) = forwarded_for {
        request = request.header("X-Forwarded-For", xff);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    let body = response.json().await.unwrap();
    Reply {
        status,
        retry_after,
        body,
    }
}

fn login_body(email: &str, password: &str) -> Value {
    json!({ "query": LOGIN, "variables": { "input": { "email": email, "password": password } } })
}

async fn login_from(app: &TestApp, forwarded_for: Option<&str>, email: &str) -> Reply {
    send(app, forwarded_for, login_body(email, "wrong-password")).await
}

/// The statements `requests` refused requests cost: on PostgreSQL the buckets are in the
/// database (one statement per charge, the refused ones too), on SQLite in memory.
fn charges(app: &TestApp, requests: u64) -> u64 {
    if app.store.is_postgres() { requests } else { 0 }
}

/// The reply is a rate-limit refusal; returns its `Retry-After`.
fn assert_rate_limited(reply: &Reply) -> u64 {
    assert_eq!(reply.status, 429, "{}", reply.body);
    assert!(reply.body.get("data").is_none(), "{}", reply.body);
    let error = error_with_code(&reply.body, "RATE_LIMITED");
    let retry_after = reply.retry_after.expect("a Retry-After header");
    assert_eq!(error["extensions"]["retryAfter"], retry_after);
    retry_after
}

#[tokio::test]
async fn logins_beyond_the_limit_get_429_with_retry_after_and_nothing_runs() {
    let app = TestApp::spawn_with(|config| config.rate_limit_login_per_minute = 3).await;
    let user = app.signed_up_user().await;
    for _ in 0..3 {
        let reply = login_from(&app, None, &user.email).await;
        assert_eq!(reply.status, 200);
        error_with_code(&reply.body, "UNAUTHENTICATED");
    }
    let statements = app.store.statements_executed();

    let wrong = login_from(&app, None, &user.email).await;
    let right = send(&app, None, login_body(&user.email, &user.password)).await;

    let retry_after = assert_rate_limited(&wrong);
    assert!(
        (1..=20).contains(&retry_after),
        "one login per 20 s: {retry_after}"
    );
    assert_rate_limited(&right);
    assert_eq!(
        app.store.statements_executed(),
        statements + charges(&app, 2),
        "nothing ran but the charges"
    );
    let other = app.ok(&user.token, "{ me { id } }", json!({})).await;
    assert_eq!(other["me"]["id"], user.id, "other requests are not limited");
}

#[tokio::test]
async fn signups_beyond_the_hourly_limit_get_429() {
    let app = TestApp::spawn_with(|config| config.rate_limit_signup_per_hour = 2).await;
    app.signed_up_user().await;
    app.signed_up_user().await;
    let statements = app.store.statements_executed();

    let input = json!({ "username": "third_user", "email": "third@example.com",
                        "password": "a fine long password" });
    let reply = send(
        &app,
        None,
        json!({ "query": SIGNUP, "variables": { "input": input } }),
    )
    .await;

    let retry_after = assert_rate_limited(&reply);
    assert!((1..=1800).contains(&retry_after), "{retry_after}");
    assert_eq!(
        app.store.statements_executed(),
        statements + charges(&app, 1),
        "no user created"
    );
}

#[tokio::test]
async fn refresh_session_is_limited_by_name_and_its_aliases_count_each() {
    let app = TestApp::spawn_with(|config| config.rate_limit_refresh_per_minute = 3).await;
    let twice = "mutation { ...R } fragment R on Mutation {
        a: refreshSession { accessToken } b: refreshSession { accessToken } }";

    let first = send(&app, None, json!({ "query": REFRESH })).await;
    let aliased = send(&app, None, json!({ "query": twice })).await;
    let fourth = send(&app, None, json!({ "query": REFRESH })).await;

    assert_ne!(first.status, 429, "{}", first.body);
    assert_ne!(aliased.status, 429, "{}", aliased.body);
    assert_rate_limited(&fourth);
}

#[tokio::test]
async fn a_spoofed_forwarded_for_from_an_untrusted_peer_does_not_escape_the_limit() {
    let app = TestApp::spawn_with(|config| config.rate_limit_login_per_minute = 2).await;
    let user = app.signed_up_user().await;
    for xff in ["203.0.113.1", "203.0.113.2"] {
        let reply = login_from(&app, Some(xff), &user.email).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }

    let spoofed = login_from(&app, Some("198.51.100.77"), &user.email).await;

    assert_rate_limited(&spoofed);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket() {
    let app = TestApp::spawn_with(|config| {
        config.rate_limit_login_per_minute = 1;
        config.trusted_proxies = vec![tally::config::parse_ip_block("127.0.0.1").unwrap()];
    })
    .await;
    let email = "nobody@example.com";
    assert_eq!(
        login_from(&app, Some("203.0.113.1"), email).await.status,
        200
    );

    let same = login_from(&app, Some("203.0.113.1"), email).await;
    let other = login_from(&app, Some("203.0.113.2"), email).await;
    // A client's own X-Forwarded-For entry before the proxy's is not believed.
    let prefixed = login_from(&app, Some("198.51.100.9, 203.0.113.1"), email).await;

    assert_rate_limited(&same);
    assert_eq!(other.status, 200, "{}", other.body);
    assert_rate_limited(&prefixed);
}

#[tokio::test]
async fn ipv6_clients_share_a_bucket_per_64() {
    let app = TestApp::spawn_with(|config| {
        config.rate_limit_login_per_minute = 1;
        config.trusted_proxies = vec![tally::config::parse_ip_block("127.0.0.1").unwrap()];
    })
    .await;
    let email = "nobody@example.com";
    assert_eq!(
        login_from(&app, Some("2001:db8:0:1::1"), email)
            .await
            .status,
        200
    );

    let same_net = login_from(&app, Some("2001:db8:0:1:ffff::2"), email).await;
    let next_net = login_from(&app, Some("2001:db8:0:2::1"), email).await;

    assert_rate_limited(&same_net);
    assert_eq!(next_net.status, 200, "{}", next_net.body);
}

fn aliased_logins(email: &str, count: usize) -> String {
    let fields: Vec<String> = (0..count)
        .map(|i| {
            format!(
                r#"a{i}: login(input: {{email: "{email}", password: "guess-{i}"}}) {{ accessToken }}"#
            )
        })
        .collect();
    format!("mutation {{ {} }}", fields.join(" "))
}

#[tokio::test]
async fn a_hundred_aliased_logins_are_refused_without_checking_a_password() {
    let app = TestApp::spawn_with(|config| config.rate_limit_login_per_minute = 10).await;
    let user = app.signed_up_user().await;
    let statements = app.store.statements_executed();

    let aliased = send(
        &app,
        None,
        json!({ "query": aliased_logins(&user.email, 100) }),
    )
    .await;
    let spread = "mutation { ...L ...L } fragment L on Mutation {
        login(input: {email: \"x@example.com\", password: \"guess\"}) { accessToken } }";
    let fragments = send(&app, None, json!({ "query": spread })).await;

    for reply in [&aliased, &fragments] {
        assert!(reply.body["errors"].is_array(), "{}", reply.body);
        assert!(reply.body.get("data").is_none(), "{}", reply.body);
    }
    assert_eq!(
        app.store.statements_executed(),
        statements,
        "no login ran, so no user was read and no LOGIN_FAILED row written"
    );
    let single = login_from(&app, None, &user.email).await;
    error_with_code(&single.body, "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_batch_of_logins_is_refused_without_checking_a_password() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let statements = app.store.statements_executed();
    let batch: Vec<Value> = (0..5)
        .map(|i| login_body(&user.email, &format!("guess-{i}")))
        .collect();

    let reply = send(&app, None, Value::Array(batch)).await;

    assert_eq!(reply.status, 400, "{}", reply.body);
    error_with_code(&reply.body, "BAD_REQUEST");
    assert_eq!(app.store.statements_executed(), statements, "no login ran");
}

#[tokio::test]
async fn every_password_check_shares_the_login_limit() {
    let app = TestApp::spawn_with(|config| config.rate_limit_login_per_minute = 2).await;
    let user = app.signed_up_user().await;
    let change = "mutation { changePassword(input: {
        currentPassword: \"wrong-password\", newPassword: \"a brand new passphrase\" }) {
        accessToken } }";
    let delete = "mutation { deleteMyAccount(password: \"wrong-password\") }";

    let first = login_from(&app, None, &user.email).await;
    let second = app.gql(Some(&user.token), change, json!({})).await;
    let (status, third) = app
        .post(Some(&user.token), json!({ "query": delete }))
        .await;

    error_with_code(&first.body, "UNAUTHENTICATED");
    error_with_code(&second, "BAD_USER_INPUT");
    assert_eq!(status, 429, "{third}");
    error_with_code(&third, "RATE_LIMITED");
    let me = app.ok(&user.token, "{ me { id } }", json!({})).await;
    assert_eq!(me["me"]["id"], user.id, "nothing was deleted");
}
