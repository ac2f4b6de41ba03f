//! GraphQL limits: aliases, complexity (login and sign-up are expensive), depth.

use serde_json::json;

use crate::helpers::{TestApp, error_with_code};

fn aliased(field: &str, count: usize) -> String {
    let fields: Vec<String> = (0..count).map(|i| format!("a{i}: {field}")).collect();
    format!("{{ {} }}", fields.join(" "))
}

#[tokio::test]
async fn more_aliases_than_the_limit_are_refused_before_anything_runs() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let statements = app.store.statements_executed();

    let body = app
        .gql(
            Some(&user.token),
            &aliased("transactions(first: 1) { totalCount }", 31),
            json!({}),
        )
        .await;

    let error = error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
    assert!(
        error["message"].as_str().unwrap().contains("31 aliases"),
        "{error}"
    );
    assert_eq!(
        app.store.statements_executed(),
        statements,
        "no query may have run"
    );
}

#[tokio::test]
async fn aliases_hidden_in_repeated_fragments_are_counted() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let query = "{ ...F ...G } fragment G on Query { ...F }
        fragment F on Query { a: me { id } b: me { id } c: me { id } d: me { id } e: me { id }
        f: me { id } g: me { id } h: me { id } i: me { id } j: me { id } k: me { id } l: me { id }
        m: me { id } n: me { id } o: me { id } p: me { id } }";
    let body = app.gql(Some(&user.token), query, json!({})).await;
    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
}

#[tokio::test]
async fn a_request_cannot_try_many_passwords_at_once() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let guess = format!(
        r#"login(input: {{email: "{}", password: "guess-guess"}}) {{ accessToken }}"#,
        user.email
    );
    for count in [2, 6] {
        let query = format!("mutation {}", aliased(&guess, count));
        let body = app.gql(None, &query, json!({})).await;
        error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
    }
    let body = app
        .gql(None, &format!("mutation {{ {guess} }}"), json!({}))
        .await;
    error_with_code(&body, "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_full_page_with_relations_and_a_count_is_within_the_limits() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let query = "{ transactions(first: 200) { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id date amount currency description notes createdAt updatedAt
        account { id name currency balance } category { id name kind parent { id name } } } } }
        me { id username } accounts { id name balance } categories { id name children { id name } } }";
    let data = app.ok(&user.token, query, json!({})).await;
    assert_eq!(data["transactions"]["totalCount"], 0);
}
