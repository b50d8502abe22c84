//! The requests group and its three breakdowns from the request rollups database
//! triggers keep (migration m0022: per street and day of submission, and per street,
//! day, category, channel and level), under the same rule as the other rollups
//! ([`rollups::rolled_up`]: a street or more, a viewer who counts every request under
//! it). A period is cut into whole days, added up from the rollups, and the partial
//! days at either edge, counted from the rows, as the births rollup counts its
//! threshold month. A day is a date in China Standard Time (UTC+8, Asia/Shanghai's
//! offset), worded the same here and in the triggers.
//!
//! What stays on the rows: what depends on now (open, overdue now, and submitted in
//! the period but open past their deadline, read from the open requests alone), the
//! supervision cards (their own table, by time of issue), and what does not add up
//! (the handling-time percentiles).

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, Iterable};

use entity::request;
use entity::request_enums::RequestStatus;
use entity::rollup_request_cells as cells;
use entity::rollup_request_days as days;

use super::rollups::{STREET_DEPTH, rolled_up};
use super::under::Under;
use super::{Period, count_if, request_conditions, scoped};
use crate::access::{Viewer, under_path};

/// The figures the days rollup holds, by their column in it and in [`request_conditions`].
const ADDITIVE: [&str; 13] = [
    "submitted",
    "responded",
    "closed",
    "solved",
    "evaluated",
    "satisfied",
    "on_time",
    "escalated",
    "reworked",
    "extended",
    "repeated",
    "closed_below",
    "closed_within",
];

/// The figures that depend on now, counted from the open requests.
const NOW: [&str; 3] = ["open_now", "overdue_now", "open_overdue"];

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

    /// The requests submitted in the period outside its whole days.
    pub fn edges(self) -> Condition {
        let submitted = || Expr::col((request::Entity, request::Column::SubmittedAt));
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
    fn holds<C: ColumnTrait>(self, day: C) -> Condition {
        let text = |day: NaiveDate| Expr::val(day.format("%Y-%m-%d").to_string());
        Condition::all()
            .add(Expr::col(day).gte(text(self.first)))
            .add(Expr::col(day).lt(text(self.end)))
    }
}

/// Where the request rollups serve `area` over `period`: its path and whole days.
pub(crate) fn days_under<'a>(
    viewer: &Viewer,
    area: Under<'a>,
    period: Period,
) -> Option<(&'a str, WholeDays)> {
    let path = rolled_up::<request::Entity>(viewer, area, STREET_DEPTH)?;
    Some((path, WholeDays::of(period)?))
}

/// The columns of [`super::request_sums`], with their FROM: the whole days' sums from
/// the days rollup plus the edges' from the rows, and the figures of now from the open
/// requests.
pub(crate) fn request_columns(
    select: &mut SelectStatement,
    viewer: &Viewer,
    path: &str,
    days: WholeDays,
    now: DateTime<Utc>,
) {
    let conditions = request_conditions(days.period, now);
    let counted = |names: &[&str], rows: Condition| {
        let mut counts = Query::select();
        for (name, condition) in conditions.iter().filter(|(name, _)| names.contains(name)) {
            counts.expr_as(count_if(condition.clone()), Alias::new(*name));
        }
        counts
            .from(request::Entity)
            .cond_where(scoped::<request::Entity>(viewer, path).add(rows))
            .to_owned()
    };
    let mut whole = Query::select();
    for name in ADDITIVE {
        whole.expr_as(
            super::rollups::total(Expr::col(Alias::new(name))),
            Alias::new(name),
        );
    }
    whole
        .from(days::Entity)
        .cond_where(under_path(days::Column::StreetPath, path))
        .cond_where(days.holds(days::Column::Day));
    // The open requests are few: the status index finds them, where the condition
    // the figures share (not closed, rejected or merged) would read the whole area.
    let open = RequestStatus::iter().filter(|status| {
        !matches!(
            status,
            RequestStatus::Rejected
                | RequestStatus::Merged
                | RequestStatus::ClosedResolved
                | RequestStatus::ClosedUnresolved
        )
    });
    let open = Condition::all().add(request::Column::Status.is_in(open));
    let (whole_days, edges, opens) = (
        Alias::new("whole_days"),
        Alias::new("edges"),
        Alias::new("opens"),
    );
    for name in ADDITIVE {
        let sum = Expr::col((whole_days.clone(), Alias::new(name)))
            .add(Expr::col((edges.clone(), Alias::new(name))));
        select.expr_as(sum, Alias::new(name));
    }
    for name in NOW {
        select.expr_as(
            Expr::col((opens.clone(), Alias::new(name))),
            Alias::new(name),
        );
    }
    select
        .from_subquery(whole, whole_days)
        .from_subquery(counted(&ADDITIVE, days.edges()), edges)
        .from_subquery(counted(&NOW, open), opens);
}

/// The cells of [`super::request_groups`] (category code, channel, level, submitted,
/// closed, solved) of the whole days, from the cells rollup under `path`; the caller
/// adds the edges' from the rows.
pub(crate) fn whole_day_cells(path: &str, days: WholeDays) -> SelectStatement {
    let category = Expr::col((
        entity::request_category::Entity,
        entity::request_category::Column::Code,
    ));
    let channel = Expr::col((cells::Entity, cells::Column::Channel));
    let level = Expr::col((cells::Entity, cells::Column::Level));
    let sum = |column: cells::Column| super::rollups::total(Expr::col((cells::Entity, column)));
    Query::select()
        .expr_as(category.clone(), Alias::new("category"))
        .expr_as(channel.clone(), Alias::new("channel"))
        .expr_as(level.clone(), Alias::new("level"))
        .expr_as(sum(cells::Column::Submitted), Alias::new("submitted"))
        .expr_as(sum(cells::Column::Closed), Alias::new("closed"))
        .expr_as(sum(cells::Column::Solved), Alias::new("solved"))
        .from(cells::Entity)
        .inner_join(
            entity::request_category::Entity,
            Expr::col((
                entity::request_category::Entity,
                entity::request_category::Column::Id,
            ))
            .equals((cells::Entity, cells::Column::CategoryId)),
        )
        .cond_where(under_path(cells::Column::StreetPath, path))
        .cond_where(days.holds(cells::Column::Day))
        .add_group_by([category, channel, level])
        // A cell whose requests all left keeps a row of zeros: no group, as from the rows.
        .and_having(
            super::rollups::total(Expr::col((cells::Entity, cells::Column::Submitted))).gt(0),
        )
        .to_owned()
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
