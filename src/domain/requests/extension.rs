//! Extension requests (延期申请) without a database: what a valid one asks for, and
//! what an approval or a resumption does to the running deadline.

use chrono::{DateTime, Duration, Utc};
use entity::request_enums::ExtensionKind;

use super::sla::WARN_PER_MILLE;

/// The most hours one extension adds (30 days).
pub const MAX_EXTRA_HOURS: i32 = 720;

/// The longest a suspension may last.
pub const MAX_SUSPENSION_DAYS: i64 = 90;

/// A running deadline: when it started, turns yellow, turns red.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Running {
    pub started: DateTime<Utc>,
    pub warn: DateTime<Utc>,
    pub due: DateTime<Utc>,
}

/// Checks what an extension request of `kind` asks for, made at `now`.
pub fn check(
    kind: ExtensionKind,
    extra_hours: Option<i32>,
    suspend_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), String> {
    match (kind, extra_hours, suspend_until) {
        (ExtensionKind::Extend, Some(hours), None) => {
            if (1..=MAX_EXTRA_HOURS).contains(&hours) {
                Ok(())
            } else {
                Err(format!("`extraHours` must be 1 to {MAX_EXTRA_HOURS}"))
            }
        }
        (ExtensionKind::Suspend, None, Some(until)) => {
            if until <= now {
                Err("`suspendUntil` must be in the future".to_owned())
            } else if until > now + Duration::days(MAX_SUSPENSION_DAYS) {
                Err(format!(
                    "a suspension lasts at most {MAX_SUSPENSION_DAYS} days"
                ))
            } else {
                Ok(())
            }
        }
        (ExtensionKind::Extend, _, _) => {
            Err("an EXTEND request gives `extraHours` and no `suspendUntil`".to_owned())
        }
        (ExtensionKind::Suspend, _, _) => {
            Err("a SUSPEND request gives `suspendUntil` and no `extraHours`".to_owned())
        }
    }
}

/// `running` with `hours` more; it turns yellow again at 75 % of its longer span.
pub fn extended(running: Running, hours: i32) -> Running {
    let due = running.due + Duration::hours(i64::from(hours));
    Running {
        warn: running.started + (due - running.started) * WARN_PER_MILLE as i32 / 1000,
        due,
        ..running
    }
}

/// `running`, paused at `paused_at`, taken up again at `now`: every instant moves later
/// by the time paused, so the request has the time left it had.
pub fn resumed(running: Running, paused_at: DateTime<Utc>, now: DateTime<Utc>) -> Running {
    let paused = (now - paused_at).max(Duration::zero());
    Running {
        started: running.started + paused,
        warn: running.warn + paused,
        due: running.due + paused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 15, hour, 0, 0).unwrap()
    }

    #[test]
    fn an_extension_moves_the_due_time_and_the_yellow_mark() {
        let running = Running {
            started: at(0),
            warn: at(6),
            due: at(8),
        };
        let longer = extended(running, 8);
        assert_eq!(longer.due, at(16));
        assert_eq!(longer.warn, at(12), "75 % of sixteen hours");
        assert_eq!(longer.started, at(0));
    }

    #[test]
    fn a_resumed_deadline_keeps_the_time_it_had_left() {
        let running = Running {
            started: at(0),
            warn: at(6),
            due: at(8),
        };
        let later = resumed(running, at(4), at(10));
        assert_eq!((later.warn, later.due), (at(12), at(14)));
        // Resumed "before" it paused (clock skew): nothing moves back.
        assert_eq!(resumed(running, at(10), at(4)), running);
    }

    #[test]
    fn an_extension_request_asks_for_one_thing_within_bounds() {
        let now = at(0);
        let extend = ExtensionKind::Extend;
        let suspend = ExtensionKind::Suspend;
        assert!(check(extend, Some(24), None, now).is_ok());
        assert!(check(extend, Some(0), None, now).is_err());
        assert!(check(extend, Some(MAX_EXTRA_HOURS + 1), None, now).is_err());
        assert!(check(extend, None, None, now).is_err());
        assert!(check(extend, Some(24), Some(at(5)), now).is_err());
        assert!(check(suspend, None, Some(at(5)), now).is_ok());
        assert!(
            check(suspend, None, Some(now), now).is_err(),
            "not in the future"
        );
        let too_far = now + Duration::days(MAX_SUSPENSION_DAYS + 1);
        assert!(check(suspend, None, Some(too_far), now).is_err());
        assert!(check(suspend, Some(2), Some(at(5)), now).is_err());
    }
}
