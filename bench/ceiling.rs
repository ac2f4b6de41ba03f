//! The HTTP ceiling of `bench/run.sh`: a minimal hand-written axum endpoint that answers the
//! benchmarked query without GraphQL.
//!
//! `POST /graphql` takes the same request as Tally (a JSON body, `Authorization: Bearer …`),
//! verifies the access token by exactly Tally's rules (`src/auth/token.rs`: HS256 only, header
//! `typ` = `at+jwt` and the `kid` derived from the secret, required `sub`/`exp`/`nbf`/`iss`/
//! `aud`, 5 s leeway, `iat` not in the future, lifetime no longer than configured, `sub` a
//! canonical UUID), checks the token's session and token version like Tally's auth gate
//! (`src/auth/gate.rs`: one query joining `sessions` and `users`, its answer cached per session
//! for `AUTH_STATE_CACHE_MS`), runs the equivalent SQL (the viewer's newest 51 transactions in
//! `(date DESC, id DESC)` order, category names by a scoped join) and writes byte for byte the
//! JSON Tally writes for
//! `{ transactions(first: 50) { edges { node { id amount description date category { name } } } } }`.
//! Whatever query the body holds, that is the answer: this is a ceiling, not a server.
//!
//! Not a Criterion benchmark: `harness = false`, and it only serves when `bench/run.sh` starts
//! it with `CEILING_ADDR` and `DATABASE_URL` set (plain `cargo bench` just prints a note).
//!
//! Environment: `CEILING_ADDR`, `DATABASE_URL`, `JWT_SECRET`, `JWT_ISSUER` (`tally`),
//! `JWT_AUDIENCE` (`tally-api`), `ACCESS_TOKEN_TTL_MINUTES` (15), `AUTH_STATE_CACHE_MS` (2000), `DATABASE_MAX_CONNECTIONS`
//! (16, Tally's default), `CEILING_SQL` (`join`, the default, or `two`: the page, then the
//! categories by id, as Tally's dataloader does), `CEILING_TEST_BEFORE_ACQUIRE` (`1`, the
//! sqlx and sea-orm default: ping each pooled connection as it is taken; `0` skips it).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use chrono::{NaiveDate, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use rust_decimal::Decimal;
use sea_orm::sqlx::postgres::{PgPool, PgPoolOptions};
use sea_orm::sqlx::{self, Row as _};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Tally's values (`src/auth/token.rs`, `src/config.rs`, `src/graphql/transactions.rs`).
const LEEWAY_SECONDS: u64 = 5;
const ACCESS_TOKEN_TYPE: &str = "at+jwt";
const MAX_TOKEN_BYTES: usize = 4096;
const MAX_BODY_BYTES: usize = 1_048_576;
const PAGE_SIZE: usize = 50;

const PAGE_JOIN_SQL: &str = "SELECT t.id, t.amount_minor, t.currency, t.description, t.date, c.name \
     FROM transactions t \
     LEFT JOIN categories c ON c.user_id = t.user_id AND c.id = t.category_id \
     WHERE t.user_id = $1 ORDER BY t.date DESC, t.id DESC LIMIT 51";
const PAGE_SQL: &str = "SELECT id, amount_minor, currency, description, date, category_id \
     FROM transactions WHERE user_id = $1 ORDER BY date DESC, id DESC LIMIT 51";
const SESSION_SQL: &str = "SELECT u.token_version, \
     (s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL) \
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.user_id = $2";
const CATEGORIES_SQL: &str = "SELECT id, name FROM categories WHERE user_id = $1 AND id = ANY($2)";

#[derive(Debug, Deserialize)]
struct Claims {
    sub: String,
    sid: String,
    ver: i64,
    exp: i64,
    iat: i64,
}

/// What a verified token claims: user, session, token version.
#[derive(Clone, Copy)]
struct Access {
    user_id: Uuid,
    session_id: Uuid,
    version: i64,
}

struct Keys {
    kid: String,
    decoding: DecodingKey,
    validation: Validation,
    ttl_seconds: i64,
}

impl Keys {
    fn new(secret: &[u8], issuer: &str, audience: &str, ttl_minutes: i64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        validation.validate_aud = true;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        let digest = Sha256::new()
            .chain_update(b"tally/kid/v1")
            .chain_update(secret)
            .finalize();
        let hex: String = digest.iter().take(8).fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        });
        Self {
            kid: format!("hs256-{hex}"),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl_seconds: ttl_minutes * 60,
        }
    }

    /// The claims of a valid access token, by Tally's rules.
    fn verify(&self, token: &str) -> Option<Access> {
        if token.is_empty() || token.len() > MAX_TOKEN_BYTES {
            return None;
        }
        let header = jsonwebtoken::decode_header(token).ok()?;
        if header.alg != Algorithm::HS256
            || header.typ.as_deref() != Some(ACCESS_TOKEN_TYPE)
            || header.kid.as_deref() != Some(self.kid.as_str())
        {
            return None;
        }
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()?
            .claims;
        let leeway = i64::try_from(LEEWAY_SECONDS).unwrap_or(0);
        if claims.iat > Utc::now().timestamp() + leeway
            || claims.iat < 0
            || claims.exp - claims.iat > self.ttl_seconds + leeway
        {
            return None;
        }
        Some(Access {
            user_id: canonical(&claims.sub)?,
            session_id: canonical(&claims.sid)?,
            version: claims.ver,
        })
    }
}

fn canonical(text: &str) -> Option<Uuid> {
    let id = Uuid::parse_str(text).ok()?;
    (id.hyphenated().to_string() == text).then_some(id)
}

/// Per-session (token version, live) answers, as Tally's gate caches them.
struct Sessions {
    cache_for: Duration,
    cache: Mutex<HashMap<Uuid, (Instant, i64, bool)>>,
}

impl Sessions {
    /// Is `access` still honoured (session live, user enabled, current token version)?
    async fn honoured(&self, pool: &PgPool, access: Access) -> Result<bool, sqlx::Error> {
        let cached = self.cache.lock().ok().and_then(|cache| {
            let (at, version, live) = *cache.get(&access.session_id)?;
            (at.elapsed() < self.cache_for).then_some((version, live))
        });
        let (version, live) = match cached {
            Some(state) => state,
            None => {
                let row: Option<(i64, bool)> = sqlx::query_as(SESSION_SQL)
                    .bind(access.session_id)
                    .bind(access.user_id)
                    .fetch_optional(pool)
                    .await?;
                let Some((version, live)) = row else {
                    return Ok(false);
                };
                if let Ok(mut cache) = self.cache.lock() {
                    cache.insert(access.session_id, (Instant::now(), version, live));
                }
                (version, live)
            }
        };
        Ok(live && version == access.version)
    }
}

#[derive(Clone)]
struct AppState {
    pool: PgPool,
    keys: Arc<Keys>,
    sessions: Arc<Sessions>,
    two_queries: bool,
}

/// The parts of a GraphQL-over-HTTP request body Tally would parse; only its shape is checked.
#[derive(Deserialize)]
#[allow(dead_code)]
struct GraphqlRequest {
    query: String,
    #[serde(default)]
    variables: Option<serde_json::Value>,
    #[serde(default, rename = "operationName")]
    operation_name: Option<String>,
}

/// One row of the page, as the response shows it.
struct Row {
    id: Uuid,
    amount_minor: i64,
    currency: String,
    description: String,
    date: NaiveDate,
    category: Option<String>,
}

/// Decimal places of an ISO 4217 currency's minor unit, as `src/money.rs` lists them.
fn exponent(code: &str) -> u32 {
    match code {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        "CLF" | "UYW" => 4,
        _ => 2,
    }
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": code } }]
    });
    (status, axum::Json(body)).into_response()
}

fn bearer_token(header: &HeaderValue) -> Option<&str> {
    let (scheme, token) = header.to_str().ok()?.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

async fn graphql(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let access = headers
        .get(AUTHORIZATION)
        .and_then(bearer_token)
        .and_then(|token| state.keys.verify(token));
    let honoured = match access {
        Some(access) => state.sessions.honoured(&state.pool, access).await,
        None => Ok(false),
    };
    let (Some(access), Ok(true)) = (access, honoured) else {
        let mut response = error(
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
            "The access token is invalid or has expired",
        );
        response.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer error=\"invalid_token\""),
        );
        return response;
    };
    let json = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "BAD_REQUEST",
            "Send GraphQL requests as JSON with Content-Type: application/json",
        );
    }
    if body.len() > MAX_BODY_BYTES || serde_json::from_slice::<GraphqlRequest>(&body).is_err() {
        return error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "The request body is not a valid GraphQL request",
        );
    }
    let user_id = access.user_id;
    let rows = if state.two_queries {
        page_then_categories(&state.pool, user_id).await
    } else {
        page_joined(&state.pool, user_id).await
    };
    match rows {
        Ok(rows) => (
            [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            render(&rows),
        )
            .into_response(),
        Err(err) => {
            eprintln!("ceiling: query failed: {err}");
            error(
                StatusCode::OK,
                "INTERNAL_SERVER_ERROR",
                "Something went wrong on our side",
            )
        }
    }
}

async fn page_joined(pool: &PgPool, user_id: Uuid) -> Result<Vec<Row>, sqlx::Error> {
    let rows = sqlx::query(PAGE_JOIN_SQL)
        .bind(user_id)
        .fetch_all(pool)
        .await?;
    rows.iter()
        .take(PAGE_SIZE)
        .map(|r| {
            Ok(Row {
                id: r.try_get(0)?,
                amount_minor: r.try_get(1)?,
                currency: r.try_get(2)?,
                description: r.try_get(3)?,
                date: r.try_get(4)?,
                category: r.try_get(5)?,
            })
        })
        .collect()
}

async fn page_then_categories(pool: &PgPool, user_id: Uuid) -> Result<Vec<Row>, sqlx::Error> {
    let page = sqlx::query(PAGE_SQL).bind(user_id).fetch_all(pool).await?;
    let mut category_ids = Vec::with_capacity(PAGE_SIZE);
    let mut rows = Vec::with_capacity(PAGE_SIZE);
    for r in page.iter().take(PAGE_SIZE) {
        let category_id: Option<Uuid> = r.try_get(5)?;
        category_ids.extend(category_id);
        rows.push((
            Row {
                id: r.try_get(0)?,
                amount_minor: r.try_get(1)?,
                currency: r.try_get(2)?,
                description: r.try_get(3)?,
                date: r.try_get(4)?,
                category: None,
            },
            category_id,
        ));
    }
    category_ids.sort_unstable();
    category_ids.dedup();
    let names: Vec<(Uuid, String)> = sqlx::query_as(CATEGORIES_SQL)
        .bind(user_id)
        .bind(&category_ids)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(mut row, category_id)| {
            row.category = category_id
                .and_then(|id| names.iter().find(|(c, _)| *c == id).map(|(_, n)| n.clone()));
            row
        })
        .collect())
}

/// The JSON Tally writes for the page: fields in selection order, strings escaped by
/// serde_json (as async-graphql's response serialisation does), amounts with exactly the
/// currency's decimals.
fn render(rows: &[Row]) -> String {
    let mut out = String::with_capacity(64 + rows.len() * 200);
    out.push_str(r#"{"data":{"transactions":{"edges":["#);
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let amount = Decimal::new(row.amount_minor, exponent(row.currency.trim_end()));
        let description = serde_json::to_string(&row.description).unwrap_or_default();
        let _ = write!(
            out,
            r#"{{"node":{{"id":"{}","amount":"{amount}","description":{description},"date":"{}","category":"#,
            row.id.hyphenated(),
            row.date.format("%Y-%m-%d"),
        );
        match &row.category {
            Some(name) => {
                let name = serde_json::to_string(name).unwrap_or_default();
                let _ = write!(out, r#"{{"name":{name}}}}}}}"#);
            }
            None => out.push_str("null}}"),
        }
    }
    out.push_str("]}}}");
    out
}

fn env(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let (Ok(addr), Ok(url)) = (std::env::var("CEILING_ADDR"), std::env::var("DATABASE_URL")) else {
        eprintln!(
            "ceiling: the HTTP baseline of bench/run.sh; it serves only when started by that \
             script (CEILING_ADDR and DATABASE_URL set). Nothing to do."
        );
        return Ok(());
    };
    let addr: SocketAddr = addr.parse()?;
    let secret = std::env::var("JWT_SECRET")?;
    let ttl_minutes: i64 = env("ACCESS_TOKEN_TTL_MINUTES", "15").parse()?;
    let cache_ms: u64 = env("AUTH_STATE_CACHE_MS", "2000").parse()?;
    let keys = Keys::new(
        secret.as_bytes(),
        &env("JWT_ISSUER", "tally"),
        &env("JWT_AUDIENCE", "tally-api"),
        ttl_minutes,
    );
    // Tally's pool settings (src/service.rs), sqlx's defaults for the rest.
    let pool = PgPoolOptions::new()
        .max_connections(env("DATABASE_MAX_CONNECTIONS", "16").parse()?)
        .min_connections(0)
        .acquire_timeout(Duration::from_secs(10))
        .idle_timeout(Duration::from_secs(300))
        .max_lifetime(Duration::from_secs(1800))
        .test_before_acquire(env("CEILING_TEST_BEFORE_ACQUIRE", "1") != "0")
        .connect(&url)
        .await?;
    let state = AppState {
        pool,
        keys: Arc::new(keys),
        sessions: Arc::new(Sessions {
            cache_for: Duration::from_millis(cache_ms),
            cache: Mutex::new(HashMap::new()),
        }),
        two_queries: env("CEILING_SQL", "join") == "two",
    };
    let app = Router::new()
        .route("/graphql", post(graphql))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}
