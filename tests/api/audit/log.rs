//! `myAuditLog`: authentication events with IP and user agent and never a secret, each
//! user's own events only, keyset pages newest first.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, error_with_code};

const LOG: &str = "query($first: Int, $after: String) {
    myAuditLog(first: $first, after: $after) {
        edges { cursor node { id action entityType entityId reason ip userAgent createdAt actorId } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }";

const USER_AGENT: &str = "tally-audit-test/1.0";

/// One page of the log of the user with `token`; the whole `myAuditLog` object.
pub async fn page(app: &TestApp, token: &str, first: i64, after: Option<&str>) -> Value {
    let data = app
        .ok(token, LOG, json!({ "first": first, "after": after }))
        .await;
    data["myAuditLog"].clone()
}

/// Every event of the log of the user with `token`, newest first.
pub async fn audit_log(app: &TestApp, token: &str) -> Vec<Value> {
    let mut events = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = page(app, token, 200, after.as_deref()).await;
        for edge in page["edges"].as_array().unwrap() {
            events.push(edge["node"].clone());
        }
        if page["pageInfo"]["hasNextPage"] != true {
            return events;
        }
        after = page["pageInfo"]["endCursor"].as_str().map(str::to_owned);
    }
}

/// POST a GraphQL operation from a client with a user agent; the JSON body.
async fn post_as_browser(app: &TestApp, query: &str, variables: Value) -> Value {
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("User-Agent", USER_AGENT)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .unwrap();
    response.json().await.unwrap()
}

async fn login(app: &TestApp, email: &str, password: &str) -> Value {
    let query = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";
    let input = json!({ "input": { "email": email, "password": password } });
    post_as_browser(app, query, input).await
}

#[tokio::test]
async fn signup_and_logins_are_logged_with_ip_and_user_agent_and_never_a_secret() {
    let app = TestApp::spawn().await;
    let password = "a long and secret passphrase";
    let signup = post_as_browser(
        &app,
        "mutation($input: SignupInput!) { signup(input: $input) { accessToken user { id } } }",
        json!({ "input": { "username": "ada", "email": "ada@example.com", "password": password } }),
    )
    .await;
    let signup_token = signup["data"]["signup"]["accessToken"].as_str().unwrap();
    let user_id = signup["data"]["signup"]["user"]["id"].as_str().unwrap();
    let wrong = "a wrong but also secret passphrase";
    error_with_code(
        &login(&app, "ada@example.com", wrong).await,
        "UNAUTHENTICATED",
    );
    let logged_in = login(&app, "ada@example.com", password).await;
    let login_token = logged_in["data"]["login"]["accessToken"].as_str().unwrap();

    let events = audit_log(&app, login_token).await;

    let summary: Vec<(&str, Option<&str>)> = events
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["reason"].as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("LOGIN_SUCCEEDED", Some("PASSWORD")),
            ("LOGIN_FAILED", Some("WRONG_PASSWORD")),
            ("SIGNUP", None),
        ]
    );
    for event in &events {
        assert_eq!(event["ip"], "127.0.0.1", "{event}");
        assert_eq!(event["userAgent"], USER_AGENT, "{event}");
        assert_eq!(event["actorId"], user_id, "{event}");
    }
    let text = serde_json::to_string(&events).unwrap();
    for secret in [password, wrong, signup_token, login_token] {
        assert!(!text.contains(secret), "a secret in the audit log: {text}");
    }
}

#[tokio::test]
async fn a_user_sees_only_their_own_events() {
    let app = TestApp::spawn().await;
    let ada = app.signed_up_user().await;
    let bob = app.signed_up_user().await;
    let ada_account = app.open_account(&ada, "Ada's savings", "USD").await;
    let bob_account = app.open_account(&bob, "Bob's savings", "USD").await;
    error_with_code(
        &login(&app, &ada.email, "not her password").await,
        "UNAUTHENTICATED",
    );
    error_with_code(
        &login(&app, "nobody@example.com", "whatever").await,
        "UNAUTHENTICATED",
    );

    let ada_log = audit_log(&app, &ada.token).await;
    let bob_log = audit_log(&app, &bob.token).await;

    let actions = |log: &[Value]| -> Vec<String> {
        log.iter()
            .map(|e| format!("{} {}", e["action"], e["entityId"]))
            .collect()
    };
    assert_eq!(
        actions(&ada_log),
        [
            "\"LOGIN_FAILED\" null".to_owned(),
            format!("\"CREATED\" \"{ada_account}\""),
            "\"SIGNUP\" null".to_owned(),
        ]
    );
    assert_eq!(
        actions(&bob_log),
        [
            format!("\"CREATED\" \"{bob_account}\""),
            "\"SIGNUP\" null".to_owned(),
        ]
    );
    assert!(bob_log.iter().all(|e| e["actorId"] == bob.id.as_str()));
}

#[tokio::test]
async fn the_log_is_paged_newest_first_and_new_events_do_not_shift_later_pages() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    for n in 0..6 {
        create_category(&app, &user, &format!("Category {n}")).await;
    }
    let everything = audit_log(&app, &user.token).await;
    assert_eq!(everything.len(), 7);
    assert_eq!(everything.last().unwrap()["action"], "SIGNUP");
    let instants: Vec<chrono::DateTime<chrono::Utc>> = everything
        .iter()
        .map(|e| e["createdAt"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(instants.windows(2).all(|w| w[0] >= w[1]), "{instants:?}");

    let first = page(&app, &user.token, 3, None).await;
    // Events written after the first page was read come before it, not into later pages.
    create_category(&app, &user, "Later").await;
    let mut seen: Vec<Value> = nodes(&first);
    let mut info = first["pageInfo"].clone();
    assert_eq!(info["hasPreviousPage"], false);
    while info["hasNextPage"] == true {
        let next = page(&app, &user.token, 3, info["endCursor"].as_str()).await;
        assert_eq!(next["pageInfo"]["hasPreviousPage"], true);
        seen.extend(nodes(&next));
        info = next["pageInfo"].clone();
    }

    assert_eq!(seen, everything);
}

fn nodes(page: &Value) -> Vec<Value> {
    let edges = page["edges"].as_array().unwrap();
    edges.iter().map(|e| e["node"].clone()).collect()
}

async fn create_category(app: &TestApp, user: &TestUser, name: &str) -> String {
    let data = app
        .ok(
            &user.token,
            "mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }",
            json!({ "input": { "name": name, "kind": "EXPENSE" } }),
        )
        .await;
    data["createCategory"]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn page_sizes_outside_1_to_200_and_foreign_cursors_are_bad_input() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for first in [0, 201, -1] {
        let body = app
            .gql(Some(&user.token), LOG, json!({ "first": first }))
            .await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], "first");
    }
    let foreign = page(&app, &user.token, 1, None).await["edges"][0]["node"]["id"].clone();
    for after in [json!("not-a-cursor"), foreign] {
        let body = app
            .gql(Some(&user.token), LOG, json!({ "after": after }))
            .await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], "after");
    }
    let anonymous = app.gql(None, LOG, json!({})).await;
    error_with_code(&anonymous, "UNAUTHENTICATED");
}
