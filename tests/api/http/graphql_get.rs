//! `GET /graphql` per GraphQL-over-HTTP: queries run from the URL (`query`, `variables`,
//! `operationName`); a mutation is HTTP 405 with `Allow: POST`; no `query` serves GraphiQL.

use reqwest::Response;
use serde_json::{Value, json};

use crate::helpers::{TestApp, error_with_code};

const CREATE_ACCOUNT: &str = r#"createAccount(input: {name: "Via GET", kind: CASH, currency: "USD", openingBalance: "0"}) { id }"#;

async fn get(app: &TestApp, token: &str, params: &[(&str, &str)]) -> Response {
    app.client
        .get(app.url("/graphql"))
        .bearer_auth(token)
        .query(params)
        .send()
        .await
        .unwrap()
}

async fn account_count(app: &TestApp, token: &str) -> usize {
    let data = app.ok(token, "{ accounts { id } }", json!({})).await;
    data["accounts"].as_array().unwrap().len()
}

/// The reply must be HTTP 405, `Allow: POST`, one `BAD_REQUEST` error and no data.
async fn assert_refused_as_mutation(response: Response) {
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "POST");
    let body: Value = response.json().await.unwrap();
    error_with_code(&body, "BAD_REQUEST");
    assert!(body.get("data").is_none(), "{body}");
}

#[tokio::test]
async fn a_query_in_the_url_runs_with_its_variables_and_operation_name() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let document = "query Other { __typename }
        query Mine($first: Int) { me { id } transactions(first: $first) { totalCount } }";

    let response = get(
        &app,
        &user.token,
        &[
            ("query", document),
            ("variables", r#"{"first": 5}"#),
            ("operationName", "Mine"),
        ],
    )
    .await;

    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"]["me"]["id"], user.id, "{body}");
    assert_eq!(body["data"]["transactions"]["totalCount"], 0);
}

#[tokio::test]
async fn a_mutation_over_get_is_http_405_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = account_count(&app, &user.token).await;

    let document = format!("mutation {{ {CREATE_ACCOUNT} }}");
    let response = get(&app, &user.token, &[("query", &document)]).await;

    assert_refused_as_mutation(response).await;
    assert_eq!(account_count(&app, &user.token).await, before);
}

#[tokio::test]
async fn a_mutation_chosen_by_operation_name_is_refused_even_beside_a_query() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let before = account_count(&app, &user.token).await;
    let document = format!("query Look {{ me {{ id }} }} mutation Change {{ {CREATE_ACCOUNT} }}");

    let named = |name| [("query", document.as_str()), ("operationName", name)];

    let change = get(&app, &user.token, &named("Change")).await;
    let unnamed = get(&app, &user.token, &[("query", document.as_str())]).await;
    let look = get(&app, &user.token, &named("Look")).await;

    assert_refused_as_mutation(change).await;
    assert_refused_as_mutation(unnamed).await;

    assert_eq!(look.status(), 200);
    let body: Value = look.json().await.unwrap();
    assert_eq!(body["data"]["me"]["id"], user.id, "{body}");
    assert_eq!(account_count(&app, &user.token).await, before);
}

#[tokio::test]
async fn variables_that_are_not_a_json_object_are_http_400() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    for variables in ["[1]", "{oops", "\"x\""] {
        let params = [("query", "{ me { id } }"), ("variables", variables)];
        let response = get(&app, &user.token, &params).await;

        assert_eq!(response.status(), 400, "{variables}");
        let body: Value = response.json().await.unwrap();
        error_with_code(&body, "BAD_REQUEST");
    }
}

#[tokio::test]
async fn a_get_query_answers_request_errors_like_post_does() {
    let app = TestApp::spawn().await;

    let response = app
        .client
        .get(app.url("/graphql"))
        .header("accept", "application/graphql-response+json")
        .query(&[("query", "{ nope }")])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
}

#[tokio::test]
async fn a_get_without_a_query_parameter_still_serves_graphiql() {
    let build = crate::http::graphiql::GraphiqlBuild::new();
    let app = build.app().await;

    let response = app
        .client
        .get(app.url("/graphql?operationName=X"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("GraphiQL"));
}
