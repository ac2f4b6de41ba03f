//! A real OpenID Connect provider for the tests: `tests/oidc/provider.mjs` (the certified
//! `oidc-provider` package; `scripts/test` installs it) on a random loopback port, fresh keys
//! per run, and a [`Browser`] that walks the redirects between Tally and it by hand.
//!
//! Tally's public URL is `http://tally.test`, so the redirect URI the provider knows is
//! `http://tally.test/auth/oidc/test/callback`; the browser sends such URLs to the app's
//! real address.

use std::path::Path;
use std::process::Stdio;

use serde_json::{Value, json};
use tally::config::{Config, OidcProvider};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use super::TestApp;

/// What the app believes its public address is.
pub const PUBLIC_URL: &str = "http://tally.test";
/// The provider's name in Tally.
pub const PROVIDER: &str = "test";
const CLIENT_ID: &str = "tally-client";
const CLIENT_SECRET: &str = "a-client-secret-for-the-tests-only";

/// The provider process (killed on drop).
pub struct TestProvider {
    pub issuer: String,
    child: Child,
}

impl TestProvider {
    pub async fn start() -> Self {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oidc");
        assert!(
            dir.join("node_modules/oidc-provider").exists(),
            "run `npm ci` in tests/oidc (scripts/test does) to install the test provider"
        );
        let redirect = format!("{PUBLIC_URL}/auth/oidc/{PROVIDER}/callback");
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .args([CLIENT_ID, CLIENT_SECRET, &redirect])
            .current_dir(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("node runs the test provider");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let port = loop {
            let line = lines.next_line().await.expect("provider output");
            let line = line.expect("the provider starts (READY <port>)");
            if let Some(port) = line.strip_prefix("READY ") {
                break port.trim().to_owned();
            }
        };
        // Keep reading, so the provider never writes into a closed pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self {
            issuer: format!("http://127.0.0.1:{port}"),
            child,
        }
    }

    /// Tally's settings for this provider.
    pub fn configure(&self, config: &mut Config) {
        config.public_url = Some(PUBLIC_URL.to_owned());
        config.oidc_providers = vec![OidcProvider {
            name: PROVIDER.to_owned(),
            display_name: "Test IdP".to_owned(),
            issuer: self.issuer.clone(),
            client_id: CLIENT_ID.to_owned(),
            client_secret: CLIENT_SECRET.to_owned().into(),
        }];
    }

    /// A test switch (`account`, `tamper`, `rotate`).
    pub async fn admin(&self, what: &str, body: Value) {
        let response = reqwest::Client::new()
            .post(format!("{}/admin/{what}", self.issuer))
            .json(&body)
            .send()
            .await
            .expect("admin request");
        assert_eq!(response.status().as_u16(), 204, "admin {what}");
    }

    /// The next sign-ins are `sub` with this email.
    pub async fn account(&self, sub: &str, email: &str, verified: bool) {
        let body = json!({ "sub": sub, "email": email, "email_verified": verified });
        self.admin("account", body).await;
    }

    /// Stop the provider (it is down for the rest of the test).
    pub async fn stop(&mut self) {
        let _ = self.child.kill().await;
    }
}

/// One browser: its own cookies (for Tally and the provider), redirects followed by hand.
pub struct Browser<'a> {
    app: &'a TestApp,
    pub client: reqwest::Client,
}

/// Where a walk of redirects ended.
#[derive(Debug)]
pub struct Landing {
    pub status: u16,
    pub location: Option<String>,
    pub set_cookies: Vec<String>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("client");
        Self { app, client }
    }

    /// `url` on the app, for the public URL's paths.
    fn real(&self, url: &str) -> String {
        match url.strip_prefix(PUBLIC_URL) {
            Some(path) => self.app.url(path),
            None if url.starts_with('/') => self.app.url(url),
            None => url.to_owned(),
        }
    }

    /// One GET, not followed.
    pub async fn get(&self, url: &str) -> Landing {
        let response = self.client.get(self.real(url)).send().await.expect("GET");
        let header = |name| {
            response
                .headers()
                .get_all(name)
                .iter()
                .map(|v| v.to_str().expect("ASCII").to_owned())
                .collect::<Vec<_>>()
        };
        Landing {
            status: response.status().as_u16(),
            location: header("location").into_iter().next(),
            set_cookies: header("set-cookie"),
        }
    }

    /// Start signing in (`/auth/oidc/test/start`) and follow the provider's redirects up to
    /// the callback URL, which is returned unvisited; or where the start sent the browser if
    /// not to the provider.
    pub async fn to_callback(&self, start: &str) -> String {
        self.to_callback_from(&self.app.url(start)).await
    }

    /// Follow redirects from `url` (the provider's, from `startOidcLink`) to the callback.
    pub async fn to_callback_from(&self, url: &str) -> String {
        let mut url = url.to_owned();
        for _ in 0..20 {
            let landing = self.get(&url).await;
            let Some(location) = landing.location.clone() else {
                panic!("a redirect from {url}: {landing:?}");
            };
            if location.starts_with(PUBLIC_URL)
                || (location.starts_with('/') && origin(&url) == self.app.url(""))
            {
                return location;
            }
            url = match location.strip_prefix('/') {
                Some(path) => format!("{}/{path}", origin(&url)),
                None => location,
            };
        }
        panic!("too many redirects");
    }

    /// The callback's answer: where it sends the browser.
    pub async fn callback(&self, url: &str) -> Landing {
        self.get(url).await
    }

    /// A whole sign-in: the callback's landing.
    pub async fn sign_in(&self) -> Landing {
        let callback = self
            .to_callback(&format!("/auth/oidc/{PROVIDER}/start"))
            .await;
        self.callback(&callback).await
    }

    /// `refreshSession` with this browser's refresh cookie: the access token, if any.
    pub async fn refresh(&self) -> Option<String> {
        let query = "mutation { refreshSession { accessToken } }";
        let body: Value = self
            .client
            .post(self.app.url("/graphql"))
            .json(&json!({ "query": query }))
            .send()
            .await
            .expect("POST")
            .json()
            .await
            .expect("JSON");
        body["data"]["refreshSession"]["accessToken"]
            .as_str()
            .map(str::to_owned)
    }

    /// POST a GraphQL operation as this browser with `token`.
    pub async fn gql(&self, token: &str, query: &str, variables: Value) -> Value {
        self.client
            .post(self.app.url("/graphql"))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("POST")
            .json()
            .await
            .expect("JSON")
    }
}

fn origin(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split('/').next().unwrap_or_default();
    let scheme = url.split("://").next().unwrap_or("http");
    format!("{scheme}://{host}")
}
