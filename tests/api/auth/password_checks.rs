//! Every operation that checks a password goes through the one check: `deleteMyAccount`
//! (like `changePassword` and login) is refused while the account is locked, counts its wrong
//! passwords toward the lock, and is audited — so a stolen access token can neither guess the
//! password past the lock nor delete a locked account.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const DELETE: &str = "mutation($password: String!) { deleteMyAccount(password: $password) }";
const LOGIN: &str = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";

async fn delete(app: &TestApp, user: &TestUser, password: &str) -> Value {
    let body = app
        .gql(Some(&user.token), DELETE, json!({ "password": password }))
        .await;
    let error = error_with_code(&body, "UNAUTHENTICATED");
    assert_eq!(error["message"], "Invalid email or password");
    body
}

async fn login(app: &TestApp, user: &TestUser) -> Value {
    let input = json!({ "email": user.email, "password": user.password });
    app.gql(None, LOGIN, json!({ "input": input })).await
}

#[tokio::test]
async fn wrong_passwords_at_delete_my_account_lock_the_account_and_are_audited() {
    let app = TestApp::spawn_shared_with(|config| config.login_lockout_threshold = 3).await;
    let user = app.signed_up_user().await;

    for guess in ["guess-one", "guess-two", "guess-three"] {
        delete(&app, &user, guess).await;
    }

    error_with_code(&login(&app, &user).await, "UNAUTHENTICATED");
    let reasons = app.failure_reasons(&user.id).await;
    let delete_then_login = [
        "WRONG_PASSWORD",
        "WRONG_PASSWORD",
        "WRONG_PASSWORD_LOCKED",
        "LOCKED",
    ];
    assert_eq!(reasons, delete_then_login);
}

#[tokio::test]
async fn a_locked_account_cannot_be_deleted_even_with_the_right_password() {
    let app = TestApp::spawn_shared_with(|config| config.login_lockout_threshold = 2).await;
    let user = app.signed_up_user().await;
    for guess in ["guess-one", "guess-two"] {
        let input = json!({ "email": user.email, "password": guess });
        let body = app.gql(None, LOGIN, json!({ "input": input })).await;
        error_with_code(&body, "UNAUTHENTICATED");
    }

    delete(&app, &user, &user.password).await;

    let me = app.ok(&user.token, "{ me { id } }", json!({})).await;
    assert_eq!(me["me"]["id"], user.id, "nothing was deleted");
    let reasons = app.failure_reasons(&user.id).await;
    assert_eq!(reasons.last().map(String::as_str), Some("LOCKED"));
    let audit = "{ myAuditLog(first: 1) { edges { node { action entityType entityId } } } }";
    let last = &app.ok(&user.token, audit, json!({})).await["myAuditLog"]["edges"][0]["node"];
    assert_eq!(last["action"], "LOGIN_FAILED");
    assert_eq!(
        last["entityType"], "session",
        "the session that tried: {last}"
    );
}
