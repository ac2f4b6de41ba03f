//! One `Config`, read from command-line flags with environment fallbacks (clap `env`), built
//! once by the command line (`crate::cli`) and passed down by value — never a global.
//!
//! Plain settings only: this module imports nothing of Tally, so every layer may read it.
//! What a setting means for a layer (a secret's strength, a proxy's trust) is decided there.

mod live;
mod oidc;
mod values;

use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, ValueEnum};
use ipnet::IpNet;

pub use self::live::LiveConfig;
pub use self::oidc::{OidcProvider, providers_from_env as oidc_providers_from_env};
pub use self::values::{Secret, parse_ip_block};

/// Where the process runs: production refuses unsafe settings instead of warning about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Environment {
    #[default]
    Development,
    Production,
}

/// When the refresh cookie carries `Secure`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CookieSecure {
    #[default]
    Auto,
    Always,
    Never,
}

/// What sits between Tally and PostgreSQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum DatabasePooler {
    /// Tally's own pool talks to PostgreSQL (or a session-pooling PgBouncer) directly.
    #[default]
    None,
    /// A transaction-pooling PgBouncer: no statement cache, every statement in a transaction.
    Transaction,
}

/// Log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Everything `tally serve` needs. Each flag has an environment fallback.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "TALLY_ADDR", default_value = "127.0.0.1:8000")]
    pub addr: SocketAddr,
    /// Database URL (`sqlite://…` or `postgres://…`); defaults to a SQLite file in the data dir.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Largest number of pooled database connections.
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS", default_value_t = 16,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub database_max_connections: u32,
    /// `transaction` when `DATABASE_URL` points at a PgBouncer in transaction-pooling mode
    /// (no prepared-statement cache, every statement inside a transaction; see
    /// docs/OPERATIONS.md, "Behind PgBouncer"); `none` (the default) otherwise.
    #[arg(long, env = "DATABASE_POOLER", value_enum, default_value_t = DatabasePooler::None)]
    pub database_pooler: DatabasePooler,
    /// Live updates (subscriptions over WebSocket).
    #[command(flatten)]
    pub live: LiveConfig,
    /// Longest a statement waits for a pooled connection, in seconds — also while the
    /// database cannot be reached: past it the request fails with `UNAVAILABLE` (HTTP 503)
    /// instead of hanging.
    #[arg(long, env = "DATABASE_ACQUIRE_TIMEOUT_SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub database_acquire_timeout_seconds: u64,
    /// Seconds `tally serve` and `tally migrate` keep trying to reach the database at start
    /// (every second, saying so in the log) before giving up with exit status 69; 0 tries once.
    #[arg(long, env = "DATABASE_CONNECT_WAIT_SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub database_connect_wait_seconds: u64,
    /// Directory for the default SQLite file and the generated development JWT secret.
    #[arg(long, env = "TALLY_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// `development` (default) or `production`.
    #[arg(long = "env", env = "TALLY_ENV", value_enum, default_value_t = Environment::Development)]
    pub environment: Environment,
    /// HS256 signing secret for access tokens, at least 32 bytes; generated in development.
    /// Only from the environment (`JWT_SECRET`, or a file named by `JWT_SECRET_FILE`), never a
    /// flag: a flag would show in `ps` and shell history.
    #[arg(skip)]
    pub jwt_secret: Option<Secret>,
    /// `iss` claim of issued tokens, required on verification.
    #[arg(long, env = "JWT_ISSUER", default_value = "tally")]
    pub jwt_issuer: String,
    /// `aud` claim of issued tokens, required on verification.
    #[arg(long, env = "JWT_AUDIENCE", default_value = "tally-api")]
    pub jwt_audience: String,
    /// Key rotation: the secret being retired. Tokens it signed (matched by their `kid`) keep
    /// verifying until `JWT_PREVIOUS_SECRET_VALID_UNTIL`; nothing new is signed with it. Same
    /// strength rules as `JWT_SECRET`; only from the environment (`JWT_PREVIOUS_SECRET`, or a
    /// file named by `JWT_PREVIOUS_SECRET_FILE`). Default: none.
    #[arg(skip)]
    pub jwt_previous_secret: Option<Secret>,
    /// When tokens signed with the previous secret stop being accepted, as an RFC 3339 instant
    /// (e.g. `2026-12-01T00:00:00Z`); required with a previous secret. At least one
    /// access-token lifetime after the rotation lets every outstanding token run out.
    #[arg(long, env = "JWT_PREVIOUS_SECRET_VALID_UNTIL", value_parser = parse_instant)]
    pub jwt_previous_secret_valid_until: Option<DateTime<Utc>>,
    /// Access-token lifetime in minutes.
    #[arg(long, env = "ACCESS_TOKEN_TTL_MINUTES", default_value_t = 15,
          value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub access_token_ttl_minutes: u32,
    /// Longest a session (a login and its refreshes) lasts, however active, in hours.
    #[arg(long, env = "SESSION_ABSOLUTE_TTL_HOURS", default_value_t = 720,
          value_parser = clap::value_parser!(u32).range(1..=8784))]
    pub session_absolute_ttl_hours: u32,
    /// A session not refreshed for this many hours ends.
    #[arg(long, env = "SESSION_IDLE_TTL_HOURS", default_value_t = 168,
          value_parser = clap::value_parser!(u32).range(1..=8784))]
    pub session_idle_ttl_hours: u32,
    /// Seconds a superseded refresh token is still accepted (two tabs refreshing at once);
    /// replayed later, it revokes its whole session.
    #[arg(long, env = "REFRESH_REUSE_GRACE_SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(0..=300))]
    pub refresh_reuse_grace_seconds: u32,
    /// How long one server instance may reuse what it read about a user's and session's
    /// validity (token version, role, disabled, revoked), in milliseconds: the bound on how
    /// long a revoked access token keeps working. 0 checks the database on every request.
    #[arg(long, env = "AUTH_STATE_CACHE_MS", default_value_t = 2000,
          value_parser = clap::value_parser!(u64).range(0..=30_000))]
    pub auth_state_cache_ms: u64,
    /// The refresh cookie's `Secure` attribute: `auto` (set unless the request's host is
    /// localhost or a loopback address; in production always), `always` or `never` (refused
    /// in production).
    #[arg(long, env = "COOKIE_SECURE", value_enum, default_value_t = CookieSecure::Auto)]
    pub cookie_secure: CookieSecure,
    /// Proxies whose `X-Forwarded-For` is believed: comma-separated IPs or CIDR blocks
    /// (e.g. `10.0.0.0/8,127.0.0.1`). From anyone else the header is ignored.
    #[arg(long, env = "TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_ip_block)]
    pub trusted_proxies: Vec<IpNet>,
    /// Consecutive failed logins after which an account is temporarily locked.
    #[arg(long, env = "LOGIN_LOCKOUT_THRESHOLD", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub login_lockout_threshold: u32,
    /// First lock's length in seconds; each further failure doubles it.
    #[arg(long, env = "LOGIN_LOCKOUT_BASE_SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=86_400))]
    pub login_lockout_base_seconds: u32,
    /// Longest lock, in seconds.
    #[arg(long, env = "LOGIN_LOCKOUT_MAX_SECONDS", default_value_t = 3600,
          value_parser = clap::value_parser!(u32).range(1..=604_800))]
    pub login_lockout_max_seconds: u32,
    /// Password checks (`login`, `changePassword`, `changeEmail`, `deleteMyAccount` fields)
    /// one client IP (an IPv6 client: its /64) may send per minute, in bursts of as many; on
    /// PostgreSQL shared by every instance (in the database), on SQLite in memory. 0 turns
    /// the limit off.
    #[arg(long, env = "RATE_LIMIT_LOGIN_PER_MINUTE", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub rate_limit_login_per_minute: u32,
    /// `signup` fields one client IP may send per hour (shared on PostgreSQL); 0 turns it off.
    #[arg(long, env = "RATE_LIMIT_SIGNUP_PER_HOUR", default_value_t = 20,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub rate_limit_signup_per_hour: u32,
    /// `refreshSession` fields one client IP may send per minute (shared on PostgreSQL); 0
    /// turns it off.
    #[arg(long, env = "RATE_LIMIT_REFRESH_PER_MINUTE", default_value_t = 60,
          value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub rate_limit_refresh_per_minute: u32,
    /// bcrypt cost factor (production requires at least 10).
    #[arg(long, env = "BCRYPT_COST", default_value_t = 12,
          value_parser = clap::value_parser!(u32).range(4..=31))]
    pub bcrypt_cost: u32,
    /// How many password hashes may run at once (default: number of CPUs).
    #[arg(long, env = "PASSWORD_HASH_CONCURRENCY",
          value_parser = clap::value_parser!(u32).range(1..=256))]
    pub password_hash_concurrency: Option<u32>,
    /// Largest accepted request body, in bytes.
    #[arg(long, env = "TALLY_MAX_BODY_BYTES", default_value_t = 3 * 1_048_576)]
    pub max_body_bytes: usize,
    /// Deepest accepted GraphQL selection.
    #[arg(long, env = "GRAPHQL_MAX_DEPTH", default_value_t = 12)]
    pub graphql_max_depth: usize,
    /// Highest accepted GraphQL query complexity.
    #[arg(long, env = "GRAPHQL_MAX_COMPLEXITY", default_value_t = 10_000)]
    pub graphql_max_complexity: usize,
    /// Most aliased fields in one GraphQL document (fragments expanded).
    #[arg(long, env = "GRAPHQL_MAX_ALIASES", default_value_t = 30)]
    pub graphql_max_aliases: usize,
    /// Most tokens in one GraphQL document's text (a string is one token), checked before
    /// it is parsed.
    #[arg(long, env = "GRAPHQL_MAX_TOKENS", default_value_t = 5_000,
          value_parser = clap::value_parser!(u32).range(100..=1_000_000))]
    pub graphql_max_tokens: u32,
    /// Most selections (fields, fragment spreads, inline fragments) in one GraphQL document
    /// with its fragments expanded: what validation and execution visit.
    #[arg(long, env = "GRAPHQL_MAX_SELECTIONS", default_value_t = 5_000,
          value_parser = clap::value_parser!(u32).range(100..=1_000_000))]
    pub graphql_max_selections: u32,
    /// Most operations and fragments defined in one GraphQL document.
    #[arg(long, env = "GRAPHQL_MAX_DEFINITIONS", default_value_t = 100,
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub graphql_max_definitions: u32,
    /// Most fragment spreads written in one operation or fragment.
    #[arg(long, env = "GRAPHQL_MAX_FRAGMENT_SPREADS", default_value_t = 50,
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub graphql_max_fragment_spreads: u32,
    /// Most rows one export holds: transactions in `exportTransactions`, rows of every
    /// kind in `exportMyData` (both are built in memory, so this bounds what one request can
    /// make the server hold).
    #[arg(long, env = "EXPORT_MAX_ROWS", default_value_t = 100_000,
          value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub export_max_rows: u64,
    /// Most pooled database connections one request uses at once (its fields and
    /// dataloaders wait for one another beyond that).
    #[arg(long, env = "DATABASE_CONNECTIONS_PER_REQUEST", default_value_t = 2,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub database_connections_per_request: u32,
    /// Serve GraphiQL at `GET /graphql` (a GET without `query`); when off, that is a 404.
    /// Unset: on in development, off in production.
    #[arg(long, env = "GRAPHIQL_ENABLED", action = clap::ArgAction::Set,
          value_parser = clap::builder::BoolishValueParser::new())]
    pub graphiql_enabled: Option<bool>,
    /// Answer introspection (`__schema`, `__type`); when off, such documents are refused.
    /// Unset: on in development, off in production.
    #[arg(long, env = "GRAPHQL_INTROSPECTION", action = clap::ArgAction::Set,
          value_parser = clap::builder::BoolishValueParser::new())]
    pub graphql_introspection: Option<bool>,
    /// Refuse any GraphQL document that is not a trusted one (named by `documentId`).
    /// Unset: on in production, off in development.
    #[arg(long, env = "TRUSTED_DOCUMENTS_ONLY", action = clap::ArgAction::Set,
          value_parser = clap::builder::BoolishValueParser::new())]
    pub trusted_documents_only: Option<bool>,
    /// The trusted documents (`{"sha256:<hex>": "document", …}`); unset: the dashboard's,
    /// compiled in.
    #[arg(long, env = "TRUSTED_DOCUMENTS", value_name = "PATH")]
    pub trusted_documents: Option<std::path::PathBuf>,
    /// "Did you mean …?" hints in validation errors; unset: on in development, off in production.
    #[arg(long, env = "GRAPHQL_FIELD_SUGGESTIONS", action = clap::ArgAction::Set,
          value_parser = clap::builder::BoolishValueParser::new())]
    pub graphql_field_suggestions: Option<bool>,
    /// Longest one GraphQL request may run, in seconds (0: no limit); past it, HTTP 504.
    #[arg(long = "graphql-timeout-seconds", env = "GRAPHQL_TIMEOUT_SECONDS", default_value = "30",
          value_name = "SECONDS",
          value_parser = clap::builder::TypedValueParser::map(
              clap::value_parser!(u64).range(0..=86_400), std::time::Duration::from_secs))]
    pub graphql_timeout: std::time::Duration,
    /// Browser origins allowed to call the API cross-origin, comma-separated, each exactly
    /// `scheme://host[:port]`; empty (the default) allows none. `*` is refused.
    #[arg(long, env = "CORS_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub cors_allowed_origins: Vec<String>,
    /// Seconds a client has to send a request's head (request line and headers): from
    /// accepting the connection, or from the first byte of a later request on it. Past it the
    /// connection is closed (a slow-headers attack holds nothing for long).
    #[arg(long, env = "TALLY_HEADER_READ_TIMEOUT_SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub header_read_timeout_seconds: u64,
    /// Seconds a client has to send a request's whole body once its head is in; past it the
    /// request is answered HTTP 408 and the connection closed.
    #[arg(long, env = "TALLY_BODY_READ_TIMEOUT_SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_read_timeout_seconds: u64,
    /// Seconds a kept-alive connection may sit idle between requests (or its client leave a
    /// response unread) before it is closed;
    /// longer than the usual proxy or load balancer idle timeout (60 s), so a proxy never
    /// reuses a connection that Tally is closing.
    #[arg(long, env = "TALLY_KEEP_ALIVE_IDLE_SECONDS", default_value_t = 75,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub keep_alive_idle_seconds: u64,
    /// Most client connections served at once; further ones wait in the operating system's
    /// accept queue until one closes.
    #[arg(long, env = "TALLY_MAX_CONNECTIONS", default_value_t = 1024,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: u32,
    /// Seconds in-flight requests get to finish after SIGINT/SIGTERM.
    #[arg(long, env = "TALLY_SHUTDOWN_GRACE_SECONDS", default_value_t = 10)]
    pub shutdown_grace_seconds: u64,
    /// Log format: `text` or `json`. Levels come from `RUST_LOG`.
    #[arg(long, env = "TALLY_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Serve the built dashboard from this directory (`frontend/dist` after `npm run build`
    /// in `frontend/`; relative to the working directory) instead of the one embedded in the
    /// binary: for development, where a new build shows without a restart.
    #[arg(long, env = "TALLY_DASHBOARD_DIR")]
    pub dashboard_dir: Option<PathBuf>,
    /// Serve `/metrics` (Prometheus text format) on this address too, without a token: meant
    /// for loopback or a private network where the scraper runs (e.g. `127.0.0.1:9464`).
    /// Unset (default): no metrics listener.
    #[arg(long, env = "TALLY_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// Bearer token that `/metrics` on the main port asks for, at least 16 characters; only
    /// from the environment (`TALLY_METRICS_TOKEN`), never a flag. Unset (default) and
    /// without `TALLY_METRICS_ADDR`, `/metrics` is a 404 and nothing is measured.
    #[arg(skip)]
    pub metrics_token: Option<Secret>,
    /// Where browsers reach Tally (`https://tally.example.com`): OpenID Connect redirect URIs
    /// are `<this>/auth/oidc/<provider>/callback`. Required with `OIDC_PROVIDERS`.
    #[arg(long, env = "TALLY_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// OpenID Connect sign-in providers: only from the environment (`OIDC_PROVIDERS` and
    /// `OIDC_<NAME>_*`, see docs/CONFIGURATION.md). Default: none.
    #[arg(skip)]
    pub oidc_providers: Vec<OidcProvider>,
    /// Days audit events are kept: older ones are deleted at start-up and then hourly.
    /// 0 keeps them forever.
    #[arg(long, env = "AUDIT_RETENTION_DAYS", default_value_t = 365,
          value_parser = clap::value_parser!(u32).range(0..=36_500))]
    pub audit_retention_days: u32,
    /// Seconds between runs of the recurring job (at start-up, then this often), which
    /// writes the recurring schedules' due dates. 0 turns it off in this instance.
    #[arg(long, env = "RECURRING_JOB_INTERVAL_SECONDS", default_value_t = 300,
          value_parser = clap::value_parser!(u64).range(0..=86_400))]
    pub recurring_job_interval_seconds: u64,
}

impl Config {
    /// Defaults for everything, as `tally serve` with no flags and no environment would use.
    /// Tests start from this and override what they need.
    pub fn defaults() -> Self {
        /// `tally serve`'s flags alone, to parse an empty command line.
        #[derive(Parser)]
        struct Serve {
            #[command(flatten)]
            config: Config,
        }
        Serve::parse_from(["tally"]).config
    }

    /// The configured database URL, or the SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}/tally.db?mode=rwc", self.data_dir.display()),
        }
    }
}

/// An RFC 3339 instant (`2026-12-01T00:00:00Z`, any offset), as UTC.
fn parse_instant(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|instant| instant.with_timezone(&Utc))
        .map_err(|err| format!("expected an RFC 3339 instant like 2026-12-01T00:00:00Z: {err}"))
}
