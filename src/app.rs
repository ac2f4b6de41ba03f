//! `App::build` connects to the database, runs migrations, builds the schema and binds the
//! listener (port 0 works, for tests); `run_until_stopped` serves until SIGINT/SIGTERM and
//! then gives in-flight requests a grace period.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio::net::TcpListener;

use crate::auth::oidc::Providers;
use crate::auth::sealing::Sealer;
use crate::auth::token::TokenSettings;
use crate::auth::{AuthGate, PasswordHasher, TokenKeys, secret};
use crate::config::Config;
use crate::graphql::rate_limit::RateLimits;
use crate::graphql::schema::Limits;
use crate::graphql::trusted::TrustedDocuments;
use crate::graphql::{Api, Services};
use crate::http::server::{self, ConnectionLimits};
use crate::http::{AppState, Cors, Dashboard, Live, Shared, router};
use crate::service::Store;
use crate::service::audit::retention::RetentionTask;
use crate::service::events::listen::Listener;
use crate::service::recurring::job::RecurringTask;
use crate::service::sessions::{GateStates, SessionSettings};
use crate::service::users::LockoutPolicy;

mod database;
mod metrics;
pub mod production;

pub use database::{DatabaseUnreachable, EXIT_DATABASE_UNREACHABLE};

use self::metrics::Metrics;
pub use production::MIN_PRODUCTION_BCRYPT_COST;

/// A built, bound, not yet serving application.
pub struct App {
    listener: TcpListener,
    router: axum::Router,
    store: Store,
    grace: Duration,
    /// How long audit events are kept; `None` keeps them forever.
    audit_retention: Option<chrono::Duration>,
    /// How often the recurring job runs; `None` when it is off.
    recurring_every: Option<Duration>,
    connections: ConnectionLimits,
    /// `/metrics`, when configured.
    metrics: Option<Metrics>,
    /// Where the live-event listener connects (PostgreSQL only).
    listen_url: Option<String>,
}

impl App {
    /// Check the configuration, connect and migrate, build the schema, bind the listener.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        for warning in production::check(&config)? {
            tracing::warn!("UNSAFE SETTING: {warning}");
        }
        let cors = Cors::from_config(&config.cors_allowed_origins)?;
        let secret = secret::load(
            config.jwt_secret.as_ref(),
            config.environment,
            &config.data_dir,
        )?;
        let store = connect(&config).await?;
        store
            .migrate()
            .await
            .context("running database migrations")?;
        let previous = secret::load_previous(
            config.jwt_previous_secret.as_ref(),
            config.jwt_previous_secret_valid_until,
            &secret,
        )?;
        let retired = previous.as_ref().map(|(previous, _)| previous);
        let sealer = Arc::new(Sealer::new(&secret, retired));
        let tokens = Arc::new(token_keys(&config, &secret, previous));
        let sessions = session_settings(&config);
        let states = GateStates::new(store.clone(), sessions.idle);
        let gate = Arc::new(AuthGate::new(
            tokens.clone(),
            Arc::new(states),
            Duration::from_millis(config.auth_state_cache_ms),
            config.trusted_proxies.clone(),
        ));
        let services = Services {
            store: store.clone(),
            hasher: password_hasher(&config).await?,
            tokens,
            gate: gate.clone(),
            sessions,
            lockout: lockout_policy(&config),
            sealer,
            export_max_rows: config.export_max_rows,
            oidc: Providers::new(config.oidc_providers.clone(), config.public_url.as_deref())?,
        };
        let limits = Limits {
            max_depth: config.graphql_max_depth,
            max_complexity: config.graphql_max_complexity,
            max_aliases: config.graphql_max_aliases,
            max_tokens: config.graphql_max_tokens as usize,
            max_selections: config.graphql_max_selections as usize,
            max_definitions: config.graphql_max_definitions as usize,
            max_spreads: config.graphql_max_fragment_spreads as usize,
            connections_per_request: config.database_connections_per_request as usize,
            introspection: production::on_unless_production(config.graphql_introspection, &config),
            field_suggestions: production::on_unless_production(
                config.graphql_field_suggestions,
                &config,
            ),
        };
        let api = Api::new(services, limits).with_rate_limits(rate_limits(&config));
        let trusted = TrustedDocuments::load(
            config.trusted_documents.as_deref(),
            production::trusted_documents_only(&config),
        )?;
        let metrics = Metrics::build(&config, &store).await?;
        let state = AppState::new(Shared {
            api: api.with_trusted_documents(trusted).await?,
            store: store.clone(),
            gate,
            max_body_bytes: config.max_body_bytes,
            dashboard: Dashboard::new(config.dashboard_dir.clone()),
            graphql_timeout: Some(config.graphql_timeout).filter(|limit| !limit.is_zero()),
            graphiql_enabled: production::on_unless_production(config.graphiql_enabled, &config),
            hsts: production::hsts(&config),
            body_read_timeout: Duration::from_secs(config.body_read_timeout_seconds),
            metrics: metrics.as_ref().map(Metrics::endpoint),
            live: Arc::new(Live::new(&config.live, cors.clone())),
        });
        let listener = TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("binding {}", config.addr))?;
        Ok(Self {
            listen_url: listen_url(&config, &store)?,
            listener,
            router: router(state, &cors),
            store,
            grace: Duration::from_secs(config.shutdown_grace_seconds),
            audit_retention: audit_retention(&config),
            recurring_every: Some(Duration::from_secs(config.recurring_job_interval_seconds))
                .filter(|every| !every.is_zero()),
            connections: ConnectionLimits {
                header_read: Duration::from_secs(config.header_read_timeout_seconds),
                idle: Duration::from_secs(config.keep_alive_idle_seconds),
                max_connections: config.max_connections as usize,
            },
            metrics,
        })
    }

    /// The address actually bound (with the real port when the config asked for port 0).
    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// The address of the `/metrics` listener, when `TALLY_METRICS_ADDR` asked for one.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref()?.listener_addr()
    }

    /// The store, for tests that look below the API (e.g. counting SQL statements).
    pub fn store(&self) -> Store {
        self.store.clone()
    }

    /// Serve until SIGINT or SIGTERM, then let in-flight requests finish within the grace
    /// period and close the database pool. Meanwhile the audit retention task prunes and the
    /// recurring job writes due dates.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let addr = self.local_addr()?;
        let signal = shutdown_signal()?;
        let retention = self
            .audit_retention
            .map(|keep| RetentionTask::spawn(self.store.clone(), keep));
        let recurring = self
            .recurring_every
            .map(|every| RecurringTask::spawn(self.store.clone(), every));
        tracing::info!(%addr, "tally is listening");
        let listener = self
            .listen_url
            .map(|url| Listener::spawn(url, self.store.events().clone()));
        let background = self.metrics.map(Metrics::start).unwrap_or_default();
        let (router, limits) = (self.router, self.connections);
        server::serve(self.listener, router, limits, signal, self.grace).await;
        for task in background {
            task.abort();
        }
        if let Some(listener) = listener {
            listener.stop();
        }
        if let Some(retention) = retention {
            retention.stop().await;
        }
        if let Some(recurring) = recurring {
            recurring.stop().await;
        }
        self.store.close().await;
        tracing::info!("tally stopped");
        Ok(())
    }
}

/// `tally migrate`: apply pending migrations and exit.
pub async fn migrate(config: &Config) -> anyhow::Result<()> {
    let store = connect(config).await?;
    store
        .migrate()
        .await
        .context("running database migrations")?;
    tracing::info!("migrations applied");
    store.close().await;
    Ok(())
}

/// One connection to the configured database, for the command line's one-off commands.
pub async fn connect_one(config: &Config) -> anyhow::Result<Store> {
    database::connect(config, 1).await
}

async fn connect(config: &Config) -> anyhow::Result<Store> {
    database::connect(config, config.database_max_connections).await
}

/// The signing keys: the current secret, plus the previous one during a rotation.
fn token_keys(
    config: &Config,
    secret: &secret::Secret,
    previous: Option<(secret::Secret, chrono::DateTime<chrono::Utc>)>,
) -> TokenKeys {
    let settings = TokenSettings {
        issuer: config.jwt_issuer.clone(),
        audience: config.jwt_audience.clone(),
        ttl: chrono::Duration::minutes(i64::from(config.access_token_ttl_minutes)),
    };
    let keys = TokenKeys::new(secret, settings);
    match previous {
        Some((previous, valid_until)) => keys.with_previous(&previous, valid_until),
        None => keys,
    }
}

fn session_settings(config: &Config) -> SessionSettings {
    let hours = |h: u32| chrono::Duration::hours(i64::from(h));
    SessionSettings {
        absolute: hours(config.session_absolute_ttl_hours),
        idle: hours(config.session_idle_ttl_hours),
        reuse_grace: chrono::Duration::seconds(i64::from(config.refresh_reuse_grace_seconds)),
        cookie_secure: production::cookie_secure(config),
    }
}

/// On PostgreSQL, where the live-event listener connects: `DATABASE_LISTEN_URL`, else
/// `DATABASE_URL`. Behind a transaction-pooling PgBouncer the start is refused without
/// `DATABASE_LISTEN_URL`: a `LISTEN` sent through the pooler stays on whichever server
/// connection ran it, and its notifications then reach other clients' requests, which fail.
fn listen_url(config: &Config, store: &Store) -> anyhow::Result<Option<String>> {
    if !store.is_postgres() {
        return Ok(None);
    }
    if config.live.database_listen_url.is_none()
        && config.database_pooler == crate::config::DatabasePooler::Transaction
    {
        anyhow::bail!(
            "DATABASE_POOLER=transaction needs DATABASE_LISTEN_URL: live updates LISTEN on a \
             connection of their own, which a transaction pooler cannot keep; set it to a \
             direct connection to PostgreSQL (docs/OPERATIONS.md)"
        );
    }
    Ok(Some(
        config
            .live
            .database_listen_url
            .clone()
            .unwrap_or_else(|| config.database_url()),
    ))
}

/// `AUDIT_RETENTION_DAYS` as a period; 0 keeps audit events forever.
fn audit_retention(config: &Config) -> Option<chrono::Duration> {
    (config.audit_retention_days > 0)
        .then(|| chrono::Duration::days(i64::from(config.audit_retention_days)))
}

fn lockout_policy(config: &Config) -> LockoutPolicy {
    let seconds = |s: u32| chrono::Duration::seconds(i64::from(s));
    LockoutPolicy {
        threshold: config.login_lockout_threshold,
        base: seconds(config.login_lockout_base_seconds),
        max: seconds(config.login_lockout_max_seconds),
    }
}

fn rate_limits(config: &Config) -> RateLimits {
    RateLimits {
        login_per_minute: config.rate_limit_login_per_minute,
        signup_per_hour: config.rate_limit_signup_per_hour,
        refresh_per_minute: config.rate_limit_refresh_per_minute,
    }
}

/// The hasher, with its dummy hash computed now so the first unknown-email login costs
/// what later ones do.
async fn password_hasher(config: &Config) -> anyhow::Result<Arc<PasswordHasher>> {
    let concurrency = config
        .password_hash_concurrency
        .map_or_else(default_concurrency, |n| n as usize);
    let hasher = PasswordHasher::new(config.bcrypt_cost, concurrency)
        .context("starting the password-hashing threads")?;
    hasher
        .warm_up()
        .await
        .map_err(|_| anyhow::anyhow!("preparing the password hasher failed"))?;
    Ok(Arc::new(hasher))
}

fn default_concurrency() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Listen for SIGINT and SIGTERM. The handlers are installed when this is called (before the
/// server says it is listening), so a signal that arrives early is never missed.
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut terminate = signal(SignalKind::terminate()).context("listening for SIGTERM")?;
        let mut interrupt = signal(SignalKind::interrupt()).context("listening for SIGINT")?;
        Ok(async move {
            tokio::select! {
                _ = terminate.recv() => {},
                _ = interrupt.recv() => {},
            }
            tracing::info!("shutdown signal received");
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("shutdown signal received");
        })
    }
}
