//! Refresh tokens: where they travel (an HttpOnly cookie, or the body on request), rotation
//! on every refresh, the grace window for two tabs refreshing at once, and reuse detection —
//! a superseded token replayed later ends its whole session.

use std::time::Duration;

use chrono::Utc;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, Tokens, claims_of, error_with_code};

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

/// The message of a refused refresh, which must be UNAUTHENTICATED.
fn refused(body: &Value) -> String {
    let error = error_with_code(body, "UNAUTHENTICATED");
    error["message"].as_str().expect("a message").to_owned()
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
    assert_eq!(
        attributes[1..4],
        ["HttpOnly", "SameSite=Strict", "Path=/graphql"]
    );
    let max_age: i64 = attributes[4]
        .strip_prefix("Max-Age=")
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
        assert_eq!(attributes.last().map(String::as_str), Some("Secure"));
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

/// GoTrue's test: rotate three times, replay the first token — the whole family is revoked
/// and none of its tokens, refresh or access, works any more.
#[tokio::test]
async fn replaying_the_first_of_three_rotated_tokens_revokes_the_whole_family() {
    let app = TestApp::spawn_with(|config| config.refresh_reuse_grace_seconds = 0).await;
    let user = app.signed_up_user().await;
    let mut family = vec![app.login_for_tokens(&user).await];
    for _ in 0..3 {
        let next = app.refreshed(&family.last().unwrap().refresh).await;
        family.push(next);
    }
    for tokens in &family {
        assert_eq!(
            app.me_status(&tokens.access).await,
            200,
            "before the replay"
        );
    }

    let replay = app.refresh(&family[0].refresh).await;

    refused(&replay);
    for (i, tokens) in family.iter().enumerate() {
        refused(&app.refresh(&tokens.refresh).await);
        assert_eq!(app.me_status(&tokens.access).await, 401, "access token {i}");
    }
    let other_session = app.login_for_tokens(&user).await;
    assert_eq!(app.me_status(&other_session.access).await, 200);
}

#[tokio::test]
async fn two_refreshes_of_the_same_token_at_once_both_succeed_and_the_session_lives_on() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut tokens = app.login_for_tokens(&user).await;
    for _ in 0..3 {
        let (a, b) = tokio::join!(app.refresh(&tokens.refresh), app.refresh(&tokens.refresh));

        let (a, b) = (refreshed_tokens(&a), refreshed_tokens(&b));
        assert_ne!(a.refresh, b.refresh, "each gets its own token");
        for access in [&a.access, &b.access] {
            assert_eq!(app.me_status(access).await, 200);
        }
        let after_b = app.refreshed(&b.refresh).await;
        assert_eq!(app.me_status(&after_b.access).await, 200);
        tokens = app.refreshed(&a.refresh).await;
    }
    let data = app
        .ok(&tokens.access, "{ sessions { id current } }", json!({}))
        .await;
    let sessions = data["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2, "the sign-up's and the login's: {data}");
    let current = sessions.iter().find(|s| s["current"] == true).unwrap();
    assert_eq!(current["id"], claims_of(&tokens.access)["sid"]);
}

fn refreshed_tokens(body: &Value) -> Tokens {
    assert!(body.get("errors").is_none(), "refresh failed: {body}");
    Tokens::of(&body["data"]["refreshSession"])
}

#[tokio::test]
async fn a_token_replayed_within_the_grace_window_gets_a_sibling_and_leaves_the_winner_alone() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let first = app.login_for_tokens(&user).await;
    let winner = app.refreshed(&first.refresh).await;

    let sibling = app.refreshed(&first.refresh).await;

    assert_ne!(sibling.refresh, winner.refresh);
    assert_eq!(app.me_status(&sibling.access).await, 200);
    let after_winner = app.refreshed(&winner.refresh).await;
    assert_eq!(app.me_status(&after_winner.access).await, 200);
    app.refreshed(&sibling.refresh).await;
}

#[tokio::test]
async fn a_token_replayed_after_the_grace_window_ends_the_session() {
    let app = TestApp::spawn_with(|config| config.refresh_reuse_grace_seconds = 1).await;
    let user = app.signed_up_user().await;
    let first = app.login_for_tokens(&user).await;
    let current = app.refreshed(&first.refresh).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;

    let replay = app.refresh(&first.refresh).await;

    refused(&replay);
    refused(&app.refresh(&current.refresh).await);
    assert_eq!(app.me_status(&current.access).await, 401);
}

#[tokio::test]
async fn refreshes_are_audited_and_a_detected_reuse_is_committed_though_the_request_fails() {
    let app = TestApp::spawn_shared_with(|config| config.refresh_reuse_grace_seconds = 0).await;
    let user = app.signed_up_user().await;
    let first = app.login_for_tokens(&user).await;
    app.refreshed(&first.refresh).await;

    refused(&app.refresh(&first.refresh).await);

    let actions = app.audit_actions(&user.id).await;
    assert_eq!(
        actions,
        [
            "SIGNUP",
            "LOGIN_SUCCEEDED",
            "SESSION_REFRESHED",
            "REFRESH_REUSE_DETECTED"
        ]
    );
    let session_id: uuid::Uuid = claims_of(&first.access)["sid"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let reason = revoked_reason(&app, session_id).await;
    assert_eq!(reason.as_deref(), Some("REUSE"));
}

async fn revoked_reason(app: &TestApp, session_id: uuid::Uuid) -> Option<String> {
    use sea_orm::ConnectionTrait;
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
    let select = Query::select()
        .column(Alias::new("revoked_reason"))
        .from(Alias::new("sessions"))
        .and_where(Expr::col(Alias::new("id")).eq(Expr::val(session_id)))
        .to_owned();
    let db = app.database().await;
    let row = db
        .query_one(&select)
        .await
        .unwrap()
        .expect("the session row");
    row.try_get_by_index::<Option<String>>(0).unwrap()
}

/// How a test ends a session behind the API's back (or through it).
enum Ending {
    /// Set a `sessions` column to an instant.
    Session(&'static str, chrono::DateTime<Utc>),
    /// Set a `users` column to an instant.
    User(&'static str, chrono::DateTime<Utc>),
    Logout,
}

impl Ending {
    async fn apply(&self, app: &TestApp, user: &TestUser, tokens: &Tokens) {
        let session: uuid::Uuid = claims_of(&tokens.access)["sid"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let user_id: uuid::Uuid = user.id.parse().unwrap();
        let changed = match self {
            Self::Session(column, at) => {
                app.set_in_database("sessions", column, *at, ("id", session))
                    .await
            }
            Self::User(column, at) => {
                app.set_in_database("users", column, *at, ("id", user_id))
                    .await
            }
            Self::Logout => {
                let data = app
                    .ok(&tokens.access, "mutation { logout }", json!({}))
                    .await;
                u64::from(data["logout"] == true)
            }
        };
        assert_eq!(changed, 1);
    }
}

/// Every dead end answers the same: an unknown token, a session past its idle or absolute
/// end, a logged-out session, a disabled user.
#[tokio::test]
async fn unknown_idle_expired_logged_out_and_disabled_refreshes_are_refused_alike() {
    let app = TestApp::spawn_shared_with(|_| {}).await;
    let control = app.login_for_tokens(&app.signed_up_user().await).await;
    let idle_lifetime = chrono::Duration::hours(168);
    let cases = [
        (
            "idle for longer than the idle lifetime",
            Ending::Session(
                "last_used_at",
                Utc::now() - idle_lifetime - chrono::Duration::minutes(1),
            ),
        ),
        (
            "past the absolute end",
            Ending::Session("expires_at", Utc::now()),
        ),
        ("user disabled", Ending::User("disabled_at", Utc::now())),
        ("logged out", Ending::Logout),
    ];
    let mut messages = vec![refused(&app.refresh("not-a-token-we-issued").await)];
    for (case, ending) in cases {
        let user = app.signed_up_user().await;
        let tokens = app.login_for_tokens(&user).await;
        ending.apply(&app, &user, &tokens).await;

        let body = app.refresh(&tokens.refresh).await;

        assert!(body.get("errors").is_some(), "{case}: {body}");
        messages.push(refused(&body));
    }
    messages.dedup();
    assert_eq!(messages.len(), 1, "one message for all: {messages:?}");
    app.refreshed(&control.refresh).await;
}
