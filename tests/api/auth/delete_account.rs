//! `deleteMyAccount`: the password is checked like a login; then every row of the viewer
//! goes, and nothing of anyone else.

use serde_json::{Value, json};

use crate::finance::imports::import;
use crate::helpers::{TestApp, TestUser, error_with_code};

const DELETE: &str = "mutation($password: String!) { deleteMyAccount(password: $password) }";

async fn my_data(app: &TestApp, user: &TestUser) -> Value {
    app.ok(&user.token, "{ exportMyData }", json!({})).await["exportMyData"].clone()
}

/// A user with more than the sign-up defaults: a second account, transactions in both, a
/// categorised and tagged import, and a sub-category of their own.
async fn busy_user(app: &TestApp) -> TestUser {
    let user = app.signed_up_user().await;
    let csv = "Date,Payee,Amount,Category,Tags\n2026-01-01,Shop,-3.00,Groceries,\"a,b\"\n";
    let mapping = json!({ "mapping": { "date": "Date", "description": "Payee",
        "amount": "Amount", "category": "Category", "tags": "Tags" } });
    assert_eq!(import(app, &user, csv, mapping).await["imported"], 1);
    let account = app
        .ok(
            &user.token,
            r#"mutation { createAccount(input: {name: "Cash", kind: CASH, currency: "EUR"}) { id } }"#,
            json!({}),
        )
        .await;
    let input = json!({ "accountId": account["createAccount"]["id"], "date": "2026-01-02",
        "amount": "-1.00", "description": "Bus" });
    app.create_transaction(&user, input).await;
    user
}

#[tokio::test]
async fn a_wrong_password_is_refused_like_a_failed_login_and_deletes_nothing() {
    let app = TestApp::spawn().await;
    let user = busy_user(&app).await;
    let before = my_data(&app, &user).await;

    let body = app
        .gql(
            Some(&user.token),
            DELETE,
            json!({ "password": "not-my-password" }),
        )
        .await;

    let error = error_with_code(&body, "UNAUTHENTICATED");
    assert_eq!(error["message"], "Invalid email or password");
    assert_eq!(my_data(&app, &user).await, before);
}

#[tokio::test]
async fn the_right_password_deletes_everything_of_the_viewer_and_nothing_else() {
    let app = TestApp::spawn().await;
    let user = busy_user(&app).await;
    let bystander = busy_user(&app).await;
    let bystander_before = my_data(&app, &bystander).await.to_string();

    let data = app
        .ok(&user.token, DELETE, json!({ "password": user.password }))
        .await;

    assert_eq!(data["deleteMyAccount"], true);
    let me = app.gql(Some(&user.token), "{ me { id } }", json!({})).await;
    error_with_code(&me, "UNAUTHENTICATED");
    let export = app
        .gql(Some(&user.token), "{ exportMyData }", json!({}))
        .await;
    error_with_code(&export, "UNAUTHENTICATED");
    assert_eq!(
        my_data(&app, &bystander).await.to_string(),
        bystander_before
    );
    let login = app
        .gql(
            None,
            "mutation($input: LoginInput!) { login(input: $input) { accessToken } }",
            json!({ "input": { "email": user.email, "password": user.password } }),
        )
        .await;
    error_with_code(&login, "UNAUTHENTICATED");
}

#[tokio::test]
async fn after_deletion_the_email_and_username_can_sign_up_afresh_with_nothing_left_over() {
    let app = TestApp::spawn().await;
    let user = busy_user(&app).await;
    app.ok(&user.token, DELETE, json!({ "password": user.password }))
        .await;

    let body = app
        .gql(
            None,
            "mutation($input: SignupInput!) { signup(input: $input) { accessToken } }",
            json!({ "input": { "username": user.username, "email": user.email,
                "password": user.password } }),
        )
        .await;

    assert!(body.get("errors").is_none(), "sign-up failed: {body}");
    let token = body["data"]["signup"]["accessToken"].as_str().unwrap();
    let data = app.ok(token, "{ exportMyData }", json!({})).await;
    assert_eq!(data["exportMyData"]["transactions"], json!([]));
    assert_eq!(
        data["exportMyData"]["accounts"].as_array().unwrap().len(),
        1
    );
}

#[tokio::test]
async fn an_anonymous_request_cannot_delete_anything() {
    let app = TestApp::spawn().await;

    let body = app
        .gql(None, DELETE, json!({ "password": "whatever-it-is" }))
        .await;

    error_with_code(&body, "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_token_outliving_its_deleted_user_can_create_nothing() {
    let app = TestApp::spawn().await;
    let user = busy_user(&app).await;
    app.ok(
        &user.token,
        "mutation($p: String!) { deleteMyAccount(password: $p) }",
        json!({ "p": user.password }),
    )
    .await;

    let attempts = [
        "mutation { createAccount(input: { name: \"Ghost\", kind: CASH, currency: \"USD\" }) { id } }",
        "mutation { createCategory(input: { name: \"Ghost\", kind: EXPENSE }) { id } }",
        "mutation { createTransaction(input: { date: \"2026-01-01\", amount: \"1.00\",
            description: \"Ghost\" }) { id } }",
    ];
    for query in attempts {
        let body = app.gql(Some(&user.token), query, json!({})).await;
        let code = body["errors"][0]["extensions"]["code"].clone();
        assert!(
            code == "UNAUTHENTICATED" || code == "NOT_FOUND",
            "{query}: {body}"
        );
    }
}
