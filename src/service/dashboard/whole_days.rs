//! A dashboard's period cut at local midnights, for the rollups kept per street and day
//! (migrations m0022, m0023): whole days are added up from a rollup, the partial days
//! at either edge counted from the rows, as the births rollup counts its threshold
//! month. A day is a date in China Standard Time (UTC+8, Asia/Shanghai's offset since
//! 1991), worded the same here and in the triggers that key the rollups, so a row
//! falls in a whole day exactly when the rollup counts it there.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Expr, ExprTrait};

use super::Period;
use super::rollups::{STREET_DEPTH, rolled_up};
use super::under::Under;
use crate::access::{Scoped, Viewer};

/// A period cut at local midnights: the whole days `[first, end)` and the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WholeDays {
    pub first: NaiveDate,
    pub end: NaiveDate,
    pub period: Period,
}

/// The offset a day is counted in.
fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The instant a day starts.
fn start(day: NaiveDate) -> DateTime<Utc> {
    china()
        .from_local_datetime(&day.and_time(NaiveTime::MIN))
        .single()
        .expect("a fixed offset maps every local time once")
        .with_timezone(&Utc)
}

impl WholeDays {
    /// The whole days inside the period, if any.
    pub fn of(period: Period) -> Option<WholeDays> {
        let local = |at: DateTime<Utc>| at.with_timezone(&china()).date_naive();
        let from_day = local(period.from);
        let first = if start(from_day) == period.from {
            from_day
        } else {
            from_day.checked_add_days(Days::new(1))?
        };
        let end = local(period.to);
        (first < end).then_some(WholeDays { first, end, period })
    }

    /// The rows whose time `at` lies in the period outside its whole days.
    pub fn edges<C: ColumnTrait>(self, at: C) -> Condition {
        let submitted = || Expr::col(at.as_column_ref());
        let between = |from: DateTime<Utc>, to: DateTime<Utc>| {
            Condition::all()
                .add(submitted().gte(from))
                .add(submitted().lt(to))
        };
        Condition::any()
            .add(between(self.period.from, start(self.first)))
            .add(between(start(self.end), self.period.to))
    }

    /// The rollup rows of the whole days.
    pub fn holds<C: ColumnTrait>(self, day: C) -> Condition {
        let text = |day: NaiveDate| Expr::val(day.format("%Y-%m-%d").to_string());
        Condition::all()
            .add(Expr::col(day).gte(text(self.first)))
            .add(Expr::col(day).lt(text(self.end)))
    }
}

/// Where a rollup of `E` per street and day serves `area` over `period`: its path and
/// whole days.
pub(crate) fn days_under<'a, E: Scoped>(
    viewer: &Viewer,
    area: Under<'a>,
    period: Period,
) -> Option<(&'a str, WholeDays)> {
    let path = rolled_up::<E>(viewer, area, STREET_DEPTH)?;
    Some((path, WholeDays::of(period)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_period_from_local_midnight_to_local_midnight_is_all_whole_days() {
        let period = Period {
            from: at("2026-01-01T00:00:00+08:00"),
            to: at("2027-01-01T00:00:00+08:00"),
        };
        let days = WholeDays::of(period).unwrap();
        assert_eq!(
            (days.first, days.end),
            (day("2026-01-01"), day("2027-01-01"))
        );
    }

    #[test]
    fn partial_days_at_either_edge_are_left_to_the_rows() {
        // UTC midnight is 08:00 in China: the first local day is partial.
        let period = Period {
            from: at("2026-01-01T00:00:00Z"),
            to: at("2026-03-01T00:00:00Z"),
        };
        let days = WholeDays::of(period).unwrap();
        assert_eq!(
            (days.first, days.end),
            (day("2026-01-02"), day("2026-03-01"))
        );
        assert_eq!(start(days.first), at("2026-01-01T16:00:00Z"));
        // One second past midnight: that day is partial too.
        let period = Period {
            from: at("2026-01-01T16:00:01Z"),
            to: at("2026-01-03T16:00:00Z"),
        };
        let days = WholeDays::of(period).unwrap();
        assert_eq!(
            (days.first, days.end),
            (day("2026-01-03"), day("2026-01-04"))
        );
    }

    #[test]
    fn a_period_within_one_day_has_no_whole_day() {
        let period = Period {
            from: at("2026-05-01T01:00:00+08:00"),
            to: at("2026-05-02T00:00:00+08:00"),
        };
        assert_eq!(WholeDays::of(period), None);
    }
}
