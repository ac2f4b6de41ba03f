//! Several instances on one PostgreSQL database, as behind a load balancer, driven
//! alternately: sessions and roles (`sessions`), the account lock and the rate limits
//! (`limits`), idempotency keys, imports and transfers racing (`races`). `scripts/test` runs
//! this set a second time with the instances behind a transaction-pooling PgBouncer
//! (`TEST_POOLER_URL`). On SQLite (one process by design) each test returns at once with a
//! note. The faults (database down at start or lost under load, kill -9, graceful shutdown)
//! are in `faults`.

mod faults;
mod limits;
mod races;
mod sessions;

use tally::config::Config;

use crate::helpers::TestApp;

/// Is the suite on PostgreSQL? If not, says the test is skipped.
pub fn on_postgres(test: &str) -> bool {
    let on = std::env::var("TEST_DATABASE_URL").is_ok_and(|url| !url.is_empty());
    if !on {
        eprintln!("{test}: skipped, needs PostgreSQL (TEST_DATABASE_URL)");
    }
    on
}

/// Two instances on one fresh PostgreSQL database with `adjust` applied to both; `None`
/// (the test skipped) on SQLite.
pub async fn two_instances(
    test: &str,
    adjust: impl Fn(&mut Config) + Clone,
) -> Option<(TestApp, TestApp)> {
    if !on_postgres(test) {
        return None;
    }
    let first = TestApp::spawn_shared_with(adjust.clone()).await;
    let second = first.another_instance_with(adjust).await;
    Some((first, second))
}
