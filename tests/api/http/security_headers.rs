//! Security headers on every response: no MIME sniffing, no `Referer`, no framing, and a
//! Content-Security-Policy — locked down for JSON, fitted to each HTML page. (A panicking
//! handler's 500 is covered by a unit test in `src/http.rs`: no request can make one.)

use base64::Engine as _;
use reqwest::Response;
use serde_json::json;
use sha2::{Digest as _, Sha256};

use crate::helpers::TestApp;

const LOCKED_DOWN: &str = "default-src 'none'; base-uri 'none'; object-src 'none'; \
                           form-action 'none'; frame-ancestors 'none'";

fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header on {}", response.url()))
}

/// The headers every response must carry; returns its Content-Security-Policy.
fn assert_secured(what: &str, response: &Response) -> String {
    assert_eq!(
        header(response, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert_eq!(header(response, "referrer-policy"), "no-referrer", "{what}");
    assert_eq!(header(response, "x-frame-options"), "DENY", "{what}");
    let policy = header(response, "content-security-policy");
    for directive in [
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ] {
        assert!(
            policy.contains(directive),
            "{what}: {directive} in {policy}"
        );
    }
    policy.to_owned()
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = TestApp::spawn_with(|config| config.max_body_bytes = 1024).await;
    let graphql = app.url("/graphql");
    let ok = app
        .client
        .post(&graphql)
        .json(&json!({ "query": "{ __typename }" }));
    let unsupported = app
        .client
        .post(&graphql)
        .header("content-type", "text/plain")
        .body("{}");
    let too_large = app
        .client
        .post(&graphql)
        .json(&json!({ "query": "{ __typename }", "pad": "x".repeat(4096) }));
    let bad_token = app
        .client
        .post(&graphql)
        .bearer_auth("not-a-token")
        .json(&json!({ "query": "{ __typename }" }));
    let get_mutation = app
        .client
        .get(&graphql)
        .query(&[("query", "mutation { login(input: {email: \"a@b.example\", password: \"whatever\"}) { accessToken } }")]);
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, &graphql)
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST");
    let cases = [
        ("POST /graphql", ok, 200),
        ("text/plain body", unsupported, 415),
        ("oversized body", too_large, 413),
        ("invalid token", bad_token, 401),
        ("mutation over GET", get_mutation, 405),
        ("preflight", preflight, 200),
        ("GraphiQL without a build", app.client.get(&graphql), 503),
        ("landing page", app.client.get(app.url("/")), 200),
        ("healthz", app.client.get(app.url("/healthz")), 200),
        ("readyz", app.client.get(app.url("/readyz")), 200),
        ("unknown route", app.client.get(app.url("/nope")), 404),
    ];

    for (what, request, status) in cases {
        let response = request.send().await.unwrap();

        assert_eq!(response.status(), status, "{what}");
        assert_secured(what, &response);
    }
}

#[tokio::test]
async fn json_responses_get_a_policy_that_allows_loading_nothing() {
    let app = TestApp::spawn().await;
    let api = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": "{ __typename }" }));
    let health = app.client.get(app.url("/healthz"));

    for (what, request) in [("API", api), ("healthz", health)] {
        let response = request.send().await.unwrap();

        assert!(header(&response, "content-type").starts_with("application/json"));
        assert_eq!(assert_secured(what, &response), LOCKED_DOWN, "{what}");
    }
}

/// The contents of each `<script>` / `<style>` element of `page` that has no attributes.
fn inline(page: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    page.split(&open)
        .skip(1)
        .filter_map(|rest| rest.split_once(&close).map(|(body, _)| body.to_owned()))
        .collect()
}

fn sha256_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The sources a policy lists for one directive.
fn sources<'a>(policy: &'a str, directive: &str) -> Vec<&'a str> {
    policy
        .split(';')
        .map(str::trim)
        .find_map(|d| {
            d.strip_prefix(directive)
                .filter(|rest| rest.starts_with(' '))
        })
        .map(|rest| rest.split_whitespace().collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn graphiql_runs_only_scripts_of_this_origin() {
    let build = crate::http::graphiql::GraphiqlBuild::new();
    let app = build.app().await;

    let response = app.client.get(app.url("/graphql")).send().await.unwrap();
    let policy = assert_secured("GraphiQL", &response);
    let page = response.text().await.unwrap();

    assert_eq!(sources(&policy, "script-src"), ["'self'"]);
    assert!(!policy.contains("'unsafe-eval'"), "{policy}");
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    assert!(inline(&page, "script").is_empty(), "no inline script");
}

#[tokio::test]
async fn the_landing_page_allows_exactly_its_own_inline_style() {
    let app = TestApp::spawn().await;

    let response = app.client.get(app.url("/")).send().await.unwrap();
    let policy = assert_secured("landing page", &response);
    let page = response.text().await.unwrap();

    let styles = inline(&page, "style");
    assert_eq!(styles.len(), 1);
    assert_eq!(
        sources(&policy, "style-src"),
        [sha256_source(&styles[0]).as_str()]
    );
    assert!(
        sources(&policy, "script-src").is_empty(),
        "no scripts: {policy}"
    );
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
}
