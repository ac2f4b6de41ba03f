//! Signing in through a real OpenID Connect provider (`tests/oidc/provider.mjs`): sign-up
//! by a verified email, signing in again, an existing account's email never matched
//! silently, linking while signed in, unlinking (never the last method), a first password.

use serde_json::{Value, json};

use crate::helpers::oidc::{Browser, PROVIDER, TestProvider};
use crate::helpers::{TestApp, error_with_code};

const ME: &str = "{ me { id email hasPassword identities { provider email } } }";

async fn app_with(provider: &TestProvider) -> TestApp {
    TestApp::spawn_shared_with(|config| provider.configure(config)).await
}

async fn me(browser: &Browser<'_>, token: &str) -> Value {
    browser.gql(token, ME, json!({})).await["data"]["me"].clone()
}

#[tokio::test]
async fn a_verified_email_signs_up_then_signs_in_to_the_same_account() {
    let provider = TestProvider::start().await;
    let app = app_with(&provider).await;
    let providers = app
        .gql(
            None,
            "{ oidcProviders { name displayName startPath } }",
            json!({}),
        )
        .await;
    assert_eq!(
        providers["data"]["oidcProviders"],
        json!([{ "name": "test", "displayName": "Test IdP", "startPath": "/auth/oidc/test/start" }])
    );

    let browser = Browser::new(&app);
    let landing = browser.sign_in().await;
    assert_eq!(landing.status, 303);
    assert_eq!(landing.location.as_deref(), Some("/"));
    assert!(
        landing
            .set_cookies
            .iter()
            .any(|c| c.starts_with("tally_refresh=") && c.contains("HttpOnly"))
    );
    assert!(
        landing
            .set_cookies
            .iter()
            .any(|c| c.starts_with("tally_oidc=;"))
    );
    let token = browser
        .refresh()
        .await
        .expect("a session from the refresh cookie");
    let first = me(&browser, &token).await;
    assert_eq!(first["email"], "alice@example.com");
    assert_eq!(first["hasPassword"], false);
    assert_eq!(
        first["identities"],
        json!([{ "provider": "test", "email": "alice@example.com" }])
    );

    let again = Browser::new(&app);
    assert_eq!(again.sign_in().await.location.as_deref(), Some("/"));
    let token = again.refresh().await.expect("a second session");
    assert_eq!(me(&again, &token).await["id"], first["id"]);

    let user_id = first["id"].as_str().unwrap();
    let actions = app.audit_actions(user_id).await;
    assert_eq!(actions[..2], ["SIGNUP", "LOGIN_SUCCEEDED"]);
    assert!(actions.iter().filter(|a| *a == "LOGIN_SUCCEEDED").count() == 2);
}

#[tokio::test]
async fn an_unverified_email_creates_nothing() {
    let provider = TestProvider::start().await;
    let app = app_with(&provider).await;
    provider
        .account("mallory", "mallory@example.com", false)
        .await;
    let browser = Browser::new(&app);
    let landing = browser.sign_in().await;
    assert_eq!(
        landing.location.as_deref(),
        Some("/login#oidcError=email_unverified")
    );
    assert!(
        !landing
            .set_cookies
            .iter()
            .any(|c| c.starts_with("tally_refresh="))
    );
    assert_eq!(browser.refresh().await, None);
}

#[tokio::test]
async fn an_existing_accounts_email_needs_that_account_to_link_the_provider() {
    let provider = TestProvider::start().await;
    let app = app_with(&provider).await;
    let bob = app.signed_up_user().await;
    provider.account("bob-at-idp", &bob.email, true).await;

    let stranger = Browser::new(&app);
    let landing = stranger.sign_in().await;
    assert_eq!(
        landing.location.as_deref(),
        Some("/login#oidcError=link_required")
    );
    assert_eq!(app.failure_reasons(&bob.id).await, ["OIDC_LINK_REQUIRED"]);

    // Bob, signed in, links the provider from Settings.
    let browser = Browser::new(&app);
    let start = browser
        .gql(
            &bob.token,
            "mutation($p: String!) { startOidcLink(provider: $p) { url } }",
            json!({ "p": PROVIDER }),
        )
        .await;
    let url = start["data"]["startOidcLink"]["url"]
        .as_str()
        .expect("a start URL")
        .to_owned();
    let callback = browser.to_callback_from(&url).await;
    let landing = browser.callback(&callback).await;
    assert_eq!(
        landing.location.as_deref(),
        Some("/settings#oidcLinked=test")
    );
    let linked = me(&browser, &bob.token).await;
    assert_eq!(linked["identities"][0]["provider"], "test");
    assert_eq!(linked["hasPassword"], true);

    // Now the provider signs in to Bob's account.
    let later = Browser::new(&app);
    assert_eq!(later.sign_in().await.location.as_deref(), Some("/"));
    let token = later.refresh().await.expect("a session");
    assert_eq!(me(&later, &token).await["id"], bob.id.as_str());
    assert!(
        app.audit_actions(&bob.id)
            .await
            .contains(&"OIDC_LINKED".to_owned())
    );
}

#[tokio::test]
async fn a_link_url_opened_in_another_browser_links_nothing() {
    let provider = TestProvider::start().await;
    let app = app_with(&provider).await;
    let attacker = app.signed_up_user().await;
    let own = Browser::new(&app);
    let start = own
        .gql(
            &attacker.token,
            "mutation($p: String!) { startOidcLink(provider: $p) { url } }",
            json!({ "p": PROVIDER }),
        )
        .await;
    let url = start["data"]["startOidcLink"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let victim = Browser::new(&app);
    let callback = victim.to_callback_from(&url).await;
    let landing = victim.callback(&callback).await;
    assert_eq!(
        landing.location.as_deref(),
        Some("/login#oidcError=invalid_state")
    );
    assert_eq!(me(&own, &attacker.token).await["identities"], json!([]));
}

#[tokio::test]
async fn the_last_way_to_sign_in_stays_and_a_first_password_can_be_set() {
    let provider = TestProvider::start().await;
    let app = app_with(&provider).await;
    provider.account("carol", "carol@example.com", true).await;
    let browser = Browser::new(&app);
    browser.sign_in().await;
    let token = browser.refresh().await.unwrap();
    let unlink = "mutation { unlinkOidcProvider(provider: \"test\") }";
    error_with_code(&browser.gql(&token, unlink, json!({})).await, "CONFLICT");

    // No password yet: a password login is refused like any wrong one.
    let login = "mutation($i: LoginInput!) { login(input: $i) { accessToken } }";
    let password = "a brand new and long passphrase";
    let attempt = json!({ "i": { "email": "carol@example.com", "password": password } });
    let refused = app.gql(None, login, attempt.clone()).await;
    assert_eq!(refused["errors"][0]["message"], "Invalid email or password");

    let set = "mutation($i: SetPasswordInput!) { setPassword(input: $i) }";
    let done = browser
        .gql(&token, set, json!({ "i": { "newPassword": password } }))
        .await;
    assert_eq!(done["data"]["setPassword"], true, "{done}");
    let twice = browser
        .gql(&token, set, json!({ "i": { "newPassword": password } }))
        .await;
    error_with_code(&twice, "CONFLICT");
    assert!(app.gql(None, login, attempt).await["data"]["login"]["accessToken"].is_string());

    assert_eq!(
        browser.gql(&token, unlink, json!({})).await["data"]["unlinkOidcProvider"],
        true
    );
    assert_eq!(me(&browser, &token).await["identities"], json!([]));
    error_with_code(&browser.gql(&token, unlink, json!({})).await, "NOT_FOUND");
}

#[tokio::test]
async fn another_users_sign_in_methods_are_not_shown() {
    let provider = TestProvider::start().await;
    let app = app_with(&provider).await;
    let ada = app.signed_up_user().await;
    let query = "{ me { identities { provider } hasPassword } }";
    let own = app.gql(Some(&ada.token), query, json!({})).await;
    assert_eq!(own["data"]["me"]["hasPassword"], true);
    assert_eq!(own["data"]["me"]["identities"], json!([]));
}
