//! When volunteer points expire (积分有效期): never, a number of months after they were
//! earned, or at the end of the year they were earned in (Asia/Shanghai). Spending takes
//! the oldest points first, so what is due is the part of the balance older than the
//! cut-off: `min(available, available + held − credited since the cut-off)`. Once that
//! has expired the same formula gives zero, which is what makes the ticker's expiry
//! happen exactly once.

use chrono::{DateTime, Datelike, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;

/// The most months a rule may keep points for (ten years).
pub const MAX_MONTHS: u32 = 120;

/// The rule, from `POINTS_EXPIRY`: `never`, `months:N` or `year-end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExpiryRule {
    #[default]
    Never,
    /// Points expire this many months after they were earned.
    AfterMonths(u32),
    /// Points expire at the end of the year they were earned in.
    YearEnd,
}

impl ExpiryRule {
    pub fn parse(raw: &str) -> Result<ExpiryRule, String> {
        let raw = raw.trim();
        match raw {
            "never" | "" => Ok(ExpiryRule::Never),
            "year-end" => Ok(ExpiryRule::YearEnd),
            _ => {
                let months = raw
                    .strip_prefix("months:")
                    .and_then(|n| n.parse::<u32>().ok())
                    .filter(|n| (1..=MAX_MONTHS).contains(n))
                    .ok_or_else(|| {
                        format!("`{raw}`: use never, year-end or months:N (N 1 to {MAX_MONTHS})")
                    })?;
                Ok(ExpiryRule::AfterMonths(months))
            }
        }
    }

    /// Points credited before this instant have expired at `now`; `None` for never.
    pub fn cutoff(self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            ExpiryRule::Never => None,
            ExpiryRule::AfterMonths(months) => now.checked_sub_months(Months::new(months)),
            ExpiryRule::YearEnd => {
                let year = now.with_timezone(&Shanghai).year();
                let start = NaiveDate::from_ymd_opt(year, 1, 1)?.and_hms_opt(0, 0, 0)?;
                Shanghai
                    .from_local_datetime(&start)
                    .single()
                    .map(|local| local.with_timezone(&Utc))
            }
        }
    }
}

/// Points due to expire from an account with `available` and `held` points of which
/// `recent` were credited since the cut-off (oldest spent first).
pub fn due(available: i64, held: i64, recent: i64) -> i64 {
    (available + held - recent).clamp(0, available.max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn rules_parse_and_refuse_nonsense() {
        assert_eq!(ExpiryRule::parse("never"), Ok(ExpiryRule::Never));
        assert_eq!(ExpiryRule::parse("year-end"), Ok(ExpiryRule::YearEnd));
        assert_eq!(
            ExpiryRule::parse("months:12"),
            Ok(ExpiryRule::AfterMonths(12))
        );
        for bad in ["months:0", "months:121", "months:x", "yearly"] {
            assert!(ExpiryRule::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_cutoff_is_months_back_or_the_local_new_year() {
        let now = at(2027, 7, 15, 4);
        assert_eq!(ExpiryRule::Never.cutoff(now), None);
        assert_eq!(
            ExpiryRule::AfterMonths(12).cutoff(now),
            Some(at(2026, 7, 15, 4))
        );
        // 2027-01-01 00:00 in Shanghai is 2026-12-31 16:00 UTC.
        assert_eq!(ExpiryRule::YearEnd.cutoff(now), Some(at(2026, 12, 31, 16)));
    }

    #[test]
    fn the_oldest_points_go_first_and_only_once() {
        // 100 old, 30 spent, 50 recent: 70 old points are left, and expire.
        assert_eq!(due(120, 0, 50), 70);
        assert_eq!(due(50, 0, 50), 0);
        // Held points are the oldest in use; only available ones expire.
        assert_eq!(due(10, 40, 0), 10);
        assert_eq!(due(0, 40, 0), 0);
        assert_eq!(due(30, 0, 80), 0);
    }
}
