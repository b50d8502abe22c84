//! How many keys each DataLoader batch carries, for `/metrics`: batches of one key
//! under load mean the batching window is too short; very large ones show where a
//! query fans out.

use std::sync::atomic::{AtomicU64, Ordering};

/// Upper bounds of the histogram's buckets (keys per batch).
pub const BOUNDS: [u64; 8] = [1, 5, 10, 50, 100, 500, 1_000, 5_000];

#[derive(Debug, Default)]
pub struct BatchSizes {
    buckets: [AtomicU64; BOUNDS.len()],
    count: AtomicU64,
    sum: AtomicU64,
}

/// A copy of the counts: per bucket (cumulative, as Prometheus wants), sum, count.
pub struct Snapshot {
    pub cumulative: [u64; BOUNDS.len()],
    pub sum: u64,
    pub count: u64,
}

impl BatchSizes {
    pub fn record(&self, keys: usize) {
        let keys = keys as u64;
        if let Some(bucket) = BOUNDS.iter().position(|bound| keys <= *bound) {
            self.buckets[bucket].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum.fetch_add(keys, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Snapshot {
        let mut cumulative = [0; BOUNDS.len()];
        let mut running = 0;
        for (slot, bucket) in cumulative.iter_mut().zip(&self.buckets) {
            running += bucket.load(Ordering::Relaxed);
            *slot = running;
        }
        Snapshot {
            cumulative,
            sum: self.sum.load(Ordering::Relaxed),
            count: self.count.load(Ordering::Relaxed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_fall_into_cumulative_buckets() {
        let sizes = BatchSizes::default();
        for keys in [1, 3, 3, 80, 20_000] {
            sizes.record(keys);
        }
        let snapshot = sizes.snapshot();
        assert_eq!(snapshot.cumulative, [1, 3, 3, 3, 4, 4, 4, 4]);
        assert_eq!((snapshot.count, snapshot.sum), (5, 20_087));
    }
}
