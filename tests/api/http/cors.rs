//! CORS: only origins listed in `CORS_ALLOWED_ORIGINS` may call the API from a browser page
//! on another origin; none by default; `*` stops the start.

use std::process::{Command, Stdio};

use clap::Parser as _;
use reqwest::{Method, Response};
use serde_json::json;
use tally::cli::Cli;

use crate::helpers::TestApp;

const APP: &str = "https://app.example";
const EVIL: &str = "https://evil.example";

async fn app_allowing(origins: &[&str]) -> TestApp {
    let origins: Vec<String> = origins.iter().map(|o| (*o).to_owned()).collect();
    TestApp::spawn_with(move |config| config.cors_allowed_origins = origins).await
}

async fn post_from(app: &TestApp, origin: &str) -> Response {
    app.client
        .post(app.url("/graphql"))
        .header("origin", origin)
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap()
}

async fn preflight_from(app: &TestApp, origin: &str) -> Response {
    app.client
        .request(Method::OPTIONS, app.url("/graphql"))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "content-type,authorization",
        )
        .send()
        .await
        .unwrap()
}

fn header(response: &Response, name: &str) -> Option<String> {
    let value = response.headers().get(name)?;
    Some(value.to_str().unwrap().to_owned())
}

fn varies_by_origin(response: &Response) -> bool {
    response
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("origin"))
}

#[tokio::test]
async fn an_allowed_origin_may_call_the_api_with_credentials() {
    let app = app_allowing(&["https://other.example", APP]).await;

    let response = post_from(&app, APP).await;

    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "access-control-allow-origin").as_deref(),
        Some(APP)
    );
    assert_eq!(
        header(&response, "access-control-allow-credentials").as_deref(),
        Some("true")
    );
    assert!(varies_by_origin(&response));
}

#[tokio::test]
async fn a_preflight_from_an_allowed_origin_allows_get_post_and_the_two_headers() {
    let app = app_allowing(&[APP]).await;

    let response = preflight_from(&app, APP).await;

    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(
        header(&response, "access-control-allow-origin").as_deref(),
        Some(APP)
    );
    assert_eq!(
        header(&response, "access-control-allow-credentials").as_deref(),
        Some("true")
    );
    let methods = header(&response, "access-control-allow-methods").unwrap();
    assert_eq!(methods.to_ascii_uppercase(), "GET,POST");
    let headers = header(&response, "access-control-allow-headers").unwrap();
    assert_eq!(headers.to_ascii_lowercase(), "content-type,authorization");
    assert!(varies_by_origin(&response));
}

#[tokio::test]
async fn an_origin_not_on_the_list_gets_no_cors_headers() {
    let app = app_allowing(&[APP]).await;

    for response in [
        post_from(&app, EVIL).await,
        preflight_from(&app, EVIL).await,
    ] {
        assert_eq!(header(&response, "access-control-allow-origin"), None);
        assert_eq!(header(&response, "access-control-allow-credentials"), None);
        assert!(varies_by_origin(&response), "caches keep origins apart");
    }
}

#[tokio::test]
async fn by_default_no_origin_is_allowed() {
    let app = TestApp::spawn().await;

    for response in [post_from(&app, APP).await, preflight_from(&app, APP).await] {
        assert_eq!(header(&response, "access-control-allow-origin"), None);
        assert_eq!(header(&response, "access-control-allow-credentials"), None);
    }
}

#[test]
fn the_allow_list_is_comma_separated() {
    let cli = Cli::try_parse_from([
        "tally",
        "--cors-allowed-origins",
        "https://a.example,http://localhost:5173",
    ])
    .unwrap();

    assert_eq!(
        cli.serve.cors_allowed_origins,
        ["https://a.example", "http://localhost:5173"]
    );
}

#[test]
fn a_wildcard_origin_stops_the_start_with_a_clear_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_tally"))
        .env_clear()
        .env("TALLY_ADDR", "127.0.0.1:0")
        .env("DATABASE_URL", "sqlite::memory:")
        .env("JWT_SECRET", "q8Vt3nZr1Lx0bKc7WmYp2Hs9JdFg4Ue6")
        .env("CORS_ALLOWED_ORIGINS", "https://a.example,*")
        .stdin(Stdio::null())
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("CORS_ALLOWED_ORIGINS may not contain `*`"),
        "{stderr}"
    );
}
