//! `/metrics`: the Prometheus text of [`crate::meter`], never public by default. On the main
//! port it answers only with `TALLY_METRICS_TOKEN` set, and only to `Authorization: Bearer
//! <token>` (compared in constant time: both sides are hashed, so neither the content nor
//! the length leaks through timing); otherwise it is a 404, like any unknown path. With
//! `TALLY_METRICS_ADDR`, a listener of its own serves it without a token: that address is
//! meant for a private network or loopback, where the scraper runs.

use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::AppState;
use crate::meter;
use crate::service::Store;

/// Prometheus text exposition format, version 0.0.4.
const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// What `/metrics` renders, and the token the main port asks for.
#[derive(Clone)]
pub struct MetricsEndpoint {
    handle: meter::Handle,
    store: Store,
    /// SHA-256 of `TALLY_METRICS_TOKEN`; `None`: the main port answers 404.
    token: Option<[u8; 32]>,
}

impl MetricsEndpoint {
    /// `/metrics` from `handle`, with the pool of `store`; on the main port only for `token`.
    pub fn new(handle: meter::Handle, store: Store, token: Option<&[u8]>) -> Self {
        Self {
            handle,
            store,
            token: token.map(digest),
        }
    }

    /// The current metrics, with the pool's state read now.
    fn render(&self) -> Response {
        meter::pool(self.store.pool_status());
        let content_type = [(header::CONTENT_TYPE, HeaderValue::from_static(TEXT_FORMAT))];
        (content_type, self.handle.render()).into_response()
    }

    /// Does `headers` carry the token?
    fn admits(&self, headers: &HeaderMap) -> bool {
        let Some(expected) = &self.token else {
            return false;
        };
        let presented = headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .unwrap_or("");
        bool::from(digest(presented.trim().as_bytes()).ct_eq(expected)) && !presented.is_empty()
    }
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// `GET /metrics` on the main port: 404 unless a token is configured, 401 without it.
pub async fn on_main_port(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(endpoint) = state.metrics.as_ref().filter(|e| e.token.is_some()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !endpoint.admits(&headers) {
        let challenge = [(header::WWW_AUTHENTICATE, "Bearer")];
        return (StatusCode::UNAUTHORIZED, challenge).into_response();
    }
    endpoint.render()
}

/// The routes of the metrics listener (`TALLY_METRICS_ADDR`): `/metrics`, and 404 elsewhere.
pub fn listener_router(endpoint: MetricsEndpoint) -> Router {
    Router::new().route("/metrics", get(move || async move { endpoint.render() }))
}

/// Count every response by route and status, with its latency (when metrics are on).
pub async fn measure(request: Request, next: Next) -> Response {
    if !meter::enabled() {
        return next.run(request).await;
    }
    let matched = request.extensions().get::<MatchedPath>();
    let route = meter::labels::route(matched.map(MatchedPath::as_str));
    let started = Instant::now();
    let response = next.run(request).await;
    meter::http_request(route, response.status().as_u16(), started.elapsed());
    response
}
