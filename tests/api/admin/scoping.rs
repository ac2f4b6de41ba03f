//! No unscoped entry points: every read of another user's account state goes through one
//! service call that checks the caller's role in the database itself, and a user's own
//! `role` comes with their row rather than from a lookup by a raw user id.

use serde_json::json;

use crate::admin::roles::admin;
use crate::admin::shared::app_on_shared_database;
use crate::helpers::{TestApp, error_with_code};

/// Every admin read, on the user `$id`.
const ADMIN_READS: [&str; 3] = [
    "query($id: UUID!) { userAuditLog(userId: $id, first: 5) { edges { node { action } } } }",
    "query($id: UUID!) { user(id: $id) { id email } }",
    "query { users(first: 5) { edges { node { email } } } }",
];

#[tokio::test]
async fn an_admin_demoted_on_one_instance_can_read_nothing_on_another() {
    let (first, db) = app_on_shared_database().await;
    let second = db.another_instance(&first, 60_000).await;
    let boss = admin(&first).await;
    let demoted = admin(&first).await;
    let target = first.signed_up_user().await;
    let vars = json!({ "id": target.id });
    // The second instance caches the soon-demoted admin's state for a minute.
    for query in ADMIN_READS {
        second.ok(&demoted.token, query, vars.clone()).await;
    }

    let demote = "mutation($id: UUID!) { setUserRole(userId: $id, role: USER) { id } }";
    first
        .ok(&boss.token, demote, json!({ "id": demoted.id }))
        .await;

    for query in ADMIN_READS {
        let body = second.gql(Some(&demoted.token), query, vars.clone()).await;
        error_with_code(&body, "FORBIDDEN");
    }
}

#[tokio::test]
async fn another_users_audit_log_is_not_found_for_an_unknown_user_and_read_for_a_real_one() {
    let app = TestApp::spawn().await;
    let boss = admin(&app).await;
    let target = app.signed_up_user().await;
    let query =
        "query($id: UUID!) { userAuditLog(userId: $id, first: 5) { edges { node { action } } } }";

    let unknown = json!({ "id": uuid::Uuid::now_v7() });
    let missing = app.gql(Some(&boss.token), query, unknown).await;
    let found = app.ok(&boss.token, query, json!({ "id": target.id })).await;

    error_with_code(&missing, "NOT_FOUND");
    let actions = &found["userAuditLog"]["edges"];
    assert_eq!(actions[0]["node"]["action"], "SIGNUP", "{found}");
}

#[tokio::test]
async fn a_users_role_comes_with_their_row_in_one_statement() {
    let app = TestApp::spawn_with(|config| config.auth_state_cache_ms = 60_000).await;
    let user = app.signed_up_user().await;
    // The first request reads the session state into the auth cache.
    app.ok(&user.token, "{ me { id } }", json!({})).await;

    let before = app.store.statements_executed();
    let data = app.ok(&user.token, "{ me { id role } }", json!({})).await;

    assert_eq!(data["me"]["role"], "USER");
    assert_eq!(app.store.statements_executed() - before, 1, "one row read");
}
