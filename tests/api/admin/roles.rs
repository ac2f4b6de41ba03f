//! Roles: every admin field answers anonymous callers `UNAUTHENTICATED`, users `FORBIDDEN`
//! and administrators; no API path sets a role but `setUserRole`; administrators get no
//! read access to other users' finance data. Also the helpers the other `admin_*` modules
//! share.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use tally::auth::Role;

use crate::helpers::{TestApp, TestUser, error_with_code};

const LOGIN: &str = "mutation($input: LoginInput!) {
    login(input: $input) { accessToken user { id role } } }";

/// Log `user` in; returns the whole response body.
pub async fn login(app: &TestApp, user: &TestUser) -> Value {
    let input = json!({ "email": user.email, "password": user.password });
    app.gql(None, LOGIN, json!({ "input": input })).await
}

/// `user` with a fresh access token from a new login.
pub async fn logged_in_again(app: &TestApp, user: &TestUser) -> TestUser {
    let body = login(app, user).await;
    assert!(body.get("errors").is_none(), "login failed: {body}");
    let token = body["data"]["login"]["accessToken"].as_str().unwrap();
    TestUser {
        token: token.to_owned(),
        ..user.clone()
    }
}

/// `user` promoted the way an operator does it (`tally admin promote`, in process), with a
/// fresh token carrying the new role.
pub async fn promoted(app: &TestApp, user: &TestUser) -> TestUser {
    tally::service::admin::set_role_by_email(&app.store, &user.email, Role::Admin)
        .await
        .unwrap_or_else(|err| panic!("promotion failed: {}", err.message()));
    logged_in_again(app, user).await
}

/// A fresh administrator.
pub async fn admin(app: &TestApp) -> TestUser {
    let user = app.signed_up_user().await;
    promoted(app, &user).await
}

/// The HTTP status of `{ me { id } }` with this token.
pub async fn status_of(app: &TestApp, token: &str) -> u16 {
    let (status, _) = app
        .post(Some(token), json!({ "query": "{ me { id } }" }))
        .await;
    status
}

/// Every admin root field, with an operation that uses it on `$id`.
const ADMIN_FIELDS: [(&str, &str); 6] = [
    (
        "userAuditLog",
        "query($id: UUID!) { userAuditLog(userId: $id, first: 5) { edges { node { action } } } }",
    ),
    (
        "users",
        "{ users { totalCount edges { cursor node { id } } pageInfo { hasNextPage } } }",
    ),
    ("user", "query($id: UUID!) { user(id: $id) { id email } }"),
    (
        "disableUser",
        "mutation($id: UUID!) { disableUser(userId: $id) { id disabled } }",
    ),
    (
        "enableUser",
        "mutation($id: UUID!) { enableUser(userId: $id) { id disabled } }",
    ),
    (
        "setUserRole",
        "mutation($id: UUID!) { setUserRole(userId: $id, role: USER) { id role } }",
    ),
];

/// Named type of a field or argument type, through `NON_NULL` and `LIST` wrappers.
const TYPE_REF: &str =
    "type { kind name ofType { kind name ofType { kind name ofType { name } } } }";

fn named_type(type_ref: &Value) -> String {
    let mut current = type_ref;
    while current["name"].is_null() && !current["ofType"].is_null() {
        current = &current["ofType"];
    }
    current["name"].as_str().unwrap_or_default().to_owned()
}

/// Every type of the schema, with fields (and their arguments) and input fields.
async fn schema_types(app: &TestApp, token: &str) -> Vec<Value> {
    let query = format!(
        "{{ __schema {{ types {{ name kind fields {{ name description {TYPE_REF} args {{ name {TYPE_REF} }} }}
            inputFields {{ name {TYPE_REF} }} }} }} }}"
    );
    let data = app.ok(token, &query, json!({})).await;
    data["__schema"]["types"].as_array().unwrap().clone()
}

#[tokio::test]
async fn every_admin_field_refuses_anonymous_callers_and_users_and_serves_admins() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let user = app.signed_up_user().await;
    let target = app.signed_up_user().await;
    let vars = json!({ "id": target.id });

    // The table is every root field returning an Admin* type or documented as
    // administrators-only: a new admin field must join it.
    let types = schema_types(&app, &admin.token).await;
    let admin_roots: BTreeSet<String> = types
        .iter()
        .filter(|t| t["name"] == "Query" || t["name"] == "Mutation")
        .flat_map(|t| t["fields"].as_array().unwrap().clone())
        .filter(|f| {
            named_type(&f["type"]).starts_with("Admin")
                || f["description"]
                    .as_str()
                    .is_some_and(|d| d.starts_with("Administrators only"))
        })
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect();
    let table: BTreeSet<String> = ADMIN_FIELDS.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(admin_roots, table);

    for (field, operation) in ADMIN_FIELDS {
        let anonymous = app.gql(None, operation, vars.clone()).await;
        error_with_code(&anonymous, "UNAUTHENTICATED");
        assert!(anonymous["data"].is_null(), "{field}: {anonymous}");
        let forbidden = app.gql(Some(&user.token), operation, vars.clone()).await;
        error_with_code(&forbidden, "FORBIDDEN");
        assert!(forbidden["data"].is_null(), "{field}: {forbidden}");
    }
    // Nothing the refused calls asked for happened: the target's token still works.
    assert_eq!(status_of(&app, &target.token).await, 200);

    for (field, operation) in ADMIN_FIELDS {
        let served = app.ok(&admin.token, operation, vars.clone()).await;
        assert!(!served[field].is_null(), "{field}: {served}");
    }
}

#[tokio::test]
async fn me_shows_the_role_and_a_new_user_is_a_user() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let admin = admin(&app).await;
    let me = "{ me { role } }";
    assert_eq!(
        app.ok(&user.token, me, json!({})).await["me"]["role"],
        "USER"
    );
    assert_eq!(
        app.ok(&admin.token, me, json!({})).await["me"]["role"],
        "ADMIN"
    );
}

#[tokio::test]
async fn no_input_but_set_user_role_can_carry_a_role() {
    let app = TestApp::spawn().await;
    let user = app.signed_up_user().await;
    let mut role_inputs = Vec::new();
    for t in schema_types(&app, &user.token).await {
        let type_name = t["name"].as_str().unwrap_or_default().to_owned();
        for input in t["inputFields"].as_array().into_iter().flatten() {
            let name = input["name"].as_str().unwrap().to_lowercase();
            if name.contains("role") || named_type(&input["type"]) == "Role" {
                role_inputs.push(format!("{type_name}.{name}"));
            }
        }
        for field in t["fields"].as_array().into_iter().flatten() {
            for arg in field["args"].as_array().into_iter().flatten() {
                let name = arg["name"].as_str().unwrap().to_lowercase();
                if name.contains("role") || named_type(&arg["type"]) == "Role" {
                    let field = field["name"].as_str().unwrap();
                    role_inputs.push(format!("{type_name}.{field}({name})"));
                }
            }
        }
    }
    assert_eq!(role_inputs, ["Mutation.setUserRole(role)"]);
}

#[tokio::test]
async fn signup_refuses_a_role_in_its_input() {
    let app = TestApp::spawn().await;
    let input = json!({ "username": "mallory", "email": "mallory@example.com",
                        "password": "correct horse battery", "role": "ADMIN" });
    let query = "mutation($input: SignupInput!) { signup(input: $input) { user { role } } }";
    let body = app.gql(None, query, json!({ "input": input })).await;
    assert!(body["errors"].is_array(), "{body}");
    assert!(body["data"].is_null(), "{body}");
    let login = json!({ "input": { "email": "mallory@example.com",
                                   "password": "correct horse battery" } });
    let refused = app.gql(None, LOGIN, login).await;
    error_with_code(&refused, "UNAUTHENTICATED");
}

#[tokio::test]
async fn admin_user_shows_no_finance_data_and_links_to_nothing() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let query = format!("{{ __type(name: \"AdminUser\") {{ fields {{ name {TYPE_REF} }} }} }}");
    let data = app.ok(&admin.token, &query, json!({})).await;
    let fields = data["__type"]["fields"].as_array().unwrap();
    let names: BTreeSet<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    let expected = [
        "createdAt",
        "disabled",
        "disabledAt",
        "email",
        "failedLogins",
        "id",
        "lastLoginAt",
        "lockedUntil",
        "role",
        "twoFactorEnabled",
        "username",
    ];
    assert_eq!(names, BTreeSet::from(expected));
    for field in fields {
        let mut leaf = &field["type"];
        while leaf["kind"] == "NON_NULL" || leaf["kind"] == "LIST" {
            leaf = &leaf["ofType"];
        }
        assert!(
            leaf["kind"] == "SCALAR" || leaf["kind"] == "ENUM",
            "{field} leads to another object"
        );
    }
}

#[tokio::test]
async fn an_admins_finance_queries_return_only_the_admins_own_rows() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let user = app.signed_up_user().await;
    let user_account = app.open_account(&user, "User savings", "EUR").await;
    let user_txn = app
        .create_transaction(
            &user,
            json!({ "accountId": user_account, "date": "2026-02-01", "amount": "-9.99",
                    "description": "user's secret" }),
        )
        .await;
    let admin_account = app.default_account(&admin).await;
    let admin_txn = app
        .create_transaction(
            &admin,
            json!({ "accountId": admin_account, "date": "2026-02-02", "amount": "-1.00",
                    "description": "admin's own" }),
        )
        .await;

    let listed = app
        .ok(
            &admin.token,
            "{ accounts { id } transactions { totalCount edges { node { id } } } }",
            json!({}),
        )
        .await;
    let accounts: Vec<&Value> = listed["accounts"].as_array().unwrap().iter().collect();
    assert_eq!(accounts.len(), 1, "{listed}");
    assert_eq!(accounts[0]["id"], admin_account.as_str());
    assert_eq!(listed["transactions"]["totalCount"], 1);
    assert_eq!(
        listed["transactions"]["edges"][0]["node"]["id"],
        admin_txn["id"]
    );

    let account = "query($id: UUID!) { account(id: $id) { id } }";
    let body = app
        .gql(Some(&admin.token), account, json!({ "id": user_account }))
        .await;
    error_with_code(&body, "NOT_FOUND");
    let transaction = "query($id: UUID!) { transaction(id: $id) { id } }";
    let body = app
        .gql(
            Some(&admin.token),
            transaction,
            json!({ "id": user_txn["id"] }),
        )
        .await;
    error_with_code(&body, "NOT_FOUND");
}

#[tokio::test]
async fn an_admin_reads_a_users_audit_log_but_not_their_finance_data() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let user = app.signed_up_user().await;
    let account = app.open_account(&user, "Savings", "EUR").await;
    app.ok(
        &admin.token,
        "mutation($id: UUID!) { disableUser(userId: $id) { id } }",
        json!({ "id": user.id }),
    )
    .await;
    let query = "query($id: UUID!) { userAuditLog(userId: $id) {
        edges { node { action entityType entityId actorId } } } }";

    let log = app.ok(&admin.token, query, json!({ "id": user.id })).await;

    let events: Vec<(String, String, String, String)> = log["userAuditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let text = |k: &str| e["node"][k].as_str().unwrap_or("-").to_owned();
            (
                text("action"),
                text("entityType"),
                text("entityId"),
                text("actorId"),
            )
        })
        .collect();
    let expected = vec![
        (
            "USER_DISABLED".into(),
            "user".into(),
            user.id.clone(),
            admin.id.clone(),
        ),
        ("CREATED".into(), "account".into(), account, user.id.clone()),
        ("SIGNUP".into(), "-".into(), "-".into(), user.id.clone()),
    ];
    assert_eq!(
        events, expected,
        "newest first, the admin's own action included"
    );
    let unknown = app
        .gql(
            Some(&admin.token),
            query,
            json!({ "id": uuid::Uuid::now_v7() }),
        )
        .await;
    error_with_code(&unknown, "NOT_FOUND");
}
