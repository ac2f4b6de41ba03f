//! `changePassword`: proven by the current password (a wrong one counts toward the account
//! lock), checked against the policy, ending every other session and every older access
//! token while this session goes on.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, Tokens, error_with_code};

const CHANGE: &str = "mutation($input: ChangePasswordInput!) {
    changePassword(input: $input) { accessToken refreshToken refreshExpiresAt user { id } } }";
const NEW_PASSWORD: &str = "a brand new passphrase";

async fn change(app: &TestApp, token: &str, current: &str, new: &str) -> Value {
    let input = json!({ "input": { "currentPassword": current, "newPassword": new } });
    app.gql(Some(token), CHANGE, input).await
}

async fn login(app: &TestApp, user: &TestUser, password: &str) -> Value {
    app.gql(
        None,
        "mutation($input: LoginInput!) { login(input: $input) { accessToken } }",
        json!({ "input": { "email": user.email, "password": password } }),
    )
    .await
}

#[tokio::test]
async fn a_password_change_keeps_this_session_and_ends_every_other_one() {
    let app = TestApp::spawn_shared_with(|_| {}).await;
    let user = app.signed_up_user().await;
    let other = app.login_for_tokens(&user).await;
    let this = app.login_for_tokens(&user).await;

    let body = change(&app, &this.access, &user.password, NEW_PASSWORD).await;

    let payload = &body["data"]["changePassword"];
    assert_eq!(payload["user"]["id"], user.id.as_str(), "{body}");
    assert_eq!(
        payload["refreshToken"],
        Value::Null,
        "the refresh token is kept"
    );
    let new_access = payload["accessToken"].as_str().unwrap();
    assert_eq!(app.me_status(new_access).await, 200, "the new access token");
    assert_eq!(
        app.me_status(&this.access).await,
        401,
        "this session's old token"
    );
    assert_eq!(app.me_status(&other.access).await, 401, "the other session");
    assert_eq!(app.me_status(&user.token).await, 401, "the sign-up session");
    error_with_code(&app.refresh(&other.refresh).await, "UNAUTHENTICATED");
    let next = app.refreshed(&this.refresh).await;
    assert_eq!(app.me_status(&next.access).await, 200, "refreshed after");
    error_with_code(&login(&app, &user, &user.password).await, "UNAUTHENTICATED");
    let with_new = login(&app, &user, NEW_PASSWORD).await;
    assert!(
        with_new["data"]["login"]["accessToken"].is_string(),
        "{with_new}"
    );
    let changes = app.audit_actions(&user.id).await;
    let changes = changes.iter().filter(|a| *a == "PASSWORD_CHANGED").count();
    assert_eq!(changes, 1);
}

#[tokio::test]
async fn a_wrong_current_password_is_bad_input_and_counts_toward_the_account_lock() {
    let app = TestApp::spawn_with(|config| config.login_lockout_threshold = 3).await;
    let user = app.signed_up_user().await;

    for attempt in 0..3 {
        let body = change(&app, &user.token, "not my password", NEW_PASSWORD).await;

        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(
            error["extensions"]["field"], "input.currentPassword",
            "{attempt}"
        );
    }

    let locked_login = login(&app, &user, &user.password).await;
    error_with_code(&locked_login, "UNAUTHENTICATED");
    let while_locked = change(&app, &user.token, &user.password, NEW_PASSWORD).await;
    let error = error_with_code(&while_locked, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.currentPassword");
    assert_eq!(app.me_status(&user.token).await, 200, "nothing changed");
}

#[tokio::test]
async fn the_new_password_must_meet_the_policy_and_a_refused_one_changes_nothing() {
    let app = TestApp::spawn().await;
    // An email whose name differs from the username, so each rule shows on its own.
    let (email, username, password) = (
        "admiral.hopper@example.com",
        "amazing_grace",
        "cobol compiler pioneer",
    );
    let signup = app
        .gql(
            None,
            "mutation($input: SignupInput!) { signup(input: $input) { accessToken user { id } } }",
            json!({ "input": { "username": username, "email": email, "password": password } }),
        )
        .await;
    let user = TestUser {
        id: signup["data"]["signup"]["user"]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        username: username.to_owned(),
        email: email.to_owned(),
        password: password.to_owned(),
        token: signup["data"]["signup"]["accessToken"]
            .as_str()
            .unwrap()
            .to_owned(),
    };
    let email_name = user.email.split('@').next().unwrap().to_owned();
    let cases = [
        ("password", "too common"),
        (user.email.as_str(), "your email address"),
        (email_name.as_str(), "before the @"),
        (user.username.as_str(), "your username"),
        ("short", "at least 8"),
    ];
    for (new, why) in cases {
        let body = change(&app, &user.token, &user.password, new).await;

        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], "input.newPassword", "{new}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains(why), "{new}: {message}");
    }
    assert_eq!(app.me_status(&user.token).await, 200);
    let old = login(&app, &user, &user.password).await;
    assert!(old["data"]["login"]["accessToken"].is_string(), "{old}");
}

#[tokio::test]
async fn change_password_needs_an_access_token() {
    let app = TestApp::spawn().await;
    let input = json!({ "input": { "currentPassword": "x", "newPassword": NEW_PASSWORD } });

    let body = app.gql(None, CHANGE, input).await;

    error_with_code(&body, "UNAUTHENTICATED");
}

/// Another instance may have cached the old token as valid, for no longer than
/// `AUTH_STATE_CACHE_MS`.
#[tokio::test]
async fn after_a_password_change_old_access_tokens_die_on_every_instance_within_the_bound() {
    let cache = |config: &mut tally::config::Config| config.auth_state_cache_ms = 300;
    let a = TestApp::spawn_shared_with(cache).await;
    let b = a.another_instance_with(cache).await;
    let user = a.signed_up_user().await;
    let elsewhere: Tokens = a.login_for_tokens(&user).await;
    for token in [&user.token, &elsewhere.access] {
        assert_eq!(b.me_status(token).await, 200, "B has cached it as valid");
    }

    let body = change(&a, &user.token, &user.password, NEW_PASSWORD).await;

    let new_access = body["data"]["changePassword"]["accessToken"]
        .as_str()
        .unwrap();
    assert_eq!(a.me_status(&user.token).await, 401, "refused at once on A");
    tokio::time::sleep(Duration::from_millis(400)).await;
    for token in [&user.token, &elsewhere.access] {
        assert_eq!(
            b.me_status(token).await,
            401,
            "refused on B after the bound"
        );
    }
    assert_eq!(b.me_status(new_access).await, 200);
}

/// Aliases cannot multiply guesses: a document may check one password, so aliased attempts
/// are refused before any runs; sent one by one, each wrong attempt counts toward the lock.
#[tokio::test]
async fn aliased_current_password_guesses_are_refused_and_single_ones_count_toward_the_lock() {
    let app = TestApp::spawn_with(|config| config.login_lockout_threshold = 3).await;
    let user = app.signed_up_user().await;
    let field = format!(
        r#"changePassword(input: {{ currentPassword: "wrong guess", newPassword: "{NEW_PASSWORD}" }}) {{ accessToken }}"#
    );
    let fields: Vec<String> = (0..3).map(|i| format!("g{i}: {field}")).collect();

    let body = app
        .gql(
            Some(&user.token),
            &format!("mutation {{ {} }}", fields.join(" ")),
            json!({}),
        )
        .await;

    let error = error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("one password check"),
        "{body}"
    );
    assert!(body.get("data").is_none(), "{body}");
    assert!(
        login(&app, &user, &user.password)
            .await
            .get("errors")
            .is_none(),
        "nothing counted"
    );

    let single = format!("mutation {{ {field} }}");
    for _ in 0..3 {
        let body = app.gql(Some(&user.token), &single, json!({})).await;
        error_with_code(&body, "BAD_USER_INPUT");
    }
    error_with_code(&login(&app, &user, &user.password).await, "UNAUTHENTICATED");
}
