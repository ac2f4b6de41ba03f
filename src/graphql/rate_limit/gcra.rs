//! Keyed GCRA (generic cell rate algorithm) buckets in bounded memory.
//!
//! A bucket is one instant per key, its *theoretical arrival time* (TAT): a quota of `limit`
//! per `period` lets one unit in every `period / limit`, with bursts of up to `limit`. A key
//! whose TAT has passed is indistinguishable from a key never seen, so it is simply dropped:
//! idle keys are swept out every [`SWEEP_EVERY`], and when the table is full the keys
//! closest to idle go first, so memory never exceeds `capacity` entries.
//!
//! Why not `governor`: its keyed limiter charges one key at a time, so a document holding a
//! `login` and a refused `signup` would still have spent its login attempt although nothing
//! ran; here [`Buckets::charge`] is all or nothing across every bucket a request touches
//! (`a_refused_charge_charges_nothing`). And its keyed state grows with every new key until
//! `retain_recent` is called, with no bound; here the table has a hard `capacity` and keeps
//! its busiest keys when full — the property that matters when an attacker can bring endless
//! IPv6 prefixes. Adopting it would change behaviour the tests hold, so this stays ours.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

/// How often idle keys are swept out even when the table is not full.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// `limit` units per `period`, in bursts of at most `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    period: Duration,
    interval: Duration,
    limit: u32,
}

impl Quota {
    /// `limit` units per `period`; `None` when `limit` is 0 (no limit at all).
    pub fn new(limit: u32, period: Duration) -> Option<Self> {
        (limit > 0).then(|| Self {
            period,
            interval: period / limit,
            limit,
        })
    }
}

impl Quota {
    /// The units a burst may hold.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// How long the whole burst takes to refill.
    pub fn period(&self) -> Duration {
        self.period
    }

    /// What `units` cost: one interval each.
    pub fn cost(&self, units: u32) -> Duration {
        self.interval * units
    }
}

/// The buckets of one limiter: a TAT per key, at most `capacity` of them.
pub struct Buckets<K> {
    tats: HashMap<K, Instant>,
    capacity: usize,
    last_sweep: Instant,
}

impl<K: Hash + Eq + Copy> Buckets<K> {
    /// An empty table holding at most `capacity` keys.
    pub fn new(capacity: usize, now: Instant) -> Self {
        Self {
            tats: HashMap::new(),
            capacity: capacity.max(1),
            last_sweep: now,
        }
    }

    /// Charge every `(key, quota, units)` at `now`, all or nothing: if any bucket cannot take
    /// its units, none is charged and the answer is how long to wait until all could (the
    /// quota's whole period if the units exceed its burst, which no wait can fix).
    pub fn charge(&mut self, charges: &[(K, Quota, u32)], now: Instant) -> Result<(), Duration> {
        let mut wait = Duration::ZERO;
        let mut tats = Vec::with_capacity(charges.len());
        for &(key, quota, units) in charges {
            if units > quota.limit {
                wait = wait.max(quota.period);
                continue;
            }
            let start = self.tats.get(&key).map_or(now, |&tat| tat.max(now));
            let tat = start + quota.interval * units;
            let ahead = tat.saturating_duration_since(now);
            wait = wait.max(ahead.saturating_sub(quota.period));
            tats.push((key, tat));
        }
        if !wait.is_zero() {
            return Err(wait);
        }
        self.make_room(tats.len(), now);
        self.tats.extend(tats);
        Ok(())
    }

    /// Keys held.
    #[cfg(test)]
    #[allow(clippy::len_without_is_empty)] // a count for tests, never a collection
    pub fn len(&self) -> usize {
        self.tats.len()
    }

    /// Drop idle keys now and then, and make room for `incoming` new keys when full.
    fn make_room(&mut self, incoming: usize, now: Instant) {
        let full = self.tats.len().saturating_add(incoming) > self.capacity;
        if full || now.saturating_duration_since(self.last_sweep) >= SWEEP_EVERY {
            self.tats.retain(|_, tat| *tat > now);
            self.last_sweep = now;
        }
        if self.tats.len().saturating_add(incoming) > self.capacity {
            self.evict_nearest_to_idle(incoming);
        }
    }

    /// Keep the half of the table (at most) whose TATs are furthest ahead: those keys have
    /// been busiest lately, and forgetting them would hand them a fresh burst.
    fn evict_nearest_to_idle(&mut self, incoming: usize) {
        let keep = (self.capacity / 2).min(self.capacity.saturating_sub(incoming));
        let mut tats: Vec<Instant> = self.tats.values().copied().collect();
        let Some(cut) = tats.len().checked_sub(keep + 1) else {
            return;
        };
        let (_, threshold, _) = tats.select_nth_unstable(cut);
        let threshold = *threshold;
        self.tats.retain(|_, tat| *tat > threshold);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn per_minute(limit: u32) -> Quota {
        Quota::new(limit, Duration::from_secs(60)).unwrap()
    }

    #[test]
    fn a_burst_of_the_limit_passes_and_the_next_unit_waits_one_interval() {
        let now = Instant::now();
        let mut buckets = Buckets::new(100, now);
        let quota = per_minute(10);
        for _ in 0..10 {
            assert_eq!(buckets.charge(&[("a", quota, 1)], now), Ok(()));
        }
        assert_eq!(
            buckets.charge(&[("a", quota, 1)], now),
            Err(Duration::from_secs(6))
        );
        assert_eq!(buckets.charge(&[("b", quota, 1)], now), Ok(()), "own key");
        let later = now + Duration::from_secs(6);
        assert_eq!(buckets.charge(&[("a", quota, 1)], later), Ok(()));
        assert!(buckets.charge(&[("a", quota, 1)], later).is_err());
    }

    #[test]
    fn units_count_each_and_more_than_the_burst_never_pass() {
        let now = Instant::now();
        let mut buckets = Buckets::new(100, now);
        let quota = per_minute(10);
        assert_eq!(buckets.charge(&[("a", quota, 7)], now), Ok(()));
        assert_eq!(
            buckets.charge(&[("a", quota, 4)], now),
            Err(Duration::from_secs(6))
        );
        assert_eq!(buckets.charge(&[("a", quota, 3)], now), Ok(()));
        let fresh = buckets.charge(&[("b", quota, 100)], now);
        assert_eq!(fresh, Err(Duration::from_secs(60)));
    }

    #[test]
    fn a_refused_charge_charges_nothing() {
        let now = Instant::now();
        let mut buckets = Buckets::new(100, now);
        let (small, big) = (per_minute(1), per_minute(100));
        assert_eq!(buckets.charge(&[("s", small, 1)], now), Ok(()));
        let both = [("b", big, 1), ("s", small, 1)];
        assert!(buckets.charge(&both, now).is_err());
        for _ in 0..100 {
            assert_eq!(buckets.charge(&[("b", big, 1)], now), Ok(()));
        }
    }

    #[test]
    fn no_quota_for_a_zero_limit() {
        assert_eq!(Quota::new(0, Duration::from_secs(60)), None);
    }

    #[test]
    fn idle_keys_are_swept_and_the_table_never_outgrows_its_capacity() {
        let now = Instant::now();
        let mut buckets = Buckets::new(100, now);
        let quota = per_minute(10);
        for key in 0..1_000u32 {
            let at = now + Duration::from_millis(u64::from(key));
            assert_eq!(buckets.charge(&[(key, quota, 1)], at), Ok(()));
            assert!(buckets.len() <= 100, "{} keys", buckets.len());
        }
        let idle = now + Duration::from_secs(3600);
        assert_eq!(buckets.charge(&[(5_000, quota, 1)], idle), Ok(()));
        assert_eq!(buckets.len(), 1, "every key but the new one was idle");
    }

    #[test]
    fn a_full_table_keeps_its_busiest_keys() {
        let now = Instant::now();
        let mut buckets = Buckets::new(4, now);
        let quota = per_minute(10);
        assert_eq!(buckets.charge(&[("busy", quota, 10)], now), Ok(()));
        for key in ["a", "b", "c", "d", "e", "f"] {
            assert_eq!(buckets.charge(&[(key, quota, 1)], now), Ok(()));
        }
        assert!(buckets.len() <= 4);
        assert!(buckets.charge(&[("busy", quota, 1)], now).is_err());
    }
}
