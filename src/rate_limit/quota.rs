//! Daily quotas of API clients: operations per calendar day in Asia/Shanghai (the day
//! the clients' contracts count in), counted in process or in Redis.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Days, NaiveTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;

/// The day `now` falls on, and the seconds left in it.
pub fn day(now: DateTime<Utc>) -> (String, u64) {
    let local = now.with_timezone(&Shanghai);
    let tomorrow = local.date_naive() + Days::new(1);
    let midnight = Shanghai
        .from_local_datetime(&tomorrow.and_time(NaiveTime::MIN))
        .earliest()
        .map(|midnight| midnight.with_timezone(&Utc))
        .unwrap_or(now);
    let left = (midnight - now).num_seconds().max(1) as u64;
    (local.format("%Y%m%d").to_string(), left)
}

/// Counts of today per client, in process.
#[derive(Default)]
pub struct Counts(Mutex<HashMap<String, (String, u64)>>);

impl Counts {
    /// Counts one more operation for `key` on `day`; the count after it.
    pub fn add(&self, key: &str, day: &str) -> u64 {
        let mut counts = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let entry = counts
            .entry(key.to_owned())
            .or_insert_with(|| (day.to_owned(), 0));
        if entry.0 != day {
            *entry = (day.to_owned(), 0);
        }
        entry.1 += 1;
        entry.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_turns_at_midnight_in_shanghai() {
        // 2026-06-14 23:59:30 in Shanghai is 15:59:30 UTC.
        let late = Utc.with_ymd_and_hms(2026, 6, 14, 15, 59, 30).unwrap();
        assert_eq!(day(late), ("20260614".to_owned(), 30));
        let after = Utc.with_ymd_and_hms(2026, 6, 14, 16, 0, 0).unwrap();
        assert_eq!(day(after).0, "20260615");
    }

    #[test]
    fn counts_start_again_on_a_new_day() {
        let counts = Counts::default();
        assert_eq!(counts.add("c", "20260614"), 1);
        assert_eq!(counts.add("c", "20260614"), 2);
        assert_eq!(counts.add("c", "20260615"), 1);
        assert_eq!(counts.add("d", "20260615"), 1);
    }
}
