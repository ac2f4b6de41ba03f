//! Per-client-IP rate limits on the mutations an attacker repeats: every password check
//! (`login`, and `changePassword`, `changeEmail` and `deleteMyAccount`, which a stolen access
//! token could otherwise use to guess the password), and every two-factor check
//! (`completeTwoFactorLogin` and the two-factor settings) in one bucket, `signup` (a password
//! hash) and `refreshSession`.
//!
//! Checked on the parsed document before anything executes: every root field of the
//! operation that will run is charged to its bucket, aliases and fragment spreads each
//! counting once, so one request cannot hide many attempts. Over the limit, the whole request
//! is refused — HTTP 429 with `Retry-After`, `extensions.code = RATE_LIMITED` and
//! `extensions.retryAfter` — and nothing runs. Fields skipped by `@skip`/`@include` are
//! charged all the same (an over-count only the sender pays for).
//!
//! Buckets are keyed by client IP as [`ClientInfo`](crate::auth::ClientInfo) found it
//! (`X-Forwarded-For` only through `TRUSTED_PROXIES`); an IPv6 client by its /64, the block a
//! single subscriber usually holds. On PostgreSQL the buckets live in the database, so every
//! instance behind a load balancer charges the same ones (`service::rate_limits`: one atomic
//! statement per charged bucket); on SQLite (one process) they live in this process's memory
//! ([`gcra`]). A request that charges nothing costs nothing either way.

pub mod gcra;
mod shared;

use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Field, OperationDefinition, OperationType,
};
use async_graphql::{ErrorExtensionValues, Response, ServerError};
use axum::http::HeaderValue;
use axum::http::header::RETRY_AFTER;

use self::gcra::{Buckets, Quota};
use super::errors::code;
use super::limits::{PASSWORD_CHECKS, count_root_fields};
use crate::error::AppError;
use crate::service::Store;

/// Most client keys one limiter remembers; past this the least recently busy are forgotten.
const CAPACITY: usize = 100_000;

/// The configured limits; 0 turns one off.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    pub login_per_minute: u32,
    pub signup_per_hour: u32,
    pub refresh_per_minute: u32,
}

/// The rate-limited root mutation fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Login,
    Signup,
    Refresh,
}

impl Kind {
    /// Does a root field belong to this kind?
    fn matcher(self) -> fn(&Field) -> bool {
        match self {
            Self::Login => |f| PASSWORD_CHECKS.contains(&f.name.node.as_str()),
            Self::Signup => |f| f.name.node == "signup",
            Self::Refresh => |f| f.name.node == "refreshSession",
        }
    }
}

/// Whom a bucket belongs to: an IPv4 address, an IPv6 /64, or every request whose peer
/// address is unknown (none in practice: the server always knows its TCP peer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ClientKey {
    V4([u8; 4]),
    V6Net([u8; 8]),
    Unknown,
}

impl ClientKey {
    fn of(ip: Option<IpAddr>) -> Self {
        match ip.map(|ip| ip.to_canonical()) {
            Some(IpAddr::V4(v4)) => Self::V4(v4.octets()),
            Some(IpAddr::V6(v6)) => {
                let mut net = [0u8; 8];
                net.copy_from_slice(&v6.octets()[..8]);
                Self::V6Net(net)
            }
            None => Self::Unknown,
        }
    }
}

/// The rate limiter of one server instance.
pub struct RateLimiter {
    quotas: [(Kind, Option<Quota>); 3],
    buckets: Place,
}

/// Where the buckets live.
enum Place {
    /// In this process (SQLite: one process).
    Memory(Mutex<Buckets<(Kind, ClientKey)>>),
    /// In the database every instance shares (PostgreSQL).
    Shared(shared::SharedBuckets),
}

/// A refused request: retry after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimited {
    pub retry_after_secs: u64,
}

/// Why a request is not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Over a limit.
    Limited(RateLimited),
    /// The shared buckets could not be charged (the database failed; logged): refused
    /// rather than let through uncounted.
    Unavailable,
}

impl RateLimiter {
    /// A limiter enforcing `limits` with its buckets in memory.
    pub fn new(limits: RateLimits) -> Self {
        Self::with_buckets(
            limits,
            Place::Memory(Mutex::new(Buckets::new(CAPACITY, Instant::now()))),
        )
    }

    /// A limiter enforcing `limits` with its buckets in `store` when it is PostgreSQL (shared
    /// by every instance), else in memory.
    pub fn for_store(limits: RateLimits, store: &Store) -> Self {
        if !store.is_postgres() {
            return Self::new(limits);
        }
        Self::with_buckets(
            limits,
            Place::Shared(shared::SharedBuckets::new(store.clone())),
        )
    }

    fn with_buckets(limits: RateLimits, buckets: Place) -> Self {
        let minute = Duration::from_secs(60);
        Self {
            quotas: [
                (Kind::Login, Quota::new(limits.login_per_minute, minute)),
                (
                    Kind::Signup,
                    Quota::new(limits.signup_per_hour, minute * 60),
                ),
                (Kind::Refresh, Quota::new(limits.refresh_per_minute, minute)),
            ],
            buckets,
        }
    }

    /// A limiter that admits everything.
    pub fn off() -> Self {
        Self::new(RateLimits {
            login_per_minute: 0,
            signup_per_hour: 0,
            refresh_per_minute: 0,
        })
    }

    /// Charge the rate-limited fields of the operation `operation_name` selects in `document`
    /// to the bucket of `client`; refused if any bucket is over its limit.
    pub async fn admit(
        &self,
        document: &ExecutableDocument,
        operation_name: Option<&str>,
        client: Option<IpAddr>,
    ) -> Result<(), Refusal> {
        let Some(operation) = selected(document, operation_name) else {
            return Ok(());
        };
        let key = ClientKey::of(client);
        let mut charges = Vec::new();
        for (kind, quota) in self.quotas {
            let Some(quota) = quota else { continue };
            let units = count(document, operation, kind);
            if units > 0 {
                charges.push(((kind, key), quota, units));
            }
        }
        if charges.is_empty() {
            return Ok(());
        }
        self.charge(&charges).await
    }

    /// Charge one sign-in through a provider to `client`'s login bucket.
    pub async fn admit_sign_in(&self, client: Option<IpAddr>) -> Result<(), Refusal> {
        let Some((kind, Some(quota))) = self.quotas.into_iter().find(|(k, _)| *k == Kind::Login)
        else {
            return Ok(());
        };
        self.charge(&[((kind, ClientKey::of(client)), quota, 1)])
            .await
    }

    async fn charge(&self, charges: &[((Kind, ClientKey), Quota, u32)]) -> Result<(), Refusal> {
        let charged = match &self.buckets {
            Place::Memory(buckets) => buckets
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .charge(charges, Instant::now()),
            Place::Shared(buckets) => buckets.charge(charges).await?,
        };
        charged.map_err(|wait| {
            Refusal::Limited(RateLimited {
                retry_after_secs: whole_seconds(wait),
            })
        })
    }
}

/// How many fields of `kind` the operation holds at its root. A document nested too deeply
/// to count (the limits check refuses it first) counts as more than any limit.
fn count(document: &ExecutableDocument, operation: &OperationDefinition, kind: Kind) -> u32 {
    count_root_fields(document, operation, kind.matcher())
        .map_or(u32::MAX, |units| u32::try_from(units).unwrap_or(u32::MAX))
}

/// The mutation that will run, chosen exactly as async-graphql chooses it; `None` when it
/// is not a mutation or no operation can run (then execution refuses the request).
fn selected<'d>(
    document: &'d ExecutableDocument,
    operation_name: Option<&str>,
) -> Option<&'d OperationDefinition> {
    let operation = match (&document.operations, operation_name) {
        (DocumentOperations::Single(_), Some(_)) => None,
        (DocumentOperations::Single(op), None) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        (DocumentOperations::Multiple(_), None) => None,
    }?;
    (operation.node.ty == OperationType::Mutation).then_some(&operation.node)
}

/// A wait in whole seconds, rounded up and at least 1 (`Retry-After` has no fractions).
fn whole_seconds(wait: Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

impl Refusal {
    /// The GraphQL response of a refused request.
    pub fn response(self) -> Response {
        match self {
            Self::Limited(limited) => limited.response(),
            Self::Unavailable => {
                let mut error = ServerError::new(AppError::Unavailable.message(), None);
                let mut extensions = ErrorExtensionValues::default();
                extensions.set("code", code::UNAVAILABLE);
                error.extensions = Some(extensions);
                Response::from_errors(vec![error])
            }
        }
    }
}

impl RateLimited {
    /// The GraphQL response of a refused request: one `RATE_LIMITED` error with
    /// `extensions.retryAfter`, and the `Retry-After` header.
    pub fn response(self) -> Response {
        let secs = self.retry_after_secs;
        let app_error = AppError::RateLimited {
            retry_after_secs: secs,
        };
        let mut error = ServerError::new(app_error.message(), None);
        let mut extensions = ErrorExtensionValues::default();
        extensions.set("code", code::RATE_LIMITED);
        extensions.set("retryAfter", secs);
        error.extensions = Some(extensions);
        let mut response = Response::from_errors(vec![error]);
        response
            .http_headers
            .insert(RETRY_AFTER, HeaderValue::from(secs));
        response
    }
}

/// Was this response a rate-limit refusal (to be answered with HTTP 429)?
pub fn refused(response: &Response) -> bool {
    response.http_headers.contains_key(RETRY_AFTER)
        && response.errors.iter().any(|err| {
            err.path.is_empty()
                && err
                    .extensions
                    .as_ref()
                    .and_then(|ext| ext.get("code"))
                    .is_some_and(|c| *c == async_graphql::Value::from(code::RATE_LIMITED))
        })
}

#[cfg(test)]
mod tests;
