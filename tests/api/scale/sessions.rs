//! Sessions across instances: a refresh token rotated on one and replayed on the other ends
//! the session everywhere; a revocation or a role change made on one holds on the other
//! within `AUTH_STATE_CACHE_MS`, the documented bound.

use std::time::{Duration, Instant};

use serde_json::json;

use super::two_instances;
use crate::admin::roles::{admin, status_of};
use crate::helpers::{TestApp, error_with_code};

/// The auth-state cache both instances run with.
const CACHE_MS: u64 = 400;

fn cached(config: &mut tally::config::Config) {
    config.auth_state_cache_ms = CACHE_MS;
    config.refresh_reuse_grace_seconds = 0;
}

/// Poll `me` on `app` with `token` until it is refused; how long that took. It must be
/// within the cache bound (plus scheduling slack).
async fn refused_within_the_bound(app: &TestApp, token: &str) -> Duration {
    let started = Instant::now();
    let bound = Duration::from_millis(CACHE_MS) + Duration::from_millis(1500);
    loop {
        if status_of(app, token).await == 401 {
            return started.elapsed();
        }
        assert!(started.elapsed() < bound, "still accepted after {bound:?}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[tokio::test]
async fn a_refresh_rotated_on_one_instance_and_replayed_on_the_other_ends_the_session() {
    let Some((a, b)) = two_instances("refresh reuse", cached).await else {
        return;
    };
    let user = a.signed_up_user().await;
    let first = a.login_for_tokens(&user).await;
    let second = a.refreshed(&first.refresh).await;
    let third = b.refreshed(&second.refresh).await;

    let replay = b.refresh(&first.refresh).await;
    error_with_code(&replay, "UNAUTHENTICATED");
    let after = a.refresh(&third.refresh).await;
    error_with_code(&after, "UNAUTHENTICATED");
    refused_within_the_bound(&a, &third.access).await;
    refused_within_the_bound(&b, &third.access).await;
}

#[tokio::test]
async fn logging_out_everywhere_on_one_instance_holds_on_the_other_within_the_bound() {
    let Some((a, b)) = two_instances("revocation", cached).await else {
        return;
    };
    let user = a.signed_up_user().await;
    let tokens = a.login_for_tokens(&user).await;
    assert_eq!(
        status_of(&b, &tokens.access).await,
        200,
        "B has it cached now"
    );

    a.ok(&tokens.access, "mutation { logoutEverywhere }", json!({}))
        .await;

    assert_eq!(
        status_of(&a, &tokens.access).await,
        401,
        "at once where it happened"
    );
    refused_within_the_bound(&b, &tokens.access).await;
    let refresh = b.refresh(&tokens.refresh).await;
    error_with_code(&refresh, "UNAUTHENTICATED");
}

#[tokio::test]
async fn a_demotion_on_one_instance_holds_on_the_other_within_the_bound() {
    let Some((a, b)) = two_instances("role change", cached).await else {
        return;
    };
    let operator = admin(&a).await;
    let demoted = admin(&a).await;
    let users = "{ users(first: 1) { edges { node { email } } } }";
    let before = b.gql(Some(&demoted.token), users, json!({})).await;
    assert!(before.get("errors").is_none(), "an admin on B: {before}");

    a.ok(
        &operator.token,
        "mutation($id: UUID!) { setUserRole(userId: $id, role: USER) { role } }",
        json!({ "id": demoted.id }),
    )
    .await;

    refused_within_the_bound(&b, &demoted.token).await;
}
