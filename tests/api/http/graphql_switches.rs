//! The GraphQL switches of the config: GraphiQL (`GRAPHIQL_ENABLED`), introspection
//! (`GRAPHQL_INTROSPECTION`), "Did you mean …?" suggestions (`GRAPHQL_FIELD_SUGGESTIONS`, off
//! in production unless set) and the request timeout ([`timeout`]).

mod timeout;

use serde_json::{Value, json};
use tally::config::Environment;

use crate::helpers::{TestApp, error_with_code};

const SCHEMA: &str = "{ __schema { queryType { name } } }";
const TYPE: &str = r#"{ __type(name: "Account") { name } }"#;
const HIDDEN_IN_FRAGMENT: &str =
    "{ ...F } fragment F on Query { ... on Query { __schema { types { name } } } }";
/// A typo close enough to `accounts` for a suggestion.
const TYPO: &str = "{ acounts { id } }";

async fn anonymous(app: &TestApp, query: &str) -> Value {
    app.gql(None, query, json!({})).await
}

#[tokio::test]
async fn with_graphiql_disabled_a_get_without_query_is_a_graphql_shaped_404() {
    let app = TestApp::spawn_with(|config| config.graphiql_enabled = Some(false)).await;

    let page = app.client.get(app.url("/graphql")).send().await.unwrap();
    let query = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", "{ __typename }")])
        .send()
        .await
        .unwrap();

    assert_eq!(page.status(), 404);
    let body: Value = page.json().await.unwrap();
    error_with_code(&body, "NOT_FOUND");
    assert_eq!(query.status(), 200, "queries over GET still run");
    let body: Value = query.json().await.unwrap();
    assert_eq!(body["data"]["__typename"], "Query");
}

#[tokio::test]
async fn introspection_answers_by_default() {
    let app = TestApp::spawn().await;

    let schema = anonymous(&app, SCHEMA).await;
    let ty = anonymous(&app, TYPE).await;

    assert_eq!(schema["data"]["__schema"]["queryType"]["name"], "Query");
    assert_eq!(ty["data"]["__type"]["name"], "Account");
}

#[tokio::test]
async fn with_introspection_disabled_schema_and_type_are_refused_but_typename_works() {
    let app = TestApp::spawn_with(|config| config.graphql_introspection = Some(false)).await;

    for query in [SCHEMA, TYPE, HIDDEN_IN_FRAGMENT] {
        let body = anonymous(&app, query).await;

        let error = error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .contains("Introspection is disabled")
        );
        assert!(body.get("data").is_none(), "{query}: {body}");
    }
    let body = anonymous(&app, "{ __typename }").await;
    assert_eq!(body["data"]["__typename"], "Query");
}

fn suggests(body: &Value) -> bool {
    let error = error_with_code(body, "GRAPHQL_VALIDATION_FAILED");
    error["message"].as_str().unwrap().contains("Did you mean")
}

/// An app in production (whose rules want a bcrypt cost of at least 10).
async fn production(suggestions: Option<bool>) -> TestApp {
    TestApp::spawn_with(|config| {
        config.environment = Environment::Production;
        config.bcrypt_cost = 10;
        config.graphql_field_suggestions = suggestions;
        config.trusted_documents_only = Some(false);
    })
    .await
}

#[tokio::test]
async fn development_suggests_field_names_unless_turned_off() {
    let default = TestApp::spawn().await;
    let off = TestApp::spawn_with(|config| config.graphql_field_suggestions = Some(false)).await;

    assert!(suggests(&anonymous(&default, TYPO).await));
    assert!(!suggests(&anonymous(&off, TYPO).await));
}

#[tokio::test]
async fn production_suggests_nothing_unless_explicitly_turned_on() {
    let default = production(None).await;
    let on = production(Some(true)).await;

    let body = anonymous(&default, TYPO).await;
    assert!(!suggests(&body), "{body}");
    assert!(suggests(&anonymous(&on, TYPO).await));
}
