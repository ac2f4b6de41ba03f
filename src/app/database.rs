//! Reaching the database at start-up: `DATABASE_POOLER` decides how the pool talks to it, and
//! a PostgreSQL server that is not up yet (a container starting beside Tally, a failover in
//! progress) is retried every second for `DATABASE_CONNECT_WAIT_SECONDS`, each failure logged
//! with its cause. Past that the process gives up with [`DatabaseUnreachable`], which `main`
//! turns into exit status [`EXIT_DATABASE_UNREACHABLE`] so a supervisor can tell it from a
//! bad setting. A SQLite file is opened once: it will not open a second later either.

use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::config::{Config, DatabasePooler};
use crate::service::Store;

/// Exit status of `tally serve` / `tally migrate` when the database never answered
/// (`EX_UNAVAILABLE` of sysexits.h).
pub const EXIT_DATABASE_UNREACHABLE: u8 = 69;

/// The database did not answer within `DATABASE_CONNECT_WAIT_SECONDS`.
#[derive(Debug)]
pub struct DatabaseUnreachable {
    pub waited: Duration,
    pub attempts: u32,
}

impl std::fmt::Display for DatabaseUnreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the database did not answer ({} attempts in {} s; check DATABASE_URL, that the \
             server is up and reachable, or raise DATABASE_CONNECT_WAIT_SECONDS)",
            self.attempts,
            self.waited.as_secs()
        )
    }
}

impl std::error::Error for DatabaseUnreachable {}

/// How long between two attempts.
const RETRY_EVERY: Duration = Duration::from_secs(1);

/// Connect to the configured database, retrying while it does not answer.
pub async fn connect(config: &Config, max_connections: u32) -> anyhow::Result<Store> {
    let url = config.database_url();
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating data directory {}", config.data_dir.display()))?;
    }
    let pooler = config.database_pooler == DatabasePooler::Transaction;
    let acquire = Duration::from_secs(config.database_acquire_timeout_seconds);
    if !url.starts_with("postgres") {
        return Store::connect_behind(&url, max_connections, false, acquire)
            .await
            .context("opening the database (check DATABASE_URL and TALLY_DATA_DIR)");
    }
    let wait = Duration::from_secs(config.database_connect_wait_seconds);
    let started = Instant::now();
    let mut attempts = 0;
    loop {
        attempts += 1;
        let err = match Store::connect_behind(&url, max_connections, pooler, acquire).await {
            Ok(store) if store.ping().await => return Ok(store),
            Ok(store) => {
                store.close().await;
                "it accepted a connection but does not answer".to_owned()
            }
            Err(err) => err.to_string(),
        };
        let waited = started.elapsed();
        if waited >= wait {
            tracing::error!(error = %err, attempts, "cannot reach the database; giving up");
            return Err(DatabaseUnreachable { waited, attempts }.into());
        }
        tracing::warn!(
            error = %err,
            attempts,
            "cannot reach the database yet; retrying for up to {} s",
            wait.as_secs()
        );
        tokio::time::sleep(RETRY_EVERY.min(wait - waited)).await;
    }
}
