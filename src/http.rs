//! HTTP: the router and its handlers. `POST /graphql` runs the API, `GET /graphql` runs
//! queries from the URL or serves GraphiQL, `/` a landing page, `/healthz` and `/readyz`
//! report liveness and readiness. Cross-origin calls pass the CORS allow-list ([`cors`]).

pub mod cors;
mod graphiql;
mod graphql;
mod health;
mod home;

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
use crate::auth::TokenKeys;
use crate::error::{INTERNAL_MESSAGE, code, graphql_error_response};
use crate::graphql::Api;
use crate::service::Store;

/// Every response carries this header (the client's own, or a new UUID) and so does every
/// log line of the request, to match reports with logs.
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub api: Api,
    pub store: Store,
    pub tokens: Arc<TokenKeys>,
    pub max_body_bytes: usize,
    /// Longest a GraphQL request may run; `None`: no limit.
    pub graphql_timeout: Option<Duration>,
    /// Serve GraphiQL at `GET /graphql` (without `query`).
    pub graphiql_enabled: bool,
}

impl FromRef<AppState> for Arc<TokenKeys> {
    fn from_ref(state: &AppState) -> Self {
        state.tokens.clone()
    }
}

/// The application's routes with tracing (method, matched route, request id, status,
/// latency — never other headers or bodies), request ids, a panic guard that answers a
/// GraphQL-shaped 500 instead of dropping the connection, and CORS for the allowed origins.
pub fn router(state: AppState, cors: &Cors) -> Router {
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
    Router::new()
        .route("/", get(home::page))
        .route("/graphql", get(graphql::get).post(graphql::execute))
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .with_state(state)
        .layer(trace)
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(cors.layer())
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
