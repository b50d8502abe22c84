//! In-process token buckets: one instance's own, when no Redis is configured or
//! Redis does not answer.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use super::Take;
use crate::config::BucketLimit;

/// Buckets kept before full ones are forgotten (a full bucket is the same as none).
const PRUNE_AT: usize = 100_000;

#[derive(Default)]
pub struct Buckets(Mutex<HashMap<String, Bucket>>);

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Buckets {
    pub fn take(&self, key: &str, limit: BucketLimit, cost: u64) -> Take {
        self.take_at(key, limit, cost, Instant::now())
    }

    fn take_at(&self, key: &str, limit: BucketLimit, cost: u64, now: Instant) -> Take {
        let mut buckets = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= PRUNE_AT {
            buckets.retain(|_, bucket| refilled(*bucket, limit, now) < limit.burst as f64);
        }
        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket {
            tokens: limit.burst as f64,
            at: now,
        });
        let (bucket_after, take) = decide(*bucket, limit, cost, now);
        *bucket = bucket_after;
        take
    }
}

fn refilled(bucket: Bucket, limit: BucketLimit, now: Instant) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
    (bucket.tokens + elapsed * limit.per_second()).min(limit.burst as f64)
}

/// The bucket after asking it for `cost`, and its answer.
fn decide(bucket: Bucket, limit: BucketLimit, cost: u64, now: Instant) -> (Bucket, Take) {
    let tokens = refilled(bucket, limit, now);
    let cost = cost as f64;
    if tokens >= cost {
        let after = Bucket {
            tokens: tokens - cost,
            at: now,
        };
        return (after, Take::Granted);
    }
    let wait = (cost - tokens) / limit.per_second();
    let refused = Take::Refused {
        retry_after_secs: (wait.ceil() as u64).max(1),
    };
    (Bucket { tokens, at: now }, refused)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    const LIMIT: BucketLimit = BucketLimit {
        burst: 10,
        per_minute: 60,
    };

    #[test]
    fn a_bucket_grants_its_burst_then_refuses_until_it_refills() {
        let buckets = Buckets::default();
        let start = Instant::now();
        assert_eq!(buckets.take_at("k", LIMIT, 6, start), Take::Granted);
        assert_eq!(buckets.take_at("k", LIMIT, 4, start), Take::Granted);
        assert_eq!(
            buckets.take_at("k", LIMIT, 3, start),
            Take::Refused {
                retry_after_secs: 3
            }
        );
        // One token a second: three seconds later three are back.
        let later = start + Duration::from_secs(3);
        assert_eq!(buckets.take_at("k", LIMIT, 3, later), Take::Granted);
        assert_eq!(
            buckets.take_at("k", LIMIT, 1, later),
            Take::Refused {
                retry_after_secs: 1
            }
        );
    }

    #[test]
    fn buckets_are_separate_per_key_and_never_fill_past_their_burst() {
        let buckets = Buckets::default();
        let start = Instant::now();
        assert_eq!(buckets.take_at("a", LIMIT, 10, start), Take::Granted);
        assert_eq!(buckets.take_at("b", LIMIT, 10, start), Take::Granted);
        let much_later = start + Duration::from_secs(3600);
        assert_eq!(buckets.take_at("a", LIMIT, 10, much_later), Take::Granted);
        assert!(matches!(
            buckets.take_at("a", LIMIT, 1, much_later),
            Take::Refused { .. }
        ));
    }
}
