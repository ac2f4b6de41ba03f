//! Sign-up, login and `me`: validation, uniqueness, enumeration resistance, passwords.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_with_code};

const SIGNUP: &str = "mutation($input: SignupInput!) {
    signup(input: $input) { accessToken tokenType expiresAt user { id username email baseCurrency } } }";
const LOGIN: &str = "mutation($input: LoginInput!) {
    login(input: $input) { accessToken tokenType expiresAt user { id email } } }";

async fn signup(app: &TestApp, username: &str, email: &str, password: &str) -> Value {
    let input = json!({ "username": username, "email": email, "password": password });
    app.gql(None, SIGNUP, json!({ "input": input })).await
}

async fn login(app: &TestApp, email: &str, password: &str) -> Value {
    app.gql(
        None,
        LOGIN,
        json!({ "input": { "email": email, "password": password } }),
    )
    .await
}

#[tokio::test]
async fn signup_returns_a_bearer_token_that_works_for_me() {
    let app = TestApp::spawn().await;
    let body = signup(&app, "ada", "ada@example.com", "correct horse battery").await;
    let payload = &body["data"]["signup"];
    assert_eq!(payload["tokenType"], "Bearer");
    assert_eq!(payload["user"]["username"], "ada");
    assert_eq!(payload["user"]["baseCurrency"], "USD");
    let expires = payload["expiresAt"].as_str().expect("expiresAt");
    assert!(expires.ends_with('Z'), "RFC 3339 in UTC: {expires}");

    let token = payload["accessToken"].as_str().expect("token");
    let me = app
        .ok(token, "{ me { id username email } }", json!({}))
        .await;
    assert_eq!(me["me"]["id"], payload["user"]["id"]);
    assert_eq!(me["me"]["email"], "ada@example.com");
}

#[tokio::test]
async fn login_returns_a_token_for_the_same_user_and_the_email_is_normalised() {
    let app = TestApp::spawn().await;
    let created = signup(&app, "Ada", "  Ada@Example.COM ", "correct horse battery").await;
    assert_eq!(
        created["data"]["signup"]["user"]["email"],
        "ada@example.com"
    );

    let body = login(&app, " ADA@example.com", "correct horse battery").await;
    let payload = &body["data"]["login"];
    assert_eq!(
        payload["user"]["id"],
        created["data"]["signup"]["user"]["id"]
    );
    let token = payload["accessToken"].as_str().expect("token");
    let me = app.ok(token, "{ me { username } }", json!({})).await;
    assert_eq!(me["me"]["username"], "Ada");
}

#[tokio::test]
async fn a_duplicate_email_in_any_case_is_a_conflict_on_the_email_field() {
    let app = TestApp::spawn().await;
    signup(&app, "first", "same@example.com", "correct horse battery").await;
    let body = signup(&app, "second", "SAME@example.com", "another passphrase").await;
    let error = error_with_code(&body, "CONFLICT");
    assert_eq!(error["extensions"]["field"], "input.email");
    let refused = login(&app, "same@example.com", "another passphrase").await;
    error_with_code(&refused, "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_duplicate_username_in_any_case_is_a_conflict_on_the_username_field() {
    let app = TestApp::spawn().await;
    signup(&app, "Grace", "grace@example.com", "correct horse battery").await;
    let body = signup(&app, "gRACE", "other@example.com", "correct horse battery").await;
    let error = error_with_code(&body, "CONFLICT");
    assert_eq!(error["extensions"]["field"], "input.username");
}

#[tokio::test]
async fn invalid_sign_up_details_are_bad_user_input_naming_the_field() {
    let app = TestApp::spawn().await;
    let cases = [
        ("ab", "ok@example.com", "long enough pass", "input.username"),
        (
            "has space",
            "ok@example.com",
            "long enough pass",
            "input.username",
        ),
        ("fine", "not-an-email", "long enough pass", "input.email"),
        ("fine", "ok@example.com", "short", "input.password"),
        ("fine", "ok@example.com", &"p".repeat(257), "input.password"),
    ];
    for (username, email, password, field) in cases {
        let body = signup(&app, username, email, password).await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], field, "{username} / {email}");
    }
    let body = app
        .gql(
            None,
            SIGNUP,
            json!({ "input": { "username": "fine", "email": "ok@example.com",
                    "password": "long enough pass", "baseCurrency": "XYZ" } }),
        )
        .await;
    assert_eq!(
        error_with_code(&body, "BAD_USER_INPUT")["extensions"]["field"],
        "input.baseCurrency"
    );
}

#[tokio::test]
async fn login_with_a_wrong_password_is_rejected_exactly_like_an_unknown_email() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let wrong_password = login(&app, &user.email, "not the password").await;
    let unknown_email = login(&app, "nobody@example.com", "not the password").await;
    error_with_code(&wrong_password, "UNAUTHENTICATED");
    assert_eq!(
        wrong_password, unknown_email,
        "the two failures must be indistinguishable"
    );
}

#[tokio::test]
async fn an_unknown_email_takes_about_as_long_as_a_wrong_password() {
    // Cost 8 makes one bcrypt verification take milliseconds; without the dummy
    // verification an unknown email would answer many times faster.
    let app = TestApp::spawn_with(|config| config.bcrypt_cost = 8).await;
    let user = app.signed_up_user().await;
    let median = |mut samples: Vec<Duration>| {
        samples.sort();
        samples[samples.len() / 2]
    };
    let (mut unknown, mut wrong) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        let start = Instant::now();
        login(&app, "nobody@example.com", "not the password").await;
        unknown.push(start.elapsed());
        let start = Instant::now();
        login(&app, &user.email, "not the password").await;
        wrong.push(start.elapsed());
    }
    let (unknown, wrong) = (median(unknown), median(wrong));
    assert!(
        unknown * 2 >= wrong && wrong * 2 >= unknown,
        "unknown email {unknown:?} vs wrong password {wrong:?}"
    );
}

#[tokio::test]
async fn bytes_past_the_72nd_of_a_password_count() {
    let app = TestApp::spawn().await;
    // 72 bytes that pass the password policy (a run of one letter would not), then more.
    let password = format!("{}-end", &"quiet orange lantern ".repeat(4)[..72]);
    signup(&app, "long", "long@example.com", &password).await;

    for attempt in [&password[..72], &format!("{password}suffix")] {
        let body = login(&app, "long@example.com", attempt).await;
        error_with_code(&body, "UNAUTHENTICATED");
    }
    let body = login(&app, "long@example.com", &password).await;
    assert!(body["data"]["login"]["accessToken"].is_string(), "{body}");
}

#[tokio::test]
async fn long_unicode_passphrases_work() {
    let app = TestApp::spawn().await;
    let passphrase = "Łódź → 東京 · naïve café ☕ · ".repeat(4);
    assert!(passphrase.chars().count() >= 64);
    let created = signup(&app, "poly", "poly@example.com", &passphrase).await;
    assert!(created.get("errors").is_none(), "{created}");
    let body = login(&app, "poly@example.com", &passphrase).await;
    assert!(body["data"]["login"]["accessToken"].is_string(), "{body}");
}

#[tokio::test]
async fn signup_gives_the_user_a_default_account_in_the_chosen_currency() {
    let app = TestApp::spawn().await;
    let body = app
        .gql(
            None,
            SIGNUP,
            json!({ "input": { "username": "euro", "email": "eu@example.com",
                    "password": "correct horse battery", "baseCurrency": "EUR" } }),
        )
        .await;
    let token = body["data"]["signup"]["accessToken"]
        .as_str()
        .expect("token");
    let data = app
        .ok(
            token,
            "{ accounts { name currency isDefault balance } }",
            json!({}),
        )
        .await;
    assert_eq!(
        data["accounts"],
        json!([{ "name": "Main account", "currency": "EUR", "isDefault": true, "balance": "0.00" }])
    );
}

#[tokio::test]
async fn an_email_no_account_could_have_is_answered_like_an_unknown_one() {
    let app = TestApp::spawn().await;
    let unknown = login(&app, "nobody@example.com", "not the password").await;
    for email in [
        "nul\u{0}@example.com",
        &format!("{}@example.com", "a".repeat(300)),
        "no-at-sign",
    ] {
        let body = login(&app, email, "not the password").await;
        assert_eq!(body, unknown, "{email:?}");
    }
}
