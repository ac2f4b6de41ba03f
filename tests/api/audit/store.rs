//! The audit log below the API: the database refuses to change a row, retention deletes old
//! rows (directly with `prune`, and by the background task at start-up), and erasing an
//! account erases its log but for one anonymous `ACCOUNT_DELETED` event.
//!
//! These tests open the app's database themselves: the test's PostgreSQL database, or a
//! SQLite file (an in-memory database is private to the app's one connection).

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::json;
use tally::config::Config;
use uuid::Uuid;

use crate::audit::log::audit_log;
use crate::helpers::TestApp;

/// An app on a database this test can open too, that database's URL, and a connection.
struct Reachable {
    app: TestApp,
    url: String,
    db: DatabaseConnection,
    file: Option<std::path::PathBuf>,
}

impl Reachable {
    async fn spawn(adjust: impl FnOnce(&mut Config)) -> Self {
        let on_postgres = std::env::var("TEST_DATABASE_URL").is_ok_and(|url| !url.is_empty());
        let file = (!on_postgres)
            .then(|| std::env::temp_dir().join(format!("tally-audit-{}.db", Uuid::new_v4())));
        let file_url = file
            .as_ref()
            .map(|path| format!("sqlite://{}?mode=rwc", path.display()));
        let app = TestApp::spawn_with(|config| {
            if let Some(url) = file_url {
                config.database_url = Some(url);
            }
            adjust(config);
        })
        .await;
        let url = match &file {
            Some(path) => format!("sqlite://{}?mode=rwc", path.display()),
            None => app.database_url().to_owned(),
        };
        let db = Database::connect(&url).await.unwrap();
        Self { app, url, db, file }
    }

    /// Another app on the same database.
    async fn another_app(&self, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let url = self.url.clone();
        TestApp::spawn_with(|config| {
            config.database_url = Some(url);
            adjust(config);
        })
        .await
    }

    /// How many audit rows match `condition`.
    async fn count(&self, condition: sea_orm::sea_query::SimpleExpr) -> i64 {
        let query = Query::select()
            .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
            .from(Alias::new("audit_events"))
            .and_where(condition)
            .to_owned();
        let row = self.db.query_one(&query).await.unwrap().unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }

    /// Insert `count` events for `user_id` created at `at`, below the API.
    async fn insert_events(&self, user_id: Option<Uuid>, at: DateTime<Utc>, count: usize) {
        let mut insert = Query::insert()
            .into_table(Alias::new("audit_events"))
            .columns(["id", "user_id", "actor_id", "action", "created_at"].map(Alias::new))
            .to_owned();
        for _ in 0..count {
            insert
                .values([
                    Uuid::now_v7().into(),
                    user_id.into(),
                    user_id.into(),
                    "LOGIN_FAILED".into(),
                    at.into(),
                ])
                .unwrap();
        }
        self.db.execute(&insert).await.unwrap();
    }
}

impl Drop for Reachable {
    fn drop(&mut self) {
        if let Some(path) = &self.file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}

fn user_id_is(id: &str) -> sea_orm::sea_query::SimpleExpr {
    Expr::col(Alias::new("user_id")).eq(Uuid::parse_str(id).unwrap())
}

fn created_before(at: DateTime<Utc>) -> sea_orm::sea_query::SimpleExpr {
    Expr::col(Alias::new("created_at")).lt(at)
}

#[tokio::test]
async fn the_database_refuses_to_change_an_audit_event() {
    let store = Reachable::spawn(|_| {}).await;
    let user = store.app.signed_up_user().await;
    let before = audit_log(&store.app, &user.token).await;

    for change in [
        "UPDATE audit_events SET reason = 'TAMPERED'",
        "UPDATE audit_events SET user_id = NULL, ip = NULL",
    ] {
        let backend = store.db.get_database_backend();
        let refused = store
            .db
            .execute_raw(Statement::from_string(backend, change))
            .await;
        assert!(refused.is_err(), "{change} was allowed");
    }

    assert_eq!(before.len(), 1);
    assert_eq!(audit_log(&store.app, &user.token).await, before);
}

#[tokio::test]
async fn prune_deletes_every_event_before_the_cutoff_in_batches_and_keeps_the_rest() {
    let store = Reachable::spawn(|config| config.audit_retention_days = 0).await;
    let user = store.app.signed_up_user().await;
    let user_id = Uuid::parse_str(&user.id).unwrap();
    let old = Utc::now() - Duration::days(30);
    store.insert_events(Some(user_id), old, 2_100).await;
    store.insert_events(None, old, 5).await;
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let cutoff = Utc::now();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    store
        .app
        .ok(
            &user.token,
            r#"mutation { createCategory(input: {name: "Later", kind: EXPENSE}) { id } }"#,
            json!({}),
        )
        .await;

    let deleted = tally::service::audit::prune(&store.app.store, cutoff).await;

    assert_eq!(deleted.map_err(|err| err.message()), Ok(2_100 + 5 + 1));
    assert_eq!(store.count(created_before(cutoff)).await, 0);
    let left = audit_log(&store.app, &user.token).await;
    let actions: Vec<_> = left.iter().map(|e| e["action"].clone()).collect();
    assert_eq!(actions, [json!("CREATED")]);
    let again = tally::service::audit::prune(&store.app.store, cutoff).await;
    assert_eq!(again.map_err(|err| err.message()), Ok(0));
}

#[tokio::test]
async fn at_start_up_events_past_retention_are_deleted_unless_retention_is_zero() {
    let store = Reachable::spawn(|config| config.audit_retention_days = 0).await;
    let user = store.app.signed_up_user().await;
    let user_id = Uuid::parse_str(&user.id).unwrap();
    let now = Utc::now();
    store
        .insert_events(Some(user_id), now - Duration::days(400), 3)
        .await;
    store
        .insert_events(Some(user_id), now - Duration::days(300), 2)
        .await;
    let past_a_year = created_before(now - Duration::days(365));

    let _keeper = store
        .another_app(|config| config.audit_retention_days = 0)
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(store.count(past_a_year.clone()).await, 3);

    let _pruner = store
        .another_app(|config| config.audit_retention_days = 365)
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while store.count(past_a_year.clone()).await > 0 {
        assert!(std::time::Instant::now() < deadline, "not pruned in time");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(store.count(user_id_is(&user.id)).await, 2 + 1);
}

#[tokio::test]
async fn deleting_my_account_erases_my_log_but_for_one_event_without_ip_or_user_agent() {
    let store = Reachable::spawn(|_| {}).await;
    let user = store.app.signed_up_user().await;
    let bystander = store.app.signed_up_user().await;
    store.app.open_account(&user, "Cash", "USD").await;
    let bystander_rows = store.count(user_id_is(&bystander.id)).await;

    store
        .app
        .ok(
            &user.token,
            "mutation($password: String!) { deleteMyAccount(password: $password) }",
            json!({ "password": user.password }),
        )
        .await;

    let query = Query::select()
        .columns(["action", "ip", "user_agent", "entity_id"].map(Alias::new))
        .expr_as(Expr::col(Alias::new("actor_id")), Alias::new("actor"))
        .from(Alias::new("audit_events"))
        .and_where(user_id_is(&user.id))
        .to_owned();
    let rows = store.db.query_all(&query).await.unwrap();
    let rows: Vec<_> = rows
        .iter()
        .map(|row| {
            let text = |column| row.try_get::<Option<String>>("", column).unwrap();
            let actor: Option<Uuid> = row.try_get("", "actor").unwrap();
            json!({ "action": text("action"), "ip": text("ip"), "userAgent": text("user_agent"),
                    "entityId": text("entity_id"), "actor": actor.map(|id| id.to_string()) })
        })
        .collect();
    assert_eq!(
        rows,
        [
            json!({ "action": "ACCOUNT_DELETED", "ip": null, "userAgent": null, "entityId": null,
                 "actor": user.id })
        ]
    );
    assert_eq!(store.count(user_id_is(&bystander.id)).await, bystander_rows);
}
