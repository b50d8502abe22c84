//! The bounded cache of Automatic Persisted Queries: documents by hash, the oldest
//! forgotten first. A forgotten one costs the client one round trip (it is told
//! `PERSISTED_QUERY_NOT_FOUND` and sends the text again).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

/// Documents kept; with `MAX_QUERY_CHARS` at 10,000 that bounds the cache to ~20 MB.
const CAPACITY: usize = 2_000;

#[derive(Default)]
pub struct Cache(Mutex<Entries>);

#[derive(Default)]
struct Entries {
    by_hash: HashMap<String, Arc<str>>,
    order: VecDeque<String>,
}

impl Cache {
    pub fn insert(&self, hash: String, body: Arc<str>) {
        let mut entries = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if entries.by_hash.contains_key(&hash) {
            return;
        }
        if entries.order.len() >= CAPACITY
            && let Some(oldest) = entries.order.pop_front()
        {
            entries.by_hash.remove(&oldest);
        }
        entries.order.push_back(hash.clone());
        entries.by_hash.insert(hash, body);
    }

    pub fn get(&self, hash: &str) -> Option<Arc<str>> {
        let entries = self.0.lock().unwrap_or_else(|p| p.into_inner());
        entries.by_hash.get(hash).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_document_is_forgotten_first() {
        let cache = Cache::default();
        for n in 0..=CAPACITY {
            cache.insert(format!("h{n}"), format!("q{n}").into());
        }
        assert!(cache.get("h0").is_none());
        assert_eq!(cache.get("h1").as_deref(), Some("q1"));
        assert_eq!(
            cache.get(&format!("h{CAPACITY}")).as_deref(),
            Some(&*format!("q{CAPACITY}"))
        );
    }
}
