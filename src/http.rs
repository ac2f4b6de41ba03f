//! HTTP: the router and its handlers. `POST /graphql` runs the API, `GET /graphql` runs
//! queries from the URL or serves GraphiQL, `/healthz` and `/readyz` report liveness and
//! readiness, `/metrics` the Prometheus metrics (only when configured: [`metrics`]), and
//! every other path is the dashboard ([`dashboard`]). Every response passes
//! the CORS allow-list ([`cors`]) and gets the security headers ([`headers`]); the dashboard
//! and the other HTML pages bring their own Content-Security-Policy, which is kept.

mod caller;
pub mod cors;
mod dashboard;
mod errors;
mod graphiql;
mod graphql;
mod headers;
mod health;
mod home;
mod live;
pub mod metrics;
mod oidc;
pub mod server;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{FromRef, MatchedPath, Request};
use axum::http::HeaderName;
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use self::cors::Cors;
pub use self::dashboard::Dashboard;
use self::errors::graphql_error_response;
pub use self::live::Live;
use crate::auth::AuthGate;
use crate::error::INTERNAL_MESSAGE;
use crate::graphql::Api;
use crate::graphql::errors::code;
use crate::service::Store;

/// Every response carries this header (the client's own, or a new UUID) and so does every
/// log line of the request, to match reports with logs.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// What every handler can reach: one allocation shared by all, so that handing it to a
/// request (axum clones the state for each) is one reference count, not a copy of every
/// handle inside.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The parts of [`AppState`].
pub struct Shared {
    pub api: Api,
    pub store: Store,
    pub gate: Arc<AuthGate>,
    pub max_body_bytes: usize,
    /// The built dashboard (embedded, or `--dashboard-dir`), served at `/`.
    pub dashboard: Dashboard,
    /// Longest a GraphQL request may run; `None`: no limit.
    pub graphql_timeout: Option<Duration>,
    /// Serve GraphiQL at `GET /graphql` (without `query`).
    pub graphiql_enabled: bool,
    /// Longest a client may take to send a request body.
    pub body_read_timeout: Duration,
    /// Send `Strict-Transport-Security` on every response (production).
    pub hsts: bool,
    /// `/metrics`, when configured (on this port only with a token).
    pub metrics: Option<metrics::MetricsEndpoint>,
    /// What the WebSocket connections (subscriptions) share.
    pub live: Arc<Live>,
}

impl FromRef<AppState> for Arc<AuthGate> {
    fn from_ref(state: &AppState) -> Self {
        state.gate.clone()
    }
}

/// The application's routes, with [`with_layers`].
pub fn router(state: AppState, cors: &Cors) -> Router {
    let hsts = state.hsts;
    let routes = Router::new()
        .route("/graphql", get(live::get).post(graphql::execute))
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/metrics", get(metrics::on_main_port))
        .route("/auth/oidc/{provider}/start", get(oidc::start))
        .route("/auth/oidc/{provider}/callback", get(oidc::callback))
        .fallback(dashboard::serve)
        .with_state(state);
    with_layers(routes, cors, hsts)
}

/// Tracing (method, matched route, request id, status, latency — never other headers or
/// bodies), a panic guard that answers a GraphQL-shaped 500 instead of dropping the
/// connection, CORS for the allowed origins, then the security headers and request ids
/// outermost, so that every response — a panic's or a preflight's too — carries them (and
/// HSTS, when `hsts`).
fn with_layers(routes: Router, cors: &Cors, hsts: bool) -> Router {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request| {
            let route = request
                .extensions()
                .get::<MatchedPath>()
                .map_or("unmatched", MatchedPath::as_str)
                .to_owned();
            let request_id = request
                .headers()
                .get(REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            tracing::info_span!("http", method = %request.method(), route, request_id)
        })
        .on_response(
            DefaultOnResponse::new()
                .level(Level::INFO)
                .latency_unit(tower_http::LatencyUnit::Micros),
        );
    routes
        .layer(trace)
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(axum::middleware::from_fn(metrics::measure))
        .layer(cors.layer())
        .layer(axum::middleware::map_response(headers::secure))
        .layer(axum::middleware::map_response(move |response| {
            headers::strict_transport(response, hsts)
        }))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// A handler panicked: log it, answer like any internal error (no details).
fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    tracing::error!("a request handler panicked");
    let status = axum::http::StatusCode::INTERNAL_SERVER_ERROR;
    graphql_error_response(status, code::INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE)
}

/// How long `/readyz` waits for the database.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::StatusCode;
    use tower::ServiceExt as _;

    use super::*;

    async fn a_buggy_handler() -> &'static str {
        panic!("a bug in a handler")
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_a_500_with_the_security_headers() {
        let routes = Router::new().route("/boom", get(a_buggy_handler));
        let request = Request::get("/boom").body(Body::empty()).unwrap();

        let response = with_layers(routes, &Cors::default(), true)
            .oneshot(request)
            .await
            .unwrap();

        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert_eq!(headers["content-security-policy"], headers::LOCKED_DOWN);
        assert_eq!(headers["strict-transport-security"], headers::HSTS);
        assert!(headers.contains_key(REQUEST_ID));
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            body["errors"][0]["extensions"]["code"],
            "INTERNAL_SERVER_ERROR"
        );
    }
}
