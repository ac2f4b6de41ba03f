//! A callback that must not sign anyone in, against the real provider: a wrong or replayed
//! `state`, another browser's callback (login CSRF), a replayed code, an ID token with the
//! wrong nonce, audience or signing key or already expired, a key rotated at the provider
//! (accepted after one re-fetch), and the provider down. Each lands on the login page with
//! a code; never a 500, never a session.

use serde_json::json;

use crate::helpers::TestApp;
use crate::helpers::oidc::{Browser, Landing, TestProvider};

const START: &str = "/auth/oidc/test/start";

async fn app_with(provider: &TestProvider) -> TestApp {
    TestApp::spawn_with(|config| provider.configure(config)).await
}

fn refused(landing: &Landing, code: &str) {
    assert_eq!(landing.status, 303, "{landing:?}");
    assert_eq!(
        landing.location.as_deref(),
        Some(format!("/login#oidcError={code}").as_str())
    );
    assert!(
        !landing
            .set_cookies
            .iter()
            .any(|c| c.starts_with("tally_refresh=")),
        "{landing:?}"
    );
}

/// The callback URL with its `name` parameter set to `value`.
fn with_param(url: &str, name: &str, value: &str) -> String {
    let (base, query) = url.split_once('?').unwrap();
    let params: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key == name => format!("{key}={value}"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", params.join("&"))
}

fn param(url: &str, name: &str) -> String {
    let query = url.split_once('?').unwrap().1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_wrong_state_or_another_browsers_callback_is_refused() {
    let provider = TestProvider::start().await;
    let app = app_with(&provider).await;
    let browser = Browser::new(&app);
    let callback = browser.to_callback(START).await;
    refused(
        &browser
            .callback(&with_param(&callback, "state", "forged"))
            .await,
        "invalid_state",
    );

    let other = Browser::new(&app);
    let callback = browser.to_callback(START).await;
    refused(&other.callback(&callback).await, "invalid_state");
    // The rightful browser still can (the foreign attempt consumed nothing).
    assert_eq!(
        browser.callback(&callback).await.location.as_deref(),
        Some("/")
    );
}

#[tokio::test]
async fn a_replayed_callback_or_code_is_refused() {
    let provider = TestProvider::start().await;
    let app = app_with(&provider).await;
    let browser = Browser::new(&app);
    let callback = browser.to_callback(START).await;
    assert_eq!(
        browser.callback(&callback).await.location.as_deref(),
        Some("/")
    );
    refused(&browser.callback(&callback).await, "invalid_state");

    // The used code with a fresh attempt: the provider refuses it.
    let fresh = browser.to_callback(START).await;
    let replay = with_param(&fresh, "code", &param(&callback, "code"));
    refused(&browser.callback(&replay).await, "code_rejected");
}

#[tokio::test]
async fn id_tokens_with_a_wrong_nonce_audience_or_key_or_expired_are_refused() {
    let provider = TestProvider::start().await;
    let app = app_with(&provider).await;
    for tamper in [
        json!({ "nonce": true }),
        json!({ "aud": true }),
        json!({ "expired": true }),
        json!({ "foreign_key": true }),
    ] {
        let browser = Browser::new(&app);
        let callback = browser.to_callback(START).await;
        provider.admin("tamper", tamper.clone()).await;
        let landing = browser.callback(&callback).await;
        assert_eq!(
            landing.location.as_deref(),
            Some("/login#oidcError=invalid_token"),
            "{tamper}: {landing:?}"
        );
        assert_eq!(browser.refresh().await, None, "{tamper}");
    }
    // Untampered, the same provider signs in.
    assert_eq!(
        Browser::new(&app).sign_in().await.location.as_deref(),
        Some("/")
    );
}

#[tokio::test]
async fn a_key_rotated_at_the_provider_is_fetched_on_first_sight() {
    let provider = TestProvider::start().await;
    let app = app_with(&provider).await;
    assert_eq!(
        Browser::new(&app).sign_in().await.location.as_deref(),
        Some("/")
    );
    provider.admin("rotate", json!({})).await;
    let browser = Browser::new(&app);
    assert_eq!(browser.sign_in().await.location.as_deref(), Some("/"));
    assert!(browser.refresh().await.is_some());
}

#[tokio::test]
async fn a_provider_that_is_down_is_a_clear_error() {
    let mut provider = TestProvider::start().await;
    let app = app_with(&provider).await;
    // Down between the start and the callback: the code cannot be exchanged.
    let browser = Browser::new(&app);
    let callback = browser.to_callback(START).await;
    provider.stop().await;
    refused(&browser.callback(&callback).await, "provider_unavailable");

    // Down from the start, on an instance that never reached it.
    let fresh = app_with(&provider).await;
    let browser = Browser::new(&fresh);
    refused(&browser.get(START).await, "provider_unavailable");
    let unknown = browser.get("/auth/oidc/nope/start").await;
    assert_eq!(
        unknown.location.as_deref(),
        Some("/login#oidcError=unknown_provider")
    );
}
