//! `/metrics` wiring: the recorder is installed only when metrics are configured
//! (`TALLY_METRICS_ADDR` or `TALLY_METRICS_TOKEN`), the metrics listener is bound with the
//! main one, and while serving an upkeep task drains the histograms.

use std::net::SocketAddr;

use anyhow::Context as _;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::config::Config;
use crate::http::Dashboard;
use crate::http::metrics::{MetricsEndpoint, listener_router};
use crate::meter;
use crate::service::Store;

/// Shortest accepted `TALLY_METRICS_TOKEN`.
const MIN_TOKEN_LEN: usize = 16;

/// Configured metrics: the recorder, what `/metrics` serves, and its own listener if any.
pub struct Metrics {
    handle: meter::Handle,
    endpoint: MetricsEndpoint,
    listener: Option<TcpListener>,
}

impl Metrics {
    /// The metrics `config` asks for, bound; `None` when it asks for none. A token too short
    /// to resist guessing is refused.
    pub async fn build(config: &Config, store: &Store) -> anyhow::Result<Option<Self>> {
        if let Some(token) = &config.metrics_token
            && token.expose().len() < MIN_TOKEN_LEN
        {
            anyhow::bail!("TALLY_METRICS_TOKEN must be at least {MIN_TOKEN_LEN} characters");
        }
        if config.metrics_addr.is_none() && config.metrics_token.is_none() {
            return Ok(None);
        }
        let Some(handle) = meter::install(Dashboard::embedded_build()) else {
            return Ok(None);
        };
        let token = config.metrics_token.as_ref().map(|token| token.expose());
        let endpoint = MetricsEndpoint::new(handle.clone(), store.clone(), token);
        let listener = match config.metrics_addr {
            Some(addr) => Some(
                TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("binding the metrics address {addr}"))?,
            ),
            None => None,
        };
        Ok(Some(Self {
            handle,
            endpoint,
            listener,
        }))
    }

    /// What `/metrics` on the main port serves.
    pub fn endpoint(&self) -> MetricsEndpoint {
        self.endpoint.clone()
    }

    /// The address of the metrics listener, if there is one.
    pub fn listener_addr(&self) -> Option<SocketAddr> {
        self.listener.as_ref()?.local_addr().ok()
    }

    /// Start the upkeep task and the metrics listener; abort them when the server stops.
    pub fn start(self) -> Vec<JoinHandle<()>> {
        let mut tasks = vec![meter::spawn_upkeep(self.handle)];
        if let Some(listener) = self.listener {
            if let Ok(addr) = listener.local_addr() {
                tracing::info!(%addr, "metrics are served at /metrics");
            }
            let router = listener_router(self.endpoint);
            tasks.push(tokio::spawn(async move {
                if let Err(err) = axum::serve(listener, router).await {
                    tracing::error!(error = %err, "the metrics listener stopped");
                }
            }));
        }
        tasks
    }
}
