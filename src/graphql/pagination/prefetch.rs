//! Answers fetched ahead of the resolvers that will ask for them, by a statement that
//! read more than its own field (see [`super::with_children`]). A resolver about to
//! ask the loader takes its answer from here first; what nobody takes is dropped with
//! the request. Per request, like the loader, so nothing crosses viewers.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Default)]
pub struct Prefetched {
    /// Set once anything was put: most requests prefetch nothing, and their many
    /// look-ups then skip the lock.
    filled: AtomicBool,
    /// One `HashMap<K, V>` per key and value type, under the map's own type id.
    maps: Mutex<HashMap<TypeId, Box<dyn Any + Send>>>,
}

impl Prefetched {
    pub fn put<K, V>(&self, key: K, value: V)
    where
        K: Eq + Hash + Send + 'static,
        V: Send + 'static,
    {
        let mut maps = self
            .maps
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let map = maps
            .entry(TypeId::of::<HashMap<K, V>>())
            .or_insert_with(|| Box::new(HashMap::<K, V>::new()));
        if let Some(map) = map.downcast_mut::<HashMap<K, V>>() {
            map.insert(key, value);
        }
        self.filled.store(true, Ordering::Release);
    }

    /// The answer for `key`, left for the next field asking too (a parent many rows
    /// share).
    pub fn get<K, V>(&self, key: &K) -> Option<V>
    where
        K: Eq + Hash + Send + 'static,
        V: Clone + Send + 'static,
    {
        self.in_map(|map: &mut HashMap<K, V>| map.get(key).cloned())
    }

    /// The answer for `key`, once: a second field asking the same (an alias) goes to
    /// the loader as usual.
    pub fn take<K, V>(&self, key: &K) -> Option<V>
    where
        K: Eq + Hash + Send + 'static,
        V: Send + 'static,
    {
        self.in_map(|map: &mut HashMap<K, V>| map.remove(key))
    }

    /// `read` of the map of `K` to `V`, if anything was put in it.
    fn in_map<K, V, T>(&self, read: impl FnOnce(&mut HashMap<K, V>) -> Option<T>) -> Option<T>
    where
        K: Eq + Hash + Send + 'static,
        V: Send + 'static,
    {
        if !self.filled.load(Ordering::Acquire) {
            return None;
        }
        let mut maps = self
            .maps
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        read(
            maps.get_mut(&TypeId::of::<HashMap<K, V>>())?
                .downcast_mut::<HashMap<K, V>>()?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Prefetched;

    #[test]
    fn answers_are_kept_apart_by_type_and_taken_once() {
        let prefetched = Prefetched::default();
        assert_eq!(prefetched.take::<i32, u64>(&1), None);
        prefetched.put(1i32, 10u64);
        prefetched.put(1i32, "ten");
        assert_eq!(prefetched.take::<i32, &str>(&1), Some("ten"));
        assert_eq!(prefetched.take::<i32, u64>(&2), None);
        assert_eq!(prefetched.get::<i32, u64>(&1), Some(10));
        assert_eq!(prefetched.take::<i32, u64>(&1), Some(10));
        assert_eq!(prefetched.take::<i32, u64>(&1), None);
    }
}
