//! HTTP: the router and its handlers. `POST /graphql` runs the API, `GET /graphql` serves
//! GraphiQL, `/` a landing page, `/healthz` and `/readyz` report liveness and readiness.

mod graphiql;
mod graphql;
mod health;
mod home;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{FromRef, MatchedPath, Request};
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::auth::TokenKeys;
use crate::graphql::TallySchema;
use crate::service::Store;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub schema: TallySchema,
    pub store: Store,
    pub tokens: Arc<TokenKeys>,
    pub max_body_bytes: usize,
}

impl FromRef<AppState> for Arc<TokenKeys> {
    fn from_ref(state: &AppState) -> Self {
        state.tokens.clone()
    }
}

/// The application's routes with tracing (method, matched route, status, latency — never
/// headers or bodies) and a panic guard that answers 500 instead of dropping the connection.
pub fn router(state: AppState) -> Router {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request| {
            let route = request
                .extensions()
                .get::<MatchedPath>()
                .map_or("unmatched", MatchedPath::as_str)
                .to_owned();
            tracing::info_span!("http", method = %request.method(), route)
        })
        .on_response(
            DefaultOnResponse::new()
                .level(Level::INFO)
                .latency_unit(tower_http::LatencyUnit::Micros),
        );
    Router::new()
        .route("/", get(home::page))
        .route("/graphql", get(graphiql::page).post(graphql::execute))
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .with_state(state)
        .layer(trace)
        .layer(CatchPanicLayer::new())
}

/// How long `/readyz` waits for the database.
const READY_TIMEOUT: Duration = Duration::from_secs(2);
