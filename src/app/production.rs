//! What `TALLY_ENV=production` changes, and the check of the settings at start-up.
//!
//! Safe by default in production:
//! - GraphiQL, introspection and "Did you mean …?" suggestions are off unless set (as Apollo
//!   Server does); an explicit `true` still wins, with a warning;
//! - only trusted documents (the dashboard's persisted operations) run, unless
//!   `TRUSTED_DOCUMENTS_ONLY=false` (with a warning);
//! - the refresh cookie is always `Secure`: `COOKIE_SECURE=auto` stops looking at the `Host`
//!   header, which the client chooses;
//! - every response carries `Strict-Transport-Security` (HSTS).
//!
//! [`check`] refuses to start (exit code 1) on what is unsafe in production — a bcrypt cost
//! below [`MIN_PRODUCTION_BCRYPT_COST`], `COOKIE_SECURE=never`, a CORS origin over plain
//! `http://`, a trusted-proxy block of every address, a metrics address open to every network without a
//! token — and returns warnings, logged loudly at
//! start, for what may be deliberate but weakens a guarantee.

use std::net::IpAddr;

use crate::config::{Config, CookieSecure, Environment};

/// Lowest bcrypt cost a production start accepts.
pub const MIN_PRODUCTION_BCRYPT_COST: u32 = 10;

fn production(config: &Config) -> bool {
    config.environment == Environment::Production
}

/// A switch that describes the server to strangers: as set, or on in development only.
pub fn on_unless_production(explicit: Option<bool>, config: &Config) -> bool {
    explicit.unwrap_or(!production(config))
}

/// Whether only trusted documents run: as set, or in production only.
pub fn trusted_documents_only(config: &Config) -> bool {
    config.trusted_documents_only.unwrap_or(production(config))
}

/// When the refresh cookie is `Secure`: in production `auto` means always.
pub fn cookie_secure(config: &Config) -> CookieSecure {
    match config.cookie_secure {
        CookieSecure::Auto if production(config) => CookieSecure::Always,
        setting => setting,
    }
}

/// Whether every response carries HSTS: in production, where Tally is served over HTTPS.
pub fn hsts(config: &Config) -> bool {
    production(config)
}

/// `Err` with the reason when `config` must not start; otherwise the warnings to log.
pub fn check(config: &Config) -> anyhow::Result<Vec<String>> {
    let mut warnings = Vec::new();
    let trusts_everyone = config.trusted_proxies.iter().any(|block| {
        // ipnet: a block of every address has prefix length 0.
        block.prefix_len() == 0
    });
    let everyone = "TRUSTED_PROXIES lists a block of every address: any client can choose \
                    the IP that rate limits and the audit log see";
    if !production(config) {
        if trusts_everyone {
            warnings.push(everyone.to_owned());
        }
        return Ok(warnings);
    }
    if config.bcrypt_cost < MIN_PRODUCTION_BCRYPT_COST {
        anyhow::bail!(
            "BCRYPT_COST={} is too low for production; use at least {MIN_PRODUCTION_BCRYPT_COST}",
            config.bcrypt_cost
        );
    }
    if config.cookie_secure == CookieSecure::Never {
        anyhow::bail!(
            "COOKIE_SECURE=never is refused in production: the refresh cookie would travel over \
             plain HTTP; serve Tally behind TLS and use auto or always"
        );
    }
    let plain = config.cors_allowed_origins.iter().find(|origin| {
        let origin = origin.trim().to_ascii_lowercase();
        origin.starts_with("http://")
    });
    if let Some(origin) = plain {
        anyhow::bail!(
            "CORS_ALLOWED_ORIGINS lists {origin:?} in production: a page served over plain HTTP \
             can be changed in transit and would act for signed-in users; list https:// origins"
        );
    }
    if trusts_everyone {
        anyhow::bail!("{everyone}; list your proxies' addresses");
    }
    if let Some(addr) = config.metrics_addr
        && config.metrics_token.is_none()
        && reachable_from_anywhere(addr.ip())
    {
        anyhow::bail!(
            "TALLY_METRICS_ADDR={addr} in production without TALLY_METRICS_TOKEN: anyone who \
             reaches that address reads the metrics; bind it to loopback or a private network, \
             or set a token"
        );
    }
    let switches = [
        ("GRAPHIQL_ENABLED", config.graphiql_enabled),
        ("GRAPHQL_INTROSPECTION", config.graphql_introspection),
        (
            "GRAPHQL_FIELD_SUGGESTIONS",
            config.graphql_field_suggestions,
        ),
    ];
    for (name, setting) in switches {
        if setting == Some(true) {
            warnings.push(format!(
                "{name}=true in production: the server describes its schema to anyone"
            ));
        }
    }
    if config.trusted_documents_only == Some(false) {
        warnings.push(
            "TRUSTED_DOCUMENTS_ONLY=false in production: any client may send documents of its \
             own, not only the dashboard's"
                .to_owned(),
        );
    }
    if config.trusted_proxies.is_empty() {
        warnings.push(
            "TRUSTED_PROXIES is empty in production: behind a TLS proxy every client has the \
             proxy's address, so they share one rate-limit bucket and the audit log cannot tell \
             them apart; list the proxies' addresses"
                .to_owned(),
        );
    }
    let limits = [
        (
            "RATE_LIMIT_LOGIN_PER_MINUTE",
            config.rate_limit_login_per_minute,
        ),
        (
            "RATE_LIMIT_SIGNUP_PER_HOUR",
            config.rate_limit_signup_per_hour,
        ),
        (
            "RATE_LIMIT_REFRESH_PER_MINUTE",
            config.rate_limit_refresh_per_minute,
        ),
    ];
    for (name, limit) in limits {
        if limit == 0 {
            warnings.push(format!("{name}=0 in production: that rate limit is off"));
        }
    }
    Ok(warnings)
}

/// Whether `ip` is neither loopback nor a private or link-local network's: an unspecified
/// address (`0.0.0.0`, `::`) listens on every interface, public ones included.
fn reachable_from_anywhere(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => {
            ip.is_unspecified() || !(ip.is_loopback() || ip.is_private() || ip.is_link_local())
        }
        IpAddr::V6(ip) => {
            let unique_local = (ip.segments()[0] & 0xfe00) == 0xfc00;
            let link_local = (ip.segments()[0] & 0xffc0) == 0xfe80;
            ip.is_unspecified() || !(ip.is_loopback() || unique_local || link_local)
        }
    }
}
