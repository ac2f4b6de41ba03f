//! Editing one's profile: `updateProfile` (username, base currency) and `changeEmail` (with
//! the password, checked like a login: a wrong one counts toward the lock, a locked account
//! is refused even with the right one), and `currencies`.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const UPDATE: &str = "mutation($input: UpdateProfileInput!) {
    updateProfile(input: $input) { id username baseCurrency email } }";
const CHANGE_EMAIL: &str = "mutation($input: ChangeEmailInput!) {
    changeEmail(input: $input) { id email } }";

async fn change_email(app: &TestApp, user: &TestUser, email: &str, password: &str) -> Value {
    let input = json!({ "input": { "newEmail": email, "password": password } });
    app.gql(Some(&user.token), CHANGE_EMAIL, input).await
}

async fn login(app: &TestApp, email: &str, password: &str) -> Value {
    app.gql(
        None,
        "mutation($input: LoginInput!) { login(input: $input) { accessToken } }",
        json!({ "input": { "email": email, "password": password } }),
    )
    .await
}

#[tokio::test]
async fn the_username_and_base_currency_change_and_the_change_is_audited() {
    let app = TestApp::spawn_shared_with(|_| {}).await;
    let user = app.signed_up_user().await;

    let data = app
        .ok(
            &user.token,
            UPDATE,
            json!({ "input": { "username": "  Ada.Lovelace ", "baseCurrency": "EUR" } }),
        )
        .await;

    let me = &data["updateProfile"];
    assert_eq!(me["username"], "Ada.Lovelace");
    assert_eq!(me["baseCurrency"], "EUR");
    assert_eq!(
        me["email"],
        user.email.as_str(),
        "the email needs changeEmail"
    );
    let overview = app
        .ok(
            &user.token,
            "{ financialOverview(year: 2026) { currency } }",
            json!({}),
        )
        .await;
    assert_eq!(
        overview["financialOverview"]["currency"], "EUR",
        "reports follow"
    );
    let partial = app
        .ok(
            &user.token,
            UPDATE,
            json!({ "input": { "baseCurrency": "JPY" } }),
        )
        .await;
    assert_eq!(partial["updateProfile"]["username"], "Ada.Lovelace");
    let actions = app.audit_actions(&user.id).await;
    assert_eq!(
        actions.iter().filter(|a| *a == "PROFILE_UPDATED").count(),
        2
    );
}

#[tokio::test]
async fn bad_or_taken_profile_values_are_refused_with_their_field() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let other = app.signed_up_user().await;

    let cases = [
        (
            json!({ "username": "ab" }),
            "BAD_USER_INPUT",
            "input.username",
        ),
        (
            json!({ "username": "ada lovelace" }),
            "BAD_USER_INPUT",
            "input.username",
        ),
        (
            json!({ "baseCurrency": "XYZ" }),
            "BAD_USER_INPUT",
            "input.baseCurrency",
        ),
        (
            json!({ "baseCurrency": "usd" }),
            "BAD_USER_INPUT",
            "input.baseCurrency",
        ),
        (json!({}), "BAD_USER_INPUT", "input"),
        (
            json!({ "username": other.username.to_uppercase() }),
            "CONFLICT",
            "input.username",
        ),
    ];
    for (input, code, field) in cases {
        let body = app
            .gql(Some(&user.token), UPDATE, json!({ "input": input }))
            .await;
        let error = error_with_code(&body, code);
        assert_eq!(error["extensions"]["field"], field, "{input}: {body}");
    }
    let me = app
        .ok(&user.token, "{ me { username baseCurrency } }", json!({}))
        .await;
    assert_eq!(me["me"]["username"], user.username.as_str());
    assert_eq!(me["me"]["baseCurrency"], "USD");
    // Keeping one's own name (in another case) is fine.
    let own = app
        .ok(
            &user.token,
            UPDATE,
            json!({ "input": { "username": user.username.to_uppercase() } }),
        )
        .await;
    assert_eq!(
        own["updateProfile"]["username"],
        user.username.to_uppercase()
    );
    let body = app
        .gql(None, UPDATE, json!({ "input": { "baseCurrency": "EUR" } }))
        .await;
    error_with_code(&body, "UNAUTHENTICATED");
}

#[tokio::test]
async fn the_email_changes_with_the_password_and_login_follows_it() {
    let app = TestApp::spawn_shared_with(|_| {}).await;
    let user = app.signed_up_user().await;
    let other = app.signed_up_user().await;

    let body = change_email(&app, &user, " New.Address@Example.com ", &user.password).await;
    assert_eq!(
        body["data"]["changeEmail"]["email"], "new.address@example.com",
        "{body}"
    );
    error_with_code(
        &login(&app, &user.email, &user.password).await,
        "UNAUTHENTICATED",
    );
    let again = login(&app, "new.address@example.com", &user.password).await;
    assert!(again["data"]["login"]["accessToken"].is_string(), "{again}");
    assert!(
        app.audit_actions(&user.id)
            .await
            .contains(&"EMAIL_CHANGED".to_owned())
    );

    let taken = change_email(&app, &user, &other.email, &user.password).await;
    let error = error_with_code(&taken, "CONFLICT");
    assert_eq!(error["extensions"]["field"], "input.newEmail");
    let malformed = change_email(&app, &user, "not an email", &user.password).await;
    let error = error_with_code(&malformed, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.newEmail");
}

#[tokio::test]
async fn a_wrong_password_counts_toward_the_lock_and_a_locked_account_keeps_its_email() {
    let app = TestApp::spawn_shared_with(|config| config.login_lockout_threshold = 3).await;
    let user = app.signed_up_user().await;

    for attempt in 0..3 {
        let body = change_email(&app, &user, "thief@example.com", "not my password").await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], "input.password", "{attempt}");
    }
    // Locked now: even the right password is refused, here and at login.
    let body = change_email(&app, &user, "thief@example.com", &user.password).await;
    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.password");
    error_with_code(
        &login(&app, &user.email, &user.password).await,
        "UNAUTHENTICATED",
    );
    let me = app.ok(&user.token, "{ me { email } }", json!({})).await;
    assert_eq!(me["me"]["email"], user.email.as_str());
    let failures = app.audit_actions(&user.id).await;
    assert!(failures.iter().filter(|a| *a == "LOGIN_FAILED").count() >= 3);
}

#[tokio::test]
async fn one_password_check_per_document_counts_change_email() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let query = "mutation($a: ChangeEmailInput!, $b: ChangeEmailInput!) {
        one: changeEmail(input: $a) { id } two: changeEmail(input: $b) { id } }";
    let input = json!({ "newEmail": "x@example.com", "password": "guess" });
    let body = app
        .gql(Some(&user.token), query, json!({ "a": input, "b": input }))
        .await;
    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
}

#[tokio::test]
async fn currencies_lists_every_accepted_code_with_its_decimals() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let data = app
        .ok(&user.token, "{ currencies { code decimals } }", json!({}))
        .await;
    let list = data["currencies"].as_array().expect("list");
    assert!(list.len() > 150, "{}", list.len());
    assert!(list.contains(&json!({ "code": "EUR", "decimals": 2 })));
    assert!(list.contains(&json!({ "code": "JPY", "decimals": 0 })));
    assert!(list.contains(&json!({ "code": "KWD", "decimals": 3 })));
    let codes: Vec<&str> = list
        .iter()
        .map(|c| c["code"].as_str().unwrap_or(""))
        .collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted);
    // Every listed code opens an account.
    for code in ["CLF", "XCG", "ZWG"] {
        app.open_account(&user, &format!("In {code}"), code).await;
    }
    error_with_code(
        &app.gql(None, "{ currencies { code } }", json!({})).await,
        "UNAUTHENTICATED",
    );
}

#[tokio::test]
async fn change_email_is_charged_to_the_login_rate_limit() {
    let app = TestApp::spawn_with(|config| config.rate_limit_login_per_minute = 1).await;
    let user = app.signed_up_user().await;
    let input = json!({ "input": { "newEmail": "x@example.com", "password": "wrong-password" } });

    let first = app
        .gql(Some(&user.token), CHANGE_EMAIL, input.clone())
        .await;
    let (status, second) = app
        .post(
            Some(&user.token),
            json!({ "query": CHANGE_EMAIL, "variables": input }),
        )
        .await;

    error_with_code(&first, "BAD_USER_INPUT");
    assert_eq!(status, 429, "{second}");
    error_with_code(&second, "RATE_LIMITED");
}
