//! HTTP: the router and its handlers. `POST /graphql` runs the API, `GET /graphql` serves
//! GraphiQL, `/healthz` and `/readyz` report liveness and readiness, and every other path
//! is the dashboard (`dashboard.rs`).

mod dashboard;
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

use crate::auth::AuthGate;
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
    pub gate: Arc<AuthGate>,
    pub max_body_bytes: usize,
    /// The built dashboard (`frontend/dist`), served at `/`.
    pub dashboard_dir: std::path::PathBuf,
}

impl FromRef<AppState> for Arc<AuthGate> {
    fn from_ref(state: &AppState) -> Self {
        state.gate.clone()
    }
}

/// The application's routes with tracing (method, matched route, request id, status,
/// latency — never other headers or bodies), request ids, and a panic guard that answers a
/// GraphQL-shaped 500 instead of dropping the connection.
pub fn router(state: AppState) -> Router {
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
        .route("/graphql", get(graphiql::page).post(graphql::execute))
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .fallback(dashboard::serve)
        .with_state(state)
        .layer(trace)
        .layer(CatchPanicLayer::custom(panic_response))
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
