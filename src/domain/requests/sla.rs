//! Deadlines (时限) and their colours. A limit counts hours around the clock or working
//! days (24 hours of each working day in Asia/Shanghai: Monday to Friday, minus holidays,
//! plus make-up working days). A deadline turns YELLOW when 75 % of its time is used and
//! RED when all of it is.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Asia::Shanghai;
use entity::request_enums::LimitUnit;

/// The share of a limit after which a deadline is YELLOW, in per mille.
pub const WARN_PER_MILLE: i64 = 750;

/// Days that are not what their weekday says: holidays (`false`) and make-up working
/// days (`true`).
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    exceptions: HashMap<NaiveDate, bool>,
}

impl Calendar {
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, bool)>) -> Self {
        Calendar {
            exceptions: days.into_iter().collect(),
        }
    }

    pub fn is_working(&self, day: NaiveDate) -> bool {
        self.exceptions
            .get(&day)
            .copied()
            .unwrap_or(!matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
    }
}

/// A limit of an SLA policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub unit: LimitUnit,
    pub amount: i32,
}

/// A running deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub started: DateTime<Utc>,
    pub warn: DateTime<Utc>,
    pub due: DateTime<Utc>,
}

/// How a running deadline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlaState {
    Normal,
    Yellow,
    Red,
}

/// The deadline of `limit` started at `start`.
pub fn window(start: DateTime<Utc>, limit: Limit, calendar: &Calendar) -> Window {
    let (total, advance): (i64, fn(_, _, _) -> _) = match limit.unit {
        LimitUnit::Hours => (i64::from(limit.amount) * 3600, add_clock),
        LimitUnit::WorkingDays => (i64::from(limit.amount) * 86_400, add_working),
    };
    Window {
        started: start,
        warn: advance(start, total * WARN_PER_MILLE / 1000, calendar),
        due: advance(start, total, calendar),
    }
}

/// The colour of a deadline at `now`.
pub fn state(now: DateTime<Utc>, warn: DateTime<Utc>, due: DateTime<Utc>) -> SlaState {
    if now >= due {
        SlaState::Red
    } else if now >= warn {
        SlaState::Yellow
    } else {
        SlaState::Normal
    }
}

fn add_clock(start: DateTime<Utc>, seconds: i64, _: &Calendar) -> DateTime<Utc> {
    start + Duration::seconds(seconds)
}

/// Ten years of days off in a row cannot happen; the bound only guards the loop.
const MAX_DAYS: u32 = 3660;

/// `start` plus `seconds` counted on working days only.
fn add_working(start: DateTime<Utc>, seconds: i64, calendar: &Calendar) -> DateTime<Utc> {
    let mut cursor = start;
    let mut left = seconds;
    for _ in 0..MAX_DAYS {
        let day = cursor.with_timezone(&Shanghai).date_naive();
        let midnight = next_midnight(day);
        if calendar.is_working(day) {
            let span = (midnight - cursor).num_seconds();
            if left <= span {
                return cursor + Duration::seconds(left);
            }
            left -= span;
        }
        cursor = midnight;
    }
    cursor
}

/// The start of the day after `day` in Asia/Shanghai (no DST there), in UTC.
fn next_midnight(day: NaiveDate) -> DateTime<Utc> {
    let next = day
        .succ_opt()
        .unwrap_or(day)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    Shanghai
        .from_local_datetime(&next)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&next))
}

#[cfg(test)]
#[path = "sla_tests.rs"]
mod tests;
