//! The HTTP edge of `POST /graphql` (GraphQL over HTTP): status codes, content types,
//! body limits, and a machine-readable `extensions.code` on every error.

use serde_json::{Value, json};

use crate::helpers::{TestApp, error_with_code};

const JSON: &str = "application/json";
const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// What a client sees of a response.
#[derive(Debug)]
struct Reply {
    status: u16,
    content_type: String,
    body: Value,
}

/// A raw request to `/graphql`: optional content type, accept and bearer token.
#[derive(Default, Clone)]
struct Raw<'a> {
    content_type: Option<&'a str>,
    accept: Option<&'a str>,
    token: Option<&'a str>,
    body: String,
}

impl<'a> Raw<'a> {
    fn json(body: impl Into<String>) -> Self {
        Self {
            content_type: Some(JSON),
            body: body.into(),
            ..Self::default()
        }
    }

    fn query(query: &str) -> Self {
        Self::json(json!({ "query": query }).to_string())
    }

    fn accept(mut self, accept: &'a str) -> Self {
        self.accept = Some(accept);
        self
    }

    fn token(mut self, token: &'a str) -> Self {
        self.token = Some(token);
        self
    }
}

async fn send(app: &TestApp, raw: Raw<'_>) -> Reply {
    let mut request = app.client.post(app.url("/graphql")).body(raw.body);
    if let Some(content_type) = raw.content_type {
        request = request.header("content-type", content_type);
    }
    if let Some(accept) = raw.accept {
        request = request.header("accept", accept);
    }
    if let Some(token) = raw.token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request sent");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let text = response.text().await.expect("a body");
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|err| panic!("the body is not JSON ({err}): {text:?}"));
    Reply {
        status,
        content_type,
        body,
    }
}

/// The media type without parameters (`application/json; charset=utf-8` → `application/json`).
fn essence(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// The single error must be `BAD_REQUEST`, and the body nothing but errors.
fn assert_bad_request(reply: &Reply, status: u16) {
    assert_eq!(reply.status, status, "HTTP status: {reply:?}");
    error_with_code(&reply.body, "BAD_REQUEST");
    assert!(
        reply.body.get("data").is_none(),
        "no data for a malformed request: {reply:?}"
    );
    assert_eq!(
        essence(&reply.content_type),
        JSON,
        "error bodies are JSON: {reply:?}"
    );
}

/// Errors of `body` that lack a string `extensions.code`.
fn errors_without_code(body: &Value) -> Vec<Value> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter(|e| e["extensions"]["code"].as_str().is_none_or(str::is_empty))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

// --- Malformed HTTP requests ----------------------------------------------------------

#[tokio::test]
async fn malformed_json_is_http_400_with_one_bad_request_error() {
    let app = TestApp::spawn().await;

    let reply = send(&app, Raw::json(r#"{"query": "{ me { id } }""#)).await;

    assert_bad_request(&reply, 400);
}

#[tokio::test]
async fn a_text_plain_body_is_http_415_with_a_bad_request_error() {
    let app = TestApp::spawn().await;
    let raw = Raw {
        content_type: Some("text/plain"),
        ..Raw::query("{ __typename }")
    };

    let reply = send(&app, raw).await;

    assert_bad_request(&reply, 415);
}

#[tokio::test]
async fn a_body_without_content_type_is_http_415() {
    let app = TestApp::spawn().await;
    let raw = Raw {
        content_type: None,
        ..Raw::query("{ __typename }")
    };

    let reply = send(&app, raw).await;

    assert_bad_request(&reply, 415);
}

#[tokio::test]
async fn json_with_a_charset_parameter_is_accepted() {
    let app = TestApp::spawn().await;
    let raw = Raw {
        content_type: Some("application/json; charset=utf-8"),
        ..Raw::query("{ __typename }")
    };

    let reply = send(&app, raw).await;

    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.body["data"]["__typename"], "Query");
}

#[tokio::test]
async fn a_body_over_the_limit_is_http_413_with_a_bad_request_error() {
    let app = TestApp::spawn_with(|config| config.max_body_bytes = 1024).await;
    let padding = "x".repeat(4096);
    let oversized = json!({ "query": "{ __typename }", "variables": { "padding": padding } });

    let reply = send(&app, Raw::json(oversized.to_string())).await;
    let small = send(&app, Raw::query("{ __typename }")).await;

    assert_bad_request(&reply, 413);
    assert_eq!(
        small.body["data"]["__typename"], "Query",
        "a body under the limit still works: {small:?}"
    );
}

#[tokio::test]
async fn a_batch_of_requests_is_http_400_with_a_bad_request_error() {
    let app = TestApp::spawn().await;
    let batch = json!([{ "query": "{ __typename }" }, { "query": "{ __typename }" }]);

    let reply = send(&app, Raw::json(batch.to_string())).await;

    assert_bad_request(&reply, 400);
}

#[tokio::test]
async fn a_batch_runs_none_of_its_operations() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let create = r#"mutation { createAccount(input: {name: "Batched", kind: CASH,
        currency: "USD", openingBalance: "0"}) { id } }"#;
    let batch = json!([{ "query": create }, { "query": create }]);

    let reply = send(&app, Raw::json(batch.to_string()).token(&user.token)).await;

    assert_bad_request(&reply, 400);
    let message = reply.body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("Batched requests"), "says why: {message}");
    let data = app
        .ok(&user.token, "{ accounts { name } }", json!({}))
        .await;
    let names = data["accounts"].as_array().unwrap();
    assert!(
        names.iter().all(|a| a["name"] != "Batched"),
        "no account was created: {data}"
    );
}

#[tokio::test]
async fn json_that_is_not_a_request_object_is_http_400() {
    let app = TestApp::spawn().await;

    for body in [
        "null",
        r#""{ __typename }""#,
        r#"{"query": 5}"#,
        r#"{"query": "{ __typename }", "variables": []}"#,
    ] {
        let reply = send(&app, Raw::json(body)).await;

        assert_bad_request(&reply, 400);
    }
}

// --- GraphQL request errors -----------------------------------------------------------

#[tokio::test]
async fn an_unparsable_document_is_http_200_with_graphql_parse_failed_for_application_json() {
    let app = TestApp::spawn().await;

    let reply = send(&app, Raw::query("{ me { ").accept(JSON)).await;

    assert_eq!(
        reply.status, 200,
        "application/json is always 200: {reply:?}"
    );
    assert_eq!(essence(&reply.content_type), JSON);
    error_with_code(&reply.body, "GRAPHQL_PARSE_FAILED");
    assert!(
        reply.body.get("data").is_none(),
        "a request error has no data entry: {reply:?}"
    );
}

#[tokio::test]
async fn an_unparsable_document_is_http_400_for_graphql_response_json() {
    let app = TestApp::spawn().await;

    let reply = send(&app, Raw::query("{ me { ").accept(GRAPHQL_RESPONSE_JSON)).await;

    assert_eq!(reply.status, 400, "{reply:?}");
    assert_eq!(essence(&reply.content_type), GRAPHQL_RESPONSE_JSON);
    error_with_code(&reply.body, "GRAPHQL_PARSE_FAILED");
}

#[tokio::test]
async fn an_unknown_field_is_graphql_validation_failed() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let body = app
        .gql(
            Some(&user.token),
            "{ transactions { totalCount nope } }",
            json!({}),
        )
        .await;

    let error = error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("nope")),
        "the message names the unknown field: {body}"
    );
}

#[tokio::test]
async fn an_unknown_field_is_http_400_for_graphql_response_json() {
    let app = TestApp::spawn().await;

    let reply = send(&app, Raw::query("{ nope }").accept(GRAPHQL_RESPONSE_JSON)).await;

    assert_eq!(reply.status, 400, "{reply:?}");
    assert_eq!(essence(&reply.content_type), GRAPHQL_RESPONSE_JSON);
    error_with_code(&reply.body, "GRAPHQL_VALIDATION_FAILED");
}

#[tokio::test]
async fn a_query_deeper_than_the_depth_limit_is_graphql_validation_failed() {
    let app = TestApp::spawn_with(|config| config.graphql_max_depth = 3).await;
    let user = app.signed_up_user().await;

    let deep = app
        .gql(
            Some(&user.token),
            "{ transactions { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let shallow = app.gql(Some(&user.token), "{ me { id } }", json!({})).await;

    error_with_code(&deep, "GRAPHQL_VALIDATION_FAILED");
    assert!(
        deep.get("data").is_none(),
        "nothing runs when the limit is hit: {deep}"
    );
    assert_eq!(
        shallow["data"]["me"]["id"], user.id,
        "a query within the limit still runs: {shallow}"
    );
}

/// A request whose operation cannot be chosen: a request error, with a code, under both
/// media types (HTTP 400 for `application/graphql-response+json`).
async fn assert_operation_choice_refused(app: &TestApp, request: Value) {
    for (accept, status) in [(JSON, 200), (GRAPHQL_RESPONSE_JSON, 400)] {
        let reply = send(app, Raw::json(request.to_string()).accept(accept)).await;

        assert_eq!(reply.status, status, "Accept {accept}: {reply:?}");
        assert!(
            reply.body["errors"]
                .as_array()
                .is_some_and(|e| !e.is_empty()),
            "the operation cannot be chosen: {reply:?}"
        );
        assert_eq!(
            errors_without_code(&reply.body),
            Vec::<Value>::new(),
            "every error needs extensions.code; Accept {accept}, request {request}"
        );
    }
}

#[tokio::test]
async fn an_unknown_operation_name_is_refused_with_a_code() {
    let app = TestApp::spawn().await;
    let request = json!({
        "query": "query A { __typename } query B { __typename }",
        "operationName": "C"
    });

    assert_operation_choice_refused(&app, request).await;
}

#[tokio::test]
async fn several_operations_without_an_operation_name_are_refused_with_a_code() {
    let app = TestApp::spawn().await;
    let request = json!({ "query": "query A { __typename } query B { __typename }" });

    assert_operation_choice_refused(&app, request).await;
}

#[tokio::test]
async fn the_named_operation_of_several_is_the_one_that_runs() {
    let app = TestApp::spawn().await;
    let request = json!({
        "query": "query A { a: __typename } query B { b: __typename }",
        "operationName": "B"
    });

    let reply = send(&app, Raw::json(request.to_string())).await;

    assert_eq!(reply.body, json!({ "data": { "b": "Query" } }));
}

// --- Content negotiation --------------------------------------------------------------

#[tokio::test]
async fn accept_application_json_gets_application_json() {
    let app = TestApp::spawn().await;

    let reply = send(&app, Raw::query("{ __typename }").accept(JSON)).await;

    assert_eq!(reply.status, 200);
    assert_eq!(essence(&reply.content_type), JSON, "{reply:?}");
    assert_eq!(reply.body["data"]["__typename"], "Query");
}

#[tokio::test]
async fn no_accept_header_gets_application_json() {
    let app = TestApp::spawn().await;

    let reply = send(&app, Raw::query("{ __typename }")).await;

    assert_eq!(essence(&reply.content_type), JSON, "{reply:?}");
}

#[tokio::test]
async fn accepting_graphql_response_json_gets_it_with_200_on_success() {
    let app = TestApp::spawn().await;
    let accept = "application/graphql-response+json, application/json;q=0.9";

    let reply = send(&app, Raw::query("{ __typename }").accept(accept)).await;

    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(essence(&reply.content_type), GRAPHQL_RESPONSE_JSON);
    assert_eq!(reply.body["data"]["__typename"], "Query");
}

#[tokio::test]
async fn a_field_error_is_http_200_even_for_graphql_response_json() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let query = "{ transactions(first: 0) { totalCount } }";

    let reply = send(
        &app,
        Raw::query(query)
            .accept(GRAPHQL_RESPONSE_JSON)
            .token(&user.token),
    )
    .await;

    assert_eq!(
        reply.status, 200,
        "execution errors are not request errors: {reply:?}"
    );
    assert!(
        reply.body.get("data").is_some(),
        "data is present: {reply:?}"
    );
    error_with_code(&reply.body, "BAD_USER_INPUT");
}

// --- Every error has a code -----------------------------------------------------------

#[tokio::test]
async fn no_error_response_lacks_an_extensions_code() {
    let app = TestApp::spawn_with(|config| config.max_body_bytes = 2048).await;
    let user = app.signed_up_user().await;
    let token = user.token.as_str();
    let unknown = uuid::Uuid::new_v4().to_string();
    let by_id = "query($id: UUID!) { transaction(id: $id) { id } }";
    let requests = [
        Raw::json("{"),
        Raw::json("[]"),
        Raw::json(r#"{"query": 5}"#),
        Raw::json("x".repeat(4096)),
        Raw {
            content_type: Some("text/plain"),
            ..Raw::query("{ __typename }")
        },
        Raw::query("{ me { "),
        Raw::query("{ nope }"),
        Raw::query("subscription { me { id } }"),
        Raw::query("{ me { id } }"),
        Raw::query("{ me { id } }").token("not-a-token"),
        Raw::query("{ transactions(first: 0) { totalCount } }").token(token),
        Raw::query(r#"{ transactions(after: "garbage") { totalCount } }"#).token(token),
        Raw::json(json!({ "query": by_id, "variables": { "id": "nope" } }).to_string())
            .token(token),
        Raw::json(json!({ "query": by_id, "variables": { "id": unknown } }).to_string())
            .token(token),
        Raw::json(json!({ "query": by_id }).to_string()).token(token),
        Raw::json(json!({ "query": "query A { __typename } query B { __typename }" }).to_string()),
        Raw::json(json!({ "query": "query A { __typename }", "operationName": "Z" }).to_string()),
    ];
    let mut offenders = Vec::new();

    for accept in [JSON, GRAPHQL_RESPONSE_JSON] {
        for raw in requests.clone() {
            let sent = raw.body.chars().take(120).collect::<String>();
            let reply = send(&app, raw.accept(accept)).await;
            assert!(
                reply.body["errors"]
                    .as_array()
                    .is_some_and(|e| !e.is_empty()),
                "each of these requests fails: {sent} → {reply:?}"
            );
            let missing = errors_without_code(&reply.body);
            if !missing.is_empty() {
                offenders.push(format!("Accept {accept}: {sent} → {missing:?}"));
            }
        }
    }

    assert!(
        offenders.is_empty(),
        "errors without extensions.code:\n{}",
        offenders.join("\n")
    );
}

#[tokio::test]
async fn a_variable_its_type_refuses_is_a_request_error() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let body = json!({
        "query": "query($id: UUID!) { transaction(id: $id) { id } }",
        "variables": { "id": "nope" },
    })
    .to_string();

    let strict = send(
        &app,
        Raw::json(body.clone())
            .accept(GRAPHQL_RESPONSE_JSON)
            .token(&user.token),
    )
    .await;
    let legacy = send(&app, Raw::json(body).accept(JSON).token(&user.token)).await;

    assert_eq!(strict.status, 400, "{strict:?}");
    assert!(
        strict.body.get("data").is_none(),
        "a request error has no data: {strict:?}"
    );
    error_with_code(&strict.body, "BAD_USER_INPUT");
    assert_eq!(
        legacy.status, 200,
        "application/json answers 200: {legacy:?}"
    );
}

#[tokio::test]
async fn a_bad_variable_stops_the_whole_document_before_anything_runs() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let body = json!({
        "query": r#"mutation($id: UUID!) {
            a: createAccount(input: {name: "Should not exist", kind: CASH, currency: "USD"}) { id }
            b: updateTransaction(id: $id, input: {}) { id } }"#,
        "variables": { "id": "nope" },
    })
    .to_string();

    let reply = send(
        &app,
        Raw::json(body)
            .accept(GRAPHQL_RESPONSE_JSON)
            .token(&user.token),
    )
    .await;

    assert_eq!(reply.status, 400, "{reply:?}");
    let error = error_with_code(&reply.body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "id");
    let accounts = app
        .ok(&user.token, "{ accounts { name } }", json!({}))
        .await;
    assert_eq!(
        accounts["accounts"].as_array().unwrap().len(),
        1,
        "nothing ran: {accounts}"
    );
}

#[tokio::test]
async fn a_malformed_date_in_an_input_names_the_field_and_the_form() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let body = app
        .gql(
            Some(&user.token),
            "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) { id } }",
            json!({ "input": { "date": "2026-02-30", "amount": "1.00", "description": "x" } }),
        )
        .await;

    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "input.date");
    assert!(
        error["message"].as_str().unwrap().contains("YYYY-MM-DD"),
        "{error}"
    );
}
