//! The rules of a service visit's schedule: it ends after it starts, lasts at most
//! eight hours, starts in the future but within 90 days, on whole minutes.

use chrono::{DateTime, Duration, Timelike, Utc};

/// The longest one visit lasts.
pub const MAX_VISIT_HOURS: i64 = 8;
/// How far ahead a visit may be scheduled.
pub const MAX_DAYS_AHEAD: i64 = 90;

/// Checks a visit from `start` to `end` scheduled at `now`.
pub fn validate(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), String> {
    if start >= end {
        return Err("a visit ends after it starts".to_owned());
    }
    if end - start > Duration::hours(MAX_VISIT_HOURS) {
        return Err(format!("a visit lasts at most {MAX_VISIT_HOURS} hours"));
    }
    if start <= now {
        return Err("a visit is scheduled in the future".to_owned());
    }
    if start > now + Duration::days(MAX_DAYS_AHEAD) {
        return Err(format!("a visit starts within {MAX_DAYS_AHEAD} days"));
    }
    let whole = |at: DateTime<Utc>| at.second() == 0 && at.nanosecond() == 0;
    if !whole(start) || !whole(end) {
        return Err("a visit starts and ends on whole minutes".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn visits_are_future_bounded_and_on_whole_minutes() {
        let now = Utc.with_ymd_and_hms(2026, 6, 15, 4, 0, 0).unwrap();
        let at = |h: u32, m: u32, s: u32| Utc.with_ymd_and_hms(2026, 6, 16, h, m, s).unwrap();
        assert!(validate(at(1, 0, 0), at(2, 0, 0), now).is_ok());
        assert!(validate(at(2, 0, 0), at(2, 0, 0), now).is_err());
        assert!(validate(at(1, 0, 0), at(9, 1, 0), now).is_err());
        assert!(validate(at(1, 0, 30), at(2, 0, 0), now).is_err());
        let past = Utc.with_ymd_and_hms(2026, 6, 15, 3, 0, 0).unwrap();
        assert!(validate(past, at(1, 0, 0), now).is_err());
        let far = now + Duration::days(91);
        assert!(validate(far, far + Duration::hours(1), now).is_err());
    }
}
