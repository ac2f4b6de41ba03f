//! Issue 14: the socket is closed (4403) when its access token expires, unless the client
//! sent a fresh token of the same session in a `ping` before then. The short-lived and the
//! fresh tokens are the user's real token re-signed with only `exp` changed, so `iat`, `sid`
//! and `ver` stay those of a live session and the gate honours them.

use std::time::Duration;

use serde_json::json;

use super::client::{
    close_code, connected, logout_everywhere_ends, next_message, ping_with, send, subscribe,
};
use crate::helpers::{TestApp, resigned};

const SESSION_ENDED: &str = "subscription { sessionEnded { reason } }";

/// Now, in Unix seconds (the unit of `exp`).
fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Now, in Unix milliseconds, to time the close against `exp`.
fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// `token` re-signed to expire at `exp` (Unix seconds), all its other claims kept.
fn expiring_at(app: &TestApp, token: &str, exp: i64) -> String {
    resigned(app, token, |claims| claims["exp"] = json!(exp))
}

#[tokio::test]
async fn the_socket_closes_4403_when_its_token_expires() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let exp = now() + 2;
    let short = expiring_at(&app, &user.token, exp);
    let mut socket = connected(&app, &short).await;
    send(&mut socket, subscribe("s", SESSION_ENDED)).await;

    assert_eq!(close_code(&mut socket).await, 4403);
    let closed_ms = now_ms();
    // The socket lives up to `exp` (not the gate's leeway beyond it), and not much longer.
    assert!(
        closed_ms >= exp * 1000 - 100,
        "closed {} ms before exp",
        exp * 1000 - closed_ms
    );
    assert!(
        closed_ms <= exp * 1000 + 3000,
        "closed {} ms after exp",
        closed_ms - exp * 1000
    );
}

#[tokio::test]
async fn a_fresh_token_in_a_ping_keeps_the_socket_open_past_the_first_expiry() {
    // A re-check every second: past the old token's leeway it would fail, the fresh one not.
    let app = TestApp::spawn_with(|c| c.live.ws_recheck_seconds = 1).await;
    let user = app.signed_up_user().await;
    let exp = now() + 2;
    let short = expiring_at(&app, &user.token, exp);
    let fresh = expiring_at(&app, &user.token, now() + 60);
    let mut socket = connected(&app, &short).await;
    send(&mut socket, subscribe("s", SESSION_ENDED)).await;
    send(&mut socket, ping_with(&fresh)).await;
    assert_eq!(next_message(&mut socket).await["type"], "pong");

    // At exp + 2 s the expiry timer of the first token has passed; at exp + 7 s its 5 s
    // leeway too, and a re-check with it would have been refused.
    for after_exp in [2, 7] {
        let wait = u64::try_from(exp + after_exp - now()).unwrap_or(0);
        tokio::time::sleep(Duration::from_secs(wait)).await;
        send(&mut socket, json!({"type": "ping"})).await;
        let pong = next_message(&mut socket).await;
        assert_eq!(pong["type"], "pong", "at exp + {after_exp} s: {pong}");
    }

    // The subscription survived the renewal: it still hears its session end.
    logout_everywhere_ends(&app, &fresh, &mut socket).await;
}
