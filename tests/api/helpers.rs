//! `TestApp`: the real application on port 0 with a fresh database, and a small client.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};
use tally::App;
use tally::config::{Config, Environment};

pub mod oidc;
mod sessions;

pub use sessions::{Tokens, claims_of, resigned, sign_with};

/// A running application for one test.
pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub jwt_secret: String,
    pub store: tally::service::Store,
    /// Shared with the app's other instances, if any; dropped (and deleted) with the last.
    _database: Arc<TestDatabase>,
}

/// A user signed up through the API, with a fresh access token.
#[derive(Debug, Clone)]
#[allow(dead_code)] // every field is read by some test module, not by all
pub struct TestUser {
    pub id: String,
    pub username: String,
    pub email: String,
    pub password: String,
    pub token: String,
}

impl TestApp {
    /// Start the app with test defaults (bcrypt cost 4, random secret, fresh database, rate
    /// limits high enough never to matter).
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// Start the app with test defaults, then `adjust` applied to the config.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> Self {
        let database = Arc::new(TestDatabase::create().await);
        Self::start(database, fresh_secret(), adjust).await
    }

    /// Like [`TestApp::spawn_with`], on a database that other instances can share (a SQLite
    /// file in a temporary directory rather than memory; PostgreSQL as usual) and that tests
    /// can reach directly ([`TestApp::database`]).
    pub async fn spawn_shared_with(adjust: impl FnOnce(&mut Config)) -> Self {
        let database = Arc::new(TestDatabase::create_shared().await);
        Self::start(database, fresh_secret(), adjust).await
    }

    /// A second instance of this app on the same database, as behind a load balancer: the
    /// same JWT secret unless `adjust` sets another. The first must be shared.
    pub async fn another_instance_with(&self, adjust: impl FnOnce(&mut Config)) -> Self {
        assert!(
            self._database.shared,
            "start the first instance with TestApp::spawn_shared_with"
        );
        Self::start(self._database.clone(), self.jwt_secret.clone(), adjust).await
    }

    /// A direct connection to the app's database, to look below the API or to age rows.
    pub async fn database(&self) -> DatabaseConnection {
        assert!(
            self._database.shared,
            "an in-memory database cannot be reached; use TestApp::spawn_shared_with"
        );
        Database::connect(&self._database.direct_url)
            .await
            .expect("connect to the test database")
    }

    async fn start(
        database: Arc<TestDatabase>,
        jwt_secret: String,
        adjust: impl FnOnce(&mut Config),
    ) -> Self {
        let mut config = Config::defaults();
        config.addr = "127.0.0.1:0".parse().expect("address");
        config.database_url = Some(database.url.clone());
        if database.pooled {
            config.database_pooler = tally::config::DatabasePooler::Transaction;
            // LISTEN needs a connection of its own, never a pooled one (docs/OPERATIONS.md).
            config.live.database_listen_url = Some(database.direct_url.clone());
        }
        config.environment = Environment::Development;
        config.jwt_secret = Some(jwt_secret.parse().expect("secret"));
        config.bcrypt_cost = 4;
        // Tests sign up many users from 127.0.0.1; the rate-limit tests lower these.
        config.rate_limit_login_per_minute = 100_000;
        config.rate_limit_signup_per_hour = 100_000;
        config.rate_limit_refresh_per_minute = 100_000;
        // Whether `frontend/dist` happens to be built must not change what `/` answers;
        // the dashboard tests point this at a build of their own.
        config.dashboard_dir = Some(std::env::temp_dir().join("tally-tests-no-dashboard-build"));
        adjust(&mut config);
        let jwt_secret = config
            .jwt_secret
            .as_ref()
            .map(|secret| String::from_utf8_lossy(secret.expose()).into_owned())
            .unwrap_or_default();
        let app = App::build(config).await.expect("the app builds");
        let addr = app.local_addr().expect("bound");
        let store = app.store();
        tokio::spawn(app.run_until_stopped());
        Self {
            addr,
            client: reqwest::Client::new(),
            jwt_secret,
            store,
            _database: database,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// POST a GraphQL request; returns the HTTP status and the JSON body.
    pub async fn post(&self, token: Option<&str>, body: Value) -> (u16, Value) {
        let mut request = self.client.post(self.url("/graphql")).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// Run a GraphQL operation and return the whole response body; the HTTP status must be 200.
    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let (status, body) = self
            .post(token, json!({ "query": query, "variables": variables }))
            .await;
        assert_eq!(status, 200, "unexpected HTTP status; body: {body}");
        body
    }

    /// Run a GraphQL operation that must succeed; returns `data`.
    pub async fn ok(&self, token: &str, query: &str, variables: Value) -> Value {
        let body = self.gql(Some(token), query, variables).await;
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// Send `query` once with each set of `variables`, all at once, as `user`; returns every
    /// response body (in completion order).
    pub async fn all_at_once(
        &self,
        user: &TestUser,
        query: &str,
        variables: Vec<Value>,
    ) -> Vec<Value> {
        let mut requests = tokio::task::JoinSet::new();
        for variables in variables {
            let request = self
                .client
                .post(self.url("/graphql"))
                .bearer_auth(&user.token)
                .json(&json!({ "query": query, "variables": variables }));
            requests.spawn(async move {
                let response = request.send().await.expect("request sent");
                response.json::<Value>().await.expect("JSON body")
            });
        }
        requests.join_all().await
    }

    /// Sign up a fresh user through the API.
    pub async fn signed_up_user(&self) -> TestUser {
        let suffix = &uuid::Uuid::new_v4().simple().to_string()[..12];
        let username = format!("user_{suffix}");
        let email = format!("{username}@example.com");
        let password = format!("pass-{suffix}-phrase");
        let body = self
            .gql(
                None,
                "mutation($input: SignupInput!) { signup(input: $input) { accessToken user { id } } }",
                json!({ "input": { "username": username, "email": email, "password": password } }),
            )
            .await;
        assert!(body.get("errors").is_none(), "signup failed: {body}");
        TestUser {
            id: body["data"]["signup"]["user"]["id"]
                .as_str()
                .expect("id")
                .to_owned(),
            token: body["data"]["signup"]["accessToken"]
                .as_str()
                .expect("token")
                .to_owned(),
            username,
            email,
            password,
        }
    }

    /// The id of the user's default account.
    pub async fn default_account(&self, user: &TestUser) -> String {
        let account = self.default_account_fields(&user.token, "id").await;
        account["id"].as_str().expect("id").to_owned()
    }

    /// The `fields` of the default account of the user with this token.
    pub async fn default_account_fields(&self, token: &str, fields: &str) -> Value {
        let query = format!("{{ accounts {{ isDefault {fields} }} }}");
        let data = self.ok(token, &query, json!({})).await;
        let accounts = data["accounts"].as_array().expect("accounts");
        let default = accounts.iter().find(|a| a["isDefault"] == true);
        default.expect("a default account").clone()
    }

    /// The id of one of the user's categories, by name.
    pub async fn category(&self, user: &TestUser, name: &str) -> String {
        let data = self
            .ok(
                &user.token,
                "{ categories { id name children { id name } } }",
                json!({}),
            )
            .await;
        for parent in data["categories"].as_array().expect("categories") {
            if parent["name"] == name {
                return parent["id"].as_str().expect("id").to_owned();
            }
            for child in parent["children"].as_array().expect("children") {
                if child["name"] == name {
                    return child["id"].as_str().expect("id").to_owned();
                }
            }
        }
        panic!("no category named {name}");
    }

    /// Open an account for `user` (`kind` as the GraphQL enum, e.g. `INVESTMENT`); returns its id.
    /// Open an empty savings account for `user`; returns its id.
    pub async fn open_account(&self, user: &TestUser, name: &str, currency: &str) -> String {
        self.create_account(user, name, "SAVINGS", currency, "0")
            .await
    }

    pub async fn create_account(
        &self,
        user: &TestUser,
        name: &str,
        kind: &str,
        currency: &str,
        opening_balance: &str,
    ) -> String {
        let data = self
            .ok(
                &user.token,
                "mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }",
                json!({ "input": { "name": name, "kind": kind, "currency": currency,
                        "openingBalance": opening_balance } }),
            )
            .await;
        data["createAccount"]["id"].as_str().expect("id").to_owned()
    }

    /// Create a transaction for `user`; returns the created transaction.
    pub async fn create_transaction(&self, user: &TestUser, input: Value) -> Value {
        let data = self
            .ok(
                &user.token,
                "mutation($input: CreateTransactionInput!) { createTransaction(input: $input) {
                    id date amount currency description notes account { id } category { id } } }",
                json!({ "input": input }),
            )
            .await;
        data["createTransaction"].clone()
    }
}

impl TestApp {
    /// The URL of this test's own database (`sqlite::memory:` is private to the app's one
    /// connection; a PostgreSQL URL can be opened by the test too).
    #[allow(dead_code)] // read by the modules that look below the API
    pub fn database_url(&self) -> &str {
        &self._database.direct_url
    }
}

/// The single error of a response, asserting there is exactly one and it has this code.
pub fn error_with_code<'a>(body: &'a Value, code: &str) -> &'a Value {
    let errors = body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors in {body}"));
    assert_eq!(errors.len(), 1, "expected one error: {body}");
    assert_eq!(errors[0]["extensions"]["code"], code, "wrong code: {body}");
    &errors[0]
}

/// The single error of a response, asserting it has this code and its message says `says`.
pub fn error_saying<'a>(body: &'a Value, code: &str, says: &str) -> &'a Value {
    let error = error_with_code(body, code);
    let message = error["message"].as_str().unwrap_or_default();
    assert!(message.contains(says), "{says:?} not in {body}");
    error
}

/// A fresh database: SQLite in memory, or a new PostgreSQL database (dropped afterwards)
/// when `TEST_DATABASE_URL` points at a PostgreSQL server.
struct TestDatabase {
    /// What the app connects to: through the pooler when `TEST_POOLER_URL` is set.
    url: String,
    /// What the test itself connects to: the database directly.
    direct_url: String,
    /// Is `url` a transaction-pooling PgBouncer?
    pooled: bool,
    postgres: Option<(String, String)>,
    /// Can another connection (a second instance, the test itself) reach it?
    shared: bool,
    /// The temporary directory of a shared SQLite database, removed afterwards.
    sqlite_dir: Option<PathBuf>,
}

impl TestDatabase {
    /// A database only the app reaches: SQLite in memory, or PostgreSQL.
    async fn create() -> Self {
        match Self::postgres().await {
            Some(database) => database,
            None => Self {
                url: "sqlite::memory:".to_owned(),
                direct_url: "sqlite::memory:".to_owned(),
                pooled: false,
                postgres: None,
                shared: false,
                sqlite_dir: None,
            },
        }
    }

    /// A database several connections can share: a SQLite file, or PostgreSQL.
    async fn create_shared() -> Self {
        if let Some(database) = Self::postgres().await {
            return database;
        }
        let dir = std::env::temp_dir().join(format!("tally-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let url = format!("sqlite://{}/tally.db?mode=rwc", dir.display());
        Self {
            direct_url: url.clone(),
            url,
            pooled: false,
            postgres: None,
            shared: true,
            sqlite_dir: Some(dir),
        }
    }

    /// A fresh PostgreSQL database when `TEST_DATABASE_URL` names a server.
    async fn postgres() -> Option<Self> {
        let admin_url = std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|url| !url.is_empty())?;
        let name = format!("tally_test_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(&admin_url)
            .await
            .expect("connect to TEST_DATABASE_URL");
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        admin.close().await.ok();
        let base = |url: &str| {
            url.rsplit_once('/')
                .map_or(url, |(base, _)| base)
                .to_owned()
        };
        let direct_url = format!("{}/{name}", base(&admin_url));
        // The app reaches it through a transaction-pooling PgBouncer when one is named.
        let pooler = std::env::var("TEST_POOLER_URL")
            .ok()
            .filter(|url| !url.is_empty());
        Some(Self {
            url: pooler
                .as_deref()
                .map_or_else(|| direct_url.clone(), |url| format!("{}/{name}", base(url))),
            pooled: pooler.is_some(),
            direct_url,
            postgres: Some((admin_url.clone(), name)),
            shared: true,
            sqlite_dir: None,
        })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(dir) = self.sqlite_dir.take() {
            std::fs::remove_dir_all(dir).ok();
        }
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs inside the test's runtime; use a fresh one on another thread.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let admin = Database::connect(&admin_url)
                    .await
                    .map_err(std::io::Error::other)?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .map_err(std::io::Error::other)?;
                admin.close().await.map_err(std::io::Error::other)
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop test database {}", self.direct_url);
        }
    }
}

/// A random JWT secret for a test app.
pub fn fresh_secret() -> String {
    format!("test-{}-{}", uuid::Uuid::new_v4(), uuid::Uuid::new_v4())
}
