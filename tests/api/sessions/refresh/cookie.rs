//! Where refresh tokens travel: only in an HttpOnly, SameSite=Strict cookie on the API path
//! (`Secure` outside localhost), or in the body when the client asks; the cookie alone
//! refreshes, and a token that came in the cookie only ever goes back in the cookie.

use chrono::Utc;
use serde_json::{Value, json};

use super::refused;
use crate::helpers::{TestApp, TestUser, Tokens, claims_of};

const LOGIN: &str = "mutation($input: LoginInput!) {
    login(input: $input) { accessToken refreshToken refreshExpiresAt } }";
/// `refreshSession` with no input: the token comes from the cookie, the next goes there.
const REFRESH_FROM_COOKIE: &str = "mutation { refreshSession { accessToken refreshToken } }";

fn login_input(user: &TestUser) -> Value {
    json!({ "input": { "email": user.email, "password": user.password } })
}

/// The one `tally_refresh` cookie an answer sets, split into its attributes.
fn refresh_cookie(cookies: &[String]) -> Vec<String> {
    assert_eq!(cookies.len(), 1, "one Set-Cookie: {cookies:?}");
    cookies[0].split("; ").map(str::to_owned).collect()
}

/// The token in a `tally_refresh=<token>` attribute list.
fn cookie_token(attributes: &[String]) -> String {
    let token = attributes[0]
        .strip_prefix("tally_refresh=")
        .unwrap_or_else(|| panic!("the tally_refresh cookie: {attributes:?}"));
    token.to_owned()
}

#[tokio::test]
async fn login_sets_the_refresh_token_only_as_a_strict_http_only_cookie_on_the_api_path() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;

    let reply = app.post_with(None, &[], LOGIN, login_input(&user)).await;

    assert_eq!(reply.status, 200);
    let payload = &reply.body["data"]["login"];
    assert_eq!(
        payload["refreshToken"],
        Value::Null,
        "not readable by scripts"
    );
    let attributes = refresh_cookie(&reply.set_cookies());
    assert_eq!(cookie_token(&attributes).len(), 43, "256 bits, base64url");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/graphql"] {
        assert!(attributes.iter().any(|a| a == attribute), "{attributes:?}");
    }
    let max_age: i64 = attributes
        .iter()
        .find_map(|a| a.strip_prefix("Max-Age="))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("Max-Age: {attributes:?}"));
    let expires: chrono::DateTime<Utc> = payload["refreshExpiresAt"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("refreshExpiresAt");
    let until_expiry = (expires - Utc::now()).num_seconds();
    assert!(
        (until_expiry - max_age).abs() <= 5,
        "{max_age} vs {expires}"
    );
    assert!(
        (168 * 3600 - 10..=168 * 3600).contains(&max_age),
        "the idle lifetime"
    );
    assert!(
        !attributes.contains(&"Secure".to_owned()),
        "127.0.0.1 is local: {attributes:?}"
    );
}

#[tokio::test]
async fn the_cookie_is_secure_for_a_remote_host_and_always_when_configured() {
    let auto = TestApp::spawn().await;
    let always = TestApp::spawn_with(|config| {
        config.cookie_secure = tally::config::CookieSecure::Always;
    })
    .await;
    let user = auto.signed_up_user().await;
    let other = always.signed_up_user().await;

    let remote = auto
        .post_with(
            None,
            &[("Host", "tally.example.com")],
            LOGIN,
            login_input(&user),
        )
        .await;
    let local_but_always = always
        .post_with(None, &[], LOGIN, login_input(&other))
        .await;

    for reply in [remote, local_but_always] {
        let attributes = refresh_cookie(&reply.set_cookies());
        assert!(attributes.contains(&"Secure".to_owned()), "{attributes:?}");
    }
}

#[tokio::test]
async fn refresh_token_in_body_returns_it_and_sets_no_cookie() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut input = login_input(&user);
    input["input"]["refreshTokenInBody"] = json!(true);

    let reply = app.post_with(None, &[], LOGIN, input).await;

    assert!(reply.set_cookies().is_empty(), "{:?}", reply.headers);
    let tokens = Tokens::of(&reply.body["data"]["login"]);
    assert_eq!(tokens.refresh.len(), 43);
    let refreshed = app.refreshed(&tokens.refresh).await;
    assert_eq!(app.me_status(&refreshed.access).await, 200);
}

#[tokio::test]
async fn the_cookie_alone_refreshes_and_is_replaced_by_the_next_token() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let login = app.post_with(None, &[], LOGIN, login_input(&user)).await;
    let first = cookie_token(&refresh_cookie(&login.set_cookies()));
    let cookie = format!("theme=dark; tally_refresh={first}");

    let reply = app
        .post_with(None, &[("Cookie", &cookie)], REFRESH_FROM_COOKIE, json!({}))
        .await;

    assert!(reply.body.get("errors").is_none(), "{}", reply.body);
    let payload = &reply.body["data"]["refreshSession"];
    assert_eq!(payload["refreshToken"], Value::Null);
    let next = cookie_token(&refresh_cookie(&reply.set_cookies()));
    assert_ne!(next, first, "rotated");
    let access = payload["accessToken"].as_str().expect("an access token");
    assert_eq!(app.me_status(access).await, 200);
    let old_access = login.body["data"]["login"]["accessToken"].as_str().unwrap();
    assert_eq!(claims_of(access)["sid"], claims_of(old_access)["sid"]);
}

#[tokio::test]
async fn a_refresh_without_any_token_is_unauthenticated() {
    let app = TestApp::spawn().await;

    let body = app.gql(None, REFRESH_FROM_COOKIE, json!({})).await;

    refused(&body);
}

#[tokio::test]
async fn a_token_that_came_in_the_cookie_never_comes_back_in_the_body() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let login = app.post_with(None, &[], LOGIN, login_input(&user)).await;
    let first = cookie_token(&refresh_cookie(&login.set_cookies()));
    let cookie = format!("tally_refresh={first}");
    let asking_for_the_body = "mutation { refreshSession(input: { refreshTokenInBody: true }) {
        accessToken refreshToken } }";

    let reply = app
        .post_with(None, &[("Cookie", &cookie)], asking_for_the_body, json!({}))
        .await;

    assert!(reply.body.get("errors").is_none(), "{}", reply.body);
    let payload = &reply.body["data"]["refreshSession"];
    assert_eq!(
        payload["refreshToken"],
        Value::Null,
        "cookie in, cookie out"
    );
    let next = cookie_token(&refresh_cookie(&reply.set_cookies()));
    assert_ne!(next, first, "rotated into the cookie");
    assert!(!reply.body.to_string().contains(&next));
}
