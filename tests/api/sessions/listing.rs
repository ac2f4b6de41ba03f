//! Sessions: listing them, ending this one (`logout`), all of them (`logoutEverywhere`) or
//! one of them (`revokeSession`) — and how soon an ended session's access tokens stop
//! working, on this instance and on another one sharing the database.

use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, Tokens, claims_of, error_with_code};

const SESSIONS: &str = "{ sessions { id createdAt lastUsedAt expiresAt userAgent ip current } }";
const REVOKE: &str = "mutation($id: UUID!) { revokeSession(id: $id) }";

fn sid(access_token: &str) -> String {
    claims_of(access_token)["sid"]
        .as_str()
        .expect("a sid")
        .to_owned()
}

/// The one `Set-Cookie` of an answer, which must clear the refresh cookie.
fn assert_clears_cookie(cookies: &[String]) {
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    let cookie = &cookies[0];
    assert!(cookie.starts_with("tally_refresh=;"), "{cookie}");
    assert!(cookie.contains("; Max-Age=0"), "{cookie}");
    assert!(cookie.contains("; Path=/graphql"), "{cookie}");
}

async fn assert_session_ended(app: &TestApp, tokens: &Tokens, case: &str) {
    assert_eq!(app.me_status(&tokens.access).await, 401, "{case}: access");
    let refresh = app.refresh(&tokens.refresh).await;
    error_with_code(&refresh, "UNAUTHENTICATED");
}

async fn assert_session_alive(app: &TestApp, tokens: &Tokens, case: &str) {
    assert_eq!(app.me_status(&tokens.access).await, 200, "{case}: access");
    let next = app.refreshed(&tokens.refresh).await;
    assert_eq!(app.me_status(&next.access).await, 200, "{case}: refreshed");
}

#[tokio::test]
async fn sessions_lists_the_live_sessions_with_the_current_one_flagged() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let cli = app
        .post_with(
            None,
            &[("User-Agent", "tally-cli/1.0")],
            "mutation($input: LoginInput!) { login(input: $input) { accessToken } }",
            json!({ "input": { "email": user.email, "password": user.password } }),
        )
        .await;
    let cli_token = cli.body["data"]["login"]["accessToken"].as_str().unwrap();

    let data = app.ok(&user.token, SESSIONS, json!({})).await;

    let sessions = data["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{data}");
    let [newest, oldest] = [&sessions[0], &sessions[1]];
    assert_eq!(newest["id"], sid(cli_token).as_str(), "most recent first");
    assert_eq!(newest["current"], false);
    assert_eq!(newest["userAgent"], "tally-cli/1.0");
    assert_eq!(newest["ip"], "127.0.0.1");
    assert_eq!(oldest["id"], sid(&user.token).as_str());
    assert_eq!(oldest["current"], true);
    for session in sessions {
        let created = session["createdAt"].as_str().unwrap();
        let expires = session["expiresAt"].as_str().unwrap();
        assert!(created < expires, "{session}");
    }
}

#[tokio::test]
async fn logout_ends_only_this_session_and_clears_the_cookie() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let laptop = app.login_for_tokens(&user).await;
    let phone = app.login_for_tokens(&user).await;

    let reply = app
        .post_with(Some(&phone.access), &[], "mutation { logout }", json!({}))
        .await;

    assert_eq!(reply.body["data"]["logout"], true, "{}", reply.body);
    assert_clears_cookie(&reply.set_cookies());
    assert_session_ended(&app, &phone, "the phone").await;
    assert_session_alive(&app, &laptop, "the laptop").await;
    let listed = app.ok(&laptop.access, SESSIONS, json!({})).await;
    assert!(
        !listed.to_string().contains(&sid(&phone.access)),
        "{listed}"
    );
}

#[tokio::test]
async fn logout_without_an_access_token_ends_the_session_of_the_refresh_token_or_cookie() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let by_argument = app.login_for_tokens(&user).await;
    let by_cookie = app.login_for_tokens(&user).await;
    let logout = "mutation($token: String) { logout(refreshToken: $token) }";
    let cookie = format!("tally_refresh={}", by_cookie.refresh);

    let with_argument = app
        .gql(None, logout, json!({ "token": by_argument.refresh }))
        .await;
    let with_cookie = app
        .post_with(None, &[("Cookie", &cookie)], logout, json!({}))
        .await;
    let unknown = app
        .gql(None, logout, json!({ "token": "no-such-token" }))
        .await;

    assert_eq!(with_argument["data"]["logout"], true, "{with_argument}");
    assert_eq!(
        with_cookie.body["data"]["logout"], true,
        "{}",
        with_cookie.body
    );
    assert_clears_cookie(&with_cookie.set_cookies());
    assert_eq!(unknown["data"]["logout"], false, "{unknown}");
    assert_session_ended(&app, &by_argument, "by argument").await;
    assert_session_ended(&app, &by_cookie, "by cookie").await;
    assert_eq!(app.me_status(&user.token).await, 200, "the sign-up session");
}

#[tokio::test]
async fn logout_everywhere_ends_every_session_and_every_older_access_token() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let sessions = [
        app.login_for_tokens(&user).await,
        app.login_for_tokens(&user).await,
        app.login_for_tokens(&user).await,
    ];

    let reply = app
        .post_with(
            Some(&sessions[0].access),
            &[],
            "mutation { logoutEverywhere }",
            json!({}),
        )
        .await;

    assert_eq!(
        reply.body["data"]["logoutEverywhere"], true,
        "{}",
        reply.body
    );
    assert_clears_cookie(&reply.set_cookies());
    for (i, tokens) in sessions.iter().enumerate() {
        assert_session_ended(&app, tokens, &format!("session {i}")).await;
    }
    assert_eq!(app.me_status(&user.token).await, 401, "the sign-up session");
    let fresh = app.login_for_tokens(&user).await;
    assert_session_alive(&app, &fresh, "a new login").await;
}

#[tokio::test]
async fn revoke_session_ends_one_of_the_viewers_other_sessions() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let lost_phone = app.login_for_tokens(&user).await;
    let phone_session = sid(&lost_phone.access);

    let revoked = app
        .ok(&user.token, REVOKE, json!({ "id": phone_session }))
        .await;

    assert_eq!(revoked["revokeSession"], true);
    assert_session_ended(&app, &lost_phone, "the lost phone").await;
    assert_eq!(app.me_status(&user.token).await, 200);
    let again = app
        .gql(Some(&user.token), REVOKE, json!({ "id": phone_session }))
        .await;
    error_with_code(&again, "NOT_FOUND");
}

#[tokio::test]
async fn another_users_session_is_not_found_and_keeps_working() {
    let app = TestApp::spawn().await;
    let attacker = app.signed_up_user().await;
    let victim: TestUser = app.signed_up_user().await;
    let victim_tokens = app.login_for_tokens(&victim).await;

    let theirs = app
        .gql(
            Some(&attacker.token),
            REVOKE,
            json!({ "id": sid(&victim_tokens.access) }),
        )
        .await;
    let nobodys = app
        .gql(
            Some(&attacker.token),
            REVOKE,
            json!({ "id": uuid::Uuid::now_v7().to_string() }),
        )
        .await;

    let theirs = error_with_code(&theirs, "NOT_FOUND");
    let nobodys = error_with_code(&nobodys, "NOT_FOUND");
    assert_eq!(theirs["message"], nobodys["message"], "nothing revealed");
    assert_session_alive(&app, &victim_tokens, "the victim's session").await;
}

#[tokio::test]
async fn session_operations_need_an_access_token() {
    let app = TestApp::spawn().await;
    let id = uuid::Uuid::now_v7().to_string();
    let cases: [(&str, Value); 3] = [
        (SESSIONS, json!({})),
        ("mutation { logoutEverywhere }", json!({})),
        (REVOKE, json!({ "id": id })),
    ];
    for (query, variables) in cases {
        let body = app.gql(None, query, variables).await;

        error_with_code(&body, "UNAUTHENTICATED");
    }
}

#[tokio::test]
async fn every_session_ending_is_audited_once() {
    let app = TestApp::spawn_shared_with(|_| {}).await;
    let user = app.signed_up_user().await;
    let other = app.login_for_tokens(&user).await;
    let this = app.login_for_tokens(&user).await;

    app.ok(&this.access, REVOKE, json!({ "id": sid(&other.access) }))
        .await;
    app.ok(&this.access, "mutation { logout }", json!({})).await;
    app.ok(&user.token, "mutation { logoutEverywhere }", json!({}))
        .await;

    let actions = app.audit_actions(&user.id).await;
    assert_eq!(
        actions,
        [
            "SIGNUP",
            "LOGIN_SUCCEEDED",
            "LOGIN_SUCCEEDED",
            "SESSION_REVOKED",
            "LOGOUT",
            "LOGOUT_EVERYWHERE"
        ]
    );
}

/// The revocation bound: another instance may have cached that the token was fine, but
/// for no longer than `AUTH_STATE_CACHE_MS`; the instance that revoked refuses at once.
#[tokio::test]
async fn after_logout_everywhere_an_old_access_token_dies_on_every_instance_within_the_bound() {
    let bound = Duration::from_millis(300);
    let cache = |config: &mut tally::config::Config| config.auth_state_cache_ms = 300;
    let a = TestApp::spawn_shared_with(cache).await;
    let b = a.another_instance_with(cache).await;
    let user = a.signed_up_user().await;
    assert_eq!(
        b.me_status(&user.token).await,
        200,
        "B has cached it as valid"
    );

    a.ok(&user.token, "mutation { logoutEverywhere }", json!({}))
        .await;

    assert_eq!(a.me_status(&user.token).await, 401, "refused at once on A");
    tokio::time::sleep(bound + Duration::from_millis(100)).await;
    assert_eq!(
        b.me_status(&user.token).await,
        401,
        "refused on B after the bound"
    );
}
