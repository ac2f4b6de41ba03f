//! Helpers for tests of sessions and tokens: raw HTTP answers (headers, cookies), logins
//! and refreshes with the refresh token in the body, reading and re-signing JWT claims, and reaching into
//! a shared test database (to age a session, read the audit log).

use jsonwebtoken::{EncodingKey, Header, encode};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use super::{TestApp, TestUser};

/// The claims of a JWT, unverified (to read its `sid`, `ver`…).
pub fn claims_of(token: &str) -> Value {
    use base64::Engine as _;
    let payload = token.split('.').nth(1).expect("a JWT payload");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .expect("base64url");
    serde_json::from_slice(&bytes).expect("JSON claims")
}

/// `claims` signed as an HS256 JWT with `header` and `secret`.
pub fn sign_with(secret: &[u8], header: &Header, claims: &impl serde::Serialize) -> String {
    encode(header, claims, &EncodingKey::from_secret(secret)).expect("the token signs")
}

/// A real token of `app` with its claims edited by `change`, re-signed with the app's secret.
pub fn resigned(app: &TestApp, token: &str, change: impl FnOnce(&mut Value)) -> String {
    let header = jsonwebtoken::decode_header(token).expect("a JWT header");
    let mut claims = claims_of(token);
    change(&mut claims);
    sign_with(app.jwt_secret.as_bytes(), &header, &claims)
}

/// An HTTP answer in full: status, headers and JSON body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The `Set-Cookie` headers of the answer.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().expect("ASCII cookie").to_owned())
            .collect()
    }
}

/// An access token and the refresh token of its session.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

impl Tokens {
    /// The tokens of an `AuthPayload` that carried its refresh token in the body.
    pub fn of(payload: &Value) -> Self {
        Self {
            access: payload["accessToken"]
                .as_str()
                .unwrap_or_else(|| panic!("an access token in {payload}"))
                .to_owned(),
            refresh: payload["refreshToken"]
                .as_str()
                .unwrap_or_else(|| panic!("a refresh token in {payload}"))
                .to_owned(),
        }
    }
}

/// `refreshSession` with the refresh token in the argument and the next one in the body.
pub const REFRESH_IN_BODY: &str = "mutation($token: String!) {
    refreshSession(input: { refreshToken: $token, refreshTokenInBody: true }) {
        accessToken refreshToken refreshExpiresAt user { id } } }";

impl TestApp {
    /// POST a GraphQL operation with extra request headers (e.g. `Cookie`, `Host`).
    pub async fn post_with(
        &self,
        token: Option<&str>,
        headers: &[(&str, &str)],
        query: &str,
        variables: Value,
    ) -> Reply {
        let mut request = self
            .client
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.json().await.expect("JSON body");
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Log `user` in, with the refresh token in the body.
    pub async fn login_for_tokens(&self, user: &TestUser) -> Tokens {
        let body = self
            .gql(
                None,
                "mutation($input: LoginInput!) { login(input: $input) {
                    accessToken refreshToken } }",
                json!({ "input": { "email": user.email, "password": user.password,
                        "refreshTokenInBody": true } }),
            )
            .await;
        assert!(body.get("errors").is_none(), "login failed: {body}");
        Tokens::of(&body["data"]["login"])
    }

    /// Refresh with `refresh_token`; the whole response body.
    pub async fn refresh(&self, refresh_token: &str) -> Value {
        self.gql(None, REFRESH_IN_BODY, json!({ "token": refresh_token }))
            .await
    }

    /// Refresh with `refresh_token`, which must work; the new tokens.
    pub async fn refreshed(&self, refresh_token: &str) -> Tokens {
        let body = self.refresh(refresh_token).await;
        assert!(body.get("errors").is_none(), "refresh failed: {body}");
        Tokens::of(&body["data"]["refreshSession"])
    }

    /// Set `column` to `value` in the rows of `table` whose `key` column is `id`, straight in
    /// the (shared) database: to age a session, disable a user… Returns the rows changed.
    pub async fn set_in_database(
        &self,
        table: &str,
        column: &str,
        value: impl Into<sea_orm::Value>,
        (key, id): (&str, impl Into<sea_orm::Value>),
    ) -> u64 {
        use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
        let update = Query::update()
            .table(Alias::new(table))
            .value(Alias::new(column), Expr::val(value))
            .and_where(Expr::col(Alias::new(key)).eq(Expr::val(id)))
            .to_owned();
        let db = self.database().await;
        let changed = db.execute(&update).await.expect("the update runs");
        db.close().await.ok();
        changed.rows_affected()
    }

    /// The audit-log actions recorded for `user_id`, oldest first, straight from the
    /// (shared) database.
    pub async fn audit_actions(&self, user_id: &str) -> Vec<String> {
        self.audit_column(user_id, "action", None).await
    }

    /// The failed password checks recorded for `user_id`, oldest first: each
    /// `LOGIN_FAILED` event's reason code, straight from the (shared) database.
    pub async fn failure_reasons(&self, user_id: &str) -> Vec<String> {
        self.audit_column(user_id, "reason", Some("LOGIN_FAILED"))
            .await
    }

    /// The reason codes of `user_id`'s `action` events, oldest first.
    pub async fn audit_column_of(&self, user_id: &str, action: &str) -> Vec<String> {
        self.audit_column(user_id, "reason", Some(action)).await
    }

    /// One text column of `user_id`'s audit events (only `action`'s, if given), oldest first.
    async fn audit_column(&self, user_id: &str, column: &str, action: Option<&str>) -> Vec<String> {
        use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
        let user_id: uuid::Uuid = user_id.parse().expect("a user id");
        let mut select = Query::select()
            .column(Alias::new(column))
            .from(Alias::new("audit_events"))
            .and_where(Expr::col(Alias::new("user_id")).eq(Expr::val(user_id)))
            .order_by(Alias::new("id"), Order::Asc)
            .to_owned();
        if let Some(action) = action {
            select.and_where(Expr::col(Alias::new("action")).eq(Expr::val(action)));
        }
        let db = self.database().await;
        let rows = db.query_all(&select).await.expect("the select runs");
        db.close().await.ok();
        rows.iter()
            .map(|row| row.try_get_by_index::<String>(0).expect("a text value"))
            .collect()
    }

    /// The HTTP status of `{ me { id } }` with this access token: 200 if it is honoured,
    /// 401 if not.
    pub async fn me_status(&self, access_token: &str) -> u16 {
        let (status, _) = self
            .post(Some(access_token), json!({ "query": "{ me { id } }" }))
            .await;
        status
    }
}
