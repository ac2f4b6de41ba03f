//! The settings of live updates: GraphQL subscriptions over WebSocket (`/graphql`).

use clap::Args;

/// Subscriptions: the PostgreSQL listener and the bounds of one WebSocket connection.
#[derive(Debug, Clone, Args)]
pub struct LiveConfig {
    /// Where each instance LISTENs for the others' live events on PostgreSQL: a direct
    /// connection (or a session-pooling PgBouncer), never a transaction-pooling one.
    /// Default: `DATABASE_URL`.
    #[arg(long, env = "DATABASE_LISTEN_URL", hide_env_values = true)]
    pub database_listen_url: Option<String>,
    /// Seconds a new WebSocket has to send `connection_init` (then close code 4408).
    #[arg(long, env = "TALLY_WS_INIT_TIMEOUT_SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub ws_init_timeout_seconds: u64,
    /// Subscriptions one connection may hold at once.
    #[arg(long, env = "TALLY_WS_MAX_SUBSCRIPTIONS", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub ws_max_subscriptions: u32,
    /// WebSocket connections one user may hold at once, on each instance.
    #[arg(long, env = "TALLY_WS_MAX_CONNECTIONS_PER_USER", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub ws_max_connections_per_user: u32,
    /// Largest WebSocket message a client may send, in bytes.
    #[arg(long, env = "TALLY_WS_MAX_MESSAGE_BYTES", default_value_t = 65_536,
          value_parser = clap::value_parser!(u32).range(1024..=16_777_216))]
    pub ws_max_message_bytes: u32,
    /// WebSocket connection attempts one client IP may make per minute (per instance).
    #[arg(long, env = "TALLY_WS_CONNECTS_PER_MINUTE", default_value_t = 60,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub ws_connects_per_minute: u32,
    /// Seconds between two checks of a connection's token against the database (revocation
    /// that no live event announced, e.g. while the listener was away).
    #[arg(long, env = "TALLY_WS_RECHECK_SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub ws_recheck_seconds: u64,
}
