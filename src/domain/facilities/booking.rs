//! Which time ranges a facility can be booked for: in the future (within 90 days),
//! on one local day (Asia/Shanghai), inside one of its opening periods. Whether the
//! range is still free is the database's to say, under a lock.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Timelike, Utc};
use chrono_tz::Asia::Shanghai;

use super::opening_hours::OpeningPeriod;

/// How far ahead a booking may start.
pub const MAX_DAYS_AHEAD: i64 = 90;

/// The longest purpose, in characters.
pub const MAX_PURPOSE_CHARS: usize = 200;

/// A requested range, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSlot {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub purpose: String,
}

/// Checks a requested booking against the facility's opening `periods`.
pub fn validate(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    purpose: &str,
    periods: &[OpeningPeriod],
    now: DateTime<Utc>,
) -> Result<ValidSlot, String> {
    let purpose = purpose.trim();
    if purpose.is_empty() || purpose.chars().count() > MAX_PURPOSE_CHARS {
        return Err(format!(
            "`purpose` must be 1 to {MAX_PURPOSE_CHARS} characters"
        ));
    }
    if starts_at >= ends_at {
        return Err("`startsAt` must be before `endsAt`".to_owned());
    }
    if starts_at <= now {
        return Err("a booking starts in the future".to_owned());
    }
    if starts_at > now + Duration::days(MAX_DAYS_AHEAD) {
        return Err(format!("a booking starts within {MAX_DAYS_AHEAD} days"));
    }
    let (weekday, from, to) = local_range(starts_at, ends_at)
        .ok_or_else(|| "a booking lies within one local day".to_owned())?;
    let inside = periods.iter().any(|period| {
        u32::from(period.weekday) == weekday
            && u32::from(period.opens_at) <= from
            && to <= u32::from(period.closes_at)
    });
    if !inside {
        return Err("the facility is not open for the whole of that time".to_owned());
    }
    Ok(ValidSlot {
        starts_at,
        ends_at,
        purpose: purpose.to_owned(),
    })
}

/// The local weekday (1 = Monday) and minutes after midnight of both ends; an end at
/// the next midnight counts as minute 1440 of the same day.
fn local_range(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Option<(u32, u32, u32)> {
    let start = starts_at.with_timezone(&Shanghai);
    let end = ends_at.with_timezone(&Shanghai);
    let minutes = |time: NaiveTime| time.hour() * 60 + time.minute();
    let to = if end.date_naive() == start.date_naive() {
        minutes(end.time())
    } else if end.date_naive() == start.date_naive().succ_opt()? && end.time() == NaiveTime::MIN {
        24 * 60
    } else {
        return None;
    };
    // Seconds inside a minute would let a range slip past a period's end.
    if start.second() != 0 || end.second() != 0 || start.nanosecond() != 0 {
        return None;
    }
    Some((
        start.weekday().number_from_monday(),
        minutes(start.time()),
        to,
    ))
}

/// Whether two half-open ranges share an instant.
pub fn overlaps<T: PartialOrd>(a: (T, T), b: (T, T)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    /// Local (Asia/Shanghai) time on a day of June 2026; 15 June is a Monday.
    fn local(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        Shanghai
            .with_ymd_and_hms(2026, 6, day, hour, minute, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn monday_nine_to_five() -> Vec<OpeningPeriod> {
        vec![OpeningPeriod {
            weekday: 1,
            opens_at: 9 * 60,
            closes_at: 17 * 60,
        }]
    }

    fn check(starts: DateTime<Utc>, ends: DateTime<Utc>) -> Result<ValidSlot, String> {
        validate(
            starts,
            ends,
            " meeting ",
            &monday_nine_to_five(),
            local(15, 8, 0),
        )
    }

    #[test]
    fn a_range_inside_a_period_is_accepted_edges_included() {
        let slot = check(local(15, 9, 0), local(15, 17, 0)).unwrap();
        assert_eq!(slot.purpose, "meeting");
        assert!(check(local(22, 16, 0), local(22, 17, 0)).is_ok());
    }

    #[test]
    fn a_range_past_closing_or_on_a_closed_day_is_refused() {
        assert!(check(local(15, 16, 0), local(15, 17, 1)).is_err());
        assert!(check(local(15, 8, 59), local(15, 10, 0)).is_err());
        // 16 June is a Tuesday.
        assert!(check(local(16, 10, 0), local(16, 11, 0)).is_err());
    }

    #[test]
    fn weekdays_are_local_not_utc() {
        // Monday 07:00 local is Sunday 23:00 UTC: a UTC weekday would refuse it.
        let early = vec![OpeningPeriod {
            weekday: 1,
            opens_at: 6 * 60,
            closes_at: 8 * 60,
        }];
        let now = local(14, 12, 0);
        assert!(validate(local(15, 7, 0), local(15, 8, 0), "x", &early, now).is_ok());
    }

    #[test]
    fn past_far_inverted_multi_day_and_unnamed_ranges_are_refused() {
        assert!(check(local(15, 10, 0), local(15, 9, 30)).is_err());
        let now = local(15, 12, 0);
        let hours = monday_nine_to_five();
        assert!(validate(local(15, 10, 0), local(15, 11, 0), "x", &hours, now).is_err());
        assert!(validate(local(15, 13, 0), local(16, 11, 0), "x", &hours, now).is_err());
        let far = Shanghai.with_ymd_and_hms(2026, 9, 21, 10, 0, 0).unwrap();
        let far = far.with_timezone(&Utc);
        assert!(validate(far, far + Duration::hours(1), "x", &hours, now).is_err());
        assert!(validate(local(22, 10, 0), local(22, 11, 0), "  ", &hours, now).is_err());
    }

    #[test]
    fn a_period_to_midnight_takes_a_booking_to_midnight() {
        let evening = vec![OpeningPeriod {
            weekday: 1,
            opens_at: 18 * 60,
            closes_at: 24 * 60,
        }];
        let now = local(14, 12, 0);
        assert!(validate(local(15, 22, 0), local(16, 0, 0), "x", &evening, now).is_ok());
        assert!(validate(local(15, 22, 0), local(16, 0, 30), "x", &evening, now).is_err());
    }

    #[test]
    fn touching_ranges_do_not_overlap() {
        assert!(!overlaps((1, 2), (2, 3)));
        assert!(overlaps((1, 3), (2, 4)));
        assert!(overlaps((1, 4), (2, 3)));
    }
}
