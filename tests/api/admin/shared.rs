//! Administration seen from below the API, on a database another process or instance can
//! open too (the test's PostgreSQL database, or a SQLite file): the audit rows each change
//! writes (read with a direct query: the audit-log API is another slice), the sessions
//! disabling revokes, and a demotion holding on every instance at once.

use std::path::PathBuf;

use sea_orm::{ConnectionTrait, Database, Statement};
use serde_json::json;

use crate::admin::roles::{admin, logged_in_again, status_of};
use crate::helpers::{TestApp, error_with_code};

/// A database opened by URL, not only through one `TestApp`; a SQLite file is removed on drop.
pub struct SharedDatabase {
    pub url: String,
    file: Option<PathBuf>,
}

impl Drop for SharedDatabase {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let mut path = file.clone().into_os_string();
                path.push(suffix);
                std::fs::remove_file(path).ok();
            }
        }
    }
}

/// An app on a database others can open: its own PostgreSQL database when the suite runs on
/// PostgreSQL, else a fresh SQLite file. Tokens are checked on every request.
pub async fn app_on_shared_database() -> (TestApp, SharedDatabase) {
    let file = std::env::var("TEST_DATABASE_URL")
        .map_or(true, |url| url.is_empty())
        .then(|| std::env::temp_dir().join(format!("tally-admin-{}.db", uuid::Uuid::new_v4())));
    let mut url = String::new();
    let app = TestApp::spawn_with(|config| {
        if let Some(file) = &file {
            config.database_url = Some(format!("sqlite://{}?mode=rwc", file.display()));
        }
        config.auth_state_cache_ms = 0;
        url = config.database_url.clone().unwrap();
    })
    .await;
    (app, SharedDatabase { url, file })
}

impl SharedDatabase {
    /// Another instance of the app on this database and with `app`'s signing secret, with
    /// `cache_ms` of auth cache.
    pub async fn another_instance(&self, app: &TestApp, cache_ms: u64) -> TestApp {
        let url = self.url.clone();
        let secret = app.jwt_secret.parse().unwrap();
        TestApp::spawn_with(move |config| {
            config.database_url = Some(url);
            config.jwt_secret = Some(secret);
            config.auth_state_cache_ms = cache_ms;
        })
        .await
    }

    /// Rows of a direct query: each column as text (`None` for NULL).
    pub async fn rows(&self, sql: &str, columns: &[&str]) -> Vec<Vec<Option<String>>> {
        let db = Database::connect(&self.url).await.unwrap();
        let statement = Statement::from_string(db.get_database_backend(), sql);
        let rows = db.query_all_raw(statement).await.unwrap();
        db.close().await.ok();
        rows.iter()
            .map(|row| {
                let text = |c: &&str| row.try_get::<Option<String>>("", c).unwrap();
                columns.iter().map(text).collect()
            })
            .collect()
    }

    /// The administration events in the log of the user with `email`, oldest first:
    /// `[action, reason, actor's email]`.
    pub async fn admin_events(&self, email: &str) -> Vec<Vec<Option<String>>> {
        assert!(
            email
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "@._-".contains(c))
        );
        let sql = format!(
            "SELECT a.action, a.reason, actor.email AS actor FROM audit_events a
             JOIN users u ON u.id = a.user_id LEFT JOIN users actor ON actor.id = a.actor_id
             WHERE u.email = '{email}'
               AND a.action IN ('ROLE_CHANGED', 'USER_DISABLED', 'USER_ENABLED')
             ORDER BY a.created_at, a.id"
        );
        self.rows(&sql, &["action", "reason", "actor"]).await
    }
}

fn event(action: &str, reason: Option<&str>, actor: Option<&str>) -> Vec<Option<String>> {
    vec![
        Some(action.to_owned()),
        reason.map(str::to_owned),
        actor.map(str::to_owned),
    ]
}

#[tokio::test]
async fn each_change_writes_one_audit_event_and_a_refused_one_writes_none() {
    let (app, db) = app_on_shared_database().await;
    let admin = admin(&app).await;
    let user = app.signed_up_user().await;
    let by = Some(admin.email.as_str());

    let demote_self = json!({ "id": admin.id, "role": "USER" });
    let set_role =
        "mutation($id: UUID!, $role: Role!) { setUserRole(userId: $id, role: $role) { id } }";
    let refused = app.gql(Some(&admin.token), set_role, demote_self).await;
    error_with_code(&refused, "BAD_USER_INPUT");
    for operation in [
        "mutation($id: UUID!) { disableUser(userId: $id) { id } }",
        "mutation($id: UUID!) { enableUser(userId: $id) { id } }",
    ] {
        app.ok(&admin.token, operation, json!({ "id": user.id }))
            .await;
    }
    let promote = json!({ "id": user.id, "role": "ADMIN" });
    app.ok(&admin.token, set_role, promote).await;

    assert_eq!(
        db.admin_events(&admin.email).await,
        [event("ROLE_CHANGED", Some("CLI"), None)]
    );
    assert_eq!(
        db.admin_events(&user.email).await,
        [
            event("USER_DISABLED", None, by),
            event("USER_ENABLED", None, by),
            event("ROLE_CHANGED", Some("TO_ADMIN"), by),
        ]
    );
}

#[tokio::test]
async fn disabling_revokes_every_session_of_the_user() {
    let (app, db) = app_on_shared_database().await;
    let admin = admin(&app).await;
    let user = app.signed_up_user().await;
    let user = logged_in_again(&app, &user).await; // a second session
    let disable = "mutation($id: UUID!) { disableUser(userId: $id) { id } }";
    app.ok(&admin.token, disable, json!({ "id": user.id }))
        .await;

    let sql = format!(
        "SELECT s.revoked_reason FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE u.email = '{}'",
        user.email
    );
    let sessions = db.rows(&sql, &["revoked_reason"]).await;
    assert_eq!(sessions.len(), 2);
    assert!(
        sessions.iter().all(|s| s[0].as_deref() == Some("DISABLED")),
        "{sessions:?}"
    );
}

#[tokio::test]
async fn an_admin_demoted_on_one_instance_cannot_change_anything_on_another() {
    let (first, db) = app_on_shared_database().await;
    let second = db.another_instance(&first, 60_000).await;
    let boss = admin(&first).await;
    let demoted = admin(&first).await;
    let target = first.signed_up_user().await;
    // The second instance caches the soon-demoted admin's state for a minute.
    let users = "{ users { totalCount } }";
    second.ok(&demoted.token, users, json!({})).await;

    let demote = "mutation($id: UUID!) { setUserRole(userId: $id, role: USER) { id } }";
    first
        .ok(&boss.token, demote, json!({ "id": demoted.id }))
        .await;
    let disable = "mutation($id: UUID!) { disableUser(userId: $id) { id } }";
    let body = second
        .gql(Some(&demoted.token), disable, json!({ "id": target.id }))
        .await;
    error_with_code(&body, "FORBIDDEN");
    assert_eq!(status_of(&first, &target.token).await, 200);
}
