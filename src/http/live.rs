//! Live updates: GraphQL subscriptions over WebSocket at `GET /graphql` with the
//! `graphql-transport-ws` protocol (the graphql-ws library's, which Apollo's GraphQLWsLink
//! speaks). The upgrade checks the client's origin and rate; the connection itself
//! ([`connection`]) authenticates with `connection_init`, runs subscriptions through
//! [`Api::subscribe`](crate::graphql::Api) and closes with the protocol's codes. A plain `GET`
//! (no upgrade) is the GraphQL GET handler as before.

mod connection;
mod protocol;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::handler::Handler;
use axum::http::header::{HOST, ORIGIN, UPGRADE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::errors::graphql_error_response;
use super::{AppState, Cors};
use crate::auth::ClientInfo;
use crate::config::LiveConfig;
use crate::graphql::errors::code;
use crate::graphql::rate_limit::gcra::{Buckets, Quota};

/// The subprotocol spoken.
const PROTOCOL: &str = "graphql-transport-ws";
/// Read and write buffer of one socket (messages may still be up to the configured maximum).
const IO_BUFFER: usize = 4096;
/// Most client IPs whose connection rate is remembered.
const MAX_TRACKED_IPS: usize = 100_000;

/// What every WebSocket connection of this instance shares.
pub struct Live {
    pub init_timeout: Duration,
    pub max_subscriptions: usize,
    pub max_message_bytes: usize,
    pub recheck_every: Duration,
    max_per_user: usize,
    cors: Cors,
    per_user: Mutex<HashMap<Uuid, usize>>,
    connects: Option<Quota>,
    buckets: Mutex<Buckets<IpAddr>>,
}

impl Live {
    /// The shared state from the configuration and the CORS allow-list.
    pub fn new(config: &LiveConfig, cors: Cors) -> Self {
        Self {
            init_timeout: Duration::from_secs(config.ws_init_timeout_seconds),
            max_subscriptions: config.ws_max_subscriptions as usize,
            max_message_bytes: config.ws_max_message_bytes as usize,
            recheck_every: Duration::from_secs(config.ws_recheck_seconds),
            max_per_user: config.ws_max_connections_per_user as usize,
            cors,
            per_user: Mutex::default(),
            connects: Quota::new(config.ws_connects_per_minute, Duration::from_secs(60)),
            buckets: Mutex::new(Buckets::new(MAX_TRACKED_IPS, Instant::now())),
        }
    }

    /// Count one more connection of `user`; `None` when they hold the most allowed.
    fn enter(self: &Arc<Self>, user: Uuid) -> Option<Seat> {
        let mut per_user = self.per_user.lock().ok()?;
        let held = per_user.entry(user).or_default();
        if *held >= self.max_per_user {
            return None;
        }
        *held += 1;
        Some(Seat {
            live: self.clone(),
            user,
        })
    }

    /// Charge one connection attempt to `ip`.
    fn admit_ip(&self, ip: Option<IpAddr>) -> bool {
        let (Some(ip), Some(quota)) = (ip, self.connects) else {
            return true;
        };
        let Ok(mut buckets) = self.buckets.lock() else {
            return true;
        };
        buckets.charge(&[(ip, quota, 1)], Instant::now()).is_ok()
    }

    /// May a page from `origin` open a socket here? No `Origin`: not a browser, allowed;
    /// otherwise the same origin as the request's `Host`, or one of the CORS allow-list.
    fn origin_allowed(&self, headers: &HeaderMap) -> bool {
        let Some(origin) = headers.get(ORIGIN) else {
            return true;
        };
        if self.cors.allows(origin) {
            return true;
        }
        let (Ok(origin), Some(host)) = (
            origin.to_str(),
            headers.get(HOST).and_then(|h| h.to_str().ok()),
        ) else {
            return false;
        };
        let authority = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"));
        authority.is_some_and(|a| a.eq_ignore_ascii_case(host))
    }
}

/// One connection counted against its user's limit, until dropped.
struct Seat {
    live: Arc<Live>,
    user: Uuid,
}

impl Drop for Seat {
    fn drop(&mut self) {
        if let Ok(mut per_user) = self.live.per_user.lock()
            && let Some(held) = per_user.get_mut(&self.user)
        {
            *held = held.saturating_sub(1);
            if *held == 0 {
                per_user.remove(&self.user);
            }
        }
    }
}

/// `GET /graphql`: a WebSocket upgrade for subscriptions, or the GraphQL GET handler.
pub async fn get(State(state): State<AppState>, request: Request) -> Response {
    let upgrade = request
        .headers()
        .get(UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    if !upgrade {
        return super::graphql::get.call(request, state).await;
    }
    let (mut parts, _) = request.into_parts();
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let client = Arc::new(ClientInfo::from_request(
        peer,
        &parts.headers,
        state.gate.trusted_proxies(),
    ));
    let live = state.live.clone();
    if !live.origin_allowed(&parts.headers) {
        let message = "This origin may not open a WebSocket here";
        return graphql_error_response(StatusCode::FORBIDDEN, code::FORBIDDEN, message);
    }
    if !live.admit_ip(client.ip) {
        let message = "Too many WebSocket connection attempts; retry in a minute";
        return graphql_error_response(StatusCode::TOO_MANY_REQUESTS, code::RATE_LIMITED, message);
    }
    let offered = parts
        .headers
        .get("sec-websocket-protocol")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|p| p.trim() == PROTOCOL));
    if !offered {
        let message = "Speak the graphql-transport-ws subprotocol (Sec-WebSocket-Protocol)";
        return graphql_error_response(StatusCode::BAD_REQUEST, code::BAD_REQUEST, message);
    }
    let upgrade = match WebSocketUpgrade::from_request_parts(&mut parts, &state).await {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };
    let max = live.max_message_bytes;
    upgrade
        .protocols([PROTOCOL])
        // tungstenite's defaults (128 KiB to read) would dominate an idle socket's memory.
        .read_buffer_size(IO_BUFFER)
        .write_buffer_size(IO_BUFFER)
        .max_message_size(max)
        .max_frame_size(max)
        .on_upgrade(move |socket| connection::run(socket, state, client))
}
