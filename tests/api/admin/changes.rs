//! What administrators change: a role change takes effect and ends the target's tokens;
//! disabling refuses the target's tokens and login until enabled again; the last active
//! administrator stays; unknown users are `NOT_FOUND`.

use serde_json::{Value, json};

use crate::admin::roles::{admin, logged_in_again, login, status_of};
use tally::auth::Role;

use crate::helpers::{TestApp, TestUser, error_with_code};

const SET_ROLE: &str = "mutation($id: UUID!, $role: Role!) {
    setUserRole(userId: $id, role: $role) { id role } }";
const DISABLE: &str =
    "mutation($id: UUID!) { disableUser(userId: $id) { id disabled disabledAt } }";
const ENABLE: &str = "mutation($id: UUID!) { enableUser(userId: $id) { id disabled disabledAt } }";
const USERS: &str = "{ users { totalCount } }";

/// Tokens are checked against the database on every request.
async fn uncached() -> TestApp {
    TestApp::spawn_with(|config| config.auth_state_cache_ms = 0).await
}

fn vars(id: &str) -> Value {
    json!({ "id": id })
}

#[tokio::test]
async fn a_role_change_takes_effect_at_the_next_login_and_ends_the_old_tokens() {
    let app = uncached().await;
    let admin = admin(&app).await;
    let user = app.signed_up_user().await;

    let promote = json!({ "id": user.id, "role": "ADMIN" });
    let changed = app.ok(&admin.token, SET_ROLE, promote).await;
    assert_eq!(changed["setUserRole"]["role"], "ADMIN");
    assert_eq!(status_of(&app, &user.token).await, 401);
    let promoted = login(&app, &user).await;
    assert_eq!(promoted["data"]["login"]["user"]["role"], "ADMIN");
    let promoted = logged_in_again(&app, &user).await;
    assert_eq!(
        app.ok(&promoted.token, USERS, json!({})).await["users"]["totalCount"],
        2
    );

    let demote = json!({ "id": user.id, "role": "USER" });
    app.ok(&admin.token, SET_ROLE, demote).await;
    assert_eq!(status_of(&app, &promoted.token).await, 401);
    let demoted = logged_in_again(&app, &user).await;
    let refused = app.gql(Some(&demoted.token), USERS, json!({})).await;
    error_with_code(&refused, "FORBIDDEN");
}

#[tokio::test]
async fn setting_the_role_a_user_already_has_keeps_their_tokens() {
    let app = uncached().await;
    let admin = admin(&app).await;
    let user = app.signed_up_user().await;
    let same = json!({ "id": user.id, "role": "USER" });
    app.ok(&admin.token, SET_ROLE, same).await;
    assert_eq!(status_of(&app, &user.token).await, 200);
}

#[tokio::test]
async fn a_disabled_user_is_refused_until_enabled_again() {
    let app = uncached().await;
    let admin = admin(&app).await;
    let user = app.signed_up_user().await;

    let disabled = app.ok(&admin.token, DISABLE, vars(&user.id)).await;
    assert_eq!(disabled["disableUser"]["disabled"], true);
    assert!(disabled["disableUser"]["disabledAt"].is_string());
    assert_eq!(status_of(&app, &user.token).await, 401);
    let refused = login(&app, &user).await;
    let error = error_with_code(&refused, "UNAUTHENTICATED");
    assert_eq!(error["message"], "Invalid email or password");

    let enabled = app.ok(&admin.token, ENABLE, vars(&user.id)).await;
    assert_eq!(enabled["enableUser"]["disabled"], false);
    assert!(enabled["enableUser"]["disabledAt"].is_null());
    let back = logged_in_again(&app, &user).await;
    assert_eq!(status_of(&app, &back.token).await, 200);
    // Enabling does not revive what disabling ended.
    assert_eq!(status_of(&app, &user.token).await, 401);
}

#[tokio::test]
async fn disabling_refuses_the_users_token_at_once_despite_the_auth_cache() {
    let app = TestApp::spawn_with(|config| config.auth_state_cache_ms = 60_000).await;
    let admin = admin(&app).await;
    let user = app.signed_up_user().await;
    assert_eq!(status_of(&app, &user.token).await, 200); // now cached for a minute

    app.ok(&admin.token, DISABLE, vars(&user.id)).await;
    assert_eq!(status_of(&app, &user.token).await, 401);
}

#[tokio::test]
async fn nobody_can_disable_themselves() {
    let app = uncached().await;
    let admin = admin(&app).await;
    let _other_admin = crate::admin::roles::admin(&app).await;
    let body = app.gql(Some(&admin.token), DISABLE, vars(&admin.id)).await;
    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "userId");
    assert_eq!(status_of(&app, &admin.token).await, 200);
}

#[tokio::test]
async fn the_last_active_admin_cannot_be_demoted() {
    let app = uncached().await;
    let first = admin(&app).await;
    let second = admin(&app).await;

    // A disabled administrator is not an active one.
    app.ok(&first.token, DISABLE, vars(&second.id)).await;
    let demote_self = json!({ "id": first.id, "role": "USER" });
    let body = app
        .gql(Some(&first.token), SET_ROLE, demote_self.clone())
        .await;
    let error = error_with_code(&body, "BAD_USER_INPUT");
    assert_eq!(error["extensions"]["field"], "role");
    assert_eq!(
        app.ok(&first.token, USERS, json!({})).await["users"]["totalCount"],
        2
    );

    // With another active administrator, demoting oneself is allowed.
    app.ok(&first.token, ENABLE, vars(&second.id)).await;
    let changed = app.ok(&first.token, SET_ROLE, demote_self).await;
    assert_eq!(changed["setUserRole"]["role"], "USER");
    assert_eq!(status_of(&app, &first.token).await, 401);
    let second = logged_in_again(&app, &second).await;
    let last = json!({ "id": second.id, "role": "USER" });
    let body = app.gql(Some(&second.token), SET_ROLE, last).await;
    error_with_code(&body, "BAD_USER_INPUT");
}

#[tokio::test]
async fn an_unknown_user_is_not_found_by_every_admin_field() {
    let app = uncached().await;
    let admin = admin(&app).await;
    let nobody = uuid::Uuid::now_v7().to_string();
    let set_role = json!({ "id": nobody, "role": "ADMIN" });
    for (operation, variables) in [
        ("query($id: UUID!) { user(id: $id) { id } }", vars(&nobody)),
        (SET_ROLE, set_role),
        (DISABLE, vars(&nobody)),
        (ENABLE, vars(&nobody)),
    ] {
        let body = app.gql(Some(&admin.token), operation, variables).await;
        error_with_code(&body, "NOT_FOUND");
    }
}

#[tokio::test]
async fn an_admin_sees_a_users_account_state() {
    let app = uncached().await;
    let admin = admin(&app).await;
    let user = app.signed_up_user().await;
    let wrong = json!({ "input": { "email": user.email, "password": "not the password" } });
    let query = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";
    error_with_code(&app.gql(None, query, wrong).await, "UNAUTHENTICATED");

    let query = "query($id: UUID!) { user(id: $id) {
        id username email role disabled disabledAt createdAt lastLoginAt failedLogins lockedUntil } }";
    let seen = app.ok(&admin.token, query, vars(&user.id)).await["user"].clone();
    assert_eq!(seen["id"], user.id.as_str());
    assert_eq!(seen["username"], user.username.as_str());
    assert_eq!(seen["email"], user.email.as_str());
    assert_eq!(seen["role"], "USER");
    assert_eq!(seen["disabled"], false);
    assert_eq!(seen["failedLogins"], 1);
    assert!(seen["lockedUntil"].is_null());
    assert!(seen["createdAt"].is_string() && seen["lastLoginAt"].is_string());
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let app = uncached().await;
    for round in 0..5 {
        // The pair are the only administrators.
        let (a, b) = (admin(&app).await, admin(&app).await);
        let demote = |by: &TestUser, whom: &TestUser| {
            let variables = json!({ "id": whom.id, "role": "USER" });
            let request = app.client.post(app.url("/graphql")).bearer_auth(&by.token);
            request
                .json(&json!({ "query": SET_ROLE, "variables": variables }))
                .send()
        };
        let (one, other) = tokio::join!(demote(&a, &b), demote(&b, &a));
        assert!(one.is_ok() && other.is_ok());
        let mut admins = 0;
        for user in [&a, &b] {
            let user = logged_in_again(&app, user).await;
            let me = app.ok(&user.token, "{ me { role } }", json!({})).await;
            admins += usize::from(me["me"]["role"] == "ADMIN");
            // The operator demotes the survivor, so the next pair is alone again.
            let store = &app.store;
            tally::service::admin::set_role_by_email(store, &user.email, Role::User)
                .await
                .unwrap_or_else(|err| panic!("{}", err.message()));
        }
        assert_eq!(admins, 1, "round {round}");
    }
}
