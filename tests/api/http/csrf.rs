//! Cross-site request forgery: what a page on another site can make a browser send without a
//! CORS preflight — a form post (`text/plain`, `application/x-www-form-urlencoded`,
//! `multipart/form-data`), a body without a content type, a GET link — must never run a
//! mutation. Each attempt here is a sign-up: refused, and afterwards no such user exists.

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_with_code};

const SIGNUP: &str = "mutation($input: SignupInput!) { signup(input: $input) { accessToken } }";
const LOGIN: &str = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";

/// Credentials nobody has signed up with yet.
fn fresh_credentials() -> Value {
    let suffix = &uuid::Uuid::new_v4().simple().to_string()[..12];
    json!({
        "username": format!("csrf_{suffix}"),
        "email": format!("csrf_{suffix}@example.com"),
        "password": "a long enough passphrase",
    })
}

fn signup_document(input: &Value) -> String {
    format!(
        r#"mutation {{ signup(input: {{username: {}, email: {}, password: {}}}) {{ accessToken }} }}"#,
        input["username"], input["email"], input["password"]
    )
}

/// The attempt ran nothing: logging in with its credentials fails, and a real sign-up with
/// them works (no username or email taken).
async fn assert_no_user_was_created(app: &TestApp, input: &Value) {
    let login = json!({ "email": input["email"], "password": input["password"] });
    let body = app.gql(None, LOGIN, json!({ "input": login })).await;
    error_with_code(&body, "UNAUTHENTICATED");
    let body = app.gql(None, SIGNUP, json!({ "input": input })).await;
    assert!(
        body.get("errors").is_none(),
        "the sign-up is still free: {body}"
    );
}

/// A POST a plain HTML form (or `fetch` without a preflight) can send, carrying `document`.
fn forged(app: &TestApp, kind: &str, document: &str) -> reqwest::RequestBuilder {
    let post = app.client.post(app.url("/graphql"));
    let as_json = json!({ "query": document }).to_string();
    match kind {
        "text/plain" => post.header("content-type", "text/plain").body(as_json),
        "urlencoded" => post.form(&[("query", document)]),
        "multipart" => post
            .header("content-type", "multipart/form-data; boundary=XyZ")
            .body(format!(
                "--XyZ\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\n{document}\r\n--XyZ--\r\n"
            )),
        _ => post.body(as_json),
    }
}

#[tokio::test]
async fn form_and_plain_text_posts_are_refused_without_running_anything() {
    let app = TestApp::spawn().await;

    for kind in ["text/plain", "urlencoded", "multipart", "no content type"] {
        let input = fresh_credentials();
        let request = forged(&app, kind, &signup_document(&input));

        let response = request.send().await.unwrap();

        assert_eq!(response.status(), 415, "{kind}");
        let reply: Value = response.json().await.unwrap();
        error_with_code(&reply, "BAD_REQUEST");
        assert_no_user_was_created(&app, &input).await;
    }
}

#[tokio::test]
async fn a_mutation_in_a_get_link_is_refused_without_running() {
    let app = TestApp::spawn().await;
    let input = fresh_credentials();

    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", signup_document(&input))])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
    let reply: Value = response.json().await.unwrap();
    error_with_code(&reply, "BAD_REQUEST");
    assert_no_user_was_created(&app, &input).await;
}
