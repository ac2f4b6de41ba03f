//! What Tally measures, for `/metrics` in the Prometheus text format: every series' name in
//! one place, a recording function per event that bounds its labels, and the recorder.
//!
//! Nothing is recorded until [`install`] runs, which the application does only when
//! `/metrics` is configured (`TALLY_METRICS_ADDR` or `TALLY_METRICS_TOKEN`): until then each
//! function returns at its first line, so an instance without metrics pays one atomic load
//! per event. The recorder is process-wide (the `metrics` facade has one global recorder).
//!
//! Labels are bounded: every label value comes from a fixed set, except the GraphQL
//! operation name, which the client chooses and [`labels::operation`] admits only in
//! GraphQL's name form and up to [`labels::MAX_OPERATIONS`] distinct names (later ones are
//! `other`), so no client can make the series grow without bound.

pub mod labels;

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use metrics::{counter, gauge, histogram};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

pub use metrics_exporter_prometheus::PrometheusHandle as Handle;

/// Whether a recorder is installed (set once, by [`install`]).
static ENABLED: AtomicBool = AtomicBool::new(false);
/// The installed recorder's handle, shared by every application in the process.
static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Latency buckets in seconds, from a cached read to a slow export.
const SECONDS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Install the Prometheus recorder (once per process) and record the build information;
/// `None` if another recorder was installed first (then nothing can be rendered).
pub fn install(dashboard_embedded: bool) -> Option<PrometheusHandle> {
    let handle = HANDLE.get_or_init(|| {
        let installed = PrometheusBuilder::new()
            .set_buckets(SECONDS)
            .and_then(PrometheusBuilder::install_recorder);
        match installed {
            Ok(handle) => Some(handle),
            Err(err) => {
                tracing::warn!(error = %err, "the metrics recorder could not be installed");
                None
            }
        }
    });
    if handle.is_some() {
        ENABLED.store(true, Ordering::Release);
        let dashboard = if dashboard_embedded {
            "embedded"
        } else {
            "none"
        };
        let version = env!("CARGO_PKG_VERSION");
        gauge!("tally_build_info", "version" => version, "dashboard" => dashboard).set(1.0);
    }
    handle.clone()
}

/// Whether metrics are recorded (a recorder is installed): callers skip work for labels
/// when not.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// How a GraphQL request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No errors.
    Ok,
    /// At least one error (a refused document, a field's error).
    Error,
    /// Stopped at `GRAPHQL_TIMEOUT_SECONDS`.
    Timeout,
}

impl Outcome {
    fn label(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Error => "error",
            Self::Timeout => "timeout",
        }
    }
}

/// One GraphQL request: its operation name (as the client wrote it, bounded here), how it
/// ended and, unless it timed out, how long it ran.
pub fn graphql_request(operation: Option<&str>, outcome: Outcome, elapsed: Option<Duration>) {
    if !enabled() {
        return;
    }
    let operation = labels::operation(operation);
    let outcome = outcome.label();
    counter!("tally_graphql_requests_total", "operation" => operation.clone(), "outcome" => outcome)
        .increment(1);
    if let Some(elapsed) = elapsed {
        histogram!("tally_graphql_request_duration_seconds", "operation" => operation)
            .record(elapsed.as_secs_f64());
    }
}

/// One GraphQL error with `extensions.code` = `code`, one of a fixed set (the GraphQL
/// layer's, which maps anything else to `OTHER`).
pub fn graphql_error(code: &'static str) {
    if enabled() {
        counter!("tally_graphql_errors_total", "code" => code).increment(1);
    }
}

/// One HTTP response: its route (a [`labels::route`]), status and latency.
pub fn http_request(route: &'static str, status: u16, elapsed: Duration) {
    if !enabled() {
        return;
    }
    let status = labels::status(status);
    counter!("tally_http_requests_total", "route" => route, "status" => status).increment(1);
    histogram!("tally_http_request_duration_seconds", "route" => route)
        .record(elapsed.as_secs_f64());
}

/// One login attempt: `success`, `wrong_password`, `unknown_email`, `locked` or `disabled`.
pub fn login(outcome: &'static str) {
    if enabled() {
        counter!("tally_logins_total", "outcome" => outcome).increment(1);
    }
}

/// Repeated wrong passwords locked an account.
pub fn account_locked() {
    if enabled() {
        counter!("tally_account_locks_total").increment(1);
    }
}

/// A request refused by a per-client rate limit.
pub fn rate_limited() {
    if enabled() {
        counter!("tally_rate_limited_total").increment(1);
    }
}

/// A password hash joined (`1`) or left (`-1`) the hashing queue, running or waiting.
pub fn password_hash_queue(change: f64) {
    if enabled() {
        gauge!("tally_password_hash_queue_depth").increment(change);
    }
}

/// One SQL statement: its kind (its first keyword), whether it failed, how long it ran.
pub fn statement(sql: &str, failed: bool, elapsed: Duration) {
    if !enabled() {
        return;
    }
    let kind = labels::statement_kind(sql);
    let outcome = if failed { "error" } else { "ok" };
    counter!("tally_db_statements_total", "kind" => kind, "outcome" => outcome).increment(1);
    histogram!("tally_db_statement_duration_seconds", "kind" => kind).record(elapsed.as_secs_f64());
}

/// The connection pool as it is now.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pool {
    pub in_use: usize,
    pub idle: usize,
    /// Statements and transactions waiting for a connection.
    pub waiting: usize,
    pub max: u32,
}

/// Record the pool's state (read at each scrape).
pub fn pool(pool: Pool) {
    if !enabled() {
        return;
    }
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    let value = |n: usize| n as f64;
    gauge!("tally_db_pool_connections", "state" => "in_use").set(value(pool.in_use));
    gauge!("tally_db_pool_connections", "state" => "idle").set(value(pool.idle));
    gauge!("tally_db_pool_waiting").set(value(pool.waiting));
    gauge!("tally_db_pool_max_connections").set(f64::from(pool.max));
}

/// Spawn the upkeep task: histograms are drained into their buckets here (and at each
/// scrape), so samples never pile up between scrapes.
pub fn spawn_upkeep(handle: PrometheusHandle) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(5));
        loop {
            every.tick().await;
            handle.run_upkeep();
        }
    })
}
