//! The buckets every instance shares, in the database (`service::rate_limits`): the same GCRA
//! as [`super::gcra`], the same all-or-nothing charge, with the TAT in a row per bucket. Rows
//! whose time has passed are swept at most once a minute by each instance, after a charge
//! (so a request that charges nothing never waits for it, and one that does, neither: the
//! sweep runs on its own task).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::gcra::Quota;
use super::{ClientKey, Kind, Refusal};
use crate::service::Store;
use crate::service::rate_limits::{self, Charge};

/// How often one instance sweeps out the rows whose time has passed.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// The shared buckets, and when this instance last swept them.
pub struct SharedBuckets {
    store: Store,
    last_sweep_secs: AtomicU64,
}

impl SharedBuckets {
    pub fn new(store: Store) -> Self {
        Self {
            store,
            last_sweep_secs: AtomicU64::new(0),
        }
    }

    /// Charge every `(bucket, quota, units)`, all or nothing; `Ok(Err(wait))` when refused.
    /// A failure of the database refuses the request ([`Refusal::Unavailable`]).
    pub async fn charge(
        &self,
        charges: &[((Kind, ClientKey), Quota, u32)],
    ) -> Result<Result<(), Duration>, Refusal> {
        // More than a burst never passes; refuse before touching the database.
        let too_many = charges
            .iter()
            .filter(|(_, quota, units)| *units > quota.limit());
        if let Some(period) = too_many.map(|(_, quota, _)| quota.period()).max() {
            return Ok(Err(period));
        }
        let charges: Vec<Charge> = charges
            .iter()
            .map(|&((kind, client), quota, units)| Charge {
                bucket: format!("{kind:?}|{client:?}"),
                cost: quota.cost(units),
                period: quota.period(),
            })
            .collect();
        let charged = rate_limits::charge(&self.store, &charges)
            .await
            .map_err(|err| {
                tracing::warn!(error = ?err, "charging the shared rate limits failed");
                Refusal::Unavailable
            })?;
        self.sweep_now_and_then();
        Ok(charged)
    }

    /// Start a sweep on its own task if this instance has not swept for a minute.
    fn sweep_now_and_then(&self) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        let last = self.last_sweep_secs.load(Ordering::Relaxed);
        if now.saturating_sub(last) < SWEEP_EVERY.as_secs() {
            return;
        }
        let swapped =
            self.last_sweep_secs
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed);
        if swapped.is_err() {
            return; // another request of this instance is sweeping
        }
        let store = self.store.clone();
        tokio::spawn(async move {
            match rate_limits::sweep(&store).await {
                Ok(gone) => tracing::debug!(gone, "swept expired rate-limit buckets"),
                Err(err) => tracing::warn!(error = ?err, "sweeping rate-limit buckets failed"),
            }
        });
    }
}
