//! A provider's sign-in of an account with two-factor sign-in on: the callback hands the
//! dashboard the challenge (`/login#twoFactorChallenge=<token>`), no session; answering it
//! with a code starts the session, audited as a provider's sign-in.

use serde_json::json;

use super::two_factor::{Enrolled, code, complete, enrolled};
use crate::helpers::TestApp;
use crate::helpers::oidc::{Browser, PROVIDER, TestProvider};

#[tokio::test]
async fn a_provider_sign_in_with_two_factor_on_ends_in_the_challenge() {
    let provider = TestProvider::start().await;
    let app = TestApp::spawn_shared_with(|config| provider.configure(config)).await;
    let Enrolled { user, secret, .. } = enrolled(&app).await;
    provider.account("carol-at-idp", &user.email, true).await;

    // Link the provider while signed in.
    let browser = Browser::new(&app);
    let link = "mutation($p: String!) { startOidcLink(provider: $p) { url } }";
    let start = browser
        .gql(&user.token, link, json!({ "p": PROVIDER }))
        .await;
    let url = start["data"]["startOidcLink"]["url"].as_str().unwrap();
    let callback = browser.to_callback_from(url).await;
    let linked = browser.callback(&callback).await;
    assert_eq!(
        linked.location.as_deref(),
        Some("/settings#oidcLinked=test")
    );

    let later = Browser::new(&app);
    let landing = later.sign_in().await;
    let location = landing.location.unwrap_or_default();
    let challenge = location
        .strip_prefix("/login#twoFactorChallenge=")
        .unwrap_or_else(|| panic!("a challenge, not {location}"));
    assert!(
        !landing
            .set_cookies
            .iter()
            .any(|c| c.starts_with("tally_refresh=")),
        "no session before the second factor"
    );
    assert_eq!(later.refresh().await, None);

    let done = complete(&app, challenge, json!({ "code": code(&secret, 0) })).await;
    let payload = &done["data"]["completeTwoFactorLogin"];
    assert!(payload["accessToken"].is_string(), "{done}");
    assert_eq!(payload["user"]["id"], user.id.as_str());
    let reasons = app.audit_column_of(&user.id, "LOGIN_SUCCEEDED").await;
    assert_eq!(reasons.last().map(String::as_str), Some("OIDC"));
}
