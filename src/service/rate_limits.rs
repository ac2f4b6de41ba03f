//! Rate-limit buckets shared by every instance on one PostgreSQL database (the limiter above,
//! `graphql::rate_limit`, keeps them in memory on SQLite).
//!
//! A bucket is one row: a key (a hash of the bucket's name, so no client address is stored)
//! and its GCRA *theoretical arrival time* (TAT) in microseconds, read from the database's
//! clock so that instances with skewed clocks agree. Charging `cost` with a tolerance of
//! `period` is one `INSERT … ON CONFLICT DO UPDATE … WHERE` that moves the TAT forward only if
//! the result stays within `now + period`, and returns whether it did: the row lock
//! serializes racing instances, so two of them can neither both spend the last unit nor lose
//! one. A request charging several buckets charges them in one transaction, in a fixed order
//! (no deadlock), and rolls back if any refuses: all or nothing, as in memory.
//!
//! Only the busiest keys contend: a row is touched by its own client's charged requests only,
//! each holding its lock for one statement. Rows are bounded in time rather than number: one
//! whose TAT has passed means the same as no row, so [`sweep`] deletes them (through the TAT
//! index); a row outlives its client's last charge by at most its quota's period.

use std::time::Duration;

use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use sha2::{Digest, Sha256};

use super::Store;
use crate::error::AppResult;

/// One bucket's charge: `cost` of it, refused if the bucket would run more than `period`
/// ahead of now.
#[derive(Debug, Clone)]
pub struct Charge {
    /// The bucket's name (the limit and the client); stored only as a hash.
    pub bucket: String,
    pub cost: Duration,
    pub period: Duration,
}

/// The database's clock, in microseconds since the epoch.
const NOW_US: &str = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint";

/// Charge every bucket, all or nothing: `Ok(Ok(()))` when all took their cost, `Ok(Err(wait))`
/// with the longest wait until all could when any refused (then none is charged).
pub async fn charge(store: &Store, charges: &[Charge]) -> AppResult<Result<(), Duration>> {
    match charges {
        [] => Ok(Ok(())),
        [one] => Ok(charge_one(store, one).await?),
        many => {
            let txn = store.begin().await?;
            let mut wait = Duration::ZERO;
            for one in many {
                if let Err(refused) = charge_one(&*txn, one).await? {
                    wait = wait.max(refused);
                }
            }
            if wait.is_zero() {
                txn.commit().await?;
                Ok(Ok(()))
            } else {
                txn.rollback().await?;
                Ok(Err(wait))
            }
        }
    }
}

/// One bucket in one statement. When it refuses, the same statement reads the bucket as it
/// stood (its snapshot) to say how long to wait; a concurrent charge can make that a little
/// short, which only means a client retrying early is refused again.
async fn charge_one(
    db: &impl ConnectionTrait,
    charge: &Charge,
) -> Result<Result<(), Duration>, sea_orm::DbErr> {
    let sql = format!(
        "WITH n AS (SELECT {NOW_US} AS us), \
         charged AS ( \
           INSERT INTO rate_limits AS r (bucket, tat_us) \
           SELECT $1, n.us + $2 FROM n \
           ON CONFLICT (bucket) DO UPDATE \
             SET tat_us = GREATEST(r.tat_us, EXCLUDED.tat_us - $2) + $2 \
             WHERE GREATEST(r.tat_us, EXCLUDED.tat_us - $2) + $2 - (EXCLUDED.tat_us - $2) <= $3 \
           RETURNING 1 AS ok) \
         SELECT (SELECT count(*) FROM charged) AS charged, \
                (SELECT GREATEST(r.tat_us, n.us) + $2 - n.us - $3 \
                 FROM rate_limits r WHERE r.bucket = $1) AS wait_us \
         FROM n"
    );
    let values: [Value; 3] = [
        key(&charge.bucket).into(),
        micros(charge.cost).into(),
        micros(charge.period).into(),
    ];
    let statement = Statement::from_sql_and_values(DbBackend::Postgres, sql, values);
    let row = db
        .query_one_raw(statement)
        .await?
        .ok_or_else(|| sea_orm::DbErr::RecordNotFound("rate limit charge".to_owned()))?;
    let charged: i64 = row.try_get("", "charged")?;
    if charged > 0 {
        return Ok(Ok(()));
    }
    let wait_us: Option<i64> = row.try_get("", "wait_us")?;
    let wait = wait_us.map_or(0, |us| u64::try_from(us).unwrap_or(0));
    Ok(Err(Duration::from_micros(wait).max(Duration::from_secs(1))))
}

/// Delete every bucket whose time has passed; returns how many went.
pub async fn sweep(store: &Store) -> AppResult<u64> {
    let sql = format!("DELETE FROM rate_limits WHERE tat_us < {NOW_US}");
    let done = store
        .execute_raw(Statement::from_string(DbBackend::Postgres, sql))
        .await?;
    Ok(done.rows_affected())
}

/// The stored key of a bucket: 128 bits of its name's SHA-256, in hex.
fn key(bucket: &str) -> String {
    let digest = Sha256::digest(bucket.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// A duration in whole microseconds, as the database counts them.
fn micros(duration: Duration) -> i64 {
    i64::try_from(duration.as_micros()).unwrap_or(i64::MAX)
}
