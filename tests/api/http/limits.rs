//! GraphQL limits: aliases, complexity (login and sign-up are expensive), depth. Each limit
//! has a test that a document over it is refused before anything runs, with the limit taken
//! from the config (the depth limit's is in `http.rs`, the body size's too).

use serde_json::json;

use crate::helpers::{TestApp, error_with_code};

fn aliased(field: &str, count: usize) -> String {
    let fields: Vec<String> = (0..count).map(|i| format!("a{i}: {field}")).collect();
    format!("{{ {} }}", fields.join(" "))
}

#[tokio::test]
async fn more_aliases_than_the_limit_are_refused_before_anything_runs() {
    let app = TestApp::spawn_with(|config| config.auth_state_cache_ms = 30_000).await;
    let user = app.signed_up_user().await;
    // Admit the token once, so its session state is cached and the count below is the
    // document's alone.
    app.ok(&user.token, "{ __typename }", json!({})).await;
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

#[tokio::test]
async fn a_huge_chain_of_fragments_is_refused_and_the_server_stays_up() {
    let app = TestApp::spawn().await;
    let mut query = String::from("{ ...F0 }");
    for i in 0..12_000 {
        query.push_str(&format!(" fragment F{i} on Query {{ ...F{} }}", i + 1));
    }
    query.push_str(" fragment F12000 on Query { __typename }");

    let body = app.gql(None, &query, json!({})).await;

    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn deeply_nested_selections_are_refused_and_the_server_stays_up() {
    let app = TestApp::spawn().await;
    let depth = 20_000;
    let query = format!("{{ me {}{} }}", "{ id ".repeat(depth), "}".repeat(depth));

    let (status, body) = app.post(None, json!({ "query": query })).await;

    assert!(status == 200 || status == 400, "{status}");
    let code = &body["errors"][0]["extensions"]["code"];
    assert!(
        code == "GRAPHQL_PARSE_FAILED" || code == "GRAPHQL_VALIDATION_FAILED",
        "{body}"
    );
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn the_alias_limit_is_the_configured_one() {
    let app = TestApp::spawn_with(|config| config.graphql_max_aliases = 2).await;
    let user = app.signed_up_user().await;

    let over = app
        .gql(Some(&user.token), &aliased("me { id }", 3), json!({}))
        .await;
    let within = app
        .gql(Some(&user.token), &aliased("me { id }", 2), json!({}))
        .await;

    let error = error_with_code(&over, "GRAPHQL_VALIDATION_FAILED");
    assert!(
        error["message"].as_str().unwrap().contains("3 aliases"),
        "{error}"
    );
    assert!(over.get("data").is_none(), "{over}");
    assert_eq!(within["data"]["a1"]["id"], user.id, "{within}");
}

const BIG_PAGE: &str = "transactions(first: 200) { edges { node { id amount description } } }";

#[tokio::test]
async fn a_document_over_the_default_complexity_is_refused_before_anything_runs() {
    let app = TestApp::spawn_with(|config| config.auth_state_cache_ms = 30_000).await;
    let user = app.signed_up_user().await;
    // Admit the token once (its session state is then cached): the count is the document's.
    app.ok(&user.token, "{ __typename }", json!({})).await;
    let statements = app.store.statements_executed();

    let body = app
        .gql(Some(&user.token), &aliased(BIG_PAGE, 12), json!({}))
        .await;

    let error = error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
    assert!(
        error["message"].as_str().unwrap().contains("complex"),
        "{error}"
    );
    assert_eq!(app.store.statements_executed(), statements, "nothing ran");
    let one_page = app
        .gql(Some(&user.token), &aliased(BIG_PAGE, 1), json!({}))
        .await;
    assert!(
        one_page.get("errors").is_none(),
        "one page is fine: {one_page}"
    );
}

#[tokio::test]
async fn the_complexity_limit_is_the_configured_one() {
    // Just above signup's own weight (1000), so the test user can sign up.
    let app = TestApp::spawn_with(|config| config.graphql_max_complexity = 1050).await;
    let user = app.signed_up_user().await;

    let over = app
        .gql(Some(&user.token), &aliased(BIG_PAGE, 2), json!({}))
        .await;
    let within = app.gql(Some(&user.token), "{ me { id } }", json!({})).await;

    error_with_code(&over, "GRAPHQL_VALIDATION_FAILED");
    assert!(over.get("data").is_none(), "{over}");
    assert_eq!(within["data"]["me"]["id"], user.id, "{within}");
}
