//! Refresh tokens: where they travel (an HttpOnly cookie, or the body on request), rotation
//! on every refresh, the grace window for two tabs refreshing at once, and reuse detection —
//! a superseded token replayed later ends its whole session.

mod cookie;

use std::time::Duration;

use chrono::Utc;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestUser, Tokens, claims_of, error_with_code};

/// The message of a refused refresh, which must be UNAUTHENTICATED.
fn refused(body: &Value) -> String {
    let error = error_with_code(body, "UNAUTHENTICATED");
    error["message"].as_str().expect("a message").to_owned()
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

/// `refreshSession` costs as much as a login in query complexity, so one request cannot
/// carry many of them.
#[tokio::test]
async fn a_request_cannot_carry_a_dozen_refreshes() {
    let app = TestApp::spawn().await;
    let tokens = app.login_for_tokens(&app.signed_up_user().await).await;
    let field = format!(
        r#"refreshSession(input: {{ refreshToken: "{}", refreshTokenInBody: true }}) {{ accessToken }}"#,
        tokens.refresh
    );
    let fields: Vec<String> = (0..12).map(|i| format!("r{i}: {field}")).collect();

    let body = app
        .gql(
            None,
            &format!("mutation {{ {} }}", fields.join(" ")),
            json!({}),
        )
        .await;

    error_with_code(&body, "GRAPHQL_VALIDATION_FAILED");
    app.refreshed(&tokens.refresh).await;
}
