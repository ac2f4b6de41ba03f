//! The user list for administrators: pages in sign-up order with cursors, a total count, and
//! a case-insensitive search whose wildcards match themselves.

use serde_json::{Value, json};

use crate::admin::roles::admin;
use crate::helpers::{TestApp, error_with_code};

const USERS: &str = "query($first: Int, $after: String, $search: String) {
    users(first: $first, after: $after, search: $search) {
        totalCount edges { cursor node { id username } }
        pageInfo { hasNextPage hasPreviousPage endCursor } } }";

fn ids(page: &Value) -> Vec<String> {
    let edges = page["users"]["edges"].as_array().unwrap();
    edges
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn users_come_a_page_at_a_time_in_sign_up_order() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let mut everyone = vec![admin.id.clone()];
    for _ in 0..3 {
        everyone.push(app.signed_up_user().await.id);
    }

    let first = app.ok(&admin.token, USERS, json!({ "first": 3 })).await;
    assert_eq!(first["users"]["totalCount"], 4);
    assert_eq!(first["users"]["pageInfo"]["hasNextPage"], true);
    assert_eq!(first["users"]["pageInfo"]["hasPreviousPage"], false);
    let after = first["users"]["pageInfo"]["endCursor"].clone();
    let second = app
        .ok(&admin.token, USERS, json!({ "first": 3, "after": after }))
        .await;
    assert_eq!(second["users"]["pageInfo"]["hasNextPage"], false);
    assert_eq!(second["users"]["pageInfo"]["hasPreviousPage"], true);
    let listed: Vec<String> = ids(&first).into_iter().chain(ids(&second)).collect();
    assert_eq!(listed, everyone);
}

#[tokio::test]
async fn the_search_matches_username_or_email_in_any_case_and_wildcards_literally() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let wanted = app.signed_up_user().await;
    app.signed_up_user().await;

    let by_name = wanted.username.to_uppercase();
    let found = app
        .ok(&admin.token, USERS, json!({ "search": by_name }))
        .await;
    assert_eq!(ids(&found), std::slice::from_ref(&wanted.id));
    assert_eq!(found["users"]["totalCount"], 1);

    let everyone = app
        .ok(&admin.token, USERS, json!({ "search": "@EXAMPLE.com" }))
        .await;
    assert_eq!(everyone["users"]["totalCount"], 3);

    for wildcard in ["%", "user%", "u__r"] {
        let none = app
            .ok(&admin.token, USERS, json!({ "search": wildcard }))
            .await;
        assert_eq!(none["users"]["totalCount"], 0, "{wildcard}");
        assert!(ids(&none).is_empty(), "{wildcard}");
    }
}

#[tokio::test]
async fn a_bad_page_size_cursor_or_search_is_bad_user_input() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    for (variables, field) in [
        (json!({ "first": 0 }), "first"),
        (json!({ "first": 201 }), "first"),
        (json!({ "after": "bm90LWEtY3Vyc29y" }), "after"),
        (json!({ "search": "x".repeat(101) }), "search"),
    ] {
        let body = app.gql(Some(&admin.token), USERS, variables).await;
        let error = error_with_code(&body, "BAD_USER_INPUT");
        assert_eq!(error["extensions"]["field"], field);
    }
}
